//! Staff screens for the village website: settings and profile, officials, header image and
//! gallery (here), articles, potential, and development and budget (submodules). Operators
//! write content; only a village admin changes the site's address, and only the system admin
//! its own host name (a village on the install's host would capture every staff path).

mod artikel;
mod lapak;
mod pembangunan;
mod potensi;

use super::Ok;
use crate::galat::tampil;
use crate::isian::{Isian, baca_multipart};
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
use balai_store::pengguna::Peran;
use balai_store::situs::gambar::Gambar;
use balai_store::situs::{Pejabat, PengaturanSitus, SitusDesa};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route(
            "/desa/{kode}/situs",
            get(pengaturan).post(simpan_pengaturan),
        )
        .route("/desa/{kode}/situs/sampul", post(unggah_sampul))
        .route("/desa/{kode}/galeri", get(galeri).post(unggah_galeri))
        .route("/desa/{kode}/galeri/{token}/hapus", post(hapus_galeri))
        .merge(artikel::rute())
        .merge(potensi::rute())
        .merge(lapak::rute())
        .merge(pembangunan::rute())
}

/// Reads a multipart form of these screens: the fields (CSRF checked) and, when a file came
/// in field `gambar`, the stored image's token or what was wrong with it.
pub(crate) async fn baca_dengan_gambar(
    k: &Bersama,
    m: &Masuk,
    desa_id: &str,
    mp: Multipart,
    galeri: bool,
) -> Result<(Isian, Result<Option<String>, String>), GalatWeb> {
    baca_form_gambar(k, desa_id, mp, galeri, |t| m.cek_csrf(t), &m.aktor()).await
}

/// The same for any signed-in person: `cek` checks the form's CSRF token.
pub(crate) async fn baca_form_gambar(
    k: &Bersama,
    desa_id: &str,
    mp: Multipart,
    galeri: bool,
    cek: impl FnOnce(&str) -> Result<(), GalatWeb>,
    aktor: &balai_store::Aktor,
) -> Result<(Isian, Result<Option<String>, String>), GalatWeb> {
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau gambar terlalu besar (paling besar 8 MB). Coba lagi.",
    )
    .await?;
    cek(f.get("_csrf"))?;
    let Some((_, isi)) = crate::isian::ambil_berkas(berkas, "gambar") else {
        return Ok((f, Ok(None)));
    };
    let hasil = match k
        .store
        .simpan_gambar(desa_id, &isi, f.get("keterangan"), galeri, aktor)
        .await
    {
        Ok(t) => Ok(Some(t)),
        Err(Galat::Isian(g)) => Err(g.0.first().map(|e| e.pesan.clone()).unwrap_or_default()),
        Err(e) => return Err(e.into()),
    };
    Ok((f, hasil))
}

/// The public address of a village's site, for "see it on the site" links.
pub(crate) fn alamat_situs(s: &SitusDesa) -> String {
    format!("/desa/{}", s.slug)
}

#[derive(Template)]
#[template(path = "kelola_situs.html")]
struct HalamanPengaturan {
    k: Kerangka,
    desa: Desa,
    situs: SitusDesa,
    alamat: String,
    p: PengaturanSitus,
    /// The host name as typed (or stored), kept apart: only the system admin may change it.
    nama_host: String,
    boleh_host: bool,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    pejabat: Vec<Pejabat>,
}

type Bidang<'a> = (&'static str, &'static str, &'a str);

impl HalamanPengaturan {
    /// (name, label, value, help, read-only)
    fn bidang_alamat(&self) -> Vec<(&'static str, &'static str, &str, &'static str, bool)> {
        let p = &self.p;
        let baca = !self.k.boleh_kelola;
        vec![
            (
                "slug",
                "Alamat situs (/desa/…)",
                &p.slug,
                "huruf kecil, angka, tanda minus",
                baca,
            ),
            (
                "nama_host",
                "Nama domain sendiri (boleh kosong)",
                &self.nama_host,
                if self.boleh_host {
                    "misalnya donorejo.desa.id"
                } else {
                    "diatur oleh admin sistem kabupaten"
                },
                !self.boleh_host,
            ),
            ("warna", "Warna utama", &p.warna, "misalnya #1f6f43", baca),
            (
                "semboyan",
                "Semboyan",
                &p.semboyan,
                "satu kalimat di halaman depan",
                baca,
            ),
        ]
    }
    fn bidang_profil(&self) -> Vec<Bidang<'_>> {
        let p = &self.p;
        vec![
            ("sejarah", "Sejarah desa", &p.sejarah),
            ("visi", "Visi", &p.visi),
            ("misi", "Misi (satu baris satu misi)", &p.misi),
        ]
    }
    fn bidang_wilayah(&self) -> Vec<Bidang<'_>> {
        let p = &self.p;
        vec![
            ("luas_wilayah", "Luas wilayah", &p.luas_wilayah),
            ("batas_utara", "Batas utara", &p.batas_utara),
            ("batas_selatan", "Batas selatan", &p.batas_selatan),
            ("batas_timur", "Batas timur", &p.batas_timur),
            ("batas_barat", "Batas barat", &p.batas_barat),
            ("jam_layanan", "Jam layanan kantor", &p.jam_layanan),
        ]
    }
}

