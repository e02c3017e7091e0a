//! The operator's inbox of online requests: letters that came from the portal, kiosk or API and
//! are not finished, with their assigned operator and how late they are.

use crate::audit::{Catatan, catat};
use crate::surat::{KOLOM_SURAT, Surat};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

/// How close a request is to its target time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sla {
    /// Less than half the target time used.
    Aman,
    /// More than half used.
    Hampir,
    /// Past the target.
    Lewat,
}

impl Sla {
    pub fn hitung(mulai: DateTime<Utc>, target: Duration, now: DateTime<Utc>) -> Sla {
        let lewat = now - mulai;
        if lewat > target {
            Sla::Lewat
        } else if lewat * 2 > target {
            Sla::Hampir
        } else {
            Sla::Aman
        }
    }
    pub fn kelas(self) -> &'static str {
        match self {
            Sla::Aman => "sla-aman",
            Sla::Hampir => "sla-hampir",
            Sla::Lewat => "sla-lewat",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sla::Aman => "Dalam batas waktu",
            Sla::Hampir => "Mendekati batas waktu",
            Sla::Lewat => "Melewati batas waktu",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SaringKotak {
    /// "diajukan" or "diperiksa"; empty for both.
    pub status: String,
    pub kanal: String,
    /// A username, "-" for unassigned, empty for all.
    pub petugas: String,
}

/// An online letter request with its assignment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PermohonanDaring {
    #[sqlx(flatten)]
    pub surat: Surat,
    pub petugas: Option<String>,
}

impl Store {
    /// Unfinished online letter requests, oldest first (they are the most urgent).
    pub async fn kotak_permohonan(
        &self,
        desa_id: &str,
        s: &SaringKotak,
    ) -> Result<Vec<PermohonanDaring>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_SURAT}, petugas FROM surat WHERE desa_id = $1 AND kanal <> 'loket' \
             AND status IN ('diajukan', 'diperiksa') AND ($2 = '' OR status = $2) AND ($3 = '' OR kanal = $3) \
             AND ($4 = '' OR ($4 = '-' AND petugas IS NULL) OR petugas = $4) ORDER BY diajukan_pada LIMIT 500"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(&s.status).bind(&s.kanal).bind(&s.petugas).fetch_all(p).await)?,
        )
    }

    /// Counts for the inbox header: online requests waiting, waiting for signature, complaints
    /// new and in progress, data requests waiting.
    pub async fn jumlah_kotak(&self, desa_id: &str) -> Result<[i64; 5], Galat> {
        let (a, b, c, d, e): (i64, i64, i64, i64, i64) = on_db!(&self.db, p => sqlx::query_as(
            "SELECT \
             (SELECT count(*) FROM surat WHERE desa_id = $1 AND kanal <> 'loket' AND status = 'diajukan'), \
             (SELECT count(*) FROM surat WHERE desa_id = $1 AND kanal <> 'loket' AND status = 'diperiksa'), \
             (SELECT count(*) FROM pengaduan WHERE desa_id = $1 AND status = 'baru'), \
             (SELECT count(*) FROM pengaduan WHERE desa_id = $1 AND status = 'diproses'), \
             (SELECT count(*) FROM permintaan_data WHERE desa_id = $1 AND status = 'diajukan')")
            .bind(desa_id).fetch_one(p).await)?;
        Ok([a, b, c, d, e])
    }

    /// The place of a kiosk request among the kiosk requests made between `mulai` and `akhir`
    /// (one day): its queue number.
    pub async fn nomor_antrean(
        &self,
        desa_id: &str,
        id: Uuid,
        mulai: DateTime<Utc>,
        akhir: DateTime<Utc>,
    ) -> Result<i64, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM surat WHERE desa_id = $1 AND kanal = 'anjungan' AND diajukan_pada >= $2 \
             AND diajukan_pada < $3 AND id <= $4")
            .bind(desa_id).bind(mulai).bind(akhir).bind(id).fetch_one(p).await)?)
    }

    /// Assigns a letter request to a staff member (username), or clears it.
    pub async fn tugaskan_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        petugas: Option<&str>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE surat SET petugas = $3 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(petugas).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tugaskan",
                objek: "surat",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "petugas": petugas })),
            },
        )
        .await?;
        tx.commit().await
    }
}
