//! Social protection on both backends: programmes and their refusals, recipients (this
//! village only, alive, one per family, the programme's rules or a written override),
//! distributions (amount, proof, period, death by the distribution date), the cross-programme
//! flags and their resolution, welfare data history, death benefit claims from the death to
//! the payment (late, annulled, outside DTKS), and BLT-DD distributions paid through an SPP.

use balai_domain::KodeDesa;
use balai_domain::bantuan::{
    Aturan, JenisTanda, LangkahSantunan, PelakuSantunan, Sasaran, StatusSantunan,
};
use balai_store::audit::SaringAudit;
use balai_store::bantuan::{
    AhliWaris, AksiSantunan, KesejahteraanBaru, PenerimaBaru, PenyaluranBaru, ProgramBaru,
};
use balai_store::keuangan::apbdes::{BarisBaru, TindakanApbdes};
use balai_store::penduduk::{HIDUP, JenisPeristiwa, MATI, RincianStatus};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{NaiveDate, TimeZone, Utc};
use std::fmt::Debug;
use uuid::Uuid;

const DESA: &str = "3325082004";
const DESA_LAIN: &str = "3325082005";
const PDF: &[u8] = b"%PDF-1.4 bukti terima";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
const NAMA: [&str; 10] = [
    "ADI", "BUDI", "CAHYO", "DARMO", "EKO", "FAJAR", "GUNTUR", "HADI", "IWAN", "JOKO",
];

fn tgl(t: i32, b: u32, h: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(t, b, h).unwrap()
}

/// The store with "now" fixed at 10:00 WIB (03:00 UTC) of a day.
fn pada(s: &Store, t: i32, b: u32, h: u32) -> Store {
    s.clone()
        .dengan_jam(Jam::Tetap(Utc.with_ymd_and_hms(t, b, h, 3, 0, 0).unwrap()))
}

fn op() -> Aktor {
    Aktor::pengguna("operator")
}

fn dinsos() -> Aktor {
    Aktor::pengguna("dinsos")
}

async fn desa(s: &Store, kode: &str) {
    s.buat_desa(&KodeDesa::parse(kode).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
}

/// A family of two: the father (head) and the mother.
struct Kel {
    kk: Uuid,
    no_kk: String,
    ayah: Uuid,
    ibu: Uuid,
    nik_ayah: String,
    nik_ibu: String,
}

async fn keluarga(s: &Store, desa_id: &str, urut: u32) -> Kel {
    let no_kk = format!("332508120110{urut:04}");
    let nik_ayah = format!("33250801018{urut:05}");
    let nik_ibu = format!("33250841018{urut:05}");
    let nama = NAMA[(urut as usize - 1) % NAMA.len()];
    let orang = |nik: &str, n: String, jk: &str, shdk: &str| {
        balai_testkit::data_penduduk(&[
            ("nik", nik),
            ("nama", &n),
            ("jenis_kelamin", jk),
            ("shdk_id", shdk),
            ("no_kk", &no_kk),
        ])
    };
    let ayah = s
        .tambah_penduduk(
            desa_id,
            &orang(&nik_ayah, format!("BAPAK {nama}"), "1", "1"),
            &op(),
        )
        .await
        .unwrap();
    let ibu = s
        .tambah_penduduk(
            desa_id,
            &orang(&nik_ibu, format!("IBU {nama}"), "2", "3"),
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
    Kel {
        kk,
        no_kk,
        ayah,
        ibu,
        nik_ayah,
        nik_ibu,
    }
}

fn program(kode: &str, sasaran: Sasaran, nominal: i64, aturan: Aturan) -> ProgramBaru {
    ProgramBaru {
        kode: kode.into(),
        nama: format!("Program {kode}"),
        sasaran,
        tahun: 2026,
        mulai: Some(tgl(2026, 1, 1)),
        selesai: Some(tgl(2026, 12, 31)),
        nominal,
        bentuk: "tunai".into(),
        asal_dana: "APBN".into(),
        baris_kunci: None,
        aturan,
        publikasi: false,
        keterangan: String::new(),
    }
}

fn program_santunan() -> ProgramBaru {
    program(
        "SANTUNAN-KEMATIAN",
        Sasaran::Penduduk,
        1_000_000,
        Aturan {
            tenggat_hari: Some(60),
            ..Aturan::default()
        },
    )
}

async fn buat_program(s: &Store, b: &ProgramBaru) -> Uuid {
    s.bantuan()
        .simpan_program(DESA, None, b, &op())
        .await
        .unwrap()
}

async fn penerima(s: &Store, program_id: Uuid, nik: &str, abaikan: &str) -> Result<Uuid, Galat> {
    let b = PenerimaBaru {
        nik: nik.into(),
        dasar: "Musdesus 12-01-2026, BA 141/03/I/2026".into(),
        alasan_abaikan: abaikan.into(),
    };
    s.bantuan()
        .tambah_penerima(DESA, program_id, &b, &op())
        .await
}

fn kesejahteraan(
    status: &str,
    desil: Option<i16>,
    tanggal: NaiveDate,
) -> KesejahteraanBaru<'static> {
    KesejahteraanBaru {
        status_dtks: status.into(),
        desil,
        tanggal_data: Some(tanggal),
        ..KesejahteraanBaru::default()
    }
}

async fn sejahtera(s: &Store, kk: Uuid, status: &str, desil: Option<i16>, t: NaiveDate) -> Uuid {
    s.bantuan()
        .catat_kesejahteraan(DESA, kk, &kesejahteraan(status, desil, t), &op())
        .await
        .unwrap()
}

async fn mati(s: &Store, id: Uuid, tanggal: NaiveDate) {
    let r = RincianStatus {
        tanggal: Some(tanggal),
        tempat: "RUMAH".into(),
        sebab: "SAKIT".into(),
        ..RincianStatus::default()
    };
    s.catat_status(DESA, id, JenisPeristiwa::Mati, &r, &op())
        .await
        .unwrap();
}

fn salur<'a>(
    penerima_id: Uuid,
    periode: &str,
    t: Option<NaiveDate>,
    nominal: i64,
    bukti: &'a [u8],
) -> PenyaluranBaru<'a> {
    PenyaluranBaru {
        penerima_id,
        periode: periode.into(),
        tanggal: t,
        nominal,
        bukti,
    }
}

fn aksi(langkah: LangkahSantunan, pelaku: PelakuSantunan) -> AksiSantunan<'static> {
    AksiSantunan {
        langkah,
        pelaku,
        alasan: "",
        alasan_terlambat: "",
        bukti_bayar: "",
        versi: None,
    }
}

/// The message of one field of a form error.
fn isian<T: Debug>(r: Result<T, Galat>, kolom: &str) -> String {
    match r {
        Err(Galat::Isian(g)) => g
            .untuk(kolom)
            .unwrap_or_else(|| panic!("tidak ada pesan untuk {kolom}: {g}"))
            .to_string(),
        lain => panic!("bukan galat isian untuk {kolom}: {lain:?}"),
    }
}

fn ditolak<T: Debug>(r: Result<T, Galat>) -> String {
    match r {
        Err(Galat::Ditolak(p)) => p,
        lain => panic!("bukan Galat::Ditolak: {lain:?}"),
    }
}

