//! The land registers: tanah kas desa and tanah di desa, each a list and a form (new or
//! change) that keeps what was typed when refused.

use super::pesan_ok;
use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_store::aset::tanah::{
    IsianTanahDesa, IsianTanahKas, JENIS_PEMILIK, JENIS_TKD, PENGGUNAAN, PEROLEHAN, STATUS_HAK,
    TanahDesa, TanahKas,
};
use balai_store::buku::tgl;
use balai_store::desa::Desa;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/tanah", get(daftar))
        .route(
            "/desa/{kode}/tanah/kas-desa",
            get(form_kas_baru).post(simpan_kas_baru),
        )
        .route(
            "/desa/{kode}/tanah/kas-desa/{id}",
            get(form_kas).post(simpan_kas),
        )
        .route(
            "/desa/{kode}/tanah/di-desa",
            get(form_desa_baru).post(simpan_desa_baru),
        )
        .route(
            "/desa/{kode}/tanah/di-desa/{id}",
            get(form_desa).post(simpan_desa),
        )
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    ok: Option<String>,
}

#[derive(Template)]
#[template(path = "tanah.html")]
struct Daftar {
    k: Kerangka,
    kas: Vec<TanahKas>,
    desa: Vec<TanahDesa>,
    luas_kas: i64,
    luas_desa: i64,
}

