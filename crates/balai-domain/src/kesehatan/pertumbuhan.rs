//! Monthly growth status on the KMS (Kartu Menuju Sehat): N (naik), T (tidak naik),
//! O (not weighed last month), B (baru, first weighing), and the "2T" referral rule.
//!
//! A child is N when the weight gained since last month's weighing reaches the minimum
//! monthly gain (KBM, kenaikan berat badan minimal) for the current age, otherwise T.

use chrono::{Datelike, NaiveDate};

use super::zscore::GalatZ;

/// Minimum monthly weight gain in grams by age in completed months at the current weighing
/// (the KBM table printed with the KMS/Buku KIA: 1 bulan 800 g, 2 bulan 900 g, 3 bulan 800 g,
/// 4 bulan 600 g, 5 bulan 500 g, 6–7 bulan 400 g, 8–10 bulan 300 g, 11 bulan dan seterusnya
/// 200 g). BELUM DIVERIFIKASI: reproduced from the commonly printed KMS table, not checked
/// against the regulation text (Permenkes 155/2010 on the KMS); the shared facts note
/// `POSYANDU.md` documents N/T/O/B but not the gains. Same table for boys and girls.
pub const KBM_GRAM: [(u32, u32); 12] = [
    (1, 800),
    (2, 900),
    (3, 800),
    (4, 600),
    (5, 500),
    (6, 400),
    (7, 400),
    (8, 300),
    (9, 300),
    (10, 300),
    (11, 200),
    (12, 200), // 12–59 months
];

/// The KBM (grams) for an age in completed months; months 0 and 1 use the first-month value,
/// 12 and over the last row.
pub fn kbm_gram(umur_bulan: u32) -> u32 {
    let b = umur_bulan.clamp(1, 12);
    KBM_GRAM
        .iter()
        .find(|(u, _)| *u == b)
        .map(|(_, g)| *g)
        .unwrap_or(200)
}

/// One weighing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Penimbangan {
    pub tanggal: NaiveDate,
    pub berat_kg: f64,
}

/// Growth status of a month's weighing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusPertumbuhan {
    /// Naik: gained at least the KBM.
    N,
    /// Tidak naik: gained less than the KBM, stayed or lost weight.
    T,
    /// Not weighed last month (no comparison possible).
    O,
    /// Baru: first weighing.
    B,
}

impl StatusPertumbuhan {
    pub fn kode(self) -> &'static str {
        match self {
            StatusPertumbuhan::N => "N",
            StatusPertumbuhan::T => "T",
            StatusPertumbuhan::O => "O",
            StatusPertumbuhan::B => "B",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusPertumbuhan::N => "Naik",
            StatusPertumbuhan::T => "Tidak naik",
            StatusPertumbuhan::O => "Tidak ditimbang bulan lalu",
            StatusPertumbuhan::B => "Baru pertama kali ditimbang",
        }
    }
}

fn indeks_bulan(t: NaiveDate) -> i32 {
    t.year() * 12 + t.month0() as i32
}

/// N/T/O/B of this month's weighing against the previous one (`lalu`, if any).
/// `umur_bulan` is the age in completed months at `kini`.
pub fn status_pertumbuhan(
    lalu: Option<Penimbangan>,
    kini: Penimbangan,
    umur_bulan: u32,
) -> Result<StatusPertumbuhan, GalatZ> {
    let galat = |pesan: &str| GalatZ::Isian {
        kolom: "berat_kg",
        pesan: pesan.to_string(),
    };
    if !kini.berat_kg.is_finite() || kini.berat_kg <= 0.0 {
        return Err(galat("Berat badan harus lebih dari 0 kg."));
    }
    let Some(lalu) = lalu else {
        return Ok(StatusPertumbuhan::B);
    };
    if !lalu.berat_kg.is_finite() || lalu.berat_kg <= 0.0 {
        return Err(galat("Berat badan penimbangan lalu harus lebih dari 0 kg."));
    }
    let selisih_bulan = indeks_bulan(kini.tanggal) - indeks_bulan(lalu.tanggal);
    if selisih_bulan < 1 {
        return Err(GalatZ::Isian {
            kolom: "tanggal",
            pesan: "Penimbangan pembanding harus dari bulan sebelumnya; tanggal penimbangan ini tidak lebih baru."
                .to_string(),
        });
    }
    if selisih_bulan > 1 {
        return Ok(StatusPertumbuhan::O);
    }
    // Weights are recorded to 0.1 kg: compare in whole grams.
    let naik_gram = ((kini.berat_kg - lalu.berat_kg) * 1000.0).round();
    Ok(if naik_gram >= kbm_gram(umur_bulan) as f64 {
        StatusPertumbuhan::N
    } else {
        StatusPertumbuhan::T
    })
}

/// "2T": the last two monthly statuses (oldest first) are both T — refer to the puskesmas.
pub fn perlu_rujukan_2t(riwayat: &[StatusPertumbuhan]) -> bool {
    matches!(riwayat, [.., StatusPertumbuhan::T, StatusPertumbuhan::T])
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatusPertumbuhan::*;

    fn t(y: i32, m: u32, d: u32, kg: f64) -> Penimbangan {
        Penimbangan {
            tanggal: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            berat_kg: kg,
        }
    }

    #[test]
    fn kbm_table() {
        assert_eq!(kbm_gram(0), 800);
        assert_eq!(kbm_gram(2), 900);
        assert_eq!(kbm_gram(6), 400);
        assert_eq!(kbm_gram(11), 200);
        assert_eq!(kbm_gram(40), 200);
    }

    #[test]
    fn naik_tidak_naik() {
        let kini = t(2026, 3, 10, 6.2);
        // 2 months old needs 900 g.
        assert_eq!(
            status_pertumbuhan(Some(t(2026, 2, 12, 5.3)), kini, 2).unwrap(),
            N
        );
        assert_eq!(
            status_pertumbuhan(Some(t(2026, 2, 12, 5.4)), kini, 2).unwrap(),
            T
        );
        // 18 months: 200 g; exactly 200 g is N, weight loss is T.
        assert_eq!(
            status_pertumbuhan(Some(t(2026, 2, 1, 10.1)), t(2026, 3, 1, 10.3), 18).unwrap(),
            N
        );
        assert_eq!(
            status_pertumbuhan(Some(t(2026, 2, 1, 10.5)), t(2026, 3, 1, 10.3), 18).unwrap(),
            T
        );
        // Across the year boundary.
        assert_eq!(
            status_pertumbuhan(Some(t(2025, 12, 20, 10.0)), t(2026, 1, 5, 10.3), 18).unwrap(),
            N
        );
    }

    #[test]
    fn baru_and_absent() {
        assert_eq!(status_pertumbuhan(None, t(2026, 3, 1, 4.0), 1).unwrap(), B);
        assert_eq!(
            status_pertumbuhan(Some(t(2026, 1, 1, 9.0)), t(2026, 3, 1, 9.8), 12).unwrap(),
            O
        );
        assert!(status_pertumbuhan(Some(t(2026, 3, 1, 9.0)), t(2026, 3, 20, 9.8), 12).is_err());
        assert!(status_pertumbuhan(None, t(2026, 3, 1, 0.0), 12).is_err());
    }

    #[test]
    fn dua_t() {
        assert!(perlu_rujukan_2t(&[N, T, T]));
        assert!(perlu_rujukan_2t(&[T, T]));
        assert!(!perlu_rujukan_2t(&[T, N, T]));
        assert!(!perlu_rujukan_2t(&[T, O, T]));
        assert!(!perlu_rujukan_2t(&[T]));
        assert!(!perlu_rujukan_2t(&[]));
    }
}
