//! A resident's data as entered, and the rules it must satisfy.
//!
//! Forms, the JSON API and both importers feed the same `DataPenduduk::dari_isian`, so a value
//! accepted in one place is accepted everywhere, with the same Indonesian messages.

use crate::daftar::*;
use crate::galat::DaftarGalat;
use crate::kode::KodeList;
use crate::nik::{Nik, NoKk};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every field of a resident that a village keeps (OpenSID's 43-column format plus contact data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataPenduduk {
    pub nik: Nik,
    pub nama: String,
    pub jenis_kelamin: i16,
    pub tempat_lahir: String,
    pub tanggal_lahir: NaiveDate,
    pub agama_id: i16,
    pub pendidikan_kk_id: i16,
    pub pendidikan_sedang_id: Option<i16>,
    pub pekerjaan_id: i16,
    pub status_kawin_id: i16,
    pub shdk_id: i16,
    pub warganegara_id: i16,
    pub nik_ayah: String,
    pub nama_ayah: String,
    pub nik_ibu: String,
    pub nama_ibu: String,
    pub golongan_darah_id: Option<i16>,
    pub cacat_id: Option<i16>,
    pub cara_kb_id: Option<i16>,
    pub hamil: Option<i16>,
    pub akta_lahir: String,
    pub no_paspor: String,
    pub tanggal_akhir_paspor: Option<NaiveDate>,
    pub no_kitas: String,
    pub akta_perkawinan: String,
    pub tanggal_perkawinan: Option<NaiveDate>,
    pub akta_perceraian: String,
    pub tanggal_perceraian: Option<NaiveDate>,
    pub ktp_el_id: Option<i16>,
    pub status_rekam_id: Option<i16>,
    pub alamat_sebelumnya: String,
    pub alamat_sekarang: String,
    pub telepon: String,
    pub email: String,
    pub suku: String,
    pub asuransi_id: Option<i16>,
    pub no_asuransi: String,
    pub no_kk: Option<NoKk>,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
}

/// Names of the input fields, in form order. The same names are used by the API and in messages.
pub const KOLOM: &[&str] = &[
    "nik",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama_id",
    "pendidikan_kk_id",
    "pendidikan_sedang_id",
    "pekerjaan_id",
    "status_kawin_id",
    "shdk_id",
    "warganegara_id",
    "nik_ayah",
    "nama_ayah",
    "nik_ibu",
    "nama_ibu",
    "golongan_darah_id",
    "cacat_id",
    "cara_kb_id",
    "hamil",
    "akta_lahir",
    "no_paspor",
    "tanggal_akhir_paspor",
    "no_kitas",
    "akta_perkawinan",
    "tanggal_perkawinan",
    "akta_perceraian",
    "tanggal_perceraian",
    "ktp_el_id",
    "status_rekam_id",
    "alamat_sebelumnya",
    "alamat_sekarang",
    "telepon",
    "email",
    "suku",
    "asuransi_id",
    "no_asuransi",
    "no_kk",
    "dusun",
    "rw",
    "rt",
];

/// Human labels of the fields, for messages and forms.
pub fn label_kolom(kolom: &str) -> &'static str {
    match kolom {
        "nik" => "NIK",
        "nama" => "Nama",
        "jenis_kelamin" => "Jenis kelamin",
        "tempat_lahir" => "Tempat lahir",
        "tanggal_lahir" => "Tanggal lahir",
        "agama_id" => "Agama",
        "pendidikan_kk_id" => "Pendidikan (dalam KK)",
        "pendidikan_sedang_id" => "Pendidikan sedang ditempuh",
        "pekerjaan_id" => "Pekerjaan",
        "status_kawin_id" => "Status perkawinan",
        "shdk_id" => "Hubungan dalam keluarga (SHDK)",
        "warganegara_id" => "Kewarganegaraan",
        "nik_ayah" => "NIK ayah",
        "nama_ayah" => "Nama ayah",
        "nik_ibu" => "NIK ibu",
        "nama_ibu" => "Nama ibu",
        "golongan_darah_id" => "Golongan darah",
        "cacat_id" => "Disabilitas",
        "cara_kb_id" => "Akseptor KB",
        "hamil" => "Status kehamilan",
        "akta_lahir" => "Nomor akta kelahiran",
        "no_paspor" => "Nomor paspor",
        "tanggal_akhir_paspor" => "Tanggal akhir paspor",
        "no_kitas" => "Nomor KITAS/KITAP",
        "akta_perkawinan" => "Nomor akta perkawinan",
        "tanggal_perkawinan" => "Tanggal perkawinan",
        "akta_perceraian" => "Nomor akta perceraian",
        "tanggal_perceraian" => "Tanggal perceraian",
        "ktp_el_id" => "KTP elektronik",
        "status_rekam_id" => "Status perekaman KTP-el",
        "alamat_sebelumnya" => "Alamat sebelumnya",
        "alamat_sekarang" => "Alamat sekarang",
        "telepon" => "Nomor telepon",
        "email" => "Email",
        "suku" => "Suku/etnis",
        "asuransi_id" => "Asuransi kesehatan",
        "no_asuransi" => "Nomor asuransi",
        "no_kk" => "Nomor KK",
        "dusun" => "Dusun",
        "rw" => "RW",
        "rt" => "RT",
        _ => "Isian",
    }
}

