//! Reports: the realisation of the budget (laporan realisasi APBDes) for semester I or the
//! whole year, in the layout of Permendagri 20/2018 — revenue by kelompok and jenis, spending
//! by bidang, sub-bidang and kegiatan, financing, surplus and SiLPA — and the district's
//! side-by-side view of its villages.

use super::apbdes::{Jumlah, VersiApbdes, urutan};
use crate::{Galat, Store, on_db};
use balai_domain::keuangan::{SUMBER_DANA, kegiatan, rekening};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct BarisRealisasi {
    pub kunci: Uuid,
    pub kode_kegiatan: String,
    pub kode_rekening: String,
    pub uraian: String,
    pub sumber_dana: String,
    pub anggaran: i64,
    pub realisasi: i64,
}

/// A budget in force and what was received and paid on it up to a date.
#[derive(Debug, Clone, Serialize)]
pub struct Realisasi {
    pub versi: VersiApbdes,
    pub sampai: NaiveDate,
    pub baris: Vec<BarisRealisasi>,
}

/// One row of the report: a heading level or a total.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BarisLaporan {
    pub kode: String,
    pub uraian: String,
    pub anggaran: i64,
    pub realisasi: i64,
    /// 0 = akun/total, 1 = kelompok/bidang, 2 = jenis/sub-bidang, 3 = kegiatan.
    pub tingkat: u8,
}

impl BarisLaporan {
    pub fn selisih(&self) -> i64 {
        self.realisasi - self.anggaran
    }
}

/// A group total: (code, name, budget, realisation).
pub type Kelompok = (String, String, i64, i64);

/// Semester I (to 30 June) or the whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Periode {
    Semester1,
    Tahun,
}

impl Periode {
    pub fn dari_kode(s: &str) -> Periode {
        if s == "semester1" {
            Periode::Semester1
        } else {
            Periode::Tahun
        }
    }
    pub fn kode(self) -> &'static str {
        match self {
            Periode::Semester1 => "semester1",
            Periode::Tahun => "tahun",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Periode::Semester1 => "Semester I",
            Periode::Tahun => "Tahun Anggaran",
        }
    }
    pub fn sampai(self, tahun: i64) -> NaiveDate {
        let (b, h) = match self {
            Periode::Semester1 => (6, 30),
            Periode::Tahun => (12, 31),
        };
        NaiveDate::from_ymd_opt(tahun as i32, b, h).unwrap_or_default()
    }
}

fn nama_kode(kode: &str, belanja: bool) -> String {
    let k = if belanja {
        kegiatan(kode)
    } else {
        rekening(kode)
    };
    k.map(|k| k.uraian).unwrap_or_else(|| kode.to_string())
}

fn tambah(
    peta: &mut BTreeMap<Vec<u32>, BarisLaporan>,
    kode: &str,
    belanja: bool,
    tingkat: u8,
    a: i64,
    r: i64,
) {
    let e = peta.entry(urutan(kode)).or_insert_with(|| BarisLaporan {
        kode: kode.to_string(),
        uraian: nama_kode(kode, belanja),
        anggaran: 0,
        realisasi: 0,
        tingkat,
    });
    e.anggaran += a;
    e.realisasi += r;
}

/// The first `n` dot-separated parts of a code.
fn awal(kode: &str, n: usize) -> String {
    kode.split('.').take(n).collect::<Vec<_>>().join(".")
}

fn total(kode: &str, uraian: &str, a: i64, r: i64) -> BarisLaporan {
    BarisLaporan {
        kode: kode.into(),
        uraian: uraian.into(),
        anggaran: a,
        realisasi: r,
        tingkat: 0,
    }
}

impl Realisasi {
    pub fn anggaran(&self) -> Jumlah {
        Jumlah::dari(
            self.baris
                .iter()
                .map(|b| (b.kode_rekening.as_str(), b.anggaran)),
        )
    }
    pub fn realisasi(&self) -> Jumlah {
        Jumlah::dari(
            self.baris
                .iter()
                .map(|b| (b.kode_rekening.as_str(), b.realisasi)),
        )
    }

