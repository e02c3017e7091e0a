//! The pages of a village site: home, profile, news, statistics, potential, development and
//! budget, service standards, open data and gallery.

use super::{Situs, statistik_publik, tajuk_publik};
use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_domain::surat::teks::{ribuan, rp, tanggal_indonesia};
use balai_store::situs::Pejabat;
use balai_store::situs::artikel::Artikel;
use balai_store::situs::data::MetaDataset;
use balai_store::situs::gambar::Gambar;
use balai_store::situs::pembangunan::{Apbdes, Proyek};
use balai_store::situs::potensi::{self, Potensi};
use balai_store::statistik::JenisStatistik;
use balai_store::statistik::publik::{JENIS_PUBLIK, StatistikPublik};
use balai_store::surat::JenisDesa;
use chrono::{DateTime, Datelike, Utc};
use std::sync::Arc;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/s/{slug}", get(beranda))
        .route("/s/{slug}/profil", get(profil))
        .route("/s/{slug}/berita", get(berita))
        .route("/s/{slug}/berita/{judul}", get(artikel))
        .route("/s/{slug}/statistik", get(statistik))
        .route("/s/{slug}/potensi", get(potensi_desa))
        .route("/s/{slug}/pembangunan", get(pembangunan))
        .route("/s/{slug}/layanan", get(layanan))
        .route("/s/{slug}/data", get(data))
        .route("/s/{slug}/galeri", get(galeri))
}

/// The frame of every site page.
pub struct Bingkai {
    pub s: Situs,
    pub judul: String,
    pub uraian: String,
    pub og_gambar: Option<String>,
    pub menu: &'static str,
}

impl Bingkai {
    pub fn baru(s: Situs, menu: &'static str, judul: impl Into<String>) -> Self {
        let uraian = if s.situs.semboyan.is_empty() {
            format!(
                "Situs resmi Desa {}, Kecamatan {}, {}.",
                s.desa.nama, s.letak.kecamatan, s.letak.kabupaten
            )
        } else {
            s.situs.semboyan.clone()
        };
        Bingkai {
            s,
            judul: judul.into(),
            uraian,
            og_gambar: None,
            menu,
        }
    }
    pub fn aktif(&self, m: &str) -> bool {
        self.menu == m
    }
    pub fn t(&self, jalur: &str) -> String {
        self.s.tautan(jalur)
    }
    pub fn gambar(&self, token: &str) -> String {
        self.s.tautan(&format!("/gambar/{token}.jpg"))
    }
}

pub fn tanggal(t: &Option<DateTime<Utc>>) -> String {
    t.map(|t| tanggal_indonesia(t.date_naive()))
        .unwrap_or_default()
}

use crate::halaman::keuangan::persen;

fn html(b: impl Template) -> Result<Response, GalatWeb> {
    Ok((tajuk_publik(), tampil(&b)?).into_response())
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "situs_beranda.html")]
struct HalamanBeranda {
    b: Bingkai,
    berita: Vec<Artikel>,
    pengumuman: Vec<Artikel>,
    agenda: Vec<Artikel>,
    penduduk: Arc<StatistikPublik>,
    jumlah_dusun: usize,
    potensi: Vec<Potensi>,
    apbdes: Option<Apbdes>,
    proyek: Vec<Proyek>,
}

