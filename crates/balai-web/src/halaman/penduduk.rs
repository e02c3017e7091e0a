//! Resident list, page, add/edit forms and the event forms (birth, death, moves).

use super::Ok;
use super::formulir::{Bidang, Jenis, Kelompok, susun};
use crate::galat::tampil;
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
use balai_domain::daftar::*;
use balai_domain::penduduk::{DataPenduduk, daftar_kode, label_kolom, parse_tanggal, umur};
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::penduduk::{
    HIDUP, Halaman, JenisPeristiwa, Penduduk, Peristiwa, RincianStatus, RingkasPenduduk,
    SaringPenduduk, Urutan,
};
use chrono::NaiveDate;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/penduduk", get(daftar).post(cari))
        .route(
            "/desa/{kode}/penduduk/baru",
            get(form_baru).post(simpan_baru),
        )
        .route("/desa/{kode}/penduduk/{id}", get(rincian))
        .route(
            "/desa/{kode}/penduduk/{id}/ubah",
            get(form_ubah).post(simpan_ubah),
        )
        .route(
            "/desa/{kode}/penduduk/{id}/peristiwa/{jenis}",
            get(form_status).post(simpan_status),
        )
        .route("/desa/{kode}/peristiwa", get(buku_peristiwa))
        .route(
            "/desa/{kode}/peristiwa/lahir",
            get(form_lahir).post(simpan_lahir),
        )
        .route(
            "/desa/{kode}/peristiwa/pindah-masuk",
            get(form_masuk).post(simpan_masuk),
        )
}

// ---------------------------------------------------------------------------------------------
// List

pub struct BarisPenduduk {
    pub id: Uuid,
    pub nik: String,
    pub nama: String,
    pub jk: &'static str,
    pub umur: i32,
    pub alamat: String,
    pub no_kk: String,
    pub shdk: &'static str,
    pub status: &'static str,
    pub hidup: bool,
}

pub fn baris(r: &RingkasPenduduk, hari_ini: NaiveDate) -> BarisPenduduk {
    BarisPenduduk {
        id: r.id,
        nik: r.nik.clone(),
        nama: r.nama.clone(),
        jk: if r.jenis_kelamin == 1 { "L" } else { "P" },
        umur: umur(r.tanggal_lahir, hari_ini),
        alamat: format!("{} RW {} RT {}", r.dusun, r.rw, r.rt),
        no_kk: r.no_kk.clone().unwrap_or_default(),
        shdk: SHDK.label(r.shdk_id).unwrap_or("-"),
        status: STATUS_DASAR.label(r.status_dasar).unwrap_or("-"),
        hidup: r.status_dasar == HIDUP,
    }
}

/// The filter form's fields (for refilling it and for the "next page" button).
pub const KOLOM_SARING: &[&str] = &[
    "q",
    "dusun",
    "rw",
    "rt",
    "jenis_kelamin",
    "umur_min",
    "umur_max",
    "status_dasar",
    "pendidikan_kk_id",
    "pekerjaan_id",
    "agama_id",
    "status_kawin_id",
    "urut",
];

pub fn saring_dari(f: &Isian) -> SaringPenduduk {
    SaringPenduduk {
        q: f.get("q").trim().to_string(),
        dusun: f.get("dusun").trim().to_string(),
        rw: f.get("rw").trim().to_string(),
        rt: f.get("rt").trim().to_string(),
        jenis_kelamin: f.angka("jenis_kelamin"),
        umur_min: f.angka("umur_min"),
        umur_max: f.angka("umur_max"),
        status_dasar: f.angka("status_dasar"),
        pendidikan_kk_id: f.angka("pendidikan_kk_id"),
        pekerjaan_id: f.angka("pekerjaan_id"),
        agama_id: f.angka("agama_id"),
        status_kawin_id: f.angka("status_kawin_id"),
        urut: match f.get("urut") {
            "nik" => Urutan::Nik,
            "umur" => Urutan::Umur,
            "terbaru" => Urutan::Terbaru,
            _ => Urutan::Nama,
        },
        setelah: f.get("setelah").parse().ok(),
        batas: Some(50),
    }
}

