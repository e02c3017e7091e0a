//! Civil registration applications (permohonan adminduk): what each type needs, who may move an
//! application from one step to the next, and what a finished one must carry. The village
//! collects the application; Dukcapil (in Balai, or through the API) works it.
//!
//! Form numbers follow Permendagri 108/2019 (F-1.xx registration, F-2.xx civil records), as
//! listed in docs/adminduk.md.

use crate::DaftarGalat;
use crate::peran::Peran;
use crate::surat::jenis::{Isian, JenisIsian};
use serde::{Deserialize, Serialize};

/// The kinds of application a village takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisAdminduk {
    KkBaru,
    KkPerubahan,
    KkHilangRusak,
    KtpBaru,
    KtpPerubahan,
    KtpHilangRusak,
    Kia,
    AktaLahir,
    LahirMati,
    AktaKematian,
    PindahKeluar,
    PindahDatang,
    PerubahanData,
}

/// A requirement: a document the applicant attaches (scan or phone photo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Syarat {
    pub kode: &'static str,
    pub label: &'static str,
    pub wajib: bool,
}

const fn syarat(kode: &'static str, label: &'static str, wajib: bool) -> Syarat {
    Syarat { kode, label, wajib }
}

const KK: Syarat = syarat("kk", "Kartu Keluarga (foto/pindaian)", true);
const KK_LAMA: Syarat = syarat("kk_lama", "Kartu Keluarga lama", true);
const BUKU_NIKAH: Syarat = syarat(
    "buku_nikah",
    "Buku nikah / kutipan akta perkawinan, atau SPTJM perkawinan belum tercatat",
    true,
);
const KET_LAHIR: Syarat = syarat(
    "keterangan_lahir",
    "Surat keterangan lahir dari dokter, bidan atau penolong kelahiran",
    true,
);
const KET_HILANG: Syarat = syarat(
    "keterangan_hilang",
    "Surat keterangan hilang dari kepolisian, atau dokumen yang rusak",
    true,
);
const KET_KEMATIAN: Syarat = syarat(
    "keterangan_kematian",
    "Surat keterangan kematian dari dokter/fasilitas kesehatan atau kepala desa",
    true,
);
const SKPWNI: Syarat = syarat(
    "skpwni",
    "Surat Keterangan Pindah WNI (SKPWNI) dari daerah asal",
    true,
);
const DASAR_PERUBAHAN: Syarat = syarat(
    "dasar_perubahan",
    "Dokumen dasar perubahan (ijazah, akta, buku nikah, atau lainnya)",
    true,
);
const AKTA_LAHIR: Syarat = syarat("akta_lahir", "Kutipan akta kelahiran anak", true);
const PAS_FOTO: Syarat = syarat(
    "pas_foto",
    "Pas foto anak berwarna (untuk anak umur 5 tahun ke atas)",
    false,
);
const KTP_SAKSI: Syarat = syarat("ktp_saksi", "KTP-el dua orang saksi", false);
const KTP_LAMA: Syarat = syarat(
    "ktp_lama",
    "KTP-el lama (yang rusak atau akan diganti)",
    true,
);

/// Every requirement kind, for labels of stored attachments.
const SEMUA_SYARAT: &[Syarat] = &[
    KK,
    KK_LAMA,
    BUKU_NIKAH,
    KET_LAHIR,
    KET_HILANG,
    KET_KEMATIAN,
    SKPWNI,
    DASAR_PERUBAHAN,
    AKTA_LAHIR,
    PAS_FOTO,
    KTP_SAKSI,
    KTP_LAMA,
];

/// What a finished application must record, besides the optional scan of the issued document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hasil {
    /// A new family card number: the family's KK number is updated.
    NoKk,
    /// The issued NIK of a person recorded with a temporary one (a newborn).
    NikBaru,
    /// A document number (akta, SKPWNI, KIA, KTP-el register), kept with the application.
    NomorDokumen,
}

