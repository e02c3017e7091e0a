//! The web app over real HTTP on a real port, on every store backend.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Store};
use bersama::{csrf, klien};
use reqwest::StatusCode;
use serde_json::{Value, json};

const DESA_A: &str = "3325082004";
const DESA_B: &str = "3325082003";
const SANDI: &str = "sandi-uji-panjang-1";

struct Uji {
    url: String,
    store: Store,
    berhenti: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Uji {
    fn drop(&mut self) {
        if let Some(b) = self.berhenti.take() {
            let _ = b.send(());
        }
    }
}

async fn mulai(store: Store) -> Uji {
    for kode in [DESA_A, DESA_B] {
        store
            .buat_desa(&KodeDesa::parse(kode).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    for (u, peran, desa) in [
        ("admin-a", Peran::Admin, DESA_A),
        ("operator-a", Peran::Operator, DESA_A),
        ("kades-a", Peran::Kades, DESA_A),
        ("admin-b", Peran::Admin, DESA_B),
    ] {
        store
            .tambah_pengguna(
                &PenggunaBaru {
                    username: u,
                    nama: u,
                    kata_sandi: SANDI,
                    peran,
                    desa_id: Some(desa),
                    cakupan: "",
                },
                &Aktor::sistem(),
            )
            .await
            .unwrap();
    }
    let (url, tx) = bersama::server(store.clone(), balai_web::Setelan::default()).await;
    Uji {
        url,
        store,
        berhenti: Some(tx),
    }
}

/// Through the login form: its CSRF token first, then the post.
async fn masuk(u: &Uji, username: &str, sandi: &str) -> (reqwest::Client, reqwest::Response) {
    let c = klien();
    let token = bersama::csrf(&c, &format!("{}/masuk", u.url)).await;
    let r = c
        .post(format!("{}/masuk", u.url))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", username),
            ("password", sandi),
        ])
        .send()
        .await
        .unwrap();
    (c, r)
}

fn data(nik: &str, nama: &str, kk: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[("nik", nik), ("nama", nama), ("no_kk", kk)])
}

