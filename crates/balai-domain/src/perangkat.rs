//! Village staff and institutions: the institutions a village keeps, which positions may have
//! several holders at once, and when two tenures of one position overlap.

use chrono::NaiveDate;

/// The institutions (lembaga) whose members and terms the village records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lembaga {
    /// The village government: kades, sekdes, kaur, kasi, kadus.
    Pemdes,
    Bpd,
    Lpm,
    Pkk,
    KarangTaruna,
    Rw,
    Rt,
    Posyandu,
    /// Kader pemberdayaan masyarakat (KPM) and other development cadres.
    Kpm,
    Lainnya,
}

impl Lembaga {
    pub const SEMUA: [Lembaga; 10] = [
        Lembaga::Pemdes,
        Lembaga::Bpd,
        Lembaga::Lpm,
        Lembaga::Pkk,
        Lembaga::KarangTaruna,
        Lembaga::Rw,
        Lembaga::Rt,
        Lembaga::Posyandu,
        Lembaga::Kpm,
        Lembaga::Lainnya,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Lembaga::Pemdes => "pemdes",
            Lembaga::Bpd => "bpd",
            Lembaga::Lpm => "lpm",
            Lembaga::Pkk => "pkk",
            Lembaga::KarangTaruna => "karang_taruna",
            Lembaga::Rw => "rw",
            Lembaga::Rt => "rt",
            Lembaga::Posyandu => "posyandu",
            Lembaga::Kpm => "kpm",
            Lembaga::Lainnya => "lainnya",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Lembaga> {
        Lembaga::SEMUA.into_iter().find(|l| l.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Lembaga::Pemdes => "Pemerintah Desa",
            Lembaga::Bpd => "Badan Permusyawaratan Desa (BPD)",
            Lembaga::Lpm => "Lembaga Pemberdayaan Masyarakat (LPM)",
            Lembaga::Pkk => "Tim Penggerak PKK",
            Lembaga::KarangTaruna => "Karang Taruna",
            Lembaga::Rw => "Ketua RW",
            Lembaga::Rt => "Ketua RT",
            Lembaga::Posyandu => "Kader Posyandu",
            Lembaga::Kpm => "Kader Pemberdayaan Masyarakat",
            Lembaga::Lainnya => "Lembaga lain",
        }
    }
    /// Books D.4 lists the cadres of these institutions.
    pub fn kader(self) -> bool {
        matches!(self, Lembaga::Posyandu | Lembaga::Kpm)
    }
}

/// Positions that naturally have several holders at once ("Anggota BPD", "Kader Posyandu",
/// "Staf"): never refused as an overlap.
pub fn jabatan_bersama(jabatan: &str) -> bool {
    let j = jabatan.trim().to_lowercase();
    [
        "anggota",
        "kader",
        "staf",
        "pelaksana",
        "kelompok kerja",
        "pokja",
    ]
    .iter()
    .any(|a| j.starts_with(a))
}

/// A tenure's days as a half-open range: from `mulai` (unknown: since ever) to the dismissal
/// date (the first day out of office), else to the day after the term ends, else open.
pub fn rentang(
    mulai: Option<NaiveDate>,
    selesai: Option<NaiveDate>,
    henti: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let awal = mulai.unwrap_or(NaiveDate::MIN);
    let akhir = henti
        .or_else(|| selesai.and_then(|s| s.succ_opt()))
        .unwrap_or(NaiveDate::MAX);
    (awal, akhir)
}

/// Whether two half-open ranges share a day.
pub fn bertumpuk(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether a tenure is in office at some day of [dari, sampai] (both inclusive).
pub fn menjabat_dalam(r: (NaiveDate, NaiveDate), dari: NaiveDate, sampai: NaiveDate) -> bool {
    r.0 <= sampai && dari < r.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn masa_jabatan_bertumpuk() {
        let lama = rentang(Some(t("2019-06-01")), Some(t("2025-05-31")), None);
        // The successor may start the day after the term ends, or on the dismissal date.
        assert!(!bertumpuk(lama, rentang(Some(t("2025-06-01")), None, None)));
        assert!(bertumpuk(lama, rentang(Some(t("2025-05-31")), None, None)));
        let berhenti = rentang(
            Some(t("2019-06-01")),
            Some(t("2025-05-31")),
            Some(t("2023-01-10")),
        );
        assert!(!bertumpuk(
            berhenti,
            rentang(Some(t("2023-01-10")), None, None)
        ));
        assert!(bertumpuk(
            rentang(None, None, None),
            rentang(Some(t("2020-01-01")), None, None)
        ));
        assert!(menjabat_dalam(berhenti, t("2023-01-01"), t("2023-12-31")));
        assert!(!menjabat_dalam(berhenti, t("2023-01-10"), t("2023-12-31")));
    }

    #[test]
    fn jabatan_yang_boleh_dipegang_bersama() {
        assert!(jabatan_bersama("Anggota"));
        assert!(jabatan_bersama("anggota BPD"));
        assert!(jabatan_bersama("Kader Posyandu"));
        assert!(!jabatan_bersama("Ketua"));
        assert!(!jabatan_bersama("Sekretaris Desa"));
        for l in Lembaga::SEMUA {
            assert_eq!(Lembaga::dari_kode(l.kode()), Some(l));
        }
    }
}
