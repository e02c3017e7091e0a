//! Village finance in the API: budget versions, the lines of the budget in force, its
//! realisation and the reports (JSON, PDF, XLSX), and a comparison of the token's villages.
//! Payment requests and cash entries are not here: they name payees.

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use crate::halaman::keuangan::laporan::{JENIS, KOLOM, baris_laporan, sel};
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::keuangan::apbdes::Jumlah;
use balai_store::keuangan::laporan::Periode;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/apbdes", get(versi))
        .route("/desa/{kode}/apbdes/{tahun}", get(apbdes))
        .route("/desa/{kode}/apbdes/{tahun}/realisasi", get(realisasi))
        .route("/desa/{kode}/apbdes/{tahun}/laporan", get(laporan))
        .route("/keuangan/perbandingan", get(perbandingan))
}

async fn versi(State(k): State<Bersama>, t: Token, Path(kode): Path<String>) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let mut data = Vec::new();
    for tahun in k.store.tahun_anggaran(&desa.desa_id).await? {
        data.extend(k.store.versi_apbdes(&desa.desa_id, tahun).await?);
    }
    Ok(Json(json!({ "data": data })).into_response())
}

#[derive(serde::Deserialize)]
struct KueriVersi {
    versi: Option<i64>,
}

async fn apbdes(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, tahun)): Path<(String, i64)>,
    Query(q): Query<KueriVersi>,
) -> HasilApi<Response> {
    let tahun = tahun_anggaran(tahun)?;
    let desa = t.desa(&k, &kode).await?;
    let semua = k.store.versi_apbdes(&desa.desa_id, tahun).await?;
    let v = match q.versi {
        Some(n) => semua.into_iter().find(|v| v.versi == n),
        None => semua.into_iter().rev().find(|v| v.status == "ditetapkan"),
    }
    .ok_or_else(|| {
        Masalah::new(
            StatusCode::NOT_FOUND,
            format!("APBDes {tahun} yang diminta tidak ada."),
        )
    })?;
    let baris = k.store.baris_anggaran(&desa.desa_id, v.id).await?;
    let jumlah = Jumlah::dari(baris.iter().map(|b| (b.kode_rekening.as_str(), b.jumlah)));
    let beda = k.store.beda_apbdes(&desa.desa_id, v.id).await?;
    Ok(Json(json!({
        "versi": v,
        "jumlah": jumlah,
        "surplus": jumlah.surplus(),
        "pembiayaan_neto": jumlah.pembiayaan_neto(),
        "sisa": jumlah.sisa(),
        "baris": baris,
        "perubahan": beda.iter().map(|b| json!({"kode_kegiatan": b.kode_kegiatan, "kode_rekening": b.kode_rekening, "uraian": b.uraian, "sebelum": b.sebelum, "sesudah": b.sesudah})).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[derive(serde::Deserialize)]
struct KueriLaporan {
    periode: Option<String>,
    jenis: Option<String>,
    format: Option<String>,
}

fn periode(q: &KueriLaporan) -> HasilApi<Periode> {
    match q.periode.as_deref() {
        None | Some("tahun") => Ok(Periode::Tahun),
        Some("semester1") => Ok(Periode::Semester1),
        Some(_) => Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter periode: pakai semester1 atau tahun.",
        )),
    }
}

async fn realisasi(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, tahun)): Path<(String, i64)>,
    Query(q): Query<KueriLaporan>,
) -> HasilApi<Response> {
    let tahun = tahun_anggaran(tahun)?;
    let desa = t.desa(&k, &kode).await?;
    let p = periode(&q)?;
    let r = k
        .store
        .realisasi(&desa.desa_id, tahun, p.sampai(tahun))
        .await?
        .ok_or_else(|| {
            Masalah::new(
                StatusCode::NOT_FOUND,
                format!("APBDes {tahun} belum ditetapkan."),
            )
        })?;
    let kel = |v: Vec<balai_store::keuangan::laporan::Kelompok>| {
        v.into_iter().map(|(kode, uraian, anggaran, realisasi)| json!({"kode": kode, "uraian": uraian, "anggaran": anggaran, "realisasi": realisasi})).collect::<Vec<_>>()
    };
    Ok(Json(json!({
        "versi": r.versi,
        "sampai": r.sampai,
        "anggaran": r.anggaran(),
        "realisasi": r.realisasi(),
        "pendapatan_per_jenis": kel(r.pendapatan_per_jenis()),
        "belanja_per_bidang": kel(r.per_bidang()),
        "belanja_per_sumber": kel(r.per_sumber()),
        "baris": r.baris,
    }))
    .into_response())
}

async fn laporan(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, tahun)): Path<(String, i64)>,
    Query(q): Query<KueriLaporan>,
) -> HasilApi<Response> {
    let tahun = tahun_anggaran(tahun)?;
    let desa = t.desa(&k, &kode).await?;
    let p = periode(&q)?;
    let jenis = q.jenis.clone().unwrap_or_else(|| "realisasi".into());
    let Some((_, nama)) = JENIS.iter().find(|(j, _)| *j == jenis) else {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter jenis: pakai realisasi, sumber atau lpj.",
        ));
    };
    let r = k
        .store
        .realisasi(&desa.desa_id, tahun, p.sampai(tahun))
        .await?
        .ok_or_else(|| {
            Masalah::new(
                StatusCode::NOT_FOUND,
                format!("APBDes {tahun} belum ditetapkan."),
            )
        })?;
    let baris = baris_laporan(&r, &jenis);
    let judul = format!("{nama} {} {tahun}", p.label());
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(
            json!({"judul": judul, "desa": desa.nama, "sampai": r.sampai, "baris": baris}),
        )
        .into_response()),
        Some(f @ ("pdf" | "xlsx")) => {
            let subjudul = format!("Pemerintah Desa {} — {}", desa.nama, r.versi.nama());
            let sel: Vec<Vec<String>> = baris.iter().map(sel).collect();
            // The same official report as the page's download.
            let sah = crate::halaman::keuangan::pengesahan(&k, &desa)
                .await
                .map_err(|_| {
                    Masalah::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "Laporan tidak dapat dibuat.",
                    )
                })?;
            crate::unduhan::berkas_tabel(
                &k,
                f,
                &judul,
                &subjudul,
                &KOLOM,
                &sel,
                &format!("{jenis}-{kode}-{tahun}"),
                Some(&sah),
            )
            .await
            .map_err(|_| {
                Masalah::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Laporan tidak dapat dibuat.",
                )
            })
        }
        Some(_) => Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter format: pakai json, pdf atau xlsx.",
        )),
    }
}

#[derive(serde::Deserialize)]
struct KueriPerbandingan {
    tahun: Option<i64>,
}

async fn perbandingan(
    State(k): State<Bersama>,
    t: Token,
    Query(q): Query<KueriPerbandingan>,
) -> HasilApi<Response> {
    let tahun = q.tahun.ok_or_else(|| {
        Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter tahun wajib diisi, misalnya tahun=2026.",
        )
    })?;
    let tahun = tahun_anggaran(tahun)?;
    let boleh = t.0.desa();
    let data: Vec<_> = k
        .store
        .perbandingan_keuangan("", tahun)
        .await?
        .into_iter()
        .filter(|d| boleh.contains(&d.desa_id.as_str()))
        .map(|d| {
            let serapan = d.serapan_dd();
            json!({"desa": d, "serapan_dana_desa_persen": serapan})
        })
        .collect();
    Ok(Json(json!({ "tahun": tahun, "data": data })).into_response())
}

/// A budget year the books can hold (dates outside it are refused by PostgreSQL).
fn tahun_anggaran(tahun: i64) -> HasilApi<i64> {
    super::dalam_rentang("tahun", Some(tahun), tahun, 2000, Some(2200))
}
