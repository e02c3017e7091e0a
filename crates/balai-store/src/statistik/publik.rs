//! Population statistics for the public: no group smaller than [`AMBANG`] is shown, so that no
//! one can be picked out ("the only widowed woman in RT 03"). Small groups are merged into one
//! "others" row; a sex split under the threshold is hidden, on at least two rows so that it
//! cannot be worked back from the totals.

use super::{BarisStatistik, JenisStatistik, Statistik};
use serde::Serialize;

/// Smallest count shown.
pub const AMBANG: i64 = 5;

/// The statistics a village publishes (no blood type, disability or insurance: too personal).
pub const JENIS_PUBLIK: &[JenisStatistik] = &[
    JenisStatistik::JenisKelamin,
    JenisStatistik::Umur,
    JenisStatistik::Pendidikan,
    JenisStatistik::Pekerjaan,
    JenisStatistik::Agama,
    JenisStatistik::StatusKawin,
    JenisStatistik::Dusun,
];

pub const LABEL_GABUNGAN: &str = "Kelompok kecil (digabung)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarisPublik {
    pub label: String,
    /// None when hidden (under the threshold).
    pub laki: Option<i64>,
    pub perempuan: Option<i64>,
    pub jumlah: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatistikPublik {
    pub jenis: JenisStatistik,
    pub judul: String,
    pub tanggal: chrono::NaiveDate,
    pub baris: Vec<BarisPublik>,
    pub total: BarisPublik,
}

fn kecil(n: i64) -> bool {
    n > 0 && n < AMBANG
}

/// Applies the small-count rules to a statistic.
pub fn samarkan(s: &Statistik) -> StatistikPublik {
    let mut baris: Vec<BarisPublik> = Vec::new();
    let mut gabung = BarisPublik {
        label: LABEL_GABUNGAN.into(),
        laki: Some(0),
        perempuan: Some(0),
        jumlah: 0,
    };
    for b in &s.baris {
        if kecil(b.jumlah) {
            gabung.jumlah += b.jumlah;
            gabung.laki = gabung.laki.map(|l| l + b.laki);
            gabung.perempuan = gabung.perempuan.map(|p| p + b.perempuan);
        } else {
            baris.push(BarisPublik {
                label: b.label.clone(),
                laki: Some(b.laki),
                perempuan: Some(b.perempuan),
                jumlah: b.jumlah,
            });
        }
    }
    // The merged row itself too small: take the smallest shown row into it.
    while kecil(gabung.jumlah) {
        let Some((i, _)) = baris
            .iter()
            .enumerate()
            .filter(|(_, b)| b.jumlah > 0)
            .min_by_key(|(_, b)| b.jumlah)
        else {
            break;
        };
        let b = baris.remove(i);
        gabung.jumlah += b.jumlah;
        gabung.laki = gabung.laki.zip(b.laki).map(|(a, c)| a + c);
        gabung.perempuan = gabung.perempuan.zip(b.perempuan).map(|(a, c)| a + c);
    }
    if gabung.jumlah > 0 {
        baris.push(gabung);
    }
    let sembunyi = |b: &mut BarisPublik| {
        b.laki = None;
        b.perempuan = None;
    };
    let mut tersembunyi = 0;
    for b in baris.iter_mut() {
        if b.laki.is_some_and(kecil) || b.perempuan.is_some_and(kecil) {
            sembunyi(b);
            tersembunyi += 1;
        }
    }
    // One hidden split could be recovered from the total: hide the next smallest one too.
    if tersembunyi == 1
        && let Some(b) = baris
            .iter_mut()
            .filter(|b| b.laki.is_some() && b.jumlah > 0)
            .min_by_key(|b| b.jumlah)
    {
        sembunyi(b);
    }
    let mut total = BarisPublik {
        label: s.total.label.clone(),
        laki: Some(s.total.laki),
        perempuan: Some(s.total.perempuan),
        jumlah: s.total.jumlah,
    };
    if kecil(s.total.laki) || kecil(s.total.perempuan) {
        sembunyi(&mut total);
    }
    if kecil(total.jumlah) {
        // A village this small publishes no breakdown at all.
        baris.clear();
        total.jumlah = 0;
    }
    StatistikPublik {
        jenis: s.jenis,
        judul: s.judul.clone(),
        tanggal: s.tanggal,
        baris,
        total,
    }
}

