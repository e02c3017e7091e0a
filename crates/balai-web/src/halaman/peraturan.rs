//! Regulations and decisions: the list by year and kind with the form for a new draft, one
//! regulation's page with its next step, the report to the camat, the signed PDF and (for a
//! draft) deletion after confirmation. Every refused form comes back with what was typed.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::buku::tgl;
use balai_store::desa::Desa;
use balai_store::peraturan::{
    DataPeraturan, IsianPeraturan, IsianTahap, JenisPeraturan, Pokok, Tahap, urutan_tahap,
};
use serde::Deserialize;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/peraturan", get(daftar).post(buat))
        .route("/desa/{kode}/peraturan/{id}", get(rincian).post(ubah))
        .route("/desa/{kode}/peraturan/{id}/tahap", post(maju))
        .route("/desa/{kode}/peraturan/{id}/lapor", post(lapor))
        .route(
            "/desa/{kode}/peraturan/{id}/dokumen",
            get(dokumen).post(unggah),
        )
        .route("/desa/{kode}/peraturan/{id}/hapus", post(hapus))
}

#[derive(Deserialize, Default)]
struct Kueri {
    tahun: Option<String>,
    jenis: Option<String>,
    ok: Option<String>,
}

fn jenis_pilihan() -> Vec<(&'static str, &'static str)> {
    JenisPeraturan::SEMUA
        .iter()
        .map(|j| (j.kode(), j.label()))
        .collect()
}

fn pokok_pilihan() -> Vec<(&'static str, &'static str)> {
    Pokok::SEMUA.iter().map(|p| (p.kode(), p.label())).collect()
}

/// A success message of this module.
fn pesan_ok(ok: Option<&str>) -> Option<&'static str> {
    Some(match ok? {
        "peraturan" => "Rancangan telah disimpan. Lanjutkan tahapnya dari halaman ini.",
        "peraturan_ubah" => "Data peraturan telah disimpan.",
        "peraturan_tahap" => "Tahap peraturan telah dicatat.",
        "peraturan_lapor" => "Laporan kepada camat telah dicatat.",
        "peraturan_dokumen" => "Dokumen PDF telah diunggah.",
        "peraturan_hapus" => "Rancangan telah dihapus.",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "peraturan.html")]
