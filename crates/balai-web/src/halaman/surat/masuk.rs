//! The register of incoming letters (surat masuk) with scanned attachments.

use super::laporan::catat_ekspor;
use crate::galat::tampil;
use crate::isian::Isian;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{berkas_tabel, ekstensi, nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::surat::teks::tanggal_indonesia;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::surat::{SuratMasuk, SuratMasukBaru};
use chrono::NaiveDate;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/surat/masuk", get(masuk).post(masuk_simpan))
        .route("/desa/{kode}/surat/masuk/{id}/lampiran", get(lampiran))
}

const KOLOM_MASUK: [&str; 7] = [
    "Nomor Urut",
    "Tanggal Penerimaan",
    "Nomor Surat",
    "Tanggal Surat",
    "Pengirim",
    "Isi Singkat",
    "Disposisi",
];

#[derive(Template)]
#[template(path = "surat_masuk.html")]
struct HalamanMasuk {
    k: Kerangka,
    daftar: Vec<SuratMasuk>,
    f: Isian,
    galat: DaftarGalat,
    q: String,
}

impl HalamanMasuk {
    fn tgl(&self, t: &NaiveDate) -> String {
        tanggal_indonesia(*t)
    }
    /// The one-line fields: (name, label, input type).
    fn bidang(&self) -> [(&'static str, &'static str, &'static str); 4] {
        [
            ("tanggal_terima", "Tanggal penerimaan", "date"),
            ("nomor_surat", "Nomor surat", "text"),
            ("tanggal_surat", "Tanggal surat", "date"),
            ("pengirim", "Pengirim", "text"),
        ]
    }
}

#[derive(serde::Deserialize, Default)]
struct QueryMasuk {
    ok: Option<String>,
    format: Option<String>,
}

async fn tampil_masuk(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    galat: DaftarGalat,
    q: &str,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let daftar = k
        .store
        .daftar_surat_masuk(&desa.desa_id, q, None, None)
        .await?;
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanMasuk {
        k: Kerangka::baru(m, Some(desa), "surat", "Buku agenda surat masuk").dengan_pesan(ok),
        daftar,
        f,
        galat,
        q: q.to_string(),
    })?;
    Ok((status, html).into_response())
}

async fn masuk(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryMasuk>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "xlsx" | "pdf")) {
        let daftar = k
            .store
            .daftar_surat_masuk(&desa.desa_id, "", None, None)
            .await?;
        let baris: Vec<Vec<String>> = daftar
            .iter()
            .map(|s| {
                vec![
                    format!("{}/{}", s.nomor_urut, s.tahun),
                    tanggal_indonesia(s.tanggal_terima),
                    s.nomor_surat.clone(),
                    tanggal_indonesia(s.tanggal_surat),
                    s.pengirim.clone(),
                    s.isi_singkat.clone(),
                    s.disposisi.clone(),
                ]
            })
            .collect();
        catat_ekspor(
            &k,
            &m,
            &desa,
            "buku_agenda_surat_masuk",
            format,
            baris.len(),
        )
        .await?;
        return berkas_tabel(
            &k,
            format,
            "Buku Agenda Surat Masuk",
            &format!("Desa {}", desa.nama),
            &KOLOM_MASUK,
            &baris,
            "agenda-surat-masuk",
            None,
        )
        .await;
    }
    let hari = k.store.hari_ini(desa.zona()).to_string();
    let f = Isian(vec![("tanggal_terima".into(), hari)]);
    tampil_masuk(
        &k,
        &m,
        &desa,
        f,
        DaftarGalat::default(),
        "",
        q.ok.as_deref(),
    )
    .await
}

/// The add form (multipart, with the scan) or the search form (plain POST).
async fn masuk_simpan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; lampiran paling besar 5 MB.",
    )
    .await?;
    let lampiran = crate::isian::ambil_berkas(berkas, "lampiran").map(|(nama, isi)| (isi, nama));
    m.cek_csrf(f.get("_csrf"))?;
    if f.get("aksi") == "cari" {
        let q = f.get("q").to_string();
        return tampil_masuk(
            &k,
            &m,
            &desa,
            Isian::default(),
            DaftarGalat::default(),
            &q,
            None,
        )
        .await;
    }
    m.wajib_tulis()?;
    let baru = SuratMasukBaru {
        tanggal_terima: f.get("tanggal_terima").to_string(),
        nomor_surat: f.get("nomor_surat").to_string(),
        tanggal_surat: f.get("tanggal_surat").to_string(),
        pengirim: f.get("pengirim").to_string(),
        isi_singkat: f.get("isi_singkat").to_string(),
        disposisi: f.get("disposisi").to_string(),
        lampiran,
    };
    match k
        .store
        .catat_surat_masuk(&desa.desa_id, &baru, &m.aktor())
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/desa/{}/surat/masuk?ok=simpan", desa.desa_id)).into_response(),
        ),
        Err(Galat::Isian(g)) => tampil_masuk(&k, &m, &desa, f, g, "", None).await,
        Err(e) => Err(e.into()),
    }
}

async fn lampiran(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (isi, mime, nama) = k
        .store
        .lampiran_surat_masuk(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let dasar = nama.rsplit_once('.').map(|(d, _)| d).unwrap_or(&nama);
    Ok(unduhan(isi, &mime, &nama_berkas(dasar, ekstensi(&mime))))
}
