//! Education: the village's children of PAUD age (3–6) and school age (7–18) with their
//! state for a school year (from the yearly school check, else the registry's education
//! fields), counts per dusun, the schools and PAUD of the village's potential data, and the
//! yearly check itself.
//!
//! One check per child per school year. Recording a second one for the same year changes the
//! first: the caller sends the `versi` it read (the form does), and a check changed by someone
//! else in between is refused as a conflict. Without a `versi` a second check is refused with
//! a message naming the first, so two people checking the same child never overwrite each other
//! silently.

use crate::audit::{Catatan, catat};
use crate::penduduk::HIDUP;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::pendidikan::{
    Jenjang, Keadaan, StatusCek, Sumber, UMUR_PAUD, UMUR_SEKOLAH, keadaan_anak,
    label_pendidikan_kk, label_pendidikan_sedang, label_tahun, tahun_ajaran, tanggal_acuan,
    umur_pada,
};
use balai_domain::pendidikan::{periksa_keadaan, periksa_panjang_cek};
use balai_domain::surat::teks::persen;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

pub struct Pendidikan<'a> {
    s: &'a Store,
}

impl Store {
    pub fn pendidikan(&self) -> Pendidikan<'_> {
        Pendidikan { s: self }
    }
}

/// One yearly school check.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CekSekolah {
    pub id: Uuid,
    pub penduduk_id: Uuid,
    /// First year of the school year (2026 for 2026/2027).
    #[sqlx(try_from = "i64")]
    pub tahun: i32,
    pub status: String,
    pub jenjang: String,
    pub nama_sekolah: String,
    /// The school in the village's potential data, when it is there.
    pub potensi_id: Option<Uuid>,
    pub alasan: String,
    pub catatan: String,
    /// Who recorded it, or changed it last.
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl CekSekolah {
    pub fn status_cek(&self) -> Option<StatusCek> {
        StatusCek::dari_kode(&self.status)
    }
    pub fn label_status(&self) -> &'static str {
        self.status_cek().map(StatusCek::label).unwrap_or("-")
    }
    pub fn label_jenjang(&self) -> &'static str {
        Jenjang::dari_kode(&self.jenjang)
            .map(Jenjang::label)
            .unwrap_or("")
    }
    pub fn label_tahun(&self) -> String {
        label_tahun(self.tahun)
    }
}

const KOLOM_CEK: &str = "id, penduduk_id, tahun, status, jenjang, nama_sekolah, potensi_id, alasan, catatan, \
     dicatat_oleh, versi, dibuat_pada, diubah_pada";

/// A child of 3–18 years with their state in a school year.
#[derive(Debug, Clone, Serialize)]
pub struct AnakSekolah {
    pub penduduk_id: Uuid,
    pub nama: String,
    pub jenis_kelamin: i16,
    pub tanggal_lahir: NaiveDate,
    /// Whole years on 1 July of the school year.
    pub umur: i32,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
    pub pendidikan_kk_id: i16,
    pub pendidikan_sedang_id: Option<i16>,
    /// The school year the state is for.
    pub tahun: i32,
    pub keadaan: Keadaan,
    pub sumber: Sumber,
    /// The latest check up to that year.
    pub cek: Option<CekSekolah>,
}

