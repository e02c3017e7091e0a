//! The public website of each village. A single-village install shows its site at `/`; a
//! district shows each village at `/desa/{slug}` (slugs are never all digits, so they do not
//! meet the admin's `/desa/{code}`) and, when configured, at the village's own host name. All of
//! these are rewritten to the internal `/s/{slug}/…` before routing; the page links use the
//! address the visitor came by.

mod bantuan;
mod halaman;
pub(crate) mod lapak;
mod pengaduan;
mod peraturan;
mod tembolok;
mod umpan;
mod wilayah;

use crate::{Bersama, GalatWeb};
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use balai_store::desa::{Desa, LetakDesa};
use balai_store::situs::SitusDesa;
use balai_store::statistik::JenisStatistik;
use balai_store::statistik::publik::{StatistikPublik, samarkan};
use std::collections::HashMap;
use std::sync::Arc;
pub use tembolok::Tembolok;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .merge(halaman::rute())
        .merge(bantuan::rute())
        .merge(umpan::rute())
        .merge(pengaduan::rute())
        .merge(wilayah::rute())
        .merge(lapak::rute())
        .merge(peraturan::rute())
}

/// Set by [`arahkan`]: the public address prefix of the site being shown ("" on its own host).
#[derive(Clone)]
pub struct DasarSitus(pub String);

/// Paths that stay what they are on a village's own host name.
const TETAP_DI_HOST: &[&str] = &[
    "/aset/",
    "/v/",
    "/kunci/",
    "/warga",
    "/anjungan",
    "/healthz",
];

/// A site's village, settings and region names.
pub struct IntiSitus {
    desa: Desa,
    situs: SitusDesa,
    letak: LetakDesa,
    ada_logo: bool,
}

async fn peta_host(k: &Bersama) -> Arc<HashMap<String, String>> {
    if let Some(m) = k.tembolok.host.ambil(&()) {
        return m;
    }
    let m: HashMap<String, String> = k
        .store
        .daftar_host_situs()
        .await
        .unwrap_or_default()
        .into_iter()
        .collect();
    let m = Arc::new(m);
    k.tembolok.host.simpan((), m.clone());
    m
}

/// After staff change anything of a village (every admin form posts under `/desa/`), the
/// cached home pages are dropped so the change shows at once.
pub async fn segarkan_beranda(State(k): State<Bersama>, req: Request, next: Next) -> Response {
    let ubah = req.method() != Method::GET
        && req.method() != Method::HEAD
        && req.uri().path().starts_with("/desa/");
    let r = next.run(req).await;
    if ubah && (r.status().is_success() || r.status().is_redirection()) {
        k.tembolok.lupakan_beranda();
    }
    r
}

/// A public statistic of a village, suppressed for small counts, cached for a few minutes.
pub async fn statistik_publik(
    k: &Bersama,
    desa: &Desa,
    jenis: JenisStatistik,
) -> Result<Arc<StatistikPublik>, GalatWeb> {
    let kunci = (desa.desa_id.clone(), jenis.kode());
    if let Some(s) = k.tembolok.statistik.ambil(&kunci) {
        return Ok(s);
    }
    let s = k
        .store
        .statistik_penduduk(&desa.desa_id, jenis, k.store.hari_ini(desa.zona()))
        .await?;
    let s = Arc::new(samarkan(&s));
    k.tembolok.statistik.simpan(kunci, s.clone());
    Ok(s)
}

fn tulis_ulang(req: &mut Request, path: String, dasar: String) {
    let pq = match req.uri().query() {
        Some(q) => format!("{path}?{q}"),
        None => path,
    };
    let mut bagian = req.uri().clone().into_parts();
    if let Ok(pq) = pq.parse() {
        bagian.path_and_query = Some(pq);
        if let Ok(uri) = Uri::from_parts(bagian) {
            *req.uri_mut() = uri;
            req.extensions_mut().insert(DasarSitus(dasar));
        }
    }
}

