//! Stunting convergence: the target families of the village with their five indicators and the
//! village's share of each, and the water and latrine check recorded per family.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, tanggal};
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
use balai_domain::kesehatan::konvergensi::{Indikator, Nilai};
use balai_store::desa::Desa;
use balai_store::kesehatan::konvergensi::{
    IsianSanitasi, KeluargaKonvergensi, RingkasKonvergensi, ringkas,
};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/kesehatan/konvergensi", get(daftar))
        .route("/desa/{kode}/kesehatan/konvergensi/{id}", post(catat))
}

#[derive(Template)]
#[template(path = "kesehatan_konvergensi.html")]
struct Halaman {
    k: Kerangka,
    keluarga: Vec<KeluargaKonvergensi>,
    ringkas: Vec<RingkasKonvergensi>,
    judul: Vec<&'static str>,
    hari_ini: String,
    /// The family whose form was refused, what was typed, and why.
    gagal: Option<(Uuid, Isian, DaftarGalat)>,
}

impl Halaman {
    fn persen(&self, r: &RingkasKonvergensi) -> String {
        if r.berlaku == 0 {
            "—".into()
        } else {
            format!("{:.0} %", r.ya as f64 * 100.0 / r.berlaku as f64)
        }
    }
    fn kelas(&self, n: &Nilai) -> &'static str {
        match n {
            Nilai::Ya => "ya",
            Nilai::Tidak => "tidak",
            _ => "",
        }
    }
    fn isian(&self, id: &Uuid) -> Option<&Isian> {
        self.gagal.as_ref().filter(|g| g.0 == *id).map(|g| &g.1)
    }
    fn galat(&self, id: &Uuid, kolom: &str) -> Option<&str> {
        self.gagal
            .as_ref()
            .filter(|g| g.0 == *id)
            .and_then(|g| g.2.untuk(kolom))
    }
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    gagal: Option<(Uuid, Isian, DaftarGalat)>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let hari = k.store.hari_ini(desa.zona());
    let keluarga = k.store.kesehatan().konvergensi(&desa.desa_id, hari).await?;
    // The heads named on the page, and the children and pregnant women each row is about.
    let mut orang: Vec<Uuid> = keluarga
        .iter()
        .flat_map(|x| x.kepala_id.into_iter().chain(x.sasaran_id.iter().copied()))
        .collect();
    orang.sort();
    orang.dedup();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &m.aktor(), "lihat_konvergensi", &orang)
        .await?;
    let status = if gagal.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let h = Halaman {
        k: Kerangka::baru(m, Some(desa), "kesehatan", "Konvergensi stunting").dengan_pesan(ok),
        ringkas: ringkas(&keluarga),
        keluarga,
        judul: Indikator::SEMUA.iter().map(|i| i.label()).collect(),
        hari_ini: hari.format("%d-%m-%Y").to_string(),
        gagal,
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
    tampil_halaman(&k, &m, &desa, None, q.ok.as_deref()).await
}

async fn catat(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let isi = IsianSanitasi {
        air_minum_layak: f.get("air_minum_layak") == "ya",
        jamban_sehat: f.get("jamban_sehat") == "ya",
        dicek_pada: tanggal(f.get("dicek_pada")),
        catatan: f.get("catatan").into(),
        versi: f.get("versi").parse().unwrap_or(0),
    };
    match k
        .store
        .kesehatan()
        .catat_sanitasi(&kode, id, &isi, &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{kode}/kesehatan/konvergensi?ok=simpan#k-{id}"
        ))
        .into_response()),
        Err(e) => {
            let (mut g, umum) = pisah_galat(e)?;
            if let Some(u) = umum {
                g.push("umum", u);
            }
            tampil_halaman(&k, &kir.m, &desa, Some((id, f, g)), None).await
        }
    }
}
