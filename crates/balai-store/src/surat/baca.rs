//! Reading letters: one letter, lists for the counter and the books, and public verification.

use super::kunci::{dari_b64, tanda_sah};
use super::{KOLOM_SURAT, LangkahSurat, StatusSurat, Surat};
use crate::penduduk::pola_like;
use crate::{Galat, Store, on_db};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// Filters of the letter list.
#[derive(Debug, Clone, Default)]
pub struct SaringSurat {
    /// Empty for all statuses; several statuses allowed.
    pub status: Vec<StatusSurat>,
    pub jenis_kode: String,
    /// Matches the number or the applicant's name.
    pub q: String,
    pub penduduk_id: Option<Uuid>,
    /// Letter (or request) date range, inclusive.
    pub dari: Option<NaiveDate>,
    pub sampai: Option<NaiveDate>,
}

/// What the public verification page may show: nothing that identifies the holder beyond a
/// masked name.
#[derive(Debug, Clone, Serialize)]
pub struct HasilVerifikasi {
    pub keaslian: Keaslian,
    pub jenis_nama: String,
    pub nomor: String,
    pub tanggal: Option<NaiveDate>,
    pub berlaku_sampai: Option<NaiveDate>,
    pub desa_id: String,
    pub desa_nama: String,
    pub nama_samaran: String,
    pub penanda_nama: String,
    pub penanda_jabatan: String,
    pub alasan_batal: Option<String>,
    /// Genuine, but past its validity date (in the village's time zone).
    pub kedaluwarsa: bool,
    /// The signed payload (base64url), its Ed25519 signature (base64url) and the key's id: with
    /// the village's public key (`/kunci/{desa}`) anyone can check the signature themselves.
    pub muatan: String,
    pub tanda: String,
    pub kunci: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Keaslian {
    Asli,
    TidakValid,
    Dicabut,
}

impl Keaslian {
    pub fn label(self) -> &'static str {
        match self {
            Keaslian::Asli => "ASLI",
            Keaslian::TidakValid => "TIDAK VALID",
            Keaslian::Dicabut => "DICABUT",
        }
    }
}

#[derive(sqlx::FromRow)]
struct BarisVerifikasi {
    desa_id: String,
    jenis_nama: String,
    nomor: Option<String>,
    tanggal: Option<NaiveDate>,
    berlaku_sampai: Option<NaiveDate>,
    status: String,
    nama_pemohon: String,
    penanda_nama: Option<String>,
    penanda_jabatan: Option<String>,
    kunci_id: Option<String>,
    muatan: Option<String>,
    tanda_tangan: Option<String>,
    alasan: Option<String>,
    desa_nama: String,
    zona_waktu: String,
}

