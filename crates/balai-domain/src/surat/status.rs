//! The life of a letter: which action moves it from which status to which. The store enforces
//! these moves; the screens and the API show only the actions a letter's status allows.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSurat {
    Diajukan,
    Diperiksa,
    Diterbitkan,
    Diserahkan,
    Ditolak,
    Dibatalkan,
}

impl StatusSurat {
    pub const SEMUA: [StatusSurat; 6] = [
        StatusSurat::Diajukan,
        StatusSurat::Diperiksa,
        StatusSurat::Diterbitkan,
        StatusSurat::Diserahkan,
        StatusSurat::Ditolak,
        StatusSurat::Dibatalkan,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            StatusSurat::Diajukan => "diajukan",
            StatusSurat::Diperiksa => "diperiksa",
            StatusSurat::Diterbitkan => "diterbitkan",
            StatusSurat::Diserahkan => "diserahkan",
            StatusSurat::Ditolak => "ditolak",
            StatusSurat::Dibatalkan => "dibatalkan",
        }
    }
    pub fn dari_kode(s: &str) -> Option<StatusSurat> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    /// What the status means, for staff and residents.
    pub fn label(self) -> &'static str {
        match self {
            StatusSurat::Diajukan => "Diajukan, menunggu pemeriksaan",
            StatusSurat::Diperiksa => "Sudah diperiksa, menunggu tanda tangan",
            StatusSurat::Diterbitkan => "Terbit, siap diserahkan",
            StatusSurat::Diserahkan => "Sudah diserahkan",
            StatusSurat::Ditolak => "Ditolak",
            StatusSurat::Dibatalkan => "Dibatalkan (dicabut)",
        }
    }
    /// True once the letter has a number and a signature.
    pub fn terbit(self) -> bool {
        matches!(
            self,
            StatusSurat::Diterbitkan | StatusSurat::Diserahkan | StatusSurat::Dibatalkan
        )
    }
}

/// What staff do to a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AksiSurat {
    /// The operator has checked the person's data, requirements and attachments.
    Periksa,
    /// The head of the village (or a delegate) signs: the letter gets its number.
    Tandatangani,
    Tolak,
    /// Handed to the resident.
    Serahkan,
    /// Revoked after issue: it keeps its number and verifies as revoked.
    Batalkan,
}

impl AksiSurat {
    /// The statuses this action may start from.
    pub fn dari(self) -> &'static [StatusSurat] {
        match self {
            AksiSurat::Periksa => &[StatusSurat::Diajukan],
            AksiSurat::Tandatangani => &[StatusSurat::Diperiksa],
            AksiSurat::Tolak => &[StatusSurat::Diajukan, StatusSurat::Diperiksa],
            AksiSurat::Serahkan => &[StatusSurat::Diterbitkan],
            AksiSurat::Batalkan => &[StatusSurat::Diterbitkan, StatusSurat::Diserahkan],
        }
    }
    pub fn ke(self) -> StatusSurat {
        match self {
            AksiSurat::Periksa => StatusSurat::Diperiksa,
            AksiSurat::Tandatangani => StatusSurat::Diterbitkan,
            AksiSurat::Tolak => StatusSurat::Ditolak,
            AksiSurat::Serahkan => StatusSurat::Diserahkan,
            AksiSurat::Batalkan => StatusSurat::Dibatalkan,
        }
    }
}

impl StatusSurat {
    /// The status after `aksi`, or why the letter's status does not allow it.
    pub fn setelah(self, aksi: AksiSurat) -> Result<StatusSurat, String> {
        if aksi.dari().contains(&self) {
            return Ok(aksi.ke());
        }
        Err(match (aksi, self) {
            (AksiSurat::Tandatangani, StatusSurat::Diajukan) => {
                "Permohonan ini belum diperiksa. Periksa data pemohon dahulu, baru tanda tangani."
                    .into()
            }
            (AksiSurat::Tandatangani, _) => format!(
                "Surat berstatus \"{}\" tidak dapat ditandatangani lagi.",
                self.label()
            ),
            _ => format!(
                "Surat berstatus \"{}\" tidak dapat diubah menjadi \"{}\".",
                self.label(),
                aksi.ke().label()
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jalur_biasa_dari_pengajuan_sampai_diserahkan() {
        let s = StatusSurat::Diajukan;
        let s = s.setelah(AksiSurat::Periksa).unwrap();
        let s = s.setelah(AksiSurat::Tandatangani).unwrap();
        assert!(s.terbit());
        let s = s.setelah(AksiSurat::Serahkan).unwrap();
        assert_eq!(s.setelah(AksiSurat::Batalkan), Ok(StatusSurat::Dibatalkan));
    }

    #[test]
    fn belum_diperiksa_tidak_dapat_ditandatangani() {
        let e = StatusSurat::Diajukan
            .setelah(AksiSurat::Tandatangani)
            .unwrap_err();
        assert!(e.contains("belum diperiksa"), "{e}");
    }

    #[test]
    fn surat_terbit_tidak_dapat_ditolak_atau_ditandatangani_lagi() {
        for s in [StatusSurat::Diterbitkan, StatusSurat::Diserahkan] {
            assert!(s.setelah(AksiSurat::Tolak).is_err());
            assert!(s.setelah(AksiSurat::Tandatangani).is_err());
        }
        for aksi in [
            AksiSurat::Periksa,
            AksiSurat::Tandatangani,
            AksiSurat::Tolak,
            AksiSurat::Serahkan,
            AksiSurat::Batalkan,
        ] {
            assert!(StatusSurat::Ditolak.setelah(aksi).is_err(), "{aksi:?}");
            assert!(StatusSurat::Dibatalkan.setelah(aksi).is_err(), "{aksi:?}");
        }
    }

    #[test]
    fn kode_bolak_balik() {
        for s in StatusSurat::SEMUA {
            assert_eq!(StatusSurat::dari_kode(s.kode()), Some(s));
        }
    }
}
