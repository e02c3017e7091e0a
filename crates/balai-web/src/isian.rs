//! Submitted forms: the fields as text, checked against the session's CSRF token.

use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use axum::extract::{Form, FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

/// Form fields in the order sent (a name may repeat).
#[derive(Debug, Default, Clone)]
pub struct Isian(pub Vec<(String, String)>);

impl Isian {
    pub fn get(&self, nama: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == nama)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
    pub fn opsi(&self, nama: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == nama)
            .map(|(_, v)| v.clone())
    }
    pub fn angka<T: std::str::FromStr>(&self, nama: &str) -> Option<T> {
        self.get(nama).trim().parse().ok()
    }
}

/// A form posted by a logged-in user, with a valid CSRF token.
pub struct Kiriman {
    pub m: Masuk,
    pub isian: Isian,
}

impl FromRequest<Bersama> for Kiriman {
    type Rejection = Response;

    async fn from_request(req: Request, k: &Bersama) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let m = Masuk::from_request_parts(&mut parts, k).await?;
        let req = Request::from_parts(parts, body);
        let Form(isi) = Form::<Vec<(String, String)>>::from_request(req, k)
            .await
            .map_err(|_| {
                GalatWeb::Permintaan("Isi formulir tidak dapat dibaca.".into()).into_response()
            })?;
        let isian = Isian(isi);
        m.cek_csrf(isian.get("_csrf"))
            .map_err(IntoResponse::into_response)?;
        Ok(Kiriman { m, isian })
    }
}
