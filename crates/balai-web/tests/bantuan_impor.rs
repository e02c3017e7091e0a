//! A programme's recipients imported and exported over real HTTP on both backends: a file with
//! a bad row is refused whole with the row named, a valid file is previewed and then applied
//! with its one-time token (or applied at once when asked), only roles that enter data may
//! import, and the downloads are OpenSID's workbook and a CSV, recorded in the audit log.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::bantuan::{Aturan, Sasaran};
use balai_store::audit::SaringAudit;
use balai_store::bantuan::ProgramBaru;
use balai_store::{Aktor, Store};
use bersama::{csrf, masuk_staf, server, staf_desa};
use chrono::NaiveDate;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

const DESA: &str = "3325082004";

fn program(kode: &str) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        sasaran: Sasaran::Keluarga,
        tahun: 2026,
        mulai: NaiveDate::from_ymd_opt(2026, 1, 1),
        selesai: NaiveDate::from_ymd_opt(2026, 12, 31),
        nominal: 300_000,
        bentuk: "tunai".into(),
        asal_dana: "Dana Desa".into(),
        baris_kunci: None,
        aturan: Aturan::default(),
        publikasi: false,
        keterangan: String::new(),
    }
}

/// Heads of two families; answers their NIKs.
async fn dua_keluarga(s: &Store) -> Vec<String> {
    let mut nik = Vec::new();
    for i in 1..=2u32 {
        let n = format!("33250801018{i:05}");
        let d = balai_testkit::data_penduduk(&[
            ("nik", &n),
            ("nama", ["KEPALA ADI", "KEPALA BUDI"][i as usize - 1]),
            ("no_kk", &format!("332508120110{i:04}")),
        ]);
        s.tambah_penduduk(DESA, &d, &Aktor::pengguna("operator"))
            .await
            .unwrap();
        nik.push(n);
    }
    nik
}

fn unggah(token: &str, isi: &str, terapkan: bool) -> Form {
    let f = Form::new().text("_csrf", token.to_string()).part(
        "berkas",
        Part::bytes(isi.as_bytes().to_vec()).file_name("penerima.csv"),
    );
    if terapkan {
        f.text("terapkan", "ya")
    } else {
        f
    }
}

async fn jumlah_penerima(s: &Store, id: Uuid) -> usize {
    s.bantuan().penerima(DESA, id).await.unwrap().len()
}

