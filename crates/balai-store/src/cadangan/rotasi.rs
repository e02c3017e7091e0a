//! Naming of daily backups and removal of old ones (file system only).

use chrono::{DateTime, Utc};
use std::io;
use std::path::{Path, PathBuf};

/// File extension of backups.
pub const AKHIRAN_CADANGAN: &str = ".balai-backup";
const AWALAN: &str = "balai-";

/// `balai-20261123-101500.balai-backup` for 23 November 2026 10:15:00 UTC. Names sort in time
/// order.
pub fn nama_berkas_cadangan(waktu: DateTime<Utc>) -> String {
    format!(
        "{AWALAN}{}{AKHIRAN_CADANGAN}",
        waktu.format("%Y%m%d-%H%M%S")
    )
}

/// True for names made by [`nama_berkas_cadangan`] and nothing else.
fn nama_cadangan(nama: &str) -> bool {
    let Some(inti) = nama
        .strip_prefix(AWALAN)
        .and_then(|n| n.strip_suffix(AKHIRAN_CADANGAN))
    else {
        return false;
    };
    let b = inti.as_bytes();
    b.len() == 15
        && b[8] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 8 || c.is_ascii_digit())
}

/// Deletes the oldest backups in `dir` beyond the newest `simpan` (at least one is always
/// kept). Only files named like [`nama_berkas_cadangan`] are considered. Returns what was
/// deleted, oldest first.
pub fn pangkas_cadangan(dir: &Path, simpan: usize) -> io::Result<Vec<PathBuf>> {
    let mut nama: Vec<String> = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if !e.file_type()?.is_file() {
            continue;
        }
        if let Some(n) = e.file_name().to_str().filter(|n| nama_cadangan(n)) {
            nama.push(n.to_string());
        }
    }
    nama.sort();
    let buang = nama.len().saturating_sub(simpan.max(1));
    let mut dihapus = Vec::new();
    for n in nama.into_iter().take(buang) {
        let p = dir.join(n);
        std::fs::remove_file(&p)?;
        dihapus.push(p);
    }
    Ok(dihapus)
}

/// How long ago the newest backup in `folder` was written; `None` when there is none.
pub fn umur_cadangan_terbaru(folder: &std::path::Path) -> Option<std::time::Duration> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(AKHIRAN_CADANGAN))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .map(|t| t.elapsed().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanya_nama_cadangan_yang_dikenali() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T10:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            nama_berkas_cadangan(t),
            "balai-20261123-101500.balai-backup"
        );
        assert!(nama_cadangan("balai-20261123-101500.balai-backup"));
        assert!(!nama_cadangan(
            "balai-20261123-101500.balai-backup.sementara"
        ));
        assert!(!nama_cadangan(
            ".balai-20261123-101500.balai-backup.sementara"
        ));
        assert!(!nama_cadangan("balai-2026112-101500x.balai-backup"));
        assert!(!nama_cadangan("catatan.txt"));
    }
}
