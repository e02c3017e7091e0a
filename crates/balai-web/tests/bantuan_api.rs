//! Social protection over the API, over real HTTP on both backends: the programmes any token
//! of the village reads, the recipients and claims only the Dinas Sosial's token reads, and
//! the round trip the Dinas Sosial's system makes on a death benefit claim (list across the
//! kabupaten, read one, verify, pay).

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::bantuan::{Aturan, LangkahSantunan, PelakuSantunan, Sasaran};
use balai_store::audit::SaringAudit;
use balai_store::bantuan::{AhliWaris, AksiSantunan, KesejahteraanBaru, PenerimaBaru, ProgramBaru};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::pengguna::HakToken;
use balai_store::{Aktor, Store};
use bersama::{server, staf_desa};
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use uuid::Uuid;

const DESA: &str = "3325082004";
const PDF: &[u8] = b"%PDF-1.4 x";
const NIK_ISTRI: &str = "3325084101820002";

struct Siap {
    santunan: Uuid,
    program_pkh: Uuid,
    istri: Uuid,
}

/// Checks a 200 answer against its schema in `src/api/openapi.json` (the document test can
/// check these only with a token that is not the Dinas Sosial's, which gets 403).
fn sesuai_dokumen(metode: &str, jalur: &str, isi: &Value) {
    let berkas = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/api/openapi.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(berkas).unwrap()).unwrap();
    let mut akar =
        doc["paths"][jalur][metode]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone();
    assert!(akar.is_object(), "{metode} {jalur}: no 200 schema");
    akar["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    akar["components"] = doc["components"].clone();
    let v = jsonschema::validator_for(&akar).unwrap();
    let galat: Vec<String> = v.iter_errors(isi).map(|e| e.to_string()).collect();
    assert!(galat.is_empty(), "{metode} {jalur}: {galat:?}: {isi}");
}

fn program(kode: &str, nama: &str, sasaran: Sasaran, tahun: i32, nominal: i64) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: nama.into(),
        sasaran,
        tahun: i64::from(tahun),
        mulai: NaiveDate::from_ymd_opt(tahun, 1, 1),
        selesai: NaiveDate::from_ymd_opt(tahun, 12, 31),
        nominal,
        bentuk: "uang".into(),
        asal_dana: "APBD kabupaten".into(),
        baris_kunci: None,
        aturan: Aturan::default(),
        publikasi: false,
        keterangan: String::new(),
    }
}

