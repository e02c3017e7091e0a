//! How many wrong passwords or PINs an account or a client address may try, and when.
//!
//! Each key (an account, a NIK, a client address) keeps a run of failures, which sets the wait
//! before the next try, and a count over a 24-hour window, which caps the guesses a day. The
//! store keeps this state in the database, so a restart forgets nothing.

use chrono::{DateTime, Duration, Utc};

/// The rules for one kind of key.
#[derive(Debug, Clone, Copy)]
pub struct Jadwal {
    /// Waits after `n` failures in a run.
    pub tunggu: fn(i64) -> Option<Duration>,
    /// Failures allowed in 24 hours; past them the key waits until the window ends.
    pub batas_harian: i64,
    /// Failures in 24 hours from which the admin is told (0: never).
    pub peringatan: i64,
}

/// A run is forgotten after this long without a failure, counted from the end of its last wait
/// (counting from the failure let a patient guesser start a fresh run after every long wait).
const LUPA: Duration = Duration::minutes(15);
/// The longest wait inside a run.
const TUNGGU_MAKS: Duration = Duration::minutes(15);

/// Exponential waits after `bebas` free failures: 2 s, 4 s, 8 s … up to 15 minutes.
fn eksponensial(gagal: i64, bebas: i64) -> Option<Duration> {
    (gagal > bebas).then(|| {
        let langkah = (gagal - bebas - 1).min(10);
        Duration::seconds(2i64 << langkah).min(TUNGGU_MAKS)
    })
}

/// A staff account: four free tries, then growing waits; 30 a day; the admin is told at 10.
pub const STAF_AKUN: Jadwal = Jadwal {
    tunggu: |g| eksponensial(g, 4),
    batas_harian: 30,
    peringatan: 10,
};

/// One client address (an office behind one router counts as one): 20 free, 200 a day.
pub const ALAMAT: Jadwal = Jadwal {
    tunggu: |g| eksponensial(g, 20),
    batas_harian: 200,
    peringatan: 0,
};

/// A resident's NIK: the PIN schedule (at most 18 guesses a day).
pub const WARGA_NIK: Jadwal = Jadwal {
    tunggu: crate::pin::tunggu_gagal,
    batas_harian: 18,
    peringatan: 0,
};

/// The stored state of one key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keadaan {
    /// Failures in the current run.
    pub gagal: i64,
    /// No try before this.
    pub sampai: Option<DateTime<Utc>>,
    /// The last failure.
    pub terakhir: DateTime<Utc>,
    /// Start of the current 24-hour window.
    pub hari_mulai: DateTime<Utc>,
    /// Failures in that window.
    pub gagal_hari: i64,
    /// Whether the admin was told in that window.
    pub diperingatkan: bool,
}

impl Keadaan {
    pub fn baru(now: DateTime<Utc>) -> Keadaan {
        Keadaan {
            gagal: 0,
            sampai: None,
            terakhir: now,
            hari_mulai: now,
            gagal_hari: 0,
            diperingatkan: false,
        }
    }

    /// How long the key must still wait.
    pub fn sisa(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.sampai.filter(|t| *t > now).map(|t| t - now)
    }

    /// The state after one more failure at `now`.
    pub fn gagal(mut self, now: DateTime<Utc>, j: &Jadwal) -> Keadaan {
        if now - self.hari_mulai >= Duration::days(1) {
            self.hari_mulai = now;
            self.gagal_hari = 0;
            self.diperingatkan = false;
        }
        let tenang_sejak = self.sampai.map_or(self.terakhir, |s| s.max(self.terakhir));
        if now - tenang_sejak > LUPA {
            self.gagal = 0;
        }
        self.gagal += 1;
        self.gagal_hari += 1;
        self.terakhir = now;
        self.sampai = (j.tunggu)(self.gagal).map(|d| now + d);
        if self.gagal_hari >= j.batas_harian {
            let akhir = self.hari_mulai + Duration::days(1);
            self.sampai = Some(self.sampai.map_or(akhir, |s| s.max(akhir)));
        }
        self
    }

