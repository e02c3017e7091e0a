//! Settings from defaults, then `balai.toml`, then `BALAI_*` environment variables, then flags.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Konfigurasi {
    /// `sqlite://balai.db` or `postgres://…`.
    pub database: String,
    pub listen: String,
    /// Mark the session cookie `Secure` (set when served behind HTTPS).
    pub cookie_aman: bool,
    /// Served behind a reverse proxy that sets `X-Forwarded-For` (nginx, Caddy).
    pub proxy_tepercaya: bool,
    /// Public address of this install ("https://donorejo.desa.id"), printed in letters' QR codes.
    /// Empty: the address each request came to.
    pub url_publik: String,
    /// Letter verifications (QR page and API) allowed per client address per minute; 0: no limit.
    pub batas_verifikasi_per_menit: u32,
    /// API calls allowed per token per minute (agencies' systems); 0: no limit.
    pub batas_api_per_menit: u32,
    /// Minutes a staff session may sit unused before it ends (a counter PC left logged in).
    pub sesi_diam_menit: u32,
    /// Seconds a client may take to send a request's head before the connection is closed.
    pub batas_kepala_detik: u32,
    /// Log format: "teks" or "json".
    pub log: String,
    pub cadangan: KonfigurasiCadangan,
    /// On a village node: minutes between background syncs with the district (0: only by hand).
    pub sinkron_menit: u32,
    /// The master key file that encrypts the villages' signing keys in the database; empty:
    /// `kunci-induk` beside the SQLite database or this configuration file (see `kunci.rs`).
    pub berkas_kunci_induk: String,
    /// Folder of the practice villages (mode latihan), one SQLite file each; empty: `latihan/`
    /// beside the SQLite database or this configuration file (none on PostgreSQL without one).
    pub latihan_folder: String,
    /// The configuration file in use, if any (not a setting).
    #[serde(skip)]
    pub berkas_konfigurasi: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KonfigurasiCadangan {
    /// Folder for daily backups; empty = no automatic backups.
    pub folder: String,
    /// How many daily backups to keep.
    pub simpan: usize,
    /// Environment variable holding the backup passphrase; empty: the key file below.
    pub sandi_env: String,
    /// Key file that encrypts backups when no passphrase is set; empty: `kunci-cadangan` beside
    /// the SQLite database or this configuration file. Keep a copy away from this computer.
    pub berkas_kunci: String,
    /// A second place each daily backup is copied to (a USB disk, a mounted share); empty: none.
    pub salinan_folder: String,
}

impl Default for Konfigurasi {
    fn default() -> Self {
        Konfigurasi {
            database: "sqlite://balai.db".into(),
            listen: "127.0.0.1:8080".into(),
            cookie_aman: false,
            proxy_tepercaya: false,
            url_publik: String::new(),
            batas_verifikasi_per_menit: 120,
            batas_api_per_menit: 120,
            sesi_diam_menit: 60,
            batas_kepala_detik: 30,
            log: "teks".into(),
            sinkron_menit: 15,
            berkas_kunci_induk: String::new(),
            latihan_folder: String::new(),
            berkas_konfigurasi: None,
            cadangan: KonfigurasiCadangan {
                folder: String::new(),
                simpan: 14,
                sandi_env: String::new(),
                berkas_kunci: String::new(),
                salinan_folder: String::new(),
            },
        }
    }
}

impl Konfigurasi {
    pub fn muat(berkas: Option<&Path>, database: Option<&str>) -> Result<Konfigurasi, String> {
        let berkas: PathBuf = berkas
            .map(Path::to_path_buf)
            .unwrap_or_else(|| "balai.toml".into());
        let mut f = Figment::from(Serialized::defaults(Konfigurasi::default()));
        if berkas.exists() {
            f = f.merge(Toml::file(&berkas));
        } else if berkas != Path::new("balai.toml") {
            return Err(format!(
                "berkas konfigurasi {} tidak ditemukan",
                berkas.display()
            ));
        }
        f = f.merge(Env::prefixed("BALAI_").split("__"));
        if let Some(d) = database {
            f = f.merge(Serialized::default("database", d));
        }
        let mut k: Konfigurasi = f
            .extract()
            .map_err(|e| format!("konfigurasi tidak sah: {e}"))?;
        k.berkas_konfigurasi = berkas.exists().then_some(berkas);
        Ok(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)] // figment's test jail returns its own error type
    fn flag_beats_env_beats_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "balai.toml",
                "database = \"sqlite://dari-berkas.db\"\nlisten = \"0.0.0.0:9000\"",
            )?;
            let k = Konfigurasi::muat(None, None).map_err(|e| e.to_string())?;
            assert_eq!(k.database, "sqlite://dari-berkas.db");
            assert_eq!(k.listen, "0.0.0.0:9000");
            jail.set_env("BALAI_DATABASE", "postgres://x@localhost/y");
            jail.set_env("BALAI_CADANGAN__SIMPAN", "3");
            let k = Konfigurasi::muat(None, None).map_err(|e| e.to_string())?;
            assert_eq!(k.database, "postgres://x@localhost/y");
            assert_eq!(k.cadangan.simpan, 3);
            let k = Konfigurasi::muat(None, Some("sqlite://flag.db")).map_err(|e| e.to_string())?;
            assert_eq!(k.database, "sqlite://flag.db");
            Ok(())
        });
    }
}
