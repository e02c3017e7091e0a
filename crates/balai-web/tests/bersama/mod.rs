//! What the web test files share: a server on a real port, a client that keeps cookies and
//! does not follow redirects, and the CSRF token of a page.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as Status};
use axum::routing::any;
use balai_store::penduduk::Penduduk;
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Store};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Serves `store` on 127.0.0.1 and a free port until the returned sender is dropped.
pub async fn server(
    store: Store,
    setelan: balai_web::Setelan,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        balai_web::jalankan(store, &setelan, listener, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (url, tx)
}

pub fn klien() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The body of a page fetched with `c`.
pub async fn teks(c: &reqwest::Client, url: impl reqwest::IntoUrl) -> String {
    c.get(url).send().await.unwrap().text().await.unwrap()
}

/// The CSRF token of the first form on a page.
pub async fn csrf(c: &reqwest::Client, url: &str) -> String {
    let html = c.get(url).send().await.unwrap().text().await.unwrap();
    let i = html
        .find("name=\"_csrf\" value=\"")
        .expect("page has a form with a CSRF token")
        + 20;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

/// The password of the staff accounts the tests create.
pub const SANDI: &str = "sandi-uji-panjang-1";

/// Creates the village's admin, operator and head of village (usernames as the roles).
pub async fn staf_desa(store: &Store, desa: &str) {
    for (u, peran) in [
        ("admin", Peran::Admin),
        ("operator", Peran::Operator),
        ("kades", Peran::Kades),
        ("bendahara", Peran::Bendahara),
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
}

/// Fills `desa` with the demo village of `penduduk` residents (seed 5) and its staff accounts.
pub async fn desa_demo(store: &Store, desa: &str, penduduk: usize) {
    store
        .isi_demo(
            &balai_store::demo::generate::DemoPlan {
                desa: balai_domain::KodeDesa::parse(desa).unwrap(),
                penduduk,
                seed: 5,
                hari_ini: store.hari_ini(balai_domain::ZonaWaktu::Wib),
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    staf_desa(store, desa).await;
}

/// A client logged in as a staff account made by `staf_desa`.
pub async fn masuk_staf(url: &str, username: &str) -> reqwest::Client {
    let c = klien();
    masuk_dengan(&c, url, username, SANDI).await;
    c
}

/// Logs `c` in through the login form (its CSRF token first), asserting success.
pub async fn masuk_dengan(c: &reqwest::Client, url: &str, username: &str, sandi: &str) {
    let token = csrf(c, &format!("{url}/masuk")).await;
    let r = c
        .post(format!("{url}/masuk"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", username),
            ("password", sandi),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
}

/// A complaint as a visitor files it on the village site.
pub fn pengaduan_uji() -> balai_store::pengaduan::PengaduanBaru {
    balai_store::pengaduan::PengaduanBaru {
        penduduk_id: None,
        nama_pelapor: "Pelapor Uji".into(),
        kontak: "081234567890".into(),
        kategori: "lainnya".into(),
        judul: "Lampu jalan padam".into(),
        isi: "Lampu jalan di RT 01 padam sejak kemarin.".into(),
        foto: None,
        kanal: "situs".into(),
    }
}

/// The operator issues a PIN through the resident's page and reads it off the slip.
pub async fn terbitkan_pin(url: &str, staf: &reqwest::Client, desa: &str, p: &Penduduk) -> String {
    let halaman = format!("{url}/desa/{desa}/penduduk/{}/pin", p.id);
    let token = csrf(staf, &halaman).await;
    let r = staf
        .post(&halaman)
        .form(&[("_csrf", token.as_str()), ("aksi", "terbitkan")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let html = r.text().await.unwrap();
    let i = html.find("id=\"pin-baru\">").expect("slip shows the PIN") + 14;
    html[i..i + 6].to_string()
}

/// Logs a resident in with an issued PIN and sets their own; returns the client.
pub async fn warga_siap(
    url: &str,
    staf: &reqwest::Client,
    desa: &str,
    p: &Penduduk,
    pin: &str,
) -> reqwest::Client {
    let sementara = terbitkan_pin(url, staf, desa, p).await;
    let c = klien();
    let r = c
        .post(format!("{}/warga/masuk", url))
        .form(&[("nik", p.nik.as_str()), ("pin", sementara.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/warga/ganti-pin");
    // Until the PIN is changed, every portal page leads to the change form.
    let r = c.get(format!("{}/warga/surat", url)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/warga/ganti-pin");
    let t = csrf(&c, &format!("{}/warga/ganti-pin", url)).await;
    let r = c
        .post(format!("{}/warga/ganti-pin", url))
        .form(&[("_csrf", t.as_str()), ("pin_baru", pin), ("pin_ulang", pin)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    c
}

/// A WhatsApp gateway run by a test: what it received, and the status it answers with.
#[derive(Clone, Default)]
pub struct Gateway {
    pub diterima: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    pub status: Arc<AtomicU16>,
}

async fn tangkap(State(g): State<Gateway>, h: HeaderMap, isi: Bytes) -> (Status, &'static str) {
    g.diterima
        .lock()
        .unwrap()
        .push((h, String::from_utf8_lossy(&isi).into_owned()));
    let s = Status::from_u16(g.status.load(Ordering::SeqCst)).unwrap();
    (s, "{\"messages\":[{\"id\":\"wamid.uji\"}]}")
}

/// A WhatsApp gateway on a free local port.
pub async fn gateway() -> (String, Gateway) {
    let g = Gateway::default();
    g.status.store(200, Ordering::SeqCst);
    let app = Router::new().fallback(any(tangkap)).with_state(g.clone());
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    (url, g)
}

/// A domicile letter request for the resident `nik`, as the counter files it.
pub async fn ajukan_domisili(op: &reqwest::Client, url: &str, desa: &str, nik: &str) {
    let t = csrf(
        op,
        &format!("{url}/desa/{desa}/surat/baru?jenis=keterangan_domisili"),
    )
    .await;
    let r = op
        .post(format!("{url}/desa/{desa}/surat/baru"))
        .form(&[
            ("_csrf", t.as_str()),
            ("jenis", "keterangan_domisili"),
            ("nik", nik),
            ("isian.keperluan", "Melamar pekerjaan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// Waits up to 20 seconds (a loaded CI machine) for the gateway to have received `n` requests.
pub async fn tunggu(g: &Gateway, n: usize) -> Vec<(HeaderMap, String)> {
    for _ in 0..400 {
        if g.diterima.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    g.diterima.lock().unwrap().clone()
}
