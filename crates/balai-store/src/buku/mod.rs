//! The administrative books of Permendagri 47/2016 (A umum, B penduduk, C keuangan,
//! D pembangunan), generated from the data Balai holds, in the regulation's column layout.
//!
//! Each book is a `Buku`: its columns come from the catalogue (`kolom.csv`, the regulation's
//! headers as OpenSID prints them; multi-level headers are joined with " > "), its rows from
//! the module that owns the data. A book whose data Balai does not hold (or not yet, for this
//! village) carries a `Kekurangan` that names what is missing and where to enter it, so an
//! empty table never looks complete.

mod daftar;
mod keuangan;
mod pembangunan;
mod penduduk;
mod wilayah;

pub use daftar::{Ekspedisi, IsianEkspedisi, IsianSementara, PendudukSementara};
pub use penduduk::{Hitung, RekapDusun};
pub use wilayah::Kemutakhiran;

use crate::{Galat, Store};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::sync::OnceLock;

/// The period a book covers, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Periode {
    pub dari: NaiveDate,
    pub sampai: NaiveDate,
}

impl Periode {
    pub fn tahun(tahun: i32) -> Option<Periode> {
        Some(Periode {
            dari: NaiveDate::from_ymd_opt(tahun, 1, 1)?,
            sampai: NaiveDate::from_ymd_opt(tahun, 12, 31)?,
        })
    }
    pub fn bulan(tahun: i32, bulan: u32) -> Option<Periode> {
        let dari = NaiveDate::from_ymd_opt(tahun, bulan, 1)?;
        let sampai = dari
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?;
        Some(Periode { dari, sampai })
    }
    pub fn berisi(&self, t: NaiveDate) -> bool {
        self.dari <= t && t <= self.sampai
    }
    /// "1 Januari 2026 s.d. 31 Desember 2026", or "Tahun 2026" / "Bulan Maret 2026" when the
    /// period is exactly that.
    pub fn label(&self) -> String {
        use balai_domain::surat::teks::{NAMA_BULAN, tanggal_indonesia};
        if self.dari.day() == 1
            && self.dari.month() == 1
            && self.sampai.month() == 12
            && self.sampai.day() == 31
            && self.dari.year() == self.sampai.year()
        {
            return format!("Tahun {}", self.dari.year());
        }
        if Periode::bulan(self.dari.year(), self.dari.month()).as_ref() == Some(self) {
            return format!(
                "Bulan {} {}",
                NAMA_BULAN[self.dari.month0() as usize],
                self.dari.year()
            );
        }
        format!(
            "{} s.d. {}",
            tanggal_indonesia(self.dari),
            tanggal_indonesia(self.sampai)
        )
    }
}

/// What a book lacks: said on its page above the table, with the form that fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kekurangan {
    pub pesan: String,
    /// The page where the missing data is entered.
    pub tautan: String,
    pub label_tautan: String,
}

/// One book for one period, ready for a page, a PDF or an XLSX file.
#[derive(Debug, Clone, Serialize)]
pub struct Buku {
    pub kode: String,
    pub judul: String,
    /// Column headers; levels of a grouped header joined with " > ".
    pub kolom: Vec<String>,
    pub baris: Vec<Vec<String>>,
    pub kurang: Option<Kekurangan>,
    /// The index of the first row in `baris` (0 unless a page of the book was asked for).
    pub mulai: usize,
    /// Rows in the whole book.
    pub jumlah: usize,
}

impl Buku {
    /// An empty book with the catalogue's title and columns (of `bagian`, for the one book
    /// with two parts, A.7).
    pub fn baru(kode: &str, bagian: &str) -> Buku {
        let judul = katalog()
            .iter()
            .find(|b| b.kode == kode)
            .map(|b| b.nama.clone())
            .unwrap_or_default();
        Buku {
            kode: kode.to_string(),
            judul,
            kolom: kolom(kode, bagian),
            baris: Vec::new(),
            kurang: None,
            mulai: 0,
            jumlah: 0,
        }
    }
    /// Adds a row; the first cell (NOMOR URUT) is numbered here.
    pub fn tambah(&mut self, mut sel: Vec<String>) {
        sel.insert(0, (self.mulai + self.baris.len() + 1).to_string());
        debug_assert_eq!(sel.len(), self.kolom.len(), "buku {}", self.kode);
        self.baris.push(sel);
    }
}

