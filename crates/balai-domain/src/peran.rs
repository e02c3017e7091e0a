//! Staff roles and what each may do. Village roles act on one village; the others read the
//! villages under a region. The web layer's route table (`balai-web/src/izin.rs`) and the
//! store's checks both ask these functions.

use serde::Serialize;

/// Roles. Village roles act on one village; the others read the villages under a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Peran {
    /// Manages the install: villages and all accounts.
    AdminSistem,
    Admin,
    Operator,
    Sekdes,
    Kades,
    /// Kaur Keuangan: records payments, receipts and tax deposits, and nothing else.
    Bendahara,
    Kecamatan,
    Kabupaten,
    Opd,
    /// The district's civil registry office: works the queue of civil registration
    /// applications of the villages under its region; reads nothing else.
    Dukcapil,
    /// The district's social affairs office (Dinas Sosial): verifies and pays death benefit
    /// claims and reads the aid programmes of the villages under its region.
    Dinsos,
    /// A posyandu cadre: records the posyandu days of one posyandu of the village (its id is
    /// the account's `cakupan`) and sees nothing else.
    Kader,
}

impl Peran {
    pub const SEMUA: [Peran; 12] = [
        Peran::AdminSistem,
        Peran::Admin,
        Peran::Operator,
        Peran::Sekdes,
        Peran::Kades,
        Peran::Bendahara,
        Peran::Kecamatan,
        Peran::Kabupaten,
        Peran::Opd,
        Peran::Dukcapil,
        Peran::Dinsos,
        Peran::Kader,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Peran::AdminSistem => "admin_sistem",
            Peran::Admin => "admin",
            Peran::Operator => "operator",
            Peran::Sekdes => "sekdes",
            Peran::Kades => "kades",
            Peran::Bendahara => "bendahara",
            Peran::Kecamatan => "kecamatan",
            Peran::Kabupaten => "kabupaten",
            Peran::Opd => "opd",
            Peran::Dukcapil => "dukcapil",
            Peran::Dinsos => "dinsos",
            Peran::Kader => "kader",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Peran> {
        Peran::SEMUA.into_iter().find(|p| p.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Peran::AdminSistem => "Admin sistem",
            Peran::Admin => "Admin desa",
            Peran::Operator => "Operator",
            Peran::Sekdes => "Sekretaris desa",
            Peran::Kades => "Kepala desa",
            Peran::Bendahara => "Kaur Keuangan (bendahara)",
            Peran::Kecamatan => "Pemantau kecamatan",
            Peran::Kabupaten => "Pemantau kabupaten",
            Peran::Opd => "Pemantau OPD",
            Peran::Dukcapil => "Petugas Dukcapil",
            Peran::Dinsos => "Petugas Dinas Sosial",
            Peran::Kader => "Kader posyandu",
        }
    }
    /// A role bound to one village.
    pub fn peran_desa(self) -> bool {
        matches!(
            self,
            Peran::Admin
                | Peran::Operator
                | Peran::Sekdes
                | Peran::Kades
                | Peran::Bendahara
                | Peran::Kader
        )
    }
    /// May change registry data.
    pub fn boleh_tulis(self) -> bool {
        matches!(
            self,
            Peran::AdminSistem | Peran::Admin | Peran::Operator | Peran::Sekdes
        )
    }
    /// May record posyandu days: the roles that enter data, and cadres (for their posyandu).
    pub fn boleh_catat_posyandu(self) -> bool {
        self.boleh_tulis() || self == Peran::Kader
    }
    /// Sees only a part of the village's work, not the village menu: Dukcapil, the Dinas
    /// Sosial and cadres.
    pub fn terbatas(self) -> bool {
        matches!(self, Peran::Dukcapil | Peran::Dinsos | Peran::Kader)
    }
    /// May sign letters: the head of the village, or the secretary on the head's behalf.
    pub fn boleh_tandatangan(self) -> bool {
        matches!(self, Peran::Kades | Peran::Sekdes)
    }
    /// Records money moving: pays approved payment requests, receipts, tax deposits.
    pub fn boleh_bayar(self) -> bool {
        self == Peran::Bendahara
    }
    /// May annul a wrongly recorded vital event (with a written reason): the secretary, who
    /// keeps the registers, and the admins.
    pub fn boleh_batalkan_peristiwa(self) -> bool {
        matches!(self, Peran::Sekdes | Peran::Admin | Peran::AdminSistem)
    }
    /// May manage accounts, the village profile, tokens, and browse the audit log.
    pub fn boleh_kelola(self) -> bool {
        matches!(self, Peran::AdminSistem | Peran::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hak_tiap_peran() {
        // Registry data: admins, operator, secretary; never the head or the district monitors.
        let tulis: Vec<_> = Peran::SEMUA
            .into_iter()
            .filter(|p| p.boleh_tulis())
            .collect();
        assert_eq!(
            tulis,
            [
                Peran::AdminSistem,
                Peran::Admin,
                Peran::Operator,
                Peran::Sekdes
            ]
        );
        let kelola: Vec<_> = Peran::SEMUA
            .into_iter()
            .filter(|p| p.boleh_kelola())
            .collect();
        assert_eq!(kelola, [Peran::AdminSistem, Peran::Admin]);
        assert!(Peran::Kades.boleh_tandatangan() && Peran::Sekdes.boleh_tandatangan());
        assert!(!Peran::Operator.boleh_tandatangan());
        // Only the treasurer moves money, and the treasurer changes nothing else.
        assert!(Peran::Bendahara.boleh_bayar() && !Peran::Bendahara.boleh_tulis());
        assert!(!Peran::Operator.boleh_bayar() && !Peran::Admin.boleh_bayar());
        // A cadre records posyandu days and nothing else.
        assert!(Peran::Kader.boleh_catat_posyandu() && Peran::Kader.peran_desa());
        assert!(!Peran::Kader.boleh_tulis() && !Peran::Kader.boleh_kelola());
        assert!(!Peran::Kades.boleh_catat_posyandu());
        for p in [
            Peran::Kecamatan,
            Peran::Kabupaten,
            Peran::Opd,
            Peran::Dukcapil,
            Peran::Dinsos,
        ] {
            assert!(!p.peran_desa() && !p.boleh_tulis() && !p.boleh_kelola());
        }
    }

    #[test]
    fn kode_bolak_balik() {
        for p in Peran::SEMUA {
            assert_eq!(Peran::dari_kode(p.kode()), Some(p));
        }
        assert_eq!(Peran::dari_kode("root"), None);
    }
}
