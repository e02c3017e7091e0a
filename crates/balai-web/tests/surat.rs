//! Letters through the real renderer and over real HTTP, on every store backend.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::surat::jenis::{JenisIsian, bawaan};
use balai_store::demo::DemoPlan;
use balai_store::penduduk::{HIDUP, SaringPenduduk};
use balai_store::surat::{Penandatangan, Permohonan, TerbitkanSurat};
use balai_store::{Aktor, Store};
use bersama::csrf;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const DESA: &str = "3325082004";

fn hari_ini() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

async fn isi_demo(s: &Store, n: usize) -> Vec<(uuid::Uuid, String)> {
    s.isi_demo(
        &DemoPlan {
            desa: KodeDesa::parse(DESA).unwrap(),
            penduduk: n,
            seed: 11,
            hari_ini: hari_ini(),
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let h = s
        .daftar_penduduk(
            DESA,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                batas: Some(40),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    h.isi.into_iter().map(|p| (p.id, p.nik)).collect()
}

balai_testkit::tiap_backend!(semua_jenis_surat_tercetak_untuk_penduduk_demo_di_a4_dan_f4);
async fn semua_jenis_surat_tercetak_untuk_penduduk_demo_di_a4_dan_f4(
    b: &'static str,
    s: balai_store::Store,
) {
    let mesin = std::sync::Arc::new(balai_pdf::Mesin::baru());
    let orang = isi_demo(&s, 80).await;
    assert_eq!(bawaan().len(), 42);
    let penanda = Penandatangan {
        nama: "SUTRISNO".into(),
        jabatan: "Kepala Desa Donorejo".into(),
        atas_nama: String::new(),
    };
    let t = TerbitkanSurat {
        penanda,
        url_dasar: "https://donorejo.contoh",
        versi: None,
    };
    for (i, j) in bawaan().iter().enumerate() {
        for kertas in ["A4", "F4"] {
            let isian: BTreeMap<String, String> = j
                .isian
                .iter()
                .map(|f| {
                    let v = match f.jenis {
                        JenisIsian::Pilihan => f.pilihan[0].clone(),
                        JenisIsian::Tanggal => "2026-11-01".into(),
                        JenisIsian::Angka => "12".into(),
                        _ => format!("Contoh {} yang cukup panjang", f.label.to_lowercase()),
                    };
                    (f.kunci.clone(), v)
                })
                .collect();
            let peran: BTreeMap<String, String> = j
                .orang
                .iter()
                .enumerate()
                .map(|(k, o)| (o.kunci.clone(), orang[1 + k].1.clone()))
                .collect();
            let subjek = orang[i % 5].0;
            let id = s
                .ajukan_surat(
                    DESA,
                    &Permohonan {
                        jenis_kode: j.kode.clone(),
                        penduduk_id: subjek,
                        isian,
                        orang: peran,
                        kanal: "loket".into(),
                        kertas: kertas.into(),
                        langsung_diperiksa: true,
                        pengganti_dari: None,
                    },
                    &Aktor::sistem(),
                )
                .await
                .unwrap_or_else(|e| panic!("{b} {}: {e:?}", j.kode));
            let surat = s
                .terbitkan_surat(DESA, id, &t, &Aktor::sistem(), {
                    let mesin = mesin.clone();
                    move |bahan| balai_web::render_surat(&mesin, bahan)
                })
                .await
                .unwrap_or_else(|e| panic!("{b} {} {kertas}: {e}", j.kode));
            assert_eq!(surat.kertas, kertas);
            let (_, pdf) = s.pdf_surat(DESA, id).await.unwrap();
            assert!(pdf.starts_with(b"%PDF"), "{b} {}", j.kode);
            assert!(pdf.len() < 200_000, "{b} {}: {} bytes", j.kode, pdf.len());
            // Every deflate stream of every letter travels inflated to the district and is
            // rebuilt byte for byte there (district sync, `sinkron::kemas`).
            let p = balai_store::sinkron::kemas::kemas(&pdf)
                .unwrap_or_else(|| panic!("{b} {}: PDF tidak dikemas", j.kode));
            let zlib = p
                .iter()
                .filter(|x| matches!(x, balai_store::sinkron::kemas::Potongan::Zlib(_)))
                .count();
            let flate = pdf.windows(12).filter(|w| w == b"/FlateDecode").count();
            assert_eq!(zlib, flate, "{b} {}: not every stream packs", j.kode);
            assert_eq!(
                balai_store::sinkron::kemas::buka(&p).unwrap(),
                pdf,
                "{b} {}",
                j.kode
            );
        }
    }
}

struct Uji {
    url: String,
    store: Store,
    _berhenti: tokio::sync::oneshot::Sender<()>,
}

async fn mulai(store: Store) -> Uji {
    mulai_dengan(store, balai_web::Setelan::default()).await
}

async fn mulai_dengan(store: Store, setelan: balai_web::Setelan) -> Uji {
    bersama::staf_desa(&store, DESA).await;
    let (url, tx) = bersama::server(store.clone(), setelan).await;
    Uji {
        url,
        store,
        _berhenti: tx,
    }
}

async fn masuk(u: &Uji, username: &str) -> reqwest::Client {
    bersama::masuk_staf(&u.url, username).await
}

balai_testkit::tiap_backend!(loket_tanda_tangan_pdf_verifikasi_dan_api);
async fn loket_tanda_tangan_pdf_verifikasi_dan_api(b: &'static str, s: balai_store::Store) {
    let orang = isi_demo(&s, 30).await;
    let u = mulai(s).await;
    let nik = orang[0].1.clone();

    // The counter: one form, the NIK and the field; a wrong field is named.
    let op = masuk(&u, "operator").await;
    let form = format!("{}/desa/{DESA}/surat/baru?jenis=keterangan_usaha", u.url);
    let t = csrf(&op, &form).await;
    let r = op
        .post(format!("{}/desa/{DESA}/surat/baru", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("jenis", "keterangan_usaha"),
            ("nik", &nik),
            ("isian.keperluan", "Kredit usaha"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Nama Usaha wajib diisi"), "{b}");
    assert!(html.contains("Kredit usaha"), "{b}: typed value kept");
    let r = op
        .post(format!("{}/desa/{DESA}/surat/baru", u.url))
        .form(&[
            ("_csrf", t.as_str()),
            ("jenis", "keterangan_usaha"),
            ("nik", &nik),
            ("isian.nama_usaha", "Warung <b>Bu Siti</b>"),
            ("isian.keperluan", "Kredit usaha"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let halaman = r.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let id: uuid::Uuid = halaman.rsplit('/').next().unwrap().parse().unwrap();
    let html = op
        .get(format!("{}{halaman}", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Bu Siti") && !html.contains("<b>Bu Siti</b>"),
        "{b}: HTML in a field is shown as text"
    );

    // The receipt names the fee: none.
    let html = op
        .get(format!("{}{halaman}/tanda-terima", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Gratis (Rp 0)") && html.contains("Tidak ada pungutan lain"),
        "{b}"
    );

    // An operator cannot sign; printing before signing is refused.
    let r = op
        .post(format!("{}{halaman}/tandatangani", u.url))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let r = op
        .get(format!("{}{halaman}/pdf", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");

    let kd = masuk(&u, "kades").await;
    let tk = csrf(&kd, &format!("{}{halaman}", u.url)).await;
    let r = kd
        .post(format!("{}{halaman}/tandatangani", u.url))
        .form(&[("_csrf", tk.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r = kd
        .get(format!("{}{halaman}/pdf", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "{b}"
    );
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "{b}");

    // The resident's page lists the letter and offers a new one.
    let html = op
        .get(format!("{}/desa/{DESA}/penduduk/{}", u.url, orang[0].0))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("/surat/baru?penduduk={}", orang[0].0)),
        "{b}"
    );
    assert!(
        html.contains("id=\"surat-penduduk\"") && html.contains("Keterangan Usaha"),
        "{b}"
    );

    // Public pages: verification, service standard, keys.
    let surat = u.store.surat(DESA, id).await.unwrap().unwrap();
    let token = surat.token.clone().unwrap();
    let r = reqwest::get(format!("{}/v/{token}", u.url)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains(">ASLI<"), "{b}");
    assert!(!html.contains(&nik), "{b}: no NIK on the public page");
    let r = reqwest::get(format!("{}/v/AAAAAAAAAAAAAAAAAAAAAA", u.url))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    assert!(r.text().await.unwrap().contains("TIDAK VALID"), "{b}");
    let html = reqwest::get(format!("{}/layanan/{DESA}", u.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Keterangan Domisili") && html.contains("Gratis"),
        "{b}"
    );
    let kunci: Value = reqwest::get(format!("{}/kunci/{DESA}", u.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(kunci["kunci"].as_array().unwrap().len(), 1, "{b}");
    assert_eq!(
        kunci["kunci"][0]["id"],
        json!(surat.kunci_id.unwrap()),
        "{b}"
    );

    // The API: request, list, status with timeline, PDF, verification.
    let admin = u
        .store
        .pengguna_by_username("admin")
        .await
        .unwrap()
        .unwrap();
    let (_, rahasia) = u
        .store
        .buat_token_api(
            "Kecamatan",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::tulis(),
            &admin,
        )
        .await
        .unwrap();
    let api = |p: &str| format!("{}/api/v1{p}", u.url);
    let c = reqwest::Client::new();
    let r = c
        .post(api(&format!("/desa/{DESA}/surat")))
        .bearer_auth(&rahasia)
        .json(&json!({"jenis": "keterangan_domisili", "nik": nik, "isian": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{b}");
    let baru: Value = r.json().await.unwrap();
    assert_eq!(baru["data"]["status"], "diajukan", "{b}");
    let r = c
        .post(api(&format!("/desa/{DESA}/surat")))
        .bearer_auth(&rahasia)
        .json(&json!({"jenis": "keterangan_usaha", "nik": nik}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let masalah: Value = r.json().await.unwrap();
    assert!(
        masalah["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "isian.nama_usaha"),
        "{b}: {masalah}"
    );
    let daftar: Value = c
        .get(api(&format!("/desa/{DESA}/surat?status=diterbitkan")))
        .bearer_auth(&rahasia)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(daftar["data"].as_array().unwrap().len(), 1, "{b}");
    let rinci: Value = c
        .get(api(&format!("/desa/{DESA}/surat/{id}")))
        .bearer_auth(&rahasia)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        rinci["riwayat"].as_array().unwrap().len(),
        3,
        "{b}: {rinci}"
    );
    let r = c
        .get(api(&format!("/desa/{DESA}/surat/{id}/pdf")))
        .bearer_auth(&rahasia)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let r = c
        .get(api(&format!(
            "/desa/{DESA}/surat/{}/pdf",
            baru["data"]["id"].as_str().unwrap()
        )))
        .bearer_auth(&rahasia)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{b}: not signed yet"
    );
    let v: Value = c
        .get(api(&format!("/verifikasi/{token}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["data"]["keaslian"], "ASLI", "{b}");
    let spek: Value = c
        .get(api("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        spek["paths"].get("/desa/{kode}/surat").is_some(),
        "{b}: surat in OpenAPI"
    );
}

balai_testkit::tiap_backend!(templat_salah_ditolak_saat_disimpan_dengan_barisnya);
async fn templat_salah_ditolak_saat_disimpan_dengan_barisnya(
    b: &'static str,
    s: balai_store::Store,
) {
    isi_demo(&s, 10).await;
    let u = mulai(s).await;
    let ad = masuk(&u, "admin").await;
    let url = format!("{}/desa/{DESA}/surat/jenis/keterangan_domisili", u.url);
    let html = ad.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("#biodata(data.p)"), "{b}");
    let t = csrf(&ad, &url).await;
    let lama = u
        .store
        .jenis_surat(DESA, "keterangan_domisili")
        .await
        .unwrap()
        .unwrap();
    let mut f: Vec<(&str, String)> = vec![
        ("_csrf", t.clone()),
        ("versi", lama.versi.to_string()),
        ("kode", "keterangan_domisili".into()),
        ("kode_opensid", "S-41".into()),
        ("nama", "Keterangan Domisili".into()),
        ("judul", "SURAT KETERANGAN DOMISILI".into()),
        ("klasifikasi", lama.jenis.klasifikasi.clone()),
        ("waktu", "10".into()),
        ("biaya", "0".into()),
        ("masa", "1".into()),
        ("satuan", "bulan".into()),
        ("aktif", "ya".into()),
        ("persyaratan", "KTP-el".into()),
        (
            "isian",
            "keperluan | Keperluan | teks_panjang | boleh kosong".into(),
        ),
        (
            "badan",
            "Baris satu.\n\nBaris dua #data.p.nama.\n#data.tidak_ada.x\n".into(),
        ),
    ];
    let r = ad.post(&url).form(&f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(html.contains("baris 4"), "{b}: the error names the line");
    assert!(
        html.contains("Baris dua"),
        "{b}: the template typed is kept"
    );
    assert_eq!(
        u.store
            .jenis_surat(DESA, "keterangan_domisili")
            .await
            .unwrap()
            .unwrap()
            .versi,
        lama.versi,
        "{b}"
    );
    f.last_mut().unwrap().1 = "Menerangkan bahwa #data.p.nama tinggal di desa ini.".into();
    let r = ad.post(&url).form(&f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let baru = u
        .store
        .jenis_surat(DESA, "keterangan_domisili")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(baru.jenis.waktu_layanan_menit, 10, "{b}");
    assert!(baru.jenis.badan.starts_with("Menerangkan"), "{b}");

    // A new type, added from the same form.
    let url_baru = format!("{}/desa/{DESA}/surat/jenis/baru", u.url);
    let mut f2 = f.clone();
    f2.retain(|(k, _)| *k != "versi");
    for (k, v) in f2.iter_mut() {
        match *k {
            "kode" => *v = "keterangan_ternak".into(),
            "nama" => *v = "Keterangan Kepemilikan Ternak".into(),
            "judul" => *v = "surat keterangan kepemilikan ternak".into(),
            "isian" => *v = "jumlah | Jumlah ternak | angka | wajib".into(),
            "badan" => {
                *v =
                    "Menerangkan bahwa #data.p.nama memiliki #data.isian.jumlah ekor ternak.".into()
            }
            _ => {}
        }
    }
    let r = ad.post(&url_baru).form(&f2).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let ternak = u
        .store
        .jenis_surat(DESA, "keterangan_ternak")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ternak.jenis.judul, "SURAT KETERANGAN KEPEMILIKAN TERNAK",
        "{b}"
    );
    let r = ad.post(&url_baru).form(&f2).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{b}: the code is taken"
    );
}

balai_testkit::tiap_backend!(buku_agenda_surat_masuk_dan_laporan);
async fn buku_agenda_surat_masuk_dan_laporan(b: &'static str, s: balai_store::Store) {
    let orang = isi_demo(&s, 10).await;
    let u = mulai(s).await;
    let id = u
        .store
        .ajukan_surat(
            DESA,
            &Permohonan {
                jenis_kode: "keterangan_domisili".into(),
                penduduk_id: orang[0].0,
                kanal: "loket".into(),
                langsung_diperiksa: true,
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let t = TerbitkanSurat {
        penanda: Penandatangan {
            nama: "SUTRISNO".into(),
            jabatan: "Kepala Desa Donorejo".into(),
            atas_nama: String::new(),
        },
        url_dasar: "http://contoh",
        versi: None,
    };
    let surat = u
        .store
        .terbitkan_surat(DESA, id, &t, &Aktor::pengguna("kades"), |_| {
            Ok(b"%PDF-1.7".to_vec())
        })
        .await
        .unwrap();
    let nomor = surat.nomor.unwrap();

    let ad = masuk(&u, "admin").await;
    let html = ad
        .get(format!("{}/desa/{DESA}/surat/agenda", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&nomor),
        "{b}: the agenda lists the issued letter"
    );
    let t = csrf(&ad, &format!("{}/desa/{DESA}/surat/agenda", u.url)).await;
    for (format, awal, mime) in [
        ("xlsx", &b"PK"[..], "spreadsheetml"),
        ("pdf", &b"%PDF"[..], "application/pdf"),
    ] {
        let r = ad
            .post(format!("{}/desa/{DESA}/surat/agenda", u.url))
            .form(&[("_csrf", t.as_str()), ("format", format)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{b} {format}");
        assert!(
            r.headers()["content-type"].to_str().unwrap().contains(mime),
            "{b} {format}"
        );
        assert!(r.bytes().await.unwrap().starts_with(awal), "{b} {format}");
    }

    // Incoming register: SVG refused, PDF kept and served only as a download.
    let kirim = |nama: &'static str, isi: Vec<u8>| {
        let t = t.clone();
        reqwest::multipart::Form::new()
            .text("_csrf", t)
            .text("tanggal_terima", "2026-11-02")
            .text("nomor_surat", "005/77/Kec")
            .text("tanggal_surat", "2026-11-01")
            .text("pengirim", "Camat Limpung")
            .text("isi_singkat", "Undangan musrenbang kecamatan")
            .part(
                "lampiran",
                reqwest::multipart::Part::bytes(isi).file_name(nama),
            )
    };
    let r = ad
        .post(format!("{}/desa/{DESA}/surat/masuk", u.url))
        .multipart(kirim("surat.svg", b"<svg onload=alert(1)></svg>".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("SVG") && html.contains("Camat Limpung"),
        "{b}: message and typed values kept"
    );
    let r = ad
        .post(format!("{}/desa/{DESA}/surat/masuk", u.url))
        .multipart(kirim("pindai surat.pdf", b"%PDF-1.4 isi".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let daftar = u
        .store
        .daftar_surat_masuk(DESA, "", None, None)
        .await
        .unwrap();
    assert_eq!(daftar.len(), 1, "{b}");
    let r = ad
        .get(format!(
            "{}/desa/{DESA}/surat/masuk/{}/lampiran",
            u.url, daftar[0].id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{b}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "{b}"
    );
    let r = ad
        .get(format!("{}/desa/{DESA}/surat/masuk?format=xlsx", u.url))
        .send()
        .await
        .unwrap();
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "{b}");

    // Report as JSON and as a page.
    let tahun = chrono::Datelike::year(&chrono::Utc::now());
    let l: Value = ad
        .get(format!(
            "{}/desa/{DESA}/surat/laporan?tahun={tahun}&format=json",
            u.url
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(l["jumlah_terbit"], 1, "{b}: {l}");
    let html = ad
        .get(format!("{}/desa/{DESA}/surat/laporan", u.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<svg") && html.contains("Keterangan Domisili"),
        "{b}"
    );
    let api: Value = {
        let admin = u
            .store
            .pengguna_by_username("admin")
            .await
            .unwrap()
            .unwrap();
        let (_, rahasia) = u
            .store
            .buat_token_api(
                "Kabupaten",
                &[DESA.to_string()],
                balai_store::pengguna::HakToken::baca(),
                &admin,
            )
            .await
            .unwrap();
        reqwest::Client::new()
            .get(format!(
                "{}/api/v1/desa/{DESA}/surat-laporan?tahun={tahun}",
                u.url
            ))
            .bearer_auth(rahasia)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    };
    assert_eq!(api["data"]["jumlah_terbit"], 1, "{b}: {api}");
}

balai_testkit::tiap_backend!(lampiran_permohonan_dan_pejabat_ub_menandatangani);
async fn lampiran_permohonan_dan_pejabat_ub_menandatangani(b: &'static str, s: balai_store::Store) {
    let orang = isi_demo(&s, 10).await;
    let u = mulai(s).await;
    let id = u
        .store
        .ajukan_surat(
            DESA,
            &Permohonan {
                jenis_kode: "keterangan_domisili".into(),
                penduduk_id: orang[0].0,
                kanal: "loket".into(),
                langsung_diperiksa: true,
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let halaman = format!("{}/desa/{DESA}/surat/{id}", u.url);

    // Attachments: a scan is kept and served as a download; an SVG is refused.
    let op = masuk(&u, "operator").await;
    let t = csrf(&op, &halaman).await;
    let unggah = |nama: &'static str, isi: &'static [u8]| {
        reqwest::multipart::Form::new()
            .text("_csrf", t.clone())
            .part(
                "lampiran",
                reqwest::multipart::Part::bytes(isi).file_name(nama),
            )
    };
    let r = op
        .post(format!("{halaman}/lampiran"))
        .multipart(unggah("kk.svg", b"<svg/>"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("SVG"), "{b}");
    let r = op
        .post(format!("{halaman}/lampiran"))
        .multipart(unggah("kk.jpg", b"\xFF\xD8\xFF\xE0 foto kk"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let daftar = u.store.daftar_lampiran_surat(DESA, id).await.unwrap();
    assert_eq!(daftar.len(), 1, "{b}");
    let r = op
        .get(format!("{halaman}/lampiran/{}", daftar[0].id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/jpeg", "{b}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "{b}"
    );

    // The operator cannot sign until the admin names them a signing official ("u.b.").
    let r = op
        .post(format!("{halaman}/tandatangani"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let ad = masuk(&u, "admin").await;
    let pengaturan = format!("{}/desa/{DESA}/surat/pengaturan", u.url);
    let ta = csrf(&ad, &pengaturan).await;
    let operator = u
        .store
        .pengguna_by_username("operator")
        .await
        .unwrap()
        .unwrap();
    let r = ad
        .post(format!("{pengaturan}/penandatangan"))
        .form(&[
            ("_csrf", ta.as_str()),
            ("pengguna_id", &operator.id.to_string()),
            ("jabatan", " "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "{b}: the title is required"
    );
    let r = ad
        .post(format!("{pengaturan}/penandatangan"))
        .form(&[
            ("_csrf", ta.as_str()),
            ("pengguna_id", &operator.id.to_string()),
            ("jabatan", "Kepala Seksi Pemerintahan"),
            (
                "atas_nama",
                "a.n. Kepala Desa Donorejo\nSekretaris Desa\nu.b.",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let r = op
        .post(format!("{halaman}/tandatangani"))
        .form(&[("_csrf", t.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let surat = u.store.surat(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        surat.penanda_jabatan.as_deref(),
        Some("Kepala Seksi Pemerintahan"),
        "{b}"
    );
    assert!(surat.atas_nama.unwrap().ends_with("u.b."), "{b}");
    // Once signed, nothing more can be attached.
    let r = op
        .post(format!("{halaman}/lampiran"))
        .multipart(unggah("lagi.jpg", b"\xFF\xD8\xFF\xE0 lagi"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
}

balai_testkit::tiap_backend!(pemeriksaan_qr_dibatasi_per_alamat);
async fn pemeriksaan_qr_dibatasi_per_alamat(b: &'static str, s: balai_store::Store) {
    isi_demo(&s, 5).await;
    let u = mulai_dengan(
        s,
        balai_web::Setelan {
            batas_verifikasi_per_menit: 3,
            ..Default::default()
        },
    )
    .await;
    let c = reqwest::Client::new();
    for jalur in [
        "/v/AAAAAAAAAAAAAAAAAAAAAA",
        "/api/v1/verifikasi/AAAAAAAAAAAAAAAAAAAAAA",
        "/v/AAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let r = c.get(format!("{}{jalur}", u.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}: {jalur}");
    }
    let r = c
        .get(format!("{}/v/AAAAAAAAAAAAAAAAAAAAAA", u.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(r.headers()["retry-after"], "60", "{b}");
    let r = c
        .get(format!(
            "{}/api/v1/verifikasi/AAAAAAAAAAAAAAAAAAAAAA",
            u.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(
        r.headers()["content-type"],
        "application/problem+json",
        "{b}"
    );
}
