//! Backup and restore (`balai backup FILE`, `balai restore FILE`).
//!
//! A backup is a logical dump of every application table, read in one read-only transaction
//! (a snapshot: `REPEATABLE READ` on PostgreSQL, a single read transaction on SQLite in WAL
//! mode), so it is consistent while the server keeps serving. It is streamed table by table as
//! JSON lines, gzip-compressed, with a SHA-256 of the content in its last line, and optionally
//! encrypted with a passphrase (argon2id + XChaCha20-Poly1305, see the `sandi` module). The
//! format is described in the `berkas` module. Values keep their source type; a restore converts
//! them to the target column types, so a SQLite backup restores into PostgreSQL and back.
//!
//! Not in a backup: `skema_versi` (the binary's migrations), `wilayah` (the Kemendagri region
//! table, embedded in the binary; the target keeps its own) and `sesi` (login sessions; emptied
//! by a restore, so everyone signs in again). Tables are found in the database catalogue, so a
//! table added by a later migration is included automatically.
//!
//! A restore first reads the whole file and checks everything without touching the database:
//! authentication tag or checksum, format and schema version (must equal this database's),
//! tables and columns, every value convertible to its column. Only then, in ONE transaction, it
//! empties the application tables and inserts the backup's rows; any failure rolls back and
//! leaves the database as it was. The file is read again for the insert and its checksum must
//! match the first reading before the transaction commits.
//!
//! The audit log refuses `UPDATE` and `DELETE` by triggers. A restore empties it without
//! disabling that protection for anyone else: PostgreSQL's `TRUNCATE` does not fire row
//! triggers (and needs table-owner rights); on SQLite the guard triggers (those that `RAISE`) of
//! the emptied tables are dropped and re-created from their stored SQL inside the restore's own
//! write transaction, which no other connection can see. The audit rows are restored exactly,
//! so the hash chain verifies afterwards ([`crate::Store::verifikasi_audit`]).

mod berkas;
mod buat;
mod nilai;
pub mod periksa;
mod pulih;
mod pulih_desa;
mod rotasi;
pub(crate) mod sandi;
mod skema;

pub use rotasi::{AKHIRAN_CADANGAN, nama_berkas_cadangan, pangkas_cadangan, umur_cadangan_terbaru};

use crate::Galat;
use berkas::{Jenis, Langkah, Pembaca};
use chrono::{DateTime, Utc};
use sandi::{GalatDalamIo, Kunci};
use serde::Serialize;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a backup holds, as written or as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RingkasCadangan {
    /// Version of the file format.
    pub format_versi: u32,
    /// Schema version (last migration) of the database it came from.
    pub skema_versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    /// `sqlite` or `postgres`: where it came from.
    pub backend: String,
    /// Balai version that wrote it.
    pub aplikasi: String,
    pub terenkripsi: bool,
    /// Rows per table, in restore order.
    pub tabel: Vec<JumlahTabel>,
    pub jumlah_baris: u64,
    /// SHA-256 of the (uncompressed) content, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JumlahTabel {
    pub nama: String,
    pub baris: u64,
}

pub(crate) fn galat_rusak(rincian: &str) -> Galat {
    Galat::Ditolak(format!("Berkas cadangan rusak: {rincian}."))
}

pub(crate) fn galat_sandi() -> Galat {
    Galat::Ditolak("Kata sandi cadangan salah atau berkas telah diubah.".into())
}

/// A read error of the backup pipeline as a store error: our own messages pass through, a
/// broken compressed stream means a damaged file.
pub(crate) fn dari_io(e: io::Error) -> Galat {
    if let Some(g) = e.get_ref().and_then(|g| g.downcast_ref::<GalatDalamIo>()) {
        return Galat::Ditolak(g.0.clone());
    }
    match e.kind() {
        io::ErrorKind::InvalidData
        | io::ErrorKind::InvalidInput
        | io::ErrorKind::UnexpectedEof
        | io::ErrorKind::Other => {
            tracing::debug!(galat = %e, "cadangan tidak dapat diurai");
            galat_rusak("data terkompresi tidak dapat dibaca")
        }
        _ => Galat::Lain(format!("Gagal membaca berkas cadangan: {e}")),
    }
}

/// Where a backup is read from. Read twice by a restore (check, then insert).
#[derive(Clone)]
pub(crate) enum Sumber {
    Berkas(PathBuf),
    Data(Arc<[u8]>),
}

impl Sumber {
    pub(crate) fn buka(&self) -> Result<Box<dyn Read + Send>, Galat> {
        match self {
            Sumber::Berkas(p) => {
                let f = std::fs::File::open(p).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => {
                        Galat::Ditolak(format!("Berkas cadangan {} tidak ditemukan.", p.display()))
                    }
                    _ => Galat::Lain(format!(
                        "Berkas cadangan {} tidak dapat dibuka: {e}",
                        p.display()
                    )),
                })?;
                Ok(Box::new(f))
            }
            Sumber::Data(d) => Ok(Box::new(io::Cursor::new(Arc::clone(d)))),
        }
    }
}

