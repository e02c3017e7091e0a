//! Education over the API: a village's children aged 3–18 with their state for a school year
//! (yearly check, else the registry's education fields) and the counts per dusun, for the
//! district's education office. Any token that reads the village may ask (names and ages, no
//! NIK, as the resident list); every child returned is written to the village's access log.

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_domain::pendidikan::{Keadaan, label_tahun, tahun_ajaran, tanggal_acuan};
use balai_store::pendidikan::{AnakSekolah, ringkas_per_dusun};
use serde_json::{Value, json};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/desa/{kode}/pendidikan/anak", get(anak))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Kueri {
    tahun: Option<i32>,
    dusun: String,
    /// "sekolah" (7–18), "paud" (3–6) or empty for both.
    kelompok: String,
    /// A state code, or empty for all.
    keadaan: String,
}

fn baris(a: &AnakSekolah) -> Value {
    json!({
        "penduduk_id": a.penduduk_id,
        "nama": a.nama,
        "jenis_kelamin": a.jenis_kelamin,
        "tanggal_lahir": a.tanggal_lahir,
        "umur": a.umur,
        "dusun": a.dusun,
        "rw": a.rw,
        "rt": a.rt,
        "kelompok": if a.usia_paud() { "paud" } else { "sekolah" },
        "keadaan": a.keadaan.kode(),
        "keadaan_label": a.label_keadaan(),
        "sumber": a.sumber.kode(),
        "dicek_tahun_ini": a.dicek_tahun_ini(),
        "perlu_perhatian": a.perlu_perhatian(),
        "pendidikan_kk": a.label_pendidikan_kk(),
        "pendidikan_sedang": a.pendidikan_sedang_id.map(|_| a.label_pendidikan_sedang()),
        "cek_terakhir": a.cek.as_ref().map(|c| json!({
            "tahun": c.tahun,
            "status": c.status,
            "jenjang": c.jenjang,
            "nama_sekolah": c.nama_sekolah,
            "potensi_id": c.potensi_id,
            "alasan": c.alasan,
            "diubah_pada": c.diubah_pada,
        })),
    })
}

async fn anak(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let berjalan = tahun_ajaran(k.store.hari_ini(desa.zona()));
    let tahun = q.tahun.unwrap_or(berjalan);
    if !(2000..=berjalan).contains(&tahun) {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            format!(
                "tahun adalah tahun awal tahun ajaran, dari 2000 sampai tahun ajaran berjalan ({berjalan} untuk {}).",
                label_tahun(berjalan)
            ),
        ));
    }
    if !matches!(q.kelompok.as_str(), "" | "sekolah" | "paud") {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "kelompok harus sekolah (7–18 tahun) atau paud (3–6 tahun).",
        ));
    }
    let keadaan = match q.keadaan.trim() {
        "" => None,
        s => Some(Keadaan::dari_kode(s).ok_or_else(|| {
            let semua: Vec<&str> = Keadaan::SEMUA.iter().map(|k| k.kode()).collect();
            Masalah::new(
                StatusCode::BAD_REQUEST,
                format!("keadaan harus salah satu dari: {}.", semua.join(", ")),
            )
        })?),
    };
    let p = k.store.pendidikan();
    let dusun_desa = p.dusun(&kode).await?;
    let dusun = q.dusun.trim().to_uppercase();
    if !dusun.is_empty() && !dusun_desa.contains(&dusun) {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            format!(
                "Dusun {dusun} tidak ada di desa ini; pilih salah satu: {}.",
                dusun_desa.join(", ")
            ),
        ));
    }
    let semua = p.anak(&kode, tahun, "").await?;
    let (per_dusun, jumlah) = ringkas_per_dusun(&dusun_desa, &semua);
    let pilih: Vec<&AnakSekolah> = semua
        .iter()
        .filter(|a| dusun.is_empty() || a.dusun == dusun)
        .filter(|a| match q.kelompok.as_str() {
            "sekolah" => a.usia_sekolah(),
            "paud" => a.usia_paud(),
            _ => true,
        })
        .filter(|a| keadaan.is_none_or(|k| a.keadaan == k))
        .collect();
    let orang: Vec<Uuid> = pilih.iter().map(|a| a.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(&kode, &t.aktor(), "api_pendidikan_anak", &orang)
        .await?;
    Ok(Json(json!({
        "tahun": tahun,
        "tahun_ajaran": label_tahun(tahun),
        "tanggal_acuan": tanggal_acuan(tahun),
        "data": pilih.iter().map(|a| baris(a)).collect::<Vec<_>>(),
        "ringkasan_dusun": per_dusun,
        "jumlah": jumlah,
    }))
    .into_response())
}
