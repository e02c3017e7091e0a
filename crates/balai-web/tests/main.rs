//! All of this crate's integration tests in one binary: one link instead of one per file,
//! which keeps `cargo test` fast and the target folder small.

mod bersama;

mod adminduk;
mod bantuan_api;
mod bantuan_impor;
mod bantuan_warga;
mod buku;
mod formulir_jahat;
mod impor_opensid;
mod impor_penduduk;
mod izin;
mod kesehatan;
mod keuangan;
mod latihan;
mod masukan_jahat;
mod notifikasi;
mod openapi;
mod panduan;
mod pendidikan;
mod penyiapan;
mod perangkat;
mod peraturan_aset;
mod sinkron;
mod situs;
mod surat;
mod warga;
mod web;
