//! Request limits kept in the database, so a restart does not hand out a fresh allowance:
//! a fixed window per key (an address, a hashed NIK) that counts uses up to a ceiling.

use crate::{Galat, Store, on_tx};
use chrono::Duration;

/// The feature's handle.
#[derive(Clone, Copy)]
pub struct Kuota<'a> {
    s: &'a Store,
}

impl Store {
    pub fn kuota(&self) -> Kuota<'_> {
        Kuota { s: self }
    }
}

/// One limit: at most `batas` uses of `kunci` per `jendela`.
#[derive(Debug, Clone, Copy)]
pub struct Batas<'k> {
    pub kunci: &'k str,
    pub batas: i64,
    pub jendela: Duration,
}

impl Kuota<'_> {
    /// Counts one use on each key in turn; false as soon as one is over its limit (the keys
    /// after it are not counted). Each count is one atomic upsert, so parallel requests cannot
    /// slip past the ceiling together.
    pub async fn pakai(&self, daftar: &[Batas<'_>]) -> Result<bool, Galat> {
        let now = self.s.sekarang().timestamp();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM kuota_permintaan WHERE habis <= $1")
            .bind(now).execute(&mut *c).await.map(|_| ())?);
        let mut boleh = true;
        for b in daftar {
            let habis = now + b.jendela.num_seconds().max(1);
            let jumlah: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
                "INSERT INTO kuota_permintaan (kunci, habis, jumlah) VALUES ($1, $2, 1) \
                 ON CONFLICT (kunci) DO UPDATE SET \
                 jumlah = CASE WHEN kuota_permintaan.habis <= $3 THEN 1 \
                          ELSE kuota_permintaan.jumlah + 1 END, \
                 habis = CASE WHEN kuota_permintaan.habis <= $3 THEN $2 \
                         ELSE kuota_permintaan.habis END \
                 RETURNING jumlah")
                .bind(b.kunci).bind(habis).bind(now).fetch_one(&mut *c).await?);
            if jumlah > b.batas {
                boleh = false;
                break;
            }
        }
        tx.commit().await?;
        Ok(boleh)
    }
}
