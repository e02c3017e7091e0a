//! Residents (penduduk): the list (`daftar`), one resident's page (`rincian`), adding and
//! editing (`tulis`) and the vital events (`peristiwa`), named as in the store. The form kit
//! they share is here.

mod daftar;
mod peristiwa;
mod rincian;
mod tulis;

use daftar::*;
pub use daftar::{BarisPenduduk, saring_dari};
use peristiwa::*;
use rincian::*;
use tulis::*;

use super::formulir::{Bidang, Jenis, Kelompok, susun};
use super::{Ok, pisah_galat};
use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::daftar::*;
use balai_domain::penduduk::{DataPenduduk, daftar_kode, label_kolom, parse_tanggal, umur};
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::penduduk::{
    HIDUP, Halaman, JenisPeristiwa, Penduduk, Peristiwa, RincianStatus, RingkasPenduduk,
    SaringPenduduk, Urutan,
};
use chrono::NaiveDate;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/penduduk", get(daftar).post(cari))
        .route(
            "/desa/{kode}/penduduk/baru",
            get(form_baru).post(simpan_baru),
        )
        .route("/desa/{kode}/penduduk/{id}", get(rincian))
        .route(
            "/desa/{kode}/penduduk/{id}/ubah",
            get(form_ubah).post(simpan_ubah),
        )
        .route(
            "/desa/{kode}/penduduk/{id}/peristiwa/{jenis}",
            get(form_status).post(simpan_status),
        )
        .route("/desa/{kode}/peristiwa", get(buku_peristiwa))
        .route(
            "/desa/{kode}/peristiwa/{id}/batal",
            get(form_batal).post(simpan_batal),
        )
        .route(
            "/desa/{kode}/peristiwa/lahir",
            get(form_lahir).post(simpan_lahir),
        )
        .route(
            "/desa/{kode}/peristiwa/pindah-masuk",
            get(form_masuk).post(simpan_masuk),
        )
}

// ---------------------------------------------------------------------------------------------
// Add and edit

#[derive(Template)]
#[template(path = "penduduk_formulir.html")]
struct HalamanFormulir {
    k: Kerangka,
    aksi: String,
    batal: String,
    keterangan: &'static str,
    tombol: &'static str,
    kelompok: Vec<Kelompok>,
    tambahan: Vec<Bidang>,
    versi: Option<i64>,
    galat_umum: Option<String>,
    jumlah_galat: usize,
    dusun: Vec<String>,
    rw: Vec<String>,
    rt: Vec<String>,
}

struct Formulir<'a> {
    desa: &'a Desa,
    menu: &'static str,
    judul: String,
    aksi: String,
    batal: String,
    keterangan: &'static str,
    tombol: &'static str,
    versi: Option<i64>,
}

async fn tampil_formulir(
    k: &Bersama,
    m: &Masuk,
    fm: Formulir<'_>,
    nilai: &(dyn Fn(&str) -> String + Sync),
    galat: &DaftarGalat,
    galat_umum: Option<String>,
    tambahan: Vec<Bidang>,
) -> Result<Response, GalatWeb> {
    let rt = k.store.daftar_rt(&fm.desa.desa_id).await?;
    let mut dusun: Vec<String> = rt.iter().map(|r| r.dusun.clone()).collect();
    let mut rw: Vec<String> = rt.iter().map(|r| r.rw.clone()).collect();
    let mut rtn: Vec<String> = rt.iter().map(|r| r.rt.clone()).collect();
    for v in [&mut dusun, &mut rw, &mut rtn] {
        v.sort();
        v.dedup();
    }
    let ada_galat = !galat.is_empty() || galat_umum.is_some();
    let html = tampil(&HalamanFormulir {
        k: Kerangka::baru(m, Some(fm.desa), fm.menu, fm.judul),
        aksi: fm.aksi,
        batal: fm.batal,
        keterangan: fm.keterangan,
        tombol: fm.tombol,
        kelompok: susun(nilai, galat),
        tambahan,
        versi: fm.versi,
        galat_umum,
        jumlah_galat: galat.0.len(),
        dusun,
        rw,
        rt: rtn,
    })?;
    let status = if ada_galat {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, html).into_response())
}

fn hari_ini(k: &Bersama, desa: &Desa) -> NaiveDate {
    k.store.hari_ini(desa.zona())
}
