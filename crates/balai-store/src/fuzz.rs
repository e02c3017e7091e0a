//! Entry points of the coverage-guided fuzz targets (`fuzz/`, run by `bench/fuzz.sh`), also
//! replayed over their corpora by the normal test suite (`tests/korpus_fuzz.rs`). Each takes any
//! bytes and must end with a result or a message: never a panic, a hang or a memory blow-up.
#![doc(hidden)]

use crate::impor::{FormatImpor, baca_berkas};
use std::io::Write;

/// A target: its name (as `fuzz/fuzz_targets/` and the corpus folders call it) and its entry.
pub type Sasaran = (&'static str, fn(&[u8]));

/// Every target but the letter-template compiler, which lives in `balai-pdf`.
pub const SASARAN: &[Sasaran] = &[
    ("impor_penduduk", impor_penduduk),
    ("apbdes", apbdes),
    ("siskeudes", siskeudes),
    ("bantuan_penerima", bantuan_penerima),
    ("dtks", dtks),
    ("opensid_db", opensid_db),
    ("cadangan", cadangan),
    ("sinkron_paket", sinkron_paket),
    ("isian", isian),
];

/// The resident import (OpenSID xlsx/xls/csv, SIAK): the first byte picks the file name and
/// the format the reader is told, the rest is the file.
pub fn impor_penduduk(isi: &[u8]) {
    let Some((&pilih, isi)) = isi.split_first() else {
        return;
    };
    let nama = ["a.csv", "a.xlsx", "a.xls", "a.txt"][usize::from(pilih % 4)];
    let format = if pilih & 4 == 0 {
        FormatImpor::OpenSid
    } else {
        FormatImpor::Siak
    };
    let _ = baca_berkas(nama, isi, format);
}

/// The APBDes spreadsheet template.
pub fn apbdes(isi: &[u8]) {
    crate::keuangan::impor::acak_templat(isi);
}

/// The Siskeudes export zip.
pub fn siskeudes(isi: &[u8]) {
    crate::keuangan::impor::acak_siskeudes(isi);
}

/// The aid recipient file (OpenSID's program_bantuan layout).
pub fn bantuan_penerima(isi: &[u8]) {
    crate::bantuan::impor::acak(isi);
}

/// The DTKS/DTSEN welfare file.
pub fn dtks(isi: &[u8]) {
    crate::bantuan::impor_dtks::acak(isi);
}

/// An OpenSID database dump (mysqldump or phpMyAdmin), plain or gzip.
pub fn opensid_db(isi: &[u8]) {
    let _ = crate::opensid::dump::baca(isi, |_| true, |_, _, _| Ok(()));
}

/// The backup reader. The first byte picks the path: the bytes as the file, or the bytes
/// gzip-compressed first (so the fuzzer reaches the line format behind the compression), or
/// the encrypted header. Encrypted chunks are authenticated before anything reads them.
pub fn cadangan(isi: &[u8]) {
    let Some((&pilih, isi)) = isi.split_first() else {
        return;
    };
    match pilih % 3 {
        0 => {
            let _ = crate::cadangan::periksa_cadangan_data(isi, None);
        }
        1 => {
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            if z.write_all(isi).is_ok()
                && let Ok(gz) = z.finish()
            {
                let _ = crate::cadangan::periksa_cadangan_data(&gz, None);
            }
        }
        _ => {
            let _ = crate::cadangan::sandi::KepalaSandi::baca(isi);
        }
    }
}

/// A sync batch as it arrives at the district server (or back at the village).
pub fn sinkron_paket(isi: &[u8]) {
    crate::sinkron::kemas::acak(isi);
}

/// Form and query values as typed: each line of the input is one field's value, read by the
/// parsers behind the forms (NIK, dates, amounts, text bounds, village codes, letter numbering,
/// RT/RW, reference numbers, spreadsheet cells) and the letter-type definitions admins upload.
pub fn isian(isi: &[u8]) {
    use balai_domain::{DaftarGalat, isian as f};
    let teks = String::from_utf8_lossy(isi);
    let hari_ini = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
    let mut g = DaftarGalat::default();
    for v in teks.lines() {
        let _ = balai_domain::Nik::parse(v);
        let _ = balai_domain::Nik::parse_wilayah_bebas(v);
        let _ = balai_domain::NoKk::parse(v);
        let _ = balai_domain::penduduk::parse_tanggal(v);
        let _ = balai_domain::KodeDesa::parse(v);
        let _ = balai_domain::surat::nomor::FormatNomor::baca(v);
        let _ = balai_domain::adminduk::baca_nomor_referensi(v);
        let _ = balai_domain::lembar::baca_sel_csv(v);
        let _ = crate::impor::baca_rt_rw(v, false);
        let _ = crate::impor::baca_rt_rw(v, true);
        let _ = crate::impor::bersihkan_nomor(v);
        let _ = f::tanggal_wajib(&mut g, "t", "Tanggal", v, hari_ini);
        let _ = f::tanggal_opsi(&mut g, "t", "Tanggal", v, hari_ini);
        let _ = f::teks(&mut g, "t", "Teks", v, 100, true);
        let _ = f::bulat(&mut g, "n", "Jumlah", v, true);
        f::panjang(&mut g, "t", "Teks", v, 100);
    }
    let _ = balai_domain::surat::jenis::baca_toml(&teks);
}
