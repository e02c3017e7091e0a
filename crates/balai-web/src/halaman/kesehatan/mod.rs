//! Posyandu: the units and the referral list, the posyandu day (children of the area, one tap
//! each to a form sized for a phone), and a child's growth page with WHO charts.

mod ibu;
mod konvergensi;
mod wilayah;

use crate::galat::tampil;
use crate::grafik_tumbuh::{Titik, svg_umur};
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, desimal, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::kesehatan::imunisasi::StatusDosis;
use balai_domain::kesehatan::zscore::{Indikator, Kelamin};
use balai_store::desa::Desa;
use balai_store::kesehatan::imunisasi::{Cakupan, Undangan};
use balai_store::kesehatan::{
    Balita, IsianPenimbangan, Penimbangan, Posyandu, PosyanduBaru, RingkasGizi, Rujukan,
};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .merge(ibu::rute())
        .merge(konvergensi::rute())
        .merge(wilayah::rute())
        .route("/desa/{kode}/kesehatan", get(beranda).post(tambah))
        .route("/desa/{kode}/kesehatan/sw.js", get(pekerja_luring))
        .route("/desa/{kode}/kesehatan/anak/{pid}", get(anak))
        .route("/desa/{kode}/kesehatan/{id}", get(hari))
        .route("/desa/{kode}/kesehatan/{id}/imunisasi", get(undangan))
        .route(
            "/desa/{kode}/kesehatan/{id}/anak/{pid}",
            get(form).post(catat),
        )
}

#[derive(Deserialize, Default)]
pub(crate) struct KueriHari {
    tanggal: Option<String>,
    ok: Option<String>,
}

fn hari_dipilih(k: &Bersama, desa: &Desa, q: Option<&str>) -> NaiveDate {
    q.and_then(tanggal)
        .unwrap_or_else(|| k.store.hari_ini(desa.zona()))
}

// ---------------------------------------------------------------------------------------------
// The posyandu list, a new posyandu, the referral list

