//! District sync: a village node (SQLite, offline most of the time) and the district server
//! exchange changes through an append-only, hash-chained change log (docs/sinkron.md).
//!
//! - `pemicu`: triggers write every change of a synced table into `perubahan`;
//! - `segel`: turns those raw images into canonical, ordered, hash-chained entries;
//! - `terap`: applies the other side's entries, with the merge and conflict rules;
//! - this file: the node's state, credentials, the exchange itself and the review queue.

mod jaringan;
pub mod kemas;
pub mod klien;
mod konflik;
pub(crate) mod pemicu;
pub mod segel;
pub mod skema;
pub mod tabel;
mod terap;

pub use jaringan::{DesaJaringan, UmpanPerubahan};
pub use klien::{HasilSinkron, Saluran, SaluranLangsung};
pub use konflik::Konflik;
pub use segel::Entri;

use crate::{Aktor, Galat, Store, audit, id_baru, on_db, on_tx};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// Binds a `skema::Nilai` to a query on either backend.
#[macro_export]
macro_rules! ikat {
    ($q:expr, $n:expr) => {
        match $n {
            $crate::sinkron::skema::Nilai::Null => $q.bind(None::<String>),
            $crate::sinkron::skema::Nilai::Teks(s) => $q.bind(s.clone()),
            $crate::sinkron::skema::Nilai::Bulat(i) => $q.bind(*i),
            $crate::sinkron::skema::Nilai::Pecahan(f) => $q.bind(*f),
            $crate::sinkron::skema::Nilai::Logika(b) => $q.bind(*b),
            $crate::sinkron::skema::Nilai::Biner(b) => $q.bind(b.clone()),
        }
    };
}

/// The protocol version both sides must speak.
pub const VERSI_PROTOKOL: i64 = 1;
/// At most this many entries, and about this many file bytes, per batch.
pub const BATAS_ENTRI: i64 = 200;
const BATAS_BYTE_BERKAS: usize = 1024 * 1024;

/// A chain position: the last entry's number and hash.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Posisi {
    pub urut: i64,
    pub hash: String,
}

/// The opening of an exchange, sent by the village node.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Jabat {
    pub versi: i64,
    pub desa_id: String,
    pub jam: DateTime<Utc>,
    /// The node's own chain head.
    pub kepala_desa: Posisi,
    /// The last of the server's entries the node has applied.
    pub diterima_pusat: Posisi,
    /// True for `sync init`: the node is empty and takes the server's positions.
    #[serde(default)]
    pub awal: bool,
    #[serde(default)]
    pub versi_program: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JawabJabat {
    pub jam: DateTime<Utc>,
    /// The last of the node's entries the server holds.
    pub diterima_desa: Posisi,
    /// The server's chain head for this village.
    pub kepala_pusat: Posisi,
    /// The server's `kemas::sidik()`: the node packs its files when it is its own, and then also
    /// compresses with zstd. Empty from a server that predates packing.
    #[serde(default)]
    pub sidik_kemas: String,
}

/// A batch of entries with the bytes of the files they name, by SHA-256: in base64, or packed
/// (`kemas`) for a receiver that can rebuild them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Paket {
    pub entri: Vec<Entri>,
    pub berkas: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub berkas_kemas: BTreeMap<String, Vec<kemas::Potongan>>,
    /// False when more entries wait after this batch.
    pub habis: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JawabDorong {
    pub diterima_desa: Posisi,
    pub konflik: usize,
}

/// One page of a table's current rows, for the initial pull.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HalamanAwal {
    pub baris: Vec<String>,
    pub berkas: BTreeMap<String, String>,
    pub habis: bool,
    /// The last row's key: pass it back as `setelah` for the next page (keyset paging, so a row
    /// added or removed meanwhile never shifts another out of the pull).
    #[serde(default)]
    pub berikut: Option<String>,
}

/// This node's sync state, for the admin page and the CLI.
#[derive(Debug, Clone, Serialize)]
pub struct KeadaanSimpul {
    pub peran: String,
    pub desa_id: Option<String>,
    pub server: String,
    pub terakhir_berhasil: Option<DateTime<Utc>>,
    pub terakhir_dicoba: Option<DateTime<Utc>>,
    pub galat_terakhir: String,
    pub selisih_jam_detik: i64,
    /// Own changes not yet confirmed by the server.
    pub menunggu: i64,
    pub konflik_terbuka: i64,
}

