//! My data and my family (read only), requests to correct or delete, who accessed my data, and
//! my notifications.

use super::{Bingkai, KirimanWarga, Warga, waktu};
use crate::galat::tampil;
use crate::halaman::Ok as QueryOk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::{KodeList, daftar};
use balai_store::Galat;
use balai_store::warga::permintaan::{KOLOM_HAPUS, KOLOM_PERBAIKAN, PermintaanData};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/warga/data", get(halaman_data))
        .route("/warga/data/permintaan", post(kirim_permintaan))
        .route("/warga/akses", get(halaman_akses))
        .route("/warga/notifikasi", get(halaman_notifikasi))
}

pub struct Anggota {
    pub nama: String,
    pub hubungan: String,
    pub jenis_kelamin: String,
    pub umur: String,
    pub saya: bool,
}

#[derive(Template)]
#[template(path = "warga_data.html")]
struct HalamanData {
    b: Bingkai,
    baris: Vec<(&'static str, String)>,
    keluarga: Vec<Anggota>,
    permintaan: Vec<PermintaanData>,
    kolom_perbaikan: &'static [(&'static str, &'static str)],
    kolom_hapus: &'static [(&'static str, &'static str)],
    isian: crate::isian::Isian,
    galat: Option<(String, String)>,
}

fn label(list: &KodeList, id: i16) -> String {
    list.label(id).unwrap_or("").to_string()
}

async fn tampil_data(
    k: &Bersama,
    w: &Warga,
    ok: Option<&str>,
    isian: crate::isian::Isian,
    galat: Option<(String, String)>,
) -> Result<Response, GalatWeb> {
    let d = &w.desa.desa_id;
    let p = w.penduduk.clone();
    let hari_ini = k.store.hari_ini(w.desa.zona());
    let keluarga = k
        .store
        .keluarga_warga(d, p.id)
        .await?
        .into_iter()
        .map(|a| Anggota {
            hubungan: label(&daftar::SHDK, a.shdk_id),
            jenis_kelamin: label(&daftar::JENIS_KELAMIN, a.jenis_kelamin),
            umur: format!(
                "{} tahun",
                hari_ini.years_since(a.tanggal_lahir).unwrap_or(0)
            ),
            saya: a.id == p.id,
            nama: a.nama,
        })
        .collect();
    let baris = vec![
        ("NIK", p.nik.clone()),
        ("Nomor KK", p.no_kk.clone().unwrap_or_default()),
        ("Nama lengkap", p.nama.clone()),
        (
            "Tempat, tanggal lahir",
            format!(
                "{}, {}",
                p.tempat_lahir,
                balai_domain::surat::teks::tanggal_indonesia(p.tanggal_lahir)
            ),
        ),
        (
            "Jenis kelamin",
            label(&daftar::JENIS_KELAMIN, p.jenis_kelamin),
        ),
        ("Agama", label(&daftar::AGAMA, p.agama_id)),
        (
            "Pendidikan",
            label(&daftar::PENDIDIKAN_KK, p.pendidikan_kk_id),
        ),
        ("Pekerjaan", label(&daftar::PEKERJAAN, p.pekerjaan_id)),
        (
            "Status perkawinan",
            label(&daftar::STATUS_KAWIN, p.status_kawin_id),
        ),
        (
            "Alamat",
            format!("{} RT {} RW {}, {}", p.alamat_sekarang, p.rt, p.rw, p.dusun),
        ),
        ("Nomor telepon", p.telepon.clone()),
        ("Surel (e-mail)", p.email.clone()),
    ];
    let permintaan = k.store.daftar_permintaan_data(d, Some(p.id), "").await?;
    let status = if galat.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = tampil(&HalamanData {
        b: w.bingkai("Data saya").dengan_pesan(ok),
        baris,
        keluarga,
        permintaan,
        kolom_perbaikan: KOLOM_PERBAIKAN,
        kolom_hapus: KOLOM_HAPUS,
        isian,
        galat,
    })?;
    Ok((status, html).into_response())
}

async fn halaman_data(
    State(k): State<Bersama>,
    w: Warga,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    tampil_data(&k, &w, q.ok.as_deref(), Default::default(), None).await
}

async fn kirim_permintaan(
    State(k): State<Bersama>,
    kir: KirimanWarga,
) -> Result<Response, GalatWeb> {
    let w = &kir.w;
    let f = &kir.isian;
    let hasil = k
        .store
        .ajukan_permintaan_data(
            &w.desa.desa_id,
            w.penduduk.id,
            f.get("jenis"),
            f.get("kolom"),
            f.get("nilai_baru"),
            f.get("alasan"),
        )
        .await;
    match hasil {
        Ok(_) => Ok(Redirect::to("/warga/data?ok=permintaan").into_response()),
        Err(Galat::Isian(d)) => {
            let g = d.0.first().map(|g| (g.kolom.clone(), g.pesan.clone()));
            tampil_data(&k, w, None, kir.isian.clone(), g).await
        }
        Err(e) => Err(e.into()),
    }
}

pub struct BarisAkses {
    pub waktu: String,
    pub siapa: String,
    pub tindakan: &'static str,
    pub data: String,
}

#[derive(Template)]
#[template(path = "warga_akses.html")]
struct HalamanAkses {
    b: Bingkai,
    baris: Vec<BarisAkses>,
}

fn tindakan(aksi: &str) -> &'static str {
    match aksi {
        "lihat" => "Melihat",
        "pratinjau" => "Melihat pratinjau",
        "cari" => "Menemukan lewat pencarian nama",
        "unduh" => "Mengunduh",
        "ubah" | "koreksi" => "Mengubah",
        "tambah" => "Menambahkan",
        "ajukan" => "Mengajukan",
        "periksa" => "Memeriksa",
        "terbitkan" => "Menerbitkan",
        "tolak" => "Menolak",
        "serahkan" => "Menyerahkan",
        "batalkan" => "Membatalkan",
        "ekspor" => "Mengekspor",
        _ => "Memproses",
    }
}

