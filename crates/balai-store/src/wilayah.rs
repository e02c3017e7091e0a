//! The Kemendagri region table (all of Indonesia), embedded and loaded on first start.

use crate::{Galat, Store, on_db, on_tx};
use serde::Serialize;
use std::io::Read;

/// `wilayah_all.csv` from shared/data/wilayah (MIT License, Copyright (c) 2017-2025 Cahya DSN).
const WILAYAH_GZ: &[u8] = include_bytes!("../data/wilayah_all.csv.gz");

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Wilayah {
    /// Code without dots (`3325082004`).
    pub kode: String,
    pub nama: String,
    /// provinsi, kabupaten, kota, kecamatan, desa, kelurahan, desa_adat
    pub tingkat: String,
}

impl Wilayah {
    pub fn kode_bertitik(&self) -> String {
        balai_domain::wilayah::bertitik(&self.kode)
    }
}

/// The embedded table, parsed.
pub fn semua_tertanam() -> Result<Vec<Wilayah>, Galat> {
    let mut teks = String::new();
    flate2::read::GzDecoder::new(WILAYAH_GZ)
        .read_to_string(&mut teks)
        .map_err(|e| Galat::Lain(format!("tabel wilayah tertanam rusak: {e}")))?;
    let mut rdr = csv::Reader::from_reader(teks.as_bytes());
    let mut out = Vec::with_capacity(92_000);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Galat::Lain(format!("tabel wilayah tertanam rusak: {e}")))?;
        out.push(Wilayah {
            kode: rec[0].replace('.', ""),
            nama: rec[1].to_string(),
            tingkat: rec[2].to_string(),
        });
    }
    Ok(out)
}

impl Store {
    pub(crate) async fn isi_wilayah_bila_kosong(&self) -> Result<(), Galat> {
        let ada: Option<String> = on_db!(&self.db, p => sqlx::query_scalar("SELECT kode FROM wilayah LIMIT 1").fetch_optional(p).await)?;
        if ada.is_some() {
            return Ok(());
        }
        let semua = semua_tertanam()?;
        let mut tx = self.db.begin().await?;
        // Multi-row inserts: 91,599 rows in about a second on either backend.
        for potong in semua.chunks(300) {
            let mut sql = String::from("INSERT INTO wilayah (kode, nama, tingkat) VALUES ");
            for i in 0..potong.len() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("(${}, ${}, ${})", i * 3 + 1, i * 3 + 2, i * 3 + 3));
            }
            on_tx!(&mut tx, c => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
                for w in potong {
                    q = q.bind(&w.kode).bind(&w.nama).bind(&w.tingkat);
                }
                q.execute(&mut *c).await?;
            });
        }
        tx.commit().await?;
        tracing::info!(jumlah = semua.len(), "tabel wilayah dimuat");
        Ok(())
    }

    pub async fn wilayah(&self, kode: &str) -> Result<Option<Wilayah>, Galat> {
        let kode = kode.replace('.', "");
        Ok(
            on_db!(&self.db, p => sqlx::query_as("SELECT kode, nama, tingkat FROM wilayah WHERE kode = $1")
            .bind(&kode).fetch_optional(p).await)?,
        )
    }

    /// Direct children of a region (`""` for the provinces).
    pub async fn anak_wilayah(&self, induk: &str) -> Result<Vec<Wilayah>, Galat> {
        let induk = induk.replace('.', "");
        let panjang: i64 = match induk.len() {
            0 => 2,
            2 => 4,
            4 => 6,
            6 => 10,
            _ => return Ok(Vec::new()),
        };
        let pola = format!("{induk}%");
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT kode, nama, tingkat FROM wilayah WHERE kode LIKE $1 AND length(kode) = $2 ORDER BY kode")
            .bind(&pola).bind(panjang).fetch_all(p).await)?)
    }

    /// The chain province → kabupaten → kecamatan → desa for a code.
    pub async fn silsilah_wilayah(&self, kode: &str) -> Result<Vec<Wilayah>, Galat> {
        let kode = kode.replace('.', "");
        let mut out = Vec::new();
        for n in [2usize, 4, 6, 10] {
            if kode.len() >= n
                && let Some(w) = self.wilayah(&kode[..n]).await?
            {
                out.push(w);
            }
        }
        Ok(out)
    }

    /// Whether the 6-digit district part of a NIK or KK is a known kecamatan.
    pub async fn kecamatan_dikenal(&self, kode6: &str) -> Result<bool, Galat> {
        Ok(self
            .wilayah(kode6)
            .await?
            .is_some_and(|w| w.tingkat == "kecamatan"))
    }

    /// Search regions by name (case-insensitive), optionally of one level.
    pub async fn cari_wilayah(
        &self,
        nama: &str,
        tingkat: Option<&str>,
        batas: i64,
    ) -> Result<Vec<Wilayah>, Galat> {
        let pola = format!("%{}%", nama.trim().to_uppercase());
        let tingkat = tingkat.unwrap_or("");
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT kode, nama, tingkat FROM wilayah WHERE upper(nama) LIKE $1 AND ($2 = '' OR tingkat = $2) ORDER BY kode LIMIT $3")
            .bind(&pola).bind(tingkat).bind(batas.clamp(1, 200)).fetch_all(p).await)?)
    }
}
