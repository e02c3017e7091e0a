//! Civil registration applications (`store.adminduk()`): collected at the village (counter,
//! portal, kiosk), forwarded to the Dukcapil queue, worked there (in Balai or by a bridge over
//! the API), and finished with the issued document's number, which updates the registry.
//! Which step who may take is a domain rule (`balai_domain::adminduk`).
//!
//! - `ajukan`: a new application with its attachments, and attachments added later;
//! - `langkah`: the steps, and what a finished application changes in the registry;
//! - this file: reading, the queues, the public tracking and the service-time report.

mod ajukan;
mod langkah;

pub use ajukan::{LampiranBaru, PermohonanBaru};
pub use langkah::{Aksi, HasilIsian};

use crate::{Galat, Store, on_db};
use balai_domain::adminduk::{JenisAdminduk, StatusAdminduk};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The feature's handle.
#[derive(Clone, Copy)]
pub struct Adminduk<'a> {
    s: &'a Store,
}

impl Store {
    pub fn adminduk(&self) -> Adminduk<'_> {
        Adminduk { s: self }
    }
}

/// One application.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Permohonan {
    pub desa_id: String,
    pub id: Uuid,
    /// The reference number the resident keeps (`AD-…`).
    pub nomor: String,
    pub jenis: String,
    pub status: String,
    pub pemohon_id: Uuid,
    pub subjek_id: Option<Uuid>,
    /// The form fields (JSON object of strings).
    pub isian: String,
    pub kanal: String,
    pub persetujuan_pada: DateTime<Utc>,
    /// The reason of the last "fix it" or refusal.
    pub alasan: String,
    /// What the finish recorded (JSON: nomor_dokumen, no_kk, nik).
    pub hasil: String,
    pub diproses_oleh: String,
    pub diajukan_pada: DateTime<Utc>,
    pub diteruskan_pada: Option<DateTime<Utc>>,
    pub selesai_pada: Option<DateTime<Utc>>,
    pub versi: i64,
    pub diubah_pada: DateTime<Utc>,
}

const KOLOM: &str = "desa_id, id, nomor, jenis, status, pemohon_id, subjek_id, isian, kanal, \
    persetujuan_pada, alasan, hasil, diproses_oleh, diajukan_pada, diteruskan_pada, selesai_pada, \
    versi, diubah_pada";

impl Permohonan {
    pub fn jenis(&self) -> Option<JenisAdminduk> {
        JenisAdminduk::dari_kode(&self.jenis)
    }
    pub fn jenis_label(&self) -> &'static str {
        self.jenis().map(|j| j.label()).unwrap_or("Permohonan")
    }
    pub fn status(&self) -> StatusAdminduk {
        StatusAdminduk::dari_kode(&self.status).unwrap_or(StatusAdminduk::Diajukan)
    }
    pub fn status_label(&self) -> &'static str {
        self.status().label()
    }
    pub fn isian_map(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.isian).unwrap_or_default()
    }
    /// The residents whose data the application shows: the applicant and the subject.
    pub fn orang(&self) -> Vec<Uuid> {
        [Some(self.pemohon_id), self.subjek_id]
            .into_iter()
            .flatten()
            .collect()
    }
    /// What the finish recorded, labelled for a page.
    pub fn hasil_berlabel(&self) -> Vec<(String, String)> {
        let jenis = self.jenis();
        self.hasil_map()
            .into_iter()
            .map(|(k, v)| {
                let l = match k.as_str() {
                    "nik" => "NIK yang terbit",
                    "no_kk" => "Nomor KK yang terbit",
                    _ => jenis.map(|j| j.label_nomor()).unwrap_or("Nomor dokumen"),
                };
                (l.to_string(), v)
            })
            .collect()
    }
    pub fn hasil_map(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.hasil).unwrap_or_default()
    }
}

