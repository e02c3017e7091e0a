//! The self-service kiosk (anjungan) at `/anjungan`: a full-screen touch interface for a
//! registered device. Login by NIK + PIN on an on-screen keypad or a scanner that types like a
//! keyboard; request a letter; print it when the type is issued at once, else print a queue
//! ticket; logout after 60 s idle and after each print.

mod kelola;

use super::warga::masuk::{angka_saja, periksa_masuk};
use super::warga::surat::{jenis_daring, jenis_daring_satu, pisah_isian};
use crate::galat::tampil;
use crate::halaman::surat::{BidangSurat, bidang_surat};
use crate::isian::Isian;
use crate::sesi::{baca_cookie, cek_token, cookie_dari};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Form, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::surat::jenis::JenisSurat;
use balai_domain::surat::teks::rupiah;
use balai_store::anjungan::Anjungan;
use balai_store::desa::Desa;
use balai_store::penduduk::Penduduk;
use balai_store::surat::{Penandatangan, Permohonan, Surat, TerbitkanSurat};
use balai_store::warga::akun::SesiWarga;
use balai_store::{Aktor, Galat};
use chrono::Duration;
use uuid::Uuid;

/// The device token cookie set when an admin registers this browser as a kiosk.
pub const COOKIE_PERANGKAT: &str = "balai_anjungan";
/// The resident's session on the kiosk.
const COOKIE_KIOS: &str = "balai_kios";
/// Idle time after which the kiosk page logs the resident out. Typing into a form does not reach
/// the server, so the server's own expiry is longer: it only ends sessions of closed pages.
const DIAM_DETIK: i64 = 60;
const SESI_SERVER_DETIK: i64 = 300;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/anjungan", get(layar_tunggu))
        .route("/anjungan/masuk", get(halaman_masuk).post(kirim_masuk))
        .route("/anjungan/keluar", post(keluar))
        .route("/anjungan/menu", get(menu))
        .route("/anjungan/surat", get(pilih_jenis))
        .route("/anjungan/surat/{jenis}", get(form).post(kirim))
        .route("/anjungan/tiket/{id}", get(tiket))
        .route("/anjungan/cetak/{id}", get(cetak))
        .route("/anjungan/cetak/{id}/pdf", get(cetak_pdf))
        .route("/aset/anjungan.js", get(js))
        .route("/aset/anjungan.css", get(css))
        .merge(kelola::rute())
        // A kiosk is shared: going back after a logout must not show the last resident's pages.
        .layer(
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            ),
        )
}

/// Keeps a kiosk browser inside the kiosk: any other page of the app leads back to it.
pub async fn jaga_anjungan(State(k): State<Bersama>, req: Request, next: Next) -> Response {
    let jalur = req.uri().path();
    let bebas = jalur.starts_with("/anjungan")
        || jalur.starts_with("/aset/")
        || jalur == "/healthz"
        || jalur == "/favicon.ico";
    if !bebas && let Some(token) = cookie_dari(req.headers(), COOKIE_PERANGKAT) {
        match k.store.token_anjungan_dikenal(token).await {
            Ok(true) => return Redirect::to("/anjungan").into_response(),
            Ok(false) => {}
            Err(e) => return GalatWeb::from(e).into_response(),
        }
    }
    next.run(req).await
}

/// A registered kiosk device.
pub struct Perangkat {
    pub a: Anjungan,
    pub desa: Desa,
}

impl FromRequestParts<Bersama> for Perangkat {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let galat = |e: Galat| GalatWeb::from(e).into_response();
        let a = match baca_cookie(parts, COOKIE_PERANGKAT) {
            Some(t) => k.store.anjungan_by_token(t).await.map_err(galat)?,
            None => None,
        };
        let Some(a) = a else {
            let semua = k.store.daftar_desa("").await.map_err(galat)?;
            let nama_desa = (semua.len() == 1).then(|| semua[0].nama.clone());
            let html = tampil(&HalamanBelumTerdaftar { nama_desa })
                .map_err(IntoResponse::into_response)?;
            return Err((StatusCode::FORBIDDEN, html).into_response());
        };
        let desa = k
            .store
            .desa(&a.desa_id)
            .await
            .map_err(galat)?
            .ok_or_else(|| GalatWeb::TidakDitemukan.into_response())?;
        Ok(Perangkat { a, desa })
    }
}

