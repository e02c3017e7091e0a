//! Documents attached to a request (checked by the operator before signing), and officials a
//! village lets sign on the head's behalf ("a.n. Kepala Desa", "u.b.").

use super::StatusSurat;
use super::masuk::jenis_lampiran;
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// Attachments per request, a guard against a runaway upload loop.
const LAMPIRAN_PER_SURAT: i64 = 10;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LampiranSurat {
    pub id: Uuid,
    pub nama: String,
    pub mime: String,
    pub ukuran: i64,
    pub diunggah_oleh: String,
    pub diunggah_pada: DateTime<Utc>,
}

/// An official allowed to sign letters, and how the signature block names them.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Delegasi {
    pub pengguna_id: Uuid,
    pub username: String,
    pub nama: String,
    /// Printed above the name, e.g. "Kepala Seksi Pemerintahan".
    pub jabatan: String,
    /// Printed above the title, e.g. "a.n. Kepala Desa Donorejo / Sekretaris Desa / u.b.".
    pub atas_nama: String,
}

impl Store {
    /// Attaches a scanned document (PDF, JPEG or PNG) to a request that is not signed yet.
    pub async fn tambah_lampiran_surat(
        &self,
        desa_id: &str,
        surat_id: Uuid,
        isi: &[u8],
        nama: &str,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let s = self
            .surat(desa_id, surat_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if !matches!(s.status(), StatusSurat::Diajukan | StatusSurat::Diperiksa) {
            return Err(Galat::Ditolak(
                "Lampiran hanya dapat ditambahkan sebelum surat ditandatangani.".into(),
            ));
        }
        let mime = jenis_lampiran(isi).map_err(|e| Galat::isian("lampiran", e))?;
        let nama = crate::berkas::nama_aman(nama);
        let id = id_baru();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let ada: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT count(*) FROM surat_lampiran WHERE desa_id = $1 AND surat_id = $2")
            .bind(desa_id).bind(surat_id).fetch_one(&mut *c).await)?;
        if ada >= LAMPIRAN_PER_SURAT {
            return Err(Galat::isian(
                "lampiran",
                format!("Satu permohonan paling banyak {LAMPIRAN_PER_SURAT} lampiran."),
            ));
        }
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO surat_lampiran (desa_id, surat_id, id, nama, mime, isi, ukuran, diunggah_oleh, diunggah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(desa_id).bind(surat_id).bind(id).bind(&nama).bind(mime).bind(isi).bind(isi.len() as i64)
            .bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah_lampiran",
                objek: "surat",
                objek_id: surat_id.to_string(),
                sebelum: None,
                sesudah: Some(
                    serde_json::json!({"lampiran": id, "mime": mime, "ukuran": isi.len()}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn daftar_lampiran_surat(
        &self,
        desa_id: &str,
        surat_id: Uuid,
    ) -> Result<Vec<LampiranSurat>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, nama, mime, ukuran, diunggah_oleh, diunggah_pada FROM surat_lampiran \
             WHERE desa_id = $1 AND surat_id = $2 ORDER BY id")
            .bind(desa_id).bind(surat_id).fetch_all(p).await)?)
    }

    /// One attachment's bytes and type.
    pub async fn lampiran_surat(
        &self,
        desa_id: &str,
        surat_id: Uuid,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT isi, mime FROM surat_lampiran WHERE desa_id = $1 AND surat_id = $2 AND id = $3")
            .bind(desa_id).bind(surat_id).bind(id).fetch_optional(p).await)?)
    }

    /// Officials of the village allowed to sign besides the head and the secretary.
    pub async fn daftar_penandatangan(&self, desa_id: &str) -> Result<Vec<Delegasi>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT d.pengguna_id, u.username, u.nama, d.jabatan, d.atas_nama FROM penandatangan d \
             JOIN pengguna u ON u.id = d.pengguna_id WHERE d.desa_id = $1 ORDER BY u.username")
            .bind(desa_id).fetch_all(p).await)?)
    }

    pub async fn penandatangan_pengguna(
        &self,
        desa_id: &str,
        pengguna_id: Uuid,
    ) -> Result<Option<Delegasi>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT d.pengguna_id, u.username, u.nama, d.jabatan, d.atas_nama FROM penandatangan d \
             JOIN pengguna u ON u.id = d.pengguna_id WHERE d.desa_id = $1 AND d.pengguna_id = $2 AND u.aktif AND u.desa_id = d.desa_id")
            .bind(desa_id).bind(pengguna_id).fetch_optional(p).await)?)
    }

    /// Lets an account of the village sign, printed with `jabatan` and `atas_nama`.
    pub async fn simpan_penandatangan(
        &self,
        desa_id: &str,
        pengguna_id: Uuid,
        jabatan: &str,
        atas_nama: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let mut g = balai_domain::DaftarGalat::default();
        let u = self.pengguna(pengguna_id).await?;
        if !u
            .as_ref()
            .is_some_and(|u| u.desa_id.as_deref() == Some(desa_id) && u.aktif)
        {
            g.push("pengguna_id", "Pilih pengguna aktif dari desa ini.");
        }
        let jabatan = jabatan.trim();
        if jabatan.is_empty() || jabatan.chars().count() > 100 {
            g.push("jabatan", "Tuliskan jabatan penanda tangan (paling banyak 100 karakter), misalnya Kepala Seksi Pemerintahan.");
        }
        let atas_nama = atas_nama.trim();
        if atas_nama.chars().count() > 200
            || atas_nama
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r')
        {
            g.push(
                "atas_nama",
                "Baris \"atas nama\" paling banyak 200 karakter.",
            );
        }
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO penandatangan (desa_id, pengguna_id, jabatan, atas_nama, diubah_pada) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (desa_id, pengguna_id) DO UPDATE SET jabatan = $3, atas_nama = $4, diubah_pada = $5")
            .bind(desa_id).bind(pengguna_id).bind(jabatan).bind(atas_nama.replace("\r\n", "\n")).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "beri_wewenang_tanda_tangan",
                objek: "pengguna",
                objek_id: pengguna_id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"jabatan": jabatan, "atas_nama": atas_nama})),
            },
        )
        .await?;
        tx.commit().await
    }

    pub async fn hapus_penandatangan(
        &self,
        desa_id: &str,
        pengguna_id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM penandatangan WHERE desa_id = $1 AND pengguna_id = $2")
            .bind(desa_id).bind(pengguna_id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "cabut_wewenang_tanda_tangan",
                objek: "pengguna",
                objek_id: pengguna_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }
}
