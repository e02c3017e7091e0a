//! Stunting convergence per target family (`balai_domain::kesehatan::konvergensi`): the water
//! and latrine check kept here, and the family list with every indicator, read from the
//! registry, the pregnancies and the education module.

use super::Kesehatan;
use crate::audit::{Catatan, catat};
use crate::penduduk::HIDUP;
use crate::{Aktor, Galat, on_db, on_tx};
use balai_domain::kesehatan::konvergensi::{Anggota, Indikator, Nilai, Sanitasi, nilai, periksa};
use balai_domain::kesehatan::zscore::UMUR_HARI_MAKS;
use balai_domain::pendidikan::{Keadaan, UMUR_PAUD, tahun_ajaran};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The last water and latrine check of a family.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CekSanitasi {
    pub keluarga_id: Uuid,
    pub air_minum_layak: bool,
    pub jamban_sehat: bool,
    pub dicek_pada: NaiveDate,
    pub catatan: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub diubah_pada: DateTime<Utc>,
}

/// What the form sends.
#[derive(Debug, Clone, Default)]
pub struct IsianSanitasi {
    pub air_minum_layak: bool,
    pub jamban_sehat: bool,
    pub dicek_pada: Option<NaiveDate>,
    pub catatan: String,
    /// The version the form was opened at (0: none recorded yet).
    pub versi: i64,
}

/// A target family with its indicators, in `Indikator::SEMUA` order.
#[derive(Debug, Clone, Serialize)]
pub struct KeluargaKonvergensi {
    pub keluarga_id: Uuid,
    pub no_kk: String,
    pub kepala_id: Option<Uuid>,
    pub kepala: String,
    pub dusun: String,
    pub rt: String,
    pub balita: usize,
    pub hamil: usize,
    /// The children under five and pregnant women the row is about (for the access log).
    #[serde(skip)]
    pub sasaran_id: Vec<Uuid>,
    #[serde(skip)]
    pub nilai: Vec<Nilai>,
    pub cek: Option<CekSanitasi>,
}

/// The village's share per indicator: families with "Ya" of those it applies to.
#[derive(Debug, Clone, Serialize)]
pub struct RingkasKonvergensi {
    /// Stable code for API clients: air_minum, jamban, jkn, akta_lahir, paud.
    pub kode: &'static str,
    pub indikator: &'static str,
    pub ya: usize,
    pub berlaku: usize,
    pub belum_dicatat: usize,
}

const KOLOM_CEK: &str = "keluarga_id, air_minum_layak, jamban_sehat, dicek_pada, catatan, dicatat_oleh, versi, diubah_pada";

/// A member row: family, birth date, birth certificate number, insurance, pregnant.
type Baris = (Uuid, Uuid, NaiveDate, String, Option<i16>, bool);

