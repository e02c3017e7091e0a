//! Renders official village letters (surat) to PDF with typst, in-process.
//!
//! [`Mesin`] holds what is expensive to build (standard library, fonts, the parsed letter
//! frame) and is built once; each [`Mesin::render`] makes a small [`World`] that serves only
//! this crate's virtual files:
//!
//! | path           | content                                                      |
//! |----------------|--------------------------------------------------------------|
//! | `/surat.typ`   | the letter frame (`src/surat.typ`), the main file            |
//! | `/pustaka.typ` | helpers for bodies: `data`, `biodata`, `rincian`, `orang`    |
//! | `/badan.typ`   | one prelude line importing the helpers, then the body        |
//! | `/data.json`   | [`Dokumen::data`]                                            |
//! | `/opsi.json`   | paper size and which attachments exist                       |
//! | `/logo`        | the village logo (PNG or JPEG), when given                   |
//! | `/qr.png`      | the verification QR code, when given                         |
//!
//! Anything else (real paths, `@preview/...` packages) is refused.
//!
//! A body can use (see `src/pustaka.typ`): `data` (the whole [`contoh_data`]-shaped
//! dictionary, e.g. `#data.p.nama`), `#biodata(person)`, `#rincian(((label, value), ...))` and
//! `#orang(role)` (a person dictionary or `none`). Data values are strings and print as text,
//! never as markup.
//!
//! Runaway templates: typst has no instruction or memory limit, so a body such as
//! `#for i in range(100000000) [x]` keeps a thread busy and can use a lot of memory. Bodies
//! are written by village admins, not the public, and [`Mesin::periksa`] renders them before
//! they are saved. Letters whose bodies admins write go through [`pekerja::Kolam`], worker
//! processes that are stopped when a render runs out of time.

mod kepala;
pub mod pekerja;

use kepala::boleh_dipenggal;
pub use kepala::{SelKepala, kepala_bertingkat};

use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

#[cfg(test)]
mod tests;

/// The letter frame; see the module docs.
const SURAT_TYP: &str = include_str!("surat.typ");
/// The frame of registers and reports (a table).
const LAPORAN_TYP: &str = include_str!("laporan.typ");
/// The frame of Dukcapil application forms (labelled rows, a checklist, signatures).
const FORMULIR_TYP: &str = include_str!("formulir.typ");
/// Helpers that bodies may use.
const PUSTAKA_TYP: &str = include_str!("pustaka.typ");
/// First line of `/badan.typ`. It must stay one line: error lines are shifted by one.
const PRELUDE: &str = "#import \"/pustaka.typ\": data, biodata, rincian, orang\n";

/// Libertinus Serif (SIL OFL 1.1, see `fonts/OFL.txt`). Only the four faces a letter needs are
/// embedded, which keeps the binary about 1.2 MB bigger instead of typst-assets' 9 MB.
const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/LibertinusSerif-BoldItalic.otf"),
];

/// Largest body accepted, as a cheap guard against pasted junk.
const BADAN_MAKS: usize = 64 * 1024;

/// Interned ids of the virtual files; interning is global in typst, so do it once.
struct Berkas {
    surat: FileId,
    laporan: FileId,
    formulir: FileId,
    pustaka: FileId,
    badan: FileId,
    data: FileId,
    opsi: FileId,
    logo: FileId,
    qr: FileId,
}

static BERKAS: LazyLock<Berkas> = LazyLock::new(|| Berkas {
    surat: id_berkas("/surat.typ"),
    laporan: id_berkas("/laporan.typ"),
    formulir: id_berkas("/formulir.typ"),
    pustaka: id_berkas("/pustaka.typ"),
    badan: id_berkas("/badan.typ"),
    data: id_berkas("/data.json"),
    opsi: id_berkas("/opsi.json"),
    logo: id_berkas("/logo"),
    qr: id_berkas("/qr.png"),
});

