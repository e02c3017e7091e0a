//! Exporting residents and families: readable spreadsheets for people (Indonesian headers, code
//! labels, dd-mm-yyyy dates), and OpenSID's import sheet (codes, ISO dates) so a village can take
//! its data back to OpenSID, or into another Balai, unchanged.
//!
//! Rows are read page by page (keyset, `SaringPenduduk::setelah`) and xlsx rows go to a
//! temporary file as they are written, so a 100,000-resident export never holds the village in
//! memory at once; only the finished file is.
//!
//! OpenSID's format carries every resident, the dead and the moved too, with their status dasar
//! (OpenSID's 43 columns include `status_dasar`) and, in Balai's extra column
//! `tanggal_peristiwa`, the date of the event that gave it: a village can go back to OpenSID,
//! or move to another Balai, without losing its history of who was here.
//!
//! Bulk export is the most sensitive read there is: the caller should record it in the audit log
//! (who, which filter, how many rows).

use crate::impor::{JUDUL_OPENSID, JUDUL_TAMBAHAN};
use crate::penduduk::{HIDUP, Penduduk, SELECT_PENDUDUK, SaringPenduduk};
use crate::{Galat, Store, on_db};
use balai_domain::daftar::STATUS_DASAR;
use balai_domain::lembar::sel_csv;
use balai_domain::penduduk::{KOLOM, daftar_kode, label_kolom, umur};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormatEkspor {
    /// Readable Excel workbook.
    Xlsx,
    /// Readable CSV (UTF-8 with BOM so Excel shows names correctly, comma-separated).
    Csv,
    /// OpenSID's import sheet (xlsx, codes), importable back with `FormatImpor::OpenSid`.
    OpenSid,
}

impl FormatEkspor {
    pub fn ekstensi(self) -> &'static str {
        match self {
            FormatEkspor::Csv => "csv",
            FormatEkspor::Xlsx | FormatEkspor::OpenSid => "xlsx",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            FormatEkspor::Csv => "text/csv; charset=utf-8",
            FormatEkspor::Xlsx | FormatEkspor::OpenSid => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

const HALAMAN: i64 = 500;

fn galat_tulis(e: impl std::fmt::Display) -> Galat {
    tracing::warn!(galat = %e, "gagal menulis berkas ekspor");
    Galat::Lain(
        "Berkas ekspor gagal dibuat; coba lagi, atau hubungi pengelola bila berulang.".into(),
    )
}

/// A spreadsheet being written row by row.
enum Keluaran {
    Xlsx { wb: Box<Workbook>, baris: u32 },
    Csv(Box<csv::Writer<Vec<u8>>>),
}

impl Keluaran {
    fn baru(csv: bool, nama_lembar: &str, judul: &[String], lebar: &[f64]) -> Result<Self, Galat> {
        if csv {
            let mut buf = Vec::new();
            buf.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            let mut w = csv::Writer::from_writer(buf);
            w.write_record(judul.iter().map(|s| sel_csv(s).into_owned()))
                .map_err(galat_tulis)?;
            return Ok(Keluaran::Csv(Box::new(w)));
        }
        let mut wb = Box::new(Workbook::new());
        let tebal = Format::new().set_bold().set_background_color(0xD9E2F3);
        let ws = wb
            .add_worksheet_with_constant_memory()
            .map_err(galat_tulis)?;
        ws.set_name(nama_lembar).map_err(galat_tulis)?;
        for (i, j) in judul.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, j, &tebal)
                .map_err(galat_tulis)?;
            ws.set_column_width(i as u16, lebar.get(i).copied().unwrap_or(14.0))
                .map_err(galat_tulis)?;
        }
        ws.set_freeze_panes(1, 0).map_err(galat_tulis)?;
        Ok(Keluaran::Xlsx { wb, baris: 0 })
    }

    fn baris(&mut self, sel: &[String]) -> Result<(), Galat> {
        match self {
            Keluaran::Csv(w) => w
                .write_record(sel.iter().map(|s| sel_csv(s).into_owned()))
                .map_err(galat_tulis),
            Keluaran::Xlsx { wb, baris } => {
                *baris += 1;
                let ws = wb.worksheet_from_index(0).map_err(galat_tulis)?;
                for (i, s) in sel.iter().enumerate() {
                    // Everything as text: a NIK written as a number loses its last digit in Excel.
                    if !s.is_empty() {
                        ws.write_string(*baris, i as u16, s).map_err(galat_tulis)?;
                    }
                }
                Ok(())
            }
        }
    }

