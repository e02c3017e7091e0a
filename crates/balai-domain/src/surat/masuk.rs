//! The incoming-letter register's rules (buku agenda surat masuk): the form's fields, the
//! dates, and what a scanned attachment may be.

use crate::DaftarGalat;
use crate::isian;
use chrono::NaiveDate;

/// Largest attachment accepted (a few scanned pages).
pub const LAMPIRAN_MAKS: usize = 5 * 1024 * 1024;

/// An incoming letter as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct SuratMasukBaru {
    pub tanggal_terima: String,
    pub nomor_surat: String,
    pub tanggal_surat: String,
    pub pengirim: String,
    pub isi_singkat: String,
    pub disposisi: String,
    /// File bytes and the name it was uploaded with.
    pub lampiran: Option<(Vec<u8>, String)>,
}

/// An incoming letter that passed the checks.
#[derive(Debug, Clone)]
pub struct SuratMasukSah<'a> {
    pub tanggal_terima: NaiveDate,
    pub nomor_surat: String,
    pub tanggal_surat: NaiveDate,
    pub pengirim: String,
    pub isi_singkat: String,
    pub disposisi: String,
    /// Bytes, type read from them, and a safe file name.
    pub lampiran: Option<(&'a [u8], &'static str, String)>,
}

/// The type of an uploaded attachment, from its first bytes (never from its name or the
/// browser's claim). PDF, JPEG and PNG only; SVG and HTML can carry scripts.
pub fn jenis_lampiran(b: &[u8]) -> Result<&'static str, String> {
    if b.is_empty() {
        return Err("Berkas lampiran kosong.".into());
    }
    if b.len() > LAMPIRAN_MAKS {
        return Err(format!(
            "Lampiran terlalu besar ({:.1} MB); paling besar 5 MB. Pindai dengan resolusi lebih rendah.",
            b.len() as f64 / 1_048_576.0
        ));
    }
    crate::berkas::jenis_berkas(b).ok_or_else(|| {
        "Lampiran harus berkas PDF, JPEG atau PNG. Berkas SVG, HTML dan lainnya tidak diterima."
            .into()
    })
}

/// Checks an incoming letter: both dates not after today and the letter not dated after it
/// arrived, the number, sender and summary given, the attachment a PDF or image.
pub fn periksa(m: &SuratMasukBaru, hari_ini: NaiveDate) -> Result<SuratMasukSah<'_>, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let terima = isian::tanggal_wajib(
        &mut g,
        "tanggal_terima",
        "Tanggal penerimaan",
        &m.tanggal_terima,
        hari_ini,
    );
    let tgl_surat = isian::tanggal_wajib(
        &mut g,
        "tanggal_surat",
        "Tanggal surat",
        &m.tanggal_surat,
        hari_ini,
    );
    if let (Some(a), Some(b)) = (terima, tgl_surat)
        && b > a
    {
        g.push(
            "tanggal_surat",
            "Tanggal surat tidak boleh sesudah tanggal penerimaan.",
        );
    }
    let nomor_surat = isian::teks(
        &mut g,
        "nomor_surat",
        "Nomor surat",
        &m.nomor_surat,
        100,
        true,
    );
    let pengirim = isian::teks(&mut g, "pengirim", "Pengirim", &m.pengirim, 200, true);
    let isi_singkat = isian::teks(
        &mut g,
        "isi_singkat",
        "Isi singkat",
        &m.isi_singkat,
        1000,
        true,
    );
    let disposisi = isian::teks(&mut g, "disposisi", "Disposisi", &m.disposisi, 1000, false);
    let lampiran = match &m.lampiran {
        None => None,
        Some((b, nama)) => match jenis_lampiran(b) {
            Ok(mime) => Some((b.as_slice(), mime, crate::berkas::nama_aman(nama))),
            Err(e) => {
                g.push("lampiran", e);
                None
            }
        },
    };
    match (terima, tgl_surat) {
        (Some(tanggal_terima), Some(tanggal_surat)) if g.is_empty() => Ok(SuratMasukSah {
            tanggal_terima,
            nomor_surat,
            tanggal_surat,
            pengirim,
            isi_singkat,
            disposisi,
            lampiran,
        }),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hari_ini() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn baru() -> SuratMasukBaru {
        SuratMasukBaru {
            tanggal_terima: "02-11-2026".into(),
            nomor_surat: " 005/123/Kec ".into(),
            tanggal_surat: "2026-11-01".into(),
            pengirim: "Camat Limpung".into(),
            isi_singkat: "Undangan rapat".into(),
            ..Default::default()
        }
    }

    #[test]
    fn surat_masuk_yang_benar_diterima_dan_dirapikan() {
        let m = baru();
        let s = periksa(&m, hari_ini()).unwrap();
        assert_eq!(s.nomor_surat, "005/123/Kec");
        assert_eq!(
            s.tanggal_terima,
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
        );
        assert!(s.lampiran.is_none());
    }

    #[test]
    fn setiap_isian_salah_disebut_sekaligus() {
        let m = SuratMasukBaru {
            tanggal_surat: "05-11-2026".into(),
            pengirim: " ".into(),
            disposisi: "x".repeat(1001),
            lampiran: Some((b"<svg></svg>".to_vec(), "a.svg".into())),
            ..baru()
        };
        let g = periksa(&m, hari_ini()).unwrap_err();
        assert!(
            g.untuk("tanggal_surat")
                .unwrap()
                .contains("sesudah tanggal penerimaan")
        );
        assert!(g.untuk("pengirim").unwrap().contains("wajib"));
        assert!(g.untuk("disposisi").unwrap().contains("1000"));
        assert!(g.untuk("lampiran").unwrap().contains("SVG"));
        let kemudian = SuratMasukBaru {
            tanggal_terima: "24-11-2026".into(),
            ..baru()
        };
        let g = periksa(&kemudian, hari_ini()).unwrap_err();
        assert!(
            g.untuk("tanggal_terima")
                .unwrap()
                .contains("sesudah hari ini")
        );
    }
}