fn id_berkas(path: &str) -> FileId {
    // The paths above are constant and valid, so this cannot fail.
    let vpath = VirtualPath::new(path).expect("valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Paper size of a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kertas {
    /// 210 mm x 297 mm.
    A4,
    /// Folio, 215 mm x 330 mm, still common in Indonesian offices.
    F4,
}

impl Kertas {
    /// The code stored in settings and databases: `"A4"` or `"F4"`.
    pub fn kode(self) -> &'static str {
        match self {
            Kertas::A4 => "A4",
            Kertas::F4 => "F4",
        }
    }

    /// Parses [`Kertas::kode`]; case-insensitive.
    pub fn dari_kode(s: &str) -> Option<Kertas> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A4" => Some(Kertas::A4),
            "F4" => Some(Kertas::F4),
            _ => None,
        }
    }
}

/// One letter to render.
#[derive(Clone, Copy, Debug)]
pub struct Dokumen<'a> {
    /// The letter type's body: typst markup written by admins.
    pub badan: &'a str,
    /// The data contract; see [`contoh_data`].
    pub data: &'a serde_json::Value,
    /// PNG or JPEG bytes of the village logo.
    pub logo: Option<&'a [u8]>,
    /// Text (a URL) encoded as QR code near the signature.
    pub qr: Option<&'a str>,
    pub kertas: Kertas,
    /// Text printed large and faint across every page (the practice village's "LATIHAN —
    /// TIDAK SAH"); none on real letters.
    pub tanda_air: Option<&'a str>,
}

/// A civil registration form (Dukcapil's F-1.xx / F-2.xx): portrait, the form code in a box,
/// sections of labelled rows, the requirements checklist and the signatures.
#[derive(Clone, Copy, Debug)]
pub struct Formulir<'a> {
    /// "F-2.01".
    pub kode: &'a str,
    pub judul: &'a str,
    /// The application's reference number, printed top-left.
    pub nomor: &'a str,
    /// Province, regency, district, village: (label, "code – name").
    pub wilayah: &'a [(String, String)],
    pub bagian: &'a [BagianFormulir],
    /// (requirement, attached?).
    pub syarat: &'a [(String, bool)],
    /// Place and date above the signatures.
    pub tempat_tanggal: &'a str,
    /// (role, name) per signature column.
    pub tanda_tangan: &'a [(String, String)],
    pub kertas: Kertas,
}

/// One section of a form: a heading and (label, value) rows.
#[derive(Clone, Debug, Serialize)]
pub struct BagianFormulir {
    pub judul: String,
    pub baris: Vec<(String, String)>,
}

/// A register or report: a title, column names and rows of text.
#[derive(Clone, Copy, Debug)]
pub struct Tabel<'a> {
    pub judul: &'a str,
    pub subjudul: &'a str,
    pub kolom: &'a [&'a str],
    pub baris: &'a [Vec<String>],
    pub kertas: Kertas,
    /// Letterhead lines above the title (government, district, village, office address);
    /// empty for none.
    pub kop: &'a [String],
    /// The signature block under the table, right-aligned: place and date, position, name.
    pub tanda_tangan: &'a [String],
    /// A row of column numbers (1, 2, 3 …) under the headers, as the regulation's book forms
    /// print it.
    pub nomor_kolom: bool,
}

/// "Rp 1.250.000", "(Rp 5.000)", "40,0%", "1.204": an amount, a share or a count. Account codes
/// such as "5.2.1.07" are not (their groups are not thousands).
fn angka(s: &str) -> bool {
    let s = s.trim_start_matches(['(', '-']).trim_end_matches(')');
    let s = s.strip_prefix("Rp").unwrap_or(s).trim();
    let s = s.strip_suffix('%').unwrap_or(s);
    let (bulat, pecahan) = s.split_once(',').unwrap_or((s, "0"));
    let mut kelompok = bulat.split('.');
    let pertama = kelompok.next().unwrap_or("");
    // With thousands separators the first group has 1 to 3 digits.
    let panjang_boleh = if bulat.contains('.') { 3 } else { 18 };
    !pertama.is_empty()
        && pertama.len() <= panjang_boleh
        && pertama.chars().all(|c| c.is_ascii_digit())
        && kelompok.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
        && pecahan.chars().all(|c| c.is_ascii_digit())
}

