//! A village's own data: its profile as the operator edits it, and its dusun, RW and RT (a
//! dusun's name in capitals, RW and RT as three digits).

use crate::DaftarGalat;
use crate::penduduk::normal_rt_rw;
use serde::{Deserialize, Serialize};

/// The editable part of a village profile.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ProfilDesa {
    pub nama: String,
    pub alamat: String,
    pub kepala_desa: String,
    pub telepon: String,
    pub email: String,
    pub kode_pos: String,
}

/// The profile: a name, and an e-mail address and postcode that look right when given.
pub fn periksa_profil(p: &ProfilDesa) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    if p.nama.trim().is_empty() {
        g.push("nama", "Nama desa wajib diisi.");
    }
    if !p.email.trim().is_empty() && !p.email.contains('@') {
        g.push("email", "Alamat email tidak sah; contoh: pemdes@desa.id.");
    }
    if !p.kode_pos.trim().is_empty()
        && (p.kode_pos.trim().len() != 5 || !p.kode_pos.trim().chars().all(|c| c.is_ascii_digit()))
    {
        g.push("kode_pos", "Kode pos harus 5 digit angka.");
    }
    g.into_result(())
}

/// A new RT: the dusun's name in capitals, RW and RT as three digits ("-" when empty).
pub fn periksa_rt(
    dusun: &str,
    rw: &str,
    rt: &str,
    ketua: &str,
) -> Result<(String, String, String, String), DaftarGalat> {
    let dusun = dusun.trim().to_uppercase();
    let rw = normal_rt_rw(rw);
    let rt = normal_rt_rw(rt);
    let ketua = ketua.trim().to_string();
    let mut g = DaftarGalat::default();
    if dusun.is_empty() {
        g.push("dusun", "Nama dusun wajib diisi.");
    }
    crate::isian::panjang(&mut g, "dusun", "Nama dusun", &dusun, DUSUN_MAKS);
    crate::isian::panjang(&mut g, "rw", "Nomor RW", &rw, 10);
    if rt == "-" {
        g.push("rt", "Nomor RT wajib diisi, misalnya 001.");
    }
    crate::isian::panjang(&mut g, "rt", "Nomor RT", &rt, 10);
    crate::isian::panjang(&mut g, "ketua", "Nama ketua RT", &ketua, 100);
    g.into_result((dusun, rw, rt, ketua))
}

/// Longest dusun name (the longest in Kemendagri's lists is about 30 characters).
const DUSUN_MAKS: usize = 60;

/// A dusun's new name, in capitals.
pub fn nama_dusun_baru(baru: &str) -> Result<String, DaftarGalat> {
    let baru = baru.trim().to_uppercase();
    let mut g = DaftarGalat::default();
    if baru.is_empty() {
        g.push("baru", "Nama dusun baru wajib diisi.");
    }
    crate::isian::panjang(&mut g, "baru", "Nama dusun", &baru, DUSUN_MAKS);
    g.into_result(baru)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profil_dan_rt_diperiksa() {
        let g = periksa_profil(&ProfilDesa {
            email: "pemdes.desa.id".into(),
            kode_pos: "5125".into(),
            ..Default::default()
        })
        .unwrap_err();
        for kolom in ["nama", "email", "kode_pos"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        assert_eq!(
            periksa_rt(" krajan ", "2", "3", " PAK RT "),
            Ok(("KRAJAN".into(), "002".into(), "003".into(), "PAK RT".into()))
        );
        let g = periksa_rt("", "1", "", "").unwrap_err();
        assert!(g.untuk("dusun").is_some() && g.untuk("rt").is_some());
        // A 100 KB name was a server error on PostgreSQL (its unique index holds ~2,700 bytes).
        let panjang = "x".repeat(100_000);
        let g = periksa_rt(&panjang, &panjang, &panjang, &panjang).unwrap_err();
        for kolom in ["dusun", "rw", "rt", "ketua"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        assert!(nama_dusun_baru(&panjang).is_err());
        assert!(nama_dusun_baru("  ").is_err());
    }
}
