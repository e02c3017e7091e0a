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
        /// Token Dukcapil: boleh mengerjakan langkah Dukcapil atas permohonan dokumen
        /// kependudukan dan melihat lampirannya (untuk satu kabupaten; termasuk menulis)
        #[arg(long)]
        dukcapil: bool,
        /// Token Dinas Sosial: boleh membaca data penerima bantuan dan klaim santunan kematian
        /// serta mengerjakan langkah Dinas Sosial atas klaim (untuk satu kabupaten; termasuk menulis)
        #[arg(long, conflicts_with = "dukcapil")]
        dinsos: bool,
        /// Token kesehatan: boleh membaca data penimbangan balita dengan nilai z-nya (untuk
        /// puskesmas atau Dinas Kesehatan; data kesehatan adalah data pribadi spesifik)
        #[arg(long)]
        kesehatan: bool,
        /// Masa berlaku token dalam hari (1–730)
        #[arg(long, value_name = "HARI", default_value_t = balai_store::pengguna::HakToken::BERLAKU_BAWAAN)]
        hari: i64,
    },
}

pub async fn token(k: &Konfigurasi, p: PerintahToken) -> Hasil {
    let store = buka(k).await?;
    match p {
        PerintahToken::Add {
            nama,
            wilayah,
            tulis,
            dukcapil,
            dinsos,
            kesehatan,
            hari,
        } => {
            let aktor = Aktor("cli".into());
            let hak = balai_store::pengguna::HakToken {
                tulis,
                dukcapil,
                dinsos,
                kesehatan,
                berlaku_hari: hari,
            };
            let (t, rahasia) = store
                .buat_token_wilayah(&nama, &wilayah, hak, &aktor)
                .await
                .map_err(pesan)?;
            println!(
                "Token API \"{}\" untuk wilayah {} ({}{}) dibuat, berlaku sampai {}. Simpan baik-baik: hanya ditampilkan sekali.",
                t.nama,
                balai_domain::wilayah::bertitik(&t.wilayah),
                match (t.dukcapil, t.dinsos, t.tulis) {
                    (true, _, _) => "Dukcapil: baca, tulis, langkah Dukcapil",
                    (false, true, _) => {
                        "Dinas Sosial: baca, tulis, penerima bantuan dan langkah santunan"
                    }
                    (false, false, true) => "baca dan tulis",
                    (false, false, false) => "hanya baca",
                },
                if t.kesehatan { ", data kesehatan" } else { "" },
                t.kedaluwarsa
                    .map(|k| k.format("%d-%m-%Y").to_string())
                    .unwrap_or_default()
            );
            let contoh = if t.dinsos {
                "santunan?status=diajukan"
            } else {
                "perubahan?sejak=0"
            };
            println!(
                "Contoh: curl -H \"Authorization: Bearer <token>\" https://ALAMAT/api/v1/{contoh}"
            );
            println!("{rahasia}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
