//! Social protection rules: who a programme targets, its eligibility rules (data, set per
//! programme and year, never hard-coded: the amounts and ceilings change by regulation), the
//! cross-programme checks, and the steps of a death benefit claim (santunan kematian).

use crate::peran::Peran;
use serde::{Deserialize, Serialize};

/// Whom a programme pays: one person, a family (KK) or a household (rumah tangga).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sasaran {
    Penduduk,
    Keluarga,
    RumahTangga,
}

impl Sasaran {
    pub const SEMUA: [Sasaran; 3] = [Sasaran::Penduduk, Sasaran::Keluarga, Sasaran::RumahTangga];
    pub fn kode(self) -> &'static str {
        match self {
            Sasaran::Penduduk => "penduduk",
            Sasaran::Keluarga => "keluarga",
            Sasaran::RumahTangga => "rumah_tangga",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Sasaran> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Sasaran::Penduduk => "Perorangan",
            Sasaran::Keluarga => "Keluarga (KK)",
            Sasaran::RumahTangga => "Rumah tangga",
        }
    }
}

/// The eligibility rules of one programme in one year, as the operator set them from the
/// year's regulation. Every rule is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Aturan {
    /// Only households at or below this DTSEN desil (1 = poorest).
    pub desil_maks: Option<u8>,
    /// Only households registered in DTKS/DTSEN.
    pub wajib_dtks: bool,
    /// Only households meeting at least this many of the BPS 14 criteria.
    pub kriteria_min: Option<u8>,
    /// Village staff (perangkat desa) and their families may not receive it.
    pub tanpa_perangkat: bool,
    /// Codes of programmes the same target may not receive at the same time (e.g. BLT-DD: PKH, BPNT).
    pub larangan: Vec<String>,
    /// Death benefit: days after the death within which the heir must apply.
    pub tenggat_hari: Option<u16>,
}

/// What is known about a target when its eligibility is checked.
#[derive(Debug, Clone, Default)]
pub struct DataKelayakan {
    pub dtks: bool,
    pub desil: Option<u8>,
    pub kriteria: Option<u8>,
    pub perangkat: bool,
    /// Programme codes the target already receives (active, other than this one).
    pub program_lain: Vec<String>,
}

impl Aturan {
    /// Why a target does not meet the rules, one sentence each; empty when it does.
    pub fn tidak_terpenuhi(&self, d: &DataKelayakan) -> Vec<String> {
        let mut alasan = Vec::new();
        if self.wajib_dtks && !d.dtks {
            alasan.push("Rumah tangga tidak terdaftar di DTKS/DTSEN.".to_string());
        }
        if let Some(maks) = self.desil_maks {
            match d.desil {
                Some(x) if x <= maks => {}
                Some(x) => {
                    alasan.push(format!("Desil {x} di atas batas program (desil 1–{maks})."))
                }
                None => alasan.push(format!(
                    "Desil rumah tangga belum tercatat; program ini untuk desil 1–{maks}."
                )),
            }
        }
        if let Some(min) = self.kriteria_min {
            match d.kriteria {
                Some(x) if x >= min => {}
                Some(x) => alasan.push(format!(
                    "Memenuhi {x} dari 14 kriteria miskin; program ini meminta paling sedikit {min}."
                )),
                None => alasan.push(format!(
                    "Survei 14 kriteria belum dilakukan; program ini meminta paling sedikit {min} kriteria."
                )),
            }
        }
        if self.tanpa_perangkat && d.perangkat {
            alasan.push("Keluarga perangkat desa tidak boleh menerima program ini.".to_string());
        }
        for lain in &self.larangan {
            if d.program_lain.iter().any(|p| p.eq_ignore_ascii_case(lain)) {
                alasan.push(format!(
                    "Sudah menerima {lain}; program ini tidak boleh diterima bersamaan dengan {lain}."
                ));
            }
        }
        alasan
    }

    /// The programme codes of `larangan` as typed in a form ("PKH, BPNT").
    pub fn larangan_dari_teks(s: &str) -> Vec<String> {
        s.split([',', ';', ' '])
            .map(|x| x.trim().to_uppercase())
            .filter(|x| !x.is_empty())
            .collect()
    }
}

