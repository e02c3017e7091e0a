//! Families (KK): the list, one family, and changing its head.

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
use balai_store::keluarga::Keluarga;
use balai_store::penduduk::{HIDUP, Penduduk};
use chrono::NaiveDate;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/keluarga", get(daftar).post(cari))
        .route("/desa/{kode}/keluarga/{id}", get(rincian))
        .route("/desa/{kode}/keluarga/{id}/kepala", post(ganti_kepala))
}

pub(super) fn baris(a: &Penduduk, hari_ini: NaiveDate) -> BarisPenduduk {
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