/// Columns whose every filled cell is an amount, a count or a share: printed right-aligned.
/// The header rows as printed: long words may break at a syllable (see `boleh_dipenggal`).
fn kepala_cetak(kolom: &[&str]) -> Vec<Vec<SelKepala>> {
    let mut k = kepala_bertingkat(kolom);
    for sel in k.iter_mut().flatten() {
        sel.teks = boleh_dipenggal(&sel.teks);
    }
    k
}

fn kolom_angka(t: &Tabel) -> Vec<usize> {
    (0..t.kolom.len())
        .filter(|&i| {
            let mut ada = false;
            let semua = t.baris.iter().all(|b| {
                let s = b[i].trim();
                if s.is_empty() || s == "—" {
                    return true;
                }
                ada = true;
                angka(s)
            });
            semua && ada
        })
        .collect()
}

/// A letter that could not be rendered. `baris`/`kolom` (1-based) point into the body
/// (`badan`) when the error is there; the message is meant for the admin who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{pesan}")]
pub struct GalatTemplat {
    pub baris: Option<usize>,
    pub kolom: Option<usize>,
    pub pesan: String,
}

impl GalatTemplat {
    fn umum(pesan: impl Into<String>) -> Self {
        GalatTemplat {
            baris: None,
            kolom: None,
            pesan: pesan.into(),
        }
    }
}

/// The letter renderer. Build it once at start-up ([`Mesin::baru`] parses the fonts) and
/// share it, e.g. in an `Arc`; rendering only needs `&self`.
pub struct Mesin {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    surat: Source,
    laporan: Source,
    formulir: Source,
    pustaka: Source,
    /// Printed across every page of every report and form this engine renders (see
    /// [`Mesin::dengan_tanda_air`]).
    tanda_air: Option<String>,
}

impl std::fmt::Debug for Mesin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mesin")
            .field("fonts", &self.fonts.len())
            .finish_non_exhaustive()
    }
}

impl Default for Mesin {
    fn default() -> Self {
        Self::baru()
    }
}

impl Mesin {
    pub fn baru() -> Mesin {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let berkas = &*BERKAS;
        Mesin {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            surat: Source::new(berkas.surat, SURAT_TYP.to_owned()),
            laporan: Source::new(berkas.laporan, LAPORAN_TYP.to_owned()),
            formulir: Source::new(berkas.formulir, FORMULIR_TYP.to_owned()),
            pustaka: Source::new(berkas.pustaka, PUSTAKA_TYP.to_owned()),
            tanda_air: None,
        }
    }

    /// An engine whose every document carries `teks` across each page: the practice village's
    /// engine, so that no paper from it can pass for a real one.
    pub fn dengan_tanda_air(mut self, teks: &str) -> Mesin {
        self.tanda_air = Some(teks.to_owned());
        self
    }

    /// Renders one letter to PDF bytes.
    pub fn render(&self, dok: &Dokumen) -> Result<Vec<u8>, GalatTemplat> {
        let document = self.susun(dok)?;
        // Untagged: letters are printed and signed; tagging adds about 10 KB per letter.
        let options = typst_pdf::PdfOptions {
            tagged: false,
            ..Default::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|diags| {
            GalatTemplat::umum(format!("Gagal membuat PDF: {}", pesan_pertama(&diags)))
        })
    }

    /// Renders a register or report as a landscape table with the header on every page.
    pub fn render_tabel(&self, t: &Tabel) -> Result<Vec<u8>, GalatTemplat> {
        let berkas = &*BERKAS;
        let data = serde_json::json!({
            "judul": t.judul,
            "subjudul": t.subjudul,
            "kolom": t.kolom,
            "kepala": kepala_cetak(t.kolom),
            "nomor_kolom": t.nomor_kolom,
            "baris": t.baris,
            "kertas": t.kertas.kode(),
            "kop": t.kop,
            "tanda_tangan": t.tanda_tangan,
            "tanda_air": self.tanda_air,
        });
        if t.baris.iter().any(|b| b.len() != t.kolom.len()) {
            return Err(GalatTemplat::umum(
                "Setiap baris tabel harus sepanjang kolomnya.",
            ));
        }
        let mut data = data;
        data["kanan"] = serde_json::json!(kolom_angka(t));
        self.render_bingkai(berkas.laporan, &data)
    }

