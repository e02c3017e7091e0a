//! Families (KK) and households (rumah tangga).

use super::Ok;
use super::penduduk::BarisPenduduk;
use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::daftar::SHDK;
use balai_domain::penduduk::umur;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::keluarga::{Keluarga, RumahTangga};
use balai_store::penduduk::{HIDUP, Penduduk};
use chrono::NaiveDate;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/keluarga", get(daftar).post(cari))
        .route("/desa/{kode}/keluarga/{id}", get(rincian))
        .route("/desa/{kode}/keluarga/{id}/kepala", post(ganti_kepala))
        .route("/desa/{kode}/rumah-tangga", get(daftar_rtm).post(buat_rtm))
        .route(
            "/desa/{kode}/rumah-tangga/{id}",
            get(rincian_rtm).post(tambah_anggota_rtm),
        )
}

fn baris(a: &Penduduk, hari_ini: NaiveDate) -> BarisPenduduk {
    BarisPenduduk {
        id: a.id,
        nik: a.nik.clone(),
        nama: a.nama.clone(),
        jk: if a.jenis_kelamin == 1 { "L" } else { "P" },
        umur: umur(a.tanggal_lahir, hari_ini),
        alamat: format!("{} RW {} RT {}", a.dusun, a.rw, a.rt),
        no_kk: a.no_kk.clone().unwrap_or_default(),
        shdk: SHDK.label(a.shdk_id).unwrap_or("-"),
        status: a.status_label(),
        hidup: a.status_dasar == HIDUP,
    }
}

#[derive(Template)]
#[template(path = "keluarga_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    q: String,
    keluarga: Vec<Keluarga>,
    berikutnya: Option<String>,
}

const PER_HALAMAN: i64 = 50;

async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: &Isian,
) -> Result<Response, GalatWeb> {
    let setelah = f.opsi("setelah").filter(|s| !s.is_empty());
    let mut keluarga = k
        .store
        .daftar_keluarga(
            &desa.desa_id,
            f.get("q"),
            f.get("dusun"),
            setelah.as_deref(),
            PER_HALAMAN + 1,
        )
        .await?;
    let berikutnya = if keluarga.len() as i64 > PER_HALAMAN {
        keluarga.truncate(PER_HALAMAN as usize);
        keluarga.last().map(|k| k.no_kk.clone())
    } else {
        None
    };
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(m, Some(desa), "keluarga", "Keluarga"),
        q: f.get("q").to_string(),
        keluarga,
        berikutnya,
    })?
    .into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_daftar(&k, &m, &desa, &Isian::default()).await
}

async fn cari(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    tampil_daftar(&k, &kir.m, &desa, &kir.isian).await
}

#[derive(Template)]
#[template(path = "keluarga_rincian.html")]
struct HalamanRincian {
    k: Kerangka,
    kel: Keluarga,
    anggota: Vec<BarisPenduduk>,
    galat: Option<String>,
}

async fn tampil_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    ok: Option<&str>,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    let kel = k
        .store
        .keluarga(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let anggota = k
        .store
        .anggota_keluarga(&desa.desa_id, id)
        .await?
        .iter()
        .map(|a| baris(a, hari_ini))
        .collect();
    k.store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: &desa.desa_id,
            aktor: &m.aktor(),
            aksi: "lihat",
            objek: "keluarga",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: None,
        })
        .await?;
    Ok(tampil(&HalamanRincian {
        k: Kerangka::baru(m, Some(desa), "keluarga", format!("Keluarga {}", kel.no_kk))
            .dengan_pesan(ok),
        kel,
        anggota,
        galat,
    })?
    .into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_rincian(&k, &m, &desa, id, q.ok.as_deref(), None).await
}

async fn ganti_kepala(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let Some(calon) = kir.isian.get("kepala_id").parse::<Uuid>().ok() else {
        return tampil_rincian(
            &k,
            &kir.m,
            &desa,
            id,
            None,
            Some("Pilih anggota yang menjadi kepala keluarga.".into()),
        )
        .await;
    };
    match k
        .store
        .ganti_kepala_keluarga(&kode, id, calon, &kir.m.aktor())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/keluarga/{id}?ok=kepala")).into_response())
        }
        Err(Galat::Isian(d)) => {
            let pesan = d.0.first().map(|g| g.pesan.clone());
            tampil_rincian(&k, &kir.m, &desa, id, None, pesan).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "rtm_daftar.html")]
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
#[template(path = "rtm_rincian.html")]
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
