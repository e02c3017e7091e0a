//! Letters on both backends: workflow, numbering under concurrency, signatures and verification.

use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::surat::{Keaslian, Penandatangan, Permohonan, StatusSurat, TerbitkanSurat};
use balai_store::{Aktor, Galat, Store};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use uuid::Uuid;

async fn desa_uji(s: &Store) -> String {
    let k = KodeDesa::parse("33.25.08.2004").unwrap();
    s.buat_desa(&k, &Aktor::sistem()).await.unwrap();
    k.to_string()
}

fn data(nik: &str, nama: &str, kk: &str, shdk: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("jenis_kelamin", "2"),
        ("shdk_id", shdk),
        ("no_kk", kk),
    ])
}

const KK: &str = "3325081201100001";

fn penanda() -> Penandatangan {
    Penandatangan {
        nama: "SUTRISNO".into(),
        jabatan: "Kepala Desa Donorejo".into(),
        atas_nama: String::new(),
    }
}

fn terbit() -> TerbitkanSurat<'static> {
    TerbitkanSurat {
        penanda: penanda(),
        url_dasar: "https://donorejo.contoh",
        versi: None,
    }
}

fn pdf_palsu(b: &balai_store::surat::BahanCetak) -> Result<Vec<u8>, String> {
    // The renderer is tested in balai-pdf; here the data it gets is checked.
    assert!(b.data["p"]["nama"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(b.qr.contains("/v/"));
    Ok(format!("%PDF-1.7 {}", b.data["surat"]["nomor"]).into_bytes())
}

async fn siapkan(s: &Store) -> (String, Uuid) {
    let desa = desa_uji(s).await;
    let h = s
        .tambah_penduduk(
            &desa,
            &data("3325080101800001", "SITI AMINAH", KK, "1"),
            &Aktor::sistem(),
        )
        .await
        .unwrap();
    (desa, h)
}

fn domisili(pid: Uuid) -> Permohonan {
    Permohonan {
        jenis_kode: "keterangan_domisili".into(),
        penduduk_id: pid,
        isian: BTreeMap::from([("keperluan".into(), "Melamar pekerjaan".into())]),
        kanal: "loket".into(),
        langsung_diperiksa: true,
        ..Default::default()
    }
}

balai_testkit::tiap_backend!(penomoran_200_surat_bersamaan_tanpa_celah_dan_tanpa_ganda);
async fn penomoran_200_surat_bersamaan_tanpa_celah_dan_tanpa_ganda(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::pengguna("operator");
    let mut ids = Vec::new();
    for _ in 0..200 {
        ids.push(s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap());
    }
    let mut tugas = tokio::task::JoinSet::new();
    for id in ids.clone() {
        let s = s.clone();
        let desa = desa.clone();
        tugas.spawn(async move {
            s.terbitkan_surat(&desa, id, &terbit(), &Aktor::pengguna("kades"), pdf_palsu)
                .await
                .map(|x| x.nomor_urut.unwrap())
        });
    }
    let mut nomor = Vec::new();
    while let Some(h) = tugas.join_next().await {
        nomor.push(h.unwrap().unwrap_or_else(|e| panic!("{b}: {e}")));
    }
    nomor.sort();
    assert_eq!(nomor, (1..=200).collect::<Vec<i64>>(), "{b}");
    let s1 = s.surat(&desa, ids[0]).await.unwrap().unwrap();
    // Default format: classification/number/village/month/year.
    let n = s1.nomor.unwrap();
    assert_eq!(n.split('/').count(), 5, "{b}: {n}");
    assert_eq!(n.split('/').nth(2), Some("2004"), "{b}: {n}");
    // The printed numbers are all different too.
    let semua = s
        .daftar_surat(&desa, &Default::default(), None, 1000)
        .await
        .unwrap();
    let mut teks: Vec<String> = semua.iter().filter_map(|x| x.nomor.clone()).collect();
    teks.sort();
    teks.dedup();
    assert_eq!(teks.len(), 200, "{b}");
}

balai_testkit::tiap_backend!(menandatangani_tidak_menahan_penulis_selama_render);
/// While a letter renders, the village's other writes go on: the render below waits for a
/// resident edit made meanwhile, which could not finish on SQLite when signing held the write
/// transaction through rendering.
async fn menandatangani_tidak_menahan_penulis_selama_render(b: &'static str, s: Store) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::pengguna("operator");
    let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
    let (mulai_tx, mulai_rx) = std::sync::mpsc::channel::<()>();
    let (selesai_tx, selesai_rx) = std::sync::mpsc::channel::<()>();
    let selesai_rx = std::sync::Arc::new(std::sync::Mutex::new(selesai_rx));
    let render = move |bahan: &balai_store::surat::BahanCetak| {
        let _ = mulai_tx.send(());
        selesai_rx
            .lock()
            .unwrap()
            .recv_timeout(std::time::Duration::from_secs(4))
            .map_err(|_| {
                "a resident edit could not finish while the letter rendered".to_string()
            })?;
        pdf_palsu(bahan)
    };
    let sunting = {
        let (s, desa) = (s.clone(), desa.clone());
        tokio::spawn(async move {
            tokio::task::spawn_blocking(move || {
                mulai_rx.recv_timeout(std::time::Duration::from_secs(4))
            })
            .await
            .unwrap()
            .expect("render started");
            let p = s.penduduk(&desa, pid).await.unwrap().unwrap();
            let mut d = p.data().unwrap();
            d.pekerjaan_id = 2;
            s.ubah_penduduk(&desa, pid, p.versi, &d, &Aktor::pengguna("operator"))
                .await
                .unwrap();
            let _ = selesai_tx.send(());
        })
    };
    let surat = s
        .terbitkan_surat(&desa, id, &terbit(), &Aktor::pengguna("kades"), render)
        .await
        .unwrap_or_else(|e| panic!("{b}: {e}"));
    sunting.await.unwrap();
    assert_eq!(surat.nomor_urut, Some(1), "{b}");
}

balai_testkit::tiap_backend!(dua_puluh_surat_dan_seratus_suntingan_bersamaan);
/// 20 letters signed while 100 resident edits run: every edit succeeds, the numbers have no
/// gap, even with a slow renderer.
async fn dua_puluh_surat_dan_seratus_suntingan_bersamaan(b: &'static str, s: Store) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::pengguna("operator");
    let mut warga = Vec::new();
    for i in 0..10u8 {
        let nik = format!("332508010190{:04}", i + 1);
        let d = data(&nik, &format!("WARGA {}", char::from(b'A' + i)), KK, "4");
        warga.push(s.tambah_penduduk(&desa, &d, &a).await.unwrap());
    }
    let mut tugas = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
        let (s, desa) = (s.clone(), desa.clone());
        tugas.spawn(async move {
            let lambat = |bahan: &balai_store::surat::BahanCetak| {
                std::thread::sleep(std::time::Duration::from_millis(50));
                pdf_palsu(bahan)
            };
            s.terbitkan_surat(&desa, id, &terbit(), &Aktor::pengguna("kades"), lambat)
                .await
                .map(|x| x.nomor_urut.unwrap())
        });
    }
    let mut suntingan = tokio::task::JoinSet::new();
    for i in 0..100 {
        let (s, desa, id) = (s.clone(), desa.clone(), warga[i % warga.len()]);
        suntingan.spawn(async move {
            // Edits of one record race each other: a version conflict is an answer, not a
            // failure; the edit is tried again as an operator would after reloading.
            loop {
                let p = s.penduduk(&desa, id).await.unwrap().unwrap();
                let mut d = p.data().unwrap();
                d.pekerjaan_id = (i % 20) as i16 + 1;
                match s
                    .ubah_penduduk(&desa, id, p.versi, &d, &Aktor::pengguna("operator"))
                    .await
                {
                    Ok(_) => return Ok(()),
                    Err(Galat::Konflik(_)) => continue,
                    Err(e) => return Err(e),
                }
            }
        });
    }
    while let Some(h) = suntingan.join_next().await {
        h.unwrap()
            .unwrap_or_else(|e| panic!("{b}: an edit failed: {e}"));
    }
    let mut nomor = Vec::new();
    while let Some(h) = tugas.join_next().await {
        nomor.push(h.unwrap().unwrap_or_else(|e| panic!("{b}: {e}")));
    }
    nomor.sort();
    assert_eq!(nomor, (1..=20).collect::<Vec<i64>>(), "{b}");
}

balai_testkit::tiap_backend!(surat_untuk_penduduk_meninggal_atau_tak_dikenal_ditolak_dengan_alasan);
async fn surat_untuk_penduduk_meninggal_atau_tak_dikenal_ditolak_dengan_alasan(
    b: &'static str,
    s: balai_store::Store,
) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::sistem();
    let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
    s.catat_status(
        &desa,
        pid,
        JenisPeristiwa::Mati,
        &RincianStatus {
            tanggal: NaiveDate::from_ymd_opt(2026, 11, 20),
            ..Default::default()
        },
        &a,
    )
    .await
    .unwrap();
    match s.ajukan_surat(&desa, &domisili(pid), &a).await {
        Err(Galat::Ditolak(p)) => assert!(p.contains("meninggal"), "{b}: {p}"),
        x => panic!("{b}: {x:?}"),
    }
    // A request made before the death cannot be signed after it.
    match s.terbitkan_surat(&desa, id, &terbit(), &a, pdf_palsu).await {
        Err(Galat::Ditolak(p)) => assert!(p.contains("meninggal"), "{b}: {p}"),
        x => panic!("{b}: {:?}", x.map(|s| s.status)),
    }
    match s.ajukan_surat(&desa, &domisili(Uuid::now_v7()), &a).await {
        Err(Galat::Isian(g)) => assert!(g.untuk("penduduk").is_some(), "{b}"),
        x => panic!("{b}: {x:?}"),
    }
}