struct Daftar {
    k: Kerangka,
    tahun: Option<i64>,
    pilihan_tahun: Vec<i64>,
    jenis: String,
    berlaku: Vec<DataPeraturan>,
    rancangan: Vec<DataPeraturan>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Daftar {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn jenis_pilihan(&self) -> Vec<(&'static str, &'static str)> {
        jenis_pilihan()
    }
    fn pokok_pilihan(&self) -> Vec<(&'static str, &'static str)> {
        pokok_pilihan()
    }
    fn tahun_ini(&self, t: &i64) -> bool {
        self.tahun == Some(*t)
    }
    fn tanggal(&self, t: &Option<chrono::NaiveDate>) -> String {
        t.map(tgl).unwrap_or_default()
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
    let p = k.store.peraturan();
    let tahun = q
        .tahun
        .as_deref()
        .and_then(|t| t.trim().parse::<i64>().ok());
    let jenis = q.jenis.as_deref().and_then(JenisPeraturan::dari_kode);
    let semua = p.daftar(&desa.desa_id, tahun, jenis).await?;
    let (berlaku, rancangan) = semua.into_iter().partition(|r| r.berlaku());
    let mut kr = Kerangka::baru(m, Some(desa), "peraturan", "Peraturan dan keputusan desa");
    kr.pesan = pesan_ok(q.ok.as_deref()).map(str::to_string);
    let h = Daftar {
        k: kr,
        tahun,
        pilihan_tahun: p.daftar_tahun(&desa.desa_id).await?,
        jenis: jenis.map(|j| j.kode().to_string()).unwrap_or_default(),
        berlaku,
        rancangan,
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
        Isian::default(),
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
    .await
}

fn isian_peraturan(f: &Isian) -> IsianPeraturan {
    IsianPeraturan {
        jenis: f.get("jenis").into(),
        pokok: f.get("pokok").into(),
        tentang: f.get("tentang").into(),
        uraian: f.get("uraian").into(),
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
        .peraturan()
        .simpan(&kode, None, &isian_peraturan(&f), &kir.m.aktor())
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/peraturan/{id}?ok=peraturan")).into_response())
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
// One regulation

#[derive(Template)]
#[template(path = "peraturan_rincian.html")]
struct Rincian {
    k: Kerangka,
    p: DataPeraturan,
    urutan: Vec<Tahap>,
    berikut: Option<Tahap>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Rincian {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn jenis_pilihan(&self) -> Vec<(&'static str, &'static str)> {
        jenis_pilihan()
    }
    fn pokok_pilihan(&self) -> Vec<(&'static str, &'static str)> {
        pokok_pilihan()
    }
    fn tanggal(&self, t: &Option<chrono::NaiveDate>) -> String {
        t.map(tgl).unwrap_or_else(|| "—".into())
    }
    fn sudah(&self, t: &Tahap) -> bool {
        *t <= self.p.tahap_p()
    }
    fn rancangan(&self) -> bool {
        self.p.tahap_p() == Tahap::Rancangan
    }
    /// What the next step's number field is called, if it has one.
    fn label_nomor(&self) -> Option<String> {
        match self.berikut? {
            Tahap::Dievaluasi => Some("Nomor surat hasil evaluasi (boleh kosong)".into()),
            Tahap::Ditetapkan => Some(format!("Nomor {}", self.p.label_jenis())),
            Tahap::Diundangkan => Some(format!(
                "Nomor {}",
                self.p
                    .jenis_p()
                    .lembaran()
                    .map(|l| l.label())
                    .unwrap_or("pengundangan")
            )),
            _ => None,
        }
    }
    fn label_tanggal(&self) -> &'static str {
        match self.berikut {
            Some(Tahap::Disepakati) => "Tanggal kesepakatan bersama BPD",
            Some(Tahap::Dievaluasi) => "Tanggal hasil evaluasi",
            Some(Tahap::Ditetapkan) => "Tanggal penetapan",
            _ => "Tanggal pengundangan",
        }
    }
}

/// The form's fields: what was sent, then the stored values.
fn isian_dari(p: &DataPeraturan, kirim: Option<Isian>) -> Isian {
    let mut f = kirim.unwrap_or_default();
    f.0.extend([
        ("jenis".into(), p.jenis.clone()),
        ("pokok".into(), p.pokok.clone()),
        ("tentang".into(), p.tentang.clone()),
        ("uraian".into(), p.uraian.clone()),
        ("keterangan".into(), p.keterangan.clone()),
        ("nomor_lapor".into(), p.nomor_lapor.clone()),
        (
            "tanggal_lapor".into(),
            p.tanggal_lapor.map(tgl).unwrap_or_default(),
        ),
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
    let p = k
        .store
        .peraturan()
        .satu(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let (f, g, umum, status) = match kirim {
        Some((f, g, u)) => (Some(f), g, u, StatusCode::UNPROCESSABLE_ENTITY),
        None => (None, DaftarGalat::default(), None, StatusCode::OK),
    };
    let mut kr = Kerangka::baru(m, Some(desa), "peraturan", p.judul());
    kr.pesan = pesan_ok(ok).map(str::to_string);
    let h = Rincian {
        k: kr,
        urutan: urutan_tahap(p.jenis_p(), p.pokok_p()),
        berikut: p.tahap_berikut(),
        f: isian_dari(&p, f),
        p,
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

/// After a change: back to the page, or the page again with the refusal and what was typed.
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
            Redirect::to(&format!("/desa/{}/peraturan/{id}?ok={ok}", desa.desa_id)).into_response(),
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
        .peraturan()
        .simpan(&kode, Some(id), &isian_peraturan(&f), &kir.m.aktor())
        .await
        .map(|_| ());
    hasil(&k, &kir.m, &desa, id, f, r, "peraturan_ubah").await
}

async fn maju(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let isi = IsianTahap {
        tahap: f.get("tahap").into(),
        nomor: f.get("nomor").into(),
        tanggal: f.get("tanggal").into(),
        versi: f.angka("versi"),
    };
    let r = k
        .store
        .peraturan()
        .maju(&kode, id, &isi, &kir.m.aktor())
        .await;
    hasil(&k, &kir.m, &desa, id, f, r, "peraturan_tahap").await
}

async fn lapor(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let r = k
        .store
        .peraturan()
        .lapor(
            &kode,
            id,
            f.get("nomor_lapor"),
            f.get("tanggal_lapor"),
            f.angka("versi"),
            &kir.m.aktor(),
        )
        .await;
    hasil(&k, &kir.m, &desa, id, f, r, "peraturan_lapor").await
}

async fn unggah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; dokumen paling besar 10 MB.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let r = match crate::isian::ambil_berkas(berkas, "dokumen") {
        None => Err(balai_store::Galat::isian(
            "dokumen",
            "Pilih berkas PDF naskah peraturan yang sudah ditandatangani.",
        )),
        Some((nama, isi)) => {
            k.store
                .peraturan()
                .unggah_dokumen(&kode, id, &nama, &isi, &m.aktor())
                .await
        }
    };
    hasil(&k, &m, &desa, id, f, r, "peraturan_dokumen").await
}

async fn dokumen(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let p = k.store.peraturan();
    let r = p
        .satu(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let (isi, _) = p
        .dokumen(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(unduhan(
        isi,
        "application/pdf",
        &nama_berkas(&r.nama_berkas(), "pdf"),
    ))
}

async fn hapus(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    if f.get("yakin") != "ya" {
        let r = Err(balai_store::Galat::isian(
            "yakin",
            "Centang \"yakin\" untuk menghapus rancangan ini.",
        ));
        return hasil(&k, &kir.m, &desa, id, f, r, "").await;
    }
    match k
        .store
        .peraturan()
        .hapus(&kode, id, f.angka("versi"), &kir.m.aktor())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/peraturan?ok=peraturan_hapus")).into_response())
        }
        Err(e) => hasil(&k, &kir.m, &desa, id, f, Err(e), "").await,
    }
}
