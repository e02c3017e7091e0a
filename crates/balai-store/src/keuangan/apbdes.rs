//! The yearly budget (APBDes) in versions: draft → agreed with the BPD → established by a
//! village regulation (perdes); later changes only through an amendment (APBDes perubahan),
//! a new version whose lines keep their key, so spending and differences follow them.

use super::{kunci_tahun, periksa_tahun};
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
pub use balai_domain::keuangan::apbdes::{
    BarisBaru, Jumlah, TindakanApbdes, periksa_baris, pesan_belum_seimbang, urutan,
};
use balai_domain::keuangan::apbdes::{
    TolakApbdes, boleh_diubah, label_status, nama_versi, periksa_tindakan, pesan_bukan_draf,
};
use balai_domain::keuangan::{kegiatan_rincian, label_sumber, rekening_rincian};
use balai_domain::surat::teks::rp;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct VersiApbdes {
    pub id: Uuid,
    pub tahun: i64,
    /// 1 = the original budget, 2… = amendments.
    pub versi: i64,
    /// draf | disepakati | ditetapkan | diganti (an established version replaced by an amendment)
    pub status: String,
    pub tanggal_sepakat: Option<NaiveDate>,
    pub nomor_perdes: String,
    pub tanggal_perdes: Option<NaiveDate>,
    pub diubah_pada: DateTime<Utc>,
}

impl VersiApbdes {
    pub fn nama(&self) -> String {
        nama_versi(self.tahun, self.versi)
    }
    pub fn label_status(&self) -> &'static str {
        label_status(&self.status)
    }
    pub fn boleh_diubah(&self) -> bool {
        boleh_diubah(&self.status)
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BarisAnggaran {
    pub id: Uuid,
    pub kunci: Uuid,
    pub kode_kegiatan: String,
    pub kode_rekening: String,
    pub uraian: String,
    pub volume: i64,
    pub satuan: String,
    pub harga_satuan: i64,
    pub jumlah: i64,
    pub sumber_dana: String,
    pub rencana_id: Option<Uuid>,
}

impl BarisAnggaran {
    /// 4 pendapatan, 5 belanja, 6 pembiayaan.
    pub fn akun(&self) -> &str {
        &self.kode_rekening[..1]
    }
    /// Money goes out on this line (spending, or financing paid out).
    pub fn keluar(&self) -> bool {
        self.kode_rekening.starts_with("5.") || self.kode_rekening.starts_with("6.2")
    }
    pub fn nama_rekening(&self) -> String {
        rekening_rincian(&self.kode_rekening)
            .map(|k| k.uraian)
            .unwrap_or_default()
    }
    pub fn nama_kegiatan(&self) -> String {
        kegiatan_rincian(&self.kode_kegiatan)
            .map(|k| k.uraian)
            .unwrap_or_default()
    }
    pub fn label_sumber(&self) -> &'static str {
        label_sumber(&self.sumber_dana)
    }
}

/// One line that an amendment changed.
#[derive(Debug, Clone, Serialize)]
pub struct Beda {
    pub kode_kegiatan: String,
    pub kode_rekening: String,
    pub uraian: String,
    pub sebelum: i64,
    pub sesudah: i64,
}

impl Beda {
    pub fn selisih(&self) -> i64 {
        self.sesudah - self.sebelum
    }
    pub fn keterangan(&self) -> &'static str {
        match (self.sebelum, self.sesudah) {
            (0, _) => "Baris baru",
            (_, 0) => "Dihapus",
            (a, b) if b > a => "Bertambah",
            _ => "Berkurang",
        }
    }
}

const KOLOM_VERSI: &str =
    "id, tahun, versi, status, tanggal_sepakat, nomor_perdes, tanggal_perdes, diubah_pada";
pub(crate) const KOLOM_BARIS: &str = "id, kunci, kode_kegiatan, kode_rekening, uraian, volume, satuan, harga_satuan, jumlah, sumber_dana, rencana_id";

