//! Rules of the village websites.

pub mod artikel;
pub mod pembangunan;
pub mod potensi;

use crate::DaftarGalat;
use crate::isian::panjang;
use serde::{Deserialize, Serialize};

/// Why a host name cannot be a village site's own host name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostDitolak {
    /// Not a DNS name (scheme, path, port, spaces, uppercase after trimming …).
    TidakSah,
    /// An IP address or `localhost`: the install itself answers there.
    Lokal,
    /// The host the install itself is served on (`url_publik`).
    MilikInstalasi,
}

impl HostDitolak {
    pub fn pesan(self) -> &'static str {
        match self {
            HostDitolak::TidakSah => {
                "Nama domain tidak sah. Tulis tanpa http:// dan tanpa garis miring, misalnya \"donorejo.desa.id\", atau kosongkan."
            }
            HostDitolak::Lokal => {
                "Alamat IP dan localhost tidak dapat dipakai sebagai nama domain desa. Tulis nama domain, misalnya \"donorejo.desa.id\"."
            }
            HostDitolak::MilikInstalasi => {
                "Nama domain ini adalah alamat Balai sendiri (halaman masuk, admin dan API). Pilih nama domain khusus desa, misalnya \"donorejo.desa.id\"."
            }
        }
    }
}

/// The host part of a public URL such as `https://balai.batangkab.go.id:8443/`, lowercased.
pub fn host_dari_url(url: &str) -> Option<String> {
    let sisa = url.trim().split_once("://").map_or(url.trim(), |(_, s)| s);
    let otoritas = sisa.split(['/', '?', '#']).next().unwrap_or("");
    let otoritas = otoritas.rsplit_once('@').map_or(otoritas, |(_, h)| h);
    let host = if let Some(v6) = otoritas.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        otoritas.rsplit_once(':').map_or(otoritas, |(h, _)| h)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Checks a village site's own host name (already trimmed and lowercased) against the DNS
/// rules and the names the install itself answers on: IP addresses, `localhost` and the
/// install's public host. A village on the install's own host would capture every staff,
/// admin and API path of every village.
pub fn periksa_host(host: &str, host_instalasi: Option<&str>) -> Result<(), HostDitolak> {
    let label_sah = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let ipv6 = host.contains(':')
        && host
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    if host == "localhost" || host.ends_with(".localhost") || ipv6 {
        return Err(HostDitolak::Lokal);
    }
    if host.len() > 253 || !host.contains('.') || !host.split('.').all(label_sah) {
        return Err(HostDitolak::TidakSah);
    }
    // A top-level domain is never all digits: such a name is an IPv4 address.
    if host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(HostDitolak::Lokal);
    }
    if host_instalasi.is_some_and(|i| i == host) {
        return Err(HostDitolak::MilikInstalasi);
    }
    Ok(())
}

/// Longest free text on the site settings and profile.
pub const PANJANG_TEKS: usize = 10_000;

/// What an operator edits on the site settings page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PengaturanSitus {
    pub slug: String,
    pub warna: String,
    pub semboyan: String,
    pub sejarah: String,
    pub visi: String,
    pub misi: String,
    pub luas_wilayah: String,
    pub batas_utara: String,
    pub batas_selatan: String,
    pub batas_timur: String,
    pub batas_barat: String,
    pub jam_layanan: String,
}

/// "Desa Sukamaju Indah" -> "sukamaju-indah"; the address part of a village site.
pub fn slug_dari(teks: &str) -> String {
    let mut s = String::new();
    for c in teks.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').chars().take(60).collect()
}

