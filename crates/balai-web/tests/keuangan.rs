//! Village finance over real HTTP on both databases: one year from proposal to report and
//! public infographic, the rules that refuse (overspending, editing an established budget,
//! approving one's own request, wrong roles), amendments with their differences, imports that
//! report row by row, the district comparison and the API.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Jam, Store};
use bersama::{SANDI, csrf, klien, masuk_staf, server, staf_desa, teks};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const DESA: &str = "3325082004";

async fn siapkan(s: &Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(s, DESA).await;
    for (u, peran, desa, cakupan) in [
        ("sekdes", Peran::Sekdes, Some(DESA), ""),
        ("bupati", Peran::Kabupaten, None, "3325"),
    ] {
        s.tambah_pengguna(
            &PenggunaBaru {
                username: u,
                nama: u,
                kata_sandi: SANDI,
                peran,
                desa_id: desa,
                cakupan,
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    }
}

/// Posts a form with the page's CSRF token; returns status and body.
async fn kirim(
    c: &reqwest::Client,
    url: &str,
    halaman: &str,
    alamat: &str,
    isian: &[(&str, &str)],
) -> (StatusCode, String) {
    let token = csrf(c, &format!("{url}{halaman}")).await;
    let mut f: Vec<(&str, &str)> = vec![("_csrf", &token)];
    f.extend_from_slice(isian);
    let r = c
        .post(format!("{url}{alamat}"))
        .form(&f)
        .send()
        .await
        .unwrap();
    let st = r.status();
    let lokasi = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let body = r.text().await.unwrap();
    (st, lokasi.unwrap_or(body))
}

/// The first value after `marker` up to the next quote.
fn ambil<'a>(html: &'a str, marker: &str) -> &'a str {
    let i = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"))
        + marker.len();
    &html[i..i + html[i..].find('"').unwrap()]
}

