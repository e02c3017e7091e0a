//! Files on the wire in a form a compressor can shrink ("dikemas").
//!
//! A letter PDF is ~22 KB, and most of it is font subsets that deflate has already compressed:
//! thirty letters of a day share almost all their glyphs, but their deflated streams share no
//! bytes, so the batch's compression finds nothing to reuse. Here each deflate stream of a PDF
//! travels inflated (as hex, which keeps equal bytes equal wherever they sit), and the receiver
//! deflates it again. The batch compressor (zstd, with a window larger than a batch) then stores
//! the repeated glyphs once.
//!
//! Lossless by construction: a stream is inflated only when deflating it again here gives back
//! exactly its bytes, and the receiver checks the rebuilt file against its SHA-256 as it checks
//! every file. Both sides must deflate alike, so a sender packs only for a receiver whose
//! `sidik()` (a fingerprint of its deflate output) equals its own; otherwise files go as before.

use crate::Galat;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::sync::OnceLock;

/// The level krilla (typst's PDF writer) deflates its streams with.
const TINGKAT: u32 = 6;
/// Streams larger than this stay as they are (bounded memory on a small village PC).
const BATAS_ALIRAN: u64 = 16 * 1024 * 1024;
/// At most this much packed hex per batch; further files go in base64, so a batch of text-heavy
/// PDFs (which inflate many times over) stays well under the receiver's body limit.
const BATAS_KEMAS: usize = 8 * 1024 * 1024;

/// One run of a packed file, in hex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Potongan {
    /// Bytes as they are in the file.
    Mentah(String),
    /// A zlib stream, inflated: deflate it at level 6 to get the file's bytes back.
    Zlib(String),
}

/// This build's deflate fingerprint: equal on two sides that rebuild streams identically.
pub fn sidik() -> &'static str {
    static SIDIK: OnceLock<String> = OnceLock::new();
    SIDIK.get_or_init(|| {
        // Text and pseudo-random bytes, so both the matcher and the literal coder are exercised.
        let mut contoh = b"Balai kemas: surat keterangan domisili desa ".repeat(40);
        let mut x: u32 = 2_463_534_242;
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            contoh.push((x % 7) as u8 + b'a');
        }
        let h = Sha256::digest(kempis(&contoh).unwrap_or_default());
        format!("z{TINGKAT}-{}", &hex::encode(h)[..16])
    })
}

fn kempis(isi: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(TINGKAT));
    z.write_all(isi)?;
    z.finish()
}

/// The file as runs, or `None` when packing gains nothing (not a PDF, or no stream that
/// rebuilds byte for byte).
pub fn kemas(isi: &[u8]) -> Option<Vec<Potongan>> {
    if !isi.starts_with(b"%PDF-") {
        return None;
    }
    let mut out = Vec::new();
    let mut dari = 0;
    let mut cari = 0;
    while let Some(p) = cari_dari(isi, b"stream", cari) {
        let mut mulai = p + b"stream".len();
        if isi[mulai..].starts_with(b"\r\n") {
            mulai += 2;
        } else if isi[mulai..].starts_with(b"\n") {
            mulai += 1;
        } else {
            cari = mulai;
            continue;
        }
        cari = mulai;
        let Some((mentah, panjang)) = kembang(&isi[mulai..]) else {
            continue;
        };
        if kempis(&mentah).ok().as_deref() != Some(&isi[mulai..mulai + panjang]) {
            continue;
        }
        out.push(Potongan::Mentah(hex::encode(&isi[dari..mulai])));
        out.push(Potongan::Zlib(hex::encode(&mentah)));
        dari = mulai + panjang;
        cari = dari;
    }
    if out.is_empty() {
        return None;
    }
    out.push(Potongan::Mentah(hex::encode(&isi[dari..])));
    Some(out)
}

/// The file's bytes from its runs (checked against its hash by the caller).
pub fn buka(potongan: &[Potongan]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for p in potongan {
        match p {
            Potongan::Mentah(h) => out.extend(hex::decode(h).map_err(|e| e.to_string())?),
            Potongan::Zlib(h) => {
                let mentah = hex::decode(h).map_err(|e| e.to_string())?;
                out.extend(kempis(&mentah).map_err(|e| e.to_string())?);
            }
        }
    }
    Ok(out)
}

/// Moves each base64 file that packs from `berkas` to `dikemas`, up to `BATAS_KEMAS` of hex.
pub(super) fn kemas_semua(
    berkas: &mut BTreeMap<String, String>,
    dikemas: &mut BTreeMap<String, Vec<Potongan>>,
) {
    let mut ukuran = 0;
    berkas.retain(|h, b64| {
        let Some(p) = B64.decode(b64.as_bytes()).ok().and_then(|isi| kemas(&isi)) else {
            return true;
        };
        let n: usize = p
            .iter()
            .map(|x| match x {
                Potongan::Mentah(h) | Potongan::Zlib(h) => h.len(),
            })
            .sum();
        if ukuran + n > BATAS_KEMAS {
            return true;
        }
        ukuran += n;
        dikemas.insert(h.clone(), p);
        false
    });
}

