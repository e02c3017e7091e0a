//! Moving a village from OpenSID: reading its database dump and importing it.
//!
//! The dump is streamed (`dump`), the tables Balai uses are kept (`baca`), and everything is
//! written in one transaction (`penduduk`, `surat`, `lain`): a failure or a dry run leaves the
//! database as it was. Every imported row is remembered in `opensid_asal` with a fingerprint,
//! so the same dump imported again changes nothing and a later dump changes only what changed in
//! OpenSID. Rows Balai has no place for, or refused, are kept whole in `opensid_simpanan`.

pub mod baca;
pub mod dump;
mod lain;
mod penduduk;
mod surat;

use crate::audit::Catatan;
use crate::penduduk::tulis::Penulis;
use crate::{Aktor, Galat, Store, Tx, on_tx};
use baca::{Baris, IsiDump};
use balai_domain::wilayah::KodeDesa;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct OpsiOpenSid {
    /// The village to import; taken from the dump's `config` when it holds only one.
    pub desa: Option<String>,
    /// Check and run everything, then roll back.
    pub dry_run: bool,
    /// OpenSID's `desa/` folder (photos, logo, gallery), when given.
    pub berkas: Option<PathBuf>,
}

/// One note about one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatatanBaris {
    /// The row's id in OpenSID.
    pub id: String,
    pub pesan: String,
}

/// What happened to one OpenSID table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LaporanTabel {
    pub tabel: &'static str,
    /// What the table holds, for the operator.
    pub isi: &'static str,
    pub dibaca: usize,
    pub diimpor: usize,
    /// Already imported before and unchanged since.
    pub tidak_berubah: usize,
    /// Kept whole in the holding table (no place in Balai yet); not an error.
    pub disimpan: usize,
    /// Imported with something to check (a value mapped to "unknown", a missing date …).
    pub peringatan: Vec<CatatanBaris>,
    /// Not imported, with the reason (also kept in the holding table).
    pub ditolak: Vec<CatatanBaris>,
}

/// A village found in the dump.
#[derive(Debug, Clone, Serialize)]
pub struct DesaDump {
    pub config_id: String,
    pub kode: String,
    pub nama: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LaporanOpenSid {
    /// OpenSID version as the dump states it (`setting_aplikasi.current_version` or `migrasi`).
    pub versi: String,
    /// Whether the dump is of a multi-village schema (tables with `config_id`).
    pub banyak_desa: bool,
    pub desa_dump: Vec<DesaDump>,
    pub desa_id: String,
    pub nama_desa: String,
    /// The village was not registered in Balai and is registered by this import.
    pub desa_baru: bool,
    pub tabel: Vec<LaporanTabel>,
    /// Notes about the file as a whole (text converted from latin1 …).
    pub catatan: Vec<String>,
    pub dry_run: bool,
    /// True when the changes were committed.
    pub diterapkan: bool,
}

impl LaporanOpenSid {
    pub fn total_ditolak(&self) -> usize {
        self.tabel.iter().map(|t| t.ditolak.len()).sum()
    }
}

/// Most notes listed per table; the rest are counted in the last line.
const MAKS_CATATAN: usize = 500;

impl LaporanTabel {
    fn baru(tabel: &'static str, isi: &'static str, dibaca: usize) -> Self {
        LaporanTabel {
            tabel,
            isi,
            dibaca,
            ..Default::default()
        }
    }

    fn peringatan(&mut self, id: impl ToString, pesan: impl Into<String>) {
        tambah_catatan(&mut self.peringatan, id.to_string(), pesan.into());
    }

