//! `balai import` and `balai export`.

use super::Hasil;
use crate::konfigurasi::Konfigurasi;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum SumberImpor {
    /// Format impor penduduk OpenSID (xlsx, xls atau csv; 43 kolom)
    Opensid,
    /// Ekspor SIAK/buku induk Dukcapil (xls, xlsx atau csv; 37 kolom)
    Siak,
}

#[derive(clap::Args, Debug)]
pub struct ArgImpor {
    /// Asal berkas
    #[arg(value_enum)]
    pub sumber: SumberImpor,
    /// Berkas yang diimpor
    pub berkas: PathBuf,
    /// Kode desa tujuan
    #[arg(long, value_name = "KODE")]
    pub desa: String,
    /// Hanya periksa dan tampilkan laporan; tidak ada yang disimpan
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum DataEkspor {
    Penduduk,
    Keluarga,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatEkspor {
    Xlsx,
    Csv,
    /// Format impor OpenSID (agar data dapat dibawa kembali ke OpenSID)
    Opensid,
}

#[derive(clap::Args, Debug)]
pub struct ArgEkspor {
    #[arg(value_enum)]
    pub data: DataEkspor,
    /// Kode desa
    #[arg(long, value_name = "KODE")]
    pub desa: String,
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: FormatEkspor,
    /// Berkas tujuan
    #[arg(short = 'o', long = "output", value_name = "BERKAS")]
    pub keluaran: PathBuf,
}

pub async fn impor(_k: &Konfigurasi, _a: ArgImpor) -> Hasil {
    Err("impor belum tersedia".into())
}

pub async fn ekspor(_k: &Konfigurasi, _a: ArgEkspor) -> Hasil {
    Err("ekspor belum tersedia".into())
}
