//! Balai's storage: one API over SQLite (one village) and PostgreSQL (a district).
//!
//! Each module adds its own `impl Store` block and owns its queries.

pub mod adminduk;
pub mod anjungan;
pub mod aset;
pub mod audit;
pub mod bantuan;
pub use balai_domain::berkas;
pub mod buku;
pub mod cadangan;
pub mod db;
pub mod demo;
pub mod desa;
pub mod ekspor;
pub mod fuzz;
mod galat;
pub mod impor;
pub mod keluarga;
pub mod kesehatan;
pub mod keuangan;
pub mod kotak;
pub mod kuota;
pub mod latar;
pub mod latihan;
pub mod migrasi;
pub mod notifikasi;
pub mod opensid;
pub mod pembaruan;
pub mod pendidikan;
pub mod penduduk;
pub mod pengaduan;
pub mod pengguna;
pub mod penyiapan;
pub mod perangkat;
pub mod peraturan;
pub mod peta;
pub mod rumah_tangga;
pub mod sinkron;
pub mod situs;
pub mod statistik;
pub mod surat;
pub mod tebakan;
pub mod tugas;
pub mod warga;
pub mod wilayah;

pub use db::{Db, Tx};
pub use galat::Galat;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use std::sync::Arc;

/// Where "now" comes from: the system clock, or a fixed instant in tests.
#[derive(Clone)]
pub enum Jam {
    Sistem,
    Tetap(DateTime<Utc>),
}

/// Who performs a change, as written into the audit log ("pengguna:siti", "api:dukcapil", "sistem").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aktor(pub String);

impl Aktor {
    pub fn sistem() -> Self {
        Aktor("sistem".into())
    }
    pub fn pengguna(username: &str) -> Self {
        Aktor(format!("pengguna:{username}"))
    }
    pub fn api(nama: &str) -> Self {
        Aktor(format!("api:{nama}"))
    }
    /// A resident acting through the portal or kiosk (by record id, never by NIK or name).
    pub fn warga(penduduk_id: uuid::Uuid) -> Self {
        Aktor(format!("warga:{penduduk_id}"))
    }
}

#[derive(Clone)]
pub struct Store {
    pub db: Db,
    jam: Arc<Jam>,
    /// Rung when notifications are queued (see `notifikasi`).
    kurir: Arc<tokio::sync::Notify>,
    /// One signer at a time per letter-number counter in this process (see `terbitkan_surat`).
    penomor: Arc<std::sync::Mutex<std::collections::HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
    /// Encrypts the villages' private signing keys at rest (see `surat::kunci`).
    kunci_induk: Option<surat::kunci::KunciInduk>,
    /// A practice village's store (see `latihan`): its letters are marked as practice.
    latihan: bool,
}

impl Store {
    /// Connects, applies migrations and loads the region table if it is empty.
    pub async fn buka(url: &str) -> Result<Store, Galat> {
        let db = Db::connect(url).await?;
        migrasi::jalankan(&db).await?;
        let store = Store::antara(db);
        store.isi_wilayah_bila_kosong().await?;
        store.pasang_pemicu_sinkron().await?;
        store.lengkapi_situs().await?;
        Ok(store)
    }

    /// A store over `db` without the start-up steps of [`Store::buka`] (migrations, region
    /// table, sync triggers): `buka` runs them; a scratch database for upgrading an older
    /// backup (see `cadangan::pulih`) needs none.
    pub(crate) fn antara(db: Db) -> Store {
        Store {
            db,
            jam: Arc::new(Jam::Sistem),
            kurir: Arc::new(tokio::sync::Notify::new()),
            penomor: Arc::default(),
            kunci_induk: None,
            latihan: false,
        }
    }

    /// Same as `buka` but with a given clock (tests fix "now").
    /// Sets the install's master key (from a file outside the database): villages' private
    /// signing keys are then stored encrypted with it.
    pub fn dengan_kunci_induk(mut self, bita: &[u8; 32]) -> Store {
        self.kunci_induk = Some(surat::kunci::kunci_induk(bita));
        self
    }

    pub fn dengan_jam(mut self, jam: Jam) -> Store {
        self.jam = Arc::new(jam);
        self
    }

    /// Now, truncated to microseconds so it survives a PostgreSQL round trip unchanged.
    pub fn sekarang(&self) -> DateTime<Utc> {
        match &*self.jam {
            Jam::Sistem => Utc::now().trunc_subsecs(6),
            Jam::Tetap(t) => *t,
        }
    }

    /// Today's date in a village's time zone.
    pub fn hari_ini(&self, zona: balai_domain::ZonaWaktu) -> NaiveDate {
        self.sekarang().with_timezone(&zona.offset()).date_naive()
    }

    pub async fn migrasi(&self) -> Result<usize, Galat> {
        migrasi::jalankan(&self.db).await
    }
}

/// A new time-ordered id.
pub fn id_baru() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// The id of a thing known by a natural key (an RT by dusun/RW/RT, a family by its KK number):
/// the same on every node, so the same RT or family registered at the village and at the
/// district before they sync is one row, not two that collide.
pub fn id_alami(bagian: &[&str]) -> uuid::Uuid {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(bagian.join("\u{1f}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    uuid::Builder::from_custom_bytes(b).into_uuid()
}

impl Store {
    /// A cheap round trip to the database, for `/healthz`.
    pub async fn periksa_kesehatan(&self) -> Result<(), Galat> {
        let _: i32 = on_db!(&self.db, p => sqlx::query_scalar("SELECT 1").fetch_one(p).await)?;
        Ok(())
    }
}

impl Store {
    /// Refreshes the planner's statistics after a bulk change (import, demo), so searches use
    /// the right index from the first request instead of after the next automatic analysis.
    pub async fn perbarui_statistik_kueri(&self) -> Result<(), Galat> {
        match &self.db {
            Db::Sqlite(p) => {
                sqlx::query("PRAGMA analysis_limit = 2000")
                    .execute(p)
                    .await?;
                sqlx::query("ANALYZE").execute(p).await?;
            }
            Db::Postgres(p) => {
                sqlx::query("ANALYZE penduduk, keluarga, wilayah_rt, rumah_tangga")
                    .execute(p)
                    .await?;
            }
        }
        Ok(())
    }
}