/// Parses a calendar date written as `2026-11-23`, `23-11-2026` or `23/11/2026`.
pub fn parse_tanggal(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .ok()
}

/// How strict `DataPenduduk::dari_isian_dengan` is where forms and imports differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AturanIsian {
    /// Accept a NIK or KK number whose province part is impossible (00–10). Forms and the API
    /// refuse it; an import keeps the record as the file has it and flags the region for a
    /// check, since old, district and training files carry such numbers.
    pub wilayah_bebas: bool,
}

impl AturanIsian {
    /// Forms and the API.
    pub const FORMULIR: AturanIsian = AturanIsian {
        wilayah_bebas: false,
    };
    /// OpenSID and SIAK imports.
    pub const IMPOR: AturanIsian = AturanIsian {
        wilayah_bebas: true,
    };
}

struct Pembaca<'a> {
    ambil: &'a dyn Fn(&str) -> Option<String>,
    galat: DaftarGalat,
    hari_ini: NaiveDate,
    aturan: AturanIsian,
}

impl Pembaca<'_> {
    fn teks(&self, k: &str) -> String {
        (self.ambil)(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }
    fn teks_maks(&mut self, k: &str, maks: usize) -> String {
        let t = self.teks(k);
        if t.chars().count() > maks {
            self.galat.push(
                k,
                format!(
                    "{} terlalu panjang: paling banyak {maks} karakter.",
                    label_kolom(k)
                ),
            );
        }
        t
    }
    fn kode_wajib(&mut self, k: &str, daftar: &KodeList) -> i16 {
        let t = self.teks(k);
        if t.is_empty() {
            self.galat.push(
                k,
                format!(
                    "{} wajib diisi. Pilihan: {}.",
                    label_kolom(k),
                    daftar.petunjuk()
                ),
            );
            return 0;
        }
        match daftar.dari_sel(&t) {
            Some(v) => v,
            None => {
                self.galat.push(
                    k,
                    format!(
                        "{} \"{t}\" tidak dikenal. Pilihan: {}.",
                        label_kolom(k),
                        daftar.petunjuk()
                    ),
                );
                0
            }
        }
    }
    fn kode_opsional(&mut self, k: &str, daftar: &KodeList) -> Option<i16> {
        let t = self.teks(k);
        if t.is_empty() || t == "0" || t == "-" {
            return None;
        }
        match daftar.dari_sel(&t) {
            Some(v) => Some(v),
            None => {
                self.galat.push(
                    k,
                    format!(
                        "{} \"{t}\" tidak dikenal. Pilihan: {}.",
                        label_kolom(k),
                        daftar.petunjuk()
                    ),
                );
                None
            }
        }
    }
    fn tanggal_opsional(&mut self, k: &str) -> Option<NaiveDate> {
        let t = self.teks(k);
        if t.is_empty() || t == "-" || t.starts_with("0000") {
            return None;
        }
        match parse_tanggal(&t) {
            Some(d) => Some(d),
            None => {
                self.galat.push(
                    k,
                    format!("{} \"{t}\" bukan tanggal yang sah; tulis sebagai TTTT-BB-HH, misalnya 1990-08-17.", label_kolom(k)),
                );
                None
            }
        }
    }
    fn tanggal_lalu(&mut self, k: &str) -> Option<NaiveDate> {
        let d = self.tanggal_opsional(k)?;
        if d > self.hari_ini {
            self.galat.push(
                k,
                format!("{} tidak boleh di masa depan ({d}).", label_kolom(k)),
            );
        }
        Some(d)
    }
    fn nik(&self, t: &str) -> Result<Nik, String> {
        if self.aturan.wilayah_bebas {
            Nik::parse_wilayah_bebas(t)
        } else {
            Nik::parse(t)
        }
    }
    fn nik_opsional(&mut self, k: &str) -> String {
        let t = self.teks(k);
        if t.is_empty() || t == "-" || t.chars().all(|c| c == '0') {
            return String::new();
        }
        match self.nik(&t) {
            Ok(n) => n.to_string(),
            Err(e) => {
                self.galat.push(k, format!("{}: {e}", label_kolom(k)));
                t
            }
        }
    }
}

