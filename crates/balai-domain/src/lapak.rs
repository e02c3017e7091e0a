//! Lapak, the village marketplace: its categories, stock and approval states, and what a
//! product listing must carry (a name, a seller and a phone number buyers can call).

use crate::DaftarGalat;
use crate::isian::panjang;
use serde::{Deserialize, Serialize};

pub const KATEGORI: &[(&str, &str)] = &[
    ("makanan", "Makanan dan minuman"),
    ("pertanian", "Hasil pertanian, perikanan dan peternakan"),
    ("kerajinan", "Kerajinan"),
    ("pakaian", "Pakaian dan batik"),
    ("jasa", "Jasa"),
    ("lainnya", "Lainnya"),
];

pub const STOK: &[(&str, &str)] = &[
    ("tersedia", "Tersedia"),
    ("terbatas", "Stok terbatas"),
    ("pesan", "Pesan dulu"),
    ("habis", "Habis"),
];

pub const STATUS: &[(&str, &str)] = &[
    ("menunggu", "Menunggu persetujuan"),
    ("tayang", "Tayang"),
    ("ditolak", "Ditolak"),
    ("ditarik", "Ditarik penjual"),
];

pub fn label(daftar: &'static [(&'static str, &'static str)], kode: &str) -> &'static str {
    crate::kode::label_dari(daftar, kode).unwrap_or("")
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProdukBaru {
    /// The name buyers see: a shop name or the seller's own choice.
    pub nama_penjual: String,
    /// The seller's phone or WhatsApp number, published by the seller's choice.
    pub kontak: String,
    pub nama: String,
    pub kategori: String,
    pub uraian: String,
    pub harga: i64,
    pub satuan: String,
    pub stok: String,
    pub gambar: Option<String>,
}

/// An Indonesian phone number in international form without "+": 0812… → 62812….
pub fn nomor_internasional(n: &str) -> String {
    let digit: String = n.chars().filter(|c| c.is_ascii_digit()).collect();
    match digit.strip_prefix('0') {
        Some(s) => format!("62{s}"),
        None => digit,
    }
}

fn kontak_sah(n: &str) -> bool {
    let t = n.trim();
    let digit: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-'))
        && (t.starts_with('0') || t.starts_with("+62") || t.starts_with("62"))
        && (9..=15).contains(&digit.len())
}

pub fn periksa(b: &ProdukBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if b.nama.trim().is_empty() {
        g.push(
            "nama",
            "Nama produk wajib diisi, misalnya \"Keripik singkong 250 gram\".",
        );
    }
    panjang(&mut g, "nama", "Nama produk", b.nama.trim(), 120);
    if b.nama_penjual.trim().is_empty() {
        g.push(
            "nama_penjual",
            "Nama penjual atau nama usaha wajib diisi; nama ini tampil di lapak.",
        );
    }
    panjang(
        &mut g,
        "nama_penjual",
        "Nama penjual",
        b.nama_penjual.trim(),
        100,
    );
    if !kontak_sah(&b.kontak) {
        g.push(
            "kontak",
            "Nomor HP/WhatsApp ditulis seperti 081234567890 atau +6281234567890 (9–15 angka).",
        );
    }
    if label(KATEGORI, &b.kategori).is_empty() {
        g.push("kategori", "Pilih kategori dari daftar.");
    }
    if label(STOK, &b.stok).is_empty() {
        g.push("stok", "Pilih keadaan stok dari daftar.");
    }
    if !(0..=1_000_000_000).contains(&b.harga) {
        g.push(
            "harga",
            "Harga ditulis dalam rupiah, angka saja, misalnya 15000 (0 bila harga ditanyakan langsung).",
        );
    }
    panjang(&mut g, "satuan", "Satuan", b.satuan.trim(), 40);
    panjang(&mut g, "uraian", "Uraian", &b.uraian, 2000);
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn produk() -> ProdukBaru {
        ProdukBaru {
            nama_penjual: "Bu Sri".into(),
            kontak: "0812 3456 7890".into(),
            nama: "Keripik singkong 250 gram".into(),
            kategori: "makanan".into(),
            harga: 15_000,
            stok: "tersedia".into(),
            ..Default::default()
        }
    }

    #[test]
    fn produk_lengkap_diterima() {
        assert_eq!(periksa(&produk()), Ok(()));
    }

    #[test]
    fn setiap_kesalahan_disebut_pada_kolomnya() {
        let b = ProdukBaru {
            nama: " ".into(),
            kontak: "12345".into(),
            kategori: "senjata".into(),
            stok: "".into(),
            harga: -1,
            ..produk()
        };
        let g = periksa(&b).unwrap_err();
        for kolom in ["nama", "kontak", "kategori", "stok", "harga"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        assert!(g.untuk("nama_penjual").is_none());
    }

    #[test]
    fn nomor_telepon_indonesia() {
        assert!(kontak_sah("+62 812-3456-7890"));
        assert!(kontak_sah("6281234567"));
        assert!(!kontak_sah("0812"), "terlalu pendek");
        assert!(!kontak_sah("1812345678"), "bukan awalan Indonesia");
        assert!(!kontak_sah("0812abc4567"));
        assert!(!kontak_sah("0812<script>"));
        assert_eq!(nomor_internasional("0812-3456-7890"), "6281234567890");
        assert_eq!(nomor_internasional("+62 812 3456"), "628123456");
    }

    #[test]
    fn label_kode_tak_dikenal_kosong() {
        assert_eq!(label(KATEGORI, "jasa"), "Jasa");
        assert_eq!(label(STOK, "?"), "");
    }
}