impl Store {
    pub async fn surat(&self, desa_id: &str, id: Uuid) -> Result<Option<Surat>, Galat> {
        let sql = format!("SELECT {KOLOM_SURAT} FROM surat WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Letters newest first, `batas` at a time; `sebelum` is the last id of the previous page.
    pub async fn daftar_surat(
        &self,
        desa_id: &str,
        s: &SaringSurat,
        sebelum: Option<Uuid>,
        batas: i64,
    ) -> Result<Vec<Surat>, Galat> {
        let mut sql = format!("SELECT {KOLOM_SURAT} FROM surat WHERE desa_id = $1");
        let status: Vec<String> = s.status.iter().map(|x| x.kode().to_string()).collect();
        if !status.is_empty() {
            let daftar: Vec<String> = status.iter().map(|k| format!("'{k}'")).collect();
            // Codes come from the enum, never from input.
            sql.push_str(&format!(" AND status IN ({})", daftar.join(", ")));
        }
        sql.push_str(" AND ($2 = '' OR jenis_kode = $2)");
        sql.push_str(
            " AND ($3 = '' OR upper(nomor) LIKE $3 ESCAPE '\\' OR nama_pemohon LIKE $4 ESCAPE '\\')",
        );
        sql.push_str(" AND ($5 IS NULL OR penduduk_id = $5)");
        // The letter date once issued, else the day it was requested (UTC).
        let tanggal = if self.db.is_postgres() {
            "coalesce(tanggal, (diajukan_pada AT TIME ZONE 'UTC')::date)"
        } else {
            "coalesce(tanggal, substr(diajukan_pada, 1, 10))"
        };
        sql.push_str(&format!(" AND ($6 IS NULL OR {tanggal} >= $6)"));
        sql.push_str(&format!(" AND ($7 IS NULL OR {tanggal} <= $7)"));
        sql.push_str(" AND ($8 IS NULL OR id < $8) ORDER BY id DESC LIMIT $9");
        let q = s.q.trim();
        let (pola_nomor, pola_nama) = if q.is_empty() {
            (String::new(), String::new())
        } else {
            // Numbers are compared in upper case on both backends (SQLite's LIKE ignores case
            // for ASCII, PostgreSQL's does not).
            let pola = format!("%{}%", pola_like(&q.to_uppercase()));
            (pola.clone(), pola)
        };
        let dari = s.dari.map(|d| d.to_string());
        let sampai = s.sampai.map(|d| d.to_string());
        Ok(on_db!(&self.db, p => {
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(desa_id).bind(&s.jenis_kode).bind(&pola_nomor).bind(&pola_nama).bind(s.penduduk_id);
            let q = if self.db.is_postgres() {
                q.bind(s.dari).bind(s.sampai)
            } else {
                q.bind(dari.clone()).bind(sampai.clone())
            };
            q.bind(sebelum).bind(batas.clamp(1, 1000)).fetch_all(p).await
        })?)
    }

    pub async fn riwayat_surat(&self, desa_id: &str, id: Uuid) -> Result<Vec<LangkahSurat>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT urut, waktu, aktor, status, catatan FROM surat_riwayat WHERE desa_id = $1 AND surat_id = $2 ORDER BY urut")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// Public check of a letter by its QR token. With the signed content from the QR (`m`, `t`,
    /// base64url), that content must carry a valid signature of the village and match the
    /// letter as issued; otherwise the stored signature is checked.
    pub async fn verifikasi_surat(
        &self,
        token: &str,
        muatan_qr: Option<&str>,
        tanda_qr: Option<&str>,
    ) -> Result<Option<HasilVerifikasi>, Galat> {
        if !self.bentuk_token_surat(token) {
            return Ok(None);
        }
        let baris: Option<BarisVerifikasi> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT s.desa_id, s.jenis_nama, s.nomor, s.tanggal, s.berlaku_sampai, s.status, s.nama_pemohon, s.penanda_nama, \
             s.penanda_jabatan, s.kunci_id, s.muatan, s.tanda_tangan, s.alasan, d.nama AS desa_nama, d.zona_waktu \
             FROM surat s JOIN desa d ON d.desa_id = s.desa_id WHERE s.token = $1")
            .bind(token).fetch_optional(p).await)?;
        let Some(b) = baris else { return Ok(None) };
        let (Some(kunci_id), Some(muatan), Some(tanda)) = (&b.kunci_id, &b.muatan, &b.tanda_tangan)
        else {
            return Ok(None);
        };
        let publik: Option<Vec<u8>> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT publik FROM kunci_desa WHERE desa_id = $1 AND id = $2")
            .bind(&b.desa_id).bind(kunci_id).fetch_optional(p).await)?;
        let sah = match (publik, muatan_qr, tanda_qr) {
            (Some(publik), Some(m), Some(t)) => match (dari_b64(m), dari_b64(t)) {
                (Some(m), Some(t)) => m == muatan.as_bytes() && tanda_sah(&publik, &m, &t),
                _ => false,
            },
            (Some(publik), None, None) => {
                dari_b64(tanda).is_some_and(|t| tanda_sah(&publik, muatan.as_bytes(), &t))
            }
            _ => false,
        };
        let keaslian = if !sah {
            Keaslian::TidakValid
        } else if b.status == StatusSurat::Dibatalkan.kode() {
            Keaslian::Dicabut
        } else {
            Keaslian::Asli
        };
        let zona = crate::desa::zona_dari_kode(&b.zona_waktu);
        let kedaluwarsa = b.berlaku_sampai.is_some_and(|t| t < self.hari_ini(zona));
        Ok(Some(HasilVerifikasi {
            muatan: super::kunci::b64(muatan.as_bytes()),
            tanda: tanda.clone(),
            kunci: kunci_id.clone(),
            kedaluwarsa,
            keaslian,
            jenis_nama: b.jenis_nama,
            nomor: b.nomor.unwrap_or_default(),
            tanggal: b.tanggal,
            berlaku_sampai: b.berlaku_sampai,
            desa_id: b.desa_id,
            desa_nama: b.desa_nama,
            nama_samaran: balai_domain::surat::teks::samarkan_nama(&b.nama_pemohon),
            penanda_nama: b.penanda_nama.unwrap_or_default(),
            penanda_jabatan: b.penanda_jabatan.unwrap_or_default(),
            alasan_batal: if b.status == StatusSurat::Dibatalkan.kode() {
                b.alasan
            } else {
                None
            },
        }))
    }
}
