//! WHO z-scores checked against values WHO (and CDC, for WHO) published, not against
//! anything derived from Balai's own code. Sources in `tests/data/SUMBER.md`.
//!
//! A published SD/percentile value X at age/length a is a measurement whose z-score is known
//! (the SD number, or the normal quantile of the percentile); each must come back within 0.01.

use balai_domain::kesehatan::zscore::{
    CaraUkur, GalatZ, Indikator, Kelamin, Pengukuran, Umur, hitung, lms_panjang, lms_umur,
};

const CDC_BULAN: &str = include_str!("data/who_cdc_persentil_bulan.csv");
const WHO_WFH: &str = include_str!("data/who_wfh_sd.csv");
const WHO_BMI: &str = include_str!("data/who_bmi_sd_hari.csv");

const TOLERANSI: f64 = 0.01;

/// z of the CDC columns P2.3 (= −2 SD), 5, 10, 25, 50, 75, 90, 95, P97.7 (= +2 SD).
const Z_PERSENTIL: [f64; 9] = [
    -2.0,
    -1.644_853_627,
    -1.281_551_566,
    -0.674_489_750,
    0.0,
    0.674_489_750,
    1.281_551_566,
    1.644_853_627,
    2.0,
];
/// z of the WHO expanded-table columns SD4neg … SD4.
const Z_SD: [f64; 9] = [-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0];

fn kelamin(s: &str) -> Kelamin {
    match s {
        "M" => Kelamin::L,
        "F" => Kelamin::P,
        lain => panic!("sex {lain}"),
    }
}

fn baris(csv: &str) -> Vec<Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|b| !b.trim().is_empty())
        .map(|b| b.split(',').collect())
        .collect()
}

fn f(s: &str) -> f64 {
    s.parse().unwrap()
}

fn z_of(indikator: Indikator, p: Pengukuran) -> f64 {
    match hitung(indikator, &p) {
        Ok(h) => h.z,
        Err(g) => panic!("{indikator:?} {p:?}: {g}"),
    }
}

/// Runs every case and returns (count, max error).
fn periksa(kasus: impl Iterator<Item = (Indikator, Pengukuran, f64)>) -> (usize, f64) {
    let mut n = 0;
    let mut maks: f64 = 0.0;
    for (ind, p, harap) in kasus {
        let z = z_of(ind, p);
        let galat = (z - harap).abs();
        assert!(
            galat < TOLERANSI,
            "{ind:?} {p:?}: z {z:.4}, published {harap:.4}"
        );
        maks = maks.max(galat);
        n += 1;
    }
    (n, maks)
}

fn kasus_cdc(indikator: &'static str) -> Vec<(Indikator, Pengukuran, f64)> {
    let mut out = Vec::new();
    for k in baris(CDC_BULAN) {
        if k[0] != indikator {
            continue;
        }
        let sex = kelamin(k[1]);
        let bulan: u32 = k[2].parse().unwrap();
        let (ind, ukur) = match indikator {
            "wfa" => (Indikator::BbU, false),
            _ => (Indikator::PbTbU, true),
        };
        // CDC's 0–24 month chart gives month 24 as recumbent length; WHO switches to standing
        // height at 24 months, so that row is a different reference and is skipped.
        if ukur && bulan >= 24 {
            continue;
        }
        // The published LMS must be the embedded one.
        let lms = lms_umur(ind, sex, Umur::Bulan(bulan)).unwrap();
        assert_eq!(
            (lms.l, lms.m, lms.s),
            (f(k[3]), f(k[4]), f(k[5])),
            "LMS {indikator} {sex:?} {bulan}"
        );
        for (i, z) in Z_PERSENTIL.iter().enumerate() {
            let x = f(k[6 + i]);
            let p = Pengukuran {
                kelamin: sex,
                umur: Umur::Bulan(bulan),
                berat_kg: (!ukur).then_some(x),
                panjang_cm: ukur.then_some(x),
                cara_ukur: ukur.then_some(CaraUkur::Berbaring),
            };
            out.push((ind, p, *z));
        }
    }
    out
}

#[test]
fn bb_u_matches_published_who_percentiles() {
    let (n, maks) = periksa(kasus_cdc("wfa").into_iter());
    assert!(n >= 50, "only {n} cases");
    assert_eq!(n, 50 * 9);
    assert!(maks < TOLERANSI, "{maks}");
}

#[test]
fn pb_u_matches_published_who_percentiles() {
    let (n, _) = periksa(kasus_cdc("lhfa").into_iter());
    assert_eq!(n, 48 * 9);
}

