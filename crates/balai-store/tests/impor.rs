//! Population import (OpenSID, SIAK) and export, on every backend.

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::ekspor::FormatEkspor;
use balai_store::impor::{FormatImpor, JUDUL_SIAK, LaporanImpor, OpsiImpor, baca_berkas};
use balai_store::penduduk::SaringPenduduk;
use balai_store::{Aktor, Galat, Store};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Write;

const OPENSID: OpsiImpor = OpsiImpor {
    format: FormatImpor::OpenSid,
    dry_run: false,
};
const SIAK: OpsiImpor = OpsiImpor {
    format: FormatImpor::Siak,
    dry_run: false,
};

async fn desa(s: &Store, kode: &str) -> String {
    let k = KodeDesa::parse(kode).unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    k.to_string()
}

fn contoh(ext: &str) -> Vec<u8> {
    std::fs::read(balai_testkit::data_uji(&format!(
        "opensid/contoh_penduduk.{ext}"
    )))
    .unwrap()
}

fn hari_ini() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

async fn jumlah(s: &Store, desa: &str) -> i64 {
    let saring = SaringPenduduk {
        status_dasar: Some(0),
        ..Default::default()
    };
    s.daftar_penduduk(desa, &saring, hari_ini())
        .await
        .unwrap()
        .total
}

/// Every resident's data by NIK, to compare two villages.
async fn semua(s: &Store, desa: &str) -> BTreeMap<String, DataPenduduk> {
    let mut saring = SaringPenduduk {
        status_dasar: Some(0),
        batas: Some(500),
        ..Default::default()
    };
    let mut out = BTreeMap::new();
    loop {
        let h = s.daftar_penduduk(desa, &saring, hari_ini()).await.unwrap();
        for r in &h.isi {
            let p = s.penduduk(desa, r.id).await.unwrap().unwrap();
            out.insert(p.nik.clone(), p.data().unwrap());
        }
        match h.berikutnya {
            Some(c) => saring.setelah = Some(c),
            None => break,
        }
    }
    out
}

fn galat_berkas(e: Galat) -> String {
    match e {
        Galat::Isian(g) => g.untuk("berkas").expect("file-level error").to_string(),
        e => panic!("expected a file-level error, got {e:?}"),
    }
}

fn ringkas(l: &LaporanImpor) -> String {
    format!(
        "total {} baru {} diubah {} tetap {} galat {:?}",
        l.total,
        l.baru,
        l.diubah,
        l.tidak_berubah,
        l.galat.iter().take(5).collect::<Vec<_>>()
    )
}