/// Names the mother as heir and uploads the three required documents.
async fn lengkapi(s: &Store, id: Uuid, ahli: Uuid) {
    let b = s.bantuan();
    let versi = b.santunan(DESA, id).await.unwrap().unwrap().versi;
    let a = AhliWaris {
        penduduk_id: Some(ahli),
        hubungan: "istri".into(),
        ..AhliWaris::default()
    };
    b.simpan_ahli_waris(DESA, id, &a, versi, &op())
        .await
        .unwrap();
    for syarat in ["kk_ktp_almarhum", "kk_ktp_ahli_waris", "surat_kematian"] {
        b.unggah_lampiran_santunan(DESA, id, syarat, "dokumen.pdf", PDF, &op())
            .await
            .unwrap();
    }
}

async fn aksi_audit(s: &Store, aksi: &str, objek_id: Uuid) -> Vec<balai_store::audit::EntriAudit> {
    s.daftar_audit(
        DESA,
        &SaringAudit {
            aksi: Some(aksi.into()),
            objek_id: Some(objek_id.to_string()),
            batas: 10,
            ..SaringAudit::default()
        },
    )
    .await
    .unwrap()
}

balai_testkit::tiap_backend!(program_kode_tanggal_ganda_dan_versi);
async fn program_kode_tanggal_ganda_dan_versi(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    let kosong = Aturan::default();

    for salah in ["BLT DD", "X", "PROGRAM-YANG-TERLALU-PANJANG", "PKH!"] {
        let r = b
            .simpan_program(
                DESA,
                None,
                &program(salah, Sasaran::Keluarga, 0, kosong.clone()),
                &op(),
            )
            .await;
        assert!(isian(r, "kode").contains("Kode program"), "{be}: {salah}");
    }
    let mut mundur = program("PKH", Sasaran::Keluarga, 750_000, kosong.clone());
    mundur.mulai = Some(tgl(2026, 12, 31));
    mundur.selesai = Some(tgl(2026, 1, 1));
    let r = b.simpan_program(DESA, None, &mundur, &op()).await;
    assert!(
        isian(r, "selesai").contains("sebelum tanggal mulai"),
        "{be}"
    );
    let mut tanpa_mulai = program("PKH", Sasaran::Keluarga, 750_000, kosong.clone());
    tanpa_mulai.mulai = None;
    let r = b.simpan_program(DESA, None, &tanpa_mulai, &op()).await;
    assert!(isian(r, "mulai").contains("wajib"), "{be}");
    let desil = Aturan {
        desil_maks: Some(11),
        ..Aturan::default()
    };
    let r = b
        .simpan_program(
            DESA,
            None,
            &program("PKH", Sasaran::Keluarga, 1, desil),
            &op(),
        )
        .await;
    assert!(isian(r, "desil_maks").contains("antara 1 dan 10"), "{be}");
    assert!(
        b.daftar_program(DESA, None).await.unwrap().is_empty(),
        "{be}: nothing saved"
    );

    // Lower case is saved upper case; the rules round-trip.
    let aturan = Aturan {
        desil_maks: Some(4),
        larangan: vec!["BPNT".into()],
        ..Aturan::default()
    };
    let id = buat_program(
        &s,
        &program("pkh", Sasaran::Keluarga, 750_000, aturan.clone()),
    )
    .await;
    let g = b.program(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (g.kode.as_str(), g.versi, g.tahun),
        ("PKH", 1, 2026),
        "{be}"
    );
    assert_eq!(g.aturan(), aturan, "{be}");
    assert_eq!(g.sasaran(), Sasaran::Keluarga, "{be}");

    // The same code in the same year is refused; another year is another programme.
    let r = b
        .simpan_program(
            DESA,
            None,
            &program("PKH", Sasaran::Keluarga, 1, kosong.clone()),
            &op(),
        )
        .await;
    assert!(isian(r, "kode").contains("sudah ada"), "{be}");
    let mut lalu = program("PKH", Sasaran::Keluarga, 600_000, kosong.clone());
    lalu.tahun = 2025;
    lalu.mulai = Some(tgl(2025, 1, 1));
    lalu.selesai = Some(tgl(2025, 12, 31));
    let id_lalu = buat_program(&s, &lalu).await;
    assert_eq!(b.daftar_program(DESA, None).await.unwrap().len(), 2, "{be}");
    assert_eq!(
        b.daftar_program(DESA, Some(2025)).await.unwrap()[0].id,
        id_lalu,
        "{be}"
    );
    assert_eq!(
        b.program_kode(DESA, "PKH", 2026).await.unwrap().unwrap().id,
        id,
        "{be}"
    );

    // Editing: the version moves; a stale version is a conflict and changes nothing.
    let mut ubah = program("PKH", Sasaran::Keluarga, 750_000, aturan.clone());
    ubah.nama = "Program Keluarga Harapan".into();
    assert_eq!(
        b.simpan_program(DESA, Some((id, 1)), &ubah, &op())
            .await
            .unwrap(),
        id,
        "{be}"
    );
    let g = b.program(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (g.versi, g.nama.as_str()),
        (2, "Program Keluarga Harapan"),
        "{be}"
    );
    let mut basi = ubah.clone();
    basi.nama = "Nama lama".into();
    assert!(
        matches!(
            b.simpan_program(DESA, Some((id, 1)), &basi, &op()).await,
            Err(Galat::Konflik(_))
        ),
        "{be}"
    );
    assert_eq!(
        b.program(DESA, id).await.unwrap().unwrap().nama,
        "Program Keluarga Harapan",
        "{be}"
    );
    // Editing the 2026 programme into 2025 collides with the other one.
    let mut pindah_tahun = ubah.clone();
    pindah_tahun.tahun = 2025;
    let r = b
        .simpan_program(DESA, Some((id, 2)), &pindah_tahun, &op())
        .await;
    assert!(isian(r, "kode").contains("sudah ada"), "{be}");
}

