//! `balai backup` and `balai restore`, and the daily backup of `serve`.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::Store;
use balai_store::cadangan::RingkasCadangan;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct ArgCadangan {
    /// Berkas cadangan yang dibuat
    pub berkas: PathBuf,
    /// Enkripsi dengan kata sandi dari variabel lingkungan ini (mis. BALAI_SANDI_CADANGAN);
    /// tanpa ini dipakai berkas kunci cadangan (kunci-cadangan, dibuat bila belum ada)
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
    /// Berkas kunci cadangan (salinan kunci-cadangan dari komputer yang membuat cadangan)
    #[arg(long, value_name = "BERKAS")]
    pub berkas_kunci: Option<PathBuf>,
    /// Pulihkan hanya desa ini (kode Kemendagri 10 angka); desa lain di basis data ini tidak berubah
    #[arg(long, value_name = "KODE")]
    pub desa: Option<String>,
    /// Tidak menanyakan konfirmasi (untuk skrip)
    #[arg(long)]
    pub ya: bool,
}

/// The passphrase in the environment variable `v`; never taken from the command line itself,
/// so it does not end up in the shell history or the process list.
fn sandi_env(v: &str) -> Result<String, String> {
    match std::env::var(v) {
        Ok(s) if !s.is_empty() => Ok(s),
        _ => Err(format!(
            "variabel lingkungan {v} kosong atau tidak ada; isi dengan kata sandi cadangan"
        )),
    }
}

/// The passphrase a new backup is encrypted with: from the named environment variable (the
/// flag, else `[cadangan] sandi_env`), else this install's backup key file, made when missing.
/// Backups are never written unencrypted by default.
fn sandi_cadangan_baru(k: &Konfigurasi, env: Option<&str>) -> Result<String, String> {
    let env = env.or(Some(k.cadangan.sandi_env.as_str()).filter(|v| !v.is_empty()));
    if let Some(v) = env {
        return sandi_env(v);
    }
    let berkas = crate::kunci::jalur(k, &k.cadangan.berkas_kunci, crate::kunci::CADANGAN)
        .ok_or("cadangan tidak dapat dienkripsi: atur [cadangan] sandi_env atau berkas_kunci di balai.toml")?;
    let (kunci, baru) = crate::kunci::baca_atau_buat(&berkas)?;
    if baru {
        eprintln!(
            "Kunci cadangan baru dibuat: {}. Simpan salinannya di luar komputer ini (flashdisk di lemari kantor, cetakan): tanpa berkas itu cadangan tidak dapat dipulihkan.",
            berkas.display()
        );
    }
    Ok(crate::kunci::sandi_dari(&kunci))
}

/// The passphrase to restore `berkas`: none for a plain backup; else from `--sandi-env`,
/// `--berkas-kunci`, or this install's backup key file.
fn sandi_pulihkan(k: &Konfigurasi, a: &ArgPulihkan) -> Result<Option<String>, String> {
    if !balai_store::cadangan::cadangan_terenkripsi(&a.berkas).map_err(pesan)? {
        return Ok(None);
    }
    if let Some(v) = &a.sandi_env {
        return sandi_env(v).map(Some);
    }
    if !k.cadangan.sandi_env.is_empty() {
        return sandi_env(&k.cadangan.sandi_env).map(Some);
    }
    let berkas = a
        .berkas_kunci
        .clone()
        .or_else(|| crate::kunci::jalur(k, &k.cadangan.berkas_kunci, crate::kunci::CADANGAN))
        .filter(|b| b.exists())
        .ok_or("berkas cadangan ini terenkripsi: berikan kata sandinya dengan --sandi-env, atau salinan berkas kunci cadangan dari komputer yang membuatnya dengan --berkas-kunci")?;
    crate::kunci::baca(&berkas).map(|k| Some(crate::kunci::sandi_dari(&k)))
}

