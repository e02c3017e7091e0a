//! The administrative books on both backends: B.3 reconciles with the registry month by month
//! over a year of demo events (start + births + move-ins − deaths − move-outs = end, each
//! month's end is the next month's start, the year's end is the register today), B.2 lists the
//! same events, and the two small registers (B.4, A.8) refuse bad input with a message per
//! field and store nothing.

use balai_domain::KodeDesa;
use balai_store::buku::{IsianEkspedisi, IsianSementara, Periode, RekapDusun, katalog};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;

const DESA: &str = "3325082004";

fn hari_ini() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn pada(s: &Store) -> Store {
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap(),
    ))
}

fn jumlah_rekap(r: &[RekapDusun]) -> (i64, i64, i64) {
    (
        r.iter().map(|d| d.awal.jumlah()).sum(),
        r.iter()
            .map(|d| d.lahir.jumlah() + d.datang.jumlah() - d.mati.jumlah() - d.pindah.jumlah())
            .sum(),
        r.iter().map(|d| d.akhir.jumlah()).sum(),
    )
}

balai_testkit::tiap_backend!(rekap_b3_cocok_dengan_register_sepanjang_tahun);
async fn rekap_b3_cocok_dengan_register_sepanjang_tahun(be: &'static str, s: Store) {
    let s = pada(&s);
    let aktor = Aktor::sistem();
    let plan = balai_store::demo::generate::DemoPlan {
        desa: KodeDesa::parse(DESA).unwrap(),
        penduduk: 1_500,
        seed: 11,
        hari_ini: hari_ini(),
    };
    let ringkas = s.isi_demo(&plan, &aktor).await.unwrap();
    assert!(
        ringkas.peristiwa > 10,
        "{be}: the demo has deaths and moves"
    );
    // A move in, and a move out that is annulled again: neither may break the sums.
    let baru = balai_testkit::data_penduduk(&[
        ("nik", "3325085507900001"),
        ("nama", "Sri Wahyuni"),
        ("jenis_kelamin", "2"),
        ("tanggal_lahir", "15-07-1990"),
        ("shdk_id", "4"),
    ]);
    let pendatang = s
        .catat_pindah_masuk(
            DESA,
            &baru,
            NaiveDate::from_ymd_opt(2026, 3, 10),
            "Kota Semarang",
            &aktor,
        )
        .await
        .unwrap_or_else(|e| panic!("{be}: {e:?}"));
    let r = RincianStatus {
        tanggal: NaiveDate::from_ymd_opt(2026, 6, 2),
        keterangan: String::new(),
        tempat: "Kabupaten Kendal".into(),
        sebab: String::new(),
    };
    s.catat_status(DESA, pendatang, JenisPeristiwa::PindahKeluar, &r, &aktor)
        .await
        .unwrap();
    let riwayat = s.riwayat_penduduk(DESA, pendatang).await.unwrap();
    let keluar = riwayat.iter().find(|p| p.jenis == "pindah_keluar").unwrap();
    s.batalkan_peristiwa(
        DESA,
        keluar.id,
        "salah pilih penduduk, ia tidak pindah",
        &aktor,
    )
    .await
    .unwrap();

    let mut sebelumnya: Option<Vec<RekapDusun>> = None;
    let mut perubahan_setahun = 0;
    let bulan: Vec<(i32, u32)> = (0..12)
        .map(|i| {
            let t = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap() + chrono::Months::new(i);
            (t.year(), t.month())
        })
        .collect();
    for (tahun, b) in bulan {
        let p = Periode::bulan(tahun, b).unwrap();
        let rekap = s.rekap_penduduk(DESA, &p).await.unwrap();
        for d in &rekap {
            assert_eq!(
                d.awal.jumlah() + d.lahir.jumlah() + d.datang.jumlah()
                    - d.mati.jumlah()
                    - d.pindah.jumlah(),
                d.akhir.jumlah(),
                "{be}: {tahun}-{b} dusun {}",
                d.dusun
            );
            assert!(d.kk_akhir <= d.akhir.jumlah(), "{be}");
        }
        if let Some(lalu) = &sebelumnya {
            let akhir: BTreeMap<&str, i64> = lalu
                .iter()
                .map(|d| (d.dusun.as_str(), d.akhir.jumlah()))
                .collect();
            for d in &rekap {
                assert_eq!(
                    akhir.get(d.dusun.as_str()).copied().unwrap_or(0),
                    d.awal.jumlah(),
                    "{be}: start of {tahun}-{b} in {} is last month's end",
                    d.dusun
                );
            }
        }
        let (_, ubah, _) = jumlah_rekap(&rekap);
        perubahan_setahun += rekap
            .iter()
            .map(|d| d.lahir.jumlah() + d.datang.jumlah() + d.mati.jumlah() + d.pindah.jumlah())
            .sum::<i64>();
        let _ = ubah;
        sebelumnya = Some(rekap);
    }
    // The last month ends today: the register's living residents, dusun by dusun.
    let akhir = sebelumnya.unwrap();
    let hidup: Vec<(String, i64)> = balai_store::on_db!(&s.db, p => sqlx::query_as(
        "SELECT r.dusun, COUNT(*) FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
         WHERE p.desa_id = $1 AND p.status_dasar = 1 GROUP BY r.dusun ORDER BY r.dusun")
        .bind(DESA).fetch_all(p).await).unwrap();
    let dari_rekap: Vec<(String, i64)> = akhir
        .iter()
        .filter(|d| d.akhir.jumlah() > 0)
        .map(|d| (d.dusun.clone(), d.akhir.jumlah()))
        .collect();
    assert_eq!(
        dari_rekap, hidup,
        "{be}: B.3 ends where the register is today"
    );
    assert!(perubahan_setahun > 10, "{be}: a year of events was counted");

    // B.2 lists every counted event of the year (the annulled move out is not there).
    let tahun = Periode {
        dari: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        sampai: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    };
    let b2 = s.buku(DESA, "B.2", "", &tahun).await.unwrap().unwrap();
    assert_eq!(b2.baris.len() as i64, perubahan_setahun, "{be}");
    assert!(
        b2.baris
            .iter()
            .any(|b| b[1].eq_ignore_ascii_case("Sri Wahyuni") && b[6] == "Kota Semarang"),
        "{be}"
    );
    assert!(
        !b2.baris.iter().any(|b| b[8] == "Kabupaten Kendal"),
        "{be}: annulled"
    );
    // B.3 as a book: a row per dusun and the total row, every row as wide as the columns.
    let b3 = s
        .buku(DESA, "B.3", "", &Periode::bulan(2026, 3).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b3.kolom.len(), 33, "{be}");
    assert!(b3.baris.iter().all(|b| b.len() == 33), "{be}");
    assert_eq!(b3.baris.last().unwrap()[1], "JUMLAH", "{be}");
    // B.1 and B.5 list the living residents at the period's end.
    let b1 = s
        .buku(DESA, "B.1", "", &Periode::tahun(2026).unwrap())
        .await
        .unwrap()
        .unwrap();
    let total: i64 = hidup.iter().map(|(_, n)| n).sum();
    assert_eq!(b1.baris.len() as i64, total, "{be}");
    assert!(b1.baris.iter().all(|b| b.len() == b1.kolom.len()), "{be}");
    // A page of B.1 reads only its residents and numbers them as the whole book does.
    let tahun = Periode::tahun(2026).unwrap();
    let h = s
        .buku_halaman(DESA, "B.1", "", &tahun, 200, 200)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (h.mulai, h.jumlah, h.baris.len()),
        (200, b1.baris.len(), 200),
        "{be}"
    );
    assert_eq!(h.baris[..], b1.baris[200..400], "{be}");
    let b5 = s
        .buku_halaman(DESA, "B.5", "", &tahun, 0, 50)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((b5.baris.len(), b5.jumlah), (50, b1.baris.len()), "{be}");
}