    fn kelompokkan(
        &self,
        saring: impl Fn(&BarisRealisasi) -> bool,
        kunci: impl Fn(&BarisRealisasi) -> (String, String),
    ) -> Vec<Kelompok> {
        let mut peta: BTreeMap<Vec<u32>, Kelompok> = BTreeMap::new();
        let mut lain: BTreeMap<String, Kelompok> = BTreeMap::new();
        for b in self.baris.iter().filter(|b| saring(b)) {
            let (k, n) = kunci(b);
            let u = urutan(&k);
            let e = if u.is_empty() {
                lain.entry(k.clone()).or_insert_with(|| (k, n, 0, 0))
            } else {
                peta.entry(u).or_insert_with(|| (k, n, 0, 0))
            };
            e.2 += b.anggaran;
            e.3 += b.realisasi;
        }
        peta.into_values().chain(lain.into_values()).collect()
    }

    /// Spending by bidang.
    pub fn per_bidang(&self) -> Vec<Kelompok> {
        self.kelompokkan(
            |b| b.kode_rekening.starts_with("5."),
            |b| {
                let k = awal(&b.kode_kegiatan, 1);
                let n = nama_kode(&k, true);
                (k, n)
            },
        )
    }

    /// Revenue by jenis (4.2.1 Dana Desa …).
    pub fn pendapatan_per_jenis(&self) -> Vec<Kelompok> {
        self.kelompokkan(
            |b| b.kode_rekening.starts_with("4."),
            |b| {
                let k = awal(&b.kode_rekening, 3);
                let n = nama_kode(&k, false);
                (k, n)
            },
        )
    }

    /// Financing by jenis.
    pub fn pembiayaan_per_jenis(&self) -> Vec<Kelompok> {
        self.kelompokkan(
            |b| b.kode_rekening.starts_with("6."),
            |b| {
                let k = awal(&b.kode_rekening, 3);
                let n = nama_kode(&k, false);
                (k, n)
            },
        )
    }

    /// Spending by source of funds.
    pub fn per_sumber(&self) -> Vec<Kelompok> {
        let mut v = self.kelompokkan(
            |b| b.kode_rekening.starts_with("5."),
            |b| {
                (
                    b.sumber_dana.clone(),
                    balai_domain::keuangan::label_sumber(&b.sumber_dana).to_string(),
                )
            },
        );
        v.sort_by_key(|(k, ..)| SUMBER_DANA.iter().position(|(s, _)| s == k).unwrap_or(99));
        v
    }

    /// Activities with the largest budgets.
    pub fn kegiatan_terbesar(&self, n: usize) -> Vec<Kelompok> {
        let mut v = self.kelompokkan(
            |b| b.kode_rekening.starts_with("5."),
            |b| (b.kode_kegiatan.clone(), nama_kode(&b.kode_kegiatan, true)),
        );
        v.sort_by_key(|k| std::cmp::Reverse(k.2));
        v.truncate(n);
        v
    }

    /// The report in the official layout.
    pub fn laporan(&self) -> Vec<BarisLaporan> {
        let a = self.anggaran();
        let r = self.realisasi();
        let mut out = Vec::new();
        let mut pendapatan = BTreeMap::new();
        let mut belanja = BTreeMap::new();
        let mut pembiayaan = BTreeMap::new();
        for b in &self.baris {
            let (an, re) = (b.anggaran, b.realisasi);
            if b.kode_rekening.starts_with("4.") {
                tambah(
                    &mut pendapatan,
                    &awal(&b.kode_rekening, 2),
                    false,
                    1,
                    an,
                    re,
                );
                tambah(
                    &mut pendapatan,
                    &awal(&b.kode_rekening, 3),
                    false,
                    2,
                    an,
                    re,
                );
            } else if b.kode_rekening.starts_with("5.") {
                tambah(&mut belanja, &awal(&b.kode_kegiatan, 1), true, 1, an, re);
                tambah(&mut belanja, &awal(&b.kode_kegiatan, 2), true, 2, an, re);
                tambah(&mut belanja, &b.kode_kegiatan, true, 3, an, re);
            } else {
                tambah(
                    &mut pembiayaan,
                    &awal(&b.kode_rekening, 2),
                    false,
                    1,
                    an,
                    re,
                );
                tambah(
                    &mut pembiayaan,
                    &awal(&b.kode_rekening, 3),
                    false,
                    2,
                    an,
                    re,
                );
            }
        }
        out.push(total("4", "PENDAPATAN", a.pendapatan, r.pendapatan));
        out.extend(pendapatan.into_values());
        out.push(total("", "JUMLAH PENDAPATAN", a.pendapatan, r.pendapatan));
        out.push(total("5", "BELANJA", a.belanja, r.belanja));
        out.extend(belanja.into_values());
        out.push(total("", "JUMLAH BELANJA", a.belanja, r.belanja));
        out.push(total("", "SURPLUS/(DEFISIT)", a.surplus(), r.surplus()));
        out.push(total(
            "6",
            "PEMBIAYAAN",
            a.pembiayaan_neto(),
            r.pembiayaan_neto(),
        ));
        out.extend(pembiayaan.into_values());
        out.push(total(
            "",
            "PEMBIAYAAN NETO",
            a.pembiayaan_neto(),
            r.pembiayaan_neto(),
        ));
        out.push(total(
            "",
            "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN",
            a.sisa(),
            r.sisa(),
        ));
        out
    }
}

