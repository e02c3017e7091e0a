//! `balai audit verify`: walks every village's hash chain.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum PerintahAudit {
    /// Memeriksa rantai hash log audit setiap desa; gagal bila ada baris yang diubah
    Verify,
}

pub async fn audit(k: &Konfigurasi, p: PerintahAudit) -> Hasil {
    let store = buka(k).await?;
    match p {
        PerintahAudit::Verify => {
            let hasil = store.verifikasi_audit().await.map_err(pesan)?;
            let mut rusak = 0;
            for h in &hasil {
                let nama = if h.desa_id.is_empty() {
                    "(tingkat sistem)".to_string()
                } else {
                    h.desa_id.clone()
                };
                match h.rusak_pada {
                    None => println!("{nama}: utuh, {} entri.", h.jumlah),
                    Some(u) => {
                        rusak += 1;
                        println!(
                            "{nama}: RUSAK mulai entri nomor {u} dari {} entri — baris itu telah diubah, dihapus atau disisipkan di luar Balai.",
                            h.jumlah
                        );
                    }
                }
            }
            if rusak > 0 {
                eprintln!("{rusak} desa mempunyai log audit yang rusak.");
                return Ok(ExitCode::from(2));
            }
            println!("Log audit utuh ({} desa).", hasil.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
