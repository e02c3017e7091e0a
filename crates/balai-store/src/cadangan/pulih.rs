//! Restoring a backup: check everything first, then replace all data in one transaction.

use super::berkas::{Kepala, Langkah, Pembaca};
use super::nilai::{Nilai, Tipe};
use super::sandi::Kunci;
use super::skema::{self, Tabel, kutip};
use super::{RingkasCadangan, Sumber, galat_rusak, kunci_untuk, periksa_sumber};
use crate::db::{Db, Tx};
use crate::{Galat, Store, on_tx};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

/// The database a backup is restored into.
pub(crate) struct Sasaran {
    pub postgres: bool,
    pub skema_versi: i64,
    /// Every application table, temporary ones included, parents first.
    pub tabel: Vec<Tabel>,
}

/// How one table of the backup goes into the target.
pub(crate) struct Rencana {
    pub(super) tabel: String,
    pub(super) kolom: Vec<String>,
    /// Per backup column: the target column's type and (PostgreSQL) its full type for the cast.
    tipe: Vec<Tipe>,
    jenis: Vec<String>,
    typname: Vec<String>,
    postgres: bool,
    identitas_selalu: bool,
    pub(super) per_kueri: usize,
}

impl Rencana {
    /// Converts a row to what the target columns take (checked on the first pass too, so the
    /// insert pass does not fail half-way on a value).
    pub(crate) fn ubah(&self, nilai: Vec<Nilai>) -> Result<Vec<Nilai>, Galat> {
        if !self.postgres {
            // SQLite takes every value with its own storage class, as the application writes it.
            return Ok(nilai);
        }
        nilai
            .into_iter()
            .enumerate()
            .map(|(j, n)| {
                let n = n.untuk_postgres(self.tipe[j]).map_err(|e| {
                    galat_rusak(&format!("kolom {}.{}: {e}", self.tabel, self.kolom[j]))
                })?;
                if let Nilai::Bilangan(i) = n {
                    let muat = match self.typname[j].as_str() {
                        "int2" => i16::try_from(i).is_ok(),
                        "int4" => i32::try_from(i).is_ok(),
                        _ => true,
                    };
                    if !muat {
                        return Err(galat_rusak(&format!(
                            "kolom {}.{}: bilangan di luar jangkauan tipe {}",
                            self.tabel, self.kolom[j], self.jenis[j]
                        )));
                    }
                }
                Ok(n)
            })
            .collect()
    }

    pub(super) fn sql(&self, baris: usize) -> String {
        let kolom: Vec<String> = self.kolom.iter().map(|k| kutip(k)).collect();
        let mut sql = format!("INSERT INTO {} ({})", kutip(&self.tabel), kolom.join(", "));
        if self.identitas_selalu {
            sql.push_str(" OVERRIDING SYSTEM VALUE");
        }
        sql.push_str(" VALUES ");
        let mut n = 0;
        for b in 0..baris {
            if b > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..self.kolom.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                if self.postgres {
                    sql.push_str(&format!("CAST(${n} AS {})", self.jenis[j]));
                } else {
                    // Anonymous parameters: SQLite looks a named one (`$n`) up by a linear scan
                    // per bind, which makes a large batch quadratic.
                    sql.push('?');
                }
            }
            sql.push(')');
        }
        sql
    }
}

