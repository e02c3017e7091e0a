//! Notifications to residents: per-village channels and templates, the outbox with retries and
//! backoff, and the delivery log.
//!
//! A module that changes something a resident should hear about calls [`antre`] inside its own
//! transaction, so the event and its messages commit together, and after committing calls
//! [`Store::bangunkan_kurir`] so the sender (in `balai-web`) sends at once instead of at its
//! next round. Every event gets one `portal` row (shown in the resident's portal, delivered at
//! once) — except the activation code, which is a secret — and one row per active channel for
//! which the resident has an address: the phone on record for WhatsApp and SMS, the e-mail on
//! record, and a Telegram chat id recorded in `telegram_penduduk` (the resident's own, linked by
//! staff or the portal). The activation code goes to the phone channels only.
//!
//! The sender claims due rows ([`Store::ambil_jatuh_tempo`]), sends them through `balai-kirim`
//! and records the outcome ([`Store::tandai_terkirim`], [`Store::tandai_gagal`]); every try is
//! written to `notifikasi_log`. Failed tries are retried after 1 minute, 5 minutes, 30 minutes,
//! 2 hours and 12 hours; after the sixth failed try the message is `gagal` for good.

use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::notifikasi::periksa_templat;
pub use balai_domain::notifikasi::{
    ISI_DISAMARKAN, JEDA_ULANG, MAKS_PERCOBAAN, Peristiwa, STATUS, kode_lacak_surat, label_status,
    render, samarkan_tujuan,
};
use balai_kirim::{Kanal, Setelan};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

/// How long a claimed row stays with its sender before another may take it again.
const MASA_KLAIM: i64 = 120;

/// One channel of a village with its settings.
#[derive(Debug, Clone)]
pub struct KanalDesa {
    pub kanal: Kanal,
    pub aktif: bool,
    pub setelan: Setelan,
    /// `None` while never saved.
    pub diubah_pada: Option<DateTime<Utc>>,
}

/// A village's template of one event.
#[derive(Debug, Clone, Serialize)]
pub struct TemplatNotifikasi {
    pub peristiwa: Peristiwa,
    pub judul: String,
    pub isi: String,
    /// True while the built-in text is used.
    pub bawaan: bool,
}

/// A notification as the resident's portal shows it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct NotifikasiWarga {
    pub id: Uuid,
    pub peristiwa: String,
    pub judul: String,
    pub isi: String,
    pub dibuat_pada: DateTime<Utc>,
    pub dibaca_pada: Option<DateTime<Utc>>,
}

/// An outgoing message as the admin's delivery log shows it (without its text).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct NotifikasiKeluar {
    pub id: Uuid,
    pub penduduk_id: Option<Uuid>,
    pub peristiwa: String,
    pub kanal: String,
    pub tujuan: String,
    pub judul: String,
    pub status: String,
    pub percobaan: i64,
    pub coba_lagi_pada: Option<DateTime<Utc>>,
    pub dibuat_pada: DateTime<Utc>,
    pub terkirim_pada: Option<DateTime<Utc>>,
    pub galat_terakhir: Option<String>,
}

impl NotifikasiKeluar {
    pub fn peristiwa_label(&self) -> &'static str {
        Peristiwa::dari_kode(&self.peristiwa)
            .map(Peristiwa::label)
            .unwrap_or("")
    }
    pub fn kanal_label(&self) -> &'static str {
        label_kanal(&self.kanal)
    }
    pub fn status_label(&self) -> &'static str {
        label_status(&self.status)
    }
    /// The address partly hidden, for screens.
    pub fn tujuan_samar(&self) -> String {
        samarkan_tujuan(&self.tujuan)
    }
}

/// One try in the delivery log.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EntriLogNotifikasi {
    pub notifikasi_id: Uuid,
    pub percobaan: i64,
    pub waktu: DateTime<Utc>,
    pub berhasil: bool,
    pub keterangan: String,
    pub kanal: String,
    pub peristiwa: String,
    pub tujuan: String,
}

impl EntriLogNotifikasi {
    pub fn kanal_label(&self) -> &'static str {
        label_kanal(&self.kanal)
    }
    pub fn peristiwa_label(&self) -> &'static str {
        Peristiwa::dari_kode(&self.peristiwa)
            .map(Peristiwa::label)
            .unwrap_or("")
    }
    pub fn tujuan_samar(&self) -> String {
        samarkan_tujuan(&self.tujuan)
    }
}

