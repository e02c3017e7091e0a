//! Posyandu on both backends: the children under five of a posyandu's area, measurements with
//! their z-scores and growth status, the refusals (future date, before birth, over 59 months,
//! outside the area, twice on one day, an impossible weight) and the referral list.

use balai_domain::KodeDesa;
use balai_store::kesehatan::{IsianPenimbangan, PosyanduBaru};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

const DESA: &str = "3325082004";

fn tgl(t: i32, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t, b, h).unwrap()
}

/// "Now" is 10:00 WIB on 1 September 2026.
fn pada(s: &Store) -> Store {
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

async fn anak(s: &Store, nik: &str, nama: &str, lahir: &str, jk: &str, dusun: &str) -> Uuid {
    let d = balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("tanggal_lahir", lahir),
        ("jenis_kelamin", jk),
        ("shdk_id", "4"),
        ("status_kawin_id", "1"),
        ("pendidikan_kk_id", "1"),
        ("pekerjaan_id", "3"),
        ("dusun", dusun),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(DESA, &d, &Aktor::sistem()).await.unwrap()
}

fn ukur(t: NaiveDate, berat: f64, panjang: Option<f64>) -> IsianPenimbangan {
    IsianPenimbangan {
        tanggal: Some(t),
        berat: Some(berat),
        panjang,
        ..Default::default()
    }
}

fn pesan(r: Result<Uuid, Galat>) -> String {
    match r {
        Err(Galat::Isian(g)) => g.to_string(),
        Err(Galat::Ditolak(m)) => m,
        lain => panic!("tidak ditolak: {lain:?}"),
    }
}

balai_testkit::tiap_backend!(posyandu_menimbang_dan_merujuk);
async fn posyandu_menimbang_dan_merujuk(be: &'static str, s: Store) {
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let kader = Aktor::pengguna("kader");
    // Girl born 1 Sep 2025 (12 months on the day), boy born 2021 (over five on the day), a boy
    // of another dusun.
    let putri = anak(
        &s,
        "3325084109250001",
        "PUTRI AYU",
        "2025-09-01",
        "2",
        "KRAJAN",
    )
    .await;
    let besar = anak(
        &s,
        "3325080101210002",
        "ANAK BESAR",
        "2021-01-01",
        "1",
        "KRAJAN",
    )
    .await;
    let lain = anak(
        &s,
        "3325080101240003",
        "ANAK SEBERANG",
        "2024-01-01",
        "1",
        "SIDOMULYO",
    )
    .await;
    let k = s.kesehatan();
    let kosong = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: " ".into(),
                dusun: "TIDAKADA".into(),
                ..Default::default()
            },
            &kader,
        )
        .await;
    let t = pesan(kosong);
    assert!(
        t.contains("Nama posyandu wajib") && t.contains("TIDAKADA"),
        "{be}: {t}"
    );
    let pid = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: "Posyandu Melati".into(),
                dusun: "krajan".into(),
                ..Default::default()
            },
            &kader,
        )
        .await
        .unwrap();
    let pos = k.posyandu(DESA, pid).await.unwrap().unwrap();
    assert_eq!(pos.wilayah(), "Dusun KRAJAN", "{be}");

    // The list of the day: only the under-five of the area.
    let hari = tgl(2026, 8, 10);
    let daftar = k.balita(DESA, &pos, hari).await.unwrap();
    assert_eq!(
        daftar.iter().map(|b| b.nama.as_str()).collect::<Vec<_>>(),
        vec!["PUTRI AYU"],
        "{be}"
    );

    // A healthy measurement: median weight and length for 11 months.
    let id = k
        .catat_penimbangan(
            DESA,
            pid,
            putri,
            &ukur(tgl(2026, 7, 10), 8.2, Some(73.0)),
            &kader,
        )
        .await
        .unwrap();
    let r = k.riwayat(DESA, putri).await.unwrap();
    assert_eq!(r.len(), 1, "{be}");
    assert_eq!((r[0].id, r[0].status_nt.as_str()), (id, "B"), "{be}");
    assert!(
        r[0].z_bbu.unwrap().abs() < 1.0 && r[0].z_tbu.unwrap().abs() < 1.5,
        "{be}: {:?}",
        r[0]
    );

    // Refusals, each with its message.
    let t = pesan(
        k.catat_penimbangan(DESA, pid, putri, &ukur(tgl(2026, 9, 5), 8.3, None), &kader)
            .await,
    );
    assert!(t.contains("belum terjadi"), "{be}: {t}");
    let t = pesan(
        k.catat_penimbangan(DESA, pid, putri, &ukur(tgl(2025, 8, 1), 3.0, None), &kader)
            .await,
    );
    assert!(t.contains("sebelum tanggal lahir"), "{be}: {t}");
    let t = pesan(
        k.catat_penimbangan(DESA, pid, besar, &ukur(hari, 18.0, None), &kader)
            .await,
    );
    assert!(t.contains("bukan balita"), "{be}: {t}");
    let t = pesan(
        k.catat_penimbangan(DESA, pid, lain, &ukur(hari, 12.0, None), &kader)
            .await,
    );
    assert!(t.contains("di luar wilayah Posyandu Melati"), "{be}: {t}");
    let t = pesan(
        k.catat_penimbangan(DESA, pid, putri, &ukur(tgl(2026, 7, 10), 8.3, None), &kader)
            .await,
    );
    assert!(t.contains("sudah ditimbang"), "{be}: {t}");
    let t = pesan(
        k.catat_penimbangan(DESA, pid, putri, &ukur(hari, 80.0, None), &kader)
            .await,
    );
    assert!(t.contains("tidak masuk akal"), "{be}: {t}");
    assert_eq!(
        k.riwayat(DESA, putri).await.unwrap().len(),
        1,
        "{be}: nothing stored"
    );

    // Two months without the minimum gain, and short for her age: on the referral list.
    k.catat_penimbangan(DESA, pid, putri, &ukur(hari, 8.2, Some(66.0)), &kader)
        .await
        .unwrap();
    let r = k.riwayat(DESA, putri).await.unwrap();
    assert_eq!(r[1].status_nt, "T", "{be}");
    assert!(r[1].z_tbu.unwrap() < -2.0, "{be}: {:?}", r[1].z_tbu);
    let kat = r[1]
        .kategori(balai_domain::kesehatan::Indikator::PbTbU)
        .unwrap();
    assert!(kat.to_lowercase().contains("pendek"), "{be}: {kat}");
    let rujuk = k.perlu_rujukan(DESA).await.unwrap();
    assert_eq!(rujuk.len(), 1, "{be}");
    assert!(
        rujuk[0].alasan.contains("TB/U"),
        "{be}: {}",
        rujuk[0].alasan
    );
    let daftar = k.balita(DESA, &pos, hari).await.unwrap();
    assert!(daftar[0].sudah() && daftar[0].bermasalah(), "{be}");
}