pub struct Pilihan {
    pub nama: &'static str,
    pub label: &'static str,
    pub isi: Vec<(String, &'static str)>,
    pub nilai: String,
}

fn pilihan_saring(f: &Isian) -> Vec<Pilihan> {
    let mut v: Vec<Pilihan> = [
        "jenis_kelamin",
        "agama_id",
        "pendidikan_kk_id",
        "pekerjaan_id",
        "status_kawin_id",
    ]
    .iter()
    .map(|k| Pilihan {
        nama: k,
        label: label_kolom(k),
        isi: daftar_kode(k)
            .map(|d| d.isi.iter().map(|(i, l)| (i.to_string(), *l)).collect())
            .unwrap_or_default(),
        nilai: f.get(k).to_string(),
    })
    .collect();
    v.push(Pilihan {
        nama: "status_dasar",
        label: "Status",
        isi: std::iter::once(("0".to_string(), "Semua status"))
            .chain(STATUS_DASAR.isi.iter().map(|(i, l)| (i.to_string(), *l)))
            .collect(),
        nilai: f.get("status_dasar").to_string(),
    });
    v
}

#[derive(Template)]
#[template(path = "penduduk_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    f: Isian,
    pilihan: Vec<Pilihan>,
    dusun: Vec<String>,
    baris: Vec<BarisPenduduk>,
    total: i64,
    berikutnya: Option<Uuid>,
    halaman_lanjut: bool,
    simpan_saring: Vec<(&'static str, String)>,
}

async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let saring = saring_dari(&f);
    let hari_ini = k.store.hari_ini(desa.zona());
    let Halaman {
        isi,
        berikutnya,
        total,
    } = k
        .store
        .daftar_penduduk(&desa.desa_id, &saring, hari_ini)
        .await?;
    let mut dusun: Vec<String> = k
        .store
        .daftar_rt(&desa.desa_id)
        .await?
        .into_iter()
        .map(|r| r.dusun)
        .collect();
    dusun.dedup();
    let simpan_saring = KOLOM_SARING
        .iter()
        .map(|c| (*c, f.get(c).to_string()))
        .collect();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(m, Some(desa), "penduduk", "Penduduk").dengan_pesan(ok),
        pilihan: pilihan_saring(&f),
        halaman_lanjut: saring.setelah.is_some(),
        f,
        dusun,
        baris: isi.iter().map(|r| baris(r, hari_ini)).collect(),
        total,
        berikutnya,
        simpan_saring,
    })?
    .into_response())
}

#[derive(serde::Deserialize)]
struct KueriDaftar {
    #[serde(flatten)]
    isi: std::collections::HashMap<String, String>,
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriDaftar>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let ok = q.isi.get("ok").cloned();
    // Names and NIKs are searched by POST only, so they never appear in URLs or logs.
    let f = Isian(
        q.isi
            .into_iter()
            .filter(|(c, _)| c != "q" && c != "ok")
            .collect(),
    );
    tampil_daftar(&k, &m, &desa, f, ok.as_deref()).await
}

async fn cari(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    tampil_daftar(&k, &kir.m, &desa, kir.isian, None).await
}

// ---------------------------------------------------------------------------------------------
// Resident page

pub struct Baris2 {
    pub label: &'static str,
    pub nilai: String,
}

