//! Letters at the counter: the list, a new request in one screen, the letter page with its
//! timeline and the next step for each role, and the PDF.

mod jenis;
mod laporan;
mod masuk;

use super::Ok;
use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{ekstensi, nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::surat::jenis::JenisSurat;
use balai_domain::surat::teks::rupiah;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::pengguna::Peran;
use balai_store::surat::{
    LangkahSurat, Penandatangan, Permohonan, SaringSurat, StatusSurat, Surat, TerbitkanSurat,
};
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/surat", get(daftar).post(cari))
        .route("/desa/{kode}/surat/baru", get(form_baru).post(simpan_baru))
        .route("/desa/{kode}/surat/{id}", get(rincian))
        .route("/desa/{kode}/surat/{id}/pdf", get(unduh_pdf))
        .route("/desa/{kode}/surat/{id}/pratinjau", get(pratinjau))
        .route("/desa/{kode}/surat/pemohon", post(saran_pemohon))
        .route("/desa/{kode}/surat/{id}/tanda-terima", get(tanda_terima))
        .route("/desa/{kode}/surat/{id}/lampiran", post(unggah_lampiran))
        .route(
            "/desa/{kode}/surat/{id}/lampiran/{lampiran}",
            get(unduh_lampiran),
        )
        .route("/desa/{kode}/surat/{id}/{aksi}", post(aksi))
        .merge(jenis::rute())
        .merge(laporan::rute())
        .merge(masuk::rute())
}

/// Who signs, and how it is printed: an official the village named (with their own title and
/// "a.n."/"u.b." lines), else the head of the village, or the secretary on the head's behalf.
pub(crate) async fn penandatangan(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
) -> Result<Option<Penandatangan>, GalatWeb> {
    if let Some(d) = k
        .store
        .penandatangan_pengguna(&desa.desa_id, m.pengguna.id)
        .await?
    {
        return Ok(Some(Penandatangan {
            nama: m.pengguna.nama.to_uppercase(),
            jabatan: d.jabatan,
            atas_nama: d.atas_nama,
        }));
    }
    Ok(match m.peran() {
        Peran::Kades => Some(Penandatangan {
            nama: m.pengguna.nama.to_uppercase(),
            jabatan: format!("Kepala Desa {}", desa.nama),
            atas_nama: String::new(),
        }),
        Peran::Sekdes => Some(Penandatangan {
            nama: m.pengguna.nama.to_uppercase(),
            jabatan: format!("Sekretaris Desa {}", desa.nama),
            atas_nama: format!("a.n. Kepala Desa {}", desa.nama),
        }),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------------
// List

#[derive(Template)]
#[template(path = "surat_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    surat: Vec<Surat>,
    jenis: Vec<(String, String)>,
    status: Vec<(&'static str, &'static str)>,
    pilih_status: String,
    pilih_jenis: String,
    q: String,
    berikutnya: Option<Uuid>,
    boleh_tandatangan: bool,
}

const PER_HALAMAN: i64 = 50;

async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: &Isian,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let pilih_status = f.get("status").to_string();
    let status = match pilih_status.as_str() {
        "" => vec![],
        "proses" => vec![StatusSurat::Diajukan, StatusSurat::Diperiksa],
        s => StatusSurat::dari_kode(s).into_iter().collect(),
    };
    let saring = SaringSurat {
        status,
        jenis_kode: f.get("jenis").to_string(),
        q: f.get("q").to_string(),
        ..Default::default()
    };
    let sebelum = f.get("sebelum").parse::<Uuid>().ok();
    let mut surat = k
        .store
        .daftar_surat(&desa.desa_id, &saring, sebelum, PER_HALAMAN + 1)
        .await?;
    let berikutnya = if surat.len() as i64 > PER_HALAMAN {
        surat.truncate(PER_HALAMAN as usize);
        surat.last().map(|s| s.id)
    } else {
        None
    };
    let jenis = k
        .store
        .daftar_jenis_surat(&desa.desa_id)
        .await?
        .into_iter()
        .map(|j| (j.jenis.kode, j.jenis.nama))
        .collect();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(m, Some(desa), "surat", "Layanan surat").dengan_pesan(ok),
        surat,
        jenis,
        status: vec![
            ("", "Semua"),
            ("proses", "Dalam proses"),
            ("diperiksa", "Menunggu tanda tangan"),
            ("diterbitkan", "Terbit"),
            ("diserahkan", "Diserahkan"),
            ("ditolak", "Ditolak"),
            ("dibatalkan", "Dibatalkan"),
        ],
        pilih_status,
        pilih_jenis: f.get("jenis").to_string(),
        q: f.get("q").to_string(),
        berikutnya,
        boleh_tandatangan: penandatangan(k, m, desa).await?.is_some(),
    })?
    .into_response())
}

