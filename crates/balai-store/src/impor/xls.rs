//! Excel 97–2003 (.xls, BIFF8 in a compound file), read by our own small, bounds-checked reader.
//!
//! Why not calamine here: its .xls path trusts sizes and offsets from the file (it reserves
//! `rows × cols` from the DIMENSIONS record, follows sector chains without a cycle check and
//! slices the stream at sheet offsets unchecked), so a few hundred crafted bytes could exhaust
//! memory or panic — and a panic aborts a release build. This reader follows every chain at
//! most once, checks every offset, and hands cells over row by row without building a grid.
//! It reads values only: a formula cell gives the result saved in the file.

use super::berkas::{Lanjut, Penerima, Perakit, galat_berkas, teks_angka};
use crate::Galat;

const AKHIR_RANTAI: u32 = 0xFFFF_FFFE;
const MAKS_LEMBAR: usize = 256;
const MAKS_STRING: usize = 3_000_000;

fn rusak() -> Galat {
    galat_berkas(
        "Berkas Excel (.xls) rusak atau tidak dapat dibaca. Buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah kembali.",
    )
}

fn u16_di(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_di(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The compound file (OLE2) container: just enough to get one stream out safely.
struct Cfb<'a> {
    isi: &'a [u8],
    ukuran: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn sektor(&self, id: u32) -> Option<&'a [u8]> {
        let awal = (id as usize).checked_add(1)?.checked_mul(self.ukuran)?;
        if awal >= self.isi.len() {
            return None;
        }
        self.isi.get(awal..(awal + self.ukuran).min(self.isi.len()))
    }

    /// Follows a chain in `fat`, visiting each sector at most once, up to `batas` bytes.
    fn rantai(
        &self,
        mulai: u32,
        fat: &[u32],
        baca: impl Fn(u32) -> Option<&'a [u8]>,
        batas: usize,
    ) -> Result<Vec<u8>, Galat> {
        let mut hasil = Vec::new();
        let mut id = mulai;
        let mut langkah = 0usize;
        while id != AKHIR_RANTAI && hasil.len() < batas {
            langkah += 1;
            // An acyclic chain visits each sector of the file at most once.
            if langkah > fat.len() || langkah > self.isi.len() / self.ukuran + 1 {
                return Err(rusak());
            }
            let s = baca(id).ok_or_else(rusak)?;
            let ambil = s.len().min(batas - hasil.len());
            hasil.extend_from_slice(&s[..ambil]);
            id = *fat.get(id as usize).ok_or_else(rusak)?;
        }
        Ok(hasil)
    }

    fn buka(isi: &'a [u8]) -> Result<Vec<u8>, Galat> {
        let h = isi.get(..512).ok_or_else(rusak)?;
        let ukuran = match u16_di(h, 0x1E) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err(rusak()),
        };
        if u16_di(h, 0x20) != Some(6) {
            return Err(rusak());
        }
        let mut cfb = Cfb {
            isi,
            ukuran,
            fat: Vec::new(),
        };
        let maks_sektor = isi.len() / ukuran + 1;
        // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
        let mut daftar_fat: Vec<u32> = (0..109)
            .filter_map(|i| u32_di(h, 0x4C + 4 * i))
            .filter(|id| *id < 0xFFFF_FFFA)
            .collect();
        let mut difat = u32_di(h, 0x44).ok_or_else(rusak)?;
        let mut langkah = 0;
        while difat < 0xFFFF_FFFA {
            langkah += 1;
            if langkah > maks_sektor {
                return Err(rusak());
            }
            let s = cfb.sektor(difat).ok_or_else(rusak)?;
            let n = ukuran / 4 - 1;
            daftar_fat.extend(
                (0..n)
                    .filter_map(|i| u32_di(s, 4 * i))
                    .filter(|id| *id < 0xFFFF_FFFA),
            );
            difat = u32_di(s, 4 * n).ok_or_else(rusak)?;
        }
        if daftar_fat.len() > maks_sektor {
            return Err(rusak());
        }
        for id in daftar_fat {
            let s = cfb.sektor(id).ok_or_else(rusak)?;
            cfb.fat
                .extend(s.chunks_exact(4).filter_map(|c| u32_di(c, 0)));
        }
        let fat = cfb.fat.clone();
        let baca = |id| cfb.sektor(id);
        let dir = cfb.rantai(u32_di(h, 0x30).ok_or_else(rusak)?, &fat, baca, usize::MAX)?;
        let entri: Vec<(String, u8, u32, usize)> = dir
            .chunks_exact(128)
            .map(|e| {
                let panjang_nama = (u16_di(e, 0x40).unwrap_or(0) as usize).min(64);
                let nama: Vec<u16> = e[..panjang_nama]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|c| *c != 0)
                    .collect();
                let panjang = if ukuran == 512 {
                    u32_di(e, 0x78).unwrap_or(0) as usize
                } else {
                    u32_di(e, 0x78).unwrap_or(0) as usize
                        | (u32_di(e, 0x7C).unwrap_or(0) as usize) << 32
                };
                (
                    String::from_utf16_lossy(&nama),
                    e[0x42],
                    u32_di(e, 0x74).unwrap_or(AKHIR_RANTAI),
                    panjang,
                )
            })
            .collect();
        let akar = entri.first().ok_or_else(rusak)?;
        let aliran = ["Workbook", "Book"]
            .iter()
            .find_map(|n| {
                entri
                    .iter()
                    .find(|e| e.1 == 2 && e.0.eq_ignore_ascii_case(n))
            })
            .ok_or_else(|| {
                galat_berkas(
                    "Berkas .xls ini bukan buku kerja Excel (mungkin dokumen Word atau berkas lain). Unggah berkas Excel (.xlsx atau .xls) atau CSV.",
                )
            })?;
        // A stream is never longer than the file that holds it.
        let panjang = aliran.3.min(isi.len());
        let batas_mini = u32_di(h, 0x38).unwrap_or(4096) as usize;
        let data = if panjang < batas_mini {
            let minifat_jumlah = u32_di(h, 0x40).unwrap_or(0) as usize;
            let minifat_byte = cfb.rantai(
                u32_di(h, 0x3C).ok_or_else(rusak)?,
                &fat,
                baca,
                minifat_jumlah.saturating_mul(ukuran).min(isi.len()),
            )?;
            let minifat: Vec<u32> = minifat_byte
                .chunks_exact(4)
                .filter_map(|c| u32_di(c, 0))
                .collect();
            let mini = cfb.rantai(akar.2, &fat, baca, akar.3.min(isi.len()))?;
            let baca_mini = |id: u32| {
                let awal = (id as usize).checked_mul(64)?;
                mini.get(awal..(awal + 64).min(mini.len()))
                    .filter(|s| !s.is_empty())
            };
            let mut hasil = Vec::new();
            let mut id = aliran.2;
            let mut langkah = 0usize;
            while id != AKHIR_RANTAI && hasil.len() < panjang {
                langkah += 1;
                if langkah > minifat.len() {
                    return Err(rusak());
                }
                let s = baca_mini(id).ok_or_else(rusak)?;
                let ambil = s.len().min(panjang - hasil.len());
                hasil.extend_from_slice(&s[..ambil]);
                id = *minifat.get(id as usize).ok_or_else(rusak)?;
            }
            hasil
        } else {
            cfb.rantai(aliran.2, &fat, baca, panjang)?
        };
        if data.len() < panjang {
            return Err(rusak());
        }
        Ok(data)
    }
}

