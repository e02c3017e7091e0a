//! Passphrase encryption of a backup: argon2id turns the passphrase into a key (random salt),
//! XChaCha20-Poly1305 seals the compressed backup in 64 KiB chunks.
//!
//! Chunks follow the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár): the nonce is a
//! random 19-byte prefix, a 32-bit big-endian chunk counter and a last-chunk flag, so chunks
//! cannot be reordered, dropped or cut off at the end without failing authentication. The whole
//! file header (parameters, salt, nonce prefix) is associated data of every chunk.
//!
//! Layout: `BALAIENC` · version u8 · kdf u8 (1 = argon2id v19) · m_cost u32 LE (KiB) · t_cost
//! u32 LE · p_cost u32 LE · salt [16] · nonce prefix [19] · chunk size u32 LE · chunks, each the
//! ciphertext of `chunk size` bytes (the last of fewer, possibly zero) plus a 16-byte tag.

use super::{galat_rusak, galat_sandi};
use crate::Galat;
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, Tag, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use std::io::{self, BufRead, Read, Write};

pub(crate) const MAGIC: &[u8; 8] = b"BALAIENC";
const VERSI: u8 = 1;
const KDF_ARGON2ID: u8 = 1;
const POTONGAN: usize = 64 * 1024;
const TAG: usize = 16;
pub(crate) const PANJANG_KEPALA: usize = 8 + 1 + 1 + 12 + 16 + 19 + 4;

/// Default cost: 64 MiB, 3 passes (OWASP's argon2id guidance, well under a second).
const M_COST: u32 = 64 * 1024;
const T_COST: u32 = 3;
const P_COST: u32 = 1;

/// The parsed file header.
#[derive(Clone)]
pub(crate) struct KepalaSandi {
    pub bita: [u8; PANJANG_KEPALA],
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    garam: [u8; 16],
    awalan: [u8; 19],
    potongan: usize,
}

impl KepalaSandi {
    /// A new header with a random salt and nonce prefix.
    pub(crate) fn baru() -> KepalaSandi {
        let mut garam = [0u8; 16];
        let mut awalan = [0u8; 19];
        rand::rng().fill_bytes(&mut garam);
        rand::rng().fill_bytes(&mut awalan);
        let mut bita = [0u8; PANJANG_KEPALA];
        let mut w = &mut bita[..];
        // Writing into a fixed slice of the exact size cannot fail.
        let _ = w.write_all(MAGIC);
        let _ = w.write_all(&[VERSI, KDF_ARGON2ID]);
        let _ = w.write_all(&M_COST.to_le_bytes());
        let _ = w.write_all(&T_COST.to_le_bytes());
        let _ = w.write_all(&P_COST.to_le_bytes());
        let _ = w.write_all(&garam);
        let _ = w.write_all(&awalan);
        let _ = w.write_all(&(POTONGAN as u32).to_le_bytes());
        KepalaSandi {
            bita,
            m_cost: M_COST,
            t_cost: T_COST,
            p_cost: P_COST,
            garam,
            awalan,
            potongan: POTONGAN,
        }
    }

    /// Parses a header; `bita` must start with [`MAGIC`].
    pub(crate) fn baca(bita: &[u8]) -> Result<KepalaSandi, Galat> {
        let b: [u8; PANJANG_KEPALA] = bita
            .get(..PANJANG_KEPALA)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| galat_rusak("kepala enkripsi terpotong"))?;
        if &b[..8] != MAGIC {
            return Err(galat_rusak("bukan berkas terenkripsi Balai"));
        }
        if b[8] != VERSI || b[9] != KDF_ARGON2ID {
            return Err(Galat::Ditolak(format!(
                "Berkas cadangan memakai format enkripsi versi {} yang tidak dikenal oleh versi Balai ini.",
                b[8]
            )));
        }
        let u32_di = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let (m_cost, t_cost, p_cost) = (u32_di(10), u32_di(14), u32_di(18));
        let potongan = u32_di(57) as usize;
        // Bounds keep a forged header from making us allocate gigabytes or spin for hours.
        if !(8..=1024 * 1024).contains(&m_cost)
            || !(1..=16).contains(&t_cost)
            || !(1..=16).contains(&p_cost)
            || !(1024..=16 * 1024 * 1024).contains(&potongan)
        {
            return Err(galat_rusak("parameter enkripsi tidak sah"));
        }
        let mut garam = [0u8; 16];
        garam.copy_from_slice(&b[22..38]);
        let mut awalan = [0u8; 19];
        awalan.copy_from_slice(&b[38..57]);
        Ok(KepalaSandi {
            bita: b,
            m_cost,
            t_cost,
            p_cost,
            garam,
            awalan,
            potongan,
        })
    }

    /// Derives the key (CPU- and memory-heavy: call from a blocking thread).
    pub(crate) fn kunci(&self, sandi: &str) -> Result<Kunci, Galat> {
        let param = argon2::Params::new(self.m_cost, self.t_cost, self.p_cost, Some(32))
            .map_err(|_| galat_rusak("parameter enkripsi tidak sah"))?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, param);
        let mut k = [0u8; 32];
        argon
            .hash_password_into(sandi.as_bytes(), &self.garam, &mut k)
            .map_err(|e| Galat::Lain(format!("Gagal menurunkan kunci dari kata sandi: {e}")))?;
        Ok(Kunci {
            cipher: XChaCha20Poly1305::new(Key::from_slice(&k)),
            kepala: self.clone(),
        })
    }
}

