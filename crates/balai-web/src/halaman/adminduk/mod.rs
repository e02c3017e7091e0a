//! Civil registration (permohonan adminduk) for staff: the village's list and counter form, one
//! application with its steps, the Dukcapil queue across villages, the printed form, and the
//! public tracking page by reference number.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::halaman::surat::{BidangSurat, bidang_isian};
use crate::isian::{Isian, baca_multipart};
use crate::kerangka::{Kerangka, waktu_zona};
use crate::sesi::Masuk;
use crate::unduhan::unduhan;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku, StatusAdminduk, Syarat};
use balai_store::Galat;
use balai_store::adminduk::{
    Aksi, BarisAntrean, HasilIsian, Lampiran, LampiranBaru, PER_HALAMAN, Permohonan,
    PermohonanBaru, Riwayat, Saring, WaktuLayanan,
};
use balai_store::desa::Desa;
use balai_store::penduduk::Penduduk;
use uuid::Uuid;

mod formulir;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/adminduk", get(antrean_kabupaten))
        .route("/adminduk/lacak", get(lacak))
        .route("/desa/{kode}/adminduk", get(daftar))
        .route(
            "/desa/{kode}/adminduk/baru",
            get(form_baru).post(kirim_baru),
        )
        .route("/desa/{kode}/adminduk/{id}", get(rincian))
        .route("/desa/{kode}/adminduk/{id}/langkah", post(langkah))
        .route("/desa/{kode}/adminduk/{id}/lampiran/{lid}", get(lampiran))
        .route(
            "/desa/{kode}/adminduk/{id}/formulir.pdf",
            get(formulir::pdf),
        )
}

const PUTUS: &str =
    "Unggahan terputus atau terlalu besar (paling besar 3 MB per berkas). Coba lagi.";

#[derive(serde::Deserialize, Default)]
pub(crate) struct QuerySaring {
    status: Option<String>,
    jenis: Option<String>,
    nomor: Option<String>,
    halaman: Option<i64>,
    ok: Option<String>,
    /// `waktu`: also the service-time report (district-wide, on demand: it reads a year).
    laporan: Option<String>,
}

impl QuerySaring {
    fn saring(&self) -> Saring {
        Saring {
            status: self.status.clone().unwrap_or_default(),
            jenis: self.jenis.clone().unwrap_or_default(),
            nomor: self.nomor.clone().unwrap_or_default(),
            halaman: self.halaman.unwrap_or(1),
            ..Default::default()
        }
    }
}

/// One row of a queue as the page shows it.
pub(crate) struct Baris {
    pub b: BarisAntrean,
    pub waktu: String,
    /// Days waiting at this step, and whether that is past the type's target.
    pub hari: i64,
    pub lewat: bool,
}

fn baris(k: &Bersama, b: BarisAntrean, zona: balai_domain::ZonaWaktu) -> Baris {
    let sejak = b.diteruskan_pada.unwrap_or(b.diajukan_pada);
    let hari = (k.store.sekarang() - sejak).num_days();
    let target = JenisAdminduk::dari_kode(&b.jenis)
        .map(|j| j.target_hari())
        .unwrap_or(7);
    let terbuka = StatusAdminduk::dari_kode(&b.status).is_some_and(|s| s.terbuka());
    Baris {
        waktu: waktu_zona(&b.diajukan_pada, zona),
        lewat: terbuka && hari > i64::from(target),
        hari,
        b,
    }
}

#[derive(Template)]
#[template(path = "adminduk_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    baris: Vec<Baris>,
    total: i64,
    q: Saring,
    halaman_akhir: i64,
    semua_desa: bool,
    boleh_ajukan: bool,
    layanan: Vec<WaktuLayanan>,
    pesan: Option<String>,
}

impl HalamanDaftar {
    fn status(&self) -> Vec<(&'static str, &'static str)> {
        StatusAdminduk::SEMUA
            .iter()
            .map(|s| (s.kode(), s.label()))
            .collect()
    }
    fn jenis(&self) -> Vec<(&'static str, &'static str)> {
        JenisAdminduk::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect()
    }
    fn tautan(&self, halaman: i64) -> String {
        // Codes and a reference number only: anything else is dropped, not escaped.
        let aman = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        };
        format!(
            "?status={}&jenis={}&nomor={}&halaman={halaman}",
            aman(&self.q.status),
            aman(&self.q.jenis),
            aman(&self.q.nomor)
        )
    }
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QuerySaring>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let mut s = q.saring();
    s.desa_id = Some(kode.clone());
    let (rows, total) = k.store.adminduk().antrean(&s).await?;
    let layanan = k.store.adminduk().waktu_layanan(&kode).await?;
    let baris = rows
        .into_iter()
        .map(|b| baris(&k, b, desa.zona()))
        .collect();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, Some(&desa), "adminduk", "Dokumen kependudukan"),
        baris,
        halaman_akhir: (total + PER_HALAMAN - 1) / PER_HALAMAN,
        total,
        q: s,
        semua_desa: false,
        boleh_ajukan: m.peran().boleh_tulis(),
        layanan,
        pesan: q.ok,
    })?
    .into_response())
}