/// One BIFF record with the CONTINUE records that follow it.
struct Rekaman<'a> {
    jenis: u16,
    bagian: Vec<&'a [u8]>,
}

impl<'a> Rekaman<'a> {
    fn data(&self) -> &'a [u8] {
        self.bagian[0]
    }
}

struct Rekamans<'a> {
    s: &'a [u8],
}

impl<'a> Iterator for Rekamans<'a> {
    type Item = Result<Rekaman<'a>, Galat>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.s.is_empty() {
            return None;
        }
        let ambil = |s: &mut &'a [u8]| -> Option<(u16, &'a [u8])> {
            let jenis = u16_di(s, 0)?;
            let n = u16_di(s, 2)? as usize;
            let data = s.get(4..4 + n)?;
            *s = &s[4 + n..];
            Some((jenis, data))
        };
        let Some((jenis, data)) = ambil(&mut self.s) else {
            self.s = &[];
            return Some(Err(rusak()));
        };
        let mut bagian = vec![data];
        while u16_di(self.s, 0) == Some(0x003C) {
            match ambil(&mut self.s) {
                Some((_, d)) => bagian.push(d),
                None => {
                    self.s = &[];
                    return Some(Err(rusak()));
                }
            }
        }
        Some(Ok(Rekaman { jenis, bagian }))
    }
}

