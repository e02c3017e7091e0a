//! The resident portal at `/warga`: login by NIK + PIN, own data and family, letters,
//! complaints, who accessed my data, notifications. Mobile-first plain HTML.

mod adminduk;
mod bantuan;
mod data;
mod lapak;
pub(crate) mod masuk;
mod pengaduan;
mod pwa;
pub(crate) mod surat;
mod usulan;

use crate::isian::Isian;
use crate::sesi::baca_cookie;
use crate::{Bersama, GalatWeb};
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use balai_store::desa::Desa;
use balai_store::penduduk::Penduduk;
use balai_store::warga::akun::SesiWarga;
use balai_store::{Aktor, Galat};
use tower_http::set_header::SetResponseHeaderLayer;

pub const COOKIE_WARGA: &str = "balai_warga";
/// A portal session lasts this long.
pub const UMUR_SESI_JAM: i64 = 8;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .merge(masuk::rute())
        .merge(data::rute())
        .merge(surat::rute())
        .merge(adminduk::rute())
        .merge(bantuan::rute())
        .merge(pengaduan::rute())
        .merge(lapak::rute())
        .merge(usulan::rute())
        .merge(pwa::rute())
        // Personal pages: never kept by the browser or a proxy (a shared or lost phone).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// A logged-in resident (portal).
pub struct Warga {
    pub sesi: SesiWarga,
    pub token: String,
    pub penduduk: Penduduk,
    pub desa: Desa,
}

impl Warga {
    pub fn aktor(&self) -> Aktor {
        Aktor::warga(self.penduduk.id)
    }
    pub fn cek_csrf(&self, dikirim: &str) -> Result<(), GalatWeb> {
        crate::sesi::cek_token(dikirim, &self.sesi.csrf)
    }
    pub fn bingkai(&self, judul: impl Into<String>) -> Bingkai {
        Bingkai {
            judul: judul.into(),
            nama_desa: self.desa.nama.clone(),
            nama_warga: self.penduduk.nama.clone(),
            csrf: self.sesi.csrf.clone(),
            pesan: None,
        }
    }
}

/// The frame of every portal page.
pub struct Bingkai {
    pub judul: String,
    pub nama_desa: String,
    /// Empty when nobody is logged in.
    pub nama_warga: String,
    pub csrf: String,
    pub pesan: Option<String>,
}

impl Bingkai {
    pub fn tamu(judul: &str) -> Bingkai {
        Bingkai {
            judul: judul.into(),
            nama_desa: String::new(),
            nama_warga: String::new(),
            csrf: String::new(),
            pesan: None,
        }
    }
    pub fn dengan_pesan(mut self, ok: Option<&str>) -> Self {
        self.pesan = ok.and_then(pesan_berhasil).map(str::to_string);
        self
    }
}

fn pesan_berhasil(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "pin" => {
            "PIN baru Anda telah disimpan. Ingat PIN ini dan jangan beritahukan kepada siapa pun."
        }
        "surat" => {
            "Permohonan surat telah dikirim. Petugas desa akan memeriksanya; statusnya dapat Anda ikuti di halaman ini."
        }
        "pengaduan" => {
            "Pengaduan telah dikirim. Simpan kode lacaknya; petugas desa akan membalas di halaman ini."
        }
        "balas" => "Tanggapan Anda telah dikirim.",
        "permintaan" => "Permintaan Anda telah dikirim dan akan diperiksa petugas desa.",
        "keluar_semua" => "Semua sesi lain telah diakhiri.",
        "lapak" => {
            "Produk telah disimpan. Petugas desa akan memeriksanya sebelum tampil di lapak desa."
        }
        "lapak_tarik" => "Produk telah ditarik dari lapak desa.",
        "usulan" => "Usulan Anda telah dikirim dan akan dibahas dalam musyawarah desa.",
        _ => return None,
    })
}

impl FromRequestParts<Bersama> for Warga {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let ke_masuk = || Redirect::to("/warga/masuk").into_response();
        let Some(token) = baca_cookie(parts, COOKIE_WARGA).map(str::to_string) else {
            return Err(ke_masuk());
        };
        let galat = |e: Galat| GalatWeb::from(e).into_response();
        let sesi = match k.store.sesi_warga(&token, None).await {
            Ok(Some(s)) if s.kanal == "portal" => s,
            Ok(_) => return Err(ke_masuk()),
            Err(e) => return Err(galat(e)),
        };
        let jalur = parts.uri.path();
        if sesi.wajib_ganti_pin && jalur != "/warga/ganti-pin" && jalur != "/warga/keluar" {
            return Err(Redirect::to("/warga/ganti-pin").into_response());
        }
        let penduduk = match k.store.penduduk(&sesi.desa_id, sesi.penduduk_id).await {
            Ok(Some(p)) => p,
            Ok(None) => return Err(ke_masuk()),
            Err(e) => return Err(galat(e)),
        };
        let desa = match k.store.desa(&sesi.desa_id).await {
            Ok(Some(d)) => d,
            Ok(None) => return Err(ke_masuk()),
            Err(e) => return Err(galat(e)),
        };
        Ok(Warga {
            sesi,
            token,
            penduduk,
            desa,
        })
    }
}

/// A form posted by a logged-in resident, with a valid CSRF token.
pub struct KirimanWarga {
    pub w: Warga,
    pub isian: Isian,
}

impl axum::extract::FromRequest<Bersama> for KirimanWarga {
    type Rejection = Response;

    async fn from_request(
        req: axum::extract::Request,
        k: &Bersama,
    ) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let w = Warga::from_request_parts(&mut parts, k).await?;
        let req = axum::extract::Request::from_parts(parts, body);
        let axum::extract::Form(isi) =
            axum::extract::Form::<Vec<(String, String)>>::from_request(req, k)
                .await
                .map_err(|_| {
                    GalatWeb::Permintaan("Isi formulir tidak dapat dibaca.".into()).into_response()
                })?;
        let isian = Isian(isi);
        w.cek_csrf(isian.get("_csrf"))
            .map_err(IntoResponse::into_response)?;
        Ok(KirimanWarga { w, isian })
    }
}

pub use crate::kerangka::waktu_zona as waktu;
