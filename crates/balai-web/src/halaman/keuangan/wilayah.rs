//! The district's (or sub-district's) view: every village's budget and realisation side by
//! side, ranked by how much of its Dana Desa it has spent, with what each is late with.

use super::persen;
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
use balai_domain::surat::teks::rp;
use balai_store::keuangan::laporan::RingkasDesa;
use chrono::{Datelike, NaiveDate};

pub fn rute() -> Router<Bersama> {
    Router::new().route("/keuangan", get(halaman))
}

#[derive(serde::Deserialize, Default)]
struct QueryWilayah {
    tahun: Option<i64>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "keuangan_wilayah.html")]
struct Halaman {
    k: Kerangka,
    tahun: i64,
    desa: Vec<RingkasDesa>,
    hari_ini: NaiveDate,
}

impl Halaman {
    fn rp<T: std::borrow::Borrow<i64>>(&self, n: T) -> String {
        rp(*n.borrow())
    }
    fn persen<A: std::borrow::Borrow<i64>, B: std::borrow::Borrow<i64>>(
        &self,
        a: A,
        b: B,
    ) -> String {
        persen(*a.borrow(), *b.borrow())
    }
    fn terlambat(&self, d: &RingkasDesa) -> String {
        d.terlambat(self.tahun, self.hari_ini).join("; ")
    }
    fn jumlah_belanja(&self) -> i64 {
        self.desa.iter().map(|d| d.belanja).sum()
    }
    fn jumlah_realisasi(&self) -> i64 {
        self.desa.iter().map(|d| d.realisasi_belanja).sum()
    }
    fn jumlah_dd(&self) -> i64 {
        self.desa.iter().map(|d| d.dana_desa).sum()
    }
    fn jumlah_realisasi_dd(&self) -> i64 {
        self.desa.iter().map(|d| d.realisasi_dana_desa).sum()
    }
}

const KOLOM: [&str; 11] = [
    "Peringkat",
    "Kode desa",
    "Desa",
    "Pendapatan (Rp)",
    "Belanja (Rp)",
    "Realisasi belanja (Rp)",
    "% belanja",
    "Dana Desa dianggarkan (Rp)",
    "Dana Desa terserap (Rp)",
    "% serapan DD",
    "Keterangan",
];

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<QueryWilayah>,
) -> Result<Response, GalatWeb> {
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let hari_ini = k.store.hari_ini(balai_domain::ZonaWaktu::Wib);
    let tahun = q
        .tahun
        .filter(|t| (2015..=2100).contains(t))
        .unwrap_or(hari_ini.year() as i64);
    let mut desa = k
        .store
        .perbandingan_keuangan(&m.pengguna.awalan_desa(), tahun)
        .await?;
    // Dana Desa absorption ranking: highest share spent first; villages without a budget last.
    desa.sort_by(|a, b| {
        b.serapan_dd()
            .total_cmp(&a.serapan_dd())
            .then(a.desa_id.cmp(&b.desa_id))
    });
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")) {
        let baris: Vec<Vec<String>> = desa
            .iter()
            .enumerate()
            .map(|(i, d)| {
                vec![
                    (i + 1).to_string(),
                    d.desa_id.clone(),
                    d.nama.clone(),
                    rp(d.pendapatan),
                    rp(d.belanja),
                    rp(d.realisasi_belanja),
                    persen(d.realisasi_belanja, d.belanja),
                    rp(d.dana_desa),
                    rp(d.realisasi_dana_desa),
                    persen(d.realisasi_dana_desa, d.dana_desa),
                    d.terlambat(tahun, hari_ini).join("; "),
                ]
            })
            .collect();
        let judul = format!("Perbandingan APBDes dan Realisasi Desa Tahun {tahun}");
        let subjudul = format!(
            "{} desa, keadaan {}",
            desa.len(),
            hari_ini.format("%d-%m-%Y")
        );
        return berkas_tabel(
            &k,
            format,
            &judul,
            &subjudul,
            &KOLOM,
            &baris,
            &format!("apbdes-desa-{tahun}"),
            None,
        )
        .await;
    }
    let kr = Kerangka::baru(&m, None, "keuangan", format!("Keuangan desa {tahun}"));
    Ok(tampil(&Halaman {
        k: kr,
        tahun,
        desa,
        hari_ini,
    })?
    .into_response())
}
