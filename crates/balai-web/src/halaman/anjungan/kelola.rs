//! Registering kiosks (admin): this browser becomes a kiosk, with a device token in a cookie;
//! a kiosk can be given an announcement or revoked.

use super::COOKIE_PERANGKAT;
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::{COOKIE, Masuk};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::anjungan::Anjungan;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/anjungan", get(halaman).post(daftarkan))
        .route("/desa/{kode}/anjungan/{id}", post(ubah))
}

#[derive(Template)]
#[template(path = "anjungan_kelola.html")]
struct Halaman {
    k: Kerangka,
    daftar: Vec<(String, Anjungan)>,
    nama: String,
    galat: Option<String>,
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    ok: Option<&str>,
    nama: String,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    let daftar = k
        .store
        .daftar_anjungan(&desa.desa_id)
        .await?
        .into_iter()
        .map(|a| {
            let t = a
                .terakhir_aktif
                .map(|t| crate::kerangka::waktu_zona(&t, desa.zona()))
                .unwrap_or_else(|| "belum pernah".into());
            (t, a)
        })
        .collect();
    let status = if galat.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&Halaman {
        k: Kerangka::baru(m, Some(&desa), "anjungan", "Anjungan").dengan_pesan(ok),
        daftar,
        nama,
        galat,
    })?;
    Ok((status, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    tampil_halaman(&k, &m, &kode, q.ok.as_deref(), String::new(), None).await
}

/// Registers the browser the admin is using as a kiosk: sets the device cookie and ends the
/// admin's session there, so the kiosk never holds staff rights.
async fn daftarkan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    if k.desa_latihan().is_some() {
        return Err(GalatWeb::Permintaan(
            "Anjungan tidak didaftarkan di desa latihan: perangkat anjungan selalu melayani desa yang sebenarnya. Keluar dari latihan untuk mendaftarkannya.".into(),
        ));
    }
    let nama = kir.isian.get("nama").to_string();
    match k
        .store
        .daftarkan_anjungan(&desa.desa_id, &nama, &m.aktor())
        .await
    {
        Ok((_, token)) => {
            k.store.hapus_sesi(&m.token).await?;
            let aman = if k.cookie_aman { "; Secure" } else { "" };
            Ok((
                AppendHeaders([
                    (
                        header::SET_COOKIE,
                        format!(
                            "{COOKIE_PERANGKAT}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=157680000{aman}"
                        ),
                    ),
                    (
                        header::SET_COOKIE,
                        format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
                    ),
                ]),
                Redirect::to("/anjungan"),
            )
                .into_response())
        }
        Err(Galat::Isian(d)) => {
            let g = d.0.first().map(|g| g.pesan.clone());
            tampil_halaman(&k, m, &kode, None, nama, g).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn ubah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let ok = match kir.isian.get("aksi") {
        "cabut" => {
            k.store
                .cabut_anjungan(&desa.desa_id, id, &m.aktor())
                .await?;
            "anjungan_cabut"
        }
        "pengumuman" => {
            match k
                .store
                .simpan_pengumuman_anjungan(
                    &desa.desa_id,
                    id,
                    kir.isian.get("pengumuman"),
                    &m.aktor(),
                )
                .await
            {
                Ok(()) => "simpan",
                Err(Galat::Isian(d)) => {
                    let g = d.0.first().map(|g| g.pesan.clone());
                    return tampil_halaman(&k, m, &kode, None, String::new(), g).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
        _ => return Err(GalatWeb::Permintaan("Tindakan tidak dikenal.".into())),
    };
    Ok(Redirect::to(&format!("/desa/{}/anjungan?ok={ok}", desa.desa_id)).into_response())
}
