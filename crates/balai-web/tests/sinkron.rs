//! The district tier's screens and the agencies' feed: credentials issued and revoked by the
//! system admin only, a village node's sync state and conflict queue settled through the form,
//! the district overview flagging a village that never synced, and `/api/v1/perubahan` scoped
//! to a region token and recorded in the audit log.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::sinkron::SaluranLangsung;
use balai_store::{Aktor, Store};
use bersama::{SANDI, csrf, klien, masuk_dengan, masuk_staf, server, staf_desa, teks};
use reqwest::StatusCode;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";

async fn akun(s: &Store, username: &str, peran: Peran, cakupan: &str) {
    s.tambah_pengguna(
        &PenggunaBaru {
            username,
            nama: username,
            kata_sandi: SANDI,
            peran,
            desa_id: None,
            cakupan,
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
}

async fn tambah(s: &Store, nik: &str, nama: &str) {
    let d = balai_testkit::data_penduduk(&[("nik", nik), ("nama", nama)]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
}

async fn ubah_nama(s: &Store, nik: &str, nama: &str) {
    let p = s.penduduk_by_nik(DESA, nik).await.unwrap().unwrap();
    let mut d = p.data().unwrap();
    d.nama = nama.into();
    s.ubah_penduduk(DESA, p.id, p.versi, &d, &Aktor::sistem())
        .await
        .unwrap();
}

balai_testkit::tiap_backend!(kredensial_konflik_dan_ikhtisar_jaringan_lewat_layar);
async fn kredensial_konflik_dan_ikhtisar_jaringan_lewat_layar(b: &'static str, s: Store) {
    for d in [DESA, DESA_LAIN] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    staf_desa(&s, DESA).await;
    akun(&s, "sistem", Peran::AdminSistem, "").await;
    akun(&s, "camat", Peran::Kecamatan, "332508").await;
    tambah(&s, "3325080101800001", "BUDI SANTOSO").await;
    let (url, _henti) = server(s.clone(), Default::default()).await;

    // Only the system admin issues credentials; the village admin sees the page without the button.
    let admin = masuk_staf(&url, "admin").await;
    let h = teks(&admin, format!("{url}/desa/{DESA}/sinkron")).await;
    assert!(
        h.contains("Instalasi ini adalah <strong>server</strong>"),
        "{b}"
    );
    assert!(!h.contains("Buat kredensial sinkron</button>"), "{b}");
    let t = csrf(&admin, &format!("{url}/desa/{DESA}/sinkron")).await;
    let r = admin
        .post(format!("{url}/desa/{DESA}/sinkron/kredensial"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let sistem = klien();
    masuk_dengan(&sistem, &url, "sistem", SANDI).await;
    let t = csrf(&sistem, &format!("{url}/desa/{DESA}/sinkron")).await;
    let h = sistem
        .post(format!("{url}/desa/{DESA}/sinkron/kredensial"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tanda = "id=\"kredensial-baru\">";
    let i = h.find(tanda).expect("credential shown once") + tanda.len();
    let kredensial = h[i..i + h[i..].find('<').unwrap()].to_string();
    assert!(kredensial.starts_with("bsk_"), "{b}: {kredensial}");
    assert_eq!(
        s.sinkron().cek_token(&kredensial).await.unwrap(),
        DESA,
        "{b}"
    );
    // The other village gets a credential too, but its PC never syncs.
    s.sinkron()
        .buat_token(DESA_LAIN, &Aktor::sistem())
        .await
        .unwrap();

    // The village PC joins, and the same resident's name is changed on both sides.
    let simpul = balai_testkit::store("sqlite").await;
    let saluran = SaluranLangsung {
        server: &s,
        desa_id: DESA.into(),
    };
    simpul
        .sinkron()
        .mulai_simpul(&saluran, DESA, "https://kab.contoh.id", &kredensial)
        .await
        .unwrap();
    ubah_nama(&s, "3325080101800001", "BUDI VERSI KABUPATEN").await;
    ubah_nama(&simpul, "3325080101800001", "BUDI VERSI DESA").await;
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();

    // On the village PC's own screen: node state and the conflict, settled by the form.
    staf_desa(&simpul, DESA).await;
    let (url_desa, _henti_desa) = server(simpul.clone(), Default::default()).await;
    let admin_desa = masuk_staf(&url_desa, "admin").await;
    let halaman = format!("{url_desa}/desa/{DESA}/sinkron");
    let h = teks(&admin_desa, &halaman).await;
    assert!(h.contains("simpul desa"), "{b}");
    assert!(h.contains("https://kab.contoh.id"), "{b}");
    assert!(
        h.contains("BUDI VERSI DESA") && h.contains("BUDI VERSI KABUPATEN"),
        "{b}"
    );
    let id = simpul.sinkron().daftar_konflik(DESA, true).await.unwrap()[0].id;
    let aksi = format!("{url_desa}/desa/{DESA}/sinkron/konflik/{id}");
    let t = csrf(&admin_desa, &halaman).await;
    let r = admin_desa
        .post(&aksi)
        .form(&[("_csrf", t.as_str()), ("pilihan", "pusat")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "{b}: asks to confirm first"
    );
    let r = admin_desa
        .post(&aksi)
        .form(&[("_csrf", t.as_str()), ("pilihan", "pusat"), ("yakin", "ya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&admin_desa, &halaman).await;
    assert!(h.contains("id=\"tanpa-konflik\""), "{b}");
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    let p = s
        .penduduk_by_nik(DESA, "3325080101800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.nama, "BUDI VERSI KABUPATEN", "{b}");
    assert!(
        s.sinkron()
            .daftar_konflik(DESA, true)
            .await
            .unwrap()
            .is_empty(),
        "{b}"
    );

    // The camat's overview: both villages, the silent one flagged.
    let camat = klien();
    masuk_dengan(&camat, &url, "camat", SANDI).await;
    let h = teks(&camat, format!("{url}/jaringan")).await;
    assert!(h.contains("Donorejo") && h.contains(DESA_LAIN), "{b}");
    assert!(h.contains("id=\"perlu-bantuan\">1<"), "{b}: {h}");
    assert!(h.contains("baru saja"), "{b}");
    // A village account has no district overview.
    let r = admin.get(format!("{url}/jaringan")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");

    // Revoking needs a confirmation and stops the node.
    let t = csrf(&sistem, &format!("{url}/desa/{DESA}/sinkron")).await;
    let kid = s.sinkron().daftar_token(DESA).await.unwrap()[0].id;
    let r = sistem
        .post(format!("{url}/desa/{DESA}/sinkron/kredensial/{kid}/cabut"))
        .form(&[("_csrf", t.as_str()), ("yakin", "ya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert!(s.sinkron().cek_token(&kredensial).await.is_err(), "{b}");
}

balai_testkit::tiap_backend!(umpan_perubahan_untuk_opd_sesuai_wilayah_dan_tercatat);
async fn umpan_perubahan_untuk_opd_sesuai_wilayah_dan_tercatat(b: &'static str, s: Store) {
    for d in [DESA, "3325092004"] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    tambah(&s, "3325080101800001", "BUDI SANTOSO").await;
    let (_, dinsos) = s
        .buat_token_wilayah(
            "Dinas Sosial",
            "33.25.08",
            balai_store::pengguna::HakToken::baca(),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let (_, lain) = s
        .buat_token_wilayah(
            "Kecamatan lain",
            "33.25.09",
            balai_store::pengguna::HakToken::baca(),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(
        s.buat_token_wilayah(
            "X",
            "99.99",
            balai_store::pengguna::HakToken::baca(),
            &Aktor::sistem()
        )
        .await
        .is_err(),
        "{b}: unknown region refused"
    );
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let ambil = |token: String, sejak: i64| {
        let c = c.clone();
        let url = url.clone();
        async move {
            c.get(format!("{url}/api/v1/perubahan?sejak={sejak}&batas=2"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    // Page through with the cursor until the end; the resident is there once.
    let mut sejak = 0;
    let mut penduduk = Vec::new();
    for _ in 0..50 {
        let v = ambil(dinsos.clone(), sejak).await;
        for e in v["data"].as_array().unwrap() {
            assert_eq!(e["desa_id"], DESA, "{b}");
            if e["tabel"] == "penduduk" {
                penduduk.push(e["baris"].as_str().unwrap().to_string());
            }
        }
        sejak = v["berikut"].as_i64().unwrap();
        if v["habis"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(penduduk.len(), 1, "{b}");
    assert!(penduduk[0].contains("BUDI SANTOSO"), "{b}");
    // A later change comes after the cursor, and only that.
    ubah_nama(&s, "3325080101800001", "BUDI S").await;
    let v = ambil(dinsos.clone(), sejak).await;
    let baru: Vec<&serde_json::Value> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["tabel"] == "penduduk")
        .collect();
    assert_eq!(baru.len(), 1, "{b}: {v}");
    assert_eq!(baru[0]["operasi"], "U", "{b}");
    assert!(
        baru[0]["baris"].as_str().unwrap().contains("\"BUDI S\""),
        "{b}"
    );
    // Another kecamatan's token sees nothing of this village.
    let v = ambil(lain.clone(), 0).await;
    assert!(v["data"].as_array().unwrap().is_empty(), "{b}: {v}");
    // Every read is in the village's audit log, under the agency's name.
    let log = s
        .daftar_audit(
            DESA,
            &balai_store::audit::SaringAudit {
                aksi: Some("api.baca_perubahan".into()),
                batas: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!log.is_empty(), "{b}");
    assert!(log.iter().all(|e| e.aktor == "api:Dinas Sosial"), "{b}");
    // Region tokens reach the village endpoints of their area too.
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/penduduk"))
        .bearer_auth(&dinsos)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/penduduk"))
        .bearer_auth(&lain)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
}

balai_testkit::tiap_backend!(token_wilayah_dibuat_dan_dicabut_lewat_layar);
async fn token_wilayah_dibuat_dan_dicabut_lewat_layar(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    akun(&s, "sistem", Peran::AdminSistem, "").await;
    tambah(&s, "3325080101800001", "BUDI SANTOSO").await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let halaman = format!("{url}/jaringan/token");

    // A village admin may not make region tokens, nor see the page.
    let admin = masuk_staf(&url, "admin").await;
    let r = admin.get(&halaman).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert!(
        !teks(&admin, format!("{url}/jaringan"))
            .await
            .contains("tautan-token-wilayah"),
        "{b}"
    );

    let sistem = klien();
    masuk_dengan(&sistem, &url, "sistem", SANDI).await;
    assert!(
        teks(&sistem, format!("{url}/jaringan"))
            .await
            .contains("href=\"/jaringan/token\""),
        "{b}"
    );
    let kirim = |isian: Vec<(&'static str, &'static str)>| {
        let sistem = sistem.clone();
        let halaman = halaman.clone();
        async move {
            let t = csrf(&sistem, &halaman).await;
            let mut f = isian;
            f.push(("_csrf", Box::leak(t.into_boxed_str())));
            let r = sistem.post(&halaman).form(&f).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // An unknown region: refused with the field named, the typed name kept.
    let (st, h) = kirim(vec![
        ("nama", "Dinas Sosial Batang"),
        ("wilayah", "99.99"),
        ("jenis", "baca"),
        ("berlaku_hari", "365"),
    ])
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        h.contains("Kode wilayah &#34;99.99&#34; tidak dikenal"),
        "{b}: {h}"
    );
    assert!(h.contains("value=\"Dinas Sosial Batang\""), "{b}");
    // A Dukcapil token for a kecamatan: refused, it is for one kabupaten.
    let (st, h) = kirim(vec![
        ("nama", "Dukcapil"),
        ("wilayah", "33.25.08"),
        ("jenis", "dukcapil"),
        ("berlaku_hari", "365"),
    ])
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(h.contains("untuk satu kabupaten"), "{b}: {h}");
    assert!(h.contains("<option value=\"dukcapil\" selected>"), "{b}");

    // Made: the secret is shown once and opens the changes feed of the village.
    let (st, h) = kirim(vec![
        ("nama", "Dinas Sosial Batang"),
        ("wilayah", "33.25"),
        ("jenis", "baca"),
        ("berlaku_hari", "90"),
    ])
    .await;
    assert_eq!(st, StatusCode::OK, "{b}: {h}");
    let tanda = "<code id=\"rahasia\">";
    let i = h.find(tanda).expect("secret shown") + tanda.len();
    let rahasia = h[i..i + h[i..].find('<').unwrap()].to_string();
    assert!(rahasia.starts_with("balai_"), "{b}: {rahasia}");
    assert!(h.contains("33.25") && h.contains("Hanya baca"), "{b}");
    let api = reqwest::Client::new();
    let umpan = || {
        api.get(format!("{url}/api/v1/perubahan?sejak=0"))
            .bearer_auth(&rahasia)
            .send()
    };
    let v: serde_json::Value = umpan().await.unwrap().json().await.unwrap();
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["desa_id"] == DESA),
        "{b}: {v}"
    );
    // The secret is not on the page again.
    assert!(
        !teks(&sistem, halaman.clone()).await.contains(&rahasia),
        "{b}"
    );

    // Revoking asks first, then the token opens nothing; the audit log keeps both steps.
    let id = s.daftar_token_wilayah().await.unwrap()[0].id;
    let cabut = format!("{url}/jaringan/token/{id}/cabut");
    let t = csrf(&sistem, &halaman).await;
    let r = sistem
        .post(&cabut)
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{b}");
    assert_eq!(umpan().await.unwrap().status(), StatusCode::OK, "{b}");
    let r = sistem
        .post(&cabut)
        .form(&[("_csrf", t.as_str()), ("yakin", "ya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&sistem, format!("{halaman}?ok=token")).await;
    assert!(
        h.contains("Dicabut") && h.contains("Token API telah dicabut"),
        "{b}"
    );
    assert_eq!(
        umpan().await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "{b}"
    );
    let log = s
        .daftar_audit(
            "3325",
            &balai_store::audit::SaringAudit {
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let aksi: Vec<&str> = log.iter().map(|c| c.aksi.as_str()).collect();
    assert!(
        aksi.contains(&"buat") && aksi.contains(&"cabut"),
        "{b}: {aksi:?}"
    );
}