    fn tolak(&mut self, id: impl ToString, pesan: impl Into<String>) {
        tambah_catatan(&mut self.ditolak, id.to_string(), pesan.into());
    }
}

fn tambah_catatan(v: &mut Vec<CatatanBaris>, id: String, pesan: String) {
    if v.len() < MAKS_CATATAN {
        v.push(CatatanBaris { id, pesan });
    } else if v.len() == MAKS_CATATAN {
        v.push(CatatanBaris {
            id: String::new(),
            pesan: "… catatan berikutnya tidak ditampilkan; lihat tabel penampung.".into(),
        });
    }
}

/// What the table writers share: the transaction, the village and what was imported before.
pub(crate) struct Impor<'a, 'w> {
    pub w: &'a mut Penulis<'w>,
    pub isi: &'a IsiDump,
    pub config_id: Option<&'a str>,
    pub opsi: &'a OpsiOpenSid,
    pub hari_ini: chrono::NaiveDate,
    /// (table, OpenSID id) → (Balai id, fingerprint) of earlier imports.
    asal: HashMap<(String, String), (String, String)>,
    /// OpenSID resident id → Balai resident id (this import and earlier ones).
    pub penduduk: HashMap<String, uuid::Uuid>,
}

/// Whether a row was new, changed or the same as last time.
pub(crate) enum Jejak {
    Baru,
    Berubah(String),
    Sama,
}

impl<'a, 'w> Impor<'a, 'w> {
    /// The rows of a table for this village (borrowing the dump, not the importer).
    pub fn baris(&self, tabel: &str) -> impl Iterator<Item = Baris<'a>> + use<'a, 'w> {
        self.isi.baris_desa(tabel, self.config_id)
    }

    /// Has this OpenSID row been imported before, and is it unchanged?
    pub fn jejak(&self, tabel: &str, asal_id: &str, sidik: &str) -> Jejak {
        match self.asal.get(&(tabel.to_string(), asal_id.to_string())) {
            None => Jejak::Baru,
            Some((_, s)) if s == sidik => Jejak::Sama,
            Some((b, _)) => Jejak::Berubah(b.clone()),
        }
    }

    pub fn balai_id(&self, tabel: &str, asal_id: &str) -> Option<&str> {
        self.asal
            .get(&(tabel.to_string(), asal_id.to_string()))
            .map(|(b, _)| b.as_str())
    }

    /// Remembers which Balai row an OpenSID row became.
    pub async fn tandai(
        &mut self,
        tabel: &str,
        asal_id: &str,
        balai_id: &str,
        sidik: &str,
    ) -> Result<(), Galat> {
        let (desa_id, now) = (self.w.desa_id, self.w.now);
        on_tx!(&mut self.w.tx, c => sqlx::query(
            "INSERT INTO opensid_asal (desa_id, tabel, asal_id, balai_id, sidik, diimpor_pada) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (desa_id, tabel, asal_id) DO UPDATE SET balai_id = excluded.balai_id, sidik = excluded.sidik, diimpor_pada = excluded.diimpor_pada")
            .bind(desa_id).bind(tabel).bind(asal_id).bind(balai_id).bind(sidik).bind(now).execute(&mut *c).await?.rows_affected());
        self.asal.insert(
            (tabel.to_string(), asal_id.to_string()),
            (balai_id.to_string(), sidik.to_string()),
        );
        Ok(())
    }

    /// Keeps a whole OpenSID row in the holding table, with the reason. Returns false when
    /// the same row was already kept (a repeated import).
    pub async fn simpan(
        &mut self,
        tabel: &str,
        b: &Baris<'_>,
        asal_id: &str,
        alasan: &str,
    ) -> Result<bool, Galat> {
        let sidik = b.sidik();
        if matches!(self.jejak(tabel, asal_id, &sidik), Jejak::Sama) {
            return Ok(false);
        }
        let (desa_id, now) = (self.w.desa_id, self.w.now);
        let data = b.json().to_string();
        on_tx!(&mut self.w.tx, c => sqlx::query(
            "INSERT INTO opensid_simpanan (desa_id, tabel, asal_id, data, alasan, diimpor_pada) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (desa_id, tabel, asal_id) DO UPDATE SET data = excluded.data, alasan = excluded.alasan, diimpor_pada = excluded.diimpor_pada")
            .bind(desa_id).bind(tabel).bind(asal_id).bind(&data).bind(alasan).bind(now).execute(&mut *c).await?.rows_affected());
        self.tandai(tabel, asal_id, "simpanan", &sidik).await?;
        Ok(true)
    }
}