impl AnakSekolah {
    pub fn usia_paud(&self) -> bool {
        UMUR_PAUD.contains(&self.umur)
    }
    pub fn usia_sekolah(&self) -> bool {
        UMUR_SEKOLAH.contains(&self.umur)
    }
    pub fn dicek_tahun_ini(&self) -> bool {
        self.cek.as_ref().is_some_and(|c| c.tahun == self.tahun)
    }
    /// School age and not in school or left: the list the village follows up.
    pub fn perlu_perhatian(&self) -> bool {
        self.usia_sekolah() && self.keadaan.perlu_perhatian()
    }
    pub fn label_keadaan(&self) -> &'static str {
        self.keadaan.label(self.umur)
    }
    /// Where the state comes from, in words.
    pub fn label_sumber(&self) -> String {
        match (self.sumber, &self.cek) {
            (Sumber::CekTahunIni | Sumber::CekLalu, Some(c)) => format!("cek {}", c.label_tahun()),
            (Sumber::DataPenduduk, _) => "data penduduk".into(),
            _ => "-".into(),
        }
    }
    /// The reason recorded with the check the state comes from.
    pub fn alasan(&self) -> &str {
        match (&self.cek, self.sumber) {
            (Some(c), Sumber::CekTahunIni | Sumber::CekLalu) => &c.alasan,
            _ => "",
        }
    }
    pub fn label_pendidikan_kk(&self) -> &'static str {
        label_pendidikan_kk(self.pendidikan_kk_id)
    }
    pub fn label_pendidikan_sedang(&self) -> &'static str {
        label_pendidikan_sedang(self.pendidikan_sedang_id)
    }
}

/// Counts of one dusun (or of the village, `dusun` = "Jumlah").
#[derive(Debug, Clone, Default, Serialize)]
pub struct RingkasDusun {
    pub dusun: String,
    /// Children 7–18.
    pub usia_sekolah: i64,
    pub sekolah: i64,
    pub tidak_sekolah: i64,
    pub putus_sekolah: i64,
    pub lulus: i64,
    pub belum_diketahui: i64,
    /// Children 7–18 without a check this school year.
    pub belum_dicek: i64,
    /// Children 3–6.
    pub usia_paud: i64,
    pub ikut_paud: i64,
    /// 3–6 and already in SD.
    pub sudah_sd: i64,
    /// 3–6, not in PAUD.
    pub belum_paud: i64,
    pub paud_belum_diketahui: i64,
}

impl RingkasDusun {
    fn tambah(&mut self, a: &AnakSekolah) {
        if a.usia_sekolah() {
            self.usia_sekolah += 1;
            match a.keadaan {
                Keadaan::Sekolah | Keadaan::Paud => self.sekolah += 1,
                Keadaan::TidakSekolah => self.tidak_sekolah += 1,
                Keadaan::PutusSekolah => self.putus_sekolah += 1,
                Keadaan::Lulus => self.lulus += 1,
                Keadaan::BelumDiketahui => self.belum_diketahui += 1,
            }
            self.belum_dicek += i64::from(!a.dicek_tahun_ini());
        } else if a.usia_paud() {
            self.usia_paud += 1;
            match a.keadaan {
                Keadaan::Paud => self.ikut_paud += 1,
                Keadaan::Sekolah => self.sudah_sd += 1,
                Keadaan::BelumDiketahui => self.paud_belum_diketahui += 1,
                _ => self.belum_paud += 1,
            }
        }
    }

    /// Share of the children 3–6 in PAUD or already in SD, as "62,5 %" ("-" when none).
    pub fn persen_paud(&self) -> String {
        persen(self.ikut_paud + self.sudah_sd, self.usia_paud)
    }

    /// Share of the children 7–18 not in school or left.
    pub fn persen_tidak_sekolah(&self) -> String {
        persen(self.tidak_sekolah + self.putus_sekolah, self.usia_sekolah)
    }
}

/// Counts per dusun, every dusun of `dusun` listed (also those without children), and the
/// village total.
pub fn ringkas_per_dusun(
    dusun: &[String],
    anak: &[AnakSekolah],
) -> (Vec<RingkasDusun>, RingkasDusun) {
    let mut baris: Vec<RingkasDusun> = dusun
        .iter()
        .map(|d| RingkasDusun {
            dusun: d.clone(),
            ..Default::default()
        })
        .collect();
    let mut jumlah = RingkasDusun {
        dusun: "Jumlah".into(),
        ..Default::default()
    };
    for a in anak {
        jumlah.tambah(a);
        match baris.iter_mut().find(|b| b.dusun == a.dusun) {
            Some(b) => b.tambah(a),
            None => {
                let mut b = RingkasDusun {
                    dusun: a.dusun.clone(),
                    ..Default::default()
                };
                b.tambah(a);
                baris.push(b);
            }
        }
    }
    (baris, jumlah)
}

