//! The yearly budget's rules: what a budget line must carry, how totals are computed, when a
//! budget balances, and the life cycle of a version: draft → agreed with the BPD →
//! established by perdes (→ replaced by an amendment). Only a draft can be changed.

use super::{kegiatan_rincian, label_sumber, periksa_tanggal, rekening_rincian};
use crate::DaftarGalat;
use crate::isian::panjang;
use crate::surat::teks::rp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BarisBaru {
    pub kode_kegiatan: String,
    pub kode_rekening: String,
    pub uraian: String,
    pub volume: i64,
    pub satuan: String,
    pub harga_satuan: i64,
    pub sumber_dana: String,
    pub rencana_id: Option<Uuid>,
}

/// Totals of a budget, computed from its lines.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Jumlah {
    pub pendapatan: i64,
    pub belanja: i64,
    pub penerimaan_pembiayaan: i64,
    pub pengeluaran_pembiayaan: i64,
}

impl Jumlah {
    pub fn dari<'a>(baris: impl IntoIterator<Item = (&'a str, i64)>) -> Jumlah {
        let mut j = Jumlah::default();
        for (kode, n) in baris {
            if kode.starts_with("4.") {
                j.pendapatan += n;
            } else if kode.starts_with("5.") {
                j.belanja += n;
            } else if kode.starts_with("6.1") {
                j.penerimaan_pembiayaan += n;
            } else if kode.starts_with("6.2") {
                j.pengeluaran_pembiayaan += n;
            }
        }
        j
    }
    pub fn surplus(&self) -> i64 {
        self.pendapatan - self.belanja
    }
    pub fn pembiayaan_neto(&self) -> i64 {
        self.penerimaan_pembiayaan - self.pengeluaran_pembiayaan
    }
    /// What is left after financing (SiLPA of the year); a balanced budget has 0.
    pub fn sisa(&self) -> i64 {
        self.surplus() + self.pembiayaan_neto()
    }
}

pub enum TindakanApbdes {
    /// Agreed with the BPD on a date.
    Sepakati(NaiveDate),
    /// Established by perdes number and date.
    Tetapkan { nomor: String, tanggal: NaiveDate },
    /// Back to draft (only from agreed).
    KembaliDraf,
}

pub fn periksa_baris(b: &BarisBaru) -> Result<i64, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let kode = b.kode_rekening.trim();
    match rekening_rincian(kode) {
        None => g.push(
            "kode_rekening",
            format!(
                "Kode rekening \"{kode}\" tidak ada dalam bagan akun Permendagri 20/2018. Tulis kode rincian 4 tingkat, misalnya 4.2.1.01 atau 5.2.2.01."
            ),
        ),
        Some(_) if kode.starts_with("5.") => {
            if kegiatan_rincian(&b.kode_kegiatan).is_none() {
                g.push(
                    "kode_kegiatan",
                    "Belanja harus masuk satu kegiatan: pilih kode kegiatan dari daftar, misalnya 2.2.01.",
                );
            }
        }
        Some(_) => {
            if !b.kode_kegiatan.trim().is_empty() {
                g.push(
                    "kode_kegiatan",
                    "Pendapatan dan pembiayaan tidak memakai kode kegiatan; kosongkan isian kegiatan.",
                );
            }
        }
    }
    if b.uraian.trim().is_empty() {
        g.push(
            "uraian",
            "Uraian wajib diisi, misalnya \"Semen 50 kg\" atau \"Dana Desa tahap I\".",
        );
    }
    panjang(&mut g, "uraian", "Uraian", b.uraian.trim(), 300);
    if b.volume <= 0 {
        g.push(
            "volume",
            "Volume ditulis sebagai angka bulat lebih dari 0, misalnya 12.",
        );
    }
    if b.satuan.trim().is_empty() {
        g.push(
            "satuan",
            "Satuan wajib diisi, misalnya \"sak\", \"OB\" (orang-bulan) atau \"paket\".",
        );
    }
    panjang(&mut g, "satuan", "Satuan", b.satuan.trim(), 30);
    if b.harga_satuan <= 0 {
        g.push(
            "harga_satuan",
            "Harga satuan ditulis dalam rupiah, lebih dari 0, misalnya 65000.",
        );
    }
    if label_sumber(&b.sumber_dana).is_empty() {
        g.push("sumber_dana", "Pilih sumber dana dari daftar.");
    }
    let jumlah = b
        .volume
        .checked_mul(b.harga_satuan)
        .filter(|j| *j < 1_000_000_000_000_000);
    if jumlah.is_none() && b.volume > 0 && b.harga_satuan > 0 {
        g.push("harga_satuan", "Volume × harga satuan terlalu besar.");
    }
    g.into_result(jumlah.unwrap_or(0))
}

pub fn pesan_belum_seimbang(j: &Jumlah) -> String {
    format!(
        "APBDes belum seimbang: pendapatan {} − belanja {} = surplus/(defisit) {}; pembiayaan neto {}; sisa {}. \
         Sisa harus Rp0: tutup defisit dengan pembiayaan (misalnya SiLPA 6.1.1.01) atau sesuaikan belanja.",
        rp(j.pendapatan),
        rp(j.belanja),
        rp(j.surplus()),
        rp(j.pembiayaan_neto()),
        rp(j.sisa())
    )
}

