//! WHO Child Growth Standards (2006) z-scores for children under five, computed from the
//! WHO LMS tables the way WHO's own software (igrowup / the `anthro` package) does:
//!
//! - age in completed days (day table 0–1826) or in completed months (month table 0–59,
//!   the unit of the tables in Permenkes 2/2020);
//! - length below 731 days (24 months) is measured lying down; a standing measurement gets
//!   +0.7 cm, a lying measurement from 731 days on gets −0.7 cm. A child under 9 months
//!   recorded as "standing" is taken as measured lying down (WHO Anthro does the same: such
//!   a child cannot stand);
//! - weight-for-length (45–110 cm) below 731 days, weight-for-height (65–120 cm) from 731
//!   days, with L, M and S interpolated linearly between the 0.1 cm rows;
//! - z = ((X/M)^L − 1)/(L·S); for the weight-based indicators WHO restricts the curve beyond
//!   ±3 SD: z = ±3 + (X − SD3)/(SD3 − SD2), measured in the distance between the 2 and 3 SD
//!   lines. Length/height-for-age is not restricted;
//! - WHO's flagging limits mark biologically implausible values; such a measurement is refused
//!   with a message that names the indicator and what to check.
//!
//! Categories follow Permenkes 2/2020 Standar Antropometri Anak (see [`AMBANG`]).

use std::fmt;
use std::sync::LazyLock;

const CSV_HARI: &str = include_str!("../../data/who/who_lms_by_age_days.csv");
const CSV_BULAN: &str = include_str!("../../data/who/who_lms_by_age_months.csv");
const CSV_PANJANG: &str = include_str!("../../data/who/who_lms_by_length.csv");

/// Last day of the day tables (60 months = 1826 days; WHO computes only below 60 months).
pub const UMUR_HARI_MAKS: u32 = 1826;
/// Last completed month of a balita (0–59 months).
pub const UMUR_BULAN_MAKS: u32 = 59;
/// Days per month used by WHO to convert between days and months.
pub const HARI_PER_BULAN: f64 = 30.4375;
/// First day measured standing (24 months).
const HARI_BERDIRI: u32 = 731;
/// Plausible length/height range accepted at all (cm).
const PANJANG_MIN: f64 = 38.0;
const PANJANG_MAKS: f64 = 130.0;

/// Anthropometric indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indikator {
    /// Berat badan menurut umur (weight-for-age).
    BbU,
    /// Panjang/tinggi badan menurut umur (length/height-for-age).
    PbTbU,
    /// Berat badan menurut panjang/tinggi badan (weight-for-length/height).
    BbPbTb,
    /// Indeks massa tubuh menurut umur (BMI-for-age).
    ImtU,
}

impl Indikator {
    pub const SEMUA: [Indikator; 4] = [
        Indikator::BbU,
        Indikator::PbTbU,
        Indikator::BbPbTb,
        Indikator::ImtU,
    ];

    /// Short name as printed in the KMS and Permenkes tables.
    pub fn singkatan(self) -> &'static str {
        match self {
            Indikator::BbU => "BB/U",
            Indikator::PbTbU => "PB/U atau TB/U",
            Indikator::BbPbTb => "BB/PB atau BB/TB",
            Indikator::ImtU => "IMT/U",
        }
    }

    /// WHO flagging limits (igrowup / anthro defaults): a z-score outside is implausible.
    pub fn batas_flag(self) -> (f64, f64) {
        match self {
            Indikator::BbU => (-6.0, 5.0),
            Indikator::PbTbU => (-6.0, 6.0),
            Indikator::BbPbTb => (-5.0, 5.0),
            Indikator::ImtU => (-5.0, 5.0),
        }
    }

    /// Whether WHO restricts the LMS curve beyond ±3 SD for this indicator.
    fn dibatasi(self) -> bool {
        !matches!(self, Indikator::PbTbU)
    }
}

/// Sex of the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kelamin {
    /// Laki-laki.
    L,
    /// Perempuan.
    P,
}

/// How length/height was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaraUkur {
    /// Lying down (panjang badan, recumbent length).
    Berbaring,
    /// Standing (tinggi badan, standing height).
    Berdiri,
}

/// Age of the child at the measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Umur {
    /// Completed days since birth (WHO's preferred unit; day table).
    Hari(u32),
    /// Completed months (the unit of Permenkes 2/2020 tables; WHO month table, except
    /// month 24 of length/height and BMI, see [`lms_umur`]).
    Bulan(u32),
}

impl Umur {
    /// Age in days (months converted with WHO's 30.4375 days per month).
    pub fn hari(self) -> f64 {
        match self {
            Umur::Hari(h) => h as f64,
            Umur::Bulan(b) => b as f64 * HARI_PER_BULAN,
        }
    }

