//! Balai's web app: the admin screens (server-rendered HTML) and the JSON API `/api/v1`.

mod api;
mod galat;
mod grafik_tumbuh;
pub(crate) mod halaman;
mod isian;
pub mod izin;
mod kerangka;
pub mod kurir;
pub mod latihan;
pub mod mampat;
mod nama;
mod pembatas;
pub mod pencetak;
mod sesi;
mod unduhan;
mod unggahan;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::Store;
use std::sync::Arc;
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;

pub use galat::GalatWeb;
pub use halaman::keuangan::laporan::pdf_laporan;
pub use halaman::penyiapan::kode_baru as kode_penyiapan_baru;

/// This program's version (the workspace's), as recorded in the database at start-up.
pub const VERSI: &str = env!("CARGO_PKG_VERSION");

/// What every request handler can reach.
pub struct Keadaan {
    pub store: Store,
    /// Public lookups (QR verification) per client address per minute.
    pub pembatas_publik: pembatas::PembatasPublik,
    /// API calls per token per minute.
    pub pembatas_token: pembatas::PembatasPublik,
    /// Host names and public statistics of the village sites.
    pub tembolok: halaman::situs::Tembolok,
    pub unggahan: unggahan::Simpanan,
    /// Mark cookies `Secure` (when served behind HTTPS).
    pub cookie_aman: bool,
    /// Behind a reverse proxy: take the client address from the last `X-Forwarded-For` entry.
    pub proxy_tepercaya: bool,
    /// Report and form rendering (Balai's own templates), built once.
    pub pdf: Arc<balai_pdf::Mesin>,
    /// Letter rendering (templates admins write): in worker processes under `balai serve`.
    pub pencetak: Arc<pencetak::Pencetak>,
    /// Public address printed in letters' QR codes; empty: the address a request came to.
    pub url_publik: String,
    /// The host of `url_publik`: never a village's own host name.
    pub host_instalasi: Option<String>,
    /// A staff session unused this long ends.
    pub sesi_diam: chrono::Duration,
    /// Folder of the daily backups (none: not configured), and why they cannot run.
    pub cadangan_folder: Option<std::path::PathBuf>,
    pub cadangan_galat: Option<String>,
    pub sinkron_sekarang: Arc<tokio::sync::Notify>,
    pub kode_penyiapan: Option<String>,
    /// The real village, or a practice village's app (see `latihan`).
    pub mode: Mode,
    /// The practice villages (the real app only; none when no folder is configured).
    pub latihan: Option<Arc<latihan::Latihan>>,
}

/// Which app a request is served by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Asli,
    /// The practice village of this village code.
    Latihan(String),
}

impl Keadaan {
    /// The practice village's code, in a practice app.
    pub fn desa_latihan(&self) -> Option<&str> {
        match &self.mode {
            Mode::Latihan(k) => Some(k),
            Mode::Asli => None,
        }
    }

    /// The staff session's cookie: practice sessions have their own, so the real one stays.
    pub fn cookie_sesi(&self) -> &'static str {
        match self.mode {
            Mode::Asli => sesi::COOKIE,
            Mode::Latihan(_) => latihan::COOKIE_SESI,
        }
    }

    /// What is wrong with the daily backups, for the admin screens; `None` when a backup
    /// newer than a day exists (or none is configured).
    pub fn masalah_cadangan(&self) -> Option<String> {
        let folder = self.cadangan_folder.as_ref()?;
        if let Some(g) = &self.cadangan_galat {
            return Some(g.clone());
        }
        match balai_store::cadangan::umur_cadangan_terbaru(folder) {
            None => Some(format!(
                "Belum ada cadangan di {}. Cadangan harian pertama dibuat lima menit setelah Balai mulai; bila tetap tidak ada, periksa catatan (log) server.",
                folder.display()
            )),
            Some(u) if u > Duration::from_secs(26 * 3600) => Some(format!(
                "Cadangan terakhir di {} dibuat {} jam yang lalu, lebih dari sehari. Periksa catatan (log) server dan ruang disk.",
                folder.display(),
                u.as_secs() / 3600
            )),
            // The weekly restore test and the copy to a second place.
            Some(_) => balai_store::cadangan::periksa::masalah(folder, self.store.sekarang()),
        }
    }
}

pub type Bersama = Arc<Keadaan>;