/// Derives the key of an encrypted backup (slow by design: run on a blocking thread), after
/// checking that a passphrase is given exactly when the file needs one.
pub(crate) fn kunci_untuk(sumber: &Sumber, sandi: Option<&str>) -> Result<Option<Kunci>, Galat> {
    let awal = berkas::baca_awal(&mut sumber.buka()?)?;
    match (berkas::kenali(&awal)?, sandi) {
        (Jenis::Polos, None) => Ok(None),
        (Jenis::Polos, Some(_)) => Err(Galat::Ditolak(
            "Berkas cadangan ini tidak terenkripsi, tetapi kata sandi diberikan. Pulihkan tanpa kata sandi bila berkas ini memang cadangan tanpa enkripsi.".into(),
        )),
        (Jenis::Sandi(_), None) => Err(Galat::Ditolak(
            "Berkas cadangan ini terenkripsi; masukkan kata sandinya.".into(),
        )),
        (Jenis::Sandi(k), Some(s)) => Ok(Some(k.kunci(s)?)),
    }
}

/// Reads a whole backup, checking everything, and returns its summary. With a target schema,
/// also checks that every row fits it (see `pulih`).
pub(crate) fn periksa_sumber(
    sumber: &Sumber,
    kunci: Option<&Kunci>,
    sasaran: Option<&pulih::Sasaran>,
) -> Result<RingkasCadangan, Galat> {
    let mut p = Pembaca::buka(sumber.buka()?, kunci)?;
    let rencana = match sasaran {
        Some(s) => Some(pulih::rencanakan(&p.kepala, s)?),
        None => None,
    };
    let mut tabel = None;
    loop {
        match p.berikut()? {
            Langkah::Tabel(i) => tabel = Some(i),
            Langkah::Baris(nilai) => {
                if let (Some(r), Some(i)) = (&rencana, tabel) {
                    r[i].ubah(nilai)?;
                }
            }
            Langkah::Selesai => break,
        }
    }
    Ok(ringkas(&p, kunci.is_some()))
}

fn ringkas(p: &Pembaca, terenkripsi: bool) -> RingkasCadangan {
    let k = &p.kepala;
    RingkasCadangan {
        format_versi: k.versi,
        skema_versi: k.skema_versi,
        dibuat_pada: k.dibuat_pada,
        backend: k.backend.clone(),
        aplikasi: k.aplikasi.clone(),
        terenkripsi,
        tabel: k
            .tabel
            .iter()
            .map(|t| JumlahTabel {
                nama: t.nama.clone(),
                baris: t.baris,
            })
            .collect(),
        jumlah_baris: k.tabel.iter().map(|t| t.baris).sum(),
        sha256: p.sha256.clone(),
    }
}

/// Checks a backup file completely (authentication or checksum, format, every row) without a
/// database. CPU-heavy: in async code call it through `tokio::task::spawn_blocking`.
/// Whether a backup file is encrypted (so a passphrase or key file is needed to restore it).
pub fn cadangan_terenkripsi(berkas: &Path) -> Result<bool, Galat> {
    let awal = berkas::baca_awal(&mut Sumber::Berkas(berkas.to_path_buf()).buka()?)?;
    Ok(matches!(berkas::kenali(&awal)?, Jenis::Sandi(_)))
}

pub fn periksa_cadangan(berkas: &Path, sandi: Option<&str>) -> Result<RingkasCadangan, Galat> {
    let sumber = Sumber::Berkas(berkas.to_path_buf());
    let kunci = kunci_untuk(&sumber, sandi)?;
    periksa_sumber(&sumber, kunci.as_ref(), None)
}

/// [`periksa_cadangan`] for a backup held in memory (an upload).
pub fn periksa_cadangan_data(data: &[u8], sandi: Option<&str>) -> Result<RingkasCadangan, Galat> {
    let sumber = Sumber::Data(Arc::from(data));
    let kunci = kunci_untuk(&sumber, sandi)?;
    periksa_sumber(&sumber, kunci.as_ref(), None)
}

/// The backup reader answers any bytes with a summary or a refusal, never a panic.
#[cfg(test)]
mod uji_sifat {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn berkas_cadangan_acak_ditolak_tanpa_panik(ekor in proptest::collection::vec(any::<u8>(), 0..4096),
                                                   awal in 0usize..3) {
            // Plain gzip, the encrypted header's magic, or nothing recognisable.
            let mut isi = match awal {
                0 => berkas::GZIP_KEPALA.to_vec(),
                1 => sandi::MAGIC.to_vec(),
                _ => Vec::new(),
            };
            isi.extend(ekor);
            prop_assert!(periksa_cadangan_data(&isi, None).is_err());
            prop_assert!(periksa_cadangan_data(&isi, Some("sandi")).is_err());
        }
    }
}