balai_testkit::tiap_backend!(penerima_desa_ini_hidup_satu_per_keluarga_dan_aturan);
async fn penerima_desa_ini_hidup_satu_per_keluarga_dan_aturan(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    desa(&s, DESA_LAIN).await;
    let b = s.bantuan();
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    let k3 = keluarga(&s, DESA, 3).await;
    let lain = keluarga(&s, DESA_LAIN, 9).await;
    let pkh = buat_program(
        &s,
        &program("PKH", Sasaran::Keluarga, 750_000, Aturan::default()),
    )
    .await;

    let p = isian(penerima(&s, pkh, &lain.nik_ayah, "").await, "nik");
    assert!(p.contains("desa lain"), "{be}: {p}");
    let p = isian(penerima(&s, pkh, "3325080101809999", "").await, "nik");
    assert!(p.contains("tidak terdaftar"), "{be}: {p}");
    let p = isian(penerima(&s, pkh, "12345", "").await, "nik");
    assert!(p.contains("16 angka"), "{be}: {p}");

    let r1 = penerima(&s, pkh, &k1.nik_ayah, "").await.unwrap();
    let r = b.satu_penerima(DESA, r1).await.unwrap().unwrap();
    assert_eq!((r.keluarga_id, r.aktif), (Some(k1.kk), true), "{be}");
    assert_eq!(aksi_audit(&s, "tambah_penerima", r1).await.len(), 1, "{be}");
    let p = isian(penerima(&s, pkh, &k1.nik_ayah, "").await, "nik");
    assert!(p.contains("sudah terdaftar"), "{be}: {p}");
    // A family programme: one recipient per family.
    let p = isian(penerima(&s, pkh, &k1.nik_ibu, "").await, "nik");
    assert!(p.contains("satu keluarga satu penerima"), "{be}: {p}");

    // The dead are not added.
    mati(&s, k2.ibu, tgl(2026, 8, 1)).await;
    let p = isian(penerima(&s, pkh, &k2.nik_ibu, "").await, "nik");
    assert!(p.contains("tidak berstatus hidup"), "{be}: {p}");

    // The programme's rules: refused unless overridden with a written reason.
    let aturan = Aturan {
        wajib_dtks: true,
        desil_maks: Some(4),
        larangan: vec!["PKH".into()],
        ..Aturan::default()
    };
    let blt = buat_program(&s, &program("BLT-DD", Sasaran::Keluarga, 300_000, aturan)).await;
    let p = isian(penerima(&s, blt, &k2.nik_ayah, "").await, "alasan_abaikan");
    assert!(
        p.contains("DTKS") && p.contains("Desil rumah tangga belum tercatat"),
        "{be}: {p}"
    );
    let p = isian(
        penerima(&s, blt, &k2.nik_ayah, "musdes").await,
        "alasan_abaikan",
    );
    assert!(p.contains("paling sedikit 10 huruf"), "{be}: {p}");
    sejahtera(&s, k2.kk, "dtsen", Some(7), tgl(2026, 6, 1)).await;
    let p = isian(penerima(&s, blt, &k2.nik_ayah, "").await, "alasan_abaikan");
    assert!(
        p.contains("Desil 7") && !p.contains("DTKS/DTSEN."),
        "{be}: {p}"
    );
    // Already in PKH, which BLT-DD forbids alongside.
    sejahtera(&s, k1.kk, "dtks", Some(1), tgl(2026, 6, 1)).await;
    let p = isian(penerima(&s, blt, &k1.nik_ibu, "").await, "alasan_abaikan");
    assert!(p.contains("Sudah menerima PKH"), "{be}: {p}");
    // Meeting every rule needs no reason.
    sejahtera(&s, k3.kk, "dtks", Some(2), tgl(2026, 6, 1)).await;
    let r3 = penerima(&s, blt, &k3.nik_ayah, "").await.unwrap();
    assert_eq!(aksi_audit(&s, "tambah_penerima", r3).await.len(), 1, "{be}");
    // The override is kept in the audit log with the unmet rule.
    let r2 = penerima(&s, blt, &k2.nik_ayah, "Diputuskan Musdesus 12-01-2026")
        .await
        .unwrap();
    let jejak = aksi_audit(&s, "tambah_penerima_abaikan_aturan", r2).await;
    assert_eq!(jejak.len(), 1, "{be}");
    let sesudah = jejak[0].sesudah.clone().unwrap_or_default();
    assert!(
        sesudah.contains("Desil 7") && sesudah.contains("Musdesus"),
        "{be}: {sesudah}"
    );
    assert!(
        aksi_audit(&s, "tambah_penerima", r2).await.is_empty(),
        "{be}"
    );

    let daftar = b.penerima(DESA, blt).await.unwrap();
    assert_eq!(daftar.len(), 2, "{be}");
    assert!(daftar.iter().all(|p| p.status_dasar == HIDUP), "{be}");
    let ringkas = b.daftar_program(DESA, Some(2026)).await.unwrap();
    let n = |kode: &str| ringkas.iter().find(|g| g.kode == kode).unwrap().penerima;
    assert_eq!((n("BLT-DD"), n("PKH")), (2, 1), "{be}");
    // The family's programmes, through any member.
    let kode: Vec<String> = b
        .bantuan_keluarga(DESA, k2.kk)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.kode)
        .collect();
    assert_eq!(kode, ["BLT-DD"], "{be}");
}

balai_testkit::tiap_backend!(penyaluran_batas_bukti_kematian_dan_periode);
async fn penyaluran_batas_bukti_kematian_dan_periode(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    let blt = buat_program(
        &s,
        &program("BLT-DD", Sasaran::Keluarga, 300_000, Aturan::default()),
    )
    .await;
    let r1 = penerima(&s, blt, &k1.nik_ayah, "").await.unwrap();
    let r2 = penerima(&s, blt, &k2.nik_ayah, "").await.unwrap();
    let catat =
        |x: PenyaluranBaru<'static>| async move { b.catat_penyaluran(DESA, &x, &op()).await };
    let agu = Some(tgl(2026, 8, 10));

    let p = isian(
        catat(salur(r1, "2026-08", agu, 400_000, PDF)).await,
        "nominal",
    );
    assert!(p.contains("melebihi") && p.contains("300.000"), "{be}: {p}");
    let p = isian(catat(salur(r1, "2026-08", agu, 0, PDF)).await, "nominal");
    assert!(p.contains("lebih dari 0"), "{be}: {p}");
    let p = isian(
        catat(salur(r1, "2026-08", agu, 300_000, b"")).await,
        "bukti",
    );
    assert!(p.contains("Unggah bukti"), "{be}: {p}");
    let p = isian(
        catat(salur(r1, "2026-08", agu, 300_000, b"<svg/>")).await,
        "bukti",
    );
    assert!(p.contains("JPEG/PNG atau PDF"), "{be}: {p}");
    for salah in ["2026-13", "08-2026", "2026-8", "Agustus"] {
        let p = isian(catat(salur(r1, salah, agu, 300_000, PDF)).await, "periode");
        assert!(p.contains("tidak sah"), "{be}: {salah}: {p}");
    }
    let p = isian(
        catat(salur(r1, "2026-09", Some(tgl(2026, 9, 2)), 300_000, PDF)).await,
        "tanggal",
    );
    assert!(p.contains("masa depan"), "{be}: {p}");
    let p = isian(
        catat(salur(r1, "2026-08", None, 300_000, PDF)).await,
        "tanggal",
    );
    assert!(p.contains("wajib"), "{be}: {p}");
    let p = isian(
        catat(salur(r1, "2025-12", Some(tgl(2025, 12, 20)), 300_000, PDF)).await,
        "tanggal",
    );
    assert!(p.contains("di luar masa program"), "{be}: {p}");
    assert!(
        b.penyaluran(DESA, blt).await.unwrap().is_empty(),
        "{be}: nothing saved"
    );

    let d1 = catat(salur(r1, "2026-08", agu, 300_000, PDF))
        .await
        .unwrap();
    assert_eq!(
        b.bukti_penyaluran(DESA, d1).await.unwrap(),
        Some(("application/pdf".to_string(), PDF.to_vec())),
        "{be}"
    );
    let d2 = catat(salur(r1, "2026-07", Some(tgl(2026, 7, 10)), 250_000, PNG))
        .await
        .unwrap();
    assert_eq!(
        b.bukti_penyaluran(DESA, d2).await.unwrap().unwrap().0,
        "image/png",
        "{be}"
    );
    let p = isian(
        catat(salur(r1, "2026-08", Some(tgl(2026, 8, 12)), 300_000, PDF)).await,
        "periode",
    );
    assert!(
        p.contains("sudah menerima") && p.contains("2026-08"),
        "{be}: {p}"
    );

    // Died on 15 August: nothing on or after that date.
    mati(&s, k2.ayah, tgl(2026, 8, 15)).await;
    for t in [tgl(2026, 8, 15), tgl(2026, 8, 20)] {
        let p = isian(
            catat(salur(r2, "2026-08", Some(t), 300_000, PDF)).await,
            "tanggal",
        );
        assert!(
            p.contains("meninggal") && p.contains("15-08-2026"),
            "{be}: {p}"
        );
    }
    // A distribution made before the death and recorded afterwards is kept: the date decides.
    catat(salur(r2, "2026-07", Some(tgl(2026, 7, 31)), 300_000, PDF))
        .await
        .unwrap();

    let semua = b.penyaluran(DESA, blt).await.unwrap();
    assert_eq!(semua.len(), 3, "{be}");
    assert_eq!(semua[0].periode, "2026-08", "{be}: newest period first");
    assert_eq!(
        b.penyaluran_penerima(DESA, r1).await.unwrap().len(),
        2,
        "{be}"
    );
    let ringkas = b.daftar_program(DESA, Some(2026)).await.unwrap();
    assert_eq!(ringkas[0].disalurkan, 850_000, "{be}");
    assert_eq!(
        b.riwayat_keluarga(DESA, k1.kk).await.unwrap().len(),
        2,
        "{be}"
    );

    // A stopped recipient receives nothing more.
    let p = isian(b.hentikan_penerima(DESA, r1, "x", &op()).await, "alasan");
    assert!(p.contains("alasan penghentian"), "{be}: {p}");
    b.hentikan_penerima(DESA, r1, "Sudah mampu (musdes 5 Sep)", &op())
        .await
        .unwrap();
    let p = ditolak(catat(salur(r1, "2026-06", Some(tgl(2026, 6, 10)), 300_000, PDF)).await);
    assert!(p.contains("tidak aktif"), "{be}: {p}");
    let p = ditolak(
        b.hentikan_penerima(DESA, r1, "Sudah mampu lagi", &op())
            .await,
    );
    assert!(p.contains("sudah tidak aktif"), "{be}: {p}");
}