impl HalamanBeranda {
    fn tanggal(&self, t: &Option<DateTime<Utc>>) -> String {
        tanggal(t)
    }
    fn acara(&self, a: &Artikel) -> String {
        a.waktu_acara
            .map(|t| waktu_lokal(t, &self.b.s.desa))
            .unwrap_or_default()
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn persen(&self, a: &i64, dari: &i64) -> String {
        persen(*a, *dari)
    }
    fn ribuan(&self, n: &i64) -> String {
        ribuan(*n)
    }
}

async fn beranda(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    beranda_dari(&k, s).await
}

pub async fn beranda_dari(k: &Bersama, s: Situs) -> Result<Response, GalatWeb> {
    Ok((tajuk_publik(), Html(beranda_html(k, s).await?)).into_response())
}

/// The rendered home page, from the cache when it is fresh.
pub async fn beranda_html(k: &Bersama, s: Situs) -> Result<Bytes, GalatWeb> {
    let d = s.desa.desa_id.clone();
    let dasar = s.dasar.clone();
    if let Some(h) = k.tembolok.ambil_beranda(&d, &dasar) {
        return Ok(h);
    }
    let berita = k.store.artikel_terbit(&d, Some("berita"), None, 6).await?;
    let pengumuman = k
        .store
        .artikel_terbit(&d, Some("pengumuman"), None, 3)
        .await?;
    let agenda = k.store.agenda_mendatang(&d, 4).await?;
    let penduduk = statistik_publik(k, &s.desa, JenisStatistik::JenisKelamin).await?;
    let dusun = statistik_publik(k, &s.desa, JenisStatistik::Dusun).await?;
    let mut potensi = k.store.daftar_potensi(&d, "").await?;
    potensi.retain(|p| matches!(p.jenis.as_str(), "umkm" | "bumdes" | "wisata"));
    potensi.truncate(6);
    let apbdes = match k.store.tahun_apbdes(&d).await?.first() {
        Some(t) => Some(k.store.apbdes(&d, *t).await?),
        None => None,
    };
    let mut proyek = k.store.daftar_proyek(&d).await?;
    proyek.truncate(3);
    let mut b = Bingkai::baru(s, "beranda", "");
    b.og_gambar = b.s.situs.sampul.clone();
    let h = Bytes::from(
        tampil(&HalamanBeranda {
            b,
            berita,
            pengumuman,
            agenda,
            jumlah_dusun: dusun.baris.iter().filter(|r| r.jumlah > 0).count(),
            penduduk,
            potensi,
            apbdes,
            proyek,
        })?
        .0,
    );
    k.tembolok.simpan_beranda(&d, &dasar, h.clone());
    Ok(h)
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "situs_profil.html")]
struct HalamanProfil {
    b: Bingkai,
    perangkat: Vec<Pejabat>,
    bpd: Vec<Pejabat>,
    halaman: Vec<Artikel>,
}

async fn profil(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let d = s.desa.desa_id.clone();
    let (bpd, perangkat) = k
        .store
        .daftar_pejabat(&d)
        .await?
        .into_iter()
        .partition(|p| p.kelompok == "bpd");
    let halaman = k.store.halaman_terbit(&d).await?;
    let judul = format!("Profil Desa {}", s.desa.nama);
    html(HalamanProfil {
        b: Bingkai::baru(s, "profil", judul),
        perangkat,
        bpd,
        halaman,
    })
}

// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct QueryBerita {
    jenis: Option<String>,
    sebelum: Option<String>,
}

#[derive(Template)]
#[template(path = "situs_berita.html")]
struct HalamanBerita {
    b: Bingkai,
    jenis: String,
    artikel: Vec<Artikel>,
    berikut: Option<String>,
}

impl HalamanBerita {
    fn tanggal(&self, t: &Option<DateTime<Utc>>) -> String {
        tanggal(t)
    }
}

const PER_HALAMAN: i64 = 10;

async fn berita(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<QueryBerita>,
) -> Result<Response, GalatWeb> {
    let jenis = match q.jenis.as_deref() {
        Some(j @ ("berita" | "pengumuman" | "agenda")) => j.to_string(),
        _ => String::new(),
    };
    let sebelum = q
        .sebelum
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let mut artikel = k
        .store
        .artikel_terbit(
            &s.desa.desa_id,
            Some(jenis.as_str()).filter(|j| !j.is_empty()),
            sebelum,
            PER_HALAMAN + 1,
        )
        .await?;
    let berikut = if artikel.len() as i64 > PER_HALAMAN {
        artikel.truncate(PER_HALAMAN as usize);
        artikel
            .last()
            .and_then(|a| a.terbit_pada)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    } else {
        None
    };
    let judul = match jenis.as_str() {
        "pengumuman" => "Pengumuman",
        "agenda" => "Agenda kegiatan",
        "berita" => "Berita desa",
        _ => "Kabar desa",
    };
    html(HalamanBerita {
        b: Bingkai::baru(s, "berita", judul),
        jenis,
        artikel,
        berikut,
    })
}

#[derive(Template)]
#[template(path = "situs_artikel.html")]
struct HalamanArtikel {
    b: Bingkai,
    a: Artikel,
}

impl HalamanArtikel {
    fn tanggal(&self, t: &Option<DateTime<Utc>>) -> String {
        tanggal(t)
    }
    fn waktu_acara(&self) -> String {
        self.a
            .waktu_acara
            .map(|t| waktu_lokal(t, &self.b.s.desa))
            .unwrap_or_default()
    }
}

/// "12 Desember 2026 pukul 09.00 WIB".
pub fn waktu_lokal(t: DateTime<Utc>, desa: &balai_store::desa::Desa) -> String {
    let z = desa.zona();
    let l = t.with_timezone(&z.offset());
    format!(
        "{} pukul {} {}",
        tanggal_indonesia(l.date_naive()),
        l.format("%H.%M"),
        desa.zona_waktu
    )
}

