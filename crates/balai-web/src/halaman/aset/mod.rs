//! The village's assets: the inventory (KIB A–F) with its items' conditions, photos and
//! disposal, and (in `tanah`) the land registers. Forms keep what was typed when refused; a
//! disposal needs its "yakin" box ticked.

mod tanah;

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{ekstensi, nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::surat::teks::rp;
use balai_store::aset::{
    ALASAN_HAPUS, ASAL, Barang, FotoBarang, IsianBarang, IsianHapus, KIB, KONDISI, KondisiBarang,
};
use balai_store::buku::tgl;
use balai_store::desa::Desa;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/inventaris", get(daftar).post(buat))
        .route("/desa/{kode}/inventaris/{id}", get(rincian).post(ubah))
        .route("/desa/{kode}/inventaris/{id}/kondisi", post(kondisi))
        .route("/desa/{kode}/inventaris/{id}/hapus", post(hapuskan))
        .route("/desa/{kode}/inventaris/{id}/foto", post(unggah_foto))
        .route("/desa/{kode}/inventaris/{id}/foto/{fid}", get(foto))
        .merge(tanah::rute())
}

#[derive(Deserialize, Default)]
struct Kueri {
    kib: Option<String>,
    /// "1": disposed items too.
    semua: Option<String>,
    ok: Option<String>,
}

fn pesan_ok(ok: Option<&str>) -> Option<&'static str> {
    Some(match ok? {
        "barang" => "Barang inventaris telah dicatat.",
        "barang_ubah" => "Data barang telah disimpan.",
        "kondisi" => "Kondisi barang telah dicatat; kondisi sebelumnya tetap di riwayat.",
        "dihapus" => {
            "Barang telah dihapus dari inventaris. Datanya tetap tersimpan dengan alasan dan tanggal penghapusan."
        }
        "foto" => "Foto telah diunggah.",
        "tanah_kas" => "Tanah kas desa telah disimpan.",
        "tanah_desa" => "Data tanah di desa telah disimpan.",
        _ => return None,
    })
}

/// APBDes payments of the year and the year before, for the form: (id, label).
async fn pembayaran(k: &Bersama, desa: &Desa) -> Result<Vec<(String, String)>, GalatWeb> {
    let tahun = i64::from(k.store.hari_ini(desa.zona()).year());
    let mut v = Vec::new();
    for t in [tahun, tahun - 1] {
        for (id, tanggal, uraian, nilai) in k.store.aset().pembayaran(&desa.desa_id, t).await? {
            v.push((
                id.to_string(),
                format!("{} — {uraian} ({})", tgl(tanggal), rp(nilai)),
            ));
        }
    }
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// The list and the new item form

#[derive(Template)]
#[template(path = "inventaris.html")]
struct Daftar {
    k: Kerangka,
    kib: String,
    semua: bool,
    barang: Vec<Barang>,
    /// Per KIB: (code, name, items, total value).
    ringkas: Vec<(&'static str, &'static str, usize, i64)>,
    bayar: Vec<(String, String)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Daftar {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn tanggal(&self, t: &NaiveDate) -> String {
        tgl(*t)
    }
    fn kib_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &KIB
    }
    fn asal_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &ASAL
    }
    fn kondisi_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &KONDISI
    }
}