fn tampilan_data(d: &DataPenduduk) -> Vec<Baris2> {
    d.sebagai_isian()
        .into_iter()
        .map(|(k, v)| {
            let nilai = match daftar_kode(k) {
                Some(l) => v
                    .parse::<i16>()
                    .ok()
                    .and_then(|i| l.label(i))
                    .unwrap_or("")
                    .to_string(),
                None if k.starts_with("tanggal") => parse_tanggal(&v)
                    .map(|t| t.format("%d-%m-%Y").to_string())
                    .unwrap_or_default(),
                None => v,
            };
            Baris2 {
                label: label_kolom(k),
                nilai: if nilai.is_empty() { "-".into() } else { nilai },
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "penduduk_rincian.html")]
struct HalamanRincian {
    k: Kerangka,
    p: Penduduk,
    umur: i32,
    data: Vec<Baris2>,
    anggota: Vec<BarisPenduduk>,
    riwayat: Vec<Peristiwa>,
    /// The resident's letters, newest first.
    surat: Vec<balai_store::surat::Surat>,
    hidup: bool,
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let p = k.store.buka_penduduk(&kode, id, &m.aktor()).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let anggota = match p.keluarga_id {
        Some(kid) => k.store.anggota_keluarga(&kode, kid).await?,
        None => vec![],
    };
    let anggota = anggota
        .iter()
        .filter(|a| a.id != p.id)
        .map(|a| BarisPenduduk {
            id: a.id,
            nik: a.nik.clone(),
            nama: a.nama.clone(),
            jk: if a.jenis_kelamin == 1 { "L" } else { "P" },
            umur: umur(a.tanggal_lahir, hari_ini),
            alamat: String::new(),
            no_kk: String::new(),
            shdk: SHDK.label(a.shdk_id).unwrap_or("-"),
            status: a.status_label(),
            hidup: a.status_dasar == HIDUP,
        })
        .collect();
    let riwayat = k.store.riwayat_penduduk(&kode, id).await?;
    let surat = k
        .store
        .daftar_surat(
            &desa.desa_id,
            &balai_store::surat::SaringSurat {
                penduduk_id: Some(p.id),
                ..Default::default()
            },
            None,
            20,
        )
        .await?;
    Ok(tampil(&HalamanRincian {
        k: Kerangka::baru(&m, Some(&desa), "penduduk", p.nama.clone())
            .dengan_pesan(q.ok.as_deref()),
        surat,
        umur: umur(p.tanggal_lahir, hari_ini),
        data: tampilan_data(&p.data()?),
        hidup: p.status_dasar == HIDUP,
        p,
        anggota,
        riwayat,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Add and edit

#[derive(Template)]
#[template(path = "penduduk_formulir.html")]
struct HalamanFormulir {
    k: Kerangka,
    aksi: String,
    batal: String,
    keterangan: &'static str,
    tombol: &'static str,
    kelompok: Vec<Kelompok>,
    tambahan: Vec<Bidang>,
    versi: Option<i64>,
    galat_umum: Option<String>,
    jumlah_galat: usize,
    dusun: Vec<String>,
    rw: Vec<String>,
    rt: Vec<String>,
}

struct Formulir<'a> {
    desa: &'a Desa,
    menu: &'static str,
    judul: String,
    aksi: String,
    batal: String,
    keterangan: &'static str,
    tombol: &'static str,
    versi: Option<i64>,
}

async fn tampil_formulir(
    k: &Bersama,
    m: &Masuk,
    fm: Formulir<'_>,
    nilai: &(dyn Fn(&str) -> String + Sync),
    galat: &DaftarGalat,
    galat_umum: Option<String>,
    tambahan: Vec<Bidang>,
) -> Result<Response, GalatWeb> {
    let rt = k.store.daftar_rt(&fm.desa.desa_id).await?;
    let mut dusun: Vec<String> = rt.iter().map(|r| r.dusun.clone()).collect();
    let mut rw: Vec<String> = rt.iter().map(|r| r.rw.clone()).collect();
    let mut rtn: Vec<String> = rt.iter().map(|r| r.rt.clone()).collect();
    for v in [&mut dusun, &mut rw, &mut rtn] {
        v.sort();
        v.dedup();
    }
    let ada_galat = !galat.is_empty() || galat_umum.is_some();
    let html = tampil(&HalamanFormulir {
        k: Kerangka::baru(m, Some(fm.desa), fm.menu, fm.judul),
        aksi: fm.aksi,
        batal: fm.batal,
        keterangan: fm.keterangan,
        tombol: fm.tombol,
        kelompok: susun(nilai, galat),
        tambahan,
        versi: fm.versi,
        galat_umum,
        jumlah_galat: galat.0.len(),
        dusun,
        rw,
        rt: rtn,
    })?;
    let status = if ada_galat {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, html).into_response())
}

/// Splits a store error into per-field errors (shown on the form) and a message for the top.
fn pisah_galat(e: Galat) -> Result<(DaftarGalat, Option<String>), GalatWeb> {
    match e {
        Galat::Isian(d) => Ok((d, None)),
        Galat::Konflik(p) | Galat::Ditolak(p) => Ok((DaftarGalat::default(), Some(p))),
        e => Err(e.into()),
    }
}

fn hari_ini(k: &Bersama, desa: &Desa) -> NaiveDate {
    k.store.hari_ini(desa.zona())
}

fn form_tambah<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "penduduk",
        judul: "Tambah penduduk".into(),
        aksi: format!("/desa/{}/penduduk/baru", desa.desa_id),
        batal: format!("/desa/{}/penduduk", desa.desa_id),
        keterangan: "Isi sesuai KK dan KTP. Kolom bertanda * wajib diisi; kolom lain boleh dikosongkan.",
        tombol: "Simpan penduduk",
        versi: None,
    }
}

fn bawaan(k: &str) -> String {
    match k {
        "warganegara_id" => "1".into(),
        _ => String::new(),
    }
}

async fn form_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    tampil_formulir(
        &k,
        &m,
        form_tambah(&desa),
        &bawaan,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

async fn simpan_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => k
            .store
            .tambah_penduduk(&kode, &d, &m.aktor())
            .await
            .map_err(Some),
        Err(g) => Err(Some(Galat::Isian(g))),
    };
    match hasil {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=tambah")).into_response())
        }
        Err(Some(e)) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_tambah(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
        Err(None) => Err(GalatWeb::TidakDitemukan),
    }
}

fn form_edit<'a>(desa: &'a Desa, p: &Penduduk, versi: i64) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "penduduk",
        judul: format!("Ubah data {}", p.nama),
        aksi: format!("/desa/{}/penduduk/{}/ubah", desa.desa_id, p.id),
        batal: format!("/desa/{}/penduduk/{}", desa.desa_id, p.id),
        keterangan: "Perubahan dicatat sebagai peristiwa koreksi beserta data sebelum dan sesudahnya.",
        tombol: "Simpan perubahan",
        versi: Some(versi),
    }
}

