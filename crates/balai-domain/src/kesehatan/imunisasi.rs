//! The national child immunisation schedule (Permenkes 12/2017, as listed in
//! `data/imunisasi_anak.csv`) and which dose a child is due for in a month.
//!
//! Rows that the source marks as not yet verified against the current Kemenkes schedule (PCV,
//! rotavirus, JE) can be recorded when given but never appear in due lists or coverage, so no
//! unverified date is shown to a parent as fact.

use chrono::{Datelike, Months, NaiveDate};

/// One dose of the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dosis {
    /// Stable code stored with a given dose: "dpt_hb_hib", "polio", …
    pub vaksin: &'static str,
    /// Number in the series (HB-0 is dose 0).
    pub dosis: u8,
    /// Recommended age in months.
    pub usia_bulan: u32,
    /// The last age (in days) the dose is still given when missed; `None` = until 59 months.
    pub batas_hari: Option<u32>,
    /// Part of the schedule used for due lists and coverage (verified rows only).
    pub terverifikasi: bool,
    /// "imunisasi dasar" (infants) or "lanjutan" (boosters at 18 months).
    pub dasar: bool,
}

impl Dosis {
    /// "DPT-HB-Hib 2", "HB-0", "MR lanjutan".
    pub fn nama(&self) -> String {
        let v = nama_vaksin(self.vaksin);
        match (self.vaksin, self.dosis) {
            ("hb0", _) => v.to_string(),
            ("bcg" | "ipv", 1) => v.to_string(),
            _ if !self.dasar => format!("{v} lanjutan"),
            _ => format!("{v} {}", self.dosis),
        }
    }

    /// "dpt_hb_hib:2": the value of the form's checkbox and the API.
    pub fn kode(&self) -> String {
        format!("{}:{}", self.vaksin, self.dosis)
    }
}

const fn d(vaksin: &'static str, dosis: u8, usia_bulan: u32, batas_hari: Option<u32>) -> Dosis {
    Dosis {
        vaksin,
        dosis,
        usia_bulan,
        batas_hari,
        terverifikasi: true,
        dasar: usia_bulan < 12,
    }
}

const fn belum_verifikasi(vaksin: &'static str, dosis: u8, usia_bulan: u32) -> Dosis {
    Dosis {
        vaksin,
        dosis,
        usia_bulan,
        batas_hari: None,
        terverifikasi: false,
        dasar: usia_bulan < 12,
    }
}

/// The schedule, in the order a child receives it.
pub const JADWAL: [Dosis; 20] = [
    // HB-0 within 24 hours of birth; given up to 7 days.
    d("hb0", 0, 0, Some(7)),
    // BCG before 3 months, still given up to one year.
    d("bcg", 1, 1, Some(365)),
    d("polio", 1, 1, None),
    d("dpt_hb_hib", 1, 2, None),
    d("polio", 2, 2, None),
    belum_verifikasi("pcv", 1, 2),
    belum_verifikasi("rotavirus", 1, 2),
    d("dpt_hb_hib", 2, 3, None),
    d("polio", 3, 3, None),
    belum_verifikasi("pcv", 2, 3),
    belum_verifikasi("rotavirus", 2, 3),
    d("dpt_hb_hib", 3, 4, None),
    d("polio", 4, 4, None),
    d("ipv", 1, 4, None),
    belum_verifikasi("rotavirus", 3, 4),
    d("mr", 1, 9, None),
    belum_verifikasi("je", 1, 9),
    belum_verifikasi("pcv", 3, 12),
    d("dpt_hb_hib", 4, 18, None),
    d("mr", 2, 18, None),
];

/// The name of a vaccine code as printed on the KIA book.
pub fn nama_vaksin(kode: &str) -> &'static str {
    match kode {
        "hb0" => "HB-0",
        "bcg" => "BCG",
        "polio" => "Polio tetes",
        "dpt_hb_hib" => "DPT-HB-Hib",
        "ipv" => "Polio suntik (IPV)",
        "mr" => "Campak-Rubela (MR)",
        "pcv" => "PCV",
        "rotavirus" => "Rotavirus",
        "je" => "Japanese Encephalitis",
        _ => "?",
    }
}

/// The dose of a code such as "polio:2".
pub fn dosis_dari_kode(kode: &str) -> Option<Dosis> {
    let (v, n) = kode.split_once(':')?;
    let n: u8 = n.parse().ok()?;
    JADWAL.into_iter().find(|x| x.vaksin == v && x.dosis == n)
}

/// Where a child stands for one dose in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusDosis {
    Sudah(NaiveDate),
    /// Its date falls in the month asked about.
    JatuhTempo(NaiveDate),
    /// Its date was before the month and it is still given.
    Terlambat(NaiveDate),
    BelumWaktunya(NaiveDate),
    /// Missed past the age it is given at (e.g. HB-0 after 7 days).
    Lewat,
}

impl StatusDosis {
    pub fn perlu_diundang(&self) -> bool {
        matches!(self, StatusDosis::JatuhTempo(_) | StatusDosis::Terlambat(_))
    }
}

