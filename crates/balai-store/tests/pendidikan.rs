//! Education on both backends: the children 3–18 with their state for a school year (from the
//! yearly check, else the registry), counts per dusun, the schools of the potential data, and
//! the check itself with its refusals (no year, a year not begun, an unknown state or level, a
//! level that does not fit, a missing reason, a child of another village or outside 3–18, a
//! second check without its version, a stale version), each with its message and nothing
//! stored; a change with the right version is audited.

use balai_domain::KodeDesa;
use balai_domain::pendidikan::{Keadaan, Sumber};
use balai_store::audit::SaringAudit;
use balai_store::pendidikan::{IsianCek, ringkas_per_dusun};
use balai_store::situs::potensi::PotensiBaru;
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{TimeZone, Utc};
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";

/// "Now" is 10:00 WIB on 1 September 2026: school year 2026/2027, ages on 1 July 2026.
fn pada(s: &Store) -> Store {
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

#[allow(clippy::too_many_arguments)]
async fn anak(
    s: &Store,
    desa: &str,
    nik: &str,
    nama: &str,
    lahir: &str,
    dusun: &str,
    kk: &str,
    sedang: &str,
) -> Uuid {
    let jk = kelamin(nik);
    let d = balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("tanggal_lahir", lahir),
        ("jenis_kelamin", jk),
        ("shdk_id", "4"),
        ("status_kawin_id", "1"),
        ("pendidikan_kk_id", kk),
        ("pendidikan_sedang_id", sedang),
        ("pekerjaan_id", "3"),
        ("dusun", dusun),
        ("no_kk", ""),
    ]);
    s.tambah_penduduk(desa, &d, &Aktor::sistem()).await.unwrap()
}

/// The sex a NIK encodes (day of birth plus 40 for women).
fn kelamin(nik: &str) -> &'static str {
    if nik[6..8].parse::<u32>().unwrap() > 40 {
        "2"
    } else {
        "1"
    }
}

fn cek(tahun: i32, status: &str, jenjang: &str, alasan: &str) -> IsianCek {
    IsianCek {
        tahun: Some(tahun),
        status: status.into(),
        jenjang: jenjang.into(),
        alasan: alasan.into(),
        ..Default::default()
    }
}

fn pesan(r: Result<Uuid, Galat>) -> String {
    match r {
        Err(Galat::Isian(g)) => g.to_string(),
        Err(Galat::Ditolak(m)) | Err(Galat::Konflik(m)) => m,
        lain => panic!("tidak ditolak: {lain:?}"),
    }
}

