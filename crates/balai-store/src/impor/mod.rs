//! Importing residents from OpenSID's Excel format and from Dukcapil's SIAK export.
//!
//! All or nothing: the whole file is read, every row checked with `DataPenduduk::dari_isian`
//! (the validator the forms and the API use), then written in one transaction through
//! `Penulis`. If any row has an error nothing is committed; a dry run does all of it and rolls
//! back, so its report is exactly what a real import would give.
//!
//! Errors: a problem with the file as a whole (not a spreadsheet, too big, a zip bomb, required
//! columns missing) is returned as `Err(Galat::Isian)` on the field `berkas`, with an Indonesian
//! message. Problems with rows are never an `Err`: they are listed in `LaporanImpor::galat`.
//! `Err` is otherwise only for the village not existing or the database failing.

pub(crate) mod berkas;
mod kolom;
mod periksa;
mod tabel;
mod xls;

pub use berkas::{MAKS_BARIS, MAKS_UKURAN};
pub use kolom::JUDUL_SIAK;
pub use tabel::{BarisData, Tabel, baca_berkas};

pub(crate) use kolom::normal_judul;
pub(crate) use kolom::{JUDUL_OPENSID, JUDUL_TAMBAHAN};
pub(crate) use periksa::bersihkan_nomor;

use crate::audit::Catatan;
use crate::penduduk::tulis::Penulis;
use crate::penduduk::{HIDUP, HasilTambah, Penduduk, SELECT_PENDUDUK};
use crate::{Aktor, Galat, Store, Tx, on_tx};
use balai_domain::penduduk::kepala_keluarga;
use periksa::{BarisSah, Konteks};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormatImpor {
    /// OpenSID's import sheet: 43 columns, code values as numbers (labels accepted too).
    OpenSid,
    /// Dukcapil SIAK "buku induk" export: 37 columns, code values as text.
    Siak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpsiImpor {
    pub format: FormatImpor,
    /// Check and run everything, then roll back.
    pub dry_run: bool,
}

/// One problem (or warning) on one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GalatBaris {
    /// Row number as the operator sees it in the spreadsheet (header row = 1).
    pub baris: usize,
    /// The column's header as written in the file.
    pub kolom: String,
    /// The value found.
    pub nilai: String,
    /// What is wrong and what is expected, in Indonesian.
    pub pesan: String,
}

/// The outcome of an import, row by row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LaporanImpor {
    /// Data rows in the file.
    pub total: usize,
    pub baru: usize,
    pub diubah: usize,
    pub tidak_berubah: usize,
    /// Rows of residents who are not living (died, moved): not imported, see `peringatan`.
    pub dilewati: usize,
    /// Row errors, by row; at most `MAKS_DAFTAR` are listed.
    pub galat: Vec<GalatBaris>,
    /// How many further errors were not listed.
    pub galat_lain: usize,
    /// Things to check that did not stop the import (unknown NIK region, NIK/birth date mismatch …).
    pub peringatan: Vec<GalatBaris>,
    pub peringatan_lain: usize,
    /// True when the changes were committed (no errors and not a dry run).
    pub diterapkan: bool,
}

/// Most errors or warnings listed in a report; the rest are counted.
pub const MAKS_DAFTAR: usize = 1000;

