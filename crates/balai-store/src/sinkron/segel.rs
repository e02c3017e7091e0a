//! Sealing: the triggers write raw row images; sealing turns them, in commit order, into the
//! canonical, hash-chained entries that travel. It runs under one lock (the `sinkron_simpul` row),
//! so the per-village order and the feed number follow the order in which changes committed.

use super::skema::{self, Jenis, Tabel, berkas_kanonik, gambar_kanonik, kunci_dari, waktu_kanonik};
use crate::db::Tx;
use crate::{Galat, on_tx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// One sealed change, as stored and as sent.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entri {
    pub desa_id: String,
    pub asal: String,
    pub urut: i64,
    pub tabel: String,
    /// I (insert), U (update: `sebelum` holds the old value of each changed column), D (delete).
    pub operasi: String,
    pub kunci: String,
    pub baris: Option<String>,
    pub sebelum: Option<String>,
    pub waktu: String,
    pub hash_sebelum: String,
    pub hash: String,
}

impl Entri {
    pub fn hitung_hash(&self) -> String {
        let kanonik = serde_json::json!([
            self.hash_sebelum,
            self.desa_id,
            self.asal,
            self.urut,
            self.tabel,
            self.operasi,
            self.kunci,
            self.baris,
            self.sebelum,
            self.waktu
        ]);
        hex::encode(Sha256::digest(kanonik.to_string().as_bytes()))
    }

    /// The columns this change sets (all of them for an insert).
    pub fn kolom_berubah(&self) -> Vec<String> {
        let dari = match self.operasi.as_str() {
            "U" => self.sebelum.as_deref(),
            "I" => self.baris.as_deref(),
            _ => self.sebelum.as_deref(),
        };
        dari.and_then(|s| serde_json::from_str::<Map<String, Value>>(s).ok())
            .map(|m| m.into_iter().map(|(k, _)| k).collect())
            .unwrap_or_default()
    }
}

type Mentah = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
);

/// Takes the sealing lock for the rest of the transaction.
pub(crate) async fn kunci_segel(tx: &mut Tx) -> Result<i64, Galat> {
    Ok(on_tx!(tx, k => sqlx::query_scalar::<_, i64>(
        "UPDATE sinkron_simpul SET umpan_terakhir = umpan_terakhir WHERE satu = 1 RETURNING umpan_terakhir")
        .fetch_one(&mut *k).await?))
}

/// The chain head of one village and side: (last urut, its hash).
pub(crate) async fn kepala(tx: &mut Tx, desa_id: &str, asal: &str) -> Result<(i64, String), Galat> {
    let r: Option<(i64, String)> = on_tx!(tx, k => sqlx::query_as(
        "SELECT urut, hash FROM perubahan_kepala WHERE desa_id = $1 AND asal = $2")
        .bind(desa_id).bind(asal).fetch_optional(&mut *k).await?);
    Ok(r.unwrap_or((0, String::new())))
}

pub(crate) async fn tulis_kepala(
    tx: &mut Tx,
    desa_id: &str,
    asal: &str,
    urut: i64,
    hash: &str,
) -> Result<(), Galat> {
    on_tx!(tx, k => sqlx::query(
        "INSERT INTO perubahan_kepala (desa_id, asal, urut, hash) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (desa_id, asal) DO UPDATE SET urut = excluded.urut, hash = excluded.hash")
        .bind(desa_id).bind(asal).bind(urut).bind(hash).execute(&mut *k).await?.rows_affected());
    Ok(())
}

