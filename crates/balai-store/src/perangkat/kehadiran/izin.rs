//! Leave (cuti), duty travel (dinas luar) and sick days (sakit): applied for by the official or
//! the operator, decided by the head of village; a signed month refuses both.

use super::{IsianIzin, Izin, KOLOM_IZIN, Kehadiran};
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::kehadiran::{JenisIzin, periksa_izin};
use balai_domain::perangkat::Lembaga;
use chrono::{Datelike, NaiveDate};
use serde_json::json;
use uuid::Uuid;

impl Kehadiran<'_> {
    /// Applies for leave, duty travel or sick days (by the person, or the operator for them).
    /// Refused: unknown kind, no dates, an end before the start, more than 90 days, no reason,
    /// a person not in the village government, a period overlapping another request not
    /// refused, a day of a signed month.
    pub async fn ajukan_izin(
        &self,
        desa_id: &str,
        isi: &IsianIzin,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        let jenis = periksa_izin(&isi.jenis, isi.mulai, isi.selesai, &isi.alasan, &mut g);
        let orang = match isi.perangkat_id {
            Some(id) => self.s.perangkat().orang(desa_id, id).await?,
            None => None,
        };
        if orang.is_none() {
            g.push("perangkat_id", "Pilih nama perangkat desa dari daftar.");
        }
        g.into_result(())?;
        let alasan = isi.alasan.trim();
        let (Some(orang), Some(jenis), Some(mulai), Some(selesai)) =
            (orang, jenis, isi.mulai, isi.selesai)
        else {
            return Err(Galat::TidakDitemukan);
        };
        let pemdes = self
            .s
            .perangkat()
            .semua_jabatan(desa_id)
            .await?
            .into_iter()
            .any(|j| {
                j.perangkat_id == orang.id
                    && j.lembaga == Lembaga::Pemdes.kode()
                    && balai_domain::perangkat::menjabat_dalam(j.rentang(), mulai, selesai)
            });
        if !pemdes {
            return Err(Galat::isian(
                "perangkat_id",
                format!(
                    "{} tidak tercatat sebagai perangkat desa yang menjabat pada tanggal itu.",
                    orang.nama
                ),
            ));
        }
        let mut t = mulai;
        while t <= selesai {
            self.wajib_terbuka(desa_id, t).await?;
            t = t
                .checked_add_months(chrono::Months::new(1))
                .and_then(|x| x.with_day(1))
                .unwrap_or(NaiveDate::MAX);
        }
        self.wajib_terbuka(desa_id, selesai).await?;
        let tumpang: Option<(String, NaiveDate, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT jenis, mulai, selesai FROM izin_hadir WHERE desa_id = $1 AND perangkat_id = $2 AND status <> 'ditolak' \
             AND mulai <= $4 AND selesai >= $3 LIMIT 1")
            .bind(desa_id).bind(orang.id).bind(mulai).bind(selesai).fetch_optional(p).await)?;
        if let Some((j, m, s)) = tumpang {
            return Err(Galat::isian(
                "mulai",
                format!(
                    "{} sudah mengajukan {} untuk {} s.d. {}; tanggalnya bertumpuk.",
                    orang.nama,
                    JenisIzin::dari_kode(&j)
                        .map(JenisIzin::label)
                        .unwrap_or("izin")
                        .to_lowercase(),
                    crate::buku::tgl(m),
                    crate::buku::tgl(s)
                ),
            ));
        }
        let id = id_baru();
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO izin_hadir (desa_id, id, perangkat_id, jenis, mulai, selesai, alasan, status, diajukan_oleh, \
             dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, 'diajukan', $8, $9, $9)")
            .bind(desa_id).bind(id).bind(orang.id).bind(jenis.kode()).bind(mulai).bind(selesai).bind(alasan)
            .bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ajukan",
                objek: "izin_hadir",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({
                    "perangkat_id": orang.id, "jenis": jenis.kode(), "mulai": mulai, "selesai": selesai, "alasan": alasan,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn izin(&self, desa_id: &str, id: Uuid) -> Result<Option<Izin>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_IZIN} FROM izin_hadir i JOIN perangkat p ON p.desa_id = i.desa_id AND p.id = i.perangkat_id \
             WHERE i.desa_id = $1 AND i.id = $2"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Requests waiting first, then the latest decided.
    pub async fn daftar_izin(&self, desa_id: &str) -> Result<Vec<Izin>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_IZIN} FROM izin_hadir i JOIN perangkat p ON p.desa_id = i.desa_id AND p.id = i.perangkat_id \
             WHERE i.desa_id = $1 ORDER BY CASE WHEN i.status = 'diajukan' THEN 0 ELSE 1 END, i.mulai DESC LIMIT 200"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    /// The head of village approves (`setuju`) or refuses a request. Refused: one already
    /// decided, a refusal without a reason, a day of a signed month.
    pub async fn putuskan_izin(
        &self,
        desa_id: &str,
        id: Uuid,
        setuju: bool,
        catatan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let i = self.izin(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        if i.status != "diajukan" {
            return Err(Galat::Ditolak(format!(
                "Pengajuan {} {} sudah diputuskan ({}).",
                i.label_jenis().to_lowercase(),
                i.nama,
                i.label_status().to_lowercase()
            )));
        }
        if !setuju && catatan.trim().is_empty() {
            return Err(Galat::isian(
                "catatan",
                "Tuliskan alasan penolakan agar pemohon mengetahuinya.",
            ));
        }
        self.wajib_terbuka(desa_id, i.mulai).await?;
        self.wajib_terbuka(desa_id, i.selesai).await?;
        let status = if setuju { "disetujui" } else { "ditolak" };
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE izin_hadir SET status = $3, diputus_oleh = $4, diputus_pada = $5, catatan_putusan = $6, \
             versi = versi + 1, diubah_pada = $5 WHERE desa_id = $1 AND id = $2 AND status = 'diajukan'")
            .bind(desa_id).bind(id).bind(status).bind(&aktor.0).bind(now).bind(catatan.trim().chars().take(300).collect::<String>())
            .execute(&mut *c).await?.rows_affected());
        if n != 1 {
            return Err(Galat::Konflik(
                "Pengajuan ini baru saja diputuskan orang lain. Muat ulang halaman.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: status,
                objek: "izin_hadir",
                objek_id: id.to_string(),
                sebelum: Some(json!({ "status": "diajukan" })),
                sesudah: Some(json!({ "status": status, "catatan": catatan.trim() })),
            },
        )
        .await?;
        tx.commit().await
    }
}