/// The full 10-digit Kemendagri code of a `config` row: recent installs keep it whole in
/// `kode_desa`, older ones only the village's own digits next to the other levels' codes.
fn kode_config(b: &Baris<'_>) -> String {
    let digit = |k: &str| -> String { b.teks(k).chars().filter(char::is_ascii_digit).collect() };
    // The last `n` digits (the strings are ASCII digits only).
    let akhir = |s: String, n: usize| s[s.len().saturating_sub(n)..].to_string();
    let desa = digit("kode_desa");
    if desa.len() == 10 {
        return desa;
    }
    let kec = match digit("kode_kecamatan") {
        k if k.len() == 6 => k,
        k => format!(
            "{}{}{k}",
            digit("kode_propinsi"),
            akhir(digit("kode_kabupaten"), 2)
        ),
    };
    format!("{kec}{:0>4}", akhir(desa, 4))
}

fn versi_dump(isi: &IsiDump) -> String {
    let dari_setting = isi
        .tabel("setting_aplikasi")
        .baris()
        .find(|b| b.teks("key") == "current_version")
        .map(|b| b.teks("value"));
    dari_setting
        .filter(|v| !v.is_empty())
        .or_else(|| {
            isi.tabel("migrasi")
                .baris()
                .map(|b| b.teks("versi_database"))
                .max()
        })
        .unwrap_or_else(|| "tidak diketahui".into())
}

impl Store {
    /// Imports a village from an OpenSID database dump (mysqldump or phpMyAdmin, plain or
    /// gzip). Errors about the file as a whole come back as `Galat::Isian` on `berkas`.
    pub async fn impor_opensid_db(
        &self,
        sumber: impl Read + Send + 'static,
        opsi: &OpsiOpenSid,
        aktor: &Aktor,
    ) -> Result<LaporanOpenSid, Galat> {
        let isi = crate::latar::berat(move || {
            baca::baca(sumber).map_err(|e| Galat::isian("berkas", e.0))
        })
        .await?;
        let mut lap = LaporanOpenSid {
            versi: versi_dump(&isi),
            banyak_desa: isi
                .tabel("tweb_penduduk")
                .baris()
                .any(|b| b.ada("config_id")),
            dry_run: opsi.dry_run,
            ..Default::default()
        };
        lap.desa_dump = isi
            .tabel("config")
            .baris()
            .map(|b| DesaDump {
                config_id: b.teks("id"),
                kode: kode_config(&b),
                nama: b.teks("nama_desa"),
            })
            .collect();
        let (pilihan, tujuan) = pilih_desa(&lap.desa_dump, opsi.desa.as_deref())?;
        let pilihan = pilihan.clone();
        if tujuan != pilihan.kode {
            lap.catatan.push(format!(
                "Kode desa di OpenSID ({}) berbeda dengan desa tujuan ({tujuan}): data diimpor ke desa tujuan.",
                pilihan.kode
            ));
        }
        let kode = KodeDesa::parse(&tujuan).map_err(|e| {
            Galat::isian(
                "desa",
                format!("Kode desa tujuan ({tujuan}) tidak sah: {e}. Pilih desa tujuan dengan --desa KODE."),
            )
        })?;
        let config_id =
            (lap.banyak_desa || lap.desa_dump.len() > 1).then(|| pilihan.config_id.clone());
        if isi.info.teks_diperbaiki > 0 {
            lap.catatan.push(format!(
                "{} nilai teks tersimpan sebagai latin1 (huruf rusak seperti \"Ã©\") dan sudah diubah ke UTF-8. Periksa beberapa nama yang mengandung huruf khusus.",
                isi.info.teks_diperbaiki
            ));
        }
        let desa_id = kode.as_str().to_string();
        let ada = self.desa(&desa_id).await?;
        let wilayah = self.wilayah(&desa_id).await?.filter(|w| w.kode.len() == 10);
        let nama_resmi = match (&ada, &wilayah) {
            (Some(d), _) => d.nama.clone(),
            (None, Some(w)) => w.nama.clone(),
            (None, None) => {
                return Err(Galat::isian(
                    "desa",
                    format!(
                        "Kode desa {} (dari OpenSID: {}) tidak ada dalam tabel wilayah Kemendagri. Pilih kode yang benar dengan --desa KODE.",
                        kode.bertitik(),
                        pilihan.nama
                    ),
                ));
            }
        };
        lap.desa_id = desa_id.clone();
        lap.nama_desa = nama_resmi.clone();
        lap.desa_baru = ada.is_none();
        let zona = balai_domain::ZonaWaktu::dari_provinsi(kode.provinsi());
        let hari_ini = self.hari_ini(zona);

        let mut w = Penulis::mulai(self, &desa_id, aktor).await?;
        if ada.is_none() {
            let now = w.now;
            let sesudah = serde_json::json!({"nama": nama_resmi, "asal": "opensid"});
            crate::desa::sisipkan_desa(&mut w.tx, now, &desa_id, &nama_resmi, zona, aktor, sesudah)
                .await?;
        }
        let asal = muat_asal(&mut w.tx, &desa_id).await?;
        let mut im = Impor {
            w: &mut w,
            isi: &isi,
            config_id: config_id.as_deref(),
            opsi,
            hari_ini,
            asal,
            penduduk: HashMap::new(),
        };
        let hasil = async {
            lap.tabel.push(lain::profil(&mut im).await?);
            lap.tabel.extend(penduduk::impor(&mut im).await?);
            lap.tabel.push(lain::pamong(&mut im).await?);
            lap.tabel.push(surat::impor(&mut im).await?);
            lap.tabel.extend(lain::situs(&mut im).await?);
            lap.tabel.push(lain::bantuan(&mut im).await?);
            lap.tabel.push(lain::pengguna(&mut im).await?);
            Ok::<(), Galat>(())
        }
        .await;
        hasil?;
        if opsi.dry_run {
            match w.tx {
                Tx::Sqlite(t) => t.rollback().await?,
                Tx::Postgres(t) => t.rollback().await?,
            }
            return Ok(lap);
        }
        let ringkas: Vec<serde_json::Value> = lap
            .tabel
            .iter()
            .map(|t| serde_json::json!({"tabel": t.tabel, "dibaca": t.dibaca, "diimpor": t.diimpor, "tidak_berubah": t.tidak_berubah, "disimpan": t.disimpan, "ditolak": t.ditolak.len()}))
            .collect();
        w.catat(Catatan {
            desa_id: &desa_id,
            aktor,
            aksi: "impor",
            objek: "opensid",
            objek_id: lap.versi.clone(),
            sebelum: None,
            sesudah: Some(serde_json::json!({ "tabel": ringkas })),
        })
        .await?;
        w.selesai().await?;
        lap.diterapkan = true;
        if lap.desa_baru {
            self.pastikan_kunci_desa(&desa_id).await?;
            self.situs_desa(&desa_id).await?;
        }
        self.perbarui_statistik_kueri().await?;
        Ok(lap)
    }
}

