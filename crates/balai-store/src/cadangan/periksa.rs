//! What the daily schedule does besides writing a backup: a weekly restore of the newest one
//! into a scratch database (a backup that cannot be restored is no backup), and a copy to a
//! second place (a USB disk, a mounted share) so a flood or a fire at the office loses nothing.
//! Each outcome is written beside the backups, for the admin screens and `/healthz`.

use super::rotasi::{AKHIRAN_CADANGAN, pangkas_cadangan};
use crate::{Galat, Store};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The outcome of one check, kept as a small JSON file in the backup folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hasil {
    pub waktu: DateTime<Utc>,
    pub berkas: String,
    pub berhasil: bool,
    pub pesan: String,
}

/// The weekly restore test's record.
pub const CATATAN_UJI: &str = ".balai-uji-pulih.json";
/// The off-site copy's record.
pub const CATATAN_SALINAN: &str = ".balai-salinan.json";
/// How often the newest backup is restored for a test.
pub const SELANG_UJI: Duration = Duration::days(7);

pub fn baca_hasil(folder: &Path, nama: &str) -> Option<Hasil> {
    let teks = std::fs::read_to_string(folder.join(nama)).ok()?;
    serde_json::from_str(&teks).ok()
}

fn tulis_hasil(folder: &Path, nama: &str, h: &Hasil) -> Result<(), Galat> {
    let teks = serde_json::to_string(h).map_err(|e| Galat::Lain(e.to_string()))?;
    std::fs::write(folder.join(nama), teks).map_err(|e| Galat::Lain(e.to_string()))
}

/// The newest backup file in `folder`.
pub fn cadangan_terbaru(folder: &Path) -> Option<PathBuf> {
    std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(AKHIRAN_CADANGAN))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .max_by_key(|e| e.file_name())
        .map(|e| e.path())
}

/// Whether the restore test is due: never done, or older than [`SELANG_UJI`].
pub fn uji_jatuh_tempo(folder: &Path, now: DateTime<Utc>) -> bool {
    baca_hasil(folder, CATATAN_UJI).is_none_or(|h| now - h.waktu >= SELANG_UJI)
}

/// Restores `berkas` into a fresh SQLite database in `folder` (deleted afterwards) and checks
/// its audit chains; the outcome is recorded in [`CATATAN_UJI`] and returned.
pub async fn uji_pulih(
    folder: &Path,
    berkas: &Path,
    sandi: Option<&str>,
    now: DateTime<Utc>,
) -> Hasil {
    let uji = folder.join(format!(".uji-pulih-{}.db", now.format("%Y%m%d%H%M%S")));
    let hasil = async {
        let s = Store::buka(&format!("sqlite://{}", uji.display())).await?;
        let r = s.pulihkan(berkas, sandi).await;
        let rusak = match &r {
            Ok(_) => s
                .verifikasi_audit()
                .await?
                .into_iter()
                .filter(|v| v.rusak_pada.is_some())
                .map(|v| v.desa_id)
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        };
        s.db.close().await;
        let r = r?;
        if !rusak.is_empty() {
            return Err(Galat::Lain(format!(
                "log audit hasil pemulihan rusak untuk desa {}",
                rusak.join(", ")
            )));
        }
        Ok::<_, Galat>(r)
    }
    .await;
    for akhir in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{akhir}", uji.display()));
    }
    let h = Hasil {
        waktu: now,
        berkas: nama(berkas),
        berhasil: hasil.is_ok(),
        pesan: match hasil {
            Ok(r) => format!(
                "{} baris dalam {} tabel terpulihkan",
                r.jumlah_baris,
                r.tabel.len()
            ),
            Err(e) => e.to_string(),
        },
    };
    if let Err(e) = tulis_hasil(folder, CATATAN_UJI, &h) {
        tracing::warn!(galat = %e, "hasil uji pulih tidak dapat dicatat");
    }
    h
}

fn nama(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Copies `berkas` into `tujuan` (through a temporary name, flushed, then renamed) and keeps the
/// newest `simpan` there; the outcome is recorded in [`CATATAN_SALINAN`] beside the backups.
pub fn salin(
    folder: &Path,
    berkas: &Path,
    tujuan: &Path,
    simpan: usize,
    now: DateTime<Utc>,
) -> Hasil {
    let hasil = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(tujuan)?;
        let n = nama(berkas);
        let sementara = tujuan.join(format!(".{n}.sementara"));
        std::fs::copy(berkas, &sementara)?;
        std::fs::File::open(&sementara)?.sync_all()?;
        std::fs::rename(&sementara, tujuan.join(&n))?;
        pangkas_cadangan(tujuan, simpan)?;
        Ok(())
    })();
    let h = Hasil {
        waktu: now,
        berkas: nama(berkas),
        berhasil: hasil.is_ok(),
        pesan: match hasil {
            Ok(()) => format!("disalin ke {}", tujuan.display()),
            Err(e) => format!("gagal disalin ke {}: {e}", tujuan.display()),
        },
    };
    if let Err(e) = tulis_hasil(folder, CATATAN_SALINAN, &h) {
        tracing::warn!(galat = %e, "hasil salinan cadangan tidak dapat dicatat");
    }
    h
}

/// What the admin must know about the checks, if anything: a failed restore test, a test
/// overdue by more than a day, a failed copy.
pub fn masalah(folder: &Path, now: DateTime<Utc>) -> Option<String> {
    match baca_hasil(folder, CATATAN_UJI) {
        Some(h) if !h.berhasil => {
            return Some(format!(
                "Uji pemulihan cadangan {} pada {} GAGAL: {}. Cadangan itu mungkin tidak dapat dipulihkan; periksa media penyimpanan dan catatan server.",
                h.berkas,
                h.waktu.format("%d-%m-%Y"),
                h.pesan
            ));
        }
        Some(h) if now - h.waktu > SELANG_UJI + Duration::days(1) => {
            return Some(format!(
                "Uji pemulihan cadangan terakhir {} hari yang lalu (seharusnya setiap minggu). Periksa catatan server.",
                (now - h.waktu).num_days()
            ));
        }
        _ => {}
    }
    if let Some(h) = baca_hasil(folder, CATATAN_SALINAN)
        && !h.berhasil
    {
        return Some(format!(
            "Salinan cadangan ke tempat kedua {}: pastikan flashdisk/diska tujuan terpasang dan dapat ditulis.",
            h.pesan
        ));
    }
    None
}
