//! `/api/v1/sinkron/*`: the district server's side of the village node exchange
//! (docs/sinkron.md), and `/api/v1/perubahan`: the agencies' changes feed.
//!
//! Bodies travel compressed both ways when the other side says it can (zstd, or gzip for an
//! older node; `crate::mampat`), and the files of a pulled batch are packed (`sinkron::kemas`)
//! for a node that rebuilds them as this server does: a village on a metered phone hotspot pays for every byte.

use super::dalam_rentang;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use crate::mampat::{self, Cara, Tingkat};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::sinkron::{Jabat, Paket};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/sinkron/siapa", get(siapa))
        .route("/sinkron/jabat", post(jabat))
        .route("/sinkron/dorong", post(dorong))
        .route("/sinkron/tarik", get(tarik))
        .route("/sinkron/awal", get(awal))
        .route("/perubahan", get(perubahan))
}

/// A village node, by its sync credential (`Authorization: Bearer bsk_…`).
pub struct Simpul(pub String);

impl FromRequestParts<Bersama> for Simpul {
    type Rejection = Masalah;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let token = super::bearer(parts).ok_or_else(|| {
            Masalah::new(
                StatusCode::UNAUTHORIZED,
                "Sertakan kredensial sinkron pada header Authorization: Bearer <kredensial>.",
            )
        })?;
        match k.store.sinkron().cek_token(token).await {
            Ok(d) => Ok(Simpul(d)),
            Err(balai_store::Galat::Ditolak(p)) => {
                Err(Masalah::new(StatusCode::UNAUTHORIZED, format!("{p}.")))
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn baca<T: DeserializeOwned>(h: &HeaderMap, isi: &Bytes) -> HasilApi<T> {
    let cara = Cara::dari_header(
        h.get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let teks = mampat::urai(isi, cara).map_err(|_| {
        Masalah::new(
            StatusCode::BAD_REQUEST,
            "Isi permintaan terpotong, terlalu besar, atau bukan gzip/zstd yang sah; kirim ulang.",
        )
    })?;
    serde_json::from_slice(&teks).map_err(|e| {
        Masalah::new(
            StatusCode::BAD_REQUEST,
            format!("Isi permintaan bukan paket sinkron yang sah: {e}"),
        )
    })
}

/// JSON, compressed as the caller accepts (zstd before gzip).
pub fn jawab<T: Serialize>(h: &HeaderMap, nilai: &T) -> Response {
    jawab_dengan(h, nilai, Tingkat::Biasa)
}

fn jawab_dengan<T: Serialize>(h: &HeaderMap, nilai: &T, tingkat: Tingkat) -> Response {
    let json = serde_json::to_vec(nilai).unwrap_or_default();
    let cara = Cara::terbaik(h.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    if let (Some(nama), Ok(isi)) = (cara.header(), mampat::mampatkan(&json, cara, tingkat)) {
        return (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CONTENT_ENCODING, nama),
            ],
            isi,
        )
            .into_response();
    }
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// The village this credential belongs to (the first step of `balai sync init`).
async fn siapa(Simpul(desa): Simpul, h: HeaderMap) -> Response {
    jawab(&h, &serde_json::json!({ "desa_id": desa }))
}

async fn jabat(
    State(k): State<Bersama>,
    Simpul(desa): Simpul,
    h: HeaderMap,
    isi: Bytes,
) -> HasilApi<Response> {
    let j: Jabat = baca(&h, &isi)?;
    let jawaban = k.store.sinkron().jabat(&desa, &j).await.map_err(tolakan)?;
    Ok(jawab(&h, &jawaban))
}

async fn dorong(
    State(k): State<Bersama>,
    Simpul(desa): Simpul,
    h: HeaderMap,
    isi: Bytes,
) -> HasilApi<Response> {
    let p: Paket = baca(&h, &isi)?;
    let jawaban = k
        .store
        .sinkron()
        .terima_dorong(&desa, &p)
        .await
        .map_err(tolakan)?;
    Ok(jawab(&h, &jawaban))
}

/// A refused batch or opening is 409: the node keeps its data and shows the reason.
fn tolakan(g: balai_store::Galat) -> Masalah {
    match g {
        balai_store::Galat::Ditolak(p) => Masalah::new(StatusCode::CONFLICT, p),
        g => g.into(),
    }
}

#[derive(serde::Deserialize)]
struct KueriTarik {
    sejak: i64,
    /// The node's `kemas::sidik()`: files are packed when it is this server's own.
    kemas: Option<String>,
}

fn boleh_kemas(sidik: Option<&str>) -> bool {
    sidik == Some(balai_store::sinkron::kemas::sidik())
}

async fn tarik(
    State(k): State<Bersama>,
    Simpul(desa): Simpul,
    h: HeaderMap,
    Query(q): Query<KueriTarik>,
) -> HasilApi<Response> {
    let sejak = dalam_rentang("sejak", Some(q.sejak), 0, 0, None)?;
    let mut p = k.store.sinkron().paket_tarik(&desa, sejak).await?;
    let kemas = boleh_kemas(q.kemas.as_deref());
    // Packing and strong compression take CPU time: off the async workers.
    let jawaban = tokio::task::spawn_blocking(move || {
        if kemas {
            p.kemas();
        }
        jawab_dengan(&h, &p, Tingkat::untuk(&p))
    })
    .await
    .map_err(|e| Masalah::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(jawaban)
}

#[derive(serde::Deserialize)]
struct KueriAwal {
    tabel: String,
    /// The previous page's `berikut` (a row key, JSON).
    setelah: Option<String>,
}

async fn awal(
    State(k): State<Bersama>,
    Simpul(desa): Simpul,
    h: HeaderMap,
    Query(q): Query<KueriAwal>,
) -> HasilApi<Response> {
    // Not packed: a page of the initial pull may hold hundreds of letters, and the one-time
    // pull is measured in seconds, not bytes.
    let hlm = k
        .store
        .sinkron()
        .halaman_awal(&desa, &q.tabel, q.setelah.as_deref(), 500)
        .await
        .map_err(tolakan)?;
    Ok(jawab(&h, &hlm))
}

#[derive(serde::Deserialize)]
struct KueriPerubahan {
    #[serde(default)]
    sejak: i64,
    batas: Option<i64>,
}

/// The agencies' feed: registry and letter changes in the token's villages after a cursor.
async fn perubahan(
    State(k): State<Bersama>,
    t: Token,
    h: HeaderMap,
    Query(q): Query<KueriPerubahan>,
) -> HasilApi<Response> {
    let batas = dalam_rentang("batas", q.batas, 500, 1, Some(1000))?;
    let sejak = dalam_rentang("sejak", Some(q.sejak), 0, 0, None)?;
    let data = k
        .store
        .sinkron()
        .umpan_perubahan(&t.0.awalan(), sejak, batas)
        .await?;
    let berikut = data.last().map(|e| e.nomor).unwrap_or(q.sejak);
    k.store
        .sinkron()
        .catat_baca_umpan(&t.aktor(), &data)
        .await?;
    Ok(jawab(
        &h,
        &serde_json::json!({ "data": data, "berikut": berikut, "habis": (data.len() as i64) < batas }),
    ))
}