/// An attachment without its bytes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Lampiran {
    pub id: Uuid,
    pub syarat: String,
    pub nama: String,
    pub mime: String,
    pub ukuran: i64,
    pub diunggah_oleh: String,
    pub diunggah_pada: DateTime<Utc>,
}

impl Lampiran {
    pub fn syarat_label(&self) -> &'static str {
        balai_domain::adminduk::label_syarat(&self.syarat)
    }
}

/// One step in an application's history.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Riwayat {
    pub waktu: DateTime<Utc>,
    pub aktor: String,
    pub status: String,
    pub catatan: String,
}

impl Riwayat {
    pub fn status_label(&self) -> &'static str {
        StatusAdminduk::dari_kode(&self.status)
            .map(|s| s.label())
            .unwrap_or("")
    }
}

/// A row of a queue: the application with the village and the person's name.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BarisAntrean {
    pub desa_id: String,
    pub nama_desa: String,
    pub id: Uuid,
    pub nomor: String,
    pub jenis: String,
    pub status: String,
    /// The person the document is about (the applicant for a newborn not yet recorded).
    pub nama: String,
    pub diajukan_pada: DateTime<Utc>,
    pub diteruskan_pada: Option<DateTime<Utc>>,
    pub diubah_pada: DateTime<Utc>,
}

impl BarisAntrean {
    pub fn jenis_label(&self) -> &'static str {
        JenisAdminduk::dari_kode(&self.jenis)
            .map(|j| j.label())
            .unwrap_or("")
    }
    pub fn status_label(&self) -> &'static str {
        StatusAdminduk::dari_kode(&self.status)
            .map(|s| s.label())
            .unwrap_or("")
    }
}

/// Which applications a queue shows.
#[derive(Debug, Clone, Default)]
pub struct Saring {
    /// One village, or every village whose code starts with this (a district's "33.25").
    pub desa_id: Option<String>,
    pub awalan: String,
    /// Empty: every status.
    pub status: String,
    pub jenis: String,
    /// A reference number, or its beginning.
    pub nomor: String,
    pub halaman: i64,
}

/// Rows per page of a queue.
pub const PER_HALAMAN: i64 = 50;

/// What the public tracking page shows: no names, no numbers of people.
#[derive(Debug, Clone, Serialize)]
pub struct Lacak {
    pub nomor: String,
    pub jenis: String,
    pub status: String,
    pub nama_desa: String,
    pub diajukan_pada: DateTime<Utc>,
    pub selesai_pada: Option<DateTime<Utc>>,
    /// (when, status label) of every step.
    pub langkah: Vec<(DateTime<Utc>, String)>,
    /// The reason to fix or of a refusal (written for the applicant).
    pub alasan: String,
}

/// Service time of one type in one village: finished applications and days from forwarding
/// to finish.
#[derive(Debug, Clone, Serialize)]
pub struct WaktuLayanan {
    pub desa_id: String,
    pub nama_desa: String,
    pub jenis: String,
    pub selesai: i64,
    pub terbuka: i64,
    /// Median and slowest days, forwarding to finish.
    pub median_hari: f64,
    pub maks_hari: f64,
    pub target_hari: u32,
}

impl WaktuLayanan {
    pub fn jenis_label(&self) -> &'static str {
        JenisAdminduk::dari_kode(&self.jenis)
            .map(|j| j.label())
            .unwrap_or("")
    }
}

