//! Staff attendance: the office's place and hours, holidays, check-ins at the office kiosk or
//! by phone (flagged when far, twice, on a day off, without position; refused from another
//! village's kiosk, the attempt kept), leave/duty/sick requests decided by the head of village
//! (`izin`), the monthly recap of a village or of every village under a region (`rekap`), and
//! the head's signature that closes a month.

mod izin;
mod rekap;

use crate::anjungan::Anjungan;
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
pub use balai_domain::kehadiran::IsianAturan;
use balai_domain::kehadiran::{
    AturanKerja, HitungBulan, JenisIzin, LIBUR_NASIONAL, Tanda, jarak_meter, periksa_aturan,
    periksa_libur, urai_hari_kerja,
};
use balai_domain::perangkat::Lembaga;
use balai_domain::surat::teks::NAMA_BULAN;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

pub struct Kehadiran<'a> {
    s: &'a Store,
}

impl Store {
    pub fn kehadiran(&self) -> Kehadiran<'_> {
        Kehadiran { s: self }
    }
}

/// A village's office and working hours.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Aturan {
    pub lintang: Option<f64>,
    pub bujur: Option<f64>,
    pub radius_m: i64,
    pub jam_masuk: String,
    pub jam_pulang: String,
    pub toleransi_menit: i64,
    pub hari_kerja: String,
    pub versi: i64,
}

