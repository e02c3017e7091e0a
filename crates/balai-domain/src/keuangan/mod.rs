//! Village finance reference data (Permendagri 20/2018): the chart of accounts (akun 4
//! pendapatan, 5 belanja, 6 pembiayaan) and the activities by bidang. Both lists carry
//! "90-99" slots that a region or village fills with local codes; such a code is valid and
//! takes the slot's name.

pub mod apbdes;
pub mod perencanaan;
pub mod spp;

use std::collections::HashMap;
use std::sync::LazyLock;

const CSV_REKENING: &str = include_str!("../../data/kode_rekening_apbdes.csv");
const CSV_KEGIATAN: &str = include_str!("../../data/bidang_kegiatan_desa.csv");

/// One code of a reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kode {
    pub kode: String,
    pub uraian: String,
    /// akun | kelompok | jenis | objek, or bidang | sub_bidang | kegiatan.
    pub level: String,
    /// Siskeudes `ID_Keg` (`01.01.01.`); only for activities.
    pub id_siskeudes: String,
}

struct Daftar {
    urut: Vec<Kode>,
    indeks: HashMap<String, usize>,
    /// Parent code of a "90-99" slot → its position in `urut`.
    slot: HashMap<String, usize>,
}

impl Daftar {
    fn baca(
        csv_teks: &str,
        kolom_level: usize,
        kolom_uraian: usize,
        kolom_id: Option<usize>,
    ) -> Self {
        let mut urut = Vec::new();
        let mut indeks = HashMap::new();
        let mut slot = HashMap::new();
        let mut r = csv::Reader::from_reader(csv_teks.as_bytes());
        for rec in r.records().flatten() {
            let kode = rec.get(0).unwrap_or("").trim().to_string();
            let k = Kode {
                uraian: rec.get(kolom_uraian).unwrap_or("").trim().to_string(),
                level: rec.get(kolom_level).unwrap_or("").trim().to_string(),
                id_siskeudes: kolom_id
                    .and_then(|i| rec.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                kode: kode.clone(),
            };
            if let Some(induk) = kode.strip_suffix(".90-99") {
                slot.insert(induk.to_string(), urut.len());
            } else {
                indeks.insert(kode, urut.len());
            }
            urut.push(k);
        }
        Daftar { urut, indeks, slot }
    }

    /// The code, or a local code 90–99 under a slot (named after the slot).
    fn cari(&self, kode: &str) -> Option<Kode> {
        if let Some(i) = self.indeks.get(kode) {
            return Some(self.urut[*i].clone());
        }
        let (induk, akhir) = kode.rsplit_once('.')?;
        let n: u32 = akhir.parse().ok()?;
        if akhir.len() != 2 || !(90..=99).contains(&n) {
            return None;
        }
        let s = &self.urut[*self.slot.get(induk)?];
        Some(Kode {
            kode: kode.to_string(),
            ..s.clone()
        })
    }
}

static REKENING: LazyLock<Daftar> = LazyLock::new(|| Daftar::baca(CSV_REKENING, 2, 1, None));
static KEGIATAN: LazyLock<Daftar> = LazyLock::new(|| Daftar::baca(CSV_KEGIATAN, 1, 3, Some(5)));

/// An account code of the chart, any level (`5`, `5.2`, `5.2.1`, `5.2.1.01`, `5.1.2.91`).
pub fn rekening(kode: &str) -> Option<Kode> {
    REKENING.cari(kode.trim())
}

/// A code of a budget line: the fourth level (objek), under akun 4, 5 or 6.
pub fn rekening_rincian(kode: &str) -> Option<Kode> {
    rekening(kode).filter(|k| k.level == "objek")
}

/// Every objek-level account of one akun ("4", "5", "6"), in chart order.
pub fn daftar_rincian(akun: &str) -> Vec<Kode> {
    let awalan = format!("{akun}.");
    REKENING
        .urut
        .iter()
        .filter(|k| k.level == "objek" && k.kode.starts_with(&awalan) && !k.kode.ends_with("90-99"))
        .cloned()
        .collect()
}

/// A bidang, sub-bidang or kegiatan (`2`, `2.2`, `2.2.01`, `2.2.91`).
pub fn kegiatan(kode: &str) -> Option<Kode> {
    KEGIATAN.cari(kode.trim())
}

/// A kegiatan (third level) a budget line can belong to.
pub fn kegiatan_rincian(kode: &str) -> Option<Kode> {
    kegiatan(kode).filter(|k| k.level == "kegiatan")
}

/// Every kegiatan, in order (without the local slots).
pub fn daftar_kegiatan() -> Vec<Kode> {
    KEGIATAN
        .urut
        .iter()
        .filter(|k| k.level == "kegiatan" && !k.kode.ends_with("90-99"))
        .cloned()
        .collect()
}

/// The kegiatan code from a Siskeudes `ID_Keg` (`02.02.01.` → `2.2.01`), local codes included.
pub fn kegiatan_dari_siskeudes(id_keg: &str) -> Option<String> {
    let bersih = format!("{}.", id_keg.trim().trim_end_matches('.'));
    if let Some(k) = KEGIATAN.urut.iter().find(|k| k.id_siskeudes == bersih) {
        return Some(k.kode.clone());
    }
    let bagian: Vec<&str> = id_keg.trim().trim_end_matches('.').split('.').collect();
    let [b, s, k] = bagian[..] else { return None };
    let b: u32 = b.parse().ok()?;
    let s: u32 = s.parse().ok()?;
    if k.len() != 2 || !k.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let kode = format!("{b}.{s}.{k}");
    kegiatan_rincian(&kode).map(|_| kode)
}

/// The bidang (first part) of a kegiatan code.
pub fn bidang_dari(kode_kegiatan: &str) -> &str {
    kode_kegiatan.split('.').next().unwrap_or("")
}

/// Sources of funds (`sumber_dana.csv`) with their short labels.
pub const SUMBER_DANA: &[(&str, &str)] = &[
    ("DDS", "Dana Desa"),
    ("ADD", "Alokasi Dana Desa"),
    ("PBH", "Bagi Hasil Pajak dan Retribusi"),
    ("PAD", "Pendapatan Asli Desa"),
    ("PBP", "Bantuan Keuangan Provinsi"),
    ("PBK", "Bantuan Keuangan Kabupaten/Kota"),
    ("DLL", "Lain-lain pendapatan desa yang sah"),
];

pub fn label_sumber(kode: &str) -> &'static str {
    crate::kode::label_dari(SUMBER_DANA, kode).unwrap_or("")
}

