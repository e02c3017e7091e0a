//! Complaints and suggestions from the portal: file one with a category and a photo, read the
//! staff's replies, add a follow-up.

use super::{Bingkai, KirimanWarga, Warga, waktu};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::isian::{Isian, ambil_berkas, baca_multipart};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::pengaduan::{
    BalasanPengaduan, KATEGORI, Pengaduan, PengaduanBaru, SaringPengaduan,
};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/pengaduan", get(daftar))
        .route("/warga/pengaduan/baru", get(form).post(kirim))
        .route("/warga/pengaduan/{id}", get(rincian))
        .route("/warga/pengaduan/{id}/balas", post(balas))
        .route("/warga/pengaduan/{id}/foto", get(foto))
}

#[derive(Template)]
#[template(path = "warga_pengaduan_daftar.html")]
struct HalamanDaftar {
    b: Bingkai,
    daftar: Vec<(String, Pengaduan)>,
}

async fn daftar(State(k): State<Bersama>, w: Warga) -> Result<Response, GalatWeb> {
    let s = SaringPengaduan {
        penduduk_id: Some(w.penduduk.id),
        ..Default::default()
    };
    let daftar = k
        .store
        .daftar_pengaduan(&w.desa.desa_id, &s, 200)
        .await?
        .into_iter()
        .map(|p| (waktu(&p.dibuat_pada, w.desa.zona()), p))
        .collect();
    Ok(tampil(&HalamanDaftar {
        b: w.bingkai("Pengaduan dan saran"),
        daftar,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_pengaduan_form.html")]
pub struct HalamanForm {
    pub b: Bingkai,
    pub aksi: String,
    pub kategori: &'static [(&'static str, &'static str)],
    pub isian: Isian,
    pub galat: DaftarGalat,
}

/// A category and title to start from (links such as "report aid not received").
#[derive(serde::Deserialize, Default)]
struct QueryForm {
    kategori: Option<String>,
    judul: Option<String>,
}

async fn form(w: Warga, Query(q): Query<QueryForm>) -> Result<Response, GalatWeb> {
    let mut isian = Isian::default();
    if let Some(kat) = q
        .kategori
        .filter(|x| KATEGORI.iter().any(|(kd, _)| kd == x))
    {
        isian.0.push(("kategori".into(), kat));
    }
    if let Some(j) = q.judul {
        isian
            .0
            .push(("judul".into(), j.chars().take(150).collect()));
    }
    Ok(tampil(&HalamanForm {
        b: w.bingkai("Pengaduan baru"),
        aksi: "/warga/pengaduan/baru".into(),
        kategori: KATEGORI,
        isian,
        galat: DaftarGalat::default(),
    })?
    .into_response())
}

async fn kirim(State(k): State<Bersama>, w: Warga, mp: Multipart) -> Result<Response, GalatWeb> {
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau foto terlalu besar (paling besar 5 MB). Coba lagi.",
    )
    .await?;
    w.cek_csrf(f.get("_csrf"))?;
    let b = PengaduanBaru {
        penduduk_id: Some(w.penduduk.id),
        nama_pelapor: w.penduduk.nama.clone(),
        kontak: String::new(),
        kategori: f.get("kategori").to_string(),
        judul: f.get("judul").to_string(),
        isi: f.get("isi").to_string(),
        foto: ambil_berkas(berkas, "foto").map(|(_, isi)| isi),
        kanal: "portal".into(),
    };
    match k
        .store
        .ajukan_pengaduan(&w.desa.desa_id, &b, &w.aktor())
        .await
    {
        Ok((id, _)) => {
            Ok(Redirect::to(&format!("/warga/pengaduan/{id}?ok=pengaduan")).into_response())
        }
        Err(Galat::Isian(g)) => {
            let html = tampil(&HalamanForm {
                b: w.bingkai("Pengaduan baru"),
                aksi: "/warga/pengaduan/baru".into(),
                kategori: KATEGORI,
                isian: f,
                galat: g,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A complaint, only if this resident filed it.
async fn milik(k: &Bersama, w: &Warga, id: Uuid) -> Result<Pengaduan, GalatWeb> {
    k.store
        .pengaduan(&w.desa.desa_id, id)
        .await?
        .filter(|p| p.penduduk_id == Some(w.penduduk.id))
        .ok_or(GalatWeb::TidakDitemukan)
}

#[derive(Template)]
#[template(path = "warga_pengaduan_rincian.html")]
struct HalamanRincian {
    b: Bingkai,
    p: Pengaduan,
    dibuat: String,
    balasan: Vec<(String, BalasanPengaduan)>,
    galat: Option<String>,
}

async fn tampil_rincian(
    k: &Bersama,
    w: &Warga,
    p: Pengaduan,
    ok: Option<&str>,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    let balasan = k
        .store
        .balasan_pengaduan(&w.desa.desa_id, p.id)
        .await?
        .into_iter()
        .map(|b| (waktu(&b.waktu, w.desa.zona()), b))
        .collect();
    let status = if galat.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&HalamanRincian {
        b: w.bingkai(p.judul.clone()).dengan_pesan(ok),
        dibuat: waktu(&p.dibuat_pada, w.desa.zona()),
        p,
        balasan,
        galat,
    })?;
    Ok((status, html).into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let p = milik(&k, &w, id).await?;
    tampil_rincian(&k, &w, p, q.ok.as_deref(), None).await
}

async fn balas(
    State(k): State<Bersama>,
    Path(id): Path<Uuid>,
    kir: KirimanWarga,
) -> Result<Response, GalatWeb> {
    let w = &kir.w;
    let p = milik(&k, w, id).await?;
    match k
        .store
        .balas_pengaduan(
            &w.desa.desa_id,
            id,
            kir.isian.get("isi"),
            None,
            true,
            &w.aktor(),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/warga/pengaduan/{id}?ok=balas")).into_response()),
        Err(Galat::Isian(d)) => {
            let g = d.0.first().map(|g| g.pesan.clone());
            tampil_rincian(&k, w, p, None, g).await
        }
        Err(Galat::Ditolak(m)) => tampil_rincian(&k, w, p, None, Some(m)).await,
        Err(e) => Err(e.into()),
    }
}

async fn foto(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let p = milik(&k, &w, id).await?;
    let (isi, mime) = k
        .store
        .foto_pengaduan(&w.desa.desa_id, p.id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        isi,
    )
        .into_response())
}
