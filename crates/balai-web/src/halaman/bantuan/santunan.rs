//! Death benefit claims: the village's list and one claim (heir, documents, deadline, steps),
//! and the Dinas Sosial's view across the villages of its region with the amounts, time to pay
//! and the deaths without a claim.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, baca_multipart};
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
use balai_domain::bantuan::{
    DASAR_MISKIN, JenisTanda, LangkahSantunan, PelakuSantunan, SYARAT_SANTUNAN, StatusSantunan,
};
use balai_domain::surat::teks::rp;
use balai_store::bantuan::santunan::{
    KematianTanpaKlaim, LampiranSantunan, RingkasDesa, RiwayatSantunan,
};
use balai_store::bantuan::{AhliWaris, AksiSantunan, BarisSantunan, Santunan, SaringSantunan};
use balai_store::desa::Desa;
use balai_store::penduduk::{HIDUP, Penduduk};
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/santunan", get(kabupaten))
        .route("/desa/{kode}/santunan", get(daftar).post(buka))
        .route("/desa/{kode}/santunan/{id}", get(rincian))
        .route("/desa/{kode}/santunan/{id}/ahli-waris", post(ahli_waris))
        .route("/desa/{kode}/santunan/{id}/lampiran", post(unggah))
        .route("/desa/{kode}/santunan/{id}/langkah", post(langkah))
        .route("/desa/{kode}/santunan/{id}/lampiran/{lid}", get(lampiran))
}

const PUTUS: &str = "Unggahan terputus atau terlalu besar (paling besar 3 MB). Coba lagi.";

#[derive(Template)]
#[template(path = "santunan_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    baris: Vec<BarisSantunan>,
    hari_ini: NaiveDate,
    /// The district view: per village, the average days to pay, deaths without a claim.
    kabupaten: bool,
    ringkas: Vec<RingkasDesa>,
    rata_hari: Option<f64>,
    tanpa_klaim: Vec<KematianTanpaKlaim>,
    /// The district view, when asked (`?tanda=1`): the cross-programme flags per village.
    tanda: Option<Vec<TandaDesa>>,
    status: String,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

/// One village's cross-programme flags for the district view.
struct TandaDesa {
    desa_id: String,
    nama_desa: String,
    /// Unresolved flags per kind, in `JenisTanda::SEMUA` order.
    terbuka: Vec<usize>,
    selesai: usize,
}

impl HalamanDaftar {
    fn jenis_tanda(&self) -> Vec<&'static str> {
        JenisTanda::SEMUA.iter().map(|j| j.label()).collect()
    }
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn sisa(&self, b: &BarisSantunan) -> i64 {
        (b.tenggat - self.hari_ini).num_days()
    }
    fn dasar(&self) -> Vec<(&'static str, &'static str)> {
        DASAR_MISKIN.to_vec()
    }
    fn semua_status(&self) -> Vec<(&'static str, &'static str)> {
        StatusSantunan::SEMUA
            .iter()
            .map(|s| (s.kode(), s.label()))
            .collect()
    }
    fn rata(&self) -> String {
        self.rata_hari
            .map(|r| format!("{r:.1}"))
            .unwrap_or_else(|| "-".into())
    }
}

