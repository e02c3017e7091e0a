//! Which program versions have served this database, so the admin screens can say what
//! changed after an upgrade. The schema's own upgrades are in `migrasi.rs`.

use crate::{Galat, Store, on_db};
use chrono::{DateTime, Utc};

/// The last upgrade: from which version to which, and when the new one first started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pembaruan {
    pub dari: String,
    pub ke: String,
    pub pada: DateTime<Utc>,
}

impl Store {
    /// Records that version `versi` serves this database (the first time it starts).
    pub async fn catat_versi_program(&self, versi: &str) -> Result<(), Galat> {
        let now = self.sekarang();
        on_db!(&self.db, p => sqlx::query(
            "INSERT INTO versi_program (versi, mulai_pada) VALUES ($1, $2) ON CONFLICT (versi) DO NOTHING")
            .bind(versi).bind(now).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// The upgrade that brought `versi` in, if it replaced an earlier version of the program on
    /// this database (a fresh install has none).
    pub async fn pembaruan_ke(&self, versi: &str) -> Result<Option<Pembaruan>, Galat> {
        let baris: Vec<(String, DateTime<Utc>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT versi, mulai_pada FROM versi_program ORDER BY mulai_pada, versi")
            .fetch_all(p).await)?;
        let Some((_, pada)) = baris.iter().find(|(v, _)| v == versi) else {
            return Ok(None);
        };
        let dari = baris
            .iter()
            .filter(|(v, t)| v != versi && t <= pada)
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(balai_domain::pembaruan::banding_versi(&a.0, &b.0))
            });
        Ok(dari.map(|(dari, _)| Pembaruan {
            dari: dari.clone(),
            ke: versi.to_string(),
            pada: *pada,
        }))
    }
}
