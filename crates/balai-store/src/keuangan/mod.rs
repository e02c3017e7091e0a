//! Village planning and finance (Permendagri 20/2018 and 114/2014): proposals and plans,
//! the yearly budget (APBDes) in versions, payment requests, the cash books and the
//! realisation reports. Money is whole rupiah; every total is computed, never typed.

pub use balai_domain::keuangan::{periksa_tahun, periksa_tanggal};

pub mod apbdes;
pub mod belanja;
mod demo;
pub mod impor;
pub mod laporan;
pub mod perencanaan;

use crate::db::Tx;
use crate::{Galat, Store, on_db, on_tx};
use chrono::{DateTime, Utc};

/// Locks the year's books for the rest of the transaction (one row per village and year, so
/// two payments cannot both pass the same remaining-budget check) and refuses a closed year.
pub(crate) async fn kunci_tahun(tx: &mut Tx, desa_id: &str, tahun: i64) -> Result<(), Galat> {
    let ditutup: Option<DateTime<Utc>> = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO tahun_buku (desa_id, tahun) VALUES ($1, $2) ON CONFLICT (desa_id, tahun) \
         DO UPDATE SET putaran = tahun_buku.putaran + 1 RETURNING ditutup_pada")
        .bind(desa_id).bind(tahun).fetch_one(&mut *c).await)?;
    if ditutup.is_some() {
        return Err(Galat::Ditolak(format!(
            "Tahun anggaran {tahun} sudah ditutup: datanya tidak dapat diubah lagi."
        )));
    }
    Ok(())
}

impl Store {
    /// When the year's books were closed, if they were.
    pub async fn tahun_ditutup(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Option<DateTime<Utc>>, Galat> {
        let r: Option<Option<DateTime<Utc>>> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT ditutup_pada FROM tahun_buku WHERE desa_id = $1 AND tahun = $2")
            .bind(desa_id).bind(tahun).fetch_optional(p).await)?;
        Ok(r.flatten())
    }

    /// Closes a year: afterwards its budget, payments and books are read-only.
    pub async fn tutup_tahun(
        &self,
        desa_id: &str,
        tahun: i64,
        aktor: &crate::Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, tahun).await?;
        let terbuka: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM spp WHERE desa_id = $1 AND tahun = $2 AND status IN ('diajukan', 'diperiksa', 'disetujui')")
            .bind(desa_id).bind(tahun).fetch_one(&mut *c).await)?;
        if terbuka > 0 {
            return Err(Galat::Ditolak(format!(
                "Masih ada {terbuka} SPP yang belum dibayar atau ditolak. Selesaikan dahulu sebelum menutup tahun {tahun}."
            )));
        }
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE tahun_buku SET ditutup_pada = $3, ditutup_oleh = $4 WHERE desa_id = $1 AND tahun = $2")
            .bind(desa_id).bind(tahun).bind(now).bind(&aktor.0).execute(&mut *c).await.map(|_| ()))?;
        crate::audit::catat(
            &mut tx,
            now,
            crate::audit::Catatan {
                desa_id,
                aktor,
                aksi: "tutup",
                objek: "tahun_buku",
                objek_id: tahun.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
