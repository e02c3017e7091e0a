//! Restoring ONE village of a backup into a database that holds others (a district server):
//! `balai restore FILE --desa KODE`. Used to bring a village that ran its own install into the
//! district, or to take one village back to a backup after a mistake, without touching the
//! other villages.
//!
//! Every table with a `desa_id` column holds village rows. After the whole file is checked, in
//! one transaction: the village's rows are deleted (children first) and the backup's rows of
//! that village inserted (parents first); the `desa` row itself is updated in place, because the
//! district's sync credentials and records refer to it. Not touched: other villages,
//! install-wide tables, the node's sync bookkeeping (`perubahan`, `sinkron_*`), the kiosk
//! devices and message gateways registered on this server, and the village's audit log when
//! this server already keeps one (the log only grows: a village taken back after a mistake
//! keeps the record of the mistake; a village moving in brings its log along). The change
//! triggers stay on, so a village node that syncs with this server receives the restored rows
//! as the server's changes. Staff and residents of that village sign in again; messages the
//! backup holds as unsent are not sent (they may have gone out since).
//!
//! Refused before anything changes: a backup without that village, a backup made on a village
//! node (its accounts are the node's own and its data reaches the district through sync), a
//! target that is itself a village node, and account names or site addresses that another
//! village already uses. Run it with the service stopped, as a full restore.

use super::berkas::{Kepala, Langkah, Pembaca};
use super::nilai::Nilai;
use super::pulih::{Rencana, Sasaran, majukan_urutan, rencanakan, sisipkan};
use super::sandi::Kunci;
use super::skema::{Tabel, kutip};
use super::{RingkasCadangan, Sumber, galat_rusak, ringkas};
use crate::db::Tx;
use crate::{Galat, Store, on_tx};
use std::collections::BTreeSet;
use std::sync::Arc;
use uuid::Uuid;

/// The node's sync bookkeeping: stays as this database has it.
const TABEL_SIMPUL: &[&str] = &[
    "sinkron_simpul",
    "perubahan",
    "perubahan_kepala",
    "sinkron_token",
    "sinkron_desa",
    "sinkron_konflik",
];

/// Registered on this server: kiosk devices (a revoked one must stay revoked) and message
/// gateways with their secrets.
const TABEL_PERANGKAT: &[&str] = &["anjungan", "kanal_notifikasi"];

/// The village's audit log, kept when this server already has one for it.
const TABEL_AUDIT: &[&str] = &["audit", "audit_kepala"];

/// Install-wide tables that refer to village rows, each handled below.
const RUJUKAN_LUAR: &[&str] = &["sesi", "token_api"];

/// Which village tables a restore replaces.
struct Pilihan {
    tetap: BTreeSet<&'static str>,
}

impl Pilihan {
    fn ganti(&self, t: &Tabel) -> bool {
        let n = t.nama.as_str();
        t.kolom("desa_id").is_some()
            && !TABEL_SIMPUL.contains(&n)
            && !TABEL_PERANGKAT.contains(&n)
            && !self.tetap.contains(n)
            && !t.sementara()
    }

    /// Per backup table: the index of its `desa_id` column when its village rows are restored.
    fn kolom_desa(&self, k: &Kepala, s: &Sasaran) -> Vec<Option<usize>> {
        k.tabel
            .iter()
            .map(|kt| {
                let t = s.tabel.iter().find(|t| t.nama == kt.nama)?;
                if !self.ganti(t) {
                    return None;
                }
                kt.kolom.iter().position(|k| k == "desa_id")
            })
            .collect()
    }
}

fn kolom(k: &Kepala, tabel: &str, nama: &str) -> Option<(usize, usize)> {
    let i = k.tabel.iter().position(|t| t.nama == tabel)?;
    let j = k.tabel[i].kolom.iter().position(|k| k == nama)?;
    Some((i, j))
}

fn teks(n: &Nilai) -> Option<&str> {
    match n {
        Nilai::Teks(t) => Some(t),
        _ => None,
    }
}

