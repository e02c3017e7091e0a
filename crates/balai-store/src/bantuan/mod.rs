//! Social protection (`store.bantuan()`): welfare data per family, aid programmes with their
//! rules, recipients and distributions, the cross-programme checks, and death benefit claims
//! (santunan kematian). The rules are domain data (`balai_domain::bantuan`), set per programme
//! and year; nothing about a programme's amount or ceiling is hard-coded here.
//!
//! - `kesejahteraan`: a family's DTKS/DTSEN status, desil and survey; musyawarah proposals;
//! - `program`: programmes, recipients, distributions and their payment request;
//! - `periksa`: the cross-programme flags and their resolution;
//! - `impor`: a programme's recipients from and to a file (OpenSID's format, CSV);
//! - `santunan`: death benefit claims, from the death to the payment.

pub(crate) mod impor;
pub(crate) mod impor_dtks;
mod kesejahteraan;
mod periksa;
mod program;
pub mod santunan;

pub use impor::{
    BarisImpor, LaporanImporPenerima, MAKS_BARIS_PENERIMA, MAKS_UKURAN_PENERIMA, StatusBaris,
};
pub use impor_dtks::{BarisDtks, HasilDtks, LaporanDtks, contoh_csv as contoh_csv_dtks};
pub use kesejahteraan::{Kesejahteraan, KesejahteraanBaru, UsulanBaru, UsulanDtks};
pub use periksa::Tanda;
pub use program::{PenerimaBaru, PenyaluranBaru, ProgramBaru};
pub use santunan::{AhliWaris, AksiSantunan, BarisSantunan, Santunan, SaringSantunan};

use crate::{Galat, Store, on_db};
use balai_domain::bantuan::{Aturan, Sasaran};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

/// The feature's handle.
#[derive(Clone, Copy)]
pub struct Bantuan<'a> {
    s: &'a Store,
}

impl Store {
    pub fn bantuan(&self) -> Bantuan<'_> {
        Bantuan { s: self }
    }
}

/// One programme in one year.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Program {
    pub desa_id: String,
    pub id: Uuid,
    pub kode: String,
    pub nama: String,
    pub sasaran: String,
    pub tahun: i64,
    pub mulai: NaiveDate,
    pub selesai: NaiveDate,
    /// Rupiah per recipient per distribution; 0 for aid in kind.
    pub nominal: i64,
    pub bentuk: String,
    pub asal_dana: String,
    /// The APBDes line (by its stable key) a village-funded programme is paid from.
    pub baris_kunci: Option<Uuid>,
    /// The eligibility rules (JSON of `Aturan`).
    pub aturan: String,
    /// Whether the public site lists the recipients (names and NIK masked).
    pub publikasi: bool,
    pub keterangan: String,
    pub versi: i64,
}

pub(crate) const KOLOM_PROGRAM: &str = "desa_id, id, kode, nama, sasaran, tahun, mulai, selesai, \
    nominal, bentuk, asal_dana, baris_kunci, aturan, publikasi, keterangan, versi";

impl Program {
    pub fn aturan(&self) -> Aturan {
        serde_json::from_str(&self.aturan).unwrap_or_default()
    }
    pub fn sasaran(&self) -> Sasaran {
        Sasaran::dari_kode(&self.sasaran).unwrap_or(Sasaran::Keluarga)
    }
    pub fn sasaran_label(&self) -> &'static str {
        self.sasaran().label()
    }
}

/// A programme with its counts, for the list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RingkasProgram {
    pub desa_id: String,
    pub id: Uuid,
    pub kode: String,
    pub nama: String,
    pub sasaran: String,
    pub tahun: i64,
    pub nominal: i64,
    pub penerima: i64,
    pub disalurkan: i64,
}

impl RingkasProgram {
    pub fn sasaran_label(&self) -> &'static str {
        Sasaran::dari_kode(&self.sasaran)
            .map(|s| s.label())
            .unwrap_or("")
    }
}

/// A recipient with the person's name, NIK, family card and address.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Penerima {
    pub id: Uuid,
    pub program_id: Uuid,
    pub penduduk_id: Uuid,
    pub keluarga_id: Option<Uuid>,
    pub nama: String,
    pub nik: String,
    pub no_kk: Option<String>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub status_dasar: i16,
    pub dasar: String,
    pub aktif: bool,
    pub alasan_berhenti: String,
    pub dibuat_pada: DateTime<Utc>,
}