/// Reads across a record and its CONTINUE parts. Character data that crosses into a CONTINUE
/// part starts there with a new option byte (compressed or UTF-16).
struct Pembaca<'a> {
    bagian: &'a [&'a [u8]],
    i: usize,
    pos: usize,
}

impl<'a> Pembaca<'a> {
    fn new(bagian: &'a [&'a [u8]], pos: usize) -> Self {
        Pembaca { bagian, i: 0, pos }
    }
    fn habis(&self) -> bool {
        self.bagian[self.i..].iter().enumerate().all(|(k, b)| {
            if k == 0 {
                self.pos >= b.len()
            } else {
                b.is_empty()
            }
        })
    }
    fn byte(&mut self) -> Option<u8> {
        while self.pos >= self.bagian.get(self.i)?.len() {
            self.i += 1;
            self.pos = 0;
        }
        let b = self.bagian[self.i][self.pos];
        self.pos += 1;
        Some(b)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }
    fn lewati(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let b = self.bagian.get(self.i)?;
            let sisa = b.len().saturating_sub(self.pos);
            if sisa == 0 {
                self.i += 1;
                self.pos = 0;
                continue;
            }
            let k = sisa.min(n);
            self.pos += k;
            n -= k;
        }
        Some(())
    }
    fn karakter(&mut self, mut cch: usize, mut lebar: bool) -> Option<String> {
        let mut s = String::with_capacity(cch.min(1024));
        let mut unit: Vec<u16> = Vec::new();
        while cch > 0 {
            let b = self.bagian.get(self.i)?;
            if self.pos >= b.len() {
                self.i += 1;
                self.pos = 0;
                lebar = self.bagian.get(self.i)?.first()? & 1 != 0;
                self.pos = 1;
                continue;
            }
            if lebar {
                let lo = b[self.pos];
                let hi = *b.get(self.pos + 1)?;
                unit.push(u16::from_le_bytes([lo, hi]));
                self.pos += 2;
            } else {
                if !unit.is_empty() {
                    s.push_str(&String::from_utf16_lossy(&unit));
                    unit.clear();
                }
                s.push(b[self.pos] as char);
                self.pos += 1;
            }
            cch -= 1;
        }
        s.push_str(&String::from_utf16_lossy(&unit));
        Some(s)
    }
    /// XLUnicodeString / XLUnicodeRichExtendedString (cch is u16 except in short strings).
    fn string(&mut self, cch8: bool) -> Option<String> {
        let cch = if cch8 {
            self.byte()? as usize
        } else {
            self.u16()? as usize
        };
        let opsi = self.byte()?;
        let runs = if opsi & 0x08 != 0 {
            self.u16()? as usize
        } else {
            0
        };
        let ext = if opsi & 0x04 != 0 {
            self.u32()? as usize
        } else {
            0
        };
        let s = self.karakter(cch, opsi & 1 != 0)?;
        self.lewati(runs * 4)?;
        self.lewati(ext)?;
        Some(s)
    }
}

fn format_tanggal(kode: &str) -> bool {
    let mut dalam_kutip = false;
    let mut dalam_kurung = false;
    let mut lewat = false;
    for c in kode.chars() {
        if lewat {
            lewat = false;
            continue;
        }
        match c {
            '"' => dalam_kutip = !dalam_kutip,
            '[' if !dalam_kutip => dalam_kurung = true,
            ']' if !dalam_kutip => dalam_kurung = false,
            '\\' | '_' | '*' if !dalam_kutip => lewat = true,
            'd' | 'D' | 'y' | 'Y' if !dalam_kutip && !dalam_kurung => return true,
            _ => {}
        }
    }
    false
}

struct Buku {
    sst: Vec<String>,
    /// Per XF index: the cell shows a date.
    xf_tanggal: Vec<bool>,
    tahun_1904: bool,
    lembar: Vec<(usize, String)>,
}

