//! Import with preview and row report (export is `ekspor.rs`).
//!
//! The uploaded file is checked by a dry run and kept on the server (`unggahan`) behind a
//! one-time token until the operator applies it. The preview lists the RT/RWs the import will
//! create; for those whose dusun the file does not give (SIAK has no dusun column) it offers
//! the village's dusun and "Belum ditentukan". Choosing another dusun and checking again keeps
//! the file (a new token); the choice is kept on every page that follows, errors included.

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
use balai_store::impor::{DUSUN_BELUM_DITENTUKAN, FormatImpor, LaporanImpor, OpsiImpor};

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
    /// The village's dusun, for the choice of where new RT/RWs go.
    daftar_dusun: Vec<String>,
    /// The dusun chosen for new RT/RWs of unknown dusun; empty = "Belum ditentukan".
    dusun_baru: String,
}

impl HalamanImpor {
    /// Whether the preview has RT/RWs whose dusun is the operator's to choose.
    fn perlu_pilih_dusun(&self) -> bool {
        self.laporan
            .as_ref()
            .is_some_and(|l| l.rt_baru.iter().any(|r| r.dusun_dipilih))
    }
}

fn kode_format(f: FormatImpor) -> &'static str {
    match f {
        FormatImpor::OpenSid => "opensid",
        FormatImpor::Siak => "siak",
    }
}

/// The dusun chosen in a form: a dusun's name, or empty for "Belum ditentukan".
fn pilihan_dusun(teks: &str) -> String {
    let t = teks.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.eq_ignore_ascii_case(DUSUN_BELUM_DITENTUKAN) {
        String::new()
    } else {
        t.to_uppercase()
    }
}

fn opsi(format: FormatImpor, dry_run: bool, dusun_baru: &str) -> OpsiImpor {
    OpsiImpor {
        format,
        dry_run,
        dusun_baru: (!dusun_baru.is_empty()).then(|| dusun_baru.to_string()),
    }
}

async fn tampil_impor(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    h: HalamanImpor2,
) -> Result<Response, GalatWeb> {
    let status =
        if h.galat_berkas.is_some() || h.laporan.as_ref().is_some_and(|l| !l.galat.is_empty()) {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
    let mut daftar_dusun: Vec<String> = k
        .store
        .daftar_rt(&desa.desa_id)
        .await?
        .into_iter()
        .map(|r| r.dusun)
        .filter(|d| d != DUSUN_BELUM_DITENTUKAN)
        .collect();
    daftar_dusun.dedup();
    let html = tampil(&HalamanImpor {
        k: Kerangka::baru(m, Some(desa), "impor", "Impor dan ekspor data penduduk"),
        format: h.format,
        nama_berkas: h.nama_berkas,
        laporan: h.laporan,
        galat_berkas: h.galat_berkas,
        token: h.token,
        daftar_dusun,
        dusun_baru: h.dusun_baru,
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
    dusun_baru: String,
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    tampil_impor(
        &k,
        &m,
        &desa,
        HalamanImpor2 {
            format: "opensid",
            ..Default::default()
        },
    )
    .await
}

/// Runs a dry run of `isi` and fills the page: the report, and a token that keeps the file
/// when it can be applied.
async fn pratinjau(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    nama: String,
    isi: Vec<u8>,
    format: FormatImpor,
    dusun_baru: String,
) -> Result<HalamanImpor2, GalatWeb> {
    let mut h = HalamanImpor2 {
        format: kode_format(format),
        nama_berkas: nama.clone(),
        dusun_baru: dusun_baru.clone(),
        ..Default::default()
    };
    match k
        .store
        .impor_penduduk(
            kode,
            &nama,
            &isi,
            &opsi(format, true, &dusun_baru),
            &m.aktor(),
        )
        .await
    {
        Ok(lap) => {
            if lap.galat.is_empty() && lap.galat_lain == 0 && lap.total > 0 {
                h.token = k
                    .unggahan
                    .simpan(kode, m.pengguna.id, &nama, Some(format), isi);
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
    Ok(h)
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
    let dusun_baru = pilihan_dusun(f.get("dusun_baru"));
    let (nama, isi) = crate::isian::ambil_berkas(berkas, "berkas").unwrap_or_default();
    if isi.is_empty() {
        let h = HalamanImpor2 {
            format: kode_format(format),
            nama_berkas: nama,
            galat_berkas: Some("Pilih berkas yang akan diimpor (xlsx, xls atau csv).".into()),
            dusun_baru,
            ..Default::default()
        };
        return tampil_impor(&k, &m, &desa, h).await;
    }
    let h = pratinjau(&k, &m, &kode, nama, isi, format, dusun_baru).await?;
    tampil_impor(&k, &m, &desa, h).await
}

/// Applies a previewed file, or (`aksi=periksa`) checks it again with another dusun choice.
async fn terapkan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let dusun_baru = pilihan_dusun(kir.isian.get("dusun_baru"));
    // Only a resident-import upload carries a format; another kind's token is not this one's.
    let Some((u, format)) = k
        .unggahan
        .ambil(kir.isian.get("token"), &kode, m.pengguna.id)
        .and_then(|u| u.format.map(|f| (u, f)))
    else {
        let h = HalamanImpor2 {
            format: "opensid",
            galat_berkas: Some("Pratinjau sudah kedaluwarsa (lebih dari 30 menit) atau sudah diterapkan. Unggah berkasnya sekali lagi.".into()),
            dusun_baru,
            ..Default::default()
        };
        return tampil_impor(&k, m, &desa, h).await;
    };
    if kir.isian.get("aksi") == "periksa" {
        let h = pratinjau(&k, m, &kode, u.nama, u.isi, format, dusun_baru).await?;
        return tampil_impor(&k, m, &desa, h).await;
    }
    let lap = match k
        .store
        .impor_penduduk(
            &kode,
            &u.nama,
            &u.isi,
            &opsi(format, false, &dusun_baru),
            &m.aktor(),
        )
        .await
    {
        Ok(lap) => lap,
        Err(Galat::Isian(d)) => {
            let h = HalamanImpor2 {
                format: kode_format(format),
                nama_berkas: u.nama,
                galat_berkas: Some(
                    d.0.iter()
                        .map(|g| g.pesan.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                dusun_baru,
                ..Default::default()
            };
            return tampil_impor(&k, m, &desa, h).await;
        }
        Err(e) => return Err(e.into()),
    };
    tampil_impor(
        &k,
        m,
        &desa,
        HalamanImpor2 {
            format: kode_format(format),
            nama_berkas: u.nama,
            laporan: Some(lap),
            dusun_baru,
            ..Default::default()
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::pilihan_dusun;

    #[test]
    fn pilihan_dusun_kosong_berarti_belum_ditentukan() {
        assert_eq!(pilihan_dusun(""), "");
        assert_eq!(pilihan_dusun("Belum  Ditentukan"), "");
        assert_eq!(pilihan_dusun(" krajan  lor "), "KRAJAN LOR");
    }
}