/// The village of the dump to import, and the Balai village it goes to.
fn pilih_desa<'a>(
    desa: &'a [DesaDump],
    diminta: Option<&str>,
) -> Result<(&'a DesaDump, String), Galat> {
    let daftar = || {
        desa.iter()
            .map(|d| format!("{} ({})", d.kode, d.nama))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let diminta: Option<String> = diminta.map(|k| k.chars().filter(char::is_ascii_digit).collect());
    match (desa, diminta) {
        ([], _) => Err(Galat::isian(
            "berkas",
            "Tabel config di cadangan OpenSID kosong, jadi desanya tidak diketahui. Cadangan mungkin tidak lengkap.",
        )),
        ([d], None) => Ok((d, d.kode.clone())),
        // One village: the operator may send it to another code (an old or mistyped code).
        ([d], Some(k)) => Ok((d, k)),
        (_, Some(k)) => match desa.iter().find(|d| d.kode == k) {
            Some(d) => Ok((d, k)),
            None => Err(Galat::isian(
                "desa",
                format!(
                    "Desa {k} tidak ada di cadangan ini. Desa dalam cadangan: {}.",
                    daftar()
                ),
            )),
        },
        (_, None) => Err(Galat::isian(
            "desa",
            format!(
                "Cadangan ini berisi {} desa: {}. Pilih desa yang diimpor dengan --desa KODE (jalankan sekali untuk setiap desa).",
                desa.len(),
                daftar()
            ),
        )),
    }
}

async fn muat_asal(
    tx: &mut Tx,
    desa_id: &str,
) -> Result<HashMap<(String, String), (String, String)>, Galat> {
    let v: Vec<(String, String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT tabel, asal_id, balai_id, sidik FROM opensid_asal WHERE desa_id = $1")
        .bind(desa_id).fetch_all(&mut *c).await?);
    Ok(v.into_iter().map(|(t, a, b, s)| ((t, a), (b, s))).collect())
}