/// Taxes a village treasurer withholds and deposits.
pub const PAJAK: &[(&str, &str)] = &[
    ("ppn", "PPN"),
    ("pph21", "PPh Pasal 21"),
    ("pph22", "PPh Pasal 22"),
    ("pph23", "PPh Pasal 23"),
    ("pph4", "PPh Pasal 4 ayat (2)"),
    ("pajak_daerah", "Pajak Daerah"),
];

/// Purchases of goods above this (tax included) carry PPN and PPh 22 (PMK 59/2022 as villages
/// apply it). A suggestion only: the treasurer checks the seller's status and edits.
pub const BATAS_PAJAK_BARANG: i64 = 2_000_000;

/// The taxes a payment usually carries, from the kind of spending (its account code) and the
/// amount: (tax code, rupiah), offered on the payment form for the treasurer to check and edit.
/// Goods (5.2.1, capital 5.3): PPN 11/111 and PPh 22 1.5% of the price before PPN, above
/// Rp2,000,000. Rent of land or buildings (5.2.4.01): PPh 4(2) 10%. Other rent and maintenance
/// services (5.2.4, 5.2.6): PPh 23 2% of the price before PPN. Honoraria and salaries (5.1,
/// 5.2.2) depend on the person (PPh 21), so nothing is guessed.
pub fn saran_pajak(kode_rekening: &str, nilai: i64) -> Vec<(&'static str, i64)> {
    let dpp = nilai * 100 / 111;
    let barang = kode_rekening.starts_with("5.2.1") || kode_rekening.starts_with("5.3");
    if barang {
        if nilai <= BATAS_PAJAK_BARANG {
            return Vec::new();
        }
        return vec![("ppn", nilai - dpp), ("pph22", dpp * 15 / 1000)];
    }
    if kode_rekening.starts_with("5.2.4.01") {
        return vec![("pph4", nilai / 10)];
    }
    if kode_rekening.starts_with("5.2.4") || kode_rekening.starts_with("5.2.6") {
        return vec![("pph23", dpp * 2 / 100)];
    }
    Vec::new()
}

