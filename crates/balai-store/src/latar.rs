//! CPU-heavy work off the async workers, a bounded number at a time, so one large export or a
//! burst of logins cannot stall every other request.

use crate::Galat;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

fn inti() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

async fn di_utas<T: Send + 'static>(
    antre: &'static OnceLock<Semaphore>,
    izin: fn() -> usize,
    f: impl FnOnce() -> Result<T, Galat> + Send + 'static,
) -> Result<T, Galat> {
    let _izin = antre
        .get_or_init(|| Semaphore::new(izin()))
        .acquire()
        .await
        .map_err(|e| Galat::Lain(e.to_string()))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Galat::Lain(format!("Pekerjaan latar terhenti: {e}")))?
}

/// Reports, books, spreadsheets and backups: one core is always left for pages (at most
/// cores − 1 at once, at least one).
pub async fn berat<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Galat> + Send + 'static,
) -> Result<T, Galat> {
    static ANTRE: OnceLock<Semaphore> = OnceLock::new();
    di_utas(&ANTRE, || inti().saturating_sub(1).max(1), f).await
}

/// Password and PIN hashing (argon2, 19 MiB each): a few at a time, so a burst of logins
/// neither stalls requests nor exhausts a small server's memory.
pub async fn sandi<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Galat> + Send + 'static,
) -> Result<T, Galat> {
    static ANTRE: OnceLock<Semaphore> = OnceLock::new();
    di_utas(&ANTRE, || inti() * 2, f).await
}

/// Async work that itself does heavy CPU work between its awaits (a backup compresses and
/// encrypts as it reads): run on a blocking thread, counted as [`berat`].
pub async fn berat_async<T, F>(f: F) -> Result<T, Galat>
where
    T: Send + 'static,
    F: std::future::Future<Output = Result<T, Galat>> + Send + 'static,
{
    let rt = tokio::runtime::Handle::current();
    berat(move || rt.block_on(f)).await
}

/// Hashes a new password or PIN with argon2 off the async workers.
pub async fn hash_sandi(sandi_baru: &str) -> Result<String, Galat> {
    let s = sandi_baru.to_string();
    sandi(move || crate::pengguna::hash_sandi(&s)).await
}

/// Checks a password or PIN against its argon2 hash off the async workers.
pub async fn cocok_sandi(coba: &str, hash: &str) -> bool {
    let (c, h) = (coba.to_string(), hash.to_string());
    sandi(move || Ok(crate::pengguna::cocok_sandi(&c, &h)))
        .await
        .unwrap_or(false)
}