balai_testkit::tiap_backend!(contoh_opensid_masuk_semua_dan_impor_ulang_tidak_menggandakan);
async fn contoh_opensid_masuk_semua_dan_impor_ulang_tidak_menggandakan(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::pengguna("operator");
    let l = s
        .impor_penduduk(&d, "contoh_penduduk.xlsx", &contoh("xlsx"), &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!((l.total, l.baru), (97, 97), "{b}: {}", ringkas(&l));
    assert!(l.galat.is_empty() && l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(jumlah(&s, &d).await, 97, "{b}");
    let kk = s
        .keluarga_by_kk(&d, "5201140104126994")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk.kepala_nama.as_deref(), Some("AHLUL"), "{b}");
    assert_eq!(kk.jumlah_anggota, 4, "{b}");

    let l2 = s
        .impor_penduduk(&d, "contoh_penduduk.xlsx", &contoh("xlsx"), &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!(
        (l2.baru, l2.diubah, l2.tidak_berubah),
        (0, 0, 97),
        "{b}: {}",
        ringkas(&l2)
    );
    // The CSV of the same sample is the same data.
    let l3 = s
        .impor_penduduk(&d, "contoh_penduduk.csv", &contoh("csv"), &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!(l3.tidak_berubah, 97, "{b}: {}", ringkas(&l3));
    assert_eq!(jumlah(&s, &d).await, 97, "{b}");
}

balai_testkit::tiap_backend!(impor_ulang_dengan_perubahan_mengubah_dan_memindah_kepala_keluarga);
async fn impor_ulang_dengan_perubahan_mengubah_dan_memindah_kepala_keluarga(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    s.impor_penduduk(&d, "a.csv", &contoh("csv"), &OPENSID, &a)
        .await
        .unwrap();
    // AHLUL (head, row 3) hands over to AHMAD HABIB (row 4); a name is corrected.
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    baris[2] = baris[2].replacen(",26,2,1,1,", ",26,2,9,1,", 1);
    baris[3] = baris[3].replacen(",1,1,4,1,", ",1,1,1,1,", 1);
    baris[1] = baris[1].replace("ADINI SEPTIA LISTA", "ADINI SEPTIA LESTARI");
    let l = s
        .impor_penduduk(&d, "b.csv", baris.join("\n").as_bytes(), &OPENSID, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty(), "{b}: {}", ringkas(&l));
    assert_eq!((l.diubah, l.tidak_berubah), (3, 94), "{b}: {}", ringkas(&l));
    let kk = s
        .keluarga_by_kk(&d, "5201140104126994")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk.kepala_nama.as_deref(), Some("AHMAD HABIB"), "{b}");
}

balai_testkit::tiap_backend!(berkas_bergalat_dilaporkan_per_baris_dan_tidak_ada_yang_tersimpan);
async fn berkas_bergalat_dilaporkan_per_baris_dan_tidak_ada_yang_tersimpan(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    // Row 2: NIK too short. Row 5: unknown religion code. Row 6: born in the future.
    baris[1] = baris[1].replace("5201145003976995", "52011450039");
    baris[4] = baris[4].replacen(",1995-06-07,1,", ",1995-06-07,9,", 1);
    baris[5] = baris[5].replace("2002-12-14", "2099-12-14");
    // Row 99: the NIK of row 3 again. Row 100: a second head for row 3's family.
    let ulang = baris[2].replace("AHLUL", "AHLUL KEDUA");
    baris.push(ulang);
    let kepala2 = baris[3]
        .replace("5201140301916995", "5201140301916999")
        .replacen(",1,1,4,1,", ",1,1,1,1,", 1);
    baris.push(kepala2);
    let l = s
        .impor_penduduk(&d, "salah.csv", baris.join("\n").as_bytes(), &OPENSID, &a)
        .await
        .unwrap();
    assert!(!l.diterapkan, "{b}");
    assert_eq!(l.total, 99, "{b}");
    let cari = |n: usize, kolom: &str| {
        l.galat
            .iter()
            .find(|g| g.baris == n && g.kolom == kolom)
            .unwrap_or_else(|| panic!("{b}: no error at row {n} column {kolom}: {:#?}", l.galat))
    };
    let g = cari(2, "nik");
    assert_eq!(g.nilai, "52011450039", "{b}");
    assert!(g.pesan.contains("16 digit"), "{b}: {}", g.pesan);
    assert!(cari(5, "agama_id").pesan.contains("tidak dikenal"), "{b}");
    assert!(cari(6, "tanggallahir").pesan.contains("masa depan"), "{b}");
    assert!(cari(99, "nik").pesan.contains("baris 3"), "{b}");
    assert!(
        cari(100, "kk_level").pesan.contains("kepala keluarga"),
        "{b}"
    );
    // Errors come in row order.
    assert!(l.galat.windows(2).all(|w| w[0].baris <= w[1].baris), "{b}");
    assert_eq!(jumlah(&s, &d).await, 0, "{b}");
    assert!(s.daftar_rt(&d).await.unwrap().is_empty(), "{b}");
}

balai_testkit::tiap_backend!(uji_coba_tidak_mengubah_apa_pun_tetapi_laporannya_sama);
async fn uji_coba_tidak_mengubah_apa_pun_tetapi_laporannya_sama(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    let opsi = OpsiImpor {
        dry_run: true,
        ..OPENSID
    };
    let l = s
        .impor_penduduk(&d, "contoh_penduduk.xlsx", &contoh("xlsx"), &opsi, &a)
        .await
        .unwrap();
    assert_eq!((l.baru, l.diterapkan), (97, false), "{b}: {}", ringkas(&l));
    assert_eq!(jumlah(&s, &d).await, 0, "{b}");
    let sungguh = s
        .impor_penduduk(&d, "contoh_penduduk.xlsx", &contoh("xlsx"), &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!(
        (sungguh.baru, &sungguh.peringatan),
        (l.baru, &l.peringatan),
        "{b}"
    );
}

fn siak_csv(baris: &[[&str; 37]]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(JUDUL_SIAK).unwrap();
    for r in baris {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn siak_baris<'a>(
    kk: &'a str,
    nik: &'a str,
    nama: &'a str,
    lahir: &'a str,
    kelamin: &'a str,
    shdk: &'a str,
    alamat: &'a str,
) -> [&'a str; 37] {
    [
        kk,
        nik,
        nama,
        "HIDUP",
        "BATANG",
        lahir,
        kelamin,
        "",
        "SUPARDI",
        "",
        "SITI",
        "Kawin",
        shdk,
        "Islam",
        "LIMPUNG",
        "TEMBOK",
        alamat,
        "2",
        "1",
        "SLTA/Sederajat",
        "Petani/Pekebun",
        "",
        "Tidak Tahu",
        "",
        "",
        "",
        "SEUMUR HIDUP",
        "",
        "3325-LT-01012000-0001",
        "",
        "",
        "",
        "",
        "PETUGAS",
        "01-01-2020",
        "PETUGAS",
        "01-01-2020",
    ]
}

balai_testkit::tiap_backend!(siak_dengan_teks_dan_nik_wilayah_lama_diberi_peringatan);
async fn siak_dengan_teks_dan_nik_wilayah_lama_diberi_peringatan(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    let mut istri = siak_baris(
        "3325081201100001",
        "9901015505850002",
        "Siti Aminah",
        "15-05-1985",
        "Perempuan",
        "Istri",
        "DUSUN KRAJAN",
    );
    istri[3] = "Hidup";
    let berkas = siak_csv(&[
        siak_baris(
            "3325081201100001",
            "3325081505800001",
            "Budi Santoso",
            "15-05-1980",
            "Laki-laki",
            "Kepala Keluarga",
            "DUSUN KRAJAN",
        ),
        istri,
        siak_baris(
            "3325081201100002",
            "3325080101700003",
            "Slamet",
            "01-01-1970",
            "LAKI-LAKI",
            "KEPALA KELUARGA",
            "DSN. SIDOREJO RT 001 RW 002",
        ),
    ]);
    let l = s
        .impor_penduduk(&d, "siak.csv", &berkas, &SIAK, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty() && l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(l.baru, 3, "{b}");
    let w = l
        .peringatan
        .iter()
        .find(|g| g.baris == 3 && g.pesan.contains("wilayah"))
        .unwrap_or_else(|| panic!("{b}: {:#?}", l.peringatan));
    assert_eq!(w.nilai, "9901015505850002", "{b}");
    let p = s
        .penduduk_by_nik(&d, "9901015505850002")
        .await
        .unwrap()
        .unwrap();
    assert!(!p.nik_wilayah_dikenal, "{b}");
    assert_eq!(
        (
            p.status_kawin_id,
            p.shdk_id,
            p.pendidikan_kk_id,
            p.pekerjaan_id
        ),
        (2, 3, 5, 9),
        "{b}"
    );
    assert_eq!(
        (p.dusun.as_str(), p.rw.as_str(), p.rt.as_str()),
        ("KRAJAN", "002", "001"),
        "{b}"
    );
    let slamet = s
        .penduduk_by_nik(&d, "3325080101700003")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(slamet.dusun, "SIDOREJO", "{b}");
}

balai_testkit::tiap_backend!(siak_tanpa_dusun_memakai_rt_yang_terdaftar);
async fn siak_tanpa_dusun_memakai_rt_yang_terdaftar(b: &'static str, s: balai_store::Store) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    s.tambah_rt(&d, "KRAJAN", "2", "1", "", &a).await.unwrap();
    s.tambah_rt(&d, "SIDOREJO", "3", "1", "", &a).await.unwrap();
    let mut tanpa = siak_baris(
        "3325081201100001",
        "3325081505800001",
        "Budi Santoso",
        "15-05-1980",
        "L",
        "Kepala Keluarga",
        "JL. MAWAR NO 3",
    );
    let berkas = siak_csv(&[tanpa]);
    let l = s
        .impor_penduduk(&d, "siak.csv", &berkas, &SIAK, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty(), "{b}: {}", ringkas(&l));
    let p = s
        .penduduk_by_nik(&d, "3325081505800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.dusun, "KRAJAN", "{b}");
    // An RT no dusun has: the operator is told what to do.
    tanpa[17] = "9";
    let l = s
        .impor_penduduk(&d, "siak.csv", &siak_csv(&[tanpa]), &SIAK, &a)
        .await
        .unwrap();
    assert!(
        l.galat
            .iter()
            .any(|g| g.baris == 2 && g.pesan.contains("Dusun tidak dapat ditentukan")),
        "{b}: {:#?}",
        l.galat
    );
}

balai_testkit::tiap_backend!(berkas_bukan_lembar_kerja_dan_kolom_salah_ditolak_dengan_jelas);
async fn berkas_bukan_lembar_kerja_dan_kolom_salah_ditolak_dengan_jelas(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    let acak: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = s
        .impor_penduduk(&d, "foto.jpg", &acak, &OPENSID, &a)
        .await
        .unwrap_err();
    assert!(galat_berkas(e).contains("bukan lembar kerja"), "{b}");

    let besar = vec![b'x'; 50 * 1024 * 1024];
    let e = s
        .impor_penduduk(&d, "besar.csv", &besar, &OPENSID, &a)
        .await
        .unwrap_err();
    assert!(galat_berkas(e).contains("terlalu besar"), "{b}");

    let salah = b"nama,alamat,telepon\nBUDI,JL MAWAR,0812\n";
    let e = s
        .impor_penduduk(&d, "salah.csv", salah, &OPENSID, &a)
        .await
        .unwrap_err();
    let m = galat_berkas(e);
    assert!(m.contains("Kolom wajib tidak ditemukan"), "{b}: {m}");
    assert!(m.contains("nik") && m.contains("tanggallahir"), "{b}: {m}");
    assert!(m.contains("nama, alamat, telepon"), "{b}: {m}");

    // A SIAK file imported as OpenSID gets pointed to the right format.
    let siak = siak_csv(&[]);
    let e = s
        .impor_penduduk(&d, "siak.csv", &siak, &OPENSID, &a)
        .await
        .unwrap_err();
    assert!(galat_berkas(e).contains("format SIAK"), "{b}");
    assert_eq!(jumlah(&s, &d).await, 0, "{b}");
}

fn zip_dengan(bagian: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opsi = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (nama, isi) in bagian {
        z.start_file(*nama, opsi).unwrap();
        z.write_all(isi).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn xlsx_bom_dan_xlsx_palsu_ditolak_tanpa_membuka_isinya() {
    // 20 MB of spaces compresses to a few kilobytes.
    let besar = vec![b' '; 20 * 1024 * 1024];
    let bom = zip_dengan(&[("xl/styles.xml", &besar)]);
    assert!(bom.len() < 1024 * 1024);
    let e = baca_berkas("bom.xlsx", &bom, FormatImpor::OpenSid).unwrap_err();
    assert!(galat_berkas(e).contains("jauh lebih besar"));

    // Shared strings that claim a billion entries (calamine would reserve room for them).
    let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="1000000000"><si><t>a</t></si></sst>"#;
    let palsu = zip_dengan(&[("xl/sharedStrings.xml", sst)]);
    let e = baca_berkas("sst.xlsx", &palsu, FormatImpor::OpenSid).unwrap_err();
    assert!(galat_berkas(e).contains("jauh lebih besar"));

    // A zip that is not a workbook.
    let dok = zip_dengan(&[("word/document.xml", b"<w/>")]);
    let e = baca_berkas("surat.docx", &dok, FormatImpor::OpenSid).unwrap_err();
    assert!(galat_berkas(e).contains("rusak atau bukan lembar kerja"));

    // Truncated.
    let xlsx = contoh("xlsx");
    let e = baca_berkas("potong.xlsx", &xlsx[..xlsx.len() / 2], FormatImpor::OpenSid).unwrap_err();
    assert!(galat_berkas(e).contains("rusak"));
}

#[test]
fn rumus_dibaca_sebagai_nilai_tersimpan_dan_galat_rumus_dilaporkan() {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let judul = [
        "nik",
        "nama",
        "no_kk",
        "sex",
        "tempatlahir",
        "tanggallahir",
        "agama_id",
        "pendidikan_kk_id",
        "pekerjaan_id",
        "status_kawin",
        "kk_level",
        "dusun",
        "rw",
        "rt",
        "nama_ayah",
    ];
    for (i, j) in judul.iter().enumerate() {
        ws.write_string(0, i as u16, *j).unwrap();
    }
    let nilai = [
        "3325081505800001",
        "BUDI",
        "3325081201100001",
        "1",
        "BATANG",
        "1980-05-15",
        "",
        "5",
        "9",
        "2",
        "1",
        "KRAJAN",
        "1",
        "2",
        "",
    ];
    for (i, v) in nilai.iter().enumerate() {
        ws.write_string(1, i as u16, *v).unwrap();
    }
    // The religion code comes from a formula; its saved result is used, never evaluated.
    ws.write_formula(
        1,
        6,
        Formula::new("=VLOOKUP(\"ISLAM\",Kode!A:B,2,0)").set_result("1"),
    )
    .unwrap();
    ws.write_formula(1, 14, Formula::new("=NA()").set_result("#N/A"))
        .unwrap();
    let isi = wb.save_to_buffer().unwrap();
    let t = baca_berkas("rumus.xlsx", &isi, FormatImpor::OpenSid).unwrap();
    let i = t.indeks("agama_id").unwrap();
    assert_eq!(t.baris[0].sel[i], "1");
    let i = t.indeks("nama_ayah").unwrap();
    assert_eq!(t.baris[0].sel[i], "#N/A");
}

balai_testkit::tiap_backend!(galat_rumus_excel_dilaporkan_pada_kolomnya);
async fn galat_rumus_excel_dilaporkan_pada_kolomnya(b: &'static str, s: balai_store::Store) {
    let d = desa(&s, "33.25.08.2004").await;
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    baris[1] = baris[1].replace(",AHLUL,", ",#N/A,");
    let l = s
        .impor_penduduk(
            &d,
            "r.csv",
            baris.join("\n").as_bytes(),
            &OPENSID,
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let g = &l.galat[0];
    assert_eq!(
        (g.baris, g.kolom.as_str()),
        (2, "nama_ayah"),
        "{b}: {:?}",
        l.galat
    );
    assert!(g.pesan.contains("galat rumus"), "{b}");
}

balai_testkit::tiap_backend!(ekspor_opensid_lalu_impor_ke_desa_baru_memberi_data_yang_sama);
async fn ekspor_opensid_lalu_impor_ke_desa_baru_memberi_data_yang_sama(
    b: &'static str,
    s: balai_store::Store,
) {
    let asal = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    s.impor_penduduk(&asal, "c.xlsx", &contoh("xlsx"), &OPENSID, &a)
        .await
        .unwrap();
    // Contact data is not in OpenSID's 43 columns; Balai's extra columns carry it.
    let p = s
        .penduduk_by_nik(&asal, "5201142005716996")
        .await
        .unwrap()
        .unwrap();
    let mut dp = p.data().unwrap();
    dp.telepon = "081234567890".into();
    dp.email = "ahlul@contoh.id".into();
    dp.alamat_sebelumnya = "MATARAM".into();
    s.ubah_penduduk(&asal, p.id, p.versi, &dp, &a)
        .await
        .unwrap();

    let berkas = s
        .ekspor_penduduk(&asal, &SaringPenduduk::default(), FormatEkspor::OpenSid)
        .await
        .unwrap();
    let tujuan = desa(&s, "33.25.08.2003").await;
    let l = s
        .impor_penduduk(&tujuan, "ekspor.xlsx", &berkas, &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!((l.baru, l.galat.len()), (97, 0), "{b}: {}", ringkas(&l));
    assert_eq!(semua(&s, &asal).await, semua(&s, &tujuan).await, "{b}");
}

balai_testkit::tiap_backend!(ekspor_untuk_dibaca_dan_ekspor_keluarga);
async fn ekspor_untuk_dibaca_dan_ekspor_keluarga(b: &'static str, s: balai_store::Store) {
    let d = desa(&s, "33.25.08.2004").await;
    s.impor_penduduk(&d, "c.xlsx", &contoh("xlsx"), &OPENSID, &Aktor::sistem())
        .await
        .unwrap();
    let saring = SaringPenduduk {
        dusun: "MANGSIT".into(),
        ..Default::default()
    };
    let csv = s
        .ekspor_penduduk(&d, &saring, FormatEkspor::Csv)
        .await
        .unwrap();
    let teks = String::from_utf8(csv[3..].to_vec()).unwrap();
    let baris: Vec<&str> = teks.lines().collect();
    assert_eq!(baris.len(), 1 + 19, "{b}");
    assert!(
        baris[0].starts_with("No,NIK,Nama,Jenis kelamin"),
        "{b}: {}",
        baris[0]
    );
    assert!(
        teks.contains("PEREMPUAN") && teks.contains("10-03-1996"),
        "{b}"
    );

    let xlsx = s
        .ekspor_penduduk(&d, &SaringPenduduk::default(), FormatEkspor::Xlsx)
        .await
        .unwrap();
    assert!(xlsx.starts_with(b"PK"), "{b}");

    let kel = s.ekspor_keluarga(&d, FormatEkspor::Csv).await.unwrap();
    let teks = String::from_utf8(kel[3..].to_vec()).unwrap();
    assert_eq!(teks.lines().count(), 1 + 37, "{b}");
    assert!(
        teks.contains("5201140104126994,AHLUL,5201142005716996"),
        "{b}"
    );
    assert!(
        s.ekspor_keluarga(&d, FormatEkspor::Xlsx)
            .await
            .unwrap()
            .starts_with(b"PK")
    );
    assert!(matches!(
        s.ekspor_keluarga(&d, FormatEkspor::OpenSid).await,
        Err(Galat::Ditolak(_))
    ));
}

// --- .xls (BIFF8) written by hand, to test our reader and cross-check it against calamine.

fn rekaman(out: &mut Vec<u8>, jenis: u16, data: &[u8]) {
    out.extend_from_slice(&jenis.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

fn bof(jenis: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend_from_slice(&jenis.to_le_bytes());
    d.extend_from_slice(&[0; 12]);
    d
}

/// A BIFF8 workbook stream: strings in the SST (split over CONTINUE records), numbers as NUMBER.
fn buku_biff8(nama_lembar: &str, sel: &[Vec<String>]) -> Vec<u8> {
    let mut glob = Vec::new();
    rekaman(&mut glob, 0x0809, &bof(0x0005));
    let posisi_bs = glob.len() + 4;
    let mut bs = vec![0, 0, 0, 0, 0, 0, nama_lembar.len() as u8, 0];
    bs.extend_from_slice(nama_lembar.as_bytes());
    rekaman(&mut glob, 0x0085, &bs);
    let mut sst: Vec<String> = Vec::new();
    for r in sel {
        for v in r {
            if !v.is_empty() && !sst.contains(v) {
                sst.push(v.clone());
            }
        }
    }
    // SST, cut into 8224-byte records; some strings are UTF-16 to exercise both encodings.
    let mut isi = Vec::new();
    isi.extend_from_slice(&(sst.len() as u32).to_le_bytes());
    isi.extend_from_slice(&(sst.len() as u32).to_le_bytes());
    let mut potongan: Vec<Vec<u8>> = Vec::new();
    for (i, t) in sst.iter().enumerate() {
        let mut s = Vec::new();
        let lebar = i % 3 == 0;
        s.extend_from_slice(&(t.chars().count() as u16).to_le_bytes());
        s.push(if lebar { 1 } else { 0 });
        for c in t.chars() {
            if lebar {
                s.extend_from_slice(&(c as u16).to_le_bytes());
            } else {
                s.push(c as u8);
            }
        }
        if isi.len() + s.len() > 8224 {
            potongan.push(std::mem::take(&mut isi));
        }
        isi.extend_from_slice(&s);
    }
    potongan.push(isi);
    for (i, p) in potongan.iter().enumerate() {
        rekaman(&mut glob, if i == 0 { 0x00FC } else { 0x003C }, p);
    }
    rekaman(&mut glob, 0x000A, &[]);
    let pos = glob.len() as u32;
    glob[posisi_bs..posisi_bs + 4].copy_from_slice(&pos.to_le_bytes());
    rekaman(&mut glob, 0x0809, &bof(0x0010));
    for (r, baris) in sel.iter().enumerate() {
        for (c, v) in baris.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let mut d = Vec::new();
            d.extend_from_slice(&(r as u16).to_le_bytes());
            d.extend_from_slice(&(c as u16).to_le_bytes());
            d.extend_from_slice(&0u16.to_le_bytes());
            if v == "2" {
                d.extend_from_slice(&2.0f64.to_le_bytes());
                rekaman(&mut glob, 0x0203, &d);
            } else {
                let i = sst.iter().position(|x| x == v).unwrap() as u32;
                d.extend_from_slice(&i.to_le_bytes());
                rekaman(&mut glob, 0x00FD, &d);
            }
        }
    }
    rekaman(&mut glob, 0x000A, &[]);
    glob
}

/// A compound file holding `aliran` as "Workbook" (512-byte sectors, no mini stream: the
/// stream is padded past 4096 bytes).
fn cfb(mut aliran: Vec<u8>) -> Vec<u8> {
    while aliran.len() < 4096 || !aliran.len().is_multiple_of(512) {
        aliran.push(0);
    }
    let n_data = aliran.len() / 512;
    // Sectors: data…, directory, FAT (one FAT sector holds 128 entries).
    let n_fat = (n_data + 1 + 1).div_ceil(127);
    let dir_id = n_data as u32;
    let fat_awal = n_data as u32 + 1;
    let mut fat: Vec<u32> = Vec::new();
    for i in 0..n_data {
        fat.push(if i + 1 == n_data {
            0xFFFF_FFFE
        } else {
            i as u32 + 1
        });
    }
    fat.push(0xFFFF_FFFE); // directory
    fat.extend(std::iter::repeat_n(0xFFFF_FFFD, n_fat));
    while !fat.len().is_multiple_of(128) {
        fat.push(0xFFFF_FFFF);
    }
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    h[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    h[0x2C..0x30].copy_from_slice(&(n_fat as u32).to_le_bytes());
    h[0x30..0x34].copy_from_slice(&dir_id.to_le_bytes());
    h[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    h[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let v = if i < n_fat {
            fat_awal + i as u32
        } else {
            0xFFFF_FFFF
        };
        h[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut dir = vec![0u8; 512];
    let entri = |d: &mut [u8], nama: &str, jenis: u8, mulai: u32, panjang: u32| {
        let u: Vec<u16> = nama.encode_utf16().collect();
        for (i, c) in u.iter().enumerate() {
            d[2 * i..2 * i + 2].copy_from_slice(&c.to_le_bytes());
        }
        d[0x40..0x42].copy_from_slice(&((u.len() as u16 + 1) * 2).to_le_bytes());
        d[0x42] = jenis;
        d[0x44..0x48].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        d[0x48..0x4C].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        d[0x4C..0x50].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        d[0x74..0x78].copy_from_slice(&mulai.to_le_bytes());
        d[0x78..0x7C].copy_from_slice(&panjang.to_le_bytes());
    };
    entri(&mut dir[..128], "Root Entry", 5, 0xFFFF_FFFE, 0);
    dir[0x4C..0x50].copy_from_slice(&1u32.to_le_bytes()); // root's child: the stream
    entri(&mut dir[128..256], "Workbook", 2, 0, aliran.len() as u32);
    let mut out = h;
    out.extend_from_slice(&aliran);
    out.extend_from_slice(&dir);
    for f in &fat {
        out.extend_from_slice(&f.to_le_bytes());
    }
    out
}

#[tokio::test]
async fn siak_xls_terbaca_dan_sama_dengan_bacaan_calamine() {
    let mut sel: Vec<Vec<String>> = vec![
        vec!["DATA PENDUDUK DESA TEMBOK".into()],
        JUDUL_SIAK.iter().map(|s| s.to_string()).collect(),
    ];
    for i in 0..150u32 {
        let mut r = siak_baris(
            "3325081201100001",
            "",
            "Warga",
            "15-05-1980",
            "Laki-laki",
            "Anak",
            "DUSUN KRAJAN",
        )
        .map(str::to_string)
        .to_vec();
        r[0] = format!("33250812011{:05}", i / 3 + 1);
        r[1] = format!("332508150580{:04}", i + 1);
        r[2] = format!("WARGA NOMOR {}", ["SATU", "DUA", "TIGA"][i as usize % 3]);
        r[2].push_str(&" ABCDEFGHIJ".repeat(i as usize % 5));
        // Enough distinct strings that the SST spills into CONTINUE records.
        r[28] = format!("3325-LT-{i:08}-ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if i % 3 == 0 {
            r[12] = "Kepala Keluarga".into();
        }
        sel.push(r);
    }
    let xls = cfb(buku_biff8("Penduduk", &sel));

    // calamine, an independent reader, sees the same cells: the test file is a real .xls.
    use calamine::Reader;
    let mut wb = calamine::Xls::new(std::io::Cursor::new(xls.clone())).unwrap();
    let range = wb.worksheet_range("Penduduk").unwrap();
    assert_eq!(range.get_value((2, 2)).unwrap().to_string(), sel[2][2]);
    assert_eq!(range.get_value((100, 1)).unwrap().to_string(), sel[100][1]);

    let t = baca_berkas("siak.xls", &xls, FormatImpor::Siak).unwrap();
    assert_eq!((t.baris_judul, t.baris.len()), (2, 150));
    assert_eq!(t.baris[99].nomor, 102);
    assert_eq!(t.baris[99].sel[t.indeks("nama").unwrap()], sel[101][2]);
    assert_eq!(t.baris[0].sel[t.indeks("rw").unwrap()], "2");

    for (b, s) in balai_testkit::stores().await {
        let d = desa(&s, "33.25.08.2004").await;
        let l = s
            .impor_penduduk(&d, "siak.xls", &xls, &SIAK, &Aktor::sistem())
            .await
            .unwrap();
        assert!(l.galat.is_empty(), "{b}: {}", ringkas(&l));
        assert_eq!(l.baru, 150, "{b}");
    }
}

#[test]
fn xls_rusak_ditolak_tanpa_macet() {
    let sel = vec![JUDUL_SIAK.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    let baik = cfb(buku_biff8("P", &sel));
    // A directory chain that loops back on itself (sector 8 holds the directory).
    let mut putar = baik.clone();
    let fat_awal = putar.len() - 512;
    putar[fat_awal + 32..fat_awal + 36].copy_from_slice(&8u32.to_le_bytes());
    let e = baca_berkas("putar.xls", &putar, FormatImpor::Siak).unwrap_err();
    assert!(galat_berkas(e).contains("rusak"));
    // A sheet that claims to start beyond the end of the stream.
    let mut jauh = baik.clone();
    let bs = 512 + 20 + 4;
    jauh[bs..bs + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(baca_berkas("jauh.xls", &jauh, FormatImpor::Siak).is_err());
    // Every single-byte corruption of the header and first sectors ends in Ok or Err, never a
    // panic or a hang.
    for i in (0..2048).step_by(7) {
        let mut x = baik.clone();
        x[i] ^= 0xA5;
        let _ = baca_berkas("x.xls", &x, FormatImpor::Siak);
    }
    // Truncations too.
    for n in [0, 8, 511, 512, 1000, 3000, baik.len() - 1] {
        let _ = baca_berkas("x.xls", &baik[..n], FormatImpor::Siak);
    }
}

balai_testkit::tiap_backend!(penduduk_meninggal_dalam_berkas_dilewati_dengan_peringatan);
async fn penduduk_meninggal_dalam_berkas_dilewati_dengan_peringatan(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    // status_dasar is the 37th column; row 2 (a child, not a head) has died.
    let mut sel: Vec<String> = baris[1].split(',').map(str::to_string).collect();
    sel[36] = "2".into();
    baris[1] = sel.join(",");
    let l = s
        .impor_penduduk(
            &d,
            "m.csv",
            baris.join("\n").as_bytes(),
            &OPENSID,
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!((l.total, l.baru, l.dilewati), (97, 96, 1), "{b}");
    assert!(
        l.peringatan.iter().any(|g| g.baris == 2
            && g.pesan.contains("Baris dilewati")
            && g.pesan.contains("MATI")),
        "{b}"
    );
}

balai_testkit::tiap_backend!(simpan_penduduk_menambah_lalu_mengubah_menurut_nik);
async fn simpan_penduduk_menambah_lalu_mengubah_menurut_nik(
    b: &'static str,
    s: balai_store::Store,
) {
    use balai_store::penduduk::HasilTambah;
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::api("dukcapil");
    let m: std::collections::HashMap<&str, &str> = [
        ("nik", "3325081505800001"),
        ("nama", "Budi Santoso"),
        ("jenis_kelamin", "1"),
        ("tempat_lahir", "BATANG"),
        ("tanggal_lahir", "1980-05-15"),
        ("agama_id", "1"),
        ("pendidikan_kk_id", "5"),
        ("pekerjaan_id", "9"),
        ("status_kawin_id", "2"),
        ("shdk_id", "1"),
        ("no_kk", "3325081201100001"),
        ("dusun", "KRAJAN"),
        ("rw", "1"),
        ("rt", "2"),
    ]
    .into_iter()
    .collect();
    let data = DataPenduduk::dari_isian(&|k| m.get(k).map(|v| v.to_string()), hari_ini()).unwrap();
    assert!(
        matches!(
            s.simpan_penduduk(&d, &data, &a).await.unwrap(),
            HasilTambah::Baru(_)
        ),
        "{b}"
    );
    assert!(
        matches!(
            s.simpan_penduduk(&d, &data, &a).await.unwrap(),
            HasilTambah::TidakBerubah(_)
        ),
        "{b}"
    );
    let mut lain = data.clone();
    lain.telepon = "081234567890".into();
    assert!(
        matches!(
            s.simpan_penduduk(&d, &lain, &a).await.unwrap(),
            HasilTambah::Diubah(_)
        ),
        "{b}"
    );
    assert_eq!(jumlah(&s, &d).await, 1, "{b}");
}