/// Maps the public addresses of village sites to the internal routes (runs before routing).
pub async fn arahkan(State(k): State<Bersama>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/s/") {
        // Only reachable through the public addresses, so each page has one address.
        req.extensions_mut().remove::<DasarSitus>();
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| {
            h.rsplit_once(':')
                .map_or(h, |(a, _)| a)
                .to_ascii_lowercase()
        });
    // The install's own host is never a village's, whatever the database says.
    if let Some(host) = host
        && !host.is_empty()
        && k.host_instalasi.as_deref() != Some(host.as_str())
        && !TETAP_DI_HOST.iter().any(|p| path.starts_with(p))
        && let Some(slug) = peta_host(&k).await.get(&host).cloned()
    {
        let dalam = if path == "/" {
            format!("/s/{slug}")
        } else {
            format!("/s/{slug}{path}")
        };
        tulis_ulang(&mut req, dalam, String::new());
        return next.run(req).await;
    }
    if let Some(sisa) = path.strip_prefix("/desa/") {
        let (slug, ekor) = sisa.split_once('/').map_or((sisa, ""), |(a, b)| (a, b));
        if !slug.is_empty() && !slug.bytes().all(|b| b.is_ascii_digit()) {
            let dalam = if ekor.is_empty() {
                format!("/s/{slug}")
            } else {
                format!("/s/{slug}/{ekor}")
            };
            tulis_ulang(&mut req, dalam, format!("/desa/{slug}"));
        }
    }
    next.run(req).await
}

/// The village whose site is being shown, with what every page's frame needs.
pub struct Situs {
    pub desa: Desa,
    pub situs: SitusDesa,
    pub letak: LetakDesa,
    /// Public prefix of the site's links: "" on its own host, "/desa/{slug}" otherwise.
    pub dasar: String,
    pub ada_logo: bool,
}

impl Situs {
    pub async fn dari_slug(k: &Bersama, slug: &str, dasar: String) -> Result<Situs, GalatWeb> {
        let inti = match k.tembolok.situs.ambil(&slug.to_string()) {
            Some(i) => i,
            None => {
                let i = Arc::new(Self::muat(k, slug).await?);
                k.tembolok.situs.simpan(slug.to_string(), i.clone());
                i
            }
        };
        Ok(Situs {
            desa: inti.desa.clone(),
            situs: inti.situs.clone(),
            letak: inti.letak.clone(),
            dasar,
            ada_logo: inti.ada_logo,
        })
    }

    async fn muat(k: &Bersama, slug: &str) -> Result<IntiSitus, GalatWeb> {
        let desa_id = k
            .store
            .desa_dari_slug(slug)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        let desa = k
            .store
            .desa(&desa_id)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        let situs = k.store.situs_desa(&desa_id).await?;
        let letak = k.store.letak_desa(&desa_id).await?;
        let ada_logo = k.store.ada_logo_desa(&desa_id).await?;
        Ok(IntiSitus {
            desa,
            situs,
            letak,
            ada_logo,
        })
    }

    /// A link inside the site: `tautan("/berita")`.
    pub fn tautan(&self, jalur: &str) -> String {
        if jalur.is_empty() || jalur == "/" {
            if self.dasar.is_empty() {
                "/".into()
            } else {
                self.dasar.clone()
            }
        } else {
            format!("{}{jalur}", self.dasar)
        }
    }
}

impl FromRequestParts<Bersama> for Situs {
    type Rejection = GalatWeb;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let Some(DasarSitus(dasar)) = parts.extensions.get::<DasarSitus>().cloned() else {
            return Err(GalatWeb::TidakDitemukan);
        };
        let slug = parts
            .uri
            .path()
            .strip_prefix("/s/")
            .and_then(|s| s.split('/').next())
            .unwrap_or("")
            .to_string();
        Situs::dari_slug(k, &slug, dasar).await
    }
}

/// Headers of public pages: cacheable for a minute by the browser, never by a shared cache
/// keyed wrongly (the page depends on the host).
pub fn tajuk_publik() -> [(header::HeaderName, HeaderValue); 2] {
    [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        ),
        (header::VARY, HeaderValue::from_static("Host")),
    ]
}
