//! The outgoing-letter book (buku agenda surat keluar) and letter service reports.

use super::{KOLOM_SURAT, Surat};
use crate::{Galat, Store, on_db};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Letters per type and month, processing times and work per staff member, for one year.
#[derive(Debug, Clone, Serialize)]
pub struct LaporanSurat {
    pub tahun: i32,
    /// Issued letters (cancelled ones included: they were issued).
    pub jumlah_terbit: i64,
    pub jumlah_ditolak: i64,
    pub jumlah_dibatalkan: i64,
    /// Per type: letters issued in each month (index 0 = January).
    pub per_jenis: Vec<BarisJenis>,
    /// Minutes from request to signature over all issued letters.
    pub waktu_rata_menit: Option<f64>,
    pub waktu_p90_menit: Option<f64>,
    pub per_petugas: Vec<BarisPetugas>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarisJenis {
    pub jenis_kode: String,
    pub jenis_nama: String,
    pub per_bulan: [i64; 12],
    pub jumlah: i64,
    pub waktu_rata_menit: f64,
    pub waktu_p90_menit: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarisPetugas {
    /// As in the audit log: "pengguna:siti", "api:…".
    pub aktor: String,
    /// Requests recorded at the counter.
    pub diajukan: i64,
    /// Letters signed.
    pub ditandatangani: i64,
}

#[derive(sqlx::FromRow)]
struct Baris {
    jenis_kode: String,
    jenis_nama: String,
    status: String,
    diajukan_oleh: String,
    diajukan_pada: DateTime<Utc>,
    diterbitkan_oleh: Option<String>,
    diterbitkan_pada: Option<DateTime<Utc>>,
    tanggal: Option<NaiveDate>,
}

/// Nearest-rank percentile of sorted values.
fn persentil(urut: &[f64], p: usize) -> f64 {
    if urut.is_empty() {
        return 0.0;
    }
    urut[(urut.len() * p).div_ceil(100).max(1) - 1]
}

fn rata(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

impl Store {
    /// Issued letters of a period in the order they were issued, for the agenda book.
    pub async fn agenda_surat_keluar(
        &self,
        desa_id: &str,
        dari: NaiveDate,
        sampai: NaiveDate,
        q: &str,
        jenis_kode: &str,
    ) -> Result<Vec<Surat>, Galat> {
        let q = q.trim();
        let (pola_nomor, pola_nama) = if q.is_empty() {
            (String::new(), String::new())
        } else {
            let p = format!("%{}%", crate::penduduk::pola_like(&q.to_uppercase()));
            (p.clone(), p)
        };
        let sql = format!(
            "SELECT {KOLOM_SURAT} FROM surat WHERE desa_id = $1 AND status IN ('diterbitkan', 'diserahkan', 'dibatalkan') \
             AND tanggal >= $2 AND tanggal <= $3 AND ($4 = '' OR jenis_kode = $4) \
             AND ($5 = '' OR upper(nomor) LIKE $5 ESCAPE '\\' OR nama_pemohon LIKE $6 ESCAPE '\\') \
             ORDER BY tanggal, diterbitkan_pada, id LIMIT 20000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(dari).bind(sampai).bind(jenis_kode).bind(&pola_nomor).bind(&pola_nama)
            .fetch_all(p).await)?,
        )
    }

    pub async fn laporan_surat(&self, desa_id: &str, tahun: i32) -> Result<LaporanSurat, Galat> {
        let dari = NaiveDate::from_ymd_opt(tahun, 1, 1).ok_or(Galat::TidakDitemukan)?;
        let sampai = NaiveDate::from_ymd_opt(tahun, 12, 31).ok_or(Galat::TidakDitemukan)?;
        // Requests of the year (by request date) and letters issued in it.
        let awal = dari.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        let akhir = sampai.and_hms_opt(23, 59, 59).map(|d| d.and_utc());
        let baris: Vec<Baris> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT jenis_kode, jenis_nama, status, diajukan_oleh, diajukan_pada, diterbitkan_oleh, diterbitkan_pada, tanggal \
             FROM surat WHERE desa_id = $1 AND ((tanggal >= $2 AND tanggal <= $3) OR (diajukan_pada >= $4 AND diajukan_pada <= $5))")
            .bind(desa_id).bind(dari).bind(sampai).bind(awal).bind(akhir).fetch_all(p).await)?;
        let mut per_jenis: BTreeMap<String, (String, [i64; 12], Vec<f64>)> = BTreeMap::new();
        let mut petugas: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let mut semua_waktu = Vec::new();
        let (mut terbit, mut ditolak, mut batal) = (0, 0, 0);
        for b in &baris {
            if b.diajukan_pada >= awal.unwrap_or_default()
                && b.diajukan_pada <= akhir.unwrap_or_default()
            {
                petugas.entry(b.diajukan_oleh.clone()).or_default().0 += 1;
                if b.status == "ditolak" {
                    ditolak += 1;
                }
            }
            let (Some(t), Some(pada)) = (b.tanggal, b.diterbitkan_pada) else {
                continue;
            };
            if t < dari || t > sampai {
                continue;
            }
            terbit += 1;
            if b.status == "dibatalkan" {
                batal += 1;
            }
            if let Some(o) = &b.diterbitkan_oleh {
                petugas.entry(o.clone()).or_default().1 += 1;
            }
            let menit = (pada - b.diajukan_pada).num_seconds().max(0) as f64 / 60.0;
            semua_waktu.push(menit);
            let e = per_jenis
                .entry(b.jenis_kode.clone())
                .or_insert_with(|| (b.jenis_nama.clone(), [0; 12], Vec::new()));
            e.1[chrono::Datelike::month0(&t) as usize] += 1;
            e.2.push(menit);
        }
        semua_waktu.sort_by(f64::total_cmp);
        let mut per_jenis: Vec<BarisJenis> = per_jenis
            .into_iter()
            .map(|(kode, (nama, bulan, mut w))| {
                w.sort_by(f64::total_cmp);
                BarisJenis {
                    jenis_kode: kode,
                    jenis_nama: nama,
                    jumlah: bulan.iter().sum(),
                    per_bulan: bulan,
                    waktu_rata_menit: rata(&w),
                    waktu_p90_menit: persentil(&w, 90),
                }
            })
            .collect();
        per_jenis.sort_by(|a, b| {
            b.jumlah
                .cmp(&a.jumlah)
                .then(a.jenis_nama.cmp(&b.jenis_nama))
        });
        Ok(LaporanSurat {
            tahun,
            jumlah_terbit: terbit,
            jumlah_ditolak: ditolak,
            jumlah_dibatalkan: batal,
            per_jenis,
            waktu_rata_menit: (!semua_waktu.is_empty()).then(|| rata(&semua_waktu)),
            waktu_p90_menit: (!semua_waktu.is_empty()).then(|| persentil(&semua_waktu, 90)),
            per_petugas: petugas
                .into_iter()
                .map(|(aktor, (diajukan, ditandatangani))| BarisPetugas {
                    aktor,
                    diajukan,
                    ditandatangani,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn persentil_peringkat_terdekat() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(super::persentil(&v, 90), 9.0);
        assert_eq!(super::persentil(&v, 50), 5.0);
        assert_eq!(super::persentil(&[], 90), 0.0);
        assert_eq!(super::rata(&v), 5.5);
    }
}
