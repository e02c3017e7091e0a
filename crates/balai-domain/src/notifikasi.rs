//! What residents are told about (`Peristiwa`), with each event's placeholders and built-in
//! template; the rules for a village's own template; the retry schedule of the outbox; and how
//! an address is masked in the delivery log.

use crate::DaftarGalat;
use crate::templat::{isi_templat, placeholder_di};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Something a resident is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Peristiwa {
    PermohonanDiterima,
    PermohonanDisetujui,
    PermohonanDitolak,
    SuratSiap,
    PengaduanDibalas,
    ProdukDiperiksa,
    PinDireset,
    KodeAktivasi,
    /// A civil registration application moved a step.
    AdmindukDiperbarui,
    /// A death benefit claim moved a step (told to the heir).
    SantunanDiperbarui,
}

impl Peristiwa {
    pub const SEMUA: [Peristiwa; 10] = [
        Peristiwa::PermohonanDiterima,
        Peristiwa::PermohonanDisetujui,
        Peristiwa::PermohonanDitolak,
        Peristiwa::SuratSiap,
        Peristiwa::PengaduanDibalas,
        Peristiwa::ProdukDiperiksa,
        Peristiwa::PinDireset,
        Peristiwa::KodeAktivasi,
        Peristiwa::AdmindukDiperbarui,
        Peristiwa::SantunanDiperbarui,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Peristiwa::PermohonanDiterima => "permohonan_diterima",
            Peristiwa::PermohonanDisetujui => "permohonan_disetujui",
            Peristiwa::PermohonanDitolak => "permohonan_ditolak",
            Peristiwa::SuratSiap => "surat_siap",
            Peristiwa::PengaduanDibalas => "pengaduan_dibalas",
            Peristiwa::ProdukDiperiksa => "produk_diperiksa",
            Peristiwa::PinDireset => "pin_direset",
            Peristiwa::KodeAktivasi => "kode_aktivasi",
            Peristiwa::AdmindukDiperbarui => "adminduk_diperbarui",
            Peristiwa::SantunanDiperbarui => "santunan_diperbarui",
        }
    }

    pub fn dari_kode(s: &str) -> Option<Peristiwa> {
        Self::SEMUA.into_iter().find(|p| p.kode() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Peristiwa::PermohonanDiterima => "Permohonan surat diterima",
            Peristiwa::PermohonanDisetujui => "Permohonan surat disetujui (sudah diperiksa)",
            Peristiwa::PermohonanDitolak => "Permohonan surat ditolak",
            Peristiwa::SuratSiap => "Surat siap diambil",
            Peristiwa::PengaduanDibalas => "Pengaduan dibalas",
            Peristiwa::ProdukDiperiksa => "Produk lapak disetujui atau ditolak",
            Peristiwa::PinDireset => "PIN layanan mandiri diatur ulang",
            Peristiwa::KodeAktivasi => "Kode aktivasi layanan mandiri",
            Peristiwa::AdmindukDiperbarui => "Permohonan dokumen kependudukan berganti status",
            Peristiwa::SantunanDiperbarui => "Klaim santunan kematian berganti status",
        }
    }

    /// The message carries a secret: no portal row, phone channels only, and the stored text
    /// is replaced by [`ISI_DISAMARKAN`] once sent (or given up).
    pub fn rahasia(self) -> bool {
        matches!(self, Peristiwa::KodeAktivasi)
    }

    /// The placeholders a template of this event may use: (name, meaning).
    pub fn placeholder(self) -> &'static [(&'static str, &'static str)] {
        const UMUM: [(&str, &str); 2] = [("nama", "nama penduduk"), ("desa", "nama desa")];
        match self {
            Peristiwa::PermohonanDiterima | Peristiwa::PermohonanDisetujui => &[
                UMUM[0],
                UMUM[1],
                ("jenis_surat", "jenis surat yang dimohon"),
                ("kode_lacak", "kode permohonan (8 huruf)"),
            ],
            Peristiwa::PermohonanDitolak => &[
                UMUM[0],
                UMUM[1],
                ("jenis_surat", "jenis surat yang dimohon"),
                ("kode_lacak", "kode permohonan (8 huruf)"),
                ("alasan", "alasan penolakan"),
            ],
            Peristiwa::SuratSiap => &[
                UMUM[0],
                UMUM[1],
                ("jenis_surat", "jenis surat"),
                ("kode_lacak", "kode permohonan (8 huruf)"),
                ("nomor", "nomor surat"),
                ("tautan", "alamat pemeriksaan keaslian surat"),
            ],
            Peristiwa::PengaduanDibalas => &[
                UMUM[0],
                UMUM[1],
                ("judul", "judul pengaduan"),
                ("kode_lacak", "kode lacak pengaduan"),
                ("status", "status pengaduan"),
                ("balasan", "isi tanggapan"),
            ],
            Peristiwa::ProdukDiperiksa => &[
                UMUM[0],
                UMUM[1],
                ("produk", "nama produk"),
                (
                    "hasil",
                    "\"disetujui dan tampil di lapak desa\" atau \"ditolak\"",
                ),
                (
                    "alasan",
                    "alasan penolakan dan langkah berikutnya (kosong bila disetujui)",
                ),
            ],
            Peristiwa::PinDireset => &UMUM,
            Peristiwa::KodeAktivasi => &[UMUM[0], UMUM[1], ("kode", "kode aktivasi")],
            Peristiwa::AdmindukDiperbarui => &[
                UMUM[0],
                UMUM[1],
                ("jenis_dokumen", "dokumen yang dimohon"),
                ("nomor", "nomor permohonan (AD-…)"),
                ("status", "status baru"),
                ("catatan", "alasan atau nomor dokumen yang terbit"),
            ],
            Peristiwa::SantunanDiperbarui => &[
                UMUM[0],
                UMUM[1],
                ("almarhum", "nama almarhum/almarhumah"),
                ("nomor", "nomor klaim (SK-…)"),
                ("status", "status baru"),
                ("catatan", "alasan, tenggat atau keterangan pembayaran"),
            ],
        }
    }

    /// The built-in template (title, body), used while the village has not written its own.
    pub fn templat_bawaan(self) -> (&'static str, &'static str) {
        match self {
            Peristiwa::PermohonanDiterima => (
                "Permohonan {jenis_surat} diterima",
                "Yth. {nama}, permohonan {jenis_surat} Anda telah diterima oleh Pemerintah Desa {desa} dengan kode {kode_lacak}. Kami akan memeriksa data Anda dan mengabarkan perkembangannya.",
            ),
            Peristiwa::PermohonanDisetujui => (
                "Permohonan {jenis_surat} disetujui",
                "Yth. {nama}, permohonan {jenis_surat} Anda (kode {kode_lacak}) telah diperiksa dan disetujui, dan kini menunggu tanda tangan. Kami akan mengabari Anda bila surat sudah siap.",
            ),
            Peristiwa::PermohonanDitolak => (
                "Permohonan {jenis_surat} tidak dapat diproses",
                "Yth. {nama}, mohon maaf, permohonan {jenis_surat} Anda (kode {kode_lacak}) tidak dapat diproses dengan alasan: {alasan}. Silakan menghubungi kantor Desa {desa} bila memerlukan penjelasan.",
            ),
            Peristiwa::SuratSiap => (
                "{jenis_surat} sudah siap",
                "Yth. {nama}, {jenis_surat} Anda dengan nomor {nomor} telah ditandatangani dan dapat diambil di kantor Desa {desa}. Keaslian surat dapat diperiksa di {tautan}",
            ),
            Peristiwa::PengaduanDibalas => (
                "Pengaduan Anda telah ditanggapi",
                "Yth. {nama}, pengaduan Anda \"{judul}\" (kode {kode_lacak}) telah ditanggapi oleh Pemerintah Desa {desa}. Status: {status}. Tanggapan: {balasan}",
            ),
            Peristiwa::ProdukDiperiksa => (
                "Produk lapak {hasil}",
                "Yth. {nama}, produk \"{produk}\" Anda telah diperiksa petugas Desa {desa}: {hasil}. {alasan}",
            ),
            Peristiwa::PinDireset => (
                "PIN layanan mandiri diatur ulang",
                "Yth. {nama}, PIN layanan mandiri Anda di Desa {desa} telah diatur ulang oleh petugas. Bila Anda tidak memintanya, segera hubungi kantor desa.",
            ),
            Peristiwa::KodeAktivasi => (
                "Kode aktivasi layanan mandiri",
                "Kode aktivasi layanan mandiri Desa {desa}: {kode}. Berlaku 15 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas desa.",
            ),
            Peristiwa::AdmindukDiperbarui => (
                "Permohonan {jenis_dokumen}: {status}",
                "Yth. {nama}, permohonan {jenis_dokumen} Anda dengan nomor {nomor} kini berstatus: {status}. {catatan} Keadaannya dapat diikuti di layanan mandiri atau di halaman lacak permohonan Desa {desa}.",
            ),
            Peristiwa::SantunanDiperbarui => (
                "Santunan kematian {almarhum}: {status}",
                "Yth. {nama}, klaim santunan kematian untuk almarhum/almarhumah {almarhum} dengan nomor {nomor} kini berstatus: {status}. {catatan} Tidak ada biaya apa pun untuk layanan ini. Keterangan lebih lanjut di kantor Desa {desa}.",
            ),
        }
    }
}