/// A school or PAUD of the village's potential data.
#[derive(Debug, Clone, Serialize)]
pub struct SekolahDesa {
    pub id: Uuid,
    pub nama: String,
    pub jenjang: Jenjang,
    pub alamat: String,
    /// Children of the village checked as attending it in the school year asked for.
    pub murid: i64,
}

impl SekolahDesa {
    pub fn label_jenjang(&self) -> &'static str {
        self.jenjang.label()
    }
}

/// Kinds of potential entry that are never a school (businesses, tourism).
const BUKAN_SEKOLAH: &[&str] = &["umkm", "bumdes", "wisata"];

/// The level of a potential entry that is a school or PAUD, by its kind and name.
fn jenjang_potensi(p: &crate::situs::potensi::Potensi) -> Option<Jenjang> {
    if BUKAN_SEKOLAH.contains(&p.jenis.as_str()) {
        return None;
    }
    Jenjang::dari_nama_sekolah(&p.nama)
}

/// What the operator or cadre enters for one child and one school year.
#[derive(Debug, Clone, Default)]
pub struct IsianCek {
    pub tahun: Option<i32>,
    /// A `StatusCek` code.
    pub status: String,
    /// A `Jenjang` code, or empty.
    pub jenjang: String,
    /// A school of the village's potential data.
    pub potensi_id: Option<Uuid>,
    /// The school's name when it is not in the potential data (or as the school calls itself).
    pub nama_sekolah: String,
    /// Why the child is not in school or left.
    pub alasan: String,
    pub catatan: String,
    /// The version of this year's check as read, to change it; `None` records a new one.
    pub versi: Option<i64>,
}

/// penduduk_id, nama, jenis_kelamin, tanggal_lahir, pendidikan_kk_id, pendidikan_sedang_id,
/// dusun, rw, rt.
type BarisAnak = (
    Uuid,
    String,
    i16,
    NaiveDate,
    i16,
    Option<i16>,
    String,
    String,
    String,
);

