//! Posyandu: the units, the children under five of each one's area, and the monthly
//! measurements with their WHO z-scores and growth status, computed when recorded.

pub mod ibu;
pub mod imunisasi;
pub mod konvergensi;
pub mod wilayah;

use crate::audit::{Catatan, catat};
use crate::penduduk::HIDUP;
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::kesehatan::zscore::{
    CaraUkur, GalatZ, Indikator, Kelamin, Pengukuran, UMUR_HARI_MAKS, Umur, bulatkan_z, hitung,
    kategori,
};
use balai_domain::kesehatan::{Penimbangan as Timbang, StatusPertumbuhan, status_pertumbuhan};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub struct Kesehatan<'a> {
    s: &'a Store,
}

impl Store {
    pub fn kesehatan(&self) -> Kesehatan<'_> {
        Kesehatan { s: self }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Posyandu {
    pub id: Uuid,
    pub nama: String,
    pub alamat: String,
    /// The dusun it serves ("" = the whole village), and optionally one RW of it.
    pub dusun: String,
    pub rw: String,
    pub aktif: bool,
    pub versi: i64,
}

impl Posyandu {
    pub fn wilayah(&self) -> String {
        match (self.dusun.as_str(), self.rw.as_str()) {
            ("", _) => "seluruh desa".into(),
            (d, "") => format!("Dusun {d}"),
            (d, r) => format!("Dusun {d} RW {r}"),
        }
    }

    /// Whether a child living in this dusun and RW belongs to this posyandu's area.
    pub fn mencakup(&self, dusun: &str, rw: &str) -> bool {
        (self.dusun.is_empty() || self.dusun == dusun) && (self.rw.is_empty() || self.rw == rw)
    }
}

#[derive(Debug, Clone, Default)]
pub struct PosyanduBaru {
    pub nama: String,
    pub alamat: String,
    pub dusun: String,
    pub rw: String,
}

/// A child under five of a posyandu's area, with what was recorded on the day asked for.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Balita {
    pub penduduk_id: Uuid,
    pub nama: String,
    pub jenis_kelamin: i16,
    pub tanggal_lahir: NaiveDate,
    pub nama_ibu: String,
    pub dusun: String,
    pub rt: String,
    /// The measurement of the day, if any.
    pub hari_ini: Option<Uuid>,
    pub status_nt: Option<String>,
    pub z_tbu: Option<f64>,
    pub z_bbtb: Option<f64>,
}

impl Balita {
    pub fn umur(&self, pada: NaiveDate) -> String {
        Umur::Hari((pada - self.tanggal_lahir).num_days().max(0) as u32).teks()
    }

    pub fn sudah(&self) -> bool {
        self.hari_ini.is_some()
    }

    /// Stunted or wasted on the day (z below −2).
    pub fn bermasalah(&self) -> bool {
        self.z_tbu.is_some_and(|z| z < -2.0) || self.z_bbtb.is_some_and(|z| z < -2.0)
    }
}

