//! Staff attendance rules: the distance of a phone from the office, the national holidays, the
//! flags a check-in can carry, and the monthly recap of one person.

use crate::DaftarGalat;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Metres between two points on the earth (haversine, mean radius 6,371 km).
pub fn jarak_meter(lintang1: f64, bujur1: f64, lintang2: f64, bujur2: f64) -> f64 {
    const R: f64 = 6_371_000.0;
    let (f1, f2) = (lintang1.to_radians(), lintang2.to_radians());
    let df = (lintang2 - lintang1).to_radians();
    let dl = (bujur2 - bujur1).to_radians();
    let a = (df / 2.0).sin().powi(2) + f1.cos() * f2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().asin()
}

/// Indonesia's national holidays (SKB 3 Menteri). 2026 from the decree of 2025; the 2027 dates
/// of the lunar holidays are estimates until the decree for 2027 appears: each village can
/// correct them on its attendance settings page.
pub const LIBUR_NASIONAL: &[(&str, &str)] = &[
    ("2026-01-01", "Tahun Baru 2026 Masehi"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"),
    ("2026-03-21", "Idulfitri 1447 Hijriah"),
    ("2026-03-22", "Idulfitri 1447 Hijriah (hari kedua)"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Iduladha 1447 Hijriah"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "Tahun Baru Islam 1448 Hijriah"),
    ("2026-08-17", "Hari Proklamasi Kemerdekaan RI"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-25", "Hari Raya Natal"),
    ("2027-01-01", "Tahun Baru 2027 Masehi"),
    ("2027-01-05", "Isra Mikraj Nabi Muhammad SAW (perkiraan)"),
    ("2027-02-06", "Tahun Baru Imlek 2578 Kongzili"),
    (
        "2027-03-09",
        "Hari Suci Nyepi Tahun Baru Saka 1949 (perkiraan)",
    ),
    ("2027-03-10", "Idulfitri 1448 Hijriah (perkiraan)"),
    (
        "2027-03-11",
        "Idulfitri 1448 Hijriah hari kedua (perkiraan)",
    ),
    ("2027-03-26", "Wafat Yesus Kristus"),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2027-05-01", "Hari Buruh Internasional"),
    ("2027-05-06", "Kenaikan Yesus Kristus"),
    ("2027-05-17", "Iduladha 1448 Hijriah (perkiraan)"),
    ("2027-05-20", "Hari Raya Waisak 2571 BE (perkiraan)"),
    ("2027-06-01", "Hari Lahir Pancasila"),
    ("2027-06-06", "Tahun Baru Islam 1449 Hijriah (perkiraan)"),
    ("2027-08-15", "Maulid Nabi Muhammad SAW (perkiraan)"),
    ("2027-08-17", "Hari Proklamasi Kemerdekaan RI"),
    ("2027-12-25", "Hari Raya Natal"),
];

/// Why a check-in is flagged; kept with it and shown on the recap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tanda {
    /// Sent from a phone outside the office radius.
    Jauh,
    /// A second check-in (or check-out) the same day.
    Ganda,
    /// On a holiday or a day that is not a working day.
    Libur,
    /// From a kiosk of another village: refused.
    DesaLain,
    /// From a phone that did not send its position.
    TanpaLokasi,
}

impl Tanda {
    pub const SEMUA: [Tanda; 5] = [
        Tanda::Jauh,
        Tanda::Ganda,
        Tanda::Libur,
        Tanda::DesaLain,
        Tanda::TanpaLokasi,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Tanda::Jauh => "jauh",
            Tanda::Ganda => "ganda",
            Tanda::Libur => "libur",
            Tanda::DesaLain => "desa_lain",
            Tanda::TanpaLokasi => "tanpa_lokasi",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Tanda> {
        Tanda::SEMUA.into_iter().find(|t| t.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Tanda::Jauh => "di luar radius kantor",
            Tanda::Ganda => "absen kedua pada hari yang sama",
            Tanda::Libur => "pada hari libur atau bukan hari kerja",
            Tanda::DesaLain => "dari anjungan desa lain (ditolak)",
            Tanda::TanpaLokasi => "lokasi ponsel tidak terkirim",
        }
    }
    /// "jauh,ganda" into flags (unknown codes dropped).
    pub fn urai(s: &str) -> Vec<Tanda> {
        s.split(',')
            .filter_map(|k| Tanda::dari_kode(k.trim()))
            .collect()
    }
    pub fn gabung(t: &[Tanda]) -> String {
        t.iter().map(|t| t.kode()).collect::<Vec<_>>().join(",")
    }
}

/// Leave, duty travel and sick days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisIzin {
    Cuti,
    DinasLuar,
    Sakit,
}

impl JenisIzin {
    pub const SEMUA: [JenisIzin; 3] = [JenisIzin::Cuti, JenisIzin::DinasLuar, JenisIzin::Sakit];
    pub fn kode(self) -> &'static str {
        match self {
            JenisIzin::Cuti => "cuti",
            JenisIzin::DinasLuar => "dinas_luar",
            JenisIzin::Sakit => "sakit",
        }
    }
    pub fn dari_kode(s: &str) -> Option<JenisIzin> {
        JenisIzin::SEMUA.into_iter().find(|j| j.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            JenisIzin::Cuti => "Cuti",
            JenisIzin::DinasLuar => "Dinas luar",
            JenisIzin::Sakit => "Sakit",
        }
    }
}

/// A village's working days and hours.
#[derive(Debug, Clone)]
pub struct AturanKerja {
    /// ISO weekdays, 1 Monday … 7 Sunday.
    pub hari_kerja: Vec<u32>,
    pub jam_masuk: NaiveTime,
    pub toleransi_menit: i64,
}

impl AturanKerja {
    pub fn hari_kerja(&self, t: NaiveDate, libur: &HashSet<NaiveDate>) -> bool {
        self.hari_kerja.contains(&t.weekday().number_from_monday()) && !libur.contains(&t)
    }
    /// Late: the first check-in after the start of work plus the tolerance.
    pub fn terlambat(&self, jam: NaiveTime) -> bool {
        jam > self.jam_masuk + chrono::Duration::minutes(self.toleransi_menit)
    }
}

/// "1,2,3,4,5" into weekdays; anything else is refused.
pub fn urai_hari_kerja(s: &str) -> Option<Vec<u32>> {
    let mut h: Vec<u32> = Vec::new();
    for b in s.split(',').map(str::trim).filter(|b| !b.is_empty()) {
        let n: u32 = b.parse().ok()?;
        if !(1..=7).contains(&n) {
            return None;
        }
        if !h.contains(&n) {
            h.push(n);
        }
    }
    h.sort_unstable();
    Some(h)
}

pub const NAMA_HARI: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// One check-in or check-out as the recap reads it (local date and time).
#[derive(Debug, Clone)]
pub struct Absen {
    pub tanggal: NaiveDate,
    pub jam: NaiveTime,
    /// "masuk" or "pulang".
    pub masuk: bool,
    pub tanda: Vec<Tanda>,
    pub ditolak: bool,
    pub jarak_m: Option<i64>,
}

/// An approved leave, duty travel or sick period (both ends inclusive).
#[derive(Debug, Clone)]
pub struct IzinDisetujui {
    pub jenis: JenisIzin,
    pub mulai: NaiveDate,
    pub selesai: NaiveDate,
}

/// A flagged check-in, as the recap lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CatatanTanda {
    pub tanggal: NaiveDate,
    pub jam: String,
    pub jenis: &'static str,
    pub tanda: Vec<Tanda>,
    pub ditolak: bool,
    pub jarak_m: Option<i64>,
}

