//! Importing the DTKS/DTSEN status and desil per family as the ministry delivered them
//! (a spreadsheet from the Dinas Sosial or SIKS-NG), never computed here.
//!
//! The file (xlsx, xls or csv, read by `impor::berkas` within its limits) has a header row with
//! at least a KK column and a status column; desil, the ministry's ID and the data date are
//! optional (a date for the whole file stands in for a missing date column). Every row is
//! checked with the same rules as the form (`kesejahteraan::periksa_isian`), its KK must be a
//! family of this village, and one KK may appear once.
//!
//! All or nothing, as the resident import: the report lists every row; only when no row has an
//! error and `terapkan` is set are the changed families written, in one transaction, each with
//! its own audit entry (`catat_kesejahteraan`, as the form records it) and one entry for the
//! file (`impor_dtks`). A row equal to the family's current data adds nothing, so importing the
//! same file twice changes nothing the second time. A row older than the family's current data
//! is skipped (reported as such) so the current data never goes back in time.

use super::Bantuan;
use super::kesejahteraan::{BarisTulis, Kesejahteraan, KesejahteraanBaru, periksa_isian, sisipkan};
use crate::audit::{Catatan, RantaiTunda};
use crate::impor::berkas::{self, Baris, Lanjut, MAKS_BARIS, Penerima, galat_berkas};
use crate::impor::{bersihkan_nomor, normal_judul};
use crate::{Aktor, Galat, Tx, id_baru, on_tx};
use balai_domain::NoKk;
use balai_domain::bantuan::label_status_dtks;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HasilDtks {
    /// The family had no welfare data yet.
    Baru,
    /// Status, desil, ID or data date differ from the family's current data.
    Diubah,
    /// Equal to the family's current data: nothing is written.
    TidakBerubah,
    /// Older than the family's current data: nothing is written.
    Dilewati,
    /// The row has an error: the file cannot be applied.
    Galat,
}

impl HasilDtks {
    pub fn ok(self) -> bool {
        self != HasilDtks::Galat
    }
    /// Whether applying the file writes this row.
    pub fn ditulis(self) -> bool {
        matches!(self, HasilDtks::Baru | HasilDtks::Diubah)
    }
    pub fn kode(self) -> &'static str {
        match self {
            HasilDtks::Baru => "baru",
            HasilDtks::Diubah => "diubah",
            HasilDtks::TidakBerubah => "tidak_berubah",
            HasilDtks::Dilewati => "dilewati",
            HasilDtks::Galat => "galat",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            HasilDtks::Baru => "Data baru",
            HasilDtks::Diubah => "Berubah",
            HasilDtks::TidakBerubah => "Tidak berubah",
            HasilDtks::Dilewati => "Dilewati",
            HasilDtks::Galat => "Salah",
        }
    }
}

/// One data row of the file and what the import makes of it.
#[derive(Debug, Clone, Serialize)]
pub struct BarisDtks {
    /// Row number as the operator sees it in the spreadsheet (header row of a normal sheet = 1).
    pub baris: usize,
    /// The KK number (cleaned of spaces and apostrophes; as written when it is not a number).
    pub no_kk: String,
    /// The status as written in the file.
    pub status_tertulis: String,
    /// `dtsen`, `dtks` or `tidak` once recognised; empty otherwise.
    pub status_dtks: String,
    /// The desil as written in the file.
    pub desil_tertulis: String,
    pub desil: Option<i16>,
    pub id_dtks: String,
    pub tanggal_data: Option<NaiveDate>,
    pub keluarga_id: Option<Uuid>,
    pub hasil: HasilDtks,
    /// What is wrong (for an error) or what changes, in Indonesian.
    pub pesan: Vec<String>,
}

impl BarisDtks {
    pub fn ok(&self) -> bool {
        self.hasil.ok()
    }
    pub fn status_label(&self) -> &'static str {
        if self.status_dtks.is_empty() {
            ""
        } else {
            label_status_dtks(&self.status_dtks)
        }
    }
}

/// The outcome of an import (or its preview), row by row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LaporanDtks {
    pub nama_berkas: String,
    /// Sheet the data came from ("CSV" for a CSV file).
    pub lembar: String,
    pub baris_judul: usize,
    /// The recognised columns: field key and the header as written in the file.
    pub kolom: Vec<(String, String)>,
    /// The date given for the whole file, used for rows without their own.
    pub tanggal_berkas: Option<NaiveDate>,
    pub baris: Vec<BarisDtks>,
    pub total: usize,
    pub baru: usize,
    pub diubah: usize,
    pub tidak_berubah: usize,
    pub dilewati: usize,
    pub galat: usize,
    /// True when the changes were committed (no errors and `terapkan`).
    pub diterapkan: bool,
}