    /// Whether a child of this age is measured standing (24 months / 731 days and over).
    pub fn diukur_berdiri(self) -> bool {
        match self {
            Umur::Hari(h) => h >= HARI_BERDIRI,
            Umur::Bulan(b) => b >= 24,
        }
    }

    /// Completed months.
    pub fn bulan_penuh(self) -> u32 {
        match self {
            Umur::Hari(h) => (h as f64 / HARI_PER_BULAN).floor() as u32,
            Umur::Bulan(b) => b,
        }
    }

    /// "2 tahun 3 bulan", "5 bulan", "12 hari".
    pub fn teks(self) -> String {
        let bulan = self.bulan_penuh();
        if let (0, Umur::Hari(h)) = (bulan, self) {
            return format!("{h} hari");
        }
        match (bulan / 12, bulan % 12) {
            (0, b) => format!("{b} bulan"),
            (t, 0) => format!("{t} tahun"),
            (t, b) => format!("{t} tahun {b} bulan"),
        }
    }
}

/// One measurement of a child. Absent weight or length only blocks the indicators needing it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pengukuran {
    pub kelamin: Kelamin,
    pub umur: Umur,
    /// Weight in kg.
    pub berat_kg: Option<f64>,
    /// Length or height in cm as measured (before the 0.7 cm correction).
    pub panjang_cm: Option<f64>,
    /// How the length/height was measured; `None` = as WHO expects for the age.
    pub cara_ukur: Option<CaraUkur>,
}

/// Why a z-score could not be given.
#[derive(Debug, Clone, PartialEq)]
pub enum GalatZ {
    /// The input itself is refused (missing, zero, out of range); `kolom` names the field.
    Isian { kolom: &'static str, pesan: String },
    /// The z-score is beyond WHO's plausibility limits: the measurement is most likely wrong.
    TidakMasukAkal {
        indikator: Indikator,
        z: f64,
        pesan: String,
    },
}

impl GalatZ {
    pub fn pesan(&self) -> &str {
        match self {
            GalatZ::Isian { pesan, .. } | GalatZ::TidakMasukAkal { pesan, .. } => pesan,
        }
    }

    /// The field to show the message under.
    pub fn kolom(&self) -> &'static str {
        match self {
            GalatZ::Isian { kolom, .. } => kolom,
            GalatZ::TidakMasukAkal { indikator, .. } => match indikator {
                Indikator::BbU | Indikator::BbPbTb | Indikator::ImtU => "berat_kg",
                Indikator::PbTbU => "panjang_cm",
            },
        }
    }

    /// As a form error.
    pub fn ke_galat_isian(&self) -> crate::GalatIsian {
        crate::GalatIsian::new(self.kolom(), self.pesan())
    }
}

impl fmt::Display for GalatZ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pesan())
    }
}

impl std::error::Error for GalatZ {}

fn isian(kolom: &'static str, pesan: impl Into<String>) -> GalatZ {
    GalatZ::Isian {
        kolom,
        pesan: pesan.into(),
    }
}

/// Nutritional status category of Permenkes 2/2020 Standar Antropometri Anak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kategori {
    // BB/U
    BeratBadanSangatKurang,
    BeratBadanKurang,
    BeratBadanNormal,
    RisikoBeratBadanLebih,
    // PB/U, TB/U
    SangatPendek,
    Pendek,
    TinggiNormal,
    Tinggi,
    // BB/PB, BB/TB, IMT/U
    GiziBuruk,
    GiziKurang,
    GiziBaik,
    BerisikoGiziLebih,
    GiziLebih,
    Obesitas,
}

impl Kategori {
    /// The regulation's wording.
    pub fn label(self) -> &'static str {
        match self {
            Kategori::BeratBadanSangatKurang => "Berat badan sangat kurang",
            Kategori::BeratBadanKurang => "Berat badan kurang",
            Kategori::BeratBadanNormal => "Berat badan normal",
            Kategori::RisikoBeratBadanLebih => "Risiko berat badan lebih",
            Kategori::SangatPendek => "Sangat pendek",
            Kategori::Pendek => "Pendek",
            Kategori::TinggiNormal => "Normal",
            Kategori::Tinggi => "Tinggi",
            Kategori::GiziBuruk => "Gizi buruk",
            Kategori::GiziKurang => "Gizi kurang",
            Kategori::GiziBaik => "Gizi baik",
            Kategori::BerisikoGiziLebih => "Berisiko gizi lebih",
            Kategori::GiziLebih => "Gizi lebih",
            Kategori::Obesitas => "Obesitas",
        }
    }

    /// Whether the category is a nutrition problem (anything but the normal band).
    pub fn bermasalah(self) -> bool {
        !matches!(
            self,
            Kategori::BeratBadanNormal | Kategori::TinggiNormal | Kategori::GiziBaik
        )
    }
}

