//! News, announcements, agenda items and pages of the village site: their kinds, and what a
//! piece must carry before it is saved (an agenda item needs its date and time).

use crate::DaftarGalat;
use crate::isian::panjang;
use chrono::{DateTime, Utc};

pub const JENIS: &[(&str, &str)] = &[
    ("berita", "Berita"),
    ("pengumuman", "Pengumuman"),
    ("agenda", "Agenda kegiatan"),
    ("halaman", "Halaman"),
];

pub fn label_jenis(kode: &str) -> &'static str {
    crate::kode::label_dari(JENIS, kode).unwrap_or("")
}

/// Longest article body accepted, in characters of HTML.
pub const PANJANG_ISI: usize = 200_000;

#[derive(Debug, Clone, Default)]
pub struct ArtikelBaru {
    pub jenis: String,
    pub kategori: String,
    pub judul: String,
    pub ringkasan: String,
    /// HTML from the editor, or plain text (paragraphs separated by blank lines).
    pub isi: String,
    /// Token of the article's image.
    pub gambar: Option<String>,
    /// For an agenda item: when and where the event takes place.
    pub waktu_acara: Option<DateTime<Utc>>,
    pub tempat: String,
    /// Publish (now, or at `terbit_pada`); otherwise kept as a draft.
    pub terbit: bool,
    pub terbit_pada: Option<DateTime<Utc>>,
}

pub fn periksa(b: &ArtikelBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if label_jenis(&b.jenis).is_empty() {
        g.push("jenis", "Pilih jenis tulisan dari daftar.");
    }
    if b.judul.trim().is_empty() {
        g.push(
            "judul",
            "Judul wajib diisi, misalnya \"Kerja bakti membersihkan saluran irigasi\".",
        );
    }
    panjang(&mut g, "judul", "Judul", b.judul.trim(), 200);
    panjang(&mut g, "kategori", "Kategori", b.kategori.trim(), 60);
    panjang(&mut g, "ringkasan", "Ringkasan", b.ringkasan.trim(), 400);
    if b.isi.trim().is_empty() {
        g.push("isi", "Isi tulisan wajib diisi.");
    }
    panjang(&mut g, "isi", "Isi tulisan", &b.isi, PANJANG_ISI);
    panjang(&mut g, "tempat", "Tempat", b.tempat.trim(), 200);
    if b.jenis == "agenda" && b.waktu_acara.is_none() {
        g.push(
            "waktu_acara",
            "Agenda kegiatan perlu tanggal dan jam acara.",
        );
    }
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_perlu_waktu_acara() {
        let b = ArtikelBaru {
            jenis: "agenda".into(),
            judul: "Kerja bakti".into(),
            isi: "Bersama membersihkan saluran.".into(),
            ..Default::default()
        };
        assert!(periksa(&b).unwrap_err().untuk("waktu_acara").is_some());
        let berita = ArtikelBaru {
            jenis: "berita".into(),
            ..b
        };
        assert_eq!(periksa(&berita), Ok(()));
        let g = periksa(&ArtikelBaru::default()).unwrap_err();
        assert!(
            g.untuk("jenis").is_some() && g.untuk("judul").is_some() && g.untuk("isi").is_some()
        );
    }
}
