//! Education over real HTTP on every backend: the operator opens the village's list (counts
//! per dusun, the children out of school per the registry, the PAUD list, the schools of the
//! potential data), filters by dusun, records a child's yearly check (a missing reason refused
//! with the typed values kept, a second check of the year refused until it is opened, a year
//! not begun refused), and changes it with its version. The API lists the children with their
//! state and refuses bad parameters; the head of village (not a data-entry role) is refused.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::pendidikan::{tahun_ajaran, tanggal_acuan};
use balai_store::audit::SaringAudit;
use balai_store::situs::potensi::PotensiBaru;
use balai_store::{Aktor, Store};
use bersama::{csrf, masuk_staf, teks};
use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

const DESA: &str = "3325082004";

/// A resident born `lahir` (the NIK encodes the date, plus 40 on the day for a girl).
#[allow(clippy::too_many_arguments)]
async fn warga(
    s: &Store,
    no: u32,
    nama: &str,
    lahir: NaiveDate,
    perempuan: bool,
    dusun: &str,
    kk: &str,
    sedang: &str,
) -> Uuid {
    let nik = format!(
        "332508{:02}{:02}{:02}{no:04}",
        lahir.day() + if perempuan { 40 } else { 0 },
        lahir.month(),
        lahir.year() % 100
    );
    let d = balai_testkit::data_penduduk(&[
        ("nik", &nik),
        ("nama", nama),
        ("tanggal_lahir", &lahir.to_string()),
        ("jenis_kelamin", if perempuan { "2" } else { "1" }),
        ("shdk_id", "4"),
        ("status_kawin_id", "1"),
        ("pendidikan_kk_id", kk),
        ("pendidikan_sedang_id", sedang),
        ("pekerjaan_id", "3"),
        ("dusun", dusun),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap()
}

/// The href of the first link to `/desa/…/pendidikan/anak/{pid}` on a page.
fn tautan_anak(h: &str, pid: Uuid) -> String {
    let i = h
        .find(&format!("/pendidikan/anak/{pid}"))
        .unwrap_or_else(|| panic!("no link to {pid} in {h}"));
    let awal = h[..i].rfind('"').unwrap() + 1;
    let akhir = i + h[i..].find('"').unwrap();
    h[awal..akhir].replace("&amp;", "&")
}

balai_testkit::tiap_backend!(pendidikan_lewat_http);
async fn pendidikan_lewat_http(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let tahun = tahun_ajaran(s.hari_ini(balai_domain::ZonaWaktu::Wib));
    let acuan = tanggal_acuan(tahun);
    let umur = |th: i32| acuan.with_year(acuan.year() - th).unwrap() - chrono::Duration::days(40);
    // In SD; out of school per the registry; in TK; four and not in PAUD in another dusun; an
    // adult.
    let siti = warga(&s, 1, "SITI AMINAH", umur(10), true, "KRAJAN", "2", "4").await;
    let budi = warga(&s, 2, "BUDI SANTOSO", umur(14), false, "KRAJAN", "3", "18").await;
    let ani = warga(&s, 3, "ANI LESTARI", umur(5), true, "KRAJAN", "1", "2").await;
    let dedi = warga(
        &s,
        4,
        "DEDI KURNIAWAN",
        umur(4),
        false,
        "SIDOMULYO",
        "1",
        "1",
    )
    .await;
    let joko = warga(&s, 5, "JOKO DEWASA", umur(30), false, "KRAJAN", "5", "").await;
    let sd = s
        .simpan_potensi(
            DESA,
            None,
            &PotensiBaru {
                jenis: "fasilitas".into(),
                nama: "SD Negeri 1".into(),
                alamat: "Dusun Krajan".into(),
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    bersama::staf_desa(&s, DESA).await;
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let dasar = format!("{url}/desa/{DESA}/pendidikan");

    // The list: counts per dusun, BUDI out of school (registry), the PAUD list, the school.
    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("id=\"ringkas-sekolah\"") && h.contains("id=\"ringkas-paud\""),
        "{b}: {h}"
    );
    let i = h.find("id=\"daftar-usia-sekolah\"").expect("list");
    let daftar = &h[i..h[i..].find("</ul>").unwrap() + i];
    assert!(
        daftar.contains("BUDI SANTOSO") && daftar.contains("Putus sekolah"),
        "{b}: {daftar}"
    );
    assert!(!daftar.contains("SITI AMINAH"), "{b}: in school");
    assert!(
        h.contains("id=\"daftar-paud\"")
            && h.contains("ANI LESTARI")
            && h.contains("Belum ikut PAUD"),
        "{b}: {h}"
    );
    assert!(
        h.contains("id=\"daftar-sekolah\"")
            && h.contains("SD Negeri 1")
            && h.contains(&format!("/desa/{DESA}/potensi?ubah={sd}")),
        "{b}: {h}"
    );
    assert!(!h.contains("JOKO DEWASA"), "{b}: adult not listed");
    // One dusun: DEDI only.
    let h = teks(&op, format!("{dasar}?dusun=SIDOMULYO")).await;
    assert!(
        h.contains("DEDI KURNIAWAN") && !h.contains("BUDI SANTOSO") && !h.contains("ANI LESTARI"),
        "{b}: {h}"
    );
    // Not yet checked this year: SITI too.
    let h = teks(&op, format!("{dasar}?daftar=belum")).await;
    assert!(
        h.contains("SITI AMINAH") && h.contains("belum dicek"),
        "{b}: {h}"
    );

    // BUDI's form, from the list (it returns to the list's filters).
    let h = teks(&op, format!("{dasar}?daftar=belum")).await;
    let form_budi = format!("{url}{}", tautan_anak(&h, budi));
    assert!(form_budi.contains("daftar=belum"), "{b}: {form_budi}");
    let h = teks(&op, &form_budi).await;
    assert!(
        h.contains("id=\"form-cek\"")
            && h.contains("id=\"tanpa-riwayat\"")
            && h.contains("TAMAT SD / SEDERAJAT"),
        "{b}: {h}"
    );
    let token = csrf(&op, &form_budi).await;
    let aksi = format!("{url}/desa/{DESA}/pendidikan/anak/{budi}");
    let kirim = |isian: Vec<(&'static str, String)>| {
        let mut f: Vec<(&'static str, String)> = vec![
            ("_csrf", token.clone()),
            ("tahun", tahun.to_string()),
            ("kembali_daftar", "belum".into()),
        ];
        f.extend(isian);
        op.post(&aksi).form(&f)
    };
    // No reason: refused, the typed values kept.
    let r = kirim(vec![
        ("status", "putus_sekolah".into()),
        ("jenjang", "smp".into()),
        ("catatan", "dicek di rumah".into()),
    ])
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("alasan anak putus sekolah")
            && h.contains("value=\"dicek di rumah\"")
            && h.contains("value=\"putus_sekolah\" checked")
            && h.contains("value=\"smp\" selected"),
        "{b}: {h}"
    );
    // A year not begun: refused.
    let r = op
        .post(&aksi)
        .form(&[
            ("_csrf", token.clone()),
            ("tahun", (tahun + 1).to_string()),
            ("status", "sekolah".into()),
            ("jenjang", "smp".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("belum dimulai"), "{b}");
    // Recorded: back to the list of the unchecked, with the message; BUDI now per the check.
    let r = kirim(vec![
        ("status", "putus_sekolah".into()),
        ("jenjang", "smp".into()),
        ("alasan", "bekerja di sawah".into()),
    ])
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let ke = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        ke.contains("ok=cek_sekolah") && ke.contains("daftar=belum"),
        "{b}: {ke}"
    );
    let h = teks(&op, format!("{url}{ke}")).await;
    assert!(h.contains("Cek sekolah telah dicatat"), "{b}: {h}");
    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("bekerja di sawah") && h.contains("menurut cek"),
        "{b}: {h}"
    );
    // A second check of the year without opening the first: refused, naming it.
    let r = kirim(vec![
        ("status", "sekolah".into()),
        ("jenjang", "smp".into()),
    ])
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("sudah dicek untuk tahun ajaran") && h.contains("id=\"sudah-dicek\""),
        "{b}: {h}"
    );
    // Opened, it carries its version and is changed.
    let h = teks(&op, &form_budi).await;
    assert!(
        h.contains("name=\"versi\" value=\"1\"") && h.contains("value=\"bekerja di sawah\""),
        "{b}: {h}"
    );
    let r = kirim(vec![
        ("versi", "1".into()),
        ("status", "sekolah".into()),
        ("jenjang", "smp".into()),
        ("nama_sekolah", "SMP Negeri 2 Limpung".into()),
    ])
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &form_budi).await;
    assert!(
        h.contains("id=\"riwayat-cek\"")
            && h.contains("SMP Negeri 2 Limpung")
            && h.contains("name=\"versi\" value=\"2\""),
        "{b}: {h}"
    );

    // SITI at the village SD: the school counts her.
    let token = csrf(&op, &format!("{url}/desa/{DESA}/pendidikan/anak/{siti}")).await;
    let r = op
        .post(format!("{url}/desa/{DESA}/pendidikan/anak/{siti}"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", &tahun.to_string()),
            ("status", "sekolah"),
            ("jenjang", "sd"),
            ("potensi_id", &sd.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("1 anak desa tercatat bersekolah di sini"),
        "{b}: {h}"
    );
    assert!(
        h.contains("id=\"tanpa-usia-sekolah\""),
        "{b}: nobody out of school now"
    );

    // An adult has no form; an unknown child is not found.
    let h = teks(&op, format!("{url}/desa/{DESA}/pendidikan/anak/{joko}")).await;
    assert!(
        h.contains("id=\"di-luar-usia\"") && !h.contains("id=\"form-cek\""),
        "{b}: {h}"
    );
    let r = op
        .get(format!(
            "{url}/desa/{DESA}/pendidikan/anak/{}",
            Uuid::now_v7()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");

    // Reading the children is in the access log.
    let log = s
        .daftar_audit(
            DESA,
            &SaringAudit {
                aksi: Some("lihat_pendidikan_anak".into()),
                objek_id: Some(dedi.to_string()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!log.is_empty(), "{b}: access logged");

    // The head of village does not enter education data.
    let kades = masuk_staf(&url, "kades").await;
    let r = kades.get(&dasar).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    // The API: the children with their state, no NIK; bad parameters refused.
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Dinas Pendidikan",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let api = format!("{url}/api/v1/desa/{DESA}/pendidikan/anak");
    let r = c.get(&api).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["tahun"], tahun, "{b}");
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 4, "{b}: {v}");
    let budi_api = data
        .iter()
        .find(|a| a["penduduk_id"] == budi.to_string())
        .unwrap();
    assert_eq!(
        (
            &budi_api["keadaan"],
            &budi_api["sumber"],
            &budi_api["cek_terakhir"]["nama_sekolah"]
        ),
        (
            &Value::from("sekolah"),
            &Value::from("cek_tahun_ini"),
            &Value::from("SMP Negeri 2 Limpung")
        ),
        "{b}: {budi_api}"
    );
    assert!(!v.to_string().contains("nik"), "{b}: no NIK in {v}");
    assert_eq!(v["jumlah"]["usia_paud"], 2, "{b}: {v}");
    let v: Value = c
        .get(format!("{api}?kelompok=paud&dusun=krajan"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["penduduk_id"].as_str().unwrap())
        .collect();
    assert_eq!(id, vec![ani.to_string()], "{b}: {v}");
    let tahun_depan = format!("tahun={}", tahun + 1);
    for (q, harap) in [
        ("keadaan=bolos", "keadaan harus"),
        (tahun_depan.as_str(), "tahun adalah tahun awal"),
        ("kelompok=balita", "kelompok harus"),
        ("dusun=ATLANTIS", "tidak ada di desa ini"),
    ] {
        let r = c
            .get(format!("{api}?{q}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{b}: {q}");
        let m: Value = r.json().await.unwrap();
        assert!(
            m["detail"].as_str().unwrap().contains(harap),
            "{b}: {q}: {m}"
        );
    }
    let r = c.get(&api).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{b}");
}
