//! Proposals for the village plan from the portal: a resident proposes an activity for next
//! year's RKPDes and follows whether the musyawarah agreed it.

use super::{Bingkai, Warga};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::isian::Isian;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::keuangan::perencanaan::{Usulan, UsulanBaru, periksa_usulan};
use balai_store::situs::pembangunan::BELANJA;
use chrono::Datelike;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/warga/usulan", get(halaman).post(kirim))
}

#[derive(Template)]
#[template(path = "warga_usulan.html")]
struct Halaman {
    b: Bingkai,
    tahun: i64,
    usulan: Vec<Usulan>,
    bidang: &'static [(&'static str, &'static str)],
    f: Isian,
    galat: DaftarGalat,
}

impl Halaman {
    fn rp(&self, n: &i64) -> String {
        balai_domain::surat::teks::rp(*n)
    }
}

/// Proposals made now are for next year's plan (musrenbang in year Y plans Y+1).
fn tahun_rencana(k: &Bersama, w: &Warga) -> i64 {
    k.store.hari_ini(w.desa.zona()).year() as i64 + 1
}

async fn tampil_halaman(
    k: &Bersama,
    w: &Warga,
    b: Bingkai,
    f: Isian,
    galat: DaftarGalat,
) -> Result<Response, GalatWeb> {
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&Halaman {
        b,
        tahun: tahun_rencana(k, w),
        usulan: k.store.usulan_warga(&w.desa.desa_id, w.penduduk.id).await?,
        bidang: BELANJA,
        f,
        galat,
    })?;
    Ok((status, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let b = w
        .bingkai("Usulan pembangunan")
        .dengan_pesan(q.ok.as_deref());
    tampil_halaman(&k, &w, b, Isian::default(), DaftarGalat::default()).await
}

async fn kirim(
    State(k): State<Bersama>,
    w: Warga,
    Form(isi): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(isi);
    w.cek_csrf(f.get("_csrf"))?;
    let mut g = DaftarGalat::default();
    let biaya = crate::isian::rupiah(f.get("perkiraan_biaya")).unwrap_or_else(|| {
        g.push(
            "perkiraan_biaya",
            "Perkiraan biaya ditulis dalam rupiah, angka saja, misalnya 25000000.",
        );
        0
    });
    let u = UsulanBaru {
        tahun: tahun_rencana(&k, &w),
        judul: f.get("judul").into(),
        jenis_pengusul: "warga".into(),
        pengusul: w.penduduk.nama.clone(),
        lokasi: f.get("lokasi").into(),
        bidang: f.get("bidang").into(),
        perkiraan_biaya: biaya,
        penerima_manfaat: f.angka("penerima_manfaat").unwrap_or(0),
        uraian: f.get("uraian").into(),
        gambar: None,
        penduduk_id: Some(w.penduduk.id),
    };
    let hasil = if g.is_empty() {
        k.store
            .simpan_usulan(&w.desa.desa_id, &u, &w.aktor())
            .await
            .map(|_| ())
    } else {
        Err(crate::halaman::keuangan::gabung(g, periksa_usulan(&u)))
    };
    match hasil {
        Ok(()) => Ok(Redirect::to("/warga/usulan?ok=usulan").into_response()),
        Err(Galat::Isian(g)) => tampil_halaman(&k, &w, w.bingkai("Usulan pembangunan"), f, g).await,
        Err(e) => Err(e.into()),
    }
}