pub(crate) async fn versi_tx(tx: &mut Tx, desa_id: &str, id: Uuid) -> Result<VersiApbdes, Galat> {
    let sql = format!("SELECT {KOLOM_VERSI} FROM apbdes WHERE desa_id = $1 AND id = $2");
    let v: Option<VersiApbdes> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(desa_id).bind(id).fetch_optional(&mut *c).await)?;
    v.ok_or(Galat::TidakDitemukan)
}

/// What has been received or paid on each line key of a year, up to and including `sampai`.
pub(crate) async fn realisasi_per_kunci(
    tx: &mut Tx,
    desa_id: &str,
    tahun: i64,
) -> Result<HashMap<Uuid, i64>, Galat> {
    let r: Vec<(Uuid, i64)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT baris_kunci, CAST(SUM(masuk + keluar) AS BIGINT) FROM kas WHERE desa_id = $1 AND tahun = $2 \
         AND jenis IN ('terima', 'bayar') AND baris_kunci IS NOT NULL GROUP BY baris_kunci")
        .bind(desa_id).bind(tahun).fetch_all(&mut *c).await)?;
    Ok(r.into_iter().collect())
}

impl Store {
    /// Starts the year's budget (version 1), or an amendment of the established version with
    /// all its lines copied. Refused while another version is still being prepared.
    pub async fn buat_apbdes(
        &self,
        desa_id: &str,
        tahun: i64,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        periksa_tahun(&mut g, tahun);
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, tahun).await?;
        let sql = format!(
            "SELECT {KOLOM_VERSI} FROM apbdes WHERE desa_id = $1 AND tahun = $2 ORDER BY versi DESC LIMIT 1"
        );
        let akhir: Option<VersiApbdes> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).fetch_optional(&mut *c).await)?;
        if let Some(a) = &akhir
            && a.status != "ditetapkan"
        {
            return Err(Galat::Ditolak(format!(
                "{} masih berstatus \"{}\". Selesaikan atau tetapkan dahulu sebelum membuat perubahan.",
                a.nama(),
                a.label_status()
            )));
        }
        let id = id_baru();
        let versi = akhir.as_ref().map(|a| a.versi + 1).unwrap_or(1);
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO apbdes (desa_id, id, tahun, versi, status, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, 'draf', $5, $5)")
            .bind(desa_id).bind(id).bind(tahun).bind(versi).bind(now).execute(&mut *c).await.map(|_| ()))?;
        if let Some(a) = &akhir {
            let sql = format!(
                "SELECT {KOLOM_BARIS} FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2"
            );
            let lama: Vec<BarisAnggaran> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(desa_id).bind(a.id).fetch_all(&mut *c).await)?;
            for b in &lama {
                sisip_baris(&mut tx, desa_id, id, id_baru(), b.kunci, b).await?;
            }
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "apbdes",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"tahun": tahun, "versi": versi})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// All versions of a year, oldest first.
    pub async fn versi_apbdes(&self, desa_id: &str, tahun: i64) -> Result<Vec<VersiApbdes>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_VERSI} FROM apbdes WHERE desa_id = $1 AND tahun = $2 ORDER BY versi"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).fetch_all(p).await)?,
        )
    }

    pub async fn apbdes_versi(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<VersiApbdes>, Galat> {
        let sql = format!("SELECT {KOLOM_VERSI} FROM apbdes WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// The version in force: the latest established one.
    pub async fn apbdes_berlaku(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Option<VersiApbdes>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_VERSI} FROM apbdes WHERE desa_id = $1 AND tahun = $2 AND status = 'ditetapkan'"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).fetch_optional(p).await)?,
        )
    }

    /// Years with a budget, newest first.
    pub async fn tahun_anggaran(&self, desa_id: &str) -> Result<Vec<i64>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT DISTINCT tahun FROM apbdes WHERE desa_id = $1 ORDER BY tahun DESC")
            .bind(desa_id).fetch_all(p).await)?)
    }

    /// Lines of a version: revenue, spending by activity, financing.
    pub async fn baris_anggaran(
        &self,
        desa_id: &str,
        apbdes_id: Uuid,
    ) -> Result<Vec<BarisAnggaran>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_BARIS} FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2 \
             ORDER BY substr(kode_rekening, 1, 1), kode_kegiatan, kode_rekening, uraian"
        );
        let mut v: Vec<BarisAnggaran> = on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(apbdes_id).fetch_all(p).await)?;
        // Codes sort as numbers part by part (5.1.10 after 5.1.9).
        v.sort_by(|a, b| {
            urutan(&a.kode_rekening[..1])
                .cmp(&urutan(&b.kode_rekening[..1]))
                .then_with(|| urutan(&a.kode_kegiatan).cmp(&urutan(&b.kode_kegiatan)))
                .then_with(|| urutan(&a.kode_rekening).cmp(&urutan(&b.kode_rekening)))
        });
        Ok(v)
    }

    /// Adds (`id` None) or changes a line of a draft version.
    pub async fn simpan_baris_anggaran(
        &self,
        desa_id: &str,
        apbdes_id: Uuid,
        id: Option<Uuid>,
        b: &BarisBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let jumlah = periksa_baris(b)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let v = versi_tx(&mut tx, desa_id, apbdes_id).await?;
        kunci_tahun(&mut tx, desa_id, v.tahun).await?;
        wajib_draf(&v)?;
        if let Some(r) = b.rencana_id {
            let ada: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar(
                "SELECT dokumen FROM rencana WHERE desa_id = $1 AND id = $2 AND tahun_awal <= $3 AND tahun_akhir >= $3")
                .bind(desa_id).bind(r).bind(v.tahun).fetch_optional(&mut *c).await)?;
            if ada.is_none() {
                return Err(Galat::isian(
                    "rencana_id",
                    "Kegiatan RKPDes yang dipilih tidak ditemukan untuk tahun ini.",
                ));
            }
        }
        let lama: Option<BarisAnggaran> = match id {
            Some(id) => {
                let sql = format!(
                    "SELECT {KOLOM_BARIS} FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2 AND id = $3"
                );
                Some(
                    on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(desa_id).bind(apbdes_id).bind(id).fetch_optional(&mut *c).await)?
                    .ok_or(Galat::TidakDitemukan)?,
                )
            }
            None => None,
        };
        if let Some(l) = &lama {
            let sudah = realisasi_per_kunci(&mut tx, desa_id, v.tahun)
                .await?
                .get(&l.kunci)
                .copied()
                .unwrap_or(0);
            if sudah > jumlah {
                return Err(Galat::isian(
                    "harga_satuan",
                    format!(
                        "Baris ini sudah direalisasikan {}; anggarannya tidak boleh kurang dari itu (diminta {}).",
                        rp(sudah),
                        rp(jumlah)
                    ),
                ));
            }
            if sudah > 0 && l.kode_rekening != b.kode_rekening.trim() {
                return Err(Galat::isian(
                    "kode_rekening",
                    "Baris yang sudah direalisasikan tidak dapat dipindah ke rekening lain.",
                ));
            }
        }
        let baris = BarisAnggaran {
            id: id.unwrap_or_else(id_baru),
            kunci: lama.as_ref().map(|l| l.kunci).unwrap_or_else(id_baru),
            kode_kegiatan: b.kode_kegiatan.trim().to_string(),
            kode_rekening: b.kode_rekening.trim().to_string(),
            uraian: b.uraian.trim().to_string(),
            volume: b.volume,
            satuan: b.satuan.trim().to_string(),
            harga_satuan: b.harga_satuan,
            jumlah,
            sumber_dana: b.sumber_dana.clone(),
            rencana_id: b.rencana_id,
        };
        if lama.is_some() {
            on_tx!(&mut tx, c => sqlx::query("DELETE FROM apbdes_baris WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(baris.id).execute(&mut *c).await.map(|_| ()))?;
        }
        sisip_baris(&mut tx, desa_id, apbdes_id, baris.id, baris.kunci, &baris).await?;
        on_tx!(&mut tx, c => sqlx::query("UPDATE apbdes SET diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(apbdes_id).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "apbdes_baris",
                objek_id: baris.id.to_string(),
                sebelum: lama.as_ref().map(|l| json!(l)),
                sesudah: Some(json!(baris)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(baris.id)
    }

    pub async fn hapus_baris_anggaran(
        &self,
        desa_id: &str,
        apbdes_id: Uuid,
        id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let v = versi_tx(&mut tx, desa_id, apbdes_id).await?;
        kunci_tahun(&mut tx, desa_id, v.tahun).await?;
        wajib_draf(&v)?;
        let sql = format!(
            "SELECT {KOLOM_BARIS} FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2 AND id = $3"
        );
        let lama: BarisAnggaran =
            on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(apbdes_id).bind(id).fetch_optional(&mut *c).await)?
            .ok_or(Galat::TidakDitemukan)?;
        let sudah = realisasi_per_kunci(&mut tx, desa_id, v.tahun)
            .await?
            .get(&lama.kunci)
            .copied()
            .unwrap_or(0);
        if sudah > 0 {
            return Err(Galat::Ditolak(format!(
                "Baris \"{}\" sudah direalisasikan {}; baris itu tidak dapat dihapus.",
                lama.uraian,
                rp(sudah)
            )));
        }
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM apbdes_baris WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "apbdes_baris",
                objek_id: id.to_string(),
                sebelum: Some(json!(lama)),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a version along: agree with the BPD, establish by perdes, or back to draft.
    /// Agreeing and establishing need a balanced budget; establishing an amendment retires
    /// the version it replaces.
    pub async fn ubah_status_apbdes(
        &self,
        desa_id: &str,
        id: Uuid,
        tindakan: TindakanApbdes,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let v = versi_tx(&mut tx, desa_id, id).await?;
        kunci_tahun(&mut tx, desa_id, v.tahun).await?;
        let baris: Vec<(String, i64)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT kode_rekening, jumlah FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2")
            .bind(desa_id).bind(id).fetch_all(&mut *c).await)?;
        let j = Jumlah::dari(baris.iter().map(|(k, n)| (k.as_str(), *n)));
        let (aksi, status) = periksa_tindakan(
            &v.status,
            &v.nama(),
            v.tahun,
            v.tanggal_sepakat,
            &tindakan,
            !baris.is_empty(),
            &j,
        )?;
        match &tindakan {
            TindakanApbdes::Sepakati(t) => {
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'disepakati', tanggal_sepakat = $3, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(t).bind(now).execute(&mut *c).await.map(|_| ()))?;
            }
            TindakanApbdes::Tetapkan { nomor, tanggal } => {
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'diganti', diubah_pada = $3 WHERE desa_id = $1 AND tahun = $2 AND status = 'ditetapkan'")
                    .bind(desa_id).bind(v.tahun).bind(now).execute(&mut *c).await.map(|_| ()))?;
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'ditetapkan', nomor_perdes = $3, tanggal_perdes = $4, diubah_pada = $5 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(nomor.trim()).bind(tanggal).bind(now).execute(&mut *c).await.map(|_| ()))?;
                // Paid lines must still be covered by the new version.
                let sekarang = realisasi_per_kunci(&mut tx, desa_id, v.tahun).await?;
                let anggaran: Vec<(Uuid, i64, String)> = on_tx!(&mut tx, c => sqlx::query_as(
                    "SELECT kunci, jumlah, uraian FROM apbdes_baris WHERE desa_id = $1 AND apbdes_id = $2")
                    .bind(desa_id).bind(id).fetch_all(&mut *c).await)?;
                let peta: HashMap<Uuid, (i64, String)> =
                    anggaran.into_iter().map(|(k, n, u)| (k, (n, u))).collect();
                for (kunci, sudah) in sekarang {
                    let (n, u) = peta
                        .get(&kunci)
                        .cloned()
                        .unwrap_or((0, "(baris dihapus)".into()));
                    if sudah > n {
                        return Err(Galat::Ditolak(format!(
                            "Baris \"{u}\" sudah direalisasikan {} tetapi dianggarkan {} dalam perubahan ini.",
                            rp(sudah),
                            rp(n)
                        )));
                    }
                }
            }
            TindakanApbdes::KembaliDraf => {
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'draf', tanggal_sepakat = NULL, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(now).execute(&mut *c).await.map(|_| ()))?;
            }
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi,
                objek: "apbdes",
                objek_id: id.to_string(),
                sebelum: Some(json!({"status": v.status})),
                sesudah: Some(json!({"status": status, "jumlah": j})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Lines an amendment changed, compared with the version before it.
    pub async fn beda_apbdes(&self, desa_id: &str, id: Uuid) -> Result<Vec<Beda>, Galat> {
        let v = self
            .apbdes_versi(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if v.versi == 1 {
            return Ok(Vec::new());
        }
        let lalu: Option<Uuid> = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT id FROM apbdes WHERE desa_id = $1 AND tahun = $2 AND versi = $3")
            .bind(desa_id).bind(v.tahun).bind(v.versi - 1).fetch_optional(p).await)?;
        let Some(lalu) = lalu else {
            return Ok(Vec::new());
        };
        let baru = self.baris_anggaran(desa_id, id).await?;
        let lama = self.baris_anggaran(desa_id, lalu).await?;
        let mut peta: HashMap<Uuid, &BarisAnggaran> = lama.iter().map(|b| (b.kunci, b)).collect();
        let mut beda = Vec::new();
        for b in &baru {
            let sebelum = peta.remove(&b.kunci).map(|l| l.jumlah).unwrap_or(0);
            if sebelum != b.jumlah {
                beda.push(Beda {
                    kode_kegiatan: b.kode_kegiatan.clone(),
                    kode_rekening: b.kode_rekening.clone(),
                    uraian: b.uraian.clone(),
                    sebelum,
                    sesudah: b.jumlah,
                });
            }
        }
        for l in lama.iter().filter(|l| peta.contains_key(&l.kunci)) {
            beda.push(Beda {
                kode_kegiatan: l.kode_kegiatan.clone(),
                kode_rekening: l.kode_rekening.clone(),
                uraian: l.uraian.clone(),
                sebelum: l.jumlah,
                sesudah: 0,
            });
        }
        Ok(beda)
    }
}

pub(crate) async fn sisip_baris(
    tx: &mut Tx,
    desa_id: &str,
    apbdes_id: Uuid,
    id: Uuid,
    kunci: Uuid,
    b: &BarisAnggaran,
) -> Result<(), Galat> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO apbdes_baris (desa_id, id, apbdes_id, kunci, kode_kegiatan, kode_rekening, uraian, volume, satuan, \
         harga_satuan, jumlah, sumber_dana, rencana_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .bind(desa_id).bind(id).bind(apbdes_id).bind(kunci).bind(&b.kode_kegiatan).bind(&b.kode_rekening).bind(&b.uraian)
        .bind(b.volume).bind(&b.satuan).bind(b.harga_satuan).bind(b.jumlah).bind(&b.sumber_dana).bind(b.rencana_id)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

pub(crate) fn wajib_draf(v: &VersiApbdes) -> Result<(), Galat> {
    match pesan_bukan_draf(&v.status, &v.nama()) {
        None => Ok(()),
        Some(pesan) => Err(Galat::Ditolak(pesan)),
    }
}

impl From<TolakApbdes> for Galat {
    fn from(t: TolakApbdes) -> Galat {
        match t {
            TolakApbdes::Isian(g) => Galat::Isian(g),
            TolakApbdes::Alasan(a) => Galat::Ditolak(a),
        }
    }
}
