//! Export of residents (the list's filters, as XLSX, CSV or OpenSID's format) and families.

use super::penduduk::saring_dari;
use crate::isian::Kiriman;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::ekspor::FormatEkspor;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/ekspor/penduduk", post(ekspor_penduduk))
        .route("/desa/{kode}/ekspor/keluarga", get(ekspor_keluarga))
}

fn unduhan(isi: Vec<u8>, format: FormatEkspor, nama: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.mime().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{nama}.{}\"", format.ekstensi()),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        isi,
    )
        .into_response()
}

fn format_ekspor(s: &str) -> FormatEkspor {
    match s {
        "csv" => FormatEkspor::Csv,
        "opensid" => FormatEkspor::OpenSid,
        _ => FormatEkspor::Xlsx,
    }
}

async fn ekspor_penduduk(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let saring = saring_dari(&kir.isian);
    let format = format_ekspor(kir.isian.get("format"));
    let isi = k.store.ekspor_penduduk(&kode, &saring, format).await?;
    k.store
        .catat_ekspor(&kode, "penduduk", format, Some(&saring), &kir.m.aktor())
        .await?;
    let tanggal = k.store.sekarang().format("%Y%m%d");
    Ok(unduhan(isi, format, &format!("penduduk-{kode}-{tanggal}")))
}

#[derive(serde::Deserialize)]
struct KueriFormat {
    format: Option<String>,
}

async fn ekspor_keluarga(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriFormat>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let format = match q.format.as_deref() {
        Some("csv") => FormatEkspor::Csv,
        _ => FormatEkspor::Xlsx,
    };
    let isi = k.store.ekspor_keluarga(&kode, format).await?;
    k.store
        .catat_ekspor(&kode, "keluarga", format, None, &m.aktor())
        .await?;
    let tanggal = k.store.sekarang().format("%Y%m%d");
    Ok(unduhan(isi, format, &format!("keluarga-{kode}-{tanggal}")))
}
