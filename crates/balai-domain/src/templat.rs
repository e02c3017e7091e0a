//! Placeholders `{name}` in message and payload templates: filling them, and listing the
//! names a text uses (so a village's template can be checked against its event).

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

/// The placeholder names written in a text, in order.
pub fn placeholder_di(t: &str) -> Vec<String> {
    let nama = std::cell::RefCell::new(Vec::new());
    isi_templat(t, |n| {
        nama.borrow_mut().push(n.to_string());
        None
    });
    nama.into_inner()
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
    fn nama_placeholder_didaftar() {
        assert_eq!(placeholder_di("{a} {B} {c_1} {"), vec!["a", "c_1"]);
    }
}