balai_testkit::tiap_backend!(isian_salah_disebut_per_bidang);
async fn isian_salah_disebut_per_bidang(b: &'static str, s: balai_store::Store) {
    let (desa, pid) = siapkan(&s).await;
    let mut m = domisili(pid);
    m.jenis_kode = "keterangan_usaha".into();
    m.isian = BTreeMap::new();
    match s.ajukan_surat(&desa, &m, &Aktor::sistem()).await {
        Err(Galat::Isian(g)) => {
            assert!(
                g.untuk("isian.nama_usaha").unwrap().contains("wajib"),
                "{b}: {g}"
            );
            assert!(g.untuk("isian.keperluan").is_some(), "{b}: {g}");
        }
        x => panic!("{b}: {x:?}"),
    }
    m.jenis_kode = "tidak_ada".into();
    assert!(
        matches!(
            s.ajukan_surat(&desa, &m, &Aktor::sistem()).await,
            Err(Galat::Isian(_))
        ),
        "{b}"
    );
}

balai_testkit::tiap_backend!(surat_tidak_bisa_dicetak_sebelum_ditandatangani);
async fn surat_tidak_bisa_dicetak_sebelum_ditandatangani(b: &'static str, s: balai_store::Store) {
    let (desa, pid) = siapkan(&s).await;
    let mut m = domisili(pid);
    m.langsung_diperiksa = false;
    let id = s.ajukan_surat(&desa, &m, &Aktor::sistem()).await.unwrap();
    assert!(
        matches!(s.pdf_surat(&desa, id).await, Err(Galat::Ditolak(_))),
        "{b}"
    );
    // Not checked yet: cannot be signed either.
    assert!(
        matches!(
            s.terbitkan_surat(&desa, id, &terbit(), &Aktor::sistem(), pdf_palsu)
                .await,
            Err(Galat::Ditolak(_))
        ),
        "{b}"
    );
    s.periksa_surat(&desa, id, None, &Aktor::sistem())
        .await
        .unwrap();
    // A renderer failure keeps nothing and uses no number.
    let e = s
        .terbitkan_surat(&desa, id, &terbit(), &Aktor::sistem(), |_| {
            Err("templat rusak".into())
        })
        .await
        .unwrap_err();
    assert!(e.to_string().contains("templat rusak"), "{b}");
    let x = s
        .terbitkan_surat(&desa, id, &terbit(), &Aktor::sistem(), pdf_palsu)
        .await
        .unwrap();
    assert_eq!(x.nomor_urut, Some(1), "{b}");
    assert!(
        s.pdf_surat(&desa, id).await.unwrap().1.starts_with(b"%PDF"),
        "{b}"
    );
    // Issued letters cannot be rejected or signed again; rejecting needs a reason.
    assert!(
        matches!(
            s.tolak_surat(&desa, id, "alasan panjang", &Aktor::sistem())
                .await,
            Err(Galat::Ditolak(_))
        ),
        "{b}"
    );
    let langkah: Vec<String> = s
        .riwayat_surat(&desa, id)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.status)
        .collect();
    assert_eq!(langkah, ["diajukan", "diperiksa", "diterbitkan"], "{b}");
    let id2 = s
        .ajukan_surat(&desa, &domisili(pid), &Aktor::sistem())
        .await
        .unwrap();
    assert!(
        matches!(
            s.tolak_surat(&desa, id2, " ", &Aktor::sistem()).await,
            Err(Galat::Isian(_))
        ),
        "{b}"
    );
    s.tolak_surat(&desa, id2, "Persyaratan belum lengkap", &Aktor::sistem())
        .await
        .unwrap();
    assert_eq!(
        s.surat(&desa, id2).await.unwrap().unwrap().status(),
        StatusSurat::Ditolak,
        "{b}"
    );
}

