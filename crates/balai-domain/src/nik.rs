//! NIK and No. KK: 16-digit numbers that carry the region of issue and a date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A syntactically valid NIK (Nomor Induk Kependudukan).
///
/// Layout: region of issue (province 2, regency 2, district 2) + date of birth DDMMYY
/// (women: day + 40) + 4-digit serial.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

/// A syntactically valid No. KK (family card number): region prefix + 10 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoKk(String);

/// Whether the province part (first two digits) is checked against the possible range 11–99.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Provinsi {
    /// Forms and the API: 00–10 is refused (no province has such a code).
    Diperiksa,
    /// Imports and stored records: any two digits; an unknown region is flagged by the
    /// caller against the region table instead (old, test and training files carry such codes).
    Bebas,
}

fn enam_belas_digit(s: &str, apa: &str, provinsi: Provinsi) -> Result<String, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    if t.is_empty() {
        return Err(format!("{apa} wajib diisi (16 digit angka)."));
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{apa} hanya boleh berisi angka, tertulis \"{t}\"."));
    }
    if t.len() != 16 {
        return Err(format!("{apa} harus 16 digit, tertulis {} digit.", t.len()));
    }
    let prov: u32 = t[0..2].parse().unwrap_or(0);
    if provinsi == Provinsi::Diperiksa && !(11..=99).contains(&prov) {
        return Err(format!(
            "{apa}: dua digit pertama (kode provinsi) \"{}\" tidak dikenal.",
            &t[0..2]
        ));
    }
    Ok(t)
}

/// A temporary NIK ("NIK menunggu"): `0`, the village's 10-digit code and a 5-digit serial.
/// Kept until Dukcapil issues the real one (a newborn, a resident whose NIK is not known yet),
/// so the registry's one-NIK-per-person rule still holds. OpenSID uses the same leading zero.
const AWALAN_SEMENTARA: char = '0';

impl Nik {
    /// Asks the store to assign the village's next temporary NIK when the record is written.
    pub const MENUNGGU: &'static str = "0000000000000000";

    pub fn parse(s: &str) -> Result<Self, String> {
        Self::parse_dengan(s, Provinsi::Diperiksa)
    }

    /// Like [`Nik::parse`], but any two-digit province is accepted: for imports (SIAK and
    /// district files carry old codes, test and training files impossible ones such as 10) and
    /// for reading back what an import stored. Length, digits, the date part and the serial are
    /// checked the same. The caller flags the region (`kode_wilayah`) against the region table.
    pub fn parse_wilayah_bebas(s: &str) -> Result<Self, String> {
        Self::parse_dengan(s, Provinsi::Bebas)
    }

