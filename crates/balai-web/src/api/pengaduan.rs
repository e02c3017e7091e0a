//! Complaints in the API, for the village's own tools and the district: the list, one with its
//! replies, and a reply.

use super::JsonObjek;
use super::dalam_rentang;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::pengaduan::{STATUS, SaringPengaduan};
use serde_json::json;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/pengaduan", get(daftar_pengaduan))
        .route("/desa/{kode}/pengaduan/{id}", get(pengaduan))
        .route("/desa/{kode}/pengaduan/{id}/balasan", post(balas))
}

#[derive(serde::Deserialize, Default)]
struct KueriPengaduan {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kategori: String,
    batas: Option<i64>,
}

/// What the API shows of a complaint: the reporter's contact only to the village's own
/// clients with write rights; the photo is not sent.
fn json_pengaduan(p: &balai_store::pengaduan::Pengaduan, lengkap: bool) -> serde_json::Value {
    json!({
        "id": p.id,
        "kode_lacak": p.kode_lacak,
        "kategori": p.kategori,
        "kategori_label": p.label_kategori(),
        "judul": p.judul,
        "isi": p.isi,
        "status": p.status,
        "status_label": p.label_status(),
        "kanal": p.kanal,
        "petugas": p.petugas,
        "ada_foto": p.foto_mime.is_some(),
        "pelapor": if lengkap { json!({ "nama": p.nama_pelapor, "kontak": p.kontak }) } else { json!(null) },
        "dibuat_pada": p.dibuat_pada,
        "diubah_pada": p.diubah_pada,
    })
}

async fn daftar_pengaduan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriPengaduan>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    if !q.status.is_empty() && !STATUS.iter().any(|(s, _)| *s == q.status) {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter status tidak dikenal: pakai baru, diproses, selesai atau ditolak.",
        ));
    }
    let s = SaringPengaduan {
        status: q.status,
        kategori: q.kategori,
        ..Default::default()
    };
    let daftar = k
        .store
        .daftar_pengaduan(
            &desa.desa_id,
            &s,
            dalam_rentang("batas", q.batas, 100, 1, Some(500))?,
        )
        .await?;
    let jumlah: serde_json::Map<String, serde_json::Value> = k
        .store
        .jumlah_pengaduan(&desa.desa_id)
        .await?
        .into_iter()
        .map(|(s, n)| (s, json!(n)))
        .collect();
    let data: Vec<_> = daftar
        .iter()
        .map(|p| json_pengaduan(p, t.0.tulis))
        .collect();
    Ok(Json(json!({ "data": data, "jumlah": jumlah })).into_response())
}

async fn pengaduan(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let p = k
        .store
        .pengaduan(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Pengaduan tidak ditemukan."))?;
    k.store
        .catat_akses(
            &desa.desa_id,
            &t.aktor(),
            "lihat",
            "pengaduan",
            id.to_string(),
        )
        .await?;
    // Who answered is shown to the village's own (write) clients only; a reply by the reporter
    // is marked as such, never by the resident's record id.
    let balasan: Vec<_> = k
        .store
        .balasan_pengaduan(&desa.desa_id, id)
        .await?
        .into_iter()
        .map(|b| {
            let petugas = (!b.dari_warga && t.0.tulis).then_some(b.aktor);
            json!({ "urut": b.urut, "waktu": b.waktu, "dari_warga": b.dari_warga, "petugas": petugas,
                    "isi": b.isi, "status": b.status })
        })
        .collect();
    let mut v = json_pengaduan(&p, t.0.tulis);
    v["balasan"] = json!(balasan);
    Ok(Json(v).into_response())
}

#[derive(serde::Deserialize)]
struct Balasan {
    isi: String,
    #[serde(default)]
    status: Option<String>,
}

async fn balas(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
    JsonObjek(b): JsonObjek<Balasan>,
) -> HasilApi<Response> {
    t.wajib_tulis()?;
    let desa = t.desa(&k, &kode).await?;
    k.store
        .balas_pengaduan(
            &desa.desa_id,
            id,
            &b.isi,
            b.status.as_deref(),
            false,
            &t.aktor(),
        )
        .await?;
    k.store.bangunkan_kurir();
    let p = k
        .store
        .pengaduan(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Pengaduan tidak ditemukan."))?;
    Ok((StatusCode::CREATED, Json(json_pengaduan(&p, t.0.tulis))).into_response())
}
