//! What a village site serves besides pages: images, its colour sheet, RSS, sitemap, the open
//! data files and their DCAT catalogue, and the server-side SVG of its map and budget.

use super::Situs;
use crate::{Bersama, GalatWeb};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::situs::data::{LISENSI_URL, MetaDataset};
use balai_store::situs::pembangunan::BarisApbdes;
use balai_store::situs::potensi::Potensi;
use std::fmt::Write;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/s/{slug}/gambar/{token}", get(gambar))
        .route("/s/{slug}/logo", get(logo))
        .route("/s/{slug}/warna.css", get(warna))
        .route("/s/{slug}/rss.xml", get(rss))
        .route("/s/{slug}/sitemap.xml", get(sitemap))
        .route("/s/{slug}/data.json", get(katalog_json))
        .route("/s/{slug}/data/{berkas}", get(berkas_data))
}

/// Escapes text for XML (and SVG) content and attributes.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The absolute address of the site, for feeds and the catalogue: the village's own host name
/// from its settings, else the install's public address; only an install without a configured
/// one falls back to the request's host (and those answers vary by `Host`).
fn asal(k: &Bersama, h: &HeaderMap, s: &Situs) -> String {
    let akar = match &s.situs.nama_host {
        Some(host) if s.dasar.is_empty() => {
            format!("{}://{host}", if k.cookie_aman { "https" } else { "http" })
        }
        _ => crate::url_dasar(k, h),
    };
    format!("{akar}{}", s.dasar)
}

/// Headers of a public feed whose links carry the site's address.
fn tajuk_umpan(jenis: &'static str) -> [(header::HeaderName, &'static str); 3] {
    [
        (header::CONTENT_TYPE, jenis),
        (header::CACHE_CONTROL, "public, max-age=300"),
        (header::VARY, "Host"),
    ]
}

async fn gambar(
    State(k): State<Bersama>,
    s: Situs,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    let token = token.trim_end_matches(".jpg");
    let isi = k
        .store
        .gambar(&s.desa.desa_id, token)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            // A token names one image forever.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        isi,
    )
        .into_response())
}

async fn logo(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let (isi, jenis) = k
        .store
        .logo_desa(&s.desa.desa_id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok((
        [
            (header::CONTENT_TYPE, jenis),
            (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
        ],
        isi,
    )
        .into_response())
}

/// The village's colour as a style sheet (the CSP allows no inline styles).
async fn warna(s: Situs) -> Response {
    let w = &s.situs.warna;
    let w = if w.len() == 7 && w[1..].bytes().all(|b| b.is_ascii_hexdigit()) {
        w.as_str()
    } else {
        "#1f6f43"
    };
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        format!(":root{{--warna:{w}}}\n"),
    )
        .into_response()
}

async fn rss(State(k): State<Bersama>, s: Situs, h: HeaderMap) -> Result<Response, GalatWeb> {
    let artikel = k
        .store
        .artikel_terbit(&s.desa.desa_id, None, None, 30)
        .await?;
    let akar = asal(&k, &h, &s);
    let mut x =
        String::from(r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>"#);
    let _ = write!(
        x,
        "<title>Desa {}</title><link>{}</link><description>Kabar dari Desa {}, {}</description><language>id</language>",
        xml(&s.desa.nama),
        xml(&akar),
        xml(&s.desa.nama),
        xml(&s.letak.kabupaten)
    );
    for a in &artikel {
        let url = format!("{akar}/berita/{}", a.slug);
        let _ = write!(
            x,
            "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate><category>{}</category><description>{}</description></item>",
            xml(&a.judul),
            xml(&url),
            xml(&url),
            a.terbit_pada.map(|t| t.to_rfc2822()).unwrap_or_default(),
            xml(a.label_jenis()),
            xml(&a.cuplikan())
        );
    }
    x.push_str("</channel></rss>");
    Ok((tajuk_umpan("application/rss+xml; charset=utf-8"), x).into_response())
}

async fn sitemap(State(k): State<Bersama>, s: Situs, h: HeaderMap) -> Result<Response, GalatWeb> {
    let akar = asal(&k, &h, &s);
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
    );
    let halaman = [
        "",
        "/profil",
        "/berita",
        "/statistik",
        "/potensi",
        "/lapak",
        "/pembangunan",
        "/peraturan",
        "/layanan",
        "/data",
        "/galeri",
        "/pengaduan",
    ];
    for p in halaman {
        let _ = write!(x, "<url><loc>{}</loc></url>", xml(&format!("{akar}{p}")));
    }
    let d = &s.desa.desa_id;
    let mut artikel = k.store.artikel_terbit(d, None, None, 1000).await?;
    artikel.extend(k.store.halaman_terbit(d).await?);
    for a in artikel {
        let _ = write!(
            x,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            xml(&format!("{akar}/berita/{}", a.slug)),
            a.diubah_pada.format("%Y-%m-%d")
        );
    }
    for p in k.store.cari_produk(d, "", "", 1000).await? {
        let _ = write!(
            x,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            xml(&format!("{akar}/lapak/{}", p.token)),
            p.diubah_pada.format("%Y-%m-%d")
        );
    }
    x.push_str("</urlset>");
    Ok((tajuk_umpan("application/xml; charset=utf-8"), x).into_response())
}

/// DCAT entries of one village's datasets.
pub fn dcat_dataset(akar: &str, nama_desa: &str, m: &MetaDataset) -> serde_json::Value {
    serde_json::json!({
        "@type": "dcat:Dataset",
        "identifier": m.id,
        "title": m.judul,
        "description": m.uraian,
        "keyword": [m.tema, "desa", nama_desa],
        "theme": [m.tema],
        "publisher": { "@type": "org:Organization", "name": m.sumber },
        "license": LISENSI_URL,
        "temporal": m.periode,
        "unit": m.satuan,
        "distribution": [
            { "@type": "dcat:Distribution", "format": "CSV", "mediaType": "text/csv", "downloadURL": format!("{akar}/data/{}.csv", m.id) },
            { "@type": "dcat:Distribution", "format": "JSON", "mediaType": "application/json", "downloadURL": format!("{akar}/data/{}.json", m.id) },
        ],
    })
}

pub fn katalog(judul: &str, dataset: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "title": judul,
        "dataset": dataset,
    })
}