/// Upper end of a category band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Batas {
    /// z strictly below the value.
    Kurang(f64),
    /// z at most the value.
    PalingTinggi(f64),
    /// No upper end.
    Tanpa,
}

/// Category thresholds, lowest band first, per Permenkes 2/2020 Standar Antropometri Anak,
/// Lampiran (kategori dan ambang batas status gizi anak): BB/U sangat kurang < −3 SD, kurang
/// −3 SD sd < −2 SD, normal −2 SD sd +1 SD, risiko berat badan lebih > +1 SD; PB/U-TB/U
/// sangat pendek < −3 SD, pendek −3 SD sd < −2 SD, normal −2 SD sd +3 SD, tinggi > +3 SD;
/// BB/PB-BB/TB and IMT/U gizi buruk < −3 SD, gizi kurang −3 SD sd < −2 SD, gizi baik −2 SD
/// sd +1 SD, berisiko gizi lebih > +1 SD sd +2 SD, gizi lebih > +2 SD sd +3 SD, obesitas above
/// +3 SD. (Standard WHO cut-offs; the regulation text was not at hand when this was written —
/// see `data/who/SUMBER.md`.)
pub const AMBANG: [(Indikator, &[(Batas, Kategori)]); 4] = [
    (
        Indikator::BbU,
        &[
            (Batas::Kurang(-3.0), Kategori::BeratBadanSangatKurang),
            (Batas::Kurang(-2.0), Kategori::BeratBadanKurang),
            (Batas::PalingTinggi(1.0), Kategori::BeratBadanNormal),
            (Batas::Tanpa, Kategori::RisikoBeratBadanLebih),
        ],
    ),
    (
        Indikator::PbTbU,
        &[
            (Batas::Kurang(-3.0), Kategori::SangatPendek),
            (Batas::Kurang(-2.0), Kategori::Pendek),
            (Batas::PalingTinggi(3.0), Kategori::TinggiNormal),
            (Batas::Tanpa, Kategori::Tinggi),
        ],
    ),
    (
        Indikator::BbPbTb,
        &[
            (Batas::Kurang(-3.0), Kategori::GiziBuruk),
            (Batas::Kurang(-2.0), Kategori::GiziKurang),
            (Batas::PalingTinggi(1.0), Kategori::GiziBaik),
            (Batas::PalingTinggi(2.0), Kategori::BerisikoGiziLebih),
            (Batas::PalingTinggi(3.0), Kategori::GiziLebih),
            (Batas::Tanpa, Kategori::Obesitas),
        ],
    ),
    (
        Indikator::ImtU,
        &[
            (Batas::Kurang(-3.0), Kategori::GiziBuruk),
            (Batas::Kurang(-2.0), Kategori::GiziKurang),
            (Batas::PalingTinggi(1.0), Kategori::GiziBaik),
            (Batas::PalingTinggi(2.0), Kategori::BerisikoGiziLebih),
            (Batas::PalingTinggi(3.0), Kategori::GiziLebih),
            (Batas::Tanpa, Kategori::Obesitas),
        ],
    ),
];

/// The category of a z-score (rounded to 2 decimals first, as WHO reports it).
pub fn kategori(indikator: Indikator, z: f64) -> Kategori {
    let z = bulatkan_z(z);
    let pita = AMBANG
        .iter()
        .find(|(i, _)| *i == indikator)
        .map(|(_, p)| *p)
        .unwrap_or(&[]);
    for (batas, kat) in pita {
        let masuk = match *batas {
            Batas::Kurang(v) => z < v,
            Batas::PalingTinggi(v) => z <= v,
            Batas::Tanpa => true,
        };
        if masuk {
            return *kat;
        }
    }
    unreachable!("every band list ends with Batas::Tanpa")
}

/// z rounded to 2 decimals (WHO's reported precision).
pub fn bulatkan_z(z: f64) -> f64 {
    (z * 100.0).round() / 100.0
}

/// A computed z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HasilZ {
    pub indikator: Indikator,
    /// Full-precision z-score (report [`bulatkan_z`] of it).
    pub z: f64,
    pub kategori: Kategori,
}

/// Box-Cox parameters of one table row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lms {
    pub l: f64,
    pub m: f64,
    pub s: f64,
}

