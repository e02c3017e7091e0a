//! The shape of every synced table (from `kolom.txt`) and the one canonical form a row takes on
//! the wire, whatever backend wrote it: SQLite keeps UUIDs as blobs and times as text,
//! PostgreSQL as `uuid` and `timestamptz`; both become the same JSON here, so a row hashes and
//! compares the same on a village PC and on the district server.

use crate::Galat;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jenis {
    Teks,
    Tanggal,
    Bulat,
    Logika,
    Waktu,
    Uuid,
    Biner,
    Pecahan,
}

#[derive(Debug)]
pub struct Kolom {
    pub nama: &'static str,
    pub jenis: Jenis,
    pub kunci: bool,
}

#[derive(Debug)]
pub struct Tabel {
    pub nama: &'static str,
    pub kolom: Vec<Kolom>,
}

impl Tabel {
    pub fn kunci(&self) -> impl Iterator<Item = &Kolom> {
        self.kolom.iter().filter(|k| k.kunci)
    }
    pub fn biner(&self) -> impl Iterator<Item = &Kolom> {
        self.kolom.iter().filter(|k| k.jenis == Jenis::Biner)
    }
    pub fn kolom(&self, nama: &str) -> Option<&Kolom> {
        self.kolom.iter().find(|k| k.nama == nama)
    }
}

const KOLOM: &str = include_str!("kolom.txt");

static SKEMA: LazyLock<HashMap<&'static str, Tabel>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Tabel> = HashMap::new();
    for baris in KOLOM
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut b = baris.split(' ');
        let (Some(t), Some(k), Some(j)) = (b.next(), b.next(), b.next()) else {
            continue;
        };
        let jenis = match j {
            "t" => Jenis::Tanggal,
            "i" => Jenis::Bulat,
            "l" => Jenis::Logika,
            "w" => Jenis::Waktu,
            "u" => Jenis::Uuid,
            "b" => Jenis::Biner,
            "f" => Jenis::Pecahan,
            _ => Jenis::Teks,
        };
        m.entry(t)
            .or_insert_with(|| Tabel {
                nama: t,
                kolom: Vec::new(),
            })
            .kolom
            .push(Kolom {
                nama: k,
                jenis,
                kunci: b.next() == Some("k"),
            });
    }
    m
});

/// A synced table by name; anything else is refused (names reach SQL from the wire).
pub fn tabel(nama: &str) -> Result<&'static Tabel, Galat> {
    SKEMA
        .get(nama)
        .ok_or_else(|| Galat::Ditolak(format!("tabel {nama:?} tidak disinkronkan")))
}

pub fn semua() -> impl Iterator<Item = &'static Tabel> {
    super::tabel::TABEL_SINKRON
        .iter()
        .filter_map(|t| SKEMA.get(t))
}

fn salah(kolom: &str, v: &Value) -> Galat {
    Galat::Ditolak(format!("nilai kolom {kolom} tidak dikenali: {v}"))
}

/// Canonical timestamp: UTC, microseconds, `Z`.
pub fn waktu_kanonik(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn urai_waktu(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")
                .ok()
                .map(|n| n.and_utc())
        })
        .or_else(|| {
            // PostgreSQL's text form of timestamptz: "2026-12-06 03:00:00.123+00"
            DateTime::parse_from_str(&format!("{s}00"), "%Y-%m-%d %H:%M:%S%.f%z")
                .ok()
                .map(|t| t.with_timezone(&Utc))
        })
}

/// One value as a backend wrote it (SQLite's json_object or PostgreSQL's to_jsonb) to its
/// canonical form. Bytes are not handled here: they travel by hash (see `berkas_kanonik`).
pub fn kanonik(k: &Kolom, v: &Value) -> Result<Value, Galat> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    Ok(match k.jenis {
        Jenis::Teks | Jenis::Tanggal => match v {
            Value::String(_) => v.clone(),
            other => Value::String(other.to_string()),
        },
        Jenis::Bulat => match v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Value::from(i),
                None => return Err(salah(k.nama, v)),
            },
            Value::Bool(b) => Value::from(*b as i64),
            Value::String(s) => Value::from(s.parse::<i64>().map_err(|_| salah(k.nama, v))?),
            _ => return Err(salah(k.nama, v)),
        },
        Jenis::Pecahan => match v.as_f64() {
            Some(f) => Value::from(f),
            None => return Err(salah(k.nama, v)),
        },
        Jenis::Logika => match v {
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Bool(n.as_i64() != Some(0)),
            Value::String(s) => Value::Bool(matches!(s.as_str(), "1" | "t" | "true")),
            _ => return Err(salah(k.nama, v)),
        },
        Jenis::Waktu => match v.as_str().and_then(urai_waktu) {
            Some(t) => Value::String(waktu_kanonik(t)),
            None => return Err(salah(k.nama, v)),
        },
        Jenis::Uuid => match v.as_str().and_then(|s| uuid::Uuid::parse_str(s).ok()) {
            Some(u) => Value::String(u.hyphenated().to_string()),
            None => return Err(salah(k.nama, v)),
        },
        Jenis::Biner => v.clone(),
    })
}

