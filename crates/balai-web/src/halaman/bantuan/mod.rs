//! Social protection for staff: the programme list, one programme with its recipients and
//! distributions (and the payment request that pays them), the cross-programme check, a
//! family's welfare data, and the death benefit claims (`santunan`).

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, baca_multipart, rupiah, tanggal};
use crate::kerangka::Kerangka;
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
use balai_domain::bantuan::{Aturan, JenisTanda, Sasaran};
use balai_domain::surat::teks::rp;
use balai_store::bantuan::{
    Penerima, PenerimaBaru, Penyaluran, PenyaluranBaru, Program, ProgramBaru, RingkasProgram, Tanda,
};
use balai_store::desa::Desa;
use chrono::Datelike;
use std::collections::BTreeMap;
use uuid::Uuid;

mod impor;
mod impor_dtks;
mod kesejahteraan;
mod santunan;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/bantuan", get(daftar))
        .route("/desa/{kode}/bantuan/baru", get(form_baru).post(kirim_baru))
        .route(
            "/desa/{kode}/bantuan/periksa",
            get(periksa).post(selesaikan),
        )
        .route("/desa/{kode}/bantuan/{id}", get(rincian))
        .route(
            "/desa/{kode}/bantuan/{id}/ubah",
            get(form_ubah).post(kirim_ubah),
        )
        .route("/desa/{kode}/bantuan/{id}/penerima", post(tambah_penerima))
        .route(
            "/desa/{kode}/bantuan/{id}/penerima/{pid}/hentikan",
            post(hentikan),
        )
        .route("/desa/{kode}/bantuan/{id}/salurkan", post(salurkan))
        .route("/desa/{kode}/bantuan/{id}/spp", post(ajukan_spp))
        .route(
            "/desa/{kode}/bantuan/{id}/penyaluran/{sid}/bukti",
            get(bukti),
        )
        .merge(impor::rute())
        .merge(kesejahteraan::rute())
        .merge(impor_dtks::rute())
        .merge(santunan::rute())
}

const PUTUS: &str =
    "Unggahan terputus atau terlalu besar (paling besar 3 MB per berkas). Coba lagi.";

fn tahun_ini(k: &Bersama, desa: &Desa) -> i64 {
    i64::from(k.store.hari_ini(desa.zona()).year())
}

// ---------------------------------------------------------------------------------------------
// The list

#[derive(Template)]
#[template(path = "bantuan_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    program: Vec<RingkasProgram>,
    tanda_terbuka: usize,
}

impl HalamanDaftar {
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let program = k.store.bantuan().daftar_program(&kode, None).await?;
    let tanda_terbuka = k
        .store
        .bantuan()
        .tanda(&kode)
        .await?
        .iter()
        .filter(|t| t.selesai.is_none())
        .count();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, Some(&desa), "bantuan", "Bantuan sosial")
            .dengan_pesan(q.ok.as_deref()),
        program,
        tanda_terbuka,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The programme form

#[derive(Template)]
#[template(path = "bantuan_program_form.html")]
struct HalamanForm {
    k: Kerangka,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    /// (key, label) of the budget lines a programme can be paid from.
    baris: Vec<(String, String)>,
}

impl HalamanForm {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn teks(&self) -> [(&'static str, &'static str); 6] {
        [
            (
                "kode",
                "Kode program * (misalnya BLT-DD, PKH, SANTUNAN-KEMATIAN)",
            ),
            ("nama", "Nama program *"),
            ("tahun", "Tahun *"),
            (
                "nominal",
                "Besaran per penerima per penyaluran (Rp; 0 untuk bantuan barang)",
            ),
            ("bentuk", "Bentuk bantuan (tunai, beras 10 kg, …)"),
            ("asal_dana", "Asal dana (Dana Desa, APBD, Kemensos, …)"),
        ]
    }
    fn sasaran(&self) -> Vec<(&'static str, &'static str)> {
        Sasaran::SEMUA
            .iter()
            .map(|s| (s.kode(), s.label()))
            .collect()
    }
}

