//! Resident accounts on both backends: PIN rules, lockout and unlock, activation by a code sent
//! through the outbox, sessions (kiosk idle expiry, logout everywhere), and the family boundary.

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_kirim::{Setelan, preset};
use balai_store::warga::akun::{HasilMasukWarga, KUNCI_SETELAH, pin_lemah};
use balai_store::{Aktor, Jam, Store, on_db};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn data(nik: &str, nama: &str, kk: &str, shdk: &str, telepon: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("jenis_kelamin", "2"),
        ("tanggal_lahir", "1985-08-17"),
        ("shdk_id", shdk),
        ("no_kk", kk),
        ("telepon", telepon),
    ])
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()
}

/// Two families: Siti (with a phone) and her daughter, and Budi in another family.
async fn siapkan(s: &Store) -> (String, [Uuid; 3]) {
    let k = KodeDesa::parse("33.25.08.2004").unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    let desa = k.to_string();
    let a = Aktor::sistem();
    let siti = s
        .tambah_penduduk(
            &desa,
            &data(
                "3325085708850001",
                "SITI",
                "3325081201100001",
                "1",
                "0812-3456-7890",
            ),
            &a,
        )
        .await
        .unwrap();
    let anak = s
        .tambah_penduduk(
            &desa,
            &data("3325085708850002", "ANI", "3325081201100001", "4", ""),
            &a,
        )
        .await
        .unwrap();
    let budi = s
        .tambah_penduduk(
            &desa,
            &data("3325081708850003", "BUDI", "3325081201100002", "1", ""),
            &a,
        )
        .await
        .unwrap();
    (desa, [siti, anak, budi])
}

#[test]
fn pin_yang_mudah_ditebak_ditolak() {
    let lahir = NaiveDate::from_ymd_opt(1985, 8, 17);
    for pin in [
        "12345", "1234567", "12a456", "111111", "123456", "987654", "170885",
    ] {
        assert!(pin_lemah(pin, lahir).is_some(), "{pin}");
    }
    assert!(pin_lemah("583920", lahir).is_none());
}

balai_testkit::tiap_backend!(pin_salah_mengunci_akun_sampai_dibuka_operator);
async fn pin_salah_mengunci_akun_sampai_dibuka_operator(b: &'static str, s: balai_store::Store) {
    let s = s.dengan_jam(Jam::Tetap(t0()));
    let (desa, [siti, ..]) = siapkan(&s).await;
    let pin = s
        .terbitkan_pin(&desa, siti, &Aktor::pengguna("operator"))
        .await
        .unwrap();
    // Each try comes after the previous wait (30 s, then 2 min) has passed.
    let pada = |menit: i64| {
        s.clone()
            .dengan_jam(Jam::Tetap(t0() + Duration::minutes(menit)))
    };
    for i in 1..=KUNCI_SETELAH {
        let h = pada(3 * i)
            .masuk_warga("3325085708850001", "000000")
            .await
            .unwrap();
        assert!(matches!(h, HasilMasukWarga::Gagal), "{b}: try {i}");
    }
    let akhir = pada(3 * KUNCI_SETELAH + 1);
    let akun = akhir.akun_warga(&desa, siti).await.unwrap().unwrap();
    assert_eq!(akun.gagal, KUNCI_SETELAH, "{b}");
    assert!(
        akun.terkunci(akhir.sekarang()),
        "{b}: locked after repeated failures"
    );
    assert!(
        matches!(akhir.masuk_warga("3325085708850001", &pin).await.unwrap(), HasilMasukWarga::Tunggu(t) if t > Duration::minutes(30)),
        "{b}: even the right PIN waits, for about an hour"
    );
    s.buka_kunci_warga(&desa, siti, &Aktor::pengguna("operator"))
        .await
        .unwrap();
    assert!(
        matches!(
            s.masuk_warga("3325085708850001", &pin).await.unwrap(),
            HasilMasukWarga::Berhasil {
                wajib_ganti_pin: true,
                ..
            }
        ),
        "{b}"
    );
    // Unlock and PIN issue are audited.
    let n: i64 = on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT count(*) FROM audit WHERE desa_id = $1 AND objek = 'warga_akun' AND aksi IN ('terbitkan_pin', 'buka_kunci_pin', 'kunci_pin')")
        .bind(&desa).fetch_one(p).await).unwrap();
    assert_eq!(n, 3, "{b}");
}

