//! Complaints and suggestions (pengaduan): filed by a resident (portal or kiosk) or a visitor,
//! answered by staff, each step kept.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::pengaduan::periksa;
pub use balai_domain::pengaduan::{
    KATEGORI, PANJANG_ISI, PengaduanBaru, STATUS, UKURAN_FOTO, label_kategori, label_status,
};
use chrono::{DateTime, Utc};
use rand::Rng;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Pengaduan {
    pub id: Uuid,
    pub kode_lacak: String,
    pub penduduk_id: Option<Uuid>,
    pub nama_pelapor: String,
    pub kontak: String,
    pub kategori: String,
    pub judul: String,
    pub isi: String,
    pub foto_mime: Option<String>,
    pub status: String,
    pub petugas: Option<String>,
    pub kanal: String,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl Pengaduan {
    pub fn label_kategori(&self) -> &'static str {
        label_kategori(&self.kategori)
    }
    pub fn label_status(&self) -> &'static str {
        label_status(&self.status)
    }
    pub fn terbuka(&self) -> bool {
        matches!(self.status.as_str(), "baru" | "diproses")
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BalasanPengaduan {
    pub urut: i64,
    pub waktu: DateTime<Utc>,
    pub dari_warga: bool,
    pub aktor: String,
    pub isi: String,
    pub status: String,
}

#[derive(Debug, Clone, Default)]
pub struct SaringPengaduan {
    pub status: String,
    pub kategori: String,
    pub petugas: String,
    pub penduduk_id: Option<Uuid>,
}

const KOLOM: &str = "id, kode_lacak, penduduk_id, nama_pelapor, kontak, kategori, judul, isi, foto_mime, status, \
                     petugas, kanal, dibuat_pada, diubah_pada";

fn kode_lacak() -> String {
    const HURUF: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut r = rand::rng();
    let acak: String = (0..8)
        .map(|_| HURUF[r.random_range(0..HURUF.len())] as char)
        .collect();
    format!("ADU-{acak}")
}

impl Store {
    /// Files a complaint; returns its id and tracking code.
    pub async fn ajukan_pengaduan(
        &self,
        desa_id: &str,
        b: &PengaduanBaru,
        aktor: &Aktor,
    ) -> Result<(Uuid, String), Galat> {
        periksa(b)?;
        // Stored as pixels only: EXIF (the phone's position), other metadata and oversized
        // images never reach the database or the operator's screen.
        let foto = match &b.foto {
            Some(f) => Some(
                crate::situs::gambar::olah_gambar_antre(f.clone(), "foto")
                    .await?
                    .0,
            ),
            None => None,
        };
        let mime = foto.as_ref().map(|_| "image/jpeg");
        let id = id_baru();
        let kode = kode_lacak();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO pengaduan (desa_id, id, kode_lacak, penduduk_id, nama_pelapor, kontak, kategori, judul, isi, foto, foto_mime, status, kanal, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'baru', $12, $13, $13)")
            .bind(desa_id).bind(id).bind(&kode).bind(b.penduduk_id).bind(b.nama_pelapor.trim()).bind(b.kontak.trim())
            .bind(&b.kategori).bind(b.judul.trim()).bind(b.isi.trim()).bind(foto.as_deref()).bind(mime)
            .bind(&b.kanal).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ajukan",
                objek: "pengaduan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "kategori": b.kategori, "kanal": b.kanal })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((id, kode))
    }

    pub async fn pengaduan(&self, desa_id: &str, id: Uuid) -> Result<Option<Pengaduan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM pengaduan WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn pengaduan_by_kode(
        &self,
        desa_id: &str,
        kode: &str,
    ) -> Result<Option<Pengaduan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM pengaduan WHERE desa_id = $1 AND kode_lacak = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(kode.trim().to_uppercase()).fetch_optional(p).await)?,
        )
    }

    /// Complaints newest first, at most `batas`.
    pub async fn daftar_pengaduan(
        &self,
        desa_id: &str,
        s: &SaringPengaduan,
        batas: i64,
    ) -> Result<Vec<Pengaduan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM pengaduan WHERE desa_id = $1 AND ($2 = '' OR status = $2) \
             AND ($3 = '' OR kategori = $3) AND ($4 = '' OR petugas = $4) AND ($5 IS NULL OR penduduk_id = $5) \
             ORDER BY dibuat_pada DESC LIMIT $6"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(&s.status).bind(&s.kategori).bind(&s.petugas).bind(s.penduduk_id)
            .bind(batas.clamp(1, 1000)).fetch_all(p).await)?,
        )
    }

    /// How many complaints are in each status.
    pub async fn jumlah_pengaduan(&self, desa_id: &str) -> Result<Vec<(String, i64)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT status, count(*) FROM pengaduan WHERE desa_id = $1 GROUP BY status")
            .bind(desa_id).fetch_all(p).await)?)
    }

    pub async fn foto_pengaduan(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        let r: Option<(Option<Vec<u8>>, Option<String>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT foto, foto_mime FROM pengaduan WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(r.and_then(|(f, m)| Some((f?, m?))))
    }

    pub async fn balasan_pengaduan(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Vec<BalasanPengaduan>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT urut, waktu, dari_warga, aktor, isi, status FROM pengaduan_balasan WHERE desa_id = $1 AND pengaduan_id = $2 ORDER BY urut")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// A reply (from staff, or a follow-up from the resident who filed it), optionally with a
    /// new status. A staff reply notifies the resident.
    pub async fn balas_pengaduan(
        &self,
        desa_id: &str,
        id: Uuid,
        isi: &str,
        status_baru: Option<&str>,
        dari_warga: bool,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let isi = isi.trim();
        let n = isi.chars().count();
        if n == 0 {
            return Err(Galat::isian("isi", "Tulis balasan terlebih dahulu."));
        }
        if n > PANJANG_ISI {
            return Err(Galat::isian(
                "isi",
                format!("Balasan paling panjang {PANJANG_ISI} karakter."),
            ));
        }
        if let Some(s) = status_baru
            && !STATUS.iter().any(|(k, _)| *k == s)
        {
            return Err(Galat::isian("status", "Status tidak dikenal."));
        }
        let p = self
            .pengaduan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if dari_warga && !p.terbuka() {
            return Err(Galat::Ditolak(
                "Pengaduan ini sudah ditutup. Ajukan pengaduan baru bila masalahnya belum selesai."
                    .into(),
            ));
        }
        let status = status_baru.unwrap_or(if !dari_warga && p.status == "baru" {
            "diproses"
        } else {
            &p.status
        });
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        // The complaint's row first: its lock orders concurrent replies, so each reads the
        // previous reply's number.
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE pengaduan SET status = $3, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(status).bind(now).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO pengaduan_balasan (desa_id, pengaduan_id, urut, waktu, dari_warga, aktor, isi, status) \
             VALUES ($1, $2, (SELECT coalesce(max(urut), 0) + 1 FROM pengaduan_balasan WHERE desa_id = $1 AND pengaduan_id = $2), $3, $4, $5, $6, $7)")
            .bind(desa_id).bind(id).bind(now).bind(dari_warga).bind(&aktor.0).bind(isi).bind(status)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "balas",
                objek: "pengaduan",
                objek_id: id.to_string(),
                sebelum: Some(json!({ "status": p.status })),
                sesudah: Some(json!({ "status": status })),
            },
        )
        .await?;
        if !dari_warga && let Some(pid) = p.penduduk_id {
            crate::notifikasi::antre(
                &mut tx,
                now,
                desa_id,
                pid,
                crate::notifikasi::Peristiwa::PengaduanDibalas,
                &json!({ "judul": p.judul, "kode_lacak": p.kode_lacak, "status": label_status(status), "balasan": isi }),
            )
            .await?;
        }
        tx.commit().await
    }

    /// Assigns a complaint to a staff member (username), or clears the assignment.
    pub async fn tugaskan_pengaduan(
        &self,
        desa_id: &str,
        id: Uuid,
        petugas: Option<&str>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE pengaduan SET petugas = $3, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(petugas).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
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
                objek: "pengaduan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "petugas": petugas })),
            },
        )
        .await?;
        tx.commit().await
    }
}