    /// The state after a try counted in advance turned out right: that failure is taken back,
    /// and an account's run ends.
    pub fn benar(mut self, now: DateTime<Utc>, j: &Jadwal, akhiri_deret: bool) -> Keadaan {
        self.gagal_hari = (self.gagal_hari - 1).max(0);
        self.gagal = if akhiri_deret {
            0
        } else {
            (self.gagal - 1).max(0)
        };
        self.sampai = (j.tunggu)(self.gagal).map(|d| self.terakhir + d);
        if self.gagal_hari >= j.batas_harian {
            self.sampai = Some(self.hari_mulai + Duration::days(1));
        }
        self.sampai = self.sampai.filter(|t| *t > now);
        self
    }

    /// Whether this failure should tell the admin (once per window).
    pub fn perlu_peringatan(&self, j: &Jadwal) -> bool {
        j.peringatan > 0 && self.gagal_hari >= j.peringatan && !self.diperingatkan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guesses in one day by someone who fails every time and waits out every wait.
    fn tebakan_sehari(j: &Jadwal) -> i64 {
        let mulai = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let (mut now, mut k, mut n) = (mulai, Keadaan::baru(mulai), 0);
        while now - mulai < Duration::days(1) {
            if let Some(t) = k.sisa(now) {
                now += t;
                continue;
            }
            k = k.gagal(now, j);
            n += 1;
        }
        n
    }

    #[test]
    fn tebakan_sehari_dibatasi() {
        // The old in-memory limiter allowed ~630 a day on one staff account and ~1,350 from one
        // address, because a run was forgotten exactly when its longest wait ended.
        assert_eq!(tebakan_sehari(&STAF_AKUN), 30);
        assert!(tebakan_sehari(&ALAMAT) <= 200);
        assert!(tebakan_sehari(&WARGA_NIK) <= 18);
    }

    #[test]
    fn waktu_tunggu_tumbuh_lalu_deret_dilupakan() {
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let mut k = Keadaan::baru(t0);
        for _ in 0..4 {
            k = k.gagal(t0, &STAF_AKUN);
        }
        assert_eq!(k.sisa(t0), None);
        k = k.gagal(t0, &STAF_AKUN);
        assert_eq!(k.sisa(t0), Some(Duration::seconds(2)));
        k = k.gagal(t0, &STAF_AKUN);
        assert_eq!(k.sisa(t0), Some(Duration::seconds(4)));
        // Quiet for longer than LUPA after the wait: a new run, but the day still counts.
        let nanti = t0 + Duration::minutes(20);
        k = k.gagal(nanti, &STAF_AKUN);
        assert_eq!((k.gagal, k.gagal_hari), (1, 7));
        assert!(!k.perlu_peringatan(&STAF_AKUN));
    }

    #[test]
    fn percobaan_benar_mengembalikan_hitungan() {
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let mut k = Keadaan::baru(t0);
        for _ in 0..5 {
            k = k.gagal(t0, &STAF_AKUN);
        }
        assert!(k.sisa(t0).is_some());
        let akun = k.benar(t0, &STAF_AKUN, true);
        assert_eq!((akun.gagal, akun.gagal_hari, akun.sisa(t0)), (0, 4, None));
        let alamat = k.benar(t0, &STAF_AKUN, false);
        assert_eq!((alamat.gagal, alamat.sisa(t0)), (4, None));
    }

    #[test]
    fn admin_diberi_tahu_sekali_sehari() {
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let mut k = Keadaan::baru(t0);
        for _ in 0..9 {
            k = k.gagal(t0, &STAF_AKUN);
        }
        assert!(!k.perlu_peringatan(&STAF_AKUN));
        k = k.gagal(t0, &STAF_AKUN);
        assert!(k.perlu_peringatan(&STAF_AKUN));
        k.diperingatkan = true;
        k = k.gagal(t0, &STAF_AKUN);
        assert!(!k.perlu_peringatan(&STAF_AKUN));
        let besok = t0 + Duration::days(1);
        assert!(!k.gagal(besok, &STAF_AKUN).perlu_peringatan(&STAF_AKUN));
    }
}
