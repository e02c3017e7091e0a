//! Placeholders `{name}` in message and payload templates.

/// Replaces every `{name}` (lower-case letters, digits, `_`) for which `nilai` has a value, in one
/// pass: a value that itself contains `{…}` is not expanded again. Unknown names stay as written.
pub fn isi_templat(templat: &str, nilai: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(templat.len() + 64);
    let mut sisa = templat;
    while let Some(buka) = sisa.find('{') {
        out.push_str(&sisa[..buka]);
        let setelah = &sisa[buka + 1..];
        let nama_len = setelah
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(setelah.len());
        let nama = &setelah[..nama_len];
        if nama_len > 0 && setelah[nama_len..].starts_with('}') {
            if let Some(v) = nilai(nama) {
                out.push_str(&v);
            } else {
                out.push('{');
                out.push_str(nama);
                out.push('}');
            }
            sisa = &setelah[nama_len + 1..];
        } else {
            out.push('{');
            sisa = setelah;
        }
    }
    out.push_str(sisa);
    out
}

/// A string as it goes inside a JSON string literal (without the quotes).
pub(crate) fn json_escape(s: &str) -> String {
    let q = serde_json::Value::String(s.to_string()).to_string();
    q[1..q.len() - 1].to_string()
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn placeholder_diganti_sekali_jalan() {
        let t = isi_templat("Halo {nama}, {x} {tidak_ada} {", |n| match n {
            "nama" => Some("{x}".into()),
            "x" => Some("X".into()),
            _ => None,
        });
        assert_eq!(t, "Halo {x}, X {tidak_ada} {");
    }

    #[test]
    fn json_escape_tanpa_kutip() {
        assert_eq!(json_escape("a\"b\nc\\"), "a\\\"b\\nc\\\\");
    }
}
