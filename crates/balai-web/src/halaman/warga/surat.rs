//! Letters from the portal: request a type allowed online for myself or a family member, attach
//! the required documents, follow the status, download the signed PDF.

use super::{Bingkai, Warga, waktu};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::halaman::surat::{BidangSurat, bidang_surat};
use crate::isian::{Isian, baca_multipart};
use crate::unduhan::{nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::surat::jenis::JenisSurat;
use balai_domain::surat::teks::rupiah;
use balai_store::Galat;
use balai_store::surat::{LangkahSurat, Permohonan, Surat};
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/surat", get(daftar))
        .route("/warga/surat/baru", get(pilih_jenis))
        .route("/warga/surat/baru/{jenis}", get(form).post(kirim))
        .route("/warga/surat/{id}", get(rincian))
        .route("/warga/surat/{id}/pdf", get(pdf))
}

/// Types a resident may request online, active in the village.
pub async fn jenis_daring(k: &Bersama, desa_id: &str) -> Result<Vec<JenisSurat>, GalatWeb> {
    Ok(k.store
        .daftar_jenis_surat_terpakai(desa_id)
        .await?
        .into_iter()
        .filter(|j| j.aktif && j.jenis.bisa_diminta_warga)
        .map(|j| j.jenis)
        .collect())
}

/// One type a resident may request online, or "not found".
pub async fn jenis_daring_satu(
    k: &Bersama,
    desa_id: &str,
    kode: &str,
) -> Result<JenisSurat, GalatWeb> {
    k.store
        .jenis_surat(desa_id, kode)
        .await?
        .filter(|j| j.aktif && j.jenis.bisa_diminta_warga)
        .map(|j| j.jenis)
        .ok_or(GalatWeb::TidakDitemukan)
}

/// Splits posted fields into the letter's values and extra persons.
pub fn pisah_isian(f: &Isian) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut isian = BTreeMap::new();
    let mut orang = BTreeMap::new();
    for (nama, nilai) in &f.0 {
        if let Some(kunci) = nama.strip_prefix("isian.") {
            isian.insert(kunci.to_string(), nilai.clone());
        } else if let Some(kunci) = nama.strip_prefix("orang.") {
            orang.insert(kunci.to_string(), nilai.clone());
        }
    }
    (isian, orang)
}

#[derive(Template)]
#[template(path = "warga_surat_daftar.html")]
struct HalamanDaftar {
    b: Bingkai,
    surat: Vec<Surat>,
}