/// Reads one row's current canonical image and its file columns' bytes.
pub(crate) async fn baca_baris(
    tx: &mut Tx,
    t: &Tabel,
    kunci: &Value,
) -> Result<Option<(Map<String, Value>, HashMap<String, Vec<u8>>)>, Galat> {
    let pg = tx.is_postgres();
    let gambar = skema::ekspresi_gambar(t, t.nama, None, pg);
    let biner: Vec<&str> = t.biner().map(|k| k.nama).collect();
    let mut pilih = format!("SELECT ({gambar}){}", if pg { "::text" } else { "" });
    for b in &biner {
        pilih.push_str(&format!(", {b}"));
    }
    let sql = format!(
        "{pilih} FROM {} WHERE {}",
        t.nama,
        skema::syarat_kunci(t, 1, pg)
    );
    let nilai = skema::nilai_kunci(t, kunci, pg)?;
    let baris: Option<(String, Vec<Option<Vec<u8>>>)> = on_tx!(tx, k => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for n in &nilai { q = crate::ikat!(q, n); }
        match q.fetch_optional(&mut *k).await? {
            Some(r) => {
                use sqlx::Row;
                let g: String = r.try_get(0)?;
                let mut bs = Vec::new();
                for i in 0..biner.len() { bs.push(r.try_get::<Option<Vec<u8>>, _>(i + 1)?); }
                Some((g, bs))
            }
            None => None,
        }
    });
    let Some((g, bs)) = baris else {
        return Ok(None);
    };
    let raw: Value = serde_json::from_str(&g).map_err(|e| Galat::Lain(e.to_string()))?;
    let mut gambar = gambar_kanonik(t, &raw)?;
    let mut berkas = HashMap::new();
    for (nama, isi) in biner.iter().zip(bs) {
        let v = match isi {
            Some(isi) => {
                let v = berkas_kanonik(&isi);
                berkas.insert((*nama).to_string(), isi);
                v
            }
            None => Value::Null,
        };
        gambar.insert((*nama).to_string(), v);
    }
    Ok(Some((gambar, berkas)))
}

/// Entries sealed per transaction: a request never waits on a large backlog (after a bulk
/// import, say); the background sealer in `serve` works through the rest.
pub const BATAS_SEGEL: usize = 2_000;

/// Seals pending entries, oldest first, about `batas` of them (whole chunks of 500). Call
/// inside a write transaction.
pub(crate) async fn segel(tx: &mut Tx, batas: usize) -> Result<usize, Galat> {
    let mut umpan = kunci_segel(tx).await?;
    let mut kepala_cache: HashMap<(String, String), (i64, String)> = HashMap::new();
    let mut n = 0;
    loop {
        let mentah: Vec<Mentah> = on_tx!(tx, k => sqlx::query_as(
            "SELECT nomor, desa_id, asal, tabel, operasi, baris, sebelum, waktu FROM perubahan \
             WHERE urut IS NULL ORDER BY nomor LIMIT 500")
            .fetch_all(&mut *k).await?);
        if mentah.is_empty() || n >= batas {
            break;
        }
        for (nomor, desa_id, asal, tabel, operasi, baris, sebelum, waktu) in mentah {
            let t = skema::tabel(&tabel)?;
            let Some((kunci, baris, sebelum)) =
                kanonikkan(tx, t, &operasi, baris.as_deref(), sebelum.as_deref()).await?
            else {
                // An update that changed nothing: never sealed, so the chain has no gap.
                on_tx!(tx, k => sqlx::query("DELETE FROM perubahan WHERE nomor = $1").bind(nomor).execute(&mut *k).await?.rows_affected());
                continue;
            };
            let kc = (desa_id.clone(), asal.clone());
            let (urut_lalu, hash_lalu) = match kepala_cache.get(&kc) {
                Some(h) => h.clone(),
                None => kepala(tx, &desa_id, &asal).await?,
            };
            umpan += 1;
            let mut e = Entri {
                desa_id,
                asal,
                urut: urut_lalu + 1,
                tabel,
                operasi,
                kunci,
                baris,
                sebelum,
                waktu: waktu_kanonik(waktu),
                hash_sebelum: hash_lalu,
                hash: String::new(),
            };
            e.hash = e.hitung_hash();
            on_tx!(tx, k => sqlx::query(
                "UPDATE perubahan SET urut = $2, umpan = $3, kunci = $4, baris = $5, sebelum = $6, \
                 hash_sebelum = $7, hash = $8, waktu = $9 WHERE nomor = $1")
                .bind(nomor).bind(e.urut).bind(umpan).bind(&e.kunci).bind(&e.baris).bind(&e.sebelum)
                .bind(&e.hash_sebelum).bind(&e.hash).bind(waktu).execute(&mut *k).await?.rows_affected());
            kepala_cache.insert(kc, (e.urut, e.hash));
            n += 1;
        }
    }
    for ((desa_id, asal), (urut, hash)) in kepala_cache {
        tulis_kepala(tx, &desa_id, &asal, urut, &hash).await?;
    }
    on_tx!(tx, k => sqlx::query("UPDATE sinkron_simpul SET umpan_terakhir = $1 WHERE satu = 1")
        .bind(umpan).execute(&mut *k).await?.rows_affected());
    Ok(n)
}

