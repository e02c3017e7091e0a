//! Real renders through typst. Kept as unit tests (one test binary) so they can also look at
//! typst's laid-out document, not only at the PDF bytes.

use std::io::Cursor;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use typst::layout::{Frame, FrameItem};

use super::*;

/// Building the engine parses fonts; share one across tests like the server does.
static MESIN: LazyLock<Mesin> = LazyLock::new(Mesin::baru);

const BADAN_PENDEK: &str = "Yang bertanda tangan di bawah ini menerangkan bahwa:

#biodata(data.p)

benar-benar berdomisili di Desa #data.desa.nama. Surat ini dibuat untuk keperluan \
#data.isian.keperluan.

Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.
";

fn dokumen<'a>(badan: &'a str, data: &'a serde_json::Value, kertas: Kertas) -> Dokumen<'a> {
    Dokumen {
        badan,
        data,
        logo: None,
        qr: Some("https://donorejo.desa.id/v/3f9c2a7b1e8d4c6a"),
        kertas,
        tanda_air: None,
    }
}

/// All text on all pages, in layout order, runs separated by spaces.
fn teks(doc: &PagedDocument) -> String {
    fn kumpul(frame: &Frame, keluar: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => kumpul(&group.frame, keluar),
                FrameItem::Text(text) => {
                    keluar.push_str(&text.text);
                    keluar.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut keluar = String::new();
    for page in doc.pages() {
        kumpul(&page.frame, &mut keluar);
    }
    keluar
}

/// Collapses the whitespace between text runs so phrases split over runs still match.
fn rapat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PNG of about 20 KB that looks like a logo: a ring, a shaded shield and some grain.
fn logo_png() -> Vec<u8> {
    let mut benih = 0x2545_f491_u32;
    let gambar = image::RgbaImage::from_fn(200, 200, |x, y| {
        benih = benih.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let butir = (benih >> 30) as u8;
        let (cx, cy) = (x as i32 - 100, y as i32 - 100);
        let r2 = cx * cx + cy * cy;
        if r2 > 96 * 96 {
            image::Rgba([0, 0, 0, 0])
        } else if r2 > 84 * 84 {
            image::Rgba([200, 160, 20, 255])
        } else if (x / 10 + y / 10) % 3 == 0 {
            image::Rgba([
                20 + (x / 2) as u8 + butir,
                90 + (y / 3) as u8 + butir,
                40,
                255,
            ])
        } else {
            image::Rgba([20 + (x / 2) as u8, 90 + (y / 3) as u8, 40, 255])
        }
    });
    let mut png = Vec::new();
    gambar
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

fn ukuran_mm(doc: &PagedDocument) -> (f64, f64) {
    let size = doc.pages()[0].frame.size();
    (size.x.to_mm().round(), size.y.to_mm().round())
}

#[test]
fn surat_a4_dan_f4_menjadi_pdf_dengan_ukuran_kertas_berbeda() {
    let data = contoh_data();
    let a4 = MESIN
        .render(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("A4");
    let f4 = MESIN
        .render(&dokumen(BADAN_PENDEK, &data, Kertas::F4))
        .expect("F4");
    assert!(a4.starts_with(b"%PDF"));
    assert!(f4.starts_with(b"%PDF"));

    let doc_a4 = MESIN
        .susun(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("A4");
    let doc_f4 = MESIN
        .susun(&dokumen(BADAN_PENDEK, &data, Kertas::F4))
        .expect("F4");
    assert_eq!(ukuran_mm(&doc_a4), (210.0, 297.0));
    assert_eq!(ukuran_mm(&doc_f4), (215.0, 330.0));
    assert_eq!(doc_a4.pages().len(), 1, "a short letter fits one page");

    // The same, as seen in the PDF itself (in points: 215 mm = 609.45 pt, 330 mm = 935.43 pt).
    let mediabox = |pdf: &[u8]| {
        let s = String::from_utf8_lossy(pdf);
        let i = s.find("/MediaBox").expect("MediaBox");
        s[i..i + 40].to_owned()
    };
    assert!(mediabox(&a4).contains("595.2"), "{}", mediabox(&a4));
    assert!(mediabox(&f4).contains("609.4"), "{}", mediabox(&f4));
}

#[test]
fn isi_surat_memuat_nama_nomor_dan_tanggal() {
    let data = contoh_data();
    let doc = MESIN
        .susun(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("render");
    let isi = rapat(&teks(&doc));
    for harus in [
        "PEMERINTAH KABUPATEN BATANG",
        "KECAMATAN LIMPUNG",
        "DESA DONOREJO",
        "SURAT KETERANGAN DOMISILI",
        "Nomor: 400.12.2.2/0007/2004/XI/2026",
        "BUDI SANTOSO",
        "3325081203800001",
        "Batang, 12 Maret 1980",
        "Melamar pekerjaan",
        "Batang, 23 November 2026",
        "Kepala Desa Donorejo",
        "SUTRISNO",
        "Pindai untuk memeriksa keaslian surat ini",
        "Berlaku sampai dengan 23 Desember 2026",
        "Kode Pos 51271",
    ] {
        assert!(isi.contains(harus), "missing {harus:?} in {isi}");
    }
    assert!(!isi.contains("NIP."), "no NIP line when nip is empty");
    assert!(!isi.contains("a.n."), "no atas nama line when it is empty");
}

#[test]
fn atas_nama_dan_nip_dicetak_bila_ada() {
    let mut data = contoh_data();
    data["penanda"] = serde_json::json!({
        "nama": "RINA WATI",
        "jabatan": "Sekretaris Desa",
        "atas_nama": "a.n. Kepala Desa Donorejo",
        "nip": "198001012005012001",
    });
    let doc = MESIN
        .susun(&dokumen("Isi.", &data, Kertas::A4))
        .expect("render");
    let isi = rapat(&teks(&doc));
    assert!(isi.contains("a.n. Kepala Desa Donorejo"), "{isi}");
    assert!(isi.contains("Sekretaris Desa"), "{isi}");
    assert!(isi.contains("NIP. 198001012005012001"), "{isi}");
}

#[test]
fn pdftotext_membaca_nama_nomor_dan_tanggal_bila_terpasang() {
    // Optional cross-check with poppler; the frame-based test above always runs.
    let Ok(keluar) = std::process::Command::new("pdftotext").arg("-v").output() else {
        return;
    };
    if !keluar.status.success() {
        return;
    }
    let data = contoh_data();
    let pdf = MESIN
        .render(&dokumen(BADAN_PENDEK, &data, Kertas::F4))
        .expect("render");
    let dir = std::env::temp_dir().join(format!("balai-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let berkas = dir.join("surat.pdf");
    std::fs::write(&berkas, &pdf).expect("write");
    let hasil = std::process::Command::new("pdftotext")
        .arg(&berkas)
        .arg("-")
        .output()
        .expect("pdftotext");
    std::fs::remove_dir_all(&dir).ok();
    let isi = rapat(&String::from_utf8_lossy(&hasil.stdout));
    for harus in [
        "BUDI SANTOSO",
        "400.12.2.2/0007/2004/XI/2026",
        "23 November 2026",
    ] {
        assert!(isi.contains(harus), "missing {harus:?} in {isi}");
    }
}

#[test]
fn semua_pembantu_badan_bisa_dipakai() {
    let badan = r#"Yang bertanda tangan di bawah ini:

#biodata(data.p)

#if orang("pelapor") != none [
  Pelapor:
  #biodata(orang("pelapor"))
]
#if orang("saksi") == none [Tanpa saksi.]

#rincian((("Keperluan", data.isian.keperluan), ("Umur", data.p.umur)))
"#;
    let data = contoh_data();
    let doc = MESIN
        .susun(&dokumen(badan, &data, Kertas::A4))
        .expect("render");
    let isi = rapat(&teks(&doc));
    for harus in [
        "SITI AMINAH",
        "Pekalongan, 14 Juli 1985",
        "Tanpa saksi.",
        "Keperluan",
        "46 tahun",
        "Status Perkawinan",
        "Kewarganegaraan",
        "Dusun Krajan RT 001 RW 002",
    ] {
        assert!(isi.contains(harus), "missing {harus:?} in {isi}");
    }
}

#[test]
fn galat_di_badan_menunjuk_baris_badan() {
    let badan = "Baris satu.\n\nBaris tiga #foo dan seterusnya.\n";
    let galat = MESIN
        .periksa(badan, &contoh_data())
        .expect_err("unknown variable");
    assert_eq!(galat.baris, Some(3), "{galat:?}");
    assert_eq!(galat.kolom, Some(13), "{galat:?}");
    assert_eq!(
        galat.pesan,
        "Templat salah pada baris 3: unknown variable: foo"
    );

    // Syntax errors too, on the first line.
    let galat = MESIN
        .periksa("#let x = (\n", &contoh_data())
        .expect_err("syntax");
    assert_eq!(galat.baris, Some(1), "{galat:?}");
}

#[test]
fn galat_di_dalam_pembantu_menunjuk_baris_pemanggil() {
    let badan = "Data pelapor:\n#biodata(orang(\"saksi\"))\n";
    let galat = MESIN
        .periksa(badan, &contoh_data())
        .expect_err("no such role");
    assert_eq!(galat.baris, Some(2), "{galat:?}");
    assert!(
        galat.pesan.contains("biodata() memerlukan data orang"),
        "{galat:?}"
    );
}

#[test]
fn periksa_menerima_badan_yang_benar() {
    MESIN
        .periksa(BADAN_PENDEK, &contoh_data())
        .expect("valid body");
}

#[test]
fn nilai_data_dicetak_apa_adanya_bukan_sebagai_markup() {
    let mut data = contoh_data();
    data["p"]["nama"] = serde_json::json!("#read(\"/etc/passwd\") *tebal* $x^2$ <label>");
    data["isian"]["keperluan"] = serde_json::json!("#panic(\"boom\")");
    let badan = "Nama: #data.p.nama\n\nKeperluan: #data.isian.keperluan\n\n#biodata(data.p)";
    let doc = MESIN
        .susun(&dokumen(badan, &data, Kertas::A4))
        .expect("render");
    let isi = rapat(&teks(&doc));
    assert!(
        isi.contains("#read(\"/etc/passwd\") *tebal* $x^2$ <label>"),
        "{isi}"
    );
    assert!(isi.contains("#panic(\"boom\")"), "{isi}");
    assert!(!isi.contains("root:"), "{isi}");
}

#[test]
fn badan_tidak_bisa_membaca_berkas_di_luar_kotak_pasir() {
    for badan in [
        "#read(\"/etc/passwd\")",
        "#image(\"/etc/hosts\")",
        "#include \"/etc/passwd\"",
        "#json(\"/Cargo.toml\")",
    ] {
        let galat = MESIN.periksa(badan, &contoh_data()).expect_err(badan);
        assert!(galat.pesan.contains("akses ditolak"), "{badan}: {galat:?}");
        assert_eq!(galat.baris, Some(1), "{badan}: {galat:?}");
    }
    // Typst itself refuses paths that climb out of the (virtual) root.
    let galat = MESIN
        .periksa("#read(\"../../../../etc/passwd\")", &contoh_data())
        .expect_err("escape");
    assert_eq!(galat.baris, Some(1), "{galat:?}");
    // The letter's own virtual files are fine to read.
    MESIN
        .periksa("#read(\"/data.json\").len()", &contoh_data())
        .expect("own data");
}

#[test]
fn badan_tidak_bisa_memuat_paket() {
    let galat = MESIN
        .periksa("#import \"@preview/x:0.1.0\": *\nHalo", &contoh_data())
        .expect_err("package import");
    assert_eq!(galat.baris, Some(1), "{galat:?}");
    assert!(galat.pesan.contains("akses ditolak"), "{galat:?}");
}

#[test]
fn perulangan_besar_selesai_dalam_waktu_wajar() {
    // Typst cannot be interrupted; this only shows that a big but finite loop ends.
    let mulai = Instant::now();
    let hasil = MESIN.periksa("#for i in range(100000) [x]", &contoh_data());
    let lama = mulai.elapsed();
    assert!(hasil.is_ok(), "{hasil:?}");
    assert!(lama < Duration::from_secs(60), "took {lama:?}");
}

#[test]
fn pdf_dengan_logo_20_kb_di_bawah_60_kb() {
    let logo = logo_png();
    assert!(
        (18_000..24_000).contains(&logo.len()),
        "logo is {} bytes",
        logo.len()
    );
    let data = contoh_data();
    let mut dok = dokumen(BADAN_PENDEK, &data, Kertas::A4);
    dok.logo = Some(&logo);
    let pdf = MESIN.render(&dok).expect("render");
    println!("logo {} bytes, PDF {} bytes", logo.len(), pdf.len());
    assert!(pdf.len() < 60_000, "PDF is {} bytes", pdf.len());
    let tanpa_logo = MESIN
        .render(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("render");
    assert!(pdf.len() > tanpa_logo.len(), "logo is embedded");
}

#[test]
fn logo_jpeg_juga_diterima() {
    let mut jpeg = Vec::new();
    image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 90]))
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .expect("jpeg");
    let data = contoh_data();
    let mut dok = dokumen("Isi.", &data, Kertas::F4);
    dok.logo = Some(&jpeg);
    assert!(MESIN.render(&dok).expect("render").starts_with(b"%PDF"));
}

#[test]
fn logo_rusak_menjadi_galat_bukan_panik() {
    let data = contoh_data();
    let mut dok = dokumen("Isi.", &data, Kertas::A4);
    dok.logo = Some(b"bukan gambar");
    let galat = MESIN.render(&dok).expect_err("bad logo");
    assert_eq!(galat.baris, None, "{galat:?}");
}

#[test]
fn data_minimal_tetap_bisa_dicetak() {
    // Optional parts may be absent; the frame must not fail on them.
    let data = serde_json::json!({ "surat": { "judul": "SURAT PENGANTAR" } });
    let doc = MESIN
        .susun(&dokumen("Isi surat.", &data, Kertas::A4))
        .expect("render");
    assert!(rapat(&teks(&doc)).contains("SURAT PENGANTAR"));
    MESIN
        .render(&Dokumen {
            qr: None,
            ..dokumen("Isi.", &data, Kertas::A4)
        })
        .expect("no QR");
}

#[test]
fn kode_kertas_bolak_balik() {
    for k in [Kertas::A4, Kertas::F4] {
        assert_eq!(Kertas::dari_kode(k.kode()), Some(k));
    }
    assert_eq!(Kertas::dari_kode("f4"), Some(Kertas::F4));
    assert_eq!(Kertas::dari_kode("Letter"), None);
    assert_eq!(serde_json::to_string(&Kertas::F4).expect("json"), "\"F4\"");
}

#[test]
fn mesin_bisa_dibagi_antar_thread() {
    fn bisa_dibagi<T: Send + Sync>() {}
    bisa_dibagi::<Mesin>();
    let data = contoh_data();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                MESIN
                    .render(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
                    .expect("render")
            });
        }
    });
}

#[test]
fn tanggal_sipil_benar() {
    assert_eq!(tanggal_sipil(0), (1970, 1, 1));
    assert_eq!(tanggal_sipil(11_016), (2000, 2, 29));
    assert_eq!(tanggal_sipil(20_780), (2026, 11, 23));
    assert_eq!(tanggal_sipil(-1), (1969, 12, 31));
}

#[test]
fn tabel_laporan_banyak_halaman() {
    let mesin = Mesin::baru();
    let kolom = [
        "Nomor Urut",
        "Nomor Surat",
        "Tanggal Surat",
        "Ditujukan Kepada",
        "Isi Singkat",
    ];
    let baris: Vec<Vec<String>> = (1..=120)
        .map(|i| {
            vec![
                i.to_string(),
                format!("400.8.1.6/{i:03}/2004/XI/2026"),
                "23 November 2026".into(),
                "#read(\"/etc/passwd\") *SITI*".into(),
                "Keterangan Domisili".into(),
            ]
        })
        .collect();
    let pdf = mesin
        .render_tabel(&Tabel {
            judul: "Buku Agenda Surat Keluar",
            subjudul: "Desa Donorejo, November 2026",
            kolom: &kolom,
            baris: &baris,
            kertas: Kertas::F4,
            kop: &[],
            tanda_tangan: &[],
            nomor_kolom: false,
        })
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let teks = String::from_utf8_lossy(&pdf);
    assert!(
        teks.matches("/Type/Page/").count() >= 2,
        "120 rows fill several pages"
    );
    // A row of the wrong length is refused.
    let salah = vec![vec!["1".to_string()]];
    assert!(
        mesin
            .render_tabel(&Tabel {
                judul: "x",
                subjudul: "",
                kolom: &kolom,
                baris: &salah,
                kertas: Kertas::A4,
                kop: &[],
                tanda_tangan: &[],
                nomor_kolom: false,
            })
            .is_err()
    );
}

#[test]
fn atas_nama_bertingkat_dicetak_per_baris() {
    /// The vertical position (pt) of every text run that contains `kata`.
    fn tinggi(frame: &Frame, y: f64, kata: &str, keluar: &mut Vec<i64>) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => tinggi(&g.frame, y + pos.y.to_pt(), kata, keluar),
                FrameItem::Text(t) if t.text.contains(kata) => {
                    keluar.push((y + pos.y.to_pt()).round() as i64)
                }
                _ => {}
            }
        }
    }
    let mut data = contoh_data();
    data["penanda"] = serde_json::json!({
        "nama": "AGUS",
        "jabatan": "Kepala Seksi Pemerintahan",
        "atas_nama": "a.n. Kepala Desa Donorejo\nSekretaris Desa\nu.b.",
        "nip": "",
    });
    let doc = MESIN
        .susun(&dokumen("Isi.", &data, Kertas::A4))
        .expect("render");
    let mut y = Vec::new();
    for kata in ["a.n.", "Sekretaris", "u.b."] {
        let mut t = Vec::new();
        tinggi(&doc.pages()[0].frame, 0.0, kata, &mut t);
        y.push(*t.last().unwrap_or_else(|| panic!("{kata} printed")));
    }
    assert!(y[0] < y[1] && y[1] < y[2], "one line per level: {y:?}");
}

