//! Village potential (potensi desa): its kinds, and what an entry must carry (a point on the
//! map, when given, inside Indonesia).

use crate::DaftarGalat;
use crate::isian::panjang;
use serde::{Deserialize, Serialize};

pub const JENIS: &[(&str, &str)] = &[
    ("umkm", "UMKM"),
    ("bumdes", "BUMDes"),
    ("organisasi", "Organisasi dan kelompok"),
    ("wisata", "Wisata"),
    ("fasilitas", "Fasilitas umum"),
    ("infrastruktur", "Infrastruktur"),
];

pub fn label_jenis(kode: &str) -> &'static str {
    crate::kode::label_dari(JENIS, kode).unwrap_or("")
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PotensiBaru {
    pub jenis: String,
    pub nama: String,
    pub uraian: String,
    pub produk: String,
    /// Public contact of the business or organisation (its own, given for publication).
    pub kontak: String,
    pub alamat: String,
    pub lintang: Option<f64>,
    pub bujur: Option<f64>,
    pub gambar: Option<String>,
}

pub fn periksa(b: &PotensiBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if label_jenis(&b.jenis).is_empty() {
        g.push("jenis", "Pilih jenis potensi dari daftar.");
    }
    if b.nama.trim().is_empty() {
        g.push(
            "nama",
            "Nama wajib diisi, misalnya \"Keripik Singkong Bu Sri\".",
        );
    }
    panjang(&mut g, "nama", "Nama", b.nama.trim(), 150);
    panjang(&mut g, "uraian", "Uraian", &b.uraian, 3000);
    panjang(&mut g, "produk", "Produk atau layanan", &b.produk, 300);
    panjang(&mut g, "kontak", "Kontak", &b.kontak, 100);
    panjang(&mut g, "alamat", "Alamat", &b.alamat, 300);
    match (b.lintang, b.bujur) {
        (None, None) => {}
        (Some(la), Some(bu)) => {
            // Indonesia lies between about 6° N and 11° S, 95° E and 141° E.
            if !(-11.5..=6.5).contains(&la) {
                g.push(
                    "lintang",
                    "Garis lintang di Indonesia antara -11,5 dan 6,5 (contoh -6,9123).",
                );
            }
            if !(94.5..=141.5).contains(&bu) {
                g.push(
                    "bujur",
                    "Garis bujur di Indonesia antara 94,5 dan 141,5 (contoh 109,7321).",
                );
            }
        }
        _ => g.push(
            "lintang",
            "Isi garis lintang dan garis bujur keduanya, atau kosongkan keduanya.",
        ),
    }
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titik_peta_di_indonesia_dan_berpasangan() {
        let b = PotensiBaru {
            jenis: "umkm".into(),
            nama: "Keripik Bu Sri".into(),
            lintang: Some(-6.9),
            bujur: Some(109.7),
            ..Default::default()
        };
        assert_eq!(periksa(&b), Ok(()));
        let luar = PotensiBaru {
            lintang: Some(48.8),
            bujur: Some(2.3),
            ..b.clone()
        };
        let g = periksa(&luar).unwrap_err();
        assert!(g.untuk("lintang").is_some() && g.untuk("bujur").is_some());
        let separuh = PotensiBaru { bujur: None, ..b };
        assert!(
            periksa(&separuh)
                .unwrap_err()
                .untuk("lintang")
                .unwrap()
                .contains("keduanya")
        );
    }
}
