//! The practice villages (mode latihan). Each village may have one, in its own SQLite file
//! `{folder}/{kode}.db` beside the real database (on PostgreSQL installs too), filled with demo
//! data. It is served by an app of its own, built like the real one but marked as practice: a
//! banner on every page, "LATIHAN — TIDAK SAH" across every PDF, no API, no sync, nothing sent
//! out. Staff enter it from the real app with their own account; while the browser holds the
//! practice cookies, [`arahkan`] hands its requests to the practice app. A reset builds a new
//! file and swaps it in, so a reset can never touch the real database. See
//! `docs/adr/0005-desa-latihan.md`.

use crate::{Bersama, Setelan, pencetak::Pencetak, sesi};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use balai_store::Store;
use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// The practice session's cookie (the real session keeps `balai_sesi`).
pub const COOKIE_SESI: &str = "balai_latihan";
/// Which village's practice app the browser is in.
pub const COOKIE_DESA: &str = "balai_latihan_desa";

/// Fills a new practice village with demo data: given the new (empty, migrated) store and the
/// village code. The binary passes the same filler as `balai demo`.
/// The filling of one practice village, running.
pub type Pengisian = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

#[derive(Clone)]
pub struct Pengisi(pub Arc<dyn Fn(Store, String) -> Pengisian + Send + Sync>);

impl std::fmt::Debug for Pengisi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pengisi")
    }
}

/// A practice village's settings, kept beside its file (`{kode}.json`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Catatan {
    /// Reset every night (after 01.00 in the village's time zone).
    #[serde(default)]
    pub malam: bool,
    /// When its data was last made.
    pub dibuat: Option<chrono::DateTime<chrono::Utc>>,
}

struct Terbuka {
    store: Store,
    app: Router,
    /// When it last served a request (Unix seconds): idle ones are closed.
    terakhir: std::sync::atomic::AtomicI64,
}

impl Terbuka {
    fn sentuh(&self) {
        self.terakhir.store(
            chrono::Utc::now().timestamp(),
            std::sync::atomic::Ordering::Relaxed,
        );
    }
}

/// Every practice village of this install, opened on first use.
pub struct Latihan {
    folder: PathBuf,
    pengisi: Pengisi,
    setelan: Setelan,
    pencetak: Pencetak,
    mesin: OnceLock<Arc<balai_pdf::Mesin>>,
    terbuka: tokio::sync::RwLock<HashMap<String, Arc<Terbuka>>>,
    /// One village made or reset at a time (each takes seconds and a lot of writes).
    membuat: tokio::sync::Mutex<()>,
}

impl Latihan {
    pub fn baru(
        folder: PathBuf,
        pengisi: Pengisi,
        setelan: &Setelan,
        pencetak: &Pencetak,
    ) -> Latihan {
        let setelan = Setelan {
            kode_penyiapan: None,
            cadangan_folder: String::new(),
            cadangan_galat: None,
            latihan_folder: None,
            pengisi_latihan: None,
            ..setelan.clone()
        };
        Latihan {
            folder,
            pengisi,
            setelan,
            pencetak: pencetak.dengan_tanda_air(balai_domain::latihan::TANDA_AIR),
            mesin: OnceLock::new(),
            terbuka: tokio::sync::RwLock::default(),
            membuat: tokio::sync::Mutex::new(()),
        }
    }

    fn berkas(&self, kode: &str) -> PathBuf {
        self.folder.join(format!("{kode}.db"))
    }

    fn url(berkas: &Path) -> String {
        format!("sqlite://{}", berkas.display())
    }