balai_testkit::tiap_backend!(impor_dan_ekspor_penerima_lewat_http);
async fn impor_dan_ekspor_penerima_lewat_http(be: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let nik = dua_keluarga(&s).await;
    let b = s.bantuan();
    let id = b
        .simpan_program(DESA, None, &program("BLT-DD"), &Aktor::pengguna("operator"))
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let hal = format!("{url}/desa/{DESA}/bantuan/{id}");
    let html = op.get(&hal).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"form-impor\""), "{be}");
    assert!(
        html.contains(&format!("/bantuan/{id}/penerima.xlsx")),
        "{be}"
    );
    let token = csrf(&op, &hal).await;
    let impor = format!("{hal}/impor");

    // One bad row: nothing stored, the row named.
    let salah = format!("nik,dasar\n{},Musdes\n3325089999990001,Musdes\n", nik[0]);
    let r = op
        .post(&impor)
        .multipart(unggah(&token, &salah, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Tidak ada yang disimpan: 1 dari 2 baris salah"),
        "{be}: {html}"
    );
    assert!(
        html.contains("NIK tidak terdaftar sebagai penduduk desa ini"),
        "{be}"
    );
    assert_eq!(jumlah_penerima(&s, id).await, 0, "{be}");

    // A valid file: the preview stores nothing and offers "Terapkan".
    let benar = format!("nik,dasar\n{},Musdes\n{},Musdes\n", nik[0], nik[1]);
    let r = op
        .post(&impor)
        .multipart(unggah(&token, &benar, false))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Pratinjau: semua 2 baris benar"),
        "{be}: {html}"
    );
    assert_eq!(jumlah_penerima(&s, id).await, 0, "{be}");
    let i = html.find("name=\"token\" value=\"").expect("Terapkan form") + 20;
    let t = &html[i..i + html[i..].find('"').unwrap()];
    let terapkan = format!("{impor}/terapkan");
    let r = op
        .post(&terapkan)
        .form(&[("_csrf", token.as_str()), ("token", t)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Impor selesai: 2 penerima ditambahkan"),
        "{be}: {html}"
    );
    assert_eq!(jumlah_penerima(&s, id).await, 2, "{be}");
    // The token is used up.
    let html = op
        .post(&terapkan)
        .form(&[("_csrf", token.as_str()), ("token", t)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Pratinjau sudah kedaluwarsa"), "{be}");

    // Applied at once into another programme when asked.
    let kedua = b
        .simpan_program(DESA, None, &program("PKH"), &Aktor::pengguna("operator"))
        .await
        .unwrap();
    let r = op
        .post(format!("{url}/desa/{DESA}/bantuan/{kedua}/impor"))
        .multipart(unggah(&token, &benar, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    assert_eq!(jumlah_penerima(&s, kedua).await, 2, "{be}");

    // The head of village reads and downloads but does not import.
    let kades = masuk_staf(&url, "kades").await;
    let t_kades = csrf(&kades, &format!("{url}/desa/{DESA}/bantuan")).await;
    let r = kades
        .post(&impor)
        .multipart(unggah(&t_kades, &benar, true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{be}");
    let r = kades
        .get(format!("{hal}/penerima.xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "{be}"
    );
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"penerima-BLT-DD-2026.xlsx\"",
        "{be}"
    );
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "{be}");
    let r = kades
        .get(format!("{hal}/penerima.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let csv = r.text().await.unwrap();
    assert!(csv.contains(&nik[1]), "{be}: {csv}");
    for aksi in ["ekspor_penerima_xlsx", "ekspor_penerima_csv"] {
        let catatan = s
            .daftar_audit(
                DESA,
                &SaringAudit {
                    aksi: Some(aksi.into()),
                    objek_id: Some(id.to_string()),
                    batas: 10,
                    ..SaringAudit::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(catatan.len(), 1, "{be}: {aksi}");
        assert_eq!(catatan[0].aktor, "pengguna:kades", "{be}");
    }
}

fn huruf(i: u32) -> String {
    format!("{i:03}")
        .bytes()
        .map(|c| char::from(b'A' + c - b'0'))
        .collect()
}

balai_testkit::tiap_backend!(halaman_program_besar_berhalaman_dan_penyaluran_lewat_nik);
async fn halaman_program_besar_berhalaman_dan_penyaluran_lewat_nik(be: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let b = s.bantuan();
    let id = b
        .simpan_program(DESA, None, &program("BLT-DD"), &Aktor::pengguna("operator"))
        .await
        .unwrap();
    let mut nik = Vec::new();
    for i in 1..=130u32 {
        let n = format!("33250801028{i:05}");
        let d = balai_testkit::data_penduduk(&[
            ("nik", &n),
            // Names take letters only: 1 → B, 2 → C, …
            ("nama", &format!("KEPALA {}", huruf(i))),
            ("no_kk", &format!("332508120120{i:04}")),
        ]);
        s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
        b.tambah_penerima(
            DESA,
            id,
            &balai_store::bantuan::PenerimaBaru {
                nik: n.clone(),
                dasar: "Musdesus 5 Desember 2026".into(),
                alasan_abaikan: String::new(),
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
        nik.push(n);
    }
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let hal = format!("{url}/desa/{DESA}/bantuan/{id}");
    let baris = |h: &str| h.matches("/penerima/").count();
    let akses = || async {
        s.daftar_audit(
            DESA,
            &SaringAudit {
                aksi: Some("lihat_penerima_bantuan".into()),
                batas: 1000,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .len()
    };

    // A page of 100, and only those 100 are written to the access log.
    let sebelum = akses().await;
    let h = op.get(&hal).send().await.unwrap().text().await.unwrap();
    assert!(h.contains("Penerima 1–100 dari 130"), "{be}: {h}");
    assert_eq!(baris(&h), 100, "{be}");
    assert!(h.contains("Halaman 1 dari 2"), "{be}");
    assert!(!h.contains("<select id=\"f-penerima\""), "{be}");
    assert_eq!(akses().await - sebelum, 100, "{be}");
    let h2 = op
        .get(format!("{hal}?hal=2"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(h2.contains("Penerima 101–130 dari 130"), "{be}");
    assert_eq!(baris(&h2), 30, "{be}");
    // A page past the end shows the last one.
    let h9 = op
        .get(format!("{hal}?hal=9"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(h9.contains("Penerima 101–130 dari 130"), "{be}");

    // "Salurkan" on a row starts the form with that recipient's NIK.
    let p = b
        .penerima(DESA, id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.nik == nik[120])
        .unwrap();
    let h = op
        .get(format!("{hal}?salur={}&hal=2", p.id))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        h.contains(&format!("name=\"nik_penerima\" inputmode=\"numeric\" maxlength=\"16\" autocomplete=\"off\" value=\"{}\"", nik[120])),
        "{be}"
    );

    // By NIK: an unknown one is refused with the field named and what was typed kept.
    let token = csrf(&op, &hal).await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
    let kirim = |n: &str| {
        Form::new()
            .text("_csrf", token.clone())
            .text("nik_penerima", n.to_string())
            .text("periode", "2026-11")
            .text("tanggal", "2026-11-20")
            .text("nominal", "300.000")
            .part(
                "bukti",
                Part::bytes(png.clone())
                    .file_name("bukti.png")
                    .mime_str("image/png")
                    .unwrap(),
            )
    };
    let r = op
        .post(format!("{hal}/salurkan"))
        .multipart(kirim("3325089999990001"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("NIK ini bukan penerima program ini"),
        "{be}: {h}"
    );
    assert!(h.contains("value=\"3325089999990001\""), "{be}");
    let r = op
        .post(format!("{hal}/salurkan"))
        .multipart(kirim("12345"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(r.text().await.unwrap().contains("16 angka"), "{be}");
    // The right NIK records the distribution for that recipient.
    let r = op
        .post(format!("{hal}/salurkan"))
        .multipart(kirim(&nik[120]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let salur = b.penyaluran(DESA, id).await.unwrap();
    assert_eq!(salur.len(), 1, "{be}");
    assert_eq!(salur[0].penerima_id, p.id, "{be}");
}
