//! Letter number formats such as `[kode_klasifikasi]/[nomor]/[kode_desa]/[bulan_romawi]/[tahun]`.

use super::teks::bulan_romawi;
use chrono::{Datelike, NaiveDate};

/// The format a new village starts with.
pub const FORMAT_BAWAAN: &str = "[kode_klasifikasi]/[nomor_3]/[kode_desa]/[bulan_romawi]/[tahun]";

/// The parts an operator may use, with what each prints (shown on the settings page).
pub const BAGIAN: &[(&str, &str)] = &[
    ("nomor", "nomor urut tanpa nol di depan (7)"),
    ("nomor_3", "nomor urut tiga angka (007)"),
    ("nomor_4", "nomor urut empat angka (0007)"),
    (
        "kode_klasifikasi",
        "kode klasifikasi arsip jenis surat (400.12.2.2)",
    ),
    ("kode_surat", "kode jenis surat (S-41)"),
    ("kode_desa", "empat angka terakhir kode desa (2004)"),
    ("bulan", "bulan dua angka (11)"),
    ("bulan_romawi", "bulan angka Romawi (XI)"),
    ("tahun", "tahun empat angka (2026)"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Potongan {
    Teks(String),
    Bagian(String),
}

/// A checked number format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatNomor {
    sumber: String,
    potongan: Vec<Potongan>,
}

/// What a number is made of, besides the format.
pub struct BahanNomor<'a> {
    pub urut: i64,
    pub kode_klasifikasi: &'a str,
    pub kode_surat: &'a str,
    /// Full village code, digits only or dotted.
    pub kode_desa: &'a str,
    pub tanggal: NaiveDate,
}

