//! Turning an uploaded file (xlsx, xls or csv) into rows of cell text, within fixed limits, so a
//! hostile or broken file ends with an Indonesian message instead of a crash, a hang or
//! unbounded memory.
//!
//! Formula cells are read as the value the spreadsheet program last saved with them; nothing is
//! ever evaluated.

use crate::Galat;
use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Largest file accepted.
pub const MAKS_UKURAN: usize = 20 * 1024 * 1024;
/// Most data rows in one file; a bigger register is imported in parts.
pub const MAKS_BARIS: usize = 100_000;
/// Cells right of this column are ignored.
pub(crate) const MAKS_KOLOM: usize = 256;

// Inside an xlsx (a zip): per-part and total limits on the *decompressed* size, checked by
// actually inflating (the sizes a zip declares can lie).
const MAKS_XLSX_LEMBAR: u64 = 400 * 1024 * 1024;
const MAKS_XLSX_STRING: u64 = 64 * 1024 * 1024;
const MAKS_XLSX_LAIN: u64 = 16 * 1024 * 1024;
const MAKS_XLSX_TOTAL: u64 = 600 * 1024 * 1024;
const MAKS_XLSX_BAGIAN: usize = 5_000;

/// One non-empty row of a sheet.
pub(crate) struct Baris {
    /// Row number as the operator sees it (header row of a normal sheet = 1).
    pub nomor: usize,
    /// Cell texts from column A (index 0).
    pub sel: Vec<String>,
    /// Bit i set: cell i held a number, not text (matters for NIKs, see `periksa`).
    pub angka: u64,
}

/// What the receiver wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lanjut {
    Terus,
    LembarBerikut,
    Selesai,
}

/// Receives the rows of each sheet in order.
pub(crate) trait Penerima {
    fn lembar_baru(&mut self, nama: &str) -> Lanjut;
    fn baris(&mut self, b: Baris) -> Result<Lanjut, Galat>;
}

/// A file-level problem (the whole file is refused), reported on the upload field.
pub(crate) fn galat_berkas(pesan: impl Into<String>) -> Galat {
    Galat::isian("berkas", pesan)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jenis {
    Xlsx,
    Xls,
    Csv,
}

const BUKAN_LEMBAR_KERJA: &str = "Berkas ini bukan lembar kerja yang dapat dibaca. Unggah berkas Excel (.xlsx atau .xls) atau CSV hasil ekspor OpenSID/SIAK.";

/// Recognises the kind of file by its content (the name may lie or be missing).
pub(crate) fn kenali(isi: &[u8]) -> Result<Jenis, Galat> {
    if isi.is_empty() {
        return Err(galat_berkas(
            "Berkas kosong: tidak ada isi yang dapat dibaca.",
        ));
    }
    if isi.len() > MAKS_UKURAN {
        return Err(galat_berkas(format!(
            "Berkas terlalu besar ({:.1} MB); paling besar {} MB. Bagi data menjadi beberapa berkas, misalnya per dusun.",
            isi.len() as f64 / (1024.0 * 1024.0),
            MAKS_UKURAN / (1024 * 1024)
        )));
    }
    if isi.starts_with(b"PK\x03\x04") {
        return Ok(Jenis::Xlsx);
    }
    if isi.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Jenis::Xls);
    }
    if tampak_teks(isi) {
        return Ok(Jenis::Csv);
    }
    Err(galat_berkas(BUKAN_LEMBAR_KERJA))
}