impl DataPenduduk {
    /// Reads and checks every field. `ambil` returns the raw text of a field by its name.
    pub fn dari_isian(
        ambil: &dyn Fn(&str) -> Option<String>,
        hari_ini: NaiveDate,
    ) -> Result<DataPenduduk, DaftarGalat> {
        Self::dari_isian_dengan(ambil, hari_ini, AturanIsian::FORMULIR)
    }

    /// `dari_isian` with the rules of a given input path (see `AturanIsian`).
    pub fn dari_isian_dengan(
        ambil: &dyn Fn(&str) -> Option<String>,
        hari_ini: NaiveDate,
        aturan: AturanIsian,
    ) -> Result<DataPenduduk, DaftarGalat> {
        let mut p = Pembaca {
            ambil,
            galat: DaftarGalat::default(),
            hari_ini,
            aturan,
        };
        let nik_teks = p.teks("nik");
        let menunggu = matches!(p.teks("nik_menunggu").as_str(), "ya" | "1" | "true" | "on");
        let nik = match p.nik(&nik_teks) {
            Err(_) if menunggu && nik_teks.is_empty() => Some(Nik::menunggu_baru()),
            Ok(n) => Some(n),
            Err(e) => {
                p.galat.push("nik", e);
                None
            }
        };
        let nama = p.teks_maks("nama", 100);
        if nama.is_empty() {
            p.galat.push("nama", "Nama wajib diisi sesuai KTP/KK.");
        } else if !nama
            .chars()
            .all(|c| c.is_alphabetic() || " .,'-`".contains(c))
        {
            p.galat.push(
                "nama",
                "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung.",
            );
        }
        let jenis_kelamin = {
            let t = p.teks("jenis_kelamin").to_uppercase();
            match t.as_str() {
                "L" | "LK" | "PRIA" | "LAKI LAKI" => 1,
                "P" | "PR" | "WANITA" => 2,
                _ => p.kode_wajib("jenis_kelamin", &JENIS_KELAMIN),
            }
        };
        let tempat_lahir = p.teks_maks("tempat_lahir", 100);
        if tempat_lahir.is_empty() {
            p.galat.push("tempat_lahir", "Tempat lahir wajib diisi.");
        }
        let tanggal_lahir = if p.teks("tanggal_lahir").is_empty() {
            p.galat
                .push("tanggal_lahir", "Tanggal lahir wajib diisi (TTTT-BB-HH).");
            None
        } else {
            p.tanggal_lalu("tanggal_lahir")
        };
        if let Some(d) = tanggal_lahir
            && d < NaiveDate::from_ymd_opt(1880, 1, 1).expect("valid date")
        {
            p.galat.push(
                "tanggal_lahir",
                "Tanggal lahir sebelum tahun 1880 tidak masuk akal; periksa kembali.",
            );
        }
        let agama_id = p.kode_wajib("agama_id", &AGAMA);
        let pendidikan_kk_id = p.kode_wajib("pendidikan_kk_id", &PENDIDIKAN_KK);
        let pendidikan_sedang_id = p.kode_opsional("pendidikan_sedang_id", &PENDIDIKAN_SEDANG);
        let pekerjaan_id = p.kode_wajib("pekerjaan_id", &PEKERJAAN);
        let status_kawin_id = p.kode_wajib("status_kawin_id", &STATUS_KAWIN);
        let shdk_id = p.kode_wajib("shdk_id", &SHDK);
        let warganegara_id = p.kode_opsional("warganegara_id", &WARGANEGARA).unwrap_or(1);
        let nik_ayah = p.nik_opsional("nik_ayah");
        let nama_ayah = p.teks_maks("nama_ayah", 100);
        let nik_ibu = p.nik_opsional("nik_ibu");
        let nama_ibu = p.teks_maks("nama_ibu", 100);
        let golongan_darah_id = p.kode_opsional("golongan_darah_id", &GOLONGAN_DARAH);
        let cacat_id = p.kode_opsional("cacat_id", &CACAT);
        let cara_kb_id = p.kode_opsional("cara_kb_id", &CARA_KB);
        let hamil = p.kode_opsional("hamil", &HAMIL);
        if hamil == Some(1) && jenis_kelamin == 1 {
            p.galat.push(
                "hamil",
                "Status hamil hanya dapat diisi untuk penduduk perempuan.",
            );
        }
        let akta_lahir = p.teks_maks("akta_lahir", 60);
        let no_paspor = p.teks_maks("no_paspor", 40);
        let tanggal_akhir_paspor = p.tanggal_opsional("tanggal_akhir_paspor");
        let no_kitas = p.teks_maks("no_kitas", 60);
        let akta_perkawinan = p.teks_maks("akta_perkawinan", 60);
        let tanggal_perkawinan = p.tanggal_lalu("tanggal_perkawinan");
        let akta_perceraian = p.teks_maks("akta_perceraian", 60);
        let tanggal_perceraian = p.tanggal_lalu("tanggal_perceraian");
        let ktp_el_id = p.kode_opsional("ktp_el_id", &KTP_EL);
        let status_rekam_id = p.kode_opsional("status_rekam_id", &STATUS_REKAM);
        let alamat_sebelumnya = p.teks_maks("alamat_sebelumnya", 200);
        let alamat_sekarang = p.teks_maks("alamat_sekarang", 200);
        let telepon = p.teks_maks("telepon", 20);
        if !telepon.is_empty()
            && !telepon
                .chars()
                .all(|c| c.is_ascii_digit() || "+-() ".contains(c))
        {
            p.galat.push(
                "telepon",
                "Nomor telepon hanya boleh berisi angka (boleh diawali +62).",
            );
        }
        let email = p.teks_maks("email", 100);
        if !email.is_empty() && (!email.contains('@') || email.contains(' ')) {
            p.galat
                .push("email", "Alamat email tidak sah; contoh: nama@contoh.id.");
        }
        let suku = p.teks_maks("suku", 60);
        let asuransi_id = p.kode_opsional("asuransi_id", &ASURANSI);
        let no_asuransi = p.teks_maks("no_asuransi", 40);
        let no_kk = {
            let t = p.teks("no_kk");
            if t.is_empty() || t == "-" {
                None
            } else {
                let kk = if p.aturan.wilayah_bebas {
                    NoKk::parse_wilayah_bebas(&t)
                } else {
                    NoKk::parse(&t)
                };
                match kk {
                    Ok(k) => Some(k),
                    Err(e) => {
                        p.galat.push("no_kk", e);
                        None
                    }
                }
            }
        };
        let dusun = p.teks_maks("dusun", 60);
        let rw = normal_rt_rw(&p.teks_maks("rw", 5));
        let rt = normal_rt_rw(&p.teks_maks("rt", 5));
        if dusun.is_empty() {
            p.galat.push("dusun", "Dusun wajib diisi.");
        }
        if rt == "-" {
            p.galat.push("rt", "RT wajib diisi (contoh 001).");
        }
        let galat = p.galat;
        if !galat.is_empty() {
            return Err(galat);
        }
        Ok(DataPenduduk {
            nik: nik.expect("checked above"),
            nama: rapikan_nama(&nama),
            jenis_kelamin,
            tempat_lahir,
            tanggal_lahir: tanggal_lahir.expect("checked above"),
            agama_id,
            pendidikan_kk_id,
            pendidikan_sedang_id,
            pekerjaan_id,
            status_kawin_id,
            shdk_id,
            warganegara_id,
            nik_ayah,
            nama_ayah,
            nik_ibu,
            nama_ibu,
            golongan_darah_id,
            cacat_id,
            cara_kb_id,
            hamil,
            akta_lahir,
            no_paspor,
            tanggal_akhir_paspor,
            no_kitas,
            akta_perkawinan,
            tanggal_perkawinan,
            akta_perceraian,
            tanggal_perceraian,
            ktp_el_id,
            status_rekam_id,
            alamat_sebelumnya,
            alamat_sekarang,
            telepon,
            email,
            suku,
            asuransi_id,
            no_asuransi,
            no_kk,
            dusun: dusun.to_uppercase(),
            rw,
            rt,
        })
    }