fn isian_program(g: &Program) -> Isian {
    let a = g.aturan();
    let o = |x: Option<u8>| x.map(|v| v.to_string()).unwrap_or_default();
    Isian(vec![
        ("kode".into(), g.kode.clone()),
        ("nama".into(), g.nama.clone()),
        ("sasaran".into(), g.sasaran.clone()),
        ("tahun".into(), g.tahun.to_string()),
        ("mulai".into(), g.mulai.to_string()),
        ("selesai".into(), g.selesai.to_string()),
        ("nominal".into(), g.nominal.to_string()),
        ("bentuk".into(), g.bentuk.clone()),
        ("asal_dana".into(), g.asal_dana.clone()),
        (
            "baris_kunci".into(),
            g.baris_kunci.map(|b| b.to_string()).unwrap_or_default(),
        ),
        ("desil_maks".into(), o(a.desil_maks)),
        ("kriteria_min".into(), o(a.kriteria_min)),
        (
            "wajib_dtks".into(),
            if a.wajib_dtks {
                "ya".into()
            } else {
                String::new()
            },
        ),
        (
            "tanpa_perangkat".into(),
            if a.tanpa_perangkat {
                "ya".into()
            } else {
                String::new()
            },
        ),
        ("larangan".into(), a.larangan.join(", ")),
        (
            "tenggat_hari".into(),
            a.tenggat_hari.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "publikasi".into(),
            if g.publikasi {
                "ya".into()
            } else {
                String::new()
            },
        ),
        ("keterangan".into(), g.keterangan.clone()),
        ("versi".into(), g.versi.to_string()),
    ])
}

/// The form as a programme, with the fields that do not parse as errors.
fn baca_program(f: &Isian) -> Result<ProgramBaru, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let mut kecil = |kolom: &str, label: &str| -> Option<u8> {
        let s = f.get(kolom).trim();
        if s.is_empty() {
            return None;
        }
        s.parse().ok().or_else(|| {
            g.push(kolom, format!("{label} harus angka."));
            None
        })
    };
    let desil_maks = kecil("desil_maks", "Batas desil");
    let kriteria_min = kecil("kriteria_min", "Jumlah kriteria");
    let tenggat_hari = match f.get("tenggat_hari").trim() {
        "" => None,
        s => match s.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                g.push("tenggat_hari", "Batas hari pengajuan harus angka.");
                None
            }
        },
    };
    let nominal = rupiah(f.get("nominal")).unwrap_or_else(|| {
        g.push(
            "nominal",
            "Besaran bantuan ditulis dalam rupiah, misalnya 300.000.",
        );
        0
    });
    let sasaran = Sasaran::dari_kode(f.get("sasaran")).unwrap_or_else(|| {
        g.push("sasaran", "Pilih sasaran program.");
        Sasaran::Keluarga
    });
    let tahun = f.angka("tahun").unwrap_or_else(|| {
        g.push("tahun", "Tahun program harus angka (misalnya 2026).");
        0
    });
    let baris_kunci = match f.get("baris_kunci") {
        "" => None,
        s => Some(s.parse().map_err(|_| {
            let mut g = DaftarGalat::default();
            g.push("baris_kunci", "Baris APBDes tidak dikenal.");
            g
        })?),
    };
    g.into_result(())?;
    Ok(ProgramBaru {
        kode: f.get("kode").into(),
        nama: f.get("nama").into(),
        sasaran,
        tahun,
        mulai: tanggal(f.get("mulai")),
        selesai: tanggal(f.get("selesai")),
        nominal,
        bentuk: f.get("bentuk").into(),
        asal_dana: f.get("asal_dana").into(),
        baris_kunci,
        aturan: Aturan {
            desil_maks,
            wajib_dtks: f.get("wajib_dtks") == "ya",
            kriteria_min,
            tanpa_perangkat: f.get("tanpa_perangkat") == "ya",
            larangan: Aturan::larangan_dari_teks(f.get("larangan")),
            tenggat_hari,
        },
        publikasi: f.get("publikasi") == "ya",
        keterangan: f.get("keterangan").into(),
    })
}