/// What the cadre enters for one child.
#[derive(Debug, Clone, Default)]
pub struct IsianPenimbangan {
    /// The id the phone gave this entry when it was queued offline: sending it again (an
    /// answer lost on a weak signal, a queue replayed) returns the first record instead of
    /// a second one.
    pub kunci: Option<Uuid>,
    pub tanggal: Option<NaiveDate>,
    pub berat: Option<f64>,
    pub panjang: Option<f64>,
    /// "berbaring" or "berdiri"; empty = as WHO expects for the age.
    pub cara_ukur: String,
    pub lingkar_kepala: Option<f64>,
    pub lila: Option<f64>,
    /// "", "biru" (6–11 months) or "merah" (12–59 months).
    pub vitamin_a: String,
    pub asi_eksklusif: bool,
    pub pmt: bool,
    pub obat_cacing: bool,
    /// Other immunisations, as free text (e.g. a dose given elsewhere).
    pub imunisasi: String,
    /// Scheduled doses given today, as codes ("dpt_hb_hib:2").
    pub vaksin: Vec<String>,
    pub catatan: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Penimbangan {
    pub id: Uuid,
    pub posyandu_id: Uuid,
    pub penduduk_id: Uuid,
    pub tanggal: NaiveDate,
    pub umur_hari: i64,
    pub berat: Option<f64>,
    pub panjang: Option<f64>,
    pub cara_ukur: String,
    pub lingkar_kepala: Option<f64>,
    pub lila: Option<f64>,
    pub vitamin_a: String,
    pub asi_eksklusif: bool,
    pub pmt: bool,
    pub obat_cacing: bool,
    pub imunisasi: String,
    pub catatan: String,
    pub z_bbu: Option<f64>,
    pub z_tbu: Option<f64>,
    pub z_bbtb: Option<f64>,
    pub z_imtu: Option<f64>,
    pub status_nt: String,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
}

impl Penimbangan {
    pub fn umur(&self) -> String {
        Umur::Hari(self.umur_hari.max(0) as u32).teks()
    }

    /// The category of an indicator's stored z-score, as the Indonesian standard names it.
    pub fn kategori(&self, i: Indikator) -> Option<&'static str> {
        let z = match i {
            Indikator::BbU => self.z_bbu,
            Indikator::PbTbU => self.z_tbu,
            Indikator::BbPbTb => self.z_bbtb,
            Indikator::ImtU => self.z_imtu,
        }?;
        Some(kategori(i, z).label())
    }

    pub fn status_label(&self) -> &'static str {
        match self.status_nt.as_str() {
            "N" => StatusPertumbuhan::N.label(),
            "T" => StatusPertumbuhan::T.label(),
            "O" => StatusPertumbuhan::O.label(),
            "B" => StatusPertumbuhan::B.label(),
            _ => "-",
        }
    }
}

const KOLOM_PENIMBANGAN: &str = "id, posyandu_id, penduduk_id, tanggal, umur_hari, berat, panjang, cara_ukur, \
     lingkar_kepala, lila, vitamin_a, asi_eksklusif, pmt, obat_cacing, imunisasi, catatan, z_bbu, z_tbu, z_bbtb, \
     z_imtu, status_nt, dicatat_oleh, dicatat_pada";

