//! Pregnancy (KIA): the expected delivery date, gestational age, and the risk signs a
//! posyandu or village midwife watches for ("4 terlalu", chronic energy deficiency, high
//! blood pressure, too few antenatal visits, a delivery date long past).

use crate::DaftarGalat;
use chrono::NaiveDate;

/// Days from the first day of the last period to the expected delivery (Naegele's rule).
pub const HARI_KEHAMILAN: i64 = 280;

/// The expected delivery date (HPL) from the first day of the last period (HPHT).
pub fn hpl_dari_hpht(hpht: NaiveDate) -> NaiveDate {
    hpht + chrono::Duration::days(HARI_KEHAMILAN)
}

/// Completed weeks of pregnancy on `pada`, counted back from the expected delivery date.
pub fn usia_minggu(hpl: NaiveDate, pada: NaiveDate) -> i64 {
    ((pada - (hpl - chrono::Duration::days(HARI_KEHAMILAN))).num_days() / 7).max(0)
}

/// What is known of a pregnancy when its risk is assessed.
#[derive(Debug, Clone, Default)]
pub struct DataKehamilan {
    /// The mother's age in full years at the expected delivery.
    pub umur_ibu: i64,
    /// 1 for a first pregnancy.
    pub kehamilan_ke: i64,
    /// Months since the previous delivery, if any.
    pub jarak_bulan: Option<i64>,
    /// The latest mid-upper arm circumference (cm).
    pub lila: Option<f64>,
    /// The highest blood pressure recorded in this pregnancy (systolic, diastolic).
    pub tekanan: Option<(i64, i64)>,
    /// Antenatal visits so far.
    pub kunjungan: usize,
    pub usia_minggu: i64,
    /// Days past the expected delivery date without a recorded outcome.
    pub lewat_hpl_hari: i64,
}

/// The risk signs of a pregnancy, each a short phrase for the list; empty when none.
///
/// Thresholds: the "4 terlalu" of the KIA book (under 20, over 35, a fourth or later
/// pregnancy, less than two years since the last delivery); LiLA under 23.5 cm (KEK);
/// blood pressure 140/90 or higher; fewer antenatal visits than the six-visit schedule expects
/// by this week (1 by week 12, 3 by week 24, 6 by week 36); two weeks past the delivery date.
pub fn risiko(d: &DataKehamilan) -> Vec<&'static str> {
    let mut r = Vec::new();
    if d.umur_ibu < 20 {
        r.push("terlalu muda (< 20 tahun)");
    }
    if d.umur_ibu > 35 {
        r.push("terlalu tua (> 35 tahun)");
    }
    if d.kehamilan_ke >= 4 {
        r.push("terlalu banyak (kehamilan ke-4 atau lebih)");
    }
    if d.jarak_bulan.is_some_and(|j| j < 24) {
        r.push("terlalu dekat (< 2 tahun dari persalinan lalu)");
    }
    if d.lila.is_some_and(|l| l < 23.5) {
        r.push("kurang energi kronis (LiLA < 23,5 cm)");
    }
    if d.tekanan.is_some_and(|(s, di)| s >= 140 || di >= 90) {
        r.push("tekanan darah tinggi (≥ 140/90)");
    }
    let seharusnya = match d.usia_minggu {
        w if w >= 36 => 6,
        w if w >= 24 => 3,
        w if w >= 12 => 1,
        _ => 0,
    };
    if d.kunjungan < seharusnya {
        r.push("pemeriksaan kehamilan kurang dari jadwal");
    }
    if d.lewat_hpl_hari > 14 {
        r.push("lewat dua minggu dari HPL tanpa catatan persalinan");
    }
    r
}

#[derive(Debug, Clone, Default)]
pub struct KehamilanBaru {
    pub nik: String,
    pub hpht: Option<NaiveDate>,
    /// Taken from `hpht` when empty.
    pub hpl: Option<NaiveDate>,
    pub kehamilan_ke: Option<i64>,
    pub catatan: String,
}

#[derive(Debug, Clone, Default)]
pub struct KunjunganBaru {
    pub tanggal: Option<NaiveDate>,
    pub berat: Option<f64>,
    pub lila: Option<f64>,
    pub sistolik: Option<i64>,
    pub diastolik: Option<i64>,
    pub tablet_fe: i64,
    pub konseling_gizi: bool,
    pub kunjungan_rumah: bool,
    pub catatan: String,
}

