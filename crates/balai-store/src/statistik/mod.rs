//! Population statistics: counts by sex, age band, education, occupation, religion, marital
//! status, region unit and status dasar, for one village or every village under a region code.
//!
//! Everything is counted by the database (`GROUP BY`); only the groups travel to Rust, so the
//! cost does not depend on loading residents. Ages are turned into birth-date boundaries
//! computed in Rust (`tanggal_lahir > $n`), which is the same SQL on both backends and can use
//! the `penduduk_lahir` index.

pub mod publik;
mod svg;

pub use svg::{svg_batang, svg_piramida};

use crate::{Galat, Store, on_db};
use balai_domain::KodeList;
use balai_domain::daftar;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Which statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JenisStatistik {
    JenisKelamin,
    /// Five-year age bands (0–4 … 75+), split by sex: the population pyramid.
    Umur,
    /// Education as written on the family card (`pendidikan_kk_id`).
    Pendidikan,
    PendidikanSedang,
    Pekerjaan,
    Agama,
    StatusKawin,
    /// Relationship to the head of family (SHDK).
    HubunganKeluarga,
    Warganegara,
    GolonganDarah,
    Disabilitas,
    Asuransi,
    /// Per village, for district-level users.
    Desa,
    Dusun,
    Rw,
    Rt,
    /// Living, dead, moved, missing …: the only statistic that counts everyone.
    StatusDasar,
    /// Issued NIK or still waiting for Dukcapil (a temporary NIK).
    StatusNik,
}

impl JenisStatistik {
    /// Every statistic, in menu order.
    pub const SEMUA: &'static [JenisStatistik] = &[
        JenisStatistik::JenisKelamin,
        JenisStatistik::Umur,
        JenisStatistik::Pendidikan,
        JenisStatistik::PendidikanSedang,
        JenisStatistik::Pekerjaan,
        JenisStatistik::Agama,
        JenisStatistik::StatusKawin,
        JenisStatistik::HubunganKeluarga,
        JenisStatistik::Warganegara,
        JenisStatistik::GolonganDarah,
        JenisStatistik::Disabilitas,
        JenisStatistik::Asuransi,
        JenisStatistik::Desa,
        JenisStatistik::Dusun,
        JenisStatistik::Rw,
        JenisStatistik::Rt,
        JenisStatistik::StatusDasar,
        JenisStatistik::StatusNik,
    ];

    /// Stable code for URLs and the API (same as the serde form).
    pub fn kode(self) -> &'static str {
        match self {
            JenisStatistik::JenisKelamin => "jenis-kelamin",
            JenisStatistik::Umur => "umur",
            JenisStatistik::Pendidikan => "pendidikan",
            JenisStatistik::PendidikanSedang => "pendidikan-sedang",
            JenisStatistik::Pekerjaan => "pekerjaan",
            JenisStatistik::Agama => "agama",
            JenisStatistik::StatusKawin => "status-kawin",
            JenisStatistik::HubunganKeluarga => "hubungan-keluarga",
            JenisStatistik::Warganegara => "warganegara",
            JenisStatistik::GolonganDarah => "golongan-darah",
            JenisStatistik::Disabilitas => "disabilitas",
            JenisStatistik::Asuransi => "asuransi",
            JenisStatistik::Desa => "desa",
            JenisStatistik::Dusun => "dusun",
            JenisStatistik::Rw => "rw",
            JenisStatistik::Rt => "rt",
            JenisStatistik::StatusDasar => "status-dasar",
            JenisStatistik::StatusNik => "status-nik",
        }
    }

    pub fn dari_kode(s: &str) -> Option<JenisStatistik> {
        Self::SEMUA.iter().copied().find(|j| j.kode() == s)
    }

    /// Title of the statistic, as shown to users.
    pub fn label(self) -> &'static str {
        match self {
            JenisStatistik::JenisKelamin => "Jenis Kelamin",
            JenisStatistik::Umur => "Kelompok Umur",
            JenisStatistik::Pendidikan => "Pendidikan dalam KK",
            JenisStatistik::PendidikanSedang => "Pendidikan Sedang Ditempuh",
            JenisStatistik::Pekerjaan => "Pekerjaan",
            JenisStatistik::Agama => "Agama",
            JenisStatistik::StatusKawin => "Status Perkawinan",
            JenisStatistik::HubunganKeluarga => "Hubungan dalam Keluarga",
            JenisStatistik::Warganegara => "Kewarganegaraan",
            JenisStatistik::GolonganDarah => "Golongan Darah",
            JenisStatistik::Disabilitas => "Disabilitas",
            JenisStatistik::Asuransi => "Asuransi Kesehatan",
            JenisStatistik::Desa => "Desa/Kelurahan",
            JenisStatistik::Dusun => "Dusun",
            JenisStatistik::Rw => "RW",
            JenisStatistik::Rt => "RT",
            JenisStatistik::StatusDasar => "Status Dasar",
            JenisStatistik::StatusNik => "Status NIK",
        }
    }

    /// The column and code list behind a code-list statistic.
    fn kode_list(self) -> Option<(&'static str, &'static KodeList)> {
        Some(match self {
            JenisStatistik::JenisKelamin => ("jenis_kelamin", &daftar::JENIS_KELAMIN),
            JenisStatistik::Pendidikan => ("pendidikan_kk_id", &daftar::PENDIDIKAN_KK),
            JenisStatistik::PendidikanSedang => {
                ("pendidikan_sedang_id", &daftar::PENDIDIKAN_SEDANG)
            }
            JenisStatistik::Pekerjaan => ("pekerjaan_id", &daftar::PEKERJAAN),
            JenisStatistik::Agama => ("agama_id", &daftar::AGAMA),
            JenisStatistik::StatusKawin => ("status_kawin_id", &daftar::STATUS_KAWIN),
            JenisStatistik::HubunganKeluarga => ("shdk_id", &daftar::SHDK),
            JenisStatistik::Warganegara => ("warganegara_id", &daftar::WARGANEGARA),
            JenisStatistik::GolonganDarah => ("golongan_darah_id", &daftar::GOLONGAN_DARAH),
            JenisStatistik::Disabilitas => ("cacat_id", &daftar::CACAT),
            JenisStatistik::Asuransi => ("asuransi_id", &daftar::ASURANSI),
            JenisStatistik::StatusDasar => ("status_dasar", &daftar::STATUS_DASAR),
            _ => return None,
        })
    }
}