impl JenisAdminduk {
    pub const SEMUA: [JenisAdminduk; 13] = [
        JenisAdminduk::KkBaru,
        JenisAdminduk::KkPerubahan,
        JenisAdminduk::KkHilangRusak,
        JenisAdminduk::KtpBaru,
        JenisAdminduk::KtpPerubahan,
        JenisAdminduk::KtpHilangRusak,
        JenisAdminduk::Kia,
        JenisAdminduk::AktaLahir,
        JenisAdminduk::LahirMati,
        JenisAdminduk::AktaKematian,
        JenisAdminduk::PindahKeluar,
        JenisAdminduk::PindahDatang,
        JenisAdminduk::PerubahanData,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            JenisAdminduk::KkBaru => "kk_baru",
            JenisAdminduk::KkPerubahan => "kk_perubahan",
            JenisAdminduk::KkHilangRusak => "kk_hilang_rusak",
            JenisAdminduk::KtpBaru => "ktp_baru",
            JenisAdminduk::KtpPerubahan => "ktp_perubahan",
            JenisAdminduk::KtpHilangRusak => "ktp_hilang_rusak",
            JenisAdminduk::Kia => "kia",
            JenisAdminduk::AktaLahir => "akta_lahir",
            JenisAdminduk::LahirMati => "lahir_mati",
            JenisAdminduk::AktaKematian => "akta_kematian",
            JenisAdminduk::PindahKeluar => "pindah_keluar",
            JenisAdminduk::PindahDatang => "pindah_datang",
            JenisAdminduk::PerubahanData => "perubahan_data",
        }
    }

    pub fn dari_kode(s: &str) -> Option<Self> {
        Self::SEMUA.into_iter().find(|j| j.kode() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            JenisAdminduk::KkBaru => "Kartu Keluarga baru",
            JenisAdminduk::KkPerubahan => "Perubahan Kartu Keluarga",
            JenisAdminduk::KkHilangRusak => "Kartu Keluarga hilang/rusak",
            JenisAdminduk::KtpBaru => "KTP-el baru",
            JenisAdminduk::KtpPerubahan => "Perubahan KTP-el",
            JenisAdminduk::KtpHilangRusak => "KTP-el hilang/rusak",
            JenisAdminduk::Kia => "Kartu Identitas Anak (KIA)",
            JenisAdminduk::AktaLahir => "Akta kelahiran",
            JenisAdminduk::LahirMati => "Pelaporan lahir mati",
            JenisAdminduk::AktaKematian => "Akta kematian",
            JenisAdminduk::PindahKeluar => "Pindah keluar (SKPWNI)",
            JenisAdminduk::PindahDatang => "Pindah datang",
            JenisAdminduk::PerubahanData => "Perubahan elemen data",
        }
    }

    /// The Dukcapil forms the application fills.
    pub fn formulir(self) -> &'static str {
        match self {
            JenisAdminduk::KkBaru | JenisAdminduk::KkPerubahan | JenisAdminduk::KkHilangRusak => {
                "F-1.01 Biodata Keluarga dan F-1.02 Pendaftaran Peristiwa Kependudukan"
            }
            JenisAdminduk::KtpBaru
            | JenisAdminduk::KtpPerubahan
            | JenisAdminduk::KtpHilangRusak
            | JenisAdminduk::Kia => "F-1.02 Pendaftaran Peristiwa Kependudukan",
            JenisAdminduk::AktaLahir | JenisAdminduk::LahirMati | JenisAdminduk::AktaKematian => {
                "F-2.01 Pelaporan Pencatatan Sipil di Dalam Wilayah NKRI"
            }
            JenisAdminduk::PindahKeluar | JenisAdminduk::PindahDatang => {
                "F-1.03 Pendaftaran Perpindahan Penduduk"
            }
            JenisAdminduk::PerubahanData => {
                "F-1.06 Surat Pernyataan Perubahan Elemen Data Kependudukan"
            }
        }
    }

    pub fn persyaratan(self) -> &'static [Syarat] {
        match self {
            JenisAdminduk::KkBaru => &[BUKU_NIKAH, KK_LAMA],
            JenisAdminduk::KkPerubahan => &[KK_LAMA, DASAR_PERUBAHAN],
            JenisAdminduk::KkHilangRusak => &[KET_HILANG],
            JenisAdminduk::KtpBaru => &[KK],
            JenisAdminduk::KtpPerubahan => &[KK, KTP_LAMA, DASAR_PERUBAHAN],
            JenisAdminduk::KtpHilangRusak => &[KK, KET_HILANG],
            JenisAdminduk::Kia => &[KK, AKTA_LAHIR, PAS_FOTO],
            JenisAdminduk::AktaLahir => &[KK, KET_LAHIR, BUKU_NIKAH, KTP_SAKSI],
            JenisAdminduk::LahirMati => &[KK, KET_LAHIR],
            JenisAdminduk::AktaKematian => &[KK, KET_KEMATIAN, KTP_SAKSI],
            JenisAdminduk::PindahKeluar => &[KK],
            JenisAdminduk::PindahDatang => &[SKPWNI],
            JenisAdminduk::PerubahanData => &[KK, DASAR_PERUBAHAN],
        }
    }

    /// Whether the application is about a newborn who may not be in the registry yet: the
    /// child's data comes with the application and is recorded when the village forwards it.
    pub fn tentang_bayi(self) -> bool {
        self == JenisAdminduk::AktaLahir
    }

    /// Whether the subject is a person who must already be a living resident of the village.
    /// A stillbirth is reported by the mother; a move in is by someone not yet registered here.
    pub fn subjek_penduduk(self) -> bool {
        !matches!(self, JenisAdminduk::AktaLahir | JenisAdminduk::PindahDatang)
    }

    /// What the finish step must record.
    pub fn hasil(self) -> &'static [Hasil] {
        match self {
            JenisAdminduk::KkBaru | JenisAdminduk::KkPerubahan | JenisAdminduk::KkHilangRusak => {
                &[Hasil::NoKk]
            }
            JenisAdminduk::AktaLahir => &[Hasil::NikBaru, Hasil::NomorDokumen],
            _ => &[Hasil::NomorDokumen],
        }
    }

    /// The label of the document number at the finish step.
    pub fn label_nomor(self) -> &'static str {
        match self {
            JenisAdminduk::KkBaru | JenisAdminduk::KkPerubahan | JenisAdminduk::KkHilangRusak => {
                "Nomor KK yang terbit"
            }
            JenisAdminduk::KtpBaru
            | JenisAdminduk::KtpPerubahan
            | JenisAdminduk::KtpHilangRusak => "Nomor register pencetakan KTP-el",
            JenisAdminduk::Kia => "Nomor KIA",
            JenisAdminduk::AktaLahir => "Nomor akta kelahiran",
            JenisAdminduk::LahirMati => "Nomor register lahir mati",
            JenisAdminduk::AktaKematian => "Nomor akta kematian",
            JenisAdminduk::PindahKeluar => "Nomor SKPWNI",
            JenisAdminduk::PindahDatang => "Nomor surat keterangan pindah datang",
            JenisAdminduk::PerubahanData => "Nomor dokumen yang diterbitkan",
        }
    }

    /// Target working days from forwarding to finish (the district may publish its own).
    pub fn target_hari(self) -> u32 {
        match self {
            JenisAdminduk::KtpBaru
            | JenisAdminduk::KtpPerubahan
            | JenisAdminduk::KtpHilangRusak => 14,
            _ => 7,
        }
    }

    /// The fields of the application besides the registry data of the people in it.
    pub fn isian(self) -> Vec<Isian> {
        let f = |kunci: &str, label: &str, jenis: JenisIsian, wajib: bool| Isian {
            kunci: kunci.into(),
            label: label.into(),
            jenis,
            wajib,
            pilihan: Vec::new(),
        };
        let pilih = |kunci: &str, label: &str, wajib: bool, p: &[&str]| Isian {
            kunci: kunci.into(),
            label: label.into(),
            jenis: JenisIsian::Pilihan,
            wajib,
            pilihan: p.iter().map(|s| s.to_string()).collect(),
        };
        use JenisIsian::*;
        match self {
            JenisAdminduk::KkBaru => vec![pilih(
                "alasan",
                "Alasan permohonan",
                true,
                &[
                    "Membentuk keluarga baru",
                    "Penggantian kepala keluarga",
                    "Pisah KK",
                    "Menumpang dalam KK",
                ],
            )],
            JenisAdminduk::KkPerubahan | JenisAdminduk::KtpPerubahan => vec![f(
                "alasan",
                "Data yang berubah dan alasannya",
                TeksPanjang,
                true,
            )],
            JenisAdminduk::KkHilangRusak | JenisAdminduk::KtpHilangRusak => vec![pilih(
                "keadaan",
                "Keadaan dokumen",
                true,
                &["Hilang", "Rusak"],
            )],
            JenisAdminduk::KtpBaru => vec![f(
                "keterangan",
                "Keterangan (mis. baru berumur 17 tahun)",
                Teks,
                false,
            )],
            JenisAdminduk::Kia => vec![],
            JenisAdminduk::AktaLahir => vec![
                f("nama_anak", "Nama anak", Teks, true),
                pilih(
                    "jenis_kelamin",
                    "Jenis kelamin anak",
                    true,
                    &["Laki-laki", "Perempuan"],
                ),
                f("tanggal_lahir", "Tanggal lahir", Tanggal, true),
                f("pukul", "Pukul lahir (JJ.MM)", Teks, false),
                f(
                    "tempat_lahir",
                    "Tempat kelahiran (kota/kabupaten)",
                    Teks,
                    true,
                ),
                pilih(
                    "tempat_dilahirkan",
                    "Tempat dilahirkan",
                    true,
                    &["RS/RB", "Puskesmas", "Polindes", "Rumah", "Lainnya"],
                ),
                pilih(
                    "jenis_kelahiran",
                    "Jenis kelahiran",
                    true,
                    &["Tunggal", "Kembar 2", "Kembar 3", "Kembar 4", "Lainnya"],
                ),
                f("anak_ke", "Kelahiran anak ke-", Angka, true),
                pilih(
                    "penolong",
                    "Penolong kelahiran",
                    true,
                    &["Dokter", "Bidan/perawat", "Dukun", "Lainnya"],
                ),
                f("berat_gram", "Berat bayi (gram)", Angka, false),
                f("panjang_cm", "Panjang bayi (cm)", Angka, false),
                f("nik_ayah", "NIK ayah", Teks, false),
                f("nik_ibu", "NIK ibu", Teks, true),
            ],
            JenisAdminduk::LahirMati => vec![
                f("tanggal", "Tanggal lahir mati", Tanggal, true),
                f(
                    "lama_kandungan",
                    "Lamanya dalam kandungan (bulan)",
                    Angka,
                    true,
                ),
                f("anak_ke", "Kelahiran anak ke-", Angka, true),
                f("sebab", "Sebab lahir mati", Teks, true),
                f("yang_menentukan", "Yang menentukan", Teks, true),
            ],
            JenisAdminduk::AktaKematian => vec![
                f("tanggal", "Tanggal kematian", Tanggal, true),
                f("pukul", "Pukul (JJ.MM)", Teks, false),
                f("tempat", "Tempat kematian", Teks, true),
                f("sebab", "Sebab kematian", Teks, true),
                f("yang_menerangkan", "Yang menerangkan", Teks, true),
            ],
            JenisAdminduk::PindahKeluar => vec![
                f(
                    "alamat_tujuan",
                    "Alamat tujuan (desa, kecamatan, kabupaten/kota, provinsi)",
                    TeksPanjang,
                    true,
                ),
                pilih(
                    "alasan",
                    "Alasan pindah",
                    true,
                    &[
                        "Pekerjaan",
                        "Pendidikan",
                        "Keamanan",
                        "Kesehatan",
                        "Perumahan",
                        "Keluarga",
                        "Lainnya",
                    ],
                ),
                pilih(
                    "jenis_kepindahan",
                    "Jenis kepindahan",
                    true,
                    &[
                        "Kepala keluarga",
                        "Kepala keluarga dan seluruh anggota",
                        "Kepala keluarga dan sebagian anggota",
                        "Anggota keluarga",
                    ],
                ),
                f("tanggal", "Rencana tanggal pindah", Tanggal, true),
            ],
            JenisAdminduk::PindahDatang => vec![
                f("nama", "Nama lengkap yang datang", Teks, true),
                f("nik", "NIK yang datang", Teks, true),
                f("no_skpwni", "Nomor SKPWNI", Teks, true),
                f("alamat_asal", "Alamat asal", TeksPanjang, true),
                f("tanggal", "Tanggal datang", Tanggal, true),
            ],
            JenisAdminduk::PerubahanData => vec![
                f("elemen", "Elemen data yang diubah", Teks, true),
                f("data_lama", "Data lama", Teks, true),
                f("data_baru", "Data baru", Teks, true),
                f(
                    "dasar",
                    "Dasar perubahan (nama dan nomor dokumen)",
                    Teks,
                    true,
                ),
            ],
        }
    }
}