#[derive(serde::Deserialize, Default)]
struct SaringUrl {
    status: Option<String>,
    jenis: Option<String>,
    ok: Option<String>,
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<SaringUrl>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    // Status and type are not personal, so they may sit in the URL; names are only POSTed.
    let f = Isian(vec![
        ("status".into(), q.status.unwrap_or_default()),
        ("jenis".into(), q.jenis.unwrap_or_default()),
    ]);
    tampil_daftar(&k, &m, &desa, &f, q.ok.as_deref()).await
}

async fn cari(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    tampil_daftar(&k, &kir.m, &desa, &kir.isian, None).await
}

// ---------------------------------------------------------------------------------------------
// New request (the counter screen)

pub struct BidangSurat {
    pub nama: String,
    pub label: String,
    pub jenis: &'static str,
    pub nilai: String,
    pub wajib: bool,
    pub pilihan: Vec<String>,
    pub galat: Option<String>,
    pub petunjuk: String,
}

impl BidangSurat {
    pub fn panjang(&self) -> bool {
        self.jenis == "teks_panjang"
    }
    pub fn pilih(&self) -> bool {
        self.jenis == "pilihan"
    }
    /// Every field is a text field: dates are typed day-month-year (a date picker would follow
    /// the browser's language), with the number keyboard on phones.
    pub fn mode_input(&self) -> &'static str {
        match self.jenis {
            "angka" | "nik" | "tanggal" => "numeric",
            _ => "text",
        }
    }
}

pub(crate) fn bidang_surat(j: &JenisSurat, f: &Isian, g: &DaftarGalat) -> Vec<BidangSurat> {
    let mut hasil = Vec::new();
    for p in &j.orang {
        let nama = format!("orang.{}", p.kunci);
        hasil.push(BidangSurat {
            label: format!("NIK {}", p.label),
            jenis: "nik",
            nilai: f.get(&nama).to_string(),
            wajib: p.wajib,
            pilihan: vec![],
            galat: g.untuk(&nama).map(str::to_string),
            petunjuk: "Penduduk desa ini; datanya diambil dari data penduduk.".into(),
            nama,
        });
    }
    hasil.extend(bidang_isian(&j.isian, f, g));
    hasil
}

/// Inputs for extra fields (of a letter type or a civil registration application), named
/// `isian.{key}`.
pub(crate) fn bidang_isian(
    daftar: &[balai_domain::surat::jenis::Isian],
    f: &Isian,
    g: &DaftarGalat,
) -> Vec<BidangSurat> {
    let mut hasil = Vec::new();
    for i in daftar {
        let nama = format!("isian.{}", i.kunci);
        hasil.push(BidangSurat {
            label: i.label.clone(),
            jenis: i.jenis.kode(),
            nilai: f.get(&nama).to_string(),
            wajib: i.wajib,
            pilihan: i.pilihan.clone(),
            galat: g.untuk(&nama).map(str::to_string),
            petunjuk: String::new(),
            nama,
        });
    }
    hasil
}

