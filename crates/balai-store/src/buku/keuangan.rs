//! The finance books C.1–C.6 from the finance module. The regulation's annex gives no column
//! list Balai holds for them (`kolom.csv` has none); they use the columns of the Permendagri
//! 20/2018 forms the finance pages already print.

use super::{Buku, Kekurangan, Periode, tgl};
use crate::keuangan::belanja::Buku as Kas;
use crate::{Galat, Store};
use balai_domain::keuangan::label_sumber;
use balai_domain::surat::teks::rp;
use chrono::Datelike;

const KOLOM_APBDES: [&str; 5] = [
    "NOMOR URUT",
    "KODE REKENING",
    "URAIAN",
    "ANGGARAN (Rp)",
    "SUMBER DANA",
];
const KOLOM_RAB: [&str; 10] = [
    "NOMOR URUT",
    "KEGIATAN",
    "KODE REKENING",
    "URAIAN",
    "VOLUME",
    "SATUAN",
    "HARGA SATUAN (Rp)",
    "JUMLAH (Rp)",
    "SUMBER DANA",
    "KET",
];
const KOLOM_KAS: [&str; 8] = [
    "NOMOR URUT",
    "TANGGAL",
    "KODE REKENING / KEGIATAN",
    "URAIAN",
    "NOMOR BUKTI",
    "PENERIMAAN (Rp)",
    "PENGELUARAN (Rp)",
    "SALDO (Rp)",
];

fn dengan_kolom(kode: &str, kolom: &[&str]) -> Buku {
    let mut b = Buku::baru(kode, "");
    b.kolom = kolom.iter().map(|k| k.to_string()).collect();
    b
}

fn kurang_apbdes(desa_id: &str, tahun: i32) -> Kekurangan {
    Kekurangan {
        pesan: format!(
            "APBDes tahun {tahun} belum ditetapkan di Balai. Susun dan tetapkan APBDes agar buku ini terisi."
        ),
        tautan: format!("/desa/{desa_id}/keuangan/apbdes?tahun={tahun}"),
        label_tautan: "Buka APBDes".into(),
    }
}

impl Store {
    /// C.1 (APBDes lines) or C.2 (the cost plan of each activity): the budget in force for
    /// the period's year.
    pub async fn buku_anggaran(
        &self,
        desa_id: &str,
        p: &Periode,
        rab: bool,
    ) -> Result<Buku, Galat> {
        let tahun = p.dari.year();
        let mut b = if rab {
            dengan_kolom("C.2", &KOLOM_RAB)
        } else {
            dengan_kolom("C.1", &KOLOM_APBDES)
        };
        let Some(v) = self.apbdes_berlaku(desa_id, i64::from(tahun)).await? else {
            b.kurang = Some(kurang_apbdes(desa_id, tahun));
            return Ok(b);
        };
        let mut baris = self.baris_anggaran(desa_id, v.id).await?;
        baris.sort_by(|a, b| {
            (&a.kode_rekening, &a.kode_kegiatan).cmp(&(&b.kode_rekening, &b.kode_kegiatan))
        });
        if rab {
            baris.retain(|l| !l.kode_kegiatan.is_empty());
            baris.sort_by(|a, b| {
                (&a.kode_kegiatan, &a.kode_rekening).cmp(&(&b.kode_kegiatan, &b.kode_rekening))
            });
        }
        for l in &baris {
            let sumber = label_sumber(&l.sumber_dana).to_string();
            if rab {
                b.tambah(vec![
                    format!("{} {}", l.kode_kegiatan, l.nama_kegiatan()),
                    l.kode_rekening.clone(),
                    l.uraian.clone(),
                    l.volume.to_string(),
                    l.satuan.clone(),
                    rp(l.harga_satuan),
                    rp(l.jumlah),
                    sumber,
                    String::new(),
                ]);
            } else {
                let uraian = if l.kode_kegiatan.is_empty() {
                    l.uraian.clone()
                } else {
                    format!("{} — {}", l.nama_kegiatan(), l.uraian)
                };
                b.tambah(vec![l.kode_rekening.clone(), uraian, rp(l.jumlah), sumber]);
            }
        }
        Ok(b)
    }

    /// C.3–C.6: the activity sub-ledgers, the general cash book, the tax sub-ledger and the
    /// bank book, for the entries dated within the period (balances run from the year's start).
    pub async fn buku_kas_desa(
        &self,
        desa_id: &str,
        kode: &str,
        p: &Periode,
    ) -> Result<Buku, Galat> {
        let tahun = i64::from(p.dari.year());
        let mut b = dengan_kolom(kode, &KOLOM_KAS);
        let kas = match kode {
            "C.3" => {
                let umum = self.buku_kas(desa_id, tahun, &Kas::Umum).await?;
                let mut kegiatan: Vec<String> = umum
                    .iter()
                    .filter(|k| !k.kode_kegiatan.is_empty())
                    .map(|k| k.kode_kegiatan.clone())
                    .collect();
                kegiatan.sort();
                kegiatan.dedup();
                let mut semua = Vec::new();
                for k in kegiatan {
                    semua.extend(self.buku_kas(desa_id, tahun, &Kas::Kegiatan(k)).await?);
                }
                semua
            }
            "C.5" => self.buku_kas(desa_id, tahun, &Kas::Pajak).await?,
            "C.6" => {
                self.buku_kas(desa_id, tahun, &Kas::Rekening("bank".into()))
                    .await?
            }
            _ => self.buku_kas(desa_id, tahun, &Kas::Umum).await?,
        };
        if kas.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: format!(
                    "Belum ada penerimaan atau pembayaran tahun {tahun} yang dicatat di buku kas. Catat transaksi di menu Keuangan agar buku ini terisi."
                ),
                tautan: format!("/desa/{desa_id}/keuangan/kas?tahun={tahun}"),
                label_tautan: "Buka buku kas".into(),
            });
        }
        for k in kas.iter().filter(|k| p.berisi(k.tanggal)) {
            let rekening = if kode == "C.3" {
                format!("{} / {}", k.kode_kegiatan, k.kode_rekening)
            } else if kode == "C.5" {
                format!("{} {}", k.kode_rekening, k.label_pajak())
                    .trim()
                    .to_string()
            } else {
                k.kode_rekening.clone()
            };
            b.tambah(vec![
                tgl(k.tanggal),
                rekening,
                k.uraian.clone(),
                k.nomor_bukti.clone(),
                rp(k.masuk),
                rp(k.keluar),
                rp(k.saldo),
            ]);
        }
        Ok(b)
    }
}