/// The label of a requirement code (attachments keep their code).
pub fn label_syarat(kode: &str) -> &'static str {
    if kode == KODE_HASIL {
        return "Pindaian dokumen yang terbit";
    }
    SEMUA_SYARAT
        .iter()
        .find(|s| s.kode == kode)
        .map(|s| s.label)
        .unwrap_or("Lampiran lain")
}

/// The requirement code of the issued document's scan, attached at the finish step.
pub const KODE_HASIL: &str = "hasil";

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusAdminduk {
    /// Submitted; the village checks it.
    Diajukan,
    /// Sent back to the applicant with a reason.
    PerluPerbaikan,
    /// Checked and forwarded by the village; waits in the Dukcapil queue.
    Diteruskan,
    /// Claimed by a Dukcapil officer (or a bridge through the API).
    Diproses,
    /// The document was issued.
    Selesai,
    /// Refused, with a reason.
    Ditolak,
}

/// A step that moves an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Langkah {
    Teruskan,
    MintaPerbaikan,
    AjukanUlang,
    Proses,
    Selesaikan,
    Tolak,
}

/// Who takes a step: the village office, Dukcapil (staff or an API bridge), or the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pelaku {
    Desa,
    Dukcapil,
    Pemohon,
}

impl Pelaku {
    /// The side a staff role acts for; none for roles that only read.
    pub fn dari_peran(p: Peran) -> Option<Pelaku> {
        if p == Peran::Dukcapil {
            Some(Pelaku::Dukcapil)
        } else if p.boleh_tulis() {
            Some(Pelaku::Desa)
        } else {
            None
        }
    }
}