impl Lms {
    /// The measurement at z (plain LMS curve).
    pub fn nilai_pada(self, z: f64) -> f64 {
        if self.l.abs() < 1e-12 {
            self.m * (self.s * z).exp()
        } else {
            self.m * (1.0 + self.l * self.s * z).powf(1.0 / self.l)
        }
    }

    /// z of `x`, plain or with WHO's restriction beyond ±3 SD.
    pub fn z(self, x: f64, dibatasi: bool) -> f64 {
        let z = if self.l.abs() < 1e-12 {
            (x / self.m).ln() / self.s
        } else {
            ((x / self.m).powf(self.l) - 1.0) / (self.l * self.s)
        };
        if !dibatasi {
            return z;
        }
        if z > 3.0 {
            let sd3 = self.nilai_pada(3.0);
            let sd23 = sd3 - self.nilai_pada(2.0);
            3.0 + (x - sd3) / sd23
        } else if z < -3.0 {
            let sd3 = self.nilai_pada(-3.0);
            let sd23 = self.nilai_pada(-2.0) - sd3;
            -3.0 + (x - sd3) / sd23
        } else {
            z
        }
    }
}

/// All tables, parsed once.
struct Tabel {
    /// [indicator wfa/lhfa/bmi][sex] by day 0..=1826.
    hari: [[Vec<Lms>; 2]; 3],
    /// [indicator wfa/lhfa/bmi][sex] by month 0..=60.
    bulan: [[Vec<Lms>; 2]; 3],
    /// [sex] by 0.1 cm from 45.0 to 110.0.
    wfl: [Vec<Lms>; 2],
    /// [sex] by 0.1 cm from 65.0 to 120.0.
    wfh: [Vec<Lms>; 2],
}

const WFL_AWAL: f64 = 45.0;
const WFL_AKHIR: f64 = 110.0;
const WFH_AWAL: f64 = 65.0;
const WFH_AKHIR: f64 = 120.0;

fn no_kelamin(k: Kelamin) -> usize {
    match k {
        Kelamin::L => 0,
        Kelamin::P => 1,
    }
}

fn baca_lms(l: &str, m: &str, s: &str) -> Lms {
    let f = |v: &str| -> f64 { v.parse().expect("bad number in WHO LMS table") };
    Lms {
        l: f(l),
        m: f(m),
        s: f(s),
    }
}

/// Parse an age table (age in column 2; L, M, S from column `kol_lms`).
fn baca_umur(csv: &str, kol_lms: usize) -> [[Vec<Lms>; 2]; 3] {
    let mut out: [[Vec<Lms>; 2]; 3] = Default::default();
    for baris in csv.lines().skip(1).filter(|b| !b.trim().is_empty()) {
        let k: Vec<&str> = baris.split(',').collect();
        let ind = match k[0] {
            "wfa" => 0,
            "lhfa" => 1,
            "bmi" => 2,
            _ => continue,
        };
        let sex = match k[1] {
            "M" => 0,
            "F" => 1,
            lain => panic!("unknown sex {lain} in WHO LMS table"),
        };
        let umur: usize = k[2].parse().expect("bad age in WHO LMS table");
        let v = &mut out[ind][sex];
        assert_eq!(v.len(), umur, "WHO LMS age table is not contiguous");
        v.push(baca_lms(k[kol_lms], k[kol_lms + 1], k[kol_lms + 2]));
    }
    out
}

fn baca_panjang(csv: &str) -> ([Vec<Lms>; 2], [Vec<Lms>; 2]) {
    let mut wfl: [Vec<Lms>; 2] = Default::default();
    let mut wfh: [Vec<Lms>; 2] = Default::default();
    for baris in csv.lines().skip(1).filter(|b| !b.trim().is_empty()) {
        let k: Vec<&str> = baris.split(',').collect();
        let sex = if k[1] == "M" { 0 } else { 1 };
        let cm: f64 = k[2].parse().expect("bad length in WHO LMS table");
        let (v, awal) = match k[0] {
            "wfl" => (&mut wfl[sex], WFL_AWAL),
            "wfh" => (&mut wfh[sex], WFH_AWAL),
            _ => continue,
        };
        assert_eq!(
            ((cm - awal) * 10.0).round() as usize,
            v.len(),
            "WHO LMS length table is not contiguous"
        );
        v.push(baca_lms(k[3], k[4], k[5]));
    }
    (wfl, wfh)
}

static TABEL: LazyLock<Tabel> = LazyLock::new(|| {
    // days: indicator,sex,age_days,measure,L,M,S ; months: indicator,sex,age_months,L,M,S
    let hari = baca_umur(CSV_HARI, 4);
    let bulan = baca_umur(CSV_BULAN, 3);
    let (wfl, wfh) = baca_panjang(CSV_PANJANG);
    Tabel {
        hari,
        bulan,
        wfl,
        wfh,
    }
});

