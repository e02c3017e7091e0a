//! The kecamatan's or kabupaten's nutrition dashboard: for a month, every village and posyandu
//! with children measured and the share stunted, wasted or underweight; exportable as Excel or
//! PDF for the puskesmas and the Dinas Kesehatan.

use crate::galat::tampil;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::berkas_tabel;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::surat::teks::persen;
use balai_store::kesehatan::wilayah::GiziPosyandu;
use chrono::{Datelike, NaiveDate};

pub fn rute() -> Router<Bersama> {
    Router::new().route("/kesehatan", get(halaman))
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    /// "2026-12"
    bulan: Option<String>,
    format: Option<String>,
}

/// A village's posyandu rows and their sum.
struct Desa {
    kode: String,
    nama: String,
    jumlah: GiziPosyandu,
    posyandu: Vec<GiziPosyandu>,
}

#[derive(Template)]
#[template(path = "kesehatan_wilayah.html")]
struct Halaman {
    k: Kerangka,
    bulan: NaiveDate,
    desa: Vec<Desa>,
    total: GiziPosyandu,
}

impl Halaman {
    fn persen(&self, n: &i64, dari: &i64) -> String {
        persen(*n, *dari)
    }
}

fn tambah(a: &mut GiziPosyandu, b: &GiziPosyandu) {
    a.ditimbang += b.ditimbang;
    a.pendek += b.pendek;
    a.kurus += b.kurus;
    a.bb_kurang += b.bb_kurang;
}

fn kosong(kode: &str, nama: &str) -> GiziPosyandu {
    GiziPosyandu {
        desa_id: kode.into(),
        nama_desa: nama.into(),
        posyandu_id: uuid::Uuid::nil(),
        nama_posyandu: String::new(),
        ditimbang: 0,
        pendek: 0,
        kurus: 0,
        bb_kurang: 0,
    }
}

const KOLOM: [&str; 9] = [
    "Kode desa",
    "Desa",
    "Posyandu",
    "Ditimbang",
    "Pendek (TB/U < -2 SD)",
    "% pendek",
    "Kurus (BB/TB < -2 SD)",
    "Berat kurang (BB/U < -2 SD)",
    "% berat kurang",
];

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    // The village roles have their own village's posyandu page.
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let hari_ini = k.store.hari_ini(balai_domain::ZonaWaktu::Wib);
    let bulan = q
        .bulan
        .as_deref()
        .and_then(|b| NaiveDate::parse_from_str(&format!("{b}-01"), "%Y-%m-%d").ok())
        .unwrap_or(hari_ini);
    let bulan = bulan.with_day(1).unwrap_or(bulan);
    let baris = k
        .store
        .kesehatan()
        .gizi_wilayah(&m.pengguna.awalan_desa(), bulan)
        .await?;
    let mut desa: Vec<Desa> = Vec::new();
    let mut total = kosong("", "");
    for b in baris {
        tambah(&mut total, &b);
        match desa.last_mut() {
            Some(d) if d.kode == b.desa_id => {
                tambah(&mut d.jumlah, &b);
                d.posyandu.push(b);
            }
            _ => {
                let mut jumlah = kosong(&b.desa_id, &b.nama_desa);
                tambah(&mut jumlah, &b);
                desa.push(Desa {
                    kode: b.desa_id.clone(),
                    nama: b.nama_desa.clone(),
                    jumlah,
                    posyandu: vec![b],
                });
            }
        }
    }
    // Highest stunting share first: where the puskesmas goes first.
    desa.sort_by(|a, b| {
        let s = |d: &Desa| d.jumlah.pendek as f64 / d.jumlah.ditimbang.max(1) as f64;
        s(b).total_cmp(&s(a)).then(a.kode.cmp(&b.kode))
    });
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")) {
        let baris: Vec<Vec<String>> = desa
            .iter()
            .flat_map(|d| d.posyandu.iter())
            .map(|p| {
                vec![
                    p.desa_id.clone(),
                    p.nama_desa.clone(),
                    p.nama_posyandu.clone(),
                    p.ditimbang.to_string(),
                    p.pendek.to_string(),
                    persen(p.pendek, p.ditimbang),
                    p.kurus.to_string(),
                    p.bb_kurang.to_string(),
                    persen(p.bb_kurang, p.ditimbang),
                ]
            })
            .collect();
        let judul = format!("Status Gizi Balita per Posyandu, {}", bulan.format("%m-%Y"));
        let subjudul = format!(
            "{} desa, {} balita ditimbang; penimbangan terakhir setiap anak pada bulan itu (WHO 2006, Permenkes 2/2020)",
            desa.len(),
            total.ditimbang
        );
        return berkas_tabel(
            &k,
            format,
            &judul,
            &subjudul,
            &KOLOM,
            &baris,
            &format!("gizi-balita-{}", bulan.format("%Y-%m")),
            None,
        )
        .await;
    }
    let h = Halaman {
        k: Kerangka::baru(&m, None, "kesehatan", "Gizi balita per desa"),
        bulan,
        desa,
        total,
    };
    Ok(tampil(&h)?.into_response())
}