impl StatusAdminduk {
    pub const SEMUA: [StatusAdminduk; 6] = [
        StatusAdminduk::Diajukan,
        StatusAdminduk::PerluPerbaikan,
        StatusAdminduk::Diteruskan,
        StatusAdminduk::Diproses,
        StatusAdminduk::Selesai,
        StatusAdminduk::Ditolak,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            StatusAdminduk::Diajukan => "diajukan",
            StatusAdminduk::PerluPerbaikan => "perlu_perbaikan",
            StatusAdminduk::Diteruskan => "diteruskan",
            StatusAdminduk::Diproses => "diproses",
            StatusAdminduk::Selesai => "selesai",
            StatusAdminduk::Ditolak => "ditolak",
        }
    }

    pub fn dari_kode(s: &str) -> Option<Self> {
        Self::SEMUA.into_iter().find(|j| j.kode() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusAdminduk::Diajukan => "Diajukan, diperiksa desa",
            StatusAdminduk::PerluPerbaikan => "Perlu perbaikan",
            StatusAdminduk::Diteruskan => "Diteruskan ke Dukcapil",
            StatusAdminduk::Diproses => "Diproses Dukcapil",
            StatusAdminduk::Selesai => "Selesai",
            StatusAdminduk::Ditolak => "Ditolak",
        }
    }

    pub fn terbuka(self) -> bool {
        !matches!(self, StatusAdminduk::Selesai | StatusAdminduk::Ditolak)
    }

    /// The status a step leads to, if `pelaku` may take it from here; otherwise the reason in
    /// words the person can act on.
    pub fn langkah(self, l: Langkah, pelaku: Pelaku) -> Result<StatusAdminduk, String> {
        use StatusAdminduk::*;
        let boleh = match (l, pelaku) {
            (Langkah::Teruskan, Pelaku::Desa) => self == Diajukan,
            (Langkah::MintaPerbaikan, Pelaku::Desa) => self == Diajukan,
            (Langkah::MintaPerbaikan, Pelaku::Dukcapil) => matches!(self, Diteruskan | Diproses),
            (Langkah::AjukanUlang, Pelaku::Desa | Pelaku::Pemohon) => self == PerluPerbaikan,
            (Langkah::Proses, Pelaku::Dukcapil) => self == Diteruskan,
            (Langkah::Selesaikan, Pelaku::Dukcapil) => self == Diproses,
            (Langkah::Tolak, Pelaku::Desa) => matches!(self, Diajukan | PerluPerbaikan),
            (Langkah::Tolak, Pelaku::Dukcapil) => matches!(self, Diteruskan | Diproses),
            _ => false,
        };
        if !boleh {
            return Err(format!(
                "Langkah ini tidak dapat dilakukan: permohonan berstatus \"{}\".",
                self.label()
            ));
        }
        Ok(match l {
            Langkah::Teruskan => Diteruskan,
            Langkah::MintaPerbaikan => PerluPerbaikan,
            Langkah::AjukanUlang => Diajukan,
            Langkah::Proses => Diproses,
            Langkah::Selesaikan => Selesai,
            Langkah::Tolak => Ditolak,
        })
    }
}

