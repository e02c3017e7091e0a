//! Letter types (jenis surat): the built-in types shipped in `data/jenis_surat.toml`, the archive
//! classification codes of `data/klasifikasi_surat.csv`, and the rules an operator-edited type must
//! follow.
//!
//! # The letter body (`badan`)
//!
//! `badan` is typst markup for the part of the letter between the number and the place/date; the
//! PDF engine adds the letterhead, the title (`judul`), the number, the place and date, the
//! signature block and the QR code. Inside the body the engine provides:
//!
//! - `data`: a dictionary with `data.desa` {kode, nama, kecamatan, kabupaten, provinsi, alamat},
//!   `data.surat` {judul, nomor, tempat, tanggal, berlaku_sampai}, `data.p` (the subject person),
//!   `data.isian` {kunci: string} (every declared field, `""` when empty, dates already written out)
//!   and `data.penanda` {nama, jabatan, atas_nama, nip} (the signer);
//! - a person is a dictionary of strings: nama, nik, no_kk, jenis_kelamin, tempat_lahir,
//!   tanggal_lahir, tempat_tanggal_lahir, umur, agama, status_kawin, pekerjaan, pendidikan,
//!   warganegara, golongan_darah, shdk, nama_ayah, nama_ibu, alamat, rt, rw, dusun;
//! - `#biodata(person)`: the standard identity table;
//! - `#rincian((("Label", value), …))`: label/value rows (values are strings);
//! - `#orang("kunci")`: the person given for a role, or `none` (optional roles must be guarded).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DaftarGalat;

/// The built-in types, embedded at compile time.
const TOML_BAWAAN: &str = include_str!("../../data/jenis_surat.toml");
/// Archive classification codes (Permendagri 83/2022 as shipped by OpenSID), embedded.
const CSV_KLASIFIKASI: &str = include_str!("../../data/klasifikasi_surat.csv");

/// One kind of letter a village issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JenisSurat {
    /// Stable id used in URLs and the API (`keterangan_domisili`).
    pub kode: String,
    /// OpenSID's code for the same type (`S-41`); not unique, empty for types made by a village.
    #[serde(default)]
    pub kode_opensid: String,
    pub nama: String,
    /// Printed title, in capitals.
    pub judul: String,
    /// Archive classification code, the first part of the letter number.
    pub klasifikasi: String,
    /// Residents may request it themselves (portal, kiosk).
    pub bisa_diminta_warga: bool,
    /// At the kiosk it is issued at once, signed electronically in the head of village's name,
    /// and printed there; otherwise the kiosk prints a queue ticket.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub terbit_langsung: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masa_berlaku: Option<MasaBerlaku>,
    /// What the applicant brings or shows (service standard).
    #[serde(default)]
    pub persyaratan: Vec<String>,
    /// Target processing time.
    pub waktu_layanan_menit: u32,
    /// Fee in rupiah.
    #[serde(default)]
    pub biaya: i64,
    /// Besides living residents, the statuses the person a letter is about may have: "mati"
    /// (a death letter, heirs), "pindah" (a move-out letter). Empty: living residents only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_subjek: Vec<String>,
    /// Extra persons taken from the registry besides the subject.
    #[serde(default)]
    pub orang: Vec<PeranOrang>,
    /// Extra fields filled in by the operator or the applicant.
    #[serde(default)]
    pub isian: Vec<Isian>,
    /// Typst markup of the letter body (see the module documentation).
    pub badan: String,
}

/// How long an issued letter is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MasaBerlaku {
    pub jumlah: u32,
    pub satuan: Satuan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Satuan {
    Hari,
    Bulan,
    Tahun,
}

/// A person role of a letter type (pelapor, saksi, pasangan …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeranOrang {
    pub kunci: String,
    pub label: String,
    #[serde(default)]
    pub wajib: bool,
}

/// An extra field of a letter type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Isian {
    pub kunci: String,
    pub label: String,
    pub jenis: JenisIsian,
    #[serde(default)]
    pub wajib: bool,
    /// Options; only for `jenis = "pilihan"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pilihan: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisIsian {
    Teks,
    TeksPanjang,
    Angka,
    Tanggal,
    Pilihan,
}