/// Sort key of a dotted code: its parts as numbers.
pub fn urutan(kode: &str) -> Vec<u32> {
    kode.split('.').filter_map(|p| p.parse().ok()).collect()
}

/// "APBDes 2026", "APBDes Perubahan 2026", "APBDes Perubahan ke-2 2026".
pub fn nama_versi(tahun: i64, versi: i64) -> String {
    match versi {
        1 => format!("APBDes {tahun}"),
        2 => format!("APBDes Perubahan {tahun}"),
        n => format!("APBDes Perubahan ke-{} {tahun}", n - 1),
    }
}

pub fn label_status(status: &str) -> &'static str {
    match status {
        "draf" => "Rancangan",
        "disepakati" => "Disepakati bersama BPD",
        "ditetapkan" => "Ditetapkan (berlaku)",
        _ => "Diganti perubahan",
    }
}

/// Lines are added, changed or removed only while the version is a draft.
pub fn boleh_diubah(status: &str) -> bool {
    status == "draf"
}

/// Why a version that is not a draft cannot be changed, or `None` for a draft.
pub fn pesan_bukan_draf(status: &str, nama: &str) -> Option<String> {
    if boleh_diubah(status) {
        return None;
    }
    Some(match status {
        "disepakati" => format!(
            "{nama} sudah disepakati bersama BPD. Kembalikan menjadi rancangan dahulu bila masih perlu diubah."
        ),
        _ => format!(
            "{nama} sudah ditetapkan dan tidak dapat diubah. Perubahan hanya melalui APBDes Perubahan (tombol \"Buat APBDes Perubahan\")."
        ),
    })
}

/// Why a step of the life cycle is refused: a field to correct, or a reason.
#[derive(Debug, PartialEq, Eq)]
pub enum TolakApbdes {
    Isian(DaftarGalat),
    Alasan(String),
}

impl From<DaftarGalat> for TolakApbdes {
    fn from(g: DaftarGalat) -> Self {
        TolakApbdes::Isian(g)
    }
}