type Kanonik = (String, Option<String>, Option<String>);

/// Raw trigger images to (key, row, old values); `None` for an update that changed nothing.
async fn kanonikkan(
    tx: &mut Tx,
    t: &Tabel,
    operasi: &str,
    baris: Option<&str>,
    sebelum: Option<&str>,
) -> Result<Option<Kanonik>, Galat> {
    let urai = |s: Option<&str>| -> Result<Option<Value>, Galat> {
        s.map(|s| serde_json::from_str(s).map_err(|e| Galat::Lain(e.to_string())))
            .transpose()
    };
    let baris_raw = urai(baris)?;
    let sebelum_raw = urai(sebelum)?;
    let baru = baris_raw
        .as_ref()
        .map(|b| gambar_kanonik(t, b))
        .transpose()?;
    let lama = sebelum_raw
        .as_ref()
        .map(|b| gambar_kanonik(t, b))
        .transpose()?;
    let kunci = match (&baru, &lama) {
        (Some(b), _) => kunci_dari(t, b),
        (None, Some(l)) => kunci_dari(t, l),
        (None, None) => return Err(Galat::Lain("entri perubahan tanpa isi".into())),
    };
    // File columns: the hash of the bytes the row holds now (an older version's bytes are gone;
    // a receiver keeps its own value when the bytes are no longer there).
    let mut baru = baru;
    if let Some(b) = baru.as_mut()
        && t.biner().any(|k| !b[k.nama].is_null())
    {
        let kini = baca_baris(tx, t, &kunci).await?;
        for k in t.biner() {
            if b[k.nama].is_null() {
                continue;
            }
            let v = match &kini {
                Some((g, _)) if !g[k.nama].is_null() => g[k.nama].clone(),
                _ => serde_json::json!({ "diganti": true }),
            };
            b.insert(k.nama.to_string(), v);
        }
    }
    let teks = |m: &Map<String, Value>| Value::Object(m.clone()).to_string();
    Ok(match operasi {
        "U" => {
            let (Some(b), Some(l), Some(braw)) = (&baru, &lama, &baris_raw) else {
                return Err(Galat::Lain("entri perubahan tanpa isi".into()));
            };
            let mut berubah = Map::new();
            for k in &t.kolom {
                let ubah = if k.jenis == Jenis::Biner {
                    // 1 on the new image marks a file that changed; presence may change too.
                    braw.get(k.nama) == Some(&Value::from(1))
                        || b[k.nama].is_null() != l[k.nama].is_null()
                } else {
                    b[k.nama] != l[k.nama]
                };
                if ubah {
                    let lama_v = if k.jenis == Jenis::Biner {
                        Value::Null
                    } else {
                        l[k.nama].clone()
                    };
                    berubah.insert(k.nama.to_string(), lama_v);
                }
            }
            if berubah.is_empty() {
                return Ok(None);
            }
            Some((kunci.to_string(), Some(teks(b)), Some(teks(&berubah))))
        }
        "I" => Some((kunci.to_string(), baru.as_ref().map(teks), None)),
        _ => Some((kunci.to_string(), None, lama.as_ref().map(teks))),
    })
}
