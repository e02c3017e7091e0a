use super::*;
use balai_domain::daftar::*;
use std::collections::{HashMap, HashSet};

fn rencana(n: usize, seed: u64) -> DemoPlan {
    DemoPlan {
        desa: KodeDesa::parse("33.25.08.2004").unwrap(),
        penduduk: n,
        seed,
        hari_ini: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn keluarga(d: &DemoData) -> HashMap<&str, Vec<&DataPenduduk>> {
    let mut m: HashMap<&str, Vec<&DataPenduduk>> = HashMap::new();
    for p in &d.penduduk {
        m.entry(p.no_kk.as_ref().unwrap().as_str())
            .or_default()
            .push(p);
    }
    m
}

#[test]
fn kode_tetap_sesuai_daftar() {
    assert_eq!(SHDK.label(KEPALA), Some("KEPALA KELUARGA"));
    assert_eq!(SHDK.label(ISTRI), Some("ISTRI"));
    assert_eq!(SHDK.label(ANAK), Some("ANAK"));
    assert_eq!(SHDK.label(MENANTU), Some("MENANTU"));
    assert_eq!(SHDK.label(CUCU), Some("CUCU"));
    assert_eq!(SHDK.label(ORANGTUA), Some("ORANGTUA"));
    assert_eq!(SHDK.label(MERTUA), Some("MERTUA"));
    assert_eq!(SHDK.label(FAMILI_LAIN), Some("FAMILI LAIN"));
    assert_eq!(STATUS_KAWIN.label(BELUM_KAWIN), Some("BELUM KAWIN"));
    assert_eq!(STATUS_KAWIN.label(KAWIN), Some("KAWIN"));
    assert_eq!(STATUS_KAWIN.label(CERAI_HIDUP), Some("CERAI HIDUP"));
    assert_eq!(STATUS_KAWIN.label(CERAI_MATI), Some("CERAI MATI"));
    assert_eq!(AGAMA.label(ISLAM), Some("ISLAM"));
    assert_eq!(AGAMA.label(KRISTEN), Some("KRISTEN"));
    assert_eq!(AGAMA.label(KATHOLIK), Some("KATHOLIK"));
    assert_eq!(GOLONGAN_DARAH.label(13), Some("TIDAK TAHU"));
    assert_eq!(KTP_EL.label(2), Some("KTP-EL"));
    assert_eq!(STATUS_REKAM.label(8), Some("KARTU SUDAH DITERIMA"));
    assert_eq!(STATUS_REKAM.cari_teks("card issued"), Some(8));
    assert_eq!(STATUS_REKAM.label(1), Some("BELUM WAJIB"));
    assert_eq!(ASURANSI.label(2), Some("BPJS PENERIMA BANTUAN IURAN"));
    assert_eq!(CARA_KB.label(3), Some("Suntik"));
    assert_eq!(PENDIDIKAN_SEDANG.label(11), Some("SEDANG S-1/SEDERAJAT"));
    assert_eq!(PENDIDIKAN_KK.label(5), Some("SLTA / SEDERAJAT"));
}

#[test]
fn rencana_sama_hasil_sama() {
    let a = generate(&rencana(3000, 7));
    let b = generate(&rencana(3000, 7));
    assert_eq!(a.penduduk, b.penduduk);
    assert_eq!(a.peristiwa, b.peristiwa);
    assert_eq!(a.struktur, b.struktur);
    let c = generate(&rencana(3000, 8));
    assert_ne!(a.penduduk, c.penduduk);
}

#[test]
fn potongan_sama_dengan_semua() {
    let plan = rencana(2000, 3);
    let semua = generate(&plan);
    let mut dari_potongan = Vec::new();
    let mut potongan = 0;
    generate_chunks(&plan, 300, &mut |p| {
        assert!(!p.is_empty());
        potongan += 1;
        dari_potongan.extend_from_slice(p);
    });
    assert!(potongan >= 5);
    assert_eq!(semua.penduduk, dari_potongan);
    assert_eq!(semua.struktur, struktur(&plan));
}

#[test]
fn jumlah_penduduk_tepat() {
    for n in [0, 1, 7, 100, 2500] {
        assert_eq!(generate(&rencana(n, 1)).penduduk.len(), n);
    }
}

#[test]
fn nik_dan_kk_sah_dan_nik_unik() {
    let d = generate(&rencana(20_000, 42));
    let mut nik = HashSet::new();
    for p in &d.penduduk {
        let n = Nik::parse(p.nik.as_str()).unwrap();
        assert!(nik.insert(n.as_str().to_string()), "NIK ganda {n}");
        assert_eq!(n.perempuan(), p.jenis_kelamin == 2);
        assert!(
            n.cocok_tanggal_lahir(p.tanggal_lahir),
            "{n} {}",
            p.tanggal_lahir
        );
        assert_ne!(&n.as_str()[12..], "0000");
        assert!(n.kode_wilayah().starts_with("3325"));
        NoKk::parse(p.no_kk.as_ref().unwrap().as_str()).unwrap();
        assert!(p.no_kk.as_ref().unwrap().as_str().starts_with("332508"));
    }
    let lain = d
        .penduduk
        .iter()
        .filter(|p| p.nik.kode_wilayah() != "332508")
        .count() as f64
        / d.penduduk.len() as f64;
    assert!((0.01..0.06).contains(&lain), "{lain}");
    // One KK number belongs to exactly one address: numbers are not reused across families.
    let mut alamat: HashMap<&str, &str> = HashMap::new();
    for p in &d.penduduk {
        let a = alamat
            .entry(p.no_kk.as_ref().unwrap().as_str())
            .or_insert(&p.alamat_sekarang);
        assert_eq!(*a, p.alamat_sekarang);
    }
}

#[test]
fn satu_kepala_per_keluarga_dan_jumlah_keluarga_wajar() {
    let d = generate(&rencana(2500, 11));
    let kel = keluarga(&d);
    assert!((650..=850).contains(&kel.len()), "{} keluarga", kel.len());
    for anggota in kel.values() {
        assert_eq!(anggota.iter().filter(|p| p.shdk_id == KEPALA).count(), 1);
        assert_eq!(anggota[0].shdk_id, KEPALA);
        let a = anggota[0];
        assert!(
            anggota
                .iter()
                .all(|p| (&p.dusun, &p.rw, &p.rt) == (&a.dusun, &a.rw, &a.rt))
        );
    }
}

#[test]
fn data_masuk_akal() {
    let plan = rencana(5000, 5);
    let d = generate(&plan);
    let hari_ini = plan.hari_ini;
    let mut wanita = 0;
    for p in &d.penduduk {
        assert!(p.tanggal_lahir <= hari_ini);
        if p.jenis_kelamin == 2 {
            wanita += 1;
        }
        for (kode, daftar) in [
            (p.agama_id, &AGAMA),
            (p.pendidikan_kk_id, &PENDIDIKAN_KK),
            (p.pekerjaan_id, &PEKERJAAN),
            (p.status_kawin_id, &STATUS_KAWIN),
            (p.shdk_id, &SHDK),
        ] {
            assert!(daftar.ada(kode), "{} {kode}", daftar.nama);
        }
        let u = umur(p.tanggal_lahir, hari_ini);
        if p.shdk_id == ISTRI {
            assert_eq!(p.status_kawin_id, KAWIN);
            assert_eq!(p.jenis_kelamin, 2);
        }
        if p.status_kawin_id == KAWIN {
            assert!(u >= 17, "{} kawin umur {u}", p.nama);
        }
        if u < 10 {
            assert_eq!(p.status_kawin_id, BELUM_KAWIN);
        }
        assert_eq!(
            u >= 17 || p.status_kawin_id != BELUM_KAWIN,
            p.ktp_el_id.is_some()
        );
        assert!(!p.nama.is_empty() && p.nama == p.nama.to_uppercase());
        assert!(!p.nama_ayah.is_empty() && !p.nama_ibu.is_empty());
        assert!(p.telepon.is_empty() || (p.telepon.len() == 12 && p.telepon.starts_with("08")));
    }
    let rasio = wanita as f64 / d.penduduk.len() as f64;
    assert!((0.45..=0.55).contains(&rasio), "{rasio}");
    let islam =
        d.penduduk.iter().filter(|p| p.agama_id == ISLAM).count() as f64 / d.penduduk.len() as f64;
    assert!(islam > 0.93, "{islam}");
}

#[test]
fn orang_tua_dalam_keluarga_dirujuk_dengan_nik_dan_usia_ibu_wajar() {
    let d = generate(&rencana(5000, 9));
    let per_nik: HashMap<&str, &DataPenduduk> =
        d.penduduk.iter().map(|p| (p.nik.as_str(), p)).collect();
    let mut dirujuk = 0;
    for p in &d.penduduk {
        if !p.nik_ibu.is_empty() {
            let ibu = per_nik[p.nik_ibu.as_str()];
            assert_eq!(ibu.no_kk, p.no_kk);
            assert_eq!(ibu.nama, p.nama_ibu);
            assert_eq!(ibu.jenis_kelamin, 2);
            let u = umur(ibu.tanggal_lahir, p.tanggal_lahir);
            assert!((18..=45).contains(&u), "ibu berumur {u} saat melahirkan");
            dirujuk += 1;
        }
        if !p.nik_ayah.is_empty() {
            let ayah = per_nik[p.nik_ayah.as_str()];
            assert_eq!(ayah.no_kk, p.no_kk);
            assert_eq!(ayah.jenis_kelamin, 1);
            assert!(ayah.tanggal_lahir < p.tanggal_lahir);
        }
    }
    assert!(dirujuk > 1000);
}

#[test]
fn rt_terisi_semua_dan_berskala() {
    let d = generate(&rencana(2500, 2));
    let dipakai: HashSet<(String, String, String)> = d
        .penduduk
        .iter()
        .map(|p| (p.dusun.clone(), p.rw.clone(), p.rt.clone()))
        .collect();
    let rt: HashSet<_> = d.struktur.iter().cloned().collect();
    assert_eq!(dipakai, rt);
    assert_eq!(rt.len(), d.struktur.len());
    let dusun: HashSet<&str> = d.struktur.iter().map(|s| s.0.as_str()).collect();
    assert!((3..=6).contains(&dusun.len()));
    let kel = keluarga(&d).len();
    let per_rt = kel as f64 / d.struktur.len() as f64;
    assert!((35.0..=65.0).contains(&per_rt), "{per_rt} KK per RT");

    let besar = struktur(&rencana(100_000, 2));
    let dusun: HashSet<&str> = besar.iter().map(|s| s.0.as_str()).collect();
    assert!(dusun.len() > 50 && besar.len() > 400);
}

#[test]
fn peristiwa_wajar_dan_tidak_menyentuh_kepala() {
    let plan = rencana(20_000, 4);
    let d = generate(&plan);
    let per_nik: HashMap<&str, &DataPenduduk> =
        d.penduduk.iter().map(|p| (p.nik.as_str(), p)).collect();
    let (mut mati, mut pindah, mut lahir) = (0, 0, 0);
    let mut sudah = HashSet::new();
    for e in &d.peristiwa {
        let p = per_nik[e.nik.as_str()];
        assert!(
            sudah.insert(e.nik.as_str()),
            "dua peristiwa untuk {}",
            e.nik
        );
        assert!(e.tanggal <= plan.hari_ini && e.tanggal >= p.tanggal_lahir);
        match &e.jenis {
            JenisDemo::Lahir => {
                lahir += 1;
                assert_eq!(e.tanggal, p.tanggal_lahir);
            }
            JenisDemo::Mati => {
                mati += 1;
                assert_ne!(p.shdk_id, KEPALA);
            }
            JenisDemo::PindahKeluar { tujuan } => {
                pindah += 1;
                assert_ne!(p.shdk_id, KEPALA);
                assert!(tujuan.contains("KEC."));
            }
        }
    }
    let bayi = d
        .penduduk
        .iter()
        .filter(|p| umur(p.tanggal_lahir, plan.hari_ini) == 0)
        .count();
    assert_eq!(lahir, bayi);
    let n = d.penduduk.len() as f64;
    let (mati, pindah, lahir) = (mati as f64 / n, pindah as f64 / n, lahir as f64 / n);
    assert!((0.003..0.01).contains(&mati), "mati {mati}");
    assert!((0.005..0.02).contains(&pindah), "pindah {pindah}");
    assert!((0.008..0.025).contains(&lahir), "lahir {lahir}");
    assert!(d.peristiwa.windows(2).all(|w| w[0].tanggal <= w[1].tanggal));
}

#[test]
fn piramida_penduduk_masuk_akal() {
    let plan = rencana(20_000, 6);
    let d = generate(&plan);
    let mut kelas = [0usize; 17];
    for p in &d.penduduk {
        let u = umur(p.tanggal_lahir, plan.hari_ini) as usize;
        kelas[(u / 5).min(16)] += 1;
    }
    let n = d.penduduk.len() as f64;
    let persen: Vec<f64> = kelas.iter().map(|&k| k as f64 * 100.0 / n).collect();
    // A wide base that flattens, thinning out past 60.
    for (i, p) in persen.iter().enumerate().take(10) {
        assert!(
            (4.5..=11.0).contains(p),
            "kelompok {}-{}: {p:.1}% {persen:?}",
            i * 5,
            i * 5 + 4
        );
    }
    let tua: f64 = persen[14..].iter().sum();
    assert!((1.5..=7.0).contains(&tua), "70+: {tua:.1}% {persen:?}");
    assert!(persen[12] < persen[8], "{persen:?}");
}
