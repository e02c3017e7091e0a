//! Writing a backup from a consistent snapshot.

use super::berkas::{FORMAT, Kepala, KepalaTabel, Penulis, VERSI_FORMAT};
use super::nilai::{Nilai, Tipe};
use super::sandi::{KepalaSandi, Kunci};
use super::skema::{self, Tabel, kutip};
use super::{RingkasCadangan, Sumber, periksa_sumber};
use crate::db::Db;
use crate::{Galat, Store};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use futures_util::TryStreamExt;
use sqlx::{PgConnection, Row, SqliteConnection, TypeInfo, ValueRef};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn galat_tulis(e: io::Error) -> Galat {
    Galat::Lain(format!("Gagal menulis berkas cadangan: {e}"))
}

fn select(t: &Tabel, teks_untuk_lain: bool) -> String {
    let kolom: Vec<String> = t
        .kolom
        .iter()
        .map(|k| {
            if teks_untuk_lain && k.tipe == Tipe::Lain {
                format!("CAST({} AS TEXT)", kutip(&k.nama))
            } else {
                kutip(&k.nama)
            }
        })
        .collect();
    let mut sql = format!("SELECT {} FROM {}", kolom.join(", "), kutip(&t.nama));
    if !t.kunci.is_empty() {
        let kunci: Vec<String> = t.kunci.iter().map(|k| kutip(k)).collect();
        sql.push_str(&format!(" ORDER BY {}", kunci.join(", ")));
    }
    sql
}

fn kepala_tabel(t: &Tabel, baris: i64) -> KepalaTabel {
    KepalaTabel {
        nama: t.nama.clone(),
        kolom: t.kolom.iter().map(|k| k.nama.clone()).collect(),
        tipe: t.kolom.iter().map(|k| k.tipe).collect(),
        baris: baris.max(0) as u64,
    }
}

fn tidak_konsisten(t: &str) -> Galat {
    Galat::Lain(format!(
        "Jumlah baris tabel {t} berubah selama pencadangan; cadangan dibatalkan."
    ))
}

async fn dump_sqlite(
    c: &mut SqliteConnection,
    w: &mut Penulis<'_>,
    tabel: &[Tabel],
    kepala: &Kepala,
) -> Result<(), Galat> {
    for (t, kt) in tabel.iter().zip(&kepala.tabel) {
        w.mulai_tabel(&t.nama).map_err(galat_tulis)?;
        let sql = select(t, false);
        let mut baris = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *c);
        let mut n = 0u64;
        let mut json = Vec::with_capacity(t.kolom.len());
        while let Some(r) = baris.try_next().await? {
            json.clear();
            for (i, k) in t.kolom.iter().enumerate() {
                let v = r.try_get_raw(i)?;
                // Each value keeps its own storage class (SQLite is dynamically typed).
                let nilai = if v.is_null() {
                    Nilai::Null
                } else {
                    match v.type_info().name() {
                        "INTEGER" => Nilai::Bilangan(r.try_get_unchecked(i)?),
                        "REAL" => Nilai::Pecahan(r.try_get_unchecked(i)?),
                        "BLOB" => Nilai::Bita(r.try_get_unchecked(i)?),
                        _ => Nilai::Teks(r.try_get_unchecked(i)?),
                    }
                };
                json.push(nilai.ke_json(k.tipe));
            }
            w.baris(&json).map_err(galat_tulis)?;
            n += 1;
        }
        if n != kt.baris {
            return Err(tidak_konsisten(&t.nama));
        }
    }
    Ok(())
}

async fn dump_postgres(
    c: &mut PgConnection,
    w: &mut Penulis<'_>,
    tabel: &[Tabel],
    kepala: &Kepala,
) -> Result<(), Galat> {
    for (t, kt) in tabel.iter().zip(&kepala.tabel) {
        w.mulai_tabel(&t.nama).map_err(galat_tulis)?;
        let sql = select(t, true);
        let mut baris = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *c);
        let mut n = 0u64;
        let mut json = Vec::with_capacity(t.kolom.len());
        while let Some(r) = baris.try_next().await? {
            json.clear();
            for (i, k) in t.kolom.iter().enumerate() {
                let nilai = match (k.tipe, k.typname.as_str()) {
                    (Tipe::Bilangan, "int2") => r
                        .try_get::<Option<i16>, _>(i)?
                        .map(|v| Nilai::Bilangan(v.into())),
                    (Tipe::Bilangan, "int4") => r
                        .try_get::<Option<i32>, _>(i)?
                        .map(|v| Nilai::Bilangan(v.into())),
                    (Tipe::Bilangan, _) => r.try_get::<Option<i64>, _>(i)?.map(Nilai::Bilangan),
                    (Tipe::Pecahan, "float4") => r
                        .try_get::<Option<f32>, _>(i)?
                        .map(|v| Nilai::Pecahan(v.into())),
                    (Tipe::Pecahan, _) => r.try_get::<Option<f64>, _>(i)?.map(Nilai::Pecahan),
                    (Tipe::Bool, _) => r.try_get::<Option<bool>, _>(i)?.map(Nilai::Bool),
                    (Tipe::Tanggal, _) => r.try_get::<Option<NaiveDate>, _>(i)?.map(Nilai::Tanggal),
                    (Tipe::Waktu, _) => r.try_get::<Option<DateTime<Utc>>, _>(i)?.map(Nilai::Waktu),
                    (Tipe::WaktuLokal, _) => r
                        .try_get::<Option<NaiveDateTime>, _>(i)?
                        .map(Nilai::WaktuLokal),
                    (Tipe::Uuid, _) => r.try_get::<Option<Uuid>, _>(i)?.map(Nilai::Uuid),
                    (Tipe::Bita, _) => r.try_get::<Option<Vec<u8>>, _>(i)?.map(Nilai::Bita),
                    // Varchar and friends decode as text; other types were cast to text.
                    (Tipe::Teks | Tipe::Lain, _) => r
                        .try_get_unchecked::<Option<String>, _>(i)?
                        .map(Nilai::Teks),
                }
                .unwrap_or(Nilai::Null);
                json.push(nilai.ke_json(k.tipe));
            }
            w.baris(&json).map_err(galat_tulis)?;
            n += 1;
        }
        if n != kt.baris {
            return Err(tidak_konsisten(&t.nama));
        }
    }
    Ok(())
}

