//! Health over the API, for the puskesmas and the Dinas Kesehatan: a village's figures (any
//! token that reads the village: counts only) and its measurements with their z-scores (only a
//! token made for health data; every child returned is written to the access log).

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_domain::kesehatan::zscore::Indikator;
use balai_store::kesehatan::Penimbangan;
use serde_json::{Value, json};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/kesehatan/ringkasan", get(ringkasan))
        .route("/desa/{kode}/kesehatan/penimbangan", get(penimbangan))
}

/// The village's posyandu, monthly nutrition figures (six months), immunisation coverage, how
/// many children wait for referral, how many pregnant women show risk signs, and the stunting
/// convergence indicators' shares.
async fn ringkasan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let h = k.store.kesehatan();
    let hari_ini = k.store.hari_ini(desa.zona());
    let posyandu: Vec<Value> = h
        .daftar_posyandu(&kode)
        .await?
        .into_iter()
        .map(|p| json!({"id": p.id, "nama": p.nama, "wilayah": p.wilayah(), "aktif": p.aktif}))
        .collect();
    let hamil = h.daftar_kehamilan(&kode, false).await?;
    let konvergensi =
        balai_store::kesehatan::konvergensi::ringkas(&h.konvergensi(&kode, hari_ini).await?);
    Ok(Json(json!({
        "desa": kode,
        "tanggal": hari_ini,
        "posyandu": posyandu,
        "gizi_bulanan": h.ringkas_gizi(&kode, hari_ini, 6).await?,
        "cakupan_imunisasi": h.cakupan_imunisasi(&kode, hari_ini).await?,
        "perlu_rujukan": h.perlu_rujukan(&kode).await?.len(),
        "ibu_hamil": hamil.len(),
        "ibu_hamil_berisiko": hamil.iter().filter(|x| !x.risiko.is_empty()).count(),
        "konvergensi": konvergensi,
    }))
    .into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Kueri {
    /// YYYY-MM-DD; default: the first day of this month.
    dari: Option<chrono::NaiveDate>,
    /// YYYY-MM-DD; default: today.
    sampai: Option<chrono::NaiveDate>,
    posyandu: Option<Uuid>,
}

fn baris(p: &Penimbangan) -> Value {
    let kategori = |i| p.kategori(i);
    json!({
        "id": p.id,
        "posyandu_id": p.posyandu_id,
        "penduduk_id": p.penduduk_id,
        "tanggal": p.tanggal,
        "umur_hari": p.umur_hari,
        "berat_kg": p.berat,
        "panjang_cm": p.panjang,
        "cara_ukur": p.cara_ukur,
        "lingkar_kepala_cm": p.lingkar_kepala,
        "lila_cm": p.lila,
        "z": {
            "bb_u": p.z_bbu,
            "tb_u": p.z_tbu,
            "bb_tb": p.z_bbtb,
            "imt_u": p.z_imtu,
        },
        "kategori": {
            "bb_u": kategori(Indikator::BbU),
            "tb_u": kategori(Indikator::PbTbU),
            "bb_tb": kategori(Indikator::BbPbTb),
            "imt_u": kategori(Indikator::ImtU),
        },
        "status_pertumbuhan": p.status_nt,
        "vitamin_a": p.vitamin_a,
        "asi_eksklusif": p.asi_eksklusif,
        "pmt": p.pmt,
        "obat_cacing": p.obat_cacing,
    })
}

/// Measurements between two dates (at most a year), with each child's name, sex and birth date.
async fn penimbangan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    t.wajib_kesehatan()?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let sampai = q.sampai.unwrap_or(hari_ini);
    let dari = q.dari.unwrap_or_else(|| {
        use chrono::Datelike;
        sampai.with_day(1).unwrap_or(sampai)
    });
    if dari > sampai || (sampai - dari).num_days() > 366 {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "dari dan sampai (TTTT-BB-HH) membatasi rentang paling lama satu tahun, dari tidak sesudah sampai.",
        ));
    }
    let h = k.store.kesehatan();
    let daftar = h
        .penimbangan_rentang(&kode, dari, sampai, q.posyandu)
        .await?;
    let mut anak: Vec<Uuid> = daftar.iter().map(|p| p.penduduk_id).collect();
    anak.sort();
    anak.dedup();
    k.store
        .catat_akses_penduduk(&kode, &t.aktor(), "api_penimbangan", &anak)
        .await?;
    let mut orang = serde_json::Map::new();
    for id in &anak {
        if let Some(p) = k.store.penduduk(&kode, *id).await? {
            orang.insert(
                id.to_string(),
                json!({"nama": p.nama, "jenis_kelamin": p.jenis_kelamin, "tanggal_lahir": p.tanggal_lahir}),
            );
        }
    }
    Ok(Json(json!({
        "desa": kode,
        "dari": dari,
        "sampai": sampai,
        "anak": orang,
        "penimbangan": daftar.iter().map(baris).collect::<Vec<_>>(),
    }))
    .into_response())
}