async fn daftar(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let surat = k.store.surat_warga(&w.desa.desa_id, w.penduduk.id).await?;
    Ok(tampil(&HalamanDaftar {
        b: w.bingkai("Surat saya").dengan_pesan(q.ok.as_deref()),
        surat,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_surat_jenis.html")]
struct HalamanJenis {
    b: Bingkai,
    jenis: Vec<(JenisSurat, String)>,
}

async fn pilih_jenis(State(k): State<Bersama>, w: Warga) -> Result<Response, GalatWeb> {
    let jenis = jenis_daring(&k, &w.desa.desa_id)
        .await?
        .into_iter()
        .map(|j| {
            let biaya = rupiah(j.biaya);
            (j, biaya)
        })
        .collect();
    Ok(tampil(&HalamanJenis {
        b: w.bingkai("Ajukan surat"),
        jenis,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_surat_form.html")]
struct HalamanForm {
    b: Bingkai,
    j: JenisSurat,
    biaya: String,
    keluarga: Vec<(Uuid, String)>,
    untuk: String,
    bidang: Vec<BidangSurat>,
    galat_umum: Option<String>,
    galat_lampiran: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn tampil_form(
    k: &Bersama,
    w: &Warga,
    j: JenisSurat,
    f: &Isian,
    g: &DaftarGalat,
    galat_umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let keluarga = k
        .store
        .keluarga_warga(&w.desa.desa_id, w.penduduk.id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.nama))
        .collect();
    let untuk = match f.get("untuk") {
        "" => w.penduduk.id.to_string(),
        x => x.to_string(),
    };
    let html = tampil(&HalamanForm {
        b: w.bingkai(j.nama.clone()),
        biaya: rupiah(j.biaya),
        bidang: bidang_surat(&j, f, g),
        j,
        keluarga,
        untuk,
        galat_umum,
        galat_lampiran: g.untuk("lampiran").map(str::to_string),
    })?;
    Ok((status, html).into_response())
}

async fn jenis_atau_404(k: &Bersama, w: &Warga, kode: &str) -> Result<JenisSurat, GalatWeb> {
    jenis_daring_satu(k, &w.desa.desa_id, kode).await
}

async fn form(
    State(k): State<Bersama>,
    w: Warga,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let j = jenis_atau_404(&k, &w, &kode).await?;
    tampil_form(
        &k,
        &w,
        j,
        &Isian::default(),
        &DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn kirim(
    State(k): State<Bersama>,
    w: Warga,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar (paling besar 5 MB per berkas). Coba lagi.",
    )
    .await?;
    w.cek_csrf(f.get("_csrf"))?;
    let j = jenis_atau_404(&k, &w, &kode).await?;
    let d = &w.desa.desa_id;
    let gagal = |g: DaftarGalat, umum: Option<String>| {
        let k = k.clone();
        let j = j.clone();
        let f = f.clone();
        let w = &w;
        async move { tampil_form(&k, w, j, &f, &g, umum, StatusCode::UNPROCESSABLE_ENTITY).await }
    };
    // Only for myself or a living member of my family.
    let untuk = f.get("untuk").parse::<Uuid>().unwrap_or(w.penduduk.id);
    if !k.store.sekeluarga(d, w.penduduk.id, untuk).await? {
        return Err(GalatWeb::TidakDitemukan);
    }
    let lampiran: Vec<_> = berkas
        .into_iter()
        .filter(|b| b.bidang == "lampiran")
        .collect();
    let mut g = DaftarGalat::default();
    if !j.persyaratan.is_empty() && lampiran.is_empty() {
        g.push(
            "lampiran",
            "Lampirkan foto atau pindaian persyaratan (JPEG, PNG atau PDF).",
        );
    }
    for b in &lampiran {
        if b.isi.len() > 5 * 1024 * 1024 {
            g.push(
                "lampiran",
                format!("Berkas \"{}\" lebih dari 5 MB.", b.nama),
            );
        } else if !matches!(
            balai_store::berkas::jenis_berkas(&b.isi),
            Some("image/jpeg" | "image/png" | "application/pdf")
        ) {
            g.push(
                "lampiran",
                format!("Berkas \"{}\" bukan JPEG, PNG atau PDF.", b.nama),
            );
        }
    }
    if !g.0.is_empty() {
        return gagal(g, None).await;
    }
    let (isian, orang) = pisah_isian(&f);
    // Other persons on a letter must be of the resident's own family here: the portal must not
    // become a way to test whether someone's NIK is in the village.
    let keluarga: Vec<String> = k
        .store
        .keluarga_warga(d, w.penduduk.id)
        .await?
        .into_iter()
        .map(|a| a.nik)
        .collect();
    let mut g = DaftarGalat::default();
    for (kunci, nik) in &orang {
        let nik: String = nik.chars().filter(char::is_ascii_digit).collect();
        if !nik.is_empty() && !keluarga.contains(&nik) {
            g.push(
                &format!("orang.{kunci}"),
                "Di layanan mandiri hanya anggota keluarga Anda (satu KK) yang dapat dicantumkan. Untuk orang lain, ajukan surat ini di kantor desa.",
            );
        }
    }
    if !g.0.is_empty() {
        return gagal(g, None).await;
    }
    let permohonan = Permohonan {
        jenis_kode: j.kode.clone(),
        penduduk_id: untuk,
        isian,
        orang,
        kanal: "portal".into(),
        kertas: String::new(),
        langsung_diperiksa: false,
        pengganti_dari: None,
    };
    let id = match k.store.ajukan_surat(d, &permohonan, &w.aktor()).await {
        Ok(id) => id,
        Err(Galat::Isian(g)) => return gagal(g, None).await,
        Err(Galat::Ditolak(p)) => return gagal(DaftarGalat::default(), Some(p)).await,
        Err(e) => return Err(e.into()),
    };
    for b in lampiran {
        k.store
            .tambah_lampiran_surat(d, id, &b.isi, &b.nama, &w.aktor())
            .await?;
    }
    k.store.bangunkan_kurir();
    Ok(Redirect::to(&format!("/warga/surat/{id}?ok=surat")).into_response())
}

#[derive(Template)]
#[template(path = "warga_surat_rincian.html")]
struct HalamanRincian {
    b: Bingkai,
    s: Surat,
    langkah: Vec<(String, LangkahSurat)>,
    diajukan: String,
    biaya: String,
}

async fn rincian(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let d = &w.desa.desa_id;
    let s = k.store.surat_milik_warga(d, w.penduduk.id, id).await?;
    let langkah = k
        .store
        .riwayat_surat(d, id)
        .await?
        .into_iter()
        .map(|l| (waktu(&l.waktu, w.desa.zona()), l))
        .collect();
    Ok(tampil(&HalamanRincian {
        b: w.bingkai(s.jenis_nama.clone())
            .dengan_pesan(q.ok.as_deref()),
        diajukan: waktu(&s.diajukan_pada, w.desa.zona()),
        biaya: rupiah(s.biaya),
        s,
        langkah,
    })?
    .into_response())
}

async fn pdf(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let d = &w.desa.desa_id;
    let s = k.store.surat_milik_warga(d, w.penduduk.id, id).await?;
    let (nomor, isi) = k.store.pdf_surat(d, s.id).await?;
    Ok(unduhan(
        isi,
        "application/pdf",
        &nama_berkas(&format!("surat-{}", nomor.replace('/', "-")), "pdf"),
    ))
}
