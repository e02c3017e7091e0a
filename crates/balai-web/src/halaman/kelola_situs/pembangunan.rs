//! Development projects and the budget summary (APBDes) the village publishes.

use super::{alamat_situs, baca_dengan_gambar};
use crate::galat::tampil;
use crate::isian::{Isian, rupiah};
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
use balai_domain::surat::teks::rp;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::situs::pembangunan::{
    self as pembangunan, Apbdes, Proyek, ProyekBaru, SUMBER_DANA,
};
use chrono::Datelike;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/pembangunan", get(halaman))
        .route("/desa/{kode}/proyek", post(buat_proyek))
        .route("/desa/{kode}/proyek/{id}", post(simpan_proyek))
        .route("/desa/{kode}/proyek/{id}/hapus", post(hapus_proyek))
        .route("/desa/{kode}/apbdes", post(simpan_apbdes))
        .route("/desa/{kode}/apbdes/hapus", post(hapus_apbdes))
}

#[derive(serde::Deserialize, Default)]
struct QueryPembangunan {
    ok: Option<String>,
    tahun: Option<i64>,
    ubah: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "kelola_pembangunan.html")]
struct HalamanPembangunan {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    tahun: i64,
    apbdes: Apbdes,
    proyek: Vec<Proyek>,
    sumber: &'static [(&'static str, &'static str)],
    kode: Vec<(&'static str, &'static str, &'static str)>,
    kegiatan: Vec<balai_domain::keuangan::Kode>,
    id: Option<Uuid>,
    f: Isian,
    a: Isian,
    galat: DaftarGalat,
    galat_apbdes: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanPembangunan {
    fn nilai(&self, n: &str) -> &str {
        self.f.get(n)
    }
    fn nilai_a(&self, n: &str) -> &str {
        self.a.get(n)
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
}

struct Keadaan {
    tahun: i64,
    id: Option<Uuid>,
    f: Isian,
    a: Isian,
    galat: DaftarGalat,
    galat_apbdes: DaftarGalat,
    galat_umum: Option<String>,
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    s: Keadaan,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let apbdes = k.store.apbdes(&desa.desa_id, s.tahun).await?;
    let proyek = k.store.daftar_proyek(&desa.desa_id).await?;
    let mut kode = Vec::new();
    for kel in ["pendapatan", "belanja", "pembiayaan"] {
        for (kd, u) in pembangunan::daftar_kode(kel) {
            kode.push((kel, *kd, *u));
        }
    }
    let status = if s.galat.is_empty() && s.galat_apbdes.is_empty() && s.galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanPembangunan {
        k: Kerangka::baru(m, Some(&desa), "situs", "Pembangunan dan APBDes").dengan_pesan(ok),
        desa,
        alamat: alamat_situs(&situs),
        tahun: s.tahun,
        apbdes,
        proyek,
        sumber: SUMBER_DANA,
        kode,
        kegiatan: balai_domain::keuangan::daftar_kegiatan(),
        id: s.id,
        f: s.f,
        a: s.a,
        galat: s.galat,
        galat_apbdes: s.galat_apbdes,
        galat_umum: s.galat_umum,
    })?;
    Ok((status, html).into_response())
}

fn keadaan(tahun: i64) -> Keadaan {
    Keadaan {
        tahun,
        id: None,
        f: Isian::default(),
        a: Isian::default(),
        galat: DaftarGalat::default(),
        galat_apbdes: DaftarGalat::default(),
        galat_umum: None,
    }
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryPembangunan>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = q
        .tahun
        .unwrap_or_else(|| k.store.hari_ini(desa.zona()).year() as i64);
    let mut s = keadaan(tahun);
    if let Some(id) = q.ubah {
        let p = k
            .store
            .proyek(&kode, id)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        s.id = Some(id);
        s.f = Isian(vec![
            ("tahun".into(), p.tahun.to_string()),
            ("nama".into(), p.nama),
            ("lokasi".into(), p.lokasi),
            ("anggaran".into(), p.anggaran.to_string()),
            ("sumber_dana".into(), p.sumber_dana),
            ("pelaksana".into(), p.pelaksana),
            ("progres".into(), p.progres.to_string()),
            ("uraian".into(), p.uraian),
            ("gambar_lama".into(), p.gambar.unwrap_or_default()),
            ("kode_kegiatan".into(), p.kode_kegiatan),
        ]);
    }
    tampil_halaman(&k, &m, desa, s, q.ok.as_deref()).await
}

async fn buat_proyek(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    kirim_proyek(k, m, kode, None, mp).await
}

async fn simpan_proyek(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    kirim_proyek(k, m, kode, Some(id), mp).await
}

async fn kirim_proyek(
    k: Bersama,
    m: Masuk,
    kode: String,
    id: Option<Uuid>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, gambar) = baca_dengan_gambar(&k, &m, &kode, mp, false).await?;
    let tahun_ini = k.store.hari_ini(desa.zona()).year() as i64;
    let mut s = keadaan(tahun_ini);
    s.id = id;
    let gambar = match gambar {
        Ok(Some(t)) => Some(t),
        Ok(None) => Some(f.get("gambar_lama").to_string()).filter(|g| !g.is_empty()),
        Err(p) => {
            s.f = f;
            s.galat_umum = Some(p);
            return tampil_halaman(&k, &m, desa, s, None).await;
        }
    };
    let mut galat = DaftarGalat::default();
    let anggaran = rupiah(f.get("anggaran")).unwrap_or_else(|| {
        galat.push(
            "anggaran",
            "Anggaran ditulis dalam rupiah, angka saja, misalnya 150000000.",
        );
        0
    });
    let b = ProyekBaru {
        tahun: f.angka("tahun").unwrap_or(0),
        nama: f.get("nama").into(),
        lokasi: f.get("lokasi").into(),
        anggaran,
        sumber_dana: f.get("sumber_dana").into(),
        pelaksana: f.get("pelaksana").into(),
        progres: f.angka("progres").unwrap_or(-1),
        uraian: f.get("uraian").into(),
        gambar,
        kode_kegiatan: f.get("kode_kegiatan").into(),
    };
    let hasil = if galat.is_empty() {
        k.store.simpan_proyek(&kode, id, &b, &m.aktor()).await
    } else {
        Err(Galat::Isian(galat))
    };
    match hasil {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/pembangunan?ok=proyek#proyek")).into_response())
        }
        Err(Galat::Isian(g)) => {
            s.f = f;
            s.galat = g;
            tampil_halaman(&k, &m, desa, s, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn hapus_proyek(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menghapus. Tidak ada yang dihapus.".into(),
        ));
    }
    k.store.hapus_proyek(&kode, id, &kir.m.aktor()).await?;
    Ok(Redirect::to(&format!("/desa/{kode}/pembangunan?ok=proyek_hapus#proyek")).into_response())
}

async fn simpan_apbdes(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    let tahun: i64 = f.angka("tahun").unwrap_or(0);
    // One select carries "kelompok|kode".
    let (kelompok, kd) = f.get("baris").split_once('|').unwrap_or(("", ""));
    let mut galat = DaftarGalat::default();
    let anggaran = rupiah(f.get("anggaran")).unwrap_or_else(|| {
        galat.push(
            "anggaran",
            "Anggaran ditulis dalam rupiah, angka saja, misalnya 1250000000.",
        );
        -1
    });
    let realisasi = rupiah(f.get("realisasi")).unwrap_or_else(|| {
        galat.push(
            "realisasi",
            "Realisasi ditulis dalam rupiah, angka saja, atau kosongkan.",
        );
        -1
    });
    let hasil = if galat.is_empty() {
        k.store
            .simpan_baris_apbdes(
                &kode,
                tahun,
                kelompok,
                kd,
                anggaran,
                realisasi,
                &kir.m.aktor(),
            )
            .await
    } else {
        Err(Galat::Isian(galat))
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{kode}/pembangunan?tahun={tahun}&ok=apbdes#apbdes"
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            let mut s = keadaan(if tahun > 0 {
                tahun
            } else {
                k.store.hari_ini(desa.zona()).year() as i64
            });
            s.a = kir.isian.clone();
            s.galat_apbdes = g;
            tampil_halaman(&k, &kir.m, desa, s, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn hapus_apbdes(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    if f.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menghapus baris. Tidak ada yang dihapus.".into(),
        ));
    }
    let tahun: i64 = f.angka("tahun").unwrap_or(0);
    k.store
        .hapus_baris_apbdes(
            &kode,
            tahun,
            f.get("kelompok"),
            f.get("kode"),
            &kir.m.aktor(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/desa/{kode}/pembangunan?tahun={tahun}&ok=apbdes_hapus#apbdes"
    ))
    .into_response())
}
