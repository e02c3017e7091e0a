//! Applying changes received from the other side.
//!
//! Merge rules (docs/sinkron.md):
//! - an insert creates the row (or, if it already exists, is treated as an update of every column);
//! - an update sets only the columns it changed;
//! - a column this side has also changed since the last exchange, to a different value, is a true
//!   conflict: this side keeps its value and a `sinkron_konflik` row records both, for review;
//! - `versi` and `diubah_pada` take the larger value, `dibuat_pada` the smaller; never a
//!   conflict on their own;
//! - a delete removes the row, unless this side changed it since the last exchange (conflict).

use super::segel::{Entri, baca_baris};
use super::skema::{self, Jenis, Nilai, Tabel, hash_berkas, ke_nilai, penampung};
use super::tabel::{KOLOM_AWAL, KOLOM_CATATAN};
use crate::db::Tx;
use crate::{Galat, id_baru, on_tx};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// What the receiving side is, to tell its own unsent changes apart.
pub(crate) struct Penerima<'a> {
    /// The receiver's side: "desa" or "pusat".
    pub asal: &'a str,
    /// The receiver's own changes up to this number have reached the other side.
    pub sudah_terkirim: i64,
    pub waktu: DateTime<Utc>,
}

/// Turns the triggers off for the rest of the transaction (or back on).
pub(crate) async fn mode_terap(tx: &mut Tx, aktif: bool) -> Result<(), Galat> {
    on_tx!(tx, k => sqlx::query("UPDATE sinkron_simpul SET menerapkan = $1 WHERE satu = 1")
        .bind(aktif as i64).execute(&mut *k).await?.rows_affected());
    Ok(())
}

fn urai_peta(s: Option<&str>) -> Result<Map<String, Value>, Galat> {
    match s {
        Some(s) => serde_json::from_str(s)
            .map_err(|_| Galat::Ditolak("isi baris perubahan tidak sah".into())),
        None => Ok(Map::new()),
    }
}

/// Columns this side changed on a row and has not yet sent ("*" for a delete).
async fn kolom_tertunda(
    tx: &mut Tx,
    p: &Penerima<'_>,
    e: &Entri,
) -> Result<HashSet<String>, Galat> {
    let baris: Vec<(String, Option<String>, Option<String>)> = on_tx!(tx, k => sqlx::query_as(
        "SELECT operasi, baris, sebelum FROM perubahan WHERE tabel = $1 AND kunci = $2 \
         AND desa_id = $3 AND asal = $4 AND urut > $5")
        .bind(&e.tabel).bind(&e.kunci).bind(&e.desa_id).bind(p.asal).bind(p.sudah_terkirim)
        .fetch_all(&mut *k).await?);
    let mut out = HashSet::new();
    for (operasi, baris, sebelum) in baris {
        let dari = if operasi == "I" { baris } else { sebelum };
        if operasi == "D" {
            out.insert("*".to_string());
        }
        out.extend(urai_peta(dari.as_deref())?.into_iter().map(|(k, _)| k));
    }
    Ok(out)
}

fn nilai_baris(
    t: &Tabel,
    kolom: &[&str],
    gambar: &Map<String, Value>,
    pg: bool,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<Vec<Nilai>, Galat> {
    kolom
        .iter()
        .map(|c| {
            let k = t
                .kolom(c)
                .ok_or_else(|| Galat::Ditolak(format!("kolom {c} tidak dikenal")))?;
            ke_nilai(k, gambar.get(*c).unwrap_or(&Value::Null), pg, berkas)
        })
        .collect()
}

/// A file column whose bytes did not come along (replaced since): left as it is here.
fn berkas_ada(v: &Value, berkas: &HashMap<String, Vec<u8>>) -> bool {
    v.is_null() || hash_berkas(v).is_some_and(|h| berkas.contains_key(h))
}

async fn sisipkan(
    tx: &mut Tx,
    t: &Tabel,
    gambar: &Map<String, Value>,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<(), Galat> {
    let pg = tx.is_postgres();
    let kolom: Vec<&str> = t
        .kolom
        .iter()
        .filter(|k| k.jenis != Jenis::Biner || berkas_ada(&gambar[k.nama], berkas))
        .map(|k| k.nama)
        .collect();
    let nilai = nilai_baris(t, &kolom, gambar, pg, berkas)?;
    let tanda: Vec<String> = kolom
        .iter()
        .enumerate()
        .map(|(i, c)| penampung(t.kolom(c).expect("listed"), i + 1, pg))
        .collect();
    let kunci: Vec<&str> = t.kunci().map(|k| k.nama).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO NOTHING",
        t.nama,
        kolom.join(", "),
        tanda.join(", "),
        kunci.join(", ")
    );
    on_tx!(tx, k => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for n in &nilai { q = crate::ikat!(q, n); }
        q.execute(&mut *k).await?;
    });
    Ok(())
}

