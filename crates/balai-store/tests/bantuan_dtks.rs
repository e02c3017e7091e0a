//! Importing the DTKS/DTSEN status and desil from the ministry's spreadsheet on both backends:
//! CSV and XLSX with flexible headers, the row report, all-or-nothing (a KK of another
//! village, an unknown KK, desil 11, a bad status, a repeated KK), the preview that writes
//! nothing, re-imports that add no history, and the refusals of the file as a whole.

use balai_domain::KodeDesa;
use balai_store::audit::SaringAudit;
use balai_store::bantuan::{HasilDtks, LaporanDtks};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";
const NAMA: [&str; 5] = ["ADI", "BUDI", "CAHYO", "DARMO", "EKO"];

fn tgl(t: i32, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t, b, h).unwrap()
}

/// The store with "now" fixed at 10:00 WIB (03:00 UTC) of a day.
fn pada(s: &Store, t: i32, b: u32, h: u32) -> Store {
    s.clone()
        .dengan_jam(Jam::Tetap(Utc.with_ymd_and_hms(t, b, h, 3, 0, 0).unwrap()))
}

fn op() -> Aktor {
    Aktor::pengguna("operator")
}

async fn desa(s: &Store, kode: &str) {
    s.buat_desa(&KodeDesa::parse(kode).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
}

/// A family with its head; returns (family id, KK number).
async fn keluarga(s: &Store, desa_id: &str, urut: u32) -> (Uuid, String) {
    let no_kk = format!("332508120110{urut:04}");
    let nik = format!("33250801018{urut:05}");
    let id = s
        .tambah_penduduk(
            desa_id,
            &balai_testkit::data_penduduk(&[
                ("nik", &nik),
                (
                    "nama",
                    &format!("KEPALA {}", NAMA[urut as usize % NAMA.len()]),
                ),
                ("shdk_id", "1"),
                ("no_kk", &no_kk),
            ]),
            &op(),
        )
        .await
        .unwrap();
    let kk = s
        .penduduk(desa_id, id)
        .await
        .unwrap()
        .unwrap()
        .keluarga_id
        .unwrap();
    (kk, no_kk)
}

async fn impor(
    s: &Store,
    isi: &[u8],
    nama: &str,
    tanggal: Option<NaiveDate>,
    terapkan: bool,
) -> LaporanDtks {
    s.bantuan()
        .impor_dtks(DESA, isi, nama, tanggal, terapkan, &op())
        .await
        .unwrap()
}

async fn riwayat(s: &Store, kk: Uuid) -> Vec<balai_store::bantuan::Kesejahteraan> {
    s.bantuan().riwayat_kesejahteraan(DESA, kk).await.unwrap()
}

async fn audit(s: &Store, aksi: &str) -> Vec<balai_store::audit::EntriAudit> {
    s.daftar_audit(
        DESA,
        &SaringAudit {
            aksi: Some(aksi.into()),
            batas: 100,
            ..SaringAudit::default()
        },
    )
    .await
    .unwrap()
}

/// (row, outcome) of every row of a report.
fn hasil(l: &LaporanDtks) -> Vec<(usize, HasilDtks)> {
    l.baris.iter().map(|b| (b.baris, b.hasil)).collect()
}

fn pesan(l: &LaporanDtks, baris: usize) -> String {
    l.baris
        .iter()
        .find(|b| b.baris == baris)
        .unwrap_or_else(|| panic!("tidak ada baris {baris}"))
        .pesan
        .join(" | ")
}

fn galat_isian(r: Result<LaporanDtks, Galat>, kolom: &str) -> String {
    match r {
        Err(Galat::Isian(g)) => g
            .untuk(kolom)
            .unwrap_or_else(|| panic!("tidak ada pesan untuk {kolom}: {g}"))
            .to_string(),
        lain => panic!("bukan galat isian untuk {kolom}: {lain:?}"),
    }
}

/// A ministry-style workbook: a title line, a blank line, then the header on row 3. KKs are
/// written as text except where `angka` says the operator typed them as numbers; the date is a
/// real date cell in the first row and text in the others.
fn xlsx(baris: &[(&str, bool, &str, &str, &str)]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Data DTSEN").unwrap();
    ws.write_string(
        0,
        0,
        "DATA TUNGGAL SOSIAL EKONOMI NASIONAL — DESA KALIBELUK",
    )
    .unwrap();
    for (i, j) in [
        "No",
        "NOMOR KK",
        "Nama Kepala Keluarga",
        "STATUS",
        "DESIL",
        "Tanggal Data",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, i as u16, *j).unwrap();
    }
    let f = Format::new().set_num_format("dd/mm/yyyy");
    for (n, (kk, angka, status, desil, tanggal)) in baris.iter().enumerate() {
        let r = 3 + n as u32;
        ws.write_number(r, 0, (n + 1) as f64).unwrap();
        if *angka {
            ws.write_number(r, 1, kk.parse::<f64>().unwrap()).unwrap();
        } else {
            ws.write_string(r, 1, *kk).unwrap();
        }
        ws.write_string(r, 2, "NAMA").unwrap();
        ws.write_string(r, 3, *status).unwrap();
        if let Ok(d) = desil.parse::<f64>() {
            ws.write_number(r, 4, d).unwrap();
        }
        if n == 0 {
            let t = NaiveDate::parse_from_str(tanggal, "%d-%m-%Y").unwrap();
            use chrono::Datelike;
            let d =
                ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8).unwrap();
            ws.write_datetime_with_format(r, 5, &d, &f).unwrap();
        } else {
            ws.write_string(r, 5, *tanggal).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

balai_testkit::tiap_backend!(impor_csv_dan_xlsx_sah);
async fn impor_csv_dan_xlsx_sah(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let (k1, kk1) = keluarga(&s, DESA, 1).await;
    let (k2, kk2) = keluarga(&s, DESA, 2).await;
    let (k3, kk3) = keluarga(&s, DESA, 3).await;
    let (k4, kk4) = keluarga(&s, DESA, 4).await;

    // Indonesian Excel's CSV: semicolons, other header spellings, a KK with spaces and an
    // apostrophe, no date column (the date of the whole file is given), a column to ignore.
    let csv = format!(
        "No. KK;Nama;Status DTKS/DTSEN;Desil;ID DTKS\n\
         {kk1};BAPAK SATU;Terdaftar DTSEN;3;DTSEN-0001\n\
         '{} {};BAPAK DUA;DTKS;;\n\
         {kk3};BAPAK TIGA;Tidak terdaftar;;\n",
        &kk2[..8],
        &kk2[8..]
    );
    let l = impor(&s, csv.as_bytes(), "dtks.csv", Some(tgl(2026, 3, 1)), true).await;
    assert!(l.diterapkan, "{be}: {l:?}");
    assert_eq!(
        hasil(&l),
        [
            (2, HasilDtks::Baru),
            (3, HasilDtks::Baru),
            (4, HasilDtks::Baru)
        ],
        "{be}"
    );
    assert_eq!((l.total, l.baru, l.galat), (3, 3, 0), "{be}");
    assert_eq!(l.baris[1].no_kk, kk2, "{be}");
    assert!(pesan(&l, 2).contains("belum mempunyai data"), "{be}");
    let r1 = riwayat(&s, k1).await;
    assert_eq!(r1.len(), 1, "{be}");
    assert_eq!(
        (
            r1[0].status_dtks.as_str(),
            r1[0].desil,
            r1[0].id_dtks.as_str(),
            r1[0].sumber.as_str(),
            r1[0].tanggal_data
        ),
        ("dtsen", Some(3), "DTSEN-0001", "kemensos", tgl(2026, 3, 1)),
        "{be}"
    );
    let r2 = riwayat(&s, k2).await;
    assert_eq!(
        (r2.len(), r2[0].status_dtks.as_str(), r2[0].desil),
        (1, "dtks", None),
        "{be}"
    );
    let r3 = riwayat(&s, k3).await;
    assert_eq!(
        (r3.len(), r3[0].status_dtks.as_str(), r3[0].terdaftar()),
        (1, "tidak", false),
        "{be}"
    );
    // One entry per family written, as the form records it, and one for the file.
    let per_kk = audit(&s, "catat_kesejahteraan").await;
    assert_eq!(per_kk.len(), 3, "{be}");
    assert!(
        per_kk.iter().any(|e| e.objek_id == k1.to_string()
            && e.sesudah.as_deref().unwrap_or("").contains("dtks.csv"))
    );
    let berkas = audit(&s, "impor_dtks").await;
    assert_eq!(berkas.len(), 1, "{be}");
    assert_eq!(berkas[0].objek_id, "dtks.csv", "{be}");

    // XLSX a day later: title lines above the header, a KK typed as a number, a date cell
    // and text dates with their own column (no date for the whole file).
    let s = pada(&s, 2026, 9, 2);
    let isi = xlsx(&[
        (&kk1, true, "DTSEN", "2", "30-06-2026"),
        (&kk2, false, "Terdaftar DTKS", "", "01-03-2026"),
        (&kk4, false, "dtsen", "1", "30/06/2026"),
    ]);
    let l = impor(&s, &isi, "dtsen.xlsx", None, true).await;
    assert!(l.diterapkan, "{be}: {l:?}");
    assert_eq!(l.lembar, "Data DTSEN", "{be}");
    assert_eq!(l.baris_judul, 3, "{be}");
    assert_eq!(
        hasil(&l),
        [
            (4, HasilDtks::Diubah),
            (5, HasilDtks::TidakBerubah),
            (6, HasilDtks::Baru)
        ],
        "{be}"
    );
    let p = pesan(&l, 4);
    assert!(p.contains("desil 3 → 2"), "{be}: {p}");
    let r1 = riwayat(&s, k1).await;
    assert_eq!(r1.len(), 2, "{be}");
    assert_eq!(
        (
            r1[0].status_dtks.as_str(),
            r1[0].desil,
            r1[0].tanggal_data,
            r1[0].id_dtks.as_str()
        ),
        // No ID column in this file: the ID on record stays.
        ("dtsen", Some(2), tgl(2026, 6, 30), "DTSEN-0001"),
        "{be}"
    );
    assert_eq!(riwayat(&s, k2).await.len(), 1, "{be}");
    let r4 = riwayat(&s, k4).await;
    assert_eq!(
        (r4.len(), r4[0].desil, r4[0].tanggal_data),
        (1, Some(1), tgl(2026, 6, 30)),
        "{be}"
    );
    assert_eq!(audit(&s, "catat_kesejahteraan").await.len(), 5, "{be}");
    assert_eq!(audit(&s, "impor_dtks").await.len(), 2, "{be}");
}

balai_testkit::tiap_backend!(baris_salah_tidak_menyimpan_apa_pun);
async fn baris_salah_tidak_menyimpan_apa_pun(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    desa(&s, DESA_LAIN).await;
    let (k1, kk1) = keluarga(&s, DESA, 1).await;
    let (k2, kk2) = keluarga(&s, DESA, 2).await;
    let (k3, kk3) = keluarga(&s, DESA, 3).await;
    let (k4, kk4) = keluarga(&s, DESA, 4).await;
    let (_, kk_lain) = keluarga(&s, DESA_LAIN, 50).await;
    let nama_lain = s.desa(DESA_LAIN).await.unwrap().unwrap().nama;

    let csv = format!(
        "no_kk,status,desil,tanggal_data\n\
         {kk4},DTSEN,4,01-08-2026\n\
         {kk_lain},DTSEN,2,01-08-2026\n\
         3325081201109999,DTKS,,01-08-2026\n\
         {kk2},DTSEN,11,01-08-2026\n\
         {kk3},miskin,,01-08-2026\n\
         {kk1},DTKS,5,01-08-2026\n\
         {kk1},DTKS,5,01-08-2026\n\
         {kk3}0,Tidak,2,2026-13-01\n"
    );
    for terapkan in [false, true] {
        let l = impor(&s, csv.as_bytes(), "salah.csv", None, terapkan).await;
        assert!(!l.diterapkan, "{be}");
        assert_eq!(
            hasil(&l),
            [
                (2, HasilDtks::Baru),
                (3, HasilDtks::Galat),
                (4, HasilDtks::Galat),
                (5, HasilDtks::Galat),
                (6, HasilDtks::Galat),
                (7, HasilDtks::Galat),
                (8, HasilDtks::Galat),
                (9, HasilDtks::Galat),
            ],
            "{be}"
        );
        assert_eq!((l.total, l.galat, l.baru), (8, 7, 1), "{be}");
        assert!(!l.bersih(), "{be}");
        let p = pesan(&l, 3);
        assert!(
            p.contains("desa lain") && p.contains(&nama_lain) && p.contains("33.25.08.2005"),
            "{be}: {p}"
        );
        let p = pesan(&l, 4);
        assert!(p.contains("tidak terdaftar di desa ini"), "{be}: {p}");
        let p = pesan(&l, 5);
        assert!(p.contains("antara 1"), "{be}: {p}");
        let p = pesan(&l, 6);
        assert!(p.contains("\"miskin\" tidak dikenal"), "{be}: {p}");
        assert!(pesan(&l, 7).contains("juga ada pada baris 8"), "{be}");
        assert!(pesan(&l, 8).contains("juga ada pada baris 7"), "{be}");
        // Several problems on one row are all named.
        let p = pesan(&l, 9);
        assert!(
            p.contains("16 digit") && p.contains("2026-13-01") && p.contains("Desil hanya ada"),
            "{be}: {p}"
        );
        assert_eq!(l.baris[0].no_kk, kk4, "{be}");
    }
    for k in [k1, k2, k3, k4] {
        assert!(riwayat(&s, k).await.is_empty(), "{be}");
    }
    assert!(audit(&s, "catat_kesejahteraan").await.is_empty(), "{be}");
    assert!(audit(&s, "impor_dtks").await.is_empty(), "{be}");
}

balai_testkit::tiap_backend!(pratinjau_tidak_menulis);
async fn pratinjau_tidak_menulis(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let (k1, kk1) = keluarga(&s, DESA, 1).await;
    let (k2, kk2) = keluarga(&s, DESA, 2).await;
    s.bantuan()
        .catat_kesejahteraan(
            DESA,
            k2,
            &balai_store::bantuan::KesejahteraanBaru {
                status_dtks: "dtks".into(),
                desil: Some(5),
                tanggal_data: Some(tgl(2026, 1, 1)),
                ..Default::default()
            },
            &op(),
        )
        .await
        .unwrap();
    let audit_awal = audit(&s, "catat_kesejahteraan").await.len();
    let csv = format!("kk,dtsen,desil\n{kk1},Terdaftar DTSEN,2\n{kk2},Terdaftar DTSEN,4\n");
    let l = impor(
        &s,
        csv.as_bytes(),
        "pratinjau.csv",
        Some(tgl(2026, 8, 1)),
        false,
    )
    .await;
    assert!(!l.diterapkan && l.bersih(), "{be}: {l:?}");
    assert_eq!(
        hasil(&l),
        [(2, HasilDtks::Baru), (3, HasilDtks::Diubah)],
        "{be}"
    );
    let p = pesan(&l, 3);
    assert!(
        p.contains("Terdaftar DTKS → Terdaftar DTSEN") && p.contains("desil 5 → 4"),
        "{be}: {p}"
    );
    assert!(riwayat(&s, k1).await.is_empty(), "{be}");
    assert_eq!(riwayat(&s, k2).await.len(), 1, "{be}");
    assert_eq!(
        audit(&s, "catat_kesejahteraan").await.len(),
        audit_awal,
        "{be}"
    );
    assert!(audit(&s, "impor_dtks").await.is_empty(), "{be}");
}

balai_testkit::tiap_backend!(impor_ulang_tidak_menambah_riwayat);
async fn impor_ulang_tidak_menambah_riwayat(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let (k1, kk1) = keluarga(&s, DESA, 1).await;
    let (k2, kk2) = keluarga(&s, DESA, 2).await;
    let csv = format!(
        "no_kk,status,desil,id_dtks,tanggal_data\n\
         {kk1},DTSEN,3,A-1,2026-03-01\n\
         {kk2},Tidak,,,2026-03-01\n"
    );
    let l = impor(&s, csv.as_bytes(), "maret.csv", None, true).await;
    assert!(l.diterapkan && l.baru == 2, "{be}: {l:?}");

    // The same file again: nothing changes, nothing is added.
    let s = pada(&s, 2026, 9, 2);
    for terapkan in [false, true] {
        let l = impor(&s, csv.as_bytes(), "maret.csv", None, terapkan).await;
        assert_eq!(l.diterapkan, terapkan, "{be}");
        assert_eq!(
            hasil(&l),
            [(2, HasilDtks::TidakBerubah), (3, HasilDtks::TidakBerubah)],
            "{be}"
        );
        assert!(pesan(&l, 2).contains("Sama dengan data terkini"), "{be}");
    }
    assert_eq!(riwayat(&s, k1).await.len(), 1, "{be}");
    assert_eq!(riwayat(&s, k2).await.len(), 1, "{be}");
    assert_eq!(audit(&s, "catat_kesejahteraan").await.len(), 2, "{be}");

    // A newer delivery confirming the same data refreshes the date; an older one with other
    // values is skipped so the current data does not go back in time.
    let s = pada(&s, 2026, 9, 3);
    let csv = format!(
        "no_kk,status,desil,id_dtks,tanggal_data\n\
         {kk1},DTSEN,3,A-1,2026-08-01\n\
         {kk2},DTKS,,,2026-01-01\n"
    );
    let l = impor(&s, csv.as_bytes(), "agustus.csv", None, true).await;
    assert!(l.diterapkan, "{be}");
    assert_eq!(
        hasil(&l),
        [(2, HasilDtks::Diubah), (3, HasilDtks::Dilewati)],
        "{be}"
    );
    assert!(pesan(&l, 2).contains("tanggal data diperbarui"), "{be}");
    assert!(pesan(&l, 3).contains("lebih baru"), "{be}");
    let r1 = riwayat(&s, k1).await;
    assert_eq!((r1.len(), r1[0].tanggal_data), (2, tgl(2026, 8, 1)), "{be}");
    let r2 = riwayat(&s, k2).await;
    assert_eq!((r2.len(), r2[0].status_dtks.as_str()), (1, "tidak"), "{be}");
}

balai_testkit::tiap_backend!(berkas_ditolak_utuh);
async fn berkas_ditolak_utuh(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let (_, kk1) = keluarga(&s, DESA, 1).await;
    let b = s.bantuan();

    let tanpa_status = format!("no_kk,desil\n{kk1},3\n");
    let p = galat_isian(
        b.impor_dtks(
            DESA,
            tanpa_status.as_bytes(),
            "a.csv",
            Some(tgl(2026, 3, 1)),
            false,
            &op(),
        )
        .await,
        "berkas",
    );
    assert!(
        p.contains("Kolom wajib tidak ditemukan: status"),
        "{be}: {p}"
    );
    assert!(p.starts_with("a.csv"), "{be}: {p}");

    let tanpa_tanggal = format!("no_kk,status\n{kk1},DTSEN\n");
    let p = galat_isian(
        b.impor_dtks(DESA, tanpa_tanggal.as_bytes(), "b.csv", None, false, &op())
            .await,
        "tanggal_data",
    );
    assert!(p.contains("tanggal data"), "{be}: {p}");

    let p = galat_isian(
        b.impor_dtks(
            DESA,
            tanpa_tanggal.as_bytes(),
            "b.csv",
            Some(tgl(2026, 9, 2)),
            false,
            &op(),
        )
        .await,
        "tanggal_data",
    );
    assert!(p.contains("masa depan"), "{be}: {p}");

    let p = galat_isian(
        b.impor_dtks(
            DESA,
            &[0u8, 1, 2, 3, 200],
            "c.xlsx",
            Some(tgl(2026, 3, 1)),
            false,
            &op(),
        )
        .await,
        "berkas",
    );
    assert!(p.contains("bukan lembar kerja"), "{be}: {p}");

    let kosong = "no_kk,status\n";
    let p = galat_isian(
        b.impor_dtks(
            DESA,
            kosong.as_bytes(),
            "d.csv",
            Some(tgl(2026, 3, 1)),
            false,
            &op(),
        )
        .await,
        "berkas",
    );
    assert!(p.contains("tidak ada baris data"), "{be}: {p}");

    assert!(
        matches!(
            b.impor_dtks(
                DESA_LAIN,
                tanpa_tanggal.as_bytes(),
                "e.csv",
                Some(tgl(2026, 3, 1)),
                false,
                &op()
            )
            .await,
            Err(Galat::TidakDitemukan)
        ),
        "{be}"
    );
}
