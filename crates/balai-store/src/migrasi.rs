//! Embedded migrations, one folder per backend, applied in order and recorded.
//!
//! An upgrade is all or nothing: the pending migrations run in one transaction, so a failing
//! one leaves the database exactly at the schema the previous version of Balai knows, and that
//! version keeps working on it. Before a SQLite file is upgraded, a copy of it is written
//! beside it (`balai.db.sebelum-skema-24`). A database of a newer schema than this program
//! knows (a downgrade) is refused before anything is touched.

use crate::db::Db;
use crate::{Galat, on_db};

/// One schema step. Public for the upgrade tests, which add a deliberately failing one.
pub struct Migrasi {
    pub versi: i64,
    pub nama: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

const MIGRASI: &[Migrasi] = &[
    Migrasi {
        versi: 1,
        nama: "dasar",
        sqlite: include_str!("../migrations/sqlite/0001_dasar.sql"),
        postgres: include_str!("../migrations/postgres/0001_dasar.sql"),
    },
    Migrasi {
        versi: 2,
        nama: "surat",
        sqlite: include_str!("../migrations/sqlite/0002_surat.sql"),
        postgres: include_str!("../migrations/postgres/0002_surat.sql"),
    },
    Migrasi {
        versi: 3,
        nama: "surat_masuk",
        sqlite: include_str!("../migrations/sqlite/0003_surat_masuk.sql"),
        postgres: include_str!("../migrations/postgres/0003_surat_masuk.sql"),
    },
    Migrasi {
        versi: 4,
        nama: "surat_tambahan",
        sqlite: include_str!("../migrations/sqlite/0004_surat_tambahan.sql"),
        postgres: include_str!("../migrations/postgres/0004_surat_tambahan.sql"),
    },
    Migrasi {
        versi: 5,
        nama: "nomor_unik",
        sqlite: include_str!("../migrations/sqlite/0005_nomor_unik.sql"),
        postgres: include_str!("../migrations/postgres/0005_nomor_unik.sql"),
    },
    Migrasi {
        versi: 6,
        nama: "warga",
        sqlite: include_str!("../migrations/sqlite/0006_warga.sql"),
        postgres: include_str!("../migrations/postgres/0006_warga.sql"),
    },
    Migrasi {
        versi: 7,
        nama: "notifikasi",
        sqlite: include_str!("../migrations/sqlite/0007_notifikasi.sql"),
        postgres: include_str!("../migrations/postgres/0007_notifikasi.sql"),
    },
    Migrasi {
        versi: 8,
        nama: "situs",
        sqlite: include_str!("../migrations/sqlite/0008_situs.sql"),
        postgres: include_str!("../migrations/postgres/0008_situs.sql"),
    },
    Migrasi {
        versi: 9,
        nama: "keuangan",
        sqlite: include_str!("../migrations/sqlite/0009_keuangan.sql"),
        postgres: include_str!("../migrations/postgres/0009_keuangan.sql"),
    },
    Migrasi {
        versi: 10,
        nama: "nomor_rumah_tangga",
        sqlite: include_str!("../migrations/sqlite/0010_nomor_rumah_tangga.sql"),
        postgres: include_str!("../migrations/postgres/0010_nomor_rumah_tangga.sql"),
    },
    Migrasi {
        versi: 11,
        nama: "sesi_aktif",
        sqlite: include_str!("../migrations/sqlite/0011_sesi_aktif.sql"),
        postgres: include_str!("../migrations/postgres/0011_sesi_aktif.sql"),
    },
    Migrasi {
        versi: 12,
        nama: "sinkron",
        sqlite: include_str!("../migrations/sqlite/0012_sinkron.sql"),
        postgres: include_str!("../migrations/postgres/0012_sinkron.sql"),
    },
    Migrasi {
        versi: 13,
        nama: "batas_wilayah",
        sqlite: include_str!("../migrations/sqlite/0013_batas_wilayah.sql"),
        postgres: include_str!("../migrations/postgres/0013_batas_wilayah.sql"),
    },
    Migrasi {
        versi: 14,
        nama: "adminduk",
        sqlite: include_str!("../migrations/sqlite/0014_adminduk.sql"),
        postgres: include_str!("../migrations/postgres/0014_adminduk.sql"),
    },
    Migrasi {
        versi: 15,
        nama: "percobaan_masuk",
        sqlite: include_str!("../migrations/sqlite/0015_percobaan_masuk.sql"),
        postgres: include_str!("../migrations/postgres/0015_percobaan_masuk.sql"),
    },
    Migrasi {
        versi: 16,
        nama: "token_api_hak",
        sqlite: include_str!("../migrations/sqlite/0016_token_api_hak.sql"),
        postgres: include_str!("../migrations/postgres/0016_token_api_hak.sql"),
    },
    Migrasi {
        versi: 17,
        nama: "bantuan",
        sqlite: include_str!("../migrations/sqlite/0017_bantuan.sql"),
        postgres: include_str!("../migrations/postgres/0017_bantuan.sql"),
    },
    Migrasi {
        versi: 18,
        nama: "opensid",
        sqlite: include_str!("../migrations/sqlite/0018_opensid.sql"),
        postgres: include_str!("../migrations/postgres/0018_opensid.sql"),
    },
    Migrasi {
        versi: 19,
        nama: "kesehatan",
        sqlite: include_str!("../migrations/sqlite/0019_kesehatan.sql"),
        postgres: include_str!("../migrations/postgres/0019_kesehatan.sql"),
    },
    Migrasi {
        versi: 20,
        nama: "kia",
        sqlite: include_str!("../migrations/sqlite/0020_kia.sql"),
        postgres: include_str!("../migrations/postgres/0020_kia.sql"),
    },
    Migrasi {
        versi: 21,
        nama: "pendidikan",
        sqlite: include_str!("../migrations/sqlite/0021_pendidikan.sql"),
        postgres: include_str!("../migrations/postgres/0021_pendidikan.sql"),
    },
    Migrasi {
        versi: 22,
        nama: "perangkat",
        sqlite: include_str!("../migrations/sqlite/0022_perangkat.sql"),
        postgres: include_str!("../migrations/postgres/0022_perangkat.sql"),
    },
    Migrasi {
        versi: 23,
        nama: "peraturan_aset",
        sqlite: include_str!("../migrations/sqlite/0023_peraturan_aset.sql"),
        postgres: include_str!("../migrations/postgres/0023_peraturan_aset.sql"),
    },
    Migrasi {
        versi: 24,
        nama: "buku",
        sqlite: include_str!("../migrations/sqlite/0024_buku.sql"),
        postgres: include_str!("../migrations/postgres/0024_buku.sql"),
    },
    Migrasi {
        versi: 25,
        nama: "versi_program",
        sqlite: include_str!("../migrations/sqlite/0025_versi_program.sql"),
        postgres: include_str!("../migrations/postgres/0025_versi_program.sql"),
    },
    Migrasi {
        versi: 26,
        nama: "konvergensi",
        sqlite: include_str!("../migrations/sqlite/0026_konvergensi.sql"),
        postgres: include_str!("../migrations/postgres/0026_konvergensi.sql"),
    },
    Migrasi {
        versi: 27,
        nama: "penimbangan_gizi",
        sqlite: include_str!("../migrations/sqlite/0027_penimbangan_gizi.sql"),
        postgres: include_str!("../migrations/postgres/0027_penimbangan_gizi.sql"),
    },
    Migrasi {
        versi: 28,
        nama: "kuota_permintaan",
        sqlite: include_str!("../migrations/sqlite/0028_kuota_permintaan.sql"),
        postgres: include_str!("../migrations/postgres/0028_kuota_permintaan.sql"),
    },
];

/// The migrations this program knows, in order.
pub fn semua() -> &'static [Migrasi] {
    MIGRASI
}

