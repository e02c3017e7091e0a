//! The guides, served by Balai itself (`/panduan/{nama}`, offline): the operator guide and the
//! module guides of `docs/`, built into the program and rendered from Markdown, with an id on
//! every heading so each admin page's "Bantuan" link opens the matching section
//! (`Kerangka::bantuan`). Links between guides and their screenshots stay inside Balai.

use crate::galat::tampil;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/panduan", get(daftar))
        .route("/panduan/{nama}", get(halaman))
        .route("/panduan/gambar/{berkas}", get(gambar))
}

/// (name, title, text) of every guide served.
pub const PANDUAN: &[(&str, &str, &str)] = &[
    (
        "panduan-operator",
        "Panduan operator",
        include_str!("../../../../docs/panduan-operator.md"),
    ),
    (
        "layanan-surat",
        "Layanan surat",
        include_str!("../../../../docs/layanan-surat.md"),
    ),
    (
        "layanan-mandiri",
        "Layanan mandiri dan anjungan",
        include_str!("../../../../docs/layanan-mandiri.md"),
    ),
    (
        "adminduk",
        "Administrasi kependudukan",
        include_str!("../../../../docs/adminduk.md"),
    ),
    (
        "administrasi",
        "Pemerintahan dan buku administrasi",
        include_str!("../../../../docs/administrasi.md"),
    ),
    (
        "keuangan",
        "Perencanaan dan keuangan",
        include_str!("../../../../docs/keuangan.md"),
    ),
    (
        "siskeudes",
        "Impor dari Siskeudes",
        include_str!("../../../../docs/siskeudes.md"),
    ),
    (
        "bantuan",
        "Perlindungan sosial",
        include_str!("../../../../docs/bantuan.md"),
    ),
    (
        "kesehatan",
        "Posyandu dan kesehatan",
        include_str!("../../../../docs/kesehatan.md"),
    ),
    (
        "pendidikan",
        "Pendidikan",
        include_str!("../../../../docs/pendidikan.md"),
    ),
    (
        "situs-desa",
        "Situs desa",
        include_str!("../../../../docs/situs-desa.md"),
    ),
    (
        "notifikasi",
        "Notifikasi",
        include_str!("../../../../docs/notifikasi.md"),
    ),
    (
        "perubahan",
        "Yang baru di Balai",
        include_str!("../../../../docs/perubahan.md"),
    ),
    (
        "latihan",
        "Mode latihan",
        include_str!("../../../../docs/latihan.md"),
    ),
    (
        "sinkron",
        "Sinkron dengan kabupaten",
        include_str!("../../../../docs/sinkron.md"),
    ),
    (
        "pindah-dari-opensid",
        "Pindah dari OpenSID",
        include_str!("../../../../docs/pindah-dari-opensid.md"),
    ),
    (
        "verifikasi-surat",
        "Memeriksa keaslian surat",
        include_str!("../../../../docs/verifikasi-surat.md"),
    ),
    (
        "pemasangan",
        "Pemasangan dan perawatan server",
        include_str!("../../../../docs/pemasangan.md"),
    ),
    (
        "api",
        "API untuk OPD",
        include_str!("../../../../docs/api.md"),
    ),
];

/// The screenshots the guides show (`docs/gambar/`); a test checks every one they name is here.
pub const GAMBAR: &[(&str, &[u8])] = &[
    (
        "buku-b3.png",
        include_bytes!("../../../../docs/gambar/buku-b3.png"),
    ),
    (
        "ponsel-kader-hari-posyandu.png",
        include_bytes!("../../../../docs/gambar/ponsel-kader-hari-posyandu.png"),
    ),
    (
        "ponsel-kader-timbang.png",
        include_bytes!("../../../../docs/gambar/ponsel-kader-timbang.png"),
    ),
    (
        "ponsel-kader-menunggu-sinyal.png",
        include_bytes!("../../../../docs/gambar/ponsel-kader-menunggu-sinyal.png"),
    ),
    (
        "latihan-tugas.png",
        include_bytes!("../../../../docs/gambar/latihan-tugas.png"),
    ),
    (
        "penyiapan.png",
        include_bytes!("../../../../docs/gambar/penyiapan.png"),
    ),
];

/// The Markdown text of the guide `nama`.
pub fn teks(nama: &str) -> Option<&'static str> {
    PANDUAN
        .iter()
        .find(|(n, _, _)| *n == nama)
        .map(|(_, _, t)| *t)
}