    /// Renders a civil registration form.
    pub fn render_formulir(&self, f: &Formulir) -> Result<Vec<u8>, GalatTemplat> {
        let data = serde_json::json!({
            "kode": f.kode,
            "judul": f.judul,
            "nomor": f.nomor,
            "wilayah": f.wilayah,
            "bagian": f.bagian,
            "syarat": f.syarat,
            "tempat_tanggal": f.tempat_tanggal,
            "tanda_tangan": f.tanda_tangan,
            "kertas": f.kertas.kode(),
            "tanda_air": self.tanda_air,
        });
        self.render_bingkai(BERKAS.formulir, &data)
    }

    /// Compiles one of the fixed frames (report, form) with its data.
    fn render_bingkai(
        &self,
        utama: FileId,
        data: &serde_json::Value,
    ) -> Result<Vec<u8>, GalatTemplat> {
        let berkas = &*BERKAS;
        let dunia = Dunia {
            mesin: self,
            utama,
            badan: Source::new(berkas.badan, String::new()),
            data: Bytes::new(data.to_string().into_bytes()),
            opsi: Bytes::from_string("{}".to_owned()),
            logo: None,
            qr: None,
        };
        let document = typst::compile::<PagedDocument>(&dunia)
            .output
            .map_err(|diags| dunia.galat(&diags))?;
        typst::comemo::evict(10);
        let options = typst_pdf::PdfOptions {
            tagged: false,
            ..Default::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|diags| {
            GalatTemplat::umum(format!("Gagal membuat PDF: {}", pesan_pertama(&diags)))
        })
    }

    /// Checks a letter-type body by rendering it with `contoh` data (which should have every
    /// field the type declares). Errors point at lines of `badan`.
    pub fn periksa(&self, badan: &str, contoh: &serde_json::Value) -> Result<(), GalatTemplat> {
        let dok = Dokumen {
            badan,
            data: contoh,
            logo: None,
            qr: Some("https://contoh.desa.id/v/periksa"),
            kertas: Kertas::A4,
            tanda_air: None,
        };
        self.susun(&dok).map(|_| ())
    }

    /// Compiles a letter to typst's laid-out document (before PDF export).
    fn susun(&self, dok: &Dokumen) -> Result<PagedDocument, GalatTemplat> {
        if dok.badan.len() > BADAN_MAKS {
            return Err(GalatTemplat::umum(format!(
                "Templat terlalu panjang ({} KB, paling banyak {} KB).",
                dok.badan.len() / 1024,
                BADAN_MAKS / 1024
            )));
        }
        let berkas = &*BERKAS;
        let data = serde_json::to_vec(dok.data)
            .map_err(|e| GalatTemplat::umum(format!("Data surat tidak valid: {e}")))?;
        let qr = dok.qr.map(png_qr).transpose()?;
        let opsi = serde_json::json!({
            "kertas": dok.kertas.kode(),
            "logo": dok.logo.is_some(),
            "qr": qr.is_some(),
            "tanda_air": dok.tanda_air.or(self.tanda_air.as_deref()),
        });
        let dunia = Dunia {
            mesin: self,
            utama: berkas.surat,
            badan: Source::new(berkas.badan, format!("{PRELUDE}{}", dok.badan)),
            data: Bytes::new(data),
            opsi: Bytes::from_string(opsi.to_string()),
            logo: dok.logo.map(|b| Bytes::new(b.to_vec())),
            qr: qr.map(Bytes::new),
        };
        let hasil = typst::compile::<PagedDocument>(&dunia).output;
        // Typst memoizes across compilations; drop entries unused for a while so a
        // long-running server does not keep every letter it ever rendered.
        typst::comemo::evict(10);
        hasil.map_err(|diags| dunia.galat(&diags))
    }
}

