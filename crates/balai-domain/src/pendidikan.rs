//! Education of the village's children: the school year, the closed lists a yearly school
//! check uses (status, level), and the one rule that turns the registry's education fields and
//! the checks into a child's state for a school year.
//!
//! Ages are whole years on the reference date of the school year, 1 July of its first year
//! (the Indonesian school year starts in mid July): PAUD age is 3–6, school age 7–18.

use crate::DaftarGalat;
use crate::daftar::{PENDIDIKAN_KK, PENDIDIKAN_SEDANG};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::ops::RangeInclusive;

/// PAUD age (kelompok bermain, TK, RA).
pub const UMUR_PAUD: RangeInclusive<i32> = 3..=6;
/// School age: the twelve years of compulsory schooling (wajib belajar 12 tahun).
pub const UMUR_SEKOLAH: RangeInclusive<i32> = 7..=18;
/// The youngest age at which "lulus" (finished upper secondary) is believable.
pub const UMUR_LULUS_MIN: i32 = 15;

/// The school year a date falls in, by its first calendar year: 2026 for 1 July 2026 –
/// 30 June 2027.
pub fn tahun_ajaran(tanggal: NaiveDate) -> i32 {
    if tanggal.month() >= 7 {
        tanggal.year()
    } else {
        tanggal.year() - 1
    }
}

/// The day ages are counted on for a school year: 1 July of its first year.
pub fn tanggal_acuan(tahun: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(tahun, 7, 1).unwrap_or(NaiveDate::MIN)
}

/// "2026/2027".
pub fn label_tahun(tahun: i32) -> String {
    format!("{tahun}/{}", tahun + 1)
}

/// Age in whole years on `pada`.
pub fn umur_pada(lahir: NaiveDate, pada: NaiveDate) -> i32 {
    let mut u = pada.year() - lahir.year();
    if (pada.month(), pada.day()) < (lahir.month(), lahir.day()) {
        u -= 1;
    }
    u
}

/// What a yearly check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusCek {
    /// In school (SD to SMA or equivalent, SLB, Kejar Paket, college).
    Sekolah,
    /// In PAUD: kelompok bermain, TK, RA.
    Paud,
    /// Never went to school, or not (yet) in PAUD/school.
    TidakSekolah,
    /// Went to school and stopped before finishing upper secondary.
    PutusSekolah,
    /// Finished upper secondary (SMA/SMK/MA or Paket C).
    Lulus,
}

impl StatusCek {
    pub const SEMUA: [StatusCek; 5] = [
        StatusCek::Sekolah,
        StatusCek::Paud,
        StatusCek::TidakSekolah,
        StatusCek::PutusSekolah,
        StatusCek::Lulus,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            StatusCek::Sekolah => "sekolah",
            StatusCek::Paud => "paud",
            StatusCek::TidakSekolah => "tidak_sekolah",
            StatusCek::PutusSekolah => "putus_sekolah",
            StatusCek::Lulus => "lulus",
        }
    }

    pub fn dari_kode(k: &str) -> Option<StatusCek> {
        Self::SEMUA.into_iter().find(|s| s.kode() == k)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusCek::Sekolah => "Sekolah",
            StatusCek::Paud => "Ikut PAUD/TK",
            StatusCek::TidakSekolah => "Tidak/belum sekolah",
            StatusCek::PutusSekolah => "Putus sekolah",
            StatusCek::Lulus => "Lulus SMA/sederajat",
        }
    }
}

/// School levels a check names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Jenjang {
    Paud,
    Sd,
    Smp,
    Sma,
    Slb,
    Paket,
    Pt,
}

