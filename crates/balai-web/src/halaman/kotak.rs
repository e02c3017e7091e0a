//! The operator's side of resident self-service: the inbox of online requests, complaints and
//! data requests (counts, filters, assignment, SLA colours), answering complaints, deciding data
//! requests, and issuing or resetting a resident's PIN.

use super::Ok as QueryOk;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::kerangka::waktu_zona as waktu;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::kotak::{SaringKotak, Sla};
use balai_store::pengaduan::{BalasanPengaduan, KATEGORI, Pengaduan, STATUS, SaringPengaduan};
use balai_store::pengguna::Pengguna;
use balai_store::surat::Surat;
use balai_store::warga::permintaan::PermintaanData;
use chrono::Duration;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/kotak", get(kotak))
        .route(
            "/desa/{kode}/kotak/surat/{id}/tugaskan",
            post(tugaskan_surat),
        )
        .route("/desa/{kode}/pengaduan/{id}", get(rincian_pengaduan))
        .route("/desa/{kode}/pengaduan/{id}/balas", post(balas_pengaduan))
        .route(
            "/desa/{kode}/pengaduan/{id}/tugaskan",
            post(tugaskan_pengaduan),
        )
        .route("/desa/{kode}/pengaduan/{id}/foto", get(foto_pengaduan))
        .route(
            "/desa/{kode}/permintaan-data/{id}",
            post(putuskan_permintaan),
        )
        .route(
            "/desa/{kode}/penduduk/{id}/pin",
            get(halaman_pin).post(kirim_pin),
        )
}

/// Complaints should get a first answer within this time.
const TARGET_PENGADUAN_JAM: i64 = 72;

pub struct BarisSurat {
    pub s: Surat,
    pub petugas: String,
    pub sla: Sla,
    pub diajukan: String,
}

pub struct BarisPengaduan {
    pub p: Pengaduan,
    pub sla: Sla,
    pub dibuat: String,
}

#[derive(Template)]
#[template(path = "kotak.html")]
struct HalamanKotak {
    k: Kerangka,
    jumlah: [i64; 5],
    /// Marketplace listings waiting for approval (moderated under the site's screens).
    lapak_menunggu: i64,
    surat: Vec<BarisSurat>,
    pengaduan: Vec<BarisPengaduan>,
    permintaan: Vec<(String, PermintaanData)>,
    petugas: Vec<Pengguna>,
    q: SaringQuery,
    status_pengaduan: &'static [(&'static str, &'static str)],
    kategori: &'static [(&'static str, &'static str)],
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct SaringQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub kanal: String,
    #[serde(default)]
    pub petugas: String,
    #[serde(default)]
    pub status_pengaduan: String,
    #[serde(default)]
    pub kategori: String,
    pub ok: Option<String>,
}

async fn petugas_desa(k: &Bersama, m: &Masuk, desa_id: &str) -> Result<Vec<Pengguna>, GalatWeb> {
    let _ = m;
    Ok(k.store
        .daftar_pengguna(desa_id)
        .await?
        .into_iter()
        .filter(|p| p.aktif && p.peran().boleh_tulis())
        .collect())
}

async fn kotak(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<SaringQuery>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let d = &desa.desa_id;
    let now = k.store.sekarang();
    let jenis = k.store.daftar_jenis_surat(d).await?;
    let surat = k
        .store
        .kotak_permohonan(
            d,
            &SaringKotak {
                status: q.status.clone(),
                kanal: q.kanal.clone(),
                petugas: q.petugas.clone(),
            },
        )
        .await?
        .into_iter()
        .map(|r| {
            let menit = jenis
                .iter()
                .find(|j| j.jenis.kode == r.surat.jenis_kode)
                .map(|j| j.jenis.waktu_layanan_menit.max(60))
                .unwrap_or(24 * 60);
            BarisSurat {
                sla: Sla::hitung(r.surat.diajukan_pada, Duration::minutes(menit.into()), now),
                diajukan: waktu(&r.surat.diajukan_pada, desa.zona()),
                petugas: r.petugas.unwrap_or_default(),
                s: r.surat,
            }
        })
        .collect();
    let pengaduan = k
        .store
        .daftar_pengaduan(
            d,
            &SaringPengaduan {
                status: q.status_pengaduan.clone(),
                kategori: q.kategori.clone(),
                ..Default::default()
            },
            200,
        )
        .await?
        .into_iter()
        .map(|p| BarisPengaduan {
            sla: if p.terbuka() {
                Sla::hitung(p.dibuat_pada, Duration::hours(TARGET_PENGADUAN_JAM), now)
            } else {
                Sla::Aman
            },
            dibuat: waktu(&p.dibuat_pada, desa.zona()),
            p,
        })
        .collect();
    let permintaan = k
        .store
        .daftar_permintaan_data(d, None, "diajukan")
        .await?
        .into_iter()
        .map(|r| (waktu(&r.dibuat_pada, desa.zona()), r))
        .collect();
    let html = tampil(&HalamanKotak {
        k: Kerangka::baru(&m, Some(&desa), "kotak", "Kotak masuk layanan")
            .dengan_pesan(q.ok.as_deref()),
        jumlah: k.store.jumlah_kotak(d).await?,
        lapak_menunggu: k.store.jumlah_produk_menunggu(d).await?,
        surat,
        pengaduan,
        permintaan,
        petugas: petugas_desa(&k, &m, d).await?,
        q,
        status_pengaduan: STATUS,
        kategori: KATEGORI,
    })?;
    Ok(html.into_response())
}

