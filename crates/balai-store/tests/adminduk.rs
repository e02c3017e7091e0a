//! Civil registration on both backends: every application type through the whole flow and its
//! effect on the registry, every refusal, the newborn without NIK, annulment of each event kind,
//! letters about the deceased, and corrections of records that are no longer active.

use balai_domain::adminduk::{JenisAdminduk, Langkah, Pelaku, StatusAdminduk};
use balai_domain::penduduk::DataPenduduk;
use balai_domain::surat::jenis::JenisIsian;
use balai_domain::{KodeDesa, Nik};
use balai_store::adminduk::{Aksi, HasilIsian, LampiranBaru, PermohonanBaru};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::surat::Permohonan;
use balai_store::{Aktor, Galat, Store};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use uuid::Uuid;

const DESA: &str = "3325082004";
const PDF: &[u8] = b"%PDF-1.4 pindaian";

async fn desa_uji(s: &Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
}

fn data(nik: &str, nama: &str, jk: &str, kk: &str, shdk: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("jenis_kelamin", jk),
        ("shdk_id", shdk),
        ("no_kk", kk),
    ])
}

/// A family: father (head) and mother. Answers (father, mother).
async fn keluarga(s: &Store, kk: &str, urut: u32) -> (Uuid, Uuid) {
    let a = Aktor::sistem();
    let ayah = s
        .tambah_penduduk(
            DESA,
            &data(&format!("33250801018{urut:05}"), "BAPAK UJI", "1", kk, "1"),
            &a,
        )
        .await
        .unwrap();
    let ibu = s
        .tambah_penduduk(
            DESA,
            &data(&format!("33250841018{urut:05}"), "IBU UJI", "2", kk, "3"),
            &a,
        )
        .await
        .unwrap();
    (ayah, ibu)
}

fn kk(urut: u32) -> String {
    format!("332508120110{urut:04}")
}

/// Every field filled with a value the type accepts.
fn isian_contoh(j: JenisAdminduk, nik_ibu: &str) -> BTreeMap<String, String> {
    j.isian()
        .into_iter()
        .map(|f| {
            let v = match (f.kunci.as_str(), f.jenis) {
                ("nik_ibu", _) => nik_ibu.to_string(),
                ("nik_ayah", _) => String::new(),
                ("nik", _) => "3374011505900003".into(),
                ("nama_anak", _) => "BAYI UJI".into(),
                (_, JenisIsian::Pilihan) => f.pilihan[0].clone(),
                (_, JenisIsian::Tanggal) => "2026-11-20".into(),
                (_, JenisIsian::Angka) => "1".into(),
                _ => "Contoh isian".into(),
            };
            (f.kunci, v)
        })
        .collect()
}

fn semua_lampiran(j: JenisAdminduk) -> Vec<LampiranBaru<'static>> {
    j.persyaratan()
        .iter()
        .map(|s| LampiranBaru {
            syarat: s.kode,
            nama: "dokumen.pdf",
            isi: PDF,
        })
        .collect()
}

fn baru(j: JenisAdminduk, pemohon: Uuid, subjek: Option<Uuid>, nik_ibu: &str) -> PermohonanBaru {
    PermohonanBaru {
        jenis: j,
        pemohon_id: pemohon,
        subjek_id: subjek,
        isian: isian_contoh(j, nik_ibu),
        persetujuan: true,
        kanal: "portal".into(),
    }
}

fn aksi<'a>(l: Langkah, p: Pelaku, h: &'a HasilIsian) -> Aksi<'a> {
    Aksi {
        langkah: l,
        pelaku: p,
        alasan: "",
        hasil: h,
        pindaian: None,
        versi: None,
    }
}

async fn maju(s: &Store, id: Uuid, hasil: &HasilIsian) -> Result<StatusAdminduk, Galat> {
    let kosong = HasilIsian::default();
    let a = Aktor::pengguna("operator");
    let d = Aktor::pengguna("dukcapil");
    let ad = s.adminduk();
    ad.langkah(
        DESA,
        id,
        &aksi(Langkah::Teruskan, Pelaku::Desa, &kosong),
        &a,
    )
    .await?;
    ad.langkah(
        DESA,
        id,
        &aksi(Langkah::Proses, Pelaku::Dukcapil, &kosong),
        &d,
    )
    .await?;
    ad.langkah(
        DESA,
        id,
        &aksi(Langkah::Selesaikan, Pelaku::Dukcapil, hasil),
        &d,
    )
    .await
}