    fn selesai(self, kolom: usize) -> Result<Vec<u8>, Galat> {
        match self {
            Keluaran::Csv(w) => w.into_inner().map_err(galat_tulis),
            Keluaran::Xlsx { mut wb, baris } => {
                let ws = wb.worksheet_from_index(0).map_err(galat_tulis)?;
                ws.autofilter(0, 0, baris, (kolom.max(1) - 1) as u16)
                    .map_err(galat_tulis)?;
                wb.save_to_buffer().map_err(galat_tulis)
            }
        }
    }
}

fn tgl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Readable columns: number, the form's fields with their labels (age after birth date), status.
fn judul_baca() -> (Vec<String>, Vec<f64>) {
    let mut judul = vec!["No".to_string()];
    let mut lebar = vec![6.0];
    for k in KOLOM {
        judul.push(label_kolom(k).to_string());
        lebar.push(match *k {
            "nik" | "no_kk" | "nik_ayah" | "nik_ibu" => 19.0,
            "nama" | "nama_ayah" | "nama_ibu" | "alamat_sekarang" | "alamat_sebelumnya" => 28.0,
            "rw" | "rt" => 6.0,
            _ => 16.0,
        });
        if *k == "tanggal_lahir" {
            judul.push("Umur".into());
            lebar.push(6.0);
        }
    }
    judul.push("Status dasar".into());
    lebar.push(12.0);
    (judul, lebar)
}

fn baris_baca(no: usize, p: &Penduduk, hari_ini: NaiveDate) -> Result<Vec<String>, Galat> {
    let d = p.data()?;
    let mut sel = vec![no.to_string()];
    for (k, v) in d.sebagai_isian() {
        let teks = if let Some(daftar) = daftar_kode(k) {
            v.parse::<i16>()
                .ok()
                .and_then(|id| daftar.label(id))
                .map(str::to_string)
                .unwrap_or(v)
        } else if k.starts_with("tanggal_") {
            NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .map(tgl)
                .unwrap_or(v)
        } else if (k == "rw" || k == "rt") && v == "-" {
            String::new()
        } else {
            v
        };
        sel.push(teks);
        if k == "tanggal_lahir" {
            sel.push(umur(d.tanggal_lahir, hari_ini).to_string());
        }
    }
    sel.push(
        STATUS_DASAR
            .label(p.status_dasar)
            .unwrap_or("-")
            .to_string(),
    );
    Ok(sel)
}

/// OpenSID's 43 columns (codes, ISO dates), then Balai's contact columns and the date of the
/// status event.
fn judul_opensid() -> Vec<String> {
    JUDUL_OPENSID
        .iter()
        .chain(JUDUL_TAMBAHAN.iter())
        .map(|s| s.to_string())
        .collect()
}

fn baris_opensid(p: &Penduduk, tanggal_status: Option<NaiveDate>) -> Result<Vec<String>, Galat> {
    let isian: HashMap<&str, String> = p.data()?.sebagai_isian().into_iter().collect();
    let f = |k: &str| isian.get(k).cloned().unwrap_or_default();
    Ok(JUDUL_OPENSID
        .iter()
        .chain(JUDUL_TAMBAHAN.iter())
        .map(|j| match *j {
            "alamat" => f("alamat_sekarang"),
            "sex" => f("jenis_kelamin"),
            "tempatlahir" => f("tempat_lahir"),
            "tanggallahir" => f("tanggal_lahir"),
            "status_kawin" => f("status_kawin_id"),
            "kk_level" => f("shdk_id"),
            "ayah_nik" => f("nik_ayah"),
            "ibu_nik" => f("nik_ibu"),
            "dokumen_pasport" => f("no_paspor"),
            "dokumen_kitas" => f("no_kitas"),
            "tanggalperkawinan" => f("tanggal_perkawinan"),
            "tanggalperceraian" => f("tanggal_perceraian"),
            "ktp_el" => f("ktp_el_id"),
            "status_rekam" => f("status_rekam_id"),
            "id_asuransi" => f("asuransi_id"),
            "status_dasar" => p.status_dasar.to_string(),
            "tanggal_peristiwa" => tanggal_status.map(|t| t.to_string()).unwrap_or_default(),
            "tag_id_card" | "lat" | "lng" => String::new(),
            k => f(k),
        })
        .collect())
}

/// The event kind that gives a status dasar (PERGI is recorded as a move out; see `impor`).
fn jenis_status(status: i16) -> Option<&'static str> {
    use balai_domain::penduduk::kode::{HILANG, MATI, PERGI, PINDAH};
    match status {
        MATI => Some("mati"),
        HILANG => Some("hilang"),
        PINDAH | PERGI => Some("pindah_keluar"),
        _ => None,
    }
}

