//! The front page at `/`: the village's own site on a single-village install; on a district
//! install, every village with its figures, a search across villages and their news, and the
//! catalogue of all villages' open data.

use super::halaman::tanggal;
use super::umpan::{dcat_dataset, katalog};
use super::{Situs, tajuk_publik};
use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_store::situs::artikel::HasilCari;
use balai_store::statistik::JenisStatistik;
use balai_store::statistik::publik::samarkan;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/", get(depan))
        .route("/data.json", get(katalog_semua))
}

pub struct KartuDesa {
    pub nama: String,
    pub kecamatan: String,
    pub tautan: String,
    pub penduduk: i64,
}

#[derive(Template)]
#[template(path = "situs_wilayah.html")]
struct HalamanKabupaten {
    judul: String,
    q: String,
    desa: Vec<KartuDesa>,
    jumlah_penduduk: i64,
    jumlah_kecamatan: usize,
    berita: Vec<HasilCari>,
}

impl HalamanKabupaten {
    fn tanggal(&self, t: &Option<chrono::DateTime<chrono::Utc>>) -> String {
        tanggal(t)
    }
    fn ribuan(&self, n: &i64) -> String {
        balai_domain::surat::teks::ribuan(*n)
    }
}

#[derive(serde::Deserialize, Default)]
struct QueryCari {
    q: Option<String>,
}

/// Cache key of the front page at `/` (not a village id, so never confused with one).
const DEPAN: &str = "*";

async fn depan(State(k): State<Bersama>, Query(q): Query<QueryCari>) -> Result<Response, GalatWeb> {
    let q =
        q.q.unwrap_or_default()
            .trim()
            .chars()
            .take(100)
            .collect::<String>();
    if q.is_empty()
        && let Some(h) = k.tembolok.ambil_beranda(DEPAN, "/")
    {
        return Ok((tajuk_publik(), Html(h)).into_response());
    }
    let semua = k.store.daftar_desa("").await?;
    if semua.is_empty() {
        return Ok(Redirect::to("/masuk").into_response());
    }
    if semua.len() == 1 {
        let situs = k.store.situs_desa(&semua[0].desa_id).await?;
        let s = Situs::dari_slug(&k, &situs.slug, format!("/desa/{}", situs.slug)).await?;
        let h = super::halaman::beranda_html(&k, s).await?;
        k.tembolok.simpan_beranda(DEPAN, "/", h.clone());
        return Ok((tajuk_publik(), Html(h)).into_response());
    }
    let hari_ini = chrono::Utc::now().date_naive();
    let per_desa = samarkan(
        &k.store
            .statistik_penduduk("", JenisStatistik::Desa, hari_ini)
            .await?,
    );
    let mut desa = Vec::new();
    let mut kecamatan = std::collections::BTreeSet::new();
    let mut kabupaten = std::collections::BTreeSet::new();
    for d in &semua {
        let situs = k.store.situs_desa(&d.desa_id).await?;
        let letak = k.store.letak_desa(&d.desa_id).await?;
        kecamatan.insert(letak.kecamatan.clone());
        kabupaten.insert(letak.kabupaten.clone());
        let cocok = q.is_empty()
            || d.nama.to_lowercase().contains(&q.to_lowercase())
            || letak.kecamatan.to_lowercase().contains(&q.to_lowercase());
        if !cocok {
            continue;
        }
        let penduduk = per_desa
            .baris
            .iter()
            .find(|b| b.label.eq_ignore_ascii_case(&d.nama))
            .map(|b| b.jumlah)
            .unwrap_or(0);
        desa.push(KartuDesa {
            nama: d.nama.clone(),
            kecamatan: letak.kecamatan,
            tautan: format!("/desa/{}", situs.slug),
            penduduk,
        });
    }
    let berita = k.store.cari_artikel_semua(&q, 12).await?;
    let judul = match (kabupaten.len(), kabupaten.iter().next()) {
        (1, Some(n)) => n.clone(),
        _ => "Desa-desa".into(),
    };
    let semua_desa = q.is_empty();
    let h = HalamanKabupaten {
        judul,
        q,
        desa,
        jumlah_penduduk: per_desa.total.jumlah,
        jumlah_kecamatan: kecamatan.len(),
        berita,
    };
    let h = Bytes::from(tampil(&h)?.0);
    if semua_desa {
        // Counting every village's residents on each visit would not scale to 300 villages.
        k.tembolok.simpan_beranda(DEPAN, "/", h.clone());
    }
    Ok((tajuk_publik(), Html(h)).into_response())
}

/// The DCAT catalogue of every village's datasets.
async fn katalog_semua(State(k): State<Bersama>, h: HeaderMap) -> Result<Response, GalatWeb> {
    let akar = crate::url_dasar(&k, &h);
    let mut isi = Vec::new();
    for d in k.store.daftar_desa("").await? {
        let situs = k.store.situs_desa(&d.desa_id).await?;
        let dasar = format!("{akar}/desa/{}", situs.slug);
        for m in k.store.katalog_data(&d.desa_id).await? {
            let mut e = dcat_dataset(&dasar, &d.nama, &m);
            e["identifier"] = format!("{}/{}", situs.slug, m.id).into();
            isi.push(e);
        }
    }
    Ok((
        [
            (header::CACHE_CONTROL, "public, max-age=300"),
            (header::VARY, "Host"),
        ],
        axum::Json(katalog("Data terbuka desa", isi)),
    )
        .into_response())
}
