//! Regulations, inventory and land on both backends: every refusal names its field and stores
//! nothing (a skipped BPD agreement or evaluation, a number of enactment used twice in a year
//! for the same kind, a Lembaran Desa number used twice, a document that is not a PDF, a
//! deletion of an enacted regulation, an unknown KIB, a quantity of 0, a value that is not
//! whole rupiah, a future date, a payment link on a donated item, a photo that is not an image,
//! land areas that do not add up), and the books A.1, A.2, A.3, A.5, A.6 and A.9 come back
//! with as many cells as the catalogue has columns. All of it reaches the district by sync.

use balai_domain::KodeDesa;
use balai_store::aset::tanah::{IsianTanahDesa, IsianTanahKas};
use balai_store::aset::{IsianBarang, IsianHapus};
use balai_store::buku::{Periode, kolom};
use balai_store::peraturan::{IsianPeraturan, IsianTahap, JenisPeraturan};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{TimeZone, Utc};
use uuid::Uuid;

const DESA: &str = "3325082004";
const KOSONG: &str = "3325082005";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
/// A small PNG file that declares 20,000 × 20,000 pixels (its rows are never reached).
fn png_raksasa() -> Vec<u8> {
    let mut p = balai_testkit::png(1, 1, [0, 0, 0, 255]);
    // IHDR: width and height at bytes 16..24, its CRC (over type and data) at 29..33.
    p[16..20].copy_from_slice(&20_000u32.to_be_bytes());
    p[20..24].copy_from_slice(&20_000u32.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&p[12..29]);
    p[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    p
}

/// "Now" is 10:00 WIB on 1 December 2026.
async fn siapkan(s: &Store) -> Store {
    let s = s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap(),
    ));
    for d in [DESA, KOSONG] {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    s
}

/// The message of a refusal, with the field it names ("kolom: pesan").
fn galat<T: std::fmt::Debug>(r: Result<T, Galat>) -> String {
    match r {
        Err(Galat::Isian(g)) => g.to_string(),
        Err(Galat::Ditolak(m)) | Err(Galat::Konflik(m)) => m,
        lain => panic!("tidak ditolak: {lain:?}"),
    }
}

fn draf(jenis: &str, pokok: &str, tentang: &str) -> IsianPeraturan {
    IsianPeraturan {
        jenis: jenis.into(),
        pokok: pokok.into(),
        tentang: tentang.into(),
        uraian: format!("Mengatur {}", tentang.to_lowercase()),
        ..Default::default()
    }
}

fn tahap(t: &str, nomor: &str, tanggal: &str) -> IsianTahap {
    IsianTahap {
        tahap: t.into(),
        nomor: nomor.into(),
        tanggal: tanggal.into(),
        versi: None,
    }
}