/// LMS of an age-based indicator at an age (None outside the table).
pub fn lms_umur(indikator: Indikator, kelamin: Kelamin, umur: Umur) -> Option<Lms> {
    let ind = match indikator {
        Indikator::BbU => 0,
        Indikator::PbTbU => 1,
        Indikator::ImtU => 2,
        Indikator::BbPbTb => return None,
    };
    let t = &*TABEL;
    let (v, i) = match umur {
        Umur::Hari(h) => (&t.hari[ind][no_kelamin(kelamin)], h as usize),
        // The month table's row 24 for length/height and BMI is the recumbent-length row (the
        // end of WHO's 0–2 year table), but at 24 months WHO measures standing height: use the
        // first standing-height day instead, as WHO Anthro does (24 × 30.4375 = 730.5 → 731).
        Umur::Bulan(24) if ind != 0 => (&t.hari[ind][no_kelamin(kelamin)], HARI_BERDIRI as usize),
        Umur::Bulan(b) => (&t.bulan[ind][no_kelamin(kelamin)], b as usize),
    };
    v.get(i).copied()
}

/// LMS of weight-for-length (`berdiri` = false) or weight-for-height (true) at a corrected
/// length/height, interpolated between 0.1 cm rows. None outside 45–110 / 65–120 cm.
pub fn lms_panjang(kelamin: Kelamin, berdiri: bool, panjang_cm: f64) -> Option<Lms> {
    let t = &*TABEL;
    let (v, awal, akhir) = if berdiri {
        (&t.wfh[no_kelamin(kelamin)], WFH_AWAL, WFH_AKHIR)
    } else {
        (&t.wfl[no_kelamin(kelamin)], WFL_AWAL, WFL_AKHIR)
    };
    if !(awal - 1e-9..=akhir + 1e-9).contains(&panjang_cm) {
        return None;
    }
    let pos = (panjang_cm - awal) * 10.0;
    // Guard against 65.3 → 202.99999 style representation error.
    let i = (pos + 1e-7).floor();
    let frac = (pos - i).max(0.0);
    let i = i as usize;
    let bawah = *v.get(i)?;
    if frac < 1e-7 || i + 1 >= v.len() {
        return Some(bawah);
    }
    let atas = v[i + 1];
    Some(Lms {
        l: bawah.l + frac * (atas.l - bawah.l),
        m: bawah.m + frac * (atas.m - bawah.m),
        s: bawah.s + frac * (atas.s - bawah.s),
    })
}

/// The length/height after WHO's 0.7 cm correction for the age.
pub fn panjang_terkoreksi(panjang_cm: f64, cara: Option<CaraUkur>, umur: Umur) -> f64 {
    let harus_berdiri = umur.diukur_berdiri();
    match cara {
        // A child under 9 months cannot stand: WHO Anthro treats "standing" as lying.
        Some(CaraUkur::Berdiri) if umur.hari() / HARI_PER_BULAN < 9.0 => panjang_cm,
        Some(CaraUkur::Berdiri) if !harus_berdiri => panjang_cm + 0.7,
        Some(CaraUkur::Berbaring) if harus_berdiri => panjang_cm - 0.7,
        _ => panjang_cm,
    }
}