/// A heading's id: lower case, letters and digits, words joined by "-"
/// ("3. Mencari penduduk" → "3-mencari-penduduk").
pub fn jangkar(judul: &str) -> String {
    let mut s = String::new();
    for c in judul.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// A link of a guide as served: another guide by its name, a screenshot under /panduan/gambar.
fn alamat(tujuan: &str) -> String {
    if let Some(g) = tujuan.strip_prefix("gambar/") {
        return format!("/panduan/gambar/{g}");
    }
    let (berkas, pagar) = tujuan.split_once('#').unwrap_or((tujuan, ""));
    let nama = berkas
        .rsplit('/')
        .next()
        .unwrap_or(berkas)
        .trim_end_matches(".md");
    if berkas.ends_with(".md") && PANDUAN.iter().any(|p| p.0 == nama) {
        if pagar.is_empty() {
            format!("/panduan/{nama}")
        } else {
            format!("/panduan/{nama}#{pagar}")
        }
    } else {
        tujuan.to_string()
    }
}

/// The guide as HTML: ids on headings, links kept inside Balai, raw HTML shown as text.
pub fn html(md: &str) -> String {
    let mut keluar = Vec::new();
    let mut judul: Option<(Tag, Vec<Event>, String)> = None;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        let e = match e {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(alamat(&dest_url)),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(alamat(&dest_url)),
                title,
                id,
            }),
            e => e,
        };
        match (e, &mut judul) {
            (Event::Start(t @ Tag::Heading { .. }), None) => {
                judul = Some((t, Vec::new(), String::new()))
            }
            (Event::End(TagEnd::Heading(l)), Some(_)) => {
                let (t, isi, teks) =
                    judul
                        .take()
                        .unwrap_or((Tag::Paragraph, Vec::new(), String::new()));
                let t = match t {
                    Tag::Heading {
                        level,
                        classes,
                        attrs,
                        ..
                    } => Tag::Heading {
                        level,
                        id: Some(CowStr::from(jangkar(&teks))),
                        classes,
                        attrs,
                    },
                    t => t,
                };
                keluar.push(Event::Start(t));
                keluar.extend(isi);
                keluar.push(Event::End(TagEnd::Heading(l)));
            }
            (e, Some((_, isi, teks))) => {
                if let Event::Text(s) | Event::Code(s) = &e {
                    teks.push_str(s);
                }
                isi.push(e);
            }
            (e, None) => keluar.push(e),
        }
    }
    let mut s = String::new();
    pulldown_cmark::html::push_html(&mut s, keluar.into_iter());
    s
}

/// Each guide as HTML, rendered on first use (they are built into the program and never change).
static HTML: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| PANDUAN.iter().map(|p| html(p.2)).collect());

#[derive(Template)]
#[template(path = "panduan.html")]
struct Halaman {
    k: Kerangka,
    daftar: &'static [(&'static str, &'static str, &'static str)],
    nama: &'static str,
    isi: &'static str,
}

async fn daftar(m: Masuk) -> Result<Response, GalatWeb> {
    tampilkan(&m, "panduan-operator")
}

async fn halaman(m: Masuk, Path(nama): Path<String>) -> Result<Response, GalatWeb> {
    tampilkan(&m, &nama)
}

fn tampilkan(m: &Masuk, nama: &str) -> Result<Response, GalatWeb> {
    let i = PANDUAN
        .iter()
        .position(|p| p.0 == nama)
        .ok_or(GalatWeb::TidakDitemukan)?;
    let (nama, judul, _) = PANDUAN[i];
    let h = Halaman {
        k: Kerangka::baru(m, None, "panduan", judul.to_string()),
        daftar: PANDUAN,
        nama,
        isi: &HTML[i],
    };
    Ok(tampil(&h)?.into_response())
}

async fn gambar(Path(berkas): Path<String>) -> Result<Response, GalatWeb> {
    let isi = GAMBAR
        .iter()
        .find(|g| g.0 == berkas)
        .map(|g| g.1)
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, crate::SEHARI),
        ],
        isi,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setiap_bantuan_menunjuk_bagian_yang_ada() {
        for menu in [
            "",
            "beranda",
            "penduduk",
            "peristiwa",
            "keluarga",
            "rtm",
            "impor",
            "statistik",
            "profil",
            "pengguna",
            "audit",
            "notifikasi",
            "kotak",
            "anjungan",
            "surat",
            "adminduk",
            "keuangan",
            "bantuan",
            "santunan",
            "kesehatan",
            "pendidikan",
            "situs",
            "sinkron",
            "jaringan",
            "buku",
            "perangkat",
            "kehadiran",
            "peraturan",
            "inventaris",
            "tanah",
            "panduan",
        ] {
            let url = crate::kerangka::bantuan_untuk(menu);
            let (jalur, jangkar) = url.split_once('#').unwrap_or((url, ""));
            let nama = jalur.trim_start_matches("/panduan/");
            let md = PANDUAN.iter().find(|p| p.0 == nama).map(|p| p.2);
            let md = md.unwrap_or_else(|| panic!("{menu}: no guide {nama}"));
            if !jangkar.is_empty() {
                assert!(
                    html(md).contains(&format!("id=\"{jangkar}\"")),
                    "{menu}: {url}"
                );
            }
        }
    }

    #[test]
    fn gambar_dan_tautan_panduan_tersedia() {
        for (nama, _, md) in PANDUAN {
            let h = html(md);
            for bagian in h.split("src=\"/panduan/gambar/").skip(1) {
                let berkas = bagian.split('"').next().unwrap_or("");
                assert!(GAMBAR.iter().any(|g| g.0 == berkas), "{nama}: {berkas}");
            }
            assert!(!h.contains("<script"), "{nama}: raw HTML is shown as text");
        }
        assert_eq!(jangkar("3. Mencari penduduk"), "3-mencari-penduduk");
        assert_eq!(
            alamat("pemasangan.md#b-penyiapan"),
            "/panduan/pemasangan#b-penyiapan"
        );
        assert_eq!(alamat("gambar/buku-b3.png"), "/panduan/gambar/buku-b3.png");
    }
}