/// What the first pass found.
struct Periksa {
    ringkas: RingkasCadangan,
    /// Rows of the village per backup table.
    jumlah: Vec<u64>,
    /// User names of the village's accounts.
    pengguna: Vec<String>,
    /// The village site's short name and host name.
    situs: Vec<String>,
}

/// First pass: the whole file checked against this schema, the village's rows counted.
fn periksa(
    sumber: &Sumber,
    kunci: Option<&Kunci>,
    s: &Sasaran,
    pilihan: &Pilihan,
    desa_id: &str,
) -> Result<Periksa, Galat> {
    let mut p = Pembaca::buka(sumber.buka()?, kunci)?;
    let rencana = rencanakan(&p.kepala, s)?;
    let kolom_desa = pilihan.kolom_desa(&p.kepala, s);
    let peran = kolom(&p.kepala, "sinkron_simpul", "peran");
    let username = kolom(&p.kepala, "pengguna", "username");
    let slug = kolom(&p.kepala, "situs_desa", "slug");
    let host = kolom(&p.kepala, "situs_desa", "nama_host");
    let mut jumlah = vec![0u64; p.kepala.tabel.len()];
    let mut pengguna = Vec::new();
    let mut situs = Vec::new();
    let mut simpul_desa = false;
    let mut tabel = None;
    loop {
        match p.berikut()? {
            Langkah::Tabel(i) => tabel = Some(i),
            Langkah::Baris(nilai) => {
                let i = tabel.ok_or_else(|| galat_rusak("baris tanpa tabel"))?;
                if peran.is_some_and(|(t, j)| t == i && teks(&nilai[j]) == Some("desa")) {
                    simpul_desa = true;
                }
                let milik = kolom_desa[i].is_some_and(|j| teks(&nilai[j]) == Some(desa_id));
                if milik {
                    jumlah[i] += 1;
                    if let Some((_, j)) = username.filter(|(t, _)| *t == i) {
                        pengguna.extend(teks(&nilai[j]).map(str::to_string));
                    }
                    for (t, j) in [slug, host].into_iter().flatten() {
                        if t == i {
                            situs.extend(teks(&nilai[j]).map(str::to_string));
                        }
                    }
                }
                rencana[i].ubah(nilai)?;
            }
            Langkah::Selesai => break,
        }
    }
    if simpul_desa {
        return Err(galat_simpul_desa());
    }
    let desa = p.kepala.tabel.iter().position(|t| t.nama == "desa");
    if desa.is_none_or(|i| jumlah[i] == 0) {
        return Err(galat_tidak_ada(desa_id));
    }
    Ok(Periksa {
        ringkas: ringkas(&p, kunci.is_some()),
        jumlah,
        pengguna,
        situs,
    })
}

/// The cheap checks of [`periksa`] that need no target schema, for a backup of an older
/// release before it is upgraded in a scratch database: the village is in it, and it does not
/// come from a village node.
pub(super) fn periksa_awal(
    sumber: &Sumber,
    kunci: Option<&Kunci>,
    desa_id: &str,
) -> Result<(), Galat> {
    let mut p = Pembaca::buka(sumber.buka()?, kunci)?;
    let peran = kolom(&p.kepala, "sinkron_simpul", "peran");
    let desa = kolom(&p.kepala, "desa", "desa_id");
    let (mut ada, mut simpul_desa, mut tabel) = (false, false, None);
    loop {
        match p.berikut()? {
            Langkah::Tabel(i) => tabel = Some(i),
            Langkah::Baris(nilai) => {
                let i = tabel.ok_or_else(|| galat_rusak("baris tanpa tabel"))?;
                let nilai_di = |k: Option<(usize, usize)>| {
                    k.filter(|(t, _)| *t == i)
                        .and_then(|(_, j)| teks(&nilai[j]))
                };
                simpul_desa |= nilai_di(peran) == Some("desa");
                ada |= nilai_di(desa) == Some(desa_id);
            }
            Langkah::Selesai => break,
        }
    }
    if simpul_desa {
        return Err(galat_simpul_desa());
    }
    if !ada {
        return Err(galat_tidak_ada(desa_id));
    }
    Ok(())
}

