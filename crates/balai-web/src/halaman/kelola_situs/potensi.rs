//! Village potential entries: the list, one form for adding and changing, deleting.

use super::{alamat_situs, baca_dengan_gambar};
use crate::galat::tampil;
use crate::isian::Isian;
use crate::isian::Kiriman;
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
use balai_store::situs::potensi::{JENIS, Potensi, PotensiBaru};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/potensi", get(daftar).post(buat))
        .route("/desa/{kode}/potensi/{id}", post(simpan))
        .route("/desa/{kode}/potensi/{id}/hapus", post(hapus))
        .route("/desa/{kode}/potensi/batas", post(unggah_batas))
        .route("/desa/{kode}/potensi/batas/hapus", post(hapus_batas))
}

#[derive(serde::Deserialize, Default)]
struct QueryPotensi {
    ok: Option<String>,
    ubah: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "kelola_potensi.html")]
struct HalamanPotensi {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    potensi: Vec<Potensi>,
    jenis: &'static [(&'static str, &'static str)],
    /// The entry being changed, if any.
    id: Option<Uuid>,
    f: Isian,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    /// The imported boundary: (areas, points).
    batas: Option<(usize, usize)>,
}

impl HalamanPotensi {
    fn nilai(&self, n: &str) -> &str {
        self.f.get(n)
    }
}

fn isian_dari(p: &Potensi) -> Isian {
    let angka = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    Isian(vec![
        ("jenis".into(), p.jenis.clone()),
        ("nama".into(), p.nama.clone()),
        ("uraian".into(), p.uraian.clone()),
        ("produk".into(), p.produk.clone()),
        ("kontak".into(), p.kontak.clone()),
        ("alamat".into(), p.alamat.clone()),
        ("lintang".into(), angka(p.lintang)),
        ("bujur".into(), angka(p.bujur)),
        ("gambar_lama".into(), p.gambar.clone().unwrap_or_default()),
    ])
}

#[allow(clippy::too_many_arguments)]
async fn tampil_potensi(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    id: Option<Uuid>,
    f: Isian,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let potensi = k.store.daftar_potensi(&desa.desa_id, "").await?;
    let batas = k
        .store
        .peta()
        .batas(&desa.desa_id)
        .await?
        .map(|b| (b.cincin.len(), b.jumlah_titik()));
    let status = if galat.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanPotensi {
        k: Kerangka::baru(m, Some(&desa), "situs", "Potensi desa").dengan_pesan(ok),
        desa,
        alamat: alamat_situs(&situs),
        potensi,
        jenis: JENIS,
        id,
        f,
        galat,
        galat_umum,
        batas,
    })?;
    Ok((status, html).into_response())
}

/// Imports the village boundary from a GeoJSON file (multipart: `_csrf`, `batas`).
async fn unggah_batas(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: axum::extract::Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; berkas batas wilayah paling besar 2 MB.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let (_, isi) = crate::isian::ambil_berkas(berkas, "batas").unwrap_or_default();
    let pesan = if isi.is_empty() {
        Some("Pilih berkas GeoJSON batas desa terlebih dahulu.".to_string())
    } else {
        match std::str::from_utf8(&isi) {
            Err(_) => Some("Berkas bukan teks GeoJSON.".to_string()),
            Ok(teks) => match k
                .store
                .peta()
                .simpan_batas(&desa.desa_id, Some(teks), &m.aktor())
                .await
            {
                Ok(_) => None,
                Err(Galat::Isian(g)) => g.0.first().map(|x| x.pesan.clone()),
                Err(e) => return Err(e.into()),
            },
        }
    };
    match pesan {
        None => {
            Ok(Redirect::to(&format!("/desa/{}/potensi?ok=batas", desa.desa_id)).into_response())
        }
        Some(p) => {
            tampil_potensi(
                &k,
                &m,
                desa,
                None,
                Isian::default(),
                DaftarGalat::default(),
                Some(p),
                None,
            )
            .await
        }
    }
}

async fn hapus_batas(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    k.store
        .peta()
        .simpan_batas(&desa.desa_id, None, &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{}/potensi?ok=batas_hapus", desa.desa_id)).into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryPotensi>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (id, f) = match q.ubah {
        Some(id) => {
            let p = k
                .store
                .potensi(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?;
            (Some(id), isian_dari(&p))
        }
        None => (None, Isian::default()),
    };
    tampil_potensi(
        &k,
        &m,
        desa,
        id,
        f,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
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

/// A decimal number as typed in Indonesia ("-6,9123") or with a dot.
fn desimal(s: &str) -> Result<Option<f64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.replace(',', ".").parse::<f64>().map(Some).map_err(|_| ())
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
    let (f, gambar) = baca_dengan_gambar(&k, &m, &kode, mp, false).await?;
    let gambar = match gambar {
        Ok(Some(t)) => Some(t),
        Ok(None) => Some(f.get("gambar_lama").to_string()).filter(|g| !g.is_empty()),
        Err(p) => {
            return tampil_potensi(&k, &m, desa, id, f, DaftarGalat::default(), Some(p), None)
                .await;
        }
    };
    let mut galat = DaftarGalat::default();
    let lintang = desimal(f.get("lintang")).unwrap_or_else(|_| {
        galat.push(
            "lintang",
            "Garis lintang ditulis sebagai angka, misalnya -6,9123.",
        );
        None
    });
    let bujur = desimal(f.get("bujur")).unwrap_or_else(|_| {
        galat.push(
            "bujur",
            "Garis bujur ditulis sebagai angka, misalnya 109,7321.",
        );
        None
    });
    if !galat.is_empty() {
        return tampil_potensi(&k, &m, desa, id, f, galat, None, None).await;
    }
    let b = PotensiBaru {
        jenis: f.get("jenis").into(),
        nama: f.get("nama").into(),
        uraian: f.get("uraian").into(),
        produk: f.get("produk").into(),
        kontak: f.get("kontak").into(),
        alamat: f.get("alamat").into(),
        lintang,
        bujur,
        gambar,
    };
    match k.store.simpan_potensi(&kode, id, &b, &m.aktor()).await {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/potensi?ok=potensi")).into_response()),
        Err(Galat::Isian(g)) => tampil_potensi(&k, &m, desa, id, f, g, None, None).await,
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
            "Centang \"yakin\" untuk menghapus. Tidak ada yang dihapus.".into(),
        ));
    }
    k.store.hapus_potensi(&kode, id, &kir.m.aktor()).await?;
    Ok(Redirect::to(&format!("/desa/{kode}/potensi?ok=potensi_hapus")).into_response())
}