/// Settings of the web app.
#[derive(Debug, Clone, Default)]
pub struct Setelan {
    pub cookie_aman: bool,
    pub proxy_tepercaya: bool,
    pub url_publik: String,
    /// Verification requests allowed per client address per minute; 0 for no limit.
    pub batas_verifikasi_per_menit: u32,
    /// API calls allowed per token per minute; 0 for no limit; none for the default, 120.
    pub batas_api_per_menit: Option<u32>,
    /// Minutes a staff session may sit unused before it ends; 0 for the default, 60.
    pub sesi_diam_menit: u32,
    /// Seconds a client may take to send a request's head; 0 for the default, 30.
    pub batas_kepala_detik: u32,
    /// Folder of the daily backups; empty when none are configured.
    pub cadangan_folder: String,
    /// Why the daily backups cannot run (known at start-up), if so.
    pub cadangan_galat: Option<String>,
    /// Rung by "Sinkronkan sekarang" on a village node; the background sync listens.
    pub sinkron_sekarang: Arc<tokio::sync::Notify>,
    /// The program that renders letters in worker processes (run as `PROGRAM pekerja-pdf`);
    /// none: letters render on a thread of this process, which cannot stop a runaway template.
    pub pekerja_pdf: Option<std::path::PathBuf>,
    /// The first-run setup code (`/penyiapan`), when the install has no account yet.
    pub kode_penyiapan: Option<String>,
    /// Where the practice villages' files live; none: no practice villages.
    pub latihan_folder: Option<std::path::PathBuf>,
    /// Fills a new practice village with demo data.
    pub pengisi_latihan: Option<latihan::Pengisi>,
}

/// Builds the whole app.
pub fn aplikasi(store: Store, setelan: &Setelan) -> Router {
    let mesin = Arc::new(balai_pdf::Mesin::baru());
    let pencetak = pencetak::Pencetak::baru(match &setelan.pekerja_pdf {
        Some(program) => {
            let inti = std::thread::available_parallelism().map_or(2, |n| n.get());
            pencetak::Cara::Proses(Arc::new(balai_pdf::pekerja::Kolam::baru(program, inti)))
        }
        None => pencetak::Cara::Utas(mesin.clone()),
    });
    let latihan = match (&setelan.latihan_folder, &setelan.pengisi_latihan) {
        (Some(folder), Some(pengisi)) => Some(Arc::new(latihan::Latihan::baru(
            folder.clone(),
            pengisi.clone(),
            setelan,
            &pencetak,
        ))),
        _ => None,
    };
    // Nightly resets and closing idle practice villages, for as long as the app lives.
    if let (Some(l), Ok(rt)) = (&latihan, tokio::runtime::Handle::try_current()) {
        let l = Arc::downgrade(l);
        rt.spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(600)).await;
                match l.upgrade() {
                    Some(l) => {
                        l.atur_ulang_malam().await;
                        l.tutup_yang_diam(Duration::from_secs(3600)).await;
                    }
                    None => break,
                }
            }
        });
    }
    let keadaan = keadaan(store, setelan, mesin, pencetak, Mode::Asli, latihan);
    let dalam = rakit(keadaan.clone(), setelan);
    Router::new()
        .fallback_service(dalam)
        .layer(axum::middleware::from_fn_with_state(
            keadaan,
            latihan::arahkan,
        ))
        .layer(axum::middleware::from_fn(pasang_id_permintaan))
        // A handler that runs away answers 503 instead of holding the connection forever
        // (exports and imports of a large village take seconds, not minutes).
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(120),
        ))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(rentang_permintaan)
                .on_request(())
                .on_response(catat_jawaban),
        )
        .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
        .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(
            tower_http::request_id::MakeRequestUuid,
        ))
}

