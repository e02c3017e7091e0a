//! The site's development projects and its typed budget summary (for years the finance books
//! do not hold): the Permendagri 20/2018 codes by group, and what a project and a summary line
//! must carry.

use crate::DaftarGalat;
use crate::isian::panjang;
use crate::keuangan::{label_sumber, periksa_tahun};
use serde::{Deserialize, Serialize};

/// Revenue account types (jenis), from `kode_rekening_apbdes.csv`.
pub const PENDAPATAN: &[(&str, &str)] = &[
    ("4.1.1", "Hasil Usaha"),
    ("4.1.2", "Hasil Aset"),
    ("4.1.3", "Swadaya, Partisipasi dan Gotong Royong"),
    ("4.1.4", "Lain-lain Pendapatan Asli Desa"),
    ("4.2.1", "Dana Desa"),
    (
        "4.2.2",
        "Bagian dari Hasil Pajak dan Retribusi Daerah Kabupaten/Kota",
    ),
    ("4.2.3", "Alokasi Dana Desa"),
    ("4.2.4", "Bantuan Keuangan Provinsi"),
    ("4.2.5", "Bantuan Keuangan APBD Kabupaten/Kota"),
    ("4.3.1", "Penerimaan dari Hasil Kerjasama antar Desa"),
    (
        "4.3.2",
        "Penerimaan dari Hasil Kerjasama Desa dengan Pihak Ketiga",
    ),
    (
        "4.3.3",
        "Penerimaan dari Bantuan Perusahaan yang berlokasi di Desa",
    ),
    ("4.3.4", "Hibah dan Sumbangan dari Pihak Ketiga"),
    ("4.3.5", "Koreksi Kesalahan Belanja Tahun Sebelumnya"),
    ("4.3.6", "Bunga Bank"),
    ("4.3.9", "Lain-lain Pendapatan Desa yang Sah"),
];

/// Spending fields (bidang), from `bidang_kegiatan_desa.csv`.
pub const BELANJA: &[(&str, &str)] = &[
    ("1", "Penyelenggaraan Pemerintahan Desa"),
    ("2", "Pelaksanaan Pembangunan Desa"),
    ("3", "Pembinaan Kemasyarakatan Desa"),
    ("4", "Pemberdayaan Masyarakat Desa"),
    (
        "5",
        "Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa",
    ),
];

/// Financing account types (jenis); 6.1 is received, 6.2 paid out.
pub const PEMBIAYAAN: &[(&str, &str)] = &[
    ("6.1.1", "SILPA Tahun Sebelumnya"),
    ("6.1.2", "Pencairan Dana Cadangan"),
    ("6.1.3", "Hasil Penjualan Kekayaan Desa yang Dipisahkan"),
    ("6.1.9", "Penerimaan Pembiayaan Lainnya"),
    ("6.2.1", "Pembentukan Dana Cadangan"),
    ("6.2.2", "Penyertaan Modal Desa"),
    ("6.2.9", "Pengeluaran Pembiayaan Lainnya"),
];

pub fn daftar_kode(kelompok: &str) -> &'static [(&'static str, &'static str)] {
    match kelompok {
        "pendapatan" => PENDAPATAN,
        "belanja" => BELANJA,
        "pembiayaan" => PEMBIAYAAN,
        _ => &[],
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProyekBaru {
    pub tahun: i64,
    pub nama: String,
    pub lokasi: String,
    pub anggaran: i64,
    pub sumber_dana: String,
    pub pelaksana: String,
    pub progres: i64,
    pub uraian: String,
    pub gambar: Option<String>,
    /// The APBDes activity (Permendagri 20/2018 code) that pays for it; empty if none.
    #[serde(default)]
    pub kode_kegiatan: String,
}

pub fn periksa_proyek(b: &ProyekBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    periksa_tahun(&mut g, b.tahun);
    if b.nama.trim().is_empty() {
        g.push(
            "nama",
            "Nama kegiatan wajib diisi, misalnya \"Pengaspalan jalan Dusun Krajan\".",
        );
    }
    panjang(&mut g, "nama", "Nama kegiatan", b.nama.trim(), 200);
    panjang(&mut g, "lokasi", "Lokasi", &b.lokasi, 200);
    panjang(&mut g, "pelaksana", "Pelaksana", &b.pelaksana, 150);
    panjang(&mut g, "uraian", "Uraian", &b.uraian, 3000);
    if b.anggaran <= 0 {
        g.push(
            "anggaran",
            "Anggaran ditulis dalam rupiah tanpa titik, lebih dari 0, misalnya 150000000.",
        );
    }
    if label_sumber(&b.sumber_dana).is_empty() {
        g.push("sumber_dana", "Pilih sumber dana dari daftar.");
    }
    if !b.kode_kegiatan.is_empty() && crate::keuangan::kegiatan_rincian(&b.kode_kegiatan).is_none()
    {
        g.push(
            "kode_kegiatan",
            "Pilih kegiatan APBDes dari daftar, atau kosongkan.",
        );
    }
    if !(0..=100).contains(&b.progres) {
        g.push("progres", "Kemajuan ditulis dalam persen, 0 sampai 100.");
    }
    g.into_result(())
}

/// A line of the typed summary: a code of its group, amounts not negative. Gives the code's
/// name; the store adds that the year must not be kept in the finance books.
pub fn periksa_baris_ringkas(
    tahun: i64,
    kelompok: &str,
    kode: &str,
    anggaran: i64,
    realisasi: i64,
) -> (Option<&'static str>, DaftarGalat) {
    let mut g = DaftarGalat::default();
    periksa_tahun(&mut g, tahun);
    let uraian = daftar_kode(kelompok)
        .iter()
        .find(|(k, _)| *k == kode.trim())
        .map(|(_, u)| *u);
    if uraian.is_none() {
        g.push(
            "kode",
            format!("Kode {} tidak ada dalam daftar {kelompok} (Permendagri 20/2018). Pilih dari daftar.", kode.trim()),
        );
    }
    if anggaran < 0 {
        g.push("anggaran", "Anggaran tidak boleh negatif.");
    }
    if realisasi < 0 {
        g.push("realisasi", "Realisasi tidak boleh negatif.");
    }
    (uraian, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proyek_dan_baris_ringkasan_diperiksa() {
        let g = periksa_proyek(&ProyekBaru {
            tahun: 2026,
            progres: 120,
            ..Default::default()
        })
        .unwrap_err();
        for kolom in ["nama", "anggaran", "sumber_dana", "progres"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        let (u, g) = periksa_baris_ringkas(2026, "belanja", "9", -1, 0);
        assert!(u.is_none() && g.untuk("kode").is_some() && g.untuk("anggaran").is_some());
        let (u, g) = periksa_baris_ringkas(2026, "pembiayaan", "6.2.2", 5, 0);
        assert_eq!((u, g.is_empty()), (Some("Penyertaan Modal Desa"), true));
    }
}