/// The Dukcapil queue: every village under the officer's region, oldest forwarded first.
async fn antrean_kabupaten(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<QuerySaring>,
) -> Result<Response, GalatWeb> {
    let mut s = q.saring();
    if q.status.is_none() {
        s.status = StatusAdminduk::Diteruskan.kode().into();
    }
    s.awalan = m.pengguna.cakupan.clone();
    let (rows, total) = k.store.adminduk().antrean(&s).await?;
    let layanan = if q.laporan.as_deref() == Some("waktu") {
        k.store.adminduk().waktu_layanan(&s.awalan).await?
    } else {
        Vec::new()
    };
    let baris = rows
        .into_iter()
        .map(|b| baris(&k, b, balai_domain::ZonaWaktu::Wib))
        .collect();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, None, "adminduk", "Antrean Dukcapil"),
        baris,
        halaman_akhir: (total + PER_HALAMAN - 1) / PER_HALAMAN,
        total,
        q: s,
        semua_desa: true,
        boleh_ajukan: false,
        layanan,
        pesan: q.ok,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The counter form

#[derive(Template)]
#[template(path = "adminduk_baru.html")]
struct HalamanBaru {
    k: Kerangka,
    jenis: Option<JenisAdminduk>,
    semua: Vec<(&'static str, &'static str)>,
    f: Isian,
    bidang: Vec<BidangSurat>,
    syarat: Vec<(Syarat, Option<String>)>,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanBaru {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
}

#[derive(serde::Deserialize, Default)]
struct QueryBaru {
    jenis: Option<String>,
}

fn halaman_baru(
    m: &Masuk,
    desa: &Desa,
    jenis: Option<JenisAdminduk>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
) -> HalamanBaru {
    let (bidang, syarat) = isian_dan_syarat(jenis, &f, &g);
    HalamanBaru {
        k: Kerangka::baru(m, Some(desa), "adminduk", "Permohonan dokumen kependudukan"),
        jenis,
        semua: JenisAdminduk::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect(),
        f,
        bidang,
        syarat,
        g,
        galat_umum,
    }
}

async fn form_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryBaru>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let jenis = q.jenis.as_deref().and_then(JenisAdminduk::dari_kode);
    let h = halaman_baru(
        &m,
        &desa,
        jenis,
        Isian::default(),
        DaftarGalat::default(),
        None,
    );
    Ok(tampil(&h)?.into_response())
}

/// The form's fields and its requirements, each with its message, for the counter and the portal.
pub(crate) fn isian_dan_syarat(
    jenis: Option<JenisAdminduk>,
    f: &Isian,
    g: &DaftarGalat,
) -> (Vec<BidangSurat>, Vec<(Syarat, Option<String>)>) {
    let Some(j) = jenis else {
        return (Vec::new(), Vec::new());
    };
    (bidang_isian(&j.isian(), f, g), syarat_dengan_galat(j, g))
}

/// The requirements of a type, each with the message of its upload field.
pub(crate) fn syarat_dengan_galat(
    j: JenisAdminduk,
    g: &DaftarGalat,
) -> Vec<(Syarat, Option<String>)> {
    j.persyaratan()
        .iter()
        .map(|s| {
            (
                *s,
                g.untuk(&format!("lampiran.{}", s.kode)).map(str::to_string),
            )
        })
        .collect()
}

/// Splits `isian.*` fields out of a posted form.
pub(crate) fn isian_permohonan(f: &Isian) -> std::collections::BTreeMap<String, String> {
    f.0.iter()
        .filter_map(|(n, v)| n.strip_prefix("isian.").map(|k| (k.to_string(), v.clone())))
        .collect()
}

/// Uploaded files named `lampiran.{requirement}`.
pub(crate) fn lampiran_unggahan(berkas: &[crate::isian::Berkas]) -> Vec<LampiranBaru<'_>> {
    berkas
        .iter()
        .filter_map(|b| {
            b.bidang
                .strip_prefix("lampiran.")
                .map(|syarat| LampiranBaru {
                    syarat,
                    nama: &b.nama,
                    isi: &b.isi,
                })
        })
        .collect()
}