balai_testkit::tiap_backend!(kiriman_ulang_dari_ponsel_dan_akun_kader);
async fn kiriman_ulang_dari_ponsel_dan_akun_kader(be: &'static str, s: Store) {
    use balai_store::pengguna::{PenggunaBaru, Peran};
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let aktor = Aktor::pengguna("kader");
    let putri = anak(
        &s,
        "3325084109250001",
        "PUTRI AYU",
        "2025-09-01",
        "2",
        "KRAJAN",
    )
    .await;
    let k = s.kesehatan();
    let pid = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: "Posyandu Melati".into(),
                dusun: "KRAJAN".into(),
                ..Default::default()
            },
            &aktor,
        )
        .await
        .unwrap();

    // An entry queued offline is sent twice (the first answer was lost): one record.
    let kunci = Uuid::new_v4();
    let isi = IsianPenimbangan {
        kunci: Some(kunci),
        ..ukur(tgl(2026, 8, 10), 8.6, Some(74.0))
    };
    let a = k
        .catat_penimbangan(DESA, pid, putri, &isi, &aktor)
        .await
        .unwrap();
    let b = k
        .catat_penimbangan(DESA, pid, putri, &isi, &aktor)
        .await
        .unwrap();
    assert_eq!((a, b), (kunci, kunci), "{be}");
    assert_eq!(k.riwayat(DESA, putri).await.unwrap().len(), 1, "{be}");
    // A different entry for the same child and day is still refused.
    let lagi = k
        .catat_penimbangan(
            DESA,
            pid,
            putri,
            &IsianPenimbangan {
                kunci: Some(Uuid::new_v4()),
                ..ukur(tgl(2026, 8, 10), 8.7, None)
            },
            &aktor,
        )
        .await;
    assert!(pesan(lagi).contains("sudah ditimbang"), "{be}");

    // A cadre's account names an existing posyandu of the village.
    fn baru(cakupan: &str) -> PenggunaBaru<'_> {
        PenggunaBaru {
            username: "kader.melati",
            nama: "Kader Melati",
            kata_sandi: "sandi-kader-yang-panjang-1",
            peran: Peran::Kader,
            desa_id: Some(DESA),
            cakupan,
        }
    }
    let salah = s.tambah_pengguna(&baru(""), &Aktor::sistem()).await;
    match salah {
        Err(Galat::Isian(g)) => assert!(g.to_string().contains("Pilih posyandu"), "{be}: {g}"),
        lain => panic!("{be}: {lain:?}"),
    }
    let u = s
        .tambah_pengguna(&baru(&pid.to_string()), &Aktor::sistem())
        .await
        .unwrap();
    assert_eq!(u.posyandu_kader(), Some(pid), "{be}");
    assert!(
        u.boleh_lihat_desa(DESA) && !u.boleh_lihat_desa("3325082005"),
        "{be}"
    );
}

