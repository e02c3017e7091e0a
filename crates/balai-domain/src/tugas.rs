//! Work that waits for someone: which kinds of waiting work each role acts on, and how long
//! each may wait before it is late. The start page and the menu badges both ask this.

use crate::peran::Peran;
use chrono::Duration;

/// A kind of work waiting in a village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JenisTugas {
    /// A letter request (counter, portal, kiosk or API) to be checked.
    PeriksaSurat,
    /// A checked letter waiting for the signature.
    TandatanganSurat,
    /// A new complaint with no answer yet.
    Pengaduan,
    /// A resident's request to correct or delete their data.
    PermintaanData,
    /// A marketplace listing waiting for approval.
    Lapak,
    /// A payment request (SPP) for the secretary to check.
    PeriksaSpp,
    /// A checked SPP for the head of village to approve.
    SetujuiSpp,
    /// An approved SPP for the treasurer to pay.
    BayarSpp,
}

/// The menu section a kind of work belongs to (for the badges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bagian {
    Layanan,
    Keuangan,
    Situs,
}

impl JenisTugas {
    pub const SEMUA: [JenisTugas; 8] = [
        JenisTugas::PeriksaSurat,
        JenisTugas::TandatanganSurat,
        JenisTugas::Pengaduan,
        JenisTugas::PermintaanData,
        JenisTugas::Lapak,
        JenisTugas::PeriksaSpp,
        JenisTugas::SetujuiSpp,
        JenisTugas::BayarSpp,
    ];

    /// What a role acts on, most pressing first.
    pub fn untuk(peran: Peran) -> &'static [JenisTugas] {
        use JenisTugas::*;
        match peran {
            Peran::Kades => &[TandatanganSurat, SetujuiSpp],
            Peran::Sekdes => &[PeriksaSpp, TandatanganSurat, PeriksaSurat],
            Peran::Operator | Peran::Admin => &[PeriksaSurat, Pengaduan, PermintaanData, Lapak],
            Peran::Bendahara => &[BayarSpp],
            Peran::AdminSistem
            | Peran::Kecamatan
            | Peran::Kabupaten
            | Peran::Opd
            | Peran::Dukcapil
            | Peran::Dinsos
            | Peran::Kader => &[],
        }
    }

    pub fn judul(self) -> &'static str {
        match self {
            JenisTugas::PeriksaSurat => "Permohonan surat perlu diperiksa",
            JenisTugas::TandatanganSurat => "Surat menunggu tanda tangan",
            JenisTugas::Pengaduan => "Pengaduan belum dijawab",
            JenisTugas::PermintaanData => "Permintaan perbaikan data",
            JenisTugas::Lapak => "Produk lapak menunggu pemeriksaan",
            JenisTugas::PeriksaSpp => "SPP perlu diperiksa",
            JenisTugas::SetujuiSpp => "SPP menunggu persetujuan",
            JenisTugas::BayarSpp => "SPP disetujui, perlu dibayar",
        }
    }

    /// A stable name for ids and tests.
    pub fn kode(self) -> &'static str {
        match self {
            JenisTugas::PeriksaSurat => "periksa-surat",
            JenisTugas::TandatanganSurat => "tandatangan-surat",
            JenisTugas::Pengaduan => "pengaduan",
            JenisTugas::PermintaanData => "permintaan-data",
            JenisTugas::Lapak => "lapak",
            JenisTugas::PeriksaSpp => "periksa-spp",
            JenisTugas::SetujuiSpp => "setujui-spp",
            JenisTugas::BayarSpp => "bayar-spp",
        }
    }

    pub fn bagian(self) -> Bagian {
        match self {
            JenisTugas::PeriksaSurat
            | JenisTugas::TandatanganSurat
            | JenisTugas::Pengaduan
            | JenisTugas::PermintaanData => Bagian::Layanan,
            JenisTugas::Lapak => Bagian::Situs,
            JenisTugas::PeriksaSpp | JenisTugas::SetujuiSpp | JenisTugas::BayarSpp => {
                Bagian::Keuangan
            }
        }
    }

    /// How long this work may wait. Letters use their type's service time instead, when known.
    pub fn batas_waktu(self) -> Duration {
        match self {
            JenisTugas::PeriksaSurat | JenisTugas::TandatanganSurat => Duration::hours(24),
            JenisTugas::Pengaduan => Duration::hours(72),
            JenisTugas::PermintaanData => Duration::days(7),
            JenisTugas::Lapak => Duration::hours(48),
            // Each SPP step within two working days keeps a payment within the week.
            JenisTugas::PeriksaSpp | JenisTugas::SetujuiSpp | JenisTugas::BayarSpp => {
                Duration::hours(48)
            }
        }
    }
}

/// How many of each kind wait in one village.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JumlahTugas(pub [i64; 8]);

impl JumlahTugas {
    pub fn dari(&self, j: JenisTugas) -> i64 {
        let i = JenisTugas::SEMUA.iter().position(|x| *x == j).unwrap_or(0);
        self.0[i]
    }
    pub fn set(&mut self, j: JenisTugas, n: i64) {
        if let Some(i) = JenisTugas::SEMUA.iter().position(|x| *x == j) {
            self.0[i] = n;
        }
    }
    /// What waits for this role in one menu section.
    pub fn bagian(&self, peran: Peran, b: Bagian) -> i64 {
        JenisTugas::untuk(peran)
            .iter()
            .filter(|j| j.bagian() == b)
            .map(|j| self.dari(*j))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiap_peran_desa_punya_tugas_dan_pemantau_tidak() {
        assert!(JenisTugas::untuk(Peran::Kades).contains(&JenisTugas::TandatanganSurat));
        assert!(JenisTugas::untuk(Peran::Kades).contains(&JenisTugas::SetujuiSpp));
        assert_eq!(JenisTugas::untuk(Peran::Bendahara), &[JenisTugas::BayarSpp]);
        assert!(JenisTugas::untuk(Peran::Kabupaten).is_empty());
        // Each kind of work has someone to do it.
        for j in JenisTugas::SEMUA {
            assert!(
                Peran::SEMUA
                    .iter()
                    .any(|p| JenisTugas::untuk(*p).contains(&j)),
                "{j:?}"
            );
        }
    }

    #[test]
    fn lencana_menjumlah_tugas_peran_per_bagian() {
        let mut n = JumlahTugas::default();
        n.set(JenisTugas::TandatanganSurat, 2);
        n.set(JenisTugas::SetujuiSpp, 3);
        n.set(JenisTugas::PeriksaSurat, 5);
        n.set(JenisTugas::BayarSpp, 7);
        assert_eq!(n.bagian(Peran::Kades, Bagian::Layanan), 2);
        assert_eq!(n.bagian(Peran::Kades, Bagian::Keuangan), 3);
        assert_eq!(n.bagian(Peran::Operator, Bagian::Layanan), 5);
        assert_eq!(n.bagian(Peran::Operator, Bagian::Keuangan), 0);
        assert_eq!(n.bagian(Peran::Bendahara, Bagian::Keuangan), 7);
    }
}