balai_testkit::tiap_backend!(pemeriksaan_silang_dan_penyelesaian_tanda);
async fn pemeriksaan_silang_dan_penyelesaian_tanda(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    let k3 = keluarga(&s, DESA, 3).await;
    let k4 = keluarga(&s, DESA, 4).await;
    let pkh = buat_program(
        &s,
        &program("PKH", Sasaran::Keluarga, 750_000, Aturan::default()),
    )
    .await;
    let larangan = Aturan {
        larangan: vec!["PKH".into()],
        ..Aturan::default()
    };
    let blt = buat_program(&s, &program("BLT-DD", Sasaran::Keluarga, 300_000, larangan)).await;

    // Family 1 in PKH (father) and in BLT-DD (mother), which forbids PKH alongside.
    penerima(&s, pkh, &k1.nik_ayah, "").await.unwrap();
    let b1 = penerima(&s, blt, &k1.nik_ibu, "Musdes: menunggu graduasi PKH")
        .await
        .unwrap();
    sejahtera(&s, k1.kk, "dtks", Some(2), tgl(2026, 6, 1)).await;
    // Family 2's recipient dies.
    let p2 = penerima(&s, pkh, &k2.nik_ayah, "").await.unwrap();
    mati(&s, k2.ayah, tgl(2026, 8, 15)).await;
    // Family 3 in DTKS without any programme; family 4's data is 396 days old.
    sejahtera(&s, k3.kk, "dtks", Some(1), tgl(2026, 6, 1)).await;
    let lama = sejahtera(&s, k4.kk, "tidak", None, tgl(2025, 8, 1)).await;

    let t = b.tanda(DESA).await.unwrap();
    let ada = |j: JenisTanda, kunci: &str| t.iter().find(|x| x.jenis == j && x.kunci == kunci);
    let jumlah = |j: JenisTanda| t.iter().filter(|x| x.jenis == j).count();
    let ganda = ada(JenisTanda::Ganda, &format!("ganda:{b1}:PKH")).expect("tanda ganda");
    assert!(
        ganda.pesan.contains("BLT-DD") && ganda.pesan.contains("PKH"),
        "{be}"
    );
    assert!(ganda.tautan.ends_with(&blt.to_string()), "{be}");
    assert_eq!(
        jumlah(JenisTanda::Ganda),
        1,
        "{be}: PKH itself forbids nothing"
    );
    let meninggal =
        ada(JenisTanda::Meninggal, &format!("meninggal:{p2}")).expect("tanda meninggal");
    assert!(
        meninggal.pesan.contains("BAPAK BUDI"),
        "{be}: {}",
        meninggal.pesan
    );
    assert_eq!(jumlah(JenisTanda::Meninggal), 1, "{be}");
    assert!(
        ada(
            JenisTanda::TanpaBantuan,
            &format!("tanpa_bantuan:{}", k3.kk)
        )
        .is_some(),
        "{be}"
    );
    assert_eq!(
        jumlah(JenisTanda::TanpaBantuan),
        1,
        "{be}: family 1 receives, family 4 is not eligible"
    );
    let usang = ada(JenisTanda::DataUsang, &format!("data_usang:{lama}")).expect("data usang");
    assert!(
        usang.pesan.contains(&k4.no_kk) && usang.pesan.contains("396 hari"),
        "{be}: {}",
        usang.pesan
    );
    assert_eq!(jumlah(JenisTanda::DataUsang), 1, "{be}");
    assert_eq!(jumlah(JenisTanda::Pindah), 0, "{be}");
    assert_eq!(t.len(), 4, "{be}: {t:?}");
    assert!(t.iter().all(|x| x.selesai.is_none()), "{be}");

    // Resolving: a note is required, once.
    let kunci = format!("meninggal:{p2}");
    let p = isian(
        b.selesaikan_tanda(DESA, JenisTanda::Meninggal, &kunci, " ok ", &op())
            .await,
        "catatan",
    );
    assert!(p.contains("catatan penyelesaian"), "{be}: {p}");
    b.selesaikan_tanda(
        DESA,
        JenisTanda::Meninggal,
        &kunci,
        "Sudah dihentikan dari PKH",
        &op(),
    )
    .await
    .unwrap();
    let t = b.tanda(DESA).await.unwrap();
    let selesai = t.last().unwrap();
    assert_eq!(
        (selesai.jenis, selesai.kunci.as_str()),
        (JenisTanda::Meninggal, kunci.as_str()),
        "{be}: resolved last"
    );
    let (catatan, oleh, _) = selesai.selesai.clone().expect("diselesaikan");
    assert_eq!(
        (catatan.as_str(), oleh.as_str()),
        ("Sudah dihentikan dari PKH", "pengguna:operator"),
        "{be}"
    );
    assert_eq!(t.iter().filter(|x| x.selesai.is_some()).count(), 1, "{be}");
    let p = ditolak(
        b.selesaikan_tanda(
            DESA,
            JenisTanda::Meninggal,
            &kunci,
            "Sekali lagi dicek",
            &op(),
        )
        .await,
    );
    assert!(p.contains("sudah diselesaikan"), "{be}: {p}");

    // Fresh data a day later clears the stale flag.
    let besok = pada(&s, 2026, 9, 2);
    sejahtera(&besok, k4.kk, "tidak", None, tgl(2026, 9, 2)).await;
    let t = besok.bantuan().tanda(DESA).await.unwrap();
    assert!(
        !t.iter().any(|x| x.jenis == JenisTanda::DataUsang),
        "{be}: {t:?}"
    );
}