#[derive(Template)]
#[template(path = "anjungan_belum.html")]
struct HalamanBelumTerdaftar {
    /// The village, when the install serves only one.
    nama_desa: Option<String>,
}

/// A resident logged in at a kiosk.
pub struct WargaKios {
    pub alat: Perangkat,
    pub sesi: SesiWarga,
    pub token: String,
    pub penduduk: Penduduk,
}

impl WargaKios {
    fn aktor(&self) -> Aktor {
        Aktor::warga(self.penduduk.id)
    }
    fn bingkai(&self, judul: impl Into<String>) -> BingkaiKios {
        BingkaiKios {
            judul: judul.into(),
            nama_desa: self.alat.desa.nama.clone(),
            nama_warga: self.penduduk.nama.clone(),
            csrf: self.sesi.csrf.clone(),
            diam_detik: DIAM_DETIK,
        }
    }
}

impl FromRequestParts<Bersama> for WargaKios {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, k: &Bersama) -> Result<Self, Self::Rejection> {
        let alat = Perangkat::from_request_parts(parts, k).await?;
        let ke_awal = || Redirect::to("/anjungan").into_response();
        let Some(token) = baca_cookie(parts, COOKIE_KIOS) else {
            return Err(ke_awal());
        };
        // Each request keeps the session alive for the idle time (plus a margin for slow pages).
        let sesi = match k
            .store
            .sesi_warga(token, Some(Duration::seconds(SESI_SERVER_DETIK)))
            .await
        {
            Ok(Some(s)) if s.kanal == "anjungan" && s.desa_id == alat.a.desa_id => s,
            Ok(_) => return Err(ke_awal()),
            Err(e) => return Err(GalatWeb::from(e).into_response()),
        };
        let penduduk = match k.store.penduduk(&sesi.desa_id, sesi.penduduk_id).await {
            Ok(Some(p)) => p,
            Ok(None) => return Err(ke_awal()),
            Err(e) => return Err(GalatWeb::from(e).into_response()),
        };
        Ok(WargaKios {
            alat,
            sesi,
            token: token.to_string(),
            penduduk,
        })
    }
}

pub struct BingkaiKios {
    pub judul: String,
    pub nama_desa: String,
    /// Empty on the pages before login.
    pub nama_warga: String,
    pub csrf: String,
    pub diam_detik: i64,
}

impl BingkaiKios {
    fn tamu(judul: &str, desa: &Desa) -> BingkaiKios {
        BingkaiKios {
            judul: judul.into(),
            nama_desa: desa.nama.clone(),
            nama_warga: String::new(),
            csrf: String::new(),
            diam_detik: DIAM_DETIK,
        }
    }
}

fn cookie_kios(token: &str, aman: bool, umur: i64) -> String {
    format!(
        "{COOKIE_KIOS}={token}; Path=/anjungan; HttpOnly; SameSite=Strict; Max-Age={umur}{}",
        if aman { "; Secure" } else { "" }
    )
}

pub struct Layanan {
    pub nama: String,
    pub persyaratan: String,
    pub waktu: String,
    pub biaya: String,
}

fn waktu_layanan(menit: u32) -> String {
    if menit < 60 {
        format!("{menit} menit")
    } else if menit < 24 * 60 {
        format!("{} jam", menit.div_ceil(60))
    } else {
        format!("{} hari kerja", menit.div_ceil(24 * 60))
    }
}

#[derive(Template)]
#[template(path = "anjungan_tunggu.html")]
struct LayarTunggu {
    b: BingkaiKios,
    pengumuman: String,
    layanan: Vec<Layanan>,
}

