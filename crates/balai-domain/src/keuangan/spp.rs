//! Payment requests (SPP): who moves them, in which order, and when money may be recorded.
//! diajukan → diperiksa (secretary) → disetujui (head of village) → dibayar (treasurer), or
//! ditolak with a reason at either check; no one checks or approves their own request.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusSpp {
    Diajukan,
    Diperiksa,
    Disetujui,
    Dibayar,
    Ditolak,
}

impl StatusSpp {
    pub const SEMUA: [StatusSpp; 5] = [
        StatusSpp::Diajukan,
        StatusSpp::Diperiksa,
        StatusSpp::Disetujui,
        StatusSpp::Dibayar,
        StatusSpp::Ditolak,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            StatusSpp::Diajukan => "diajukan",
            StatusSpp::Diperiksa => "diperiksa",
            StatusSpp::Disetujui => "disetujui",
            StatusSpp::Dibayar => "dibayar",
            StatusSpp::Ditolak => "ditolak",
        }
    }
    pub fn dari_kode(s: &str) -> Option<StatusSpp> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            StatusSpp::Diajukan => "Menunggu pemeriksaan sekretaris desa",
            StatusSpp::Diperiksa => "Menunggu persetujuan kepala desa",
            StatusSpp::Disetujui => "Disetujui, menunggu pembayaran",
            StatusSpp::Dibayar => "Dibayar",
            StatusSpp::Ditolak => "Ditolak",
        }
    }
}

/// The two checks before a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemeriksaanSpp {
    /// The secretary checks the request against the budget and the receipts.
    Periksa,
    /// The head of village approves it.
    Setujui,
}

impl PemeriksaanSpp {
    pub fn dari(self) -> StatusSpp {
        match self {
            PemeriksaanSpp::Periksa => StatusSpp::Diajukan,
            PemeriksaanSpp::Setujui => StatusSpp::Diperiksa,
        }
    }
    pub fn ke(self) -> StatusSpp {
        match self {
            PemeriksaanSpp::Periksa => StatusSpp::Diperiksa,
            PemeriksaanSpp::Setujui => StatusSpp::Disetujui,
        }
    }
}

/// Why a step on a payment request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TolakSpp {
    /// The request is not at the status this step starts from.
    Status,
    /// The person who filed or checked it may not check or approve it too.
    OrangSama,
    /// A refusal needs a reason (at least 5 characters).
    TanpaAlasan,
}

/// The status after a check: `setuju` moves it on, otherwise it is refused with `alasan`.
pub fn periksa(
    status: StatusSpp,
    langkah: PemeriksaanSpp,
    setuju: bool,
    alasan: &str,
    pelaku: &str,
    diajukan_oleh: &str,
    diperiksa_oleh: Option<&str>,
) -> Result<StatusSpp, TolakSpp> {
    if status != langkah.dari() {
        return Err(TolakSpp::Status);
    }
    if pelaku == diajukan_oleh || diperiksa_oleh == Some(pelaku) {
        return Err(TolakSpp::OrangSama);
    }
    if !setuju && alasan.trim().chars().count() < 5 {
        return Err(TolakSpp::TanpaAlasan);
    }
    Ok(if setuju {
        langkah.ke()
    } else {
        StatusSpp::Ditolak
    })
}

/// Only an approved request is paid.
pub fn boleh_dibayar(status: StatusSpp) -> bool {
    status == StatusSpp::Disetujui
}

/// Who records a payment: never the person who filed the request (four eyes on the money).
pub fn pembayar(pelaku: &str, diajukan_oleh: &str) -> Result<(), TolakSpp> {
    if pelaku == diajukan_oleh {
        Err(TolakSpp::OrangSama)
    } else {
        Ok(())
    }
}

/// Money is recorded on the day it moves, never on a day that has not come yet: a message for
/// the date field, or `None`.
pub fn tanggal_transaksi(tanggal: NaiveDate, hari_ini: NaiveDate) -> Option<String> {
    (tanggal > hari_ini).then(|| {
        format!(
            "Tanggal {} belum tiba. Catat transaksi pada hari terjadinya atau sesudahnya (hari ini {}).",
            tanggal.format("%d-%m-%Y"),
            hari_ini.format("%d-%m-%Y")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalur_spp_dengan_empat_mata() {
        let s = periksa(
            StatusSpp::Diajukan,
            PemeriksaanSpp::Periksa,
            true,
            "",
            "sekdes",
            "operator",
            None,
        )
        .unwrap();
        assert_eq!(s, StatusSpp::Diperiksa);
        let s = periksa(
            s,
            PemeriksaanSpp::Setujui,
            true,
            "",
            "kades",
            "operator",
            Some("sekdes"),
        )
        .unwrap();
        assert!(boleh_dibayar(s));
        assert!(!boleh_dibayar(StatusSpp::Diperiksa));
        assert_eq!(pembayar("operator", "operator"), Err(TolakSpp::OrangSama));
        assert_eq!(pembayar("bendahara", "operator"), Ok(()));
    }

    #[test]
    fn langkah_yang_tidak_berlaku_ditolak() {
        // Approval before the check, and a second check.
        let e = periksa(
            StatusSpp::Diajukan,
            PemeriksaanSpp::Setujui,
            true,
            "",
            "kades",
            "op",
            None,
        );
        assert_eq!(e, Err(TolakSpp::Status));
        let e = periksa(
            StatusSpp::Dibayar,
            PemeriksaanSpp::Periksa,
            true,
            "",
            "sekdes",
            "op",
            None,
        );
        assert_eq!(e, Err(TolakSpp::Status));
        // The one who filed it, or checked it, does not approve it.
        let e = periksa(
            StatusSpp::Diajukan,
            PemeriksaanSpp::Periksa,
            true,
            "",
            "op",
            "op",
            None,
        );
        assert_eq!(e, Err(TolakSpp::OrangSama));
        let e = periksa(
            StatusSpp::Diperiksa,
            PemeriksaanSpp::Setujui,
            true,
            "",
            "sekdes",
            "op",
            Some("sekdes"),
        );
        assert_eq!(e, Err(TolakSpp::OrangSama));
        // A refusal says why.
        let e = periksa(
            StatusSpp::Diajukan,
            PemeriksaanSpp::Periksa,
            false,
            " no ",
            "s",
            "o",
            None,
        );
        assert_eq!(e, Err(TolakSpp::TanpaAlasan));
        let s = periksa(
            StatusSpp::Diajukan,
            PemeriksaanSpp::Periksa,
            false,
            "Kuitansi tidak lengkap",
            "s",
            "o",
            None,
        );
        assert_eq!(s, Ok(StatusSpp::Ditolak));
    }

    #[test]
    fn tanggal_yang_belum_tiba_ditolak() {
        let hari = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(tanggal_transaksi(hari, hari), None);
        assert_eq!(tanggal_transaksi(hari.pred_opt().unwrap(), hari), None);
        let e = tanggal_transaksi(hari.succ_opt().unwrap(), hari).unwrap();
        assert!(e.contains("07-12-2026") && e.contains("06-12-2026"), "{e}");
    }

    #[test]
    fn kode_bolak_balik() {
        for s in StatusSpp::SEMUA {
            assert_eq!(StatusSpp::dari_kode(s.kode()), Some(s));
        }
    }
}
