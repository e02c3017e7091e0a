//! Finding the header row and keeping the data rows of the matching sheet.

use super::FormatImpor;
use super::berkas::{self, Baris, Lanjut, MAKS_BARIS, Penerima, galat_berkas};
use super::kolom::{judul_baku, normal_judul, petakan};
use crate::Galat;
use balai_domain::penduduk::label_kolom;

/// How far down a sheet the header row is looked for (SIAK exports start with title lines).
const CARI_JUDUL: usize = 30;

/// The data of one import file, read but not yet checked.
#[derive(Debug, Clone)]
pub struct Tabel {
    pub format: FormatImpor,
    /// Sheet the data came from ("CSV" for a CSV file).
    pub lembar: String,
    /// Row number of the header row.
    pub baris_judul: usize,
    /// The recognised columns: field key and the header as written in the file. Index `i` here is
    /// index `i` of every `BarisData::sel`.
    pub kolom: Vec<(&'static str, String)>,
    pub baris: Vec<BarisData>,
}

/// One data row, holding only the recognised columns.
#[derive(Debug, Clone)]
pub struct BarisData {
    /// Row number as the operator sees it in the spreadsheet (header = 1 in a normal sheet).
    pub nomor: usize,
    pub sel: Vec<String>,
    /// Bit i set: column i held a number rather than text.
    pub angka: u64,
}

impl Tabel {
    /// Index of a field's column, if the file has it.
    pub fn indeks(&self, kunci: &str) -> Option<usize> {
        self.kolom.iter().position(|(k, _)| *k == kunci)
    }