/// A claimed message for the sender.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PesanKeluar {
    pub desa_id: String,
    pub id: Uuid,
    pub kanal: String,
    pub tujuan: String,
    pub judul: String,
    pub isi: String,
    /// Tries made before this one.
    pub percobaan: i64,
}

/// Filter of the delivery log.
#[derive(Debug, Clone, Default)]
pub struct SaringNotifikasi {
    /// "menunggu", "dikirim", "terkirim" or "gagal"; `None` for all.
    pub status: Option<String>,
    /// Rows older than this id (keyset paging, newest first).
    pub sebelum: Option<Uuid>,
    pub batas: i64,
}

pub fn label_kanal(s: &str) -> &'static str {
    if s == "portal" {
        return "Portal warga";
    }
    Kanal::dari_kode(s).map(Kanal::label).unwrap_or("")
}

fn teks(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        lain => lain.to_string(),
    }
}

fn galat_db(e: impl std::fmt::Display) -> Galat {
    Galat::Lain(e.to_string())
}

/// Queues the messages of one event for one resident, inside the caller's transaction.
/// Renders the village's template (or the built-in one) with `data` plus `nama` and `desa`,
/// writes the portal row (delivered at once; none for a secret) and one row per active
/// channel the resident has an address for. Answers how many messages wait to be sent.
/// After committing, call [`Store::bangunkan_kurir`].
pub async fn antre(
    tx: &mut Tx,
    waktu: DateTime<Utc>,
    desa_id: &str,
    penduduk_id: Uuid,
    peristiwa: Peristiwa,
    data: &Value,
) -> Result<usize, Galat> {
    type Orang = (String, String, String, String, Option<String>);
    let (nama, telepon, email, nama_desa, telegram): Orang = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.nama, p.telepon, p.email, d.nama, t.chat_id FROM penduduk p JOIN desa d ON d.desa_id = p.desa_id \
         LEFT JOIN telegram_penduduk t ON t.desa_id = p.desa_id AND t.penduduk_id = p.id \
         WHERE p.desa_id = $1 AND p.id = $2")
        .bind(desa_id).bind(penduduk_id).fetch_one(&mut *c).await)?;
    let tersimpan: Option<(String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT judul, isi FROM templat_notifikasi WHERE desa_id = $1 AND peristiwa = $2")
        .bind(desa_id).bind(peristiwa.kode()).fetch_optional(&mut *c).await)?;
    let kanal: Vec<(String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT kanal, setelan FROM kanal_notifikasi WHERE desa_id = $1 AND aktif ORDER BY kanal")
        .bind(desa_id).fetch_all(&mut *c).await)?;

    let mut nilai = BTreeMap::from([("nama".to_string(), nama), ("desa".to_string(), nama_desa)]);
    if let Value::Object(m) = data {
        for (k, v) in m {
            nilai.insert(k.clone(), teks(v));
        }
    }
    let (judul, isi) = match &tersimpan {
        Some((j, i)) => (j.as_str(), i.as_str()),
        None => peristiwa.templat_bawaan(),
    };
    let judul = render(judul, &nilai);
    let isi = render(isi, &nilai);

    let rahasia = peristiwa.rahasia();
    if !rahasia {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO notifikasi (desa_id, id, penduduk_id, peristiwa, kanal, tujuan, judul, isi, rahasia, status, percobaan, dibuat_pada, terkirim_pada) \
             VALUES ($1, $2, $3, $4, 'portal', '', $5, $6, $7, 'terkirim', 0, $8, $8)")
            .bind(desa_id).bind(id_baru()).bind(penduduk_id).bind(peristiwa.kode()).bind(&judul).bind(&isi)
            .bind(false).bind(waktu).execute(&mut *c).await.map(|_| ()))?;
    }
    let mut n = 0;
    for (kode, setelan) in kanal {
        let Some(k) = Kanal::dari_kode(&kode) else {
            continue;
        };
        if rahasia && !k.ke_telepon() {
            continue;
        }
        // Settings that no longer parse are not a reason to lose the event.
        if serde_json::from_str::<Setelan>(&setelan).is_err() {
            continue;
        }
        let alamat = match k {
            Kanal::WhatsApp | Kanal::Sms => telepon.as_str(),
            Kanal::Email => email.as_str(),
            Kanal::Telegram => telegram.as_deref().unwrap_or(""),
        };
        let Ok(tujuan) = balai_kirim::tujuan_sah(k, alamat) else {
            continue;
        };
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO notifikasi (desa_id, id, penduduk_id, peristiwa, kanal, tujuan, judul, isi, rahasia, status, percobaan, coba_lagi_pada, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'menunggu', 0, $10, $10)")
            .bind(desa_id).bind(id_baru()).bind(penduduk_id).bind(peristiwa.kode()).bind(k.kode()).bind(&tujuan)
            .bind(&judul).bind(&isi).bind(rahasia).bind(waktu).execute(&mut *c).await.map(|_| ()))?;
        n += 1;
    }
    Ok(n)
}

