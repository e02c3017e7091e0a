//! Complaints and aspirations (pengaduan): their categories and states, and what a complaint
//! must carry before it is filed.

use crate::DaftarGalat;
use uuid::Uuid;

pub const KATEGORI: &[(&str, &str)] = &[
    ("administrasi", "Administrasi kependudukan"),
    ("surat", "Layanan surat"),
    ("infrastruktur", "Jalan, jembatan, air dan listrik"),
    ("bansos", "Bantuan sosial"),
    ("kesehatan", "Kesehatan"),
    ("lingkungan", "Lingkungan dan kebersihan"),
    ("keamanan", "Keamanan dan ketertiban"),
    ("saran", "Saran untuk desa"),
    ("lainnya", "Lainnya"),
];

pub const STATUS: &[(&str, &str)] = &[
    ("baru", "Baru"),
    ("diproses", "Sedang ditangani"),
    ("selesai", "Selesai"),
    ("ditolak", "Tidak dapat ditindaklanjuti"),
];

pub fn label_kategori(kode: &str) -> &'static str {
    crate::kode::label_dari(KATEGORI, kode).unwrap_or("Lainnya")
}

pub fn label_status(kode: &str) -> &'static str {
    crate::kode::label_dari(STATUS, kode).unwrap_or("")
}

pub const UKURAN_FOTO: usize = 5 * 1024 * 1024;
pub const PANJANG_ISI: usize = 5000;
#[derive(Debug, Clone, Default)]
pub struct PengaduanBaru {
    pub penduduk_id: Option<Uuid>,
    pub nama_pelapor: String,
    pub kontak: String,
    pub kategori: String,
    pub judul: String,
    pub isi: String,
    pub foto: Option<Vec<u8>>,
    /// "portal", "anjungan" or "situs".
    pub kanal: String,
}

/// Checks the fields; the photo is checked for size and kind here, its pixels when re-encoded.
pub fn periksa(b: &PengaduanBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if !KATEGORI.iter().any(|(k, _)| *k == b.kategori) {
        g.push("kategori", "Pilih salah satu kategori dari daftar.");
    }
    let judul = b.judul.trim().chars().count();
    if judul == 0 {
        g.push(
            "judul",
            "Judul wajib diisi, misalnya \"Lampu jalan RT 02 mati\".",
        );
    } else if judul > 150 {
        g.push("judul", "Judul paling panjang 150 karakter.");
    }
    let isi = b.isi.trim().chars().count();
    if isi < 10 {
        g.push(
            "isi",
            "Uraikan pengaduan Anda paling sedikit 10 karakter: apa, di mana, sejak kapan.",
        );
    } else if isi > PANJANG_ISI {
        g.push(
            "isi",
            format!("Uraian paling panjang {PANJANG_ISI} karakter (sekarang {isi})."),
        );
    }
    if b.nama_pelapor.chars().count() > 100 {
        g.push("nama_pelapor", "Nama paling panjang 100 karakter.");
    }
    if b.kontak.chars().count() > 100 {
        g.push("kontak", "Kontak paling panjang 100 karakter.");
    }
    if let Some(f) = &b.foto {
        if f.len() > UKURAN_FOTO {
            g.push(
                "foto",
                "Foto lebih dari 5 MB. Kecilkan foto atau ambil ulang dengan resolusi lebih rendah.",
            );
        }
        match crate::berkas::jenis_berkas(f) {
            Some("image/jpeg" | "image/png") => {}
            _ => g.push("foto", "Foto harus berkas JPEG atau PNG."),
        }
    }
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aduan() -> PengaduanBaru {
        PengaduanBaru {
            kategori: "infrastruktur".into(),
            judul: "Lampu jalan RT 02 mati".into(),
            isi: "Sejak Senin lampu di pertigaan tidak menyala.".into(),
            kanal: "portal".into(),
            ..Default::default()
        }
    }

    #[test]
    fn pengaduan_lengkap_diterima_dan_foto_hanya_jpeg_atau_png() {
        assert_eq!(periksa(&aduan()), Ok(()));
        let svg = PengaduanBaru {
            foto: Some(b"<svg onload=alert(1)>".to_vec()),
            ..aduan()
        };
        assert!(periksa(&svg).unwrap_err().untuk("foto").is_some());
        let singkat = PengaduanBaru {
            isi: "rusak".into(),
            ..aduan()
        };
        assert!(periksa(&singkat).unwrap_err().untuk("isi").is_some());
    }
}
