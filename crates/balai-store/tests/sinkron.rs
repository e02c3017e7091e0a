//! Village node ⇄ server exchange at the store level (the HTTP transport and separate processes
//! are in crates/balai/tests/sinkron.rs). The server runs on each backend; the node on SQLite.

use balai_domain::KodeDesa;
use balai_store::sinkron::{Jabat, SaluranLangsung};
use balai_store::{Aktor, Store};

fn data(nik: &str, nama: &str, kk: &str, shdk: &str) -> balai_domain::penduduk::DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("shdk_id", shdk),
        ("no_kk", kk),
    ])
}

async fn desa_dengan_penduduk(s: &Store) -> String {
    let k = KodeDesa::parse("33.25.08.2004").unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    let desa = k.to_string();
    for i in 0..120 {
        let kk = format!("33250812011{:05}", i / 4 + 1);
        let shdk = if i % 4 == 0 { "1" } else { "4" };
        let nama = format!(
            "WARGA {}{}",
            (b'A' + (i / 26) as u8) as char,
            (b'A' + (i % 26) as u8) as char
        );
        s.tambah_penduduk(
            &desa,
            &data(&format!("33250801018{:05}", i + 1), &nama, &kk, shdk),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    }
    desa
}

/// A fresh village PC joined to `server` with a new credential (its first pull done).
async fn simpul_baru(server: &Store, desa: &str) -> (Store, String) {
    let token = server
        .sinkron()
        .buat_token(desa, &Aktor::sistem())
        .await
        .unwrap();
    let simpul = balai_testkit::store("sqlite").await;
    let saluran = SaluranLangsung {
        server,
        desa_id: desa.into(),
    };
    simpul
        .sinkron()
        .mulai_simpul(&saluran, desa, "http://127.0.0.1:1", &token)
        .await
        .unwrap();
    (simpul, token)
}

async fn sama(a: &Store, b: &Store, desa: &str, konteks: &str) {
    let x = a.sinkron().isi(desa).await.unwrap();
    let y = b.sinkron().isi(desa).await.unwrap();
    for (t, baris) in &x {
        assert_eq!(baris, &y[t], "{konteks}: tabel {t} berbeda");
    }
}

async fn ubah_nama(s: &Store, desa: &str, nik: &str, kolom: &str, nilai: &str) {
    let p = s.penduduk_by_nik(desa, nik).await.unwrap().unwrap();
    let mut d = p.data().unwrap();
    match kolom {
        "nama" => d.nama = nilai.into(),
        "tempat_lahir" => d.tempat_lahir = nilai.into(),
        _ => unreachable!(),
    }
    s.ubah_penduduk(desa, p.id, p.versi, &d, &Aktor::sistem())
        .await
        .unwrap();
}

balai_testkit::tiap_backend!(simpul_desa_dan_server_berakhir_identik);
async fn simpul_desa_dan_server_berakhir_identik(b: &'static str, server: Store) {
    let desa = desa_dengan_penduduk(&server).await;
    let token = server
        .sinkron()
        .buat_token(&desa, &Aktor::sistem())
        .await
        .unwrap();
    assert_eq!(server.sinkron().cek_token(&token).await.unwrap(), desa);
    let simpul = balai_testkit::store("sqlite").await;
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: desa.clone(),
    };
    let n = simpul
        .sinkron()
        .mulai_simpul(&saluran, &desa, "http://127.0.0.1:1", &token)
        .await
        .unwrap();
    assert!(n >= 120, "{b}: {n} baris");
    sama(&server, &simpul, &desa, b).await;

    // Both sides write: different fields of one resident merge; the same field of another
    // resident is a conflict kept for review.
    ubah_nama(&simpul, &desa, "3325080101800001", "nama", "NAMA DARI DESA").await;
    ubah_nama(&server, &desa, "3325080101800001", "tempat_lahir", "BATANG").await;
    ubah_nama(&simpul, &desa, "3325080101800002", "nama", "VERSI DESA").await;
    ubah_nama(
        &server,
        &desa,
        "3325080101800002",
        "nama",
        "VERSI KABUPATEN",
    )
    .await;
    simpul
        .tambah_penduduk(
            &desa,
            &data("3325080101890001", "BAYI BARU", "3325081201100001", "4"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let h = simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    assert!(h.terkirim >= 3 && h.diterima >= 2, "{b}: {h:?}");
    assert_eq!(h.konflik, 1, "{b}: {h:?}");
    // The conflict row travels back on the next exchange.
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    sama(&server, &simpul, &desa, b).await;
    let p = simpul
        .penduduk_by_nik(&desa, "3325080101800001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.nama.as_str(), p.tempat_lahir.as_str()),
        ("NAMA DARI DESA", "BATANG"),
        "{b}"
    );
    let k = simpul.sinkron().daftar_konflik(&desa, true).await.unwrap();
    assert_eq!(k.len(), 1, "{b}");
    assert_eq!(
        server
            .sinkron()
            .daftar_konflik(&desa, true)
            .await
            .unwrap()
            .len(),
        1,
        "{b}"
    );

    // Settled on the village in favour of the district; the choice reaches the server.
    simpul
        .sinkron()
        .selesaikan_konflik(&desa, k[0].id, "pusat", &Aktor::sistem())
        .await
        .unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    sama(&server, &simpul, &desa, b).await;
    assert!(
        server
            .sinkron()
            .daftar_konflik(&desa, true)
            .await
            .unwrap()
            .is_empty(),
        "{b}"
    );
    let p = server
        .penduduk_by_nik(&desa, "3325080101800002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.nama, "VERSI KABUPATEN", "{b}");
}

balai_testkit::tiap_backend!(paket_ulang_salah_urut_dan_desa_lain_ditolak);
async fn paket_ulang_salah_urut_dan_desa_lain_ditolak(b: &'static str, server: Store) {
    let desa = desa_dengan_penduduk(&server).await;
    let (simpul, token) = simpul_baru(&server, &desa).await;
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: desa.clone(),
    };
    ubah_nama(&simpul, &desa, "3325080101800003", "nama", "SATU").await;
    ubah_nama(&simpul, &desa, "3325080101800003", "nama", "DUA").await;
    simpul.sinkron().segel().await.unwrap();
    let p = simpul
        .sinkron()
        .paket_keluar(&desa, "desa", 0)
        .await
        .unwrap();
    assert!(p.entri.len() >= 2, "{b}");

    // Out of order: the second entry alone.
    let mut loncat = p.clone();
    loncat.entri.remove(0);
    let e = server
        .sinkron()
        .terima_dorong(&desa, &loncat)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak bersambung"), "{b}: {e}");
    // For another village.
    let mut lain = p.clone();
    lain.entri[0].desa_id = "3325082005".into();
    let e = server
        .sinkron()
        .terima_dorong(&desa, &lain)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("desa lain") || e.to_string().contains("untuk desa"),
        "{b}: {e}"
    );
    // Tampered content.
    let mut ubah = p.clone();
    ubah.entri[0].baris = ubah.entri[0]
        .baris
        .as_ref()
        .map(|s| s.replace("SATU", "TIGA"));
    let e = server
        .sinkron()
        .terima_dorong(&desa, &ubah)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("rusak"), "{b}: {e}");
    // The real batch twice: applied once.
    let r1 = server.sinkron().terima_dorong(&desa, &p).await.unwrap();
    let r2 = server.sinkron().terima_dorong(&desa, &p).await.unwrap();
    assert_eq!(r1.diterima_desa, r2.diterima_desa, "{b}");
    let x = server
        .penduduk_by_nik(&desa, "3325080101800003")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(x.nama, "DUA", "{b}");
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    sama(&server, &simpul, &desa, b).await;

    // A node restored from an old copy (its chain shorter than what the server holds).
    let lama = balai_testkit::store("sqlite").await;
    lama.sinkron()
        .mulai_simpul(&saluran, &desa, "http://127.0.0.1:1", &token)
        .await
        .unwrap();
    ubah_nama(&simpul, &desa, "3325080101800004", "nama", "BARU").await;
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    // `lama` forgets its chain position, as a PC restored from an old backup would.
    let j = server
        .sinkron()
        .jabat(
            &desa,
            &Jabat {
                versi: 1,
                desa_id: desa.clone(),
                jam: chrono::Utc::now() - chrono::Duration::hours(5),
                kepala_desa: Default::default(),
                diterima_pusat: Default::default(),
                awal: false,
                versi_program: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert!(j.to_string().contains("cadangan lama"), "{b}: {j}");
    // Revoked credential.
    let id = server.sinkron().daftar_token(&desa).await.unwrap()[0].id;
    server
        .sinkron()
        .cabut_token(&desa, id, &Aktor::sistem())
        .await
        .unwrap();
    let e = server.sinkron().cek_token(&token).await.unwrap_err();
    assert!(e.to_string().contains("dicabut"), "{b}: {e}");
    assert!(
        server.sinkron().cek_token("bsk_palsu").await.is_err(),
        "{b}"
    );
}

fn logo(isi: u8) -> Vec<u8> {
    balai_testkit::png(64, 64, [isi, 100, 50, 255])
}

balai_testkit::tiap_backend!(berkas_terpotong_ditolak_jam_salah_dan_nik_ganda_tidak_menghentikan);
async fn berkas_terpotong_ditolak_jam_salah_dan_nik_ganda_tidak_menghentikan(
    b: &'static str,
    server: Store,
) {
    let desa = desa_dengan_penduduk(&server).await;
    server
        .simpan_logo_desa(&desa, &logo(1), &Aktor::sistem())
        .await
        .unwrap();
    let (simpul, _) = simpul_baru(&server, &desa).await;
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: desa.clone(),
    };
    assert_eq!(
        simpul.logo_desa(&desa).await.unwrap().unwrap().0,
        logo(1),
        "{b}"
    );

    // A file cut short on the way is refused whole; nothing of the batch is applied.
    server
        .simpan_logo_desa(&desa, &logo(2), &Aktor::sistem())
        .await
        .unwrap();
    let (_, pusat) = simpul.sinkron().posisi_simpul(&desa).await.unwrap();
    let mut p = server
        .sinkron()
        .paket_tarik(&desa, pusat.urut)
        .await
        .unwrap();
    assert_eq!(p.berkas.len(), 1, "{b}");
    for isi in p.berkas.values_mut() {
        isi.truncate(isi.len() / 2);
    }
    let e = simpul
        .sinkron()
        .terima_paket(&desa, "pusat", "desa", 0, &p)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("terpotong"), "{b}: {e}");
    assert_eq!(
        simpul.logo_desa(&desa).await.unwrap().unwrap().0,
        logo(1),
        "{b}"
    );

    // A village PC whose clock is five hours fast: order comes from the chain, not the clock.
    let cepat = simpul.clone().dengan_jam(balai_store::Jam::Tetap(
        chrono::Utc::now() + chrono::Duration::hours(5),
    ));
    ubah_nama(&cepat, &desa, "3325080101800005", "nama", "JAM CEPAT").await;
    let h = cepat.sinkron().sinkronkan(&saluran).await.unwrap();
    assert!(h.selisih_jam_detik > 4 * 3600, "{b}: {h:?}");
    assert_eq!(
        simpul.logo_desa(&desa).await.unwrap().unwrap().0,
        logo(2),
        "{b}"
    );
    assert_eq!(
        simpul
            .sinkron()
            .keadaan_simpul()
            .await
            .unwrap()
            .selisih_jam_detik,
        h.selisih_jam_detik,
        "{b}: shown on the sync page"
    );

    // The same person registered at the village and at the district before they synced:
    // the exchange goes on, the village's row waits in the review queue.
    let nik = "3325080101890009";
    server
        .tambah_penduduk(
            &desa,
            &data(nik, "ORANG SAMA", "3325081201100001", "4"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    simpul
        .tambah_penduduk(
            &desa,
            &data(nik, "ORANG SAMA", "3325081201100001", "4"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    ubah_nama(&simpul, &desa, "3325080101800006", "nama", "TETAP SAMPAI").await;
    let h = simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    assert!(h.konflik >= 1, "{b}: {h:?}");
    let x = server
        .penduduk_by_nik(&desa, "3325080101800006")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(x.nama, "TETAP SAMPAI", "{b}: later changes still arrive");
    let k = server.sinkron().daftar_konflik(&desa, true).await.unwrap();
    assert!(k.iter().any(|k| k.kolom == "(baris ganda)"), "{b}: {k:?}");
}

balai_testkit::tiap_backend!(permohonan_adminduk_desa_diselesaikan_dukcapil_lewat_sinkron);
/// A birth application made and forwarded on the village PC reaches the district with the
/// sync; Dukcapil finishes it on the district server; the issued NIK and the finished
/// application come back to the village with the next sync.
async fn permohonan_adminduk_desa_diselesaikan_dukcapil_lewat_sinkron(
    b: &'static str,
    server: Store,
) {
    use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku, StatusAdminduk};
    use balai_store::adminduk::{Aksi, HasilIsian, LampiranBaru, PermohonanBaru};
    let desa = desa_dengan_penduduk(&server).await;
    let (simpul, _) = simpul_baru(&server, &desa).await;
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: desa.clone(),
    };
    // The mother: a woman of the first family, added on the village PC.
    let ibu = simpul
        .tambah_penduduk(
            &desa,
            &balai_testkit::data_penduduk(&[
                ("nik", "3325084101850009"),
                ("nama", "IBU BAYI"),
                ("jenis_kelamin", "2"),
                ("shdk_id", "3"),
                ("no_kk", "3325081201100001"),
            ]),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let j = JenisAdminduk::AktaLahir;
    let isian = [
        ("nama_anak", "BAYI SINKRON"),
        ("jenis_kelamin", "Laki-laki"),
        ("tanggal_lahir", "2026-11-20"),
        ("tempat_lahir", "Batang"),
        ("tempat_dilahirkan", "Puskesmas"),
        ("jenis_kelahiran", "Tunggal"),
        ("anak_ke", "1"),
        ("penolong", "Bidan/perawat"),
        ("nik_ibu", "3325084101850009"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let lampiran: Vec<LampiranBaru> = j
        .persyaratan()
        .iter()
        .map(|s| LampiranBaru {
            syarat: s.kode,
            nama: "dok.pdf",
            isi: b"%PDF-1.4 x",
        })
        .collect();
    let (id, _) = simpul
        .adminduk()
        .ajukan(
            &desa,
            &PermohonanBaru {
                jenis: j,
                pemohon_id: ibu,
                subjek_id: None,
                isian,
                persetujuan: true,
                kanal: "portal".into(),
            },
            &lampiran,
            &Aktor::warga(ibu),
        )
        .await
        .unwrap();
    let kosong = HasilIsian::default();
    let aksi = |l, p, h| Aksi {
        langkah: l,
        pelaku: p,
        alasan: "",
        hasil: h,
        pindaian: None,
        versi: None,
    };
    simpul
        .adminduk()
        .langkah(
            &desa,
            id,
            &aksi(Langkah::Teruskan, Pelaku::Desa, &kosong),
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();

    // At the district: in the queue, claimed and finished.
    let a = server.adminduk().satu(&desa, id).await.unwrap().unwrap();
    assert_eq!(a.status(), StatusAdminduk::Diteruskan, "{b}");
    assert_eq!(
        server.adminduk().lampiran(&desa, id).await.unwrap().len(),
        4,
        "{b}"
    );
    let dk = Aktor::pengguna("dukcapil");
    server
        .adminduk()
        .langkah(
            &desa,
            id,
            &aksi(Langkah::Proses, Pelaku::Dukcapil, &kosong),
            &dk,
        )
        .await
        .unwrap();
    let hasil = HasilIsian {
        nik: "3325082011260003".into(),
        nomor_dokumen: "3325-LU-20112026-0003".into(),
        ..Default::default()
    };
    server
        .adminduk()
        .langkah(
            &desa,
            id,
            &aksi(Langkah::Selesaikan, Pelaku::Dukcapil, &hasil),
            &dk,
        )
        .await
        .unwrap();

    // Back at the village: finished, and the child has the issued NIK.
    let h = simpul.sinkron().sinkronkan(&saluran).await.unwrap();
    assert_eq!(h.konflik, 0, "{b}: {h:?}");
    let a = simpul.adminduk().satu(&desa, id).await.unwrap().unwrap();
    assert_eq!(a.status(), StatusAdminduk::Selesai, "{b}");
    let bayi = simpul
        .penduduk(&desa, a.subjek_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bayi.nik, "3325082011260003", "{b}");
    assert_eq!(
        simpul.adminduk().riwayat(&desa, id).await.unwrap().len(),
        4,
        "{b}"
    );
    sama(&server, &simpul, &desa, b).await;
}
