//! The practice village's guided tour: the first tasks a new staff member practises, each
//! recognised by the audit entry it leaves behind (so progress needs no state of its own).

use crate::peran::Peran;

/// The mark on every page and document of a practice village.
pub const TANDA_AIR: &str = "LATIHAN — TIDAK SAH";

/// One task of the tour.
#[derive(Debug, Clone, Copy)]
pub struct TugasLatihan {
    pub kode: &'static str,
    pub judul: &'static str,
    /// What to do, in a sentence an operator new to computers can follow.
    pub petunjuk: &'static str,
    /// The page to start from, under `/desa/{kode}`.
    pub jalur: &'static str,
    /// The audit entry (action, object) the task leaves.
    pub aksi: &'static str,
    pub objek: &'static str,
    pub untuk: fn(Peran) -> bool,
}

fn semua(_: Peran) -> bool {
    true
}

fn penulis(p: Peran) -> bool {
    p.boleh_tulis()
}

fn penanda(p: Peran) -> bool {
    p.boleh_tandatangan()
}

fn bendahara(p: Peran) -> bool {
    p.boleh_bayar()
}

pub const TUGAS: &[TugasLatihan] = &[
    TugasLatihan {
        kode: "cari_penduduk",
        judul: "Cari seorang penduduk dan buka datanya",
        petunjuk: "Buka Kependudukan › Penduduk, ketik sebagian nama atau NIK di kotak cari, lalu klik nama orangnya.",
        jalur: "/penduduk",
        aksi: "lihat",
        objek: "penduduk",
        untuk: semua,
    },
    TugasLatihan {
        kode: "catat_kelahiran",
        judul: "Catat kelahiran bayi",
        petunjuk: "Buka Kependudukan › Peristiwa, pilih Catat kelahiran, pilih keluarganya, isi nama, tanggal lahir dan jenis kelamin bayi, lalu simpan.",
        jalur: "/peristiwa/lahir",
        aksi: "lahir",
        objek: "peristiwa",
        untuk: penulis,
    },
    TugasLatihan {
        kode: "buat_surat",
        judul: "Buat surat keterangan untuk seorang warga",
        petunjuk: "Buka Layanan › Surat › Buat surat, cari pemohonnya, pilih jenis surat (mis. Keterangan Domisili), isi keperluannya, lalu ajukan.",
        jalur: "/surat/baru",
        aksi: "ajukan",
        objek: "surat",
        untuk: penulis,
    },
    TugasLatihan {
        kode: "catat_surat_masuk",
        judul: "Catat surat masuk",
        petunjuk: "Buka Layanan › Surat, pilih Surat masuk, isi nomor, tanggal, pengirim dan perihal surat yang datang ke kantor desa, lalu simpan.",
        jalur: "/surat/masuk",
        aksi: "tambah",
        objek: "surat_masuk",
        untuk: penulis,
    },
    TugasLatihan {
        kode: "tanda_tangan_surat",
        judul: "Periksa dan tanda tangani surat",
        petunjuk: "Buka Layanan › Surat, pilih surat yang menunggu tanda tangan, lihat pratinjaunya, lalu tanda tangani.",
        jalur: "/surat",
        aksi: "terbitkan",
        objek: "surat",
        untuk: penanda,
    },
    TugasLatihan {
        kode: "ajukan_spp",
        judul: "Ajukan Surat Permintaan Pembayaran (SPP)",
        petunjuk: "Buka Keuangan › SPP & pembayaran, pilih kegiatan dan rekening belanja, isi uraian dan jumlahnya, lalu ajukan.",
        jalur: "/keuangan/spp",
        aksi: "ajukan",
        objek: "spp",
        untuk: bendahara,
    },
];

/// The tour for someone with role `peran`, in order.
pub fn tugas_untuk(peran: Peran) -> Vec<&'static TugasLatihan> {
    TUGAS.iter().filter(|t| (t.untuk)(peran)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setiap_peran_desa_punya_tugas_dan_kode_tidak_kembar() {
        for p in [
            Peran::Admin,
            Peran::Operator,
            Peran::Sekdes,
            Peran::Kades,
            Peran::Bendahara,
        ] {
            assert!(tugas_untuk(p).len() >= 2, "{p:?}");
        }
        assert_eq!(tugas_untuk(Peran::Operator).len(), 4);
        assert!(
            tugas_untuk(Peran::Kades)
                .iter()
                .any(|t| t.kode == "tanda_tangan_surat")
        );
        let mut kode: Vec<_> = TUGAS.iter().map(|t| t.kode).collect();
        kode.sort_unstable();
        kode.dedup();
        assert_eq!(kode.len(), TUGAS.len());
    }
}
