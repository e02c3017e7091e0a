//! The operator's inbox in the API: online letter requests waiting for a check or a signature,
//! with the counts of everything that waits (requests, complaints, data requests).

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::kotak::SaringKotak;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/desa/{kode}/permohonan-daring", get(permohonan))
}

#[derive(serde::Deserialize, Default)]
struct KueriKotak {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kanal: String,
}

async fn permohonan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriKotak>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    if !matches!(q.kanal.as_str(), "" | "portal" | "anjungan" | "api") {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter `kanal` tidak sah: pilih portal, anjungan atau api.",
        ));
    }
    if !matches!(q.status.as_str(), "" | "diajukan" | "diperiksa") {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter status untuk permohonan daring: diajukan atau diperiksa.",
        ));
    }
    let data: Vec<_> = k
        .store
        .kotak_permohonan(
            &desa.desa_id,
            &SaringKotak {
                status: q.status,
                kanal: q.kanal,
                petugas: String::new(),
            },
        )
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "id": r.surat.id,
                "jenis_kode": r.surat.jenis_kode,
                "jenis_nama": r.surat.jenis_nama,
                "status": r.surat.status,
                "kanal": r.surat.kanal,
                "diajukan_pada": r.surat.diajukan_pada,
                "petugas": r.petugas,
            })
        })
        .collect();
    let [baru, ttd, aduan_baru, aduan_proses, data_diajukan] =
        k.store.jumlah_kotak(&desa.desa_id).await?;
    Ok(Json(json!({
        "data": data,
        "jumlah": {
            "permohonan_diajukan": baru,
            "permohonan_menunggu_tanda_tangan": ttd,
            "pengaduan_baru": aduan_baru,
            "pengaduan_diproses": aduan_proses,
            "permintaan_data_diajukan": data_diajukan,
        }
    }))
    .into_response())
}