async fn ubah(
    tx: &mut Tx,
    t: &Tabel,
    kunci: &Value,
    set: &Map<String, Value>,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<(), Galat> {
    if set.is_empty() {
        return Ok(());
    }
    let pg = tx.is_postgres();
    let kolom: Vec<&str> = set.keys().map(String::as_str).collect();
    let mut nilai = nilai_baris(t, &kolom, set, pg, berkas)?;
    let tanda: Vec<String> = kolom
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{c} = {}",
                penampung(t.kolom(c).expect("listed"), i + 1, pg)
            )
        })
        .collect();
    let sql = format!(
        "UPDATE {} SET {} WHERE {}",
        t.nama,
        tanda.join(", "),
        skema::syarat_kunci(t, kolom.len() + 1, pg)
    );
    nilai.extend(skema::nilai_kunci(t, kunci, pg)?);
    on_tx!(tx, k => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for n in &nilai { q = crate::ikat!(q, n); }
        q.execute(&mut *k).await?;
    });
    Ok(())
}

async fn catat_konflik(
    tx: &mut Tx,
    p: &Penerima<'_>,
    e: &Entri,
    kolom: &str,
    milik_sendiri: &Value,
    kiriman: &Value,
) -> Result<(), Galat> {
    let (desa, pusat) = if p.asal == "desa" {
        (milik_sendiri, kiriman)
    } else {
        (kiriman, milik_sendiri)
    };
    // Recorded as this side's own change, so the other side sees the same queue.
    mode_terap(tx, false).await?;
    let id = id_baru();
    let (desa_s, pusat_s) = (desa.to_string(), pusat.to_string());
    on_tx!(tx, k => {
        sqlx::query(
            "INSERT INTO sinkron_konflik (desa_id, id, tabel, kunci, kolom, nilai_desa, nilai_pusat, dibuat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&e.desa_id).bind(id).bind(&e.tabel).bind(&e.kunci).bind(kolom).bind(&desa_s).bind(&pusat_s).bind(p.waktu)
            .execute(&mut *k).await?;
    });
    mode_terap(tx, true).await?;
    tracing::warn!(tabel = %e.tabel, kolom, "konflik sinkron dicatat untuk ditinjau");
    Ok(())
}

/// Applies one received change. Returns the number of conflicts it recorded.
pub(crate) async fn terapkan(
    tx: &mut Tx,
    p: &Penerima<'_>,
    e: &Entri,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<usize, Galat> {
    let t = skema::tabel(&e.tabel)?;
    let kunci: Value = serde_json::from_str(&e.kunci)
        .map_err(|_| Galat::Ditolak("kunci baris perubahan tidak sah".into()))?;
    // The key's first column is the village: a change may only touch its own village's rows.
    if kunci.get(0).and_then(Value::as_str) != Some(e.desa_id.as_str()) {
        return Err(Galat::Ditolak("perubahan menyentuh data desa lain".into()));
    }
    let baris = urai_peta(e.baris.as_deref())?;
    let kini = baca_baris(tx, t, &kunci).await?;
    let mut konflik = 0;
    match (e.operasi.as_str(), kini) {
        ("D", None) => {}
        ("D", Some((g, _))) => {
            if kolom_tertunda(tx, p, e).await?.is_empty() {
                let pg = tx.is_postgres();
                let sql = format!(
                    "DELETE FROM {} WHERE {}",
                    t.nama,
                    skema::syarat_kunci(t, 1, pg)
                );
                let nilai = skema::nilai_kunci(t, &kunci, pg)?;
                on_tx!(tx, k => {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for n in &nilai { q = crate::ikat!(q, n); }
                    q.execute(&mut *k).await?;
                });
            } else {
                catat_konflik(tx, p, e, "(baris dihapus)", &Value::Object(g), &Value::Null).await?;
                konflik += 1;
            }
        }
        (_, None) => sisipkan(tx, t, &baris, berkas).await?,
        (op, Some((g, _))) => {
            let berubah: Vec<String> = if op == "I" {
                t.kolom.iter().map(|k| k.nama.to_string()).collect()
            } else {
                urai_peta(e.sebelum.as_deref())?
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect()
            };
            let tertunda = kolom_tertunda(tx, p, e).await?;
            let mut set = Map::new();
            for c in berubah {
                let Some(k) = t.kolom(&c) else { continue };
                let kiriman = baris.get(&c).cloned().unwrap_or(Value::Null);
                let sendiri = g.get(&c).cloned().unwrap_or(Value::Null);
                if k.jenis == Jenis::Biner && !berkas_ada(&kiriman, berkas) {
                    continue;
                }
                if kiriman == sendiri || k.kunci {
                    continue;
                }
                if KOLOM_CATATAN.contains(&k.nama) {
                    if lebih_besar(&kiriman, &sendiri) {
                        set.insert(c, kiriman);
                    }
                } else if KOLOM_AWAL.contains(&k.nama) {
                    if !sendiri.is_null() && lebih_besar(&sendiri, &kiriman) {
                        set.insert(c, kiriman);
                    }
                } else if tertunda.contains(&c) {
                    catat_konflik(tx, p, e, &c, &sendiri, &kiriman).await?;
                    konflik += 1;
                } else {
                    set.insert(c, kiriman);
                }
            }
            ubah(tx, t, &kunci, &set, berkas).await?;
        }
    }
    Ok(konflik)
}

/// As `terapkan`, but a row that collides with a different row of this side on a natural key
/// (the same letter number or NIK given out on both sides before they synced), or whose parent
/// is missing for that reason, does not stop the exchange: it is left out and goes to the review
/// queue with the other side's whole row.
pub(crate) async fn terapkan_aman(
    tx: &mut Tx,
    p: &Penerima<'_>,
    e: &Entri,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<usize, Galat> {
    on_tx!(tx, k => sqlx::query("SAVEPOINT terap").execute(&mut *k).await?.rows_affected());
    match terapkan(tx, p, e, berkas).await {
        Ok(n) => {
            on_tx!(tx, k => sqlx::query("RELEASE SAVEPOINT terap").execute(&mut *k).await?.rows_affected());
            Ok(n)
        }
        Err(Galat::Db(sqlx::Error::Database(d)))
            if d.is_unique_violation() || d.is_foreign_key_violation() =>
        {
            on_tx!(tx, k => sqlx::query("ROLLBACK TO SAVEPOINT terap").execute(&mut *k).await?.rows_affected());
            let kiriman: Value = e
                .baris
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok())
                .unwrap_or(Value::Null);
            let kolom = if d.is_unique_violation() {
                "(baris ganda)"
            } else {
                "(induk tidak ada)"
            };
            catat_konflik(tx, p, e, kolom, &Value::Null, &kiriman).await?;
            Ok(1)
        }
        Err(g) => Err(g),
    }
}

fn lebih_besar(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_i64() > y.as_i64(),
        (Value::String(x), Value::String(y)) => x > y,
        (_, Value::Null) => true,
        _ => false,
    }
}

/// Stores a received entry in the local log (for the agencies' feed and the chain check).
pub(crate) async fn simpan_entri(tx: &mut Tx, e: &Entri, umpan: i64) -> Result<(), Galat> {
    let waktu = DateTime::parse_from_rfc3339(&e.waktu)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Galat::Ditolak("waktu perubahan tidak sah".into()))?;
    on_tx!(tx, k => sqlx::query(
        "INSERT INTO perubahan (desa_id, asal, urut, umpan, tabel, operasi, kunci, baris, sebelum, waktu, hash_sebelum, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(&e.desa_id).bind(&e.asal).bind(e.urut).bind(umpan).bind(&e.tabel).bind(&e.operasi)
        .bind(&e.kunci).bind(&e.baris).bind(&e.sebelum).bind(waktu).bind(&e.hash_sebelum).bind(&e.hash)
        .execute(&mut *k).await?.rows_affected());
    Ok(())
}

/// Writes one snapshot row (initial pull): inserted, or replaced column by column.
pub(crate) async fn tulis_baris(
    tx: &mut Tx,
    t: &Tabel,
    gambar: &Map<String, Value>,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<(), Galat> {
    let kunci = skema::kunci_dari(t, gambar);
    match baca_baris(tx, t, &kunci).await? {
        None => sisipkan(tx, t, gambar, berkas).await,
        Some((g, _)) => {
            let mut set = Map::new();
            for k in t.kolom.iter().filter(|k| !k.kunci) {
                let v = gambar.get(k.nama).cloned().unwrap_or(Value::Null);
                if v != g[k.nama] && (k.jenis != Jenis::Biner || berkas_ada(&v, berkas)) {
                    set.insert(k.nama.to_string(), v);
                }
            }
            ubah(tx, t, &kunci, &set, berkas).await
        }
    }
}