/// Every file of a batch, base64 or packed, each checked against its SHA-256: a file cut short,
/// altered, or rebuilt differently refuses the whole batch.
pub(super) fn baca_semua(
    berkas: &BTreeMap<String, String>,
    dikemas: &BTreeMap<String, Vec<Potongan>>,
) -> Result<HashMap<String, Vec<u8>>, Galat> {
    let tolak = |s: &str| Galat::Ditolak(s.into());
    let mut out = HashMap::new();
    let isi_b64 = berkas
        .iter()
        .map(|(h, b)| (h, B64.decode(b.as_bytes()).ok()));
    let isi_kemas = dikemas.iter().map(|(h, p)| (h, buka(p).ok()));
    for (h, isi) in isi_b64.chain(isi_kemas) {
        let isi = isi
            .ok_or_else(|| tolak("isi berkas dalam paket tidak sah; paket ditolak, kirim ulang"))?;
        if hex::encode(Sha256::digest(&isi)) != *h {
            return Err(tolak(
                "berkas dalam paket rusak atau terpotong (hash tidak cocok); paket ditolak, kirim ulang",
            ));
        }
        out.insert(h.clone(), isi);
    }
    Ok(out)
}

/// A zlib stream at the start of `isi`: its inflated bytes and its length in `isi`.
fn kembang(isi: &[u8]) -> Option<(Vec<u8>, usize)> {
    // A zlib header: deflate, and a check that makes the first two bytes a multiple of 31.
    if isi.len() < 2 || isi[0] & 0x0f != 8 || (u16::from(isi[0]) << 8 | u16::from(isi[1])) % 31 != 0
    {
        return None;
    }
    let mut z = flate2::bufread::ZlibDecoder::new(isi);
    let mut mentah = Vec::new();
    (&mut z)
        .take(BATAS_ALIRAN + 1)
        .read_to_end(&mut mentah)
        .ok()?;
    if mentah.len() as u64 > BATAS_ALIRAN {
        return None;
    }
    Some((mentah, z.total_in() as usize))
}

fn cari_dari(isi: &[u8], pola: &[u8], dari: usize) -> Option<usize> {
    isi.get(dari..)?
        .windows(pola.len())
        .position(|w| w == pola)
        .map(|p| p + dari)
}

/// Fuzzing entry (`crate::fuzz`): a batch as it arrives from the other side, decoded and its
/// files rebuilt and checked (before anything touches the database).
pub(crate) fn acak(isi: &[u8]) {
    if let Ok(p) = serde_json::from_slice::<super::Paket>(isi) {
        let _ = baca_semua(&p.berkas, &p.berkas_kemas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf_kecil() -> Vec<u8> {
        let isi = b"BT /F1 12 Tf 72 712 Td (Surat Keterangan Domisili) Tj ET ".repeat(30);
        let z = kempis(&isi).unwrap();
        let mut out = b"%PDF-1.7\n1 0 obj\n<</Length ".to_vec();
        out.extend(format!("{}/Filter/FlateDecode>>\nstream\n", z.len()).as_bytes());
        out.extend(&z);
        out.extend(
            b"\nendstream\nendobj\n2 0 obj\n<</Length 3>>\nstream\r\nabc\nendstream\n%%EOF\n",
        );
        out
    }

    #[test]
    fn pdf_dikemas_lalu_dibuka_sama_persis() {
        let asli = pdf_kecil();
        let p = kemas(&asli).expect("stream deflate dikenali");
        assert_eq!(
            p.iter().filter(|x| matches!(x, Potongan::Zlib(_))).count(),
            1
        );
        assert_eq!(buka(&p).unwrap(), asli);
    }

    #[test]
    fn yang_tidak_dapat_dibentuk_ulang_tetap_mentah() {
        // Not a PDF.
        assert!(kemas(b"\x89PNG\r\n\x1a\nstream\nx\x9c").is_none());
        // A stream deflated at another level does not rebuild byte for byte: left as it is.
        let isi = b"abcabcabc hello hello hello ".repeat(50);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(1));
        z.write_all(&isi).unwrap();
        let lain = z.finish().unwrap();
        assert_ne!(lain, kempis(&isi).unwrap());
        let mut pdf = b"%PDF-1.7\nstream\n".to_vec();
        pdf.extend(&lain);
        pdf.extend(b"\nendstream\n");
        assert!(kemas(&pdf).is_none());
        // A broken stream neither panics nor packs.
        let mut rusak = pdf_kecil();
        let i = rusak.windows(7).position(|w| w == b"stream\n").unwrap() + 9;
        rusak[i] ^= 0xff;
        if let Some(p) = kemas(&rusak) {
            assert_eq!(buka(&p).unwrap(), rusak);
        }
    }

    #[test]
    fn paket_dikemas_dibaca_kembali_dan_yang_diubah_ditolak() {
        let pdf = pdf_kecil();
        let png = b"\x89PNG bukan pdf".to_vec();
        let hash = |b: &[u8]| hex::encode(Sha256::digest(b));
        let mut berkas = BTreeMap::from([
            (hash(&pdf), B64.encode(&pdf)),
            (hash(&png), B64.encode(&png)),
        ]);
        let mut dikemas = BTreeMap::new();
        kemas_semua(&mut berkas, &mut dikemas);
        assert_eq!(berkas.len(), 1, "PNG tetap base64");
        assert_eq!(dikemas.len(), 1, "PDF dikemas");
        let semua = baca_semua(&berkas, &dikemas).unwrap();
        assert_eq!(semua[&hash(&pdf)], pdf);
        assert_eq!(semua[&hash(&png)], png);
        // One changed inflated byte rebuilds a different file: refused, not stored.
        for p in dikemas.values_mut() {
            for x in p.iter_mut() {
                if let Potongan::Zlib(h) = x {
                    h.replace_range(0..2, "00");
                }
            }
        }
        let e = baca_semua(&berkas, &dikemas).unwrap_err();
        assert!(e.to_string().contains("hash tidak cocok"), "{e}");
    }

    #[test]
    fn sidik_tetap_dalam_satu_program() {
        assert_eq!(sidik(), sidik());
        assert!(sidik().starts_with("z6-"));
    }
}