impl Kesehatan<'_> {
    /// Families with a child under five or a pregnant woman on `hari_ini`, with each indicator.
    pub async fn konvergensi(
        &self,
        desa_id: &str,
        hari_ini: NaiveDate,
    ) -> Result<Vec<KeluargaKonvergensi>, Galat> {
        let balita_sejak = hari_ini - chrono::Duration::days(i64::from(UMUR_HARI_MAKS));
        // Every living member of a family that has a child under five or an open pregnancy.
        let anggota: Vec<Baris> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT p.id, p.keluarga_id, p.tanggal_lahir, p.akta_lahir, p.asuransi_id, \
             EXISTS (SELECT 1 FROM kehamilan h WHERE h.desa_id = p.desa_id AND h.penduduk_id = p.id AND h.status = 'hamil') \
             FROM penduduk p WHERE p.desa_id = $1 AND p.status_dasar = $2 AND p.keluarga_id IN ( \
               SELECT q.keluarga_id FROM penduduk q WHERE q.desa_id = $1 AND q.status_dasar = $2 \
               AND q.keluarga_id IS NOT NULL AND (q.tanggal_lahir >= $3 OR EXISTS (SELECT 1 FROM kehamilan k \
               WHERE k.desa_id = q.desa_id AND k.penduduk_id = q.id AND k.status = 'hamil')))")
            .bind(desa_id).bind(HIDUP).bind(balita_sejak).fetch_all(p).await)?;
        let keluarga: Vec<(Uuid, String, Option<Uuid>, String, String, String)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT k.id, k.no_kk, k.kepala_id, COALESCE(h.nama, ''), COALESCE(r.dusun, ''), COALESCE(r.rt, '') \
             FROM keluarga k LEFT JOIN penduduk h ON h.desa_id = k.desa_id AND h.id = k.kepala_id \
             LEFT JOIN wilayah_rt r ON r.desa_id = k.desa_id AND r.id = k.rt_id WHERE k.desa_id = $1")
            .bind(desa_id).fetch_all(p).await)?;
        let cek: Vec<CekSanitasi> = on_db!(&self.s.db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("SELECT {KOLOM_CEK} FROM konvergensi_keluarga WHERE desa_id = $1")))
            .bind(desa_id).fetch_all(p).await)?;
        let mut cek: HashMap<Uuid, CekSanitasi> =
            cek.into_iter().map(|c| (c.keluarga_id, c)).collect();
        // PAUD as the education module reads it for this school year.
        let tahun = tahun_ajaran(hari_ini);
        let paud: HashMap<Uuid, Keadaan> = self
            .s
            .pendidikan()
            .anak(desa_id, tahun, "")
            .await?
            .into_iter()
            .filter(|a| UMUR_PAUD.contains(&a.umur))
            .map(|a| (a.penduduk_id, a.keadaan))
            .collect();
        let mut per: BTreeMap<Uuid, Vec<(Uuid, Anggota)>> = BTreeMap::new();
        for (id, kk, lahir, akta, asuransi, hamil) in anggota {
            let keadaan = paud.get(&id);
            per.entry(kk).or_default().push((
                id,
                Anggota {
                    balita: lahir >= balita_sejak,
                    hamil,
                    // The education module's own count of who is of PAUD age this school year.
                    usia_paud: keadaan.is_some(),
                    akta_lahir: !akta.trim().is_empty(),
                    asuransi_id: asuransi,
                    ikut_paud: match keadaan {
                        Some(Keadaan::Paud | Keadaan::Sekolah) => Some(true),
                        Some(Keadaan::TidakSekolah | Keadaan::PutusSekolah) => Some(false),
                        _ => None,
                    },
                },
            ));
        }
        let mut out: Vec<KeluargaKonvergensi> = keluarga
            .into_iter()
            .filter_map(|(id, no_kk, kepala_id, kepala, dusun, rt)| {
                let (idx, a): (Vec<Uuid>, Vec<Anggota>) = per.remove(&id)?.into_iter().unzip();
                let sasaran_id = idx
                    .into_iter()
                    .zip(&a)
                    .filter(|(_, x)| x.balita || x.hamil)
                    .map(|(i, _)| i)
                    .collect();
                let c = cek.remove(&id);
                let s = c.as_ref().map(|c| Sanitasi {
                    air_minum_layak: c.air_minum_layak,
                    jamban_sehat: c.jamban_sehat,
                });
                Some(KeluargaKonvergensi {
                    keluarga_id: id,
                    no_kk,
                    kepala_id,
                    kepala,
                    dusun,
                    rt,
                    balita: a.iter().filter(|x| x.balita).count(),
                    hamil: a.iter().filter(|x| x.hamil).count(),
                    sasaran_id,
                    nilai: Indikator::SEMUA.iter().map(|i| nilai(*i, s, &a)).collect(),
                    cek: c,
                })
            })
            .collect();
        out.sort_by(|a, b| (&a.dusun, &a.rt, &a.kepala).cmp(&(&b.dusun, &b.rt, &b.kepala)));
        Ok(out)
    }

    /// Records a family's water and latrine check (a new check replaces the last one; the audit
    /// log keeps both).
    pub async fn catat_sanitasi(
        &self,
        desa_id: &str,
        keluarga_id: Uuid,
        isi: &IsianSanitasi,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let ada: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM keluarga WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(keluarga_id).fetch_one(p).await)?;
        if ada == 0 {
            return Err(Galat::TidakDitemukan);
        }
        let tanggal = periksa(isi.dicek_pada, &isi.catatan, self.s.hari_ini(desa.zona()))
            .map_err(Galat::Isian)?;
        let now = self.s.sekarang();
        let sesudah = json!({
            "air_minum_layak": isi.air_minum_layak, "jamban_sehat": isi.jamban_sehat,
            "dicek_pada": tanggal, "catatan": isi.catatan.trim(),
        });
        let basi = || {
            Galat::Konflik(
                "Pemeriksaan keluarga ini baru saja dicatat orang lain. Muat ulang halaman, periksa, lalu simpan lagi."
                    .into(),
            )
        };
        let mut tx = self.s.db.begin().await?;
        let lama: Option<CekSanitasi> = on_tx!(&mut tx, c => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("SELECT {KOLOM_CEK} FROM konvergensi_keluarga WHERE desa_id = $1 AND keluarga_id = $2")))
            .bind(desa_id).bind(keluarga_id).fetch_optional(&mut *c).await)?;
        match &lama {
            Some(l) if l.versi != isi.versi => return Err(basi()),
            Some(l) => {
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE konvergensi_keluarga SET air_minum_layak = $4, jamban_sehat = $5, dicek_pada = $6, catatan = $7, \
                     dicatat_oleh = $8, versi = versi + 1, diubah_pada = $9 WHERE desa_id = $1 AND keluarga_id = $2 AND versi = $3")
                    .bind(desa_id).bind(keluarga_id).bind(l.versi).bind(isi.air_minum_layak).bind(isi.jamban_sehat)
                    .bind(tanggal).bind(isi.catatan.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(basi());
                }
            }
            None if isi.versi != 0 => return Err(basi()),
            None => {
                let r = on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO konvergensi_keluarga (desa_id, keluarga_id, air_minum_layak, jamban_sehat, dicek_pada, catatan, \
                     dicatat_oleh, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)")
                    .bind(desa_id).bind(keluarga_id).bind(isi.air_minum_layak).bind(isi.jamban_sehat).bind(tanggal)
                    .bind(isi.catatan.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()));
                if let Err(e) = r {
                    let e = Galat::from(e);
                    return Err(if e.duplikat() { basi() } else { e });
                }
            }
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "catat",
                objek: "konvergensi_keluarga",
                objek_id: keluarga_id.to_string(),
                sebelum: lama.map(|l| {
                    json!({"air_minum_layak": l.air_minum_layak, "jamban_sehat": l.jamban_sehat, "dicek_pada": l.dicek_pada})
                }),
                sesudah: Some(sesudah),
            },
        )
        .await?;
        tx.commit().await
    }
}

/// The village's share per indicator.
pub fn ringkas(daftar: &[KeluargaKonvergensi]) -> Vec<RingkasKonvergensi> {
    Indikator::SEMUA
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let hitung = |n: Nilai| daftar.iter().filter(|k| k.nilai[i] == n).count();
            RingkasKonvergensi {
                kode: ind.kode(),
                indikator: ind.label(),
                ya: hitung(Nilai::Ya),
                berlaku: daftar.len() - hitung(Nilai::TidakBerlaku),
                belum_dicatat: hitung(Nilai::BelumDicatat),
            }
        })
        .collect()
}
