//! The cross-programme check over a region on both backends: `tanda_wilayah` finds each
//! village's flags (double receipt, death, moving away, eligible without aid, stale data, and
//! resolutions), exactly as `tanda` gives them village by village, and nothing from villages
//! outside the region prefix.

use balai_domain::KodeDesa;
use balai_domain::bantuan::{Aturan, JenisTanda, Sasaran};
use balai_store::bantuan::{KesejahteraanBaru, PenerimaBaru, ProgramBaru, Tanda};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::{Aktor, Jam, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

/// Two villages of Kecamatan Limpung (33.25.08), one of Kecamatan Bawang (33.25.09) in the same
/// kabupaten, and one of Kabupaten Pekalongan (33.26).
const DESA_A: &str = "3325082004";
const DESA_B: &str = "3325082005";
const DESA_KECAMATAN_LAIN: &str = "3325092004";
const DESA_KABUPATEN_LAIN: &str = "3326012001";

const NAMA: [&str; 16] = [
    "ADI", "BUDI", "CAHYO", "DARMO", "EKO", "FAJAR", "GUNTUR", "HADI", "IWAN", "JOKO", "KUSNO",
    "LANANG", "MARSO", "NARTO", "PARJO", "RAHMAT",
];

/// A name without digits (names allow letters only): the village's and the family's words.
fn nama(desa_id: &str, urut: u32) -> String {
    let d: usize = desa_id[8..].parse().unwrap_or(0);
    format!(
        "{} {}",
        NAMA[d % NAMA.len()],
        NAMA[urut as usize % NAMA.len()]
    )
}

fn tgl(t: i32, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t, b, h).unwrap()
}

fn op() -> Aktor {
    Aktor::pengguna("operator")
}

/// A family of two (father as head, mother) in `desa_id`; returns (family, father, mother NIKs).
async fn keluarga(s: &Store, desa_id: &str, urut: u32) -> (Uuid, Uuid, String, String) {
    // Unique across the villages of one test: the village's own digits lead the serial.
    let seri = format!("{}{urut:03}", &desa_id[8..]);
    let no_kk = format!("33250812011{seri}");
    let nik_ayah = format!("33250801018{seri}");
    let nik_ibu = format!("33250841018{seri}");
    let orang = |nik: &str, nama: String, jk: &str, shdk: &str| {
        balai_testkit::data_penduduk(&[
            ("nik", nik),
            ("nama", &nama),
            ("jenis_kelamin", jk),
            ("shdk_id", shdk),
            ("no_kk", &no_kk),
        ])
    };
    let ayah = s
        .tambah_penduduk(
            desa_id,
            &orang(
                &nik_ayah,
                format!("BAPAK {}", nama(desa_id, urut)),
                "1",
                "1",
            ),
            &op(),
        )
        .await
        .unwrap();
    s.tambah_penduduk(
        desa_id,
        &orang(&nik_ibu, format!("IBU {}", nama(desa_id, urut)), "2", "3"),
        &op(),
    )
    .await
    .unwrap();
    let kk = s
        .penduduk(desa_id, ayah)
        .await
        .unwrap()
        .unwrap()
        .keluarga_id
        .unwrap();
    (kk, ayah, nik_ayah, nik_ibu)
}

async fn program(s: &Store, desa_id: &str, kode: &str, larangan: &[&str]) -> Uuid {
    let b = ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        sasaran: Sasaran::Keluarga,
        tahun: 2026,
        mulai: Some(tgl(2026, 1, 1)),
        selesai: Some(tgl(2026, 12, 31)),
        nominal: 300_000,
        bentuk: "tunai".into(),
        asal_dana: "APBN".into(),
        baris_kunci: None,
        aturan: Aturan {
            larangan: larangan.iter().map(|x| x.to_string()).collect(),
            ..Aturan::default()
        },
        publikasi: false,
        keterangan: String::new(),
    };
    s.bantuan()
        .simpan_program(desa_id, None, &b, &op())
        .await
        .unwrap()
}

async fn penerima(s: &Store, desa_id: &str, program_id: Uuid, nik: &str) -> Uuid {
    let b = PenerimaBaru {
        nik: nik.into(),
        dasar: "Musdesus 12-01-2026, BA 141/03/I/2026".into(),
        alasan_abaikan: "Musdes: menunggu graduasi program lain".into(),
    };
    s.bantuan()
        .tambah_penerima(desa_id, program_id, &b, &op())
        .await
        .unwrap()
}

async fn sejahtera(s: &Store, desa_id: &str, kk: Uuid, status: &str, t: NaiveDate) -> Uuid {
    let b = KesejahteraanBaru {
        status_dtks: status.into(),
        desil: (status != "tidak").then_some(1),
        tanggal_data: Some(t),
        ..KesejahteraanBaru::default()
    };
    s.bantuan()
        .catat_kesejahteraan(desa_id, kk, &b, &op())
        .await
        .unwrap()
}

