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

/// A resident under five in `dusun`, born `hari_umur` days before today.
async fn balita(s: &Store, urut: u32, nama: &str, dusun: &str, hari_umur: i64) -> uuid::Uuid {
    use chrono::Datelike;
    let lahir = s.hari_ini(balai_domain::ZonaWaktu::Wib) - chrono::Duration::days(hari_umur);
    let nik = format!(
        "332508{:02}{:02}{:02}{urut:04}",
        lahir.day(),
        lahir.month(),
        lahir.year() % 100
    );
    let d = balai_testkit::data_penduduk(&[
        ("nik", &nik),
        ("nama", nama),
        ("tanggal_lahir", &lahir.to_string()),
        ("jenis_kelamin", "1"),
        ("shdk_id", "4"),
        ("status_kawin_id", "1"),
        ("pendidikan_kk_id", "1"),
        ("pekerjaan_id", "3"),
        ("dusun", dusun),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap()
}

balai_testkit::tiap_backend!(kader_hanya_posyandunya_dan_kiriman_dari_ponsel);
async fn kader_hanya_posyandunya_dan_kiriman_dari_ponsel(b: &'static str, s: Store) {
    use balai_store::kesehatan::PosyanduBaru;
    use balai_store::pengguna::{PenggunaBaru, Peran};
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let raka = balita(&s, 1, "RAKA KRAJAN", "KRAJAN", 300).await;
    let bima = balita(&s, 2, "BIMA SEBERANG", "SIDOMULYO", 500).await;
    let k = s.kesehatan();
    let pos = |nama: &str, dusun: &str| PosyanduBaru {
        nama: nama.into(),
        dusun: dusun.into(),
        ..Default::default()
    };
    let melati = k
        .tambah_posyandu(DESA, &pos("Posyandu Melati", "KRAJAN"), &Aktor::sistem())
        .await
        .unwrap();
    let mawar = k
        .tambah_posyandu(DESA, &pos("Posyandu Mawar", "SIDOMULYO"), &Aktor::sistem())
        .await
        .unwrap();
    bersama::staf_desa(&s, DESA).await;
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "kader",
            nama: "Bu Kader",
            kata_sandi: bersama::SANDI,
            peran: Peran::Kader,
            desa_id: Some(DESA),
            cakupan: &melati.to_string(),
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;

    // The cadre starts on their own posyandu.
    let kader = bersama::klien();
    let token = csrf(&kader, &format!("{url}/masuk")).await;
    let r = kader
        .post(format!("{url}/masuk"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "kader"),
            ("password", bersama::SANDI),
        ])
        .send()
        .await
        .unwrap();
    let tujuan = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(tujuan, format!("/desa/{DESA}/kesehatan/{melati}"), "{b}");
    let dasar = format!("{url}/desa/{DESA}/kesehatan");
    let h = teks(&kader, &dasar).await;
    assert!(
        h.contains("Posyandu Melati") && !h.contains("Posyandu Mawar"),
        "{b}: {h}"
    );
    assert!(!h.contains("id=\"form-posyandu\""), "{b}: no new posyandu");
    let h = teks(&kader, &format!("{dasar}/{melati}?tanggal={hari}")).await;
    assert!(
        h.contains("RAKA KRAJAN") && h.contains("data-posyandu=") && h.contains("posyandu.js"),
        "{b}: {h}"
    );

    // Nothing else of the village, and not the other posyandu or its children.
    for jalan in [
        format!("/desa/{DESA}/penduduk"),
        format!("/desa/{DESA}"),
        format!("/desa/{DESA}/bantuan"),
        format!("/desa/{DESA}/kesehatan/{mawar}"),
        format!("/desa/{DESA}/kesehatan/{mawar}/imunisasi"),
        format!("/desa/{DESA}/kesehatan/{mawar}/anak/{bima}"),
        format!("/desa/{DESA}/kesehatan/ibu"),
    ] {
        let r = kader.get(format!("{url}{jalan}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}: {jalan}");
    }
    let r = kader
        .get(format!("{dasar}/anak/{bima}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "{b}: child of another posyandu"
    );
    let token = csrf(
        &kader,
        &format!("{dasar}/{melati}/anak/{raka}?tanggal={hari}"),
    )
    .await;
    let r = kader
        .post(format!("{dasar}/{mawar}/anak/{bima}"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tanggal", &hari.to_string()),
            ("berat", "10"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{b}: recording elsewhere"
    );

    // The phone's queue: a refusal comes back as JSON naming the field; an entry sent twice
    // (its answer lost) is recorded once.
    let kunci = uuid::Uuid::new_v4().to_string();
    let kirim = |berat: &'static str| {
        kader
            .post(format!("{dasar}/{melati}/anak/{raka}"))
            .header("accept", "application/json")
            .form(&[
                ("_csrf", token.clone()),
                ("kunci", kunci.clone()),
                ("tanggal", hari.to_string()),
                ("berat", berat.to_string()),
                ("panjang", "70".to_string()),
            ])
            .send()
    };
    let r = kirim("0,4").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["ok"], false, "{b}: {j}");
    assert_eq!(j["galat"][0]["kolom"], "berat", "{b}: {j}");
    for _ in 0..2 {
        let r = kirim("8,4").await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{b}");
        let j: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            (j["ok"].as_bool(), j["id"].as_str()),
            (Some(true), Some(kunci.as_str())),
            "{b}: {j}"
        );
    }
    assert_eq!(k.riwayat(DESA, raka).await.unwrap().len(), 1, "{b}");
    let h = teks(&kader, &format!("{dasar}/anak/{raka}")).await;
    assert!(h.contains("RAKA KRAJAN"), "{b}");

    // The service worker is served under the posyandu path; logging out clears what the
    // phone kept.
    let r = kader.get(format!("{dasar}/sw.js")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript"),
        "{b}"
    );
    let token = csrf(&kader, &dasar).await;
    let r = kader
        .post(format!("{url}/keluar"))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["clear-site-data"]
            .to_str()
            .unwrap()
            .contains("storage"),
        "{b}"
    );
}

balai_testkit::tiap_backend!(ibu_hamil_lewat_http);
async fn ibu_hamil_lewat_http(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let d = balai_testkit::data_penduduk(&[
        ("nik", "3325084101950001"),
        ("nama", "RATNA SARI"),
        ("tanggal_lahir", "1995-01-01"),
        ("jenis_kelamin", "2"),
        ("shdk_id", "3"),
        ("status_kawin_id", "2"),
        ("pendidikan_kk_id", "5"),
        ("pekerjaan_id", "2"),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    bersama::staf_desa(&s, DESA).await;
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let dasar = format!("{url}/desa/{DESA}/kesehatan/ibu");
    let hpht = s.hari_ini(balai_domain::ZonaWaktu::Wib) - chrono::Duration::weeks(20);

    // A wrong NIK: refused on the field, what was typed stays.
    let token = csrf(&op, &dasar).await;
    let r = op
        .post(&dasar)
        .form(&[
            ("_csrf", token.as_str()),
            ("nik", "3325089999999999"),
            ("hpht", &hpht.to_string()),
            ("catatan", "rujukan bidan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("NIK tidak ditemukan") && h.contains("rujukan bidan"),
        "{b}: {h}"
    );

    let r = op
        .post(&dasar)
        .form(&[
            ("_csrf", token.as_str()),
            ("nik", "3325084101950001"),
            ("hpht", &hpht.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let rincian = format!("{url}{}", r.headers()["location"].to_str().unwrap());
    let rincian = rincian.split('?').next().unwrap().to_string();
    let h = teks(&op, &rincian).await;
    assert!(
        h.contains("RATNA SARI") && h.contains("20 minggu"),
        "{b}: {h}"
    );
    // Twenty weeks without a visit: a risk sign on the page and on the list.
    assert!(h.contains("kurang dari jadwal"), "{b}");

    let r = op
        .post(format!("{rincian}/kunjungan"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tanggal", &(hpht + chrono::Duration::weeks(12)).to_string()),
            ("lila", "24,5"),
            ("sistolik", "110"),
            ("diastolik", "70"),
            ("tablet_fe", "30"),
            ("konseling_gizi", "ya"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &dasar).await;
    assert!(
        h.contains("RATNA SARI") && h.contains("id=\"jumlah-berisiko\">0<"),
        "{b}: {h}"
    );

    // The head of village does not enter health data.
    let kades = masuk_staf(&url, "kades").await;
    let r = kades.get(&dasar).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
}

balai_testkit::tiap_backend!(api_kesehatan_ringkasan_dan_penimbangan_bertoken);
async fn api_kesehatan_ringkasan_dan_penimbangan_bertoken(b: &'static str, s: Store) {
    use balai_store::kesehatan::{IsianPenimbangan, PosyanduBaru};
    use balai_store::pengguna::HakToken;
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let raka = balita(&s, 1, "RAKA KRAJAN", "KRAJAN", 300).await;
    let k = s.kesehatan();
    let pos = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: "Posyandu Melati".into(),
                dusun: "KRAJAN".into(),
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    k.catat_penimbangan(
        DESA,
        pos,
        raka,
        &IsianPenimbangan {
            tanggal: Some(hari),
            berat: Some(8.9),
            panjang: Some(72.0),
            ..Default::default()
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    bersama::staf_desa(&s, DESA).await;
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, biasa) = s
        .buat_token_api("OPD", &[DESA.to_string()], HakToken::baca(), &admin)
        .await
        .unwrap();
    let (_, puskesmas) = s
        .buat_token_api(
            "Puskesmas",
            &[DESA.to_string()],
            HakToken {
                kesehatan: true,
                ..HakToken::baca()
            },
            &admin,
        )
        .await
        .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let c = reqwest::Client::new();
    let api = format!("{url}/api/v1/desa/{DESA}/kesehatan");

    // Figures for any token of the village.
    let r = c
        .get(format!("{api}/ringkasan"))
        .bearer_auth(&biasa)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["posyandu"][0]["nama"], "Posyandu Melati", "{b}: {j}");
    assert_eq!(
        j["gizi_bulanan"].as_array().unwrap().last().unwrap()["ditimbang"],
        1,
        "{b}: {j}"
    );

    // Measurements: a health token only.
    let r = c
        .get(format!("{api}/penimbangan"))
        .bearer_auth(&biasa)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let r = c
        .get(format!("{api}/penimbangan?dari=2020-01-01&sampai={hari}"))
        .bearer_auth(&puskesmas)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{b}: more than a year");
    let r = c
        .get(format!("{api}/penimbangan"))
        .bearer_auth(&puskesmas)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let j: serde_json::Value = r.json().await.unwrap();
    let p = &j["penimbangan"][0];
    assert_eq!(p["penduduk_id"], raka.to_string(), "{b}: {j}");
    assert!(
        p["z"]["tb_u"].is_number() && p["kategori"]["bb_u"].is_string(),
        "{b}: {j}"
    );
    assert_eq!(
        j["anak"][raka.to_string()]["nama"],
        "RAKA KRAJAN",
        "{b}: {j}"
    );
    let nik = s.penduduk(DESA, raka).await.unwrap().unwrap().nik;
    assert!(!j.to_string().contains(&nik), "{b}: no NIK in {j}");

    // The district's dashboard: every village and posyandu of the month, and its export.
    s.tambah_pengguna(
        &balai_store::pengguna::PenggunaBaru {
            username: "dinkes",
            nama: "Dinas Kesehatan",
            kata_sandi: bersama::SANDI,
            peran: balai_store::pengguna::Peran::Kabupaten,
            desa_id: None,
            cakupan: "3325",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let dinkes = masuk_staf(&url, "dinkes").await;
    let h = teks(&dinkes, &format!("{url}/kesehatan")).await;
    assert!(
        h.contains("Posyandu Melati") && h.contains("id=\"total-ditimbang\">1<"),
        "{b}: {h}"
    );
    let r = dinkes
        .get(format!("{url}/kesehatan?format=xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheet"),
        "{b}"
    );
    let op = masuk_staf(&url, "operator").await;
    let r = op.get(format!("{url}/kesehatan")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "{b}: a village has its own page"
    );
}

balai_testkit::tiap_backend!(situs_desa_menampilkan_gizi_tanpa_angka_kecil);
async fn situs_desa_menampilkan_gizi_tanpa_angka_kecil(b: &'static str, s: Store) {
    use balai_store::kesehatan::{IsianPenimbangan, PosyanduBaru};
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let mut anak = Vec::new();
    for i in 1..=6u32 {
        let nama = ["ADI", "BAYU", "CITRA", "DIMAS", "EKA", "FAJAR"][i as usize - 1];
        anak.push(balita(&s, i, nama, "KRAJAN", 300).await);
    }
    let k = s.kesehatan();
    let pos = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: "Posyandu Melati".into(),
                dusun: "KRAJAN".into(),
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let c = bersama::klien();
    let statistik = format!("{url}/desa/donorejo/statistik");
    // Under five children measured: too few to publish anything.
    for (i, anak) in (1..).zip(anak) {
        // The first is stunted (60 cm at ten months); the others are near the median.
        let panjang = if i == 1 { 60.0 } else { 72.0 };
        k.catat_penimbangan(
            DESA,
            pos,
            anak,
            &IsianPenimbangan {
                tanggal: Some(hari),
                berat: Some(8.9),
                panjang: Some(panjang),
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
        let h = teks(&c, &statistik).await;
        if i < 5 {
            assert!(!h.contains("id=\"gizi-balita\""), "{b}: {i} children");
        }
    }
    // Six children: the figures show, the single stunted child hidden as "<5".
    let h = teks(&c, &statistik).await;
    let i = h
        .find("id=\"gizi-balita\"")
        .unwrap_or_else(|| panic!("{b}: {h}"));
    let bagian = &h[i..];
    assert!(bagian.contains("6 balita ditimbang"), "{b}: {bagian}");
    assert!(bagian.contains("&#60;5"), "{b}: {bagian}");
    assert!(
        !bagian.contains("16,7 %"),
        "{b}: one child in six is not published"
    );
}

balai_testkit::tiap_backend!(konvergensi_keluarga_sasaran_lewat_http);
async fn konvergensi_keluarga_sasaran_lewat_http(b: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let lahir_anak = (hari - chrono::Duration::days(400)).to_string();
    for (nik, nama, lahir, jk, shdk, kk, asuransi, akta) in [
        // A family with a one-year-old: JKN and birth certificate.
        (
            "3325080101900001",
            "BUDI AYAH",
            "1990-01-01",
            "1",
            "1",
            "3325081201100001",
            "3",
            "",
        ),
        (
            "3325080101250002",
            "ANAK BUDI",
            lahir_anak.as_str(),
            "1",
            "4",
            "3325081201100001",
            "2",
            "3325-LT-01012025-0001",
        ),
        // A pregnant woman heading her family, no insurance recorded.
        (
            "3325084101950003",
            "SITI IBU",
            "1995-01-01",
            "2",
            "1",
            "3325081201100002",
            "",
            "",
        ),
        // Adults only: not a target family.
        (
            "3325080101700004",
            "TUA SAJA",
            "1970-01-01",
            "1",
            "1",
            "3325081201100003",
            "1",
            "",
        ),
    ] {
        let d = balai_testkit::data_penduduk(&[
            ("nik", nik),
            ("nama", nama),
            ("tanggal_lahir", lahir),
            ("jenis_kelamin", jk),
            ("shdk_id", shdk),
            ("no_kk", kk),
            ("asuransi_id", asuransi),
            ("akta_lahir", akta),
            ("status_kawin_id", if shdk == "4" { "1" } else { "2" }),
            ("pendidikan_kk_id", if shdk == "4" { "1" } else { "5" }),
        ]);
        s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    }
    s.kesehatan()
        .tambah_kehamilan(
            DESA,
            &balai_domain::kesehatan::ibu::KehamilanBaru {
                nik: "3325084101950003".into(),
                hpht: Some(hari - chrono::Duration::weeks(12)),
                hpl: None,
                kehamilan_ke: None,
                catatan: String::new(),
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    bersama::staf_desa(&s, DESA).await;
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let dasar = format!("{url}/desa/{DESA}/kesehatan/konvergensi");
    let baris = |h: &str, nama: &str| {
        let i = h
            .find(nama)
            .unwrap_or_else(|| panic!("{b}: {nama} missing"));
        let j = i + h[i..].find("<details").unwrap();
        h[i..j].to_string()
    };

    let h = teks(&op, &dasar).await;
    assert!(h.contains("(2 keluarga pada"), "{b}: {h}");
    assert!(!h.contains("TUA SAJA"), "{b}");
    let budi = baris(&h, "BUDI AYAH");
    // Water, latrine not yet checked; JKN and birth certificate from the registry; no child
    // of PAUD age.
    assert_eq!(budi.matches("Belum dicatat").count(), 2, "{b}: {budi}");
    assert_eq!(budi.matches(">Ya<").count(), 2, "{b}: {budi}");
    let siti = baris(&h, "SITI IBU");
    assert_eq!(siti.matches("Belum dicatat").count(), 3, "{b}: {siti}");
    assert!(h.contains("Catat pemeriksaan"), "{b}");

    // A check dated tomorrow is refused on the field, the ticks kept, the form open.
    let kk = s
        .kesehatan()
        .konvergensi(DESA, hari)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.kepala == "BUDI AYAH")
        .unwrap()
        .keluarga_id;
    let token = csrf(&op, &dasar).await;
    // Posts the family's check form, opened at version 0, with one box ticked.
    let kirim = |centang: &'static str, tanggal: String| {
        let (op, url, token) = (op.clone(), format!("{dasar}/{kk}"), token.clone());
        async move {
            op.post(url)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("versi", "0"),
                    (centang, "ya"),
                    ("dicek_pada", tanggal.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let besok = (hari + chrono::Duration::days(1))
        .format("%d-%m-%Y")
        .to_string();
    let r = kirim("air_minum_layak", besok.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(h.contains("tidak boleh setelah hari ini"), "{b}");
    let budi = baris(&h, "BUDI AYAH");
    let form = &h[h.find(&format!("/konvergensi/{kk}\"")).unwrap()..];
    assert!(
        form[..form.find("</form>").unwrap()]
            .contains("name=\"air_minum_layak\" value=\"ya\" checked"),
        "{b}: {budi}"
    );
    // Recorded: the family's water shows Ya, the latrine Tidak.
    let hari_teks = hari.format("%d-%m-%Y").to_string();
    let r = kirim("air_minum_layak", hari_teks.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &dasar).await;
    let budi = baris(&h, "BUDI AYAH");
    assert!(
        budi.contains("konvergensi-ya\">Ya") && budi.contains("konvergensi-tidak\">Tidak"),
        "{b}: {budi}"
    );
    assert!(h.contains(&format!("Diperiksa {hari_teks}")), "{b}");
    // A form opened before that check is refused, not silently overwriting it.
    let r = kirim("jamban_sehat", hari_teks.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("baru saja dicatat orang lain"),
        "{b}"
    );
    // The page and each check are in the audit log.
    let log = s
        .daftar_audit(
            DESA,
            &balai_store::audit::SaringAudit {
                batas: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|c| c.objek == "konvergensi_keluarga" && c.aksi == "catat"),
        "{b}"
    );
}
