//! The API document: the served `/api/v1/openapi.json` is snapshot-tested (an API change is a
//! visible diff), documents exactly the routes the code registers, and every documented read
//! answers a live request on a demo village with the documented status, type and schema.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::demo::DemoPlan;
use balai_store::{Aktor, Store};
use balai_web::izin::ATURAN;
use bersama::server;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

const DESA: &str = "3325082004";

fn dokumen_berkas() -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/api/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn dokumen_mencakup_tepat_rute_api() {
    let doc = dokumen_berkas();
    let mut didokumentasikan = BTreeSet::new();
    for (jalur, ops) in doc["paths"].as_object().unwrap() {
        for m in ops.as_object().unwrap().keys() {
            didokumentasikan.insert((m.to_uppercase(), format!("/api/v1{jalur}")));
        }
    }
    let rute: BTreeSet<(String, String)> = ATURAN
        .iter()
        .filter(|(_, j, _)| j.starts_with("/api/v1/") && *j != "/api/v1/openapi.json")
        .map(|(m, j, _)| (m.to_string(), j.to_string()))
        .collect();
    let tanpa_dok: Vec<_> = rute.difference(&didokumentasikan).collect();
    let tanpa_rute: Vec<_> = didokumentasikan.difference(&rute).collect();
    assert!(
        tanpa_dok.is_empty() && tanpa_rute.is_empty(),
        "routes missing from openapi.json: {tanpa_dok:?}; documented but not routed: {tanpa_rute:?}"
    );
}

