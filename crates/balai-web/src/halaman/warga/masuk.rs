//! Resident login (NIK + PIN), first-login PIN change, activation by a code sent to the phone,
//! logout and logout everywhere, and the portal home page.

use super::{Bingkai, COOKIE_WARGA, KirimanWarga, UMUR_SESI_JAM, Warga};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::isian::Isian;
use crate::pembatas::{self, Pintu};
use crate::sesi::cookie_dari;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::warga::akun::HasilMasukWarga;
use chrono::Duration;
use std::net::SocketAddr;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga", get(beranda))
        .route("/warga/masuk", get(halaman_masuk).post(kirim_masuk))
        .route("/warga/keluar", post(keluar))
        .route("/warga/keluar-semua", post(keluar_semua))
        .route("/warga/ganti-pin", get(halaman_ganti).post(kirim_ganti))
        .route("/warga/aktivasi", get(halaman_aktivasi).post(minta_kode))
        .route("/warga/aktivasi/kode", get(halaman_kode).post(kirim_kode))
}

pub fn cookie(token: &str, aman: bool, umur_detik: i64) -> String {
    format!(
        "{COOKIE_WARGA}={token}; Path=/warga; HttpOnly; SameSite=Strict; Max-Age={umur_detik}{}",
        if aman { "; Secure" } else { "" }
    )
}

fn hapus_cookie() -> String {
    format!("{COOKIE_WARGA}=; Path=/warga; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Starts a portal session and sends the browser on to `tujuan`.
async fn mulai_sesi(
    k: &Bersama,
    desa_id: &str,
    penduduk_id: uuid::Uuid,
    tujuan: &str,
) -> Result<Response, GalatWeb> {
    let (token, _) = k
        .store
        .buat_sesi_warga(
            desa_id,
            penduduk_id,
            "portal",
            Duration::hours(UMUR_SESI_JAM),
        )
        .await?;
    Ok((
        [(
            header::SET_COOKIE,
            cookie(&token, k.cookie_aman, UMUR_SESI_JAM * 3600),
        )],
        Redirect::to(tujuan),
    )
        .into_response())
}

/// Only digits, so "3326 0112 3456 0001" and scanner input both work.
pub fn angka_saja(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The message for every failed login, whether or not the NIK exists.
pub const PESAN_GAGAL: &str =
    "NIK atau PIN salah. Periksa kembali NIK (16 angka pada KTP atau KK) dan PIN 6 angka Anda.";

pub fn pesan_tunggu(t: std::time::Duration) -> String {
    let detik = t.as_secs().max(1);
    if detik < 120 {
        format!(
            "Terlalu banyak percobaan yang gagal. Tunggu {detik} detik, lalu coba lagi. Bila lupa PIN, minta PIN baru kepada petugas desa."
        )
    } else {
        format!(
            "Terlalu banyak percobaan yang gagal; akun dikunci sementara. Coba lagi setelah {} menit, atau minta petugas desa membuka kunci.",
            detik.div_ceil(60)
        )
    }
}

/// Checks NIK + PIN with the per-NIK and per-client limits. `Ok` carries the account.
pub async fn periksa_masuk(
    k: &Bersama,
    ip: &str,
    nik: &str,
    pin: &str,
) -> Result<Result<(String, uuid::Uuid, bool), String>, GalatWeb> {
    // A form sent before it was filled in is not a guess: nothing is counted.
    if nik.len() != 16 {
        return Ok(Err(
            "NIK terdiri dari 16 angka. Periksa NIK Anda, lalu ketik PIN.".into(),
        ));
    }
    if pin.is_empty() {
        return Ok(Err("Ketik PIN Anda (6 angka), lalu tekan Masuk.".into()));
    }
    if let Some(t) = pembatas::coba(&k.store, Pintu::Warga, nik, ip).await? {
        return Ok(Err(pesan_tunggu(t)));
    }
    match k.store.masuk_warga(nik, pin).await? {
        HasilMasukWarga::Berhasil {
            desa_id,
            penduduk_id,
            wajib_ganti_pin,
        } => {
            pembatas::benar(&k.store, Pintu::Warga, nik, ip).await?;
            Ok(Ok((desa_id, penduduk_id, wajib_ganti_pin)))
        }
        HasilMasukWarga::Gagal => {
            tracing::info!("login warga gagal");
            Ok(Err(PESAN_GAGAL.into()))
        }
        HasilMasukWarga::Tunggu(t) => {
            // The stored lock refused without checking the PIN: not a guess.
            pembatas::batal(&k.store, Pintu::Warga, nik, ip).await?;
            Ok(Err(pesan_tunggu(
                t.to_std().unwrap_or(std::time::Duration::from_secs(60)),
            )))
        }
    }
}

#[derive(Template)]
#[template(path = "warga_masuk.html")]
struct HalamanMasuk {
    b: Bingkai,
    nik: String,
    galat: Option<String>,
}

async fn halaman_masuk() -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanMasuk {
        b: Bingkai::tamu("Masuk layanan mandiri"),
        nik: String::new(),
        galat: None,
    })?
    .into_response())
}

