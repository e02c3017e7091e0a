//! Budget lines from a file into a draft APBDes: Balai's own spreadsheet template (the same
//! columns as its export) or the Siskeudes export (a zip of CSV tables; `Ta_RABRinci.csv`).
//! Every row is checked first; one bad row changes nothing and each problem names its row.
//! Lines already in the draft are matched by kegiatan, rekening and uraian, so re-importing an
//! edited export updates them (and an amendment keeps what was already spent on them).

use super::apbdes::{
    BarisAnggaran, BarisBaru, KOLOM_BARIS, periksa_baris, realisasi_per_kunci, sisip_baris,
    versi_tx, wajib_draf,
};
use super::kunci_tahun;
use crate::audit::{Catatan, catat};
use crate::impor::berkas::{Baris, Lanjut, Penerima, baca, galat_berkas};
use crate::{Aktor, Galat, Store, id_baru, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::kegiatan_dari_siskeudes;
use balai_domain::surat::teks::rp;
use serde_json::json;
use std::collections::HashMap;
use std::io::Read;
use uuid::Uuid;

/// Columns of the template and the export, in order; `Jumlah` is computed and ignored on import.
pub const KOLOM_TEMPLAT: [&str; 8] = [
    "Kode Kegiatan",
    "Kode Rekening",
    "Uraian",
    "Volume",
    "Satuan",
    "Harga Satuan",
    "Sumber Dana",
    "Jumlah",
];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct HasilImpor {
    pub tambah: usize,
    pub ubah: usize,
    pub hapus: usize,
}

/// Rows of the first sheet with a header naming the columns.
struct Lembar {
    kepala: Option<HashMap<String, usize>>,
    baris: Vec<(usize, HashMap<String, String>)>,
    lembar: usize,
}

impl Penerima for Lembar {
    fn lembar_baru(&mut self, _: &str) -> Lanjut {
        self.lembar += 1;
        if self.lembar == 1 {
            Lanjut::Terus
        } else {
            Lanjut::Selesai
        }
    }
    fn baris(&mut self, b: Baris) -> Result<Lanjut, Galat> {
        match &self.kepala {
            None => {
                self.kepala = Some(
                    b.sel
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (s.trim().to_lowercase(), i))
                        .collect(),
                );
            }
            Some(k) => {
                let isi = k
                    .iter()
                    .map(|(n, i)| (n.clone(), b.sel.get(*i).cloned().unwrap_or_default()))
                    .collect();
                self.baris.push((b.nomor, isi));
            }
        }
        Ok(Lanjut::Terus)
    }
}

fn baca_lembar(isi: &[u8]) -> Result<Lembar, Galat> {
    let mut l = Lembar {
        kepala: None,
        baris: Vec::new(),
        lembar: 0,
    };
    baca(isi, &mut l)?;
    Ok(l)
}

/// A whole number as typed or exported: "65000", "65.000", "65000.00".
fn bulat(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    if let Ok(f) = t.replace(',', ".").parse::<f64>()
        && f.fract() == 0.0
        && f.abs() < 1e15
    {
        return Some(f as i64);
    }
    let tanpa_titik: String = t.chars().filter(|c| *c != '.').collect();
    tanpa_titik.parse().ok()
}

