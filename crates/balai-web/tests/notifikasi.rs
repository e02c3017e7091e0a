//! Notifications end to end over real HTTP, on every store backend: the admin points WhatsApp at
//! a gateway this test runs on a local port, an operator records a letter request, and the
//! gateway receives the message; a failing gateway shows in the delivery log as a retry.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::{Aktor, Store};
use bersama::csrf;
use reqwest::StatusCode;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

const DESA: &str = "3325082004";
const NIK: &str = "3325080101800001";

async fn siapkan(s: &Store) {
    let k = KodeDesa::parse(DESA).unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    let m: HashMap<&str, &str> = [
        ("nik", NIK),
        ("nama", "SITI AMINAH"),
        ("jenis_kelamin", "2"),
        ("tempat_lahir", "BATANG"),
        ("tanggal_lahir", "1980-01-01"),
        ("agama_id", "1"),
        ("pendidikan_kk_id", "5"),
        ("pekerjaan_id", "9"),
        ("status_kawin_id", "2"),
        ("shdk_id", "1"),
        ("no_kk", "3325081201100001"),
        ("dusun", "KRAJAN"),
        ("rw", "001"),
        ("rt", "002"),
        ("telepon", "0812-3456-7890"),
    ]
    .into_iter()
    .collect();
    let hari_ini = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let d = DataPenduduk::dari_isian(&|k| m.get(k).map(|v| v.to_string()), hari_ini).unwrap();
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    bersama::staf_desa(s, DESA).await;
}

fn cloud_api<'a>(t: &'a str, url: &'a str, aktif: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("_csrf", t),
        ("preset", "whatsapp_cloud"),
        ("url", url),
        ("metode", "POST"),
        ("header_nama", "Authorization"),
        ("header_nilai", "Bearer {token}"),
        ("token", "EAAG-token-uji"),
        ("format", "json"),
        (
            "templat_payload",
            "{\"messaging_product\":\"whatsapp\",\"to\":\"{tujuan}\",\"type\":\"text\",\"text\":{\"body\":\"{pesan}\"}}",
        ),
        ("aktif", aktif),
        ("aksi", "simpan"),
    ]
}