/// One row of a statistic table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BarisStatistik {
    /// The code (`"5"` for a code list, the band start for age, `"desa/dusun/rw/rt"` for region
    /// units, `""` for "not filled in"). Opaque: for links and filters, not for display.
    pub kode: String,
    pub label: String,
    pub laki: i64,
    pub perempuan: i64,
    /// Everyone in the row (equal to `laki + perempuan` unless the sex code is unusual).
    pub jumlah: i64,
}

impl BarisStatistik {
    fn baru(kode: impl Into<String>, label: impl Into<String>) -> Self {
        BarisStatistik {
            kode: kode.into(),
            label: label.into(),
            ..Default::default()
        }
    }

    fn tambah(&mut self, jenis_kelamin: i64, n: i64) {
        match jenis_kelamin {
            1 => self.laki += n,
            2 => self.perempuan += n,
            _ => {}
        }
        self.jumlah += n;
    }

    /// Share of `dari` in percent (0 when `dari` is 0).
    pub fn persen(&self, dari: i64) -> f64 {
        if dari == 0 {
            0.0
        } else {
            self.jumlah as f64 * 100.0 / dari as f64
        }
    }
}

/// A complete statistic table with its total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistik {
    pub jenis: JenisStatistik,
    /// "Jumlah Penduduk Menurut Kelompok Umur".
    pub judul: String,
    /// The village code or region prefix counted ("" = every village).
    pub cakupan: String,
    /// The date ages are computed at.
    pub tanggal: NaiveDate,
    pub baris: Vec<BarisStatistik>,
    pub total: BarisStatistik,
}

/// Label of rows whose optional code is empty.
pub const LABEL_KOSONG: &str = "BELUM MENGISI";
/// Label of the total row.
pub const LABEL_JUMLAH: &str = "JUMLAH";

/// Lists of at most this many codes are shown in full, with zero rows.
const LENGKAP_SAMPAI: usize = 20;

/// Start of each age band in years; the last band is open ("75+").
pub const KELOMPOK_UMUR: [u32; 16] = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75];

