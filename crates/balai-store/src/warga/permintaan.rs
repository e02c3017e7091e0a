//! A resident's requests about their own data (UU 27/2022): correct a field, or delete optional
//! contact data. An operator decides; an accepted correction becomes a registry correction event.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

/// Fields a resident may ask to correct. "lainnya" is applied by hand by the operator.
pub const KOLOM_PERBAIKAN: &[(&str, &str)] = &[
    ("nama", "Nama lengkap"),
    ("tempat_lahir", "Tempat lahir"),
    ("tanggal_lahir", "Tanggal lahir"),
    ("alamat_sekarang", "Alamat"),
    ("telepon", "Nomor telepon"),
    ("email", "Alamat surel (e-mail)"),
    ("lainnya", "Data lain (jelaskan pada alasan)"),
];

/// Optional contact data the village does not need by law: these may be deleted on request.
pub const KOLOM_HAPUS: &[(&str, &str)] = &[
    ("telepon", "Nomor telepon"),
    ("email", "Alamat surel (e-mail)"),
];

pub fn label_kolom(kolom: &str) -> &'static str {
    KOLOM_PERBAIKAN
        .iter()
        .find(|(k, _)| *k == kolom)
        .map(|(_, l)| *l)
        .unwrap_or("")
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PermintaanData {
    pub id: Uuid,
    pub penduduk_id: Uuid,
    /// "perbaikan" or "hapus".
    pub jenis: String,
    pub kolom: String,
    pub nilai_baru: String,
    pub alasan: String,
    /// "diajukan", "diterima" or "ditolak".
    pub status: String,
    pub catatan: String,
    pub diputuskan_oleh: Option<String>,
    pub diputuskan_pada: Option<DateTime<Utc>>,
    pub dibuat_pada: DateTime<Utc>,
}

impl PermintaanData {
    pub fn label_kolom(&self) -> &'static str {
        label_kolom(&self.kolom)
    }
    pub fn label_jenis(&self) -> &'static str {
        if self.jenis == "hapus" {
            "Penghapusan data"
        } else {
            "Perbaikan data"
        }
    }
    pub fn label_status(&self) -> &'static str {
        match self.status.as_str() {
            "diterima" => "Diterima",
            "ditolak" => "Ditolak",
            _ => "Menunggu pemeriksaan",
        }
    }
}

const KOLOM: &str = "id, penduduk_id, jenis, kolom, nilai_baru, alasan, status, catatan, diputuskan_oleh, \
                     diputuskan_pada, dibuat_pada";

