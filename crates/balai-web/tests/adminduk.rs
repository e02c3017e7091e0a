//! Civil registration over real HTTP on both backends: the API queue round trip a Dukcapil
//! bridge makes, who may open which page, and the public tracking page.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku};
use balai_store::adminduk::{Aksi, HasilIsian, LampiranBaru, PermohonanBaru};
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Store};
use base64::Engine;
use bersama::{SANDI, klien, masuk_dengan, masuk_staf, server, staf_desa};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const DESA: &str = "3325082004";
const PDF: &[u8] = b"%PDF-1.4 pindaian";

/// A family of two; the husband's death is reported by the wife and forwarded by the village.
/// Answers (application id, reference number, husband's id).
async fn siapkan(s: &Store) -> (uuid::Uuid, String, uuid::Uuid) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(s, DESA).await;
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "dukcapil",
            nama: "Petugas Dukcapil",
            kata_sandi: SANDI,
            peran: Peran::Dukcapil,
            desa_id: None,
            cakupan: "3325",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let kk = "3325081201100001";
    let d = |nik: &str, nama: &str, jk: &str, shdk: &str| {
        balai_testkit::data_penduduk(&[
            ("nik", nik),
            ("nama", nama),
            ("jenis_kelamin", jk),
            ("shdk_id", shdk),
            ("no_kk", kk),
        ])
    };
    let a = Aktor::sistem();
    let suami = s
        .tambah_penduduk(DESA, &d("3325080101800001", "SUAMI UJI", "1", "1"), &a)
        .await
        .unwrap();
    let istri = s
        .tambah_penduduk(DESA, &d("3325084101820002", "ISTRI UJI", "2", "3"), &a)
        .await
        .unwrap();
    let j = JenisAdminduk::AktaKematian;
    let isian: BTreeMap<String, String> = [
        ("tanggal", "2026-11-20"),
        ("tempat", "Rumah"),
        ("sebab", "Sakit"),
        ("yang_menerangkan", "Bidan desa"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let lampiran: Vec<LampiranBaru> = j
        .persyaratan()
        .iter()
        .map(|s| LampiranBaru {
            syarat: s.kode,
            nama: "dok.pdf",
            isi: PDF,
        })
        .collect();
    let (id, nomor) = s
        .adminduk()
        .ajukan(
            DESA,
            &PermohonanBaru {
                jenis: j,
                pemohon_id: istri,
                subjek_id: Some(suami),
                isian,
                persetujuan: true,
                kanal: "portal".into(),
            },
            &lampiran,
            &Aktor::warga(istri),
        )
        .await
        .unwrap();
    let kosong = HasilIsian::default();
    s.adminduk()
        .langkah(
            DESA,
            id,
            &Aksi {
                langkah: Langkah::Teruskan,
                pelaku: Pelaku::Desa,
                alasan: "",
                hasil: &kosong,
                pindaian: None,
                versi: None,
            },
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();
    (id, nomor, suami)
}

balai_testkit::tiap_backend!(antrean_api_diambil_dan_diselesaikan_jembatan_dukcapil);
async fn antrean_api_diambil_dan_diselesaikan_jembatan_dukcapil(b: &'static str, s: Store) {
    let (id, nomor, suami) = siapkan(&s).await;
    let (_, wilayah) = s
        .buat_token_wilayah(
            "Jembatan SIAK",
            "3325",
            balai_store::pengguna::HakToken::dukcapil(),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, baca) = s
        .buat_token_api(
            "Baca saja",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{url}/api/v1{p}");

    // The queue across the region shows the forwarded application.
    let r = c
        .get(api("/adminduk"))
        .bearer_auth(&wilayah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["total"], 1, "{b}: {v}");
    assert_eq!(v["data"][0]["nomor"], nomor.as_str(), "{b}");
    // A village token is not a region token.
    let r = c
        .get(api("/adminduk"))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "{b}");
    let v: Value = c
        .get(api(&format!("/desa/{DESA}/adminduk")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["total"], 1, "{b}: {v}");

    // One application with its attachments, and an attachment's bytes.
    let satu = api(&format!("/desa/{DESA}/adminduk/{id}"));
    let v: Value = c
        .get(&satu)
        .bearer_auth(&wilayah)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["status"], "diteruskan", "{b}: {v}");
    assert_eq!(v["isian"]["sebab"], "Sakit", "{b}");
    let lid = v["lampiran"][0]["id"].as_str().unwrap().to_string();
    let r = c
        .get(api(&format!("/desa/{DESA}/adminduk/{id}/lampiran/{lid}")))
        .bearer_auth(&wilayah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{b}");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF, "{b}");

    let langkah = |token: String, badan: Value| {
        let c = c.clone();
        let u = api(&format!("/desa/{DESA}/adminduk/{id}/langkah"));
        async move {
            c.post(u)
                .bearer_auth(token)
                .json(&badan)
                .send()
                .await
                .unwrap()
        }
    };
    // A read-only token cannot take steps; finishing before claiming is refused.
    let r = langkah(baca.clone(), json!({"langkah": "proses"})).await;
    assert_eq!(r.status(), 403, "{b}");
    // Nor can a write token that is not Dukcapil's (it could before), nor see the scans.
    let (_, tulis) = s
        .buat_token_api(
            "Aplikasi desa",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let r = langkah(tulis.clone(), json!({"langkah": "proses"})).await;
    assert_eq!(r.status(), 403, "{b}");
    assert!(r.text().await.unwrap().contains("token Dukcapil"), "{b}");
    let r = c
        .get(api(&format!("/desa/{DESA}/adminduk/{id}/lampiran/{lid}")))
        .bearer_auth(&tulis)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "{b}");
    // A token past its end opens nothing.
    let (_, singkat) = s
        .buat_token_wilayah(
            "Sebentar",
            "3325",
            balai_store::pengguna::HakToken {
                berlaku_hari: 1,
                ..balai_store::pengguna::HakToken::dukcapil()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let besok = s.clone().dengan_jam(balai_store::Jam::Tetap(
        chrono::Utc::now() + chrono::Duration::days(2),
    ));
    assert!(s.token_api(&singkat).await.unwrap().is_some(), "{b}");
    assert!(
        besok.token_api(&singkat).await.unwrap().is_none(),
        "{b}: expired"
    );
    assert!(
        s.buat_token_api(
            "X",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken {
                berlaku_hari: 0,
                ..balai_store::pengguna::HakToken::baca()
            },
            &admin
        )
        .await
        .is_err(),
        "{b}: a token must end within 1 to 730 days"
    );
    let r = langkah(
        wilayah.clone(),
        json!({"langkah": "selesaikan", "nomor_dokumen": "X"}),
    )
    .await;
    assert_eq!(r.status(), 422, "{b}");
    let r = langkah(wilayah.clone(), json!({"langkah": "proses"})).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "diproses", "{b}");
    // Without the document number: the field is named; a stale version: 409.
    let r = langkah(wilayah.clone(), json!({"langkah": "selesaikan"})).await;
    assert_eq!(r.status(), 422, "{b}");
    assert!(
        r.text().await.unwrap().contains("Nomor akta kematian"),
        "{b}"
    );
    let r = langkah(
        wilayah.clone(),
        json!({"langkah": "selesaikan", "nomor_dokumen": "3325-KM-1", "versi": 1}),
    )
    .await;
    assert_eq!(r.status(), 409, "{b}");
    let pindaian = base64::engine::general_purpose::STANDARD.encode(PDF);
    let r = langkah(
        wilayah.clone(),
        json!({"langkah": "selesaikan", "nomor_dokumen": "3325-KM-20112026-0001", "pindaian": pindaian}),
    )
    .await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "selesai", "{b}");
    assert_eq!(v["hasil"]["nomor_dokumen"], "3325-KM-20112026-0001", "{b}");
    assert!(
        v["lampiran"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["syarat"] == "hasil"),
        "{b}: {v}"
    );
    // The registry: the death is recorded by the finish.
    let p = s.penduduk(DESA, suami).await.unwrap().unwrap();
    assert_eq!(p.status_label(), "MATI", "{b}");
    assert_eq!(
        s.riwayat_penduduk(DESA, suami).await.unwrap()[0].jenis,
        "mati",
        "{b}"
    );
}

balai_testkit::tiap_backend!(dukcapil_hanya_melihat_antrean_dan_lacak_tanpa_data_pribadi);
async fn dukcapil_hanya_melihat_antrean_dan_lacak_tanpa_data_pribadi(b: &'static str, s: Store) {
    let (id, nomor, _) = siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;

    // Dukcapil logs in to its queue and opens the application; the village registry is closed.
    let dk = klien();
    masuk_dengan(&dk, &url, "dukcapil", SANDI).await;
    let antrean = dk.get(format!("{url}/adminduk")).send().await.unwrap();
    assert_eq!(antrean.status(), 200, "{b}");
    assert!(antrean.text().await.unwrap().contains(&nomor), "{b}");
    let r = dk
        .get(format!("{url}/desa/{DESA}/adminduk/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{b}");
    assert!(
        r.text().await.unwrap().contains("Ambil untuk diproses"),
        "{b}"
    );
    let r = dk
        .get(format!("{url}/desa/{DESA}/penduduk"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "{b}");
    let r = dk
        .get(format!("{url}/desa/{DESA}/adminduk/{id}/formulir.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{b}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{b}");

    // The village operator works the village list, not the district queue.
    let op = masuk_staf(&url, "operator").await;
    assert_eq!(
        op.get(format!("{url}/adminduk"))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "{b}"
    );
    let daftar = op
        .get(format!("{url}/desa/{DESA}/adminduk"))
        .send()
        .await
        .unwrap();
    assert!(daftar.text().await.unwrap().contains(&nomor), "{b}");
    // The head of the village reads it but has no step to take.
    let kades = masuk_staf(&url, "kades").await;
    assert_eq!(
        kades
            .get(format!("{url}/desa/{DESA}/adminduk/{id}"))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "{b}"
    );

    // The public page: status and steps, no names, no NIK; an unknown number is a 404.
    let umum = klien();
    let r = umum
        .get(format!(
            "{url}/adminduk/lacak?nomor={}",
            nomor.to_lowercase()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Diteruskan ke Dukcapil"), "{b}");
    assert!(
        !html.contains("SUAMI") && !html.contains("ISTRI") && !html.contains("33250801"),
        "{b}"
    );
    let r = umum
        .get(format!("{url}/adminduk/lacak?nomor=AD-00000000"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "{b}");
}

balai_testkit::tiap_backend!(sekdes_membatalkan_kematian_yang_salah_dicatat);
async fn sekdes_membatalkan_kematian_yang_salah_dicatat(b: &'static str, s: Store) {
    let (_, _, suami) = siapkan(&s).await;
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "sekdes",
            nama: "Sekretaris Desa",
            kata_sandi: SANDI,
            peran: Peran::Sekdes,
            desa_id: Some(DESA),
            cakupan: "",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let r = balai_store::penduduk::RincianStatus {
        tanggal: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        ..Default::default()
    };
    s.catat_status(
        DESA,
        suami,
        balai_store::penduduk::JenisPeristiwa::Mati,
        &r,
        &Aktor::pengguna("operator"),
    )
    .await
    .unwrap();
    let e = s.riwayat_penduduk(DESA, suami).await.unwrap()[0].id;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let halaman = format!("{url}/desa/{DESA}/peristiwa/{e}/batal");

    // The operator records events but does not annul them.
    let op = masuk_staf(&url, "operator").await;
    assert_eq!(op.get(&halaman).send().await.unwrap().status(), 403, "{b}");

    let sk = masuk_staf(&url, "sekdes").await;
    let rincian = bersama::teks(&sk, format!("{url}/desa/{DESA}/penduduk/{suami}")).await;
    assert!(
        rincian.contains(&format!("/peristiwa/{e}/batal")),
        "{b}: link shown"
    );
    let token = bersama::csrf(&sk, &halaman).await;
    // Too short a reason: refused, what was typed stays, nothing changes.
    let r = sk
        .post(&halaman)
        .form(&[("_csrf", token.as_str()), ("alasan", "salah")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "{b}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("paling sedikit 10 huruf") && html.contains(">salah</textarea>"),
        "{b}"
    );
    assert_eq!(
        s.penduduk(DESA, suami)
            .await
            .unwrap()
            .unwrap()
            .status_label(),
        "MATI",
        "{b}"
    );
    let r = sk
        .post(&halaman)
        .form(&[
            ("_csrf", token.as_str()),
            ("alasan", "Salah memilih penduduk saat mencatat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{b}");
    assert_eq!(
        s.penduduk(DESA, suami)
            .await
            .unwrap()
            .unwrap()
            .status_label(),
        "HIDUP",
        "{b}"
    );
    let rincian = bersama::teks(&sk, format!("{url}/desa/{DESA}/penduduk/{suami}")).await;
    assert!(
        rincian.contains("Pembatalan peristiwa") && rincian.contains("dibatalkan"),
        "{b}"
    );
}
