//! Pure types and rules of Balai: no IO, no async.

pub mod adminduk;
pub mod aset;
pub mod bantuan;
pub mod berkas;
pub mod desa;
pub mod galat;
pub mod isian;
pub mod kehadiran;
pub mod kesehatan;
pub mod keuangan;
pub mod kode;
mod kode_data;
pub mod lapak;
pub mod latihan;
pub mod lembar;
pub mod nik;
pub mod notifikasi;
pub mod pembaruan;
pub mod pendidikan;
pub mod penduduk;
pub mod pengaduan;
pub mod pengguna;
pub mod peran;
pub mod perangkat;
pub mod peraturan;
pub mod pin;
pub mod situs;
pub mod surat;
pub mod tebakan;
pub mod templat;
pub mod tugas;
pub mod wilayah;

pub use galat::{DaftarGalat, GalatIsian};
pub use kode::KodeList;
pub use nik::{Nik, NoKk};
pub use wilayah::{KodeDesa, ZonaWaktu};

pub mod daftar {
    //! The code lists used by the registry.
    pub use crate::kode_data::*;
}
