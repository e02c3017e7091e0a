//! Check-in and check-out of the village's officials: at the office kiosk (`/anjungan/hadir`,
//! a registered kiosk device; the official picks their name and types their PIN), or by phone
//! (`/hadir/{kode}`: name, PIN, and the position the browser sends, compared with the office's).
//! The phone page also takes leave, duty travel and sick requests. Failed PINs are counted per
//! person and per device or address (`pembatas`), like residents' PINs.

use super::super::anjungan::{BingkaiKios, Perangkat};
use super::super::warga::masuk::{angka_saja, pesan_tunggu};
use crate::galat::tampil;
use crate::isian::{Isian, desimal, tanggal};
use crate::pembatas::{self, Pintu};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::Aktor;
use balai_store::perangkat::JabatanOrang;
use balai_store::perangkat::kehadiran::{Cara, HasilAbsen, IsianIzin};
use std::net::SocketAddr;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/anjungan/hadir", get(kios).post(kios_kirim))
        .route("/hadir/{kode}", get(ponsel).post(ponsel_kirim))
        .route("/hadir/{kode}/izin", axum::routing::post(ponsel_izin))
        .route("/aset/hadir.js", get(js))
}

async fn js() -> impl IntoResponse {
    crate::aset(
        crate::JS,
        include_str!("../../../aset/hadir.js"),
        crate::SEHARI,
    )
}

/// Checks the PIN of `perangkat_id` in `desa_id` with the failure limits: `Ok(())` when right,
/// else the message to show.
async fn cek_pin(
    k: &Bersama,
    klien: &str,
    desa_id: &str,
    perangkat_id: Uuid,
    pin: &str,
) -> Result<Result<(), String>, GalatWeb> {
    if pin.is_empty() {
        return Ok(Err("Ketik PIN absen Anda (6 angka).".into()));
    }
    let akun = format!("perangkat:{desa_id}:{perangkat_id}");
    if let Some(t) = pembatas::coba(&k.store, Pintu::Warga, &akun, klien).await? {
        return Ok(Err(pesan_tunggu(t)));
    }
    if k.store
        .perangkat()
        .cocok_pin(desa_id, perangkat_id, pin)
        .await?
    {
        pembatas::benar(&k.store, Pintu::Warga, &akun, klien).await?;
        Ok(Ok(()))
    } else {
        Ok(Err(
            "Nama atau PIN tidak cocok. Periksa lagi; bila lupa PIN, minta PIN baru kepada operator desa."
                .into(),
        ))
    }
}

fn pesan_hasil(h: &HasilAbsen) -> (bool, String) {
    let jenis = if h.masuk { "masuk" } else { "pulang" };
    if h.ditolak {
        return (
            false,
            format!(
                "Absen {jenis} {} DITOLAK: {}. Percobaan ini dicatat dan tampil di rekap kehadiran.",
                h.nama,
                h.uraian_tanda()
            ),
        );
    }
    let mut p = format!("Absen {jenis} {} tercatat pukul {}.", h.nama, h.jam);
    if h.terlambat {
        p.push_str(" Tercatat terlambat.");
    }
    if !h.tanda.is_empty() {
        p.push_str(&format!(
            " Catatan diberi tanda: {}; tanda ini tampil di rekap kehadiran.",
            h.uraian_tanda()
        ));
    }
    (h.tanda.is_empty(), p)
}

// ---------------------------------------------------------------------------------------------
// The kiosk

#[derive(Template)]
#[template(path = "anjungan_hadir.html")]
struct Kios {
    b: BingkaiKios,
    staf: Vec<JabatanOrang>,
    desa_id: String,
    pesan: Option<(bool, String)>,
}

async fn kios_halaman(
    k: &Bersama,
    alat: &Perangkat,
    pesan: Option<(bool, String)>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let staf = k
        .store
        .perangkat()
        .perangkat_aktif(&alat.desa.desa_id)
        .await?;
    let b = BingkaiKios {
        judul: "Absen perangkat desa".into(),
        nama_desa: alat.desa.nama.clone(),
        nama_warga: String::new(),
        csrf: String::new(),
        diam_detik: 60,
    };
    let html = tampil(&Kios {
        b,
        staf,
        desa_id: alat.desa.desa_id.clone(),
        pesan,
    })?;
    Ok((status, html).into_response())
}

async fn kios(State(k): State<Bersama>, alat: Perangkat) -> Result<Response, GalatWeb> {
    kios_halaman(&k, &alat, None, StatusCode::OK).await
}

