//! Pregnancy (KIA): the expected delivery date, gestational age, and the risk signs a
//! posyandu or village midwife watches for ("4 terlalu", chronic energy deficiency, high
//! blood pressure, too few antenatal visits, a delivery date long past).

use chrono::NaiveDate;

/// Days from the first day of the last period to the expected delivery (Naegele's rule).
pub const HARI_KEHAMILAN: i64 = 280;

/// The expected delivery date (HPL) from the first day of the last period (HPHT).
pub fn hpl_dari_hpht(hpht: NaiveDate) -> NaiveDate {
    hpht + chrono::Duration::days(HARI_KEHAMILAN)
}

/// Completed weeks of pregnancy on `pada`, counted back from the expected delivery date.
pub fn usia_minggu(hpl: NaiveDate, pada: NaiveDate) -> i64 {
    ((pada - (hpl - chrono::Duration::days(HARI_KEHAMILAN))).num_days() / 7).max(0)
}

/// What is known of a pregnancy when its risk is assessed.
#[derive(Debug, Clone, Default)]
pub struct DataKehamilan {
    /// The mother's age in full years at the expected delivery.
    pub umur_ibu: i64,
    /// 1 for a first pregnancy.
    pub kehamilan_ke: i64,
    /// Months since the previous delivery, if any.
    pub jarak_bulan: Option<i64>,
    /// The latest mid-upper arm circumference (cm).
    pub lila: Option<f64>,
    /// The highest blood pressure recorded in this pregnancy (systolic, diastolic).
    pub tekanan: Option<(i64, i64)>,
    /// Antenatal visits so far.
    pub kunjungan: usize,
    pub usia_minggu: i64,
    /// Days past the expected delivery date without a recorded outcome.
    pub lewat_hpl_hari: i64,
}

/// The risk signs of a pregnancy, each a short phrase for the list; empty when none.
///
/// Thresholds: the "4 terlalu" of the KIA book (under 20, over 35, a fourth or later
/// pregnancy, less than two years since the last delivery); LiLA under 23.5 cm (KEK);
/// blood pressure 140/90 or higher; fewer antenatal visits than the six-visit schedule expects
/// by this week (1 by week 12, 3 by week 24, 6 by week 36); two weeks past the delivery date.
pub fn risiko(d: &DataKehamilan) -> Vec<&'static str> {
    let mut r = Vec::new();
    if d.umur_ibu < 20 {
        r.push("terlalu muda (< 20 tahun)");
    }
    if d.umur_ibu > 35 {
        r.push("terlalu tua (> 35 tahun)");
    }
    if d.kehamilan_ke >= 4 {
        r.push("terlalu banyak (kehamilan ke-4 atau lebih)");
    }
    if d.jarak_bulan.is_some_and(|j| j < 24) {
        r.push("terlalu dekat (< 2 tahun dari persalinan lalu)");
    }
    if d.lila.is_some_and(|l| l < 23.5) {
        r.push("kurang energi kronis (LiLA < 23,5 cm)");
    }
    if d.tekanan.is_some_and(|(s, di)| s >= 140 || di >= 90) {
        r.push("tekanan darah tinggi (≥ 140/90)");
    }
    let seharusnya = match d.usia_minggu {
        w if w >= 36 => 6,
        w if w >= 24 => 3,
        w if w >= 12 => 1,
        _ => 0,
    };
    if d.kunjungan < seharusnya {
        r.push("pemeriksaan kehamilan kurang dari jadwal");
    }
    if d.lewat_hpl_hari > 14 {
        r.push("lewat dua minggu dari HPL tanpa catatan persalinan");
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hpl_dan_usia_kehamilan() {
        let hpht = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let hpl = hpl_dari_hpht(hpht);
        assert_eq!(hpl, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(
            usia_minggu(hpl, NaiveDate::from_ymd_opt(2026, 5, 24).unwrap()),
            12
        );
        assert_eq!(usia_minggu(hpl, hpht - chrono::Duration::days(3)), 0);
    }

    #[test]
    fn tanda_risiko() {
        let sehat = DataKehamilan {
            umur_ibu: 27,
            kehamilan_ke: 2,
            jarak_bulan: Some(36),
            lila: Some(25.0),
            tekanan: Some((110, 70)),
            kunjungan: 3,
            usia_minggu: 30,
            lewat_hpl_hari: 0,
        };
        assert!(risiko(&sehat).is_empty());
        let r = risiko(&DataKehamilan {
            umur_ibu: 38,
            lila: Some(22.0),
            tekanan: Some((150, 85)),
            kunjungan: 2,
            usia_minggu: 37,
            ..sehat.clone()
        });
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(r[0].contains("terlalu tua") && r[1].contains("LiLA"));
        let r = risiko(&DataKehamilan {
            umur_ibu: 18,
            kehamilan_ke: 4,
            jarak_bulan: Some(14),
            lewat_hpl_hari: 20,
            ..sehat
        });
        assert_eq!(r.len(), 4, "{r:?}");
    }
}
