//! The administrative books over real HTTP on every backend: one page lists every book A.1–D.4
//! with PDF and XLSX links; each book opens for a year or a month with the regulation's grouped
//! headers and column numbers, downloads as a PDF and a spreadsheet, and says what is missing
//! when its data is not kept yet; the temporary residents register keeps typed values when it
//! refuses; opening a book of residents is in the audit log; the API serves the same rows; the
//! kecamatan sees when each village last wrote to its books.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::peran::Peran;
use balai_store::audit::SaringAudit;
use balai_store::buku::katalog;
use balai_store::pengguna::{HakToken, PenggunaBaru};
use balai_store::{Aktor, Store};
use bersama::{SANDI, csrf, masuk_staf, teks};
use reqwest::StatusCode;
use serde_json::Value;

const DESA: &str = "3325082004";

balai_testkit::tiap_backend!(buku_administrasi_lewat_http);
async fn buku_administrasi_lewat_http(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let d = balai_testkit::data_penduduk(&[
        ("nik", "3325081708800001"),
        ("nama", "Sutrisno"),
        ("jenis_kelamin", "1"),
        ("tanggal_lahir", "17-08-1980"),
        ("shdk_id", "1"),
        ("no_kk", "3325080101200001"),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    bersama::staf_desa(&s, DESA).await;
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "camat",
            nama: "Pemantau",
            kata_sandi: SANDI,
            peran: Peran::Kecamatan,
            desa_id: None,
            cakupan: &DESA[..6],
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api("OPD", &[DESA.to_string()], HakToken::baca(), &admin)
        .await
        .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;

    // One page, every book, each with its downloads.
    let h = teks(&op, format!("{url}/desa/{DESA}/buku")).await;
    for info in katalog() {
        assert!(
            h.contains(&format!("/buku/{}?", info.kode)),
            "{b}: {} listed",
            info.kode
        );
    }
    assert!(h.contains("format=pdf") && h.contains("format=xlsx"), "{b}");

    // B.1 for this year: grouped header, column numbers, the resident.
    let h = teks(&op, format!("{url}/desa/{DESA}/buku/B.1")).await;
    assert!(h.contains("Buku Induk Penduduk (B.1)"), "{b}: {h}");
    assert!(
        h.contains("rowspan=\"2\">NAMA LENGKAP / PANGGILAN</th>"),
        "{b}: {h}"
    );
    assert!(
        h.contains("colspan=\"2\">TEMPAT &#38; TANGGAL LAHIR</th>"),
        "{b}: {h}"
    );
    assert!(
        h.contains("class=\"nomor-kolom\"") && h.contains("SUTRISNO"),
        "{b}: {h}"
    );
    let jejak = s.daftar_audit(DESA, &SaringAudit::default()).await.unwrap();
    assert!(
        jejak
            .iter()
            .any(|a| a.aksi == "lihat_buku" && a.objek_id == "B.1"),
        "{b}: opening a book of residents is logged"
    );

    // Every book downloads as PDF and XLSX.
    for info in katalog() {
        for (format, awal) in [("pdf", &b"%PDF"[..]), ("xlsx", &b"PK"[..])] {
            let r = op
                .get(format!(
                    "{url}/desa/{DESA}/buku/{}?tahun=2026&format={format}",
                    info.kode
                ))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{b}: {} {format}", info.kode);
            assert!(
                r.headers()["content-disposition"]
                    .to_str()
                    .unwrap()
                    .contains("attachment"),
                "{b}"
            );
            let isi = r.bytes().await.unwrap();
            assert!(isi.starts_with(awal), "{b}: {} {format}", info.kode);
        }
    }

    // A book without its data says so and links to the form.
    let h = teks(&op, format!("{url}/desa/{DESA}/buku/B.4?tahun=2026")).await;
    assert!(
        h.contains("id=\"data-kurang\"") && h.contains("/buku/sementara"),
        "{b}: {h}"
    );
    // The register refuses a missing field and keeps what was typed.
    let t = csrf(&op, &format!("{url}/desa/{DESA}/buku/sementara")).await;
    let r = op
        .post(format!("{url}/desa/{DESA}/buku/sementara"))
        .form(&[
            ("_csrf", t.as_str()),
            ("nama", "Joko Susilo"),
            ("jenis_kelamin", "1"),
            ("nomor_identitas", "3374010101900001"),
            ("datang_dari", "Kota Semarang"),
            ("maksud", ""),
            ("didatangi", "Pak Warsito"),
            ("datang", "01-11-2026"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("Tuliskan maksud kedatangan") && h.contains("value=\"Joko Susilo\""),
        "{b}: {h}"
    );
    let r = op
        .post(format!("{url}/desa/{DESA}/buku/sementara"))
        .form(&[
            ("_csrf", t.as_str()),
            ("nama", "Joko Susilo"),
            ("jenis_kelamin", "1"),
            ("nomor_identitas", "3374010101900001"),
            ("datang_dari", "Kota Semarang"),
            ("maksud", "Bekerja musim panen"),
            ("didatangi", "Pak Warsito"),
            ("datang", "01-11-2026"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{b}: {}", r.status());
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("ok=sementara"),
        "{b}"
    );
    let h = teks(
        &op,
        format!("{url}/desa/{DESA}/buku/B.4?tahun=2026&bulan=11"),
    )
    .await;
    assert!(
        h.contains("Joko Susilo") && !h.contains("id=\"data-kurang\""),
        "{b}: {h}"
    );
    // The kades reads the books but does not write the register.
    let kades = masuk_staf(&url, "kades").await;
    let r = kades
        .post(format!("{url}/desa/{DESA}/buku/ekspedisi"))
        .form(&[(
            "_csrf",
            csrf(&kades, &format!("{url}/desa/{DESA}/buku/ekspedisi"))
                .await
                .as_str(),
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    // The API: the same book as rows; an unknown book names the known ones.
    let c = reqwest::Client::new();
    let r: Value = c
        .get(format!(
            "{url}/api/v1/desa/{DESA}/buku/B.3?tahun=2026&bulan=11"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["kode"], "B.3", "{b}: {r}");
    assert_eq!(r["kolom"].as_array().unwrap().len(), 33, "{b}");
    assert_eq!(r["periode"]["label"], "Bulan November 2026", "{b}");
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/buku/X.1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    assert!(r.text().await.unwrap().contains("B.3"), "{b}");

    // The kecamatan: each village's last entry per group of books.
    let camat = masuk_staf(&url, "camat").await;
    let h = teks(&camat, format!("{url}/buku")).await;
    assert!(
        h.contains("id=\"kemutakhiran\"") && h.contains(DESA),
        "{b}: {h}"
    );
    assert!(
        h.contains("Belum ada"),
        "{b}: no letters or cash entries yet"
    );
}
