//! Regulations, inventory and land over real HTTP on both databases. The operator drafts a
//! Perdes (a refused form keeps what was typed), walks it through the BPD agreement, the
//! evaluation, enactment and promulgation (a skipped step refused), uploads its text (a file
//! that is not a PDF refused); the village website lists it with a working download while a
//! draft stays hidden, and the API answers with enacted ones only. Inventory items are
//! recorded, photographed, found damaged and disposed of after confirmation; land parcels are
//! recorded with their areas checked.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::{Aktor, Store};
use bersama::{csrf, klien, masuk_staf, server, staf_desa, teks};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use uuid::Uuid;

const DESA: &str = "3325082004";

async fn siapkan(s: &Store) -> String {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(s, DESA).await;
    s.situs_desa(DESA).await.unwrap().slug
}

/// A real PDF from the letter engine.
fn pdf_asli() -> Vec<u8> {
    let data = balai_pdf::contoh_data();
    balai_pdf::Mesin::baru()
        .render(&balai_pdf::Dokumen {
            badan: "Peraturan Desa tentang APBDes.",
            data: &data,
            logo: None,
            qr: None,
            kertas: balai_pdf::Kertas::A4,
            tanda_air: None,
        })
        .unwrap()
}

/// Checks a 200 answer against its schema in `src/api/openapi.json`.
fn sesuai_dokumen(jalur: &str, isi: &Value) {
    let berkas = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/api/openapi.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(berkas).unwrap()).unwrap();
    let mut akar =
        doc["paths"][jalur]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone();
    assert!(akar.is_object(), "GET {jalur}: no 200 schema");
    akar["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    akar["components"] = doc["components"].clone();
    let v = jsonschema::validator_for(&akar).unwrap();
    let galat: Vec<String> = v.iter_errors(isi).map(|e| e.to_string()).collect();
    assert!(galat.is_empty(), "GET {jalur}: {galat:?}: {isi}");
}

/// The id in a redirect to `…/{prefix}/{id}?…`.
fn id_dari(r: &reqwest::Response, prefix: &str) -> Uuid {
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let i = loc.find(prefix).unwrap_or_else(|| panic!("{loc}")) + prefix.len();
    loc[i..i + 36].parse().unwrap()
}

/// Posts a form with the session's CSRF token (read from the admin home page).
async fn kirim(c: &reqwest::Client, url: &str, isian: &[(&str, &str)]) -> reqwest::Response {
    let i = url.find("/desa/").unwrap();
    let token = csrf(c, &format!("{}/desa/{DESA}/peraturan", &url[..i])).await;
    let mut f: Vec<(&str, &str)> = vec![("_csrf", &token)];
    f.extend_from_slice(isian);
    c.post(url).form(&f).send().await.unwrap()
}