impl Kesehatan<'_> {
    /// The dusun and RW of an RT.
    async fn wilayah_anak(&self, desa_id: &str, rt_id: Uuid) -> Result<(String, String), Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT r.dusun, r.rw FROM wilayah_rt r WHERE r.desa_id = $1 AND r.id = $2")
            .bind(desa_id).bind(rt_id).fetch_one(p).await)?)
    }

    /// Whether a resident lives in a posyandu's area or was weighed there: what a cadre of that
    /// posyandu may see.
    pub async fn anak_posyandu(
        &self,
        desa_id: &str,
        pos: &Posyandu,
        penduduk_id: Uuid,
    ) -> Result<bool, Galat> {
        let Some(anak) = self.s.penduduk(desa_id, penduduk_id).await? else {
            return Ok(false);
        };
        let (dusun, rw) = self.wilayah_anak(desa_id, anak.rt_id).await?;
        if pos.mencakup(&dusun, &rw) {
            return Ok(true);
        }
        let n: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM penimbangan WHERE desa_id = $1 AND posyandu_id = $2 AND penduduk_id = $3")
            .bind(desa_id).bind(pos.id).bind(penduduk_id).fetch_one(p).await)?;
        Ok(n > 0)
    }

    pub async fn daftar_posyandu(&self, desa_id: &str) -> Result<Vec<Posyandu>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, nama, alamat, dusun, rw, aktif, versi FROM posyandu WHERE desa_id = $1 ORDER BY aktif DESC, nama")
            .bind(desa_id).fetch_all(p).await)?)
    }

    pub async fn posyandu(&self, desa_id: &str, id: Uuid) -> Result<Option<Posyandu>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, nama, alamat, dusun, rw, aktif, versi FROM posyandu WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?)
    }

    /// Adds a posyandu. Its area is a dusun of the village (and optionally one RW), or the
    /// whole village.
    pub async fn tambah_posyandu(
        &self,
        desa_id: &str,
        b: &PosyanduBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let nama = b.nama.trim();
        let mut g = balai_domain::DaftarGalat::default();
        if nama.is_empty() {
            g.push(
                "nama",
                "Nama posyandu wajib diisi (contoh: Posyandu Melati 1).",
            );
        }
        let dusun = b.dusun.trim().to_uppercase();
        let rw = balai_domain::penduduk::normal_rt_rw(b.rw.trim());
        let rw = if rw == "-" { String::new() } else { rw };
        if !dusun.is_empty() {
            let rt = self.s.daftar_rt(desa_id).await?;
            if !rt.iter().any(|r| r.dusun == dusun) {
                g.push(
                    "dusun",
                    format!("Dusun {dusun} tidak ada di desa ini. Pilih dari daftar dusun."),
                );
            } else if !rw.is_empty() && !rt.iter().any(|r| r.dusun == dusun && r.rw == rw) {
                g.push("rw", format!("RW {rw} tidak ada di Dusun {dusun}."));
            }
        } else if !rw.is_empty() {
            g.push(
                "rw",
                "Pilih dusunnya dahulu bila posyandu hanya melayani satu RW.",
            );
        }
        g.into_result(())?;
        let ada: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT id FROM posyandu WHERE desa_id = $1 AND nama = $2").bind(desa_id).bind(nama).fetch_optional(p).await)?;
        if ada.is_some() {
            return Err(Galat::isian("nama", format!("Posyandu {nama} sudah ada.")));
        }
        let id = id_baru();
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO posyandu (desa_id, id, nama, alamat, dusun, rw, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)")
            .bind(desa_id).bind(id).bind(nama).bind(b.alamat.trim()).bind(&dusun).bind(&rw).bind(now)
            .execute(&mut *c).await?.rows_affected());
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "buat",
                objek: "posyandu",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"nama": nama, "dusun": dusun, "rw": rw})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Living children aged 0–59 months on `tanggal` who live in the posyandu's area, youngest
    /// first, with the day's measurement if recorded.
    pub async fn balita(
        &self,
        desa_id: &str,
        posyandu: &Posyandu,
        tanggal: NaiveDate,
    ) -> Result<Vec<Balita>, Galat> {
        let lahir_paling_awal = tanggal - chrono::Duration::days(i64::from(UMUR_HARI_MAKS));
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT p.id AS penduduk_id, p.nama, p.jenis_kelamin, p.tanggal_lahir, p.nama_ibu, r.dusun, r.rt, \
             t.id AS hari_ini, t.status_nt, t.z_tbu, t.z_bbtb \
             FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
             LEFT JOIN penimbangan t ON t.desa_id = p.desa_id AND t.penduduk_id = p.id AND t.tanggal = $4 \
             WHERE p.desa_id = $1 AND p.status_dasar = $5 AND p.tanggal_lahir >= $6 AND p.tanggal_lahir <= $4 \
             AND ($2 = '' OR r.dusun = $2) AND ($3 = '' OR r.rw = $3) \
             ORDER BY p.tanggal_lahir DESC, p.nama")
            .bind(desa_id).bind(&posyandu.dusun).bind(&posyandu.rw).bind(tanggal).bind(HIDUP).bind(lahir_paling_awal)
            .fetch_all(p).await)?)
    }

    /// The village's measurements between two dates (optionally of one posyandu), oldest first:
    /// what the puskesmas reads through the API.
    pub async fn penimbangan_rentang(
        &self,
        desa_id: &str,
        dari: NaiveDate,
        sampai: NaiveDate,
        posyandu_id: Option<Uuid>,
    ) -> Result<Vec<Penimbangan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PENIMBANGAN} FROM penimbangan WHERE desa_id = $1 AND tanggal >= $2 AND tanggal <= $3 \
             AND ($4 IS NULL OR posyandu_id = $4) ORDER BY tanggal, posyandu_id, penduduk_id"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(dari).bind(sampai).bind(posyandu_id).fetch_all(p).await)?,
        )
    }

    /// Every measurement of a child, oldest first.
    pub async fn riwayat(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Vec<Penimbangan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PENIMBANGAN} FROM penimbangan WHERE desa_id = $1 AND penduduk_id = $2 ORDER BY tanggal"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?,
        )
    }

    /// Records a child's measurement on a posyandu day: checks the child (living, under five,
    /// in the posyandu's area, not yet measured that day), the date and the values, computes
    /// the four z-scores and the growth status against the last weighing, and stores them.
    pub async fn catat_penimbangan(
        &self,
        desa_id: &str,
        posyandu_id: Uuid,
        penduduk_id: Uuid,
        isi: &IsianPenimbangan,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let pos = self
            .posyandu(desa_id, posyandu_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let anak = self
            .s
            .penduduk(desa_id, penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let tanggal = isi.tanggal.ok_or_else(|| {
            Galat::isian("tanggal", "Tanggal penimbangan wajib diisi (TTTT-BB-HH).")
        })?;
        if tanggal > hari_ini {
            return Err(Galat::isian(
                "tanggal",
                format!("Tanggal penimbangan ({tanggal}) belum terjadi."),
            ));
        }
        if tanggal < anak.tanggal_lahir {
            return Err(Galat::isian(
                "tanggal",
                format!(
                    "Tanggal penimbangan ({tanggal}) sebelum tanggal lahir anak ({}).",
                    anak.tanggal_lahir
                ),
            ));
        }
        if anak.status_dasar != HIDUP {
            return Err(Galat::Ditolak(format!(
                "{} berstatus {}; penimbangan tidak dapat dicatat.",
                anak.nama,
                anak.status_label()
            )));
        }
        let umur_hari = (tanggal - anak.tanggal_lahir).num_days();
        if umur_hari > i64::from(UMUR_HARI_MAKS) {
            return Err(Galat::Ditolak(format!(
                "{} berumur {} pada tanggal ini: bukan balita (0–59 bulan), jadi tidak ditimbang di posyandu.",
                anak.nama,
                Umur::Hari(umur_hari as u32).teks()
            )));
        }
        if let Some(kunci) = isi.kunci {
            let ada: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT penduduk_id FROM penimbangan WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(kunci).fetch_optional(p).await)?;
            match ada {
                Some(pid) if pid == penduduk_id => return Ok(kunci),
                Some(_) => {
                    return Err(Galat::Ditolak(
                        "Kunci catatan ini sudah dipakai untuk anak lain; buka ulang formulirnya lalu simpan lagi.".into(),
                    ));
                }
                None => {}
            }
        }
        // The child must live in the posyandu's area.
        let (dusun, rw) = self.wilayah_anak(desa_id, anak.rt_id).await?;
        if !pos.mencakup(&dusun, &rw) {
            return Err(Galat::Ditolak(format!(
                "{} tinggal di Dusun {dusun} RW {rw}, di luar wilayah {} ({}). Catat di posyandu wilayahnya.",
                anak.nama,
                pos.nama,
                pos.wilayah()
            )));
        }
        let sudah: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT y.nama FROM penimbangan t JOIN posyandu y ON y.desa_id = t.desa_id AND y.id = t.posyandu_id \
             WHERE t.desa_id = $1 AND t.penduduk_id = $2 AND t.tanggal = $3")
            .bind(desa_id).bind(penduduk_id).bind(tanggal).fetch_optional(p).await)?;
        if let Some(y) = sudah {
            return Err(Galat::isian(
                "tanggal",
                format!(
                    "{} sudah ditimbang pada {tanggal} di {y}. Buka catatan itu bila perlu diperbaiki; satu anak satu catatan per hari.",
                    anak.nama
                ),
            ));
        }
        let cara = match isi.cara_ukur.as_str() {
            "berbaring" => Some(CaraUkur::Berbaring),
            "berdiri" => Some(CaraUkur::Berdiri),
            "" => None,
            _ => {
                return Err(Galat::isian(
                    "cara_ukur",
                    "Pilih cara ukur: berbaring atau berdiri.",
                ));
            }
        };
        if !matches!(isi.vitamin_a.as_str(), "" | "biru" | "merah") {
            return Err(Galat::isian(
                "vitamin_a",
                "Pilih vitamin A: biru (6–11 bulan) atau merah (12–59 bulan).",
            ));
        }
        for (kolom, nilai, bawah, atas, nama) in [
            (
                "lingkar_kepala",
                isi.lingkar_kepala,
                25.0,
                60.0,
                "Lingkar kepala",
            ),
            ("lila", isi.lila, 7.0, 30.0, "Lingkar lengan atas"),
        ] {
            if let Some(v) = nilai
                && !(bawah..=atas).contains(&v)
            {
                return Err(Galat::isian(
                    kolom,
                    format!(
                        "{nama} {v} cm tidak masuk akal untuk balita (wajar {bawah}–{atas} cm). Periksa kembali pengukurannya."
                    ),
                ));
            }
        }
        let berat = isi
            .berat
            .ok_or_else(|| Galat::isian("berat", "Berat badan wajib diisi (kg, contoh 8,4)."))?;
        let ukur = Pengukuran {
            kelamin: if anak.jenis_kelamin == 2 {
                Kelamin::P
            } else {
                Kelamin::L
            },
            umur: Umur::Hari(umur_hari as u32),
            berat_kg: Some(berat),
            panjang_cm: isi.panjang,
            cara_ukur: cara,
        };
        let nilai_z = |i: Indikator| -> Result<Option<f64>, Galat> {
            match hitung(i, &ukur) {
                Ok(h) => Ok(Some(bulatkan_z(h.z))),
                // Without a length only the weight-for-age score exists.
                Err(GalatZ::Isian {
                    kolom: "panjang_cm",
                    ..
                }) if isi.panjang.is_none() => Ok(None),
                Err(e) => Err(Galat::isian(kolom_isian(e.kolom()), e.pesan())),
            }
        };
        let z_bbu = nilai_z(Indikator::BbU)?;
        let z_tbu = nilai_z(Indikator::PbTbU)?;
        let z_bbtb = nilai_z(Indikator::BbPbTb)?;
        let z_imtu = nilai_z(Indikator::ImtU)?;
        // Growth status against the last weighing before this day.
        let lalu: Option<(NaiveDate, f64)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT tanggal, berat FROM penimbangan WHERE desa_id = $1 AND penduduk_id = $2 AND tanggal < $3 AND berat IS NOT NULL \
             ORDER BY tanggal DESC LIMIT 1")
            .bind(desa_id).bind(penduduk_id).bind(tanggal).fetch_optional(p).await)?;
        let status = status_pertumbuhan(
            lalu.map(|(t, b)| Timbang {
                tanggal: t,
                berat_kg: b,
            }),
            Timbang {
                tanggal,
                berat_kg: berat,
            },
            Umur::Hari(umur_hari as u32).bulan_penuh(),
        )
        .map_err(|e| Galat::isian(kolom_isian(e.kolom()), e.pesan()))?;
        let dosis = imunisasi::periksa_dosis(
            self,
            desa_id,
            penduduk_id,
            anak.tanggal_lahir,
            tanggal,
            &isi.vaksin,
        )
        .await?;
        let id = isi.kunci.unwrap_or_else(id_baru);
        let now = self.s.sekarang();
        let cara_teks = isi.cara_ukur.clone();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO penimbangan (desa_id, id, posyandu_id, penduduk_id, tanggal, umur_hari, berat, panjang, cara_ukur, lingkar_kepala, lila, \
             vitamin_a, asi_eksklusif, pmt, obat_cacing, imunisasi, catatan, z_bbu, z_tbu, z_bbtb, z_imtu, status_nt, dicatat_oleh, dicatat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)")
            .bind(desa_id).bind(id).bind(posyandu_id).bind(penduduk_id).bind(tanggal).bind(umur_hari).bind(berat).bind(isi.panjang)
            .bind(&cara_teks).bind(isi.lingkar_kepala).bind(isi.lila).bind(&isi.vitamin_a).bind(isi.asi_eksklusif).bind(isi.pmt)
            .bind(isi.obat_cacing).bind(isi.imunisasi.trim()).bind(isi.catatan.trim()).bind(z_bbu).bind(z_tbu).bind(z_bbtb).bind(z_imtu)
            .bind(status.kode()).bind(&aktor.0).bind(now).execute(&mut *c).await?.rows_affected());
        for x in &dosis {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO imunisasi (desa_id, id, penduduk_id, vaksin, dosis, tanggal, posyandu_id, dicatat_oleh, dicatat_pada, diubah_pada) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
                .bind(desa_id).bind(id_baru()).bind(penduduk_id).bind(x.vaksin).bind(i64::from(x.dosis)).bind(tanggal)
                .bind(posyandu_id).bind(&aktor.0).bind(now).execute(&mut *c).await?.rows_affected());
        }
        let vaksin: Vec<String> = dosis.iter().map(|x| x.kode()).collect();
        catat(&mut tx, now, Catatan {
            desa_id,
            aktor,
            aksi: "catat",
            objek: "penimbangan",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(serde_json::json!({"penduduk_id": penduduk_id, "tanggal": tanggal, "z_tbu": z_tbu, "z_bbtb": z_bbtb, "status": status.kode(), "imunisasi": vaksin})),
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Children of the village whose latest measurement shows stunting or wasting (z < −2), or
    /// two weighings in a row without the minimum gain ("2T"): the referral list.
    pub async fn perlu_rujukan(&self, desa_id: &str) -> Result<Vec<Rujukan>, Galat> {
        let baris: Vec<BarisRujukan> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT t.penduduk_id, p.nama, t.tanggal, t.z_tbu, t.z_bbtb, t.status_nt, t.posyandu_id FROM penimbangan t \
             JOIN penduduk p ON p.desa_id = t.desa_id AND p.id = t.penduduk_id \
             WHERE t.desa_id = $1 AND p.status_dasar = $2 ORDER BY t.penduduk_id, t.tanggal")
            .bind(desa_id).bind(HIDUP).fetch_all(p).await)?;
        let mut hasil: Vec<Rujukan> = Vec::new();
        let mut i = 0;
        while i < baris.len() {
            let mut j = i;
            while j + 1 < baris.len() && baris[j + 1].0 == baris[i].0 {
                j += 1;
            }
            let akhir = &baris[j];
            let mut alasan = Vec::new();
            if akhir.3.is_some_and(|z| z < -2.0) {
                alasan.push(format!(
                    "{} (z TB/U {:.2})",
                    kategori(Indikator::PbTbU, akhir.3.unwrap_or_default()).label(),
                    akhir.3.unwrap_or_default()
                ));
            }
            if akhir.4.is_some_and(|z| z < -2.0) {
                alasan.push(format!(
                    "{} (z BB/TB {:.2})",
                    kategori(Indikator::BbPbTb, akhir.4.unwrap_or_default()).label(),
                    akhir.4.unwrap_or_default()
                ));
            }
            if j > i && akhir.5 == "T" && baris[j - 1].5 == "T" {
                alasan.push("2T: dua bulan berturut-turut tidak naik".into());
            }
            if !alasan.is_empty() {
                hasil.push(Rujukan {
                    penduduk_id: akhir.0,
                    nama: akhir.1.clone(),
                    tanggal: akhir.2,
                    posyandu_id: akhir.6,
                    alasan: alasan.join("; "),
                });
            }
            i = j + 1;
        }
        Ok(hasil)
    }
}

