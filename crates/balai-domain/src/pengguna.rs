//! Staff accounts: what a user name and a password must be, and what an account of each role
//! needs (a village, a region code, a posyandu).

use crate::DaftarGalat;
use crate::peran::Peran;

/// Password rules shown on the forms.
/// A user name as stored (already trimmed and lower-cased): 3–40 letters, digits, ".", "_", "-".
pub fn username_sah(u: &str) -> bool {
    (3..=40).contains(&u.len())
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
}

pub const PESAN_USERNAME: &str =
    "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.";

/// Password rules shown on the forms.
pub fn cek_sandi(sandi: &str, kolom: &str) -> Result<(), DaftarGalat> {
    if sandi.chars().count() < 10 {
        return Err(DaftarGalat::satu(
            kolom,
            "Kata sandi minimal 10 karakter. Gunakan gabungan kata yang mudah Anda ingat.",
        ));
    }
    if sandi.chars().count() > 128 {
        return Err(DaftarGalat::satu(
            kolom,
            "Kata sandi paling panjang 128 karakter.",
        ));
    }
    Ok(())
}

/// A new account's fields. The store adds what needs the database: the village exists, the
/// posyandu belongs to it, the user name is free.
pub fn periksa_akun(
    username: &str,
    nama: &str,
    kata_sandi: &str,
    peran: Peran,
    punya_desa: bool,
    cakupan: &str,
) -> DaftarGalat {
    let mut g = DaftarGalat::default();
    if !username_sah(username) {
        g.push("username", PESAN_USERNAME);
    }
    if nama.trim().is_empty() {
        g.push("nama", "Nama lengkap wajib diisi.");
    }
    if let Err(e) = cek_sandi(kata_sandi, "kata_sandi") {
        g.0.extend(e.0);
    }
    if peran.peran_desa() && !punya_desa {
        g.push("desa_id", "Peran ini harus terikat pada satu desa.");
    }
    if matches!(
        peran,
        Peran::Kecamatan | Peran::Kabupaten | Peran::Opd | Peran::Dukcapil | Peran::Dinsos
    ) {
        let ok = match peran {
            Peran::Kecamatan => cakupan.len() == 6,
            Peran::Kabupaten | Peran::Dukcapil | Peran::Dinsos => cakupan.len() == 4,
            _ => matches!(cakupan.len(), 2 | 4 | 6),
        };
        if !ok || !cakupan.chars().all(|c| c.is_ascii_digit()) {
            g.push("cakupan", "Cakupan wilayah harus kode kecamatan (6 digit) atau kabupaten (4 digit) tanpa titik.");
        }
    }
    g
}

/// A new password: the rules above, typed twice the same, and not the old one.
pub fn periksa_sandi_baru(lama: &str, baru: &str, ulang: &str) -> Result<(), DaftarGalat> {
    cek_sandi(baru, "baru")?;
    if baru != ulang {
        return Err(DaftarGalat::satu(
            "ulang",
            "Ulangan kata sandi baru tidak sama.",
        ));
    }
    if baru == lama {
        return Err(DaftarGalat::satu(
            "baru",
            "Kata sandi baru harus berbeda dari yang lama.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn akun_per_peran() {
        let g = periksa_akun("ab", "", "pendek", Peran::Operator, false, "");
        for kolom in ["username", "nama", "kata_sandi", "desa_id"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        let g = periksa_akun(
            "camat.x",
            "Camat",
            "sandi-panjang-sekali",
            Peran::Kecamatan,
            false,
            "3325",
        );
        assert!(g.untuk("cakupan").is_some(), "{g}");
        let g = periksa_akun(
            "camat.x",
            "Camat",
            "sandi-panjang-sekali",
            Peran::Kecamatan,
            false,
            "332508",
        );
        assert!(g.is_empty(), "{g}");
    }

    #[test]
    fn sandi_baru() {
        assert!(
            periksa_sandi_baru("lama-sekali-1", "baru-sekali-12", "baru-sekali-13")
                .unwrap_err()
                .untuk("ulang")
                .is_some()
        );
        assert!(
            periksa_sandi_baru("sama-sekali-1", "sama-sekali-1", "sama-sekali-1")
                .unwrap_err()
                .untuk("baru")
                .is_some()
        );
        assert_eq!(
            periksa_sandi_baru("lama-sekali-1", "baru-sekali-12", "baru-sekali-12"),
            Ok(())
        );
        assert!(username_sah("siti.aminah") && !username_sah("Siti Aminah"));
    }
}
