//! Both migration folders build the same schema: the same tables, columns (types mapped),
//! nullability, primary keys and indexes. A column added on one backend only fails here.

use sqlx::Connection;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default, PartialEq)]
struct Tabel {
    /// column -> (type class, nullable)
    kolom: BTreeMap<String, (&'static str, bool)>,
    kunci: Vec<String>,
    /// (unique, columns) of every index apart from the primary key's.
    indeks: BTreeSet<(bool, Vec<String>)>,
}

/// One class per way a value is stored on both sides (SQLite keeps times as TEXT, UUIDs as BLOB).
fn kelas_sqlite(t: &str) -> &'static str {
    match t.to_ascii_uppercase().as_str() {
        "TEXT" => "teks",
        "BLOB" => "biner",
        "INTEGER" | "BIGINT" | "INT" => "bulat",
        "REAL" | "DOUBLE" => "pecahan",
        _ => "lain",
    }
}

fn kelas_postgres(t: &str) -> &'static str {
    match t {
        "text" | "character varying" | "timestamp with time zone" | "date" => "teks",
        "uuid" | "bytea" => "biner",
        "bigint" | "integer" | "smallint" | "boolean" => "bulat",
        "double precision" | "real" => "pecahan",
        _ => "lain",
    }
}

async fn skema_sqlite(url: &str) -> BTreeMap<String, Tabel> {
    let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
    let nama: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '%_fts%' ORDER BY name",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for t in nama {
        let mut tabel = Tabel::default();
        let kolom: Vec<(String, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}') ORDER BY pk, cid"
        )))
        .fetch_all(&mut c)
        .await
        .unwrap();
        let mut kunci: Vec<(i64, String)> = Vec::new();
        for (n, ty, notnull, pk) in kolom {
            // A primary key column never holds NULL in Balai, whatever SQLite would allow.
            tabel
                .kolom
                .insert(n.clone(), (kelas_sqlite(&ty), notnull == 0 && pk == 0));
            if pk > 0 {
                kunci.push((pk, n));
            }
        }
        kunci.sort();
        tabel.kunci = kunci.into_iter().map(|(_, n)| n).collect();
        let indeks: Vec<(String, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, \"unique\", origin FROM pragma_index_list('{t}')"
        )))
        .fetch_all(&mut c)
        .await
        .unwrap();
        for (i, unik, asal) in indeks {
            if asal == "pk" {
                continue;
            }
            let kol: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT coalesce(name, '(ekspresi)') FROM pragma_index_info('{i}') ORDER BY seqno"
            )))
            .fetch_all(&mut c)
            .await
            .unwrap();
            tabel.indeks.insert((unik == 1, kol));
        }
        out.insert(t, tabel);
    }
    out
}

/// Text search is where each backend has its own tool (FTS5 tables on SQLite, trigram GIN
/// indexes and `text_pattern_ops` prefix indexes on PostgreSQL), so only plain B-tree indexes
/// and non-FTS tables are compared.
async fn skema_postgres(url: &str) -> BTreeMap<String, Tabel> {
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    let kolom: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let mut out: BTreeMap<String, Tabel> = BTreeMap::new();
    for (t, n, ty, null) in kolom {
        out.entry(t)
            .or_default()
            .kolom
            .insert(n, (kelas_postgres(&ty), null == "YES"));
    }
    let indeks: Vec<(String, bool, bool, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, ix.indisunique, ix.indisprimary, \
                array(SELECT coalesce(a.attname::text, '(ekspresi)') \
                      FROM unnest(ix.indkey) WITH ORDINALITY AS k(n, urut) \
                      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n \
                      ORDER BY k.urut) \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam \
         JOIN pg_namespace s ON s.oid = t.relnamespace \
         WHERE s.nspname = 'public' AND am.amname = 'btree' \
         AND NOT EXISTS (SELECT 1 FROM unnest(ix.indclass) AS oc(oid) JOIN pg_opclass o ON o.oid = oc.oid \
                         WHERE o.opcname LIKE '%pattern_ops')",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    for (t, unik, primer, kol) in indeks {
        let tabel = out.entry(t).or_default();
        if primer {
            tabel.kunci = kol;
        } else {
            tabel.indeks.insert((unik, kol));
        }
    }
    out
}