/// The status of every verified dose for a child born `lahir`, in the month of `bulan`, given
/// the doses already recorded (vaccine code, dose number, date).
///
/// A dose's date is its recommended age, but never earlier than four weeks after the previous
/// dose of the same vaccine; a dose whose previous dose is not recorded is not yet due.
pub fn status_anak(
    lahir: NaiveDate,
    bulan: NaiveDate,
    diberikan: &[(String, u8, NaiveDate)],
) -> Vec<(Dosis, StatusDosis)> {
    let awal = bulan.with_day(1).unwrap_or(bulan);
    let akhir = awal
        .checked_add_months(Months::new(1))
        .and_then(|x| x.pred_opt())
        .unwrap_or(awal);
    let batas_balita = lahir.checked_add_months(Months::new(60)).unwrap_or(lahir);
    let kapan = |v: &str, n: u8| {
        diberikan
            .iter()
            .find(|(x, y, _)| x == v && *y == n)
            .map(|(_, _, t)| *t)
    };
    JADWAL
        .into_iter()
        .filter(|x| x.terverifikasi)
        .map(|x| {
            if let Some(t) = kapan(x.vaksin, x.dosis) {
                return (x, StatusDosis::Sudah(t));
            }
            let mut tgl = lahir
                .checked_add_months(Months::new(x.usia_bulan))
                .unwrap_or(lahir);
            if x.dosis > 1 {
                match kapan(x.vaksin, x.dosis - 1) {
                    Some(t) => tgl = tgl.max(t + chrono::Duration::days(28)),
                    // The earlier dose comes first; this one waits for it.
                    None => {
                        return (
                            x,
                            StatusDosis::BelumWaktunya(tgl.max(akhir + chrono::Duration::days(1))),
                        );
                    }
                }
            }
            let batas = x
                .batas_hari
                .map(|h| lahir + chrono::Duration::days(i64::from(h)))
                .unwrap_or(batas_balita);
            let s = if batas < awal {
                StatusDosis::Lewat
            } else if tgl > akhir {
                StatusDosis::BelumWaktunya(tgl)
            } else if tgl < awal {
                StatusDosis::Terlambat(tgl)
            } else {
                StatusDosis::JatuhTempo(tgl)
            };
            (x, s)
        })
        .collect()
}

/// Basic immunisation complete (imunisasi dasar lengkap): every verified infant dose given.
pub fn dasar_lengkap(diberikan: &[(String, u8, NaiveDate)]) -> bool {
    JADWAL
        .iter()
        .filter(|x| x.terverifikasi && x.dasar)
        .all(|x| {
            diberikan
                .iter()
                .any(|(v, n, _)| v == x.vaksin && *n == x.dosis)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cari(s: &[(Dosis, StatusDosis)], kode: &str) -> StatusDosis {
        s.iter().find(|(x, _)| x.kode() == kode).unwrap().1
    }

    #[test]
    fn jadwal_bayi_dua_bulan() {
        // Born 15 January: in March the child is two months old.
        let lahir = t(2026, 1, 15);
        let beri = vec![
            ("hb0".to_string(), 0, t(2026, 1, 15)),
            ("bcg".to_string(), 1, t(2026, 2, 16)),
            ("polio".to_string(), 1, t(2026, 2, 16)),
        ];
        let s = status_anak(lahir, t(2026, 3, 1), &beri);
        assert_eq!(
            cari(&s, "dpt_hb_hib:1"),
            StatusDosis::JatuhTempo(t(2026, 3, 15))
        );
        assert_eq!(cari(&s, "polio:2"), StatusDosis::JatuhTempo(t(2026, 3, 16)));
        assert!(matches!(
            cari(&s, "dpt_hb_hib:2"),
            StatusDosis::BelumWaktunya(_)
        ));
        assert_eq!(cari(&s, "hb0:0"), StatusDosis::Sudah(t(2026, 1, 15)));
        // Unverified rows are never in the list.
        assert!(
            s.iter()
                .all(|(x, _)| x.vaksin != "pcv" && x.vaksin != "rotavirus")
        );
    }

    #[test]
    fn terlambat_lewat_dan_jarak_empat_minggu() {
        let lahir = t(2026, 1, 15);
        // No HB-0 in the first week: missed, not overdue. BCG still given until one year.
        let s = status_anak(lahir, t(2026, 6, 1), &[]);
        assert_eq!(cari(&s, "hb0:0"), StatusDosis::Lewat);
        assert_eq!(cari(&s, "bcg:1"), StatusDosis::Terlambat(t(2026, 2, 15)));
        assert_eq!(cari(&s, "polio:1"), StatusDosis::Terlambat(t(2026, 2, 15)));
        assert!(matches!(cari(&s, "polio:2"), StatusDosis::BelumWaktunya(_)));
        assert!(!StatusDosis::Lewat.perlu_diundang());
        // Dose 2 four weeks after a late dose 1, not at three months.
        let beri = vec![("dpt_hb_hib".to_string(), 1, t(2026, 5, 20))];
        let s = status_anak(lahir, t(2026, 6, 1), &beri);
        assert_eq!(
            cari(&s, "dpt_hb_hib:2"),
            StatusDosis::JatuhTempo(t(2026, 6, 17))
        );
        let s = status_anak(lahir, t(2027, 3, 1), &[]);
        assert_eq!(cari(&s, "bcg:1"), StatusDosis::Lewat);
    }

    #[test]
    fn kode_nama_dan_dasar_lengkap() {
        let x = dosis_dari_kode("dpt_hb_hib:4").unwrap();
        assert_eq!(x.nama(), "DPT-HB-Hib lanjutan");
        assert_eq!(
            dosis_dari_kode("mr:1").unwrap().nama(),
            "Campak-Rubela (MR) 1"
        );
        assert_eq!(dosis_dari_kode("hb0:0").unwrap().nama(), "HB-0");
        assert!(dosis_dari_kode("polio:9").is_none() && dosis_dari_kode("x").is_none());
        let semua: Vec<_> = JADWAL
            .iter()
            .filter(|x| x.dasar && x.terverifikasi)
            .map(|x| (x.vaksin.to_string(), x.dosis, t(2026, 1, 1)))
            .collect();
        assert!(dasar_lengkap(&semua));
        assert!(!dasar_lengkap(&semua[1..]));
    }
}
