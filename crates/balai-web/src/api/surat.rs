//! Letters in the API: types, requests, status with timeline, list, PDF, and public verification.

use super::dalam_rentang;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::surat::{Permohonan, SaringSurat, StatusSurat};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/jenis-surat", get(jenis))
        .route("/desa/{kode}/surat", get(daftar).post(ajukan))
        .route("/desa/{kode}/surat/{id}", get(rincian))
        .route("/desa/{kode}/surat/{id}/pdf", get(pdf))
        .route("/desa/{kode}/surat-laporan", get(laporan))
        .route("/verifikasi/{token}", get(verifikasi))
}

async fn jenis(State(k): State<Bersama>, t: Token, Path(kode): Path<String>) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let data: Vec<_> = k
        .store
        .daftar_jenis_surat(&desa.desa_id)
        .await?
        .into_iter()
        .filter(|j| j.aktif)
        .map(|j| j.jenis)
        .collect();
    Ok(Json(json!({ "data": data })).into_response())
}

#[derive(serde::Deserialize)]
struct KueriDaftar {
    status: Option<String>,
    jenis: Option<String>,
    sebelum: Option<Uuid>,
    batas: Option<i64>,
}

async fn daftar(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriDaftar>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let status = match q.status.as_deref() {
        None | Some("") => vec![],
        Some(s) => vec![StatusSurat::dari_kode(s).ok_or_else(|| {
            Masalah::new(
                StatusCode::BAD_REQUEST,
                "Parameter status tidak dikenal: pakai diajukan, diperiksa, diterbitkan, diserahkan, ditolak atau dibatalkan.",
            )
        })?],
    };
    let batas = dalam_rentang("batas", q.batas, 50, 1, Some(200))?;
    let saring = SaringSurat {
        status,
        jenis_kode: q.jenis.unwrap_or_default(),
        ..Default::default()
    };
    let mut data = k
        .store
        .daftar_surat(&desa.desa_id, &saring, q.sebelum, batas + 1)
        .await?;
    let berikutnya = if data.len() as i64 > batas {
        data.truncate(batas as usize);
        data.last().map(|s| s.id)
    } else {
        None
    };
    Ok(Json(json!({ "data": data, "berikutnya": berikutnya })).into_response())
}

#[derive(serde::Deserialize)]
struct Ajuan {
    jenis: String,
    nik: String,
    #[serde(default)]
    isian: BTreeMap<String, String>,
    #[serde(default)]
    orang: BTreeMap<String, String>,
    #[serde(default)]
    kertas: String,
}

async fn ajukan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    body: Result<Json<Ajuan>, axum::extract::rejection::JsonRejection>,
) -> HasilApi<Response> {
    t.wajib_tulis()?;
    let desa = t.desa(&k, &kode).await?;
    let Json(a) = body.map_err(|e| {
        Masalah::new(
            StatusCode::BAD_REQUEST,
            format!(
                "Badan permintaan harus JSON dengan bidang jenis, nik, isian: {}",
                e.body_text()
            ),
        )
    })?;
    let p = k
        .store
        .penduduk_by_nik(&desa.desa_id, a.nik.trim())
        .await?
        .ok_or_else(|| {
            balai_store::Galat::isian("nik", "NIK tidak ditemukan di data penduduk desa ini.")
        })?;
    let id = k
        .store
        .ajukan_surat(
            &desa.desa_id,
            &Permohonan {
                jenis_kode: a.jenis,
                penduduk_id: p.id,
                isian: a.isian,
                orang: a.orang,
                kanal: "api".into(),
                kertas: a.kertas,
                langsung_diperiksa: false,
                pengganti_dari: None,
            },
            &t.aktor(),
        )
        .await?;
    let s = k.store.surat(&desa.desa_id, id).await?;
    Ok((StatusCode::CREATED, Json(json!({ "data": s }))).into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let s = k
        .store
        .surat(&desa.desa_id, id)
        .await?
        .ok_or(balai_store::Galat::TidakDitemukan)?;
    k.store
        .catat_akses(&desa.desa_id, &t.aktor(), "lihat", "surat", id.to_string())
        .await?;
    let riwayat = k.store.riwayat_surat(&desa.desa_id, id).await?;
    Ok(Json(json!({ "data": s, "riwayat": riwayat })).into_response())
}

async fn pdf(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let (nomor, pdf) = k.store.pdf_surat(&desa.desa_id, id).await?;
    k.store
        .catat_akses(&desa.desa_id, &t.aktor(), "unduh", "surat", id.to_string())
        .await?;
    let nama = crate::unduhan::nama_berkas(&format!("surat-{nomor}"), "pdf");
    Ok(crate::unduhan::unduhan(pdf, "application/pdf", &nama))
}

#[derive(serde::Deserialize)]
struct KueriQr {
    m: Option<String>,
    t: Option<String>,
}

/// Public, no token: what the verification page shows, as JSON.
async fn verifikasi(
    State(k): State<Bersama>,
    Path(token): Path<String>,
    Query(q): Query<KueriQr>,
    axum::extract::ConnectInfo(alamat): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
) -> HasilApi<Response> {
    if !k.pembatas_publik.boleh(&crate::pembatas::alamat_klien(
        k.proxy_tepercaya,
        alamat,
        &headers,
    )) {
        return Err(Masalah::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Terlalu banyak pemeriksaan dari alamat ini. Tunggu satu menit, lalu coba lagi.",
        ));
    }
    if let Some(l) = &k.latihan
        && let Some(desa) = l.surat_latihan(&token).await
    {
        return Err(Masalah::new(
            StatusCode::NOT_FOUND,
            format!(
                "LATIHAN — TIDAK SAH: surat ini dibuat di desa latihan Desa {desa} untuk berlatih dan tidak berlaku untuk keperluan apa pun."
            ),
        ));
    }
    match k
        .store
        .verifikasi_surat(&token, q.m.as_deref(), q.t.as_deref())
        .await?
    {
        Some(h) => Ok(Json(json!({ "data": h })).into_response()),
        None => Err(Masalah::new(
            StatusCode::NOT_FOUND,
            "Tidak ada surat dengan kode ini.",
        )),
    }
}

#[derive(serde::Deserialize)]
struct KueriLaporan {
    tahun: Option<i32>,
}

/// Letters per type and month, processing times and work per staff member for one year.
async fn laporan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriLaporan>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let tahun = match q.tahun {
        Some(x) if (2000..=2200).contains(&x) => x,
        Some(_) => {
            return Err(Masalah::new(
                StatusCode::BAD_REQUEST,
                "Parameter tahun harus antara 2000 dan 2200.",
            ));
        }
        None => chrono::Datelike::year(&k.store.hari_ini(desa.zona())),
    };
    Ok(Json(json!({ "data": k.store.laporan_surat(&desa.desa_id, tahun).await? })).into_response())
}