async fn kirim_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let jenis = JenisAdminduk::dari_kode(f.get("jenis")).ok_or(GalatWeb::TidakDitemukan)?;
    let mut g = DaftarGalat::default();
    let cari = |kolom: &'static str, apa: &'static str| {
        let k = k.clone();
        let kode = kode.clone();
        let nik: String = f.get(kolom).chars().filter(char::is_ascii_digit).collect();
        async move {
            if nik.is_empty() {
                return Ok::<_, GalatWeb>(Err(format!("NIK {apa} wajib diisi.")));
            }
            Ok(match k.store.penduduk_by_nik(&kode, &nik).await? {
                Some(p) => Ok(p.id),
                None => Err(format!(
                    "NIK {apa} tidak ditemukan di data penduduk desa ini."
                )),
            })
        }
    };
    let pemohon = match cari("pemohon", "pemohon").await? {
        Ok(id) => Some(id),
        Err(e) => {
            g.push("pemohon", e);
            None
        }
    };
    let subjek = if jenis.subjek_penduduk() {
        match cari("subjek", "orang yang dimohonkan").await? {
            Ok(id) => Some(id),
            Err(e) => {
                g.push("subjek", e);
                None
            }
        }
    } else {
        None
    };
    let hasil = match pemohon {
        Some(pemohon_id) if g.is_empty() => {
            let p = PermohonanBaru {
                jenis,
                pemohon_id,
                subjek_id: subjek,
                isian: isian_permohonan(&f),
                persetujuan: f.get("persetujuan") == "ya",
                kanal: "loket".into(),
            };
            k.store
                .adminduk()
                .ajukan(&kode, &p, &lampiran_unggahan(&berkas), &m.aktor())
                .await
        }
        _ => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok((id, _)) => {
            Ok(Redirect::to(&format!("/desa/{kode}/adminduk/{id}?ok=diajukan")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_baru(&m, &desa, Some(jenis), f, g, umum);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One application

#[derive(Template)]
#[template(path = "adminduk_rincian.html")]
struct HalamanRincian {
    k: Kerangka,
    a: Permohonan,
    jenis: JenisAdminduk,
    pemohon: Option<Penduduk>,
    subjek: Option<Penduduk>,
    isian: Vec<(String, String)>,
    hasil: Vec<(String, String)>,
    lampiran: Vec<Lampiran>,
    kurang: Vec<&'static str>,
    riwayat: Vec<(String, Riwayat, String)>,
    langkah: Vec<(&'static str, &'static str)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    pesan: Option<String>,
}

impl HalamanRincian {
    fn boleh(&self, kode: &str) -> bool {
        self.langkah.iter().any(|(k, _)| *k == kode)
    }
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
}

#[allow(clippy::too_many_arguments)]
async fn halaman_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    pesan: Option<String>,
) -> Result<HalamanRincian, GalatWeb> {
    let kode = &desa.desa_id;
    let ad = k.store.adminduk();
    let a = ad.satu(kode, id).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let jenis = a.jenis().ok_or(GalatWeb::TidakDitemukan)?;
    let pemohon = k.store.penduduk(kode, a.pemohon_id).await?;
    let subjek = match a.subjek_id {
        Some(s) => k.store.penduduk(kode, s).await?,
        None => None,
    };
    let dilihat = a.orang();
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_adminduk", &dilihat)
        .await?;
    let label = |kunci: &str| {
        jenis
            .isian()
            .into_iter()
            .find(|i| i.kunci == kunci)
            .map(|i| i.label)
            .unwrap_or_else(|| kunci.to_string())
    };
    let isian = a
        .isian_map()
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (label(&k), v))
        .collect();
    let hasil = a.hasil_berlabel();
    let lampiran = ad.lampiran(kode, id).await?;
    let kurang = jenis
        .persyaratan()
        .iter()
        .filter(|s| s.wajib && !lampiran.iter().any(|l| l.syarat == s.kode))
        .map(|s| s.label)
        .collect();
    let riwayat = ad.riwayat(kode, id).await?;
    let pelaku: Vec<&str> = riwayat.iter().map(|r| r.aktor.as_str()).collect();
    let nama = crate::nama::NamaAktor(k.store.nama_aktor(kode, &pelaku).await?);
    let riwayat = riwayat
        .into_iter()
        .map(|r| (waktu_zona(&r.waktu, desa.zona()), nama.nama(&r.aktor), r))
        .map(|(w, n, r)| (w, r, n))
        .collect();
    let langkah = match Pelaku::dari_peran(m.peran()) {
        Some(p) => [
            (Langkah::Teruskan, "teruskan", "Teruskan ke Dukcapil"),
            (Langkah::Proses, "proses", "Ambil untuk diproses"),
            (Langkah::Selesaikan, "selesaikan", "Selesaikan"),
            (
                Langkah::MintaPerbaikan,
                "minta_perbaikan",
                "Minta perbaikan",
            ),
            (Langkah::AjukanUlang, "ajukan_ulang", "Ajukan ulang"),
            (Langkah::Tolak, "tolak", "Tolak"),
        ]
        .into_iter()
        .filter(|(l, _, _)| a.status().langkah(*l, p).is_ok())
        .map(|(_, kode, label)| (kode, label))
        .collect(),
        None => Vec::new(),
    };
    Ok(HalamanRincian {
        k: Kerangka::baru(
            m,
            Some(desa),
            "adminduk",
            format!("{} {}", jenis.label(), a.nomor),
        ),
        jenis,
        pemohon,
        subjek,
        isian,
        hasil,
        lampiran,
        kurang,
        riwayat,
        langkah,
        a,
        f,
        g,
        galat_umum,
        pesan,
    })
}

#[derive(serde::Deserialize, Default)]
struct QueryOk {
    ok: Option<String>,
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<QueryOk>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = halaman_rincian(
        &k,
        &m,
        &desa,
        id,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok,
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn langkah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    let pelaku = Pelaku::dari_peran(m.peran()).ok_or(GalatWeb::Terlarang)?;
    let l = Langkah::dari_kode(f.get("langkah")).ok_or(GalatWeb::TidakDitemukan)?;
    let hasil = HasilIsian {
        nomor_dokumen: f.get("nomor_dokumen").into(),
        no_kk: f.get("no_kk").into(),
        nik: f.get("nik").into(),
    };
    let pindaian = berkas
        .iter()
        .find(|b| b.bidang == "pindaian")
        .map(|b| LampiranBaru {
            syarat: balai_domain::adminduk::KODE_HASIL,
            nama: &b.nama,
            isi: &b.isi,
        });
    let x = Aksi {
        langkah: l,
        pelaku,
        alasan: f.get("alasan"),
        hasil: &hasil,
        pindaian,
        versi: f.angka("versi"),
    };
    match k.store.adminduk().langkah(&kode, id, &x, &m.aktor()).await {
        Ok(s) => Ok(
            Redirect::to(&format!("/desa/{kode}/adminduk/{id}?ok={}", s.kode())).into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_rincian(&k, &m, &desa, id, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

async fn lampiran(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, lid)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let ad = k.store.adminduk();
    let a = ad.satu(&kode, id).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let (isi, mime) = ad
        .isi_lampiran(&kode, id, lid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    // A scanned KK or birth letter is personal data: every opening is recorded.
    let orang = a.orang();
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "unduh_lampiran_adminduk", &orang)
        .await?;
    let nama = format!("lampiran.{}", crate::unduhan::ekstensi(&mime));
    Ok(unduhan(isi, &mime, &nama))
}

// ---------------------------------------------------------------------------------------------
// Public tracking

#[derive(serde::Deserialize, Default)]
struct QueryLacak {
    nomor: Option<String>,
}

#[derive(Template)]
#[template(path = "adminduk_lacak.html")]
struct HalamanLacak {
    nomor: String,
    hasil: Option<balai_store::adminduk::Lacak>,
    langkah: Vec<(String, String)>,
    dicari: bool,
}

async fn lacak(
    State(k): State<Bersama>,
    Query(q): Query<QueryLacak>,
) -> Result<Response, GalatWeb> {
    let nomor = q.nomor.unwrap_or_default();
    let hasil = if nomor.trim().is_empty() {
        None
    } else {
        k.store.adminduk().lacak(&nomor).await?
    };
    let zona = balai_domain::ZonaWaktu::Wib;
    let langkah = hasil
        .as_ref()
        .map(|h| {
            h.langkah
                .iter()
                .map(|(w, s)| (waktu_zona(w, zona), s.clone()))
                .collect()
        })
        .unwrap_or_default();
    let h = HalamanLacak {
        dicari: !nomor.trim().is_empty(),
        nomor,
        hasil,
        langkah,
    };
    let kode = if h.dicari && h.hasil.is_none() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((kode, tampil(&h)?).into_response())
}
