//! Development projects and the budget summary (APBDes) that the village publishes. The codes
//! follow Permendagri 20/2018 (`balai-domain/data`): revenue and financing by account type
//! (jenis), spending by field (bidang). Totals and the surplus/deficit are computed, never typed.
//! Money is whole rupiah.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
pub use balai_domain::situs::pembangunan::{
    BELANJA, PEMBIAYAAN, PENDAPATAN, ProyekBaru, daftar_kode,
};
use balai_domain::situs::pembangunan::{periksa_baris_ringkas, periksa_proyek};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

/// Sources of funds (`sumber_dana.csv`): one list, kept with the finance reference data.
pub use balai_domain::keuangan::{SUMBER_DANA, label_sumber};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BarisApbdes {
    pub tahun: i64,
    pub kelompok: String,
    pub kode: String,
    pub uraian: String,
    pub anggaran: i64,
    pub realisasi: i64,
}

impl BarisApbdes {
    /// Realisation in percent of the budget, one decimal.
    pub fn persen(&self) -> f64 {
        persen(self.realisasi, self.anggaran)
    }
}

pub use balai_domain::keuangan::persen;

/// A year's budget with its computed totals.
#[derive(Debug, Clone, Serialize)]
pub struct Apbdes {
    pub tahun: i64,
    /// From the village's finance books (established APBDes and its realisation); otherwise
    /// the summary an operator typed for a year not kept in Balai. One source per year.
    pub dari_buku: bool,
    pub baris: Vec<BarisApbdes>,
    pub pendapatan: (i64, i64),
    pub belanja: (i64, i64),
    pub penerimaan_pembiayaan: (i64, i64),
    pub pengeluaran_pembiayaan: (i64, i64),
}

