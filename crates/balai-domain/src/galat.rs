//! Field-level validation errors, worded for operators (Bahasa Indonesia).

use serde::Serialize;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GalatIsian {
    /// Machine name of the field (`nik`, `tanggal_lahir` …).
    pub kolom: String,
    /// What is wrong and what is expected, in Indonesian.
    pub pesan: String,
}

impl GalatIsian {
    pub fn new(kolom: impl Into<String>, pesan: impl Into<String>) -> Self {
        Self {
            kolom: kolom.into(),
            pesan: pesan.into(),
        }
    }
}

/// All problems found in one submitted form or row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DaftarGalat(pub Vec<GalatIsian>);

impl DaftarGalat {
    /// A list with one problem.
    pub fn satu(kolom: &str, pesan: impl Into<String>) -> Self {
        DaftarGalat(vec![GalatIsian::new(kolom, pesan)])
    }
    pub fn push(&mut self, kolom: &str, pesan: impl Into<String>) {
        self.0.push(GalatIsian::new(kolom, pesan));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The message for one field, if it has one (templates show it under the field).
    pub fn untuk(&self, kolom: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|g| g.kolom == kolom)
            .map(|g| g.pesan.as_str())
    }
    pub fn into_result<T>(self, ok: T) -> Result<T, DaftarGalat> {
        if self.0.is_empty() { Ok(ok) } else { Err(self) }
    }
}

impl std::fmt::Display for DaftarGalat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let teks: Vec<String> = self
            .0
            .iter()
            .map(|g| format!("{}: {}", g.kolom, g.pesan))
            .collect();
        f.write_str(&teks.join("; "))
    }
}

impl std::error::Error for DaftarGalat {}