fn cetak(r: &RingkasCadangan) {
    println!(
        "  dibuat {} dari {} (skema {}), {} baris dalam {} tabel{}",
        r.dibuat_pada.format("%d-%m-%Y %H:%M UTC"),
        r.backend,
        r.skema_versi,
        r.jumlah_baris,
        r.tabel.len(),
        if r.terenkripsi { ", terenkripsi" } else { "" }
    );
    println!("  SHA-256 isi: {}", r.sha256);
}

pub async fn cadangkan(k: &Konfigurasi, a: ArgCadangan) -> Hasil {
    let sandi = sandi_cadangan_baru(k, a.sandi_env.as_deref())?;
    let store = buka(k).await?;
    let r = store
        .cadangkan_ke_berkas(&a.berkas, Some(&sandi))
        .await
        .map_err(pesan)?;
    println!(
        "Cadangan ditulis dan diperiksa ulang: {}",
        a.berkas.display()
    );
    cetak(&r);
    Ok(ExitCode::SUCCESS)
}

pub async fn pulihkan(k: &Konfigurasi, a: ArgPulihkan) -> Hasil {
    let desa = match &a.desa {
        Some(d) => Some(
            balai_domain::KodeDesa::parse(d)
                .map_err(|_| {
                    format!("--desa {d}: kode desa harus 10 angka kode Kemendagri, mis. 3325082004")
                })?
                .to_string(),
        ),
        None => None,
    };
    let sandi = sandi_pulihkan(k, &a)?;
    // Check the file completely before asking or touching anything.
    let berkas = a.berkas.clone();
    let s2 = sandi.clone();
    let r = tokio::task::spawn_blocking(move || {
        balai_store::cadangan::periksa_cadangan(&berkas, s2.as_deref())
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(pesan)?;
    println!("Berkas cadangan utuh: {}", a.berkas.display());
    cetak(&r);
    let terbaru = balai_store::migrasi::semua().last().map_or(0, |m| m.versi);
    if r.skema_versi < terbaru {
        println!(
            "  dibuat oleh Balai {} (skema {}): setelah dipulihkan, skemanya diperbarui ke {}",
            r.aplikasi, r.skema_versi, terbaru
        );
    }
    if !a.ya {
        match &desa {
            Some(d) => print!(
                "Data desa {d} di basis data ini (penduduk, surat, keuangan, akun petugas desa itu, dan lainnya) akan DIGANTI dengan isi cadangan; desa lain tidak berubah. Hentikan layanan Balai dahulu. Ketik \"pulihkan\" untuk melanjutkan: "
            ),
            None => print!(
                "SEMUA data di basis data ini akan DIGANTI dengan isi cadangan. Ketik \"pulihkan\" untuk melanjutkan: "
            ),
        }
        std::io::stdout().flush().ok();
        let mut jawab = String::new();
        std::io::stdin().lock().read_line(&mut jawab).ok();
        if jawab.trim() != "pulihkan" {
            println!("Dibatalkan; tidak ada yang berubah.");
            return Ok(ExitCode::from(1));
        }
    }
    let store = buka(k).await?;
    let r = match &desa {
        Some(d) => store.pulihkan_desa(&a.berkas, sandi.as_deref(), d).await,
        None => store.pulihkan(&a.berkas, sandi.as_deref()).await,
    }
    .map_err(pesan)?;
    // Recorded after the restore (the restored log itself must equal the backup's).
    store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: desa.as_deref().unwrap_or(""),
            aktor: &balai_store::Aktor("cli".into()),
            aksi: "pulihkan_cadangan",
            objek: "cadangan",
            objek_id: r.sha256.clone(),
            sebelum: None,
            sesudah: Some(
                match &desa {
                    Some(d) => serde_json::json!({"dibuat_pada": r.dibuat_pada, "desa": d, "skema_cadangan": r.skema_versi}),
                    None => serde_json::json!({"dibuat_pada": r.dibuat_pada, "baris": r.jumlah_baris, "skema_cadangan": r.skema_versi}),
                },
            ),
        })
        .await
        .map_err(pesan)?;
    match &desa {
        Some(d) => println!(
            "Pemulihan desa {d} selesai. Desa lain tidak berubah; petugas desa {d} perlu masuk ulang."
        ),
        None => println!(
            "Pemulihan selesai: {} baris dipulihkan. Semua pengguna perlu masuk ulang.",
            r.jumlah_baris
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// With `[cadangan] folder` set, `serve` keeps a backup no older than a day: it checks hourly
/// (first five minutes after start, so frequent restarts still get one) and keeps the newest
/// `simpan` files. A configured passphrase that is missing stops the schedule rather than
/// silently writing unencrypted files.
/// Starts the daily backups; returns why they cannot run, for the admin screens and
/// `/healthz` (a message nobody reads in the log is not enough).
pub fn jadwalkan_harian(k: &Konfigurasi, store: Store) -> Option<String> {
    let c = k.cadangan.clone();
    if c.folder.is_empty() {
        return None;
    }
    let sandi = match sandi_cadangan_baru(k, None) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::error!(galat = %e, "cadangan harian TIDAK dibuat");
            return Some(format!(
                "Cadangan harian tidak dibuat: {e}. Perbaiki pengaturan cadangan, lalu mulai ulang Balai."
            ));
        }
    };
    tokio::spawn(async move {
        let folder = std::path::PathBuf::from(&c.folder);
        tokio::time::sleep(Duration::from_secs(300)).await;
        loop {
            jalankan_harian(&store, &c, &folder, sandi.as_deref()).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
    None
}

/// One pass of the schedule: a backup when the newest is older than 23 hours (then its copy
/// to the second place), and the weekly restore test of the newest backup.
pub async fn jalankan_harian(
    store: &Store,
    c: &crate::konfigurasi::KonfigurasiCadangan,
    folder: &std::path::Path,
    sandi: Option<&str>,
) {
    use balai_store::cadangan::periksa;
    if cadangan_terakhir_lebih_lama(folder, Duration::from_secs(23 * 3600)) {
        match store.cadangan_harian(folder, c.simpan.max(1), sandi).await {
            Ok((berkas, r)) => {
                tracing::info!(berkas = %berkas.display(), baris = r.jumlah_baris, "cadangan harian dibuat");
                if !c.salinan_folder.is_empty() {
                    let tujuan = std::path::PathBuf::from(&c.salinan_folder);
                    let h =
                        periksa::salin(folder, &berkas, &tujuan, c.simpan.max(1), store.sekarang());
                    if h.berhasil {
                        tracing::info!(tujuan = %tujuan.display(), "cadangan disalin ke tempat kedua");
                    } else {
                        tracing::error!(pesan = %h.pesan, "salinan cadangan gagal");
                    }
                }
            }
            Err(e) => tracing::error!(galat = %e, "cadangan harian gagal"),
        }
    }
    if periksa::uji_jatuh_tempo(folder, store.sekarang())
        && let Some(terbaru) = periksa::cadangan_terbaru(folder)
    {
        // A whole restore: on the bounded pool for heavy work, off the async workers.
        let (f, s, now) = (
            folder.to_path_buf(),
            sandi.map(str::to_string),
            store.sekarang(),
        );
        let uji = async move { Ok(periksa::uji_pulih(&f, &terbaru, s.as_deref(), now).await) };
        let Ok(h) = balai_store::latar::berat_async(uji).await else {
            return;
        };
        if h.berhasil {
            tracing::info!(berkas = %h.berkas, "uji pemulihan cadangan berhasil");
        } else {
            tracing::error!(berkas = %h.berkas, pesan = %h.pesan, "uji pemulihan cadangan GAGAL");
        }
    }
}

/// True when the folder has no backup newer than `umur`.
fn cadangan_terakhir_lebih_lama(folder: &std::path::Path, umur: Duration) -> bool {
    balai_store::cadangan::umur_cadangan_terbaru(folder).is_none_or(|u| u > umur)
}