impl Jenjang {
    pub const SEMUA: [Jenjang; 7] = [
        Jenjang::Paud,
        Jenjang::Sd,
        Jenjang::Smp,
        Jenjang::Sma,
        Jenjang::Slb,
        Jenjang::Paket,
        Jenjang::Pt,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Jenjang::Paud => "paud",
            Jenjang::Sd => "sd",
            Jenjang::Smp => "smp",
            Jenjang::Sma => "sma",
            Jenjang::Slb => "slb",
            Jenjang::Paket => "paket",
            Jenjang::Pt => "pt",
        }
    }

    pub fn dari_kode(k: &str) -> Option<Jenjang> {
        Self::SEMUA.into_iter().find(|j| j.kode() == k)
    }

    pub fn label(self) -> &'static str {
        match self {
            Jenjang::Paud => "PAUD/TK/KB/RA",
            Jenjang::Sd => "SD/MI",
            Jenjang::Smp => "SMP/MTs",
            Jenjang::Sma => "SMA/SMK/MA",
            Jenjang::Slb => "SLB",
            Jenjang::Paket => "Kejar Paket A/B/C (PKBM)",
            Jenjang::Pt => "Perguruan tinggi",
        }
    }

    /// The usual level for an age, for a form's first guess.
    pub fn menurut_umur(umur: i32) -> Option<Jenjang> {
        match umur {
            3..=6 => Some(Jenjang::Paud),
            7..=12 => Some(Jenjang::Sd),
            13..=15 => Some(Jenjang::Smp),
            16..=18 => Some(Jenjang::Sma),
            _ => None,
        }
    }

    /// The level a school's name announces ("SD Negeri 1", "MTs Al Huda", "TK Pertiwi",
    /// "PAUD Melati"), or `None` when the name is not a school's.
    pub fn dari_nama_sekolah(nama: &str) -> Option<Jenjang> {
        let besar = nama.to_uppercase();
        let kata: Vec<&str> = besar
            .split(|c: char| !c.is_alphanumeric())
            .filter(|k| !k.is_empty())
            .collect();
        let ada = |k: &str| kata.contains(&k);
        let frasa = |f: &str| besar.contains(f);
        if ada("PAUD")
            || ada("TK")
            || ada("KB")
            || ada("RA")
            || frasa("KELOMPOK BERMAIN")
            || frasa("TAMAN KANAK")
            || frasa("RAUDHATUL ATHFAL")
        {
            Some(Jenjang::Paud)
        } else if ada("SLB") || frasa("SEKOLAH LUAR BIASA") {
            Some(Jenjang::Slb)
        } else if ada("SD") || ada("MI") || ada("SDN") || frasa("SEKOLAH DASAR") {
            Some(Jenjang::Sd)
        } else if ada("SMP") || ada("SMPN") || ada("MTS") || ada("SLTP") {
            Some(Jenjang::Smp)
        } else if ada("SMA")
            || ada("SMAN")
            || ada("SMK")
            || ada("SMKN")
            || ada("MA")
            || ada("SLTA")
            || frasa("ALIYAH")
        {
            Some(Jenjang::Sma)
        } else if ada("PKBM") || frasa("KEJAR PAKET") {
            Some(Jenjang::Paket)
        } else {
            None
        }
    }
}

/// A child's education state in a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keadaan {
    Sekolah,
    Paud,
    TidakSekolah,
    PutusSekolah,
    Lulus,
    /// Neither a check nor the registry says.
    BelumDiketahui,
}

impl From<StatusCek> for Keadaan {
    fn from(s: StatusCek) -> Keadaan {
        match s {
            StatusCek::Sekolah => Keadaan::Sekolah,
            StatusCek::Paud => Keadaan::Paud,
            StatusCek::TidakSekolah => Keadaan::TidakSekolah,
            StatusCek::PutusSekolah => Keadaan::PutusSekolah,
            StatusCek::Lulus => Keadaan::Lulus,
        }
    }
}

impl Keadaan {
    pub const SEMUA: [Keadaan; 6] = [
        Keadaan::Sekolah,
        Keadaan::Paud,
        Keadaan::TidakSekolah,
        Keadaan::PutusSekolah,
        Keadaan::Lulus,
        Keadaan::BelumDiketahui,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Keadaan::Sekolah => "sekolah",
            Keadaan::Paud => "paud",
            Keadaan::TidakSekolah => "tidak_sekolah",
            Keadaan::PutusSekolah => "putus_sekolah",
            Keadaan::Lulus => "lulus",
            Keadaan::BelumDiketahui => "belum_diketahui",
        }
    }

    pub fn dari_kode(k: &str) -> Option<Keadaan> {
        Self::SEMUA.into_iter().find(|s| s.kode() == k)
    }

    /// As shown for a child of `umur` years ("belum ikut PAUD" rather than "tidak sekolah"
    /// for a four-year-old).
    pub fn label(self, umur: i32) -> &'static str {
        match self {
            Keadaan::TidakSekolah if umur < *UMUR_SEKOLAH.start() => "Belum ikut PAUD",
            Keadaan::TidakSekolah => "Tidak/belum sekolah",
            Keadaan::Sekolah => "Sekolah",
            Keadaan::Paud => "Ikut PAUD/TK",
            Keadaan::PutusSekolah => "Putus sekolah",
            Keadaan::Lulus => "Lulus SMA/sederajat",
            Keadaan::BelumDiketahui => "Belum diketahui",
        }
    }

    /// A school-age child the village should follow up: not in school, or left.
    pub fn perlu_perhatian(self) -> bool {
        matches!(self, Keadaan::TidakSekolah | Keadaan::PutusSekolah)
    }
}

