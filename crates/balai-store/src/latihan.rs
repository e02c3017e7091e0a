//! The practice village (mode latihan): a store of its own, beside the real one, where staff
//! practise with demo data. What makes it a practice store: its letters carry verification
//! tokens that say so (`latihan-{kode}-…`), so the real install's public page can refuse them;
//! staff enter it with a copy of their own account; their practice tasks are read from its
//! audit log. The files, the reset and the routing are in the web crate (`balai_web::latihan`).

use crate::pengguna::Pengguna;
use crate::{Galat, Store, on_db};
use balai_domain::latihan::TugasLatihan;

/// The prefix of every practice letter's verification token.
pub const AWALAN_TOKEN: &str = "latihan-";

/// The village code in a practice letter's token (`latihan-3325082004-…`), if it is one.
pub fn desa_token_latihan(token: &str) -> Option<&str> {
    let sisa = token.strip_prefix(AWALAN_TOKEN)?;
    let (kode, inti) = sisa.split_once('-')?;
    let kode_sah = kode.len() == 10 && kode.bytes().all(|b| b.is_ascii_digit());
    (kode_sah && token_acak_sah(inti)).then_some(kode)
}

/// 16 random bytes in base64url: what every letter token ends with.
fn token_acak_sah(t: &str) -> bool {
    t.len() == 22
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Store {
    /// Marks this store as a practice village's.
    pub fn sebagai_latihan(mut self) -> Store {
        self.latihan = true;
        self
    }

    pub fn latihan(&self) -> bool {
        self.latihan
    }

    /// A new letter's verification token: 16 random bytes in base64url (22 characters),
    /// prefixed in a practice store.
    pub(crate) fn token_surat_baru(&self, desa_id: &str) -> String {
        let mut b = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut b);
        let inti = crate::surat::kunci::b64(&b);
        if self.latihan {
            format!("{AWALAN_TOKEN}{desa_id}-{inti}")
        } else {
            inti
        }
    }

    /// Whether `token` has the shape this store's letters have.
    pub(crate) fn bentuk_token_surat(&self, token: &str) -> bool {
        if self.latihan {
            return desa_token_latihan(token).is_some();
        }
        token_acak_sah(token)
    }

    /// Gives a staff member their own account in the practice store: the same id, name, role
    /// and village, but no password (nobody logs in to a practice store; staff enter it from
    /// their real session). A demo account holding the same user name is renamed (a random
    /// suffix, so renaming never collides).
    pub async fn salin_pengguna_latihan(&self, p: &Pengguna) -> Result<(), Galat> {
        if !self.latihan {
            return Err(Galat::Lain(
                "akun hanya disalin ke basis data desa latihan".into(),
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        crate::on_tx!(&mut tx, c => sqlx::query(
            "UPDATE pengguna SET username = username || '-demo-' || $3 WHERE username = $1 AND id <> $2")
            .bind(&p.username).bind(p.id).bind(crate::id_baru().simple().to_string()[24..].to_string())
            .execute(&mut *c).await.map(|_| ()))?;
        crate::on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO pengguna (id, username, nama, kata_sandi, peran, desa_id, cakupan, aktif, wajib_ganti_sandi, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, '!', $4, $5, $6, $7, $8, $9, $9) \
             ON CONFLICT (id) DO UPDATE SET username = excluded.username, nama = excluded.nama, peran = excluded.peran, \
             desa_id = excluded.desa_id, cakupan = excluded.cakupan, aktif = excluded.aktif, diubah_pada = excluded.diubah_pada")
            .bind(p.id).bind(&p.username).bind(&p.nama).bind(&p.peran).bind(&p.desa_id)
            .bind(&p.cakupan).bind(true).bind(false).bind(now).execute(&mut *c).await.map(|_| ()))?;
        tx.commit().await
    }

    /// Which of `tugas` this account has done in the practice village, in the same order:
    /// counted from when the account first entered it (the demo data was made before, in the
    /// names of demo accounts that may share this user name).
    pub async fn kemajuan_latihan(
        &self,
        desa_id: &str,
        username: &str,
        tugas: &[&TugasLatihan],
    ) -> Result<Vec<bool>, Galat> {
        let aktor = crate::Aktor::pengguna(username).0;
        let Some(sejak) = self
            .pengguna_by_username(username)
            .await?
            .map(|p| p.dibuat_pada)
        else {
            return Ok(vec![false; tugas.len()]);
        };
        let selesai: Vec<(String, String)> = on_db!(&self.db, c => sqlx::query_as(
            "SELECT DISTINCT aksi, objek FROM audit WHERE desa_id = $1 AND aktor = $2 AND waktu >= $3")
            .bind(desa_id).bind(&aktor).bind(sejak).fetch_all(c).await)?;
        Ok(tugas
            .iter()
            .map(|t| {
                selesai
                    .iter()
                    .any(|(aksi, objek)| t.aksi == aksi && t.objek == objek)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_latihan_dikenali_dari_bentuknya() {
        let t = "latihan-3325082004-AbCdEfGhIjKlMnOpQrStUv";
        assert_eq!(desa_token_latihan(t), Some("3325082004"));
        assert_eq!(desa_token_latihan("AbCdEfGhIjKlMnOpQrStUv"), None);
        assert_eq!(
            desa_token_latihan("latihan-33250820-AbCdEfGhIjKlMnOpQrStUv"),
            None
        );
        assert_eq!(desa_token_latihan("latihan-3325082004-pendek"), None);
        assert_eq!(
            desa_token_latihan("latihan-3325082004-AbCdEfGhIjKlMnOp/rStUv"),
            None
        );
    }
}
