//! Village profile, logo and the dusun/RW/RT structure.

use super::Ok;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::desa::{Desa, LetakDesa, ProfilDesa, Rt};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/profil", get(profil).post(simpan_profil))
        .route("/desa/{kode}/logo", get(logo).post(unggah_logo))
        .route("/desa/{kode}/wilayah/rt", post(tambah_rt))
        .route("/desa/{kode}/wilayah/dusun", post(ganti_dusun))
        .route("/desa/{kode}/wilayah/rt/{id}/hapus", post(hapus_rt))
}

#[derive(Template)]
#[template(path = "desa_profil.html")]
struct HalamanProfil {
    k: Kerangka,
    desa: Desa,
    letak: LetakDesa,
    profil: ProfilDesa,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    rt: Vec<Rt>,
    ada_logo: bool,
}

impl HalamanProfil {
    fn bidang(&self) -> Vec<(&'static str, &'static str, &str)> {
        let p = &self.profil;
        vec![
            ("nama", "Nama desa", p.nama.as_str()),
            ("kepala_desa", "Nama kepala desa", p.kepala_desa.as_str()),
            ("alamat", "Alamat kantor desa", p.alamat.as_str()),
            ("kode_pos", "Kode pos", p.kode_pos.as_str()),
            ("telepon", "Telepon", p.telepon.as_str()),
            ("email", "Email", p.email.as_str()),
        ]
    }
}

async fn tampil_profil(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    profil: Option<ProfilDesa>,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let letak = k.store.letak_desa(&desa.desa_id).await?;
    let rt = k.store.daftar_rt(&desa.desa_id).await?;
    let ada_logo = k.store.logo_desa(&desa.desa_id).await?.is_some();
    let profil = profil.unwrap_or_else(|| ProfilDesa {
        nama: desa.nama.clone(),
        alamat: desa.alamat.clone(),
        kepala_desa: desa.kepala_desa.clone(),
        telepon: desa.telepon.clone(),
        email: desa.email.clone(),
        kode_pos: desa.kode_pos.clone(),
    });
    let status = if galat.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanProfil {
        k: Kerangka::baru(m, Some(&desa), "profil", "Profil desa").dengan_pesan(ok),
        desa,
        letak,
        profil,
        galat,
        galat_umum,
        rt,
        ada_logo,
    })?;
    Ok((status, html).into_response())
}

async fn profil(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_profil(
        &k,
        &m,
        desa,
        None,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await
}

async fn simpan_profil(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = &kir.isian;
    let p = ProfilDesa {
        nama: f.get("nama").into(),
        alamat: f.get("alamat").into(),
        kepala_desa: f.get("kepala_desa").into(),
        telepon: f.get("telepon").into(),
        email: f.get("email").into(),
        kode_pos: f.get("kode_pos").into(),
    };
    let versi = f.angka("_versi").unwrap_or(desa.versi);
    match k
        .store
        .ubah_profil_desa(&kode, versi, &p, &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/profil?ok=profil")).into_response()),
        Err(Galat::Isian(g)) => tampil_profil(&k, &kir.m, desa, Some(p), g, None, None).await,
        Err(Galat::Konflik(g)) => {
            tampil_profil(
                &k,
                &kir.m,
                desa,
                Some(p),
                DaftarGalat::default(),
                Some(g),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn logo(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let (isi, jenis) = k
        .store
        .logo_desa(&kode)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(([(header::CONTENT_TYPE, jenis)], isi).into_response())
}

async fn unggah_logo(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_kelola()?;
    let (f, berkas) =
        crate::isian::baca_multipart(mp, "Berkas logo gagal diterima; coba unggah lagi.").await?;
    m.cek_csrf(f.get("_csrf"))?;
    let isi = crate::isian::ambil_berkas(berkas, "logo")
        .map(|(_, isi)| isi)
        .unwrap_or_default();
    match k.store.simpan_logo_desa(&kode, &isi, &m.aktor()).await {
        Ok(()) => Ok(Redirect::to(&format!("/desa/{kode}/profil?ok=profil")).into_response()),
        Err(Galat::Isian(g)) => {
            let pesan = g.0.first().map(|e| e.pesan.clone());
            tampil_profil(&k, &m, desa, None, DaftarGalat::default(), pesan, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn tambah_rt(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = &kir.isian;
    match k
        .store
        .tambah_rt(
            &kode,
            f.get("dusun"),
            f.get("rw"),
            f.get("rt"),
            f.get("ketua"),
            &kir.m.aktor(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/profil?ok=rt#wilayah")).into_response()),
        Err(Galat::Isian(g)) => {
            let pesan = Some(
                g.0.iter()
                    .map(|e| e.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            tampil_profil(&k, &kir.m, desa, None, DaftarGalat::default(), pesan, None).await
        }
        Err(Galat::Ditolak(g)) => {
            tampil_profil(
                &k,
                &kir.m,
                desa,
                None,
                DaftarGalat::default(),
                Some(g),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn ganti_dusun(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = &kir.isian;
    match k
        .store
        .ganti_nama_dusun(&kode, f.get("lama"), f.get("baru"), &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/profil?ok=rt#wilayah")).into_response()),
        Err(Galat::Isian(g)) => {
            let pesan = Some(
                g.0.iter()
                    .map(|e| e.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            tampil_profil(&k, &kir.m, desa, None, DaftarGalat::default(), pesan, None).await
        }
        Err(Galat::Ditolak(g)) => {
            tampil_profil(
                &k,
                &kir.m,
                desa,
                None,
                DaftarGalat::default(),
                Some(g),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn hapus_rt(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    if kir.isian.get("yakin") != "ya" {
        return tampil_profil(
            &k,
            &kir.m,
            desa,
            None,
            DaftarGalat::default(),
            Some("Centang kotak konfirmasi untuk menghapus RT.".into()),
            None,
        )
        .await;
    }
    match k.store.hapus_rt(&kode, id, &kir.m.aktor()).await {
        Ok(()) => Ok(Redirect::to(&format!("/desa/{kode}/profil?ok=rt#wilayah")).into_response()),
        Err(Galat::Ditolak(g)) => {
            tampil_profil(
                &k,
                &kir.m,
                desa,
                None,
                DaftarGalat::default(),
                Some(g),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
