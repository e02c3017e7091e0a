//! The backup file: gzip of JSON lines, optionally encrypted (see `sandi`).
//!
//! ```text
//! {"format":"balai-cadangan","versi":1,"skema_versi":1,"dibuat_pada":…,"backend":"sqlite",
//!  "aplikasi":"0.1.0","tabel":[{"nama":"desa","kolom":[…],"tipe":[…],"baris":3},…]}
//! {"tabel":"desa"}
//! ["3325082004","DONOREJO",…]            one JSON array per row, in primary-key order
//! …
//! {"akhir":true,"baris":1234,"sha256":"…"}   SHA-256 of every byte before this line
//! ```

use super::nilai::{Nilai, Tipe};
use super::sandi::{KepalaSandi, Kunci, MAGIC, PANJANG_KEPALA, PembacaSandi, PenulisSandi};
use super::{dari_io, galat_rusak};
use crate::Galat;
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, BufRead, BufReader, Read, Write};

pub(crate) const FORMAT: &str = "balai-cadangan";
pub(crate) const VERSI_FORMAT: u32 = 1;
const GZIP: [u8; 2] = [0x1f, 0x8b];
/// The gzip header flate2 writes at level 6 (no name, no time, OS "unknown"). Requiring it
/// exactly means a changed header byte is noticed too, not only changed data.
pub(crate) const GZIP_KEPALA: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// No line of a genuine backup comes near this (a logo is at most 512 KB).
const BARIS_MAKS: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Kepala {
    pub format: String,
    pub versi: u32,
    pub skema_versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub backend: String,
    pub aplikasi: String,
    pub tabel: Vec<KepalaTabel>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct KepalaTabel {
    pub nama: String,
    pub kolom: Vec<String>,
    pub tipe: Vec<Tipe>,
    pub baris: u64,
}

#[derive(Serialize, Deserialize)]
struct Penanda {
    tabel: String,
}

#[derive(Serialize, Deserialize)]
struct Penutup {
    akhir: bool,
    baris: u64,
    sha256: String,
}

enum Lapisan<'a> {
    Polos(GzEncoder<&'a mut (dyn Write + Send)>),
    Sandi(GzEncoder<PenulisSandi<&'a mut (dyn Write + Send)>>),
}

/// Writes a backup line by line: hashing, compressing, encrypting.
pub(crate) struct Penulis<'a> {
    lapisan: Lapisan<'a>,
    hash: Sha256,
    baris: u64,
    buf: Vec<u8>,
}

impl<'a> Penulis<'a> {
    pub(crate) fn baru(
        tujuan: &'a mut (dyn Write + Send),
        kunci: Option<Kunci>,
    ) -> io::Result<Penulis<'a>> {
        let tingkat = Compression::new(6);
        let lapisan = match kunci {
            None => Lapisan::Polos(GzEncoder::new(tujuan, tingkat)),
            Some(k) => Lapisan::Sandi(GzEncoder::new(PenulisSandi::baru(tujuan, k)?, tingkat)),
        };
        Ok(Penulis {
            lapisan,
            hash: Sha256::new(),
            baris: 0,
            buf: Vec::with_capacity(4096),
        })
    }

    fn tulis_baris(&mut self, v: &impl Serialize) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, v)?;
        self.buf.push(b'\n');
        self.hash.update(&self.buf);
        match &mut self.lapisan {
            Lapisan::Polos(w) => w.write_all(&self.buf),
            Lapisan::Sandi(w) => w.write_all(&self.buf),
        }
    }

    pub(crate) fn kepala(&mut self, k: &Kepala) -> io::Result<()> {
        self.tulis_baris(k)
    }

    pub(crate) fn mulai_tabel(&mut self, nama: &str) -> io::Result<()> {
        self.tulis_baris(&Penanda { tabel: nama.into() })
    }

    pub(crate) fn baris(&mut self, nilai: &[serde_json::Value]) -> io::Result<()> {
        self.baris += 1;
        self.tulis_baris(&nilai)
    }

    /// Writes the trailer and closes every layer; returns the content checksum.
    pub(crate) fn selesai(self) -> io::Result<String> {
        let sha = hex::encode(self.hash.clone().finalize());
        let p = Penutup {
            akhir: true,
            baris: self.baris,
            sha256: sha.clone(),
        };
        let mut buf = serde_json::to_vec(&p)?;
        buf.push(b'\n');
        match self.lapisan {
            Lapisan::Polos(mut w) => {
                w.write_all(&buf)?;
                w.finish()?.flush()?;
            }
            Lapisan::Sandi(mut w) => {
                w.write_all(&buf)?;
                w.finish()?.selesai()?;
            }
        }
        Ok(sha)
    }
}

/// What kind of file a backup is, from its first bytes.
pub(crate) enum Jenis {
    Polos,
    Sandi(KepalaSandi),
}

