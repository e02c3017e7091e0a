//! The administrative books (Permendagri 47/2016): one page listing every book, each book for a
//! chosen year, month or date range as a page, PDF (F4 landscape, with the letterhead and the
//! head's signature block) or XLSX, the two small registers only the books need (temporary
//! residents, letters sent out), and the district's view of which villages keep them current.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::berkas_buku;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_store::buku::{
    Buku, Ekspedisi, IsianEkspedisi, IsianSementara, KELOMPOK, PendudukSementara, Periode,
    berisi_data_pribadi, katalog,
};
use balai_store::desa::Desa;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/buku", get(daftar))
        .route(
            "/desa/{kode}/buku/sementara",
            get(sementara).post(sementara_catat),
        )
        .route(
            "/desa/{kode}/buku/sementara/{id}/pergi",
            post(sementara_pergi),
        )
        .route(
            "/desa/{kode}/buku/ekspedisi",
            get(ekspedisi).post(ekspedisi_catat),
        )
        .route("/desa/{kode}/buku/{kode_buku}", get(buku))
        .route("/buku", get(wilayah))
}

/// Rows shown on one page of a book; the PDF and XLSX carry all of them.
const PER_HALAMAN: usize = 200;

/// The period asked for: a date range, else a month of a year, else a year; this year when
/// nothing (or nothing valid) is given.
#[derive(Deserialize, Default, Clone)]
pub struct KueriPeriode {
    pub tahun: Option<String>,
    pub bulan: Option<String>,
    pub dari: Option<String>,
    pub sampai: Option<String>,
}

impl KueriPeriode {
    pub fn periode(&self, hari_ini: NaiveDate) -> Periode {
        let tgl = |s: &Option<String>| s.as_deref().and_then(crate::isian::tanggal);
        if let (Some(dari), Some(sampai)) = (tgl(&self.dari), tgl(&self.sampai))
            && dari <= sampai
        {
            return Periode { dari, sampai };
        }
        let tahun = self
            .tahun
            .as_deref()
            .and_then(|t| t.trim().parse::<i32>().ok())
            .filter(|t| (1900..=hari_ini.year() + 1).contains(t))
            .unwrap_or(hari_ini.year());
        let bulan = self
            .bulan
            .as_deref()
            .and_then(|b| b.trim().parse::<u32>().ok())
            .filter(|b| (1..=12).contains(b));
        bulan
            .and_then(|b| Periode::bulan(tahun, b))
            .or_else(|| Periode::tahun(tahun))
            .unwrap_or(Periode {
                dari: hari_ini,
                sampai: hari_ini,
            })
    }
}

/// The village's default period for the books that are kept by month (B.2, B.3) and the rest.
fn periode_bawaan(kode: &str, q: &KueriPeriode, hari_ini: NaiveDate) -> Periode {
    let kosong = q.tahun.is_none() && q.bulan.is_none() && q.dari.is_none();
    if kosong && kode == "B.3" {
        return Periode::bulan(hari_ini.year(), hari_ini.month()).unwrap_or(Periode {
            dari: hari_ini,
            sampai: hari_ini,
        });
    }
    q.periode(hari_ini)
}

// ---------------------------------------------------------------------------------------------
// The list of books

struct Kelompok {
    kode: &'static str,
    nama: &'static str,
    buku: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "buku_daftar.html")]
struct Daftar {
    k: Kerangka,
    tahun: i32,
    kelompok: Vec<Kelompok>,
}

