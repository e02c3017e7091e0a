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
