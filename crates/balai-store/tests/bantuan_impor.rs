//! Importing and exporting a programme's recipients on both backends: OpenSID's own recipient
//! template read as it is, a CSV whose every row is valid, a file with bad rows (another
//! village's NIK, an unknown NIK, a dead resident, a duplicate row, a malformed NIK, a second
//! member of one family, a rule not met) that stores nothing and names each bad row, a preview
//! that writes nothing, and export then re-import into another programme (xlsx and CSV).

use balai_domain::KodeDesa;
use balai_domain::bantuan::{Aturan, Sasaran};
use balai_store::audit::SaringAudit;
use balai_store::bantuan::{LaporanImporPenerima, PenerimaBaru, ProgramBaru, StatusBaris};
use balai_store::impor::{FormatImpor, OpsiImpor};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::{Aktor, Galat, Jam, Store};
use calamine::Reader;
use chrono::{NaiveDate, TimeZone, Utc};
use std::collections::BTreeSet;
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";
const SENGGIGI: &str = "5201142005";
const NAMA: [&str; 10] = [
    "ADI", "BUDI", "CAHYO", "DARMO", "EKO", "FAJAR", "GUNTUR", "HADI", "IWAN", "JOKO",
];

fn tgl(t: i32, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t, b, h).unwrap()
}

/// The store with "now" fixed at 10:00 WIB of 1 September 2026.
fn pada(s: &Store) -> Store {
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

fn op() -> Aktor {
    Aktor::pengguna("operator")
}

async fn desa(s: &Store, kode: &str) {
    s.buat_desa(&KodeDesa::parse(kode).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
}

/// A family of two (father as head, mother); answers their NIKs.
async fn keluarga(s: &Store, desa_id: &str, urut: u32) -> (String, String) {
    let no_kk = format!("332508120110{urut:04}");
    let nik_ayah = format!("33250801018{urut:05}");
    let nik_ibu = format!("33250841018{urut:05}");
    let nama = NAMA[(urut as usize - 1) % NAMA.len()];
    for (nik, n, jk, shdk) in [
        (&nik_ayah, format!("BAPAK {nama}"), "1", "1"),
        (&nik_ibu, format!("IBU {nama}"), "2", "3"),
    ] {
        let d = balai_testkit::data_penduduk(&[
            ("nik", nik),
            ("nama", &n),
            ("jenis_kelamin", jk),
            ("shdk_id", shdk),
            ("no_kk", &no_kk),
        ]);
        s.tambah_penduduk(desa_id, &d, &op()).await.unwrap();
    }
    (nik_ayah, nik_ibu)
}

fn program(kode: &str, sasaran: Sasaran, aturan: Aturan) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        sasaran,
        tahun: 2026,
        mulai: Some(tgl(2026, 1, 1)),
        selesai: Some(tgl(2026, 12, 31)),
        nominal: 300_000,
        bentuk: "tunai".into(),
        asal_dana: "Dana Desa".into(),
        baris_kunci: None,
        aturan,
        publikasi: false,
        keterangan: "Uji impor".into(),
    }
}

async fn buat_program(s: &Store, desa_id: &str, b: &ProgramBaru) -> Uuid {
    s.bantuan()
        .simpan_program(desa_id, None, b, &op())
        .await
        .unwrap()
}

async fn impor(
    s: &Store,
    desa_id: &str,
    program_id: Uuid,
    isi: &[u8],
    nama: &str,
    terapkan: bool,
) -> LaporanImporPenerima {
    s.bantuan()
        .impor_penerima(desa_id, program_id, isi, nama, terapkan, &op())
        .await
        .unwrap()
}

/// NIKs of a programme's active recipients.
async fn nik_aktif(s: &Store, desa_id: &str, program_id: Uuid) -> BTreeSet<String> {
    s.bantuan()
        .penerima(desa_id, program_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.aktif)
        .map(|p| p.nik)
        .collect()
}

async fn jumlah_audit(s: &Store, desa_id: &str, aksi: &str) -> usize {
    s.daftar_audit(
        desa_id,
        &SaringAudit {
            aksi: Some(aksi.into()),
            batas: 100,
            ..SaringAudit::default()
        },
    )
    .await
    .unwrap()
    .len()
}

