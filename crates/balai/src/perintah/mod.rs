//! The subcommands.

pub mod audit;
pub mod cadangan;
pub mod demo;
mod demo_kesehatan;
mod demo_pendidikan;
mod demo_peraturan;
pub mod desa;
pub mod ekspor;
pub mod impor;
pub mod opensid;
pub mod pengguna;
pub mod serve;
pub mod sinkron;
pub mod token;

use crate::konfigurasi::Konfigurasi;
use crate::{Cli, Perintah};
use balai_store::{Galat, Store};
use std::process::ExitCode;

pub type Hasil = Result<ExitCode, String>;

/// Turns a store error into a message for the terminal, with field errors spelled out.
pub fn pesan(g: Galat) -> String {
    match g {
        Galat::Isian(d) => {
            d.0.iter()
                .map(|e| format!("{}: {}", e.kolom, e.pesan))
                .collect::<Vec<_>>()
                .join("\n")
        }
        g => g.to_string(),
    }
}

pub async fn buka(k: &Konfigurasi) -> Result<Store, String> {
    let store = Store::buka(&k.database).await.map_err(|e| {
        format!(
            "basis data {} tidak dapat dibuka: {}",
            sembunyikan_sandi(&k.database),
            pesan(e)
        )
    })?;
    // The villages' signing keys are kept encrypted with this install's master key file.
    let Some(berkas) = crate::kunci::jalur(k, &k.berkas_kunci_induk, crate::kunci::INDUK) else {
        return Ok(store);
    };
    let (induk, baru) = crate::kunci::baca_atau_buat(&berkas)?;
    if baru {
        tracing::warn!(berkas = %berkas.display(), "kunci induk dibuat: kunci tanda tangan desa disimpan terenkripsi dengannya");
    }
    let store = store.dengan_kunci_induk(&induk);
    store.bungkus_kunci_polos().await.map_err(pesan)?;
    Ok(store)
}

/// The database URL without its password, for messages.
pub fn sembunyikan_sandi(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(a), Some(b)) if b > a => {
            let kredensial = &url[a + 3..b];
            match kredensial.split_once(':') {
                Some((u, _)) => format!("{}{}:***{}", &url[..a + 3], u, &url[b..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub async fn jalankan(cli: Cli) -> Hasil {
    let k = Konfigurasi::muat(cli.config.as_deref(), cli.database.as_deref())?;
    crate::perintah::serve::pasang_log(&k);
    match cli.perintah {
        Perintah::Serve {
            listen,
            demo,
            demo_tanpa_keuangan,
        } => serve::serve(&k, listen, demo, demo_tanpa_keuangan).await,
        Perintah::Demo(a) => demo::demo(&k, a).await,
        Perintah::Migrate => {
            let store = buka(&k).await?;
            // Opening the store already applies pending migrations (and logs each one).
            store.migrasi().await.map_err(pesan)?;
            println!("Skema basis data mutakhir.");
            Ok(ExitCode::SUCCESS)
        }
        Perintah::Desa(p) => desa::desa(&k, p).await,
        Perintah::User(p) => pengguna::pengguna(&k, p).await,
        Perintah::Audit(p) => audit::audit(&k, p).await,
        Perintah::Import(a) => impor::impor(&k, a).await,
        Perintah::Export(a) => ekspor::ekspor(&k, a).await,
        Perintah::Backup(a) => cadangan::cadangkan(&k, a).await,
        Perintah::Restore(a) => cadangan::pulihkan(&k, a).await,
        Perintah::Sync(a) => sinkron::sinkron(&k, a).await,
        Perintah::Token(p) => token::token(&k, p).await,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn password_is_hidden_in_messages() {
        assert_eq!(
            super::sembunyikan_sandi("postgres://balai:rahasia@db:5432/balai"),
            "postgres://balai:***@db:5432/balai"
        );
        assert_eq!(
            super::sembunyikan_sandi("sqlite://balai.db"),
            "sqlite://balai.db"
        );
    }
}
