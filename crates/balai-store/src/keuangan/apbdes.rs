//! The yearly budget (APBDes) in versions: draft → agreed with the BPD → established by a
//! village regulation (perdes); later changes only through an amendment (APBDes perubahan),
//! a new version whose lines keep their key, so spending and differences follow them.

use super::{kunci_tahun, periksa_tahun};
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::situs::periksa_panjang;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::{kegiatan_rincian, label_sumber, rekening_rincian};
use balai_domain::surat::teks::rp;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
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
        match self.versi {
            1 => format!("APBDes {}", self.tahun),
            2 => format!("APBDes Perubahan {}", self.tahun),
            n => format!("APBDes Perubahan ke-{} {}", n - 1, self.tahun),
        }
    }
    pub fn label_status(&self) -> &'static str {
        match self.status.as_str() {
            "draf" => "Rancangan",
            "disepakati" => "Disepakati bersama BPD",
            "ditetapkan" => "Ditetapkan (berlaku)",
            _ => "Diganti perubahan",
        }
    }
    pub fn boleh_diubah(&self) -> bool {
        self.status == "draf"
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

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BarisBaru {
    pub kode_kegiatan: String,
    pub kode_rekening: String,
    pub uraian: String,
    pub volume: i64,
    pub satuan: String,
    pub harga_satuan: i64,
    pub sumber_dana: String,
    pub rencana_id: Option<Uuid>,
}

/// Totals of a budget, computed from its lines.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Jumlah {
    pub pendapatan: i64,
    pub belanja: i64,
    pub penerimaan_pembiayaan: i64,
    pub pengeluaran_pembiayaan: i64,
}