impl Apbdes {
    /// Revenue less spending (budget, realisation).
    pub fn surplus(&self) -> (i64, i64) {
        (
            self.pendapatan.0 - self.belanja.0,
            self.pendapatan.1 - self.belanja.1,
        )
    }
    pub fn pembiayaan_neto(&self) -> (i64, i64) {
        (
            self.penerimaan_pembiayaan.0 - self.pengeluaran_pembiayaan.0,
            self.penerimaan_pembiayaan.1 - self.pengeluaran_pembiayaan.1,
        )
    }
    pub fn kelompok(&self, k: &str) -> Vec<&BarisApbdes> {
        self.baris.iter().filter(|b| b.kelompok == k).collect()
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Proyek {
    pub id: Uuid,
    pub tahun: i64,
    pub nama: String,
    pub lokasi: String,
    pub anggaran: i64,
    pub sumber_dana: String,
    pub pelaksana: String,
    pub progres: i64,
    pub uraian: String,
    pub gambar: Option<String>,
    pub kode_kegiatan: String,
    pub diubah_pada: DateTime<Utc>,
}

impl Proyek {
    pub fn label_sumber(&self) -> &'static str {
        label_sumber(&self.sumber_dana)
    }
}

const KOLOM_PROYEK: &str = "id, tahun, nama, lokasi, anggaran, sumber_dana, pelaksana, progres, uraian, gambar, kode_kegiatan, diubah_pada";

impl Store {
    pub async fn simpan_proyek(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        b: &ProyekBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa_proyek(b)?;
        let lama = match id {
            Some(id) => Some(
                self.proyek(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        let id = id.unwrap_or_else(id_baru);
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        if lama.is_some() {
            on_tx!(&mut tx, c => sqlx::query(
                "UPDATE proyek SET tahun = $3, nama = $4, lokasi = $5, anggaran = $6, sumber_dana = $7, pelaksana = $8, \
                 progres = $9, uraian = $10, gambar = $11, diubah_pada = $12, kode_kegiatan = $13 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).bind(b.tahun).bind(b.nama.trim()).bind(b.lokasi.trim()).bind(b.anggaran)
                .bind(&b.sumber_dana).bind(b.pelaksana.trim()).bind(b.progres).bind(b.uraian.trim()).bind(&b.gambar)
                .bind(now).bind(&b.kode_kegiatan).execute(&mut *c).await.map(|_| ()))?;
        } else {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO proyek (desa_id, id, tahun, nama, lokasi, anggaran, sumber_dana, pelaksana, progres, uraian, gambar, diubah_pada, kode_kegiatan) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .bind(desa_id).bind(id).bind(b.tahun).bind(b.nama.trim()).bind(b.lokasi.trim()).bind(b.anggaran)
                .bind(&b.sumber_dana).bind(b.pelaksana.trim()).bind(b.progres).bind(b.uraian.trim()).bind(&b.gambar)
                .bind(now).bind(&b.kode_kegiatan).execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "proyek",
                objek_id: id.to_string(),
                sebelum: lama.as_ref().map(|l| json!(l)),
                sesudah: Some(json!(b)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn proyek(&self, desa_id: &str, id: Uuid) -> Result<Option<Proyek>, Galat> {
        let sql = format!("SELECT {KOLOM_PROYEK} FROM proyek WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Projects, newest year first.
    pub async fn daftar_proyek(&self, desa_id: &str) -> Result<Vec<Proyek>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PROYEK} FROM proyek WHERE desa_id = $1 ORDER BY tahun DESC, nama LIMIT 2000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    pub async fn hapus_proyek(&self, desa_id: &str, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let lama = self
            .proyek(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM proyek WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "proyek",
                objek_id: id.to_string(),
                sebelum: Some(json!(lama)),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets one line of a year's budget summary (budget and realisation, rupiah).
    #[allow(clippy::too_many_arguments)]
    pub async fn simpan_baris_apbdes(
        &self,
        desa_id: &str,
        tahun: i64,
        kelompok: &str,
        kode: &str,
        anggaran: i64,
        realisasi: i64,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let (uraian, mut g) = periksa_baris_ringkas(tahun, kelompok, kode, anggaran, realisasi);
        if g.is_empty() && self.apbdes_di_buku(desa_id, tahun).await? {
            g.push(
                "tahun",
                format!(
                    "APBDes {tahun} sudah ditetapkan di menu Keuangan, dan situs menampilkannya langsung dari buku keuangan desa. Ringkasan diisi tangan hanya untuk tahun yang tidak dikelola di Balai."
                ),
            );
        }
        if !g.is_empty() {
            return Err(g.into());
        }
        let kode = kode.trim();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO apbdes_ringkas (desa_id, tahun, kelompok, kode, uraian, anggaran, realisasi, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (desa_id, tahun, kelompok, kode) \
             DO UPDATE SET anggaran = excluded.anggaran, realisasi = excluded.realisasi, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(tahun).bind(kelompok).bind(kode).bind(uraian).bind(anggaran).bind(realisasi).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "apbdes_ringkas",
                objek_id: format!("{tahun}/{kelompok}/{kode}"),
                sebelum: None,
                sesudah: Some(json!({ "anggaran": anggaran, "realisasi": realisasi })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn hapus_baris_apbdes(
        &self,
        desa_id: &str,
        tahun: i64,
        kelompok: &str,
        kode: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM apbdes_ringkas WHERE desa_id = $1 AND tahun = $2 AND kelompok = $3 AND kode = $4")
            .bind(desa_id).bind(tahun).bind(kelompok).bind(kode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "apbdes_ringkas",
                objek_id: format!("{tahun}/{kelompok}/{kode}"),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the year's APBDes is established in the finance books (then the site shows those).
    pub async fn apbdes_di_buku(&self, desa_id: &str, tahun: i64) -> Result<bool, Galat> {
        let n: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM apbdes WHERE desa_id = $1 AND tahun = $2 AND status = 'ditetapkan'")
            .bind(desa_id).bind(tahun).fetch_one(p).await)?;
        Ok(n > 0)
    }

    /// Years that have a budget summary or an established budget, newest first.
    pub async fn tahun_apbdes(&self, desa_id: &str) -> Result<Vec<i64>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT tahun FROM apbdes_ringkas WHERE desa_id = $1 UNION \
             SELECT tahun FROM apbdes WHERE desa_id = $1 AND status = 'ditetapkan' ORDER BY tahun DESC")
            .bind(desa_id).fetch_all(p).await)?)
    }

    /// The published budget of a year: from the finance books when the year's APBDes is
    /// established there (realisation to date), otherwise the summary typed on the site,
    /// marked as such (`dari_buku`).
    pub async fn apbdes(&self, desa_id: &str, tahun: i64) -> Result<Apbdes, Galat> {
        let sampai = chrono::NaiveDate::from_ymd_opt(tahun as i32, 12, 31).unwrap_or_default();
        if let Some(r) = self.realisasi(desa_id, tahun, sampai).await? {
            return Ok(Apbdes::dari_realisasi(tahun, &r));
        }
        let baris: Vec<BarisApbdes> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT tahun, kelompok, kode, uraian, anggaran, realisasi FROM apbdes_ringkas \
             WHERE desa_id = $1 AND tahun = $2 ORDER BY kelompok DESC, kode")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?;
        let jumlah = |f: &dyn Fn(&BarisApbdes) -> bool| {
            baris
                .iter()
                .filter(|b| f(b))
                .fold((0, 0), |(a, r), b| (a + b.anggaran, r + b.realisasi))
        };
        let pendapatan = jumlah(&|b| b.kelompok == "pendapatan");
        let belanja = jumlah(&|b| b.kelompok == "belanja");
        let penerimaan = jumlah(&|b| b.kelompok == "pembiayaan" && b.kode.starts_with("6.1"));
        let pengeluaran = jumlah(&|b| b.kelompok == "pembiayaan" && b.kode.starts_with("6.2"));
        Ok(Apbdes {
            tahun,
            dari_buku: false,
            baris,
            pendapatan,
            belanja,
            penerimaan_pembiayaan: penerimaan,
            pengeluaran_pembiayaan: pengeluaran,
        })
    }
}

impl Apbdes {
    /// The site's summary rows from the finance books: revenue and financing by jenis, spending
    /// by bidang.
    pub fn dari_realisasi(tahun: i64, r: &crate::keuangan::laporan::Realisasi) -> Apbdes {
        let mut baris = Vec::new();
        let mut dorong = |kelompok: &str, daftar: Vec<crate::keuangan::laporan::Kelompok>| {
            for (kode, uraian, anggaran, realisasi) in daftar {
                baris.push(BarisApbdes {
                    tahun,
                    kelompok: kelompok.into(),
                    kode,
                    uraian,
                    anggaran,
                    realisasi,
                });
            }
        };
        dorong("pendapatan", r.pendapatan_per_jenis());
        dorong("belanja", r.per_bidang());
        dorong("pembiayaan", r.pembiayaan_per_jenis());
        let (a, n) = (r.anggaran(), r.realisasi());
        Apbdes {
            tahun,
            dari_buku: true,
            baris,
            pendapatan: (a.pendapatan, n.pendapatan),
            belanja: (a.belanja, n.belanja),
            penerimaan_pembiayaan: (a.penerimaan_pembiayaan, n.penerimaan_pembiayaan),
            pengeluaran_pembiayaan: (a.pengeluaran_pembiayaan, n.pengeluaran_pembiayaan),
        }
    }
}