impl LaporanDtks {
    /// No row has an error: applying would write `baru + diubah` families.
    pub fn bersih(&self) -> bool {
        self.galat == 0 && self.total > 0
    }
    /// The rows with an error.
    pub fn baris_galat(&self) -> impl Iterator<Item = &BarisDtks> {
        self.baris.iter().filter(|b| !b.ok())
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the file

/// How far down a sheet the header row is looked for (ministry files start with title lines).
const CARI_JUDUL: usize = 30;

/// The accepted headers of each column, normalised (letters and digits, lower case).
const ALIAS: &[(&str, &[&str])] = &[
    (
        "no_kk",
        &[
            "nokk",
            "nomorkk",
            "kk",
            "nkk",
            "nokartukeluarga",
            "nomorkartukeluarga",
            "nomorkartukeluargakk",
        ],
    ),
    (
        "status",
        &[
            "status",
            "statusdtks",
            "statusdtsen",
            "statusdtksdtsen",
            "statusdtsendtks",
            "dtks",
            "dtsen",
            "dtksdtsen",
            "dtsendtks",
            "statuskepesertaan",
            "statuskesejahteraan",
            "statusdata",
        ],
    ),
    (
        "desil",
        &[
            "desil",
            "desilkesejahteraan",
            "desilnasional",
            "desildtsen",
            "desildtks",
            "peringkatdesil",
            "desilsosialekonomi",
        ],
    ),
    (
        "id_dtks",
        &[
            "iddtks",
            "iddtsen",
            "iddtksdtsen",
            "iddtsendtks",
            "idkeluarga",
            "idkeluargadtks",
            "idkeluargadtsen",
            "nomordtks",
            "nodtks",
        ],
    ),
    (
        "tanggal_data",
        &[
            "tanggaldata",
            "tgldata",
            "tanggal",
            "tgl",
            "datapertanggal",
            "pertanggal",
            "tanggalpemutakhiran",
            "tanggaldatadtks",
            "tanggaldatadtsen",
            "tanggalpembaruan",
        ],
    ),
];

fn kunci_kolom(judul: &str) -> Option<&'static str> {
    let n = normal_judul(judul);
    if n.is_empty() {
        return None;
    }
    ALIAS
        .iter()
        .find(|(_, alias)| alias.contains(&n.as_str()))
        .map(|(k, _)| *k)
}

/// One data row: the cells of the recognised columns.
struct BarisMentah {
    nomor: usize,
    /// Cell per recognised column, in the order of `Tabel::kolom`.
    sel: Vec<String>,
    /// Bit i set: cell i held a number (a KK typed as a number in Excel).
    angka: u64,
}

struct Tabel {
    lembar: String,
    baris_judul: usize,
    /// Field key, column index in the sheet, header as written.
    kolom: Vec<(&'static str, usize, String)>,
    baris: Vec<BarisMentah>,
}

impl Tabel {
    fn indeks(&self, kunci: &str) -> Option<usize> {
        self.kolom.iter().position(|(k, ..)| *k == kunci)
    }
    fn ada(&self, kunci: &str) -> bool {
        self.indeks(kunci).is_some()
    }
}

impl BarisMentah {
    fn sel(&self, t: &Tabel, kunci: &str) -> &str {
        t.indeks(kunci)
            .and_then(|i| self.sel.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
    fn angka(&self, t: &Tabel, kunci: &str) -> bool {
        t.indeks(kunci)
            .is_some_and(|i| i < 64 && self.angka & (1 << i) != 0)
    }
}

#[derive(Default)]
struct Pembaca {
    lembar: String,
    dicari: usize,
    tabel: Option<Tabel>,
    /// Best header candidate seen: (recognised columns, sheet, row, cells).
    calon: Option<(usize, String, usize, Vec<String>)>,
}

impl Penerima for Pembaca {
    fn lembar_baru(&mut self, nama: &str) -> Lanjut {
        if self.tabel.is_some() {
            return Lanjut::Selesai;
        }
        self.lembar = nama.to_string();
        self.dicari = 0;
        Lanjut::Terus
    }

    fn baris(&mut self, b: Baris) -> Result<Lanjut, Galat> {
        let Some(t) = self.tabel.as_mut() else {
            return Ok(self.coba_judul(b));
        };
        let mut sel = Vec::with_capacity(t.kolom.len());
        let mut angka = 0u64;
        for (i, (_, kol, _)) in t.kolom.iter().enumerate() {
            sel.push(b.sel.get(*kol).cloned().unwrap_or_default());
            if *kol < 64 && b.angka & (1 << kol) != 0 {
                angka |= 1 << i;
            }
        }
        // Rows with nothing in the recognised columns (notes below the data, totals).
        if sel.iter().all(|s| s.trim().is_empty()) {
            return Ok(Lanjut::Terus);
        }
        if t.baris.len() >= MAKS_BARIS {
            return Err(galat_berkas(format!(
                "Berkas berisi lebih dari {MAKS_BARIS} baris data. Bagi data menjadi beberapa berkas, lalu impor satu per satu."
            )));
        }
        t.baris.push(BarisMentah {
            nomor: b.nomor,
            sel,
            angka,
        });
        Ok(Lanjut::Terus)
    }
}

impl Pembaca {
    fn coba_judul(&mut self, b: Baris) -> Lanjut {
        self.dicari += 1;
        let mut kolom: Vec<(&'static str, usize, String)> = Vec::new();
        for (i, teks) in b.sel.iter().enumerate() {
            if let Some(k) = kunci_kolom(teks)
                && !kolom.iter().any(|(kk, ..)| *kk == k)
            {
                kolom.push((k, i, teks.trim().to_string()));
            }
        }
        let wajib = ["no_kk", "status"]
            .iter()
            .all(|w| kolom.iter().any(|(k, ..)| k == w));
        if wajib {
            self.tabel = Some(Tabel {
                lembar: self.lembar.clone(),
                baris_judul: b.nomor,
                kolom,
                baris: Vec::new(),
            });
            return Lanjut::Terus;
        }
        if self.calon.as_ref().is_none_or(|(n, ..)| kolom.len() > *n) {
            self.calon = Some((kolom.len(), self.lembar.clone(), b.nomor, b.sel));
        }
        if self.dicari >= CARI_JUDUL {
            Lanjut::LembarBerikut
        } else {
            Lanjut::Terus
        }
    }

    /// Which required columns are missing and what was found instead.
    fn galat_judul(&self) -> Galat {
        let Some((_, lembar, nomor, sel)) = &self.calon else {
            return galat_berkas(
                "Berkas tidak berisi data: tidak ada baris yang terisi. Periksa bahwa Anda mengunggah berkas yang benar.",
            );
        };
        let ada: Vec<&str> = sel.iter().filter_map(|s| kunci_kolom(s)).collect();
        let kurang: Vec<&str> = ["no_kk", "status"]
            .into_iter()
            .filter(|w| !ada.contains(w))
            .collect();
        let ditemukan: Vec<&str> = sel
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .take(30)
            .collect();
        let tempat = if lembar == "CSV" {
            format!("baris {nomor}")
        } else {
            format!("lembar \"{lembar}\" baris {nomor}")
        };
        galat_berkas(format!(
            "Kolom wajib tidak ditemukan: {}. Kolom yang ditemukan pada {tempat}: {}. Baris judul harus memuat kolom no_kk dan status (lihat contoh berkas).",
            kurang.join(", "),
            if ditemukan.is_empty() {
                "(tidak ada)".to_string()
            } else {
                ditemukan.join(", ")
            },
        ))
    }
}

/// Reads the file into its header and data rows (synchronous, no database).
fn baca_tabel(nama_berkas: &str, isi: &[u8]) -> Result<Tabel, Galat> {
    let dengan_nama = |e: Galat| match e {
        Galat::Isian(mut g) => {
            if let Some(x) = g.0.first_mut()
                && !nama_berkas.is_empty()
            {
                x.pesan = format!("{nama_berkas}: {}", x.pesan);
            }
            Galat::Isian(g)
        }
        e => e,
    };
    let mut p = Pembaca::default();
    berkas::baca(isi, &mut p).map_err(dengan_nama)?;
    match p.tabel.take() {
        Some(t) if t.baris.is_empty() => Err(dengan_nama(galat_berkas(format!(
            "baris judul ditemukan (baris {}), tetapi tidak ada baris data di bawahnya.",
            t.baris_judul
        )))),
        Some(t) => Ok(t),
        None => Err(dengan_nama(p.galat_judul())),
    }
}

// ---------------------------------------------------------------------------------------------
// Checking the cells

/// The status as the ministry or an operator writes it: "DTSEN", "Terdaftar DTKS",
/// "Tidak terdaftar", "Non DTKS" …
fn baca_status(teks: &str) -> Result<&'static str, String> {
    let n = normal_judul(teks);
    if n.is_empty() {
        return Err("Status kosong. Tulis DTSEN, DTKS atau Tidak.".into());
    }
    let tidak = ["tidak", "tdk", "bukan", "belum", "blm", "non"]
        .iter()
        .any(|a| n.starts_with(a))
        || matches!(n.as_str(), "no" | "n" | "0" | "keluar");
    if tidak {
        return Ok("tidak");
    }
    if n.contains("dtsen") {
        return Ok("dtsen");
    }
    if n.contains("dtks") {
        return Ok("dtks");
    }
    if matches!(n.as_str(), "ya" | "y" | "1" | "terdaftar" | "aktif") {
        return Err(format!(
            "Status \"{}\" tidak menyebut datanya. Tulis DTSEN atau DTKS (misalnya \"Terdaftar DTSEN\"), atau Tidak.",
            teks.trim()
        ));
    }
    Err(format!(
        "Status \"{}\" tidak dikenal. Tulis DTSEN, DTKS atau Tidak (misalnya \"Terdaftar DTKS\" atau \"Tidak terdaftar\").",
        teks.trim()
    ))
}

/// "3", "03", "3.0", "Desil 3"; empty is no desil. The range is checked with the form's rules.
fn baca_desil(teks: &str) -> Result<Option<i16>, String> {
    let t = teks.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let tanpa = t
        .to_lowercase()
        .trim_start_matches("desil")
        .trim()
        .to_string();
    if let Ok(d) = tanpa.parse::<i16>() {
        return Ok(Some(d));
    }
    match tanpa.replace(',', ".").parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 1000.0 => Ok(Some(f as i16)),
        _ => Err(format!(
            "Desil \"{t}\" bukan angka. Tulis angka 1 sampai 10 seperti pada data, atau kosongkan."
        )),
    }
}

/// A date as written ("31-01-2026", "2026-01-31", "31/01/2026", "31.01.2026") or an Excel date
/// serial saved without a date format.
fn baca_tanggal(teks: &str, angka: bool) -> Option<NaiveDate> {
    let t = teks.trim();
    if angka
        && let Ok(n) = t.parse::<i64>()
        && (1..=2_958_465).contains(&n)
    {
        return NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(n)));
    }
    balai_domain::penduduk::parse_tanggal(&t.replace('.', "-"))
}

/// A row after the checks that need no database.
struct Terperiksa {
    baris: BarisDtks,
    /// Set when the KK number is well formed.
    kk: Option<String>,
    /// The KK cell held a number (Excel keeps 15 digits only).
    kk_angka: bool,
}

fn periksa_baris(
    t: &Tabel,
    b: &BarisMentah,
    tanggal_berkas: Option<NaiveDate>,
    hari_ini: NaiveDate,
) -> Terperiksa {
    let mut pesan = Vec::new();
    let kk_mentah = b.sel(t, "no_kk");
    let kk_bersih = bersihkan_nomor(kk_mentah);
    let kk = if kk_mentah.to_uppercase().contains("E+") {
        pesan.push(format!(
            "Nomor KK tertulis dalam notasi ilmiah ({kk_mentah}) karena kolomnya berformat angka di Excel; digitnya sudah hilang. Format kolom sebagai Teks, lalu ketik ulang nomornya (16 digit)."
        ));
        None
    } else {
        match NoKk::parse(&kk_bersih) {
            Ok(k) => Some(k.as_str().to_string()),
            Err(e) => {
                pesan.push(e);
                None
            }
        }
    };
    let status_tertulis = b.sel(t, "status").to_string();
    let status = match baca_status(&status_tertulis) {
        Ok(s) => s,
        Err(e) => {
            pesan.push(e);
            ""
        }
    };
    let desil_tertulis = b.sel(t, "desil").to_string();
    let desil = match baca_desil(&desil_tertulis) {
        Ok(d) => d,
        Err(e) => {
            pesan.push(e);
            None
        }
    };
    let tanggal_teks = b.sel(t, "tanggal_data");
    let tanggal = if tanggal_teks.is_empty() {
        if tanggal_berkas.is_none() {
            pesan.push("Tanggal data kosong. Isi kolom tanggal_data, atau isi tanggal data untuk seluruh berkas pada formulir.".into());
        }
        tanggal_berkas
    } else {
        let t2 = baca_tanggal(tanggal_teks, b.angka(t, "tanggal_data"));
        if t2.is_none() {
            pesan.push(format!(
                "Tanggal data \"{tanggal_teks}\" tidak dapat dibaca. Tulis seperti 31-01-2026 atau 2026-01-31."
            ));
        }
        t2
    };
    let isian = KesejahteraanBaru {
        status_dtks: status.to_string(),
        desil,
        id_dtks: b.sel(t, "id_dtks").to_string(),
        tanggal_data: tanggal,
        ..KesejahteraanBaru::default()
    };
    // The form's rules; a status or date already refused above is not reported twice.
    for g in periksa_isian(&isian, hari_ini).0 {
        let sudah = (g.kolom == "status_dtks" && status.is_empty())
            || (g.kolom == "tanggal_data" && tanggal.is_none());
        if !sudah {
            pesan.push(g.pesan);
        }
    }
    let hasil = if pesan.is_empty() {
        HasilDtks::Baru
    } else {
        HasilDtks::Galat
    };
    Terperiksa {
        kk_angka: b.angka(t, "no_kk"),
        baris: BarisDtks {
            baris: b.nomor,
            no_kk: kk.clone().unwrap_or_else(|| {
                if kk_bersih.is_empty() {
                    kk_mentah.to_string()
                } else {
                    kk_bersih
                }
            }),
            status_tertulis,
            status_dtks: status.to_string(),
            desil_tertulis,
            desil,
            id_dtks: isian.id_dtks,
            tanggal_data: tanggal,
            keluarga_id: None,
            hasil,
            pesan,
        },
        kk,
    }
}

fn tgl(t: NaiveDate) -> String {
    t.format("%d-%m-%Y").to_string()
}

fn teks_desil(d: Option<i16>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

/// What a valid row does to the family's current data.
fn bandingkan(b: &BarisDtks, kini: Option<&Kesejahteraan>) -> (HasilDtks, String) {
    let tanggal = b.tanggal_data.unwrap_or_default();
    let ringkas = format!(
        "{}{}, per {}",
        label_status_dtks(&b.status_dtks),
        b.desil.map(|d| format!(", desil {d}")).unwrap_or_default(),
        tgl(tanggal)
    );
    let Some(l) = kini else {
        return (
            HasilDtks::Baru,
            format!("Keluarga ini belum mempunyai data kesejahteraan; data baru: {ringkas}."),
        );
    };
    let sama = l.status_dtks == b.status_dtks && l.desil == b.desil && l.id_dtks == b.id_dtks;
    if sama && l.tanggal_data >= tanggal {
        return (
            HasilDtks::TidakBerubah,
            format!(
                "Sama dengan data terkini (per {}); tidak ditulis ulang.",
                tgl(l.tanggal_data)
            ),
        );
    }
    if tanggal < l.tanggal_data {
        return (
            HasilDtks::Dilewati,
            format!(
                "Data keluarga ini di Balai lebih baru (per {}: {}); baris ini (per {}) tidak disimpan agar data terkini tidak mundur.",
                tgl(l.tanggal_data),
                l.status_label(),
                tgl(tanggal)
            ),
        );
    }
    let mut ubah = Vec::new();
    if l.status_dtks != b.status_dtks {
        ubah.push(format!(
            "status {} → {}",
            l.status_label(),
            label_status_dtks(&b.status_dtks)
        ));
    }
    if l.desil != b.desil {
        ubah.push(format!(
            "desil {} → {}",
            teks_desil(l.desil),
            teks_desil(b.desil)
        ));
    }
    if l.id_dtks != b.id_dtks {
        let kosong = |s: &str| {
            if s.is_empty() {
                "-".to_string()
            } else {
                s.to_string()
            }
        };
        ubah.push(format!(
            "ID {} → {}",
            kosong(&l.id_dtks),
            kosong(&b.id_dtks)
        ));
    }
    if ubah.is_empty() {
        (
            HasilDtks::Diubah,
            format!(
                "Status dan desil sama; tanggal data diperbarui dari {} menjadi {}.",
                tgl(l.tanggal_data),
                tgl(tanggal)
            ),
        )
    } else {
        (
            HasilDtks::Diubah,
            format!(
                "Berubah: {} (data sebelumnya per {}).",
                ubah.join("; "),
                tgl(l.tanggal_data)
            ),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Looking up the families

/// Families of the village by KK number: KK → (family id).
async fn keluarga_desa(
    tx: &mut Tx,
    desa_id: &str,
    kk: &[&str],
) -> Result<HashMap<String, Uuid>, Galat> {
    let mut hasil = HashMap::new();
    for potongan in kk.chunks(500) {
        let tanda: Vec<String> = (0..potongan.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT no_kk, id FROM keluarga WHERE desa_id = $1 AND no_kk IN ({})",
            tanda.join(", ")
        );
        let daftar: Vec<(String, Uuid)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for k in potongan {
                q = q.bind(*k);
            }
            q.fetch_all(&mut *c).await?
        });
        hasil.extend(daftar);
    }
    Ok(hasil)
}

/// Families of other villages by KK number: KK → (village code, village name).
async fn keluarga_desa_lain(
    tx: &mut Tx,
    desa_id: &str,
    kk: &[&str],
) -> Result<HashMap<String, (String, String)>, Galat> {
    let mut hasil = HashMap::new();
    for potongan in kk.chunks(500) {
        let tanda: Vec<String> = (0..potongan.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT k.no_kk, d.desa_id, d.nama FROM keluarga k JOIN desa d ON d.desa_id = k.desa_id \
             WHERE k.desa_id <> $1 AND k.no_kk IN ({}) ORDER BY d.desa_id",
            tanda.join(", ")
        );
        let daftar: Vec<(String, String, String)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for k in potongan {
                q = q.bind(*k);
            }
            q.fetch_all(&mut *c).await?
        });
        for (kk, kode, nama) in daftar {
            hasil.entry(kk).or_insert((kode, nama));
        }
    }
    Ok(hasil)
}

/// The current (latest) welfare data of each family.
async fn terkini(
    tx: &mut Tx,
    desa_id: &str,
    keluarga: &[Uuid],
) -> Result<HashMap<Uuid, Kesejahteraan>, Galat> {
    let mut hasil: HashMap<Uuid, Kesejahteraan> = HashMap::new();
    for potongan in keluarga.chunks(500) {
        let tanda: Vec<String> = (0..potongan.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {} FROM kesejahteraan WHERE desa_id = $1 AND keluarga_id IN ({}) \
             ORDER BY dicatat_pada DESC, id DESC",
            super::kesejahteraan::KOLOM,
            tanda.join(", ")
        );
        let daftar: Vec<Kesejahteraan> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for k in potongan {
                q = q.bind(*k);
            }
            q.fetch_all(&mut *c).await?
        });
        for r in daftar {
            hasil.entry(r.keluarga_id).or_insert(r);
        }
    }
    Ok(hasil)
}

