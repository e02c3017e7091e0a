//! Logging in and out, and changing the password.

use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::pembatas::{self, Pintu};
use crate::sesi::{Masuk, cookie_sesi};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_store::Galat;
use chrono::Duration;
use std::net::SocketAddr;

const UMUR_SESI_JAM: i64 = 12;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/masuk", get(halaman_masuk).post(kirim_masuk))
        .route("/keluar", axum::routing::post(keluar))
        .route("/ganti-sandi", get(halaman_ganti).post(kirim_ganti))
}

/// The login form's CSRF token, also in this cookie (double submit): another site cannot read
/// it, so it cannot log a victim in to the attacker's account.
const COOKIE_MASUK: &str = "balai_masuk";
/// Longer user names do not exist; a longer one is not echoed back into the form.
const PANJANG_USERNAME: usize = 64;

#[derive(Template)]
#[template(path = "masuk.html")]
struct HalamanMasuk {
    username: String,
    galat: Option<String>,
    csrf: String,
}

/// The form with a fresh token, and the cookie that carries it.
fn formulir(
    k: &Bersama,
    status: axum::http::StatusCode,
    username: &str,
    galat: Option<String>,
) -> Result<Response, GalatWeb> {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    let csrf = hex::encode(b);
    let html = tampil(&HalamanMasuk {
        username: username.chars().take(PANJANG_USERNAME).collect(),
        galat,
        csrf: csrf.clone(),
    })?;
    let cookie = format!(
        "{COOKIE_MASUK}={csrf}; Path=/masuk; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        if k.cookie_aman { "; Secure" } else { "" }
    );
    Ok((
        status,
        [
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        html,
    )
        .into_response())
}

async fn halaman_masuk(State(k): State<Bersama>) -> Result<Response, GalatWeb> {
    // Nobody logs in to a practice village: this answer takes the browser back to the real one.
    if k.desa_latihan().is_some() {
        return Ok(Redirect::to("/masuk").into_response());
    }
    // A fresh install has no account to log in with: its first visit goes to the wizard.
    if k.kode_penyiapan.is_some() && k.store.perlu_penyiapan().await? {
        return Ok(Redirect::to("/penyiapan").into_response());
    }
    formulir(&k, axum::http::StatusCode::OK, "", None)
}

async fn kirim_masuk(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    if k.desa_latihan().is_some() {
        return Ok(Redirect::to("/masuk").into_response());
    }
    let f = Isian(f);
    let username = f.get("username").trim().to_lowercase();
    let ip = alamat_klien(&k, alamat, &headers);
    let gagal = |pesan: String| -> Result<Response, GalatWeb> {
        formulir(
            &k,
            axum::http::StatusCode::UNAUTHORIZED,
            &username,
            Some(pesan),
        )
    };
    let token = crate::sesi::cookie_dari(&headers, COOKIE_MASUK).unwrap_or("");
    if token.is_empty() || crate::sesi::cek_token(f.get("_csrf"), token).is_err() {
        return formulir(
            &k,
            axum::http::StatusCode::FORBIDDEN,
            &username,
            Some("Halaman masuk sudah kedaluwarsa atau dibuka dari situs lain. Isi sekali lagi, lalu tekan Masuk.".into()),
        );
    }
    if username.chars().count() > PANJANG_USERNAME {
        return gagal(format!(
            "Nama pengguna paling panjang {PANJANG_USERNAME} karakter."
        ));
    }
    if let Some(t) = pembatas::coba(&k.store, Pintu::Staf, &username, &ip).await? {
        return gagal(pesan_tunggu(
            "Terlalu banyak percobaan masuk yang gagal.",
            t,
        ));
    }
    let Some(p) = k.store.cek_login(&username, f.get("password")).await? else {
        tracing::info!("login gagal");
        return gagal(
            "Nama pengguna atau kata sandi salah, atau akun dinonaktifkan. Periksa huruf besar/kecil dan coba lagi.".into(),
        );
    };
    pembatas::benar(&k.store, Pintu::Staf, &username, &ip).await?;
    let (token, _csrf) = k
        .store
        .buat_sesi(p.id, Duration::hours(UMUR_SESI_JAM))
        .await?;
    let tujuan = if p.wajib_ganti_sandi {
        "/ganti-sandi".to_string()
    } else {
        beranda(&p)
    };
    Ok((
        [(
            header::SET_COOKIE,
            cookie_sesi(&token, k.cookie_aman, UMUR_SESI_JAM * 3600),
        )],
        Redirect::to(&tujuan),
    )
        .into_response())
}

/// Where a user starts: Dukcapil, the Dinas Sosial and cadres see only their own work.
fn beranda(u: &balai_store::pengguna::Pengguna) -> String {
    use balai_store::pengguna::Peran;
    match (u.peran(), u.posyandu_kader()) {
        (Peran::Dukcapil, _) => "/adminduk".into(),
        (Peran::Dinsos, _) => "/santunan".into(),
        (Peran::Kader, Some(pos)) => {
            format!(
                "/desa/{}/kesehatan/{pos}",
                u.desa_id.as_deref().unwrap_or("")
            )
        }
        _ => "/admin".into(),
    }
}

/// "Too many failures. Wait N minutes/seconds, then try again."
fn pesan_tunggu(awal: &str, t: std::time::Duration) -> String {
    let detik = t.as_secs().max(1);
    let lama = if detik >= 7200 {
        format!("{} jam", detik.div_ceil(3600))
    } else if detik >= 120 {
        format!("{} menit", detik.div_ceil(60))
    } else {
        format!("{detik} detik")
    };
    format!(
        "{awal} Tunggu {lama}, lalu coba lagi. Bila Anda lupa kata sandi, minta admin desa mengaturnya ulang."
    )
}

/// The client's address for the rate limit.
fn alamat_klien(k: &Bersama, alamat: SocketAddr, headers: &axum::http::HeaderMap) -> String {
    crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, headers)
}