impl Pendidikan<'_> {
    /// The school year running today in the village.
    pub async fn tahun_berjalan(&self, desa_id: &str) -> Result<i32, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        Ok(tahun_ajaran(self.s.hari_ini(desa.zona())))
    }

    /// Living children of the village aged 3–18 on 1 July of `tahun` (of one dusun, or all
    /// with ""), by dusun, RW, RT and name, each with their state for that school year.
    pub async fn anak(
        &self,
        desa_id: &str,
        tahun: i32,
        dusun: &str,
    ) -> Result<Vec<AnakSekolah>, Galat> {
        let acuan = tanggal_acuan(tahun);
        // Age ≤ 18: born after 1 July 19 years earlier; age ≥ 3: born on or before 1 July
        // three years earlier.
        let lahir_setelah = tanggal_acuan(tahun - UMUR_SEKOLAH.end() - 1);
        let lahir_paling_akhir = tanggal_acuan(tahun - UMUR_PAUD.start());
        let baris: Vec<BarisAnak> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT p.id, p.nama, p.jenis_kelamin, p.tanggal_lahir, p.pendidikan_kk_id, p.pendidikan_sedang_id, \
             r.dusun, r.rw, r.rt FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
             WHERE p.desa_id = $1 AND p.status_dasar = $2 AND p.tanggal_lahir > $3 AND p.tanggal_lahir <= $4 \
             AND ($5 = '' OR r.dusun = $5) ORDER BY r.dusun, r.rw, r.rt, p.nama")
            .bind(desa_id).bind(HIDUP).bind(lahir_setelah).bind(lahir_paling_akhir).bind(dusun)
            .fetch_all(p).await)?;
        let sql = format!(
            "SELECT {KOLOM_CEK} FROM cek_sekolah WHERE desa_id = $1 AND tahun <= $2 ORDER BY penduduk_id, tahun DESC"
        );
        let cek: Vec<CekSekolah> = on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(i64::from(tahun)).fetch_all(p).await)?;
        let mut terakhir: HashMap<Uuid, CekSekolah> = HashMap::new();
        for c in cek {
            terakhir.entry(c.penduduk_id).or_insert(c);
        }
        Ok(baris
            .into_iter()
            .map(|(id, nama, jk, lahir, kk, sedang, dusun, rw, rt)| {
                let umur = umur_pada(lahir, acuan);
                let cek = terakhir.remove(&id);
                let (keadaan, sumber) = keadaan_anak(
                    tahun,
                    umur,
                    kk,
                    sedang,
                    cek.as_ref()
                        .and_then(|c| c.status_cek().map(|s| (c.tahun, s))),
                );
                AnakSekolah {
                    penduduk_id: id,
                    nama,
                    jenis_kelamin: jk,
                    tanggal_lahir: lahir,
                    umur,
                    dusun,
                    rw,
                    rt,
                    pendidikan_kk_id: kk,
                    pendidikan_sedang_id: sedang,
                    tahun,
                    keadaan,
                    sumber,
                    cek,
                }
            })
            .collect())
    }

    /// Counts per dusun of the whole village for a school year, and the village total.
    pub async fn ringkasan(
        &self,
        desa_id: &str,
        tahun: i32,
    ) -> Result<(Vec<RingkasDusun>, RingkasDusun), Galat> {
        let anak = self.anak(desa_id, tahun, "").await?;
        Ok(ringkas_per_dusun(&self.dusun(desa_id).await?, &anak))
    }

    /// The dusun of the village, in order.
    pub async fn dusun(&self, desa_id: &str) -> Result<Vec<String>, Galat> {
        let mut dusun: Vec<String> = self
            .s
            .daftar_rt(desa_id)
            .await?
            .into_iter()
            .map(|r| r.dusun)
            .collect();
        dusun.dedup();
        Ok(dusun)
    }

    /// School years with at least one check, newest first.
    pub async fn tahun_tercatat(&self, desa_id: &str) -> Result<Vec<i32>, Galat> {
        let t: Vec<i64> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT DISTINCT tahun FROM cek_sekolah WHERE desa_id = $1 ORDER BY tahun DESC")
            .bind(desa_id).fetch_all(p).await)?;
        Ok(t.into_iter()
            .filter_map(|t| i32::try_from(t).ok())
            .collect())
    }

    /// A child's check of one school year.
    pub async fn cek(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        tahun: i32,
    ) -> Result<Option<CekSekolah>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_CEK} FROM cek_sekolah WHERE desa_id = $1 AND penduduk_id = $2 AND tahun = $3"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).bind(i64::from(tahun)).fetch_optional(p).await)?,
        )
    }

    /// Every check of a child, newest year first.
    pub async fn riwayat(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Vec<CekSekolah>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_CEK} FROM cek_sekolah WHERE desa_id = $1 AND penduduk_id = $2 ORDER BY tahun DESC"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?,
        )
    }

    /// The schools and PAUD of the village's potential data (entries whose name is a school's:
    /// "SD Negeri 1", "PAUD Melati", "MTs Al Huda" …), by level and name, with how many of the
    /// village's children were checked as attending each in `tahun`.
    pub async fn sekolah_desa(&self, desa_id: &str, tahun: i32) -> Result<Vec<SekolahDesa>, Galat> {
        let murid: Vec<(Uuid, i64)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT potensi_id, COUNT(*) FROM cek_sekolah WHERE desa_id = $1 AND tahun = $2 AND potensi_id IS NOT NULL \
             AND status IN ('sekolah', 'paud') GROUP BY potensi_id")
            .bind(desa_id).bind(i64::from(tahun)).fetch_all(p).await)?;
        let mut hasil: Vec<SekolahDesa> = self
            .s
            .daftar_potensi(desa_id, "")
            .await?
            .into_iter()
            .filter_map(|p| {
                let jenjang = jenjang_potensi(&p)?;
                Some(SekolahDesa {
                    murid: murid
                        .iter()
                        .find(|(id, _)| *id == p.id)
                        .map(|m| m.1)
                        .unwrap_or(0),
                    id: p.id,
                    nama: p.nama,
                    jenjang,
                    alamat: p.alamat,
                })
            })
            .collect();
        hasil.sort_by_key(|s| {
            (
                Jenjang::SEMUA.iter().position(|j| *j == s.jenjang),
                s.nama.clone(),
            )
        });
        Ok(hasil)
    }

    /// Records a child's school check for a school year, or changes that year's check (with
    /// the `versi` read). Refused with a message per field: a child not living in this
    /// village, outside 3–18 years on 1 July of that year, a year not yet begun, an unknown
    /// state or level, a level that does not fit the state, a missing reason for a child out
    /// of school, a second check of the same year without its `versi`, or a stale `versi`.
    pub async fn catat_cek(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        isi: &IsianCek,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let Some(anak) = self.s.penduduk(desa_id, penduduk_id).await? else {
            return Err(Galat::Ditolak(
                "Anak ini tidak terdaftar sebagai penduduk desa ini. Cek sekolah hanya untuk penduduk desa sendiri; periksa kembali pilihan anak."
                    .into(),
            ));
        };
        if anak.status_dasar != HIDUP {
            return Err(Galat::Ditolak(format!(
                "{} berstatus {}; cek sekolah tidak dapat dicatat.",
                anak.nama,
                anak.status_label()
            )));
        }
        let berjalan = tahun_ajaran(self.s.hari_ini(desa.zona()));
        let tahun = isi.tahun.ok_or_else(|| {
            Galat::isian(
                "tahun",
                format!(
                    "Tahun ajaran wajib diisi (tahun awalnya, contoh {berjalan} untuk {}).",
                    label_tahun(berjalan)
                ),
            )
        })?;
        if tahun > berjalan {
            return Err(Galat::isian(
                "tahun",
                format!(
                    "Tahun ajaran {} belum dimulai. Cek sekolah dicatat untuk tahun ajaran berjalan ({}) atau sebelumnya.",
                    label_tahun(tahun),
                    label_tahun(berjalan)
                ),
            ));
        }
        let umur = umur_pada(anak.tanggal_lahir, tanggal_acuan(tahun));
        if !(*UMUR_PAUD.start()..=*UMUR_SEKOLAH.end()).contains(&umur) {
            return Err(Galat::Ditolak(format!(
                "{} berumur {} tahun pada 1 Juli {tahun} (awal tahun ajaran {}): di luar usia PAUD dan sekolah (3–18 tahun), jadi tidak dicek.",
                anak.nama,
                umur.max(0),
                label_tahun(tahun)
            )));
        }
        let alasan = isi.alasan.trim();
        let (status, jenjang, mut g) =
            periksa_keadaan(&anak.nama, umur, &isi.status, &isi.jenjang, alasan);
        let mut nama_sekolah = isi.nama_sekolah.trim().to_string();
        if let Some(pid) = isi.potensi_id {
            match self.s.potensi(desa_id, pid).await? {
                Some(p) if jenjang_potensi(&p).is_some() => {
                    if nama_sekolah.is_empty() {
                        nama_sekolah = p.nama;
                    }
                }
                _ => g.push(
                    "potensi_id",
                    "Sekolah itu tidak ada di data potensi desa. Pilih dari daftar, atau tulis nama sekolahnya.",
                ),
            }
        }
        periksa_panjang_cek(&mut g, &nama_sekolah, alasan, &isi.catatan);
        g.into_result(())?;
        let status = status.unwrap_or(StatusCek::TidakSekolah);
        let jenjang = jenjang.map(Jenjang::kode).unwrap_or("");
        let sesudah = json!({
            "penduduk_id": penduduk_id, "tahun": tahun, "status": status.kode(), "jenjang": jenjang,
            "nama_sekolah": nama_sekolah, "potensi_id": isi.potensi_id, "alasan": alasan,
        });
        let lama = self.cek(desa_id, penduduk_id, tahun).await?;
        let now = self.s.sekarang();
        let sudah_ada = |l: &CekSekolah| {
            Galat::isian(
                "tahun",
                format!(
                    "{} sudah dicek untuk tahun ajaran {} (keadaan: {}, dicatat {}). Satu anak satu catatan per tahun ajaran: buka catatan itu untuk mengubahnya.",
                    anak.nama,
                    label_tahun(tahun),
                    l.label_status(),
                    l.dicatat_oleh.trim_start_matches("pengguna:")
                ),
            )
        };
        let mut tx = self.s.db.begin().await?;
        let id = match (&lama, isi.versi) {
            (Some(l), None) => return Err(sudah_ada(l)),
            (Some(l), Some(v)) if v != l.versi => {
                return Err(Galat::Konflik(format!(
                    "Cek sekolah {} tahun ajaran {} sudah diubah orang lain sejak dibuka (sekarang: {}). Muat ulang halaman, periksa, lalu simpan lagi.",
                    anak.nama,
                    label_tahun(tahun),
                    l.label_status()
                )));
            }
            (Some(l), Some(v)) => {
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE cek_sekolah SET status = $4, jenjang = $5, nama_sekolah = $6, potensi_id = $7, alasan = $8, \
                     catatan = $9, dicatat_oleh = $10, versi = versi + 1, diubah_pada = $11 \
                     WHERE desa_id = $1 AND id = $2 AND versi = $3")
                    .bind(desa_id).bind(l.id).bind(v).bind(status.kode()).bind(jenjang).bind(&nama_sekolah)
                    .bind(isi.potensi_id).bind(alasan).bind(isi.catatan.trim()).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(Galat::Konflik(format!(
                        "Cek sekolah {} baru saja diubah orang lain. Muat ulang halaman, periksa, lalu simpan lagi.",
                        anak.nama
                    )));
                }
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "ubah",
                        objek: "cek_sekolah",
                        objek_id: l.id.to_string(),
                        sebelum: Some(json!({
                            "penduduk_id": penduduk_id, "tahun": tahun, "status": l.status, "jenjang": l.jenjang,
                            "nama_sekolah": l.nama_sekolah, "potensi_id": l.potensi_id, "alasan": l.alasan,
                        })),
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                l.id
            }
            (None, _) => {
                let id = id_baru();
                let r = on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO cek_sekolah (desa_id, id, penduduk_id, tahun, status, jenjang, nama_sekolah, potensi_id, \
                     alasan, catatan, dicatat_oleh, dibuat_pada, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)")
                    .bind(desa_id).bind(id).bind(penduduk_id).bind(i64::from(tahun)).bind(status.kode()).bind(jenjang)
                    .bind(&nama_sekolah).bind(isi.potensi_id).bind(alasan).bind(isi.catatan.trim()).bind(&aktor.0)
                    .bind(now).execute(&mut *c).await.map(|_| ()));
                if let Err(e) = r {
                    let e = Galat::from(e);
                    if e.duplikat() {
                        // Recorded by someone else a moment ago.
                        drop(tx);
                        return match self.cek(desa_id, penduduk_id, tahun).await? {
                            Some(l) => Err(sudah_ada(&l)),
                            None => Err(e),
                        };
                    }
                    return Err(e);
                }
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "catat",
                        objek: "cek_sekolah",
                        objek_id: id.to_string(),
                        sebelum: None,
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                id
            }
        };
        tx.commit().await?;
        Ok(id)
    }
}