async fn artikel(
    State(k): State<Bersama>,
    s: Situs,
    Path((_, judul)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    let a = k
        .store
        .artikel_terbit_slug(&s.desa.desa_id, &judul)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let mut b = Bingkai::baru(s, "berita", a.judul.clone());
    b.uraian = a.cuplikan();
    b.og_gambar = a.gambar.clone();
    html(HalamanArtikel { b, a })
}

// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct QueryStatistik {
    jenis: Option<String>,
}

#[derive(Template)]
#[template(path = "situs_statistik.html")]
struct HalamanStatistik {
    b: Bingkai,
    st: Arc<StatistikPublik>,
    menu_jenis: Vec<(&'static str, &'static str, bool)>,
    svg: String,
    /// Child nutrition from the posyandu days, when enough children were measured.
    gizi: Option<balai_store::statistik::publik::GiziPublik>,
}

impl HalamanStatistik {
    fn angka(&self, n: &Option<i64>) -> String {
        n.map(ribuan).unwrap_or_else(|| "<5".into())
    }
    fn ribuan(&self, n: &i64) -> String {
        ribuan(*n)
    }
}

async fn statistik(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<QueryStatistik>,
) -> Result<Response, GalatWeb> {
    let jenis = q
        .jenis
        .as_deref()
        .and_then(JenisStatistik::dari_kode)
        .filter(|j| JENIS_PUBLIK.contains(j))
        .unwrap_or(JenisStatistik::JenisKelamin);
    let st = statistik_publik(&k, &s.desa, jenis).await?;
    let diagram = st.untuk_diagram();
    let svg = if jenis == JenisStatistik::Umur {
        balai_store::statistik::svg_piramida(&diagram)
    } else {
        balai_store::statistik::svg_batang(&diagram)
    };
    let menu_jenis = JENIS_PUBLIK
        .iter()
        .map(|j| (j.kode(), j.label(), *j == jenis))
        .collect();
    let judul = format!("Statistik penduduk: {}", jenis.label());
    let hari_ini = k.store.hari_ini(s.desa.zona());
    let gizi = balai_store::statistik::publik::gizi_publik(
        &k.store
            .kesehatan()
            .ringkas_gizi(&s.desa.desa_id, hari_ini, 3)
            .await?,
    );
    html(HalamanStatistik {
        b: Bingkai::baru(s, "statistik", judul),
        st,
        menu_jenis,
        svg,
        gizi,
    })
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "situs_potensi.html")]
struct HalamanPotensi {
    b: Bingkai,
    jenis: String,
    daftar_jenis: &'static [(&'static str, &'static str)],
    potensi: Vec<Potensi>,
    peta: String,
}

async fn potensi_desa(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<QueryBerita>,
) -> Result<Response, GalatWeb> {
    let jenis = q
        .jenis
        .filter(|j| !potensi::label_jenis(j).is_empty())
        .unwrap_or_default();
    let daftar = k.store.daftar_potensi(&s.desa.desa_id, &jenis).await?;
    let batas = k.store.peta().batas(&s.desa.desa_id).await?;
    let peta = super::umpan::peta_svg(&daftar, batas.as_ref());
    html(HalamanPotensi {
        b: Bingkai::baru(s, "potensi", "Potensi desa"),
        jenis,
        daftar_jenis: potensi::JENIS,
        potensi: daftar,
        peta,
    })
}

// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct QueryTahun {
    tahun: Option<i64>,
}

#[derive(Template)]
#[template(path = "situs_pembangunan.html")]
struct HalamanPembangunan {
    b: Bingkai,
    apbdes: Option<Apbdes>,
    daftar_tahun: Vec<i64>,
    proyek: Vec<Proyek>,
    grafik_pendapatan: String,
    grafik_belanja: String,
    /// Largest activities of the year's budget in force (code, name, budget, realisation).
    kegiatan_utama: Vec<balai_store::keuangan::laporan::Kelompok>,
    /// Budget and realisation per activity code, for the projects paid from them.
    per_kegiatan: std::collections::HashMap<(i64, String), (i64, i64)>,
}

impl HalamanPembangunan {
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn anggaran_proyek(&self, p: &Proyek) -> Option<(i64, i64)> {
        self.per_kegiatan
            .get(&(p.tahun, p.kode_kegiatan.clone()))
            .copied()
    }
    fn persen(&self, a: &i64, dari: &i64) -> String {
        persen(*a, *dari)
    }
}