#[derive(Template)]
#[template(path = "surat_baru.html")]
struct HalamanBaru {
    k: Kerangka,
    daftar_jenis: Vec<(String, String)>,
    jenis: Option<JenisSurat>,
    biaya: String,
    nik: String,
    galat_nik: Option<String>,
    pemohon: Option<String>,
    penduduk_id: String,
    bidang: Vec<BidangSurat>,
    kertas: String,
    galat_umum: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct QueryBaru {
    jenis: Option<String>,
    penduduk: Option<Uuid>,
}

#[allow(clippy::too_many_arguments)]
async fn tampil_baru(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    kode_jenis: &str,
    f: &Isian,
    galat: &DaftarGalat,
    galat_umum: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let semua = k.store.daftar_jenis_surat_terpakai(&desa.desa_id).await?;
    let jenis = semua
        .iter()
        .find(|j| j.jenis.kode == kode_jenis && j.aktif)
        .map(|j| j.jenis.clone());
    let daftar_jenis = semua
        .iter()
        .filter(|j| j.aktif)
        .map(|j| (j.jenis.kode.clone(), j.jenis.nama.clone()))
        .collect();
    // A resident picked from their page arrives by id; show whom the letter is for.
    let mut pemohon = None;
    let mut nik = f.get("nik").to_string();
    if let Ok(id) = f.get("penduduk_id").parse::<Uuid>()
        && let Some(p) = k.store.penduduk(&desa.desa_id, id).await?
    {
        pemohon = Some(format!("{} — {} RW {} RT {}", p.nama, p.dusun, p.rw, p.rt));
        if nik.is_empty() {
            nik = p.nik;
        }
    }
    let bidang = jenis
        .as_ref()
        .map(|j| bidang_surat(j, f, galat))
        .unwrap_or_default();
    let kertas = match f.get("kertas") {
        "" => k.store.pengaturan_surat(&desa.desa_id).await?.kertas,
        x => x.to_string(),
    };
    let html = tampil(&HalamanBaru {
        k: Kerangka::baru(m, Some(desa), "surat", "Buat surat"),
        daftar_jenis,
        biaya: jenis.as_ref().map(|j| rupiah(j.biaya)).unwrap_or_default(),
        jenis,
        nik,
        galat_nik: galat.untuk("penduduk").map(str::to_string),
        pemohon,
        penduduk_id: f.get("penduduk_id").to_string(),
        bidang,
        kertas,
        galat_umum,
    })?;
    Ok((status, html).into_response())
}

async fn form_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryBaru>,
) -> Result<Response, GalatWeb> {
    m.wajib_tulis()?;
    let desa = m.desa(&k, &kode).await?;
    let f = Isian(vec![(
        "penduduk_id".into(),
        q.penduduk.map(|p| p.to_string()).unwrap_or_default(),
    )]);
    tampil_baru(
        &k,
        &m,
        &desa,
        q.jenis.as_deref().unwrap_or(""),
        &f,
        &DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn simpan_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_tulis()?;
    let desa = m.desa(&k, &kode).await?;
    let f = &kir.isian;
    let jenis_kode = f.get("jenis").to_string();
    let nik: String = f
        .get("nik")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let gagal = |g: DaftarGalat, umum: Option<String>| {
        let k = k.clone();
        let desa = desa.clone();
        let jenis_kode = jenis_kode.clone();
        async move {
            tampil_baru(
                &k,
                m,
                &desa,
                &jenis_kode,
                f,
                &g,
                umum,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let penduduk = if nik.len() == 16 && nik.chars().all(|c| c.is_ascii_digit()) {
        k.store.penduduk_by_nik(&desa.desa_id, &nik).await?
    } else {
        None
    };
    let Some(penduduk) = penduduk else {
        let mut g = DaftarGalat::default();
        g.push(
            "penduduk",
            if nik.is_empty() {
                "NIK pemohon wajib diisi (16 angka, lihat KTP atau KK)."
            } else if nik.len() != 16 {
                "NIK harus 16 angka."
            } else {
                "NIK ini tidak ditemukan di data penduduk desa ini. Periksa kembali, atau catat penduduknya lebih dahulu."
            },
        );
        return gagal(g, None).await;
    };
    let mut isian = BTreeMap::new();
    let mut orang = BTreeMap::new();
    for (nama, nilai) in &f.0 {
        if let Some(kunci) = nama.strip_prefix("isian.") {
            isian.insert(kunci.to_string(), nilai.clone());
        } else if let Some(kunci) = nama.strip_prefix("orang.") {
            orang.insert(kunci.to_string(), nilai.clone());
        }
    }
    let permohonan = Permohonan {
        jenis_kode: jenis_kode.clone(),
        penduduk_id: penduduk.id,
        isian,
        orang,
        kanal: "loket".into(),
        kertas: f.get("kertas").to_string(),
        langsung_diperiksa: true,
        pengganti_dari: None,
    };
    match k
        .store
        .ajukan_surat(&desa.desa_id, &permohonan, &m.aktor())
        .await
    {
        Ok(id) => Ok(
            Redirect::to(&format!("/desa/{}/surat/{id}?ok=surat_baru", desa.desa_id))
                .into_response(),
        ),
        Err(Galat::Isian(g)) => gagal(g, None).await,
        Err(Galat::Ditolak(p)) => gagal(DaftarGalat::default(), Some(p)).await,
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// The letter page

pub struct Baris {
    pub label: String,
    pub nilai: String,
}

#[derive(Template)]
#[template(path = "surat_rincian.html")]
struct HalamanRincian {
    k: Kerangka,
    s: Surat,
    status: StatusSurat,
    pemohon: Vec<Baris>,
    pemohon_hidup: bool,
    isian: Vec<Baris>,
    persyaratan: Vec<String>,
    biaya: String,
    riwayat: Vec<LangkahSurat>,
    nama: crate::nama::NamaAktor,
    boleh_tandatangan: bool,
    lampiran: Vec<balai_store::surat::LampiranSurat>,
    galat: Option<String>,
    alasan: String,
}

async fn tampil_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    ok: Option<&str>,
    galat: Option<String>,
    alasan: &str,
) -> Result<Response, GalatWeb> {
    let s = k
        .store
        .surat(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    // The page shows the applicant's identity: record who looked.
    k.store
        .catat_akses(&desa.desa_id, &m.aktor(), "lihat", "surat", id.to_string())
        .await?;
    let p = k
        .store
        .penduduk(&desa.desa_id, s.penduduk_id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let jenis = k.store.jenis_surat(&desa.desa_id, &s.jenis_kode).await?;
    let tersimpan = s.isian_tersimpan();
    let mut isian = Vec::new();
    if let Some(j) = &jenis {
        for (peran, pid) in &tersimpan.orang {
            let label = j
                .jenis
                .orang
                .iter()
                .find(|o| &o.kunci == peran)
                .map(|o| o.label.clone())
                .unwrap_or(peran.clone());
            if let Some(o) = k.store.penduduk(&desa.desa_id, *pid).await? {
                isian.push(Baris {
                    label,
                    nilai: format!("{} (NIK {})", o.nama, o.nik),
                });
            }
        }
        for f in &j.jenis.isian {
            isian.push(Baris {
                label: f.label.clone(),
                nilai: tersimpan.isian.get(&f.kunci).cloned().unwrap_or_default(),
            });
        }
    }
    let pemohon = vec![
        Baris {
            label: "Nama".into(),
            nilai: p.nama.clone(),
        },
        Baris {
            label: "NIK".into(),
            nilai: p.nik.clone(),
        },
        Baris {
            label: "Nomor KK".into(),
            nilai: p.no_kk.clone().unwrap_or_default(),
        },
        Baris {
            label: "Tempat, tanggal lahir".into(),
            nilai: format!(
                "{}, {}",
                p.tempat_lahir,
                balai_domain::surat::teks::tanggal_indonesia(p.tanggal_lahir)
            ),
        },
        Baris {
            label: "Alamat".into(),
            nilai: format!("{} RW {} RT {}", p.dusun, p.rw, p.rt),
        },
        Baris {
            label: "Status".into(),
            nilai: p.status_label().to_string(),
        },
    ];
    let riwayat = k.store.riwayat_surat(&desa.desa_id, id).await?;
    let html = tampil(&HalamanRincian {
        k: Kerangka::baru(m, Some(desa), "surat", format!("Surat {}", s.jenis_nama))
            .dengan_pesan(ok),
        status: s.status(),
        pemohon,
        pemohon_hidup: p.status_dasar == balai_store::penduduk::HIDUP,
        isian,
        persyaratan: jenis
            .as_ref()
            .map(|j| j.jenis.persyaratan.clone())
            .unwrap_or_default(),
        biaya: rupiah(s.biaya),
        nama: {
            let r: Vec<&str> = riwayat.iter().map(|l| l.aktor.as_str()).collect();
            crate::nama::NamaAktor(k.store.nama_aktor(&desa.desa_id, &r).await?)
        },
        riwayat,
        boleh_tandatangan: penandatangan(k, m, desa).await?.is_some(),
        lampiran: k.store.daftar_lampiran_surat(&desa.desa_id, id).await?,
        galat: galat.clone(),
        alasan: alasan.to_string(),
        s,
    })?;
    let status = if galat.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, html).into_response())
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(ok): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_rincian(&k, &m, &desa, id, ok.ok.as_deref(), None, "").await
}

async fn aksi(
    State(k): State<Bersama>,
    Path((kode, id, aksi)): Path<(String, Uuid, String)>,
    headers: HeaderMap,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    let aktor = m.aktor();
    let versi = kir.isian.angka::<i64>("versi");
    let alasan = kir.isian.get("alasan");
    let hasil: Result<(&str, Option<Uuid>), Galat> = match aksi.as_str() {
        "periksa" => {
            m.wajib_tulis()?;
            k.store
                .periksa_surat(&desa.desa_id, id, versi, &aktor)
                .await
                .map(|_| ("periksa", None))
        }
        "tolak" => {
            if !(m.peran().boleh_tulis() || penandatangan(&k, m, &desa).await?.is_some()) {
                return Err(GalatWeb::Terlarang);
            }
            k.store
                .tolak_surat(&desa.desa_id, id, alasan, &aktor)
                .await
                .map(|_| ("tolak", None))
        }
        "tandatangani" => {
            let penanda = penandatangan(&k, m, &desa)
                .await?
                .ok_or(GalatWeb::Terlarang)?;
            let url = crate::url_dasar(&k, &headers);
            let t = TerbitkanSurat {
                penanda,
                url_dasar: &url,
                versi,
            };
            let k2 = k.clone();
            k.store
                .terbitkan_surat(&desa.desa_id, id, &t, &aktor, move |b| k2.pencetak.surat(b))
                .await
                .map(|_| ("terbit", None))
        }
        "serahkan" => {
            m.wajib_tulis()?;
            k.store
                .serahkan_surat(&desa.desa_id, id, &aktor)
                .await
                .map(|_| ("serahkan", None))
        }
        "batalkan" => {
            if !(penandatangan(&k, m, &desa).await?.is_some() || m.peran().boleh_kelola()) {
                return Err(GalatWeb::Terlarang);
            }
            if kir.isian.get("yakin") != "ya" {
                Err(Galat::isian(
                    "yakin",
                    "Centang pernyataan pembatalan untuk melanjutkan.",
                ))
            } else {
                k.store
                    .batalkan_surat(&desa.desa_id, id, alasan, &aktor)
                    .await
                    .map(|_| ("batal", None))
            }
        }
        "ulang" => {
            m.wajib_tulis()?;
            k.store
                .ajukan_ulang_surat(&desa.desa_id, id, &aktor)
                .await
                .map(|b| ("ulang", Some(b)))
        }
        _ => return Err(GalatWeb::TidakDitemukan),
    };
    match hasil {
        Ok((ok, baru)) => Ok(Redirect::to(&format!(
            "/desa/{}/surat/{}?ok={ok}",
            desa.desa_id,
            baru.unwrap_or(id)
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            let pesan =
                g.0.iter()
                    .map(|x| x.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" ");
            tampil_rincian(&k, m, &desa, id, None, Some(pesan), alasan).await
        }
        Err(Galat::Ditolak(p) | Galat::Konflik(p)) => {
            tampil_rincian(&k, m, &desa, id, None, Some(p), alasan).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Type-ahead at the counter: living residents whose name (or NIK) matches what was typed,
/// with what tells namesakes apart. A POST, so no name ends up in a URL or an access log.
async fn saran_pemohon(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.wajib_tulis()?;
    let desa = kir.m.desa(&k, &kode).await?;
    let q = kir.isian.get("q").trim().to_string();
    if q.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Ok(axum::Json(serde_json::json!([])).into_response());
    }
    let saring = balai_store::penduduk::SaringPenduduk {
        q,
        batas: Some(10),
        ..Default::default()
    };
    let hari_ini = k.store.hari_ini(desa.zona());
    let hasil = k
        .store
        .daftar_penduduk(&desa.desa_id, &saring, hari_ini)
        .await?;
    // Each resident shown is an access to their data: the resident sees it in their portal.
    let dilihat: Vec<Uuid> = hasil.isi.iter().map(|p| p.id).collect();
    k.store
        .catat_akses_penduduk(&desa.desa_id, &kir.m.aktor(), "cari", &dilihat)
        .await?;
    let isi: Vec<_> = hasil
        .isi
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "nik": p.nik,
                "nama": p.nama,
                "lahir": p.tanggal_lahir.format("%d-%m-%Y").to_string(),
                "alamat": format!("{} RW {} RT {}", p.dusun, p.rw, p.rt),
            })
        })
        .collect();
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::Json(isi)).into_response())
}

/// The letter as it would be signed now, shown inline in the letter's page before signing.
async fn pratinjau(
    State(k): State<Bersama>,
    m: Masuk,
    headers: HeaderMap,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let penanda = match penandatangan(&k, &m, &desa).await? {
        Some(p) => p,
        // Staff who prepare letters see it with the head of village as signer.
        None if m.peran().boleh_tulis() => Penandatangan {
            nama: desa.kepala_desa.to_uppercase(),
            jabatan: format!("Kepala Desa {}", desa.nama),
            atas_nama: String::new(),
        },
        None => return Err(GalatWeb::Terlarang),
    };
    k.store
        .catat_akses(
            &desa.desa_id,
            &m.aktor(),
            "pratinjau",
            "surat",
            id.to_string(),
        )
        .await?;
    let url = crate::url_dasar(&k, &headers);
    let k2 = k.clone();
    let pdf = k
        .store
        .pratinjau_surat(&desa.desa_id, id, &penanda, &url, move |b| {
            k2.pencetak.surat(b)
        })
        .await?;
    // Shown inside the letter's page, and nowhere else.
    Ok(crate::unduhan::pdf_dalam_bingkai(
        pdf,
        "inline; filename=\"pratinjau.pdf\"",
    ))
}

async fn unduh_pdf(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (nomor, pdf) = k.store.pdf_surat(&desa.desa_id, id).await?;
    k.store
        .catat_akses(&desa.desa_id, &m.aktor(), "unduh", "surat", id.to_string())
        .await?;
    let nama = nama_berkas(&format!("surat-{nomor}"), "pdf");
    Ok(unduhan(pdf, "application/pdf", &nama))
}

#[derive(Template)]
#[template(path = "surat_tanda_terima.html")]
struct HalamanTandaTerima {
    desa_nama: String,
    desa_kode: String,
    /// The first 8 hex digits of the id: enough to find the request, short enough to read out.
    nomor_permohonan: String,
    s: Surat,
    biaya: String,
    waktu_menit: u32,
    persyaratan: Vec<String>,
    diajukan: String,
}

/// A printable receipt for the applicant: what was requested, when, the target time and the fee
/// (the anti-pungli promise on paper).
async fn tanda_terima(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let s = k
        .store
        .surat(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let jenis = k.store.jenis_surat(&desa.desa_id, &s.jenis_kode).await?;
    Ok(tampil(&HalamanTandaTerima {
        desa_nama: desa.nama.clone(),
        desa_kode: desa.desa_id.clone(),
        nomor_permohonan: s.id.simple().to_string()[24..].to_uppercase(),
        biaya: rupiah(s.biaya),
        waktu_menit: jenis
            .as_ref()
            .map(|j| j.jenis.waktu_layanan_menit)
            .unwrap_or(0),
        persyaratan: jenis.map(|j| j.jenis.persyaratan).unwrap_or_default(),
        diajukan: crate::kerangka::waktu_zona(&s.diajukan_pada, desa.zona()),
        s,
    })?
    .into_response())
}

/// Adds a scanned document to a request (multipart form with `_csrf` and `lampiran`).
async fn unggah_lampiran(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: axum::extract::Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(
        mp,
        "Unggahan terputus atau terlalu besar; lampiran paling besar 5 MB.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let (nama, isi) = crate::isian::ambil_berkas(berkas, "lampiran").unwrap_or_default();
    m.wajib_tulis()?;
    match k
        .store
        .tambah_lampiran_surat(&desa.desa_id, id, &isi, &nama, &m.aktor())
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/desa/{}/surat/{id}?ok=lampiran", desa.desa_id)).into_response(),
        ),
        Err(Galat::Isian(g)) => {
            let pesan =
                g.0.iter()
                    .map(|x| x.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" ");
            tampil_rincian(&k, &m, &desa, id, None, Some(pesan), "").await
        }
        Err(Galat::Ditolak(p)) => tampil_rincian(&k, &m, &desa, id, None, Some(p), "").await,
        Err(e) => Err(e.into()),
    }
}

/// An attachment, always as a download with the type found at upload.
async fn unduh_lampiran(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, lampiran)): Path<(String, Uuid, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (isi, mime) = k
        .store
        .lampiran_surat(&desa.desa_id, id, lampiran)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let nama = nama_berkas(&format!("lampiran-{lampiran}"), ekstensi(&mime));
    Ok(unduhan(isi, &mime, &nama))
}
