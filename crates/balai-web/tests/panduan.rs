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

balai_testkit::tiap_backend!(admin_diberi_tahu_yang_berubah_setelah_pembaruan);
async fn admin_diberi_tahu_yang_berubah_setelah_pembaruan(b: &'static str, s: Store) {
    use balai_store::Jam;
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let kemarin = chrono::Utc::now() - chrono::Duration::days(1);
    s.clone()
        .dengan_jam(Jam::Tetap(kemarin - chrono::Duration::days(90)))
        .catat_versi_program("0.0.9")
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let admin = masuk_staf(&url, "admin").await;
    // Before this version ever started here: nothing to tell.
    let h = teks(&admin, format!("{url}/desa/{DESA}")).await;
    assert!(!h.contains("pemberitahuan-pembaruan"), "{b}");
    // `balai serve` records its version at start; the admin's start page then says what changed.
    s.clone()
        .dengan_jam(Jam::Tetap(kemarin))
        .catat_versi_program(balai_web::VERSI)
        .await
        .unwrap();
    let h = teks(&admin, format!("{url}/desa/{DESA}")).await;
    assert!(
        h.contains("id=\"pemberitahuan-pembaruan\"")
            && h.contains(&format!("dari versi 0.0.9 ke versi {}", balai_web::VERSI))
            && h.contains("Mode latihan: setiap desa punya desa latihan"),
        "{b}: {h}"
    );
    assert!(h.contains("href=\"/panduan/perubahan\""), "{b}");
    assert_eq!(
        admin
            .get(format!("{url}/panduan/perubahan"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "{b}"
    );
    // The operator is not an admin: no notice.
    let op = masuk_staf(&url, "operator").await;
    let h = teks(&op, format!("{url}/desa/{DESA}")).await;
    assert!(!h.contains("pemberitahuan-pembaruan"), "{b}");
}