fn galat_simpul_desa() -> Galat {
    Galat::Ditolak(
        "Cadangan ini dibuat di komputer desa yang bersinkron dengan server kabupaten: datanya sudah sampai ke server lewat sinkron, dan akun-akunnya milik komputer desa itu. Tidak ada data yang diubah. Pulihkan cadangan server ini sendiri, atau pulihkan cadangan itu di komputer desanya.".into(),
    )
}

fn galat_tidak_ada(desa_id: &str) -> Galat {
    Galat::Ditolak(format!(
        "Desa {desa_id} tidak ada di cadangan ini; tidak ada data yang diubah. Periksa kode desa (10 angka) dan berkas cadangannya."
    ))
}

/// `ON CONFLICT` clause that updates the village's own row in place.
fn akhiran_ubah(r: &Rencana) -> String {
    let set: Vec<String> = r
        .kolom
        .iter()
        .filter(|k| *k != "desa_id")
        .map(|k| format!("{0} = excluded.{0}", kutip(k)))
        .collect();
    format!(" ON CONFLICT (desa_id) DO UPDATE SET {}", set.join(", "))
}

impl Store {
    pub(super) async fn pulihkan_satu_desa(
        &self,
        sumber: Sumber,
        kunci: Option<Kunci>,
        sasaran: Sasaran,
        desa_id: &str,
    ) -> Result<RingkasCadangan, Galat> {
        let desa_id = balai_domain::KodeDesa::parse(desa_id)
            .map_err(Galat::Ditolak)?
            .to_string();
        let sasaran = Arc::new(sasaran);
        let (peran,): (String,) = crate::on_db!(&self.db, p => sqlx::query_as(
            "SELECT peran FROM sinkron_simpul WHERE satu = 1").fetch_one(p).await)?;
        if peran == "desa" {
            return Err(Galat::Ditolak(
                "Komputer ini adalah simpul desa yang bersinkron dengan server kabupaten; pemulihan satu desa dilakukan di server kabupaten. Untuk komputer desa, pulihkan seluruh cadangan tanpa --desa. Tidak ada data yang diubah.".into(),
            ));
        }
        let ada_audit: i64 = crate::on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM audit_kepala WHERE desa_id = $1").bind(&desa_id).fetch_one(p).await)?;
        let pilihan = Arc::new(Pilihan {
            tetap: if ada_audit > 0 {
                TABEL_AUDIT.iter().copied().collect()
            } else {
                BTreeSet::new()
            },
        });
        let tabel_desa: Vec<&Tabel> = sasaran.tabel.iter().filter(|t| pilihan.ganti(t)).collect();
        // Tables kept as they are must not refer to village rows that are replaced, except the
        // ones handled below.
        let nama_desa: BTreeSet<&str> = tabel_desa.iter().map(|t| t.nama.as_str()).collect();
        for t in sasaran.tabel.iter().filter(|t| !pilihan.ganti(t)) {
            let luar = t
                .rujukan
                .iter()
                .any(|r| r != "desa" && nama_desa.contains(r.as_str()));
            if luar && !RUJUKAN_LUAR.contains(&t.nama.as_str()) {
                return Err(Galat::Lain(format!(
                    "Pemulihan satu desa belum mengenal tabel {} yang merujuk data desa; tidak ada data yang diubah.",
                    t.nama
                )));
            }
        }
        let hasil = {
            let (sumber, kunci, sasaran, pilihan, desa_id) = (
                sumber.clone(),
                kunci.clone(),
                Arc::clone(&sasaran),
                Arc::clone(&pilihan),
                desa_id.clone(),
            );
            crate::latar::berat(move || {
                periksa(&sumber, kunci.as_ref(), &sasaran, &pilihan, &desa_id)
            })
            .await?
        };
        self.nama_pengguna_bebas(&hasil.pengguna, &desa_id).await?;
        self.alamat_situs_bebas(&hasil.situs, &desa_id).await?;

        let mut p = Pembaca::buka(sumber.buka()?, kunci.as_ref())?;
        let rencana = rencanakan(&p.kepala, &sasaran)?;
        let kolom = pilihan.kolom_desa(&p.kepala, &sasaran);
        let mut tx = self.db.begin().await?;
        if let Tx::Sqlite(c) = &mut tx {
            // Foreign keys are checked at commit, on the restored village as a whole.
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut **c)
                .await?;
        }
        let pembuat_token = self.lepas_rujukan_luar(&mut tx, &desa_id).await?;
        for t in tabel_desa.iter().rev().filter(|t| t.nama != "desa") {
            let sql = format!("DELETE FROM {} WHERE desa_id = $1", kutip(&t.nama));
            on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&desa_id).execute(&mut *c).await.map(|_| ()))?;
        }
        let mut aktif: Option<usize> = None;
        let mut kumpulan: Vec<Vec<Nilai>> = Vec::new();
        let akhiran = |i: usize| {
            if rencana[i].tabel == "desa" {
                akhiran_ubah(&rencana[i])
            } else {
                String::new()
            }
        };
        loop {
            match p.berikut()? {
                Langkah::Tabel(i) => {
                    if let Some(a) = aktif {
                        let b = std::mem::take(&mut kumpulan);
                        sisipkan(&mut tx, &rencana[a], b, &akhiran(a)).await?;
                    }
                    aktif = Some(i);
                }
                Langkah::Baris(n) => {
                    let i = aktif.ok_or_else(|| galat_rusak("baris tanpa tabel"))?;
                    if kolom[i].is_some_and(|j| teks(&n[j]) == Some(desa_id.as_str())) {
                        kumpulan.push(rencana[i].ubah(n)?);
                        if kumpulan.len() >= rencana[i].per_kueri {
                            let b = std::mem::take(&mut kumpulan);
                            sisipkan(&mut tx, &rencana[i], b, &akhiran(i)).await?;
                        }
                    }
                }
                Langkah::Selesai => {
                    if let Some(a) = aktif {
                        let b = std::mem::take(&mut kumpulan);
                        sisipkan(&mut tx, &rencana[a], b, &akhiran(a)).await?;
                    }
                    break;
                }
            }
        }
        if p.sha256 != hasil.ringkas.sha256 {
            return Err(Galat::Ditolak(
                "Berkas cadangan berubah selama pemulihan; tidak ada data yang diubah.".into(),
            ));
        }
        for (id, oleh) in pembuat_token {
            on_tx!(&mut tx, c => sqlx::query(
                "UPDATE token_api SET dibuat_oleh = $2 WHERE id = $1 \
                 AND EXISTS (SELECT 1 FROM pengguna WHERE id = $2)")
                .bind(id).bind(oleh).execute(&mut *c).await.map(|_| ()))?;
        }
        self.setelah_pulih_desa(&mut tx, &desa_id).await?;
        let tabel: Vec<Tabel> = tabel_desa.iter().map(|t| (*t).clone()).collect();
        majukan_urutan(&mut tx, &tabel, true).await?;
        for (i, kt) in p.kepala.tabel.iter().enumerate() {
            if kolom[i].is_none() {
                continue;
            }
            let sql = format!(
                "SELECT count(*) FROM {} WHERE desa_id = $1",
                kutip(&kt.nama)
            );
            let n: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(&desa_id).fetch_one(&mut *c).await)?;
            if n.max(0) as u64 != hasil.jumlah[i] {
                return Err(Galat::Lain(format!(
                    "Pemulihan desa dibatalkan: tabel {} berisi {n} baris desa ini setelah diisi, seharusnya {}.",
                    kt.nama, hasil.jumlah[i]
                )));
            }
        }
        tx.commit().await?;
        self.analisis(&tabel).await;
        tracing::info!(
            baris = hasil.jumlah.iter().sum::<u64>(),
            dibuat_pada = %hasil.ringkas.dibuat_pada,
            "satu desa dipulihkan dari cadangan"
        );
        Ok(hasil.ringkas)
    }

    /// User names are unique in the whole install: the village's accounts must not take a name
    /// another village or the district uses.
    async fn nama_pengguna_bebas(&self, nama: &[String], desa_id: &str) -> Result<(), Galat> {
        let mut dipakai: Vec<String> = Vec::new();
        for n in nama {
            let ada: Option<i32> = crate::on_db!(&self.db, p => sqlx::query_scalar(
                "SELECT 1 FROM pengguna WHERE username = $1 AND (desa_id IS NULL OR desa_id <> $2)")
                .bind(n).bind(desa_id).fetch_optional(p).await)?;
            if ada.is_some() {
                dipakai.push(n.clone());
            }
        }
        if dipakai.is_empty() {
            return Ok(());
        }
        Err(Galat::Ditolak(format!(
            "Nama pengguna berikut di cadangan sudah dipakai di luar desa ini: {}. Tidak ada data yang diubah. Ganti nama pengguna itu di server ini (menu Pengguna), lalu pulihkan lagi.",
            dipakai.join(", ")
        )))
    }

    /// A village site's short name and host name are unique in the whole install.
    async fn alamat_situs_bebas(&self, alamat: &[String], desa_id: &str) -> Result<(), Galat> {
        for a in alamat {
            let lain: Option<String> = crate::on_db!(&self.db, p => sqlx::query_scalar(
                "SELECT desa_id FROM situs_desa WHERE (slug = $1 OR nama_host = $1) AND desa_id <> $2")
                .bind(a).bind(desa_id).fetch_optional(p).await)?;
            if let Some(lain) = lain {
                return Err(Galat::Ditolak(format!(
                    "Alamat situs \"{a}\" di cadangan sudah dipakai situs desa {lain} di server ini. Tidak ada data yang diubah. Ubah alamat situs salah satu desa (menu Situs), lalu pulihkan lagi."
                )));
            }
        }
        Ok(())
    }

    /// Residents sign in again; messages the backup holds as unsent are not sent (they may
    /// have gone out after the backup was made).
    async fn setelah_pulih_desa(&self, tx: &mut Tx, desa_id: &str) -> Result<(), Galat> {
        on_tx!(tx, c => sqlx::query("DELETE FROM warga_sesi WHERE desa_id = $1")
            .bind(desa_id).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(tx, c => sqlx::query(
            "UPDATE notifikasi SET status = 'gagal', coba_lagi_pada = NULL, \
             galat_terakhir = 'Tidak dikirim: desa dipulihkan dari cadangan.' \
             WHERE desa_id = $1 AND status IN ('menunggu', 'dikirim')")
            .bind(desa_id).execute(&mut *c).await.map(|_| ()))?;
        Ok(())
    }

    /// Sessions of the village's staff end; API tokens they created keep their creator when the
    /// account comes back (returned to be set again after the insert).
    async fn lepas_rujukan_luar(
        &self,
        tx: &mut Tx,
        desa_id: &str,
    ) -> Result<Vec<(Uuid, Uuid)>, Galat> {
        let token: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as(
            "SELECT id, dibuat_oleh FROM token_api WHERE dibuat_oleh IN \
             (SELECT id FROM pengguna WHERE desa_id = $1)")
            .bind(desa_id).fetch_all(&mut *c).await)?;
        on_tx!(tx, c => sqlx::query(
            "UPDATE token_api SET dibuat_oleh = NULL WHERE dibuat_oleh IN \
             (SELECT id FROM pengguna WHERE desa_id = $1)")
            .bind(desa_id).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(tx, c => sqlx::query(
            "DELETE FROM sesi WHERE pengguna_id IN (SELECT id FROM pengguna WHERE desa_id = $1)")
            .bind(desa_id).execute(&mut *c).await.map(|_| ()))?;
        Ok(token)
    }
}