/// The registry's answer for a child of `umur` years: "pendidikan sedang ditempuh" first (what
/// the child does now), the highest education finished (pendidikan dalam KK) to tell a
/// drop-out from a child who never went and from one who finished upper secondary. A child
/// whose record says nothing of current schooling is "belum diketahui" rather than guessed:
/// the KK's "TIDAK / BELUM SEKOLAH" is also what most pupils' cards still read.
pub fn keadaan_menurut_data(umur: i32, pendidikan_kk_id: i16, sedang: Option<i16>) -> Keadaan {
    // PENDIDIKAN_KK: 1 tidak/belum sekolah, 2 belum tamat SD, 3 tamat SD, 4 SLTP, 5 SLTA, 6+
    // diploma and up.
    let tamat_slta = pendidikan_kk_id >= 5;
    match sedang {
        // Sedang TK/kelompok bermain.
        Some(2) => Keadaan::Paud,
        // Sedang SD, SLTP, SLTA, D1…S3, SLB A/B/C.
        Some(4 | 6..=16) => Keadaan::Sekolah,
        // Belum masuk TK, tidak pernah sekolah, buta huruf.
        Some(1 | 3 | 17) => Keadaan::TidakSekolah,
        // Tidak tamat SD.
        Some(5) => Keadaan::PutusSekolah,
        // Tidak sedang sekolah.
        Some(18) if tamat_slta => Keadaan::Lulus,
        Some(18) if umur < *UMUR_SEKOLAH.start() || pendidikan_kk_id <= 1 => Keadaan::TidakSekolah,
        Some(18) => Keadaan::PutusSekolah,
        _ if tamat_slta => Keadaan::Lulus,
        _ => Keadaan::BelumDiketahui,
    }
}

/// Where a child's state comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sumber {
    /// This school year's check.
    CekTahunIni,
    /// An earlier year's check, still the latest word.
    CekLalu,
    /// The registry's education fields.
    DataPenduduk,
    /// Nothing is known.
    Tidak,
}

impl Sumber {
    pub fn kode(self) -> &'static str {
        match self {
            Sumber::CekTahunIni => "cek_tahun_ini",
            Sumber::CekLalu => "cek_lalu",
            Sumber::DataPenduduk => "data_penduduk",
            Sumber::Tidak => "tidak_ada",
        }
    }
}

/// A child's state for the school year `tahun`: this year's check when there is one; else the
/// latest earlier check (a drop-out stays a drop-out until someone records otherwise), except
/// a PAUD check for a child now of school age, which says nothing about school; else the
/// registry.
pub fn keadaan_anak(
    tahun: i32,
    umur: i32,
    pendidikan_kk_id: i16,
    sedang: Option<i16>,
    cek_terakhir: Option<(i32, StatusCek)>,
) -> (Keadaan, Sumber) {
    match cek_terakhir {
        Some((t, s)) if t == tahun => (s.into(), Sumber::CekTahunIni),
        Some((t, s)) if t < tahun && !(s == StatusCek::Paud && umur >= *UMUR_SEKOLAH.start()) => {
            (s.into(), Sumber::CekLalu)
        }
        _ => match keadaan_menurut_data(umur, pendidikan_kk_id, sedang) {
            Keadaan::BelumDiketahui => (Keadaan::BelumDiketahui, Sumber::Tidak),
            k => (k, Sumber::DataPenduduk),
        },
    }
}

/// The registry's education fields as words.
pub fn label_pendidikan_kk(id: i16) -> &'static str {
    PENDIDIKAN_KK.label(id).unwrap_or("-")
}

