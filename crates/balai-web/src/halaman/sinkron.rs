//! The district tier on screen: a village's sync state, credentials and conflict queue
//! (`/desa/{kode}/sinkron`), and the district's overview of its villages (`/jaringan`).

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
use balai_domain::galat::DaftarGalat;
use balai_store::Galat;
use balai_store::pengguna::{HakToken, Peran, TokenApi};
use balai_store::sinkron::{DesaJaringan, KeadaanSimpul, Konflik, TokenSinkron};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/sinkron", get(halaman))
        .route("/desa/{kode}/sinkron/sekarang", post(sekarang))
        .route("/desa/{kode}/sinkron/konflik/{id}", post(selesaikan))
        .route("/desa/{kode}/sinkron/kredensial", post(buat_kredensial))
        .route("/desa/{kode}/sinkron/kredensial/{id}/cabut", post(cabut))
        .route("/jaringan", get(jaringan))
        .route(
            "/jaringan/token",
            get(token_wilayah).post(buat_token_wilayah),
        )
        .route("/jaringan/token/{id}/cabut", post(cabut_token_wilayah))
}

#[derive(Template)]
#[template(path = "sinkron.html")]
struct HalamanSinkron {
    k: Kerangka,
    simpul: KeadaanSimpul,
    /// Credentials of this village (on the district server).
    kredensial: Vec<TokenSinkron>,
    boleh_kredensial: bool,
    baru: Option<String>,
    konflik: Vec<Konflik>,
    sekarang: DateTime<Utc>,
}

impl HalamanSinkron {
    fn tampil(&self, v: &Option<String>) -> String {
        Konflik::tampil(v)
    }
    fn lalu(&self, t: &Option<DateTime<Utc>>) -> String {
        waktu_lalu(self.sekarang, t)
    }
}

/// "3 jam yang lalu", for people who read times at a glance.
pub fn waktu_lalu(sekarang: DateTime<Utc>, t: &Option<DateTime<Utc>>) -> String {
    let Some(t) = t else {
        return "belum pernah".into();
    };
    let d = sekarang - *t;
    if d.num_minutes() < 1 {
        "baru saja".into()
    } else if d.num_hours() < 1 {
        format!("{} menit yang lalu", d.num_minutes())
    } else if d.num_days() < 1 {
        format!("{} jam yang lalu", d.num_hours())
    } else {
        format!("{} hari yang lalu", d.num_days())
    }
}

async fn isi(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    baru: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    m.wajib_kelola()?;
    let simpul = k.store.sinkron().keadaan_simpul().await?;
    let boleh_kredensial = !simpul.simpul_desa() && m.peran() == Peran::AdminSistem;
    let kredensial = if simpul.simpul_desa() {
        Vec::new()
    } else {
        k.store.sinkron().daftar_token(kode).await?
    };
    Ok(tampil(&HalamanSinkron {
        k: Kerangka::baru(m, Some(&desa), "sinkron", "Sinkron dengan kabupaten").dengan_pesan(ok),
        simpul,
        kredensial,
        boleh_kredensial,
        baru,
        konflik: k.store.sinkron().daftar_konflik(kode, true).await?,
        sekarang: k.store.sekarang(),
    })?
    .into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    isi(&k, &m, &kode, None, q.ok.as_deref()).await
}

async fn sekarang(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    k.sinkron_sekarang.notify_one();
    Ok(Redirect::to(&format!("/desa/{kode}/sinkron?ok=sinkron_mulai")).into_response())
}

async fn selesaikan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk memastikan pilihan nilai, lalu tekan tombolnya lagi.".into(),
        ));
    }
    k.store
        .sinkron()
        .selesaikan_konflik(&kode, id, kir.isian.get("pilihan"), &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{kode}/sinkron?ok=konflik")).into_response())
}

async fn buat_kredensial(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    let token = k.store.sinkron().buat_token(&kode, &kir.m.aktor()).await?;
    isi(&k, &kir.m, &kode, Some(token), None).await
}

async fn cabut(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk mencabut kredensial, lalu tekan tombolnya lagi.".into(),
        ));
    }
    k.store
        .sinkron()
        .cabut_token(&kode, id, &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{kode}/sinkron?ok=kredensial_cabut")).into_response())
}