    /// The field values as text, keyed by field name (to refill a form or write an export).
    pub fn sebagai_isian(&self) -> Vec<(&'static str, String)> {
        fn o<T: ToString>(v: &Option<T>) -> String {
            v.as_ref().map(|x| x.to_string()).unwrap_or_default()
        }
        vec![
            ("nik", self.nik.to_string()),
            ("nama", self.nama.clone()),
            ("jenis_kelamin", self.jenis_kelamin.to_string()),
            ("tempat_lahir", self.tempat_lahir.clone()),
            ("tanggal_lahir", self.tanggal_lahir.to_string()),
            ("agama_id", self.agama_id.to_string()),
            ("pendidikan_kk_id", self.pendidikan_kk_id.to_string()),
            ("pendidikan_sedang_id", o(&self.pendidikan_sedang_id)),
            ("pekerjaan_id", self.pekerjaan_id.to_string()),
            ("status_kawin_id", self.status_kawin_id.to_string()),
            ("shdk_id", self.shdk_id.to_string()),
            ("warganegara_id", self.warganegara_id.to_string()),
            ("nik_ayah", self.nik_ayah.clone()),
            ("nama_ayah", self.nama_ayah.clone()),
            ("nik_ibu", self.nik_ibu.clone()),
            ("nama_ibu", self.nama_ibu.clone()),
            ("golongan_darah_id", o(&self.golongan_darah_id)),
            ("cacat_id", o(&self.cacat_id)),
            ("cara_kb_id", o(&self.cara_kb_id)),
            ("hamil", o(&self.hamil)),
            ("akta_lahir", self.akta_lahir.clone()),
            ("no_paspor", self.no_paspor.clone()),
            ("tanggal_akhir_paspor", o(&self.tanggal_akhir_paspor)),
            ("no_kitas", self.no_kitas.clone()),
            ("akta_perkawinan", self.akta_perkawinan.clone()),
            ("tanggal_perkawinan", o(&self.tanggal_perkawinan)),
            ("akta_perceraian", self.akta_perceraian.clone()),
            ("tanggal_perceraian", o(&self.tanggal_perceraian)),
            ("ktp_el_id", o(&self.ktp_el_id)),
            ("status_rekam_id", o(&self.status_rekam_id)),
            ("alamat_sebelumnya", self.alamat_sebelumnya.clone()),
            ("alamat_sekarang", self.alamat_sekarang.clone()),
            ("telepon", self.telepon.clone()),
            ("email", self.email.clone()),
            ("suku", self.suku.clone()),
            ("asuransi_id", o(&self.asuransi_id)),
            ("no_asuransi", self.no_asuransi.clone()),
            ("no_kk", o(&self.no_kk)),
            ("dusun", self.dusun.clone()),
            ("rw", self.rw.clone()),
            ("rt", self.rt.clone()),
        ]
    }
}

