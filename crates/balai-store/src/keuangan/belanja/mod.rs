//! Spending and the books (penatausahaan): payment requests (SPP) checked by the secretary
//! and approved by the head of village, payments and receipts in the general cash book
//! (buku kas umum), taxes withheld and deposited. A line is never overspent unless the
//! request carries a written reason, which is kept with it and in the audit log.

use super::apbdes::BarisAnggaran;
use crate::db::Tx;
use crate::{Aktor, Galat, Store, id_baru, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::label_pajak;
use balai_domain::keuangan::spp::{self as aturan_spp};
use balai_domain::surat::teks::rp;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

mod kas;
mod spp;

pub use kas::*;
pub use spp::*;

/// One row of the cash book with the running balance.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BarisKas {
    pub id: Uuid,
    pub nomor: i64,
    pub tanggal: NaiveDate,
    /// terima | bayar | pungut_pajak | setor_pajak
    pub jenis: String,
    pub uraian: String,
    pub nomor_bukti: String,
    pub kode_rekening: String,
    pub kode_kegiatan: String,
    pub sumber_dana: String,
    pub pajak: String,
    pub masuk: i64,
    pub keluar: i64,
    pub rekening: String,
    /// A scanned receipt is attached.
    pub ada_bukti: bool,
    #[sqlx(skip)]
    pub saldo: i64,
}

impl BarisKas {
    pub fn label_pajak(&self) -> &'static str {
        label_pajak(&self.pajak)
    }
}

/// Which book to show from the cash entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Buku {
    /// Buku kas umum: everything.
    Umum,
    /// Buku bank or buku kas tunai.
    Rekening(String),
    /// Buku pembantu pajak.
    Pajak,
    /// Buku pembantu kegiatan.
    Kegiatan(String),
}

/// Budget, paid and pending amounts of one line.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SisaBaris {
    pub anggaran: i64,
    pub dibayar: i64,
    pub dalam_proses: i64,
}

impl SisaBaris {
    pub fn sisa(&self) -> i64 {
        self.anggaran - self.dibayar - self.dalam_proses
    }
}

const KOLOM_KAS: &str = "id, nomor, tanggal, jenis, uraian, nomor_bukti, kode_rekening, kode_kegiatan, sumber_dana, pajak, \
    masuk, keluar, rekening, bukti IS NOT NULL AS ada_bukti";

/// The line of the budget in force with this key.
async fn baris_berlaku(
    tx: &mut Tx,
    desa_id: &str,
    tahun: i64,
    kunci: Uuid,
) -> Result<BarisAnggaran, Galat> {
    let b: Option<BarisAnggaran> = on_tx!(tx, c => sqlx::query_as(
        "SELECT b.id, b.kunci, b.kode_kegiatan, b.kode_rekening, b.uraian, b.volume, b.satuan, b.harga_satuan, b.jumlah, \
         b.sumber_dana, b.rencana_id FROM apbdes_baris b JOIN apbdes a ON a.desa_id = b.desa_id AND a.id = b.apbdes_id \
         WHERE b.desa_id = $1 AND a.tahun = $2 AND a.status = 'ditetapkan' AND b.kunci = $3")
        .bind(desa_id).bind(tahun).bind(kunci).fetch_optional(&mut *c).await)?;
    b.ok_or_else(|| {
        Galat::isian(
            "baris",
            format!("Baris anggaran yang dipilih tidak ada dalam APBDes {tahun} yang berlaku. Pilih dari daftar."),
        )
    })
}

async fn sisa_tx(
    tx: &mut Tx,
    desa_id: &str,
    tahun: i64,
    b: &BarisAnggaran,
    kecuali: Option<Uuid>,
) -> Result<SisaBaris, Galat> {
    let dibayar: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COALESCE(CAST(SUM(masuk + keluar) AS BIGINT), 0) FROM kas WHERE desa_id = $1 AND tahun = $2 AND baris_kunci = $3 \
         AND jenis IN ('terima', 'bayar')")
        .bind(desa_id).bind(tahun).bind(b.kunci).fetch_one(&mut *c).await)?;
    let kecuali = kecuali.unwrap_or(Uuid::nil());
    let dalam_proses: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COALESCE(CAST(SUM(r.nilai) AS BIGINT), 0) FROM spp_rincian r JOIN spp s ON s.desa_id = r.desa_id AND s.id = r.spp_id \
         WHERE r.desa_id = $1 AND s.tahun = $2 AND r.baris_kunci = $3 AND s.status IN ('diajukan', 'diperiksa', 'disetujui') AND s.id <> $4")
        .bind(desa_id).bind(tahun).bind(b.kunci).bind(kecuali).fetch_one(&mut *c).await)?;
    Ok(SisaBaris {
        anggaran: b.jumlah,
        dibayar,
        dalam_proses,
    })
}

