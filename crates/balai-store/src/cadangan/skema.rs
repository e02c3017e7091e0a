//! Which tables a backup holds, read from the database itself so a table added by a later
//! migration is backed up without touching this module.

use super::nilai::Tipe;
use crate::Galat;
use sqlx::{PgConnection, SqliteConnection};
use std::collections::{BTreeMap, BTreeSet};

/// Tables that are neither backed up nor cleared: the migration log (the binary owns it) and the
/// Kemendagri region table (static data embedded in the binary, loaded at start-up).
pub(crate) const TABEL_REFERENSI: &[&str] = &["skema_versi", "wilayah"];

/// Tables whose rows are short-lived and bound to this install: not backed up, emptied on
/// restore. Login sessions: after a restore everyone signs in again. Request allowances: counts
/// of the last hour or day, not the village's data.
pub(crate) const TABEL_SEMENTARA: &[&str] = &["sesi", "kuota_permintaan"];

#[derive(Debug, Clone)]
pub(crate) struct Kolom {
    pub nama: String,
    pub tipe: Tipe,
    /// PostgreSQL: the full type (`format_type`), used to cast on insert. SQLite: declared type.
    pub jenis: String,
    /// PostgreSQL: `pg_type.typname` (`int2`, `timestamptz` …), to decode with the right width.
    pub typname: String,
    /// PostgreSQL: the sequence feeding this column, to move it past the restored values.
    pub urutan: Option<String>,
    /// PostgreSQL `GENERATED ALWAYS AS IDENTITY`: inserting needs `OVERRIDING SYSTEM VALUE`.
    pub identitas_selalu: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Tabel {
    pub nama: String,
    pub kolom: Vec<Kolom>,
    /// Primary-key columns, in key order (rows are written in this order).
    pub kunci: Vec<String>,
    /// Tables this one refers to by foreign key.
    pub rujukan: Vec<String>,
}

impl Tabel {
    pub(crate) fn sementara(&self) -> bool {
        TABEL_SEMENTARA.contains(&self.nama.as_str())
    }
    pub(crate) fn kolom(&self, nama: &str) -> Option<&Kolom> {
        self.kolom.iter().find(|k| k.nama == nama)
    }
}

/// `"name"` with embedded quotes doubled: table and column names come from the catalogue (and on
/// restore are checked against it), never from the backup file alone.
pub(crate) fn kutip(nama: &str) -> String {
    format!("\"{}\"", nama.replace('"', "\"\""))
}

fn dilewati(nama: &str) -> bool {
    TABEL_REFERENSI.contains(&nama) || nama.starts_with("sqlite_") || nama.starts_with("_sqlx")
}

pub(crate) async fn skema_sqlite(c: &mut SqliteConnection) -> Result<Vec<Tabel>, Galat> {
    // `pragma_table_list` tells ordinary tables from virtual (FTS) tables and their shadow
    // tables, which are rebuilt by their own triggers rather than restored.
    let nama: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut hasil = Vec::new();
    for t in nama.into_iter().filter(|t| !dilewati(t)) {
        let kolom: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT name, type, pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid",
        )
        .bind(&t)
        .fetch_all(&mut *c)
        .await?;
        let mut kunci: Vec<(i64, String)> = kolom
            .iter()
            .filter(|k| k.2 > 0)
            .map(|k| (k.2, k.0.clone()))
            .collect();
        kunci.sort();
        let rujukan: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)")
                .bind(&t)
                .fetch_all(&mut *c)
                .await?;
        hasil.push(Tabel {
            kolom: kolom
                .into_iter()
                // hidden: 0 ordinary, 2/3 generated columns (computed, not stored by us).
                .filter(|k| k.3 == 0)
                .map(|(nama, jenis, _, _)| Kolom {
                    nama,
                    tipe: Tipe::dari_sqlite(&jenis),
                    typname: jenis.to_ascii_lowercase(),
                    jenis,
                    urutan: None,
                    identitas_selalu: false,
                })
                .collect(),
            nama: t,
            kunci: kunci.into_iter().map(|k| k.1).collect(),
            rujukan,
        });
    }
    Ok(urut_topologis(hasil))
}

