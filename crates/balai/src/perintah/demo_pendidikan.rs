//! The demo village's education data: a PAUD and a madrasah next to the site demo's primary
//! school in the potential data, and the yearly school check of last school year and this one
//! for the children 3–18, following their registry records: most in school or PAUD, those the
//! registry shows out of school recorded as dropped out with a reason, a few who left this
//! year or never went, and some children not yet checked this year, so every list has
//! something at once.

use super::pesan;
use balai_domain::pendidikan::{Jenjang, Keadaan, keadaan_menurut_data};
use balai_store::pendidikan::{AnakSekolah, IsianCek, SekolahDesa};
use balai_store::situs::potensi::PotensiBaru;
use balai_store::{Aktor, Store};

const ALASAN: &[&str] = &[
    "biaya sekolah",
    "bekerja membantu orang tua",
    "menikah",
    "jarak sekolah jauh",
];

/// Schools of the demo outside the village, by level.
fn sekolah_luar(j: Jenjang) -> &'static str {
    match j {
        Jenjang::Smp => "SMP Negeri 2 Limpung",
        Jenjang::Sma => "SMA Negeri 1 Limpung",
        _ => "",
    }
}

pub async fn pendidikan_demo(store: &Store, desa: &str) -> Result<(), String> {
    let p = store.pendidikan();
    if !p.tahun_tercatat(desa).await.map_err(pesan)?.is_empty() {
        return Ok(());
    }
    let tahun = p.tahun_berjalan(desa).await.map_err(pesan)?;
    let operator = Aktor::pengguna("operator");
    let mut sekolah = p.sekolah_desa(desa, tahun).await.map_err(pesan)?;
    if !sekolah.iter().any(|s| s.jenjang == Jenjang::Paud) {
        for (nama, produk, la, bu) in [
            (
                "PAUD Tunas Harapan",
                "Kelompok bermain dan TK, 3 rombongan belajar",
                -6.9131,
                109.7297,
            ),
            (
                "MI Miftahul Huda",
                "Madrasah ibtidaiyah, 6 rombongan belajar",
                -6.9149,
                109.7328,
            ),
        ] {
            store
                .simpan_potensi(
                    desa,
                    None,
                    &PotensiBaru {
                        jenis: "fasilitas".into(),
                        nama: nama.into(),
                        produk: produk.into(),
                        alamat: "Dusun Krajan".into(),
                        lintang: Some(la),
                        bujur: Some(bu),
                        ..Default::default()
                    },
                    &operator,
                )
                .await
                .map_err(pesan)?;
        }
        sekolah = p.sekolah_desa(desa, tahun).await.map_err(pesan)?;
    }
    let mut tercatat = 0;
    for t in [tahun - 1, tahun] {
        let anak = p.anak(desa, t, "").await.map_err(pesan)?;
        for (i, a) in anak.iter().enumerate() {
            // One child in eight is not checked yet this year, one in four was not last year.
            if (t == tahun && i % 8 == 7) || (t < tahun && i % 4 == 3) {
                continue;
            }
            let isi = cek_demo(a, i, t == tahun, &sekolah);
            if p.catat_cek(desa, a.penduduk_id, &isi, &operator)
                .await
                .is_ok()
            {
                tercatat += 1;
            }
        }
    }
    eprintln!("Pendidikan demo: {tercatat} cek sekolah anak 3–18 tahun dalam dua tahun ajaran.");
    Ok(())
}

/// The check of one demo child in a school year, from the registry record and the child's
/// place in the list.
fn cek_demo(a: &AnakSekolah, i: usize, tahun_ini: bool, sekolah: &[SekolahDesa]) -> IsianCek {
    let data = keadaan_menurut_data(a.umur, a.pendidikan_kk_id, a.pendidikan_sedang_id);
    let di_desa = |j: Jenjang| {
        sekolah
            .iter()
            .filter(|s| s.jenjang == j)
            .nth(i % 2)
            .or_else(|| sekolah.iter().find(|s| s.jenjang == j))
    };
    let masuk = |status: &str, j: Jenjang| {
        let s = di_desa(j);
        IsianCek {
            tahun: Some(a.tahun),
            status: status.into(),
            jenjang: j.kode().into(),
            potensi_id: s.map(|s| s.id),
            nama_sekolah: if s.is_some() {
                String::new()
            } else {
                sekolah_luar(j).into()
            },
            ..Default::default()
        }
    };
    let jenjang = Jenjang::menurut_umur(a.umur).unwrap_or(Jenjang::Sma);
    let keluar = |j: Jenjang| IsianCek {
        tahun: Some(a.tahun),
        status: "putus_sekolah".into(),
        jenjang: j.kode().into(),
        alasan: ALASAN[i % ALASAN.len()].into(),
        ..Default::default()
    };
    if a.usia_paud() {
        return match data {
            Keadaan::Sekolah if a.umur == 6 => masuk("sekolah", Jenjang::Sd),
            Keadaan::Paud => masuk("paud", Jenjang::Paud),
            // Of the youngest, two in three go to PAUD.
            _ if !i.is_multiple_of(3) && a.umur >= 3 => masuk("paud", Jenjang::Paud),
            _ => IsianCek {
                tahun: Some(a.tahun),
                status: "tidak_sekolah".into(),
                ..Default::default()
            },
        };
    }
    match data {
        Keadaan::Lulus if a.umur >= 17 => IsianCek {
            tahun: Some(a.tahun),
            status: "lulus".into(),
            jenjang: "sma".into(),
            ..Default::default()
        },
        // Out of school per the registry: left this year for one in three (in school the year
        // before), earlier for the others.
        Keadaan::PutusSekolah | Keadaan::TidakSekolah | Keadaan::Lulus => {
            if !tahun_ini && i.is_multiple_of(3) {
                masuk("sekolah", jenjang)
            } else {
                keluar(if a.umur >= 16 { Jenjang::Smp } else { jenjang })
            }
        }
        // A few never went to school.
        _ if i % 37 == 11 => IsianCek {
            tahun: Some(a.tahun),
            status: "tidak_sekolah".into(),
            alasan: "disabilitas; sekolah luar biasa terdekat jauh".into(),
            ..Default::default()
        },
        // A few pupils of secondary age left this year.
        _ if tahun_ini && a.umur >= 13 && i % 23 == 5 => keluar(jenjang),
        _ => masuk("sekolah", jenjang),
    }
}
