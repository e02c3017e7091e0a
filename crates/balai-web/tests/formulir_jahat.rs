//! Hostile input on every staff HTML form (issue 20, proof 5), over real HTTP on both backends.
//! The village admin's pages are walked from the start page; every POST form found is sent
//! with each text field filled with hostile values (script tags, event handlers, typst markup,
//! formulas, SQL metacharacters, bidi overrides, then a 100 KB string). No answer may be a
//! server error, and afterwards no page may show a value unescaped.

use crate::bersama;

use balai_store::Store;
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const DESA: &str = "3325082004";
/// Pages walked at most (the village's staff pages are about a hundred kinds).
const MAKS_HALAMAN: usize = 400;

/// The API walk's payloads (`masukan_jahat::racun`): the short ones together in every field
/// (a NUL byte is refused before any form, so it is left out), then the long string alone.
fn racun() -> [String; 2] {
    let (pendek, panjang): (Vec<String>, Vec<String>) = crate::masukan_jahat::racun()
        .into_iter()
        .filter(|r| !r.contains('\0'))
        .partition(|r| r.len() < 1000);
    [pendek.join(" "), panjang.concat()]
}

/// Paths not walked or not sent: signing out, the practice mode switch (it moves the session to
/// another database), one's own password, files and the public site.
fn dilewati(jalur: &str) -> bool {
    const JALUR: [&str; 7] = [
        "/keluar",
        "/latihan",
        "/ganti-sandi",
        "/s/",
        "/api/",
        "/aset/",
        "/warga/",
    ];
    const AKHIRAN: [&str; 9] = [
        ".pdf",
        ".xlsx",
        ".csv",
        ".zip",
        ".png",
        ".jpg",
        ".ico",
        ".geojson",
        ".balai-backup",
    ];
    JALUR.iter().any(|j| jalur.contains(j))
        || AKHIRAN.iter().any(|a| jalur.ends_with(a))
        || jalur.contains("/unduh")
}

