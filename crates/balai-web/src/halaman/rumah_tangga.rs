//! Households (rumah tangga): the list, a new household with its head, members.

use super::Ok;
use super::keluarga::baris;
use super::penduduk::BarisPenduduk;
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
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::penduduk::{HIDUP, Penduduk};
use balai_store::rumah_tangga::RumahTangga;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/rumah-tangga", get(daftar_rtm).post(buat_rtm))
        .route(
            "/desa/{kode}/rumah-tangga/{id}",
            get(rincian_rtm).post(tambah_anggota_rtm),
        )
}

#[derive(Template)]
#[template(path = "rumah_tangga_daftar.html")]
struct HalamanRtm {
    k: Kerangka,
    rtm: Vec<RumahTangga>,
    galat: Option<String>,
    nik: String,
}

async fn tampil_rtm(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    ok: Option<&str>,
    galat: Option<String>,
    nik: String,
) -> Result<Response, GalatWeb> {
    let rtm = k.store.daftar_rumah_tangga(&desa.desa_id, 1000).await?;
    Ok(tampil(&HalamanRtm {
        k: Kerangka::baru(m, Some(desa), "rtm", "Rumah tangga").dengan_pesan(ok),
        rtm,
        galat,
        nik,
    })?
    .into_response())
}

async fn daftar_rtm(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_rtm(&k, &m, &desa, q.ok.as_deref(), None, String::new()).await
}

/// A living resident of the village by NIK, or a message saying what is wrong.
async fn penduduk_dari_nik(
    k: &Bersama,
    kode: &str,
    nik: &str,
) -> Result<Result<Penduduk, String>, GalatWeb> {
    let nik = nik.trim();
    if nik.len() != 16 || !nik.chars().all(|c| c.is_ascii_digit()) {
        return Ok(Err("NIK harus 16 angka.".into()));
    }
    Ok(match k.store.penduduk_by_nik(kode, nik).await? {
        Some(p) if p.status_dasar == HIDUP => Ok(p),
        Some(p) => Err(format!(
            "{} berstatus {} dan tidak dapat dimasukkan.",
            p.nama,
            p.status_label()
        )),
        None => Err(format!("Tidak ada penduduk dengan NIK {nik} di desa ini.")),
    })
}

async fn buat_rtm(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let nik = kir.isian.get("nik").to_string();
    let p = match penduduk_dari_nik(&k, &kode, &nik).await? {
        Ok(p) => p,
        Err(g) => return tampil_rtm(&k, &kir.m, &desa, None, Some(g), nik).await,
    };
    match k.store.buat_rumah_tangga(&kode, p.id, &kir.m.aktor()).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/rumah-tangga/{id}?ok=rtm")).into_response())
        }
        Err(Galat::Ditolak(g)) => tampil_rtm(&k, &kir.m, &desa, None, Some(g), nik).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "rumah_tangga_rincian.html")]
struct HalamanRtmRincian {
    k: Kerangka,
    rtm: RumahTangga,
    anggota: Vec<BarisPenduduk>,
    galat: Option<String>,
    nik: String,
}

async fn tampil_rtm_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    ok: Option<&str>,
    galat: Option<String>,
    nik: String,
) -> Result<Response, GalatWeb> {
    let rtm = k
        .store
        .rumah_tangga(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let anggota = k
        .store
        .anggota_rumah_tangga(&desa.desa_id, id)
        .await?
        .iter()
        .map(|a| baris(a, hari_ini))
        .collect();
    Ok(tampil(&HalamanRtmRincian {
        k: Kerangka::baru(m, Some(desa), "rtm", format!("Rumah tangga {}", rtm.nomor))
            .dengan_pesan(ok),
        rtm,
        anggota,
        galat,
        nik,
    })?
    .into_response())
}

async fn rincian_rtm(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_rtm_rincian(&k, &m, &desa, id, q.ok.as_deref(), None, String::new()).await
}

async fn tambah_anggota_rtm(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let nik = kir.isian.get("nik").to_string();
    let p = match penduduk_dari_nik(&k, &kode, &nik).await? {
        Ok(p) => p,
        Err(g) => return tampil_rtm_rincian(&k, &kir.m, &desa, id, None, Some(g), nik).await,
    };
    match k
        .store
        .tambah_anggota_rumah_tangga(&kode, id, p.id, &kir.m.aktor())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/rumah-tangga/{id}?ok=rtm")).into_response())
        }
        Err(Galat::Ditolak(g)) => {
            tampil_rtm_rincian(&k, &kir.m, &desa, id, None, Some(g), nik).await
        }
        Err(e) => Err(e.into()),
    }
}