/// Label of an age band by its index in [`KELOMPOK_UMUR`].
pub fn label_kelompok_umur(i: usize) -> String {
    match (KELOMPOK_UMUR.get(i), KELOMPOK_UMUR.get(i + 1)) {
        (Some(a), Some(b)) => format!("{a}–{} tahun", b - 1),
        (Some(a), None) => format!("{a} tahun ke atas"),
        _ => String::new(),
    }
}

/// The latest birth date of someone who is at least `umur` years old on `hari_ini`.
/// Someone born on 29 February becomes a year older on 1 March in other years, as in
/// `balai_domain::penduduk::umur`.
pub fn batas_lahir(hari_ini: NaiveDate, umur: u32) -> NaiveDate {
    hari_ini
        .checked_sub_months(Months::new(umur * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// The WHERE part that limits a query to the scope, on column `kolom`, with parameters from $1.
struct Lingkup {
    sql: String,
    param: Vec<String>,
    satu_desa: bool,
}

/// Normalises a scope: a village code or region prefix, dots allowed; "" means every village.
fn lingkup(cakupan: &str, kolom: &str) -> Result<Lingkup, Galat> {
    let kode: String = cakupan.trim().chars().filter(|c| *c != '.').collect();
    if kode.len() > 10 || !kode.chars().all(|c| c.is_ascii_digit()) {
        return Err(Galat::isian(
            "cakupan",
            format!(
                "Cakupan statistik harus kode wilayah Kemendagri (contoh 33.25 atau 33.25.08.2004), tertulis \"{}\".",
                cakupan.trim()
            ),
        ));
    }
    if kode.len() == 10 {
        return Ok(Lingkup {
            sql: format!("{kolom} = $1"),
            param: vec![kode],
            satu_desa: true,
        });
    }
    if kode.is_empty() {
        return Ok(Lingkup {
            sql: "1 = 1".into(),
            param: Vec::new(),
            satu_desa: false,
        });
    }
    // A range on the code uses the primary-key index on both backends whatever the collation;
    // the LIKE keeps the meaning exact even under an unusual collation.
    let pola = format!("{kode}%");
    Ok(match awalan_berikut(&kode) {
        Some(akhir) => Lingkup {
            sql: format!("{kolom} >= $1 AND {kolom} < $2 AND {kolom} LIKE $3"),
            param: vec![kode, akhir, pola],
            satu_desa: false,
        },
        None => Lingkup {
            sql: format!("{kolom} >= $1 AND {kolom} LIKE $2"),
            param: vec![kode, pola],
            satu_desa: false,
        },
    })
}

/// The smallest digit string of the same length above `kode` ("3325" → "3326", "3399" → "3400");
/// `None` when every digit is 9.
fn awalan_berikut(kode: &str) -> Option<String> {
    let mut b = kode.as_bytes().to_vec();
    for i in (0..b.len()).rev() {
        if b[i] < b'9' {
            b[i] += 1;
            return String::from_utf8(b).ok();
        }
        b[i] = b'0';
    }
    None
}

fn judul(jenis: JenisStatistik) -> String {
    format!("Jumlah Penduduk Menurut {}", jenis.label())
}

impl Store {
    /// Counts residents of a village (`cakupan` = its 10-digit code) or of every village under a
    /// region prefix (`"3325"`, `"332508"`, `""` for all), grouped as `jenis` says. Only living
    /// residents are counted, except for [`JenisStatistik::StatusDasar`]. Ages are as of `hari_ini`.
    pub async fn statistik_penduduk(
        &self,
        cakupan: &str,
        jenis: JenisStatistik,
        hari_ini: NaiveDate,
    ) -> Result<Statistik, Galat> {
        let l = lingkup(cakupan, "p.desa_id")?;
        let hidup = if jenis == JenisStatistik::StatusDasar {
            String::new()
        } else {
            format!(" AND p.status_dasar = {}", crate::penduduk::HIDUP)
        };
        let baris = match jenis {
            JenisStatistik::Umur => self.stat_umur(&l, &hidup, hari_ini).await?,
            JenisStatistik::StatusNik => self.stat_nik(&l, &hidup).await?,
            JenisStatistik::Desa => self.stat_desa(cakupan, &l, &hidup).await?,
            JenisStatistik::Dusun | JenisStatistik::Rw | JenisStatistik::Rt => {
                self.stat_wilayah(cakupan, jenis, &l, &hidup).await?
            }
            _ => {
                let (kolom, list) = jenis
                    .kode_list()
                    .ok_or_else(|| Galat::Lain("statistik tanpa daftar kode".into()))?;
                self.stat_kode(kolom, list, &l, &hidup).await?
            }
        };
        let mut total = BarisStatistik::baru("", LABEL_JUMLAH);
        for b in &baris {
            total.laki += b.laki;
            total.perempuan += b.perempuan;
            total.jumlah += b.jumlah;
        }
        Ok(Statistik {
            jenis,
            judul: judul(jenis),
            cakupan: l.param.first().cloned().unwrap_or_default(),
            tanggal: hari_ini,
            baris,
            total,
        })
    }

    /// Runs a grouping query whose last two columns are the sex code and the count.
    async fn hitung<K>(
        &self,
        sql: String,
        param: &[String],
        tanggal: &[NaiveDate],
    ) -> Result<Vec<(K, i64, i64)>, Galat>
    where
        K: Send + Unpin,
        for<'r> (K, i64, i64):
            sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        Ok(on_db!(&self.db, p => {
            // Not kept as a prepared statement: PostgreSQL then plans each run for its actual
            // scope (a whole district takes a parallel scan, one village an index).
            let mut q = sqlx::query_as::<_, (K, i64, i64)>(sqlx::AssertSqlSafe(sql)).persistent(false);
            for v in param { q = q.bind(v); }
            for t in tanggal { q = q.bind(*t); }
            q.fetch_all(p).await
        })?)
    }

    async fn stat_kode(
        &self,
        kolom: &str,
        list: &'static KodeList,
        l: &Lingkup,
        hidup: &str,
    ) -> Result<Vec<BarisStatistik>, Galat> {
        let sql = format!(
            "SELECT CAST(p.{kolom} AS BIGINT), CAST(p.jenis_kelamin AS BIGINT), COUNT(*) FROM penduduk p \
             WHERE {}{hidup} GROUP BY p.{kolom}, p.jenis_kelamin",
            l.sql
        );
        let hasil: Vec<(Option<i64>, i64, i64)> = self.hitung(sql, &l.param, &[]).await?;
        let lengkap = list.isi.len() <= LENGKAP_SAMPAI;
        let mut per_kode: BTreeMap<Option<i64>, BarisStatistik> = BTreeMap::new();
        for (k, jk, n) in hasil {
            per_kode
                .entry(k)
                .or_insert_with(|| match k {
                    None => BarisStatistik::baru("", LABEL_KOSONG),
                    Some(k) => BarisStatistik::baru(k.to_string(), label_kode(list, k)),
                })
                .tambah(jk, n);
        }
        let mut baris = Vec::new();
        for (k, label) in list.isi {
            match per_kode.remove(&Some(i64::from(*k))) {
                Some(b) => baris.push(b),
                None if lengkap => baris.push(BarisStatistik::baru(k.to_string(), *label)),
                None => {}
            }
        }
        // Codes outside the list (old data), then "not filled in".
        let kosong = per_kode.remove(&None);
        baris.extend(per_kode.into_values());
        baris.extend(kosong);
        Ok(baris)
    }

    /// Residents with an issued NIK and those still waiting (temporary NIK, see `Nik::sementara`).
    async fn stat_nik(&self, l: &Lingkup, hidup: &str) -> Result<Vec<BarisStatistik>, Galat> {
        let sql = format!(
            "SELECT CAST(CASE WHEN p.nik LIKE '0%' THEN 1 ELSE 0 END AS BIGINT), CAST(p.jenis_kelamin AS BIGINT), COUNT(*) \
             FROM penduduk p WHERE {}{hidup} GROUP BY 1, 2",
            l.sql
        );
        let hasil: Vec<(i64, i64, i64)> = self.hitung(sql, &l.param, &[]).await?;
        let mut baris = [
            BarisStatistik::baru("terbit", "NIK SUDAH TERBIT"),
            BarisStatistik::baru("menunggu", "NIK MENUNGGU (SEMENTARA)"),
        ];
        for (menunggu, jk, n) in hasil {
            baris[usize::from(menunggu == 1)].tambah(jk, n);
        }
        Ok(baris.to_vec())
    }

    async fn stat_umur(
        &self,
        l: &Lingkup,
        hidup: &str,
        hari_ini: NaiveDate,
    ) -> Result<Vec<BarisStatistik>, Galat> {
        let n = l.param.len();
        let mut kasus = String::from("CASE");
        let mut batas = Vec::new();
        for (i, awal) in KELOMPOK_UMUR.iter().enumerate().skip(1) {
            batas.push(batas_lahir(hari_ini, *awal));
            kasus.push_str(&format!(
                " WHEN p.tanggal_lahir > ${} THEN {}",
                n + batas.len(),
                i - 1
            ));
        }
        kasus.push_str(&format!(" ELSE {} END", KELOMPOK_UMUR.len() - 1));
        let sql = format!(
            "SELECT CAST({kasus} AS BIGINT), CAST(p.jenis_kelamin AS BIGINT), COUNT(*) FROM penduduk p \
             WHERE {}{hidup} GROUP BY 1, 2",
            l.sql
        );
        let hasil: Vec<(i64, i64, i64)> = self.hitung(sql, &l.param, &batas).await?;
        let mut baris: Vec<BarisStatistik> = KELOMPOK_UMUR
            .iter()
            .enumerate()
            .map(|(i, a)| BarisStatistik::baru(a.to_string(), label_kelompok_umur(i)))
            .collect();
        for (k, jk, n) in hasil {
            if let Some(b) = usize::try_from(k).ok().and_then(|k| baris.get_mut(k)) {
                b.tambah(jk, n);
            }
        }
        Ok(baris)
    }

    /// Village names in scope, in code order.
    async fn nama_desa(&self, cakupan: &str) -> Result<Vec<(String, String)>, Galat> {
        let l = lingkup(cakupan, "desa_id")?;
        let sql = format!(
            "SELECT desa_id, nama FROM desa WHERE {} ORDER BY desa_id",
            l.sql
        );
        Ok(on_db!(&self.db, p => {
            let mut q = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
            for v in &l.param { q = q.bind(v); }
            q.fetch_all(p).await
        })?)
    }

    async fn stat_desa(
        &self,
        cakupan: &str,
        l: &Lingkup,
        hidup: &str,
    ) -> Result<Vec<BarisStatistik>, Galat> {
        let sql = format!(
            "SELECT p.desa_id, CAST(p.jenis_kelamin AS BIGINT), COUNT(*) FROM penduduk p \
             WHERE {}{hidup} GROUP BY p.desa_id, p.jenis_kelamin",
            l.sql
        );
        let hasil: Vec<(String, i64, i64)> = self.hitung(sql, &l.param, &[]).await?;
        let mut per_desa: BTreeMap<String, BarisStatistik> = self
            .nama_desa(cakupan)
            .await?
            .into_iter()
            .map(|(id, nama)| (id.clone(), BarisStatistik::baru(id, nama)))
            .collect();
        for (id, jk, n) in hasil {
            per_desa
                .entry(id.clone())
                .or_insert_with(|| BarisStatistik::baru(id.clone(), id))
                .tambah(jk, n);
        }
        Ok(per_desa.into_values().collect())
    }

    async fn stat_wilayah(
        &self,
        cakupan: &str,
        jenis: JenisStatistik,
        l: &Lingkup,
        hidup: &str,
    ) -> Result<Vec<BarisStatistik>, Galat> {
        // Count per RT id, then fold RTs into RW or dusun in Rust: there are few RTs, and no
        // join over the residents is needed. Ids are UUIDv7, unique across villages.
        let sql = format!(
            "SELECT p.rt_id, CAST(p.jenis_kelamin AS BIGINT), COUNT(*) FROM penduduk p \
             WHERE {}{hidup} GROUP BY p.rt_id, p.jenis_kelamin",
            l.sql
        );
        let hasil: Vec<(Uuid, i64, i64)> = self.hitung(sql, &l.param, &[]).await?;
        let lr = lingkup(cakupan, "desa_id")?;
        let sql_rt = format!(
            "SELECT desa_id, id, dusun, rw, rt FROM wilayah_rt WHERE {}",
            lr.sql
        );
        let rt: Vec<(String, Uuid, String, String, String)> = on_db!(&self.db, p => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql_rt));
            for v in &lr.param { q = q.bind(v); }
            q.fetch_all(p).await
        })?;
        let nama_desa: HashMap<String, String> = if l.satu_desa {
            HashMap::new()
        } else {
            self.nama_desa(cakupan).await?.into_iter().collect()
        };
        // Key in display order: village, dusun, RW, RT.
        type Kunci = (String, String, String, String);
        let kunci = |desa: &str, dusun: &str, rw: &str, rt: &str| -> Kunci {
            match jenis {
                JenisStatistik::Dusun => (desa.into(), dusun.into(), String::new(), String::new()),
                JenisStatistik::Rw => (desa.into(), dusun.into(), rw.into(), String::new()),
                _ => (desa.into(), dusun.into(), rw.into(), rt.into()),
            }
        };
        let mut per: BTreeMap<Kunci, BarisStatistik> = BTreeMap::new();
        let mut rt_ke: HashMap<Uuid, Kunci> = HashMap::new();
        for (desa, id, dusun, rw, nomor) in &rt {
            let k = kunci(desa, dusun, rw, nomor);
            rt_ke.insert(*id, k.clone());
            per.entry(k).or_insert_with_key(|k| {
                let mut bagian = Vec::new();
                let mut kode = Vec::new();
                if !l.satu_desa {
                    bagian.push(nama_desa.get(&k.0).cloned().unwrap_or_else(|| k.0.clone()));
                    kode.push(k.0.clone());
                }
                bagian.push(k.1.clone());
                kode.push(k.1.clone());
                if jenis != JenisStatistik::Dusun {
                    bagian.push(format!("RW {}", k.2));
                    kode.push(k.2.clone());
                }
                if jenis == JenisStatistik::Rt {
                    bagian.push(format!("RT {}", k.3));
                    kode.push(k.3.clone());
                }
                BarisStatistik::baru(kode.join("/"), bagian.join(", "))
            });
        }
        for (rt_id, jk, n) in hasil {
            // Every resident's RT exists (foreign key), so the lookup always succeeds.
            if let Some(b) = rt_ke.get(&rt_id).and_then(|k| per.get_mut(k)) {
                b.tambah(jk, n);
            }
        }
        Ok(per.into_values().collect())
    }
}

