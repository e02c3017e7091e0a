//! Importing residents from OpenSID's Excel format and from Dukcapil's SIAK export.
//!
//! All or nothing: the whole file is read, every row checked with `DataPenduduk::dari_isian_dengan`
//! (the validator the forms and the API use, with the import's rules, `AturanIsian::IMPOR`), then
//! written in one transaction through `Penulis`. If any row has an error nothing is committed; a
//! dry run does all of it and rolls back, so its report is exactly what a real import would give.
//!
//! Files are taken as people and older systems wrote them (see `periksa`): abbreviations and
//! other spellings of coded values (`padanan`), unknown values (a warning and the list's
//! "unknown" code), RT and RW in one cell, NIK and KK numbers with an unknown or impossible
//! region part (flagged), RT/RWs the village has not registered (created, under the dusun the
//! operator chose, else "BELUM DITENTUKAN"), and residents who died, moved, went missing or left
//! (imported with their status; the event is recorded with the file's date, else SIAK's
//! "Tgl Ubah", else the day of the import, and a warning says which). No death-benefit claim is
//! opened for a death read from a file: it is history, not news.
//!
//! Errors: a problem with the file as a whole (not a spreadsheet, too big, a zip bomb, required
//! columns missing) is returned as `Err(Galat::Isian)` on the field `berkas`, with an Indonesian
//! message. Problems with rows are never an `Err`: they are listed in `LaporanImpor::galat`.
//! `Err` is otherwise only for the village not existing or the database failing.

pub(crate) mod berkas;
mod kolom;
mod padanan;
mod periksa;
mod tabel;
mod xls;

pub use berkas::{MAKS_BARIS, MAKS_UKURAN};
pub use kolom::JUDUL_SIAK;
pub use periksa::DUSUN_BELUM_DITENTUKAN;
pub use tabel::{BarisData, Tabel, baca_berkas};

pub(crate) use kolom::normal_judul;
pub(crate) use kolom::{JUDUL_OPENSID, JUDUL_TAMBAHAN};
pub(crate) use periksa::{baca_rt_rw, bersihkan_nomor};

use crate::audit::Catatan;
use crate::penduduk::peristiwa::{JenisPeristiwa, RincianStatus, ubah_status};
use crate::penduduk::tulis::Penulis;
use crate::penduduk::{HIDUP, HasilTambah, Penduduk, SELECT_PENDUDUK};
use crate::{Aktor, Galat, Store, Tx, on_tx};
use balai_domain::daftar::STATUS_DASAR;
use balai_domain::penduduk::kepala_keluarga;
use balai_domain::penduduk::kode::{HILANG, MATI, TIDAK_VALID};
use periksa::{BarisSah, Konteks, SumberTanggal};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormatImpor {
    /// OpenSID's import sheet: 43 columns, code values as numbers (labels accepted too).
    OpenSid,
    /// Dukcapil SIAK "buku induk" export: 37 columns, code values as text.
    Siak,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpsiImpor {
    pub format: FormatImpor,
    /// Check and run everything, then roll back.
    pub dry_run: bool,
    /// The dusun for RT/RWs the village has not registered and the file gives no dusun for
    /// (SIAK has no dusun column). `None` or empty: a dusun named [`DUSUN_BELUM_DITENTUKAN`].
    #[serde(default)]
    pub dusun_baru: Option<String>,
}

impl OpsiImpor {
    /// A real import of `format`, RT/RWs of unknown dusun under "BELUM DITENTUKAN".
    pub fn baru(format: FormatImpor) -> Self {
        OpsiImpor {
            format,
            dry_run: false,
            dusun_baru: None,
        }
    }
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

/// An RT/RW the import creates because the village has not registered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RtBaru {
    pub dusun: String,
    pub rw: String,
    pub rt: String,
    /// The first row that uses it.
    pub baris: usize,
    /// How many rows use it.
    pub jumlah: usize,
    /// The dusun is the operator's choice (or the default), not from the file.
    pub dusun_dipilih: bool,
}

/// The outcome of an import, row by row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LaporanImpor {
    /// Data rows in the file.
    pub total: usize,
    pub baru: usize,
    pub diubah: usize,
    pub tidak_berubah: usize,
    /// Residents whose death, move, disappearance or departure this import recorded (new rows
    /// of the dead and gone, and living residents the file says are no longer).
    pub status_dicatat: usize,
    /// Rows not imported: a dead or gone row of a NIK that has a living row in the same file.
    pub dilewati: usize,
    /// RT/RWs the import creates, by dusun, RW, RT.
    pub rt_baru: Vec<RtBaru>,
    /// The dusun used for RT/RWs of unknown dusun (the operator's choice or the default).
    pub dusun_baru: String,
    /// Row errors, by row; at most `MAKS_DAFTAR` are listed.
    pub galat: Vec<GalatBaris>,
    /// How many further errors were not listed.
    pub galat_lain: usize,
    /// Things to check that did not stop the import (unknown NIK region, NIK/birth date
    /// mismatch, a value read as "unknown", a status date taken from elsewhere …).
    pub peringatan: Vec<GalatBaris>,
    pub peringatan_lain: usize,
    /// True when the changes were committed (no errors and not a dry run).
    pub diterapkan: bool,
}

