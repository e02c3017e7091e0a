//! The route/role table (`src/izin.rs`) covers every route the code registers, prints as a
//! reviewed snapshot, and is enforced over real HTTP before any handler runs.

use crate::bersama;

use balai_web::izin::{ATURAN, Akses};
use bersama::{klien, masuk_staf, server, staf_desa};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The index of the `)` closing the `(` at `buka`, skipping string literals.
fn tutup(s: &[u8], buka: usize) -> usize {
    let (mut d, mut i, mut teks) = (0i32, buka, false);
    while i < s.len() {
        match (teks, s[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') => teks = false,
            (false, b'"') => teks = true,
            (false, b'(') => d += 1,
            (false, b')') => {
                d -= 1;
                if d == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced parentheses");
}

fn berkas_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            berkas_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every (method, path) registered with `.route("…", get(..).post(..))` in `src/`; routes of
/// `src/api/` are nested under `/api/v1`.
fn rute_dalam_kode() -> BTreeSet<(String, String)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut daftar = Vec::new();
    berkas_rs(&src, &mut daftar);
    let mut rute = BTreeSet::new();
    for p in daftar {
        let awalan = if p.strip_prefix(&src).unwrap().starts_with("api") {
            "/api/v1"
        } else {
            ""
        };
        let isi = std::fs::read_to_string(&p).unwrap();
        let b = isi.as_bytes();
        let mut dari = 0;
        while let Some(i) = isi[dari..].find(".route(") {
            let buka = dari + i + ".route".len();
            let akhir = tutup(b, buka);
            let dalam = &isi[buka + 1..akhir];
            dari = akhir;
            let Some(a) = dalam.find('"') else { continue };
            let Some(z) = dalam[a + 1..].find('"') else {
                continue;
            };
            let jalur = format!("{awalan}{}", &dalam[a + 1..a + 1 + z]);
            let sisa = &dalam[a + z + 2..];
            for m in ["get", "post", "put", "delete", "patch"] {
                let mut j = 0;
                while let Some(k) = sisa[j..].find(&format!("{m}(")) {
                    let pos = j + k;
                    let sebelum = sisa[..pos].chars().last();
                    if !sebelum.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        rute.insert((m.to_uppercase(), jalur.clone()));
                    }
                    j = pos + m.len();
                }
            }
        }
    }
    rute
}

#[test]
fn setiap_rute_punya_aturan_izin() {
    let kode = rute_dalam_kode();
    assert!(kode.len() > 200, "route scan found only {}", kode.len());
    let tabel: BTreeSet<(String, String)> = ATURAN
        .iter()
        .map(|(m, j, _)| (m.to_string(), j.to_string()))
        .collect();
    assert_eq!(tabel.len(), ATURAN.len(), "a route appears twice in ATURAN");
    let tanpa: Vec<_> = kode.difference(&tabel).collect();
    assert!(
        tanpa.is_empty(),
        "routes without an access rule in src/izin.rs (add each with the roles allowed): {tanpa:#?}"
    );
    let usang: Vec<_> = tabel.difference(&kode).collect();
    assert!(
        usang.is_empty(),
        "rules in src/izin.rs for routes that no longer exist: {usang:#?}"
    );
}

/// The table as people review it: a change to who may do what is a visible diff.
/// `BALAI_PERBARUI_SNAPSHOT=1 cargo test -p balai-web --test izin` rewrites it.
#[test]
fn tabel_izin_sama_dengan_snapshot() {
    let mut teks = String::from("# method path: roles (generated from src/izin.rs)\n");
    for (m, j, a) in ATURAN {
        teks.push_str(&format!("{m} {j}: {}\n", a.uraian()));
    }
    balai_testkit::cocok_snapshot(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshot/izin.txt"),
        &teks,
    );
}

#[test]
fn rute_publik_hanya_yang_memang_publik() {
    for (m, j, a) in ATURAN {
        if *a == Akses::Publik {
            let data_desa = j.starts_with("/desa/")
                || (j.starts_with("/api/v1/desa/") && !j.contains("/data-terbuka"));
            assert!(
                !data_desa,
                "{m} {j} is public but serves a village's staff or API data"
            );
        }
    }
}

const DESA: &str = "3325082004";

balai_testkit::tiap_backend!(peran_yang_salah_ditolak_sebelum_handler);
async fn peran_yang_salah_ditolak_sebelum_handler(b: &'static str, s: balai_store::Store) {
    s.buat_desa(
        &balai_domain::KodeDesa::parse(DESA).unwrap(),
        &balai_store::Aktor::sistem(),
    )
    .await
    .unwrap();
    staf_desa(&s, DESA).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    // Not logged in: to the login page.
    let r = klien()
        .get(format!("{url}/desa/{DESA}/audit"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(r.headers()["location"], "/masuk", "{b}");
    // The operator may not read the audit log or manage accounts; the admin may.
    let op = masuk_staf(&url, "operator").await;
    for jalur in ["audit", "pengguna", "notifikasi"] {
        let r = op
            .get(format!("{url}/desa/{DESA}/{jalur}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}: operator {jalur}");
    }
    let admin = masuk_staf(&url, "admin").await;
    let r = admin
        .get(format!("{url}/desa/{DESA}/audit"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    // The head of the village reads but does not enter residents; only the secretary
    // checks a payment request (refused before the request is even looked up).
    let kades = masuk_staf(&url, "kades").await;
    let r = kades
        .get(format!("{url}/desa/{DESA}/penduduk/baru"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let r = kades
        .post(format!(
            "{url}/desa/{DESA}/keuangan/spp/{}/periksa",
            uuid::Uuid::now_v7()
        ))
        .form(&[("_csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    // Only the system admin registers villages.
    let r = admin
        .post(format!("{url}/desa"))
        .form(&[("_csrf", "x"), ("kode", "3325082005")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
}