async fn hitung_sqlite(c: &mut SqliteConnection, tabel: &[Tabel]) -> Result<Vec<i64>, Galat> {
    let mut n = Vec::new();
    for t in tabel {
        let sql = format!("SELECT count(*) FROM {}", kutip(&t.nama));
        n.push(
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut *c)
                .await?,
        );
    }
    Ok(n)
}

async fn hitung_postgres(c: &mut PgConnection, tabel: &[Tabel]) -> Result<Vec<i64>, Galat> {
    let mut n = Vec::new();
    for t in tabel {
        let sql = format!("SELECT count(*) FROM {}", kutip(&t.nama));
        n.push(
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut *c)
                .await?,
        );
    }
    Ok(n)
}

fn susun_kepala(
    tabel: &[Tabel],
    jumlah: &[i64],
    skema_versi: i64,
    dibuat_pada: DateTime<Utc>,
    backend: &str,
) -> Kepala {
    Kepala {
        format: FORMAT.into(),
        versi: VERSI_FORMAT,
        skema_versi,
        dibuat_pada,
        backend: backend.into(),
        aplikasi: env!("CARGO_PKG_VERSION").into(),
        tabel: tabel
            .iter()
            .zip(jumlah)
            .map(|(t, n)| kepala_tabel(t, *n))
            .collect(),
    }
}

fn ringkas_tulis(k: &Kepala, sha256: String, terenkripsi: bool) -> RingkasCadangan {
    RingkasCadangan {
        format_versi: k.versi,
        skema_versi: k.skema_versi,
        dibuat_pada: k.dibuat_pada,
        backend: k.backend.clone(),
        aplikasi: k.aplikasi.clone(),
        terenkripsi,
        tabel: k
            .tabel
            .iter()
            .map(|t| super::JumlahTabel {
                nama: t.nama.clone(),
                baris: t.baris,
            })
            .collect(),
        jumlah_baris: k.tabel.iter().map(|t| t.baris).sum(),
        sha256,
    }
}

/// A fresh salt and nonce prefix, and the key derived from the passphrase (CPU-heavy: call
/// it on a blocking thread).
fn kunci_baru(sandi: Option<&str>) -> Result<Option<Kunci>, Galat> {
    match sandi {
        Some("") => Err(Galat::isian(
            "sandi",
            "Kata sandi cadangan tidak boleh kosong.",
        )),
        Some(s) => Ok(Some(KepalaSandi::baru().kunci(s)?)),
        None => Ok(None),
    }
}

impl Store {
    /// Writes a consistent backup of every application table to `tujuan`, encrypted when a
    /// passphrase is given. The server may keep serving meanwhile: the backup reads one
    /// snapshot and takes no write lock.
    pub async fn cadangkan(
        &self,
        tujuan: &mut (dyn Write + Send),
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        let sandi = sandi.map(str::to_string);
        let kunci = crate::latar::berat(move || kunci_baru(sandi.as_deref())).await?;
        self.cadangkan_dengan(tujuan, kunci).await
    }

