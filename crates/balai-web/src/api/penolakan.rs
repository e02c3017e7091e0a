//! Requests axum refuses before a handler runs (a path part that is not a UUID, a query value
//! that is not a number, a body that is not JSON) answer with axum's and serde's English text.
//! This turns the common shapes of that text into Indonesian: which part, what is wrong, what is
//! expected. Anything unrecognised gets a general sentence (the original goes to the debug log).

/// An Indonesian sentence for axum's rejection text `asli`.
pub(super) fn terjemahkan(asli: &str) -> String {
    if let Some(sisa) = asli.strip_prefix("Failed to deserialize query string: ") {
        return match pisah_isian(sisa) {
            Some((isian, pesan)) => {
                format!("Parameter `{isian}` tidak sah: {}.", arti(pesan))
            }
            None => format!("Parameter alamat tidak sah: {}.", arti(sisa)),
        };
    }
    if let Some(sisa) = asli.strip_prefix("Invalid URL: Cannot parse `") {
        if let Some((nama, lain)) = sisa.split_once("` with value `")
            && let Some((nilai, pesan)) = lain.split_once("`: ")
        {
            return format!(
                "Bagian alamat `{nama}` tidak sah (tertulis `{}`): {}.",
                potong(nilai),
                arti(pesan)
            );
        }
        return "Bagian alamat tidak sah.".into();
    }
    if let Some(sisa) = asli.strip_prefix("Failed to parse the request body as JSON: ") {
        return format!(
            "Isi permintaan bukan JSON yang sah{}. Periksa tanda kurung, koma dan tanda kutip.",
            posisi(sisa)
        );
    }
    if let Some(sisa) =
        asli.strip_prefix("Failed to deserialize the JSON body into the target type: ")
    {
        return match pisah_isian(sisa) {
            Some((isian, pesan)) => format!("Isian `{isian}` tidak sah: {}.", arti(pesan)),
            None => format!("Isi permintaan tidak sah: {}.", arti(sisa)),
        };
    }
    if asli.starts_with("Expected request with `Content-Type: application/json`") {
        return "Isi permintaan harus JSON, dengan kepala `Content-Type: application/json`.".into();
    }
    if asli.contains("length limit exceeded") {
        return "Isi permintaan terlalu besar.".into();
    }
    tracing::debug!(asli, "penolakan tanpa terjemahan");
    "Alamat, parameter atau isi permintaan tidak sah.".into()
}

/// `field: message` as serde_path_to_error writes it (the field may be a path like `a.b[0]`).
fn pisah_isian(teks: &str) -> Option<(&str, &str)> {
    let (isian, pesan) = teks.split_once(": ")?;
    let sah = !isian.is_empty()
        && isian
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
    sah.then_some((isian, pesan))
}

/// " (baris 1, kolom 8)" from serde_json's "... at line 1 column 8".
fn posisi(pesan: &str) -> String {
    let Some((_, letak)) = pesan.rsplit_once(" at line ") else {
        return String::new();
    };
    match letak.split_once(" column ") {
        Some((baris, kolom)) => format!(" (baris {baris}, kolom {kolom})"),
        None => String::new(),
    }
}

fn potong(nilai: &str) -> String {
    let mut s: String = nilai.chars().take(40).collect();
    if s.len() < nilai.len() {
        s.push('…');
    }
    s
}