/// Looks at the start of a file: plain gzip, or encrypted with this header.
pub(crate) fn kenali(awal: &[u8]) -> Result<Jenis, Galat> {
    if awal.starts_with(&GZIP) {
        Ok(Jenis::Polos)
    } else if awal.starts_with(MAGIC) {
        Ok(Jenis::Sandi(KepalaSandi::baca(awal)?))
    } else {
        Err(Galat::Ditolak(
            "Berkas ini bukan berkas cadangan Balai (format tidak dikenal).".into(),
        ))
    }
}

/// Reads the first bytes of a source, enough to recognise it.
pub(crate) fn baca_awal(r: &mut impl Read) -> Result<Vec<u8>, Galat> {
    let mut awal = Vec::with_capacity(PANJANG_KEPALA);
    r.take(PANJANG_KEPALA as u64)
        .read_to_end(&mut awal)
        .map_err(dari_io)?;
    Ok(awal)
}

type Mentah = BufReader<Box<dyn Read + Send>>;

/// Reads and checks a backup as it streams: every line hashed, every row decoded against the
/// header, counts and checksum compared at the end, nothing trailing.
pub(crate) struct Pembaca {
    isi: BufReader<flate2::bufread::GzDecoder<Mentah>>,
    hash: Sha256,
    buf: Vec<u8>,
    pub kepala: Kepala,
    /// Index into `kepala.tabel` of the table being read.
    tabel: Option<usize>,
    dibaca: u64,
    total: u64,
    selesai: bool,
    pub sha256: String,
}

/// One step of reading.
pub(crate) enum Langkah {
    Tabel(usize),
    Baris(Vec<Nilai>),
    Selesai,
}

