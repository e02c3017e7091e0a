//! Death benefit claims (santunan kematian; Batang's e-Sakti). Recording the death of a
//! resident whose family is in DTKS/DTSEN opens a claim when the year's programme runs; a
//! family outside the database is opened by hand on a village certificate and a house photo.
//! The village names the heir, attaches the documents and submits before the deadline (later
//! only with a written reason, which is flagged); the Dinas Sosial verifies, asks for a fix,
//! refuses or records the payment. Each step is kept, audited and told to the heir.

use super::Bantuan;
use super::program::KODE_SANTUNAN;
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::notifikasi::{self, Peristiwa};
use crate::penduduk::MATI;
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::bantuan::{
    DASAR_MISKIN, LangkahSantunan, PelakuSantunan, SYARAT_SANTUNAN, StatusSantunan,
    TENGGAT_BAWAAN_HARI, label_dasar, label_syarat_santunan, nomor_santunan,
};
use balai_domain::surat::teks::rp;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::RngCore;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Santunan {
    pub desa_id: String,
    pub id: Uuid,
    pub nomor: String,
    pub program_id: Uuid,
    pub almarhum_id: Uuid,
    pub peristiwa_id: Option<Uuid>,
    pub tanggal_meninggal: NaiveDate,
    pub tenggat: NaiveDate,
    pub dasar: String,
    pub ahli_waris_id: Option<Uuid>,
    pub ahli_waris_nama: String,
    pub ahli_waris_nik: String,
    pub ahli_waris_hubungan: String,
    pub ahli_waris_telepon: String,
    pub surat_id: Option<Uuid>,
    pub nominal: i64,
    pub status: String,
    pub alasan: String,
    pub alasan_terlambat: String,
    pub bukti_bayar: String,
    pub diajukan_pada: Option<DateTime<Utc>>,
    pub dibayar_pada: Option<DateTime<Utc>>,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
}

const KOLOM: &str = "desa_id, id, nomor, program_id, almarhum_id, peristiwa_id, tanggal_meninggal, \
    tenggat, dasar, ahli_waris_id, ahli_waris_nama, ahli_waris_nik, ahli_waris_hubungan, ahli_waris_telepon, \
    surat_id, nominal, status, alasan, alasan_terlambat, bukti_bayar, diajukan_pada, dibayar_pada, versi, dibuat_pada";

impl Santunan {
    pub fn status(&self) -> StatusSantunan {
        StatusSantunan::dari_kode(&self.status).unwrap_or(StatusSantunan::Dibuka)
    }
    pub fn status_label(&self) -> &'static str {
        self.status().label()
    }
    pub fn dasar_label(&self) -> &'static str {
        label_dasar(&self.dasar)
    }
    pub fn nominal_rp(&self) -> String {
        rp(self.nominal)
    }
    /// Days left to submit (negative: late), while the claim waits at the village.
    pub fn sisa_hari(&self, hari_ini: NaiveDate) -> Option<i64> {
        self.status()
            .di_desa()
            .then(|| (self.tenggat - hari_ini).num_days())
    }
    pub fn terlambat(&self) -> bool {
        !self.alasan_terlambat.is_empty()
    }
    /// What the claim still lacks before it can be submitted, given its documents and whether
    /// the village death letter was issued in Balai.
    pub fn kekurangan(&self, lampiran: &[LampiranSantunan], surat_terbit: bool) -> Vec<String> {
        let mut kurang = Vec::new();
        if self.ahli_waris_nik.is_empty() {
            kurang.push("Data ahli waris (nama, NIK, hubungan)".to_string());
        }
        let surat = self.surat_id.is_some() || surat_terbit;
        for (kode, label, wajib) in SYARAT_SANTUNAN {
            let perlu = wajib
                || (self.dasar == "surat_desa" && matches!(kode, "surat_miskin" | "foto_rumah"));
            let terpenuhi =
                lampiran.iter().any(|l| l.syarat == kode) || (kode == "surat_kematian" && surat);
            if perlu && !terpenuhi {
                kurang.push(label.to_string());
            }
        }
        kurang
    }
}

/// A claim in a list, with the deceased's name and the village's.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BarisSantunan {
    pub desa_id: String,
    pub nama_desa: String,
    pub id: Uuid,
    pub nomor: String,
    pub almarhum: String,
    pub tanggal_meninggal: NaiveDate,
    pub tenggat: NaiveDate,
    pub status: String,
    pub nominal: i64,
    pub alasan_terlambat: String,
    pub diajukan_pada: Option<DateTime<Utc>>,
    pub dibayar_pada: Option<DateTime<Utc>>,
}

