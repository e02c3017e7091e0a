//! Files offered for download (letters, books, attachments): always as an attachment with the
//! type Balai determined, never shown inline as a page, never cached.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A file name with only ASCII letters, digits, `-` and `.`: nothing a browser, a header or a
/// file system could misread.
pub fn nama_berkas(dasar: &str, ekstensi: &str) -> String {
    let aman: String = dasar
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    format!("{aman}.{ekstensi}")
}

/// The file extension of a type Balai accepts or makes.
pub fn ekstensi(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "xlsx",
    }
}

pub fn unduhan(isi: Vec<u8>, mime: &str, nama: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{nama}\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_string(),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        isi,
    )
        .into_response()
}

/// A PDF shown inline in a frame of one of this install's own pages (a letter's preview, the
/// kiosk's print frame), never stored by the browser.
pub fn pdf_dalam_bingkai(isi: Vec<u8>, disposisi: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_DISPOSITION, disposisi),
            (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; frame-ancestors 'self'",
            ),
        ],
        isi,
    )
        .into_response()
}

/// The letterhead above an official report and the signature block under it (PDF only).
pub struct Pengesahan {
    pub kop: Vec<String>,
    pub tanda_tangan: Vec<String>,
}

/// A register or report as an XLSX file or a PDF (typst), or an error page. `sah` puts the
/// village's letterhead and signature block on the PDF.
#[allow(clippy::too_many_arguments)]
pub fn berkas_tabel(
    k: &crate::Bersama,
    format: &str,
    judul: &str,
    subjudul: &str,
    kolom: &[&str],
    baris: &[Vec<String>],
    nama: &str,
    sah: Option<&Pengesahan>,
) -> Result<Response, crate::GalatWeb> {
    let (isi, mime) = match format {
        "pdf" => {
            let pdf = k
                .pdf
                .render_tabel(&balai_pdf::Tabel {
                    judul,
                    subjudul,
                    kolom,
                    baris,
                    kertas: balai_pdf::Kertas::F4,
                    kop: sah.map(|s| s.kop.as_slice()).unwrap_or_default(),
                    tanda_tangan: sah.map(|s| s.tanda_tangan.as_slice()).unwrap_or_default(),
                })
                .map_err(|e| crate::GalatWeb::Store(balai_store::Galat::Lain(e.to_string())))?;
            (pdf, "application/pdf")
        }
        _ => {
            let mut buku = rust_xlsxwriter::Workbook::new();
            let lembar = buku.add_worksheet();
            let tebal = rust_xlsxwriter::Format::new().set_bold();
            let salah = |e: rust_xlsxwriter::XlsxError| {
                crate::GalatWeb::Store(balai_store::Galat::Lain(e.to_string()))
            };
            lembar
                .write_string_with_format(0, 0, judul, &tebal)
                .map_err(salah)?;
            lembar.write_string(1, 0, subjudul).map_err(salah)?;
            for (c, nama) in kolom.iter().enumerate() {
                lembar
                    .write_string_with_format(3, c as u16, *nama, &tebal)
                    .map_err(salah)?;
            }
            for (r, b) in baris.iter().enumerate() {
                for (c, sel) in b.iter().enumerate() {
                    lembar
                        .write_string(4 + r as u32, c as u16, sel)
                        .map_err(salah)?;
                }
            }
            lembar.autofit();
            (
                buku.save_to_buffer().map_err(salah)?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        }
    };
    Ok(unduhan(isi, mime, &nama_berkas(nama, ekstensi(mime))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn nama_berkas_aman() {
        assert_eq!(
            super::nama_berkas("surat-400.8/001/2004", "pdf"),
            "surat-400.8_001_2004.pdf"
        );
        assert_eq!(super::nama_berkas("a\"b\r\nc", "png"), "a_b__c.png");
    }
}