impl Paket {
    /// Packs the files that rebuild byte for byte, for a receiver with this build's
    /// `kemas::sidik()`.
    pub fn kemas(&mut self) {
        kemas::kemas_semua(&mut self.berkas, &mut self.berkas_kemas);
    }
}

impl KeadaanSimpul {
    pub fn simpul_desa(&self) -> bool {
        self.peran == "desa"
    }
}

/// A sync credential as listed (never the secret itself).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TokenSinkron {
    pub desa_id: String,
    pub id: uuid::Uuid,
    pub dibuat_oleh: String,
    pub dibuat_pada: DateTime<Utc>,
    pub terakhir_dipakai: Option<DateTime<Utc>>,
    pub dicabut_pada: Option<DateTime<Utc>>,
}

fn hash_token(t: &str) -> String {
    hex::encode(Sha256::digest(t.as_bytes()))
}

fn tolak(s: impl Into<String>) -> Galat {
    Galat::Ditolak(s.into())
}

/// The district sync feature's handle (ADR 0004): `store.sinkron().jabat(…)`.
#[derive(Clone, Copy)]
pub struct Sinkron<'a> {
    s: &'a Store,
}

impl Store {
    /// The district sync feature (docs/sinkron.md).
    pub fn sinkron(&self) -> Sinkron<'_> {
        Sinkron { s: self }
    }

    /// Installs the change-log triggers (at start-up).
    pub(crate) async fn pasang_pemicu_sinkron(&self) -> Result<(), Galat> {
        pemicu::pasang(&self.db).await
    }
}