fn petugas_dipilih(kir: &Kiriman) -> Option<String> {
    Some(kir.isian.get("petugas").trim().to_string()).filter(|s| !s.is_empty())
}

async fn tugaskan_surat(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    let petugas = petugas_dipilih(&kir);
    k.store
        .tugaskan_surat(&desa.desa_id, id, petugas.as_deref(), &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{}/kotak?ok=tugaskan", desa.desa_id)).into_response())
}

#[derive(Template)]
#[template(path = "pengaduan_rincian.html")]
struct HalamanPengaduan {
    k: Kerangka,
    p: Pengaduan,
    dibuat: String,
    balasan: Vec<(String, BalasanPengaduan)>,
    petugas: Vec<Pengguna>,
    status: &'static [(&'static str, &'static str)],
    isi: String,
    galat: Option<String>,
}

async fn tampil_pengaduan(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    id: Uuid,
    ok: Option<&str>,
    isi: String,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    let d = &desa.desa_id;
    let p = k
        .store
        .pengaduan(d, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses(d, &m.aktor(), "lihat", "pengaduan", id.to_string())
        .await?;
    let balasan = k
        .store
        .balasan_pengaduan(d, id)
        .await?
        .into_iter()
        .map(|b| (waktu(&b.waktu, desa.zona()), b))
        .collect();
    let status = if galat.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&HalamanPengaduan {
        k: Kerangka::baru(m, Some(&desa), "kotak", "Pengaduan").dengan_pesan(ok),
        dibuat: waktu(&p.dibuat_pada, desa.zona()),
        p,
        balasan,
        petugas: petugas_desa(k, m, d).await?,
        status: STATUS,
        isi,
        galat,
    })?;
    Ok((status, html).into_response())
}

async fn rincian_pengaduan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    tampil_pengaduan(&k, &m, &kode, id, q.ok.as_deref(), String::new(), None).await
}

async fn balas_pengaduan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    let status = Some(kir.isian.get("status")).filter(|s| !s.is_empty());
    let isi = kir.isian.get("isi").to_string();
    match k
        .store
        .balas_pengaduan(&desa.desa_id, id, &isi, status, false, &kir.m.aktor())
        .await
    {
        Ok(()) => {
            k.store.bangunkan_kurir();
            Ok(
                Redirect::to(&format!("/desa/{}/pengaduan/{id}?ok=balas", desa.desa_id))
                    .into_response(),
            )
        }
        Err(Galat::Isian(d)) => {
            let g = d.0.first().map(|g| g.pesan.clone());
            tampil_pengaduan(&k, &kir.m, &kode, id, None, isi, g).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn tugaskan_pengaduan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    let petugas = petugas_dipilih(&kir);
    k.store
        .tugaskan_pengaduan(&desa.desa_id, id, petugas.as_deref(), &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!(
        "/desa/{}/pengaduan/{id}?ok=tugaskan",
        desa.desa_id
    ))
    .into_response())
}

async fn foto_pengaduan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    k.store
        .catat_akses(
            &desa.desa_id,
            &m.aktor(),
            "lihat",
            "pengaduan_foto",
            id.to_string(),
        )
        .await?;
    let (isi, mime) = k
        .store
        .foto_pengaduan(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        isi,
    )
        .into_response())
}

