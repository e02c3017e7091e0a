//! A family's welfare data: its DTKS/DTSEN status and desil as the ministry delivered them
//! (typed in or imported, never computed here), and the village's survey of the BPS 14
//! criteria with date, surveyor and a photo of the house. Each change adds a row, so the
//! history stays. Proposals to the update channel come from a musyawarah desa.

use super::Bantuan;
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Tx, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::bantuan::{JENIS_USULAN, STATUS_DTKS, label_status_dtks, label_usulan};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

/// One recorded state of a family's welfare data.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Kesejahteraan {
    pub id: Uuid,
    pub keluarga_id: Uuid,
    /// `dtsen`, `dtks` or `tidak`.
    pub status_dtks: String,
    pub desil: Option<i16>,
    pub id_dtks: String,
    /// `kemensos` (delivered data typed in or imported) or `survei` (the village's own).
    pub sumber: String,
    /// The numbers (1–14) of the criteria met, comma separated; empty without a survey.
    pub kriteria: String,
    pub jumlah_kriteria: Option<i16>,
    pub tanggal_data: NaiveDate,
    pub surveyor: String,
    pub catatan: String,
    pub foto_mime: Option<String>,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
}

pub(super) const KOLOM: &str = "id, keluarga_id, status_dtks, desil, id_dtks, sumber, kriteria, jumlah_kriteria, \
    tanggal_data, surveyor, catatan, foto_mime, dicatat_oleh, dicatat_pada";

impl Kesejahteraan {
    /// Registered in DTKS or DTSEN.
    pub fn terdaftar(&self) -> bool {
        matches!(self.status_dtks.as_str(), "dtks" | "dtsen")
    }
    pub fn status_label(&self) -> &'static str {
        label_status_dtks(&self.status_dtks)
    }
    pub fn kriteria_terpenuhi(&self) -> Vec<u8> {
        self.kriteria
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect()
    }
    pub fn memenuhi(&self, no: &usize) -> bool {
        self.kriteria_terpenuhi().contains(&(*no as u8))
    }
}

#[derive(Debug, Clone, Default)]
pub struct KesejahteraanBaru<'a> {
    pub status_dtks: String,
    pub desil: Option<i16>,
    pub id_dtks: String,
    /// The criteria met (1–14); `None` when no survey was made this time.
    pub kriteria: Option<Vec<u8>>,
    pub tanggal_data: Option<NaiveDate>,
    pub surveyor: String,
    pub catatan: String,
    pub foto: Option<&'a [u8]>,
}

#[derive(Debug, Clone, Default)]
pub struct UsulanBaru {
    pub keluarga_id: Option<Uuid>,
    pub jenis: String,
    pub alasan: String,
    pub musyawarah_tanggal: Option<NaiveDate>,
    pub berita_acara: String,
}

/// One proposal with the family card and head, for the list and the export.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct UsulanDtks {
    pub id: Uuid,
    pub keluarga_id: Uuid,
    pub no_kk: String,
    pub kepala: Option<String>,
    pub nik_kepala: Option<String>,
    pub alamat: String,
    pub jenis: String,
    pub alasan: String,
    pub musyawarah_tanggal: NaiveDate,
    pub berita_acara: String,
}

impl UsulanDtks {
    pub fn jenis_label(&self) -> &'static str {
        label_usulan(&self.jenis)
    }
}

/// The checks of a new state that need neither the database nor the photo: status, desil,
/// criteria, surveyor and date. The form (`catat_kesejahteraan`) and the DTKS/DTSEN import
/// (`impor_dtks`) both run them, so a value refused in one is refused in the other.
pub(super) fn periksa_isian(b: &KesejahteraanBaru<'_>, hari_ini: NaiveDate) -> DaftarGalat {
    let mut g = DaftarGalat::default();
    if !STATUS_DTKS.iter().any(|(k, _)| *k == b.status_dtks) {
        g.push("status_dtks", "Pilih status DTKS/DTSEN keluarga ini.");
    }
    if b.desil.is_some_and(|d| !(1..=10).contains(&d)) {
        g.push(
            "desil",
            "Desil antara 1 (termiskin) dan 10, seperti pada data Kemensos/BPS.",
        );
    }
    if b.desil.is_some() && b.status_dtks == "tidak" {
        g.push(
            "desil",
            "Desil hanya ada untuk keluarga yang terdaftar di DTKS/DTSEN.",
        );
    }
    if let Some(k) = &b.kriteria
        && k.iter().any(|x| !(1..=14).contains(x))
    {
        g.push("kriteria", "Nomor kriteria antara 1 dan 14.");
    }
    if b.kriteria.is_some() && b.surveyor.trim().is_empty() {
        g.push("surveyor", "Tuliskan nama petugas yang melakukan survei.");
    }
    match b.tanggal_data {
        None => g.push(
            "tanggal_data",
            "Tanggal data atau survei wajib diisi (TTTT-BB-HH).",
        ),
        Some(t) if t > hari_ini => {
            g.push("tanggal_data", "Tanggal data tidak boleh di masa depan.")
        }
        _ => {}
    }
    g
}