impl Daftar {
    fn bagian_a7(&self, kode: &str) -> bool {
        kode == "A.7"
    }
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = k.store.hari_ini(desa.zona()).year();
    let kelompok = KELOMPOK
        .iter()
        .map(|(kd, nama)| Kelompok {
            kode: kd,
            nama,
            buku: katalog()
                .iter()
                .filter(|b| b.kelompok == *kd)
                .map(|b| (b.kode.clone(), b.nama.clone()))
                .collect(),
        })
        .collect();
    let h = Daftar {
        k: Kerangka::baru(&m, Some(&desa), "buku", "Buku administrasi desa"),
        tahun,
        kelompok,
    };
    Ok(tampil(&h)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// One book

#[derive(Deserialize, Default)]
struct KueriBuku {
    #[serde(flatten)]
    periode: KueriPeriode,
    bagian: Option<String>,
    format: Option<String>,
    halaman: Option<usize>,
}

#[derive(Template)]
#[template(path = "buku.html")]
struct Halaman {
    k: Kerangka,
    buku: Buku,
    kepala: Vec<Vec<balai_pdf::SelKepala>>,
    periode: Periode,
    label_periode: String,
    tahun: i32,
    bulan: u32,
    bagian: String,
    halaman: usize,
    jumlah_halaman: usize,
    pribadi: bool,
}

impl Halaman {
    fn tautan(&self, tambahan: &str) -> String {
        let mut q = format!(
            "/desa/{}/buku/{}?dari={}&sampai={}",
            self.k.kode_desa(),
            self.buku.kode,
            self.periode.dari.format("%d-%m-%Y"),
            self.periode.sampai.format("%d-%m-%Y")
        );
        if !self.bagian.is_empty() {
            q.push_str(&format!("&bagian={}", self.bagian.replace(' ', "+")));
        }
        q.push_str(tambahan);
        q
    }
    fn tautan_halaman(&self, n: usize) -> String {
        self.tautan(&format!("&halaman={n}"))
    }
    fn bulan_ini(&self, b: &u32) -> bool {
        *b == self.bulan
    }
    fn nama_bulan(&self, b: &u32) -> &'static str {
        balai_domain::surat::teks::NAMA_BULAN[(*b as usize).saturating_sub(1) % 12]
    }
    fn jumlah_kolom(&self) -> usize {
        self.buku.kolom.len()
    }
}

/// A book's part for A.7 ("surat masuk" or "surat keluar"); empty for the others.
fn bagian_buku(kode: &str, bagian: Option<&str>) -> String {
    match (kode, bagian) {
        ("A.7", Some("surat masuk")) => "surat masuk".into(),
        ("A.7", _) => "surat keluar".into(),
        _ => String::new(),
    }
}

/// Books naming residents or staff: each view or download goes into the audit log.
async fn catat_akses(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    b: &Buku,
    p: &Periode,
    format: &str,
) -> Result<(), GalatWeb> {
    if !berisi_data_pribadi(&b.kode) {
        return Ok(());
    }
    k.store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: &desa.desa_id,
            aktor: &m.aktor(),
            aksi: if format.is_empty() {
                "lihat_buku"
            } else {
                "ekspor"
            },
            objek: "buku_administrasi",
            objek_id: b.kode.clone(),
            sebelum: None,
            sesudah: Some(serde_json::json!({
                "format": format, "dari": p.dari, "sampai": p.sampai,
                "baris": b.baris.len(), "mulai": b.mulai
            })),
        })
        .await?;
    Ok(())
}

async fn buku(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, kode_buku)): Path<(String, String)>,
    Query(q): Query<KueriBuku>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let p = periode_bawaan(&kode_buku, &q.periode, hari_ini);
    let bagian = bagian_buku(&kode_buku, q.bagian.as_deref());
    let format = q
        .format
        .as_deref()
        .filter(|f| matches!(*f, "pdf" | "xlsx"))
        .unwrap_or("");
    if !format.is_empty() {
        let b = k
            .store
            .buku(&kode, &kode_buku, &bagian, &p)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        catat_akses(&k, &m, &desa, &b, &p, format).await?;
        let mut subjudul = format!("Desa {} — {}", desa.nama, p.label());
        if !bagian.is_empty() {
            subjudul = format!("{} — {subjudul}", bagian_judul(&bagian));
        }
        let nama = format!("buku-{}-{}-{}", b.kode, kode, p.dari.format("%Y%m%d"));
        let sah = super::keuangan::pengesahan(&k, &desa).await?;
        return berkas_buku(&k, format, b, &subjudul, &nama, Some(&sah)).await;
    }
    // A page of the book; past the last page, the last page.
    let mut halaman = q.halaman.unwrap_or(1).max(1);
    let ambil = |h: usize| {
        k.store.buku_halaman(
            &kode,
            &kode_buku,
            &bagian,
            &p,
            (h - 1) * PER_HALAMAN,
            PER_HALAMAN,
        )
    };
    let mut b = ambil(halaman).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let jumlah_halaman = b.jumlah.div_ceil(PER_HALAMAN).max(1);
    if halaman > jumlah_halaman {
        halaman = jumlah_halaman;
        b = ambil(halaman).await?.ok_or(GalatWeb::TidakDitemukan)?;
    }
    catat_akses(&k, &m, &desa, &b, &p, "").await?;
    let judul = format!("{} ({})", b.judul, b.kode);
    let h = Halaman {
        k: Kerangka::baru(&m, Some(&desa), "buku", judul),
        kepala: balai_pdf::kepala_bertingkat(&b.kolom),
        label_periode: p.label(),
        tahun: p.dari.year(),
        bulan: if Periode::bulan(p.dari.year(), p.dari.month()) == Some(p) {
            p.dari.month()
        } else {
            0
        },
        periode: p,
        pribadi: berisi_data_pribadi(&b.kode),
        halaman,
        jumlah_halaman,
        bagian,
        buku: b,
    };
    Ok(tampil(&h)?.into_response())
}

