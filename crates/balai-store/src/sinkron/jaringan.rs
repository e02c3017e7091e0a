//! The district's view of its network of villages, and the agencies' changes feed.

use super::Sinkron;
use crate::{Aktor, Galat, audit, on_db};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One village in the district overview.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DesaJaringan {
    pub desa_id: String,
    pub nama: String,
    /// Last successful exchange with a village node; none for a village served directly.
    pub terakhir_sinkron: Option<DateTime<Utc>>,
    pub selisih_jam_detik: Option<i64>,
    /// A sync credential is active (the village runs its own node).
    pub simpul: bool,
    pub penduduk: i64,
    pub surat_selesai: i64,
    pub warga_terdaftar: i64,
    pub konflik_terbuka: i64,
}

impl DesaJaringan {
    /// A node that has not synced for seven days (or never) needs a visit or a call.
    pub fn perlu_bantuan(&self, sekarang: DateTime<Utc>) -> bool {
        self.simpul
            && self
                .terakhir_sinkron
                .is_none_or(|t| sekarang - t > chrono::Duration::days(7))
    }
}

/// One entry of the agencies' feed.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct UmpanPerubahan {
    /// The cursor: pass the last one seen as `sejak` to continue.
    pub nomor: i64,
    pub desa_id: String,
    pub tabel: String,
    pub operasi: String,
    pub kunci: String,
    pub baris: Option<String>,
    pub waktu: DateTime<Utc>,
}

/// Tables an agency may read from the feed (registry, letters, events); money, accounts and
/// site content stay with their own endpoints.
pub const TABEL_UMPAN: &[&str] = &[
    "wilayah_rt",
    "keluarga",
    "rumah_tangga",
    "penduduk",
    "peristiwa",
    "surat",
];

impl Sinkron<'_> {
    /// Villages whose code starts with `awalan` (a kecamatan or kabupaten code; empty: all).
    pub async fn ringkasan_jaringan(&self, awalan: &str) -> Result<Vec<DesaJaringan>, Galat> {
        let pola = format!("{awalan}%");
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT d.desa_id, d.nama, s.terakhir_sinkron, s.selisih_jam_detik, \
             EXISTS (SELECT 1 FROM sinkron_token t WHERE t.desa_id = d.desa_id AND t.dicabut_pada IS NULL) AS simpul, \
             (SELECT COUNT(*) FROM penduduk p WHERE p.desa_id = d.desa_id AND p.status_dasar = 1) AS penduduk, \
             (SELECT COUNT(*) FROM surat x WHERE x.desa_id = d.desa_id AND x.status IN ('diterbitkan', 'diserahkan')) AS surat_selesai, \
             (SELECT COUNT(*) FROM warga_akun w WHERE w.desa_id = d.desa_id) AS warga_terdaftar, \
             (SELECT COUNT(*) FROM sinkron_konflik k WHERE k.desa_id = d.desa_id AND k.diselesaikan_pada IS NULL) AS konflik_terbuka \
             FROM desa d LEFT JOIN sinkron_desa s ON s.desa_id = d.desa_id \
             WHERE d.desa_id LIKE $1 ORDER BY d.desa_id")
            .bind(pola).fetch_all(p).await)?)
    }

    /// Changes after cursor `sejak` in villages under any of `awalan` (sealed first).
    pub async fn umpan_perubahan(
        &self,
        awalan: &[String],
        sejak: i64,
        batas: i64,
    ) -> Result<Vec<UmpanPerubahan>, Galat> {
        self.segel().await?;
        if awalan.is_empty() {
            return Ok(Vec::new());
        }
        let saring: Vec<String> = (0..awalan.len())
            .map(|i| format!("desa_id LIKE ${}", i + 3))
            .collect();
        let tabel: Vec<String> = TABEL_UMPAN.iter().map(|t| format!("'{t}'")).collect();
        let sql = format!(
            "SELECT umpan AS nomor, desa_id, tabel, operasi, kunci, baris, waktu FROM perubahan \
             WHERE umpan > $1 AND tabel IN ({}) AND ({}) ORDER BY umpan LIMIT $2",
            tabel.join(","),
            saring.join(" OR ")
        );
        Ok(on_db!(&self.s.db, p => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(sejak).bind(batas);
            for a in awalan { q = q.bind(format!("{a}%")); }
            q.fetch_all(p).await
        })?)
    }

    /// Records an agency's read of the feed, once per village in the page (UU 27/2022).
    pub async fn catat_baca_umpan(
        &self,
        aktor: &Aktor,
        data: &[UmpanPerubahan],
    ) -> Result<(), Galat> {
        let mut desa: Vec<&str> = data.iter().map(|e| e.desa_id.as_str()).collect();
        desa.sort_unstable();
        desa.dedup();
        for d in desa {
            let nomor: Vec<i64> = data
                .iter()
                .filter(|e| e.desa_id == d)
                .map(|e| e.nomor)
                .collect();
            self.s
                .catat_audit(audit::Catatan {
                    desa_id: d,
                    aktor,
                    aksi: "api.baca_perubahan",
                    objek: "perubahan",
                    objek_id: format!("{}-{}", nomor[0], nomor[nomor.len() - 1]),
                    sebelum: None,
                    sesudah: Some(serde_json::json!({ "jumlah": nomor.len() })),
                })
                .await?;
        }
        Ok(())
    }
}
