//! Moving a village from OpenSID through the admin screens: upload a database dump, see the
//! dry-run report, then import the same file (kept on disk between the two, as the resident
//! import does, see `unggahan.rs`). The work itself is `Store::impor_opensid_db`, the same as
//! `balai import opensid-db`.

use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::opensid::{LaporanOpenSid, OpsiOpenSid};

/// A dump of a large village is tens of megabytes; this route alone accepts up to 200 MB
/// (the rest of the app keeps the 25 MB default).
const BATAS_UNGGAH: usize = 200 * 1024 * 1024;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/impor/opensid", get(halaman).post(periksa))
        .route("/desa/{kode}/impor/opensid/terapkan", post(terapkan))
        .layer(DefaultBodyLimit::max(BATAS_UNGGAH))
}

/// The kept-file key: the resident import keeps one pending file per user and village, so the
/// dump is kept under its own key and neither pushes out the other.
fn kunci(kode: &str) -> String {
    format!("{kode}:opensid")
}

#[derive(Template)]
#[template(path = "impor_opensid.html")]
struct HalamanImporOpenSid {
    k: Kerangka,
    nama_berkas: String,
    laporan: Option<LaporanOpenSid>,
    galat_berkas: Option<String>,
    /// Token to import the previewed file.
    token: Option<String>,
}

impl HalamanImporOpenSid {
    /// Rows imported with something to check, over all tables.
    fn total_peringatan(&self) -> usize {
        self.laporan
            .as_ref()
            .map(|l| l.tabel.iter().map(|t| t.peringatan.len()).sum())
            .unwrap_or(0)
    }
}

#[derive(Default)]
struct Isi {
    nama_berkas: String,
    laporan: Option<LaporanOpenSid>,
    galat_berkas: Option<String>,
    token: Option<String>,
}

fn tampil_halaman(m: &Masuk, desa: &Desa, h: Isi) -> Result<Response, GalatWeb> {
    let status = if h.galat_berkas.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&HalamanImporOpenSid {
        k: Kerangka::baru(m, Some(desa), "impor", "Pindah dari OpenSID"),
        nama_berkas: h.nama_berkas,
        laporan: h.laporan,
        galat_berkas: h.galat_berkas,
        token: h.token,
    })?;
    Ok((status, html).into_response())
}

/// The message of an error about the file, or the error itself when it is not about the file.
fn pesan_galat(e: Galat) -> Result<String, GalatWeb> {
    match e {
        Galat::Isian(d) => Ok(d
            .0
            .iter()
            .map(|g| g.pesan.clone())
            .collect::<Vec<_>>()
            .join(" ")),
        Galat::Ditolak(p) | Galat::Lain(p) | Galat::Konflik(p) => Ok(p),
        e => Err(e.into()),
    }
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_kelola()?;
    tampil_halaman(&m, &desa, Isi::default())
}

/// Reads the upload, runs the import as a dry run into this village and shows the report.
async fn periksa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_kelola()?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau lebih besar dari 200 MB. Coba lagi; untuk cadangan yang sangat besar, kompres dahulu menjadi .sql.gz atau gunakan perintah balai import opensid-db di server.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let (nama, isi) = crate::isian::ambil_berkas(berkas, "berkas").unwrap_or_default();
    let mut h = Isi {
        nama_berkas: nama.clone(),
        ..Default::default()
    };
    if isi.is_empty() {
        h.galat_berkas =
            Some("Pilih berkas cadangan basis data OpenSID (.sql atau .sql.gz).".into());
        return tampil_halaman(&m, &desa, h);
    }
    let opsi = OpsiOpenSid {
        desa: Some(kode.clone()),
        dry_run: true,
        berkas: None,
    };
    // Kept before the check (the store consumes its reader); dropped again if the check fails.
    let token = k
        .unggahan
        .simpan(&kunci(&kode), m.pengguna.id, &nama, None, isi.clone());
    match k
        .store
        .impor_opensid_db(std::io::Cursor::new(isi), &opsi, &m.aktor())
        .await
    {
        Ok(lap) => {
            h.laporan = Some(lap);
            h.token = token;
            if h.token.is_none() {
                h.galat_berkas = Some(
                    "Berkas sudah diperiksa, tetapi tidak dapat disimpan sementara di server (ruang disk?). Coba lagi, atau hubungi pengelola."
                        .into(),
                );
            }
        }
        Err(e) => {
            // Nothing to import: drop the kept copy at once.
            if let Some(t) = &token {
                let _ = k.unggahan.ambil(t, &kunci(&kode), m.pengguna.id);
            }
            h.galat_berkas = Some(pesan_galat(e)?);
        }
    }
    tampil_halaman(&m, &desa, h)
}

/// Imports the previewed file for real.
async fn terapkan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_kelola()?;
    let Some(u) = k
        .unggahan
        .ambil(kir.isian.get("token"), &kunci(&kode), m.pengguna.id)
    else {
        let h = Isi {
            galat_berkas: Some("Pratinjau sudah kedaluwarsa (lebih dari 30 menit) atau sudah diimpor. Unggah berkasnya sekali lagi.".into()),
            ..Default::default()
        };
        return tampil_halaman(m, &desa, h);
    };
    let opsi = OpsiOpenSid {
        desa: Some(kode.clone()),
        dry_run: false,
        berkas: None,
    };
    let mut h = Isi {
        nama_berkas: u.nama,
        ..Default::default()
    };
    match k
        .store
        .impor_opensid_db(std::io::Cursor::new(u.isi), &opsi, &m.aktor())
        .await
    {
        Ok(lap) => h.laporan = Some(lap),
        Err(e) => h.galat_berkas = Some(pesan_galat(e)?),
    }
    tampil_halaman(m, &desa, h)
}
