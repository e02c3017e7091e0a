//! Test support: a fresh, migrated database per test on every backend under test.
//!
//! Backends come from `BALAI_TEST_BACKENDS` (default `sqlite,postgres`). PostgreSQL needs
//! `BALAI_TEST_POSTGRES_URL` (an account that may create databases); `scripts/test.sh` sets both.
//! A backend that is asked for but not reachable fails the test. A backend left out of
//! `BALAI_TEST_BACKENDS` (a developer without PostgreSQL) makes that half of each test pass
//! without running and says so on stderr; `scripts/test.sh` always asks for both.

use balai_store::Store;
use sqlx::Connection;
use std::path::PathBuf;
use tokio::sync::OnceCell;

pub struct Backend {
    pub nama: &'static str,
    pub url: String,
}

static TEMPLATE_PG: OnceCell<String> = OnceCell::const_new();
static TEMPLATE_SQLITE: OnceCell<PathBuf> = OnceCell::const_new();

fn diminta() -> Vec<String> {
    std::env::var("BALAI_TEST_BACKENDS")
        .unwrap_or_else(|_| "sqlite,postgres".into())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn url_pg_admin() -> String {
    std::env::var("BALAI_TEST_POSTGRES_URL").expect(
        "BALAI_TEST_POSTGRES_URL belum diatur. Jalankan `scripts/test.sh`, atau set BALAI_TEST_BACKENDS=sqlite untuk hanya SQLite.",
    )
}

fn ganti_db(url: &str, db: &str) -> String {
    let (dasar, _) = url
        .rsplit_once('/')
        .expect("URL PostgreSQL berisi nama basis data");
    format!("{dasar}/{db}")
}

fn prefix() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
        .unwrap_or_default();
    let bersih: String = exe
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(20)
        .collect();
    format!("bt_{}", bersih.to_lowercase())
}

async fn template_pg() -> String {
    TEMPLATE_PG
        .get_or_init(|| async {
            let admin = url_pg_admin();
            let mut c = sqlx::PgConnection::connect(&admin)
                .await
                .expect("tidak dapat terhubung ke PostgreSQL uji");
            // Remove what earlier runs of this test binary left behind.
            let lama: Vec<String> =
                // `_` is a LIKE wildcard: escaped, `bt_bantuan_` does not match `bt_bantuanimpor_`.
                sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE $1 ESCAPE '\\'")
                    .bind(format!("{}\\_%", prefix().replace('_', "\\_")))
                    .fetch_all(&mut c)
                    .await
                    .expect("daftar basis data");
            for d in lama {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS \"{d}\" WITH (FORCE)"
                )))
                .execute(&mut c)
                .await;
            }
            let nama = format!("{}_tpl", prefix());
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{nama}\"")))
                .execute(&mut c)
                .await
                .expect("buat template");
            let store = Store::buka(&ganti_db(&admin, &nama))
                .await
                .expect("migrasi template");
            store.db.close().await;
            nama
        })
        .await
        .clone()
}

async fn template_sqlite() -> PathBuf {
    TEMPLATE_SQLITE
        .get_or_init(|| async {
            let dir = std::env::temp_dir().join(format!("{}_{}", prefix(), std::process::id()));
            std::fs::create_dir_all(&dir).expect("folder sementara");
            let path = dir.join("template.db");
            let store = Store::buka(&format!("sqlite://{}", path.display()))
                .await
                .expect("migrasi template");
            if let balai_store::Db::Sqlite(p) = &store.db {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(p)
                    .await
                    .expect("checkpoint");
            }
            store.db.close().await;
            path
        })
        .await
        .clone()
}

/// A fresh database URL per requested backend.
pub async fn backends() -> Vec<Backend> {
    backends_dari(&diminta()).await
}

async fn backends_dari(nama: &[String]) -> Vec<Backend> {
    let mut out = Vec::new();
    for b in nama {
        match b.as_str() {
            "sqlite" => {
                let tpl = template_sqlite().await;
                let path = tpl.with_file_name(format!("{}.db", uuid::Uuid::new_v4().simple()));
                std::fs::copy(&tpl, &path).expect("salin template");
                out.push(Backend {
                    nama: "sqlite",
                    url: format!("sqlite://{}", path.display()),
                });
            }
            "postgres" => {
                let tpl = template_pg().await;
                let admin = url_pg_admin();
                let nama = format!("{}_{}", prefix(), uuid::Uuid::new_v4().simple());
                let mut c = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("koneksi PostgreSQL");
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "CREATE DATABASE \"{nama}\" TEMPLATE \"{tpl}\""
                )))
                .execute(&mut c)
                .await
                .expect("buat basis data uji");
                out.push(Backend {
                    nama: "postgres",
                    url: ganti_db(&admin, &nama),
                });
            }
            lain => panic!("backend uji tidak dikenal: {lain}"),
        }
    }
    assert!(!out.is_empty(), "tidak ada backend uji");
    out
}

/// A fresh store per backend.
pub async fn stores() -> Vec<(&'static str, Store)> {
    let mut out = Vec::new();
    for b in backends().await {
        out.push((b.nama, Store::buka(&b.url).await.expect("buka store uji")));
    }
    out
}

/// A path for a file a test writes.
pub fn berkas_sementara(nama: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{}_{}_berkas", prefix(), std::process::id()));
    std::fs::create_dir_all(&dir).expect("folder sementara");
    dir.join(format!("{}_{nama}", uuid::Uuid::new_v4().simple()))
}

/// A test fixture kept in the repository (`crates/balai-testkit/data`, sources in `SUMBER.md`).
pub fn data_uji(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(rel)
}

