//! The audit log: append-only, hash-chained per village.
//!
//! Each entry's hash covers the previous entry's hash and all of its own fields, so altering,
//! removing or reordering any row breaks the chain from that row on.

use crate::db::Tx;
use crate::{Aktor, Galat, Store, on_db, on_tx};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EntriAudit {
    pub desa_id: String,
    pub urut: i64,
    pub waktu: DateTime<Utc>,
    pub aktor: String,
    pub aksi: String,
    pub objek: String,
    pub objek_id: String,
    pub sebelum: Option<String>,
    pub sesudah: Option<String>,
    pub hash_sebelum: String,
    pub hash: String,
}

/// One change to record.
pub struct Catatan<'a> {
    pub desa_id: &'a str,
    pub aktor: &'a Aktor,
    pub aksi: &'a str,
    pub objek: &'a str,
    pub objek_id: String,
    pub sebelum: Option<Value>,
    pub sesudah: Option<Value>,
}

#[allow(clippy::too_many_arguments)]
fn hitung_hash(
    hash_sebelum: &str,
    desa_id: &str,
    urut: i64,
    waktu: &DateTime<Utc>,
    aktor: &str,
    aksi: &str,
    objek: &str,
    objek_id: &str,
    sebelum: Option<&str>,
    sesudah: Option<&str>,
) -> String {
    let kanonik = serde_json::json!([
        hash_sebelum,
        desa_id,
        urut,
        waktu.to_rfc3339_opts(SecondsFormat::Micros, true),
        aktor,
        aksi,
        objek,
        objek_id,
        sebelum,
        sesudah
    ]);
    hex::encode(Sha256::digest(kanonik.to_string().as_bytes()))
}

/// Appends one entry inside the caller's transaction, so the change and its record commit together.
pub async fn catat(tx: &mut Tx, waktu: DateTime<Utc>, c: Catatan<'_>) -> Result<(), Galat> {
    let sebelum = c.sebelum.map(|v| v.to_string());
    let sesudah = c.sesudah.map(|v| v.to_string());
    let aktor = c.aktor.0.as_str();
    on_tx!(tx, k => {
        // One statement creates or advances the village's chain head. The row lock it takes on
        // PostgreSQL serialises the entries of one village.
        let (urut, hash_sebelum): (i64, String) = sqlx::query_as(
            "INSERT INTO audit_kepala (desa_id, urut, hash) VALUES ($1, 1, '') \
             ON CONFLICT (desa_id) DO UPDATE SET urut = audit_kepala.urut + 1 RETURNING urut, hash")
            .bind(c.desa_id).fetch_one(&mut *k).await?;
        let hash = hitung_hash(&hash_sebelum, c.desa_id, urut, &waktu, aktor, c.aksi, c.objek,
            &c.objek_id, sebelum.as_deref(), sesudah.as_deref());
        sqlx::query("INSERT INTO audit (desa_id, urut, waktu, aktor, aksi, objek, objek_id, sebelum, sesudah, hash_sebelum, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(c.desa_id).bind(urut).bind(waktu).bind(aktor).bind(c.aksi).bind(c.objek)
            .bind(&c.objek_id).bind(&sebelum).bind(&sesudah).bind(&hash_sebelum).bind(&hash)
            .execute(&mut *k).await?;
        sqlx::query("UPDATE audit_kepala SET hash = $2 WHERE desa_id = $1")
            .bind(c.desa_id).bind(&hash).execute(&mut *k).await?;
    });
    Ok(())
}

/// The audit chain of one village inside one long write transaction (imports, demo data):
/// the head is read and locked once, entries are inserted in multi-row batches, and the head is
/// written back once at the end, instead of three statements per entry.
/// urut, aktor, aksi, objek, objek_id, sebelum, sesudah, hash_sebelum, hash.
type EntriTunda = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

pub(crate) struct RantaiTunda {
    desa_id: String,
    kepala: Option<(i64, String)>,
    tunda: Vec<EntriTunda>,
}

/// Entries per INSERT (11 parameters each).
const BATCH_AUDIT: usize = 40;

impl RantaiTunda {
    pub(crate) fn baru(desa_id: &str) -> Self {
        RantaiTunda {
            desa_id: desa_id.to_string(),
            kepala: None,
            tunda: Vec::new(),
        }
    }

    pub(crate) async fn catat(
        &mut self,
        tx: &mut Tx,
        waktu: DateTime<Utc>,
        c: Catatan<'_>,
    ) -> Result<(), Galat> {
        if c.desa_id != self.desa_id {
            return catat(tx, waktu, c).await;
        }
        let (urut, hash_sebelum) = match self.kepala.take() {
            Some(k) => k,
            None => {
                // Takes the head's row lock (PostgreSQL) for the rest of the transaction.
                on_tx!(tx, k => sqlx::query_as::<_, (i64, String)>(
                    "INSERT INTO audit_kepala (desa_id, urut, hash) VALUES ($1, 0, '') \
                     ON CONFLICT (desa_id) DO UPDATE SET urut = audit_kepala.urut RETURNING urut, hash")
                    .bind(c.desa_id).fetch_one(&mut *k).await?)
            }
        };
        let urut = urut + 1;
        let sebelum = c.sebelum.map(|v| v.to_string());
        let sesudah = c.sesudah.map(|v| v.to_string());
        let hash = hitung_hash(
            &hash_sebelum,
            c.desa_id,
            urut,
            &waktu,
            &c.aktor.0,
            c.aksi,
            c.objek,
            &c.objek_id,
            sebelum.as_deref(),
            sesudah.as_deref(),
        );
        self.tunda.push((
            urut,
            c.aktor.0.clone(),
            c.aksi.to_string(),
            c.objek.to_string(),
            c.objek_id,
            sebelum,
            sesudah,
            hash_sebelum,
            hash.clone(),
        ));
        self.kepala = Some((urut, hash));
        if self.tunda.len() >= BATCH_AUDIT {
            self.tulis(tx, waktu).await?;
        }
        Ok(())
    }

    async fn tulis(&mut self, tx: &mut Tx, waktu: DateTime<Utc>) -> Result<(), Galat> {
        if self.tunda.is_empty() {
            return Ok(());
        }
        let mut sql = String::from(
            "INSERT INTO audit (desa_id, urut, waktu, aktor, aksi, objek, objek_id, sebelum, sesudah, hash_sebelum, hash) VALUES ",
        );
        for i in 0..self.tunda.len() {
            let b = i * 11;
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            sql.push_str(
                &(1..=11)
                    .map(|j| format!("${}", b + j))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            sql.push(')');
        }
        let baris = std::mem::take(&mut self.tunda);
        on_tx!(tx, k => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for r in &baris {
                q = q.bind(&self.desa_id).bind(r.0).bind(waktu).bind(&r.1).bind(&r.2).bind(&r.3).bind(&r.4)
                    .bind(&r.5).bind(&r.6).bind(&r.7).bind(&r.8);
            }
            q.execute(&mut *k).await?;
        });
        Ok(())
    }

    /// Writes what is pending and the new head; call before committing.
    pub(crate) async fn selesai(&mut self, tx: &mut Tx, waktu: DateTime<Utc>) -> Result<(), Galat> {
        self.tulis(tx, waktu).await?;
        if let Some((urut, hash)) = &self.kepala {
            on_tx!(tx, k => sqlx::query("UPDATE audit_kepala SET urut = $2, hash = $3 WHERE desa_id = $1")
                .bind(&self.desa_id).bind(urut).bind(hash).execute(&mut *k).await?.rows_affected());
        }
        Ok(())
    }
}

/// Filters for browsing the log.
#[derive(Debug, Default, Clone)]
pub struct SaringAudit {
    pub aksi: Option<String>,
    pub objek_id: Option<String>,
    pub aktor: Option<String>,
    /// Show entries with `urut` below this (keyset paging, newest first).
    pub sebelum_urut: Option<i64>,
    pub batas: i64,
}

/// Result of checking one village's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HasilVerifikasi {
    pub desa_id: String,
    pub jumlah: i64,
    /// The first entry whose hash does not follow, if any.
    pub rusak_pada: Option<i64>,
}

