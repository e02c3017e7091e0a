//! Open data through the API, without a token: the same public datasets (aggregates only,
//! small groups suppressed) as the village site's `/data` pages, for other applications.

use super::{HasilApi, Masalah};
use crate::Bersama;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::situs::data::LISENSI_URL;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/data-terbuka", get(katalog))
        .route("/desa/{kode}/data-terbuka/{id}", get(dataset))
}

async fn desa(k: &Bersama, kode: &str) -> HasilApi<balai_store::desa::Desa> {
    k.store
        .desa(kode)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Desa tidak ditemukan."))
}

async fn katalog(State(k): State<Bersama>, Path(kode): Path<String>) -> HasilApi<Response> {
    let d = desa(&k, &kode).await?;
    let data: Vec<_> = k
        .store
        .katalog_data(&d.desa_id)
        .await?
        .into_iter()
        .map(|m| {
            let mut v = serde_json::to_value(&m).unwrap_or_default();
            v["lisensi_url"] = json!(LISENSI_URL);
            v["url"] = json!(format!("/api/v1/desa/{kode}/data-terbuka/{}", m.id));
            v
        })
        .collect();
    Ok(axum::Json(json!({ "desa": d.nama, "data": data })).into_response())
}

async fn dataset(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, String)>,
) -> HasilApi<Response> {
    let d = desa(&k, &kode).await?;
    let ds = k
        .store
        .dataset_terbuka(&d.desa_id, &id)
        .await?
        .ok_or_else(|| {
            Masalah::new(
                StatusCode::NOT_FOUND,
                "Dataset tidak dikenal; daftar dataset ada di /api/v1/desa/{kode}/data-terbuka.",
            )
        })?;
    Ok(axum::Json(ds.json()).into_response())
}
