//! Reading a MySQL dump (mysqldump or phpMyAdmin export, plain or gzip) without MySQL.
//!
//! The dump is read statement by statement from a stream, so a dump of any size costs the
//! memory of its largest statement (an extended INSERT of a few hundred rows) plus the rows the
//! caller keeps. Only `CREATE TABLE` (for the column names) and `INSERT`/`REPLACE` statements
//! are understood; everything else (SET, LOCK, ALTER, DROP …) is skipped.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

/// One value of a row. Numbers keep their text: the importer decides how to read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nilai {
    Null,
    Teks(String),
}

impl Nilai {
    pub fn teks(&self) -> &str {
        match self {
            Nilai::Null => "",
            Nilai::Teks(s) => s,
        }
    }
}

/// How the dump ended and what was fixed on the way.
#[derive(Debug, Default, Clone)]
pub struct InfoDump {
    /// Rows read per table (every table, used or not).
    pub baris: HashMap<String, usize>,
    /// Text values that were mojibake (UTF-8 stored as latin1) or latin1 bytes, converted.
    pub teks_diperbaiki: usize,
    /// The dump declared latin1 (`SET NAMES latin1` or `DEFAULT CHARSET=latin1`).
    pub latin1: bool,
}

/// What is wrong with the file as a whole (an Indonesian message for the operator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GalatDump(pub String);

/// Reads a dump and hands each row of the tables `pakai` accepts to `terima`, with the
/// table's column names (from its CREATE TABLE or the INSERT's own column list).
pub fn baca(
    sumber: impl Read,
    pakai: impl Fn(&str) -> bool,
    mut terima: impl FnMut(&str, &[String], Vec<Nilai>) -> Result<(), GalatDump>,
) -> Result<InfoDump, GalatDump> {
    let mut r = BufReader::with_capacity(1 << 16, sumber);
    let awal = r
        .fill_buf()
        .map_err(|e| GalatDump(format!("Berkas tidak dapat dibaca: {e}.")))?;
    let gzip = awal.starts_with(&[0x1f, 0x8b]);
    if gzip {
        let z = BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(r));
        baca_polos(z, pakai, &mut terima)
    } else {
        baca_polos(r, pakai, &mut terima)
    }
}

fn baca_polos(
    r: impl BufRead,
    pakai: impl Fn(&str) -> bool,
    terima: &mut impl FnMut(&str, &[String], Vec<Nilai>) -> Result<(), GalatDump>,
) -> Result<InfoDump, GalatDump> {
    let mut p = Pemotong::baru(r);
    let mut info = InfoDump::default();
    let mut kolom: HashMap<String, Vec<String>> = HashMap::new();
    let mut ada_pernyataan = false;
    while let Some(s) = p.berikut()? {
        ada_pernyataan = true;
        let teks = s.trim_ascii_start();
        if mulai_dengan(teks, b"CREATE TABLE") {
            let (nama, kol, latin1) = buat_tabel(teks, p.baris)?;
            info.latin1 |= latin1;
            kolom.insert(nama, kol);
        } else if mulai_dengan(teks, b"INSERT") || mulai_dengan(teks, b"REPLACE") {
            sisipan(teks, p.baris, &kolom, &pakai, &mut info, terima)?;
        }
    }
    info.latin1 |= p.latin1;
    if !ada_pernyataan {
        return Err(GalatDump(
            "Berkas kosong atau bukan cadangan basis data (tidak ada pernyataan SQL).".into(),
        ));
    }
    p.periksa_akhir()?;
    Ok(info)
}

fn mulai_dengan(s: &[u8], awalan: &[u8]) -> bool {
    s.len() >= awalan.len() && s[..awalan.len()].eq_ignore_ascii_case(awalan)
}

/// Cuts the stream into statements at `;` outside strings, line by line (dumps put comments
/// on lines of their own, and a long extended INSERT is one line).
struct Pemotong<R> {
    r: R,
    /// What followed a `;` on the same line: the start of the next statement.
    sisa: Vec<u8>,
    /// Line number where the current statement started (for messages).
    baris: usize,
    baris_kini: usize,
    latin1: bool,
    /// `-- MySQL dump` header seen, and its `-- Dump completed` footer.
    kepala_mysqldump: bool,
    kaki_mysqldump: bool,
    transaksi_dibuka: bool,
    transaksi_ditutup: bool,
}