    async fn cadangkan_dengan(
        &self,
        tujuan: &mut (dyn Write + Send),
        kunci: Option<Kunci>,
    ) -> Result<RingkasCadangan, Galat> {
        // The sync log goes into the backup sealed: canonical, the same on either backend.
        self.sinkron().segel_semua().await?;
        let terenkripsi = kunci.is_some();
        let dibuat_pada = self.sekarang();
        let mut w = Penulis::baru(tujuan, kunci).map_err(galat_tulis)?;
        let kepala = match &self.db {
            Db::Sqlite(p) => {
                // A read transaction on a WAL database sees one snapshot from its first read.
                let mut tx = p.begin().await?;
                let tabel: Vec<Tabel> = skema::skema_sqlite(&mut tx)
                    .await?
                    .into_iter()
                    .filter(|t| !t.sementara())
                    .collect();
                let versi = skema::versi_skema_sqlite(&mut tx).await?;
                let jumlah = hitung_sqlite(&mut tx, &tabel).await?;
                let kepala = susun_kepala(&tabel, &jumlah, versi, dibuat_pada, "sqlite");
                w.kepala(&kepala).map_err(galat_tulis)?;
                dump_sqlite(&mut tx, &mut w, &tabel, &kepala).await?;
                tx.rollback().await?;
                kepala
            }
            Db::Postgres(p) => {
                let mut tx = p
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await?;
                let tabel: Vec<Tabel> = skema::skema_postgres(&mut tx)
                    .await?
                    .into_iter()
                    .filter(|t| !t.sementara())
                    .collect();
                let versi = skema::versi_skema_postgres(&mut tx).await?;
                let jumlah = hitung_postgres(&mut tx, &tabel).await?;
                let kepala = susun_kepala(&tabel, &jumlah, versi, dibuat_pada, "postgres");
                w.kepala(&kepala).map_err(galat_tulis)?;
                dump_postgres(&mut tx, &mut w, &tabel, &kepala).await?;
                tx.rollback().await?;
                kepala
            }
        };
        let sha = w.selesai().map_err(galat_tulis)?;
        Ok(ringkas_tulis(&kepala, sha, terenkripsi))
    }

    /// Writes a backup to a file safely: into a temporary file beside it, flushed to disk, read
    /// back and checked completely, and only then renamed over `berkas`.
    /// The whole backup (reading, compressing, encrypting, checking) runs on a blocking
    /// thread: compression between reads would otherwise hold an async worker for minutes.
    pub async fn cadangkan_ke_berkas(
        &self,
        berkas: &Path,
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        let (s, berkas, sandi) = (
            self.clone(),
            berkas.to_path_buf(),
            sandi.map(str::to_string),
        );
        crate::latar::berat_async(async move {
            s.cadangkan_ke_berkas_di_sini(&berkas, sandi.as_deref())
                .await
        })
        .await
    }

    async fn cadangkan_ke_berkas_di_sini(
        &self,
        berkas: &Path,
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        let nama = berkas
            .file_name()
            .ok_or_else(|| Galat::isian("berkas", "Nama berkas cadangan tidak sah."))?
            .to_string_lossy()
            .to_string();
        let sementara = berkas.with_file_name(format!(".{nama}.sementara"));
        let hasil = self.cadangkan_ke_sementara(&sementara, sandi).await;
        let hasil = match hasil {
            Ok(r) => std::fs::rename(&sementara, berkas)
                .map(|_| r)
                .map_err(galat_tulis),
            Err(e) => Err(e),
        };
        if hasil.is_err() {
            let _ = std::fs::remove_file(&sementara);
        } else if let Some(dir) = berkas.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable (best effort: not every platform can open a dir).
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        hasil
    }

    async fn cadangkan_ke_sementara(
        &self,
        sementara: &Path,
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        let kunci = kunci_baru(sandi)?;
        // Readable by the owner only: a backup holds every resident and the signing keys.
        let mut buka = std::fs::OpenOptions::new();
        buka.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut buka, 0o600);
        let f = buka.open(sementara).map_err(galat_tulis)?;
        let mut w = io::BufWriter::with_capacity(256 * 1024, f);
        let ringkas = self.cadangkan_dengan(&mut w, kunci.clone()).await?;
        let f = w.into_inner().map_err(|e| galat_tulis(e.into_error()))?;
        f.sync_all().map_err(galat_tulis)?;
        drop(f);
        // Read back what reached the disk.
        let sumber = Sumber::Berkas(sementara.to_path_buf());
        // Already on a blocking thread (see `cadangkan_ke_berkas`).
        let periksa = periksa_sumber(&sumber, kunci.as_ref(), None)?;
        if periksa.sha256 != ringkas.sha256 || periksa.jumlah_baris != ringkas.jumlah_baris {
            return Err(Galat::Lain(
                "Berkas cadangan yang tertulis berbeda dari data yang dicadangkan; periksa media penyimpanan.".into(),
            ));
        }
        Ok(ringkas)
    }

    /// The daily backup: writes `balai-YYYYMMDD-HHMMSS.balai-backup` (UTC time) into `dir`,
    /// checked as [`Store::cadangkan_ke_berkas`] does, then removes the oldest such files beyond
    /// the newest `simpan` (at least one is always kept). Other files in `dir` are left alone.
    pub async fn cadangan_harian(
        &self,
        dir: &Path,
        simpan: usize,
        sandi: Option<&str>,
    ) -> Result<(PathBuf, RingkasCadangan), Galat> {
        std::fs::create_dir_all(dir).map_err(galat_tulis)?;
        let berkas = dir.join(super::nama_berkas_cadangan(self.sekarang()));
        let ringkas = self.cadangkan_ke_berkas(&berkas, sandi).await?;
        super::pangkas_cadangan(dir, simpan).map_err(|e| {
            Galat::Lain(format!(
                "Cadangan tersimpan di {}, tetapi cadangan lama gagal dihapus: {e}",
                berkas.display()
            ))
        })?;
        Ok((berkas, ringkas))
    }
}
