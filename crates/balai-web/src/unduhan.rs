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
    let t = Isi {
        judul: judul.to_string(),
        subjudul: subjudul.to_string(),
        kolom: kolom.iter().map(|c| c.to_string()).collect(),
        baris: baris.to_vec(),
        nomor_kolom: false,
    };
    berkas(k, format, t, nama, sah).await
}

/// An administrative book in the regulation's layout: grouped headers, a row of column
/// numbers, the letterhead and the signature block.
pub async fn berkas_buku(
    k: &crate::Bersama,
    format: &str,
    buku: balai_store::buku::Buku,
    subjudul: &str,
    nama: &str,
    sah: Option<&Pengesahan>,
) -> Result<Response, crate::GalatWeb> {
    let t = Isi {
        judul: format!("{} ({})", buku.judul, buku.kode),
        subjudul: subjudul.to_string(),
        kolom: buku.kolom,
        baris: buku.baris,
        nomor_kolom: true,
    };
    berkas(k, format, t, nama, sah).await
}

struct Isi {
    judul: String,
    subjudul: String,
    kolom: Vec<String>,
    baris: Vec<Vec<String>>,
    nomor_kolom: bool,
}

async fn berkas(
    k: &crate::Bersama,
    format: &str,
    t: Isi,
    nama: &str,
    sah: Option<&Pengesahan>,
) -> Result<Response, crate::GalatWeb> {
    let pdf = (format == "pdf").then(|| k.pdf.clone());
    let sah = sah.cloned();
    let (isi, mime) = balai_store::latar::berat(move || {
        let kolom: Vec<&str> = t.kolom.iter().map(String::as_str).collect();
        match pdf {
            Some(mesin) => mesin
                .render_tabel(&balai_pdf::Tabel {
                    judul: &t.judul,
                    subjudul: &t.subjudul,
                    kolom: &kolom,
                    baris: &t.baris,
                    kertas: balai_pdf::Kertas::F4,
                    kop: sah.as_ref().map(|s| s.kop.as_slice()).unwrap_or_default(),
                    tanda_tangan: sah
                        .as_ref()
                        .map(|s| s.tanda_tangan.as_slice())
                        .unwrap_or_default(),
                    nomor_kolom: t.nomor_kolom,
                })
                .map(|pdf| (pdf, "application/pdf"))
                .map_err(|e| balai_store::Galat::Lain(e.to_string())),
            None => xlsx_tabel(&t.judul, &t.subjudul, &kolom, &t.baris, t.nomor_kolom).map(|x| {
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

/// The same table as a spreadsheet: title, subtitle, bold headings (merged where grouped),
/// the column numbers when asked, then the rows as text.
fn xlsx_tabel(
    judul: &str,
    subjudul: &str,
    kolom: &[&str],
    baris: &[Vec<String>],
    nomor_kolom: bool,
) -> Result<Vec<u8>, balai_store::Galat> {
    let salah = |e: rust_xlsxwriter::XlsxError| balai_store::Galat::Lain(e.to_string());
    let mut buku = rust_xlsxwriter::Workbook::new();
    let lembar = buku.add_worksheet();
    let tebal = rust_xlsxwriter::Format::new().set_bold();
    let tengah = rust_xlsxwriter::Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Center)
        .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    lembar
        .write_string_with_format(0, 0, judul, &tebal)
        .map_err(salah)?;
    lembar.write_string(1, 0, subjudul).map_err(salah)?;
    let kepala = balai_pdf::kepala_bertingkat(kolom);
    let mut r = 3u32;
    for sel in kepala.iter().flatten() {
        let (r0, c0) = (r + sel.baris as u32, sel.kolom as u16);
        let (r1, c1) = (r0 + sel.rowspan as u32 - 1, c0 + sel.colspan as u16 - 1);
        if (r0, c0) == (r1, c1) {
            let f = if kepala.len() > 1 { &tengah } else { &tebal };
            lembar
                .write_string_with_format(r0, c0, &sel.teks, f)
                .map_err(salah)?;
        } else {
            lembar
                .merge_range(r0, c0, r1, c1, &sel.teks, &tengah)
                .map_err(salah)?;
        }
    }
    r += kepala.len() as u32;
    if nomor_kolom {
        for c in 0..kolom.len() {
            lembar
                .write_number_with_format(r, c as u16, (c + 1) as f64, &tengah)
                .map_err(salah)?;
        }
        r += 1;
    }
    for (i, b) in baris.iter().enumerate() {
        for (c, sel) in b.iter().enumerate() {
            lembar
                .write_string(r + i as u32, c as u16, sel)
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
