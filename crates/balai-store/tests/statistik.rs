use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::statistik::{BarisStatistik, JenisStatistik, Statistik, svg_batang, svg_piramida};
use balai_store::{Aktor, Store};
use chrono::NaiveDate;

fn hari_ini() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const DESA_A: &str = "3325082004";
const DESA_B: &str = "3325082005";
const DESA_C: &str = "3325092004";

struct Warga<'a> {
    nik: &'a str,
    jk: &'a str,
    lahir: &'a str,
    pendidikan: &'a str,
    pekerjaan: &'a str,
    agama: &'a str,
    kawin: &'a str,
    shdk: &'a str,
    kk: &'a str,
    dusun: &'a str,
    rw: &'a str,
    rt: &'a str,
}

fn data(w: &Warga) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", w.nik),
        ("jenis_kelamin", w.jk),
        ("tanggal_lahir", w.lahir),
        ("agama_id", w.agama),
        ("pendidikan_kk_id", w.pendidikan),
        ("pekerjaan_id", w.pekerjaan),
        ("status_kawin_id", w.kawin),
        ("shdk_id", w.shdk),
        ("no_kk", w.kk),
        ("dusun", w.dusun),
        ("rw", w.rw),
        ("rt", w.rt),
    ])
}

const KK1: &str = "3325081201100001";
const KK2: &str = "3325081201100002";
const KK3: &str = "3325081201100003";

#[allow(clippy::too_many_arguments)]
fn w<'a>(
    nik: &'a str,
    jk: &'a str,
    lahir: &'a str,
    pendidikan: &'a str,
    pekerjaan: &'a str,
    agama: &'a str,
    kawin: &'a str,
    shdk: &'a str,
    kk: &'a str,
    dusun: &'a str,
    rw: &'a str,
    rt: &'a str,
) -> Warga<'a> {
    Warga {
        nik,
        jk,
        lahir,
        pendidikan,
        pekerjaan,
        agama,
        kawin,
        shdk,
        kk,
        dusun,
        rw,
        rt,
    }
}

/// Village A: five living residents and one dead; B and C one living resident each.
async fn isi(s: &Store) {
    let a = Aktor::sistem();
    for kode in [DESA_A, DESA_B, DESA_C] {
        s.buat_desa(&KodeDesa::parse(kode).unwrap(), &a)
            .await
            .unwrap();
    }
    let warga_a = [
        // 46 years old, head of KK1.
        w(
            "3325080101800001",
            "1",
            "1980-01-01",
            "5",
            "9",
            "1",
            "2",
            "1",
            KK1,
            "KRAJAN",
            "001",
            "002",
        ),
        // 41, wife.
        w(
            "3325085506850002",
            "2",
            "1985-06-15",
            "3",
            "2",
            "1",
            "2",
            "3",
            KK1,
            "KRAJAN",
            "001",
            "002",
        ),
        // Exactly 4 today: still in 0–4.
        w(
            "3325082311220003",
            "1",
            "2022-11-23",
            "1",
            "1",
            "1",
            "1",
            "4",
            KK1,
            "KRAJAN",
            "001",
            "002",
        ),
        // Exactly 5 today: 5–9.
        w(
            "3325086311210004",
            "2",
            "2021-11-23",
            "1",
            "1",
            "1",
            "1",
            "4",
            KK1,
            "KRAJAN",
            "001",
            "002",
        ),
        // 86: 75+.
        w(
            "3325084303400005",
            "2",
            "1940-03-03",
            "2",
            "89",
            "2",
            "4",
            "1",
            KK2,
            "SUKA & MAJU",
            "002",
            "001",
        ),
        // Dies below.
        w(
            "3325080202900006",
            "1",
            "1990-02-02",
            "8",
            "15",
            "1",
            "1",
            "1",
            KK3,
            "SUKA & MAJU",
            "002",
            "001",
        ),
    ];
    let mut ids = Vec::new();
    for x in &warga_a {
        ids.push(s.tambah_penduduk(DESA_A, &data(x), &a).await.unwrap());
    }
    let r = RincianStatus {
        tanggal: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        sebab: "sakit".into(),
        ..Default::default()
    };
    s.catat_status(DESA_A, ids[5], JenisPeristiwa::Mati, &r, &a)
        .await
        .unwrap();
    let b = w(
        "3325080101700007",
        "1",
        "1970-01-01",
        "5",
        "9",
        "1",
        "2",
        "1",
        "3325081201100007",
        "KRAJAN",
        "001",
        "001",
    );
    s.tambah_penduduk(DESA_B, &data(&b), &a).await.unwrap();
    let c = w(
        "3325094101700008",
        "2",
        "1970-01-01",
        "5",
        "9",
        "1",
        "2",
        "1",
        "3325091201100008",
        "KRAJAN",
        "001",
        "001",
    );
    s.tambah_penduduk(DESA_C, &data(&c), &a).await.unwrap();
}

