//! Column types and values of a backup, independent of the backend they came from.
//!
//! A value keeps the type the source database gave it; converting to the target's column type
//! happens at restore time, so SQLite → PostgreSQL and back work without a type catalogue.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// The logical type of a column as written in the backup header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Tipe {
    Teks,
    Bilangan,
    Pecahan,
    Bool,
    Tanggal,
    /// Timestamp with time zone (UTC).
    Waktu,
    /// Timestamp without time zone.
    WaktuLokal,
    Uuid,
    /// Bytes, base64 in the file.
    Bita,
    /// Any other PostgreSQL type, carried as its text form and cast back on restore.
    Lain,
}

impl Tipe {
    /// From a SQLite declared type, by SQLite's affinity rules.
    pub(crate) fn dari_sqlite(deklarasi: &str) -> Tipe {
        let d = deklarasi.to_ascii_uppercase();
        if d.contains("INT") {
            Tipe::Bilangan
        } else if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") {
            Tipe::Teks
        } else if d.contains("BLOB") || d.is_empty() {
            Tipe::Bita
        } else if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") {
            Tipe::Pecahan
        } else {
            // NUMERIC affinity: the value's own storage class is kept anyway.
            Tipe::Teks
        }
    }

    /// From a PostgreSQL type name (`pg_type.typname`).
    pub(crate) fn dari_postgres(typname: &str) -> Tipe {
        match typname {
            "text" | "varchar" | "bpchar" | "name" | "citext" => Tipe::Teks,
            "int2" | "int4" | "int8" => Tipe::Bilangan,
            "float4" | "float8" => Tipe::Pecahan,
            "bool" => Tipe::Bool,
            "date" => Tipe::Tanggal,
            "timestamptz" => Tipe::Waktu,
            "timestamp" => Tipe::WaktuLokal,
            "uuid" => Tipe::Uuid,
            "bytea" => Tipe::Bita,
            _ => Tipe::Lain,
        }
    }

    fn nama(self) -> &'static str {
        match self {
            Tipe::Teks => "teks",
            Tipe::Bilangan => "bilangan",
            Tipe::Pecahan => "pecahan",
            Tipe::Bool => "bool",
            Tipe::Tanggal => "tanggal",
            Tipe::Waktu => "waktu",
            Tipe::WaktuLokal => "waktu_lokal",
            Tipe::Uuid => "uuid",
            Tipe::Bita => "bita",
            Tipe::Lain => "lain",
        }
    }

    fn dari_nama(s: &str) -> Option<Tipe> {
        [
            Tipe::Teks,
            Tipe::Bilangan,
            Tipe::Pecahan,
            Tipe::Bool,
            Tipe::Tanggal,
            Tipe::Waktu,
            Tipe::WaktuLokal,
            Tipe::Uuid,
            Tipe::Bita,
            Tipe::Lain,
        ]
        .into_iter()
        .find(|t| t.nama() == s)
    }
}

/// One value of one row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Nilai {
    Null,
    Teks(String),
    Bilangan(i64),
    Pecahan(f64),
    Bool(bool),
    Tanggal(NaiveDate),
    Waktu(DateTime<Utc>),
    WaktuLokal(NaiveDateTime),
    Uuid(Uuid),
    Bita(Vec<u8>),
}

const FORMAT_WAKTU_LOKAL: &str = "%Y-%m-%dT%H:%M:%S%.6f";

impl Nilai {
    /// The type this value is written as when it stands alone.
    fn tipe(&self) -> Option<Tipe> {
        Some(match self {
            Nilai::Null => return None,
            Nilai::Teks(_) => Tipe::Teks,
            Nilai::Bilangan(_) => Tipe::Bilangan,
            Nilai::Pecahan(_) => Tipe::Pecahan,
            Nilai::Bool(_) => Tipe::Bool,
            Nilai::Tanggal(_) => Tipe::Tanggal,
            Nilai::Waktu(_) => Tipe::Waktu,
            Nilai::WaktuLokal(_) => Tipe::WaktuLokal,
            Nilai::Uuid(_) => Tipe::Uuid,
            Nilai::Bita(_) => Tipe::Bita,
        })
    }