/// One village's figures in the district comparison.
#[derive(Debug, Clone, Serialize)]
pub struct RingkasDesa {
    pub desa_id: String,
    pub nama: String,
    pub status: Option<String>,
    pub nomor_perdes: String,
    pub pendapatan: i64,
    pub belanja: i64,
    pub realisasi_pendapatan: i64,
    pub realisasi_belanja: i64,
    /// Spending from Dana Desa: budget and paid.
    pub dana_desa: i64,
    pub realisasi_dana_desa: i64,
    pub realisasi_semester1: i64,
    pub transaksi_terakhir: Option<NaiveDate>,
    pub ditutup: bool,
}

impl RingkasDesa {
    /// Dana desa paid as a share of its budget, in tenths of a percent.
    pub fn serapan_dd(&self) -> f64 {
        balai_domain::keuangan::persen(self.realisasi_dana_desa, self.dana_desa)
    }
    pub fn persen_belanja(&self) -> f64 {
        balai_domain::keuangan::persen(self.realisasi_belanja, self.belanja)
    }
    /// What the village is late with on `hari_ini` (empty when nothing).
    pub fn terlambat(&self, tahun: i64, hari_ini: NaiveDate) -> Vec<&'static str> {
        let mut v = Vec::new();
        let tgl = |b, h| NaiveDate::from_ymd_opt(tahun as i32, b, h).unwrap_or_default();
        if self.status.is_none() && hari_ini > tgl(1, 31) {
            v.push("APBDes belum ditetapkan");
        }
        if self.status.is_some() && self.realisasi_semester1 == 0 && hari_ini > tgl(7, 31) {
            v.push("Belum ada realisasi semester I");
        }
        if !self.ditutup && hari_ini.year() as i64 > tahun && hari_ini.month() > 3 {
            v.push("Tahun anggaran belum ditutup");
        }
        v
    }
}