async fn kios_kirim(
    State(k): State<Bersama>,
    alat: Perangkat,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    // The official's village: the kiosk's own, unless the form names another (a kiosk moved
    // between villages, or a forged form): then the attempt is refused and kept.
    let desa_id = match f.get("desa").trim() {
        "" => alat.desa.desa_id.clone(),
        d => d.to_string(),
    };
    let Ok(pid) = f.get("perangkat_id").parse::<Uuid>() else {
        return kios_halaman(
            &k,
            &alat,
            Some((false, "Pilih nama Anda lebih dahulu.".into())),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let klien = format!("anjungan:{}", alat.a.id);
    if let Err(p) = cek_pin(&k, &klien, &desa_id, pid, &angka_saja(f.get("pin"))).await? {
        return kios_halaman(&k, &alat, Some((false, p)), StatusCode::UNAUTHORIZED).await;
    }
    let masuk = f.get("jenis") != "pulang";
    let aktor = Aktor(format!("perangkat:{pid}"));
    match k
        .store
        .kehadiran()
        .absen(&desa_id, pid, masuk, Cara::Anjungan(&alat.a), &aktor)
        .await
    {
        Ok(h) => {
            let status = if h.ditolak {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::OK
            };
            kios_halaman(&k, &alat, Some(pesan_hasil(&h)), status).await
        }
        Err(balai_store::Galat::Ditolak(p)) => {
            kios_halaman(
                &k,
                &alat,
                Some((false, p)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// The phone

#[derive(Template)]
#[template(path = "hadir.html")]
struct Ponsel {
    desa: balai_store::desa::Desa,
    staf: Vec<JabatanOrang>,
    ada_lokasi: bool,
    pesan: Option<(bool, String)>,
    f: Isian,
}

impl Ponsel {
    fn terpilih(&self, id: &Uuid) -> bool {
        self.f.get("perangkat_id") == id.to_string()
    }
}

async fn ponsel_halaman(
    k: &Bersama,
    kode: &str,
    pesan: Option<(bool, String)>,
    f: Isian,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let desa = k.store.desa(kode).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let staf = k.store.perangkat().perangkat_aktif(kode).await?;
    let ada_lokasi = k.store.kehadiran().aturan(kode).await?.ada_lokasi();
    let html = tampil(&Ponsel {
        desa,
        staf,
        ada_lokasi,
        pesan,
        f,
    })?;
    Ok((status, html).into_response())
}

async fn ponsel(State(k): State<Bersama>, Path(kode): Path<String>) -> Result<Response, GalatWeb> {
    ponsel_halaman(&k, &kode, None, Isian::default(), StatusCode::OK).await
}

/// The form's person and PIN, checked; else the page with the message.
async fn orang_dan_pin(
    k: &Bersama,
    kode: &str,
    f: &Isian,
    alamat: SocketAddr,
    headers: &HeaderMap,
) -> Result<Result<Uuid, (String, StatusCode)>, GalatWeb> {
    let Ok(pid) = f.get("perangkat_id").parse::<Uuid>() else {
        return Ok(Err((
            "Pilih nama Anda lebih dahulu.".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )));
    };
    let ip = pembatas::alamat_klien(k.proxy_tepercaya, alamat, headers);
    match cek_pin(k, &ip, kode, pid, &angka_saja(f.get("pin"))).await? {
        Ok(()) => Ok(Ok(pid)),
        Err(p) => Ok(Err((p, StatusCode::UNAUTHORIZED))),
    }
}

async fn ponsel_kirim(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    k.store.desa(&kode).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let pid = match orang_dan_pin(&k, &kode, &f, alamat, &headers).await? {
        Ok(p) => p,
        Err((p, s)) => return ponsel_halaman(&k, &kode, Some((false, p)), f, s).await,
    };
    let posisi = match (desimal(f.get("lintang")), desimal(f.get("bujur"))) {
        (Ok(Some(l)), Ok(Some(b))) => Some((l, b)),
        _ => None,
    };
    let masuk = f.get("jenis") != "pulang";
    let aktor = Aktor(format!("perangkat:{pid}"));
    let f_bersih = Isian(vec![("perangkat_id".into(), pid.to_string())]);
    match k
        .store
        .kehadiran()
        .absen(&kode, pid, masuk, Cara::Ponsel(posisi), &aktor)
        .await
    {
        Ok(h) => ponsel_halaman(&k, &kode, Some(pesan_hasil(&h)), f_bersih, StatusCode::OK).await,
        Err(balai_store::Galat::Ditolak(p)) => {
            ponsel_halaman(
                &k,
                &kode,
                Some((false, p)),
                f_bersih,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn ponsel_izin(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(f);
    k.store.desa(&kode).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let pid = match orang_dan_pin(&k, &kode, &f, alamat, &headers).await? {
        Ok(p) => p,
        Err((p, s)) => return ponsel_halaman(&k, &kode, Some((false, p)), f, s).await,
    };
    let isi = IsianIzin {
        perangkat_id: Some(pid),
        jenis: f.get("jenis_izin").into(),
        mulai: tanggal(f.get("mulai")),
        selesai: tanggal(f.get("selesai")),
        alasan: f.get("alasan").into(),
    };
    let aktor = Aktor(format!("perangkat:{pid}"));
    match k.store.kehadiran().ajukan_izin(&kode, &isi, &aktor).await {
        Ok(_) => {
            ponsel_halaman(
                &k,
                &kode,
                Some((
                    true,
                    "Pengajuan Anda tercatat dan menunggu keputusan kepala desa.".into(),
                )),
                Isian(vec![("perangkat_id".into(), pid.to_string())]),
                StatusCode::OK,
            )
            .await
        }
        Err(balai_store::Galat::Isian(g)) => {
            let p =
                g.0.iter()
                    .map(|e| e.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" ");
            let mut f = f;
            f.0.retain(|(k, _)| k != "pin");
            ponsel_halaman(
                &k,
                &kode,
                Some((false, p)),
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(balai_store::Galat::Ditolak(p)) => {
            let mut f = f;
            f.0.retain(|(k, _)| k != "pin");
            ponsel_halaman(
                &k,
                &kode,
                Some((false, p)),
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
