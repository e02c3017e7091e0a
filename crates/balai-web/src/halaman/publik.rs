//! Public pages, no login: letter verification by QR, the service standard of a village, and
//! the village's public signing keys. Nothing personal is shown beyond a masked name.

use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::surat::teks::{rupiah, tanggal_indonesia};
use balai_store::surat::{HasilVerifikasi, JenisDesa, Keaslian};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/v/{token}", get(verifikasi))
        .route("/layanan/{kode}", get(layanan))
        .route("/kunci/{kode}", get(kunci))
}

#[derive(serde::Deserialize)]
struct QueryQr {
    m: Option<String>,
    t: Option<String>,
}

#[derive(Template)]
#[template(path = "verifikasi.html")]
struct HalamanVerifikasi {
    h: Option<HasilVerifikasi>,
    /// A practice village's letter: the village's name (the page says it is not valid).
    latihan: Option<String>,
}

impl HalamanVerifikasi {
    fn tanggal(&self, t: &Option<chrono::NaiveDate>) -> String {
        t.map(tanggal_indonesia).unwrap_or_else(|| "—".into())
    }
    fn kelas(&self) -> &'static str {
        match self.h.as_ref().map(|h| h.keaslian) {
            Some(Keaslian::Asli) => "asli",
            Some(Keaslian::Dicabut) => "dicabut",
            _ => "tidak-valid",
        }
    }
}

async fn verifikasi(
    State(k): State<Bersama>,
    Path(token): Path<String>,
    Query(q): Query<QueryQr>,
    axum::extract::ConnectInfo(alamat): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
) -> Result<Response, GalatWeb> {
    if !k.pembatas_publik.boleh(&crate::pembatas::alamat_klien(
        k.proxy_tepercaya,
        alamat,
        &headers,
    )) {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "60")],
            "Terlalu banyak pemeriksaan dari alamat Anda. Tunggu satu menit, lalu coba lagi.",
        )
            .into_response());
    }
    let (h, latihan) = match &k.latihan {
        Some(l) if balai_store::latihan::desa_token_latihan(&token).is_some() => {
            (None, l.surat_latihan(&token).await)
        }
        _ => (
            k.store
                .verifikasi_surat(&token, q.m.as_deref(), q.t.as_deref())
                .await?,
            None,
        ),
    };
    // A practice letter is not a letter: "not found" to any program that reads the status.
    let status = if h.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let html = tampil(&HalamanVerifikasi { h, latihan })?;
    Ok((status, [(header::CACHE_CONTROL, "no-store")], html).into_response())
}

#[derive(Template)]
#[template(path = "layanan.html")]
struct HalamanLayanan {
    desa_nama: String,
    kode: String,
    jenis: Vec<JenisDesa>,
}

impl HalamanLayanan {
    fn biaya(&self, b: &i64) -> String {
        rupiah(*b)
    }
}

async fn layanan(State(k): State<Bersama>, Path(kode): Path<String>) -> Result<Response, GalatWeb> {
    let desa = k.store.desa(&kode).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let jenis = k
        .store
        .daftar_jenis_surat(&desa.desa_id)
        .await?
        .into_iter()
        .filter(|j| j.aktif)
        .collect();
    Ok(tampil(&HalamanLayanan {
        desa_nama: desa.nama,
        kode: desa.desa_id,
        jenis,
    })?
    .into_response())
}

async fn kunci(State(k): State<Bersama>, Path(kode): Path<String>) -> Result<Response, GalatWeb> {
    let kode = kode.trim_end_matches(".json");
    let desa = k.store.desa(kode).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let kunci = k.store.kunci_publik_desa(&desa.desa_id).await?;
    let badan = serde_json::json!({
        "desa": desa.desa_id,
        "nama": desa.nama,
        "algoritma": "Ed25519",
        "penjelasan": "Muatan surat (parameter m pada kode QR, base64url) ditandatangani dengan salah satu kunci ini (parameter t, base64url). Bidang k pada muatan menyebut id kunci.",
        "kunci": kunci,
    });
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=300")],
        axum::Json(badan),
    )
        .into_response())
}
