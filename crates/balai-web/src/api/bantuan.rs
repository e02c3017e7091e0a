//! Social protection for the Dinas Sosial's own system: a village's aid programmes (any token
//! that reads the village), the recipients of one programme (names, NIK and family cards: the
//! Dinas Sosial's token only, each read audited), and the death benefit claims across the
//! villages of its kabupaten (or one village), with the steps the Dinas Sosial takes on them
//! (verify, ask for a fix, refuse, record the payment). The village's steps stay in Balai.

use super::JsonObjek;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use balai_domain::bantuan::{LangkahSantunan, PelakuSantunan, StatusSantunan};
use balai_store::bantuan::{AksiSantunan, Santunan, SaringSantunan};
use serde_json::{Value, json};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/bantuan", get(program_wilayah))
        .route("/desa/{kode}/bantuan", get(daftar_program))
        .route("/desa/{kode}/bantuan/{id}/penerima", get(penerima))
        .route("/santunan", get(santunan_wilayah))
        .route("/desa/{kode}/santunan", get(santunan_desa))
        .route("/desa/{kode}/santunan/{id}", get(satu_santunan))
        .route("/desa/{kode}/santunan/{id}/langkah", post(langkah))
}

/// The steps the Dinas Sosial takes over the API (the village submits and closes in Balai).
const LANGKAH_DINSOS: [LangkahSantunan; 4] = [
    LangkahSantunan::Verifikasi,
    LangkahSantunan::MintaPerbaikan,
    LangkahSantunan::Tolak,
    LangkahSantunan::Bayar,
];

async fn daftar_program(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let data = k
        .store
        .bantuan()
        .daftar_program(&desa.desa_id, None)
        .await?;
    Ok(Json(json!({"data": data})).into_response())
}

#[derive(serde::Deserialize, Default)]
struct KueriTahun {
    tahun: Option<i64>,
}

/// The programmes of every village of a region token (the district's view).
async fn program_wilayah(
    State(k): State<Bersama>,
    t: Token,
    Query(q): Query<KueriTahun>,
) -> HasilApi<Response> {
    if t.0.wilayah.is_empty() {
        return Err(Masalah::new(
            StatusCode::FORBIDDEN,
            "Daftar program lintas desa memerlukan token wilayah (kecamatan atau kabupaten). Gunakan /api/v1/desa/{kode}/bantuan untuk satu desa.",
        ));
    }
    let data = k
        .store
        .bantuan()
        .daftar_program_wilayah(&t.0.wilayah, q.tahun)
        .await?;
    Ok(Json(json!({"data": data})).into_response())
}

