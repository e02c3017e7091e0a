//! Resident self-service: accounts and sessions, what a resident may see of the registry and of
//! letters, and data requests. Kiosks (`anjungan`), complaints (`pengaduan`) and the operator's
//! inbox (`kotak`) are modules of their own.

pub mod akun;
pub mod permintaan;

use crate::audit::EntriAudit;
use crate::penduduk::{HIDUP, Penduduk};
use crate::surat::Surat;
use crate::{Galat, Store, on_db};
use uuid::Uuid;

impl Store {
    /// The resident and the living members of their family (head first); only these may be seen
    /// or acted for from the portal.
    pub async fn keluarga_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Vec<Penduduk>, Galat> {
        let p = self
            .penduduk(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let Some(kk) = p.keluarga_id else {
            return Ok(vec![p]);
        };
        let mut semua: Vec<Penduduk> = self
            .anggota_keluarga(desa_id, kk)
            .await?
            .into_iter()
            .filter(|a| a.status_dasar == HIDUP)
            .collect();
        if !semua.iter().any(|a| a.id == p.id) {
            semua.insert(0, p);
        }
        Ok(semua)
    }

    /// Whether `lain` is the resident or a living member of their family.
    pub async fn sekeluarga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        lain: Uuid,
    ) -> Result<bool, Galat> {
        Ok(self
            .keluarga_warga(desa_id, penduduk_id)
            .await?
            .iter()
            .any(|a| a.id == lain))
    }

    /// Letters of the resident's family, newest first.
    pub async fn surat_warga(&self, desa_id: &str, penduduk_id: Uuid) -> Result<Vec<Surat>, Galat> {
        let mut semua = Vec::new();
        for a in self.keluarga_warga(desa_id, penduduk_id).await? {
            let s = crate::surat::SaringSurat {
                penduduk_id: Some(a.id),
                ..Default::default()
            };
            semua.extend(self.daftar_surat(desa_id, &s, None, 200).await?);
        }
        semua.sort_by_key(|s| std::cmp::Reverse(s.id));
        Ok(semua)
    }

    /// One letter, only if it belongs to the resident's family; otherwise "not found".
    pub async fn surat_milik_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        surat_id: Uuid,
    ) -> Result<Surat, Galat> {
        let s = self
            .surat(desa_id, surat_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if self.sekeluarga(desa_id, penduduk_id, s.penduduk_id).await? {
            Ok(s)
        } else {
            Err(Galat::TidakDitemukan)
        }
    }

    /// Who among staff and API clients opened or changed the resident's record or letters
    /// (the right of access of UU 27/2022), newest first.
    pub async fn akses_data_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        batas: i64,
    ) -> Result<Vec<EntriAudit>, Galat> {
        let mut ids = vec![penduduk_id.to_string()];
        let surat: Vec<Uuid> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT id FROM surat WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?;
        ids.extend(surat.iter().map(Uuid::to_string));
        // Complaints and data requests the resident filed are theirs too.
        let lain: Vec<Uuid> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT id FROM pengaduan WHERE desa_id = $1 AND penduduk_id = $2 \
             UNION ALL SELECT id FROM permintaan_data WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?;
        ids.extend(lain.iter().map(Uuid::to_string));
        let daftar: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT * FROM audit WHERE desa_id = $1 AND objek_id IN ({}) \
             AND (aktor LIKE 'pengguna:%' OR aktor LIKE 'api:%') ORDER BY urut DESC LIMIT {}",
            daftar.join(", "),
            batas.clamp(1, 500)
        );
        Ok(on_db!(&self.db, p => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
            for id in &ids {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?)
    }
}