pub(crate) async fn skema_postgres(c: &mut PgConnection) -> Result<Vec<Tabel>, Galat> {
    let nama: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
         ORDER BY c.relname",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut hasil = Vec::new();
    for t in nama.into_iter().filter(|t| !dilewati(t)) {
        let kolom: Vec<(String, String, String, Option<String>, bool)> = sqlx::query_as(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), \
                    CASE WHEN ty.typtype = 'd' THEN bt.typname::text ELSE ty.typname::text END, \
                    pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname::text), \
                    a.attidentity = 'a' \
             FROM pg_attribute a \
             JOIN pg_class c ON c.oid = a.attrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_type ty ON ty.oid = a.atttypid \
             LEFT JOIN pg_type bt ON bt.oid = ty.typbasetype \
             WHERE n.nspname = current_schema() AND c.relname = $1 AND a.attnum > 0 \
               AND NOT a.attisdropped AND a.attgenerated = '' \
             ORDER BY a.attnum",
        )
        .bind(&t)
        .fetch_all(&mut *c)
        .await?;
        let kunci: Vec<String> = sqlx::query_scalar(
            "SELECT a.attname::text FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
             WHERE n.nspname = current_schema() AND c.relname = $1 AND i.indisprimary \
             ORDER BY array_position(i.indkey::int2[], a.attnum)",
        )
        .bind(&t)
        .fetch_all(&mut *c)
        .await?;
        let rujukan: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT r.relname::text FROM pg_constraint k \
             JOIN pg_class c ON c.oid = k.conrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_class r ON r.oid = k.confrelid \
             WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = $1",
        )
        .bind(&t)
        .fetch_all(&mut *c)
        .await?;
        hasil.push(Tabel {
            kolom: kolom
                .into_iter()
                .map(|(nama, jenis, typname, urutan, identitas_selalu)| Kolom {
                    nama,
                    tipe: Tipe::dari_postgres(&typname),
                    jenis,
                    typname,
                    urutan,
                    identitas_selalu,
                })
                .collect(),
            nama: t,
            kunci,
            rujukan,
        });
    }
    Ok(urut_topologis(hasil))
}

/// Orders tables so that each comes after the tables it refers to (ties by name, so the order
/// is the same on every backend). Tables in a reference cycle keep name order at the end.
pub(crate) fn urut_topologis(tabel: Vec<Tabel>) -> Vec<Tabel> {
    let mut sisa: BTreeMap<String, Tabel> =
        tabel.into_iter().map(|t| (t.nama.clone(), t)).collect();
    let mut hasil = Vec::new();
    let mut selesai: BTreeSet<String> = BTreeSet::new();
    loop {
        let siap: Vec<String> = sisa
            .values()
            .filter(|t| {
                t.rujukan
                    .iter()
                    .all(|r| *r == t.nama || selesai.contains(r) || !sisa.contains_key(r))
            })
            .map(|t| t.nama.clone())
            .collect();
        if siap.is_empty() {
            break;
        }
        for n in siap {
            if let Some(t) = sisa.remove(&n) {
                selesai.insert(n);
                hasil.push(t);
            }
        }
    }
    hasil.extend(sisa.into_values());
    hasil
}

pub(crate) async fn versi_skema_sqlite(c: &mut SqliteConnection) -> Result<i64, Galat> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT max(versi) FROM skema_versi")
            .fetch_one(&mut *c)
            .await?
            .unwrap_or(0),
    )
}

pub(crate) async fn versi_skema_postgres(c: &mut PgConnection) -> Result<i64, Galat> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT max(versi) FROM skema_versi")
            .fetch_one(&mut *c)
            .await?
            .unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(nama: &str, rujukan: &[&str]) -> Tabel {
        Tabel {
            nama: nama.into(),
            kolom: Vec::new(),
            kunci: Vec::new(),
            rujukan: rujukan.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn tabel_induk_lebih_dulu() {
        let urut = urut_topologis(vec![
            t("peristiwa", &["desa", "penduduk"]),
            t("penduduk", &["desa", "keluarga", "wilayah_rt"]),
            t("keluarga", &["desa", "wilayah_rt"]),
            t("wilayah_rt", &["desa"]),
            t("desa", &[]),
            t("audit", &[]),
            t("a", &["b"]),
            t("b", &["a"]),
        ]);
        let nama: Vec<&str> = urut.iter().map(|t| t.nama.as_str()).collect();
        assert_eq!(
            nama,
            [
                "audit",
                "desa",
                "wilayah_rt",
                "keluarga",
                "penduduk",
                "peristiwa",
                "a",
                "b"
            ]
        );
    }
}
