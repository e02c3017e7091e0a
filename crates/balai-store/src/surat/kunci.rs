//! Village signing keys (Ed25519) and the signed content of a letter.
//!
//! Each village has one active key; rotating retires it (old letters still verify with it) and
//! makes a new one. The private key stays in the database and is only used here. With the
//! install's master key (`Store::dengan_kunci_induk`, a file outside the database), it is
//! stored encrypted: a copied database or backup cannot sign letters. A database moved to a
//! server without that file keeps verifying old letters; signing asks for a new key.
//!
//! Seam for BSrE (Balai Sertifikasi Elektronik): a certified signature would be a second
//! `Penanda` that signs the PDF itself (PAdES) through BSrE's service; the letter's canonical
//! content and the QR code stay as they are, so verification by QR keeps working.

use crate::db::Tx;
use crate::{Galat, Store, on_db, on_tx};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
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

/// Marks a private key stored encrypted with the master key: then a 24-byte nonce and the
/// ciphertext with its tag. A bare 32-byte value is a key stored in the clear.
const TERBUNGKUS: &[u8] = b"BK1";

/// The install's master key, which encrypts the villages' private keys at rest.
pub(crate) type KunciInduk = std::sync::Arc<XChaCha20Poly1305>;

pub(crate) fn kunci_induk(bita: &[u8; 32]) -> KunciInduk {
    std::sync::Arc::new(XChaCha20Poly1305::new(Key::from_slice(bita)))
}

/// The private key as stored: encrypted (bound to its village and key id) when there is a
/// master key.
fn bungkus(induk: Option<&KunciInduk>, desa_id: &str, id: &str, rahasia: &[u8; 32]) -> Vec<u8> {
    let Some(induk) = induk else {
        return rahasia.to_vec();
    };
    let mut nonce = [0u8; 24];
    rand::rng().fill_bytes(&mut nonce);
    let aad = format!("kunci_desa:{desa_id}:{id}");
    let mut isi = rahasia.to_vec();
    // Encrypting into a Vec cannot run out of room.
    let _ = induk.encrypt_in_place(XNonce::from_slice(&nonce), aad.as_bytes(), &mut isi);
    [TERBUNGKUS, &nonce, &isi].concat()
}

fn buka_bungkus(
    induk: Option<&KunciInduk>,
    desa_id: &str,
    id: &str,
    tersimpan: &[u8],
) -> Result<[u8; 32], Galat> {
    if let Ok(polos) = <[u8; 32]>::try_from(tersimpan) {
        return Ok(polos);
    }
    let tidak_terbuka = || {
        Galat::Ditolak(
            "Kunci tanda tangan desa tersimpan terenkripsi dan tidak dapat dibuka di server ini \
             (berkas kunci induk berbeda atau hilang, misalnya setelah dipasang ulang). Buat kunci \
             baru di Pengaturan Surat (Putar kunci); surat lama tetap dapat diverifikasi."
                .into(),
        )
    };
    let sandi = tersimpan
        .strip_prefix(TERBUNGKUS)
        .filter(|r| r.len() == 24 + 32 + 16)
        .ok_or_else(|| Galat::Lain("kunci tanda tangan desa rusak".into()))?;
    let induk = induk.ok_or_else(tidak_terbuka)?;
    let (nonce, isi) = sandi.split_at(24);
    let mut isi = isi.to_vec();
    let aad = format!("kunci_desa:{desa_id}:{id}");
    induk
        .decrypt_in_place(XNonce::from_slice(nonce), aad.as_bytes(), &mut isi)
        .map_err(|_| tidak_terbuka())?;
    <[u8; 32]>::try_from(isi.as_slice()).map_err(|_| tidak_terbuka())
}

