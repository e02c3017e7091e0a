//! Hostile input (issue 20, proof 5), over real HTTP on both backends: every village API write,
//! each of its text fields in turn replaced by each payload below, and bodies that are not JSON
//! at all. No answer is a server error; a value that is accepted is stored exactly and shown
//! escaped on the staff page.

use crate::bersama;

use balai_store::{Aktor, Store};
use bersama::server;
use serde_json::{Value, json};

const DESA: &str = "3325082004";

/// Script tags and event handlers, a `javascript:` URL, typst markup, spreadsheet formulas, SQL
/// metacharacters, a NUL byte, bidirectional overrides, a long string.
pub(crate) fn racun() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "\"><img src=x onerror=alert(1)>".into(),
        "javascript:alert(1)".into(),
        "#set page(width: 1pt) #for i in range(10) [x]".into(),
        "=HYPERLINK(\"http://contoh.invalid\",\"klik\")".into(),
        "'; DROP TABLE penduduk; --".into(),
        "a\u{0}b".into(),
        "\u{202e}gnp.exe".into(),
        "{{ 7*7 }} ${7*7} %s %n".into(),
        "x".repeat(100_000),
    ]
}

async fn siapkan(s: &Store) -> (String, uuid::Uuid) {
    bersama::desa_demo(s, DESA, 30).await;
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Uji masukan",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let aduan = s
        .ajukan_pengaduan(DESA, &bersama::pengaduan_uji(), &Aktor::sistem())
        .await
        .unwrap();
    (token, aduan.0)
}

/// Replaces the value at `jalur` (object keys) in `v`.
fn ganti(v: &Value, jalur: &[&str], baru: &str) -> Value {
    let mut v = v.clone();
    let mut t = &mut v;
    for k in jalur {
        t = &mut t[*k];
    }
    *t = Value::String(baru.to_string());
    v
}

balai_testkit::tiap_backend!(masukan_jahat_tidak_pernah_menjadi_galat_server);
async fn masukan_jahat_tidak_pernah_menjadi_galat_server(b: &'static str, s: Store) {
    let (token, aduan) = siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{url}/api/v1/desa/{DESA}{p}");
    let warga: Value = c
        .get(api("/penduduk?batas=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nik = warga["data"][0]["nik"].as_str().unwrap().to_string();

    let mut penduduk = serde_json::Map::new();
    for (k, v) in balai_testkit::BAWAAN_PENDUDUK {
        penduduk.insert((*k).into(), (*v).into());
    }
    let penduduk = Value::Object(penduduk);
    let surat =
        json!({"jenis": "keterangan_domisili", "nik": nik, "isian": {"keperluan": "Melamar"}});
    let tulisan: Vec<(String, Value, Vec<Vec<&str>>)> = vec![
        (
            api("/penduduk"),
            penduduk.clone(),
            [
                "nik",
                "nama",
                "tempat_lahir",
                "no_kk",
                "dusun",
                "rw",
                "rt",
                "tanggal_lahir",
            ]
            .iter()
            .map(|k| vec![*k])
            .collect(),
        ),
        (api("/penduduk/cari"), json!({"q": "SITI"}), vec![vec!["q"]]),
        (
            api("/surat"),
            surat,
            vec![vec!["jenis"], vec!["nik"], vec!["isian", "keperluan"]],
        ),
        (
            api(&format!("/pengaduan/{aduan}/balasan")),
            json!({"isi": "Ditangani."}),
            vec![vec!["isi"], vec!["status"]],
        ),
    ];

    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let mut diterima = Vec::new();
    for (alamat, badan, bidang) in &tulisan {
        for jalur in bidang {
            // A token per field: each token may send 120 requests a minute.
            let (_, token) = s
                .buat_token_api(
                    "Uji bidang",
                    &[DESA.to_string()],
                    balai_store::pengguna::HakToken::tulis(),
                    &admin,
                )
                .await
                .unwrap();
            for r in racun() {
                let v = ganti(badan, jalur, &r);
                let jawab = c
                    .post(alamat)
                    .bearer_auth(&token)
                    .json(&v)
                    .send()
                    .await
                    .unwrap();
                let st = jawab.status();
                let isi = jawab.text().await.unwrap();
                assert!(
                    !st.is_server_error(),
                    "{b}: {alamat} {jalur:?} = {:?}: {st} {isi}",
                    &r[..r.len().min(40)]
                );
                if st.is_success() && alamat.ends_with("/surat") {
                    let id = serde_json::from_str::<Value>(&isi).unwrap()["data"]["id"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    diterima.push((id, r.clone()));
                }
            }
        }
    }

    // Bodies that are not what they claim: invalid UTF-8, deep nesting, not JSON at all.
    for badan in [
        vec![0xff, 0xfe, b'{', 0xc3],
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        b"nik=1&nama=2".to_vec(),
    ] {
        let r = c
            .post(api("/penduduk"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(badan)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{b}: {}", r.status());
    }

    // A letter purpose accepted as typed is stored exactly and shown escaped to staff.
    assert!(!diterima.is_empty(), "{b}: some letter requests accepted");
    let staf = bersama::masuk_staf(&url, "operator").await;
    // A NUL in a staff search or form is refused with a message (PostgreSQL cannot store it).
    let r = staf
        .get(format!("{url}/desa/{DESA}/penduduk?q=a%00b"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "{b}");
    assert!(r.text().await.unwrap().contains("karakter NUL"), "{b}");
    for (id, r) in &diterima {
        let surat = s
            .surat(DESA, uuid::Uuid::parse_str(id).unwrap())
            .await
            .unwrap()
            .unwrap();
        let isian: Value = serde_json::from_str(&surat.isian).unwrap();
        assert_eq!(isian["isian"]["keperluan"], r.trim(), "{b}: stored exactly");
        let html = staf
            .get(format!("{url}/desa/{DESA}/surat/{id}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains("<script>alert(1)"), "{b}: escaped");
        if r.starts_with("<script>") {
            // askama writes `<` as `&#60;`.
            assert!(
                html.contains("&#60;script&#62;alert(1)"),
                "{b}: shown, escaped"
            );
        }
        assert!(!html.contains("<img src=x"), "{b}: escaped");
    }
}
