//! The population registry: one record per person, kept current by events.

mod daftar;
pub(crate) mod peristiwa;
pub(crate) mod tulis;

pub(crate) use daftar::pola_like;
pub use daftar::{Halaman, RingkasPenduduk, SaringPenduduk, Urutan};
pub use peristiwa::{JenisPeristiwa, Peristiwa, RincianStatus};
pub use tulis::HasilTambah;

use crate::{Galat, Store, on_db};
use balai_domain::Nik;
use balai_domain::penduduk::DataPenduduk;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

/// Status dasar codes (named in the domain).
pub use balai_domain::penduduk::kode::{HIDUP, HILANG, MATI, PINDAH};

/// A resident as stored, with the address and KK number joined in.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Penduduk {
    pub desa_id: String,
    pub id: Uuid,
    pub nik: String,
    pub nama: String,
    pub jenis_kelamin: i16,
    pub tempat_lahir: String,
    pub tanggal_lahir: NaiveDate,
    pub agama_id: i16,
    pub pendidikan_kk_id: i16,
    pub pendidikan_sedang_id: Option<i16>,
    pub pekerjaan_id: i16,
    pub status_kawin_id: i16,
    pub shdk_id: i16,
    pub warganegara_id: i16,
    pub nik_ayah: String,
    pub nama_ayah: String,
    pub nik_ibu: String,
    pub nama_ibu: String,
    pub golongan_darah_id: Option<i16>,
    pub cacat_id: Option<i16>,
    pub cara_kb_id: Option<i16>,
    pub hamil: Option<i16>,
    pub akta_lahir: String,
    pub no_paspor: String,
    pub tanggal_akhir_paspor: Option<NaiveDate>,
    pub no_kitas: String,
    pub akta_perkawinan: String,
    pub tanggal_perkawinan: Option<NaiveDate>,
    pub akta_perceraian: String,
    pub tanggal_perceraian: Option<NaiveDate>,
    pub ktp_el_id: Option<i16>,
    pub status_rekam_id: Option<i16>,
    pub alamat_sebelumnya: String,
    pub alamat_sekarang: String,
    pub telepon: String,
    pub email: String,
    pub suku: String,
    pub asuransi_id: Option<i16>,
    pub no_asuransi: String,
    pub keluarga_id: Option<Uuid>,
    pub rt_id: Uuid,
    pub rumah_tangga_id: Option<Uuid>,
    pub hubungan_rtm: Option<i16>,
    pub status_dasar: i16,
    pub nik_wilayah_dikenal: bool,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
    pub no_kk: Option<String>,
}

pub(crate) const SELECT_PENDUDUK: &str = "SELECT p.*, r.dusun, r.rw, r.rt, k.no_kk FROM penduduk p \
     JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
     LEFT JOIN keluarga k ON k.desa_id = p.desa_id AND k.id = p.keluarga_id";

impl Penduduk {
    /// Back to the input shape (to fill an edit form, compare, or export). A stored NIK that
    /// no longer parses is an error, never replaced by another number (a replaced NIK could be
    /// written back by an accepted correction). The province part is not range-checked here:
    /// an import keeps (and flags) impossible ones, and what was stored must read back.
    pub fn data(&self) -> Result<DataPenduduk, Galat> {
        let nik = Nik::parse_wilayah_bebas(&self.nik).map_err(|e| {
            Galat::Ditolak(format!(
                "NIK yang tersimpan untuk penduduk ini tidak sah ({e}). Data tidak diubah; minta admin memperbaiki NIK-nya di basis data atau lewat impor ulang."
            ))
        })?;
        Ok(DataPenduduk {
            nik,
            nama: self.nama.clone(),
            jenis_kelamin: self.jenis_kelamin,
            tempat_lahir: self.tempat_lahir.clone(),
            tanggal_lahir: self.tanggal_lahir,
            agama_id: self.agama_id,
            pendidikan_kk_id: self.pendidikan_kk_id,
            pendidikan_sedang_id: self.pendidikan_sedang_id,
            pekerjaan_id: self.pekerjaan_id,
            status_kawin_id: self.status_kawin_id,
            shdk_id: self.shdk_id,
            warganegara_id: self.warganegara_id,
            nik_ayah: self.nik_ayah.clone(),
            nama_ayah: self.nama_ayah.clone(),
            nik_ibu: self.nik_ibu.clone(),
            nama_ibu: self.nama_ibu.clone(),
            golongan_darah_id: self.golongan_darah_id,
            cacat_id: self.cacat_id,
            cara_kb_id: self.cara_kb_id,
            hamil: self.hamil,
            akta_lahir: self.akta_lahir.clone(),
            no_paspor: self.no_paspor.clone(),
            tanggal_akhir_paspor: self.tanggal_akhir_paspor,
            no_kitas: self.no_kitas.clone(),
            akta_perkawinan: self.akta_perkawinan.clone(),
            tanggal_perkawinan: self.tanggal_perkawinan,
            akta_perceraian: self.akta_perceraian.clone(),
            tanggal_perceraian: self.tanggal_perceraian,
            ktp_el_id: self.ktp_el_id,
            status_rekam_id: self.status_rekam_id,
            alamat_sebelumnya: self.alamat_sebelumnya.clone(),
            alamat_sekarang: self.alamat_sekarang.clone(),
            telepon: self.telepon.clone(),
            email: self.email.clone(),
            suku: self.suku.clone(),
            asuransi_id: self.asuransi_id,
            no_asuransi: self.no_asuransi.clone(),
            no_kk: self
                .no_kk
                .as_deref()
                .and_then(|k| balai_domain::NoKk::parse_wilayah_bebas(k).ok()),
            dusun: self.dusun.clone(),
            rw: self.rw.clone(),
            rt: self.rt.clone(),
        })
    }

    /// True while the person has a temporary NIK ("NIK menunggu"): Dukcapil has not issued one.
    pub fn nik_menunggu(&self) -> bool {
        balai_domain::nik::nik_menunggu(&self.nik)
    }

    pub fn status_label(&self) -> &'static str {
        balai_domain::daftar::STATUS_DASAR
            .label(self.status_dasar)
            .unwrap_or("-")
    }
}

impl Store {
    /// One resident of a village; `None` if the id is unknown or belongs to another village.
    pub async fn penduduk(&self, desa_id: &str, id: Uuid) -> Result<Option<Penduduk>, Galat> {
        let sql = format!("{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn penduduk_by_nik(
        &self,
        desa_id: &str,
        nik: &str,
    ) -> Result<Option<Penduduk>, Galat> {
        let sql = format!("{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.nik = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(nik).fetch_optional(p).await)?,
        )
    }

    /// Opens a record on behalf of a staff member or API client, and records that it was read.
    pub async fn buka_penduduk(
        &self,
        desa_id: &str,
        id: Uuid,
        aktor: &crate::Aktor,
    ) -> Result<Penduduk, Galat> {
        let p = self
            .penduduk(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        self.catat_audit(crate::audit::Catatan {
            desa_id,
            aktor,
            aksi: "lihat",
            objek: "penduduk",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: None,
        })
        .await?;
        Ok(p)
    }

    /// Members of a family, head first.
    pub async fn anggota_keluarga(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Vec<Penduduk>, Galat> {
        let sql = format!(
            "{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.keluarga_id = $2 ORDER BY p.status_dasar, p.shdk_id, p.tanggal_lahir"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id).bind(keluarga_id).fetch_all(p).await)?,
        )
    }
}
