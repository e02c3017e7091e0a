//! The APBDes screen: versions of a year, the lines of one version with computed totals,
//! agreeing and establishing it, amendments with their differences, and the spreadsheet
//! template, export and import (Balai template or Siskeudes zip).

use super::{Salah, ok_keuangan, tahun_dari, wajib_rupiah, wajib_tanggal};
use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::{Kode, SUMBER_DANA, daftar_kegiatan, daftar_rincian};
use balai_domain::surat::teks::rp;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::keuangan::apbdes::{
    BarisAnggaran, BarisBaru, Beda, Jumlah, TindakanApbdes, VersiApbdes,
};
use balai_store::keuangan::impor::KOLOM_TEMPLAT;
use balai_store::keuangan::perencanaan::Rencana;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/keuangan", get(halaman))
        .route("/desa/{kode}/keuangan/apbdes", post(buat))
        .route(
            "/desa/{kode}/keuangan/apbdes/{id}/baris",
            post(simpan_baris),
        )
        .route(
            "/desa/{kode}/keuangan/apbdes/{id}/baris/{baris}/hapus",
            post(hapus_baris),
        )
        .route(
            "/desa/{kode}/keuangan/apbdes/{id}/status",
            post(ubah_status),
        )
        .route("/desa/{kode}/keuangan/apbdes/{id}/impor", post(impor))
        .route("/desa/{kode}/keuangan/apbdes/{id}/ekspor", get(ekspor))
        .route("/desa/{kode}/keuangan/templat-apbdes.xlsx", get(templat))
}

#[derive(serde::Deserialize, Default)]
struct QueryApbdes {
    tahun: Option<i64>,
    versi: Option<Uuid>,
    ubah: Option<Uuid>,
    ok: Option<String>,
}

#[derive(Template)]
#[template(path = "keuangan_apbdes.html")]
struct Halaman {
    k: Kerangka,
    desa: Desa,
    tahun: i64,
    semua: Vec<VersiApbdes>,
    versi: Option<VersiApbdes>,
    baris: Vec<BarisAnggaran>,
    jumlah: Jumlah,
    beda: Vec<Beda>,
    rekening: Vec<Kode>,
    kegiatan: Vec<Kode>,
    rkpdes: Vec<Rencana>,
    ubah: Option<Uuid>,
    boleh_buat: bool,
    ditutup: bool,
    s: Salah,
}

