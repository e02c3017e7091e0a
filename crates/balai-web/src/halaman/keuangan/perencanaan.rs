//! Planning: proposals, the meetings that decide them, and the RKPDes/RPJMDes activities.

use super::{QueryTahun, Salah, ok_keuangan, tahun_dari, wajib_rupiah, wajib_tanggal};
use crate::galat::tampil;
use crate::isian::Kiriman;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::{Kode, SUMBER_DANA, daftar_kegiatan};
use balai_domain::surat::teks::rp;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::keuangan::perencanaan::{
    DOKUMEN, JENIS_MUSYAWARAH, JENIS_PENGUSUL, Musyawarah, MusyawarahBaru, Rencana, RencanaBaru,
    Usulan, UsulanBaru,
};
use balai_store::situs::pembangunan::BELANJA;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/perencanaan", get(halaman))
        .route("/desa/{kode}/perencanaan/usulan", post(tambah_usulan))
        .route(
            "/desa/{kode}/perencanaan/usulan/{id}/putuskan",
            post(putuskan),
        )
        .route(
            "/desa/{kode}/perencanaan/musyawarah",
            post(tambah_musyawarah),
        )
        .route("/desa/{kode}/perencanaan/rencana", post(tambah_rencana))
}

#[derive(Template)]
#[template(path = "keuangan_perencanaan.html")]
struct Halaman {
    k: Kerangka,
    desa: Desa,
    tahun: i64,
    usulan: Vec<Usulan>,
    musyawarah: Vec<Musyawarah>,
    rkpdes: Vec<Rencana>,
    rpjmdes: Vec<Rencana>,
    kegiatan: Vec<Kode>,
    s: Salah,
}