#[allow(clippy::too_many_arguments)]
async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    q: &Kueri,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let a = k.store.aset();
    let kib = q
        .kib
        .as_deref()
        .map(|x| x.trim().to_uppercase())
        .filter(|x| KIB.iter().any(|(kd, _)| kd == x))
        .unwrap_or_default();
    let semua = q.semua.as_deref() == Some("1");
    let seluruh = a.daftar_barang(&desa.desa_id, "", false).await?;
    let ringkas = KIB
        .iter()
        .map(|(kd, nama)| {
            let di: Vec<&Barang> = seluruh.iter().filter(|b| b.kib == *kd).collect();
            (*kd, *nama, di.len(), di.iter().map(|b| b.nilai).sum())
        })
        .collect();
    let barang = a.daftar_barang(&desa.desa_id, &kib, semua).await?;
    let mut kr = Kerangka::baru(m, Some(desa), "inventaris", "Inventaris desa");
    kr.pesan = pesan_ok(q.ok.as_deref()).map(str::to_string);
    let h = Daftar {
        k: kr,
        kib,
        semua,
        barang,
        ringkas,
        bayar: pembayaran(k, desa).await?,
        f,
        g,
        galat_umum,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_daftar(
        &k,
        &m,
        &desa,
        &q,
        Isian(vec![("kondisi".into(), "baik".into())]),
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
    .await
}

fn isian_barang(f: &Isian) -> IsianBarang {
    IsianBarang {
        kib: f.get("kib").into(),
        nama: f.get("nama").into(),
        kode_barang: f.get("kode_barang").into(),
        nomor_register: f.get("nomor_register").into(),
        jumlah: f.get("jumlah").into(),
        satuan: f.get("satuan").into(),
        tanggal_peroleh: f.get("tanggal_peroleh").into(),
        nilai: f.get("nilai").into(),
        asal: f.get("asal").into(),
        kas_id: f.get("kas_id").into(),
        kondisi: f.get("kondisi").into(),
        lokasi: f.get("lokasi").into(),
        keterangan: f.get("keterangan").into(),
        versi: f.angka("versi"),
    }
}

async fn buat(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    match k
        .store
        .aset()
        .simpan_barang(&kode, None, &isian_barang(&f), &kir.m.aktor())
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/inventaris/{id}?ok=barang")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_daftar(
                &k,
                &kir.m,
                &desa,
                &Kueri::default(),
                f,
                g,
                umum,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One item

#[derive(Template)]
#[template(path = "inventaris_rincian.html")]
struct Rincian {
    k: Kerangka,
    b: Barang,
    riwayat: Vec<KondisiBarang>,
    foto: Vec<FotoBarang>,
    bayar: Vec<(String, String)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Rincian {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn tanggal(&self, t: &NaiveDate) -> String {
        tgl(*t)
    }
    fn kib_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &KIB
    }
    fn asal_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &ASAL
    }
    fn kondisi_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &KONDISI
    }
    fn alasan_pilihan(&self) -> &'static [(&'static str, &'static str)] {
        &ALASAN_HAPUS
    }
    fn pembayaran(&self) -> String {
        let Some(id) = self.b.kas_id else {
            return String::new();
        };
        let id = id.to_string();
        self.bayar
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| "pembayaran APBDes tahun lalu".into())
    }
}

/// The form's fields: what was sent, then the stored values.
fn isian_dari(b: &Barang, kirim: Option<Isian>) -> Isian {
    let mut f = kirim.unwrap_or_default();
    f.0.extend([
        ("kib".into(), b.kib.clone()),
        ("nama".into(), b.nama.clone()),
        ("kode_barang".into(), b.kode_barang.clone()),
        ("nomor_register".into(), b.nomor_register.clone()),
        ("jumlah".into(), b.jumlah.to_string()),
        ("satuan".into(), b.satuan.clone()),
        ("tanggal_peroleh".into(), tgl(b.tanggal_peroleh)),
        ("nilai".into(), b.nilai.to_string()),
        ("asal".into(), b.asal.clone()),
        (
            "kas_id".into(),
            b.kas_id.map(|i| i.to_string()).unwrap_or_default(),
        ),
        ("lokasi".into(), b.lokasi.clone()),
        ("keterangan".into(), b.keterangan.clone()),
    ]);
    f
}

