//! Payment requests (SPP): filed against lines of the budget in force, checked by the
//! secretary, approved by the head of village, then paid from the cash book.

use super::*;
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::keuangan::{kunci_tahun, periksa_tanggal};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::isian::panjang;
use balai_domain::keuangan::label_pajak;
use balai_domain::keuangan::spp::{self as aturan_spp, PemeriksaanSpp, StatusSpp, TolakSpp};
use balai_domain::surat::teks::rp;
use chrono::{Datelike, NaiveDate};
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

const KOLOM_SPP: &str = "id, tahun, nomor, tanggal, uraian, penerima, jumlah, status, diajukan_oleh, diperiksa_oleh, \
    disetujui_oleh, alasan_tolak, alasan_lebih";

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
        let baru = aturan_spp::periksa(
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
        if !aturan_spp::boleh_dibayar(s.status_spp()) {
            return Err(Galat::Ditolak(format!(
                "SPP {} belum disetujui kepala desa (status: {}); belum dapat dibayar.",
                s.nomor_spp(),
                s.label_status()
            )));
        }
        if aturan_spp::pembayar(&aktor.0, &s.diajukan_oleh).is_err() {
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
}
