//! District sync bodies on the wire, the same on the server's handlers and in `balai sync`:
//! zstd when both sides speak it (its window spans a whole batch, so the repeated glyphs of
//! packed letter PDFs are stored once), gzip for a side that predates it.

use std::io::{Read, Write};

/// Largest request body the server decompresses (a batch carries about 1 MB of files in base64,
/// or at most 8 MB of packed hex).
pub const BATAS_ISI: u64 = 48 * 1024 * 1024;
/// Largest answer `balai sync` decompresses from its own district server: an initial-pull page
/// of 500 rows with photos or attachments can be large.
pub const BATAS_JAWABAN: u64 = 512 * 1024 * 1024;
/// zstd window: 8 MB covers any batch, and a village PC decodes it in little memory.
const JENDELA_ZSTD: u32 = 23;

/// How hard zstd works: `Kuat` for a batch that carries packed files (a high level finds the
/// glyphs repeated between letters), `Biasa` for plain rows (fast, as an initial-pull page of
/// thousands of rows needs). The size is pledged, so small bodies get small match tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tingkat {
    Biasa,
    Kuat,
}

impl Tingkat {
    /// `Kuat` when the batch carries packed files.
    pub fn untuk(p: &balai_store::sinkron::Paket) -> Tingkat {
        if p.berkas_kemas.is_empty() {
            Tingkat::Biasa
        } else {
            Tingkat::Kuat
        }
    }
}

/// How a body is compressed, from a `Content-Encoding` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cara {
    Polos,
    Gzip,
    Zstd,
}

impl Cara {
    pub fn dari_header(nilai: Option<&str>) -> Cara {
        match nilai.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("gzip") => Cara::Gzip,
            Some("zstd") => Cara::Zstd,
            _ => Cara::Polos,
        }
    }

    /// The best this side speaks of what an `Accept-Encoding` value lists.
    pub fn terbaik(terima: Option<&str>) -> Cara {
        let terima = terima.unwrap_or("").to_ascii_lowercase();
        if terima.contains("zstd") {
            Cara::Zstd
        } else if terima.contains("gzip") {
            Cara::Gzip
        } else {
            Cara::Polos
        }
    }

    pub fn header(self) -> Option<&'static str> {
        match self {
            Cara::Polos => None,
            Cara::Gzip => Some("gzip"),
            Cara::Zstd => Some("zstd"),
        }
    }
}

pub fn mampatkan(isi: &[u8], cara: Cara, tingkat: Tingkat) -> std::io::Result<Vec<u8>> {
    match cara {
        Cara::Polos => Ok(isi.to_vec()),
        Cara::Gzip => {
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(isi)?;
            z.finish()
        }
        Cara::Zstd => {
            let mut z = zstd::stream::write::Encoder::new(
                Vec::new(),
                if tingkat == Tingkat::Kuat { 15 } else { 3 },
            )?;
            z.set_pledged_src_size(Some(isi.len() as u64))?;
            z.window_log(JENDELA_ZSTD)?;
            z.include_checksum(true)?;
            z.write_all(isi)?;
            z.finish()
        }
    }
}

/// The body decompressed, at most `BATAS_ISI` bytes; an error when it is cut short or invalid.
pub fn urai(isi: &[u8], cara: Cara) -> std::io::Result<Vec<u8>> {
    urai_paling_banyak(isi, cara, BATAS_ISI)
}

/// As `urai`, with another limit.
pub fn urai_paling_banyak(isi: &[u8], cara: Cara, batas: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match cara {
        Cara::Polos => out.extend_from_slice(isi),
        Cara::Gzip => {
            flate2::read::GzDecoder::new(isi)
                .take(batas + 1)
                .read_to_end(&mut out)?;
        }
        Cara::Zstd => {
            let mut z = zstd::stream::read::Decoder::with_buffer(isi)?;
            z.window_log_max(JENDELA_ZSTD + 1)?;
            z.take(batas + 1).read_to_end(&mut out)?;
        }
    }
    if out.len() as u64 > batas {
        return Err(std::io::Error::other("isi terlalu besar"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bolak_balik_dan_yang_terpotong_ditolak() {
        let isi = br#"{"entri":[],"berkas":{}}"#.repeat(200);
        for cara in [Cara::Polos, Cara::Gzip, Cara::Zstd] {
            let m = mampatkan(&isi, cara, Tingkat::Kuat).unwrap();
            assert_eq!(
                urai(&mampatkan(&isi, cara, Tingkat::Biasa).unwrap(), cara).unwrap(),
                isi
            );
            assert_eq!(urai(&m, cara).unwrap(), isi, "{cara:?}");
            if cara != Cara::Polos {
                assert!(m.len() < isi.len() / 10, "{cara:?}");
                assert!(urai(&m[..m.len() / 2], cara).is_err(), "{cara:?}");
            }
        }
        assert_eq!(Cara::terbaik(Some("gzip, zstd")), Cara::Zstd);
        assert_eq!(Cara::terbaik(Some("gzip")), Cara::Gzip);
        assert_eq!(Cara::dari_header(Some("ZSTD")), Cara::Zstd);
    }
}