fn bagian_judul(bagian: &str) -> &'static str {
    if bagian == "surat masuk" {
        "Surat Masuk"
    } else {
        "Surat Keluar"
    }
}

// ---------------------------------------------------------------------------------------------
// B.4 register: temporary residents

#[derive(Template)]
#[template(path = "buku_sementara.html")]
struct HalamanSementara {
    k: Kerangka,
    daftar: Vec<PendudukSementara>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    boleh_tulis: bool,
}

impl HalamanSementara {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn tgl(&self, t: &NaiveDate) -> String {
        t.format("%d-%m-%Y").to_string()
    }
}

#[derive(Deserialize, Default)]
struct KueriOk {
    ok: Option<String>,
}

fn pesan_ok(ok: Option<&str>) -> Option<&'static str> {
    match ok {
        Some("sementara") => Some("Penduduk sementara telah dicatat."),
        Some("pergi") => Some("Tanggal pergi telah dicatat."),
        Some("ekspedisi") => Some("Pengiriman surat telah dicatat di buku ekspedisi."),
        _ => None,
    }
}

async fn tampil_sementara(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let daftar = k
        .store
        .daftar_penduduk_sementara(&desa.desa_id, None)
        .await?;
    let mut kr = Kerangka::baru(m, Some(desa), "buku", "Penduduk sementara (buku B.4)");
    kr.pesan = pesan_ok(ok).map(str::to_string);
    let status = if g.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let h = HalamanSementara {
        k: kr,
        daftar,
        f,
        g,
        galat_umum,
        boleh_tulis: m.peran().boleh_tulis(),
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn sementara(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriOk>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let f = Isian(vec![(
        "datang".into(),
        k.store.hari_ini(desa.zona()).format("%d-%m-%Y").to_string(),
    )]);
    tampil_sementara(
        &k,
        &m,
        &desa,
        f,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await
}

async fn sementara_catat(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let (m, f) = (kir.m, kir.isian);
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let isi = IsianSementara {
        nama: f.get("nama").into(),
        jenis_kelamin: f.get("jenis_kelamin").into(),
        nomor_identitas: f.get("nomor_identitas").into(),
        tempat_lahir: f.get("tempat_lahir").into(),
        tanggal_lahir: f.get("tanggal_lahir").into(),
        pekerjaan: f.get("pekerjaan").into(),
        kebangsaan: f.get("kebangsaan").into(),
        keturunan: f.get("keturunan").into(),
        datang_dari: f.get("datang_dari").into(),
        maksud: f.get("maksud").into(),
        didatangi: f.get("didatangi").into(),
        datang: f.get("datang").into(),
        keterangan: f.get("keterangan").into(),
    };
    let hari_ini = k.store.hari_ini(desa.zona());
    match k
        .store
        .catat_penduduk_sementara(&kode, &isi, hari_ini, &m.aktor())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/buku/sementara?ok=sementara")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_sementara(&k, &m, &desa, f, g, umum, None).await
        }
    }
}

async fn sementara_pergi(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let (m, f) = (kir.m, kir.isian);
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    match k
        .store
        .sementara_pergi(
            &kode,
            id,
            f.get("pergi"),
            k.store.hari_ini(desa.zona()),
            &m.aktor(),
        )
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/buku/sementara?ok=pergi")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let umum = umum.or_else(|| g.0.first().map(|x| x.pesan.clone()));
            tampil_sementara(
                &k,
                &m,
                &desa,
                Isian::default(),
                DaftarGalat::default(),
                umum,
                None,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A.8 register: letters sent out

#[derive(Template)]
#[template(path = "buku_ekspedisi.html")]
struct HalamanEkspedisi {
    k: Kerangka,
    daftar: Vec<Ekspedisi>,
    tahun: i32,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    boleh_tulis: bool,
}

impl HalamanEkspedisi {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn tgl(&self, t: &NaiveDate) -> String {
        t.format("%d-%m-%Y").to_string()
    }
}

async fn tampil_ekspedisi(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let tahun = k.store.hari_ini(desa.zona()).year();
    let p = Periode::tahun(tahun).ok_or(GalatWeb::TidakDitemukan)?;
    let daftar = k.store.daftar_ekspedisi(&desa.desa_id, &p).await?;
    let mut kr = Kerangka::baru(m, Some(desa), "buku", "Buku ekspedisi (A.8)");
    kr.pesan = pesan_ok(ok).map(str::to_string);
    let status = if g.is_empty() && galat_umum.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let h = HalamanEkspedisi {
        k: kr,
        daftar,
        tahun,
        f,
        g,
        galat_umum,
        boleh_tulis: m.peran().boleh_tulis(),
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn ekspedisi(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriOk>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let hari = k.store.hari_ini(desa.zona()).format("%d-%m-%Y").to_string();
    let f = Isian(vec![("tanggal_kirim".into(), hari)]);
    tampil_ekspedisi(
        &k,
        &m,
        &desa,
        f,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await
}

async fn ekspedisi_catat(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let (m, f) = (kir.m, kir.isian);
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let isi = IsianEkspedisi {
        tanggal_kirim: f.get("tanggal_kirim").into(),
        nomor_surat: f.get("nomor_surat").into(),
        tanggal_surat: f.get("tanggal_surat").into(),
        isi_singkat: f.get("isi_singkat").into(),
        tujuan: f.get("tujuan").into(),
        keterangan: f.get("keterangan").into(),
    };
    let hari_ini = k.store.hari_ini(desa.zona());
    match k
        .store
        .catat_ekspedisi(&kode, &isi, hari_ini, &m.aktor())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/buku/ekspedisi?ok=ekspedisi")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_ekspedisi(&k, &m, &desa, f, g, umum, None).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The district: which villages keep their books current

#[derive(Template)]
#[template(path = "buku_wilayah.html")]
struct Wilayah {
    k: Kerangka,
    desa: Vec<balai_store::buku::Kemutakhiran>,
    hari_ini: NaiveDate,
}

impl Wilayah {
    fn sel(&self, t: &Option<NaiveDate>) -> (String, &'static str) {
        match t {
            None => ("Belum ada".into(), "lencana perhatian"),
            Some(t) if (self.hari_ini - *t).num_days() > 31 => {
                (t.format("%d-%m-%Y").to_string(), "lencana perhatian")
            }
            Some(t) => (t.format("%d-%m-%Y").to_string(), "lencana baik"),
        }
    }
}

async fn wilayah(State(k): State<Bersama>, m: Masuk) -> Result<Response, GalatWeb> {
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let desa = k.store.kemutakhiran_buku(&m.pengguna.awalan_desa()).await?;
    let h = Wilayah {
        k: Kerangka::baru(&m, None, "buku", "Kemutakhiran buku administrasi desa"),
        hari_ini: k.store.hari_ini(balai_domain::ZonaWaktu::Wib),
        desa,
    };
    Ok(tampil(&h)?.into_response())
}
