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

/// A limit kept in the database (`balai_store::kuota`), for allowances counted in hours or
/// days that a restart must not hand out again.
#[derive(Clone, Copy)]
pub struct Kuota {
    awalan: &'static str,
    /// Keyed by a NIK: kept as its hash. Otherwise by a client address.
    nik: bool,
    batas: i64,
    detik: i64,
}

/// Activation codes asked for from one address per hour.
pub const KODE_PER_ALAMAT: Kuota = Kuota {
    awalan: "kode-a",
    nik: false,
    batas: 10,
    detik: 3600,
};
/// Activation codes asked for one NIK per day.
pub const KODE_PER_NIK: Kuota = Kuota {
    awalan: "kode-n",
    nik: true,
    batas: 3,
    detik: 86_400,
};
/// Complaints sent from the public site from one address in ten minutes.
pub const ADUAN_PER_ALAMAT: Kuota = Kuota {
    awalan: "aduan-a",
    nik: false,
    batas: 5,
    detik: 600,
};
/// Setup codes tried from one address per hour.
pub const PENYIAPAN_PER_ALAMAT: Kuota = Kuota {
    awalan: "penyiapan-a",
    nik: false,
    batas: 10,
    detik: 3600,
};

impl Kuota {
    fn kunci(&self, nilai: &str) -> String {
        let n = if self.nik {
            format!("w:{}", balai_store::pengguna::sha256_hex(nilai))
        } else {
            kunci_alamat(nilai)
        };
        format!("{}:{n}", self.awalan)
    }
}

/// Counts one use on each `(limit, address or NIK)` in turn; false when one is over its limit.
pub async fn dalam_kuota(store: &Store, daftar: &[(Kuota, &str)]) -> Result<bool, Galat> {
    let kunci: Vec<String> = daftar.iter().map(|(k, v)| k.kunci(v)).collect();
    let batas: Vec<balai_store::kuota::Batas<'_>> = daftar
        .iter()
        .zip(&kunci)
        .map(|((k, _), kunci)| balai_store::kuota::Batas {
            kunci,
            batas: k.batas,
            jendela: chrono::Duration::seconds(k.detik),
        })
        .collect();
    store.kuota().pakai(&batas).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kuota_nik_tidak_disimpan_mentah() {
        let k = KODE_PER_NIK.kunci("3325080101900001");
        assert!(k.starts_with("kode-n:w:") && !k.contains("3325080101900001"));
        assert_eq!(
            ADUAN_PER_ALAMAT.kunci("2001:db8:1:2:aaaa::1"),
            "aduan-a:i:2001:db8:1:2::/64"
        );
    }

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

/// A fixed one-minute window of requests per client address (public lookups such as the QR
/// verification page) or per API token. Tokens cannot be guessed; this keeps one client from
/// flooding a village server on cheap hardware. Kept in memory on purpose: a window of a minute
/// is shorter than a restart, and a database write on every lookup or API call would cost more
/// than the flood it stops. Longer allowances are a [`Kuota`].
pub struct PembatasPublik {
    /// Requests allowed per address per window; 0 turns the limit off.
    batas: u32,
    isi: Mutex<HashMap<String, (Instant, u32)>>,
}

const JENDELA: Duration = Duration::from_secs(60);

impl PembatasPublik {
    pub fn baru(batas_per_menit: u32) -> Self {
        PembatasPublik {
            batas: batas_per_menit,
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
            isi.retain(|_, (awal, _)| sekarang.duration_since(*awal) < JENDELA);
        }
        let e = isi.entry(alamat.to_string()).or_insert((sekarang, 0));
        if sekarang.duration_since(e.0) >= JENDELA {
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