async fn kirim_masuk(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    let nik = angka_saja(f.get("nik"));
    let pin = angka_saja(f.get("pin"));
    let ip = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    match periksa_masuk(&k, &ip, &nik, &pin).await? {
        Ok((desa_id, penduduk_id, wajib)) => {
            // A new session id at every login; the one the browser had (if any) ends.
            if let Some(lama) = cookie_dari(&headers, COOKIE_WARGA) {
                k.store.hapus_sesi_warga(lama).await?;
            }
            let tujuan = if wajib { "/warga/ganti-pin" } else { "/warga" };
            mulai_sesi(&k, &desa_id, penduduk_id, tujuan).await
        }
        Err(pesan) => {
            let html = tampil(&HalamanMasuk {
                b: Bingkai::tamu("Masuk layanan mandiri"),
                nik,
                galat: Some(pesan),
            })?;
            Ok((StatusCode::UNAUTHORIZED, html).into_response())
        }
    }
}

async fn keluar(State(k): State<Bersama>, kir: KirimanWarga) -> Result<Response, GalatWeb> {
    k.store.hapus_sesi_warga(&kir.w.token).await?;
    Ok((
        [(header::SET_COOKIE, hapus_cookie())],
        Redirect::to("/warga/masuk"),
    )
        .into_response())
}