/// Text, not binary: no NUL bytes and almost no control characters in the first 64 KB.
fn tampak_teks(isi: &[u8]) -> bool {
    if isi.starts_with(&[0xFF, 0xFE]) || isi.starts_with(&[0xFE, 0xFF]) {
        return true; // UTF-16 with a byte order mark
    }
    let awal = &isi[..isi.len().min(64 * 1024)];
    if awal.contains(&0) {
        return false;
    }
    let kendali = awal
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\r' | b'\n' | 0x0C))
        .count();
    let sah = std::str::from_utf8(awal).is_ok()
        // A multi-byte character may be cut at the 64 KB boundary.
        || std::str::from_utf8(&awal[..awal.len().saturating_sub(4)]).is_ok();
    // Non-UTF-8 text (Windows-1252 from old Excel) is accepted when it is mostly printable ASCII.
    let ascii = awal
        .iter()
        .filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
        .count();
    kendali * 100 <= awal.len() && (sah || ascii * 100 >= awal.len() * 95)
}

/// Reads every sheet of the file, row by row, into `p`.
pub(crate) fn baca(isi: &[u8], p: &mut dyn Penerima) -> Result<(), Galat> {
    match kenali(isi)? {
        Jenis::Csv => baca_csv(isi, p),
        Jenis::Xlsx => {
            periksa_zip(isi)?;
            // calamine is not ours: a panic inside it must not take the server down with it.
            match catch_unwind(AssertUnwindSafe(|| baca_xlsx(isi, p))) {
                Ok(r) => r,
                Err(_) => Err(galat_berkas(
                    "Berkas Excel rusak dan tidak dapat dibaca. Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah kembali.",
                )),
            }
        }
        Jenis::Xls => super::xls::baca_xls(isi, p),
    }
}

/// Collects the cells of one row and hands the row over when the next row starts.
pub(crate) struct Perakit {
    kini: Option<Baris>,
    pub lanjut: Lanjut,
}

impl Perakit {
    pub fn new() -> Self {
        Perakit {
            kini: None,
            lanjut: Lanjut::Terus,
        }
    }

    /// Adds a cell (0-based row and column). Returns false when the receiver wants no more
    /// rows of this sheet.
    pub fn sel(
        &mut self,
        p: &mut dyn Penerima,
        baris: u32,
        kolom: u32,
        teks: String,
        angka: bool,
    ) -> Result<bool, Galat> {
        let kolom = kolom as usize;
        if kolom >= MAKS_KOLOM || teks.trim().is_empty() {
            return Ok(true);
        }
        let nomor = baris as usize + 1;
        if self.kini.as_ref().is_some_and(|b| b.nomor != nomor) && !self.serahkan(p)? {
            return Ok(false);
        }
        let b = self.kini.get_or_insert_with(|| Baris {
            nomor,
            sel: Vec::new(),
            angka: 0,
        });
        if b.sel.len() <= kolom {
            b.sel.resize(kolom + 1, String::new());
        }
        b.sel[kolom] = teks;
        if angka && kolom < 64 {
            b.angka |= 1 << kolom;
        }
        Ok(true)
    }

    /// Hands over the pending row, if any. Returns false when the receiver wants no more rows.
    pub fn serahkan(&mut self, p: &mut dyn Penerima) -> Result<bool, Galat> {
        if let Some(b) = self.kini.take() {
            self.lanjut = p.baris(b)?;
        }
        Ok(self.lanjut == Lanjut::Terus)
    }
}

fn baca_xlsx(isi: &[u8], p: &mut dyn Penerima) -> Result<(), Galat> {
    use calamine::{Reader, Xlsx};
    let rusak = |e: calamine::XlsxError| {
        tracing::info!(galat = %e, "berkas xlsx tidak terbaca");
        galat_berkas(
            "Berkas Excel (.xlsx) rusak atau bukan lembar kerja Excel. Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah kembali.",
        )
    };
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(isi)).map_err(rusak)?;
    for nama in wb.sheet_names() {
        match p.lembar_baru(&nama) {
            Lanjut::Terus => {}
            Lanjut::LembarBerikut => continue,
            Lanjut::Selesai => return Ok(()),
        }
        let mut r = match wb.worksheet_cells_reader(&nama) {
            Ok(r) => r,
            // Chart sheets and the like have no cells.
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(rusak(e)),
        };
        let mut rakit = Perakit::new();
        while let Some(c) = r.next_cell().map_err(rusak)? {
            let (baris, kolom) = c.get_position();
            let (teks, angka) = teks_data(c.get_value());
            if !rakit.sel(p, baris, kolom, teks, angka)? {
                break;
            }
        }
        if rakit.lanjut == Lanjut::Terus {
            rakit.serahkan(p)?;
        }
        if rakit.lanjut == Lanjut::Selesai {
            return Ok(());
        }
    }
    Ok(())
}