balai_testkit::tiap_backend!(kode_aktivasi_lewat_kotak_keluar_lalu_pin_sendiri);
async fn kode_aktivasi_lewat_kotak_keluar_lalu_pin_sendiri(b: &'static str, s: balai_store::Store) {
    let s = s.dengan_jam(Jam::Tetap(t0()));
    let (desa, [siti, anak, _]) = siapkan(&s).await;
    let mut wa = preset("fonnte").unwrap().setelan("token");
    wa.url = "http://127.0.0.1:9/send".into();
    s.simpan_kanal_notifikasi(&desa, true, &Setelan::WhatsApp(wa), &Aktor::sistem())
        .await
        .unwrap();
    // No phone on record, or an unknown NIK: nothing is sent (and the caller says the same).
    s.minta_kode_aktivasi("3325085708850002").await.unwrap();
    s.minta_kode_aktivasi("3325089999999999").await.unwrap();
    s.minta_kode_aktivasi("3325085708850001").await.unwrap();
    // A second request within a minute sends nothing new.
    s.minta_kode_aktivasi("3325085708850001").await.unwrap();
    let pesan: Vec<(Option<Uuid>, String)> = on_db!(&s.db, p => sqlx::query_as(
        "SELECT penduduk_id, isi FROM notifikasi WHERE desa_id = $1 AND peristiwa = 'kode_aktivasi'")
        .bind(&desa).fetch_all(p).await).unwrap();
    assert_eq!(pesan.len(), 1, "{b}: one message, by WhatsApp only");
    assert_eq!(pesan[0].0, Some(siti), "{b}");
    assert!(
        s.notifikasi_warga(&desa, siti, 10)
            .await
            .unwrap()
            .is_empty(),
        "{b}: the secret is not in the portal"
    );
    let kode: String = pesan[0]
        .1
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("the message carries a 6-digit code")
        .to_string();
    let salah = if kode == "000000" { "000001" } else { "000000" };
    assert!(
        matches!(
            s.aktifkan_warga("3325085708850001", salah, "583920", "583920")
                .await
                .unwrap(),
            HasilMasukWarga::Gagal
        ),
        "{b}"
    );
    assert!(
        s.aktifkan_warga("3325085708850001", &kode, "170885", "170885")
            .await
            .is_err(),
        "{b}: birth date refused"
    );
    assert!(
        matches!(
            s.aktifkan_warga("3325085708850001", &kode, "583920", "583920")
                .await
                .unwrap(),
            HasilMasukWarga::Berhasil {
                wajib_ganti_pin: false,
                ..
            }
        ),
        "{b}"
    );
    // The code works once.
    assert!(
        matches!(
            s.aktifkan_warga("3325085708850001", &kode, "583921", "583921")
                .await
                .unwrap(),
            HasilMasukWarga::Gagal
        ),
        "{b}"
    );
    assert!(
        matches!(
            s.masuk_warga("3325085708850001", "583920").await.unwrap(),
            HasilMasukWarga::Berhasil { .. }
        ),
        "{b}"
    );
    // The family boundary: Siti's daughter yes, Budi no.
    let _ = anak;
    let kel: Vec<Uuid> = s
        .keluarga_warga(&desa, siti)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(kel.len(), 2, "{b}");
}

balai_testkit::tiap_backend!(sesi_anjungan_habis_bila_diam_dan_keluar_semua_mengakhiri_semua);
async fn sesi_anjungan_habis_bila_diam_dan_keluar_semua_mengakhiri_semua(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, [siti, _, budi]) = siapkan(&s).await;
    s.terbitkan_pin(&desa, siti, &Aktor::sistem())
        .await
        .unwrap();
    s.terbitkan_pin(&desa, budi, &Aktor::sistem())
        .await
        .unwrap();
    let (kios, _) = s
        .buat_sesi_warga(&desa, siti, "anjungan", Duration::seconds(90))
        .await
        .unwrap();
    let (hp, _) = s
        .buat_sesi_warga(&desa, siti, "portal", Duration::hours(8))
        .await
        .unwrap();
    let (lain, _) = s
        .buat_sesi_warga(&desa, budi, "portal", Duration::hours(8))
        .await
        .unwrap();
    assert!(s.sesi_warga(&kios, None).await.unwrap().is_some(), "{b}");
    // Ninety seconds later the kiosk session is gone, the phone's is not.
    let nanti = s
        .clone()
        .dengan_jam(Jam::Tetap(Utc::now() + Duration::seconds(91)));
    assert!(
        nanti.sesi_warga(&kios, None).await.unwrap().is_none(),
        "{b}"
    );
    assert!(nanti.sesi_warga(&hp, None).await.unwrap().is_some(), "{b}");
    assert_eq!(s.keluar_semua_warga(&desa, siti).await.unwrap(), 1, "{b}");
    assert!(s.sesi_warga(&hp, None).await.unwrap().is_none(), "{b}");
    assert!(
        s.sesi_warga(&lain, None).await.unwrap().is_some(),
        "{b}: other residents stay logged in"
    );
}

balai_testkit::tiap_backend!(balasan_bersamaan_pada_satu_pengaduan_semuanya_tersimpan_berurutan);
async fn balasan_bersamaan_pada_satu_pengaduan_semuanya_tersimpan_berurutan(
    b: &'static str,
    s: balai_store::Store,
) {
    use balai_store::pengaduan::PengaduanBaru;
    let (desa, [siti, ..]) = siapkan(&s).await;
    let (id, _) = s
        .ajukan_pengaduan(
            &desa,
            &PengaduanBaru {
                penduduk_id: Some(siti),
                kategori: "lingkungan".into(),
                judul: "Sampah menumpuk".into(),
                isi: "Sampah di tepi sungai belum diangkut dua minggu.".into(),
                kanal: "portal".into(),
                ..Default::default()
            },
            &Aktor::warga(siti),
        )
        .await
        .unwrap();
    let mut tugas = Vec::new();
    for i in 0..10 {
        let s = s.clone();
        let desa = desa.clone();
        tugas.push(tokio::spawn(async move {
            s.balas_pengaduan(
                &desa,
                id,
                &format!("Balasan {i}"),
                None,
                false,
                &Aktor::pengguna("operator"),
            )
            .await
        }));
    }
    for t in tugas {
        t.await.unwrap().unwrap();
    }
    let urut: Vec<i64> = s
        .balasan_pengaduan(&desa, id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.urut)
        .collect();
    assert_eq!(urut, (1..=10).collect::<Vec<_>>(), "{b}");
}