fn terpotong(baris: usize) -> GalatDump {
    GalatDump(format!(
        "Berkas cadangan terpotong: pernyataan yang dimulai pada baris {baris} tidak selesai. Buat ulang cadangan (mysqldump atau Ekspor phpMyAdmin) dan pastikan unduhannya lengkap."
    ))
}

impl<R: BufRead> Pemotong<R> {
    fn baru(r: R) -> Self {
        Pemotong {
            r,
            sisa: Vec::new(),
            baris: 0,
            baris_kini: 0,
            latin1: false,
            kepala_mysqldump: false,
            kaki_mysqldump: false,
            transaksi_dibuka: false,
            transaksi_ditutup: false,
        }
    }

    /// The next line, or `None` at the end of the stream.
    fn baris_berikut(&mut self) -> Result<Option<Vec<u8>>, GalatDump> {
        if !self.sisa.is_empty() {
            return Ok(Some(std::mem::take(&mut self.sisa)));
        }
        let mut l = Vec::new();
        let n = self.r.read_until(b'\n', &mut l).map_err(|e| {
            GalatDump(format!(
                "Berkas tidak dapat dibaca sampai akhir ({e}). Jika berkas .gz, pastikan unduhannya lengkap."
            ))
        })?;
        if n == 0 {
            return Ok(None);
        }
        self.baris_kini += 1;
        Ok(Some(l))
    }

    /// The next statement's bytes (without the `;`), or `None` at the end.
    fn berikut(&mut self) -> Result<Option<Vec<u8>>, GalatDump> {
        let mut stmt: Vec<u8> = Vec::new();
        let mut kutip: Option<u8> = None;
        let mut lolos = false;
        loop {
            let Some(line) = self.baris_berikut()? else {
                if kutip.is_some() || !stmt.trim_ascii().is_empty() {
                    return Err(terpotong(self.baris));
                }
                return Ok(None);
            };
            if kutip.is_none() && stmt.trim_ascii().is_empty() {
                let t = line.trim_ascii();
                if t.is_empty() {
                    continue;
                }
                if t.starts_with(b"--") || t.starts_with(b"#") {
                    self.komentar_baris(t);
                    continue;
                }
                if t.starts_with(b"/*") {
                    self.komentar_blok(t.to_vec())?;
                    continue;
                }
                self.baris = self.baris_kini;
            }
            for (i, &c) in line.iter().enumerate() {
                if let Some(q) = kutip {
                    if lolos {
                        lolos = false;
                    } else if c == b'\\' && q != b'`' {
                        lolos = true;
                    } else if c == q {
                        // A doubled quote reopens at once: same result.
                        kutip = None;
                    }
                    continue;
                }
                match c {
                    b'\'' | b'"' | b'`' => kutip = Some(c),
                    b';' => {
                        stmt.extend_from_slice(&line[..i]);
                        let sisa = &line[i + 1..];
                        if !sisa.trim_ascii().is_empty() {
                            self.sisa = sisa.to_vec();
                        }
                        self.tandai(&stmt);
                        return Ok(Some(stmt));
                    }
                    _ => {}
                }
            }
            stmt.extend_from_slice(&line);
        }
    }

    fn komentar_baris(&mut self, t: &[u8]) {
        if t.starts_with(b"-- MySQL dump") || t.starts_with(b"-- MariaDB dump") {
            self.kepala_mysqldump = true;
        }
        if t.starts_with(b"-- Dump completed") {
            self.kaki_mysqldump = true;
        }
    }

    /// A `/* … */` comment starting a line; mysqldump's executable comments carry the
    /// character set (`/*!40101 SET NAMES latin1 */;`).
    fn komentar_blok(&mut self, mut isi: Vec<u8>) -> Result<(), GalatDump> {
        let mulai = self.baris_kini;
        let akhir = loop {
            if let Some(p) = isi[2..].windows(2).position(|w| w == b"*/") {
                break p + 4;
            }
            match self.baris_berikut()? {
                Some(l) => isi.extend_from_slice(&l),
                None => return Err(terpotong(mulai)),
            }
        };
        let t = String::from_utf8_lossy(&isi[..akhir]).to_ascii_uppercase();
        if t.starts_with("/*!") && t.contains("SET NAMES LATIN1") {
            self.latin1 = true;
        }
        let sisa = isi[akhir..].trim_ascii();
        let sisa = sisa.strip_prefix(b";").unwrap_or(sisa).trim_ascii();
        if !sisa.is_empty() {
            self.sisa = sisa.to_vec();
        }
        Ok(())
    }