#[derive(Template)]
#[template(path = "kesehatan.html")]
struct Beranda {
    k: Kerangka,
    posyandu: Vec<Posyandu>,
    dusun: Vec<String>,
    rujukan: Vec<Rujukan>,
    gizi: Vec<RingkasGizi>,
    cakupan: Vec<Cakupan>,
    /// Pregnant women and how many of them show risk signs (not shown to cadres).
    ibu: Option<(usize, usize)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Beranda {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
}

async fn buat_beranda(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Beranda, GalatWeb> {
    let kode = &desa.desa_id;
    let h = k.store.kesehatan();
    // A cadre sees their own posyandu and its children only.
    let kader = m.pengguna.posyandu_kader();
    let milik = |id: Uuid| kader.is_none_or(|p| p == id);
    let mut rujukan = h.perlu_rujukan(kode).await?;
    rujukan.retain(|r| milik(r.posyandu_id));
    let mut posyandu = h.daftar_posyandu(kode).await?;
    posyandu.retain(|p| milik(p.id));
    let orang: Vec<Uuid> = rujukan.iter().map(|r| r.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_rujukan_posyandu", &orang)
        .await?;
    let mut dusun: Vec<String> = k
        .store
        .daftar_rt(kode)
        .await?
        .into_iter()
        .map(|r| r.dusun)
        .collect();
    dusun.dedup();
    Ok(Beranda {
        k: Kerangka::baru(m, Some(desa), "kesehatan", "Posyandu").dengan_pesan(ok),
        posyandu,
        dusun,
        rujukan,
        gizi: h
            .ringkas_gizi(kode, k.store.hari_ini(desa.zona()), 6)
            .await?,
        cakupan: h
            .cakupan_imunisasi(kode, k.store.hari_ini(desa.zona()))
            .await?,
        ibu: if m.peran().boleh_tulis() {
            let hamil = h.daftar_kehamilan(kode, false).await?;
            let risiko = hamil.iter().filter(|x| !x.risiko.is_empty()).count();
            Some((hamil.len(), risiko))
        } else {
            None
        },
        f,
        g,
        galat_umum,
    })
}

async fn beranda(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = buat_beranda(
        &k,
        &m,
        &desa,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn tambah(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let b = PosyanduBaru {
        nama: f.get("nama").into(),
        alamat: f.get("alamat").into(),
        dusun: f.get("dusun").into(),
        rw: f.get("rw").into(),
    };
    match k
        .store
        .kesehatan()
        .tambah_posyandu(&kode, &b, &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/kesehatan?ok=posyandu")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_beranda(&k, &kir.m, &desa, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The posyandu day

#[derive(Template)]
#[template(path = "kesehatan_hari.html")]
struct Hari {
    k: Kerangka,
    pos: Posyandu,
    tanggal: NaiveDate,
    anak: Vec<Balita>,
}

impl Hari {
    fn sudah(&self) -> usize {
        self.anak.iter().filter(|a| a.sudah()).count()
    }
}

async fn hari(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<KueriHari>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_posyandu(id)?;
    let h = k.store.kesehatan();
    let pos = h
        .posyandu(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let tanggal = hari_dipilih(&k, &desa, q.tanggal.as_deref());
    let anak = h.balita(&kode, &pos, tanggal).await?;
    let orang: Vec<Uuid> = anak.iter().map(|a| a.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "lihat_balita_posyandu", &orang)
        .await?;
    let judul = format!("{} — {}", pos.nama, tanggal.format("%d-%m-%Y"));
    let halaman = Hari {
        k: Kerangka::baru(&m, Some(&desa), "kesehatan", judul)
            .dengan_pesan(q.ok.as_deref())
            .dengan_luring(),
        pos,
        tanggal,
        anak,
    };
    Ok(tampil(&halaman)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// The month's immunisation invitations of a posyandu

#[derive(Deserialize, Default)]
pub(crate) struct KueriBulan {
    /// "2026-12"
    bulan: Option<String>,
}

#[derive(Template)]
#[template(path = "kesehatan_undangan.html")]
struct HalamanUndangan {
    k: Kerangka,
    pos: Posyandu,
    bulan: NaiveDate,
    anak: Vec<Undangan>,
}

async fn undangan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<KueriBulan>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_posyandu(id)?;
    let h = k.store.kesehatan();
    let pos = h
        .posyandu(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let bulan = q
        .bulan
        .as_deref()
        .and_then(|b| tanggal(&format!("{b}-01")))
        .unwrap_or_else(|| k.store.hari_ini(desa.zona()));
    let bulan = bulan.with_day(1).unwrap_or(bulan);
    let anak = h.undangan_imunisasi(&kode, &pos, bulan).await?;
    let orang: Vec<Uuid> = anak.iter().map(|a| a.penduduk_id).collect();
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "lihat_undangan_imunisasi", &orang)
        .await?;
    let judul = format!(
        "Undangan imunisasi {} — {}",
        pos.nama,
        bulan.format("%m-%Y")
    );
    let halaman = HalamanUndangan {
        k: Kerangka::baru(&m, Some(&desa), "kesehatan", judul),
        pos,
        bulan,
        anak,
    };
    Ok(tampil(&halaman)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// One child on the posyandu day

#[derive(Template)]
#[template(path = "kesehatan_timbang.html")]
struct Form {
    k: Kerangka,
    /// The key of this entry (see `IsianPenimbangan::kunci`): kept when the form comes back
    /// with a message, so that a resend is still the same entry.
    kunci: String,
    pos: Posyandu,
    tanggal: NaiveDate,
    nama: String,
    umur: String,
    pid: Uuid,
    lalu: Option<Penimbangan>,
    /// Scheduled doses the child may get today: (code, name, when due).
    dosis: Vec<(String, String, String)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Form {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }

    fn dicentang(&self, kode: &str) -> bool {
        self.f.semua("vaksin").contains(&kode)
    }
}

#[allow(clippy::too_many_arguments)]
async fn buat_form(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    pid: Uuid,
    tanggal: NaiveDate,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
) -> Result<Form, GalatWeb> {
    let kode = &desa.desa_id;
    let h = k.store.kesehatan();
    let pos = h
        .posyandu(kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let p = k
        .store
        .penduduk(kode, pid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_balita_posyandu", &[pid])
        .await?;
    let lalu = h
        .riwayat(kode, pid)
        .await?
        .into_iter()
        .rev()
        .find(|r| r.tanggal < tanggal);
    let umur =
        balai_domain::kesehatan::Umur::Hari((tanggal - p.tanggal_lahir).num_days().max(0) as u32)
            .teks();
    let dosis = h
        .dosis_hari_ini(kode, pid, p.tanggal_lahir, tanggal)
        .await?
        .into_iter()
        .filter_map(|(x, s)| {
            let kapan = match s {
                StatusDosis::JatuhTempo(t) => format!("jadwal {}", t.format("%d-%m-%Y")),
                StatusDosis::Terlambat(t) => format!("terlambat, jadwal {}", t.format("%d-%m-%Y")),
                _ => return None,
            };
            Some((x.kode(), x.nama(), kapan))
        })
        .collect();
    let kunci = match f.get("kunci") {
        "" => Uuid::new_v4().to_string(),
        t => t.to_string(),
    };
    Ok(Form {
        k: Kerangka::baru(m, Some(desa), "kesehatan", format!("Timbang {}", p.nama))
            .dengan_luring(),
        kunci,
        pos,
        tanggal,
        nama: p.nama,
        umur,
        pid,
        lalu,
        dosis,
        f,
        g,
        galat_umum,
    })
}

async fn form(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, pid)): Path<(String, Uuid, Uuid)>,
    Query(q): Query<KueriHari>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_posyandu(id)?;
    let tanggal = hari_dipilih(&k, &desa, q.tanggal.as_deref());
    let h = buat_form(
        &k,
        &m,
        &desa,
        id,
        pid,
        tanggal,
        Isian::default(),
        DaftarGalat::default(),
        None,
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn catat(
    State(k): State<Bersama>,
    Path((kode, id, pid)): Path<(String, Uuid, Uuid)>,
    headers: HeaderMap,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    // The offline queue on the cadre's phone sends its entries with fetch and wants a short
    // answer it can act on, not a page.
    let json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_posyandu(id)?;
    let f = kir.isian;
    let tgl = tanggal(f.get("tanggal"));
    let mut g = DaftarGalat::default();
    let kunci = match f.get("kunci") {
        "" => None,
        t => match Uuid::parse_str(t) {
            Ok(u) => Some(u),
            Err(_) => {
                g.push("kunci", "Kunci catatan tidak sah; buka ulang formulirnya.");
                None
            }
        },
    };
    let mut angka = |kolom: &str, nama: &str| match desimal(f.get(kolom)) {
        Ok(v) => v,
        Err(()) => {
            g.push(kolom, format!("{nama} harus angka, contoh 8,4."));
            None
        }
    };
    let isi = IsianPenimbangan {
        kunci,
        tanggal: tgl,
        berat: angka("berat", "Berat badan"),
        panjang: angka("panjang", "Panjang/tinggi badan"),
        lingkar_kepala: angka("lingkar_kepala", "Lingkar kepala"),
        lila: angka("lila", "Lingkar lengan atas"),
        cara_ukur: f.get("cara_ukur").into(),
        vitamin_a: f.get("vitamin_a").into(),
        asi_eksklusif: f.get("asi_eksklusif") == "ya",
        pmt: f.get("pmt") == "ya",
        obat_cacing: f.get("obat_cacing") == "ya",
        imunisasi: f.get("imunisasi").into(),
        vaksin: f.semua("vaksin").into_iter().map(str::to_string).collect(),
        catatan: f.get("catatan").into(),
    };
    let hasil = if g.is_empty() {
        k.store
            .kesehatan()
            .catat_penimbangan(&kode, id, pid, &isi, &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    let tanggal_hari = tgl.unwrap_or_else(|| k.store.hari_ini(desa.zona()));
    match hasil {
        Ok(baru) if json => Ok(Json(json!({ "ok": true, "id": baru })).into_response()),
        Ok(_) => Ok(Redirect::to(&format!(
            "/desa/{kode}/kesehatan/{id}?tanggal={tanggal_hari}&ok=penimbangan"
        ))
        .into_response()),
        Err(e) if json => {
            let (g, umum) = pisah_galat(e)?;
            let galat: Vec<_> =
                g.0.iter()
                    .map(|x| json!({ "kolom": x.kolom, "pesan": x.pesan }))
                    .collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "ok": false, "galat": galat, "umum": umum })),
            )
                .into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_form(&k, &kir.m, &desa, id, pid, tanggal_hari, f, g, umum).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A child's growth

#[derive(Template)]
#[template(path = "kesehatan_anak.html")]
struct Anak {
    k: Kerangka,
    nama: String,
    tanggal_lahir: NaiveDate,
    riwayat: Vec<Penimbangan>,
    grafik_bb: String,
    grafik_tb: String,
}

impl Anak {
    fn kategori(&self, p: &Penimbangan, i: &str) -> &'static str {
        let i = match i {
            "bbu" => Indikator::BbU,
            "tbu" => Indikator::PbTbU,
            "bbtb" => Indikator::BbPbTb,
            _ => Indikator::ImtU,
        };
        p.kategori(i).unwrap_or("-")
    }

    fn z(&self, v: &Option<f64>) -> String {
        v.map(|z| format!("{z:.2}").replace('.', ","))
            .unwrap_or_else(|| "-".into())
    }

    fn angka(&self, v: &Option<f64>) -> String {
        v.map(|x| format!("{x:.1}").replace('.', ","))
            .unwrap_or_else(|| "-".into())
    }
}

async fn anak(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, pid)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    if let Some(pos) = m.pengguna.posyandu_kader() {
        let pos = k
            .store
            .kesehatan()
            .posyandu(&kode, pos)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        if !k.store.kesehatan().anak_posyandu(&kode, &pos, pid).await? {
            return Err(GalatWeb::TidakDitemukan);
        }
    }
    let p = k
        .store
        .penduduk(&kode, pid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "lihat_pertumbuhan_anak", &[pid])
        .await?;
    let riwayat = k.store.kesehatan().riwayat(&kode, pid).await?;
    let kelamin = if p.jenis_kelamin == 2 {
        Kelamin::P
    } else {
        Kelamin::L
    };
    let titik = |ambil: fn(&Penimbangan) -> Option<f64>| -> Vec<Titik> {
        riwayat
            .iter()
            .filter_map(|r| {
                ambil(r).map(|nilai| Titik {
                    umur_hari: r.umur_hari.max(0) as u32,
                    nilai,
                })
            })
            .collect()
    };
    let umur_kini = (k.store.hari_ini(desa.zona()) - p.tanggal_lahir)
        .num_days()
        .clamp(
            0,
            i64::from(balai_domain::kesehatan::zscore::UMUR_HARI_MAKS),
        ) as u32;
    let umur_maks = riwayat
        .iter()
        .map(|r| r.umur_hari.max(0) as u32)
        .max()
        .unwrap_or(0)
        .max(umur_kini);
    let grafik_bb = svg_umur(Indikator::BbU, kelamin, &titik(|r| r.berat), umur_maks);
    let grafik_tb = svg_umur(Indikator::PbTbU, kelamin, &titik(|r| r.panjang), umur_maks);
    let h = Anak {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "kesehatan",
            format!("Pertumbuhan {}", p.nama),
        ),
        nama: p.nama,
        tanggal_lahir: p.tanggal_lahir,
        riwayat,
        grafik_bb,
        grafik_tb,
    };
    Ok(tampil(&h)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// Offline posyandu days

/// The service worker that keeps the posyandu pages on the cadre's phone. It is served under
/// the village's posyandu path so that its scope covers exactly those pages.
async fn pekerja_luring(m: Masuk, Path(kode): Path<String>) -> Result<Response, GalatWeb> {
    if !m.pengguna.boleh_lihat_desa(&kode) {
        return Err(GalatWeb::TidakDitemukan);
    }
    Ok((
        [
            (header::CONTENT_TYPE, crate::JS),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("../../../aset/posyandu-sw.js"),
    )
        .into_response())
}
