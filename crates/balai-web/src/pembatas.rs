//! Failed-login limits per account (or NIK) and per client address, kept in the database
//! (`balai_store::tebakan`), so a restart resets nothing; and a request rate limit per address.

use balai_domain::tebakan::{ALAMAT, Jadwal, STAF_AKUN, WARGA_NIK};
use balai_store::{Galat, Store};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Whose secret is guessed.
#[derive(Clone, Copy)]
pub enum Pintu {
    /// A staff user name and password.
    Staf,
    /// A resident's NIK and PIN or activation code.
    Warga,
}

impl Pintu {
    fn akun(self, akun: &str) -> (String, Jadwal) {
        match self {
            Pintu::Staf => (balai_store::tebakan::kunci_akun(akun), STAF_AKUN),
            // Hashed: NIKs typed by strangers are not kept in a list.
            Pintu::Warga => (
                format!("w:{}", balai_store::pengguna::sha256_hex(akun)),
                WARGA_NIK,
            ),
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

/// Counts one try on the account and the address before the secret is checked. `Some(wait)`:
/// refused, nothing counted, do not check the secret.
pub async fn coba(
    store: &Store,
    pintu: Pintu,
    akun: &str,
    alamat: &str,
) -> Result<Option<Duration>, Galat> {
    let (a, ja) = pintu.akun(akun);
    let i = kunci_alamat(alamat);
    let t = store.tebakan().coba(&[(&a, ja), (&i, ALAMAT)]).await?;
    Ok(t.map(|t| t.to_std().unwrap_or_default().max(Duration::from_secs(1))))
}

/// The counted try was right: the account's run of failures ends.
pub async fn benar(store: &Store, pintu: Pintu, akun: &str, alamat: &str) -> Result<(), Galat> {
    let (a, ja) = pintu.akun(akun);
    let i = kunci_alamat(alamat);
    store
        .tebakan()
        .benar(&[(&a, ja, true), (&i, ALAMAT, false)])
        .await
}

/// The counted try was not a guess after all (the form was refused for another reason).
pub async fn batal(store: &Store, pintu: Pintu, akun: &str, alamat: &str) -> Result<(), Galat> {
    let (a, ja) = pintu.akun(akun);
    let i = kunci_alamat(alamat);
    store
        .tebakan()
        .benar(&[(&a, ja, false), (&i, ALAMAT, false)])
        .await
}

/// Ends the account's waits (an operator unlocked it).
pub async fn lepas(store: &Store, pintu: Pintu, akun: &str) -> Result<(), Galat> {
    store.tebakan().lepas(&pintu.akun(akun).0).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_dihitung_per_64_dan_nik_tidak_disimpan_mentah() {
        assert_eq!(kunci_alamat("2001:db8:1:2:aaaa::1"), "i:2001:db8:1:2::/64");
        assert_eq!(kunci_alamat("2001:db8:1:2:ffff::9"), "i:2001:db8:1:2::/64");
        assert_eq!(kunci_alamat("192.0.2.1"), "i:192.0.2.1");
        let (k, _) = Pintu::Warga.akun("3325080101900001");
        assert!(!k.contains("3325080101900001"));
        assert_eq!(Pintu::Staf.akun("siti").0, "a:siti");
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