async fn peristiwa(s: &Store, desa_id: &str, id: Uuid, jenis: JenisPeristiwa) {
    let r = RincianStatus {
        tanggal: Some(tgl(2026, 8, 15)),
        keterangan: String::new(),
        tempat: "SEMARANG".into(),
        sebab: "PEKERJAAN".into(),
    };
    s.catat_status(desa_id, id, jenis, &r, &op()).await.unwrap();
}

/// A village with one flag of each kind; `varian` shifts the numbers so the villages differ.
/// The programmes exist in every village (programmes are per village).
async fn isi_desa(s: &Store, desa_id: &str, varian: u32) {
    s.buat_desa(&KodeDesa::parse(desa_id).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let pkh = program(s, desa_id, "PKH", &[]).await;
    let blt = program(s, desa_id, "BLT-DD", &["PKH"]).await;
    let bpnt = program(s, desa_id, "BPNT", &[]).await;
    // Double receipt: PKH through the father, BLT-DD (which forbids PKH) through the mother.
    let (k1, _, ayah1, ibu1) = keluarga(s, desa_id, 1).await;
    penerima(s, desa_id, pkh, &ayah1).await;
    penerima(s, desa_id, blt, &ibu1).await;
    sejahtera(s, desa_id, k1, "dtks", tgl(2026, 6, 1)).await;
    // A recipient who died; one who moved away.
    let (_, ayah2, nik2, _) = keluarga(s, desa_id, 2).await;
    penerima(s, desa_id, pkh, &nik2).await;
    peristiwa(s, desa_id, ayah2, JenisPeristiwa::Mati).await;
    let (_, ayah3, nik3, _) = keluarga(s, desa_id, 3).await;
    penerima(s, desa_id, bpnt, &nik3).await;
    peristiwa(s, desa_id, ayah3, JenisPeristiwa::PindahKeluar).await;
    // Eligible families receiving nothing (as many as `varian`), and stale data: the latest
    // row decides, so the family with fresh data after old data is not flagged.
    for i in 0..varian {
        let (k, _, _, _) = keluarga(s, desa_id, 10 + i).await;
        sejahtera(s, desa_id, k, "dtsen", tgl(2026, 5, 1)).await;
    }
    let (k5, _, _, _) = keluarga(s, desa_id, 5).await;
    sejahtera(s, desa_id, k5, "tidak", tgl(2025, 3, 1)).await;
    let (k6, _, _, _) = keluarga(s, desa_id, 6).await;
    sejahtera(s, desa_id, k6, "tidak", tgl(2024, 3, 1)).await;
    // Recorded an hour later (rows recorded at the same instant would both count as latest).
    let nanti = s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 4, 0, 0).unwrap(),
    ));
    sejahtera(&nanti, desa_id, k6, "tidak", tgl(2026, 8, 1)).await;
}

/// Everything a flag shows, for comparing two runs.
fn sidik(t: &[Tanda]) -> Vec<(JenisTanda, String, String, String, Option<String>)> {
    t.iter()
        .map(|x| {
            (
                x.jenis,
                x.kunci.clone(),
                x.pesan.clone(),
                x.tautan.clone(),
                x.selesai.as_ref().map(|s| s.0.clone()),
            )
        })
        .collect()
}