fn ke_galat_isian(g: Vec<(&'static str, String)>) -> Galat {
    let mut d = DaftarGalat::default();
    for (k, p) in g {
        d.push(k, p);
    }
    Galat::Isian(d)
}

impl Store {
    /// The sender's bell: rung after something is queued.
    pub fn lonceng_kurir(&self) -> Arc<tokio::sync::Notify> {
        self.kurir.clone()
    }

    /// Wakes the sender now (call after committing a transaction that queued messages).
    pub fn bangunkan_kurir(&self) {
        self.kurir.notify_one();
    }

    /// Every channel of a village, saved or not (in the order of [`Kanal::SEMUA`]).
    pub async fn kanal_notifikasi(&self, desa_id: &str) -> Result<Vec<KanalDesa>, Galat> {
        let baris: Vec<(String, bool, String, DateTime<Utc>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT kanal, aktif, setelan, diubah_pada FROM kanal_notifikasi WHERE desa_id = $1")
            .bind(desa_id).fetch_all(p).await)?;
        Ok(Kanal::SEMUA
            .into_iter()
            .map(|k| {
                match baris.iter().find(|b| b.0 == k.kode()).and_then(|b| {
                    serde_json::from_str::<Setelan>(&b.2)
                        .ok()
                        .filter(|s| s.kanal() == k)
                        .map(|s| (b.1, s, b.3))
                }) {
                    Some((aktif, setelan, diubah)) => KanalDesa {
                        kanal: k,
                        aktif,
                        setelan,
                        diubah_pada: Some(diubah),
                    },
                    None => KanalDesa {
                        kanal: k,
                        aktif: false,
                        setelan: Setelan::bawaan(k),
                        diubah_pada: None,
                    },
                }
            })
            .collect())
    }

    /// One channel of a village.
    pub async fn kanal_notifikasi_satu(
        &self,
        desa_id: &str,
        kanal: Kanal,
    ) -> Result<KanalDesa, Galat> {
        self.kanal_notifikasi(desa_id)
            .await?
            .into_iter()
            .find(|k| k.kanal == kanal)
            .ok_or(Galat::TidakDitemukan)
    }

    /// Saves a channel's settings. A secret left empty keeps the stored one. The settings are
    /// checked (each problem names its field); the audit record has the secret masked.
    pub async fn simpan_kanal_notifikasi(
        &self,
        desa_id: &str,
        aktif: bool,
        setelan: &Setelan,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let lama = self.kanal_notifikasi_satu(desa_id, setelan.kanal()).await?;
        let mut baru = setelan.clone();
        baru.pertahankan_rahasia(&lama.setelan);
        baru.periksa().map_err(ke_galat_isian)?;
        let json = serde_json::to_string(&baru).map_err(galat_db)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO kanal_notifikasi (desa_id, kanal, aktif, setelan, diubah_pada) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (desa_id, kanal) DO UPDATE SET aktif = $3, setelan = $4, diubah_pada = $5")
            .bind(desa_id).bind(baru.kanal().kode()).bind(aktif).bind(&json).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah_kanal",
                objek: "kanal_notifikasi",
                objek_id: baru.kanal().kode().into(),
                sebelum: lama
                    .diubah_pada
                    .map(|_| json!({"aktif": lama.aktif, "setelan": lama.setelan.disamarkan()})),
                sesudah: Some(json!({"aktif": aktif, "setelan": baru.disamarkan()})),
            },
        )
        .await?;
        tx.commit().await
    }

    /// The settings of an active channel, for the sender.
    pub async fn setelan_kanal_aktif(
        &self,
        desa_id: &str,
        kanal: Kanal,
    ) -> Result<Option<Setelan>, Galat> {
        let k = self.kanal_notifikasi_satu(desa_id, kanal).await?;
        Ok((k.aktif && k.diubah_pada.is_some()).then_some(k.setelan))
    }

    /// The templates of every event, the village's own or the built-in ones.
    pub async fn templat_notifikasi(&self, desa_id: &str) -> Result<Vec<TemplatNotifikasi>, Galat> {
        let baris: Vec<(String, String, String)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT peristiwa, judul, isi FROM templat_notifikasi WHERE desa_id = $1")
            .bind(desa_id).fetch_all(p).await)?;
        Ok(Peristiwa::SEMUA
            .into_iter()
            .map(|p| match baris.iter().find(|b| b.0 == p.kode()) {
                Some((_, j, i)) => TemplatNotifikasi {
                    peristiwa: p,
                    judul: j.clone(),
                    isi: i.clone(),
                    bawaan: false,
                },
                None => {
                    let (j, i) = p.templat_bawaan();
                    TemplatNotifikasi {
                        peristiwa: p,
                        judul: j.into(),
                        isi: i.into(),
                        bawaan: true,
                    }
                }
            })
            .collect())
    }

    /// Saves a village's template of one event. Empty texts, very long ones, and placeholders
    /// the event does not have are refused with the field named.
    pub async fn simpan_templat_notifikasi(
        &self,
        desa_id: &str,
        peristiwa: Peristiwa,
        judul: &str,
        isi: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let judul = judul.trim();
        let isi = isi.trim().replace("\r\n", "\n");
        periksa_templat(peristiwa, judul, &isi)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO templat_notifikasi (desa_id, peristiwa, judul, isi, diubah_pada) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (desa_id, peristiwa) DO UPDATE SET judul = $3, isi = $4, diubah_pada = $5")
            .bind(desa_id).bind(peristiwa.kode()).bind(judul).bind(&isi).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah_templat",
                objek: "templat_notifikasi",
                objek_id: peristiwa.kode().into(),
                sebelum: None,
                sesudah: Some(json!({"judul": judul, "isi": isi})),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Goes back to the built-in template of one event.
    pub async fn kembalikan_templat_notifikasi(
        &self,
        desa_id: &str,
        peristiwa: Peristiwa,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "DELETE FROM templat_notifikasi WHERE desa_id = $1 AND peristiwa = $2")
            .bind(desa_id).bind(peristiwa.kode()).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "kembalikan_templat",
                objek: "templat_notifikasi",
                objek_id: peristiwa.kode().into(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Records (or with `None` removes) the Telegram chat id a resident receives messages at.
    pub async fn simpan_telegram_penduduk(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        chat_id: Option<&str>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let chat = match chat_id.map(str::trim).filter(|s| !s.is_empty()) {
            Some(c) => Some(
                balai_kirim::tujuan_sah(Kanal::Telegram, c)
                    .map_err(|e| Galat::isian("chat_id", e.to_string()))?,
            ),
            None => None,
        };
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        match &chat {
            Some(c) => on_tx!(&mut tx, k => sqlx::query(
                "INSERT INTO telegram_penduduk (desa_id, penduduk_id, chat_id, diubah_pada) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (desa_id, penduduk_id) DO UPDATE SET chat_id = $3, diubah_pada = $4")
                .bind(desa_id).bind(penduduk_id).bind(c).bind(now).execute(&mut *k).await.map(|_| ()))?,
            None => on_tx!(&mut tx, k => sqlx::query(
                "DELETE FROM telegram_penduduk WHERE desa_id = $1 AND penduduk_id = $2")
                .bind(desa_id).bind(penduduk_id).execute(&mut *k).await.map(|_| ()))?,
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah_telegram",
                objek: "penduduk",
                objek_id: penduduk_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"telegram": chat.is_some()})),
            },
        )
        .await?;
        tx.commit().await
    }

    pub async fn telegram_penduduk(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Option<String>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT chat_id FROM telegram_penduduk WHERE desa_id = $1 AND penduduk_id = $2")
            .bind(desa_id).bind(penduduk_id).fetch_optional(p).await)?)
    }

    /// A resident's notifications in the portal, newest first.
    pub async fn notifikasi_warga(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        batas: i64,
    ) -> Result<Vec<NotifikasiWarga>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, peristiwa, judul, isi, dibuat_pada, dibaca_pada FROM notifikasi \
             WHERE desa_id = $1 AND penduduk_id = $2 AND kanal = 'portal' ORDER BY id DESC LIMIT $3")
            .bind(desa_id).bind(penduduk_id).bind(batas.clamp(1, 200)).fetch_all(p).await)?)
    }

    /// Marks one of the resident's notifications (or with `None` all of them) as read.
    pub async fn tandai_dibaca(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        id: Option<Uuid>,
    ) -> Result<u64, Galat> {
        let now = self.sekarang();
        Ok(on_db!(&self.db, p => sqlx::query(
            "UPDATE notifikasi SET dibaca_pada = $3 WHERE desa_id = $1 AND penduduk_id = $2 AND kanal = 'portal' \
             AND dibaca_pada IS NULL AND ($4 IS NULL OR id = $4)")
            .bind(desa_id).bind(penduduk_id).bind(now).bind(id).execute(p).await.map(|r| r.rows_affected()))?)
    }

    pub async fn jumlah_belum_dibaca(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<i64, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM notifikasi WHERE desa_id = $1 AND penduduk_id = $2 AND kanal = 'portal' AND dibaca_pada IS NULL")
            .bind(desa_id).bind(penduduk_id).fetch_one(p).await)?)
    }

    /// A village's outgoing messages (not the portal's), newest first.
    pub async fn kotak_keluar(
        &self,
        desa_id: &str,
        s: &SaringNotifikasi,
    ) -> Result<Vec<NotifikasiKeluar>, Galat> {
        let status = s.status.as_deref().filter(|x| !x.is_empty());
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT id, penduduk_id, peristiwa, kanal, tujuan, judul, status, percobaan, coba_lagi_pada, dibuat_pada, \
             terkirim_pada, galat_terakhir FROM notifikasi WHERE desa_id = $1 AND kanal <> 'portal' \
             AND ($2 IS NULL OR status = $2) AND ($3 IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
            .bind(desa_id).bind(status).bind(s.sebelum).bind(s.batas.clamp(1, 200)).fetch_all(p).await)?)
    }

    /// The delivery log of a village, newest try first; page on with the last entry's
    /// (time, message id, try).
    pub async fn log_notifikasi(
        &self,
        desa_id: &str,
        sebelum: Option<(DateTime<Utc>, Uuid, i64)>,
        batas: i64,
    ) -> Result<Vec<EntriLogNotifikasi>, Galat> {
        let (w, i, c) = match sebelum {
            Some((w, i, c)) => (Some(w), Some(i), Some(c)),
            None => (None, None, None),
        };
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT l.notifikasi_id, l.percobaan, l.waktu, l.berhasil, l.keterangan, n.kanal, n.peristiwa, n.tujuan \
             FROM notifikasi_log l JOIN notifikasi n ON n.desa_id = l.desa_id AND n.id = l.notifikasi_id \
             WHERE l.desa_id = $1 AND ($2 IS NULL OR (l.waktu, l.notifikasi_id, l.percobaan) < ($2, $3, $4)) \
             ORDER BY l.waktu DESC, l.notifikasi_id DESC, l.percobaan DESC LIMIT $5")
            .bind(desa_id).bind(w).bind(i).bind(c).bind(batas.clamp(1, 500)).fetch_all(p).await)?)
    }

    /// Claims up to `batas` due messages across villages for this sender: they become
    /// `dikirim` for a short while, so no other sender takes them. A claim not settled in time
    /// (the sender stopped) falls due again.
    pub async fn ambil_jatuh_tempo(&self, batas: i64) -> Result<Vec<PesanKeluar>, Galat> {
        let now = self.sekarang();
        let klaim = now + Duration::seconds(MASA_KLAIM);
        let kunci = if self.db.is_postgres() {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE notifikasi SET status = 'dikirim', coba_lagi_pada = $2 WHERE (desa_id, id) IN \
             (SELECT desa_id, id FROM notifikasi WHERE status IN ('menunggu', 'dikirim') AND coba_lagi_pada <= $1 \
              ORDER BY coba_lagi_pada LIMIT $3{kunci}) \
             RETURNING desa_id, id, kanal, tujuan, judul, isi, percobaan"
        );
        let mut tx = self.db.begin().await?;
        let hasil: Vec<PesanKeluar> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(now).bind(klaim).bind(batas.clamp(1, 500)).fetch_all(&mut *c).await)?;
        tx.commit().await?;
        Ok(hasil)
    }

    /// Records a successful try. A secret message's text is masked now.
    pub async fn tandai_terkirim(
        &self,
        desa_id: &str,
        id: Uuid,
        keterangan: &str,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let percobaan: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "UPDATE notifikasi SET status = 'terkirim', percobaan = percobaan + 1, terkirim_pada = $3, coba_lagi_pada = NULL, \
             galat_terakhir = NULL, isi = CASE WHEN rahasia THEN $4 ELSE isi END \
             WHERE desa_id = $1 AND id = $2 AND status = 'dikirim' RETURNING percobaan")
            .bind(desa_id).bind(id).bind(now).bind(ISI_DISAMARKAN).fetch_optional(&mut *c).await)?;
        if let Some(n) = percobaan {
            tulis_log(&mut tx, desa_id, id, n, now, true, keterangan).await?;
        }
        tx.commit().await
    }

    /// Records a failed try: retried later by [`JEDA_ULANG`], or given up (`gagal`) after
    /// [`MAKS_PERCOBAAN`] tries or at once when `permanen` (wrong settings or address).
    /// Answers the status the message now has.
    pub async fn tandai_gagal(
        &self,
        desa_id: &str,
        id: Uuid,
        keterangan: &str,
        permanen: bool,
    ) -> Result<String, Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let sebelum: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT percobaan FROM notifikasi WHERE desa_id = $1 AND id = $2 AND status = 'dikirim'")
            .bind(desa_id).bind(id).fetch_optional(&mut *c).await)?;
        let Some(sebelum) = sebelum else {
            tx.commit().await?;
            return Ok(String::new());
        };
        let n = sebelum + 1;
        let keterangan: String = keterangan.chars().take(500).collect();
        let (status, lagi) = if permanen || n >= MAKS_PERCOBAAN {
            ("gagal", None)
        } else {
            let jeda = JEDA_ULANG[(n as usize - 1).min(JEDA_ULANG.len() - 1)];
            ("menunggu", Some(now + Duration::seconds(jeda)))
        };
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE notifikasi SET status = $3, percobaan = $4, coba_lagi_pada = $5, galat_terakhir = $6, \
             isi = CASE WHEN rahasia AND $3 = 'gagal' THEN $7 ELSE isi END WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(status).bind(n).bind(lagi).bind(&keterangan).bind(ISI_DISAMARKAN)
            .execute(&mut *c).await.map(|_| ()))?;
        tulis_log(&mut tx, desa_id, id, n, now, false, &keterangan).await?;
        tx.commit().await?;
        Ok(status.to_string())
    }

    /// How many messages wait per status in a village (for the admin page's summary).
    pub async fn ringkasan_notifikasi(&self, desa_id: &str) -> Result<Vec<(String, i64)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT status, count(*) FROM notifikasi WHERE desa_id = $1 AND kanal <> 'portal' GROUP BY status ORDER BY status")
            .bind(desa_id).fetch_all(p).await)?)
    }
}

async fn tulis_log(
    tx: &mut Tx,
    desa_id: &str,
    id: Uuid,
    percobaan: i64,
    waktu: DateTime<Utc>,
    berhasil: bool,
    keterangan: &str,
) -> Result<(), Galat> {
    let k: String = keterangan.chars().take(500).collect();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO notifikasi_log (desa_id, notifikasi_id, percobaan, waktu, berhasil, keterangan) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(desa_id).bind(id).bind(percobaan).bind(waktu).bind(berhasil).bind(&k)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}
