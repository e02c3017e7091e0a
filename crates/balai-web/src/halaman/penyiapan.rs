//! The first-run setup wizard (`/penyiapan`): on an install without any account, the one who
//! holds the setup code (printed on the console and in the journal when `balai serve` starts)
//! chooses the villages, by name or code, and creates the first accounts; then a checklist of
//! the next steps links to the pages where the rest is done. Once an account exists the wizard
//! is closed for good. The setup code stands in for a session: without it nothing is written.

use crate::galat::tampil;
use crate::isian::Isian;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_store::desa::Desa;
use balai_store::pengguna::sha256_hex;
use balai_store::penyiapan::{AkunAwal, IsianPenyiapan};
use balai_store::{Aktor, Galat};
use std::net::SocketAddr;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/penyiapan", get(halaman).post(kirim))
}

/// A village found by name, with where it lies.
pub struct Calon {
    pub kode: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "penyiapan.html")]
struct Halaman {
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    cari: Option<Vec<Calon>>,
}

impl Halaman {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn terpilih(&self, kode: &str) -> bool {
        self.f.semua("desa").contains(&kode)
    }
}

#[derive(Template)]
#[template(path = "penyiapan_selesai.html")]
struct Selesai {
    desa: Vec<Desa>,
    satu_desa: bool,
}

#[derive(Template)]
#[template(path = "penyiapan_tutup.html")]
struct Tutup {
    pesan: String,
}

/// Why the wizard is closed, if it is.
async fn tertutup(k: &Bersama) -> Result<Option<String>, GalatWeb> {
    if !k.store.perlu_penyiapan().await? {
        return Ok(Some(
            "Balai sudah disiapkan: akun pertama sudah ada, jadi halaman penyiapan ditutup. Masuk dengan akun admin; desa dan akun lain ditambahkan dari menu Pengguna."
                .into(),
        ));
    }
    if k.kode_penyiapan.is_none() {
        return Ok(Some(
            "Penyiapan belum dibuka. Jalankan ulang layanan Balai (systemctl restart balai); kode penyiapan akan tercetak di layar dan di journal (journalctl -u balai)."
                .into(),
        ));
    }
    Ok(None)
}

fn tutup(pesan: String) -> Result<Response, GalatWeb> {
    Ok((StatusCode::FORBIDDEN, tampil(&Tutup { pesan })?).into_response())
}

async fn halaman(State(k): State<Bersama>) -> Result<Response, GalatWeb> {
    if let Some(p) = tertutup(&k).await? {
        return tutup(p);
    }
    let h = Halaman {
        f: Isian::default(),
        g: DaftarGalat::default(),
        galat_umum: None,
        cari: None,
    };
    Ok(tampil(&h)?.into_response())
}

/// Villages and kelurahan whose name contains `q`, with their kecamatan and kabupaten.
async fn cari_desa(k: &Bersama, q: &str) -> Result<Vec<Calon>, GalatWeb> {
    let mut hasil = Vec::new();
    for w in k.store.cari_wilayah(q, None, 200).await? {
        if w.kode.len() == 10 {
            hasil.push(calon(k, w).await?);
        }
        if hasil.len() == 30 {
            break;
        }
    }
    Ok(hasil)
}

async fn calon(k: &Bersama, w: balai_store::wilayah::Wilayah) -> Result<Calon, GalatWeb> {
    let silsilah = k.store.silsilah_wilayah(&w.kode).await?;
    let atas: Vec<String> = silsilah
        .iter()
        .filter(|s| s.kode.len() == 6 || s.kode.len() == 4)
        .rev()
        .map(|s| s.nama.clone())
        .collect();
    Ok(Calon {
        label: format!(
            "{} ({}) — {}",
            w.nama,
            balai_domain::wilayah::bertitik(&w.kode),
            atas.join(", ")
        ),
        kode: w.kode,
    })
}

/// The villages already ticked, shown again (ticked) when the form comes back.
async fn terpilih(k: &Bersama, f: &Isian) -> Result<Option<Vec<Calon>>, GalatWeb> {
    let mut v = Vec::new();
    for kode in f.semua("desa") {
        if let Some(w) = k.store.wilayah(kode).await?.filter(|w| w.kode.len() == 10) {
            v.push(calon(k, w).await?);
        }
    }
    Ok((!v.is_empty()).then_some(v))
}