async fn layar_tunggu(State(k): State<Bersama>, alat: Perangkat) -> Result<Response, GalatWeb> {
    let layanan = k
        .store
        .daftar_jenis_surat(&alat.desa.desa_id)
        .await?
        .into_iter()
        .filter(|j| j.aktif)
        .map(|j| Layanan {
            persyaratan: j.jenis.persyaratan.join("; "),
            waktu: waktu_layanan(j.jenis.waktu_layanan_menit),
            biaya: rupiah(j.jenis.biaya),
            nama: j.jenis.nama,
        })
        .collect();
    Ok(tampil(&LayarTunggu {
        b: BingkaiKios::tamu("Selamat datang", &alat.desa),
        pengumuman: alat.a.pengumuman.clone(),
        layanan,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "anjungan_masuk.html")]
struct HalamanMasuk {
    b: BingkaiKios,
    nik: String,
    galat: Option<String>,
}

async fn halaman_masuk(alat: Perangkat) -> Result<Response, GalatWeb> {
    Ok(tampil(&HalamanMasuk {
        b: BingkaiKios::tamu("Masuk", &alat.desa),
        nik: String::new(),
        galat: None,
    })?
    .into_response())
}

async fn kirim_masuk(
    State(k): State<Bersama>,
    alat: Perangkat,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    let nik = angka_saja(f.get("nik"));
    let pin = angka_saja(f.get("pin"));
    // Everyone at a kiosk shares its address: the per-client limit counts per device instead.
    let klien = format!("anjungan:{}", alat.a.id);
    if nik.len() == 16 && pin.is_empty() {
        // Sent before the PIN was typed: the NIK just typed stays, and nothing is counted.
        let html = tampil(&HalamanMasuk {
            b: BingkaiKios::tamu("Masuk", &alat.desa),
            nik,
            galat: Some("Ketik PIN Anda (6 angka), lalu tekan Masuk.".into()),
        })?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    match periksa_masuk(&k, &klien, &nik, &pin).await? {
        Ok((desa_id, penduduk_id, wajib)) if desa_id == alat.desa.desa_id => {
            if wajib {
                let html = tampil(&HalamanMasuk {
                    b: BingkaiKios::tamu("Masuk", &alat.desa),
                    nik: String::new(),
                    galat: Some("PIN Anda masih PIN sementara dari petugas. Buat PIN sendiri lebih dahulu di layanan mandiri (ponsel), atau minta bantuan petugas.".into()),
                })?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
            }
            let (token, _) = k
                .store
                .buat_sesi_warga(
                    &desa_id,
                    penduduk_id,
                    "anjungan",
                    Duration::seconds(SESI_SERVER_DETIK),
                )
                .await?;
            Ok((
                [(
                    header::SET_COOKIE,
                    cookie_kios(&token, k.cookie_aman, SESI_SERVER_DETIK),
                )],
                Redirect::to("/anjungan/menu"),
            )
                .into_response())
        }
        Ok(_) => {
            let html = tampil(&HalamanMasuk {
                b: BingkaiKios::tamu("Masuk", &alat.desa),
                nik: String::new(),
                galat: Some("Anjungan ini hanya melayani penduduk desa ini.".into()),
            })?;
            Ok((StatusCode::UNAUTHORIZED, html).into_response())
        }
        Err(pesan) => {
            // A NIK is never left on a public screen.
            let html = tampil(&HalamanMasuk {
                b: BingkaiKios::tamu("Masuk", &alat.desa),
                nik: String::new(),
                galat: Some(pesan),
            })?;
            Ok((StatusCode::UNAUTHORIZED, html).into_response())
        }
    }
}

async fn keluar(
    State(k): State<Bersama>,
    _alat: Perangkat,
    headers: axum::http::HeaderMap,
) -> Result<Response, GalatWeb> {
    // No CSRF check: logging out is harmless, and the idle timer must always be able to do it.
    if let Some(t) = cookie_dari(&headers, COOKIE_KIOS) {
        k.store.hapus_sesi_warga(t).await?;
    }
    Ok((
        [(header::SET_COOKIE, cookie_kios("", k.cookie_aman, 0))],
        Redirect::to("/anjungan"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "anjungan_menu.html")]
struct HalamanMenu {
    b: BingkaiKios,
    surat: Vec<Surat>,
    /// Civil registration applications of the resident (or about them), to follow here.
    dokumen: Vec<balai_store::adminduk::Permohonan>,
}

async fn menu(State(k): State<Bersama>, w: WargaKios) -> Result<Response, GalatWeb> {
    let surat = k
        .store
        .surat_warga(&w.sesi.desa_id, w.penduduk.id)
        .await?
        .into_iter()
        .take(5)
        .collect();
    let dokumen = k
        .store
        .adminduk()
        .milik(&w.sesi.desa_id, w.penduduk.id)
        .await?
        .into_iter()
        .take(5)
        .collect();
    Ok(tampil(&HalamanMenu {
        b: w.bingkai("Menu"),
        surat,
        dokumen,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "anjungan_jenis.html")]
struct HalamanJenis {
    b: BingkaiKios,
    jenis: Vec<JenisSurat>,
}

async fn pilih_jenis(State(k): State<Bersama>, w: WargaKios) -> Result<Response, GalatWeb> {
    let jenis = jenis_daring(&k, &w.sesi.desa_id).await?;
    Ok(tampil(&HalamanJenis {
        b: w.bingkai("Pilih surat"),
        jenis,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "anjungan_form.html")]
struct HalamanForm {
    b: BingkaiKios,
    j: JenisSurat,
    biaya: String,
    bidang: Vec<BidangSurat>,
    galat_umum: Option<String>,
}

async fn jenis_atau_404(k: &Bersama, w: &WargaKios, kode: &str) -> Result<JenisSurat, GalatWeb> {
    jenis_daring_satu(k, &w.sesi.desa_id, kode).await
}

fn tampil_form(
    w: &WargaKios,
    j: JenisSurat,
    f: &Isian,
    g: &DaftarGalat,
    umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let html = tampil(&HalamanForm {
        b: w.bingkai(j.nama.clone()),
        biaya: rupiah(j.biaya),
        bidang: bidang_surat(&j, f, g),
        j,
        galat_umum: umum,
    })?;
    Ok((status, html).into_response())
}

async fn form(
    State(k): State<Bersama>,
    w: WargaKios,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let j = jenis_atau_404(&k, &w, &kode).await?;
    tampil_form(
        &w,
        j,
        &Isian::default(),
        &DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

async fn kirim(
    State(k): State<Bersama>,
    w: WargaKios,
    Path(kode): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    cek_token(f.get("_csrf"), &w.sesi.csrf)?;
    let j = jenis_atau_404(&k, &w, &kode).await?;
    let d = w.sesi.desa_id.clone();
    let kepala = w.alat.desa.kepala_desa.trim().to_uppercase();
    let langsung = j.terbit_langsung && !kepala.is_empty();
    let (isian, orang) = pisah_isian(&f);
    let permohonan = Permohonan {
        jenis_kode: j.kode.clone(),
        penduduk_id: w.penduduk.id,
        isian,
        orang,
        kanal: "anjungan".into(),
        kertas: String::new(),
        langsung_diperiksa: langsung,
        pengganti_dari: None,
    };
    let id = match k.store.ajukan_surat(&d, &permohonan, &w.aktor()).await {
        Ok(id) => id,
        Err(Galat::Isian(g)) => {
            return tampil_form(&w, j, &f, &g, None, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(Galat::Ditolak(p)) => {
            return tampil_form(
                &w,
                j,
                &f,
                &DaftarGalat::default(),
                Some(p),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
        Err(e) => return Err(e.into()),
    };
    if langsung {
        let url = k.url_publik.clone();
        let t = TerbitkanSurat {
            penanda: Penandatangan {
                nama: kepala,
                jabatan: format!("Kepala Desa {}", w.alat.desa.nama),
                atas_nama: String::new(),
            },
            url_dasar: &url,
            versi: None,
        };
        let k2 = k.clone();
        let aktor = Aktor(format!("anjungan:{}", w.alat.a.id));
        k.store
            .terbitkan_surat(&d, id, &t, &aktor, move |b| k2.pencetak.surat(b))
            .await?;
        k.store.bangunkan_kurir();
        return Ok(Redirect::to(&format!("/anjungan/cetak/{id}")).into_response());
    }
    k.store.bangunkan_kurir();
    Ok(Redirect::to(&format!("/anjungan/tiket/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "anjungan_tiket.html")]
struct HalamanTiket {
    b: BingkaiKios,
    s: Surat,
    antrean: String,
    waktu: String,
    target: String,
}

async fn surat_kios(k: &Bersama, w: &WargaKios, id: Uuid) -> Result<Surat, GalatWeb> {
    Ok(k.store
        .surat_milik_warga(&w.sesi.desa_id, w.penduduk.id, id)
        .await?)
}

async fn tiket(
    State(k): State<Bersama>,
    w: WargaKios,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let s = surat_kios(&k, &w, id).await?;
    // The queue number: this request's place among the kiosk's requests of that day.
    let zona = w.alat.desa.zona().offset();
    let hari = s.diajukan_pada.with_timezone(&zona).date_naive();
    let mulai = hari
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(zona).single())
        .map(|t| t.to_utc())
        .unwrap_or(s.diajukan_pada);
    let nomor = k
        .store
        .nomor_antrean(&w.sesi.desa_id, s.id, mulai, mulai + Duration::days(1))
        .await?;
    let target = k
        .store
        .jenis_surat(&w.sesi.desa_id, &s.jenis_kode)
        .await?
        .map(|j| waktu_layanan(j.jenis.waktu_layanan_menit))
        .unwrap_or_default();
    let html = tampil(&HalamanTiket {
        b: w.bingkai("Nomor antrean"),
        antrean: format!("A-{nomor:03}"),
        waktu: crate::kerangka::waktu_zona(&s.diajukan_pada, w.alat.desa.zona()),
        target,
        s,
    })?;
    // The ticket is the end of the visit: the session ends now, whatever the page does.
    k.store.hapus_sesi_warga(&w.token).await?;
    Ok((
        [(header::SET_COOKIE, cookie_kios("", k.cookie_aman, 0))],
        html,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "anjungan_cetak.html")]
struct HalamanCetak {
    b: BingkaiKios,
    s: Surat,
}

async fn cetak(
    State(k): State<Bersama>,
    w: WargaKios,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let s = surat_kios(&k, &w, id).await?;
    if s.nomor.is_none() {
        return Err(GalatWeb::TidakDitemukan);
    }
    Ok(tampil(&HalamanCetak {
        b: w.bingkai("Cetak surat"),
        s,
    })?
    .into_response())
}

async fn cetak_pdf(
    State(k): State<Bersama>,
    w: WargaKios,
    Path(id): Path<Uuid>,
) -> Result<Response, GalatWeb> {
    let s = surat_kios(&k, &w, id).await?;
    let (_, isi) = k.store.pdf_surat(&w.sesi.desa_id, s.id).await?;
    // Once the letter is in the print frame, the visit is over on the server too.
    k.store.hapus_sesi_warga(&w.token).await?;
    // Shown inside the print page, never cached on the shared device.
    Ok(crate::unduhan::pdf_dalam_bingkai(isi, "inline"))
}

async fn js() -> impl IntoResponse {
    crate::aset(
        crate::JS,
        include_str!("../../../aset/anjungan.js"),
        crate::SEHARI,
    )
}

async fn css() -> impl IntoResponse {
    crate::aset(
        crate::CSS,
        include_str!("../../../aset/anjungan.css"),
        crate::SEHARI,
    )
}