    /// The village's settings (defaults when it has none yet).
    pub fn catatan(&self, kode: &str) -> Catatan {
        std::fs::read(self.folder.join(format!("{kode}.json")))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn simpan_catatan(&self, kode: &str, c: &Catatan) -> Result<(), String> {
        let jalur = self.folder.join(format!("{kode}.json"));
        let sementara = self.folder.join(format!("{kode}.json.baru"));
        let isi = serde_json::to_vec_pretty(c).map_err(|e| e.to_string())?;
        std::fs::write(&sementara, isi)
            .and_then(|()| std::fs::rename(&sementara, &jalur))
            .map_err(|e| format!("{}: {e}", jalur.display()))
    }

    pub async fn atur_malam(&self, kode: &str, malam: bool) -> Result<(), String> {
        // Not while a reset writes the same settings file.
        let _giliran = self.membuat.lock().await;
        let mut c = self.catatan(kode);
        c.malam = malam;
        std::fs::create_dir_all(&self.folder).map_err(|e| e.to_string())?;
        self.simpan_catatan(kode, &c)
    }

    /// The practice village's name when `token` is one of its letters (the public
    /// verification page refuses it as practice); `None` when no such letter exists.
    pub async fn surat_latihan(&self, token: &str) -> Option<String> {
        let kode = balai_store::latihan::desa_token_latihan(token)?;
        let t = self.app(kode).await?;
        match t.store.verifikasi_surat(token, None, None).await {
            Ok(h) => h.map(|h| h.desa_nama),
            Err(e) => {
                tracing::warn!(galat = %e, "surat latihan tidak dapat diperiksa");
                None
            }
        }
    }

    /// Whether the village's practice file exists.
    pub fn ada(&self, kode: &str) -> bool {
        self.berkas(kode).exists()
    }

    /// The practice app of `kode`, if its file exists (opened now if needed).
    async fn app(&self, kode: &str) -> Option<Arc<Terbuka>> {
        if let Some(t) = self.terbuka.read().await.get(kode) {
            return Some(t.clone());
        }
        if !self.ada(kode) {
            return None;
        }
        let _giliran = self.membuat.lock().await;
        if let Some(t) = self.terbuka.read().await.get(kode) {
            return Some(t.clone());
        }
        match self.buka(kode, &self.berkas(kode)).await {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(galat = %e, "desa latihan tidak dapat dibuka");
                None
            }
        }
    }

    async fn buka(&self, kode: &str, berkas: &Path) -> Result<Arc<Terbuka>, String> {
        let store = Store::buka(&Self::url(berkas))
            .await
            .map_err(|e| e.to_string())?
            .sebagai_latihan();
        let t = Arc::new(Terbuka {
            app: self.rakit(kode, store.clone()),
            store,
            terakhir: chrono::Utc::now().timestamp().into(),
        });
        self.terbuka
            .write()
            .await
            .insert(kode.to_string(), t.clone());
        Ok(t)
    }

    fn rakit(&self, kode: &str, store: Store) -> Router {
        let mesin = self
            .mesin
            .get_or_init(|| {
                Arc::new(
                    balai_pdf::Mesin::baru().dengan_tanda_air(balai_domain::latihan::TANDA_AIR),
                )
            })
            .clone();
        let k = crate::keadaan(
            store,
            &self.setelan,
            mesin,
            self.pencetak.clone(),
            crate::Mode::Latihan(kode.to_string()),
            None,
        );
        crate::rakit(k, &self.setelan)
    }

    /// The store of `kode`'s practice village, made and filled when it has none yet.
    pub async fn store(&self, kode: &str) -> Result<Store, String> {
        if let Some(t) = self.app(kode).await {
            return Ok(t.store.clone());
        }
        let _giliran = self.membuat.lock().await;
        // Someone entering at the same moment may have made it meanwhile.
        if let Some(t) = self.terbuka.read().await.get(kode) {
            return Ok(t.store.clone());
        }
        self.bangun(kode).await
    }

    /// Makes the practice village of `kode` anew: a new file filled with demo data, swapped in
    /// for the old one. Everyone practising in it starts again.
    pub async fn atur_ulang(&self, kode: &str) -> Result<Store, String> {
        let _giliran = self.membuat.lock().await;
        self.bangun(kode).await
    }