/// What a serde or parser message means, in Indonesian.
fn arti(pesan: &str) -> String {
    let inti = match pesan.rsplit_once(" at line ") {
        Some((awal, _)) => awal,
        None => pesan,
    };
    if inti.contains("invalid digit") {
        return "harus berupa angka".into();
    }
    if inti.contains("too large") || inti.contains("too small") {
        return "angkanya di luar jangkauan".into();
    }
    if inti.contains("empty string") {
        return "tidak boleh kosong".into();
    }
    if inti.contains("UUID parsing failed") || inti.contains("invalid length: expected length 32") {
        return "harus berupa UUID, mis. 0190c7a4-7b1e-7c3d-9f00-1a2b3c4d5e6f".into();
    }
    if inti.contains("not `true` or `false`") {
        return "harus `true` atau `false`".into();
    }
    if let Some(sisa) = inti.strip_prefix("missing field `") {
        let nama = sisa.split('`').next().unwrap_or_default();
        return format!("isian `{nama}` wajib ada");
    }
    if let Some(sisa) = inti.strip_prefix("unknown variant `") {
        let (nilai, lain) = sisa.split_once('`').unwrap_or((sisa, ""));
        return match lain.split_once("expected one of ") {
            Some((_, pilihan)) => format!(
                "pilihan `{}` tidak dikenal; pilihan yang sah: {}",
                potong(nilai),
                pilihan.replace('`', "")
            ),
            None => format!("pilihan `{}` tidak dikenal", potong(nilai)),
        };
    }
    if let Some(sisa) = inti.strip_prefix("invalid type: ") {
        let diharap = sisa.split_once(", expected ").map_or("", |(_, d)| d);
        return format!("jenis nilainya salah, seharusnya {}", jenis(diharap));
    }
    if inti.contains("input contains invalid characters")
        || inti.contains("premature end of input")
        || inti.contains("input is out of range")
        || inti.contains("trailing input")
    {
        return "format tanggal atau waktu tidak sah (TTTT-BB-HH)".into();
    }
    "nilainya tidak dapat dibaca".into()
}

/// serde's "expected ..." in Indonesian.
fn jenis(diharap: &str) -> &'static str {
    let d = diharap.trim();
    if d.contains("string") || d.contains("date") {
        "teks"
    } else if d.contains("bool") {
        "`true` atau `false`"
    } else if d.contains("sequence") || d.starts_with("a vec") {
        "daftar (array)"
    } else if d.contains("map") || d.contains("struct") {
        "objek"
    } else if d.starts_with('u')
        || d.starts_with('i')
        || d.starts_with('f')
        || d.contains("integer")
        || d.contains("number")
    {
        "angka"
    } else {
        "jenis lain"
    }
}

#[cfg(test)]
mod tests {
    use super::terjemahkan;

    #[test]
    fn penolakan_axum_dalam_bahasa_indonesia() {
        for (asli, harap) in [
            (
                "Failed to deserialize query string: pendidikan_kk_id: invalid digit found in string",
                "Parameter `pendidikan_kk_id` tidak sah: harus berupa angka.",
            ),
            (
                "Failed to deserialize query string: hal: number too large to fit in target type",
                "Parameter `hal` tidak sah: angkanya di luar jangkauan.",
            ),
            (
                "Invalid URL: Cannot parse `id` with value `xyz`: UUID parsing failed: invalid character: found `x` at 0",
                "Bagian alamat `id` tidak sah (tertulis `xyz`): harus berupa UUID, mis. 0190c7a4-7b1e-7c3d-9f00-1a2b3c4d5e6f.",
            ),
            (
                "Failed to parse the request body as JSON: nik: EOF while parsing a value at line 1 column 8",
                "Isi permintaan bukan JSON yang sah (baris 1, kolom 8). Periksa tanda kurung, koma dan tanda kutip.",
            ),
            (
                "Failed to deserialize the JSON body into the target type: langkah: unknown variant `x`, expected one of `periksa`, `selesai` at line 1 column 14",
                "Isian `langkah` tidak sah: pilihan `x` tidak dikenal; pilihan yang sah: periksa, selesai.",
            ),
            (
                "Failed to deserialize the JSON body into the target type: catatan: invalid type: integer `5`, expected a string at line 1 column 12",
                "Isian `catatan` tidak sah: jenis nilainya salah, seharusnya teks.",
            ),
            (
                "Failed to deserialize the JSON body into the target type: missing field `langkah` at line 1 column 2",
                "Isi permintaan tidak sah: isian `langkah` wajib ada.",
            ),
            (
                "Expected request with `Content-Type: application/json`",
                "Isi permintaan harus JSON, dengan kepala `Content-Type: application/json`.",
            ),
            (
                "something else entirely",
                "Alamat, parameter atau isi permintaan tidak sah.",
            ),
        ] {
            assert_eq!(terjemahkan(asli), harap, "{asli}");
        }
    }
}
