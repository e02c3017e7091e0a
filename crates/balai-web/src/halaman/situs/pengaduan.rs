//! The public complaint box of a village site: anyone may write (name optional), gets a
//! tracking code, and can follow the replies with it. Limited per client address and guarded
//! by a field only robots fill in, without any third-party captcha.

use super::Situs;
use super::halaman::Bingkai;
use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_store::pengaduan::{
    BalasanPengaduan, KATEGORI, Pengaduan, PengaduanBaru, label_kategori,
};
use balai_store::{Aktor, Galat};
use std::collections::HashMap;
use std::net::SocketAddr;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/s/{slug}/pengaduan", get(formulir).post(kirim))
        .route("/s/{slug}/pengaduan/lacak", get(lacak))
}

#[derive(Template)]
#[template(path = "situs_pengaduan.html")]
struct HalamanPengaduan {
    b: Bingkai,
    isian: HashMap<String, String>,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    kategori: &'static [(&'static str, &'static str)],
    /// The tracking code after a successful submission.
    kode: Option<String>,
}

impl HalamanPengaduan {
    fn nilai(&self, k: &str) -> &str {
        self.isian.get(k).map(String::as_str).unwrap_or("")
    }
}

fn halaman(
    s: Situs,
    isian: HashMap<String, String>,
    galat: DaftarGalat,
    galat_umum: Option<String>,
    kode: Option<String>,
) -> HalamanPengaduan {
    HalamanPengaduan {
        b: Bingkai::baru(s, "pengaduan", "Pengaduan dan saran"),
        isian,
        galat,
        galat_umum,
        kategori: KATEGORI,
        kode,
    }
}

fn tanpa_simpan() -> [(header::HeaderName, &'static str); 1] {
    [(header::CACHE_CONTROL, "no-store")]
}

async fn formulir(s: Situs) -> Result<Response, GalatWeb> {
    let h = halaman(s, HashMap::new(), DaftarGalat::default(), None, None);
    Ok((tanpa_simpan(), tampil(&h)?).into_response())
}

async fn kirim(
    State(k): State<Bersama>,
    s: Situs,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(isian): Form<HashMap<String, String>>,
) -> Result<Response, GalatWeb> {
    let ambil = |n: &str| isian.get(n).cloned().unwrap_or_default();
    // Robots fill in every field; people do not see this one.
    if !ambil("situs_web").is_empty() {
        let h = halaman(s, isian, DaftarGalat::default(), None, Some("-".into()));
        return Ok((tanpa_simpan(), tampil(&h)?).into_response());
    }
    let klien = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    if !crate::pembatas::dalam_kuota(&k.store, &[(crate::pembatas::ADUAN_PER_ALAMAT, &klien)])
        .await?
    {
        let pesan = "Terlalu banyak pengaduan dari alamat Anda dalam waktu singkat. Tunggu sepuluh menit, lalu kirim lagi. Isian Anda tidak hilang.".to_string();
        let h = halaman(s, isian, DaftarGalat::default(), Some(pesan), None);
        return Ok((StatusCode::TOO_MANY_REQUESTS, tanpa_simpan(), tampil(&h)?).into_response());
    }
    let anonim = ambil("anonim") == "ya";
    let b = PengaduanBaru {
        penduduk_id: None,
        nama_pelapor: if anonim { String::new() } else { ambil("nama") },
        kontak: if anonim {
            String::new()
        } else {
            ambil("kontak")
        },
        kategori: ambil("kategori"),
        judul: ambil("judul"),
        isi: ambil("isi"),
        foto: None,
        kanal: "situs".into(),
    };
    let mut g = DaftarGalat::default();
    if b.nama_pelapor.chars().count() > 100 {
        g.push("nama", "Nama paling panjang 100 karakter.");
    }
    if b.kontak.chars().count() > 100 {
        g.push("kontak", "Kontak paling panjang 100 karakter.");
    }
    let hasil = if g.is_empty() {
        k.store
            .ajukan_pengaduan(&s.desa.desa_id, &b, &Aktor("publik:situs".into()))
            .await
    } else {
        Err(Galat::Isian(g))
    };
    match hasil {
        Ok((_, kode)) => {
            let h = halaman(s, HashMap::new(), DaftarGalat::default(), None, Some(kode));
            Ok((tanpa_simpan(), tampil(&h)?).into_response())
        }
        Err(Galat::Isian(g)) => {
            let h = halaman(s, isian, g, None, None);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                tanpa_simpan(),
                tampil(&h)?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
struct QueryLacak {
    kode: Option<String>,
}

#[derive(Template)]
#[template(path = "situs_lacak.html")]
struct HalamanLacak {
    b: Bingkai,
    kode: String,
    p: Option<Pengaduan>,
    balasan: Vec<BalasanPengaduan>,
}

impl HalamanLacak {
    fn kategori(&self, k: &str) -> &'static str {
        label_kategori(k)
    }
    fn waktu(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        super::halaman::tanggal(&Some(*t))
    }
}

async fn lacak(
    State(k): State<Bersama>,
    s: Situs,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(q): Query<QueryLacak>,
) -> Result<Response, GalatWeb> {
    let kode = q.kode.unwrap_or_default().trim().to_uppercase();
    let klien = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    if !kode.is_empty() && !k.pembatas_publik.boleh(&klien) {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "60")],
            "Terlalu banyak pencarian dari alamat Anda. Tunggu satu menit, lalu coba lagi.",
        )
            .into_response());
    }
    let p = if kode.is_empty() {
        None
    } else {
        k.store.pengaduan_by_kode(&s.desa.desa_id, &kode).await?
    };
    // Only what the public form sent is followed here; a resident's own complaint stays in
    // the portal, behind the resident's login.
    let p = p.filter(|p| p.kanal == "situs");
    let balasan = match &p {
        Some(p) => k.store.balasan_pengaduan(&s.desa.desa_id, p.id).await?,
        None => Vec::new(),
    };
    let status = if !kode.is_empty() && p.is_none() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    let h = HalamanLacak {
        b: Bingkai::baru(s, "pengaduan", "Lacak pengaduan"),
        kode,
        p,
        balasan,
    };
    Ok((status, tanpa_simpan(), tampil(&h)?).into_response())
}
