//! The village's inventory (Permendagri 1/2016): the KIB categories A–F, where an item came
//! from, its condition and why it is disposed of; and what an item as typed must carry.

pub mod tanah;

use crate::DaftarGalat;
use crate::isian::{bulat, tanggal_wajib, teks, tidak_sebelum};
use chrono::NaiveDate;

/// KIB A–F with their names.
pub const KIB: [(&str, &str); 6] = [
    ("A", "Tanah"),
    ("B", "Peralatan dan mesin"),
    ("C", "Gedung dan bangunan"),
    ("D", "Jalan, irigasi dan jaringan"),
    ("E", "Aset tetap lainnya"),
    ("F", "Konstruksi dalam pengerjaan"),
];

/// How an item came to the village.
pub const ASAL: [(&str, &str); 5] = [
    ("dibeli", "Dibeli sendiri"),
    ("pusat", "Bantuan pemerintah pusat"),
    ("provinsi", "Bantuan pemerintah provinsi"),
    ("kabupaten", "Bantuan pemerintah kabupaten/kota"),
    ("sumbangan", "Sumbangan"),
];

pub const KONDISI: [(&str, &str); 3] = [
    ("baik", "Baik"),
    ("rusak_ringan", "Rusak ringan"),
    ("rusak_berat", "Rusak berat"),
];

/// Why an item left the inventory.
pub const ALASAN_HAPUS: [(&str, &str); 3] = [
    ("rusak", "Rusak"),
    ("dijual", "Dijual"),
    ("disumbangkan", "Disumbangkan"),
];

pub fn label(daftar: &[(&'static str, &'static str)], kode: &str) -> &'static str {
    crate::kode::label_dari(daftar, kode).unwrap_or("—")
}

pub fn label_kib(kode: &str) -> &'static str {
    label(&KIB, kode)
}
pub fn label_asal(kode: &str) -> &'static str {
    label(&ASAL, kode)
}
pub fn label_kondisi(kode: &str) -> &'static str {
    label(&KONDISI, kode)
}
pub fn label_alasan_hapus(kode: &str) -> &'static str {
    label(&ALASAN_HAPUS, kode)
}

/// An item as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct IsianBarang {
    pub kib: String,
    pub nama: String,
    pub kode_barang: String,
    pub nomor_register: String,
    pub jumlah: String,
    pub satuan: String,
    pub tanggal_peroleh: String,
    /// Rupiah as digits (the web layer reads "Rp 1.500.000").
    pub nilai: String,
    pub asal: String,
    /// A cash book entry id (payment), or empty.
    pub kas_id: String,
    /// Condition on acquisition (a new item only; later ones go through `catat_kondisi`).
    pub kondisi: String,
    pub lokasi: String,
    pub keterangan: String,
    pub versi: Option<i64>,
}

/// A disposal as typed.
#[derive(Debug, Clone, Default)]
pub struct IsianHapus {
    /// rusak, dijual or disumbangkan.
    pub alasan: String,
    pub tanggal: String,
    /// What it rests on (minutes, decision).
    pub catatan: String,
    pub versi: Option<i64>,
}

pub fn pilih<'a>(
    g: &mut DaftarGalat,
    kolom: &str,
    pesan: &str,
    daftar: &[(&'a str, &'a str)],
    s: &str,
) -> Option<&'a str> {
    let k = daftar.iter().find(|(k, _)| *k == s.trim()).map(|(k, _)| *k);
    if k.is_none() {
        g.push(kolom, pesan);
    }
    k
}

/// An item's fields as read from the form; `None` where the field was wrong (its message is
/// in the list that comes with it).
#[derive(Debug)]
pub struct BarangTerbaca {
    pub kib: Option<&'static str>,
    pub nama: String,
    pub kode_barang: String,
    pub nomor_register: String,
    pub jumlah: Option<i64>,
    pub satuan: String,
    pub tanggal: Option<NaiveDate>,
    pub nilai: Option<i64>,
    pub asal: Option<&'static str>,
    /// Read for a new item only; later conditions have their own history.
    pub kondisi: Option<&'static str>,
    pub lokasi: String,
    pub keterangan: String,
}

/// Reads an item as typed. The store adds the checks that need the database (the payment
/// exists, the register number is free).
pub fn baca_barang(
    isi: &IsianBarang,
    hari_ini: NaiveDate,
    baru: bool,
) -> (BarangTerbaca, DaftarGalat) {
    let mut g = DaftarGalat::default();
    let kib = pilih(
        &mut g,
        "kib",
        "Pilih golongan KIB A sampai F.",
        &KIB,
        &isi.kib.to_uppercase(),
    );
    let nama = teks(&mut g, "nama", "Nama barang", &isi.nama, 200, true);
    let kode_barang = teks(
        &mut g,
        "kode_barang",
        "Kode barang",
        &isi.kode_barang,
        60,
        false,
    );
    let register = teks(
        &mut g,
        "nomor_register",
        "Nomor register",
        &isi.nomor_register,
        60,
        false,
    );
    let jumlah = bulat(&mut g, "jumlah", "Jumlah", &isi.jumlah, true);
    if jumlah == Some(0) {
        g.push("jumlah", "Jumlah paling sedikit 1.");
    }
    let satuan = teks(&mut g, "satuan", "Satuan", &isi.satuan, 30, false);
    let tanggal = tanggal_wajib(
        &mut g,
        "tanggal_peroleh",
        "Tanggal perolehan",
        &isi.tanggal_peroleh,
        hari_ini,
    );
    let nilai = bulat(
        &mut g,
        "nilai",
        "Nilai perolehan (rupiah)",
        &isi.nilai,
        true,
    );
    let asal = pilih(
        &mut g,
        "asal",
        "Pilih asal barang: dibeli sendiri, bantuan pemerintah pusat, provinsi, kabupaten/kota, atau sumbangan.",
        &ASAL,
        &isi.asal,
    );
    let lokasi = teks(&mut g, "lokasi", "Lokasi", &isi.lokasi, 200, false);
    let ket = teks(
        &mut g,
        "keterangan",
        "Keterangan",
        &isi.keterangan,
        500,
        false,
    );
    let kondisi = if baru {
        pilih(
            &mut g,
            "kondisi",
            "Pilih kondisi barang: baik, rusak ringan atau rusak berat.",
            &KONDISI,
            &isi.kondisi,
        )
    } else {
        None
    };
    (
        BarangTerbaca {
            kib,
            nama,
            kode_barang,
            nomor_register: register,
            jumlah,
            satuan,
            tanggal,
            nilai,
            asal,
            kondisi,
            lokasi,
            keterangan: ket,
        },
        g,
    )
}