balai_testkit::tiap_backend!(imunisasi_jadwal_undangan_dan_cakupan);
async fn imunisasi_jadwal_undangan_dan_cakupan(be: &'static str, s: Store) {
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let aktor = Aktor::pengguna("kader");
    let bayi = anak(
        &s,
        "3325084106260001",
        "BAYI JUNI",
        "2026-06-01",
        "2",
        "KRAJAN",
    )
    .await;
    let k = s.kesehatan();
    let pid = k
        .tambah_posyandu(
            DESA,
            &PosyanduBaru {
                nama: "Posyandu Melati".into(),
                dusun: "KRAJAN".into(),
                ..Default::default()
            },
            &aktor,
        )
        .await
        .unwrap();
    let pos = k.posyandu(DESA, pid).await.unwrap().unwrap();
    let dengan = |t: NaiveDate, berat: f64, vaksin: &[&str]| IsianPenimbangan {
        vaksin: vaksin.iter().map(|v| v.to_string()).collect(),
        ..ukur(t, berat, None)
    };

    // In August the two-month-old is due DPT-HB-Hib 1 and late for BCG and polio 1.
    let hari = tgl(2026, 8, 10);
    let boleh = k
        .dosis_hari_ini(DESA, bayi, tgl(2026, 6, 1), hari)
        .await
        .unwrap();
    let kode: Vec<String> = boleh.iter().map(|(x, _)| x.kode()).collect();
    assert_eq!(kode, ["bcg:1", "polio:1", "dpt_hb_hib:1"], "{be}");
    k.catat_penimbangan(
        DESA,
        pid,
        bayi,
        &dengan(hari, 5.1, &["bcg:1", "polio:1", "dpt_hb_hib:1"]),
        &aktor,
    )
    .await
    .unwrap();
    let diberikan = k.imunisasi_anak(DESA, bayi).await.unwrap();
    assert_eq!(diberikan.len(), 3, "{be}");

    // A dose twice, a dose too early, an unknown code: refused, nothing stored.
    let september = tgl(2026, 9, 1);
    for (vaksin, kata) in [
        ("bcg:1", "sudah diberikan pada 10-08-2026"),
        ("mr:1", "umur 9 bulan"),
        ("cacar:1", "tidak dikenal"),
    ] {
        let r = k
            .catat_penimbangan(DESA, pid, bayi, &dengan(september, 5.6, &[vaksin]), &aktor)
            .await;
        let t = pesan(r);
        assert!(t.contains(kata), "{be}: {vaksin}: {t}");
    }
    assert_eq!(k.riwayat(DESA, bayi).await.unwrap().len(), 1, "{be}");
    assert_eq!(k.imunisasi_anak(DESA, bayi).await.unwrap().len(), 3, "{be}");

    // September's invitation: the second doses, four weeks after the first.
    let undangan = k.undangan_imunisasi(DESA, &pos, september).await.unwrap();
    assert_eq!(undangan.len(), 1, "{be}");
    let nama: Vec<&str> = undangan[0].dosis.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(nama, ["Polio tetes 2", "DPT-HB-Hib 2"], "{be}");
    assert!(
        undangan[0]
            .dosis
            .iter()
            .all(|d| d.1 == tgl(2026, 9, 7) && !d.2),
        "{be}"
    );

    // Coverage: BCG given to the one child past its age; HB-0 (birth dose) not recorded.
    let c = k.cakupan_imunisasi(DESA, september).await.unwrap();
    let bcg = c.iter().find(|x| x.dosis == "BCG").unwrap();
    assert_eq!((bcg.sasaran, bcg.diberikan), (1, 1), "{be}");
    let hb0 = c.iter().find(|x| x.dosis == "HB-0").unwrap();
    assert_eq!(
        (hb0.sasaran, hb0.diberikan, hb0.persen()),
        (1, 0, "0,0 %".into()),
        "{be}"
    );
    let mr = c
        .iter()
        .find(|x| x.dosis == "Campak-Rubela (MR) 1")
        .unwrap();
    assert_eq!(mr.sasaran, 0, "{be}");
}

