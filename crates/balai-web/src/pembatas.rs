//! Login rate limit with exponential backoff, per account name and per client address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before waiting starts.
const BEBAS_AKUN: u32 = 4;
const BEBAS_ALAMAT: u32 = 20;
const TUNGGU_MAKS: Duration = Duration::from_secs(15 * 60);

/// Failures older than this are forgotten (an address shared by many people, such as mobile
/// carrier NAT or the village office, is not blocked forever by old typos).
const LUPA: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
struct Catatan {
    gagal: u32,
    sampai: Option<Instant>,
    terakhir: Option<Instant>,
}

pub struct Pembatas {
    isi: Mutex<HashMap<String, Catatan>>,
    /// The wait after `n` failures on one account.
    jadwal_akun: Jadwal,
}

/// The wait after `n` failures.
type Jadwal = fn(u32) -> Option<Duration>;

impl Default for Pembatas {
    /// Staff logins: exponential waits after a few failures.
    fn default() -> Self {
        Pembatas {
            isi: Mutex::default(),
            jadwal_akun: |g| tunggu(g, BEBAS_AKUN),
        }
    }
}

/// IPv6 clients are counted per /64, which one household or attacker usually holds whole.
fn kunci_alamat(alamat: &str) -> String {
    if alamat.contains(':') {
        let bagian: Vec<&str> = alamat.split(':').take(4).collect();
        format!("i:{}::/64", bagian.join(":"))
    } else {
        format!("i:{alamat}")
    }
}

fn tunggu(gagal: u32, bebas: u32) -> Option<Duration> {
    (gagal > bebas).then(|| {
        let langkah = (gagal - bebas - 1).min(10);
        Duration::from_secs(2u64 << langkah).min(TUNGGU_MAKS)
    })
}

impl Pembatas {
    /// Resident logins (NIK + PIN): the same schedule as the stored per-account lock, so a NIK
    /// without an account waits exactly like one with an account.
    pub fn warga() -> Self {
        Pembatas {
            isi: Mutex::default(),
            jadwal_akun: |g| {
                balai_store::warga::akun::tunggu_gagal(i64::from(g)).and_then(|d| d.to_std().ok())
            },
        }
    }

    /// How long the caller must still wait before trying this account from this address.
    pub fn sisa_tunggu(&self, akun: &str, alamat: &str) -> Option<Duration> {
        let isi = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        [format!("a:{akun}"), kunci_alamat(alamat)]
            .iter()
            .filter_map(|k| isi.get(k).and_then(|c| c.sampai))
            .filter(|t| *t > now)
            .map(|t| t - now)
            .max()
    }

    pub fn gagal(&self, akun: &str, alamat: &str) {
        let mut isi = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        if isi.len() > 100_000 {
            // Bounded memory under a spray of made-up names: forget the oldest state.
            isi.retain(|_, c| c.sampai.is_some_and(|t| t > Instant::now()));
        }
        let now = Instant::now();
        let jadwal_akun = self.jadwal_akun;
        let jadwal: [(String, Jadwal); 2] = [
            (format!("a:{akun}"), jadwal_akun),
            (kunci_alamat(alamat), |g| tunggu(g, BEBAS_ALAMAT)),
        ];
        for (k, jadwal) in jadwal {
            let c = isi.entry(k).or_default();
            if c.terakhir.is_some_and(|t| now - t > LUPA) && c.sampai.is_none_or(|t| t <= now) {
                c.gagal = 0;
            }
            c.gagal += 1;
            c.terakhir = Some(now);
            c.sampai = jadwal(c.gagal).map(|d| now + d);
        }
    }