#[derive(sqlx::FromRow)]
struct BarisKeluarga {
    no_kk: String,
    kepala_nama: Option<String>,
    kepala_nik: Option<String>,
    alamat: String,
    dusun: Option<String>,
    rw: Option<String>,
    rt: Option<String>,
    jumlah_anggota: i64,
}

impl Store {
    /// Residents matching `saring` (its `urut` is kept; `setelah` and `batas` are ignored) as a
    /// file in `format`.
    pub async fn ekspor_penduduk(
        &self,
        desa_id: &str,
        saring: &SaringPenduduk,
        format: FormatEkspor,
    ) -> Result<Vec<u8>, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.hari_ini(desa.zona());
        let (judul, lebar) = match format {
            FormatEkspor::OpenSid => (judul_opensid(), vec![]),
            _ => judul_baca(),
        };
        let kolom = judul.len();
        let nama_lembar = if format == FormatEkspor::OpenSid {
            "Data Penduduk"
        } else {
            "Penduduk"
        };
        let mut out = Keluaran::baru(format == FormatEkspor::Csv, nama_lembar, &judul, &lebar)?;
        let mut s = saring.clone();
        // OpenSID's format is for taking the village elsewhere: without a status filter it
        // carries everyone, not only the living.
        if format == FormatEkspor::OpenSid && s.status_dasar.is_none() {
            s.status_dasar = Some(0);
        }
        s.batas = Some(HALAMAN);
        s.setelah = None;
        let mut no = 0usize;
        loop {
            let hal = self.daftar_penduduk(desa_id, &s, hari_ini).await?;
            let ids: Vec<Uuid> = hal.isi.iter().map(|r| r.id).collect();
            let mut lengkap = self.penduduk_banyak(desa_id, &ids).await?;
            let tanggal = if format == FormatEkspor::OpenSid {
                let pergi: Vec<Uuid> = hal
                    .isi
                    .iter()
                    .filter(|r| r.status_dasar != HIDUP)
                    .map(|r| r.id)
                    .collect();
                self.tanggal_status_banyak(desa_id, &pergi).await?
            } else {
                HashMap::new()
            };
            for id in &ids {
                if let Some(p) = lengkap.remove(id) {
                    no += 1;
                    let sel = match format {
                        FormatEkspor::OpenSid => baris_opensid(
                            &p,
                            jenis_status(p.status_dasar)
                                .and_then(|j| tanggal.get(&(p.id, j.to_string())).copied()),
                        )?,
                        _ => baris_baca(no, &p, hari_ini)?,
                    };
                    out.baris(&sel)?;
                }
            }
            match hal.berikutnya {
                Some(c) => s.setelah = Some(c),
                None => break,
            }
        }
        // Writing the zip is CPU work; keep it off the async workers.
        crate::latar::berat(move || out.selesai(kolom)).await
    }

    /// Dates of the latest status events (not annulled) of a page of residents, by resident
    /// and event kind, in one query.
    async fn tanggal_status_banyak(
        &self,
        desa_id: &str,
        ids: &[Uuid],
    ) -> Result<HashMap<(Uuid, String), NaiveDate>, Galat> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let tanda: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT penduduk_id, jenis, tanggal FROM peristiwa WHERE desa_id = $1 AND penduduk_id IN ({}) \
             AND dibatalkan_oleh IS NULL AND jenis IN ('mati', 'pindah_keluar', 'hilang') ORDER BY dicatat_pada, id",
            tanda.join(", ")
        );
        let daftar: Vec<(Uuid, String, NaiveDate)> = on_db!(&self.db, p => {
            let mut q = sqlx::query_as::<_, (Uuid, String, NaiveDate)>(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(p).await?
        });
        // Later events overwrite earlier ones.
        Ok(daftar
            .into_iter()
            .map(|(id, jenis, tanggal)| ((id, jenis), tanggal))
            .collect())
    }

    /// Full records of a page of residents, in one query.
    async fn penduduk_banyak(
        &self,
        desa_id: &str,
        ids: &[Uuid],
    ) -> Result<HashMap<Uuid, Penduduk>, Galat> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let tanda: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.id IN ({})",
            tanda.join(", ")
        );
        let daftar: Vec<Penduduk> = on_db!(&self.db, p => {
            let mut q = sqlx::query_as::<_, Penduduk>(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(p).await?
        });
        Ok(daftar.into_iter().map(|p| (p.id, p)).collect())
    }

    /// All families of a village by KK number: head, address, dusun/RW/RT and the number of
    /// living members. `FormatEkspor::OpenSid` is for residents only and is refused.
    pub async fn ekspor_keluarga(
        &self,
        desa_id: &str,
        format: FormatEkspor,
    ) -> Result<Vec<u8>, Galat> {
        if format == FormatEkspor::OpenSid {
            return Err(Galat::Ditolak(
                "Format OpenSID hanya tersedia untuk ekspor data penduduk; pilih Excel atau CSV untuk data keluarga.".into(),
            ));
        }
        self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let judul: Vec<String> = [
            "No",
            "Nomor KK",
            "Nama kepala keluarga",
            "NIK kepala keluarga",
            "Alamat",
            "Dusun",
            "RW",
            "RT",
            "Jumlah anggota",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lebar = [6.0, 19.0, 28.0, 19.0, 30.0, 16.0, 6.0, 6.0, 10.0];
        let kolom = judul.len();
        let mut out = Keluaran::baru(format == FormatEkspor::Csv, "Keluarga", &judul, &lebar)?;
        let sql = "SELECT k.no_kk, h.nama AS kepala_nama, h.nik AS kepala_nik, k.alamat, r.dusun, r.rw, r.rt, \
             (SELECT count(*) FROM penduduk a WHERE a.desa_id = k.desa_id AND a.keluarga_id = k.id AND a.status_dasar = $3) AS jumlah_anggota \
             FROM keluarga k LEFT JOIN penduduk h ON h.desa_id = k.desa_id AND h.id = k.kepala_id \
             LEFT JOIN wilayah_rt r ON r.desa_id = k.desa_id AND r.id = k.rt_id \
             WHERE k.desa_id = $1 AND k.no_kk > $2 ORDER BY k.no_kk LIMIT $4";
        let mut setelah = String::new();
        let mut no = 0usize;
        loop {
            let hal: Vec<BarisKeluarga> = on_db!(&self.db, p => sqlx::query_as(sql)
                .bind(desa_id).bind(&setelah).bind(HIDUP).bind(HALAMAN)
                .fetch_all(p).await?);
            let habis = (hal.len() as i64) < HALAMAN;
            for k in &hal {
                no += 1;
                let rtrw = |v: &Option<String>| {
                    v.as_deref()
                        .filter(|s| *s != "-")
                        .unwrap_or_default()
                        .to_string()
                };
                out.baris(&[
                    no.to_string(),
                    k.no_kk.clone(),
                    k.kepala_nama.clone().unwrap_or_default(),
                    k.kepala_nik.clone().unwrap_or_default(),
                    k.alamat.clone(),
                    k.dusun.clone().unwrap_or_default(),
                    rtrw(&k.rw),
                    rtrw(&k.rt),
                    k.jumlah_anggota.to_string(),
                ])?;
            }
            match hal.last() {
                Some(k) if !habis => setelah = k.no_kk.clone(),
                _ => break,
            }
        }
        crate::latar::berat(move || out.selesai(kolom)).await
    }
}

