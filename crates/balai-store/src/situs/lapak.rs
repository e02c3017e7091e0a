//! Lapak: the village marketplace. Residents list their own products from the portal (shown
//! after an operator approves them); operators list for sellers without a phone. A buyer
//! contacts the seller directly on the number the seller chose to publish.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
pub use balai_domain::lapak::{KATEGORI, ProdukBaru, STATUS, STOK, nomor_internasional};
use balai_domain::lapak::{label, periksa};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Produk {
    pub id: Uuid,
    pub token: String,
    pub penduduk_id: Option<Uuid>,
    pub nama_penjual: String,
    pub kontak: String,
    pub nama: String,
    pub kategori: String,
    pub uraian: String,
    pub harga: i64,
    pub satuan: String,
    pub stok: String,
    pub gambar: Option<String>,
    pub status: String,
    pub alasan: String,
    pub diubah_pada: DateTime<Utc>,
}

impl Produk {
    pub fn label_kategori(&self) -> &'static str {
        label(KATEGORI, &self.kategori)
    }
    pub fn label_stok(&self) -> &'static str {
        label(STOK, &self.stok)
    }
    pub fn label_status(&self) -> &'static str {
        label(STATUS, &self.status)
    }
    /// The number for wa.me links: "081234…" → "6281234…".
    pub fn nomor_wa(&self) -> String {
        nomor_internasional(&self.kontak)
    }
}

const KOLOM: &str = "id, token, penduduk_id, nama_penjual, kontak, nama, kategori, uraian, harga, satuan, stok, \
                     gambar, status, alasan, diubah_pada";

/// Who lists a product: a resident (only their own, approved before it is shown) or staff.
#[derive(Debug, Clone, Copy)]
pub enum Penjual {
    Warga(Uuid),
    Petugas,
}

