//! Posyandu over real HTTP on every backend: the operator adds a posyandu, opens the posyandu
//! day, records a child (a wrong weight is refused with the typed values kept), sees the child
//! counted and flagged, the referral list, and the growth page with its WHO charts. The head
//! of village (not a data-entry role) is refused.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::{Aktor, Store};
use bersama::{csrf, masuk_staf, teks};
use reqwest::StatusCode;

const DESA: &str = "3325082004";

balai_testkit::tiap_backend!(posyandu_lewat_http);
async fn posyandu_lewat_http(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let lahir = hari - chrono::Duration::days(400);
    use chrono::Datelike;
    let nik = format!(
        "332508{:02}{:02}{:02}0001",
        lahir.day() + 40,
        lahir.month(),
        lahir.year() % 100
    );
    let d = balai_testkit::data_penduduk(&[
        ("nik", &nik),
        ("nama", "SEKAR AYU"),
        ("tanggal_lahir", &lahir.to_string()),
        ("jenis_kelamin", "2"),
        ("shdk_id", "4"),
        ("status_kawin_id", "1"),
        ("pendidikan_kk_id", "1"),
        ("pekerjaan_id", "3"),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    bersama::staf_desa(&s, DESA).await;
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let dasar = format!("{url}/desa/{DESA}/kesehatan");

    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("id=\"tanpa-posyandu\"") && h.contains("Posyandu"),
        "{b}: {h}"
    );
    let token = csrf(&op, &dasar).await;
    let r = op
        .post(&dasar)
        .form(&[
            ("_csrf", token.as_str()),
            ("nama", "Posyandu Melati"),
            ("dusun", "KRAJAN"),
            ("alamat", "Rumah Bu RT"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &dasar).await;
    let i = h.find("/kesehatan/").unwrap();
    let pos_url = format!("{url}{}", &h[h[..i].rfind('"').unwrap() + 1..i + 11 + 36]);
    let hari_url = format!("{pos_url}?tanggal={hari}");
    let h = teks(&op, &hari_url).await;
    assert!(
        h.contains("SEKAR AYU") && h.contains("0 dari 1"),
        "{b}: {h}"
    );
    let j = h.find("/anak/").unwrap();
    let anak_url = format!("{pos_url}{}", &h[j..j + 6 + 36]);

    // An impossible weight is refused, naming the field, and what was typed stays.
    let token = csrf(&op, &format!("{anak_url}?tanggal={hari}")).await;
    let kirim = |berat: &'static str, panjang: &'static str| {
        op.post(&anak_url).form(&[
            ("_csrf", token.clone()),
            ("tanggal", hari.to_string()),
            ("berat", berat.to_string()),
            ("panjang", panjang.to_string()),
            ("catatan", "datang bersama nenek".to_string()),
        ])
    };
    let r = kirim("75", "71,0").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("tidak masuk akal")
            && h.contains("value=\"71,0\"")
            && h.contains("datang bersama nenek"),
        "{b}: {h}"
    );
    // Short for her age (about 13 months, 68 cm): recorded, and flagged.
    let r = kirim("8,0", "68,0").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &hari_url).await;
    assert!(
        h.contains("1 dari 1") && h.contains("perlu dirujuk"),
        "{b}: {h}"
    );
    // Twice on one day: refused.
    let r = kirim("8,1", "68,0").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("sudah ditimbang"), "{b}");

    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("id=\"daftar-rujukan\"") && h.contains("SEKAR AYU") && h.contains("TB/U"),
        "{b}: {h}"
    );
    // This month's dashboard counts her: one measured, one stunted.
    assert!(
        h.contains("id=\"gizi-bulanan\"") && h.contains("1 (100,0 %)"),
        "{b}: {h}"
    );
    let k = h.find("/kesehatan/anak/").unwrap();
    let tumbuh = format!("{url}{}", &h[h[..k].rfind('"').unwrap() + 1..k + 16 + 36]);
    let h = teks(&op, &tumbuh).await;
    assert!(
        h.contains("<svg") && h.contains("grafik-tumbuh") && h.contains("riwayat-timbang"),
        "{b}: {h}"
    );
    assert!(h.to_lowercase().contains("pendek"), "{b}: category shown");

    // The head of village does not enter health data.
    let kades = masuk_staf(&url, "kades").await;
    let r = kades.get(&dasar).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
}