impl Store {
    /// Imports a population file into a village. See the module documentation for the rules.
    pub async fn impor_penduduk(
        &self,
        desa_id: &str,
        nama_berkas: &str,
        isi: &[u8],
        opsi: &OpsiImpor,
        aktor: &Aktor,
    ) -> Result<LaporanImpor, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        // Refuse a too-big upload before copying it.
        berkas::kenali(isi)?;
        let konteks = Konteks {
            hari_ini: self.hari_ini(desa.zona()),
            rt: self
                .daftar_rt(desa_id)
                .await?
                .into_iter()
                .map(|r| (r.dusun, r.rw, r.rt))
                .collect(),
        };
        // Parsing a 20 MB spreadsheet is seconds of CPU: keep it off the async workers.
        let data = isi.to_vec();
        let nama = nama_berkas.to_string();
        let format = opsi.format;
        let hasil = crate::latar::berat(move || {
            let t = baca_berkas(&nama, &data, format)?;
            Ok((periksa::periksa(&t, &konteks), t.kolom))
        })
        .await
        .map_err(|e| match e {
            // The reader stopped (a panic on a malformed file): say what to do.
            Galat::Lain(_) => berkas::galat_berkas(
                "Berkas tidak dapat diproses (pembaca berkas berhenti tiba-tiba). Simpan ulang berkas sebagai .xlsx lalu coba lagi.",
            ),
            e => e,
        })?;
        let (hasil, kolom_berkas) = hasil;
        // Rule errors from the writer name a field; report it under the file's own header.
        let judul = |kunci: &str| {
            kolom_berkas
                .iter()
                .find(|(k, _)| *k == kunci)
                .map(|(_, j)| j.clone())
                .unwrap_or_else(|| label_kolom_berkas(format, kunci))
        };

        let mut lap = LaporanImpor {
            total: hasil.total,
            dilewati: hasil.dilewati,
            galat: hasil.galat,
            peringatan: hasil.peringatan,
            ..Default::default()
        };
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let lama = cari_nik_banyak(&mut w.tx, desa_id, &hasil.sah).await?;
        // Every NIK of the file was just looked up at once, and duplicates in the file refused.
        w.nik_sudah_diperiksa = true;
        for i in urutan_tulis(&hasil.sah, &lama) {
            let b = &hasil.sah[i];
            let ada = lama.get(b.data.nik.as_str());
            let r = match ada {
                Some(l) => w.ubah(l, None, &b.data).await,
                None => w.tambah(&b.data, None).await.map(HasilTambah::Baru),
            };
            match r {
                Ok(h) => {
                    match h {
                        HasilTambah::Baru(_) => lap.baru += 1,
                        HasilTambah::Diubah(_) => lap.diubah += 1,
                        HasilTambah::TidakBerubah(_) => lap.tidak_berubah += 1,
                    }
                    if let Some(l) = ada
                        && l.status_dasar != HIDUP
                        && h != HasilTambah::TidakBerubah(l.id)
                    {
                        lap.peringatan.push(GalatBaris {
                            baris: b.nomor,
                            kolom: String::new(),
                            nilai: b.data.nik.to_string(),
                            pesan: format!(
                                "Penduduk ini berstatus {} di Balai; datanya diperbarui tetapi statusnya tidak diubah.",
                                l.status_label()
                            ),
                        });
                    }
                    let kode = b.data.nik.kode_wilayah();
                    if !w.kecamatan_dikenal(kode).await? {
                        lap.peringatan.push(GalatBaris {
                            baris: b.nomor,
                            kolom: judul("nik"),
                            nilai: b.data.nik.to_string(),
                            pesan: format!(
                                "Kode wilayah pada NIK ({kode}) tidak ada dalam tabel wilayah Kemendagri (mungkin kode lama). Data tetap disimpan dan ditandai untuk diperiksa."
                            ),
                        });
                    }
                }
                Err(Galat::Isian(g)) => {
                    for gi in g.0 {
                        lap.galat.push(GalatBaris {
                            baris: b.nomor,
                            kolom: judul(&gi.kolom),
                            nilai: nilai_isian(&b.data, &gi.kolom),
                            pesan: gi.pesan,
                        });
                    }
                }
                Err(Galat::Ditolak(m) | Galat::Konflik(m)) => lap.galat.push(GalatBaris {
                    baris: b.nomor,
                    kolom: String::new(),
                    nilai: String::new(),
                    pesan: m,
                }),
                // The database itself failed: nothing of this import is kept.
                Err(e) => return Err(e),
            }
        }
        lap.galat.sort_by_key(|g| g.baris);
        lap.peringatan.sort_by_key(|g| g.baris);
        if lap.galat.is_empty() && !opsi.dry_run {
            w.catat(Catatan {
                desa_id,
                aktor,
                aksi: "impor",
                objek: "penduduk",
                objek_id: nama_berkas.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({
                    "format": format,
                    "total": lap.total,
                    "baru": lap.baru,
                    "diubah": lap.diubah,
                    "tidak_berubah": lap.tidak_berubah,
                    "dilewati": lap.dilewati,
                })),
            })
            .await?;
            w.selesai().await?;
            lap.diterapkan = true;
            if lap.baru > 1000 {
                self.perbarui_statistik_kueri().await?;
            }
        } else {
            match w.tx {
                Tx::Sqlite(t) => t.rollback().await?,
                Tx::Postgres(t) => t.rollback().await?,
            }
        }
        potong(&mut lap.galat, &mut lap.galat_lain);
        potong(&mut lap.peringatan, &mut lap.peringatan_lain);
        Ok(lap)
    }
}

