//! Planning (e-planning): proposals (usulan) from hamlets, neighbourhoods, groups and residents;
//! the meetings (musyawarah) that rank and decide them; and the RPJMDes (six years) and RKPDes
//! (one year) activities, each traceable to the proposals it came from.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::isian::panjang;
pub use balai_domain::keuangan::perencanaan::{
    DOKUMEN, JENIS_MUSYAWARAH, JENIS_PENGUSUL, MusyawarahBaru, RencanaBaru, UsulanBaru,
    periksa_usulan,
};
use balai_domain::keuangan::perencanaan::{label, periksa_musyawarah, periksa_rencana};
use balai_domain::keuangan::{kegiatan, label_sumber};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Usulan {
    pub id: Uuid,
    pub tahun: i64,
    pub judul: String,
    pub jenis_pengusul: String,
    pub pengusul: String,
    pub lokasi: String,
    pub bidang: String,
    pub perkiraan_biaya: i64,
    pub penerima_manfaat: i64,
    pub uraian: String,
    pub gambar: Option<String>,
    /// diajukan | disetujui | ditolak
    pub status: String,
    pub peringkat: Option<i64>,
    pub musyawarah_id: Option<Uuid>,
    pub catatan: String,
    pub dibuat_pada: DateTime<Utc>,
}

impl Usulan {
    pub fn label_pengusul(&self) -> &'static str {
        label(JENIS_PENGUSUL, &self.jenis_pengusul)
    }
    pub fn label_status(&self) -> &'static str {
        match self.status.as_str() {
            "disetujui" => "Disepakati",
            "ditolak" => "Tidak disepakati",
            _ => "Menunggu musyawarah",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Musyawarah {
    pub id: Uuid,
    pub jenis: String,
    pub tahun: i64,
    pub tanggal: NaiveDate,
    pub tempat: String,
    pub jumlah_peserta: i64,
    pub peserta: String,
    pub keputusan: String,
}

impl Musyawarah {
    pub fn label_jenis(&self) -> &'static str {
        label(JENIS_MUSYAWARAH, &self.jenis)
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Rencana {
    pub id: Uuid,
    pub dokumen: String,
    pub tahun_awal: i64,
    pub tahun_akhir: i64,
    pub kode_kegiatan: String,
    pub nama: String,
    pub lokasi: String,
    pub volume: String,
    pub biaya: i64,
    pub sumber_dana: String,
    #[sqlx(skip)]
    pub usulan: Vec<Uuid>,
}

impl Rencana {
    pub fn label_sumber(&self) -> &'static str {
        label_sumber(&self.sumber_dana)
    }
    pub fn label_dokumen(&self) -> &'static str {
        label(DOKUMEN, &self.dokumen)
    }
    pub fn nama_kegiatan(&self) -> String {
        kegiatan(&self.kode_kegiatan)
            .map(|k| k.uraian)
            .unwrap_or_default()
    }
}

const KOLOM_USULAN: &str = "id, tahun, judul, jenis_pengusul, pengusul, lokasi, bidang, perkiraan_biaya, penerima_manfaat, \
    uraian, gambar, status, peringkat, musyawarah_id, catatan, dibuat_pada";