    fn json_polos(&self) -> Value {
        match self {
            Nilai::Null => Value::Null,
            Nilai::Teks(s) => Value::String(s.clone()),
            Nilai::Bilangan(i) => Value::from(*i),
            // Non-finite numbers have no JSON form; they are written as text.
            Nilai::Pecahan(f) if f.is_finite() => Value::from(*f),
            Nilai::Pecahan(f) => Value::String(f.to_string()),
            Nilai::Bool(b) => Value::Bool(*b),
            Nilai::Tanggal(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            Nilai::Waktu(t) => Value::String(t.to_rfc3339_opts(SecondsFormat::Micros, true)),
            Nilai::WaktuLokal(t) => Value::String(t.format(FORMAT_WAKTU_LOKAL).to_string()),
            Nilai::Uuid(u) => Value::String(u.hyphenated().to_string()),
            Nilai::Bita(b) => Value::String(B64.encode(b)),
        }
    }

    /// The JSON of this value in a column of type `kolom`: bare when the types agree, otherwise
    /// tagged as `{"t": "<type>", "v": …}` (a SQLite value whose storage class differs from its
    /// column's declared type keeps its class).
    pub(crate) fn ke_json(&self, kolom: Tipe) -> Value {
        match self.tipe() {
            None => Value::Null,
            Some(t) if t == kolom || (kolom == Tipe::Lain && t == Tipe::Teks) => {
                if matches!(self, Nilai::Pecahan(f) if !f.is_finite()) {
                    self.bertanda(t)
                } else {
                    self.json_polos()
                }
            }
            Some(t) => self.bertanda(t),
        }
    }

    fn bertanda(&self, t: Tipe) -> Value {
        serde_json::json!({"t": t.nama(), "v": self.json_polos()})
    }

    /// Reads a value written by [`Nilai::ke_json`] for a column of type `kolom`.
    pub(crate) fn dari_json(v: &Value, kolom: Tipe) -> Result<Nilai, String> {
        match v {
            Value::Null => Ok(Nilai::Null),
            Value::Object(o) => {
                let t = o
                    .get("t")
                    .and_then(Value::as_str)
                    .and_then(Tipe::dari_nama)
                    .ok_or("tanda tipe tidak dikenal")?;
                let isi = o.get("v").ok_or("nilai bertanda tanpa isi")?;
                Nilai::dari_json_polos(isi, t)
            }
            v => Nilai::dari_json_polos(v, kolom),
        }
    }

    fn dari_json_polos(v: &Value, t: Tipe) -> Result<Nilai, String> {
        let teks = || {
            v.as_str()
                .ok_or_else(|| format!("{} harus berupa teks", t.nama()))
        };
        Ok(match t {
            Tipe::Teks | Tipe::Lain => Nilai::Teks(teks()?.to_string()),
            Tipe::Bilangan => Nilai::Bilangan(v.as_i64().ok_or("bilangan bulat tidak sah")?),
            Tipe::Pecahan => match v {
                Value::String(s) => Nilai::Pecahan(s.parse().map_err(|_| "pecahan tidak sah")?),
                v => Nilai::Pecahan(v.as_f64().ok_or("pecahan tidak sah")?),
            },
            Tipe::Bool => Nilai::Bool(v.as_bool().ok_or("nilai benar/salah tidak sah")?),
            Tipe::Tanggal => Nilai::Tanggal(
                NaiveDate::parse_from_str(teks()?, "%Y-%m-%d").map_err(|_| "tanggal tidak sah")?,
            ),
            Tipe::Waktu => Nilai::Waktu(
                DateTime::parse_from_rfc3339(teks()?)
                    .map_err(|_| "waktu tidak sah")?
                    .with_timezone(&Utc),
            ),
            Tipe::WaktuLokal => Nilai::WaktuLokal(
                NaiveDateTime::parse_from_str(teks()?, FORMAT_WAKTU_LOKAL)
                    .map_err(|_| "waktu tidak sah")?,
            ),
            Tipe::Uuid => Nilai::Uuid(Uuid::parse_str(teks()?).map_err(|_| "UUID tidak sah")?),
            Tipe::Bita => Nilai::Bita(B64.decode(teks()?).map_err(|_| "base64 tidak sah")?),
        })
    }

    /// Converts to what a PostgreSQL column of type `tujuan` accepts. SQLite columns take any
    /// value as it is, so this is only needed for PostgreSQL targets.
    pub(crate) fn untuk_postgres(self, tujuan: Tipe) -> Result<Nilai, String> {
        let gagal = |n: &Nilai| {
            format!(
                "nilai {} tidak dapat diubah ke tipe {}",
                n.ringkas(),
                tujuan.nama()
            )
        };
        Ok(match (tujuan, self) {
            (_, Nilai::Null) => Nilai::Null,
            (Tipe::Teks | Tipe::Lain, Nilai::Teks(s)) => Nilai::Teks(s),
            (Tipe::Teks | Tipe::Lain, n) => match n.json_polos() {
                Value::String(s) => Nilai::Teks(s),
                v => Nilai::Teks(v.to_string()),
            },
            (Tipe::Bilangan, Nilai::Bilangan(i)) => Nilai::Bilangan(i),
            (Tipe::Bilangan, Nilai::Bool(b)) => Nilai::Bilangan(i64::from(b)),
            (Tipe::Bilangan, Nilai::Teks(s)) => Nilai::Bilangan(
                s.trim()
                    .parse()
                    .map_err(|_| gagal(&Nilai::Teks(s.clone())))?,
            ),
            (Tipe::Pecahan, Nilai::Pecahan(f)) => Nilai::Pecahan(f),
            (Tipe::Pecahan, Nilai::Bilangan(i)) => Nilai::Pecahan(i as f64),
            (Tipe::Pecahan, Nilai::Teks(s)) => Nilai::Pecahan(
                s.trim()
                    .parse()
                    .map_err(|_| gagal(&Nilai::Teks(s.clone())))?,
            ),
            (Tipe::Bool, Nilai::Bool(b)) => Nilai::Bool(b),
            (Tipe::Bool, Nilai::Bilangan(i)) => Nilai::Bool(i != 0),
            (Tipe::Bool, Nilai::Teks(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "t" => Nilai::Bool(true),
                "0" | "false" | "f" => Nilai::Bool(false),
                _ => return Err(gagal(&Nilai::Teks(s))),
            },
            (Tipe::Tanggal, Nilai::Tanggal(d)) => Nilai::Tanggal(d),
            (Tipe::Tanggal, Nilai::Teks(s)) => {
                Nilai::Tanggal(parse_tanggal(&s).ok_or_else(|| gagal(&Nilai::Teks(s.clone())))?)
            }
            (Tipe::Waktu, Nilai::Waktu(t)) => Nilai::Waktu(t),
            (Tipe::Waktu, Nilai::WaktuLokal(t)) => Nilai::Waktu(t.and_utc()),
            (Tipe::Waktu, Nilai::Teks(s)) => {
                Nilai::Waktu(parse_waktu(&s).ok_or_else(|| gagal(&Nilai::Teks(s.clone())))?)
            }
            (Tipe::WaktuLokal, Nilai::WaktuLokal(t)) => Nilai::WaktuLokal(t),
            (Tipe::WaktuLokal, Nilai::Waktu(t)) => Nilai::WaktuLokal(t.naive_utc()),
            (Tipe::WaktuLokal, Nilai::Teks(s)) => Nilai::WaktuLokal(
                parse_waktu(&s)
                    .map(|t| t.naive_utc())
                    .ok_or_else(|| gagal(&Nilai::Teks(s.clone())))?,
            ),
            (Tipe::Uuid, Nilai::Uuid(u)) => Nilai::Uuid(u),
            (Tipe::Uuid, Nilai::Bita(b)) => {
                Nilai::Uuid(Uuid::from_slice(&b).map_err(|_| gagal(&Nilai::Bita(b.clone())))?)
            }
            (Tipe::Uuid, Nilai::Teks(s)) => {
                Nilai::Uuid(Uuid::parse_str(s.trim()).map_err(|_| gagal(&Nilai::Teks(s.clone())))?)
            }
            (Tipe::Bita, Nilai::Bita(b)) => Nilai::Bita(b),
            (Tipe::Bita, Nilai::Uuid(u)) => Nilai::Bita(u.as_bytes().to_vec()),
            (Tipe::Bita, Nilai::Teks(s)) => Nilai::Bita(s.into_bytes()),
            (_, n) => return Err(gagal(&n)),
        })
    }

    /// A short description for messages (never the whole value: it may be personal data).
    fn ringkas(&self) -> String {
        match self.tipe() {
            Some(t) => format!("bertipe {}", t.nama()),
            None => "kosong".into(),
        }
    }
}

fn parse_tanggal(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Reads a timestamp as SQLite holds it: RFC 3339 (what sqlx writes), or `YYYY-MM-DD HH:MM:SS`
/// with an optional fraction and offset (UTC when none).
pub(crate) fn parse_waktu(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bolak_balik() {
        let waktu = DateTime::parse_from_rfc3339("2026-11-23T10:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        let contoh = [
            (Nilai::Teks("a\"b\n".into()), Tipe::Teks),
            (Nilai::Bilangan(i64::MIN), Tipe::Bilangan),
            (Nilai::Pecahan(0.1), Tipe::Pecahan),
            (Nilai::Pecahan(f64::NAN), Tipe::Pecahan),
            (Nilai::Bool(true), Tipe::Bool),
            (
                Nilai::Tanggal(NaiveDate::from_ymd_opt(1980, 2, 29).unwrap()),
                Tipe::Tanggal,
            ),
            (Nilai::Waktu(waktu), Tipe::Waktu),
            (Nilai::WaktuLokal(waktu.naive_utc()), Tipe::WaktuLokal),
            (Nilai::Uuid(Uuid::now_v7()), Tipe::Uuid),
            (Nilai::Bita(vec![0, 255, 1]), Tipe::Bita),
            (Nilai::Null, Tipe::Bita),
            // Storage class differing from the declared type (SQLite).
            (Nilai::Bilangan(5), Tipe::Teks),
            (Nilai::Teks("x".into()), Tipe::Bilangan),
        ];
        for (n, t) in contoh {
            let j = n.ke_json(t);
            let teks = j.to_string();
            let balik = Nilai::dari_json(&serde_json::from_str(&teks).unwrap(), t).unwrap();
            match (&n, &balik) {
                (Nilai::Pecahan(a), Nilai::Pecahan(b)) if a.is_nan() => assert!(b.is_nan()),
                _ => assert_eq!(n, balik, "{teks}"),
            }
        }
    }

    #[test]
    fn teks_sqlite_menjadi_tipe_postgres() {
        let t = Nilai::Teks("2026-11-23T10:00:00.5+00:00".into())
            .untuk_postgres(Tipe::Waktu)
            .unwrap();
        assert_eq!(
            t,
            Nilai::Waktu(parse_waktu("2026-11-23 10:00:00.500").unwrap())
        );
        let u = Uuid::now_v7();
        assert_eq!(
            Nilai::Bita(u.as_bytes().to_vec())
                .untuk_postgres(Tipe::Uuid)
                .unwrap(),
            Nilai::Uuid(u)
        );
        assert_eq!(
            Nilai::Bilangan(0).untuk_postgres(Tipe::Bool).unwrap(),
            Nilai::Bool(false)
        );
        assert!(Nilai::Bita(vec![1, 2]).untuk_postgres(Tipe::Uuid).is_err());
    }
}
