//! The village's public website: its settings and profile, officials, images, articles,
//! village potential, projects and budget summary, and the open datasets built from them.
//! Nothing here holds personal data of residents: what is stored is written for the public.

pub mod artikel;
pub mod data;
mod demo;
pub mod gambar;
pub mod lapak;
pub mod pembangunan;
pub mod potensi;

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use balai_domain::situs::periksa_pengaturan;
pub use balai_domain::situs::{PANJANG_TEKS, PengaturanSitus, slug_dari, slug_sah};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, Default, sqlx::FromRow, Serialize)]
pub struct SitusDesa {
    pub desa_id: String,
    pub slug: String,
    pub nama_host: Option<String>,
    pub warna: String,
    pub semboyan: String,
    pub sejarah: String,
    pub visi: String,
    pub misi: String,
    pub luas_wilayah: String,
    pub batas_utara: String,
    pub batas_selatan: String,
    pub batas_timur: String,
    pub batas_barat: String,
    pub jam_layanan: String,
    /// Token of the header image.
    pub sampul: Option<String>,
}

impl From<&SitusDesa> for PengaturanSitus {
    fn from(s: &SitusDesa) -> Self {
        PengaturanSitus {
            slug: s.slug.clone(),
            warna: s.warna.clone(),
            semboyan: s.semboyan.clone(),
            sejarah: s.sejarah.clone(),
            visi: s.visi.clone(),
            misi: s.misi.clone(),
            luas_wilayah: s.luas_wilayah.clone(),
            batas_utara: s.batas_utara.clone(),
            batas_selatan: s.batas_selatan.clone(),
            batas_timur: s.batas_timur.clone(),
            batas_barat: s.batas_barat.clone(),
            jam_layanan: s.jam_layanan.clone(),
        }
    }
}

/// The officials shown on the profile page come from the staff register
/// (`crate::perangkat`, `Store::daftar_pejabat`).
pub use crate::perangkat::PejabatSitus as Pejabat;

const KOLOM_SITUS: &str = "desa_id, slug, nama_host, warna, semboyan, sejarah, visi, misi, luas_wilayah, \
     batas_utara, batas_selatan, batas_timur, batas_barat, jam_layanan, sampul";

impl Store {
    /// The site of a village; made with a slug from its name the first time it is asked for.
    pub async fn situs_desa(&self, desa_id: &str) -> Result<SitusDesa, Galat> {
        if let Some(s) = self.situs_tersimpan(desa_id).await? {
            return Ok(s);
        }
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let dasar = match slug_dari(&desa.nama) {
            s if slug_sah(&s) => s,
            _ => format!("desa-{desa_id}"),
        };
        // Villages of the same name are common in a district: the code's tail tells them apart.
        for slug in [
            dasar.clone(),
            format!("{dasar}-{}", &desa_id[6..]),
            format!("{dasar}-{desa_id}"),
        ] {
            let dipakai: Option<String> = on_db!(&self.db, p => sqlx::query_scalar(
                "SELECT desa_id FROM situs_desa WHERE slug = $1").bind(&slug).fetch_optional(p).await)?;
            if dipakai.is_some() {
                continue;
            }
            let now = self.sekarang();
            on_db!(&self.db, p => sqlx::query(
                "INSERT INTO situs_desa (desa_id, slug, diubah_pada) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(desa_id).bind(&slug).bind(now).execute(p).await.map(|_| ()))?;
            break;
        }
        self.situs_tersimpan(desa_id)
            .await?
            .ok_or_else(|| Galat::Lain("situs desa tidak dapat dibuat".into()))
    }

    async fn situs_tersimpan(&self, desa_id: &str) -> Result<Option<SitusDesa>, Galat> {
        let sql = format!("SELECT {KOLOM_SITUS} FROM situs_desa WHERE desa_id = $1");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_optional(p).await)?,
        )
    }