impl Penerima {
    pub fn status_label(&self) -> &'static str {
        balai_domain::daftar::STATUS_DASAR
            .label(self.status_dasar)
            .unwrap_or("-")
    }
}

const SELECT_PENERIMA: &str = "SELECT b.id, b.program_id, b.penduduk_id, b.keluarga_id, p.nama, \
    p.nik, k.no_kk, w.dusun, w.rt, p.status_dasar, b.dasar, b.aktif, b.alasan_berhenti, b.dibuat_pada \
    FROM penerima_bantuan b JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
    LEFT JOIN keluarga k ON k.desa_id = b.desa_id AND k.id = b.keluarga_id \
    LEFT JOIN wilayah_rt w ON w.desa_id = p.desa_id AND w.id = p.rt_id";

/// One distribution, without the proof's bytes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Penyaluran {
    pub id: Uuid,
    pub program_id: Uuid,
    pub penerima_id: Uuid,
    pub periode: String,
    pub tanggal: NaiveDate,
    pub nominal: i64,
    pub bukti_mime: Option<String>,
    pub spp_id: Option<Uuid>,
    pub dicatat_oleh: String,
}

const KOLOM_PENYALURAN: &str =
    "id, program_id, penerima_id, periode, tanggal, nominal, bukti_mime, spp_id, dicatat_oleh";

/// What a resident's family is registered in, for the portal.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BantuanWarga {
    pub program_id: Uuid,
    pub kode: String,
    pub nama: String,
    pub tahun: i64,
    pub penerima: String,
    pub aktif: bool,
}

/// Recipients per programme and dusun, for the public page (small counts suppressed there).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AgregatProgram {
    pub kode: String,
    pub nama: String,
    pub tahun: i64,
    pub dusun: String,
    pub jumlah: i64,
}

