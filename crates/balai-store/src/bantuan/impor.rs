//! Importing and exporting a programme's recipients.
//!
//! Import reads OpenSID's recipient sheet (`format_impor_program_bantuan.xlsx`: a "Program"
//! sheet, skipped, and a "Peserta" sheet whose data rows end at a row starting with `###`) or
//! any xlsx/xls/CSV with a header row holding a `nik` column, and optionally `dasar` (or
//! `keterangan`) and `alasan_abaikan` (or `alasan`). Files are read by the resident import's
//! reader (`crate::impor::berkas`: size, zip bomb and malformed-file limits). Every row goes
//! through the very checks of `tambah_penerima` (`periksa_penerima`), plus the ones only a file
//! can fail: the same NIK twice, or two members of one family for a family programme.
//!
//! All or nothing: with `terapkan` the rows are written in one transaction, and only when every
//! row is valid; otherwise (or for a preview) nothing is written and the report says which rows
//! are wrong and why. Problems with the file as a whole are `Err(Galat::Isian)` on `berkas`.
//!
//! Export writes OpenSID's two sheets (so the file can be imported into OpenSID as it is),
//! both active and stopped recipients, and a third sheet "Status" with Balai's status of each;
//! the CSV has OpenSID's columns followed by the status columns. Both read back into
//! `impor_penerima` (the CSV keeps the `dasar`).

use super::program::{CalonPenerima, PenerimaBaru};
use super::{Bantuan, Program};
use crate::audit::{Catatan, catat};
use crate::impor::berkas::{self, Baris, Lanjut, galat_berkas};
use crate::impor::{bersihkan_nomor, normal_judul};
use crate::{Aktor, Galat, Tx, on_db};
use balai_domain::bantuan::Sasaran;
use balai_domain::daftar::STATUS_DASAR;
use balai_domain::lembar::sel_csv;
use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// Largest recipient file accepted (a village's recipients are a few thousand rows at most).
pub const MAKS_UKURAN_PENERIMA: usize = 5 * 1024 * 1024;
/// Most data rows in one recipient file.
pub const MAKS_BARIS_PENERIMA: usize = 5_000;
/// How far down a sheet the header row is looked for.
const CARI_JUDUL: usize = 20;

/// OpenSID's header of the "Peserta" sheet, in order.
pub const JUDUL_PESERTA_OPENSID: [&str; 7] = [
    "Peserta",
    "No. Peserta",
    "NIK",
    "Nama",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Alamat",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusBaris {
    Ok,
    Galat,
}

/// One row of the file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarisImpor {
    /// Row number as the operator sees it in the spreadsheet (header row = 1 in a normal sheet).
    pub baris: usize,
    /// The NIK as typed in the file.
    pub nik: String,
    /// The resident's name when the NIK was found in this village, else the file's name cell.
    pub nama: String,
    pub status: StatusBaris,
    /// What is wrong, or what will be done, in Indonesian.
    pub pesan: String,
}

impl BarisImpor {
    pub fn ok(&self) -> bool {
        self.status == StatusBaris::Ok
    }
}

/// The outcome of a recipient import, row by row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LaporanImporPenerima {
    /// Data rows in the file.
    pub total: usize,
    pub sah: usize,
    pub galat: usize,
    /// True when the recipients were written (no error and `terapkan`).
    pub diterapkan: bool,
    pub baris: Vec<BarisImpor>,
}

/// Columns of a recipient file found on its header row.
#[derive(Debug, Clone, Copy)]
struct Kolom {
    nik: usize,
    nama: Option<usize>,
    dasar: Option<usize>,
    alasan: Option<usize>,
}

fn kenali_judul(sel: &[String]) -> Option<Kolom> {
    let cari = |nama: &[&str]| {
        sel.iter()
            .position(|s| nama.contains(&normal_judul(s).as_str()))
    };
    Some(Kolom {
        nik: cari(&[
            "nik",
            "nikpenerima",
            "nikpeserta",
            "nomorindukkependudukan",
            "niknomorindukkependudukan",
        ])?,
        nama: cari(&["nama", "namapenerima", "namapeserta", "namalengkap"]),
        dasar: cari(&["dasar", "dasarpenetapan", "keterangan"]),
        alasan: cari(&[
            "alasanabaikan",
            "alasanabaikanaturan",
            "alasan",
            "alasanpengecualian",
        ]),
    })
}