/// The state of one app: the real village's, or a practice village's.
pub(crate) fn keadaan(
    store: Store,
    setelan: &Setelan,
    mesin: Arc<balai_pdf::Mesin>,
    pencetak: pencetak::Pencetak,
    mode: Mode,
    latihan: Option<Arc<latihan::Latihan>>,
) -> Bersama {
    Arc::new(Keadaan {
        store,
        pembatas_publik: pembatas::PembatasPublik::baru(setelan.batas_verifikasi_per_menit),
        pembatas_token: pembatas::PembatasPublik::baru(setelan.batas_api_per_menit.unwrap_or(120)),
        tembolok: halaman::situs::Tembolok::default(),
        unggahan: unggahan::Simpanan::default(),
        cookie_aman: setelan.cookie_aman,
        proxy_tepercaya: setelan.proxy_tepercaya,
        pdf: mesin,
        pencetak: Arc::new(pencetak),
        url_publik: setelan.url_publik.clone(),
        host_instalasi: balai_domain::situs::host_dari_url(&setelan.url_publik),
        sesi_diam: chrono::Duration::minutes(match setelan.sesi_diam_menit {
            0 => 60,
            m => i64::from(m),
        }),
        cadangan_folder: Some(std::path::PathBuf::from(&setelan.cadangan_folder))
            .filter(|p| !p.as_os_str().is_empty()),
        cadangan_galat: setelan.cadangan_galat.clone(),
        sinkron_sekarang: setelan.sinkron_sekarang.clone(),
        kode_penyiapan: setelan.kode_penyiapan.clone(),
        mode,
        latihan,
    })
}

/// The routes and layers of one app, with the village sites' public addresses mapped before
/// routing (see `halaman::situs`).
pub(crate) fn rakit(keadaan: Bersama, setelan: &Setelan) -> Router {
    let dalam = Router::new()
        .route("/healthz", get(healthz))
        .route("/aset/balai.css", get(css))
        .route("/aset/balai.js", get(js))
        .route("/aset/situs.css", get(css_situs))
        .route("/favicon.ico", get(favicon))
        .route("/aset/saring.js", get(js_saring))
        .route("/aset/posyandu.js", get(js_posyandu))
        .merge(halaman::rute())
        .nest("/api/v1", api::rute())
        .route_layer(axum::middleware::from_fn_with_state(
            keadaan.clone(),
            izin::jaga,
        ))
        .layer(axum::middleware::from_fn_with_state(
            keadaan.clone(),
            latihan::tolak,
        ))
        .layer(axum::middleware::from_fn_with_state(
            keadaan.clone(),
            halaman::jaga_anjungan,
        ))
        .layer(axum::middleware::from_fn_with_state(
            keadaan.clone(),
            halaman::situs::segarkan_beranda,
        ))
        .layer(axum::middleware::from_fn(tolak_nul))
        .layer(axum::extract::DefaultBodyLimit::max(25 * 1024 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            ),
        ))
        .layer(
            // Served behind HTTPS (secure cookies): browsers keep to HTTPS for a year.
            SetResponseHeaderLayer::if_not_present(
                header::STRICT_TRANSPORT_SECURITY,
                setelan
                    .cookie_aman
                    .then(|| HeaderValue::from_static("max-age=31536000")),
            ),
        )
        // A panic answers with the ordinary error page, never a bare text (the API's own layer
        // answers with a problem document first).
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                GalatWeb::Store(balai_store::Galat::Lain("panik dalam penangan".into()))
                    .into_response()
            },
        ))
        .layer(tower_http::compression::CompressionLayer::new().compress_when(publik_saja()))
        .with_state(keadaan.clone());
    Router::new()
        .fallback_service(dalam)
        .layer(axum::middleware::from_fn_with_state(
            keadaan,
            halaman::situs::arahkan,
        ))
}

/// Text with a NUL character is refused before any handler: no one types it, PostgreSQL cannot
/// store it in text (a search with one was a server error), and it cuts strings short in C
/// programs that read exports. Checked in the query string and in JSON and form bodies
/// (uploads carry binary files and are checked by their own readers).
async fn tolak_nul(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let jenis = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // A compressed body (the district sync's gzip) is bytes, not text: its reader checks it.
    let dimampatkan = req
        .headers()
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v.as_bytes() != b"identity");
    let teks = !dimampatkan
        && (jenis.starts_with("application/json")
            || jenis.starts_with("application/x-www-form-urlencoded"));
    let ada_nul = |b: &[u8]| {
        b.contains(&0)
            || b.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"))
            || b.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
    };
    let api = req.uri().path().starts_with("/api/");
    let tolak = move || -> Response {
        let pesan = "Isian berisi karakter NUL (kode 0), yang tidak boleh ada dalam teks. Hapus karakter itu, lalu kirim ulang.";
        if api {
            api::Masalah::new(axum::http::StatusCode::UNPROCESSABLE_ENTITY, pesan).into_response()
        } else {
            GalatWeb::Permintaan(pesan.into()).into_response()
        }
    };
    if req.uri().query().is_some_and(|q| ada_nul(q.as_bytes())) {
        return tolak();
    }
    if !teks {
        return next.run(req).await;
    }
    let (bagian, badan) = req.into_parts();
    let Ok(isi) = axum::body::to_bytes(badan, 25 * 1024 * 1024).await else {
        let pesan = "Isian terlalu besar: paling besar 25 MB. Kirim data yang lebih kecil atau bagi menjadi beberapa kiriman.";
        let status = axum::http::StatusCode::PAYLOAD_TOO_LARGE;
        return if api {
            api::Masalah::new(status, pesan).into_response()
        } else {
            let mut r = GalatWeb::Permintaan(pesan.into()).into_response();
            *r.status_mut() = status;
            r
        };
    };
    if ada_nul(&isi) {
        return tolak();
    }
    next.run(axum::extract::Request::from_parts(
        bagian,
        axum::body::Body::from(isi),
    ))
    .await
}

