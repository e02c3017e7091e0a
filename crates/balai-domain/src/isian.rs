//! Reading form fields: trimmed text with a length limit, whole numbers, and dates as
//! operators type them, each problem pushed with its field and a message in Indonesian. The
//! features' rules (`lapak`, `aset`, `peraturan` …) are written with these.

use crate::DaftarGalat;
use chrono::{Datelike, NaiveDate};

/// 17-11-2026: how the examples in messages show a date.
pub fn tgl(t: NaiveDate) -> String {
    t.format("%d-%m-%Y").to_string()
}

/// Pushes a message when `teks` is longer than `maks` characters.
pub fn panjang(g: &mut DaftarGalat, kolom: &str, label: &str, teks: &str, maks: usize) {
    if teks.chars().count() > maks {
        g.push(
            kolom,
            format!("{label} terlalu panjang: paling banyak {maks} karakter."),
        );
    }
}

/// Pushes "<label> tidak boleh sebelum <nama_batas> (dd-mm-yyyy)." when `t` is before
/// `batas`: a step dated before the one it follows.
pub fn tidak_sebelum(
    g: &mut DaftarGalat,
    kolom: &str,
    label: &str,
    t: Option<NaiveDate>,
    batas: NaiveDate,
    nama_batas: &str,
) {
    if t.is_some_and(|t| t < batas) {
        g.push(
            kolom,
            format!("{label} tidak boleh sebelum {nama_batas} ({}).", tgl(batas)),
        );
    }
}

/// A required date as typed (`17-11-2026` or `2026-11-17`), not after today.
pub fn tanggal_wajib(
    g: &mut DaftarGalat,
    kolom: &str,
    label: &str,
    s: &str,
    hari_ini: NaiveDate,
) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        g.push(
            kolom,
            format!("{label} wajib diisi, misalnya {}.", tgl(hari_ini)),
        );
        return None;
    }
    tanggal_opsi(g, kolom, label, s, hari_ini)
}

/// An optional date: empty is `None`; otherwise as [`tanggal_wajib`].
pub fn tanggal_opsi(
    g: &mut DaftarGalat,
    kolom: &str,
    label: &str,
    s: &str,
    hari_ini: NaiveDate,
) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        return None;
    }
    match crate::penduduk::parse_tanggal(s) {
        None => {
            g.push(
                kolom,
                format!(
                    "{label} bukan tanggal yang sah; tulis seperti {}.",
                    tgl(hari_ini)
                ),
            );
            None
        }
        Some(t) if t > hari_ini => {
            g.push(kolom, format!("{label} tidak boleh sesudah hari ini."));
            None
        }
        Some(t) if t.year() < 1900 => {
            g.push(kolom, format!("{label} terlalu lampau."));
            None
        }
        Some(t) => Some(t),
    }
}

/// Trimmed text, at most `maks` characters; required when `wajib`.
pub fn teks(
    g: &mut DaftarGalat,
    kolom: &str,
    label: &str,
    s: &str,
    maks: usize,
    wajib: bool,
) -> String {
    let s = s.trim();
    if wajib && s.is_empty() {
        g.push(kolom, format!("{label} wajib diisi."));
    } else {
        panjang(g, kolom, label, s, maks);
    }
    s.to_string()
}

/// A count or an area as typed: whole, not negative.
pub fn bulat(g: &mut DaftarGalat, kolom: &str, label: &str, s: &str, wajib: bool) -> Option<i64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .collect();
    let t = t.strip_prefix("Rp").unwrap_or(&t).to_string();
    if t.is_empty() {
        if wajib {
            g.push(kolom, format!("{label} wajib diisi."));
            return None;
        }
        return Some(0);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=1_000_000_000_000_000).contains(&n) => Some(n),
        Ok(_) => {
            g.push(kolom, format!("{label} tidak boleh negatif."));
            None
        }
        Err(_) => {
            g.push(
                kolom,
                format!("{label} harus angka bulat tanpa koma, misalnya 1500000."),
            );
            None
        }
    }
}