impl Sinkron<'_> {
    /// Seals up to `segel::BATAS_SEGEL` pending changes (the oldest) in one transaction;
    /// returns how many. `serve` calls it in the background until nothing is left.
    pub async fn segel(&self) -> Result<usize, Galat> {
        let mut tx = self.s.db.begin().await?;
        let n = segel::segel(&mut tx, segel::BATAS_SEGEL).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Seals every pending change, a transaction per chunk (backups).
    pub async fn segel_semua(&self) -> Result<usize, Galat> {
        let mut n = 0;
        loop {
            match self.segel().await? {
                0 => return Ok(n),
                k => n += k,
            }
        }
    }

    pub async fn keadaan_simpul(&self) -> Result<KeadaanSimpul, Galat> {
        type Baris = (
            String,
            Option<String>,
            String,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            String,
            i64,
            i64,
        );
        let (peran, desa_id, server, berhasil, dicoba, galat, selisih, diterima): Baris = on_db!(&self.s.db, p => sqlx::query_as(
                "SELECT peran, desa_id, server, terakhir_berhasil, terakhir_dicoba, galat_terakhir, \
                 selisih_jam_detik, dorong_diterima FROM sinkron_simpul WHERE satu = 1")
                .fetch_one(p).await)?;
        let konflik: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM sinkron_konflik WHERE diselesaikan_pada IS NULL").fetch_one(p).await)?;
        // Only a node has changes waiting to go out; on a district the count would scan its log.
        let menunggu: i64 = match desa_id.as_deref() {
            Some(d) if peran == "desa" => on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT COUNT(*) FROM perubahan WHERE desa_id = $1 AND asal = 'desa' AND (urut IS NULL OR urut > $2)")
                .bind(d).bind(diterima).fetch_one(p).await)?,
            _ => 0,
        };
        Ok(KeadaanSimpul {
            menunggu,
            peran,
            desa_id,
            server,
            terakhir_berhasil: berhasil,
            terakhir_dicoba: dicoba,
            galat_terakhir: galat,
            selisih_jam_detik: selisih,
            konflik_terbuka: konflik,
        })
    }

    /// The server and credential a village node syncs with.
    pub async fn tujuan(&self) -> Result<Option<(String, String, String)>, Galat> {
        let r: (String, Option<String>, String, String) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT peran, desa_id, server, token FROM sinkron_simpul WHERE satu = 1").fetch_one(p).await)?;
        Ok(match r {
            (peran, Some(d), s, t) if peran == "desa" && !s.is_empty() => Some((d, s, t)),
            _ => None,
        })
    }

    // ---- credentials (district) ----

    /// Issues a new sync credential for a village; only its hash is stored.
    pub async fn buat_token(&self, desa_id: &str, aktor: &Aktor) -> Result<String, Galat> {
        self.s.desa(desa_id).await?;
        let mut acak = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut acak);
        let token = format!(
            "bsk_{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(acak)
        );
        let id = id_baru();
        let waktu = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, k => sqlx::query(
            "INSERT INTO sinkron_token (desa_id, id, token_hash, dibuat_oleh, dibuat_pada) VALUES ($1, $2, $3, $4, $5)")
            .bind(desa_id).bind(id).bind(hash_token(&token)).bind(&aktor.0).bind(waktu).execute(&mut *k).await?.rows_affected());
        audit::catat(
            &mut tx,
            waktu,
            audit::Catatan {
                desa_id,
                aktor,
                aksi: "sinkron.token_dibuat",
                objek: "sinkron_token",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    pub async fn daftar_token(&self, desa_id: &str) -> Result<Vec<TokenSinkron>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, id, dibuat_oleh, dibuat_pada, terakhir_dipakai, dicabut_pada FROM sinkron_token \
             WHERE desa_id = $1 ORDER BY dibuat_pada DESC")
            .bind(desa_id).fetch_all(p).await)?)
    }

    pub async fn cabut_token(
        &self,
        desa_id: &str,
        id: uuid::Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let waktu = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, k => sqlx::query(
            "UPDATE sinkron_token SET dicabut_pada = $3 WHERE desa_id = $1 AND id = $2 AND dicabut_pada IS NULL")
            .bind(desa_id).bind(id).bind(waktu).execute(&mut *k).await?.rows_affected());
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        audit::catat(
            &mut tx,
            waktu,
            audit::Catatan {
                desa_id,
                aktor,
                aksi: "sinkron.token_dicabut",
                objek: "sinkron_token",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// The village a sync credential belongs to; a revoked or unknown one is refused.
    pub async fn cek_token(&self, token: &str) -> Result<String, Galat> {
        let r: Option<(String, Option<DateTime<Utc>>)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, dicabut_pada FROM sinkron_token WHERE token_hash = $1")
            .bind(hash_token(token)).fetch_optional(p).await)?;
        match r {
            None => Err(tolak("kredensial sinkron tidak dikenal")),
            Some((_, Some(_))) => Err(tolak(
                "kredensial sinkron ini sudah dicabut; minta kredensial baru kepada admin kabupaten",
            )),
            Some((d, None)) => {
                let w = self.s.sekarang();
                on_db!(&self.s.db, p => sqlx::query("UPDATE sinkron_token SET terakhir_dipakai = $2 WHERE token_hash = $1")
                    .bind(hash_token(token)).bind(w).execute(p).await.map(|r| r.rows_affected()))?;
                Ok(d)
            }
        }
    }

    // ---- the exchange, server side ----

    /// Opens an exchange: compares both sides' positions and refuses a node whose history is
    /// older than what the server already holds (restored from an old backup).
    pub async fn jabat(&self, desa_id: &str, j: &Jabat) -> Result<JawabJabat, Galat> {
        if j.versi != VERSI_PROTOKOL {
            return Err(tolak(format!(
                "versi protokol sinkron berbeda (desa {}, server {VERSI_PROTOKOL}); perbarui Balai di kedua sisi",
                j.versi
            )));
        }
        if j.desa_id != desa_id {
            return Err(tolak("kredensial ini untuk desa lain"));
        }
        let mut tx = self.s.db.begin().await?;
        segel::segel(&mut tx, segel::BATAS_SEGEL).await?;
        let (u_desa, h_desa) = segel::kepala(&mut tx, desa_id, "desa").await?;
        let (u_pusat, h_pusat) = segel::kepala(&mut tx, desa_id, "pusat").await?;
        if !j.awal {
            if j.kepala_desa.urut < u_desa
                || (j.kepala_desa.urut == u_desa && j.kepala_desa.hash != h_desa)
            {
                return Err(tolak(format!(
                    "data di komputer desa lebih lama daripada yang sudah diterima server kabupaten \
                     (perubahan ke-{} di desa, ke-{u_desa} di server): komputer ini kemungkinan dipulihkan \
                     dari cadangan lama. Tidak ada data yang ditimpa. Pulihkan dari server dengan \
                     `balai sync init --server … --token …` pada basis data kosong.",
                    j.kepala_desa.urut
                )));
            }
            if j.diterima_pusat.urut > u_pusat {
                return Err(tolak(format!(
                    "server kabupaten memiliki data lebih lama daripada desa (perubahan ke-{u_pusat}, \
                     desa sudah menerima ke-{}): server kemungkinan dipulihkan dari cadangan lama. \
                     Hubungi admin kabupaten.",
                    j.diterima_pusat.urut
                )));
            }
        }
        let sekarang = self.s.sekarang();
        let selisih = (j.jam - sekarang).num_seconds();
        on_tx!(&mut tx, k => sqlx::query(
            "INSERT INTO sinkron_desa (desa_id, tarik_diterima, terakhir_sinkron, selisih_jam_detik, versi_program) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (desa_id) DO UPDATE SET tarik_diterima = excluded.tarik_diterima, \
             terakhir_sinkron = excluded.terakhir_sinkron, selisih_jam_detik = excluded.selisih_jam_detik, \
             versi_program = excluded.versi_program")
            .bind(desa_id).bind(if j.awal { u_pusat } else { j.diterima_pusat.urut }).bind(sekarang)
            .bind(selisih).bind(&j.versi_program).execute(&mut *k).await?.rows_affected());
        tx.commit().await?;
        Ok(JawabJabat {
            jam: sekarang,
            diterima_desa: Posisi {
                urut: u_desa,
                hash: h_desa,
            },
            kepala_pusat: Posisi {
                urut: u_pusat,
                hash: h_pusat,
            },
            sidik_kemas: kemas::sidik().to_string(),
        })
    }

    /// Applies a batch pushed by a village node.
    pub async fn terima_dorong(&self, desa_id: &str, paket: &Paket) -> Result<JawabDorong, Galat> {
        let tarik: Option<i64> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT tarik_diterima FROM sinkron_desa WHERE desa_id = $1").bind(desa_id).fetch_optional(p).await)?;
        let (posisi, konflik) = self
            .terima_paket(desa_id, "desa", "pusat", tarik.unwrap_or(0), paket)
            .await?;
        Ok(JawabDorong {
            diterima_desa: posisi,
            konflik,
        })
    }

    /// The server's changes for a village after `sejak`, for the node to pull.
    pub async fn paket_tarik(&self, desa_id: &str, sejak: i64) -> Result<Paket, Galat> {
        self.segel().await?;
        self.paket_keluar(desa_id, "pusat", sejak).await
    }

    /// One page of a table's rows for a node's initial pull.
    pub async fn halaman_awal(
        &self,
        desa_id: &str,
        tabel: &str,
        setelah: Option<&str>,
        batas: i64,
    ) -> Result<HalamanAwal, Galat> {
        let t = skema::tabel(tabel)?;
        let pg = self.s.db.is_postgres();
        let kunci: Vec<&str> = t.kunci().map(|k| k.nama).collect();
        let mut nilai = Vec::new();
        let mut saring = String::new();
        if let Some(s) = setelah {
            let k: Value =
                serde_json::from_str(s).map_err(|_| tolak("parameter setelah tidak sah"))?;
            if k.get(0).and_then(Value::as_str) != Some(desa_id) {
                return Err(tolak("parameter setelah bukan kunci desa ini"));
            }
            nilai = skema::nilai_kunci(t, &k, pg)?;
            let tanda: Vec<String> = t
                .kunci()
                .enumerate()
                .map(|(i, k)| skema::penampung(k, i + 3, pg))
                .collect();
            saring = format!(" AND ({}) > ({})", kunci.join(", "), tanda.join(", "));
        }
        let sql = format!(
            "SELECT ({}){} FROM {} WHERE desa_id = $1{saring} ORDER BY {} LIMIT $2",
            skema::ekspresi_gambar(t, t.nama, None, pg),
            if pg { "::text" } else { "" },
            t.nama,
            kunci.join(", ")
        );
        let mentah: Vec<String> = on_db!(&self.s.db, p => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(desa_id).bind(batas + 1);
            for n in &nilai { q = crate::ikat!(q, n); }
            q.fetch_all(p).await
        })?;
        let habis = mentah.len() as i64 <= batas;
        let mut out = HalamanAwal {
            habis,
            ..Default::default()
        };
        let mut tx = self.s.db.begin().await?;
        for m in mentah.into_iter().take(batas as usize) {
            let raw: Value = serde_json::from_str(&m).map_err(|e| Galat::Lain(e.to_string()))?;
            let g = skema::gambar_kanonik(t, &raw)?;
            let kunci = skema::kunci_dari(t, &g);
            let (g, berkas) = if t.biner().next().is_some() {
                segel::baca_baris(&mut tx, t, &kunci)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?
            } else {
                (g, HashMap::new())
            };
            for isi in berkas.values() {
                out.berkas
                    .insert(hex::encode(Sha256::digest(isi)), B64.encode(isi));
            }
            out.berikut = Some(kunci.to_string());
            out.baris.push(Value::Object(g).to_string());
        }
        if out.habis {
            out.berikut = None;
        }
        // Read-only: nothing to keep.
        drop(tx);
        Ok(out)
    }

    // ---- both sides ----

    /// This side's entries of one origin after `sejak`, with the bytes of the files they name.
    pub async fn paket_keluar(
        &self,
        desa_id: &str,
        asal: &str,
        sejak: i64,
    ) -> Result<Paket, Galat> {
        let entri: Vec<Entri> = on_db!(&self.s.db, p => sqlx::query_as::<_, (String, String, i64, String, String, String, Option<String>, Option<String>, DateTime<Utc>, String, String)>(
            "SELECT desa_id, asal, urut, tabel, operasi, kunci, baris, sebelum, waktu, hash_sebelum, hash \
             FROM perubahan WHERE desa_id = $1 AND asal = $2 AND urut > $3 ORDER BY urut LIMIT $4")
            .bind(desa_id).bind(asal).bind(sejak).bind(BATAS_ENTRI + 1).fetch_all(p).await)?
            .into_iter()
            .map(|(desa_id, asal, urut, tabel, operasi, kunci, baris, sebelum, waktu, hash_sebelum, hash)| Entri {
                desa_id, asal, urut, tabel, operasi, kunci, baris, sebelum,
                waktu: skema::waktu_kanonik(waktu), hash_sebelum, hash,
            })
            .collect();
        let mut paket = Paket {
            habis: entri.len() as i64 <= BATAS_ENTRI,
            ..Default::default()
        };
        let mut byte = 0usize;
        let mut tx = self.s.db.begin().await?;
        for e in entri.into_iter().take(BATAS_ENTRI as usize) {
            let t = skema::tabel(&e.tabel)?;
            let perlu: Vec<String> = e
                .baris
                .as_deref()
                .and_then(|b| serde_json::from_str::<serde_json::Map<String, Value>>(b).ok())
                .map(|b| {
                    t.biner()
                        .filter_map(|k| skema::hash_berkas(&b[k.nama]).map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if !perlu.is_empty() {
                if byte > BATAS_BYTE_BERKAS && !paket.entri.is_empty() {
                    paket.habis = false;
                    break;
                }
                let kunci: Value =
                    serde_json::from_str(&e.kunci).map_err(|x| Galat::Lain(x.to_string()))?;
                if let Some((_, berkas)) = segel::baca_baris(&mut tx, t, &kunci).await? {
                    for isi in berkas.into_values() {
                        let h = hex::encode(Sha256::digest(&isi));
                        if perlu.contains(&h) {
                            byte += isi.len();
                            paket.berkas.insert(h, B64.encode(&isi));
                        }
                    }
                }
            }
            paket.entri.push(e);
        }
        drop(tx);
        Ok(paket)
    }

    /// Verifies and applies a batch from the other side, in one transaction: all or nothing.
    pub async fn terima_paket(
        &self,
        desa_id: &str,
        asal_kiriman: &str,
        asal_sendiri: &str,
        sudah_terkirim: i64,
        paket: &Paket,
    ) -> Result<(Posisi, usize), Galat> {
        let berkas = kemas::baca_semua(&paket.berkas, &paket.berkas_kemas)?;
        let waktu = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        segel::segel(&mut tx, segel::BATAS_SEGEL).await?;
        let mut umpan = segel::kunci_segel(&mut tx).await?;
        terap::mode_terap(&mut tx, true).await?;
        let (mut urut, mut hash) = segel::kepala(&mut tx, desa_id, asal_kiriman).await?;
        let penerima = terap::Penerima {
            asal: asal_sendiri,
            sudah_terkirim,
            waktu,
        };
        let mut konflik = 0;
        for e in &paket.entri {
            if e.desa_id != desa_id {
                return Err(tolak(format!(
                    "paket berisi perubahan untuk desa {} sedangkan kredensial untuk desa {desa_id}; paket ditolak",
                    e.desa_id
                )));
            }
            if e.asal != asal_kiriman {
                return Err(tolak(
                    "asal perubahan dalam paket tidak sesuai; paket ditolak",
                ));
            }
            if e.hitung_hash() != e.hash {
                return Err(tolak(format!(
                    "perubahan ke-{} rusak (hash tidak cocok); paket ditolak",
                    e.urut
                )));
            }
            if e.urut <= urut {
                // Already applied (a repeated batch): the same entry is skipped, a different one
                // means the two histories split.
                let ada: Option<String> = on_tx!(&mut tx, k => sqlx::query_scalar(
                    "SELECT hash FROM perubahan WHERE desa_id = $1 AND asal = $2 AND urut = $3")
                    .bind(desa_id).bind(asal_kiriman).bind(e.urut).fetch_optional(&mut *k).await?);
                match ada {
                    Some(h) if h != e.hash => {
                        return Err(tolak(format!(
                            "perubahan ke-{} berbeda dengan yang sudah diterima: riwayat kedua sisi bercabang \
                             (komputer dipulihkan dari cadangan lama?); paket ditolak, tidak ada data yang ditimpa",
                            e.urut
                        )));
                    }
                    _ => continue,
                }
            }
            if e.urut != urut + 1 {
                return Err(tolak(format!(
                    "urutan perubahan tidak bersambung (diharapkan ke-{}, diterima ke-{}); paket ditolak",
                    urut + 1,
                    e.urut
                )));
            }
            if e.hash_sebelum != hash {
                return Err(tolak(format!(
                    "rantai hash terputus pada perubahan ke-{}: riwayat kedua sisi bercabang; paket ditolak",
                    e.urut
                )));
            }
            konflik += terap::terapkan_aman(&mut tx, &penerima, e, &berkas).await?;
            umpan += 1;
            terap::simpan_entri(&mut tx, e, umpan).await?;
            urut = e.urut;
            hash = e.hash.clone();
        }
        segel::tulis_kepala(&mut tx, desa_id, asal_kiriman, urut, &hash).await?;
        terap::mode_terap(&mut tx, false).await?;
        on_tx!(&mut tx, k => sqlx::query("UPDATE sinkron_simpul SET umpan_terakhir = $1 WHERE satu = 1")
            .bind(umpan).execute(&mut *k).await?.rows_affected());
        tx.commit().await?;
        Ok((Posisi { urut, hash }, konflik))
    }

    // ---- the exchange, village side ----

    /// The node's positions for the opening of an exchange.
    pub async fn posisi_simpul(&self, desa_id: &str) -> Result<(Posisi, Posisi), Galat> {
        let mut tx = self.s.db.begin().await?;
        segel::segel(&mut tx, segel::BATAS_SEGEL).await?;
        let (a, b) = segel::kepala(&mut tx, desa_id, "desa").await?;
        let (c, d) = segel::kepala(&mut tx, desa_id, "pusat").await?;
        tx.commit().await?;
        Ok((Posisi { urut: a, hash: b }, Posisi { urut: c, hash: d }))
    }

    /// Records how far the server has confirmed this node's changes.
    pub async fn catat_dorong_diterima(&self, urut: i64) -> Result<(), Galat> {
        on_db!(&self.s.db, p => sqlx::query("UPDATE sinkron_simpul SET dorong_diterima = $1 WHERE satu = 1")
            .bind(urut).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Records the outcome of an exchange (an empty `galat` is a success).
    pub async fn catat_hasil(&self, galat: &str, selisih_jam: Option<i64>) -> Result<(), Galat> {
        let w = self.s.sekarang();
        on_db!(&self.s.db, p => sqlx::query(
            "UPDATE sinkron_simpul SET terakhir_dicoba = $1, galat_terakhir = $2, \
             terakhir_berhasil = CASE WHEN $2 = '' THEN $1 ELSE terakhir_berhasil END, \
             selisih_jam_detik = COALESCE($3, selisih_jam_detik) WHERE satu = 1")
            .bind(w).bind(galat).bind(selisih_jam).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Makes an empty install the node of a village (the start of `sync init`). An install that
    /// already holds data is refused, unless it is this village's node whose first pull was cut.
    pub async fn jadikan_simpul(
        &self,
        desa_id: &str,
        server: &str,
        token: &str,
        j: &JawabJabat,
    ) -> Result<(), Galat> {
        let (jumlah_desa, peran, desa_simpul): (i64, String, Option<String>) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM desa), peran, desa_id FROM sinkron_simpul WHERE satu = 1")
            .fetch_one(p).await)?;
        let lanjutan = peran == "desa" && desa_simpul.as_deref() == Some(desa_id);
        if jumlah_desa > 0 && !lanjutan {
            return Err(tolak(
                "basis data ini sudah berisi data desa; `balai sync init` hanya untuk instalasi kosong \
                 (gunakan berkas basis data baru, misalnya --database sqlite://desa-baru.db)",
            ));
        }
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, k => {
            sqlx::query("DELETE FROM perubahan").execute(&mut *k).await?;
            sqlx::query("DELETE FROM perubahan_kepala").execute(&mut *k).await?;
            sqlx::query("UPDATE sinkron_simpul SET peran = 'desa', desa_id = $1, server = $2, token = $3, \
                         dorong_diterima = $4, terakhir_berhasil = NULL, galat_terakhir = '' WHERE satu = 1")
                .bind(desa_id).bind(server).bind(token).bind(j.diterima_desa.urut).execute(&mut *k).await?;
        });
        segel::tulis_kepala(
            &mut tx,
            desa_id,
            "desa",
            j.diterima_desa.urut,
            &j.diterima_desa.hash,
        )
        .await?;
        segel::tulis_kepala(
            &mut tx,
            desa_id,
            "pusat",
            j.kepala_pusat.urut,
            &j.kepala_pusat.hash,
        )
        .await?;
        tx.commit().await
    }

    /// Writes one page of the initial pull, without logging it as local changes.
    pub async fn tulis_halaman_awal(&self, tabel: &str, h: &HalamanAwal) -> Result<(), Galat> {
        let t = skema::tabel(tabel)?;
        let berkas = kemas::baca_semua(&h.berkas, &BTreeMap::new())?;
        let mut tx = self.s.db.begin().await?;
        terap::mode_terap(&mut tx, true).await?;
        if tx.is_postgres() {
            // nothing: constraints are checked per statement and parents come first
        } else {
            on_tx!(&mut tx, k => sqlx::query("PRAGMA defer_foreign_keys = ON").execute(&mut *k).await?.rows_affected());
        }
        for b in &h.baris {
            let raw: Value = serde_json::from_str(b).map_err(|_| tolak("baris tidak sah"))?;
            let g = skema::gambar_kanonik(t, &raw)?;
            terap::tulis_baris(&mut tx, t, &g, &berkas).await?;
        }
        terap::mode_terap(&mut tx, false).await?;
        tx.commit().await
    }
}

impl Sinkron<'_> {
    /// For tests and the consistency check: every synced row of a village, canonical, by table.
    pub async fn isi(&self, desa_id: &str) -> Result<BTreeMap<String, Vec<String>>, Galat> {
        let mut out = BTreeMap::new();
        for t in skema::semua() {
            let mut semua = Vec::new();
            let mut setelah = None;
            loop {
                let h = self
                    .halaman_awal(desa_id, t.nama, setelah.as_deref(), 1000)
                    .await?;
                semua.extend(h.baris);
                match h.berikut {
                    Some(b) if !h.habis => setelah = Some(b),
                    _ => break,
                }
            }
            out.insert(t.nama.to_string(), semua);
        }
        Ok(out)
    }
}
