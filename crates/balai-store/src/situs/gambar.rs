//! Images of the public site. Every upload is decoded and re-encoded as JPEG: what is served
//! is pixels only, never the uploaded bytes, so metadata (GPS position, camera, names) and
//! anything hidden in the file are gone. SVG, HTML and other formats are refused.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use std::io::Cursor;

/// Largest upload accepted.
pub const UKURAN_MAKS: usize = 8 * 1024 * 1024;
/// Longest side of a stored image, in pixels.
pub const SISI_MAKS: u32 = 1280;
/// Largest decoded image (sides), so a small file cannot unpack into gigabytes.
const DIMENSI_MAKS: u32 = 12_000;
/// Largest decoded image (pixels): a 48-megapixel phone photo, about 144 MB as RGB. A
/// 12,000 × 11,000 PNG of 385 KB passed the side limit and took 500 MB per upload.
const PIKSEL_MAKS: u64 = 48_000_000;
/// Images decoded at once across the server, so parallel uploads cannot add up.
const SERENTAK: usize = 2;

/// Decodes and re-encodes on a blocking thread, at most [`SERENTAK`] at a time; a refusal is
/// reported on the form field `kolom`.
pub async fn olah_gambar_antre(isi: Vec<u8>, kolom: &str) -> Result<(Vec<u8>, u32, u32), Galat> {
    antre(move || olah_gambar(&isi), kolom).await
}

/// [`olah_logo`] in the same queue.
pub async fn olah_logo_antre(isi: Vec<u8>, kolom: &str) -> Result<Vec<u8>, Galat> {
    antre(move || olah_logo(&isi), kolom).await
}

async fn antre<T: Send + 'static>(
    kerja: impl FnOnce() -> Result<T, String> + Send + 'static,
    kolom: &str,
) -> Result<T, Galat> {
    static ANTRE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(SERENTAK);
    let _izin = ANTRE
        .acquire()
        .await
        .map_err(|e| Galat::Lain(e.to_string()))?;
    tokio::task::spawn_blocking(kerja)
        .await
        .map_err(|e| Galat::Lain(e.to_string()))?
        .map_err(|p| Galat::isian(kolom, p))
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Gambar {
    pub token: String,
    pub lebar: i64,
    pub tinggi: i64,
    pub keterangan: String,
    pub galeri: bool,
    pub dibuat_pada: DateTime<Utc>,
}

/// "8 MB", "1,5 MB", "512 KB", as written in Indonesian.
fn ukuran(n: usize) -> String {
    if n >= 1_048_576 {
        let mb = format!("{:.1}", n as f64 / 1_048_576.0);
        format!("{} MB", mb.trim_end_matches(".0").replace('.', ","))
    } else {
        format!("{} KB", n.div_ceil(1024))
    }
}

/// Decodes a PNG, JPEG or WebP image of at most `ukuran_maks` bytes within the pixel bounds.
/// The message says what is wrong, for the person who uploaded it.
fn buka(isi: &[u8], ukuran_maks: usize) -> Result<image::DynamicImage, String> {
    if isi.len() > ukuran_maks {
        return Err(format!(
            "Gambar terlalu besar ({}). Paling besar {}.",
            ukuran(isi.len()),
            ukuran(ukuran_maks)
        ));
    }
    let format = match image::guess_format(isi) {
        Ok(f @ (image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP)) => {
            f
        }
        _ => {
            return Err(
                "Berkas ini bukan gambar JPG, PNG atau WebP. Berkas SVG, HTML dan dokumen tidak diterima."
                    .into(),
            );
        }
    };
    let (lebar, tinggi) = image::ImageReader::with_format(Cursor::new(isi), format)
        .into_dimensions()
        .map_err(|_| "Gambar rusak, tidak dapat dibuka.".to_string())?;
    if u64::from(lebar) * u64::from(tinggi) > PIKSEL_MAKS {
        return Err(format!(
            "Gambar terlalu besar ukurannya: {lebar} × {tinggi} piksel. Paling besar {} megapiksel; kecilkan dahulu.",
            PIKSEL_MAKS / 1_000_000
        ));
    }
    let mut baca = image::ImageReader::with_format(Cursor::new(isi), format);
    let mut batas = image::Limits::default();
    batas.max_image_width = Some(DIMENSI_MAKS);
    batas.max_image_height = Some(DIMENSI_MAKS);
    batas.max_alloc = Some(256 * 1024 * 1024);
    baca.limits(batas);
    baca.decode().map_err(|_| {
        "Gambar rusak atau terlalu besar ukurannya (piksel), tidak dapat dibuka.".to_string()
    })
}

/// Decodes a PNG, JPEG or WebP image, scales it to at most [`SISI_MAKS`] and encodes it as a
/// JPEG without metadata.
pub fn olah_gambar(isi: &[u8]) -> Result<(Vec<u8>, u32, u32), String> {
    let gambar = buka(isi, UKURAN_MAKS)?;
    let gambar = if gambar.width() > SISI_MAKS || gambar.height() > SISI_MAKS {
        gambar.resize(SISI_MAKS, SISI_MAKS, image::imageops::FilterType::Triangle)
    } else {
        gambar
    };
    // JPEG has no transparency: transparent parts become white, as on paper.
    let rgba = gambar.to_rgba8();
    let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = p[3] as u32;
        let campur = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([campur(p[0]), campur(p[1]), campur(p[2])])
    });
    let mut keluar = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut keluar, 80)
        .encode_image(&rgb)
        .map_err(|_| "Gambar tidak dapat disimpan.".to_string())?;
    Ok((keluar, rgb.width(), rgb.height()))
}

