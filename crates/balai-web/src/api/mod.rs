//! `/api/v1`: JSON for other applications (district agencies), authorised by API tokens.
//!
//! Errors are `application/problem+json` (RFC 9457); lists use an opaque cursor.

mod adminduk;
mod bantuan;
mod buku;
mod data_terbuka;
mod kesehatan;
mod keuangan;
mod kotak;
mod pendidikan;
mod penduduk;
mod pengaduan;
mod penolakan;
mod perangkat;
mod peraturan;
pub mod sinkron;
mod surat;

use crate::Bersama;
use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::pengguna::TokenApi;
use balai_store::{Aktor, Galat};
use serde::Serialize;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/wilayah", get(cari_wilayah))
        .route("/wilayah/{kode}", get(wilayah))
        .route("/wilayah/{kode}/anak", get(anak_wilayah))
        .route("/desa", get(daftar_desa))
        .route("/desa/{kode}", get(desa))
        .merge(penduduk::rute())
        .merge(adminduk::rute())
        .merge(bantuan::rute())
        .merge(surat::rute())
        .merge(pengaduan::rute())
        .merge(kotak::rute())
        .merge(data_terbuka::rute())
        .merge(keuangan::rute())
        .merge(pendidikan::rute())
        .merge(perangkat::rute())
        .merge(buku::rute())
        .merge(peraturan::rute())
        .merge(kesehatan::rute())
        .merge(sinkron::rute())
        .fallback(|| async { Masalah::new(StatusCode::NOT_FOUND, "Alamat API tidak dikenal.") })
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(axum::middleware::map_response(jadikan_masalah))
}

/// Every API error is a problem document, also the ones axum answers before a handler runs
/// (an id that is not a UUID, a bad query, a method the path does not take).
async fn jadikan_masalah(r: Response) -> Response {
    let masalah = r
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    let status = r.status();
    if !(status.is_client_error() || status.is_server_error()) || masalah {
        return r;
    }
    let asli = axum::body::to_bytes(r.into_body(), 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let detail = match status {
        StatusCode::METHOD_NOT_ALLOWED => "Metode ini tidak didukung untuk alamat API ini.".into(),
        StatusCode::NOT_FOUND => "Alamat API tidak dikenal.".into(),
        s if s.is_server_error() => {
            "Server sedang tidak dapat melayani; coba lagi sebentar lagi.".into()
        }
        _ if asli.is_empty() => "Permintaan tidak sah.".into(),
        _ => penolakan::terjemahkan(&asli),
    };
    Masalah::new(status, detail).into_response()
}

/// A JSON body that must be an object (serde would also take an array for a struct), read into
/// `T` with the path of a field that does not fit named in Indonesian.
pub struct JsonObjek<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S>
    for JsonObjek<T>
{
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let axum::Json(v) = axum::Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if !v.is_object() {
            return Err(Masalah::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Isi permintaan harus objek JSON, mis. {\"langkah\": \"periksa\"}.",
            )
            .into_response());
        }
        serde_path_to_error::deserialize(v)
            .map(JsonObjek)
            .map_err(|e| {
                let asli = format!("Failed to deserialize the JSON body into the target type: {e}");
                Masalah::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    penolakan::terjemahkan(&asli),
                )
                .into_response()
            })
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize)]
pub struct Masalah {
    #[serde(rename = "type")]
    jenis: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<serde_json::Value>,
}

impl Masalah {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        let title = match status {
            StatusCode::NOT_FOUND => "Tidak ditemukan",
            StatusCode::UNAUTHORIZED => "Token tidak sah",
            StatusCode::FORBIDDEN => "Tidak diizinkan",
            StatusCode::CONFLICT => "Konflik versi",
            StatusCode::UNPROCESSABLE_ENTITY => "Isian tidak sah",
            StatusCode::BAD_REQUEST => "Permintaan tidak sah",
            StatusCode::TOO_MANY_REQUESTS => "Terlalu banyak permintaan",
            StatusCode::PAYLOAD_TOO_LARGE => "Isi terlalu besar",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "Jenis isi tidak didukung",
            StatusCode::METHOD_NOT_ALLOWED => "Metode tidak didukung",
            s if s.is_client_error() => "Permintaan tidak sah",
            _ => "Kesalahan server",
        };
        Masalah {
            jenis: "about:blank",
            title,
            status: status.as_u16(),
            detail: detail.into(),
            errors: vec![],
        }
    }
}

