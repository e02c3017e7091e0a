//! Village staff and attendance on both backends: tenures with their decrees (a scan that is not
//! a PDF/image, an overlapping term of the same position, a dismissal before the appointment all
//! refused with the field named; several "Anggota" at once accepted; history kept), the website
//! list and books A.4/D.4 from the same table; check-ins flagged (far, twice, on a holiday),
//! another village's kiosk refused and kept, leave approved, the monthly recap's arithmetic, and
//! a signed month refusing every change.

use balai_domain::KodeDesa;
use balai_domain::kehadiran::Tanda;
use balai_store::buku::Periode;
use balai_store::perangkat::kehadiran::{Cara, IsianAturan, IsianIzin};
use balai_store::perangkat::{BerkasSk, IsianHenti, IsianJabatan, IsianOrang};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";

fn t(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// "Now" at a local (WIB) time.
fn pada(s: &Store, tgl: &str, jam: u32, menit: u32) -> Store {
    let d = t(tgl);
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(
            chrono::Datelike::year(&d),
            chrono::Datelike::month(&d),
            chrono::Datelike::day(&d),
            jam,
            menit,
            0,
        )
        .unwrap()
            - chrono::Duration::hours(7),
    ))
}

fn pesan<T: std::fmt::Debug>(r: Result<T, Galat>) -> String {
    match r {
        Err(Galat::Isian(g)) => g.to_string(),
        Err(Galat::Ditolak(m)) | Err(Galat::Konflik(m)) => m,
        lain => panic!("tidak ditolak: {lain:?}"),
    }
}

fn isian(nama: &str, lembaga: &str, jabatan: &str, mulai: &str) -> IsianJabatan {
    IsianJabatan {
        orang: IsianOrang {
            nama: nama.into(),
            jenis_kelamin: 1,
            nip: "198501012010011001".into(),
            ..Default::default()
        },
        lembaga: lembaga.into(),
        jabatan: jabatan.into(),
        sk_nomor: "141/01/2020".into(),
        sk_tanggal: Some(t(mulai)),
        mulai: Some(t(mulai)),
        ..Default::default()
    }
}

async fn siapkan(s: &Store) {
    for d in [DESA, DESA_LAIN] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
}