/// Largest village logo upload, and its longest side once stored.
pub const LOGO_MAKS: usize = 512 * 1024;
const LOGO_SISI: u32 = 512;

/// A village logo: decoded within the same bounds and stored as a PNG of at most 512 px a side,
/// transparency kept (it sits on letters and on the site header), metadata gone.
pub fn olah_logo(isi: &[u8]) -> Result<Vec<u8>, String> {
    let gambar = buka(isi, LOGO_MAKS)?;
    let gambar = if gambar.width() > LOGO_SISI || gambar.height() > LOGO_SISI {
        gambar.resize(LOGO_SISI, LOGO_SISI, image::imageops::FilterType::Triangle)
    } else {
        gambar
    };
    let mut keluar = Vec::new();
    gambar
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut keluar), image::ImageFormat::Png)
        .map_err(|_| "Gambar tidak dapat disimpan.".to_string())?;
    Ok(keluar)
}

impl Store {
    /// Stores an uploaded image (re-encoded); returns its public token.
    pub async fn simpan_gambar(
        &self,
        desa_id: &str,
        isi: &[u8],
        keterangan: &str,
        galeri: bool,
        aktor: &Aktor,
    ) -> Result<String, Galat> {
        let (jpeg, lebar, tinggi) = olah_gambar_antre(isi.to_vec(), "gambar").await?;
        let keterangan: String = keterangan.trim().chars().take(300).collect();
        let token = crate::pengguna::token_acak()[..22].to_string();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO situs_gambar (desa_id, token, mime, lebar, tinggi, isi, keterangan, galeri, dibuat_oleh, dibuat_pada) \
             VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6, $7, $8, $9)")
            .bind(desa_id).bind(&token).bind(lebar as i64).bind(tinggi as i64).bind(&jpeg).bind(&keterangan)
            .bind(galeri).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "unggah",
                objek: "situs_gambar",
                objek_id: token.clone(),
                sebelum: None,
                sesudah: Some(json!({ "lebar": lebar, "tinggi": tinggi, "galeri": galeri, "keterangan": keterangan })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The stored JPEG of an image.
    pub async fn gambar(&self, desa_id: &str, token: &str) -> Result<Option<Vec<u8>>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT isi FROM situs_gambar WHERE desa_id = $1 AND token = $2").bind(desa_id).bind(token)
            .fetch_optional(p).await)?)
    }

    /// Images, newest first; only the gallery's when `galeri`.
    pub async fn daftar_gambar(
        &self,
        desa_id: &str,
        hanya_galeri: bool,
        batas: i64,
    ) -> Result<Vec<Gambar>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT token, lebar, tinggi, keterangan, galeri, dibuat_pada FROM situs_gambar \
             WHERE desa_id = $1 AND (galeri OR NOT $2) ORDER BY dibuat_pada DESC LIMIT $3")
            .bind(desa_id).bind(hanya_galeri).bind(batas).fetch_all(p).await)?)
    }

    pub async fn hapus_gambar(
        &self,
        desa_id: &str,
        token: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query("DELETE FROM situs_gambar WHERE desa_id = $1 AND token = $2")
            .bind(desa_id).bind(token).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "situs_gambar",
                objek_id: token.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_dengan_teks() -> Vec<u8> {
        let img = image::RgbaImage::from_fn(2000, 1000, |x, _| image::Rgba([x as u8, 80, 20, 255]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        // A text chunk before IEND, as cameras and editors add: it must not survive.
        let iend = png.len() - 12;
        let mut chunk = Vec::new();
        let isi = b"Comment\0GPS -6.9,109.7 RAHASIA";
        chunk.extend_from_slice(&(isi.len() as u32).to_be_bytes());
        chunk.extend_from_slice(b"tEXt");
        chunk.extend_from_slice(isi);
        let mut crc = flate2::Crc::new();
        crc.update(b"tEXt");
        crc.update(isi);
        chunk.extend_from_slice(&crc.sum().to_be_bytes());
        png.splice(iend..iend, chunk);
        png
    }

    #[test]
    fn gambar_diperkecil_dan_metadata_hilang() {
        let (jpeg, l, t) = olah_gambar(&png_dengan_teks()).unwrap();
        assert_eq!((l, t), (1280, 640));
        assert_eq!(&jpeg[..3], &[0xFF, 0xD8, 0xFF]);
        assert!(!jpeg.windows(7).any(|w| w == b"RAHASIA"));
    }

    #[test]
    fn svg_html_dan_sampah_ditolak() {
        for isi in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
            b"<html><body>hi</body></html>",
            b"GIF89a....",
            b"\x89PNG\r\n\x1a\nrusak",
        ] {
            assert!(olah_gambar(isi).is_err());
        }
    }
}

#[cfg(test)]
mod uji_piksel {
    use super::*;

    /// A PNG claiming `lebar` × `tinggi` pixels, with valid checksums and almost no pixel data.
    fn png_kosong(lebar: u32, tinggi: u32) -> Vec<u8> {
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(lebar.to_be_bytes());
        ihdr.extend(tinggi.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(13u32.to_be_bytes());
        out.extend(&ihdr);
        out.extend(crc32fast::hash(&ihdr).to_be_bytes());
        // The decoder reads the header up to the first data chunk.
        let mut idat = b"IDAT".to_vec();
        idat.extend(b"\x78\x9c\x03\x00\x00\x00\x00\x01");
        out.extend(8u32.to_be_bytes());
        out.extend(&idat);
        out.extend(crc32fast::hash(&idat).to_be_bytes());
        out.extend(0u32.to_be_bytes());
        out.extend(b"IEND");
        out.extend(crc32fast::hash(b"IEND").to_be_bytes());
        out
    }

    #[test]
    fn gambar_berpiksel_raksasa_ditolak_sebelum_dibuka() {
        let e = olah_gambar(&png_kosong(12_000, 11_000)).unwrap_err();
        assert!(e.contains("12000 × 11000"), "{e}");
        let e = olah_gambar(&png_kosong(50_000, 50_000)).unwrap_err();
        assert!(e.contains("megapiksel") || e.contains("rusak"), "{e}");
    }

    #[test]
    fn metadata_hilang_setelah_diolah() {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode_image(&image::RgbImage::new(40, 30))
            .unwrap();
        // An EXIF segment with a GPS position, right after the start marker.
        let exif = b"Exif\0\0GPSLatitude -6.9";
        let mut dengan = jpeg[..2].to_vec();
        dengan.extend([0xFF, 0xE1]);
        dengan.extend(((exif.len() + 2) as u16).to_be_bytes());
        dengan.extend(exif);
        dengan.extend(&jpeg[2..]);
        let (keluar, l, t) = olah_gambar(&dengan).unwrap();
        assert_eq!((l, t), (40, 30));
        assert!(!keluar.windows(4).any(|w| w == b"Exif"));
        assert!(!keluar.windows(3).any(|w| w == b"GPS"));
    }

    #[test]
    fn logo_menjadi_png_tanpa_metadata_dan_transparansi_tetap() {
        // A 900 × 300 PNG with a text chunk (as editors write author and location).
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(900, 300, image::Rgba([10, 20, 30, 0]))
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let teks = b"tEXtComment\0GPS -6.9 109.7";
        let mut dengan = png[..33].to_vec();
        dengan.extend(((teks.len() - 4) as u32).to_be_bytes());
        dengan.extend(teks);
        let mut crc = flate2::Crc::new();
        crc.update(teks);
        dengan.extend(crc.sum().to_be_bytes());
        dengan.extend(&png[33..]);
        let keluar = olah_logo(&dengan).unwrap();
        assert!(!keluar.windows(3).any(|w| w == b"GPS"));
        let g = image::load_from_memory(&keluar).unwrap();
        assert_eq!((g.width(), g.height()), (512, 171), "scaled to 512 px");
        assert_eq!(g.to_rgba8().get_pixel(0, 0).0[3], 0, "transparency kept");
        assert!(
            olah_logo(b"<svg></svg>")
                .unwrap_err()
                .contains("bukan gambar")
        );
        let besar = vec![0u8; LOGO_MAKS + 1];
        assert_eq!(
            olah_logo(&besar).unwrap_err(),
            "Gambar terlalu besar (513 KB). Paling besar 512 KB."
        );
    }
}