    /// [`Latihan::atur_ulang`] for a caller holding `membuat`.
    async fn bangun(&self, kode: &str) -> Result<Store, String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|e| format!("folder {} tidak dapat dibuat: {e}", self.folder.display()))?;
        let baru = self.folder.join(format!("{kode}.baru.db"));
        hapus_sqlite(&baru);
        let store = Store::buka(&Self::url(&baru))
            .await
            .map_err(|e| e.to_string())?
            .sebagai_latihan();
        let isi = (self.pengisi.0)(store.clone(), kode.to_string()).await;
        store.db.close().await;
        if let Err(e) = isi {
            hapus_sqlite(&baru);
            return Err(e);
        }
        // The map is not held while the old pool closes (other villages keep being served).
        let lama = self.terbuka.write().await.remove(kode);
        if let Some(lama) = lama {
            lama.store.db.close().await;
        }
        let berkas = self.berkas(kode);
        hapus_sqlite(&berkas);
        std::fs::rename(&baru, &berkas).map_err(|e| e.to_string())?;
        let mut c = self.catatan(kode);
        c.dibuat = Some(chrono::Utc::now());
        self.simpan_catatan(kode, &c)?;
        let t = self.buka(kode, &berkas).await?;
        tracing::info!(desa = kode, "desa latihan dibuat ulang");
        Ok(t.store.clone())
    }

    /// Closes the practice villages no one used for `diam` (their file stays; the next request
    /// opens it again), so a district server does not keep hundreds of pools open.
    pub async fn tutup_yang_diam(&self, diam: std::time::Duration) -> usize {
        let batas =
            chrono::Utc::now().timestamp() - i64::try_from(diam.as_secs()).unwrap_or(i64::MAX);
        let tutup: Vec<Arc<Terbuka>> = {
            let mut peta = self.terbuka.write().await;
            let kode: Vec<String> = peta
                .iter()
                .filter(|(_, t)| t.terakhir.load(std::sync::atomic::Ordering::Relaxed) <= batas)
                .map(|(k, _)| k.clone())
                .collect();
            kode.iter().filter_map(|k| peta.remove(k)).collect()
        };
        for t in &tutup {
            t.store.db.close().await;
        }
        tutup.len()
    }

    /// Resets every practice village set to be reset nightly whose data was made before
    /// today's 01.00 in the village's time zone.
    pub async fn atur_ulang_malam(&self) {
        let Ok(isi) = std::fs::read_dir(&self.folder) else {
            return;
        };
        let kode: Vec<String> = isi
            .filter_map(Result::ok)
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().to_string();
                n.strip_suffix(".json").map(str::to_string)
            })
            .filter(|k| k.len() == 10 && k.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        for k in kode {
            if self.ada(&k)
                && waktunya_atur_ulang(&self.catatan(&k), &k, chrono::Utc::now())
                && let Err(e) = self.atur_ulang(&k).await
            {
                tracing::error!(galat = %e, desa = k, "atur ulang malam desa latihan gagal");
            }
        }
    }
}

/// Whether a practice village set to be reset nightly is due: past 01.00 in the village's
/// time zone, and its data made before that.
fn waktunya_atur_ulang(c: &Catatan, kode: &str, sekarang: chrono::DateTime<chrono::Utc>) -> bool {
    if !c.malam {
        return false;
    }
    let zona = balai_domain::ZonaWaktu::dari_provinsi(kode.get(..2).unwrap_or("")).offset();
    let lokal = sekarang.with_timezone(&zona);
    let Some(batas) = lokal
        .date_naive()
        .and_hms_opt(1, 0, 0)
        .and_then(|t| t.and_local_timezone(zona).single())
    else {
        return false;
    };
    lokal >= batas && c.dibuat.is_none_or(|d| d < batas)
}