/// A new pregnancy's dates and count: the HPL (or the HPHT it comes from) within a pregnancy's
/// span of today, the HPHT not in the future. Gives the HPL; pushes what is wrong.
pub fn periksa_kehamilan(
    b: &KehamilanBaru,
    hari_ini: NaiveDate,
    g: &mut DaftarGalat,
) -> Option<NaiveDate> {
    let hpl = b.hpl.or(b.hpht.map(hpl_dari_hpht));
    match hpl {
        None => g.push("hpl", "Isi HPHT (hari pertama haid terakhir) atau HPL (hari perkiraan lahir)."),
        Some(h) if h > hari_ini + chrono::Duration::days(294) => g.push(
            "hpl",
            format!("HPL {} terlalu jauh: kehamilan paling lama 42 minggu.", h.format("%d-%m-%Y")),
        ),
        Some(h) if h < hari_ini - chrono::Duration::days(28) => g.push(
            "hpl",
            format!("HPL {} sudah lewat lebih dari 4 minggu; catat persalinannya, bukan kehamilan baru.", h.format("%d-%m-%Y")),
        ),
        _ => {}
    }
    if let Some(t) = b.hpht
        && t > hari_ini
    {
        g.push("hpht", "HPHT belum terjadi; periksa tanggalnya.");
    }
    if let Some(k) = b.kehamilan_ke
        && !(1..=20).contains(&k)
    {
        g.push("kehamilan_ke", "Kehamilan ke- diisi angka 1 sampai 20.");
    }
    hpl
}

/// An antenatal visit: dated within the pregnancy, once a day, measurements in plausible
/// ranges, blood pressure both or neither.
pub fn periksa_kunjungan(
    b: &KunjunganBaru,
    hpl: NaiveDate,
    tercatat: &[NaiveDate],
    hari_ini: NaiveDate,
) -> Result<NaiveDate, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let awal = hpl - chrono::Duration::days(HARI_KEHAMILAN);
    match b.tanggal {
        None => g.push("tanggal", "Tanggal pemeriksaan wajib diisi."),
        Some(t) if t > hari_ini => g.push("tanggal", "Tanggal pemeriksaan belum terjadi."),
        Some(t) if t < awal => g.push(
            "tanggal",
            format!(
                "Tanggal pemeriksaan sebelum awal kehamilan ({}).",
                awal.format("%d-%m-%Y")
            ),
        ),
        Some(t) if tercatat.contains(&t) => {
            g.push("tanggal", "Pemeriksaan pada tanggal ini sudah dicatat.")
        }
        _ => {}
    }
    let batas =
        |kolom: &str, v: Option<f64>, bawah: f64, atas: f64, nama: &str, g: &mut DaftarGalat| {
            if let Some(x) = v
                && !(bawah..=atas).contains(&x)
            {
                g.push(
                    kolom,
                    format!("{nama} {x} di luar batas wajar ({bawah}–{atas}); periksa kembali."),
                );
            }
        };
    batas("berat", b.berat, 25.0, 200.0, "Berat badan", &mut g);
    batas("lila", b.lila, 10.0, 50.0, "LiLA", &mut g);
    batas(
        "sistolik",
        b.sistolik.map(|x| x as f64),
        60.0,
        250.0,
        "Tekanan sistolik",
        &mut g,
    );
    batas(
        "diastolik",
        b.diastolik.map(|x| x as f64),
        30.0,
        160.0,
        "Tekanan diastolik",
        &mut g,
    );
    if b.sistolik.is_some() != b.diastolik.is_some() {
        g.push(
            "sistolik",
            "Isi tekanan darah lengkap: sistolik dan diastolik.",
        );
    }
    if !(0..=120).contains(&b.tablet_fe) {
        g.push("tablet_fe", "Tablet tambah darah diisi 0 sampai 120 butir.");
    }
    match b.tanggal {
        Some(t) if g.is_empty() => Ok(t),
        _ => Err(g),
    }
}

