//! Child health (posyandu): WHO growth z-scores with the categories of Permenkes 2/2020
//! Standar Antropometri Anak, and the monthly KMS growth status (N/T, "2T" referral).

pub mod ibu;
pub mod imunisasi;
pub mod konvergensi;
pub mod pertumbuhan;
pub mod zscore;

pub use pertumbuhan::{Penimbangan, StatusPertumbuhan, perlu_rujukan_2t, status_pertumbuhan};
pub use zscore::{
    CaraUkur, GalatZ, HasilZ, Indikator, Kategori, Kelamin, Pengukuran, Umur, hitung, hitung_semua,
};