/// One data row as read, before any check.
#[derive(Debug, Clone)]
struct BarisBerkas {
    nomor: usize,
    nik: String,
    /// The NIK cell held a number (Excel keeps 15 digits: the last may have become 0).
    nik_angka: bool,
    nama: String,
    dasar: String,
    alasan: String,
}

/// Receives the sheets' rows: finds the header, keeps the data rows up to `###`.
#[derive(Default)]
struct Pengumpul {
    dicari: usize,
    kolom: Option<Kolom>,
    baris: Vec<BarisBerkas>,
}

impl berkas::Penerima for Pengumpul {
    fn lembar_baru(&mut self, nama: &str) -> Lanjut {
        if self.kolom.is_some() {
            return Lanjut::Selesai;
        }
        // OpenSID's first sheet describes the programme, not its recipients.
        if normal_judul(nama) == "program" {
            return Lanjut::LembarBerikut;
        }
        self.dicari = 0;
        Lanjut::Terus
    }

    fn baris(&mut self, b: Baris) -> Result<Lanjut, Galat> {
        let Some(k) = self.kolom else {
            self.kolom = kenali_judul(&b.sel);
            self.dicari += 1;
            if self.kolom.is_none() && self.dicari >= CARI_JUDUL {
                return Ok(Lanjut::LembarBerikut);
            }
            return Ok(Lanjut::Terus);
        };
        // OpenSID's template closes the rows with "###"; notes follow it.
        if b.sel.first().is_some_and(|s| s.trim().starts_with("###")) {
            return Ok(Lanjut::Selesai);
        }
        if self.baris.len() >= MAKS_BARIS_PENERIMA {
            return Err(galat_berkas(format!(
                "Berkas memuat lebih dari {MAKS_BARIS_PENERIMA} baris penerima. Bagi menjadi beberapa berkas, misalnya per dusun."
            )));
        }
        let sel = |i: Option<usize>| {
            i.and_then(|i| b.sel.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        self.baris.push(BarisBerkas {
            nomor: b.nomor,
            nik: sel(Some(k.nik)),
            nik_angka: k.nik < 64 && b.angka & (1 << k.nik) != 0,
            nama: sel(k.nama),
            dasar: sel(k.dasar),
            alasan: sel(k.alasan),
        });
        Ok(Lanjut::Terus)
    }
}

fn periksa_ukuran(isi: &[u8]) -> Result<(), Galat> {
    if isi.len() > MAKS_UKURAN_PENERIMA {
        return Err(galat_berkas(format!(
            "Berkas terlalu besar ({:.1} MB); berkas penerima bantuan paling besar {} MB. Bagi menjadi beberapa berkas, misalnya per dusun.",
            isi.len() as f64 / (1024.0 * 1024.0),
            MAKS_UKURAN_PENERIMA / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Reads the rows of a recipient file, or the file-level problem.
fn baca_penerima(isi: &[u8]) -> Result<Vec<BarisBerkas>, Galat> {
    let mut p = Pengumpul::default();
    berkas::baca(isi, &mut p)?;
    if p.kolom.is_none() {
        return Err(galat_berkas(
            "Kolom NIK tidak ditemukan. Gunakan format impor peserta program bantuan OpenSID (lembar \"Peserta\"), atau berkas dengan baris judul yang memuat kolom NIK (dan bila perlu kolom dasar dan alasan_abaikan).",
        ));
    }
    if p.baris.is_empty() {
        return Err(galat_berkas(
            "Berkas tidak memuat baris penerima di bawah baris judul.",
        ));
    }
    Ok(p.baris)
}

/// The messages of a refused row.
fn pesan_galat(e: Galat) -> Result<String, Galat> {
    match e {
        Galat::Isian(d) => Ok(d
            .0
            .into_iter()
            .map(|g| g.pesan)
            .collect::<Vec<_>>()
            .join(" ")),
        Galat::Ditolak(m) | Galat::Konflik(m) => Ok(m),
        // The database failed: that is not the row's fault.
        e => Err(e),
    }
}

impl Bantuan<'_> {
    /// Imports recipients into a programme from an OpenSID recipient sheet or a CSV. See the
    /// module documentation for the rules. `terapkan = false` only checks (a preview).
    pub async fn impor_penerima(
        &self,
        desa_id: &str,
        program_id: Uuid,
        isi: &[u8],
        nama_berkas: &str,
        terapkan: bool,
        aktor: &Aktor,
    ) -> Result<LaporanImporPenerima, Galat> {
        let g = self
            .program(desa_id, program_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        // Refuse an oversized upload before copying it.
        periksa_ukuran(isi)?;
        let data = isi.to_vec();
        let baris = crate::latar::berat(move || baca_penerima(&data))
            .await
            .map_err(|e| match e {
                Galat::Lain(_) => galat_berkas(
                    "Berkas tidak dapat diproses (pembaca berkas berhenti tiba-tiba). Simpan ulang berkas sebagai .xlsx lalu coba lagi.",
                ),
                e => e,
            })?;
        let dasar_bawaan = format!("Impor berkas {}", nama_berkas.trim());
        let keluarga = g.sasaran() != Sasaran::Penduduk;
        let mut lap = LaporanImporPenerima {
            total: baris.len(),
            ..Default::default()
        };
        // (index in the report, checked recipient) of the valid rows.
        let mut calon: Vec<(usize, CalonPenerima)> = Vec::new();
        let mut nik_dilihat: HashMap<String, usize> = HashMap::new();
        let mut kk_dilihat: HashMap<Uuid, (usize, String)> = HashMap::new();
        for r in baris {
            let nik = bersihkan_nomor(&r.nik);
            let mut hasil = BarisImpor {
                baris: r.nomor,
                nik: r.nik.clone(),
                nama: r.nama.clone(),
                status: StatusBaris::Galat,
                pesan: String::new(),
            };
            if nik.is_empty() {
                hasil.pesan = "NIK kosong; isi NIK penerima (16 angka).".into();
            } else if let Some(n) = nik_dilihat.get(&nik) {
                hasil.pesan = format!(
                    "NIK ini sudah ada di baris {n} berkas ini; setiap penerima cukup satu baris."
                );
            } else {
                nik_dilihat.insert(nik.clone(), r.nomor);
                let b = PenerimaBaru {
                    nik,
                    dasar: if r.dasar.is_empty() {
                        dasar_bawaan.clone()
                    } else {
                        r.dasar.clone()
                    },
                    alasan_abaikan: r.alasan.clone(),
                };
                match self.periksa_penerima(desa_id, &g, &b).await {
                    Ok(c) => {
                        hasil.nama = c.nama.clone();
                        let wakil = c
                            .keluarga_id
                            .filter(|_| keluarga)
                            .and_then(|kk| kk_dilihat.get(&kk));
                        if let Some((n, nama)) = wakil {
                            hasil.pesan = format!(
                                "Keluarga {} sudah diwakili {nama} di baris {n} berkas ini; satu keluarga satu penerima.",
                                c.nama
                            );
                        } else {
                            if let Some(kk) = c.keluarga_id.filter(|_| keluarga) {
                                kk_dilihat.insert(kk, (r.nomor, c.nama.clone()));
                            }
                            hasil.status = StatusBaris::Ok;
                            hasil.pesan = if c.kurang.is_empty() {
                                "Memenuhi aturan program; dapat ditambahkan.".into()
                            } else {
                                format!(
                                    "Tidak memenuhi aturan {} ({}); dapat ditambahkan dengan alasan: {}",
                                    g.kode,
                                    c.kurang.join(" "),
                                    c.alasan_abaikan
                                )
                            };
                            if r.nik_angka && b.nik.ends_with('0') {
                                hasil.pesan.push_str(" Periksa NIK: diketik sebagai angka di Excel, yang hanya menyimpan 15 digit; digit terakhir mungkin berubah menjadi 0.");
                            }
                            calon.push((lap.baris.len(), c));
                        }
                    }
                    Err(e) => hasil.pesan = pesan_galat(e)?,
                }
            }
            lap.baris.push(hasil);
        }
        lap.sah = calon.len();
        lap.galat = lap.total - lap.sah;
        if !terapkan || lap.galat > 0 {
            return Ok(lap);
        }
        let mut tx = self.s.db.begin().await?;
        let mut gagal = false;
        for (i, c) in &calon {
            match self.tulis_penerima(&mut tx, desa_id, &g, c, aktor).await {
                Ok(_) => lap.baris[*i].pesan = "Ditambahkan.".into(),
                Err(e) => {
                    // Registered by someone else since the check: nothing of the file is kept.
                    let r = &mut lap.baris[*i];
                    r.status = StatusBaris::Galat;
                    r.pesan = pesan_galat(e)?;
                    gagal = true;
                    break;
                }
            }
        }
        if gagal {
            match tx {
                Tx::Sqlite(t) => t.rollback().await?,
                Tx::Postgres(t) => t.rollback().await?,
            }
            for (i, _) in &calon {
                if lap.baris[*i].ok() {
                    lap.baris[*i].pesan = "Belum disimpan (impor dibatalkan).".into();
                }
            }
            lap.galat = lap.baris.iter().filter(|b| !b.ok()).count();
            lap.sah = lap.total - lap.galat;
            return Ok(lap);
        }
        catat(
            &mut tx,
            self.s.sekarang(),
            Catatan {
                desa_id,
                aktor,
                aksi: "impor_penerima",
                objek: "program_bantuan",
                objek_id: g.id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"program": g.kode, "tahun": g.tahun,
                    "berkas": nama_berkas, "penerima": lap.sah})),
            },
        )
        .await?;
        tx.commit().await?;
        lap.diterapkan = true;
        Ok(lap)
    }

    /// The programme's recipients (active, then stopped) in OpenSID's recipient workbook:
    /// sheets "Program" and "Peserta" as OpenSID's import expects, then "Status".
    pub async fn ekspor_penerima_xlsx(
        &self,
        desa_id: &str,
        program_id: Uuid,
    ) -> Result<Vec<u8>, Galat> {
        let (g, daftar) = self.data_ekspor(desa_id, program_id).await?;
        tulis_xlsx(&g, &daftar).map_err(galat_tulis)
    }

    /// The same as CSV (UTF-8 with BOM): OpenSID's columns, then status, reason and basis.
    pub async fn ekspor_penerima_csv(
        &self,
        desa_id: &str,
        program_id: Uuid,
    ) -> Result<Vec<u8>, Galat> {
        let (g, daftar) = self.data_ekspor(desa_id, program_id).await?;
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let judul = JUDUL_PESERTA_OPENSID
            .iter()
            .chain(&["Status", "Alasan Berhenti", "Dasar"])
            .copied();
        w.write_record(judul).map_err(galat_tulis)?;
        for r in &daftar {
            let mut sel = r.sel_opensid(g.sasaran()).to_vec();
            sel.extend([
                r.status().to_string(),
                r.alasan_berhenti.clone(),
                r.dasar.clone(),
            ]);
            w.write_record(sel.iter().map(|s| sel_csv(s).into_owned()))
                .map_err(galat_tulis)?;
        }
        w.into_inner().map_err(galat_tulis)
    }

    async fn data_ekspor(
        &self,
        desa_id: &str,
        program_id: Uuid,
    ) -> Result<(Program, Vec<BarisEkspor>), Galat> {
        let g = self
            .program(desa_id, program_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let daftar: Vec<BarisEkspor> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT p.nik, p.nama, p.tempat_lahir, p.tanggal_lahir, p.alamat_sekarang, k.no_kk, \
             r.nomor AS no_rtm, w.dusun, w.rw, w.rt, p.status_dasar, b.aktif, b.alasan_berhenti, b.dasar, b.dibuat_pada \
             FROM penerima_bantuan b JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
             LEFT JOIN keluarga k ON k.desa_id = b.desa_id AND k.id = coalesce(b.keluarga_id, p.keluarga_id) \
             LEFT JOIN rumah_tangga r ON r.desa_id = p.desa_id AND r.id = p.rumah_tangga_id \
             LEFT JOIN wilayah_rt w ON w.desa_id = p.desa_id AND w.id = p.rt_id \
             WHERE b.desa_id = $1 AND b.program_id = $2 ORDER BY b.aktif DESC, w.dusun, w.rw, w.rt, p.nama, p.nik")
            .bind(desa_id).bind(program_id).fetch_all(p).await)?;
        Ok((g, daftar))
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct BarisEkspor {
    nik: String,
    nama: String,
    tempat_lahir: String,
    tanggal_lahir: NaiveDate,
    alamat_sekarang: String,
    no_kk: Option<String>,
    no_rtm: Option<String>,
    dusun: Option<String>,
    rw: Option<String>,
    rt: Option<String>,
    status_dasar: i16,
    aktif: bool,
    alasan_berhenti: String,
    dasar: String,
    dibuat_pada: DateTime<Utc>,
}

impl BarisEkspor {
    /// OpenSID's "Peserta" columns. The first is the target's number: the NIK for a programme
    /// for persons, the family card for families, the household number for households. The
    /// card number (No. Peserta) is not kept by Balai and left empty, as OpenSID allows.
    fn sel_opensid(&self, sasaran: Sasaran) -> [String; 7] {
        let peserta = match sasaran {
            Sasaran::Penduduk => None,
            Sasaran::Keluarga => self.no_kk.clone(),
            Sasaran::RumahTangga => self.no_rtm.clone().or_else(|| self.no_kk.clone()),
        }
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| self.nik.clone());
        [
            peserta,
            String::new(),
            self.nik.clone(),
            self.nama.clone(),
            self.tempat_lahir.clone(),
            self.tanggal_lahir.format("%Y-%m-%d").to_string(),
            self.alamat(),
        ]
    }

    /// As OpenSID writes it: "RT 004 RW 002 Dusun Mangsit", after the street address if any.
    fn alamat(&self) -> String {
        let isi = |x: &Option<String>| {
            x.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "-")
                .map(str::to_string)
        };
        let mut v: Vec<String> = Vec::new();
        if !self.alamat_sekarang.trim().is_empty() {
            v.push(self.alamat_sekarang.trim().to_string());
        }
        if let Some(rt) = isi(&self.rt) {
            v.push(format!("RT {rt}"));
        }
        if let Some(rw) = isi(&self.rw) {
            v.push(format!("RW {rw}"));
        }
        if let Some(d) = isi(&self.dusun) {
            v.push(format!("Dusun {d}"));
        }
        v.join(" ")
    }

    fn status(&self) -> &'static str {
        if self.aktif { "Aktif" } else { "Berhenti" }
    }
}

fn galat_tulis(e: impl std::fmt::Display) -> Galat {
    tracing::warn!(galat = %e, "gagal menulis berkas ekspor penerima bantuan");
    Galat::Lain(
        "Berkas ekspor gagal dibuat; coba lagi, atau hubungi pengelola bila berulang.".into(),
    )
}

fn kode_sasaran_opensid(s: Sasaran) -> f64 {
    match s {
        Sasaran::Penduduk => 1.0,
        Sasaran::Keluarga => 2.0,
        Sasaran::RumahTangga => 3.0,
    }
}

fn tulis_xlsx(g: &Program, daftar: &[BarisEkspor]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let tebal = Format::new().set_bold().set_background_color(0xD9E2F3);

    // "Program": label and value per row, as OpenSID's template; the ID is OpenSID's own and
    // left empty (OpenSID then creates or matches the programme by its details).
    let ws = wb.add_worksheet();
    ws.set_name("Program")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 48)?;
    let baris_program: [(&str, String); 7] = [
        ("ID Program", String::new()),
        ("Nama Program", g.nama.clone()),
        ("Sasaran Program", String::new()),
        ("Keterangan", g.keterangan.clone()),
        ("Asal Dana", g.asal_dana.clone()),
        (
            "Rentang Waktu (Awal)",
            g.mulai.format("%Y-%m-%d").to_string(),
        ),
        (
            "Rentang Waktu (Akhir)",
            g.selesai.format("%Y-%m-%d").to_string(),
        ),
    ];
    for (i, (label, nilai)) in baris_program.iter().enumerate() {
        let i = i as u32;
        ws.write_string_with_format(i, 0, *label, &tebal)?;
        if *label == "Sasaran Program" {
            ws.write_number(i, 1, kode_sasaran_opensid(g.sasaran()))?;
        } else if !nilai.is_empty() {
            ws.write_string(i, 1, nilai)?;
        }
    }
    ws.write_string(7, 0, "###")?;
    ws.write_string(
        8,
        0,
        format!("Diekspor dari Balai: program {} tahun {}.", g.kode, g.tahun),
    )?;

    // "Peserta": OpenSID's seven columns, every cell as text (a NIK as a number loses digits).
    let ws = wb.add_worksheet();
    ws.set_name("Peserta")?;
    for (i, (j, lebar)) in JUDUL_PESERTA_OPENSID
        .iter()
        .zip([20.0, 12.0, 20.0, 28.0, 16.0, 14.0, 36.0])
        .enumerate()
    {
        ws.write_string_with_format(0, i as u16, *j, &tebal)?;
        ws.set_column_width(i as u16, lebar)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut n: u32 = 0;
    for r in daftar {
        n += 1;
        for (i, s) in r.sel_opensid(g.sasaran()).iter().enumerate() {
            if !s.is_empty() {
                ws.write_string(n, i as u16, s)?;
            }
        }
    }
    ws.write_string(n + 1, 0, "###")?;

    // "Status": what OpenSID's format has no column for.
    let ws = wb.add_worksheet();
    ws.set_name("Status")?;
    let judul = [
        ("NIK", 20.0),
        ("Nama", 28.0),
        ("Status Penerima", 16.0),
        ("Alasan Berhenti", 32.0),
        ("Status Penduduk", 16.0),
        ("Dasar Penetapan", 36.0),
        ("Dicatat", 12.0),
    ];
    for (i, (j, lebar)) in judul.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *j, &tebal)?;
        ws.set_column_width(i as u16, *lebar)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (n, r) in daftar.iter().enumerate() {
        let sel = [
            r.nik.clone(),
            r.nama.clone(),
            r.status().to_string(),
            r.alasan_berhenti.clone(),
            STATUS_DASAR
                .label(r.status_dasar)
                .unwrap_or("-")
                .to_string(),
            r.dasar.clone(),
            r.dibuat_pada.format("%d-%m-%Y").to_string(),
        ];
        for (i, s) in sel.iter().enumerate() {
            if !s.is_empty() {
                ws.write_string(n as u32 + 1, i as u16, s)?;
            }
        }
    }
    wb.save_to_buffer()
}

/// Fuzzing entry (`crate::fuzz`): the recipient file reader on any bytes.
pub(crate) fn acak(isi: &[u8]) {
    let _ = baca_penerima(isi);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impor::berkas::Penerima as _;

    fn baris(nomor: usize, sel: &[&str]) -> Baris {
        Baris {
            nomor,
            sel: sel.iter().map(|s| s.to_string()).collect(),
            angka: 0,
        }
    }

    #[test]
    fn judul_dikenali_dan_pagar_mengakhiri() {
        let mut p = Pengumpul::default();
        assert_eq!(p.lembar_baru("Program"), Lanjut::LembarBerikut);
        assert_eq!(p.lembar_baru("Peserta"), Lanjut::Terus);
        let judul = &JUDUL_PESERTA_OPENSID;
        assert_eq!(p.baris(baris(1, judul)).unwrap(), Lanjut::Terus);
        assert_eq!(
            p.baris(baris(2, &["x", "1", "3325080101800001", "ADI"]))
                .unwrap(),
            Lanjut::Terus
        );
        assert_eq!(p.baris(baris(3, &["###"])).unwrap(), Lanjut::Selesai);
        assert_eq!(p.baris.len(), 1);
        assert_eq!(p.baris[0].nik, "3325080101800001");
        assert_eq!(p.baris[0].nama, "ADI");
        assert_eq!(p.lembar_baru("Status"), Lanjut::Selesai);
    }

    #[test]
    fn kolom_csv_pilihan() {
        let k = kenali_judul(&[
            "Dasar Penetapan".into(),
            "NIK".into(),
            "Alasan abaikan aturan".into(),
        ])
        .unwrap();
        assert_eq!(
            (k.nik, k.dasar, k.alasan, k.nama),
            (1, Some(0), Some(2), None)
        );
        assert!(kenali_judul(&["nama".into(), "alamat".into()]).is_none());
    }
}