impl Halaman {
    fn rp<T: std::borrow::Borrow<i64>>(&self, n: T) -> String {
        rp(*n.borrow())
    }
    fn sumber(&self) -> &'static [(&'static str, &'static str)] {
        SUMBER_DANA
    }
    fn kelompok(&self, akun: &str) -> Vec<&BarisAnggaran> {
        self.baris.iter().filter(|b| b.akun() == akun).collect()
    }
    /// The line form's value: what was typed after an error, else the line being edited.
    fn isi(&self, nama: &str) -> String {
        if self.s.bentuk == "baris" {
            return self.s.f.get(nama).to_string();
        }
        let Some(b) = self
            .ubah
            .and_then(|u| self.baris.iter().find(|b| b.id == u))
        else {
            return String::new();
        };
        match nama {
            "kode_kegiatan" => b.kode_kegiatan.clone(),
            "kode_rekening" => b.kode_rekening.clone(),
            "uraian" => b.uraian.clone(),
            "volume" => b.volume.to_string(),
            "satuan" => b.satuan.clone(),
            "harga_satuan" => b.harga_satuan.to_string(),
            "sumber_dana" => b.sumber_dana.clone(),
            "rencana_id" => b.rencana_id.map(|r| r.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    tahun: i64,
    pilih: Option<Uuid>,
    ubah: Option<Uuid>,
    s: Salah,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let d = &desa.desa_id;
    let semua = k.store.versi_apbdes(d, tahun).await?;
    let versi = match pilih {
        Some(id) => Some(
            semua
                .iter()
                .find(|v| v.id == id)
                .cloned()
                .ok_or(GalatWeb::TidakDitemukan)?,
        ),
        None => semua.last().cloned(),
    };
    let (baris, beda) = match &versi {
        Some(v) => (
            k.store.baris_anggaran(d, v.id).await?,
            k.store.beda_apbdes(d, v.id).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let jumlah = Jumlah::dari(baris.iter().map(|b| (b.kode_rekening.as_str(), b.jumlah)));
    let mut rekening = daftar_rincian("4");
    rekening.extend(daftar_rincian("5"));
    rekening.extend(daftar_rincian("6"));
    let ditutup = k.store.tahun_ditutup(d, tahun).await?.is_some();
    let mut kr = Kerangka::baru(m, Some(&desa), "keuangan", format!("APBDes {tahun}"));
    kr.sub = "apbdes";
    kr.pesan = ok.and_then(ok_keuangan).map(str::to_string);
    let status = s.status();
    let html = tampil(&Halaman {
        boleh_buat: !ditutup && semua.last().is_none_or(|v| v.status == "ditetapkan"),
        k: kr,
        rkpdes: k.store.daftar_rencana(d, "rkpdes", tahun).await?,
        desa,
        tahun,
        semua,
        versi,
        baris,
        jumlah,
        beda,
        rekening,
        kegiatan: daftar_kegiatan(),
        ubah,
        ditutup,
        s,
    })?;
    Ok((status, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryApbdes>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = tahun_dari(&k, &desa, q.tahun);
    tampil_halaman(
        &k,
        &m,
        desa,
        tahun,
        q.versi,
        q.ubah,
        Salah::kosong(),
        q.ok.as_deref(),
    )
    .await
}

fn ke(kode: &str, tahun: i64, versi: Uuid, ok: &str) -> Response {
    Redirect::to(&format!(
        "/desa/{kode}/keuangan?tahun={tahun}&versi={versi}&ok={ok}"
    ))
    .into_response()
}

async fn versi(k: &Bersama, kode: &str, id: Uuid) -> Result<VersiApbdes, GalatWeb> {
    k.store
        .apbdes_versi(kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)
}

async fn gagal(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    v: &VersiApbdes,
    bentuk: &'static str,
    f: Isian,
    e: Galat,
) -> Result<Response, GalatWeb> {
    let ubah = f.get("id").parse().ok();
    let s = Salah::dari(bentuk, f, e)?;
    tampil_halaman(k, m, desa, v.tahun, Some(v.id), ubah, s, None).await
}

async fn buat(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let tahun = kir.isian.angka("tahun").unwrap_or(0);
    match k.store.buat_apbdes(&kode, tahun, &kir.m.aktor()).await {
        Ok(id) => Ok(ke(&kode, tahun, id, "apbdes")),
        Err(e) => {
            let tahun = tahun_dari(&k, &desa, Some(tahun));
            let s = Salah::dari("buat", kir.isian, e)?;
            tampil_halaman(&k, &kir.m, desa, tahun, None, None, s, None).await
        }
    }
}

async fn simpan_baris(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let v = versi(&k, &kode, id).await?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let harga = wajib_rupiah(&mut g, f, "harga_satuan", "Harga satuan");
    let rekening = f.get("kode_rekening").to_string();
    let b = BarisBaru {
        // Revenue and financing have no activity, whatever the select still holds.
        kode_kegiatan: if rekening.starts_with("5.") {
            f.get("kode_kegiatan").into()
        } else {
            String::new()
        },
        kode_rekening: rekening,
        uraian: f.get("uraian").into(),
        volume: f.angka("volume").unwrap_or(0),
        satuan: f.get("satuan").into(),
        harga_satuan: harga,
        sumber_dana: f.get("sumber_dana").into(),
        rencana_id: f.get("rencana_id").parse().ok(),
    };
    let baris_id = f.get("id").parse().ok();
    let hasil = if g.is_empty() {
        k.store
            .simpan_baris_anggaran(&kode, id, baris_id, &b, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(super::gabung(
            g,
            balai_store::keuangan::apbdes::periksa_baris(&b).map(|_| ()),
        ))
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, v.tahun, id, "baris")),
        Err(e) => gagal(&k, &kir.m, desa, &v, "baris", kir.isian, e).await,
    }
}

async fn hapus_baris(
    State(k): State<Bersama>,
    Path((kode, id, baris)): Path<(String, Uuid, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let v = versi(&k, &kode, id).await?;
    if kir.isian.get("yakin") != "ya" {
        return gagal(
            &k,
            &kir.m,
            desa,
            &v,
            "hapus",
            kir.isian,
            Galat::Ditolak("Centang \"yakin\" untuk menghapus baris.".into()),
        )
        .await;
    }
    match k
        .store
        .hapus_baris_anggaran(&kode, id, baris, &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(ke(&kode, v.tahun, id, "baris_hapus")),
        Err(e) => gagal(&k, &kir.m, desa, &v, "hapus", kir.isian, e).await,
    }
}

async fn ubah_status(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let v = versi(&k, &kode, id).await?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let (tindakan, ok) = match f.get("aksi") {
        "sepakati" => (
            TindakanApbdes::Sepakati(wajib_tanggal(&mut g, f, "tanggal", "Tanggal kesepakatan")),
            "sepakati",
        ),
        "tetapkan" => (
            TindakanApbdes::Tetapkan {
                nomor: f.get("nomor_perdes").into(),
                tanggal: wajib_tanggal(&mut g, f, "tanggal", "Tanggal penetapan"),
            },
            "tetapkan",
        ),
        "kembalikan" => (TindakanApbdes::KembaliDraf, "kembalikan"),
        _ => return Err(GalatWeb::Permintaan("Tindakan tidak dikenal.".into())),
    };
    let hasil = if g.is_empty() {
        k.store
            .ubah_status_apbdes(&kode, id, tindakan, &kir.m.aktor())
            .await
    } else {
        Err(g.into())
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, v.tahun, id, ok)),
        Err(e) => gagal(&k, &kir.m, desa, &v, "status", kir.isian, e).await,
    }
}

async fn impor(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; berkas paling besar 20 MB.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let v = versi(&k, &kode, id).await?;
    let hasil = match crate::isian::ambil_berkas(berkas, "berkas") {
        Some((_, isi)) => k
            .store
            .impor_baris_anggaran(&kode, id, &isi, f.get("jenis") == "siskeudes", &m.aktor())
            .await
            .map(|_| ()),
        None => Err(Galat::isian(
            "berkas",
            "Pilih berkas templat APBDes (.xlsx) atau zip ekspor Siskeudes.",
        )),
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, v.tahun, id, "impor")),
        Err(e) => gagal(&k, &m, desa, &v, "impor", f, e).await,
    }
}

fn baris_tabel(baris: &[BarisAnggaran]) -> Vec<Vec<String>> {
    baris
        .iter()
        .map(|b| {
            vec![
                b.kode_kegiatan.clone(),
                b.kode_rekening.clone(),
                b.uraian.clone(),
                b.volume.to_string(),
                b.satuan.clone(),
                b.harga_satuan.to_string(),
                b.sumber_dana.clone(),
                b.jumlah.to_string(),
            ]
        })
        .collect()
}

/// The lines in the template's columns, numbers as numbers.
fn xlsx(baris: &[Vec<String>]) -> Result<Vec<u8>, GalatWeb> {
    let salah = |e: rust_xlsxwriter::XlsxError| GalatWeb::Store(Galat::Lain(e.to_string()));
    let mut buku = rust_xlsxwriter::Workbook::new();
    let lembar = buku.add_worksheet();
    lembar.set_name("APBDes").map_err(salah)?;
    let tebal = rust_xlsxwriter::Format::new().set_bold();
    for (c, n) in KOLOM_TEMPLAT.iter().enumerate() {
        lembar
            .write_string_with_format(0, c as u16, *n, &tebal)
            .map_err(salah)?;
    }
    for (r, b) in baris.iter().enumerate() {
        for (c, sel) in b.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match (c, sel.parse::<i64>()) {
                (3 | 5 | 7, Ok(n)) => lembar.write_number(r, c, n as f64).map_err(salah)?,
                _ => lembar.write_string(r, c, sel).map_err(salah)?,
            };
        }
    }
    lembar.autofit();
    buku.save_to_buffer().map_err(salah)
}

const MIME_XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn ekspor(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let v = versi(&k, &kode, id).await?;
    let baris = k.store.baris_anggaran(&kode, id).await?;
    let tabel = baris_tabel(&baris);
    let isi = balai_store::latar::berat(move || Ok(xlsx(&tabel))).await??;
    Ok(unduhan(
        isi,
        MIME_XLSX,
        &nama_berkas(&format!("apbdes-{}-{}-v{}", kode, v.tahun, v.versi), "xlsx"),
    ))
}

async fn templat(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let contoh = vec![
        vec![
            "".into(),
            "4.2.1.01".into(),
            "Dana Desa".into(),
            "1".into(),
            "tahun".into(),
            "800000000".into(),
            "DDS".into(),
            "".into(),
        ],
        vec![
            "2.3.10".into(),
            "5.3.4.03".into(),
            "Bahan baku pengerasan jalan".into(),
            "1".into(),
            "paket".into(),
            "150000000".into(),
            "DDS".into(),
            "".into(),
        ],
    ];
    Ok(unduhan(xlsx(&contoh)?, MIME_XLSX, "templat-apbdes.xlsx"))
}