impl JenisIsian {
    pub const SEMUA: [JenisIsian; 5] = [
        JenisIsian::Teks,
        JenisIsian::TeksPanjang,
        JenisIsian::Angka,
        JenisIsian::Tanggal,
        JenisIsian::Pilihan,
    ];
    /// The code used in the data file, forms and the API (same as the serde name).
    pub fn kode(self) -> &'static str {
        match self {
            JenisIsian::Teks => "teks",
            JenisIsian::TeksPanjang => "teks_panjang",
            JenisIsian::Angka => "angka",
            JenisIsian::Tanggal => "tanggal",
            JenisIsian::Pilihan => "pilihan",
        }
    }
    pub fn dari_kode(s: &str) -> Option<JenisIsian> {
        Self::SEMUA.into_iter().find(|j| j.kode() == s)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BerkasJenis {
    jenis: Vec<JenisSurat>,
}

/// Reads letter types in the format of `data/jenis_surat.toml` (`[[jenis]]` tables).
/// Only the syntax is checked here; call [`JenisSurat::periksa`] on each type.
pub fn baca_toml(teks: &str) -> Result<Vec<JenisSurat>, String> {
    toml::from_str::<BerkasJenis>(teks)
        .map(|b| b.jenis)
        .map_err(|e| format!("berkas jenis surat tidak dapat dibaca: {e}"))
}

/// Writes letter types in the format read by [`baca_toml`].
pub fn tulis_toml(jenis: &[JenisSurat]) -> Result<String, String> {
    toml::to_string(&BerkasJenis {
        jenis: jenis.to_vec(),
    })
    .map_err(|e| format!("jenis surat tidak dapat ditulis: {e}"))
}

/// The built-in letter types, in the order of the data file.
pub fn bawaan() -> &'static [JenisSurat] {
    static BAWAAN: OnceLock<Vec<JenisSurat>> = OnceLock::new();
    BAWAAN.get_or_init(|| {
        // The embedded file is checked by the tests below; failing here is a build defect.
        baca_toml(TOML_BAWAAN).unwrap_or_else(|e| panic!("data/jenis_surat.toml: {e}"))
    })
}

/// A built-in letter type by its `kode`.
pub fn bawaan_dengan_kode(kode: &str) -> Option<&'static JenisSurat> {
    bawaan().iter().find(|j| j.kode == kode)
}

/// All archive classification codes as (kode, nama), in the order of the list.
/// Names are cleaned of line breaks and repeated spaces.
pub fn klasifikasi() -> &'static [(String, String)] {
    static DAFTAR: OnceLock<Vec<(String, String)>> = OnceLock::new();
    DAFTAR.get_or_init(|| {
        let mut pembaca = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(CSV_KLASIFIKASI.as_bytes());
        pembaca
            .records()
            .map(|baris| {
                // The embedded file is checked by the tests below; failing here is a build defect.
                let baris = baris.unwrap_or_else(|e| panic!("data/klasifikasi_surat.csv: {e}"));
                let kolom = |i: usize| baris.get(i).unwrap_or("");
                let nama: Vec<&str> = kolom(1).split_whitespace().collect();
                (kolom(0).trim().to_string(), nama.join(" "))
            })
            .filter(|(kode, _)| !kode.is_empty())
            .collect()
    })
}

/// The name of an archive classification code, if the code is in the list.
pub fn nama_klasifikasi(kode: &str) -> Option<&'static str> {
    static INDEKS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEKS
        .get_or_init(|| {
            klasifikasi()
                .iter()
                .map(|(k, n)| (k.as_str(), n.as_str()))
                .collect()
        })
        .get(kode.trim())
        .copied()
}