/// Whether `BALAI_TEST_BACKENDS` asks for `nama` (both by default; `scripts/test.sh` always
/// asks for both, so CI never leaves one out).
pub fn diminta_backend(nama: &str) -> bool {
    let ya = diminta().iter().any(|d| d == nama);
    if !ya {
        eprintln!(
            "BALAI_TEST_BACKENDS tidak memuat {nama}: bagian {nama} uji ini tidak dijalankan"
        );
    }
    ya
}

/// A fresh, migrated database of one backend.
pub async fn backend(nama: &str) -> Backend {
    backends_dari(&[nama.to_string()]).await.remove(0)
}

/// An empty database of one backend, with no schema at all (upgrade tests build an older one).
pub async fn backend_kosong(nama: &str) -> Backend {
    match nama {
        "sqlite" => Backend {
            nama: "sqlite",
            url: format!("sqlite://{}", berkas_sementara("kosong.db").display()),
        },
        _ => {
            let admin = url_pg_admin();
            let db = format!("{}_{}", prefix(), uuid::Uuid::new_v4().simple());
            let mut c = sqlx::PgConnection::connect(&admin)
                .await
                .expect("koneksi PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{db}\"")))
                .execute(&mut c)
                .await
                .expect("buat basis data kosong");
            Backend {
                nama: "postgres",
                url: ganti_db(&admin, &db),
            }
        }
    }
}

/// A fresh store on one backend.
pub async fn store(nama: &str) -> Store {
    let b = backend(nama).await;
    Store::buka(&b.url).await.expect("buka store uji")
}

/// Turns `async fn NAME(backend: &'static str, s: Store)` into two tests, `NAME::sqlite` and
/// `NAME::postgres`, so each backend's result is reported on its own.
#[macro_export]
macro_rules! tiap_backend {
    ($($nama:ident),+ $(,)?) => {$(
        mod $nama {
            #[tokio::test]
            async fn sqlite() {
                if $crate::diminta_backend("sqlite") {
                    super::$nama("sqlite", $crate::store("sqlite").await).await
                }
            }
            #[tokio::test]
            async fn postgres() {
                if $crate::diminta_backend("postgres") {
                    super::$nama("postgres", $crate::store("postgres").await).await
                }
            }
        }
    )+};
}

/// As [`tiap_backend!`], for tests that take the database URL (`async fn NAME(b: Backend)`).
#[macro_export]
macro_rules! tiap_backend_url {
    ($($nama:ident),+ $(,)?) => {$(
        mod $nama {
            #[tokio::test]
            async fn sqlite() {
                if $crate::diminta_backend("sqlite") {
                    super::$nama($crate::backend("sqlite").await).await
                }
            }
            #[tokio::test]
            async fn postgres() {
                if $crate::diminta_backend("postgres") {
                    super::$nama($crate::backend("postgres").await).await
                }
            }
        }
    )+};
}

/// Field values of the test resident, overridden by `data_penduduk`'s arguments.
pub const BAWAAN_PENDUDUK: &[(&str, &str)] = &[
    ("nama", "WARGA UJI"),
    ("jenis_kelamin", "1"),
    ("tempat_lahir", "BATANG"),
    ("tanggal_lahir", "1980-01-01"),
    ("agama_id", "1"),
    ("pendidikan_kk_id", "5"),
    ("pekerjaan_id", "9"),
    ("status_kawin_id", "2"),
    ("shdk_id", "1"),
    ("no_kk", "3325081201100001"),
    ("dusun", "KRAJAN"),
    ("rw", "001"),
    ("rt", "002"),
];

/// A valid resident for a test, as the form would send it: the fields given, and for the
/// others the values of [`BAWAAN_PENDUDUK`]; checked against 2026-11-23.
pub fn data_penduduk(isian: &[(&str, &str)]) -> balai_domain::penduduk::DataPenduduk {
    let nilai = |k: &str| {
        isian
            .iter()
            .chain(BAWAAN_PENDUDUK)
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    let hari_ini = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("tanggal uji");
    balai_domain::penduduk::DataPenduduk::dari_isian(&nilai, hari_ini).expect("data penduduk uji")
}

/// Compares `teks` with the reviewed snapshot file `berkas`; with `BALAI_PERBARUI_SNAPSHOT=1`
/// the file is rewritten first, so the change shows as a diff to review.
pub fn cocok_snapshot(berkas: &std::path::Path, teks: &str) {
    if std::env::var("BALAI_PERBARUI_SNAPSHOT").is_ok_and(|v| v == "1") {
        std::fs::write(berkas, teks).expect("tulis snapshot");
    }
    let lama = std::fs::read_to_string(berkas).unwrap_or_default();
    assert!(
        lama == teks,
        "{} changed; review it after running with BALAI_PERBARUI_SNAPSHOT=1",
        berkas.display()
    );
}

/// A real PNG of one colour, as the image pipeline writes it: uploading it gives back the same
/// bytes after the re-encoding (RGBA, default PNG settings).
pub fn png(lebar: u32, tinggi: u32, rgba: [u8; 4]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(lebar, tinggi, image::Rgba(rgba))
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG");
    out.into_inner()
}

/// A JPEG photo carrying an EXIF segment with a GPS position, as a phone camera writes one.
pub fn jpeg_dengan_gps() -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode_image(&image::RgbImage::from_pixel(
            40,
            30,
            image::Rgb([90, 140, 60]),
        ))
        .expect("JPEG");
    let exif = b"Exif\0\0GPSLatitude -6.9 GPSLongitude 109.7";
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((exif.len() + 2) as u16).to_be_bytes());
    out.extend(exif);
    out.extend(&jpeg[2..]);
    out
}
