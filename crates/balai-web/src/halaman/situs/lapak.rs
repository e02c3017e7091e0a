//! The marketplace on the village site: products by category and search, each with the
//! seller's WhatsApp and phone links.

use super::halaman::Bingkai;
use super::{Situs, tajuk_publik};
use crate::galat::tampil;
use crate::isian::{Isian, rupiah};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::surat::teks::rp;
use balai_store::situs::lapak::{KATEGORI, Produk, ProdukBaru};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/s/{slug}/lapak", get(daftar))
        .route("/s/{slug}/lapak/{token}", get(rincian))
}

#[derive(serde::Deserialize, Default)]
struct QueryLapak {
    kategori: Option<String>,
    q: Option<String>,
}

#[derive(Template)]
#[template(path = "situs_lapak.html")]
struct HalamanLapak {
    b: Bingkai,
    kategori: String,
    q: String,
    daftar_kategori: &'static [(&'static str, &'static str)],
    produk: Vec<Produk>,
}

impl HalamanLapak {
    fn harga(&self, p: &Produk) -> String {
        harga(p)
    }
}

pub(crate) fn harga(p: &Produk) -> String {
    if p.harga == 0 {
        "Tanyakan harga".into()
    } else if p.satuan.is_empty() {
        rp(p.harga)
    } else {
        format!("{} {}", rp(p.harga), p.satuan)
    }
}

async fn daftar(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<QueryLapak>,
) -> Result<Response, GalatWeb> {
    let kategori = q
        .kategori
        .filter(|kt| KATEGORI.iter().any(|(k, _)| k == kt))
        .unwrap_or_default();
    let cari: String = q.q.unwrap_or_default().trim().chars().take(80).collect();
    let produk = k
        .store
        .cari_produk(&s.desa.desa_id, &kategori, &cari, 200)
        .await?;
    Ok((
        tajuk_publik(),
        tampil(&HalamanLapak {
            b: Bingkai::baru(s, "lapak", "Lapak desa"),
            kategori,
            q: cari,
            daftar_kategori: KATEGORI,
            produk,
        })?,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "situs_produk.html")]
struct HalamanProduk {
    b: Bingkai,
    p: Produk,
    pesan_wa: String,
}

impl HalamanProduk {
    fn harga(&self) -> String {
        harga(&self.p)
    }
}

async fn rincian(
    State(k): State<Bersama>,
    s: Situs,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    let p = k
        .store
        .produk_tayang(&s.desa.desa_id, &token)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let pesan_wa = format!(
        "Halo {}, saya melihat \"{}\" di lapak Desa {}. Apakah masih tersedia?",
        p.nama_penjual, p.nama, s.desa.nama
    );
    let mut b = Bingkai::baru(s, "lapak", p.nama.clone());
    b.uraian = format!("{} — {}", p.nama, p.nama_penjual);
    b.og_gambar = p.gambar.clone();
    Ok((tajuk_publik(), tampil(&HalamanProduk { b, p, pesan_wa })?).into_response())
}

/// The product form (portal and staff share it) as the store wants it; a price that is not
/// a number is reported on its field.
pub(crate) fn produk_dari(f: &Isian, gambar: Option<String>) -> Result<ProdukBaru, DaftarGalat> {
    let Some(harga) = rupiah(f.get("harga")) else {
        let mut g = DaftarGalat::default();
        g.push(
            "harga",
            "Harga ditulis dalam rupiah, angka saja, misalnya 15000 (kosongkan bila harga ditanyakan langsung).",
        );
        return Err(g);
    };
    Ok(ProdukBaru {
        nama_penjual: f.get("nama_penjual").into(),
        kontak: f.get("kontak").into(),
        nama: f.get("nama").into(),
        kategori: f.get("kategori").into(),
        uraian: f.get("uraian").into(),
        harga,
        satuan: f.get("satuan").into(),
        stok: f.get("stok").into(),
        gambar,
    })
}

/// A stored product back into the form's fields.
pub(crate) fn isian_produk(p: &Produk) -> Isian {
    Isian(vec![
        ("nama_penjual".into(), p.nama_penjual.clone()),
        ("kontak".into(), p.kontak.clone()),
        ("nama".into(), p.nama.clone()),
        ("kategori".into(), p.kategori.clone()),
        ("uraian".into(), p.uraian.clone()),
        (
            "harga".into(),
            if p.harga == 0 {
                String::new()
            } else {
                p.harga.to_string()
            },
        ),
        ("satuan".into(), p.satuan.clone()),
        ("stok".into(), p.stok.clone()),
        ("gambar_lama".into(), p.gambar.clone().unwrap_or_default()),
    ])
}
