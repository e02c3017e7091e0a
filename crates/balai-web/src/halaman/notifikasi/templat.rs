//! A village's own text for each event residents are told about, and going back to the
//! built-in one.

use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::notifikasi::Peristiwa;

#[derive(Template)]
#[template(path = "notifikasi_templat.html")]
struct HalamanTemplat {
    k: Kerangka,
    peristiwa: Peristiwa,
    judul: String,
    isi: String,
    bawaan: bool,
    galat: DaftarGalat,
}

fn peristiwa_dari(kode: &str) -> Result<Peristiwa, GalatWeb> {
    Peristiwa::dari_kode(kode).ok_or(GalatWeb::TidakDitemukan)
}

pub(super) async fn form_templat(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, peristiwa)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    let t = k
        .store
        .templat_notifikasi(&desa.desa_id)
        .await?
        .into_iter()
        .find(|t| t.peristiwa == p)
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(tampil(&HalamanTemplat {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "notifikasi",
            format!("Templat: {}", p.label()),
        ),
        peristiwa: p,
        judul: t.judul,
        isi: t.isi,
        bawaan: t.bawaan,
        galat: DaftarGalat::default(),
    })?
    .into_response())
}

pub(super) async fn simpan_templat(
    State(k): State<Bersama>,
    Path((kode, peristiwa)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    let (judul, isi) = (kir.isian.get("judul"), kir.isian.get("isi"));
    match k
        .store
        .simpan_templat_notifikasi(&desa.desa_id, p, judul, isi, &m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/notifikasi?ok=templat#templat",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(galat)) => {
            let html = tampil(&HalamanTemplat {
                k: Kerangka::baru(
                    m,
                    Some(&desa),
                    "notifikasi",
                    format!("Templat: {}", p.label()),
                ),
                peristiwa: p,
                judul: judul.to_string(),
                isi: isi.to_string(),
                bawaan: false,
                galat,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn kembalikan_templat(
    State(k): State<Bersama>,
    Path((kode, peristiwa)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    k.store
        .kembalikan_templat_notifikasi(&desa.desa_id, p, &m.aktor())
        .await?;
    Ok(Redirect::to(&format!(
        "/desa/{}/notifikasi?ok=bawaan#templat",
        desa.desa_id
    ))
    .into_response())
}
