//! Resident self-service over real HTTP on every store backend: PIN login and its limits,
//! one resident never reaching another's data, CSRF, uploads and hostile text, and the kiosk.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::demo::DemoPlan;
use balai_store::desa::ProfilDesa;
use balai_store::penduduk::{HIDUP, Penduduk, SaringPenduduk};
use balai_store::surat::{Penandatangan, TerbitkanSurat};
use balai_store::{Aktor, Store};
use bersama::{SANDI, csrf, klien, teks, warga_siap};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const DESA: &str = "3325082004";
/// A PNG of one pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn hari_ini() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Uji {
    url: String,
    store: Store,
    /// Living residents, each from a different family.
    warga: Vec<Penduduk>,
    _berhenti: tokio::sync::oneshot::Sender<()>,
}

async fn mulai(store: Store) -> Uji {
    store
        .isi_demo(
            &DemoPlan {
                desa: KodeDesa::parse(DESA).unwrap(),
                penduduk: 60,
                seed: 5,
                hari_ini: hari_ini(),
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let d = store.desa(DESA).await.unwrap().unwrap();
    store
        .ubah_profil_desa(
            DESA,
            d.versi,
            &ProfilDesa {
                nama: d.nama.clone(),
                alamat: d.alamat.clone(),
                kepala_desa: "Sutrisno".into(),
                telepon: d.telepon.clone(),
                email: d.email.clone(),
                kode_pos: d.kode_pos.clone(),
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    bersama::staf_desa(&store, DESA).await;
    let h = store
        .daftar_penduduk(
            DESA,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                batas: Some(60),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    let mut warga: Vec<Penduduk> = Vec::new();
    for r in h.isi {
        let p = store.penduduk(DESA, r.id).await.unwrap().unwrap();
        if p.keluarga_id.is_some() && !warga.iter().any(|w| w.keluarga_id == p.keluarga_id) {
            warga.push(p);
        }
    }
    assert!(warga.len() >= 3, "the demo has several families");
    let (url, tx) = bersama::server(store.clone(), balai_web::Setelan::default()).await;
    Uji {
        url,
        store,
        warga,
        _berhenti: tx,
    }
}

async fn masuk_staf(u: &Uji, username: &str) -> reqwest::Client {
    bersama::masuk_staf(&u.url, username).await
}

fn cookie_warga(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("balai_warga="))
        .map(|v| v.split(';').next().unwrap().to_string())
}

async fn masuk_warga(u: &Uji, nik: &str, pin: &str) -> reqwest::Response {
    klien()
        .post(format!("{}/warga/masuk", u.url))
        .form(&[("nik", nik), ("pin", pin)])
        .send()
        .await
        .unwrap()
}

balai_testkit::tiap_backend!(warga_masuk_mengajukan_surat_dan_mengunduh_pdf_yang_terbit);
async fn warga_masuk_mengajukan_surat_dan_mengunduh_pdf_yang_terbit(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[0];
    let c = warga_siap(&u.url, &staf, DESA, p, "482916").await;

    // A weak PIN is refused with the reason.
    let t = csrf(&c, &format!("{}/warga/ganti-pin", u.url)).await;
    let r = c
        .post(format!("{}/warga/ganti-pin", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("pin_lama", "482916"),
            ("pin_baru", "123456"),
            ("pin_ulang", "123456"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("berurutan"), "{b}");

    // Request a letter with an attachment.
    let form_url = format!("{}/warga/surat/baru/keterangan_penduduk", u.url);
    let t = csrf(&c, &form_url).await;
    let kirim = |lampiran: bool| {
        let mut f = Form::new()
            .text("_csrf", t.clone())
            .text("untuk", p.id.to_string())
            .text("isian.keperluan", "Melamar pekerjaan");
        if lampiran {
            f = f.part("lampiran", Part::bytes(PNG.to_vec()).file_name("ktp.png"));
        }
        c.post(&form_url).multipart(f).send()
    };
    let r = kirim(false).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Lampirkan foto"), "{b}");
    assert!(
        html.contains("Melamar pekerjaan"),
        "{b}: the form keeps what was typed"
    );
    let r = kirim(true).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let lokasi = r.headers()["location"].to_str().unwrap().to_string();
    let id: uuid::Uuid = lokasi
        .trim_start_matches("/warga/surat/")
        .trim_end_matches("?ok=surat")
        .parse()
        .unwrap();
    let sr = u.store.surat(DESA, id).await.unwrap().unwrap();
    assert_eq!(sr.kanal, "portal", "{b}");
    assert_eq!(sr.status, "diajukan", "{b}");
    assert_eq!(
        u.store.daftar_lampiran_surat(DESA, id).await.unwrap().len(),
        1,
        "{b}"
    );
    // No PDF before it is signed.
    let r = c
        .get(format!("{}/warga/surat/{id}/pdf", u.url))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), StatusCode::OK, "{b}");

    // The online request is in the operator's inbox.
    let html = teks(&staf, format!("{}/desa/{DESA}/kotak", u.url)).await;
    assert!(html.contains(&id.to_string()), "{b}");

    // Checked and signed by the village; the resident downloads the PDF.
    u.store
        .periksa_surat(DESA, id, None, &Aktor::pengguna("operator"))
        .await
        .unwrap();
    let mesin = std::sync::Arc::new(balai_pdf::Mesin::baru());
    u.store
        .terbitkan_surat(
            DESA,
            id,
            &TerbitkanSurat {
                penanda: Penandatangan {
                    nama: "SUTRISNO".into(),
                    jabatan: "Kepala Desa".into(),
                    atas_nama: String::new(),
                },
                url_dasar: "http://desa.test",
                versi: None,
            },
            &Aktor::pengguna("kades"),
            move |bahan| balai_web::render_surat(&mesin, bahan),
        )
        .await
        .unwrap();
    let r = c
        .get(format!("{}/warga/surat/{id}/pdf", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{b}");
    let html = teks(&c, format!("{}/warga/notifikasi", u.url)).await;
    assert!(
        html.contains("siap"),
        "{b}: the resident was told it is ready"
    );

    // The operator opened the record to issue the PIN: the resident sees it.
    let html = teks(&c, format!("{}/warga/akses", u.url)).await;
    assert!(html.contains("Petugas desa: operator"), "{b}");
}

balai_testkit::tiap_backend!(pin_salah_berulang_memperlambat_lalu_mengunci_dan_operator_membuka);
async fn pin_salah_berulang_memperlambat_lalu_mengunci_dan_operator_membuka(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[0];
    let _c = warga_siap(&u.url, &staf, DESA, p, "731594").await;

    // A NIK that does not exist and a wrong PIN get the same answer.
    let r = masuk_warga(&u, "3325080101900001", "731594").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{b}");
    let tak_ada = r.text().await.unwrap();
    let r = masuk_warga(&u, &p.nik, "000111").await;
    let salah = r.text().await.unwrap();
    assert!(salah.contains("NIK atau PIN salah"), "{b}");
    assert_eq!(
        tak_ada.replace("3325080101900001", "NIK"),
        salah.replace(&p.nik, "NIK"),
        "{b}: the answer does not reveal which NIKs exist"
    );

    for _ in 0..5 {
        masuk_warga(&u, &p.nik, "000111").await;
    }
    // Now even the right PIN is refused until the lock ends or is lifted.
    let r = masuk_warga(&u, &p.nik, "731594").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{b}");
    assert!(
        r.text().await.unwrap().contains("Terlalu banyak percobaan"),
        "{b}"
    );
    let akun = u.store.akun_warga(DESA, p.id).await.unwrap().unwrap();
    assert!(akun.terkunci(u.store.sekarang()), "{b}");

    let halaman = format!("{}/desa/{DESA}/penduduk/{}/pin", u.url, p.id);
    assert!(
        teks(&staf, &halaman).await.contains("Akun sedang terkunci"),
        "{b}"
    );
    let t = csrf(&staf, &halaman).await;
    let r = staf
        .post(&halaman)
        .form(&[("_csrf", t.as_str()), ("aksi", "buka_kunci")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r = masuk_warga(&u, &p.nik, "731594").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}: unlocked");
    assert_eq!(r.headers()["location"], "/warga", "{b}");
}

balai_testkit::tiap_backend!(sesi_baru_setiap_masuk_dan_keluar_dari_semua_perangkat);
async fn sesi_baru_setiap_masuk_dan_keluar_dari_semua_perangkat(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[1];
    let ponsel = warga_siap(&u.url, &staf, DESA, p, "650283").await;
    let r1 = masuk_warga(&u, &p.nik, "650283").await;
    let r2 = masuk_warga(&u, &p.nik, "650283").await;
    let (c1, c2) = (cookie_warga(&r1).unwrap(), cookie_warga(&r2).unwrap());
    assert_ne!(c1, c2, "{b}: every login gets a new session id");
    assert!(c1.contains("balai_warga="), "{b}");
    assert!(
        r1.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("HttpOnly"),
        "{b}"
    );

    let t = csrf(&ponsel, &format!("{}/warga", u.url)).await;
    let r = ponsel
        .post(format!("{}/warga/keluar-semua", u.url))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    // The other sessions ended too.
    let lain = klien();
    let r = lain
        .get(format!("{}/warga", u.url))
        .header("cookie", &c2)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/warga/masuk", "{b}");
}

balai_testkit::tiap_backend!(warga_a_tidak_pernah_mencapai_data_atau_surat_warga_b);
async fn warga_a_tidak_pernah_mencapai_data_atau_surat_warga_b(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let (pa, pb) = (&u.warga[0], &u.warga[1]);
    let a = warga_siap(&u.url, &staf, DESA, pa, "804715").await;
    let wb = warga_siap(&u.url, &staf, DESA, pb, "392018").await;

    // B files a letter request and a complaint with a photo.
    let form_url = format!("{}/warga/surat/baru/keterangan_penduduk", u.url);
    let t = csrf(&wb, &form_url).await;
    let r = wb
        .post(&form_url)
        .multipart(
            Form::new()
                .text("_csrf", t.clone())
                .text("isian.keperluan", "Bank")
                .part("lampiran", Part::bytes(PNG.to_vec()).file_name("kk.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let surat_b = r.headers()["location"].to_str().unwrap().to_string();
    let surat_b = surat_b.trim_end_matches("?ok=surat").to_string();
    let t = csrf(&wb, &format!("{}/warga/pengaduan/baru", u.url)).await;
    let r = wb
        .post(format!("{}/warga/pengaduan/baru", u.url))
        .multipart(
            Form::new()
                .text("_csrf", t)
                .text("kategori", "infrastruktur")
                .text("judul", "Jalan rusak")
                .text("isi", "Jalan di depan rumah berlubang sejak bulan lalu.")
                .part("foto", Part::bytes(PNG.to_vec()).file_name("jalan.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let aduan_b = r.headers()["location"].to_str().unwrap().to_string();
    let aduan_b = aduan_b.trim_end_matches("?ok=pengaduan").to_string();
    // The photo is kept as re-encoded pixels (a JPEG), never the uploaded bytes.
    let r = wb
        .get(format!("{}{aduan_b}/foto", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert_eq!(r.headers()["content-type"], "image/jpeg", "{b}");
    assert_ne!(r.bytes().await.unwrap().as_ref(), PNG, "{b}");

    // A changes ids in URLs: nothing of B's is reachable.
    for jalur in [
        surat_b.clone(),
        format!("{surat_b}/pdf"),
        aduan_b.clone(),
        format!("{aduan_b}/foto"),
    ] {
        let r = a.get(format!("{}{jalur}", u.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}: {jalur}");
    }
    let t = csrf(&a, &format!("{}/warga/pengaduan/baru", u.url)).await;
    let r = a
        .post(format!("{}{aduan_b}/balas", u.url))
        .form(&[("_csrf", t.as_str()), ("isi", "bukan milik saya")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    // A letter for B's id from A's account is refused.
    let t = csrf(&a, &form_url).await;
    let r = a
        .post(&form_url)
        .multipart(
            Form::new()
                .text("_csrf", t)
                .text("untuk", pb.id.to_string())
                .text("isian.keperluan", "Bank")
                .part("lampiran", Part::bytes(PNG.to_vec()).file_name("kk.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    // A's pages show nothing of B.
    for jalur in ["/warga/surat", "/warga/pengaduan", "/warga/data"] {
        let html = teks(&a, format!("{}{jalur}", u.url)).await;
        assert!(!html.contains(&pb.nama), "{b}: {jalur}");
        assert!(!html.contains(&pb.nik), "{b}: {jalur}");
    }
    // A resident's session opens no staff page.
    let r = a
        .get(format!("{}/desa/{DESA}/penduduk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/masuk", "{b}");
}

balai_testkit::tiap_backend!(csrf_unggahan_dan_teks_berbahaya_pada_pengaduan);
async fn csrf_unggahan_dan_teks_berbahaya_pada_pengaduan(b: &'static str, s: balai_store::Store) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[2];
    let c = warga_siap(&u.url, &staf, DESA, p, "915372").await;

    // Without the CSRF token nothing changes.
    let r = c
        .post(format!("{}/warga/data/permintaan", u.url))
        .form(&[
            ("jenis", "perbaikan"),
            ("kolom", "nama"),
            ("nilai_baru", "X"),
            ("alasan", "salah ketik"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let r = c
        .post(format!("{}/warga/pengaduan/baru", u.url))
        .multipart(
            Form::new()
                .text("kategori", "lainnya")
                .text("judul", "x")
                .text("isi", "tanpa token sama sekali"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    let aduan = |judul: &'static str, isi: String, foto: Option<Vec<u8>>| {
        let c = c.clone();
        let url = u.url.clone();
        async move {
            let t = csrf(&c, &format!("{url}/warga/pengaduan/baru")).await;
            let mut f = Form::new()
                .text("_csrf", t)
                .text("kategori", "lainnya")
                .text("judul", judul)
                .text("isi", isi);
            if let Some(x) = foto {
                f = f.part("foto", Part::bytes(x).file_name("foto.png"));
            }
            c.post(format!("{url}/warga/pengaduan/baru"))
                .multipart(f)
                .send()
                .await
                .unwrap()
        }
    };
    // Not an image, and too large: refused, naming the field.
    let r = aduan(
        "Foto palsu",
        "Isi pengaduan yang cukup panjang.".into(),
        Some(b"<svg onload=alert(1)></svg>".to_vec()),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Foto harus berkas JPEG atau PNG"),
        "{b}"
    );
    let mut besar = PNG.to_vec();
    besar.resize(6 * 1024 * 1024, 0);
    let r = aduan(
        "Foto besar",
        "Isi pengaduan yang cukup panjang.".into(),
        Some(besar),
    )
    .await;
    assert_ne!(r.status(), StatusCode::SEE_OTHER, "{b}");
    // 5,001 characters are refused; 5,000 with HTML are kept and shown as text.
    let r = aduan("Terlalu panjang", "a".repeat(5001), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text().await.unwrap().contains("paling panjang 5000"),
        "{b}"
    );
    let jahat = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let isi = format!("{jahat}{}", "b".repeat(5000 - jahat.chars().count()));
    assert_eq!(isi.chars().count(), 5000);
    let r = aduan("<b>Judul</b>", isi.clone(), None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let lokasi = r.headers()["location"].to_str().unwrap().to_string();
    let html = teks(&c, format!("{}{lokasi}", u.url)).await;
    assert!(!html.contains("<script>alert"), "{b}");
    assert!(html.contains("&#60;script&#62;alert"), "{b}");
    assert!(html.contains("&#60;b&#62;Judul&#60;/b&#62;"), "{b}");
    let id: uuid::Uuid = lokasi
        .trim_start_matches("/warga/pengaduan/")
        .trim_end_matches("?ok=pengaduan")
        .parse()
        .unwrap();
    let simpan = u.store.pengaduan(DESA, id).await.unwrap().unwrap();
    assert_eq!(simpan.isi, isi, "{b}: stored exactly");

    // The operator's reply changes the status and reaches the resident.
    let halaman = format!("{}/desa/{DESA}/pengaduan/{id}", u.url);
    let html = teks(&staf, &halaman).await;
    assert!(
        html.contains("&#60;script&#62;alert"),
        "{b}: the operator sees text too"
    );
    let t = csrf(&staf, &halaman).await;
    let r = staf
        .post(format!("{halaman}/balas"))
        .form(&[
            ("_csrf", t.as_str()),
            ("isi", "Sudah kami teruskan ke Kadus."),
            ("status", "selesai"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = teks(&c, format!("{}{lokasi}", u.url)).await;
    assert!(html.contains("Sudah kami teruskan ke Kadus."), "{b}");
    assert!(html.contains("Selesai"), "{b}");
    let notif = u.store.notifikasi_warga(DESA, p.id, 20).await.unwrap();
    assert!(
        notif.iter().any(|n| n.peristiwa == "pengaduan_dibalas"),
        "{b}"
    );
}

balai_testkit::tiap_backend!(permintaan_perbaikan_diterima_menjadi_peristiwa_koreksi);
async fn permintaan_perbaikan_diterima_menjadi_peristiwa_koreksi(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[0];
    let c = warga_siap(&u.url, &staf, DESA, p, "264810").await;
    let t = csrf(&c, &format!("{}/warga/data", u.url)).await;
    // Deleting registry data is refused with the reason; the form keeps the input.
    let r = c
        .post(format!("{}/warga/data/permintaan", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("jenis", "hapus"),
            ("kolom", "nama"),
            ("alasan", "tidak mau"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text().await.unwrap().contains("wajib disimpan desa"),
        "{b}"
    );
    let r = c
        .post(format!("{}/warga/data/permintaan", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("jenis", "perbaikan"),
            ("kolom", "tempat_lahir"),
            ("nilai_baru", "Pekalongan"),
            ("alasan", "salah ketik, sesuai akta lahir"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r0 = u
        .store
        .daftar_permintaan_data(DESA, None, "diajukan")
        .await
        .unwrap();
    assert_eq!(r0.len(), 1, "{b}");
    let kotak = format!("{}/desa/{DESA}/kotak", u.url);
    let t = csrf(&staf, &kotak).await;
    let r = staf
        .post(format!(
            "{}/desa/{DESA}/permintaan-data/{}",
            u.url, r0[0].id
        ))
        .form(&[
            ("_csrf", t.as_str()),
            ("keputusan", "terima"),
            ("catatan", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let baru = u.store.penduduk(DESA, p.id).await.unwrap().unwrap();
    assert_eq!(baru.tempat_lahir, "Pekalongan", "{b}");
    let riwayat = u.store.riwayat_penduduk(DESA, p.id).await.unwrap();
    assert!(riwayat.iter().any(|e| e.jenis == "koreksi"), "{b}");
}

balai_testkit::tiap_backend!(
    anjungan_hanya_untuk_perangkat_terdaftar_dan_tidak_keluar_dari_anjungan
);
async fn anjungan_hanya_untuk_perangkat_terdaftar_dan_tidak_keluar_dari_anjungan(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    let staf = masuk_staf(&u, "operator").await;
    let p = &u.warga[0];
    let _ponsel = warga_siap(&u.url, &staf, DESA, p, "570394").await;
    // A KTP-el application made at the counter, to follow at the kiosk.
    let ktp = balai_domain::adminduk::JenisAdminduk::KtpBaru;
    let (_, nomor_ktp) = u
        .store
        .adminduk()
        .ajukan(
            DESA,
            &balai_store::adminduk::PermohonanBaru {
                jenis: ktp,
                pemohon_id: p.id,
                subjek_id: Some(p.id),
                isian: Default::default(),
                persetujuan: true,
                kanal: "loket".into(),
            },
            &[balai_store::adminduk::LampiranBaru {
                syarat: "kk",
                nama: "kk.pdf",
                isi: b"%PDF-1.4 kk",
            }],
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();

    let kios = klien();
    let r = kios
        .get(format!("{}/anjungan", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "{b}: an unregistered browser gets no kiosk"
    );
    let r = kios
        .get(format!("{}/anjungan/masuk", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    // An operator may not register kiosks; the admin does it from the kiosk's browser.
    let halaman = format!("{}/desa/{DESA}/anjungan", u.url);
    let r = staf.get(&halaman).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    bersama::masuk_dengan(&kios, &u.url, "admin", SANDI).await;
    let t = csrf(&kios, &halaman).await;
    let r = kios
        .post(&halaman)
        .form(&[("_csrf", t.as_str()), ("nama", "Anjungan balai desa")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(r.headers()["location"], "/anjungan", "{b}");
    let r = kios
        .get(format!("{}/anjungan", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(r.text().await.unwrap().contains("Standar pelayanan"), "{b}");
    // The kiosk holds no staff rights and never leaves the kiosk.
    for jalur in ["/masuk", "/", &format!("/desa/{DESA}/penduduk"), "/warga"] {
        let r = kios.get(format!("{}{jalur}", u.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}: {jalur}");
        assert_eq!(r.headers()["location"], "/anjungan", "{b}: {jalur}");
    }

    // Login, then a type issued at once, then one that gets a queue ticket.
    let r = kios
        .post(format!("{}/anjungan/masuk", u.url))
        .form(&[("nik", p.nik.as_str()), ("pin", "570394")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(r.headers()["location"], "/anjungan/menu", "{b}");
    // The kiosk menu shows the resident's civil registration application and its status.
    let menu = teks(&kios, format!("{}/anjungan/menu", u.url)).await;
    assert!(
        menu.contains(&nomor_ktp) && menu.contains("Diajukan, diperiksa desa"),
        "{b}"
    );
    let t = csrf(
        &kios,
        &format!("{}/anjungan/surat/keterangan_penduduk", u.url),
    )
    .await;
    let r = kios
        .post(format!("{}/anjungan/surat/keterangan_penduduk", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("isian.keperluan", "Pendaftaran sekolah anak"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let cetak = r.headers()["location"].to_str().unwrap().to_string();
    assert!(cetak.starts_with("/anjungan/cetak/"), "{b}: {cetak}");
    let r = kios
        .get(format!("{}{cetak}/pdf", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert_eq!(r.headers()["x-frame-options"], "SAMEORIGIN", "{b}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{b}");
    // Once the letter is in the print frame, the kiosk session is over.
    let r = kios
        .get(format!("{}/anjungan/menu", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/anjungan", "{b}");
    let r = kios
        .post(format!("{}/anjungan/masuk", u.url))
        .form(&[("nik", p.nik.as_str()), ("pin", "570394")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");

    let t = csrf(&kios, &format!("{}/anjungan/surat/keterangan_usaha", u.url)).await;
    let r = kios
        .post(format!("{}/anjungan/surat/keterangan_usaha", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("isian.nama_usaha", "Warung Makan Sederhana"),
            ("isian.keperluan", "Kredit usaha"),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status();
    let lokasi = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "{b}: {}",
        r.text().await.unwrap()
    );
    assert!(lokasi.starts_with("/anjungan/tiket/"), "{b}");
    let html = teks(&kios, format!("{}{lokasi}", u.url)).await;
    assert!(
        html.contains("A-002"),
        "{b}: second kiosk request of the day"
    );

    // The ticket ends the kiosk session; personal kiosk pages are never cached.
    let r = kios
        .get(format!("{}/anjungan/menu", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/anjungan", "{b}");
    let r = kios
        .get(format!("{}/anjungan", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store", "{b}");

    // A revoked kiosk is a kiosk no more.
    let a = u.store.daftar_anjungan(DESA).await.unwrap();
    u.store
        .cabut_anjungan(DESA, a[0].id, &Aktor::pengguna("admin"))
        .await
        .unwrap();
    let r = kios
        .get(format!("{}/anjungan", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    // ... and still cannot reach the rest of the site.
    let r = kios.get(format!("{}/masuk", u.url)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/anjungan", "{b}");
}

balai_testkit::tiap_backend!(api_pengaduan_dan_permohonan_daring_dengan_token);
async fn api_pengaduan_dan_permohonan_daring_dengan_token(b: &'static str, s: balai_store::Store) {
    use balai_store::pengaduan::PengaduanBaru;
    use serde_json::{Value, json};
    let u = mulai(s).await;
    let p = &u.warga[0];
    let (id, kode) = u
        .store
        .ajukan_pengaduan(
            DESA,
            &PengaduanBaru {
                penduduk_id: Some(p.id),
                nama_pelapor: p.nama.clone(),
                kontak: "0812".into(),
                kategori: "infrastruktur".into(),
                judul: "Jembatan retak".into(),
                isi: "Jembatan di dusun retak di bagian tengah.".into(),
                kanal: "portal".into(),
                ..Default::default()
            },
            &Aktor::warga(p.id),
        )
        .await
        .unwrap();
    let admin = u
        .store
        .pengguna_by_username("admin")
        .await
        .unwrap()
        .unwrap();
    let (_, baca) = u
        .store
        .buat_token_api(
            "Kecamatan",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let (_, tulis) = u
        .store
        .buat_token_api(
            "Aplikasi desa",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let api = format!("{}/api/v1/desa/{DESA}", u.url);

    let v: Value = c
        .get(format!("{api}/pengaduan?status=baru"))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["data"][0]["kode_lacak"], kode.as_str(), "{b}");
    assert_eq!(v["jumlah"]["baru"], 1, "{b}");
    // A read-only token sees no reporter's name or contact, and may not reply.
    assert!(v["data"][0]["pelapor"].is_null(), "{b}");
    let r = c
        .post(format!("{api}/pengaduan/{id}/balasan"))
        .bearer_auth(&baca)
        .json(&json!({ "isi": "Ditangani." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let r = c
        .get(format!("{api}/pengaduan?status=entah"))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{b}");

    let r = c
        .post(format!("{api}/pengaduan/{id}/balasan"))
        .bearer_auth(&tulis)
        .json(&json!({ "isi": "", "status": "selesai" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let r = c
        .post(format!("{api}/pengaduan/{id}/balasan"))
        .bearer_auth(&tulis)
        .json(&json!({ "isi": "Sudah diperbaiki oleh PU.", "status": "selesai" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{b}");
    let v: Value = c
        .get(format!("{api}/pengaduan/{id}"))
        .bearer_auth(&tulis)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["status"], "selesai", "{b}");
    assert_eq!(v["balasan"][0]["isi"], "Sudah diperbaiki oleh PU.", "{b}");
    assert_eq!(v["pelapor"]["nama"], p.nama.as_str(), "{b}");
    assert_eq!(v["balasan"][0]["petugas"], "api:Aplikasi desa", "{b}");
    let v: Value = c
        .get(format!("{api}/pengaduan/{id}"))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(v["balasan"][0]["petugas"].is_null(), "{b}");
    assert!(
        !v.to_string().contains(&p.id.to_string()),
        "{b}: no resident id to a read token"
    );
    assert!(v["pelapor"].is_null(), "{b}");

    let v: Value = c
        .get(format!("{api}/permohonan-daring"))
        .bearer_auth(&baca)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(v["data"].is_array(), "{b}");
    assert_eq!(v["jumlah"]["pengaduan_baru"], 0, "{b}");
}

balai_testkit::tiap_backend!(di_portal_orang_lain_pada_surat_hanya_anggota_keluarga);
async fn di_portal_orang_lain_pada_surat_hanya_anggota_keluarga(
    b: &'static str,
    s: balai_store::Store,
) {
    let u = mulai(s).await;
    // The village opens a type with another person to residents.
    let j = u
        .store
        .jenis_surat(DESA, "pengantar_rujuk_atau_cerai")
        .await
        .unwrap()
        .unwrap();
    let mut jenis = j.jenis.clone();
    jenis.bisa_diminta_warga = true;
    u.store
        .simpan_jenis_surat(
            DESA,
            &jenis,
            &j.format_nomor,
            true,
            Some(j.versi),
            &Aktor::pengguna("admin"),
        )
        .await
        .unwrap();
    let staf = masuk_staf(&u, "operator").await;
    let (pa, pb) = (&u.warga[0], &u.warga[1]);
    let a = warga_siap(&u.url, &staf, DESA, pa, "804715").await;
    let form_url = format!("{}/warga/surat/baru/pengantar_rujuk_atau_cerai", u.url);
    let t = csrf(&a, &form_url).await;
    // Someone of another family, and a NIK that does not exist: the same answer.
    let mut jawaban = Vec::new();
    for nik in [pb.nik.as_str(), "3325080101900001"] {
        let r = a
            .post(&form_url)
            .multipart(
                Form::new()
                    .text("_csrf", t.clone())
                    .text("orang.pasangan", nik.to_string())
                    .part("lampiran", Part::bytes(PNG.to_vec()).file_name("kk.png")),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let html = r.text().await.unwrap();
        assert!(html.contains("hanya anggota keluarga Anda"), "{b}");
        jawaban.push(html.replace(nik, "NIK"));
    }
    assert_eq!(
        jawaban[0], jawaban[1],
        "{b}: nothing tells whether the NIK exists"
    );
}

fn produk(t: &str, nama: &str, harga: &str) -> Form {
    Form::new()
        .text("_csrf", t.to_string())
        .text("nama", nama.to_string())
        .text("kategori", "makanan")
        .text("harga", harga.to_string())
        .text("satuan", "per bungkus")
        .text("stok", "tersedia")
        .text("uraian", "Digoreng <b>hari ini</b>.")
        .text("nama_penjual", "Dapur Bu Sri")
        .text("kontak", "081234567001")
}

balai_testkit::tiap_backend!(
    produk_lapak_warga_tampil_setelah_disetujui_dan_hanya_pemiliknya_yang_mengubah
);
async fn produk_lapak_warga_tampil_setelah_disetujui_dan_hanya_pemiliknya_yang_mengubah(
    b: &'static str,
    store: balai_store::Store,
) {
    let u = mulai(store).await;
    let staf = masuk_staf(&u, "operator").await;
    let a = warga_siap(&u.url, &staf, DESA, &u.warga[0], "518273").await;
    let lain = warga_siap(&u.url, &staf, DESA, &u.warga[1], "627384").await;
    let publik = klien();
    let lapak = format!("{}/desa/donorejo/lapak", u.url);

    // A price in words is refused on its field, and what was typed stays.
    let t = csrf(&a, &format!("{}/warga/lapak/baru", u.url)).await;
    let r = a
        .post(format!("{}/warga/lapak/baru", u.url))
        .multipart(produk(&t, "Keripik pisang", "lima ribu"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Harga ditulis dalam rupiah"), "{b}");
    assert!(html.contains("value=\"Keripik pisang\""), "{b}");
    // Without the form's token nothing is stored.
    let r = a
        .post(format!("{}/warga/lapak/baru", u.url))
        .multipart(produk("salah", "Keripik pisang", "12000"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");

    let r = a
        .post(format!("{}/warga/lapak/baru", u.url))
        .multipart(
            produk(&t, "Keripik pisang", "Rp 12.000")
                .part("gambar", Part::bytes(PNG.to_vec()).file_name("keripik.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let daftar = u
        .store
        .daftar_produk(DESA, Some(u.warga[0].id), "")
        .await
        .unwrap();
    assert_eq!(daftar.len(), 1, "{b}");
    let p = &daftar[0];
    assert_eq!((p.status.as_str(), p.harga), ("menunggu", 12000), "{b}");
    assert!(p.gambar.is_some(), "{b}");

    // The operator's inbox counts it.
    let kotak = teks(&staf, format!("{}/desa/{DESA}/kotak", u.url)).await;
    assert!(
        kotak.contains("<strong>1</strong> produk lapak menunggu pemeriksaan"),
        "{b}"
    );
    // Waiting for approval: not on the site, not by its own address either.
    let html = teks(&publik, &lapak).await;
    assert!(!html.contains("Keripik pisang"), "{b}");
    let r = publik
        .get(format!("{lapak}/{}", p.token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");

    // Another resident can neither open, change nor withdraw it.
    let r = lain
        .get(format!("{}/warga/lapak/{}", u.url, p.id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    let t_lain = csrf(&lain, &format!("{}/warga/lapak/baru", u.url)).await;
    let r = lain
        .post(format!("{}/warga/lapak/{}", u.url, p.id))
        .multipart(produk(&t_lain, "Diambil alih", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    let r = lain
        .post(format!("{}/warga/lapak/{}/tarik", u.url, p.id))
        .form(&[("_csrf", t_lain.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    let sekarang = u.store.produk(DESA, p.id).await.unwrap().unwrap();
    assert_eq!(
        (sekarang.nama.as_str(), sekarang.status.as_str()),
        ("Keripik pisang", "menunggu"),
        "{b}"
    );

    // A rejection needs a reason; the seller reads it.
    let halaman = format!("{}/desa/{DESA}/lapak", u.url);
    let ts = csrf(&staf, &halaman).await;
    let periksa = format!("{halaman}/{}/periksa", p.id);
    let r = staf
        .post(&periksa)
        .form(&[("_csrf", ts.as_str()), ("aksi", "tolak"), ("alasan", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("alasan penolakan"), "{b}");
    let r = staf
        .post(&periksa)
        .form(&[
            ("_csrf", ts.as_str()),
            ("aksi", "tolak"),
            ("alasan", "Foto kurang jelas"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = teks(&a, format!("{}/warga/lapak", u.url)).await;
    assert!(html.contains("Foto kurang jelas"), "{b}");
    // …and is told so among the portal notifications.
    let html = teks(&a, format!("{}/warga/notifikasi", u.url)).await;
    assert!(html.contains("Produk lapak ditolak"), "{b}");
    assert!(html.contains("Alasan: Foto kurang jelas"), "{b}");

    // Approved: listed, searchable, with WhatsApp link; its text shown as text.
    let r = staf
        .post(&periksa)
        .form(&[("_csrf", ts.as_str()), ("aksi", "setujui")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let html = teks(&publik, format!("{lapak}?q=pisang&kategori=makanan")).await;
    assert!(html.contains("Keripik pisang"), "{b}");
    assert!(html.contains("Rp 12.000"), "{b}");
    let html = teks(&publik, format!("{lapak}?q=batik")).await;
    assert!(!html.contains("Keripik pisang"), "{b}");
    let html = teks(&publik, format!("{lapak}/{}", p.token)).await;
    assert!(html.contains("https://wa.me/6281234567001"), "{b}");
    assert!(
        html.contains("&lt;b&gt;hari ini") || html.contains("&#60;b&#62;"),
        "{b}"
    );

    // A change by the seller goes back to the operator before the site shows it.
    let t = csrf(&a, &format!("{}/warga/lapak/{}", u.url, p.id)).await;
    let r = a
        .post(format!("{}/warga/lapak/{}", u.url, p.id))
        .multipart(produk(&t, "Keripik pisang pedas", "13000"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let p2 = u.store.produk(DESA, p.id).await.unwrap().unwrap();
    assert_eq!(p2.status, "menunggu", "{b}");
    assert_eq!(p2.gambar, p.gambar, "{b}: the photo is kept");
    let r = publik
        .get(format!("{lapak}/{}", p.token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");

    // The seller withdraws it.
    let r = a
        .post(format!("{}/warga/lapak/{}/tarik", u.url, p.id))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let p3 = u.store.produk(DESA, p.id).await.unwrap().unwrap();
    assert_eq!(p3.status, "ditarik", "{b}");
}

balai_testkit::tiap_backend!(warga_mengusulkan_kegiatan_dan_melihat_keputusan_musyawarah);
async fn warga_mengusulkan_kegiatan_dan_melihat_keputusan_musyawarah(
    b: &'static str,
    store: balai_store::Store,
) {
    let u = mulai(store).await;
    let staf = masuk_staf(&u, "operator").await;
    let a = warga_siap(&u.url, &staf, DESA, &u.warga[0], "518273").await;
    let lain = warga_siap(&u.url, &staf, DESA, &u.warga[1], "627384").await;
    let alamat = format!("{}/warga/usulan", u.url);
    let t = csrf(&a, &alamat).await;
    let r = a
        .post(&alamat)
        .form(&[
            ("_csrf", t.as_str()),
            ("judul", ""),
            ("lokasi", "RT 02"),
            ("bidang", "2"),
            ("perkiraan_biaya", "sepuluh juta"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Judul usulan wajib diisi")
            && html.contains("Perkiraan biaya ditulis dalam rupiah"),
        "{b}"
    );
    assert!(html.contains("value=\"RT 02\""), "{b}");
    let r = a
        .post(&alamat)
        .form(&[
            ("_csrf", t.as_str()),
            ("judul", "Lampu jalan RT 02"),
            ("lokasi", "RT 02"),
            ("bidang", "2"),
            ("perkiraan_biaya", "12.500.000"),
            ("penerima_manfaat", "80"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert!(teks(&a, &alamat).await.contains("Lampu jalan RT 02"), "{b}");
    assert!(
        !teks(&lain, &alamat).await.contains("Lampu jalan RT 02"),
        "{b}: only one's own proposals"
    );
    // The operator sees it in next year's planning, under the resident's name.
    let tahun = chrono::Datelike::year(&u.store.hari_ini(balai_domain::ZonaWaktu::Wib)) + 1;
    let rencana = teks(
        &staf,
        format!("{}/desa/{DESA}/perencanaan?tahun={tahun}", u.url),
    )
    .await;
    assert!(
        rencana.contains("Lampu jalan RT 02") && rencana.contains(&u.warga[0].nama),
        "{b}"
    );
    assert!(rencana.contains("Menunggu musyawarah"), "{b}");
}

balai_testkit::tiap_backend!(permintaan_kode_aktivasi_tidak_membuka_keberadaan_nik);
/// Asking for an activation code answers the same, as fast, for a NIK with a phone and for an
/// unknown one: the lookup, argon2 and queueing run after the answer.
async fn permintaan_kode_aktivasi_tidak_membuka_keberadaan_nik(b: &'static str, s: Store) {
    let u = mulai(s).await;
    let p = &u.warga[0];
    let mut d = p.data().unwrap();
    d.telepon = "081234567890".into();
    u.store
        .ubah_penduduk(DESA, p.id, p.versi, &d, &Aktor::sistem())
        .await
        .unwrap();
    let c = klien();
    let minta = |nik: String| {
        let c = c.clone();
        let url = format!("{}/warga/aktivasi", u.url);
        async move {
            let r = c
                .post(url)
                .form(&[("nik", nik.as_str())])
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap().replace(&nik, "NIK"))
        }
    };
    let ada = minta(p.nik.clone()).await;
    let tidak = minta("3325089912990001".into()).await;
    assert_eq!(ada.0, StatusCode::OK, "{b}");
    assert_eq!(
        ada, tidak,
        "{b}: same answer for a NIK that exists and one that does not"
    );
    // The code is still made for the real resident, just after the answer.
    let mut dibuat = false;
    for _ in 0..50 {
        dibuat = u
            .store
            .akun_warga(DESA, p.id)
            .await
            .unwrap()
            .is_some_and(|a| a.kode_hash.is_some());
        if dibuat {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(dibuat, "{b}: a code was made for the resident with a phone");
}