impl StatistikPublik {
    /// The shown figures as a statistic, for the charts (hidden splits count as 0).
    pub fn untuk_diagram(&self) -> Statistik {
        let baris = |b: &BarisPublik| BarisStatistik {
            kode: String::new(),
            label: b.label.clone(),
            laki: b.laki.unwrap_or(0),
            perempuan: b.perempuan.unwrap_or(0),
            jumlah: b.jumlah,
        };
        Statistik {
            jenis: self.jenis,
            judul: self.judul.clone(),
            cakupan: String::new(),
            tanggal: self.tanggal,
            baris: self.baris.iter().map(baris).collect(),
            total: baris(&self.total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baris(label: &str, laki: i64, perempuan: i64) -> BarisStatistik {
        BarisStatistik {
            kode: label.into(),
            label: label.into(),
            laki,
            perempuan,
            jumlah: laki + perempuan,
        }
    }

    fn stat(b: Vec<BarisStatistik>) -> Statistik {
        let total = b.iter().fold(baris("JUMLAH", 0, 0), |mut t, r| {
            t.laki += r.laki;
            t.perempuan += r.perempuan;
            t.jumlah += r.jumlah;
            t
        });
        Statistik {
            jenis: JenisStatistik::Agama,
            judul: "x".into(),
            cakupan: "3325082004".into(),
            tanggal: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            baris: b,
            total,
        }
    }

    #[test]
    fn tidak_ada_angka_di_bawah_lima() {
        let s = samarkan(&stat(vec![
            baris("ISLAM", 900, 880),
            baris("KRISTEN", 30, 28),
            baris("HINDU", 1, 1),
            baris("BUDHA", 1, 0),
            baris("KATHOLIK", 12, 2),
            baris("KONGHUCU", 0, 0),
        ]));
        for b in &s.baris {
            assert!(b.jumlah == 0 || b.jumlah >= AMBANG, "{b:?}");
            for n in [b.laki, b.perempuan].into_iter().flatten() {
                assert!(n == 0 || n >= AMBANG, "{b:?}");
            }
        }
        // HINDU and BUDHA (3 together) are merged with the next smallest row.
        assert!(
            !s.baris
                .iter()
                .any(|b| b.label == "HINDU" || b.label == "BUDHA")
        );
        let gabung = s.baris.iter().find(|b| b.label == LABEL_GABUNGAN).unwrap();
        assert_eq!(gabung.jumlah, 17);
        // The split of the merged row (13/4) is hidden, and one more so it cannot be derived.
        assert_eq!(s.baris.iter().filter(|b| b.laki.is_none()).count(), 2);
        assert_eq!(s.total.jumlah, 1855);
    }
}

/// A month's child nutrition figures as the village site shows them: only when at least
/// [`AMBANG`] children were measured, and each count under the threshold hidden.
#[derive(Debug, Clone, Serialize)]
pub struct GiziPublik {
    /// First day of the month.
    pub bulan: chrono::NaiveDate,
    pub ditimbang: i64,
    pub pendek: Option<i64>,
    pub kurus: Option<i64>,
    pub bb_kurang: Option<i64>,
}

impl GiziPublik {
    /// "12,5 %" of the children measured, or "-" when the count is hidden.
    pub fn persen(&self, n: &Option<i64>) -> String {
        n.map(|n| balai_domain::surat::teks::persen(n, self.ditimbang))
            .unwrap_or_else(|| "-".into())
    }
}

/// The latest month of `bulan` (oldest first) with enough children measured to publish.
pub fn gizi_publik(bulan: &[crate::kesehatan::RingkasGizi]) -> Option<GiziPublik> {
    let g = bulan.iter().rev().find(|g| g.ditimbang >= AMBANG)?;
    let tampil = |n: i64| (!kecil(n)).then_some(n);
    Some(GiziPublik {
        bulan: g.bulan,
        ditimbang: g.ditimbang,
        pendek: tampil(g.pendek),
        kurus: tampil(g.kurus),
        bb_kurang: tampil(g.bb_kurang),
    })
}

#[cfg(test)]
mod tes_gizi {
    use super::*;
    use crate::kesehatan::RingkasGizi;

    #[test]
    fn angka_gizi_kecil_disembunyikan() {
        let bulan = |b: u32, ditimbang, pendek| RingkasGizi {
            bulan: chrono::NaiveDate::from_ymd_opt(2026, b, 1).unwrap(),
            ditimbang,
            pendek,
            kurus: 2,
            bb_kurang: 0,
        };
        // The latest month has too few children measured: the month before is shown.
        let g = gizi_publik(&[bulan(10, 40, 8), bulan(11, 3, 1)]).unwrap();
        assert_eq!(
            (g.ditimbang, g.pendek, g.kurus, g.bb_kurang),
            (40, Some(8), None, Some(0))
        );
        assert_eq!(
            (g.persen(&g.pendek), g.persen(&g.kurus)),
            ("20,0 %".into(), "-".into())
        );
        assert!(gizi_publik(&[bulan(11, 4, 0)]).is_none());
    }
}
