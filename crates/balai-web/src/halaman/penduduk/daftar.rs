//! The resident list: filters, sorting, paging, and the search form.

use super::*;

// ---------------------------------------------------------------------------------------------
// List

pub struct BarisPenduduk {
    pub id: Uuid,
    pub nik: String,
    pub nama: String,
    pub jk: &'static str,
    pub umur: i32,
    pub alamat: String,
    pub no_kk: String,
    pub shdk: &'static str,
    pub status: &'static str,
    pub hidup: bool,
}

pub fn baris(r: &RingkasPenduduk, hari_ini: NaiveDate) -> BarisPenduduk {
    BarisPenduduk {
        id: r.id,
        nik: r.nik.clone(),
        nama: r.nama.clone(),
        jk: if r.jenis_kelamin == 1 { "L" } else { "P" },
        umur: umur(r.tanggal_lahir, hari_ini),
        alamat: format!("{} RW {} RT {}", r.dusun, r.rw, r.rt),
        no_kk: r.no_kk.clone().unwrap_or_default(),
        shdk: SHDK.label(r.shdk_id).unwrap_or("-"),
        status: STATUS_DASAR.label(r.status_dasar).unwrap_or("-"),
        hidup: r.status_dasar == HIDUP,
    }
}

/// The filter form's fields (for refilling it and for the "next page" button).
pub const KOLOM_SARING: &[&str] = &[
    "q",
    "dusun",
    "rw",
    "rt",
    "jenis_kelamin",
    "umur_min",
    "umur_max",
    "status_dasar",
    "pendidikan_kk_id",
    "pekerjaan_id",
    "agama_id",
    "status_kawin_id",
    "urut",
];

pub fn saring_dari(f: &Isian) -> SaringPenduduk {
    SaringPenduduk {
        q: f.get("q").trim().to_string(),
        dusun: f.get("dusun").trim().to_string(),
        rw: f.get("rw").trim().to_string(),
        rt: f.get("rt").trim().to_string(),
        jenis_kelamin: f.angka("jenis_kelamin"),
        umur_min: f.angka("umur_min"),
        umur_max: f.angka("umur_max"),
        status_dasar: f.angka("status_dasar"),
        pendidikan_kk_id: f.angka("pendidikan_kk_id"),
        pekerjaan_id: f.angka("pekerjaan_id"),
        agama_id: f.angka("agama_id"),
        status_kawin_id: f.angka("status_kawin_id"),
        urut: match f.get("urut") {
            "nik" => Urutan::Nik,
            "umur" => Urutan::Umur,
            "terbaru" => Urutan::Terbaru,
            _ => Urutan::Nama,
        },
        setelah: f.get("setelah").parse().ok(),
        batas: Some(50),
    }
}

pub struct Pilihan {
    pub nama: &'static str,
    pub label: &'static str,
    pub isi: Vec<(String, &'static str)>,
    pub nilai: String,
}

pub(super) fn pilihan_saring(f: &Isian) -> Vec<Pilihan> {
    let mut v: Vec<Pilihan> = [
        "jenis_kelamin",
        "agama_id",
        "pendidikan_kk_id",
        "pekerjaan_id",
        "status_kawin_id",
    ]
    .iter()
    .map(|k| Pilihan {
        nama: k,
        label: label_kolom(k),
        isi: daftar_kode(k)
            .map(|d| d.isi.iter().map(|(i, l)| (i.to_string(), *l)).collect())
            .unwrap_or_default(),
        nilai: f.get(k).to_string(),
    })
    .collect();
    v.push(Pilihan {
        nama: "status_dasar",
        label: "Status",
        isi: std::iter::once(("0".to_string(), "Semua status"))
            .chain(STATUS_DASAR.isi.iter().map(|(i, l)| (i.to_string(), *l)))
            .collect(),
        nilai: f.get("status_dasar").to_string(),
    });
    v
}

#[derive(Template)]
#[template(path = "penduduk_daftar.html")]
pub(super) struct HalamanDaftar {
    k: Kerangka,
    f: Isian,
    pilihan: Vec<Pilihan>,
    dusun: Vec<String>,
    baris: Vec<BarisPenduduk>,
    total: i64,
    berikutnya: Option<Uuid>,
    halaman_lanjut: bool,
    simpan_saring: Vec<(&'static str, String)>,
}

pub(super) async fn tampil_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let saring = saring_dari(&f);
    let hari_ini = k.store.hari_ini(desa.zona());
    let Halaman {
        isi,
        berikutnya,
        total,
    } = k
        .store
        .daftar_penduduk(&desa.desa_id, &saring, hari_ini)
        .await?;
    let mut dusun: Vec<String> = k
        .store
        .daftar_rt(&desa.desa_id)
        .await?
        .into_iter()
        .map(|r| r.dusun)
        .collect();
    dusun.dedup();
    let simpan_saring = KOLOM_SARING
        .iter()
        .map(|c| (*c, f.get(c).to_string()))
        .collect();
    Ok(tampil(&HalamanDaftar {
        k: Kerangka::baru(m, Some(desa), "penduduk", "Penduduk").dengan_pesan(ok),
        pilihan: pilihan_saring(&f),
        halaman_lanjut: saring.setelah.is_some(),
        f,
        dusun,
        baris: isi.iter().map(|r| baris(r, hari_ini)).collect(),
        total,
        berikutnya,
        simpan_saring,
    })?
    .into_response())
}

#[derive(serde::Deserialize)]
pub(super) struct KueriDaftar {
    #[serde(flatten)]
    isi: std::collections::HashMap<String, String>,
}

pub(super) async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriDaftar>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let ok = q.isi.get("ok").cloned();
    // Names and NIKs are searched by POST only, so they never appear in URLs or logs.
    let f = Isian(
        q.isi
            .into_iter()
            .filter(|(c, _)| c != "q" && c != "ok")
            .collect(),
    );
    tampil_daftar(&k, &m, &desa, f, ok.as_deref()).await
}

pub(super) async fn cari(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    tampil_daftar(&k, &kir.m, &desa, kir.isian, None).await
}