fn baris<'a>(st: &'a Statistik, kode: &str) -> &'a BarisStatistik {
    st.baris
        .iter()
        .find(|b| b.kode == kode)
        .unwrap_or_else(|| panic!("baris {kode} tidak ada di {st:#?}"))
}

fn angka(b: &BarisStatistik) -> (i64, i64, i64) {
    (b.laki, b.perempuan, b.jumlah)
}

balai_testkit::tiap_backend!(statistik_menghitung_tepat_di_kedua_backend);
async fn statistik_menghitung_tepat_di_kedua_backend(be: &'static str, s: balai_store::Store) {
    isi(&s).await;
    let st = |j| {
        let s = s.clone();
        async move { s.statistik_penduduk(DESA_A, j, hari_ini()).await.unwrap() }
    };

    // Sex: the dead man and the other villages are not counted.
    let jk = st(JenisStatistik::JenisKelamin).await;
    assert_eq!(jk.baris.len(), 2, "{be}");
    assert_eq!(angka(baris(&jk, "1")), (2, 0, 2), "{be}");
    assert_eq!(angka(baris(&jk, "2")), (0, 3, 3), "{be}");
    assert_eq!(angka(&jk.total), (2, 3, 5), "{be}");
    assert_eq!(jk.baris[0].label, "LAKI-LAKI", "{be}");
    assert_eq!(jk.judul, "Jumlah Penduduk Menurut Jenis Kelamin", "{be}");

    // Status dasar counts everyone, with every status listed.
    let sd = st(JenisStatistik::StatusDasar).await;
    assert_eq!(angka(baris(&sd, "1")), (2, 3, 5), "{be}");
    assert_eq!(angka(baris(&sd, "2")), (1, 0, 1), "{be}");
    assert_eq!(angka(baris(&sd, "3")), (0, 0, 0), "{be}");
    assert_eq!(angka(baris(&sd, "4")), (0, 0, 0), "{be}");
    assert_eq!(angka(&sd.total), (3, 3, 6), "{be}");

    // Age bands, with the birthday boundaries exact.
    let umur = st(JenisStatistik::Umur).await;
    assert_eq!(umur.baris.len(), 16, "{be}");
    assert_eq!(umur.baris[0].label, "0–4 tahun", "{be}");
    assert_eq!(umur.baris[15].label, "75 tahun ke atas", "{be}");
    assert_eq!(angka(baris(&umur, "0")), (1, 0, 1), "{be}");
    assert_eq!(angka(baris(&umur, "5")), (0, 1, 1), "{be}");
    assert_eq!(angka(baris(&umur, "40")), (0, 1, 1), "{be}");
    assert_eq!(angka(baris(&umur, "45")), (1, 0, 1), "{be}");
    assert_eq!(angka(baris(&umur, "75")), (0, 1, 1), "{be}");
    assert_eq!(angka(&umur.total), (2, 3, 5), "{be}");
    // A day earlier the 5-year-old was still 4, the 4-year-old 3.
    let kemarin = s
        .statistik_penduduk(
            DESA_A,
            JenisStatistik::Umur,
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(angka(baris(&kemarin, "0")), (1, 1, 2), "{be}");
    assert_eq!(angka(baris(&kemarin, "5")), (0, 0, 0), "{be}");

    // Education: the whole (short) list, zero rows included.
    let pend = st(JenisStatistik::Pendidikan).await;
    assert_eq!(pend.baris.len(), 10, "{be}");
    assert_eq!(angka(baris(&pend, "1")), (1, 1, 2), "{be}");
    assert_eq!(angka(baris(&pend, "2")), (0, 1, 1), "{be}");
    assert_eq!(angka(baris(&pend, "3")), (0, 1, 1), "{be}");
    assert_eq!(angka(baris(&pend, "5")), (1, 0, 1), "{be}");
    assert_eq!(angka(baris(&pend, "8")), (0, 0, 0), "{be}");
    assert_eq!(baris(&pend, "5").label, "SLTA / SEDERAJAT", "{be}");

    // Occupation: long list, only rows with people.
    let pek = st(JenisStatistik::Pekerjaan).await;
    let kode: Vec<&str> = pek.baris.iter().map(|b| b.kode.as_str()).collect();
    assert_eq!(kode, ["1", "2", "9", "89"], "{be}");
    assert_eq!(angka(baris(&pek, "1")), (1, 1, 2), "{be}");

    let agama = st(JenisStatistik::Agama).await;
    assert_eq!(angka(baris(&agama, "1")), (2, 2, 4), "{be}");
    assert_eq!(angka(baris(&agama, "2")), (0, 1, 1), "{be}");
    assert_eq!(agama.baris.len(), 7, "{be}");

    let kawin = st(JenisStatistik::StatusKawin).await;
    assert_eq!(angka(baris(&kawin, "1")), (1, 1, 2), "{be}");
    assert_eq!(angka(baris(&kawin, "2")), (1, 1, 2), "{be}");
    assert_eq!(angka(baris(&kawin, "4")), (0, 1, 1), "{be}");

    // An optional field nobody filled in.
    let darah = st(JenisStatistik::GolonganDarah).await;
    let kosong = darah.baris.last().unwrap();
    assert_eq!(
        (kosong.kode.as_str(), kosong.label.as_str()),
        ("", "BELUM MENGISI"),
        "{be}"
    );
    assert_eq!(angka(kosong), (2, 3, 5), "{be}");

    // Region units.
    let dusun = st(JenisStatistik::Dusun).await;
    assert_eq!(dusun.baris.len(), 2, "{be}");
    assert_eq!(angka(baris(&dusun, "KRAJAN")), (2, 2, 4), "{be}");
    assert_eq!(angka(baris(&dusun, "SUKA & MAJU")), (0, 1, 1), "{be}");
    let rw = st(JenisStatistik::Rw).await;
    assert_eq!(angka(baris(&rw, "KRAJAN/001")), (2, 2, 4), "{be}");
    assert_eq!(baris(&rw, "KRAJAN/001").label, "KRAJAN, RW 001", "{be}");
    let rt = st(JenisStatistik::Rt).await;
    assert_eq!(angka(baris(&rt, "SUKA & MAJU/002/001")), (0, 1, 1), "{be}");
    assert_eq!(
        baris(&rt, "SUKA & MAJU/002/001").label,
        "SUKA & MAJU, RW 002, RT 001",
        "{be}"
    );
    assert_eq!(angka(&rt.total), (2, 3, 5), "{be}");
}

balai_testkit::tiap_backend!(statistik_wilayah_menjumlahkan_desa_di_bawahnya);
async fn statistik_wilayah_menjumlahkan_desa_di_bawahnya(be: &'static str, s: balai_store::Store) {
    isi(&s).await;
    let hari = hari_ini();
    // The kecamatan (with dots, as users type it): A and B, not C.
    let kec = s
        .statistik_penduduk("33.25.08", JenisStatistik::JenisKelamin, hari)
        .await
        .unwrap();
    assert_eq!(angka(&kec.total), (3, 3, 6), "{be}");
    assert_eq!(kec.cakupan, "332508", "{be}");
    let kab = s
        .statistik_penduduk("3325", JenisStatistik::JenisKelamin, hari)
        .await
        .unwrap();
    assert_eq!(angka(&kab.total), (3, 4, 7), "{be}");
    let semua = s
        .statistik_penduduk("", JenisStatistik::JenisKelamin, hari)
        .await
        .unwrap();
    assert_eq!(angka(&semua.total), (3, 4, 7), "{be}");
    let lain = s
        .statistik_penduduk("3326", JenisStatistik::JenisKelamin, hari)
        .await
        .unwrap();
    assert_eq!(angka(&lain.total), (0, 0, 0), "{be}");

    // Per village, with names.
    let desa = s
        .statistik_penduduk("332508", JenisStatistik::Desa, hari)
        .await
        .unwrap();
    let nama_a = s.desa(DESA_A).await.unwrap().unwrap().nama;
    assert_eq!(desa.baris.len(), 2, "{be}");
    assert_eq!(angka(baris(&desa, DESA_A)), (2, 3, 5), "{be}");
    assert_eq!(baris(&desa, DESA_A).label, nama_a, "{be}");
    assert_eq!(angka(baris(&desa, DESA_B)), (1, 0, 1), "{be}");

    // Dusun across villages are kept apart and named by village.
    let dusun = s
        .statistik_penduduk("332508", JenisStatistik::Dusun, hari)
        .await
        .unwrap();
    assert_eq!(
        angka(baris(&dusun, &format!("{DESA_A}/KRAJAN"))),
        (2, 2, 4),
        "{be}"
    );
    assert_eq!(
        angka(baris(&dusun, &format!("{DESA_B}/KRAJAN"))),
        (1, 0, 1),
        "{be}"
    );
    assert_eq!(
        baris(&dusun, &format!("{DESA_A}/KRAJAN")).label,
        format!("{nama_a}, KRAJAN"),
        "{be}"
    );

    // Another village's statistic does not see A's residents.
    let b = s
        .statistik_penduduk(DESA_B, JenisStatistik::Umur, hari)
        .await
        .unwrap();
    assert_eq!(angka(&b.total), (1, 0, 1), "{be}");

    // Not a region code.
    assert!(
        s.statistik_penduduk("33' OR '1'='1", JenisStatistik::Agama, hari)
            .await
            .is_err(),
        "{be}"
    );
}

fn seimbang(svg: &str, buka: &str, tutup: &str) -> bool {
    svg.matches(buka).count() == svg.matches(tutup).count()
}

balai_testkit::tiap_backend!(svg_memuat_label_dan_terescape);
async fn svg_memuat_label_dan_terescape(be: &'static str, s: balai_store::Store) {
    isi(&s).await;
    let dusun = s
        .statistik_penduduk(DESA_A, JenisStatistik::Dusun, hari_ini())
        .await
        .unwrap();
    let svg = svg_batang(&dusun);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{be}"
    );
    assert!(svg.ends_with("</svg>"), "{be}");
    assert!(svg.contains("role=\"img\""), "{be}");
    assert!(
        svg.contains("<title id=\"statistik-dusun-judul\">Jumlah Penduduk Menurut Dusun</title>"),
        "{be}"
    );
    assert!(svg.contains("<desc id=\"statistik-dusun-desc\">"), "{be}");
    assert!(svg.contains("SUKA &amp; MAJU"), "{be}");
    assert!(!svg.contains("SUKA & MAJU"), "{be}");
    assert!(svg.contains(">KRAJAN<"), "{be}");
    assert!(svg.contains("4 (80,0%)"), "{be}");
    assert!(!svg.contains("<script"), "{be}");
    assert!(!svg.contains("@font-face") && !svg.contains("href"), "{be}");
    for (a, b) in [
        ("<g>", "</g>"),
        ("<text", "</text>"),
        ("<title", "</title>"),
    ] {
        assert!(seimbang(&svg, a, b), "{be}: {a} tidak seimbang");
    }

    let umur = s
        .statistik_penduduk(DESA_A, JenisStatistik::Umur, hari_ini())
        .await
        .unwrap();
    let p = svg_piramida(&umur);
    assert!(
        p.contains("Laki-laki (2)") && p.contains("Perempuan (3)"),
        "{be}"
    );
    assert!(p.contains("75 tahun ke atas"), "{be}");
    // Oldest band drawn first (top).
    assert!(
        p.find(">75 tahun ke atas</text>").unwrap() < p.find(">0–4 tahun</text>").unwrap(),
        "{be}"
    );
    assert!(p.contains("Piramida penduduk."), "{be}");
    for (a, b) in [("<g>", "</g>"), ("<text", "</text>"), ("<rect", "/>")] {
        assert!(
            seimbang(&p, a, b) || a == "<rect",
            "{be}: {a} tidak seimbang"
        );
    }
}

#[test]
fn svg_statistik_kosong_tetap_sah() {
    let st = Statistik {
        jenis: JenisStatistik::Pekerjaan,
        judul: "Jumlah <Penduduk>".into(),
        cakupan: String::new(),
        tanggal: hari_ini(),
        baris: Vec::new(),
        total: BarisStatistik::default(),
    };
    let svg = svg_batang(&st);
    assert!(svg.contains("Tidak ada data."));
    assert!(svg.contains("Jumlah &lt;Penduduk&gt;"));
    assert!(svg.ends_with("</svg>"));
}