impl Aturan {
    pub fn bawaan() -> Aturan {
        Aturan {
            lintang: None,
            bujur: None,
            radius_m: 150,
            jam_masuk: "08:00".into(),
            jam_pulang: "16:00".into(),
            toleransi_menit: 15,
            hari_kerja: "1,2,3,4,5".into(),
            versi: 0,
        }
    }
    pub fn kerja(&self) -> AturanKerja {
        AturanKerja {
            hari_kerja: urai_hari_kerja(&self.hari_kerja).unwrap_or_else(|| vec![1, 2, 3, 4, 5]),
            jam_masuk: NaiveTime::parse_from_str(&self.jam_masuk, "%H:%M")
                .unwrap_or(NaiveTime::MIN),
            toleransi_menit: self.toleransi_menit,
        }
    }
    pub fn ada_lokasi(&self) -> bool {
        self.lintang.is_some() && self.bujur.is_some()
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct HariLibur {
    pub tanggal: NaiveDate,
    pub nama: String,
}

/// Where a check-in comes from.
pub enum Cara<'a> {
    /// A registered kiosk (of this village or, refused, of another).
    Anjungan(&'a Anjungan),
    /// A phone, with the position its browser sent (or none).
    Ponsel(Option<(f64, f64)>),
    /// Entered by the operator for a given day and time (kiosk broken, power cut), with why.
    Operator {
        tanggal: NaiveDate,
        jam: NaiveTime,
        keterangan: String,
    },
}

/// What happened to a check-in.
#[derive(Debug, Clone, Serialize)]
pub struct HasilAbsen {
    pub id: Uuid,
    pub nama: String,
    pub masuk: bool,
    pub waktu: DateTime<Utc>,
    pub tanggal: NaiveDate,
    pub jam: String,
    pub tanda: Vec<Tanda>,
    pub ditolak: bool,
    pub jarak_m: Option<i64>,
    pub terlambat: bool,
}

impl HasilAbsen {
    pub fn uraian_tanda(&self) -> String {
        self.tanda
            .iter()
            .map(|t| match (t, self.jarak_m) {
                (Tanda::Jauh, Some(m)) => format!("{} ({m} m dari kantor)", t.label()),
                _ => t.label().to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A leave, duty travel or sick request.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Izin {
    pub id: Uuid,
    pub perangkat_id: Uuid,
    pub jenis: String,
    pub mulai: NaiveDate,
    pub selesai: NaiveDate,
    pub alasan: String,
    /// diajukan, disetujui, ditolak.
    pub status: String,
    pub diajukan_oleh: String,
    pub diputus_oleh: Option<String>,
    pub diputus_pada: Option<DateTime<Utc>>,
    pub catatan_putusan: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub nama: String,
}

impl Izin {
    pub fn label_jenis(&self) -> &'static str {
        JenisIzin::dari_kode(&self.jenis)
            .map(JenisIzin::label)
            .unwrap_or("-")
    }
    pub fn label_status(&self) -> &'static str {
        match self.status.as_str() {
            "diajukan" => "Menunggu keputusan kepala desa",
            "disetujui" => "Disetujui",
            "ditolak" => "Ditolak",
            _ => "-",
        }
    }
}

const KOLOM_IZIN: &str = "i.id, i.perangkat_id, i.jenis, i.mulai, i.selesai, i.alasan, i.status, i.diajukan_oleh, \
     i.diputus_oleh, i.diputus_pada, i.catatan_putusan, i.versi, i.dibuat_pada, p.nama";

#[derive(Debug, Clone, Default)]
pub struct IsianIzin {
    pub perangkat_id: Option<Uuid>,
    pub jenis: String,
    pub mulai: Option<NaiveDate>,
    pub selesai: Option<NaiveDate>,
    pub alasan: String,
}

/// One person's month.
#[derive(Debug, Clone, Serialize)]
pub struct RekapOrang {
    pub perangkat_id: Uuid,
    pub nama: String,
    pub jabatan: String,
    pub hitung: HitungBulan,
}

/// A month's signature.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TandaTangan {
    pub ditandatangani_oleh: String,
    pub ditandatangani_pada: DateTime<Utc>,
}

/// A village's month.
#[derive(Debug, Clone, Serialize)]
pub struct RekapDesa {
    pub desa_id: String,
    pub nama_desa: String,
    pub tahun: i32,
    pub bulan: u32,
    /// The last day counted: the month's end, or today in the running month.
    pub sampai: NaiveDate,
    pub orang: Vec<RekapOrang>,
    pub jumlah: HitungBulan,
    pub tanda_tangan: Option<TandaTangan>,
}

impl RekapDesa {
    pub fn label_bulan(&self) -> String {
        label_bulan(self.tahun, self.bulan)
    }
}

pub fn label_bulan(tahun: i32, bulan: u32) -> String {
    format!("{} {tahun}", NAMA_BULAN[(bulan.clamp(1, 12) - 1) as usize])
}

/// "2026-11" into (2026, 11).
pub fn urai_bulan(s: &str) -> Option<(i32, u32)> {
    let (t, b) = s.trim().split_once('-')?;
    let (t, b): (i32, u32) = (t.parse().ok()?, b.parse().ok()?);
    NaiveDate::from_ymd_opt(t, b, 1)?;
    (2000..=2100).contains(&t).then_some((t, b))
}

fn awal_akhir(tahun: i32, bulan: u32) -> Result<(NaiveDate, NaiveDate), Galat> {
    let p = crate::buku::Periode::bulan(tahun, bulan)
        .ok_or_else(|| Galat::isian("bulan", "Bulan tidak sah; tulis seperti 2026-11."))?;
    Ok((p.dari, p.sampai))
}

/// id, name, position, and the days in office (half-open ranges) of an official in a month.
type OrangBulan = (Uuid, String, String, Vec<(NaiveDate, NaiveDate)>);

/// desa_id, perangkat_id, tanggal, jenis, waktu, tanda, ditolak, jarak_m.
type BarisAbsen = (
    String,
    Uuid,
    NaiveDate,
    String,
    DateTime<Utc>,
    String,
    bool,
    Option<i64>,
);

impl Kehadiran<'_> {
    /// The village's settings (the defaults when none are saved).
    pub async fn aturan(&self, desa_id: &str) -> Result<Aturan, Galat> {
        let a: Option<Aturan> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT lintang, bujur, radius_m, jam_masuk, jam_pulang, toleransi_menit, hari_kerja, versi \
             FROM kehadiran_aturan WHERE desa_id = $1")
            .bind(desa_id).fetch_optional(p).await)?;
        Ok(a.unwrap_or_else(Aturan::bawaan))
    }

    /// Saves the settings the first time a village uses attendance, with the national
    /// holidays: nothing happens when they exist.
    pub async fn siapkan(&self, desa_id: &str) -> Result<(), Galat> {
        let ada: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM kehadiran_aturan WHERE desa_id = $1").bind(desa_id).fetch_one(p).await)?;
        if ada > 0 {
            return Ok(());
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO kehadiran_aturan (desa_id, diubah_pada) VALUES ($1, $2) ON CONFLICT (desa_id) DO NOTHING")
            .bind(desa_id).bind(now).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Ok(());
        }
        for (t, nama) in LIBUR_NASIONAL {
            let t =
                NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|e| Galat::Lain(e.to_string()))?;
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO hari_libur (desa_id, tanggal, nama) VALUES ($1, $2, $3) ON CONFLICT (desa_id, tanggal) DO NOTHING")
                .bind(desa_id).bind(t).bind(*nama).execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor: &Aktor::sistem(),
                aksi: "siapkan",
                objek: "kehadiran_aturan",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "libur_nasional": LIBUR_NASIONAL.len() })),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Saves the office's position, radius, hours and working days.
    pub async fn simpan_aturan(
        &self,
        desa_id: &str,
        isi: &IsianAturan,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let hari = periksa_aturan(isi).map_err(Galat::Isian)?;
        self.siapkan(desa_id).await?;
        let hari_teks = hari
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE kehadiran_aturan SET lintang = $3, bujur = $4, radius_m = $5, jam_masuk = $6, jam_pulang = $7, \
             toleransi_menit = $8, hari_kerja = $9, versi = versi + 1, diubah_pada = $10 WHERE desa_id = $1 AND versi = $2")
            .bind(desa_id).bind(isi.versi).bind(isi.lintang).bind(isi.bujur).bind(isi.radius_m)
            .bind(isi.jam_masuk.trim()).bind(isi.jam_pulang.trim()).bind(isi.toleransi_menit).bind(&hari_teks).bind(now)
            .execute(&mut *c).await?.rows_affected());
        if n != 1 {
            return Err(Galat::Konflik(
                "Pengaturan kehadiran sudah diubah orang lain sejak dibuka. Muat ulang halaman, lalu simpan lagi."
                    .into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "kehadiran_aturan",
                objek_id: desa_id.to_string(),
                sebelum: None,
                sesudah: Some(json!({
                    "radius_m": isi.radius_m, "jam_masuk": isi.jam_masuk.trim(), "jam_pulang": isi.jam_pulang.trim(),
                    "toleransi_menit": isi.toleransi_menit, "hari_kerja": hari_teks, "lokasi_diatur": isi.lintang.is_some(),
                })),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Holidays of a year.
    pub async fn libur(&self, desa_id: &str, tahun: i32) -> Result<Vec<HariLibur>, Galat> {
        let dari = NaiveDate::from_ymd_opt(tahun, 1, 1).ok_or(Galat::TidakDitemukan)?;
        let sampai = NaiveDate::from_ymd_opt(tahun, 12, 31).ok_or(Galat::TidakDitemukan)?;
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT tanggal, nama FROM hari_libur WHERE desa_id = $1 AND tanggal >= $2 AND tanggal <= $3 ORDER BY tanggal")
            .bind(desa_id).bind(dari).bind(sampai).fetch_all(p).await)?)
    }

    /// Adds (or renames) a holiday.
    pub async fn simpan_libur(
        &self,
        desa_id: &str,
        tanggal: Option<NaiveDate>,
        nama: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let (t, nama) = periksa_libur(tanggal, nama).map_err(Galat::Isian)?;
        self.siapkan(desa_id).await?;
        self.wajib_terbuka(desa_id, t).await?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO hari_libur (desa_id, tanggal, nama) VALUES ($1, $2, $3) \
             ON CONFLICT (desa_id, tanggal) DO UPDATE SET nama = excluded.nama")
            .bind(desa_id).bind(t).bind(&nama).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "simpan",
                objek: "hari_libur",
                objek_id: t.to_string(),
                sebelum: None,
                sesudah: Some(json!({ "nama": nama })),
            },
        )
        .await?;
        tx.commit().await
    }

    pub async fn hapus_libur(
        &self,
        desa_id: &str,
        tanggal: NaiveDate,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.wajib_terbuka(desa_id, tanggal).await?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query("DELETE FROM hari_libur WHERE desa_id = $1 AND tanggal = $2")
            .bind(desa_id).bind(tanggal).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::TidakDitemukan);
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "hari_libur",
                objek_id: tanggal.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// The head's signature of a month, if signed.
    pub async fn tanda_tangan(
        &self,
        desa_id: &str,
        tahun: i32,
        bulan: u32,
    ) -> Result<Option<TandaTangan>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT ditandatangani_oleh, ditandatangani_pada FROM rekap_hadir WHERE desa_id = $1 AND bulan = $2")
            .bind(desa_id).bind(format!("{tahun:04}-{bulan:02}")).fetch_optional(p).await)?)
    }

    /// Refuses a change to a day of a signed month.
    pub async fn wajib_terbuka(&self, desa_id: &str, t: NaiveDate) -> Result<(), Galat> {
        if let Some(tt) = self.tanda_tangan(desa_id, t.year(), t.month()).await? {
            return Err(Galat::Ditolak(format!(
                "Rekap kehadiran bulan {} sudah ditandatangani kepala desa ({}) pada {}; catatan kehadiran bulan itu tidak dapat diubah lagi.",
                label_bulan(t.year(), t.month()),
                tt.ditandatangani_oleh.trim_start_matches("pengguna:"),
                crate::buku::tgl(tt.ditandatangani_pada.date_naive())
            )));
        }
        Ok(())
    }

    /// Records a check-in (`masuk`) or check-out. The person must be an official of the
    /// village government in office that day. Flags are kept with the record: far from the
    /// office, a second one the same day, on a day off, without position. A kiosk of another
    /// village is refused: the attempt is kept (flagged, not counted) and `ditolak` is set.
    /// A phone check-in needs the office's position set; a day of a signed month is refused.
    pub async fn absen(
        &self,
        desa_id: &str,
        perangkat_id: Uuid,
        masuk: bool,
        cara: Cara<'_>,
        aktor: &Aktor,
    ) -> Result<HasilAbsen, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        self.siapkan(desa_id).await?;
        let aturan = self.aturan(desa_id).await?;
        let zona = desa.zona().offset();
        let now = self.s.sekarang();
        let (tanggal, jam) = match &cara {
            Cara::Operator { tanggal, jam, .. } => (*tanggal, *jam),
            _ => {
                let l = now.with_timezone(&zona);
                (l.date_naive(), l.time())
            }
        };
        let waktu = match &cara {
            Cara::Operator { .. } => tanggal
                .and_time(jam)
                .and_local_timezone(zona)
                .single()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(now),
            _ => now,
        };
        let orang = self
            .s
            .perangkat()
            .orang(desa_id, perangkat_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let menjabat = self
            .s
            .perangkat()
            .semua_jabatan(desa_id)
            .await?
            .into_iter()
            .any(|j| {
                j.perangkat_id == perangkat_id
                    && j.lembaga == Lembaga::Pemdes.kode()
                    && j.menjabat_pada(tanggal)
            });
        if !menjabat {
            return Err(Galat::Ditolak(format!(
                "{} tidak tercatat sebagai perangkat desa yang menjabat pada {}; absen tidak dicatat.",
                orang.nama,
                crate::buku::tgl(tanggal)
            )));
        }
        self.wajib_terbuka(desa_id, tanggal).await?;
        let mut tanda: Vec<Tanda> = Vec::new();
        let mut ditolak = false;
        let mut jarak_m = None;
        let mut anjungan_id = None;
        let mut keterangan = String::new();
        let nama_cara = match &cara {
            Cara::Anjungan(a) => {
                anjungan_id = Some(a.id);
                if a.desa_id != desa_id {
                    tanda.push(Tanda::DesaLain);
                    ditolak = true;
                    keterangan = format!("anjungan {} desa {}", a.nama, a.desa_id);
                }
                "anjungan"
            }
            Cara::Ponsel(posisi) => {
                let (Some(lk), Some(bk)) = (aturan.lintang, aturan.bujur) else {
                    return Err(Galat::Ditolak(
                        "Koordinat kantor desa belum diatur admin, jadi absen lewat ponsel belum dapat dipakai. Absen di anjungan kantor desa."
                            .into(),
                    ));
                };
                match posisi {
                    Some((l, b)) => {
                        let m = jarak_meter(lk, bk, *l, *b).round() as i64;
                        jarak_m = Some(m);
                        if m > aturan.radius_m {
                            tanda.push(Tanda::Jauh);
                        }
                    }
                    None => tanda.push(Tanda::TanpaLokasi),
                }
                "ponsel"
            }
            Cara::Operator { keterangan: k, .. } => {
                if k.trim().is_empty() {
                    return Err(Galat::isian(
                        "keterangan",
                        "Tuliskan mengapa absen dicatat petugas (mis. anjungan rusak, listrik padam).",
                    ));
                }
                keterangan = k.trim().chars().take(300).collect();
                "operator"
            }
        };
        let jenis = if masuk { "masuk" } else { "pulang" };
        if !ditolak {
            let sudah: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT count(*) FROM kehadiran WHERE desa_id = $1 AND perangkat_id = $2 AND tanggal = $3 AND jenis = $4 AND NOT ditolak")
                .bind(desa_id).bind(perangkat_id).bind(tanggal).bind(jenis).fetch_one(p).await)?;
            if sudah > 0 {
                tanda.push(Tanda::Ganda);
            }
            let libur: HashSet<NaiveDate> = self
                .libur(desa_id, tanggal.year())
                .await?
                .into_iter()
                .map(|l| l.tanggal)
                .collect();
            if !aturan.kerja().hari_kerja(tanggal, &libur) {
                tanda.push(Tanda::Libur);
            }
        }
        let id = id_baru();
        let tanda_teks = Tanda::gabung(&tanda);
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO kehadiran (desa_id, id, perangkat_id, tanggal, jenis, waktu, cara, anjungan_id, jarak_m, tanda, \
             ditolak, keterangan, dicatat_oleh, dibuat_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
            .bind(desa_id).bind(id).bind(perangkat_id).bind(tanggal).bind(jenis).bind(waktu).bind(nama_cara)
            .bind(anjungan_id).bind(jarak_m).bind(&tanda_teks).bind(ditolak).bind(&keterangan).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if ditolak { "absen_ditolak" } else { "absen" },
                objek: "kehadiran",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({
                    "perangkat_id": perangkat_id, "tanggal": tanggal, "jenis": jenis, "cara": nama_cara,
                    "tanda": tanda_teks, "jarak_m": jarak_m, "anjungan_id": anjungan_id,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(HasilAbsen {
            id,
            nama: orang.nama,
            masuk,
            waktu,
            tanggal,
            jam: jam.format("%H:%M").to_string(),
            terlambat: masuk && !ditolak && aturan.kerja().terlambat(jam),
            tanda,
            ditolak,
            jarak_m,
        })
    }

    /// The head of village signs a month's recap: that month's attendance is closed. Refused
    /// for a month not yet over, and for one already signed.
    pub async fn tandatangani(
        &self,
        desa_id: &str,
        tahun: i32,
        bulan: u32,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let (_, akhir) = awal_akhir(tahun, bulan)?;
        if self.s.hari_ini(desa.zona()) <= akhir {
            return Err(Galat::Ditolak(format!(
                "Rekap bulan {} belum dapat ditandatangani: bulan itu belum berakhir.",
                label_bulan(tahun, bulan)
            )));
        }
        if let Some(t) = self.tanda_tangan(desa_id, tahun, bulan).await? {
            return Err(Galat::Ditolak(format!(
                "Rekap bulan {} sudah ditandatangani oleh {}.",
                label_bulan(tahun, bulan),
                t.ditandatangani_oleh.trim_start_matches("pengguna:")
            )));
        }
        let now = self.s.sekarang();
        let kode = format!("{tahun:04}-{bulan:02}");
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO rekap_hadir (desa_id, bulan, ditandatangani_oleh, ditandatangani_pada) VALUES ($1, $2, $3, $4)")
            .bind(desa_id).bind(&kode).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tandatangani",
                objek: "rekap_hadir",
                objek_id: kode,
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }
}