/// A file column's canonical value: its hash and size; the bytes travel beside the row.
pub fn berkas_kanonik(isi: &[u8]) -> Value {
    serde_json::json!({ "sha256": hex::encode(Sha256::digest(isi)), "ukuran": isi.len() })
}

/// The hash a canonical file value names, if it names one.
pub fn hash_berkas(v: &Value) -> Option<&str> {
    v.get("sha256").and_then(Value::as_str)
}

/// A whole raw image to canonical, every column of the table present (missing ones are null:
/// SQLite's json_patch drops null members). File columns keep their raw marker for the caller.
pub fn gambar_kanonik(t: &Tabel, raw: &Value) -> Result<Map<String, Value>, Galat> {
    let mut out = Map::new();
    for k in &t.kolom {
        let v = raw.get(k.nama).unwrap_or(&Value::Null);
        out.insert(k.nama.to_string(), kanonik(k, v)?);
    }
    Ok(out)
}

/// The primary key of a canonical image, as a JSON array in key column order.
pub fn kunci_dari(t: &Tabel, gambar: &Map<String, Value>) -> Value {
    Value::Array(
        t.kunci()
            .map(|k| gambar.get(k.nama).cloned().unwrap_or(Value::Null))
            .collect(),
    )
}

/// A parameter value for a column, ready to bind on either backend.
#[derive(Debug, Clone)]
pub enum Nilai {
    Null,
    Teks(String),
    Bulat(i64),
    Pecahan(f64),
    Logika(bool),
    Biner(Vec<u8>),
}

/// A canonical value to a parameter for the local backend. `berkas` holds file bytes by hash.
pub fn ke_nilai(
    k: &Kolom,
    v: &Value,
    postgres: bool,
    berkas: &HashMap<String, Vec<u8>>,
) -> Result<Nilai, Galat> {
    if v.is_null() {
        return Ok(Nilai::Null);
    }
    Ok(match k.jenis {
        Jenis::Teks | Jenis::Tanggal => Nilai::Teks(v.as_str().unwrap_or_default().to_string()),
        Jenis::Bulat => Nilai::Bulat(v.as_i64().ok_or_else(|| salah(k.nama, v))?),
        Jenis::Pecahan => Nilai::Pecahan(v.as_f64().ok_or_else(|| salah(k.nama, v))?),
        Jenis::Logika => {
            let b = v.as_bool().ok_or_else(|| salah(k.nama, v))?;
            if postgres {
                Nilai::Logika(b)
            } else {
                Nilai::Bulat(b as i64)
            }
        }
        Jenis::Waktu => {
            let t = v
                .as_str()
                .and_then(urai_waktu)
                .ok_or_else(|| salah(k.nama, v))?;
            // Exactly what sqlx writes, so text comparisons in SQLite stay in order.
            Nilai::Teks(if postgres {
                waktu_kanonik(t)
            } else {
                t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
            })
        }
        Jenis::Uuid => {
            let u = v
                .as_str()
                .and_then(|s| uuid::Uuid::parse_str(s).ok())
                .ok_or_else(|| salah(k.nama, v))?;
            if postgres {
                Nilai::Teks(u.to_string())
            } else {
                Nilai::Biner(u.as_bytes().to_vec())
            }
        }
        Jenis::Biner => match hash_berkas(v).and_then(|h| berkas.get(h)) {
            Some(isi) => Nilai::Biner(isi.clone()),
            None => {
                return Err(Galat::Ditolak(format!(
                    "isi berkas kolom {} tidak ada",
                    k.nama
                )));
            }
        },
    })
}

/// The placeholder for parameter `n` of a column: PostgreSQL needs the type spelled out
/// (every parameter is sent as text or bytes), SQLite takes the value as it is.
pub fn penampung(k: &Kolom, n: usize, postgres: bool) -> String {
    if !postgres {
        return format!("${n}");
    }
    let cast = match k.jenis {
        Jenis::Teks => "text",
        Jenis::Tanggal => "date",
        Jenis::Bulat => "bigint",
        Jenis::Pecahan => "float8",
        Jenis::Logika => "boolean",
        Jenis::Waktu => "timestamptz",
        Jenis::Uuid => "uuid",
        Jenis::Biner => "bytea",
    };
    format!("${n}::{cast}")
}

