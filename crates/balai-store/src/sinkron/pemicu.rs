//! The triggers that write every change of a synced table into `perubahan`, generated from the
//! table list so a new column or table is covered without writing SQL by hand. They are
//! (re)installed at start-up whenever the generated text changes.

use super::skema::{self, Tabel, ekspresi_gambar};
use crate::db::Db;
use crate::{Galat, on_db, on_tx};
use sha2::{Digest, Sha256};

fn sqlite(t: &Tabel) -> String {
    let n = t.nama;
    let baru = ekspresi_gambar(t, "NEW", None, false);
    let baru_ubah = ekspresi_gambar(t, "NEW", Some("OLD"), false);
    let lama = ekspresi_gambar(t, "OLD", None, false);
    let jika = "WHEN (SELECT menerapkan FROM sinkron_simpul WHERE satu = 1) = 0";
    let kolom = "INSERT INTO perubahan (desa_id, asal, tabel, operasi, baris, sebelum, waktu)";
    let asal = "(SELECT peran FROM sinkron_simpul WHERE satu = 1)";
    let waktu = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    format!(
        "DROP TRIGGER IF EXISTS sinkron_{n}_i;\n\
         CREATE TRIGGER sinkron_{n}_i AFTER INSERT ON {n} {jika} BEGIN {kolom} VALUES (NEW.desa_id, {asal}, '{n}', 'I', {baru}, NULL, {waktu}); END;\n\
         DROP TRIGGER IF EXISTS sinkron_{n}_u;\n\
         CREATE TRIGGER sinkron_{n}_u AFTER UPDATE ON {n} {jika} BEGIN {kolom} VALUES (NEW.desa_id, {asal}, '{n}', 'U', {baru_ubah}, {lama}, {waktu}); END;\n\
         DROP TRIGGER IF EXISTS sinkron_{n}_d;\n\
         CREATE TRIGGER sinkron_{n}_d AFTER DELETE ON {n} {jika} BEGIN {kolom} VALUES (OLD.desa_id, {asal}, '{n}', 'D', NULL, {lama}, {waktu}); END;\n"
    )
}

fn postgres(t: &Tabel) -> String {
    let n = t.nama;
    let baru = ekspresi_gambar(t, "NEW", None, true);
    let baru_ubah = ekspresi_gambar(t, "NEW", Some("OLD"), true);
    let lama = ekspresi_gambar(t, "OLD", None, true);
    let kolom = "INSERT INTO perubahan (desa_id, asal, tabel, operasi, baris, sebelum, waktu)";
    format!(
        "CREATE OR REPLACE FUNCTION sinkron_catat_{n}() RETURNS trigger LANGUAGE plpgsql AS $f$\n\
         DECLARE s RECORD;\n\
         BEGIN\n\
           -- A restore (`balai restore`) brings rows and log back as they were: nothing to log.\n\
           IF current_setting('balai.pulih', true) = '1' THEN RETURN NULL; END IF;\n\
           SELECT peran, menerapkan INTO s FROM sinkron_simpul WHERE satu = 1;\n\
           IF NOT FOUND OR s.menerapkan <> 0 THEN RETURN NULL; END IF;\n\
           IF TG_OP = 'INSERT' THEN\n\
             {kolom} VALUES (NEW.desa_id, s.peran, '{n}', 'I', ({baru})::text, NULL, now());\n\
           ELSIF TG_OP = 'UPDATE' THEN\n\
             {kolom} VALUES (NEW.desa_id, s.peran, '{n}', 'U', ({baru_ubah})::text, ({lama})::text, now());\n\
           ELSE\n\
             {kolom} VALUES (OLD.desa_id, s.peran, '{n}', 'D', NULL, ({lama})::text, now());\n\
           END IF;\n\
           RETURN NULL;\n\
         END $f$;\n\
         DROP TRIGGER IF EXISTS sinkron_{n} ON {n};\n\
         CREATE TRIGGER sinkron_{n} AFTER INSERT OR UPDATE OR DELETE ON {n} FOR EACH ROW EXECUTE FUNCTION sinkron_catat_{n}();\n"
    )
}

/// Installs the triggers when their text differs from what was installed last.
pub(crate) async fn pasang(db: &Db) -> Result<(), Galat> {
    let pg = db.is_postgres();
    let sql: String = skema::semua()
        .map(|t| if pg { postgres(t) } else { sqlite(t) })
        .collect();
    let hash = hex::encode(Sha256::digest(sql.as_bytes()));
    let terpasang: String = on_db!(db, p => sqlx::query_scalar("SELECT pemicu_hash FROM sinkron_simpul WHERE satu = 1")
        .fetch_one(p).await)?;
    if terpasang == hash {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, k => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *k).await?;
        sqlx::query("UPDATE sinkron_simpul SET pemicu_hash = $1 WHERE satu = 1").bind(&hash).execute(&mut *k).await?;
    });
    tx.commit().await?;
    tracing::info!("pemicu sinkron dipasang");
    Ok(())
}
