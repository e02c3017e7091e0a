//! Staff and attendance over real HTTP on every backend: the operator records a tenure (a scan
//! that is not a PDF/image and an overlapping term refused with the typed values kept), ends one
//! (confirmation asked, a dismissal before the appointment refused), issues a PIN; the website
//! shows the officials from the same table; an official checks in at the kiosk and by phone
//! (inside and outside the radius, the far one flagged), a kiosk of another village is refused,
//! leave applied by phone is approved by the head (not by the operator); the recap page, PDF
//! and XLSX; the API without PINs or positions; the district's recap.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_store::pengguna::{HakToken, PenggunaBaru, Peran};
use balai_store::perangkat::IsianJabatan;
use balai_store::perangkat::kehadiran::IsianAturan;
use balai_store::{Aktor, Store};
use bersama::{SANDI, csrf, klien, masuk_staf, teks};
use chrono::Datelike;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";

fn isi_form(token: &str, isian: &[(&str, &str)]) -> Form {
    let mut f = Form::new().text("_csrf", token.to_string());
    for (k, v) in isian {
        f = f.text(k.to_string(), v.to_string());
    }
    f
}

balai_testkit::tiap_backend!(perangkat_dan_kehadiran_lewat_http);
async fn perangkat_dan_kehadiran_lewat_http(b: &'static str, s: Store) {
    for d in [DESA, DESA_LAIN] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    bersama::staf_desa(&s, DESA).await;
    s.tambah_pengguna(
        &PenggunaBaru {
            username: "kabupaten",
            nama: "Pemantau",
            kata_sandi: SANDI,
            peran: Peran::Kabupaten,
            desa_id: None,
            cakupan: "3325",
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let hari_ini = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    let tahun_lalu = format!("01-01-{}", hari_ini.year() - 1);
    // The head of village, already recorded.
    let kades_id = s
        .perangkat()
        .tambah_jabatan(
            DESA,
            &IsianJabatan {
                orang: balai_store::perangkat::IsianOrang {
                    nama: "SUTRISNO".into(),
                    ..Default::default()
                },
                lembaga: "pemdes".into(),
                jabatan: "Kepala Desa".into(),
                mulai: balai_domain::penduduk::parse_tanggal(&tahun_lalu),
                ..Default::default()
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let op = masuk_staf(&url, "operator").await;
    let halaman = format!("{url}/desa/{DESA}/perangkat");
    let h = teks(&op, &halaman).await;
    assert!(
        h.contains("SUTRISNO") && h.contains("id=\"form-jabatan\""),
        "{b}: {h}"
    );
    let token = csrf(&op, &halaman).await;

    // A scan that is an HTML page named .pdf: refused, typed values kept.
    let f = isi_form(
        &token,
        &[
            ("lembaga", "pemdes"),
            ("jabatan", "Sekretaris Desa"),
            ("nama", "RINA WULANDARI"),
            ("nip", "198501012010012001"),
            ("sk_nomor", "141/02/2026"),
            ("mulai", &tahun_lalu),
        ],
    )
    .part(
        "sk_berkas",
        Part::bytes(b"<html><script>alert(1)</script></html>".to_vec()).file_name("sk.pdf"),
    );
    let r = op.post(&halaman).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("bukan berkas PDF, JPEG atau PNG")
            && h.contains("value=\"RINA WULANDARI\"")
            && h.contains("value=\"141/02/2026\""),
        "{b}: {h}"
    );
    // A real PDF: recorded.
    let f = isi_form(
        &token,
        &[
            ("lembaga", "pemdes"),
            ("jabatan", "Sekretaris Desa"),
            ("nama", "RINA WULANDARI"),
            ("sk_nomor", "141/02/2026"),
            ("mulai", &tahun_lalu),
        ],
    )
    .part(
        "sk_berkas",
        Part::bytes(b"%PDF-1.4 sk".to_vec()).file_name("sk.pdf"),
    );
    let r = op.post(&halaman).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    // Another secretary at the same time: refused naming RINA.
    let f = isi_form(
        &token,
        &[
            ("lembaga", "pemdes"),
            ("jabatan", "Sekretaris Desa"),
            ("nama", "BUDI"),
            ("mulai", &format!("01-06-{}", hari_ini.year() - 1)),
        ],
    );
    let r = op.post(&halaman).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("bertumpuk dengan RINA WULANDARI") && h.contains("value=\"BUDI\""),
        "{b}"
    );
    // Two BPD members at once.
    for n in ["ANGGOTA SATU", "ANGGOTA DUA"] {
        let f = isi_form(
            &token,
            &[
                ("lembaga", "bpd"),
                ("jabatan", "Anggota"),
                ("nama", n),
                ("mulai", &tahun_lalu),
            ],
        );
        let r = op.post(&halaman).multipart(f).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}: {n}");
    }
    let daftar = s.perangkat().daftar(DESA).await.unwrap();
    let rina = daftar
        .iter()
        .find(|x| x.o.nama == "RINA WULANDARI")
        .unwrap()
        .clone();
    let anggota = daftar
        .iter()
        .find(|x| x.o.nama == "ANGGOTA DUA")
        .unwrap()
        .clone();
    // The scan downloads as an attachment.
    let r = op
        .get(format!("{halaman}/jabatan/{}/sk/angkat", rina.j.id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{b}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // Correcting RINA's details: the form starts filled; a bad photo or an empty name is
    // refused with what was typed kept; then saved with a photo, the tenure untouched.
    let rincian_rina = format!("{halaman}/jabatan/{}", rina.j.id);
    let h = teks(&op, &rincian_rina).await;
    assert!(
        h.contains("id=\"form-orang\"") && h.contains("value=\"RINA WULANDARI\""),
        "{b}"
    );
    let ubah = format!("{halaman}/orang/{}/ubah", rina.o.id);
    let jid = rina.j.id.to_string();
    let versi = rina.o.versi.to_string();
    let f = isi_form(
        &token,
        &[
            ("jabatan_id", &jid),
            ("versi", &versi),
            ("nama", ""),
            ("pangkat", "Penata (III/c)"),
        ],
    );
    let r = op.post(&ubah).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("Nama wajib diisi")
            && h.contains("value=\"Penata (III/c)\"")
            && h.contains("ubah-orang\" open"),
        "{b}"
    );
    let f = isi_form(
        &token,
        &[
            ("jabatan_id", &jid),
            ("versi", &versi),
            ("nama", "RINA WULANDARI, S.E."),
        ],
    )
    .part(
        "foto",
        Part::bytes(b"bukan gambar".to_vec()).file_name("foto.png"),
    );
    let r = op.post(&ubah).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let mut png = Vec::new();
    image::RgbImage::from_fn(40, 50, |x, y| image::Rgb([x as u8 * 5, y as u8 * 4, 120]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let f = isi_form(
        &token,
        &[
            ("jabatan_id", &jid),
            ("versi", &versi),
            ("nama", "RINA WULANDARI, S.E."),
            ("pangkat", "Penata (III/c)"),
        ],
    )
    .part("foto", Part::bytes(png).file_name("rina.png"));
    let r = op.post(&ubah).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let ke = r.headers()["location"].to_str().unwrap().to_string();
    let o = s.perangkat().orang(DESA, rina.o.id).await.unwrap().unwrap();
    assert_eq!(
        (o.nama.as_str(), o.pangkat.as_str()),
        ("RINA WULANDARI, S.E.", "Penata (III/c)"),
        "{b}"
    );
    assert!(o.foto.is_some(), "{b}: photo saved");
    assert!(
        teks(&op, format!("{url}{ke}"))
            .await
            .contains("Data diri telah diperbarui"),
        "{b}"
    );
    let rina = s
        .perangkat()
        .daftar(DESA)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.o.id == rina.o.id)
        .unwrap();
    assert_eq!(
        rina.j.sk_nomor, "141/02/2026",
        "{b}: the tenure stays as it was"
    );

    // Ending a tenure: without "yakin" refused; before the appointment refused; then ended.
    let rincian = format!("{halaman}/jabatan/{}", anggota.j.id);
    let akhiri = format!("{rincian}/akhiri");
    let f = isi_form(
        &token,
        &[
            ("henti_nomor", "141/9"),
            ("henti_tanggal", &hari_ini.format("%d-%m-%Y").to_string()),
        ],
    );
    let r = op.post(&akhiri).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("Centang"), "{b}");
    let f = isi_form(
        &token,
        &[
            ("henti_nomor", "141/9"),
            ("henti_tanggal", "01-01-2000"),
            ("yakin", "ya"),
        ],
    );
    let r = op.post(&akhiri).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("tidak boleh sebelum tanggal pengangkatan") && h.contains("value=\"141/9\""),
        "{b}"
    );
    let f = isi_form(
        &token,
        &[
            ("henti_nomor", "141/9"),
            ("henti_tanggal", &hari_ini.format("%d-%m-%Y").to_string()),
            ("yakin", "ya"),
        ],
    );
    let r = op.post(&akhiri).multipart(f).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&op, &halaman).await;
    let i = h.find("id=\"riwayat-jabatan\"").unwrap();
    assert!(h[i..].contains("ANGGOTA DUA"), "{b}: history");

    // The website's profile page reads the same table.
    let situs = s.situs_desa(DESA).await.unwrap();
    let profil = teks(&klien(), format!("{url}/desa/{}/profil", situs.slug)).await;
    assert!(
        profil.contains("RINA WULANDARI, S.E.")
            && profil.contains("ANGGOTA SATU")
            && !profil.contains("ANGGOTA DUA"),
        "{b}: {profil}"
    );

    // A PIN for RINA, shown once.
    let r = op
        .post(format!("{halaman}/orang/{}/pin", rina.o.id))
        .form(&[
            ("_csrf", token.as_str()),
            ("jabatan_id", &rina.j.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let h = r.text().await.unwrap();
    let i = h.find("id=\"pin-baru\">").expect("PIN shown") + 14;
    let pin = h[i..i + 6].to_string();

    // By phone: the office's position set; inside the radius, then far away (flagged).
    let k = s.kehadiran();
    k.siapkan(DESA).await.unwrap();
    let versi = k.aturan(DESA).await.unwrap().versi;
    k.simpan_aturan(
        DESA,
        &IsianAturan {
            lintang: Some(-7.0489),
            bujur: Some(109.9153),
            radius_m: 150,
            jam_masuk: "08:00".into(),
            jam_pulang: "16:00".into(),
            toleransi_menit: 15,
            hari_kerja: vec![1, 2, 3, 4, 5, 6, 7],
            versi,
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let hp = klien();
    let hadir = format!("{url}/hadir/{DESA}");
    let h = teks(&hp, &hadir).await;
    assert!(
        h.contains("RINA WULANDARI") && h.contains("/aset/hadir.js"),
        "{b}"
    );
    let r = hp
        .post(&hadir)
        .form(&[
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", "000000".into()),
            ("jenis", "masuk".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{b}");
    let kirim = |jenis: &'static str, l: &'static str, bj: &'static str| {
        hp.post(&hadir).form(&[
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", pin.clone()),
            ("jenis", jenis.into()),
            ("lintang", l.into()),
            ("bujur", bj.into()),
        ])
    };
    let r = kirim("masuk", "-7.0490", "109.9154").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let h = r.text().await.unwrap();
    assert!(
        h.contains("Absen masuk RINA WULANDARI, S.E. tercatat") && !h.contains("diberi tanda"),
        "{b}: {h}"
    );
    let r = kirim("pulang", "-7.0300", "109.9153").send().await.unwrap();
    let h = r.text().await.unwrap();
    assert!(h.contains("di luar radius kantor"), "{b}: {h}");

    // At a kiosk of another village, naming this village: refused, kept.
    let (_, tok_lain) = s
        .daftarkan_anjungan(DESA_LAIN, "Anjungan tetangga", &Aktor::sistem())
        .await
        .unwrap();
    let r = klien()
        .post(format!("{url}/anjungan/hadir"))
        .header("cookie", format!("balai_anjungan={tok_lain}"))
        .form(&[
            ("desa", DESA.to_string()),
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", pin.clone()),
            ("jenis", "masuk".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    assert!(r.text().await.unwrap().contains("DITOLAK"), "{b}");
    // The own kiosk: the list, then a check-in.
    let (_, tok) = s
        .daftarkan_anjungan(DESA, "Anjungan balai desa", &Aktor::sistem())
        .await
        .unwrap();
    let h = klien()
        .get(format!("{url}/anjungan/hadir"))
        .header("cookie", format!("balai_anjungan={tok}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        h.contains("RINA WULANDARI") && h.contains("id=\"form-hadir\""),
        "{b}"
    );
    let r = klien()
        .post(format!("{url}/anjungan/hadir"))
        .header("cookie", format!("balai_anjungan={tok}"))
        .form(&[
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", pin.clone()),
            ("jenis", "masuk".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("absen kedua pada hari yang sama"),
        "{b}"
    );

    // Leave by phone; the operator may not decide, the head does.
    let besok = hari_ini.succ_opt().unwrap().to_string();
    let r = hp
        .post(format!("{hadir}/izin"))
        .form(&[
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", pin.clone()),
            ("jenis_izin", "cuti".into()),
            ("mulai", besok.clone()),
            ("selesai", besok.clone()),
            ("alasan", "".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let r = hp
        .post(format!("{hadir}/izin"))
        .form(&[
            ("perangkat_id", rina.o.id.to_string()),
            ("pin", pin.clone()),
            ("jenis_izin", "cuti".into()),
            ("mulai", besok.clone()),
            ("selesai", besok.clone()),
            ("alasan", "Keperluan keluarga".into()),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("menunggu keputusan kepala desa"),
        "{b}"
    );
    let izin: Uuid = s.kehadiran().daftar_izin(DESA).await.unwrap()[0].id;
    let rekap = format!("{url}/desa/{DESA}/kehadiran");
    let r = op
        .post(format!("{rekap}/izin/{izin}"))
        .form(&[("_csrf", token.as_str()), ("putusan", "setuju")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{b}");
    let kades = masuk_staf(&url, "kades").await;
    let t = csrf(&kades, &rekap).await;
    let r = kades
        .post(format!("{rekap}/izin/{izin}"))
        .form(&[("_csrf", t.as_str()), ("putusan", "setuju")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{b}");
    let h = teks(&kades, &rekap).await;
    assert!(
        h.contains("id=\"tabel-rekap\"")
            && h.contains("RINA WULANDARI")
            && h.contains("Disetujui")
            && h.contains("di luar radius kantor")
            && h.contains("dari anjungan desa lain"),
        "{b}: {h}"
    );
    // The current month cannot be signed yet.
    let r = kades
        .post(format!("{rekap}/tandatangan"))
        .form(&[
            ("_csrf", t.as_str()),
            ("bulan", &hari_ini.format("%Y-%m").to_string()),
            ("yakin", "ya"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert!(r.text().await.unwrap().contains("belum berakhir"), "{b}");
    // PDF and XLSX.
    let r = op.get(format!("{rekap}?format=pdf")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/pdf", "{b}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{b}");
    let r = op.get(format!("{rekap}?format=xlsx")).send().await.unwrap();
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "{b}");

    // The API: tenures and the recap, without PINs or positions.
    let admin = s.pengguna_by_username("admin").await.unwrap().unwrap();
    let (_, api) = s
        .buat_token_api("Dinas PMD", &[DESA.to_string()], HakToken::baca(), &admin)
        .await
        .unwrap();
    let c = reqwest::Client::new();
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/perangkat"))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{b}");
    let j = r.text().await.unwrap();
    assert!(
        j.contains("RINA WULANDARI") && j.contains("141/02/2026"),
        "{b}"
    );
    assert!(!j.contains("pin") && !j.contains("argon2"), "{b}: {j}");
    let r = c
        .get(format!(
            "{url}/api/v1/desa/{DESA}/kehadiran?bulan={}",
            hari_ini.format("%Y-%m")
        ))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap();
    let j: serde_json::Value = r.json().await.unwrap();
    let rina_j = j["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nama"] == "RINA WULANDARI, S.E.")
        .unwrap();
    assert_eq!(rina_j["hadir"], 1, "{b}: {j}");
    let teks_j = j.to_string();
    assert!(
        !teks_j.contains("lintang") && !teks_j.contains("109.9"),
        "{b}: {teks_j}"
    );
    let r = c
        .get(format!("{url}/api/v1/desa/{DESA}/kehadiran?bulan=2026-13"))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{b}");

    // The district: every village of the kabupaten; a village role cannot open it.
    let kab = masuk_staf(&url, "kabupaten").await;
    let h = teks(&kab, format!("{url}/kehadiran")).await;
    assert!(
        h.contains("id=\"tabel-wilayah\"") && h.contains(DESA) && h.contains(DESA_LAIN),
        "{b}: {h}"
    );
    let r = op.get(format!("{url}/kehadiran")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "{b}");
    assert!(
        s.perangkat()
            .jabatan(DESA, kades_id)
            .await
            .unwrap()
            .is_some()
    );
}
