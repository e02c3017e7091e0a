//! Indonesian dates, Roman months and masked names as printed on letters.

use chrono::{Datelike, NaiveDate};

pub const NAMA_BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// "23 November 2026".
pub fn tanggal_indonesia(t: NaiveDate) -> String {
    format!(
        "{} {} {}",
        t.day(),
        NAMA_BULAN[t.month0() as usize],
        t.year()
    )
}

/// Months in Roman numerals, as letter numbers use them (XI for November).
pub fn bulan_romawi(bulan: u32) -> &'static str {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(bulan.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// A name with most letters hidden, for public pages: "SITI AMINAH" → "SI** AM****".
/// Two letters of each word stay (one for short words) so the holder recognises it and a
/// stranger cannot read it.
pub fn samarkan_nama(nama: &str) -> String {
    nama.split_whitespace()
        .map(|kata| {
            let n = kata.chars().count();
            let tampak = if n <= 3 { 1 } else { 2 };
            kata.chars()
                .enumerate()
                .map(|(i, c)| if i < tampak { c } else { '*' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Rp 10.000" with dots between thousands; "Gratis" for zero.
pub fn rupiah(nilai: i64) -> String {
    if nilai == 0 {
        return "Gratis (Rp 0)".into();
    }
    rp(nilai)
}

/// An amount of money: "Rp 1.250.000", "Rp 0", "-Rp 5.000".
pub fn rp(nilai: i64) -> String {
    format!(
        "{}Rp {}",
        if nilai < 0 { "-" } else { "" },
        ribuan(nilai.unsigned_abs() as i64)
    )
}

/// `n` of `dari` as printed in health and education tables: "12,5 %"; "-" when `dari` is 0.
pub fn persen(n: i64, dari: i64) -> String {
    if dari == 0 {
        return "-".into();
    }
    format!("{:.1} %", n as f64 * 100.0 / dari as f64).replace('.', ",")
}

/// 1234567 → "1.234.567" (Indonesian thousands separator).
pub fn ribuan(n: i64) -> String {
    let digit = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digit.chars().enumerate() {
        if i > 0 && (digit.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanggal_dan_bulan() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(tanggal_indonesia(t), "23 November 2026");
        assert_eq!(bulan_romawi(11), "XI");
        assert_eq!(bulan_romawi(4), "IV");
        assert_eq!(bulan_romawi(13), "");
    }

    #[test]
    fn nama_disamarkan() {
        assert_eq!(samarkan_nama("SITI AMINAH"), "SI** AM****");
        assert_eq!(samarkan_nama("NUR  ALI"), "N** A**");
    }

    #[test]
    fn rupiah_dengan_titik() {
        assert_eq!(rupiah(10000), "Rp 10.000");
        assert_eq!(rupiah(1500000), "Rp 1.500.000");
        assert_eq!(rupiah(500), "Rp 500");
        assert_eq!(rupiah(0), "Gratis (Rp 0)");
    }
}