/// Checks one step of the life cycle against the version's status, dates and totals; gives
/// the audit action and the new status.
pub fn periksa_tindakan(
    status: &str,
    nama: &str,
    tahun: i64,
    tanggal_sepakat: Option<NaiveDate>,
    tindakan: &TindakanApbdes,
    ada_baris: bool,
    j: &Jumlah,
) -> Result<(&'static str, &'static str), TolakApbdes> {
    let seimbang = || -> Result<(), TolakApbdes> {
        if !ada_baris {
            return Err(TolakApbdes::Alasan(
                "APBDes belum berisi baris anggaran.".into(),
            ));
        }
        if j.sisa() != 0 {
            return Err(TolakApbdes::Alasan(pesan_belum_seimbang(j)));
        }
        Ok(())
    };
    match tindakan {
        TindakanApbdes::Sepakati(t) => {
            if status != "draf" {
                return Err(TolakApbdes::Alasan(format!(
                    "{nama} tidak lagi berupa rancangan."
                )));
            }
            // The agreement may fall in the year before or in the budget year itself.
            let mut g = DaftarGalat::default();
            periksa_tanggal(&mut g, "tanggal_sepakat", *t, tahun - 1);
            if !g.is_empty() {
                let mut g2 = DaftarGalat::default();
                periksa_tanggal(&mut g2, "tanggal_sepakat", *t, tahun);
                g2.into_result(())?;
            }
            seimbang()?;
            Ok(("sepakati", "disepakati"))
        }
        TindakanApbdes::Tetapkan { nomor, tanggal } => {
            if status != "disepakati" {
                return Err(TolakApbdes::Alasan(format!(
                    "{nama} harus disepakati bersama BPD dahulu sebelum ditetapkan."
                )));
            }
            let mut g = DaftarGalat::default();
            if nomor.trim().is_empty() {
                g.push(
                    "nomor_perdes",
                    "Nomor Peraturan Desa wajib diisi, misalnya \"5 Tahun 2026\".",
                );
            }
            panjang(&mut g, "nomor_perdes", "Nomor perdes", nomor.trim(), 60);
            if let Some(s) = tanggal_sepakat
                && *tanggal < s
            {
                g.push(
                    "tanggal_perdes",
                    "Tanggal penetapan tidak boleh sebelum tanggal kesepakatan dengan BPD.",
                );
            }
            g.into_result(())?;
            seimbang()?;
            Ok(("tetapkan", "ditetapkan"))
        }
        TindakanApbdes::KembaliDraf => {
            if status != "disepakati" {
                return Err(TolakApbdes::Alasan("Hanya APBDes yang sudah disepakati dan belum ditetapkan yang dapat dikembalikan menjadi rancangan.".into()));
            }
            Ok(("kembalikan", "draf"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baris() -> BarisBaru {
        BarisBaru {
            kode_kegiatan: "2.2.01".into(),
            kode_rekening: "5.2.2.01".into(),
            uraian: "Semen 50 kg".into(),
            volume: 12,
            satuan: "sak".into(),
            harga_satuan: 65_000,
            sumber_dana: "DDS".into(),
            rencana_id: None,
        }
    }

    #[test]
    fn baris_belanja_dihitung_dari_volume_dan_harga() {
        assert_eq!(periksa_baris(&baris()), Ok(780_000));
    }

    #[test]
    fn belanja_tanpa_kegiatan_dan_pendapatan_dengan_kegiatan_ditolak() {
        let g = periksa_baris(&BarisBaru {
            kode_kegiatan: "".into(),
            ..baris()
        })
        .unwrap_err();
        assert!(g.untuk("kode_kegiatan").is_some(), "{g}");
        let g = periksa_baris(&BarisBaru {
            kode_rekening: "4.2.1.01".into(),
            ..baris()
        })
        .unwrap_err();
        assert!(g.untuk("kode_kegiatan").unwrap().contains("kosongkan"));
    }

    #[test]
    fn perkalian_yang_meluap_ditolak_bukan_panik() {
        let g = periksa_baris(&BarisBaru {
            volume: i64::MAX,
            harga_satuan: 2,
            ..baris()
        })
        .unwrap_err();
        assert!(g.untuk("harga_satuan").is_some());
    }

    #[test]
    fn jumlah_dan_sisa_menurut_kode_akun() {
        let j = Jumlah::dari([
            ("4.1.1.01", 1_000),
            ("5.1.1.01", 1_200),
            ("6.1.1.01", 300),
            ("6.2.1.01", 100),
        ]);
        assert_eq!((j.surplus(), j.pembiayaan_neto(), j.sisa()), (-200, 200, 0));
    }

    #[test]
    fn daur_hidup_rancangan_disepakati_ditetapkan() {
        let seimbang = Jumlah::dari([("4.1.1.01", 500), ("5.1.1.01", 500)]);
        let t = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let sepakati = TindakanApbdes::Sepakati(t("2025-12-20"));
        assert_eq!(
            periksa_tindakan(
                "draf",
                "APBDes 2026",
                2026,
                None,
                &sepakati,
                true,
                &seimbang
            ),
            Ok(("sepakati", "disepakati"))
        );
        // Not a draft any more, empty, or out of balance: each refused with its reason.
        assert!(matches!(
            periksa_tindakan(
                "disepakati",
                "APBDes 2026",
                2026,
                None,
                &sepakati,
                true,
                &seimbang
            ),
            Err(TolakApbdes::Alasan(_))
        ));
        assert!(matches!(
            periksa_tindakan("draf", "APBDes 2026", 2026, None, &sepakati, false, &seimbang),
            Err(TolakApbdes::Alasan(a)) if a.contains("belum berisi")
        ));
        let timpang = Jumlah::dari([("4.1.1.01", 500), ("5.1.1.01", 700)]);
        assert!(matches!(
            periksa_tindakan("draf", "APBDes 2026", 2026, None, &sepakati, true, &timpang),
            Err(TolakApbdes::Alasan(a)) if a.contains("belum seimbang")
        ));
        // Agreed two years early: the date is the field to correct.
        let dini = TindakanApbdes::Sepakati(t("2024-06-01"));
        assert!(matches!(
            periksa_tindakan("draf", "APBDes 2026", 2026, None, &dini, true, &seimbang),
            Err(TolakApbdes::Isian(g)) if g.untuk("tanggal_sepakat").is_some()
        ));
        let tetapkan = TindakanApbdes::Tetapkan {
            nomor: "5 Tahun 2025".into(),
            tanggal: t("2025-12-10"),
        };
        assert!(matches!(
            periksa_tindakan(
                "draf",
                "APBDes 2026",
                2026,
                None,
                &tetapkan,
                true,
                &seimbang
            ),
            Err(TolakApbdes::Alasan(_))
        ));
        assert!(matches!(
            periksa_tindakan("disepakati", "APBDes 2026", 2026, Some(t("2025-12-20")), &tetapkan, true, &seimbang),
            Err(TolakApbdes::Isian(g)) if g.untuk("tanggal_perdes").is_some()
        ));
        assert_eq!(
            periksa_tindakan(
                "disepakati",
                "x",
                2026,
                None,
                &TindakanApbdes::KembaliDraf,
                true,
                &seimbang
            ),
            Ok(("kembalikan", "draf"))
        );
    }

    #[test]
    fn hanya_rancangan_yang_boleh_diubah() {
        assert_eq!(pesan_bukan_draf("draf", "APBDes 2026"), None);
        assert!(
            pesan_bukan_draf("ditetapkan", "APBDes 2026")
                .unwrap()
                .contains("Perubahan")
        );
        assert_eq!(nama_versi(2026, 3), "APBDes Perubahan ke-2 2026");
        assert_eq!(urutan("5.2.10.1"), vec![5, 2, 10, 1]);
    }
}