impl Store {
    /// Records in the audit log that someone took a copy of residents' data out of Balai.
    pub async fn catat_ekspor(
        &self,
        desa_id: &str,
        objek: &str,
        format: FormatEkspor,
        saring: Option<&SaringPenduduk>,
        aktor: &crate::Aktor,
    ) -> Result<(), Galat> {
        self.catat_audit(crate::audit::Catatan {
            desa_id,
            aktor,
            aksi: "ekspor",
            objek,
            objek_id: String::new(),
            sebelum: None,
            sesudah: Some(serde_json::json!({"format": format, "saringan": saring})),
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::Keluaran;

    /// A CSV opened in a spreadsheet must never run a cell as a formula.
    #[test]
    fn csv_menetralkan_awalan_rumus() {
        let judul = vec!["Nama".to_string(), "Dusun".to_string()];
        let mut k = Keluaran::baru(true, "Penduduk", &judul, &[]).unwrap();
        k.baris(&["Sri".into(), "=HYPERLINK(\"http://x\",\"klik\")".into()])
            .unwrap();
        k.baris(&["@SUM(A1)".into(), "-1500".into()]).unwrap();
        let teks = String::from_utf8(k.selesai(2).unwrap()).unwrap();
        assert!(teks.contains("\"'=HYPERLINK("), "{teks}");
        assert!(teks.contains("'@SUM(A1),-1500"), "{teks}");
        assert!(!teks.contains(",=") && !teks.contains("\n@"), "{teks}");
    }
}
