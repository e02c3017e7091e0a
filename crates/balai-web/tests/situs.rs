//! The public village website over real HTTP on both databases: every public page is crawled
//! for personal data, uploads and article HTML are made safe, the complaint box reaches the
//! operator, and a district shows each of its villages.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::demo::DemoPlan;
use balai_store::penduduk::SaringPenduduk;
use balai_store::pengaduan::SaringPengaduan;
use balai_store::{Aktor, Store};
use bersama::{csrf, klien, masuk_staf, server, staf_desa, teks};
use reqwest::StatusCode;
use std::collections::BTreeSet;

const DESA: &str = "3325082004";

async fn isi(s: &Store, desa: &str, n: usize) {
    s.isi_demo(
        &DemoPlan {
            desa: KodeDesa::parse(desa).unwrap(),
            penduduk: n,
            seed: 7,
            hari_ini: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.isi_situs_demo(desa).await.unwrap();
}

/// Every address a visitor can reach from the site: the sitemap, the data files, filters.
async fn alamat_publik(c: &reqwest::Client, url: &str, dasar: &str) -> BTreeSet<String> {
    let mut a: BTreeSet<String> = BTreeSet::new();
    let peta = teks(c, format!("{url}{dasar}/sitemap.xml")).await;
    for bagian in peta.split("<loc>").skip(1) {
        let loc = &bagian[..bagian.find("</loc>").unwrap()];
        a.insert(loc.trim_start_matches(url).to_string());
    }
    let katalog: serde_json::Value = c
        .get(format!("{url}{dasar}/data.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for d in katalog["dataset"].as_array().unwrap() {
        for f in d["distribution"].as_array().unwrap() {
            a.insert(
                f["downloadURL"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches(url)
                    .to_string(),
            );
        }
    }
    for j in [
        "jenis-kelamin",
        "umur",
        "pendidikan",
        "pekerjaan",
        "agama",
        "status-kawin",
        "dusun",
    ] {
        a.insert(format!("{dasar}/statistik?jenis={j}"));
    }
    for j in ["umkm", "wisata", "fasilitas"] {
        a.insert(format!("{dasar}/potensi?jenis={j}"));
    }
    a.insert(format!("{dasar}/rss.xml"));
    a.insert(format!("{dasar}/data.json"));
    a.insert("/".into());
    a.insert("/data.json".into());
    a
}

fn enam_belas_digit(teks: &str) -> Option<String> {
    let b = teks.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = (i..b.len())
                .find(|&j| !b[j].is_ascii_digit())
                .unwrap_or(b.len());
            if j - i >= 16 {
                return Some(teks[i..j].to_string());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// A mobile number (08…, +628…, 628…) of at least 10 digits.
fn telepon_seluler(teks: &str) -> Option<String> {
    let angka: String = teks
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || c == '+' {
                c
            } else {
                ' '
            }
        })
        .collect();
    angka
        .split_whitespace()
        .find(|t| {
            let t = t.trim_start_matches('+');
            (t.starts_with("08") || t.starts_with("628")) && (10..=15).contains(&t.len())
        })
        .map(str::to_string)
}

balai_testkit::tiap_backend!(tidak_ada_data_pribadi_di_halaman_dan_data_terbuka);
async fn tidak_ada_data_pribadi_di_halaman_dan_data_terbuka(
    b: &'static str,
    s: balai_store::Store,
) {
    isi(&s, DESA, 300).await;
    let hari_ini = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let penduduk = s
        .daftar_penduduk(
            DESA,
            &SaringPenduduk {
                batas: Some(1000),
                ..Default::default()
            },
            hari_ini,
        )
        .await
        .unwrap()
        .isi;
    assert!(penduduk.len() > 250, "{b}");
    let pejabat: BTreeSet<String> = s
        .daftar_pejabat(DESA)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.nama.to_uppercase())
        .chain([s
            .desa(DESA)
            .await
            .unwrap()
            .unwrap()
            .kepala_desa
            .to_uppercase()])
        .collect();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = klien();
    let mut alamat = alamat_publik(&c, &url, "/desa/donorejo").await;
    // The same datasets through the API, without a token.
    let api: serde_json::Value = c
        .get(format!("{url}/api/v1/desa/{DESA}/data-terbuka"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let daftar = api["data"].as_array().unwrap();
    assert!(daftar.len() >= 8, "{b}: {api}");
    assert_eq!(daftar[0]["lisensi"], "CC-BY-4.0", "{b}");
    for d in daftar {
        alamat.insert(d["url"].as_str().unwrap().to_string());
    }
    let r = c
        .get(format!(
            "{url}/api/v1/desa/{DESA}/data-terbuka/penduduk-nik"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    assert!(
        r.text().await.unwrap().contains("Dataset tidak dikenal"),
        "{b}"
    );
    assert!(alamat.len() > 30, "{b}: {alamat:?}");
    assert!(
        alamat
            .iter()
            .any(|a| a.starts_with("/desa/donorejo/lapak/")),
        "{b}: products are in the sitemap"
    );
    for a in &alamat {
        let r = c.get(format!("{url}{a}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{b}: {a}");
        let teks = r.text().await.unwrap();
        if let Some(n) = enam_belas_digit(&teks) {
            panic!("{b}: {a} memuat angka 16 digit {n}");
        }
        if let Some(n) = telepon_seluler(&teks) {
            panic!("{b}: {a} memuat nomor telepon {n}");
        }
        for p in &penduduk {
            assert!(!teks.contains(&p.nik), "{b}: {a} memuat NIK");
            if let Some(kk) = &p.no_kk {
                assert!(!teks.contains(kk), "{b}: {a} memuat nomor KK");
            }
            // Full names of residents (officials are public by office).
            if p.nama.len() > 8 && !pejabat.contains(&p.nama.to_uppercase()) {
                assert!(
                    !teks.to_uppercase().contains(&p.nama.to_uppercase()),
                    "{b}: {a} memuat nama {}",
                    p.nama
                );
            }
            for f in ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"] {
                let t = p.tanggal_lahir.format(f).to_string();
                assert!(!teks.contains(&t), "{b}: {a} memuat tanggal lahir");
            }
        }
    }
    let beranda = teks(&c, format!("{url}/desa/donorejo")).await;
    assert!(
        beranda.contains("Agenda kegiatan"),
        "{b}: upcoming events on the home page"
    );
    assert!(beranda.contains("Balai desa"), "{b}: with their place");
    // Admin pages are not served under a village's public address.
    let r = c
        .get(format!("{url}/desa/donorejo/penduduk"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    let r = c.get(format!("{url}/s/donorejo")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    // Security headers on public pages.
    let r = c.get(format!("{url}/desa/donorejo")).send().await.unwrap();
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self'"),
        "{b}"
    );
}

balai_testkit::tiap_backend!(kelompok_kecil_tidak_tampil_di_statistik);
async fn kelompok_kecil_tidak_tampil_di_statistik(b: &'static str, s: balai_store::Store) {
    isi(&s, DESA, 120).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = klien();
    for j in ["agama", "pekerjaan", "status-kawin", "umur"] {
        let json: serde_json::Value = c
            .get(format!("{url}/desa/donorejo/data/penduduk-{j}.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for baris in json["data"].as_array().unwrap() {
            for k in ["laki_laki", "perempuan", "jumlah"] {
                if let Some(n) = baris[k].as_i64() {
                    assert!(n == 0 || n >= 5, "{b}: {j} {baris}");
                }
            }
        }
    }
    let html = teks(&c, format!("{url}/desa/donorejo/statistik?jenis=pekerjaan")).await;
    assert!(html.contains("Kelompok kecil (digabung)"), "{b}");
}

balai_testkit::tiap_backend!(artikel_dengan_skrip_dan_unggahan_berbahaya_aman);
async fn artikel_dengan_skrip_dan_unggahan_berbahaya_aman(b: &'static str, s: balai_store::Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let formulir = format!("{url}/desa/{DESA}/artikel/baru");
    let t = csrf(&op, &formulir).await;

    // An SVG "image" is refused and what was typed stays in the form.
    let bagian = reqwest::multipart::Form::new()
        .text("_csrf", t.clone())
        .text("jenis", "berita")
        .text("judul", "Judul yang tetap")
        .text("isi", "Isi")
        .text("terbit", "ya")
        .part(
            "gambar",
            reqwest::multipart::Part::bytes(
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            )
            .file_name("x.svg"),
        );
    let r = op
        .post(format!("{url}/desa/{DESA}/artikel"))
        .multipart(bagian)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("SVG"), "{b}");
    assert!(html.contains("Judul yang tetap"), "{b}");

    // The home page is cached; a staff change must still show at once.
    let beranda = klien()
        .get(format!("{url}/desa/donorejo"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!beranda.contains("Kerja bakti"), "{b}");
    // A PNG with hidden text is re-encoded; a script in the body is shown as text.
    let mut png = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 5, 90]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let bagian = reqwest::multipart::Form::new()
        .text("_csrf", t.clone())
        .text("jenis", "berita")
        .text("judul", "Kerja bakti <b>RT 02</b>")
        .text(
            "isi",
            "<p>Ayo ikut.</p><script>alert('xss')</script><img src=x onerror=alert(2)>",
        )
        .text("terbit", "ya")
        .part(
            "gambar",
            reqwest::multipart::Part::bytes(png).file_name("foto.png"),
        );
    let r = op
        .post(format!("{url}/desa/{DESA}/artikel"))
        .multipart(bagian)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let c = klien();
    let beranda = teks(&c, format!("{url}/desa/donorejo")).await;
    assert!(
        beranda.contains("Kerja bakti"),
        "{b}: the new article is on the home page"
    );
    // Public pages travel gzipped; pages with a CSRF token never do (BREACH).
    let gzip = |r: &reqwest::Response| {
        r.headers()
            .get("content-encoding")
            .is_some_and(|v| v == "gzip")
    };
    let r = c
        .get(format!("{url}/desa/donorejo"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert!(gzip(&r), "{b}");
    let r = op
        .get(&formulir)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(!gzip(&r), "{b}");
    let html = teks(
        &c,
        format!("{url}/desa/donorejo/berita/kerja-bakti-b-rt-02-b"),
    )
    .await;
    assert!(
        html.contains("Kerja bakti &lt;b&gt;RT 02&lt;/b&gt;")
            || html.contains("Kerja bakti &#60;b&#62;"),
        "{b}: {html}"
    );
    assert!(!html.contains("<script>alert"), "{b}");
    assert!(!html.contains("onerror"), "{b}");
    assert!(
        html.contains("alert("),
        "{b}: the script's text stays visible"
    );
    let i = html.find("/gambar/").unwrap();
    let jalur = &html[i..i + html[i..].find('"').unwrap()];
    let r = c
        .get(format!("{url}/desa/donorejo{jalur}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/jpeg", "{b}");
    assert_eq!(&r.bytes().await.unwrap()[..3], &[0xFF, 0xD8, 0xFF], "{b}");

    // A draft scheduled for later is not public.
    let bagian = reqwest::multipart::Form::new()
        .text("_csrf", t)
        .text("jenis", "pengumuman")
        .text("judul", "Pengumuman nanti")
        .text("isi", "Belum waktunya.")
        .text("terbit", "ya")
        .text("jadwal", "2099-01-01T08:00");
    let r = op
        .post(format!("{url}/desa/{DESA}/artikel"))
        .multipart(bagian)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r = c
        .get(format!("{url}/desa/donorejo/berita/pengumuman-nanti"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
}

balai_testkit::tiap_backend!(pengaduan_publik_sampai_ke_operator_dan_dapat_dilacak);
async fn pengaduan_publik_sampai_ke_operator_dan_dapat_dilacak(
    b: &'static str,
    s: balai_store::Store,
) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = klien();
    // Bad input: the form comes back with the text kept and the field named.
    let panjang = "<b>teks</b> ".repeat(410);
    let r = c
        .post(format!("{url}/desa/donorejo/pengaduan"))
        .form(&[
            ("kategori", "lingkungan"),
            ("judul", ""),
            ("isi", panjang.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Judul wajib diisi"), "{b}");
    assert!(
        html.contains("&lt;b&gt;teks&lt;/b&gt;") || html.contains("&#60;b&#62;teks&#60;/b&#62;"),
        "{b}"
    );
    let r = c
        .post(format!("{url}/desa/donorejo/pengaduan"))
        .form(&[
            ("kategori", "infrastruktur"),
            ("judul", "Lampu jalan RT 02 mati"),
            (
                "isi",
                "Sudah seminggu lampu di perempatan mati. <script>x()</script>",
            ),
            ("anonim", "ya"),
            ("nama", "Tidak dipakai"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let html = r.text().await.unwrap();
    let i = html.find("ADU-").expect("tracking code shown");
    let kode = &html[i..i + 12];
    let daftar = s
        .daftar_pengaduan(DESA, &SaringPengaduan::default(), 10)
        .await
        .unwrap();
    assert_eq!(daftar.len(), 1, "{b}");
    assert_eq!(daftar[0].kanal, "situs", "{b}");
    assert_eq!(daftar[0].nama_pelapor, "", "{b}: anonymous");
    let html = teks(
        &c,
        format!("{url}/desa/donorejo/pengaduan/lacak?kode={kode}"),
    )
    .await;
    assert!(html.contains("Lampu jalan RT 02 mati"), "{b}");
    assert!(
        html.contains("&lt;script&gt;") || html.contains("&#60;script&#62;"),
        "{b}"
    );
    // A robot filling the hidden field stores nothing.
    c.post(format!("{url}/desa/donorejo/pengaduan"))
        .form(&[
            ("kategori", "saran"),
            ("judul", "Promo"),
            ("isi", "Kunjungi situs kami sekarang"),
            ("situs_web", "http://spam"),
        ])
        .send()
        .await
        .unwrap();
    // The limit per address: five within ten minutes; the robot's was not counted, the
    // invalid one was, so three more are stored and the fourth is refused.
    let mut terakhir = StatusCode::OK;
    for _ in 0..4 {
        terakhir = c
            .post(format!("{url}/desa/donorejo/pengaduan"))
            .form(&[
                ("kategori", "saran"),
                ("judul", "Saran"),
                ("isi", "Mohon tambah tempat sampah."),
            ])
            .send()
            .await
            .unwrap()
            .status();
    }
    assert_eq!(terakhir, StatusCode::TOO_MANY_REQUESTS, "{b}");
    // The limit is kept in the database: a restarted server still refuses.
    let (url2, _henti2) = server(s.clone(), Default::default()).await;
    let r = c
        .post(format!("{url2}/desa/donorejo/pengaduan"))
        .form(&[
            ("kategori", "saran"),
            ("judul", "Saran"),
            ("isi", "Mohon tambah tempat sampah."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "{b}: after a restart"
    );
    assert!(
        r.text().await.unwrap().contains("Isian Anda tidak hilang"),
        "{b}"
    );
    let daftar = s
        .daftar_pengaduan(DESA, &SaringPengaduan::default(), 10)
        .await
        .unwrap();
    assert_eq!(daftar.len(), 4, "{b}");
}

balai_testkit::tiap_backend!(kabupaten_dengan_tiga_desa_menampilkan_tiap_situs);
async fn kabupaten_dengan_tiga_desa_menampilkan_tiap_situs(b: &'static str, s: balai_store::Store) {
    for kode in ["3325082004", "3325082001", "3325082002"] {
        isi(&s, kode, 20).await;
    }
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = klien();
    let html = teks(&c, format!("{url}/")).await;
    assert!(html.contains("Desa-desa di"), "{b}");
    let mut slug = Vec::new();
    for kode in ["3325082004", "3325082001", "3325082002"] {
        let situs = s.situs_desa(kode).await.unwrap();
        let nama = s.desa(kode).await.unwrap().unwrap().nama;
        assert!(
            html.contains(&format!("/desa/{}", situs.slug)),
            "{b}: {nama}"
        );
        let halaman = c
            .get(format!("{url}/desa/{}", situs.slug))
            .send()
            .await
            .unwrap();
        assert_eq!(halaman.status(), StatusCode::OK, "{b}");
        assert!(
            halaman
                .text()
                .await
                .unwrap()
                .contains(&format!("Desa {nama}")),
            "{b}"
        );
        slug.push(situs.slug);
    }
    let unik: BTreeSet<_> = slug.iter().collect();
    assert_eq!(unik.len(), 3, "{b}");
    // Search across villages: a village by name, and news by title.
    let nama = s.desa("3325082001").await.unwrap().unwrap().nama;
    let html = teks(&c, format!("{url}/?q={}", nama.to_lowercase())).await;
    assert!(html.contains(&format!("/desa/{}", slug[1])), "{b}");
    assert!(
        !html.contains(&format!("href=\"/desa/{}\"", slug[0])),
        "{b}"
    );
    let katalog: serde_json::Value = c
        .get(format!("{url}/data.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(katalog["dataset"].as_array().unwrap().len() >= 30, "{b}");
    // A village on its own host name.
    let admin = s.situs_desa("3325082002").await.unwrap();
    s.atur_host_situs("3325082002", "contoh.desa.id", None, &Aktor::sistem())
        .await
        .unwrap();
    let _ = admin;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let r = reqwest::Client::new()
        .get(format!("{url}/profil"))
        .header("host", "contoh.desa.id")
        .send()
        .await
        .unwrap();
    // The host map is cached for 30 s: a new server sees the name at once.
    let _ = r;
    let (url2, _henti2) = server(s.clone(), Default::default()).await;
    let r = reqwest::Client::new()
        .get(format!("{url2}/profil"))
        .header("host", "contoh.desa.id")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let teks = r.text().await.unwrap();
    assert!(
        teks.contains("href=\"/berita\""),
        "{b}: links without prefix on the own host"
    );
    let r = reqwest::Client::new()
        .get(format!("{url2}/desa/{DESA}/penduduk"))
        .header("host", "contoh.desa.id")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "{b}: no admin on a village host"
    );
}

balai_testkit::tiap_backend!(
    hanya_admin_sistem_mengatur_host_dan_host_instalasi_tidak_bisa_diambil
);
/// A village admin once set the site's host name to the install's own host, which sent every
/// staff, admin and API path of every village to that village's public site.
async fn hanya_admin_sistem_mengatur_host_dan_host_instalasi_tidak_bisa_diambil(
    b: &'static str,
    s: balai_store::Store,
) {
    isi(&s, DESA, 30).await;
    staf_desa(&s, DESA).await;
    s.tambah_pengguna(
        &balai_store::pengguna::PenggunaBaru {
            username: "sistem",
            nama: "Admin Sistem",
            kata_sandi: bersama::SANDI,
            peran: balai_store::pengguna::Peran::AdminSistem,
            desa_id: None,
            cakupan: "",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let setelan = balai_web::Setelan {
        url_publik: "https://balai.batangkab.go.id".into(),
        ..Default::default()
    };
    let (url, _henti) = server(s.clone(), setelan).await;
    let situs = format!("{url}/desa/{DESA}/situs");
    let kirim = |c: reqwest::Client, host: &'static str| {
        let situs = situs.clone();
        let s = s.clone();
        async move {
            let token = csrf(&c, &situs).await;
            let p = balai_store::situs::PengaturanSitus::from(&s.situs_desa(DESA).await.unwrap());
            c.post(&situs)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("slug", p.slug.as_str()),
                    ("nama_host", host),
                    ("warna", p.warna.as_str()),
                    ("semboyan", p.semboyan.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // The village admin may not set a host name at all.
    let admin = masuk_staf(&url, "admin").await;
    let r = kirim(admin.clone(), "balai.batangkab.go.id").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(
        r.text().await.unwrap().contains("Hanya admin sistem"),
        "{b}"
    );
    let r = kirim(admin, "donorejo.desa.id").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(s.situs_desa(DESA).await.unwrap().nama_host, None, "{b}");
    // The system admin may, but never the install's own host, an IP address or localhost.
    let sistem = masuk_staf(&url, "sistem").await;
    for (host, pesan) in [
        ("balai.batangkab.go.id", "alamat Balai sendiri"),
        ("127.0.0.1", "Alamat IP"),
        ("localhost", "Alamat IP"),
    ] {
        let r = kirim(sistem.clone(), host).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}: {host}");
        let html = r.text().await.unwrap();
        assert!(html.contains(pesan), "{b}: {host}");
        assert!(
            html.contains(&format!("value=\"{host}\"")),
            "{b}: form keeps {host}"
        );
    }
    assert_eq!(s.situs_desa(DESA).await.unwrap().nama_host, None, "{b}");
    let r = kirim(sistem.clone(), "donorejo.desa.id").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    assert_eq!(
        s.situs_desa(DESA).await.unwrap().nama_host.as_deref(),
        Some("donorejo.desa.id"),
        "{b}"
    );
    // Even a host name written straight into the database never captures the install's
    // own host: login, admin and API stay reachable there.
    s.atur_host_situs(DESA, "", None, &Aktor::sistem())
        .await
        .unwrap();
    s.atur_host_situs(DESA, "balai.batangkab.go.id", None, &Aktor::sistem())
        .await
        .unwrap();
    let (url2, _henti2) = server(
        s.clone(),
        balai_web::Setelan {
            url_publik: "https://balai.batangkab.go.id".into(),
            ..Default::default()
        },
    )
    .await;
    let c = klien();
    for (jalur, status) in [
        ("/masuk", StatusCode::OK),
        ("/api/v1/openapi.json", StatusCode::OK),
        ("/admin", StatusCode::SEE_OTHER),
    ] {
        let r = c
            .get(format!("{url2}{jalur}"))
            .header("host", "balai.batangkab.go.id")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{b}: {jalur}");
    }
}

balai_testkit::tiap_backend!(tautan_umpan_tidak_diambil_dari_header_host);
/// RSS and `data.json` are cached publicly: their links once came from the request's `Host`
/// header, so one request with a forged host poisoned every cache. Now they come from the
/// configured public address, and the answers vary by `Host`.
async fn tautan_umpan_tidak_diambil_dari_header_host(b: &'static str, s: balai_store::Store) {
    isi(&s, DESA, 30).await;
    let (url, _henti) = server(
        s.clone(),
        balai_web::Setelan {
            url_publik: "https://balai.contoh.id".into(),
            ..Default::default()
        },
    )
    .await;
    for jalur in ["rss.xml", "data.json", "sitemap.xml"] {
        let r = reqwest::Client::new()
            .get(format!("{url}/desa/donorejo/{jalur}"))
            .header("host", "penyerang.example")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{b}: {jalur}");
        assert_eq!(r.headers()["vary"], "Host", "{b}: {jalur}");
        let isi = r.text().await.unwrap();
        assert!(!isi.contains("penyerang.example"), "{b}: {jalur}");
        assert!(
            isi.contains("https://balai.contoh.id/desa/donorejo"),
            "{b}: {jalur}"
        );
    }
}
