use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::penduduk::{JenisPeristiwa, RincianStatus, SaringPenduduk};
use balai_store::{Aktor, Galat, Store};
use chrono::NaiveDate;

pub fn hari_ini() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub async fn desa_uji(s: &Store) -> String {
    let k = KodeDesa::parse("33.25.08.2004").unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    k.to_string()
}

pub fn data(nik: &str, nama: &str, kk: &str, shdk: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("shdk_id", shdk),
        ("no_kk", kk),
    ])
}

const KK: &str = "3325081201100001";

balai_testkit::tiap_backend!(nik_ganda_ditolak_dengan_nama_pemilik);
async fn nik_ganda_ditolak_dengan_nama_pemilik(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let a = Aktor::sistem();
    s.tambah_penduduk(
        &desa,
        &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
        &a,
    )
    .await
    .unwrap();
    let e = s
        .tambah_penduduk(&desa, &data("3325080101800001", "ORANG LAIN", KK, "4"), &a)
        .await
        .unwrap_err();
    match e {
        Galat::Isian(g) => {
            assert!(g.untuk("nik").unwrap().contains("BUDI SANTOSO"), "{b}: {g}")
        }
        e => panic!("{b}: {e:?}"),
    }
}

balai_testkit::tiap_backend!(satu_keluarga_hanya_satu_kepala);
async fn satu_keluarga_hanya_satu_kepala(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let a = Aktor::sistem();
    s.tambah_penduduk(
        &desa,
        &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
        &a,
    )
    .await
    .unwrap();
    let e = s
        .tambah_penduduk(&desa, &data("3325080202800002", "ANTO", KK, "1"), &a)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Galat::Isian(g) if g.untuk("shdk_id").unwrap().contains("sudah mempunyai kepala keluarga")),
        "{b}: {e:?}"
    );
    // Nothing was half-written: the second person does not exist.
    assert!(
        s.penduduk_by_nik(&desa, "3325080202800002")
            .await
            .unwrap()
            .is_none(),
        "{b}"
    );
}

balai_testkit::tiap_backend!(ubah_bersamaan_tidak_menimpa_diam_diam);
async fn ubah_bersamaan_tidak_menimpa_diam_diam(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let a = Aktor::sistem();
    let id = s
        .tambah_penduduk(
            &desa,
            &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
            &a,
        )
        .await
        .unwrap();
    let p = s.penduduk(&desa, id).await.unwrap().unwrap();
    let mut d1 = p.data().unwrap();
    d1.telepon = "081234567890".into();
    let mut d2 = p.data().unwrap();
    d2.tempat_lahir = "PEKALONGAN".into();
    s.ubah_penduduk(&desa, id, p.versi, &d1, &a).await.unwrap();
    let e = s
        .ubah_penduduk(&desa, id, p.versi, &d2, &a)
        .await
        .unwrap_err();
    assert!(
        matches!(e, Galat::Konflik(ref m) if m.contains("diubah oleh pengguna lain")),
        "{b}: {e:?}"
    );
    let akhir = s.penduduk(&desa, id).await.unwrap().unwrap();
    assert_eq!(akhir.telepon, "081234567890", "{b}");
    assert_eq!(akhir.tempat_lahir, "BATANG", "{b}");
    let riwayat = s.riwayat_penduduk(&desa, id).await.unwrap();
    assert_eq!(riwayat[0].jenis, "koreksi", "{b}");
}

