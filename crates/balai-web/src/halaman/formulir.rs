//! The resident form: every field, grouped as on the KK/biodata sheet, refilled after an error.

use balai_domain::DaftarGalat;
use balai_domain::penduduk::{daftar_kode, label_kolom};

pub enum Jenis {
    Teks,
    Tanggal,
    Pilihan(Vec<(String, &'static str)>),
}

pub struct Bidang {
    pub nama: &'static str,
    pub label: &'static str,
    pub jenis: Jenis,
    pub nilai: String,
    pub galat: Option<String>,
    pub wajib: bool,
    pub petunjuk: &'static str,
    /// `list` attribute (datalist id) for text fields.
    pub daftar: &'static str,
}

impl Bidang {
    pub fn teks(&self) -> bool {
        matches!(self.jenis, Jenis::Teks)
    }
    pub fn tanggal(&self) -> bool {
        matches!(self.jenis, Jenis::Tanggal)
    }
    pub fn pilihan(&self) -> &[(String, &'static str)] {
        match &self.jenis {
            Jenis::Pilihan(p) => p,
            _ => &[],
        }
    }
    pub fn terpilih(&self, kode: &str) -> bool {
        self.nilai == kode
    }
}

pub struct Kelompok {
    pub judul: &'static str,
    pub bidang: Vec<Bidang>,
}

const KELOMPOK: &[(&str, &[&str])] = &[
    (
        "Identitas",
        &[
            "nik",
            "nama",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "agama_id",
            "warganegara_id",
            "suku",
        ],
    ),
    (
        "Keluarga dan alamat",
        &[
            "no_kk",
            "shdk_id",
            "status_kawin_id",
            "dusun",
            "rw",
            "rt",
            "alamat_sekarang",
            "alamat_sebelumnya",
        ],
    ),
    (
        "Orang tua",
        &["nik_ayah", "nama_ayah", "nik_ibu", "nama_ibu"],
    ),
    (
        "Pendidikan dan pekerjaan",
        &["pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id"],
    ),
    (
        "Dokumen",
        &[
            "akta_lahir",
            "ktp_el_id",
            "status_rekam_id",
            "akta_perkawinan",
            "tanggal_perkawinan",
            "akta_perceraian",
            "tanggal_perceraian",
            "no_paspor",
            "tanggal_akhir_paspor",
            "no_kitas",
        ],
    ),
    (
        "Kesehatan",
        &[
            "golongan_darah_id",
            "cacat_id",
            "cara_kb_id",
            "hamil",
            "asuransi_id",
            "no_asuransi",
        ],
    ),
    ("Kontak", &["telepon", "email"]),
];

const WAJIB: &[&str] = &[
    "nik",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama_id",
    "warganegara_id",
    "shdk_id",
    "status_kawin_id",
    "dusun",
    "rw",
    "rt",
    "pendidikan_kk_id",
    "pekerjaan_id",
];

fn petunjuk(kolom: &str) -> &'static str {
    match kolom {
        "nik" => "16 angka sesuai KTP/KK.",
        "no_kk" => "16 angka. Keluarga baru dibuat otomatis bila nomor KK belum ada.",
        "rw" | "rt" => "Contoh: 001",
        "tanggal_lahir" => "Tidak boleh di masa depan.",
        "nik_ayah" | "nik_ibu" => "Kosongkan bila tidak diketahui.",
        _ => "",
    }
}

fn daftar(kolom: &str) -> &'static str {
    match kolom {
        "dusun" => "daftar-dusun",
        "rw" => "daftar-rw",
        "rt" => "daftar-rt",
        _ => "",
    }
}

/// Builds the form from field values (as text) and the errors of the last attempt.
pub fn susun(nilai: &(dyn Fn(&str) -> String + Sync), galat: &DaftarGalat) -> Vec<Kelompok> {
    KELOMPOK
        .iter()
        .map(|(judul, kolom)| Kelompok {
            judul,
            bidang: kolom
                .iter()
                .map(|k| Bidang {
                    nama: k,
                    label: label_kolom(k),
                    jenis: if let Some(d) = daftar_kode(k) {
                        Jenis::Pilihan(d.isi.iter().map(|(id, l)| (id.to_string(), *l)).collect())
                    } else if k.starts_with("tanggal") {
                        Jenis::Tanggal
                    } else {
                        Jenis::Teks
                    },
                    nilai: if k.starts_with("tanggal") {
                        crate::isian::tanggal_isian(&nilai(k))
                    } else {
                        nilai(k)
                    },
                    galat: galat.untuk(k).map(str::to_string),
                    wajib: WAJIB.contains(k),
                    petunjuk: petunjuk(k),
                    daftar: daftar(k),
                })
                .collect(),
        })
        .collect()
}
