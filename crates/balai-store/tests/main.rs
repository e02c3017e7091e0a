//! All of this crate's integration tests in one binary: one link instead of one per file,
//! which keeps `cargo test` fast and the target folder small.

mod adminduk;
mod bantuan;
mod bantuan_dtks;
mod bantuan_impor;
mod bantuan_periksa;
mod buku;
mod cadangan;
mod impor;
mod kesehatan;
mod keuangan;
mod korpus_fuzz;
mod notifikasi;
mod opensid;
mod pembaruan;
mod pendidikan;
mod penduduk;
mod pengguna;
mod perangkat;
mod peraturan_aset;
mod peta;
mod sinkron;
mod skema;
mod statistik;
mod surat;
mod warga;