/// Removes a SQLite file with its journal files.
fn hapus_sqlite(berkas: &Path) {
    for akhir in ["", "-wal", "-shm"] {
        let mut p = berkas.as_os_str().to_owned();
        p.push(akhir);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cookies that put a browser into `kode`'s practice village.
pub fn cookie_masuk(kode: &str, token: &str, aman: bool) -> [String; 2] {
    let umur = 8 * 3600;
    let s = if aman { "; Secure" } else { "" };
    [
        format!("{COOKIE_SESI}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={umur}{s}"),
        format!("{COOKIE_DESA}={kode}; Path=/; HttpOnly; SameSite=Lax; Max-Age={umur}{s}"),
    ]
}

/// The cookies that take a browser back to the real village.
pub fn cookie_keluar() -> [String; 2] {
    [
        format!("{COOKIE_SESI}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        format!("{COOKIE_DESA}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    ]
}

/// Leaves practice mode and goes to the real village's practice page.
pub fn ke_desa_asli(kode: &str, ok: &str) -> Response {
    let [a, b] = cookie_keluar();
    (
        axum::response::AppendHeaders([(header::SET_COOKIE, a), (header::SET_COOKIE, b)]),
        Redirect::to(&format!("/desa/{kode}/latihan?ok={ok}")),
    )
        .into_response()
}

/// Paths always served by the real app: the public verification of letters (which knows the
/// practice tokens and refuses them), health checks, and the assets.
fn selalu_asli(path: &str) -> bool {
    path.starts_with("/v/") || path == "/healthz" || path.starts_with("/kunci/")
}

/// The real app's first step: a browser in practice mode is served by its practice app.
pub async fn arahkan(State(k): State<Bersama>, req: Request, next: Next) -> Response {
    let Some(latihan) = k.latihan.clone() else {
        return next.run(req).await;
    };
    let headers = req.headers();
    let kode = sesi::cookie_dari(headers, COOKIE_DESA)
        .filter(|c| c.len() == 10 && c.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string);
    let (Some(kode), Some(token_latihan)) = (kode, sesi::cookie_dari(headers, COOKIE_SESI)) else {
        return next.run(req).await;
    };
    let token_latihan = token_latihan.to_string();
    if selalu_asli(req.uri().path()) {
        return next.run(req).await;
    }
    // Practice rides on the real session: it ends when that one ends (logged out, idle, the
    // account disabled) or belongs to someone who may not see this village.
    let asli = match sesi::cookie_dari(req.headers(), sesi::COOKIE) {
        Some(token) => k.store.sesi(token, k.sesi_diam).await,
        None => Ok(None),
    };
    let pengguna = match asli {
        Ok(Some((p, _))) if p.boleh_lihat_desa(&kode) => p,
        Ok(_) => return ke_desa_asli(&kode, "latihan_habis"),
        Err(e) => return crate::GalatWeb::from(e).into_response(),
    };
    let Some(t) = latihan.app(&kode).await else {
        // Reset or removed meanwhile: back to the real village.
        return ke_desa_asli(&kode, "latihan_habis");
    };
    t.sentuh();
    // The practice session must be this person's own, made when they entered.
    match t.store.sesi(&token_latihan, k.sesi_diam).await {
        Ok(Some((p, _))) if p.id == pengguna.id => {}
        Ok(_) => return ke_desa_asli(&kode, "latihan_habis"),
        Err(e) => return crate::GalatWeb::from(e).into_response(),
    }
    let (mut bagian, badan) = req.into_parts();
    // The banner is added to the HTML below, which must not be compressed yet.
    bagian.headers.remove(header::ACCEPT_ENCODING);
    let jawab = match t
        .app
        .clone()
        .oneshot(Request::from_parts(bagian, badan))
        .await
    {
        Ok(j) => j,
        Err(e) => match e {},
    };
    // The practice session ended (idle, or the village was reset): back to the real one.
    if jawab.status().is_redirection()
        && jawab
            .headers()
            .get(header::LOCATION)
            .is_some_and(|l| l.as_bytes() == b"/masuk")
    {
        return ke_desa_asli(&kode, "latihan_habis");
    }
    let mut jawab = pasang_pita(jawab).await;
    // Nothing from a practice village is kept by a cache (it shares the real one's addresses).
    jawab
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    jawab
}

/// The banner at the top of every practice page.
const PITA: &str = "<div class=\"pita-latihan\" role=\"note\" id=\"pita-latihan\"><strong>LATIHAN</strong> — Anda berada di desa latihan. Datanya contoh, bukan data asli desa; surat dan dokumen dari sini tidak sah. <a href=\"/latihan\">Tugas latihan dan keluar dari latihan</a></div>";

/// Puts the banner right after `<body …>` of an HTML page.
async fn pasang_pita(jawab: Response) -> Response {
    let html = jawab
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return jawab;
    }
    let (mut bagian, badan) = jawab.into_parts();
    let Ok(isi) = axum::body::to_bytes(badan, 32 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Halaman terlalu besar.").into_response();
    };
    let teks = String::from_utf8_lossy(&isi);
    let baru = match teks
        .find("<body")
        .and_then(|i| teks[i..].find('>').map(|j| i + j + 1))
    {
        Some(i) => format!("{}{PITA}{}", &teks[..i], &teks[i..]),
        None => format!("{PITA}{teks}"),
    };
    bagian.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(bagian, Body::from(baru))
}

/// What a practice village never does: serve the API (agencies, the district's sync, tokens),
/// sync, or send a message out. Refused before any handler, in the practice app only.
pub async fn tolak(State(k): State<Bersama>, req: Request, next: Next) -> Response {
    if k.desa_latihan().is_none() {
        return next.run(req).await;
    }
    let path = req.uri().path();
    if path.starts_with("/api/") {
        return crate::api::Masalah::new(StatusCode::FORBIDDEN, PESAN_API).into_response();
    }
    let bagian: Vec<&str> = path.split('/').collect();
    let tertutup = path == "/jaringan"
        || matches!(
            bagian.as_slice(),
            ["", "desa", _, "sinkron", ..]
                | ["", "desa", _, "token", ..]
                | ["", "desa", _, "notifikasi", "kanal", _, "uji"]
                | ["", "desa", _, "notifikasi", "telegram"]
        );
    if tertutup {
        return crate::GalatWeb::Store(balai_store::Galat::Ditolak(PESAN_TUTUP.into()))
            .into_response();
    }
    next.run(req).await
}

const PESAN_API: &str = "Desa latihan tidak melayani API maupun sinkron: datanya contoh dan tidak pernah dikirim ke kabupaten, Dukcapil atau OPD. Keluar dari latihan untuk memakai API desa yang sebenarnya.";
const PESAN_TUTUP: &str = "Di desa latihan tidak ada sinkron ke kabupaten, token API, maupun pesan yang dikirim keluar. Keluar dari latihan untuk mengatur hal ini di desa yang sebenarnya.";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn atur_ulang_malam_sekali_setelah_pukul_satu_waktu_desa() {
        let utc = |h, m| chrono::Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0).unwrap();
        let kemarin = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 3, 0, 0).unwrap();
        let c = Catatan {
            malam: true,
            dibuat: Some(kemarin),
        };
        // Batang (WIB, UTC+7): 01.00 WIB is 18.00 UTC the day before.
        assert!(waktunya_atur_ulang(&c, "3325082004", utc(0, 30)));
        // Made after tonight's 01.00: not again until tomorrow night.
        let baru = Catatan {
            dibuat: Some(utc(0, 30)),
            ..c.clone()
        };
        assert!(!waktunya_atur_ulang(&baru, "3325082004", utc(10, 0)));
        // Off: never.
        let mati = Catatan {
            malam: false,
            ..c.clone()
        };
        assert!(!waktunya_atur_ulang(&mati, "3325082004", utc(10, 0)));
        // Papua (WIT, UTC+9): 00.30 WIT (15.30 UTC) is before its 01.00.
        let papua = Catatan {
            malam: true,
            dibuat: Some(
                chrono::Utc
                    .with_ymd_and_hms(2026, 12, 6, 16, 30, 0)
                    .unwrap(),
            ),
        };
        assert!(!waktunya_atur_ulang(&papua, "9171012001", utc(15, 30)));
        assert!(waktunya_atur_ulang(&papua, "9171012001", utc(16, 30)));
    }

    #[tokio::test]
    async fn desa_latihan_yang_diam_ditutup_lalu_dibuka_lagi() {
        let folder = std::env::temp_dir().join(format!("balai-latihan-{}", uuid::Uuid::new_v4()));
        let dibuat = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let hitung = dibuat.clone();
        let pengisi = Pengisi(Arc::new(move |_s: Store, _k: String| {
            hitung.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Box::pin(async { Ok(()) })
        }));
        let mesin = Arc::new(balai_pdf::Mesin::baru());
        let l = Latihan::baru(
            folder.clone(),
            pengisi,
            &Setelan::default(),
            &Pencetak::baru(crate::pencetak::Cara::Utas(mesin)),
        );
        let kode = "3325082004";
        l.store(kode).await.unwrap();
        assert!(l.ada(kode));
        // Used just now: kept open.
        assert_eq!(
            l.tutup_yang_diam(std::time::Duration::from_secs(3600))
                .await,
            0
        );
        // Idle for the whole (zero) limit: closed; the next use opens the file, not a new one.
        assert_eq!(l.tutup_yang_diam(std::time::Duration::ZERO).await, 1);
        assert!(l.terbuka.read().await.is_empty());
        assert!(l.app(kode).await.is_some());
        assert_eq!(dibuat.load(std::sync::atomic::Ordering::SeqCst), 1);
        let _ = std::fs::remove_dir_all(&folder);
    }
}