async fn form_ubah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let p = k.store.buka_penduduk(&kode, id, &m.aktor()).await?;
    let isi = p.data()?.sebagai_isian();
    let nilai = |c: &str| {
        isi.iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    tampil_formulir(
        &k,
        &m,
        form_edit(&desa, &p, p.versi),
        &nilai,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

async fn simpan_ubah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let p = k
        .store
        .penduduk(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let f = &kir.isian;
    let versi: i64 = f
        .angka("_versi")
        .ok_or_else(|| GalatWeb::Permintaan("Versi data tidak terbaca.".into()))?;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => {
            k.store
                .ubah_penduduk(&kode, id, versi, &d, &m.aktor())
                .await
        }
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(balai_store::penduduk::HasilTambah::TidakBerubah(_)) => {
            Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=tetap")).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=simpan")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_edit(&desa, &p, versi),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Death, move out, missing

fn jenis_status(s: &str) -> Option<JenisPeristiwa> {
    match s {
        "mati" => Some(JenisPeristiwa::Mati),
        "pindah-keluar" => Some(JenisPeristiwa::PindahKeluar),
        "hilang" => Some(JenisPeristiwa::Hilang),
        _ => None,
    }
}

fn bidang_teks(
    nama: &'static str,
    label: &'static str,
    nilai: &str,
    galat: &DaftarGalat,
    wajib: bool,
    petunjuk: &'static str,
) -> Bidang {
    Bidang {
        nama,
        label,
        jenis: if nama.starts_with("tanggal") {
            Jenis::Tanggal
        } else {
            Jenis::Teks
        },
        nilai: nilai.to_string(),
        galat: galat.untuk(nama).map(str::to_string),
        wajib,
        petunjuk,
        daftar: "",
    }
}

fn bidang_status(jenis: JenisPeristiwa, f: &Isian, g: &DaftarGalat) -> Vec<Bidang> {
    let (tempat, sebab, wajib_tempat) = match jenis {
        JenisPeristiwa::Mati => ("Tempat meninggal", "Sebab kematian", false),
        JenisPeristiwa::PindahKeluar => ("Alamat tujuan pindah", "Alasan pindah", true),
        _ => ("Tempat terakhir diketahui", "Keadaan", false),
    };
    vec![
        bidang_teks(
            "tanggal",
            "Tanggal peristiwa",
            f.get("tanggal"),
            g,
            true,
            "Tidak boleh di masa depan.",
        ),
        bidang_teks("tempat", tempat, f.get("tempat"), g, wajib_tempat, ""),
        bidang_teks("sebab", sebab, f.get("sebab"), g, false, ""),
        bidang_teks(
            "keterangan",
            "Keterangan",
            f.get("keterangan"),
            g,
            false,
            "Misalnya nomor surat keterangan atau pelapor.",
        ),
    ]
}

#[derive(Template)]
#[template(path = "peristiwa_status.html")]
struct HalamanStatus {
    k: Kerangka,
    p: Penduduk,
    jenis: &'static str,
    bidang: Vec<Bidang>,
    galat_umum: Option<String>,
    galat_yakin: bool,
    dicentang: bool,
    aksi: String,
}

async fn form_status(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, jenis)): Path<(String, Uuid, String)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let j = jenis_status(&jenis).ok_or(GalatWeb::TidakDitemukan)?;
    let p = k
        .store
        .penduduk(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let html = tampil(&HalamanStatus {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "penduduk",
            format!("Catat {}", j.label().to_lowercase()),
        ),
        jenis: j.label(),
        bidang: bidang_status(j, &Isian::default(), &DaftarGalat::default()),
        galat_umum: None,
        galat_yakin: false,
        dicentang: false,
        aksi: format!("/desa/{kode}/penduduk/{id}/peristiwa/{jenis}"),
        p,
    })?;
    Ok(html.into_response())
}

async fn simpan_status(
    State(k): State<Bersama>,
    Path((kode, id, jenis)): Path<(String, Uuid, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let j = jenis_status(&jenis).ok_or(GalatWeb::TidakDitemukan)?;
    let f = &kir.isian;
    let tanggal_teks = f.get("tanggal");
    let r = RincianStatus {
        tanggal: parse_tanggal(tanggal_teks),
        keterangan: f.get("keterangan").to_string(),
        tempat: f.get("tempat").to_string(),
        sebab: f.get("sebab").to_string(),
    };
    let yakin = f.get("yakin") == "ya";
    let hasil = if !yakin {
        Err(Galat::Isian(DaftarGalat::default()))
    } else if !tanggal_teks.trim().is_empty() && r.tanggal.is_none() {
        Err(Galat::isian(
            "tanggal",
            "Tanggal tidak terbaca; tulis sebagai TTTT-BB-HH, misalnya 2026-11-23.",
        ))
    } else {
        k.store.catat_status(&kode, id, j, &r, &m.aktor()).await
    };
    match hasil {
        Ok(()) => Ok(
            Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok={}", j.kode())).into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let p = k
                .store
                .penduduk(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?;
            let html = tampil(&HalamanStatus {
                k: Kerangka::baru(
                    m,
                    Some(&desa),
                    "penduduk",
                    format!("Catat {}", j.label().to_lowercase()),
                ),
                jenis: j.label(),
                bidang: bidang_status(j, f, &g),
                galat_umum: umum,
                galat_yakin: !yakin,
                dicentang: yakin,
                aksi: format!("/desa/{kode}/penduduk/{id}/peristiwa/{jenis}"),
                p,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Birth and move in

#[derive(serde::Deserialize)]
struct KueriLahir {
    keluarga: Option<Uuid>,
}

fn form_lahir_<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "peristiwa",
        judul: "Catat kelahiran".into(),
        aksi: format!("/desa/{}/peristiwa/lahir", desa.desa_id),
        batal: format!("/desa/{}/peristiwa", desa.desa_id),
        keterangan: "Bayi dicatat ke keluarga dengan Nomor KK yang diisi; alamat mengikuti keluarga. Kolom bertanda * wajib diisi.",
        tombol: "Catat kelahiran",
        versi: None,
    }
}

async fn form_lahir(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriLahir>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let mut awal: Vec<(&str, String)> = vec![
        ("shdk_id", "4".into()),
        ("status_kawin_id", "1".into()),
        ("pendidikan_kk_id", "1".into()),
        ("pekerjaan_id", "1".into()),
        ("warganegara_id", "1".into()),
        ("tanggal_lahir", hari_ini(&k, &desa).to_string()),
    ];
    if let Some(kid) = q.keluarga
        && let Some(kel) = k.store.keluarga(&kode, kid).await?
    {
        awal.push(("no_kk", kel.no_kk.clone()));
        awal.push(("dusun", kel.dusun.clone().unwrap_or_default()));
        awal.push(("rw", kel.rw.clone().unwrap_or_default()));
        awal.push(("rt", kel.rt.clone().unwrap_or_default()));
        awal.push(("alamat_sekarang", kel.alamat.clone()));
        if let Some(kepala) = kel.kepala_id
            && let Some(h) = k.store.penduduk(&kode, kepala).await?
        {
            awal.push(("agama_id", h.agama_id.to_string()));
            let (nama, nik) = if h.jenis_kelamin == 1 {
                ("nama_ayah", "nik_ayah")
            } else {
                ("nama_ibu", "nik_ibu")
            };
            awal.push((nama, h.nama.clone()));
            awal.push((nik, h.nik.clone()));
        }
    }
    let nilai = |c: &str| {
        awal.iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    tampil_formulir(
        &k,
        &m,
        form_lahir_(&desa),
        &nilai,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

async fn simpan_lahir(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => k.store.catat_kelahiran(&kode, &d, &m.aktor()).await,
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(id) => Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=lahir")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_lahir_(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
    }
}

fn form_masuk_<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "peristiwa",
        judul: "Catat pindah masuk".into(),
        aksi: format!("/desa/{}/peristiwa/pindah-masuk", desa.desa_id),
        batal: format!("/desa/{}/peristiwa", desa.desa_id),
        keterangan: "Untuk pendatang baru, atau warga yang dulu pindah keluar lalu kembali (NIK yang sama diaktifkan lagi).",
        tombol: "Catat pindah masuk",
        versi: None,
    }
}

fn bidang_masuk(f: &Isian, g: &DaftarGalat) -> Vec<Bidang> {
    vec![
        bidang_teks(
            "tanggal_pindah",
            "Tanggal pindah masuk",
            f.get("tanggal_pindah"),
            g,
            true,
            "Tidak boleh di masa depan.",
        ),
        bidang_teks(
            "asal",
            "Alamat asal",
            f.get("asal"),
            g,
            true,
            "Desa/kelurahan, kecamatan, kabupaten/kota asal.",
        ),
    ]
}

async fn form_masuk(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = Isian::default();
    tampil_formulir(
        &k,
        &m,
        form_masuk_(&desa),
        &bawaan,
        &DaftarGalat::default(),
        None,
        bidang_masuk(&f, &DaftarGalat::default()),
    )
    .await
}

async fn simpan_masuk(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => {
            k.store
                .catat_pindah_masuk(
                    &kode,
                    &d,
                    parse_tanggal(f.get("tanggal_pindah")),
                    f.get("asal"),
                    &m.aktor(),
                )
                .await
        }
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(id) => Ok(
            Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=pindah_masuk")).into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_masuk_(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                bidang_masuk(f, &g),
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Event book (buku mutasi)

#[derive(serde::Deserialize)]
struct KueriPeristiwa {
    jenis: Option<String>,
    ok: Option<String>,
}

#[derive(Template)]
#[template(path = "peristiwa_daftar.html")]
struct HalamanPeristiwa {
    k: Kerangka,
    pilihan: Vec<(&'static str, &'static str, bool)>,
    peristiwa: Vec<(Peristiwa, String)>,
}

async fn buku_peristiwa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriPeristiwa>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let jenis = q.jenis.unwrap_or_default();
    let peristiwa = k
        .store
        .daftar_peristiwa(&kode, Some(jenis.as_str()).filter(|j| !j.is_empty()), 200)
        .await?;
    let pilihan = [
        JenisPeristiwa::Lahir,
        JenisPeristiwa::Mati,
        JenisPeristiwa::PindahMasuk,
        JenisPeristiwa::PindahKeluar,
        JenisPeristiwa::Hilang,
        JenisPeristiwa::Koreksi,
    ]
    .iter()
    .map(|j| (j.kode(), j.label(), j.kode() == jenis))
    .collect();
    Ok(tampil(&HalamanPeristiwa {
        k: Kerangka::baru(&m, Some(&desa), "peristiwa", "Peristiwa kependudukan")
            .dengan_pesan(q.ok.as_deref()),
        pilihan,
        peristiwa,
    })?
    .into_response())
}