async fn penerima(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    // Names, NIK and family cards of aid recipients: for the Dinas Sosial only.
    t.wajib_dinsos()?;
    let desa = t.desa(&k, &kode).await?;
    let b = k.store.bantuan();
    let g = b
        .program(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Program bantuan tidak ditemukan."))?;
    let data = b.penerima(&desa.desa_id, id).await?;
    let orang: Vec<Uuid> = data.iter().map(|p| p.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &t.aktor(), "api_penerima_bantuan", &orang)
        .await?;
    Ok(Json(json!({
        "program": {
            "id": g.id, "kode": g.kode, "nama": g.nama, "sasaran": g.sasaran, "tahun": g.tahun,
            "nominal": g.nominal,
        },
        "data": data,
    }))
    .into_response())
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    status: Option<String>,
}

impl Kueri {
    fn saring(&self) -> HasilApi<SaringSantunan> {
        let status = self.status.as_deref().unwrap_or("").trim();
        if !status.is_empty() && StatusSantunan::dari_kode(status).is_none() {
            let semua: Vec<&str> = StatusSantunan::SEMUA.iter().map(|s| s.kode()).collect();
            return Err(Masalah::new(
                StatusCode::BAD_REQUEST,
                format!("status harus salah satu dari: {}.", semua.join(", ")),
            ));
        }
        Ok(SaringSantunan {
            status: status.to_string(),
            ..Default::default()
        })
    }
}

async fn daftar_santunan(k: &Bersama, s: &SaringSantunan) -> HasilApi<Response> {
    let baris = k.store.bantuan().daftar_santunan(s).await?;
    let data: Vec<Value> = baris
        .into_iter()
        .map(|b| {
            json!({
                "id": b.id, "desa": b.desa_id, "nama_desa": b.nama_desa, "nomor": b.nomor,
                "almarhum": b.almarhum, "tanggal_meninggal": b.tanggal_meninggal,
                "tenggat": b.tenggat, "status": b.status, "status_label": b.status_label(),
                "nominal": b.nominal, "terlambat": !b.alasan_terlambat.is_empty(),
                "diajukan_pada": b.diajukan_pada, "dibayar_pada": b.dibayar_pada,
            })
        })
        .collect();
    Ok(Json(json!({"total": data.len(), "data": data})).into_response())
}

/// Across the villages of the token's region (the Dinas Sosial's kabupaten).
async fn santunan_wilayah(
    State(k): State<Bersama>,
    t: Token,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    t.wajib_dinsos()?;
    if t.0.wilayah.is_empty() {
        return Err(Masalah::new(
            StatusCode::FORBIDDEN,
            "Daftar klaim lintas desa memerlukan token wilayah (kabupaten). Gunakan /api/v1/desa/{kode}/santunan untuk satu desa.",
        ));
    }
    let mut s = q.saring()?;
    s.awalan = t.0.wilayah.clone();
    daftar_santunan(&k, &s).await
}

async fn santunan_desa(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    t.wajib_dinsos()?;
    let desa = t.desa(&k, &kode).await?;
    let mut s = q.saring()?;
    s.desa_id = Some(desa.desa_id);
    daftar_santunan(&k, &s).await
}

/// The claim, the deceased's name and NIK, its history and its documents (without bytes).
async fn json_santunan(k: &Bersama, s: &Santunan) -> HasilApi<Value> {
    let b = k.store.bantuan();
    let almarhum = k.store.penduduk(&s.desa_id, s.almarhum_id).await?;
    let riwayat: Vec<Value> = b
        .riwayat_santunan(&s.desa_id, s.id)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "waktu": r.waktu, "aktor": r.aktor, "status": r.status,
                "status_label": r.status_label(), "catatan": r.catatan,
            })
        })
        .collect();
    let lampiran: Vec<Value> = b
        .lampiran_santunan(&s.desa_id, s.id)
        .await?
        .into_iter()
        .map(|l| {
            json!({
                "id": l.id, "syarat": l.syarat, "syarat_label": l.syarat_label(), "nama": l.nama,
                "mime": l.mime, "ukuran": l.ukuran, "diunggah_pada": l.diunggah_pada,
            })
        })
        .collect();
    let mut v = serde_json::to_value(s).unwrap_or_else(|_| json!({}));
    if let Some(o) = v.as_object_mut() {
        o.remove("desa_id");
        o.insert("desa".into(), json!(s.desa_id));
        o.insert("status_label".into(), json!(s.status_label()));
        o.insert("dasar_label".into(), json!(s.dasar_label()));
        o.insert(
            "almarhum".into(),
            json!({
                "id": s.almarhum_id,
                "nama": almarhum.as_ref().map(|p| p.nama.as_str()),
                "nik": almarhum.as_ref().map(|p| p.nik.as_str()),
            }),
        );
        o.insert("riwayat".into(), Value::Array(riwayat));
        o.insert("lampiran".into(), Value::Array(lampiran));
    }
    Ok(v)
}

async fn santunan_desa_ini(k: &Bersama, desa_id: &str, id: Uuid) -> HasilApi<Santunan> {
    k.store
        .bantuan()
        .santunan(desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Klaim santunan tidak ditemukan."))
}

async fn satu_santunan(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    t.wajib_dinsos()?;
    let desa = t.desa(&k, &kode).await?;
    let s = santunan_desa_ini(&k, &desa.desa_id, id).await?;
    let orang: Vec<Uuid> = [Some(s.almarhum_id), s.ahli_waris_id]
        .into_iter()
        .flatten()
        .collect();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &t.aktor(), "api_santunan", &orang)
        .await?;
    Ok(Json(json_santunan(&k, &s).await?).into_response())
}

#[derive(serde::Deserialize)]
struct PermintaanLangkah {
    /// verifikasi | minta_perbaikan | tolak | bayar
    langkah: String,
    #[serde(default)]
    alasan: String,
    /// For `bayar`: how and with what proof it was paid.
    #[serde(default)]
    bukti_bayar: String,
}

async fn langkah(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
    JsonObjek(b): JsonObjek<PermintaanLangkah>,
) -> HasilApi<Response> {
    t.wajib_dinsos()?;
    let desa = t.desa(&k, &kode).await?;
    let l = LangkahSantunan::dari_kode(b.langkah.trim())
        .filter(|l| LANGKAH_DINSOS.contains(l))
        .ok_or_else(|| {
            Masalah::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "langkah harus salah satu dari: verifikasi, minta_perbaikan, tolak, bayar.",
            )
        })?;
    santunan_desa_ini(&k, &desa.desa_id, id).await?;
    let x = AksiSantunan {
        langkah: l,
        pelaku: PelakuSantunan::Dinsos,
        alasan: &b.alasan,
        alasan_terlambat: "",
        bukti_bayar: &b.bukti_bayar,
        versi: None,
    };
    k.store
        .bantuan()
        .langkah_santunan(&desa.desa_id, id, &x, &t.aktor())
        .await?;
    let s = santunan_desa_ini(&k, &desa.desa_id, id).await?;
    Ok(Json(json_santunan(&k, &s).await?).into_response())
}