impl Langkah {
    pub fn dari_kode(s: &str) -> Option<Langkah> {
        Some(match s {
            "teruskan" => Langkah::Teruskan,
            "minta_perbaikan" => Langkah::MintaPerbaikan,
            "ajukan_ulang" => Langkah::AjukanUlang,
            "proses" => Langkah::Proses,
            "selesaikan" => Langkah::Selesaikan,
            "tolak" => Langkah::Tolak,
            _ => return None,
        })
    }
    /// Steps that must say why.
    pub fn perlu_alasan(self) -> bool {
        matches!(self, Langkah::MintaPerbaikan | Langkah::Tolak)
    }
}

/// The reference number given to the resident: `AD-` and 8 characters of Crockford base32
/// (no I, L, O, U), from 40 random bits. Unguessable enough for a status-only public page.
pub fn nomor_referensi(acak: [u8; 5]) -> String {
    const HURUF: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut n = acak.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b));
    let mut s = [0u8; 8];
    for c in s.iter_mut().rev() {
        *c = HURUF[(n & 31) as usize];
        n >>= 5;
    }
    format!("AD-{}", String::from_utf8_lossy(&s))
}

/// A reference number as typed by a resident, normalised (case, spaces, O for 0), or `None`.
pub fn baca_nomor_referensi(s: &str) -> Option<String> {
    let t: String = s
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let inti = t.strip_prefix("AD-").or_else(|| t.strip_prefix("AD"))?;
    let inti: String = inti
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (inti.len() == 8 && inti.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| format!("AD-{inti}"))
}