impl Bantuan<'_> {
    pub async fn daftar_program(
        &self,
        desa_id: &str,
        tahun: Option<i64>,
    ) -> Result<Vec<RingkasProgram>, Galat> {
        self.ringkas_program(desa_id, tahun).await
    }

    /// The programmes of every village whose code starts with `awalan` (the district's view).
    pub async fn daftar_program_wilayah(
        &self,
        awalan: &str,
        tahun: Option<i64>,
    ) -> Result<Vec<RingkasProgram>, Galat> {
        let awalan: String = awalan.chars().filter(char::is_ascii_digit).collect();
        self.ringkas_program(&awalan, tahun).await
    }

    /// Programmes with their counts, of the villages whose code starts with `awalan` (a range
    /// of codes, so the primary key serves it).
    async fn ringkas_program(
        &self,
        awalan: &str,
        tahun: Option<i64>,
    ) -> Result<Vec<RingkasProgram>, Galat> {
        let atas = periksa::batas_atas(awalan);
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.desa_id, g.id, g.kode, g.nama, g.sasaran, g.tahun, g.nominal, \
             (SELECT count(*) FROM penerima_bantuan b WHERE b.desa_id = g.desa_id AND b.program_id = g.id AND b.aktif) AS penerima, \
             (SELECT CAST(coalesce(sum(s.nominal), 0) AS BIGINT) FROM penyaluran s WHERE s.desa_id = g.desa_id AND s.program_id = g.id) AS disalurkan \
             FROM program_bantuan g WHERE g.desa_id >= $1 AND ($2 IS NULL OR g.desa_id < $2) AND ($3 IS NULL OR g.tahun = $3) \
             ORDER BY g.desa_id, g.tahun DESC, g.kode")
            .bind(awalan).bind(&atas).bind(tahun).fetch_all(p).await)?)
    }

    pub async fn program(&self, desa_id: &str, id: Uuid) -> Result<Option<Program>, Galat> {
        let sql =
            format!("SELECT {KOLOM_PROGRAM} FROM program_bantuan WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// The programme of a code in a year (e.g. the year's death benefit).
    pub async fn program_kode(
        &self,
        desa_id: &str,
        kode: &str,
        tahun: i64,
    ) -> Result<Option<Program>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PROGRAM} FROM program_bantuan WHERE desa_id = $1 AND kode = $2 AND tahun = $3"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(kode).bind(tahun).fetch_optional(p).await)?,
        )
    }

    pub async fn penerima(&self, desa_id: &str, program_id: Uuid) -> Result<Vec<Penerima>, Galat> {
        let sql = format!(
            "{SELECT_PENERIMA} WHERE b.desa_id = $1 AND b.program_id = $2 ORDER BY b.aktif DESC, w.dusun, w.rt, p.nama, b.id"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(program_id).fetch_all(p).await)?,
        )
    }

    pub async fn satu_penerima(&self, desa_id: &str, id: Uuid) -> Result<Option<Penerima>, Galat> {
        let sql = format!("{SELECT_PENERIMA} WHERE b.desa_id = $1 AND b.id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn penyaluran(
        &self,
        desa_id: &str,
        program_id: Uuid,
    ) -> Result<Vec<Penyaluran>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PENYALURAN} FROM penyaluran WHERE desa_id = $1 AND program_id = $2 ORDER BY periode DESC, tanggal DESC"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(program_id).fetch_all(p).await)?,
        )
    }

    /// The distributions to one recipient, newest first.
    pub async fn penyaluran_penerima(
        &self,
        desa_id: &str,
        penerima_id: Uuid,
    ) -> Result<Vec<Penyaluran>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PENYALURAN} FROM penyaluran WHERE desa_id = $1 AND penerima_id = $2 ORDER BY periode DESC"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penerima_id).fetch_all(p).await)?,
        )
    }

    /// The proof of one distribution: (mime, bytes).
    pub async fn bukti_penyaluran(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(String, Vec<u8>)>, Galat> {
        let r: Option<(Option<String>, Option<Vec<u8>>)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT bukti_mime, bukti FROM penyaluran WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(r.and_then(|(m, b)| Some((m?, b?))))
    }

    /// The programmes a family (through any of its members) is registered in.
    pub async fn bantuan_keluarga(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Vec<BantuanWarga>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.id AS program_id, g.kode, g.nama, g.tahun, p.nama AS penerima, b.aktif \
             FROM penerima_bantuan b JOIN program_bantuan g ON g.desa_id = b.desa_id AND g.id = b.program_id \
             JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
             WHERE b.desa_id = $1 AND (b.keluarga_id = $2 OR p.keluarga_id = $2) ORDER BY g.tahun DESC, g.kode")
            .bind(desa_id).bind(keluarga_id).fetch_all(p).await)?)
    }

    /// The distributions to a family's members, newest first: (programme name, distribution).
    pub async fn riwayat_keluarga(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Vec<(String, NaiveDate, String, i64)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.nama, s.tanggal, s.periode, s.nominal FROM penyaluran s \
             JOIN penerima_bantuan b ON b.desa_id = s.desa_id AND b.id = s.penerima_id \
             JOIN program_bantuan g ON g.desa_id = s.desa_id AND g.id = s.program_id \
             JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
             WHERE s.desa_id = $1 AND (b.keluarga_id = $2 OR p.keluarga_id = $2) ORDER BY s.tanggal DESC LIMIT 60")
            .bind(desa_id).bind(keluarga_id).fetch_all(p).await)?)
    }

    /// Active recipients of the year's programmes the village chose to publish: (programme
    /// code, name, recipient's name, NIK, dusun). The caller masks names and NIKs.
    pub async fn penerima_publik(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Vec<(String, String, String, String, String)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.kode, g.nama, p.nama, p.nik, coalesce(w.dusun, '') FROM penerima_bantuan b \
             JOIN program_bantuan g ON g.desa_id = b.desa_id AND g.id = b.program_id \
             JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
             LEFT JOIN wilayah_rt w ON w.desa_id = p.desa_id AND w.id = p.rt_id \
             WHERE b.desa_id = $1 AND g.tahun = $2 AND g.publikasi AND b.aktif ORDER BY g.kode, w.dusun, p.nama")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?)
    }

    /// Active recipients per programme and dusun of a village's programmes of a year.
    pub async fn agregat(&self, desa_id: &str, tahun: i64) -> Result<Vec<AgregatProgram>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.kode, g.nama, g.tahun, coalesce(w.dusun, '') AS dusun, count(*) AS jumlah \
             FROM penerima_bantuan b JOIN program_bantuan g ON g.desa_id = b.desa_id AND g.id = b.program_id \
             JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
             LEFT JOIN wilayah_rt w ON w.desa_id = p.desa_id AND w.id = p.rt_id \
             WHERE b.desa_id = $1 AND g.tahun = $2 AND b.aktif GROUP BY g.kode, g.nama, g.tahun, w.dusun ORDER BY g.kode, w.dusun")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?)
    }
}