impl Daftar {
    fn tanggal(&self, t: &Option<chrono::NaiveDate>) -> String {
        t.map(tgl).unwrap_or_default()
    }
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let d = m.desa(&k, &kode).await?;
    let a = k.store.aset();
    let kas = a.daftar_tanah_kas(&kode).await?;
    let desa = a.daftar_tanah_desa(&kode).await?;
    let mut kr = Kerangka::baru(&m, Some(&d), "tanah", "Tanah desa");
    kr.pesan = pesan_ok(q.ok.as_deref()).map(str::to_string);
    let h = Daftar {
        k: kr,
        luas_kas: kas.iter().map(|t| t.luas).sum(),
        luas_desa: desa.iter().map(|t| t.luas).sum(),
        kas,
        desa,
    };
    Ok(tampil(&h)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// Tanah kas desa

#[derive(Template)]
#[template(path = "tanah_kas.html")]
struct FormKas {
    k: Kerangka,
    id: Option<Uuid>,
    versi: i64,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl FormKas {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn perolehan(&self) -> &'static [(&'static str, &'static str)] {
        &PEROLEHAN
    }
    fn jenis(&self) -> &'static [(&'static str, &'static str)] {
        &JENIS_TKD
    }
    fn centang(&self, nama: &str) -> bool {
        self.f.get(nama) == "ya"
    }
}

fn isian_kas(t: &TanahKas) -> Isian {
    let ya = |b: bool| if b { "ya" } else { "" }.to_string();
    Isian(vec![
        ("asal".into(), t.asal.clone()),
        ("nomor_sertifikat".into(), t.nomor_sertifikat.clone()),
        ("luas".into(), t.luas.to_string()),
        ("kelas".into(), t.kelas.clone()),
        ("perolehan".into(), t.perolehan.clone()),
        (
            "tanggal_peroleh".into(),
            t.tanggal_peroleh.map(tgl).unwrap_or_default(),
        ),
        ("jenis".into(), t.jenis.clone()),
        ("patok".into(), ya(t.patok)),
        ("papan_nama".into(), ya(t.papan_nama)),
        ("lokasi".into(), t.lokasi.clone()),
        ("peruntukan".into(), t.peruntukan.clone()),
        ("mutasi".into(), t.mutasi.clone()),
        ("keterangan".into(), t.keterangan.clone()),
    ])
}

#[allow(clippy::too_many_arguments)]
fn halaman_kas(
    m: &Masuk,
    desa: &Desa,
    id: Option<Uuid>,
    versi: i64,
    f: Isian,
    g: DaftarGalat,
    umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let judul = if id.is_some() {
        "Ubah tanah kas desa"
    } else {
        "Catat tanah kas desa"
    };
    let h = FormKas {
        k: Kerangka::baru(m, Some(desa), "tanah", judul),
        id,
        versi,
        f,
        g,
        galat_umum: umum,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn form_kas_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let f = Isian(vec![("perolehan".into(), "asli".into())]);
    halaman_kas(
        &m,
        &desa,
        None,
        0,
        f,
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

async fn form_kas(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let t = k
        .store
        .aset()
        .tanah_kas(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    halaman_kas(
        &m,
        &desa,
        Some(id),
        t.versi,
        isian_kas(&t),
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

async fn kas(
    k: &Bersama,
    kode: &str,
    id: Option<Uuid>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(k, kode).await?;
    let f = kir.isian;
    let isi = IsianTanahKas {
        asal: f.get("asal").into(),
        nomor_sertifikat: f.get("nomor_sertifikat").into(),
        luas: f.get("luas").into(),
        kelas: f.get("kelas").into(),
        perolehan: f.get("perolehan").into(),
        tanggal_peroleh: f.get("tanggal_peroleh").into(),
        jenis: f.get("jenis").into(),
        patok: f.get("patok") == "ya",
        papan_nama: f.get("papan_nama") == "ya",
        lokasi: f.get("lokasi").into(),
        peruntukan: f.get("peruntukan").into(),
        mutasi: f.get("mutasi").into(),
        keterangan: f.get("keterangan").into(),
        versi: f.angka("versi"),
    };
    match k
        .store
        .aset()
        .simpan_tanah_kas(kode, id, &isi, &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/tanah?ok=tanah_kas")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let versi = f.angka("versi").unwrap_or(0);
            halaman_kas(
                &kir.m,
                &desa,
                id,
                versi,
                f,
                g,
                umum,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

async fn simpan_kas_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kas(&k, &kode, None, kir).await
}

async fn simpan_kas(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kas(&k, &kode, Some(id), kir).await
}

// ---------------------------------------------------------------------------------------------
// Tanah di desa

#[derive(Template)]
#[template(path = "tanah_desa.html")]
struct FormDesa {
    k: Kerangka,
    id: Option<Uuid>,
    versi: i64,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl FormDesa {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn pemilik(&self) -> &'static [(&'static str, &'static str)] {
        &JENIS_PEMILIK
    }
    fn hak(&self) -> &'static [(&'static str, &'static str)] {
        &STATUS_HAK
    }
    fn guna(&self) -> &'static [(&'static str, &'static str)] {
        &PENGGUNAAN
    }
    fn nilai(&self, awalan: &str, kode: &str) -> String {
        self.f.get(&format!("{awalan}_{kode}")).to_string()
    }
    fn galat_rinci(&self, awalan: &str, kode: &str) -> Option<&str> {
        self.g.untuk(&format!("{awalan}_{kode}"))
    }
}

fn isian_desa(t: &TanahDesa) -> Isian {
    let mut v: Vec<(String, String)> = vec![
        ("pemilik".into(), t.pemilik.clone()),
        ("jenis_pemilik".into(), t.jenis_pemilik.clone()),
        ("luas".into(), t.luas.to_string()),
        ("lokasi".into(), t.lokasi.clone()),
        ("keterangan".into(), t.keterangan.clone()),
    ];
    for (k, n) in t.hak() {
        v.push((format!("hak_{k}"), n.to_string()));
    }
    for (k, n) in t.guna() {
        v.push((format!("guna_{k}"), n.to_string()));
    }
    Isian(v)
}

#[allow(clippy::too_many_arguments)]
fn halaman_desa(
    m: &Masuk,
    desa: &Desa,
    id: Option<Uuid>,
    versi: i64,
    f: Isian,
    g: DaftarGalat,
    umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let judul = if id.is_some() {
        "Ubah data tanah di desa"
    } else {
        "Catat tanah di desa"
    };
    let h = FormDesa {
        k: Kerangka::baru(m, Some(desa), "tanah", judul),
        id,
        versi,
        f,
        g,
        galat_umum: umum,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn form_desa_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let f = Isian(vec![("jenis_pemilik".into(), "perorangan".into())]);
    halaman_desa(
        &m,
        &desa,
        None,
        0,
        f,
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

async fn form_desa(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let t = k
        .store
        .aset()
        .tanah_desa(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    halaman_desa(
        &m,
        &desa,
        Some(id),
        t.versi,
        isian_desa(&t),
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

async fn tanah_desa(
    k: &Bersama,
    kode: &str,
    id: Option<Uuid>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(k, kode).await?;
    let f = kir.isian;
    let rinci = |awalan: &str, daftar: &[(&str, &str)]| -> Vec<(String, String)> {
        daftar
            .iter()
            .map(|(kd, _)| (kd.to_string(), f.get(&format!("{awalan}_{kd}")).to_string()))
            .collect()
    };
    let isi = IsianTanahDesa {
        pemilik: f.get("pemilik").into(),
        jenis_pemilik: f.get("jenis_pemilik").into(),
        luas: f.get("luas").into(),
        hak: rinci("hak", &STATUS_HAK),
        guna: rinci("guna", &PENGGUNAAN),
        lokasi: f.get("lokasi").into(),
        keterangan: f.get("keterangan").into(),
        versi: f.angka("versi"),
    };
    match k
        .store
        .aset()
        .simpan_tanah_desa(kode, id, &isi, &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/tanah?ok=tanah_desa")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let versi = f.angka("versi").unwrap_or(0);
            halaman_desa(
                &kir.m,
                &desa,
                id,
                versi,
                f,
                g,
                umum,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

async fn simpan_desa_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    tanah_desa(&k, &kode, None, kir).await
}

async fn simpan_desa(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    tanah_desa(&k, &kode, Some(id), kir).await
}