/// Largest attachment accepted (phone photos are shrunk in the browser before upload).
pub const BATAS_LAMPIRAN: usize = 3 * 1024 * 1024;
/// Attachments per application, a guard against a runaway upload loop.
pub const LAMPIRAN_PER_PERMOHONAN: i64 = 12;

/// A newborn of a birth application, as the registry records it when the village forwards the
/// application: a temporary NIK until Dukcapil issues one, a child of the applicant's family at
/// the family's address, not yet in school or working, unmarried, the mother's religion and
/// citizenship.
pub struct Bayi<'a> {
    pub nama: &'a str,
    pub perempuan: bool,
    pub tempat_lahir: &'a str,
    pub tanggal_lahir: chrono::NaiveDate,
    pub ibu: &'a crate::penduduk::DataPenduduk,
    pub ayah: Option<&'a crate::penduduk::DataPenduduk>,
}

impl Bayi<'_> {
    pub fn data(&self) -> crate::penduduk::DataPenduduk {
        use crate::penduduk::kode;
        let mut d = self.ibu.clone();
        d.nik = crate::Nik::menunggu_baru();
        d.nama = crate::penduduk::rapikan_nama(self.nama);
        d.jenis_kelamin = if self.perempuan { 2 } else { 1 };
        d.tempat_lahir = self.tempat_lahir.trim().to_string();
        d.tanggal_lahir = self.tanggal_lahir;
        d.pendidikan_kk_id = kode::TIDAK_SEKOLAH;
        d.pendidikan_sedang_id = None;
        d.pekerjaan_id = kode::BELUM_BEKERJA;
        d.status_kawin_id = kode::BELUM_KAWIN;
        d.shdk_id = kode::ANAK;
        d.nik_ibu = self.ibu.nik.to_string();
        d.nama_ibu = self.ibu.nama.clone();
        d.nik_ayah = self.ayah.map(|a| a.nik.to_string()).unwrap_or_default();
        d.nama_ayah = self.ayah.map(|a| a.nama.clone()).unwrap_or_default();
        for kosong in [
            &mut d.akta_lahir,
            &mut d.no_paspor,
            &mut d.no_kitas,
            &mut d.akta_perkawinan,
            &mut d.akta_perceraian,
            &mut d.alamat_sebelumnya,
            &mut d.telepon,
            &mut d.email,
            &mut d.no_asuransi,
        ] {
            kosong.clear();
        }
        d.golongan_darah_id = None;
        d.cacat_id = None;
        d.cara_kb_id = None;
        d.hamil = None;
        d.tanggal_akhir_paspor = None;
        d.tanggal_perkawinan = None;
        d.tanggal_perceraian = None;
        d.ktp_el_id = None;
        d.status_rekam_id = None;
        d.asuransi_id = None;
        d
    }
}

