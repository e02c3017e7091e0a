//! Village finance on both backends: a demo year adds up, the budget's rules hold (balance,
//! read-only once established, amendments with differences), payments never overspend
//! without a recorded reason, approvals need other people, closed years stay closed, and the
//! district sees its villages side by side.

use balai_domain::KodeDesa;
use balai_store::keuangan::apbdes::{BarisBaru, TindakanApbdes};
use balai_store::keuangan::belanja::{Buku, Pembayaran, SetorPajak, SppBaru};
use balai_store::keuangan::laporan::Periode;
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{NaiveDate, TimeZone, Utc};

fn tgl(b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, b, h).unwrap()
}

async fn desa(s: &Store, kode: &str) -> String {
    let k = KodeDesa::parse(kode).unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    k.to_string()
}

fn jam(s: Store) -> Store {
    s.dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

fn pesan(e: Galat) -> String {
    match e {
        Galat::Isian(d) => {
            d.0.iter()
                .map(|g| g.pesan.clone())
                .collect::<Vec<_>>()
                .join(" ")
        }
        e => e.to_string(),
    }
}

fn baris(keg: &str, rek: &str, uraian: &str, vol: i64, harga: i64, sumber: &str) -> BarisBaru {
    BarisBaru {
        kode_kegiatan: keg.into(),
        kode_rekening: rek.into(),
        uraian: uraian.into(),
        volume: vol,
        satuan: "paket".into(),
        harga_satuan: harga,
        sumber_dana: sumber.into(),
        rencana_id: None,
    }
}

balai_testkit::tiap_backend!(tahun_demo_seimbang_dan_realisasi_sama_dengan_buku_kas);
async fn tahun_demo_seimbang_dan_realisasi_sama_dengan_buku_kas(
    nama: &'static str,
    s: balai_store::Store,
) {
    let s = jam(s);
    let d = desa(&s, "33.25.08.2004").await;
    s.isi_keuangan_demo(&d, 1).await.unwrap();
    let r = s
        .realisasi(&d, 2026, tgl(12, 31))
        .await
        .unwrap()
        .expect("APBDes berlaku");
    let a = r.anggaran();
    assert_eq!(a.sisa(), 0, "{nama}: demo budget balances");
    assert!(a.belanja > 1_000_000_000, "{nama}: plausible size");
    let kas = s.buku_kas(&d, 2026, &Buku::Umum).await.unwrap();
    let keluar: i64 = kas
        .iter()
        .filter(|k| k.jenis == "bayar")
        .map(|k| k.keluar)
        .sum();
    assert_eq!(
        r.realisasi().belanja,
        keluar,
        "{nama}: realisation = cash book payments"
    );
    assert!(
        kas.iter().all(|k| k.tanggal <= tgl(9, 1)),
        "{nama}: nothing after today"
    );
    let s1 = s
        .realisasi(&d, 2026, Periode::Semester1.sampai(2026))
        .await
        .unwrap()
        .unwrap();
    assert!(s1.realisasi().belanja < r.realisasi().belanja, "{nama}");
    let laporan = r.laporan();
    let jumlah = laporan
        .iter()
        .find(|b| b.uraian == "JUMLAH BELANJA")
        .unwrap();
    assert_eq!(jumlah.anggaran, a.belanja);
    assert!(
        laporan.iter().any(|b| b.kode == "2.3.10" && b.tingkat == 3),
        "{nama}: kegiatan rows"
    );
    // Taxes withheld are deposited, so the tax book balances out except the latest month.
    let pajak = s.buku_kas(&d, 2026, &Buku::Pajak).await.unwrap();
    assert!(pajak.iter().any(|k| k.jenis == "setor_pajak"), "{nama}");
    assert!(pajak.last().unwrap().saldo >= 0);
    // RKPDes activity traces back to the agreed proposal.
    let rkp = s.daftar_rencana(&d, "rkpdes", 2026).await.unwrap();
    assert!(rkp.iter().all(|r| r.usulan.len() == 1), "{nama}");

    // One source per year for the published budget: the books for 2026 (typing a summary for
    // it is refused), a typed summary, labelled as such, only for a year not kept in Balai.
    let situs = s.apbdes(&d, 2026).await.unwrap();
    assert!(situs.dari_buku, "{nama}");
    assert_eq!(situs.belanja.0, a.belanja, "{nama}");
    let e = s
        .simpan_baris_apbdes(&d, 2026, "belanja", "1", 5_000_000, 0, &Aktor::sistem())
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("sudah ditetapkan di menu Keuangan"),
        "{nama}"
    );
    assert_eq!(
        s.apbdes(&d, 2026).await.unwrap().belanja.0,
        a.belanja,
        "{nama}"
    );
    s.simpan_baris_apbdes(
        &d,
        2024,
        "belanja",
        "1",
        5_000_000,
        4_000_000,
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let lama = s.apbdes(&d, 2024).await.unwrap();
    assert!(!lama.dari_buku, "{nama}");
    assert_eq!(lama.belanja, (5_000_000, 4_000_000), "{nama}");
}

balai_testkit::tiap_backend!(aturan_apbdes_perubahan_dan_belanja);
async fn aturan_apbdes_perubahan_dan_belanja(nama: &'static str, s: balai_store::Store) {
    let s = jam(s);
    let d = desa(&s, "33.25.08.2004").await;
    let op = Aktor::pengguna("operator");
    let v1 = s.buat_apbdes(&d, 2026, &op).await.unwrap();
    let e = s
        .simpan_baris_anggaran(&d, v1, None, &baris("", "4.9.9.01", "x", 1, 1, "DDS"), &op)
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("4.9.9.01"),
        "{nama}: unknown account named"
    );
    let e = s
        .simpan_baris_anggaran(
            &d,
            v1,
            None,
            &baris("", "5.2.1.01", "ATK", 1, 1, "DDS"),
            &op,
        )
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("kegiatan"),
        "{nama}: spending needs a kegiatan"
    );
    s.simpan_baris_anggaran(
        &d,
        v1,
        None,
        &baris("", "4.2.1.01", "Dana Desa", 1, 100_000_000, "DDS"),
        &op,
    )
    .await
    .unwrap();
    let jalan = s
        .simpan_baris_anggaran(
            &d,
            v1,
            None,
            &baris("2.3.10", "5.3.4.03", "Bahan jalan", 2, 30_000_000, "DDS"),
            &op,
        )
        .await
        .unwrap();
    let e = s
        .ubah_status_apbdes(&d, v1, TindakanApbdes::Sepakati(tgl(1, 5)), &op)
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("belum seimbang"),
        "{nama}: unbalanced refused"
    );
    s.simpan_baris_anggaran(
        &d,
        v1,
        None,
        &baris("2.2.02", "5.2.1.06", "PMT", 4, 10_000_000, "DDS"),
        &op,
    )
    .await
    .unwrap();
    s.ubah_status_apbdes(&d, v1, TindakanApbdes::Sepakati(tgl(1, 5)), &op)
        .await
        .unwrap();
    s.ubah_status_apbdes(
        &d,
        v1,
        TindakanApbdes::Tetapkan {
            nomor: "1 Tahun 2026".into(),
            tanggal: tgl(1, 10),
        },
        &op,
    )
    .await
    .unwrap();
    let e = s
        .simpan_baris_anggaran(
            &d,
            v1,
            Some(jalan),
            &baris("2.3.10", "5.3.4.03", "Bahan jalan", 3, 30_000_000, "DDS"),
            &op,
        )
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("APBDes Perubahan"),
        "{nama}: established is read-only"
    );

    let lines = s.baris_anggaran(&d, v1).await.unwrap();
    let k_jalan = lines.iter().find(|b| b.id == jalan).unwrap().kunci;
    let e = s
        .ajukan_spp(
            &d,
            &SppBaru {
                tanggal: tgl(2, 1),
                uraian: "Semen".into(),
                penerima: "UD Jaya".into(),
                rincian: vec![(k_jalan, 70_000_000)],
                alasan_lebih: None,
            },
            &op,
        )
        .await
        .unwrap_err();
    let p = pesan(e);
    assert!(
        p.contains("Rp 60.000.000") && p.contains("Rp 70.000.000"),
        "{nama}: numbers shown: {p}"
    );
    let spp = s
        .ajukan_spp(
            &d,
            &SppBaru {
                tanggal: tgl(2, 1),
                uraian: "Semen".into(),
                penerima: "UD Jaya".into(),
                rincian: vec![(k_jalan, 40_000_000)],
                alasan_lebih: None,
            },
            &op,
        )
        .await
        .unwrap();
    assert!(
        s.periksa_spp(&d, spp, true, "", &op).await.is_err(),
        "{nama}: filer cannot check own request"
    );
    let bayar = Pembayaran {
        tanggal: tgl(2, 3),
        rekening: "bank".into(),
        nomor_bukti: "B1".into(),
        potongan: vec![],
        bukti: None,
    };
    assert!(
        s.bayar_spp(&d, spp, &bayar, &op).await.is_err(),
        "{nama}: not approved yet"
    );
    s.periksa_spp(&d, spp, true, "", &Aktor::pengguna("sekdes"))
        .await
        .unwrap();
    s.setujui_spp(&d, spp, true, "", &Aktor::pengguna("kades"))
        .await
        .unwrap();
    let besok = Pembayaran {
        tanggal: tgl(9, 2),
        ..bayar.clone()
    };
    let bendahara = Aktor::pengguna("bendahara");
    let e = s.bayar_spp(&d, spp, &besok, &bendahara).await.unwrap_err();
    assert!(
        pesan(e).contains("belum tiba"),
        "{nama}: no payment dated tomorrow"
    );
    let e = s.bayar_spp(&d, spp, &bayar, &op).await.unwrap_err();
    assert!(
        pesan(e).contains("Anda ajukan sendiri"),
        "{nama}: the filer does not pay their own request"
    );
    s.bayar_spp(&d, spp, &bayar, &bendahara).await.unwrap();
    // 20 million left: 30 more only with a written reason.
    let lebih = SppBaru {
        tanggal: tgl(3, 1),
        uraian: "Semen tambahan".into(),
        penerima: "UD Jaya".into(),
        rincian: vec![(k_jalan, 30_000_000)],
        alasan_lebih: Some("Harga semen naik setelah banjir".into()),
    };
    let spp2 = s.ajukan_spp(&d, &lebih, &op).await.unwrap();
    assert!(
        s.spp(&d, spp2)
            .await
            .unwrap()
            .unwrap()
            .alasan_lebih
            .is_some(),
        "{nama}: override kept"
    );
    let e = s
        .setor_pajak(
            &d,
            &SetorPajak {
                tanggal: tgl(3, 2),
                pajak: "ppn".into(),
                nilai: 1,
                nomor_bukti: "N".into(),
                rekening: "bank".into(),
            },
            &op,
        )
        .await
        .unwrap_err();
    assert!(pesan(e).contains("belum disetor"), "{nama}: no tax held");

    // Amendment: copy, change one line, differences shown; cannot go below what was paid.
    let v2 = s.buat_apbdes(&d, 2026, &op).await.unwrap();
    let l2 = s.baris_anggaran(&d, v2).await.unwrap();
    let j2 = l2.iter().find(|b| b.kunci == k_jalan).unwrap();
    let e = s
        .simpan_baris_anggaran(
            &d,
            v2,
            Some(j2.id),
            &baris("2.3.10", "5.3.4.03", "Bahan jalan", 1, 30_000_000, "DDS"),
            &op,
        )
        .await
        .unwrap_err();
    assert!(pesan(e).contains("sudah direalisasikan"), "{nama}");
    s.simpan_baris_anggaran(
        &d,
        v2,
        Some(j2.id),
        &baris("2.3.10", "5.3.4.03", "Bahan jalan", 2, 25_000_000, "DDS"),
        &op,
    )
    .await
    .unwrap();
    s.simpan_baris_anggaran(
        &d,
        v2,
        None,
        &baris(
            "2.3.01",
            "5.2.6.05",
            "Pemeliharaan jalan",
            1,
            10_000_000,
            "DDS",
        ),
        &op,
    )
    .await
    .unwrap();
    let beda = s.beda_apbdes(&d, v2).await.unwrap();
    assert_eq!(beda.len(), 2, "{nama}: {beda:?}");
    assert!(
        beda.iter()
            .any(|b| b.sebelum == 60_000_000 && b.sesudah == 50_000_000)
    );
    assert!(
        beda.iter()
            .any(|b| b.sebelum == 0 && b.keterangan() == "Baris baru")
    );
    s.ubah_status_apbdes(&d, v2, TindakanApbdes::Sepakati(tgl(7, 1)), &op)
        .await
        .unwrap();
    s.ubah_status_apbdes(
        &d,
        v2,
        TindakanApbdes::Tetapkan {
            nomor: "4 Tahun 2026".into(),
            tanggal: tgl(7, 5),
        },
        &op,
    )
    .await
    .unwrap();
    assert_eq!(s.apbdes_berlaku(&d, 2026).await.unwrap().unwrap().versi, 2);
    assert_eq!(
        s.apbdes_versi(&d, v1).await.unwrap().unwrap().status,
        "diganti"
    );

    // Closing the year needs open requests settled; afterwards nothing changes.
    assert!(
        s.tutup_tahun(&d, 2026, &op).await.is_err(),
        "{nama}: open SPP"
    );
    s.periksa_spp(
        &d,
        spp2,
        false,
        "Tunggu perubahan",
        &Aktor::pengguna("sekdes"),
    )
    .await
    .unwrap();
    s.tutup_tahun(&d, 2026, &op).await.unwrap();
    let e = s.buat_apbdes(&d, 2026, &op).await.unwrap_err();
    assert!(pesan(e).contains("sudah ditutup"), "{nama}");
}