/// The BPS 14 household poverty criteria (PSE 2005 / PPLS 2008), as villages still use them
/// to screen for BLT-DD and SKTM. The rupiah thresholds are the original, outdated values.
pub const KRITERIA_14: [&str; 14] = [
    "Luas lantai kurang dari 8 m² per anggota rumah tangga",
    "Lantai tanah, bambu atau kayu murahan",
    "Dinding bambu, rumbia, kayu berkualitas rendah atau tembok tanpa plester",
    "Tidak punya fasilitas buang air besar atau bersama rumah tangga lain",
    "Penerangan bukan listrik",
    "Air minum dari sumur/mata air tidak terlindung, sungai atau air hujan",
    "Memasak dengan kayu bakar, arang atau minyak tanah",
    "Makan daging/susu/ayam hanya sekali seminggu atau kurang",
    "Membeli pakaian baru hanya satu stel setahun",
    "Makan hanya sekali atau dua kali sehari",
    "Tidak sanggup membayar berobat ke puskesmas/poliklinik",
    "Kepala rumah tangga petani lahan < 500 m², buruh, nelayan, atau berpenghasilan < Rp600.000/bulan",
    "Pendidikan kepala rumah tangga tidak sekolah, tidak tamat SD atau tamat SD",
    "Tidak punya tabungan/barang mudah dijual senilai Rp500.000",
];

/// How many criteria a household must meet to be classed poor (the common BPS rule); a
/// programme may set its own `kriteria_min`.
pub const KRITERIA_MISKIN: u8 = 9;

/// Welfare status as delivered by the ministry.
pub const STATUS_DTKS: [(&str, &str); 3] = [
    ("dtsen", "Terdaftar DTSEN"),
    ("dtks", "Terdaftar DTKS"),
    ("tidak", "Tidak terdaftar"),
];

pub fn label_status_dtks(kode: &str) -> &'static str {
    crate::kode::label_dari(&STATUS_DTKS, kode).unwrap_or("Belum tercatat")
}

/// A proposal to the DTKS/DTSEN update channel, decided at a musyawarah desa.
pub const JENIS_USULAN: [(&str, &str); 4] = [
    ("baru", "Usulan baru (belum terdaftar, layak)"),
    ("meninggal", "Hapus: seluruh anggota meninggal"),
    ("pindah", "Hapus: pindah dari desa"),
    ("mampu", "Hapus: sudah mampu"),
];

pub fn label_usulan(kode: &str) -> &'static str {
    crate::kode::label_dari(&JENIS_USULAN, kode).unwrap_or("Usulan")
}

/// What the cross-programme check flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisTanda {
    /// Receives two programmes that may not be combined.
    Ganda,
    /// A recipient who died.
    Meninggal,
    /// A recipient who moved away (or went missing).
    Pindah,
    /// A household in DTKS/DTSEN (or meeting the criteria) that receives nothing.
    TanpaBantuan,
    /// Welfare data older than a year.
    DataUsang,
}

impl JenisTanda {
    pub const SEMUA: [JenisTanda; 5] = [
        JenisTanda::Ganda,
        JenisTanda::Meninggal,
        JenisTanda::Pindah,
        JenisTanda::TanpaBantuan,
        JenisTanda::DataUsang,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            JenisTanda::Ganda => "ganda",
            JenisTanda::Meninggal => "meninggal",
            JenisTanda::Pindah => "pindah",
            JenisTanda::TanpaBantuan => "tanpa_bantuan",
            JenisTanda::DataUsang => "data_usang",
        }
    }
    pub fn dari_kode(s: &str) -> Option<JenisTanda> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            JenisTanda::Ganda => "Menerima ganda",
            JenisTanda::Meninggal => "Penerima meninggal",
            JenisTanda::Pindah => "Penerima pindah/hilang",
            JenisTanda::TanpaBantuan => "Layak, belum menerima apa pun",
            JenisTanda::DataUsang => "Data kesejahteraan usang",
        }
    }
}

/// Welfare data older than this many days is flagged stale.
pub const DATA_USANG_HARI: i64 = 365;

// ---------------------------------------------------------------------------------------------
// Death benefit claims (santunan kematian, e.g. Batang's e-Sakti)

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSantunan {
    /// Opened by the death; the village gathers the heir's data and documents.
    Dibuka,
    /// Sent to the Dinas Sosial.
    Diajukan,
    /// The Dinas Sosial asked the village to fix something.
    PerluPerbaikan,
    /// Checked and approved for payment.
    Diverifikasi,
    Ditolak,
    Dibayar,
    /// Closed without a claim (the heir did not apply, the death was annulled).
    Ditutup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangkahSantunan {
    Ajukan,
    MintaPerbaikan,
    Verifikasi,
    Tolak,
    Bayar,
    Tutup,
}

/// Who takes a step: the village, or the Dinas Sosial (in Balai or over the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PelakuSantunan {
    Desa,
    Dinsos,
}

impl PelakuSantunan {
    pub fn dari_peran(p: Peran) -> Option<PelakuSantunan> {
        if p == Peran::Dinsos {
            Some(PelakuSantunan::Dinsos)
        } else if p.boleh_tulis() {
            Some(PelakuSantunan::Desa)
        } else {
            None
        }
    }
}