impl BarisSantunan {
    pub fn status_label(&self) -> &'static str {
        StatusSantunan::dari_kode(&self.status)
            .map(|s| s.label())
            .unwrap_or("")
    }
    pub fn di_desa(&self) -> bool {
        StatusSantunan::dari_kode(&self.status).is_some_and(|s| s.di_desa())
    }
}

#[derive(Debug, Clone, Default)]
pub struct SaringSantunan {
    pub desa_id: Option<String>,
    /// A region code prefix (the Dinas Sosial's kabupaten).
    pub awalan: String,
    pub status: String,
}

/// The heir: a member of the family (by resident id) or a person typed in.
#[derive(Debug, Clone, Default)]
pub struct AhliWaris {
    pub penduduk_id: Option<Uuid>,
    pub nama: String,
    pub nik: String,
    pub hubungan: String,
    pub telepon: String,
}

pub struct AksiSantunan<'a> {
    pub langkah: LangkahSantunan,
    pub pelaku: PelakuSantunan,
    pub alasan: &'a str,
    /// Submitting after the deadline: why.
    pub alasan_terlambat: &'a str,
    /// Payment: how it was paid (e.g. "Tunai di kantor Dinsos, kuitansi 45/2026").
    pub bukti_bayar: &'a str,
    /// The version the page was opened at; `None` over the API.
    pub versi: Option<i64>,
}

/// Per village, for the district.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RingkasDesa {
    pub desa_id: String,
    pub nama_desa: String,
    pub klaim: i64,
    pub dibayar: i64,
    pub jumlah_dibayar: i64,
    pub terbuka: i64,
}

/// A death in the registry without a claim, for the district to look at.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct KematianTanpaKlaim {
    pub desa_id: String,
    pub nama_desa: String,
    pub penduduk_id: Uuid,
    pub nama: String,
    pub tanggal: NaiveDate,
}

/// An attachment without its bytes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LampiranSantunan {
    pub id: Uuid,
    pub syarat: String,
    pub nama: String,
    pub mime: String,
    pub ukuran: i64,
    pub diunggah_pada: DateTime<Utc>,
}

impl LampiranSantunan {
    pub fn syarat_label(&self) -> &'static str {
        label_syarat_santunan(&self.syarat)
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RiwayatSantunan {
    pub waktu: DateTime<Utc>,
    pub aktor: String,
    pub status: String,
    pub catatan: String,
}

impl RiwayatSantunan {
    pub fn status_label(&self) -> &'static str {
        StatusSantunan::dari_kode(&self.status)
            .map(|s| s.label())
            .unwrap_or("")
    }
}

async fn riwayat_tx(
    tx: &mut Tx,
    desa_id: &str,
    id: Uuid,
    waktu: DateTime<Utc>,
    aktor: &Aktor,
    status: StatusSantunan,
    catatan: &str,
) -> Result<(), Galat> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO santunan_riwayat (desa_id, santunan_id, id, waktu, aktor, status, catatan) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(desa_id).bind(id).bind(id_baru()).bind(waktu).bind(&aktor.0).bind(status.kode()).bind(catatan)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Tells the heir, when the heir is a resident of the village.
async fn kabari(
    tx: &mut Tx,
    waktu: DateTime<Utc>,
    s: &Santunan,
    almarhum: &str,
    status: StatusSantunan,
    catatan: &str,
) -> Result<(), Galat> {
    let Some(ahli) = s.ahli_waris_id else {
        return Ok(());
    };
    let data = json!({"almarhum": almarhum, "nomor": s.nomor, "status": status.label(), "catatan": catatan});
    notifikasi::antre(
        tx,
        waktu,
        &s.desa_id,
        ahli,
        Peristiwa::SantunanDiperbarui,
        &data,
    )
    .await?;
    Ok(())
}