async fn katalog_json(
    State(k): State<Bersama>,
    s: Situs,
    h: HeaderMap,
) -> Result<Response, GalatWeb> {
    let akar = asal(&k, &h, &s);
    let isi = k
        .store
        .katalog_data(&s.desa.desa_id)
        .await?
        .iter()
        .map(|m| dcat_dataset(&akar, &s.desa.nama, m))
        .collect();
    Ok((
        tajuk_umpan("application/json"),
        serde_json::to_string(&katalog(&format!("Data terbuka Desa {}", s.desa.nama), isi))
            .unwrap_or_default(),
    )
        .into_response())
}

async fn berkas_data(
    State(k): State<Bersama>,
    s: Situs,
    Path((_, berkas)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    let (id, format) = berkas.rsplit_once('.').ok_or(GalatWeb::TidakDitemukan)?;
    let d = k
        .store
        .dataset_terbuka(&s.desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let nama = format!("{}-{}.{format}", s.situs.slug, id);
    let unduh = format!("attachment; filename=\"{nama}\"");
    match format {
        "csv" => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, unduh),
                (header::CACHE_CONTROL, "public, max-age=300".into()),
            ],
            d.csv()?,
        )
            .into_response()),
        "json" => Ok((
            [(header::CACHE_CONTROL, "public, max-age=300")],
            axum::Json(d.json()),
        )
            .into_response()),
        _ => Err(GalatWeb::TidakDitemukan),
    }
}