/// The SQL expression that gives a row's raw image, `a` being `NEW`, `OLD` or the table name.
/// File columns give a marker instead of their bytes: 1 when present (on an update's new image,
/// 1 only when changed and 0 otherwise, `lama` being the other image's alias).
pub fn ekspresi_gambar(t: &Tabel, a: &str, lama: Option<&str>, postgres: bool) -> String {
    let penanda = |c: &str| match lama {
        Some(o) => format!(
            "CASE WHEN {a}.{c} IS NULL THEN NULL WHEN {a}.{c} IS NOT DISTINCT FROM {o}.{c} THEN 0 ELSE 1 END"
        ),
        None => format!("CASE WHEN {a}.{c} IS NULL THEN NULL ELSE 1 END"),
    };
    if postgres {
        // `t.*`, not `t`: a table with a column of its own name (`jabatan.jabatan`) would
        // otherwise give that column instead of the whole row.
        let baris = if matches!(a, "NEW" | "OLD") {
            a.to_string()
        } else {
            format!("{a}.*")
        };
        let mut e = format!("to_jsonb({baris})");
        for k in t.biner() {
            e = format!("({e} - '{c}')", c = k.nama);
        }
        let tanda: Vec<String> = t
            .biner()
            .map(|k| format!("'{c}', {}", penanda(k.nama), c = k.nama))
            .collect();
        if !tanda.is_empty() {
            e = format!("({e} || jsonb_build_object({}))", tanda.join(", "));
        }
        e
    } else {
        let bagian: Vec<String> = t
            .kolom
            .chunks(30)
            .map(|ks| {
                let isi: Vec<String> = ks
                    .iter()
                    .map(|k| {
                        let c = k.nama;
                        let v = match k.jenis {
                            Jenis::Uuid => format!(
                                "CASE WHEN {a}.{c} IS NULL THEN NULL ELSE lower(hex({a}.{c})) END"
                            ),
                            Jenis::Biner => penanda(c).replace("IS NOT DISTINCT FROM", "IS"),
                            _ => format!("{a}.{c}"),
                        };
                        format!("'{c}', {v}")
                    })
                    .collect();
                format!("json_object({})", isi.join(", "))
            })
            .collect();
        bagian
            .into_iter()
            .reduce(|a, b| format!("json_patch({a}, {b})"))
            .unwrap_or_else(|| "json_object()".into())
    }
}

/// `col1 = $n AND col2 = $n+1 …` over the primary key, parameters from `mulai`.
pub fn syarat_kunci(t: &Tabel, mulai: usize, postgres: bool) -> String {
    t.kunci()
        .enumerate()
        .map(|(i, k)| format!("{} = {}", k.nama, penampung(k, mulai + i, postgres)))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The key's values as parameters.
pub fn nilai_kunci(t: &Tabel, kunci: &Value, postgres: bool) -> Result<Vec<Nilai>, Galat> {
    let arr = kunci
        .as_array()
        .ok_or_else(|| Galat::Ditolak("kunci baris tidak sah".into()))?;
    let kosong = HashMap::new();
    t.kunci()
        .zip(arr.iter())
        .map(|(k, v)| ke_nilai(k, v, postgres, &kosong))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_dan_postgres_menjadi_bentuk_yang_sama() {
        let t = tabel("surat_riwayat").unwrap();
        let dari_sqlite = serde_json::json!({"desa_id":"3325082004","surat_id":"0190a1b2c3d4e5f60718293a4b5c6d7e",
            "urut":2,"waktu":"2026-12-06T03:00:00.12+00:00","aktor":"a","status":"diajukan","catatan":""});
        let dari_pg = serde_json::json!({"desa_id":"3325082004","surat_id":"0190a1b2-c3d4-e5f6-0718-293a4b5c6d7e",
            "urut":2,"waktu":"2026-12-06T03:00:00.12+00:00","aktor":"a","status":"diajukan","catatan":""});
        let a = gambar_kanonik(t, &dari_sqlite).unwrap();
        assert_eq!(a, gambar_kanonik(t, &dari_pg).unwrap());
        assert_eq!(a["waktu"], "2026-12-06T03:00:00.120000Z");
        assert_eq!(
            kunci_dari(t, &a).to_string(),
            r#"["3325082004","0190a1b2-c3d4-e5f6-0718-293a4b5c6d7e",2]"#
        );
    }

    #[test]
    fn tabel_di_luar_daftar_ditolak() {
        assert!(tabel("pengguna").is_err());
        assert!(tabel("penduduk; DROP TABLE desa").is_err());
    }
}