/// `/desa/3325082004/penduduk/0190…/hapus` → `/desa/:/penduduk/:/hapus`: one form per kind.
fn jenis(jalur: &str) -> String {
    jalur
        .split('/')
        .map(|s| {
            if !s.is_empty() && (s.bytes().all(|b| b.is_ascii_digit()) || s.len() == 36) {
                ":"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

struct Formulir {
    halaman: String,
    aksi: String,
    isian: Vec<(String, Jenis)>,
}

enum Jenis {
    Tetap(String),
    Teks,
}

fn pilih(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn baca_formulir(halaman: &str, html: &str) -> Vec<Formulir> {
    let doc = Html::parse_document(html);
    let mut hasil = Vec::new();
    for f in doc.select(&pilih("form")) {
        let a = f.value();
        if !a
            .attr("method")
            .is_some_and(|m| m.eq_ignore_ascii_case("post"))
            || a.attr("enctype")
                .is_some_and(|e| e.starts_with("multipart"))
        {
            continue;
        }
        let aksi = match a.attr("action") {
            Some(x) if x.starts_with('/') => x.split('?').next().unwrap_or(x).to_string(),
            Some(x) if !x.is_empty() => continue,
            _ => halaman.to_string(),
        };
        hasil.push(Formulir {
            halaman: halaman.to_string(),
            aksi,
            isian: isian_formulir(f),
        });
    }
    hasil
}

fn isian_formulir(f: ElementRef<'_>) -> Vec<(String, Jenis)> {
    let mut isian = Vec::new();
    let mut radio = BTreeSet::new();
    for e in f.select(&pilih("input, textarea, select")) {
        let v = e.value();
        let Some(nama) = v.attr("name") else { continue };
        let nilai = v.attr("value").unwrap_or("").to_string();
        let tetap = |x: String| (nama.to_string(), Jenis::Tetap(x));
        match (v.name(), v.attr("type").unwrap_or("text")) {
            ("select", _) => {
                let o = e
                    .select(&pilih("option[selected]"))
                    .next()
                    .or_else(|| e.select(&pilih("option")).next());
                if let Some(o) = o {
                    let x = o.value().attr("value").map(str::to_string);
                    isian.push(tetap(x.unwrap_or_else(|| o.text().collect())));
                }
            }
            ("textarea", _) => isian.push((nama.to_string(), Jenis::Teks)),
            (_, "hidden") => isian.push(tetap(nilai)),
            (_, "checkbox") if v.attr("checked").is_some() => isian.push(tetap(nilai)),
            (_, "radio") if radio.insert(nama.to_string()) => isian.push(tetap(nilai)),
            (_, "file" | "checkbox" | "radio" | "submit" | "button" | "password") => {}
            _ => isian.push((nama.to_string(), Jenis::Teks)),
        }
    }
    isian
}

fn tautan(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&pilih("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split(['?', '#']).next().unwrap_or(h).to_string())
        .collect()
}

/// The staff pages reachable from the start page, as (path, HTML).
async fn jelajah(c: &reqwest::Client, url: &str) -> BTreeMap<String, String> {
    let mut antre: VecDeque<String> = [format!("/desa/{DESA}"), "/".to_string()].into();
    let mut dilihat = BTreeSet::new();
    let mut halaman = BTreeMap::new();
    while let Some(j) = antre.pop_front() {
        if halaman.len() >= MAKS_HALAMAN || !dilihat.insert(j.clone()) || dilewati(&j) {
            continue;
        }
        let r = c.get(format!("{url}{j}")).send().await.unwrap();
        assert!(!r.status().is_server_error(), "GET {j}: {}", r.status());
        let html_ = r
            .headers()
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        if !r.status().is_success() || !html_ {
            continue;
        }
        let isi = r.text().await.unwrap();
        antre.extend(tautan(&isi));
        halaman.insert(j, isi);
    }
    halaman
}

balai_testkit::tiap_backend!(formulir_staf_dengan_masukan_jahat_tanpa_galat_server);
async fn formulir_staf_dengan_masukan_jahat_tanpa_galat_server(b: &'static str, s: Store) {
    bersama::desa_demo(&s, DESA, 30).await;
    let (url, _henti) = bersama::server(s.clone(), Default::default()).await;
    let mut c = bersama::masuk_staf(&url, "admin").await;
    let halaman = jelajah(&c, &url).await;
    assert!(
        halaman.len() >= 40,
        "{b}: {} pages walked: {:?}",
        halaman.len(),
        halaman.keys().collect::<Vec<_>>()
    );
    // The walker's own account is left alone (a password reset would end its session).
    let sendiri = s
        .pengguna_by_username("admin")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let mut formulir: BTreeMap<String, Formulir> = BTreeMap::new();
    for (j, html) in &halaman {
        for f in baca_formulir(j, html) {
            if !dilewati(&f.aksi) && !f.aksi.contains(&sendiri) {
                formulir.entry(jenis(&f.aksi)).or_insert(f);
            }
        }
    }
    assert!(
        formulir.len() >= 40,
        "{b}: {} kinds of form found",
        formulir.len()
    );
    let mut galat = Vec::new();
    for racun in racun() {
        for f in formulir.values() {
            let isi: Vec<(&str, &str)> = f
                .isian
                .iter()
                .map(|(n, j)| match j {
                    Jenis::Tetap(x) => (n.as_str(), x.as_str()),
                    Jenis::Teks => (n.as_str(), racun.as_str()),
                })
                .collect();
            let r = c
                .post(format!("{url}{}", f.aksi))
                .form(&isi)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let ke = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            if status.is_server_error() {
                let isi = r.text().await.unwrap_or_default();
                galat.push(format!(
                    "{} (from {}): {status} {}",
                    f.aksi,
                    f.halaman,
                    isi.chars().take(200).collect::<String>()
                ));
            }
            // A form that ended the session (an account disabled, a password reset): sign in
            // again and go on.
            if ke.starts_with("/masuk") {
                c = bersama::masuk_staf(&url, "admin").await;
            }
        }
    }
    assert!(
        galat.is_empty(),
        "{b}: server errors:\n{}",
        galat.join("\n")
    );
    // Every page again: whatever was stored is shown escaped.
    for (j, _) in halaman {
        let r = c.get(format!("{url}{j}")).send().await.unwrap();
        assert!(
            !r.status().is_server_error(),
            "{b}: GET {j} after: {}",
            r.status()
        );
        let isi = r.text().await.unwrap();
        assert!(
            !isi.contains("<script>alert(") && !isi.contains("<img src=x onerror"),
            "{b}: {j} shows a value unescaped"
        );
    }
}