fn akun(f: &Isian, awalan: &str) -> AkunAwal {
    AkunAwal {
        username: f.get(&format!("{awalan}_username")).into(),
        nama: f.get(&format!("{awalan}_nama")).into(),
        kata_sandi: f.get(&format!("{awalan}_kata_sandi")).into(),
    }
}

/// The form again with the refusal; passwords and the setup code are never sent back.
fn ulang(
    status: StatusCode,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    cari: Option<Vec<Calon>>,
) -> Result<Response, GalatWeb> {
    let f = Isian(
        f.0.into_iter()
            .filter(|(k, _)| k != "kode" && !k.ends_with("kata_sandi"))
            .collect(),
    );
    let h = Halaman {
        f,
        g,
        galat_umum,
        cari,
    };
    Ok((status, tampil(&h)?).into_response())
}

async fn kirim(
    State(k): State<Bersama>,
    ConnectInfo(alamat): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, GalatWeb> {
    if let Some(p) = tertutup(&k).await? {
        return tutup(p);
    }
    let f = Isian(f);
    // Searching a village by name needs no code: the region table is public.
    if f.get("aksi") == "cari" {
        let q = f.get("cari").trim().to_string();
        if q.chars().count() < 3 {
            let mut g = DaftarGalat::default();
            g.push(
                "cari",
                "Ketik paling sedikit 3 huruf nama desa, misalnya DONOREJO.",
            );
            return ulang(StatusCode::UNPROCESSABLE_ENTITY, f, g, None, None);
        }
        let calon = cari_desa(&k, &q).await?;
        return ulang(StatusCode::OK, f, DaftarGalat::default(), None, Some(calon));
    }
    let ip = crate::pembatas::alamat_klien(k.proxy_tepercaya, alamat, &headers);
    if !crate::pembatas::dalam_kuota(&k.store, &[(crate::pembatas::PENYIAPAN_PER_ALAMAT, &ip)])
        .await?
    {
        let pilih = terpilih(&k, &f).await?;
        return ulang(
            StatusCode::TOO_MANY_REQUESTS,
            f,
            DaftarGalat::default(),
            Some("Terlalu banyak percobaan kode penyiapan dari komputer ini. Tunggu satu jam, lalu coba lagi.".into()),
            pilih,
        );
    }
    let benar = k
        .kode_penyiapan
        .as_deref()
        .is_some_and(|kode| sha256_hex(&normal(kode)) == sha256_hex(&normal(f.get("kode"))));
    if !benar {
        tracing::warn!("penyiapan: kode penyiapan salah");
        let mut g = DaftarGalat::default();
        g.push(
            "kode",
            "Kode penyiapan salah. Salin kode yang tercetak saat layanan Balai dimulai (di layar server, atau: journalctl -u balai | grep -i penyiapan).",
        );
        let pilih = terpilih(&k, &f).await?;
        return ulang(StatusCode::FORBIDDEN, f, g, None, pilih);
    }
    let mut desa: Vec<&str> = f.semua("desa");
    desa.push(f.get("desa_kode"));
    let isi = IsianPenyiapan {
        desa: desa.join(" "),
        admin: akun(&f, "admin"),
        kades: akun(&f, "kades"),
        operator: akun(&f, "operator"),
    };
    match k
        .store
        .siapkan_instalasi(&isi, &Aktor("penyiapan".into()))
        .await
    {
        Ok(desa) => {
            tracing::info!("penyiapan selesai: {} desa", desa.len());
            let satu_desa = desa.len() == 1;
            Ok(tampil(&Selesai { desa, satu_desa })?.into_response())
        }
        Err(Galat::Isian(g)) => {
            let pilih = terpilih(&k, &f).await?;
            ulang(StatusCode::UNPROCESSABLE_ENTITY, f, g, None, pilih)
        }
        Err(Galat::Ditolak(p)) => tutup(p),
        Err(e) => Err(e.into()),
    }
}

/// The code as typed: case, spaces and dashes do not matter.
fn normal(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A new setup code: 12 letters and digits that cannot be mistaken for each other, in groups
/// of four.
pub fn kode_baru() -> String {
    use rand::Rng;
    const HURUF: &[u8] = b"ACDEFGHJKLMNPQRTUVWXY34679";
    let mut r = rand::rng();
    let s: String = (0..12)
        .map(|_| HURUF[r.random_range(0..HURUF.len())] as char)
        .collect();
    format!("{}-{}-{}", &s[0..4], &s[4..8], &s[8..12])
}