pub fn label_pajak(kode: &str) -> &'static str {
    crate::kode::label_dari(PAJAK, kode).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bagan_rekening_lengkap_dan_slot_lokal() {
        assert_eq!(
            rekening("4.2.1").map(|k| k.uraian),
            Some("Dana Desa".into())
        );
        assert_eq!(
            rekening_rincian("5.1.1.01").map(|k| k.level),
            Some("objek".into())
        );
        assert!(
            rekening_rincian("5.1.1").is_none(),
            "jenis is not a line code"
        );
        assert!(rekening_rincian("5.1.2.91").is_some(), "local slot 90-99");
        assert!(rekening_rincian("5.1.2.89").is_none());
        assert!(rekening_rincian("9.9.9.01").is_none());
        assert!(daftar_rincian("4").len() > 20);
        assert!(daftar_rincian("6").iter().all(|k| k.kode.starts_with("6.")));
    }

    #[test]
    fn kegiatan_dan_kode_siskeudes() {
        assert!(kegiatan_rincian("1.1.01").is_some());
        assert!(kegiatan_rincian("1.1").is_none());
        assert_eq!(
            kegiatan_dari_siskeudes("02.02.01.").as_deref(),
            Some("2.2.01")
        );
        assert_eq!(
            kegiatan_dari_siskeudes("01.02.91.").as_deref(),
            Some("1.2.91")
        );
        assert_eq!(kegiatan_dari_siskeudes("xx"), None);
        assert_eq!(
            kegiatan_dari_siskeudes("05.01.01.").as_deref(),
            Some("5.1.00")
        );
        assert_eq!(bidang_dari("2.2.01"), "2");
        assert!(daftar_kegiatan().len() > 100);
    }
}

/// `a` as a percentage of `dari`, one decimal (realisation of a budget); 0 when `dari` is 0.
pub fn persen(a: i64, dari: i64) -> f64 {
    if dari == 0 {
        0.0
    } else {
        (a as f64 * 1000.0 / dari as f64).round() / 10.0
    }
}

#[cfg(test)]
mod uji_saran_pajak {
    use super::saran_pajak;

    #[test]
    fn barang_jasa_dan_honor() {
        // Rp11,100,000 of cement: PPN 1,100,000 and PPh 22 1.5% of 10,000,000.
        assert_eq!(
            saran_pajak("5.2.1.07", 11_100_000),
            vec![("ppn", 1_100_000), ("pph22", 150_000)]
        );
        assert!(
            saran_pajak("5.2.1.01", 1_500_000).is_empty(),
            "small purchase"
        );
        assert_eq!(saran_pajak("5.2.4.01", 5_000_000), vec![("pph4", 500_000)]);
        assert_eq!(saran_pajak("5.2.6.04", 2_220_000), vec![("pph23", 40_000)]);
        assert!(
            saran_pajak("5.2.2.01", 3_000_000).is_empty(),
            "PPh 21 depends on the person"
        );
    }
}

#[cfg(test)]
mod uji_persen {
    #[test]
    fn persen_satu_desimal_dan_nol_aman() {
        assert_eq!(super::persen(40_000_000, 100_000_000), 40.0);
        assert_eq!(super::persen(1, 3), 33.3);
        assert_eq!(super::persen(5, 0), 0.0);
    }
}

pub fn periksa_tahun(g: &mut crate::DaftarGalat, tahun: i64) {
    if !(2015..=2100).contains(&tahun) {
        g.push(
            "tahun",
            "Tahun anggaran antara 2015 dan 2100, misalnya 2026.",
        );
    }
}

/// A date must fall inside its budget year.
pub fn periksa_tanggal(
    g: &mut crate::DaftarGalat,
    kolom: &str,
    tanggal: chrono::NaiveDate,
    tahun: i64,
) {
    if chrono::Datelike::year(&tanggal) as i64 != tahun {
        g.push(
            kolom,
            format!(
                "Tanggal {} di luar tahun anggaran {tahun}. Pilih tanggal antara 1 Januari dan 31 Desember {tahun}.",
                tanggal.format("%d-%m-%Y")
            ),
        );
    }
}