fn baca_global(s: &[u8]) -> Result<Buku, Galat> {
    let mut buku = Buku {
        sst: Vec::new(),
        xf_tanggal: Vec::new(),
        tahun_1904: false,
        lembar: Vec::new(),
    };
    let mut format: Vec<(u16, bool)> = Vec::new();
    let mut xf: Vec<u16> = Vec::new();
    let mut pertama = true;
    for r in (Rekamans { s }) {
        let r = r?;
        let d = r.data();
        if pertama {
            pertama = false;
            if r.jenis != 0x0809 {
                return Err(rusak());
            }
            let lama = match (u16_di(d, 0), u16_di(d, 2)) {
                (Some(0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500), _) => true,
                (Some(0), Some(0x1000)) => true,
                (Some(_), _) => false,
                (None, _) => return Err(rusak()),
            };
            if lama {
                return Err(galat_berkas(
                    "Berkas .xls ini memakai format Excel 5.0/95 yang sudah sangat lama. Buka di Excel atau LibreOffice, simpan ulang sebagai .xlsx, lalu unggah kembali.",
                ));
            }
            continue;
        }
        match r.jenis {
            0x000A => break,
            0x002F => {
                return Err(galat_berkas(
                    "Berkas Excel dilindungi kata sandi. Buka proteksinya di Excel, simpan, lalu unggah kembali.",
                ));
            }
            0x0022 => buku.tahun_1904 = u16_di(d, 0) == Some(1),
            0x0085 => {
                let pos = u32_di(d, 0).ok_or_else(rusak)? as usize;
                let jenis = *d.get(5).ok_or_else(rusak)?;
                let mut p = Pembaca::new(&r.bagian, 6);
                let nama = p.string(true).ok_or_else(rusak)?;
                if jenis == 0 {
                    buku.lembar.push((pos, nama));
                }
                if buku.lembar.len() > MAKS_LEMBAR {
                    return Err(rusak());
                }
            }
            0x041E => {
                let kode = u16_di(d, 0).ok_or_else(rusak)?;
                let mut p = Pembaca::new(&r.bagian, 2);
                let teks = p.string(false).unwrap_or_default();
                format.push((kode, format_tanggal(&teks)));
            }
            0x00E0 => xf.push(u16_di(d, 2).ok_or_else(rusak)?),
            0x00FC => {
                let mut p = Pembaca::new(&r.bagian, 8);
                while !p.habis() {
                    if buku.sst.len() >= MAKS_STRING {
                        return Err(rusak());
                    }
                    buku.sst.push(p.string(false).ok_or_else(rusak)?);
                }
            }
            _ => {}
        }
    }
    buku.xf_tanggal = xf
        .iter()
        .map(|kode| {
            matches!(kode, 14..=22 | 27..=36 | 45..=47 | 50..=58)
                || format.iter().any(|(k, t)| k == kode && *t)
        })
        .collect();
    Ok(buku)
}

impl Buku {
    fn angka(&self, xf: u16, v: f64) -> (String, bool) {
        if self.xf_tanggal.get(xf as usize).copied().unwrap_or(false)
            && let Some(t) = tanggal_serial(v, self.tahun_1904)
        {
            return (t.format("%Y-%m-%d").to_string(), false);
        }
        (teks_angka(v), true)
    }
}

fn tanggal_serial(v: f64, tahun_1904: bool) -> Option<chrono::NaiveDate> {
    if !v.is_finite() || !(0.0..3_000_000.0).contains(&v) {
        return None;
    }
    let hari = v.floor() as i64;
    let dasar = if tahun_1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if hari < 60 {
        // Excel counts a 29 February 1900 that never existed.
        chrono::NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    dasar.checked_add_signed(chrono::Duration::days(hari))
}

fn rk(v: u32) -> f64 {
    let x = if v & 2 != 0 {
        ((v as i32) >> 2) as f64
    } else {
        f64::from_bits(((v & 0xFFFF_FFFC) as u64) << 32)
    };
    if v & 1 != 0 { x / 100.0 } else { x }
}

fn galat_sel(kode: u8) -> &'static str {
    match kode {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    }
}