/// The token from a letter's QR address, and the signed payload and signature the
/// verification gives for it (what older letters carried in the address itself).
async fn qr_bagian(s: &balai_store::Store, qr_url: &str) -> (String, String, String) {
    assert!(
        !qr_url.contains('?'),
        "the QR holds only the token: {qr_url}"
    );
    let token = qr_url.rsplit('/').next().unwrap().to_string();
    assert_eq!(token.len(), 22, "{qr_url}");
    let h = s
        .verifikasi_surat(&token, None, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.keaslian, Keaslian::Asli, "the token alone verifies");
    (token, h.muatan, h.tanda)
}

balai_testkit::tiap_backend!(verifikasi_asli_tidak_valid_dan_dicabut);
async fn verifikasi_asli_tidak_valid_dan_dicabut(b: &'static str, s: balai_store::Store) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::sistem();
    let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
    let qr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let qr_render = qr.clone();
    s.terbitkan_surat(&desa, id, &terbit(), &a, move |bahan| {
        *qr_render.lock().unwrap() = bahan.qr.clone();
        Ok(b"%PDF".to_vec())
    })
    .await
    .unwrap();
    let qr = qr.lock().unwrap().clone();
    let (token, m, t) = qr_bagian(&s, &qr).await;
    let h = s
        .verifikasi_surat(&token, Some(&m), Some(&t))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.keaslian, Keaslian::Asli, "{b}");
    assert_eq!(h.nama_samaran, "SI** AM****", "{b}");
    // The signed content names no NIK, nor anything computed from it: a hash of token and NIK
    // gave the NIK back to anyone who tried the small NIK space offline.
    let muatan = String::from_utf8(B64.decode(&m).unwrap()).unwrap();
    assert!(!muatan.contains("3325080101800001"), "{b}: {muatan}");
    let isi: serde_json::Value = serde_json::from_str(&muatan).unwrap();
    assert_eq!(isi["v"], 2, "{b}: {muatan}");
    assert!(isi.get("h").is_none(), "{b}: {muatan}");
    {
        use sha2::{Digest, Sha256};
        let jejak = hex::encode(&Sha256::digest(format!("{token}:3325080101800001"))[..16]);
        assert!(!muatan.contains(&jejak), "{b}: {muatan}");
    }
    // One byte changed in the signed content: not valid.
    let mut ubah = B64.decode(&m).unwrap();
    let i = ubah.iter().position(|c| *c == b'S').unwrap();
    ubah[i] = b'T';
    let h = s
        .verifikasi_surat(&token, Some(&B64.encode(&ubah)), Some(&t))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.keaslian, Keaslian::TidakValid, "{b}");
    // Key rotation keeps old letters valid.
    s.putar_kunci_desa(&desa, &a).await.unwrap();
    assert_eq!(s.kunci_publik_desa(&desa).await.unwrap().len(), 2, "{b}");
    let h = s
        .verifikasi_surat(&token, Some(&m), Some(&t))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.keaslian, Keaslian::Asli, "{b}");
    assert!(
        matches!(
            s.batalkan_surat(&desa, id, "", &a).await,
            Err(Galat::Isian(_))
        ),
        "{b}"
    );
    s.batalkan_surat(&desa, id, "Salah tulis keperluan", &a)
        .await
        .unwrap();
    let h = s
        .verifikasi_surat(&token, Some(&m), Some(&t))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.keaslian, Keaslian::Dicabut, "{b}");
    assert_eq!(
        s.verifikasi_surat(&token, None, None)
            .await
            .unwrap()
            .unwrap()
            .keaslian,
        Keaslian::Dicabut,
        "{b}"
    );
    // The cancelled letter keeps its number; a re-issue gets the next one, both kept.
    let baru = s.ajukan_ulang_surat(&desa, id, &a).await.unwrap();
    let x = s
        .terbitkan_surat(&desa, baru, &terbit(), &a, pdf_palsu)
        .await
        .unwrap();
    assert_eq!(x.nomor_urut, Some(2), "{b}");
    assert_eq!(x.pengganti_dari, Some(id), "{b}");
    assert_eq!(
        s.surat(&desa, id).await.unwrap().unwrap().nomor_urut,
        Some(1),
        "{b}"
    );
}