impl Jumlah {
    pub fn dari<'a>(baris: impl IntoIterator<Item = (&'a str, i64)>) -> Jumlah {
        let mut j = Jumlah::default();
        for (kode, n) in baris {
            if kode.starts_with("4.") {
                j.pendapatan += n;
            } else if kode.starts_with("5.") {
                j.belanja += n;
            } else if kode.starts_with("6.1") {
                j.penerimaan_pembiayaan += n;
            } else if kode.starts_with("6.2") {
                j.pengeluaran_pembiayaan += n;
            }
        }
        j
    }
    pub fn surplus(&self) -> i64 {
        self.pendapatan - self.belanja
    }
    pub fn pembiayaan_neto(&self) -> i64 {
        self.penerimaan_pembiayaan - self.pengeluaran_pembiayaan
    }
    /// What is left after financing (SiLPA of the year); a balanced budget has 0.
    pub fn sisa(&self) -> i64 {
        self.surplus() + self.pembiayaan_neto()
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

pub enum TindakanApbdes {
    /// Agreed with the BPD on a date.
    Sepakati(NaiveDate),
    /// Established by perdes number and date.
    Tetapkan { nomor: String, tanggal: NaiveDate },
    /// Back to draft (only from agreed).
    KembaliDraf,
}

const KOLOM_VERSI: &str =
    "id, tahun, versi, status, tanggal_sepakat, nomor_perdes, tanggal_perdes, diubah_pada";
pub(crate) const KOLOM_BARIS: &str = "id, kunci, kode_kegiatan, kode_rekening, uraian, volume, satuan, harga_satuan, jumlah, sumber_dana, rencana_id";

pub fn periksa_baris(b: &BarisBaru) -> Result<i64, Galat> {
    let mut g = DaftarGalat::default();
    let kode = b.kode_rekening.trim();
    match rekening_rincian(kode) {
        None => g.push(
            "kode_rekening",
            format!(
                "Kode rekening \"{kode}\" tidak ada dalam bagan akun Permendagri 20/2018. Tulis kode rincian 4 tingkat, misalnya 4.2.1.01 atau 5.2.2.01."
            ),
        ),
        Some(_) if kode.starts_with("5.") => {
            if kegiatan_rincian(&b.kode_kegiatan).is_none() {
                g.push(
                    "kode_kegiatan",
                    "Belanja harus masuk satu kegiatan: pilih kode kegiatan dari daftar, misalnya 2.2.01.",
                );
            }
        }
        Some(_) => {
            if !b.kode_kegiatan.trim().is_empty() {
                g.push(
                    "kode_kegiatan",
                    "Pendapatan dan pembiayaan tidak memakai kode kegiatan; kosongkan isian kegiatan.",
                );
            }
        }
    }
    if b.uraian.trim().is_empty() {
        g.push(
            "uraian",
            "Uraian wajib diisi, misalnya \"Semen 50 kg\" atau \"Dana Desa tahap I\".",
        );
    }
    periksa_panjang(&mut g, "uraian", "Uraian", b.uraian.trim(), 300);
    if b.volume <= 0 {
        g.push(
            "volume",
            "Volume ditulis sebagai angka bulat lebih dari 0, misalnya 12.",
        );
    }
    if b.satuan.trim().is_empty() {
        g.push(
            "satuan",
            "Satuan wajib diisi, misalnya \"sak\", \"OB\" (orang-bulan) atau \"paket\".",
        );
    }
    periksa_panjang(&mut g, "satuan", "Satuan", b.satuan.trim(), 30);
    if b.harga_satuan <= 0 {
        g.push(
            "harga_satuan",
            "Harga satuan ditulis dalam rupiah, lebih dari 0, misalnya 65000.",
        );
    }
    if label_sumber(&b.sumber_dana).is_empty() {
        g.push("sumber_dana", "Pilih sumber dana dari daftar.");
    }
    let jumlah = b
        .volume
        .checked_mul(b.harga_satuan)
        .filter(|j| *j < 1_000_000_000_000_000);
    if jumlah.is_none() && b.volume > 0 && b.harga_satuan > 0 {
        g.push("harga_satuan", "Volume × harga satuan terlalu besar.");
    }
    g.into_result(jumlah.unwrap_or(0)).map_err(Galat::from)
}

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

fn pesan_belum_seimbang(j: &Jumlah) -> String {
    format!(
        "APBDes belum seimbang: pendapatan {} − belanja {} = surplus/(defisit) {}; pembiayaan neto {}; sisa {}. \
         Sisa harus Rp0: tutup defisit dengan pembiayaan (misalnya SiLPA 6.1.1.01) atau sesuaikan belanja.",
        rp(j.pendapatan),
        rp(j.belanja),
        rp(j.surplus()),
        rp(j.pembiayaan_neto()),
        rp(j.sisa())
    )
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
        let seimbang = || -> Result<(), Galat> {
            if baris.is_empty() {
                return Err(Galat::Ditolak("APBDes belum berisi baris anggaran.".into()));
            }
            if j.sisa() != 0 {
                return Err(Galat::Ditolak(pesan_belum_seimbang(&j)));
            }
            Ok(())
        };
        let (aksi, status) = match &tindakan {
            TindakanApbdes::Sepakati(t) => {
                if v.status != "draf" {
                    return Err(Galat::Ditolak(format!(
                        "{} tidak lagi berupa rancangan.",
                        v.nama()
                    )));
                }
                let mut g = DaftarGalat::default();
                super::periksa_tanggal(&mut g, "tanggal_sepakat", *t, v.tahun - 1);
                if !g.is_empty() {
                    // The agreement may fall in the year before or in the budget year itself.
                    let mut g2 = DaftarGalat::default();
                    super::periksa_tanggal(&mut g2, "tanggal_sepakat", *t, v.tahun);
                    g2.into_result(())?;
                }
                seimbang()?;
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'disepakati', tanggal_sepakat = $3, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(t).bind(now).execute(&mut *c).await.map(|_| ()))?;
                ("sepakati", "disepakati")
            }
            TindakanApbdes::Tetapkan { nomor, tanggal } => {
                if v.status != "disepakati" {
                    return Err(Galat::Ditolak(format!(
                        "{} harus disepakati bersama BPD dahulu sebelum ditetapkan.",
                        v.nama()
                    )));
                }
                let mut g = DaftarGalat::default();
                if nomor.trim().is_empty() {
                    g.push(
                        "nomor_perdes",
                        "Nomor Peraturan Desa wajib diisi, misalnya \"5 Tahun 2026\".",
                    );
                }
                periksa_panjang(&mut g, "nomor_perdes", "Nomor perdes", nomor.trim(), 60);
                if let Some(s) = v.tanggal_sepakat
                    && *tanggal < s
                {
                    g.push(
                        "tanggal_perdes",
                        "Tanggal penetapan tidak boleh sebelum tanggal kesepakatan dengan BPD.",
                    );
                }
                g.into_result(())?;
                seimbang()?;
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
                ("tetapkan", "ditetapkan")
            }
            TindakanApbdes::KembaliDraf => {
                if v.status != "disepakati" {
                    return Err(Galat::Ditolak("Hanya APBDes yang sudah disepakati dan belum ditetapkan yang dapat dikembalikan menjadi rancangan.".into()));
                }
                on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE apbdes SET status = 'draf', tanggal_sepakat = NULL, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(now).execute(&mut *c).await.map(|_| ()))?;
                ("kembalikan", "draf")
            }
        };
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

pub(crate) fn wajib_draf(v: &VersiApbdes) -> Result<(), Galat> {
    if v.boleh_diubah() {
        return Ok(());
    }
    Err(Galat::Ditolak(match v.status.as_str() {
        "disepakati" => format!(
            "{} sudah disepakati bersama BPD. Kembalikan menjadi rancangan dahulu bila masih perlu diubah.",
            v.nama()
        ),
        _ => format!(
            "{} sudah ditetapkan dan tidak dapat diubah. Perubahan hanya melalui APBDes Perubahan (tombol \"Buat APBDes Perubahan\").",
            v.nama()
        ),
    }))
}

/// Sort key of a dotted code: its parts as numbers.
pub fn urutan(kode: &str) -> Vec<u32> {
    kode.split('.').filter_map(|p| p.parse().ok()).collect()
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
