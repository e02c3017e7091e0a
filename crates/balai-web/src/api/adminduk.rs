//! The civil registration queue for a Dukcapil that uses its own system: list across the
//! villages of a region token (or one village), read one application with its attachments,
//! and take the steps Dukcapil takes (claim, ask for a fix, refuse, finish with the document
//! number and an optional scan). Steps are taken as Dukcapil; the village's steps stay in Balai.

use super::JsonObjek;
use super::dalam_rentang;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use balai_domain::adminduk::{KODE_HASIL, Langkah, Pelaku};
use balai_store::adminduk::{Aksi, HasilIsian, LampiranBaru, Permohonan, Saring};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/adminduk", get(antrean))
        .route("/desa/{kode}/adminduk", get(antrean_desa))
        .route("/desa/{kode}/adminduk/{id}", get(satu))
        .route("/desa/{kode}/adminduk/{id}/langkah", post(langkah))
        .route("/desa/{kode}/adminduk/{id}/lampiran/{lid}", get(lampiran))
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    status: Option<String>,
    jenis: Option<String>,
    halaman: Option<i64>,
}

impl Kueri {
    fn saring(&self) -> HasilApi<Saring> {
        Ok(Saring {
            status: self.status.clone().unwrap_or_else(|| "diteruskan".into()),
            jenis: self.jenis.clone().unwrap_or_default(),
            halaman: dalam_rentang("halaman", self.halaman, 1, 1, Some(1_000_000))?,
            ..Default::default()
        })
    }
}

async fn daftar(k: &Bersama, s: &Saring) -> HasilApi<Response> {
    let (baris, total) = k.store.adminduk().antrean(s).await?;
    let isi: Vec<Value> = baris
        .into_iter()
        .map(|b| {
            json!({
                "id": b.id, "desa": b.desa_id, "nomor": b.nomor, "jenis": b.jenis,
                "status": b.status, "diajukan_pada": b.diajukan_pada,
                "diteruskan_pada": b.diteruskan_pada,
            })
        })
        .collect();
    Ok(Json(json!({"total": total, "halaman": s.halaman.max(1), "data": isi})).into_response())
}

/// Across the villages of the token's region.
async fn antrean(State(k): State<Bersama>, t: Token, Query(q): Query<Kueri>) -> HasilApi<Response> {
    t.wajib_dukcapil()?;
    if t.0.wilayah.is_empty() {
        return Err(Masalah::new(
            StatusCode::FORBIDDEN,
            "Antrean lintas desa memerlukan token wilayah (kecamatan atau kabupaten). Gunakan /api/v1/desa/{kode}/adminduk untuk satu desa.",
        ));
    }
    let mut s = q.saring()?;
    s.awalan = t.0.wilayah.clone();
    daftar(&k, &s).await
}

async fn antrean_desa(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let mut s = q.saring()?;
    s.desa_id = Some(desa.desa_id);
    daftar(&k, &s).await
}

fn json_permohonan(a: &Permohonan, lampiran: &[balai_store::adminduk::Lampiran]) -> Value {
    json!({
        "id": a.id, "desa": a.desa_id, "nomor": a.nomor, "jenis": a.jenis, "status": a.status,
        "versi": a.versi, "pemohon_id": a.pemohon_id, "subjek_id": a.subjek_id,
        "isian": a.isian_map(), "hasil": a.hasil_map(), "alasan": a.alasan,
        "diajukan_pada": a.diajukan_pada, "diteruskan_pada": a.diteruskan_pada,
        "selesai_pada": a.selesai_pada,
        "lampiran": lampiran.iter().map(|l| json!({
            "id": l.id, "syarat": l.syarat, "mime": l.mime, "ukuran": l.ukuran,
        })).collect::<Vec<_>>(),
    })
}

async fn satu(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let ad = k.store.adminduk();
    let a = ad
        .satu(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Permohonan tidak ditemukan."))?;
    let dilihat = a.orang();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &t.aktor(), "api_adminduk", &dilihat)
        .await?;
    let lampiran = ad.lampiran(&desa.desa_id, id).await?;
    Ok(Json(json_permohonan(&a, &lampiran)).into_response())
}

async fn lampiran(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id, lid)): Path<(String, Uuid, Uuid)>,
) -> HasilApi<Response> {
    // Scans of family cards and birth notes: for Dukcapil only, not every agency token.
    t.wajib_dukcapil()?;
    let desa = t.desa(&k, &kode).await?;
    let ad = k.store.adminduk();
    let a = ad
        .satu(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Permohonan tidak ditemukan."))?;
    let orang = a.orang();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &t.aktor(), "api_lampiran_adminduk", &orang)
        .await?;
    let (isi, mime) = ad
        .isi_lampiran(&desa.desa_id, id, lid)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Lampiran tidak ditemukan."))?;
    Ok(crate::unduhan::unduhan(
        isi,
        &mime,
        &format!("lampiran.{}", crate::unduhan::ekstensi(&mime)),
    ))
}

#[derive(serde::Deserialize)]
struct PermintaanLangkah {
    /// proses | minta_perbaikan | tolak | selesaikan
    langkah: String,
    #[serde(default)]
    alasan: String,
    #[serde(default)]
    nomor_dokumen: String,
    #[serde(default)]
    no_kk: String,
    #[serde(default)]
    nik: String,
    /// The issued document's scan, base64 (PDF, JPEG or PNG).
    #[serde(default)]
    pindaian: Option<String>,
    #[serde(default)]
    versi: Option<i64>,
}

async fn langkah(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
    JsonObjek(b): JsonObjek<PermintaanLangkah>,
) -> HasilApi<Response> {
    t.wajib_dukcapil()?;
    let desa = t.desa(&k, &kode).await?;
    let l = Langkah::dari_kode(&b.langkah).ok_or_else(|| {
        Masalah::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "langkah harus salah satu dari: proses, minta_perbaikan, tolak, selesaikan.",
        )
    })?;
    let pindaian = match &b.pindaian {
        Some(s) => Some(B64.decode(s.trim()).map_err(|_| {
            Masalah::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "pindaian harus berkas PDF, JPEG atau PNG dalam base64.",
            )
        })?),
        None => None,
    };
    let hasil = HasilIsian {
        nomor_dokumen: b.nomor_dokumen.clone(),
        no_kk: b.no_kk.clone(),
        nik: b.nik.clone(),
    };
    let x = Aksi {
        langkah: l,
        pelaku: Pelaku::Dukcapil,
        alasan: &b.alasan,
        hasil: &hasil,
        pindaian: pindaian.as_deref().map(|isi| LampiranBaru {
            syarat: KODE_HASIL,
            nama: "hasil",
            isi,
        }),
        versi: b.versi,
    };
    let ad = k.store.adminduk();
    ad.langkah(&desa.desa_id, id, &x, &t.aktor()).await?;
    let a = ad
        .satu(&desa.desa_id, id)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Permohonan tidak ditemukan."))?;
    let lampiran = ad.lampiran(&desa.desa_id, id).await?;
    Ok(Json(json_permohonan(&a, &lampiran)).into_response())
}
