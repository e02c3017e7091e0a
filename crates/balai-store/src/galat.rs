//! The store's one error type.

use balai_domain::DaftarGalat;

#[derive(Debug, thiserror::Error)]
pub enum Galat {
    #[error("data tidak ditemukan")]
    TidakDitemukan,
    #[error("isian tidak sah: {0}")]
    Isian(DaftarGalat),
    /// Someone else changed the record since it was opened.
    #[error("{0}")]
    Konflik(String),
    /// A rule of the registry forbids the change; the message says which.
    #[error("{0}")]
    Ditolak(String),
    #[error("galat basis data: {0}")]
    Db(sqlx::Error),
    #[error("{0}")]
    Lain(String),
}

impl From<sqlx::Error> for Galat {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Galat::TidakDitemukan,
            e => Galat::Db(e),
        }
    }
}

impl From<DaftarGalat> for Galat {
    fn from(e: DaftarGalat) -> Self {
        Galat::Isian(e)
    }
}

impl Galat {
    pub fn isian(kolom: &str, pesan: impl Into<String>) -> Self {
        let mut d = DaftarGalat::default();
        d.push(kolom, pesan);
        Galat::Isian(d)
    }
    /// True when the database refused a duplicate key.
    pub fn duplikat(&self) -> bool {
        matches!(self, Galat::Db(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}
