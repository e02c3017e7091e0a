//! Errors of the web screens, shown as a plain page in Indonesian.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use balai_store::Galat;

#[derive(Debug)]
pub enum GalatWeb {
    TidakDitemukan,
    Terlarang,
    /// The form's CSRF token did not match the session.
    Csrf,
    Permintaan(String),
    Store(Galat),
}

impl From<Galat> for GalatWeb {
    fn from(g: Galat) -> Self {
        match g {
            Galat::TidakDitemukan => GalatWeb::TidakDitemukan,
            g => GalatWeb::Store(g),
        }
    }
}

#[derive(Template)]
#[template(path = "galat.html")]
struct HalamanGalat<'a> {
    judul: &'a str,
    pesan: String,
    /// The request's id, as in the server's log.
    id: String,
}

impl GalatWeb {
    pub fn status_dan_pesan(&self) -> (StatusCode, &'static str, String) {
        match self {
            GalatWeb::TidakDitemukan => (
                StatusCode::NOT_FOUND,
                "Tidak ditemukan",
                "Halaman atau data yang Anda cari tidak ada, atau Anda tidak berhak melihatnya.".into(),
            ),
            GalatWeb::Terlarang => (
                StatusCode::FORBIDDEN,
                "Tidak diizinkan",
                "Peran Anda tidak mengizinkan tindakan ini. Hubungi admin desa bila Anda memerlukannya.".into(),
            ),
            GalatWeb::Csrf => (
                StatusCode::FORBIDDEN,
                "Formulir kedaluwarsa",
                "Formulir ini sudah tidak berlaku (mungkin dibuka sebelum Anda masuk ulang). Kembali, muat ulang halaman, lalu kirim lagi.".into(),
            ),
            GalatWeb::Permintaan(p) => (StatusCode::BAD_REQUEST, "Permintaan tidak sah", p.clone()),
            GalatWeb::Store(Galat::Isian(d)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Isian tidak sah",
                d.0.iter().map(|g| g.pesan.clone()).collect::<Vec<_>>().join(" "),
            ),
            GalatWeb::Store(Galat::Konflik(p)) => (StatusCode::CONFLICT, "Data telah berubah", p.clone()),
            GalatWeb::Store(Galat::Ditolak(p)) => (StatusCode::UNPROCESSABLE_ENTITY, "Tidak dapat dilakukan", p.clone()),
            GalatWeb::Store(Galat::TidakDitemukan) => (
                StatusCode::NOT_FOUND,
                "Tidak ditemukan",
                "Data yang Anda cari tidak ada.".into(),
            ),
            GalatWeb::Store(g) => {
                tracing::error!(galat = %g, "galat server");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Terjadi kesalahan",
                    "Terjadi kesalahan pada server; tidak ada data yang berubah. Coba lagi, dan bila berulang laporkan ke admin.".into(),
                )
            }
        }
    }
}

impl IntoResponse for GalatWeb {
    fn into_response(self) -> Response {
        let (status, judul, pesan) = self.status_dan_pesan();
        let id = crate::ID_PERMINTAAN
            .try_with(Clone::clone)
            .unwrap_or_default();
        let html = HalamanGalat { judul, pesan, id }
            .render()
            .unwrap_or_else(|_| "Terjadi kesalahan.".into());
        (status, Html(html)).into_response()
    }
}

/// Renders a template, turning a template failure into a server error.
pub fn tampil(t: &impl Template) -> Result<Html<String>, GalatWeb> {
    t.render()
        .map(Html)
        .map_err(|e| GalatWeb::Store(Galat::Lain(format!("template: {e}"))))
}
