//! Mode latihan on screen. In the real app: the village's practice page (`/desa/{kode}/latihan`:
//! enter, reset, nightly reset). In a practice app: the guided tour (`/latihan`) and the way
//! back (`/latihan/keluar`). The files and the routing are in `crate::latihan`.

use super::Ok;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::latihan::{Catatan, cookie_masuk, ke_desa_asli};
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::latihan::{TugasLatihan, tugas_untuk};
use balai_store::Galat;

/// How long a practice session lasts (a working day).
const UMUR_SESI_JAM: i64 = 8;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/latihan", get(halaman))
        .route("/desa/{kode}/latihan/masuk", post(masuk))
        .route("/desa/{kode}/latihan/atur-ulang", post(atur_ulang))
        .route("/desa/{kode}/latihan/malam", post(malam))
        .route("/latihan", get(tugas))
        .route("/latihan/keluar", post(keluar))
}

#[derive(Template)]
#[template(path = "latihan.html")]
struct HalamanLatihan {
    k: Kerangka,
    /// Practice villages are configured on this install.
    tersedia: bool,
    ada: bool,
    catatan: Catatan,
    galat: Option<String>,
}

async fn isi_halaman(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    ok: Option<&str>,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    let (tersedia, ada, catatan) = match &k.latihan {
        Some(l) => (true, l.ada(&desa.desa_id), l.catatan(&desa.desa_id)),
        None => (false, false, Catatan::default()),
    };
    let status = if galat.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((
        status,
        tampil(&HalamanLatihan {
            k: Kerangka::baru(m, Some(&desa), "latihan", "Mode latihan").dengan_pesan(ok),
            tersedia,
            ada,
            catatan,
            galat,
        })?,
    )
        .into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    if k.desa_latihan().is_some() {
        return Ok(Redirect::to("/latihan").into_response());
    }
    isi_halaman(&k, &m, &kode, q.ok.as_deref(), None).await
}

/// Records in the real village's audit log what someone did with its practice village.
async fn catat(k: &Bersama, m: &Masuk, desa: &str, aksi: &str) -> Result<(), GalatWeb> {
    k.store
        .catat_akses(desa, &m.aktor(), aksi, "desa_latihan", desa.to_string())
        .await?;
    Ok(())
}

fn belum_tersedia() -> GalatWeb {
    GalatWeb::Store(Galat::Ditolak(
        "Mode latihan belum tersedia di instalasi ini: folder desa latihan belum diatur. Minta teknisi mengisi latihan_folder di balai.toml.".into(),
    ))
}

/// Enters the village's practice village with the user's own account (made and filled with
/// demo data on first use).
async fn masuk(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    if k.desa_latihan().is_some() {
        return Ok(Redirect::to("/latihan").into_response());
    }
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    let latihan = k.latihan.as_ref().ok_or_else(belum_tersedia)?;
    let store = latihan
        .store(&desa.desa_id)
        .await
        .map_err(|e| GalatWeb::Store(Galat::Lain(format!("desa latihan: {e}"))))?;
    store.salin_pengguna_latihan(&m.pengguna).await?;
    let (token, _) = store
        .buat_sesi(m.pengguna.id, chrono::Duration::hours(UMUR_SESI_JAM))
        .await?;
    catat(&k, m, &desa.desa_id, "masuk").await?;
    let [a, b] = cookie_masuk(&desa.desa_id, &token, k.cookie_aman);
    Ok((
        axum::response::AppendHeaders([(header::SET_COOKIE, a), (header::SET_COOKIE, b)]),
        Redirect::to("/latihan"),
    )
        .into_response())
}

/// Makes the practice village anew, after the admin confirmed it.
async fn atur_ulang(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    if k.desa_latihan().is_some() {
        return Err(GalatWeb::Store(Galat::Ditolak(
            "Desa latihan diatur ulang dari desa yang sebenarnya: keluar dari latihan lebih dulu."
                .into(),
        )));
    }
    let desa = m.desa(&k, &kode).await?;
    let latihan = k.latihan.as_ref().ok_or_else(belum_tersedia)?;
    if kir.isian.get("yakin") != "ya" {
        let pesan = "Centang \"Saya mengerti\" untuk mengatur ulang: semua yang dikerjakan di desa latihan akan dihapus dan diganti data contoh yang baru.";
        return isi_halaman(&k, m, &kode, None, Some(pesan.into())).await;
    }
    latihan
        .atur_ulang(&desa.desa_id)
        .await
        .map_err(|e| GalatWeb::Store(Galat::Lain(format!("desa latihan: {e}"))))?;
    catat(&k, m, &desa.desa_id, "atur_ulang").await?;
    Ok(Redirect::to(&format!("/desa/{}/latihan?ok=latihan_ulang", desa.desa_id)).into_response())
}

/// Turns the nightly reset on or off.
async fn malam(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let latihan = match (&k.latihan, k.desa_latihan()) {
        (Some(l), None) => l,
        _ => return Err(belum_tersedia()),
    };
    let nyala = kir.isian.get("malam") == "ya";
    latihan
        .atur_malam(&desa.desa_id, nyala)
        .await
        .map_err(|e| GalatWeb::Store(Galat::Lain(format!("desa latihan: {e}"))))?;
    let aksi = if nyala {
        "atur_ulang_malam_nyala"
    } else {
        "atur_ulang_malam_mati"
    };
    catat(&k, m, &desa.desa_id, aksi).await?;
    Ok(Redirect::to(&format!("/desa/{}/latihan?ok=latihan_malam", desa.desa_id)).into_response())
}

#[derive(Template)]
#[template(path = "latihan_tugas.html")]
struct HalamanTugas {
    k: Kerangka,
    tugas: Vec<(&'static TugasLatihan, bool)>,
    selesai: usize,
}

/// The guided tour: the first tasks for the user's role, ticked as they are done.
async fn tugas(State(k): State<Bersama>, m: Masuk) -> Result<Response, GalatWeb> {
    let Some(kode) = k.desa_latihan() else {
        return Ok(Redirect::to("/admin").into_response());
    };
    let desa = m.desa(&k, kode).await?;
    let daftar = tugas_untuk(m.peran());
    let kemajuan = k
        .store
        .kemajuan_latihan(&desa.desa_id, &m.pengguna.username, &daftar)
        .await?;
    let selesai = kemajuan.iter().filter(|b| **b).count();
    Ok(tampil(&HalamanTugas {
        k: Kerangka::baru(&m, Some(&desa), "latihan", "Tugas latihan"),
        tugas: daftar.into_iter().zip(kemajuan).collect(),
        selesai,
    })?
    .into_response())
}

/// Leaves the practice village: its session ends, the real one is still there.
async fn keluar(State(k): State<Bersama>, kir: Kiriman) -> Result<Response, GalatWeb> {
    let Some(kode) = k.desa_latihan() else {
        return Ok(Redirect::to("/admin").into_response());
    };
    k.store.hapus_sesi(&kir.m.token).await?;
    Ok(ke_desa_asli(kode, "latihan_keluar"))
}
