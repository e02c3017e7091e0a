//! Regulations and decisions in force over the API (never drafts), and the village's inventory,
//! for the district (DPMD, the camat's office). Any token that reads the village may ask.

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_store::aset::{KIB, label_asal, label_kib, label_kondisi};
use balai_store::peraturan::JenisPeraturan;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/peraturan", get(peraturan))
        .route("/desa/{kode}/inventaris", get(inventaris))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct KueriPeraturan {
    jenis: String,
    tahun: Option<i64>,
}

async fn peraturan(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriPeraturan>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let jenis = match q.jenis.trim() {
        "" => None,
        s => Some(JenisPeraturan::dari_kode(s).ok_or_else(|| {
            Masalah::new(
                StatusCode::BAD_REQUEST,
                "jenis harus salah satu dari: perdes, perkades, perdes_bersama, keputusan.",
            )
        })?),
    };
    let slug = k.store.situs_desa(&desa.desa_id).await?.slug;
    let data: Vec<_> = k
        .store
        .peraturan()
        .berlaku(&desa.desa_id, jenis)
        .await?
        .into_iter()
        .filter(|p| q.tahun.is_none_or(|t| p.tahun == Some(t)))
        .map(|p| {
            json!({
                "id": p.id,
                "jenis": p.jenis,
                "jenis_label": p.label_jenis(),
                "nomor": p.nomor,
                "tahun": p.tahun,
                "tanggal_ditetapkan": p.tanggal_tetap,
                "tentang": p.tentang,
                "uraian": p.uraian,
                "tahap": p.tahap,
                "tanggal_kesepakatan_bpd": p.tanggal_sepakat,
                "nomor_evaluasi": p.nomor_evaluasi,
                "tanggal_evaluasi": p.tanggal_evaluasi,
                "diundangkan_dalam": match p.lembaran.as_str() { "lembaran" => Some("Lembaran Desa"), "berita" => Some("Berita Desa"), _ => None },
                "nomor_diundangkan": p.nomor_undang,
                "tanggal_diundangkan": p.tanggal_undang,
                "nomor_laporan_camat": p.nomor_lapor,
                "tanggal_laporan_camat": p.tanggal_lapor,
                "dokumen": p.ada_dokumen.then(|| format!("/desa/{slug}/peraturan/{}", p.token)),
            })
        })
        .collect();
    Ok(Json(json!({"data": data})).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct KueriInventaris {
    kib: String,
    /// true: disposed items too.
    semua: bool,
}

async fn inventaris(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriInventaris>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let kib = q.kib.trim().to_uppercase();
    if !kib.is_empty() && !KIB.iter().any(|(kd, _)| *kd == kib) {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "kib harus salah satu dari: A, B, C, D, E, F.",
        ));
    }
    let barang = k
        .store
        .aset()
        .daftar_barang(&desa.desa_id, &kib, q.semua)
        .await?;
    let jumlah_nilai: i64 = barang
        .iter()
        .filter(|b| !b.dihapus())
        .map(|b| b.nilai)
        .sum();
    let data: Vec<_> = barang
        .iter()
        .map(|b| {
            json!({
                "id": b.id,
                "kib": b.kib,
                "kib_label": label_kib(&b.kib),
                "nama": b.nama,
                "kode_barang": b.kode_barang,
                "nomor_register": b.nomor_register,
                "jumlah": b.jumlah,
                "satuan": b.satuan,
                "tanggal_perolehan": b.tanggal_peroleh,
                "nilai": b.nilai,
                "asal": b.asal,
                "asal_label": label_asal(&b.asal),
                "kas_id": b.kas_id,
                "kondisi": b.kondisi,
                "kondisi_label": label_kondisi(&b.kondisi),
                "lokasi": b.lokasi,
                "penghapusan": (!b.hapus_alasan.is_empty()).then(|| json!({
                    "alasan": b.hapus_alasan,
                    "tanggal": b.hapus_tanggal,
                    "catatan": b.hapus_catatan,
                })),
            })
        })
        .collect();
    Ok(Json(json!({"data": data, "jumlah_nilai": jumlah_nilai})).into_response())
}
