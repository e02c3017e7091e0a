//! The land registers' rules: how tanah kas desa was acquired and what kind it is, who owns
//! land in the village, its right status and use, and what a parcel as typed must carry (areas
//! in whole m²; a breakdown, when given, adds up to the parcel's area).

use super::pilih;
use crate::DaftarGalat;
use crate::isian::{bulat, tanggal_opsi, teks};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How tanah kas desa was acquired.
pub const PEROLEHAN: [(&str, &str); 5] = [
    ("asli", "Asli milik desa"),
    ("pusat", "Bantuan pemerintah pusat"),
    ("provinsi", "Bantuan pemerintah provinsi"),
    ("kabupaten", "Bantuan pemerintah kabupaten/kota"),
    ("lain", "Lain-lain (jual beli, hibah, tukar)"),
];

pub const JENIS_TKD: [(&str, &str); 5] = [
    ("sawah", "Sawah"),
    ("tegal", "Tegal"),
    ("kebun", "Kebun"),
    ("tambak", "Tambak/kolam"),
    ("kering", "Tanah kering/darat"),
];

pub const JENIS_PEMILIK: [(&str, &str); 2] =
    [("perorangan", "Perorangan"), ("badan_hukum", "Badan hukum")];

/// Right status: certified (HM … HPL) and not (MA, VI, TN).
pub const STATUS_HAK: [(&str, &str); 8] = [
    ("hm", "Hak milik (HM)"),
    ("hgb", "Hak guna bangunan (HGB)"),
    ("hp", "Hak pakai (HP)"),
    ("hgu", "Hak guna usaha (HGU)"),
    ("hpl", "Hak pengelolaan (HPL)"),
    ("ma", "Milik adat (MA)"),
    ("vi", "Verponding Indonesia (VI)"),
    ("tn", "Tanah negara (TN)"),
];

/// Land use, in the order of book A.6.
pub const PENGGUNAAN: [(&str, &str); 14] = [
    ("perumahan", "Perumahan"),
    ("perdagangan", "Perdagangan dan jasa"),
    ("perkantoran", "Perkantoran"),
    ("industri", "Industri"),
    ("fasilitas_umum", "Fasilitas umum"),
    ("sawah", "Sawah"),
    ("tegalan", "Tegalan"),
    ("perkebunan", "Perkebunan"),
    ("peternakan", "Peternakan/perikanan"),
    ("hutan_belukar", "Hutan belukar"),
    ("hutan_lebat", "Hutan lebat/lindung"),
    ("mutasi", "Mutasi tanah di desa"),
    ("tanah_kosong", "Tanah kosong"),
    ("lain", "Lain-lain"),
];

#[derive(Debug, Clone, Default)]
pub struct IsianTanahKas {
    pub asal: String,
    pub nomor_sertifikat: String,
    pub luas: String,
    pub kelas: String,
    pub perolehan: String,
    pub tanggal_peroleh: String,
    pub jenis: String,
    pub patok: bool,
    pub papan_nama: bool,
    pub lokasi: String,
    pub peruntukan: String,
    pub mutasi: String,
    pub keterangan: String,
    pub versi: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct IsianTanahDesa {
    pub pemilik: String,
    pub jenis_pemilik: String,
    pub luas: String,
    /// m² as typed per `STATUS_HAK` code (missing is 0).
    pub hak: Vec<(String, String)>,
    /// m² as typed per `PENGGUNAAN` code.
    pub guna: Vec<(String, String)>,
    pub lokasi: String,
    pub keterangan: String,
    pub versi: Option<i64>,
}

/// Areas per code as typed, each checked; the sum must be the parcel's area when any is given.
fn rincian_luas(
    g: &mut DaftarGalat,
    awalan: &str,
    judul: &str,
    daftar: &[(&str, &str)],
    isi: &[(String, String)],
    luas: Option<i64>,
) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for (k, l) in daftar {
        let teks = isi
            .iter()
            .find(|(x, _)| x == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if let Some(n) = bulat(
            g,
            &format!("{awalan}_{k}"),
            &format!("Luas {l}"),
            teks,
            false,
        ) && n > 0
        {
            m.insert(k.to_string(), n);
        }
    }
    let jumlah: i64 = m.values().sum();
    if let Some(luas) = luas
        && jumlah > 0
        && jumlah != luas
    {
        g.push(
            awalan,
            format!(
                "Jumlah luas menurut {judul} ({jumlah} m²) harus sama dengan luas seluruhnya ({luas} m²)."
            ),
        );
    }
    m
}

/// A parcel of tanah kas desa, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct TanahKasSah {
    pub asal: String,
    pub nomor: String,
    pub luas: i64,
    pub kelas: String,
    pub perolehan: &'static str,
    pub tanggal: Option<NaiveDate>,
    pub jenis: &'static str,
    pub lokasi: String,
    pub peruntukan: String,
    pub mutasi: String,
    pub keterangan: String,
}

