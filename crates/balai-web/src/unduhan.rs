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
#[derive(Clone)]
pub struct Pengesahan {
    pub kop: Vec<String>,
    pub tanda_tangan: Vec<String>,
}

/// A register or report as an XLSX file or a PDF (typst), or an error page. `sah` puts the
/// village's letterhead and signature block on the PDF. Built on the bounded pool for heavy
/// work: a 10,000-row book must not hold an async worker.
#[allow(clippy::too_many_arguments)]
pub async fn berkas_tabel(
    k: &crate::Bersama,
    format: &str,
    judul: &str,
    subjudul: &str,
    kolom: &[&str],
    baris: &[Vec<String>],
    nama: &str,
    sah: Option<&Pengesahan>,
) -> Result<Response, crate::GalatWeb> {
    let pdf = (format == "pdf").then(|| k.pdf.clone());
    let (judul, subjudul) = (judul.to_string(), subjudul.to_string());
    let kolom: Vec<String> = kolom.iter().map(|c| c.to_string()).collect();
    let (baris, sah) = (baris.to_vec(), sah.cloned());
    let (isi, mime) = balai_store::latar::berat(move || {
        let kolom: Vec<&str> = kolom.iter().map(String::as_str).collect();
        match pdf {
            Some(mesin) => mesin
                .render_tabel(&balai_pdf::Tabel {
                    judul: &judul,
                    subjudul: &subjudul,
                    kolom: &kolom,
                    baris: &baris,
                    kertas: balai_pdf::Kertas::F4,
                    kop: sah.as_ref().map(|s| s.kop.as_slice()).unwrap_or_default(),
                    tanda_tangan: sah
                        .as_ref()
                        .map(|s| s.tanda_tangan.as_slice())
                        .unwrap_or_default(),
                })
                .map(|pdf| (pdf, "application/pdf"))
                .map_err(|e| balai_store::Galat::Lain(e.to_string())),
            None => xlsx_tabel(&judul, &subjudul, &kolom, &baris).map(|x| {
                (
                    x,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            }),
        }
    })
    .await?;
    Ok(unduhan(isi, mime, &nama_berkas(nama, ekstensi(mime))))
}

/// The same table as a spreadsheet: title, subtitle, bold headings, then the rows as text.
fn xlsx_tabel(
    judul: &str,
    subjudul: &str,
    kolom: &[&str],
    baris: &[Vec<String>],
) -> Result<Vec<u8>, balai_store::Galat> {
    let salah = |e: rust_xlsxwriter::XlsxError| balai_store::Galat::Lain(e.to_string());
    let mut buku = rust_xlsxwriter::Workbook::new();
    let lembar = buku.add_worksheet();
    let tebal = rust_xlsxwriter::Format::new().set_bold();
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
    buku.save_to_buffer().map_err(salah)
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