fn pesan(e: Galat, kolom: &str) -> String {
    match e {
        Galat::Isian(g) => g
            .untuk(kolom)
            .unwrap_or_else(|| panic!("tidak ada pesan untuk {kolom}: {g}"))
            .to_string(),
        lain => panic!("bukan galat isian: {lain:?}"),
    }
}

balai_testkit::tiap_backend!(akta_lahir_bayi_tanpa_nik_sampai_selesai);
async fn akta_lahir_bayi_tanpa_nik_sampai_selesai(be: &'static str, s: Store) {
    desa_uji(&s).await;
    let (ayah, ibu) = keluarga(&s, &kk(1), 1).await;
    let nik_ibu = s.penduduk(DESA, ibu).await.unwrap().unwrap().nik;
    let warga = Aktor::warga(ibu);
    let j = JenisAdminduk::AktaLahir;
    let m = baru(j, ibu, None, &nik_ibu);
    let (id, nomor) = s
        .adminduk()
        .ajukan(DESA, &m, &semua_lampiran(j), &warga)
        .await
        .unwrap();
    assert!(nomor.starts_with("AD-"), "{be}");

    // A second application for the same child is refused, naming the open one.
    match s
        .adminduk()
        .ajukan(DESA, &m, &semua_lampiran(j), &warga)
        .await
    {
        Err(Galat::Ditolak(p)) => assert!(p.contains(&nomor), "{be}: {p}"),
        lain => panic!("{be}: {lain:?}"),
    }

    // Forwarding records the newborn with a temporary NIK in the mother's family.
    let kosong = HasilIsian::default();
    let op = Aktor::pengguna("operator");
    let dk = Aktor::pengguna("dukcapil");
    // The village cannot claim or finish: those are Dukcapil's steps.
    assert!(matches!(
        s.adminduk()
            .langkah(DESA, id, &aksi(Langkah::Proses, Pelaku::Desa, &kosong), &op)
            .await,
        Err(Galat::Ditolak(_))
    ));
    s.adminduk()
        .langkah(
            DESA,
            id,
            &aksi(Langkah::Teruskan, Pelaku::Desa, &kosong),
            &op,
        )
        .await
        .unwrap();
    let a = s.adminduk().satu(DESA, id).await.unwrap().unwrap();
    let bayi = s
        .penduduk(DESA, a.subjek_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(bayi.nik_menunggu(), "{be}: {}", bayi.nik);
    assert_eq!(bayi.nama, "BAYI UJI", "{be}");
    assert_eq!(bayi.no_kk.as_deref(), Some(kk(1).as_str()), "{be}");
    assert_eq!(bayi.nik_ibu, nik_ibu, "{be}");

    s.adminduk()
        .langkah(
            DESA,
            id,
            &aksi(Langkah::Proses, Pelaku::Dukcapil, &kosong),
            &dk,
        )
        .await
        .unwrap();
    // A finish without the document number, or with a NIK already used, is refused and changes
    // nothing.
    let tanpa_nomor = HasilIsian {
        nik: "3325082011260001".into(),
        ..Default::default()
    };
    let e = s
        .adminduk()
        .langkah(
            DESA,
            id,
            &aksi(Langkah::Selesaikan, Pelaku::Dukcapil, &tanpa_nomor),
            &dk,
        )
        .await
        .unwrap_err();
    assert!(
        pesan(e, "nomor_dokumen").contains("Nomor akta kelahiran"),
        "{be}"
    );
    let bentrok = HasilIsian {
        nik: nik_ibu.clone(),
        nomor_dokumen: "3325-LU-20112026-0001".into(),
        ..Default::default()
    };
    let e = s
        .adminduk()
        .langkah(
            DESA,
            id,
            &aksi(Langkah::Selesaikan, Pelaku::Dukcapil, &bentrok),
            &dk,
        )
        .await
        .unwrap_err();
    assert!(
        pesan(e, "nik").contains("IBU UJI"),
        "{be}: names the holder"
    );
    let a = s.adminduk().satu(DESA, id).await.unwrap().unwrap();
    assert_eq!(a.status(), StatusAdminduk::Diproses, "{be}");

    let benar = HasilIsian {
        nik: "3325086011260001".into(),
        nomor_dokumen: "3325-LU-20112026-0001".into(),
        ..Default::default()
    };
    s.adminduk()
        .langkah(
            DESA,
            id,
            &aksi(Langkah::Selesaikan, Pelaku::Dukcapil, &benar),
            &dk,
        )
        .await
        .unwrap();
    let bayi = s.penduduk(DESA, bayi.id).await.unwrap().unwrap();
    assert_eq!(bayi.nik, "3325086011260001", "{be}");
    assert_eq!(bayi.akta_lahir, "3325-LU-20112026-0001", "{be}");
    assert!(!bayi.nik_menunggu(), "{be}");
    // The registry history shows the birth and the correction that filled the NIK.
    let riwayat: Vec<String> = s
        .riwayat_penduduk(DESA, bayi.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.jenis)
        .collect();
    assert_eq!(riwayat, ["koreksi", "lahir"], "{be}");

    // The public tracking page shows the steps, never a name or a NIK.
    let l = s
        .adminduk()
        .lacak(&nomor.to_lowercase())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.status, "Selesai", "{be}");
    assert_eq!(l.langkah.len(), 4, "{be}");
    let teks = serde_json::to_string(&l).unwrap();
    assert!(
        !teks.contains("IBU") && !teks.contains("BAYI") && !teks.contains("3325"),
        "{be}: {teks}"
    );
    assert!(
        s.adminduk().lacak("AD-00000000").await.unwrap().is_none(),
        "{be}"
    );

    // The mother was told at every step, on the portal.
    let kabar = s.notifikasi_warga(DESA, ibu, 20).await.unwrap();
    assert_eq!(kabar.len(), 4, "{be}");
    assert!(kabar.iter().any(|k| k.judul.contains("Selesai")), "{be}");
    let _ = ayah;
}

