//! The register of incoming letters (buku agenda surat masuk), with a scanned attachment.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use balai_domain::surat::masuk::{LAMPIRAN_MAKS, SuratMasukBaru, jenis_lampiran};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SuratMasuk {
    pub id: Uuid,
    pub tahun: i64,
    pub nomor_urut: i64,
    pub tanggal_terima: NaiveDate,
    pub nomor_surat: String,
    pub tanggal_surat: NaiveDate,
    pub pengirim: String,
    pub isi_singkat: String,
    pub disposisi: String,
    pub lampiran_mime: Option<String>,
    pub lampiran_nama: Option<String>,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
}

/// Attachment bytes, type and name, each possibly missing.
type BarisLampiran = (Option<Vec<u8>>, Option<String>, Option<String>);

const KOLOM: &str = "id, tahun, nomor_urut, tanggal_terima, nomor_surat, tanggal_surat, pengirim, isi_singkat, disposisi, \
     lampiran_mime, lampiran_nama, dicatat_oleh, dicatat_pada";

impl Store {
    /// Records an incoming letter with the next number of its year.
    pub async fn catat_surat_masuk(
        &self,
        desa_id: &str,
        m: &SuratMasukBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let m = balai_domain::surat::masuk::periksa(m, self.hari_ini(desa.zona()))
            .map_err(Galat::Isian)?;
        let (terima, tgl_surat, nomor, pengirim, isi) = (
            m.tanggal_terima,
            m.tanggal_surat,
            &m.nomor_surat,
            &m.pengirim,
            &m.isi_singkat,
        );
        let lampiran = m.lampiran.as_ref();
        let id = id_baru();
        let now = self.sekarang();
        let tahun = i64::from(terima.year());
        let mut tx = self.db.begin().await?;
        let urut: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO nomor_surat (desa_id, lingkup, tahun, terakhir) VALUES ($1, 'masuk', $2, 1) \
             ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = nomor_surat.terakhir + 1 RETURNING terakhir")
            .bind(desa_id).bind(tahun).fetch_one(&mut *c).await)?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO surat_masuk (desa_id, id, tahun, nomor_urut, tanggal_terima, nomor_surat, tanggal_surat, pengirim, \
             isi_singkat, disposisi, lampiran, lampiran_mime, lampiran_nama, dicatat_oleh, dicatat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
            .bind(desa_id).bind(id).bind(tahun).bind(urut).bind(terima).bind(nomor).bind(tgl_surat).bind(pengirim)
            .bind(isi).bind(&m.disposisi).bind(lampiran.map(|l| l.0.to_vec()))
            .bind(lampiran.map(|l| l.1)).bind(lampiran.map(|l| l.2.clone()))
            .bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "surat_masuk",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"nomor_urut": urut, "tahun": tahun, "nomor_surat": nomor, "pengirim": pengirim})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Incoming letters in order of receipt; `q` matches the number, sender or summary.
    pub async fn daftar_surat_masuk(
        &self,
        desa_id: &str,
        q: &str,
        dari: Option<NaiveDate>,
        sampai: Option<NaiveDate>,
    ) -> Result<Vec<SuratMasuk>, Galat> {
        let q = q.trim();
        let pola = if q.is_empty() {
            String::new()
        } else {
            format!("%{}%", crate::penduduk::pola_like(&q.to_lowercase()))
        };
        let sql = format!(
            "SELECT {KOLOM} FROM surat_masuk WHERE desa_id = $1 \
             AND ($2 = '' OR lower(nomor_surat) LIKE $2 ESCAPE '\\' OR lower(pengirim) LIKE $2 ESCAPE '\\' OR lower(isi_singkat) LIKE $2 ESCAPE '\\') \
             AND ($3 IS NULL OR tanggal_terima >= $3) AND ($4 IS NULL OR tanggal_terima <= $4) \
             ORDER BY tahun, nomor_urut LIMIT 5000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(&pola).bind(dari).bind(sampai).fetch_all(p).await)?,
        )
    }

    pub async fn surat_masuk(&self, desa_id: &str, id: Uuid) -> Result<Option<SuratMasuk>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM surat_masuk WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// The attachment's bytes, type and name.
    pub async fn lampiran_surat_masuk(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String, String)>, Galat> {
        let r: Option<BarisLampiran> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT lampiran, lampiran_mime, lampiran_nama FROM surat_masuk WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(match r {
            Some((Some(b), Some(m), n)) => Some((b, m, n.unwrap_or_default())),
            _ => None,
        })
    }
}