/// Most errors or warnings listed in a report; the rest are counted.
pub const MAKS_DAFTAR: usize = 1000;

/// The event that records a status read from a file. PERGI (left, whereabouts unknown) has no
/// event of its own: it is recorded as a move out with status PERGI kept; TIDAK VALID (a record
/// annulled in the source) as a correction with status TIDAK VALID.
fn peristiwa_status(status: i16) -> JenisPeristiwa {
    match status {
        MATI => JenisPeristiwa::Mati,
        HILANG => JenisPeristiwa::Hilang,
        TIDAK_VALID => JenisPeristiwa::Koreksi,
        // PINDAH, PERGI
        _ => JenisPeristiwa::PindahKeluar,
    }
}

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
        let pilihan = opsi
            .dusun_baru
            .as_deref()
            .map(periksa::rapikan_dusun)
            .filter(|d| !d.is_empty());
        if pilihan.as_ref().is_some_and(|d| d.chars().count() > 60) {
            return Err(Galat::isian(
                "dusun_baru",
                "Nama dusun untuk RT/RW baru terlalu panjang: paling banyak 60 karakter.",
            ));
        }
        let konteks = Konteks {
            hari_ini: self.hari_ini(desa.zona()),
            rt: self
                .daftar_rt(desa_id)
                .await?
                .into_iter()
                .map(|r| (r.dusun, r.rw, r.rt))
                .collect(),
            dusun_dipilih: pilihan.is_some(),
            dusun_baru: pilihan.unwrap_or_else(|| DUSUN_BELUM_DITENTUKAN.to_string()),
        };
        let dusun_baru = konteks.dusun_baru.clone();
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
            rt_baru: hasil.rt_baru,
            dusun_baru,
            ..Default::default()
        };
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let nik: Vec<&str> = hasil.sah.iter().map(|b| b.data.nik.as_str()).collect();
        let lama = cari_nik_banyak(&mut w.tx, desa_id, &nik).await?;
        // Every NIK of the file was just looked up at once, and duplicates in the file refused.
        w.nik_sudah_diperiksa = true;
        let mut kk_diperiksa: HashSet<String> = HashSet::new();
        for i in urutan_tulis(&hasil.sah, &lama) {
            let b = &hasil.sah[i];
            let ada = lama.get(b.data.nik.as_str());
            let pergi = b.status != HIDUP;
            // The dead and gone never become (or stay) the recorded head of their family.
            w.bukan_kepala = pergi;
            let r = match ada {
                Some(l) => w.ubah(l, None, &b.data).await,
                None => w.tambah(&b.data, None).await.map(HasilTambah::Baru),
            };
            w.bukan_kepala = false;
            let r = match r {
                Ok(h) if pergi && ada.is_none_or(|l| l.status_dasar == HIDUP) => {
                    catat_status_impor(&mut w, b, h, ada.is_some(), nama_berkas, &judul, &mut lap)
                        .await
                        .map(|_| match h {
                            // Same data, but the status changed: the resident changed.
                            HasilTambah::TidakBerubah(id) => HasilTambah::Diubah(id),
                            h => h,
                        })
                }
                r => r,
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
                    {
                        let pesan = if b.status != HIDUP && b.status != l.status_dasar {
                            Some(format!(
                                "Penduduk ini berstatus {} di Balai, sedangkan di berkas {}; status di Balai tidak diubah. Bila berkas yang benar, batalkan peristiwa lama lalu catat peristiwa yang benar lewat menu Peristiwa.",
                                l.status_label(),
                                STATUS_DASAR.label(b.status).unwrap_or("-")
                            ))
                        } else if b.status == HIDUP && h != HasilTambah::TidakBerubah(l.id) {
                            Some(format!(
                                "Penduduk ini berstatus {} di Balai; datanya diperbarui tetapi statusnya tidak diubah.",
                                l.status_label()
                            ))
                        } else {
                            None
                        };
                        if let Some(pesan) = pesan {
                            lap.peringatan.push(GalatBaris {
                                baris: b.nomor,
                                kolom: judul(kolom::STATUS_DASAR),
                                nilai: b.data.nik.to_string(),
                                pesan,
                            });
                        }
                    }
                    let kode = b.data.nik.kode_wilayah();
                    if !b.data.nik.menunggu() && !w.kecamatan_dikenal(kode).await? {
                        lap.peringatan.push(GalatBaris {
                            baris: b.nomor,
                            kolom: judul("nik"),
                            nilai: b.data.nik.to_string(),
                            pesan: pesan_wilayah("NIK", kode),
                        });
                    }
                    if let Some(kk) = &b.data.no_kk
                        && kk_diperiksa.insert(kk.to_string())
                        && !w.kecamatan_dikenal(kk.kode_wilayah()).await?
                    {
                        lap.peringatan.push(GalatBaris {
                            baris: b.nomor,
                            kolom: judul("no_kk"),
                            nilai: kk.to_string(),
                            pesan: pesan_wilayah("Nomor KK", kk.kode_wilayah()),
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
                    "status_dicatat": lap.status_dicatat,
                    "dilewati": lap.dilewati,
                    "rt_baru": lap.rt_baru.len(),
                    "dusun_baru": lap.dusun_baru,
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

/// Existing residents of the village with these NIKs, in a few batched queries.
pub(crate) async fn cari_nik_banyak(
    tx: &mut Tx,
    desa_id: &str,
    nik: &[&str],
) -> Result<HashMap<String, Penduduk>, Galat> {
    let mut hasil = HashMap::new();
    for potongan in nik.chunks(500) {
        let tanda: Vec<String> = (0..potongan.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.nik IN ({})",
            tanda.join(", ")
        );
        let daftar: Vec<Penduduk> = on_tx!(tx, c => {
            let mut q = sqlx::query_as::<_, Penduduk>(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for n in potongan {
                q = q.bind(*n);
            }
            q.fetch_all(&mut *c).await?
        });
        for p in daftar {
            hasil.insert(p.nik.clone(), p);
        }
    }
    Ok(hasil)
}

/// Write order for "one head per family": first residents who stop being a head (they leave
/// their family, stop being its head, or are dead or gone by this file), then heads (so a new
/// family takes its head's address and RT), then everyone else, and last new rows of the dead
/// and gone (never heads, so their family's address is a living member's). Within each group
/// the file's order is kept.
fn urutan_tulis(sah: &[BarisSah], lama: &HashMap<String, Penduduk>) -> Vec<usize> {
    let mut urut: Vec<usize> = (0..sah.len()).collect();
    urut.sort_by_key(|&i| {
        let b = &sah[i];
        let d = &b.data;
        let l = lama.get(d.nik.as_str());
        let turun = l.is_some_and(|l| {
            kepala_keluarga(l.shdk_id)
                && (d.shdk_id != 1
                    || b.status != HIDUP
                    || l.no_kk.as_deref() != d.no_kk.as_ref().map(|k| k.as_str()))
        });
        if turun {
            0
        } else if b.status != HIDUP {
            if l.is_some() { 2 } else { 3 }
        } else if kepala_keluarga(d.shdk_id) {
            1
        } else {
            2
        }
    });
    urut
}

/// Records the status a file gives a resident (new, or living in Balai until now): the event
/// with its date, through the same step as the Peristiwa menu but without opening a death-benefit
/// claim (a death read from a file is history). Says in a warning where the date came from when
/// the file had none, and that a living resident's status changed.
async fn catat_status_impor(
    w: &mut Penulis<'_>,
    b: &BarisSah,
    h: HasilTambah,
    sudah_ada: bool,
    nama_berkas: &str,
    judul: &(dyn Fn(&str) -> String + Sync),
    lap: &mut LaporanImpor,
) -> Result<(), Galat> {
    let p = w.ambil(h.id()).await?.ok_or(Galat::TidakDitemukan)?;
    let (tanggal, sumber) = b
        .tanggal_status
        .unwrap_or((w.now.date_naive(), SumberTanggal::HariImpor));
    let label = STATUS_DASAR.label(b.status).unwrap_or("-");
    let asal = match sumber {
        SumberTanggal::Berkas => "tanggal dari berkas",
        SumberTanggal::TglUbah => "tanggal dari kolom Tgl Ubah SIAK",
        SumberTanggal::HariImpor => "tanggal impor, karena berkas tidak memuat tanggal peristiwa",
    };
    let r = RincianStatus {
        tanggal: Some(tanggal),
        keterangan: format!("Dicatat dari impor berkas {nama_berkas}: status {label} ({asal})."),
        tempat: String::new(),
        sebab: String::new(),
    };
    ubah_status(w, &p, peristiwa_status(b.status), b.status, tanggal, &r).await?;
    lap.status_dicatat += 1;
    let tanggal_teks = tanggal.format("%d-%m-%Y");
    if sudah_ada {
        lap.peringatan.push(GalatBaris {
            baris: b.nomor,
            kolom: judul(kolom::STATUS_DASAR),
            nilai: label.to_string(),
            pesan: format!(
                "Penduduk ini tercatat HIDUP di Balai; menurut berkas berstatus {label}. Datanya diperbarui dan peristiwa {} dicatat dengan tanggal {tanggal_teks}.",
                peristiwa_status(b.status).label().to_lowercase()
            ),
        });
    }
    match sumber {
        SumberTanggal::Berkas => {}
        SumberTanggal::TglUbah => lap.peringatan.push(GalatBaris {
            baris: b.nomor,
            kolom: judul(kolom::TGL_UBAH),
            nilai: tanggal_teks.to_string(),
            pesan: format!(
                "Berkas tidak memuat tanggal peristiwa untuk status {label}; dipakai tanggal perubahan data SIAK (Tgl Ubah) {tanggal_teks}. Bila tanggal sebenarnya diketahui, batalkan peristiwa ini di riwayat penduduk lalu catat ulang dengan tanggal yang benar lewat menu Peristiwa."
            ),
        }),
        SumberTanggal::HariImpor => lap.peringatan.push(GalatBaris {
            baris: b.nomor,
            kolom: judul(kolom::STATUS_DASAR),
            nilai: label.to_string(),
            pesan: format!(
                "Berkas tidak memuat tanggal peristiwa untuk status {label}; dipakai tanggal impor {tanggal_teks} sebagai pengganti. Bila tanggal sebenarnya diketahui, batalkan peristiwa ini di riwayat penduduk lalu catat ulang dengan tanggal yang benar lewat menu Peristiwa."
            ),
        }),
    }
    Ok(())
}

/// A NIK's or KK number's region part not in the region table: an impossible province, or an
/// old or unknown code.
fn pesan_wilayah(apa: &str, kode: &str) -> String {
    let prov: u32 = kode.get(0..2).and_then(|p| p.parse().ok()).unwrap_or(0);
    if prov < 11 {
        format!(
            "Kode provinsi pada {apa} ({}) tidak mungkin (kode provinsi 11 sampai 99); kode wilayah {kode} tidak ada dalam tabel wilayah Kemendagri. Data tetap disimpan dan ditandai untuk diperiksa; pastikan nomornya benar.",
            &kode[..2]
        )
    } else {
        format!(
            "Kode wilayah pada {apa} ({kode}) tidak ada dalam tabel wilayah Kemendagri (mungkin kode lama, atau nomor data uji). Data tetap disimpan dan ditandai untuk diperiksa."
        )
    }
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
