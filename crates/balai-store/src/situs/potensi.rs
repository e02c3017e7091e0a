//! Village potential (potensi desa): businesses (UMKM, BUMDes), organisations, tourism sites,
//! public facilities and infrastructure, each with an optional point on the map.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::situs::potensi::periksa;
pub use balai_domain::situs::potensi::{JENIS, PotensiBaru, label_jenis};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Potensi {
    pub id: Uuid,
    pub jenis: String,
    pub nama: String,
    pub uraian: String,
    pub produk: String,
    pub kontak: String,
    pub alamat: String,
    pub lintang: Option<f64>,
    pub bujur: Option<f64>,
    pub gambar: Option<String>,
    pub diubah_pada: DateTime<Utc>,
}

impl Potensi {
    pub fn label_jenis(&self) -> &'static str {
        label_jenis(&self.jenis)
    }
}

const KOLOM: &str =
    "id, jenis, nama, uraian, produk, kontak, alamat, lintang, bujur, gambar, diubah_pada";

impl Store {
    /// Saves a new entry (`id` None) or changes one; returns its id.
    pub async fn simpan_potensi(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        b: &PotensiBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa(b)?;
        let lama = match id {
            Some(id) => Some(
                self.potensi(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        let id = id.unwrap_or_else(id_baru);
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        if lama.is_some() {
            on_tx!(&mut tx, c => sqlx::query(
                "UPDATE potensi SET jenis = $3, nama = $4, uraian = $5, produk = $6, kontak = $7, alamat = $8, \
                 lintang = $9, bujur = $10, gambar = $11, diubah_pada = $12 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).bind(&b.jenis).bind(b.nama.trim()).bind(b.uraian.trim()).bind(b.produk.trim())
                .bind(b.kontak.trim()).bind(b.alamat.trim()).bind(b.lintang).bind(b.bujur).bind(&b.gambar).bind(now)
                .execute(&mut *c).await.map(|_| ()))?;
        } else {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO potensi (desa_id, id, jenis, nama, uraian, produk, kontak, alamat, lintang, bujur, gambar, diubah_pada) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .bind(desa_id).bind(id).bind(&b.jenis).bind(b.nama.trim()).bind(b.uraian.trim()).bind(b.produk.trim())
                .bind(b.kontak.trim()).bind(b.alamat.trim()).bind(b.lintang).bind(b.bujur).bind(&b.gambar).bind(now)
                .execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "potensi",
                objek_id: id.to_string(),
                sebelum: lama.as_ref().map(|l| json!(l)),
                sesudah: Some(json!(b)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn potensi(&self, desa_id: &str, id: Uuid) -> Result<Option<Potensi>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM potensi WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Entries of one kind (or all with ""), by kind and name.
    pub async fn daftar_potensi(&self, desa_id: &str, jenis: &str) -> Result<Vec<Potensi>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM potensi WHERE desa_id = $1 AND ($2 = '' OR jenis = $2) ORDER BY jenis, nama LIMIT 2000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(jenis).fetch_all(p).await)?,
        )
    }

    pub async fn hapus_potensi(&self, desa_id: &str, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let lama = self
            .potensi(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM potensi WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "potensi",
                objek_id: id.to_string(),
                sebelum: Some(json!(lama)),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
