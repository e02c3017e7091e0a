//! This install's key files, kept outside the database and made on first use, owner-only:
//! `kunci-induk` encrypts the villages' private signing keys in the database, and
//! `kunci-cadangan` encrypts the backups when no passphrase is configured. The backup key must
//! also be kept away from this computer (a USB stick in the office safe, a printout): after a
//! flood or a fire, the backups open only with it.

use crate::konfigurasi::Konfigurasi;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use std::path::{Path, PathBuf};

pub const INDUK: &str = "kunci-induk";
pub const CADANGAN: &str = "kunci-cadangan";

/// Where a key file lives: as configured; else beside the SQLite database; else beside the
/// configuration file. `None` (PostgreSQL without a configuration file): no place that is
/// clearly this install's.
pub fn jalur(k: &Konfigurasi, diatur: &str, nama: &str) -> Option<PathBuf> {
    if !diatur.is_empty() {
        return Some(PathBuf::from(diatur));
    }
    if let Some(db) = k
        .database
        .strip_prefix("sqlite://")
        .or_else(|| k.database.strip_prefix("sqlite:"))
    {
        let dir = Path::new(db).parent().unwrap_or(Path::new(""));
        return Some(dir.join(nama));
    }
    k.berkas_konfigurasi
        .as_ref()
        .map(|b| b.parent().unwrap_or(Path::new("")).join(nama))
}

/// The key in `berkas`: 32 bytes as base64url text on one line.
pub fn baca(berkas: &Path) -> Result<[u8; 32], String> {
    let teks = std::fs::read_to_string(berkas)
        .map_err(|e| format!("berkas kunci {} tidak dapat dibaca: {e}", berkas.display()))?;
    B64.decode(teks.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .ok_or_else(|| {
            format!(
                "berkas kunci {} rusak (isinya harus satu baris kunci dari Balai)",
                berkas.display()
            )
        })
}

/// The key in `berkas`, made when missing; `true` when it was just made.
pub fn baca_atau_buat(berkas: &Path) -> Result<([u8; 32], bool), String> {
    if berkas.exists() {
        return baca(berkas).map(|k| (k, false));
    }
    let mut kunci = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut kunci);
    let mut buka = std::fs::OpenOptions::new();
    buka.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut buka, 0o600);
    let mut f = buka
        .open(berkas)
        .map_err(|e| format!("berkas kunci {} tidak dapat dibuat: {e}", berkas.display()))?;
    std::io::Write::write_all(&mut f, format!("{}\n", B64.encode(kunci)).as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("berkas kunci {} tidak dapat ditulis: {e}", berkas.display()))?;
    Ok((kunci, true))
}

/// The backup passphrase made from a key file (the text itself; the backup derives its key
/// from it with argon2 like any passphrase).
pub fn sandi_dari(kunci: &[u8; 32]) -> String {
    B64.encode(kunci)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kunci_dibuat_sekali_hanya_untuk_pemilik() {
        let dir = std::env::temp_dir().join(format!("balai-kunci-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let b = dir.join(INDUK);
        let _ = std::fs::remove_file(&b);
        let (k1, baru) = baca_atau_buat(&b).unwrap();
        assert!(baru);
        let (k2, baru) = baca_atau_buat(&b).unwrap();
        assert!(!baru);
        assert_eq!(k1, k2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&b).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&b, "bukan kunci").unwrap();
        assert!(baca(&b).unwrap_err().contains("rusak"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn jalur_di_samping_basis_data_sqlite() {
        let k = Konfigurasi {
            database: "sqlite:///var/lib/balai/balai.db".into(),
            ..Default::default()
        };
        assert_eq!(
            jalur(&k, "", INDUK),
            Some(PathBuf::from("/var/lib/balai/kunci-induk"))
        );
        assert_eq!(
            jalur(&k, "/etc/balai/k", INDUK),
            Some(PathBuf::from("/etc/balai/k"))
        );
        let pg = Konfigurasi {
            database: "postgres://x@localhost/y".into(),
            ..Default::default()
        };
        assert_eq!(jalur(&pg, "", INDUK), None);
    }
}
