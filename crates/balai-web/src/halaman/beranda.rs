//! The start page: the user's village, or the villages a district/sub-district user oversees.

use super::Ok;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::KodeDesa;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::penduduk::{Peristiwa, SaringPenduduk};
use balai_store::pengguna::Peran;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/admin", get(awal))
        .route("/desa/{kode}", get(beranda_desa))
        .route("/desa", axum::routing::post(daftarkan_desa))
}

#[derive(Template)]
#[template(path = "pilih_desa.html")]
struct PilihDesa {
    k: Kerangka,
    /// For the system admin: what is wrong with the daily backups.
    cadangan: Option<String>,
    desa: Vec<Desa>,
    boleh_daftar: bool,
    kode: String,
    galat: Option<String>,
}

async fn awal(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let ok =
        q.ok.as_ref()
            .map(|o| format!("?ok={o}"))
            .unwrap_or_default();
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
        cadangan: (m.peran() == Peran::AdminSistem)
            .then(|| k.masalah_cadangan())
            .flatten(),
        k: Kerangka::baru(&m, None, "", "Pilih desa").dengan_pesan(q.ok.as_deref()),
        desa,
        boleh_daftar: m.peran() == Peran::AdminSistem,
        kode: String::new(),
        galat: None,
    })?
    .into_response())
}

/// A system admin registers a village by its Kemendagri code.
async fn daftarkan_desa(State(k): State<Bersama>, kir: Kiriman) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    if m.peran() != Peran::AdminSistem {
        return Err(GalatWeb::Terlarang);
    }
    let kode = kir.isian.get("kode").trim().to_string();
    let hasil = match KodeDesa::parse(&kode) {
        Ok(kd) => k
            .store
            .buat_desa(&kd, &m.aktor())
            .await
            .map_err(|e| match e {
                Galat::Isian(d) => Ok(d
                    .0
                    .iter()
                    .map(|g| g.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" ")),
                Galat::Ditolak(p) => Ok(p),
                e => Err(e),
            }),
        Err(e) => Err(Ok(e)),
    };
    match hasil {
        Ok(d) => Ok(Redirect::to(&format!("/desa/{}/profil?ok=profil", d.desa_id)).into_response()),
        Err(Ok(galat)) => {
            let desa = k.store.daftar_desa("").await?;
            let html = tampil(&PilihDesa {
                cadangan: k.masalah_cadangan(),
                k: Kerangka::baru(m, None, "", "Pilih desa"),
                desa,
                boleh_daftar: true,
                kode,
                galat: Some(galat),
            })?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(Err(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "beranda.html")]
struct Beranda {
    k: Kerangka,
    /// For the village's admins: what is wrong with the daily backups.
    cadangan: Option<String>,
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
        cadangan: m
            .peran()
            .boleh_kelola()
            .then(|| k.masalah_cadangan())
            .flatten(),
        k: Kerangka::baru(&m, Some(&desa), "beranda", "Beranda").dengan_pesan(q.ok.as_deref()),
        desa,
        letak,
        jumlah_penduduk,
        jumlah_keluarga,
        peristiwa,
    })?
    .into_response())
}