/// How a pregnancy ended: a known outcome, dated within the pregnancy and not in the future.
pub fn periksa_selesai(
    hasil: &str,
    tanggal: Option<NaiveDate>,
    hpl: NaiveDate,
    hari_ini: NaiveDate,
) -> DaftarGalat {
    let mut g = DaftarGalat::default();
    if !matches!(hasil, "lahir_hidup" | "lahir_mati" | "keguguran") {
        g.push(
            "hasil",
            "Pilih hasil: lahir hidup, lahir mati, atau keguguran.",
        );
    }
    let awal = hpl - chrono::Duration::days(HARI_KEHAMILAN);
    match tanggal {
        None => g.push("tanggal_selesai", "Tanggal persalinan wajib diisi."),
        Some(t) if t > hari_ini => g.push("tanggal_selesai", "Tanggal persalinan belum terjadi."),
        Some(t) if t < awal => g.push(
            "tanggal_selesai",
            "Tanggal persalinan sebelum awal kehamilan.",
        ),
        _ => {}
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hpl_dan_usia_kehamilan() {
        let hpht = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let hpl = hpl_dari_hpht(hpht);
        assert_eq!(hpl, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(
            usia_minggu(hpl, NaiveDate::from_ymd_opt(2026, 5, 24).unwrap()),
            12
        );
        assert_eq!(usia_minggu(hpl, hpht - chrono::Duration::days(3)), 0);
    }

    #[test]
    fn tanda_risiko() {
        let sehat = DataKehamilan {
            umur_ibu: 27,
            kehamilan_ke: 2,
            jarak_bulan: Some(36),
            lila: Some(25.0),
            tekanan: Some((110, 70)),
            kunjungan: 3,
            usia_minggu: 30,
            lewat_hpl_hari: 0,
        };
        assert!(risiko(&sehat).is_empty());
        let r = risiko(&DataKehamilan {
            umur_ibu: 38,
            lila: Some(22.0),
            tekanan: Some((150, 85)),
            kunjungan: 2,
            usia_minggu: 37,
            ..sehat.clone()
        });
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(r[0].contains("terlalu tua") && r[1].contains("LiLA"));
        let r = risiko(&DataKehamilan {
            umur_ibu: 18,
            kehamilan_ke: 4,
            jarak_bulan: Some(14),
            lewat_hpl_hari: 20,
            ..sehat
        });
        assert_eq!(r.len(), 4, "{r:?}");
    }

    #[test]
    fn kehamilan_kunjungan_dan_persalinan_diperiksa() {
        let t = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let hari_ini = t("2026-03-01");
        let mut g = DaftarGalat::default();
        let b = KehamilanBaru {
            hpht: Some(t("2026-01-01")),
            kehamilan_ke: Some(25),
            ..Default::default()
        };
        assert_eq!(
            periksa_kehamilan(&b, hari_ini, &mut g),
            Some(hpl_dari_hpht(t("2026-01-01")))
        );
        assert!(g.untuk("kehamilan_ke").is_some() && g.untuk("hpl").is_none());
        let mut g = DaftarGalat::default();
        assert_eq!(
            periksa_kehamilan(&KehamilanBaru::default(), hari_ini, &mut g),
            None
        );
        assert!(g.untuk("hpl").is_some());

        let hpl = t("2026-10-08");
        let k = KunjunganBaru {
            tanggal: Some(t("2026-02-20")),
            sistolik: Some(120),
            ..Default::default()
        };
        let g = periksa_kunjungan(&k, hpl, &[], hari_ini).unwrap_err();
        assert!(g.untuk("sistolik").unwrap().contains("lengkap"));
        let k = KunjunganBaru {
            diastolik: Some(80),
            ..k
        };
        assert_eq!(
            periksa_kunjungan(&k, hpl, &[], hari_ini),
            Ok(t("2026-02-20"))
        );
        assert!(periksa_kunjungan(&k, hpl, &[t("2026-02-20")], hari_ini).is_err());

        let g = periksa_selesai("operasi", Some(t("2026-03-02")), hpl, hari_ini);
        assert!(g.untuk("hasil").is_some() && g.untuk("tanggal_selesai").is_some());
        assert!(periksa_selesai("lahir_hidup", Some(t("2026-02-28")), hpl, hari_ini).is_empty());
    }
}
