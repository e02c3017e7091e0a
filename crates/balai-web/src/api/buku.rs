//! The administrative books over the API: any book of Permendagri 47/2016 for a year, a month
//! or a date range, as its columns and rows (the same content as the page, PDF and XLSX). A
//! book naming people is written to the village's audit log with the token that read it.

use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use crate::halaman::buku::KueriPeriode;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_store::buku::{berisi_data_pribadi, katalog};
use serde_json::json;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/desa/{kode}/buku/{kode_buku}", get(buku))
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    #[serde(flatten)]
    periode: KueriPeriode,
    bagian: Option<String>,
}

async fn buku(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, kode_buku)): Path<(String, String)>,
    Query(q): Query<Kueri>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    if !katalog().iter().any(|b| b.kode == kode_buku) {
        let semua: Vec<&str> = katalog().iter().map(|b| b.kode.as_str()).collect();
        return Err(Masalah::new(
            StatusCode::NOT_FOUND,
            format!(
                "Buku {kode_buku} tidak dikenal; kode buku: {}.",
                semua.join(", ")
            ),
        ));
    }
    let bagian = match (
        kode_buku.as_str(),
        q.bagian.as_deref().filter(|b| !b.is_empty()),
    ) {
        ("A.7", Some("surat masuk")) => "surat masuk",
        ("A.7", None | Some("surat keluar")) => "surat keluar",
        ("A.7", Some(_)) => {
            return Err(Masalah::new(
                StatusCode::BAD_REQUEST,
                "Parameter `bagian` tidak sah: bagian buku A.7 adalah \"surat masuk\" atau \"surat keluar\".",
            ));
        }
        (_, Some(_)) => {
            return Err(Masalah::new(
                StatusCode::BAD_REQUEST,
                "Parameter `bagian` tidak sah: hanya buku A.7 yang berbagian.",
            ));
        }
        _ => "",
    };
    periksa_periode(&q.periode)?;
    let p = q.periode.periode(k.store.hari_ini(desa.zona()));
    let b = k
        .store
        .buku(&kode, &kode_buku, bagian, &p)
        .await?
        .ok_or_else(|| Masalah::new(StatusCode::NOT_FOUND, "Buku tidak ditemukan."))?;
    if berisi_data_pribadi(&b.kode) {
        k.store
            .catat_audit(balai_store::audit::Catatan {
                desa_id: &kode,
                aktor: &t.aktor(),
                aksi: "api_buku",
                objek: "buku_administrasi",
                objek_id: b.kode.clone(),
                sebelum: None,
                sesudah: Some(json!({"dari": p.dari, "sampai": p.sampai, "baris": b.baris.len()})),
            })
            .await?;
    }
    Ok(Json(json!({
        "kode": b.kode,
        "judul": b.judul,
        "bagian": bagian,
        "periode": {"dari": p.dari, "sampai": p.sampai, "label": p.label()},
        "kolom": b.kolom,
        "baris": b.baris,
        "kurang": b.kurang,
    }))
    .into_response())
}

/// The API refuses a period it cannot read (the page falls back to this year instead, where a
/// person sees the result).
fn isi(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn periksa_periode(q: &KueriPeriode) -> HasilApi<()> {
    let salah = |nama: &str, harap: &str| {
        Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            format!("Parameter `{nama}` tidak sah: harus {harap}."),
        ))
    };
    if let Some(t) = isi(&q.tahun)
        && !t.parse::<i32>().is_ok_and(|t| (1900..=2200).contains(&t))
    {
        return salah("tahun", "tahun antara 1900 dan 2200");
    }
    if let Some(b) = isi(&q.bulan)
        && !b.parse::<u32>().is_ok_and(|b| (1..=12).contains(&b))
    {
        return salah("bulan", "angka bulan 1 sampai 12");
    }
    for (nama, nilai) in [("dari", &q.dari), ("sampai", &q.sampai)] {
        if let Some(t) = isi(nilai)
            && chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_err()
        {
            return salah(nama, "tanggal TTTT-BB-HH");
        }
    }
    Ok(())
}
