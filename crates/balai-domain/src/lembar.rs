//! Cells of spreadsheets Balai writes.

use std::borrow::Cow;

/// A CSV cell that a spreadsheet program will show as text, never run as a formula: a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (the
/// OWASP advice for CSV injection). Plain numbers such as `-1500` stay as they are.
pub fn sel_csv(s: &str) -> Cow<'_, str> {
    let bahaya = s
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if bahaya && s.parse::<f64>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The value of a cell written by [`sel_csv`], for reading Balai's own exports back.
pub fn baca_sel_csv(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(sisa) if sel_csv(sisa) != sisa => sisa,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awalan_rumus_dinetralkan() {
        for s in [
            "=HYPERLINK(\"http://x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let aman = sel_csv(s);
            assert_eq!(aman, format!("'{s}"));
            assert_eq!(baca_sel_csv(&aman), s);
        }
    }

    #[test]
    fn angka_dan_teks_biasa_tetap() {
        for s in ["-1500", "+62", "3325082004", "Sri Rahayu", "", "'kutip"] {
            assert_eq!(sel_csv(s), s);
            assert_eq!(baca_sel_csv(s), s);
        }
    }
}
