//! Families (KK): the list, one family, and changing its head.

use crate::audit::{Catatan, catat};
use crate::penduduk::{HIDUP, Penduduk};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Keluarga {
    pub id: Uuid,
    pub no_kk: String,
    pub kepala_id: Option<Uuid>,
    pub kepala_nama: Option<String>,
    pub alamat: String,
    pub dusun: Option<String>,
    pub rw: Option<String>,
    pub rt: Option<String>,
    pub jumlah_anggota: i64,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
}

const SELECT_KELUARGA: &str = "SELECT k.id, k.no_kk, k.kepala_id, h.nama AS kepala_nama, k.alamat, r.dusun, r.rw, r.rt, \
     (SELECT count(*) FROM penduduk a WHERE a.desa_id = k.desa_id AND a.keluarga_id = k.id AND a.status_dasar = 1) AS jumlah_anggota, \
     k.versi, k.dibuat_pada FROM keluarga k \
     LEFT JOIN penduduk h ON h.desa_id = k.desa_id AND h.id = k.kepala_id \
     LEFT JOIN wilayah_rt r ON r.desa_id = k.desa_id AND r.id = k.rt_id";

impl Store {
    /// Families of a village, by KK number; `q` matches a KK prefix or the head's name.
    pub async fn daftar_keluarga(
        &self,
        desa_id: &str,
        q: &str,
        dusun: &str,
        setelah: Option<&str>,
        batas: i64,
    ) -> Result<Vec<Keluarga>, Galat> {
        let q = q.trim();
        let (pola_kk, pola_nama) = if q.is_empty() {
            (String::new(), String::new())
        } else if q.chars().all(|c| c.is_ascii_digit()) {
            (format!("{q}%"), String::new())
        } else {
            (
                String::new(),
                format!("%{}%", crate::penduduk::pola_like(&q.to_uppercase())),
            )
        };
        let sql = format!(
            "{SELECT_KELUARGA} WHERE k.desa_id = $1 AND ($2 = '' OR k.no_kk LIKE $2) AND ($3 = '' OR h.nama LIKE $3 ESCAPE '\\') \
             AND ($4 = '' OR r.dusun = $4) AND k.no_kk > $5 ORDER BY k.no_kk LIMIT $6"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(&pola_kk).bind(&pola_nama).bind(dusun).bind(setelah.unwrap_or("")).bind(batas.clamp(1, 500))
            .fetch_all(p).await)?,
        )
    }

    pub async fn keluarga(&self, desa_id: &str, id: Uuid) -> Result<Option<Keluarga>, Galat> {
        let sql = format!("{SELECT_KELUARGA} WHERE k.desa_id = $1 AND k.id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn keluarga_by_kk(
        &self,
        desa_id: &str,
        no_kk: &str,
    ) -> Result<Option<Keluarga>, Galat> {
        let sql = format!("{SELECT_KELUARGA} WHERE k.desa_id = $1 AND k.no_kk = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(no_kk).fetch_optional(p).await)?,
        )
    }

    /// Makes a living member the head of the family; the previous head becomes "famili lain"
    /// unless the operator already changed their relationship.
    pub async fn ganti_kepala_keluarga(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
        kepala_baru: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let kel = self
            .keluarga(desa_id, keluarga_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let calon: Penduduk = self
            .penduduk(desa_id, kepala_baru)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if calon.keluarga_id != Some(keluarga_id) || calon.status_dasar != HIDUP {
            return Err(Galat::isian(
                "kepala_id",
                "Kepala keluarga harus anggota keluarga ini yang masih hidup dan berdomisili.",
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => {
            if let Some(lama) = kel.kepala_id.filter(|k| *k != kepala_baru) {
                sqlx::query("UPDATE penduduk SET shdk_id = 9, versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2 AND shdk_id = 1")
                    .bind(desa_id).bind(lama).bind(now).execute(&mut *c).await?;
            }
            sqlx::query("UPDATE penduduk SET shdk_id = 1, versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(kepala_baru).bind(now).execute(&mut *c).await?;
            sqlx::query("UPDATE keluarga SET kepala_id = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(keluarga_id).bind(kepala_baru).bind(now).execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ganti_kepala",
                objek: "keluarga",
                objek_id: keluarga_id.to_string(),
                sebelum: Some(serde_json::json!({"kepala_id": kel.kepala_id})),
                sesudah: Some(serde_json::json!({"kepala_id": kepala_baru})),
            },
        )
        .await?;
        tx.commit().await
    }
}

impl Store {
    /// Families with at least one living member.
    pub async fn jumlah_keluarga(&self, desa_id: &str) -> Result<i64, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM keluarga k WHERE k.desa_id = $1 AND EXISTS \
             (SELECT 1 FROM penduduk a WHERE a.desa_id = k.desa_id AND a.keluarga_id = k.id AND a.status_dasar = 1)")
            .bind(desa_id).fetch_one(p).await)?)
    }
}
