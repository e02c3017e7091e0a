//! `balai export`: residents or families to XLSX, CSV or OpenSID's import format.

use super::impor::kode_desa;
use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::Aktor;
use balai_store::ekspor::FormatEkspor as Format;
use balai_store::penduduk::SaringPenduduk;
use std::path::PathBuf;
use std::process::ExitCode;

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

pub async fn ekspor(k: &Konfigurasi, a: ArgEkspor) -> Hasil {
    let store = buka(k).await?;
    let desa = kode_desa(&a.desa);
    if store.desa(&desa).await.map_err(pesan)?.is_none() {
        return Err(format!("desa {} belum terdaftar di basis data ini", a.desa));
    }
    let format = match a.format {
        FormatEkspor::Xlsx => Format::Xlsx,
        FormatEkspor::Csv => Format::Csv,
        FormatEkspor::Opensid => Format::OpenSid,
    };
    let (isi, objek) = match a.data {
        DataEkspor::Penduduk => (
            store
                .ekspor_penduduk(&desa, &SaringPenduduk::default(), format)
                .await,
            "penduduk",
        ),
        DataEkspor::Keluarga => (store.ekspor_keluarga(&desa, format).await, "keluarga"),
    };
    let isi = isi.map_err(pesan)?;
    store
        .catat_ekspor(&desa, objek, format, None, &Aktor("cli".into()))
        .await
        .map_err(pesan)?;
    std::fs::write(&a.keluaran, &isi)
        .map_err(|e| format!("berkas {} tidak dapat ditulis: {e}", a.keluaran.display()))?;
    println!("{} bita ditulis ke {}.", isi.len(), a.keluaran.display());
    Ok(ExitCode::SUCCESS)
}