/// The field an attachment's message belongs to.
pub fn kolom_lampiran(syarat: &str) -> String {
    format!("lampiran.{syarat}")
}

/// The consent, the channel and the attachments of an application: each attachment one of
/// the type's requirements and a PDF, JPEG or PNG within the size limit, every required one
/// present, not too many. Gives each accepted attachment's position and type.
pub fn periksa_lampiran(
    jenis: JenisAdminduk,
    persetujuan: bool,
    kanal: &str,
    lampiran: &[(&str, &[u8])],
    g: &mut DaftarGalat,
) -> Vec<(usize, &'static str)> {
    if !persetujuan {
        g.push(
            "persetujuan",
            "Centang persetujuan agar data dan lampiran dapat diteruskan ke Dukcapil.",
        );
    }
    if !matches!(kanal, "loket" | "portal" | "anjungan" | "api") {
        g.push("kanal", "Kanal permohonan tidak dikenal.");
    }
    let mut berkas = Vec::new();
    for (i, (syarat, isi)) in lampiran.iter().enumerate() {
        let kolom = kolom_lampiran(syarat);
        if !jenis.persyaratan().iter().any(|s| s.kode == *syarat) {
            g.push(
                &kolom,
                "Lampiran ini bukan persyaratan jenis permohonan ini.",
            );
            continue;
        }
        match crate::berkas::periksa_dokumen(isi) {
            Ok(mime) => berkas.push((i, mime)),
            Err(e) => g.push(&kolom, e),
        }
    }
    for s in jenis.persyaratan().iter().filter(|s| s.wajib) {
        if !lampiran.iter().any(|(syarat, _)| *syarat == s.kode) {
            g.push(
                &kolom_lampiran(s.kode),
                format!("{} wajib dilampirkan (foto atau pindaian).", s.label),
            );
        }
    }
    if lampiran.len() as i64 > LAMPIRAN_PER_PERMOHONAN {
        g.push(
            "lampiran",
            format!("Paling banyak {LAMPIRAN_PER_PERMOHONAN} lampiran per permohonan."),
        );
    }
    berkas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiap_jenis_punya_kode_syarat_dan_hasil() {
        for j in JenisAdminduk::SEMUA {
            assert_eq!(JenisAdminduk::dari_kode(j.kode()), Some(j));
            assert!(!j.hasil().is_empty());
            assert!(!j.formulir().is_empty());
            assert!(j.persyaratan().iter().any(|s| s.wajib), "{}", j.kode());
            for s in j.persyaratan() {
                assert_ne!(label_syarat(s.kode), "Lampiran lain");
            }
        }
    }

    #[test]
    fn alur_status() {
        use Langkah::*;
        use StatusAdminduk::*;
        let s = Diajukan.langkah(Teruskan, Pelaku::Desa).unwrap();
        assert_eq!(s, Diteruskan);
        // The village cannot finish; Dukcapil cannot finish before claiming.
        assert!(Diproses.langkah(Selesaikan, Pelaku::Desa).is_err());
        assert!(Diteruskan.langkah(Selesaikan, Pelaku::Dukcapil).is_err());
        let s = s.langkah(Proses, Pelaku::Dukcapil).unwrap();
        let s = s.langkah(MintaPerbaikan, Pelaku::Dukcapil).unwrap();
        assert_eq!(s, PerluPerbaikan);
        assert!(s.langkah(Proses, Pelaku::Dukcapil).is_err());
        let s = s.langkah(AjukanUlang, Pelaku::Pemohon).unwrap();
        assert_eq!(s, Diajukan);
        assert!(Selesai.langkah(Tolak, Pelaku::Dukcapil).is_err());
        assert!(!Selesai.terbuka() && !Ditolak.terbuka() && Diproses.terbuka());
        let pesan = Selesai.langkah(Proses, Pelaku::Dukcapil).unwrap_err();
        assert!(pesan.contains("Selesai"), "{pesan}");
    }

    #[test]
    fn nomor_referensi_dibaca_kembali() {
        let n = nomor_referensi([0xff, 0x00, 0x12, 0x34, 0x56]);
        assert_eq!(n.len(), 11);
        assert_eq!(baca_nomor_referensi(&n.to_lowercase()), Some(n.clone()));
        assert_eq!(
            baca_nomor_referensi(&n.replace("AD-", "ad ")),
            Some(n.clone())
        );
        assert_eq!(baca_nomor_referensi("AD-123"), None);
        assert_eq!(baca_nomor_referensi("XX-12345678"), None);
    }

    #[test]
    fn lampiran_persetujuan_dan_kanal_diperiksa() {
        let jenis = JenisAdminduk::SEMUA[0];
        let syarat = jenis.persyaratan();
        let pdf: &[u8] = b"%PDF-1.7 isi";
        let mut g = DaftarGalat::default();
        let semua: Vec<(&str, &[u8])> = syarat.iter().map(|s| (s.kode, pdf)).collect();
        let diterima = periksa_lampiran(jenis, true, "portal", &semua, &mut g);
        assert!(g.is_empty(), "{g}");
        assert_eq!(diterima.len(), syarat.len());
        let mut g = DaftarGalat::default();
        let salah: Vec<(&str, &[u8])> = vec![("bukan_syarat", pdf)];
        periksa_lampiran(jenis, false, "faks", &salah, &mut g);
        assert!(g.untuk("persetujuan").is_some() && g.untuk("kanal").is_some());
        assert!(g.untuk(&kolom_lampiran("bukan_syarat")).is_some());
        for s in syarat.iter().filter(|s| s.wajib) {
            assert!(g.untuk(&kolom_lampiran(s.kode)).is_some(), "{}", s.kode);
        }
    }
}