/// "12,5", "80", "14,2": Indonesian decimal comma, trailing zeros dropped.
fn angka(x: f64, desimal: usize) -> String {
    let mut s = format!("{x:.desimal$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    s.replace('.', ",")
}

fn cek_umur(umur: Umur) -> Result<(), GalatZ> {
    let lebih = match umur {
        Umur::Hari(h) => h > UMUR_HARI_MAKS,
        Umur::Bulan(b) => b > UMUR_BULAN_MAKS,
    };
    if lebih {
        return Err(isian(
            "umur",
            format!(
                "Umur {} bukan balita (lebih dari 59 bulan); z-skor WHO hanya untuk anak 0–59 bulan.",
                umur.teks()
            ),
        ));
    }
    Ok(())
}

fn cek_berat(berat: Option<f64>) -> Result<f64, GalatZ> {
    match berat {
        None => Err(isian("berat_kg", "Berat badan belum diisi.")),
        Some(b) if !b.is_finite() || b <= 0.0 => Err(isian(
            "berat_kg",
            format!(
                "Berat badan {} kg tidak mungkin; isi berat dalam kilogram, lebih dari 0.",
                angka(b, 2)
            ),
        )),
        Some(b) => Ok(b),
    }
}

fn cek_panjang(p: &Pengukuran) -> Result<f64, GalatZ> {
    match p.panjang_cm {
        None => Err(isian("panjang_cm", "Panjang/tinggi badan belum diisi.")),
        Some(x) if !x.is_finite() || !(PANJANG_MIN..=PANJANG_MAKS).contains(&x) => Err(isian(
            "panjang_cm",
            format!(
                "Panjang/tinggi badan {} cm di luar batas wajar balita ({}–{} cm). Periksa alat ukur dan isian (dalam sentimeter).",
                angka(x, 1),
                PANJANG_MIN,
                PANJANG_MAKS
            ),
        )),
        Some(x) => Ok(panjang_terkoreksi(x, p.cara_ukur, p.umur)),
    }
}

/// Compute one indicator for one measurement.
pub fn hitung(indikator: Indikator, p: &Pengukuran) -> Result<HasilZ, GalatZ> {
    cek_umur(p.umur)?;
    let (x, lms) = match indikator {
        Indikator::BbU => {
            let b = cek_berat(p.berat_kg)?;
            (b, lms_umur(indikator, p.kelamin, p.umur))
        }
        Indikator::PbTbU => {
            let pj = cek_panjang(p)?;
            (pj, lms_umur(indikator, p.kelamin, p.umur))
        }
        Indikator::ImtU => {
            let b = cek_berat(p.berat_kg)?;
            let pj = cek_panjang(p)?;
            let m = pj / 100.0;
            (b / (m * m), lms_umur(indikator, p.kelamin, p.umur))
        }
        Indikator::BbPbTb => {
            let b = cek_berat(p.berat_kg)?;
            let pj = cek_panjang(p)?;
            let berdiri = p.umur.diukur_berdiri();
            let lms = lms_panjang(p.kelamin, berdiri, pj);
            if lms.is_none() {
                let (jenis, awal, akhir) = if berdiri {
                    ("Tinggi", WFH_AWAL, WFH_AKHIR)
                } else {
                    ("Panjang", WFL_AWAL, WFL_AKHIR)
                };
                return Err(isian(
                    "panjang_cm",
                    format!(
                        "{jenis} badan {} cm (setelah koreksi cara ukur) di luar tabel WHO {} ({}–{} cm); z-skor BB/{} tidak dapat dihitung.",
                        angka(pj, 1),
                        if berdiri { "BB/TB" } else { "BB/PB" },
                        awal,
                        akhir,
                        if berdiri { "TB" } else { "PB" },
                    ),
                ));
            }
            (b, lms)
        }
    };
    let lms = lms.ok_or_else(|| isian("umur", "Umur di luar tabel WHO."))?;
    let z = lms.z(x, indikator.dibatasi());
    let (min, maks) = indikator.batas_flag();
    let zb = bulatkan_z(z);
    if zb < min || zb > maks {
        return Err(GalatZ::TidakMasukAkal {
            indikator,
            z,
            pesan: pesan_tidak_masuk_akal(indikator, p, x, z),
        });
    }
    Ok(HasilZ {
        indikator,
        z,
        kategori: kategori(indikator, z),
    })
}

fn pesan_tidak_masuk_akal(indikator: Indikator, p: &Pengukuran, x: f64, z: f64) -> String {
    let zt = angka(bulatkan_z(z), 1);
    let umur = p.umur.teks();
    match indikator {
        Indikator::BbU => format!(
            "Berat {} kg untuk anak umur {umur} tidak masuk akal (z BB/U {zt}). Periksa kembali timbangan dan isian.",
            angka(x, 2)
        ),
        Indikator::PbTbU => format!(
            "Panjang/tinggi {} cm untuk anak umur {umur} tidak masuk akal (z PB/U atau TB/U {zt}). Periksa kembali alat ukur, cara ukur (berbaring/berdiri), tanggal lahir dan isian.",
            angka(p.panjang_cm.unwrap_or(x), 1)
        ),
        Indikator::BbPbTb => format!(
            "Berat {} kg untuk panjang/tinggi {} cm tidak masuk akal (z BB/PB atau BB/TB {zt}). Periksa kembali timbangan, alat ukur dan isian.",
            angka(p.berat_kg.unwrap_or(0.0), 2),
            angka(p.panjang_cm.unwrap_or(0.0), 1)
        ),
        Indikator::ImtU => format!(
            "IMT {} kg/m² untuk anak umur {umur} tidak masuk akal (z IMT/U {zt}). Periksa kembali berat, panjang/tinggi dan isian.",
            angka(x, 1)
        ),
    }
}

/// All four indicators, each with its own result (one bad field does not hide the others).
pub fn hitung_semua(p: &Pengukuran) -> [(Indikator, Result<HasilZ, GalatZ>); 4] {
    Indikator::SEMUA.map(|i| (i, hitung(i, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ukur(kelamin: Kelamin, umur: Umur, berat: Option<f64>, panjang: Option<f64>) -> Pengukuran {
        Pengukuran {
            kelamin,
            umur,
            berat_kg: berat,
            panjang_cm: panjang,
            cara_ukur: None,
        }
    }

    #[test]
    fn tables_parse_completely() {
        let t = &*TABEL;
        for ind in 0..3 {
            for sex in 0..2 {
                assert_eq!(t.hari[ind][sex].len(), 1827);
                assert_eq!(t.bulan[ind][sex].len(), 61);
            }
        }
        assert_eq!(t.wfl[0].len(), 651);
        assert_eq!(t.wfh[1].len(), 551);
    }

    #[test]
    fn median_is_zero_and_published_lms_spot_checks() {
        let lms = lms_umur(Indikator::BbU, Kelamin::L, Umur::Hari(0)).unwrap();
        assert_eq!((lms.l, lms.m, lms.s), (0.3487, 3.3464, 0.14602));
        let h = hitung(
            Indikator::BbU,
            &ukur(Kelamin::L, Umur::Hari(0), Some(3.3464), None),
        )
        .unwrap();
        assert!(h.z.abs() < 1e-9);
        assert_eq!(h.kategori, Kategori::BeratBadanNormal);
    }

    #[test]
    fn length_correction() {
        assert_eq!(
            panjang_terkoreksi(80.0, Some(CaraUkur::Berdiri), Umur::Hari(400)),
            80.7
        );
        assert_eq!(
            panjang_terkoreksi(80.0, Some(CaraUkur::Berbaring), Umur::Hari(731)),
            79.3
        );
        assert_eq!(
            panjang_terkoreksi(80.0, Some(CaraUkur::Berbaring), Umur::Hari(730)),
            80.0
        );
        assert_eq!(panjang_terkoreksi(80.0, None, Umur::Hari(800)), 80.0);
        // Under 9 months "standing" is taken as lying.
        assert_eq!(
            panjang_terkoreksi(60.0, Some(CaraUkur::Berdiri), Umur::Hari(244)),
            60.0
        );
        assert_eq!(
            panjang_terkoreksi(80.0, Some(CaraUkur::Berdiri), Umur::Bulan(23)),
            80.7
        );
    }

    #[test]
    fn interpolates_between_tenth_cm_rows() {
        let a = lms_panjang(Kelamin::L, false, 65.0).unwrap();
        let b = lms_panjang(Kelamin::L, false, 65.1).unwrap();
        let mid = lms_panjang(Kelamin::L, false, 65.05).unwrap();
        assert!((mid.m - (a.m + b.m) / 2.0).abs() < 1e-12);
        assert!(lms_panjang(Kelamin::L, false, 44.9).is_none());
        assert!(lms_panjang(Kelamin::L, true, 120.0).is_some());
        assert!(lms_panjang(Kelamin::L, true, 120.1).is_none());
        // 65.3 must hit the row exactly, not interpolate from 65.2.
        let r = lms_panjang(Kelamin::L, true, 65.3).unwrap();
        assert_eq!(r.m, 7.5034);
    }

    #[test]
    fn restricted_beyond_three_sd_is_linear() {
        let lms = lms_umur(Indikator::BbU, Kelamin::P, Umur::Hari(365)).unwrap();
        let sd2 = lms.nilai_pada(2.0);
        let sd3 = lms.nilai_pada(3.0);
        let x = sd3 + 1.5 * (sd3 - sd2);
        assert!((lms.z(x, true) - 4.5).abs() < 1e-9);
        assert!((lms.z(x, false) - 4.5).abs() > 0.01);
        let sd2n = lms.nilai_pada(-2.0);
        let sd3n = lms.nilai_pada(-3.0);
        let x = sd3n - 0.5 * (sd2n - sd3n);
        assert!((lms.z(x, true) + 3.5).abs() < 1e-9);
    }

    #[test]
    fn categories_follow_permenkes_boundaries() {
        use Indikator::*;
        assert_eq!(kategori(BbU, -3.01), Kategori::BeratBadanSangatKurang);
        assert_eq!(kategori(BbU, -3.0), Kategori::BeratBadanKurang);
        assert_eq!(kategori(BbU, -2.0), Kategori::BeratBadanNormal);
        assert_eq!(kategori(BbU, 1.0), Kategori::BeratBadanNormal);
        assert_eq!(kategori(BbU, 1.01), Kategori::RisikoBeratBadanLebih);
        assert_eq!(kategori(PbTbU, -2.5), Kategori::Pendek);
        assert_eq!(kategori(PbTbU, -3.2), Kategori::SangatPendek);
        assert_eq!(kategori(PbTbU, 3.0), Kategori::TinggiNormal);
        assert_eq!(kategori(PbTbU, 3.1), Kategori::Tinggi);
        assert_eq!(kategori(BbPbTb, -3.5), Kategori::GiziBuruk);
        assert_eq!(kategori(BbPbTb, -2.1), Kategori::GiziKurang);
        assert_eq!(kategori(BbPbTb, 1.5), Kategori::BerisikoGiziLebih);
        assert_eq!(kategori(BbPbTb, 2.5), Kategori::GiziLebih);
        assert_eq!(kategori(ImtU, 3.2), Kategori::Obesitas);
        // Rounded first: −2.004 reports as −2.00, which is normal.
        assert_eq!(kategori(PbTbU, -2.004), Kategori::TinggiNormal);
        assert!(Kategori::Pendek.bermasalah());
        assert!(!Kategori::GiziBaik.bermasalah());
    }

    #[test]
    fn implausible_weight_is_refused_with_a_clear_message() {
        let p = ukur(Kelamin::L, Umur::Bulan(24), Some(80.0), Some(87.0));
        let g = hitung(Indikator::BbU, &p).unwrap_err();
        let GalatZ::TidakMasukAkal { z, ref pesan, .. } = g else {
            panic!("expected implausible, got {g:?}")
        };
        assert!(z > 5.0);
        assert!(
            pesan.starts_with("Berat 80 kg untuk anak umur 2 tahun tidak masuk akal (z BB/U "),
            "{pesan}"
        );
        assert!(pesan.ends_with("Periksa kembali timbangan dan isian."));
        assert_eq!(g.kolom(), "berat_kg");
        assert!(matches!(
            hitung(Indikator::BbPbTb, &p),
            Err(GalatZ::TidakMasukAkal { .. })
        ));
        assert!(matches!(
            hitung(Indikator::ImtU, &p),
            Err(GalatZ::TidakMasukAkal { .. })
        ));
        // Length itself is fine.
        assert!(hitung(Indikator::PbTbU, &p).is_ok());
    }

    #[test]
    fn bad_input_is_refused() {
        let zero = ukur(Kelamin::P, Umur::Hari(300), Some(0.0), Some(70.0));
        assert!(matches!(
            hitung(Indikator::BbU, &zero),
            Err(GalatZ::Isian {
                kolom: "berat_kg",
                ..
            })
        ));
        let old = ukur(Kelamin::P, Umur::Bulan(60), Some(18.0), Some(110.0));
        let g = hitung(Indikator::BbU, &old).unwrap_err();
        assert!(g.pesan().contains("bukan balita"), "{}", g.pesan());
        assert!(
            hitung(
                Indikator::BbU,
                &ukur(Kelamin::P, Umur::Hari(1827), Some(18.0), None)
            )
            .is_err()
        );
        assert!(
            hitung(
                Indikator::BbU,
                &ukur(Kelamin::P, Umur::Hari(1826), Some(18.0), None)
            )
            .is_ok()
        );
        let short = ukur(Kelamin::L, Umur::Hari(10), Some(3.0), Some(30.0));
        assert!(matches!(
            hitung(Indikator::PbTbU, &short),
            Err(GalatZ::Isian {
                kolom: "panjang_cm",
                ..
            })
        ));
        // 40 cm is accepted for length-for-age but outside the weight-for-length table.
        let small = ukur(Kelamin::L, Umur::Hari(0), Some(2.0), Some(44.0));
        let g = hitung(Indikator::BbPbTb, &small).unwrap_err();
        assert!(
            g.pesan().contains("di luar tabel WHO BB/PB"),
            "{}",
            g.pesan()
        );
        let missing = ukur(Kelamin::L, Umur::Hari(100), None, Some(60.0));
        let semua = hitung_semua(&missing);
        assert!(semua[0].1.is_err());
        assert!(semua[1].1.is_ok());
    }

    #[test]
    fn age_text() {
        assert_eq!(Umur::Hari(12).teks(), "12 hari");
        assert_eq!(Umur::Hari(731).teks(), "2 tahun");
        assert_eq!(Umur::Bulan(27).teks(), "2 tahun 3 bulan");
        assert_eq!(Umur::Bulan(5).teks(), "5 bulan");
        assert_eq!(angka(14.2, 1), "14,2");
        assert_eq!(angka(80.0, 2), "80");
    }
}