balai_testkit::tiap_backend!(jabatan_dan_penolakannya);
async fn jabatan_dan_penolakannya(be: &'static str, s: Store) {
    let s = pada(&s, "2026-03-10", 9, 0);
    siapkan(&s).await;
    let op = Aktor::pengguna("operator");
    let p = s.perangkat();
    let pdf = BerkasSk {
        nama: "sk.pdf".into(),
        isi: b"%PDF-1.4 isi sk".to_vec(),
    };
    let sekdes = p
        .tambah_jabatan(
            DESA,
            &IsianJabatan {
                sk_berkas: Some(pdf.clone()),
                ..isian("RINA WULANDARI", "pemdes", "Sekretaris Desa", "2020-01-15")
            },
            &op,
        )
        .await
        .unwrap();
    assert!(
        p.jabatan(DESA, sekdes).await.unwrap().unwrap().ada_sk,
        "{be}"
    );
    let (nama, mime, _) = p.berkas_sk(DESA, sekdes, "angkat").await.unwrap().unwrap();
    assert_eq!(
        (nama.as_str(), mime.as_str()),
        ("sk.pdf", "application/pdf")
    );

    // A scan that is not a PDF/image, named like one: refused, nothing stored.
    let m = pesan(
        p.tambah_jabatan(
            DESA,
            &IsianJabatan {
                sk_berkas: Some(BerkasSk {
                    nama: "sk.pdf".into(),
                    isi: b"<html><script>alert(1)</script>".to_vec(),
                }),
                ..isian("AGUS", "pemdes", "Kepala Urusan Keuangan", "2020-01-15")
            },
            &op,
        )
        .await,
    );
    assert!(
        m.contains("sk_berkas") && m.contains("bukan berkas PDF, JPEG atau PNG"),
        "{be}: {m}"
    );
    // The same position, overlapping: refused naming the holder.
    let m = pesan(
        p.tambah_jabatan(
            DESA,
            &isian("BUDI", "pemdes", "Sekretaris Desa", "2024-01-01"),
            &op,
        )
        .await,
    );
    assert!(
        m.contains("mulai") && m.contains("bertumpuk dengan RINA WULANDARI"),
        "{be}: {m}"
    );
    // The same title in another institution is another position.
    p.tambah_jabatan(DESA, &isian("BUDI", "lpm", "Sekretaris", "2024-01-01"), &op)
        .await
        .unwrap();
    // Several members at once.
    for n in ["ANGGOTA SATU", "ANGGOTA DUA"] {
        p.tambah_jabatan(DESA, &isian(n, "bpd", "Anggota", "2023-01-01"), &op)
            .await
            .unwrap();
    }
    // A staff account of another village cannot be linked.
    let lain = s
        .tambah_pengguna(
            &balai_store::pengguna::PenggunaBaru {
                username: "op_lain",
                nama: "Operator desa lain",
                kata_sandi: "sandi-uji-panjang-1",
                peran: balai_store::pengguna::Peran::Operator,
                desa_id: Some(DESA_LAIN),
                cakupan: "",
            },
            &Aktor::sistem(),
        )
        .await
        .unwrap()
        .id;
    let mut i = isian("DODI", "pemdes", "Kepala Seksi Pelayanan", "2024-01-01");
    i.orang.pengguna_id = Some(lain);
    let m = pesan(p.tambah_jabatan(DESA, &i, &op).await);
    assert!(
        m.contains("pengguna_id") && m.contains("bukan akun pengguna desa ini"),
        "{be}: {m}"
    );
    // End before start.
    let m = pesan(
        p.tambah_jabatan(
            DESA,
            &IsianJabatan {
                selesai: Some(t("2019-01-01")),
                ..isian("CICI", "pkk", "Ketua", "2020-01-01")
            },
            &op,
        )
        .await,
    );
    assert!(
        m.contains("selesai") && m.contains("tidak boleh sebelum"),
        "{be}: {m}"
    );

    // Dismissal before the appointment: refused; then ended properly, and the successor may
    // start on the dismissal date; the earlier tenure stays.
    let m = pesan(
        p.akhiri_jabatan(
            DESA,
            sekdes,
            &IsianHenti {
                nomor: "141/09/2019".into(),
                tanggal: Some(t("2019-12-31")),
                ..Default::default()
            },
            &op,
        )
        .await,
    );
    assert!(
        m.contains("henti_tanggal") && m.contains("tidak boleh sebelum tanggal pengangkatan"),
        "{be}: {m}"
    );
    let m = pesan(
        p.akhiri_jabatan(
            DESA,
            sekdes,
            &IsianHenti {
                nomor: "141/09/2026".into(),
                tanggal: Some(t("2026-03-01")),
                berkas: Some(BerkasSk {
                    nama: "henti.docx".into(),
                    isi: b"PK\x03\x04".to_vec(),
                }),
                ..Default::default()
            },
            &op,
        )
        .await,
    );
    assert!(m.contains("henti_berkas"), "{be}: {m}");
    p.akhiri_jabatan(
        DESA,
        sekdes,
        &IsianHenti {
            nomor: "141/09/2026".into(),
            tanggal: Some(t("2026-03-01")),
            alasan: "Mengundurkan diri".into(),
            ..Default::default()
        },
        &op,
    )
    .await
    .unwrap();
    assert!(
        pesan(
            p.akhiri_jabatan(
                DESA,
                sekdes,
                &IsianHenti {
                    tanggal: Some(t("2026-03-02")),
                    ..Default::default()
                },
                &op
            )
            .await
        )
        .contains("sudah berakhir"),
        "{be}"
    );
    let baru = p
        .tambah_jabatan(
            DESA,
            &isian("BUDI", "pemdes", "Sekretaris Desa", "2026-03-01"),
            &op,
        )
        .await
        .unwrap();
    let daftar = p.daftar(DESA).await.unwrap();
    let sekdes_semua: Vec<&str> = daftar
        .iter()
        .filter(|x| x.j.jabatan == "Sekretaris Desa")
        .map(|x| x.o.nama.as_str())
        .collect();
    assert_eq!(sekdes_semua.len(), 2, "{be}: history kept");
    // The second BUDI tenure is a new person record (a new entry), the website shows him.
    let situs = s.daftar_pejabat(DESA).await.unwrap();
    let nama: Vec<(&str, &str)> = situs
        .iter()
        .map(|x| (x.kelompok.as_str(), x.nama.as_str()))
        .collect();
    assert!(nama.contains(&("perangkat", "BUDI")), "{be}: {nama:?}");
    assert!(
        !nama.iter().any(|n| n.1 == "RINA WULANDARI"),
        "{be}: {nama:?}"
    );
    assert_eq!(nama.iter().filter(|n| n.0 == "bpd").count(), 2, "{be}");
    assert!(p.jabatan(DESA, baru).await.unwrap().is_some());

    // Book A.4 of 2026: both secretaries (in office at some time of the year), with decrees.
    let a4 = p
        .buku_a4(DESA, &Periode::tahun(2026).unwrap())
        .await
        .unwrap();
    assert_eq!(a4.baris.len(), 2, "{be}: {:?}", a4.baris);
    let rina = a4.baris.iter().find(|b| b[1] == "RINA WULANDARI").unwrap();
    assert_eq!(rina[10], "141/01/2020, 15-01-2020");
    assert_eq!(rina[11], "141/09/2026, 01-03-2026");
    assert_eq!(rina.len(), a4.kolom.len());
    // 2019: nobody yet.
    let a4 = p
        .buku_a4(DESA, &Periode::tahun(2019).unwrap())
        .await
        .unwrap();
    assert!(a4.baris.is_empty() && a4.kurang.is_some(), "{be}");
    // D.4: a posyandu cadre.
    p.tambah_jabatan(
        DESA,
        &isian("TRI HANDAYANI", "posyandu", "Kader Posyandu", "2025-01-01"),
        &op,
    )
    .await
    .unwrap();
    let d4 = p
        .buku_d4(DESA, &Periode::tahun(2026).unwrap())
        .await
        .unwrap();
    assert_eq!(d4.baris.len(), 1, "{be}");
    assert_eq!(d4.baris[0][1], "TRI HANDAYANI");
    // Every change is in the audit chain.
    let v = s.verifikasi_audit_desa(DESA).await.unwrap();
    assert!(v.rusak_pada.is_none() && v.jumlah > 5, "{be}: {v:?}");
}