/// What a secret-carrying message's text becomes once it has been sent or given up.
pub const ISI_DISAMARKAN: &str =
    "(Isi pesan berisi kode rahasia dan tidak disimpan setelah dikirim.)";

/// Waits after the 1st…5th failed try; the 6th failure is final.
pub const JEDA_ULANG: [i64; 5] = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600];
pub const MAKS_PERCOBAAN: i64 = 6;
/// The short code of a letter request shown to residents: the end of its id, upper case.
pub fn kode_lacak_surat(id: Uuid) -> String {
    let s = id.simple().to_string();
    s[s.len() - 8..].to_uppercase()
}

pub const STATUS: [(&str, &str); 4] = [
    ("menunggu", "Menunggu dikirim"),
    ("dikirim", "Sedang dikirim"),
    ("terkirim", "Terkirim"),
    ("gagal", "Gagal"),
];

pub fn label_status(s: &str) -> &'static str {
    STATUS
        .iter()
        .find(|(k, _)| *k == s)
        .map(|(_, l)| *l)
        .unwrap_or("")
}

/// "6281234567890" → "628123•••890"; "siti@contoh.id" → "si•••@contoh.id".
pub fn samarkan_tujuan(t: &str) -> String {
    if let Some((nama, domain)) = t.split_once('@')
        && !nama.is_empty()
    {
        let awal: String = nama.chars().take(2).collect();
        return format!("{awal}•••@{domain}");
    }
    let n = t.chars().count();
    if n <= 4 {
        return "•••".into();
    }
    let awal: String = t.chars().take((n / 2).min(6)).collect();
    let akhir: String = t.chars().skip(n - 3).collect();
    format!("{awal}•••{akhir}")
}