balai_testkit::tiap_backend!(kabupaten_membandingkan_desa);
async fn kabupaten_membandingkan_desa(nama: &'static str, s: balai_store::Store) {
    let s = jam(s);
    let a = desa(&s, "33.25.08.2004").await;
    let b = desa(&s, "33.25.08.2005").await;
    desa(&s, "33.25.08.2006").await;
    s.isi_keuangan_demo(&a, 1).await.unwrap();
    s.isi_keuangan_demo(&b, 2).await.unwrap();
    let v = s.perbandingan_keuangan("332508", 2026).await.unwrap();
    assert_eq!(v.len(), 3, "{nama}");
    assert!(v[0].belanja > 0 && v[0].realisasi_dana_desa > 0 && v[0].serapan_dd() > 0.0);
    assert_ne!(v[0].dana_desa, v[1].dana_desa, "{nama}: seeds differ");
    assert_eq!(v[2].status, None);
    assert_eq!(
        v[2].terlambat(2026, tgl(9, 1)),
        vec!["APBDes belum ditetapkan"]
    );
    let r = s.realisasi(&a, 2026, tgl(12, 31)).await.unwrap().unwrap();
    assert_eq!(v[0].realisasi_belanja, r.realisasi().belanja, "{nama}");
}

fn zip(berkas: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opsi = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (nama, isi) in berkas {
        z.start_file(*nama, opsi).unwrap();
        z.write_all(isi.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const RAB: &str = "Tahun,Kd_Desa,Kd_Keg,Kd_Rincian,Kd_SubRinci,No_Urut,SumberDana,Uraian,Satuan,JmlSatuan,HrgSatuan,Anggaran,JmlSatuanPAK,HrgSatuanPAK,AnggaranStlhPAK,AnggaranPAK,Kode_SBU\n\
2026,08.2004.,08.2004.00.00.00.,4.2.1.01.,01,1,DDS,Dana Desa,tahun,1,90000000,90000000,1,90000000,90000000,0,\n\
2026,08.2004.,08.2004.02.02.02.,5.2.1.06.,01,1,DDS,Makanan tambahan,bulan,12,2500000,30000000,12,2500000,30000000,0,\n\
2026,08.2004.,08.2004.05.01.01.,5.4.1.01.,01,1,DDS,Belanja tak terduga,paket,1.5,20000000,30000000,1.5,20000000,30000000,0,\n\
2026,08.2004.,08.2004.02.03.10.,5.3.4.03.,01,1,DDS,Bahan jalan,paket,1,30000000,30000000,1,30000000,30000000,0,\n\
2026,08.2005.,08.2005.02.03.10.,5.3.4.03.,01,1,DDS,Desa lain,paket,1,1,1,1,1,1,0,\n";

balai_testkit::tiap_backend!(impor_siskeudes_memuat_rab_desa_ini_saja);
async fn impor_siskeudes_memuat_rab_desa_ini_saja(nama: &'static str, s: balai_store::Store) {
    let s = jam(s);
    let d = desa(&s, "33.25.08.2004").await;
    let op = Aktor::pengguna("operator");
    let v = s.buat_apbdes(&d, 2026, &op).await.unwrap();
    let rusak = RAB.replace("08.2004.02.03.10.", "08.2004.09.09.09.");
    let e = s
        .impor_baris_anggaran(
            &d,
            v,
            &zip(&[
                ("Ref_Version.csv", "Versi\n2.0.0\n"),
                ("Ta_RABRinci.csv", &rusak),
            ]),
            true,
            &op,
        )
        .await
        .unwrap_err();
    assert!(
        pesan(e).contains("Baris 5: kode kegiatan Siskeudes \"08.2004.09.09.09.\" tidak dikenal"),
        "{nama}"
    );
    assert!(
        s.baris_anggaran(&d, v).await.unwrap().is_empty(),
        "{nama}: nothing stored on error"
    );
    let e = s
        .impor_baris_anggaran(&d, v, &zip(&[("Ta_Bidang.csv", "a\n")]), true, &op)
        .await
        .unwrap_err();
    assert!(pesan(e).contains("Ta_RABRinci.csv"), "{nama}");
    let h = s
        .impor_baris_anggaran(
            &d,
            v,
            &zip(&[
                ("Ref_Version.csv", "Versi\n2.0.0\n"),
                ("Ta_RABRinci.csv", RAB),
            ]),
            true,
            &op,
        )
        .await
        .unwrap();
    assert_eq!(h.tambah, 4, "{nama}: the other village's row is left out");
    let b = s.baris_anggaran(&d, v).await.unwrap();
    let pmt = b.iter().find(|b| b.kode_rekening == "5.2.1.06").unwrap();
    assert_eq!(
        (pmt.kode_kegiatan.as_str(), pmt.volume, pmt.harga_satuan),
        ("2.2.02", 12, 2_500_000),
        "{nama}"
    );
    let btt = b.iter().find(|b| b.kode_rekening == "5.4.1.01").unwrap();
    assert_eq!(
        (btt.kode_kegiatan.as_str(), btt.volume, btt.jumlah),
        ("5.1.00", 1, 30_000_000),
        "{nama}: decimal quantity becomes one lump sum"
    );
    assert!(
        b.iter()
            .any(|b| b.kode_rekening == "4.2.1.01" && b.kode_kegiatan.is_empty())
    );
}