/// Rows of the template, and the rows whose numbers could not be read (already reported in
/// the returned list, so they are not checked again).
fn baris_templat(l: &Lembar) -> Result<(Vec<(usize, BarisBaru)>, DaftarGalat), Galat> {
    let Some(kepala) = &l.kepala else {
        return Err(galat_berkas(
            "Berkas kosong: baris pertama harus berisi judul kolom templat APBDes.",
        ));
    };
    let kurang: Vec<&str> = KOLOM_TEMPLAT[..7]
        .iter()
        .filter(|k| !kepala.contains_key(&k.to_lowercase()))
        .copied()
        .collect();
    if !kurang.is_empty() {
        return Err(galat_berkas(format!(
            "Kolom berikut tidak ada di baris pertama: {}. Unduh templat APBDes dari halaman ini dan isi kolom-kolomnya.",
            kurang.join(", ")
        )));
    }
    let mut out = Vec::new();
    let mut g = DaftarGalat::default();
    for (nomor, b) in &l.baris {
        let ambil = |k: &str| {
            b.get(&k.to_lowercase())
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let volume = bulat(&ambil("Volume"));
        let harga = bulat(&ambil("Harga Satuan"));
        if volume.is_none() {
            g.push(
                "berkas",
                format!(
                    "Baris {nomor}: Volume harus angka bulat, tertulis \"{}\".",
                    ambil("Volume")
                ),
            );
        }
        if harga.is_none() {
            g.push(
                "berkas",
                format!(
                    "Baris {nomor}: Harga Satuan harus angka rupiah, tertulis \"{}\".",
                    ambil("Harga Satuan")
                ),
            );
        }
        if volume.is_none() || harga.is_none() {
            continue;
        }
        out.push((
            *nomor,
            BarisBaru {
                kode_kegiatan: ambil("Kode Kegiatan"),
                kode_rekening: ambil("Kode Rekening").trim_end_matches('.').to_string(),
                uraian: ambil("Uraian"),
                volume: volume.unwrap_or(0),
                satuan: ambil("Satuan"),
                harga_satuan: harga.unwrap_or(0),
                sumber_dana: ambil("Sumber Dana").to_uppercase(),
                rencana_id: None,
            },
        ));
    }
    Ok((out, g))
}

/// Lines of one village and year from a Siskeudes zip (`Ta_RABRinci.csv`).
fn baris_siskeudes(
    isi: &[u8],
    desa_id: &str,
    tahun: i64,
) -> Result<Vec<(usize, BarisBaru)>, Galat> {
    let rusak = || {
        galat_berkas(
            "Berkas bukan zip ekspor Siskeudes yang dapat dibaca. Ekspor ulang tabel Siskeudes ke CSV lalu kemas menjadi satu berkas .zip.",
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(isi)).map_err(|_| rusak())?;
    let nama = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string())))
        .find(|n| n.rsplit('/').next().is_some_and(|b| b.eq_ignore_ascii_case("Ta_RABRinci.csv")))
        .ok_or_else(|| galat_berkas("Zip tidak berisi Ta_RABRinci.csv (rincian RAB). Sertakan tabel itu saat mengekspor dari Siskeudes."))?;
    let mut csv = Vec::new();
    let f = zip.by_name(&nama).map_err(|_| rusak())?;
    f.take(crate::impor::berkas::MAKS_UKURAN as u64 + 1)
        .read_to_end(&mut csv)
        .map_err(|_| rusak())?;
    let l = baca_lembar(&csv)?;
    let kd_desa = format!("{}.{}.", &desa_id[4..6], &desa_id[6..10]);
    let mut lain = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut g = DaftarGalat::default();
    for (nomor, b) in &l.baris {
        let ambil = |k: &str| {
            b.get(&k.to_lowercase())
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let desa = ambil("Kd_Desa");
        if desa != kd_desa {
            lain.insert(desa);
            continue;
        }
        if bulat(&ambil("Tahun")) != Some(tahun) {
            g.push(
                "berkas",
                format!(
                    "Baris {nomor}: Tahun {} bukan tahun anggaran {tahun}.",
                    ambil("Tahun")
                ),
            );
            continue;
        }
        let rekening = ambil("Kd_Rincian").trim_end_matches('.').to_string();
        let kegiatan = if rekening.starts_with("5.") {
            let keg = ambil("Kd_Keg");
            match keg.get(kd_desa.len()..).and_then(kegiatan_dari_siskeudes) {
                Some(k) => k,
                None => {
                    g.push(
                        "berkas",
                        format!("Baris {nomor}: kode kegiatan Siskeudes \"{keg}\" tidak dikenal."),
                    );
                    continue;
                }
            }
        } else {
            String::new()
        };
        // Quantities may carry decimals in Siskeudes; then the line is one lump sum.
        let anggaran = bulat(&ambil("AnggaranStlhPAK"))
            .filter(|n| *n > 0)
            .or_else(|| bulat(&ambil("Anggaran")))
            .unwrap_or(0);
        let (volume, harga) = match (
            bulat(&ambil("JmlSatuanPAK")).or(bulat(&ambil("JmlSatuan"))),
            bulat(&ambil("HrgSatuanPAK")).or(bulat(&ambil("HrgSatuan"))),
        ) {
            (Some(v), Some(h)) if v > 0 && v.checked_mul(h) == Some(anggaran) => (v, h),
            _ => (1, anggaran),
        };
        let satuan = ambil("Satuan");
        out.push((
            *nomor,
            BarisBaru {
                kode_kegiatan: kegiatan,
                kode_rekening: rekening,
                uraian: ambil("Uraian"),
                volume,
                satuan: if satuan.is_empty() {
                    "paket".into()
                } else {
                    satuan
                },
                harga_satuan: harga,
                sumber_dana: ambil("SumberDana").to_uppercase(),
                rencana_id: None,
            },
        ));
    }
    if out.is_empty() && g.is_empty() {
        return Err(galat_berkas(format!(
            "Tidak ada baris untuk desa ini (Kd_Desa {kd_desa}) di Ta_RABRinci.csv. Kd_Desa yang ada: {}.",
            lain.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    g.into_result(out).map_err(Galat::from)
}

impl Store {
    /// Loads lines from Balai's template (`siskeudes` false) or a Siskeudes zip into a draft.
    pub async fn impor_baris_anggaran(
        &self,
        desa_id: &str,
        apbdes_id: Uuid,
        isi: &[u8],
        siskeudes: bool,
        aktor: &Aktor,
    ) -> Result<HasilImpor, Galat> {
        let v = self
            .apbdes_versi(desa_id, apbdes_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        wajib_draf(&v)?;
        // Unzipping and reading up to 20 MB of spreadsheet is CPU work: off the async workers.
        let (isi, kode, tahun) = (isi.to_vec(), desa_id.to_string(), v.tahun);
        let (baris, mut g) = crate::latar::berat(move || {
            if siskeudes {
                Ok((baris_siskeudes(&isi, &kode, tahun)?, DaftarGalat::default()))
            } else {
                baris_templat(&baca_lembar(&isi)?)
            }
        })
        .await?;
        let mut siap = Vec::new();
        for (nomor, b) in baris {
            match periksa_baris(&b) {
                Ok(jumlah) => siap.push((b, jumlah)),
                Err(d) => {
                    for e in d.0 {
                        g.push("berkas", format!("Baris {nomor}: {}", e.pesan));
                    }
                }
            }
        }
        if siap.is_empty() && g.is_empty() {
            g.push("berkas", "Berkas tidak berisi baris anggaran.");
        }
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let v = versi_tx(&mut tx, desa_id, apbdes_id).await?;
        kunci_tahun(&mut tx, desa_id, v.tahun).await?;
        wajib_draf(&v)?;
        let sql =
            format!("SELECT {KOLOM_BARIS} FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2");
        let lama: Vec<BarisAnggaran> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(apbdes_id).fetch_all(&mut *c).await)?;
        let sudah = realisasi_per_kunci(&mut tx, desa_id, v.tahun).await?;
        let mut sisa: HashMap<(String, String, String), BarisAnggaran> = lama
            .into_iter()
            .map(|b| {
                (
                    (
                        b.kode_kegiatan.clone(),
                        b.kode_rekening.clone(),
                        b.uraian.clone(),
                    ),
                    b,
                )
            })
            .collect();
        let mut hasil = HasilImpor::default();
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2")
            .bind(desa_id).bind(apbdes_id).execute(&mut *c).await.map(|_| ()))?;
        for (b, jumlah) in siap {
            let kunci_lama = sisa.remove(&(
                b.kode_kegiatan.trim().to_string(),
                b.kode_rekening.trim().to_string(),
                b.uraian.trim().to_string(),
            ));
            let kunci = match &kunci_lama {
                Some(l) => {
                    hasil.ubah += 1;
                    l.kunci
                }
                None => {
                    hasil.tambah += 1;
                    id_baru()
                }
            };
            let dibayar = sudah.get(&kunci).copied().unwrap_or(0);
            if dibayar > jumlah {
                return Err(Galat::isian(
                    "berkas",
                    format!(
                        "\"{}\" sudah direalisasikan {} tetapi berkas menganggarkan {}.",
                        b.uraian.trim(),
                        rp(dibayar),
                        rp(jumlah)
                    ),
                ));
            }
            let baris = BarisAnggaran {
                id: id_baru(),
                kunci,
                kode_kegiatan: b.kode_kegiatan.trim().into(),
                kode_rekening: b.kode_rekening.trim().into(),
                uraian: b.uraian.trim().into(),
                volume: b.volume,
                satuan: b.satuan.trim().into(),
                harga_satuan: b.harga_satuan,
                jumlah,
                sumber_dana: b.sumber_dana.clone(),
                rencana_id: kunci_lama.and_then(|l| l.rencana_id),
            };
            sisip_baris(&mut tx, desa_id, apbdes_id, baris.id, baris.kunci, &baris).await?;
        }
        for l in sisa.values() {
            if sudah.get(&l.kunci).copied().unwrap_or(0) > 0 {
                return Err(Galat::isian(
                    "berkas",
                    format!(
                        "\"{}\" sudah direalisasikan tetapi tidak ada di berkas; baris itu tidak dapat dihapus.",
                        l.uraian
                    ),
                ));
            }
            hasil.hapus += 1;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "impor",
                objek: "apbdes",
                objek_id: apbdes_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"sumber": if siskeudes { "siskeudes" } else { "templat" }, "hasil": hasil})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(hasil)
    }
}

/// Fuzzing entry (`crate::fuzz`): the APBDes template reader on any bytes.
pub(crate) fn acak_templat(isi: &[u8]) {
    if let Ok(l) = baca_lembar(isi) {
        let _ = baris_templat(&l);
    }
}

/// Fuzzing entry: the Siskeudes zip reader, and the amount parser on the same bytes as text.
pub(crate) fn acak_siskeudes(isi: &[u8]) {
    let _ = baris_siskeudes(isi, "3325082004", 2026);
    let _ = bulat(&String::from_utf8_lossy(isi));
}

/// The APBDes template and Siskeudes readers answer any bytes with lines or a message.
#[cfg(test)]
mod uji_sifat {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn templat_dan_siskeudes_acak_tidak_pernah_panik(isi in proptest::collection::vec(any::<u8>(), 0..4096)) {
            if let Ok(l) = baca_lembar(&isi) {
                let _ = baris_templat(&l);
            }
            let _ = baris_siskeudes(&isi, "3325082004", 2026);
        }

        #[test]
        fn angka_apa_pun_terbaca_atau_ditolak(s in "\\PC{0,40}") {
            let _ = bulat(&s);
        }

        #[test]
        fn bilangan_bulat_terbaca_kembali(n in -999_999_999_999i64..999_999_999_999) {
            prop_assert_eq!(bulat(&n.to_string()), Some(n));
        }
    }
}