fn keadaan(l: &Kesejahteraan) -> serde_json::Value {
    json!({"status_dtks": l.status_dtks, "desil": l.desil, "id_dtks": l.id_dtks,
        "tanggal_data": l.tanggal_data, "sumber": l.sumber})
}

impl Bantuan<'_> {
    /// Imports (or, without `terapkan`, previews) a DTKS/DTSEN file: see the module
    /// documentation. `tanggal_berkas` is the data date for rows without their own.
    ///
    /// A problem with the file as a whole (unreadable, no KK or status column, no date at all,
    /// a file date in the future) is `Err(Galat::Isian)` on `berkas` or `tanggal_data`; problems
    /// with rows are in the report. `Err` is otherwise only for an unknown village or the
    /// database failing.
    pub async fn impor_dtks(
        &self,
        desa_id: &str,
        isi: &[u8],
        nama_berkas: &str,
        tanggal_berkas: Option<NaiveDate>,
        terapkan: bool,
        aktor: &Aktor,
    ) -> Result<LaporanDtks, Galat> {
        self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.hari_ini_desa(desa_id);
        if tanggal_berkas.is_some_and(|t| t > hari_ini) {
            return Err(Galat::isian(
                "tanggal_data",
                "Tanggal data tidak boleh di masa depan.",
            ));
        }
        // Refuse a too-big upload before copying it.
        berkas::kenali(isi)?;
        let data = isi.to_vec();
        let nama = nama_berkas.to_string();
        let t = crate::latar::berat(move || baca_tabel(&nama, &data))
            .await
            .map_err(|e| match e {
                Galat::Lain(_) => galat_berkas(
                    "Berkas tidak dapat diproses (pembaca berkas berhenti tiba-tiba). Simpan ulang berkas sebagai .xlsx lalu coba lagi.",
                ),
                e => e,
            })?;
        if !t.ada("tanggal_data") && tanggal_berkas.is_none() {
            return Err(Galat::isian(
                "tanggal_data",
                "Berkas tidak memuat kolom tanggal_data: isi tanggal data (tanggal data Kemensos yang diterima) untuk seluruh berkas.",
            ));
        }

        let mut rows: Vec<Terperiksa> = t
            .baris
            .iter()
            .map(|b| periksa_baris(&t, b, tanggal_berkas, hari_ini))
            .collect();
        // One KK once: every row of a repeated KK is reported, naming the others.
        let mut per_kk: HashMap<String, Vec<usize>> = HashMap::new();
        for r in &rows {
            if let Some(k) = &r.kk {
                per_kk.entry(k.clone()).or_default().push(r.baris.baris);
            }
        }
        for r in &mut rows {
            let Some(k) = &r.kk else { continue };
            let lain: Vec<String> = per_kk[k]
                .iter()
                .filter(|n| **n != r.baris.baris)
                .map(|n| n.to_string())
                .collect();
            if !lain.is_empty() {
                r.baris.pesan.push(format!(
                    "KK {k} juga ada pada baris {}. Satu keluarga hanya boleh satu baris; hapus baris yang salah.",
                    lain.join(", ")
                ));
                r.baris.hasil = HasilDtks::Galat;
            }
        }

        let mut tx = self.s.db.begin().await?;
        let semua_kk: Vec<&str> = per_kk.keys().map(String::as_str).collect();
        let keluarga = keluarga_desa(&mut tx, desa_id, &semua_kk).await?;
        let asing: Vec<&str> = semua_kk
            .iter()
            .copied()
            .filter(|k| !keluarga.contains_key(*k))
            .collect();
        let desa_lain = keluarga_desa_lain(&mut tx, desa_id, &asing).await?;
        let id_keluarga: Vec<Uuid> = keluarga.values().copied().collect();
        let kini = terkini(&mut tx, desa_id, &id_keluarga).await?;
        let id_dtks_dibaca = t.ada("id_dtks");

        for r in &mut rows {
            let Some(k) = &r.kk else { continue };
            let b = &mut r.baris;
            match keluarga.get(k) {
                Some(id) => b.keluarga_id = Some(*id),
                None => {
                    b.hasil = HasilDtks::Galat;
                    match desa_lain.get(k) {
                        Some((kode, nama)) => b.pesan.push(format!(
                            "KK {k} terdaftar di desa lain ({nama}, kode {}), bukan di desa ini. Hapus baris ini; data keluarga tersebut diimpor oleh desanya.",
                            balai_domain::wilayah::bertitik(kode)
                        )),
                        None => {
                            let mut p = format!(
                                "KK {k} tidak terdaftar di desa ini. Periksa nomornya, atau catat dahulu keluarganya di data penduduk."
                            );
                            if r.kk_angka && k.ends_with('0') {
                                p.push_str(" Nomor KK diketik sebagai angka di Excel, yang hanya menyimpan 15 digit; digit terakhir mungkin berubah menjadi 0. Format kolom sebagai Teks lalu ketik ulang.");
                            }
                            b.pesan.push(p);
                        }
                    }
                    continue;
                }
            }
            if b.hasil == HasilDtks::Galat {
                continue;
            }
            let sekarang = b.keluarga_id.and_then(|id| kini.get(&id));
            // Without an ID column the ID on record stays (the ministry's ID of the family).
            if !id_dtks_dibaca && let Some(l) = sekarang {
                b.id_dtks = l.id_dtks.clone();
            }
            let (hasil, pesan) = bandingkan(b, sekarang);
            b.hasil = hasil;
            b.pesan.push(pesan);
        }

        let mut lap = LaporanDtks {
            nama_berkas: nama_berkas.to_string(),
            lembar: t.lembar.clone(),
            baris_judul: t.baris_judul,
            kolom: t
                .kolom
                .iter()
                .map(|(k, _, j)| (k.to_string(), j.clone()))
                .collect(),
            tanggal_berkas,
            total: rows.len(),
            baris: rows.into_iter().map(|r| r.baris).collect(),
            ..LaporanDtks::default()
        };
        for b in &lap.baris {
            match b.hasil {
                HasilDtks::Baru => lap.baru += 1,
                HasilDtks::Diubah => lap.diubah += 1,
                HasilDtks::TidakBerubah => lap.tidak_berubah += 1,
                HasilDtks::Dilewati => lap.dilewati += 1,
                HasilDtks::Galat => lap.galat += 1,
            }
        }

        if !terapkan || !lap.bersih() {
            rollback(tx).await?;
            return Ok(lap);
        }
        let now = self.s.sekarang();
        let mut rantai = RantaiTunda::baru(desa_id);
        for b in lap.baris.iter().filter(|b| b.hasil.ditulis()) {
            let Some(keluarga_id) = b.keluarga_id else {
                continue;
            };
            let isian = KesejahteraanBaru {
                status_dtks: b.status_dtks.clone(),
                desil: b.desil,
                id_dtks: b.id_dtks.clone(),
                tanggal_data: b.tanggal_data,
                ..KesejahteraanBaru::default()
            };
            sisipkan(
                &mut tx,
                &BarisTulis {
                    desa_id,
                    id: id_baru(),
                    keluarga_id,
                    b: &isian,
                    sumber: "kemensos",
                    kriteria: "",
                    jumlah_kriteria: None,
                    foto_mime: None,
                },
                aktor,
                now,
            )
            .await?;
            rantai
                .catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "catat_kesejahteraan",
                        objek: "keluarga",
                        objek_id: keluarga_id.to_string(),
                        sebelum: kini.get(&keluarga_id).map(keadaan),
                        sesudah: Some(json!({"status_dtks": b.status_dtks, "desil": b.desil,
                            "id_dtks": b.id_dtks, "tanggal_data": b.tanggal_data, "sumber": "kemensos",
                            "berkas": nama_berkas, "baris": b.baris})),
                    },
                )
                .await?;
        }
        rantai
            .catat(
                &mut tx,
                now,
                Catatan {
                    desa_id,
                    aktor,
                    aksi: "impor_dtks",
                    objek: "kesejahteraan",
                    objek_id: nama_berkas.to_string(),
                    sebelum: None,
                    sesudah: Some(json!({
                        "total": lap.total,
                        "baru": lap.baru,
                        "diubah": lap.diubah,
                        "tidak_berubah": lap.tidak_berubah,
                        "dilewati": lap.dilewati,
                        "tanggal_data": tanggal_berkas,
                    })),
                },
            )
            .await?;
        rantai.selesai(&mut tx, now).await?;
        tx.commit().await?;
        lap.diterapkan = true;
        Ok(lap)
    }
}

