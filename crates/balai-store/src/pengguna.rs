//! Staff accounts, roles, sessions and API tokens.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
pub use balai_domain::pengguna::{PESAN_USERNAME, cek_sandi, username_sah};
use balai_domain::pengguna::{periksa_akun, periksa_sandi_baru};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use balai_domain::peran::Peran;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Pengguna {
    pub id: Uuid,
    pub username: String,
    pub nama: String,
    #[serde(skip)]
    pub kata_sandi: String,
    pub peran: String,
    pub desa_id: Option<String>,
    /// What the account sees beyond its village: a region code prefix for the district's
    /// roles; the posyandu id for a cadre; the village code for the other village roles.
    pub cakupan: String,
    pub aktif: bool,
    pub wajib_ganti_sandi: bool,
    pub dibuat_pada: DateTime<Utc>,
}

impl Pengguna {
    pub fn peran(&self) -> Peran {
        Peran::dari_kode(&self.peran).unwrap_or(Peran::Opd)
    }
    /// Whether this account may see a village (its own, or one under its region).
    pub fn boleh_lihat_desa(&self, desa_id: &str) -> bool {
        match self.peran() {
            p if p.peran_desa() => self.desa_id.as_deref() == Some(desa_id),
            _ => desa_id.starts_with(&self.cakupan),
        }
    }
    /// The posyandu a cadre works for (`None` for every other role).
    pub fn posyandu_kader(&self) -> Option<Uuid> {
        (self.peran() == Peran::Kader)
            .then(|| Uuid::parse_str(&self.cakupan).ok())
            .flatten()
    }
    /// The prefix of village codes visible to this account.
    pub fn awalan_desa(&self) -> String {
        if self.peran().peran_desa() {
            self.desa_id.clone().unwrap_or_default()
        } else {
            self.cakupan.clone()
        }
    }
}

/// A new account.
pub struct PenggunaBaru<'a> {
    pub username: &'a str,
    pub nama: &'a str,
    pub kata_sandi: &'a str,
    pub peran: Peran,
    pub desa_id: Option<&'a str>,
    pub cakupan: &'a str,
}

pub fn hash_sandi(sandi: &str) -> Result<String, Galat> {
    let mut garam = [0u8; 16];
    rand::rng().fill_bytes(&mut garam);
    let salt = SaltString::encode_b64(&garam).map_err(|e| Galat::Lain(e.to_string()))?;
    Argon2::default()
        .hash_password(sandi.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Galat::Lain(e.to_string()))
}

pub fn cocok_sandi(sandi: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(sandi.as_bytes(), &h)
            .is_ok()
    })
}

/// A random token for sessions and API keys (256 bits, URL-safe).
pub fn token_acak() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// A readable one-time password for resets: 12 characters without look-alikes.
pub fn sandi_sementara() -> String {
    const HURUF: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut b = [0u8; 12];
    rand::rng().fill_bytes(&mut b);
    b.iter()
        .map(|x| HURUF[*x as usize % HURUF.len()] as char)
        .collect()
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TokenApi {
    pub id: Uuid,
    pub nama: String,
    pub desa_ids: String,
    pub tulis: bool,
    pub dibuat_pada: DateTime<Utc>,
    pub dicabut_pada: Option<DateTime<Utc>>,
    /// A region code prefix (kecamatan or kabupaten): every village under it, now and later.
    pub wilayah: String,
    /// After this the token no longer opens anything (none: made before tokens had an end).
    pub kedaluwarsa: Option<DateTime<Utc>>,
    /// May take Dukcapil's steps on civil registration applications.
    pub dukcapil: bool,
    /// May read aid recipients and death benefit claims and take the Dinas Sosial's steps on
    /// the claims.
    pub dinsos: bool,
    /// May read children's and mothers' health records (measurements with their z-scores):
    /// the puskesmas or the Dinas Kesehatan. Health data is specific personal data (UU 27/2022).
    pub kesehatan: bool,
}

/// What a new API token may do, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct HakToken {
    pub tulis: bool,
    /// Dukcapil's steps on civil registration applications (implies writing).
    pub dukcapil: bool,
    /// The Dinas Sosial: aid recipients, death benefit claims and its steps on them (implies
    /// writing).
    pub dinsos: bool,
    /// Children's and mothers' health records (read only).
    pub kesehatan: bool,
    /// Days until the token ends (1 to 730).
    pub berlaku_hari: i64,
}

