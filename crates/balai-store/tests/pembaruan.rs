//! Upgrades: a database of the previous release (schema one step behind) upgrades with its data;
//! an upgrade whose second step fails leaves the database exactly at its old schema, data
//! intact and usable; a database of a newer schema is refused untouched; a SQLite file is copied
//! beside itself before its schema changes.

use balai_domain::KodeDesa;
use balai_store::db::Db;
use balai_store::migrasi::{self, Migrasi};
use balai_store::{Aktor, Galat, Store};
use balai_testkit::Backend;

const DESA: &str = "3325082004";

async fn skema(db: &Db) -> i64 {
    balai_store::on_db!(db, p => sqlx::query_scalar::<_, i64>("SELECT MAX(versi) FROM skema_versi").fetch_one(p).await)
        .unwrap()
}

async fn ada_tabel(db: &Db, nama: &str) -> bool {
    let sql = if db.is_postgres() {
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = $1"
    } else {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
    };
    balai_store::on_db!(db, p => sqlx::query_scalar::<_, i64>(sql).bind(nama).fetch_one(p).await)
        .unwrap()
        > 0
}

fn langkah(versi: i64, nama: &'static str, sql: &'static str) -> Migrasi {
    Migrasi {
        versi,
        nama,
        sqlite: sql,
        postgres: sql,
    }
}

balai_testkit::tiap_backend_url!(pembaruan_dari_rilis_sebelumnya);
async fn pembaruan_dari_rilis_sebelumnya(_migrated: Backend) {
    let b = balai_testkit::backend_kosong(_migrated.nama).await;
    let be = b.nama;
    // The previous release: every migration but the last, with a village in it.
    let semua = migrasi::semua();
    let db = Db::connect(&b.url).await.unwrap();
    let n = migrasi::terapkan(&db, &semua[..semua.len() - 1])
        .await
        .unwrap();
    assert_eq!(n, semua.len() - 1, "{be}");
    balai_store::on_db!(&db, p => sqlx::query(
        "INSERT INTO desa (desa_id, nama, zona_waktu, dibuat_pada, diubah_pada) VALUES ($1, 'Donorejo', 'WIB', $2, $2)")
        .bind(DESA).bind(chrono::Utc::now()).execute(p).await.map(|_| ())).unwrap();
    db.close().await;
    // This release opens it: upgraded, the village still there.
    let s = Store::buka(&b.url).await.unwrap();
    assert_eq!(skema(&s.db).await, semua.last().unwrap().versi, "{be}");
    assert_eq!(
        s.desa(DESA).await.unwrap().unwrap().nama,
        "Donorejo",
        "{be}"
    );
    if be == "sqlite" {
        let berkas = b.url.trim_start_matches("sqlite://");
        let salinan = format!("{berkas}.sebelum-skema-{}", semua.len() - 1);
        assert!(
            std::path::Path::new(&salinan).exists(),
            "{be}: copy before the upgrade"
        );
    }
}

balai_testkit::tiap_backend_url!(pembaruan_gagal_dibatalkan_seluruhnya);
async fn pembaruan_gagal_dibatalkan_seluruhnya(b: Backend) {
    let be = b.nama;
    let s = Store::buka(&b.url).await.unwrap();
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let lama = skema(&s.db).await;
    let mut daftar: Vec<Migrasi> = migrasi::semua()
        .iter()
        .map(|m| langkah(m.versi, m.nama, m.sqlite))
        .collect();
    for (m, d) in daftar.iter_mut().zip(migrasi::semua()) {
        m.postgres = d.postgres;
    }
    // Two new steps: the first would add a table and change a village, the second fails.
    daftar.push(langkah(
        lama + 1,
        "uji_baik",
        "CREATE TABLE uji_baru (x INTEGER); UPDATE desa SET nama = 'Diubah';",
    ));
    daftar.push(langkah(
        lama + 2,
        "uji_gagal",
        "SELECT * FROM tabel_yang_tidak_ada;",
    ));
    let e = migrasi::terapkan(&s.db, &daftar).await.unwrap_err();
    let pesan = e.to_string();
    assert!(
        pesan.contains("uji_gagal") && pesan.contains(&format!("tetap pada skema {lama}")),
        "{be}: {pesan}"
    );
    assert_eq!(skema(&s.db).await, lama, "{be}: the schema is the old one");
    assert!(
        !ada_tabel(&s.db, "uji_baru").await,
        "{be}: the first step rolled back"
    );
    assert_eq!(
        s.desa(DESA).await.unwrap().unwrap().nama,
        "Donorejo",
        "{be}: data intact"
    );
    // The old version goes on working on it.
    assert_eq!(s.migrasi().await.unwrap(), 0, "{be}");
    s.buat_desa(&KodeDesa::parse("3325082005").unwrap(), &Aktor::sistem())
        .await
        .unwrap();

    // Fixed, the upgrade goes through; then this program refuses the newer database.
    daftar.pop();
    assert_eq!(migrasi::terapkan(&s.db, &daftar).await.unwrap(), 1, "{be}");
    assert!(ada_tabel(&s.db, "uji_baru").await, "{be}");
    match s.migrasi().await {
        Err(Galat::Ditolak(m)) => assert!(
            m.contains(&format!("berskema {}", lama + 1)) && m.contains("Tidak ada yang diubah"),
            "{be}: {m}"
        ),
        lain => panic!("{be}: a newer database was not refused: {lain:?}"),
    }
    assert_eq!(skema(&s.db).await, lama + 1, "{be}");
}

balai_testkit::tiap_backend!(versi_program_tercatat_dan_pembaruan_terakhir);
async fn versi_program_tercatat_dan_pembaruan_terakhir(b: &'static str, s: Store) {
    use balai_store::Jam;
    use chrono::TimeZone;
    let t1 = chrono::Utc.with_ymd_and_hms(2026, 9, 1, 2, 0, 0).unwrap();
    let t2 = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 3, 0, 0).unwrap();
    let pada = |t| s.clone().dengan_jam(Jam::Tetap(t));
    // A fresh install: one version, no upgrade to tell about.
    pada(t1).catat_versi_program("0.9.0").await.unwrap();
    assert_eq!(s.pembaruan_ke("0.9.0").await.unwrap(), None, "{b}");
    // The next release starts: the upgrade is from 0.9.0, at its first start.
    pada(t2).catat_versi_program("0.10.0").await.unwrap();
    let p = s.pembaruan_ke("0.10.0").await.unwrap().expect("an upgrade");
    assert_eq!(
        (p.dari.as_str(), p.ke.as_str(), p.pada),
        ("0.9.0", "0.10.0", t2),
        "{b}"
    );
    // Restarting the same version changes nothing.
    pada(t2 + chrono::Duration::days(3))
        .catat_versi_program("0.10.0")
        .await
        .unwrap();
    assert_eq!(
        s.pembaruan_ke("0.10.0").await.unwrap().unwrap().pada,
        t2,
        "{b}"
    );
    // A version never started here has no upgrade.
    assert_eq!(s.pembaruan_ke("1.0.0").await.unwrap(), None, "{b}");
}