    fn parse_dengan(s: &str, provinsi: Provinsi) -> Result<Self, String> {
        let bersih: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
        if bersih.len() == 16
            && bersih.starts_with(AWALAN_SEMENTARA)
            && bersih.chars().all(|c| c.is_ascii_digit())
        {
            return Ok(Nik(bersih));
        }
        let t = enam_belas_digit(s, "NIK", provinsi)?;
        let hari: u32 = t[6..8].parse().unwrap_or(0);
        let bulan: u32 = t[8..10].parse().unwrap_or(0);
        let tahun: i32 = t[10..12].parse().unwrap_or(0);
        let hari_asli = if hari > 40 { hari - 40 } else { hari };
        // 2000 is a leap year, so 29 February is accepted for any two-digit year.
        if NaiveDate::from_ymd_opt(2000 + tahun, bulan, hari_asli).is_none()
            && NaiveDate::from_ymd_opt(2000, bulan, hari_asli).is_none()
        {
            return Err(format!(
                "NIK: digit ke-7 s.d. 12 harus tanggal lahir DDMMYY (perempuan: tanggal + 40), tertulis \"{}\".",
                &t[6..12]
            ));
        }
        if &t[12..16] == "0000" {
            return Err("NIK: empat digit terakhir (nomor urut) tidak boleh 0000.".into());
        }
        Ok(Nik(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// "Assign one when writing": the record gets the village's next temporary NIK.
    pub fn menunggu_baru() -> Nik {
        Nik(Nik::MENUNGGU.into())
    }
    /// The `urut`-th temporary NIK of a village (10-digit code without dots).
    pub fn sementara(kode_desa: &str, urut: u32) -> Result<Nik, String> {
        let kode: String = kode_desa.chars().filter(|c| c.is_ascii_digit()).collect();
        if kode.len() != 10 || !(1..=99_999).contains(&urut) {
            return Err("NIK sementara tidak dapat dibuat untuk kode desa ini.".into());
        }
        Ok(Nik(format!("{AWALAN_SEMENTARA}{kode}{urut:05}")))
    }
    /// True for a temporary NIK: the real one has not been issued yet.
    pub fn menunggu(&self) -> bool {
        nik_menunggu(&self.0)
    }
    /// The 6-digit region of issue (province, regency, district).
    pub fn kode_wilayah(&self) -> &str {
        &self.0[0..6]
    }
    /// True when the NIK's date part marks a woman (day + 40).
    pub fn perempuan(&self) -> bool {
        self.0[6..8].parse::<u32>().unwrap_or(0) > 40
    }
    /// Day, month and two-digit year encoded in the NIK.
    pub fn bagian_tanggal(&self) -> (u32, u32, u32) {
        let hari: u32 = self.0[6..8].parse().unwrap_or(0);
        let hari = if hari > 40 { hari - 40 } else { hari };
        (
            hari,
            self.0[8..10].parse().unwrap_or(0),
            self.0[10..12].parse().unwrap_or(0),
        )
    }
    /// Whether the date part agrees with a date of birth (a mismatch is flagged, not refused).
    pub fn cocok_tanggal_lahir(&self, tgl: NaiveDate) -> bool {
        use chrono::Datelike;
        let (h, b, y) = self.bagian_tanggal();
        h == tgl.day() && b == tgl.month() && y == (tgl.year().rem_euclid(100)) as u32
    }
}

impl NoKk {
    pub fn parse(s: &str) -> Result<Self, String> {
        enam_belas_digit(s, "Nomor KK", Provinsi::Diperiksa).map(NoKk)
    }
    /// Any two-digit province, as [`Nik::parse_wilayah_bebas`].
    pub fn parse_wilayah_bebas(s: &str) -> Result<Self, String> {
        enam_belas_digit(s, "Nomor KK", Provinsi::Bebas).map(NoKk)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn kode_wilayah(&self) -> &str {
        &self.0[0..6]
    }
}

macro_rules! string_newtype {
    ($t:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                $t::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    };
}
string_newtype!(Nik);
string_newtype!(NoKk);

/// True when a stored NIK is a temporary one ("NIK menunggu").
pub fn nik_menunggu(nik: &str) -> bool {
    nik.len() == 16 && nik.starts_with(AWALAN_SEMENTARA)
}

/// Masks a NIK for display where the full number is not needed: `3325********0001`.
pub fn samarkan(nik: &str) -> String {
    if nik.len() != 16 {
        return "****".into();
    }
    format!("{}********{}", &nik[..4], &nik[12..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nik_contoh_sah() {
        let n = Nik::parse("5201145003976995").unwrap();
        assert!(n.perempuan());
        assert_eq!(n.bagian_tanggal(), (10, 3, 97));
        assert_eq!(n.kode_wilayah(), "520114");
        assert!(n.cocok_tanggal_lahir(NaiveDate::from_ymd_opt(1997, 3, 10).unwrap()));
    }

    #[test]
    fn nik_salah_ditolak_dengan_pesan() {
        assert!(Nik::parse("").unwrap_err().contains("wajib"));
        assert!(Nik::parse("12345").unwrap_err().contains("16 digit"));
        assert!(
            Nik::parse("52011450039769AB")
                .unwrap_err()
                .contains("angka")
        );
        assert!(
            Nik::parse("5201143213976995")
                .unwrap_err()
                .contains("DDMMYY")
        );
        assert!(
            Nik::parse("1001145003976995")
                .unwrap_err()
                .contains("provinsi")
        );
        assert!(Nik::parse("5201145003970000").unwrap_err().contains("0000"));
    }

    #[test]
    fn provinsi_mustahil_hanya_diterima_jalur_impor() {
        // Forms keep refusing province 10; an import keeps it (flagged by the caller).
        assert!(Nik::parse("1001145003976995").is_err());
        let n = Nik::parse_wilayah_bebas("1001145003976995").unwrap();
        assert_eq!(n.kode_wilayah(), "100114");
        assert!(NoKk::parse("0501140104126994").is_err());
        assert!(NoKk::parse_wilayah_bebas("0501140104126994").is_ok());
        // Everything else is checked the same.
        assert!(Nik::parse_wilayah_bebas("1001143213976995").is_err());
        assert!(Nik::parse_wilayah_bebas("100114500397699").is_err());
        assert!(Nik::parse_wilayah_bebas("1001145003970000").is_err());
        assert!(NoKk::parse_wilayah_bebas("05011401041269").is_err());
    }

    #[test]
    fn nik_sementara() {
        let n = Nik::sementara("33.25.11.2003", 7).unwrap();
        assert_eq!(n.as_str(), "0332511200300007");
        assert!(n.menunggu());
        assert_eq!(Nik::parse("0332511200300007").unwrap(), n);
        assert!(Nik::menunggu_baru().menunggu());
        assert!(!Nik::parse("5201145003976995").unwrap().menunggu());
        assert!(Nik::sementara("3325", 1).is_err());
    }

    proptest! {
        #[test]
        fn nik_bentukan_selalu_sah(prov in 11u32..=99, kab in 0u32..100, kec in 0u32..100,
                                   tgl in 1u32..=28, bln in 1u32..=12, thn in 0u32..100,
                                   wanita: bool, urut in 1u32..10000) {
            let hari = if wanita { tgl + 40 } else { tgl };
            let s = format!("{prov:02}{kab:02}{kec:02}{hari:02}{bln:02}{thn:02}{urut:04}");
            let n = Nik::parse(&s).unwrap();
            prop_assert_eq!(n.perempuan(), wanita);
            prop_assert_eq!(n.bagian_tanggal(), (tgl, bln, thn));
            prop_assert_eq!(n.as_str(), s.as_str());
        }

        #[test]
        fn nik_bulan_salah_selalu_ditolak(bln in 13u32..100, urut in 1u32..10000) {
            let s = format!("33250810{bln:02}90{urut:04}");
            prop_assert!(Nik::parse(&s).is_err());
        }

        #[test]
        fn nik_bukan_16_digit_ditolak(s in "[0-9]{0,15}|[0-9]{17,20}") {
            prop_assert!(Nik::parse(&s).is_err());
        }

        #[test]
        fn no_kk_16_digit_diterima(prov in 11u32..=99, rest in 0u64..100_000_000_000_000) {
            let s = format!("{prov:02}{rest:014}");
            prop_assert!(NoKk::parse(&s).is_ok());
        }
    }
}
