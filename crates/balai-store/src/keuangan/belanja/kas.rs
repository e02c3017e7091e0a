//! The general cash book (buku kas umum): receipts, taxes withheld and deposited, the books
//! read from it, and each entry's proof.

use super::*;
use crate::audit::{Catatan, catat};
use crate::keuangan::kunci_tahun;
use crate::{Aktor, Galat, Store, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::isian::panjang;
use balai_domain::keuangan::label_pajak;
use balai_domain::surat::teks::rp;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct Penerimaan {
    pub tanggal: NaiveDate,
    pub baris_kunci: Uuid,
    pub nilai: i64,
    pub uraian: String,
    pub nomor_bukti: String,
    pub rekening: String,
    #[serde(skip)]
    pub bukti: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetorPajak {
    pub tanggal: NaiveDate,
    pub pajak: String,
    pub nilai: i64,
    /// NTPN or billing code.
    pub nomor_bukti: String,
    pub rekening: String,
}

impl Store {
    /// Records revenue or financing received on a line of the budget in force.
    pub async fn catat_penerimaan(
        &self,
        desa_id: &str,
        p: &Penerimaan,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let tahun = p.tanggal.year() as i64;
        let mut g = DaftarGalat::default();
        if p.nilai <= 0 {
            g.push(
                "nilai",
                "Jumlah yang diterima ditulis dalam rupiah, lebih dari 0.",
            );
        }
        if p.uraian.trim().is_empty() {
            g.push(
                "uraian",
                "Uraian wajib diisi, misalnya \"Dana Desa tahap I\".",
            );
        }
        panjang(&mut g, "uraian", "Uraian", p.uraian.trim(), 300);
        panjang(
            &mut g,
            "nomor_bukti",
            "Nomor bukti",
            p.nomor_bukti.trim(),
            60,
        );
        periksa_rekening(&mut g, &p.rekening);
        periksa_bukti(&mut g, p.bukti.as_deref());
        periksa_belum_tiba(self, &mut g, desa_id, p.tanggal);
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, tahun).await?;
        let b = baris_berlaku(&mut tx, desa_id, tahun, p.baris_kunci).await?;
        if b.keluar() {
            return Err(Galat::isian(
                "baris",
                "Penerimaan dicatat pada baris pendapatan atau penerimaan pembiayaan.",
            ));
        }
        let id = sisip_kas(
            &mut tx,
            desa_id,
            tahun,
            p.tanggal,
            "terima",
            p.uraian.trim(),
            p.nomor_bukti.trim(),
            Some(&b),
            "",
            p.nilai,
            0,
            &p.rekening,
            None,
            p.bukti.as_deref(),
            aktor,
            now,
        )
        .await?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "terima",
                objek: "kas",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(p)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Deposits withheld tax to the state; never more than is held.
    pub async fn setor_pajak(
        &self,
        desa_id: &str,
        s: &SetorPajak,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let tahun = s.tanggal.year() as i64;
        let mut g = DaftarGalat::default();
        if label_pajak(&s.pajak).is_empty() {
            g.push("pajak", "Pilih jenis pajak dari daftar.");
        }
        if s.nilai <= 0 {
            g.push(
                "nilai",
                "Jumlah setoran ditulis dalam rupiah, lebih dari 0.",
            );
        }
        if s.nomor_bukti.trim().is_empty() {
            g.push(
                "nomor_bukti",
                "Tulis NTPN atau kode billing dari bukti setor.",
            );
        }
        panjang(
            &mut g,
            "nomor_bukti",
            "Nomor bukti",
            s.nomor_bukti.trim(),
            60,
        );
        periksa_rekening(&mut g, &s.rekening);
        periksa_belum_tiba(self, &mut g, desa_id, s.tanggal);
        g.into_result(())?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, tahun).await?;
        let ditahan: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT COALESCE(CAST(SUM(masuk - keluar) AS BIGINT), 0) FROM kas WHERE desa_id = $1 AND tahun = $2 AND pajak = $3")
            .bind(desa_id).bind(tahun).bind(&s.pajak).fetch_one(&mut *c).await)?;
        if s.nilai > ditahan {
            return Err(Galat::isian(
                "nilai",
                format!(
                    "{} yang dipungut dan belum disetor {}; setoran {} melebihinya.",
                    label_pajak(&s.pajak),
                    rp(ditahan),
                    rp(s.nilai)
                ),
            ));
        }
        let uraian = format!("Setor {}", label_pajak(&s.pajak));
        let id = sisip_kas(
            &mut tx,
            desa_id,
            tahun,
            s.tanggal,
            "setor_pajak",
            &uraian,
            s.nomor_bukti.trim(),
            None,
            &s.pajak,
            0,
            s.nilai,
            &s.rekening,
            None,
            None,
            aktor,
            now,
        )
        .await?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "setor_pajak",
                objek: "kas",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(s)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A book of the year in date order, with the running balance.
    pub async fn buku_kas(
        &self,
        desa_id: &str,
        tahun: i64,
        buku: &Buku,
    ) -> Result<Vec<BarisKas>, Galat> {
        let (saring, isi) = match buku {
            Buku::Umum => ("", String::new()),
            Buku::Rekening(r) => ("AND rekening = $3", r.clone()),
            Buku::Pajak => ("AND pajak <> '' AND pajak <> $3", String::new()),
            Buku::Kegiatan(k) => ("AND kode_kegiatan = $3", k.clone()),
        };
        let tambahan = if saring.is_empty() {
            "AND $3 = $3"
        } else {
            saring
        };
        let sql = format!(
            "SELECT {KOLOM_KAS} FROM kas WHERE desa_id = $1 AND tahun = $2 {tambahan} ORDER BY tanggal, nomor LIMIT 100000"
        );
        let mut v: Vec<BarisKas> = on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).bind(&isi).fetch_all(p).await)?;
        let mut saldo = 0;
        for b in &mut v {
            saldo += b.masuk - b.keluar;
            b.saldo = saldo;
        }
        Ok(v)
    }

    /// The scanned receipt of a cash entry and its type.
    pub async fn bukti_kas(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        let r: Option<(Option<Vec<u8>>, Option<String>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT bukti, bukti_mime FROM kas WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(r.and_then(|(b, m)| Some((b?, m?))))
    }
}
