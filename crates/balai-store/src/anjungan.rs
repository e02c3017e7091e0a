//! Registered kiosks (anjungan): a browser becomes a kiosk only with a device token an admin
//! created; the token lives in a cookie on that device and is stored hashed.

use crate::audit::{Catatan, catat};
use crate::pengguna::{sha256_hex, token_acak};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Anjungan {
    pub desa_id: String,
    pub id: Uuid,
    pub nama: String,
    /// Shown on the idle screen between uses.
    pub pengumuman: String,
    pub dibuat_oleh: String,
    pub dibuat_pada: DateTime<Utc>,
    pub terakhir_aktif: Option<DateTime<Utc>>,
    pub dicabut_pada: Option<DateTime<Utc>>,
}

const KOLOM: &str =
    "desa_id, id, nama, pengumuman, dibuat_oleh, dibuat_pada, terakhir_aktif, dicabut_pada";

impl Store {
    /// Registers a kiosk; returns its id and the device token (shown or set once).
    pub async fn daftarkan_anjungan(
        &self,
        desa_id: &str,
        nama: &str,
        aktor: &Aktor,
    ) -> Result<(Uuid, String), Galat> {
        let nama = nama.trim();
        if nama.is_empty() || nama.chars().count() > 80 {
            return Err(Galat::isian(
                "nama",
                "Beri nama anjungan (paling panjang 80 karakter), misalnya \"Anjungan balai desa\".",
            ));
        }
        let id = id_baru();
        let token = token_acak();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO anjungan (desa_id, id, nama, token_hash, dibuat_oleh, dibuat_pada) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(desa_id).bind(id).bind(nama).bind(sha256_hex(&token)).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "daftarkan",
                objek: "anjungan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "nama": nama })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((id, token))
    }

    pub async fn daftar_anjungan(&self, desa_id: &str) -> Result<Vec<Anjungan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM anjungan WHERE desa_id = $1 ORDER BY dibuat_pada");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    /// The live kiosk holding this token (revoked ones are refused); marks it seen.
    pub async fn anjungan_by_token(&self, token: &str) -> Result<Option<Anjungan>, Galat> {
        let sql =
            format!("SELECT {KOLOM} FROM anjungan WHERE token_hash = $1 AND dicabut_pada IS NULL");
        let hash = sha256_hex(token);
        let a: Option<Anjungan> = on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&hash).fetch_optional(p).await)?;
        if a.is_some() {
            let now = self.sekarang();
            on_db!(&self.db, p => sqlx::query("UPDATE anjungan SET terakhir_aktif = $2 WHERE token_hash = $1")
                .bind(&hash).bind(now).execute(p).await.map(|_| ()))?;
        }
        Ok(a)
    }

    /// Sets the announcement a kiosk shows between uses.
    pub async fn simpan_pengumuman_anjungan(
        &self,
        desa_id: &str,
        id: Uuid,
        pengumuman: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let pengumuman = pengumuman.trim();
        if pengumuman.chars().count() > 2000 {
            return Err(Galat::isian(
                "pengumuman",
                "Pengumuman paling panjang 2000 karakter.",
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE anjungan SET pengumuman = $3 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(pengumuman).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "anjungan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "pengumuman": pengumuman })),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Whether a token was ever a kiosk's, revoked or not: such a browser stays confined.
    pub async fn token_anjungan_dikenal(&self, token: &str) -> Result<bool, Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM anjungan WHERE token_hash = $1")
            .bind(sha256_hex(token)).fetch_one(p).await)?;
        Ok(n > 0)
    }

    pub async fn cabut_anjungan(
        &self,
        desa_id: &str,
        id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE anjungan SET dicabut_pada = $3 WHERE desa_id = $1 AND id = $2 AND dicabut_pada IS NULL")
            .bind(desa_id).bind(id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "cabut",
                objek: "anjungan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }
}