balai_testkit::tiap_backend!(token_verifikasi_tidak_dapat_ditebak);
async fn token_verifikasi_tidak_dapat_ditebak(b: &'static str, s: balai_store::Store) {
    use rand::RngCore;
    let (desa, pid) = siapkan(&s).await;
    let id = s
        .ajukan_surat(&desa, &domisili(pid), &Aktor::sistem())
        .await
        .unwrap();
    s.terbitkan_surat(&desa, id, &terbit(), &Aktor::sistem(), pdf_palsu)
        .await
        .unwrap();
    let mut rng = rand::rng();
    for _ in 0..10_000 {
        let mut t = [0u8; 16];
        rng.fill_bytes(&mut t);
        assert!(
            s.verifikasi_surat(&B64.encode(t), None, None)
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );
    }
}

balai_testkit::tiap_backend!(surat_masuk_bernomor_urut_dan_lampiran_diperiksa);
async fn surat_masuk_bernomor_urut_dan_lampiran_diperiksa(b: &'static str, s: balai_store::Store) {
    use balai_store::surat::SuratMasukBaru;
    let (desa, _) = siapkan(&s).await;
    let a = Aktor::pengguna("operator");
    let baru = |lampiran: Option<(Vec<u8>, String)>| SuratMasukBaru {
        tanggal_terima: "2026-11-02".into(),
        nomor_surat: "005/123/Kec".into(),
        tanggal_surat: "2026-11-01".into(),
        pengirim: "Camat Limpung".into(),
        isi_singkat: "Undangan rapat koordinasi".into(),
        disposisi: String::new(),
        lampiran,
    };
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    match s
        .catat_surat_masuk(&desa, &baru(Some((svg, "surat.svg".into()))), &a)
        .await
    {
        Err(Galat::Isian(g)) => {
            assert!(g.untuk("lampiran").unwrap().contains("SVG"), "{b}: {g}")
        }
        x => panic!("{b}: {x:?}"),
    }
    // A PNG renamed to .pdf is stored as what it is.
    let png = [
        &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 64],
    ]
    .concat();
    let id1 = s
        .catat_surat_masuk(&desa, &baru(Some((png, "scan.pdf".into()))), &a)
        .await
        .unwrap();
    let id2 = s.catat_surat_masuk(&desa, &baru(None), &a).await.unwrap();
    let (_, mime, _) = s.lampiran_surat_masuk(&desa, id1).await.unwrap().unwrap();
    assert_eq!(mime, "image/png", "{b}");
    assert!(
        s.lampiran_surat_masuk(&desa, id2).await.unwrap().is_none(),
        "{b}"
    );
    let daftar = s
        .daftar_surat_masuk(&desa, "camat", None, None)
        .await
        .unwrap();
    assert_eq!(
        daftar.iter().map(|x| x.nomor_urut).collect::<Vec<_>>(),
        [1, 2],
        "{b}"
    );
    let mut salah = baru(None);
    salah.tanggal_surat = "2026-11-05".into();
    salah.pengirim = " ".into();
    match s.catat_surat_masuk(&desa, &salah, &a).await {
        Err(Galat::Isian(g)) => {
            assert!(g.untuk("tanggal_surat").is_some(), "{b}: {g}");
            assert!(g.untuk("pengirim").is_some(), "{b}: {g}");
        }
        x => panic!("{b}: {x:?}"),
    }
}

