//! Accounts of a village and its API tokens (admins only).

use super::Ok;
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
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::pengguna::{Pengguna, PenggunaBaru, Peran, TokenApi, sandi_sementara};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/pengguna", get(daftar).post(tambah))
        .route("/desa/{kode}/pengguna/{id}/aktif", post(atur_aktif))
        .route("/desa/{kode}/pengguna/{id}/reset", post(reset))
        .route("/desa/{kode}/token", post(buat_token))
        .route("/desa/{kode}/token/{id}/cabut", post(cabut_token))
}

#[derive(Template)]
#[template(path = "pengguna.html")]
struct HalamanPengguna {
    k: Kerangka,
    pengguna: Vec<Pengguna>,
    token: Vec<TokenApi>,
    peran: Vec<(&'static str, &'static str)>,
    /// The village's posyandu, for a cadre's account.
    posyandu: Vec<(String, String)>,
    f: Isian,
    galat: DaftarGalat,
    /// A secret shown once: (what, for whom, value).
    rahasia: Option<(&'static str, String, String)>,
    galat_umum: Option<String>,
    sekarang: chrono::DateTime<chrono::Utc>,
}

impl HalamanPengguna {
    fn pilihan_peran(&self) -> Vec<(&'static str, &'static str, bool)> {
        self.peran
            .iter()
            .map(|(k, l)| (*k, *l, self.f.get("peran") == *k))
            .collect()
    }

    /// "Kepala desa", or "Kader posyandu (Posyandu Melati)".
    fn peran_akun(&self, p: &Pengguna) -> String {
        match p.posyandu_kader() {
            Some(id) => {
                let nama = self
                    .posyandu
                    .iter()
                    .find(|(i, _)| *i == id.to_string())
                    .map(|(_, n)| n.as_str())
                    .unwrap_or("?");
                format!("{} ({nama})", p.peran().label())
            }
            None => p.peran().label().to_string(),
        }
    }
}

#[derive(Default)]
struct Tampil {
    f: Isian,
    galat: DaftarGalat,
    rahasia: Option<(&'static str, String, String)>,
    galat_umum: Option<String>,
    ok: Option<String>,
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    t: Tampil,
) -> Result<Response, GalatWeb> {
    let pengguna = k.store.daftar_pengguna(&desa.desa_id).await?;
    let token = k.store.daftar_token_api(&desa.desa_id).await?;
    let status = if t.galat.is_empty() && t.galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanPengguna {
        sekarang: k.store.sekarang(),
        k: Kerangka::baru(m, Some(desa), "pengguna", "Pengguna dan token API")
            .dengan_pesan(t.ok.as_deref()),
        pengguna,
        token,
        peran: [
            Peran::Admin,
            Peran::Operator,
            Peran::Sekdes,
            Peran::Kades,
            Peran::Bendahara,
            Peran::Kader,
        ]
        .iter()
        .map(|p| (p.kode(), p.label()))
        .collect(),
        posyandu: k
            .store
            .kesehatan()
            .daftar_posyandu(&desa.desa_id)
            .await?
            .into_iter()
            .filter(|p| p.aktif)
            .map(|p| (p.id.to_string(), p.nama))
            .collect(),
        f: t.f,
        galat: t.galat,
        rahasia: t.rahasia,
        galat_umum: t.galat_umum,
    })?;
    Ok((status, html).into_response())
}

async fn desa_kelola(k: &Bersama, m: &Masuk, kode: &str) -> Result<Desa, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    m.wajib_kelola()?;
    Ok(desa)
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = desa_kelola(&k, &m, &kode).await?;
    tampil_halaman(
        &k,
        &m,
        &desa,
        Tampil {
            ok: q.ok,
            ..Default::default()
        },
    )
    .await
}