impl Adminduk<'_> {
    pub async fn satu(&self, desa_id: &str, id: Uuid) -> Result<Option<Permohonan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM adminduk WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn lampiran(&self, desa_id: &str, id: Uuid) -> Result<Vec<Lampiran>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, syarat, nama, mime, ukuran, diunggah_oleh, diunggah_pada FROM adminduk_lampiran \
             WHERE desa_id = $1 AND permohonan_id = $2 ORDER BY id")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// One attachment's bytes and type.
    pub async fn isi_lampiran(
        &self,
        desa_id: &str,
        id: Uuid,
        lampiran_id: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT isi, mime FROM adminduk_lampiran WHERE desa_id = $1 AND permohonan_id = $2 AND id = $3")
            .bind(desa_id).bind(id).bind(lampiran_id).fetch_optional(p).await)?)
    }

    pub async fn riwayat(&self, desa_id: &str, id: Uuid) -> Result<Vec<Riwayat>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT waktu, aktor, status, catatan FROM adminduk_riwayat \
             WHERE desa_id = $1 AND permohonan_id = $2 ORDER BY waktu, id")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// Applications of one person (as applicant or subject), newest first: the resident's
    /// "my applications" list.
    pub async fn milik(&self, desa_id: &str, penduduk_id: Uuid) -> Result<Vec<Permohonan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM adminduk WHERE desa_id = $1 AND (pemohon_id = $2 OR subjek_id = $2) \
             ORDER BY diajukan_pada DESC LIMIT 100"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?,
        )
    }

    /// A queue page, longest waiting at its step first, and how many match in all. Only the
    /// filters given become conditions, so each query can use its index (see migration 0014).
    pub async fn antrean(&self, s: &Saring) -> Result<(Vec<BarisAntrean>, i64), Galat> {
        let mut syarat: Vec<String> = Vec::new();
        let mut nilai: Vec<String> = Vec::new();
        let mut tambah = |sql: &str, v: String| {
            nilai.push(v);
            syarat.push(sql.replace('?', &format!("${}", nilai.len())));
        };
        match s.desa_id.as_deref() {
            Some(d) => tambah("a.desa_id = ?", d.to_string()),
            None => {
                let awalan: String = s.awalan.chars().filter(char::is_ascii_digit).collect();
                if !awalan.is_empty() {
                    // A range on the code, so the index serves whatever the collation.
                    tambah("a.desa_id >= ?", awalan.clone());
                    tambah("a.desa_id < ?", format!("{awalan}a"));
                }
            }
        }
        if !s.status.is_empty() {
            tambah("a.status = ?", s.status.clone());
        }
        if !s.jenis.is_empty() {
            tambah("a.jenis = ?", s.jenis.clone());
        }
        let cari = s.nomor.trim();
        if !cari.is_empty() {
            match balai_domain::adminduk::baca_nomor_referensi(cari) {
                Some(n) => tambah("a.nomor = ?", n),
                // The start of a number, as residents read it out ("AD-7K3").
                None => {
                    let t: String = cari
                        .to_uppercase()
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect();
                    let inti = t.strip_prefix("AD").unwrap_or(&t);
                    tambah("a.nomor LIKE ?", format!("AD-{inti}%"))
                }
            }
        }
        let mana = if syarat.is_empty() {
            "1 = 1".to_string()
        } else {
            syarat.join(" AND ")
        };
        let n = nilai.len();
        let hitung = format!("SELECT count(*) FROM adminduk a WHERE {mana}");
        let sql = format!(
            "SELECT a.desa_id, d.nama AS nama_desa, a.id, a.nomor, a.jenis, a.status, coalesce(p.nama, '') AS nama, \
             a.diajukan_pada, a.diteruskan_pada, a.diubah_pada \
             FROM (SELECT a.desa_id, a.id, a.nomor, a.jenis, a.status, a.subjek_id, a.pemohon_id, a.diajukan_pada, \
             a.diteruskan_pada, a.diubah_pada FROM adminduk a WHERE {mana} ORDER BY a.diubah_pada, a.id LIMIT ${} OFFSET ${}) a \
             JOIN desa d ON d.desa_id = a.desa_id \
             LEFT JOIN penduduk p ON p.desa_id = a.desa_id AND p.id = coalesce(a.subjek_id, a.pemohon_id) \
             ORDER BY a.diubah_pada, a.id",
            n + 1,
            n + 2
        );
        let halaman = s.halaman.max(1);
        let total: i64 = on_db!(&self.s.db, p => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(hitung.clone()));
            for v in &nilai {
                q = q.bind(v);
            }
            q.fetch_one(p).await
        })?;
        let baris = on_db!(&self.s.db, p => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for v in &nilai {
                q = q.bind(v);
            }
            q.bind(PER_HALAMAN).bind((halaman - 1) * PER_HALAMAN).fetch_all(p).await
        })?;
        Ok((baris, total))
    }

    /// The public view of an application by its reference number.
    pub async fn lacak(&self, nomor: &str) -> Result<Option<Lacak>, Galat> {
        let Some(nomor) = balai_domain::adminduk::baca_nomor_referensi(nomor) else {
            return Ok(None);
        };
        let sql = format!("SELECT {KOLOM} FROM adminduk WHERE nomor = $1");
        let a: Option<Permohonan> = on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&nomor).fetch_optional(p).await)?;
        let Some(a) = a else { return Ok(None) };
        let nama_desa = self
            .s
            .desa(&a.desa_id)
            .await?
            .map(|d| d.nama)
            .unwrap_or_default();
        let langkah = self
            .riwayat(&a.desa_id, a.id)
            .await?
            .into_iter()
            .map(|r| (r.waktu, r.status_label().to_string()))
            .collect();
        Ok(Some(Lacak {
            nomor: a.nomor.clone(),
            jenis: a.jenis_label().into(),
            status: a.status_label().into(),
            nama_desa,
            diajukan_pada: a.diajukan_pada,
            selesai_pada: a.selesai_pada,
            langkah,
            alasan: if matches!(
                a.status(),
                StatusAdminduk::PerluPerbaikan | StatusAdminduk::Ditolak
            ) {
                a.alasan.clone()
            } else {
                String::new()
            },
        }))
    }

    /// Service time per village and type over the applications submitted in the last 12
    /// months, for villages whose code starts with `awalan`.
    pub async fn waktu_layanan(&self, awalan: &str) -> Result<Vec<WaktuLayanan>, Galat> {
        type Baris = (
            String,
            String,
            String,
            String,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
        );
        let awalan: String = awalan.chars().filter(char::is_ascii_digit).collect();
        let akhir = format!("{awalan}a");
        let sejak = self.s.sekarang() - chrono::Duration::days(365);
        let baris: Vec<Baris> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT a.desa_id, d.nama, a.jenis, a.status, a.diteruskan_pada, a.selesai_pada FROM adminduk a \
             JOIN desa d ON d.desa_id = a.desa_id WHERE a.desa_id >= $1 AND a.desa_id < $2 \
             AND a.status <> 'ditolak' AND a.diajukan_pada >= $3")
            .bind(&awalan).bind(&akhir).bind(sejak).fetch_all(p).await)?;
        let mut kelompok: BTreeMap<(String, String), (String, Vec<f64>, i64)> = BTreeMap::new();
        for (desa_id, nama, jenis, status, diteruskan, selesai) in baris {
            let e = kelompok
                .entry((desa_id, jenis))
                .or_insert_with(|| (nama, Vec::new(), 0));
            match (status.as_str(), diteruskan, selesai) {
                ("selesai", Some(a), Some(b)) => {
                    e.1.push((b - a).num_minutes() as f64 / (24.0 * 60.0))
                }
                ("selesai", ..) => {}
                _ => e.2 += 1,
            }
        }
        Ok(kelompok
            .into_iter()
            .map(|((desa_id, jenis), (nama_desa, mut hari, terbuka))| {
                hari.sort_by(f64::total_cmp);
                let median = if hari.is_empty() {
                    0.0
                } else {
                    hari[hari.len() / 2]
                };
                WaktuLayanan {
                    target_hari: JenisAdminduk::dari_kode(&jenis)
                        .map(|j| j.target_hari())
                        .unwrap_or(7),
                    desa_id,
                    nama_desa,
                    jenis,
                    selesai: hari.len() as i64,
                    terbuka,
                    median_hari: median,
                    maks_hari: hari.last().copied().unwrap_or(0.0),
                }
            })
            .collect())
    }
}
