//! Villages (profile) and their dusun/RW/RT structure.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
pub use balai_domain::desa::ProfilDesa;
use balai_domain::desa::{nama_dusun_baru, periksa_profil, periksa_rt};
use balai_domain::{KodeDesa, ZonaWaktu};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Desa {
    pub desa_id: String,
    pub nama: String,
    pub alamat: String,
    pub kepala_desa: String,
    pub telepon: String,
    pub email: String,
    pub kode_pos: String,
    pub zona_waktu: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

/// Names of the regions a village sits in, for headers and letters.
#[derive(Debug, Clone, Serialize)]
pub struct LetakDesa {
    pub kecamatan: String,
    pub kabupaten: String,
    pub provinsi: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Rt {
    pub id: Uuid,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
    pub ketua: String,
}

impl Desa {
    pub fn zona(&self) -> ZonaWaktu {
        zona_dari_kode(&self.zona_waktu)
    }
    pub fn kode_bertitik(&self) -> String {
        balai_domain::wilayah::bertitik(&self.desa_id)
    }
}

/// A stored time-zone code ("WIB", "WITA", "WIT") as a zone.
pub(crate) fn zona_dari_kode(kode: &str) -> ZonaWaktu {
    match kode {
        "WITA" => ZonaWaktu::Wita,
        "WIT" => ZonaWaktu::Wit,
        _ => ZonaWaktu::Wib,
    }
}

const KOLOM_DESA: &str = "desa_id, nama, alamat, kepala_desa, telepon, email, kode_pos, zona_waktu, versi, dibuat_pada, diubah_pada";

impl Store {
    /// Sets up a village by its Kemendagri code; its name and time zone come from the region table.
    pub async fn buat_desa(&self, kode: &KodeDesa, aktor: &Aktor) -> Result<Desa, Galat> {
        let w = self
            .wilayah(kode.as_str())
            .await?
            .filter(|w| w.kode.len() == 10)
            .ok_or_else(|| {
                Galat::isian(
                    "desa_id",
                    format!(
                        "Kode desa {} tidak ada dalam tabel wilayah Kemendagri.",
                        kode.bertitik()
                    ),
                )
            })?;
        if self.desa(kode.as_str()).await?.is_some() {
            return Err(Galat::Ditolak(format!(
                "Desa {} ({}) sudah terdaftar.",
                w.nama,
                kode.bertitik()
            )));
        }
        let zona = ZonaWaktu::dari_provinsi(kode.provinsi());
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        sisipkan_desa(
            &mut tx,
            now,
            kode.as_str(),
            &w.nama,
            zona,
            aktor,
            serde_json::json!({"nama": w.nama}),
        )
        .await?;
        tx.commit().await?;
        // The signing key exists from the start, so its public half can be published before
        // the first letter.
        self.pastikan_kunci_desa(kode.as_str()).await?;
        self.situs_desa(kode.as_str()).await?;
        self.desa(kode.as_str()).await?.ok_or(Galat::TidakDitemukan)
    }

    pub async fn desa(&self, desa_id: &str) -> Result<Option<Desa>, Galat> {
        let sql = format!("SELECT {KOLOM_DESA} FROM desa WHERE desa_id = $1");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).fetch_optional(p).await)?,
        )
    }

    /// Villages whose code starts with `cakupan` ("" for all), in code order.
    pub async fn daftar_desa(&self, cakupan: &str) -> Result<Vec<Desa>, Galat> {
        let sql = format!("SELECT {KOLOM_DESA} FROM desa WHERE desa_id LIKE $1 ORDER BY desa_id");
        let pola = format!("{cakupan}%");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&pola).fetch_all(p).await)?,
        )
    }

    pub async fn letak_desa(&self, desa_id: &str) -> Result<LetakDesa, Galat> {
        let s = self.silsilah_wilayah(desa_id).await?;
        let nama = |i: usize| s.get(i).map(|w| w.nama.clone()).unwrap_or_default();
        Ok(LetakDesa {
            provinsi: nama(0),
            kabupaten: nama(1),
            kecamatan: nama(2),
        })
    }

    /// Saves the profile if nobody changed it since version `versi` was read.
    pub async fn ubah_profil_desa(
        &self,
        desa_id: &str,
        versi: i64,
        p: &ProfilDesa,
        aktor: &Aktor,
    ) -> Result<Desa, Galat> {
        let lama = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        periksa_profil(p)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE desa SET nama = $3, alamat = $4, kepala_desa = $5, telepon = $6, email = $7, kode_pos = $8, versi = versi + 1, diubah_pada = $9 \
             WHERE desa_id = $1 AND versi = $2")
            .bind(desa_id).bind(versi).bind(p.nama.trim()).bind(p.alamat.trim()).bind(p.kepala_desa.trim())
            .bind(p.telepon.trim()).bind(p.email.trim()).bind(p.kode_pos.trim()).bind(now)
            .execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Konflik(
                "Profil desa telah diubah oleh pengguna lain sejak halaman ini dibuka. Muat ulang halaman, periksa perubahannya, lalu simpan lagi.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "desa",
                objek_id: desa_id.to_string(),
                sebelum: Some(serde_json::to_value(&lama).unwrap_or_default()),
                sesudah: Some(serde_json::to_value(p).unwrap_or_default()),
            },
        )
        .await?;
        tx.commit().await?;
        self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)
    }

    /// Stores a logo (PNG, JPEG or WebP, at most 512 KB), re-encoded as PNG.
    pub async fn simpan_logo_desa(
        &self,
        desa_id: &str,
        data: &[u8],
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        // Stored as pixels re-encoded to PNG, never as uploaded: every letter and the public
        // site show it, so nothing hidden in the file and no oversized image may reach them.
        let png = crate::situs::gambar::olah_logo_antre(data.to_vec(), "logo").await?;
        let (data, mime) = (&png[..], "image/png");
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE desa SET logo = $2, logo_mime = $3, diubah_pada = $4 WHERE desa_id = $1")
            .bind(desa_id).bind(data).bind(mime).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah_logo",
                objek: "desa",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"ukuran": data.len(), "mime": mime})),
            },
        )
        .await?;
        tx.commit().await
    }

    pub async fn logo_desa(&self, desa_id: &str) -> Result<Option<(Vec<u8>, String)>, Galat> {
        let r: Option<(Option<Vec<u8>>, Option<String>)> = on_db!(&self.db, p =>
            sqlx::query_as("SELECT logo, logo_mime FROM desa WHERE desa_id = $1").bind(desa_id).fetch_optional(p).await)?;
        Ok(r.and_then(|(l, m)| Some((l?, m?))))
    }

    /// The village's RTs, ordered by dusun, RW, RT.
    /// Whether the village has a logo, without loading it.
    pub async fn ada_logo_desa(&self, desa_id: &str) -> Result<bool, Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM desa WHERE desa_id = $1 AND logo IS NOT NULL").bind(desa_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    pub async fn daftar_rt(&self, desa_id: &str) -> Result<Vec<Rt>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, dusun, rw, rt, ketua FROM wilayah_rt WHERE desa_id = $1 ORDER BY dusun, rw, rt")
            .bind(desa_id).fetch_all(p).await)?)
    }

    /// Finds or creates the RT for an address, inside the caller's transaction.
    pub(crate) async fn pastikan_rt(
        tx: &mut crate::Tx,
        desa_id: &str,
        dusun: &str,
        rw: &str,
        rt: &str,
    ) -> Result<Uuid, Galat> {
        let id = crate::id_alami(&["wilayah_rt", desa_id, dusun, rw, rt]);
        let found: Uuid = on_tx!(tx, c => {
            // That id is taken when an RT was renamed since: a fresh one then.
            let dipakai: Option<i32> = sqlx::query_scalar("SELECT 1 FROM wilayah_rt WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).fetch_optional(&mut *c).await?;
            let id = if dipakai.is_some() { id_baru() } else { id };
            sqlx::query("INSERT INTO wilayah_rt (desa_id, id, dusun, rw, rt) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (desa_id, dusun, rw, rt) DO NOTHING")
                .bind(desa_id).bind(id).bind(dusun).bind(rw).bind(rt).execute(&mut *c).await?;
            sqlx::query_scalar("SELECT id FROM wilayah_rt WHERE desa_id = $1 AND dusun = $2 AND rw = $3 AND rt = $4")
                .bind(desa_id).bind(dusun).bind(rw).bind(rt).fetch_one(&mut *c).await?
        });
        Ok(found)
    }

    pub async fn tambah_rt(
        &self,
        desa_id: &str,
        dusun: &str,
        rw: &str,
        rt: &str,
        ketua: &str,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let (dusun, rw, rt, ketua) = periksa_rt(dusun, rw, rt, ketua)?;
        let ada: Option<Uuid> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT id FROM wilayah_rt WHERE desa_id = $1 AND dusun = $2 AND rw = $3 AND rt = $4")
            .bind(desa_id).bind(&dusun).bind(&rw).bind(&rt).fetch_optional(p).await)?;
        if ada.is_some() {
            return Err(Galat::isian(
                "rt",
                format!("RT {rt} RW {rw} di dusun {dusun} sudah ada."),
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let id = Self::pastikan_rt(&mut tx, desa_id, &dusun, &rw, &rt).await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE wilayah_rt SET ketua = $3 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(&ketua).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "buat",
                objek: "wilayah_rt",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    serde_json::json!({"dusun": dusun, "rw": rw, "rt": rt, "ketua": ketua}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Renames a dusun everywhere in the village.
    pub async fn ganti_nama_dusun(
        &self,
        desa_id: &str,
        lama: &str,
        baru: &str,
        aktor: &Aktor,
    ) -> Result<u64, Galat> {
        let baru = nama_dusun_baru(baru)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query("UPDATE wilayah_rt SET dusun = $3 WHERE desa_id = $1 AND dusun = $2")
            .bind(desa_id).bind(lama).bind(&baru).execute(&mut *c).await.map(|r| r.rows_affected()));
        let n = match n {
            Ok(n) => n,
            Err(e) => {
                let g = Galat::from(e);
                if g.duplikat() {
                    return Err(Galat::isian(
                        "baru",
                        format!(
                            "Dusun {baru} sudah ada dengan RW/RT yang sama; gabungkan secara manual."
                        ),
                    ));
                }
                return Err(g);
            }
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "dusun",
                objek_id: lama.to_string(),
                sebelum: Some(serde_json::json!({"dusun": lama})),
                sesudah: Some(serde_json::json!({"dusun": baru})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Removes an RT that no resident, family or household uses.
    pub async fn hapus_rt(&self, desa_id: &str, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let dipakai: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM penduduk WHERE desa_id = $1 AND rt_id = $2) + (SELECT count(*) FROM keluarga WHERE desa_id = $1 AND rt_id = $2) + (SELECT count(*) FROM rumah_tangga WHERE desa_id = $1 AND rt_id = $2)")
            .bind(desa_id).bind(id).fetch_one(p).await)?;
        if dipakai > 0 {
            return Err(Galat::Ditolak(format!(
                "RT ini masih dipakai oleh {dipakai} data penduduk/keluarga; pindahkan dahulu sebelum menghapus."
            )));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query("DELETE FROM wilayah_rt WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "wilayah_rt",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }
}

/// Registers a village inside the caller's transaction, with its audit entry. The caller
/// ensures its signing key and site once committed (`pastikan_kunci_desa`, `situs_desa`).
pub(crate) async fn sisipkan_desa(
    tx: &mut crate::Tx,
    now: chrono::DateTime<chrono::Utc>,
    kode: &str,
    nama: &str,
    zona: ZonaWaktu,
    aktor: &Aktor,
    sesudah: serde_json::Value,
) -> Result<(), Galat> {
    on_tx!(tx, c => sqlx::query("INSERT INTO desa (desa_id, nama, zona_waktu, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $4)")
        .bind(kode).bind(nama).bind(zona.singkatan()).bind(now).execute(&mut *c).await?.rows_affected());
    catat(
        tx,
        now,
        Catatan {
            desa_id: kode,
            aktor,
            aksi: "buat",
            objek: "desa",
            objek_id: kode.to_string(),
            sebelum: None,
            sesudah: Some(sesudah),
        },
    )
    .await
}
