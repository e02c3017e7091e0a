//! Who is logged in: the session cookie, the CSRF token and the village the user may act on.

use crate::{Bersama, GalatWeb};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use balai_store::Aktor;
use balai_store::desa::Desa;
use balai_store::pengguna::{Pengguna, Peran};

pub const COOKIE: &str = "balai_sesi";

/// The value of a cookie in the request.
pub fn baca_cookie<'a>(parts: &'a Parts, nama: &str) -> Option<&'a str> {
    cookie_dari(&parts.headers, nama)
}

/// The value of a cookie among request headers.
pub fn cookie_dari<'a>(headers: &'a axum::http::HeaderMap, nama: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == nama)
        .map(|(_, v)| v)
}

pub fn cookie_sesi(token: &str, aman: bool, umur_detik: i64) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={umur_detik}{}",
        if aman { "; Secure" } else { "" }
    )
}

/// A logged-in staff member.
#[derive(Clone)]
pub struct Masuk {
    pub pengguna: Pengguna,
    pub csrf: String,
    pub token: String,
    /// Work waiting in the village the page is about (menu badges), read by `izin::jaga` for
    /// page requests.
    pub tugas: Option<(String, balai_domain::tugas::JumlahTugas)>,
    /// Working in a practice village (its pages offer the way back).
    pub latihan: bool,
}

impl Masuk {
    pub fn aktor(&self) -> Aktor {
        Aktor::pengguna(&self.pengguna.username)
    }
    pub fn peran(&self) -> Peran {
        self.pengguna.peran()
    }
    pub fn cek_csrf(&self, dikirim: &str) -> Result<(), GalatWeb> {
        if subtle_eq(dikirim.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(GalatWeb::Csrf)
        }
    }
    pub fn wajib_tulis(&self) -> Result<(), GalatWeb> {
        if self.peran().boleh_tulis() {
            Ok(())
        } else {
            Err(GalatWeb::Terlarang)
        }
    }
    /// Records posyandu days; a cadre only at their own posyandu.
    pub fn wajib_posyandu(&self, posyandu: uuid::Uuid) -> Result<(), GalatWeb> {
        let p = self.peran();
        if p.boleh_tulis()
            || (p.boleh_catat_posyandu() && self.pengguna.posyandu_kader() == Some(posyandu))
        {
            Ok(())
        } else {
            Err(GalatWeb::Terlarang)
        }
    }
    pub fn wajib_bayar(&self) -> Result<(), GalatWeb> {
        if self.peran().boleh_bayar() {
            Ok(())
        } else {
            Err(GalatWeb::Terlarang)
        }
    }
    pub fn wajib_kelola(&self) -> Result<(), GalatWeb> {
        if self.peran().boleh_kelola() {
            Ok(())
        } else {
            Err(GalatWeb::Terlarang)
        }
    }
    /// The village `kode`, if this user may see it; otherwise "not found" (never "forbidden",
    /// which would confirm that the village or record exists).
    pub async fn desa(&self, k: &Bersama, kode: &str) -> Result<Desa, GalatWeb> {
        if !self.pengguna.boleh_lihat_desa(kode) {
            return Err(GalatWeb::TidakDitemukan);
        }
        k.store.desa(kode).await?.ok_or(GalatWeb::TidakDitemukan)
    }
}

/// Checks a submitted CSRF token against the session's.
pub fn cek_token(dikirim: &str, benar: &str) -> Result<(), GalatWeb> {
    if subtle_eq(dikirim.as_bytes(), benar.as_bytes()) {
        Ok(())
    } else {
        Err(GalatWeb::Csrf)
    }
}

/// Constant-time comparison for tokens.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<Bersama> for Masuk {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        // Already read by the route's access check (`izin::jaga`).
        if let Some(m) = parts.extensions.get::<Masuk>() {
            return Ok(m.clone());
        }
        let ke_masuk = || Redirect::to("/masuk").into_response();
        let Some(token) = baca_cookie(parts, k.cookie_sesi()).map(str::to_string) else {
            return Err(ke_masuk());
        };
        let (pengguna, csrf) = match k.store.sesi(&token, k.sesi_diam).await {
            Ok(Some(s)) => s,
            Ok(None) => return Err(ke_masuk()),
            Err(e) => return Err(GalatWeb::from(e).into_response()),
        };
        let jalur = parts.uri.path();
        if pengguna.wajib_ganti_sandi && jalur != "/ganti-sandi" && jalur != "/keluar" {
            return Err(Redirect::to("/ganti-sandi").into_response());
        }
        Ok(Masuk {
            pengguna,
            csrf,
            token,
            tugas: None,
            latihan: k.desa_latihan().is_some(),
        })
    }
}