/// A family of two in DTKS; the husband dies, which opens his claim; the village names the
/// wife as heir, attaches the three documents and submits. The wife also receives PKH.
async fn siapkan(s: &Store) -> Siap {
    let a = Aktor::pengguna("operator");
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(s, DESA).await;
    let hari_ini = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let b = s.bantuan();
    b.simpan_program(
        DESA,
        None,
        &program(
            "SANTUNAN-KEMATIAN",
            "Santunan kematian",
            Sasaran::Penduduk,
            hari_ini.year(),
            1_000_000,
        ),
        &a,
    )
    .await
    .unwrap();
    let program_pkh = b
        .simpan_program(
            DESA,
            None,
            &program(
                "PKH",
                "Program Keluarga Harapan",
                Sasaran::Keluarga,
                hari_ini.year(),
                750_000,
            ),
            &a,
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
    let suami = s
        .tambah_penduduk(DESA, &d("3325080101800001", "SUAMI UJI", "1", "1"), &a)
        .await
        .unwrap();
    let istri = s
        .tambah_penduduk(DESA, &d(NIK_ISTRI, "ISTRI UJI", "2", "3"), &a)
        .await
        .unwrap();
    let keluarga = s
        .penduduk(DESA, suami)
        .await
        .unwrap()
        .unwrap()
        .keluarga_id
        .expect("the husband is in a family");
    b.catat_kesejahteraan(
        DESA,
        keluarga,
        &KesejahteraanBaru {
            status_dtks: "dtks".into(),
            desil: Some(1),
            id_dtks: String::new(),
            kriteria: None,
            tanggal_data: Some(hari_ini),
            surveyor: String::new(),
            catatan: String::new(),
            foto: None,
        },
        &a,
    )
    .await
    .unwrap();
    b.tambah_penerima(
        DESA,
        program_pkh,
        &PenerimaBaru {
            nik: NIK_ISTRI.into(),
            dasar: "Data Kemensos".into(),
            alasan_abaikan: String::new(),
        },
        &a,
    )
    .await
    .unwrap();
    // Recording the death opens the claim.
    s.catat_status(
        DESA,
        suami,
        JenisPeristiwa::Mati,
        &RincianStatus {
            tanggal: Some(hari_ini),
            keterangan: String::new(),
            tempat: "Rumah".into(),
            sebab: "Sakit".into(),
        },
        &a,
    )
    .await
    .unwrap();
    let klaim = b
        .santunan_almarhum(DESA, suami)
        .await
        .unwrap()
        .expect("the death of a DTKS family's member opens a claim");
    assert_eq!(klaim.nominal, 1_000_000);
    b.simpan_ahli_waris(
        DESA,
        klaim.id,
        &AhliWaris {
            penduduk_id: Some(istri),
            hubungan: "Istri".into(),
            ..Default::default()
        },
        klaim.versi,
        &a,
    )
    .await
    .unwrap();
    for syarat in ["kk_ktp_almarhum", "kk_ktp_ahli_waris", "surat_kematian"] {
        b.unggah_lampiran_santunan(DESA, klaim.id, syarat, "dok.pdf", PDF, &a)
            .await
            .unwrap();
    }
    b.langkah_santunan(
        DESA,
        klaim.id,
        &AksiSantunan {
            langkah: LangkahSantunan::Ajukan,
            pelaku: PelakuSantunan::Desa,
            alasan: "",
            alasan_terlambat: "",
            bukti_bayar: "",
            versi: None,
        },
        &a,
    )
    .await
    .unwrap();
    Siap {
        santunan: klaim.id,
        program_pkh,
        istri,
    }
}

balai_testkit::tiap_backend!(dinsos_memverifikasi_dan_membayar_santunan_lewat_api);
async fn dinsos_memverifikasi_dan_membayar_santunan_lewat_api(b: &'static str, s: Store) {
    let siap = siapkan(&s).await;
    let id = siap.santunan;
    let (token_dinsos, dinsos) = s
        .buat_token_wilayah(
            "Dinas Sosial",
            "33.25",
            HakToken {
                berlaku_hari: 30,
                ..HakToken::dinsos()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(token_dinsos.dinsos && token_dinsos.tulis && !token_dinsos.dukcapil);
    assert_eq!(
        s.token_api(&dinsos).await.unwrap().map(|t| t.dinsos),
        Some(true),
        "{b}: the right is stored"
    );
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, baca) = s
        .buat_token_api("Baca saja", &[DESA.to_string()], HakToken::baca(), &admin)
        .await
        .unwrap();
    let (_, tulis) = s
        .buat_token_api(
            "Aplikasi desa",
            &[DESA.to_string()],
            HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{url}/api/v1{p}");
    let ambil = |token: String, p: String| {
        let c = c.clone();
        async move { c.get(p).bearer_auth(token).send().await.unwrap() }
    };

    // The programmes: any token of the village, without personal data.
    let r = ambil(baca.clone(), api(&format!("/desa/{DESA}/bantuan"))).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 2, "{b}: {v}");
    sesuai_dokumen("get", "/desa/{kode}/bantuan", &v);
    let pkh = data.iter().find(|p| p["kode"] == "PKH").unwrap();
    assert_eq!(pkh["penerima"], 1, "{b}: {v}");
    assert!(
        !v.to_string().contains(NIK_ISTRI),
        "{b}: no NIK in the list"
    );

    // Recipients, claims: the Dinas Sosial's token only, whatever else a token may do.
    let penerima = api(&format!(
        "/desa/{DESA}/bantuan/{}/penerima",
        siap.program_pkh
    ));
    for token in [&baca, &tulis] {
        for p in [
            penerima.clone(),
            api("/santunan"),
            api(&format!("/desa/{DESA}/santunan")),
            api(&format!("/desa/{DESA}/santunan/{id}")),
        ] {
            let r = ambil(token.clone(), p.clone()).await;
            assert_eq!(r.status(), 403, "{b}: {p}");
            assert_eq!(r.headers()["content-type"], "application/problem+json");
            let m: Value = r.json().await.unwrap();
            assert!(
                m["detail"].as_str().unwrap().contains("Dinas Sosial"),
                "{b}: {m}"
            );
        }
        let r = c
            .post(api(&format!("/desa/{DESA}/santunan/{id}/langkah")))
            .bearer_auth(token)
            .json(&json!({"langkah": "verifikasi"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{b}");
    }

    // The Dinas Sosial reads the recipients, and the read is in the village's access log.
    let r = ambil(dinsos.clone(), penerima.clone()).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    sesuai_dokumen("get", "/desa/{kode}/bantuan/{id}/penerima", &v);
    assert_eq!(v["program"]["kode"], "PKH", "{b}: {v}");
    assert_eq!(v["data"][0]["nik"], NIK_ISTRI, "{b}: {v}");
    assert_eq!(v["data"][0]["nama"], "ISTRI UJI", "{b}: {v}");
    assert_eq!(v["data"][0]["no_kk"], "3325081201100001", "{b}: {v}");
    let log = s
        .daftar_audit(
            DESA,
            &SaringAudit {
                aksi: Some("api_penerima_bantuan".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.len(), 1, "{b}: {log:?}");
    assert_eq!(log[0].objek_id, siap.istri.to_string(), "{b}");
    assert_eq!(log[0].aktor, "api:Dinas Sosial", "{b}");
    let r = ambil(
        dinsos.clone(),
        api(&format!("/desa/{DESA}/bantuan/{}/penerima", Uuid::new_v4())),
    )
    .await;
    assert_eq!(r.status(), 404, "{b}");

    // The claims across the kabupaten, and of the village, filtered by status.
    let r = ambil(dinsos.clone(), api("/santunan")).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    sesuai_dokumen("get", "/santunan", &v);
    assert_eq!(v["total"], 1, "{b}: {v}");
    assert_eq!(v["data"][0]["id"], id.to_string(), "{b}: {v}");
    assert_eq!(v["data"][0]["desa"], DESA, "{b}: {v}");
    assert_eq!(v["data"][0]["status"], "diajukan", "{b}: {v}");
    assert_eq!(v["data"][0]["almarhum"], "SUAMI UJI", "{b}: {v}");
    let v: Value = ambil(dinsos.clone(), api("/santunan?status=dibayar"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["total"], 0, "{b}: {v}");
    let r = ambil(dinsos.clone(), api("/santunan?status=entah")).await;
    assert_eq!(r.status(), 400, "{b}");
    let v: Value = ambil(
        dinsos.clone(),
        api(&format!("/desa/{DESA}/santunan?status=diajukan")),
    )
    .await
    .json()
    .await
    .unwrap();
    sesuai_dokumen("get", "/desa/{kode}/santunan", &v);
    assert_eq!(v["total"], 1, "{b}: {v}");

    // One claim, with its history and documents; the read is logged.
    let satu = api(&format!("/desa/{DESA}/santunan/{id}"));
    let r = ambil(dinsos.clone(), satu.clone()).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    sesuai_dokumen("get", "/desa/{kode}/santunan/{id}", &v);
    assert_eq!(v["status"], "diajukan", "{b}: {v}");
    assert_eq!(v["nominal"], 1_000_000, "{b}: {v}");
    assert_eq!(v["almarhum"]["nama"], "SUAMI UJI", "{b}: {v}");
    assert_eq!(v["ahli_waris_nik"], NIK_ISTRI, "{b}: {v}");
    assert_eq!(v["lampiran"].as_array().unwrap().len(), 3, "{b}: {v}");
    let riwayat: Vec<&str> = v["riwayat"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(riwayat, ["dibuka", "diajukan"], "{b}: {v}");
    let log = s
        .daftar_audit(
            DESA,
            &SaringAudit {
                aksi: Some("api_santunan".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "{b}: the deceased and the heir: {log:?}");
    let r = ambil(
        dinsos.clone(),
        api(&format!("/desa/{DESA}/santunan/{}", Uuid::new_v4())),
    )
    .await;
    assert_eq!(r.status(), 404, "{b}");

    let langkah = |badan: Value| {
        let c = c.clone();
        let u = api(&format!("/desa/{DESA}/santunan/{id}/langkah"));
        let token = dinsos.clone();
        async move {
            c.post(u)
                .bearer_auth(token)
                .json(&badan)
                .send()
                .await
                .unwrap()
        }
    };
    // The village's steps are not the Dinas Sosial's.
    let r = langkah(json!({"langkah": "ajukan"})).await;
    assert_eq!(r.status(), 422, "{b}");
    // Paying before verifying is refused, with the reason in Indonesian.
    let r =
        langkah(json!({"langkah": "bayar", "bukti_bayar": "Transfer Bank Jateng 45/2026"})).await;
    assert!(r.status().is_client_error(), "{b}: {}", r.status());
    let m: Value = r.json().await.unwrap();
    assert!(
        m["detail"]
            .as_str()
            .unwrap()
            .contains("tidak dapat dilakukan"),
        "{b}: {m}"
    );
    // Verify.
    let r = langkah(json!({"langkah": "verifikasi"})).await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "diverifikasi", "{b}: {v}");
    // Paying needs the proof of payment.
    let r = langkah(json!({"langkah": "bayar"})).await;
    assert!(r.status().is_client_error(), "{b}: {}", r.status());
    let teks = r.text().await.unwrap();
    assert!(teks.contains("bukti_bayar"), "{b}: {teks}");
    let r = langkah(
        json!({"langkah": "bayar", "bukti_bayar": "Transfer Bank Jateng, kuitansi 45/2026"}),
    )
    .await;
    assert_eq!(r.status(), 200, "{b}");
    let v: Value = r.json().await.unwrap();
    sesuai_dokumen("post", "/desa/{kode}/santunan/{id}/langkah", &v);
    assert_eq!(v["status"], "dibayar", "{b}: {v}");
    assert_eq!(
        v["bukti_bayar"], "Transfer Bank Jateng, kuitansi 45/2026",
        "{b}: {v}"
    );
    assert!(v["dibayar_pada"].is_string(), "{b}: {v}");
    let terakhir = v["riwayat"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(terakhir["aktor"], "api:Dinas Sosial", "{b}: {v}");
    // Paid once only.
    let r = langkah(json!({"langkah": "bayar", "bukti_bayar": "Transfer ulang 46/2026"})).await;
    assert_eq!(r.status(), 422, "{b}");
    let klaim = s.bantuan().santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(klaim.status, "dibayar", "{b}");
}

balai_testkit::tiap_backend!(token_dinsos_hanya_untuk_satu_kabupaten);
async fn token_dinsos_hanya_untuk_satu_kabupaten(b: &'static str, s: Store) {
    siapkan(&s).await;
    // A kecamatan or a village is not a kabupaten.
    for w in ["33.25.08", "3325082004"] {
        let e = s
            .buat_token_wilayah(
                "Dinas Sosial",
                w,
                HakToken {
                    berlaku_hari: 30,
                    ..HakToken::dinsos()
                },
                &Aktor::sistem(),
            )
            .await
            .unwrap_err();
        assert!(e.to_string().contains("kabupaten"), "{b}: {w}: {e}");
    }
    // A region token that is not the Dinas Sosial's does not read claims; one of another
    // kabupaten does not reach this village.
    let (_, wilayah) = s
        .buat_token_wilayah("Bappeda", "33.25", HakToken::baca(), &Aktor::sistem())
        .await
        .unwrap();
    let (_, lain) = s
        .buat_token_wilayah(
            "Dinsos kabupaten lain",
            "33.26",
            HakToken {
                berlaku_hari: 30,
                ..HakToken::dinsos()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = reqwest::Client::new();
    let r = c
        .get(format!("{url}/api/v1/santunan"))
        .bearer_auth(&wilayah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "{b}");
    let v: Value = c
        .get(format!("{url}/api/v1/santunan"))
        .bearer_auth(&lain)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["total"], 0, "{b}: {v}");
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/santunan"))
        .bearer_auth(&lain)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "{b}");
    // Programmes across the villages of a region token; none of another kabupaten.
    let v: Value = c
        .get(format!("{url}/api/v1/bantuan"))
        .bearer_auth(&wilayah)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    sesuai_dokumen("get", "/bantuan", &v);
    let kode: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kode"].as_str().unwrap())
        .collect();
    assert!(kode.contains(&"PKH"), "{b}: {v}");
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["desa_id"] == DESA),
        "{b}: {v}"
    );
    let v: Value = c
        .get(format!("{url}/api/v1/bantuan"))
        .bearer_auth(&lain)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["data"].as_array().map(Vec::len), Some(0), "{b}: {v}");
}
