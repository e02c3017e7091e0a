//! Importing the DTKS/DTSEN status and desil per family from the ministry's spreadsheet: the
//! upload form with its column guide and template, the row report, and applying a checked file
//! without choosing it again.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, ambil_berkas, baca_multipart, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::unduhan;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_store::bantuan::{LaporanDtks, contoh_csv_dtks};
use balai_store::desa::Desa;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::NaiveDate;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/bantuan/dtks", get(halaman).post(kirim))
        .route("/desa/{kode}/bantuan/dtks/contoh.csv", get(contoh))
}

const PUTUS: &str =
    "Unggahan terputus atau lebih besar dari 20 MB; coba lagi dengan berkas yang lebih kecil.";

/// Largest checked file carried in the page to apply it without choosing it again; a bigger
/// one is chosen again with "Simpan" ticked.
const BATAS_BAWA: usize = 1024 * 1024;

#[derive(Template)]
#[template(path = "bantuan_impor_dtks.html")]
struct Halaman {
    k: Kerangka,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    laporan: Option<LaporanDtks>,
    /// The checked file (name, base64) when it can be applied from the report.
    bawa: Option<(String, String)>,
}

impl Halaman {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn tgl(&self, t: &Option<NaiveDate>) -> String {
        t.map(|t| t.format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    }
    fn dicentang(&self) -> bool {
        self.f.get("terapkan") == "ya"
    }
}

fn buat(
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    laporan: Option<LaporanDtks>,
    bawa: Option<(String, String)>,
) -> Halaman {
    Halaman {
        k: Kerangka::baru(m, Some(desa), "bantuan", "Impor data DTKS/DTSEN"),
        f,
        g,
        galat_umum,
        laporan,
        bawa,
    }
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let h = buat(
        &m,
        &desa,
        Isian::default(),
        DaftarGalat::default(),
        None,
        None,
        None,
    );
    Ok(tampil(&h)?.into_response())
}

/// Checks the file (and applies it when "terapkan" is ticked and every row is valid).
async fn kirim(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    let mut g = DaftarGalat::default();
    let teks_tanggal = f.get("tanggal_data").trim();
    let tanggal_berkas = if teks_tanggal.is_empty() {
        None
    } else {
        let t = tanggal(teks_tanggal);
        if t.is_none() {
            g.push(
                "tanggal_data",
                "Tanggal data tidak dapat dibaca; tulis seperti 31-01-2026.",
            );
        }
        t
    };
    // A newly chosen file wins over the one carried from the previous check.
    let unggahan = ambil_berkas(berkas, "berkas").or_else(|| {
        let isi = B64.decode(f.get("berkas_simpan").trim()).ok()?;
        (!isi.is_empty()).then(|| (f.get("nama_berkas").to_string(), isi))
    });
    let Some((nama, isi)) = unggahan else {
        g.push(
            "berkas",
            "Pilih berkas data DTKS/DTSEN (xlsx, xls atau csv).",
        );
        let h = buat(&m, &desa, f, g, None, None, None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response());
    };
    if !g.is_empty() {
        let h = buat(&m, &desa, f, g, None, None, None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response());
    }
    let terapkan = f.get("terapkan") == "ya";
    let hasil = k
        .store
        .bantuan()
        .impor_dtks(&kode, &isi, &nama, tanggal_berkas, terapkan, &m.aktor())
        .await;
    match hasil {
        Ok(lap) => {
            let bawa = (lap.bersih() && !lap.diterapkan && isi.len() <= BATAS_BAWA)
                .then(|| (nama.clone(), B64.encode(&isi)));
            let status = if lap.galat > 0 {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            // The form below the report starts unticked: a second "Simpan" is a new decision.
            let f = Isian(vec![(
                "tanggal_data".to_string(),
                f.get("tanggal_data").to_string(),
            )]);
            let h = buat(&m, &desa, f, DaftarGalat::default(), None, Some(lap), bawa);
            Ok((status, tampil(&h)?).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat(&m, &desa, f, g, umum, None, None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

/// The template: the columns the import reads, with two example rows.
async fn contoh(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    Ok(unduhan(
        contoh_csv_dtks(),
        "text/csv; charset=utf-8",
        "contoh_impor_dtks.csv",
    ))
}