pub fn label_pendidikan_sedang(id: Option<i16>) -> &'static str {
    id.and_then(|i| PENDIDIKAN_SEDANG.label(i)).unwrap_or("-")
}

/// A child's state in a school year and its level, against the child's age on 1 July: PAUD
/// for 3–6, a level for a child in school, a reason for one out of school, "lulus" only after
/// upper secondary. An empty level is filled where the state implies it.
pub fn periksa_keadaan(
    nama: &str,
    umur: i32,
    status: &str,
    jenjang: &str,
    alasan: &str,
) -> (Option<StatusCek>, Option<Jenjang>, DaftarGalat) {
    let mut g = DaftarGalat::default();
    let status = StatusCek::dari_kode(status.trim());
    let jenjang_isi = jenjang.trim();
    let mut jenjang = Jenjang::dari_kode(jenjang_isi);
    if !jenjang_isi.is_empty() && jenjang.is_none() {
        g.push("jenjang", "Pilih jenjang dari daftar.");
    }
    match status {
        None => g.push(
            "status",
            "Pilih keadaan anak: sekolah, PAUD/TK, tidak sekolah, putus sekolah atau lulus.",
        ),
        Some(StatusCek::Paud) => {
            if umur >= *UMUR_SEKOLAH.start() {
                g.push(
                    "status",
                    format!(
                        "PAUD/TK untuk anak 3–6 tahun; {} berumur {umur} tahun. Pilih sekolah bila ia sudah masuk SD/MI.",
                        nama
                    ),
                );
            }
            match jenjang {
                None => jenjang = Some(Jenjang::Paud),
                Some(Jenjang::Paud) => {}
                Some(_) => g.push(
                    "jenjang",
                    "Anak yang ikut PAUD/TK/KB/RA dicatat dengan jenjang PAUD.",
                ),
            }
        }
        Some(StatusCek::Sekolah) => match jenjang {
            None if jenjang_isi.is_empty() => g.push(
                "jenjang",
                "Pilih jenjang sekolahnya (SD/MI, SMP/MTs, SMA/SMK/MA, SLB, Kejar Paket atau perguruan tinggi).",
            ),
            Some(Jenjang::Paud) => g.push(
                "status",
                "Anak di PAUD/TK dicatat dengan keadaan \"Ikut PAUD/TK\", bukan sekolah.",
            ),
            _ => {}
        },
        Some(StatusCek::TidakSekolah) => {
            if umur >= *UMUR_SEKOLAH.start() && alasan.is_empty() {
                g.push(
                    "alasan",
                    "Tuliskan alasan anak tidak sekolah (mis. biaya, disabilitas, jarak sekolah, bekerja).",
                );
            }
        }
        Some(StatusCek::PutusSekolah) => {
            if alasan.is_empty() {
                g.push(
                    "alasan",
                    "Tuliskan alasan anak putus sekolah (mis. biaya, bekerja, menikah, jarak sekolah).",
                );
            }
            if umur < *UMUR_SEKOLAH.start() {
                g.push(
                    "status",
                    format!(
                        "{} baru {umur} tahun; anak usia PAUD yang berhenti dicatat \"tidak sekolah\".",
                        nama
                    ),
                );
            }
        }
        Some(StatusCek::Lulus) => {
            if umur < UMUR_LULUS_MIN {
                g.push(
                    "status",
                    format!(
                        "Lulus berarti sudah tamat SMA/SMK/MA atau Paket C; {} baru {umur} tahun. Bila ia berhenti sekolah, pilih putus sekolah.",
                        nama
                    ),
                );
            }
            match jenjang {
                None => jenjang = Some(Jenjang::Sma),
                Some(Jenjang::Sma | Jenjang::Paket | Jenjang::Slb) => {}
                Some(_) => g.push(
                    "jenjang",
                    "Lulus dicatat untuk jenjang SMA/SMK/MA, SLB atau Kejar Paket C.",
                ),
            }
        }
    }
    (status, jenjang, g)
}