async fn potensi(s: &Store, jenis: &str, nama: &str) -> Uuid {
    s.simpan_potensi(
        DESA,
        None,
        &PotensiBaru {
            jenis: jenis.into(),
            nama: nama.into(),
            alamat: "Dusun Krajan".into(),
            ..Default::default()
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap()
}

balai_testkit::tiap_backend!(cek_sekolah_dan_daftar_anak);
async fn cek_sekolah_dan_daftar_anak(be: &'static str, s: Store) {
    let s = pada(&s);
    for d in [DESA, DESA_LAIN] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    let op = Aktor::pengguna("operator");
    // Ten years old in SD; fourteen and out of school per the registry; five in TK; four in
    // another dusun not yet in PAUD; a grown-up and a baby (not listed).
    let siti = anak(
        &s,
        DESA,
        "3325084103160001",
        "SITI AMINAH",
        "2016-03-01",
        "KRAJAN",
        "2",
        "4",
    )
    .await;
    let budi = anak(
        &s,
        DESA,
        "3325080505120002",
        "BUDI SANTOSO",
        "2012-05-05",
        "KRAJAN",
        "3",
        "18",
    )
    .await;
    let ani = anak(
        &s,
        DESA,
        "3325084102210003",
        "ANI LESTARI",
        "2021-02-01",
        "KRAJAN",
        "1",
        "2",
    )
    .await;
    let dedi = anak(
        &s,
        DESA,
        "3325081001220004",
        "DEDI KURNIAWAN",
        "2022-01-10",
        "SIDOMULYO",
        "1",
        "1",
    )
    .await;
    let tua = anak(
        &s,
        DESA,
        "3325080101000005",
        "JOKO DEWASA",
        "2000-01-01",
        "KRAJAN",
        "5",
        "",
    )
    .await;
    anak(
        &s,
        DESA,
        "3325080101250006",
        "BAYI KECIL",
        "2025-01-01",
        "KRAJAN",
        "1",
        "",
    )
    .await;
    let seberang = anak(
        &s,
        DESA_LAIN,
        "3325080202150007",
        "ANAK SEBERANG",
        "2015-02-02",
        "KRAJAN",
        "2",
        "4",
    )
    .await;
    let p = s.pendidikan();
    assert_eq!(p.tahun_berjalan(DESA).await.unwrap(), 2026, "{be}");

    // Before any check: states from the registry.
    let daftar = p.anak(DESA, 2026, "").await.unwrap();
    let nama: Vec<&str> = daftar.iter().map(|a| a.nama.as_str()).collect();
    assert_eq!(
        nama,
        vec![
            "ANI LESTARI",
            "BUDI SANTOSO",
            "SITI AMINAH",
            "DEDI KURNIAWAN"
        ],
        "{be}"
    );
    let cari = |d: &[balai_store::pendidikan::AnakSekolah], id: Uuid| {
        d.iter().find(|a| a.penduduk_id == id).unwrap().clone()
    };
    let b = cari(&daftar, budi);
    assert_eq!(
        (b.umur, b.keadaan, b.sumber, b.perlu_perhatian()),
        (14, Keadaan::PutusSekolah, Sumber::DataPenduduk, true),
        "{be}"
    );
    assert_eq!(cari(&daftar, siti).keadaan, Keadaan::Sekolah, "{be}");
    assert_eq!(cari(&daftar, ani).keadaan, Keadaan::Paud, "{be}");
    let d = cari(&daftar, dedi);
    assert_eq!(
        (d.keadaan, d.label_keadaan()),
        (Keadaan::TidakSekolah, "Belum ikut PAUD"),
        "{be}"
    );

    // The village's schools from the potential data; a business is not one.
    let sd = potensi(&s, "fasilitas", "SD Negeri 1").await;
    potensi(&s, "fasilitas", "PAUD Melati").await;
    let warung = potensi(&s, "umkm", "Warung MI Ayam Bu Sri").await;
    potensi(&s, "fasilitas", "Posyandu Mawar").await;

    // Refusals, each with its message, nothing stored.
    let salah = [
        (
            siti,
            IsianCek {
                tahun: None,
                ..cek(0, "sekolah", "sd", "")
            },
            "Tahun ajaran wajib diisi",
        ),
        (
            siti,
            cek(2027, "sekolah", "sd", ""),
            "2027/2028 belum dimulai",
        ),
        (siti, cek(2026, "bolos", "", ""), "Pilih keadaan anak"),
        (
            siti,
            cek(2026, "sekolah", "", ""),
            "Pilih jenjang sekolahnya",
        ),
        (
            siti,
            cek(2026, "sekolah", "kuliah", ""),
            "Pilih jenjang dari daftar",
        ),
        (
            siti,
            cek(2026, "paud", "", ""),
            "PAUD/TK untuk anak 3–6 tahun",
        ),
        (
            siti,
            cek(2026, "lulus", "", ""),
            "Lulus berarti sudah tamat",
        ),
        (
            budi,
            cek(2026, "putus_sekolah", "smp", " "),
            "alasan anak putus sekolah",
        ),
        (
            budi,
            cek(2026, "tidak_sekolah", "", ""),
            "alasan anak tidak sekolah",
        ),
        (
            ani,
            cek(2026, "paud", "sd", ""),
            "dicatat dengan jenjang PAUD",
        ),
        (
            tua,
            cek(2026, "sekolah", "sma", ""),
            "di luar usia PAUD dan sekolah",
        ),
        (
            siti,
            cek(2012, "sekolah", "sd", ""),
            "di luar usia PAUD dan sekolah",
        ),
        (
            Uuid::now_v7(),
            cek(2026, "sekolah", "sd", ""),
            "tidak terdaftar sebagai penduduk desa ini",
        ),
        (
            seberang,
            cek(2026, "sekolah", "sd", ""),
            "tidak terdaftar sebagai penduduk desa ini",
        ),
        (
            siti,
            IsianCek {
                potensi_id: Some(warung),
                ..cek(2026, "sekolah", "sd", "")
            },
            "tidak ada di data potensi desa",
        ),
    ];
    for (id, isi, harap) in salah {
        let t = pesan(p.catat_cek(DESA, id, &isi, &op).await);
        assert!(t.contains(harap), "{be}: expected {harap:?}, got {t}");
    }
    assert!(p.tahun_tercatat(DESA).await.unwrap().is_empty(), "{be}");

    // Checks of this year: SITI at the village SD (its name taken from the potential data),
    // BUDI dropped out; ANI in PAUD last year and this year.
    p.catat_cek(
        DESA,
        siti,
        &IsianCek {
            potensi_id: Some(sd),
            ..cek(2026, "sekolah", "sd", "")
        },
        &op,
    )
    .await
    .unwrap();
    let id_budi = p
        .catat_cek(
            DESA,
            budi,
            &cek(2026, "putus_sekolah", "smp", "bekerja membantu orang tua"),
            &op,
        )
        .await
        .unwrap();
    p.catat_cek(DESA, ani, &cek(2025, "paud", "", ""), &op)
        .await
        .unwrap();
    p.catat_cek(DESA, ani, &cek(2026, "paud", "", ""), &op)
        .await
        .unwrap();
    let c = p.cek(DESA, siti, 2026).await.unwrap().unwrap();
    assert_eq!(
        (c.nama_sekolah.as_str(), c.potensi_id, c.versi),
        ("SD Negeri 1", Some(sd), 1),
        "{be}"
    );
    assert_eq!(
        p.tahun_tercatat(DESA).await.unwrap(),
        vec![2026, 2025],
        "{be}"
    );

    // A second check of the same year: without its version refused, naming the first; with a
    // stale one a conflict; with the right one it changes the check.
    let t = pesan(
        p.catat_cek(DESA, budi, &cek(2026, "sekolah", "smp", ""), &op)
            .await,
    );
    assert!(
        t.contains("sudah dicek untuk tahun ajaran 2026/2027") && t.contains("Putus sekolah"),
        "{be}: {t}"
    );
    let basi = IsianCek {
        versi: Some(7),
        ..cek(2026, "sekolah", "smp", "")
    };
    let t = pesan(p.catat_cek(DESA, budi, &basi, &op).await);
    assert!(t.contains("sudah diubah orang lain"), "{be}: {t}");
    let kembali = IsianCek {
        versi: Some(1),
        nama_sekolah: "SMP Negeri 2 Limpung".into(),
        ..cek(2026, "sekolah", "smp", "")
    };
    let kader = Aktor::pengguna("kader_ani");
    assert_eq!(
        p.catat_cek(DESA, budi, &kembali, &kader).await.unwrap(),
        id_budi,
        "{be}"
    );
    let r = p.riwayat(DESA, budi).await.unwrap();
    assert_eq!(r.len(), 1, "{be}");
    assert_eq!(
        (r[0].status.as_str(), r[0].versi, r[0].dicatat_oleh.as_str()),
        ("sekolah", 2, "pengguna:kader_ani"),
        "{be}"
    );
    let audit = s
        .daftar_audit(
            DESA,
            &SaringAudit {
                objek_id: Some(id_budi.to_string()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let aksi: Vec<&str> = audit.iter().map(|e| e.aksi.as_str()).collect();
    assert_eq!(aksi, vec!["ubah", "catat"], "{be}");
    assert!(
        audit[0]
            .sebelum
            .as_deref()
            .unwrap()
            .contains("putus_sekolah")
            && audit[0]
                .sesudah
                .as_deref()
                .unwrap()
                .contains("SMP Negeri 2"),
        "{be}: {:?}",
        audit[0]
    );
    // Back out of school, with the reason, for the lists below.
    let keluar = IsianCek {
        versi: Some(2),
        ..cek(2026, "putus_sekolah", "smp", "bekerja")
    };
    p.catat_cek(DESA, budi, &keluar, &op).await.unwrap();

    // The lists and counts of this year.
    let daftar = p.anak(DESA, 2026, "").await.unwrap();
    let b = cari(&daftar, budi);
    assert_eq!(
        (b.keadaan, b.sumber, b.dicek_tahun_ini(), b.alasan()),
        (Keadaan::PutusSekolah, Sumber::CekTahunIni, true, "bekerja"),
        "{be}"
    );
    assert_eq!(cari(&daftar, siti).label_sumber(), "cek 2026/2027", "{be}");
    let (per_dusun, jumlah) = ringkas_per_dusun(&p.dusun(DESA).await.unwrap(), &daftar);
    let krajan = per_dusun.iter().find(|r| r.dusun == "KRAJAN").unwrap();
    assert_eq!(
        (
            krajan.usia_sekolah,
            krajan.sekolah,
            krajan.putus_sekolah,
            krajan.belum_dicek
        ),
        (2, 1, 1, 0),
        "{be}: {krajan:?}"
    );
    assert_eq!((krajan.usia_paud, krajan.ikut_paud), (1, 1), "{be}");
    let sido = per_dusun.iter().find(|r| r.dusun == "SIDOMULYO").unwrap();
    assert_eq!((sido.usia_paud, sido.belum_paud), (1, 1), "{be}");
    assert_eq!(
        (jumlah.usia_sekolah, jumlah.usia_paud, jumlah.persen_paud()),
        (2, 2, "50,0 %".to_string()),
        "{be}"
    );
    let (_, lewat_store) = p.ringkasan(DESA, 2026).await.unwrap();
    assert_eq!(lewat_store.putus_sekolah, 1, "{be}");
    let hanya = p.anak(DESA, 2026, "SIDOMULYO").await.unwrap();
    assert_eq!(hanya.len(), 1, "{be}");
    assert_eq!(hanya[0].penduduk_id, dedi, "{be}");

    // Last school year: this year's check does not count; BUDI (13 then) per the registry.
    let lalu = p.anak(DESA, 2025, "").await.unwrap();
    let b = cari(&lalu, budi);
    assert_eq!((b.umur, b.sumber), (13, Sumber::DataPenduduk), "{be}");
    assert_eq!(cari(&lalu, ani).sumber, Sumber::CekTahunIni, "{be}");

    // The schools, with this year's pupils from the village.
    let sekolah = p.sekolah_desa(DESA, 2026).await.unwrap();
    let nama: Vec<(&str, i64)> = sekolah.iter().map(|s| (s.nama.as_str(), s.murid)).collect();
    assert_eq!(nama, vec![("PAUD Melati", 0), ("SD Negeri 1", 1)], "{be}");
}

balai_testkit::tiap_backend!(cek_sekolah_tersinkron_ke_kabupaten);
/// A check recorded on the village PC (SQLite) reaches the district server (each backend), and
/// so does its change.
async fn cek_sekolah_tersinkron_ke_kabupaten(be: &'static str, server: Store) {
    use balai_store::sinkron::SaluranLangsung;
    server
        .buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let budi = anak(
        &server,
        DESA,
        "3325080505120002",
        "BUDI SANTOSO",
        "2012-05-05",
        "KRAJAN",
        "3",
        "18",
    )
    .await;
    let token = server
        .sinkron()
        .buat_token(DESA, &Aktor::sistem())
        .await
        .unwrap();
    let simpul = balai_testkit::store("sqlite").await;
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: DESA.into(),
    };
    simpul
        .sinkron()
        .mulai_simpul(&saluran, DESA, "http://127.0.0.1:1", &token)
        .await
        .unwrap();
    let p = simpul.pendidikan();
    let tahun = p.tahun_berjalan(DESA).await.unwrap();
    let op = Aktor::pengguna("operator");
    p.catat_cek(
        DESA,
        budi,
        &cek(tahun, "putus_sekolah", "smp", "bekerja"),
        &op,
    )
    .await
    .unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    let c = server.pendidikan().cek(DESA, budi, tahun).await.unwrap();
    assert_eq!(
        c.map(|c| (c.status, c.alasan, c.versi)),
        Some(("putus_sekolah".to_string(), "bekerja".to_string(), 1)),
        "{be}"
    );
    let ubah = IsianCek {
        versi: Some(1),
        ..cek(tahun, "sekolah", "smp", "")
    };
    p.catat_cek(DESA, budi, &ubah, &op).await.unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    let c = server
        .pendidikan()
        .cek(DESA, budi, tahun)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.status.as_str(), c.versi), ("sekolah", 2), "{be}");
    let daftar = server.pendidikan().anak(DESA, tahun, "").await.unwrap();
    assert_eq!(daftar[0].sumber, Sumber::CekTahunIni, "{be}");
}