/// A book of the regulation's list.
#[derive(Debug, Clone, Serialize)]
pub struct InfoBuku {
    /// "A", "B", "C", "D" or "E".
    pub kelompok: String,
    pub kode: String,
    pub nama: String,
}

pub const KELOMPOK: [(&str, &str); 4] = [
    ("A", "Administrasi Umum"),
    ("B", "Administrasi Penduduk"),
    ("C", "Administrasi Keuangan"),
    ("D", "Administrasi Pembangunan"),
];

/// The books of the regulation, A.1 to D.4 (E, "administrasi lainnya", is not standardised).
pub fn katalog() -> &'static [InfoBuku] {
    static K: OnceLock<Vec<InfoBuku>> = OnceLock::new();
    K.get_or_init(|| {
        let mut r = csv::Reader::from_reader(include_str!("daftar_buku.csv").as_bytes());
        r.records()
            .flatten()
            .filter(|b| &b[0] != "E")
            .map(|b| InfoBuku {
                kelompok: b[0].to_string(),
                kode: b[1].to_string(),
                nama: b[2].to_string(),
            })
            .collect()
    })
}

/// The columns of a book (of one part, for A.7), in order.
pub fn kolom(kode: &str, bagian: &str) -> Vec<String> {
    static K: OnceLock<Vec<[String; 3]>> = OnceLock::new();
    K.get_or_init(|| {
        let mut r = csv::Reader::from_reader(include_str!("kolom.csv").as_bytes());
        r.records()
            .flatten()
            .map(|b| [b[0].to_string(), b[1].to_string(), b[3].to_string()])
            .collect()
    })
    .iter()
    .filter(|[k, b, _]| k == kode && b == bagian)
    .map(|[_, _, n]| n.clone())
    .collect()
}

/// A cell of a book: the text, or "—" when there is none.
pub fn kosong(s: &str) -> String {
    match s.trim() {
        "" => "—".into(),
        t => t.to_string(),
    }
}

/// A date as the books print it: 07-12-2026.
pub fn tgl(t: NaiveDate) -> String {
    t.format("%d-%m-%Y").to_string()
}

/// "12/2026, 07-12-2026": a number and a date in one cell, or "—" when there is neither.
pub fn nomor_tanggal(nomor: &str, tanggal: Option<NaiveDate>) -> String {
    match (nomor.trim(), tanggal) {
        ("", None) => "—".into(),
        (n, None) => n.to_string(),
        ("", Some(t)) => tgl(t),
        (n, Some(t)) => format!("{n}, {}", tgl(t)),
    }
}

/// The books with personal data in their rows: each view or download is in the audit log.
pub fn berisi_data_pribadi(kode: &str) -> bool {
    matches!(kode, "B.1" | "B.2" | "B.4" | "B.5" | "A.4" | "A.7")
}

