//! Resident PINs: which are too easy to guess, and how long a NIK waits after failures.

use chrono::{Duration, NaiveDate};

/// Failures allowed before the resident must wait.
pub const BEBAS_GAGAL: i64 = 3;
/// From this many failures on, the account is locked until the period ends or an operator
/// unlocks it.
pub const KUNCI_SETELAH: i64 = 6;
/// The lock after [`KUNCI_SETELAH`] failures, and after each failure past it: at most
/// 6 + 24 / 2 = 18 guesses per NIK per day.
pub const LAMA_KUNCI: Duration = Duration::hours(2);

/// How long to wait after `gagal` failures in a row (for a NIK or a client address).
pub fn tunggu_gagal(gagal: i64) -> Option<Duration> {
    match gagal {
        g if g <= BEBAS_GAGAL => None,
        4 => Some(Duration::seconds(30)),
        5 => Some(Duration::minutes(2)),
        _ => Some(LAMA_KUNCI),
    }
}

/// PINs tried early beyond the patterns checked below: lines and shapes on a phone keypad, and
/// dates every Indonesian knows (17 August 1945 as 170845 and 171945, 28 October 1928 as 281028
/// and 281928).
const UMUM: &[&str] = &[
    "147258", "258369", "147369", "159357", "159753", "357159", "357951", "951753", "753951",
    "741852", "852963", "963852", "369258", "789456", "456123", "321654", "654987", "147852",
    "258147", "124578", "235689", "170845", "171945", "281028", "281928",
];

/// Why a PIN is too easy to guess, if it is.
pub fn pin_lemah(pin: &str, tanggal_lahir: Option<NaiveDate>) -> Option<&'static str> {
    if pin.len() != 6 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Some("PIN harus tepat 6 angka.");
    }
    let b = pin.as_bytes();
    if b.iter().all(|x| *x == b[0]) {
        return Some("PIN tidak boleh berisi angka yang sama semua.");
    }
    let naik = b.windows(2).all(|w| w[1] == w[0] + 1);
    let turun = b.windows(2).all(|w| w[0] == w[1] + 1);
    if naik || turun {
        return Some("PIN tidak boleh berupa angka berurutan seperti 123456.");
    }
    // 123123, 121212, 112233: a pattern repeated is guessed early.
    let ulang_tiga = b[..3] == b[3..];
    let ulang_dua = b.iter().skip(2).zip(b).all(|(x, y)| x == y);
    let berpasangan = b.chunks(2).all(|p| p[0] == p[1]);
    if ulang_tiga || ulang_dua || berpasangan {
        return Some("PIN tidak boleh berupa pola berulang seperti 123123, 121212 atau 112233.");
    }
    // 123321: a pattern and its mirror.
    if b[..3].iter().eq(b[3..].iter().rev()) {
        return Some("PIN tidak boleh berupa pola cermin seperti 123321.");
    }
    if UMUM.contains(&pin) {
        return Some(
            "PIN ini termasuk yang paling sering dipakai (bentuk pada papan angka atau tanggal bersejarah). Pilih angka lain.",
        );
    }
    if let Some(t) = tanggal_lahir {
        let pola = [
            t.format("%d%m%y").to_string(),
            t.format("%y%m%d").to_string(),
            t.format("%d%m%Y").to_string()[..6].to_string(),
        ];
        if pola.iter().any(|p| p == pin) {
            return Some("PIN tidak boleh sama dengan tanggal lahir Anda.");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_mudah_ditebak_ditolak() {
        let lahir = NaiveDate::from_ymd_opt(1985, 8, 17);
        for pin in [
            "12345", "1234567", "12a456", "111111", "123456", "987654", "170885", "850817",
            "123123", "121212", "112233", "909090", "445566", "123321", "908809", "147258",
            "159753", "170845", "281028",
        ] {
            assert!(pin_lemah(pin, lahir).is_some(), "{pin}");
        }
        for pin in ["583920", "120934", "774102"] {
            assert!(pin_lemah(pin, lahir).is_none(), "{pin}");
        }
    }

    /// Guesses one NIK gets in a day, failing every time and waiting out each lock.
    #[test]
    fn paling_banyak_dua_puluh_tebakan_sehari() {
        let (mut waktu, mut gagal, mut tebakan) = (Duration::zero(), 0, 0);
        while waktu < Duration::days(1) {
            tebakan += 1;
            gagal += 1;
            waktu += tunggu_gagal(gagal).unwrap_or(Duration::zero());
        }
        assert!(tebakan <= 20, "{tebakan} guesses a day");
        assert!(
            tebakan >= 10,
            "a resident who mistypes still gets in the same day"
        );
    }
}