impl Bantuan<'_> {
    pub async fn santunan(&self, desa_id: &str, id: Uuid) -> Result<Option<Santunan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM santunan WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// The claim of a deceased resident, if any.
    pub async fn santunan_almarhum(
        &self,
        desa_id: &str,
        almarhum_id: Uuid,
    ) -> Result<Option<Santunan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM santunan WHERE desa_id = $1 AND almarhum_id = $2 ORDER BY dibuat_pada DESC LIMIT 1"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(almarhum_id).fetch_optional(p).await)?,
        )
    }

    /// Claims for the deceased of a family: (name, claim number, status code).
    pub async fn santunan_keluarga(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Vec<(String, String, String)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT p.nama, s.nomor, s.status FROM santunan s JOIN penduduk p ON p.desa_id = s.desa_id AND p.id = s.almarhum_id \
             WHERE s.desa_id = $1 AND p.keluarga_id = $2 ORDER BY s.dibuat_pada")
            .bind(desa_id).bind(keluarga_id).fetch_all(p).await)?)
    }

    /// Claims of a village or of every village under a region, those waiting first.
    pub async fn daftar_santunan(&self, s: &SaringSantunan) -> Result<Vec<BarisSantunan>, Galat> {
        let awalan = format!("{}%", s.awalan);
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT s.desa_id, d.nama AS nama_desa, s.id, s.nomor, p.nama AS almarhum, s.tanggal_meninggal, s.tenggat, s.status, \
             s.nominal, s.alasan_terlambat, s.diajukan_pada, s.dibayar_pada \
             FROM santunan s JOIN desa d ON d.desa_id = s.desa_id JOIN penduduk p ON p.desa_id = s.desa_id AND p.id = s.almarhum_id \
             WHERE ($1 = '' OR s.desa_id = $1) AND s.desa_id LIKE $2 AND ($3 = '' OR s.status = $3) \
             ORDER BY CASE s.status WHEN 'diajukan' THEN 0 WHEN 'dibuka' THEN 1 WHEN 'perlu_perbaikan' THEN 1 WHEN 'diverifikasi' THEN 2 ELSE 3 END, \
             s.tenggat, s.id LIMIT 500")
            .bind(s.desa_id.clone().unwrap_or_default()).bind(awalan).bind(&s.status).fetch_all(p).await)?)
    }

    /// Per village under a region: claims, paid, amount paid, still open.
    pub async fn ringkasan_santunan(&self, awalan: &str) -> Result<Vec<RingkasDesa>, Galat> {
        let awalan = format!("{awalan}%");
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT s.desa_id, d.nama AS nama_desa, count(*) AS klaim, \
             CAST(sum(CASE WHEN s.status = 'dibayar' THEN 1 ELSE 0 END) AS BIGINT) AS dibayar, \
             CAST(coalesce(sum(CASE WHEN s.status = 'dibayar' THEN s.nominal ELSE 0 END), 0) AS BIGINT) AS jumlah_dibayar, \
             CAST(sum(CASE WHEN s.status IN ('dibuka', 'diajukan', 'perlu_perbaikan', 'diverifikasi') THEN 1 ELSE 0 END) AS BIGINT) AS terbuka \
             FROM santunan s JOIN desa d ON d.desa_id = s.desa_id WHERE s.desa_id LIKE $1 GROUP BY s.desa_id, d.nama ORDER BY s.desa_id")
            .bind(awalan).fetch_all(p).await)?)
    }

    /// Days from submission to payment of the paid claims under a region (for the average).
    pub async fn lama_bayar(
        &self,
        awalan: &str,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, Galat> {
        let awalan = format!("{awalan}%");
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT diajukan_pada, dibayar_pada FROM santunan WHERE desa_id LIKE $1 AND status = 'dibayar' \
             AND diajukan_pada IS NOT NULL AND dibayar_pada IS NOT NULL")
            .bind(awalan).fetch_all(p).await)?)
    }

    /// Deaths since `sejak` under a region that have no claim (people who may have been missed).
    pub async fn kematian_tanpa_klaim(
        &self,
        awalan: &str,
        sejak: NaiveDate,
    ) -> Result<Vec<KematianTanpaKlaim>, Galat> {
        let awalan = format!("{awalan}%");
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT e.desa_id, d.nama AS nama_desa, p.id AS penduduk_id, p.nama, e.tanggal FROM peristiwa e \
             JOIN penduduk p ON p.desa_id = e.desa_id AND p.id = e.penduduk_id JOIN desa d ON d.desa_id = e.desa_id \
             WHERE e.desa_id LIKE $1 AND e.jenis = 'mati' AND e.dibatalkan_oleh IS NULL AND e.tanggal >= $2 \
             AND NOT EXISTS (SELECT 1 FROM santunan s WHERE s.desa_id = e.desa_id AND s.almarhum_id = e.penduduk_id) \
             ORDER BY e.tanggal DESC LIMIT 300")
            .bind(awalan).bind(sejak).fetch_all(p).await)?)
    }

    pub async fn lampiran_santunan(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Vec<LampiranSantunan>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, syarat, nama, mime, ukuran, diunggah_pada FROM santunan_lampiran WHERE desa_id = $1 AND santunan_id = $2 ORDER BY diunggah_pada")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    pub async fn isi_lampiran_santunan(
        &self,
        desa_id: &str,
        id: Uuid,
        lampiran_id: Uuid,
    ) -> Result<Option<(String, String, Vec<u8>)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT nama, mime, isi FROM santunan_lampiran WHERE desa_id = $1 AND santunan_id = $2 AND id = $3")
            .bind(desa_id).bind(id).bind(lampiran_id).fetch_optional(p).await)?)
    }

    pub async fn riwayat_santunan(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Vec<RiwayatSantunan>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT waktu, aktor, status, catatan FROM santunan_riwayat WHERE desa_id = $1 AND santunan_id = $2 ORDER BY waktu, id")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// Opens the claim for a death just recorded, when the year's programme runs and the
    /// family is in DTKS/DTSEN. Answers the claim's id, or `None` when none is due.
    pub async fn buka_santunan_otomatis(
        &self,
        desa_id: &str,
        almarhum_id: Uuid,
        aktor: &Aktor,
    ) -> Result<Option<Uuid>, Galat> {
        let kk: Option<Option<Uuid>> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT keluarga_id FROM penduduk WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(almarhum_id).fetch_optional(p).await)?;
        let Some(Some(kk)) = kk else { return Ok(None) };
        let Some(kini) = self.kesejahteraan_terkini(desa_id, kk).await? else {
            return Ok(None);
        };
        if !kini.terdaftar() {
            return Ok(None);
        }
        match self
            .buka_santunan(desa_id, almarhum_id, &kini.status_dtks, aktor)
            .await
        {
            Ok(id) => Ok(Some(id)),
            // No programme this year, or a claim exists: nothing to open.
            Err(Galat::Ditolak(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Opens a claim for a deceased resident on a poverty basis (`dtks`, `dtsen` or
    /// `surat_desa`).
    pub async fn buka_santunan(
        &self,
        desa_id: &str,
        almarhum_id: Uuid,
        dasar: &str,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        if !DASAR_MISKIN.iter().any(|(k, _)| *k == dasar) {
            return Err(Galat::isian(
                "dasar",
                "Pilih dasar keluarga miskin: DTKS, DTSEN, atau surat keterangan desa dengan foto rumah.",
            ));
        }
        let (status, nama): (i16, String) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT status_dasar, nama FROM penduduk WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(almarhum_id).fetch_optional(p).await)?
            .ok_or(Galat::TidakDitemukan)?;
        let mati: Option<(Uuid, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, tanggal FROM peristiwa WHERE desa_id = $1 AND penduduk_id = $2 AND jenis = 'mati' AND dibatalkan_oleh IS NULL \
             ORDER BY dicatat_pada DESC LIMIT 1").bind(desa_id).bind(almarhum_id).fetch_optional(p).await)?;
        let (Some((peristiwa_id, tanggal)), MATI) = (mati, status) else {
            return Err(Galat::Ditolak(format!(
                "Kematian {nama} tidak tercatat (atau pencatatannya dibatalkan). Catat kematian di data penduduk lebih dulu."
            )));
        };
        let Some(g) = self.program_santunan(desa_id, tanggal).await? else {
            return Err(Galat::Ditolak(format!(
                "Tidak ada program {KODE_SANTUNAN} yang berlaku pada {}. Buat programnya (besaran dan tenggat dari peraturan tahun itu) di menu Bantuan sosial.",
                tanggal.format("%d-%m-%Y")
            )));
        };
        let hari = g.aturan().tenggat_hari.unwrap_or(TENGGAT_BAWAAN_HARI);
        let tenggat = tanggal + Duration::days(i64::from(hari));
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let ada: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM santunan WHERE desa_id = $1 AND almarhum_id = $2 AND program_id = $3")
            .bind(desa_id).bind(almarhum_id).bind(g.id).fetch_optional(&mut *c).await?);
        if ada.is_some() {
            return Err(Galat::Ditolak(format!(
                "Klaim santunan untuk {nama} sudah ada."
            )));
        }
        let id = id_baru();
        let mut acak = [0u8; 5];
        rand::rng().fill_bytes(&mut acak);
        let nomor = nomor_santunan(acak);
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO santunan (desa_id, id, nomor, program_id, almarhum_id, peristiwa_id, tanggal_meninggal, tenggat, dasar, \
             nominal, status, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)")
            .bind(desa_id).bind(id).bind(&nomor).bind(g.id).bind(almarhum_id).bind(peristiwa_id).bind(tanggal).bind(tenggat)
            .bind(dasar).bind(g.nominal).bind(StatusSantunan::Dibuka.kode()).bind(now).execute(&mut *c).await.map(|_| ()))?;
        riwayat_tx(
            &mut tx,
            desa_id,
            id,
            now,
            aktor,
            StatusSantunan::Dibuka,
            &format!(
                "Dibuka: {}. Batas pengajuan {}.",
                label_dasar(dasar),
                tenggat.format("%d-%m-%Y")
            ),
        )
        .await?;
        catat(&mut tx, now, Catatan {
            desa_id,
            aktor,
            aksi: "buka_santunan",
            objek: "santunan",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(json!({"nomor": nomor, "almarhum_id": almarhum_id, "dasar": dasar, "tenggat": tenggat, "nominal": g.nominal})),
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Names the heir (and the village death letter, when issued in Balai).
    pub async fn simpan_ahli_waris(
        &self,
        desa_id: &str,
        id: Uuid,
        a: &AhliWaris,
        versi: i64,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let s = self
            .santunan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if !s.status().di_desa() {
            return Err(Galat::Ditolak(
                "Klaim sudah diajukan; data ahli waris tidak dapat diubah lagi.".into(),
            ));
        }
        let mut ahli = a.clone();
        if let Some(pid) = a.penduduk_id {
            let r: Option<(String, String, String, i16)> = on_db!(&self.s.db, p => sqlx::query_as(
                "SELECT nama, nik, telepon, status_dasar FROM penduduk WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(pid).fetch_optional(p).await)?;
            let Some((nama, nik, telepon, status)) = r else {
                return Err(Galat::isian(
                    "ahli_waris_id",
                    "Ahli waris yang dipilih bukan penduduk desa ini.",
                ));
            };
            if pid == s.almarhum_id || status == MATI {
                return Err(Galat::isian(
                    "ahli_waris_id",
                    "Ahli waris harus orang yang masih hidup, bukan almarhum.",
                ));
            }
            ahli.nama = nama;
            ahli.nik = nik;
            if ahli.telepon.trim().is_empty() {
                ahli.telepon = telepon;
            }
        }
        let mut g = DaftarGalat::default();
        if ahli.nama.trim().is_empty() {
            g.push(
                "ahli_waris_nama",
                "Nama ahli waris wajib diisi (atau pilih dari anggota keluarga).",
            );
        }
        let nik = ahli.nik.trim();
        if nik.len() != 16 || !nik.chars().all(|c| c.is_ascii_digit()) {
            g.push("ahli_waris_nik", "NIK ahli waris terdiri dari 16 angka.");
        }
        if ahli.hubungan.trim().is_empty() {
            g.push(
                "ahli_waris_hubungan",
                "Hubungan dengan almarhum wajib diisi, misalnya istri, suami, anak.",
            );
        }
        g.into_result(())?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE santunan SET ahli_waris_id = $3, ahli_waris_nama = $4, ahli_waris_nik = $5, ahli_waris_hubungan = $6, \
             ahli_waris_telepon = $7, versi = versi + 1, diubah_pada = $8 WHERE desa_id = $1 AND id = $2 AND versi = $9")
            .bind(desa_id).bind(id).bind(ahli.penduduk_id).bind(ahli.nama.trim()).bind(nik).bind(ahli.hubungan.trim())
            .bind(ahli.telepon.trim()).bind(now).bind(versi).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Konflik(
                "Klaim ini baru saja diubah orang lain. Muat ulang halaman, lalu ulangi.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ahli_waris",
                objek: "santunan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"ahli_waris_id": ahli.penduduk_id, "hubungan": ahli.hubungan.trim()}),
                ),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Adds a document to a claim that still waits at the village.
    pub async fn unggah_lampiran_santunan(
        &self,
        desa_id: &str,
        id: Uuid,
        syarat: &str,
        nama: &str,
        isi: &[u8],
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let s = self
            .santunan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if !s.status().di_desa() {
            return Err(Galat::Ditolak(
                "Klaim sudah diajukan; dokumen tidak dapat ditambah.".into(),
            ));
        }
        if !SYARAT_SANTUNAN.iter().any(|(k, _, _)| *k == syarat) {
            return Err(Galat::isian("syarat", "Pilih dokumen yang diunggah."));
        }
        if isi.is_empty() {
            return Err(Galat::isian(
                "berkas",
                "Pilih berkas foto atau pindaian dokumennya.",
            ));
        }
        let mime = crate::berkas::periksa_dokumen(isi).map_err(|e| Galat::isian("berkas", e))?;
        let nama = crate::berkas::nama_aman(nama);
        let now = self.s.sekarang();
        let lid = id_baru();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO santunan_lampiran (desa_id, santunan_id, id, syarat, nama, mime, isi, ukuran, diunggah_oleh, diunggah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(desa_id).bind(id).bind(lid).bind(syarat).bind(&nama).bind(mime).bind(isi).bind(isi.len() as i64)
            .bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "unggah_lampiran",
                objek: "santunan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"syarat": syarat, "nama": nama, "ukuran": isi.len()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(lid)
    }

    /// The village death letter issued in Balai for the deceased, if any.
    pub async fn surat_kematian(
        &self,
        desa_id: &str,
        almarhum_id: Uuid,
    ) -> Result<Option<(Uuid, String)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, nomor FROM surat WHERE desa_id = $1 AND penduduk_id = $2 AND jenis_kode = 'keterangan_kematian' \
             AND status IN ('diterbitkan', 'diserahkan') AND nomor IS NOT NULL ORDER BY diubah_pada DESC LIMIT 1")
            .bind(desa_id).bind(almarhum_id).fetch_optional(p).await)?)
    }

    /// What the claim still lacks before it can be submitted.
    pub async fn kekurangan(&self, s: &Santunan) -> Result<Vec<String>, Galat> {
        let lampiran = self.lampiran_santunan(&s.desa_id, s.id).await?;
        let surat = self.surat_kematian(&s.desa_id, s.almarhum_id).await?;
        Ok(s.kekurangan(&lampiran, surat.is_some()))
    }

    /// Takes a step on a claim.
    pub async fn langkah_santunan(
        &self,
        desa_id: &str,
        id: Uuid,
        a: &AksiSantunan<'_>,
        aktor: &Aktor,
    ) -> Result<StatusSantunan, Galat> {
        let s = self
            .santunan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if a.versi.is_some_and(|v| v != s.versi) {
            return Err(Galat::Konflik(
                "Klaim ini baru saja diubah orang lain. Muat ulang halaman, lalu ulangi.".into(),
            ));
        }
        let baru = s
            .status()
            .langkah(a.langkah, a.pelaku)
            .map_err(Galat::Ditolak)?;
        let alasan = a.alasan.trim();
        if a.langkah.perlu_alasan() && alasan.chars().count() < 10 {
            return Err(Galat::isian(
                "alasan",
                "Tuliskan alasannya (paling sedikit 10 huruf) agar desa dan ahli waris tahu apa yang harus dilakukan.",
            ));
        }
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let (almarhum, status_dasar): (String, i16) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT nama, status_dasar FROM penduduk WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(s.almarhum_id).fetch_one(p).await)?;
        let mut terlambat = s.alasan_terlambat.clone();
        let mut surat_id = s.surat_id;
        let mut catatan = alasan.to_string();
        match a.langkah {
            LangkahSantunan::Ajukan => {
                let batal: Option<Uuid> = match s.peristiwa_id {
                    Some(e) => on_db!(&self.s.db, p => sqlx::query_scalar(
                        "SELECT dibatalkan_oleh FROM peristiwa WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(e).fetch_optional(p).await)?.flatten(),
                    None => None,
                };
                if batal.is_some() || status_dasar != MATI {
                    return Err(Galat::Ditolak(format!(
                        "Pencatatan kematian {almarhum} telah dibatalkan; klaim tidak dapat diajukan. Tutup klaim ini."
                    )));
                }
                let kurang = self.kekurangan(&s).await?;
                if !kurang.is_empty() {
                    return Err(Galat::Ditolak(format!(
                        "Belum lengkap: {}.",
                        kurang.join("; ")
                    )));
                }
                if hari_ini > s.tenggat {
                    let t = a.alasan_terlambat.trim();
                    if t.chars().count() < 10 {
                        return Err(Galat::isian(
                            "alasan_terlambat",
                            format!(
                                "Batas pengajuan {} sudah lewat {} hari. Pengajuan terlambat hanya dengan alasan tertulis (paling sedikit 10 huruf); klaim akan ditandai terlambat.",
                                s.tenggat.format("%d-%m-%Y"),
                                (hari_ini - s.tenggat).num_days()
                            ),
                        ));
                    }
                    terlambat = t.to_string();
                    catatan = format!("Terlambat: {t}");
                }
                if surat_id.is_none() {
                    surat_id = self
                        .surat_kematian(desa_id, s.almarhum_id)
                        .await?
                        .map(|x| x.0);
                }
            }
            LangkahSantunan::Bayar => {
                let b = a.bukti_bayar.trim();
                if b.chars().count() < 5 {
                    return Err(Galat::isian(
                        "bukti_bayar",
                        "Tuliskan cara dan bukti pembayaran, misalnya \"Tunai di kantor Dinsos, kuitansi 45/2026\".",
                    ));
                }
                catatan = format!("Dibayar {}: {b}", rp(s.nominal));
            }
            LangkahSantunan::Verifikasi if catatan.is_empty() => {
                catatan = "Dokumen lengkap dan sah.".into();
            }
            _ => {}
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE santunan SET status = $3, alasan = CASE WHEN $4 = '' THEN alasan ELSE $4 END, alasan_terlambat = $5, surat_id = $6, \
             bukti_bayar = CASE WHEN $7 = '' THEN bukti_bayar ELSE $7 END, \
             diajukan_pada = CASE WHEN $3 = 'diajukan' THEN $8 ELSE diajukan_pada END, \
             dibayar_pada = CASE WHEN $3 = 'dibayar' THEN $8 ELSE dibayar_pada END, versi = versi + 1, diubah_pada = $8 \
             WHERE desa_id = $1 AND id = $2 AND versi = $9")
            .bind(desa_id).bind(id).bind(baru.kode()).bind(alasan).bind(&terlambat).bind(surat_id)
            .bind(a.bukti_bayar.trim()).bind(now).bind(s.versi).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Konflik(
                "Klaim ini baru saja diubah orang lain. Muat ulang halaman, lalu ulangi.".into(),
            ));
        }
        riwayat_tx(&mut tx, desa_id, id, now, aktor, baru, &catatan).await?;
        catat(&mut tx, now, Catatan {
            desa_id,
            aktor,
            aksi: a.langkah.kode(),
            objek: "santunan",
            objek_id: id.to_string(),
            sebelum: Some(json!({"status": s.status})),
            sesudah: Some(json!({"status": baru.kode(), "alasan": alasan, "terlambat": !terlambat.is_empty()})),
        })
        .await?;
        let kabar = match baru {
            StatusSantunan::Diajukan => format!("Klaim telah dikirim ke Dinas Sosial. {catatan}"),
            StatusSantunan::Dibayar => format!(
                "Santunan {} telah dibayarkan. {}",
                rp(s.nominal),
                a.bukti_bayar.trim()
            ),
            _ => catatan.clone(),
        };
        kabari(&mut tx, now, &s, &almarhum, baru, kabar.trim()).await?;
        tx.commit().await?;
        self.s.bangunkan_kurir();
        Ok(baru)
    }

    /// Closes an open claim when its death is annulled (called by the annulment).
    pub(crate) async fn tutup_karena_batal(
        &self,
        desa_id: &str,
        almarhum_id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let Some(s) = self.santunan_almarhum(desa_id, almarhum_id).await? else {
            return Ok(());
        };
        if !s.status().di_desa() {
            return Ok(());
        }
        let a = AksiSantunan {
            langkah: LangkahSantunan::Tutup,
            pelaku: PelakuSantunan::Desa,
            alasan: "Pencatatan kematian dibatalkan.",
            alasan_terlambat: "",
            bukti_bayar: "",
            versi: None,
        };
        self.langkah_santunan(desa_id, s.id, &a, aktor)
            .await
            .map(|_| ())
    }
}
