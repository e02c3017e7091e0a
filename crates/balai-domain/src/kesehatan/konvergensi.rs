//! Stunting convergence indicators per target family: the household-level services the village
//! reports to the stunting programme (drinking water, latrine, health insurance, birth
//! certificate, PAUD). A target family has a child under five or a pregnant woman. Water and
//! latrine are recorded by a cadre or the village; the other three come from the registry and
//! the education module, so they are never typed twice.

use crate::galat::DaftarGalat;
use chrono::NaiveDate;

/// Asuransi codes that are JKN (BPJS Kesehatan): PBI, non-PBI and regional PBI.
const JKN: [i16; 3] = [2, 3, 4];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indikator {
    AirMinum,
    Jamban,
    Jkn,
    AktaLahir,
    Paud,
}

impl Indikator {
    pub const SEMUA: [Indikator; 5] = [
        Indikator::AirMinum,
        Indikator::Jamban,
        Indikator::Jkn,
        Indikator::AktaLahir,
        Indikator::Paud,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Indikator::AirMinum => "air_minum",
            Indikator::Jamban => "jamban",
            Indikator::Jkn => "jkn",
            Indikator::AktaLahir => "akta_lahir",
            Indikator::Paud => "paud",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Indikator::AirMinum => "Air minum layak",
            Indikator::Jamban => "Jamban sehat",
            Indikator::Jkn => "JKN (BPJS Kesehatan) ibu hamil dan balita",
            Indikator::AktaLahir => "Akta kelahiran balita",
            Indikator::Paud => "Anak 3–6 tahun ikut PAUD",
        }
    }
}

/// One indicator for one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nilai {
    Ya,
    Tidak,
    /// Not recorded yet (water, latrine, an insurance or school state left empty).
    BelumDicatat,
    /// The family has nobody the indicator is about (no child of 3–6 for PAUD).
    TidakBerlaku,
}

impl Nilai {
    pub fn label(self) -> &'static str {
        match self {
            Nilai::Ya => "Ya",
            Nilai::Tidak => "Tidak",
            Nilai::BelumDicatat => "Belum dicatat",
            Nilai::TidakBerlaku => "—",
        }
    }
    pub fn kode(self) -> &'static str {
        match self {
            Nilai::Ya => "ya",
            Nilai::Tidak => "tidak",
            Nilai::BelumDicatat => "belum",
            Nilai::TidakBerlaku => "-",
        }
    }
}

/// A member of a target family the indicators look at.
#[derive(Debug, Clone, Default)]
pub struct Anggota {
    /// Under five on the day of the view.
    pub balita: bool,
    /// An open pregnancy.
    pub hamil: bool,
    /// Aged 3–6 years (the education module's PAUD age).
    pub usia_paud: bool,
    pub akta_lahir: bool,
    pub asuransi_id: Option<i16>,
    /// In PAUD or already in school (`Some(true)`), not (`Some(false)`), unknown (`None`).
    pub ikut_paud: Option<bool>,
}

/// Water and latrine as last checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sanitasi {
    pub air_minum_layak: bool,
    pub jamban_sehat: bool,
}

/// Whether a family is a target of the convergence programme.
pub fn sasaran(anggota: &[Anggota]) -> bool {
    anggota.iter().any(|a| a.balita || a.hamil)
}

/// One indicator of a family.
pub fn nilai(ind: Indikator, sanitasi: Option<Sanitasi>, anggota: &[Anggota]) -> Nilai {
    let semua = |pilih: &dyn Fn(&Anggota) -> bool, cek: &dyn Fn(&Anggota) -> Option<bool>| {
        let terkait: Vec<Option<bool>> = anggota.iter().filter(|a| pilih(a)).map(cek).collect();
        if terkait.is_empty() {
            Nilai::TidakBerlaku
        } else if terkait.contains(&Some(false)) {
            Nilai::Tidak
        } else if terkait.contains(&None) {
            Nilai::BelumDicatat
        } else {
            Nilai::Ya
        }
    };
    let ya_tidak = |b: bool| if b { Nilai::Ya } else { Nilai::Tidak };
    match ind {
        Indikator::AirMinum => {
            sanitasi.map_or(Nilai::BelumDicatat, |s| ya_tidak(s.air_minum_layak))
        }
        Indikator::Jamban => sanitasi.map_or(Nilai::BelumDicatat, |s| ya_tidak(s.jamban_sehat)),
        Indikator::Jkn => semua(&|a| a.balita || a.hamil, &|a| {
            a.asuransi_id.map(|k| JKN.contains(&k))
        }),
        Indikator::AktaLahir => semua(&|a| a.balita, &|a| Some(a.akta_lahir)),
        Indikator::Paud => semua(&|a| a.usia_paud, &|a| a.ikut_paud),
    }
}