impl Store {
    /// Records a resident's request. A correction needs the new value and a reason; a deletion
    /// is only for optional contact data.
    pub async fn ajukan_permintaan_data(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        jenis: &str,
        kolom: &str,
        nilai_baru: &str,
        alasan: &str,
    ) -> Result<Uuid, Galat> {
        let nilai_baru = nilai_baru.trim();
        let alasan = alasan.trim();
        match jenis {
            "perbaikan" => {
                if !KOLOM_PERBAIKAN.iter().any(|(k, _)| *k == kolom) {
                    return Err(Galat::isian("kolom", "Pilih data yang ingin diperbaiki."));
                }
                if kolom != "lainnya" && nilai_baru.is_empty() {
                    return Err(Galat::isian("nilai_baru", "Tulis data yang benar."));
                }
                if kolom == "tanggal_lahir"
                    && balai_domain::penduduk::parse_tanggal(nilai_baru).is_none()
                {
                    return Err(Galat::isian(
                        "nilai_baru",
                        "Tanggal lahir ditulis hari-bulan-tahun, misalnya 17-08-1990.",
                    ));
                }
            }
            "hapus" => {
                if !KOLOM_HAPUS.iter().any(|(k, _)| *k == kolom) {
                    return Err(Galat::isian(
                        "kolom",
                        "Data kependudukan wajib disimpan desa menurut undang-undang; yang dapat dihapus atas permintaan hanya nomor telepon dan alamat surel.",
                    ));
                }
            }
            _ => return Err(Galat::isian("jenis", "Jenis permintaan tidak dikenal.")),
        }
        if alasan.chars().count() < 5 {
            return Err(Galat::isian(
                "alasan",
                "Tulis alasan singkat, misalnya \"nama salah ketik, sesuai KTP\".",
            ));
        }
        if alasan.chars().count() > 1000 || nilai_baru.chars().count() > 200 {
            return Err(Galat::isian(
                "alasan",
                "Isian terlalu panjang: alasan paling banyak 1000 karakter, data baru 200 karakter.",
            ));
        }
        let id = id_baru();
        let now = self.sekarang();
        let aktor = Aktor::warga(penduduk_id);
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO permintaan_data (desa_id, id, penduduk_id, jenis, kolom, nilai_baru, alasan, status, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'diajukan', $8)")
            .bind(desa_id).bind(id).bind(penduduk_id).bind(jenis).bind(kolom).bind(nilai_baru).bind(alasan).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor: &aktor,
                aksi: "ajukan",
                objek: "permintaan_data",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "jenis": jenis, "kolom": kolom })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn permintaan_data(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<PermintaanData>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM permintaan_data WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Requests newest first: of one resident, or (`None`) of the whole village with `status`.
    pub async fn daftar_permintaan_data(
        &self,
        desa_id: &str,
        penduduk_id: Option<Uuid>,
        status: &str,
    ) -> Result<Vec<PermintaanData>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM permintaan_data WHERE desa_id = $1 AND ($2 IS NULL OR penduduk_id = $2) \
             AND ($3 = '' OR status = $3) ORDER BY dibuat_pada DESC LIMIT 500"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).bind(status).fetch_all(p).await)?,
        )
    }

    /// Accepts or refuses a request. Accepting a correction of a listed field applies it to the
    /// registry (a correction event); "lainnya" is marked accepted for the operator to apply.
    pub async fn putuskan_permintaan_data(
        &self,
        desa_id: &str,
        id: Uuid,
        terima: bool,
        catatan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let r = self
            .permintaan_data(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if r.status != "diajukan" {
            return Err(Galat::Ditolak("Permintaan ini sudah diputuskan.".into()));
        }
        if !terima && catatan.trim().is_empty() {
            return Err(Galat::isian(
                "catatan",
                "Tulis alasan penolakan; alasan ini dibaca oleh pemohon.",
            ));
        }
        // Claim the request first, so two operators deciding at once cannot both apply it.
        let status = if terima { "diterima" } else { "ditolak" };
        let now = self.sekarang();
        let n = on_db!(&self.db, p => sqlx::query(
            "UPDATE permintaan_data SET status = $3, catatan = $4, diputuskan_oleh = $5, diputuskan_pada = $6 \
             WHERE desa_id = $1 AND id = $2 AND status = 'diajukan'")
            .bind(desa_id).bind(id).bind(status).bind(catatan.trim()).bind(&aktor.0).bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::Ditolak("Permintaan ini sudah diputuskan.".into()));
        }
        if terima
            && r.kolom != "lainnya"
            && let Err(e) = self.terapkan_permintaan(desa_id, &r, aktor).await
        {
            // Nothing was applied: the request waits again, with the reason for the operator.
            on_db!(&self.db, p => sqlx::query(
                "UPDATE permintaan_data SET status = 'diajukan', catatan = '', diputuskan_oleh = NULL, diputuskan_pada = NULL \
                 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).execute(p).await.map(|_| ()))?;
            return Err(e);
        }
        self.catat_audit(Catatan {
            desa_id,
            aktor,
            aksi: if terima { "terima" } else { "tolak" },
            objek: "permintaan_data",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(json!({ "kolom": r.kolom, "penduduk_id": r.penduduk_id })),
        })
        .await
    }

    /// Applies an accepted correction or deletion to the registry (a correction event).
    async fn terapkan_permintaan(
        &self,
        desa_id: &str,
        r: &PermintaanData,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let p = self
            .penduduk(desa_id, r.penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let mut d = p.data()?;
        let nilai = if r.jenis == "hapus" {
            String::new()
        } else {
            r.nilai_baru.clone()
        };
        match r.kolom.as_str() {
            "nama" => d.nama = nilai,
            "tempat_lahir" => d.tempat_lahir = nilai,
            "tanggal_lahir" => {
                d.tanggal_lahir = balai_domain::penduduk::parse_tanggal(&nilai)
                    .ok_or_else(|| Galat::isian("nilai_baru", "Tanggal lahir tidak sah."))?
            }
            "alamat_sekarang" => d.alamat_sekarang = nilai,
            "telepon" => d.telepon = nilai,
            "email" => d.email = nilai,
            _ => {}
        }
        self.ubah_penduduk(desa_id, p.id, p.versi, &d, aktor)
            .await?;
        Ok(())
    }
}
