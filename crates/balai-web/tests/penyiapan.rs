//! The first-run setup wizard over HTTP: the login page leads to it on an empty install; a
//! wrong code, a bad village code or a weak password is refused with the typed fields kept
//! (never the passwords); a village is found by name; then the accounts log in and the wizard
//! is closed for good.

use crate::bersama::{klien, masuk_dengan, server, teks};
use balai_store::Store;
use reqwest::StatusCode;

const KODE: &str = "K7QM-3XPA-9RTW";
const SANDI: &str = "sandi-panjang-sekali";

fn isian<'a>(tambahan: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = vec![
        ("aksi", "simpan"),
        ("kode", "k7qm 3xpa 9rtw"),
        ("admin_username", "admin.donorejo"),
        ("admin_nama", "Siti Aminah"),
        ("admin_kata_sandi", SANDI),
        ("kades_username", "kades"),
        ("kades_nama", "Slamet Riyadi"),
        ("kades_kata_sandi", SANDI),
    ];
    v.extend_from_slice(tambahan);
    v
}

balai_testkit::tiap_backend!(penyiapan_pertama_lewat_peramban);
async fn penyiapan_pertama_lewat_peramban(b: &'static str, s: Store) {
    let (url, _henti) = server(
        s.clone(),
        balai_web::Setelan {
            kode_penyiapan: Some(KODE.into()),
            ..Default::default()
        },
    )
    .await;
    let c = klien();
    let r = c.get(format!("{url}/masuk")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(r.headers()["location"], "/penyiapan", "{b}");
    assert!(
        teks(&c, format!("{url}/penyiapan"))
            .await
            .contains("Kode penyiapan")
    );
    let kirim = |f: Vec<(&str, &str)>| c.post(format!("{url}/penyiapan")).form(&f).send();

    // Finding the village by name.
    let r = kirim(vec![("aksi", "cari"), ("cari", "donorejo")])
        .await
        .unwrap();
    let h = r.text().await.unwrap();
    assert!(
        h.contains("value=\"3325082004\"") && h.contains("Limpung, Kabupaten Batang"),
        "{b}: {h}"
    );
    let r = kirim(vec![("aksi", "cari"), ("cari", "do")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    // A wrong code: refused, nothing written, the name kept, the password not sent back.
    let mut f = isian(&[("desa", "3325082004")]);
    f[1] = ("kode", "AAAA-BBBB-CCCC");
    let r = kirim(f).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("Kode penyiapan salah")
            && h.contains("value=\"Siti Aminah\"")
            && !h.contains(SANDI),
        "{b}"
    );
    assert!(s.daftar_desa("").await.unwrap().is_empty(), "{b}");

    // A code that is not a village, a short password, the same user name twice.
    let r = kirim(vec![
        ("aksi", "simpan"),
        ("kode", KODE),
        ("desa_kode", "33.25.08"),
        ("admin_username", "kades"),
        ("admin_nama", "Siti Aminah"),
        ("admin_kata_sandi", "pendek"),
        ("kades_username", "kades"),
        ("kades_nama", "Slamet Riyadi"),
        ("kades_kata_sandi", SANDI),
    ])
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(h.contains("33.25.08"), "{b}: the code is named");
    assert!(h.contains("minimal 10 karakter"), "{b}");
    assert!(h.contains("sudah dipakai akun lain di formulir ini"), "{b}");
    assert!(s.perlu_penyiapan().await.unwrap(), "{b}: nothing written");
    assert!(s.daftar_desa("").await.unwrap().is_empty(), "{b}");

    // Done: the village is registered, the admin and the head of village log in.
    let r = kirim(isian(&[("desa", "3325082004")])).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("Penyiapan selesai") && h.contains("Desa Donorejo"),
        "{b}: {h}"
    );
    assert!(h.contains("/desa/3325082004/profil"), "{b}: the next steps");
    let admin = klien();
    masuk_dengan(&admin, &url, "admin.donorejo", SANDI).await;
    let r = admin
        .get(format!("{url}/desa/3325082004/pengguna"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "{b}: the admin manages the village's accounts"
    );
    let p = s.pengguna_by_username("kades").await.unwrap().unwrap();
    assert_eq!(p.peran, "kades", "{b}");

    // A second visit, and a second submission with the right code: refused.
    let r = c.get(format!("{url}/penyiapan")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert!(r.text().await.unwrap().contains("sudah disiapkan"), "{b}");
    let r = kirim(isian(&[("desa", "3325082005")])).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert_eq!(s.daftar_desa("").await.unwrap().len(), 1, "{b}");
    let r = c.get(format!("{url}/masuk")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}: the login page is back");
}

balai_testkit::tiap_backend!(penyiapan_tertutup_tanpa_kode);
async fn penyiapan_tertutup_tanpa_kode(b: &'static str, s: Store) {
    // Started without a code (not by `balai serve`): the wizard says how to open it.
    let (url, _henti) = server(s, Default::default()).await;
    let r = klien()
        .get(format!("{url}/penyiapan"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert!(
        r.text().await.unwrap().contains("journalctl -u balai"),
        "{b}"
    );
    let r = klien()
        .post(format!("{url}/penyiapan"))
        .form(&isian(&[("desa", "3325082004")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
}