/// The potential map: the village boundary (when imported) and the numbered points, drawn in
/// SVG on the server (no map library, no third-party tiles). Longitude is scaled by the cosine of
/// the latitude so the village keeps its shape.
pub fn peta_svg(daftar: &[Potensi], batas: Option<&balai_store::peta::BatasWilayah>) -> String {
    let titik: Vec<(usize, &Potensi, f64, f64)> = daftar
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i + 1, p, p.lintang?, p.bujur?)))
        .collect();
    let garis: Vec<&Vec<(f64, f64)>> = batas.map(|b| b.cincin.iter().collect()).unwrap_or_default();
    if titik.is_empty() && garis.is_empty() {
        return String::new();
    }
    let (mut la0, mut la1, mut bu0, mut bu1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    let semua = titik
        .iter()
        .map(|(_, _, la, bu)| (*bu, *la))
        .chain(garis.iter().flat_map(|r| r.iter().copied()));
    for (bu, la) in semua {
        la0 = la0.min(la);
        la1 = la1.max(la);
        bu0 = bu0.min(bu);
        bu1 = bu1.max(bu);
    }
    let (w, h, tepi) = (640.0, 400.0, 30.0);
    let kos = ((la0 + la1) / 2.0).to_radians().cos();
    let rentang_la = (la1 - la0).max(0.002);
    let rentang_bu = ((bu1 - bu0) * kos).max(0.002);
    let skala = ((w - 2.0 * tepi) / rentang_bu).min((h - 2.0 * tepi) / rentang_la);
    let (geser_x, geser_y) = (
        (w - rentang_bu * skala) / 2.0,
        (h - rentang_la * skala) / 2.0,
    );
    let xy = |bu: f64, la: f64| {
        (
            geser_x + (bu - bu0) * kos * skala,
            geser_y + (la1 - la) * skala,
        )
    };
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="peta" role="img" aria-labelledby="peta-judul"><title id="peta-judul">Peta desa: {}{} titik potensi</title><rect width="{w}" height="{h}" fill="#eef5ee"/>"##,
        if garis.is_empty() {
            ""
        } else {
            "batas wilayah dan "
        },
        titik.len()
    );
    for r in &garis {
        let mut d = String::new();
        for (i, (bu, la)) in r.iter().enumerate() {
            let (x, y) = xy(*bu, *la);
            let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
        }
        let _ = write!(
            out,
            r##"<path class="batas-wilayah" d="{d}Z" fill="#d8ecd9" stroke="#1f6f43" stroke-width="2" stroke-dasharray="6 3"/>"##
        );
    }
    for (n, p, la, bu) in &titik {
        let (x, y) = xy(*bu, *la);
        let _ = write!(
            out,
            r##"<g><title>{n}. {} ({})</title><circle cx="{x:.1}" cy="{y:.1}" r="9" fill="#1f6f43"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#fff">{n}</text></g>"##,
            xml(&p.nama),
            xml(p.label_jenis()),
            y + 3.5
        );
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars of budget and realisation per line.
/// A label cut to fit the chart's width; the full text is in the tooltip and the table.
fn pendek(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>().trim_end())
    }
}

pub fn grafik_anggaran(baris: &[&BarisApbdes], judul: &str) -> String {
    if baris.is_empty() {
        return String::new();
    }
    let maks = baris
        .iter()
        .map(|b| b.anggaran.max(b.realisasi))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let tinggi_baris = 44.0;
    let h = 30.0 + tinggi_baris * baris.len() as f64;
    // Drawn at phone width so its text stays readable on a 360 px screen.
    let (x0, lebar) = (4.0, 300.0);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 {h}" class="grafik" role="img" aria-label="{}"><text x="4" y="18" font-size="14" font-weight="bold">{}</text>"##,
        xml(judul),
        xml(judul)
    );
    for (i, b) in baris.iter().enumerate() {
        let y = 30.0 + i as f64 * tinggi_baris;
        let wa = b.anggaran as f64 / maks * lebar;
        let wr = b.realisasi as f64 / maks * lebar;
        let _ = write!(
            out,
            r##"<g><title>{}: anggaran {}, realisasi {} ({}%)</title><text x="{x0}" y="{:.0}" font-size="13">{}</text><rect x="{x0}" y="{:.0}" width="{wa:.1}" height="10" fill="#b7d3c0"/><rect x="{x0}" y="{:.0}" width="{wr:.1}" height="10" fill="#1f6f43"/><text x="{:.1}" y="{:.0}" font-size="12">{}%</text></g>"##,
            xml(&b.uraian),
            balai_domain::surat::teks::rp(b.anggaran),
            balai_domain::surat::teks::rp(b.realisasi),
            b.persen(),
            y + 12.0,
            xml(&pendek(&b.uraian, 44)),
            y + 16.0,
            y + 28.0,
            x0 + wa.max(wr) + 6.0,
            y + 27.0,
            format!("{:.1}", b.persen()).replace('.', ",")
        );
    }
    out.push_str("</svg>");
    out
}