/// Checks that a backup fits the target exactly (same schema version, same tables, same
/// columns) and plans each table's insert. (An older backup reaches here only in the scratch
/// database of its own schema, see `pulihkan_skema_lama`.)
pub(crate) fn rencanakan(k: &Kepala, s: &Sasaran) -> Result<Vec<Rencana>, Galat> {
    if k.skema_versi != s.skema_versi {
        return Err(Galat::Ditolak(format!(
            "Cadangan dibuat dengan skema basis data versi {} (Balai {}), lebih baru daripada basis data ini (versi {}). Tidak ada data yang diubah. Pasang Balai versi yang sama dengan pembuat cadangan atau yang lebih baru, lalu pulihkan lagi.",
            k.skema_versi, k.aplikasi, s.skema_versi
        )));
    }
    let di_cadangan: BTreeSet<&str> = k.tabel.iter().map(|t| t.nama.as_str()).collect();
    let di_tujuan: BTreeSet<&str> = s
        .tabel
        .iter()
        .filter(|t| !t.sementara())
        .map(|t| t.nama.as_str())
        .collect();
    if di_cadangan.len() != k.tabel.len() || di_cadangan != di_tujuan {
        let kurang: Vec<&str> = di_tujuan.difference(&di_cadangan).copied().collect();
        let lebih: Vec<&str> = di_cadangan.difference(&di_tujuan).copied().collect();
        return Err(Galat::Ditolak(format!(
            "Susunan tabel cadangan tidak cocok dengan basis data ini (tidak ada di cadangan: {}; tidak dikenal: {}).",
            daftar(&kurang),
            daftar(&lebih)
        )));
    }
    let mut hasil = Vec::new();
    for kt in &k.tabel {
        let t = s
            .tabel
            .iter()
            .find(|t| t.nama == kt.nama)
            .ok_or(Galat::TidakDitemukan)?;
        let a: BTreeSet<&str> = kt.kolom.iter().map(String::as_str).collect();
        let b: BTreeSet<&str> = t.kolom.iter().map(|k| k.nama.as_str()).collect();
        if a != b || a.len() != kt.kolom.len() {
            return Err(Galat::Ditolak(format!(
                "Kolom tabel {} di cadangan tidak cocok dengan basis data ini.",
                kt.nama
            )));
        }
        let tujuan: Vec<&skema::Kolom> = kt
            .kolom
            .iter()
            .map(|n| t.kolom(n).ok_or(Galat::TidakDitemukan))
            .collect::<Result<_, _>>()?;
        hasil.push(Rencana {
            tabel: t.nama.clone(),
            kolom: kt.kolom.clone(),
            tipe: tujuan.iter().map(|k| k.tipe).collect(),
            jenis: tujuan.iter().map(|k| k.jenis.clone()).collect(),
            typname: tujuan.iter().map(|k| k.typname.clone()).collect(),
            postgres: s.postgres,
            identitas_selalu: tujuan.iter().any(|k| k.identitas_selalu),
            // Below both backends' limits on bound parameters (SQLite 32766, PostgreSQL 65535).
            per_kueri: (30_000 / kt.kolom.len()).clamp(1, 1000),
        });
    }
    Ok(hasil)
}

fn daftar(nama: &[&str]) -> String {
    if nama.is_empty() {
        "-".into()
    } else {
        nama.join(", ")
    }
}

/// Binds one value; a NULL gets the target column's type (PostgreSQL wants typed NULLs).
macro_rules! ikat {
    ($q:expr, $n:expr, $t:expr) => {
        match $n {
            Nilai::Null => match $t {
                Tipe::Bilangan => $q.bind(None::<i64>),
                Tipe::Pecahan => $q.bind(None::<f64>),
                Tipe::Bool => $q.bind(None::<bool>),
                Tipe::Tanggal => $q.bind(None::<NaiveDate>),
                Tipe::Waktu => $q.bind(None::<DateTime<Utc>>),
                Tipe::WaktuLokal => $q.bind(None::<NaiveDateTime>),
                Tipe::Uuid => $q.bind(None::<Uuid>),
                Tipe::Bita => $q.bind(None::<Vec<u8>>),
                Tipe::Teks | Tipe::Lain => $q.bind(None::<String>),
            },
            Nilai::Teks(v) => $q.bind(v),
            Nilai::Bilangan(v) => $q.bind(v),
            Nilai::Pecahan(v) => $q.bind(v),
            Nilai::Bool(v) => $q.bind(v),
            Nilai::Tanggal(v) => $q.bind(v),
            Nilai::Waktu(v) => $q.bind(v),
            Nilai::WaktuLokal(v) => $q.bind(v),
            Nilai::Uuid(v) => $q.bind(v),
            Nilai::Bita(v) => $q.bind(v),
        }
    };
}