/// A condition found on inspection: from the list, dated between the acquisition and today.
/// `dihapus` names an item already disposed of, whose condition is no longer recorded.
pub fn periksa_kondisi(
    kondisi: &str,
    tanggal: &str,
    catatan: &str,
    hari_ini: NaiveDate,
    tanggal_peroleh: NaiveDate,
    dihapus: Option<&str>,
) -> Result<(&'static str, NaiveDate, String), DaftarGalat> {
    let mut g = DaftarGalat::default();
    let k = pilih(
        &mut g,
        "kondisi",
        "Pilih kondisi barang: baik, rusak ringan atau rusak berat.",
        &KONDISI,
        kondisi,
    );
    let t = tanggal_wajib(&mut g, "tanggal", "Tanggal pemeriksaan", tanggal, hari_ini);
    let catatan = teks(&mut g, "catatan", "Catatan", catatan, 300, false);
    tidak_sebelum(
        &mut g,
        "tanggal",
        "Tanggal pemeriksaan",
        t,
        tanggal_peroleh,
        "tanggal perolehan",
    );
    if let Some(nama) = dihapus {
        g.push(
            "kondisi",
            format!("{nama} sudah dihapus dari inventaris; kondisinya tidak dicatat lagi."),
        );
    }
    match (k, t) {
        (Some(k), Some(t)) if g.is_empty() => Ok((k, t, catatan)),
        _ => Err(g),
    }
}

/// A disposal: a reason from the list, dated between the acquisition and today.
pub fn periksa_hapus(
    isi: &IsianHapus,
    hari_ini: NaiveDate,
    tanggal_peroleh: NaiveDate,
) -> Result<(&'static str, NaiveDate, String), DaftarGalat> {
    let mut g = DaftarGalat::default();
    let a = pilih(
        &mut g,
        "alasan",
        "Pilih alasan penghapusan: rusak, dijual atau disumbangkan.",
        &ALASAN_HAPUS,
        &isi.alasan,
    );
    let t = tanggal_wajib(
        &mut g,
        "tanggal",
        "Tanggal penghapusan",
        &isi.tanggal,
        hari_ini,
    );
    let catatan = teks(
        &mut g,
        "catatan",
        "Dasar penghapusan",
        &isi.catatan,
        300,
        false,
    );
    tidak_sebelum(
        &mut g,
        "tanggal",
        "Tanggal penghapusan",
        t,
        tanggal_peroleh,
        "tanggal perolehan",
    );
    match (a, t) {
        (Some(a), Some(t)) if g.is_empty() => Ok((a, t, catatan)),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn barang_dibaca_dengan_pesan_per_kolom() {
        let isi = IsianBarang {
            kib: "b".into(),
            nama: "Laptop".into(),
            jumlah: "0".into(),
            tanggal_peroleh: "01-02-2026".into(),
            nilai: "Rp 7.500.000".into(),
            asal: "dibeli".into(),
            kondisi: "baik".into(),
            ..Default::default()
        };
        let (b, g) = baca_barang(&isi, t("2026-03-01"), true);
        assert_eq!(
            (b.kib, b.nilai, b.kondisi),
            (Some("B"), Some(7_500_000), Some("baik"))
        );
        assert!(g.untuk("jumlah").unwrap().contains("paling sedikit 1"));
        // A later change does not read the condition: it has its own history.
        let (b, _) = baca_barang(&isi, t("2026-03-01"), false);
        assert_eq!(b.kondisi, None);
        let (_, g) = baca_barang(&IsianBarang::default(), t("2026-03-01"), true);
        for kolom in [
            "kib",
            "nama",
            "jumlah",
            "tanggal_peroleh",
            "nilai",
            "asal",
            "kondisi",
        ] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
    }

    #[test]
    fn kondisi_dan_penghapusan_tidak_sebelum_perolehan() {
        let peroleh = t("2026-02-01");
        let hari_ini = t("2026-03-01");
        let g =
            periksa_kondisi("rusak_ringan", "01-01-2026", "", hari_ini, peroleh, None).unwrap_err();
        assert!(g.untuk("tanggal").is_some());
        let g = periksa_kondisi("baik", "01-03-2026", "", hari_ini, peroleh, Some("Laptop"))
            .unwrap_err();
        assert!(g.untuk("kondisi").unwrap().contains("sudah dihapus"));
        let hapus = IsianHapus {
            alasan: "dijual".into(),
            tanggal: "15-02-2026".into(),
            ..Default::default()
        };
        assert_eq!(
            periksa_hapus(&hapus, hari_ini, peroleh),
            Ok(("dijual", t("2026-02-15"), String::new()))
        );
    }
}