fn ringkas(l: &LaporanImporPenerima) -> String {
    l.baris
        .iter()
        .map(|b| format!("{} {} {:?}: {}", b.baris, b.nik, b.status, b.pesan))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The message of a file-level error (on the upload field).
fn galat_berkas(r: Result<LaporanImporPenerima, Galat>) -> String {
    match r {
        Err(Galat::Isian(g)) => g.untuk("berkas").expect("pesan berkas").to_string(),
        lain => panic!("bukan galat berkas: {lain:?}"),
    }
}

fn fixture(nama: &str) -> Vec<u8> {
    std::fs::read(balai_testkit::data_uji(nama)).unwrap()
}

balai_testkit::tiap_backend!(templat_opensid_diimpor_apa_adanya);
async fn templat_opensid_diimpor_apa_adanya(be: &'static str, s: Store) {
    let s = pada(&s);
    desa(&s, SENGGIGI).await;
    // OpenSID's demo residents, then OpenSID's recipient template naming two of them.
    let l = s
        .impor_penduduk(
            SENGGIGI,
            "contoh_penduduk.csv",
            &fixture("opensid/contoh_penduduk.csv"),
            &OpsiImpor {
                format: FormatImpor::OpenSid,
                dry_run: false,
                dusun_baru: None,
            },
            &op(),
        )
        .await
        .unwrap();
    assert!(l.diterapkan, "{be}: {:?}", l.galat);
    let templat = fixture("opensid/format_impor_program_bantuan.xlsx");
    let orang = buat_program(
        &s,
        SENGGIGI,
        &program("BST", Sasaran::Penduduk, Aturan::default()),
    )
    .await;

    // Preview: both rows valid, nothing written.
    let l = impor(&s, SENGGIGI, orang, &templat, "format.xlsx", false).await;
    assert_eq!(
        (l.total, l.sah, l.galat),
        (2, 2, 0),
        "{be}: {}",
        ringkas(&l)
    );
    assert!(!l.diterapkan, "{be}");
    let baris: Vec<(usize, &str, &str)> = l
        .baris
        .iter()
        .map(|b| (b.baris, b.nik.as_str(), b.nama.as_str()))
        .collect();
    assert_eq!(
        baris,
        vec![
            (2, "5201142005716996", "AHLUL"),
            (3, "5201140301916995", "AHMAD HABIB")
        ],
        "{be}: the notes below ### are not rows"
    );
    assert!(nik_aktif(&s, SENGGIGI, orang).await.is_empty(), "{be}");
    assert_eq!(
        jumlah_audit(&s, SENGGIGI, "impor_penerima").await,
        0,
        "{be}"
    );

    // Applied: both written, each with the file as its basis, and the import in the audit log.
    let l = impor(&s, SENGGIGI, orang, &templat, "format.xlsx", true).await;
    assert!(l.diterapkan && l.galat == 0, "{be}: {}", ringkas(&l));
    assert!(l.baris.iter().all(|b| b.pesan == "Ditambahkan."), "{be}");
    let p = s.bantuan().penerima(SENGGIGI, orang).await.unwrap();
    assert_eq!(p.len(), 2, "{be}");
    assert!(
        p.iter().all(|x| x.dasar == "Impor berkas format.xlsx"),
        "{be}"
    );
    assert_eq!(
        jumlah_audit(&s, SENGGIGI, "impor_penerima").await,
        1,
        "{be}"
    );
    assert_eq!(
        jumlah_audit(&s, SENGGIGI, "tambah_penerima").await,
        2,
        "{be}"
    );

    // Importing the same file again: both already registered, nothing changes.
    let l = impor(&s, SENGGIGI, orang, &templat, "format.xlsx", true).await;
    assert!(!l.diterapkan && l.galat == 2, "{be}: {}", ringkas(&l));
    assert!(
        l.baris[0]
            .pesan
            .contains("AHLUL sudah terdaftar sebagai penerima BST"),
        "{be}: {}",
        ringkas(&l)
    );

    // For a family programme the two (father and son, one family card) are one target.
    let kk = buat_program(
        &s,
        SENGGIGI,
        &program("BLT-DD", Sasaran::Keluarga, Aturan::default()),
    )
    .await;
    let l = impor(&s, SENGGIGI, kk, &templat, "format.xlsx", true).await;
    assert!(!l.diterapkan, "{be}");
    assert_eq!(l.baris[0].status, StatusBaris::Ok, "{be}: {}", ringkas(&l));
    assert_eq!(l.baris[1].status, StatusBaris::Galat, "{be}");
    assert!(
        l.baris[1]
            .pesan
            .contains("sudah diwakili AHLUL di baris 2 berkas ini"),
        "{be}: {}",
        ringkas(&l)
    );
    assert!(nik_aktif(&s, SENGGIGI, kk).await.is_empty(), "{be}");
}

balai_testkit::tiap_backend!(csv_sah_semua_baris_dan_aturan);
async fn csv_sah_semua_baris_dan_aturan(be: &'static str, s: Store) {
    let s = pada(&s);
    desa(&s, DESA).await;
    let mut nik = Vec::new();
    for i in 1..=4 {
        nik.push(keluarga(&s, DESA, i).await.0);
    }
    let id = buat_program(
        &s,
        DESA,
        &program("BLT-DD", Sasaran::Keluarga, Aturan::default()),
    )
    .await;
    // Semicolons (Indonesian Excel), a NIK typed with spaces, an empty basis.
    let csv = format!(
        "NIK;Nama;Dasar\n{};BAPAK ADI;Musdes 12-01-2026\n{} ;;\n{};x;Musdes 12-01-2026\n{};;Data Kemensos\n",
        nik[0],
        nik[1].replace("3325", "3325 "),
        nik[2],
        nik[3]
    );
    let l = impor(&s, DESA, id, csv.as_bytes(), "blt.csv", true).await;
    assert!(l.diterapkan, "{be}: {}", ringkas(&l));
    assert_eq!((l.total, l.sah), (4, 4), "{be}");
    assert_eq!(
        nik_aktif(&s, DESA, id).await,
        nik.iter().cloned().collect(),
        "{be}"
    );
    let p = s.bantuan().penerima(DESA, id).await.unwrap();
    let dasar: BTreeSet<&str> = p.iter().map(|x| x.dasar.as_str()).collect();
    assert_eq!(
        dasar,
        BTreeSet::from(["Data Kemensos", "Impor berkas blt.csv", "Musdes 12-01-2026"]),
        "{be}"
    );

    // A programme only for DTKS families: refused without a reason, accepted with one.
    let dtks = buat_program(
        &s,
        DESA,
        &program(
            "PKH",
            Sasaran::Keluarga,
            Aturan {
                wajib_dtks: true,
                ..Aturan::default()
            },
        ),
    )
    .await;
    let tanpa = format!("nik\n{}\n", nik[0]);
    let l = impor(&s, DESA, dtks, tanpa.as_bytes(), "pkh.csv", true).await;
    assert!(!l.diterapkan && l.galat == 1, "{be}");
    assert!(
        l.baris[0].pesan.contains("tidak memenuhi aturan PKH"),
        "{be}: {}",
        ringkas(&l)
    );
    let dengan = format!(
        "nik,dasar,alasan_abaikan\n{},Musdesus 3-02-2026,Diputuskan musyawarah desa khusus\n",
        nik[0]
    );
    let l = impor(&s, DESA, dtks, dengan.as_bytes(), "pkh.csv", true).await;
    assert!(l.diterapkan, "{be}: {}", ringkas(&l));
    assert_eq!(nik_aktif(&s, DESA, dtks).await.len(), 1, "{be}");
    assert_eq!(
        jumlah_audit(&s, DESA, "tambah_penerima_abaikan_aturan").await,
        1,
        "{be}"
    );
}

balai_testkit::tiap_backend!(satu_baris_salah_tidak_ada_yang_disimpan);
async fn satu_baris_salah_tidak_ada_yang_disimpan(be: &'static str, s: Store) {
    let s = pada(&s);
    desa(&s, DESA).await;
    desa(&s, DESA_LAIN).await;
    let (a1, _) = keluarga(&s, DESA, 1).await;
    let (a2, i2) = keluarga(&s, DESA, 2).await;
    let (a3, _) = keluarga(&s, DESA, 3).await;
    let (lain, _) = keluarga(&s, DESA_LAIN, 9).await;
    let mati = s.penduduk_by_nik(DESA, &a3).await.unwrap().unwrap().id;
    let r = RincianStatus {
        tanggal: Some(tgl(2026, 8, 20)),
        tempat: "RUMAH".into(),
        sebab: "SAKIT".into(),
        ..RincianStatus::default()
    };
    s.catat_status(DESA, mati, JenisPeristiwa::Mati, &r, &op())
        .await
        .unwrap();
    let id = buat_program(
        &s,
        DESA,
        &program("BLT-DD", Sasaran::Keluarga, Aturan::default()),
    )
    .await;

    let csv = [
        "nik,keterangan".to_string(),
        format!("{a1},Musdes"),                // 2: valid
        format!("{lain},Musdes"),              // 3: another village
        "3325089999990001,Musdes".to_string(), // 4: unknown
        format!("{a3},Musdes"),                // 5: dead
        format!("{a1},Musdes"),                // 6: duplicate of row 2
        "33250801,Musdes".to_string(),         // 7: malformed
        format!("{a2},Musdes"),                // 8: valid
        format!("{i2},Musdes"),                // 9: same family as row 8
        ",Musdes".to_string(),                 // 10: no NIK
    ]
    .join("\n");
    for terapkan in [false, true] {
        let l = impor(&s, DESA, id, csv.as_bytes(), "salah.csv", terapkan).await;
        assert!(!l.diterapkan, "{be}");
        assert_eq!(
            (l.total, l.sah, l.galat),
            (9, 2, 7),
            "{be}: {}",
            ringkas(&l)
        );
        let salah: Vec<usize> = l
            .baris
            .iter()
            .filter(|b| !b.ok())
            .map(|b| b.baris)
            .collect();
        assert_eq!(salah, vec![3, 4, 5, 6, 7, 9, 10], "{be}: {}", ringkas(&l));
        let pesan = |n: usize| {
            l.baris
                .iter()
                .find(|b| b.baris == n)
                .map(|b| b.pesan.clone())
                .unwrap()
        };
        assert!(
            pesan(3).contains("penduduk desa lain"),
            "{be}: {}",
            pesan(3)
        );
        assert!(pesan(4).contains("tidak terdaftar"), "{be}: {}", pesan(4));
        assert!(
            pesan(5).contains("tidak berstatus hidup"),
            "{be}: {}",
            pesan(5)
        );
        assert!(
            pesan(6).contains("sudah ada di baris 2"),
            "{be}: {}",
            pesan(6)
        );
        assert!(pesan(7).contains("16 angka"), "{be}: {}", pesan(7));
        assert!(
            pesan(9).contains("sudah diwakili BAPAK BUDI di baris 8"),
            "{be}: {}",
            pesan(9)
        );
        assert!(pesan(10).contains("NIK kosong"), "{be}: {}", pesan(10));
        // The row as typed is shown, the valid rows say they could be added.
        assert_eq!(l.baris[5].nik, "33250801", "{be}");
        assert!(l.baris[0].pesan.contains("dapat ditambahkan"), "{be}");
        assert!(
            nik_aktif(&s, DESA, id).await.is_empty(),
            "{be}: nothing stored"
        );
    }
    assert_eq!(jumlah_audit(&s, DESA, "impor_penerima").await, 0, "{be}");
    assert_eq!(jumlah_audit(&s, DESA, "tambah_penerima").await, 0, "{be}");

    // Problems with the file as a whole are not row reports.
    let r = s
        .bantuan()
        .impor_penerima(
            DESA,
            id,
            b"nama,alamat\nADI,KRAJAN\n",
            "x.csv",
            false,
            &op(),
        )
        .await;
    assert!(
        galat_berkas(r).contains("Kolom NIK tidak ditemukan"),
        "{be}"
    );
    let r = s
        .bantuan()
        .impor_penerima(DESA, id, b"nik,dasar\n", "x.csv", false, &op())
        .await;
    assert!(galat_berkas(r).contains("tidak memuat baris"), "{be}");
    let besar = vec![b'1'; balai_store::bantuan::MAKS_UKURAN_PENERIMA + 1];
    let r = s
        .bantuan()
        .impor_penerima(DESA, id, &besar, "x.csv", false, &op())
        .await;
    assert!(galat_berkas(r).contains("terlalu besar"), "{be}");
    let r = s
        .bantuan()
        .impor_penerima(DESA, id, &[0u8, 1, 2, 3, 200], "x.xlsx", false, &op())
        .await;
    assert!(galat_berkas(r).contains("bukan lembar kerja"), "{be}");
    let r = s
        .bantuan()
        .impor_penerima(DESA, Uuid::now_v7(), csv.as_bytes(), "x.csv", false, &op())
        .await;
    assert!(matches!(r, Err(Galat::TidakDitemukan)), "{be}");
}

balai_testkit::tiap_backend!(ekspor_lalu_impor_ulang);
async fn ekspor_lalu_impor_ulang(be: &'static str, s: Store) {
    let s = pada(&s);
    desa(&s, DESA).await;
    let b = s.bantuan();
    let asal = buat_program(
        &s,
        DESA,
        &program("BLT-DD", Sasaran::Keluarga, Aturan::default()),
    )
    .await;
    let mut nik = Vec::new();
    for i in 1..=3 {
        let (ayah, _) = keluarga(&s, DESA, i).await;
        let p = PenerimaBaru {
            nik: ayah.clone(),
            dasar: format!("Musdesus 12-01-2026 no {i}"),
            alasan_abaikan: String::new(),
        };
        let pid = b.tambah_penerima(DESA, asal, &p, &op()).await.unwrap();
        if i == 3 {
            b.hentikan_penerima(DESA, pid, "sudah mampu (musdes 5 Agustus)", &op())
                .await
                .unwrap();
        }
        nik.push(ayah);
    }

    // The workbook: OpenSID's two sheets as its template has them, then the status.
    let xlsx = b.ekspor_penerima_xlsx(DESA, asal).await.unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Program", "Peserta", "Status"],
        "{be}"
    );
    let teks = |r: &calamine::Range<calamine::Data>, y: u32, x: u32| {
        r.get_value((y, x))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let program_ws = wb.worksheet_range("Program").unwrap();
    assert_eq!(teks(&program_ws, 1, 1), "Program BLT-DD", "{be}");
    assert_eq!(teks(&program_ws, 2, 1), "2", "{be}: sasaran keluarga");
    assert_eq!(teks(&program_ws, 5, 1), "2026-01-01", "{be}");
    let peserta = wb.worksheet_range("Peserta").unwrap();
    let judul: Vec<String> = (0..7).map(|x| teks(&peserta, 0, x)).collect();
    let templat: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(fixture(
        "opensid/format_impor_program_bantuan.xlsx",
    )))
    .unwrap();
    let mut templat = templat;
    let asli = templat.worksheet_range("Peserta").unwrap();
    let judul_asli: Vec<String> = (0..7).map(|x| teks(&asli, 0, x)).collect();
    assert_eq!(judul, judul_asli, "{be}: OpenSID's header");
    // Three recipients (active first), their family card as target, then the end mark.
    assert_eq!(teks(&peserta, 1, 0), "3325081201100001", "{be}");
    assert_eq!(teks(&peserta, 1, 2), nik[0], "{be}");
    assert_eq!(teks(&peserta, 1, 5), "1980-01-01", "{be}");
    assert_eq!(teks(&peserta, 1, 6), "RT 002 RW 001 Dusun KRAJAN", "{be}");
    assert_eq!(teks(&peserta, 3, 2), nik[2], "{be}: the stopped one last");
    assert_eq!(teks(&peserta, 4, 0), "###", "{be}");
    let status = wb.worksheet_range("Status").unwrap();
    assert_eq!(teks(&status, 3, 2), "Berhenti", "{be}");
    assert_eq!(
        teks(&status, 3, 3),
        "sudah mampu (musdes 5 Agustus)",
        "{be}"
    );

    // Re-imported into another programme: the same people.
    let tujuan = buat_program(
        &s,
        DESA,
        &program("BLT-DD2", Sasaran::Keluarga, Aturan::default()),
    )
    .await;
    let l = impor(&s, DESA, tujuan, &xlsx, "blt.xlsx", true).await;
    assert!(l.diterapkan && l.sah == 3, "{be}: {}", ringkas(&l));
    assert_eq!(
        nik_aktif(&s, DESA, tujuan).await,
        nik.iter().cloned().collect(),
        "{be}"
    );

    // The CSV too, keeping each recipient's basis.
    let csv = b.ekspor_penerima_csv(DESA, asal).await.unwrap();
    let teks_csv = String::from_utf8(csv.clone()).unwrap();
    assert!(
        teks_csv.starts_with("\u{feff}Peserta,No. Peserta,NIK,Nama,Tempat Lahir,Tanggal Lahir,Alamat,Status,Alasan Berhenti,Dasar\n"),
        "{be}: {teks_csv}"
    );
    let ketiga = buat_program(
        &s,
        DESA,
        &program("BLT-DD3", Sasaran::Keluarga, Aturan::default()),
    )
    .await;
    let l = impor(&s, DESA, ketiga, &csv, "blt.csv", true).await;
    assert!(l.diterapkan && l.sah == 3, "{be}: {}", ringkas(&l));
    let dasar: BTreeSet<String> = b
        .penerima(DESA, ketiga)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.dasar)
        .collect();
    assert_eq!(
        dasar,
        (1..=3)
            .map(|i| format!("Musdesus 12-01-2026 no {i}"))
            .collect(),
        "{be}"
    );
    assert!(matches!(
        b.ekspor_penerima_csv(DESA, Uuid::now_v7()).await,
        Err(Galat::TidakDitemukan)
    ));
}
