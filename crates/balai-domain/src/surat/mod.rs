//! Letters (surat): letter types, numbering formats and the text rules printed on letters.

pub mod jenis;
pub mod masuk;
pub mod nomor;
pub mod status;
pub mod teks;
