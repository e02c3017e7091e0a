//! Uploaded files: their type read from the first bytes (never from the name or the browser's
//! claim) and a file name safe to store and to offer back in a download.

/// `application/pdf`, `image/jpeg` or `image/png`, or `None` for anything else (SVG and HTML
/// among them: they can carry scripts).
pub fn jenis_berkas(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// An uploaded file's name without control characters, path separators or quotes, at most
/// 120 characters.
pub fn nama_aman(nama: &str) -> String {
    nama.chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"'))
        .take(120)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn jenis_dari_isi_dan_nama_aman() {
        assert_eq!(super::jenis_berkas(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(super::jenis_berkas(b"<svg/>"), None);
        assert_eq!(super::nama_aman("../a\"b\nc.pdf"), "..abc.pdf");
    }
}
