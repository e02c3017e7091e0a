//! The review queue: true conflicts, with both values, until a person chooses one.

use super::Sinkron;
use super::skema::{self, ke_nilai, penampung};
use crate::{Aktor, Galat, audit, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Konflik {
    pub desa_id: String,
    pub id: uuid::Uuid,
    pub tabel: String,
    pub kunci: String,
    pub kolom: String,
    pub nilai_desa: Option<String>,
    pub nilai_pusat: Option<String>,
    pub dibuat_pada: DateTime<Utc>,
    pub diselesaikan_pada: Option<DateTime<Utc>>,
    pub diselesaikan_oleh: Option<String>,
    pub pilihan: Option<String>,
}

impl Konflik {
    /// The record's own page, for the tables that have one.
    pub fn tautan(&self) -> Option<String> {
        let jalur = match self.tabel.as_str() {
            "penduduk" => "penduduk",
            "keluarga" => "keluarga",
            "rumah_tangga" => "rumah-tangga",
            "surat" => "surat",
            _ => return None,
        };
        let kunci: Vec<Value> = serde_json::from_str(&self.kunci).ok()?;
        let id = kunci.get(1)?.as_str()?;
        Some(format!("/desa/{}/{jalur}/{id}", self.desa_id))
    }

    /// A value as shown to a person: text without quotes, files and empties in words.
    pub fn tampil(v: &Option<String>) -> String {
        match v.as_deref().map(serde_json::from_str::<Value>) {
            None | Some(Ok(Value::Null)) => "(kosong)".into(),
            Some(Ok(Value::String(s))) => s,
            Some(Ok(v)) if v.get("sha256").is_some() => "(berkas)".into(),
            Some(Ok(v)) => v.to_string(),
            Some(Err(_)) => "(tidak terbaca)".into(),
        }
    }
}

const KOLOM: &str = "desa_id, id, tabel, kunci, kolom, nilai_desa, nilai_pusat, dibuat_pada, \
                     diselesaikan_pada, diselesaikan_oleh, pilihan";

impl Sinkron<'_> {
    pub async fn daftar_konflik(
        &self,
        desa_id: &str,
        terbuka_saja: bool,
    ) -> Result<Vec<Konflik>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM sinkron_konflik WHERE desa_id = $1 {} ORDER BY dibuat_pada LIMIT 500",
            if terbuka_saja {
                "AND diselesaikan_pada IS NULL"
            } else {
                ""
            }
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(desa_id).fetch_all(p).await)?,
        )
    }

    /// Settles a conflict with the village's or the server's value. The chosen value is written
    /// as an ordinary change, so it travels to the other side like any edit.
    pub async fn selesaikan_konflik(
        &self,
        desa_id: &str,
        id: uuid::Uuid,
        pilihan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        if pilihan != "desa" && pilihan != "pusat" {
            return Err(Galat::isian(
                "pilihan",
                "pilih nilai desa atau nilai kabupaten",
            ));
        }
        let waktu = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let sql = format!("SELECT {KOLOM} FROM sinkron_konflik WHERE desa_id = $1 AND id = $2");
        let k: Konflik = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(desa_id).bind(id).fetch_optional(&mut *c).await?)
        .ok_or(Galat::TidakDitemukan)?;
        if k.diselesaikan_pada.is_some() {
            return Err(Galat::Konflik(
                "konflik ini sudah diselesaikan oleh orang lain".into(),
            ));
        }
        let t = skema::tabel(&k.tabel)?;
        let pg = tx.is_postgres();
        let kunci: Value =
            serde_json::from_str(&k.kunci).map_err(|e| Galat::Lain(e.to_string()))?;
        let mut nilai = skema::nilai_kunci(t, &kunci, pg)?;
        if k.kolom.starts_with("(baris ganda") || k.kolom.starts_with("(induk") {
            // Settled by hand (renumber or merge the records); the choice only closes it.
        } else if k.kolom == "(baris dihapus)" {
            if pilihan == "pusat" {
                let sql = format!(
                    "DELETE FROM {} WHERE {}",
                    t.nama,
                    skema::syarat_kunci(t, 1, pg)
                );
                on_tx!(&mut tx, c => {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for n in &nilai { q = crate::ikat!(q, n); }
                    q.execute(&mut *c).await?;
                });
            }
        } else {
            let kol = t
                .kolom(&k.kolom)
                .ok_or_else(|| Galat::Lain("kolom tidak dikenal".into()))?;
            let dipilih = if pilihan == "desa" {
                &k.nilai_desa
            } else {
                &k.nilai_pusat
            };
            let v: Value = dipilih
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| Galat::Lain(e.to_string()))?
                .unwrap_or(Value::Null);
            if v.get("sha256").is_none() {
                let n = ke_nilai(kol, &v, pg, &HashMap::new())?;
                let sql = format!(
                    "UPDATE {} SET {} = {} WHERE {}",
                    t.nama,
                    kol.nama,
                    penampung(kol, 1, pg),
                    skema::syarat_kunci(t, 2, pg)
                );
                nilai.insert(0, n);
                on_tx!(&mut tx, c => {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for n in &nilai { q = crate::ikat!(q, n); }
                    q.execute(&mut *c).await?;
                });
            }
        }
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE sinkron_konflik SET diselesaikan_pada = $3, diselesaikan_oleh = $4, pilihan = $5 \
             WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(waktu).bind(&aktor.0).bind(pilihan).execute(&mut *c).await?.rows_affected());
        audit::catat(
            &mut tx,
            waktu,
            audit::Catatan {
                desa_id,
                aktor,
                aksi: "sinkron.konflik_diselesaikan",
                objek: &k.tabel,
                objek_id: k.kunci.clone(),
                sebelum: None,
                sesudah: Some(serde_json::json!({ "kolom": k.kolom, "pilihan": pilihan })),
            },
        )
        .await?;
        tx.commit().await
    }
}
