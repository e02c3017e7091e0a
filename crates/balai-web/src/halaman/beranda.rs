//! The start page: the user's village, or the villages a district/sub-district user oversees.

use super::Ok;
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::kerangka::waktu_zona;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::KodeDesa;
use balai_domain::ZonaWaktu;
use balai_domain::tugas::JenisTugas;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::kotak::Sla;
use balai_store::penduduk::{Peristiwa, SaringPenduduk};
use balai_store::pengguna::Peran;
use balai_store::tebakan::AkunDitebak;
use balai_store::tugas::ItemTugas;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/admin", get(awal))
        .route("/desa/{kode}", get(beranda_desa))
        .route("/desa", axum::routing::post(daftarkan_desa))
}

#[derive(Template)]
#[template(path = "pilih_desa.html")]
struct PilihDesa {
    k: Kerangka,
    peringatan: Peringatan,
    desa: Vec<Desa>,
    boleh_daftar: bool,
    kode: String,
    galat: Option<String>,
}

async fn awal(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let ok =
        q.ok.as_ref()
            .map(|o| format!("?ok={o}"))
            .unwrap_or_default();
    if m.peran().peran_desa()
        && let Some(d) = &m.pengguna.desa_id
    {
        return Ok(Redirect::to(&format!("/desa/{d}{ok}")).into_response());
    }
    let desa = k.store.daftar_desa(&m.pengguna.awalan_desa()).await?;
    if desa.len() == 1 {
        return Ok(Redirect::to(&format!("/desa/{}{ok}", desa[0].desa_id)).into_response());
    }
    Ok(tampil(&PilihDesa {
        peringatan: Peringatan::untuk(&k, &m, "", ZonaWaktu::Wib).await?,
        k: Kerangka::baru(&m, None, "", "Pilih desa").dengan_pesan(q.ok.as_deref()),
        desa,
        boleh_daftar: m.peran() == Peran::AdminSistem,
        kode: String::new(),
        galat: None,
    })?
    .into_response())
}

/// A system admin registers a village by its Kemendagri code.
async fn daftarkan_desa(State(k): State<Bersama>, kir: Kiriman) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    if m.peran() != Peran::AdminSistem {
        return Err(GalatWeb::Terlarang);
    }
    let kode = kir.isian.get("kode").trim().to_string();
    let hasil = match KodeDesa::parse(&kode) {
        Ok(kd) => k
            .store
            .buat_desa(&kd, &m.aktor())
            .await
            .map_err(|e| match e {
                Galat::Isian(d) => Ok(d
                    .0
                    .iter()
                    .map(|g| g.pesan.clone())
                    .collect::<Vec<_>>()
                    .join(" ")),
                Galat::Ditolak(p) => Ok(p),
                e => Err(e),
            }),
        Err(e) => Err(Ok(e)),
    };
    match hasil {
        Ok(d) => Ok(Redirect::to(&format!("/desa/{}/profil?ok=profil", d.desa_id)).into_response()),
        Err(Ok(galat)) => {
            let desa = k.store.daftar_desa("").await?;
            let html = tampil(&PilihDesa {
                peringatan: Peringatan::untuk(&k, m, "", ZonaWaktu::Wib).await?,
                k: Kerangka::baru(m, None, "", "Pilih desa"),
                desa,
                boleh_daftar: true,
                kode,
                galat: Some(galat),
            })?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(Err(e)) => Err(e.into()),
    }
}

/// What the admins must know first: failing backups, accounts whose passwords are being guessed.
struct Peringatan {
    /// Balai was upgraded in the last 30 days: what changed.
    pembaruan: Option<KabarPembaruan>,
    cadangan: Option<String>,
    /// Accounts with many wrong passwords today, with the last failure in words.
    ditebak: Vec<(AkunDitebak, String)>,
}