impl IntoResponse for Masalah {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}

impl From<Galat> for Masalah {
    fn from(g: Galat) -> Self {
        match g {
            Galat::TidakDitemukan => Masalah::new(StatusCode::NOT_FOUND, "Data tidak ditemukan."),
            Galat::Isian(d) => {
                let mut m = Masalah::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Ada isian yang tidak sah; tidak ada yang disimpan.",
                );
                m.errors =
                    d.0.iter()
                        .map(|e| json!({"field": e.kolom, "message": e.pesan}))
                        .collect();
                m
            }
            Galat::Konflik(p) => Masalah::new(StatusCode::CONFLICT, p),
            Galat::Ditolak(p) => Masalah::new(StatusCode::UNPROCESSABLE_ENTITY, p),
            g => {
                tracing::error!(galat = %g, "galat API");
                Masalah::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Terjadi kesalahan pada server; tidak ada data yang berubah.",
                )
            }
        }
    }
}

pub type HasilApi<T> = Result<T, Masalah>;

/// A query number within its documented range, or a 400 that says so: never clamped in
/// silence, so a client learns of its mistake. `max` none: no upper bound.
pub(crate) fn dalam_rentang(
    nama: &str,
    nilai: Option<i64>,
    bawaan: i64,
    min: i64,
    max: Option<i64>,
) -> HasilApi<i64> {
    let v = nilai.unwrap_or(bawaan);
    if v >= min && max.is_none_or(|m| v <= m) {
        return Ok(v);
    }
    let harap = match max {
        Some(m) => format!("antara {min} dan {m}"),
        None => format!("paling kecil {min}"),
    };
    Err(Masalah::new(
        StatusCode::BAD_REQUEST,
        format!("Parameter `{nama}` tidak sah: harus {harap}, tertulis {v}."),
    ))
}

/// A caller authenticated by `Authorization: Bearer balai_…`.
pub struct Token(pub TokenApi);

impl Token {
    pub fn aktor(&self) -> Aktor {
        Aktor::api(&self.0.nama)
    }
    /// The village, if the token covers it; otherwise 404 (the village's existence is not confirmed).
    pub async fn desa(&self, k: &Bersama, kode: &str) -> HasilApi<balai_store::desa::Desa> {
        if !self.0.mencakup(kode) {
            return Err(Masalah::new(
                StatusCode::NOT_FOUND,
                "Desa tidak ditemukan atau di luar cakupan token.",
            ));
        }
        k.store
            .desa(kode)
            .await?
            .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Desa tidak ditemukan."))
    }
    /// Dukcapil's steps and queue: only a token made for Dukcapil (a write token is not one).
    pub fn wajib_dukcapil(&self) -> HasilApi<()> {
        if self.0.dukcapil {
            Ok(())
        } else {
            Err(Masalah::new(
                StatusCode::FORBIDDEN,
                "Token ini bukan token Dukcapil. Admin sistem membuatnya untuk satu kabupaten: balai token add --dukcapil.",
            ))
        }
    }
    /// Aid recipients, death benefit claims and the Dinas Sosial's steps on them: only a token
    /// made for the Dinas Sosial (a write token is not one).
    pub fn wajib_dinsos(&self) -> HasilApi<()> {
        if self.0.dinsos {
            Ok(())
        } else {
            Err(Masalah::new(
                StatusCode::FORBIDDEN,
                "Token ini bukan token Dinas Sosial. Data penerima bantuan dan klaim santunan hanya untuk token Dinas Sosial, yang dibuat admin sistem untuk satu kabupaten: balai token add --dinsos.",
            ))
        }
    }
    /// Children's health records: only a token made for that (`balai token add --kesehatan`, or
    /// the village admin's token form).
    pub fn wajib_kesehatan(&self) -> HasilApi<()> {
        if self.0.kesehatan {
            Ok(())
        } else {
            Err(Masalah::new(
                StatusCode::FORBIDDEN,
                "Token ini tidak untuk data kesehatan. Data penimbangan balita hanya untuk token kesehatan (puskesmas, Dinas Kesehatan): balai token add --kesehatan, atau centang \"data kesehatan\" saat admin desa membuat token.",
            ))
        }
    }
    pub fn wajib_tulis(&self) -> HasilApi<()> {
        if self.0.tulis {
            Ok(())
        } else {
            Err(Masalah::new(
                StatusCode::FORBIDDEN,
                "Token ini hanya boleh membaca.",
            ))
        }
    }
}