pub fn periksa_tanah_kas(
    isi: &IsianTanahKas,
    hari_ini: NaiveDate,
) -> Result<TanahKasSah, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let asal = teks(&mut g, "asal", "Asal tanah kas desa", &isi.asal, 150, true);
    let nomor = teks(
        &mut g,
        "nomor_sertifikat",
        "Nomor sertifikat / letter C / persil",
        &isi.nomor_sertifikat,
        100,
        false,
    );
    let luas = bulat(&mut g, "luas", "Luas (m²)", &isi.luas, true);
    if luas == Some(0) {
        g.push("luas", "Luas harus lebih dari 0 m².");
    }
    let kelas = teks(&mut g, "kelas", "Kelas", &isi.kelas, 30, false);
    let perolehan = pilih(
        &mut g,
        "perolehan",
        "Pilih cara perolehan: asli milik desa, bantuan pusat, provinsi, kabupaten/kota, atau lain-lain.",
        &PEROLEHAN,
        &isi.perolehan,
    );
    let tanggal = tanggal_opsi(
        &mut g,
        "tanggal_peroleh",
        "Tanggal perolehan",
        &isi.tanggal_peroleh,
        hari_ini,
    );
    let jenis = pilih(
        &mut g,
        "jenis",
        "Pilih jenis tanah: sawah, tegal, kebun, tambak/kolam atau tanah kering/darat.",
        &JENIS_TKD,
        &isi.jenis,
    );
    let lokasi = teks(&mut g, "lokasi", "Lokasi", &isi.lokasi, 200, false);
    let peruntukan = teks(
        &mut g,
        "peruntukan",
        "Peruntukan",
        &isi.peruntukan,
        200,
        false,
    );
    let mutasi = teks(&mut g, "mutasi", "Mutasi", &isi.mutasi, 300, false);
    let ket = teks(
        &mut g,
        "keterangan",
        "Keterangan",
        &isi.keterangan,
        500,
        false,
    );
    match (luas, perolehan, jenis) {
        (Some(luas), Some(perolehan), Some(jenis)) if g.is_empty() => Ok(TanahKasSah {
            asal,
            nomor,
            luas,
            kelas,
            perolehan,
            tanggal,
            jenis,
            lokasi,
            peruntukan,
            mutasi,
            keterangan: ket,
        }),
        _ => Err(g),
    }
}

/// A parcel of land in the village, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct TanahDesaSah {
    pub pemilik: String,
    pub jenis: &'static str,
    pub luas: i64,
    pub hak: BTreeMap<String, i64>,
    pub guna: BTreeMap<String, i64>,
    pub lokasi: String,
    pub keterangan: String,
}

pub fn periksa_tanah_desa(isi: &IsianTanahDesa) -> Result<TanahDesaSah, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let pemilik = teks(
        &mut g,
        "pemilik",
        "Nama perorangan / badan hukum",
        &isi.pemilik,
        200,
        true,
    );
    let jenis = pilih(
        &mut g,
        "jenis_pemilik",
        "Pilih pemilik: perorangan atau badan hukum.",
        &JENIS_PEMILIK,
        &isi.jenis_pemilik,
    );
    let luas = bulat(&mut g, "luas", "Luas (m²)", &isi.luas, true);
    if luas == Some(0) {
        g.push("luas", "Luas harus lebih dari 0 m².");
    }
    let hak = rincian_luas(
        &mut g,
        "hak",
        "status hak tanah",
        &STATUS_HAK,
        &isi.hak,
        luas,
    );
    let guna = rincian_luas(
        &mut g,
        "guna",
        "penggunaan tanah",
        &PENGGUNAAN,
        &isi.guna,
        luas,
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
    match (jenis, luas) {
        (Some(jenis), Some(luas)) if g.is_empty() => Ok(TanahDesaSah {
            pemilik,
            jenis,
            luas,
            hak,
            guna,
            lokasi,
            keterangan: ket,
        }),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rincian_luas_harus_sama_dengan_luas_seluruhnya() {
        let isi = IsianTanahDesa {
            pemilik: "Siti".into(),
            jenis_pemilik: "perorangan".into(),
            luas: "700".into(),
            hak: vec![("hm".into(), "500".into()), ("tn".into(), "100".into())],
            ..Default::default()
        };
        let g = periksa_tanah_desa(&isi).unwrap_err();
        assert!(g.untuk("hak").unwrap().contains("600 m²"), "{g}");
        let pas = IsianTanahDesa {
            hak: vec![("hm".into(), "500".into()), ("tn".into(), "200".into())],
            ..isi
        };
        let t = periksa_tanah_desa(&pas).unwrap();
        assert_eq!((t.luas, t.hak.get("hm")), (700, Some(&500)));
    }

    #[test]
    fn tanah_kas_wajib_asal_luas_perolehan_dan_jenis() {
        let hari_ini = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let g = periksa_tanah_kas(
            &IsianTanahKas {
                luas: "0".into(),
                ..Default::default()
            },
            hari_ini,
        )
        .unwrap_err();
        for kolom in ["asal", "luas", "perolehan", "jenis"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        let t = periksa_tanah_kas(
            &IsianTanahKas {
                asal: "Bengkok".into(),
                luas: "2.500".into(),
                perolehan: "asli".into(),
                jenis: "sawah".into(),
                ..Default::default()
            },
            hari_ini,
        )
        .unwrap();
        assert_eq!((t.luas, t.tanggal), (2500, None));
    }
}