/// The notice after an upgrade: from which version to which, when, and the release notes of
/// every version in between (`docs/perubahan.md`).
struct KabarPembaruan {
    dari: String,
    ke: String,
    waktu: String,
    catatan: Vec<balai_domain::pembaruan::CatatanRilis>,
}

impl KabarPembaruan {
    async fn baca(k: &Bersama, zona: ZonaWaktu) -> Result<Option<KabarPembaruan>, GalatWeb> {
        let Some(p) = k.store.pembaruan_ke(crate::VERSI).await? else {
            return Ok(None);
        };
        if k.store.sekarang() - p.pada > chrono::Duration::days(30) {
            return Ok(None);
        }
        let teks = super::panduan::teks("perubahan").unwrap_or("");
        Ok(Some(KabarPembaruan {
            catatan: balai_domain::pembaruan::catatan_antara(teks, &p.dari, &p.ke),
            waktu: waktu_zona(&p.pada, zona),
            dari: p.dari,
            ke: p.ke,
        }))
    }
}

impl Peringatan {
    /// Empty for anyone but the system admin and the village's admin.
    async fn untuk(
        k: &Bersama,
        m: &Masuk,
        awalan_desa: &str,
        zona: ZonaWaktu,
    ) -> Result<Peringatan, GalatWeb> {
        let boleh = match m.peran() {
            Peran::AdminSistem => true,
            p => p.boleh_kelola() && !awalan_desa.is_empty(),
        };
        if !boleh {
            return Ok(Peringatan {
                pembaruan: None,
                cadangan: None,
                ditebak: Vec::new(),
            });
        }
        let ditebak = k.store.tebakan().akun_ditebak(awalan_desa).await?;
        Ok(Peringatan {
            pembaruan: KabarPembaruan::baca(k, zona).await?,
            cadangan: k.masalah_cadangan(),
            ditebak: ditebak
                .into_iter()
                .map(|a| {
                    let t = waktu_zona(&a.terakhir, zona);
                    (a, t)
                })
                .collect(),
        })
    }
}

#[derive(Template)]
#[template(path = "beranda.html")]
struct Beranda {
    k: Kerangka,
    peringatan: Peringatan,
    desa: Desa,
    letak: balai_store::desa::LetakDesa,
    jumlah_penduduk: i64,
    jumlah_keluarga: usize,
    peristiwa: Vec<(Peristiwa, String)>,
    /// What waits for this person, one group per kind of work.
    tugas: Vec<KelompokTugas>,
    pelaku: crate::nama::NamaAktor,
}

/// One kind of waiting work on the start page.
struct KelompokTugas {
    jenis: JenisTugas,
    jumlah: i64,
    /// Where the whole list is.
    semua: String,
    item: Vec<BarisTugas>,
}

struct BarisTugas {
    t: ItemTugas,
    tautan: String,
    sla: Sla,
    sejak: String,
}

/// How many items of each kind the start page shows; the rest are behind "Lihat semua".
const BATAS_TUGAS: i64 = 10;

