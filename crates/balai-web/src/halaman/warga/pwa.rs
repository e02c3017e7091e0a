//! What makes the portal installable and usable offline: the manifest, the service worker, the
//! offline page and the icon, all served from the binary.

use crate::Bersama;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/manifest.webmanifest", get(manifest))
        .route("/warga/sw.js", get(sw))
        .route("/warga/portal.js", get(portal_js))
        .route("/warga/luring", get(luring))
        .route("/warga/ikon.svg", get(ikon))
        .route("/aset/warga.css", get(css))
}

use crate::aset as berkas;

async fn manifest() -> impl IntoResponse {
    berkas(
        "application/manifest+json",
        include_str!("../../../aset/warga.webmanifest"),
        "public, max-age=86400",
    )
}

async fn sw() -> impl IntoResponse {
    // Never cached, so a new version takes over on the next visit. Served from /warga/ but
    // allowed to control /warga itself (the start page).
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (
                header::HeaderName::from_static("service-worker-allowed"),
                "/warga",
            ),
        ],
        include_str!("../../../aset/warga-sw.js"),
    )
}

async fn portal_js() -> impl IntoResponse {
    berkas(
        "text/javascript; charset=utf-8",
        include_str!("../../../aset/warga.js"),
        "public, max-age=86400",
    )
}

async fn luring() -> impl IntoResponse {
    berkas(
        "text/html; charset=utf-8",
        include_str!("../../../aset/warga-luring.html"),
        "public, max-age=86400",
    )
}

async fn ikon() -> impl IntoResponse {
    berkas(
        "image/svg+xml",
        include_str!("../../../aset/warga-ikon.svg"),
        "public, max-age=604800",
    )
}

async fn css() -> impl IntoResponse {
    berkas(
        "text/css; charset=utf-8",
        include_str!("../../../aset/warga.css"),
        "public, max-age=86400",
    )
}
