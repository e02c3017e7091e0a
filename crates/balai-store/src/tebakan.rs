//! Failed-login limits kept in the database (the rules are `balai_domain::tebakan`).
//!
//! A try is counted before the password or PIN is checked and taken back when it was right, so
//! parallel requests cannot all slip past the limit while the hash is being checked.

use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::{Aktor, Galat, Store, on_db, on_tx};
use balai_domain::tebakan::{Jadwal, Keadaan};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The feature's handle.
#[derive(Clone, Copy)]
pub struct Tebakan<'a> {
    s: &'a Store,
}

impl Store {
    pub fn tebakan(&self) -> Tebakan<'_> {
        Tebakan { s: self }
    }
}

/// The key of a staff account.
pub fn kunci_akun(username: &str) -> String {
    format!("a:{username}")
}

/// A staff account that got many wrong passwords in the last day.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AkunDitebak {
    pub username: String,
    pub nama: String,
    pub desa_id: Option<String>,
    pub gagal_hari: i64,
    pub terakhir: DateTime<Utc>,
    pub sampai: Option<DateTime<Utc>>,
}

type Baris = (
    i64,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
    DateTime<Utc>,
    i64,
    bool,
);

async fn baca(tx: &mut Tx, kunci: &str, now: DateTime<Utc>) -> Result<Keadaan, Galat> {
    let pg = matches!(tx, Tx::Postgres(_));
    let r: Option<Baris> = on_tx!(tx, c => {
        // The row exists first, so PostgreSQL's row lock holds two first tries apart too.
        sqlx::query("INSERT INTO percobaan_masuk (kunci, gagal, terakhir, hari_mulai, gagal_hari) \
                     VALUES ($1, 0, $2, $2, 0) ON CONFLICT (kunci) DO NOTHING")
            .bind(kunci).bind(now).execute(&mut *c).await?;
        let sql = if pg {
            "SELECT gagal, sampai, terakhir, hari_mulai, gagal_hari, diperingatkan FROM percobaan_masuk WHERE kunci = $1 FOR UPDATE"
        } else {
            "SELECT gagal, sampai, terakhir, hari_mulai, gagal_hari, diperingatkan FROM percobaan_masuk WHERE kunci = $1"
        };
        sqlx::query_as(sql).bind(kunci).fetch_optional(&mut *c).await?
    });
    Ok(r.map_or(Keadaan::baru(now), |r| Keadaan {
        gagal: r.0,
        sampai: r.1,
        terakhir: r.2,
        hari_mulai: r.3,
        gagal_hari: r.4,
        diperingatkan: r.5,
    }))
}

async fn tulis(tx: &mut Tx, kunci: &str, k: &Keadaan) -> Result<(), Galat> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE percobaan_masuk SET gagal = $2, sampai = $3, terakhir = $4, hari_mulai = $5, \
         gagal_hari = $6, diperingatkan = $7 WHERE kunci = $1")
        .bind(kunci).bind(k.gagal).bind(k.sampai).bind(k.terakhir).bind(k.hari_mulai)
        .bind(k.gagal_hari).bind(k.diperingatkan).execute(&mut *c).await.map(|_| ())?);
    Ok(())
}

impl Tebakan<'_> {
    /// Counts one try on every key, before the secret is checked. `Some(wait)` when a key must
    /// still wait: then nothing is counted and the secret must not be checked.
    pub async fn coba(&self, kunci: &[(&str, Jadwal)]) -> Result<Option<Duration>, Galat> {
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let mut keadaan = Vec::with_capacity(kunci.len());
        for (k, _) in kunci {
            keadaan.push(baca(&mut tx, k, now).await?);
        }
        if let Some(t) = keadaan.iter().filter_map(|k| k.sisa(now)).max() {
            tx.commit().await?;
            return Ok(Some(t));
        }
        for ((k, j), lama) in kunci.iter().zip(keadaan) {
            let mut baru = lama.gagal(now, j);
            if baru.perlu_peringatan(j) {
                baru.diperingatkan = true;
                peringatkan(&mut tx, k, baru.gagal_hari, now).await?;
            }
            tulis(&mut tx, k, &baru).await?;
        }
        on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM percobaan_masuk WHERE terakhir < $1 AND (sampai IS NULL OR sampai < $2)")
            .bind(now - Duration::days(1)).bind(now).execute(&mut *c).await.map(|_| ())?);
        tx.commit().await?;
        Ok(None)
    }

    /// The try counted by [`coba`](Self::coba) was right: take it back. `(key, rules, end the
    /// run)`: an account's run ends, an address only loses the one try.
    pub async fn benar(&self, kunci: &[(&str, Jadwal, bool)]) -> Result<(), Galat> {
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        for (k, j, akhiri) in kunci {
            let baru = baca(&mut tx, k, now).await?.benar(now, j, *akhiri);
            tulis(&mut tx, k, &baru).await?;
        }
        tx.commit().await
    }

    /// Ends every wait of one key (an operator unlocked the account or reset its password).
    pub async fn lepas(&self, kunci: &str) -> Result<(), Galat> {
        on_db!(&self.s.db, p => sqlx::query("DELETE FROM percobaan_masuk WHERE kunci = $1")
            .bind(kunci).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Staff accounts with many wrong passwords in the last day, under a village-code prefix
    /// (`""` for all, system accounts included), most failures first.
    pub async fn akun_ditebak(&self, awalan_desa: &str) -> Result<Vec<AkunDitebak>, Galat> {
        let now = self.s.sekarang();
        let batas = balai_domain::tebakan::STAF_AKUN.peringatan;
        // Village codes are digits only: nothing in the prefix is a LIKE wildcard.
        let pola = format!("{awalan_desa}%");
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT u.username, u.nama, u.desa_id, t.gagal_hari, t.terakhir, t.sampai \
             FROM percobaan_masuk t JOIN pengguna u ON t.kunci = 'a:' || u.username \
             WHERE t.gagal_hari >= $1 AND t.hari_mulai > $2 AND COALESCE(u.desa_id, '') LIKE $3 \
             ORDER BY t.gagal_hari DESC, u.username LIMIT 50")
            .bind(batas).bind(now - Duration::days(1)).bind(&pola)
            .fetch_all(p).await)?)
    }
}

/// Records in the account's village audit log that its password is being guessed: the admin's
/// start page lists it, and the log keeps when it began.
async fn peringatkan(
    tx: &mut Tx,
    kunci: &str,
    gagal_hari: i64,
    now: DateTime<Utc>,
) -> Result<(), Galat> {
    let Some(username) = kunci.strip_prefix("a:") else {
        return Ok(());
    };
    let akun: Option<(uuid::Uuid, Option<String>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, desa_id FROM pengguna WHERE username = $1")
        .bind(username).fetch_optional(&mut *c).await?);
    let Some((id, desa_id)) = akun else {
        return Ok(());
    };
    catat(
        tx,
        now,
        Catatan {
            desa_id: desa_id.as_deref().unwrap_or(""),
            aktor: &Aktor::sistem(),
            aksi: "sandi_ditebak",
            objek: "pengguna",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(serde_json::json!({ "gagal_sehari": gagal_hari })),
        },
    )
    .await
}