balai_testkit::tiap_backend!(ibu_hamil_pemeriksaan_risiko_dan_persalinan);
async fn ibu_hamil_pemeriksaan_risiko_dan_persalinan(be: &'static str, s: Store) {
    use balai_store::kesehatan::ibu::{KehamilanBaru, KunjunganBaru};
    let s = pada(&s);
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let bidan = Aktor::pengguna("operator");
    // A woman of 37, a man, and a baby born on 20 August 2026.
    anak(
        &s,
        "3325084101890001",
        "SITI AMINAH",
        "1989-01-01",
        "2",
        "KRAJAN",
    )
    .await;
    anak(
        &s,
        "3325080101900002",
        "BUDI SANTOSO",
        "1990-01-01",
        "1",
        "KRAJAN",
    )
    .await;
    let bayi = anak(
        &s,
        "3325082008260003",
        "BAYI AMINAH",
        "2026-08-20",
        "2",
        "KRAJAN",
    )
    .await;
    let k = s.kesehatan();
    let baru = |nik: &str, hpht: Option<NaiveDate>, hpl: Option<NaiveDate>| KehamilanBaru {
        nik: nik.into(),
        hpht,
        hpl,
        kehamilan_ke: Some(2),
        catatan: String::new(),
    };
    for (b, kata) in [
        (
            baru("3325089999990000", Some(tgl(2026, 3, 1)), None),
            "NIK tidak ditemukan",
        ),
        (
            baru("3325080101900002", Some(tgl(2026, 3, 1)), None),
            "laki-laki",
        ),
        (baru("3325084101890001", None, None), "Isi HPHT"),
        (
            baru("3325084101890001", None, Some(tgl(2027, 9, 1))),
            "terlalu jauh",
        ),
        (
            baru("3325084101890001", None, Some(tgl(2026, 7, 1))),
            "sudah lewat",
        ),
    ] {
        let t = match k.tambah_kehamilan(DESA, &b, &bidan).await {
            Err(Galat::Isian(g)) => g.to_string(),
            lain => panic!("{be}: {lain:?}"),
        };
        assert!(t.contains(kata), "{be}: {t}");
    }
    // HPHT 1 March: HPL 6 December; 26 weeks on 1 September, no visit yet.
    let id = k
        .tambah_kehamilan(
            DESA,
            &baru("3325084101890001", Some(tgl(2026, 3, 1)), None),
            &bidan,
        )
        .await
        .unwrap();
    let dua = k
        .tambah_kehamilan(
            DESA,
            &baru("3325084101890001", Some(tgl(2026, 3, 1)), None),
            &bidan,
        )
        .await;
    assert!(
        matches!(dua, Err(Galat::Isian(ref g)) if g.to_string().contains("sudah tercatat sedang hamil")),
        "{be}"
    );
    let h = k.kehamilan(DESA, id).await.unwrap().unwrap();
    assert_eq!((h.hpl, h.usia_minggu), (tgl(2026, 12, 6), 26), "{be}");
    assert!(
        h.risiko.iter().any(|r| r.contains("terlalu tua")),
        "{be}: {:?}",
        h.risiko
    );
    assert!(
        h.risiko.iter().any(|r| r.contains("kurang dari jadwal")),
        "{be}"
    );

    // Visits: wrong values refused per field; a low arm circumference is a risk sign.
    let kunjungan = |t: NaiveDate, lila: f64, sistolik: i64| KunjunganBaru {
        tanggal: Some(t),
        lila: Some(lila),
        sistolik: Some(sistolik),
        diastolik: Some(80),
        tablet_fe: 30,
        ..Default::default()
    };
    for (b, kata) in [
        (kunjungan(tgl(2026, 9, 5), 24.0, 120), "belum terjadi"),
        (
            kunjungan(tgl(2026, 2, 1), 24.0, 120),
            "sebelum awal kehamilan",
        ),
        (kunjungan(tgl(2026, 8, 1), 4.0, 120), "LiLA 4"),
        (kunjungan(tgl(2026, 8, 1), 24.0, 400), "sistolik 400"),
    ] {
        let t = match k.catat_kunjungan_hamil(DESA, id, &b, &bidan).await {
            Err(Galat::Isian(g)) => g.to_string(),
            lain => panic!("{be}: {lain:?}"),
        };
        assert!(t.contains(kata), "{be}: {t}");
    }
    for (t, lila) in [
        (tgl(2026, 4, 20), 23.0),
        (tgl(2026, 6, 1), 23.0),
        (tgl(2026, 8, 1), 22.8),
    ] {
        k.catat_kunjungan_hamil(DESA, id, &kunjungan(t, lila, 120), &bidan)
            .await
            .unwrap();
    }
    let ulang = k
        .catat_kunjungan_hamil(DESA, id, &kunjungan(tgl(2026, 8, 1), 23.0, 120), &bidan)
        .await;
    assert!(
        matches!(ulang, Err(Galat::Isian(ref g)) if g.to_string().contains("sudah dicatat")),
        "{be}"
    );
    let h = k.kehamilan(DESA, id).await.unwrap().unwrap();
    assert_eq!(h.kunjungan.len(), 3, "{be}");
    assert!(
        h.risiko.iter().any(|r| r.contains("LiLA")),
        "{be}: {:?}",
        h.risiko
    );
    assert!(
        !h.risiko.iter().any(|r| r.contains("kurang dari jadwal")),
        "{be}"
    );

    // The outcome names the newborn, who must be born on that day.
    let salah = k
        .selesaikan_kehamilan(
            DESA,
            id,
            "lahir_hidup",
            Some(tgl(2026, 8, 21)),
            "3325082008260003",
            &bidan,
        )
        .await;
    assert!(
        matches!(salah, Err(Galat::Isian(ref g)) if g.to_string().contains("bukan pada tanggal persalinan")),
        "{be}"
    );
    k.selesaikan_kehamilan(
        DESA,
        id,
        "lahir_hidup",
        Some(tgl(2026, 8, 20)),
        "3325082008260003",
        &bidan,
    )
    .await
    .unwrap();
    let h = k.kehamilan(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (h.status.as_str(), h.anak_id),
        ("selesai", Some(bayi)),
        "{be}"
    );
    assert!(
        k.daftar_kehamilan(DESA, false).await.unwrap().is_empty(),
        "{be}"
    );
    let lagi = k
        .catat_kunjungan_hamil(DESA, id, &kunjungan(tgl(2026, 8, 25), 23.0, 120), &bidan)
        .await;
    assert!(
        matches!(lagi, Err(Galat::Ditolak(ref m)) if m.contains("sudah selesai")),
        "{be}"
    );
}