async fn keluar_semua(State(k): State<Bersama>, kir: KirimanWarga) -> Result<Response, GalatWeb> {
    let w = &kir.w;
    k.store
        .keluar_semua_warga(&w.desa.desa_id, w.penduduk.id)
        .await?;
    Ok((
        [(header::SET_COOKIE, hapus_cookie())],
        Redirect::to("/warga/masuk"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "warga_beranda.html")]
struct HalamanBeranda {
    b: Bingkai,
    belum_dibaca: i64,
    surat_aktif: usize,
    pengaduan_terbuka: usize,
}

async fn beranda(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let d = &w.desa.desa_id;
    let surat = k.store.surat_warga(d, w.penduduk.id).await?;
    let surat_aktif = surat
        .iter()
        .filter(|s| matches!(s.status.as_str(), "diajukan" | "diperiksa" | "diterbitkan"))
        .count();
    let s = balai_store::pengaduan::SaringPengaduan {
        penduduk_id: Some(w.penduduk.id),
        ..Default::default()
    };
    let pengaduan_terbuka = k
        .store
        .daftar_pengaduan(d, &s, 200)
        .await?
        .iter()
        .filter(|p| p.terbuka())
        .count();
    let belum_dibaca = k.store.jumlah_belum_dibaca(d, w.penduduk.id).await?;
    Ok(tampil(&HalamanBeranda {
        b: w.bingkai("Beranda").dengan_pesan(q.ok.as_deref()),
        belum_dibaca,
        surat_aktif,
        pengaduan_terbuka,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_ganti_pin.html")]
struct HalamanGanti {
    b: Bingkai,
    wajib: bool,
    galat: Option<(String, String)>,
}

async fn halaman_ganti(w: Warga) -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanGanti {
        wajib: w.sesi.wajib_ganti_pin,
        b: w.bingkai("Ganti PIN"),
        galat: None,
    })?
    .into_response())
}

async fn kirim_ganti(State(k): State<Bersama>, kir: KirimanWarga) -> Result<Response, GalatWeb> {
    let w = &kir.w;
    let f = &kir.isian;
    // The first change needs no old PIN: the resident just logged in with the issued one.
    let lama = (!w.sesi.wajib_ganti_pin).then(|| f.get("pin_lama"));
    match k
        .store
        .ganti_pin_warga(
            &w.desa.desa_id,
            w.penduduk.id,
            lama,
            f.get("pin_baru"),
            f.get("pin_ulang"),
            Some(&w.token),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/warga?ok=pin").into_response()),
        Err(Galat::Isian(d)) => {
            let g = d.0.first().map(|g| (g.kolom.clone(), g.pesan.clone()));
            let html = tampil(&HalamanGanti {
                wajib: w.sesi.wajib_ganti_pin,
                b: w.bingkai("Ganti PIN"),
                galat: g,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "warga_aktivasi.html")]
struct HalamanAktivasi {
    b: Bingkai,
    nik: String,
    galat: Option<String>,
}

async fn halaman_aktivasi() -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanAktivasi {
        b: Bingkai::tamu("Aktivasi akun"),
        nik: String::new(),
        galat: None,
    })?
    .into_response())
}

async fn minta_kode(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    let nik = angka_saja(f.get("nik"));
    let ip = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    if nik.len() != 16 {
        let html = tampil(&HalamanAktivasi {
            b: Bingkai::tamu("Aktivasi akun"),
            nik,
            galat: Some("NIK harus 16 angka, seperti tertulis pada KTP atau KK.".into()),
        })?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    if !k.pembatas_publik.boleh(&ip) {
        return Err(GalatWeb::Permintaan(
            "Terlalu banyak permintaan dari perangkat ini. Tunggu satu menit, lalu coba lagi."
                .into(),
        ));
    }
    // Limits per address and per NIK (a few codes a day), so one device cannot spend the
    // village's daily code budget. A refused request gets the same page as any other.
    let dalam_batas = crate::pembatas::dalam_kuota(
        &k.store,
        &[
            (crate::pembatas::KODE_PER_ALAMAT, &ip),
            (crate::pembatas::KODE_PER_NIK, &nik),
        ],
    )
    .await?;
    if dalam_batas {
        // The work (lookup, argon2, queueing) runs after the answer: how long the answer takes
        // says nothing about whether the NIK exists or has a phone number.
        let (store, nik) = (k.store.clone(), nik.clone());
        tokio::spawn(async move {
            if let Err(e) = store.minta_kode_aktivasi(&nik).await {
                tracing::warn!(galat = %e, "kode aktivasi gagal disiapkan");
            }
            store.bangunkan_kurir();
        });
    }
    Ok(tampil(&HalamanKode {
        b: Bingkai::tamu("Masukkan kode aktivasi"),
        nik,
        terkirim: true,
        galat: None,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "warga_kode.html")]
struct HalamanKode {
    b: Bingkai,
    nik: String,
    /// Just asked for a code: say where it went (the NIK stays in the form, never in a URL).
    terkirim: bool,
    galat: Option<String>,
}

async fn halaman_kode() -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanKode {
        b: Bingkai::tamu("Masukkan kode aktivasi"),
        nik: String::new(),
        terkirim: false,
        galat: None,
    })?
    .into_response())
}

async fn kirim_kode(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    let nik = angka_saja(f.get("nik"));
    let ip = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    let gagal = |pesan: String, status: StatusCode| -> Result<Response, GalatWeb> {
        let html = tampil(&HalamanKode {
            b: Bingkai::tamu("Masukkan kode aktivasi"),
            nik: nik.clone(),
            terkirim: false,
            galat: Some(pesan),
        })?;
        Ok((status, html).into_response())
    };
    if let Some(t) = pembatas::coba(&k.store, Pintu::Warga, &nik, &ip).await? {
        return gagal(pesan_tunggu(t), StatusCode::TOO_MANY_REQUESTS);
    }
    let hasil = k
        .store
        .aktifkan_warga(
            &nik,
            &angka_saja(f.get("kode")),
            f.get("pin_baru"),
            f.get("pin_ulang"),
        )
        .await;
    // Counted before the check: only a wrong code keeps the try.
    match &hasil {
        Ok(HasilMasukWarga::Berhasil { .. }) => {
            pembatas::benar(&k.store, Pintu::Warga, &nik, &ip).await?
        }
        Ok(HasilMasukWarga::Gagal) => {}
        _ => pembatas::batal(&k.store, Pintu::Warga, &nik, &ip).await?,
    }
    match hasil {
        Ok(HasilMasukWarga::Berhasil {
            desa_id,
            penduduk_id,
            ..
        }) => {
            mulai_sesi(&k, &desa_id, penduduk_id, "/warga?ok=pin").await
        }
        Ok(HasilMasukWarga::Gagal) => {
            gagal(
                "Kode salah atau sudah kedaluwarsa (kode berlaku 15 menit). Periksa pesan terakhir, atau minta kode baru.".into(),
                StatusCode::UNAUTHORIZED,
            )
        }
        Ok(HasilMasukWarga::Tunggu(t)) => gagal(
            pesan_tunggu(t.to_std().unwrap_or(std::time::Duration::from_secs(60))),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(Galat::Isian(d)) => gagal(
            d.0.first().map(|g| g.pesan.clone()).unwrap_or_default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}