impl Store {
    /// The budget in force for `tahun` with receipts and payments up to `sampai`, or up to today
    /// (in the village's time zone) while that day has not come: a report says its real cut-off.
    pub async fn realisasi(
        &self,
        desa_id: &str,
        tahun: i64,
        sampai: NaiveDate,
    ) -> Result<Option<Realisasi>, Galat> {
        let Some(versi) = self.apbdes_berlaku(desa_id, tahun).await? else {
            return Ok(None);
        };
        let zona = crate::desa::zona_dari_kode(
            &self
                .desa(desa_id)
                .await?
                .map(|d| d.zona_waktu)
                .unwrap_or_default(),
        );
        let sampai = sampai.min(self.hari_ini(zona));
        let baris = self.baris_anggaran(desa_id, versi.id).await?;
        let nyata: Vec<(Uuid, i64)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT baris_kunci, CAST(SUM(masuk + keluar) AS BIGINT) FROM kas WHERE desa_id = $1 AND tahun = $2 AND tanggal <= $3 \
             AND jenis IN ('terima', 'bayar') AND baris_kunci IS NOT NULL GROUP BY baris_kunci")
            .bind(desa_id).bind(tahun).bind(sampai).fetch_all(p).await)?;
        let nyata: HashMap<Uuid, i64> = nyata.into_iter().collect();
        Ok(Some(Realisasi {
            sampai,
            baris: baris
                .into_iter()
                .map(|b| BarisRealisasi {
                    realisasi: nyata.get(&b.kunci).copied().unwrap_or(0),
                    kunci: b.kunci,
                    kode_kegiatan: b.kode_kegiatan,
                    kode_rekening: b.kode_rekening,
                    uraian: b.uraian,
                    sumber_dana: b.sumber_dana,
                    anggaran: b.jumlah,
                })
                .collect(),
            versi,
        }))
    }

    /// Every village under `awalan` (a region code prefix) side by side for one year.
    pub async fn perbandingan_keuangan(
        &self,
        awalan: &str,
        tahun: i64,
    ) -> Result<Vec<RingkasDesa>, Galat> {
        let pola = format!("{awalan}%");
        let desa = self.daftar_desa(awalan).await?;
        type Anggaran = (String, String, String, i64, i64, i64);
        let anggaran: Vec<Anggaran> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT a.desa_id, a.status, a.nomor_perdes, \
             COALESCE(CAST(SUM(CASE WHEN b.kode_rekening LIKE '4.%' THEN b.jumlah ELSE 0 END) AS BIGINT), 0), \
             COALESCE(CAST(SUM(CASE WHEN b.kode_rekening LIKE '5.%' THEN b.jumlah ELSE 0 END) AS BIGINT), 0), \
             COALESCE(CAST(SUM(CASE WHEN b.kode_rekening LIKE '5.%' AND b.sumber_dana = 'DDS' THEN b.jumlah ELSE 0 END) AS BIGINT), 0) \
             FROM apbdes a LEFT JOIN apbdes_baris b ON b.desa_id = a.desa_id AND b.apbdes_id = a.id \
             WHERE a.desa_id LIKE $1 AND a.tahun = $2 AND a.status = 'ditetapkan' GROUP BY a.desa_id, a.status, a.nomor_perdes")
            .bind(&pola).bind(tahun).fetch_all(p).await)?;
        type Nyata = (String, i64, i64, i64, i64, Option<NaiveDate>);
        let semester = Periode::Semester1.sampai(tahun);
        let nyata: Vec<Nyata> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT desa_id, \
             COALESCE(CAST(SUM(CASE WHEN jenis = 'terima' AND kode_rekening LIKE '4.%' THEN masuk ELSE 0 END) AS BIGINT), 0), \
             COALESCE(CAST(SUM(CASE WHEN jenis = 'bayar' AND kode_rekening LIKE '5.%' THEN keluar ELSE 0 END) AS BIGINT), 0), \
             COALESCE(CAST(SUM(CASE WHEN jenis = 'bayar' AND kode_rekening LIKE '5.%' AND sumber_dana = 'DDS' THEN keluar ELSE 0 END) AS BIGINT), 0), \
             COALESCE(CAST(SUM(CASE WHEN jenis = 'bayar' AND kode_rekening LIKE '5.%' AND tanggal <= $3 THEN keluar ELSE 0 END) AS BIGINT), 0), \
             MAX(tanggal) FROM kas WHERE desa_id LIKE $1 AND tahun = $2 GROUP BY desa_id")
            .bind(&pola).bind(tahun).bind(semester).fetch_all(p).await)?;
        let tutup: Vec<String> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT desa_id FROM tahun_buku WHERE desa_id LIKE $1 AND tahun = $2 AND ditutup_pada IS NOT NULL")
            .bind(&pola).bind(tahun).fetch_all(p).await)?;
        let mut a: HashMap<String, Anggaran> =
            anggaran.into_iter().map(|r| (r.0.clone(), r)).collect();
        let mut n: HashMap<String, Nyata> = nyata.into_iter().map(|r| (r.0.clone(), r)).collect();
        Ok(desa
            .into_iter()
            .map(|d| {
                let an = a.remove(&d.desa_id);
                let ny = n.remove(&d.desa_id);
                RingkasDesa {
                    status: an.as_ref().map(|x| x.1.clone()),
                    nomor_perdes: an.as_ref().map(|x| x.2.clone()).unwrap_or_default(),
                    pendapatan: an.as_ref().map(|x| x.3).unwrap_or(0),
                    belanja: an.as_ref().map(|x| x.4).unwrap_or(0),
                    dana_desa: an.as_ref().map(|x| x.5).unwrap_or(0),
                    realisasi_pendapatan: ny.as_ref().map(|x| x.1).unwrap_or(0),
                    realisasi_belanja: ny.as_ref().map(|x| x.2).unwrap_or(0),
                    realisasi_dana_desa: ny.as_ref().map(|x| x.3).unwrap_or(0),
                    realisasi_semester1: ny.as_ref().map(|x| x.4).unwrap_or(0),
                    transaksi_terakhir: ny.and_then(|x| x.5),
                    ditutup: tutup.contains(&d.desa_id),
                    desa_id: d.desa_id,
                    nama: d.nama,
                }
            })
            .collect())
    }
}