/// A month of the village's posyandu days: how many children were measured and how many of
/// them are stunted, wasted or underweight (each child's last measurement of the month).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RingkasGizi {
    /// First day of the month.
    pub bulan: NaiveDate,
    pub ditimbang: i64,
    /// TB/U below −2 SD (stunted and severely stunted).
    pub pendek: i64,
    /// BB/TB below −2 SD.
    pub kurus: i64,
    /// BB/U below −2 SD.
    pub bb_kurang: i64,
}

impl RingkasGizi {
    /// Share of the children measured, as "12,5 %" ("-" when none).
    pub fn persen(&self, n: &i64) -> String {
        balai_domain::surat::teks::persen(*n, self.ditimbang)
    }
}

impl Kesehatan<'_> {
    /// The last `bulan` months up to `sampai`'s month, oldest first: the village dashboard's
    /// trend.
    pub async fn ringkas_gizi(
        &self,
        desa_id: &str,
        sampai: NaiveDate,
        bulan: u32,
    ) -> Result<Vec<RingkasGizi>, Galat> {
        use chrono::{Datelike, Months};
        let akhir = sampai.with_day(1).unwrap_or(sampai);
        let awal = akhir
            .checked_sub_months(Months::new(bulan.saturating_sub(1)))
            .unwrap_or(akhir);
        let batas = akhir.checked_add_months(Months::new(1)).unwrap_or(akhir);
        let baris: Vec<BarisGizi> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT penduduk_id, tanggal, z_tbu, z_bbtb, z_bbu FROM penimbangan \
             WHERE desa_id = $1 AND tanggal >= $2 AND tanggal < $3 ORDER BY penduduk_id, tanggal")
            .bind(desa_id).bind(awal).bind(batas).fetch_all(p).await)?;
        let mut hasil: Vec<RingkasGizi> = (0..bulan)
            .filter_map(|i| awal.checked_add_months(Months::new(i)))
            .map(|b| RingkasGizi {
                bulan: b,
                ..Default::default()
            })
            .collect();
        // The last row of each child in each month counts once.
        for (i, r) in baris.iter().enumerate() {
            let bulan_ini = r.1.with_day(1).unwrap_or(r.1);
            let terakhir = baris
                .get(i + 1)
                .is_none_or(|n| n.0 != r.0 || n.1.with_day(1).unwrap_or(n.1) != bulan_ini);
            if !terakhir {
                continue;
            }
            if let Some(g) = hasil.iter_mut().find(|g| g.bulan == bulan_ini) {
                g.ditimbang += 1;
                g.pendek += i64::from(r.2.is_some_and(|z| z < -2.0));
                g.kurus += i64::from(r.3.is_some_and(|z| z < -2.0));
                g.bb_kurang += i64::from(r.4.is_some_and(|z| z < -2.0));
            }
        }
        Ok(hasil)
    }
}

/// penduduk_id, tanggal, z_tbu, z_bbtb, z_bbu of a month's measurements.
type BarisGizi = (Uuid, NaiveDate, Option<f64>, Option<f64>, Option<f64>);

/// penduduk_id, nama, tanggal, z_tbu, z_bbtb, status_nt of every measurement.
type BarisRujukan = (
    Uuid,
    String,
    NaiveDate,
    Option<f64>,
    Option<f64>,
    String,
    Uuid,
);

/// A child to refer to the puskesmas, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Rujukan {
    pub penduduk_id: Uuid,
    pub nama: String,
    pub tanggal: NaiveDate,
    /// Where the child was last measured.
    pub posyandu_id: Uuid,
    pub alasan: String,
}

/// The form field of a domain message ("berat_kg" → "berat").
fn kolom_isian(k: &str) -> &'static str {
    match k {
        "berat_kg" => "berat",
        "panjang_cm" => "panjang",
        "tanggal" => "tanggal",
        _ => "berat",
    }
}