/// A JSON pointer token (RFC 6901).
fn penanda(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Checks `isi` against the schema at `pointer` inside the document, so that `$ref`s to
/// `#/components/…` resolve.
fn cocok(doc: &Value, pointer: &str, isi: &Value) -> Result<(), String> {
    // The schema itself as the root, with the components beside it for its `$ref`s.
    let mut akar = doc.pointer(pointer).cloned().unwrap_or(json!({}));
    akar["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    akar["components"] = doc["components"].clone();
    let v = jsonschema::validator_for(&akar).map_err(|e| format!("schema: {e}"))?;
    let galat: Vec<String> = v.iter_errors(isi).map(|e| e.to_string()).collect();
    if galat.is_empty() {
        Ok(())
    } else {
        Err(galat.join("; "))
    }
}

async fn siapkan(s: &Store) -> String {
    s.isi_demo(
        &DemoPlan {
            desa: KodeDesa::parse(DESA).unwrap(),
            penduduk: 60,
            seed: 3,
            hari_ini: s.hari_ini(balai_domain::ZonaWaktu::Wib),
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.isi_situs_demo(DESA).await.unwrap();
    s.isi_keuangan_demo(DESA, 3).await.unwrap();
    bersama::staf_desa(s, DESA).await;
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Uji API",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    token
}

balai_testkit::tiap_backend!(setiap_bacaan_terdokumentasi_menjawab_sesuai_skema);
async fn setiap_bacaan_terdokumentasi_menjawab_sesuai_skema(b: &'static str, s: Store) {
    let token = siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{url}/api/v1{p}");
    let ambil = |p: String| {
        let c = c.clone();
        let token = token.clone();
        async move {
            c.get(p)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    // Ids for the paths' parameters, from the lists, after one letter and one complaint.
    let warga = ambil(api(&format!("/desa/{DESA}/penduduk?batas=5"))).await;
    let penduduk = warga["data"][0]["id"].as_str().unwrap().to_string();
    let nik = warga["data"][0]["nik"].as_str().unwrap().to_string();
    let r = c
        .post(api(&format!("/desa/{DESA}/surat")))
        .bearer_auth(&token)
        .json(
            &json!({"jenis": "keterangan_domisili", "nik": nik, "isian": {"keperluan": "Uji API"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{b}: {}", r.text().await.unwrap());
    let (pengaduan, _) = s
        .ajukan_pengaduan(DESA, &bersama::pengaduan_uji(), &Aktor::sistem())
        .await
        .unwrap();
    let isi = |v: Value, kunci: &str| -> String {
        v["data"][0][kunci]
            .as_str()
            .map(str::to_string)
            .or_else(|| v["data"][0][kunci].as_i64().map(|n| n.to_string()))
            .unwrap_or_else(|| panic!("{b}: no {kunci} in {v}"))
    };
    let keluarga = isi(ambil(api(&format!("/desa/{DESA}/keluarga"))).await, "id");
    let surat = isi(ambil(api(&format!("/desa/{DESA}/surat"))).await, "id");
    let data_terbuka = isi(
        ambil(api(&format!("/desa/{DESA}/data-terbuka"))).await,
        "id",
    );
    let tahun = isi(ambil(api(&format!("/desa/{DESA}/apbdes"))).await, "tahun");
    let rtm = match s
        .buat_rumah_tangga(DESA, penduduk.parse().unwrap(), &Aktor::sistem())
        .await
    {
        Ok(id) => id.to_string(),
        Err(_) => isi(
            ambil(api(&format!("/desa/{DESA}/rumah-tangga"))).await,
            "id",
        ),
    };
    let nilai = |nama: &str| -> String {
        match nama {
            "kode" => DESA.into(),
            "jenis" => "jenis-kelamin".into(),
            "tahun" => tahun.clone(),
            "token" => "bukan-token-yang-ada".into(),
            _ => unreachable!(),
        }
    };

    let doc = dokumen_berkas();
    let mut diperiksa = 0;
    for (jalur, ops) in doc["paths"].as_object().unwrap() {
        let Some(op) = ops.get("get") else { continue };
        let mut nyata = jalur.clone();
        let id = if jalur.contains("/penduduk/") {
            penduduk.clone()
        } else if jalur.contains("/keluarga/") {
            keluarga.clone()
        } else if jalur.contains("/rumah-tangga/") {
            rtm.clone()
        } else if jalur.contains("/surat/") {
            surat.clone()
        } else if jalur.contains("/pengaduan/") {
            pengaduan.to_string()
        } else {
            data_terbuka.clone()
        };
        nyata = nyata.replace("{id}", &id);
        for p in ["kode", "jenis", "tahun", "token"] {
            nyata = nyata.replace(&format!("{{{p}}}"), &nilai(p));
        }
        let r = c.get(api(&nyata)).bearer_auth(&token).send().await.unwrap();
        let status = r.status().as_u16().to_string();
        let jenis = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let Some(jawab) = op["responses"].get(&status) else {
            panic!("{b}: GET {nyata} answered {status}, not documented");
        };
        let konten = jawab["content"].as_object().cloned().unwrap_or_default();
        assert!(
            konten.is_empty() || konten.contains_key(&jenis),
            "{b}: GET {nyata} answered {jenis}, documented {:?}",
            konten.keys().collect::<Vec<_>>()
        );
        if jenis.ends_with("json") {
            let badan: Value = r.json().await.unwrap();
            let pointer = format!(
                "/paths/{}/get/responses/{status}/content/{}/schema",
                penanda(jalur),
                penanda(&jenis)
            );
            if doc.pointer(&pointer).is_some() {
                cocok(&doc, &pointer, &badan).unwrap_or_else(|e| panic!("{b}: GET {nyata}: {e}"));
            }
        }
        diperiksa += 1;
    }
    assert!(diperiksa >= 28, "{b}: only {diperiksa} reads checked");

    // Errors axum answers before a handler runs are problem documents too.
    for (metode, jalur, status) in [
        ("GET", format!("/desa/{DESA}/penduduk/bukan-uuid"), 400),
        ("DELETE", "/desa".to_string(), 405),
        ("GET", "/tidak-ada".to_string(), 404),
        ("GET", format!("/desa/{DESA}/penduduk?batas=banyak"), 400),
    ] {
        let r = c
            .request(metode.parse().unwrap(), api(&jalur))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), status, "{b}: {metode} {jalur}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{b}: {metode} {jalur}"
        );
        let m: Value = r.json().await.unwrap();
        assert_eq!(m["status"], status, "{b}: {m}");
        assert!(!m["detail"].as_str().unwrap().is_empty(), "{b}: {m}");
    }
}

balai_testkit::tiap_backend!(dokumen_yang_disajikan_sama_dengan_snapshot);
/// The served document is the reviewed one: any change to the API shows in this file's diff.
/// `BALAI_PERBARUI_SNAPSHOT=1 cargo test -p balai-web --test openapi` rewrites it.
async fn dokumen_yang_disajikan_sama_dengan_snapshot(_: &'static str, s: Store) {
    let (url, _henti) = server(s, Default::default()).await;
    let disajikan: Value = reqwest::get(format!("{url}/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let teks = serde_json::to_string_pretty(&disajikan).unwrap() + "\n";
    balai_testkit::cocok_snapshot(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshot/openapi.json"),
        &teks,
    );
}

#[test]
fn pemeriksa_skema_menolak_jawaban_yang_menyimpang() {
    let doc = dokumen_berkas();
    let pointer = format!(
        "/paths/{}/get/responses/200/content/application~1json/schema",
        penanda("/desa/{kode}/penduduk")
    );
    assert!(
        cocok(
            &doc,
            &pointer,
            &json!({"data": [{"id": "a", "nama": "SITI"}]})
        )
        .is_ok()
    );
    let e = cocok(&doc, &pointer, &json!({"data": [{"id": 5}]})).unwrap_err();
    assert!(e.contains("5"), "{e}");
}

balai_testkit::tiap_backend!(permintaan_di_luar_dokumen_ditolak_dengan_pesan);
/// What schemathesis (`scripts/uji-api.sh`) found: values outside the documented ranges were
/// clamped in silence or reached the database (a year of -8739 was a 500 on PostgreSQL), an
/// array was taken for an object, and axum's refusals were English.
async fn permintaan_di_luar_dokumen_ditolak_dengan_pesan(b: &'static str, s: Store) {
    let token = siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{url}/api/v1{p}");
    for (jalan, pesan) in [
        (
            "/keuangan/perbandingan?tahun=-8739".to_string(),
            "Parameter `tahun` tidak sah: harus antara 2000 dan 2200, tertulis -8739.",
        ),
        (
            format!("/desa/{DESA}/apbdes/99999/realisasi"),
            "Parameter `tahun` tidak sah: harus antara 2000 dan 2200, tertulis 99999.",
        ),
        (
            format!("/desa/{DESA}/penduduk?batas=0"),
            "Parameter `batas` tidak sah: harus antara 1 dan 500, tertulis 0.",
        ),
        (
            format!("/desa/{DESA}/penduduk?pendidikan_kk_id=abc"),
            "Parameter `pendidikan_kk_id` tidak sah: harus berupa angka.",
        ),
        (
            format!("/desa/{DESA}/peristiwa?jenis=lain"),
            "Parameter `jenis` tidak sah: pilih lahir, mati, pindah_masuk, pindah_keluar, hilang, koreksi atau pembatalan.",
        ),
        (
            format!("/desa/{DESA}/penduduk/bukan-uuid"),
            "Bagian alamat `id` tidak sah (tertulis `bukan-uuid`): harus berupa UUID, mis. 0190c7a4-7b1e-7c3d-9f00-1a2b3c4d5e6f.",
        ),
        (
            "/perubahan?sejak=-1".to_string(),
            "Parameter `sejak` tidak sah: harus paling kecil 0, tertulis -1.",
        ),
    ] {
        let r = c.get(api(&jalan)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), 400, "{b} {jalan}");
        let isi: Value = r.json().await.unwrap();
        assert_eq!(isi["detail"], pesan, "{b} {jalan}");
    }
    let r = c
        .post(api(&format!("/desa/{DESA}/penduduk/cari")))
        .bearer_auth(&token)
        .json(&json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "{b}");
    let isi: Value = r.json().await.unwrap();
    assert!(
        isi["detail"].as_str().unwrap().contains("harus objek JSON"),
        "{b}: {isi}"
    );
    let r = c
        .post(api(&format!("/desa/{DESA}/penduduk/cari")))
        .bearer_auth(&token)
        .json(&json!({"batas": "lima"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "{b}");
    let isi: Value = r.json().await.unwrap();
    assert_eq!(
        isi["detail"], "Isian `batas` tidak sah: jenis nilainya salah, seharusnya angka.",
        "{b}"
    );
    // A body over the limit gets a problem document too (it was a bare text).
    let besar = format!("{{\"nama\": \"{}\"}}", "a".repeat(26 * 1024 * 1024));
    let r = c
        .post(api(&format!("/desa/{DESA}/penduduk/cari")))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(besar)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413, "{b}");
    assert_eq!(
        r.headers()["content-type"],
        "application/problem+json",
        "{b}"
    );
    let isi: Value = r.json().await.unwrap();
    assert!(
        isi["detail"]
            .as_str()
            .unwrap()
            .contains("paling besar 25 MB"),
        "{b}: {isi}"
    );
}
