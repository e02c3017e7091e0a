//! Village signing keys (Ed25519) and the signed content of a letter.
//!
//! Each village has one active key; rotating retires it (old letters still verify with it) and
//! makes a new one. The private key stays in the database and is only used here.
//!
//! Seam for BSrE (Balai Sertifikasi Elektronik): a certified signature would be a second
//! `Penanda` that signs the PDF itself (PAdES) through BSrE's service; the letter's canonical
//! content and the QR code stay as they are, so verification by QR keeps working.

use crate::db::Tx;
use crate::{Galat, Store, on_db, on_tx};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A public key as published for verifiers.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct KunciPublik {
    pub id: String,
    /// Raw 32-byte Ed25519 public key, base64url without padding.
    #[sqlx(skip)]
    pub publik: String,
    #[serde(skip)]
    pub bita: Vec<u8>,
    pub dibuat_pada: DateTime<Utc>,
    pub pensiun_pada: Option<DateTime<Utc>>,
}

/// Something that can sign a letter's canonical content.
pub trait Penanda {
    fn id_kunci(&self) -> &str;
    fn tanda_tangani(&self, muatan: &[u8]) -> Vec<u8>;
}

pub(crate) struct KunciDesa {
    id: String,
    kunci: SigningKey,
}

impl Penanda for KunciDesa {
    fn id_kunci(&self) -> &str {
        &self.id
    }
    fn tanda_tangani(&self, muatan: &[u8]) -> Vec<u8> {
        self.kunci.sign(muatan).to_bytes().to_vec()
    }
}

/// A key id: the first 8 bytes of the public key's SHA-256, in hex.
fn id_dari_publik(publik: &[u8]) -> String {
    hex::encode(&Sha256::digest(publik)[..8])
}

pub fn b64(b: &[u8]) -> String {
    B64.encode(b)
}

pub fn dari_b64(s: &str) -> Option<Vec<u8>> {
    B64.decode(s.trim()).ok()
}

/// True when `tanda` is a valid Ed25519 signature of `muatan` by the raw public key `publik`.
pub fn tanda_sah(publik: &[u8], muatan: &[u8], tanda: &[u8]) -> bool {
    let Ok(publik): Result<[u8; 32], _> = publik.try_into() else {
        return false;
    };
    let Ok(kunci) = VerifyingKey::from_bytes(&publik) else {
        return false;
    };
    let Ok(tanda) = Signature::from_slice(tanda) else {
        return false;
    };
    kunci.verify_strict(muatan, &tanda).is_ok()
}

fn kunci_baru() -> SigningKey {
    let mut rahasia = [0u8; 32];
    rand::rng().fill_bytes(&mut rahasia);
    SigningKey::from_bytes(&rahasia)
}

/// The village's active key inside a write transaction, made on first use.
pub(crate) async fn kunci_aktif(
    tx: &mut Tx,
    desa_id: &str,
    waktu: DateTime<Utc>,
) -> Result<KunciDesa, Galat> {
    let ada: Option<(String, Vec<u8>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, rahasia FROM kunci_desa WHERE desa_id = $1 AND pensiun_pada IS NULL ORDER BY dibuat_pada DESC LIMIT 1")
        .bind(desa_id).fetch_optional(&mut *c).await)?;
    if let Some((id, rahasia)) = ada {
        let bita: [u8; 32] = rahasia
            .as_slice()
            .try_into()
            .map_err(|_| Galat::Lain("kunci tanda tangan desa rusak".into()))?;
        return Ok(KunciDesa {
            id,
            kunci: SigningKey::from_bytes(&bita),
        });
    }
    simpan_kunci_baru(tx, desa_id, waktu).await
}

async fn simpan_kunci_baru(
    tx: &mut Tx,
    desa_id: &str,
    waktu: DateTime<Utc>,
) -> Result<KunciDesa, Galat> {
    let kunci = kunci_baru();
    let publik = kunci.verifying_key().to_bytes();
    let id = id_dari_publik(&publik);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kunci_desa (desa_id, id, publik, rahasia, dibuat_pada) VALUES ($1, $2, $3, $4, $5)")
        .bind(desa_id).bind(&id).bind(publik.to_vec()).bind(kunci.to_bytes().to_vec()).bind(waktu)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(KunciDesa { id, kunci })
}

impl Store {
    /// Every key the village has signed with, newest first (retired keys still verify old letters).
    pub async fn kunci_publik_desa(&self, desa_id: &str) -> Result<Vec<KunciPublik>, Galat> {
        let mut daftar: Vec<KunciPublik> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, publik AS bita, dibuat_pada, pensiun_pada FROM kunci_desa WHERE desa_id = $1 ORDER BY dibuat_pada DESC")
            .bind(desa_id).fetch_all(p).await)?;
        for k in &mut daftar {
            k.publik = b64(&k.bita);
        }
        Ok(daftar)
    }

    /// Makes sure the village has a signing key (done at set-up so its public key can be published
    /// before the first letter).
    pub async fn pastikan_kunci_desa(&self, desa_id: &str) -> Result<(), Galat> {
        let mut tx = self.db.begin().await?;
        kunci_aktif(&mut tx, desa_id, self.sekarang()).await?;
        tx.commit().await
    }

    /// Retires the active key and makes a new one. Letters signed before stay valid.
    pub async fn putar_kunci_desa(
        &self,
        desa_id: &str,
        aktor: &crate::Aktor,
    ) -> Result<String, Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE kunci_desa SET pensiun_pada = $2 WHERE desa_id = $1 AND pensiun_pada IS NULL")
            .bind(desa_id).bind(now).execute(&mut *c).await.map(|_| ()))?;
        let baru = simpan_kunci_baru(&mut tx, desa_id, now).await?;
        crate::audit::catat(
            &mut tx,
            now,
            crate::audit::Catatan {
                desa_id,
                aktor,
                aksi: "putar_kunci",
                objek: "kunci_desa",
                objek_id: baru.id.clone(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(baru.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanda_tangan_diperiksa() {
        let k = KunciDesa {
            id: "x".into(),
            kunci: kunci_baru(),
        };
        let publik = k.kunci.verifying_key().to_bytes();
        let tanda = k.tanda_tangani(b"isi surat");
        assert!(tanda_sah(&publik, b"isi surat", &tanda));
        assert!(!tanda_sah(&publik, b"isi suraT", &tanda));
        assert!(!tanda_sah(&publik[..31], b"isi surat", &tanda));
        assert!(!tanda_sah(&publik, b"isi surat", &tanda[..63]));
    }
}
