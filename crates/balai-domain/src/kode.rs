//! Numbered code lists (agama, pendidikan, SHDK …) and tolerant text matching for imports.

/// A code list: numeric id to label, in Dukcapil/OpenSID numbering.
#[derive(Debug)]
pub struct KodeList {
    pub nama: &'static str,
    pub isi: &'static [(i16, &'static str)],
    /// Other labels read on import for the same codes (e.g. the English ones of Dukcapil's
    /// systems); never shown.
    pub lain: &'static [(i16, &'static str)],
}

impl KodeList {
    pub fn label(&self, id: i16) -> Option<&'static str> {
        self.isi.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
    }
    pub fn ada(&self, id: i16) -> bool {
        self.label(id).is_some()
    }
    /// Finds a code by its label, ignoring case, spaces and punctuation
    /// ("SLTA/Sederajat" matches "SLTA / SEDERAJAT").
    pub fn cari_teks(&self, teks: &str) -> Option<i16> {
        let kunci = normalkan(teks);
        if kunci.is_empty() {
            return None;
        }
        self.isi
            .iter()
            .chain(self.lain)
            .find(|(_, v)| normalkan(v) == kunci)
            .map(|(k, _)| *k)
    }
    /// Parses a cell that holds either the numeric code or its label.
    pub fn dari_sel(&self, sel: &str) -> Option<i16> {
        let t = sel.trim();
        if let Ok(n) = t.parse::<i16>() {
            return self.ada(n).then_some(n);
        }
        if let Ok(f) = t.parse::<f64>() {
            let n = f as i16;
            return (f.fract() == 0.0 && self.ada(n)).then_some(n);
        }
        self.cari_teks(t)
    }
    /// A short readable list of valid codes, for error messages.
    pub fn petunjuk(&self) -> String {
        let semua: Vec<String> = self.isi.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut s = semua.join(", ");
        if s.chars().count() > 160 {
            let potong: String = s.chars().take(160).collect();
            s = format!("{potong} …");
        }
        s
    }
}

/// Upper-case alphanumerics only.
pub fn normalkan(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::daftar::*;

    #[test]
    fn teks_siak_cocok_dengan_kode() {
        assert_eq!(PENDIDIKAN_KK.cari_teks("SLTA/Sederajat"), Some(5));
        assert_eq!(STATUS_KAWIN.cari_teks("Kawin"), Some(2));
        assert_eq!(SHDK.cari_teks("Kepala Keluarga"), Some(1));
        assert_eq!(AGAMA.dari_sel("1"), Some(1));
        assert_eq!(AGAMA.dari_sel("99"), None);
        assert_eq!(AGAMA.dari_sel("1.0"), Some(1));
    }
}
