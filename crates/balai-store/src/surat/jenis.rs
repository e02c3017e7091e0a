//! A village's letter types (a copy of the built-in ones it may edit) and its letter settings.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use balai_domain::surat::jenis::{JenisSurat, bawaan};
use balai_domain::surat::nomor::{FORMAT_BAWAAN, FormatNomor};
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// A letter type as a village uses it.
#[derive(Debug, Clone, Serialize)]
pub struct JenisDesa {
    pub jenis: JenisSurat,
    /// Number format for this type; empty means the village's format.
    pub format_nomor: String,
    pub aktif: bool,
    pub versi: i64,
}

/// How a village numbers and prints its letters.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PengaturanSurat {
    pub format_nomor: String,
    /// "jenis": one counter per letter type and year; "desa": one counter per village and year.
    pub lingkup_nomor: String,
    /// "A4" or "F4".
    pub kertas: String,
    /// The place printed before the date ("Batang, 23 November 2026").
    pub tempat: String,
    pub versi: i64,
}

#[derive(sqlx::FromRow)]
struct BarisJenis {
    definisi: String,
    format_nomor: String,
    aktif: bool,
    versi: i64,
}

impl BarisJenis {
    fn jadi(self) -> Result<JenisDesa, Galat> {
        let jenis = serde_json::from_str(&self.definisi)
            .map_err(|e| Galat::Lain(format!("definisi jenis surat rusak: {e}")))?;
        Ok(JenisDesa {
            jenis,
            format_nomor: self.format_nomor,
            aktif: self.aktif,
            versi: self.versi,
        })
    }
}

impl Store {
    /// Gives a village its own copy of the built-in letter types the first time it needs them.
    async fn pastikan_jenis_bawaan(&self, desa_id: &str) -> Result<(), Galat> {
        let ada: i64 = on_db!(&self.db, p => sqlx::query_scalar("SELECT count(*) FROM jenis_surat WHERE desa_id = $1")
            .bind(desa_id).fetch_one(p).await)?;
        if ada > 0 {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        pastikan_jenis_bawaan_tx(&mut tx, desa_id, self.sekarang()).await?;
        tx.commit().await
    }

    /// The village's letter types, in the order they are offered.
    pub async fn daftar_jenis_surat(&self, desa_id: &str) -> Result<Vec<JenisDesa>, Galat> {
        self.pastikan_jenis_bawaan(desa_id).await?;
        let baris: Vec<BarisJenis> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT definisi, format_nomor, aktif, versi FROM jenis_surat WHERE desa_id = $1 ORDER BY urutan, kode")
            .bind(desa_id).fetch_all(p).await)?;
        baris.into_iter().map(BarisJenis::jadi).collect()
    }