async fn putuskan_permintaan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    let terima = kir.isian.get("keputusan") == "terima";
    k.store
        .putuskan_permintaan_data(
            &desa.desa_id,
            id,
            terima,
            kir.isian.get("catatan"),
            &kir.m.aktor(),
        )
        .await?;
    Ok(Redirect::to(&format!("/desa/{}/kotak?ok=putuskan", desa.desa_id)).into_response())
}

#[derive(Template)]
#[template(path = "warga_pin.html")]
struct HalamanPin {
    k: Kerangka,
    nama: String,
    nik: String,
    penduduk_id: Uuid,
    ada_akun: bool,
    punya_pin: bool,
    terkunci: bool,
    gagal: i64,
    /// The account's state when the page was drawn: a reloaded form cannot issue a second PIN.
    versi_akun: String,
    pin_baru: Option<String>,
    alamat_portal: String,
}

async fn tampil_pin(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    id: Uuid,
    pin_baru: Option<String>,
    ok: Option<&str>,
    alamat_portal: String,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(k, kode).await?;
    let p = k.store.buka_penduduk(&desa.desa_id, id, &m.aktor()).await?;
    let akun = k.store.akun_warga(&desa.desa_id, id).await?;
    let now = k.store.sekarang();
    let html = tampil(&HalamanPin {
        k: Kerangka::baru(m, Some(&desa), "penduduk", "PIN layanan mandiri").dengan_pesan(ok),
        nama: p.nama,
        nik: p.nik,
        penduduk_id: id,
        ada_akun: akun.is_some(),
        punya_pin: akun.as_ref().is_some_and(|a| a.punya_pin()),
        terkunci: akun.as_ref().is_some_and(|a| a.terkunci(now)),
        gagal: akun.as_ref().map(|a| a.gagal).unwrap_or(0),
        versi_akun: versi_akun(akun.as_ref()),
        pin_baru,
        alamat_portal,
    })?;
    // The page may show a PIN: never cached.
    Ok(([(header::CACHE_CONTROL, "no-store")], html).into_response())
}

fn versi_akun(a: Option<&balai_store::warga::akun::AkunWarga>) -> String {
    a.map(|a| a.diubah_pada.timestamp_micros().to_string())
        .unwrap_or_default()
}

fn alamat_portal(k: &Bersama, headers: &axum::http::HeaderMap) -> String {
    format!("{}/warga", crate::url_dasar(k, headers))
}

async fn halaman_pin(
    State(k): State<Bersama>,
    m: Masuk,
    headers: axum::http::HeaderMap,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    m.wajib_tulis()?;
    let alamat = alamat_portal(&k, &headers);
    tampil_pin(&k, &m, &kode, id, None, q.ok.as_deref(), alamat).await
}

async fn kirim_pin(
    State(k): State<Bersama>,
    headers: axum::http::HeaderMap,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_tulis()?;
    let desa = m.desa(&k, &kode).await?;
    let alamat = alamat_portal(&k, &headers);
    match kir.isian.get("aksi") {
        "terbitkan" => {
            let sekarang = versi_akun(k.store.akun_warga(&desa.desa_id, id).await?.as_ref());
            if kir.isian.get("versi_akun") != sekarang {
                // The page was reloaded after issuing, or someone else changed the account.
                return Ok(Redirect::to(&format!(
                    "/desa/{}/penduduk/{id}/pin?ok=pin_berubah",
                    desa.desa_id
                ))
                .into_response());
            }
            let pin = k.store.terbitkan_pin(&desa.desa_id, id, &m.aktor()).await?;
            k.store.bangunkan_kurir();
            tampil_pin(&k, m, &kode, id, Some(pin), None, alamat).await
        }
        "buka_kunci" => {
            k.store
                .buka_kunci_warga(&desa.desa_id, id, &m.aktor())
                .await?;
            // The login limiter's wait for this NIK ends too.
            if let Some(p) = k.store.penduduk(&desa.desa_id, id).await? {
                crate::pembatas::lepas(&k.store, crate::pembatas::Pintu::Warga, &p.nik).await?;
            }
            Ok(Redirect::to(&format!(
                "/desa/{}/penduduk/{id}/pin?ok=buka_kunci",
                desa.desa_id
            ))
            .into_response())
        }
        "keluar_semua" => {
            k.store
                .akhiri_sesi_warga(&desa.desa_id, id, &m.aktor())
                .await?;
            Ok(Redirect::to(&format!(
                "/desa/{}/penduduk/{id}/pin?ok=keluar_semua",
                desa.desa_id
            ))
            .into_response())
        }
        _ => Err(GalatWeb::Permintaan("Tindakan tidak dikenal.".into())),
    }
}