/// An official in office from January 2026, with a PIN.
async fn perangkat(s: &Store, desa: &str, nama: &str, jabatan: &str) -> Uuid {
    let id = s
        .perangkat()
        .tambah_jabatan(
            desa,
            &isian(nama, "pemdes", jabatan, "2026-01-02"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    s.perangkat()
        .jabatan(desa, id)
        .await
        .unwrap()
        .unwrap()
        .perangkat_id
}

balai_testkit::tiap_backend!(data_diri_diperbaiki_tanpa_mengubah_jabatan);
async fn data_diri_diperbaiki_tanpa_mengubah_jabatan(be: &'static str, s: Store) {
    siapkan(&s).await;
    let op = Aktor::pengguna("operator");
    let id = perangkat(&s, DESA, "Budi Santoso", "Sekretaris Desa").await;
    let lama = s.perangkat().orang(DESA, id).await.unwrap().unwrap();
    let mut isi = IsianOrang::from(&lama);
    // Refused: an empty name, a birth date after today; nothing changes.
    isi.nama = "  ".into();
    isi.tanggal_lahir = Some(t("2999-01-01"));
    let e = pesan(
        s.perangkat()
            .ubah_orang(DESA, id, &isi, Some(lama.versi), &op)
            .await,
    );
    assert!(
        e.contains("nama:") && e.contains("tanggal_lahir:"),
        "{be}: {e}"
    );
    // Corrected: the name's spelling, rank and education.
    isi.nama = "Budi Santosa".into();
    isi.tanggal_lahir = Some(t("1985-01-01"));
    isi.pangkat = "Penata Muda (III/a)".into();
    isi.pendidikan = "S1".into();
    s.perangkat()
        .ubah_orang(DESA, id, &isi, Some(lama.versi), &op)
        .await
        .unwrap();
    let baru = s.perangkat().orang(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (baru.nama.as_str(), baru.pangkat.as_str(), baru.versi),
        ("Budi Santosa", "Penata Muda (III/a)", lama.versi + 1),
        "{be}"
    );
    assert_eq!(baru.nip, lama.nip, "{be}: untouched fields stay");
    // The tenure is untouched and shows the new name; a stale form is refused.
    let d = s.perangkat().daftar(DESA).await.unwrap();
    assert_eq!(d.len(), 1, "{be}");
    assert_eq!(d[0].o.nama, "Budi Santosa", "{be}");
    let e = pesan(
        s.perangkat()
            .ubah_orang(DESA, id, &isi, Some(lama.versi), &op)
            .await,
    );
    assert!(e.contains("baru saja diubah"), "{be}: {e}");
    // Another village cannot reach the person.
    assert!(matches!(
        s.perangkat()
            .ubah_orang(DESA_LAIN, id, &isi, None, &op)
            .await,
        Err(Galat::TidakDitemukan)
    ));
    let v = s.verifikasi_audit_desa(DESA).await.unwrap();
    assert!(v.rusak_pada.is_none(), "{be}: {v:?}");
}

balai_testkit::tiap_backend!(kehadiran_dan_rekap);
async fn kehadiran_dan_rekap(be: &'static str, s: Store) {
    siapkan(&s).await;
    let rina = perangkat(&s, DESA, "RINA", "Sekretaris Desa").await;
    let agus = perangkat(&s, DESA, "AGUS", "Kepala Urusan Keuangan").await;
    s.perangkat()
        .pasang_pin(DESA, rina, "583920", &Aktor::sistem())
        .await
        .unwrap();
    assert!(s.perangkat().cocok_pin(DESA, rina, "583920").await.unwrap());
    assert!(!s.perangkat().cocok_pin(DESA, rina, "583921").await.unwrap());
    assert!(!s.perangkat().cocok_pin(DESA, agus, "583920").await.unwrap());
    assert!(
        s.perangkat()
            .pasang_pin(DESA, rina, "123456", &Aktor::sistem())
            .await
            .is_err()
    );
    let k = s.kehadiran();
    // A phone check-in before the office's position is set: refused.
    let m = pesan(
        k.absen(
            DESA,
            rina,
            true,
            Cara::Ponsel(Some((-7.0, 109.9))),
            &Aktor::sistem(),
        )
        .await,
    );
    assert!(m.contains("Koordinat kantor"), "{be}: {m}");
    let versi = k.aturan(DESA).await.unwrap().versi;
    // Bad settings: each field named.
    let m = pesan(
        k.simpan_aturan(
            DESA,
            &IsianAturan {
                lintang: Some(-7.0),
                bujur: None,
                radius_m: 5,
                jam_masuk: "8 pagi".into(),
                jam_pulang: "16:00".into(),
                toleransi_menit: 15,
                hari_kerja: vec![],
                versi,
            },
            &Aktor::sistem(),
        )
        .await,
    );
    for kolom in ["lintang", "radius_m", "jam_masuk", "hari_kerja"] {
        assert!(m.contains(kolom), "{be}: {kolom} in {m}");
    }
    k.simpan_aturan(
        DESA,
        &IsianAturan {
            lintang: Some(-7.0489),
            bujur: Some(109.9153),
            radius_m: 150,
            jam_masuk: "08:00".into(),
            jam_pulang: "16:00".into(),
            toleransi_menit: 15,
            hari_kerja: vec![1, 2, 3, 4, 5],
            versi,
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    // National holidays are seeded.
    let libur = k.libur(DESA, 2026).await.unwrap();
    assert!(libur.iter().any(|l| l.tanggal == t("2026-03-19")), "{be}");

    // March 2026. Monday 2 March, 07:50 by phone inside the radius.
    let h = pada(&s, "2026-03-02", 7, 50)
        .kehadiran()
        .absen(
            DESA,
            rina,
            true,
            Cara::Ponsel(Some((-7.0490, 109.9154))),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(
        h.tanda.is_empty() && !h.terlambat && h.jarak_m.unwrap() < 30,
        "{be}: {h:?}"
    );
    // A second check-in that day: kept, flagged.
    let h = pada(&s, "2026-03-02", 8, 5)
        .kehadiran()
        .absen(
            DESA,
            rina,
            true,
            Cara::Ponsel(Some((-7.0490, 109.9154))),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert_eq!(h.tanda, vec![Tanda::Ganda], "{be}");
    // Tuesday 3 March, 08:40 from 2 km away: late and flagged far.
    let h = pada(&s, "2026-03-03", 8, 40)
        .kehadiran()
        .absen(
            DESA,
            rina,
            true,
            Cara::Ponsel(Some((-7.0300, 109.9153))),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(h.tanda == vec![Tanda::Jauh] && h.terlambat, "{be}: {h:?}");
    assert!(h.jarak_m.unwrap() > 2000);
    // At the kiosk of another village: refused, the attempt kept.
    let (kios_lain, _) = s
        .daftarkan_anjungan(DESA_LAIN, "Anjungan desa tetangga", &Aktor::sistem())
        .await
        .unwrap();
    let kios_lain = s
        .daftar_anjungan(DESA_LAIN)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.id == kios_lain)
        .unwrap();
    let h = pada(&s, "2026-03-04", 7, 55)
        .kehadiran()
        .absen(
            DESA,
            rina,
            true,
            Cara::Anjungan(&kios_lain),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    assert!(h.ditolak && h.tanda == vec![Tanda::DesaLain], "{be}: {h:?}");
    // The own kiosk on 4 March: fine.
    let (kios, _) = s
        .daftarkan_anjungan(DESA, "Anjungan balai desa", &Aktor::sistem())
        .await
        .unwrap();
    let kios = s
        .daftar_anjungan(DESA)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.id == kios)
        .unwrap();
    let h = pada(&s, "2026-03-04", 7, 58)
        .kehadiran()
        .absen(DESA, rina, true, Cara::Anjungan(&kios), &Aktor::sistem())
        .await
        .unwrap();
    assert!(!h.ditolak && h.tanda.is_empty(), "{be}: {h:?}");
    // On Nyepi (Thursday 19 March, a holiday): kept, flagged.
    let h = pada(&s, "2026-03-19", 9, 0)
        .kehadiran()
        .absen(DESA, agus, true, Cara::Anjungan(&kios), &Aktor::sistem())
        .await
        .unwrap();
    assert_eq!(h.tanda, vec![Tanda::Libur], "{be}");
    // Leave for AGUS on 9–10 March: applied, a second overlapping one refused, approved.
    let k9 = pada(&s, "2026-03-05", 10, 0);
    let kk = k9.kehadiran();
    let m = pesan(
        kk.ajukan_izin(
            DESA,
            &IsianIzin {
                perangkat_id: Some(agus),
                jenis: "liburan".into(),
                mulai: Some(t("2026-03-10")),
                selesai: Some(t("2026-03-09")),
                alasan: "".into(),
            },
            &Aktor::sistem(),
        )
        .await,
    );
    for kolom in ["jenis", "selesai", "alasan"] {
        assert!(m.contains(kolom), "{be}: {kolom} in {m}");
    }
    let cuti = kk
        .ajukan_izin(
            DESA,
            &IsianIzin {
                perangkat_id: Some(agus),
                jenis: "cuti".into(),
                mulai: Some(t("2026-03-09")),
                selesai: Some(t("2026-03-10")),
                alasan: "Keperluan keluarga".into(),
            },
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();
    let m = pesan(
        kk.ajukan_izin(
            DESA,
            &IsianIzin {
                perangkat_id: Some(agus),
                jenis: "sakit".into(),
                mulai: Some(t("2026-03-10")),
                selesai: Some(t("2026-03-11")),
                alasan: "Demam".into(),
            },
            &Aktor::sistem(),
        )
        .await,
    );
    assert!(m.contains("bertumpuk"), "{be}: {m}");
    // Pending leave does not count yet.
    let r = pada(&s, "2026-04-02", 9, 0)
        .kehadiran()
        .rekap_desa(DESA, 2026, 3)
        .await
        .unwrap();
    let a = r.orang.iter().find(|o| o.perangkat_id == agus).unwrap();
    assert_eq!(a.hitung.cuti, 0, "{be}");
    assert!(
        pesan(
            kk.putuskan_izin(DESA, cuti, false, " ", &Aktor::pengguna("kades"))
                .await
        )
        .contains("alasan penolakan"),
        "{be}"
    );
    kk.putuskan_izin(DESA, cuti, true, "", &Aktor::pengguna("kades"))
        .await
        .unwrap();
    assert!(
        pesan(
            kk.putuskan_izin(DESA, cuti, true, "", &Aktor::pengguna("kades"))
                .await
        )
        .contains("sudah diputuskan"),
        "{be}"
    );

    // The recap of March, read in April: 21 working days (22 weekdays, Nyepi off).
    let april = pada(&s, "2026-04-02", 9, 0);
    let r = april.kehadiran().rekap_desa(DESA, 2026, 3).await.unwrap();
    assert_eq!(r.orang.len(), 2, "{be}");
    let ri = r.orang.iter().find(|o| o.perangkat_id == rina).unwrap();
    assert_eq!(ri.hitung.hari_kerja, 21, "{be}");
    // Present 2, 3 (late, far) and 4 March; the other kiosk's refused attempt not counted.
    assert_eq!((ri.hitung.hadir, ri.hitung.terlambat), (3, 1), "{be}");
    assert_eq!(ri.hitung.tanpa_keterangan, 18, "{be}");
    let tanda: Vec<Vec<Tanda>> = ri.hitung.tanda.iter().map(|t| t.tanda.clone()).collect();
    assert_eq!(
        tanda,
        vec![vec![Tanda::Ganda], vec![Tanda::Jauh], vec![Tanda::DesaLain]],
        "{be}"
    );
    assert!(ri.hitung.tanda[2].ditolak);
    let ag = r.orang.iter().find(|o| o.perangkat_id == agus).unwrap();
    assert_eq!(
        (
            ag.hitung.hadir,
            ag.hitung.cuti,
            ag.hitung.hadir_libur,
            ag.hitung.tanpa_keterangan
        ),
        (0, 2, 1, 19),
        "{be}"
    );
    assert_eq!(r.jumlah.hari_kerja, 42);
    assert_eq!(r.jumlah.hadir, 3);
    // The district's view: both villages under the kecamatan, the other with nobody.
    let w = april
        .kehadiran()
        .rekap_wilayah("332508", 2026, 3)
        .await
        .unwrap();
    assert_eq!(w.len(), 2, "{be}");
    assert_eq!(w[0].jumlah.hadir, 3);
    assert!(w[1].orang.is_empty());

    // Signing: not before the month is over; then every change of March is refused.
    let m = pesan(
        pada(&s, "2026-03-31", 15, 0)
            .kehadiran()
            .tandatangani(DESA, 2026, 3, &Aktor::pengguna("kades"))
            .await,
    );
    assert!(m.contains("belum berakhir"), "{be}: {m}");
    april
        .kehadiran()
        .tandatangani(DESA, 2026, 3, &Aktor::pengguna("kades"))
        .await
        .unwrap();
    let m = pesan(
        april
            .kehadiran()
            .absen(
                DESA,
                agus,
                true,
                Cara::Operator {
                    tanggal: t("2026-03-20"),
                    jam: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                    keterangan: "Anjungan rusak".into(),
                },
                &Aktor::pengguna("operator"),
            )
            .await,
    );
    assert!(
        m.contains("sudah ditandatangani kepala desa") && m.contains("Maret 2026"),
        "{be}: {m}"
    );
    let m = pesan(
        april
            .kehadiran()
            .ajukan_izin(
                DESA,
                &IsianIzin {
                    perangkat_id: Some(rina),
                    jenis: "sakit".into(),
                    mulai: Some(t("2026-03-30")),
                    selesai: Some(t("2026-04-01")),
                    alasan: "Demam".into(),
                },
                &Aktor::sistem(),
            )
            .await,
    );
    assert!(m.contains("sudah ditandatangani"), "{be}: {m}");
    assert!(
        pesan(
            april
                .kehadiran()
                .hapus_libur(DESA, t("2026-03-19"), &Aktor::sistem())
                .await
        )
        .contains("sudah ditandatangani"),
        "{be}"
    );
    assert!(
        pesan(
            april
                .kehadiran()
                .tandatangani(DESA, 2026, 3, &Aktor::pengguna("kades"))
                .await
        )
        .contains("sudah ditandatangani"),
        "{be}"
    );
    // April stays open: the operator records a check-in with a reason.
    let h = april
        .kehadiran()
        .absen(
            DESA,
            agus,
            true,
            Cara::Operator {
                tanggal: t("2026-04-01"),
                jam: NaiveTime::from_hms_opt(7, 45, 0).unwrap(),
                keterangan: "Anjungan rusak".into(),
            },
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();
    assert!(h.tanda.is_empty() && !h.terlambat, "{be}: {h:?}");
    // Someone not in the village government cannot check in.
    let bpd = s
        .perangkat()
        .tambah_jabatan(
            DESA,
            &isian("KETUA BPD", "bpd", "Ketua", "2025-01-01"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    let bpd = s
        .perangkat()
        .jabatan(DESA, bpd)
        .await
        .unwrap()
        .unwrap()
        .perangkat_id;
    assert!(
        pesan(
            april
                .kehadiran()
                .absen(DESA, bpd, true, Cara::Anjungan(&kios), &Aktor::sistem())
                .await
        )
        .contains("tidak tercatat sebagai perangkat desa"),
        "{be}"
    );
    let v = s.verifikasi_audit_desa(DESA).await.unwrap();
    assert!(v.rusak_pada.is_none(), "{be}: {v:?}");
}

balai_testkit::tiap_backend!(demo_perangkat_dan_kehadiran);
async fn demo_perangkat_dan_kehadiran(be: &'static str, s: Store) {
    siapkan(&s).await;
    s.tambah_rt(DESA, "KRAJAN", "001", "001", "", &Aktor::sistem())
        .await
        .unwrap();
    s.tambah_rt(DESA, "SIDOMULYO", "001", "002", "PAK RT", &Aktor::sistem())
        .await
        .unwrap();
    let s = pada(&s, "2026-12-07", 9, 0);
    let pin = s.isi_perangkat_demo(DESA).await.unwrap();
    assert!(pin.len() >= 9, "{be}: kades, sekdes, kaur, kasi, two kadus");
    assert!(
        pin.iter().any(|p| p.jabatan == "Kepala Dusun SIDOMULYO"),
        "{be}"
    );
    // Again: nothing added.
    assert!(s.isi_perangkat_demo(DESA).await.unwrap().is_empty());
    let r = s.kehadiran().rekap_desa(DESA, 2026, 11).await.unwrap();
    assert_eq!(r.orang.len(), pin.len(), "{be}");
    assert!(
        r.jumlah.hadir > 100 && r.jumlah.terlambat > 0,
        "{be}: {:?}",
        r.jumlah
    );
    assert_eq!(r.jumlah.cuti, 2, "{be}");
    assert!(
        r.orang
            .iter()
            .any(|o| o.hitung.tanda.iter().any(|t| t.tanda == vec![Tanda::Jauh])),
        "{be}"
    );
    let lembaga: std::collections::HashSet<String> = s
        .perangkat()
        .daftar(DESA)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.j.lembaga)
        .collect();
    for l in ["pemdes", "bpd", "lpm", "pkk", "rt", "rw", "posyandu", "kpm"] {
        assert!(lembaga.contains(l), "{be}: {l}");
    }
}
