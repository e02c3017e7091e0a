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

/// The type of an uploaded document (PDF, JPEG or PNG, at most
/// [`balai_domain::adminduk::BATAS_LAMPIRAN`] bytes), or what to tell the person sending it.
pub fn periksa_dokumen(isi: &[u8]) -> Result<&'static str, String> {
    use crate::adminduk::BATAS_LAMPIRAN;
    if isi.is_empty() {
        return Err("Berkas kosong. Pilih foto atau pindaian dokumennya.".into());
    }
    if isi.len() > BATAS_LAMPIRAN {
        return Err(format!(
            "Berkas {:.1} MB; paling besar {} MB. Foto ulang dengan resolusi lebih kecil atau pindai sebagai PDF.",
            isi.len() as f64 / 1_048_576.0,
            BATAS_LAMPIRAN / 1_048_576
        ));
    }
    jenis_berkas(isi).ok_or_else(|| {
        "Berkas bukan PDF, JPEG atau PNG yang sah: kirim foto JPEG/PNG atau PDF hasil pindai."
            .to_string()
    })
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