/// The secret of an `Authorization: Bearer …` header (API tokens, sync credentials).
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

impl FromRequestParts<Bersama> for Token {
    type Rejection = Masalah;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let rahasia = bearer(parts).ok_or_else(|| {
            Masalah::new(
                StatusCode::UNAUTHORIZED,
                "Sertakan token API pada header Authorization: Bearer <token>.",
            )
        })?;
        match k.store.token_api(rahasia).await {
            Ok(Some(t)) if !k.pembatas_token.boleh(&t.id.to_string()) => Err(Masalah::new(
                StatusCode::TOO_MANY_REQUESTS,
                "Batas permintaan token ini tercapai (120 per menit); coba lagi sebentar lagi.",
            )),
            Ok(Some(t)) => Ok(Token(t)),
            Ok(None) => Err(Masalah::new(
                StatusCode::UNAUTHORIZED,
                "Token API tidak dikenal atau sudah dicabut.",
            )),
            Err(e) => Err(e.into()),
        }
    }
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct KueriWilayah {
    q: Option<String>,
}

async fn cari_wilayah(
    State(k): State<Bersama>,
    Query(q): Query<KueriWilayah>,
) -> HasilApi<Response> {
    let q = q.q.unwrap_or_default();
    if q.trim().chars().count() < 3 {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter q wajib diisi, paling sedikit 3 huruf (nama wilayah).",
        ));
    }
    Ok(
        axum::Json(json!({"data": k.store.cari_wilayah(q.trim(), None, 50).await?}))
            .into_response(),
    )
}

async fn wilayah(State(k): State<Bersama>, Path(kode): Path<String>) -> HasilApi<Response> {
    let kode: String = kode.chars().filter(|c| c.is_ascii_digit()).collect();
    let w = k
        .store
        .wilayah(&kode)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Kode wilayah tidak dikenal."))?;
    let silsilah = k.store.silsilah_wilayah(&kode).await?;
    Ok(axum::Json(json!({"data": w, "silsilah": silsilah})).into_response())
}

async fn anak_wilayah(State(k): State<Bersama>, Path(kode): Path<String>) -> HasilApi<Response> {
    let kode: String = kode.chars().filter(|c| c.is_ascii_digit()).collect();
    Ok(axum::Json(json!({"data": k.store.anak_wilayah(&kode).await?})).into_response())
}

async fn daftar_desa(State(k): State<Bersama>, t: Token) -> HasilApi<Response> {
    let mut data = Vec::new();
    for d in t.0.desa() {
        if let Some(desa) = k.store.desa(d).await? {
            data.push(desa);
        }
    }
    if !t.0.wilayah.is_empty() {
        for d in k.store.daftar_desa("").await? {
            if d.desa_id.starts_with(&t.0.wilayah) && !data.iter().any(|x| x.desa_id == d.desa_id) {
                data.push(d);
            }
        }
    }
    Ok(axum::Json(json!({"data": data})).into_response())
}

async fn desa(State(k): State<Bersama>, t: Token, Path(kode): Path<String>) -> HasilApi<Response> {
    let d = t.desa(&k, &kode).await?;
    let letak = k.store.letak_desa(&kode).await?;
    let rt = k.store.daftar_rt(&kode).await?;
    Ok(axum::Json(json!({"data": d, "letak": letak, "wilayah_rt": rt})).into_response())
}
