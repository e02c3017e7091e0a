//! People's names for the actor ids stored with each change (`pengguna:…`, `warga:…`, `api:…`).

use std::collections::HashMap;

/// Names looked up once per page (`Store::nama_aktor`); anything unknown still reads as words.
#[derive(Default)]
pub struct NamaAktor(pub HashMap<String, String>);

impl NamaAktor {
    pub fn nama(&self, aktor: &str) -> String {
        if let Some(n) = self.0.get(aktor) {
            return n.clone();
        }
        match aktor.split_once(':') {
            _ if aktor == "sistem" => "Sistem".into(),
            Some(("pengguna", u)) => u.to_string(),
            Some(("warga", _)) => "Warga (layanan mandiri)".into(),
            Some(("api", n)) => format!("Aplikasi {n} (API)"),
            Some(("anjungan", _)) => "Anjungan".into(),
            Some(("simpul", _)) | Some(("sinkron", _)) => "Sinkron kabupaten".into(),
            _ => aktor.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidak_ada_id_mentah() {
        let mut n = NamaAktor::default();
        n.0.insert("pengguna:operator".into(), "Siti Aminah".into());
        assert_eq!(n.nama("pengguna:operator"), "Siti Aminah");
        assert_eq!(n.nama("pengguna:lama"), "lama");
        assert_eq!(n.nama("sistem"), "Sistem");
        assert_eq!(
            n.nama("warga:0190a2b4-0000-7000-8000-000000000000"),
            "Warga (layanan mandiri)"
        );
        assert_eq!(n.nama("api:dinsos"), "Aplikasi dinsos (API)");
    }
}