async fn keluar(State(k): State<Bersama>, kir: Kiriman) -> Result<Response, GalatWeb> {
    k.store.hapus_sesi(&kir.m.token).await?;
    Ok((
        [
            (
                header::SET_COOKIE,
                format!(
                    "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
                    k.cookie_sesi()
                ),
            ),
            // What the browser kept of staff pages (the posyandu pages a cadre's phone keeps
            // for days without signal, their queue) goes with the session.
            (
                header::HeaderName::from_static("clear-site-data"),
                "\"cache\", \"storage\"".to_string(),
            ),
        ],
        Redirect::to("/masuk"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "ganti_sandi.html")]
struct HalamanGanti {
    k: Kerangka,
    wajib: bool,
    galat: Option<String>,
}

async fn halaman_ganti(m: Masuk) -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanGanti {
        wajib: m.pengguna.wajib_ganti_sandi,
        k: Kerangka::baru(&m, None, "", "Ganti kata sandi"),
        galat: None,
    })?
    .into_response())
}

async fn kirim_ganti(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let f = &kir.isian;
    let ip = alamat_klien(&k, alamat, &headers);
    let halaman = |galat: String| -> Result<Response, GalatWeb> {
        let html = tampil(&HalamanGanti {
            wajib: m.pengguna.wajib_ganti_sandi,
            k: Kerangka::baru(m, None, "", "Ganti kata sandi"),
            galat: Some(galat),
        })?;
        Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
    };
    // The current password is guessed here as on the login form: the same limiter, so a
    // stolen session cannot try passwords without limit.
    let akun = &m.pengguna.username;
    if let Some(t) = pembatas::coba(&k.store, Pintu::Staf, akun, &ip).await? {
        return halaman(pesan_tunggu(
            "Terlalu banyak percobaan kata sandi yang salah.",
            t,
        ));
    }
    let hasil = k
        .store
        .ganti_sandi(
            m.pengguna.id,
            &m.token,
            f.get("sandi_lama"),
            f.get("sandi_baru"),
            f.get("sandi_ulang"),
        )
        .await;
    // The try was counted before the check: only a wrong current password keeps it.
    let salah_lama = matches!(&hasil, Err(Galat::Isian(d)) if d.untuk("lama").is_some());
    if hasil.is_ok() {
        pembatas::benar(&k.store, Pintu::Staf, akun, &ip).await?;
    } else if !salah_lama {
        pembatas::batal(&k.store, Pintu::Staf, akun, &ip).await?;
    }
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!("{}?ok=sandi", beranda(&m.pengguna))).into_response()),
        Err(Galat::Isian(d)) => halaman(d.0.first().map(|g| g.pesan.clone()).unwrap_or_default()),
        Err(e) => Err(e.into()),
    }
}