balai_testkit::tiap_backend!(kesejahteraan_ditolak_dan_riwayat_tersimpan);
async fn kesejahteraan_ditolak_dan_riwayat_tersimpan(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    let k = keluarga(&s, DESA, 1).await;
    let catat = |x: KesejahteraanBaru<'static>| async move {
        b.catat_kesejahteraan(DESA, k.kk, &x, &op()).await
    };
    let hari = tgl(2026, 8, 1);

    let p = isian(catat(kesejahteraan("dtks", Some(11), hari)).await, "desil");
    assert!(p.contains("antara 1"), "{be}: {p}");
    let p = isian(catat(kesejahteraan("tidak", Some(3), hari)).await, "desil");
    assert!(p.contains("hanya ada"), "{be}: {p}");
    let p = isian(
        catat(kesejahteraan("miskin", None, hari)).await,
        "status_dtks",
    );
    assert!(p.contains("Pilih status"), "{be}: {p}");
    let survei = KesejahteraanBaru {
        kriteria: Some(vec![1, 2]),
        ..kesejahteraan("tidak", None, hari)
    };
    let p = isian(catat(survei.clone()).await, "surveyor");
    assert!(p.contains("petugas"), "{be}: {p}");
    let p = isian(
        catat(KesejahteraanBaru {
            kriteria: Some(vec![15]),
            surveyor: "SITI".into(),
            ..survei.clone()
        })
        .await,
        "kriteria",
    );
    assert!(p.contains("antara 1 dan 14"), "{be}: {p}");
    let p = isian(
        catat(kesejahteraan("dtks", None, tgl(2026, 9, 2))).await,
        "tanggal_data",
    );
    assert!(p.contains("masa depan"), "{be}: {p}");
    let p = isian(
        catat(KesejahteraanBaru {
            tanggal_data: None,
            ..kesejahteraan("dtks", None, hari)
        })
        .await,
        "tanggal_data",
    );
    assert!(p.contains("wajib"), "{be}: {p}");
    let p = isian(
        catat(KesejahteraanBaru {
            foto: Some(PDF),
            ..kesejahteraan("dtks", None, hari)
        })
        .await,
        "foto",
    );
    assert!(p.contains("JPEG atau PNG"), "{be}: {p}");
    assert!(
        matches!(
            b.catat_kesejahteraan(
                DESA,
                Uuid::now_v7(),
                &kesejahteraan("dtks", None, hari),
                &op()
            )
            .await,
            Err(Galat::TidakDitemukan)
        ),
        "{be}"
    );
    assert!(
        b.riwayat_kesejahteraan(DESA, k.kk)
            .await
            .unwrap()
            .is_empty(),
        "{be}"
    );

    // Two records: both kept, newest first.
    let pertama = catat(kesejahteraan("dtks", Some(3), tgl(2026, 1, 15)))
        .await
        .unwrap();
    let nanti = pada(&s, 2026, 9, 2);
    let foto = balai_testkit::jpeg_dengan_gps();
    let kedua = nanti
        .bantuan()
        .catat_kesejahteraan(
            DESA,
            k.kk,
            &KesejahteraanBaru {
                kriteria: Some(vec![14, 3, 1, 3]),
                surveyor: "SITI AMINAH".into(),
                foto: Some(&foto),
                ..kesejahteraan("tidak", None, tgl(2026, 9, 2))
            },
            &op(),
        )
        .await
        .unwrap();
    let riwayat = b.riwayat_kesejahteraan(DESA, k.kk).await.unwrap();
    let id: Vec<Uuid> = riwayat.iter().map(|r| r.id).collect();
    assert_eq!(id, [kedua, pertama], "{be}");
    let kini = b.kesejahteraan_terkini(DESA, k.kk).await.unwrap().unwrap();
    assert_eq!(kini.id, kedua, "{be}");
    assert_eq!(
        (
            kini.sumber.as_str(),
            kini.kriteria.as_str(),
            kini.jumlah_kriteria
        ),
        ("survei", "1,3,14", Some(3)),
        "{be}"
    );
    assert!(
        !kini.terdaftar() && kini.memenuhi(&14) && !kini.memenuhi(&2),
        "{be}"
    );
    // Stored as pixels re-encoded: the phone's GPS position is gone.
    let (mime, isi) = b.foto_rumah(DESA, kedua).await.unwrap().unwrap();
    assert_eq!(mime, "image/jpeg", "{be}");
    assert!(isi.starts_with(&[0xFF, 0xD8]), "{be}");
    assert!(!isi.windows(3).any(|w| w == b"GPS"), "{be}");
    let awal = &riwayat[1];
    assert_eq!(
        (awal.sumber.as_str(), awal.desil, awal.terdaftar()),
        ("kemensos", Some(3), true),
        "{be}"
    );
    assert_eq!(b.foto_rumah(DESA, pertama).await.unwrap(), None, "{be}");
}