impl Store {
    /// Records an action that changes nothing else (a staff member opening a record, a login).
    pub async fn catat_audit(&self, c: Catatan<'_>) -> Result<(), Galat> {
        let mut tx = self.db.begin().await?;
        catat(&mut tx, self.sekarang(), c).await?;
        tx.commit().await
    }

    /// People's names for the actor ids a page shows ("pengguna:operator" → the account's name,
    /// "warga:<id>" → the resident's name), so no screen shows an internal id.
    pub async fn nama_aktor(
        &self,
        desa_id: &str,
        aktor: &[&str],
    ) -> Result<std::collections::HashMap<String, String>, Galat> {
        let mut nama = std::collections::HashMap::new();
        // A page names a handful of people: one small lookup each, once.
        let beda: std::collections::BTreeSet<&str> = aktor.iter().copied().collect();
        for a in beda {
            let n: Option<String> = if let Some(u) = a.strip_prefix("pengguna:") {
                on_db!(&self.db, p => sqlx::query_scalar(
                    "SELECT nama FROM pengguna WHERE username = $1")
                    .bind(u).fetch_optional(p).await)?
            } else if let Some(id) = a
                .strip_prefix("warga:")
                .and_then(|i| uuid::Uuid::parse_str(i).ok())
            {
                let n: Option<String> = on_db!(&self.db, p => sqlx::query_scalar(
                    "SELECT nama FROM penduduk WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).fetch_optional(p).await)?;
                n.map(|n| format!("{n} (layanan mandiri)"))
            } else {
                None
            };
            if let Some(n) = n {
                nama.insert(a.to_string(), n);
            }
        }
        Ok(nama)
    }

    /// Records, in one transaction, that someone saw the data of each of these residents (a
    /// search result list).
    pub async fn catat_akses_penduduk(
        &self,
        desa_id: &str,
        aktor: &Aktor,
        aksi: &str,
        penduduk: &[uuid::Uuid],
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        // One head lock and batched inserts: a list of hundreds costs a few statements, not
        // three per person.
        let mut rantai = RantaiTunda::baru(desa_id);
        for id in penduduk {
            rantai
                .catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi,
                        objek: "penduduk",
                        objek_id: id.to_string(),
                        sebelum: None,
                        sesudah: None,
                    },
                )
                .await?;
        }
        rantai.selesai(&mut tx, now).await?;
        tx.commit().await
    }