#[derive(Template)]
#[template(path = "sinkron_jaringan.html")]
struct HalamanJaringan {
    k: Kerangka,
    desa: Vec<DesaJaringan>,
    /// The system admin also manages the agencies' region tokens.
    boleh_token: bool,
    sekarang: DateTime<Utc>,
}

impl HalamanJaringan {
    fn lalu(&self, t: &Option<DateTime<Utc>>) -> String {
        waktu_lalu(self.sekarang, t)
    }
    fn perlu_bantuan(&self) -> usize {
        self.desa
            .iter()
            .filter(|d| d.perlu_bantuan(self.sekarang))
            .count()
    }
    fn simpul(&self) -> usize {
        self.desa.iter().filter(|d| d.simpul).count()
    }
}

/// For kecamatan and kabupaten users and the system admin: every village in their area.
async fn jaringan(State(k): State<Bersama>, m: Masuk) -> Result<Response, GalatWeb> {
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let desa = k
        .store
        .sinkron()
        .ringkasan_jaringan(&m.pengguna.awalan_desa())
        .await?;
    Ok(tampil(&HalamanJaringan {
        k: Kerangka::baru(&m, None, "jaringan", "Jaringan desa"),
        desa,
        boleh_token: m.peran() == Peran::AdminSistem,
        sekarang: k.store.sekarang(),
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "sinkron_token.html")]
struct HalamanTokenWilayah {
    k: Kerangka,
    token: Vec<TokenApi>,
    sekarang: DateTime<Utc>,
    f: Isian,
    galat: DaftarGalat,
    /// A token just made: its name and its secret, shown once.
    baru: Option<(String, String)>,
}

impl HalamanTokenWilayah {
    fn wilayah(&self, t: &TokenApi) -> String {
        balai_domain::wilayah::bertitik(&t.wilayah)
    }
}

async fn tampil_token_wilayah(
    k: &Bersama,
    m: &Masuk,
    f: Isian,
    galat: DaftarGalat,
    baru: Option<(String, String)>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanTokenWilayah {
        k: Kerangka::baru(m, None, "jaringan", "Token API wilayah untuk OPD").dengan_pesan(ok),
        token: k.store.daftar_token_wilayah().await?,
        sekarang: k.store.sekarang(),
        f,
        galat,
        baru,
    })?;
    Ok((status, html).into_response())
}

#[derive(serde::Deserialize)]
struct KueriOk {
    ok: Option<String>,
}

/// Agencies' tokens over a region, as `balai token add` makes them (system admin only).
async fn token_wilayah(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<KueriOk>,
) -> Result<Response, GalatWeb> {
    tampil_token_wilayah(
        &k,
        &m,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await
}

async fn buat_token_wilayah(State(k): State<Bersama>, kir: Kiriman) -> Result<Response, GalatWeb> {
    let f = kir.isian;
    let jenis = f.get("jenis");
    let hak = HakToken {
        tulis: jenis == "tulis",
        dukcapil: jenis == "dukcapil",
        dinsos: jenis == "dinsos",
        kesehatan: f.get("kesehatan") == "ya",
        berlaku_hari: f.get("berlaku_hari").parse().unwrap_or(0),
    };
    let hasil = if ["baca", "tulis", "dukcapil", "dinsos"].contains(&jenis) {
        k.store
            .buat_token_wilayah(f.get("nama"), f.get("wilayah"), hak, &kir.m.aktor())
            .await
    } else {
        Err(Galat::isian(
            "jenis",
            "Pilih akses token: hanya baca, baca dan tulis, Dukcapil, atau Dinas Sosial.",
        ))
    };
    match hasil {
        Ok((t, rahasia)) => {
            tampil_token_wilayah(
                &k,
                &kir.m,
                Isian::default(),
                DaftarGalat::default(),
                Some((t.nama, rahasia)),
                None,
            )
            .await
        }
        Err(Galat::Isian(g)) => tampil_token_wilayah(&k, &kir.m, f, g, None, None).await,
        Err(Galat::Ditolak(p)) => {
            tampil_token_wilayah(&k, &kir.m, f, DaftarGalat::satu("jenis", p), None, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn cabut_token_wilayah(
    State(k): State<Bersama>,
    Path(id): Path<Uuid>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk mencabut token, lalu tekan tombolnya lagi.".into(),
        ));
    }
    k.store.cabut_token_wilayah(id, &kir.m.aktor()).await?;
    Ok(Redirect::to("/jaringan/token?ok=token").into_response())
}
