//! For the kecamatan and kabupaten: when each village last wrote to the data behind each group
//! of books, so a monitor sees which villages keep their books current.

use crate::{Galat, Store, on_db};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// A village's last entry per group of books (A umum: letters, regulations, assets, staff;
/// B penduduk; C keuangan; D pembangunan).
#[derive(Debug, Clone, Serialize)]
pub struct Kemutakhiran {
    pub desa_id: String,
    pub nama: String,
    pub umum: Option<NaiveDate>,
    pub penduduk: Option<NaiveDate>,
    pub keuangan: Option<NaiveDate>,
    pub pembangunan: Option<NaiveDate>,
}

/// (group, table, timestamp column); the latest of a group's tables counts.
const SUMBER: &[(usize, &str, &str)] = &[
    (0, "surat", "diterbitkan_pada"),
    (0, "surat_masuk", "dicatat_pada"),
    (0, "ekspedisi", "dibuat_pada"),
    (0, "peraturan", "diubah_pada"),
    (0, "inventaris", "diubah_pada"),
    (0, "tanah_kas_desa", "diubah_pada"),
    (0, "tanah_desa", "diubah_pada"),
    (0, "jabatan", "diubah_pada"),
    (1, "peristiwa", "dicatat_pada"),
    (1, "penduduk_sementara", "diubah_pada"),
    (2, "kas", "dibuat_pada"),
    (3, "proyek", "diubah_pada"),
];

impl Store {
    pub async fn kemutakhiran_buku(&self, cakupan: &str) -> Result<Vec<Kemutakhiran>, Galat> {
        let pola = format!("{cakupan}%");
        let mut terakhir: HashMap<String, [Option<NaiveDate>; 4]> = HashMap::new();
        for (kelompok, tabel, kolom) in SUMBER {
            let sql = format!(
                "SELECT desa_id, MAX({kolom}) FROM {tabel} WHERE desa_id LIKE $1 GROUP BY desa_id"
            );
            let baris: Vec<(String, Option<DateTime<Utc>>)> = on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(&pola).fetch_all(p).await)?;
            for (desa, t) in baris {
                let sel = &mut terakhir.entry(desa).or_default()[*kelompok];
                *sel = (*sel).max(t.map(|t| t.date_naive()));
            }
        }
        Ok(self
            .daftar_desa(cakupan)
            .await?
            .into_iter()
            .map(|d| {
                let t = terakhir.get(&d.desa_id).copied().unwrap_or_default();
                Kemutakhiran {
                    desa_id: d.desa_id,
                    nama: d.nama,
                    umum: t[0],
                    penduduk: t[1],
                    keuangan: t[2],
                    pembangunan: t[3],
                }
            })
            .collect())
    }
}