impl HakToken {
    pub const BERLAKU_BAWAAN: i64 = 365;
    pub const fn baca() -> HakToken {
        HakToken {
            tulis: false,
            dukcapil: false,
            dinsos: false,
            kesehatan: false,
            berlaku_hari: Self::BERLAKU_BAWAAN,
        }
    }
    pub const fn tulis() -> HakToken {
        HakToken {
            tulis: true,
            ..Self::baca()
        }
    }
    pub const fn dukcapil() -> HakToken {
        HakToken {
            tulis: true,
            dukcapil: true,
            ..Self::baca()
        }
    }
    pub const fn dinsos() -> HakToken {
        HakToken {
            tulis: true,
            dinsos: true,
            ..Self::baca()
        }
    }
    fn periksa(&self) -> Result<(), Galat> {
        if !(1..=730).contains(&self.berlaku_hari) {
            return Err(Galat::isian(
                "berlaku_hari",
                "Masa berlaku token 1 sampai 730 hari.",
            ));
        }
        Ok(())
    }
}

impl TokenApi {
    /// Whether the token's time is over at `now`.
    pub fn berakhir(&self, now: &DateTime<Utc>) -> bool {
        self.kedaluwarsa.is_some_and(|k| k <= *now)
    }
    /// The villages named one by one (a region token names none).
    pub fn desa(&self) -> Vec<&str> {
        self.desa_ids.split(',').filter(|s| !s.is_empty()).collect()
    }
    /// True when the token may read village `desa_id`.
    pub fn mencakup(&self, desa_id: &str) -> bool {
        self.desa().contains(&desa_id)
            || (!self.wilayah.is_empty() && desa_id.starts_with(&self.wilayah))
    }
    /// Code prefixes that cover the token's villages (for queries over many villages).
    pub fn awalan(&self) -> Vec<String> {
        let mut a: Vec<String> = self.desa().into_iter().map(str::to_string).collect();
        if !self.wilayah.is_empty() {
            a.push(self.wilayah.clone());
        }
        a
    }
}

const KOLOM_PENGGUNA: &str = "id, username, nama, kata_sandi, peran, desa_id, cakupan, aktif, wajib_ganti_sandi, dibuat_pada";

fn desa_audit(p: &Pengguna) -> String {
    p.desa_id.clone().unwrap_or_default()
}

/// A session row: account, CSRF token, end, last use.
type BarisSesi = (Uuid, String, DateTime<Utc>, Option<DateTime<Utc>>);

impl Store {
    pub async fn tambah_pengguna(
        &self,
        b: &PenggunaBaru<'_>,
        aktor: &Aktor,
    ) -> Result<Pengguna, Galat> {
        let username = b.username.trim().to_lowercase();
        let mut g = periksa_akun(
            &username,
            b.nama,
            b.kata_sandi,
            b.peran,
            b.desa_id.is_some(),
            b.cakupan,
        );
        if let Some(d) = b.desa_id
            && self.desa(d).await?.is_none()
        {
            g.push("desa_id", "Desa tidak terdaftar.");
        } else if b.peran == Peran::Kader {
            let pos = match (b.desa_id, Uuid::parse_str(b.cakupan.trim())) {
                (Some(d), Ok(id)) => self.kesehatan().posyandu(d, id).await?,
                _ => None,
            };
            if pos.is_none() {
                g.push("cakupan", "Pilih posyandu tempat kader ini bertugas.");
            }
        }
        if !g.is_empty() {
            return Err(Galat::Isian(g));
        }
        let ada: Option<Uuid> = on_db!(&self.db, p => sqlx::query_scalar("SELECT id FROM pengguna WHERE username = $1").bind(&username).fetch_optional(p).await)?;
        if ada.is_some() {
            return Err(Galat::isian(
                "username",
                format!("Nama pengguna \"{username}\" sudah dipakai; pilih nama lain."),
            ));
        }
        let hash = crate::latar::hash_sandi(b.kata_sandi).await?;
        let id = id_baru();
        let now = self.sekarang();
        let cakupan = if b.peran == Peran::Kader {
            b.cakupan.trim()
        } else if b.peran.peran_desa() {
            b.desa_id.unwrap_or_default()
        } else {
            b.cakupan
        };
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO pengguna (id, username, nama, kata_sandi, peran, desa_id, cakupan, aktif, wajib_ganti_sandi, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, FALSE, $8, $8)")
            .bind(id).bind(&username).bind(b.nama.trim()).bind(&hash).bind(b.peran.kode()).bind(b.desa_id).bind(cakupan).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        catat(&mut tx, now, Catatan {
            desa_id: b.desa_id.unwrap_or(""), aktor, aksi: "buat", objek: "pengguna", objek_id: id.to_string(),
            sebelum: None, sesudah: Some(serde_json::json!({"username": username, "peran": b.peran.kode(), "cakupan": cakupan})),
        }).await?;
        tx.commit().await?;
        self.pengguna(id).await?.ok_or(Galat::TidakDitemukan)
    }