balai_testkit::tiap_backend!(peraturan_berjalan_per_tahap_dan_menolak_isian_salah);
async fn peraturan_berjalan_per_tahap_dan_menolak_isian_salah(be: &'static str, s: Store) {
    let s = siapkan(&s).await;
    let p = s.peraturan();
    let op = Aktor::pengguna("operator");
    // An empty title and an unknown kind.
    let e = galat(p.simpan(DESA, None, &draf("surat", "", " "), &op).await);
    assert!(e.contains("jenis:") && e.contains("tentang:"), "{be}: {e}");

    let apbdes = p
        .simpan(
            DESA,
            None,
            &draf("perdes", "apbdes", "APBDes Tahun 2026"),
            &op,
        )
        .await
        .unwrap();
    // Enacting a draft Perdes skips the BPD.
    let e = galat(
        p.maju(DESA, apbdes, &tahap("ditetapkan", "1", "2026-01-10"), &op)
            .await,
    );
    assert!(e.starts_with("tahap:") && e.contains("BPD"), "{be}: {e}");
    // A future agreement date.
    let e = galat(
        p.maju(DESA, apbdes, &tahap("disepakati", "", "2027-01-01"), &op)
            .await,
    );
    assert!(
        e.starts_with("tanggal:") && e.contains("sesudah hari ini"),
        "{be}: {e}"
    );
    p.maju(DESA, apbdes, &tahap("disepakati", "", "05-01-2026"), &op)
        .await
        .unwrap();
    // A budget Perdes must be evaluated first.
    let e = galat(
        p.maju(DESA, apbdes, &tahap("ditetapkan", "1", "2026-01-10"), &op)
            .await,
    );
    assert!(
        e.starts_with("tahap:") && e.contains("dievaluasi"),
        "{be}: {e}"
    );
    // An evaluation dated before the agreement.
    let e = galat(
        p.maju(
            DESA,
            apbdes,
            &tahap("dievaluasi", "900/12", "2026-01-02"),
            &op,
        )
        .await,
    );
    assert!(e.starts_with("tanggal:"), "{be}: {e}");
    p.maju(
        DESA,
        apbdes,
        &tahap("dievaluasi", "900/12", "2026-01-08"),
        &op,
    )
    .await
    .unwrap();
    let e = galat(
        p.maju(DESA, apbdes, &tahap("ditetapkan", "", "2026-01-10"), &op)
            .await,
    );
    assert!(e.starts_with("nomor:"), "{be}: {e}");
    p.maju(DESA, apbdes, &tahap("ditetapkan", "1", "2026-01-10"), &op)
        .await
        .unwrap();
    // No going back.
    let e = galat(
        p.maju(DESA, apbdes, &tahap("disepakati", "", "2026-01-11"), &op)
            .await,
    );
    assert!(e.contains("tidak dapat diulang"), "{be}: {e}");

    // A second Perdes of 2026 with number 1: refused, naming the first.
    let pungutan = p
        .simpan(DESA, None, &draf("perdes", "lain", "Pasar Desa"), &op)
        .await
        .unwrap();
    let e = galat(
        p.maju(DESA, pungutan, &tahap("dievaluasi", "", "2026-02-01"), &op)
            .await,
    );
    assert!(e.contains("tidak memerlukan evaluasi"), "{be}: {e}");
    p.maju(DESA, pungutan, &tahap("disepakati", "", "2026-02-01"), &op)
        .await
        .unwrap();
    let e = galat(
        p.maju(
            DESA,
            pungutan,
            &tahap("ditetapkan", " 1 ", "2026-02-03"),
            &op,
        )
        .await,
    );
    assert!(
        e.starts_with("nomor:") && e.contains("sudah dipakai") && e.contains("APBDes Tahun 2026"),
        "{be}: {e}"
    );
    p.maju(DESA, pungutan, &tahap("ditetapkan", "2", "2026-02-03"), &op)
        .await
        .unwrap();
    // The same number for another kind, or the same kind another year, is fine.
    let perkades = p
        .simpan(
            DESA,
            None,
            &draf("perkades", "apbdes", "Penjabaran APBDes 2026"),
            &op,
        )
        .await
        .unwrap();
    p.maju(DESA, perkades, &tahap("ditetapkan", "1", "2026-01-12"), &op)
        .await
        .unwrap();
    assert_eq!(
        p.satu(DESA, perkades).await.unwrap().unwrap().pokok,
        "lain",
        "{be}: only a Perdes has a subject needing evaluation"
    );

    // Promulgation: the Lembaran Desa number is unique per year, the Berita Desa has its own.
    p.maju(DESA, apbdes, &tahap("diundangkan", "1", "2026-01-10"), &op)
        .await
        .unwrap();
    let e = galat(
        p.maju(
            DESA,
            pungutan,
            &tahap("diundangkan", "1", "2026-02-04"),
            &op,
        )
        .await,
    );
    assert!(
        e.starts_with("nomor:") && e.contains("Lembaran Desa"),
        "{be}: {e}"
    );
    p.maju(
        DESA,
        pungutan,
        &tahap("diundangkan", "2", "2026-02-04"),
        &op,
    )
    .await
    .unwrap();
    p.maju(
        DESA,
        perkades,
        &tahap("diundangkan", "1", "2026-01-12"),
        &op,
    )
    .await
    .unwrap();
    p.lapor(DESA, apbdes, "140/3", "2026-01-15", None, &op)
        .await
        .unwrap();
    let e = galat(p.lapor(DESA, apbdes, "", "2026-01-05", None, &op).await);
    assert!(
        e.contains("nomor_lapor:") && e.contains("tanggal_lapor:"),
        "{be}: {e}"
    );

    // A decision is only enacted.
    let sk = p
        .simpan(
            DESA,
            None,
            &draf("keputusan", "", "Pengangkatan Kepala Dusun Krajan"),
            &op,
        )
        .await
        .unwrap();
    p.maju(
        DESA,
        sk,
        &tahap("ditetapkan", "141/05/2026", "2026-03-02"),
        &op,
    )
    .await
    .unwrap();
    let e = galat(
        p.maju(DESA, sk, &tahap("diundangkan", "3", "2026-03-03"), &op)
            .await,
    );
    assert!(e.contains("tidak diundangkan"), "{be}: {e}");

    // The document: a PDF by content only.
    let e = galat(
        p.unggah_dokumen(DESA, apbdes, "perdes.pdf", b"PK\x03\x04 bukan pdf", &op)
            .await,
    );
    assert!(e.starts_with("dokumen:") && e.contains("PDF"), "{be}: {e}");
    assert!(p.dokumen(DESA, apbdes).await.unwrap().is_none(), "{be}");
    p.unggah_dokumen(DESA, apbdes, "perdes-1-2026.pdf", PDF, &op)
        .await
        .unwrap();
    assert_eq!(p.dokumen(DESA, apbdes).await.unwrap().unwrap().0, PDF);

    // A draft stays private and can be deleted; an enacted one cannot.
    let draf_id = p
        .simpan(
            DESA,
            None,
            &draf("perdes", "lain", "Rancangan RPJMDes"),
            &op,
        )
        .await
        .unwrap();
    let berlaku = p.berlaku(DESA, None).await.unwrap();
    assert_eq!(berlaku.len(), 4, "{be}");
    assert!(berlaku.iter().all(|r| r.id != draf_id), "{be}");
    let token = berlaku
        .iter()
        .find(|r| r.id == apbdes)
        .unwrap()
        .token
        .clone();
    assert!(
        p.dokumen_publik(DESA, &token).await.unwrap().is_some(),
        "{be}"
    );
    let token_draf = p.satu(DESA, draf_id).await.unwrap().unwrap().token;
    assert!(
        p.dokumen_publik(DESA, &token_draf).await.unwrap().is_none(),
        "{be}"
    );
    let e = galat(p.hapus(DESA, apbdes, None, &op).await);
    assert!(e.contains("tidak dapat dihapus"), "{be}: {e}");
    p.hapus(DESA, draf_id, None, &op).await.unwrap();
    assert!(p.satu(DESA, draf_id).await.unwrap().is_none(), "{be}");
    // The kind cannot change once agreed.
    let l = p.satu(DESA, pungutan).await.unwrap().unwrap();
    let mut ubah = draf("perkades", "lain", "Pasar Desa");
    ubah.versi = Some(l.versi);
    let e = galat(p.simpan(DESA, Some(pungutan), &ubah, &op).await);
    assert!(e.starts_with("jenis:"), "{be}: {e}");

    // Books of 2026.
    let tahun = Periode::tahun(2026).unwrap();
    let a1 = p.buku_a1(DESA, &tahun).await.unwrap();
    assert_eq!(a1.baris.len(), 3, "{be}: {:?}", a1.baris);
    assert!(a1.baris.iter().all(|b| b.len() == kolom("A.1", "").len()));
    let baris = a1
        .baris
        .iter()
        .find(|b| b[3] == "APBDes Tahun 2026")
        .unwrap();
    assert_eq!(baris[2], "1, 10-01-2026");
    assert_eq!(baris[5], "05-01-2026");
    assert_eq!(baris[6], "140/3, 15-01-2026");
    assert_eq!(baris[7], "1, 10-01-2026");
    assert_eq!(baris[8], "—");
    let a2 = p.buku_a2(DESA, &tahun).await.unwrap();
    assert_eq!(a2.baris.len(), 1, "{be}");
    assert_eq!(a2.baris[0].len(), kolom("A.2", "").len());
    assert_eq!(a2.baris[0][1], "141/05/2026, 02-03-2026");
    let a9 = p.buku_a9(DESA, &tahun).await.unwrap();
    assert_eq!(a9.baris.len(), 3, "{be}");
    assert!(a9.baris.iter().all(|b| b.len() == kolom("A.9", "").len()));
    assert!(a9.kurang.is_none() && a1.kurang.is_none() && a2.kurang.is_none());
    // Another year has no rows; a village without any entry is told what to enter.
    assert!(
        p.buku_a1(DESA, &Periode::tahun(2025).unwrap())
            .await
            .unwrap()
            .baris
            .is_empty()
    );
    let kosong = p.buku_a1(KOSONG, &tahun).await.unwrap();
    let k = kosong.kurang.unwrap();
    assert_eq!(k.tautan, format!("/desa/{KOSONG}/peraturan"), "{be}");
    assert!(p.buku_a2(KOSONG, &tahun).await.unwrap().kurang.is_some());
    assert!(p.buku_a9(KOSONG, &tahun).await.unwrap().kurang.is_some());
    // Every write is in the audit log.
    let log = s
        .daftar_audit(
            DESA,
            &balai_store::audit::SaringAudit {
                batas: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        log.iter().filter(|a| a.objek == "peraturan").count() >= 14,
        "{be}"
    );
    let _ = JenisPeraturan::SEMUA;
}

fn barang(kib: &str, nama: &str, asal: &str, tanggal: &str, nilai: &str) -> IsianBarang {
    // One register number per item: the name's length keeps the examples apart.
    IsianBarang {
        kib: kib.into(),
        nama: nama.into(),
        kode_barang: "02.06.01".into(),
        nomor_register: format!("{:04}", nama.len()),
        jumlah: "2".into(),
        satuan: "unit".into(),
        tanggal_peroleh: tanggal.into(),
        nilai: nilai.into(),
        asal: asal.into(),
        kondisi: "baik".into(),
        lokasi: "Kantor desa".into(),
        ..Default::default()
    }
}

fn hapus(alasan: &str, tanggal: &str, catatan: &str) -> IsianHapus {
    IsianHapus {
        alasan: alasan.into(),
        tanggal: tanggal.into(),
        catatan: catatan.into(),
        versi: None,
    }
}

balai_testkit::tiap_backend!(inventaris_menyimpan_riwayat_dan_menolak_isian_salah);
async fn inventaris_menyimpan_riwayat_dan_menolak_isian_salah(be: &'static str, s: Store) {
    let s = siapkan(&s).await;
    let a = s.aset();
    let op = Aktor::pengguna("operator");
    let mut salah = barang("G", "", "dibeli", "2027-01-01", "1,5 juta");
    salah.jumlah = "0".into();
    let e = galat(a.simpan_barang(DESA, None, &salah, &op).await);
    for kolom in ["kib:", "nama:", "jumlah:", "tanggal_peroleh:", "nilai:"] {
        assert!(e.contains(kolom), "{be}: {kolom} in {e}");
    }
    // A payment that is not in the cash book, and a link on a donated item.
    let mut b = barang("B", "Laptop", "sumbangan", "2025-03-01", "Rp 7.500.000");
    b.kas_id = Uuid::now_v7().to_string();
    let e = galat(a.simpan_barang(DESA, None, &b, &op).await);
    assert!(e.starts_with("kas_id:"), "{be}: {e}");
    assert!(
        a.daftar_barang(DESA, "", true).await.unwrap().is_empty(),
        "{be}"
    );
    b.kas_id.clear();
    let laptop = a.simpan_barang(DESA, None, &b, &op).await.unwrap();
    assert_eq!(
        a.barang(DESA, laptop).await.unwrap().unwrap().nilai,
        7_500_000
    );
    // The same code and register number for a second item; saving the laptop again is fine.
    let mut kembar = barang("B", "Proyektor", "dibeli", "2025-03-01", "4000000");
    kembar.nomor_register = b.nomor_register.clone();
    let e = galat(a.simpan_barang(DESA, None, &kembar, &op).await);
    assert!(
        e.starts_with("nomor_register:") && e.contains("sudah dipakai untuk \"Laptop\""),
        "{be}: {e}"
    );
    b.versi = Some(a.barang(DESA, laptop).await.unwrap().unwrap().versi);
    a.simpan_barang(DESA, Some(laptop), &b, &op).await.unwrap();
    let kursi = a
        .simpan_barang(
            DESA,
            None,
            &barang("E", "Kursi lipat", "kabupaten", "2024-06-01", "3000000"),
            &op,
        )
        .await
        .unwrap();
    let gedung = a
        .simpan_barang(
            DESA,
            None,
            &barang(
                "C",
                "Gedung balai desa",
                "dibeli",
                "2026-04-01",
                "350000000",
            ),
            &op,
        )
        .await
        .unwrap();

    // Condition found later, then disposal; the item stays listed with its reason.
    let e = galat(
        a.catat_kondisi(DESA, laptop, "hilang", "2024-01-01", "", &op)
            .await,
    );
    assert!(
        e.contains("kondisi:") && e.contains("tanggal:"),
        "{be}: {e}"
    );
    a.catat_kondisi(
        DESA,
        laptop,
        "rusak_ringan",
        "2025-11-02",
        "Engsel patah",
        &op,
    )
    .await
    .unwrap();
    assert_eq!(
        a.barang(DESA, laptop).await.unwrap().unwrap().kondisi,
        "rusak_ringan"
    );
    let e = galat(
        a.hapuskan(DESA, kursi, &hapus("dibuang", "", ""), &op)
            .await,
    );
    assert!(e.contains("alasan:") && e.contains("tanggal:"), "{be}: {e}");
    a.hapuskan(
        DESA,
        kursi,
        &hapus("rusak", "2026-05-20", "Berita acara 02/2026"),
        &op,
    )
    .await
    .unwrap();
    let e = galat(
        a.hapuskan(DESA, kursi, &hapus("dijual", "2026-05-21", ""), &op)
            .await,
    );
    assert!(e.contains("sudah dihapus"), "{be}: {e}");
    let k = a.barang(DESA, kursi).await.unwrap().unwrap();
    let mut ubah = barang("E", "Kursi", "kabupaten", "2024-06-01", "3000000");
    ubah.versi = Some(k.versi);
    let e = galat(a.simpan_barang(DESA, Some(kursi), &ubah, &op).await);
    assert!(e.contains("sudah dihapus"), "{be}: {e}");
    assert_eq!(a.daftar_barang(DESA, "", false).await.unwrap().len(), 2);
    assert_eq!(a.daftar_barang(DESA, "", true).await.unwrap().len(), 3);
    assert_eq!(a.riwayat_kondisi(DESA, laptop).await.unwrap().len(), 2);

    // Photos: JPEG/PNG by content.
    let e = galat(a.unggah_foto(DESA, gedung, "foto.jpg", PDF, &op).await);
    assert!(e.starts_with("foto:"), "{be}: {e}");
    let f = a
        .unggah_foto(
            DESA,
            gedung,
            "depan.jpg",
            &balai_testkit::jpeg_dengan_gps(),
            &op,
        )
        .await
        .unwrap();
    // Stored as pixels re-encoded: the phone's GPS position is gone.
    let (isi, mime) = a.foto(DESA, gedung, f).await.unwrap().unwrap();
    assert_eq!(mime, "image/jpeg", "{be}");
    assert!(!isi.windows(3).any(|w| w == b"GPS"), "{be}");
    let e = galat(
        a.unggah_foto(DESA, gedung, "bom.png", &png_raksasa(), &op)
            .await,
    );
    assert!(
        e.starts_with("foto:") && e.contains("megapiksel"),
        "{be}: {e}"
    );

    // Book A.3 of 2026: the laptop was damaged before the year, the chairs left within it,
    // the building came within it.
    let b = a
        .buku_a3(DESA, &Periode::tahun(2026).unwrap())
        .await
        .unwrap();
    assert_eq!(b.baris.len(), 3, "{be}: {:?}", b.baris);
    assert!(b.baris.iter().all(|r| r.len() == kolom("A.3", "").len()));
    let r = |nama: &str| {
        b.baris
            .iter()
            .find(|r| r[1].starts_with(nama))
            .unwrap()
            .clone()
    };
    let l = r("Laptop");
    assert_eq!(
        (l[6].as_str(), l[7].as_str(), l[8].as_str()),
        ("2", "—", "2"),
        "{be}: {l:?}"
    );
    assert_eq!(l[14], "2", "{be}: rusak at the end of the year");
    let k = r("Kursi");
    assert_eq!(
        (k[5].as_str(), k[7].as_str(), k[9].as_str()),
        ("2", "2", "2"),
        "{be}: {k:?}"
    );
    assert_eq!(
        (k[10].as_str(), k[12].as_str(), k[13].as_str()),
        ("—", "20-05-2026", "—")
    );
    let g = r("Gedung");
    assert_eq!(
        (g[2].as_str(), g[7].as_str(), g[13].as_str()),
        ("2", "—", "2"),
        "{be}: {g:?}"
    );
    // Before the chairs were bought nothing of theirs shows; a village without items is told.
    let lama = a
        .buku_a3(DESA, &Periode::tahun(2023).unwrap())
        .await
        .unwrap();
    assert!(lama.baris.is_empty() && lama.kurang.is_none(), "{be}");
    assert!(
        a.buku_a3(KOSONG, &Periode::tahun(2026).unwrap())
            .await
            .unwrap()
            .kurang
            .is_some()
    );
}

balai_testkit::tiap_backend!(inventaris_dikaitkan_dengan_pembayaran_apbdes);
async fn inventaris_dikaitkan_dengan_pembayaran_apbdes(be: &'static str, s: Store) {
    let s = siapkan(&s).await;
    s.isi_keuangan_demo(DESA, 3).await.unwrap();
    let a = s.aset();
    let bayar = a.pembayaran(DESA, 2026).await.unwrap();
    let Some((kas, tanggal, _, nilai)) = bayar.first().cloned() else {
        panic!("{be}: the demo finance has no payment");
    };
    let mut b = barang(
        "B",
        "Mesin pemotong rumput",
        "dibeli",
        &tanggal.to_string(),
        &nilai.to_string(),
    );
    b.kas_id = kas.to_string();
    let id = a
        .simpan_barang(DESA, None, &b, &Aktor::pengguna("operator"))
        .await
        .unwrap();
    assert_eq!(
        a.barang(DESA, id).await.unwrap().unwrap().kas_id,
        Some(kas),
        "{be}"
    );
}

balai_testkit::tiap_backend!(tanah_kas_dan_tanah_di_desa);
async fn tanah_kas_dan_tanah_di_desa(be: &'static str, s: Store) {
    let s = siapkan(&s).await;
    let a = s.aset();
    let op = Aktor::pengguna("operator");
    let e = galat(
        a.simpan_tanah_kas(
            DESA,
            None,
            &IsianTanahKas {
                luas: "-5".into(),
                jenis: "hutan".into(),
                ..Default::default()
            },
            &op,
        )
        .await,
    );
    for k in ["asal:", "luas:", "perolehan:", "jenis:"] {
        assert!(e.contains(k), "{be}: {k} in {e}");
    }
    let kas = IsianTanahKas {
        asal: "Bengkok".into(),
        nomor_sertifikat: "Letter C 112 / Persil 14".into(),
        luas: "12.500".into(),
        kelas: "S.II".into(),
        perolehan: "asli".into(),
        tanggal_peroleh: "1975-01-01".into(),
        jenis: "sawah".into(),
        patok: true,
        papan_nama: false,
        lokasi: "Blok Sawah Wetan".into(),
        peruntukan: "Tanah bengkok kepala desa".into(),
        ..Default::default()
    };
    let id = a.simpan_tanah_kas(DESA, None, &kas, &op).await.unwrap();
    assert_eq!(a.tanah_kas(DESA, id).await.unwrap().unwrap().luas, 12_500);
    // Right status and use must add up to the area.
    let mut t = IsianTanahDesa {
        pemilik: "SUPARNO".into(),
        jenis_pemilik: "perorangan".into(),
        luas: "700".into(),
        hak: vec![("hm".into(), "500".into()), ("ma".into(), "100".into())],
        guna: vec![("perumahan".into(), "700".into())],
        ..Default::default()
    };
    let e = galat(a.simpan_tanah_desa(DESA, None, &t, &op).await);
    assert!(e.starts_with("hak:") && e.contains("600 m²"), "{be}: {e}");
    t.hak[1].1 = "200".into();
    a.simpan_tanah_desa(DESA, None, &t, &op).await.unwrap();
    let p = Periode::tahun(2026).unwrap();
    let a5 = a.buku_a5(DESA, &p).await.unwrap();
    assert_eq!(a5.baris.len(), 1, "{be}");
    assert_eq!(a5.baris[0].len(), kolom("A.5", "").len());
    assert_eq!(a5.baris[0][3], "12500");
    assert_eq!(a5.baris[0][5], "12500");
    assert_eq!(a5.baris[0][11], "12500");
    assert_eq!(
        (a5.baris[0][16].as_str(), a5.baris[0][19].as_str()),
        ("Ya", "Ya")
    );
    let a6 = a.buku_a6(DESA, &p).await.unwrap();
    assert_eq!(a6.baris[0].len(), kolom("A.6", "").len(), "{be}");
    assert_eq!(a6.baris[0][3], "500");
    assert_eq!(a6.baris[0][8], "200");
    assert_eq!(a6.baris[0][11], "700");
    assert!(a.buku_a5(KOSONG, &p).await.unwrap().kurang.is_some());
    assert_eq!(
        a.buku_a6(KOSONG, &p).await.unwrap().kurang.unwrap().tautan,
        format!("/desa/{KOSONG}/tanah")
    );
}

balai_testkit::tiap_backend!(peraturan_dan_aset_tersinkron_ke_kabupaten);
/// What the village PC (SQLite) records reaches the district server (each backend): an enacted
/// Perdes with its PDF, an item with its photo, condition history and disposal, and land.
async fn peraturan_dan_aset_tersinkron_ke_kabupaten(be: &'static str, server: Store) {
    use balai_store::sinkron::SaluranLangsung;
    let jam = Jam::Tetap(Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap());
    let server = server.dengan_jam(jam.clone());
    server
        .buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let token = server
        .sinkron()
        .buat_token(DESA, &Aktor::sistem())
        .await
        .unwrap();
    let simpul = balai_testkit::store("sqlite").await.dengan_jam(jam);
    let saluran = SaluranLangsung {
        server: &server,
        desa_id: DESA.into(),
    };
    simpul
        .sinkron()
        .mulai_simpul(&saluran, DESA, "http://127.0.0.1:1", &token)
        .await
        .unwrap();
    let op = Aktor::pengguna("operator");
    let p = simpul.peraturan();
    let id = p
        .simpan(
            DESA,
            None,
            &draf("perkades", "", "Tata Tertib Kantor Desa"),
            &op,
        )
        .await
        .unwrap();
    p.maju(DESA, id, &tahap("ditetapkan", "3", "2026-03-01"), &op)
        .await
        .unwrap();
    p.unggah_dokumen(DESA, id, "perkades.pdf", PDF, &op)
        .await
        .unwrap();
    let a = simpul.aset();
    let b = a
        .simpan_barang(
            DESA,
            None,
            &barang("B", "Printer", "dibeli", "2025-01-10", "2500000"),
            &op,
        )
        .await
        .unwrap();
    a.unggah_foto(
        DESA,
        b,
        "printer.png",
        &balai_testkit::png(4, 4, [9, 9, 9, 255]),
        &op,
    )
    .await
    .unwrap();
    a.catat_kondisi(DESA, b, "rusak_berat", "2026-04-01", "", &op)
        .await
        .unwrap();
    a.hapuskan(DESA, b, &hapus("dijual", "2026-05-01", "Lelang"), &op)
        .await
        .unwrap();
    a.simpan_tanah_kas(
        DESA,
        None,
        &IsianTanahKas {
            asal: "Bengkok".into(),
            luas: "5000".into(),
            perolehan: "asli".into(),
            jenis: "sawah".into(),
            ..Default::default()
        },
        &op,
    )
    .await
    .unwrap();
    simpul.sinkron().sinkronkan(&saluran).await.unwrap();

    let r = server.peraturan().berlaku(DESA, None).await.unwrap();
    assert_eq!(r.len(), 1, "{be}");
    assert_eq!(r[0].nomor.as_deref(), Some("3"), "{be}");
    assert_eq!(
        server
            .peraturan()
            .dokumen(DESA, id)
            .await
            .unwrap()
            .unwrap()
            .0,
        PDF,
        "{be}"
    );
    let x = server.aset().barang(DESA, b).await.unwrap().unwrap();
    assert_eq!(
        (x.hapus_alasan.as_str(), x.kondisi.as_str()),
        ("dijual", "rusak_berat"),
        "{be}"
    );
    assert_eq!(
        server.aset().riwayat_kondisi(DESA, b).await.unwrap().len(),
        2,
        "{be}"
    );
    assert_eq!(
        server.aset().daftar_foto(DESA, b).await.unwrap().len(),
        1,
        "{be}"
    );
    assert_eq!(
        server.aset().daftar_tanah_kas(DESA).await.unwrap().len(),
        1,
        "{be}"
    );
    let a3 = server
        .aset()
        .buku_a3(DESA, &Periode::tahun(2026).unwrap())
        .await
        .unwrap();
    assert_eq!(a3.baris[0][10], "2", "{be}: both sold within the year");
}