balai_testkit::tiap_backend!(setiap_buku_katalog_tersusun);
/// Every book of the catalogue answers for an empty village with rows as wide as its columns,
/// and a book without data says what is missing.
async fn setiap_buku_katalog_tersusun(be: &'static str, s: Store) {
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let p = Periode::tahun(2026).unwrap();
    for info in katalog() {
        let b = s
            .buku(DESA, &info.kode, "", &p)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{be}: {}", info.kode));
        assert!(!b.kolom.is_empty(), "{be}: {}", info.kode);
        assert!(
            b.baris.iter().all(|r| r.len() == b.kolom.len()),
            "{be}: {}",
            info.kode
        );
    }
    let b4 = s.buku(DESA, "B.4", "", &p).await.unwrap().unwrap();
    assert!(b4.kurang.is_some(), "{be}");
    let c4 = s.buku(DESA, "C.4", "", &p).await.unwrap().unwrap();
    assert!(c4.kurang.unwrap().tautan.contains("/keuangan/kas"), "{be}");
    assert!(s.buku(DESA, "Z.9", "", &p).await.unwrap().is_none(), "{be}");
}

balai_testkit::tiap_backend!(daftar_sementara_dan_ekspedisi_menolak_isian_salah);
async fn daftar_sementara_dan_ekspedisi_menolak_isian_salah(be: &'static str, s: Store) {
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let aktor = Aktor::sistem();
    let salah = IsianSementara {
        nama: " ".into(),
        jenis_kelamin: "x".into(),
        datang: "31-02-2026".into(),
        tanggal_lahir: "kemarin".into(),
        ..Default::default()
    };
    match s
        .catat_penduduk_sementara(DESA, &salah, hari_ini(), &aktor)
        .await
    {
        Err(Galat::Isian(g)) => {
            for k in [
                "nama",
                "jenis_kelamin",
                "nomor_identitas",
                "datang_dari",
                "maksud",
                "didatangi",
                "datang",
                "tanggal_lahir",
            ] {
                assert!(g.untuk(k).is_some(), "{be}: {k}");
            }
        }
        x => panic!("{be}: {x:?}"),
    }
    let benar = IsianSementara {
        nama: "Joko Susilo".into(),
        jenis_kelamin: "1".into(),
        nomor_identitas: "3374010101900001".into(),
        datang_dari: "Kota Semarang".into(),
        maksud: "Bekerja musim panen".into(),
        didatangi: "Pak Warsito, RT 01 RW 02".into(),
        datang: "01-11-2026".into(),
        ..Default::default()
    };
    let besok = IsianSementara {
        datang: "24-11-2026".into(),
        ..benar.clone()
    };
    assert!(
        matches!(
            s.catat_penduduk_sementara(DESA, &besok, hari_ini(), &aktor)
                .await,
            Err(Galat::Isian(_))
        ),
        "{be}"
    );
    assert!(
        s.daftar_penduduk_sementara(DESA, None)
            .await
            .unwrap()
            .is_empty(),
        "{be}: nothing stored"
    );
    let id = s
        .catat_penduduk_sementara(DESA, &benar, hari_ini(), &aktor)
        .await
        .unwrap();
    match s
        .sementara_pergi(DESA, id, "30-10-2026", hari_ini(), &aktor)
        .await
    {
        Err(Galat::Isian(g)) => assert!(
            g.untuk("pergi").unwrap().contains("sebelum tanggal datang"),
            "{be}"
        ),
        x => panic!("{be}: {x:?}"),
    }
    s.sementara_pergi(DESA, id, "20-11-2026", hari_ini(), &aktor)
        .await
        .unwrap();
    let b4 = s
        .buku(DESA, "B.4", "", &Periode::bulan(2026, 11).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b4.baris.len(), 1, "{be}");
    assert_eq!(b4.baris[0][2], "L", "{be}");
    assert_eq!(b4.baris[0][13], "20-11-2026", "{be}");
    assert!(b4.kurang.is_none(), "{be}");
    // Gone before December: not in December's book.
    let des = s
        .buku(DESA, "B.4", "", &Periode::bulan(2026, 12).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(des.baris.is_empty(), "{be}");

    let eks = IsianEkspedisi {
        tanggal_kirim: "10-11-2026".into(),
        nomor_surat: "".into(),
        tanggal_surat: "12-11-2026".into(),
        isi_singkat: "Laporan APBDes".into(),
        tujuan: "".into(),
        keterangan: String::new(),
    };
    match s.catat_ekspedisi(DESA, &eks, hari_ini(), &aktor).await {
        Err(Galat::Isian(g)) => {
            assert!(g.untuk("nomor_surat").is_some(), "{be}");
            assert!(g.untuk("tujuan").is_some(), "{be}");
            assert!(
                g.untuk("tanggal_surat")
                    .unwrap()
                    .contains("setelah tanggal pengiriman"),
                "{be}"
            );
        }
        x => panic!("{be}: {x:?}"),
    }
    let eks = IsianEkspedisi {
        nomor_surat: "140/12/XI/2026".into(),
        tanggal_surat: "09-11-2026".into(),
        tujuan: "Camat Limpung".into(),
        ..eks
    };
    s.catat_ekspedisi(DESA, &eks, hari_ini(), &aktor)
        .await
        .unwrap();
    let a8 = s
        .buku(DESA, "A.8", "", &Periode::tahun(2026).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        a8.baris,
        vec![vec![
            "1".to_string(),
            "10-11-2026".into(),
            "09-11-2026, 140/12/XI/2026".into(),
            "Laporan APBDes".into(),
            "Camat Limpung".into(),
            "".into(),
        ]],
        "{be}"
    );
}
