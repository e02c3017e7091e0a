//! Notification settings of a village (admin): channels with presets and a test send, message
//! templates per event, the delivery log, and residents' Telegram chat ids.

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
use balai_store::notifikasi::{
    EntriLogNotifikasi, NotifikasiKeluar, STATUS, SaringNotifikasi, TemplatNotifikasi,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

mod kanal;
mod templat;

use kanal::{KartuKanal, kartu, simpan_kanal, uji_kanal};
use templat::{form_templat, kembalikan_templat, simpan_templat};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/notifikasi", get(halaman))
        .route("/desa/{kode}/notifikasi/kanal/{kanal}", post(simpan_kanal))
        .route("/desa/{kode}/notifikasi/kanal/{kanal}/uji", post(uji_kanal))
        .route(
            "/desa/{kode}/notifikasi/templat/{peristiwa}",
            get(form_templat).post(simpan_templat),
        )
        .route(
            "/desa/{kode}/notifikasi/templat/{peristiwa}/bawaan",
            post(kembalikan_templat),
        )
        .route("/desa/{kode}/notifikasi/telegram", post(simpan_telegram))
}

#[derive(Template)]
#[template(path = "notifikasi.html")]
struct Halaman {
    k: Kerangka,
    kanal: Vec<KartuKanal>,
    templat: Vec<TemplatNotifikasi>,
    keluar: Vec<NotifikasiKeluar>,
    log: Vec<EntriLogNotifikasi>,
    ringkasan: Vec<(String, i64)>,
    status: &'static [(&'static str, &'static str)],
    saring: String,
    /// Id for "older rows" when the page is full.
    lanjut: Option<Uuid>,
    zona: chrono::FixedOffset,
    galat_telegram: DaftarGalat,
    f_telegram: Isian,
}

impl Halaman {
    fn waktu(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.zona)
            .format("%d-%m-%Y %H:%M")
            .to_string()
    }
    fn waktu_opsi(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref().map(|t| self.waktu(t)).unwrap_or_default()
    }
    /// The badge colour of a status.
    fn kelas(&self, status: &str) -> &'static str {
        match status {
            "terkirim" => "diterbitkan",
            "gagal" => "ditolak",
            "menunggu" => "sla-hampir",
            _ => "",
        }
    }
    fn jumlah(&self, status: &str) -> i64 {
        self.ringkasan
            .iter()
            .find(|(s, _)| s == status)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

#[derive(serde::Deserialize, Default)]
struct Tanya {
    ok: Option<String>,
    status: Option<String>,
    sebelum: Option<Uuid>,
}

const PER_HALAMAN: i64 = 50;

fn pesan_berhasil(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "kanal" => "Setelan kanal telah disimpan.",
        "templat" => "Templat pesan telah disimpan.",
        "bawaan" => "Templat pesan telah dikembalikan ke teks bawaan.",
        "telegram" => "Chat id Telegram penduduk telah disimpan.",
        _ => return None,
    })
}

struct Ubahan {
    /// A channel card to show with what was typed, errors or a test result.
    kartu: Option<KartuKanal>,
    galat_telegram: DaftarGalat,
    f_telegram: Isian,
}

impl Ubahan {
    fn kosong() -> Self {
        Ubahan {
            kartu: None,
            galat_telegram: DaftarGalat::default(),
            f_telegram: Isian::default(),
        }
    }
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    t: Tanya,
    u: Ubahan,
    status_http: StatusCode,
) -> Result<Response, GalatWeb> {
    let saring = t
        .status
        .filter(|s| STATUS.iter().any(|(k, _)| k == s))
        .unwrap_or_default();
    let keluar = k
        .store
        .kotak_keluar(
            &desa.desa_id,
            &SaringNotifikasi {
                status: Some(saring.clone()).filter(|s| !s.is_empty()),
                sebelum: t.sebelum,
                batas: PER_HALAMAN,
            },
        )
        .await?;
    let lanjut = (keluar.len() as i64 == PER_HALAMAN)
        .then(|| keluar.last().map(|r| r.id))
        .flatten();
    let mut kanal: Vec<KartuKanal> = k
        .store
        .kanal_notifikasi(&desa.desa_id)
        .await?
        .into_iter()
        .map(|c| kartu(c.kanal, c.aktif, c.diubah_pada.is_some(), &c.setelan, ""))
        .collect();
    if let Some(ganti) = u.kartu {
        for c in kanal.iter_mut() {
            if c.kode == ganti.kode {
                *c = ganti;
                break;
            }
        }
    }
    let mut kr = Kerangka::baru(m, Some(desa), "notifikasi", "Notifikasi warga");
    kr.pesan = t.ok.as_deref().and_then(pesan_berhasil).map(str::to_string);
    let html = tampil(&Halaman {
        k: kr,
        kanal,
        templat: k.store.templat_notifikasi(&desa.desa_id).await?,
        keluar,
        log: k.store.log_notifikasi(&desa.desa_id, None, 30).await?,
        ringkasan: k.store.ringkasan_notifikasi(&desa.desa_id).await?,
        status: &STATUS,
        saring,
        lanjut,
        zona: desa.zona().offset(),
        galat_telegram: u.galat_telegram,
        f_telegram: u.f_telegram,
    })?;
    Ok((status_http, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(t): Query<Tanya>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    tampil_halaman(&k, &m, &desa, t, Ubahan::kosong(), StatusCode::OK).await
}

/// Links a resident (by NIK) to the Telegram chat id they receive messages at; an empty chat
/// id removes the link.
async fn simpan_telegram(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let f = &kir.isian;
    let nik: String = f
        .get("nik")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let hasil = match k.store.penduduk_by_nik(&desa.desa_id, &nik).await? {
        None => Err(Galat::isian(
            "nik",
            "NIK tidak ditemukan di data penduduk desa ini.",
        )),
        Some(p) => {
            k.store
                .simpan_telegram_penduduk(&desa.desa_id, p.id, Some(f.get("chat_id")), &m.aktor())
                .await
        }
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/notifikasi?ok=telegram#telegram",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            tampil_halaman(
                &k,
                m,
                &desa,
                Tanya::default(),
                Ubahan {
                    kartu: None,
                    galat_telegram: g,
                    f_telegram: f.clone(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