/// The spending lines of the year's budget in force, for linking a village-funded programme.
async fn baris_belanja(k: &Bersama, desa: &Desa) -> Result<Vec<(String, String)>, GalatWeb> {
    let tahun = tahun_ini(k, desa);
    let baris = match k.store.apbdes_berlaku(&desa.desa_id, tahun).await? {
        Some(v) => k.store.baris_anggaran(&desa.desa_id, v.id).await?,
        None => Vec::new(),
    };
    Ok(baris
        .into_iter()
        .filter(|b| b.keluar())
        .map(|b| {
            (
                b.kunci.to_string(),
                format!("{} {} — {}", b.kode_kegiatan, b.kode_rekening, b.uraian),
            )
        })
        .collect())
}

async fn halaman_form(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Option<Uuid>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
) -> Result<HalamanForm, GalatWeb> {
    let judul = if id.is_some() {
        "Ubah program bantuan"
    } else {
        "Program bantuan baru"
    };
    Ok(HalamanForm {
        k: Kerangka::baru(m, Some(desa), "bantuan", judul),
        f,
        g,
        galat_umum,
        baris: baris_belanja(k, desa).await?,
    })
}

async fn form_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let t = tahun_ini(&k, &desa);
    let f = Isian(vec![
        ("tahun".into(), t.to_string()),
        ("mulai".into(), format!("{t}-01-01")),
        ("selesai".into(), format!("{t}-12-31")),
        ("sasaran".into(), "keluarga".into()),
    ]);
    let h = halaman_form(&k, &m, &desa, None, f, DaftarGalat::default(), None).await?;
    Ok(tampil(&h)?.into_response())
}