async fn rollback(tx: Tx) -> Result<(), Galat> {
    match tx {
        Tx::Sqlite(t) => t.rollback().await?,
        Tx::Postgres(t) => t.rollback().await?,
    }
    Ok(())
}

/// The template offered for download: the columns the import reads, with two example rows.
pub fn contoh_csv() -> Vec<u8> {
    b"no_kk,status,desil,id_dtks,tanggal_data\n\
      3300000000000001,Terdaftar DTSEN,3,,31-01-2026\n\
      3300000000000002,Tidak terdaftar,,,31-01-2026\n"
        .to_vec()
}

/// Fuzzing entry (`crate::fuzz`): the DTKS/DTSEN file reader and its cell parsers on any bytes.
pub(crate) fn acak(isi: &[u8]) {
    let _ = baca_tabel("a.csv", isi);
    let _ = baca_tabel("a.xlsx", isi);
    let teks = String::from_utf8_lossy(isi);
    let _ = baca_status(&teks);
    let _ = baca_desil(&teks);
    let _ = baca_tanggal(&teks, true);
    let _ = baca_tanggal(&teks, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_dari_berbagai_tulisan() {
        for (t, k) in [
            ("DTSEN", "dtsen"),
            ("Terdaftar DTKS", "dtks"),
            ("terdaftar_dtsen", "dtsen"),
            ("Tidak terdaftar", "tidak"),
            ("Non DTKS", "tidak"),
            ("Bukan DTSEN", "tidak"),
            ("tidak", "tidak"),
        ] {
            assert_eq!(baca_status(t), Ok(k), "{t}");
        }
        assert!(
            baca_status("Terdaftar")
                .unwrap_err()
                .contains("DTSEN atau DTKS")
        );
        assert!(baca_status("miskin").unwrap_err().contains("tidak dikenal"));
        assert!(baca_status("").unwrap_err().contains("kosong"));
    }

    #[test]
    fn desil_dan_tanggal() {
        assert_eq!(baca_desil("3"), Ok(Some(3)));
        assert_eq!(baca_desil("Desil 4"), Ok(Some(4)));
        assert_eq!(baca_desil("5.0"), Ok(Some(5)));
        assert_eq!(baca_desil(""), Ok(None));
        assert_eq!(baca_desil("11"), Ok(Some(11)));
        assert!(baca_desil("tiga").is_err());
        let d = NaiveDate::from_ymd_opt(2026, 1, 31);
        assert_eq!(baca_tanggal("31-01-2026", false), d);
        assert_eq!(baca_tanggal("31.01.2026", false), d);
        assert_eq!(baca_tanggal("2026-01-31", false), d);
        assert_eq!(baca_tanggal("46053", true), d);
        assert_eq!(baca_tanggal("46053", false), None);
    }

    #[test]
    fn judul_fleksibel() {
        assert_eq!(kunci_kolom("No. KK"), Some("no_kk"));
        assert_eq!(kunci_kolom("NOMOR_KK"), Some("no_kk"));
        assert_eq!(kunci_kolom("Status DTKS/DTSEN"), Some("status"));
        assert_eq!(kunci_kolom("Desil"), Some("desil"));
        assert_eq!(kunci_kolom("ID DTKS"), Some("id_dtks"));
        assert_eq!(kunci_kolom("Tanggal Data"), Some("tanggal_data"));
        assert_eq!(kunci_kolom("Nama"), None);
    }
}