async fn tampil_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    ok: Option<&str>,
    kirim: Option<(Isian, DaftarGalat, Option<String>)>,
) -> Result<Response, GalatWeb> {
    let a = k.store.aset();
    let b = a
        .barang(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let (f, g, umum, status) = match kirim {
        Some((f, g, u)) => (Some(f), g, u, StatusCode::UNPROCESSABLE_ENTITY),
        None => (None, DaftarGalat::default(), None, StatusCode::OK),
    };
    let mut kr = Kerangka::baru(m, Some(desa), "inventaris", b.nama.clone());
    kr.pesan = pesan_ok(ok).map(str::to_string);
    let h = Rincian {
        k: kr,
        riwayat: a.riwayat_kondisi(&desa.desa_id, id).await?,
        foto: a.daftar_foto(&desa.desa_id, id).await?,
        bayar: pembayaran(k, desa).await?,
        f: isian_dari(&b, f),
        b,
        g,
        galat_umum: umum,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_rincian(&k, &m, &desa, id, q.ok.as_deref(), None).await
}

async fn hasil(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    f: Isian,
    r: Result<(), balai_store::Galat>,
    ok: &str,
) -> Result<Response, GalatWeb> {
    match r {
        Ok(()) => Ok(
            Redirect::to(&format!("/desa/{}/inventaris/{id}?ok={ok}", desa.desa_id))
                .into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_rincian(k, m, desa, id, None, Some((f, g, umum))).await
        }
    }
}

async fn ubah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let r = k
        .store
        .aset()
        .simpan_barang(&kode, Some(id), &isian_barang(&f), &kir.m.aktor())
        .await
        .map(|_| ());
    hasil(&k, &kir.m, &desa, id, f, r, "barang_ubah").await
}

async fn kondisi(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let r = k
        .store
        .aset()
        .catat_kondisi(
            &kode,
            id,
            f.get("kondisi_baru"),
            f.get("tanggal_periksa"),
            f.get("catatan_kondisi"),
            &kir.m.aktor(),
        )
        .await
        .map_err(|e| {
            ganti_kolom(
                e,
                &[
                    ("kondisi", "kondisi_baru"),
                    ("tanggal", "tanggal_periksa"),
                    ("catatan", "catatan_kondisi"),
                ],
            )
        });
    hasil(&k, &kir.m, &desa, id, f, r, "kondisi").await
}

async fn hapuskan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let r = if f.get("yakin") != "ya" {
        Err(balai_store::Galat::isian(
            "yakin",
            "Centang \"yakin\" untuk menghapus barang ini dari inventaris.",
        ))
    } else {
        k.store
            .aset()
            .hapuskan(
                &kode,
                id,
                &IsianHapus {
                    alasan: f.get("alasan").into(),
                    tanggal: f.get("tanggal_hapus").into(),
                    catatan: f.get("catatan_hapus").into(),
                    versi: f.angka("versi"),
                },
                &kir.m.aktor(),
            )
            .await
            .map_err(|e| {
                ganti_kolom(
                    e,
                    &[("tanggal", "tanggal_hapus"), ("catatan", "catatan_hapus")],
                )
            })
    };
    hasil(&k, &kir.m, &desa, id, f, r, "dihapus").await
}

/// Renames the fields of a refusal to the names the page's forms use (one page holds several
/// forms with a date).
fn ganti_kolom(e: balai_store::Galat, peta: &[(&str, &str)]) -> balai_store::Galat {
    match e {
        balai_store::Galat::Isian(mut d) => {
            for g in &mut d.0 {
                if let Some((_, baru)) = peta.iter().find(|(lama, _)| *lama == g.kolom) {
                    g.kolom = baru.to_string();
                }
            }
            balai_store::Galat::Isian(d)
        }
        e => e,
    }
}

async fn unggah_foto(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; foto paling besar 5 MB.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let r = match crate::isian::ambil_berkas(berkas, "foto") {
        None => Err(balai_store::Galat::isian(
            "foto",
            "Pilih foto barang (JPEG atau PNG).",
        )),
        Some((nama, isi)) => k
            .store
            .aset()
            .unggah_foto(&kode, id, &nama, &isi, &m.aktor())
            .await
            .map(|_| ()),
    };
    hasil(&k, &m, &desa, id, f, r, "foto").await
}

async fn foto(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, fid)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (isi, mime) = k
        .store
        .aset()
        .foto(&desa.desa_id, id, fid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(unduhan(
        isi,
        &mime,
        &nama_berkas(&format!("foto-{fid}"), ekstensi(&mime)),
    ))
}