impl Store {
    /// Adds one resident or updates the one with the same NIK in the village (API clients that
    /// sync from another register; a one-row import).
    pub async fn simpan_penduduk(
        &self,
        desa_id: &str,
        d: &balai_domain::penduduk::DataPenduduk,
        aktor: &Aktor,
    ) -> Result<HasilTambah, Galat> {
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let h = w.simpan(d).await?;
        w.selesai().await?;
        Ok(h)
    }
}

fn potong(v: &mut Vec<GalatBaris>, lain: &mut usize) {
    if v.len() > MAKS_DAFTAR {
        *lain = v.len() - MAKS_DAFTAR;
        v.truncate(MAKS_DAFTAR);
    }
}

/// Existing residents of the file's NIKs, in a few batched queries.
async fn cari_nik_banyak(
    tx: &mut Tx,
    desa_id: &str,
    sah: &[BarisSah],
) -> Result<HashMap<String, Penduduk>, Galat> {
    let mut hasil = HashMap::new();
    for potongan in sah.chunks(500) {
        let tanda: Vec<String> = (0..potongan.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.nik IN ({})",
            tanda.join(", ")
        );
        let daftar: Vec<Penduduk> = on_tx!(tx, c => {
            let mut q = sqlx::query_as::<_, Penduduk>(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for b in potongan {
                q = q.bind(b.data.nik.as_str());
            }
            q.fetch_all(&mut *c).await?
        });
        for p in daftar {
            hasil.insert(p.nik.clone(), p);
        }
    }
    Ok(hasil)
}

/// Write order for "one head per family": first residents who stop being a head (or leave their
/// family), then heads (so a new family takes its head's address and RT), then everyone else.
/// Within each group the file's order is kept.
fn urutan_tulis(sah: &[BarisSah], lama: &HashMap<String, Penduduk>) -> Vec<usize> {
    let mut urut: Vec<usize> = (0..sah.len()).collect();
    urut.sort_by_key(|&i| {
        let d = &sah[i].data;
        let turun = lama.get(d.nik.as_str()).is_some_and(|l| {
            kepala_keluarga(l.shdk_id)
                && (d.shdk_id != 1 || l.no_kk.as_deref() != d.no_kk.as_ref().map(|k| k.as_str()))
        });
        if turun {
            0
        } else if kepala_keluarga(d.shdk_id) {
            1
        } else {
            2
        }
    });
    urut
}

fn label_kolom_berkas(format: FormatImpor, kunci: &str) -> String {
    kolom::judul_baku(format, kunci)
        .map(str::to_string)
        .unwrap_or_else(|| balai_domain::penduduk::label_kolom(kunci).to_string())
}

fn nilai_isian(d: &balai_domain::penduduk::DataPenduduk, kunci: &str) -> String {
    d.sebagai_isian()
        .into_iter()
        .find(|(k, _)| *k == kunci)
        .map(|(_, v)| v)
        .unwrap_or_default()
}
