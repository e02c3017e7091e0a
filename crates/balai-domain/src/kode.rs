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
    /// ("SLTA/Sederajat" matches "SLTA / SEDERAJAT"). See [`cari_label`].
    pub fn cari_teks(&self, teks: &str) -> Option<i16> {
        self.cari_teks_dengan(teks, &[])
    }
    /// Like [`KodeList::cari_teks`], with further spellings for the same codes (an importer's
    /// table of abbreviations) searched together with the labels.
    pub fn cari_teks_dengan(&self, teks: &str, tambahan: &[(i16, &'static str)]) -> Option<i16> {
        cari_label(
            teks,
            self.isi.iter().chain(self.lain).chain(tambahan).copied(),
        )
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

/// Words of a label: upper-case alphanumeric runs, with the sign of a blood type kept as a word
/// of its own ("A+" → "A +", "ab -" → "AB -"; the hyphen inside "LAKI-LAKI" only separates).
fn kata_label(s: &str) -> String {
    let t = s.trim();
    let tanda_akhir = t.ends_with(['-', '\u{2212}']);
    let mut out = String::new();
    let mut kata = String::new();
    let lepas = |kata: &mut String, out: &mut String| {
        if !kata.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(kata);
            kata.clear();
        }
    };
    for c in t.chars() {
        if c.is_alphanumeric() {
            kata.extend(c.to_uppercase());
        } else {
            lepas(&mut kata, &mut out);
            if c == '+' {
                kata.push('+');
                lepas(&mut kata, &mut out);
            }
        }
    }
    lepas(&mut kata, &mut out);
    if tanda_akhir && !out.is_empty() {
        out.push_str(" -");
    }
    out
}

/// The label of `kode` in a list of (code, label) pairs; `None` when the code is not in it.
pub fn label_dari(daftar: &[(&str, &'static str)], kode: &str) -> Option<&'static str> {
    daftar.iter().find(|(k, _)| *k == kode).map(|(_, l)| *l)
}

/// Finds the code of a text among labels, tolerant of case, spacing and punctuation:
/// first the same words ("DIPLOMA I / II" = "Diploma I/II"), then the same letters with spaces
/// removed ("ORANG TUA" = "ORANGTUA") but only when that names one code, so "DIPLOMAIII" (both
/// "DIPLOMA I/II" and "DIPLOMA III") is not guessed. A blood type's sign counts ("A+" is not "A").
pub fn cari_label(
    teks: &str,
    label: impl Iterator<Item = (i16, &'static str)> + Clone,
) -> Option<i16> {
    let kata = kata_label(teks);
    if kata.is_empty() {
        return None;
    }
    if let Some((k, _)) = label.clone().find(|(_, l)| kata_label(l) == kata) {
        return Some(k);
    }
    let rapat: String = kata.split(' ').collect();
    let mut temu: Option<i16> = None;
    for (k, l) in label {
        if kata_label(l).split(' ').collect::<String>() == rapat {
            match temu {
                Some(x) if x != k => return None,
                _ => temu = Some(k),
            }
        }
    }
    temu
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

    #[test]
    fn tanda_golongan_darah_dan_label_kembar_tidak_tertukar() {
        assert_eq!(GOLONGAN_DARAH.cari_teks("A+"), Some(5));
        assert_eq!(GOLONGAN_DARAH.cari_teks("a -"), Some(6));
        assert_eq!(GOLONGAN_DARAH.cari_teks("AB−"), Some(10));
        assert_eq!(GOLONGAN_DARAH.cari_teks("A"), Some(1));
        assert_eq!(GOLONGAN_DARAH.cari_teks("O+"), Some(11));
        assert_eq!(JENIS_KELAMIN.cari_teks("laki laki"), Some(1));
        assert_eq!(SHDK.cari_teks("Orang Tua"), Some(7));
        assert_eq!(PENDIDIKAN_KK.cari_teks("Diploma I/II"), Some(6));
        // With "DIPLOMA III" among the spellings, "DIPLOMAIII" could be either: not guessed.
        let d3 = [(7, "DIPLOMA III")];
        assert_eq!(PENDIDIKAN_KK.cari_teks_dengan("DIPLOMAIII", &d3), None);
        assert_eq!(
            PENDIDIKAN_KK.cari_teks_dengan("Diploma III", &[(7, "DIPLOMA III")]),
            Some(7)
        );
        assert_eq!(KTP_EL.cari_teks("ktp el"), Some(2));
    }
}