pub(super) async fn sisipkan(
    tx: &mut Tx,
    r: &Rencana,
    baris: Vec<Vec<Nilai>>,
    akhiran: &str,
) -> Result<(), Galat> {
    if baris.is_empty() {
        return Ok(());
    }
    let sql = r.sql(baris.len()) + akhiran;
    on_tx!(tx, c => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in baris {
            for (j, n) in b.into_iter().enumerate() {
                q = ikat!(q, n, r.tipe[j]);
            }
        }
        q.execute(&mut *c).await?;
    });
    Ok(())
}

/// Empties every application table. Returns the SQLite guard triggers dropped for it, to be
/// re-created before commit.
async fn kosongkan(tx: &mut Tx, s: &Sasaran) -> Result<Vec<String>, Galat> {
    let mut pemicu = Vec::new();
    match tx {
        Tx::Postgres(c) => {
            if !s.tabel.is_empty() {
                let nama: Vec<String> = s.tabel.iter().map(|t| kutip(&t.nama)).collect();
                // The backup carries the sync log as it was: the inserts below are not changes.
                sqlx::query("SET LOCAL balai.pulih = '1'")
                    .execute(&mut **c)
                    .await?;
                // TRUNCATE fires no row triggers: the audit log's guard stays in place.
                let sql = format!("TRUNCATE TABLE {}", nama.join(", "));
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await?;
            }
        }
        Tx::Sqlite(c) => {
            // Foreign keys are checked at commit, on the restored data as a whole.
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut **c)
                .await?;
            for t in &s.tabel {
                let ada: Vec<(String, Option<String>)> = sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
                )
                .bind(&t.nama)
                .fetch_all(&mut **c)
                .await?;
                for (nama, sql) in ada {
                    let Some(sql) = sql else { continue };
                    // The sync log's triggers are off too: the backup carries the log as it was.
                    if !sql.to_ascii_uppercase().contains("RAISE(") && !nama.starts_with("sinkron_")
                    {
                        // Triggers that maintain other data (search indexes) keep working.
                        continue;
                    }
                    let hapus = format!("DROP TRIGGER {}", kutip(&nama));
                    sqlx::query(sqlx::AssertSqlSafe(hapus))
                        .execute(&mut **c)
                        .await?;
                    pemicu.push(sql);
                }
            }
            for t in s.tabel.iter().rev() {
                let sql = format!("DELETE FROM {}", kutip(&t.nama));
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await?;
            }
        }
    }
    Ok(pemicu)
}

/// After the insert: guard triggers back (SQLite), sequences past the restored ids
/// (PostgreSQL), and every table holding exactly the backup's rows.
async fn rampungkan(
    tx: &mut Tx,
    s: &Sasaran,
    k: &Kepala,
    pemicu: Vec<String>,
) -> Result<(), Galat> {
    match tx {
        Tx::Sqlite(c) => {
            for sql in pemicu {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await?;
            }
        }
        Tx::Postgres(_) => majukan_urutan(tx, &s.tabel, false).await?,
    }
    for kt in &k.tabel {
        let sql = format!("SELECT count(*) FROM {}", kutip(&kt.nama));
        let n: i64 =
            on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut *c).await)?;
        if n.max(0) as u64 != kt.baris {
            return Err(Galat::Lain(format!(
                "Pemulihan dibatalkan: tabel {} berisi {n} baris setelah diisi, seharusnya {}.",
                kt.nama, kt.baris
            )));
        }
    }
    Ok(())
}