/// Fills a template with the event's data.
pub fn render(templat: &str, nilai: &BTreeMap<String, String>) -> String {
    isi_templat(templat, |n| nilai.get(n).cloned())
}

/// A village's template of one event: title and text present, not too long, only the event's
/// own placeholders, and the activation code's text must carry `{kode}`.
pub fn periksa_templat(peristiwa: Peristiwa, judul: &str, isi: &str) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    for (kolom, nama, t, maks) in [
        ("judul", "Judul", judul, 200),
        ("isi", "Isi pesan", isi, 2000),
    ] {
        if t.is_empty() {
            g.push(kolom, format!("{nama} wajib diisi."));
        } else if t.chars().count() > maks {
            g.push(kolom, format!("{nama} paling banyak {maks} karakter."));
        } else {
            let tak_dikenal: Vec<String> = placeholder_di(t)
                .into_iter()
                .filter(|n| !peristiwa.placeholder().iter().any(|(p, _)| p == n))
                .map(|n| format!("{{{n}}}"))
                .collect();
            if !tak_dikenal.is_empty() {
                let ada: Vec<String> = peristiwa
                    .placeholder()
                    .iter()
                    .map(|(p, _)| format!("{{{p}}}"))
                    .collect();
                g.push(
                    kolom,
                    format!(
                        "{nama} memakai {} yang tidak dikenal. Yang dapat dipakai: {}.",
                        tak_dikenal.join(", "),
                        ada.join(", ")
                    ),
                );
            }
        }
    }
    if peristiwa == Peristiwa::KodeAktivasi && !isi.contains("{kode}") {
        g.push("isi", "Isi pesan kode aktivasi harus memuat {kode}.");
    }
    g.into_result(())
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn templat_desa_diperiksa() {
        let p = Peristiwa::KodeAktivasi;
        let g = periksa_templat(p, "", "Kode Anda {rahasia}").unwrap_err();
        assert!(g.untuk("judul").is_some());
        assert!(g.untuk("isi").unwrap().contains("{rahasia}"));
        assert!(
            periksa_templat(p, "Kode", "Kode Anda")
                .unwrap_err()
                .untuk("isi")
                .unwrap()
                .contains("{kode}")
        );
        assert_eq!(periksa_templat(p, "Kode", "Kode Anda {kode}"), Ok(()));
    }

    #[test]
    fn templat_bawaan_hanya_memakai_placeholder_peristiwanya() {
        for p in Peristiwa::SEMUA {
            let (j, i) = p.templat_bawaan();
            for n in placeholder_di(j).into_iter().chain(placeholder_di(i)) {
                assert!(
                    p.placeholder().iter().any(|(x, _)| *x == n),
                    "{}: {{{n}}}",
                    p.kode()
                );
            }
        }
    }

    #[test]
    fn tujuan_disamarkan() {
        assert_eq!(samarkan_tujuan("6281234567890"), "628123•••890");
        assert_eq!(samarkan_tujuan("siti@contoh.id"), "si•••@contoh.id");
    }
}