    /// The village's letter types, the ones it issued most in the last year first (the pickers
    /// at the counter, in the portal and on the kiosk); ties keep the village's own order.
    pub async fn daftar_jenis_surat_terpakai(
        &self,
        desa_id: &str,
    ) -> Result<Vec<JenisDesa>, Galat> {
        let mut semua = self.daftar_jenis_surat(desa_id).await?;
        let sejak = self.sekarang() - chrono::Duration::days(365);
        let jumlah: Vec<(String, i64)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT jenis_kode, count(*) FROM surat WHERE desa_id = $1 AND diajukan_pada >= $2 GROUP BY jenis_kode")
            .bind(desa_id).bind(sejak).fetch_all(p).await)?;
        let jumlah: std::collections::HashMap<String, i64> = jumlah.into_iter().collect();
        semua.sort_by_key(|j| std::cmp::Reverse(jumlah.get(&j.jenis.kode).copied().unwrap_or(0)));
        Ok(semua)
    }

    pub async fn jenis_surat(&self, desa_id: &str, kode: &str) -> Result<Option<JenisDesa>, Galat> {
        let ambil = || async {
            let baris: Option<BarisJenis> = on_db!(&self.db, p => sqlx::query_as(
                "SELECT definisi, format_nomor, aktif, versi FROM jenis_surat WHERE desa_id = $1 AND kode = $2")
                .bind(desa_id).bind(kode).fetch_optional(p).await)?;
            baris.map(BarisJenis::jadi).transpose()
        };
        // Seeding is only looked at when the type is missing: this runs on every request and
        // signature, and the village has its copy from the first time it opened the list.
        match ambil().await? {
            Some(j) => Ok(Some(j)),
            None => {
                self.pastikan_jenis_bawaan(desa_id).await?;
                ambil().await
            }
        }
    }

    /// Adds or changes a letter type. `versi` is the version the admin opened (`None` for a new
    /// type). The caller has already checked that the template renders.
    pub async fn simpan_jenis_surat(
        &self,
        desa_id: &str,
        jenis: &JenisSurat,
        format_nomor: &str,
        aktif: bool,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        jenis.periksa()?;
        if !format_nomor.trim().is_empty() {
            FormatNomor::baca(format_nomor).map_err(|e| Galat::isian("format_nomor", e))?;
        }
        self.pastikan_jenis_bawaan(desa_id).await?;
        let lama = self.jenis_surat(desa_id, &jenis.kode).await?;
        let definisi = serde_json::to_string(jenis).map_err(|e| Galat::Lain(e.to_string()))?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        match (&lama, versi) {
            (Some(_), Some(v)) => {
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE jenis_surat SET definisi = $3, format_nomor = $4, aktif = $5, versi = versi + 1, diubah_pada = $6 \
                     WHERE desa_id = $1 AND kode = $2 AND versi = $7")
                    .bind(desa_id).bind(&jenis.kode).bind(&definisi).bind(format_nomor.trim()).bind(aktif).bind(now).bind(v)
                    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
                if n == 0 {
                    return Err(Galat::Konflik(
                        "Jenis surat ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi perubahan."
                            .into(),
                    ));
                }
            }
            (Some(_), None) => {
                return Err(Galat::isian(
                    "kode",
                    "Kode ini sudah dipakai jenis surat lain. Pilih kode yang berbeda.",
                ));
            }
            (None, _) => {
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO jenis_surat (desa_id, kode, definisi, format_nomor, aktif, urutan, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(urutan), 0) + 1 FROM jenis_surat WHERE desa_id = $1), $6)")
                    .bind(desa_id).bind(&jenis.kode).bind(&definisi).bind(format_nomor.trim()).bind(aktif).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
            }
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "jenis_surat",
                objek_id: jenis.kode.clone(),
                sebelum: lama.map(|l| serde_json::json!(l.jenis)),
                sesudah: Some(serde_json::json!(jenis)),
            },
        )
        .await?;
        tx.commit().await
    }

    pub async fn pengaturan_surat(&self, desa_id: &str) -> Result<PengaturanSurat, Galat> {
        let ada: Option<(String, String, String, String, i64)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT format_nomor, lingkup_nomor, kertas, tempat, versi FROM surat_pengaturan WHERE desa_id = $1")
            .bind(desa_id).fetch_optional(p).await)?;
        Ok(match ada {
            Some((format_nomor, lingkup_nomor, kertas, tempat, versi)) => PengaturanSurat {
                format_nomor,
                lingkup_nomor,
                kertas,
                tempat,
                versi,
            },
            None => PengaturanSurat {
                format_nomor: FORMAT_BAWAAN.into(),
                lingkup_nomor: "jenis".into(),
                kertas: "F4".into(),
                tempat: String::new(),
                versi: 0,
            },
        })
    }

    /// Saves the letter settings; `p.versi` is the version that was shown (0 when never saved).
    pub async fn simpan_pengaturan_surat(
        &self,
        desa_id: &str,
        p: &PengaturanSurat,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let mut galat = balai_domain::DaftarGalat::default();
        if let Err(e) = FormatNomor::baca(&p.format_nomor) {
            galat.push("format_nomor", e);
        }
        if !matches!(p.lingkup_nomor.as_str(), "jenis" | "desa") {
            galat.push(
                "lingkup_nomor",
                "Pilih penomoran per jenis surat atau per desa.",
            );
        }
        if !matches!(p.kertas.as_str(), "A4" | "F4") {
            galat.push("kertas", "Pilih ukuran kertas A4 atau F4.");
        }
        if p.tempat.chars().count() > 60 {
            galat.push("tempat", "Tempat paling banyak 60 karakter.");
        }
        // Switching between one counter per village and per kind of number mid-year would
        // start a new counter at 1 and repeat numbers already issued this year.
        let lama = self.pengaturan_surat(desa_id).await?;
        if galat.untuk("lingkup_nomor").is_none() && lama.lingkup_nomor != p.lingkup_nomor {
            let awal_tahun = self
                .sekarang()
                .date_naive()
                .with_ordinal(1)
                .unwrap_or_default();
            let terbit: i64 = on_db!(&self.db, q => sqlx::query_scalar(
                "SELECT count(*) FROM surat WHERE desa_id = $1 AND nomor IS NOT NULL AND tanggal >= $2")
                .bind(desa_id).bind(awal_tahun).fetch_one(q).await)?;
            if terbit > 0 {
                galat.push(
                    "lingkup_nomor",
                    "Cara penomoran hanya dapat diubah sebelum ada surat terbit pada tahun ini; ubah pada awal tahun depan.",
                );
            }
        }
        galat.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => if p.versi == 0 {
            sqlx::query("INSERT INTO surat_pengaturan (desa_id, format_nomor, lingkup_nomor, kertas, tempat, diubah_pada) \
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
                .bind(desa_id).bind(p.format_nomor.trim()).bind(&p.lingkup_nomor).bind(&p.kertas).bind(p.tempat.trim()).bind(now)
                .execute(&mut *c).await.map(|r| r.rows_affected())
        } else {
            sqlx::query("UPDATE surat_pengaturan SET format_nomor = $2, lingkup_nomor = $3, kertas = $4, tempat = $5, \
                         versi = versi + 1, diubah_pada = $6 WHERE desa_id = $1 AND versi = $7")
                .bind(desa_id).bind(p.format_nomor.trim()).bind(&p.lingkup_nomor).bind(&p.kertas).bind(p.tempat.trim()).bind(now).bind(p.versi)
                .execute(&mut *c).await.map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(Galat::Konflik(
                "Pengaturan surat sudah diubah orang lain. Muat ulang halaman lalu ulangi.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "pengaturan_surat",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!(p)),
            },
        )
        .await?;
        tx.commit().await
    }
}

/// Seeds the built-in letter types of a village that has none, inside a transaction.
pub(crate) async fn pastikan_jenis_bawaan_tx(
    tx: &mut crate::Tx,
    desa_id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Galat> {
    let ada: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT count(*) FROM jenis_surat WHERE desa_id = $1")
        .bind(desa_id).fetch_one(&mut *c).await?);
    if ada > 0 {
        return Ok(());
    }
    for (i, j) in bawaan().iter().enumerate() {
        let definisi = serde_json::to_string(j).map_err(|e| Galat::Lain(e.to_string()))?;
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO jenis_surat (desa_id, kode, definisi, urutan, diubah_pada) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
            .bind(desa_id).bind(&j.kode).bind(&definisi).bind(i as i64).bind(now).execute(&mut *c).await?.rows_affected());
    }
    Ok(())
}