    /// The header of a field as written in the file, or the format's usual header.
    pub fn judul(&self, kunci: &str) -> String {
        self.kolom
            .iter()
            .find(|(k, _)| *k == kunci)
            .map(|(_, j)| j.clone())
            .or_else(|| judul_baku(self.format, kunci).map(str::to_string))
            .unwrap_or_else(|| label_kolom(kunci).to_string())
    }
}

struct Pemeta {
    format: FormatImpor,
    lembar: String,
    dicari: usize,
    peta: Option<(Vec<(&'static str, usize)>, usize)>,
    tabel: Option<Tabel>,
    /// Best header candidate seen: (recognised required count, sheet, row, cells).
    calon: Option<(usize, String, usize, Vec<String>)>,
}

impl Penerima for Pemeta {
    fn lembar_baru(&mut self, nama: &str) -> Lanjut {
        if self.tabel.is_some() {
            return Lanjut::Selesai;
        }
        // OpenSID's template carries a code reference sheet beside the data.
        if normal_judul(nama) == "kodedata" {
            return Lanjut::LembarBerikut;
        }
        self.lembar = nama.to_string();
        self.dicari = 0;
        self.peta = None;
        Lanjut::Terus
    }

    fn baris(&mut self, b: Baris) -> Result<Lanjut, Galat> {
        let Some((peta, _)) = &self.peta else {
            return Ok(self.coba_judul(b));
        };
        // OpenSID's template marks the end of the data with "###".
        if b.sel.iter().any(|s| s.trim_start().starts_with("###")) {
            return Ok(Lanjut::Selesai);
        }
        let mut sel = Vec::with_capacity(peta.len());
        let mut angka = 0u64;
        for (i, (_, kol)) in peta.iter().enumerate() {
            sel.push(b.sel.get(*kol).cloned().unwrap_or_default());
            if *kol < 64 && b.angka & (1 << kol) != 0 && i < 64 {
                angka |= 1 << i;
            }
        }
        // A row without anyone in it (OpenSID's template has rows of formulas below the data).
        let kosong = |k: &str| {
            peta.iter()
                .position(|(kk, _)| *kk == k)
                .is_none_or(|i| sel[i].trim().is_empty())
        };
        if sel.iter().all(|s| s.trim().is_empty())
            || [
                "nik", "nama", "no_kk", "dusun", "rw", "rt", "rt_rw", "rw_rt",
            ]
            .iter()
            .all(|k| kosong(k))
        {
            return Ok(Lanjut::Terus);
        }
        let t = self
            .tabel
            .as_mut()
            .expect("table exists once the header is found");
        if t.baris.len() >= MAKS_BARIS {
            return Err(galat_berkas(format!(
                "Berkas berisi lebih dari {MAKS_BARIS} baris data. Bagi data menjadi beberapa berkas (misalnya per dusun), lalu impor satu per satu."
            )));
        }
        t.baris.push(BarisData {
            nomor: b.nomor,
            sel,
            angka,
        });
        Ok(Lanjut::Terus)
    }
}

impl Pemeta {
    fn coba_judul(&mut self, b: Baris) -> Lanjut {
        self.dicari += 1;
        let peta = petakan(self.format, &b.sel);
        let kunci: Vec<&str> = peta.iter().map(|(k, ..)| *k).collect();
        let kurang = self.format.kurang(&kunci).len();
        let ada = self.format.wajib().len().saturating_sub(kurang);
        if kurang == 0 {
            self.tabel = Some(Tabel {
                format: self.format,
                lembar: self.lembar.clone(),
                baris_judul: b.nomor,
                kolom: peta.iter().map(|(k, _, j)| (*k, j.clone())).collect(),
                baris: Vec::new(),
            });
            self.peta = Some((peta.iter().map(|(k, i, _)| (*k, *i)).collect(), b.nomor));
            return Lanjut::Terus;
        }
        if self.calon.as_ref().is_none_or(|(n, ..)| ada > *n) {
            self.calon = Some((ada, self.lembar.clone(), b.nomor, b.sel));
        }
        if self.dicari >= CARI_JUDUL {
            Lanjut::LembarBerikut
        } else {
            Lanjut::Terus
        }
    }

    /// Which required columns are missing, what was found, and a hint if the other format fits.
    fn galat_judul(&self) -> Galat {
        let Some((_, lembar, nomor, sel)) = &self.calon else {
            return galat_berkas(
                "Berkas tidak berisi data: tidak ada baris yang terisi. Periksa bahwa Anda mengunggah berkas yang benar.",
            );
        };
        let peta = petakan(self.format, sel);
        let kunci: Vec<&str> = peta.iter().map(|(k, ..)| *k).collect();
        let kurang: Vec<String> = self
            .format
            .kurang(&kunci)
            .into_iter()
            .map(|w| judul_baku(self.format, w).unwrap_or(w).to_string())
            .collect();
        let ditemukan: Vec<&str> = sel
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .take(45)
            .collect();
        let lain = match self.format {
            FormatImpor::OpenSid => FormatImpor::Siak,
            FormatImpor::Siak => FormatImpor::OpenSid,
        };
        let peta_lain = petakan(lain, sel);
        let kunci_lain: Vec<&str> = peta_lain.iter().map(|(k, ..)| *k).collect();
        let cocok_lain = lain.kurang(&kunci_lain).is_empty();
        let saran = if cocok_lain {
            format!(
                " Berkas ini tampaknya berformat {}; pilih format tersebut lalu impor ulang.",
                lain.nama()
            )
        } else {
            format!(
                " Gunakan baris judul format {} tanpa mengubah nama kolomnya.",
                self.format.nama()
            )
        };
        let tempat = if lembar == "CSV" {
            format!("baris {nomor}")
        } else {
            format!("lembar \"{lembar}\" baris {nomor}")
        };
        galat_berkas(format!(
            "Kolom wajib tidak ditemukan: {}. Kolom yang ditemukan pada {tempat}: {}.{saran}",
            kurang.join(", "),
            if ditemukan.is_empty() {
                "(tidak ada)".to_string()
            } else {
                ditemukan.join(", ")
            },
        ))
    }
}

/// Reads an import file (xlsx, xls or csv, recognised by content) into its header and data rows.
///
/// Synchronous and free of database access. A file-level problem (unreadable, too big, missing
/// required columns) is `Galat::Isian` on the field `berkas`, with an Indonesian message.
pub fn baca_berkas(nama_berkas: &str, isi: &[u8], format: FormatImpor) -> Result<Tabel, Galat> {
    let mut p = Pemeta {
        format,
        lembar: String::new(),
        dicari: 0,
        peta: None,
        tabel: None,
        calon: None,
    };
    berkas::baca(isi, &mut p).map_err(|e| match e {
        Galat::Isian(mut g) => {
            if let Some(x) = g.0.first_mut()
                && !nama_berkas.is_empty()
            {
                x.pesan = format!("{nama_berkas}: {}", x.pesan);
            }
            Galat::Isian(g)
        }
        e => e,
    })?;
    match p.tabel {
        Some(t) if t.baris.is_empty() => Err(galat_berkas(format!(
            "{nama_berkas}: baris judul ditemukan (baris {}), tetapi tidak ada baris data di bawahnya.",
            t.baris_judul
        ))),
        Some(t) => Ok(t),
        None => Err(match p.galat_judul() {
            Galat::Isian(mut g) => {
                if let Some(x) = g.0.first_mut()
                    && !nama_berkas.is_empty()
                {
                    x.pesan = format!("{nama_berkas}: {}", x.pesan);
                }
                Galat::Isian(g)
            }
            e => e,
        }),
    }
}

/// Whatever bytes arrive as an import file, the reader answers with a table or a message, never
/// a panic; and a CSV of arbitrary cells reads back cell for cell.
#[cfg(test)]
mod uji_sifat {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn berkas_acak_tidak_pernah_panik(isi in proptest::collection::vec(any::<u8>(), 0..4096),
                                          nama in prop::sample::select(vec!["a.csv", "a.xlsx", "a.xls", "a.txt"]),
                                          siak in any::<bool>()) {
            let format = if siak { FormatImpor::Siak } else { FormatImpor::OpenSid };
            let _ = baca_berkas(nama, &isi, format);
        }

        #[test]
        fn awalan_zip_dan_xls_acak_tidak_pernah_panik(ekor in proptest::collection::vec(any::<u8>(), 0..4096),
                                                     xls in any::<bool>()) {
            // Past the magic bytes the readers go deeper into the structure.
            let mut isi = if xls { vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] } else { b"PK\x03\x04".to_vec() };
            isi.extend(ekor);
            let _ = baca_berkas(if xls { "a.xls" } else { "a.xlsx" }, &isi, FormatImpor::OpenSid);
        }
    }
}