#[test]
fn bb_pb_tb_matches_published_who_sd_tables() {
    let mut kasus = Vec::new();
    for k in baris(WHO_WFH) {
        let sex = kelamin(k[0]);
        let tinggi = f(k[1]);
        let published = (f(k[2]), f(k[3]), f(k[4]));
        let wfh = lms_panjang(sex, true, tinggi).unwrap();
        assert_eq!((wfh.l, wfh.m, wfh.s), published, "WFH LMS {tinggi}");
        // WHO built weight-for-height from weight-for-length shifted by 0.7 cm: the published
        // WFH row at h is the WFL row at h + 0.7 cm.
        let wfl = lms_panjang(sex, false, tinggi + 0.7).unwrap();
        assert_eq!((wfl.l, wfl.m, wfl.s), published, "WFL LMS {}", tinggi + 0.7);
        for (i, z) in Z_SD.iter().enumerate() {
            let berat = Some(f(k[5 + i]));
            let dasar = Pengukuran {
                kelamin: sex,
                umur: Umur::Hari(800),
                berat_kg: berat,
                panjang_cm: Some(tinggi),
                cara_ukur: Some(CaraUkur::Berdiri),
            };
            // Weight-for-height, 26 months, standing.
            kasus.push((Indikator::BbPbTb, dasar, *z));
            // Weight-for-length, 13 months, lying at h + 0.7 cm.
            kasus.push((
                Indikator::BbPbTb,
                Pengukuran {
                    umur: Umur::Hari(400),
                    panjang_cm: Some(tinggi + 0.7),
                    cara_ukur: Some(CaraUkur::Berbaring),
                    ..dasar
                },
                *z,
            ));
            // 13 months measured standing at h: corrected to h + 0.7 cm length.
            kasus.push((
                Indikator::BbPbTb,
                Pengukuran {
                    umur: Umur::Hari(400),
                    ..dasar
                },
                *z,
            ));
            // 26 months measured lying at h + 0.7: corrected to h height.
            kasus.push((
                Indikator::BbPbTb,
                Pengukuran {
                    panjang_cm: Some(tinggi + 0.7),
                    cara_ukur: Some(CaraUkur::Berbaring),
                    ..dasar
                },
                *z,
            ));
        }
    }
    // Includes ±4 SD, which WHO's expanded tables give on the restricted (linear) extension.
    let (n, _) = periksa(kasus.into_iter());
    assert_eq!(n, 76 * 9 * 4);
}

#[test]
fn imt_u_matches_published_who_sd_tables() {
    let mut kasus = Vec::new();
    for k in baris(WHO_BMI) {
        let sex = kelamin(k[0]);
        let hari: u32 = k[1].parse().unwrap();
        let lms = lms_umur(Indikator::ImtU, sex, Umur::Hari(hari)).unwrap();
        assert_eq!((lms.l, lms.m, lms.s), (f(k[2]), f(k[3]), f(k[4])));
        for (i, z) in Z_SD.iter().enumerate() {
            // A length of exactly 1 m makes the BMI equal to the weight.
            kasus.push((
                Indikator::ImtU,
                Pengukuran {
                    kelamin: sex,
                    umur: Umur::Hari(hari),
                    berat_kg: Some(f(k[5 + i])),
                    panjang_cm: Some(100.0),
                    cara_ukur: Some(CaraUkur::Berbaring),
                },
                *z,
            ));
        }
    }
    let (n, _) = periksa(kasus.into_iter());
    assert_eq!(n, 73 * 9);
}

/// Expected results from the tests of WHO's own `anthro` R package
/// (WorldHealthOrganization/anthro, tests/testthat), which reports z to 2 decimals.
#[test]
fn matches_who_anthro_package_cases() {
    let ukur = |kelamin, hari, berat, panjang, cara| Pengukuran {
        kelamin,
        umur: Umur::Hari(hari),
        berat_kg: berat,
        panjang_cm: panjang,
        cara_ukur: cara,
    };
    // anthro_zscore_weight_for_age(17, 1522, sex 2) → 0.24
    let z = z_of(
        Indikator::BbU,
        ukur(Kelamin::P, 1522, Some(17.0), None, None),
    );
    assert!((z - 0.24).abs() < 0.006, "{z}");
    // sex 2, age 24 months, lenhei 77.5, no measure → zlen −2.55 (height reference)
    let z = z_of(
        Indikator::PbTbU,
        Pengukuran {
            umur: Umur::Bulan(24),
            ..ukur(Kelamin::P, 0, None, Some(77.5), None)
        },
    );
    assert!((z + 2.55).abs() < 0.006, "{z}");
    // sex 1, 8 and 9 months measured standing at 60 cm → zlen −4.81 and −5.02
    // (under 9 months no +0.7 cm; anthro converts months with 30.4375 and rounds).
    let z = z_of(
        Indikator::PbTbU,
        ukur(Kelamin::L, 244, None, Some(60.0), Some(CaraUkur::Berdiri)),
    );
    assert!((z + 4.81).abs() < 0.01, "{z}");
    let z = z_of(
        Indikator::PbTbU,
        ukur(Kelamin::L, 274, None, Some(60.0), Some(CaraUkur::Berdiri)),
    );
    assert!((z + 5.02).abs() < 0.01, "{z}");
    // sex 1, 987 days, 72.86 cm lying → zlen −6.09, flagged.
    match hitung(
        Indikator::PbTbU,
        &ukur(
            Kelamin::L,
            987,
            None,
            Some(72.86),
            Some(CaraUkur::Berbaring),
        ),
    ) {
        Err(GalatZ::TidakMasukAkal { z, .. }) => assert!((z + 6.09).abs() < 0.006, "{z}"),
        lain => panic!("expected flag, got {lain:?}"),
    }
    // sex 2, 1 day, 10.37 kg → flagged (fwei = 1).
    assert!(matches!(
        hitung(
            Indikator::BbU,
            &ukur(Kelamin::P, 1, Some(10.37), None, None)
        ),
        Err(GalatZ::TidakMasukAkal {
            indikator: Indikator::BbU,
            ..
        })
    ));
}