balai_testkit::tiap_backend!(whatsapp_diterima_gateway_lokal_dan_gagal_tampil_sebagai_coba_lagi);
async fn whatsapp_diterima_gateway_lokal_dan_gagal_tampil_sebagai_coba_lagi(
    b: &'static str,
    s: balai_store::Store,
) {
    siapkan(&s).await;
    let (gw, g) = bersama::gateway().await;
    let (url, _berhenti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let halaman = format!("{url}/desa/{DESA}/notifikasi");

    // An operator may not open the settings.
    let op = bersama::masuk_staf(&url, "operator").await;
    let r = op.get(&halaman).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    let ad = bersama::masuk_staf(&url, "admin").await;
    let t = csrf(&ad, &halaman).await;
    let simpan = format!("{halaman}/kanal/whatsapp");

    // A URL without its scheme is named, and what was typed stays in the form.
    let r = ad
        .post(&simpan)
        .form(&cloud_api(&t, "gateway.contoh/v21.0/1/messages", "ya"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("URL gateway harus diawali http:// atau https://"),
        "{b}"
    );
    assert!(
        html.contains("value=\"gateway.contoh/v21.0/1/messages\""),
        "{b}"
    );
    assert!(
        !html.contains("EAAG-token-uji"),
        "{b}: the token is never sent back"
    );

    // "Terapkan preset" fills the fields without saving.
    let r = ad
        .post(&simpan)
        .form(&[
            ("_csrf", t.as_str()),
            ("preset", "fonnte"),
            ("aksi", "preset"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("https://api.fonnte.com/send"), "{b}");

    // Saved with a gateway on this machine.
    let tujuan_gw = format!("{gw}/v21.0/1234567/messages");
    let r = ad
        .post(&simpan)
        .form(&cloud_api(&t, &tujuan_gw, "ya"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = ad.get(&halaman).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Tersimpan (••••••)"), "{b}");
    assert!(!html.contains("EAAG-token-uji"), "{b}");

    // A test message to a typed number, with the result shown plainly.
    let r = ad
        .post(format!("{simpan}/uji"))
        .form(&[("_csrf", t.as_str()), ("tujuan_uji", "0813 1111 2222")])
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Berhasil dikirim"), "{b}");
    let d = bersama::tunggu(&g, 1).await;
    assert_eq!(d.len(), 1, "{b}");
    assert!(
        d[0].1.contains("\"to\":\"6281311112222\""),
        "{b}: {}",
        d[0].1
    );
    assert_eq!(d[0].0["authorization"], "Bearer EAAG-token-uji", "{b}");

    // The operator records a request: the gateway gets "permohonan diterima".
    bersama::ajukan_domisili(&op, &url, DESA, NIK).await;
    let d = bersama::tunggu(&g, 2).await;
    assert_eq!(
        d.len(),
        2,
        "{b}: the message did not arrive within 5 seconds"
    );
    let v: serde_json::Value = serde_json::from_str(&d[1].1).unwrap();
    assert_eq!(v["to"], "6281234567890", "{b}");
    let isi = v["text"]["body"].as_str().unwrap();
    assert!(
        isi.starts_with("Yth. SITI AMINAH, permohonan Keterangan Domisili Anda telah diterima"),
        "{b}: {isi}"
    );
    // Recorded as sent.
    for _ in 0..400 {
        let html = ad.get(&halaman).send().await.unwrap().text().await.unwrap();
        if html.contains("Berhasil</span>") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The gateway fails: the message waits for a retry and the log says why.
    g.status.store(500, Ordering::SeqCst);
    bersama::ajukan_domisili(&op, &url, DESA, NIK).await;
    assert_eq!(bersama::tunggu(&g, 3).await.len(), 3, "{b}");
    let mut html = String::new();
    for _ in 0..400 {
        html = ad
            .get(format!("{halaman}?status=menunggu"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if html.contains("status 500") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let tabel = &html[html.find("id=\"tabel-log\"").expect("delivery log table")..];
    let tabel = &tabel[..tabel.find("</table>").unwrap()];
    assert_eq!(
        tabel.matches("<tr class=\"status-").count(),
        1,
        "{b}: {tabel}"
    );
    assert!(tabel.contains("Menunggu dikirim"), "{b}");
    assert!(tabel.contains("Dicoba lagi"), "{b}");
    assert!(
        tabel.contains("Gateway menjawab dengan status 500"),
        "{b}: {tabel}"
    );
    assert!(tabel.contains("628123•••890"), "{b}");
    // The delivered one is under "terkirim".
    let html = ad
        .get(format!("{halaman}?status=terkirim"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Permohonan surat diterima"), "{b}");
}

balai_testkit::tiap_backend!(templat_diubah_dan_dikembalikan_dengan_placeholder_salah_disebut);
async fn templat_diubah_dan_dikembalikan_dengan_placeholder_salah_disebut(
    b: &'static str,
    s: balai_store::Store,
) {
    siapkan(&s).await;
    let (url, _berhenti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let ad = bersama::masuk_staf(&url, "admin").await;
    let form = format!("{url}/desa/{DESA}/notifikasi/templat/permohonan_ditolak");
    let t = csrf(&ad, &form).await;
    let r = ad
        .post(&form)
        .form(&[
            ("_csrf", t.as_str()),
            ("judul", "Permohonan ditolak"),
            ("isi", "Yth. {nama}, ditolak: {alasn}"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("{alasn} yang tidak dikenal"), "{b}");
    assert!(
        html.contains("Yth. {nama}, ditolak: {alasn}"),
        "{b}: typed text kept"
    );
    let r = ad
        .post(&form)
        .form(&[
            ("_csrf", t.as_str()),
            ("judul", "Permohonan ditolak"),
            ("isi", "Yth. {nama}, ditolak karena {alasan}."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = ad
        .get(format!("{url}/desa/{DESA}/notifikasi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Yth. {nama}, ditolak karena {alasan}."),
        "{b}"
    );
    assert!(html.contains("Diubah desa"), "{b}");
    let r = ad
        .post(format!("{form}/bawaan"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = ad
        .get(format!("{url}/desa/{DESA}/notifikasi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Diubah desa"), "{b}");
    assert!(html.contains("tidak dapat diproses dengan alasan"), "{b}");
}
