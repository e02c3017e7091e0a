//! A programme's recipients in and out as a file: import from OpenSID's recipient template or a
//! CSV (a preview row by row, then "Terapkan"; or applied at once when every row is valid), and
//! the recipient list as OpenSID's workbook or CSV.

use crate::galat::tampil;
use crate::isian::{Kiriman, ambil_berkas, baca_multipart};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use balai_store::Galat;
use balai_store::bantuan::{LaporanImporPenerima, Program};
use balai_store::desa::Desa;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/bantuan/{id}/impor", post(periksa))
        .route("/desa/{kode}/bantuan/{id}/impor/terapkan", post(terapkan))
        .route("/desa/{kode}/bantuan/{id}/penerima.xlsx", get(ekspor_xlsx))
        .route("/desa/{kode}/bantuan/{id}/penerima.csv", get(ekspor_csv))
}

const PUTUS: &str =
    "Unggahan terputus atau terlalu besar (berkas penerima paling besar 5 MB). Coba lagi.";

#[derive(Template)]
#[template(path = "bantuan_impor.html")]
struct HalamanImpor {
    k: Kerangka,
    g: Program,
    nama_berkas: String,
    laporan: Option<LaporanImporPenerima>,
    galat_berkas: Option<String>,
    /// Token to apply a preview whose every row is valid.
    token: Option<String>,
}

/// The pending upload is kept under this label, so that a token is only good for the
/// programme it was checked against (and not for the resident import sharing the store).
fn label(id: Uuid, nama: &str) -> String {
    format!("bantuan:{id}:{nama}")
}

async fn program(k: &Bersama, kode: &str, id: Uuid) -> Result<Program, GalatWeb> {
    k.store
        .bantuan()
        .program(kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)
}

fn tampil_impor(m: &Masuk, desa: &Desa, h: HalamanImpor2) -> Result<Response, GalatWeb> {
    let salah = h.galat_berkas.is_some()
        || h.laporan
            .as_ref()
            .is_some_and(|l| l.galat > 0 && !l.diterapkan);
    let judul = format!("Impor penerima {} {}", h.g.kode, h.g.tahun);
    let html = tampil(&HalamanImpor {
        k: Kerangka::baru(m, Some(desa), "bantuan", judul),
        g: h.g,
        nama_berkas: h.nama_berkas,
        laporan: h.laporan,
        galat_berkas: h.galat_berkas,
        token: h.token,
    })?;
    let status = if salah {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, html).into_response())
}

struct HalamanImpor2 {
    g: Program,
    nama_berkas: String,
    laporan: Option<LaporanImporPenerima>,
    galat_berkas: Option<String>,
    token: Option<String>,
}

/// Runs the import and fills the page: the report, or the file's problem.
async fn jalankan(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    h: &mut HalamanImpor2,
    isi: &[u8],
    terapkan: bool,
) -> Result<(), GalatWeb> {
    match k
        .store
        .bantuan()
        .impor_penerima(kode, h.g.id, isi, &h.nama_berkas, terapkan, &m.aktor())
        .await
    {
        Ok(l) => h.laporan = Some(l),
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
    Ok(())
}

/// Reads the upload and checks it (a preview), or applies it at once with `terapkan=ya`.
async fn periksa(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let g = program(&k, &kode, id).await?;
    let (nama, isi) = ambil_berkas(berkas, "berkas").unwrap_or_default();
    let mut h = HalamanImpor2 {
        g,
        nama_berkas: nama.clone(),
        laporan: None,
        galat_berkas: None,
        token: None,
    };
    if isi.is_empty() {
        h.galat_berkas =
            Some("Pilih berkas penerima yang akan diimpor (xlsx, xls atau csv).".into());
        return tampil_impor(&m, &desa, h);
    }
    let terapkan = f.get("terapkan") == "ya";
    jalankan(&k, &m, &kode, &mut h, &isi, terapkan).await?;
    if !terapkan && h.laporan.as_ref().is_some_and(|l| l.galat == 0) {
        // The store's kind of file is for residents; it is not used for recipients.
        h.token = k
            .unggahan
            .simpan(&kode, m.pengguna.id, &label(id, &nama), None, isi);
        if h.token.is_none() {
            h.galat_berkas = Some(
                "Berkas sudah diperiksa, tetapi tidak dapat disimpan sementara di server (ruang disk?). Centang \"langsung terapkan\" lalu unggah lagi, atau hubungi pengelola."
                    .into(),
            );
        }
    }
    tampil_impor(&m, &desa, h)
}

/// Applies a checked preview: every row is checked again, then all are written at once.
async fn terapkan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let g = program(&k, &kode, id).await?;
    let awalan = label(id, "");
    let unggahan = k
        .unggahan
        .ambil(kir.isian.get("token"), &kode, m.pengguna.id)
        .filter(|u| u.nama.starts_with(&awalan));
    let Some(u) = unggahan else {
        let h = HalamanImpor2 {
            g,
            nama_berkas: String::new(),
            laporan: None,
            galat_berkas: Some("Pratinjau sudah kedaluwarsa (lebih dari 30 menit) atau sudah diterapkan. Unggah berkasnya sekali lagi.".into()),
            token: None,
        };
        return tampil_impor(m, &desa, h);
    };
    let mut h = HalamanImpor2 {
        g,
        nama_berkas: u.nama[awalan.len()..].to_string(),
        laporan: None,
        galat_berkas: None,
        token: None,
    };
    jalankan(&k, m, &kode, &mut h, &u.isi, true).await?;
    tampil_impor(m, &desa, h)
}

/// Records who took the list (the programme, and each person in it, as the page does).
async fn catat_ekspor(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    id: Uuid,
    aksi: &str,
) -> Result<(), GalatWeb> {
    let orang: Vec<Uuid> = k
        .store
        .bantuan()
        .penerima(kode, id)
        .await?
        .iter()
        .map(|p| p.penduduk_id)
        .collect();
    k.store
        .catat_akses(kode, &m.aktor(), aksi, "program_bantuan", id.to_string())
        .await?;
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "ekspor_penerima_bantuan", &orang)
        .await?;
    Ok(())
}

fn nama_unduhan(g: &Program, ekstensi: &str) -> String {
    nama_berkas(&format!("penerima-{}-{}", g.kode, g.tahun), ekstensi)
}

async fn ekspor_xlsx(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let g = program(&k, &kode, id).await?;
    let isi = k.store.bantuan().ekspor_penerima_xlsx(&kode, id).await?;
    catat_ekspor(&k, &m, &kode, id, "ekspor_penerima_xlsx").await?;
    Ok(unduhan(
        isi,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &nama_unduhan(&g, "xlsx"),
    ))
}

async fn ekspor_csv(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let g = program(&k, &kode, id).await?;
    let isi = k.store.bantuan().ekspor_penerima_csv(&kode, id).await?;
    catat_ekspor(&k, &m, &kode, id, "ekspor_penerima_csv").await?;
    Ok(unduhan(
        isi,
        "text/csv; charset=utf-8",
        &nama_unduhan(&g, "csv"),
    ))
}