impl Store {
    pub async fn simpan_usulan(
        &self,
        desa_id: &str,
        u: &UsulanBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa_usulan(u)?;
        let id = id_baru();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO usulan (desa_id, id, tahun, judul, jenis_pengusul, pengusul, lokasi, bidang, perkiraan_biaya, \
             penerima_manfaat, uraian, gambar, dibuat_pada, penduduk_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
            .bind(desa_id).bind(id).bind(u.tahun).bind(u.judul.trim()).bind(&u.jenis_pengusul).bind(u.pengusul.trim())
            .bind(u.lokasi.trim()).bind(&u.bidang).bind(u.perkiraan_biaya).bind(u.penerima_manfaat).bind(u.uraian.trim())
            .bind(&u.gambar).bind(now).bind(u.penduduk_id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "usulan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(u)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn usulan(&self, desa_id: &str, id: Uuid) -> Result<Option<Usulan>, Galat> {
        let sql = format!("SELECT {KOLOM_USULAN} FROM usulan WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// A year's proposals: decided ones by rank first, then waiting ones, newest first.
    pub async fn daftar_usulan(&self, desa_id: &str, tahun: i64) -> Result<Vec<Usulan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_USULAN} FROM usulan WHERE desa_id = $1 AND tahun = $2 \
             ORDER BY CASE status WHEN 'disetujui' THEN 0 WHEN 'diajukan' THEN 1 ELSE 2 END, \
             COALESCE(peringkat, 1000000), dibuat_pada DESC LIMIT 2000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).fetch_all(p).await)?,
        )
    }

    /// The proposals one resident filed through the portal, newest first.
    pub async fn usulan_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Vec<Usulan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_USULAN} FROM usulan WHERE desa_id = $1 AND penduduk_id = $2 ORDER BY dibuat_pada DESC LIMIT 200"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?,
        )
    }

    pub async fn simpan_musyawarah(
        &self,
        desa_id: &str,
        m: &MusyawarahBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa_musyawarah(m)?;
        let id = id_baru();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO musyawarah (desa_id, id, jenis, tahun, tanggal, tempat, jumlah_peserta, peserta, keputusan, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(desa_id).bind(id).bind(&m.jenis).bind(m.tahun).bind(m.tanggal).bind(m.tempat.trim())
            .bind(m.jumlah_peserta).bind(m.peserta.trim()).bind(m.keputusan.trim()).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "musyawarah",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(m)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn daftar_musyawarah(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Vec<Musyawarah>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, jenis, tahun, tanggal, tempat, jumlah_peserta, peserta, keputusan FROM musyawarah \
             WHERE desa_id = $1 AND tahun = $2 ORDER BY tanggal DESC LIMIT 500")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?)
    }

    /// Records a meeting's decision on a proposal: agreed with a rank, or not agreed.
    #[allow(clippy::too_many_arguments)]
    pub async fn putuskan_usulan(
        &self,
        desa_id: &str,
        id: Uuid,
        musyawarah_id: Uuid,
        setuju: bool,
        peringkat: Option<i64>,
        catatan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let lama = self
            .usulan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let mut g = DaftarGalat::default();
        if setuju && !matches!(peringkat, Some(1..=10_000)) {
            g.push(
                "peringkat",
                "Urutan prioritas ditulis sebagai angka 1 atau lebih.",
            );
        }
        if !setuju && catatan.trim().is_empty() {
            g.push("catatan", "Tuliskan alasan usulan tidak disepakati.");
        }
        panjang(&mut g, "catatan", "Catatan", catatan.trim(), 1000);
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let ada: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT tahun FROM musyawarah WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(musyawarah_id).fetch_optional(&mut *c).await)?;
        if ada.is_none() {
            return Err(Galat::isian(
                "musyawarah_id",
                "Pilih musyawarah yang memutuskan usulan ini.",
            ));
        }
        let status = if setuju { "disetujui" } else { "ditolak" };
        let peringkat = if setuju { peringkat } else { None };
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE usulan SET status = $3, peringkat = $4, musyawarah_id = $5, catatan = $6 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(status).bind(peringkat).bind(musyawarah_id).bind(catatan.trim())
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "putuskan",
                objek: "usulan",
                objek_id: id.to_string(),
                sebelum: Some(json!({"status": lama.status, "peringkat": lama.peringkat})),
                sesudah: Some(json!({"status": status, "peringkat": peringkat, "musyawarah_id": musyawarah_id})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds an RPJMDes or RKPDes activity; the proposals it comes from must have been agreed.
    pub async fn simpan_rencana(
        &self,
        desa_id: &str,
        r: &RencanaBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa_rencana(r)?;
        let id = id_baru();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        for u in &r.usulan {
            let status: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar(
                "SELECT status FROM usulan WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(u).fetch_optional(&mut *c).await)?;
            match status.as_deref() {
                Some("disetujui") => {}
                Some(_) => {
                    return Err(Galat::isian(
                        "usulan",
                        "Hanya usulan yang telah disepakati dalam musyawarah yang dapat masuk rencana.",
                    ));
                }
                None => {
                    return Err(Galat::isian(
                        "usulan",
                        "Usulan yang dipilih tidak ditemukan.",
                    ));
                }
            }
        }
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO rencana (desa_id, id, dokumen, tahun_awal, tahun_akhir, kode_kegiatan, nama, lokasi, volume, biaya, \
             sumber_dana, dibuat_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
            .bind(desa_id).bind(id).bind(&r.dokumen).bind(r.tahun_awal).bind(r.tahun_akhir).bind(r.kode_kegiatan.trim())
            .bind(r.nama.trim()).bind(r.lokasi.trim()).bind(r.volume.trim()).bind(r.biaya).bind(&r.sumber_dana).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        for u in &r.usulan {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO rencana_usulan (desa_id, rencana_id, usulan_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(desa_id).bind(id).bind(u).execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "rencana",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(r)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Activities of a document that cover `tahun`, with the proposals each came from.
    pub async fn daftar_rencana(
        &self,
        desa_id: &str,
        dokumen: &str,
        tahun: i64,
    ) -> Result<Vec<Rencana>, Galat> {
        let mut daftar: Vec<Rencana> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, dokumen, tahun_awal, tahun_akhir, kode_kegiatan, nama, lokasi, volume, biaya, sumber_dana FROM rencana \
             WHERE desa_id = $1 AND dokumen = $2 AND tahun_awal <= $3 AND tahun_akhir >= $3 ORDER BY kode_kegiatan, nama LIMIT 2000")
            .bind(desa_id).bind(dokumen).bind(tahun).fetch_all(p).await)?;
        let pasangan: Vec<(Uuid, Uuid)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT ru.rencana_id, ru.usulan_id FROM rencana_usulan ru JOIN rencana r ON r.desa_id = ru.desa_id AND r.id = ru.rencana_id \
             WHERE ru.desa_id = $1 AND r.dokumen = $2 AND r.tahun_awal <= $3 AND r.tahun_akhir >= $3")
            .bind(desa_id).bind(dokumen).bind(tahun).fetch_all(p).await)?;
        let mut peta: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for (r, u) in pasangan {
            peta.entry(r).or_default().push(u);
        }
        for r in &mut daftar {
            r.usulan = peta.remove(&r.id).unwrap_or_default();
        }
        Ok(daftar)
    }

    pub async fn rencana(&self, desa_id: &str, id: Uuid) -> Result<Option<Rencana>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, dokumen, tahun_awal, tahun_akhir, kode_kegiatan, nama, lokasi, volume, biaya, sumber_dana FROM rencana \
             WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?)
    }
}