/// Staff are shown by name (their role at the village is public); API clients by name.
fn siapa(nama: &crate::nama::NamaAktor, aktor: &str) -> String {
    if aktor.starts_with("pengguna:") {
        format!("Petugas desa: {}", nama.nama(aktor))
    } else if let Some(a) = aktor.strip_prefix("api:") {
        format!("Aplikasi instansi ({a})")
    } else {
        nama.nama(aktor)
    }
}

async fn halaman_akses(State(k): State<Bersama>, w: Warga) -> Result<Response, GalatWeb> {
    let entri = k
        .store
        .akses_data_warga(&w.desa.desa_id, w.penduduk.id, 200)
        .await?;
    let pelaku: Vec<&str> = entri.iter().map(|e| e.aktor.as_str()).collect();
    let nama = crate::nama::NamaAktor(k.store.nama_aktor(&w.desa.desa_id, &pelaku).await?);
    // Each letter named by its type and number.
    let mut surat: std::collections::HashMap<String, String> = Default::default();
    for e in entri.iter().filter(|e| e.objek == "surat") {
        if surat.contains_key(&e.objek_id) {
            continue;
        }
        let nama_surat = match uuid::Uuid::parse_str(&e.objek_id) {
            Ok(id) => k
                .store
                .surat(&w.desa.desa_id, id)
                .await?
                .map(|s| match s.nomor {
                    Some(n) => format!("{} nomor {n}", s.jenis_nama),
                    None => format!("permohonan {}", s.jenis_nama),
                }),
            Err(_) => None,
        };
        surat.insert(
            e.objek_id.clone(),
            nama_surat.unwrap_or_else(|| "Anda".into()),
        );
    }
    let baris = entri
        .iter()
        .map(|e| BarisAkses {
            waktu: waktu(&e.waktu, w.desa.zona()),
            siapa: siapa(&nama, &e.aktor),
            tindakan: tindakan(&e.aksi),
            data: match e.objek.as_str() {
                "surat" => format!(
                    "surat {}",
                    surat.get(&e.objek_id).map(String::as_str).unwrap_or("Anda")
                ),
                "pengaduan" | "pengaduan_foto" => "pengaduan Anda".into(),
                "permintaan_data" => "permintaan data Anda".into(),
                _ => "data kependudukan Anda".into(),
            },
        })
        .collect();
    Ok(tampil(&HalamanAkses {
        b: w.bingkai("Siapa yang mengakses data saya"),
        baris,
    })?
    .into_response())
}

pub struct BarisNotifikasi {
    pub waktu: String,
    pub judul: String,
    pub isi: String,
    pub baru: bool,
}

#[derive(Template)]
#[template(path = "warga_notifikasi.html")]
struct HalamanNotifikasi {
    b: Bingkai,
    baris: Vec<BarisNotifikasi>,
}

async fn halaman_notifikasi(State(k): State<Bersama>, w: Warga) -> Result<Response, GalatWeb> {
    let d = &w.desa.desa_id;
    let daftar = k.store.notifikasi_warga(d, w.penduduk.id, 100).await?;
    let baris = daftar
        .iter()
        .map(|n| BarisNotifikasi {
            waktu: waktu(&n.dibuat_pada, w.desa.zona()),
            judul: n.judul.clone(),
            isi: n.isi.clone(),
            baru: n.dibaca_pada.is_none(),
        })
        .collect();
    k.store.tandai_dibaca(d, w.penduduk.id, None).await?;
    Ok(tampil(&HalamanNotifikasi {
        b: w.bingkai("Notifikasi"),
        baris,
    })?
    .into_response())
}