balai_testkit::tiap_backend!(kematian_tetap_tersimpan_tapi_keluar_dari_daftar_aktif);
async fn kematian_tetap_tersimpan_tapi_keluar_dari_daftar_aktif(
    b: &'static str,
    s: balai_store::Store,
) {
    let desa = desa_uji(&s).await;
    let a = Aktor::sistem();
    let kepala = s
        .tambah_penduduk(
            &desa,
            &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
            &a,
        )
        .await
        .unwrap();
    let anak = s
        .tambah_penduduk(&desa, &data("3325080303050003", "DWI LESTARI", KK, "4"), &a)
        .await
        .unwrap();
    let r = RincianStatus {
        tanggal: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        sebab: "sakit".into(),
        ..Default::default()
    };
    s.catat_status(&desa, kepala, JenisPeristiwa::Mati, &r, &a)
        .await
        .unwrap();
    let aktif = s
        .daftar_penduduk(&desa, &SaringPenduduk::default(), hari_ini())
        .await
        .unwrap();
    assert_eq!(aktif.total, 1, "{b}");
    assert_eq!(aktif.isi[0].id, anak, "{b}");
    let semua = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                status_dasar: Some(0),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(semua.total, 2, "{b}");
    let p = s.penduduk(&desa, kepala).await.unwrap().unwrap();
    assert_eq!(p.status_dasar, 2, "{b}");
    // The family lost its head and can get a new one.
    let k = s.keluarga_by_kk(&desa, KK).await.unwrap().unwrap();
    assert_eq!(k.kepala_id, None, "{b}");
    s.ganti_kepala_keluarga(&desa, k.id, anak, &a)
        .await
        .unwrap();
    // A second death of the same person is refused.
    assert!(
        s.catat_status(&desa, kepala, JenisPeristiwa::Mati, &r, &a)
            .await
            .is_err(),
        "{b}"
    );
    // A future date is refused.
    let depan = RincianStatus {
        tanggal: Some(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
        ..Default::default()
    };
    assert!(
        matches!(
            s.catat_status(&desa, anak, JenisPeristiwa::Mati, &depan, &a)
                .await,
            Err(Galat::Isian(_))
        ),
        "{b}"
    );
}

balai_testkit::tiap_backend!(daftar_berhalaman_dan_saringan);
async fn daftar_berhalaman_dan_saringan(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let a = Aktor::sistem();
    for i in 0..7u32 {
        let nik = format!("33250801018{i:01}{:04}", i + 1);
        let kk = format!("33250812011{i:05}");
        s.tambah_penduduk(
            &desa,
            &data(
                &nik,
                &format!("WARGA {}", (b'A' + i as u8) as char),
                &kk,
                "1",
            ),
            &a,
        )
        .await
        .unwrap();
    }
    let mut saring = SaringPenduduk {
        batas: Some(3),
        ..Default::default()
    };
    let h1 = s.daftar_penduduk(&desa, &saring, hari_ini()).await.unwrap();
    assert_eq!((h1.isi.len(), h1.total), (3, 7), "{b}");
    saring.setelah = h1.berikutnya;
    let h2 = s.daftar_penduduk(&desa, &saring, hari_ini()).await.unwrap();
    assert_eq!(h2.isi[0].nama, "WARGA D", "{b}");
    let cari = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                q: "warga e".into(),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(cari.total, 1, "{b}");
    let umur = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                umur_min: Some(40),
                umur_max: Some(50),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(umur.total, 7, "{b}");
    let muda = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                umur_max: Some(30),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(muda.total, 0, "{b}");
    let nik = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                q: "332508010180".into(),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(nik.total, 1, "{b}");
}

balai_testkit::tiap_backend!(penduduk_desa_lain_tidak_terlihat);
async fn penduduk_desa_lain_tidak_terlihat(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let lain = KodeDesa::parse("33.25.08.2005").unwrap();
    s.buat_desa(&lain, &Aktor::sistem()).await.unwrap();
    let id = s
        .tambah_penduduk(
            &desa,
            &data("3325080101800001", "BUDI", KK, "1"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(
        s.penduduk(lain.as_str(), id).await.unwrap().is_none(),
        "{b}"
    );
}

balai_testkit::tiap_backend!(audit_berantai_dan_mendeteksi_perubahan);
async fn audit_berantai_dan_mendeteksi_perubahan(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let a = Aktor::pengguna("operator");
    let id = s
        .tambah_penduduk(&desa, &data("3325080101800001", "BUDI", KK, "1"), &a)
        .await
        .unwrap();
    s.buka_penduduk(&desa, id, &a).await.unwrap();
    let v = s.verifikasi_audit_desa(&desa).await.unwrap();
    assert!(v.jumlah >= 4 && v.rusak_pada.is_none(), "{b}: {v:?}");
    // Tamper with entry 2 the way an attacker with database access would.
    match &s.db {
        balai_store::Db::Sqlite(p) => {
            sqlx::query("DROP TRIGGER audit_tanpa_ubah")
                .execute(p)
                .await
                .unwrap();
            sqlx::query("UPDATE audit SET aktor = 'orang lain' WHERE desa_id = $1 AND urut = 2")
                .bind(&desa)
                .execute(p)
                .await
                .unwrap();
        }
        balai_store::Db::Postgres(p) => {
            sqlx::query("ALTER TABLE audit DISABLE TRIGGER audit_tanpa_ubah")
                .execute(p)
                .await
                .unwrap();
            sqlx::query("UPDATE audit SET aktor = 'orang lain' WHERE desa_id = $1 AND urut = 2")
                .bind(&desa)
                .execute(p)
                .await
                .unwrap();
        }
    }
    let v = s.verifikasi_audit_desa(&desa).await.unwrap();
    assert_eq!(v.rusak_pada, Some(2), "{b}");
}

balai_testkit::tiap_backend!(audit_tidak_bisa_diubah_lewat_sql_biasa);
async fn audit_tidak_bisa_diubah_lewat_sql_biasa(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let r = balai_store::on_db!(&s.db, p => sqlx::query("DELETE FROM audit WHERE desa_id = $1").bind(&desa).execute(p).await.map(|_| ()));
    assert!(r.is_err(), "{b}");
}

balai_testkit::tiap_backend!(audit_yang_dikosongkan_terdeteksi);
async fn audit_yang_dikosongkan_terdeteksi(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    s.tambah_penduduk(
        &desa,
        &data("3325081505800001", "ANI", KK, "1"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let hapus = match &s.db {
        balai_store::Db::Sqlite(_) => ["DROP TRIGGER audit_tanpa_hapus", "DELETE FROM audit"],
        balai_store::Db::Postgres(_) => [
            "ALTER TABLE audit DISABLE TRIGGER audit_tanpa_ubah",
            "DELETE FROM audit",
        ],
    };
    for q in hapus {
        balai_store::on_db!(&s.db, p => sqlx::query(q).execute(p).await.map(|_| ())).unwrap();
    }
    let semua = s.verifikasi_audit().await.unwrap();
    let v = semua
        .iter()
        .find(|h| h.desa_id == desa)
        .expect("village still checked");
    assert_eq!(v.rusak_pada, Some(1), "{b}: {v:?}");
}

balai_testkit::tiap_backend!(tanda_persen_dicari_apa_adanya);
async fn tanda_persen_dicari_apa_adanya(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    s.tambah_penduduk(
        &desa,
        &data("3325081505800001", "ANI", KK, "1"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    for q in ["%", "_N_", "A%I"] {
        let saring = SaringPenduduk {
            q: q.into(),
            ..Default::default()
        };
        let h = s.daftar_penduduk(&desa, &saring, hari_ini()).await.unwrap();
        assert_eq!(h.total, 0, "{b}: {q:?} is searched literally");
    }
    let saring = SaringPenduduk {
        q: "n".into(),
        ..Default::default()
    };
    assert_eq!(
        s.daftar_penduduk(&desa, &saring, hari_ini())
            .await
            .unwrap()
            .total,
        1,
        "{b}"
    );
}

balai_testkit::tiap_backend!(cari_menurut_awalan_nik_dan_nomor_kk);
async fn cari_menurut_awalan_nik_dan_nomor_kk(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    s.tambah_penduduk(
        &desa,
        &data("3325081505800001", "ANI", KK, "1"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.tambah_penduduk(
        &desa,
        &data("3325081909850002", "BUDI", "3325081201109999", "1"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let cari = |q: &str| SaringPenduduk {
        q: q.into(),
        ..Default::default()
    };
    for (q, n) in [
        ("3325081505", 1),
        ("33250819", 1),
        ("332508", 2),
        ("3325081201109999", 1),
        (KK, 1),
        ("3399", 0),
        ("33250819099", 0),
    ] {
        let h = s
            .daftar_penduduk(&desa, &cari(q), hari_ini())
            .await
            .unwrap();
        assert_eq!(h.total, n, "{b}: {q}");
        assert_eq!(h.isi.len() as i64, n, "{b}: {q}");
    }
}

/// A power cut must not take back what Balai acknowledged: SQLite commits with FULL sync.
#[tokio::test]
async fn sqlite_menyinkronkan_penuh_setiap_commit() {
    if !balai_testkit::diminta_backend("sqlite") {
        return;
    }
    let s = balai_testkit::store("sqlite").await;
    let balai_store::Db::Sqlite(p) = &s.db else {
        unreachable!()
    };
    let mode: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(p)
        .await
        .unwrap();
    assert_eq!(mode, 2, "PRAGMA synchronous must be FULL (2)");
}

balai_testkit::tiap_backend!(rumah_tangga_dibuat_bersamaan_bernomor_unik);
/// Households created at once get distinct numbers (count + 1 once collided, a 500 on
/// PostgreSQL).
async fn rumah_tangga_dibuat_bersamaan_bernomor_unik(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let mut kepala = Vec::new();
    for i in 0..8 {
        let id = s
            .tambah_penduduk(
                &desa,
                &data(
                    &format!("33250801018000{:02}", i + 10),
                    &format!(
                        "KEPALA {}",
                        [
                            "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN"
                        ][i]
                    ),
                    &format!("33250812011000{:02}", i + 10),
                    "1",
                ),
                &Aktor::sistem(),
            )
            .await
            .unwrap();
        kepala.push(id);
    }
    let tugas: Vec<_> = kepala
        .into_iter()
        .map(|id| {
            let s = s.clone();
            let desa = desa.clone();
            tokio::spawn(async move { s.buat_rumah_tangga(&desa, id, &Aktor::sistem()).await })
        })
        .collect();
    for t in tugas {
        t.await.unwrap().unwrap_or_else(|e| panic!("{b}: {e}"));
    }
    let mut nomor: Vec<String> = s
        .daftar_rumah_tangga(&desa, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.nomor)
        .collect();
    nomor.sort();
    let harap: Vec<String> = (1..=8).map(|n| format!("{n:04}")).collect();
    assert_eq!(nomor, harap, "{b}");
}

balai_testkit::tiap_backend!(nik_tersimpan_rusak_tidak_diganti_nomor_lain);
/// A stored NIK that no longer parses stops the operation with a message; it is never replaced
/// by a placeholder that a later write could store.
async fn nik_tersimpan_rusak_tidak_diganti_nomor_lain(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    let id = s
        .tambah_penduduk(
            &desa,
            &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    balai_store::on_db!(&s.db, p => sqlx::query("UPDATE penduduk SET nik = '33250801018' WHERE id = $1")
        .bind(id).execute(p).await.map(|_| ()))
    .unwrap();
    let p = s.penduduk(&desa, id).await.unwrap().unwrap();
    let e = p.data().unwrap_err();
    assert!(e.to_string().contains("NIK yang tersimpan"), "{b}: {e}");
    assert_eq!(
        s.penduduk(&desa, id).await.unwrap().unwrap().nik,
        "33250801018",
        "{b}: stored value untouched"
    );
}

balai_testkit::tiap_backend!(pencarian_sangat_panjang_tidak_menjadi_galat);
/// A 60,000-character search was a 500 on SQLite (LIKE pattern too long).
async fn pencarian_sangat_panjang_tidak_menjadi_galat(b: &'static str, s: balai_store::Store) {
    let desa = desa_uji(&s).await;
    s.tambah_penduduk(
        &desa,
        &data("3325080101800001", "BUDI SANTOSO", KK, "1"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let saring = SaringPenduduk {
        q: "B".repeat(60_000),
        ..Default::default()
    };
    let hasil = s
        .daftar_penduduk(&desa, &saring, hari_ini())
        .await
        .unwrap_or_else(|e| panic!("{b}: {e}"));
    assert!(hasil.isi.is_empty(), "{b}");
    let hasil = s
        .daftar_penduduk(
            &desa,
            &SaringPenduduk {
                q: "SANTOSO".into(),
                ..Default::default()
            },
            hari_ini(),
        )
        .await
        .unwrap();
    assert_eq!(hasil.isi.len(), 1, "{b}");
}
