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