    fn tandai(&mut self, s: &[u8]) {
        let t = s.trim_ascii();
        if mulai_dengan(t, b"START TRANSACTION") {
            self.transaksi_dibuka = true;
        }
        if mulai_dengan(t, b"COMMIT") {
            self.transaksi_ditutup = true;
        }
        if mulai_dengan(t, b"SET NAMES") {
            let u = String::from_utf8_lossy(t).to_ascii_uppercase();
            self.latin1 |= u.contains("LATIN1");
        }
    }

    fn periksa_akhir(&self) -> Result<(), GalatDump> {
        if self.kepala_mysqldump && !self.kaki_mysqldump {
            return Err(GalatDump(
                "Berkas cadangan terpotong: baris penutup mysqldump (\"-- Dump completed\") tidak ada, jadi sebagian tabel mungkin hilang. Buat ulang cadangan dan pastikan unduhannya lengkap.".into(),
            ));
        }
        if self.transaksi_dibuka && !self.transaksi_ditutup {
            return Err(GalatDump(
                "Berkas cadangan terpotong: ekspor phpMyAdmin tidak diakhiri COMMIT, jadi sebagian tabel mungkin hilang. Ekspor ulang basis data dan pastikan unduhannya lengkap.".into(),
            ));
        }
        Ok(())
    }
}

/// Table name, column names and whether the table is declared latin1.
fn buat_tabel(s: &[u8], baris: usize) -> Result<(String, Vec<String>, bool), GalatDump> {
    let mut k = Kursor { s, i: 0 };
    k.kata(); // CREATE
    k.kata(); // TABLE
    k.spasi();
    if k.awali_kata(b"IF") {
        k.kata(); // IF
        k.kata(); // NOT
        k.kata(); // EXISTS
    }
    let nama = k
        .nama()
        .ok_or_else(|| galat_sintaks("CREATE TABLE", baris))?;
    k.spasi();
    if !k.lewati(b'(') {
        return Err(galat_sintaks("CREATE TABLE", baris));
    }
    let mut kolom = Vec::new();
    // One definition per top-level comma; a column definition starts with its name.
    loop {
        k.spasi();
        match k.intip() {
            None => return Err(galat_sintaks("CREATE TABLE", baris)),
            Some(b')') => {
                k.i += 1;
                break;
            }
            Some(b'`') | Some(b'"') => {
                let n = k
                    .nama()
                    .ok_or_else(|| galat_sintaks("CREATE TABLE", baris))?;
                kolom.push(n);
            }
            _ => {}
        }
        if !k.sampai_koma_atas() {
            break;
        }
    }
    let sisa = String::from_utf8_lossy(&s[k.i.min(s.len())..]).to_ascii_uppercase();
    let latin1 = sisa.contains("CHARSET=LATIN1");
    Ok((nama, kolom, latin1))
}

fn galat_sintaks(apa: &str, baris: usize) -> GalatDump {
    GalatDump(format!(
        "Pernyataan {apa} pada baris {baris} tidak dapat dibaca. Berkas mungkin rusak atau bukan cadangan MySQL/MariaDB."
    ))
}

