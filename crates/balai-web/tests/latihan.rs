//! Mode latihan over real HTTP, with the real village on each backend (the practice village is
//! always a SQLite file of its own): staff enter with their own account, every page carries the
//! banner, the tour ticks what was done, nothing leaves the server, the API and sync are
//! refused, the real village's data and statistics do not move, the admin resets it (asked
//! first), and leaving takes the browser back to the real village.

use crate::bersama::{self, csrf, teks};
use balai_domain::KodeDesa;
use balai_store::statistik::JenisStatistik;
use balai_store::{Aktor, Store};
use reqwest::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const DESA: &str = "3325082004";
const NIK: &str = "3325080101800001";

/// A village with one resident who has a phone number, and its staff.
async fn desa_uji(s: &Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let d = balai_testkit::data_penduduk(&[
        ("nik", NIK),
        ("nama", "SITI AMINAH"),
        ("jenis_kelamin", "2"),
        ("telepon", "0812-3456-7890"),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap();
    bersama::staf_desa(s, DESA).await;
}

/// The practice village's filler in these tests: the same small village (with demo accounts
/// named like the real staff, which the copy of a real account must not collide with), and
/// how many times it ran.
fn pengisi(kali: Arc<Mutex<usize>>) -> balai_web::latihan::Pengisi {
    balai_web::latihan::Pengisi(Arc::new(move |s: Store, kode: String| {
        let kali = kali.clone();
        Box::pin(async move {
            assert_eq!(kode, DESA);
            assert!(s.latihan());
            desa_uji(&s).await;
            *kali.lock().unwrap() += 1;
            Ok(())
        })
    }))
}

/// Points the village's WhatsApp channel at `gw` through the settings page.
async fn pasang_whatsapp(admin: &reqwest::Client, url: &str, gw: &str) -> StatusCode {
    let t = csrf(admin, &format!("{url}/desa/{DESA}/notifikasi")).await;
    admin
        .post(format!("{url}/desa/{DESA}/notifikasi/kanal/whatsapp"))
        .form(&[
            ("_csrf", t.as_str()),
            ("preset", "whatsapp_cloud"),
            ("url", gw),
            ("metode", "POST"),
            ("header_nama", "Authorization"),
            ("header_nilai", "Bearer {token}"),
            ("token", "EAAG-token-uji"),
            ("format", "json"),
            (
                "templat_payload",
                "{\"to\":\"{tujuan}\",\"text\":{\"body\":\"{pesan}\"}}",
            ),
            ("aktif", "ya"),
            ("aksi", "simpan"),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

/// Enters the practice village from the real one.
async fn masuk_latihan(c: &reqwest::Client, url: &str) -> reqwest::Response {
    let t = csrf(c, &format!("{url}/desa/{DESA}/latihan")).await;
    c.post(format!("{url}/desa/{DESA}/latihan/masuk"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap()
}

balai_testkit::tiap_backend!(desa_latihan_terpisah_dari_desa_sebenarnya);
async fn desa_latihan_terpisah_dari_desa_sebenarnya(b: &'static str, s: Store) {
    desa_uji(&s).await;
    let folder = balai_testkit::berkas_sementara("latihan");
    let kali = Arc::new(Mutex::new(0));
    let (url, _henti) = bersama::server(
        s.clone(),
        balai_web::Setelan {
            latihan_folder: Some(folder.clone()),
            pengisi_latihan: Some(pengisi(kali.clone())),
            ..Default::default()
        },
    )
    .await;
    let hari_ini = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let statistik_awal = s
        .statistik_penduduk(DESA, JenisStatistik::StatusDasar, hari_ini)
        .await
        .unwrap();
    let (gw, g) = bersama::gateway().await;

    // The admin enters; the practice village is made on first use.
    let admin = bersama::masuk_staf(&url, "admin").await;
    let h = teks(&admin, format!("{url}/desa/{DESA}/latihan")).await;
    assert!(h.contains("Desa latihan belum dibuat"), "{b}: {h}");
    let r = masuk_latihan(&admin, &url).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(r.headers()["location"], "/latihan", "{b}");
    assert!(folder.join(format!("{DESA}.db")).exists(), "{b}");
    assert_eq!(*kali.lock().unwrap(), 1, "{b}");

    // Every page carries the banner; the frame offers the tasks and the way back.
    let h = teks(&admin, format!("{url}/latihan")).await;
    assert!(
        h.contains("id=\"pita-latihan\"")
            && h.contains("0 dari 4")
            && h.contains("Keluar dari latihan"),
        "{b}: {h}"
    );
    for jalur in [format!("/desa/{DESA}/penduduk"), "/".to_string()] {
        let h = teks(&admin, format!("{url}{jalur}")).await;
        assert!(h.contains("id=\"pita-latihan\""), "{b} {jalur}");
    }

    // A forged practice cookie reaches nothing: without a real session and the person's own
    // practice session, the browser is sent back to the real village.
    let tanpa_sesi = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = tanpa_sesi
        .get(format!("{url}/"))
        .header(
            "cookie",
            format!("balai_latihan=palsu; balai_latihan_desa={DESA}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        r.headers()["location"],
        format!("/desa/{DESA}/latihan?ok=latihan_habis"),
        "{b}"
    );

    // A message channel set up in practice sends nothing; its test message is refused.
    assert_eq!(
        pasang_whatsapp(&admin, &url, &gw).await,
        StatusCode::SEE_OTHER,
        "{b}"
    );
    let t = csrf(&admin, &format!("{url}/desa/{DESA}/notifikasi")).await;
    let r = admin
        .post(format!("{url}/desa/{DESA}/notifikasi/kanal/whatsapp/uji"))
        .form(&[("_csrf", t.as_str()), ("tujuan", "081234567890")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("pesan yang dikirim keluar"),
        "{b}"
    );

    // The operator practises with their own account: a letter request, a resident opened.
    let op = bersama::masuk_staf(&url, "operator").await;
    assert_eq!(
        masuk_latihan(&op, &url).await.status(),
        StatusCode::SEE_OTHER,
        "{b}"
    );
    bersama::ajukan_domisili(&op, &url, DESA, NIK).await;
    let h = teks(&op, format!("{url}/desa/{DESA}/penduduk?q=SITI")).await;
    let awal = format!("/desa/{DESA}/penduduk/");
    let tautan = h
        .match_indices(&awal)
        .map(|(i, _)| &h[i..i + awal.len() + 36])
        .find(|t| uuid::Uuid::parse_str(&t[awal.len()..]).is_ok())
        .expect("a link to the resident");
    let r = op.get(format!("{url}{tautan}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let h = teks(&op, format!("{url}/latihan")).await;
    assert!(h.contains("2 dari 4"), "{b}: {h}");
    assert!(
        h.contains("id=\"tugas-buat_surat\" class=\"selesai\""),
        "{b}"
    );
    assert!(
        h.contains("id=\"tugas-catat_kelahiran\" class=\"belum\""),
        "{b}"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        g.diterima.lock().unwrap().is_empty(),
        "{b}: a practice message left the server"
    );
    // It is queued in the practice village (so the silence means something), never sent.
    let berkas = folder.join(format!("{DESA}.db"));
    let di_latihan = Store::buka(&format!("sqlite://{}", berkas.display()))
        .await
        .unwrap();
    let antre = di_latihan.ringkasan_notifikasi(DESA).await.unwrap();
    assert!(
        antre
            .iter()
            .any(|(status, n)| status == "menunggu" && *n > 0),
        "{b}: {antre:?}"
    );
    di_latihan.db.close().await;

    // No API, no sync, no API tokens from a practice village.
    let r = op
        .get(format!("{url}/api/v1/desa/{DESA}/penduduk"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Desa latihan tidak melayani API"),
        "{b}"
    );
    let r = admin
        .get(format!("{url}/desa/{DESA}/sinkron"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    // Nobody logs in to it directly: the login page takes the browser back to the real one.
    let r = op.get(format!("{url}/masuk")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        r.headers()["location"],
        format!("/desa/{DESA}/latihan?ok=latihan_habis"),
        "{b}"
    );
    assert_eq!(
        masuk_latihan(&op, &url).await.status(),
        StatusCode::SEE_OTHER,
        "{b}"
    );

    // The real village did not move: no letter, the same statistics, nothing queued.
    let surat = s
        .daftar_surat(DESA, &Default::default(), None, 100)
        .await
        .unwrap();
    assert!(
        surat.is_empty(),
        "{b}: a practice letter reached the real village"
    );
    assert_eq!(
        s.statistik_penduduk(DESA, JenisStatistik::StatusDasar, hari_ini)
            .await
            .unwrap(),
        statistik_awal,
        "{b}"
    );

    // Leaving: the real village again, with the real session still there.
    let t = csrf(&op, &format!("{url}/latihan")).await;
    let r = op
        .post(format!("{url}/latihan/keluar"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        r.headers()["location"],
        format!("/desa/{DESA}/latihan?ok=latihan_keluar"),
        "{b}"
    );
    let h = teks(&op, format!("{url}/desa/{DESA}/penduduk")).await;
    assert!(
        !h.contains("pita-latihan") && h.contains("SITI AMINAH"),
        "{b}"
    );

    // The same channel in the real village does send (so the silence above meant something).
    let t = csrf(&admin, &format!("{url}/latihan")).await;
    admin
        .post(format!("{url}/latihan/keluar"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        pasang_whatsapp(&admin, &url, &gw).await,
        StatusCode::SEE_OTHER,
        "{b}"
    );
    bersama::ajukan_domisili(&op, &url, DESA, NIK).await;
    let terkirim = bersama::tunggu(&g, 1).await.len();
    let ringkas = s.ringkasan_notifikasi(DESA).await.unwrap();
    assert_eq!(terkirim, 1, "{b}: {ringkas:?}");

    // Reset: only an admin, and only once confirmed; everyone practising starts again.
    assert_eq!(
        masuk_latihan(&op, &url).await.status(),
        StatusCode::SEE_OTHER,
        "{b}"
    );
    let atur_ulang = |c: reqwest::Client, yakin: bool| {
        let url = url.clone();
        async move {
            let t = csrf(&c, &format!("{url}/desa/{DESA}/latihan")).await;
            let mut f = vec![("_csrf", t)];
            if yakin {
                f.push(("yakin", "ya".into()));
            }
            c.post(format!("{url}/desa/{DESA}/latihan/atur-ulang"))
                .form(&f)
                .send()
                .await
                .unwrap()
        }
    };
    let r = atur_ulang(admin.clone(), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("Centang"), "{b}");
    assert_eq!(*kali.lock().unwrap(), 1, "{b}");
    let r = atur_ulang(admin.clone(), true).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(*kali.lock().unwrap(), 2, "{b}");
    let r = op.get(format!("{url}/latihan")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        r.headers()["location"],
        format!("/desa/{DESA}/latihan?ok=latihan_habis"),
        "{b}"
    );
    // The operator's first page after the reset is the real village's.
    let h = teks(&op, format!("{url}/desa/{DESA}/latihan?ok=latihan_habis")).await;
    assert!(
        h.contains("Sesi latihan Anda telah berakhir") && !h.contains("pita-latihan"),
        "{b}"
    );
    // An operator may not reset.
    let r = atur_ulang(op.clone(), true).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    // The reset is in the real village's audit log.
    let audit = s
        .daftar_audit(
            DESA,
            &balai_store::audit::SaringAudit {
                batas: 200,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        audit.iter().any(|a| a.aksi == "atur_ulang"
            && a.objek == "desa_latihan"
            && a.aktor == "pengguna:admin"),
        "{b}"
    );

    // Practice rides on the real session: disabling the operator's account ends it too.
    assert_eq!(
        masuk_latihan(&op, &url).await.status(),
        StatusCode::SEE_OTHER,
        "{b}"
    );
    assert_eq!(
        op.get(format!("{url}/latihan"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "{b}"
    );
    let id = s
        .pengguna_by_username("operator")
        .await
        .unwrap()
        .unwrap()
        .id;
    s.atur_aktif_pengguna(id, false, &Aktor::sistem())
        .await
        .unwrap();
    let r = op.get(format!("{url}/latihan")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        r.headers()["location"],
        format!("/desa/{DESA}/latihan?ok=latihan_habis"),
        "{b}"
    );
}

balai_testkit::tiap_backend!(tanpa_folder_latihan_halaman_menjelaskan);
async fn tanpa_folder_latihan_halaman_menjelaskan(b: &'static str, s: Store) {
    desa_uji(&s).await;
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = bersama::masuk_staf(&url, "operator").await;
    let h = teks(&op, format!("{url}/desa/{DESA}/latihan")).await;
    assert!(h.contains("latihan_folder"), "{b}");
    let r = masuk_latihan(&op, &url).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    // A practice token on the real verification page is simply unknown without practice villages.
    let r = reqwest::get(format!("{url}/v/latihan-{DESA}-AbCdEfGhIjKlMnOpQrStUv"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
}