/// Applies every migration not yet applied. Returns how many ran.
pub async fn jalankan(db: &Db) -> Result<usize, Galat> {
    terapkan(db, MIGRASI).await
}

/// Applies the migrations of `daftar` not yet applied, all in one transaction.
pub async fn terapkan(db: &Db, daftar: &[Migrasi]) -> Result<usize, Galat> {
    terapkan_dengan(db, daftar, true).await
}

/// [`terapkan`] without the copy of a SQLite file beside it (a scratch database).
pub(crate) async fn terapkan_tanpa_salinan(db: &Db, daftar: &[Migrasi]) -> Result<usize, Galat> {
    terapkan_dengan(db, daftar, false).await
}

async fn terapkan_dengan(db: &Db, daftar: &[Migrasi], salin: bool) -> Result<usize, Galat> {
    let buat = "CREATE TABLE IF NOT EXISTS skema_versi (versi BIGINT PRIMARY KEY, nama TEXT NOT NULL, diterapkan_pada TEXT NOT NULL)";
    on_db!(db, p => sqlx::query(buat).execute(p).await.map(|_| ()))?;
    let sudah: Vec<i64> =
        on_db!(db, p => sqlx::query_scalar("SELECT versi FROM skema_versi").fetch_all(p).await)?;
    let dikenal = daftar.last().map_or(0, |m| m.versi);
    let sekarang = sudah.iter().copied().max().unwrap_or(0);
    if sekarang > dikenal {
        return Err(Galat::Ditolak(format!(
            "Basis data ini berskema {sekarang}, dibuat oleh versi Balai yang lebih baru; program ini hanya mengenal sampai skema {dikenal}. Tidak ada yang diubah. Pasang kembali versi Balai yang lebih baru (menurunkan versi tidak didukung), atau pulihkan cadangan yang dibuat oleh versi ini."
        )));
    }
    let tertunda: Vec<&Migrasi> = daftar
        .iter()
        .filter(|m| !sudah.contains(&m.versi))
        .collect();
    if tertunda.is_empty() {
        return Ok(0);
    }
    if salin && !sudah.is_empty() && !db.is_postgres() {
        salin_sqlite(db, sekarang).await?;
    }
    let waktu = chrono::Utc::now().to_rfc3339();
    let mut tx = db.begin().await?;
    for m in &tertunda {
        let sql = if db.is_postgres() {
            m.postgres
        } else {
            m.sqlite
        };
        let hasil: Result<(), sqlx::Error> = crate::on_tx!(&mut tx, c => {
            match sqlx::raw_sql(sql).execute(&mut *c).await {
                Ok(_) => sqlx::query("INSERT INTO skema_versi (versi, nama, diterapkan_pada) VALUES ($1, $2, $3)")
                    .bind(m.versi).bind(m.nama).bind(&waktu).execute(&mut *c).await.map(|_| ()),
                Err(e) => Err(e),
            }
        });
        if let Err(e) = hasil {
            // Dropping the transaction rolls every step of this upgrade back.
            drop(tx);
            tracing::error!(versi = m.versi, nama = m.nama, "migrasi gagal: {e}");
            return Err(Galat::Lain(format!(
                "Pembaruan skema gagal pada migrasi {} ({}): {e}. Semua langkah pembaruan dibatalkan; basis data tetap pada skema {sekarang} dan versi Balai sebelumnya dapat terus dipakai.",
                m.versi, m.nama
            )));
        }
    }
    tx.commit().await?;
    for m in &tertunda {
        tracing::info!(versi = m.versi, nama = m.nama, "migrasi diterapkan");
    }
    Ok(tertunda.len())
}