tokio::task_local! {
    /// The id of the request being handled (`x-request-id`), for the error page.
    pub static ID_PERMINTAAN: String;
}

/// Makes the request id readable while the request is handled, so an error page can show it
/// and the operator can quote it (the same id is in the server's log).
async fn pasang_id_permintaan(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    ID_PERMINTAAN.scope(id, next.run(req)).await
}

/// Each request's log span: its id (also sent back as `x-request-id`), method and path. The
/// query string is left out: a search for a person's name must not reach the logs.
fn rentang_permintaan(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!("permintaan", id, metode = %req.method(), jalur = req.uri().path())
}

/// Slow requests are logged as warnings, the rest at debug level.
fn catat_jawaban<B>(r: &axum::http::Response<B>, lama: Duration, _: &tracing::Span) {
    let ms = lama.as_millis() as u64;
    if lama > Duration::from_secs(1) {
        tracing::warn!(status = r.status().as_u16(), ms, "permintaan lambat");
    } else {
        tracing::debug!(status = r.status().as_u16(), ms, "selesai");
    }
}

/// Gzip only for responses any cache may keep (public site pages, assets, open data): they
/// hold no secret, so compressing them cannot leak a CSRF token or session data (BREACH).
fn publik_saja() -> impl tower_http::compression::Predicate {
    use tower_http::compression::Predicate;
    tower_http::compression::DefaultPredicate::new().and(
        |_: axum::http::StatusCode,
         _: axum::http::Version,
         h: &axum::http::HeaderMap,
         _: &axum::http::Extensions| {
            h.get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("public"))
        },
    )
}

/// Renders a letter the store is issuing (its body, data, logo, QR and paper) with `mesin`.
pub fn render_surat(
    mesin: &balai_pdf::Mesin,
    b: &balai_store::surat::BahanCetak,
) -> Result<Vec<u8>, String> {
    let kertas = balai_pdf::Kertas::dari_kode(&b.kertas).unwrap_or(balai_pdf::Kertas::F4);
    mesin
        .render(&balai_pdf::Dokumen {
            badan: &b.badan,
            data: &b.data,
            logo: b.logo.as_deref(),
            qr: Some(&b.qr),
            kertas,
            tanda_air: None,
        })
        .map_err(|e| e.to_string())
}

