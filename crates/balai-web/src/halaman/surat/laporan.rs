//! Books and reports of the letter service: the outgoing agenda (from issued letters) and the
//! yearly report. The register of incoming letters is in `masuk.rs`.

use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::berkas_tabel;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::surat::teks::tanggal_indonesia;
use balai_store::desa::Desa;
use balai_store::surat::LaporanSurat;
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/surat/agenda", get(agenda).post(agenda_cari))
        .route("/desa/{kode}/surat/laporan", get(laporan))
}

const KOLOM_KELUAR: [&str; 6] = [
    "Nomor Urut",
    "Nomor Surat",
    "Tanggal Surat",
    "Ditujukan Kepada",
    "Isi Singkat",
    "Keterangan",
];
/// This month, the default period of the books.
pub(super) fn bulan_ini(k: &Bersama, desa: &Desa) -> (NaiveDate, NaiveDate) {
    let hari = k.store.hari_ini(desa.zona());
    let awal = hari.with_day(1).unwrap_or(hari);
    (awal, hari)
}

/// Exports of books name residents: each one is in the audit log.
pub(super) async fn catat_ekspor(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    buku: &str,
    format: &str,
    baris: usize,
) -> Result<(), GalatWeb> {
    k.store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: &desa.desa_id,
            aktor: &m.aktor(),
            aksi: "ekspor",
            objek: buku,
            objek_id: desa.desa_id.clone(),
            sebelum: None,
            sesudah: Some(serde_json::json!({"format": format, "baris": baris})),
        })
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Outgoing agenda

#[derive(Template)]
#[template(path = "surat_agenda.html")]
struct HalamanAgenda {
    k: Kerangka,
    dari: String,
    sampai: String,
    q: String,
    jenis: String,
    daftar_jenis: Vec<(String, String)>,
    kolom: &'static [&'static str],
    baris: Vec<Vec<String>>,
    id: Vec<Uuid>,
}

impl HalamanAgenda {
    fn baris_dengan_id(&self) -> impl Iterator<Item = (&Uuid, &Vec<String>)> {
        self.id.iter().zip(&self.baris)
    }
}

#[derive(serde::Deserialize, Default)]
struct QueryAgenda {
    dari: Option<String>,
    sampai: Option<String>,
    jenis: Option<String>,
}