/// A derived key with the header it belongs to.
#[derive(Clone)]
pub(crate) struct Kunci {
    cipher: XChaCha20Poly1305,
    pub kepala: KepalaSandi,
}

impl Kunci {
    fn nonce(&self, urut: u32, akhir: bool) -> XNonce {
        let mut n = [0u8; 24];
        n[..19].copy_from_slice(&self.kepala.awalan);
        n[19..23].copy_from_slice(&urut.to_be_bytes());
        n[23] = u8::from(akhir);
        *XNonce::from_slice(&n)
    }
}

/// Encrypts everything written to it; [`PenulisSandi::selesai`] seals the last chunk.
pub(crate) struct PenulisSandi<W: Write> {
    tujuan: W,
    kunci: Kunci,
    buf: Vec<u8>,
    urut: u32,
}

impl<W: Write> PenulisSandi<W> {
    pub(crate) fn baru(mut tujuan: W, kunci: Kunci) -> io::Result<Self> {
        tujuan.write_all(&kunci.kepala.bita)?;
        Ok(PenulisSandi {
            tujuan,
            buf: Vec::with_capacity(kunci.kepala.potongan + TAG),
            kunci,
            urut: 0,
        })
    }

    fn segel(&mut self, panjang: usize, akhir: bool) -> io::Result<()> {
        let mut potong: Vec<u8> = self.buf.drain(..panjang).collect();
        let nonce = self.kunci.nonce(self.urut, akhir);
        let tag = self
            .kunci
            .cipher
            .encrypt_in_place_detached(&nonce, &self.kunci.kepala.bita, &mut potong)
            .map_err(|_| io::Error::other("enkripsi gagal"))?;
        self.tujuan.write_all(&potong)?;
        self.tujuan.write_all(&tag)?;
        self.urut = self
            .urut
            .checked_add(1)
            .ok_or_else(|| io::Error::other("cadangan terlalu besar untuk dienkripsi"))?;
        Ok(())
    }

    /// Seals the final chunk and returns the destination.
    pub(crate) fn selesai(mut self) -> io::Result<W> {
        let n = self.buf.len();
        self.segel(n, true)?;
        self.tujuan.flush()?;
        Ok(self.tujuan)
    }
}

impl<W: Write> Write for PenulisSandi<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        // Keep at least one byte back, so the final chunk is never a full one that was already
        // sealed as "not last".
        while self.buf.len() > self.kunci.kepala.potongan {
            self.segel(self.kunci.kepala.potongan, false)?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tujuan.flush()
    }
}

/// Decrypts and authenticates chunk by chunk. The header must already have been read.
pub(crate) struct PembacaSandi<R: BufRead> {
    sumber: R,
    kunci: Kunci,
    polos: Vec<u8>,
    posisi: usize,
    urut: u32,
    habis: bool,
}

impl<R: BufRead> PembacaSandi<R> {
    pub(crate) fn baru(sumber: R, kunci: Kunci) -> Self {
        PembacaSandi {
            sumber,
            polos: Vec::new(),
            posisi: 0,
            urut: 0,
            habis: false,
            kunci,
        }
    }