async fn tugas_saya(k: &Bersama, m: &Masuk, desa: &Desa) -> Result<Vec<KelompokTugas>, GalatWeb> {
    let d = &desa.desa_id;
    let jenis_peran = JenisTugas::untuk(m.peran());
    if jenis_peran.is_empty() {
        return Ok(Vec::new());
    }
    let jumlah = match &m.tugas {
        Some((kode, n)) if kode == d => *n,
        _ => k.store.tugas().jumlah(d).await?,
    };
    let layanan = k.store.daftar_jenis_surat(d).await?;
    let now = k.store.sekarang();
    let tahun = k.store.hari_ini(desa.zona()).format("%Y").to_string();
    let mut hasil = Vec::new();
    for &jenis in jenis_peran {
        let item = k.store.tugas().daftar(d, jenis, BATAS_TUGAS).await?;
        let item = item
            .into_iter()
            .map(|t| {
                let batas = match jenis {
                    JenisTugas::PeriksaSurat | JenisTugas::TandatanganSurat => layanan
                        .iter()
                        .find(|j| j.jenis.kode == t.rujukan)
                        .map(|j| {
                            chrono::Duration::minutes(j.jenis.waktu_layanan_menit.max(60).into())
                        })
                        .unwrap_or_else(|| jenis.batas_waktu()),
                    _ => jenis.batas_waktu(),
                };
                let tautan = match jenis {
                    JenisTugas::PeriksaSurat | JenisTugas::TandatanganSurat => {
                        format!("/desa/{d}/surat/{}", t.id)
                    }
                    JenisTugas::Pengaduan => format!("/desa/{d}/pengaduan/{}", t.id),
                    JenisTugas::PermintaanData => format!("/desa/{d}/kotak#permintaan-data"),
                    JenisTugas::Lapak => format!("/desa/{d}/lapak?status=menunggu"),
                    JenisTugas::PeriksaSpp | JenisTugas::SetujuiSpp | JenisTugas::BayarSpp => {
                        format!(
                            "/desa/{d}/keuangan/spp?tahun={}&perlu=1#spp-{}",
                            t.rujukan, t.id
                        )
                    }
                };
                BarisTugas {
                    sla: Sla::hitung(t.sejak, batas, now),
                    sejak: waktu_zona(&t.sejak, desa.zona()),
                    tautan,
                    t,
                }
            })
            .collect();
        let semua = match jenis {
            JenisTugas::PeriksaSurat => format!("/desa/{d}/surat?status=diajukan"),
            JenisTugas::TandatanganSurat => format!("/desa/{d}/surat?status=diperiksa"),
            JenisTugas::Pengaduan => format!("/desa/{d}/kotak#pengaduan"),
            JenisTugas::PermintaanData => format!("/desa/{d}/kotak#permintaan-data"),
            JenisTugas::Lapak => format!("/desa/{d}/lapak?status=menunggu"),
            JenisTugas::PeriksaSpp | JenisTugas::SetujuiSpp | JenisTugas::BayarSpp => {
                format!("/desa/{d}/keuangan/spp?tahun={tahun}&perlu=1")
            }
        };
        hasil.push(KelompokTugas {
            jenis,
            jumlah: jumlah.dari(jenis),
            semua,
            item,
        });
    }
    Ok(hasil)
}

impl Beranda {
    fn rp(&self, n: &i64) -> String {
        balai_domain::surat::teks::rp(*n)
    }
}

async fn beranda_desa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let saring = SaringPenduduk {
        batas: Some(1),
        ..Default::default()
    };
    let jumlah_penduduk = k
        .store
        .daftar_penduduk(&kode, &saring, hari_ini)
        .await?
        .total;
    let jumlah_keluarga = k.store.jumlah_keluarga(&kode).await? as usize;
    let peristiwa = k.store.daftar_peristiwa(&kode, None, 10).await?;
    let letak = k.store.letak_desa(&kode).await?;
    let tugas = tugas_saya(&k, &m, &desa).await?;
    // One lookup names the recorders of events and the filers of waiting SPPs.
    let pelaku = {
        let r: Vec<&str> = peristiwa
            .iter()
            .map(|(p, _)| p.dicatat_oleh.as_str())
            .chain(
                tugas
                    .iter()
                    .flat_map(|g| g.item.iter().map(|b| b.t.pihak.as_str())),
            )
            .collect();
        crate::nama::NamaAktor(k.store.nama_aktor(&kode, &r).await?)
    };
    Ok(tampil(&Beranda {
        tugas,
        pelaku,
        peringatan: Peringatan::untuk(&k, &m, &desa.desa_id, desa.zona()).await?,
        k: Kerangka::baru(&m, Some(&desa), "beranda", "Beranda").dengan_pesan(q.ok.as_deref()),
        desa,
        letak,
        jumlah_penduduk,
        jumlah_keluarga,
        peristiwa,
    })?
    .into_response())
}