balai_testkit::tiap_backend!(health_login_csrf_and_cross_village_404);
async fn health_login_csrf_and_cross_village_404(nama: &'static str, store: balai_store::Store) {
    let u = mulai(store).await;
    let r = reqwest::get(format!("{}/healthz", u.url)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{nama}");

    // Not logged in: to the login page.
    let r = klien()
        .get(format!("{}/desa/{DESA_A}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}");
    assert_eq!(r.headers()["location"], "/masuk");

    let id_b = u
        .store
        .tambah_penduduk(
            DESA_B,
            &data("3325080101800001", "WARGA DESA B", "3325080101100001"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let (c, r) = masuk(&u, "operator-a", SANDI).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}: login redirects");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{nama}: {cookie}"
    );

    // A user of village A asking for village B or its resident gets 404, not 403.
    for jalur in [
        format!("/desa/{DESA_B}"),
        format!("/desa/{DESA_B}/penduduk"),
        format!("/desa/{DESA_B}/penduduk/{id_b}"),
    ] {
        let r = c.get(format!("{}{jalur}", u.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}: {jalur}");
    }
    // Even with the right village in the URL, B's resident id is not found through A.
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk/{id_b}", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}");

    // A form without the CSRF token is refused and stores nothing.
    let r = c
        .post(format!("{}/desa/{DESA_A}/penduduk/baru", u.url))
        .form(&[("nik", "3325080101800002"), ("nama", "TANPA TOKEN")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{nama}");
    assert!(
        u.store
            .penduduk_by_nik(DESA_A, "3325080101800002")
            .await
            .unwrap()
            .is_none()
    );

    // A bad form keeps what was typed and names the field.
    let t = csrf(&c, &format!("{}/desa/{DESA_A}/penduduk/baru", u.url)).await;
    let r = c
        .post(format!("{}/desa/{DESA_A}/penduduk/baru", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("nik", "123"),
            ("nama", "Budi Santoso"),
            ("tempat_lahir", "Batang"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("value=\"Budi Santoso\""),
        "{nama}: typed name kept"
    );
    assert!(
        html.contains("id=\"g-nik\""),
        "{nama}: NIK error shown by the field"
    );

    // The village head may look but not write.
    let (c, _) = masuk(&u, "kades-a", SANDI).await;
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk/baru", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{nama}");
    let r = c
        .get(format!("{}/desa/{DESA_A}/statistik?jenis=umur", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{nama}");
    assert!(
        r.text().await.unwrap().contains("<svg"),
        "{nama}: chart rendered"
    );
}

balai_testkit::tiap_backend!(login_backoff_and_forced_password_change);
async fn login_backoff_and_forced_password_change(nama: &'static str, store: balai_store::Store) {
    let u = mulai(store).await;
    for _ in 0..5 {
        let (_, r) = masuk(&u, "admin-b", "salah-sandi-sekali").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{nama}");
    }
    // Locked for a while: even the right password waits.
    let (_, r) = masuk(&u, "admin-b", SANDI).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{nama}");
    assert!(
        r.text().await.unwrap().contains("Terlalu banyak percobaan"),
        "{nama}"
    );
    // A restarted server still remembers (the limiter was in memory before).
    let (url_baru, _henti) = bersama::server(u.store.clone(), balai_web::Setelan::default()).await;
    let baru = Uji {
        url: url_baru,
        store: u.store.clone(),
        berhenti: None,
    };
    let (_, r) = masuk(&baru, "admin-b", SANDI).await;
    assert!(
        r.text().await.unwrap().contains("Terlalu banyak percobaan"),
        "{nama}: the wait survives a restart"
    );

    // After a reset the user must choose a new password before anything else.
    let p = u
        .store
        .pengguna_by_username("operator-a")
        .await
        .unwrap()
        .unwrap();
    let sementara = u.store.reset_sandi(p.id, &Aktor::sistem()).await.unwrap();
    let (c, r) = masuk(&u, "operator-a", &sementara).await;
    assert_eq!(r.headers()["location"], "/ganti-sandi", "{nama}");
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/ganti-sandi", "{nama}");
    let t = csrf(&c, &format!("{}/ganti-sandi", u.url)).await;
    let r = c
        .post(format!("{}/ganti-sandi", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("sandi_lama", sementara.as_str()),
            ("sandi_baru", "sandi-baru-yang-kuat"),
            ("sandi_ulang", "sandi-baru-yang-kuat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}");
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{nama}");
}

balai_testkit::tiap_backend!(api_tokens_scope_errors_and_cursor);
async fn api_tokens_scope_errors_and_cursor(nama: &'static str, store: balai_store::Store) {
    let u = mulai(store).await;
    for (i, n) in ["ANI", "BUDI", "CITRA"].iter().enumerate() {
        u.store
            .tambah_penduduk(
                DESA_A,
                &data(
                    &format!("332508010180000{}", i + 1),
                    n,
                    &format!("332508010110000{}", i + 1),
                ),
                &Aktor::sistem(),
            )
            .await
            .unwrap();
    }
    let admin = u
        .store
        .pengguna_by_username("admin-a")
        .await
        .unwrap()
        .unwrap();
    let (_, baca) = u
        .store
        .buat_token_api(
            "Dinas Sosial",
            &[DESA_A.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let (_, tulis) = u
        .store
        .buat_token_api(
            "Disdukcapil",
            &[DESA_A.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let api = |p: &str| format!("{}/api/v1{p}", u.url);

    let r = c
        .get(api(&format!("/desa/{DESA_A}/penduduk")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{nama}");
    assert_eq!(r.headers()["content-type"], "application/problem+json");

    // Cursor paging over three residents, two per page.
    let r: Value = c
        .get(api(&format!("/desa/{DESA_A}/penduduk?batas=2")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total"], 3, "{nama}");
    assert_eq!(r["data"].as_array().unwrap().len(), 2);
    let cursor = r["next_cursor"].as_str().unwrap().to_string();
    let r: Value = c
        .get(api(&format!(
            "/desa/{DESA_A}/penduduk?batas=2&cursor={cursor}"
        )))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"][0]["nama"], "CITRA", "{nama}");
    assert!(r["next_cursor"].is_null());

    // Other village: 404. Read-only token may not write.
    let r = c
        .get(api(&format!("/desa/{DESA_B}/penduduk")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}");
    let baru = json!({"nik": "3325080101800009", "nama": "Dewi", "jenis_kelamin": 2, "tempat_lahir": "Batang", "tanggal_lahir": "1990-05-05",
        "agama_id": 1, "pendidikan_kk_id": 5, "pekerjaan_id": 9, "status_kawin_id": 1, "shdk_id": 1, "no_kk": "3325080101100009",
        "dusun": "KRAJAN", "rw": "1", "rt": "2"});
    let r = c
        .post(api(&format!("/desa/{DESA_A}/penduduk")))
        .bearer_auth(&baca)
        .json(&baru)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{nama}");

    // Bad data: 422 naming the field, nothing stored.
    let mut salah = baru.clone();
    salah["nik"] = json!("12");
    let r = c
        .post(api(&format!("/desa/{DESA_A}/penduduk")))
        .bearer_auth(&tulis)
        .json(&salah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["errors"][0]["field"], "nik", "{nama}: {m}");

    let r = c
        .post(api(&format!("/desa/{DESA_A}/penduduk")))
        .bearer_auth(&tulis)
        .json(&baru)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{nama}");
    let p: Value = r.json().await.unwrap();
    let id = p["data"]["id"].as_str().unwrap().to_string();
    let versi = p["data"]["versi"].as_i64().unwrap();

    // An edit on a stale version is refused with 409.
    let mut ubah = baru.clone();
    ubah["nama"] = json!("Dewi Lestari");
    ubah["versi"] = json!(versi);
    let r = c
        .put(api(&format!("/desa/{DESA_A}/penduduk/{id}")))
        .bearer_auth(&tulis)
        .json(&ubah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{nama}");
    ubah["nama"] = json!("Dewi Lestari Putri");
    let r = c
        .put(api(&format!("/desa/{DESA_A}/penduduk/{id}")))
        .bearer_auth(&tulis)
        .json(&ubah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "{nama}");

    // A death through the API, then the resident is out of the active list.
    let r = c
        .post(api(&format!("/desa/{DESA_A}/penduduk/{id}/peristiwa")))
        .bearer_auth(&tulis)
        .json(&json!({"jenis": "mati", "tanggal": "2026-11-01", "tempat": "Rumah"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{nama}");
    let r: Value = c
        .get(api(&format!("/desa/{DESA_A}/penduduk")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total"], 3, "{nama}");

    // Reads by the API are in the audit log under the token's name.
    let audit = u
        .store
        .daftar_audit(
            DESA_A,
            &balai_store::audit::SaringAudit {
                aksi: Some("lihat".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(audit.is_empty(), "{nama}: nothing opened yet");
    let r = c
        .get(api(&format!("/desa/{DESA_A}/penduduk/{id}")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let audit = u
        .store
        .daftar_audit(
            DESA_A,
            &balai_store::audit::SaringAudit {
                aksi: Some("lihat".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(audit[0].aktor, "api:Dinas Sosial", "{nama}");

    let r: Value = c
        .get(api(&format!("/desa/{DESA_A}/statistik/jenis-kelamin")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"]["total"]["jumlah"], 3, "{nama}");

    // Households: a head's household, listed and opened through the API.
    let kepala = u
        .store
        .penduduk_by_nik(DESA_A, "3325080101800001")
        .await
        .unwrap()
        .unwrap();
    let rtm = u
        .store
        .buat_rumah_tangga(DESA_A, kepala.id, &Aktor::sistem())
        .await
        .unwrap();
    let r: Value = c
        .get(api(&format!("/desa/{DESA_A}/rumah-tangga")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"][0]["kepala_nama"], "ANI", "{nama}: {r}");
    let r: Value = c
        .get(api(&format!("/desa/{DESA_A}/rumah-tangga/{rtm}")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["anggota"].as_array().unwrap().len(), 1, "{nama}");
    let r = c
        .get(api(&format!("/desa/{DESA_B}/rumah-tangga/{rtm}")))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}");

    let spec: Value = c
        .get(api("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/desa/{kode}/penduduk"].is_object());
}

balai_testkit::tiap_backend!(district_users_see_their_villages_and_the_system_admin_registers_one);
async fn district_users_see_their_villages_and_the_system_admin_registers_one(
    nama: &'static str,
    store: balai_store::Store,
) {
    let u = mulai(store).await;
    for (user, peran, cakupan) in [
        ("camat", Peran::Kecamatan, "332508"),
        ("admin-sistem", Peran::AdminSistem, ""),
        ("kab-lain", Peran::Kabupaten, "3326"),
    ] {
        u.store
            .tambah_pengguna(
                &PenggunaBaru {
                    username: user,
                    nama: user,
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
    u.store
        .tambah_penduduk(
            DESA_A,
            &data("3325080101800001", "WARGA A", "3325080101100001"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    u.store
        .tambah_penduduk(
            DESA_B,
            &data("3325080101800002", "WARGA B", "3325080101100002"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();

    // The sub-district viewer sees both villages and their combined statistics, read only.
    let (c, _) = masuk(&u, "camat", SANDI).await;
    let html = c
        .get(format!("{}/admin", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("/desa/{DESA_A}")) && html.contains(&format!("/desa/{DESA_B}")),
        "{nama}"
    );
    let r: Value = c
        .get(format!("{}/statistik.json?jenis=desa", u.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total"]["jumlah"], 2, "{nama}: both villages counted");
    let html = c
        .get(format!("{}/statistik?jenis=desa", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg") && html.contains("Jumlah"), "{nama}");
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk/baru", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{nama}");

    // A viewer of another district sees neither.
    let (c, _) = masuk(&u, "kab-lain", SANDI).await;
    let r = c
        .get(format!("{}/desa/{DESA_A}", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}");

    // Only the system admin registers villages; a bad code is explained and kept.
    let (c, _) = masuk(&u, "admin-sistem", SANDI).await;
    let t = csrf(&c, &format!("{}/admin", u.url)).await;
    let r = c
        .post(format!("{}/desa", u.url))
        .form(&[("_csrf", t.as_str()), ("kode", "33.25.08.9999")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        r.text().await.unwrap().contains("value=\"33.25.08.9999\""),
        "{nama}: typed code kept"
    );
    let r = c
        .post(format!("{}/desa", u.url))
        .form(&[("_csrf", t.as_str()), ("kode", "33.25.08.2001")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}");
    assert_eq!(
        u.store.desa("3325082001").await.unwrap().unwrap().nama,
        "Ngaliyan"
    );
    let (c, _) = masuk(&u, "admin-a", SANDI).await;
    let t = csrf(&c, &format!("{}/desa/{DESA_A}", u.url)).await;
    let r = c
        .post(format!("{}/desa", u.url))
        .form(&[("_csrf", t.as_str()), ("kode", "3325082002")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{nama}");
}

balai_testkit::tiap_backend!(masuk_berlindung_csrf_dan_halaman_staf_tidak_disimpan);
/// The login form needs its own token (no login CSRF), a 1 MB user name is refused and not
/// echoed, staff pages are `no-store`, and the headers every page carries.
async fn masuk_berlindung_csrf_dan_halaman_staf_tidak_disimpan(b: &'static str, s: Store) {
    let u = mulai(s).await;
    let c = klien();
    let r = c
        .post(format!("{}/masuk", u.url))
        .form(&[("username", "admin-a"), ("password", SANDI)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}: no token");
    assert!(r.text().await.unwrap().contains("kedaluwarsa"), "{b}");
    let panjang = "a".repeat(1_000_000);
    let token = csrf(&c, &format!("{}/masuk", u.url)).await;
    let r = c
        .post(format!("{}/masuk", u.url))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", panjang.as_str()),
            ("password", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{b}");
    let html = r.text().await.unwrap();
    assert!(
        html.len() < 20_000,
        "{b}: the name is not echoed ({})",
        html.len()
    );
    assert!(html.contains("paling panjang 64"), "{b}");
    let (c, r) = masuk(&u, "admin-a", SANDI).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r = c
        .get(format!("{}/desa/{DESA_A}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert_eq!(r.headers()["cache-control"], "no-store", "{b}");
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("base-uri 'none'"), "{b}: {csp}");
    assert!(
        r.headers().get("strict-transport-security").is_none(),
        "{b}: plain HTTP"
    );
    // Every answer carries its request id (the same id is in the server's log line), and an
    // error page shows it for the operator to quote.
    let id = r.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "{b}: {id}");
    let r = c
        .get(format!("{}/desa/{DESA_B}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(&format!("Kode kejadian: {id}")),
        "{b}"
    );
}

balai_testkit::tiap_backend!(hsts_bila_dilayani_lewat_https);
async fn hsts_bila_dilayani_lewat_https(b: &'static str, s: Store) {
    let (url, _henti) = bersama::server(
        s,
        balai_web::Setelan {
            cookie_aman: true,
            url_publik: "https://balai.contoh.id".into(),
            ..Default::default()
        },
    )
    .await;
    let r = reqwest::get(format!("{url}/masuk")).await.unwrap();
    assert_eq!(
        r.headers()["strict-transport-security"],
        "max-age=31536000",
        "{b}"
    );
}

balai_testkit::tiap_backend!(cadangan_yang_basi_terlihat_di_healthz_dan_layar_admin);
/// A failing daily backup once left one log line nobody read. Now `/healthz` says
/// `terdegradasi` (no details for the public) and the admin's start page says what is wrong,
/// until a backup newer than a day is there.
async fn cadangan_yang_basi_terlihat_di_healthz_dan_layar_admin(b: &'static str, s: Store) {
    let folder = balai_testkit::berkas_sementara("cadangan");
    std::fs::create_dir_all(&folder).unwrap();
    for (kode, u) in [(DESA_A, "admin-a")] {
        s.buat_desa(&KodeDesa::parse(kode).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
        s.tambah_pengguna(
            &PenggunaBaru {
                username: u,
                nama: u,
                kata_sandi: SANDI,
                peran: Peran::Admin,
                desa_id: Some(kode),
                cakupan: "",
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    }
    let (url, _henti) = bersama::server(
        s.clone(),
        balai_web::Setelan {
            cadangan_folder: folder.display().to_string(),
            ..Default::default()
        },
    )
    .await;
    let sehat = || async {
        reqwest::get(format!("{url}/healthz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    assert_eq!(sehat().await, "terdegradasi", "{b}");
    let c = bersama::masuk_staf(&url, "admin-a").await;
    let html = bersama::teks(&c, format!("{url}/desa/{DESA_A}")).await;
    assert!(html.contains("peringatan-cadangan"), "{b}");
    assert!(html.contains("Belum ada cadangan"), "{b}");
    s.cadangan_harian(&folder, 3, None).await.unwrap();
    assert_eq!(sehat().await, "ok", "{b}");
    let html = bersama::teks(&c, format!("{url}/desa/{DESA_A}")).await;
    assert!(!html.contains("peringatan-cadangan"), "{b}");
}

balai_testkit::tiap_backend!(ganti_sandi_dibatasi_seperti_halaman_masuk);
/// With a stolen session, the "change password" form must not become an unlimited oracle for
/// the current password: it waits after a few wrong ones, like the login form.
async fn ganti_sandi_dibatasi_seperti_halaman_masuk(b: &'static str, s: Store) {
    let u = mulai(s).await;
    let (c, r) = masuk(&u, "operator-a", SANDI).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let halaman = format!("{}/ganti-sandi", u.url);
    let mut terakhir = String::new();
    for _ in 0..6 {
        let token = csrf(&c, &halaman).await;
        let r = c
            .post(&halaman)
            .form(&[
                ("_csrf", token.as_str()),
                ("sandi_lama", "tebakan-yang-salah"),
                ("sandi_baru", "sandi-baru-yang-panjang-2"),
                ("sandi_ulang", "sandi-baru-yang-panjang-2"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        terakhir = r.text().await.unwrap();
    }
    assert!(terakhir.contains("Terlalu banyak percobaan"), "{b}");
}

balai_testkit::tiap_backend!(admin_melihat_akun_yang_sandinya_ditebak);
async fn admin_melihat_akun_yang_sandinya_ditebak(nama: &'static str, store: Store) {
    use balai_domain::tebakan::STAF_AKUN;
    let u = mulai(store).await;
    // Ten wrong passwords on operator-a over the last hours, each after its wait.
    let mut t = chrono::Utc::now() - chrono::Duration::hours(3);
    let mut gagal = 0;
    while gagal < 10 {
        let s = u.store.clone().dengan_jam(balai_store::Jam::Tetap(t));
        match s
            .tebakan()
            .coba(&[("a:operator-a", STAF_AKUN)])
            .await
            .unwrap()
        {
            Some(w) => t += w,
            None => gagal += 1,
        }
    }
    let (c, _) = masuk(&u, "admin-a", SANDI).await;
    let b = c
        .get(format!("{}/desa/{DESA_A}", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(b.contains("id=\"peringatan-tebakan\""), "{nama}: {b}");
    assert!(
        b.contains("operator-a") && b.contains("10 kali salah"),
        "{nama}"
    );
    // Another village's admin and the village's operator see nothing of it.
    for (akun, desa) in [("admin-b", DESA_B), ("kades-a", DESA_A)] {
        let (c, _) = masuk(&u, akun, SANDI).await;
        let b = c
            .get(format!("{}/desa/{desa}", u.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!b.contains("peringatan-tebakan"), "{nama}: {akun}");
    }
}

balai_testkit::tiap_backend!(kepala_permintaan_yang_lambat_diputus);
/// A client that sends its request head slowly (slowloris) is cut off after the configured
/// seconds; a normal request on another connection is served meanwhile.
async fn kepala_permintaan_yang_lambat_diputus(b: &'static str, s: Store) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let setelan = balai_web::Setelan {
        batas_kepala_detik: 1,
        ..Default::default()
    };
    let (url, _henti) = bersama::server(s, setelan).await;
    let alamat = url.trim_start_matches("http://").to_string();
    let mut lambat = tokio::net::TcpStream::connect(&alamat).await.unwrap();
    lambat
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: uji\r\n")
        .await
        .unwrap();
    let r = klien().get(format!("{url}/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let mut sisa = Vec::new();
    let baca = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        lambat.read_to_end(&mut sisa),
    )
    .await;
    assert!(baca.is_ok(), "{b}: the connection was closed within 5 s");
    assert!(
        !String::from_utf8_lossy(&sisa).contains("200 OK"),
        "{b}: nothing was served on it"
    );
}
