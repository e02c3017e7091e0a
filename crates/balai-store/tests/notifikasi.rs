//! Notifications on both backends: templates, the outbox rows an event makes, retries with
//! backoff, exclusive claiming, masked secrets, and the settings' audit records.

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_kirim::{Setelan, SetelanSmtp, preset};
use balai_store::audit::SaringAudit;
use balai_store::notifikasi::{
    ISI_DISAMARKAN, JEDA_ULANG, MAKS_PERCOBAAN, Peristiwa, SaringNotifikasi, antre,
};
use balai_store::surat::Permohonan;
use balai_store::{Aktor, Galat, Jam, Store, on_db};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

const KK: &str = "3325081201100001";

fn data(nik: &str, nama: &str, telepon: &str, email: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("jenis_kelamin", "2"),
        ("no_kk", KK),
        ("telepon", telepon),
        ("email", email),
    ])
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()
}

/// A village with one resident who has a phone and an e-mail address, WhatsApp active and
/// e-mail configured but switched off.
async fn siapkan(s: &Store) -> (String, Uuid) {
    let k = KodeDesa::parse("33.25.08.2004").unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    let desa = k.to_string();
    let id = s
        .tambah_penduduk(
            &desa,
            &data(
                "3325080101800001",
                "SITI AMINAH",
                "0812-3456-7890",
                "siti@contoh.id",
            ),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let mut wa = preset("fonnte").unwrap().setelan("token-rahasia-fonnte");
    wa.url = "http://127.0.0.1:9/send".into();
    s.simpan_kanal_notifikasi(&desa, true, &Setelan::WhatsApp(wa), &Aktor::sistem())
        .await
        .unwrap();
    let email = SetelanSmtp {
        host: "smtp.contoh.id".into(),
        pengirim: "desa@contoh.id".into(),
        ..Default::default()
    };
    s.simpan_kanal_notifikasi(&desa, false, &Setelan::Email(email), &Aktor::sistem())
        .await
        .unwrap();
    (desa, id)
}

async fn ajukan(s: &Store, desa: &str, penduduk: Uuid) -> Uuid {
    s.ajukan_surat(
        desa,
        &Permohonan {
            jenis_kode: "keterangan_domisili".into(),
            penduduk_id: penduduk,
            isian: BTreeMap::from([("keperluan".into(), "Melamar pekerjaan".into())]),
            kanal: "loket".into(),
            ..Default::default()
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap()
}

fn semua() -> SaringNotifikasi {
    SaringNotifikasi {
        batas: 100,
        ..Default::default()
    }
}

balai_testkit::tiap_backend!(permohonan_membuat_baris_portal_dan_whatsapp_tanpa_kanal_nonaktif);
async fn permohonan_membuat_baris_portal_dan_whatsapp_tanpa_kanal_nonaktif(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, siti) = siapkan(&s).await;
    let id = ajukan(&s, &desa, siti).await;

    let portal = s.notifikasi_warga(&desa, siti, 10).await.unwrap();
    assert_eq!(portal.len(), 1, "{b}");
    let kode = balai_store::notifikasi::kode_lacak_surat(id);
    assert_eq!(portal[0].peristiwa, "permohonan_diterima", "{b}");
    assert!(
        portal[0]
            .judul
            .starts_with("Permohonan Keterangan Domisili diterima"),
        "{b}: {}",
        portal[0].judul
    );
    assert!(
        portal[0]
            .isi
            .starts_with("Yth. SITI AMINAH, permohonan Keterangan Domisili Anda")
            && portal[0].isi.contains(&format!("dengan kode {kode}"))
            && !portal[0].isi.contains('{'),
        "{b}: {}",
        portal[0].isi
    );
    assert_eq!(s.jumlah_belum_dibaca(&desa, siti).await.unwrap(), 1, "{b}");

    // WhatsApp is active: one row to the phone in 62… form. E-mail is switched off: none.
    let keluar = s.kotak_keluar(&desa, &semua()).await.unwrap();
    assert_eq!(keluar.len(), 1, "{b}");
    assert_eq!(keluar[0].kanal, "whatsapp", "{b}");
    assert_eq!(keluar[0].tujuan, "6281234567890", "{b}");
    assert_eq!(keluar[0].status, "menunggu", "{b}");
    assert_eq!(keluar[0].tujuan_samar(), "628123•••890", "{b}");

    // The village's own template, and the rejection with its reason.
    let g = s
        .simpan_templat_notifikasi(
            &desa,
            Peristiwa::PermohonanDitolak,
            "Permohonan ditolak",
            "Bapak/Ibu {nama}: {jenis_surat} ditolak karena {alasan}. {nomor}",
            &Aktor::sistem(),
        )
        .await
        .unwrap_err();
    match g {
        Galat::Isian(d) => assert!(
            d.untuk("isi").is_some_and(|p| p.contains("{nomor}")),
            "{b}: {d}"
        ),
        lain => panic!("{b}: {lain:?}"),
    }
    s.simpan_templat_notifikasi(
        &desa,
        Peristiwa::PermohonanDitolak,
        "Permohonan ditolak",
        "Bapak/Ibu {nama}: {jenis_surat} ditolak karena {alasan}.",
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.tolak_surat(
        &desa,
        id,
        "Pengantar RT belum dilampirkan",
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let portal = s.notifikasi_warga(&desa, siti, 10).await.unwrap();
    assert_eq!(portal.len(), 2, "{b}");
    assert_eq!(
        portal[0].isi,
        "Bapak/Ibu SITI AMINAH: Keterangan Domisili ditolak karena Pengantar RT belum dilampirkan.",
        "{b}"
    );
    let t = s.templat_notifikasi(&desa).await.unwrap();
    assert!(
        !t.iter()
            .find(|t| t.peristiwa == Peristiwa::PermohonanDitolak)
            .unwrap()
            .bawaan,
        "{b}"
    );
    s.kembalikan_templat_notifikasi(&desa, Peristiwa::PermohonanDitolak, &Aktor::sistem())
        .await
        .unwrap();
    let t = s.templat_notifikasi(&desa).await.unwrap();
    assert!(t.iter().all(|t| t.bawaan), "{b}");

    // Read marks.
    assert_eq!(
        s.tandai_dibaca(&desa, siti, Some(portal[0].id))
            .await
            .unwrap(),
        1
    );
    assert_eq!(s.jumlah_belum_dibaca(&desa, siti).await.unwrap(), 1, "{b}");
    s.tandai_dibaca(&desa, siti, None).await.unwrap();
    assert_eq!(s.jumlah_belum_dibaca(&desa, siti).await.unwrap(), 0, "{b}");

    // A channel switched off queues nothing more.
    let wa = s
        .kanal_notifikasi_satu(&desa, balai_kirim::Kanal::WhatsApp)
        .await
        .unwrap();
    s.simpan_kanal_notifikasi(&desa, false, &wa.setelan, &Aktor::sistem())
        .await
        .unwrap();
    ajukan(&s, &desa, siti).await;
    assert_eq!(
        s.kotak_keluar(&desa, &semua()).await.unwrap().len(),
        2,
        "{b}"
    );
    assert_eq!(
        s.notifikasi_warga(&desa, siti, 10).await.unwrap().len(),
        3,
        "{b}"
    );
}

balai_testkit::tiap_backend!(gagal_dicoba_lagi_dengan_jeda_lalu_gagal_setelah_enam_kali);
async fn gagal_dicoba_lagi_dengan_jeda_lalu_gagal_setelah_enam_kali(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, siti) = siapkan(&s).await;
    let pada = |t: DateTime<Utc>| s.clone().dengan_jam(Jam::Tetap(t));
    ajukan(&pada(t0()), &desa, siti).await;

    let mut now = t0();
    for (i, jeda) in JEDA_ULANG.iter().enumerate() {
        let kerja = pada(now);
        let ambil = kerja.ambil_jatuh_tempo(10).await.unwrap();
        assert_eq!(ambil.len(), 1, "{b}: try {}", i + 1);
        assert_eq!(ambil[0].percobaan, i as i64, "{b}");
        // Claimed: nobody else gets it meanwhile.
        assert!(kerja.ambil_jatuh_tempo(10).await.unwrap().is_empty(), "{b}");
        let status = kerja
            .tandai_gagal(
                &desa,
                ambil[0].id,
                "Gateway menjawab dengan status 500: x",
                false,
            )
            .await
            .unwrap();
        assert_eq!(status, "menunggu", "{b}");
        let baris = &kerja.kotak_keluar(&desa, &semua()).await.unwrap()[0];
        assert_eq!(baris.percobaan, i as i64 + 1, "{b}");
        assert_eq!(
            baris.coba_lagi_pada,
            Some(now + Duration::seconds(*jeda)),
            "{b}"
        );
        // Not due a second early.
        let sebelum = pada(now + Duration::seconds(jeda - 1));
        assert!(
            sebelum.ambil_jatuh_tempo(10).await.unwrap().is_empty(),
            "{b}"
        );
        now += Duration::seconds(*jeda);
    }
    let kerja = pada(now);
    let ambil = kerja.ambil_jatuh_tempo(10).await.unwrap();
    assert_eq!(ambil.len(), 1, "{b}");
    let status = kerja
        .tandai_gagal(&desa, ambil[0].id, "tetap gagal", false)
        .await
        .unwrap();
    assert_eq!(status, "gagal", "{b}");
    let baris = &kerja.kotak_keluar(&desa, &semua()).await.unwrap()[0];
    assert_eq!(baris.percobaan, MAKS_PERCOBAAN, "{b}");
    assert_eq!(baris.coba_lagi_pada, None, "{b}");
    assert_eq!(baris.galat_terakhir.as_deref(), Some("tetap gagal"), "{b}");
    assert!(
        pada(now + Duration::days(3))
            .ambil_jatuh_tempo(10)
            .await
            .unwrap()
            .is_empty()
    );
    let gagal = kerja
        .kotak_keluar(
            &desa,
            &SaringNotifikasi {
                status: Some("gagal".into()),
                batas: 10,
                sebelum: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(gagal.len(), 1, "{b}");

    // Every try is in the log, newest first, and pages on.
    let log = kerja.log_notifikasi(&desa, None, 4).await.unwrap();
    assert_eq!(
        log.iter().map(|l| l.percobaan).collect::<Vec<_>>(),
        vec![6, 5, 4, 3],
        "{b}"
    );
    assert!(log.iter().all(|l| !l.berhasil), "{b}");
    let akhir = log.last().unwrap();
    let lanjut = kerja
        .log_notifikasi(
            &desa,
            Some((akhir.waktu, akhir.notifikasi_id, akhir.percobaan)),
            4,
        )
        .await
        .unwrap();
    assert_eq!(
        lanjut.iter().map(|l| l.percobaan).collect::<Vec<_>>(),
        vec![2, 1],
        "{b}"
    );

    // A wrong address or setting gives up at once.
    ajukan(&pada(now), &desa, siti).await;
    let ambil = pada(now).ambil_jatuh_tempo(10).await.unwrap();
    assert_eq!(ambil.len(), 1, "{b}");
    let status = pada(now)
        .tandai_gagal(&desa, ambil[0].id, "Nomor telepon tidak sah", true)
        .await
        .unwrap();
    assert_eq!(status, "gagal", "{b}");
}

balai_testkit::tiap_backend!(klaim_tidak_pernah_ganda_dan_klaim_basi_diambil_lagi);
async fn klaim_tidak_pernah_ganda_dan_klaim_basi_diambil_lagi(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, siti) = siapkan(&s).await;
    let s = s.dengan_jam(Jam::Tetap(t0()));
    for _ in 0..20 {
        ajukan(&s, &desa, siti).await;
    }
    let (a, c) = tokio::join!(s.ambil_jatuh_tempo(12), s.ambil_jatuh_tempo(12));
    let (a, c) = (a.unwrap(), c.unwrap());
    assert_eq!(a.len() + c.len(), 20, "{b}: {} + {}", a.len(), c.len());
    let id: HashSet<Uuid> = a.iter().chain(&c).map(|p| p.id).collect();
    assert_eq!(id.len(), 20, "{b}: a message was claimed twice");
    assert!(s.ambil_jatuh_tempo(50).await.unwrap().is_empty(), "{b}");

    // A sender that stopped mid-way: its claims fall due again after a while.
    let nanti = s
        .clone()
        .dengan_jam(Jam::Tetap(t0() + Duration::minutes(3)));
    assert_eq!(nanti.ambil_jatuh_tempo(50).await.unwrap().len(), 20, "{b}");

    // Settled: sent once, with a log entry.
    nanti
        .tandai_terkirim(&desa, a[0].id, "HTTP 200: ok")
        .await
        .unwrap();
    let log = nanti.log_notifikasi(&desa, None, 50).await.unwrap();
    assert_eq!(log.len(), 1, "{b}");
    assert!(
        log[0].berhasil && log[0].keterangan == "HTTP 200: ok",
        "{b}"
    );
    // A late second report for the same message changes nothing.
    nanti.tandai_terkirim(&desa, a[0].id, "lagi").await.unwrap();
    assert_eq!(
        nanti.log_notifikasi(&desa, None, 50).await.unwrap().len(),
        1,
        "{b}"
    );
}

balai_testkit::tiap_backend!(kode_aktivasi_hanya_ke_telepon_dan_disamarkan_setelah_terkirim);
async fn kode_aktivasi_hanya_ke_telepon_dan_disamarkan_setelah_terkirim(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, siti) = siapkan(&s).await;
    // E-mail on too: the code still goes to the phone only.
    let email = s
        .kanal_notifikasi_satu(&desa, balai_kirim::Kanal::Email)
        .await
        .unwrap();
    s.simpan_kanal_notifikasi(&desa, true, &email.setelan, &Aktor::sistem())
        .await
        .unwrap();
    let mut tx = s.db.begin().await.unwrap();
    let n = antre(
        &mut tx,
        s.sekarang(),
        &desa,
        siti,
        Peristiwa::KodeAktivasi,
        &serde_json::json!({"kode": "482913"}),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 1, "{b}");
    assert!(
        s.notifikasi_warga(&desa, siti, 10)
            .await
            .unwrap()
            .is_empty(),
        "{b}"
    );

    let ambil = s.ambil_jatuh_tempo(10).await.unwrap();
    assert_eq!(ambil.len(), 1, "{b}");
    assert_eq!(ambil[0].kanal, "whatsapp", "{b}");
    assert!(ambil[0].isi.contains("482913"), "{b}");
    s.tandai_terkirim(&desa, ambil[0].id, "HTTP 200")
        .await
        .unwrap();
    let isi: String =
        on_db!(&s.db, p => sqlx::query_scalar("SELECT isi FROM notifikasi WHERE id = $1")
        .bind(ambil[0].id).fetch_one(p).await)
        .unwrap();
    assert_eq!(isi, ISI_DISAMARKAN, "{b}");
    let ada: i64 = on_db!(&s.db, p => sqlx::query_scalar("SELECT count(*) FROM notifikasi WHERE isi LIKE '%482913%'")
        .fetch_one(p).await)
    .unwrap();
    assert_eq!(ada, 0, "{b}: the code is nowhere in the outbox");
}

balai_testkit::tiap_backend!(rahasia_kanal_disamarkan_di_audit_dan_tetap_bila_dikosongkan);
async fn rahasia_kanal_disamarkan_di_audit_dan_tetap_bila_dikosongkan(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, _) = siapkan(&s).await;
    let wa = s
        .kanal_notifikasi_satu(&desa, balai_kirim::Kanal::WhatsApp)
        .await
        .unwrap();
    assert!(wa.aktif, "{b}");
    // Saved again with the token left empty: the stored token stays.
    let mut tanpa = wa.setelan.clone();
    if let Setelan::WhatsApp(h) = &mut tanpa {
        h.token.clear();
        h.templat_payload = "target={tujuan}&message={judul}: {pesan}".into();
    }
    s.simpan_kanal_notifikasi(&desa, true, &tanpa, &Aktor::sistem())
        .await
        .unwrap();
    let wa = s
        .kanal_notifikasi_satu(&desa, balai_kirim::Kanal::WhatsApp)
        .await
        .unwrap();
    assert_eq!(wa.setelan.rahasia(), "token-rahasia-fonnte", "{b}");
    let audit = s
        .daftar_audit(
            &desa,
            &SaringAudit {
                objek_id: Some("whatsapp".into()),
                batas: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(audit.len(), 2, "{b}");
    for a in &audit {
        let teks = format!("{:?} {:?}", a.sebelum, a.sesudah);
        assert!(!teks.contains("token-rahasia-fonnte"), "{b}: {teks}");
    }

    // Bad settings are refused with the field named.
    let mut salah = wa.setelan.clone();
    if let Setelan::WhatsApp(h) = &mut salah {
        h.url = "api.fonnte.com/send".into();
    }
    match s
        .simpan_kanal_notifikasi(&desa, true, &salah, &Aktor::sistem())
        .await
        .unwrap_err()
    {
        Galat::Isian(d) => assert_eq!(
            d.untuk("url"),
            Some("URL gateway harus diawali http:// atau https://"),
            "{b}"
        ),
        lain => panic!("{b}: {lain:?}"),
    }
}