/// Checks a recorded check of water and latrine: the date is not after today nor long before.
pub fn periksa(
    dicek_pada: Option<NaiveDate>,
    catatan: &str,
    hari_ini: NaiveDate,
) -> Result<NaiveDate, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let tanggal = match dicek_pada {
        None => {
            g.push("dicek_pada", "Isi tanggal pemeriksaan (dd-mm-yyyy).");
            None
        }
        Some(t) if t > hari_ini => {
            g.push(
                "dicek_pada",
                "Tanggal pemeriksaan tidak boleh setelah hari ini.",
            );
            None
        }
        Some(t) if t < hari_ini - chrono::Duration::days(366 * 5) => {
            g.push(
                "dicek_pada",
                "Tanggal pemeriksaan lebih dari lima tahun lalu; periksa ulang keluarga ini.",
            );
            None
        }
        Some(t) => Some(t),
    };
    if catatan.chars().count() > 500 {
        g.push("catatan", "Catatan paling banyak 500 huruf.");
    }
    match tanggal {
        Some(t) if g.is_empty() => Ok(t),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn balita(akta: bool, asuransi: Option<i16>) -> Anggota {
        Anggota {
            balita: true,
            akta_lahir: akta,
            asuransi_id: asuransi,
            ..Default::default()
        }
    }

    #[test]
    fn indikator_per_keluarga() {
        let ibu = Anggota {
            hamil: true,
            asuransi_id: Some(2),
            ..Default::default()
        };
        let k = vec![ibu.clone(), balita(true, Some(3))];
        assert!(sasaran(&k));
        assert!(!sasaran(&[Anggota::default()]));
        let s = Some(Sanitasi {
            air_minum_layak: true,
            jamban_sehat: false,
        });
        assert_eq!(nilai(Indikator::AirMinum, s, &k), Nilai::Ya);
        assert_eq!(nilai(Indikator::Jamban, s, &k), Nilai::Tidak);
        assert_eq!(nilai(Indikator::AirMinum, None, &k), Nilai::BelumDicatat);
        assert_eq!(nilai(Indikator::Jkn, s, &k), Nilai::Ya);
        assert_eq!(nilai(Indikator::AktaLahir, s, &k), Nilai::Ya);
        // Nobody of PAUD age: not applicable, so it does not lower the village's share.
        assert_eq!(nilai(Indikator::Paud, s, &k), Nilai::TidakBerlaku);
        // One child without a birth certificate or JKN is enough for "Tidak".
        let k2 = vec![balita(true, Some(2)), balita(false, Some(1))];
        assert_eq!(nilai(Indikator::AktaLahir, s, &k2), Nilai::Tidak);
        assert_eq!(nilai(Indikator::Jkn, s, &k2), Nilai::Tidak);
        // Insurance left empty is "not recorded", other insurance is not JKN.
        assert_eq!(
            nilai(Indikator::Jkn, s, &[balita(true, None)]),
            Nilai::BelumDicatat
        );
        assert_eq!(
            nilai(Indikator::Jkn, s, &[balita(true, Some(99))]),
            Nilai::Tidak
        );
        // PAUD from the education module's state.
        let anak = |ikut| Anggota {
            usia_paud: true,
            balita: true,
            ikut_paud: ikut,
            ..Default::default()
        };
        assert_eq!(nilai(Indikator::Paud, s, &[anak(Some(true))]), Nilai::Ya);
        assert_eq!(
            nilai(Indikator::Paud, s, &[anak(Some(true)), anak(Some(false))]),
            Nilai::Tidak
        );
        assert_eq!(
            nilai(Indikator::Paud, s, &[anak(None)]),
            Nilai::BelumDicatat
        );
    }

    #[test]
    fn tanggal_pemeriksaan() {
        let hari = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(periksa(Some(hari), "", hari), Ok(hari));
        let g = periksa(hari.succ_opt(), "", hari).unwrap_err();
        assert!(g.untuk("dicek_pada").unwrap().contains("setelah hari ini"));
        assert!(
            periksa(None, "", hari)
                .unwrap_err()
                .untuk("dicek_pada")
                .is_some()
        );
        let g = periksa(Some(hari), &"x".repeat(501), hari).unwrap_err();
        assert!(g.untuk("catatan").is_some());
    }
}
