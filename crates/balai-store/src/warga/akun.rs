//! Resident accounts: a 6-digit PIN (argon2id), failure counting and lockout per NIK, one-time
//! activation codes, and sessions for the phone portal and the kiosk.

use crate::audit::{Catatan, catat};
use crate::latar::{cocok_sandi, hash_sandi};
use crate::pengguna::{sha256_hex, token_acak};
use crate::{Aktor, Galat, Store, on_db, on_tx};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::json;
use uuid::Uuid;

pub use balai_domain::pin::{BEBAS_GAGAL, KUNCI_SETELAH, pin_lemah, tunggu_gagal};

/// Activation codes one village sends per day at most.
pub const KODE_PER_HARI: i64 = 200;

/// Hash used when the NIK has no account, so a wrong NIK costs the same time as a wrong PIN.
const HASH_KOSONG: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZGlmZmVyZW50aGFzaGRpZmZlcmVudGhhc2g";

/// A resident's login state, as the operator sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AkunWarga {
    pub desa_id: String,
    pub penduduk_id: Uuid,
    pub pin_hash: String,
    pub wajib_ganti_pin: bool,
    pub gagal: i64,
    pub terkunci_sampai: Option<DateTime<Utc>>,
    pub kode_hash: Option<String>,
    pub kode_kedaluwarsa: Option<DateTime<Utc>>,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl AkunWarga {
    pub fn punya_pin(&self) -> bool {
        !self.pin_hash.is_empty()
    }
    pub fn terkunci(&self, now: DateTime<Utc>) -> bool {
        self.terkunci_sampai.is_some_and(|t| t > now)
    }
}

/// A live resident session.
#[derive(Debug, Clone)]
pub struct SesiWarga {
    pub desa_id: String,
    pub penduduk_id: Uuid,
    pub csrf: String,
    /// "portal" or "anjungan".
    pub kanal: String,
    pub wajib_ganti_pin: bool,
}

/// The outcome of a login attempt. Every failure looks the same to the resident.
#[derive(Debug)]
pub enum HasilMasukWarga {
    Berhasil {
        desa_id: String,
        penduduk_id: Uuid,
        wajib_ganti_pin: bool,
    },
    Gagal,
    /// Too many failures on this NIK: wait this long.
    Tunggu(Duration),
}

/// Six random digits, not one of the easily guessed ones.
pub fn pin_acak() -> String {
    loop {
        let pin = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
        if pin_lemah(&pin, None).is_none() {
            return pin;
        }
    }
}

const SELECT_AKUN: &str = "SELECT * FROM warga_akun WHERE desa_id = $1 AND penduduk_id = $2";