/// Text of a cell; the flag says it held a number.
fn teks_data(v: &calamine::DataRef<'_>) -> (String, bool) {
    use calamine::DataRef as D;
    match v {
        D::String(s) | D::DateTimeIso(s) | D::DurationIso(s) => (s.clone(), false),
        D::SharedString(s) => (s.to_string(), false),
        D::Int(i) => (i.to_string(), true),
        D::Float(f) => (teks_angka(*f), true),
        D::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), false),
        D::DateTime(d) if d.is_datetime() => {
            let (y, m, h, ..) = d.to_ymd_hms_milli();
            (format!("{y:04}-{m:02}-{h:02}"), false)
        }
        D::DateTime(d) => (teks_angka(d.as_f64()), true),
        D::Error(e) => (e.to_string(), false),
        D::Empty => (String::new(), false),
    }
}

/// Whole numbers without ".0" or exponent (a NIK stored as a number must read as 16 digits).
pub(crate) fn teks_angka(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e18 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Inflates every part of the zip once, counting bytes, before calamine opens it: calamine keeps
/// shared strings in memory and reserves what the file claims, so a zip bomb or a lying header
/// must be refused first.
fn periksa_zip(isi: &[u8]) -> Result<(), Galat> {
    let rusak = || {
        galat_berkas(
            "Berkas .xlsx rusak (arsip zip tidak sah). Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah kembali.",
        )
    };
    let bom = || {
        galat_berkas(
            "Isi berkas .xlsx jauh lebih besar daripada yang wajar untuk data penduduk (kemungkinan berkas rusak atau sengaja dibuat berbahaya). Berkas ditolak.",
        )
    };
    let mut z = zip::ZipArchive::new(Cursor::new(isi)).map_err(|_| rusak())?;
    if z.len() > MAKS_XLSX_BAGIAN {
        return Err(bom());
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") || m.contains("assword") => {
                galat_berkas("Berkas Excel dilindungi kata sandi. Buka proteksinya di Excel, simpan, lalu unggah kembali.")
            }
            _ => rusak(),
        })?;
        let nama = f.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let batas = if nama.contains("worksheets/") {
            MAKS_XLSX_LEMBAR
        } else if nama.ends_with("sharedstrings.xml") {
            MAKS_XLSX_STRING
        } else {
            MAKS_XLSX_LAIN
        };
        let mut n: u64 = 0;
        let mut awal: Vec<u8> = Vec::new();
        loop {
            let k = match f.read(&mut buf) {
                Ok(0) => break,
                Ok(k) => k,
                Err(_) => return Err(rusak()),
            };
            if awal.len() < 4096 {
                let ambil = k.min(4096 - awal.len());
                awal.extend_from_slice(&buf[..ambil]);
            }
            n += k as u64;
            if n > batas || total + n > MAKS_XLSX_TOTAL {
                return Err(bom());
            }
        }
        total += n;
        // calamine reserves room for `uniqueCount` strings up front; refuse a count the part
        // cannot possibly hold (each string takes at least `<si><t/></si>`).
        if nama.ends_with("sharedstrings.xml")
            && let Some(jumlah) = atribut_angka(&awal, b"uniqueCount=\"")
            && jumlah > n / 12 + 16
        {
            return Err(bom());
        }
    }
    Ok(())
}