async fn pembangunan(
    State(k): State<Bersama>,
    s: Situs,
    Query(q): Query<QueryTahun>,
) -> Result<Response, GalatWeb> {
    let d = s.desa.desa_id.clone();
    let daftar_tahun = k.store.tahun_apbdes(&d).await?;
    let tahun = q
        .tahun
        .filter(|t| daftar_tahun.contains(t))
        .or(daftar_tahun.first().copied());
    // Each year's books are read once: for the summary, the largest activities and the
    // projects paid from them.
    let proyek = k.store.daftar_proyek(&d).await?;
    let mut tahun_dibaca: Vec<i64> = proyek
        .iter()
        .filter(|p| !p.kode_kegiatan.is_empty())
        .map(|p| p.tahun)
        .collect();
    tahun_dibaca.extend(tahun);
    tahun_dibaca.sort();
    tahun_dibaca.dedup();
    let mut apbdes = None;
    let mut kegiatan_utama = Vec::new();
    let mut per_kegiatan = std::collections::HashMap::new();
    for t in tahun_dibaca {
        let akhir = chrono::NaiveDate::from_ymd_opt(t as i32, 12, 31).unwrap_or_default();
        if let Some(r) = k.store.realisasi(&d, t, akhir).await? {
            if Some(t) == tahun {
                kegiatan_utama = r.kegiatan_terbesar(5);
                apbdes = Some(Apbdes::dari_realisasi(t, &r));
            }
            for (kode, _, a, n) in r.kegiatan_terbesar(usize::MAX) {
                per_kegiatan.insert((t, kode), (a, n));
            }
        }
    }
    // A year without books in Balai: the summary typed on the site.
    if apbdes.is_none()
        && let Some(t) = tahun
    {
        apbdes = Some(k.store.apbdes(&d, t).await?);
    }
    let (grafik_pendapatan, grafik_belanja) = match &apbdes {
        Some(a) => (
            super::umpan::grafik_anggaran(&a.kelompok("pendapatan"), "Pendapatan per sumber"),
            super::umpan::grafik_anggaran(&a.kelompok("belanja"), "Belanja per bidang"),
        ),
        None => (String::new(), String::new()),
    };
    html(HalamanPembangunan {
        b: Bingkai::baru(s, "pembangunan", "Pembangunan dan APBDes"),
        apbdes,
        daftar_tahun,
        proyek,
        grafik_pendapatan,
        grafik_belanja,
        kegiatan_utama,
        per_kegiatan,
    })
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "situs_layanan.html")]
struct HalamanLayanan {
    b: Bingkai,
    jenis: Vec<JenisDesa>,
    tahun: i32,
    per_bulan: [i64; 12],
    jumlah: i64,
    rata_menit: Option<f64>,
}

impl HalamanLayanan {
    fn rp(&self, n: &i64) -> String {
        if *n == 0 { "Gratis".into() } else { rp(*n) }
    }
    fn bulan(&self, i: &usize) -> &'static str {
        [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ][*i % 12]
    }
    fn menit(&self) -> String {
        match self.rata_menit {
            Some(m) if m >= 120.0 => format!("{:.1} jam", m / 60.0).replace('.', ","),
            Some(m) => format!("{m:.0} menit"),
            None => "—".into(),
        }
    }
}

async fn layanan(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let d = s.desa.desa_id.clone();
    let jenis = k
        .store
        .daftar_jenis_surat(&d)
        .await?
        .into_iter()
        .filter(|j| j.aktif)
        .collect();
    let tahun = k.store.hari_ini(s.desa.zona()).year();
    let lap = k.store.laporan_surat(&d, tahun).await?;
    let mut per_bulan = [0i64; 12];
    for j in &lap.per_jenis {
        for (i, n) in j.per_bulan.iter().enumerate() {
            per_bulan[i] += n;
        }
    }
    html(HalamanLayanan {
        b: Bingkai::baru(s, "layanan", "Standar pelayanan"),
        jenis,
        tahun,
        per_bulan,
        jumlah: lap.jumlah_terbit,
        rata_menit: lap.waktu_rata_menit,
    })
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "situs_data.html")]
struct HalamanData {
    b: Bingkai,
    katalog: Vec<MetaDataset>,
}

async fn data(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let katalog = k.store.katalog_data(&s.desa.desa_id).await?;
    html(HalamanData {
        b: Bingkai::baru(s, "data", "Data terbuka"),
        katalog,
    })
}

#[derive(Template)]
#[template(path = "situs_galeri.html")]
struct HalamanGaleri {
    b: Bingkai,
    gambar: Vec<Gambar>,
}

async fn galeri(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let gambar = k.store.daftar_gambar(&s.desa.desa_id, true, 120).await?;
    html(HalamanGaleri {
        b: Bingkai::baru(s, "galeri", "Galeri foto"),
        gambar,
    })
}