async fn tampil_agenda(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: &Isian,
) -> Result<Response, GalatWeb> {
    let (awal, akhir) = bulan_ini(k, desa);
    let dari = crate::isian::tanggal(f.get("dari")).unwrap_or(awal);
    let sampai = crate::isian::tanggal(f.get("sampai")).unwrap_or(akhir);
    let surat = k
        .store
        .agenda_surat_keluar(&desa.desa_id, dari, sampai, f.get("q"), f.get("jenis"))
        .await?;
    let baris: Vec<Vec<String>> = surat
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                s.nomor.clone().unwrap_or_default(),
                s.tanggal.map(tanggal_indonesia).unwrap_or_default(),
                s.nama_pemohon.clone(),
                s.jenis_nama.clone(),
                if s.status == "dibatalkan" {
                    format!("Dibatalkan: {}", s.alasan.clone().unwrap_or_default())
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let subjudul = format!(
        "Desa {}, {} s.d. {}",
        desa.nama,
        tanggal_indonesia(dari),
        tanggal_indonesia(sampai)
    );
    match f.get("format") {
        "xlsx" | "pdf" => {
            catat_ekspor(
                k,
                m,
                desa,
                "buku_agenda_surat_keluar",
                f.get("format"),
                baris.len(),
            )
            .await?;
            return berkas_tabel(
                k,
                f.get("format"),
                "Buku Agenda Surat Keluar",
                &subjudul,
                &KOLOM_KELUAR,
                &baris,
                "agenda-surat-keluar",
                None,
            )
            .await;
        }
        _ => {}
    }
    let daftar_jenis = k
        .store
        .daftar_jenis_surat(&desa.desa_id)
        .await?
        .into_iter()
        .map(|j| (j.jenis.kode, j.jenis.nama))
        .collect();
    Ok(tampil(&HalamanAgenda {
        k: Kerangka::baru(m, Some(desa), "surat", "Buku agenda surat keluar"),
        dari: dari.format("%d-%m-%Y").to_string(),
        sampai: sampai.format("%d-%m-%Y").to_string(),
        q: f.get("q").to_string(),
        jenis: f.get("jenis").to_string(),
        daftar_jenis,
        kolom: &KOLOM_KELUAR,
        id: surat.iter().map(|s| s.id).collect(),
        baris,
    })?
    .into_response())
}

async fn agenda(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryAgenda>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let f = Isian(vec![
        ("dari".into(), q.dari.unwrap_or_default()),
        ("sampai".into(), q.sampai.unwrap_or_default()),
        ("jenis".into(), q.jenis.unwrap_or_default()),
    ]);
    tampil_agenda(&k, &m, &desa, &f).await
}

async fn agenda_cari(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    tampil_agenda(&k, &kir.m, &desa, &kir.isian).await
}

// ---------------------------------------------------------------------------------------------
// Incoming register

// ---------------------------------------------------------------------------------------------
// Report

#[derive(Template)]
#[template(path = "surat_laporan.html")]
struct HalamanLaporan {
    k: Kerangka,
    l: LaporanSurat,
    svg: String,
    /// Short month names for the table header.
    bulan: [&'static str; 12],
}

impl HalamanLaporan {
    fn menit(&self, m: &f64) -> String {
        lama(*m)
    }
    fn menit_opsi(&self, m: &Option<f64>) -> String {
        m.map(lama).unwrap_or_else(|| "—".into())
    }
}

/// "12 menit", "3 jam 5 menit", "2 hari 4 jam".
fn lama(menit: f64) -> String {
    let m = menit.round() as i64;
    if m < 60 {
        format!("{m} menit")
    } else if m < 24 * 60 {
        format!("{} jam {} menit", m / 60, m % 60)
    } else {
        format!("{} hari {} jam", m / 1440, (m % 1440) / 60)
    }
}

/// Letters issued per month, as a bar chart.
fn svg_bulanan(l: &LaporanSurat) -> String {
    let mut per_bulan = [0i64; 12];
    for j in &l.per_jenis {
        for (i, n) in j.per_bulan.iter().enumerate() {
            per_bulan[i] += n;
        }
    }
    let maks = per_bulan.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (lebar, tinggi, bawah) = (600.0, 200.0, 24.0);
    let lajur = lebar / 12.0;
    let mut s = format!(
        "<svg class=\"grafik\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {lebar} {}\" role=\"img\" aria-label=\"Surat terbit per bulan\">",
        tinggi + bawah
    );
    for (i, n) in per_bulan.iter().enumerate() {
        let h = (*n as f64 / maks) * (tinggi - 20.0);
        let x = i as f64 * lajur + 6.0;
        s.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#1f6f50\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{n}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            tinggi - h,
            lajur - 12.0,
            x + (lajur - 12.0) / 2.0,
            tinggi - h - 4.0,
            x + (lajur - 12.0) / 2.0,
            tinggi + 16.0,
            &BULAN[i][..3]
        ));
    }
    s.push_str("</svg>");
    s
}

const BULAN: [&str; 12] = balai_domain::surat::teks::NAMA_BULAN;

#[derive(serde::Deserialize, Default)]
struct QueryLaporan {
    tahun: Option<i32>,
    format: Option<String>,
}

async fn laporan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryLaporan>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = q
        .tahun
        .filter(|t| (2000..=2200).contains(t))
        .unwrap_or_else(|| k.store.hari_ini(desa.zona()).year());
    let l = k.store.laporan_surat(&desa.desa_id, tahun).await?;
    if q.format.as_deref() == Some("json") {
        return Ok(axum::Json(l).into_response());
    }
    Ok(tampil(&HalamanLaporan {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "surat",
            format!("Laporan layanan surat {tahun}"),
        ),
        svg: svg_bulanan(&l),
        l,
        bulan: [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ],
    })?
    .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn lama_dalam_kata() {
        assert_eq!(super::lama(12.4), "12 menit");
        assert_eq!(super::lama(185.0), "3 jam 5 menit");
        assert_eq!(super::lama(3120.0), "2 hari 4 jam");
    }
}