    pub async fn pengguna(&self, id: Uuid) -> Result<Option<Pengguna>, Galat> {
        let sql = format!("SELECT {KOLOM_PENGGUNA} FROM pengguna WHERE id = $1");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(id).fetch_optional(p).await)?,
        )
    }

    pub async fn pengguna_by_username(&self, username: &str) -> Result<Option<Pengguna>, Galat> {
        let sql = format!("SELECT {KOLOM_PENGGUNA} FROM pengguna WHERE username = $1");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(username.trim().to_lowercase()).fetch_optional(p).await)?,
        )
    }

    /// Accounts whose village or region falls under `awalan` ("" for all).
    pub async fn daftar_pengguna(&self, awalan: &str) -> Result<Vec<Pengguna>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PENGGUNA} FROM pengguna WHERE cakupan LIKE $1 ORDER BY username"
        );
        let pola = format!("{awalan}%");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&pola).fetch_all(p).await)?,
        )
    }

    /// Checks a username and password; `None` for any failure (the caller shows one message).
    /// The account for a user name and password, if both are right and the account is active.
    /// Unknown, disabled and wrong all cost one argon2 check (timing reveals nothing), run off
    /// the async workers.
    pub async fn cek_login(&self, username: &str, sandi: &str) -> Result<Option<Pengguna>, Galat> {
        const HASH_KOSONG: &str =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZGlmZmVyZW50aGFzaGRpZmZlcmVudGhhc2g";
        let p = self.pengguna_by_username(username).await?;
        let hash = p
            .as_ref()
            .map_or(HASH_KOSONG.to_string(), |p| p.kata_sandi.clone());
        let cocok = crate::latar::cocok_sandi(sandi, &hash).await;
        Ok(p.filter(|p| p.aktif && cocok))
    }

    pub async fn atur_aktif_pengguna(
        &self,
        id: Uuid,
        aktif: bool,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let p = self.pengguna(id).await?.ok_or(Galat::TidakDitemukan)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query("UPDATE pengguna SET aktif = $2, diubah_pada = $3 WHERE id = $1").bind(id).bind(aktif).bind(now).execute(&mut *c).await?;
            if !aktif {
                sqlx::query("DELETE FROM sesi WHERE pengguna_id = $1").bind(id).execute(&mut *c).await?;
            }
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &desa_audit(&p),
                aktor,
                aksi: if aktif { "aktifkan" } else { "nonaktifkan" },
                objek: "pengguna",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Sets a temporary password that must be changed at the next login; ends all sessions.
    pub async fn reset_sandi(&self, id: Uuid, aktor: &Aktor) -> Result<String, Galat> {
        let p = self.pengguna(id).await?.ok_or(Galat::TidakDitemukan)?;
        let sementara = sandi_sementara();
        let hash = crate::latar::hash_sandi(&sementara).await?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query("UPDATE pengguna SET kata_sandi = $2, wajib_ganti_sandi = TRUE, diubah_pada = $3 WHERE id = $1")
                .bind(id).bind(&hash).bind(now).execute(&mut *c).await?;
            sqlx::query("DELETE FROM sesi WHERE pengguna_id = $1").bind(id).execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &desa_audit(&p),
                aktor,
                aksi: "reset_sandi",
                objek: "pengguna",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        // The new password is the admin's answer to a locked-out user: the waits end too.
        self.tebakan()
            .lepas(&crate::tebakan::kunci_akun(&p.username))
            .await?;
        Ok(sementara)
    }

    /// Changes the user's own password; every other session of the user ends (`sesi_ini`, the
    /// caller's session token, stays).
    pub async fn ganti_sandi(
        &self,
        id: Uuid,
        sesi_ini: &str,
        lama: &str,
        baru: &str,
        ulang: &str,
    ) -> Result<(), Galat> {
        let p = self.pengguna(id).await?.ok_or(Galat::TidakDitemukan)?;
        if !crate::latar::cocok_sandi(lama, &p.kata_sandi).await {
            return Err(Galat::isian("lama", "Kata sandi saat ini salah."));
        }
        periksa_sandi_baru(lama, baru, ulang)?;
        let hash = crate::latar::hash_sandi(baru).await?;
        let now = self.sekarang();
        let aktor = Aktor::pengguna(&p.username);
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query("UPDATE pengguna SET kata_sandi = $2, wajib_ganti_sandi = FALSE, diubah_pada = $3 WHERE id = $1")
                .bind(id).bind(&hash).bind(now).execute(&mut *c).await?;
            sqlx::query("DELETE FROM sesi WHERE pengguna_id = $1 AND token_hash <> $2")
                .bind(id).bind(sha256_hex(sesi_ini)).execute(&mut *c).await.map(|_| ())
        })?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &desa_audit(&p),
                aktor: &aktor,
                aksi: "ganti_sandi",
                objek: "pengguna",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Starts a session; returns the cookie token (only its hash is stored) and the CSRF token.
    /// The sign-in is recorded in the account's village audit log (who, when; no address).
    pub async fn buat_sesi(
        &self,
        pengguna_id: Uuid,
        umur: Duration,
    ) -> Result<(String, String), Galat> {
        let u = self
            .pengguna(pengguna_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let token = token_acak();
        let csrf = token_acak();
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO sesi (token_hash, pengguna_id, csrf, dibuat_pada, kedaluwarsa, terakhir_aktif) VALUES ($1, $2, $3, $4, $5, $4)")
            .bind(sha256_hex(&token)).bind(pengguna_id).bind(&csrf).bind(now).bind(now + umur).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &desa_audit(&u),
                aktor: &Aktor::pengguna(&u.username),
                aksi: "masuk",
                objek: "pengguna",
                objek_id: pengguna_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok((token, csrf))
    }

    /// The account and CSRF token of a live session: not past its end, and used within
    /// `batas_diam` (a staff PC left logged in at the counter ends by itself).
    pub async fn sesi(
        &self,
        token: &str,
        batas_diam: Duration,
    ) -> Result<Option<(Pengguna, String)>, Galat> {
        let r: Option<BarisSesi> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT pengguna_id, csrf, kedaluwarsa, terakhir_aktif FROM sesi WHERE token_hash = $1").bind(sha256_hex(token)).fetch_optional(p).await)?;
        let Some((id, csrf, habis, aktif)) = r else {
            return Ok(None);
        };
        let now = self.sekarang();
        let diam = aktif.is_some_and(|a| now - a > batas_diam);
        if habis < now || diam {
            self.hapus_sesi(token).await?;
            return Ok(None);
        }
        // Written at most once a minute per session, not on every request.
        if aktif.is_none_or(|a| now - a > Duration::seconds(60)) {
            on_db!(&self.db, p => sqlx::query("UPDATE sesi SET terakhir_aktif = $2 WHERE token_hash = $1")
                .bind(sha256_hex(token)).bind(now).execute(p).await.map(|_| ()))?;
        }
        Ok(self
            .pengguna(id)
            .await?
            .filter(|p| p.aktif)
            .map(|p| (p, csrf)))
    }

    pub async fn hapus_sesi(&self, token: &str) -> Result<(), Galat> {
        on_db!(&self.db, p => sqlx::query("DELETE FROM sesi WHERE token_hash = $1").bind(sha256_hex(token)).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn bersihkan_sesi(&self) -> Result<u64, Galat> {
        let now = self.sekarang();
        Ok(
            on_db!(&self.db, p => sqlx::query("DELETE FROM sesi WHERE kedaluwarsa < $1").bind(now).execute(p).await.map(|r| r.rows_affected()))?,
        )
    }

    /// Creates an API token for some villages; the secret is returned once and stored hashed.
    pub async fn buat_token_api(
        &self,
        nama: &str,
        desa: &[String],
        hak: HakToken,
        pembuat: &Pengguna,
    ) -> Result<(TokenApi, String), Galat> {
        hak.periksa()?;
        if hak.dukcapil || hak.dinsos {
            return Err(Galat::Ditolak(
                "Token Dukcapil dan token Dinas Sosial dibuat admin sistem untuk satu kabupaten (balai token add --dukcapil atau --dinsos).".into(),
            ));
        }
        let tulis = hak.tulis;
        if nama.trim().is_empty() {
            return Err(Galat::isian(
                "nama",
                "Nama token wajib diisi, misalnya nama OPD pemakainya.",
            ));
        }
        if desa.is_empty() {
            return Err(Galat::isian(
                "desa",
                "Pilih minimal satu desa yang boleh diakses token ini.",
            ));
        }
        for d in desa {
            if !pembuat.boleh_lihat_desa(d) {
                return Err(Galat::isian(
                    "desa",
                    format!("Anda tidak berwenang atas desa {d}."),
                ));
            }
        }
        let rahasia = format!("balai_{}", token_acak());
        let id = id_baru();
        let now = self.sekarang();
        let daftar = desa.join(",");
        let aktor = Aktor::pengguna(&pembuat.username);
        let kedaluwarsa = now + Duration::days(hak.berlaku_hari);
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO token_api (id, nama, token_hash, desa_ids, tulis, dibuat_oleh, dibuat_pada, kedaluwarsa, dukcapil, kesehatan) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9)")
            .bind(id).bind(nama.trim()).bind(sha256_hex(&rahasia)).bind(&daftar).bind(tulis).bind(pembuat.id).bind(now).bind(kedaluwarsa).bind(hak.kesehatan)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for d in desa {
            catat(
                &mut tx,
                now,
                Catatan {
                    desa_id: d,
                    aktor: &aktor,
                    aksi: "buat",
                    objek: "token_api",
                    objek_id: id.to_string(),
                    sebelum: None,
                    sesudah: Some(serde_json::json!({"nama": nama.trim(), "tulis": tulis, "kesehatan": hak.kesehatan, "kedaluwarsa": kedaluwarsa})),
                },
            )
            .await?;
        }
        tx.commit().await?;
        let t = TokenApi {
            id,
            nama: nama.trim().to_string(),
            desa_ids: daftar,
            tulis,
            dibuat_pada: now,
            dicabut_pada: None,
            wilayah: String::new(),
            kedaluwarsa: Some(kedaluwarsa),
            dukcapil: false,
            dinsos: false,
            kesehatan: hak.kesehatan,
        };
        Ok((t, rahasia))
    }

    /// Creates an agency token for every village under a region (kabupaten `33.25`, kecamatan
    /// `33.25.08`, or one village), from the command line or by the system admin. A Dukcapil or
    /// Dinas Sosial token is for one kabupaten (`balai token add --dukcapil` / `--dinsos`).
    pub async fn buat_token_wilayah(
        &self,
        nama: &str,
        wilayah: &str,
        hak: HakToken,
        aktor: &Aktor,
    ) -> Result<(TokenApi, String), Galat> {
        hak.periksa()?;
        let (dukcapil, dinsos) = (hak.dukcapil, hak.dinsos);
        let tulis = hak.tulis || dukcapil || dinsos;
        if dukcapil && dinsos {
            return Err(Galat::Ditolak(
                "Satu token tidak dapat sekaligus untuk Dukcapil dan Dinas Sosial; buat dua token."
                    .into(),
            ));
        }
        if nama.trim().is_empty() {
            return Err(Galat::isian(
                "nama",
                "Nama token wajib diisi, misalnya nama OPD pemakainya (Dinas Sosial).",
            ));
        }
        let kode: String = wilayah.chars().filter(|c| c.is_ascii_digit()).collect();
        if ![2, 4, 6, 10].contains(&kode.len()) || self.wilayah(&kode).await?.is_none() {
            return Err(Galat::isian(
                "wilayah",
                format!(
                    "Kode wilayah {wilayah:?} tidak dikenal; isi kode Kemendagri kabupaten (33.25), \
                     kecamatan (33.25.08) atau desa (33.25.08.2004)."
                ),
            ));
        }
        if dukcapil && kode.len() != 4 {
            return Err(Galat::isian(
                "wilayah",
                "Token Dukcapil dibuat untuk satu kabupaten (kode 4 angka, mis. 33.25).",
            ));
        }
        if dinsos && kode.len() != 4 {
            return Err(Galat::isian(
                "wilayah",
                "Token Dinas Sosial dibuat untuk satu kabupaten (kode 4 angka, mis. 33.25).",
            ));
        }
        let rahasia = format!("balai_{}", token_acak());
        let id = id_baru();
        let now = self.sekarang();
        let kedaluwarsa = now + Duration::days(hak.berlaku_hari);
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO token_api (id, nama, token_hash, desa_ids, tulis, dibuat_oleh, dibuat_pada, wilayah, kedaluwarsa, dukcapil, dinsos, kesehatan) \
             VALUES ($1, $2, $3, '', $4, NULL, $5, $6, $7, $8, $9, $10)")
            .bind(id).bind(nama.trim()).bind(sha256_hex(&rahasia)).bind(tulis).bind(now).bind(&kode).bind(kedaluwarsa).bind(dukcapil).bind(dinsos).bind(hak.kesehatan)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &kode,
                aktor,
                aksi: "buat",
                objek: "token_api",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    serde_json::json!({"nama": nama.trim(), "tulis": tulis, "wilayah": kode, "dukcapil": dukcapil, "dinsos": dinsos, "kesehatan": hak.kesehatan, "kedaluwarsa": kedaluwarsa}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        let t = TokenApi {
            id,
            nama: nama.trim().to_string(),
            desa_ids: String::new(),
            tulis,
            dibuat_pada: now,
            dicabut_pada: None,
            wilayah: kode,
            kedaluwarsa: Some(kedaluwarsa),
            dukcapil,
            dinsos,
            kesehatan: hak.kesehatan,
        };
        Ok((t, rahasia))
    }

    pub async fn token_api(&self, rahasia: &str) -> Result<Option<TokenApi>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, nama, desa_ids, tulis, dibuat_pada, dicabut_pada, wilayah, kedaluwarsa, dukcapil, dinsos, kesehatan FROM token_api \
             WHERE token_hash = $1 AND dicabut_pada IS NULL AND (kedaluwarsa IS NULL OR kedaluwarsa > $2)")
            .bind(sha256_hex(rahasia)).bind(self.sekarang()).fetch_optional(p).await)?)
    }

    pub async fn daftar_token_api(&self, desa_id: &str) -> Result<Vec<TokenApi>, Galat> {
        let pola = format!("%{desa_id}%");
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, nama, desa_ids, tulis, dibuat_pada, dicabut_pada, wilayah, kedaluwarsa, dukcapil, dinsos, kesehatan FROM token_api WHERE desa_ids LIKE $1 ORDER BY dibuat_pada DESC")
            .bind(&pola).fetch_all(p).await)?)
    }

    pub async fn cabut_token_api(
        &self,
        id: Uuid,
        desa_id: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let pola = format!("%{desa_id}%");
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query("UPDATE token_api SET dicabut_pada = $2 WHERE id = $1 AND desa_ids LIKE $3 AND dicabut_pada IS NULL")
            .bind(id).bind(now).bind(&pola).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "cabut",
                objek: "token_api",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Region tokens (a kabupaten, a kecamatan or one village by its region code), newest first:
    /// the system admin's page, as `balai token add` makes them.
    pub async fn daftar_token_wilayah(&self) -> Result<Vec<TokenApi>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, nama, desa_ids, tulis, dibuat_pada, dicabut_pada, wilayah, kedaluwarsa, dukcapil, dinsos, kesehatan FROM token_api \
             WHERE wilayah <> '' ORDER BY dibuat_pada DESC")
            .fetch_all(p).await)?)
    }

    /// Revokes a region token; recorded in the region's audit log, like its making.
    pub async fn cabut_token_wilayah(&self, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let wilayah: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "UPDATE token_api SET dicabut_pada = $2 WHERE id = $1 AND wilayah <> '' AND dicabut_pada IS NULL RETURNING wilayah")
            .bind(id).bind(now).fetch_optional(&mut *c).await)?;
        let Some(wilayah) = wilayah else {
            return Err(Galat::TidakDitemukan);
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &wilayah,
                aktor,
                aksi: "cabut",
                objek: "token_api",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }
}
