//! The public list of the village's regulations and decisions in force (enacted or
//! promulgated; drafts never), each with its signed text to download.

use super::halaman::Bingkai;
use super::{Situs, tajuk_publik};
use crate::galat::tampil;
use crate::unduhan::{nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::surat::teks::tanggal_indonesia;
use balai_store::peraturan::{DataPeraturan, JenisPeraturan};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/s/{slug}/peraturan", get(halaman))
        .route("/s/{slug}/peraturan/{token}", get(unduh))
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    jenis: Option<String>,
}

#[derive(Template)]
#[template(path = "situs_peraturan.html")]
struct Halaman {
    b: Bingkai,
    jenis: String,
    daftar: Vec<DataPeraturan>,
}

impl Halaman {
    fn jenis_pilihan(&self) -> Vec<(&'static str, &'static str)> {
        JenisPeraturan::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect()
    }
    fn tanggal(&self, t: &Option<chrono::NaiveDate>) -> String {
        t.map(tanggal_indonesia).unwrap_or_default()
    }
    fn unduh(&self, p: &DataPeraturan) -> String {
        self.b.t(&format!("/peraturan/{}", p.token))
    }
}

async fn halaman(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let jenis = q.jenis.as_deref().and_then(JenisPeraturan::dari_kode);
    let daftar = k.store.peraturan().berlaku(&s.desa.desa_id, jenis).await?;
    let h = Halaman {
        b: Bingkai::baru(s, "peraturan", "Peraturan dan keputusan desa"),
        jenis: jenis.map(|j| j.kode().to_string()).unwrap_or_default(),
        daftar,
    };
    Ok((tajuk_publik(), tampil(&h)?).into_response())
}

async fn unduh(
    State(k): State<Bersama>,
    s: Situs,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    let (p, isi) = k
        .store
        .peraturan()
        .dokumen_publik(&s.desa.desa_id, &token)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(unduhan(
        isi,
        "application/pdf",
        &nama_berkas(&p.nama_berkas(), "pdf"),
    ))
}