#[derive(serde::Deserialize, Default)]
struct QueryDaftar {
    status: Option<String>,
    ok: Option<String>,
    /// District view: also run the cross-programme check over the region.
    tanda: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn halaman_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    status: String,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanDaftar, GalatWeb> {
    let s = SaringSantunan {
        desa_id: Some(desa.desa_id.clone()),
        awalan: String::new(),
        status: status.clone(),
    };
    Ok(HalamanDaftar {
        k: Kerangka::baru(m, Some(desa), "santunan", "Santunan kematian").dengan_pesan(ok),
        baris: k.store.bantuan().daftar_santunan(&s).await?,
        hari_ini: k.store.hari_ini(desa.zona()),
        kabupaten: false,
        ringkas: Vec::new(),
        rata_hari: None,
        tanpa_klaim: Vec::new(),
        tanda: None,
        status,
        f,
        g,
        galat_umum,
    })
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryDaftar>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = halaman_daftar(
        &k,
        &m,
        &desa,
        q.status.unwrap_or_default(),
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

/// Opens a claim by hand (a family outside DTKS/DTSEN on a village certificate, or a death
/// recorded before the programme existed).
async fn buka(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let nik: String = f.get("nik").chars().filter(char::is_ascii_digit).collect();
    let hasil = match k.store.penduduk_by_nik(&kode, &nik).await? {
        None => Err(balai_store::Galat::isian(
            "nik",
            "NIK almarhum tidak ditemukan di data penduduk desa ini.",
        )),
        Some(p) => {
            k.store
                .bantuan()
                .buka_santunan(&kode, p.id, f.get("dasar"), &kir.m.aktor())
                .await
        }
    };
    match hasil {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/santunan/{id}?ok=santunan")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_daftar(&k, &kir.m, &desa, String::new(), f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

/// The Dinas Sosial's view: claims waiting for it first, per village, deaths without a claim.
async fn kabupaten(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<QueryDaftar>,
) -> Result<Response, GalatWeb> {
    let awalan = m.pengguna.cakupan.clone();
    let status = q.status.unwrap_or_default();
    let b = k.store.bantuan();
    let s = SaringSantunan {
        desa_id: None,
        awalan: awalan.clone(),
        status: status.clone(),
    };
    let baris = b.daftar_santunan(&s).await?;
    let lama = b.lama_bayar(&awalan).await?;
    let rata_hari = (!lama.is_empty()).then(|| {
        lama.iter()
            .map(|(a, z)| (*z - *a).num_minutes() as f64 / 1440.0)
            .sum::<f64>()
            / lama.len() as f64
    });
    let hari_ini = k.store.hari_ini(balai_domain::ZonaWaktu::Wib);
    let tanpa_klaim = b
        .kematian_tanpa_klaim(&awalan, hari_ini - Duration::days(365))
        .await?;
    // The check reads every recipient and family of the region: only when asked for.
    let tanda = match q.tanda {
        Some(_) => Some(tanda_per_desa(&k, &awalan).await?),
        None => None,
    };
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, None, "santunan", "Santunan kematian — semua desa"),
        baris,
        hari_ini,
        kabupaten: true,
        ringkas: b.ringkasan_santunan(&awalan).await?,
        rata_hari,
        tanpa_klaim,
        tanda,
        status,
        f: Isian::default(),
        g: DaftarGalat::default(),
        galat_umum: None,
    })?
    .into_response())
}

/// Counts the cross-programme flags of every village of the region, per kind.
async fn tanda_per_desa(k: &Bersama, awalan: &str) -> Result<Vec<TandaDesa>, GalatWeb> {
    let nama: std::collections::HashMap<String, String> = k
        .store
        .daftar_desa(awalan)
        .await?
        .into_iter()
        .map(|d| (d.desa_id, d.nama))
        .collect();
    let mut hasil = Vec::new();
    k.store
        .bantuan()
        .tanda_wilayah_tiap(awalan, |desa_id, t| {
            let mut terbuka = vec![0; JenisTanda::SEMUA.len()];
            let mut selesai = 0;
            for x in &t {
                if x.selesai.is_some() {
                    selesai += 1;
                } else if let Some(i) = JenisTanda::SEMUA.iter().position(|j| *j == x.jenis) {
                    terbuka[i] += 1;
                }
            }
            hasil.push(TandaDesa {
                desa_id: desa_id.to_string(),
                nama_desa: nama.get(desa_id).cloned().unwrap_or_default(),
                terbuka,
                selesai,
            });
        })
        .await?;
    Ok(hasil)
}

// ---------------------------------------------------------------------------------------------
// One claim

#[derive(Template)]
#[template(path = "santunan_rincian.html")]
struct HalamanRincian {
    k: Kerangka,
    s: Santunan,
    almarhum: Penduduk,
    keluarga: Vec<Penduduk>,
    lampiran: Vec<LampiranSantunan>,
    kurang: Vec<String>,
    surat: Option<(Uuid, String)>,
    riwayat: Vec<(String, RiwayatSantunan, String)>,
    langkah: Vec<LangkahSantunan>,
    sisa_hari: Option<i64>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanRincian {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn boleh(&self, kode: &str) -> bool {
        self.langkah.iter().any(|l| l.kode() == kode)
    }
    fn di_desa(&self) -> bool {
        self.s.status().di_desa() && self.k.boleh_tulis
    }
    fn syarat(&self) -> Vec<(&'static str, &'static str, bool)> {
        SYARAT_SANTUNAN.to_vec()
    }
    fn pilihan_ahli(&self, id: &Uuid) -> bool {
        self.s.ahli_waris_id == Some(*id)
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
    ok: Option<&str>,
) -> Result<HalamanRincian, GalatWeb> {
    let kode = &desa.desa_id;
    let b = k.store.bantuan();
    let s = b
        .santunan(kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let almarhum = k
        .store
        .penduduk(kode, s.almarhum_id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let keluarga = match almarhum.keluarga_id {
        Some(kk) => k
            .store
            .anggota_keluarga(kode, kk)
            .await?
            .into_iter()
            .filter(|p| p.id != almarhum.id && p.status_dasar == HIDUP)
            .collect(),
        None => Vec::new(),
    };
    let mut dilihat = vec![s.almarhum_id];
    dilihat.extend(s.ahli_waris_id);
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_santunan", &dilihat)
        .await?;
    let riwayat = b.riwayat_santunan(kode, id).await?;
    let pelaku: Vec<&str> = riwayat.iter().map(|r| r.aktor.as_str()).collect();
    let nama = crate::nama::NamaAktor(k.store.nama_aktor(kode, &pelaku).await?);
    let riwayat = riwayat
        .into_iter()
        .map(|r| (waktu_zona(&r.waktu, desa.zona()), nama.nama(&r.aktor), r))
        .map(|(w, n, r)| (w, r, n))
        .collect();
    let langkah = match PelakuSantunan::dari_peran(m.peran()) {
        Some(p) => LangkahSantunan::SEMUA
            .into_iter()
            .filter(|l| s.status().langkah(*l, p).is_ok())
            .collect(),
        None => Vec::new(),
    };
    let hari_ini = k.store.hari_ini(desa.zona());
    let lampiran = b.lampiran_santunan(kode, id).await?;
    let surat = b.surat_kematian(kode, s.almarhum_id).await?;
    Ok(HalamanRincian {
        k: Kerangka::baru(
            m,
            Some(desa),
            "santunan",
            format!("Santunan kematian {}", s.nomor),
        )
        .dengan_pesan(ok),
        kurang: s.kekurangan(&lampiran, surat.is_some()),
        lampiran,
        surat,
        riwayat,
        langkah,
        sisa_hari: s.sisa_hari(hari_ini),
        almarhum,
        keluarga,
        s,
        f,
        g,
        galat_umum,
    })
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<crate::halaman::Ok>,
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
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn ulang(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    f: Isian,
    e: balai_store::Galat,
) -> Result<Response, GalatWeb> {
    let (g, umum) = pisah_galat(e)?;
    let h = halaman_rincian(k, m, desa, id, f, g, umum, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
}

async fn ahli_waris(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let a = AhliWaris {
        penduduk_id: f.get("ahli_waris_id").parse().ok(),
        nama: f.get("ahli_waris_nama").into(),
        nik: f
            .get("ahli_waris_nik")
            .chars()
            .filter(char::is_ascii_digit)
            .collect(),
        hubungan: f.get("ahli_waris_hubungan").into(),
        telepon: f.get("ahli_waris_telepon").into(),
    };
    let versi = f.angka("versi").unwrap_or(0);
    match k
        .store
        .bantuan()
        .simpan_ahli_waris(&kode, id, &a, versi, &kir.m.aktor())
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/santunan/{id}?ok=simpan")).into_response())
        }
        Err(e) => ulang(&k, &kir.m, &desa, id, f, e).await,
    }
}

async fn unggah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let (nama, isi) = berkas
        .iter()
        .find(|b| b.bidang == "berkas")
        .map(|b| (b.nama.as_str(), b.isi.as_slice()))
        .unwrap_or(("", &[]));
    match k
        .store
        .bantuan()
        .unggah_lampiran_santunan(&kode, id, f.get("syarat"), nama, isi, &m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/santunan/{id}?ok=simpan")).into_response()),
        Err(e) => ulang(&k, &m, &desa, id, f, e).await,
    }
}

async fn langkah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let pelaku = PelakuSantunan::dari_peran(kir.m.peran()).ok_or(GalatWeb::Terlarang)?;
    let l = LangkahSantunan::dari_kode(f.get("langkah")).ok_or(GalatWeb::TidakDitemukan)?;
    let a = AksiSantunan {
        langkah: l,
        pelaku,
        alasan: f.get("alasan"),
        alasan_terlambat: f.get("alasan_terlambat"),
        bukti_bayar: f.get("bukti_bayar"),
        versi: f.angka("versi"),
    };
    match k
        .store
        .bantuan()
        .langkah_santunan(&kode, id, &a, &kir.m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/santunan/{id}?ok=simpan")).into_response()),
        Err(e) => ulang(&k, &kir.m, &desa, id, f, e).await,
    }
}

async fn lampiran(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, lid)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let b = k.store.bantuan();
    let s = b
        .santunan(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let (_, mime, isi) = b
        .isi_lampiran_santunan(&kode, id, lid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let mut orang = vec![s.almarhum_id];
    orang.extend(s.ahli_waris_id);
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "unduh_lampiran_santunan", &orang)
        .await?;
    let nama = format!("dokumen.{}", crate::unduhan::ekstensi(&mime));
    Ok(unduhan(isi, &mime, &nama))
}
