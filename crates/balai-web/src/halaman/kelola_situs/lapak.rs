//! Marketplace moderation: residents' new and changed listings wait here for approval or a
//! rejection with its reason; staff also list products on a seller's behalf.

use super::{alamat_situs, baca_dengan_gambar};
use crate::galat::tampil;
use crate::halaman::situs::lapak::{harga, isian_produk, produk_dari};
use crate::isian::{Isian, Kiriman};
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
use balai_store::situs::lapak::{KATEGORI, Penjual, Produk, STATUS, STOK};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/lapak", get(daftar).post(buat))
        .route("/desa/{kode}/lapak/{id}", post(simpan))
        .route("/desa/{kode}/lapak/{id}/periksa", post(periksa))
        .route("/desa/{kode}/lapak/{id}/tarik", post(tarik))
}

#[derive(serde::Deserialize, Default)]
struct QueryLapak {
    ok: Option<String>,
    status: Option<String>,
    ubah: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "kelola_lapak.html")]
struct HalamanLapak {
    k: Kerangka,
    desa: Desa,
    alamat: String,
    status: String,
    daftar_status: &'static [(&'static str, &'static str)],
    menunggu: i64,
    produk: Vec<Produk>,
    id: Option<Uuid>,
    f: Isian,
    galat: DaftarGalat,
    /// What went wrong with a moderation, shown above the list.
    galat_umum: Option<String>,
    daftar_kategori: &'static [(&'static str, &'static str)],
    daftar_stok: &'static [(&'static str, &'static str)],
}

impl HalamanLapak {
    fn harga(&self, p: &Produk) -> String {
        harga(p)
    }
}

struct Layar {
    status: String,
    id: Option<Uuid>,
    f: Isian,
    galat: DaftarGalat,
    galat_umum: Option<String>,
}

impl Layar {
    fn baru(status: &str) -> Layar {
        Layar {
            status: status.into(),
            id: None,
            f: Isian::default(),
            galat: DaftarGalat::default(),
            galat_umum: None,
        }
    }
}

async fn tampil_lapak(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    l: Layar,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let situs = k.store.situs_desa(&desa.desa_id).await?;
    let menunggu = k.store.jumlah_produk_menunggu(&desa.desa_id).await?;
    let produk = k
        .store
        .daftar_produk(&desa.desa_id, None, &l.status)
        .await?;
    let kode = if l.galat.is_empty() && l.galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanLapak {
        k: Kerangka::baru(m, Some(&desa), "situs", "Lapak desa").dengan_pesan(ok),
        desa,
        alamat: alamat_situs(&situs),
        status: l.status,
        daftar_status: STATUS,
        menunggu,
        produk,
        id: l.id,
        f: l.f,
        galat: l.galat,
        galat_umum: l.galat_umum,
        daftar_kategori: KATEGORI,
        daftar_stok: STOK,
    })?;
    Ok((kode, html).into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryLapak>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let status = q
        .status
        .filter(|s| STATUS.iter().any(|(k, _)| k == s))
        .unwrap_or_default();
    let mut l = Layar::baru(&status);
    if let Some(id) = q.ubah {
        let p = k
            .store
            .produk(&kode, id)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        l.id = Some(id);
        l.f = isian_produk(&p);
    }
    tampil_lapak(&k, &m, desa, l, q.ok.as_deref()).await
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
    let (f, gambar) = baca_dengan_gambar(&k, &m, &kode, mp, false).await?;
    let mut l = Layar::baru("");
    l.id = id;
    let lama = match id {
        Some(id) => Some(
            k.store
                .produk(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?,
        ),
        None => None,
    };
    let gambar = match gambar {
        Ok(Some(t)) => Some(t),
        Ok(None) => lama.and_then(|p| p.gambar),
        Err(p) => {
            l.galat.push("gambar", p);
            l.f = f;
            return tampil_lapak(&k, &m, desa, l, None).await;
        }
    };
    let hasil = match produk_dari(&f, gambar) {
        Ok(b) => {
            k.store
                .simpan_produk(&kode, id, Penjual::Petugas, &b, &m.aktor())
                .await
        }
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/lapak?ok=produk")).into_response()),
        Err(Galat::Isian(g)) => {
            l.galat = g;
            l.f = f;
            tampil_lapak(&k, &m, desa, l, None).await
        }
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}

async fn periksa(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let setuju = kir.isian.get("aksi") == "setujui";
    match k
        .store
        .moderasi_produk(&kode, id, setuju, kir.isian.get("alasan"), &kir.m.aktor())
        .await
    {
        Ok(()) => {
            let ok = if setuju {
                "produk_setuju"
            } else {
                "produk_tolak"
            };
            Ok(
                Redirect::to(&format!("/desa/{kode}/lapak?status=menunggu&ok={ok}"))
                    .into_response(),
            )
        }
        Err(Galat::Isian(g)) => {
            let mut l = Layar::baru("menunggu");
            l.galat_umum = g.0.first().map(|e| e.pesan.clone());
            tampil_lapak(&k, &kir.m, desa, l, None).await
        }
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}

async fn tarik(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menarik produk. Tidak ada yang diubah.".into(),
        ));
    }
    match k
        .store
        .tarik_produk(&kode, id, Penjual::Petugas, &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/desa/{kode}/lapak?ok=produk_tarik")).into_response()),
        Err(Galat::TidakDitemukan) => Err(GalatWeb::TidakDitemukan),
        Err(e) => Err(e.into()),
    }
}