/// RT/RW numbers are kept as three digits ("1" → "001"); "-" means none.
pub fn normal_rt_rw(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() || t == "-" || t.chars().all(|c| c == '0') {
        return "-".into();
    }
    match t.parse::<u32>() {
        Ok(n) => format!("{n:03}"),
        Err(_) => t.to_uppercase(),
    }
}

/// Collapses repeated spaces and upper-cases, as names are written on the KK.
pub fn rapikan_nama(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Age in whole years on a given day.
pub fn umur(lahir: NaiveDate, pada: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut u = pada.year() - lahir.year();
    if (pada.month(), pada.day()) < (lahir.month(), lahir.day()) {
        u -= 1;
    }
    u
}

/// The code list a coded field takes its values from, if it is coded.
pub fn daftar_kode(kolom: &str) -> Option<&'static KodeList> {
    Some(match kolom {
        "jenis_kelamin" => &JENIS_KELAMIN,
        "agama_id" => &AGAMA,
        "pendidikan_kk_id" => &PENDIDIKAN_KK,
        "pendidikan_sedang_id" => &PENDIDIKAN_SEDANG,
        "pekerjaan_id" => &PEKERJAAN,
        "status_kawin_id" => &STATUS_KAWIN,
        "shdk_id" => &SHDK,
        "warganegara_id" => &WARGANEGARA,
        "golongan_darah_id" => &GOLONGAN_DARAH,
        "cacat_id" => &CACAT,
        "cara_kb_id" => &CARA_KB,
        "hamil" => &HAMIL,
        "ktp_el_id" => &KTP_EL,
        "status_rekam_id" => &STATUS_REKAM,
        "asuransi_id" => &ASURANSI,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn isian(pasangan: &[(&str, &str)]) -> HashMap<String, String> {
        pasangan
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn sah() -> HashMap<String, String> {
        isian(&[
            ("nik", "3325084107900001"),
            ("nama", "siti  aminah"),
            ("jenis_kelamin", "2"),
            ("tempat_lahir", "Batang"),
            ("tanggal_lahir", "1990-07-01"),
            ("agama_id", "1"),
            ("pendidikan_kk_id", "SLTA/Sederajat"),
            ("pekerjaan_id", "2"),
            ("status_kawin_id", "Kawin"),
            ("shdk_id", "3"),
            ("dusun", "Krajan"),
            ("rw", "1"),
            ("rt", "2"),
        ])
    }

    fn cek(m: &HashMap<String, String>) -> Result<DataPenduduk, DaftarGalat> {
        let hari_ini = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        DataPenduduk::dari_isian(&|k| m.get(k).cloned(), hari_ini)
    }

    #[test]
    fn isian_sah_diterima_dan_dirapikan() {
        let d = cek(&sah()).unwrap();
        assert_eq!(d.nama, "SITI AMINAH");
        assert_eq!(d.pendidikan_kk_id, 5);
        assert_eq!(d.rw, "001");
        assert_eq!(d.dusun, "KRAJAN");
    }

    #[test]
    fn semua_galat_dilaporkan_per_kolom() {
        let mut m = sah();
        m.insert("nik".into(), "123".into());
        m.insert("tanggal_lahir".into(), "2030-01-01".into());
        m.insert("agama_id".into(), "9".into());
        let g = cek(&m).unwrap_err();
        assert!(g.untuk("nik").unwrap().contains("16 digit"));
        assert!(g.untuk("tanggal_lahir").unwrap().contains("masa depan"));
        assert!(g.untuk("agama_id").unwrap().contains("tidak dikenal"));
    }

    #[test]
    fn provinsi_mustahil_ditolak_formulir_tetapi_diterima_impor() {
        let mut m = sah();
        m.insert("nik".into(), "1008084107900001".into());
        m.insert("no_kk".into(), "0508081201100001".into());
        let g = cek(&m).unwrap_err();
        assert!(g.untuk("nik").unwrap().contains("provinsi"));
        assert!(g.untuk("no_kk").unwrap().contains("provinsi"));
        let hari_ini = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let d =
            DataPenduduk::dari_isian_dengan(&|k| m.get(k).cloned(), hari_ini, AturanIsian::IMPOR)
                .unwrap();
        assert_eq!(d.nik.kode_wilayah(), "100808");
        assert_eq!(d.no_kk.unwrap().kode_wilayah(), "050808");
    }

    #[test]
    fn laki_laki_tidak_bisa_hamil() {
        let mut m = sah();
        m.insert("jenis_kelamin".into(), "1".into());
        m.insert("hamil".into(), "1".into());
        assert!(cek(&m).unwrap_err().untuk("hamil").is_some());
    }
}

/// The codes Balai's rules depend on, named (Dukcapil/OpenSID numbering, as in
/// [`crate::daftar`]).
pub mod kode {
    /// Status dasar.
    pub const HIDUP: i16 = 1;
    pub const MATI: i16 = 2;
    pub const PINDAH: i16 = 3;
    pub const HILANG: i16 = 4;
    /// Left, whereabouts unknown (OpenSID's "pergi"); no event of its own in Balai, recorded
    /// as a move out with this status kept.
    pub const PERGI: i16 = 6;
    /// A record found to be wrong (an annulled birth or move in).
    pub const TIDAK_VALID: i16 = 9;
    /// SHDK: relationship to the head of the family.
    pub const KEPALA_KELUARGA: i16 = 1;
    pub const ISTRI: i16 = 3;
    pub const ANAK: i16 = 4;
    pub const MENANTU: i16 = 5;
    pub const CUCU: i16 = 6;
    pub const ORANGTUA: i16 = 7;
    pub const MERTUA: i16 = 8;
    pub const FAMILI_LAIN: i16 = 9;
    /// Marital status.
    pub const BELUM_KAWIN: i16 = 1;
    pub const KAWIN: i16 = 2;
    pub const CERAI_HIDUP: i16 = 3;
    pub const CERAI_MATI: i16 = 4;
    /// Religion.
    pub const ISLAM: i16 = 1;
    pub const KRISTEN: i16 = 2;
    pub const KATHOLIK: i16 = 3;
    /// Education, occupation and citizenship of a newborn.
    pub const TIDAK_SEKOLAH: i16 = 1;
    pub const BELUM_BEKERJA: i16 = 1;
    pub const WNI: i16 = 1;
}

/// The one rule behind "the head of the family": their SHDK code.
pub fn kepala_keluarga(shdk_id: i16) -> bool {
    shdk_id == kode::KEPALA_KELUARGA
}

#[cfg(test)]
mod tes_kode {
    use super::kode::*;
    use crate::daftar::{AGAMA, SHDK, STATUS_DASAR, STATUS_KAWIN};

    /// The named codes mean what the code lists say.
    #[test]
    fn nama_kode_sesuai_daftar() {
        for (k, l) in [
            (HIDUP, "HIDUP"),
            (MATI, "MATI"),
            (PINDAH, "PINDAH"),
            (HILANG, "HILANG"),
            (PERGI, "PERGI"),
            (TIDAK_VALID, "TIDAK VALID"),
        ] {
            assert_eq!(STATUS_DASAR.label(k), Some(l));
        }
        for (k, l) in [
            (KEPALA_KELUARGA, "KEPALA KELUARGA"),
            (ISTRI, "ISTRI"),
            (ANAK, "ANAK"),
            (MENANTU, "MENANTU"),
            (CUCU, "CUCU"),
            (ORANGTUA, "ORANGTUA"),
            (MERTUA, "MERTUA"),
            (FAMILI_LAIN, "FAMILI LAIN"),
        ] {
            assert_eq!(SHDK.label(k), Some(l));
        }
        for (k, l) in [
            (BELUM_KAWIN, "BELUM KAWIN"),
            (KAWIN, "KAWIN"),
            (CERAI_HIDUP, "CERAI HIDUP"),
            (CERAI_MATI, "CERAI MATI"),
        ] {
            assert_eq!(STATUS_KAWIN.label(k), Some(l));
        }
        for (k, l) in [
            (ISLAM, "ISLAM"),
            (KRISTEN, "KRISTEN"),
            (KATHOLIK, "KATHOLIK"),
        ] {
            assert_eq!(AGAMA.label(k), Some(l));
        }
        assert!(super::kepala_keluarga(1) && !super::kepala_keluarga(4));
    }
}

/// Dates as typed on forms and in import files: any text is a date or nothing, never a panic;
/// every real date reads back from both written forms.
#[cfg(test)]
mod uji_sifat_tanggal {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn teks_apa_pun_tidak_pernah_panik(s in "\\PC{0,40}") {
            let _ = parse_tanggal(&s);
        }

        #[test]
        fn tanggal_terbaca_kembali(hari in 0i64..80_000) {
            let t = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(hari);
            prop_assert_eq!(parse_tanggal(&t.format("%d-%m-%Y").to_string()), Some(t));
            prop_assert_eq!(parse_tanggal(&t.format("%Y-%m-%d").to_string()), Some(t));
        }
    }
}