/// One state to insert, already checked.
pub(super) struct BarisTulis<'a, 'b> {
    pub desa_id: &'a str,
    pub id: Uuid,
    pub keluarga_id: Uuid,
    pub b: &'a KesejahteraanBaru<'b>,
    /// `kemensos` or `survei`.
    pub sumber: &'a str,
    /// The criteria met, comma separated (empty without a survey).
    pub kriteria: &'a str,
    pub jumlah_kriteria: Option<i16>,
    /// Set when `b.foto` is an accepted photo.
    pub foto_mime: Option<&'a str>,
}

/// Inserts one state inside the caller's transaction; the caller records the audit entry.
pub(super) async fn sisipkan(
    tx: &mut Tx,
    r: &BarisTulis<'_, '_>,
    aktor: &Aktor,
    now: DateTime<Utc>,
) -> Result<(), Galat> {
    let b = r.b;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kesejahteraan (desa_id, id, keluarga_id, status_dtks, desil, id_dtks, sumber, kriteria, jumlah_kriteria, \
         tanggal_data, surveyor, catatan, foto, foto_mime, dicatat_oleh, dicatat_pada) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
        .bind(r.desa_id).bind(r.id).bind(r.keluarga_id).bind(&b.status_dtks).bind(b.desil).bind(b.id_dtks.trim())
        .bind(r.sumber).bind(r.kriteria).bind(r.jumlah_kriteria).bind(b.tanggal_data).bind(b.surveyor.trim())
        .bind(b.catatan.trim()).bind(r.foto_mime.and(b.foto)).bind(r.foto_mime).bind(&aktor.0).bind(now)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

impl Bantuan<'_> {
    /// Today in the village's time zone (a data date may not be later).
    pub(super) fn hari_ini_desa(&self, desa_id: &str) -> NaiveDate {
        self.s.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(
            &desa_id[..2.min(desa_id.len())],
        ))
    }

    /// The family's latest welfare data.
    pub async fn kesejahteraan_terkini(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Option<Kesejahteraan>, Galat> {
        Ok(self
            .riwayat_kesejahteraan(desa_id, keluarga_id)
            .await?
            .into_iter()
            .next())
    }

    /// Every recorded state, newest first.
    pub async fn riwayat_kesejahteraan(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
    ) -> Result<Vec<Kesejahteraan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM kesejahteraan WHERE desa_id = $1 AND keluarga_id = $2 ORDER BY dicatat_pada DESC, id DESC"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(keluarga_id).fetch_all(p).await)?,
        )
    }

    pub async fn foto_rumah(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(String, Vec<u8>)>, Galat> {
        let r: Option<(Option<String>, Option<Vec<u8>>)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT foto_mime, foto FROM kesejahteraan WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(r.and_then(|(m, b)| Some((m?, b?))))
    }

    /// Records a new state of a family's welfare data.
    pub async fn catat_kesejahteraan(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
        b: &KesejahteraanBaru<'_>,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = periksa_isian(b, self.hari_ini_desa(desa_id));
        let mime = match b.foto {
            Some(f) if !f.is_empty() => match crate::berkas::periksa_dokumen(f) {
                Ok(m) if m != "application/pdf" => Some(m),
                _ => {
                    g.push("foto", "Foto rumah harus JPEG atau PNG, paling besar 3 MB.");
                    None
                }
            },
            _ => None,
        };
        g.into_result(())?;
        // Pixels only: the surveyor's phone position and camera data in the file are not kept.
        let foto = match (mime, b.foto) {
            (Some(_), Some(f)) => Some(
                crate::situs::gambar::olah_gambar_antre(f.to_vec(), "foto")
                    .await?
                    .0,
            ),
            _ => None,
        };
        let mime = foto.as_ref().map(|_| "image/jpeg");
        let b = &KesejahteraanBaru {
            foto: foto.as_deref(),
            ..b.clone()
        };
        let ada: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT id FROM keluarga WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(keluarga_id).fetch_optional(p).await)?;
        ada.ok_or(Galat::TidakDitemukan)?;
        let kriteria = b.kriteria.as_ref().map(|k| {
            let mut k = k.clone();
            k.sort_unstable();
            k.dedup();
            k
        });
        let teks = kriteria
            .as_ref()
            .map(|k| {
                k.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        let jumlah = kriteria.as_ref().map(|k| k.len() as i16);
        let sumber = if kriteria.is_some() {
            "survei"
        } else {
            "kemensos"
        };
        let now = self.s.sekarang();
        let id = id_baru();
        let mut tx = self.s.db.begin().await?;
        sisipkan(
            &mut tx,
            &BarisTulis {
                desa_id,
                id,
                keluarga_id,
                b,
                sumber,
                kriteria: &teks,
                jumlah_kriteria: jumlah,
                foto_mime: mime,
            },
            aktor,
            now,
        )
        .await?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "catat_kesejahteraan",
                objek: "keluarga",
                objek_id: keluarga_id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"status_dtks": b.status_dtks, "desil": b.desil, "kriteria": teks,
                "tanggal_data": b.tanggal_data, "foto": mime.is_some()}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a proposal decided at a musyawarah desa.
    pub async fn usulkan(
        &self,
        desa_id: &str,
        b: &UsulanBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        if b.keluarga_id.is_none() {
            g.push("no_kk", "Pilih keluarga (nomor KK) yang diusulkan.");
        }
        if !JENIS_USULAN.iter().any(|(k, _)| *k == b.jenis) {
            g.push("jenis", "Pilih jenis usulan.");
        }
        if b.alasan.trim().chars().count() < 5 {
            g.push(
                "alasan",
                "Tuliskan alasan usulan, misalnya \"kepala keluarga kehilangan pekerjaan\".",
            );
        }
        if b.musyawarah_tanggal.is_none() {
            g.push("musyawarah_tanggal", "Tanggal musyawarah desa wajib diisi.");
        }
        if b.berita_acara.trim().is_empty() {
            g.push("berita_acara", "Nomor berita acara musyawarah wajib diisi.");
        }
        g.into_result(())?;
        let kk = b.keluarga_id.unwrap_or_default();
        let ada: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT id FROM keluarga WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(kk).fetch_optional(p).await)?;
        if ada.is_none() {
            return Err(Galat::isian(
                "no_kk",
                "Nomor KK tidak terdaftar di desa ini.",
            ));
        }
        let now = self.s.sekarang();
        let id = id_baru();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO usulan_dtks (desa_id, id, keluarga_id, jenis, alasan, musyawarah_tanggal, berita_acara, dicatat_oleh, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(desa_id).bind(id).bind(kk).bind(&b.jenis).bind(b.alasan.trim()).bind(b.musyawarah_tanggal)
            .bind(b.berita_acara.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "usulkan_dtks",
                objek: "keluarga",
                objek_id: kk.to_string(),
                sebelum: None,
                sesudah: Some(json!({"jenis": b.jenis, "berita_acara": b.berita_acara.trim()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn daftar_usulan(&self, desa_id: &str) -> Result<Vec<UsulanDtks>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT u.id, u.keluarga_id, k.no_kk, p.nama AS kepala, p.nik AS nik_kepala, k.alamat, u.jenis, u.alasan, \
             u.musyawarah_tanggal, u.berita_acara FROM usulan_dtks u JOIN keluarga k ON k.desa_id = u.desa_id AND k.id = u.keluarga_id \
             LEFT JOIN penduduk p ON p.desa_id = k.desa_id AND p.id = k.kepala_id \
             WHERE u.desa_id = $1 ORDER BY u.musyawarah_tanggal DESC, k.no_kk")
            .bind(desa_id).fetch_all(p).await)?)
    }

    /// The family of a KK number in the village.
    pub async fn keluarga_kk(&self, desa_id: &str, no_kk: &str) -> Result<Option<Uuid>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT id FROM keluarga WHERE desa_id = $1 AND no_kk = $2").bind(desa_id).bind(no_kk).fetch_optional(p).await)?)
    }

    /// The proposals as the update channel takes them: one row per family, NIK and KK as text.
    pub async fn ekspor_usulan_csv(&self, desa_id: &str) -> Result<Vec<u8>, Galat> {
        let daftar = self.daftar_usulan(desa_id).await?;
        let salah = |e: csv::Error| Galat::Lain(e.to_string());
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "no_kk",
            "nik_kepala_keluarga",
            "nama_kepala_keluarga",
            "alamat",
            "jenis_usulan",
            "alasan",
            "tanggal_musyawarah",
            "nomor_berita_acara",
        ])
        .map_err(salah)?;
        for u in &daftar {
            w.write_record([
                u.no_kk.as_str(),
                u.nik_kepala.as_deref().unwrap_or(""),
                u.kepala.as_deref().unwrap_or(""),
                u.alamat.as_str(),
                u.jenis.as_str(),
                u.alasan.as_str(),
                &u.musyawarah_tanggal.to_string(),
                u.berita_acara.as_str(),
            ])
            .map_err(salah)?;
        }
        w.into_inner().map_err(|e| Galat::Lain(e.to_string()))
    }
}