balai_testkit::tiap_backend!(agenda_dan_laporan_dari_surat_terbit);
async fn agenda_dan_laporan_dari_surat_terbit(b: &'static str, s: balai_store::Store) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::pengguna("operator");
    for _ in 0..3 {
        let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
        s.terbitkan_surat(&desa, id, &terbit(), &Aktor::pengguna("kades"), pdf_palsu)
            .await
            .unwrap();
    }
    let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
    s.tolak_surat(&desa, id, "Data belum lengkap", &a)
        .await
        .unwrap();
    let hari = chrono::Utc::now().date_naive();
    let agenda = s
        .agenda_surat_keluar(
            &desa,
            hari - chrono::Days::new(2),
            hari + chrono::Days::new(2),
            "",
            "",
        )
        .await
        .unwrap();
    assert_eq!(agenda.len(), 3, "{b}");
    assert_eq!(
        agenda
            .iter()
            .filter_map(|x| x.nomor_urut)
            .collect::<Vec<_>>(),
        [1, 2, 3],
        "{b}"
    );
    let cari = s
        .agenda_surat_keluar(
            &desa,
            hari - chrono::Days::new(2),
            hari + chrono::Days::new(2),
            "aminah",
            "",
        )
        .await
        .unwrap();
    assert_eq!(cari.len(), 3, "{b}: search by name");
    let l = s
        .laporan_surat(&desa, chrono::Datelike::year(&hari))
        .await
        .unwrap();
    assert_eq!(l.jumlah_terbit, 3, "{b}");
    assert_eq!(l.jumlah_ditolak, 1, "{b}");
    assert_eq!(l.per_jenis.len(), 1, "{b}");
    assert_eq!(l.per_jenis[0].jumlah, 3, "{b}");
    assert!(l.waktu_p90_menit.is_some(), "{b}");
    let kades = l
        .per_petugas
        .iter()
        .find(|p| p.aktor == "pengguna:kades")
        .unwrap();
    assert_eq!(kades.ditandatangani, 3, "{b}");
    let op = l
        .per_petugas
        .iter()
        .find(|p| p.aktor == "pengguna:operator")
        .unwrap();
    assert_eq!(op.diajukan, 4, "{b}");
}