/// Serves the app on `listener` until `berhenti` resolves, then lets running requests finish.
pub async fn jalankan(
    store: Store,
    setelan: &Setelan,
    listener: tokio::net::TcpListener,
    berhenti: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let pembersih = store.clone();
    // Expired sessions are removed hourly.
    tokio::spawn(async move {
        loop {
            if let Err(e) = pembersih.bersihkan_sesi().await {
                tracing::warn!(galat = %e, "membersihkan sesi gagal");
            }
            if let Err(e) = pembersih.bersihkan_sesi_warga().await {
                tracing::warn!(galat = %e, "membersihkan sesi warga gagal");
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
    // Notifications are sent as soon as they are queued, and retried.
    let kurir = tokio::spawn(kurir::jalankan(store.clone()));
    let app = aplikasi(store, setelan);
    layani(listener, app, batas_kepala(setelan), berhenti).await;
    kurir.abort();
    Ok(())
}

/// Connections served at once; more wait in the kernel's queue until one ends.
const MAKS_KONEKSI: usize = 1024;

fn batas_kepala(setelan: &Setelan) -> Duration {
    Duration::from_secs(match setelan.batas_kepala_detik {
        0 => 30,
        n => u64::from(n),
    })
}

/// Serves HTTP/1.1 with hyper directly rather than `axum::serve`, which sets no timer: a client
/// that sends its request head slowly (or opens connections and sends nothing) is cut off after
/// `batas_kepala`, and at most [`MAKS_KONEKSI`] connections are served at once. On `berhenti`
/// no new connection is taken and running requests finish.
async fn layani(
    listener: tokio::net::TcpListener,
    app: Router,
    batas_kepala: Duration,
    berhenti: impl std::future::Future<Output = ()> + Send + 'static,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let antre = Arc::new(tokio::sync::Semaphore::new(MAKS_KONEKSI));
    let tutup = hyper_util::server::graceful::GracefulShutdown::new();
    let mut berhenti = std::pin::pin!(berhenti);
    loop {
        let izin = tokio::select! {
            i = antre.clone().acquire_owned() => match i {
                Ok(i) => i,
                Err(_) => break,
            },
            () = &mut berhenti => break,
        };
        let (soket, alamat) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of file handles and the like: wait a moment rather than spin.
                    tracing::warn!(galat = %e, "koneksi tidak dapat diterima");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut berhenti => break,
        };
        let app = app.clone();
        let layanan = hyper::service::service_fn(
            move |mut req: axum::http::Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(alamat));
                app.clone().oneshot(req.map(axum::body::Body::new))
            },
        );
        let mut h1 = hyper::server::conn::http1::Builder::new();
        h1.timer(TokioTimer::new())
            .header_read_timeout(batas_kepala);
        let koneksi = tutup.watch(h1.serve_connection(TokioIo::new(soket), layanan));
        tokio::spawn(async move {
            // A client that goes away mid-request is no error of ours.
            let _ = koneksi.await;
            drop(izin);
        });
    }
    drop(listener);
    tutup.shutdown().await;
}

/// `ok`; `terdegradasi` while serving but without a recent backup (details only on the admin
/// screens); 503 when the database cannot be reached.
async fn healthz(axum::extract::State(k): axum::extract::State<Bersama>) -> impl IntoResponse {
    match k.store.periksa_kesehatan().await {
        Ok(()) if k.masalah_cadangan().is_some() => (axum::http::StatusCode::OK, "terdegradasi"),
        Ok(()) => (axum::http::StatusCode::OK, "ok"),
        Err(_) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "basis data tidak dapat dihubungi",
        ),
    }
}

/// A file built into the binary, served with its type and how long browsers may keep it.
pub(crate) fn aset(
    jenis: &'static str,
    isi: &'static str,
    simpan: &'static str,
) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, jenis),
            (header::CACHE_CONTROL, simpan),
        ],
        isi,
    )
}

pub(crate) const CSS: &str = "text/css; charset=utf-8";
pub(crate) const JS: &str = "text/javascript; charset=utf-8";
pub(crate) const SEHARI: &str = "public, max-age=86400";

async fn css() -> impl IntoResponse {
    aset(CSS, include_str!("../aset/balai.css"), SEHARI)
}

async fn css_situs() -> impl IntoResponse {
    aset(CSS, include_str!("../aset/situs.css"), SEHARI)
}

/// Browsers ask for `/favicon.ico` on every page; an SVG served there is understood by all of them.
async fn favicon() -> impl IntoResponse {
    aset(
        "image/svg+xml",
        include_str!("../aset/favicon.svg"),
        "public, max-age=604800",
    )
}

async fn js_saring() -> impl IntoResponse {
    aset(JS, include_str!("../aset/saring.js"), SEHARI)
}

async fn js_posyandu() -> impl IntoResponse {
    aset(JS, include_str!("../aset/posyandu.js"), SEHARI)
}

async fn js() -> impl IntoResponse {
    aset(JS, include_str!("../aset/balai.js"), SEHARI)
}

/// The install's absolute address (QR codes, feeds, links in messages): the configured public
/// address, else the host this request came to (responses built from it must vary by `Host`).
pub(crate) fn url_dasar(k: &Bersama, headers: &axum::http::HeaderMap) -> String {
    if !k.url_publik.is_empty() {
        return k.url_publik.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let skema = if k.cookie_aman { "https" } else { "http" };
    format!("{skema}://{host}")
}
