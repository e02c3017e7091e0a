//! Writing and publishing news, announcements, agenda items and pages.

use super::{alamat_situs, baca_dengan_gambar};
use crate::galat::tampil;
use crate::halaman::Ok;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::situs::artikel::{Artikel, ArtikelBaru, JENIS};
use chrono::{DateTime, NaiveDateTime, Utc};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/artikel", get(daftar).post(buat))
        .route("/desa/{kode}/artikel/baru", get(baru))
        .route("/desa/{kode}/artikel/{id}", get(ubah).post(simpan))
        .route("/desa/{kode}/artikel/{id}/hapus", post(hapus))
}

#[derive(Template)]
#[template(path = "kelola_artikel_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    artikel: Vec<Artikel>,
    now: DateTime<Utc>,
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let situs = k.store.situs_desa(&kode).await?;
    let artikel = k.store.daftar_artikel(&kode).await?;
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, Some(&desa), "situs", "Berita dan halaman")
            .dengan_pesan(q.ok.as_deref()),
        desa,
        alamat: alamat_situs(&situs),
        artikel,
        now: k.store.sekarang(),
    })?
    .into_response())
}

/// What the form shows (as typed).
#[derive(Default)]
struct Isi {
    jenis: String,
    kategori: String,
    judul: String,
    ringkasan: String,
    isi: String,
    gambar: Option<String>,
    terbit: bool,
    /// "YYYY-MM-DDTHH:MM" in the village's time, for a scheduled publication.
    jadwal: String,
    /// The same for an agenda item's event.
    acara: String,
    tempat: String,
}

#[derive(Template)]
#[template(path = "kelola_artikel_form.html")]
struct HalamanForm {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    id: Option<Uuid>,
    slug: String,
    f: Isi,
    jenis: &'static [(&'static str, &'static str)],
    galat: DaftarGalat,
    galat_umum: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn tampil_form(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    id: Option<Uuid>,
    slug: String,
    f: Isi,
    galat: DaftarGalat,
    galat_umum: Option<String>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let status = if galat.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let judul = if id.is_some() {
        "Ubah tulisan"
    } else {
        "Tulisan baru"
    };
    let html = tampil(&HalamanForm {
        k: Kerangka::baru(m, Some(&desa), "situs", judul),
        desa,
        alamat: alamat_situs(&situs),
        id,
        slug,
        f,
        jenis: JENIS,
        galat,
        galat_umum,
    })?;
    Ok((status, html).into_response())
}

async fn baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = Isi {
        jenis: "berita".into(),
        terbit: true,
        ..Default::default()
    };
    tampil_form(
        &k,
        &m,
        desa,
        None,
        String::new(),
        f,
        DaftarGalat::default(),
        None,
    )
    .await
}

async fn ubah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let a = k
        .store
        .artikel(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let zona = desa.zona();
    let lokal = |t: DateTime<Utc>| {
        t.with_timezone(&zona.offset())
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let jadwal = match a.terbit_pada {
        Some(t) if t > k.store.sekarang() => lokal(t),
        _ => String::new(),
    };
    let acara = a.waktu_acara.map(lokal).unwrap_or_default();
    let f = Isi {
        jenis: a.jenis,
        kategori: a.kategori,
        judul: a.judul,
        ringkasan: a.ringkasan,
        isi: a.isi_html,
        gambar: a.gambar,
        terbit: a.status == "terbit",
        jadwal,
        acara,
        tempat: a.tempat,
    };
    tampil_form(
        &k,
        &m,
        desa,
        Some(id),
        a.slug,
        f,
        DaftarGalat::default(),
        None,
    )
    .await
}

async fn buat(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    kirim(k, m, kode, None, mp).await
}

async fn simpan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    kirim(k, m, kode, Some(id), mp).await
}

async fn kirim(
    k: Bersama,
    m: Masuk,
    kode: String,
    id: Option<Uuid>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let lama = match id {
        Some(id) => Some(
            k.store
                .artikel(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?,
        ),
        None => None,
    };
    let (f, gambar) = baca_dengan_gambar(&k, &m, &kode, mp, false).await?;
    let gambar_lama = Some(f.get("gambar_lama").to_string()).filter(|g| !g.is_empty());
    let mut isi = Isi {
        jenis: f.get("jenis").into(),
        kategori: f.get("kategori").into(),
        judul: f.get("judul").into(),
        ringkasan: f.get("ringkasan").into(),
        isi: f.get("isi").into(),
        gambar: if f.get("hapus_gambar") == "ya" {
            None
        } else {
            gambar_lama
        },
        terbit: f.get("terbit") == "ya",
        jadwal: f.get("jadwal").trim().into(),
        acara: f.get("acara").trim().into(),
        tempat: f.get("tempat").into(),
    };
    let slug = lama.as_ref().map(|a| a.slug.clone()).unwrap_or_default();
    match gambar {
        Ok(Some(t)) => isi.gambar = Some(t),
        Ok(None) => {}
        Err(p) => {
            return tampil_form(&k, &m, desa, id, slug, isi, DaftarGalat::default(), Some(p)).await;
        }
    }
    let mut galat = DaftarGalat::default();
    let zona = desa.zona().offset();
    let baca_waktu = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| t.and_local_timezone(zona).single())
            .map(|t| t.with_timezone(&Utc))
    };
    let terbit_pada = match (isi.jadwal.is_empty(), baca_waktu(&isi.jadwal)) {
        (true, _) => None,
        (false, Some(t)) => Some(t),
        (false, None) => {
            galat.push(
                "jadwal",
                "Waktu terbit tidak dapat dibaca. Pilih tanggal dan jam, atau kosongkan untuk terbit sekarang.",
            );
            None
        }
    };
    let waktu_acara = match (isi.acara.is_empty(), baca_waktu(&isi.acara)) {
        (true, _) => None,
        (false, Some(t)) => Some(t),
        (false, None) => {
            galat.push(
                "waktu_acara",
                "Waktu acara tidak dapat dibaca. Pilih tanggal dan jam acara.",
            );
            None
        }
    };
    if !galat.is_empty() {
        return tampil_form(&k, &m, desa, id, slug, isi, galat, None).await;
    }
    let b = ArtikelBaru {
        jenis: isi.jenis.clone(),
        kategori: isi.kategori.clone(),
        judul: isi.judul.clone(),
        ringkasan: isi.ringkasan.clone(),
        isi: isi.isi.clone(),
        gambar: isi.gambar.clone(),
        waktu_acara,
        tempat: isi.tempat.clone(),
        terbit: isi.terbit,
        terbit_pada,
    };
    match k.store.simpan_artikel(&kode, id, &b, &m.aktor()).await {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/artikel?ok=artikel")).into_response()),
        Err(Galat::Isian(g)) => tampil_form(&k, &m, desa, id, slug, isi, g, None).await,
        Err(e) => Err(e.into()),
    }
}

async fn hapus(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menghapus tulisan. Tidak ada yang dihapus.".into(),
        ));
    }
    k.store.hapus_artikel(&kode, id, &kir.m.aktor()).await?;
    Ok(Redirect::to(&format!("/desa/{kode}/artikel?ok=artikel_hapus")).into_response())
}