/// PostgreSQL: moves each table's sequences past the restored ids (`jangan_mundur`: never
/// back, when other villages' rows stay).
pub(super) async fn majukan_urutan(
    tx: &mut Tx,
    tabel: &[Tabel],
    jangan_mundur: bool,
) -> Result<(), Galat> {
    let Tx::Postgres(c) = tx else { return Ok(()) };
    for t in tabel {
        for kol in &t.kolom {
            if let Some(urutan) = &kol.urutan {
                // The sequence name comes from the catalogue (`pg_get_serial_sequence`).
                let sekarang = if jangan_mundur {
                    format!("(SELECT last_value FROM {urutan})")
                } else {
                    "0".into()
                };
                let sql = format!(
                    "SELECT setval(CAST($1 AS regclass), GREATEST(COALESCE((SELECT max({}) FROM {}), 0), {sekarang}) + 1, false)",
                    kutip(&kol.nama),
                    kutip(&t.nama)
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(urutan)
                    .execute(&mut **c)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Scratch folders of a restore of an older backup (see `pulihkan_skema_lama`).
const AWALAN_SEMENTARA: &str = "balai-pulih-";

/// Removes scratch folders a crashed restore left behind (older than a day, so a restore
/// running in another process is not disturbed).
fn bersihkan_sisa_lama(dir: &Path) {
    let Ok(isi) = std::fs::read_dir(dir) else {
        return;
    };
    for e in isi.flatten() {
        let nama = e.file_name();
        let lama = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|u| u > std::time::Duration::from_secs(86_400));
        if lama
            && nama.to_string_lossy().starts_with(AWALAN_SEMENTARA)
            && let Err(g) = std::fs::remove_dir_all(e.path())
        {
            tracing::warn!(galat = %g, "sisa pemulihan lama tidak terhapus");
        }
    }
}

/// What a restore replaces.
#[derive(Clone, Debug)]
pub(crate) enum Cakupan {
    /// Every village and everything else of the install.
    Semua,
    /// One village's rows only (see `pulih_desa`); other villages stay as they are.
    Desa(String),
}

impl Store {
    /// Restores a backup file, replacing ALL data of this database (see the module docs). The
    /// file is checked completely before anything is changed; on any error nothing is.
    pub async fn pulihkan(
        &self,
        berkas: &Path,
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        self.pulihkan_dari(Sumber::Berkas(berkas.to_path_buf()), sandi, Cakupan::Semua)
            .await
    }

    /// Restores one village of a backup (a village's own, or a whole district's) into this
    /// database, leaving every other village as it is (see `pulih_desa`).
    pub async fn pulihkan_desa(
        &self,
        berkas: &Path,
        sandi: Option<&str>,
        desa_id: &str,
    ) -> Result<RingkasCadangan, Galat> {
        let cakupan = Cakupan::Desa(desa_id.to_string());
        self.pulihkan_dari(Sumber::Berkas(berkas.to_path_buf()), sandi, cakupan)
            .await
    }

    /// [`Store::pulihkan`] from a backup held in memory (an upload).
    pub async fn pulihkan_data(
        &self,
        data: Vec<u8>,
        sandi: Option<&str>,
    ) -> Result<RingkasCadangan, Galat> {
        self.pulihkan_dari(Sumber::Data(Arc::from(data)), sandi, Cakupan::Semua)
            .await
    }

    /// PostgreSQL: fresh statistics for the planner after a bulk load.
    pub(super) async fn analisis(&self, tabel: &[Tabel]) {
        let Db::Postgres(p) = &self.db else { return };
        let nama: Vec<String> = tabel.iter().map(|t| kutip(&t.nama)).collect();
        if !nama.is_empty() {
            let sql = format!("ANALYZE {}", nama.join(", "));
            if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await {
                tracing::warn!(galat = %e, "ANALYZE setelah pemulihan gagal");
            }
        }
    }

    pub(super) async fn sasaran(&self) -> Result<Sasaran, Galat> {
        Ok(match &self.db {
            Db::Sqlite(p) => {
                let mut c = p.acquire().await?;
                Sasaran {
                    postgres: false,
                    skema_versi: skema::versi_skema_sqlite(&mut c).await?,
                    tabel: skema::skema_sqlite(&mut c).await?,
                }
            }
            Db::Postgres(p) => {
                let mut c = p.acquire().await?;
                Sasaran {
                    postgres: true,
                    skema_versi: skema::versi_skema_postgres(&mut c).await?,
                    tabel: skema::skema_postgres(&mut c).await?,
                }
            }
        })
    }

    pub(super) async fn pulihkan_dari(
        &self,
        sumber: Sumber,
        sandi: Option<&str>,
        cakupan: Cakupan,
    ) -> Result<RingkasCadangan, Galat> {
        // The key (slow by design) and the header, off the async threads.
        let (kunci, versi) = {
            let sumber = sumber.clone();
            let sandi = sandi.map(str::to_string);
            crate::latar::berat(move || {
                let kunci = kunci_untuk(&sumber, sandi.as_deref())?;
                let versi = Pembaca::buka(sumber.buka()?, kunci.as_ref())?
                    .kepala
                    .skema_versi;
                Ok((kunci, versi))
            })
            .await?
        };
        let sasaran = self.sasaran().await?;
        if versi < sasaran.skema_versi {
            return self
                .pulihkan_skema_lama(sumber, kunci, versi, cakupan)
                .await;
        }
        self.pulihkan_dengan(sumber, kunci, sasaran, cakupan).await
    }

    /// A backup of an older release (after a flood the office installs the newest one): it is
    /// restored into a scratch SQLite database at its own schema, that database is upgraded by
    /// the normal migrations, and its backup is restored here. The scratch files are readable
    /// by this user only and removed afterwards, also on failure.
    async fn pulihkan_skema_lama(
        &self,
        sumber: Sumber,
        kunci: Option<Kunci>,
        versi: i64,
        cakupan: Cakupan,
    ) -> Result<RingkasCadangan, Galat> {
        let semua = crate::migrasi::semua();
        let Some(i) = semua.iter().position(|m| m.versi == versi) else {
            return Err(Galat::Ditolak(format!(
                "Cadangan ini berskema {versi}, yang tidak dikenal oleh versi Balai ini; tidak ada data yang diubah."
            )));
        };
        if let Cakupan::Desa(desa_id) = &cakupan {
            let (sumber, kunci, desa_id) = (sumber.clone(), kunci.clone(), desa_id.clone());
            crate::latar::berat(move || {
                super::pulih_desa::periksa_awal(&sumber, kunci.as_ref(), &desa_id)
            })
            .await?;
        }
        bersihkan_sisa_lama(&std::env::temp_dir());
        let sementara = tempfile::Builder::new()
            .prefix(AWALAN_SEMENTARA)
            .tempdir()
            .map_err(|e| {
                Galat::Lain(format!(
                    "Folder sementara untuk pemulihan gagal dibuat: {e}"
                ))
            })?;
        let url = format!("sqlite://{}", sementara.path().join("antara.db").display());
        let antara = Store::antara(Db::connect(&url).await?);
        // The upgraded copy is encrypted with a key used once: a crash must not leave the
        // village's data readable in the temporary folder.
        let sandi = crate::pengguna::token_acak();
        let baru = sementara.path().join("terbarui.balai-backup");
        let tahap_antara = async {
            crate::migrasi::terapkan_tanpa_salinan(&antara.db, &semua[..=i]).await?;
            let sasaran = antara.sasaran().await?;
            let asal = antara
                .pulihkan_dengan(sumber, kunci, sasaran, Cakupan::Semua)
                .await?;
            crate::migrasi::terapkan_tanpa_salinan(&antara.db, semua).await?;
            antara.cadangkan_ke_berkas(&baru, Some(&sandi)).await?;
            Ok::<_, Galat>(asal)
        }
        .await;
        antara.db.close().await;
        let hasil = match tahap_antara {
            Ok(asal) => {
                let sumber = Sumber::Berkas(baru.clone());
                let s2 = sumber.clone();
                let sandi = sandi.clone();
                let kunci = crate::latar::berat(move || kunci_untuk(&s2, Some(&sandi))).await;
                match kunci {
                    Ok(kunci) => {
                        let sasaran = self.sasaran().await?;
                        self.pulihkan_dengan(sumber, kunci, sasaran, cakupan)
                            .await
                            .map(|_| asal)
                    }
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(Galat::Ditolak(format!(
                "Cadangan berskema {versi} tidak dapat diperbarui ke skema {}: {e} Tidak ada data di basis data ini yang diubah.",
                semua.last().map_or(0, |m| m.versi)
            ))),
        };
        if let Err(e) = sementara.close() {
            tracing::warn!(galat = %e, "folder sementara pemulihan tidak terhapus");
        }
        let asal = hasil?;
        tracing::info!(
            dari = versi,
            "skema cadangan lama diperbarui saat pemulihan"
        );
        Ok(asal)
    }

    async fn pulihkan_dengan(
        &self,
        sumber: Sumber,
        kunci: Option<Kunci>,
        sasaran: Sasaran,
        cakupan: Cakupan,
    ) -> Result<RingkasCadangan, Galat> {
        if let Cakupan::Desa(desa_id) = cakupan {
            return self
                .pulihkan_satu_desa(sumber, kunci, sasaran, &desa_id)
                .await;
        }
        let sasaran = Arc::new(sasaran);
        // First pass, off the async threads: the whole file against this schema.
        let ringkas = {
            let sumber = sumber.clone();
            let sasaran = Arc::clone(&sasaran);
            let kunci = kunci.clone();
            crate::latar::berat(move || periksa_sumber(&sumber, kunci.as_ref(), Some(&sasaran)))
                .await?
        };
        self.isi_ulang(&sumber, kunci.as_ref(), &sasaran, &ringkas)
            .await?;
        self.analisis(&sasaran.tabel).await;
        tracing::info!(
            baris = ringkas.jumlah_baris,
            dibuat_pada = %ringkas.dibuat_pada,
            asal = %ringkas.backend,
            "cadangan dipulihkan"
        );
        Ok(ringkas)
    }

    /// Second pass: replaces the data inside one transaction.
    async fn isi_ulang(
        &self,
        sumber: &Sumber,
        kunci: Option<&Kunci>,
        sasaran: &Sasaran,
        ringkas: &RingkasCadangan,
    ) -> Result<(), Galat> {
        let mut p = Pembaca::buka(sumber.buka()?, kunci)?;
        let rencana = rencanakan(&p.kepala, sasaran)?;
        let mut tx = self.db.begin().await?;
        let pemicu = kosongkan(&mut tx, sasaran).await?;
        let mut aktif: Option<usize> = None;
        let mut kumpulan: Vec<Vec<Nilai>> = Vec::new();
        loop {
            match p.berikut()? {
                Langkah::Tabel(i) => {
                    if let Some(a) = aktif {
                        sisipkan(&mut tx, &rencana[a], std::mem::take(&mut kumpulan), "").await?;
                    }
                    aktif = Some(i);
                }
                Langkah::Baris(n) => {
                    let r = &rencana[aktif.ok_or_else(|| galat_rusak("baris tanpa tabel"))?];
                    kumpulan.push(r.ubah(n)?);
                    if kumpulan.len() >= r.per_kueri {
                        sisipkan(&mut tx, r, std::mem::take(&mut kumpulan), "").await?;
                    }
                }
                Langkah::Selesai => {
                    if let Some(a) = aktif {
                        sisipkan(&mut tx, &rencana[a], std::mem::take(&mut kumpulan), "").await?;
                    }
                    break;
                }
            }
        }
        // The file must not have changed since it was checked.
        if p.sha256 != ringkas.sha256 {
            return Err(Galat::Ditolak(
                "Berkas cadangan berubah selama pemulihan; tidak ada data yang diubah.".into(),
            ));
        }
        rampungkan(&mut tx, sasaran, &p.kepala, pemicu).await?;
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rencana(postgres: bool) -> Rencana {
        Rencana {
            tabel: "desa".into(),
            kolom: vec!["desa_id".into(), "logo".into()],
            tipe: vec![Tipe::Teks, Tipe::Bita],
            jenis: vec!["text".into(), "bytea".into()],
            typname: vec!["text".into(), "bytea".into()],
            postgres,
            identitas_selalu: false,
            per_kueri: 2,
        }
    }

    #[test]
    fn sql_sisip_per_backend() {
        assert_eq!(
            rencana(true).sql(2),
            "INSERT INTO \"desa\" (\"desa_id\", \"logo\") VALUES (CAST($1 AS text), CAST($2 AS bytea)), (CAST($3 AS text), CAST($4 AS bytea))"
        );
        // SQLite: anonymous parameters only (named ones make large batches quadratic).
        assert_eq!(
            rencana(false).sql(2),
            "INSERT INTO \"desa\" (\"desa_id\", \"logo\") VALUES (?, ?), (?, ?)"
        );
    }
}