impl Halaman {
    fn rp<T: std::borrow::Borrow<i64>>(&self, n: T) -> String {
        rp(*n.borrow())
    }
    fn judul_usulan(&self, id: &Uuid) -> String {
        self.usulan
            .iter()
            .find(|u| u.id == *id)
            .map(|u| u.judul.clone())
            .unwrap_or_default()
    }
    fn pengusul(&self) -> &'static [(&'static str, &'static str)] {
        JENIS_PENGUSUL
    }
    fn jenis_musyawarah(&self) -> &'static [(&'static str, &'static str)] {
        JENIS_MUSYAWARAH
    }
    fn dokumen(&self) -> &'static [(&'static str, &'static str)] {
        DOKUMEN
    }
    fn bidang(&self) -> &'static [(&'static str, &'static str)] {
        BELANJA
    }
    fn sumber(&self) -> &'static [(&'static str, &'static str)] {
        SUMBER_DANA
    }
    fn nama_bidang(&self, b: &str) -> &'static str {
        BELANJA
            .iter()
            .find(|(k, _)| *k == b)
            .map(|(_, n)| *n)
            .unwrap_or("")
    }
    fn dokumen_rencana(&self) -> [(&'static str, &Vec<Rencana>); 2] {
        [
            ("RKPDes (rencana kerja tahun ini)", &self.rkpdes),
            ("RPJMDes yang mencakup tahun ini", &self.rpjmdes),
        ]
    }
    fn dipilih(&self, id: &Uuid) -> bool {
        self.s.bentuk == "rencana"
            && self
                .s
                .f
                .0
                .iter()
                .any(|(k, v)| k == "usulan" && *v == id.to_string())
    }
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    tahun: i64,
    s: Salah,
    ok: Option<&str>,
) -> Result<Response, GalatWeb> {
    let d = &desa.desa_id;
    let usulan = k.store.daftar_usulan(d, tahun).await?;
    let musyawarah = k.store.daftar_musyawarah(d, tahun).await?;
    let rkpdes = k.store.daftar_rencana(d, "rkpdes", tahun).await?;
    let rpjmdes = k.store.daftar_rencana(d, "rpjmdes", tahun).await?;
    let mut kr = Kerangka::baru(m, Some(&desa), "keuangan", format!("Perencanaan {tahun}"));
    kr.sub = "perencanaan";
    kr.pesan = ok.and_then(ok_keuangan).map(str::to_string);
    let status = s.status();
    let html = tampil(&Halaman {
        k: kr,
        desa,
        tahun,
        usulan,
        musyawarah,
        rkpdes,
        rpjmdes,
        kegiatan: daftar_kegiatan(),
        s,
    })?;
    Ok((status, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryTahun>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = tahun_dari(&k, &desa, q.tahun);
    tampil_halaman(&k, &m, desa, tahun, Salah::kosong(), q.ok.as_deref()).await
}

fn ke(kode: &str, tahun: i64, ok: &str, jangkar: &str) -> Response {
    Redirect::to(&format!(
        "/desa/{kode}/perencanaan?tahun={tahun}&ok={ok}#{jangkar}"
    ))
    .into_response()
}

async fn selesai(
    k: &Bersama,
    kir: Kiriman,
    desa: Desa,
    tahun: i64,
    bentuk: &'static str,
    hasil: Result<(), Galat>,
) -> Result<Response, GalatWeb> {
    match hasil {
        Ok(()) => Ok(ke(&desa.desa_id, tahun, bentuk, bentuk)),
        Err(e) => {
            let s = Salah::dari(bentuk, kir.isian, e)?;
            tampil_halaman(k, &kir.m, desa, tahun, s, None).await
        }
    }
}

async fn tambah_usulan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let biaya = wajib_rupiah(&mut g, f, "perkiraan_biaya", "Perkiraan biaya");
    let u = UsulanBaru {
        tahun: f.angka("tahun").unwrap_or(0),
        judul: f.get("judul").into(),
        jenis_pengusul: f.get("jenis_pengusul").into(),
        pengusul: f.get("pengusul").into(),
        lokasi: f.get("lokasi").into(),
        bidang: f.get("bidang").into(),
        perkiraan_biaya: biaya,
        penerima_manfaat: f.angka("penerima_manfaat").unwrap_or(0),
        uraian: f.get("uraian").into(),
        gambar: None,
        penduduk_id: None,
    };
    let hasil = if g.is_empty() {
        k.store
            .simpan_usulan(&kode, &u, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(super::gabung(
            g,
            balai_store::keuangan::perencanaan::periksa_usulan(&u),
        ))
    };
    let tahun = tahun_dari(&k, &desa, Some(u.tahun));
    selesai(&k, kir, desa, tahun, "usulan", hasil).await
}

async fn tambah_musyawarah(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let tanggal = wajib_tanggal(&mut g, f, "tanggal", "Tanggal musyawarah");
    let b = MusyawarahBaru {
        jenis: f.get("jenis").into(),
        tahun: f.angka("tahun").unwrap_or(0),
        tanggal,
        tempat: f.get("tempat").into(),
        jumlah_peserta: f.angka("jumlah_peserta").unwrap_or(0),
        peserta: f.get("peserta").into(),
        keputusan: f.get("keputusan").into(),
    };
    let hasil = if g.is_empty() {
        k.store
            .simpan_musyawarah(&kode, &b, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(g.into())
    };
    let tahun = tahun_dari(&k, &desa, Some(b.tahun));
    selesai(&k, kir, desa, tahun, "musyawarah", hasil).await
}

async fn putuskan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let u = k
        .store
        .usulan(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let f = &kir.isian;
    let hasil = match f.get("musyawarah_id").parse::<Uuid>() {
        Ok(mid) => {
            k.store
                .putuskan_usulan(
                    &kode,
                    id,
                    mid,
                    f.get("keputusan") == "setuju",
                    f.angka("peringkat"),
                    f.get("catatan"),
                    &kir.m.aktor(),
                )
                .await
        }
        Err(_) => Err(Galat::isian(
            "musyawarah_id",
            "Pilih musyawarah yang memutuskan usulan ini.",
        )),
    };
    selesai(&k, kir, desa, u.tahun, "putuskan", hasil).await
}

async fn tambah_rencana(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let biaya = wajib_rupiah(&mut g, f, "biaya", "Perkiraan biaya");
    let tahun_awal = f.angka("tahun_awal").unwrap_or(0);
    let r = RencanaBaru {
        dokumen: f.get("dokumen").into(),
        tahun_awal,
        tahun_akhir: f.angka("tahun_akhir").unwrap_or(tahun_awal),
        kode_kegiatan: f.get("kode_kegiatan").into(),
        nama: f.get("nama").into(),
        lokasi: f.get("lokasi").into(),
        volume: f.get("volume").into(),
        biaya,
        sumber_dana: f.get("sumber_dana").into(),
        usulan: f
            .0
            .iter()
            .filter(|(k, _)| k == "usulan")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    };
    let hasil = if g.is_empty() {
        k.store
            .simpan_rencana(&kode, &r, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(g.into())
    };
    let tahun = tahun_dari(&k, &desa, f.angka("tahun"));
    selesai(&k, kir, desa, tahun, "rencana", hasil).await
}