fn sisipan(
    s: &[u8],
    baris: usize,
    kolom: &HashMap<String, Vec<String>>,
    pakai: &impl Fn(&str) -> bool,
    info: &mut InfoDump,
    terima: &mut impl FnMut(&str, &[String], Vec<Nilai>) -> Result<(), GalatDump>,
) -> Result<(), GalatDump> {
    let mut k = Kursor { s, i: 0 };
    k.kata(); // INSERT / REPLACE
    k.spasi();
    for kata in [
        &b"LOW_PRIORITY"[..],
        b"DELAYED",
        b"HIGH_PRIORITY",
        b"IGNORE",
    ] {
        if k.awali_kata(kata) {
            k.kata();
            k.spasi();
        }
    }
    if k.awali_kata(b"INTO") {
        k.kata();
        k.spasi();
    }
    let tabel = k.nama().ok_or_else(|| galat_sintaks("INSERT", baris))?;
    let tabel = match tabel.rsplit_once('.') {
        Some((_, t)) if !t.is_empty() => t.to_string(),
        _ => tabel,
    };
    k.spasi();
    let mut kol_sendiri = None;
    if k.intip() == Some(b'(') {
        k.i += 1;
        let mut v = Vec::new();
        loop {
            k.spasi();
            match k.intip() {
                Some(b')') => {
                    k.i += 1;
                    break;
                }
                Some(b',') => k.i += 1,
                Some(_) => v.push(k.nama().ok_or_else(|| galat_sintaks("INSERT", baris))?),
                None => return Err(galat_sintaks("INSERT", baris)),
            }
        }
        kol_sendiri = Some(v);
        k.spasi();
    }
    if !k.awali_kata(b"VALUES") && !k.awali_kata(b"VALUE") {
        // INSERT … SELECT or SET: not a dump's data.
        return Ok(());
    }
    k.kata();
    let dipakai = pakai(&tabel);
    let kolom_tabel: &[String] = match &kol_sendiri {
        Some(v) => v,
        None => kolom.get(&tabel).map(Vec::as_slice).unwrap_or(&[]),
    };
    let mut jumlah = 0usize;
    loop {
        k.spasi();
        if !k.lewati(b'(') {
            break;
        }
        let mut nilai = Vec::with_capacity(kolom_tabel.len());
        loop {
            k.spasi();
            match k.intip() {
                Some(b')') => {
                    k.i += 1;
                    break;
                }
                Some(b',') => k.i += 1,
                Some(_) => {
                    let v = k.nilai(dipakai, &mut info.teks_diperbaiki);
                    match v {
                        Some(v) => nilai.push(v),
                        None => return Err(galat_sintaks("INSERT", baris)),
                    }
                }
                None => return Err(galat_sintaks("INSERT", baris)),
            }
        }
        jumlah += 1;
        if dipakai {
            if kolom_tabel.len() != nilai.len() {
                return Err(GalatDump(format!(
                    "Baris data tabel {tabel} pada baris {baris} berisi {} nilai, padahal tabelnya mempunyai {} kolom. Berkas mungkin rusak.",
                    nilai.len(),
                    kolom_tabel.len()
                )));
            }
            terima(&tabel, kolom_tabel, nilai)?;
        }
        k.spasi();
        if !k.lewati(b',') {
            break;
        }
    }
    *info.baris.entry(tabel).or_default() += jumlah;
    Ok(())
}