async fn simpan(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Option<Uuid>,
    f: Isian,
) -> Result<Response, GalatWeb> {
    m.wajib_tulis()?;
    let kode = &desa.desa_id;
    let hasil = match baca_program(&f) {
        Ok(b) => {
            let versi = f.angka("versi").unwrap_or(0);
            k.store
                .bantuan()
                .simpan_program(kode, id.map(|i| (i, versi)), &b, &m.aktor())
                .await
        }
        Err(g) => Err(balai_store::Galat::Isian(g)),
    };
    match hasil {
        Ok(id) => Ok(Redirect::to(&format!("/desa/{kode}/bantuan/{id}?ok=simpan")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_form(k, m, desa, id, f, g, umum).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

async fn kirim_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    simpan(&k, &kir.m, &desa, None, kir.isian).await
}

async fn form_ubah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let g = k
        .store
        .bantuan()
        .program(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let h = halaman_form(
        &k,
        &m,
        &desa,
        Some(id),
        isian_program(&g),
        DaftarGalat::default(),
        None,
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn kirim_ubah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    simpan(&k, &kir.m, &desa, Some(id), kir.isian).await
}

// ---------------------------------------------------------------------------------------------
// One programme

/// A period's distributions and the payment request that pays them.
struct Periode {
    periode: String,
    jumlah: i64,
    penerima: usize,
    tanpa_spp: usize,
    spp: Vec<(Uuid, String, String)>,
}

#[derive(Template)]
#[template(path = "bantuan_program.html")]
struct HalamanProgram {
    k: Kerangka,
    g: Program,
    aturan: Vec<String>,
    /// One page of the recipients (`PER_HALAMAN`), and where it sits in the whole list.
    penerima: Vec<Penerima>,
    halaman: usize,
    jumlah_halaman: usize,
    jumlah_penerima: usize,
    ada_aktif: bool,
    /// The latest distributions (`PER_HALAMAN`) with their recipients' names, of `jumlah_salur`.
    salur: Vec<(Penyaluran, String)>,
    jumlah_salur: usize,
    periode: Vec<Periode>,
    f: Isian,
    e: DaftarGalat,
    galat_umum: Option<String>,
    periode_ini: String,
    hari_ini: String,
}

/// Rows per page of a programme's recipients and of its latest distributions: a programme of
/// hundreds stays a light page, and only the people shown are written to the access log.
const PER_HALAMAN: usize = 100;

impl HalamanProgram {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.e.untuk(kolom)
    }
    fn rp(&self, n: &i64) -> String {
        rp(*n)
    }
    fn pertama(&self) -> usize {
        (self.halaman - 1) * PER_HALAMAN + 1
    }
    fn terakhir(&self) -> usize {
        self.pertama() + self.penerima.len() - 1
    }
}

fn uraian_aturan(a: &Aturan) -> Vec<String> {
    let mut v = Vec::new();
    if a.wajib_dtks {
        v.push("Terdaftar DTKS/DTSEN".into());
    }
    if let Some(d) = a.desil_maks {
        v.push(format!("Desil 1–{d}"));
    }
    if let Some(n) = a.kriteria_min {
        v.push(format!(
            "Memenuhi paling sedikit {n} dari 14 kriteria miskin"
        ));
    }
    if a.tanpa_perangkat {
        v.push("Bukan keluarga perangkat desa".into());
    }
    if !a.larangan.is_empty() {
        v.push(format!("Tidak bersamaan dengan {}", a.larangan.join(", ")));
    }
    if let Some(h) = a.tenggat_hari {
        v.push(format!("Diajukan paling lambat {h} hari setelah kematian"));
    }
    v
}

#[allow(clippy::too_many_arguments)]
async fn halaman_program(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    halaman: usize,
    f: Isian,
    e: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanProgram, GalatWeb> {
    let kode = &desa.desa_id;
    let b = k.store.bantuan();
    let g = b.program(kode, id).await?.ok_or(GalatWeb::TidakDitemukan)?;
    let semua = b.penerima(kode, id).await?;
    let jumlah_penerima = semua.len();
    let jumlah_halaman = jumlah_penerima.div_ceil(PER_HALAMAN).max(1);
    let halaman = halaman.clamp(1, jumlah_halaman);
    let ada_aktif = semua.iter().any(|p| p.aktif);
    let nama: BTreeMap<Uuid, (Uuid, String)> = semua
        .iter()
        .map(|p| (p.id, (p.penduduk_id, p.nama.clone())))
        .collect();
    let daftar = b.penyaluran(kode, id).await?;
    let mut per: BTreeMap<String, Periode> = BTreeMap::new();
    for s in &daftar {
        let p = per.entry(s.periode.clone()).or_insert_with(|| Periode {
            periode: s.periode.clone(),
            jumlah: 0,
            penerima: 0,
            tanpa_spp: 0,
            spp: Vec::new(),
        });
        p.jumlah += s.nominal;
        p.penerima += 1;
        match s.spp_id {
            None => p.tanpa_spp += 1,
            Some(x) if !p.spp.iter().any(|(i, _, _)| *i == x) => {
                if let Some(spp) = k.store.spp(kode, x).await? {
                    p.spp
                        .push((x, spp.nomor_spp(), spp.label_status().to_string()));
                }
            }
            Some(_) => {}
        }
    }
    let jumlah_salur = daftar.len();
    let salur: Vec<(Penyaluran, String)> = daftar
        .into_iter()
        .take(PER_HALAMAN)
        .map(|s| {
            let n = nama.get(&s.penerima_id).map(|x| x.1.clone());
            (s, n.unwrap_or_default())
        })
        .collect();
    let penerima: Vec<Penerima> = semua
        .into_iter()
        .skip((halaman - 1) * PER_HALAMAN)
        .take(PER_HALAMAN)
        .collect();
    // Everyone whose name or NIK this page shows, once.
    let mut orang: Vec<Uuid> = penerima.iter().map(|p| p.penduduk_id).collect();
    orang.extend(
        salur
            .iter()
            .filter_map(|s| nama.get(&s.0.penerima_id).map(|x| x.0)),
    );
    orang.sort();
    orang.dedup();
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_penerima_bantuan", &orang)
        .await?;
    let hari = k.store.hari_ini(desa.zona());
    Ok(HalamanProgram {
        k: Kerangka::baru(m, Some(desa), "bantuan", format!("{} {}", g.nama, g.tahun))
            .dengan_pesan(ok),
        aturan: uraian_aturan(&g.aturan()),
        salur,
        jumlah_salur,
        periode: per.into_values().rev().collect(),
        g,
        penerima,
        halaman,
        jumlah_halaman,
        jumlah_penerima,
        ada_aktif,
        f,
        e,
        galat_umum,
        periode_ini: hari.format("%Y-%m").to_string(),
        hari_ini: hari.to_string(),
    })
}

#[derive(serde::Deserialize)]
struct KueriProgram {
    ok: Option<String>,
    #[serde(default)]
    hal: Option<usize>,
    /// A recipient picked from the list: the distribution form starts with their NIK.
    salur: Option<Uuid>,
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<KueriProgram>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let mut f = Isian::default();
    if let Some(pid) = q.salur
        && let Some(p) = k
            .store
            .bantuan()
            .penerima(&kode, id)
            .await?
            .into_iter()
            .find(|p| p.id == pid && p.aktif)
    {
        // The form shows this person's NIK, whichever page is open.
        k.store
            .catat_akses_penduduk(
                &kode,
                &m.aktor(),
                "lihat_penerima_bantuan",
                &[p.penduduk_id],
            )
            .await?;
        f.0.push(("nik_penerima".into(), p.nik));
    }
    let h = halaman_program(
        &k,
        &m,
        &desa,
        id,
        q.hal.unwrap_or(1),
        f,
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

/// Shows the programme page again with the form's errors.
async fn ulang(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    f: Isian,
    e: balai_store::Galat,
) -> Result<Response, GalatWeb> {
    let (g, umum) = pisah_galat(e)?;
    let h = halaman_program(k, m, desa, id, 1, f, g, umum, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
}

async fn tambah_penerima(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let b = PenerimaBaru {
        nik: f.get("nik").chars().filter(char::is_ascii_digit).collect(),
        dasar: f.get("dasar").into(),
        alasan_abaikan: f.get("alasan_abaikan").into(),
    };
    match k
        .store
        .bantuan()
        .tambah_penerima(&kode, id, &b, &kir.m.aktor())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/bantuan/{id}?ok=penerima")).into_response())
        }
        Err(e) => ulang(&k, &kir.m, &desa, id, f, e).await,
    }
}

async fn hentikan(
    State(k): State<Bersama>,
    Path((kode, id, pid)): Path<(String, Uuid, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    match k
        .store
        .bantuan()
        .hentikan_penerima(&kode, pid, f.get("alasan"), &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/desa/{kode}/bantuan/{id}?ok=simpan")).into_response()),
        Err(e) => ulang(&k, &kir.m, &desa, id, f, e).await,
    }
}

async fn salurkan(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_tulis()?;
    let bukti = berkas
        .iter()
        .find(|b| b.bidang == "bukti")
        .map(|b| b.isi.as_slice())
        .unwrap_or(&[]);
    let nik: String = f
        .get("nik_penerima")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let penerima = k.store.bantuan().penerima(&kode, id).await?;
    let Some(penerima_id) = penerima
        .iter()
        .find(|p| p.aktif && p.nik == nik)
        .map(|p| p.id)
    else {
        let pesan = if nik.len() != 16 {
            "Tulis NIK penerima, 16 angka (dari KTP atau kartu bantuannya), atau tekan \"Salurkan\" pada baris penerima di daftar."
        } else if penerima.iter().any(|p| p.nik == nik) {
            "Penerima dengan NIK ini sudah berhenti dari program ini; penyaluran tidak dapat dicatat."
        } else {
            "NIK ini bukan penerima program ini. Periksa NIK-nya, atau tambahkan dulu sebagai penerima."
        };
        let e = balai_store::Galat::isian("nik_penerima", pesan);
        return ulang(&k, &m, &desa, id, f, e).await;
    };
    let Some(nominal) = rupiah(f.get("nominal")) else {
        let e =
            balai_store::Galat::isian("nominal", "Nominal ditulis dalam rupiah, misalnya 300.000.");
        return ulang(&k, &m, &desa, id, f, e).await;
    };
    let b = PenyaluranBaru {
        penerima_id,
        periode: f.get("periode").into(),
        tanggal: tanggal(f.get("tanggal")),
        nominal,
        bukti,
    };
    match k
        .store
        .bantuan()
        .catat_penyaluran(&kode, &b, &m.aktor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/bantuan/{id}?ok=salur")).into_response()),
        Err(e) => ulang(&k, &m, &desa, id, f, e).await,
    }
}

async fn ajukan_spp(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    match k
        .store
        .bantuan()
        .ajukan_spp_periode(&kode, id, f.get("periode"), &kir.m.aktor())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/desa/{kode}/bantuan/{id}?ok=spp_bantuan")).into_response())
        }
        Err(e) => ulang(&k, &kir.m, &desa, id, f, e).await,
    }
}

async fn bukti(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, _id, sid)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let (mime, isi) = k
        .store
        .bantuan()
        .bukti_penyaluran(&kode, sid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses(
            &kode,
            &m.aktor(),
            "unduh_bukti_penyaluran",
            "penyaluran",
            sid.to_string(),
        )
        .await?;
    let nama = format!("bukti.{}", crate::unduhan::ekstensi(&mime));
    Ok(unduhan(isi, &mime, &nama))
}

// ---------------------------------------------------------------------------------------------
// The cross-programme check

#[derive(Template)]
#[template(path = "bantuan_periksa.html")]
struct HalamanPeriksa {
    k: Kerangka,
    tanda: Vec<Tanda>,
    e: DaftarGalat,
    galat_umum: Option<String>,
}

impl HalamanPeriksa {
    fn jumlah(&self, jenis: &JenisTanda) -> usize {
        self.tanda
            .iter()
            .filter(|t| t.jenis == *jenis && t.selesai.is_none())
            .count()
    }
    fn semua_jenis(&self) -> Vec<JenisTanda> {
        JenisTanda::SEMUA.to_vec()
    }
}

async fn halaman_periksa(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    e: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<HalamanPeriksa, GalatWeb> {
    Ok(HalamanPeriksa {
        k: Kerangka::baru(m, Some(desa), "bantuan", "Pemeriksaan lintas program").dengan_pesan(ok),
        tanda: k.store.bantuan().tanda(&desa.desa_id).await?,
        e,
        galat_umum,
    })
}

async fn periksa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<crate::halaman::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = halaman_periksa(&k, &m, &desa, DaftarGalat::default(), None, q.ok.as_deref()).await?;
    Ok(tampil(&h)?.into_response())
}

async fn selesaikan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let jenis = JenisTanda::dari_kode(f.get("jenis")).ok_or(GalatWeb::TidakDitemukan)?;
    match k
        .store
        .bantuan()
        .selesaikan_tanda(
            &kode,
            jenis,
            f.get("kunci"),
            f.get("catatan"),
            &kir.m.aktor(),
        )
        .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/desa/{kode}/bantuan/periksa?ok=simpan")).into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = halaman_periksa(&k, &kir.m, &desa, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}
