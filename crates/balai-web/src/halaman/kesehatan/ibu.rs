//! Pregnant women (KIA): the list with risk signs, registering a pregnancy by the mother's NIK,
//! antenatal visits, and the outcome linking the newborn.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, desimal, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::desa::Desa;
use balai_store::kesehatan::ibu::{Kehamilan, KehamilanBaru, KunjunganBaru};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/kesehatan/ibu", get(daftar).post(tambah))
        .route("/desa/{kode}/kesehatan/ibu/{id}", get(rincian))
        .route("/desa/{kode}/kesehatan/ibu/{id}/kunjungan", post(kunjungan))
        .route("/desa/{kode}/kesehatan/ibu/{id}/selesai", post(selesai))
}

/// A field's number ("8,4" or "8.4"); an unreadable one is named in `g`.
fn angka(f: &Isian, kolom: &str, nama: &str, g: &mut DaftarGalat) -> Option<f64> {
    desimal(f.get(kolom)).unwrap_or_else(|()| {
        g.push(kolom, format!("{nama} harus angka."));
        None
    })
}

#[derive(Template)]
#[template(path = "kesehatan_ibu.html")]
struct Daftar {
    k: Kerangka,
    hamil: Vec<Kehamilan>,
    f: Isian,
    g: DaftarGalat,
}

impl Daftar {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn berisiko(&self) -> usize {
        self.hamil.iter().filter(|k| !k.risiko.is_empty()).count()
    }
}

async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let hamil = k
        .store
        .kesehatan()
        .daftar_kehamilan(&desa.desa_id, false)
        .await?;
    let orang: Vec<Uuid> = hamil.iter().map(|h| h.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &m.aktor(), "lihat_ibu_hamil", &orang)
        .await?;
    let status = if g.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let h = Daftar {
        k: Kerangka::baru(m, Some(desa), "kesehatan", "Ibu hamil").dengan_pesan(ok),
        hamil,
        f,
        g,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    tampil_daftar(
        &k,
        &m,
        &desa,
        Isian::default(),
        DaftarGalat::default(),
        q.ok.as_deref(),
    )
    .await
}

async fn tambah(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let b = KehamilanBaru {
        nik: f.get("nik").into(),
        hpht: tanggal(f.get("hpht")),
        hpl: tanggal(f.get("hpl")),
        kehamilan_ke: f.angka("kehamilan_ke"),
        catatan: f.get("catatan").into(),
    };
    match k
        .store
        .kesehatan()
        .tambah_kehamilan(&kode, &b, &kir.m.aktor())
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/kesehatan/ibu/{id}?ok=simpan")).into_response())
        }
        Err(e) => {
            let (mut g, umum) = pisah_galat(e)?;
            if let Some(u) = umum {
                g.push("nik", u);
            }
            tampil_daftar(&k, &kir.m, &desa, f, g, None).await
        }
    }
}

#[derive(Template)]
#[template(path = "kesehatan_ibu_rincian.html")]
struct Rincian {
    k: Kerangka,
    h: Kehamilan,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Rincian {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn angka(&self, v: &Option<f64>) -> String {
        v.map(|x| format!("{x:.1}").replace('.', ","))
            .unwrap_or_else(|| "-".into())
    }
}

/// What a pregnancy page shows besides the record: a form sent back with its messages, or
/// the message after a change.
#[derive(Default)]
struct Keadaan {
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<String>,
}

async fn tampil_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    t: Keadaan,
) -> Result<Response, GalatWeb> {
    let Keadaan {
        f,
        g,
        galat_umum,
        ok,
    } = t;
    let h = k
        .store
        .kesehatan()
        .kehamilan(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses_penduduk(
            &desa.desa_id,
            &m.aktor(),
            "lihat_kehamilan",
            &[h.penduduk_id],
        )
        .await?;
    let status = if g.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let r = Rincian {
        k: Kerangka::baru(m, Some(desa), "kesehatan", format!("Kehamilan {}", h.nama))
            .dengan_pesan(ok.as_deref()),
        h,
        f,
        g,
        galat_umum,
    };
    Ok((status, tampil(&r)?).into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let t = Keadaan {
        ok: q.ok,
        ..Default::default()
    };
    tampil_rincian(&k, &m, &desa, id, t).await
}

async fn kunjungan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let mut g = DaftarGalat::default();
    let b = KunjunganBaru {
        tanggal: tanggal(f.get("tanggal")),
        berat: angka(&f, "berat", "Berat badan", &mut g),
        lila: angka(&f, "lila", "LiLA", &mut g),
        sistolik: angka(&f, "sistolik", "Tekanan sistolik", &mut g).map(|x| x as i64),
        diastolik: angka(&f, "diastolik", "Tekanan diastolik", &mut g).map(|x| x as i64),
        tablet_fe: f.angka("tablet_fe").unwrap_or(0),
        konseling_gizi: f.get("konseling_gizi") == "ya",
        kunjungan_rumah: f.get("kunjungan_rumah") == "ya",
        catatan: f.get("catatan").into(),
    };
    let hasil = if g.is_empty() {
        k.store
            .kesehatan()
            .catat_kunjungan_hamil(&kode, id, &b, &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match hasil {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/kesehatan/ibu/{id}?ok=simpan")).into_response())
        }
        Err(e) => {
            let (g, galat_umum) = pisah_galat(e)?;
            let t = Keadaan {
                f,
                g,
                galat_umum,
                ok: None,
            };
            tampil_rincian(&k, &kir.m, &desa, id, t).await
        }
    }
}

async fn selesai(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    match k
        .store
        .kesehatan()
        .selesaikan_kehamilan(
            &kode,
            id,
            f.get("hasil"),
            tanggal(f.get("tanggal_selesai")),
            f.get("anak_nik"),
            &kir.m.aktor(),
        )
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/kesehatan/ibu/{id}?ok=simpan")).into_response())
        }
        Err(e) => {
            let (g, galat_umum) = pisah_galat(e)?;
            let t = Keadaan {
                f,
                g,
                galat_umum,
                ok: None,
            };
            tampil_rincian(&k, &kir.m, &desa, id, t).await
        }
    }
}
