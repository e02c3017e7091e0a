//! A resident's own listings on the village marketplace: add, change (each change waits for
//! an operator again), take off the site. Nobody else's listing is reachable here.

use super::{Bingkai, KirimanWarga, Warga};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::halaman::kelola_situs::baca_form_gambar;
use crate::halaman::situs::lapak::{isian_produk, produk_dari};
use crate::isian::Isian;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::situs::lapak::{KATEGORI, Penjual, Produk, STOK};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/lapak", get(daftar))
        .route("/warga/lapak/baru", get(baru).post(buat))
        .route("/warga/lapak/{id}", get(ubah).post(simpan))
        .route("/warga/lapak/{id}/tarik", post(tarik))
}

#[derive(Template)]
#[template(path = "warga_lapak_daftar.html")]
struct HalamanDaftar {
    b: Bingkai,
    produk: Vec<Produk>,
}

async fn daftar(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let produk = k
        .store
        .daftar_produk(&w.desa.desa_id, Some(w.penduduk.id), "")
        .await?;
    Ok(tampil(&HalamanDaftar {
        b: w.bingkai("Lapak saya").dengan_pesan(q.ok.as_deref()),
        produk,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_lapak_form.html")]
struct HalamanForm {
    b: Bingkai,
    id: Option<Uuid>,
    f: Isian,
    galat: DaftarGalat,
    daftar_kategori: &'static [(&'static str, &'static str)],
    daftar_stok: &'static [(&'static str, &'static str)],
}

fn form(w: &Warga, id: Option<Uuid>, f: Isian, galat: DaftarGalat) -> Result<Response, GalatWeb> {
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let judul = if id.is_some() {
        "Ubah produk"
    } else {
        "Pasang produk"
    };
    let html = tampil(&HalamanForm {
        b: w.bingkai(judul),
        id,
        f,
        galat,
        daftar_kategori: KATEGORI,
        daftar_stok: STOK,
    })?;
    Ok((status, html).into_response())
}

async fn baru(w: Warga) -> Result<Response, GalatWeb> {
    let f = Isian(vec![("kontak".into(), w.penduduk.telepon.clone())]);
    form(&w, None, f, DaftarGalat::default())
}

async fn ubah(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let p = milik(&k, &w, id).await?;
    form(&w, Some(id), isian_produk(&p), DaftarGalat::default())
}

async fn milik(k: &Bersama, w: &Warga, id: Uuid) -> Result<Produk, GalatWeb> {
    match k
        .store
        .produk_milik(&w.desa.desa_id, id, Penjual::Warga(w.penduduk.id))
        .await
    {
        Ok(p) => Ok(p),
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}

async fn buat(State(k): State<Bersama>, w: Warga, mp: Multipart) -> Result<Response, GalatWeb> {
    kirim(k, w, None, mp).await
}

async fn simpan(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let lama = milik(&k, &w, id).await?;
    kirim(k, w, Some(lama), mp).await
}

/// Saves the form; without a new photo a changed product keeps the one it has (never one
/// named by the form, which could be any image).
async fn kirim(
    k: Bersama,
    w: Warga,
    lama: Option<Produk>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let id = lama.as_ref().map(|p| p.id);
    let (f, gambar) = baca_form_gambar(
        &k,
        &w.desa.desa_id,
        mp,
        false,
        |t| w.cek_csrf(t),
        &w.aktor(),
    )
    .await?;
    let gambar = match gambar {
        Ok(Some(t)) => Some(t),
        Ok(None) => lama.and_then(|p| p.gambar),
        Err(p) => {
            let mut g = DaftarGalat::default();
            g.push("gambar", p);
            return form(&w, id, f, g);
        }
    };
    let b = match produk_dari(&f, gambar) {
        Ok(b) => b,
        Err(g) => return form(&w, id, f, g),
    };
    match k
        .store
        .simpan_produk(
            &w.desa.desa_id,
            id,
            Penjual::Warga(w.penduduk.id),
            &b,
            &w.aktor(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to("/warga/lapak?ok=lapak").into_response()),
        Err(Galat::Isian(g)) => form(&w, id, f, g),
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}

async fn tarik(
    State(k): State<Bersama>,
    Path(id): Path<Uuid>,
    kir: KirimanWarga,
) -> Result<Response, GalatWeb> {
    let w = &kir.w;
    match k
        .store
        .tarik_produk(
            &w.desa.desa_id,
            id,
            Penjual::Warga(w.penduduk.id),
            &w.aktor(),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/warga/lapak?ok=lapak_tarik").into_response()),
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}
