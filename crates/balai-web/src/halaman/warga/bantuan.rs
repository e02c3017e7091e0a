//! A resident's social aid: the programmes the family is registered in, what was received
//! and when, a death benefit claim in the family, and a way to report a problem (a complaint in
//! the "bantuan sosial" category, answered by the village).

use super::{Bingkai, Warga};
use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::bantuan::StatusSantunan;
use balai_domain::surat::teks::rp;
use balai_store::bantuan::BantuanWarga;
use chrono::NaiveDate;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/warga/bantuan", get(halaman))
}

#[derive(Template)]
#[template(path = "warga_bantuan.html")]
struct Halaman {
    b: Bingkai,
    program: Vec<BantuanWarga>,
    /// (programme, date, period, amount)
    riwayat: Vec<(String, NaiveDate, String, i64)>,
    /// (deceased, claim number, status)
    santunan: Vec<(String, String, String)>,
    punya_kk: bool,
}

impl Halaman {
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
}

async fn halaman(State(k): State<Bersama>, w: Warga) -> Result<Response, GalatWeb> {
    let kode = &w.desa.desa_id;
    let b = k.store.bantuan();
    let (program, riwayat, santunan) = match w.penduduk.keluarga_id {
        Some(kk) => {
            let santunan = b
                .santunan_keluarga(kode, kk)
                .await?
                .into_iter()
                .map(|(nama, nomor, status)| {
                    let label = StatusSantunan::dari_kode(&status).map_or("", |s| s.label());
                    (nama, nomor, label.to_string())
                })
                .collect();
            (
                b.bantuan_keluarga(kode, kk).await?,
                b.riwayat_keluarga(kode, kk).await?,
                santunan,
            )
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    Ok(tampil(&Halaman {
        b: w.bingkai("Bantuan sosial keluarga"),
        punya_kk: w.penduduk.keluarga_id.is_some(),
        program,
        riwayat,
        santunan,
    })?
    .into_response())
}
