//! Help where it is needed: every staff page links to the guide section for it, served by
//! Balai itself with an id on every heading; each linked section exists; guides and their
//! screenshots need a login like the pages they explain.

use crate::bersama::{klien, masuk_staf, server, staf_desa, teks};
use balai_domain::KodeDesa;
use balai_store::{Aktor, Store};
use reqwest::StatusCode;

const DESA: &str = "3325082004";

balai_testkit::tiap_backend!(bantuan_di_setiap_halaman);
async fn bantuan_di_setiap_halaman(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let (url, _henti) = server(s, Default::default()).await;
    // Not logged in: to the login page.
    let r = klien()
        .get(format!("{url}/panduan/panduan-operator"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let op = masuk_staf(&url, "operator").await;
    for (halaman, bantuan) in [
        (
            format!("/desa/{DESA}/penduduk"),
            "/panduan/panduan-operator#3-mencari-penduduk",
        ),
        (format!("/desa/{DESA}/perangkat"), "/panduan/administrasi"),
        (format!("/desa/{DESA}/surat"), "/panduan/layanan-surat"),
    ] {
        let h = teks(&op, format!("{url}{halaman}")).await;
        assert!(
            h.contains(&format!("id=\"tautan-bantuan\" href=\"{bantuan}\""))
                || h.contains(&format!("href=\"{bantuan}\" id=\"tautan-bantuan\"")),
            "{b}: {halaman} links to {bantuan}"
        );
        let (jalur, jangkar) = bantuan.split_once('#').unwrap_or((bantuan, ""));
        let r = op.get(format!("{url}{jalur}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{b}: {jalur}");
        let g = r.text().await.unwrap();
        if !jangkar.is_empty() {
            assert!(g.contains(&format!("id=\"{jangkar}\"")), "{b}: {bantuan}");
        }
    }
    // A guide's screenshot, a guide that does not exist.
    let r = op
        .get(format!("{url}/panduan/gambar/buku-b3.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/png", "{b}");
    let r = op
        .get(format!("{url}/panduan/tidak-ada"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
}
