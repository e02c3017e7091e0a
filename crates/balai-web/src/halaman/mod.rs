//! The admin screens.

pub(crate) mod adminduk;
mod anjungan;
mod aset;
mod audit;
mod bantuan;
mod beranda;
pub(crate) mod buku;
mod desa;
mod ekspor;
mod formulir;
mod impor;
mod impor_opensid;
mod kelola_situs;
mod keluarga;
mod kesehatan;
pub(crate) mod keuangan;
mod kotak;
mod latihan;
mod masuk;
mod notifikasi;
mod panduan;
mod pendidikan;
mod penduduk;
mod pengguna;
pub mod penyiapan;
mod perangkat;
mod peraturan;
mod publik;
mod rumah_tangga;
mod sinkron;
pub(crate) mod situs;
mod statistik;
mod surat;
mod warga;

pub use anjungan::jaga_anjungan;

use crate::Bersama;
use axum::Router;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .merge(masuk::rute())
        .merge(penyiapan::rute())
        .merge(panduan::rute())
        .merge(sinkron::rute())
        .merge(beranda::rute())
        .merge(penduduk::rute())
        .merge(keluarga::rute())
        .merge(rumah_tangga::rute())
        .merge(desa::rute())
        .merge(pengguna::rute())
        .merge(audit::rute())
        .merge(statistik::rute())
        .merge(impor::rute())
        .merge(impor_opensid::rute())
        .merge(ekspor::rute())
        .merge(surat::rute())
        .merge(notifikasi::rute())
        .merge(publik::rute())
        .merge(warga::rute())
        .merge(kotak::rute())
        .merge(anjungan::rute())
        .merge(situs::rute())
        .merge(kelola_situs::rute())
        .merge(keuangan::rute())
        .merge(adminduk::rute())
        .merge(bantuan::rute())
        .merge(kesehatan::rute())
        .merge(pendidikan::rute())
        .merge(perangkat::rute())
        .merge(peraturan::rute())
        .merge(aset::rute())
        .merge(buku::rute())
        .merge(latihan::rute())
}

/// `?ok=` after a redirect.
#[derive(serde::Deserialize, Default)]
pub struct Ok {
    pub ok: Option<String>,
}

/// Splits a store error into per-field errors (shown on the form) and a message for the top.
pub(crate) fn pisah_galat(
    e: balai_store::Galat,
) -> Result<(balai_domain::DaftarGalat, Option<String>), crate::GalatWeb> {
    match e {
        balai_store::Galat::Isian(d) => Ok((d, None)),
        balai_store::Galat::Konflik(p) | balai_store::Galat::Ditolak(p) => {
            Ok((balai_domain::DaftarGalat::default(), Some(p)))
        }
        e => Err(e.into()),
    }
}