/// `^[a-z0-9_]{2,60}$`
fn kunci_sah(s: &str) -> bool {
    (2..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

const POLA_KUNCI: &str =
    "2 sampai 60 karakter berupa huruf kecil a-z, angka 0-9, atau garis bawah (_)";

impl JenisSurat {
    /// Whether a letter of this type may be about a person of this status dasar. A village's
    /// copy saved before the field existed follows the built-in type of the same code.
    pub fn boleh_untuk_status(&self, status_dasar: i16) -> bool {
        use crate::penduduk::kode::{HIDUP, MATI, PINDAH};
        let daftar = match (
            self.status_subjek.is_empty(),
            bawaan_dengan_kode(&self.kode),
        ) {
            (true, Some(b)) => &b.status_subjek,
            _ => &self.status_subjek,
        };
        let kode = match status_dasar {
            HIDUP => return true,
            MATI => "mati",
            PINDAH => "pindah",
            _ => return false,
        };
        daftar.iter().any(|s| s == kode)
    }

    /// Checks a letter type (for example one edited by an operator) before it is saved.
    pub fn periksa(&self) -> Result<(), DaftarGalat> {
        let mut galat = DaftarGalat::default();
        if !kunci_sah(&self.kode) {
            galat.push("kode", format!("Kode jenis surat harus {POLA_KUNCI}."));
        }
        if self.nama.trim().is_empty() {
            galat.push("nama", "Nama jenis surat wajib diisi.");
        }
        if self.judul.trim().is_empty() {
            galat.push("judul", "Judul surat wajib diisi.");
        }
        if self.klasifikasi.trim().is_empty() {
            galat.push("klasifikasi", "Kode klasifikasi surat wajib diisi.");
        } else if nama_klasifikasi(&self.klasifikasi).is_none() {
            galat.push(
                "klasifikasi",
                format!(
                    "Kode klasifikasi {} tidak terdapat dalam daftar klasifikasi arsip.",
                    self.klasifikasi.trim()
                ),
            );
        }
        if let Some(masa) = &self.masa_berlaku
            && masa.jumlah == 0
        {
            galat.push(
                "masa_berlaku.jumlah",
                "Masa berlaku harus lebih dari 0; kosongkan masa berlaku bila surat tidak memiliki batas waktu.",
            );
        }
        for (i, syarat) in self.persyaratan.iter().enumerate() {
            if syarat.trim().is_empty() {
                galat.push(
                    &format!("persyaratan[{i}]"),
                    "Persyaratan tidak boleh kosong.",
                );
            }
        }
        if self.waktu_layanan_menit == 0 {
            galat.push(
                "waktu_layanan_menit",
                "Waktu layanan harus lebih dari 0 menit.",
            );
        }
        if self.biaya < 0 {
            galat.push("biaya", "Biaya tidak boleh kurang dari 0.");
        }
        if self.badan.trim().is_empty() {
            galat.push("badan", "Isi surat wajib diisi.");
        }

        let mut kunci_orang: HashMap<&str, usize> = HashMap::new();
        for (i, o) in self.orang.iter().enumerate() {
            let kolom = format!("orang[{i}]");
            if !kunci_sah(&o.kunci) {
                galat.push(
                    &format!("{kolom}.kunci"),
                    format!("Kunci orang harus {POLA_KUNCI}."),
                );
            } else if let Some(j) = kunci_orang.insert(&o.kunci, i) {
                galat.push(
                    &format!("{kolom}.kunci"),
                    format!("Kunci {} sudah dipakai oleh orang[{j}].", o.kunci),
                );
            }
            if o.label.trim().is_empty() {
                galat.push(&format!("{kolom}.label"), "Label orang wajib diisi.");
            }
        }

        let mut kunci_isian: HashMap<&str, usize> = HashMap::new();
        for (i, f) in self.isian.iter().enumerate() {
            let kolom = format!("isian[{i}]");
            // The key is also a typst field name (`data.isian.<kunci>`), so it starts with a letter.
            if !kunci_sah(&f.kunci) || !f.kunci.starts_with(|c: char| c.is_ascii_lowercase()) {
                galat.push(
                    &format!("{kolom}.kunci"),
                    format!("Kunci isian harus {POLA_KUNCI}, diawali huruf."),
                );
            } else if let Some(j) = kunci_isian.insert(&f.kunci, i) {
                galat.push(
                    &format!("{kolom}.kunci"),
                    format!("Kunci {} sudah dipakai oleh isian[{j}].", f.kunci),
                );
            }
            if f.label.trim().is_empty() {
                galat.push(&format!("{kolom}.label"), "Label isian wajib diisi.");
            }
            let kolom_pilihan = format!("{kolom}.pilihan");
            if f.jenis == JenisIsian::Pilihan {
                if f.pilihan.is_empty() {
                    galat.push(
                        &kolom_pilihan,
                        "Isian berjenis pilihan wajib memiliki daftar pilihan.",
                    );
                } else {
                    let mut terlihat = HashSet::new();
                    if f.pilihan.iter().any(|p| p.trim().is_empty()) {
                        galat.push(&kolom_pilihan, "Pilihan tidak boleh kosong.");
                    } else if !f.pilihan.iter().all(|p| terlihat.insert(p.trim())) {
                        galat.push(&kolom_pilihan, "Pilihan tidak boleh ada yang sama.");
                    }
                }
            } else if !f.pilihan.is_empty() {
                galat.push(
                    &kolom_pilihan,
                    "Daftar pilihan hanya boleh diisi untuk isian berjenis pilihan.",
                );
            }
        }
        galat.into_result(())
    }

    /// The last day a letter issued on `dari` is valid: `dari` plus the validity period (a month
    /// after 31 January is the end of February). `None` when the type has no validity period.
    pub fn masa_berlaku_sampai(&self, dari: NaiveDate) -> Option<NaiveDate> {
        let masa = self.masa_berlaku.as_ref()?;
        match masa.satuan {
            Satuan::Hari => dari.checked_add_days(Days::new(u64::from(masa.jumlah))),
            Satuan::Bulan => dari.checked_add_months(Months::new(masa.jumlah)),
            Satuan::Tahun => dari.checked_add_months(Months::new(masa.jumlah.checked_mul(12)?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::daftar;

    /// Keys that follow `prefix` in `teks` (`data.isian.` → the field keys used).
    fn kunci_setelah<'a>(teks: &'a str, prefix: &str) -> Vec<&'a str> {
        teks.match_indices(prefix)
            .map(|(i, _)| {
                let sisa = &teks[i + prefix.len()..];
                let akhir = sisa
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(sisa.len());
                &sisa[..akhir]
            })
            .collect()
    }

    fn isian_dipakai(j: &JenisSurat) -> HashSet<&str> {
        kunci_setelah(&j.badan, "data.isian.").into_iter().collect()
    }

    fn orang_dipakai(j: &JenisSurat) -> HashSet<&str> {
        kunci_setelah(&j.badan, "orang(\"").into_iter().collect()
    }

    fn contoh() -> JenisSurat {
        bawaan_dengan_kode("keterangan_usaha").unwrap().clone()
    }

    #[test]
    fn ada_42_jenis_surat_bawaan() {
        assert_eq!(bawaan().len(), 42);
    }

    #[test]
    fn kode_jenis_surat_bawaan_unik() {
        let mut kode = HashSet::new();
        for j in bawaan() {
            assert!(kode.insert(j.kode.as_str()), "kode ganda: {}", j.kode);
        }
        // Two OpenSID types share S-41; Balai keeps them apart by `kode`.
        let s41: Vec<&str> = bawaan()
            .iter()
            .filter(|j| j.kode_opensid == "S-41")
            .map(|j| j.kode.as_str())
            .collect();
        assert_eq!(
            s41,
            ["keterangan_domisili", "permohonan_perubahan_kartu_keluarga"]
        );
    }

    #[test]
    fn semua_jenis_bawaan_lolos_pemeriksaan() {
        for j in bawaan() {
            if let Err(e) = j.periksa() {
                panic!("{}: {e}", j.kode);
            }
        }
    }

    #[test]
    fn klasifikasi_jenis_bawaan_ada_dalam_daftar() {
        for j in bawaan() {
            assert!(
                nama_klasifikasi(&j.klasifikasi).is_some(),
                "{}: {}",
                j.kode,
                j.klasifikasi
            );
        }
    }

    #[test]
    fn badan_mencetak_data_penduduk_subjek() {
        for j in bawaan() {
            assert!(
                j.badan.contains("data.p") || j.badan.contains("biodata"),
                "{}",
                j.kode
            );
        }
    }

    #[test]
    fn isian_dan_orang_di_badan_telah_dideklarasikan() {
        for j in bawaan() {
            let isian: HashSet<&str> = j.isian.iter().map(|f| f.kunci.as_str()).collect();
            for k in isian_dipakai(j) {
                assert!(
                    isian.contains(k),
                    "{}: data.isian.{k} tidak dideklarasikan",
                    j.kode
                );
            }
            let orang: HashSet<&str> = j.orang.iter().map(|o| o.kunci.as_str()).collect();
            for k in orang_dipakai(j) {
                assert!(
                    orang.contains(k),
                    "{}: orang(\"{k}\") tidak dideklarasikan",
                    j.kode
                );
            }
        }
    }

    #[test]
    fn isian_wajib_dipakai_di_badan() {
        for j in bawaan() {
            let dipakai = isian_dipakai(j);
            for f in j.isian.iter().filter(|f| f.wajib) {
                assert!(
                    dipakai.contains(f.kunci.as_str()),
                    "{}: isian wajib {} tidak dipakai",
                    j.kode,
                    f.kunci
                );
            }
        }
    }

    #[test]
    fn setiap_isian_dan_orang_bawaan_tercetak() {
        // Stricter than required: nothing is asked for that the letter does not print.
        for j in bawaan() {
            let isian = isian_dipakai(j);
            for f in &j.isian {
                assert!(isian.contains(f.kunci.as_str()), "{}: {}", j.kode, f.kunci);
            }
            let orang = orang_dipakai(j);
            for o in &j.orang {
                assert!(orang.contains(o.kunci.as_str()), "{}: {}", j.kode, o.kunci);
            }
        }
    }

    #[test]
    fn orang_tidak_wajib_diperiksa_sebelum_dipakai() {
        // The first mention of an optional role is its `!= none` check.
        for j in bawaan() {
            for o in j.orang.iter().filter(|o| !o.wajib) {
                let panggil = format!("orang(\"{}\")", o.kunci);
                if let Some(pertama) = j.badan.find(&panggil) {
                    assert!(
                        j.badan[pertama..].starts_with(&format!("{panggil} != none")),
                        "{}: {panggil} dipakai sebelum diperiksa",
                        j.kode
                    );
                }
            }
        }
    }

    #[test]
    fn pilihan_dari_daftar_kependudukan_sama_dengan_registri() {
        let label = |d: &crate::KodeList| -> Vec<String> {
            d.isi.iter().map(|(_, v)| v.to_string()).collect()
        };
        for j in bawaan() {
            for f in j.isian.iter().filter(|f| f.jenis == JenisIsian::Pilihan) {
                if f.kunci.starts_with("pekerjaan") {
                    assert_eq!(f.pilihan, label(&daftar::PEKERJAAN), "{}", j.kode);
                }
                if f.kunci == "jenis_kelamin" {
                    assert_eq!(f.pilihan, label(&daftar::JENIS_KELAMIN), "{}", j.kode);
                }
                if f.kunci.starts_with("agama") && f.kunci != "agama_perkawinan" {
                    assert_eq!(f.pilihan, label(&daftar::AGAMA), "{}", j.kode);
                }
            }
        }
    }

    #[test]
    fn berkas_bawaan_dapat_ditulis_dan_dibaca_ulang() {
        let teks = tulis_toml(bawaan()).unwrap();
        assert_eq!(baca_toml(&teks).unwrap(), bawaan());
    }

    #[test]
    fn kolom_tak_dikenal_ditolak() {
        let teks = "[[jenis]]\nkode = \"x\"\nnama = \"X\"\njudul = \"X\"\nklasifikasi = \"100\"\n\
                    bisa_diminta_warga = true\nwaktu_layanan_menit = 5\nbadan = \"x\"\nwarna = \"merah\"\n";
        assert!(baca_toml(teks).unwrap_err().contains("warna"));
    }

    #[test]
    fn daftar_klasifikasi_terbaca_utuh() {
        let daftar = klasifikasi();
        assert_eq!(daftar.len(), 993);
        assert_eq!(daftar[0], ("000".to_string(), "UMUM".to_string()));
        assert_eq!(nama_klasifikasi("400.8"), Some("KEPENDUDUKAN"));
        assert_eq!(nama_klasifikasi(" 400.8 "), Some("KEPENDUDUKAN"));
        assert_eq!(nama_klasifikasi("400.12.2.2"), None);
        let mut kode = HashSet::new();
        for (k, n) in daftar {
            assert!(kode.insert(k), "kode ganda {k}");
            assert!(
                !n.contains('\n') && !n.contains("  ") && n.trim() == n,
                "{k}: {n:?}"
            );
        }
    }

    #[test]
    fn periksa_menolak_kode_yang_salah() {
        for buruk in [
            "Keterangan Usaha",
            "k",
            "keterangan-usaha",
            "surat_é",
            &"a".repeat(61),
        ] {
            let mut j = contoh();
            j.kode = buruk.to_string();
            let galat = j.periksa().unwrap_err();
            assert!(galat.untuk("kode").is_some(), "{buruk}: {galat}");
            assert_eq!(galat.0.len(), 1);
        }
    }

    #[test]
    fn periksa_menolak_kunci_isian_ganda() {
        let mut j = contoh();
        j.isian[1].kunci = j.isian[0].kunci.clone();
        let galat = j.periksa().unwrap_err();
        let pesan = galat.untuk("isian[1].kunci").unwrap();
        assert!(pesan.contains("isian[0]"), "{pesan}");
        assert!(galat.untuk("isian[0].kunci").is_none());
    }

    #[test]
    fn periksa_menolak_kunci_orang_ganda_dan_salah() {
        let mut j = bawaan_dengan_kode("keterangan_kematian").unwrap().clone();
        j.orang[2].kunci = "saksi_i".into();
        j.orang[0].kunci = "Pelapor".into();
        let galat = j.periksa().unwrap_err();
        assert!(galat.untuk("orang[2].kunci").unwrap().contains("orang[1]"));
        assert!(galat.untuk("orang[0].kunci").is_some());
        assert_eq!(galat.0.len(), 2);
    }

    #[test]
    fn periksa_menolak_kunci_isian_diawali_angka() {
        let mut j = contoh();
        j.isian[0].kunci = "1_nama".into();
        assert!(j.periksa().unwrap_err().untuk("isian[0].kunci").is_some());
    }

    #[test]
    fn periksa_memeriksa_pilihan() {
        let mut j = contoh();
        j.isian[0].jenis = JenisIsian::Pilihan;
        assert!(j.periksa().unwrap_err().untuk("isian[0].pilihan").is_some());
        j.isian[0].pilihan = vec!["Warung".into(), "Bengkel".into()];
        assert!(j.periksa().is_ok());
        j.isian[0].pilihan.push("Warung".into());
        assert!(j.periksa().unwrap_err().untuk("isian[0].pilihan").is_some());
        j.isian[0].jenis = JenisIsian::Teks;
        j.isian[0].pilihan = vec!["Warung".into()];
        assert!(j.periksa().unwrap_err().untuk("isian[0].pilihan").is_some());
    }

    #[test]
    fn periksa_memeriksa_angka_dan_isi() {
        let mut j = contoh();
        j.nama = " ".into();
        j.judul = String::new();
        j.klasifikasi = "400.12.2.2".into();
        j.biaya = -1;
        j.waktu_layanan_menit = 0;
        j.masa_berlaku = Some(MasaBerlaku {
            jumlah: 0,
            satuan: Satuan::Bulan,
        });
        let galat = j.periksa().unwrap_err();
        for kolom in [
            "nama",
            "judul",
            "klasifikasi",
            "biaya",
            "waktu_layanan_menit",
            "masa_berlaku.jumlah",
        ] {
            assert!(galat.untuk(kolom).is_some(), "{kolom}: {galat}");
        }
    }

    #[test]
    fn masa_berlaku_sampai_menurut_satuan() {
        let tgl = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut j = contoh();
        assert_eq!(
            j.masa_berlaku,
            Some(MasaBerlaku {
                jumlah: 1,
                satuan: Satuan::Bulan
            })
        );
        assert_eq!(
            j.masa_berlaku_sampai(tgl(2026, 11, 23)),
            Some(tgl(2026, 12, 23))
        );
        assert_eq!(
            j.masa_berlaku_sampai(tgl(2028, 1, 31)),
            Some(tgl(2028, 2, 29))
        );
        j.masa_berlaku = Some(MasaBerlaku {
            jumlah: 1,
            satuan: Satuan::Hari,
        });
        assert_eq!(
            j.masa_berlaku_sampai(tgl(2026, 12, 31)),
            Some(tgl(2027, 1, 1))
        );
        j.masa_berlaku = Some(MasaBerlaku {
            jumlah: 2,
            satuan: Satuan::Tahun,
        });
        assert_eq!(
            j.masa_berlaku_sampai(tgl(2024, 2, 29)),
            Some(tgl(2026, 2, 28))
        );
        j.masa_berlaku = None;
        assert_eq!(j.masa_berlaku_sampai(tgl(2026, 11, 23)), None);
    }
}