/// QR code as a small black-and-white PNG with its quiet zone (scanners need the white border),
/// at error-correction level Q (a quarter of the code may be smudged, as on a photocopy).
/// A vector QR of a long URL becomes thousands of path segments in the PDF (about 40 KB); this is
/// 1–2 KB. Each module is 4 pixels wide so viewers that smooth images keep the edges sharp.
fn png_qr(teks: &str) -> Result<Vec<u8>, GalatTemplat> {
    const PIKSEL: u32 = 4;
    // Two modules of white inside the image; the page around the code is white too.
    const TEPI: u32 = 2;
    let kode = qrcode::QrCode::with_error_correction_level(teks.as_bytes(), qrcode::EcLevel::Q)
        .map_err(|e| GalatTemplat::umum(format!("Kode QR tidak dapat dibuat: {e}")))?;
    let modul = kode.width() as u32;
    let warna = kode.to_colors();
    let sisi = (modul + 2 * TEPI) * PIKSEL;
    let gambar = image::GrayImage::from_fn(sisi, sisi, |x, y| {
        let (mx, my) = (x / PIKSEL, y / PIKSEL);
        let gelap = mx >= TEPI
            && my >= TEPI
            && mx < TEPI + modul
            && my < TEPI + modul
            && warna[((my - TEPI) * modul + (mx - TEPI)) as usize] == qrcode::Color::Dark;
        image::Luma([if gelap { 0 } else { 255 }])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    gambar
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| GalatTemplat::umum(format!("Kode QR tidak dapat dibuat: {e}")))?;
    Ok(png.into_inner())
}

fn pesan_pertama(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(diags.first())
        .map(|d| d.message.to_string())
        .unwrap_or_else(|| "kesalahan tidak dikenal".to_owned())
}

/// The sandbox one letter is compiled in.
struct Dunia<'a> {
    mesin: &'a Mesin,
    /// The main file: the letter frame or the report frame.
    utama: FileId,
    badan: Source,
    data: Bytes,
    opsi: Bytes,
    logo: Option<Bytes>,
    qr: Option<Bytes>,
}

impl Dunia<'_> {
    /// Turns typst's diagnostics into one error pointing at the body when possible.
    fn galat(&self, diags: &[SourceDiagnostic]) -> GalatTemplat {
        let Some(diag) = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diags.first())
        else {
            return GalatTemplat::umum("Templat salah.");
        };
        // An error inside a helper (e.g. `biodata(none)`) is reported where the body calls it.
        let letak = std::iter::once(diag.span)
            .chain(diag.trace.iter().map(|t| t.span.into()))
            .find_map(|span| self.letak_di_badan(span));
        let pesan = diag.message.as_str();
        match letak {
            Some((baris, kolom)) => GalatTemplat {
                baris: Some(baris),
                kolom: Some(kolom),
                pesan: format!("Templat salah pada baris {baris}: {pesan}"),
            },
            None => GalatTemplat::umum(format!("Templat salah: {pesan}")),
        }
    }

    /// 1-based (line, column) in the body, if `span` points into it (not into the prelude).
    fn letak_di_badan(&self, span: DiagSpan) -> Option<(usize, usize)> {
        if span.id() != Some(self.badan.id()) {
            return None;
        }
        let awal = self.range(span)?.start;
        let (baris, kolom) = self.badan.lines().byte_to_line_column(awal)?;
        // Line 0 is the prelude; body line 1 is line 1 of the file.
        (baris >= 1).then_some((baris, kolom + 1))
    }
}

