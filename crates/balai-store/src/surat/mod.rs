//! Letters (layanan surat): requests, their check, signature, number and PDF, and verification.
//!
//! Statuses, in order: `diajukan` (requested) → `diperiksa` (data checked, waiting for the
//! signature) → `diterbitkan` (numbered, signed, PDF made) → `diserahkan` (handed over or sent).
//! A request can be `ditolak` (rejected, with a reason) before it is issued; an issued letter can
//! only be `dibatalkan` (cancelled, with a reason): it keeps its number and verifies as revoked.

mod alur;
mod baca;
pub mod data;
pub mod jenis;
pub mod kunci;
mod laporan;
pub mod masuk;
mod tambahan;

pub use alur::{
    BATAS_RENDER, BahanCetak, Penandatangan, Permohonan, TerbitkanSurat, url_verifikasi,
};
pub use baca::{HasilVerifikasi, Keaslian, SaringSurat};
pub use jenis::{JenisDesa, PengaturanSurat};
pub use kunci::{KunciPublik, Penanda};
pub use laporan::{BarisJenis, BarisPetugas, LaporanSurat};
pub use masuk::{SuratMasuk, SuratMasukBaru};
pub use tambahan::{Delegasi, LampiranSurat};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use balai_domain::surat::status::{AksiSurat, StatusSurat};

/// Channels a request comes through.
pub const KANAL: [(&str, &str); 4] = [
    ("loket", "Loket kantor desa"),
    ("portal", "Portal warga"),
    ("anjungan", "Anjungan mandiri"),
    ("api", "Aplikasi lain (API)"),
];

/// A letter or request as stored (without its PDF).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Surat {
    pub id: Uuid,
    pub jenis_kode: String,
    pub jenis_nama: String,
    pub penduduk_id: Uuid,
    pub nama_pemohon: String,
    pub isian: String,
    pub status: String,
    pub kanal: String,
    pub kertas: String,
    pub biaya: i64,
    pub diajukan_oleh: String,
    pub diajukan_pada: DateTime<Utc>,
    pub nomor: Option<String>,
    pub nomor_urut: Option<i64>,
    pub tahun: Option<i64>,
    pub tanggal: Option<NaiveDate>,
    pub berlaku_sampai: Option<NaiveDate>,
    pub penanda_nama: Option<String>,
    pub penanda_jabatan: Option<String>,
    pub atas_nama: Option<String>,
    pub kunci_id: Option<String>,
    pub token: Option<String>,
    pub diterbitkan_oleh: Option<String>,
    pub diterbitkan_pada: Option<DateTime<Utc>>,
    pub alasan: Option<String>,
    pub pengganti_dari: Option<Uuid>,
    pub versi: i64,
    pub diubah_pada: DateTime<Utc>,
}

impl Surat {
    pub fn status(&self) -> StatusSurat {
        StatusSurat::dari_kode(&self.status).unwrap_or(StatusSurat::Diajukan)
    }
    pub fn status_label(&self) -> &'static str {
        self.status().label()
    }
    /// The stored extra fields and chosen persons.
    pub fn isian_tersimpan(&self) -> IsianTersimpan {
        serde_json::from_str(&self.isian).unwrap_or_default()
    }
}

/// What a request holds besides the subject: field values and extra persons (by id).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct IsianTersimpan {
    #[serde(default)]
    pub isian: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub orang: std::collections::BTreeMap<String, Uuid>,
}

/// One step of a letter's timeline.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LangkahSurat {
    pub urut: i64,
    pub waktu: DateTime<Utc>,
    pub aktor: String,
    pub status: String,
    pub catatan: String,
}

impl LangkahSurat {
    pub fn status_label(&self) -> &'static str {
        StatusSurat::dari_kode(&self.status)
            .map(StatusSurat::label)
            .unwrap_or("")
    }
}

pub(crate) const KOLOM_SURAT: &str = "id, jenis_kode, jenis_nama, penduduk_id, nama_pemohon, isian, status, kanal, kertas, biaya, \
     diajukan_oleh, diajukan_pada, nomor, nomor_urut, tahun, tanggal, berlaku_sampai, penanda_nama, penanda_jabatan, atas_nama, \
     kunci_id, token, diterbitkan_oleh, diterbitkan_pada, alasan, pengganti_dari, versi, diubah_pada";

/// "Kabupaten Batang" → "Batang": letters print the name after their own "KABUPATEN".
pub(crate) fn tanpa_awalan_kabupaten(nama: &str) -> String {
    nama.strip_prefix("Kabupaten ")
        .or_else(|| nama.strip_prefix("KABUPATEN "))
        .unwrap_or(nama)
        .to_string()
}