fn pesan_lebih(b: &BarisAnggaran, s: &SisaBaris, diminta: i64) -> String {
    format!(
        "Melebihi sisa anggaran \"{}\" ({} {}): anggaran {}, sudah dibayar {}, dalam proses {}, sisa {}; diminta {}. \
         Kurangi jumlahnya, ajukan APBDes Perubahan, atau tuliskan alasan pembayaran melebihi anggaran.",
        b.uraian,
        b.kode_kegiatan,
        b.kode_rekening,
        rp(s.anggaran),
        rp(s.dibayar),
        rp(s.dalam_proses),
        rp(s.sisa()),
        rp(diminta)
    )
}

async fn nomor_berikut(tx: &mut Tx, tabel: &str, desa_id: &str, tahun: i64) -> Result<i64, Galat> {
    let sql = format!(
        "SELECT COALESCE(MAX(nomor), 0) + 1 FROM {tabel} WHERE desa_id = $1 AND tahun = $2"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
        .bind(desa_id).bind(tahun).fetch_one(&mut *c).await)?,
    )
}

#[allow(clippy::too_many_arguments)]
async fn sisip_kas(
    tx: &mut Tx,
    desa_id: &str,
    tahun: i64,
    tanggal: NaiveDate,
    jenis: &str,
    uraian: &str,
    nomor_bukti: &str,
    baris: Option<&BarisAnggaran>,
    pajak: &str,
    masuk: i64,
    keluar: i64,
    rekening: &str,
    spp_id: Option<Uuid>,
    bukti: Option<&[u8]>,
    aktor: &Aktor,
    now: DateTime<Utc>,
) -> Result<Uuid, Galat> {
    let id = id_baru();
    let nomor = nomor_berikut(tx, "kas", desa_id, tahun).await?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kas (desa_id, id, tahun, nomor, tanggal, jenis, uraian, nomor_bukti, baris_kunci, kode_rekening, kode_kegiatan, \
         sumber_dana, pajak, masuk, keluar, rekening, spp_id, bukti, bukti_mime, dicatat_oleh, dibuat_pada) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)")
        .bind(desa_id).bind(id).bind(tahun).bind(nomor).bind(tanggal).bind(jenis).bind(uraian).bind(nomor_bukti)
        .bind(baris.map(|b| b.kunci)).bind(baris.map(|b| b.kode_rekening.as_str()).unwrap_or(""))
        .bind(baris.map(|b| b.kode_kegiatan.as_str()).unwrap_or("")).bind(baris.map(|b| b.sumber_dana.as_str()).unwrap_or(""))
        .bind(pajak).bind(masuk).bind(keluar).bind(rekening).bind(spp_id).bind(bukti)
        .bind(bukti.and_then(crate::berkas::jenis_berkas)).bind(&aktor.0).bind(now)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(id)
}

/// Money cannot be paid or received on a day that has not come yet.
fn periksa_belum_tiba(store: &Store, g: &mut DaftarGalat, desa_id: &str, tanggal: NaiveDate) {
    let hari_ini = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(
        &desa_id[..2.min(desa_id.len())],
    ));
    if let Some(pesan) = aturan_spp::tanggal_transaksi(tanggal, hari_ini) {
        g.push("tanggal", pesan);
    }
}

fn periksa_rekening(g: &mut DaftarGalat, rekening: &str) {
    if !matches!(rekening, "tunai" | "bank") {
        g.push("rekening", "Pilih kas tunai atau rekening bank desa.");
    }
}

fn periksa_bukti(g: &mut DaftarGalat, bukti: Option<&[u8]>) {
    if let Some(b) = bukti
        && let Err(e) = crate::surat::masuk::jenis_lampiran(b)
    {
        g.push("bukti", e);
    }
}
