//! `balai token add`: API tokens for agencies (OPD) over a whole region.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::Aktor;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum PerintahToken {
    /// Membuat token API untuk semua desa di satu wilayah (kabupaten, kecamatan atau desa)
    Add {
        /// Nama pemakai token, misalnya "Dinas Sosial"
        #[arg(long)]
        nama: String,
        /// Kode wilayah Kemendagri: 33.25 (kabupaten), 33.25.08 (kecamatan) atau kode desa
        #[arg(long, value_name = "KODE")]
        wilayah: String,
        /// Token boleh menulis (bawaan: hanya membaca)
        #[arg(long)]
        tulis: bool,
    },
}

pub async fn token(k: &Konfigurasi, p: PerintahToken) -> Hasil {
    let store = buka(k).await?;
    match p {
        PerintahToken::Add {
            nama,
            wilayah,
            tulis,
        } => {
            let (t, rahasia) = store
                .buat_token_wilayah(&nama, &wilayah, tulis, &Aktor("cli".into()))
                .await
                .map_err(pesan)?;
            println!(
                "Token API \"{}\" untuk wilayah {} ({}) dibuat. Simpan baik-baik: hanya ditampilkan sekali.",
                t.nama,
                balai_domain::wilayah::bertitik(&t.wilayah),
                if t.tulis {
                    "baca dan tulis"
                } else {
                    "hanya baca"
                }
            );
            println!(
                "Contoh: curl -H \"Authorization: Bearer <token>\" https://ALAMAT/api/v1/perubahan?sejak=0"
            );
            println!("{rahasia}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
