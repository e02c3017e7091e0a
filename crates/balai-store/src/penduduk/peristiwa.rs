//! Vital events (peristiwa). Each event is kept as history and moves the resident's current
//! state in the same transaction.

use super::tulis::Penulis;
use super::{HIDUP, HILANG, MATI, PINDAH, Penduduk};
use crate::audit::Catatan;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::penduduk::DataPenduduk;
use balai_domain::penduduk::kepala_keluarga;
use balai_domain::penduduk::kode::TIDAK_VALID;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisPeristiwa {
    Lahir,
    Mati,
    PindahMasuk,
    PindahKeluar,
    Hilang,
    Koreksi,
    /// Annuls an earlier, wrongly recorded event (which stays in the history, marked).
    Pembatalan,
}

impl JenisPeristiwa {
    pub fn kode(self) -> &'static str {
        match self {
            JenisPeristiwa::Lahir => "lahir",
            JenisPeristiwa::Mati => "mati",
            JenisPeristiwa::PindahMasuk => "pindah_masuk",
            JenisPeristiwa::PindahKeluar => "pindah_keluar",
            JenisPeristiwa::Hilang => "hilang",
            JenisPeristiwa::Koreksi => "koreksi",
            JenisPeristiwa::Pembatalan => "pembatalan",
        }
    }
    /// The events that set a person's status.
    pub const SEMUA_STATUS: [JenisPeristiwa; 5] = [
        Self::Lahir,
        Self::Mati,
        Self::PindahMasuk,
        Self::PindahKeluar,
        Self::Hilang,
    ];

    pub fn dari_kode(s: &str) -> Option<Self> {
        [
            Self::Lahir,
            Self::Mati,
            Self::PindahMasuk,
            Self::PindahKeluar,
            Self::Hilang,
            Self::Koreksi,
            Self::Pembatalan,
        ]
        .into_iter()
        .find(|j| j.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            JenisPeristiwa::Lahir => "Kelahiran",
            JenisPeristiwa::Mati => "Kematian",
            JenisPeristiwa::PindahMasuk => "Pindah masuk",
            JenisPeristiwa::PindahKeluar => "Pindah keluar",
            JenisPeristiwa::Hilang => "Hilang",
            JenisPeristiwa::Koreksi => "Perbaikan data",
            JenisPeristiwa::Pembatalan => "Pembatalan peristiwa",
        }
    }

    /// The status a person returns to when this event is annulled: the one before it (kept in
    /// the event), or "tidak valid" for a birth or a move in that created the record.
    pub fn status_setelah_batal(self, status_sebelum: Option<i16>) -> Option<i16> {
        match self {
            JenisPeristiwa::Mati | JenisPeristiwa::PindahKeluar | JenisPeristiwa::Hilang => {
                Some(status_sebelum.unwrap_or(HIDUP))
            }
            JenisPeristiwa::Lahir => Some(TIDAK_VALID),
            JenisPeristiwa::PindahMasuk => Some(status_sebelum.unwrap_or(TIDAK_VALID)),
            JenisPeristiwa::Koreksi | JenisPeristiwa::Pembatalan => None,
        }
    }

    /// The status the event left the person in.
    pub fn status_sesudah(self) -> Option<i16> {
        match self {
            JenisPeristiwa::Mati => Some(MATI),
            JenisPeristiwa::PindahKeluar => Some(PINDAH),
            JenisPeristiwa::Hilang => Some(HILANG),
            JenisPeristiwa::Lahir | JenisPeristiwa::PindahMasuk => Some(HIDUP),
            JenisPeristiwa::Koreksi | JenisPeristiwa::Pembatalan => None,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Peristiwa {
    pub id: Uuid,
    pub penduduk_id: Uuid,
    pub jenis: String,
    pub tanggal: NaiveDate,
    pub keterangan: String,
    pub rincian: String,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
    /// The annulment event, when this one was annulled.
    pub dibatalkan_oleh: Option<Uuid>,
}

impl Peristiwa {
    pub fn label(&self) -> &'static str {
        JenisPeristiwa::dari_kode(&self.jenis)
            .map(|j| j.label())
            .unwrap_or("Peristiwa")
    }
    /// Whether staff may annul it: a status event not annulled yet.
    pub fn bisa_dibatalkan(&self) -> bool {
        self.dibatalkan_oleh.is_none()
            && JenisPeristiwa::dari_kode(&self.jenis)
                .and_then(|j| j.status_sesudah())
                .is_some()
    }
}

const KOLOM_PERISTIWA: &str = "id, penduduk_id, jenis, tanggal, keterangan, rincian, dicatat_oleh, dicatat_pada, dibatalkan_oleh";

pub(crate) async fn tulis_peristiwa(
    w: &mut Penulis<'_>,
    penduduk_id: Uuid,
    jenis: JenisPeristiwa,
    tanggal: NaiveDate,
    keterangan: &str,
    rincian: serde_json::Value,
) -> Result<Uuid, Galat> {
    let id = id_baru();
    let rincian_teks = rincian.to_string();
    on_tx!(&mut w.tx, c => sqlx::query(
        "INSERT INTO peristiwa (desa_id, id, penduduk_id, jenis, tanggal, keterangan, rincian, dicatat_oleh, dicatat_pada) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(w.desa_id).bind(id).bind(penduduk_id).bind(jenis.kode()).bind(tanggal).bind(keterangan)
        .bind(&rincian_teks).bind(&w.aktor.0).bind(w.now).execute(&mut *c).await?.rows_affected());
    w.catat(Catatan {
        desa_id: w.desa_id,
        aktor: w.aktor,
        aksi: jenis.kode(),
        objek: "peristiwa",
        objek_id: penduduk_id.to_string(),
        sebelum: None,
        sesudah: Some(
            serde_json::json!({"tanggal": tanggal, "keterangan": keterangan, "rincian": rincian}),
        ),
    })
    .await?;
    Ok(id)
}

/// Death, move out or missing inside a writer's transaction: the new status, the family without
/// its head, and the event.
pub(crate) async fn ubah_status(
    w: &mut Penulis<'_>,
    p: &Penduduk,
    jenis: JenisPeristiwa,
    status_baru: i16,
    tanggal: NaiveDate,
    r: &RincianStatus,
) -> Result<(), Galat> {
    if p.status_dasar != HIDUP {
        return Err(Galat::Ditolak(format!(
            "{} sudah berstatus {}; peristiwa ini tidak dapat dicatat lagi.",
            p.nama,
            p.status_label()
        )));
    }
    if tanggal < p.tanggal_lahir {
        return Err(Galat::isian(
            "tanggal",
            format!(
                "Tanggal peristiwa ({tanggal}) sebelum tanggal lahir ({}).",
                p.tanggal_lahir
            ),
        ));
    }
    let (now, desa_id) = (w.now, w.desa_id);
    on_tx!(&mut w.tx, c => sqlx::query(
        "UPDATE penduduk SET status_dasar = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
        .bind(desa_id).bind(p.id).bind(status_baru).bind(now).execute(&mut *c).await?.rows_affected());
    if kepala_keluarga(p.shdk_id)
        && let Some(k) = p.keluarga_id
    {
        // The family keeps its card; the operator names a new head on the family page. Only
        // when this person is the recorded head: another living head stays.
        on_tx!(&mut w.tx, c => sqlx::query(
            "UPDATE keluarga SET kepala_id = NULL, versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2 AND kepala_id = $4")
            .bind(desa_id).bind(k).bind(now).bind(p.id).execute(&mut *c).await?.rows_affected());
    }
    let rincian = serde_json::json!({"tempat": r.tempat.trim(), "sebab": r.sebab.trim(), "status_sebelum": p.status_dasar});
    tulis_peristiwa(w, p.id, jenis, tanggal, r.keterangan.trim(), rincian).await?;
    Ok(())
}

/// Details of a status event (death, move out, missing).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RincianStatus {
    pub tanggal: Option<NaiveDate>,
    pub keterangan: String,
    /// Death: place and cause; move out: destination and reason.
    pub tempat: String,
    pub sebab: String,
}

impl Store {
    fn cek_tanggal(
        &self,
        tanggal: Option<NaiveDate>,
        kolom: &str,
        zona: balai_domain::ZonaWaktu,
    ) -> Result<NaiveDate, Galat> {
        let t = tanggal
            .ok_or_else(|| Galat::isian(kolom, "Tanggal peristiwa wajib diisi (TTTT-BB-HH)."))?;
        if t > self.hari_ini(zona) {
            return Err(Galat::isian(
                kolom,
                format!("Tanggal peristiwa tidak boleh di masa depan ({t})."),
            ));
        }
        Ok(t)
    }

    /// Death, move out or missing: the person stays in the registry with a new status dasar.
    pub async fn catat_status(
        &self,
        desa_id: &str,
        id: Uuid,
        jenis: JenisPeristiwa,
        r: &RincianStatus,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let status_baru = match jenis {
            JenisPeristiwa::Mati => MATI,
            JenisPeristiwa::PindahKeluar => PINDAH,
            JenisPeristiwa::Hilang => HILANG,
            _ => {
                return Err(Galat::Lain(
                    "jenis peristiwa ini tidak mengubah status".into(),
                ));
            }
        };
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let tanggal = self.cek_tanggal(r.tanggal, "tanggal", desa.zona())?;
        if jenis == JenisPeristiwa::PindahKeluar && r.tempat.trim().is_empty() {
            return Err(Galat::isian(
                "tempat",
                "Alamat tujuan pindah wajib diisi (desa/kelurahan, kecamatan, kabupaten/kota).",
            ));
        }
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let p = w.ambil(id).await?.ok_or(Galat::TidakDitemukan)?;
        ubah_status(&mut w, &p, jenis, status_baru, tanggal, r).await?;
        w.selesai().await?;
        if jenis == JenisPeristiwa::Mati {
            // The family may be owed a death benefit: the claim opens with its deadline.
            self.bantuan()
                .buka_santunan_otomatis(desa_id, id, aktor)
                .await?;
        }
        Ok(())
    }

    /// Annuls a wrongly recorded status event (death, move out, missing, birth, move in) with a
    /// written reason: the person's status goes back, and both events stay in the history.
    /// Only the latest status event of the person can be annulled, so a later event is never
    /// silently undone.
    pub async fn batalkan_peristiwa(
        &self,
        desa_id: &str,
        peristiwa_id: Uuid,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let alasan = alasan.trim();
        if alasan.chars().count() < 10 {
            return Err(Galat::isian(
                "alasan",
                "Tuliskan alasan pembatalan (paling sedikit 10 huruf), misalnya \"salah pilih penduduk\".",
            ));
        }
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.hari_ini(desa.zona());
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let sql = format!("SELECT {KOLOM_PERISTIWA} FROM peristiwa WHERE desa_id = $1 AND id = $2");
        let e: Peristiwa = on_tx!(&mut w.tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(peristiwa_id).fetch_optional(&mut *c).await?)
        .ok_or(Galat::TidakDitemukan)?;
        let jenis = JenisPeristiwa::dari_kode(&e.jenis).ok_or(Galat::TidakDitemukan)?;
        if e.dibatalkan_oleh.is_some() {
            return Err(Galat::Ditolak("Peristiwa ini sudah dibatalkan.".into()));
        }
        let rincian: serde_json::Value = serde_json::from_str(&e.rincian).unwrap_or_default();
        let mut status_sebelum = rincian["status_sebelum"].as_i64().map(|s| s as i16);
        if jenis == JenisPeristiwa::PindahMasuk && status_sebelum.is_none() {
            // Recorded before the previous status was kept: someone with earlier events came
            // back from a move; someone without was new.
            let lebih_dulu: i64 = on_tx!(&mut w.tx, c => sqlx::query_scalar(
                "SELECT count(*) FROM peristiwa WHERE desa_id = $1 AND penduduk_id = $2 AND dicatat_pada < $3")
                .bind(desa_id).bind(e.penduduk_id).bind(e.dicatat_pada).fetch_one(&mut *c).await?);
            if lebih_dulu > 0 {
                status_sebelum = Some(PINDAH);
            }
        }
        let (Some(kembali), Some(sesudah)) = (
            jenis.status_setelah_batal(status_sebelum),
            jenis.status_sesudah(),
        ) else {
            return Err(Galat::Ditolak(
                "Perbaikan data tidak dibatalkan; catat perbaikan baru dengan data yang benar."
                    .into(),
            ));
        };
        let p = w.ambil(e.penduduk_id).await?.ok_or(Galat::TidakDitemukan)?;
        let kode_status: Vec<&str> = JenisPeristiwa::SEMUA_STATUS
            .iter()
            .map(|j| j.kode())
            .collect();
        let terakhir: Option<Uuid> = on_tx!(&mut w.tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM peristiwa WHERE desa_id = $1 AND penduduk_id = $2 AND dibatalkan_oleh IS NULL \
             AND jenis IN ('{}') ORDER BY dicatat_pada DESC, id DESC LIMIT 1", kode_status.join("','"))))
            .bind(desa_id).bind(e.penduduk_id).fetch_optional(&mut *c).await?);
        if terakhir != Some(e.id) || p.status_dasar != sesudah {
            return Err(Galat::Ditolak(format!(
                "Peristiwa ini bukan peristiwa terakhir {}; batalkan dahulu peristiwa yang dicatat sesudahnya.",
                p.nama
            )));
        }
        let now = w.now;
        on_tx!(&mut w.tx, c => sqlx::query(
            "UPDATE penduduk SET status_dasar = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(p.id).bind(kembali).bind(now).execute(&mut *c).await?.rows_affected());
        if kembali != HIDUP
            && kepala_keluarga(p.shdk_id)
            && let Some(k) = p.keluarga_id
        {
            // An invalid record heads no family.
            on_tx!(&mut w.tx, c => sqlx::query(
                "UPDATE keluarga SET kepala_id = NULL, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2 AND kepala_id = $3")
                .bind(desa_id).bind(k).bind(p.id).bind(now).execute(&mut *c).await?.rows_affected());
        }
        if kembali == HIDUP
            && kepala_keluarga(p.shdk_id)
            && let Some(k) = p.keluarga_id
        {
            // Back as head of the family, unless another head was named meanwhile.
            on_tx!(&mut w.tx, c => sqlx::query(
                "UPDATE keluarga SET kepala_id = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2 AND kepala_id IS NULL")
                .bind(desa_id).bind(k).bind(p.id).bind(now).execute(&mut *c).await?.rows_affected());
        }
        let rincian = serde_json::json!({
            "peristiwa": e.id, "jenis": e.jenis, "tanggal": e.tanggal,
            "status_sebelum": p.status_dasar, "status_sesudah": kembali,
        });
        let batal = tulis_peristiwa(
            &mut w,
            p.id,
            JenisPeristiwa::Pembatalan,
            hari_ini,
            alasan,
            rincian,
        )
        .await?;
        let n = on_tx!(&mut w.tx, c => sqlx::query(
            "UPDATE peristiwa SET dibatalkan_oleh = $3 WHERE desa_id = $1 AND id = $2 AND dibatalkan_oleh IS NULL")
            .bind(desa_id).bind(e.id).bind(batal).execute(&mut *c).await?.rows_affected());
        if n != 1 {
            // Annulled by someone else at the same moment: nothing of this one is kept.
            return Err(Galat::Konflik(
                "Peristiwa ini baru saja dibatalkan oleh pengguna lain.".into(),
            ));
        }
        w.selesai().await?;
        if jenis == JenisPeristiwa::Mati {
            // A death benefit claim still at the village closes with the death.
            self.bantuan()
                .tutup_karena_batal(desa_id, e.penduduk_id, aktor)
                .await?;
        }
        Ok(())
    }

    /// A birth into a family: the baby becomes a resident of the family's address.
    pub async fn catat_kelahiran(
        &self,
        desa_id: &str,
        d: &DataPenduduk,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        if d.no_kk.is_none() {
            return Err(Galat::isian(
                "no_kk",
                "Pilih keluarga (Nomor KK) tempat bayi dicatat.",
            ));
        }
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let tanggal = d.tanggal_lahir;
        let id = w
            .tambah(
                d,
                Some((
                    JenisPeristiwa::Lahir,
                    tanggal,
                    serde_json::json!({"tempat": d.tempat_lahir}),
                )),
            )
            .await?;
        w.selesai().await?;
        Ok(id)
    }

    /// A move in. A person who once lived here (same NIK, status pindah/hilang) is reactivated with
    /// the new data; anyone else is added.
    pub async fn catat_pindah_masuk(
        &self,
        desa_id: &str,
        d: &DataPenduduk,
        tanggal: Option<NaiveDate>,
        asal: &str,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let tanggal = self.cek_tanggal(tanggal, "tanggal_pindah", desa.zona())?;
        if asal.trim().is_empty() {
            return Err(Galat::isian(
                "asal",
                "Alamat asal wajib diisi (desa/kelurahan, kecamatan, kabupaten/kota).",
            ));
        }
        let mut rincian = serde_json::json!({"asal": asal.trim()});
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let lama = self.penduduk_by_nik(desa_id, d.nik.as_str()).await?;
        if let Some(p) = &lama {
            rincian["status_sebelum"] = p.status_dasar.into();
        }
        let id = match lama {
            Some(p) if p.status_dasar == PINDAH || p.status_dasar == HILANG => {
                let now = w.now;
                on_tx!(&mut w.tx, c => sqlx::query(
                    "UPDATE penduduk SET status_dasar = 1, versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(p.id).bind(now).execute(&mut *c).await?.rows_affected());
                let mut p2 = p.clone();
                p2.status_dasar = HIDUP;
                p2.versi += 1;
                w.ubah(&p2, None, d).await?;
                tulis_peristiwa(
                    &mut w,
                    p.id,
                    JenisPeristiwa::PindahMasuk,
                    tanggal,
                    "",
                    rincian,
                )
                .await?;
                p.id
            }
            Some(p) => {
                return Err(Galat::isian(
                    "nik",
                    format!(
                        "NIK {} sudah terdaftar sebagai penduduk {} ({}).",
                        d.nik,
                        p.nama,
                        p.status_label()
                    ),
                ));
            }
            None => {
                w.tambah(d, Some((JenisPeristiwa::PindahMasuk, tanggal, rincian)))
                    .await?
            }
        };
        w.selesai().await?;
        Ok(id)
    }

    /// One event.
    pub async fn peristiwa(&self, desa_id: &str, id: Uuid) -> Result<Option<Peristiwa>, Galat> {
        let sql = format!("SELECT {KOLOM_PERISTIWA} FROM peristiwa WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// A resident's events, newest first.
    pub async fn riwayat_penduduk(&self, desa_id: &str, id: Uuid) -> Result<Vec<Peristiwa>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("SELECT {KOLOM_PERISTIWA} FROM peristiwa \
             WHERE desa_id = $1 AND penduduk_id = $2 ORDER BY dicatat_pada DESC, id DESC")))
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// Events of a village, newest first, optionally of one kind (buku mutasi).
    pub async fn daftar_peristiwa(
        &self,
        desa_id: &str,
        jenis: Option<&str>,
        batas: i64,
    ) -> Result<Vec<(Peristiwa, String)>, Galat> {
        #[derive(sqlx::FromRow)]
        struct Baris {
            #[sqlx(flatten)]
            p: Peristiwa,
            nama: String,
        }
        let jenis = jenis.unwrap_or("");
        let rows: Vec<Baris> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT e.id, e.penduduk_id, e.jenis, e.tanggal, e.keterangan, e.rincian, e.dicatat_oleh, e.dicatat_pada, e.dibatalkan_oleh, p.nama \
             FROM peristiwa e JOIN penduduk p ON p.desa_id = e.desa_id AND p.id = e.penduduk_id \
             WHERE e.desa_id = $1 AND ($2 = '' OR e.jenis = $2) ORDER BY e.tanggal DESC, e.id DESC LIMIT $3")
            .bind(desa_id).bind(jenis).bind(batas.clamp(1, 1000)).fetch_all(p).await)?;
        Ok(rows.into_iter().map(|b| (b.p, b.nama)).collect())
    }
}
