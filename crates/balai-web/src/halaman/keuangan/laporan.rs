//! Reports: the realisation of the APBDes (semester I or the year) in the official layout,
//! spending by source of funds, the accountability summary (LPJ), as a page, PDF and XLSX;
//! and closing the year.

use super::{ok_keuangan, persen, tahun_dari};
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::berkas_tabel;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::surat::teks::rp;
use balai_store::desa::Desa;
use balai_store::keuangan::laporan::{BarisLaporan, Periode, Realisasi};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/keuangan/laporan", get(halaman))
        .route("/desa/{kode}/keuangan/tutup", post(tutup))
}

#[derive(serde::Deserialize, Default)]
struct QueryLaporan {
    tahun: Option<i64>,
    periode: Option<String>,
    jenis: Option<String>,
    format: Option<String>,
    ok: Option<String>,
}

pub const JENIS: &[(&str, &str)] = &[
    ("realisasi", "Laporan Realisasi Pelaksanaan APBDes"),
    ("sumber", "Realisasi Belanja per Sumber Dana"),
    (
        "lpj",
        "Laporan Pertanggungjawaban Realisasi APBDes (ringkas)",
    ),
];

pub const KOLOM: [&str; 6] = [
    "Kode",
    "Uraian",
    "Anggaran (Rp)",
    "Realisasi (Rp)",
    "Lebih/(Kurang) (Rp)",
    "%",
];

/// The rows of one report kind.
pub fn baris_laporan(r: &Realisasi, jenis: &str) -> Vec<BarisLaporan> {
    match jenis {
        "sumber" => r
            .per_sumber()
            .into_iter()
            .map(|(kode, uraian, anggaran, realisasi)| BarisLaporan {
                kode,
                uraian,
                anggaran,
                realisasi,
                tingkat: 1,
            })
            .chain(std::iter::once(BarisLaporan {
                kode: String::new(),
                uraian: "JUMLAH BELANJA".into(),
                anggaran: r.anggaran().belanja,
                realisasi: r.realisasi().belanja,
                tingkat: 0,
            }))
            .collect(),
        "lpj" => r.laporan().into_iter().filter(|b| b.tingkat <= 1).collect(),
        _ => r.laporan(),
    }
}

pub fn sel(b: &BarisLaporan) -> Vec<String> {
    vec![
        b.kode.clone(),
        format!("{}{}", "  ".repeat(b.tingkat as usize), b.uraian),
        rp(b.anggaran),
        rp(b.realisasi),
        rp(b.selisih()),
        persen(b.realisasi, b.anggaran),
    ]
}

/// A finance report of one village as a PDF: the report page's download without the letterhead
/// and signature block (the benchmark renders it).
pub fn pdf_laporan(
    mesin: &balai_pdf::Mesin,
    nama_desa: &str,
    r: &Realisasi,
    jenis: &str,
    periode: Periode,
) -> Result<Vec<u8>, String> {
    let nama_jenis = JENIS
        .iter()
        .find(|(k, _)| *k == jenis)
        .map(|(_, n)| *n)
        .unwrap_or("");
    let judul = format!("{nama_jenis} {} {}", periode.label(), r.versi.tahun);
    let subjudul = format!(
        "Pemerintah Desa {nama_desa} — {} — keadaan sampai {}",
        r.versi.nama(),
        r.sampai.format("%d-%m-%Y")
    );
    let baris: Vec<Vec<String>> = baris_laporan(r, jenis).iter().map(sel).collect();
    mesin
        .render_tabel(&balai_pdf::Tabel {
            judul: &judul,
            subjudul: &subjudul,
            kolom: &KOLOM,
            baris: &baris,
            kertas: balai_pdf::Kertas::F4,
            kop: &[],
            tanda_tangan: &[],
            nomor_kolom: false,
        })
        .map_err(|e| e.to_string())
}

#[derive(Template)]
#[template(path = "keuangan_laporan.html")]
struct Halaman {
    k: Kerangka,
    desa: Desa,
    tahun: i64,
    periode: Periode,
    jenis: String,
    judul: String,
    realisasi: Option<Realisasi>,
    baris: Vec<BarisLaporan>,
    ditutup: bool,
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
    fn daftar_jenis(&self) -> &'static [(&'static str, &'static str)] {
        JENIS
    }
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryLaporan>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = tahun_dari(&k, &desa, q.tahun);
    let jenis = q
        .jenis
        .filter(|j| JENIS.iter().any(|(k, _)| k == j))
        .unwrap_or_else(|| "realisasi".into());
    let periode = if jenis == "lpj" {
        Periode::Tahun
    } else {
        Periode::dari_kode(q.periode.as_deref().unwrap_or("tahun"))
    };
    let realisasi = k
        .store
        .realisasi(&kode, tahun, periode.sampai(tahun))
        .await?;
    let baris = realisasi
        .as_ref()
        .map(|r| baris_laporan(r, &jenis))
        .unwrap_or_default();
    let nama_jenis = JENIS
        .iter()
        .find(|(k, _)| *k == jenis)
        .map(|(_, n)| *n)
        .unwrap_or("");
    let judul = format!("{nama_jenis} {} {tahun}", periode.label());
    if let (Some(format), Some(r)) = (
        q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")),
        &realisasi,
    ) {
        let subjudul = format!(
            "Pemerintah Desa {} — {} — keadaan sampai {}",
            desa.nama,
            r.versi.nama(),
            r.sampai.format("%d-%m-%Y")
        );
        let sel: Vec<Vec<String>> = baris.iter().map(sel).collect();
        let nama = format!("{jenis}-{}-{kode}-{tahun}", periode.kode());
        k.store
            .catat_audit(balai_store::audit::Catatan {
                desa_id: &kode,
                aktor: &m.aktor(),
                aksi: "ekspor",
                objek: "laporan_keuangan",
                objek_id: nama.clone(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"format": format})),
            })
            .await?;
        let sah = super::pengesahan(&k, &desa).await?;
        return berkas_tabel(
            &k,
            format,
            &judul,
            &subjudul,
            &KOLOM,
            &sel,
            &nama,
            Some(&sah),
        )
        .await;
    }
    let mut kr = Kerangka::baru(&m, Some(&desa), "keuangan", judul.clone());
    kr.sub = "laporan";
    kr.pesan = q.ok.as_deref().and_then(ok_keuangan).map(str::to_string);
    let ditutup = k.store.tahun_ditutup(&kode, tahun).await?.is_some();
    Ok(tampil(&Halaman {
        k: kr,
        desa,
        tahun,
        periode,
        jenis,
        judul,
        realisasi,
        baris,
        ditutup,
    })?
    .into_response())
}

async fn tutup(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let tahun = kir.isian.angka("tahun").unwrap_or(0);
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menutup tahun anggaran.".into(),
        ));
    }
    k.store.tutup_tahun(&kode, tahun, &kir.m.aktor()).await?;
    Ok(Redirect::to(&format!(
        "/desa/{kode}/keuangan/laporan?tahun={tahun}&ok=tutup"
    ))
    .into_response())
}