impl Store {
    /// One book of the catalogue for a period (`bagian` chooses the part of A.7: "surat
    /// masuk" or "surat keluar"). `None` for a code not in the catalogue.
    pub async fn buku(
        &self,
        desa_id: &str,
        kode: &str,
        bagian: &str,
        p: &Periode,
    ) -> Result<Option<Buku>, Galat> {
        let b = match kode {
            "A.1" => self.peraturan().buku_a1(desa_id, p).await?,
            "A.2" => self.peraturan().buku_a2(desa_id, p).await?,
            "A.3" => self.aset().buku_a3(desa_id, p).await?,
            "A.4" => self.perangkat().buku_a4(desa_id, p).await?,
            "A.5" => self.aset().buku_a5(desa_id, p).await?,
            "A.6" => self.aset().buku_a6(desa_id, p).await?,
            "A.7" => self.buku_a7(desa_id, p, bagian).await?,
            "A.8" => self.buku_a8(desa_id, p).await?,
            "A.9" => self.peraturan().buku_a9(desa_id, p).await?,
            "B.1" => self.buku_b1(desa_id, p, None).await?,
            "B.2" => self.buku_b2(desa_id, p).await?,
            "B.3" => self.buku_b3(desa_id, p).await?,
            "B.4" => self.buku_b4(desa_id, p).await?,
            "B.5" => self.buku_b5(desa_id, p, None).await?,
            "C.1" => self.buku_anggaran(desa_id, p, false).await?,
            "C.2" => self.buku_anggaran(desa_id, p, true).await?,
            "C.3" | "C.4" | "C.5" | "C.6" => self.buku_kas_desa(desa_id, kode, p).await?,
            "D.1" => self.buku_d1(desa_id, p).await?,
            "D.2" => self.buku_d2(desa_id, p).await?,
            "D.3" => self.buku_d3(desa_id, p).await?,
            "D.4" => self.perangkat().buku_d4(desa_id, p).await?,
            _ => return Ok(None),
        };
        let mut b = b;
        if b.jumlah == 0 {
            b.jumlah = b.baris.len();
        }
        Ok(Some(b))
    }

    /// `n` rows of a book from row `mulai` (0-based), for a page: the register books read only
    /// those residents; the others are built whole and cut.
    pub async fn buku_halaman(
        &self,
        desa_id: &str,
        kode: &str,
        bagian: &str,
        p: &Periode,
        mulai: usize,
        n: usize,
    ) -> Result<Option<Buku>, Galat> {
        match kode {
            "B.1" => return Ok(Some(self.buku_b1(desa_id, p, Some((mulai, n))).await?)),
            "B.5" => return Ok(Some(self.buku_b5(desa_id, p, Some((mulai, n))).await?)),
            _ => {}
        }
        let Some(mut b) = self.buku(desa_id, kode, bagian, p).await? else {
            return Ok(None);
        };
        b.mulai = mulai.min(b.baris.len());
        b.baris = b.baris.split_off(b.mulai);
        b.baris.truncate(n);
        Ok(Some(b))
    }

    /// A.7 Buku Agenda: the letters issued (surat keluar) or received (surat masuk).
    async fn buku_a7(&self, desa_id: &str, p: &Periode, bagian: &str) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.7", bagian);
        if bagian == "surat masuk" {
            let masuk = self
                .daftar_surat_masuk(desa_id, "", Some(p.dari), Some(p.sampai))
                .await?;
            for s in &masuk {
                b.tambah(vec![
                    tgl(s.tanggal_terima),
                    s.nomor_surat.clone(),
                    tgl(s.tanggal_surat),
                    s.pengirim.clone(),
                    s.isi_singkat.clone(),
                ]);
            }
        } else {
            b = Buku::baru("A.7", "surat keluar");
            let keluar = self
                .agenda_surat_keluar(desa_id, p.dari, p.sampai, "", "")
                .await?;
            for s in &keluar {
                b.tambah(vec![
                    s.nomor.clone().unwrap_or_default(),
                    s.tanggal.map(tgl).unwrap_or_default(),
                    s.nama_pemohon.clone(),
                    s.jenis_nama.clone(),
                ]);
            }
        }
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katalog_memuat_buku_a_sampai_d_dengan_kolomnya() {
        assert_eq!(katalog().len(), 24);
        assert_eq!(kolom("B.3", "").len(), 33);
        assert_eq!(kolom("A.7", "surat masuk").len(), 6);
        assert_eq!(kolom("A.4", "")[2], "NIAP");
        let b = Buku::baru("B.1", "");
        assert_eq!(b.judul, "Buku Induk Penduduk");
    }

    #[test]
    fn periode_diberi_label_yang_lazim() {
        assert_eq!(Periode::tahun(2026).unwrap().label(), "Tahun 2026");
        let p = Periode::bulan(2026, 2).unwrap();
        assert_eq!(p.sampai, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(p.label(), "Bulan Februari 2026");
    }
}
