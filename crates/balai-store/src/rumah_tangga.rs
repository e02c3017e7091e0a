//! Households (rumah tangga): numbered per village from a counter, a living head, members.

use crate::audit::{Catatan, catat};
use crate::penduduk::{HIDUP, Penduduk};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RumahTangga {
    pub id: Uuid,
    pub nomor: String,
    pub kepala_id: Option<Uuid>,
    pub kepala_nama: Option<String>,
    pub alamat: String,
    pub jumlah_anggota: i64,
}

const SELECT_RUMAH_TANGGA: &str = "SELECT t.id, t.nomor, t.kepala_id, h.nama AS kepala_nama, t.alamat, \
     (SELECT count(*) FROM penduduk a WHERE a.desa_id = t.desa_id AND a.rumah_tangga_id = t.id AND a.status_dasar = 1) AS jumlah_anggota \
     FROM rumah_tangga t LEFT JOIN penduduk h ON h.desa_id = t.desa_id AND h.id = t.kepala_id";

impl Store {
    pub async fn daftar_rumah_tangga(
        &self,
        desa_id: &str,
        batas: i64,
    ) -> Result<Vec<RumahTangga>, Galat> {
        let sql = format!("{SELECT_RUMAH_TANGGA} WHERE t.desa_id = $1 ORDER BY t.nomor LIMIT $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(batas.clamp(1, 1000)).fetch_all(p).await)?,
        )
    }

    pub async fn rumah_tangga(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<RumahTangga>, Galat> {
        let sql = format!("{SELECT_RUMAH_TANGGA} WHERE t.desa_id = $1 AND t.id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn anggota_rumah_tangga(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Vec<Penduduk>, Galat> {
        let sql = format!(
            "{} WHERE p.desa_id = $1 AND p.rumah_tangga_id = $2 ORDER BY p.hubungan_rtm, p.tanggal_lahir",
            crate::penduduk::SELECT_PENDUDUK
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(id).fetch_all(p).await)?,
        )
    }

    /// Creates a household headed by a resident (numbered per village, 0001, 0002 …).
    pub async fn buat_rumah_tangga(
        &self,
        desa_id: &str,
        kepala_id: Uuid,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let kepala = self
            .penduduk(desa_id, kepala_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if kepala.status_dasar != HIDUP {
            return Err(Galat::Ditolak(
                "Kepala rumah tangga harus penduduk yang masih hidup dan berdomisili.".into(),
            ));
        }
        if kepala.rumah_tangga_id.is_some() {
            return Err(Galat::Ditolak(format!(
                "{} sudah terdaftar dalam sebuah rumah tangga.",
                kepala.nama
            )));
        }
        let now = self.sekarang();
        let id = id_baru();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => {
            let n: i64 = sqlx::query_scalar(
                "INSERT INTO nomor_rumah_tangga (desa_id, terakhir) VALUES ($1, 1) ON CONFLICT (desa_id) \
                 DO UPDATE SET terakhir = nomor_rumah_tangga.terakhir + 1 RETURNING terakhir")
                .bind(desa_id).fetch_one(&mut *c).await?;
            let nomor = format!("{n:04}");
            sqlx::query("INSERT INTO rumah_tangga (desa_id, id, nomor, kepala_id, rt_id, alamat, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)")
                .bind(desa_id).bind(id).bind(&nomor).bind(kepala_id).bind(kepala.rt_id).bind(&kepala.alamat_sekarang).bind(now).execute(&mut *c).await?;
            sqlx::query("UPDATE penduduk SET rumah_tangga_id = $3, hubungan_rtm = 1, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(kepala_id).bind(id).bind(now).execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "buat",
                objek: "rumah_tangga",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"kepala_id": kepala_id})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a resident (or a whole family) to a household as members.
    pub async fn tambah_anggota_rumah_tangga(
        &self,
        desa_id: &str,
        rtm_id: Uuid,
        penduduk_id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.rumah_tangga(desa_id, rtm_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let p = self
            .penduduk(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if p.rumah_tangga_id.is_some() {
            return Err(Galat::Ditolak(format!(
                "{} sudah terdaftar dalam sebuah rumah tangga.",
                p.nama
            )));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE penduduk SET rumah_tangga_id = $3, hubungan_rtm = 2, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(penduduk_id).bind(rtm_id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah_anggota",
                objek: "rumah_tangga",
                objek_id: rtm_id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"penduduk_id": penduduk_id})),
            },
        )
        .await?;
        tx.commit().await
    }
}
