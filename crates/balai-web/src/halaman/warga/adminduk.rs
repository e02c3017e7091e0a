//! Civil registration from the portal: start an application for myself or my family with
//! photos of the documents, follow it, fix what the village or Dukcapil asks, read the result.

use super::{Bingkai, Warga, waktu};
use crate::galat::tampil;
use crate::halaman::adminduk::{
    isian_dan_syarat, isian_permohonan, lampiran_unggahan, syarat_dengan_galat,
};
use crate::halaman::surat::BidangSurat;
use crate::isian::{Isian, baca_multipart};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku, StatusAdminduk, Syarat};
use balai_store::adminduk::{Aksi, HasilIsian, Permohonan, PermohonanBaru};
use balai_store::penduduk::Penduduk;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/adminduk", get(daftar).post(kirim))
        .route("/warga/adminduk/{id}", get(rincian).post(perbaiki))
}

const PUTUS: &str = "Unggahan terputus atau terlalu besar (paling besar 3 MB per foto). Coba lagi.";

#[derive(Template)]
#[template(path = "warga_adminduk.html")]
struct HalamanDaftar {
    b: Bingkai,
    milik: Vec<(Permohonan, String)>,
    semua: Vec<(&'static str, &'static str)>,
    jenis: Option<JenisAdminduk>,
    keluarga: Vec<Penduduk>,
    f: Isian,
    bidang: Vec<BidangSurat>,
    syarat: Vec<(Syarat, Option<String>)>,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanDaftar {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
}

#[derive(serde::Deserialize, Default)]
struct Q {
    jenis: Option<String>,
    ok: Option<String>,
}

async fn halaman(
    k: &Bersama,
    w: &Warga,
    jenis: Option<JenisAdminduk>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanDaftar, GalatWeb> {
    let d = &w.desa.desa_id;
    let milik = k
        .store
        .adminduk()
        .milik(d, w.penduduk.id)
        .await?
        .into_iter()
        .map(|a| {
            let t = waktu(&a.diajukan_pada, w.desa.zona());
            (a, t)
        })
        .collect();
    let keluarga = k.store.keluarga_warga(d, w.penduduk.id).await?;
    let (bidang, syarat) = isian_dan_syarat(jenis, &f, &g);
    let mut b = w.bingkai("Dokumen kependudukan");
    // The message carries the reference number, so it is not one of the fixed portal messages.
    b.pesan = ok.map(str::to_string);
    Ok(HalamanDaftar {
        b,
        milik,
        semua: JenisAdminduk::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect(),
        jenis,
        keluarga,
        f,
        bidang,
        syarat,
        g,
        galat_umum,
    })
}

async fn daftar(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<Q>,
) -> Result<Response, GalatWeb> {
    let jenis = q.jenis.as_deref().and_then(JenisAdminduk::dari_kode);
    // Only a well-formed reference number is echoed: the page must not say what a link says.
    let ok =
        q.ok.as_deref()
            .and_then(balai_domain::adminduk::baca_nomor_referensi)
            .map(|n| {
                format!("Permohonan terkirim dengan nomor {n}. Simpan nomor ini untuk melacaknya.")
            });
    let h = halaman(
        &k,
        &w,
        jenis,
        Isian::default(),
        DaftarGalat::default(),
        None,
        ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn kirim(State(k): State<Bersama>, w: Warga, mp: Multipart) -> Result<Response, GalatWeb> {
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    w.cek_csrf(f.get("_csrf"))?;
    let jenis = JenisAdminduk::dari_kode(f.get("jenis")).ok_or(GalatWeb::TidakDitemukan)?;
    let d = &w.desa.desa_id;
    let untuk = f.get("untuk").parse::<Uuid>().unwrap_or(w.penduduk.id);
    let p = PermohonanBaru {
        jenis,
        pemohon_id: w.penduduk.id,
        subjek_id: jenis.subjek_penduduk().then_some(untuk),
        isian: isian_permohonan(&f),
        persetujuan: f.get("persetujuan") == "ya",
        kanal: "portal".into(),
    };
    let aktor = balai_store::Aktor::warga(w.penduduk.id);
    match k
        .store
        .adminduk()
        .ajukan(d, &p, &lampiran_unggahan(&berkas), &aktor)
        .await
    {
        Ok((_, nomor)) => Ok(Redirect::to(&format!("/warga/adminduk?ok={nomor}")).into_response()),
        Err(e) => {
            let (g, umum) = crate::halaman::pisah_galat(e)?;
            let h = halaman(&k, &w, Some(jenis), f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "warga_adminduk_rincian.html")]
struct HalamanRincian {
    b: Bingkai,
    a: Permohonan,
    jenis: JenisAdminduk,
    riwayat: Vec<(String, String, String)>,
    hasil: Vec<(String, String)>,
    syarat: Vec<(Syarat, Option<String>)>,
    galat_umum: Option<String>,
}

impl HalamanRincian {
    fn perlu_perbaikan(&self) -> bool {
        self.a.status() == StatusAdminduk::PerluPerbaikan
    }
}

async fn milik_saya(k: &Bersama, w: &Warga, id: Uuid) -> Result<Permohonan, GalatWeb> {
    let a = k
        .store
        .adminduk()
        .satu(&w.desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    // Mine, or about me: anything else is not found (no probing of others' applications).
    if a.pemohon_id != w.penduduk.id && a.subjek_id != Some(w.penduduk.id) {
        return Err(GalatWeb::TidakDitemukan);
    }
    Ok(a)
}

async fn halaman_rincian(
    k: &Bersama,
    w: &Warga,
    a: Permohonan,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanRincian, GalatWeb> {
    let jenis = a.jenis().ok_or(GalatWeb::TidakDitemukan)?;
    let riwayat = k
        .store
        .adminduk()
        .riwayat(&w.desa.desa_id, a.id)
        .await?
        .into_iter()
        .map(|r| {
            (
                waktu(&r.waktu, w.desa.zona()),
                r.status_label().to_string(),
                r.catatan,
            )
        })
        .collect();
    let hasil = a.hasil_berlabel();
    let syarat = syarat_dengan_galat(jenis, &g);
    let mut b = w.bingkai(jenis.label());
    b.pesan = ok.map(str::to_string);
    Ok(HalamanRincian {
        b,
        jenis,
        riwayat,
        hasil,
        syarat,
        galat_umum,
        a,
    })
}

async fn rincian(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
    Query(q): Query<Q>,
) -> Result<Response, GalatWeb> {
    let a = milik_saya(&k, &w, id).await?;
    let ok =
        q.ok.map(|_| "Perbaikan terkirim. Petugas desa akan memeriksanya lagi.".to_string());
    let h = halaman_rincian(&k, &w, a, DaftarGalat::default(), None, ok.as_deref()).await?;
    Ok(tampil(&h)?.into_response())
}

/// Adds the photos asked for and sends the application back to the village.
async fn perbaiki(
    State(k): State<Bersama>,
    w: Warga,
    Path(id): Path<Uuid>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    w.cek_csrf(f.get("_csrf"))?;
    let a = milik_saya(&k, &w, id).await?;
    let d = &w.desa.desa_id;
    let aktor = balai_store::Aktor::warga(w.penduduk.id);
    let ad = k.store.adminduk();
    // Nothing is attached unless the application is waiting for this fix.
    let mut hasil = if a.status() == StatusAdminduk::PerluPerbaikan {
        Ok(())
    } else {
        Err(balai_store::Galat::Ditolak(format!(
            "Permohonan berstatus \"{}\" dan tidak sedang menunggu perbaikan.",
            a.status_label()
        )))
    };
    for l in lampiran_unggahan(&berkas).iter().filter(|_| hasil.is_ok()) {
        if let Err(e) = ad.lampirkan(d, id, l, &aktor).await {
            hasil = Err(e);
            break;
        }
    }
    if hasil.is_ok() {
        let kosong = HasilIsian::default();
        let x = Aksi {
            langkah: Langkah::AjukanUlang,
            pelaku: Pelaku::Pemohon,
            alasan: "",
            hasil: &kosong,
            pindaian: None,
            versi: None,
        };
        hasil = ad.langkah(d, id, &x, &aktor).await.map(|_| ());
    }
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!("/warga/adminduk/{id}?ok=1")).into_response()),
        Err(e) => {
            let (g, umum) = crate::halaman::pisah_galat(e)?;
            let a = milik_saya(&k, &w, a.id).await?;
            let h = halaman_rincian(&k, &w, a, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}