struct Kursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Kursor<'_> {
    fn intip(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn spasi(&mut self) {
        while self.intip().is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn lewati(&mut self, c: u8) -> bool {
        if self.intip() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn awali_kata(&self, kata: &[u8]) -> bool {
        let s = &self.s[self.i.min(self.s.len())..];
        mulai_dengan(s, kata)
            && s.get(kata.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_')
    }

    /// Skips one bare word and the blanks around it.
    fn kata(&mut self) {
        self.spasi();
        while self
            .intip()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        self.spasi();
    }

    /// A name: `quoted`, "quoted" or bare, possibly `db`.`table`.
    fn nama(&mut self) -> Option<String> {
        let mut hasil = String::new();
        loop {
            match self.intip()? {
                q @ (b'`' | b'"') => {
                    self.i += 1;
                    let mulai = self.i;
                    loop {
                        let c = self.intip()?;
                        self.i += 1;
                        if c == q {
                            if self.intip() == Some(q) {
                                self.i += 1;
                                continue;
                            }
                            break;
                        }
                    }
                    let mentah = &self.s[mulai..self.i - 1];
                    hasil.push_str(&String::from_utf8_lossy(mentah).replace("``", "`"));
                }
                _ => {
                    let mulai = self.i;
                    while self
                        .intip()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
                    {
                        self.i += 1;
                    }
                    if self.i == mulai {
                        return None;
                    }
                    hasil.push_str(&String::from_utf8_lossy(&self.s[mulai..self.i]));
                }
            }
            if self.intip() == Some(b'.') {
                self.i += 1;
                hasil.push('.');
                continue;
            }
            return Some(hasil);
        }
    }

    /// Moves past the next comma at parenthesis depth 0 (outside strings); false at the
    /// closing parenthesis of the list (left unread) or the end.
    fn sampai_koma_atas(&mut self) -> bool {
        let mut dalam = 0i32;
        while let Some(c) = self.intip() {
            match c {
                b'\'' | b'"' | b'`' => {
                    self.i += 1;
                    self.lewati_kutip(c);
                    continue;
                }
                b'(' => dalam += 1,
                b')' if dalam == 0 => return true,
                b')' => dalam -= 1,
                b',' if dalam == 0 => {
                    self.i += 1;
                    return true;
                }
                _ => {}
            }
            self.i += 1;
        }
        false
    }

    fn lewati_kutip(&mut self, q: u8) {
        while let Some(c) = self.intip() {
            self.i += 1;
            if c == b'\\' && q != b'`' {
                self.i += 1;
            } else if c == q {
                if self.intip() == Some(q) {
                    self.i += 1;
                } else {
                    return;
                }
            }
        }
    }

    /// One literal: NULL, a number, a quoted string (with an optional _charset prefix), a hex
    /// or bit literal. Strings are decoded only when the row is kept.
    fn nilai(&mut self, simpan: bool, diperbaiki: &mut usize) -> Option<Nilai> {
        let c = self.intip()?;
        if c == b'_' {
            // _binary '…', _utf8mb4 '…'
            while self
                .intip()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            {
                self.i += 1;
            }
            self.spasi();
            return self.nilai(simpan, diperbaiki);
        }
        if c == b'\'' || c == b'"' {
            let q = c;
            self.i += 1;
            let mut b = Vec::new();
            loop {
                let c = self.intip()?;
                self.i += 1;
                if c == b'\\' {
                    let e = self.intip()?;
                    self.i += 1;
                    if simpan {
                        match e {
                            b'0' => b.push(0),
                            b'n' => b.push(b'\n'),
                            b'r' => b.push(b'\r'),
                            b't' => b.push(b'\t'),
                            b'b' => b.push(8),
                            b'Z' => b.push(26),
                            // \% and \_ keep their backslash (MySQL's rule)
                            b'%' | b'_' => b.extend_from_slice(&[b'\\', e]),
                            other => b.push(other),
                        }
                    }
                } else if c == q {
                    if self.intip() == Some(q) {
                        self.i += 1;
                        if simpan {
                            b.push(q);
                        }
                    } else {
                        break;
                    }
                } else if simpan {
                    b.push(c);
                }
            }
            if !simpan {
                return Some(Nilai::Null);
            }
            return Some(Nilai::Teks(teks_dari(b, diperbaiki)));
        }
        if c == b'0' && matches!(self.s.get(self.i + 1), Some(b'x' | b'X')) {
            self.i += 2;
            let mulai = self.i;
            while self.intip().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.i += 1;
            }
            let hexs = &self.s[mulai..self.i];
            let bytes = hex::decode(hexs).ok()?;
            return Some(Nilai::Teks(teks_dari(bytes, diperbaiki)));
        }
        let mulai = self.i;
        while self
            .intip()
            .is_some_and(|c| !matches!(c, b',' | b')') && !c.is_ascii_whitespace())
        {
            self.i += 1;
        }
        if self.i == mulai {
            return None;
        }
        let t = String::from_utf8_lossy(&self.s[mulai..self.i]).into_owned();
        if t.eq_ignore_ascii_case("NULL") {
            return Some(Nilai::Null);
        }
        Some(Nilai::Teks(t))
    }
}

/// Text from a dump's bytes: UTF-8 as is, mojibake (UTF-8 stored as latin1 and dumped as
/// UTF-8: "SitiÂ NurÃ¢â‚¬â„¢aini") turned back, and latin1 bytes decoded.
fn teks_dari(b: Vec<u8>, diperbaiki: &mut usize) -> String {
    match String::from_utf8(b) {
        Ok(s) => match perbaiki_mojibake(&s) {
            Some(t) => {
                *diperbaiki += 1;
                t
            }
            None => s,
        },
        Err(e) => {
            *diperbaiki += 1;
            // MySQL's "latin1" is Windows-1252.
            let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            t.into_owned()
        }
    }
}

/// The text a mojibake string stands for, when every character maps to one Windows-1252 byte
/// and those bytes are UTF-8 with at least one multi-byte character. Real Indonesian text
/// never looks like that.
pub(crate) fn perbaiki_mojibake(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let (b, _, galat) = encoding_rs::WINDOWS_1252.encode(s);
    if galat {
        return None;
    }
    let t = std::str::from_utf8(&b).ok()?;
    (t != s).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table, columns and values of every row read.
    type Baris = (String, Vec<String>, Vec<Nilai>);

    fn baca_semua(dump: &[u8]) -> Result<(Vec<Baris>, InfoDump), GalatDump> {
        let mut v = Vec::new();
        let info = baca(
            dump,
            |t| t != "abaikan",
            |t, k, n| {
                v.push((t.to_string(), k.to_vec(), n));
                Ok(())
            },
        )?;
        Ok((v, info))
    }

    fn teks(n: &Nilai) -> &str {
        n.teks()
    }

    #[test]
    fn mysqldump_extended_insert() {
        let d = b"-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `nama` varchar(100) DEFAULT NULL COMMENT 'a,b',\n  `x` decimal(10,2) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k` (`nama`,`x`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\nINSERT INTO `t` VALUES (1,'Jum\\'at; ok','1.50'),(2,NULL,-3),(3,'a''b\\\\c\\nd',0x414243);\n-- Dump completed on 2024-10-01\n";
        let (v, info) = baca_semua(d).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].1, vec!["id", "nama", "x"]);
        assert_eq!(teks(&v[0].2[1]), "Jum'at; ok");
        assert_eq!(v[1].2[1], Nilai::Null);
        assert_eq!(teks(&v[1].2[2]), "-3");
        assert_eq!(teks(&v[2].2[1]), "a'b\\c\nd");
        assert_eq!(teks(&v[2].2[2]), "ABC");
        assert_eq!(info.baris["t"], 3);
        assert!(!info.latin1);
    }

    #[test]
    fn phpmyadmin_dengan_daftar_kolom() {
        let d = b"-- phpMyAdmin SQL Dump\nSTART TRANSACTION;\nCREATE TABLE `t` (\n  `a` int,\n  `b` text\n);\nINSERT INTO `t` (`b`, `a`) VALUES\n(\"x\", 1),\n('y\nz', 2);\nINSERT INTO `abaikan` VALUES (1);\nCOMMIT;\n";
        let (v, info) = baca_semua(d).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].1, vec!["b", "a"]);
        assert_eq!(teks(&v[1].2[0]), "y\nz");
        assert_eq!(info.baris["abaikan"], 1);
    }

    #[test]
    fn terpotong_ditolak() {
        let d = b"CREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (1),(2";
        let e = baca_semua(d).unwrap_err();
        assert!(e.0.contains("terpotong"), "{e:?}");
        let d = b"-- MySQL dump 10.13\nCREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (1);\n";
        assert!(baca_semua(d).unwrap_err().0.contains("Dump completed"));
        let d = b"START TRANSACTION;\nCREATE TABLE `t` (`a` int);\n";
        assert!(baca_semua(d).unwrap_err().0.contains("COMMIT"));
    }

    #[test]
    fn latin1_dan_mojibake_diperbaiki() {
        // latin1 bytes: 0xE9 is é
        let mut d = b"/*!40101 SET NAMES latin1 */;\nCREATE TABLE `t` (`a` text);\nINSERT INTO `t` VALUES ('D".to_vec();
        d.push(0xE9);
        d.extend_from_slice(b"sa'),('Siti Nur\xc3\xa2\xe2\x82\xac\xe2\x84\xa2aini'),('biasa');\n");
        let (v, info) = baca_semua(&d).unwrap();
        assert_eq!(teks(&v[0].2[0]), "D\u{e9}sa");
        assert_eq!(teks(&v[1].2[0]), "Siti Nur\u{2019}aini");
        assert_eq!(teks(&v[2].2[0]), "biasa");
        assert_eq!(info.teks_diperbaiki, 2);
        assert!(info.latin1);
    }

    #[test]
    fn gzip_dibaca() {
        use std::io::Write;
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"CREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (7);\n")
            .unwrap();
        let (v, _) = baca_semua(&z.finish().unwrap()).unwrap();
        assert_eq!(teks(&v[0].2[0]), "7");
    }

    #[test]
    fn bukan_dump() {
        assert!(baca_semua(b"").is_err());
        assert!(baca_semua(b"\x89PNG\r\n").is_err());
    }
}
