//! Spending and the books (penatausahaan): payment requests (SPP) checked by the secretary
//! and approved by the head of village, payments and receipts in the general cash book
//! (buku kas umum), taxes withheld and deposited. A line is never overspent unless the
//! request carries a written reason, which is kept with it and in the audit log.

use super::apbdes::BarisAnggaran;
use super::{kunci_tahun, periksa_tanggal};
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::isian::panjang;
use balai_domain::keuangan::label_pajak;
use balai_domain::keuangan::spp::{self, PemeriksaanSpp, StatusSpp, TolakSpp};
use balai_domain::surat::teks::rp;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SppBaru {
    pub tanggal: NaiveDate,
    pub uraian: String,
    pub penerima: String,
    /// (line key, amount)
    pub rincian: Vec<(Uuid, i64)>,
    /// Written reason to pay beyond the line's remaining budget.
    pub alasan_lebih: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Spp {
    pub id: Uuid,
    pub tahun: i64,
    pub nomor: i64,
    pub tanggal: NaiveDate,
    pub uraian: String,
    pub penerima: String,
    pub jumlah: i64,
    /// diajukan → diperiksa → disetujui → dibayar, or ditolak
    pub status: String,
    pub diajukan_oleh: String,
    pub diperiksa_oleh: Option<String>,
    pub disetujui_oleh: Option<String>,
    pub alasan_tolak: Option<String>,
    pub alasan_lebih: Option<String>,
}

impl Spp {
    pub fn status_spp(&self) -> StatusSpp {
        StatusSpp::dari_kode(&self.status).unwrap_or(StatusSpp::Ditolak)
    }
    pub fn label_status(&self) -> &'static str {
        self.status_spp().label()
    }
    pub fn nomor_spp(&self) -> String {
        format!("{:04}/SPP/{}", self.nomor, self.tahun)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Potongan {
    pub pajak: String,
    pub nilai: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pembayaran {
    pub tanggal: NaiveDate,
    /// tunai | bank
    pub rekening: String,
    pub nomor_bukti: String,
    pub potongan: Vec<Potongan>,
    /// The scanned receipt (PDF, JPEG or PNG).
    #[serde(skip)]
    pub bukti: Option<Vec<u8>>,
}

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

const KOLOM_SPP: &str = "id, tahun, nomor, tanggal, uraian, penerima, jumlah, status, diajukan_oleh, diperiksa_oleh, \
    disetujui_oleh, alasan_tolak, alasan_lebih";
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
    if let Some(pesan) = spp::tanggal_transaksi(tanggal, hari_ini) {
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

impl Store {
    /// Files a payment request against lines of the budget in force.
    pub async fn ajukan_spp(
        &self,
        desa_id: &str,
        s: &SppBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        if s.uraian.trim().is_empty() {
            g.push("uraian", "Tuliskan untuk apa pembayaran ini, misalnya \"Pembelian semen untuk drainase RT 03\".");
        }
        if s.penerima.trim().is_empty() {
            g.push(
                "penerima",
                "Nama penerima pembayaran (toko, penyedia atau orang) wajib diisi.",
            );
        }
        panjang(&mut g, "uraian", "Uraian", s.uraian.trim(), 500);
        panjang(&mut g, "penerima", "Penerima", s.penerima.trim(), 150);
        if s.rincian.is_empty() {
            g.push("baris", "Pilih baris anggaran yang dibayar.");
        }
        if s.rincian.iter().any(|(_, n)| *n <= 0) {
            g.push(
                "nilai",
                "Jumlah yang diminta ditulis dalam rupiah, lebih dari 0.",
            );
        }
        let alasan = s
            .alasan_lebih
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if let Some(a) = alasan {
            if a.chars().count() < 10 {
                g.push(
                    "alasan_lebih",
                    "Alasan melebihi anggaran paling sedikit 10 karakter.",
                );
            }
            panjang(&mut g, "alasan_lebih", "Alasan", a, 500);
        }
        g.into_result(())?;
        let mut tx = self.db.begin().await?;
        let id = self.ajukan_spp_dalam(&mut tx, desa_id, s, aktor).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The request's writes inside the caller's transaction (e.g. with the aid distributions
    /// it pays). Checks the lines and the remaining budget; the caller checks the fields.
    pub(crate) async fn ajukan_spp_dalam(
        &self,
        tx: &mut Tx,
        desa_id: &str,
        s: &SppBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let tahun = s.tanggal.year() as i64;
        let alasan = s
            .alasan_lebih
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        let now = self.sekarang();
        let tx = &mut *tx;
        kunci_tahun(tx, desa_id, tahun).await?;
        let mut jumlah = 0i64;
        let mut lebih = false;
        for (kunci, nilai) in &s.rincian {
            let b = baris_berlaku(tx, desa_id, tahun, *kunci).await?;
            if !b.keluar() {
                return Err(Galat::isian(
                    "baris",
                    "SPP hanya untuk baris belanja atau pengeluaran pembiayaan.",
                ));
            }
            let sisa = sisa_tx(tx, desa_id, tahun, &b, None).await?;
            if *nilai > sisa.sisa() {
                if alasan.is_none() {
                    return Err(Galat::isian("nilai", pesan_lebih(&b, &sisa, *nilai)));
                }
                lebih = true;
            }
            jumlah += nilai;
        }
        let id = id_baru();
        let nomor = nomor_berikut(tx, "spp", desa_id, tahun).await?;
        let alasan_lebih = if lebih { alasan } else { None };
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO spp (desa_id, id, tahun, nomor, tanggal, uraian, penerima, jumlah, status, diajukan_oleh, alasan_lebih, \
             dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'diajukan', $9, $10, $11, $11)")
            .bind(desa_id).bind(id).bind(tahun).bind(nomor).bind(s.tanggal).bind(s.uraian.trim()).bind(s.penerima.trim())
            .bind(jumlah).bind(&aktor.0).bind(alasan_lebih).bind(now).execute(&mut *c).await.map(|_| ()))?;
        for (kunci, nilai) in &s.rincian {
            on_tx!(tx, c => sqlx::query(
                "INSERT INTO spp_rincian (desa_id, spp_id, baris_kunci, nilai) VALUES ($1, $2, $3, $4)")
                .bind(desa_id).bind(id).bind(kunci).bind(nilai).execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lebih {
                    "ajukan_lebih_anggaran"
                } else {
                    "ajukan"
                },
                objek: "spp",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(s)),
            },
        )
        .await?;
        Ok(id)
    }

    pub async fn spp(&self, desa_id: &str, id: Uuid) -> Result<Option<Spp>, Galat> {
        let sql = format!("SELECT {KOLOM_SPP} FROM spp WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// A year's payment requests, newest first.
    pub async fn daftar_spp(&self, desa_id: &str, tahun: i64) -> Result<Vec<Spp>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_SPP} FROM spp WHERE desa_id = $1 AND tahun = $2 ORDER BY nomor DESC LIMIT 5000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(tahun).fetch_all(p).await)?,
        )
    }

    /// Lines of a payment request: (line key, amount).
    pub async fn rincian_spp(&self, desa_id: &str, id: Uuid) -> Result<Vec<(Uuid, i64)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT baris_kunci, nilai FROM spp_rincian WHERE desa_id = $1 AND spp_id = $2")
            .bind(desa_id).bind(id).fetch_all(p).await)?)
    }

    /// Lines of every payment request of a year: (request id, line key, amount).
    pub async fn rincian_spp_tahun(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<Vec<(Uuid, Uuid, i64)>, Galat> {
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT r.spp_id, r.baris_kunci, r.nilai FROM spp_rincian r \
             JOIN spp s ON s.desa_id = r.desa_id AND s.id = r.spp_id WHERE r.desa_id = $1 AND s.tahun = $2")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?)
    }

    /// Budget, paid and pending of each line key in force this year.
    pub async fn sisa_anggaran(
        &self,
        desa_id: &str,
        tahun: i64,
    ) -> Result<std::collections::HashMap<Uuid, SisaBaris>, Galat> {
        let v = self.apbdes_berlaku(desa_id, tahun).await?;
        let mut peta = std::collections::HashMap::new();
        let Some(v) = v else { return Ok(peta) };
        for b in self.baris_anggaran(desa_id, v.id).await? {
            peta.insert(
                b.kunci,
                SisaBaris {
                    anggaran: b.jumlah,
                    ..Default::default()
                },
            );
        }
        let dibayar: Vec<(Uuid, i64)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT baris_kunci, CAST(SUM(masuk + keluar) AS BIGINT) FROM kas WHERE desa_id = $1 AND tahun = $2 \
             AND jenis IN ('terima', 'bayar') AND baris_kunci IS NOT NULL GROUP BY baris_kunci")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?;
        for (k, n) in dibayar {
            peta.entry(k).or_default().dibayar = n;
        }
        let proses: Vec<(Uuid, i64)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT r.baris_kunci, CAST(SUM(r.nilai) AS BIGINT) FROM spp_rincian r JOIN spp s ON s.desa_id = r.desa_id AND s.id = r.spp_id \
             WHERE r.desa_id = $1 AND s.tahun = $2 AND s.status IN ('diajukan', 'diperiksa', 'disetujui') GROUP BY r.baris_kunci")
            .bind(desa_id).bind(tahun).fetch_all(p).await)?;
        for (k, n) in proses {
            peta.entry(k).or_default().dalam_proses = n;
        }
        Ok(peta)
    }

    /// The secretary checks a request (`setuju`), or returns it with a reason. The one who
    /// filed it may not check it.
    pub async fn periksa_spp(
        &self,
        desa_id: &str,
        id: Uuid,
        setuju: bool,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.langkah_spp(desa_id, id, PemeriksaanSpp::Periksa, setuju, alasan, aktor)
            .await
    }

    /// The head of village approves a checked request, or refuses it with a reason.
    pub async fn setujui_spp(
        &self,
        desa_id: &str,
        id: Uuid,
        setuju: bool,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.langkah_spp(desa_id, id, PemeriksaanSpp::Setujui, setuju, alasan, aktor)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn langkah_spp(
        &self,
        desa_id: &str,
        id: Uuid,
        langkah: PemeriksaanSpp,
        setuju: bool,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let s = self.spp(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let baru = spp::periksa(
            s.status_spp(),
            langkah,
            setuju,
            alasan,
            &aktor.0,
            &s.diajukan_oleh,
            s.diperiksa_oleh.as_deref(),
        )
        .map_err(|e| match e {
            TolakSpp::Status => Galat::Ditolak(format!(
                "SPP {} berstatus \"{}\"; langkah ini tidak berlaku.",
                s.nomor_spp(),
                s.label_status()
            )),
            TolakSpp::OrangSama => Galat::Ditolak(
                "SPP harus diperiksa dan disetujui oleh orang lain daripada yang mengajukan atau memeriksanya.".into(),
            ),
            TolakSpp::TanpaAlasan => Galat::isian(
                "alasan",
                "Tuliskan alasan penolakan (paling sedikit 5 karakter).",
            ),
        })?;
        let (dari, ke) = (langkah.dari().kode(), langkah.ke().kode());
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, s.tahun).await?;
        let status = baru.kode();
        let kolom = if ke == "diperiksa" {
            "diperiksa_oleh"
        } else {
            "disetujui_oleh"
        };
        let sql = format!(
            "UPDATE spp SET status = $3, {kolom} = $4, alasan_tolak = $5, diubah_pada = $6 WHERE desa_id = $1 AND id = $2 AND status = $7"
        );
        let n = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).bind(status).bind(&aktor.0).bind((!setuju).then(|| alasan.trim()))
            .bind(now).bind(dari).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::Konflik(
                "SPP ini baru saja diubah orang lain. Muat ulang halaman.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if setuju {
                    if ke == "diperiksa" {
                        "periksa"
                    } else {
                        "setujui"
                    }
                } else {
                    "tolak"
                },
                objek: "spp",
                objek_id: id.to_string(),
                sebelum: Some(json!({"status": dari})),
                sesudah: Some(json!({"status": status, "alasan": alasan.trim()})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Pays an approved request: one cash-book entry per line, plus the taxes withheld.
    pub async fn bayar_spp(
        &self,
        desa_id: &str,
        id: Uuid,
        b: &Pembayaran,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let s = self.spp(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let mut g = DaftarGalat::default();
        periksa_tanggal(&mut g, "tanggal", b.tanggal, s.tahun);
        if b.tanggal < s.tanggal {
            g.push("tanggal", "Tanggal bayar tidak boleh sebelum tanggal SPP.");
        }
        periksa_belum_tiba(self, &mut g, desa_id, b.tanggal);
        periksa_rekening(&mut g, &b.rekening);
        panjang(
            &mut g,
            "nomor_bukti",
            "Nomor bukti",
            b.nomor_bukti.trim(),
            60,
        );
        let mut pajak_total = 0i64;
        for p in &b.potongan {
            if label_pajak(&p.pajak).is_empty() {
                g.push("pajak", "Pilih jenis pajak dari daftar.");
            }
            if p.nilai <= 0 {
                g.push("pajak", "Nilai pajak ditulis dalam rupiah, lebih dari 0.");
            }
            pajak_total += p.nilai;
        }
        periksa_bukti(&mut g, b.bukti.as_deref());
        if pajak_total >= s.jumlah {
            g.push(
                "pajak",
                format!(
                    "Potongan pajak ({}) harus lebih kecil daripada jumlah SPP ({}).",
                    rp(pajak_total),
                    rp(s.jumlah)
                ),
            );
        }
        g.into_result(())?;
        if !spp::boleh_dibayar(s.status_spp()) {
            return Err(Galat::Ditolak(format!(
                "SPP {} belum disetujui kepala desa (status: {}); belum dapat dibayar.",
                s.nomor_spp(),
                s.label_status()
            )));
        }
        if spp::pembayar(&aktor.0, &s.diajukan_oleh).is_err() {
            return Err(Galat::Ditolak(format!(
                "SPP {} Anda ajukan sendiri; pembayarannya harus dicatat oleh bendahara lain.",
                s.nomor_spp()
            )));
        }
        let rincian = self.rincian_spp(desa_id, id).await?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        kunci_tahun(&mut tx, desa_id, s.tahun).await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE spp SET status = 'dibayar', diubah_pada = $3 WHERE desa_id = $1 AND id = $2 AND status = 'disetujui'")
            .bind(desa_id).bind(id).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::Konflik(
                "SPP ini baru saja diubah orang lain. Muat ulang halaman.".into(),
            ));
        }
        for (kunci, nilai) in &rincian {
            let baris = baris_berlaku(&mut tx, desa_id, s.tahun, *kunci).await?;
            let sisa = sisa_tx(&mut tx, desa_id, s.tahun, &baris, Some(id)).await?;
            if *nilai > sisa.sisa() && s.alasan_lebih.is_none() {
                return Err(Galat::Ditolak(pesan_lebih(&baris, &sisa, *nilai)));
            }
            let uraian = format!("{} — {}", s.uraian, s.penerima);
            sisip_kas(
                &mut tx,
                desa_id,
                s.tahun,
                b.tanggal,
                "bayar",
                &uraian,
                b.nomor_bukti.trim(),
                Some(&baris),
                "",
                0,
                *nilai,
                &b.rekening,
                Some(id),
                b.bukti.as_deref(),
                aktor,
                now,
            )
            .await?;
        }
        for p in &b.potongan {
            let uraian = format!("Potongan {} atas {}", label_pajak(&p.pajak), s.nomor_spp());
            sisip_kas(
                &mut tx,
                desa_id,
                s.tahun,
                b.tanggal,
                "pungut_pajak",
                &uraian,
                b.nomor_bukti.trim(),
                None,
                &p.pajak,
                p.nilai,
                0,
                &b.rekening,
                Some(id),
                None,
                aktor,
                now,
            )
            .await?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "bayar",
                objek: "spp",
                objek_id: id.to_string(),
                sebelum: Some(json!({"status": "disetujui"})),
                sesudah: Some(json!(b)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

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