balai_testkit::tiap_backend!(pemeriksaan_wilayah_sama_dengan_per_desa);
async fn pemeriksaan_wilayah_sama_dengan_per_desa(be: &'static str, s: Store) {
    let s = s.dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ));
    // 31 villages without aid data before village A: the kabupaten is read in rounds of 32
    // villages, so A closes the first round and B opens the second.
    let mut sebelum = Vec::new();
    'kec: for kec in s.anak_wilayah("3325").await.unwrap() {
        for d in s.anak_wilayah(&kec.kode).await.unwrap() {
            if d.kode.as_str() >= DESA_A || sebelum.len() == 31 {
                break 'kec;
            }
            sebelum.push(d.kode);
        }
    }
    assert_eq!(sebelum.len(), 31, "{be}");
    for d in &sebelum {
        s.buat_desa(&KodeDesa::parse(d).unwrap(), &Aktor::sistem())
            .await
            .unwrap();
    }
    isi_desa(&s, DESA_A, 1).await;
    isi_desa(&s, DESA_B, 2).await;
    isi_desa(&s, DESA_KECAMATAN_LAIN, 3).await;
    isi_desa(&s, DESA_KABUPATEN_LAIN, 4).await;
    let b = s.bantuan();
    // A resolved flag in village B stays in the list, resolved, last.
    let mati_b = b
        .tanda(DESA_B)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.jenis == JenisTanda::Meninggal)
        .expect("tanda meninggal desa B");
    b.selesaikan_tanda(
        DESA_B,
        JenisTanda::Meninggal,
        &mati_b.kunci,
        "Sudah dihentikan dari PKH",
        &op(),
    )
    .await
    .unwrap();
    // A registered village without any aid data raises nothing.
    s.buat_desa(&KodeDesa::parse("3325082006").unwrap(), &Aktor::sistem())
        .await
        .unwrap();

    let per_desa = |d: &'static str| {
        let b = s.bantuan();
        async move { b.tanda(d).await.unwrap() }
    };
    let a = per_desa(DESA_A).await;
    let bb = per_desa(DESA_B).await;
    // What each village has: 1 double receipt, 1 death, 1 moved, `varian` without aid, 1 stale.
    for (t, varian, desa_id) in [(&a, 1, DESA_A), (&bb, 2, DESA_B)] {
        let jumlah = |j: JenisTanda| t.iter().filter(|x| x.jenis == j).count();
        assert_eq!(jumlah(JenisTanda::Ganda), 1, "{be} {desa_id}: {t:?}");
        assert_eq!(jumlah(JenisTanda::Meninggal), 1, "{be} {desa_id}");
        assert_eq!(jumlah(JenisTanda::Pindah), 1, "{be} {desa_id}");
        assert_eq!(jumlah(JenisTanda::TanpaBantuan), varian, "{be} {desa_id}");
        assert_eq!(jumlah(JenisTanda::DataUsang), 1, "{be} {desa_id}");
        assert!(
            t.iter()
                .all(|x| x.tautan.starts_with(&format!("/desa/{desa_id}/"))),
            "{be} {desa_id}"
        );
    }
    assert!(a.iter().all(|x| x.selesai.is_none()), "{be}");
    let selesai = bb.last().unwrap();
    assert_eq!(
        (selesai.kunci.as_str(), selesai.selesai.is_some()),
        (mati_b.kunci.as_str(), true),
        "{be}"
    );

    // The kecamatan: both villages, in code order, each exactly as `tanda` gives it.
    let w = b.tanda_wilayah("332508").await.unwrap();
    let desa: Vec<&str> = w.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(desa, [DESA_A, DESA_B], "{be}");
    assert_eq!(sidik(&w[0].1), sidik(&a), "{be}: desa A");
    assert_eq!(sidik(&w[1].1), sidik(&bb), "{be}: desa B");
    // Written with dots, as the region is shown, it means the same.
    let bertitik = b.tanda_wilayah("33.25.08").await.unwrap();
    assert_eq!(bertitik.len(), 2, "{be}");

    // The kabupaten adds the other kecamatan's village, never the other kabupaten's.
    let kab = b.tanda_wilayah("3325").await.unwrap();
    let desa: Vec<&str> = kab.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(desa, [DESA_A, DESA_B, DESA_KECAMATAN_LAIN], "{be}");
    let lain = per_desa(DESA_KECAMATAN_LAIN).await;
    assert_eq!(sidik(&kab[2].1), sidik(&lain), "{be}");
    assert_eq!(
        lain.iter()
            .filter(|x| x.jenis == JenisTanda::TanpaBantuan)
            .count(),
        3,
        "{be}"
    );
    // The province holds all four; one village alone is its own region.
    let prov = b.tanda_wilayah("33").await.unwrap();
    assert_eq!(prov.len(), 4, "{be}");
    assert_eq!(prov[3].0, DESA_KABUPATEN_LAIN, "{be}");
    assert_eq!(
        sidik(&prov[3].1),
        sidik(&per_desa(DESA_KABUPATEN_LAIN).await),
        "{be}"
    );
    let satu = b.tanda_wilayah(DESA_B).await.unwrap();
    assert_eq!(satu.len(), 1, "{be}");
    assert_eq!(sidik(&satu[0].1), sidik(&bb), "{be}");
    // A region without villages, and one that only shares a shorter prefix.
    assert!(b.tanda_wilayah("3399").await.unwrap().is_empty(), "{be}");
    assert!(b.tanda_wilayah("332507").await.unwrap().is_empty(), "{be}");

    // The streaming form hands over the same villages in the same order.
    let mut tiap = Vec::new();
    b.tanda_wilayah_tiap("3325", |d, t| tiap.push((d.to_string(), t.len())))
        .await
        .unwrap();
    let harap: Vec<(String, usize)> = kab.iter().map(|(d, t)| (d.clone(), t.len())).collect();
    assert_eq!(tiap, harap, "{be}");
}
