//! A family's welfare data (DTKS/DTSEN status, desil, the 14-criteria survey with a house
//! photo), its history and programmes, and the musyawarah proposals with their export.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, baca_multipart, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::unduhan;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::bantuan::{JENIS_USULAN, KRITERIA_14, STATUS_DTKS};
use balai_store::bantuan::{
    BantuanWarga, Kesejahteraan, KesejahteraanBaru, UsulanBaru, UsulanDtks,
};
use balai_store::desa::Desa;
use balai_store::keluarga::Keluarga;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route(
            "/desa/{kode}/keluarga/{id}/kesejahteraan",
            get(halaman).post(simpan),
        )
        .route(
            "/desa/{kode}/keluarga/{id}/kesejahteraan/{sid}/foto",
            get(foto),
        )
        .route("/desa/{kode}/bantuan/usulan", get(usulan).post(usulkan))
        .route("/desa/{kode}/bantuan/usulan.csv", get(ekspor_usulan))
}

const PUTUS: &str = "Unggahan terputus atau terlalu besar (paling besar 3 MB). Coba lagi.";

#[derive(Template)]
#[template(path = "bantuan_kesejahteraan.html")]
struct Halaman {
    k: Kerangka,
    kel: Keluarga,
    riwayat: Vec<Kesejahteraan>,
    program: Vec<BantuanWarga>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Halaman {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn status(&self) -> Vec<(&'static str, &'static str)> {
        STATUS_DTKS.to_vec()
    }
    fn kriteria(&self) -> Vec<(usize, &'static str)> {
        KRITERIA_14
            .iter()
            .enumerate()
            .map(|(i, k)| (i + 1, *k))
            .collect()
    }
    fn dicentang(&self, no: &usize) -> bool {
        let nama = format!("k{no}");
        self.f.0.iter().any(|(k, v)| *k == nama && v == "ya")
    }
}

#[allow(clippy::too_many_arguments)]
async fn buat(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    f: Option<Isian>,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Halaman, GalatWeb> {
    let kode = &desa.desa_id;
    let kel = k
        .store
        .keluarga(kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let b = k.store.bantuan();
    let riwayat = b.riwayat_kesejahteraan(kode, id).await?;
    let program = b.bantuan_keluarga(kode, id).await?;
    if let Some(kepala) = kel.kepala_id {
        k.store
            .catat_akses_penduduk(kode, &m.aktor(), "lihat_kesejahteraan", &[kepala])
            .await?;
    }
    // The form starts from the latest data, so a new record changes only what changed.
    let f = f.unwrap_or_else(|| {
        let mut v = vec![(
            "tanggal_data".to_string(),
            k.store.hari_ini(desa.zona()).to_string(),
        )];
        if let Some(r) = riwayat.first() {
            v.push(("status_dtks".into(), r.status_dtks.clone()));
            v.push((
                "desil".into(),
                r.desil.map(|d| d.to_string()).unwrap_or_default(),
            ));
            v.push(("id_dtks".into(), r.id_dtks.clone()));
        }
        Isian(v)
    });
    Ok(Halaman {
        k: Kerangka::baru(
            m,
            Some(desa),
            "keluarga",
            format!("Kesejahteraan keluarga KK {}", kel.no_kk),
        )
        .dengan_pesan(ok),
        kel,
        riwayat,
        program,
        f,
        g,
        galat_umum,
    })
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = buat(
        &k,
        &m,
        &desa,
        id,
        None,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn simpan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let survei = f.get("survei") == "ya";
    let kriteria: Vec<u8> = (1..=14u8)
        .filter(|n| f.0.iter().any(|(k, v)| *k == format!("k{n}") && v == "ya"))
        .collect();
    let foto = berkas
        .iter()
        .find(|b| b.bidang == "foto")
        .map(|b| b.isi.as_slice());
    let desil = match f.get("desil").trim() {
        "" => Ok(None),
        s => s.parse::<i16>().map(Some).map_err(|_| ()),
    };
    let hasil = match desil {
        Err(()) => Err(balai_store::Galat::isian(
            "desil",
            "Desil harus angka 1 sampai 10.",
        )),
        Ok(desil) => {
            let b = KesejahteraanBaru {
                status_dtks: f.get("status_dtks").into(),
                desil,
                id_dtks: f.get("id_dtks").into(),
                kriteria: survei.then_some(kriteria),
                tanggal_data: tanggal(f.get("tanggal_data")),
                surveyor: f.get("surveyor").into(),
                catatan: f.get("catatan").into(),
                foto,
            };
            k.store
                .bantuan()
                .catat_kesejahteraan(&kode, id, &b, &m.aktor())
                .await
        }
    };
    match hasil {
        Ok(_) => Ok(Redirect::to(&format!(
            "/desa/{kode}/keluarga/{id}/kesejahteraan?ok=kesejahteraan"
        ))
        .into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat(&k, &m, &desa, id, Some(f), g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

async fn foto(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, _id, sid)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let (mime, isi) = k
        .store
        .bantuan()
        .foto_rumah(&kode, sid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let nama = format!("rumah.{}", crate::unduhan::ekstensi(&mime));
    Ok(unduhan(isi, &mime, &nama))
}

// ---------------------------------------------------------------------------------------------
// Proposals from the musyawarah desa

#[derive(Template)]
#[template(path = "bantuan_usulan.html")]
struct HalamanUsulan {
    k: Kerangka,
    usulan: Vec<UsulanDtks>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanUsulan {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn jenis(&self) -> Vec<(&'static str, &'static str)> {
        JENIS_USULAN.to_vec()
    }
}

async fn halaman_usulan(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanUsulan, GalatWeb> {
    Ok(HalamanUsulan {
        k: Kerangka::baru(m, Some(desa), "bantuan", "Usulan pemutakhiran DTKS/DTSEN")
            .dengan_pesan(ok),
        usulan: k.store.bantuan().daftar_usulan(&desa.desa_id).await?,
        f,
        g,
        galat_umum,
    })
}

async fn usulan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = halaman_usulan(
        &k,
        &m,
        &desa,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn usulkan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let no_kk: String = f
        .get("no_kk")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let keluarga_id = k.store.bantuan().keluarga_kk(&kode, &no_kk).await?;
    let hasil = if keluarga_id.is_none() && !no_kk.is_empty() {
        Err(balai_store::Galat::isian(
            "no_kk",
            "Nomor KK tidak terdaftar di desa ini.",
        ))
    } else {
        let b = UsulanBaru {
            keluarga_id,
            jenis: f.get("jenis").into(),
            alasan: f.get("alasan").into(),
            musyawarah_tanggal: tanggal(f.get("musyawarah_tanggal")),
            berita_acara: f.get("berita_acara").into(),
        };
        k.store.bantuan().usulkan(&kode, &b, &kir.m.aktor()).await
    };
    match hasil {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/bantuan/usulan?ok=usulan")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_usulan(&k, &kir.m, &desa, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

/// The proposals as the update channel takes them: one row per family, NIK and KK as text.
async fn ekspor_usulan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let isi = k.store.bantuan().ekspor_usulan_csv(&kode).await?;
    k.store
        .catat_akses(
            &kode,
            &m.aktor(),
            "ekspor_usulan_dtks",
            "desa",
            kode.clone(),
        )
        .await?;
    Ok(unduhan(isi, "text/csv; charset=utf-8", "usulan_dtks.csv"))
}
