//! The kecamatan's or kabupaten's view of child nutrition: for a month, each village's and
//! each posyandu's children measured and how many are stunted, wasted or underweight (each
//! child's last measurement of the month), in one query over all villages under a region.

use super::Kesehatan;
use crate::{Galat, on_db};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

/// One posyandu of one village in a month.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct GiziPosyandu {
    pub desa_id: String,
    pub nama_desa: String,
    pub posyandu_id: Uuid,
    pub nama_posyandu: String,
    pub ditimbang: i64,
    pub pendek: i64,
    pub kurus: i64,
    pub bb_kurang: i64,
}

impl Kesehatan<'_> {
    /// Every posyandu with measurements in `bulan`'s month, of the villages whose code starts
    /// with `awalan`, ordered by village and posyandu.
    pub async fn gizi_wilayah(
        &self,
        awalan: &str,
        bulan: NaiveDate,
    ) -> Result<Vec<GiziPosyandu>, Galat> {
        let awal = bulan.with_day(1).unwrap_or(bulan);
        let akhir = awal
            .checked_add_months(Months::new(1))
            .and_then(|t| t.pred_opt())
            .unwrap_or(awal);
        let pola = format!("{awalan}%");
        // Each child's last measurement of the month (a window over the month's rows, read from
        // the covering date index), counted per posyandu; names joined to the few result rows.
        // Not a prepared statement: PostgreSQL plans it for the real region and month each time
        // (a generic plan cannot see what the LIKE prefix selects).
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT g.desa_id, d.nama AS nama_desa, g.posyandu_id, y.nama AS nama_posyandu, \
             g.ditimbang, g.pendek, g.kurus, g.bb_kurang FROM ( \
               SELECT desa_id, posyandu_id, COUNT(*) AS ditimbang, \
               SUM(CASE WHEN z_tbu < -2 THEN 1 ELSE 0 END) AS pendek, \
               SUM(CASE WHEN z_bbtb < -2 THEN 1 ELSE 0 END) AS kurus, \
               SUM(CASE WHEN z_bbu < -2 THEN 1 ELSE 0 END) AS bb_kurang \
               FROM (SELECT desa_id, posyandu_id, z_tbu, z_bbtb, z_bbu, \
                     ROW_NUMBER() OVER (PARTITION BY desa_id, penduduk_id ORDER BY tanggal DESC) AS urut \
                     FROM penimbangan WHERE desa_id LIKE $1 AND tanggal >= $2 AND tanggal <= $3) t \
               WHERE urut = 1 GROUP BY desa_id, posyandu_id) g \
             JOIN desa d ON d.desa_id = g.desa_id \
             JOIN posyandu y ON y.desa_id = g.desa_id AND y.id = g.posyandu_id \
             ORDER BY g.desa_id, y.nama")
            .persistent(false).bind(&pola).bind(awal).bind(akhir).fetch_all(p).await)?)
    }
}
