//! `balai user …`: accounts from the command line (first admin, locked-out admin).

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::pengguna::{PenggunaBaru, Peran, sandi_sementara};
use balai_store::{Aktor, Store};
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum PerintahPengguna {
    /// Menambah pengguna; kata sandi sementara dicetak dan wajib diganti saat masuk pertama
    Add {
        #[arg(long, value_name = "NAMA_PENGGUNA")]
        username: String,
        /// Nama lengkap
        #[arg(long)]
        nama: String,
        /// Peran: admin_sistem, admin, operator, sekdes, kades, kecamatan, kabupaten, opd
        #[arg(long)]
        peran: String,
        /// Kode desa (untuk admin, operator, sekdes, kades)
        #[arg(long, value_name = "KODE")]
        desa: Option<String>,
        /// Kode kecamatan/kabupaten yang dipantau (untuk kecamatan, kabupaten, opd)
        #[arg(long, value_name = "KODE", default_value = "")]
        cakupan: String,
    },
    /// Menampilkan semua pengguna
    List,
    /// Menonaktifkan pengguna (tidak dapat masuk lagi; riwayatnya tetap)
    Disable { username: String },
    /// Mengaktifkan kembali pengguna
    Enable { username: String },
    /// Membuat kata sandi sementara baru; pengguna wajib menggantinya saat masuk
    ResetPassword { username: String },
}

fn kode_tanpa_titik(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

async fn cari(store: &Store, username: &str) -> Result<balai_store::pengguna::Pengguna, String> {
    store
        .pengguna_by_username(&username.trim().to_lowercase())
        .await
        .map_err(pesan)?
        .ok_or_else(|| format!("pengguna \"{username}\" tidak ditemukan (lihat: balai user list)"))
}

pub async fn pengguna(k: &Konfigurasi, p: PerintahPengguna) -> Hasil {
    let store = buka(k).await?;
    let aktor = Aktor("cli".into());
    match p {
        PerintahPengguna::Add {
            username,
            nama,
            peran,
            desa,
            cakupan,
        } => {
            let peran_ = Peran::dari_kode(&peran).ok_or_else(|| {
                format!("--peran \"{peran}\" tidak dikenal; pilih salah satu: admin_sistem, admin, operator, sekdes, kades, bendahara, kader, kecamatan, kabupaten, opd, dukcapil, dinsos")
            })?;
            let desa = desa.map(|d| kode_tanpa_titik(&d));
            let sandi = sandi_sementara();
            let baru = store
                .tambah_pengguna(
                    &PenggunaBaru {
                        username: &username,
                        nama: &nama,
                        kata_sandi: &sandi,
                        peran: peran_,
                        desa_id: desa.as_deref(),
                        cakupan: &kode_tanpa_titik(&cakupan),
                    },
                    &aktor,
                )
                .await
                .map_err(pesan)?;
            let sementara = store.reset_sandi(baru.id, &aktor).await.map_err(pesan)?;
            println!("Pengguna {} ({}) dibuat.", baru.username, peran_.label());
            println!("  Pengguna: {}", baru.username);
            println!("  Kata sandi: {sementara}");
            println!("Kata sandi ini sementara: wajib diganti saat masuk pertama kali.");
        }
        PerintahPengguna::List => {
            let semua = store.daftar_pengguna("").await.map_err(pesan)?;
            println!(
                "{:<20} {:<22} {:<12} {:<8} NAMA",
                "PENGGUNA", "PERAN", "DESA/CAKUPAN", "AKTIF"
            );
            for u in semua {
                println!(
                    "{:<20} {:<22} {:<12} {:<8} {}",
                    u.username,
                    u.peran().label(),
                    if u.cakupan.is_empty() {
                        "semua"
                    } else {
                        &u.cakupan
                    },
                    if u.aktif { "ya" } else { "tidak" },
                    u.nama
                );
            }
        }
        PerintahPengguna::Disable { username } => {
            let u = cari(&store, &username).await?;
            store
                .atur_aktif_pengguna(u.id, false, &aktor)
                .await
                .map_err(pesan)?;
            println!(
                "Pengguna {} dinonaktifkan; semua sesinya diakhiri.",
                u.username
            );
        }
        PerintahPengguna::Enable { username } => {
            let u = cari(&store, &username).await?;
            store
                .atur_aktif_pengguna(u.id, true, &aktor)
                .await
                .map_err(pesan)?;
            println!("Pengguna {} diaktifkan kembali.", u.username);
        }
        PerintahPengguna::ResetPassword { username } => {
            let u = cari(&store, &username).await?;
            let sandi = store.reset_sandi(u.id, &aktor).await.map_err(pesan)?;
            println!("Kata sandi sementara untuk {}:", u.username);
            println!("  Pengguna: {}", u.username);
            println!("  Kata sandi: {sandi}");
            println!("Wajib diganti saat masuk berikutnya.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
