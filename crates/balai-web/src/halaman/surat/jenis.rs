//! Letter types and letter settings: the list (the staff's service standard), editing a type's
//! text and fields with the template checked on save, and numbering, paper and signing key.

use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::surat::jenis::{
    Isian as IsianJenis, JenisIsian, JenisSurat, MasaBerlaku, PeranOrang, Satuan,
};
use balai_domain::surat::nomor::BAGIAN;
use balai_domain::surat::teks::rupiah;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::surat::{JenisDesa, KunciPublik, PengaturanSurat};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/surat/jenis", get(daftar))
        .route("/desa/{kode}/surat/jenis/{jenis}", get(form).post(simpan))
        .route(
            "/desa/{kode}/surat/pengaturan",
            get(pengaturan).post(simpan_pengaturan),
        )
        .route("/desa/{kode}/surat/pengaturan/kunci", post(putar_kunci))
        .route(
            "/desa/{kode}/surat/pengaturan/penandatangan",
            post(tambah_penandatangan),
        )
        .route(
            "/desa/{kode}/surat/pengaturan/penandatangan/{pengguna}/hapus",
            post(hapus_penandatangan),
        )
}

#[derive(Template)]
#[template(path = "surat_jenis_daftar.html")]
struct HalamanDaftar {
    k: Kerangka,
    jenis: Vec<JenisDesa>,
}

impl HalamanDaftar {
    fn biaya(&self, j: &JenisSurat) -> String {
        rupiah(j.biaya)
    }
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(ok): Query<super::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(&m, Some(&desa), "surat", "Jenis surat").dengan_pesan(ok.ok.as_deref()),
        jenis: k.store.daftar_jenis_surat(&desa.desa_id).await?,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "surat_jenis_form.html")]
struct HalamanForm {
    k: Kerangka,
    baru: bool,
    f: Isian,
    galat: DaftarGalat,
    galat_templat: Option<String>,
    bagian: &'static [(&'static str, &'static str)],
}

impl HalamanForm {
    fn nilai(&self, nama: &str) -> &str {
        self.f.get(nama)
    }
    fn salah(&self, nama: &str) -> Option<&str> {
        self.galat.untuk(nama)
    }
    fn dicentang(&self, nama: &str) -> bool {
        self.f.get(nama) == "ya"
    }
    fn satuan(&self) -> [&'static str; 3] {
        ["hari", "bulan", "tahun"]
    }
    /// The one-line fields: (name, label, hint).
    fn bidang_teks(&self) -> Vec<(&'static str, &'static str, &'static str)> {
        vec![
            (
                "kode",
                "Kode (huruf kecil, angka, garis bawah)",
                "Tidak dapat diubah setelah disimpan.",
            ),
            ("nama", "Nama jenis surat", ""),
            (
                "judul",
                "Judul yang dicetak",
                "Huruf besar, misalnya SURAT KETERANGAN DOMISILI.",
            ),
            (
                "klasifikasi",
                "Kode klasifikasi arsip",
                "Permendagri 83/2022, misalnya 400.12.2.2.",
            ),
            (
                "kode_opensid",
                "Kode surat (boleh kosong)",
                "Dipakai bagian [kode_surat] pada nomor.",
            ),
            ("waktu", "Waktu layanan (menit)", ""),
            ("biaya", "Biaya (rupiah)", "0 bila gratis."),
            ("masa", "Masa berlaku", "Kosongkan bila tidak ada."),
            (
                "format_nomor",
                "Format nomor khusus (boleh kosong)",
                "Kosong: memakai format desa.",
            ),
        ]
    }
}