#[allow(clippy::too_many_arguments)]
async fn tampil_pengaturan(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    p: Option<PengaturanSitus>,
    nama_host: Option<String>,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let pejabat = k.store.daftar_pejabat(&desa.desa_id).await?;
    let status = if galat.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let p = p.unwrap_or_else(|| PengaturanSitus::from(&situs));
    let nama_host = nama_host.unwrap_or_else(|| situs.nama_host.clone().unwrap_or_default());
    let html = tampil(&HalamanPengaturan {
        nama_host,
        boleh_host: m.peran() == Peran::AdminSistem,
        k: Kerangka::baru(m, Some(&desa), "situs", "Situs desa").dengan_pesan(ok),
        desa,
        alamat: alamat_situs(&situs),
        situs,
        p,
        galat,
        galat_umum,
        pejabat,
    })?;
    Ok((status, html).into_response())
}

async fn pengaturan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_pengaturan(
        &k,
        &m,
        desa,
        None,
        None,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await
}

async fn simpan_pengaturan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = &kir.isian;
    let p = PengaturanSitus {
        slug: f.get("slug").trim().to_lowercase(),
        warna: f.get("warna").into(),
        semboyan: f.get("semboyan").into(),
        sejarah: f.get("sejarah").into(),
        visi: f.get("visi").into(),
        misi: f.get("misi").into(),
        luas_wilayah: f.get("luas_wilayah").into(),
        batas_utara: f.get("batas_utara").into(),
        batas_selatan: f.get("batas_selatan").into(),
        batas_timur: f.get("batas_timur").into(),
        batas_barat: f.get("batas_barat").into(),
        jam_layanan: f.get("jam_layanan").into(),
    };
    let host = f.get("nama_host").trim().to_lowercase();
    let host_lama = k
        .store
        .situs_desa(&kode)
        .await?
        .nama_host
        .unwrap_or_default();
    let hasil = if host != host_lama && kir.m.peran() != Peran::AdminSistem {
        Err(Galat::isian(
            "nama_host",
            "Hanya admin sistem kabupaten yang dapat mengatur nama domain situs desa.",
        ))
    } else {
        match k.store.ubah_situs(&kode, &p, &kir.m.aktor()).await {
            Result::Ok(()) => {
                k.store
                    .atur_host_situs(&kode, &host, k.host_instalasi.as_deref(), &kir.m.aktor())
                    .await
            }
            e => e,
        }
    };
    match hasil {
        Result::Ok(()) => {
            k.tembolok.lupakan_host();
            Result::Ok(Redirect::to(&format!("/desa/{kode}/situs?ok=situs")).into_response())
        }
        Err(Galat::Isian(g)) => {
            tampil_pengaturan(&k, &kir.m, desa, Some(p), Some(host), g, None, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn unggah_sampul(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, gambar) = baca_dengan_gambar(&k, &m, &kode, mp, false).await?;
    let hapus = f.get("hapus") == "ya";
    match gambar {
        Result::Ok(t) if t.is_some() || hapus => {
            k.store
                .pasang_sampul(&kode, t.as_deref(), &m.aktor())
                .await?;
            Result::Ok(Redirect::to(&format!("/desa/{kode}/situs?ok=situs")).into_response())
        }
        Result::Ok(_) => {
            let pesan = Some("Pilih berkas gambar untuk sampul terlebih dahulu.".to_string());
            tampil_pengaturan(
                &k,
                &m,
                desa,
                None,
                None,
                DaftarGalat::default(),
                pesan,
                None,
            )
            .await
        }
        Err(p) => {
            tampil_pengaturan(
                &k,
                &m,
                desa,
                None,
                None,
                DaftarGalat::default(),
                Some(p),
                None,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "kelola_galeri.html")]
struct HalamanGaleri {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    gambar: Vec<Gambar>,
    galat_umum: Option<String>,
}

async fn tampil_galeri(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let gambar = k.store.daftar_gambar(&desa.desa_id, false, 300).await?;
    let status = if galat_umum.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&HalamanGaleri {
        k: Kerangka::baru(m, Some(&desa), "situs", "Galeri dan gambar").dengan_pesan(ok),
        desa,
        alamat: alamat_situs(&situs),
        gambar,
        galat_umum,
    })?;
    Result::Ok((status, html).into_response())
}

async fn galeri(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_galeri(&k, &m, desa, None, q.ok.as_deref()).await
}

async fn unggah_galeri(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (_, hasil) = baca_dengan_gambar(&k, &m, &kode, mp, true).await?;
    match hasil {
        Result::Ok(Some(_)) => {
            Result::Ok(Redirect::to(&format!("/desa/{kode}/galeri?ok=gambar")).into_response())
        }
        Result::Ok(None) => {
            tampil_galeri(
                &k,
                &m,
                desa,
                Some("Pilih berkas foto terlebih dahulu.".into()),
                None,
            )
            .await
        }
        Err(p) => tampil_galeri(&k, &m, desa, Some(p), None).await,
    }
}

async fn hapus_galeri(
    State(k): State<Bersama>,
    Path((kode, token)): Path<(String, String)>,
    kir: crate::isian::Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menghapus. Tidak ada yang dihapus.".into(),
        ));
    }
    k.store.hapus_gambar(&kode, &token, &kir.m.aktor()).await?;
    Result::Ok(Redirect::to(&format!("/desa/{kode}/galeri?ok=gambar_hapus")).into_response())
}