pub(crate) fn baca_xls(isi: &[u8], p: &mut dyn Penerima) -> Result<(), Galat> {
    let s = Cfb::buka(isi)?;
    let buku = baca_global(&s)?;
    let mut sudah: Vec<usize> = Vec::new();
    for (pos, nama) in &buku.lembar {
        // Two sheets pointing at the same data would be read twice for nothing.
        if sudah.contains(pos) {
            continue;
        }
        sudah.push(*pos);
        let data = s.get(*pos..).ok_or_else(rusak)?;
        match p.lembar_baru(nama) {
            Lanjut::Terus => {}
            Lanjut::LembarBerikut => continue,
            Lanjut::Selesai => return Ok(()),
        }
        let mut rakit = Perakit::new();
        let mut kedalaman = 0usize;
        let mut rumus_string: Option<(u32, u32)> = None;
        let mut pertama = true;
        for r in (Rekamans { s: data }) {
            let r = r?;
            let d = r.data();
            if pertama {
                pertama = false;
                if r.jenis != 0x0809 {
                    return Err(rusak());
                }
                continue;
            }
            // Embedded charts are nested substreams with cell-like records of their own.
            if r.jenis == 0x0809 {
                kedalaman += 1;
                continue;
            }
            if r.jenis == 0x000A {
                if kedalaman == 0 {
                    break;
                }
                kedalaman -= 1;
                continue;
            }
            if kedalaman > 0 {
                continue;
            }
            let baris = u16_di(d, 0).unwrap_or(0) as u32;
            let kolom = u16_di(d, 2).unwrap_or(0) as u32;
            let xf = u16_di(d, 4).unwrap_or(0);
            let sel: Option<(String, bool)> = match r.jenis {
                0x00FD => {
                    let i = u32_di(d, 6).ok_or_else(rusak)? as usize;
                    Some((buku.sst.get(i).cloned().unwrap_or_default(), false))
                }
                0x0204 | 0x00D6 => {
                    let mut b = Pembaca::new(&r.bagian, 6);
                    Some((b.string(false).ok_or_else(rusak)?, false))
                }
                0x0203 => {
                    let b: [u8; 8] = d
                        .get(6..14)
                        .and_then(|b| b.try_into().ok())
                        .ok_or_else(rusak)?;
                    Some(buku.angka(xf, f64::from_le_bytes(b)))
                }
                0x027E => Some(buku.angka(xf, rk(u32_di(d, 6).ok_or_else(rusak)?))),
                0x00BD => {
                    let n = d.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        let xf_k = u16_di(d, 4 + 6 * k).ok_or_else(rusak)?;
                        let v = rk(u32_di(d, 6 + 6 * k).ok_or_else(rusak)?);
                        let (t, a) = buku.angka(xf_k, v);
                        if !rakit.sel(p, baris, kolom + k as u32, t, a)? {
                            break;
                        }
                    }
                    None
                }
                0x0205 => {
                    let v = *d.get(6).ok_or_else(rusak)?;
                    if d.get(7) == Some(&1) {
                        Some((galat_sel(v).to_string(), false))
                    } else {
                        Some(((if v != 0 { "TRUE" } else { "FALSE" }).to_string(), false))
                    }
                }
                0x0006 => {
                    let v = d.get(6..14).ok_or_else(rusak)?;
                    if v[6] == 0xFF && v[7] == 0xFF {
                        match v[0] {
                            // The text result follows in a STRING record.
                            0 => {
                                rumus_string = Some((baris, kolom));
                                None
                            }
                            1 => Some((
                                (if v[2] != 0 { "TRUE" } else { "FALSE" }).to_string(),
                                false,
                            )),
                            2 => Some((galat_sel(v[2]).to_string(), false)),
                            _ => None,
                        }
                    } else {
                        let b: [u8; 8] = v.try_into().map_err(|_| rusak())?;
                        Some(buku.angka(xf, f64::from_le_bytes(b)))
                    }
                }
                0x0207 => {
                    if let Some((b, k)) = rumus_string.take() {
                        let mut pb = Pembaca::new(&r.bagian, 0);
                        let t = pb.string(false).ok_or_else(rusak)?;
                        if !rakit.sel(p, b, k, t, false)? {
                            break;
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some((t, a)) = sel
                && !rakit.sel(p, baris, kolom, t, a)?
            {
                break;
            }
            if rakit.lanjut != Lanjut::Terus {
                break;
            }
        }
        if rakit.lanjut == Lanjut::Terus {
            rakit.serahkan(p)?;
        }
        if rakit.lanjut == Lanjut::Selesai {
            return Ok(());
        }
    }
    Ok(())
}