/// The value of the option whose label contains `label`.
fn opsi(html: &str, label: &str) -> String {
    let j = html
        .find(label)
        .unwrap_or_else(|| panic!("{label} not in page"));
    let i = html[..j].rfind("<option value=\"").unwrap() + 15;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

fn jam(s: Store) -> Store {
    s.dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

balai_testkit::tiap_backend!(satu_tahun_dari_usulan_sampai_laporan_dan_situs);
async fn satu_tahun_dari_usulan_sampai_laporan_dan_situs(
    nama: &'static str,
    s: balai_store::Store,
) {
    let s = jam(s);
    siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let hal = format!("/desa/{DESA}/perencanaan?tahun=2026");

    // Proposal, meeting, decision, RKPDes activity traced to the proposal.
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/perencanaan/usulan"),
        &[
            ("tahun", "2026"),
            ("judul", ""),
            ("jenis_pengusul", "dusun"),
            ("pengusul", "Dusun Krajan"),
            ("bidang", "2"),
            ("perkiraan_biaya", "sejuta"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        body.contains("Judul usulan wajib diisi")
            && body.contains("Perkiraan biaya ditulis dalam rupiah"),
        "{nama}"
    );
    assert!(
        body.contains("value=\"Dusun Krajan\""),
        "{nama}: typed values kept"
    );
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/perencanaan/usulan"),
        &[
            ("tahun", "2026"),
            ("judul", "Pengerasan jalan Krajan"),
            ("jenis_pengusul", "dusun"),
            ("pengusul", "Dusun Krajan"),
            ("bidang", "2"),
            ("perkiraan_biaya", "60.000.000"),
            ("penerima_manfaat", "300"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/perencanaan/musyawarah"),
        &[
            ("tahun", "2026"),
            ("jenis", "musrenbangdes"),
            ("tanggal", "2025-09-10"),
            ("tempat", "Balai Desa"),
            ("jumlah_peserta", "40"),
            ("keputusan", "Jalan Krajan prioritas 1"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let page = teks(&op, format!("{url}{hal}")).await;
    let usulan = ambil(&page, "/perencanaan/usulan/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mus = ambil(&page, "name=\"musyawarah_id\"><option value=\"").to_string();
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/perencanaan/usulan/{usulan}/putuskan"),
        &[
            ("musyawarah_id", &mus),
            ("keputusan", "setuju"),
            ("peringkat", "1"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/perencanaan/rencana"),
        &[
            ("tahun", "2026"),
            ("dokumen", "rkpdes"),
            ("tahun_awal", "2026"),
            ("tahun_akhir", "2026"),
            ("kode_kegiatan", "2.3.10"),
            ("nama", "Pengerasan jalan Krajan"),
            ("biaya", "60000000"),
            ("sumber_dana", "DDS"),
            ("usulan", &usulan),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let page = teks(&op, format!("{url}{hal}")).await;
    assert!(
        page.contains("class=\"tabel-rencana\"")
            && page.matches("Pengerasan jalan Krajan").count() >= 3,
        "{nama}: RKPDes row names its proposal"
    );

    // APBDes: draft, lines, balanced, agreed, established.
    let hal = format!("/desa/{DESA}/keuangan?tahun=2026");
    let (st, lokasi) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/keuangan/apbdes"),
        &[("tahun", "2026")],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let versi = ambil(&format!("{lokasi}\""), "versi=")
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let baris = format!("/desa/{DESA}/keuangan/apbdes/{versi}/baris");
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &baris,
        &[
            ("kode_rekening", "5.9.9.99"),
            ("uraian", "x"),
            ("volume", "1"),
            ("satuan", "paket"),
            ("harga_satuan", "1"),
            ("sumber_dana", "DDS"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        body.contains("5.9.9.99") && body.contains("tidak ada dalam bagan akun"),
        "{nama}"
    );
    for (keg, rek, ur, vol, harga) in [
        ("", "4.2.1.01", "Dana Desa", "1", "100.000.000"),
        ("2.3.10", "5.3.4.03", "Bahan jalan", "2", "30000000"),
        (
            "2.2.02",
            "5.2.1.06",
            "Makanan tambahan posyandu",
            "4",
            "10000000",
        ),
    ] {
        let (st, body) = kirim(
            &op,
            &url,
            &hal,
            &baris,
            &[
                ("kode_kegiatan", keg),
                ("kode_rekening", rek),
                ("uraian", ur),
                ("volume", vol),
                ("satuan", "paket"),
                ("harga_satuan", harga),
                ("sumber_dana", "DDS"),
            ],
        )
        .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{nama}: {body}");
    }
    let status = format!("/desa/{DESA}/keuangan/apbdes/{versi}/status");
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &status,
        &[("aksi", "sepakati"), ("tanggal", "2025-12-10")],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let kades = masuk_staf(&url, "kades").await;
    let (st, _) = kirim(&kades, &url, &hal, &baris, &[("kode_rekening", "4.2.3.01")]).await;
    assert_eq!(
        st,
        StatusCode::FORBIDDEN,
        "{nama}: head of village does not edit the budget"
    );
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &status,
        &[
            ("aksi", "tetapkan"),
            ("nomor_perdes", "6 Tahun 2025"),
            ("tanggal", "2025-12-20"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &baris,
        &[
            ("kode_kegiatan", "2.3.10"),
            ("kode_rekening", "5.3.4.02"),
            ("uraian", "Upah"),
            ("volume", "1"),
            ("satuan", "paket"),
            ("harga_satuan", "1000"),
            ("sumber_dana", "DDS"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        body.contains("sudah ditetapkan dan tidak dapat diubah"),
        "{nama}: established budget is read-only"
    );

    // Two payments through the approval chain; overspending refused with the numbers.
    let hal = format!("/desa/{DESA}/keuangan/spp?tahun=2026");
    let page = teks(&op, format!("{url}{hal}")).await;
    let jalan = opsi(&page, "Bahan jalan (sisa");
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/keuangan/spp"),
        &[
            ("tahun", "2026"),
            ("tanggal", "2026-03-02"),
            ("baris", &jalan),
            ("nilai", "70000000"),
            ("uraian", "Semen"),
            ("penerima", "UD Jaya"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        body.contains("Melebihi sisa anggaran")
            && body.contains("Rp 60.000.000")
            && body.contains("Rp 70.000.000"),
        "{nama}"
    );
    assert!(body.contains("value=\"UD Jaya\""), "{nama}");
    let sekdes = masuk_staf(&url, "sekdes").await;
    let bendahara = masuk_staf(&url, "bendahara").await;
    for (tanggal, nilai) in [("2026-03-02", "25000000"), ("2026-05-04", "15000000")] {
        let (st, _) = kirim(
            &op,
            &url,
            &hal,
            &format!("/desa/{DESA}/keuangan/spp"),
            &[
                ("tahun", "2026"),
                ("tanggal", tanggal),
                ("baris", &jalan),
                ("nilai", nilai),
                ("uraian", "Semen dan pasir"),
                ("penerima", "UD Jaya"),
            ],
        )
        .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
        let page = teks(&sekdes, format!("{url}{hal}")).await;
        let spp = ambil(&page, "/keuangan/spp/")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let (st, _) = kirim(
            &op,
            &url,
            &hal,
            &format!("/desa/{DESA}/keuangan/spp/{spp}/periksa"),
            &[("keputusan", "setuju")],
        )
        .await;
        assert_eq!(
            st,
            StatusCode::FORBIDDEN,
            "{nama}: only the secretary checks"
        );
        let (st, _) = kirim(
            &sekdes,
            &url,
            &hal,
            &format!("/desa/{DESA}/keuangan/spp/{spp}/periksa"),
            &[("keputusan", "setuju")],
        )
        .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
        let (st, _) = kirim(
            &kades,
            &url,
            &hal,
            &format!("/desa/{DESA}/keuangan/spp/{spp}/setujui"),
            &[("keputusan", "setuju")],
        )
        .await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
        // Only the treasurer records payments; the operator who filed it is refused.
        let r = op
            .post(format!("{url}/desa/{DESA}/keuangan/spp/{spp}/bayar"))
            .multipart(Form::new().text("_csrf", csrf(&op, &format!("{url}{hal}")).await))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "{nama}: the operator does not pay"
        );
        let token = csrf(&bendahara, &format!("{url}{hal}")).await;
        let form = Form::new()
            .text("_csrf", token)
            .text("tanggal", tanggal.to_string())
            .text("rekening", "bank")
            .text("nomor_bukti", "KW-1")
            .text("pajak1", "pph22")
            .text("nilai_pajak1", "375000")
            .text("pajak2", "")
            .text("nilai_pajak2", "")
            .part(
                "bukti",
                Part::bytes(b"%PDF-1.4\n%kuitansi\n".to_vec()).file_name("kuitansi.pdf"),
            );
        let r = bendahara
            .post(format!("{url}/desa/{DESA}/keuangan/spp/{spp}/bayar"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "{nama}: {}",
            r.text().await.unwrap()
        );
    }
    let page = teks(&op, format!("{url}{hal}")).await;
    assert_eq!(
        page.matches("class=\"status-spp\">Dibayar").count(),
        2,
        "{nama}"
    );
    let kas = teks(&op, format!("{url}/desa/{DESA}/keuangan/kas?tahun=2026")).await;
    assert!(
        kas.contains("Rp 40.000.000") && kas.contains("PPh Pasal 22") && kas.contains("pindaian"),
        "{nama}: cash book, tax, receipt scan"
    );
    let bukti = ambil(&kas, "/keuangan/kas/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let r = op
        .get(format!("{url}/desa/{DESA}/keuangan/kas/{bukti}/bukti"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{nama}");

    // Semester report: the same totals as page, PDF and XLSX.
    let lap = format!("{url}/desa/{DESA}/keuangan/laporan?tahun=2026&periode=semester1");
    let page = teks(&op, &lap).await;
    assert!(
        page.contains("JUMLAH BELANJA")
            && page.contains("Rp 100.000.000")
            && page.contains("Rp 40.000.000"),
        "{nama}"
    );
    let r = op.get(format!("{lap}&format=pdf")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{nama}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{nama}");
    let r = op.get(format!("{lap}&format=xlsx")).send().await.unwrap();
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "{nama}");

    // The public site shows the realisation from the books.
    let slug = s.situs_desa(DESA).await.unwrap().slug;
    let situs = teks(&klien(), format!("{url}/desa/{slug}/pembangunan")).await;
    assert!(
        situs.contains("Rp 100.000.000") && situs.contains("Rp 40.000.000"),
        "{nama}: public infographic"
    );
    assert!(
        situs.contains("Kegiatan dengan anggaran terbesar") && situs.contains("2.3.10"),
        "{nama}"
    );
    assert!(
        !situs.contains("UD Jaya"),
        "{nama}: no payee on the public page"
    );

    // Amendment: copy, change, differences shown.
    let hal = format!("/desa/{DESA}/keuangan?tahun=2026");
    let (st, lokasi) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/keuangan/apbdes"),
        &[("tahun", "2026")],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let v2 = ambil(&format!("{lokasi}\""), "versi=")
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let page = teks(
        &op,
        format!("{url}/desa/{DESA}/keuangan?tahun=2026&versi={v2}"),
    )
    .await;
    let j = page.find("Bahan jalan</td>").unwrap();
    let id_jalan = ambil(&page[j..], "/baris/")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let baris2 = format!("/desa/{DESA}/keuangan/apbdes/{v2}/baris");
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &baris2,
        &[
            ("id", &id_jalan),
            ("kode_kegiatan", "2.3.10"),
            ("kode_rekening", "5.3.4.03"),
            ("uraian", "Bahan jalan"),
            ("volume", "1"),
            ("satuan", "paket"),
            ("harga_satuan", "30000000"),
            ("sumber_dana", "DDS"),
        ],
    )
    .await;
    assert_eq!(
        st,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{nama}: below what was paid"
    );
    assert!(
        body.contains("sudah direalisasikan Rp 40.000.000"),
        "{nama}"
    );
    let (st, _) = kirim(
        &op,
        &url,
        &hal,
        &baris2,
        &[
            ("id", &id_jalan),
            ("kode_kegiatan", "2.3.10"),
            ("kode_rekening", "5.3.4.03"),
            ("uraian", "Bahan jalan"),
            ("volume", "1"),
            ("satuan", "paket"),
            ("harga_satuan", "50000000"),
            ("sumber_dana", "DDS"),
        ],
    )
    .await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{nama}");
    let page = teks(
        &op,
        format!("{url}/desa/{DESA}/keuangan?tahun=2026&versi={v2}"),
    )
    .await;
    assert!(
        page.contains("id=\"tabel-beda\"")
            && page.contains("Berkurang")
            && page.contains("Rp 10.000.000"),
        "{nama}: difference shown"
    );
    let (st, body) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/keuangan/apbdes/{v2}/status"),
        &[("aksi", "sepakati"), ("tanggal", "2026-07-01")],
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    assert!(
        body.contains("belum seimbang"),
        "{nama}: unbalanced amendment refused"
    );

    // District and API.
    let bupati = masuk_staf(&url, "bupati").await;
    let page = teks(&bupati, format!("{url}/keuangan?tahun=2026")).await;
    assert!(
        page.contains("id=\"tabel-desa-keuangan\"") && page.contains("Rp 100.000.000"),
        "{nama}"
    );
    let r = bupati
        .get(format!("{url}/keuangan?tahun=2026&format=xlsx"))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml"),
        "{nama}"
    );
    let r = op
        .get(format!("{url}/keuangan?tahun=2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "{nama}: village staff have no district view"
    );
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, token) = s
        .buat_token_api(
            "Bappeda",
            &[DESA.to_string()],
            balai_store::pengguna::HakToken::baca(),
            &admin,
        )
        .await
        .unwrap();
    let api: serde_json::Value = klien()
        .get(format!(
            "{url}/api/v1/desa/{DESA}/apbdes/2026/realisasi?periode=semester1"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["realisasi"]["belanja"], 40_000_000, "{nama}: {api}");
    assert_eq!(api["anggaran"]["pendapatan"], 100_000_000, "{nama}");
    let api: serde_json::Value = klien()
        .get(format!("{url}/api/v1/desa/{DESA}/apbdes/2026"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["sisa"], 0, "{nama}");
    let r = klien()
        .get(format!(
            "{url}/api/v1/desa/{DESA}/apbdes/2026/laporan?format=pdf"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{nama}");
    let r = klien()
        .get(format!("{url}/api/v1/desa/{DESA}/apbdes/2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{nama}");
}

balai_testkit::tiap_backend!(impor_templat_melaporkan_baris_dan_tidak_mengubah_apa_pun);
async fn impor_templat_melaporkan_baris_dan_tidak_mengubah_apa_pun(
    nama: &'static str,
    s: balai_store::Store,
) {
    let s = jam(s);
    siapkan(&s).await;
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let hal = format!("/desa/{DESA}/keuangan?tahun=2026");
    let (_, lokasi) = kirim(
        &op,
        &url,
        &hal,
        &format!("/desa/{DESA}/keuangan/apbdes"),
        &[("tahun", "2026")],
    )
    .await;
    let versi = ambil(&format!("{lokasi}\""), "versi=")
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let unggah = |csv: &'static str, token: String| {
        Form::new()
            .text("_csrf", token)
            .text("jenis", "templat")
            .part(
                "berkas",
                Part::bytes(csv.as_bytes().to_vec()).file_name("apbdes.csv"),
            )
    };
    let salah = "Kode Kegiatan,Kode Rekening,Uraian,Volume,Satuan,Harga Satuan,Sumber Dana\n,4.2.1.01,Dana Desa,1,tahun,100000000,DDS\n2.3.10,5.3.4.03,Semen,dua,sak,65000,DDS\n,5.1.1.01,Siltap,12,OB,3000000,XYZ\n";
    let token = csrf(&op, &format!("{url}{hal}")).await;
    let r = op
        .post(format!("{url}/desa/{DESA}/keuangan/apbdes/{versi}/impor"))
        .multipart(unggah(salah, token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{nama}");
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Baris 3: Volume harus angka bulat"),
        "{nama}: {body}"
    );
    assert!(
        body.contains("Baris 4") && body.contains("sumber dana"),
        "{nama}"
    );
    let page = teks(&op, format!("{url}{hal}")).await;
    assert!(!page.contains("Dana Desa</td>"), "{nama}: nothing stored");
    let benar = "Kode Kegiatan,Kode Rekening,Uraian,Volume,Satuan,Harga Satuan,Sumber Dana\n,4.2.1.01,Dana Desa,1,tahun,100000000,DDS\n2.3.10,5.3.4.03,Semen,1000,sak,65000,DDS\n2.2.02,5.2.1.06,PMT,1,paket,35000000,dds\n";
    let token = csrf(&op, &format!("{url}{hal}")).await;
    let r = op
        .post(format!("{url}/desa/{DESA}/keuangan/apbdes/{versi}/impor"))
        .multipart(unggah(benar, token))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{nama}: {}",
        r.text().await.unwrap()
    );
    let page = teks(&op, format!("{url}{hal}")).await;
    assert!(
        page.contains("Rp 65.000.000") && page.contains("Rp 0</strong><span>sisa"),
        "{nama}: lines in, balanced"
    );
    // The export reads back as the template.
    let r = op
        .get(format!("{url}/desa/{DESA}/keuangan/apbdes/{versi}/ekspor"))
        .send()
        .await
        .unwrap();
    let xlsx = r.bytes().await.unwrap().to_vec();
    let token = csrf(&op, &format!("{url}{hal}")).await;
    let form = Form::new()
        .text("_csrf", token)
        .text("jenis", "templat")
        .part("berkas", Part::bytes(xlsx).file_name("apbdes.xlsx"));
    let r = op
        .post(format!("{url}/desa/{DESA}/keuangan/apbdes/{versi}/impor"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{nama}: round trip");
    let page = teks(&op, format!("{url}{hal}")).await;
    assert_eq!(
        page.matches("class=\"bahaya\">Hapus</button>").count(),
        3,
        "{nama}: same three lines, no duplicates"
    );
}

balai_testkit::tiap_backend!(kabupaten_membandingkan_tiga_desa_demo_dan_mengunduhnya);
async fn kabupaten_membandingkan_tiga_desa_demo_dan_mengunduhnya(
    nama: &'static str,
    s: balai_store::Store,
) {
    let s = jam(s);
    siapkan(&s).await;
    for (i, d) in ["3325082004", "3325082005", "3325082006"]
        .into_iter()
        .enumerate()
    {
        if d != DESA {
            s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
                .await
                .unwrap();
        }
        s.isi_keuangan_demo(d, i as u64).await.unwrap();
    }
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let bupati = masuk_staf(&url, "bupati").await;
    let page = teks(&bupati, format!("{url}/keuangan?tahun=2026")).await;
    let mut desa = Vec::new();
    for d in ["3325082004", "3325082005", "3325082006"] {
        desa.push(s.desa(d).await.unwrap().unwrap().nama);
    }
    for n in &desa {
        assert!(page.contains(n.as_str()), "{nama}: {n} listed");
    }
    assert_eq!(
        page.matches("/keuangan/laporan?tahun=2026").count(),
        3,
        "{nama}"
    );
    let r = bupati
        .get(format!("{url}/keuangan?tahun=2026&format=xlsx"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{nama}");
    let xlsx = r.bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK") && xlsx.len() > 3000, "{nama}");
    // The operator of one village does not see the others.
    let op = masuk_staf(&url, "operator").await;
    let r = op
        .get(format!("{url}/desa/3325082005/keuangan/laporan?tahun=2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{nama}");
    let r = bupati
        .get(format!("{url}/desa/3325082005/keuangan/laporan?tahun=2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "{nama}: district opens each village's report"
    );
}