/// A type as form fields. Fields and persons are one per line: `kunci | label | jenis | wajib | pilihan; …`.
fn ke_isian(j: &JenisDesa) -> Isian {
    let jj = &j.jenis;
    let isian = jj
        .isian
        .iter()
        .map(|i| {
            format!(
                "{} | {} | {} | {}{}",
                i.kunci,
                i.label,
                i.jenis.kode(),
                if i.wajib { "wajib" } else { "boleh kosong" },
                if i.pilihan.is_empty() {
                    String::new()
                } else {
                    format!(" | {}", i.pilihan.join("; "))
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let orang = jj
        .orang
        .iter()
        .map(|o| {
            format!(
                "{} | {} | {}",
                o.kunci,
                o.label,
                if o.wajib { "wajib" } else { "boleh kosong" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (masa, satuan) = match &jj.masa_berlaku {
        Some(m) => (
            m.jumlah.to_string(),
            match m.satuan {
                Satuan::Hari => "hari",
                Satuan::Bulan => "bulan",
                Satuan::Tahun => "tahun",
            },
        ),
        None => (String::new(), "bulan"),
    };
    Isian(vec![
        ("kode".into(), jj.kode.clone()),
        ("kode_opensid".into(), jj.kode_opensid.clone()),
        ("nama".into(), jj.nama.clone()),
        ("judul".into(), jj.judul.clone()),
        ("klasifikasi".into(), jj.klasifikasi.clone()),
        (
            "bisa_diminta_warga".into(),
            if jj.bisa_diminta_warga { "ya" } else { "" }.into(),
        ),
        (
            "terbit_langsung".into(),
            if jj.terbit_langsung { "ya" } else { "" }.into(),
        ),
        (
            "status_subjek_mati".into(),
            if jj.boleh_untuk_status(balai_domain::penduduk::kode::MATI) {
                "ya"
            } else {
                ""
            }
            .into(),
        ),
        (
            "status_subjek_pindah".into(),
            if jj.boleh_untuk_status(balai_domain::penduduk::kode::PINDAH) {
                "ya"
            } else {
                ""
            }
            .into(),
        ),
        ("aktif".into(), if j.aktif { "ya" } else { "" }.into()),
        ("masa".into(), masa),
        ("satuan".into(), satuan.into()),
        ("persyaratan".into(), jj.persyaratan.join("\n")),
        ("waktu".into(), jj.waktu_layanan_menit.to_string()),
        ("biaya".into(), jj.biaya.to_string()),
        ("isian".into(), isian),
        ("orang".into(), orang),
        ("badan".into(), jj.badan.clone()),
        ("format_nomor".into(), j.format_nomor.clone()),
        ("versi".into(), j.versi.to_string()),
    ])
}

/// Reads the form back into a type; the messages name the line that is wrong.
fn dari_isian(f: &Isian) -> Result<JenisSurat, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let wajib = |s: &str| s.trim().eq_ignore_ascii_case("wajib");
    let mut isian = Vec::new();
    for (n, baris) in f
        .get("isian")
        .lines()
        .enumerate()
        .filter(|(_, b)| !b.trim().is_empty())
    {
        let b: Vec<&str> = baris.split('|').map(str::trim).collect();
        if b.len() < 4 {
            g.push(
                "isian",
                format!(
                    "Isian baris {}: tulis kunci | label | jenis | wajib (atau boleh kosong).",
                    n + 1
                ),
            );
            continue;
        }
        let Some(jenis) = JenisIsian::dari_kode(b[2]) else {
            g.push("isian", format!("Isian baris {}: jenis \"{}\" tidak dikenal; pakai teks, teks_panjang, angka, tanggal atau pilihan.", n + 1, b[2]));
            continue;
        };
        isian.push(IsianJenis {
            kunci: b[0].to_string(),
            label: b[1].to_string(),
            jenis,
            wajib: wajib(b[3]),
            pilihan: b
                .get(4)
                .map(|p| {
                    p.split(';')
                        .map(|x| x.trim().to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    let mut orang = Vec::new();
    for (n, baris) in f
        .get("orang")
        .lines()
        .enumerate()
        .filter(|(_, b)| !b.trim().is_empty())
    {
        let b: Vec<&str> = baris.split('|').map(str::trim).collect();
        if b.len() < 3 {
            g.push(
                "orang",
                format!(
                    "Orang lain baris {}: tulis kunci | label | wajib (atau boleh kosong).",
                    n + 1
                ),
            );
            continue;
        }
        orang.push(PeranOrang {
            kunci: b[0].to_string(),
            label: b[1].to_string(),
            wajib: wajib(b[2]),
        });
    }
    let angka = |nama: &str, label: &str, g: &mut DaftarGalat| -> i64 {
        match f.get(nama).trim().replace('.', "").parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                g.push(nama, format!("{label} harus berupa angka bulat."));
                0
            }
        }
    };
    let waktu = angka("waktu", "Waktu layanan", &mut g);
    let biaya = angka("biaya", "Biaya", &mut g);
    let masa_berlaku = if f.get("masa").trim().is_empty() {
        None
    } else {
        let jumlah = angka("masa", "Masa berlaku", &mut g);
        let satuan = match f.get("satuan") {
            "hari" => Satuan::Hari,
            "tahun" => Satuan::Tahun,
            _ => Satuan::Bulan,
        };
        Some(MasaBerlaku {
            jumlah: jumlah.clamp(0, 1000) as u32,
            satuan,
        })
    };
    let j = JenisSurat {
        kode: f.get("kode").trim().to_string(),
        kode_opensid: f.get("kode_opensid").trim().to_string(),
        nama: f.get("nama").trim().to_string(),
        judul: f.get("judul").trim().to_uppercase(),
        klasifikasi: f.get("klasifikasi").trim().to_string(),
        bisa_diminta_warga: f.get("bisa_diminta_warga") == "ya",
        terbit_langsung: f.get("terbit_langsung") == "ya",
        masa_berlaku,
        persyaratan: f
            .get("persyaratan")
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        waktu_layanan_menit: waktu.clamp(0, u32::MAX as i64) as u32,
        biaya,
        status_subjek: ["mati", "pindah"]
            .into_iter()
            .filter(|s| f.get(&format!("status_subjek_{s}")) == "ya")
            .map(str::to_string)
            .collect(),
        orang,
        isian,
        badan: f.get("badan").replace("\r\n", "\n"),
    };
    if let Err(e) = j.periksa() {
        g.0.extend(e.0);
    }
    g.into_result(j)
}

async fn form(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, jenis)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let (baru, f) = if jenis == "baru" {
        let contoh = Isian(vec![
            ("masa".into(), "1".into()),
            ("satuan".into(), "bulan".into()),
            ("waktu".into(), "15".into()),
            ("biaya".into(), "0".into()),
            ("aktif".into(), "ya".into()),
            ("isian".into(), "keperluan | Keperluan | teks_panjang | wajib".into()),
            ("badan".into(), "Yang bertanda tangan di bawah ini, #data.penanda.jabatan, menerangkan bahwa:\n\n#biodata(data.p)\n\nSurat ini dibuat untuk keperluan #data.isian.keperluan.\n\nDemikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.".into()),
        ]);
        (true, contoh)
    } else {
        let j = k
            .store
            .jenis_surat(&desa.desa_id, &jenis)
            .await?
            .ok_or(GalatWeb::TidakDitemukan)?;
        (false, ke_isian(&j))
    };
    tampil_form(
        &m,
        &desa,
        baru,
        f,
        DaftarGalat::default(),
        None,
        StatusCode::OK,
    )
}

fn tampil_form(
    m: &Masuk,
    desa: &Desa,
    baru: bool,
    f: Isian,
    galat: DaftarGalat,
    galat_templat: Option<String>,
    status: StatusCode,
) -> Result<Response, GalatWeb> {
    let judul = if baru {
        "Jenis surat baru".to_string()
    } else {
        format!("Ubah jenis surat: {}", f.get("nama"))
    };
    let html = tampil(&HalamanForm {
        k: Kerangka::baru(m, Some(desa), "surat", judul),
        baru,
        f,
        galat,
        galat_templat,
        bagian: BAGIAN,
    })?;
    Ok((status, html).into_response())
}

/// Example data with every field of the type filled, so a template error shows when saving.
fn contoh_untuk(j: &JenisSurat) -> serde_json::Value {
    let mut data = balai_pdf::contoh_data();
    let isian: serde_json::Map<String, serde_json::Value> = j
        .isian
        .iter()
        .map(|i| {
            (
                i.kunci.clone(),
                serde_json::Value::String(
                    i.pilihan
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "contoh".into()),
                ),
            )
        })
        .collect();
    data["isian"] = serde_json::Value::Object(isian);
    let p = data["p"].clone();
    let orang: serde_json::Map<String, serde_json::Value> = j
        .orang
        .iter()
        .map(|o| (o.kunci.clone(), p.clone()))
        .collect();
    data["orang"] = serde_json::Value::Object(orang);
    data
}

/// Renders the template with example data on a blocking thread; a template that loops for
/// too long is refused after a time limit (and, under `balai serve`, its worker is stopped).
async fn periksa_templat(k: &Bersama, j: &JenisSurat) -> Result<(), String> {
    let pencetak = k.pencetak.clone();
    let badan = j.badan.clone();
    let contoh = contoh_untuk(j);
    let batas = crate::pencetak::BATAS_PERIKSA + std::time::Duration::from_secs(2);
    let tugas = tokio::task::spawn_blocking(move || pencetak.periksa(&badan, &contoh));
    match tokio::time::timeout(batas, tugas).await {
        Ok(Ok(hasil)) => hasil,
        Ok(Err(_)) => Err("Templat gagal diperiksa karena kesalahan di server.".into()),
        Err(_) => Err(crate::pencetak::periksa_terlalu_lama()),
    }
}

async fn simpan(
    State(k): State<Bersama>,
    Path((kode, jenis)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let baru = jenis == "baru";
    let f = kir.isian.clone();
    let j = match dari_isian(&f) {
        Ok(j) => j,
        Err(g) => return tampil_form(m, &desa, baru, f, g, None, StatusCode::UNPROCESSABLE_ENTITY),
    };
    if !baru && j.kode != jenis {
        let mut g = DaftarGalat::default();
        g.push(
            "kode",
            "Kode jenis surat yang sudah ada tidak dapat diubah.",
        );
        return tampil_form(m, &desa, baru, f, g, None, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The template must render now, not when a resident is waiting at the counter.
    if let Err(pesan) = periksa_templat(&k, &j).await {
        return tampil_form(
            m,
            &desa,
            baru,
            f,
            DaftarGalat::default(),
            Some(pesan),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let versi = if baru { None } else { f.angka::<i64>("versi") };
    match k
        .store
        .simpan_jenis_surat(
            &desa.desa_id,
            &j,
            f.get("format_nomor"),
            f.get("aktif") == "ya",
            versi,
            &m.aktor(),
        )
        .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/desa/{}/surat/jenis?ok=simpan", desa.desa_id)).into_response(),
        ),
        Err(Galat::Isian(g)) => {
            tampil_form(m, &desa, baru, f, g, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(Galat::Konflik(p)) => {
            let mut g = DaftarGalat::default();
            g.push("umum", p);
            tampil_form(m, &desa, baru, f, g, None, StatusCode::CONFLICT)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "surat_pengaturan.html")]
struct HalamanPengaturan {
    k: Kerangka,
    p: PengaturanSurat,
    galat: DaftarGalat,
    kunci: Vec<KunciPublik>,
    penandatangan: Vec<balai_store::surat::Delegasi>,
    /// Active accounts of the village: (id, "name (username)").
    calon: Vec<(uuid::Uuid, String)>,
    /// The signer form as typed, kept when it has an error.
    f: Isian,
    bagian: &'static [(&'static str, &'static str)],
}

async fn tampil_pengaturan(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    p: PengaturanSurat,
    galat: DaftarGalat,
    ok: Option<&str>,
    f: Isian,
) -> Result<Response, GalatWeb> {
    let status = if galat.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = tampil(&HalamanPengaturan {
        k: Kerangka::baru(m, Some(desa), "surat", "Pengaturan surat").dengan_pesan(ok),
        p,
        galat,
        kunci: k.store.kunci_publik_desa(&desa.desa_id).await?,
        penandatangan: k.store.daftar_penandatangan(&desa.desa_id).await?,
        calon: k
            .store
            .daftar_pengguna(&desa.desa_id)
            .await?
            .into_iter()
            .filter(|u| u.aktif && u.desa_id.as_deref() == Some(desa.desa_id.as_str()))
            .map(|u| (u.id, format!("{} ({})", u.nama, u.username)))
            .collect(),
        f,
        bagian: BAGIAN,
    })?;
    Ok((status, html).into_response())
}

async fn pengaturan(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(ok): Query<super::Ok>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = k.store.pengaturan_surat(&desa.desa_id).await?;
    tampil_pengaturan(
        &k,
        &m,
        &desa,
        p,
        DaftarGalat::default(),
        ok.ok.as_deref(),
        Isian::default(),
    )
    .await
}

async fn simpan_pengaturan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let f = &kir.isian;
    let p = PengaturanSurat {
        format_nomor: f.get("format_nomor").to_string(),
        lingkup_nomor: f.get("lingkup_nomor").to_string(),
        kertas: f.get("kertas").to_string(),
        tempat: f.get("tempat").to_string(),
        versi: f.angka("versi").unwrap_or(0),
    };
    match k
        .store
        .simpan_pengaturan_surat(&desa.desa_id, &p, &m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/surat/pengaturan?ok=simpan",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(g)) => tampil_pengaturan(&k, m, &desa, p, g, None, Isian::default()).await,
        Err(Galat::Konflik(pesan)) => {
            let mut g = DaftarGalat::default();
            g.push("umum", pesan);
            tampil_pengaturan(&k, m, &desa, p, g, None, Isian::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn putar_kunci(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    if kir.isian.get("yakin") != "ya" {
        let p = k.store.pengaturan_surat(&desa.desa_id).await?;
        let mut g = DaftarGalat::default();
        g.push(
            "yakin",
            "Centang pernyataan untuk mengganti kunci tanda tangan.",
        );
        return tampil_pengaturan(&k, m, &desa, p, g, None, Isian::default()).await;
    }
    k.store.putar_kunci_desa(&desa.desa_id, &m.aktor()).await?;
    Ok(Redirect::to(&format!("/desa/{}/surat/pengaturan?ok=kunci", desa.desa_id)).into_response())
}

async fn tambah_penandatangan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let f = &kir.isian;
    let hasil = match f.get("pengguna_id").parse::<uuid::Uuid>() {
        Ok(id) => {
            k.store
                .simpan_penandatangan(
                    &desa.desa_id,
                    id,
                    f.get("jabatan"),
                    f.get("atas_nama"),
                    &m.aktor(),
                )
                .await
        }
        Err(_) => Err(Galat::isian(
            "pengguna_id",
            "Pilih pengguna yang diberi wewenang.",
        )),
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/surat/pengaturan?ok=penandatangan",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            let p = k.store.pengaturan_surat(&desa.desa_id).await?;
            tampil_pengaturan(&k, m, &desa, p, g, None, f.clone()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn hapus_penandatangan(
    State(k): State<Bersama>,
    Path((kode, pengguna)): Path<(String, uuid::Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    k.store
        .hapus_penandatangan(&desa.desa_id, pengguna, &m.aktor())
        .await?;
    Ok(Redirect::to(&format!(
        "/desa/{}/surat/pengaturan?ok=penandatangan",
        desa.desa_id
    ))
    .into_response())
}