#[test]
fn kolom_angka_rata_kanan_dan_kop_serta_tanda_tangan_tercetak() {
    let kolom = ["Kode", "Uraian", "Anggaran (Rp)", "%"];
    let baris = vec![
        vec![
            "5.2.1".to_string(),
            "Belanja barang".to_string(),
            "Rp 1.250.000".to_string(),
            "40,0%".to_string(),
        ],
        vec![
            String::new(),
            "JUMLAH".to_string(),
            "Rp 0".to_string(),
            "—".to_string(),
        ],
    ];
    let kop = vec![
        "Pemerintah Kabupaten Batang".to_string(),
        "Desa Donorejo".to_string(),
        "Jl. Raya Donorejo 1".to_string(),
    ];
    let ttd = vec![
        "Donorejo, 6 Desember 2026".to_string(),
        "Kepala Desa Donorejo".to_string(),
        "SUTRISNO".to_string(),
    ];
    let t = Tabel {
        judul: "Laporan Realisasi",
        subjudul: "",
        kolom: &kolom,
        baris: &baris,
        kertas: Kertas::F4,
        kop: &kop,
        tanda_tangan: &ttd,
        nomor_kolom: false,
    };
    // Amounts and shares right, codes and words left.
    assert_eq!(kolom_angka(&t), vec![2, 3]);
    let pdf = MESIN.render_tabel(&t).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn kepala_bertingkat_dan_nomor_kolom_tercetak() {
    let kolom = [
        "NOMOR URUT",
        "PENAMBAHAN > DATANG DARI",
        "PENAMBAHAN > TANGGAL",
        "PENGURANGAN > MENINGGAL > TANGGAL",
        "KET",
    ];
    let baris = vec![vec![
        "1".into(),
        "Batang".into(),
        "01-02-2026".into(),
        "".into(),
        "".into(),
    ]];
    let t = Tabel {
        judul: "Buku Mutasi Penduduk Desa",
        subjudul: "Tahun 2026",
        kolom: &kolom,
        baris: &baris,
        kertas: Kertas::F4,
        kop: &[],
        tanda_tangan: &[],
        nomor_kolom: true,
    };
    let pdf = MESIN.render_tabel(&t).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn formulir_adminduk_dicetak() {
    let mesin = Mesin::baru();
    let bagian = vec![BagianFormulir {
        judul: "Data anak".into(),
        baris: vec![
            ("Nama".into(), "Bayi #panic(\"x\") [Sari]".into()),
            ("Jenis kelamin".into(), "Perempuan".into()),
        ],
    }];
    let pdf = mesin
        .render_formulir(&Formulir {
            kode: "F-2.01",
            judul: "Formulir Pelaporan Pencatatan Sipil",
            nomor: "AD-7K3M9Q2P",
            wilayah: &[("Desa/Kelurahan".into(), "33.25.11.2003 – Donorejo".into())],
            bagian: &bagian,
            syarat: &[
                ("Kartu Keluarga".into(), true),
                ("Buku nikah".into(), false),
            ],
            tempat_tanggal: "Donorejo, 6 Desember 2026",
            tanda_tangan: &[
                ("Pemohon".into(), "Siti".into()),
                ("Petugas".into(), "Budi".into()),
            ],
            kertas: Kertas::A4,
        })
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Values are data, not markup: the text with "#panic" printed instead of failing.
    assert!(String::from_utf8_lossy(&pdf).contains("/Type/Page"));
}

/// Any body an admin could type (markup characters, braces, hashes, unicode) compiles to a letter
/// or to a message, never a panic; data values never become markup.
mod uji_sifat {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn badan_acak_menjadi_surat_atau_pesan(badan in "[#\\[\\]{}()*_=$<>@a-z0-9 .,:\n\\\\\"-]{0,120}") {
            let _ = MESIN.periksa(&badan, &contoh_data());
        }

        #[test]
        fn nilai_data_tidak_pernah_menjadi_markup(nama in "\\PC{0,60}") {
            let mut data = contoh_data();
            data["p"]["nama"] = serde_json::Value::String(nama);
            prop_assert!(MESIN.periksa("#data.p.nama", &data).is_ok());
        }
    }
}

#[test]
fn tanda_air_latihan_ada_di_setiap_halaman_surat_dan_laporan() {
    let data = contoh_data();
    let latihan = Mesin::baru().dengan_tanda_air("LATIHAN — TIDAK SAH");
    let doc = latihan
        .susun(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("letter");
    assert!(rapat(&teks(&doc)).contains("LATIHAN — TIDAK SAH"));
    let biasa = Mesin::baru()
        .susun(&dokumen(BADAN_PENDEK, &data, Kertas::A4))
        .expect("letter");
    assert!(!teks(&biasa).contains("LATIHAN"));
    // A letter asks for the mark itself when the engine has none (worker processes).
    let diminta = Mesin::baru()
        .susun(&Dokumen {
            tanda_air: Some("LATIHAN — TIDAK SAH"),
            ..dokumen(BADAN_PENDEK, &data, Kertas::A4)
        })
        .expect("letter");
    assert!(teks(&diminta).contains("LATIHAN"));

    let baris: Vec<Vec<String>> = (0..120).map(|i| vec![i.to_string(), "x".into()]).collect();
    let tabel = Tabel {
        judul: "Buku",
        subjudul: "",
        kolom: &["No", "Isi"],
        baris: &baris,
        kertas: Kertas::A4,
        kop: &[],
        tanda_tangan: &[],
        nomor_kolom: false,
    };
    let polos = Mesin::baru().render_tabel(&tabel).expect("table");
    let bertanda = latihan.render_tabel(&tabel).expect("table");
    assert!(
        bertanda.len() > polos.len(),
        "the mark adds text to the pages"
    );
}

/// The letter-template fuzz corpus (`fuzz/corpus/templat_surat`, grown by `bench/fuzz.sh`)
/// compiles to a letter or to a message on the stable toolchain too.
#[test]
fn korpus_fuzz_templat_menjadi_surat_atau_pesan() {
    let folder = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/corpus/templat_surat"
    );
    let data = contoh_data();
    let mut n = 0;
    for e in std::fs::read_dir(folder).unwrap() {
        let b = std::fs::read(e.unwrap().path()).unwrap();
        let _ = MESIN.periksa(&String::from_utf8_lossy(&b), &data);
        n += 1;
    }
    assert!(n > 0, "the corpus has seeds");
}