impl Pembaca {
    /// Opens a backup. `sumber` starts at the first byte of the file; `kunci` is needed (and only
    /// allowed) for an encrypted file.
    pub(crate) fn buka(
        sumber: Box<dyn Read + Send>,
        kunci: Option<&Kunci>,
    ) -> Result<Pembaca, Galat> {
        let mut mentah: Box<dyn Read + Send> = sumber;
        let awal = baca_awal(&mut mentah)?;
        let lapis: Box<dyn Read + Send> = match (kenali(&awal)?, kunci) {
            (Jenis::Polos, None) => {
                if awal.get(..GZIP_KEPALA.len()) != Some(&GZIP_KEPALA[..]) {
                    return Err(galat_rusak("kepala gzip tidak dikenal"));
                }
                Box::new(io::Cursor::new(awal).chain(mentah))
            }
            (Jenis::Polos, Some(_)) => {
                return Err(Galat::Ditolak(
                    "Berkas cadangan ini tidak terenkripsi, tetapi kata sandi diberikan. Pulihkan tanpa kata sandi bila berkas ini memang cadangan tanpa enkripsi.".into(),
                ));
            }
            (Jenis::Sandi(_), None) => {
                return Err(Galat::Ditolak(
                    "Berkas cadangan ini terenkripsi; masukkan kata sandinya.".into(),
                ));
            }
            (Jenis::Sandi(k), Some(kunci)) => {
                if k.bita != kunci.kepala.bita {
                    // Another file than the one the key was derived for (replaced meanwhile).
                    return Err(Galat::Ditolak(
                        "Berkas cadangan berubah selama pemulihan; tidak ada data yang diubah."
                            .into(),
                    ));
                }
                Box::new(PembacaSandi::baru(BufReader::new(mentah), kunci.clone()))
            }
        };
        let gz = flate2::bufread::GzDecoder::new(BufReader::new(lapis));
        let mut p = Pembaca {
            isi: BufReader::with_capacity(64 * 1024, gz),
            hash: Sha256::new(),
            buf: Vec::with_capacity(4096),
            kepala: Kepala {
                format: String::new(),
                versi: 0,
                skema_versi: 0,
                dibuat_pada: DateTime::<Utc>::MIN_UTC,
                backend: String::new(),
                aplikasi: String::new(),
                tabel: Vec::new(),
            },
            tabel: None,
            dibaca: 0,
            total: 0,
            selesai: false,
            sha256: String::new(),
        };
        if !p.baca_baris()? {
            return Err(galat_rusak("berkas kosong"));
        }
        let v: serde_json::Value = serde_json::from_slice(&p.buf)
            .map_err(|_| galat_rusak("kepala cadangan tidak dapat dibaca"))?;
        if v.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(Galat::Ditolak(
                "Berkas ini bukan berkas cadangan Balai (format tidak dikenal).".into(),
            ));
        }
        let versi = v.get("versi").and_then(|f| f.as_u64()).unwrap_or(0);
        if versi != u64::from(VERSI_FORMAT) {
            return Err(Galat::Ditolak(format!(
                "Berkas cadangan memakai format versi {versi}, sedangkan versi Balai ini hanya mengenal format versi {VERSI_FORMAT}. Gunakan versi Balai yang sesuai."
            )));
        }
        p.kepala =
            serde_json::from_value(v).map_err(|_| galat_rusak("kepala cadangan tidak lengkap"))?;
        for t in &p.kepala.tabel {
            if t.kolom.len() != t.tipe.len() || t.kolom.is_empty() {
                return Err(galat_rusak(&format!(
                    "daftar kolom tabel {} tidak sah",
                    t.nama
                )));
            }
        }
        p.hash.update(&p.buf);
        Ok(p)
    }

    /// Reads one line into `buf` (without hashing). False at the end of the content.
    fn baca_baris(&mut self) -> Result<bool, Galat> {
        self.buf.clear();
        let n = (&mut self.isi)
            .take(BARIS_MAKS)
            .read_until(b'\n', &mut self.buf)
            .map_err(dari_io)?;
        if n == 0 {
            return Ok(false);
        }
        if self.buf.last() != Some(&b'\n') {
            return Err(galat_rusak("baris terakhir terpotong"));
        }
        Ok(true)
    }

    fn tutup_tabel(&mut self) -> Result<(), Galat> {
        if let Some(i) = self.tabel {
            let t = &self.kepala.tabel[i];
            if self.dibaca != t.baris {
                return Err(galat_rusak(&format!(
                    "tabel {} berisi {} baris, padahal kepala mencatat {}",
                    t.nama, self.dibaca, t.baris
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn berikut(&mut self) -> Result<Langkah, Galat> {
        if self.selesai {
            return Ok(Langkah::Selesai);
        }
        if !self.baca_baris()? {
            return Err(galat_rusak("berkas terpotong (penutup cadangan tidak ada)"));
        }
        if self.buf.first() == Some(&b'[') {
            let i = self
                .tabel
                .ok_or_else(|| galat_rusak("baris data sebelum nama tabel"))?;
            let t = &self.kepala.tabel[i];
            let mentah: Vec<serde_json::Value> = serde_json::from_slice(&self.buf)
                .map_err(|_| galat_rusak(&format!("baris tabel {} tidak dapat dibaca", t.nama)))?;
            if mentah.len() != t.kolom.len() {
                return Err(galat_rusak(&format!(
                    "jumlah kolom baris tabel {} tidak cocok",
                    t.nama
                )));
            }
            let mut nilai = Vec::with_capacity(mentah.len());
            for (j, v) in mentah.iter().enumerate() {
                nilai.push(
                    Nilai::dari_json(v, t.tipe[j]).map_err(|e| {
                        galat_rusak(&format!("kolom {}.{}: {e}", t.nama, t.kolom[j]))
                    })?,
                );
            }
            self.hash.update(&self.buf);
            self.dibaca += 1;
            self.total += 1;
            return Ok(Langkah::Baris(nilai));
        }
        let v: serde_json::Value = serde_json::from_slice(&self.buf)
            .map_err(|_| galat_rusak("baris tidak dapat dibaca"))?;
        if let Ok(p) = serde_json::from_value::<Penanda>(v.clone()) {
            self.tutup_tabel()?;
            let i = self.tabel.map_or(0, |i| i + 1);
            if self.kepala.tabel.get(i).map(|t| t.nama.as_str()) != Some(p.tabel.as_str()) {
                return Err(galat_rusak(&format!(
                    "urutan tabel tidak sesuai kepala (tabel {})",
                    p.tabel
                )));
            }
            self.hash.update(&self.buf);
            self.tabel = Some(i);
            self.dibaca = 0;
            return Ok(Langkah::Tabel(i));
        }
        let p: Penutup =
            serde_json::from_value(v).map_err(|_| galat_rusak("baris tidak dikenal"))?;
        self.tutup_tabel()?;
        let jumlah_tabel = self.tabel.map_or(0, |i| i + 1);
        if !p.akhir || jumlah_tabel != self.kepala.tabel.len() {
            return Err(galat_rusak("sebagian tabel tidak ada"));
        }
        let sha = hex::encode(self.hash.clone().finalize());
        if p.sha256 != sha {
            return Err(Galat::Ditolak(
                "Berkas cadangan rusak: checksum tidak cocok.".into(),
            ));
        }
        if p.baris != self.total {
            return Err(galat_rusak("jumlah baris tidak cocok dengan penutup"));
        }
        // Nothing may follow: not in the content, not after the compressed stream, and an
        // encrypted file must end with its sealed last chunk (read to the end to check it).
        let mut sisa = [0u8; 1];
        if self.isi.read(&mut sisa).map_err(dari_io)? != 0 {
            return Err(galat_rusak("ada data setelah penutup cadangan"));
        }
        if self
            .isi
            .get_mut()
            .get_mut()
            .read(&mut sisa)
            .map_err(dari_io)?
            != 0
        {
            return Err(galat_rusak("ada data tambahan setelah akhir cadangan"));
        }
        self.sha256 = sha;
        self.selesai = true;
        Ok(Langkah::Selesai)
    }
}