async fn tambah(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = desa_kelola(&k, &kir.m, &kode).await?;
    let f = kir.isian;
    let Some(peran) = Peran::dari_kode(f.get("peran")).filter(|p| p.peran_desa()) else {
        let mut g = DaftarGalat::default();
        g.push("peran", "Pilih peran pengguna.");
        return tampil_halaman(
            &k,
            &kir.m,
            &desa,
            Tampil {
                f,
                galat: g,
                ..Default::default()
            },
        )
        .await;
    };
    let sandi = sandi_sementara();
    let hasil = k
        .store
        .tambah_pengguna(
            &PenggunaBaru {
                username: f.get("username"),
                nama: f.get("nama"),
                kata_sandi: &sandi,
                peran,
                desa_id: Some(&kode),
                // A cadre's scope is their posyandu; the store checks it is one of this village.
                cakupan: if peran == Peran::Kader {
                    f.get("cakupan")
                } else {
                    ""
                },
            },
            &kir.m.aktor(),
        )
        .await;
    match hasil {
        Ok(p) => {
            let sementara = k.store.reset_sandi(p.id, &kir.m.aktor()).await?;
            let rahasia = Some(("Kata sandi sementara", p.username.clone(), sementara));
            tampil_halaman(
                &k,
                &kir.m,
                &desa,
                Tampil {
                    rahasia,
                    ok: Some("pengguna".into()),
                    ..Default::default()
                },
            )
            .await
        }
        Err(Galat::Isian(g)) => {
            tampil_halaman(
                &k,
                &kir.m,
                &desa,
                Tampil {
                    f,
                    galat: g,
                    ..Default::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// An account of this village, or "not found".
async fn pengguna_desa(k: &Bersama, kode: &str, id: Uuid) -> Result<Pengguna, GalatWeb> {
    k.store
        .pengguna(id)
        .await?
        .filter(|p| p.desa_id.as_deref() == Some(kode))
        .ok_or(GalatWeb::TidakDitemukan)
}

async fn atur_aktif(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = desa_kelola(&k, &kir.m, &kode).await?;
    let p = pengguna_desa(&k, &kode, id).await?;
    if p.id == kir.m.pengguna.id {
        return tampil_halaman(
            &k,
            &kir.m,
            &desa,
            Tampil {
                galat_umum: Some("Anda tidak dapat menonaktifkan akun Anda sendiri.".into()),
                ..Default::default()
            },
        )
        .await;
    }
    k.store
        .atur_aktif_pengguna(id, kir.isian.get("aktif") == "ya", &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{kode}/pengguna?ok=pengguna")).into_response())
}

async fn reset(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = desa_kelola(&k, &kir.m, &kode).await?;
    let p = pengguna_desa(&k, &kode, id).await?;
    let sandi = k.store.reset_sandi(id, &kir.m.aktor()).await?;
    tampil_halaman(
        &k,
        &kir.m,
        &desa,
        Tampil {
            rahasia: Some(("Kata sandi sementara", p.username, sandi)),
            ..Default::default()
        },
    )
    .await
}

async fn buat_token(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = desa_kelola(&k, &kir.m, &kode).await?;
    let f = kir.isian;
    match k
        .store
        .buat_token_api(
            f.get("nama_token"),
            std::slice::from_ref(&kode),
            balai_store::pengguna::HakToken {
                tulis: f.get("tulis") == "ya",
                dukcapil: false,
                dinsos: false,
                kesehatan: f.get("kesehatan") == "ya",
                berlaku_hari: f.get("berlaku_hari").parse().unwrap_or(0),
            },
            &kir.m.pengguna,
        )
        .await
    {
        Ok((t, rahasia)) => {
            tampil_halaman(
                &k,
                &kir.m,
                &desa,
                Tampil {
                    rahasia: Some(("Token API", t.nama, rahasia)),
                    ..Default::default()
                },
            )
            .await
        }
        Err(Galat::Isian(g)) => {
            let mut d = DaftarGalat::default();
            for e in g.0 {
                d.push("nama_token", e.pesan);
            }
            tampil_halaman(
                &k,
                &kir.m,
                &desa,
                Tampil {
                    f,
                    galat: d,
                    ..Default::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn cabut_token(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    desa_kelola(&k, &kir.m, &kode).await?;
    k.store.cabut_token_api(id, &kode, &kir.m.aktor()).await?;
    Ok(Redirect::to(&format!("/desa/{kode}/pengguna?ok=token")).into_response())
}