    fn potongan_berikut(&mut self) -> io::Result<()> {
        let penuh = self.kunci.kepala.potongan + TAG;
        let mut buf = vec![0u8; penuh];
        let mut n = 0;
        while n < penuh {
            let k = self.sumber.read(&mut buf[n..])?;
            if k == 0 {
                break;
            }
            n += k;
        }
        if n < TAG {
            return Err(io_galat(galat_rusak(
                "berkas terpotong (bagian terenkripsi terakhir tidak ada)",
            )));
        }
        buf.truncate(n);
        // The last chunk is the one after which the file ends.
        let akhir = n < penuh || self.sumber.fill_buf()?.is_empty();
        let tag = Tag::clone_from_slice(&buf[n - TAG..]);
        buf.truncate(n - TAG);
        let nonce = self.kunci.nonce(self.urut, akhir);
        if self
            .kunci
            .cipher
            .decrypt_in_place_detached(&nonce, &self.kunci.kepala.bita, &mut buf, &tag)
            .is_err()
        {
            return Err(io_galat(if self.urut == 0 {
                galat_sandi()
            } else {
                galat_rusak(&format!(
                    "bagian terenkripsi ke-{} tidak sah (berkas terpotong atau telah diubah)",
                    self.urut + 1
                ))
            }));
        }
        self.urut = self.urut.wrapping_add(1);
        self.habis = akhir;
        self.polos = buf;
        self.posisi = 0;
        Ok(())
    }
}

impl<R: BufRead> Read for PembacaSandi<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.posisi >= self.polos.len() {
            if self.habis {
                return Ok(0);
            }
            self.potongan_berikut()?;
        }
        let n = out.len().min(self.polos.len() - self.posisi);
        out[..n].copy_from_slice(&self.polos[self.posisi..self.posisi + n]);
        self.posisi += n;
        Ok(n)
    }
}

/// Carries a store error through `std::io` readers; see [`super::dari_io`].
pub(crate) fn io_galat(g: Galat) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, GalatDalamIo(g.to_string()))
}

/// A final, user-facing message travelling inside an `io::Error`.
#[derive(Debug)]
pub(crate) struct GalatDalamIo(pub String);

impl std::fmt::Display for GalatDalamIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GalatDalamIo {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn kunci_uji() -> Kunci {
        // Cheap parameters: the format is under test here, not the cost.
        let mut k = KepalaSandi::baru();
        k.m_cost = 8;
        k.t_cost = 1;
        k.bita[10..14].copy_from_slice(&8u32.to_le_bytes());
        k.bita[14..18].copy_from_slice(&1u32.to_le_bytes());
        k.kunci("rahasia").unwrap()
    }

    fn sandikan(k: &Kunci, data: &[u8]) -> Vec<u8> {
        let mut w = PenulisSandi::baru(Vec::new(), k.clone()).unwrap();
        for bagian in data.chunks(1000) {
            w.write_all(bagian).unwrap();
        }
        w.selesai().unwrap()
    }

    fn buka(k: &Kunci, berkas: &[u8]) -> io::Result<Vec<u8>> {
        let kepala = KepalaSandi::baca(berkas).map_err(io_galat)?;
        let k2 = Kunci {
            cipher: k.cipher.clone(),
            kepala,
        };
        let mut r = PembacaSandi::baru(BufReader::new(&berkas[PANJANG_KEPALA..]), k2);
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn bolak_balik_dan_pemotongan_terdeteksi() {
        let k = kunci_uji();
        for n in [0, 1, POTONGAN - 1, POTONGAN, POTONGAN + 1, 3 * POTONGAN] {
            let data: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let berkas = sandikan(&k, &data);
            assert_eq!(buka(&k, &berkas).unwrap(), data, "n = {n}");
            // Cut at every chunk boundary and mid-chunk: always refused.
            for potong in [
                berkas.len() - 1,
                PANJANG_KEPALA + POTONGAN + TAG,
                PANJANG_KEPALA + 5,
            ] {
                if potong < berkas.len() {
                    assert!(
                        buka(&k, &berkas[..potong]).is_err(),
                        "n = {n}, potong {potong}"
                    );
                }
            }
            // Extra bytes after the last chunk are refused too.
            let mut tambah = berkas.clone();
            tambah.push(0);
            assert!(buka(&k, &tambah).is_err(), "n = {n}");
        }
    }
}