#[tokio::test]
async fn skema_sqlite_dan_postgres_sama() {
    let backend = balai_testkit::backends().await;
    let url = |n: &str| {
        backend
            .iter()
            .find(|b| b.nama == n)
            .unwrap_or_else(|| panic!("this test compares both backends; {n} is missing"))
            .url
            .clone()
    };
    // Migrated by the test kit's template databases.
    let sqlite = skema_sqlite(&url("sqlite")).await;
    let postgres = skema_postgres(&url("postgres")).await;
    let mut beda = Vec::new();
    let a: BTreeSet<_> = sqlite.keys().collect();
    let b: BTreeSet<_> = postgres.keys().collect();
    for t in a.symmetric_difference(&b) {
        beda.push(format!("table {t} exists on one backend only"));
    }
    for (t, s) in &sqlite {
        let Some(p) = postgres.get(t) else { continue };
        for (k, v) in &s.kolom {
            match p.kolom.get(k) {
                None => beda.push(format!("{t}.{k}: only on SQLite")),
                Some(w) if w != v => beda.push(format!("{t}.{k}: SQLite {v:?}, PostgreSQL {w:?}")),
                _ => {}
            }
        }
        for k in p.kolom.keys().filter(|k| !s.kolom.contains_key(*k)) {
            beda.push(format!("{t}.{k}: only on PostgreSQL"));
        }
        if s.kunci != p.kunci {
            beda.push(format!(
                "{t}: primary key SQLite {:?}, PostgreSQL {:?}",
                s.kunci, p.kunci
            ));
        }
        for i in s.indeks.symmetric_difference(&p.indeks) {
            let sisi = if s.indeks.contains(i) {
                "SQLite"
            } else {
                "PostgreSQL"
            };
            beda.push(format!(
                "{t}: {} index on {:?} only on {sisi}",
                if i.0 { "unique" } else { "plain" },
                i.1
            ));
        }
    }
    assert!(
        sqlite.len() > 40,
        "only {} tables found on SQLite",
        sqlite.len()
    );
    assert!(
        beda.is_empty(),
        "the two schemas differ:\n{}",
        beda.join("\n")
    );
}

/// `src/sinkron/kolom.txt` (how each synced column travels) is the PostgreSQL schema as it is,
/// and every table with a `desa_id` is either synced or listed as staying on its node.
#[tokio::test]
async fn daftar_kolom_sinkron_sesuai_skema() {
    let backend = balai_testkit::backends().await;
    let Some(pg) = backend.iter().find(|b| b.nama == "postgres") else {
        panic!("this test reads the PostgreSQL schema; postgres is missing");
    };
    let mut c = sqlx::PgConnection::connect(&pg.url).await.unwrap();
    let kolom: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, \
         EXISTS (SELECT 1 FROM information_schema.table_constraints tc \
                 JOIN information_schema.key_column_usage k USING (constraint_name, table_name) \
                 WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_name = c.table_name \
                 AND k.column_name = c.column_name) \
         FROM information_schema.columns c WHERE c.table_schema = 'public' \
         ORDER BY c.table_name, c.ordinal_position",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let sinkron = balai_store::sinkron::tabel::TABEL_SINKRON;
    let setempat: Vec<&str> = balai_store::sinkron::tabel::TABEL_SETEMPAT
        .iter()
        .map(|t| t.0)
        .collect();
    let mut teks = String::from(
        "# Columns of every synced table and how their values travel (generated from the PostgreSQL\n\
         # schema; crates/balai-store/tests/skema.rs checks it against both backends).\n\
         # s text, t date, i integer, l boolean, w timestamp, u uuid, b bytes, f float; k marks the primary key\n",
    );
    for t in sinkron {
        for (_, k, ty, pk) in kolom.iter().filter(|r| r.0 == *t) {
            let j = match ty.as_str() {
                "date" => "t",
                "bigint" | "integer" | "smallint" => "i",
                "boolean" => "l",
                "timestamp with time zone" => "w",
                "uuid" => "u",
                "bytea" => "b",
                "double precision" | "real" => "f",
                _ => "s",
            };
            teks.push_str(&format!("{t} {k} {j}{}\n", if *pk { " k" } else { "" }));
        }
    }
    let berkas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sinkron/kolom.txt");
    balai_testkit::cocok_snapshot(&berkas, &teks);
    let mut tanpa_aturan = Vec::new();
    for (t, k, _, _) in &kolom {
        if k == "desa_id" && !sinkron.contains(&t.as_str()) && !setempat.contains(&t.as_str()) {
            tanpa_aturan.push(t.clone());
        }
    }
    assert!(
        tanpa_aturan.is_empty(),
        "tables with desa_id neither synced nor listed as local (src/sinkron/tabel.rs): {tanpa_aturan:?}"
    );
}