impl FormatNomor {
    /// Parses a format; the message says what is wrong in Indonesian.
    pub fn baca(s: &str) -> Result<FormatNomor, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("format nomor wajib diisi".into());
        }
        if s.chars().count() > 120 {
            return Err("format nomor terlalu panjang (paling banyak 120 karakter)".into());
        }
        let mut potongan = Vec::new();
        let mut sisa = s;
        while !sisa.is_empty() {
            if let Some(awal) = sisa.strip_prefix('[') {
                let Some(akhir) = awal.find(']') else {
                    return Err("tanda [ tidak ditutup dengan ]".into());
                };
                let nama = &awal[..akhir];
                if !BAGIAN.iter().any(|(b, _)| *b == nama) {
                    return Err(format!(
                        "bagian [{nama}] tidak dikenal; yang boleh: {}",
                        BAGIAN
                            .iter()
                            .map(|(b, _)| format!("[{b}]"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                potongan.push(Potongan::Bagian(nama.to_string()));
                sisa = &awal[akhir + 1..];
            } else {
                let akhir = sisa.find('[').unwrap_or(sisa.len());
                let teks = &sisa[..akhir];
                if teks.contains(']') {
                    return Err("tanda ] tanpa pasangan [".into());
                }
                if teks.chars().any(|c| c.is_control()) {
                    return Err("format nomor tidak boleh berisi karakter kendali".into());
                }
                potongan.push(Potongan::Teks(teks.to_string()));
                sisa = &sisa[akhir..];
            }
        }
        let ada_nomor = potongan
            .iter()
            .any(|p| matches!(p, Potongan::Bagian(b) if b.starts_with("nomor")));
        if !ada_nomor {
            return Err("format nomor harus memuat [nomor], [nomor_3] atau [nomor_4]".into());
        }
        Ok(FormatNomor {
            sumber: s.to_string(),
            potongan,
        })
    }

    pub fn sumber(&self) -> &str {
        &self.sumber
    }

    /// What a number looks like apart from its sequence number and date: letters whose numbers
    /// would look alike share one counter, so no two of them get the same number in a year
    /// (types that share a classification code, or a format without any type code).
    pub fn lingkup(&self, kode_klasifikasi: &str, kode_surat: &str, kode_desa: &str) -> String {
        let b = BahanNomor {
            urut: 0,
            kode_klasifikasi,
            kode_surat,
            kode_desa,
            tanggal: NaiveDate::default(),
        };
        let mut hasil = String::new();
        for p in &self.potongan {
            match p {
                Potongan::Teks(t) => hasil.push_str(t),
                Potongan::Bagian(nama) if nama.starts_with("nomor") => hasil.push('#'),
                Potongan::Bagian(nama)
                    if matches!(nama.as_str(), "bulan" | "bulan_romawi" | "tahun") => {}
                Potongan::Bagian(_) => hasil.push_str(&self.susun_bagian(p, &b)),
            }
        }
        hasil
    }

    fn susun_bagian(&self, p: &Potongan, b: &BahanNomor) -> String {
        FormatNomor {
            sumber: String::new(),
            potongan: vec![p.clone()],
        }
        .susun(b)
    }

    pub fn susun(&self, b: &BahanNomor) -> String {
        let digit_desa: String = b.kode_desa.chars().filter(char::is_ascii_digit).collect();
        let kode_desa = &digit_desa[digit_desa.len().saturating_sub(4)..];
        let mut hasil = String::new();
        for p in &self.potongan {
            match p {
                Potongan::Teks(t) => hasil.push_str(t),
                Potongan::Bagian(nama) => hasil.push_str(&match nama.as_str() {
                    "nomor" => b.urut.to_string(),
                    "nomor_3" => format!("{:03}", b.urut),
                    "nomor_4" => format!("{:04}", b.urut),
                    "kode_klasifikasi" => b.kode_klasifikasi.to_string(),
                    "kode_surat" => b.kode_surat.to_string(),
                    "kode_desa" => kode_desa.to_string(),
                    "bulan" => format!("{:02}", b.tanggal.month()),
                    "bulan_romawi" => bulan_romawi(b.tanggal.month()).to_string(),
                    "tahun" => b.tanggal.year().to_string(),
                    _ => String::new(),
                }),
            }
        }
        hasil
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bahan(urut: i64) -> BahanNomor<'static> {
        BahanNomor {
            urut,
            kode_klasifikasi: "400.12.2.2",
            kode_surat: "S-41",
            kode_desa: "33.25.08.2004",
            tanggal: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    #[test]
    fn format_bawaan() {
        let f = FormatNomor::baca(FORMAT_BAWAAN).unwrap();
        assert_eq!(f.susun(&bahan(7)), "400.12.2.2/007/2004/XI/2026");
        assert_eq!(f.susun(&bahan(1234)), "400.12.2.2/1234/2004/XI/2026");
    }

    #[test]
    fn format_lain() {
        let f = FormatNomor::baca("[kode_surat]/[nomor_4]/[bulan].[tahun]").unwrap();
        assert_eq!(f.susun(&bahan(12)), "S-41/0012/11.2026");
    }

    #[test]
    fn lingkup_sama_bila_nomor_bisa_sama() {
        let f = FormatNomor::baca(FORMAT_BAWAAN).unwrap();
        // Two types with the same classification share a counter; another classification not.
        assert_eq!(
            f.lingkup("400.8.2.1", "S-19", "3325082004"),
            f.lingkup("400.8.2.1", "S-30", "3325082004")
        );
        assert_ne!(
            f.lingkup("400.8.2.1", "S-19", "3325082004"),
            f.lingkup("400.8.1.6", "S-19", "3325082004")
        );
        assert_eq!(
            f.lingkup("400.8.2.1", "S-19", "3325082004"),
            "400.8.2.1/#/2004//"
        );
        let g = FormatNomor::baca("[kode_surat]/[nomor]/[tahun]").unwrap();
        assert_ne!(g.lingkup("400", "S-19", "1"), g.lingkup("400", "S-30", "1"));
    }

    #[test]
    fn format_salah_ditolak_dengan_alasan() {
        assert!(
            FormatNomor::baca("[kode_desa]/[tahun]")
                .unwrap_err()
                .contains("[nomor]")
        );
        assert!(
            FormatNomor::baca("[nomer]/[tahun]")
                .unwrap_err()
                .contains("tidak dikenal")
        );
        assert!(
            FormatNomor::baca("[nomor/2026")
                .unwrap_err()
                .contains("ditutup")
        );
        assert!(FormatNomor::baca("").is_err());
    }
}
