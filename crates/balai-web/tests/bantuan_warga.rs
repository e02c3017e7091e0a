//! Social aid seen by residents and the public, over real HTTP on every backend: a resident
//! sees the family's programmes and what was received, and can report a problem; the public
//! page shows counts with small groups hidden, and names only for a programme the village
//! publishes, masked.

use crate::bersama;

use balai_domain::KodeDesa;
use balai_domain::bantuan::{Aturan, Sasaran};
use balai_store::bantuan::{PenerimaBaru, PenyaluranBaru, ProgramBaru};
use balai_store::demo::DemoPlan;
use balai_store::penduduk::{HIDUP, Penduduk, SaringPenduduk};
use balai_store::{Aktor, Store};
use bersama::{klien, teks, warga_siap};
use chrono::Datelike;

const DESA: &str = "3325082004";
const PDF: &[u8] = b"%PDF-1.4 daftar tanda terima";

fn program(tahun: i64, publikasi: bool) -> ProgramBaru {
    ProgramBaru {
        kode: "BLT-DD".into(),
        nama: "BLT Dana Desa".into(),
        sasaran: Sasaran::Keluarga,
        tahun,
        mulai: chrono::NaiveDate::from_ymd_opt(tahun as i32, 1, 1),
        selesai: chrono::NaiveDate::from_ymd_opt(tahun as i32, 12, 31),
        nominal: 300_000,
        bentuk: "Tunai".into(),
        asal_dana: "Dana Desa".into(),
        baris_kunci: None,
        aturan: Aturan::default(),
        publikasi,
        keterangan: String::new(),
    }
}

/// Living residents, one per family.
async fn satu_per_keluarga(s: &Store, hari: chrono::NaiveDate) -> Vec<Penduduk> {
    let h = s
        .daftar_penduduk(
            DESA,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                umur_min: Some(20),
                batas: Some(60),
                ..Default::default()
            },
            hari,
        )
        .await
        .unwrap();
    let mut v: Vec<Penduduk> = Vec::new();
    for r in h.isi {
        let p = s.penduduk(DESA, r.id).await.unwrap().unwrap();
        if p.keluarga_id.is_some() && !v.iter().any(|w| w.keluarga_id == p.keluarga_id) {
            v.push(p);
        }
    }
    v
}

balai_testkit::tiap_backend!(warga_dan_publik_melihat_bantuan);
async fn warga_dan_publik_melihat_bantuan(b: &'static str, s: Store) {
    let hari = s.hari_ini(balai_domain::ZonaWaktu::Wib);
    s.isi_demo(
        &DemoPlan {
            desa: KodeDesa::parse(DESA).unwrap(),
            penduduk: 60,
            seed: 9,
            hari_ini: hari,
        },
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    s.isi_situs_demo(DESA).await.unwrap();
    bersama::staf_desa(&s, DESA).await;
    let orang = satu_per_keluarga(&s, hari).await;
    assert!(orang.len() >= 2, "{b}: two families");
    let (penerima, lain) = (&orang[0], &orang[1]);
    let a = Aktor::pengguna("operator");
    let tahun = i64::from(hari.year());
    let g = s
        .bantuan()
        .simpan_program(DESA, None, &program(tahun, false), &a)
        .await
        .unwrap();
    let r = s
        .bantuan()
        .tambah_penerima(
            DESA,
            g,
            &PenerimaBaru {
                nik: penerima.nik.clone(),
                dasar: "Musdesus".into(),
                alasan_abaikan: String::new(),
            },
            &a,
        )
        .await
        .unwrap();
    let periode = hari.format("%Y-%m").to_string();
    s.bantuan()
        .catat_penyaluran(
            DESA,
            &PenyaluranBaru {
                penerima_id: r,
                periode: periode.clone(),
                tanggal: Some(hari),
                nominal: 300_000,
                bukti: PDF,
            },
            &a,
        )
        .await
        .unwrap();
    let (url, _henti) = bersama::server(s.clone(), balai_web::Setelan::default()).await;
    let staf = bersama::masuk_staf(&url, "operator").await;

    // The recipient's family sees the programme and the distribution.
    let c = warga_siap(&url, &staf, DESA, penerima, "482916").await;
    let html = teks(&c, format!("{url}/warga/bantuan")).await;
    assert!(html.contains("BLT Dana Desa"), "{b}: {html}");
    assert!(html.contains(&periode) && html.contains("300.000"), "{b}");
    // Reporting a problem starts a complaint in the social aid category.
    let html = teks(
        &c,
        format!("{url}/warga/pengaduan/baru?kategori=bansos&judul=Bantuan%20belum%20diterima"),
    )
    .await;
    assert!(html.contains("value=\"bansos\" selected"), "{b}");
    assert!(html.contains("value=\"Bantuan belum diterima\""), "{b}");
    // Another family sees nothing of it.
    let c2 = warga_siap(&url, &staf, DESA, lain, "731594").await;
    let html = teks(&c2, format!("{url}/warga/bantuan")).await;
    assert!(html.contains("id=\"tanpa-program\""), "{b}");
    assert!(!html.contains(&periode), "{b}");

    // The public sees a hidden small count and no name.
    let publik = klien();
    let html = teks(&publik, format!("{url}/desa/donorejo/bantuan")).await;
    assert!(html.contains("BLT Dana Desa"), "{b}: {html}");
    assert!(html.contains("<strong>&#60;5</strong>"), "{b}: {html}");
    assert!(!html.contains(&penerima.nama), "{b}");
    assert!(!html.contains("penerima-publik"), "{b}");
    // Published by the village: the name and NIK appear masked, never whole.
    let versi = s.bantuan().program(DESA, g).await.unwrap().unwrap().versi;
    s.bantuan()
        .simpan_program(DESA, Some((g, versi)), &program(tahun, true), &a)
        .await
        .unwrap();
    let html = teks(&publik, format!("{url}/desa/donorejo/bantuan")).await;
    let samar = balai_domain::surat::teks::samarkan_nama(&penerima.nama);
    assert!(html.contains(&samar), "{b}: {html}");
    assert!(!html.contains(&penerima.nama), "{b}");
    assert!(!html.contains(&penerima.nik), "{b}");
    assert!(
        html.contains(&balai_domain::nik::samarkan(&penerima.nik)),
        "{b}"
    );
}
