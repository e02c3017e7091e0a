//! `balai backup` and `balai restore`, and the daily backup of `serve`.

use super::Hasil;
use crate::konfigurasi::Konfigurasi;
use balai_store::Store;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ArgCadangan {
    /// Berkas cadangan yang dibuat
    pub berkas: PathBuf,
    /// Enkripsi dengan kata sandi dari variabel lingkungan ini (mis. BALAI_SANDI_CADANGAN)
    #[arg(long, value_name = "VARIABEL")]
    pub sandi_env: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct ArgPulihkan {
    /// Berkas cadangan
    pub berkas: PathBuf,
    /// Kata sandi cadangan terenkripsi dibaca dari variabel lingkungan ini
    #[arg(long, value_name = "VARIABEL")]
    pub sandi_env: Option<String>,
    /// Tidak menanyakan konfirmasi
    #[arg(long)]
    pub ya: bool,
}

pub async fn cadangkan(_k: &Konfigurasi, _a: ArgCadangan) -> Hasil {
    Err("cadangan belum tersedia".into())
}

pub async fn pulihkan(_k: &Konfigurasi, _a: ArgPulihkan) -> Hasil {
    Err("pemulihan belum tersedia".into())
}

pub fn jadwalkan_harian(_k: &Konfigurasi, _store: Store) {}