balai_testkit::tiap_backend!(jenis_dengan_klasifikasi_sama_tidak_mendapat_nomor_sama);
async fn jenis_dengan_klasifikasi_sama_tidak_mendapat_nomor_sama(
    b: &'static str,
    s: balai_store::Store,
) {
    use balai_store::surat::PengaturanSurat;
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::sistem();
    // Two built-in types with the same classification code.
    let semua = s.daftar_jenis_surat(&desa).await.unwrap();
    let (x, y) = semua
        .iter()
        .enumerate()
        .find_map(|(i, x)| {
            semua[i + 1..]
                .iter()
                .find(|y| {
                    y.jenis.klasifikasi == x.jenis.klasifikasi
                        && y.jenis.orang.is_empty()
                        && x.jenis.orang.is_empty()
                        && x.jenis.isian.iter().chain(&y.jenis.isian).all(|f| !f.wajib)
                })
                .map(|y| (x.jenis.kode.clone(), y.jenis.kode.clone()))
        })
        .expect("two types share a classification");
    let mut nomor = Vec::new();
    for kode in [&x, &y, &x] {
        let mut m = domisili(pid);
        m.jenis_kode = kode.clone();
        m.isian = BTreeMap::new();
        let id = s.ajukan_surat(&desa, &m, &a).await.unwrap();
        let t = s
            .terbitkan_surat(&desa, id, &terbit(), &a, pdf_palsu)
            .await
            .unwrap();
        nomor.push(t.nomor.unwrap());
    }
    let mut unik = nomor.clone();
    unik.sort();
    unik.dedup();
    assert_eq!(unik.len(), 3, "{b}: {nomor:?}");
    // Switching to one counter per village mid-year is refused: it would repeat numbers.
    let mut p = s.pengaturan_surat(&desa).await.unwrap();
    p.lingkup_nomor = "desa".into();
    match s.simpan_pengaturan_surat(&desa, &p, &a).await {
        Err(Galat::Isian(g)) => assert!(g.untuk("lingkup_nomor").is_some(), "{b}"),
        x => panic!("{b}: {x:?}"),
    }
    let _: PengaturanSurat = p;
}

balai_testkit::tiap_backend!(surat_batal_hanya_sekali_diterbitkan_ulang);
async fn surat_batal_hanya_sekali_diterbitkan_ulang(b: &'static str, s: balai_store::Store) {
    let (desa, pid) = siapkan(&s).await;
    let a = Aktor::sistem();
    let id = s.ajukan_surat(&desa, &domisili(pid), &a).await.unwrap();
    s.terbitkan_surat(&desa, id, &terbit(), &a, pdf_palsu)
        .await
        .unwrap();
    s.batalkan_surat(&desa, id, "Salah keperluan", &a)
        .await
        .unwrap();
    s.ajukan_ulang_surat(&desa, id, &a).await.unwrap();
    assert!(
        matches!(
            s.ajukan_ulang_surat(&desa, id, &a).await,
            Err(Galat::Ditolak(_))
        ),
        "{b}"
    );
}