/// The village's active key inside a write transaction, made on first use.
pub(crate) async fn kunci_aktif(
    tx: &mut Tx,
    induk: Option<&KunciInduk>,
    desa_id: &str,
    waktu: DateTime<Utc>,
) -> Result<KunciDesa, Galat> {
    let ada: Option<(String, Vec<u8>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, rahasia FROM kunci_desa WHERE desa_id = $1 AND pensiun_pada IS NULL ORDER BY dibuat_pada DESC LIMIT 1")
        .bind(desa_id).fetch_optional(&mut *c).await)?;
    if let Some((id, rahasia)) = ada {
        let bita = buka_bungkus(induk, desa_id, &id, &rahasia)?;
        return Ok(KunciDesa {
            id,
            kunci: SigningKey::from_bytes(&bita),
        });
    }
    simpan_kunci_baru(tx, induk, desa_id, waktu).await
}

async fn simpan_kunci_baru(
    tx: &mut Tx,
    induk: Option<&KunciInduk>,
    desa_id: &str,
    waktu: DateTime<Utc>,
) -> Result<KunciDesa, Galat> {
    let kunci = kunci_baru();
    let publik = kunci.verifying_key().to_bytes();
    let id = id_dari_publik(&publik);
    let rahasia = bungkus(induk, desa_id, &id, &kunci.to_bytes());
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kunci_desa (desa_id, id, publik, rahasia, dibuat_pada) VALUES ($1, $2, $3, $4, $5)")
        .bind(desa_id).bind(&id).bind(publik.to_vec()).bind(rahasia).bind(waktu)
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
        kunci_aktif(&mut tx, self.kunci_induk.as_ref(), desa_id, self.sekarang()).await?;
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
        let baru = simpan_kunci_baru(&mut tx, self.kunci_induk.as_ref(), desa_id, now).await?;
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

    /// Encrypts the private keys still stored in the clear with the master key (run at start,
    /// after a master key is set up); returns how many were.
    pub async fn bungkus_kunci_polos(&self) -> Result<usize, Galat> {
        let Some(induk) = self.kunci_induk.clone() else {
            return Ok(0);
        };
        let mut tx = self.db.begin().await?;
        let polos: Vec<(String, String, Vec<u8>)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT desa_id, id, rahasia FROM kunci_desa").fetch_all(&mut *c).await)?;
        let mut n = 0;
        for (desa_id, id, rahasia) in polos {
            let Ok(bita) = <[u8; 32]>::try_from(rahasia.as_slice()) else {
                continue;
            };
            let baru = bungkus(Some(&induk), &desa_id, &id, &bita);
            on_tx!(&mut tx, c => sqlx::query("UPDATE kunci_desa SET rahasia = $3 WHERE desa_id = $1 AND id = $2")
                .bind(&desa_id).bind(&id).bind(baru).execute(&mut *c).await.map(|_| ()))?;
            n += 1;
        }
        tx.commit().await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kunci_terbungkus_hanya_terbuka_dengan_induk_dan_desanya() {
        let induk = kunci_induk(&[7u8; 32]);
        let rahasia = [9u8; 32];
        let b = bungkus(Some(&induk), "3325082004", "ab", &rahasia);
        assert!(b.starts_with(TERBUNGKUS) && !b.windows(32).any(|w| w == rahasia));
        assert_eq!(
            buka_bungkus(Some(&induk), "3325082004", "ab", &b).unwrap(),
            rahasia
        );
        // Another install, another village, or no master key: refused with a message.
        let lain = kunci_induk(&[8u8; 32]);
        assert!(matches!(
            buka_bungkus(Some(&lain), "3325082004", "ab", &b),
            Err(Galat::Ditolak(_))
        ));
        assert!(buka_bungkus(Some(&induk), "3325082003", "ab", &b).is_err());
        assert!(matches!(
            buka_bungkus(None, "3325082004", "ab", &b),
            Err(Galat::Ditolak(_))
        ));
        // Keys stored in the clear before a master key existed still open.
        assert_eq!(
            buka_bungkus(Some(&induk), "x", "y", &rahasia).unwrap(),
            rahasia
        );
    }

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
