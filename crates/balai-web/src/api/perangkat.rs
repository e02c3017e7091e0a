//! Village staff and attendance over the API: every tenure (current and ended) with its holder
//! and decrees, and a month's attendance recap per official. No PIN hashes, no positions of
//! people (only the distance of a flagged phone check-in from the office), no scans.

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_store::perangkat::kehadiran::urai_bulan;
use chrono::Datelike;
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/perangkat", get(perangkat))
        .route("/desa/{kode}/kehadiran", get(kehadiran))
}

async fn perangkat(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let data: Vec<serde_json::Value> = k
        .store
        .perangkat()
        .daftar(&kode)
        .await?
        .into_iter()
        .map(|x| {
            json!({
                "id": x.j.id,
                "perangkat_id": x.o.id,
                "nama": x.o.nama,
                "jenis_kelamin": x.o.jenis_kelamin,
                "nip": x.o.nip,
                "niap": x.o.niap,
                "pangkat": x.o.pangkat,
                "pendidikan": x.o.pendidikan,
                "lembaga": x.j.lembaga,
                "lembaga_label": x.j.label_lembaga(),
                "unit": x.j.unit,
                "jabatan": x.j.jabatan,
                "urut": x.j.urut,
                "sk_nomor": x.j.sk_nomor,
                "sk_tanggal": x.j.sk_tanggal,
                "mulai": x.j.mulai,
                "selesai": x.j.selesai,
                "henti_nomor": x.j.henti_nomor,
                "henti_tanggal": x.j.henti_tanggal,
                "menjabat": x.j.menjabat_pada(hari_ini),
            })
        })
        .collect();
    Ok(Json(json!({ "tanggal": hari_ini, "data": data })).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Kueri {
    bulan: String,
}

async fn kehadiran(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let (tahun, bulan) = if q.bulan.trim().is_empty() {
        (hari_ini.year(), hari_ini.month())
    } else {
        urai_bulan(&q.bulan).ok_or_else(|| {
            Masalah::new(
                StatusCode::BAD_REQUEST,
                "bulan ditulis TTTT-BB, contoh 2026-11.",
            )
        })?
    };
    let r = k.store.kehadiran().rekap_desa(&kode, tahun, bulan).await?;
    Ok(Json(json!({
        "bulan": format!("{tahun:04}-{bulan:02}"),
        "dihitung_sampai": r.sampai,
        "ditandatangani": r.tanda_tangan.as_ref().map(|t| json!({
            "oleh": t.ditandatangani_oleh.trim_start_matches("pengguna:"),
            "pada": t.ditandatangani_pada,
        })),
        "data": r.orang.iter().map(|o| json!({
            "perangkat_id": o.perangkat_id,
            "nama": o.nama,
            "jabatan": o.jabatan,
            "hari_kerja": o.hitung.hari_kerja,
            "hadir": o.hitung.hadir,
            "terlambat": o.hitung.terlambat,
            "cuti": o.hitung.cuti,
            "dinas_luar": o.hitung.dinas_luar,
            "sakit": o.hitung.sakit,
            "tanpa_keterangan": o.hitung.tanpa_keterangan,
            "hadir_libur": o.hitung.hadir_libur,
            "tanda": o.hitung.tanda,
        })).collect::<Vec<_>>(),
        "jumlah": {
            "hari_kerja": r.jumlah.hari_kerja,
            "hadir": r.jumlah.hadir,
            "terlambat": r.jumlah.terlambat,
            "cuti": r.jumlah.cuti,
            "dinas_luar": r.jumlah.dinas_luar,
            "sakit": r.jumlah.sakit,
            "tanpa_keterangan": r.jumlah.tanpa_keterangan,
            "hadir_libur": r.jumlah.hadir_libur,
        },
    }))
    .into_response())
}