    /// Records that someone opened, downloaded or exported personal data (UU 27/2022).
    pub async fn catat_akses(
        &self,
        desa_id: &str,
        aktor: &Aktor,
        aksi: &str,
        objek: &str,
        objek_id: String,
    ) -> Result<(), Galat> {
        self.catat_audit(Catatan {
            desa_id,
            aktor,
            aksi,
            objek,
            objek_id,
            sebelum: None,
            sesudah: None,
        })
        .await
    }

    pub async fn daftar_audit(
        &self,
        desa_id: &str,
        s: &SaringAudit,
    ) -> Result<Vec<EntriAudit>, Galat> {
        let mut sql = String::from("SELECT * FROM audit WHERE desa_id = $1");
        let mut n = 1;
        let mut ikat: Vec<String> = Vec::new();
        for (kolom, nilai) in [
            ("aksi", &s.aksi),
            ("objek_id", &s.objek_id),
            ("aktor", &s.aktor),
        ] {
            if let Some(v) = nilai.as_ref().filter(|v| !v.is_empty()) {
                n += 1;
                sql.push_str(&format!(" AND {kolom} = ${n}"));
                ikat.push(v.clone());
            }
        }
        if s.sebelum_urut.is_some() {
            n += 1;
            sql.push_str(&format!(" AND urut < ${n}"));
        }
        sql.push_str(&format!(
            " ORDER BY urut DESC LIMIT {}",
            s.batas.clamp(1, 500)
        ));
        let hasil = on_db!(&self.db, p => {
            let mut q = sqlx::query_as::<_, EntriAudit>(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for v in &ikat { q = q.bind(v); }
            if let Some(u) = s.sebelum_urut { q = q.bind(u); }
            q.fetch_all(p).await
        })?;
        Ok(hasil)
    }

    /// Walks every village's chain in order and reports the first broken link of each. Villages
    /// are taken from the chain heads too, so a log emptied behind Balai's back is reported.
    pub async fn verifikasi_audit(&self) -> Result<Vec<HasilVerifikasi>, Galat> {
        let desa: Vec<String> = on_db!(&self.db, p =>
            sqlx::query_scalar("SELECT desa_id FROM audit_kepala UNION SELECT desa_id FROM audit ORDER BY 1").fetch_all(p).await)?;
        let mut hasil = Vec::new();
        for d in desa {
            hasil.push(self.verifikasi_audit_desa(&d).await?);
        }
        Ok(hasil)
    }

    pub async fn verifikasi_audit_desa(&self, desa_id: &str) -> Result<HasilVerifikasi, Galat> {
        let mut hash_sebelum = String::new();
        let mut urut_harap = 1i64;
        let mut jumlah = 0i64;
        let mut rusak_pada = None;
        let mut dari = 0i64;
        // Read in pages so a long log does not sit in memory at once.
        'luar: loop {
            let baris: Vec<EntriAudit> = on_db!(&self.db, p =>
                sqlx::query_as("SELECT * FROM audit WHERE desa_id = $1 AND urut > $2 ORDER BY urut LIMIT 2000")
                    .bind(desa_id).bind(dari).fetch_all(p).await)?;
            if baris.is_empty() {
                break;
            }
            for e in &baris {
                jumlah += 1;
                dari = e.urut;
                let hash = hitung_hash(
                    &hash_sebelum,
                    &e.desa_id,
                    e.urut,
                    &e.waktu,
                    &e.aktor,
                    &e.aksi,
                    &e.objek,
                    &e.objek_id,
                    e.sebelum.as_deref(),
                    e.sesudah.as_deref(),
                );
                if e.urut != urut_harap || e.hash_sebelum != hash_sebelum || e.hash != hash {
                    rusak_pada = Some(e.urut);
                    break 'luar;
                }
                hash_sebelum = e.hash.clone();
                urut_harap += 1;
            }
        }
        if rusak_pada.is_none() {
            let kepala: Option<(i64, String)> = on_db!(&self.db, p =>
                sqlx::query_as("SELECT urut, hash FROM audit_kepala WHERE desa_id = $1").bind(desa_id).fetch_optional(p).await)?;
            // Rows removed from the end leave the head pointing past the last row.
            if let Some((urut, hash)) = kepala
                && (urut != urut_harap - 1 || hash != hash_sebelum)
            {
                rusak_pada = Some(urut_harap);
            }
        }
        Ok(HasilVerifikasi {
            desa_id: desa_id.to_string(),
            jumlah,
            rusak_pada,
        })
    }
}