impl CatatanTanda {
    pub fn uraian(&self) -> String {
        self.tanda
            .iter()
            .map(|t| match (t, self.jarak_m) {
                (Tanda::Jauh, Some(m)) => format!("{} ({m} m)", t.label()),
                _ => t.label().to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A person's month.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HitungBulan {
    /// Working days in the month (up to the day counted) while in office.
    pub hari_kerja: i64,
    pub hadir: i64,
    /// Of `hadir`: days with a late first check-in.
    pub terlambat: i64,
    pub cuti: i64,
    pub dinas_luar: i64,
    pub sakit: i64,
    /// Working days with neither a check-in nor an approved absence.
    pub tanpa_keterangan: i64,
    /// Check-ins on holidays and days off (not counted in `hadir`).
    pub hadir_libur: i64,
    pub tanda: Vec<CatatanTanda>,
    /// The approved absences touching the month, as the recap lists them.
    pub izin: Vec<CatatanIzin>,
}

/// An approved absence, as the recap lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CatatanIzin {
    pub jenis: &'static str,
    pub mulai: NaiveDate,
    pub selesai: NaiveDate,
}

impl CatatanIzin {
    /// "Cuti 07-12" or "Dinas luar 07-12 s.d. 09-12".
    pub fn uraian(&self) -> String {
        if self.mulai == self.selesai {
            format!("{} {}", self.jenis, self.mulai.format("%d-%m"))
        } else {
            format!(
                "{} {} s.d. {}",
                self.jenis,
                self.mulai.format("%d-%m"),
                self.selesai.format("%d-%m")
            )
        }
    }
}

impl HitungBulan {
    pub fn tambah(&mut self, b: &HitungBulan) {
        self.hari_kerja += b.hari_kerja;
        self.hadir += b.hadir;
        self.terlambat += b.terlambat;
        self.cuti += b.cuti;
        self.dinas_luar += b.dinas_luar;
        self.sakit += b.sakit;
        self.tanpa_keterangan += b.tanpa_keterangan;
        self.hadir_libur += b.hadir_libur;
    }
    pub fn jumlah_tanda(&self) -> usize {
        self.tanda.len()
    }
}

/// Counts one person's days from `dari` to `sampai` (inclusive; the recap stops at today in
/// the running month): a working day in office is present (a check-in that was not refused),
/// else on approved leave, duty travel or sick, else absent without notice.
pub fn hitung_bulan(
    aturan: &AturanKerja,
    libur: &HashSet<NaiveDate>,
    dari: NaiveDate,
    sampai: NaiveDate,
    menjabat: impl Fn(NaiveDate) -> bool,
    absen: &[Absen],
    izin: &[IzinDisetujui],
) -> HitungBulan {
    let mut h = HitungBulan::default();
    let mut masuk_pertama: BTreeMap<NaiveDate, NaiveTime> = BTreeMap::new();
    for a in absen {
        if !a.tanda.is_empty() {
            h.tanda.push(CatatanTanda {
                tanggal: a.tanggal,
                jam: a.jam.format("%H:%M").to_string(),
                jenis: if a.masuk { "masuk" } else { "pulang" },
                tanda: a.tanda.clone(),
                ditolak: a.ditolak,
                jarak_m: a.jarak_m,
            });
        }
        if a.masuk && !a.ditolak && a.tanggal >= dari && a.tanggal <= sampai {
            let e = masuk_pertama.entry(a.tanggal).or_insert(a.jam);
            if a.jam < *e {
                *e = a.jam;
            }
        }
    }
    h.tanda
        .sort_by(|a, b| (a.tanggal, &a.jam).cmp(&(b.tanggal, &b.jam)));
    h.izin = izin
        .iter()
        .map(|i| CatatanIzin {
            jenis: i.jenis.label(),
            mulai: i.mulai,
            selesai: i.selesai,
        })
        .collect();
    h.izin.sort_by_key(|i| i.mulai);
    let mut t = dari;
    while t <= sampai {
        if menjabat(t) {
            if aturan.hari_kerja(t, libur) {
                h.hari_kerja += 1;
                if let Some(jam) = masuk_pertama.get(&t) {
                    h.hadir += 1;
                    h.terlambat += i64::from(aturan.terlambat(*jam));
                } else if let Some(i) = izin.iter().find(|i| i.mulai <= t && t <= i.selesai) {
                    match i.jenis {
                        JenisIzin::Cuti => h.cuti += 1,
                        JenisIzin::DinasLuar => h.dinas_luar += 1,
                        JenisIzin::Sakit => h.sakit += 1,
                    }
                } else {
                    h.tanpa_keterangan += 1;
                }
            } else if masuk_pertama.contains_key(&t) {
                h.hadir_libur += 1;
            }
        }
        match t.succ_opt() {
            Some(s) => t = s,
            None => break,
        }
    }
    h
}

/// A request for leave, duty travel or sick days: a known kind, both dates in order and at
/// most 90 days apart, a reason. Gives the kind; pushes what is wrong.
pub fn periksa_izin(
    jenis: &str,
    mulai: Option<NaiveDate>,
    selesai: Option<NaiveDate>,
    alasan: &str,
    g: &mut DaftarGalat,
) -> Option<JenisIzin> {
    let jenis = JenisIzin::dari_kode(jenis.trim());
    if jenis.is_none() {
        g.push("jenis", "Pilih jenis: cuti, dinas luar atau sakit.");
    }
    if mulai.is_none() {
        g.push("mulai", "Tanggal mulai wajib diisi.");
    }
    if selesai.is_none() {
        g.push(
            "selesai",
            "Tanggal selesai wajib diisi (sama dengan tanggal mulai bila satu hari).",
        );
    }
    if let (Some(m), Some(s)) = (mulai, selesai) {
        if s < m {
            g.push(
                "selesai",
                "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            );
        } else if (s - m).num_days() > 90 {
            g.push(
                "selesai",
                "Satu pengajuan paling lama 90 hari; ajukan lagi untuk sisanya.",
            );
        }
    }
    let alasan = alasan.trim();
    if alasan.is_empty() {
        g.push(
            "alasan",
            "Tuliskan alasan atau keperluannya (mis. tujuan dinas luar).",
        );
    }
    if alasan.chars().count() > 500 {
        g.push("alasan", "Alasan paling panjang 500 karakter.");
    }
    jenis
}

/// The office's settings as entered on the page.
#[derive(Debug, Clone, Default)]
pub struct IsianAturan {
    pub lintang: Option<f64>,
    pub bujur: Option<f64>,
    pub radius_m: i64,
    pub jam_masuk: String,
    pub jam_pulang: String,
    pub toleransi_menit: i64,
    pub hari_kerja: Vec<u32>,
    pub versi: i64,
}

/// Checks the office's settings: a position in Indonesia (or none), a sensible radius, the
/// hours as HH:MM with leaving after arriving, the grace period, at least one working day.
/// Gives the working days (1 = Monday … 7 = Sunday), sorted and once each.
pub fn periksa_aturan(isi: &IsianAturan) -> Result<Vec<u32>, DaftarGalat> {
    let mut g = DaftarGalat::default();
    match (isi.lintang, isi.bujur) {
        (Some(l), Some(b)) => {
            if !(-11.5..=6.5).contains(&l) {
                g.push(
                    "lintang",
                    "Lintang kantor di Indonesia antara -11,5 dan 6,5 (contoh -6,9123).",
                );
            }
            if !(94.0..=141.5).contains(&b) {
                g.push(
                    "bujur",
                    "Bujur kantor di Indonesia antara 94 dan 141,5 (contoh 109,7456).",
                );
            }
        }
        (None, None) => {}
        _ => g.push(
            "lintang",
            "Isi lintang dan bujur kantor bersama-sama, atau kosongkan keduanya.",
        ),
    }
    if !(20..=5000).contains(&isi.radius_m) {
        g.push("radius_m", "Radius antara 20 dan 5.000 meter.");
    }
    let jam = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
    let masuk = jam(&isi.jam_masuk);
    let pulang = jam(&isi.jam_pulang);
    if masuk.is_none() {
        g.push("jam_masuk", "Jam masuk ditulis JJ:MM, contoh 08:00.");
    }
    if pulang.is_none() {
        g.push("jam_pulang", "Jam pulang ditulis JJ:MM, contoh 16:00.");
    }
    if let (Some(m), Some(p)) = (masuk, pulang)
        && p <= m
    {
        g.push("jam_pulang", "Jam pulang harus sesudah jam masuk.");
    }
    if !(0..=120).contains(&isi.toleransi_menit) {
        g.push(
            "toleransi_menit",
            "Toleransi terlambat antara 0 dan 120 menit.",
        );
    }
    let mut hari: Vec<u32> = isi
        .hari_kerja
        .iter()
        .copied()
        .filter(|h| (1..=7).contains(h))
        .collect();
    hari.sort_unstable();
    hari.dedup();
    if hari.is_empty() {
        g.push("hari_kerja", "Pilih paling sedikit satu hari kerja.");
    }
    g.into_result(hari)
}

/// Checks a holiday as entered: a date and a name of at most 100 characters (trimmed).
pub fn periksa_libur(
    tanggal: Option<NaiveDate>,
    nama: &str,
) -> Result<(NaiveDate, String), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if tanggal.is_none() {
        g.push("tanggal", "Tanggal libur wajib diisi.");
    }
    let nama = nama.trim();
    if nama.is_empty() || nama.chars().count() > 100 {
        g.push(
            "nama",
            "Nama hari libur wajib diisi (paling panjang 100 karakter).",
        );
    }
    match tanggal {
        Some(t) if g.is_empty() => Ok((t, nama.to_string())),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn j(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn jarak_haversine() {
        // One degree of latitude is about 111.2 km.
        let d = jarak_meter(-6.9, 109.7, -5.9, 109.7);
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
        assert!(jarak_meter(-6.9, 109.7, -6.9, 109.7) < 0.001);
        let d = jarak_meter(-6.9, 109.7, -6.9, 109.701);
        assert!((100.0..120.0).contains(&d), "{d}");
    }

    #[test]
    fn libur_nasional_tanggal_sah() {
        for (tgl, nama) in LIBUR_NASIONAL {
            assert!(
                NaiveDate::parse_from_str(tgl, "%Y-%m-%d").is_ok() && !nama.is_empty(),
                "{tgl}"
            );
        }
    }

    #[test]
    fn hitungan_bulan() {
        let aturan = AturanKerja {
            hari_kerja: vec![1, 2, 3, 4, 5],
            jam_masuk: j("08:00"),
            toleransi_menit: 15,
        };
        // March 2026: 22 weekdays; a holiday on Thursday 19 March.
        let libur: HashSet<NaiveDate> = [t("2026-03-19")].into();
        let absen = vec![
            Absen {
                tanggal: t("2026-03-02"),
                jam: j("07:55"),
                masuk: true,
                tanda: vec![],
                ditolak: false,
                jarak_m: None,
            },
            Absen {
                tanggal: t("2026-03-03"),
                jam: j("08:30"),
                masuk: true,
                tanda: vec![Tanda::Jauh],
                ditolak: false,
                jarak_m: Some(900),
            },
            Absen {
                tanggal: t("2026-03-04"),
                jam: j("08:00"),
                masuk: true,
                tanda: vec![Tanda::DesaLain],
                ditolak: true,
                jarak_m: None,
            },
            Absen {
                tanggal: t("2026-03-07"),
                jam: j("09:00"),
                masuk: true,
                tanda: vec![Tanda::Libur],
                ditolak: false,
                jarak_m: None,
            },
        ];
        let izin = vec![IzinDisetujui {
            jenis: JenisIzin::Cuti,
            mulai: t("2026-03-09"),
            selesai: t("2026-03-10"),
        }];
        let h = hitung_bulan(
            &aturan,
            &libur,
            t("2026-03-01"),
            t("2026-03-31"),
            |_| true,
            &absen,
            &izin,
        );
        assert_eq!(h.hari_kerja, 21);
        assert_eq!((h.hadir, h.terlambat), (2, 1));
        assert_eq!(h.cuti, 2);
        assert_eq!(h.tanpa_keterangan, 21 - 2 - 2);
        assert_eq!(h.hadir_libur, 1);
        assert_eq!(h.tanda.len(), 3);
        let izin: Vec<String> = h.izin.iter().map(CatatanIzin::uraian).collect();
        assert_eq!(izin, ["Cuti 09-03 s.d. 10-03"]);
        // In office only from 16 March: 11 working days (19th is a holiday).
        let h = hitung_bulan(
            &aturan,
            &libur,
            t("2026-03-01"),
            t("2026-03-31"),
            |d| d >= t("2026-03-16"),
            &[],
            &[],
        );
        assert_eq!((h.hari_kerja, h.tanpa_keterangan), (11, 11));
    }

    #[test]
    fn pengajuan_izin_diperiksa() {
        let t = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut g = DaftarGalat::default();
        assert!(
            periksa_izin(
                "cuti",
                Some(t("2026-03-02")),
                Some(t("2026-03-04")),
                "Keluarga",
                &mut g
            )
            .is_some()
        );
        assert!(g.is_empty(), "{g}");
        let mut g = DaftarGalat::default();
        assert!(
            periksa_izin(
                "libur",
                Some(t("2026-03-04")),
                Some(t("2026-03-02")),
                " ",
                &mut g
            )
            .is_none()
        );
        assert!(
            g.untuk("jenis").is_some()
                && g.untuk("selesai").is_some()
                && g.untuk("alasan").is_some()
        );
        let mut g = DaftarGalat::default();
        periksa_izin(
            "sakit",
            Some(t("2026-01-01")),
            Some(t("2026-06-01")),
            "Rawat inap",
            &mut g,
        );
        assert!(g.untuk("selesai").unwrap().contains("90 hari"));
    }

    #[test]
    fn aturan_kantor_diperiksa_sekaligus() {
        let benar = IsianAturan {
            lintang: Some(-6.91),
            bujur: Some(109.74),
            radius_m: 150,
            jam_masuk: "08:00".into(),
            jam_pulang: "16:00".into(),
            toleransi_menit: 15,
            hari_kerja: vec![5, 1, 2, 2, 9],
            versi: 0,
        };
        assert_eq!(periksa_aturan(&benar).unwrap(), [1, 2, 5]);
        let salah = IsianAturan {
            lintang: Some(-6.91),
            bujur: None,
            radius_m: 10,
            jam_masuk: "8".into(),
            jam_pulang: "07:00".into(),
            toleransi_menit: 200,
            hari_kerja: vec![0, 8],
            versi: 0,
        };
        let g = periksa_aturan(&salah).unwrap_err();
        for kolom in [
            "lintang",
            "radius_m",
            "jam_masuk",
            "toleransi_menit",
            "hari_kerja",
        ] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        let terbalik = IsianAturan {
            jam_masuk: "16:00".into(),
            jam_pulang: "08:00".into(),
            ..benar
        };
        assert!(
            periksa_aturan(&terbalik)
                .unwrap_err()
                .untuk("jam_pulang")
                .unwrap()
                .contains("sesudah")
        );
    }

    #[test]
    fn hari_libur_perlu_tanggal_dan_nama() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        assert_eq!(
            periksa_libur(Some(t), " Natal ").unwrap(),
            (t, "Natal".into())
        );
        let g = periksa_libur(None, &"x".repeat(101)).unwrap_err();
        assert!(g.untuk("tanggal").is_some() && g.untuk("nama").is_some());
    }
}
