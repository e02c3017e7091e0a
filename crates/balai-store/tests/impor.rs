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
    dusun_baru: None,
};
const SIAK: OpsiImpor = OpsiImpor {
    format: FormatImpor::Siak,
    dry_run: false,
    dusun_baru: None,
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
    // An unknown religion code does not stop the file: a warning, and the list's "other".
    assert!(!l.galat.iter().any(|g| g.baris == 5), "{b}: {:#?}", l.galat);
    let w = l
        .peringatan
        .iter()
        .find(|g| g.baris == 5 && g.kolom == "agama_id")
        .unwrap_or_else(|| panic!("{b}: {:#?}", l.peringatan));
    assert_eq!(w.nilai, "9", "{b}");
    assert!(
        w.pesan.contains("tidak dikenal") && w.pesan.contains("diisi 7"),
        "{b}: {}",
        w.pesan
    );
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
    // An RT no dusun has: created under "BELUM DITENTUKAN", and the operator is told.
    tanpa[17] = "9";
    let l = s
        .impor_penduduk(&d, "siak.csv", &siak_csv(&[tanpa]), &SIAK, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty() && l.diterapkan, "{b}: {}", ringkas(&l));
    assert!(
        l.peringatan.iter().any(|g| g.baris == 2
            && g.kolom == "RT"
            && g.nilai == "RW 009 RT 001"
            && g.pesan.contains("BELUM DITENTUKAN")),
        "{b}: {:#?}",
        l.peringatan
    );
    let p = s
        .penduduk_by_nik(&d, "3325081505800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.dusun.as_str(), p.rw.as_str(), p.rt.as_str()),
        ("BELUM DITENTUKAN", "009", "001"),
        "{b}"
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

balai_testkit::tiap_backend!(penduduk_hidup_yang_meninggal_menurut_berkas_dicatat_sekali);
async fn penduduk_hidup_yang_meninggal_menurut_berkas_dicatat_sekali(
    b: &'static str,
    s: balai_store::Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    s.impor_penduduk(&d, "c.csv", &contoh("csv"), &OPENSID, &a)
        .await
        .unwrap();
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    // status_dasar is the 37th column; row 3 (AHLUL, head of his family) has died.
    let mut sel: Vec<String> = baris[2].split(',').map(str::to_string).collect();
    sel[36] = "MATI".into();
    baris[2] = sel.join(",");
    let isi = baris.join("\n");
    let l = s
        .impor_penduduk(&d, "m.csv", isi.as_bytes(), &OPENSID, &a)
        .await
        .unwrap();
    assert!(l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(
        (l.total, l.baru, l.diubah, l.tidak_berubah, l.status_dicatat),
        (97, 0, 1, 96, 1),
        "{b}: {}",
        ringkas(&l)
    );
    let w: Vec<&str> = l
        .peringatan
        .iter()
        .filter(|g| g.baris == 3)
        .map(|g| g.pesan.as_str())
        .collect();
    assert!(
        w.iter()
            .any(|p| p.contains("tercatat HIDUP di Balai") && p.contains("MATI")),
        "{b}: {w:#?}"
    );
    assert!(w.iter().any(|p| p.contains("tanggal impor")), "{b}: {w:#?}");
    let p = s
        .penduduk_by_nik(&d, "5201142005716996")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.status_dasar, 2, "{b}");
    let riwayat = s.riwayat_penduduk(&d, p.id).await.unwrap();
    assert_eq!(
        riwayat.iter().filter(|e| e.jenis == "mati").count(),
        1,
        "{b}"
    );
    // A death read from a file is history: no death-benefit claim is opened for it.
    assert!(
        s.bantuan()
            .santunan_almarhum(&d, p.id)
            .await
            .unwrap()
            .is_none(),
        "{b}"
    );
    // The family keeps its card without a head.
    let kk = s
        .keluarga_by_kk(&d, "5201140104126994")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk.kepala_nama, None, "{b}");

    // The same file again changes nothing.
    let l2 = s
        .impor_penduduk(&d, "m.csv", isi.as_bytes(), &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!(
        (l2.baru, l2.diubah, l2.tidak_berubah, l2.status_dicatat),
        (0, 0, 97, 0),
        "{b}: {}",
        ringkas(&l2)
    );
    let p2 = s.penduduk(&d, p.id).await.unwrap().unwrap();
    assert_eq!(p2.versi, p.versi, "{b}");
    assert_eq!(
        s.riwayat_penduduk(&d, p.id).await.unwrap().len(),
        riwayat.len(),
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

// --- Files as SIAK and district spreadsheets really are (issue 22).

/// A SIAK row: every column filled as SIAK writes it, then `ubah` (header, value) applied.
fn siak(ubah: &[(&str, &str)]) -> Vec<String> {
    let mut r: Vec<String> = siak_baris(
        "3325081201100001",
        "",
        "",
        "",
        "LK",
        "ANAK",
        "JL. MAWAR NO 3",
    )
    .map(str::to_string)
    .to_vec();
    r[11] = "KAWIN TERCATAT".into();
    r[13] = "ISLAM".into();
    r[19] = "SLTA/SEDERAJAT".into();
    r[20] = "PETANI/PEKEBUN".into();
    r[22] = "O+".into();
    r[34] = String::new();
    for (j, v) in ubah {
        let i = JUDUL_SIAK
            .iter()
            .position(|x| x == j)
            .unwrap_or_else(|| panic!("SIAK has no column {j}"));
        r[i] = v.to_string();
    }
    r
}

fn csv_dari(judul: &[&str], baris: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(judul).unwrap();
    for r in baris {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// An .xlsx with every cell as text, the way Dukcapil's and OpenSID's exports are.
fn xlsx_dari(judul: &[&str], baris: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (i, j) in judul.iter().enumerate() {
        ws.write_string(0, i as u16, *j).unwrap();
    }
    for (r, b) in baris.iter().enumerate() {
        for (i, v) in b.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, i as u16, v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The warning on a row and column, by the file's header.
fn peringatan<'a>(b: &str, l: &'a LaporanImpor, baris: usize, kolom: &str) -> Vec<&'a str> {
    let w: Vec<&str> = l
        .peringatan
        .iter()
        .filter(|g| g.baris == baris && g.kolom == kolom)
        .map(|g| g.pesan.as_str())
        .collect();
    assert!(
        !w.is_empty(),
        "{b}: no warning at row {baris} column {kolom}: {:#?}",
        l.peringatan
    );
    w
}

fn ada(w: &[&str], teks: &str) -> bool {
    w.iter().any(|p| p.contains(teks))
}

async fn peristiwa_status(
    s: &Store,
    d: &str,
    nik: &str,
) -> (i16, Vec<(String, NaiveDate, String)>) {
    let p = s.penduduk_by_nik(d, nik).await.unwrap().unwrap();
    let r = s
        .riwayat_penduduk(d, p.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.jenis != "koreksi" || e.keterangan.contains("impor"))
        .map(|e| (e.jenis, e.tanggal, e.keterangan))
        .collect();
    (p.status_dasar, r)
}

/// Buku induk rows of one village: abbreviations, an unknown religion and occupation, a NIK of
/// province 99 and one of the impossible province 10, a KK of province 10, RT/RW in one cell in
/// three spellings, RTs the village has not registered, the dead (one with "Tgl Ubah", one
/// former head beside his widow who heads the family now), one moved without a date, and a
/// status SIAK does not have.
fn berkas_siak() -> Vec<Vec<String>> {
    vec![
        siak(&[
            ("NIK", "3325081505800001"),
            ("Nama Penduduk", "Budi Santoso"),
            ("Tanggal Lahir", "15-05-1980"),
            ("SHDK", "KEPALA KELUARGA"),
        ]),
        siak(&[
            ("NIK", "9901015505850002"),
            ("Nama Penduduk", "Siti Aminah"),
            ("Tanggal Lahir", "15-05-1985"),
            ("Kelamin", "PR"),
            ("SHDK", "ISTRI"),
            ("Status Kawin", "KAWIN BELUM TERCATAT"),
            ("Agama", "KATOLIK"),
            ("Pendidikan", "TDK/BLM SEKOLAH"),
            ("Pekerjaan", "MENGURUS RUMAH TANGGA"),
            ("Gol. Darah", "-"),
            ("RT", "001/002"),
            ("RW", ""),
        ]),
        siak(&[
            ("NIK", "3325080101100004"),
            ("Nama Penduduk", "Andi"),
            ("Tanggal Lahir", "01-01-2010"),
            ("Kelamin", "L"),
            ("Status Kawin", "BLM KAWIN"),
            ("Agama", "JEDI"),
            ("Pendidikan", "BELUM TAMAT SD/SEDERAJAT"),
            ("Pekerjaan", "ASTRONOT"),
            ("RT", "RT 03 / RW 05"),
            ("RW", ""),
        ]),
        siak(&[
            ("NIK", "3325081010400005"),
            ("Nama Penduduk", "Kromo"),
            ("Tanggal Lahir", "10-10-1940"),
            ("Status", "MATI"),
            ("SHDK", "ORANG TUA"),
            ("Status Kawin", "CERAI MATI"),
            ("Pendidikan", "TIDAK / BELUM SEKOLAH"),
            ("Pekerjaan", "BELUM/TIDAK BEKERJA"),
            ("Gol. Darah", "TIDAK TAHU"),
            ("Tgl Ubah", "10-02-2024"),
        ]),
        siak(&[
            ("Nomor KK", "1008081201100009"),
            ("NIK", "3325082002750006"),
            ("Nama Penduduk", "Joko"),
            ("Tanggal Lahir", "20-02-1975"),
            ("Status", "PINDAH"),
            ("SHDK", "KEPALA KELUARGA"),
            ("Status Kawin", "KAWIN"),
            ("Agama", "BUDDHA"),
        ]),
        siak(&[
            ("NIK", "1008084107900007"),
            ("Nama Penduduk", "Lina"),
            ("Tanggal Lahir", "01-07-1990"),
            ("Kelamin", "PEREMPUAN"),
            ("SHDK", "FAMILI LAIN"),
            ("Status Kawin", "BELUM KAWIN"),
            ("Agama", "KHONGHUCU"),
            ("Pendidikan", "DIPLOMA IV/STRATA I"),
            ("Pekerjaan", "KARYAWAN SWASTA"),
            ("RT", "RT.002 RW.005"),
            ("RW", "5"),
        ]),
        siak(&[
            ("Nomor KK", "3325081201100003"),
            ("NIK", "3325080303500008"),
            ("Nama Penduduk", "Parto"),
            ("Tanggal Lahir", "03-03-1950"),
            ("Status", "MENINGGAL"),
            ("SHDK", "KEPALA KELUARGA"),
            ("Tgl Ubah", "01-06-2025"),
        ]),
        siak(&[
            ("Nomor KK", "3325081201100003"),
            ("NIK", "3325084404550009"),
            ("Nama Penduduk", "Painem"),
            ("Tanggal Lahir", "04-04-1955"),
            ("Kelamin", "P"),
            ("SHDK", "KEPALA KELUARGA"),
            ("Status Kawin", "CERAI MATI"),
        ]),
        siak(&[
            ("NIK", "3325081212120010"),
            ("Nama Penduduk", "Bayu"),
            ("Tanggal Lahir", "12-12-2012"),
            ("Status", "DIBEKUKAN"),
            ("SHDK", "CUCU"),
            ("Status Kawin", "BELUM KAWIN"),
        ]),
    ]
}

async fn siak_seperti_aslinya(b: &str, s: &Store, d: &str, nama: &str, isi: &[u8]) {
    let a = Aktor::pengguna("operator");
    s.tambah_rt(d, "KRAJAN", "2", "1", "", &a).await.unwrap();
    let l = s.impor_penduduk(d, nama, isi, &SIAK, &a).await.unwrap();
    assert!(l.galat.is_empty() && l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(
        (l.total, l.baru, l.status_dicatat, l.dilewati),
        (9, 9, 3, 0),
        "{b}: {}",
        ringkas(&l)
    );

    // Warnings name the row, the column as headed in the file, the value, and what was done.
    let w = peringatan(b, &l, 4, "Agama");
    assert!(
        ada(&w, "\"JEDI\" tidak dikenal") && ada(&w, "diisi 7"),
        "{b}: {w:?}"
    );
    let g = l
        .peringatan
        .iter()
        .find(|g| g.baris == 4 && g.kolom == "Agama")
        .unwrap();
    assert_eq!(g.nilai, "JEDI", "{b}");
    assert!(
        ada(&peringatan(b, &l, 4, "Pekerjaan"), "diisi 89 (LAINNYA)"),
        "{b}"
    );
    assert!(
        ada(
            &peringatan(b, &l, 3, "NIK"),
            "(990101) tidak ada dalam tabel wilayah"
        ),
        "{b}"
    );
    assert!(
        ada(
            &peringatan(b, &l, 7, "NIK"),
            "Kode provinsi pada NIK (10) tidak mungkin"
        ),
        "{b}"
    );
    assert!(
        ada(
            &peringatan(b, &l, 6, "Nomor KK"),
            "Kode provinsi pada Nomor KK (10)"
        ),
        "{b}"
    );
    assert!(
        !l.peringatan.iter().any(|g| g.baris == 2),
        "{b}: {:#?}",
        l.peringatan
    );
    let w = peringatan(b, &l, 4, "RT");
    assert!(
        ada(&w, "RW 005 RT 003 belum terdaftar") && ada(&w, "BELUM DITENTUKAN"),
        "{b}: {w:?}"
    );
    assert!(ada(&peringatan(b, &l, 7, "RT"), "RW 005 RT 002"), "{b}");
    assert!(
        ada(&peringatan(b, &l, 5, "Tgl Ubah"), "Tgl Ubah) 10-02-2024"),
        "{b}"
    );
    assert!(
        ada(&peringatan(b, &l, 6, "Status"), "dipakai tanggal impor"),
        "{b}"
    );
    assert!(
        ada(
            &peringatan(b, &l, 10, "Status"),
            "\"DIBEKUKAN\" tidak dikenal; penduduk diimpor sebagai HIDUP"
        ),
        "{b}"
    );
    let rt_baru: Vec<(&str, &str, &str, usize, bool)> = l
        .rt_baru
        .iter()
        .map(|r| {
            (
                r.dusun.as_str(),
                r.rw.as_str(),
                r.rt.as_str(),
                r.jumlah,
                r.dusun_dipilih,
            )
        })
        .collect();
    assert_eq!(
        rt_baru,
        [
            ("BELUM DITENTUKAN", "005", "002", 1, true),
            ("BELUM DITENTUKAN", "005", "003", 1, true)
        ],
        "{b}"
    );

    // The stored data: spellings mapped, RT/RW split, dusun found or defaulted.
    let nik = |n: &'static str| async move { s.penduduk_by_nik(d, n).await.unwrap().unwrap() };
    let siti = nik("9901015505850002").await;
    assert!(!siti.nik_wilayah_dikenal, "{b}");
    assert_eq!(
        (
            siti.jenis_kelamin,
            siti.status_kawin_id,
            siti.agama_id,
            siti.pendidikan_kk_id,
            siti.pekerjaan_id,
            siti.golongan_darah_id
        ),
        (2, 2, 3, 1, 2, Some(13)),
        "{b}"
    );
    assert_eq!(
        (siti.dusun.as_str(), siti.rw.as_str(), siti.rt.as_str()),
        ("KRAJAN", "002", "001"),
        "{b}"
    );
    let budi = nik("3325081505800001").await;
    assert_eq!(
        (
            budi.golongan_darah_id,
            budi.pekerjaan_id,
            budi.status_kawin_id
        ),
        (Some(11), 9, 2),
        "{b}"
    );
    let andi = nik("3325080101100004").await;
    assert_eq!(
        (
            andi.agama_id,
            andi.pekerjaan_id,
            andi.status_kawin_id,
            andi.pendidikan_kk_id
        ),
        (7, 89, 1, 2),
        "{b}"
    );
    assert_eq!(
        (andi.dusun.as_str(), andi.rw.as_str(), andi.rt.as_str()),
        ("BELUM DITENTUKAN", "005", "003"),
        "{b}"
    );
    let lina = nik("1008084107900007").await;
    assert!(!lina.nik_wilayah_dikenal, "{b}");
    assert_eq!(
        (lina.agama_id, lina.pendidikan_kk_id, lina.pekerjaan_id),
        (6, 8, 15),
        "{b}"
    );
    assert_eq!((lina.rw.as_str(), lina.rt.as_str()), ("005", "002"), "{b}");
    // Every record reads back (a stored impossible province does not break it).
    lina.data().unwrap();
    assert_eq!(
        nik("3325082002750006")
            .await
            .data()
            .unwrap()
            .no_kk
            .unwrap()
            .as_str(),
        "1008081201100009",
        "{b}"
    );

    // The dead and moved: their status and the event with its date.
    let (st, ev) = peristiwa_status(s, d, "3325081010400005").await;
    assert_eq!(st, 2, "{b}");
    assert_eq!(ev.len(), 1, "{b}: {ev:?}");
    assert_eq!(
        (ev[0].0.as_str(), ev[0].1),
        ("mati", NaiveDate::from_ymd_opt(2024, 2, 10).unwrap()),
        "{b}"
    );
    assert!(ev[0].2.contains("Tgl Ubah"), "{b}: {}", ev[0].2);
    let (st, ev) = peristiwa_status(s, d, "3325082002750006").await;
    assert_eq!((st, ev[0].0.as_str()), (3, "pindah_keluar"), "{b}");
    assert_eq!(ev[0].1, s.hari_ini(balai_domain::ZonaWaktu::Wib), "{b}");
    assert_eq!(peristiwa_status(s, d, "3325080303500008").await.0, 2, "{b}");
    assert_eq!(peristiwa_status(s, d, "3325081212120010").await.0, 1, "{b}");
    // The widow heads the family; her dead husband stays in it, never its head.
    let kk3 = s
        .keluarga_by_kk(d, "3325081201100003")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk3.kepala_nama.as_deref(), Some("PAINEM"), "{b}");
    let kk1 = s
        .keluarga_by_kk(d, "3325081201100001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk1.kepala_nama.as_deref(), Some("BUDI SANTOSO"), "{b}");
    let parto = nik("3325080303500008").await;
    assert!(
        s.bantuan()
            .santunan_almarhum(d, parto.id)
            .await
            .unwrap()
            .is_none(),
        "{b}"
    );

    // The same file again changes nothing at all.
    let sebelum = semua(s, d).await;
    let versi: Vec<i64> = {
        let mut v = Vec::new();
        for n in sebelum.keys() {
            v.push(s.penduduk_by_nik(d, n).await.unwrap().unwrap().versi);
        }
        v
    };
    let l2 = s.impor_penduduk(d, nama, isi, &SIAK, &a).await.unwrap();
    assert!(l2.galat.is_empty(), "{b}: {}", ringkas(&l2));
    assert_eq!(
        (
            l2.baru,
            l2.diubah,
            l2.tidak_berubah,
            l2.status_dicatat,
            l2.rt_baru.len()
        ),
        (0, 0, 9, 0, 0),
        "{b}: {}",
        ringkas(&l2)
    );
    assert_eq!(semua(s, d).await, sebelum, "{b}");
    let mut sesudah = Vec::new();
    for n in sebelum.keys() {
        sesudah.push(s.penduduk_by_nik(d, n).await.unwrap().unwrap().versi);
    }
    assert_eq!(sesudah, versi, "{b}");
    assert_eq!(
        peristiwa_status(s, d, "3325081010400005").await.1.len(),
        1,
        "{b}"
    );
}

balai_testkit::tiap_backend!(siak_csv_seperti_aslinya_diimpor_dengan_peringatan_dan_status);
async fn siak_csv_seperti_aslinya_diimpor_dengan_peringatan_dan_status(b: &'static str, s: Store) {
    let d = desa(&s, "33.25.08.2004").await;
    siak_seperti_aslinya(
        b,
        &s,
        &d,
        "buku_induk.csv",
        &csv_dari(&JUDUL_SIAK, &berkas_siak()),
    )
    .await;
}

balai_testkit::tiap_backend!(siak_xlsx_seperti_aslinya_diimpor_dengan_peringatan_dan_status);
async fn siak_xlsx_seperti_aslinya_diimpor_dengan_peringatan_dan_status(b: &'static str, s: Store) {
    let d = desa(&s, "33.25.08.2004").await;
    siak_seperti_aslinya(
        b,
        &s,
        &d,
        "buku_induk.xlsx",
        &xlsx_dari(&JUDUL_SIAK, &berkas_siak()),
    )
    .await;
}

balai_testkit::tiap_backend!(rt_baru_dibuat_di_dusun_pilihan_operator);
async fn rt_baru_dibuat_di_dusun_pilihan_operator(b: &'static str, s: Store) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::pengguna("operator");
    s.tambah_rt(&d, "KRAJAN", "2", "1", "", &a).await.unwrap();
    s.tambah_rt(&d, "SIDOREJO", "3", "1", "", &a).await.unwrap();
    // A "RT/RW" column instead of RT and RW (SIAK's own two are left empty).
    let mut judul: Vec<&str> = JUDUL_SIAK.to_vec();
    judul.push("RT/RW");
    let baris: Vec<Vec<String>> = [
        ("3325081505800001", "Budi", "15-05-1980", "KEPALA KELUARGA"),
        ("3325085505850002", "Siti", "15-05-1985", "ISTRI"),
    ]
    .iter()
    .map(|(n, nama, lahir, shdk)| {
        let mut r = siak(&[
            ("NIK", n),
            ("Nama Penduduk", nama),
            ("Tanggal Lahir", lahir),
            ("SHDK", shdk),
            ("Kelamin", if *shdk == "ISTRI" { "PR" } else { "LK" }),
            ("RT", ""),
            ("RW", ""),
        ]);
        r.push("004/006".into());
        r
    })
    .collect();
    let isi = csv_dari(&judul, &baris);
    let pilih = OpsiImpor {
        dry_run: true,
        dusun_baru: Some("dusun  sidorejo".into()),
        ..SIAK
    };
    // The preview lists the RT it would create under the chosen dusun, and stores nothing.
    let l = s
        .impor_penduduk(&d, "rtrw.csv", &isi, &pilih, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty() && !l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(l.dusun_baru, "SIDOREJO", "{b}");
    assert_eq!(
        l.rt_baru,
        vec![balai_store::impor::RtBaru {
            dusun: "SIDOREJO".into(),
            rw: "006".into(),
            rt: "004".into(),
            baris: 2,
            jumlah: 2,
            dusun_dipilih: true,
        }],
        "{b}"
    );
    assert!(
        ada(&peringatan(b, &l, 2, "RT"), "dusun yang dipilih operator"),
        "{b}"
    );
    assert_eq!(s.daftar_rt(&d).await.unwrap().len(), 2, "{b}");
    assert_eq!(jumlah(&s, &d).await, 0, "{b}");

    let l = s
        .impor_penduduk(
            &d,
            "rtrw.csv",
            &isi,
            &OpsiImpor {
                dry_run: false,
                ..pilih
            },
            &a,
        )
        .await
        .unwrap();
    assert!(l.diterapkan, "{b}: {}", ringkas(&l));
    let p = s
        .penduduk_by_nik(&d, "3325085505850002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.dusun.as_str(), p.rw.as_str(), p.rt.as_str()),
        ("SIDOREJO", "006", "004"),
        "{b}"
    );
    assert!(
        s.daftar_rt(&d).await.unwrap().iter().any(|r| (
            r.dusun.as_str(),
            r.rw.as_str(),
            r.rt.as_str()
        ) == ("SIDOREJO", "006", "004")),
        "{b}"
    );
    // Without a choice the RT is now registered: found there, nothing changes.
    let l = s
        .impor_penduduk(&d, "rtrw.csv", &isi, &SIAK, &a)
        .await
        .unwrap();
    assert_eq!(
        (l.tidak_berubah, l.rt_baru.len(), l.dusun_baru.as_str()),
        (2, 0, "BELUM DITENTUKAN"),
        "{b}: {}",
        ringkas(&l)
    );
    // A name too long for a dusun is refused before anything is read.
    let panjang = OpsiImpor {
        dusun_baru: Some("X".repeat(61)),
        ..SIAK
    };
    assert!(
        matches!(
            s.impor_penduduk(&d, "rtrw.csv", &isi, &panjang, &a).await,
            Err(Galat::Isian(_))
        ),
        "{b}"
    );
}

const JUDUL_OPENSID_UJI: [&str; 18] = [
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "no_kk",
    "nik",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pekerjaan_id",
    "status_kawin",
    "kk_level",
    "golongan_darah_id",
    "status_dasar",
    "tanggal_peristiwa",
];

/// OpenSID's sheet as villages fill it by hand: labels and abbreviations instead of codes, an
/// unknown code, a NIK of province 99, RT/RW in one cell, a row without a dusun, a new dusun,
/// and the dead, moved, missing, gone and invalid with (or without) the date of the event.
fn berkas_opensid() -> Vec<Vec<String>> {
    let baris = |ubah: &[(&str, &str)]| -> Vec<String> {
        let mut r: Vec<String> = [
            "JL MAWAR 3",
            "KRAJAN",
            "2",
            "1",
            "",
            "3325081201100001",
            "",
            "LAKI-LAKI",
            "BATANG",
            "",
            "Islam",
            "SLTA / SEDERAJAT",
            "Petani/Pekebun",
            "Kawin",
            "ANAK",
            "A+",
            "1",
            "",
        ]
        .map(str::to_string)
        .to_vec();
        for (k, v) in ubah {
            let i = JUDUL_OPENSID_UJI.iter().position(|x| x == k).unwrap();
            r[i] = v.to_string();
        }
        r
    };
    vec![
        baris(&[
            ("nama", "BUDI"),
            ("nik", "3325081505800001"),
            ("tanggallahir", "1980-05-15"),
            ("kk_level", "Kepala Keluarga"),
            ("rw", ""),
            ("rt", "001/002"),
        ]),
        baris(&[
            ("nama", "SITI"),
            ("nik", "9901015505850002"),
            ("tanggallahir", "1985-05-15"),
            ("sex", "P"),
            ("agama_id", "99"),
            ("pendidikan_kk_id", "5"),
            ("pekerjaan_id", "2"),
            ("status_kawin", "2"),
            ("kk_level", "ISTRI"),
            ("golongan_darah_id", "TIDAK TAHU"),
            ("status_dasar", "HIDUP"),
        ]),
        baris(&[
            ("nama", "KROMO"),
            ("nik", "3325081010400005"),
            ("tanggallahir", "1940-10-10"),
            ("status_dasar", "2"),
            ("tanggal_peristiwa", "2023-08-17"),
            ("kk_level", "7"),
            ("status_kawin", "CM"),
        ]),
        baris(&[
            ("nama", "ANDI"),
            ("nik", "3325080101100004"),
            ("tanggallahir", "2010-01-01"),
            ("status_dasar", "PINDAH"),
            ("tanggal_peristiwa", "05-01-2025"),
            ("dusun", ""),
            ("rt", "RT 03 / RW 05"),
            ("rw", ""),
        ]),
        baris(&[
            ("nama", "JOKO"),
            ("no_kk", "3325081201100009"),
            ("nik", "3325082002750006"),
            ("tanggallahir", "1975-02-20"),
            ("status_dasar", "4"),
            ("kk_level", "1"),
        ]),
        baris(&[
            ("nama", "BAYU"),
            ("nik", "3325081212120010"),
            ("tanggallahir", "2012-12-12"),
            ("status_dasar", "PERGI"),
            ("tanggal_peristiwa", "2024-03-01"),
            ("status_kawin", "BK"),
        ]),
        baris(&[
            ("nama", "PAINEM"),
            ("nik", "3325084404550009"),
            ("tanggallahir", "1955-04-04"),
            ("sex", "PR"),
            ("pekerjaan_id", "TUKANG SULAP"),
            ("status_kawin", "BK"),
            ("kk_level", "FAMILI LAIN"),
            ("dusun", "Dusun Sidomulyo"),
            ("rw", "3"),
            ("rt", "1"),
        ]),
        baris(&[
            ("nama", "PARTO"),
            ("nik", "3325080303500008"),
            ("tanggallahir", "1950-03-03"),
            ("status_dasar", "TIDAK VALID"),
            ("kk_level", "9"),
        ]),
    ]
}

async fn opensid_seperti_aslinya(b: &str, s: &Store, d: &str, nama: &str, isi: &[u8]) {
    let a = Aktor::pengguna("operator");
    let l = s.impor_penduduk(d, nama, isi, &OPENSID, &a).await.unwrap();
    assert!(l.galat.is_empty() && l.diterapkan, "{b}: {}", ringkas(&l));
    assert_eq!(
        (l.total, l.baru, l.status_dicatat),
        (8, 8, 5),
        "{b}: {}",
        ringkas(&l)
    );
    let w = peringatan(b, &l, 3, "agama_id");
    assert!(
        ada(&w, "\"99\" tidak dikenal") && ada(&w, "diisi 7"),
        "{b}: {w:?}"
    );
    assert!(
        ada(
            &peringatan(b, &l, 8, "pekerjaan_id"),
            "\"TUKANG SULAP\" tidak dikenal; diisi 89"
        ),
        "{b}"
    );
    assert!(ada(&peringatan(b, &l, 3, "nik"), "990101"), "{b}");
    assert!(
        ada(
            &peringatan(b, &l, 6, "status_dasar"),
            "dipakai tanggal impor"
        ),
        "{b}"
    );
    let rt: Vec<(&str, &str, &str, bool)> = l
        .rt_baru
        .iter()
        .map(|r| {
            (
                r.dusun.as_str(),
                r.rw.as_str(),
                r.rt.as_str(),
                r.dusun_dipilih,
            )
        })
        .collect();
    assert_eq!(
        rt,
        [
            ("BELUM DITENTUKAN", "005", "003", true),
            ("KRAJAN", "002", "001", false),
            ("SIDOMULYO", "003", "001", false)
        ],
        "{b}"
    );
    let status = |n: &'static str| async move { peristiwa_status(s, d, n).await };
    let tgl = |y, m, h| NaiveDate::from_ymd_opt(y, m, h).unwrap();
    let (st, ev) = status("3325081010400005").await;
    assert_eq!(
        (st, ev[0].0.as_str(), ev[0].1),
        (2, "mati", tgl(2023, 8, 17)),
        "{b}"
    );
    let (st, ev) = status("3325080101100004").await;
    assert_eq!(
        (st, ev[0].0.as_str(), ev[0].1),
        (3, "pindah_keluar", tgl(2025, 1, 5)),
        "{b}"
    );
    let (st, ev) = status("3325082002750006").await;
    assert_eq!((st, ev[0].0.as_str()), (4, "hilang"), "{b}");
    let (st, ev) = status("3325081212120010").await;
    assert_eq!(
        (st, ev[0].0.as_str(), ev[0].1),
        (6, "pindah_keluar", tgl(2024, 3, 1)),
        "{b}"
    );
    let (st, ev) = status("3325080303500008").await;
    assert_eq!((st, ev[0].0.as_str()), (9, "koreksi"), "{b}");
    let budi = s
        .penduduk_by_nik(d, "3325081505800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (budi.rw.as_str(), budi.rt.as_str(), budi.golongan_darah_id),
        ("002", "001", Some(5)),
        "{b}"
    );
    let andi = s
        .penduduk_by_nik(d, "3325080101100004")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(andi.dusun, "BELUM DITENTUKAN", "{b}");
    // Joko, missing, was head of his own family: it has none now.
    let kk = s
        .keluarga_by_kk(d, "3325081201100009")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk.kepala_nama, None, "{b}");

    let sebelum = semua(s, d).await;
    let l2 = s.impor_penduduk(d, nama, isi, &OPENSID, &a).await.unwrap();
    assert_eq!(
        (l2.baru, l2.diubah, l2.tidak_berubah, l2.status_dicatat),
        (0, 0, 8, 0),
        "{b}: {}",
        ringkas(&l2)
    );
    assert_eq!(semua(s, d).await, sebelum, "{b}");
    assert_eq!(status("3325081212120010").await.1.len(), 1, "{b}");
}

balai_testkit::tiap_backend!(opensid_xlsx_seperti_aslinya_diimpor_dengan_peringatan_dan_status);
async fn opensid_xlsx_seperti_aslinya_diimpor_dengan_peringatan_dan_status(
    b: &'static str,
    s: Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    opensid_seperti_aslinya(
        b,
        &s,
        &d,
        "penduduk.xlsx",
        &xlsx_dari(&JUDUL_OPENSID_UJI, &berkas_opensid()),
    )
    .await;
}

balai_testkit::tiap_backend!(opensid_csv_seperti_aslinya_diimpor_dengan_peringatan_dan_status);
async fn opensid_csv_seperti_aslinya_diimpor_dengan_peringatan_dan_status(
    b: &'static str,
    s: Store,
) {
    let d = desa(&s, "33.25.08.2004").await;
    opensid_seperti_aslinya(
        b,
        &s,
        &d,
        "penduduk.csv",
        &csv_dari(&JUDUL_OPENSID_UJI, &berkas_opensid()),
    )
    .await;
}

balai_testkit::tiap_backend!(baris_mati_dari_nik_yang_juga_hidup_dilewati);
async fn baris_mati_dari_nik_yang_juga_hidup_dilewati(b: &'static str, s: Store) {
    let d = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    // An old "PINDAH" row of a person who came back and has a living row further down.
    let isi = csv_dari(
        &JUDUL_SIAK,
        &[
            siak(&[
                ("NIK", "3325081505800001"),
                ("Nama Penduduk", "Budi"),
                ("Tanggal Lahir", "15-05-1980"),
                ("SHDK", "KEPALA KELUARGA"),
                ("Status", "PINDAH"),
            ]),
            siak(&[
                ("NIK", "3325081505800001"),
                ("Nama Penduduk", "Budi"),
                ("Tanggal Lahir", "15-05-1980"),
                ("SHDK", "KEPALA KELUARGA"),
                ("Alamat", "DSN. KRAJAN"),
            ]),
        ],
    );
    let l = s
        .impor_penduduk(&d, "dua.csv", &isi, &SIAK, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty(), "{b}: {}", ringkas(&l));
    assert_eq!(
        (l.baru, l.dilewati, l.status_dicatat),
        (1, 1, 0),
        "{b}: {}",
        ringkas(&l)
    );
    assert!(
        ada(
            &peringatan(b, &l, 2, "NIK"),
            "baris berstatus PINDAH ini dilewati"
        ),
        "{b}"
    );
    let p = s
        .penduduk_by_nik(&d, "3325081505800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.status_dasar, p.dusun.as_str()), (1, "KRAJAN"), "{b}");
}

balai_testkit::tiap_backend!(ekspor_opensid_membawa_yang_meninggal_dan_pindah_ke_desa_baru);
async fn ekspor_opensid_membawa_yang_meninggal_dan_pindah_ke_desa_baru(b: &'static str, s: Store) {
    use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
    let asal = desa(&s, "33.25.08.2004").await;
    let a = Aktor::sistem();
    // OpenSID's sample, one of whom left ("PERGI", status 6) by the file.
    let teks = String::from_utf8(contoh("csv")).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    let mut sel: Vec<String> = baris[4].split(',').map(str::to_string).collect();
    sel[36] = "6".into();
    baris[4] = sel.join(",");
    let l = s
        .impor_penduduk(&asal, "c.csv", baris.join("\n").as_bytes(), &OPENSID, &a)
        .await
        .unwrap();
    assert!(l.diterapkan, "{b}: {}", ringkas(&l));
    let tgl = |y, m, h| NaiveDate::from_ymd_opt(y, m, h).unwrap();
    for (nik, jenis, t) in [
        ("5201142005716996", JenisPeristiwa::Mati, tgl(2024, 5, 1)),
        (
            "5201145003976995",
            JenisPeristiwa::PindahKeluar,
            tgl(2025, 1, 10),
        ),
        ("5201140301916995", JenisPeristiwa::Hilang, tgl(2025, 2, 1)),
    ] {
        let p = s.penduduk_by_nik(&asal, nik).await.unwrap().unwrap();
        let r = RincianStatus {
            tanggal: Some(t),
            tempat: "MATARAM".into(),
            ..Default::default()
        };
        s.catat_status(&asal, p.id, jenis, &r, &a).await.unwrap();
    }

    let berkas = s
        .ekspor_penduduk(&asal, &SaringPenduduk::default(), FormatEkspor::OpenSid)
        .await
        .unwrap();
    let t = baca_berkas("ekspor.xlsx", &berkas, FormatImpor::OpenSid).unwrap();
    assert_eq!(
        t.baris.len(),
        97,
        "{b}: the dead and moved are in the export"
    );
    let tujuan = desa(&s, "33.25.08.2003").await;
    let l = s
        .impor_penduduk(&tujuan, "ekspor.xlsx", &berkas, &OPENSID, &a)
        .await
        .unwrap();
    assert!(l.galat.is_empty(), "{b}: {}", ringkas(&l));
    assert_eq!((l.baru, l.status_dicatat), (97, 4), "{b}: {}", ringkas(&l));
    assert_eq!(semua(&s, &asal).await, semua(&s, &tujuan).await, "{b}");
    for nik in semua(&s, &asal).await.keys() {
        let (st_a, ev_a) = peristiwa_status(&s, &asal, nik).await;
        let (st_t, ev_t) = peristiwa_status(&s, &tujuan, nik).await;
        assert_eq!(st_a, st_t, "{b}: status of {nik}");
        let tanggal = |ev: &[(String, NaiveDate, String)]| {
            ev.iter()
                .filter(|e| e.0 != "koreksi")
                .map(|e| (e.0.clone(), e.1))
                .collect::<Vec<_>>()
        };
        assert_eq!(tanggal(&ev_a), tanggal(&ev_t), "{b}: events of {nik}");
    }
    let kk = s
        .keluarga_by_kk(&tujuan, "5201140104126994")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kk.kepala_nama, None, "{b}: the dead head is not head again");
    // The receiving village imports its own export back as unchanged.
    let kembali = s
        .ekspor_penduduk(&tujuan, &SaringPenduduk::default(), FormatEkspor::OpenSid)
        .await
        .unwrap();
    let l = s
        .impor_penduduk(&tujuan, "kembali.xlsx", &kembali, &OPENSID, &a)
        .await
        .unwrap();
    assert_eq!(
        (l.tidak_berubah, l.status_dicatat),
        (97, 0),
        "{b}: {}",
        ringkas(&l)
    );
}