balai_testkit::tiap_backend!(setiap_jenis_sampai_selesai_dan_mengubah_data);
async fn setiap_jenis_sampai_selesai_dan_mengubah_data(be: &'static str, s: Store) {
    desa_uji(&s).await;
    for (i, j) in JenisAdminduk::SEMUA.into_iter().enumerate() {
        let urut = 10 + i as u32;
        let (ayah, ibu) = keluarga(&s, &kk(urut), urut).await;
        let nik_ibu = s.penduduk(DESA, ibu).await.unwrap().unwrap().nik;
        let subjek = j.subjek_penduduk().then_some(ayah);
        let (id, _) = s
            .adminduk()
            .ajukan(
                DESA,
                &baru(j, ayah, subjek, &nik_ibu),
                &semua_lampiran(j),
                &Aktor::warga(ayah),
            )
            .await
            .unwrap_or_else(|e| panic!("{be} {}: {e:?}", j.kode()));
        let hasil = HasilIsian {
            nomor_dokumen: format!("NO-{}", j.kode()),
            no_kk: format!("332508120199{urut:04}"),
            nik: format!("33250801112{urut:05}"),
        };
        let st = maju(&s, id, &hasil)
            .await
            .unwrap_or_else(|e| panic!("{be} {}: {e:?}", j.kode()));
        assert_eq!(st, StatusAdminduk::Selesai, "{be} {}", j.kode());
        let p = s.penduduk(DESA, ayah).await.unwrap().unwrap();
        match j {
            JenisAdminduk::KkBaru | JenisAdminduk::KkPerubahan | JenisAdminduk::KkHilangRusak => {
                assert_eq!(p.no_kk, Some(hasil.no_kk.clone()), "{be} {}", j.kode());
                // The whole family has the new card.
                let ib = s.penduduk(DESA, ibu).await.unwrap().unwrap();
                assert_eq!(ib.no_kk, Some(hasil.no_kk.clone()), "{be} {}", j.kode());
            }
            JenisAdminduk::AktaKematian => assert_eq!(p.status_label(), "MATI", "{be}"),
            JenisAdminduk::PindahKeluar => assert_eq!(p.status_label(), "PINDAH", "{be}"),
            _ => assert_eq!(p.status_label(), "HIDUP", "{be} {}", j.kode()),
        }
        let a = s.adminduk().satu(DESA, id).await.unwrap().unwrap();
        assert!(
            a.hasil.contains("NO-") || a.hasil.contains("no_kk"),
            "{be} {}",
            j.kode()
        );
    }
    // The service-time report counts one finished application per type.
    let w = s.adminduk().waktu_layanan("3325").await.unwrap();
    assert_eq!(w.len(), JenisAdminduk::SEMUA.len(), "{be}");
    assert!(w.iter().all(|x| x.selesai == 1 && x.terbuka == 0), "{be}");
    // The district queue finds them all, by status and type.
    let (baris, total) = s
        .adminduk()
        .antrean(&balai_store::adminduk::Saring {
            awalan: "3325".into(),
            status: "selesai".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(total, JenisAdminduk::SEMUA.len() as i64, "{be}");
    assert_eq!(baris.len(), JenisAdminduk::SEMUA.len(), "{be}");
}

balai_testkit::tiap_backend!(permohonan_salah_ditolak_per_kolom_tanpa_sisa);
async fn permohonan_salah_ditolak_per_kolom_tanpa_sisa(be: &'static str, s: Store) {
    desa_uji(&s).await;
    let (ayah, ibu) = keluarga(&s, &kk(2), 2).await;
    let (orang_lain, _) = keluarga(&s, &kk(3), 3).await;
    let j = JenisAdminduk::KtpBaru;
    let w = Aktor::warga(ayah);
    let ad = s.adminduk();

    // Someone not of this village.
    let e = ad
        .ajukan(
            DESA,
            &baru(j, Uuid::now_v7(), Some(ayah), ""),
            &semua_lampiran(j),
            &w,
        )
        .await
        .unwrap_err();
    assert!(pesan(e, "pemohon").contains("tidak terdaftar"), "{be}");
    // Missing requirement.
    let e = ad
        .ajukan(DESA, &baru(j, ayah, Some(ayah), ""), &[], &w)
        .await
        .unwrap_err();
    assert!(
        pesan(e, "lampiran.kk").contains("wajib dilampirkan"),
        "{be}"
    );
    // Not a real PDF/JPEG/PNG.
    let palsu = [LampiranBaru {
        syarat: "kk",
        nama: "kk.pdf",
        isi: b"<html><script>alert(1)</script>",
    }];
    let e = ad
        .ajukan(DESA, &baru(j, ayah, Some(ayah), ""), &palsu, &w)
        .await
        .unwrap_err();
    assert!(
        pesan(e, "lampiran.kk").contains("bukan PDF, JPEG atau PNG"),
        "{be}"
    );
    // No consent.
    let mut m = baru(j, ayah, Some(ayah), "");
    m.persetujuan = false;
    let e = ad
        .ajukan(DESA, &m, &semua_lampiran(j), &w)
        .await
        .unwrap_err();
    assert!(pesan(e, "persetujuan").contains("Centang"), "{be}");
    // From the portal, only for oneself or one's family.
    let e = ad
        .ajukan(
            DESA,
            &baru(j, ayah, Some(orang_lain), ""),
            &semua_lampiran(j),
            &w,
        )
        .await
        .unwrap_err();
    assert!(pesan(e, "subjek").contains("satu KK"), "{be}");
    // A missing required field of the form.
    let mut m = baru(JenisAdminduk::AktaKematian, ayah, Some(ibu), "");
    m.isian.remove("sebab");
    let e = ad
        .ajukan(DESA, &m, &semua_lampiran(JenisAdminduk::AktaKematian), &w)
        .await
        .unwrap_err();
    assert!(pesan(e, "isian.sebab").contains("wajib"), "{be}");
    // None of these left anything behind.
    assert!(ad.milik(DESA, ayah).await.unwrap().is_empty(), "{be}");

    // A second open application of the same type for the same person.
    let (id, nomor) = ad
        .ajukan(DESA, &baru(j, ayah, Some(ayah), ""), &semua_lampiran(j), &w)
        .await
        .unwrap();
    match ad
        .ajukan(DESA, &baru(j, ayah, Some(ayah), ""), &semua_lampiran(j), &w)
        .await
    {
        Err(Galat::Ditolak(p)) => assert!(p.contains(&nomor), "{be}"),
        lain => panic!("{be}: {lain:?}"),
    }
    // A fix asked without a reason is refused; with one, the applicant fixes and resubmits.
    let kosong = HasilIsian::default();
    let e = ad
        .langkah(
            DESA,
            id,
            &aksi(Langkah::MintaPerbaikan, Pelaku::Desa, &kosong),
            &w,
        )
        .await
        .unwrap_err();
    assert!(pesan(e, "alasan").contains("alasan"), "{be}");
    let mut x = aksi(Langkah::MintaPerbaikan, Pelaku::Desa, &kosong);
    x.alasan = "Foto KK buram, mohon difoto ulang.";
    ad.langkah(DESA, id, &x, &Aktor::pengguna("operator"))
        .await
        .unwrap();
    let l = ad.lacak(&nomor).await.unwrap().unwrap();
    assert_eq!(l.alasan, "Foto KK buram, mohon difoto ulang.", "{be}");
    ad.lampirkan(DESA, id, &semua_lampiran(j)[0], &w)
        .await
        .unwrap();
    ad.langkah(
        DESA,
        id,
        &aksi(Langkah::AjukanUlang, Pelaku::Pemohon, &kosong),
        &w,
    )
    .await
    .unwrap();
    assert_eq!(ad.lampiran(DESA, id).await.unwrap().len(), 2, "{be}");
    // A stale version is refused.
    let mut x = aksi(Langkah::Teruskan, Pelaku::Desa, &kosong);
    x.versi = Some(1);
    assert!(
        matches!(ad.langkah(DESA, id, &x, &w).await, Err(Galat::Konflik(_))),
        "{be}"
    );
}

balai_testkit::tiap_backend!(nik_menunggu_diisi_kemudian_dan_bentrok_disebut);
async fn nik_menunggu_diisi_kemudian_dan_bentrok_disebut(be: &'static str, s: Store) {
    desa_uji(&s).await;
    let (_, ibu) = keluarga(&s, &kk(4), 4).await;
    // An imported 0-NIK of another shape does not move the village's own series.
    s.tambah_penduduk(
        DESA,
        &data("0999999999999999", "DATA LAMA", "1", &kk(4), "4"),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let mut d = data(Nik::MENUNGGU, "ANAK SATU", "1", &kk(4), "4");
    let satu = s.catat_kelahiran(DESA, &d, &Aktor::sistem()).await.unwrap();
    d.nama = "ANAK DUA".into();
    let dua = s.catat_kelahiran(DESA, &d, &Aktor::sistem()).await.unwrap();
    let p1 = s.penduduk(DESA, satu).await.unwrap().unwrap();
    let p2 = s.penduduk(DESA, dua).await.unwrap().unwrap();
    assert!(p1.nik_menunggu() && p2.nik_menunggu(), "{be}");
    assert_ne!(p1.nik, p2.nik, "{be}: each gets its own temporary NIK");
    assert_eq!(p1.nik, "0332508200400001", "{be}");
    // Statistics count them apart.
    let hari = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let menunggu = |s: balai_store::statistik::Statistik| s.baris[1].jumlah;
    let st = s
        .statistik_penduduk(
            DESA,
            balai_store::statistik::JenisStatistik::StatusNik,
            hari,
        )
        .await
        .unwrap();
    assert_eq!((st.baris[0].jumlah, menunggu(st)), (2, 3), "{be}");
    // Filling in a NIK already held by someone else is refused, naming them.
    let nik_ibu = s.penduduk(DESA, ibu).await.unwrap().unwrap().nik;
    let mut x = p1.data().unwrap();
    x.nik = Nik::parse(&nik_ibu).unwrap();
    let e = s
        .ubah_penduduk(DESA, satu, p1.versi, &x, &Aktor::sistem())
        .await
        .unwrap_err();
    assert!(pesan(e, "nik").contains("IBU UJI"), "{be}");
    x.nik = Nik::parse("3325080101260002").unwrap();
    s.ubah_penduduk(DESA, satu, p1.versi, &x, &Aktor::sistem())
        .await
        .unwrap();
    assert!(
        !s.penduduk(DESA, satu)
            .await
            .unwrap()
            .unwrap()
            .nik_menunggu(),
        "{be}"
    );
    let st = s
        .statistik_penduduk(
            DESA,
            balai_store::statistik::JenisStatistik::StatusNik,
            hari,
        )
        .await
        .unwrap();
    assert_eq!(menunggu(st), 2, "{be}");
}

balai_testkit::tiap_backend!(pembatalan_tiap_peristiwa_memulihkan_status);
async fn pembatalan_tiap_peristiwa_memulihkan_status(be: &'static str, s: Store) {
    desa_uji(&s).await;
    let a = Aktor::pengguna("sekdes");
    let (ayah, _) = keluarga(&s, &kk(5), 5).await;
    let tgl = NaiveDate::from_ymd_opt(2026, 1, 5);
    let r = RincianStatus {
        tanggal: tgl,
        tempat: "Batang".into(),
        ..Default::default()
    };
    for jenis in [
        JenisPeristiwa::Mati,
        JenisPeristiwa::PindahKeluar,
        JenisPeristiwa::Hilang,
    ] {
        s.catat_status(DESA, ayah, jenis, &r, &a).await.unwrap();
        let e = s.riwayat_penduduk(DESA, ayah).await.unwrap()[0].clone();
        assert_eq!(e.jenis, jenis.kode(), "{be}");
        // A reason is required.
        assert!(matches!(
            s.batalkan_peristiwa(DESA, e.id, "salah", &a).await,
            Err(Galat::Isian(_))
        ));
        s.batalkan_peristiwa(DESA, e.id, "Salah memilih penduduk", &a)
            .await
            .unwrap();
        let p = s.penduduk(DESA, ayah).await.unwrap().unwrap();
        assert_eq!(p.status_label(), "HIDUP", "{be} {}", jenis.kode());
        // The head of the family is head again.
        let k = s
            .keluarga(DESA, p.keluarga_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(k.kepala_id, Some(ayah), "{be}");
        // Both events stay; the annulled one is marked and cannot be annulled twice.
        let riwayat = s.riwayat_penduduk(DESA, ayah).await.unwrap();
        assert_eq!(riwayat[0].jenis, "pembatalan", "{be}");
        let asli = riwayat.iter().find(|x| x.id == e.id).unwrap();
        assert!(
            asli.dibatalkan_oleh.is_some() && !asli.bisa_dibatalkan(),
            "{be}"
        );
        assert!(matches!(
            s.batalkan_peristiwa(DESA, e.id, "Salah memilih penduduk", &a)
                .await,
            Err(Galat::Ditolak(_))
        ));
    }
    // A birth and a move in that created the record: the record becomes "tidak valid".
    let bayi = s
        .catat_kelahiran(
            DESA,
            &data(Nik::MENUNGGU, "BAYI SALAH", "1", &kk(5), "4"),
            &a,
        )
        .await
        .unwrap();
    let datang = s
        .catat_pindah_masuk(
            DESA,
            &data("3374011505900003", "ORANG DATANG", "1", &kk(6), "1"),
            tgl,
            "Semarang",
            &a,
        )
        .await
        .unwrap();
    for id in [bayi, datang] {
        let e = s.riwayat_penduduk(DESA, id).await.unwrap()[0].clone();
        s.batalkan_peristiwa(DESA, e.id, "Dicatat dua kali oleh petugas", &a)
            .await
            .unwrap();
        let p = s.penduduk(DESA, id).await.unwrap().unwrap();
        assert_eq!(p.status_label(), "TIDAK VALID", "{be}");
    }
    // Only the latest status event: a death after a move in cannot be skipped over.
    s.catat_status(DESA, ayah, JenisPeristiwa::PindahKeluar, &r, &a)
        .await
        .unwrap();
    let d = balai_testkit::data_penduduk(&[
        ("nik", &s.penduduk(DESA, ayah).await.unwrap().unwrap().nik),
        ("no_kk", &kk(5)),
    ]);
    s.catat_pindah_masuk(DESA, &d, tgl, "Pekalongan", &a)
        .await
        .unwrap();
    let riwayat = s.riwayat_penduduk(DESA, ayah).await.unwrap();
    let pindah = riwayat
        .iter()
        .find(|e| e.jenis == "pindah_keluar" && e.dibatalkan_oleh.is_none())
        .unwrap();
    assert!(matches!(
        s.batalkan_peristiwa(DESA, pindah.id, "Salah memilih penduduk", &a)
            .await,
        Err(Galat::Ditolak(_))
    ));
    let masuk = riwayat.iter().find(|e| e.jenis == "pindah_masuk").unwrap();
    s.batalkan_peristiwa(DESA, masuk.id, "Belum benar-benar kembali", &a)
        .await
        .unwrap();
    assert_eq!(
        s.penduduk(DESA, ayah)
            .await
            .unwrap()
            .unwrap()
            .status_label(),
        "PINDAH",
        "{be}"
    );
}

balai_testkit::tiap_backend!(surat_kematian_setelah_kematian_dicatat_dan_koreksi_data);
async fn surat_kematian_setelah_kematian_dicatat_dan_koreksi_data(be: &'static str, s: Store) {
    desa_uji(&s).await;
    let a = Aktor::pengguna("operator");
    let (ayah, ibu) = keluarga(&s, &kk(7), 7).await;
    let r = RincianStatus {
        tanggal: NaiveDate::from_ymd_opt(2026, 11, 1),
        ..Default::default()
    };
    s.catat_status(DESA, ayah, JenisPeristiwa::Mati, &r, &a)
        .await
        .unwrap();
    let nik_ibu = s.penduduk(DESA, ibu).await.unwrap().unwrap().nik;
    let kematian = Permohonan {
        jenis_kode: "keterangan_kematian".into(),
        penduduk_id: ayah,
        isian: BTreeMap::from([
            ("tanggal_kematian".into(), "2026-11-01".into()),
            ("tempat_kematian".into(), "Rumah".into()),
            ("sebab_kematian".into(), "Sakit biasa/tua".into()),
            ("yang_menerangkan".into(), "Tenaga kesehatan".into()),
            ("hubungan_pelapor".into(), "Istri".into()),
        ]),
        orang: BTreeMap::from([("pelapor".into(), nik_ibu)]),
        kanal: "loket".into(),
        ..Default::default()
    };
    s.ajukan_surat(DESA, &kematian, &a)
        .await
        .unwrap_or_else(|e| panic!("{be}: {e:?}"));
    // A domicile letter for the deceased is still refused.
    let domisili = Permohonan {
        jenis_kode: "keterangan_domisili".into(),
        penduduk_id: ayah,
        isian: BTreeMap::from([("keperluan".into(), "Uji".into())]),
        kanal: "loket".into(),
        ..Default::default()
    };
    match s.ajukan_surat(DESA, &domisili, &a).await {
        Err(Galat::Ditolak(p)) => assert!(p.contains("meninggal"), "{be}"),
        lain => panic!("{be}: {lain:?}"),
    }
    // A typo in the deceased's name is corrected by a correction event.
    let p = s.penduduk(DESA, ayah).await.unwrap().unwrap();
    let mut d = p.data().unwrap();
    d.nama = "BAPAK UJI SANTOSO".into();
    s.ubah_penduduk(DESA, ayah, p.versi, &d, &a).await.unwrap();
    let p = s.penduduk(DESA, ayah).await.unwrap().unwrap();
    assert_eq!(
        (p.nama.as_str(), p.status_label()),
        ("BAPAK UJI SANTOSO", "MATI"),
        "{be}"
    );
    assert_eq!(
        s.riwayat_penduduk(DESA, ayah).await.unwrap()[0].jenis,
        "koreksi",
        "{be}"
    );
}
