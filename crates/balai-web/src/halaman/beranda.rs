//! The start page: the user's village, or the villages a district/sub-district user oversees.

use super::Ok;
use crate::galat::tampil;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_store::desa::Desa;
use balai_store::penduduk::{Peristiwa, SaringPenduduk};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/", get(awal))
        .route("/desa/{kode}", get(beranda_desa))
}

#[derive(Template)]
#[template(path = "pilih_desa.html")]
struct PilihDesa {
    k: Kerangka,
    desa: Vec<Desa>,
}

async fn awal(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let ok = q.ok.as_ref().map(|o| format!("?ok={o}")).unwrap_or_default();
    if m.peran().peran_desa()
        && let Some(d) = &m.pengguna.desa_id
    {
        return Ok(Redirect::to(&format!("/desa/{d}{ok}")).into_response());
    }
    let desa = k.store.daftar_desa(&m.pengguna.awalan_desa()).await?;
    if desa.len() == 1 {
        return Ok(Redirect::to(&format!("/desa/{}{ok}", desa[0].desa_id)).into_response());
    }
    Ok(tampil(&PilihDesa {
        k: Kerangka::baru(&m, None, "", "Pilih desa").dengan_pesan(q.ok.as_deref()),
        desa,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "beranda.html")]
struct Beranda {
    k: Kerangka,
    desa: Desa,
    letak: balai_store::desa::LetakDesa,
    jumlah_penduduk: i64,
    jumlah_keluarga: usize,
    peristiwa: Vec<(Peristiwa, String)>,
}

async fn beranda_desa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let saring = SaringPenduduk {
        batas: Some(1),
        ..Default::default()
    };
    let jumlah_penduduk = k
        .store
        .daftar_penduduk(&kode, &saring, hari_ini)
        .await?
        .total;
    let jumlah_keluarga = k.store.jumlah_keluarga(&kode).await? as usize;
    let peristiwa = k.store.daftar_peristiwa(&kode, None, 10).await?;
    let letak = k.store.letak_desa(&kode).await?;
    Ok(tampil(&Beranda {
        k: Kerangka::baru(&m, Some(&desa), "beranda", "Beranda").dengan_pesan(q.ok.as_deref()),
        desa,
        letak,
        jumlah_penduduk,
        jumlah_keluarga,
        peristiwa,
    })?
    .into_response())
}
