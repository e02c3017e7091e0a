//! Population statistics: server-side SVG charts, tables and JSON, for a village or a region.

use crate::galat::tampil;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::desa::Desa;
use balai_store::statistik::{JenisStatistik, Statistik, svg_batang, svg_piramida};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/statistik", get(statistik_desa))
        .route("/desa/{kode}/statistik.json", get(json_desa))
        .route("/statistik", get(statistik_wilayah))
        .route("/statistik.json", get(json_wilayah))
}

#[derive(serde::Deserialize, Default)]
struct KueriStatistik {
    jenis: Option<String>,
}

impl KueriStatistik {
    fn jenis(&self) -> Result<JenisStatistik, GalatWeb> {
        match self.jenis.as_deref() {
            None | Some("") => Ok(JenisStatistik::JenisKelamin),
            Some(k) => JenisStatistik::dari_kode(k).ok_or(GalatWeb::TidakDitemukan),
        }
    }
}

#[derive(Template)]
#[template(path = "statistik.html")]
struct HalamanStatistik {
    k: Kerangka,
    s: Statistik,
    svg: String,
    menu: Vec<(&'static str, &'static str, bool)>,
    dasar: String,
}

impl HalamanStatistik {
    fn persen(&self, b: &balai_store::statistik::BarisStatistik) -> String {
        format!("{:.1}", b.persen(self.s.total.jumlah)).replace('.', ",")
    }
}

/// The chart (sized by the stylesheet: the pages' CSP forbids inline styles).
fn grafik(s: &Statistik) -> String {
    if s.jenis == JenisStatistik::Umur {
        svg_piramida(s)
    } else {
        svg_batang(s)
    }
}

fn halaman(
    m: &Masuk,
    desa: Option<&Desa>,
    s: Statistik,
    dasar: String,
) -> Result<Response, GalatWeb> {
    let menu = JenisStatistik::SEMUA
        .iter()
        .filter(|j| desa.is_none() || **j != JenisStatistik::Desa)
        .map(|j| (j.kode(), j.label(), *j == s.jenis))
        .collect();
    Ok(tampil(&HalamanStatistik {
        k: Kerangka::baru(m, desa, "statistik", s.judul.clone()),
        svg: grafik(&s),
        s,
        menu,
        dasar,
    })?
    .into_response())
}

async fn statistik_desa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriStatistik>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let s = k
        .store
        .statistik_penduduk(&kode, q.jenis()?, k.store.hari_ini(desa.zona()))
        .await?;
    halaman(&m, Some(&desa), s, format!("/desa/{kode}/statistik"))
}

async fn json_desa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriStatistik>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let s = k
        .store
        .statistik_penduduk(&kode, q.jenis()?, k.store.hari_ini(desa.zona()))
        .await?;
    Ok(axum::Json(s).into_response())
}

/// For kecamatan, kabupaten and OPD users: every village under their region together.
async fn statistik_cakupan(
    k: &Bersama,
    m: &Masuk,
    q: &KueriStatistik,
) -> Result<Statistik, GalatWeb> {
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let hari_ini = k.store.hari_ini(balai_domain::ZonaWaktu::Wib);
    Ok(k.store
        .statistik_penduduk(&m.pengguna.awalan_desa(), q.jenis()?, hari_ini)
        .await?)
}

async fn statistik_wilayah(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<KueriStatistik>,
) -> Result<Response, GalatWeb> {
    let s = statistik_cakupan(&k, &m, &q).await?;
    halaman(&m, None, s, "/statistik".into())
}

async fn json_wilayah(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<KueriStatistik>,
) -> Result<Response, GalatWeb> {
    Ok(axum::Json(statistik_cakupan(&k, &m, &q).await?).into_response())
}