fn atribut_angka(xml: &[u8], kunci: &[u8]) -> Option<u64> {
    let i = xml.windows(kunci.len()).position(|w| w == kunci)? + kunci.len();
    let digit: Vec<u8> = xml[i..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    // Too many digits for u64 is certainly too many strings.
    Some(
        std::str::from_utf8(&digit)
            .ok()?
            .parse::<u64>()
            .unwrap_or(u64::MAX),
    )
}

/// CSV from Excel, LibreOffice, OpenSID or a SIAK export: UTF-8 (with or without BOM), UTF-16
/// with BOM, or Windows-1252; separated by comma, semicolon (Indonesian Excel) or tab.
fn baca_csv(isi: &[u8], p: &mut dyn Penerima) -> Result<(), Galat> {
    let teks = dekode_teks(isi);
    let pemisah = tebak_pemisah(&teks);
    if p.lembar_baru("CSV") != Lanjut::Terus {
        return Ok(());
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(pemisah)
        .from_reader(teks.as_bytes());
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let nomor = rec.position().map(|q| q.line() as usize).unwrap_or(0);
                if rec.iter().all(|s| s.trim().is_empty()) {
                    continue;
                }
                // Balai's own CSV exports neutralise formula prefixes with a quote.
                let sel: Vec<String> = rec
                    .iter()
                    .take(MAKS_KOLOM)
                    .map(|s| balai_domain::lembar::baca_sel_csv(s).to_string())
                    .collect();
                if p.baris(Baris {
                    nomor,
                    sel,
                    angka: 0,
                })? != Lanjut::Terus
                {
                    break;
                }
            }
            Err(e) => {
                let baris = e.position().map(|q| q.line()).unwrap_or(0);
                return Err(galat_berkas(format!(
                    "Berkas CSV tidak dapat dibaca sekitar baris {baris}: susunan tanda petik atau pemisah kolom tidak benar."
                )));
            }
        }
    }
    Ok(())
}

fn dekode_teks(isi: &[u8]) -> Cow<'_, str> {
    if let Some(s) = isi.strip_prefix(&[0xEF, 0xBB, 0xBF])
        && let Ok(t) = std::str::from_utf8(s)
    {
        return Cow::Borrowed(t);
    }
    if let Some(s) = isi.strip_prefix(&[0xFF, 0xFE]) {
        let u: Vec<u16> = s
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return Cow::Owned(String::from_utf16_lossy(&u));
    }
    if let Some(s) = isi.strip_prefix(&[0xFE, 0xFF]) {
        let u: Vec<u16> = s
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Cow::Owned(String::from_utf16_lossy(&u));
    }
    match std::str::from_utf8(isi) {
        Ok(t) => Cow::Borrowed(t),
        // Old Excel on Windows writes CSV in Windows-1252; Latin-1 is close enough for names.
        Err(_) => Cow::Owned(isi.iter().map(|b| *b as char).collect()),
    }
}

/// The separator that occurs most often in the first non-empty line.
fn tebak_pemisah(teks: &str) -> u8 {
    let baris = teks
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|c| (baris.bytes().filter(|b| b == c).count(), *c == b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pemisah_titik_koma_dikenali() {
        assert_eq!(tebak_pemisah("nik;nama;dusun\n1;2;3"), b';');
        assert_eq!(tebak_pemisah("nik,nama\n"), b',');
        assert_eq!(tebak_pemisah("satu kolom\n"), b',');
    }

    #[test]
    fn biner_bukan_csv() {
        assert!(kenali(&[0u8, 1, 2, 3, 200, 201]).is_err());
        assert_eq!(kenali(b"nik,nama\n").unwrap(), Jenis::Csv);
    }

    #[test]
    fn angka_bulat_tanpa_desimal() {
        assert_eq!(teks_angka(5201145003976995.0), "5201145003976995");
        assert_eq!(teks_angka(2.5), "2.5");
    }
}