balai_testkit::tiap_backend!(peraturan_dari_rancangan_sampai_situs_dan_api);
async fn peraturan_dari_rancangan_sampai_situs_dan_api(be: &'static str, s: Store) {
    let slug = siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = masuk_staf(&url, "operator").await;
    let daftar = format!("{url}/desa/{DESA}/peraturan");
    assert!(teks(&c, &daftar).await.contains("Rancangan baru"), "{be}");

    // Without a title: refused, the typed values kept.
    let r = kirim(
        &c,
        &daftar,
        &[
            ("jenis", "perdes"),
            ("pokok", "apbdes"),
            ("tentang", ""),
            ("uraian", "Pendapatan dan belanja desa tahun ini"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let h = r.text().await.unwrap();
    assert!(h.contains("Tentang wajib diisi"), "{be}");
    assert!(h.contains("Pendapatan dan belanja desa tahun ini"), "{be}");
    assert!(h.contains(r#"<option value="perdes" selected>"#), "{be}");

    let r = kirim(
        &c,
        &daftar,
        &[
            ("jenis", "perdes"),
            ("pokok", "apbdes"),
            ("tentang", "APBDes Tahun 2026"),
            ("uraian", "Pendapatan dan belanja desa"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let id = id_dari(&r, "/peraturan/");
    let halaman = format!("{daftar}/{id}");
    let tahap = format!("{halaman}/tahap");
    // Enacting straight away skips the BPD: refused, the number typed kept.
    let r = kirim(
        &c,
        &tahap,
        &[
            ("tahap", "ditetapkan"),
            ("nomor", "7"),
            ("tanggal", "2026-01-10"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let h = r.text().await.unwrap();
    assert!(h.contains("disepakati bersama BPD"), "{be}");
    for (t, n, tgl) in [
        ("disepakati", "", "05-01-2026"),
        ("dievaluasi", "900/1/2026", "08-01-2026"),
        ("ditetapkan", "1", "10-01-2026"),
    ] {
        let r = kirim(&c, &tahap, &[("tahap", t), ("nomor", n), ("tanggal", tgl)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}: {t}");
    }
    // The text: a ZIP renamed .pdf is refused, a real PDF kept.
    let unggah = |isi: Vec<u8>| {
        let c = c.clone();
        let url = format!("{halaman}/dokumen");
        let halaman = halaman.clone();
        async move {
            let token = csrf(&c, &halaman).await;
            let f = Form::new()
                .text("_csrf", token)
                .part("dokumen", Part::bytes(isi).file_name("perdes.pdf"));
            c.post(url).multipart(f).send().await.unwrap()
        }
    };
    let r = unggah(b"PK\x03\x04 bukan pdf".to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(r.text().await.unwrap().contains("bukan PDF"), "{be}");
    let pdf = pdf_asli();
    assert_eq!(
        unggah(pdf.clone()).await.status(),
        StatusCode::SEE_OTHER,
        "{be}"
    );
    let r = kirim(
        &c,
        &tahap,
        &[
            ("tahap", "diundangkan"),
            ("nomor", "1"),
            ("tanggal", "10-01-2026"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let h = teks(&c, &halaman).await;
    assert!(h.contains("Lembaran Desa Nomor 1 Tahun 2026"), "{be}");

    // A draft: never on the site.
    let r = kirim(
        &c,
        &daftar,
        &[
            ("jenis", "perkades"),
            ("tentang", "Rancangan Tata Tertib Kantor"),
        ],
    )
    .await;
    let draf = id_dari(&r, "/peraturan/");
    let publik = klien();
    let situs = teks(&publik, format!("{url}/desa/{slug}/peraturan")).await;
    assert!(situs.contains("APBDes Tahun 2026"), "{be}");
    assert!(!situs.contains("Rancangan Tata Tertib"), "{be}");
    let i = situs.find(&format!("/desa/{slug}/peraturan/")).unwrap();
    let tautan = &situs[i..i + situs[i..].find('"').unwrap()];
    let r = publik.get(format!("{url}{tautan}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf, "{be}");
    let token_draf = s.peraturan().satu(DESA, draf).await.unwrap().unwrap().token;
    let r = publik
        .get(format!("{url}/desa/{slug}/peraturan/{token_draf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{be}");

    // The API: enacted ones only.
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Uji",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let api = reqwest::Client::new();
    let v: Value = api
        .get(format!("{url}/api/v1/desa/{DESA}/peraturan"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    sesuai_dokumen("/desa/{kode}/peraturan", &v);
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 1, "{be}: {v}");
    assert_eq!(data[0]["tentang"], "APBDes Tahun 2026");
    assert_eq!(data[0]["nomor_diundangkan"], "1");
    let r = api
        .get(format!("{url}/api/v1/desa/{DESA}/peraturan?jenis=surat"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{be}");

    // Deleting the draft needs the box ticked; the enacted one has no delete form.
    let hapus = format!("{daftar}/{draf}/hapus");
    let r = kirim(&c, &hapus, &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let r = kirim(&c, &hapus, &[("yakin", "ya")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    assert!(
        s.peraturan().satu(DESA, draf).await.unwrap().is_none(),
        "{be}"
    );
    assert!(!teks(&c, &halaman).await.contains("form-hapus"), "{be}");
    // Every kind's page opens at every step (a decision, a Perkades, a Perdes of another subject).
    for (jenis, pokok, t) in [
        ("keputusan", "", "ditetapkan"),
        ("perkades", "", "diundangkan"),
        ("perdes_bersama", "lain", "disepakati"),
    ] {
        let r = kirim(
            &c,
            &daftar,
            &[
                ("jenis", jenis),
                ("pokok", pokok),
                ("tentang", "Uji halaman"),
            ],
        )
        .await;
        let id = id_dari(&r, "/peraturan/");
        let halaman = format!("{daftar}/{id}");
        assert_eq!(
            c.get(&halaman).send().await.unwrap().status(),
            StatusCode::OK,
            "{be}: {jenis}"
        );
        let langkah: &[(&str, &str)] = match t {
            "ditetapkan" => &[("ditetapkan", "141/9/2026")],
            "diundangkan" => &[("ditetapkan", "9"), ("diundangkan", "9")],
            _ => &[("disepakati", "")],
        };
        for (tahap, nomor) in langkah {
            let r = kirim(
                &c,
                &format!("{halaman}/tahap"),
                &[
                    ("tahap", tahap),
                    ("nomor", nomor),
                    ("tanggal", "01-03-2026"),
                ],
            )
            .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}: {jenis} {tahap}");
        }
        let r = c.get(&halaman).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{be}: {jenis}");
        assert!(r.text().await.unwrap().contains("Uji halaman"), "{be}");
    }
    for saring in [
        "?tahun=2026",
        "?jenis=keputusan",
        "?tahun=2026&jenis=perdes",
    ] {
        let r = c.get(format!("{daftar}{saring}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{be}: {saring}");
    }
    // The head of village reads, but does not enter.
    let kades = masuk_staf(&url, "kades").await;
    assert!(
        teks(&kades, &daftar).await.contains("APBDes Tahun 2026"),
        "{be}"
    );
    let r = kirim(&kades, &daftar, &[("jenis", "perdes"), ("tentang", "X")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{be}");
}

balai_testkit::tiap_backend!(inventaris_dan_tanah_lewat_formulir);
async fn inventaris_dan_tanah_lewat_formulir(be: &'static str, s: Store) {
    siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let c = masuk_staf(&url, "operator").await;
    let daftar = format!("{url}/desa/{DESA}/inventaris");
    let barang = [
        ("kib", "B"),
        ("nama", "Laptop pelayanan"),
        ("jumlah", "1"),
        ("satuan", "unit"),
        ("tanggal_peroleh", "02-03-2025"),
        ("nilai", "7,5 juta"),
        ("asal", "kabupaten"),
        ("kondisi", "baik"),
        ("lokasi", "Ruang pelayanan"),
    ];
    let r = kirim(&c, &daftar, &barang).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let h = r.text().await.unwrap();
    assert!(h.contains("angka bulat"), "{be}");
    assert!(
        h.contains("Laptop pelayanan") && h.contains("Ruang pelayanan"),
        "{be}"
    );
    let mut benar = barang.to_vec();
    benar[5] = ("nilai", "Rp 7.500.000");
    let r = kirim(&c, &daftar, &benar).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let id = id_dari(&r, "/inventaris/");
    let halaman = format!("{daftar}/{id}");
    assert!(teks(&c, &halaman).await.contains("Rp 7.500.000"), "{be}");

    let r = kirim(
        &c,
        &format!("{halaman}/kondisi"),
        &[
            ("kondisi_baru", "rusak_berat"),
            ("tanggal_periksa", "01-06-2026"),
            ("catatan_kondisi", "Layar pecah"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let token = csrf(&c, &halaman).await;
    let png = balai_testkit::png(4, 4, [200, 200, 200, 255]);
    let r = c
        .post(format!("{halaman}/foto"))
        .multipart(
            Form::new()
                .text("_csrf", token)
                .part("foto", Part::bytes(png).file_name("laptop.png")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let h = teks(&c, &halaman).await;
    assert!(h.contains("Layar pecah") && h.contains("/foto/"), "{be}");

    // Disposal: refused without "yakin", kept with its reason after.
    let hapus = format!("{halaman}/hapus");
    let isian = [
        ("alasan", "rusak"),
        ("tanggal_hapus", "02-06-2026"),
        ("catatan_hapus", "BA 01/2026"),
    ];
    let r = kirim(&c, &hapus, &isian).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(r.text().await.unwrap().contains("BA 01/2026"), "{be}");
    let mut yakin = isian.to_vec();
    yakin.push(("yakin", "ya"));
    assert_eq!(
        kirim(&c, &hapus, &yakin).await.status(),
        StatusCode::SEE_OTHER,
        "{be}"
    );
    assert!(
        !teks(&c, &daftar).await.contains("Laptop pelayanan"),
        "{be}"
    );
    let h = teks(&c, &halaman).await;
    assert!(
        h.contains("sudah-dihapus") && !h.contains("form-kondisi"),
        "{be}"
    );
    let h = teks(&c, format!("{daftar}?kib=B")).await;
    assert!(h.contains("ringkas-kib"), "{be}");
    let h = teks(&c, format!("{daftar}?semua=1")).await;
    assert!(
        h.contains("Laptop pelayanan") && h.contains("dihapus: Rusak"),
        "{be}"
    );

    // The API lists it with its disposal when asked.
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Uji",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let api = reqwest::Client::new();
    let v: Value = api
        .get(format!("{url}/api/v1/desa/{DESA}/inventaris?semua=true"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    sesuai_dokumen("/desa/{kode}/inventaris", &v);
    assert_eq!(v["data"][0]["penghapusan"]["alasan"], "rusak", "{be}: {v}");
    let r = api
        .get(format!("{url}/api/v1/desa/{DESA}/inventaris?kib=Z"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{be}");

    // Land.
    let kas = format!("{url}/desa/{DESA}/tanah/kas-desa");
    let r = kirim(&c, &kas, &[("asal", "Bengkok"), ("luas", "dua hektar")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(r.text().await.unwrap().contains("Bengkok"), "{be}");
    let r = kirim(
        &c,
        &kas,
        &[
            ("asal", "Bengkok"),
            ("luas", "20000"),
            ("perolehan", "asli"),
            ("jenis", "sawah"),
            ("patok", "ya"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let di = format!("{url}/desa/{DESA}/tanah/di-desa");
    let r = kirim(
        &c,
        &di,
        &[
            ("pemilik", "PT MAJU"),
            ("jenis_pemilik", "badan_hukum"),
            ("luas", "1000"),
            ("hak_hgb", "900"),
            ("guna_industri", "1000"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(r.text().await.unwrap().contains("harus sama"), "{be}");
    let r = kirim(
        &c,
        &di,
        &[
            ("pemilik", "PT MAJU"),
            ("jenis_pemilik", "badan_hukum"),
            ("luas", "1000"),
            ("hak_hgb", "1000"),
            ("guna_industri", "1000"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{be}");
    let h = teks(&c, format!("{url}/desa/{DESA}/tanah")).await;
    for bagian in ["kas-desa", "di-desa"] {
        let i = h.find(&format!("/tanah/{bagian}/")).unwrap();
        let tautan = &h[i..i + h[i..].find('"').unwrap()];
        let r = c
            .get(format!("{url}/desa/{DESA}{tautan}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{be}: {tautan}");
    }
    assert!(
        h.contains("Bengkok") && h.contains("PT MAJU") && h.contains("HGB 1000 m²"),
        "{be}"
    );
}