impl World for Dunia<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.mesin.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.mesin.book
    }

    fn main(&self) -> FileId {
        self.utama
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let berkas = &*BERKAS;
        if id == berkas.surat {
            Ok(self.mesin.surat.clone())
        } else if id == berkas.laporan {
            Ok(self.mesin.laporan.clone())
        } else if id == berkas.formulir {
            Ok(self.mesin.formulir.clone())
        } else if id == berkas.pustaka {
            Ok(self.mesin.pustaka.clone())
        } else if id == berkas.badan {
            Ok(self.badan.clone())
        } else {
            Err(ditolak(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let berkas = &*BERKAS;
        let bytes = if id == berkas.data {
            Some(self.data.clone())
        } else if id == berkas.opsi {
            Some(self.opsi.clone())
        } else if id == berkas.logo {
            self.logo.clone()
        } else if id == berkas.qr {
            self.qr.clone()
        } else if id == berkas.surat
            || id == berkas.laporan
            || id == berkas.formulir
            || id == berkas.pustaka
            || id == berkas.badan
        {
            return self.source(id).map(Bytes::from_string);
        } else {
            None
        };
        bytes.ok_or_else(|| ditolak(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.mesin.fonts.get(index).cloned()
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        // Local time in villages is mostly WIB (UTC+7); bodies should use data.surat.tanggal.
        let geser = offset.map_or(7 * 3600, |d| d.seconds() as i64);
        let detik = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
        let (y, m, d) = tanggal_sipil((detik + geser).div_euclid(86_400));
        Datetime::from_ymd(y, m, d)
    }
}

fn ditolak(id: FileId) -> FileError {
    let nama = match id.root() {
        VirtualRoot::Package(paket) => format!("paket {paket}"),
        VirtualRoot::Project => id.vpath().get_with_slash().to_owned(),
    };
    FileError::Other(Some(
        format!("akses ditolak: templat surat tidak boleh memakai {nama}").into(),
    ))
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn tanggal_sipil(hari: i64) -> (i32, u8, u8) {
    let z = hari + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// A complete example of the data contract, as the web and store crates must build it.
pub fn contoh_data() -> serde_json::Value {
    let orang = |nama: &str, nik: &str, jk: &str, tempat: &str, tanggal: &str, umur: &str| {
        serde_json::json!({
            "nama": nama,
            "nik": nik,
            "no_kk": "3325081203050001",
            "jenis_kelamin": jk,
            "tempat_lahir": tempat,
            "tanggal_lahir": tanggal,
            "tempat_tanggal_lahir": format!("{tempat}, {tanggal}"),
            "umur": umur,
            "agama": "Islam",
            "status_kawin": "Kawin",
            "pekerjaan": "Wiraswasta",
            "pendidikan": "SLTA/Sederajat",
            "warganegara": "WNI",
            "golongan_darah": "O",
            "shdk": "Kepala Keluarga",
            "nama_ayah": "KARTO",
            "nama_ibu": "SUMINAH",
            "alamat": "Dusun Krajan RT 001 RW 002",
            "rt": "001",
            "rw": "002",
            "dusun": "Krajan",
        })
    };
    serde_json::json!({
        "desa": {
            "kode": "33.25.08.2004",
            "nama": "Donorejo",
            "kecamatan": "Limpung",
            "kabupaten": "Batang",
            "provinsi": "Jawa Tengah",
            "alamat": "Jl. Raya Donorejo No. 1",
            "telepon": "",
            "email": "",
            "kode_pos": "51271",
        },
        "surat": {
            "judul": "SURAT KETERANGAN DOMISILI",
            "nomor": "400.12.2.2/0007/2004/XI/2026",
            "tempat": "Batang",
            "tanggal": "23 November 2026",
            "berlaku_sampai": "23 Desember 2026",
        },
        "p": orang("BUDI SANTOSO", "3325081203800001", "Laki-laki", "Batang", "12 Maret 1980", "46 tahun"),
        "orang": {
            "pelapor": orang("SITI AMINAH", "3325085407850002", "Perempuan", "Pekalongan", "14 Juli 1985", "41 tahun"),
        },
        "isian": {
            "keperluan": "Melamar pekerjaan",
        },
        "penanda": {
            "nama": "SUTRISNO",
            "jabatan": "Kepala Desa Donorejo",
            "atas_nama": "",
            "nip": "",
        },
        "verifikasi": {
            "teks": "Pindai untuk memeriksa keaslian surat ini",
        },
    })
}