impl StatusSantunan {
    pub const SEMUA: [StatusSantunan; 7] = [
        StatusSantunan::Dibuka,
        StatusSantunan::Diajukan,
        StatusSantunan::PerluPerbaikan,
        StatusSantunan::Diverifikasi,
        StatusSantunan::Ditolak,
        StatusSantunan::Dibayar,
        StatusSantunan::Ditutup,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            StatusSantunan::Dibuka => "dibuka",
            StatusSantunan::Diajukan => "diajukan",
            StatusSantunan::PerluPerbaikan => "perlu_perbaikan",
            StatusSantunan::Diverifikasi => "diverifikasi",
            StatusSantunan::Ditolak => "ditolak",
            StatusSantunan::Dibayar => "dibayar",
            StatusSantunan::Ditutup => "ditutup",
        }
    }
    pub fn dari_kode(s: &str) -> Option<StatusSantunan> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            StatusSantunan::Dibuka => "Dibuka di desa",
            StatusSantunan::Diajukan => "Diajukan ke Dinas Sosial",
            StatusSantunan::PerluPerbaikan => "Perlu perbaikan",
            StatusSantunan::Diverifikasi => "Diverifikasi, menunggu pembayaran",
            StatusSantunan::Ditolak => "Ditolak",
            StatusSantunan::Dibayar => "Dibayar",
            StatusSantunan::Ditutup => "Ditutup tanpa pengajuan",
        }
    }
    /// Still waiting for the village (the deadline matters).
    pub fn di_desa(self) -> bool {
        matches!(
            self,
            StatusSantunan::Dibuka | StatusSantunan::PerluPerbaikan
        )
    }

    /// The status after a step, or why the step cannot be taken now.
    pub fn langkah(self, l: LangkahSantunan, p: PelakuSantunan) -> Result<StatusSantunan, String> {
        use StatusSantunan::*;
        let boleh = match (l, p) {
            (LangkahSantunan::Ajukan, PelakuSantunan::Desa) => self.di_desa(),
            // Also one sent back for a fix: the heir may give up, or the death was annulled.
            (LangkahSantunan::Tutup, PelakuSantunan::Desa) => self.di_desa(),
            (LangkahSantunan::MintaPerbaikan, PelakuSantunan::Dinsos) => self == Diajukan,
            (LangkahSantunan::Verifikasi, PelakuSantunan::Dinsos) => self == Diajukan,
            (LangkahSantunan::Tolak, PelakuSantunan::Dinsos) => self == Diajukan,
            (LangkahSantunan::Bayar, PelakuSantunan::Dinsos) => self == Diverifikasi,
            _ => false,
        };
        if !boleh {
            return Err(format!(
                "Langkah ini tidak dapat dilakukan: klaim berstatus \"{}\".",
                self.label()
            ));
        }
        Ok(match l {
            LangkahSantunan::Ajukan => Diajukan,
            LangkahSantunan::MintaPerbaikan => PerluPerbaikan,
            LangkahSantunan::Verifikasi => Diverifikasi,
            LangkahSantunan::Tolak => Ditolak,
            LangkahSantunan::Bayar => Dibayar,
            LangkahSantunan::Tutup => Ditutup,
        })
    }
}

impl LangkahSantunan {
    pub const SEMUA: [LangkahSantunan; 6] = [
        LangkahSantunan::Ajukan,
        LangkahSantunan::MintaPerbaikan,
        LangkahSantunan::Verifikasi,
        LangkahSantunan::Tolak,
        LangkahSantunan::Bayar,
        LangkahSantunan::Tutup,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            LangkahSantunan::Ajukan => "ajukan",
            LangkahSantunan::MintaPerbaikan => "minta_perbaikan",
            LangkahSantunan::Verifikasi => "verifikasi",
            LangkahSantunan::Tolak => "tolak",
            LangkahSantunan::Bayar => "bayar",
            LangkahSantunan::Tutup => "tutup",
        }
    }
    pub fn dari_kode(s: &str) -> Option<LangkahSantunan> {
        Self::SEMUA.into_iter().find(|x| x.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            LangkahSantunan::Ajukan => "Ajukan ke Dinas Sosial",
            LangkahSantunan::MintaPerbaikan => "Minta perbaikan",
            LangkahSantunan::Verifikasi => "Verifikasi (layak dibayar)",
            LangkahSantunan::Tolak => "Tolak",
            LangkahSantunan::Bayar => "Catat pembayaran",
            LangkahSantunan::Tutup => "Tutup (ahli waris tidak mengajukan)",
        }
    }
    /// Steps that must say why.
    pub fn perlu_alasan(self) -> bool {
        matches!(
            self,
            LangkahSantunan::MintaPerbaikan | LangkahSantunan::Tolak | LangkahSantunan::Tutup
        )
    }
}

