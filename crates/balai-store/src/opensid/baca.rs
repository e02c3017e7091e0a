//! The rows of an OpenSID dump that Balai imports, kept by table and village, read by column
//! name (columns were added over the years and their order differs between installs).

use super::dump::{self, GalatDump, InfoDump, Nilai};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::io::Read;

/// The OpenSID tables Balai reads. Everything else in the dump is skipped while streaming.
pub const TABEL: &[&str] = &[
    "config",
    "setting_aplikasi",
    "migrasi",
    "tweb_wil_clusterdesa",
    "tweb_keluarga",
    "tweb_penduduk",
    "tweb_penduduk_map",
    "log_penduduk",
    "tweb_rtm",
    "tweb_desa_pamong",
    "ref_jabatan",
    "tweb_surat_format",
    "log_surat",
    "kategori",
    "artikel",
    "agenda",
    "gambar_gallery",
    "program",
    "program_peserta",
    "user",
    "user_grup",
];

/// One row, read by column name.
pub struct Baris<'a> {
    kolom: &'a HashMap<String, usize>,
    pub nilai: &'a [Nilai],
}

impl Baris<'_> {
    pub fn ada(&self, k: &str) -> bool {
        self.kolom.contains_key(k)
    }

    /// The text of a column, trimmed; "" when the column is missing or NULL.
    pub fn teks(&self, k: &str) -> String {
        self.kolom
            .get(k)
            .and_then(|&i| self.nilai.get(i))
            .map(|n| n.teks().trim().to_string())
            .unwrap_or_default()
    }

    pub fn angka(&self, k: &str) -> Option<i64> {
        self.teks(k).parse::<f64>().ok().map(|f| f as i64)
    }

    /// A date column; `None` for NULL, empty and MySQL's zero dates ('0000-00-00').
    pub fn tanggal(&self, k: &str) -> Option<NaiveDate> {
        tanggal(&self.teks(k))
    }

    pub fn waktu(&self, k: &str) -> Option<NaiveDateTime> {
        let t = self.teks(k);
        NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S")
            .ok()
            .or_else(|| tanggal(&t).and_then(|d| d.and_hms_opt(0, 0, 0)))
    }

    /// The whole row as JSON, for the holding table.
    pub fn json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        let mut kol: Vec<(&String, &usize)> = self.kolom.iter().collect();
        kol.sort_by_key(|(_, i)| **i);
        for (k, &i) in kol {
            let v = match self.nilai.get(i) {
                Some(Nilai::Teks(t)) => serde_json::Value::String(t.clone()),
                _ => serde_json::Value::Null,
            };
            m.insert(k.clone(), v);
        }
        serde_json::Value::Object(m)
    }

    /// A fingerprint of the row's values: the same row imported again is recognised.
    pub fn sidik(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut kol: Vec<(&String, &usize)> = self.kolom.iter().collect();
        kol.sort();
        for (k, &i) in kol {
            h.update(k.as_bytes());
            h.update([0]);
            match self.nilai.get(i) {
                Some(Nilai::Teks(t)) => h.update(t.as_bytes()),
                _ => h.update([0xff]),
            }
            h.update([1]);
        }
        hex::encode(&h.finalize()[..16])
    }
}

pub fn tanggal(t: &str) -> Option<NaiveDate> {
    let d = t.get(..10)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .ok()
        .filter(|d| d.year_ce().1 > 1800)
}

use chrono::Datelike;

/// The rows of one table.
#[derive(Default)]
pub struct Tabel {
    kolom: HashMap<String, usize>,
    baris: Vec<Vec<Nilai>>,
}

impl Tabel {
    pub fn baris(&self) -> impl Iterator<Item = Baris<'_>> {
        self.baris.iter().map(|n| Baris {
            kolom: &self.kolom,
            nilai: n,
        })
    }

    pub fn len(&self) -> usize {
        self.baris.len()
    }

    pub fn is_empty(&self) -> bool {
        self.baris.is_empty()
    }

    fn tambah(&mut self, kolom: &[String], nilai: Vec<Nilai>) {
        if self.kolom.is_empty() {
            self.kolom = kolom
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect();
        }
        if kolom.len() == self.kolom.len()
            && kolom
                .iter()
                .enumerate()
                .all(|(i, k)| self.kolom.get(k) == Some(&i))
        {
            self.baris.push(nilai);
            return;
        }
        // An INSERT with another column list: put each value under its name.
        let mut v = vec![Nilai::Null; self.kolom.len()];
        for (k, n) in kolom.iter().zip(nilai) {
            match self.kolom.get(k) {
                Some(&i) => v[i] = n,
                None => {
                    let i = self.kolom.len();
                    self.kolom.insert(k.clone(), i);
                    for b in &mut self.baris {
                        b.push(Nilai::Null);
                    }
                    v.push(n);
                }
            }
        }
        self.baris.push(v);
    }
}

/// Everything read from a dump.
#[derive(Default)]
pub struct IsiDump {
    pub tabel: HashMap<String, Tabel>,
    pub info: InfoDump,
}

static KOSONG: std::sync::LazyLock<Tabel> = std::sync::LazyLock::new(Tabel::default);

impl IsiDump {
    pub fn tabel(&self, nama: &str) -> &Tabel {
        self.tabel.get(nama).unwrap_or(&KOSONG)
    }

    /// Rows of a table that belong to one village: all of them in a single-village dump, those
    /// with its `config_id` in a multi-village one.
    pub fn baris_desa<'a>(
        &'a self,
        nama: &str,
        config_id: Option<&'a str>,
    ) -> impl Iterator<Item = Baris<'a>> + use<'a> {
        self.tabel(nama).baris().filter(move |b| match config_id {
            Some(c) if b.ada("config_id") => {
                let v = b.teks("config_id");
                v.is_empty() || v == c
            }
            _ => true,
        })
    }
}

/// Reads a dump, keeping only the tables Balai imports.
pub fn baca(sumber: impl Read) -> Result<IsiDump, GalatDump> {
    let mut isi = IsiDump::default();
    let info = dump::baca(
        sumber,
        |t| TABEL.contains(&t),
        |t, k, n| {
            isi.tabel.entry(t.to_string()).or_default().tambah(k, n);
            Ok(())
        },
    )?;
    isi.info = info;
    if !isi.info.baris.contains_key("tweb_penduduk") && !isi.info.baris.contains_key("config") {
        return Err(GalatDump(
            "Berkas ini bukan cadangan basis data OpenSID: tabel config dan tweb_penduduk tidak ditemukan. Buat cadangan dari menu Database OpenSID atau dengan mysqldump, lalu unggah berkas .sql (atau .sql.gz) itu.".into(),
        ));
    }
    Ok(isi)
}