/// The free-text fields of a check, within their lengths.
pub fn periksa_panjang_cek(g: &mut DaftarGalat, nama_sekolah: &str, alasan: &str, catatan: &str) {
    for (kolom, label, teks, maks) in [
        ("nama_sekolah", "Nama sekolah", nama_sekolah, 150),
        ("alasan", "Alasan", alasan, 300),
        ("catatan", "Catatan", catatan.trim(), 500),
    ] {
        if teks.chars().count() > maks {
            g.push(
                kolom,
                format!("{label} terlalu panjang: paling banyak {maks} karakter."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn tahun_ajaran_mulai_juli() {
        assert_eq!(tahun_ajaran(t(2026, 6, 30)), 2025);
        assert_eq!(tahun_ajaran(t(2026, 7, 1)), 2026);
        assert_eq!(label_tahun(2026), "2026/2027");
        assert_eq!(umur_pada(t(2019, 7, 2), tanggal_acuan(2026)), 6);
        assert_eq!(umur_pada(t(2019, 7, 1), tanggal_acuan(2026)), 7);
    }

    #[test]
    fn keadaan_dari_data_penduduk() {
        assert_eq!(keadaan_menurut_data(5, 1, Some(2)), Keadaan::Paud);
        assert_eq!(keadaan_menurut_data(10, 2, Some(4)), Keadaan::Sekolah);
        assert_eq!(keadaan_menurut_data(14, 3, Some(18)), Keadaan::PutusSekolah);
        assert_eq!(keadaan_menurut_data(9, 1, Some(18)), Keadaan::TidakSekolah);
        assert_eq!(keadaan_menurut_data(18, 5, Some(18)), Keadaan::Lulus);
        assert_eq!(keadaan_menurut_data(8, 1, Some(3)), Keadaan::TidakSekolah);
        assert_eq!(keadaan_menurut_data(10, 1, None), Keadaan::BelumDiketahui);
    }

    #[test]
    fn cek_mengalahkan_data() {
        let (k, s) = keadaan_anak(2026, 12, 2, Some(4), Some((2026, StatusCek::PutusSekolah)));
        assert_eq!((k, s), (Keadaan::PutusSekolah, Sumber::CekTahunIni));
        let (k, s) = keadaan_anak(2026, 12, 2, Some(4), Some((2025, StatusCek::PutusSekolah)));
        assert_eq!((k, s), (Keadaan::PutusSekolah, Sumber::CekLalu));
        // Last year's PAUD says nothing about school at seven.
        let (k, s) = keadaan_anak(2026, 7, 1, None, Some((2025, StatusCek::Paud)));
        assert_eq!((k, s), (Keadaan::BelumDiketahui, Sumber::Tidak));
        assert_eq!(Keadaan::TidakSekolah.label(4), "Belum ikut PAUD");
    }

    #[test]
    fn jenjang_dari_nama() {
        assert_eq!(Jenjang::dari_nama_sekolah("SD Negeri 1"), Some(Jenjang::Sd));
        assert_eq!(
            Jenjang::dari_nama_sekolah("PAUD Tunas Bangsa"),
            Some(Jenjang::Paud)
        );
        assert_eq!(
            Jenjang::dari_nama_sekolah("MTs Al-Hidayah"),
            Some(Jenjang::Smp)
        );
        assert_eq!(
            Jenjang::dari_nama_sekolah("SMK Karya Bakti"),
            Some(Jenjang::Sma)
        );
        assert_eq!(Jenjang::dari_nama_sekolah("Posyandu Melati"), None);
        assert_eq!(Jenjang::dari_nama_sekolah("Pasar Desa"), None);
    }

    #[test]
    fn keadaan_anak_menurut_umurnya() {
        let (s, j, g) = periksa_keadaan("Ani", 5, "paud", "", "");
        assert_eq!(
            (s, j, g.is_empty()),
            (Some(StatusCek::Paud), Some(Jenjang::Paud), true)
        );
        let (_, _, g) = periksa_keadaan("Budi", 9, "paud", "", "");
        assert!(g.untuk("status").is_some());
        let (_, _, g) = periksa_keadaan("Citra", 14, "putus_sekolah", "smp", "");
        assert!(g.untuk("alasan").is_some());
        let (_, _, g) = periksa_keadaan("Dodi", 12, "lulus", "", "");
        assert!(g.untuk("status").is_some());
        let (_, _, g) = periksa_keadaan("Eka", 10, "sekolah", "", "");
        assert!(g.untuk("jenjang").is_some());
        let mut g = DaftarGalat::default();
        periksa_panjang_cek(&mut g, &"x".repeat(151), "", "");
        assert!(g.untuk("nama_sekolah").is_some());
    }
}