/// Documents of a claim: (code, label, required). The village death letter may instead be
/// linked from the letter module.
pub const SYARAT_SANTUNAN: [(&str, &str, bool); 5] = [
    ("kk_ktp_almarhum", "KK dan KTP almarhum", true),
    ("kk_ktp_ahli_waris", "KK dan KTP ahli waris", true),
    (
        "surat_kematian",
        "Surat keterangan kematian dari desa",
        true,
    ),
    (
        "surat_miskin",
        "Surat keterangan tidak mampu dari desa",
        false,
    ),
    ("foto_rumah", "Foto rumah", false),
];

pub fn label_syarat_santunan(kode: &str) -> &'static str {
    SYARAT_SANTUNAN
        .iter()
        .find(|(k, _, _)| *k == kode)
        .map(|(_, l, _)| *l)
        .unwrap_or("Dokumen")
}

/// Why the deceased's household qualifies.
pub const DASAR_MISKIN: [(&str, &str); 3] = [
    ("dtks", "Terdaftar DTKS"),
    ("dtsen", "Terdaftar DTSEN"),
    ("surat_desa", "Surat keterangan desa dan foto rumah"),
];

pub fn label_dasar(kode: &str) -> &'static str {
    crate::kode::label_dari(&DASAR_MISKIN, kode).unwrap_or("-")
}

/// Deadline when the programme sets none (Batang's e-Sakti: 60 days after the death).
pub const TENGGAT_BAWAAN_HARI: u16 = 60;

/// The claim's reference number from random bytes: `SK-` and 8 characters without look-alikes.
pub fn nomor_santunan(acak: [u8; 5]) -> String {
    const HURUF: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut n = u64::from_le_bytes([acak[0], acak[1], acak[2], acak[3], acak[4], 0, 0, 0]);
    let mut s = String::from("SK-");
    for _ in 0..8 {
        s.push(HURUF[(n % HURUF.len() as u64) as usize] as char);
        n /= HURUF.len() as u64;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aturan_menjelaskan_yang_tidak_terpenuhi() {
        let a = Aturan {
            desil_maks: Some(4),
            wajib_dtks: true,
            kriteria_min: Some(9),
            tanpa_perangkat: true,
            larangan: vec!["PKH".into(), "BPNT".into()],
            tenggat_hari: None,
        };
        let layak = DataKelayakan {
            dtks: true,
            desil: Some(2),
            kriteria: Some(10),
            perangkat: false,
            program_lain: vec!["PBI-JK".into()],
        };
        assert!(a.tidak_terpenuhi(&layak).is_empty());
        let tidak = DataKelayakan {
            dtks: false,
            desil: Some(6),
            kriteria: Some(3),
            perangkat: true,
            program_lain: vec!["pkh".into()],
        };
        let alasan = a.tidak_terpenuhi(&tidak);
        assert_eq!(alasan.len(), 5, "{alasan:?}");
        assert!(alasan[1].contains("Desil 6"));
        assert!(alasan[4].contains("PKH"));
        // Nothing known: the desil and the survey are asked for, not assumed.
        let kosong = a.tidak_terpenuhi(&DataKelayakan::default());
        assert!(kosong.iter().any(|x| x.contains("belum tercatat")));
        assert!(kosong.iter().any(|x| x.contains("belum dilakukan")));
    }

    #[test]
    fn larangan_dari_teks_formulir() {
        assert_eq!(Aturan::larangan_dari_teks(" pkh, BPNT;;"), ["PKH", "BPNT"]);
    }

    #[test]
    fn langkah_santunan_per_pelaku() {
        use LangkahSantunan::*;
        use PelakuSantunan::*;
        use StatusSantunan::*;
        assert_eq!(Dibuka.langkah(Ajukan, Desa), Ok(Diajukan));
        assert_eq!(PerluPerbaikan.langkah(Ajukan, Desa), Ok(Diajukan));
        assert!(Diajukan.langkah(Verifikasi, Desa).is_err());
        assert_eq!(Diajukan.langkah(Verifikasi, Dinsos), Ok(Diverifikasi));
        assert!(Diajukan.langkah(Bayar, Dinsos).is_err());
        assert_eq!(Diverifikasi.langkah(Bayar, Dinsos), Ok(Dibayar));
        assert!(Dibayar.langkah(Tolak, Dinsos).is_err());
        assert_eq!(PerluPerbaikan.langkah(Tutup, Desa), Ok(Ditutup));
        assert!(Diajukan.langkah(Tutup, Desa).is_err());
        assert!(Dibuka.langkah(Ajukan, Dinsos).is_err());
        assert!(MintaPerbaikan.perlu_alasan() && !Verifikasi.perlu_alasan());
    }

    #[test]
    fn nomor_santunan_tanpa_huruf_mirip() {
        let n = nomor_santunan([1, 2, 3, 4, 5]);
        assert!(n.starts_with("SK-") && n.len() == 11);
        assert!(!n[3..].contains(['0', 'O', '1', 'I', 'L']));
    }
}
