//! Kemendagri region codes and the time zone that follows from the province.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A 10-digit village code without dots (`3325082004`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KodeDesa(String);

impl KodeDesa {
    /// Accepts `33.25.08.2004` or `3325082004`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let t: String = s.trim().chars().filter(|c| *c != '.').collect();
        if t.len() != 10 || !t.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "Kode desa harus 10 digit (contoh 33.25.08.2004), tertulis \"{}\".",
                s.trim()
            ));
        }
        if !matches!(&t[6..7], "1" | "2" | "3") {
            return Err(
                "Kode desa: digit ke-7 harus 1 (kelurahan), 2 (desa) atau 3 (desa adat).".into(),
            );
        }
        Ok(KodeDesa(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// `33.25.08.2004`
    pub fn bertitik(&self) -> String {
        bertitik(&self.0)
    }
    pub fn provinsi(&self) -> &str {
        &self.0[0..2]
    }
    pub fn kabupaten(&self) -> &str {
        &self.0[0..4]
    }
    pub fn kecamatan(&self) -> &str {
        &self.0[0..6]
    }
    pub fn kelurahan(&self) -> bool {
        &self.0[6..7] == "1"
    }
}

impl fmt::Display for KodeDesa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl TryFrom<String> for KodeDesa {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        KodeDesa::parse(&s)
    }
}
impl From<KodeDesa> for String {
    fn from(v: KodeDesa) -> String {
        v.0
    }
}

/// Inserts the dots of a region code of any level: `3325082004` → `33.25.08.2004`.
pub fn bertitik(kode: &str) -> String {
    let mut out = String::with_capacity(13);
    for (i, c) in kode.chars().enumerate() {
        if i == 2 || i == 4 || i == 6 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The level of a region code without dots, by its length.
pub fn tingkat(kode: &str) -> Option<&'static str> {
    match kode.len() {
        2 => Some("provinsi"),
        4 => Some("kabupaten"),
        6 => Some("kecamatan"),
        10 => Some("desa"),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZonaWaktu {
    Wib,
    Wita,
    Wit,
}

impl ZonaWaktu {
    /// Indonesia's three zones by province code.
    pub fn dari_provinsi(prov: &str) -> Self {
        match prov {
            "51" | "52" | "53" | "63" | "64" | "65" | "71" | "72" | "73" | "74" | "75" | "76" => {
                ZonaWaktu::Wita
            }
            "81" | "82" | "91" | "92" | "93" | "94" | "95" | "96" | "97" => ZonaWaktu::Wit,
            _ => ZonaWaktu::Wib,
        }
    }
    pub fn offset_jam(self) -> i32 {
        match self {
            ZonaWaktu::Wib => 7,
            ZonaWaktu::Wita => 8,
            ZonaWaktu::Wit => 9,
        }
    }
    pub fn singkatan(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB",
            ZonaWaktu::Wita => "WITA",
            ZonaWaktu::Wit => "WIT",
        }
    }
    pub fn offset(self) -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(self.offset_jam() * 3600).expect("valid offset")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kode_desa_bertitik_dan_zona() {
        let k = KodeDesa::parse("33.25.08.2004").unwrap();
        assert_eq!(k.as_str(), "3325082004");
        assert_eq!(k.bertitik(), "33.25.08.2004");
        assert_eq!(ZonaWaktu::dari_provinsi(k.provinsi()), ZonaWaktu::Wib);
        assert_eq!(ZonaWaktu::dari_provinsi("52"), ZonaWaktu::Wita);
        assert_eq!(ZonaWaktu::dari_provinsi("94"), ZonaWaktu::Wit);
        assert!(KodeDesa::parse("3325").is_err());
        assert!(KodeDesa::parse("3325089004").is_err());
    }
}

#[cfg(test)]
mod uji_sifat_kode {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A village code as typed (dots, spaces, anything): parsed or refused with a message.
        #[test]
        fn kode_apa_pun_tidak_pernah_panik(s in "\\PC{0,24}") {
            let _ = KodeDesa::parse(&s);
        }
    }
}