balai_testkit::tiap_backend!(santunan_dari_kematian_sampai_dibayar);
async fn santunan_dari_kematian_sampai_dibayar(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    buat_program(&s, &program_santunan()).await;
    let k = keluarga(&s, DESA, 1).await;
    sejahtera(&s, k.kk, "dtks", Some(1), tgl(2026, 1, 10)).await;

    // The death opens the claim with its deadline.
    mati(&s, k.ayah, tgl(2026, 8, 20)).await;
    let c = b
        .santunan_almarhum(DESA, k.ayah)
        .await
        .unwrap()
        .expect("klaim dibuka");
    assert_eq!(c.status(), StatusSantunan::Dibuka, "{be}");
    assert_eq!(
        (c.status.as_str(), c.dasar.as_str()),
        ("dibuka", "dtks"),
        "{be}"
    );
    assert_eq!(
        (c.tanggal_meninggal, c.tenggat),
        (tgl(2026, 8, 20), tgl(2026, 10, 19)),
        "{be}"
    );
    assert_eq!(c.nominal, 1_000_000, "{be}");
    assert!(
        c.nomor.starts_with("SK-") && c.peristiwa_id.is_some(),
        "{be}"
    );
    assert_eq!(c.sisa_hari(tgl(2026, 9, 1)), Some(48), "{be}");
    let id = c.id;
    let ajukan = aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa);

    // Nothing gathered yet.
    let p = ditolak(b.langkah_santunan(DESA, id, &ajukan, &op()).await);
    assert!(
        p.contains("Belum lengkap") && p.contains("ahli waris"),
        "{be}: {p}"
    );
    // The heir is a living person, not the deceased.
    let almarhum = AhliWaris {
        penduduk_id: Some(k.ayah),
        hubungan: "diri sendiri".into(),
        ..AhliWaris::default()
    };
    let p = isian(
        b.simpan_ahli_waris(DESA, id, &almarhum, c.versi, &op())
            .await,
        "ahli_waris_id",
    );
    assert!(p.contains("masih hidup"), "{be}: {p}");
    let istri = AhliWaris {
        penduduk_id: Some(k.ibu),
        hubungan: "istri".into(),
        ..AhliWaris::default()
    };
    b.simpan_ahli_waris(DESA, id, &istri, c.versi, &op())
        .await
        .unwrap();
    assert!(
        matches!(
            b.simpan_ahli_waris(DESA, id, &istri, c.versi, &op()).await,
            Err(Galat::Konflik(_))
        ),
        "{be}: stale version"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (c.ahli_waris_id, c.ahli_waris_nik.as_str()),
        (Some(k.ibu), k.nik_ibu.as_str()),
        "{be}"
    );
    assert_eq!(c.ahli_waris_nama, "IBU ADI", "{be}");
    let p = ditolak(b.langkah_santunan(DESA, id, &ajukan, &op()).await);
    assert!(
        p.contains("Belum lengkap")
            && p.contains("Surat keterangan kematian")
            && !p.contains("ahli waris (nama"),
        "{be}: {p}"
    );
    // Documents: PDF, JPEG or PNG, of a known kind.
    let p = isian(
        b.unggah_lampiran_santunan(DESA, id, "surat_kematian", "a.svg", b"<svg/>", &op())
            .await,
        "berkas",
    );
    assert!(p.contains("PDF, JPEG atau PNG"), "{be}: {p}");
    let p = isian(
        b.unggah_lampiran_santunan(DESA, id, "ijazah", "a.pdf", PDF, &op())
            .await,
        "syarat",
    );
    assert!(p.contains("Pilih dokumen"), "{be}: {p}");
    for syarat in ["kk_ktp_almarhum", "kk_ktp_ahli_waris", "surat_kematian"] {
        b.unggah_lampiran_santunan(DESA, id, syarat, "dokumen.pdf", PDF, &op())
            .await
            .unwrap();
    }
    assert_eq!(
        b.lampiran_santunan(DESA, id).await.unwrap().len(),
        3,
        "{be}"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert!(b.kekurangan(&c).await.unwrap().is_empty(), "{be}");

    // The Dinas Sosial's steps are not the village's, and vice versa.
    let verifikasi = aksi(LangkahSantunan::Verifikasi, PelakuSantunan::Dinsos);
    assert!(
        matches!(
            b.langkah_santunan(DESA, id, &verifikasi, &dinsos()).await,
            Err(Galat::Ditolak(_))
        ),
        "{be}: nothing submitted yet"
    );
    assert!(
        matches!(
            b.langkah_santunan(
                DESA,
                id,
                &aksi(LangkahSantunan::Ajukan, PelakuSantunan::Dinsos),
                &dinsos()
            )
            .await,
            Err(Galat::Ditolak(_))
        ),
        "{be}"
    );
    let basi = AksiSantunan {
        versi: Some(c.versi - 1),
        ..aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa)
    };
    assert!(
        matches!(
            b.langkah_santunan(DESA, id, &basi, &op()).await,
            Err(Galat::Konflik(_))
        ),
        "{be}"
    );
    let tepat = AksiSantunan {
        versi: Some(c.versi),
        ..aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa)
    };
    assert_eq!(
        b.langkah_santunan(DESA, id, &tepat, &op()).await.unwrap(),
        StatusSantunan::Diajukan,
        "{be}"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert!(c.diajukan_pada.is_some() && !c.terlambat(), "{be}");
    // Submitted: the village no longer changes it.
    assert!(
        matches!(
            b.unggah_lampiran_santunan(DESA, id, "foto_rumah", "r.png", PNG, &op())
                .await,
            Err(Galat::Ditolak(_))
        ),
        "{be}"
    );
    assert!(
        matches!(
            b.simpan_ahli_waris(DESA, id, &istri, c.versi, &op()).await,
            Err(Galat::Ditolak(_))
        ),
        "{be}"
    );
    let p = ditolak(
        b.langkah_santunan(
            DESA,
            id,
            &aksi(LangkahSantunan::Verifikasi, PelakuSantunan::Desa),
            &op(),
        )
        .await,
    );
    assert!(p.contains("tidak dapat dilakukan"), "{be}: {p}");
    assert!(
        matches!(
            b.langkah_santunan(
                DESA,
                id,
                &aksi(LangkahSantunan::Bayar, PelakuSantunan::Dinsos),
                &dinsos()
            )
            .await,
            Err(Galat::Ditolak(_))
        ),
        "{be}: paid only once verified"
    );
    assert_eq!(
        b.langkah_santunan(DESA, id, &verifikasi, &dinsos())
            .await
            .unwrap(),
        StatusSantunan::Diverifikasi,
        "{be}"
    );
    let bayar = |bukti: &'static str| AksiSantunan {
        bukti_bayar: bukti,
        ..aksi(LangkahSantunan::Bayar, PelakuSantunan::Dinsos)
    };
    let p = isian(
        b.langkah_santunan(DESA, id, &bayar(" ok "), &dinsos())
            .await,
        "bukti_bayar",
    );
    assert!(p.contains("bukti pembayaran"), "{be}: {p}");
    assert_eq!(
        b.langkah_santunan(
            DESA,
            id,
            &bayar("Transfer BRI, kuitansi 45/2026"),
            &dinsos()
        )
        .await
        .unwrap(),
        StatusSantunan::Dibayar,
        "{be}"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(c.status, "dibayar", "{be}");
    assert!(c.dibayar_pada.is_some(), "{be}");
    assert_eq!(c.bukti_bayar, "Transfer BRI, kuitansi 45/2026", "{be}");
    assert_eq!(
        c.sisa_hari(tgl(2026, 9, 1)),
        None,
        "{be}: no deadline once paid"
    );
    let riwayat: Vec<String> = b
        .riwayat_santunan(DESA, id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        riwayat,
        ["dibuka", "diajukan", "diverifikasi", "dibayar"],
        "{be}"
    );

    // The heir was told of each step after being named.
    let kabar = s.notifikasi_warga(DESA, k.ibu, 50).await.unwrap();
    let santunan: Vec<_> = kabar
        .iter()
        .filter(|n| n.peristiwa == "santunan_diperbarui")
        .collect();
    assert_eq!(santunan.len(), 3, "{be}: {kabar:?}");
    assert!(
        santunan.iter().any(|n| n.isi.contains("BAPAK ADI")
            && n.isi.contains(&c.nomor)
            && n.judul.contains("Dibayar")),
        "{be}: {santunan:?}"
    );
    let daftar = b
        .daftar_santunan(&balai_store::bantuan::SaringSantunan {
            awalan: "3325".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (daftar.len(), daftar[0].status.as_str()),
        (1, "dibayar"),
        "{be}"
    );
}

balai_testkit::tiap_backend!(santunan_terlambat_perlu_alasan);
async fn santunan_terlambat_perlu_alasan(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    buat_program(&s, &program_santunan()).await;
    let k = keluarga(&s, DESA, 1).await;
    sejahtera(&s, k.kk, "dtsen", Some(2), tgl(2026, 1, 10)).await;
    mati(&s, k.ayah, tgl(2026, 8, 20)).await;
    let id = s
        .bantuan()
        .santunan_almarhum(DESA, k.ayah)
        .await
        .unwrap()
        .expect("klaim dibuka")
        .id;
    lengkapi(&s, id, k.ibu).await;

    // Three months later, past the deadline of 19 October.
    let nanti = pada(&s, 2026, 11, 20);
    let b = nanti.bantuan();
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (c.dasar.as_str(), c.tenggat),
        ("dtsen", tgl(2026, 10, 19)),
        "{be}"
    );
    assert_eq!(c.sisa_hari(tgl(2026, 11, 20)), Some(-32), "{be}");
    let ajukan = aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa);
    let p = isian(
        b.langkah_santunan(DESA, id, &ajukan, &op()).await,
        "alasan_terlambat",
    );
    assert!(p.contains("sudah lewat 32 hari"), "{be}: {p}");
    let pendek = AksiSantunan {
        alasan_terlambat: "sakit",
        ..aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa)
    };
    isian(
        b.langkah_santunan(DESA, id, &pendek, &op()).await,
        "alasan_terlambat",
    );
    assert_eq!(
        b.santunan(DESA, id).await.unwrap().unwrap().status,
        "dibuka",
        "{be}"
    );

    let alasan = "Ahli waris dirawat di rumah sakit sampai November";
    let dengan_alasan = AksiSantunan {
        alasan_terlambat: alasan,
        ..aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa)
    };
    assert_eq!(
        b.langkah_santunan(DESA, id, &dengan_alasan, &op())
            .await
            .unwrap(),
        StatusSantunan::Diajukan,
        "{be}"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert!(c.terlambat(), "{be}");
    assert_eq!(c.alasan_terlambat, alasan, "{be}");
    let riwayat = b.riwayat_santunan(DESA, id).await.unwrap();
    let akhir = riwayat.last().unwrap();
    assert_eq!(akhir.status, "diajukan", "{be}");
    assert!(
        akhir.catatan.starts_with("Terlambat:") && akhir.catatan.contains("rumah sakit"),
        "{be}"
    );
    let daftar = b
        .daftar_santunan(&balai_store::bantuan::SaringSantunan {
            desa_id: Some(DESA.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        daftar[0].alasan_terlambat, alasan,
        "{be}: the district sees it is late"
    );
}

balai_testkit::tiap_backend!(santunan_ditutup_bila_kematian_dibatalkan);
async fn santunan_ditutup_bila_kematian_dibatalkan(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    buat_program(&s, &program_santunan()).await;
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    for k in [&k1, &k2] {
        sejahtera(&s, k.kk, "dtks", Some(1), tgl(2026, 1, 10)).await;
    }
    let batalkan = |orang: Uuid| {
        let s = s.clone();
        async move {
            let e = s
                .riwayat_penduduk(DESA, orang)
                .await
                .unwrap()
                .into_iter()
                .find(|e| e.jenis == "mati")
                .expect("peristiwa kematian");
            s.batalkan_peristiwa(DESA, e.id, "Salah memilih penduduk", &op())
                .await
        }
    };

    // An open claim closes with the annulled death.
    mati(&s, k1.ayah, tgl(2026, 8, 20)).await;
    let id = b
        .santunan_almarhum(DESA, k1.ayah)
        .await
        .unwrap()
        .unwrap()
        .id;
    batalkan(k1.ayah).await.unwrap();
    assert_eq!(
        s.penduduk(DESA, k1.ayah)
            .await
            .unwrap()
            .unwrap()
            .status_dasar,
        HIDUP,
        "{be}"
    );
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(c.status, "ditutup", "{be}");
    assert!(c.alasan.contains("dibatalkan"), "{be}: {}", c.alasan);
    // And none can be opened for the living person.
    let p = ditolak(b.buka_santunan(DESA, k1.ayah, "dtks", &op()).await);
    assert!(p.contains("tidak tercatat"), "{be}: {p}");

    // A claim sent back for a fix is still at the village: it closes too.
    mati(&s, k2.ayah, tgl(2026, 8, 25)).await;
    let id2 = b
        .santunan_almarhum(DESA, k2.ayah)
        .await
        .unwrap()
        .unwrap()
        .id;
    lengkapi(&s, id2, k2.ibu).await;
    b.langkah_santunan(
        DESA,
        id2,
        &aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa),
        &op(),
    )
    .await
    .unwrap();
    let perbaikan = AksiSantunan {
        alasan: "Foto KTP ahli waris buram",
        ..aksi(LangkahSantunan::MintaPerbaikan, PelakuSantunan::Dinsos)
    };
    assert_eq!(
        b.langkah_santunan(DESA, id2, &perbaikan, &dinsos())
            .await
            .unwrap(),
        StatusSantunan::PerluPerbaikan,
        "{be}"
    );
    batalkan(k2.ayah).await.unwrap();
    assert_eq!(
        b.santunan(DESA, id2).await.unwrap().unwrap().status,
        "ditutup",
        "{be}"
    );
    assert_eq!(
        s.penduduk(DESA, k2.ayah)
            .await
            .unwrap()
            .unwrap()
            .status_dasar,
        HIDUP,
        "{be}"
    );
    let p = ditolak(b.buka_santunan(DESA, k2.ayah, "dtks", &op()).await);
    assert!(p.contains("tidak tercatat"), "{be}: {p}");
}

balai_testkit::tiap_backend!(santunan_keluarga_di_luar_dtks_dengan_surat_desa);
async fn santunan_keluarga_di_luar_dtks_dengan_surat_desa(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    buat_program(&s, &program_santunan()).await;
    let k = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    sejahtera(&s, k.kk, "tidak", None, tgl(2026, 1, 10)).await;

    // Outside DTKS: the death opens nothing by itself.
    mati(&s, k.ayah, tgl(2026, 8, 20)).await;
    assert!(
        b.santunan_almarhum(DESA, k.ayah).await.unwrap().is_none(),
        "{be}"
    );
    // A death before the programme's period opens nothing either, even in DTKS.
    sejahtera(&s, k2.kk, "dtks", Some(1), tgl(2025, 12, 1)).await;
    mati(&s, k2.ayah, tgl(2025, 12, 20)).await;
    assert!(
        b.santunan_almarhum(DESA, k2.ayah).await.unwrap().is_none(),
        "{be}"
    );
    let p = ditolak(b.buka_santunan(DESA, k2.ayah, "dtks", &op()).await);
    assert!(
        p.contains("Tidak ada program SANTUNAN-KEMATIAN"),
        "{be}: {p}"
    );
    // Not for the living.
    let p = ditolak(b.buka_santunan(DESA, k.ibu, "surat_desa", &op()).await);
    assert!(p.contains("tidak tercatat"), "{be}: {p}");

    let p = isian(
        b.buka_santunan(DESA, k.ayah, "miskin", &op()).await,
        "dasar",
    );
    assert!(p.contains("dasar keluarga miskin"), "{be}: {p}");
    let id = b
        .buka_santunan(DESA, k.ayah, "surat_desa", &op())
        .await
        .unwrap();
    let p = ditolak(b.buka_santunan(DESA, k.ayah, "surat_desa", &op()).await);
    assert!(p.contains("sudah ada"), "{be}: {p}");
    let c = b.santunan(DESA, id).await.unwrap().unwrap();
    assert_eq!(
        (c.dasar.as_str(), c.status.as_str(), c.tenggat),
        ("surat_desa", "dibuka", tgl(2026, 10, 19)),
        "{be}"
    );

    // The usual documents are not enough: the village letter and the house photo too.
    lengkapi(&s, id, k.ibu).await;
    let ajukan = aksi(LangkahSantunan::Ajukan, PelakuSantunan::Desa);
    let p = ditolak(b.langkah_santunan(DESA, id, &ajukan, &op()).await);
    assert!(
        p.contains("Belum lengkap") && p.contains("tidak mampu") && p.contains("Foto rumah"),
        "{be}: {p}"
    );
    b.unggah_lampiran_santunan(DESA, id, "surat_miskin", "sktm.pdf", PDF, &op())
        .await
        .unwrap();
    let p = ditolak(b.langkah_santunan(DESA, id, &ajukan, &op()).await);
    assert!(
        p.contains("Foto rumah") && !p.contains("tidak mampu"),
        "{be}: {p}"
    );
    b.unggah_lampiran_santunan(DESA, id, "foto_rumah", "rumah.png", PNG, &op())
        .await
        .unwrap();
    assert_eq!(
        b.langkah_santunan(DESA, id, &ajukan, &op()).await.unwrap(),
        StatusSantunan::Diajukan,
        "{be}"
    );
    let l = b.lampiran_santunan(DESA, id).await.unwrap();
    let foto = l.iter().find(|x| x.syarat == "foto_rumah").unwrap();
    assert_eq!(foto.mime, "image/png", "{be}");
    assert_eq!(
        b.isi_lampiran_santunan(DESA, id, foto.id)
            .await
            .unwrap()
            .unwrap()
            .2,
        PNG.to_vec(),
        "{be}"
    );
    assert_eq!(
        s.penduduk(DESA, k.ayah)
            .await
            .unwrap()
            .unwrap()
            .status_dasar,
        MATI,
        "{be}"
    );
}

fn baris(keg: &str, rek: &str, uraian: &str, harga: i64) -> BarisBaru {
    BarisBaru {
        kode_kegiatan: keg.into(),
        kode_rekening: rek.into(),
        uraian: uraian.into(),
        volume: 1,
        satuan: "paket".into(),
        harga_satuan: harga,
        sumber_dana: "DDS".into(),
        rencana_id: None,
    }
}

balai_testkit::tiap_backend!(blt_dd_diajukan_spp_per_periode);
async fn blt_dd_diajukan_spp_per_periode(be: &'static str, s: Store) {
    let s = pada(&s, 2026, 9, 1);
    desa(&s, DESA).await;
    let b = s.bantuan();
    // An established APBDes with a BLT-DD line.
    let v = s.buat_apbdes(DESA, 2026, &op()).await.unwrap();
    s.simpan_baris_anggaran(
        DESA,
        v,
        None,
        &baris("", "4.2.1.01", "Dana Desa", 30_000_000),
        &op(),
    )
    .await
    .unwrap();
    let blt_baris = s
        .simpan_baris_anggaran(
            DESA,
            v,
            None,
            &baris("5.1.00", "5.4.1.01", "BLT Dana Desa", 30_000_000),
            &op(),
        )
        .await
        .unwrap();
    s.ubah_status_apbdes(DESA, v, TindakanApbdes::Sepakati(tgl(2026, 1, 5)), &op())
        .await
        .unwrap();
    s.ubah_status_apbdes(
        DESA,
        v,
        TindakanApbdes::Tetapkan {
            nomor: "1 Tahun 2026".into(),
            tanggal: tgl(2026, 1, 10),
        },
        &op(),
    )
    .await
    .unwrap();
    let kunci = s
        .baris_anggaran(DESA, v)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == blt_baris)
        .unwrap()
        .kunci;

    let mut g = program("BLT-DD", Sasaran::Keluarga, 300_000, Aturan::default());
    g.asal_dana = "Dana Desa".into();
    let blt = buat_program(&s, &g).await;
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    let r1 = penerima(&s, blt, &k1.nik_ayah, "").await.unwrap();
    let r2 = penerima(&s, blt, &k2.nik_ayah, "").await.unwrap();
    let catat = |x: PenyaluranBaru<'static>| async move {
        b.catat_penyaluran(DESA, &x, &op()).await.unwrap()
    };
    let agu = Some(tgl(2026, 8, 10));
    let a1 = catat(salur(r1, "2026-08", agu, 300_000, PDF)).await;
    let a2 = catat(salur(r2, "2026-08", agu, 300_000, PDF)).await;
    let juli = catat(salur(r1, "2026-07", Some(tgl(2026, 7, 10)), 300_000, PDF)).await;

    // Not linked to a budget line yet.
    let p = ditolak(b.ajukan_spp_periode(DESA, blt, "2026-08", &op()).await);
    assert!(p.contains("belum dihubungkan ke baris APBDes"), "{be}: {p}");
    g.baris_kunci = Some(kunci);
    b.simpan_program(DESA, Some((blt, 1)), &g, &op())
        .await
        .unwrap();
    let p = isian(
        b.ajukan_spp_periode(DESA, blt, "2026-8", &op()).await,
        "periode",
    );
    assert!(p.contains("tidak sah"), "{be}: {p}");

    let spp = b
        .ajukan_spp_periode(DESA, blt, "2026-08", &op())
        .await
        .unwrap();
    let x = s.spp(DESA, spp).await.unwrap().expect("SPP");
    assert_eq!(
        (x.jumlah, x.status.as_str(), x.tahun),
        (600_000, "diajukan", 2026),
        "{be}"
    );
    assert_eq!(x.tanggal, tgl(2026, 9, 1), "{be}");
    assert!(
        x.uraian.contains("2026-08") && x.uraian.contains("2 penerima"),
        "{be}: {}",
        x.uraian
    );
    assert_eq!(
        s.rincian_spp(DESA, spp).await.unwrap(),
        [(kunci, 600_000)],
        "{be}"
    );
    let salur_ = b.penyaluran(DESA, blt).await.unwrap();
    let spp_dari = |id: Uuid| salur_.iter().find(|x| x.id == id).unwrap().spp_id;
    assert_eq!(
        (spp_dari(a1), spp_dari(a2), spp_dari(juli)),
        (Some(spp), Some(spp), None),
        "{be}"
    );

    // Nothing left for August; July is still open.
    let p = ditolak(b.ajukan_spp_periode(DESA, blt, "2026-08", &op()).await);
    assert!(p.contains("Belum ada penyaluran"), "{be}: {p}");
    let spp_juli = b
        .ajukan_spp_periode(DESA, blt, "2026-07", &op())
        .await
        .unwrap();
    assert_ne!(spp_juli, spp, "{be}");
    assert_eq!(
        s.spp(DESA, spp_juli).await.unwrap().unwrap().jumlah,
        300_000,
        "{be}"
    );
}

balai_testkit::tiap_backend!(program_rumah_tangga_satu_penerima_per_rumah_tangga);
async fn program_rumah_tangga_satu_penerima_per_rumah_tangga(be: &'static str, s: Store) {
    desa(&s, DESA).await;
    let k1 = keluarga(&s, DESA, 1).await;
    let k2 = keluarga(&s, DESA, 2).await;
    let g = buat_program(
        &s,
        &program("RUTILAHU", Sasaran::RumahTangga, 0, Aturan::default()),
    )
    .await;
    // Without a household record the person cannot receive a household programme.
    let e = isian(penerima(&s, g, &k1.nik_ayah, "").await, "nik");
    assert!(e.contains("rumah tangga"), "{be}: {e}");
    // Two families in one household: one recipient for the household.
    let rtm = s.buat_rumah_tangga(DESA, k1.ayah, &op()).await.unwrap();
    s.tambah_anggota_rumah_tangga(DESA, rtm, k2.ayah, &op())
        .await
        .unwrap();
    penerima(&s, g, &k1.nik_ayah, "").await.unwrap();
    let e = isian(penerima(&s, g, &k2.nik_ayah, "").await, "nik");
    assert!(e.contains("satu rumah tangga satu penerima"), "{be}: {e}");
}