/// A slug is lowercase letters, digits and dashes, and never all digits (those are village codes).
pub fn slug_sah(s: &str) -> bool {
    (2..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.bytes().all(|b| b.is_ascii_digit())
}

pub fn periksa_pengaturan(p: &PengaturanSitus) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if !slug_sah(p.slug.trim()) {
        g.push(
            "slug",
            "Alamat situs hanya boleh huruf kecil, angka dan tanda minus (2–60 karakter, tidak seluruhnya angka), misalnya \"donorejo\".",
        );
    }
    let w = p.warna.trim();
    if !(w.len() == 7 && w.starts_with('#') && w[1..].bytes().all(|b| b.is_ascii_hexdigit())) {
        g.push(
            "warna",
            "Warna ditulis sebagai kode heksadesimal 6 angka, misalnya #1f6f43.",
        );
    }
    panjang(&mut g, "semboyan", "Semboyan", &p.semboyan, 200);
    for (kolom, label, isi) in [
        ("sejarah", "Sejarah desa", &p.sejarah),
        ("visi", "Visi", &p.visi),
        ("misi", "Misi", &p.misi),
    ] {
        panjang(&mut g, kolom, label, isi, PANJANG_TEKS);
    }
    for (kolom, label, isi) in [
        ("luas_wilayah", "Luas wilayah", &p.luas_wilayah),
        ("batas_utara", "Batas utara", &p.batas_utara),
        ("batas_selatan", "Batas selatan", &p.batas_selatan),
        ("batas_timur", "Batas timur", &p.batas_timur),
        ("batas_barat", "Batas barat", &p.batas_barat),
        ("jam_layanan", "Jam layanan", &p.jam_layanan),
    ] {
        panjang(&mut g, kolom, label, isi, 300);
    }
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_desa_yang_sah_diterima() {
        assert_eq!(periksa_host("donorejo.desa.id", None), Ok(()));
        assert_eq!(
            periksa_host("donorejo.desa.id", Some("balai.batangkab.go.id")),
            Ok(())
        );
        assert_eq!(periksa_host("desa-1.contoh.id", None), Ok(()));
    }

    #[test]
    fn ip_localhost_dan_host_instalasi_ditolak() {
        assert_eq!(periksa_host("127.0.0.1", None), Err(HostDitolak::Lokal));
        assert_eq!(periksa_host("192.168.1.10", None), Err(HostDitolak::Lokal));
        assert_eq!(periksa_host("localhost", None), Err(HostDitolak::Lokal));
        assert_eq!(periksa_host("a.localhost", None), Err(HostDitolak::Lokal));
        assert_eq!(periksa_host("::1", None), Err(HostDitolak::Lokal));
        assert_eq!(
            periksa_host("balai.batangkab.go.id", Some("balai.batangkab.go.id")),
            Err(HostDitolak::MilikInstalasi)
        );
    }

    #[test]
    fn nama_yang_bukan_domain_ditolak() {
        for h in [
            "",
            "donorejo",
            "http://donorejo.desa.id",
            "donorejo.desa.id/",
            "Donorejo.desa.id",
            "-a.desa.id",
            "a..id",
        ] {
            assert_eq!(periksa_host(h, None), Err(HostDitolak::TidakSah), "{h}");
        }
    }

    #[test]
    fn host_diambil_dari_url() {
        assert_eq!(
            host_dari_url("https://Balai.Batangkab.go.id:8443/x").as_deref(),
            Some("balai.batangkab.go.id")
        );
        assert_eq!(host_dari_url("http://[::1]:8080").as_deref(), Some("::1"));
        assert_eq!(
            host_dari_url("donorejo.desa.id").as_deref(),
            Some("donorejo.desa.id")
        );
        assert_eq!(host_dari_url(""), None);
    }

    #[test]
    fn pengaturan_situs_diperiksa() {
        let p = PengaturanSitus {
            slug: "12345".into(),
            warna: "hijau".into(),
            ..Default::default()
        };
        let g = periksa_pengaturan(&p).unwrap_err();
        assert!(g.untuk("slug").is_some() && g.untuk("warna").is_some());
        let p = PengaturanSitus {
            slug: slug_dari("Desa Sukamaju Indah"),
            warna: "#1f6f43".into(),
            ..Default::default()
        };
        assert_eq!(p.slug, "desa-sukamaju-indah");
        assert_eq!(periksa_pengaturan(&p), Ok(()));
    }
}
