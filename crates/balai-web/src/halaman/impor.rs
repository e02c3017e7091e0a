//! Import with preview and row report (export is `ekspor.rs`).

use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::impor::{FormatImpor, LaporanImpor, OpsiImpor};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/impor", get(halaman).post(periksa))
        .route("/desa/{kode}/impor/terapkan", post(terapkan))
}

#[derive(Template)]
#[template(path = "impor.html")]
struct HalamanImpor {
    k: Kerangka,
    format: &'static str,
    nama_berkas: String,
    laporan: Option<LaporanImpor>,
    galat_berkas: Option<String>,
    /// Token to apply a clean preview.
    token: Option<String>,
}

fn kode_format(f: FormatImpor) -> &'static str {
    match f {
        FormatImpor::OpenSid => "opensid",
        FormatImpor::Siak => "siak",
    }
}

fn tampil_impor(m: &Masuk, desa: &Desa, h: HalamanImpor2) -> Result<Response, GalatWeb> {
    let status =
        if h.galat_berkas.is_some() || h.laporan.as_ref().is_some_and(|l| !l.galat.is_empty()) {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
    let html = tampil(&HalamanImpor {
        k: Kerangka::baru(m, Some(desa), "impor", "Impor dan ekspor data penduduk"),
        format: h.format,
        nama_berkas: h.nama_berkas,
        laporan: h.laporan,
        galat_berkas: h.galat_berkas,
        token: h.token,
    })?;
    Ok((status, html).into_response())
}

#[derive(Default)]
struct HalamanImpor2 {
    format: &'static str,
    nama_berkas: String,
    laporan: Option<LaporanImpor>,
    galat_berkas: Option<String>,
    token: Option<String>,
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    tampil_impor(
        &m,
        &desa,
        HalamanImpor2 {
            format: "opensid",
            ..Default::default()
        },
    )
}

/// Reads the upload, runs the import as a dry run and shows the report.
async fn periksa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau lebih besar dari 20 MB; coba lagi dengan berkas yang lebih kecil.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let format = if f.get("format") == "siak" {
        FormatImpor::Siak
    } else {
        FormatImpor::OpenSid
    };
    let (nama, isi) = crate::isian::ambil_berkas(berkas, "berkas").unwrap_or_default();
    let mut h = HalamanImpor2 {
        format: kode_format(format),
        nama_berkas: nama.clone(),
        ..Default::default()
    };
    if isi.is_empty() {
        h.galat_berkas = Some("Pilih berkas yang akan diimpor (xlsx, xls atau csv).".into());
        return tampil_impor(&m, &desa, h);
    }
    match k
        .store
        .impor_penduduk(
            &kode,
            &nama,
            &isi,
            &OpsiImpor {
                format,
                dry_run: true,
            },
            &m.aktor(),
        )
        .await
    {
        Ok(lap) => {
            if lap.galat.is_empty() && lap.galat_lain == 0 && lap.total > 0 {
                h.token = k.unggahan.simpan(&kode, m.pengguna.id, &nama, format, isi);
                if h.token.is_none() {
                    h.galat_berkas = Some(
                        "Berkas sudah diperiksa, tetapi tidak dapat disimpan sementara di server (ruang disk?). Coba lagi, atau hubungi pengelola."
                            .into(),
                    );
                }
            }
            h.laporan = Some(lap);
        }
        Err(Galat::Isian(d)) => {
            h.galat_berkas = Some(
                d.0.iter()
                    .map(|g| g.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
        Err(Galat::Ditolak(p)) | Err(Galat::Lain(p)) => h.galat_berkas = Some(p),
        Err(e) => return Err(e.into()),
    }
    tampil_impor(&m, &desa, h)
}

async fn terapkan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let Some(u) = k
        .unggahan
        .ambil(kir.isian.get("token"), &kode, m.pengguna.id)
    else {
        let h = HalamanImpor2 {
            format: "opensid",
            galat_berkas: Some("Pratinjau sudah kedaluwarsa (lebih dari 30 menit) atau sudah diterapkan. Unggah berkasnya sekali lagi.".into()),
            ..Default::default()
        };
        return tampil_impor(m, &desa, h);
    };
    let lap = k
        .store
        .impor_penduduk(
            &kode,
            &u.nama,
            &u.isi,
            &OpsiImpor {
                format: u.format,
                dry_run: false,
            },
            &m.aktor(),
        )
        .await?;
    tampil_impor(
        m,
        &desa,
        HalamanImpor2 {
            format: kode_format(u.format),
            nama_berkas: u.nama,
            laporan: Some(lap),
            ..Default::default()
        },
    )
}