impl Store {
    /// Saves a new product (`id` None) or changes one. A resident's change waits for approval
    /// again; a resident can only change their own products.
    pub async fn simpan_produk(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        penjual: Penjual,
        b: &ProdukBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa(b)?;
        let lama = match id {
            Some(id) => Some(self.produk_milik(desa_id, id, penjual).await?),
            None => None,
        };
        let (pemilik, status) = match penjual {
            Penjual::Warga(p) => (Some(p), "menunggu"),
            Penjual::Petugas => (lama.as_ref().and_then(|l| l.penduduk_id), "tayang"),
        };
        let id = id.unwrap_or_else(id_baru);
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        if lama.is_some() {
            on_tx!(&mut tx, c => sqlx::query(
                "UPDATE lapak SET nama_penjual = $3, kontak = $4, nama = $5, kategori = $6, uraian = $7, harga = $8, \
                 satuan = $9, stok = $10, gambar = $11, status = $12, alasan = '', diubah_pada = $13 \
                 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).bind(b.nama_penjual.trim()).bind(b.kontak.trim()).bind(b.nama.trim())
                .bind(&b.kategori).bind(b.uraian.trim()).bind(b.harga).bind(b.satuan.trim()).bind(&b.stok)
                .bind(&b.gambar).bind(status).bind(now).execute(&mut *c).await.map(|_| ()))?;
        } else {
            let token = crate::pengguna::token_acak()[..16].to_string();
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO lapak (desa_id, id, token, penduduk_id, nama_penjual, kontak, nama, kategori, uraian, harga, \
                 satuan, stok, gambar, status, dibuat_oleh, dibuat_pada, diubah_pada) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
                .bind(desa_id).bind(id).bind(&token).bind(pemilik).bind(b.nama_penjual.trim()).bind(b.kontak.trim())
                .bind(b.nama.trim()).bind(&b.kategori).bind(b.uraian.trim()).bind(b.harga).bind(b.satuan.trim())
                .bind(&b.stok).bind(&b.gambar).bind(status).bind(&aktor.0).bind(now)
                .execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "lapak",
                objek_id: id.to_string(),
                sebelum: lama
                    .as_ref()
                    .map(|l| json!({ "nama": l.nama, "harga": l.harga, "status": l.status })),
                sesudah: Some(json!({ "nama": b.nama.trim(), "harga": b.harga, "status": status })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A product as its seller (or staff) may see it; someone else's is "not found".
    pub async fn produk_milik(
        &self,
        desa_id: &str,
        id: Uuid,
        penjual: Penjual,
    ) -> Result<Produk, Galat> {
        let p = self
            .produk(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        match penjual {
            Penjual::Warga(w) if p.penduduk_id != Some(w) => Err(Galat::TidakDitemukan),
            _ => Ok(p),
        }
    }

    pub async fn produk(&self, desa_id: &str, id: Uuid) -> Result<Option<Produk>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM lapak WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// A product on the public site (approved ones only), by its public token.
    pub async fn produk_tayang(&self, desa_id: &str, token: &str) -> Result<Option<Produk>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM lapak WHERE desa_id = $1 AND token = $2 AND status = 'tayang'"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(token).fetch_optional(p).await)?,
        )
    }

    /// Approved products, newest first, filtered by category and by words in name or seller.
    pub async fn cari_produk(
        &self,
        desa_id: &str,
        kategori: &str,
        q: &str,
        batas: i64,
    ) -> Result<Vec<Produk>, Galat> {
        let pola = format!(
            "%{}%",
            q.trim().to_lowercase().replace(['\\', '%', '_'], "")
        );
        let sql = format!(
            "SELECT {KOLOM} FROM lapak WHERE desa_id = $1 AND status = 'tayang' AND ($2 = '' OR kategori = $2) \
             AND (lower(nama) LIKE $3 OR lower(nama_penjual) LIKE $3 OR lower(uraian) LIKE $3) \
             ORDER BY diubah_pada DESC LIMIT $4"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(kategori).bind(&pola).bind(batas).fetch_all(p).await)?,
        )
    }

    /// Products of one resident, or (None) every product for staff, with status filter.
    pub async fn daftar_produk(
        &self,
        desa_id: &str,
        penduduk_id: Option<Uuid>,
        status: &str,
    ) -> Result<Vec<Produk>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM lapak WHERE desa_id = $1 AND ($2 = '' OR status = $2) \
             AND ($3 OR penduduk_id = $4) ORDER BY diubah_pada DESC LIMIT 1000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(status).bind(penduduk_id.is_none()).bind(penduduk_id)
            .fetch_all(p).await)?,
        )
    }

    pub async fn jumlah_produk_menunggu(&self, desa_id: &str) -> Result<i64, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM lapak WHERE desa_id = $1 AND status = 'menunggu'")
            .bind(desa_id).fetch_one(p).await)?)
    }

    /// An operator approves (shows) or rejects a product; a rejection needs its reason.
    pub async fn moderasi_produk(
        &self,
        desa_id: &str,
        id: Uuid,
        setuju: bool,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let alasan = alasan.trim();
        if !setuju && alasan.is_empty() {
            return Err(Galat::isian(
                "alasan",
                "Tulis alasan penolakan; penjual akan membacanya di layanan mandiri.",
            ));
        }
        let p = self
            .produk(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let status = if setuju { "tayang" } else { "ditolak" };
        let kabar = p.penduduk_id.map(|pid| {
            let (hasil, lanjut) = if setuju {
                ("disetujui dan tampil di lapak desa".to_string(), String::new())
            } else {
                ("ditolak".to_string(), format!("Alasan: {alasan}. Ubah produk di layanan mandiri lalu simpan untuk diperiksa lagi."))
            };
            (pid, json!({ "produk": p.nama, "hasil": hasil, "alasan": lanjut }))
        });
        self.ganti_status_produk(desa_id, id, status, alasan, kabar, aktor)
            .await?;
        self.bangunkan_kurir();
        Ok(())
    }

    /// The seller takes a product off the site (it stays in their list).
    pub async fn tarik_produk(
        &self,
        desa_id: &str,
        id: Uuid,
        penjual: Penjual,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.produk_milik(desa_id, id, penjual).await?;
        self.ganti_status_produk(desa_id, id, "ditarik", "", None, aktor)
            .await
    }

    async fn ganti_status_produk(
        &self,
        desa_id: &str,
        id: Uuid,
        status: &str,
        alasan: &str,
        kabar: Option<(Uuid, serde_json::Value)>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE lapak SET status = $3, alasan = $4, diubah_pada = $5 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(status).bind(alasan).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "status",
                objek: "lapak",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "status": status, "alasan": alasan })),
            },
        )
        .await?;
        // The seller hears the outcome in the same transaction as the change.
        if let Some((pid, data)) = kabar {
            crate::notifikasi::antre(
                &mut tx,
                now,
                desa_id,
                pid,
                crate::notifikasi::Peristiwa::ProdukDiperiksa,
                &data,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