    pub fn berhasil(&self, akun: &str) {
        let mut isi = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        isi.remove(&format!("a:{akun}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(tunggu(4, 4), None);
        assert_eq!(tunggu(5, 4), Some(Duration::from_secs(2)));
        assert_eq!(tunggu(6, 4), Some(Duration::from_secs(4)));
        assert_eq!(tunggu(40, 4), Some(TUNGGU_MAKS));
    }

    #[test]
    fn residents_wait_on_the_stored_schedule_and_ipv6_counts_per_64() {
        let p = Pembatas::warga();
        for _ in 0..3 {
            p.gagal("3325080101900001", "2001:db8:1:2:aaaa::1");
        }
        assert!(p.sisa_tunggu("3325080101900001", "192.0.2.1").is_none());
        p.gagal("3325080101900001", "2001:db8:1:2:aaaa::1");
        let t = p.sisa_tunggu("3325080101900001", "192.0.2.1").unwrap();
        assert!(t > Duration::from_secs(25) && t <= Duration::from_secs(30));
        // Another address in the same /64 is the same client.
        for i in 0..BEBAS_ALAMAT {
            p.gagal(&format!("nik{i}"), &format!("2001:db8:1:2:ffff::{i}"));
        }
        assert!(p.sisa_tunggu("baru", "2001:db8:1:2:1234::9").is_some());
        assert!(p.sisa_tunggu("baru", "2001:db8:1:3::9").is_none());
    }

    #[test]
    fn account_locks_after_failures_and_success_clears_it() {
        let p = Pembatas::default();
        for _ in 0..BEBAS_AKUN {
            p.gagal("siti", "1.2.3.4");
        }
        assert!(p.sisa_tunggu("siti", "1.2.3.4").is_none());
        p.gagal("siti", "1.2.3.4");
        assert!(p.sisa_tunggu("siti", "9.9.9.9").is_some());
        assert!(p.sisa_tunggu("budi", "9.9.9.9").is_none());
        p.berhasil("siti");
        assert!(p.sisa_tunggu("siti", "9.9.9.9").is_none());
    }
}

/// A fixed one-minute window of requests per client address, for public lookups (the QR
/// verification page and its API). Tokens cannot be guessed; this keeps one client from
/// flooding a village server on cheap hardware.
pub struct PembatasPublik {
    /// Requests allowed per address per window; 0 turns the limit off.
    batas: u32,
    jendela: Duration,
    isi: Mutex<HashMap<String, (Instant, u32)>>,
}

const JENDELA: Duration = Duration::from_secs(60);

impl PembatasPublik {
    pub fn baru(batas_per_menit: u32) -> Self {
        Self::dengan_jendela(batas_per_menit, JENDELA)
    }

    pub fn dengan_jendela(batas: u32, jendela: Duration) -> Self {
        PembatasPublik {
            batas,
            jendela,
            isi: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request from `alamat`; false when it is over the limit.
    pub fn boleh(&self, alamat: &str) -> bool {
        if self.batas == 0 {
            return true;
        }
        let sekarang = Instant::now();
        let Ok(mut isi) = self.isi.lock() else {
            return true;
        };
        if isi.len() > 50_000 {
            isi.retain(|_, (awal, _)| sekarang.duration_since(*awal) < self.jendela);
        }
        let e = isi.entry(alamat.to_string()).or_insert((sekarang, 0));
        if sekarang.duration_since(e.0) >= self.jendela {
            *e = (sekarang, 0);
        }
        e.1 = e.1.saturating_add(1);
        e.1 <= self.batas
    }
}

/// The client's address for rate limits. Behind a trusted proxy it is the last
/// `X-Forwarded-For` entry (the one the proxy added; earlier ones can be forged by the client).
pub(crate) fn alamat_klien(
    proxy_tepercaya: bool,
    alamat: std::net::SocketAddr,
    headers: &axum::http::HeaderMap,
) -> String {
    if proxy_tepercaya
        && let Some(x) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|s| !s.is_empty())
    {
        return x.to_string();
    }
    alamat.ip().to_string()
}

#[cfg(test)]
mod uji_publik {
    use super::PembatasPublik;

    #[test]
    fn batas_per_alamat() {
        let p = PembatasPublik::baru(3);
        assert!((0..3).all(|_| p.boleh("10.0.0.1")));
        assert!(!p.boleh("10.0.0.1"));
        assert!(p.boleh("10.0.0.2"));
        let bebas = PembatasPublik::baru(0);
        assert!((0..1000).all(|_| bebas.boleh("10.0.0.1")));
    }
}