    /// Gives every registered village its site (run at start-up, and cheap when all have one).
    pub async fn lengkapi_situs(&self) -> Result<(), Galat> {
        let tanpa: Vec<String> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT desa_id FROM desa WHERE desa_id NOT IN (SELECT desa_id FROM situs_desa) ORDER BY desa_id")
            .fetch_all(p).await)?;
        for d in tanpa {
            self.situs_desa(&d).await?;
        }
        Ok(())
    }

    /// The village whose site has this slug.
    pub async fn desa_dari_slug(&self, slug: &str) -> Result<Option<String>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT desa_id FROM situs_desa WHERE slug = $1").bind(slug).fetch_optional(p).await)?)
    }

    /// Every configured host name with its village's slug.
    pub async fn daftar_host_situs(&self) -> Result<Vec<(String, String)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT nama_host, slug FROM situs_desa WHERE nama_host IS NOT NULL").fetch_all(p).await)?)
    }

    pub async fn ubah_situs(
        &self,
        desa_id: &str,
        p: &PengaturanSitus,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        periksa_pengaturan(p)?;
        let lama = self.situs_desa(desa_id).await?;
        let slug = p.slug.trim();
        let lain: Option<String> = on_db!(&self.db, c => sqlx::query_scalar(
            "SELECT desa_id FROM situs_desa WHERE slug = $1 AND desa_id <> $2").bind(slug).bind(desa_id)
            .fetch_optional(c).await)?;
        if lain.is_some() {
            return Err(Galat::isian(
                "slug",
                format!("Alamat situs \"{slug}\" sudah dipakai desa lain. Pilih alamat lain."),
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE situs_desa SET slug = $2, warna = $3, semboyan = $4, sejarah = $5, visi = $6, \
             misi = $7, luas_wilayah = $8, batas_utara = $9, batas_selatan = $10, batas_timur = $11, \
             batas_barat = $12, jam_layanan = $13, diubah_pada = $14 WHERE desa_id = $1")
            .bind(desa_id).bind(slug).bind(p.warna.trim().to_lowercase()).bind(p.semboyan.trim())
            .bind(p.sejarah.trim()).bind(p.visi.trim()).bind(p.misi.trim()).bind(p.luas_wilayah.trim())
            .bind(p.batas_utara.trim()).bind(p.batas_selatan.trim()).bind(p.batas_timur.trim())
            .bind(p.batas_barat.trim()).bind(p.jam_layanan.trim()).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "situs",
                objek_id: desa_id.to_string(),
                sebelum: Some(json!(PengaturanSitus::from(&lama))),
                sesudah: Some(json!(p)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets (or with an empty name removes) the village site's own host name. Only the system
    /// admin may call this (the web layer checks); `host_instalasi` is the host the install
    /// itself is served on, which no village may take.
    pub async fn atur_host_situs(
        &self,
        desa_id: &str,
        host: &str,
        host_instalasi: Option<&str>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let host = host.trim().to_lowercase();
        if !host.is_empty() {
            balai_domain::situs::periksa_host(&host, host_instalasi)
                .map_err(|e| Galat::isian("nama_host", e.pesan()))?;
            let lain: Option<String> = on_db!(&self.db, c => sqlx::query_scalar(
                "SELECT desa_id FROM situs_desa WHERE nama_host = $1 AND desa_id <> $2").bind(&host).bind(desa_id)
                .fetch_optional(c).await)?;
            if lain.is_some() {
                return Err(Galat::isian(
                    "nama_host",
                    format!("Nama domain {host} sudah dipakai desa lain."),
                ));
            }
        }
        let lama = self.situs_desa(desa_id).await?;
        let baru = Some(host).filter(|h| !h.is_empty());
        if lama.nama_host == baru {
            return Ok(());
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE situs_desa SET nama_host = $2, diubah_pada = $3 WHERE desa_id = $1")
            .bind(desa_id).bind(&baru).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "situs_host",
                objek_id: desa_id.to_string(),
                sebelum: Some(json!({ "nama_host": lama.nama_host })),
                sesudah: Some(json!({ "nama_host": baru })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets (or with `None` removes) the header image.
    pub async fn pasang_sampul(
        &self,
        desa_id: &str,
        token: Option<&str>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.situs_desa(desa_id).await?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE situs_desa SET sampul = $2, diubah_pada = $3 WHERE desa_id = $1")
            .bind(desa_id).bind(token).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "situs_sampul",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "sampul": token })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_dari_nama_desa() {
        assert_eq!(slug_dari("DONOREJO"), "donorejo");
        assert_eq!(slug_dari("Sukamaju  Indah (II)"), "sukamaju-indah-ii");
        assert!(slug_sah("donorejo"));
        assert!(!slug_sah("3325082004"));
        assert!(!slug_sah("Donorejo"));
        assert!(!slug_sah("-x-"));
    }
}