/// Writes a copy of the SQLite file beside it before its schema changes.
async fn salin_sqlite(db: &Db, skema: i64) -> Result<(), Galat> {
    let Db::Sqlite(p) = db else { return Ok(()) };
    let berkas: Option<String> =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_optional(p)
            .await?;
    let Some(berkas) = berkas.filter(|b| !b.is_empty()) else {
        return Ok(());
    };
    let salinan = format!("{berkas}.sebelum-skema-{skema}");
    let _ = std::fs::remove_file(&salinan);
    sqlx::query("VACUUM INTO $1")
        .bind(&salinan)
        .execute(p)
        .await?;
    tracing::info!("salinan basis data sebelum pembaruan skema: {salinan}");
    pangkas_salinan(std::path::Path::new(&berkas), &salinan);
    Ok(())
}

/// How many copies made before schema upgrades are kept beside the database: the newest two
/// (the way back from the last upgrade and the one before). Older ones would fill a village
/// PC's disk, one whole database per release.
const SALINAN_DISIMPAN: usize = 2;

/// Removes all but the newest [`SALINAN_DISIMPAN`] copies `BERKAS.sebelum-skema-N`, never the
/// one just written (`baru`: after restoring an old backup its number is the lowest).
fn pangkas_salinan(berkas: &std::path::Path, baru: &str) {
    let Some(dasar) = berkas.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let folder = match berkas.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => std::path::Path::new("."),
    };
    let Ok(isi) = std::fs::read_dir(folder) else {
        return;
    };
    let semua: Vec<String> = isi
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let baru = std::path::Path::new(baru)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for lama in salinan_lama(&semua, &dasar)
        .into_iter()
        .filter(|l| *l != baru)
    {
        match std::fs::remove_file(folder.join(&lama)) {
            Ok(()) => tracing::info!("salinan lama sebelum pembaruan skema dihapus: {lama}"),
            Err(e) => tracing::warn!("salinan lama {lama} tidak dapat dihapus: {e}"),
        }
    }
}

/// Of the files in a folder, the copies of `dasar` made before schema upgrades that are not
/// among the newest [`SALINAN_DISIMPAN`] (by schema number).
fn salinan_lama(berkas: &[String], dasar: &str) -> Vec<String> {
    let awalan = format!("{dasar}.sebelum-skema-");
    let mut salinan: Vec<(i64, &String)> = berkas
        .iter()
        .filter_map(|b| Some((b.strip_prefix(&awalan)?.parse().ok()?, b)))
        .collect();
    salinan.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    salinan
        .into_iter()
        .skip(SALINAN_DISIMPAN)
        .map(|(_, b)| b.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanya_dua_salinan_terbaru_disimpan() {
        let berkas: Vec<String> = [
            "balai.db",
            "balai.db.sebelum-skema-9",
            "balai.db.sebelum-skema-23",
            "balai.db.sebelum-skema-24",
            "balai.db.sebelum-skema-10",
            "lain.db.sebelum-skema-1",
            "balai.db.sebelum-skema-x",
        ]
        .map(String::from)
        .to_vec();
        let mut lama = salinan_lama(&berkas, "balai.db");
        lama.sort();
        assert_eq!(
            lama,
            ["balai.db.sebelum-skema-10", "balai.db.sebelum-skema-9"]
        );
        assert!(salinan_lama(&berkas[..3], "balai.db").is_empty());
    }
}