fn label_kode(list: &KodeList, k: i64) -> String {
    i16::try_from(k)
        .ok()
        .and_then(|k| list.label(k))
        .map(str::to_string)
        .unwrap_or_else(|| format!("KODE {k} (TIDAK DIKENAL)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kode_sama_dengan_serde() {
        for j in JenisStatistik::SEMUA {
            let s = serde_json::to_value(j).unwrap();
            assert_eq!(s.as_str(), Some(j.kode()));
            assert_eq!(JenisStatistik::dari_kode(j.kode()), Some(*j));
        }
        assert_eq!(JenisStatistik::dari_kode("tidak-ada"), None);
    }

    #[test]
    fn batas_lahir_sesuai_umur_domain() {
        use balai_domain::penduduk::umur;
        let mulai = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap();
        let lahir_awal = NaiveDate::from_ymd_opt(1996, 1, 1).unwrap();
        for h in 0..800 {
            let hari = mulai + chrono::Duration::days(h);
            for a in [1u32, 5, 17, 28] {
                let b = batas_lahir(hari, a);
                // Around the boundary, "born on or before b" must mean "at least a years old".
                for d in -3..=3 {
                    let lahir = b + chrono::Duration::days(d);
                    if lahir < lahir_awal {
                        continue;
                    }
                    assert_eq!(
                        lahir <= b,
                        umur(lahir, hari) >= a as i32,
                        "hari {hari}, umur {a}, lahir {lahir}"
                    );
                }
            }
        }
    }

    #[test]
    fn awalan_berikut_dengan_simpanan() {
        assert_eq!(awalan_berikut("3325").as_deref(), Some("3326"));
        assert_eq!(awalan_berikut("3399").as_deref(), Some("3400"));
        assert_eq!(awalan_berikut("99"), None);
    }

    #[test]
    fn cakupan_tidak_sah_ditolak() {
        assert!(lingkup("33' OR 1=1", "p.desa_id").is_err());
        assert!(lingkup("33.25.08.2004.1", "p.desa_id").is_err());
        assert!(lingkup("33.25.08.2004", "p.desa_id").unwrap().satu_desa);
    }
}
