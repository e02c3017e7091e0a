//! The district tier on screen: a village's sync state, credentials and conflict queue
//! (`/desa/{kode}/sinkron`), and the district's overview of its villages (`/jaringan`).

use super::Ok;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_store::pengguna::Peran;
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
        sekarang: k.store.sekarang(),
    })?
    .into_response())
}
