//! `balai desa add|list`: villages of this installation.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_domain::KodeDesa;
use balai_store::Aktor;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum PerintahDesa {
    /// Mendaftarkan desa menurut kode wilayah Kemendagri (nama dan zona waktu diisi otomatis)
    Add {
        /// Kode desa, 10 angka (boleh bertitik: 33.25.08.2004)
        kode: String,
    },
    /// Menampilkan desa yang terdaftar
    List,
}

pub async fn desa(k: &Konfigurasi, p: PerintahDesa) -> Hasil {
    let store = buka(k).await?;
    match p {
        PerintahDesa::Add { kode } => {
            let kode = KodeDesa::parse(&kode)?;
            let d = store
                .buat_desa(&kode, &Aktor("cli".into()))
                .await
                .map_err(pesan)?;
            let l = store.letak_desa(&d.desa_id).await.map_err(pesan)?;
            println!(
                "Desa {} ({}) terdaftar: Kecamatan {}, {}, {}; zona waktu {}.",
                d.nama,
                d.kode_bertitik(),
                l.kecamatan,
                l.kabupaten,
                l.provinsi,
                d.zona_waktu
            );
            println!(
                "Buat admin desanya: balai user add --peran admin --desa {} --username … --nama …",
                d.desa_id
            );
        }
        PerintahDesa::List => {
            for d in store.daftar_desa("").await.map_err(pesan)? {
                println!("{}  {}", d.kode_bertitik(), d.nama);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