impl Store {
    pub async fn akun_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Option<AkunWarga>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(SELECT_AKUN)
            .bind(desa_id).bind(penduduk_id).fetch_optional(p).await)?)
    }

    /// Issues a new PIN (first time or reset) for a living resident: returns it once, for the
    /// printed slip. The resident must change it at first login; other sessions end.
    pub async fn terbitkan_pin(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        aktor: &Aktor,
    ) -> Result<String, Galat> {
        let p = self
            .penduduk(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if p.status_dasar != crate::penduduk::HIDUP {
            return Err(Galat::Ditolak(format!(
                "PIN tidak dapat diterbitkan: {} tidak berstatus penduduk aktif.",
                p.nama
            )));
        }
        let pin = pin_acak();
        let hash = hash_sandi(&pin).await?;
        let now = self.sekarang();
        let ada = self.akun_warga(desa_id, penduduk_id).await?.is_some();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO warga_akun (desa_id, penduduk_id, pin_hash, wajib_ganti_pin, gagal, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, TRUE, 0, $4, $4) ON CONFLICT (desa_id, penduduk_id) DO UPDATE SET \
             pin_hash = $3, wajib_ganti_pin = TRUE, gagal = 0, terkunci_sampai = NULL, kode_hash = NULL, \
             kode_kedaluwarsa = NULL, diubah_pada = $4")
            .bind(desa_id).bind(penduduk_id).bind(&hash).bind(now).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM warga_sesi WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if ada { "reset_pin" } else { "terbitkan_pin" },
                objek: "warga_akun",
                objek_id: penduduk_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        if ada {
            crate::notifikasi::antre(
                &mut tx,
                now,
                desa_id,
                penduduk_id,
                crate::notifikasi::Peristiwa::PinDireset,
                &json!({ "nama": p.nama }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(pin)
    }

    /// Lifts a lockout (operator action).
    pub async fn buka_kunci_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE warga_akun SET gagal = 0, terkunci_sampai = NULL, diubah_pada = $3 WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "buka_kunci_pin",
                objek: "warga_akun",
                objek_id: penduduk_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// The living resident with this NIK, in any village of this install.
    async fn cari_warga_nik(&self, nik: &str) -> Result<Option<(String, Uuid)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT desa_id, id FROM penduduk WHERE nik = $1 AND status_dasar = 1 ORDER BY desa_id LIMIT 1")
            .bind(nik).fetch_optional(p).await)?)
    }

    /// Checks NIK + PIN. Counts failures per account and locks it after `KUNCI_SETELAH`.
    pub async fn masuk_warga(&self, nik: &str, pin: &str) -> Result<HasilMasukWarga, Galat> {
        let akun = match self.cari_warga_nik(nik).await? {
            Some((desa_id, id)) => self.akun_warga(&desa_id, id).await?,
            None => None,
        };
        let Some(akun) = akun.filter(AkunWarga::punya_pin) else {
            cocok_sandi(pin, HASH_KOSONG).await;
            return Ok(HasilMasukWarga::Gagal);
        };
        let Some(ke) = self
            .klaim_percobaan(&akun.desa_id, akun.penduduk_id)
            .await?
        else {
            return self.hasil_tunggu(&akun.desa_id, akun.penduduk_id).await;
        };
        if cocok_sandi(pin, &akun.pin_hash).await {
            self.berhasil_warga(&akun.desa_id, akun.penduduk_id).await?;
            return Ok(HasilMasukWarga::Berhasil {
                desa_id: akun.desa_id,
                penduduk_id: akun.penduduk_id,
                wajib_ganti_pin: akun.wajib_ganti_pin,
            });
        }
        self.gagal_warga(&akun.desa_id, akun.penduduk_id, ke)
            .await?;
        Ok(HasilMasukWarga::Gagal)
    }

    /// Counts one attempt before the PIN (or code) is checked, and sets the wait it would earn
    /// if it fails, in one statement: parallel guesses cannot slip past the lock. `None` while
    /// the account waits. A success clears both (`berhasil_warga`).
    async fn klaim_percobaan(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Option<i64>, Galat> {
        let now = self.sekarang();
        let sampai = |g: i64| tunggu_gagal(g).map(|t| now + t);
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "UPDATE warga_akun SET gagal = gagal + 1, terkunci_sampai = CASE WHEN gagal + 1 <= $4 THEN terkunci_sampai \
             WHEN gagal + 1 = $4 + 1 THEN $5 WHEN gagal + 1 = $4 + 2 THEN $6 ELSE $7 END \
             WHERE desa_id = $1 AND penduduk_id = $2 AND (terkunci_sampai IS NULL OR terkunci_sampai <= $3) RETURNING gagal")
            .bind(desa_id).bind(penduduk_id).bind(now).bind(BEBAS_GAGAL)
            .bind(sampai(BEBAS_GAGAL + 1)).bind(sampai(BEBAS_GAGAL + 2)).bind(sampai(KUNCI_SETELAH))
            .fetch_optional(p).await)?)
    }

    async fn hasil_tunggu(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<HasilMasukWarga, Galat> {
        let now = self.sekarang();
        let sampai = self
            .akun_warga(desa_id, penduduk_id)
            .await?
            .and_then(|a| a.terkunci_sampai)
            .unwrap_or(now);
        Ok(HasilMasukWarga::Tunggu(
            (sampai - now).max(Duration::seconds(1)),
        ))
    }

    async fn berhasil_warga(&self, desa_id: &str, penduduk_id: Uuid) -> Result<(), Galat> {
        on_db!(&self.db, p => sqlx::query(
            "UPDATE warga_akun SET gagal = 0, terkunci_sampai = NULL WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// A claimed attempt failed: the wait is already set; the lock itself is audited.
    async fn gagal_warga(&self, desa_id: &str, penduduk_id: Uuid, ke: i64) -> Result<(), Galat> {
        if ke == KUNCI_SETELAH {
            self.catat_audit(Catatan {
                desa_id,
                aktor: &Aktor::sistem(),
                aksi: "kunci_pin",
                objek: "warga_akun",
                objek_id: penduduk_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "gagal": ke })),
            })
            .await?;
        }
        Ok(())
    }

    /// Sets the resident's own new PIN (after the issued one, or to change it). Every other
    /// session of the resident ends; `sesi_ini` (the caller's session token) stays.
    pub async fn ganti_pin_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        pin_lama: Option<&str>,
        pin_baru: &str,
        pin_ulang: &str,
        sesi_ini: Option<&str>,
    ) -> Result<(), Galat> {
        let akun = self
            .akun_warga(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if let Some(lama) = pin_lama {
            // Wrong old PINs count like failed logins: a stolen session cannot guess freely.
            let Some(ke) = self.klaim_percobaan(desa_id, penduduk_id).await? else {
                return Err(Galat::isian(
                    "pin_lama",
                    "Terlalu banyak percobaan yang gagal. Tunggu beberapa menit, lalu coba lagi.",
                ));
            };
            if !cocok_sandi(lama, &akun.pin_hash).await {
                self.gagal_warga(desa_id, penduduk_id, ke).await?;
                return Err(Galat::isian("pin_lama", "PIN lama tidak cocok."));
            }
            self.berhasil_warga(desa_id, penduduk_id).await?;
        }
        let p = self
            .penduduk(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if let Some(alasan) = pin_lemah(pin_baru, Some(p.tanggal_lahir)) {
            return Err(Galat::isian("pin_baru", alasan));
        }
        if pin_baru != pin_ulang {
            return Err(Galat::isian(
                "pin_ulang",
                "Ulangi PIN baru dengan angka yang sama persis.",
            ));
        }
        if cocok_sandi(pin_baru, &akun.pin_hash).await {
            return Err(Galat::isian(
                "pin_baru",
                "PIN baru harus berbeda dari PIN yang diberikan petugas.",
            ));
        }
        let hash = hash_sandi(pin_baru).await?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE warga_akun SET pin_hash = $3, wajib_ganti_pin = FALSE, kode_hash = NULL, kode_kedaluwarsa = NULL, diubah_pada = $4 \
             WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).bind(&hash).bind(now).execute(&mut *c).await.map(|_| ()))?;
        let tetap = sesi_ini.map(sha256_hex).unwrap_or_default();
        on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM warga_sesi WHERE desa_id = $1 AND penduduk_id = $2 AND token_hash <> $3")
            .bind(desa_id).bind(penduduk_id).bind(&tetap).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor: &Aktor::warga(penduduk_id),
                aksi: "ganti_pin",
                objek: "warga_akun",
                objek_id: penduduk_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Sends a one-time activation code to the phone on record, if the NIK belongs to a living
    /// resident with a phone number and no code was sent in the last minute. The caller shows
    /// the same answer whatever happens here, so it reveals nothing about the NIK.
    pub async fn minta_kode_aktivasi(&self, nik: &str) -> Result<(), Galat> {
        let Some((desa_id, id)) = self.cari_warga_nik(nik).await? else {
            return Ok(());
        };
        let Some(p) = self.penduduk(&desa_id, id).await? else {
            return Ok(());
        };
        if p.telepon.trim().is_empty() {
            return Ok(());
        }
        let now = self.sekarang();
        if let Some(a) = self.akun_warga(&desa_id, id).await? {
            if a.terkunci(now) {
                return Ok(());
            }
            if a.kode_kedaluwarsa
                .is_some_and(|t| t - Duration::minutes(15) + Duration::minutes(1) > now)
            {
                return Ok(());
            }
        }
        // A daily cap per village keeps a script from spending the village's SMS/WhatsApp
        // credit by asking codes for every NIK it can guess.
        let sehari: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM notifikasi WHERE desa_id = $1 AND peristiwa = 'kode_aktivasi' AND dibuat_pada > $2")
            .bind(&desa_id).bind(now - Duration::days(1)).fetch_one(p).await)?;
        if sehari >= KODE_PER_HARI {
            tracing::warn!("batas harian kode aktivasi tercapai");
            return Ok(());
        }
        let kode = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
        let hash = hash_sandi(&kode).await?;
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO warga_akun (desa_id, penduduk_id, pin_hash, wajib_ganti_pin, gagal, kode_hash, kode_kedaluwarsa, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, '', FALSE, 0, $3, $4, $5, $5) ON CONFLICT (desa_id, penduduk_id) DO UPDATE SET \
             kode_hash = $3, kode_kedaluwarsa = $4, diubah_pada = $5")
            .bind(&desa_id).bind(id).bind(&hash).bind(now + Duration::minutes(15)).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &desa_id,
                aktor: &Aktor::sistem(),
                aksi: "kirim_kode_aktivasi",
                objek: "warga_akun",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        crate::notifikasi::antre(
            &mut tx,
            now,
            &desa_id,
            id,
            crate::notifikasi::Peristiwa::KodeAktivasi,
            &json!({ "nama": p.nama, "kode": kode }),
        )
        .await?;
        tx.commit().await
    }

    /// Activates with the code that was sent: sets the resident's own PIN. A wrong code counts
    /// as a failed login.
    pub async fn aktifkan_warga(
        &self,
        nik: &str,
        kode: &str,
        pin_baru: &str,
        pin_ulang: &str,
    ) -> Result<HasilMasukWarga, Galat> {
        let now = self.sekarang();
        let akun = match self.cari_warga_nik(nik).await? {
            Some((desa_id, id)) => self.akun_warga(&desa_id, id).await?,
            None => None,
        };
        let Some(akun) = akun else {
            cocok_sandi(kode, HASH_KOSONG).await;
            return Ok(HasilMasukWarga::Gagal);
        };
        let Some(ke) = self
            .klaim_percobaan(&akun.desa_id, akun.penduduk_id)
            .await?
        else {
            return self.hasil_tunggu(&akun.desa_id, akun.penduduk_id).await;
        };
        let berlaku = akun.kode_kedaluwarsa.is_some_and(|t| t > now);
        // Always one argon2 check, with or without a code on record.
        let hash = akun.kode_hash.as_deref().unwrap_or(HASH_KOSONG);
        let cocok = cocok_sandi(kode.trim(), hash).await && akun.kode_hash.is_some();
        if !(berlaku && cocok) {
            self.gagal_warga(&akun.desa_id, akun.penduduk_id, ke)
                .await?;
            return Ok(HasilMasukWarga::Gagal);
        }
        // The code proved the phone; the PIN rules still apply.
        self.berhasil_warga(&akun.desa_id, akun.penduduk_id).await?;
        let p = self
            .penduduk(&akun.desa_id, akun.penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if let Some(alasan) = pin_lemah(pin_baru, Some(p.tanggal_lahir)) {
            return Err(Galat::isian("pin_baru", alasan));
        }
        if pin_baru != pin_ulang {
            return Err(Galat::isian(
                "pin_ulang",
                "Ulangi PIN baru dengan angka yang sama persis.",
            ));
        }
        let hash = hash_sandi(pin_baru).await?;
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE warga_akun SET pin_hash = $3, wajib_ganti_pin = FALSE, gagal = 0, terkunci_sampai = NULL, \
             kode_hash = NULL, kode_kedaluwarsa = NULL, diubah_pada = $4 WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(&akun.desa_id).bind(akun.penduduk_id).bind(&hash).bind(now).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM warga_sesi WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(&akun.desa_id).bind(akun.penduduk_id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id: &akun.desa_id,
                aktor: &Aktor::warga(akun.penduduk_id),
                aksi: "aktivasi_pin",
                objek: "warga_akun",
                objek_id: akun.penduduk_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(HasilMasukWarga::Berhasil {
            desa_id: akun.desa_id,
            penduduk_id: akun.penduduk_id,
            wajib_ganti_pin: false,
        })
    }

    /// Starts a resident session; returns the cookie token (stored hashed) and the CSRF token.
    pub async fn buat_sesi_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        kanal: &str,
        umur: Duration,
    ) -> Result<(String, String), Galat> {
        let token = token_acak();
        let csrf = token_acak();
        let now = self.sekarang();
        on_db!(&self.db, p => sqlx::query(
            "INSERT INTO warga_sesi (token_hash, desa_id, penduduk_id, csrf, kanal, dibuat_pada, kedaluwarsa) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(sha256_hex(&token)).bind(desa_id).bind(penduduk_id).bind(&csrf).bind(kanal).bind(now).bind(now + umur)
            .execute(p).await.map(|_| ()))?;
        Ok((token, csrf))
    }

    /// The live session for a cookie token. `perpanjang` slides the expiry (kiosk idle timeout).
    pub async fn sesi_warga(
        &self,
        token: &str,
        perpanjang: Option<Duration>,
    ) -> Result<Option<SesiWarga>, Galat> {
        let hash = sha256_hex(token);
        let r: Option<(String, Uuid, String, String, DateTime<Utc>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT desa_id, penduduk_id, csrf, kanal, kedaluwarsa FROM warga_sesi WHERE token_hash = $1")
            .bind(&hash).fetch_optional(p).await)?;
        let Some((desa_id, penduduk_id, csrf, kanal, habis)) = r else {
            return Ok(None);
        };
        let now = self.sekarang();
        let akun = self.akun_warga(&desa_id, penduduk_id).await?;
        let hidup = self
            .penduduk(&desa_id, penduduk_id)
            .await?
            .is_some_and(|p| p.status_dasar == crate::penduduk::HIDUP);
        let Some(akun) = akun.filter(|a| habis > now && hidup && a.punya_pin()) else {
            self.hapus_sesi_warga(token).await?;
            return Ok(None);
        };
        if let Some(d) = perpanjang {
            on_db!(&self.db, p => sqlx::query("UPDATE warga_sesi SET kedaluwarsa = $2 WHERE token_hash = $1")
                .bind(&hash).bind(now + d).execute(p).await.map(|_| ()))?;
        }
        Ok(Some(SesiWarga {
            desa_id,
            penduduk_id,
            csrf,
            kanal,
            wajib_ganti_pin: akun.wajib_ganti_pin,
        }))
    }

    pub async fn hapus_sesi_warga(&self, token: &str) -> Result<(), Galat> {
        on_db!(&self.db, p => sqlx::query("DELETE FROM warga_sesi WHERE token_hash = $1")
            .bind(sha256_hex(token)).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// An operator ends every session of a resident (lost phone); audited.
    pub async fn akhiri_sesi_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        aktor: &Aktor,
    ) -> Result<u64, Galat> {
        let n = self.keluar_semua_warga(desa_id, penduduk_id).await?;
        self.catat_audit(Catatan {
            desa_id,
            aktor,
            aksi: "akhiri_sesi",
            objek: "warga_akun",
            objek_id: penduduk_id.to_string(),
            sebelum: None,
            sesudah: Some(json!({ "sesi": n })),
        })
        .await?;
        Ok(n)
    }

    /// Ends every session of a resident (portal and kiosk), e.g. "keluar dari semua perangkat".
    pub async fn keluar_semua_warga(&self, desa_id: &str, penduduk_id: Uuid) -> Result<u64, Galat> {
        Ok(
            on_db!(&self.db, p => sqlx::query("DELETE FROM warga_sesi WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).execute(p).await.map(|r| r.rows_affected()))?,
        )
    }

    pub async fn bersihkan_sesi_warga(&self) -> Result<u64, Galat> {
        let now = self.sekarang();
        Ok(
            on_db!(&self.db, p => sqlx::query("DELETE FROM warga_sesi WHERE kedaluwarsa < $1")
            .bind(now).execute(p).await.map(|r| r.rows_affected()))?,
        )
    }
}
