//! Village staff and institutions: the people who serve the village (officials, BPD, LPM, PKK,
//! Karang Taruna, RT/RW heads, cadres), their tenures with appointment and dismissal decrees
//! (scans kept, checked by content), the attendance PIN, the website's list of officials and
//! the administrative books A.4 and D.4. Attendance is in `kehadiran`.
//!
//! A tenure is never overwritten: ending it records the dismissal decree, and the person's
//! earlier tenures stay as their history.

mod buku;
pub mod demo;
pub mod kehadiran;
mod situs;

pub use situs::PejabatSitus;

use crate::audit::{Catatan, catat};
use crate::buku::tgl;
use crate::latar::{cocok_sandi, hash_sandi};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::daftar::{AGAMA, JENIS_KELAMIN, PENDIDIKAN_KK};
use balai_domain::isian::panjang;
pub use balai_domain::perangkat::{
    BATAS_BERKAS_SK, BerkasSk, IsianJabatan, IsianOrang, periksa_berkas,
};
use balai_domain::perangkat::{
    Lembaga, bertumpuk, jabatan_bersama, periksa_data_orang, periksa_jabatan, rentang,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

pub struct LayananPerangkat<'a> {
    s: &'a Store,
}

impl Store {
    pub fn perangkat(&self) -> LayananPerangkat<'_> {
        LayananPerangkat { s: self }
    }
}

/// A person who serves or served the village.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Orang {
    pub id: Uuid,
    pub nama: String,
    pub penduduk_id: Option<Uuid>,
    pub pengguna_id: Option<Uuid>,
    /// 1 laki-laki, 2 perempuan, 0 not known.
    pub jenis_kelamin: i16,
    pub tempat_lahir: String,
    pub tanggal_lahir: Option<NaiveDate>,
    pub agama: String,
    pub alamat: String,
    pub niap: String,
    pub nip: String,
    pub pangkat: String,
    pub pendidikan: String,
    /// A site image token.
    pub foto: Option<String>,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
    /// Whether an attendance PIN is set (the hash itself is never read into this type).
    pub punya_pin: bool,
}

impl Orang {
    pub fn label_kelamin(&self) -> &'static str {
        JENIS_KELAMIN.label(self.jenis_kelamin).unwrap_or("-")
    }
    pub fn ttl(&self) -> String {
        match (self.tempat_lahir.trim(), self.tanggal_lahir) {
            ("", None) => "-".into(),
            (t, None) => t.to_string(),
            ("", Some(d)) => tgl(d),
            (t, Some(d)) => format!("{t}, {}", tgl(d)),
        }
    }
}

const KOLOM_ORANG: &str = "id, nama, penduduk_id, pengguna_id, jenis_kelamin, tempat_lahir, tanggal_lahir, agama, \
     alamat, niap, nip, pangkat, pendidikan, foto, versi, dibuat_pada, diubah_pada, \
     EXISTS (SELECT 1 FROM perangkat_pin x WHERE x.desa_id = perangkat.desa_id AND x.perangkat_id = perangkat.id) AS punya_pin";

/// One tenure.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Jabatan {
    pub id: Uuid,
    pub perangkat_id: Uuid,
    pub lembaga: String,
    /// Which RT, RW, dusun or posyandu, when the position is of one.
    pub unit: String,
    pub jabatan: String,
    pub urut: i64,
    pub sk_nomor: String,
    pub sk_tanggal: Option<NaiveDate>,
    pub mulai: Option<NaiveDate>,
    pub selesai: Option<NaiveDate>,
    pub henti_nomor: String,
    pub henti_tanggal: Option<NaiveDate>,
    pub henti_alasan: String,
    pub keterangan: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
    pub ada_sk: bool,
    pub ada_sk_henti: bool,
}

impl Jabatan {
    pub fn rentang(&self) -> (NaiveDate, NaiveDate) {
        rentang(self.mulai, self.selesai, self.henti_tanggal)
    }
    /// In office on `t`.
    pub fn menjabat_pada(&self, t: NaiveDate) -> bool {
        let r = self.rentang();
        r.0 <= t && t < r.1
    }
    pub fn berakhir(&self) -> bool {
        self.henti_tanggal.is_some()
    }
    pub fn label_lembaga(&self) -> &'static str {
        Lembaga::dari_kode(&self.lembaga)
            .map(Lembaga::label)
            .unwrap_or("Lembaga lain")
    }
    /// "Ketua RT 001/002" or "Kepala Dusun KRAJAN": the position with its unit.
    pub fn nama_jabatan(&self) -> String {
        if self.unit.trim().is_empty() {
            self.jabatan.clone()
        } else {
            format!("{} {}", self.jabatan, self.unit)
        }
    }
    /// "01-06-2019 s.d. 31-05-2025", "sejak 01-06-2019".
    pub fn masa(&self) -> String {
        let akhir = self.henti_tanggal.or(self.selesai);
        match (self.mulai, akhir) {
            (Some(m), Some(a)) => format!("{} s.d. {}", tgl(m), tgl(a)),
            (Some(m), None) => format!("sejak {}", tgl(m)),
            (None, Some(a)) => format!("s.d. {}", tgl(a)),
            (None, None) => "-".into(),
        }
    }
}

const KOLOM_JABATAN: &str = "id, perangkat_id, lembaga, unit, jabatan, urut, sk_nomor, sk_tanggal, mulai, selesai, \
     henti_nomor, henti_tanggal, henti_alasan, keterangan, dicatat_oleh, versi, dibuat_pada, diubah_pada, \
     EXISTS (SELECT 1 FROM jabatan_berkas b WHERE b.desa_id = jabatan.desa_id AND b.jabatan_id = jabatan.id AND b.jenis = 'angkat') AS ada_sk, \
     EXISTS (SELECT 1 FROM jabatan_berkas b WHERE b.desa_id = jabatan.desa_id AND b.jabatan_id = jabatan.id AND b.jenis = 'henti') AS ada_sk_henti";

/// A tenure with its holder, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct JabatanOrang {
    pub j: Jabatan,
    pub o: Orang,
}

impl From<&Orang> for IsianOrang {
    /// The form as it stands for a recorded person.
    fn from(o: &Orang) -> IsianOrang {
        IsianOrang {
            nama: o.nama.clone(),
            penduduk_id: o.penduduk_id,
            pengguna_id: o.pengguna_id,
            jenis_kelamin: o.jenis_kelamin,
            tempat_lahir: o.tempat_lahir.clone(),
            tanggal_lahir: o.tanggal_lahir,
            agama: o.agama.clone(),
            alamat: o.alamat.clone(),
            niap: o.niap.clone(),
            nip: o.nip.clone(),
            pangkat: o.pangkat.clone(),
            pendidikan: o.pendidikan.clone(),
            foto: None,
        }
    }
}

/// Ending a tenure with the dismissal decree.
#[derive(Debug, Clone, Default)]
pub struct IsianHenti {
    pub nomor: String,
    pub tanggal: Option<NaiveDate>,
    pub alasan: String,
    pub berkas: Option<BerkasSk>,
    pub versi: Option<i64>,
}

impl LayananPerangkat<'_> {
    /// Every person recorded in the village, by name.
    pub async fn daftar_orang(&self, desa_id: &str) -> Result<Vec<Orang>, Galat> {
        let sql = format!("SELECT {KOLOM_ORANG} FROM perangkat WHERE desa_id = $1 ORDER BY nama");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    pub async fn orang(&self, desa_id: &str, id: Uuid) -> Result<Option<Orang>, Galat> {
        let sql = format!("SELECT {KOLOM_ORANG} FROM perangkat WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Every tenure of the village (ended ones too), by institution, order and start.
    pub async fn semua_jabatan(&self, desa_id: &str) -> Result<Vec<Jabatan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_JABATAN} FROM jabatan WHERE desa_id = $1 ORDER BY lembaga, urut, unit, mulai, id"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    pub async fn jabatan(&self, desa_id: &str, id: Uuid) -> Result<Option<Jabatan>, Galat> {
        let sql = format!("SELECT {KOLOM_JABATAN} FROM jabatan WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Tenures with their holders, in the institutions' order (`Lembaga::SEMUA`), then by the
    /// order number, unit and start.
    pub async fn daftar(&self, desa_id: &str) -> Result<Vec<JabatanOrang>, Galat> {
        let orang = self.daftar_orang(desa_id).await?;
        let mut j: Vec<JabatanOrang> = self
            .semua_jabatan(desa_id)
            .await?
            .into_iter()
            .filter_map(|j| {
                let o = orang.iter().find(|o| o.id == j.perangkat_id)?.clone();
                Some(JabatanOrang { j, o })
            })
            .collect();
        j.sort_by_key(|x| {
            (
                Lembaga::SEMUA
                    .iter()
                    .position(|l| l.kode() == x.j.lembaga)
                    .unwrap_or(99),
                x.j.urut,
                x.j.unit.clone(),
                x.j.mulai,
            )
        });
        Ok(j)
    }

    /// The tenures in office on `t`.
    pub async fn menjabat(&self, desa_id: &str, t: NaiveDate) -> Result<Vec<JabatanOrang>, Galat> {
        Ok(self
            .daftar(desa_id)
            .await?
            .into_iter()
            .filter(|x| x.j.menjabat_pada(t))
            .collect())
    }

    /// Today's officials of the village government in office (for the kiosk and phone
    /// check-in): one entry per person, by order.
    pub async fn perangkat_aktif(&self, desa_id: &str) -> Result<Vec<JabatanOrang>, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let mut v: Vec<JabatanOrang> = self
            .menjabat(desa_id, hari_ini)
            .await?
            .into_iter()
            .filter(|x| x.j.lembaga == Lembaga::Pemdes.kode())
            .collect();
        let mut dilihat = std::collections::HashSet::new();
        v.retain(|x| dilihat.insert(x.o.id));
        Ok(v)
    }

    /// Records a tenure (and its holder when new), with the appointment decree's scan.
    /// Refused with a message per field: an unknown institution, no position, no start, an
    /// end before the start, a scan that is not a PDF/JPEG/PNG, a registry record of another
    /// village, or a term overlapping another holder of the same position in the same
    /// institution (positions held by several, such as "Anggota", excepted).
    pub async fn tambah_jabatan(
        &self,
        desa_id: &str,
        isi: &IsianJabatan,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let jabatan = isi.jabatan.trim();
        let unit = isi.unit.trim();
        let (lembaga, mime, mut g) = periksa_jabatan(isi);
        let orang_lama = match isi.perangkat_id {
            Some(id) => match self.orang(desa_id, id).await? {
                Some(o) => Some(o),
                None => {
                    g.push(
                        "perangkat_id",
                        "Orang itu tidak tercatat di desa ini; pilih dari daftar.",
                    );
                    None
                }
            },
            None => None,
        };
        let mut orang = isi.orang.clone();
        if isi.perangkat_id.is_none() {
            if let Some(pid) = orang.penduduk_id {
                match self.s.penduduk(desa_id, pid).await? {
                    Some(p) => {
                        if orang.nama.trim().is_empty() {
                            orang.nama = p.nama.clone();
                        }
                        if orang.jenis_kelamin == 0 {
                            orang.jenis_kelamin = p.jenis_kelamin;
                        }
                        if orang.tempat_lahir.trim().is_empty() {
                            orang.tempat_lahir = p.tempat_lahir.clone();
                        }
                        orang.tanggal_lahir = orang.tanggal_lahir.or(Some(p.tanggal_lahir));
                        if orang.agama.trim().is_empty() {
                            orang.agama = AGAMA.label(p.agama_id).unwrap_or("").to_string();
                        }
                        if orang.pendidikan.trim().is_empty() {
                            orang.pendidikan = PENDIDIKAN_KK
                                .label(p.pendidikan_kk_id)
                                .unwrap_or("")
                                .to_string();
                        }
                        if orang.alamat.trim().is_empty() {
                            orang.alamat =
                                format!("Dusun {} RT {}/RW {}", p.dusun, p.rt, p.rw);
                        }
                    }
                    None => g.push(
                        "penduduk_id",
                        "Data penduduk itu tidak ada di desa ini; pilih dari daftar penduduk atau kosongkan.",
                    ),
                }
            }
            self.periksa_orang(desa_id, &orang, &mut g).await?;
        }
        // Another holder of the same position in the same institution, at the same time.
        if let (Some(l), Some(m)) = (lembaga, isi.mulai)
            && !jabatan.is_empty()
            && !jabatan_bersama(jabatan)
        {
            let baru = rentang(Some(m), isi.selesai, None);
            let lain = self.daftar(desa_id).await?.into_iter().find(|x| {
                x.j.lembaga == l.kode()
                    && x.j.jabatan.trim().eq_ignore_ascii_case(jabatan)
                    && x.j.unit.trim().eq_ignore_ascii_case(unit)
                    && bertumpuk(x.j.rentang(), baru)
            });
            if let Some(x) = lain {
                g.push(
                    "mulai",
                    format!(
                        "Masa jabatan bertumpuk dengan {} sebagai {} di {} ({}). Satu jabatan dipegang satu orang pada satu waktu: akhiri dulu jabatan itu dengan SK pemberhentian, atau periksa tanggal mulai dan akhir masa jabatan.",
                        x.o.nama,
                        x.j.nama_jabatan(),
                        l.label(),
                        x.j.masa()
                    ),
                );
            }
        }
        g.into_result(())?;
        let lembaga = lembaga.unwrap_or(Lembaga::Lainnya);
        let now = self.s.sekarang();
        let id = id_baru();
        let mut tx = self.s.db.begin().await?;
        let perangkat_id = match &orang_lama {
            Some(o) => o.id,
            None => {
                let pid = id_baru();
                let o = &orang;
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO perangkat (desa_id, id, nama, penduduk_id, pengguna_id, jenis_kelamin, tempat_lahir, \
                     tanggal_lahir, agama, alamat, niap, nip, pangkat, pendidikan, foto, dibuat_pada, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
                    .bind(desa_id).bind(pid).bind(o.nama.trim()).bind(o.penduduk_id).bind(o.pengguna_id)
                    .bind(o.jenis_kelamin).bind(o.tempat_lahir.trim()).bind(o.tanggal_lahir).bind(o.agama.trim())
                    .bind(o.alamat.trim()).bind(o.niap.trim()).bind(o.nip.trim()).bind(o.pangkat.trim())
                    .bind(o.pendidikan.trim()).bind(&o.foto).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "tambah",
                        objek: "perangkat",
                        objek_id: pid.to_string(),
                        sebelum: None,
                        sesudah: Some(json!({
                            "nama": o.nama.trim(), "penduduk_id": o.penduduk_id, "nip": o.nip.trim(),
                            "niap": o.niap.trim(), "pangkat": o.pangkat.trim(),
                        })),
                    },
                )
                .await?;
                pid
            }
        };
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO jabatan (desa_id, id, perangkat_id, lembaga, unit, jabatan, urut, sk_nomor, sk_tanggal, mulai, \
             selesai, keterangan, dicatat_oleh, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)")
            .bind(desa_id).bind(id).bind(perangkat_id).bind(lembaga.kode()).bind(unit).bind(jabatan)
            .bind(isi.urut).bind(isi.sk_nomor.trim()).bind(isi.sk_tanggal).bind(isi.mulai).bind(isi.selesai)
            .bind(isi.keterangan.trim()).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        if let (Some(b), Some(mime)) = (&isi.sk_berkas, mime) {
            simpan_berkas(&mut tx, desa_id, id, "angkat", b, mime, aktor, now).await?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "angkat",
                objek: "jabatan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({
                    "perangkat_id": perangkat_id, "lembaga": lembaga.kode(), "unit": unit, "jabatan": jabatan,
                    "sk_nomor": isi.sk_nomor.trim(), "sk_tanggal": isi.sk_tanggal, "mulai": isi.mulai,
                    "selesai": isi.selesai, "sk_berkas": isi.sk_berkas.as_ref().map(|b| &b.nama),
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The checks a person's own fields pass, on recording and on correcting them.
    async fn periksa_orang(
        &self,
        desa_id: &str,
        orang: &IsianOrang,
        g: &mut DaftarGalat,
    ) -> Result<(), Galat> {
        if let Some(u) = orang.pengguna_id {
            let sah = self
                .s
                .pengguna(u)
                .await?
                .is_some_and(|p| p.desa_id.as_deref() == Some(desa_id));
            if !sah {
                g.push(
                    "pengguna_id",
                    "Akun itu bukan akun pengguna desa ini; pilih dari daftar atau kosongkan.",
                );
            }
        }
        periksa_data_orang(orang, self.s.sekarang().date_naive(), g);
        Ok(())
    }

    /// Corrects a person's own details (name, birth, NIP/NIAP, rank, education, address, the
    /// linked user account) and, when `isi.foto` is given, replaces the photo; the tenures are
    /// untouched. Refused: the checks of a new person, a stale version.
    pub async fn ubah_orang(
        &self,
        desa_id: &str,
        id: Uuid,
        isi: &IsianOrang,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let lama = self
            .orang(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let mut g = DaftarGalat::default();
        self.periksa_orang(desa_id, isi, &mut g).await?;
        if !matches!(isi.jenis_kelamin, 0..=2) {
            g.push("jenis_kelamin", "Pilih jenis kelamin dari daftar.");
        }
        g.into_result(())?;
        let konflik = || {
            Galat::Konflik(format!(
                "Data {} baru saja diubah orang lain. Muat ulang halaman ini, lalu ulangi perubahan Anda.",
                lama.nama
            ))
        };
        if versi.is_some_and(|v| v != lama.versi) {
            return Err(konflik());
        }
        let foto = isi.foto.clone().or(lama.foto.clone());
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE perangkat SET nama = $3, pengguna_id = $4, jenis_kelamin = $5, tempat_lahir = $6, \
             tanggal_lahir = $7, agama = $8, alamat = $9, niap = $10, nip = $11, pangkat = $12, pendidikan = $13, \
             foto = $14, versi = versi + 1, diubah_pada = $15 WHERE desa_id = $1 AND id = $2 AND versi = $16")
            .bind(desa_id).bind(id).bind(isi.nama.trim()).bind(isi.pengguna_id).bind(isi.jenis_kelamin)
            .bind(isi.tempat_lahir.trim()).bind(isi.tanggal_lahir).bind(isi.agama.trim()).bind(isi.alamat.trim())
            .bind(isi.niap.trim()).bind(isi.nip.trim()).bind(isi.pangkat.trim()).bind(isi.pendidikan.trim())
            .bind(&foto).bind(now).bind(lama.versi)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(konflik());
        }
        let ringkas = |o: &IsianOrang, foto: &Option<String>| {
            json!({
                "nama": o.nama.trim(), "pengguna_id": o.pengguna_id, "jenis_kelamin": o.jenis_kelamin,
                "tempat_lahir": o.tempat_lahir.trim(), "tanggal_lahir": o.tanggal_lahir,
                "agama": o.agama.trim(), "alamat": o.alamat.trim(), "nip": o.nip.trim(),
                "niap": o.niap.trim(), "pangkat": o.pangkat.trim(), "pendidikan": o.pendidikan.trim(),
                "foto": foto.is_some(),
            })
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ubah",
                objek: "perangkat",
                objek_id: id.to_string(),
                sebelum: Some(ringkas(&IsianOrang::from(&lama), &lama.foto)),
                sesudah: Some(ringkas(isi, &foto)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends a tenure with the dismissal decree. Refused: no date, a date before the appointment
    /// (its start or its decree), a tenure already ended, a scan that is not PDF/JPEG/PNG, a
    /// stale version.
    pub async fn akhiri_jabatan(
        &self,
        desa_id: &str,
        id: Uuid,
        isi: &IsianHenti,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let j = self
            .jabatan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if let Some(h) = j.henti_tanggal {
            return Err(Galat::Ditolak(format!(
                "Jabatan {} ini sudah berakhir pada {} (SK {}). Riwayat jabatan tidak diubah.",
                j.nama_jabatan(),
                tgl(h),
                if j.henti_nomor.is_empty() {
                    "-"
                } else {
                    &j.henti_nomor
                }
            )));
        }
        let mut g = DaftarGalat::default();
        match isi.tanggal {
            None => g.push(
                "henti_tanggal",
                "Tanggal pemberhentian wajib diisi (tanggal berlaku SK pemberhentian).",
            ),
            Some(t) => {
                let angkat = [j.mulai, j.sk_tanggal].into_iter().flatten().max();
                if let Some(a) = angkat
                    && t < a
                {
                    g.push(
                        "henti_tanggal",
                        format!(
                            "Tanggal pemberhentian ({}) tidak boleh sebelum tanggal pengangkatan ({}).",
                            tgl(t),
                            tgl(a)
                        ),
                    );
                }
            }
        }
        panjang(
            &mut g,
            "henti_nomor",
            "Nomor SK pemberhentian",
            &isi.nomor,
            80,
        );
        panjang(&mut g, "henti_alasan", "Alasan", &isi.alasan, 300);
        let mime = match &isi.berkas {
            Some(b) => match periksa_berkas(b) {
                Ok(m) => Some(m),
                Err(p) => {
                    g.push("henti_berkas", p);
                    None
                }
            },
            None => None,
        };
        g.into_result(())?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE jabatan SET henti_nomor = $4, henti_tanggal = $5, henti_alasan = $6, versi = versi + 1, diubah_pada = $7 \
             WHERE desa_id = $1 AND id = $2 AND henti_tanggal IS NULL AND ($3 < 0 OR versi = $3)")
            .bind(desa_id).bind(id).bind(isi.versi.unwrap_or(-1)).bind(isi.nomor.trim()).bind(isi.tanggal)
            .bind(isi.alasan.trim()).bind(now).execute(&mut *c).await?.rows_affected());
        if n != 1 {
            return Err(Galat::Konflik(
                "Jabatan ini baru saja diubah orang lain. Muat ulang halaman, periksa, lalu simpan lagi."
                    .into(),
            ));
        }
        if let (Some(b), Some(mime)) = (&isi.berkas, mime) {
            simpan_berkas(&mut tx, desa_id, id, "henti", b, mime, aktor, now).await?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "berhentikan",
                objek: "jabatan",
                objek_id: id.to_string(),
                sebelum: Some(json!({ "henti_tanggal": null })),
                sesudah: Some(json!({
                    "henti_nomor": isi.nomor.trim(), "henti_tanggal": isi.tanggal, "henti_alasan": isi.alasan.trim(),
                })),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Removes a tenure entered by mistake (with its scans). The person stays.
    pub async fn hapus_jabatan(&self, desa_id: &str, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let j = self
            .jabatan(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query("DELETE FROM jabatan_berkas WHERE desa_id = $1 AND jabatan_id = $2")
                .bind(desa_id).bind(id).execute(&mut *c).await?;
            sqlx::query("DELETE FROM jabatan WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "jabatan",
                objek_id: id.to_string(),
                sebelum: Some(json!(j)),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// A decree scan: (name, type, bytes).
    pub async fn berkas_sk(
        &self,
        desa_id: &str,
        jabatan_id: Uuid,
        jenis: &str,
    ) -> Result<Option<(String, String, Vec<u8>)>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT nama, mime, isi FROM jabatan_berkas WHERE desa_id = $1 AND jabatan_id = $2 AND jenis = $3")
            .bind(desa_id).bind(jabatan_id).bind(jenis).fetch_optional(p).await)?)
    }

    /// Issues a new attendance PIN for a person (first time or reset): returned once.
    pub async fn terbitkan_pin(
        &self,
        desa_id: &str,
        perangkat_id: Uuid,
        aktor: &Aktor,
    ) -> Result<String, Galat> {
        let pin = crate::warga::akun::pin_acak();
        self.pasang_pin(desa_id, perangkat_id, &pin, aktor).await?;
        Ok(pin)
    }

    /// Sets a given PIN (the demo, tests); refused when it is easy to guess.
    pub async fn pasang_pin(
        &self,
        desa_id: &str,
        perangkat_id: Uuid,
        pin: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.orang(desa_id, perangkat_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if let Some(p) = balai_domain::pin::pin_lemah(pin, None) {
            return Err(Galat::isian("pin", p));
        }
        let hash = hash_sandi(pin).await?;
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO perangkat_pin (desa_id, perangkat_id, pin_hash, diubah_pada) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (desa_id, perangkat_id) DO UPDATE SET pin_hash = $3, diubah_pada = $4")
            .bind(desa_id).bind(perangkat_id).bind(&hash).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "atur_pin",
                objek: "perangkat_pin",
                objek_id: perangkat_id.to_string(),
                sebelum: None,
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await
    }

    /// Whether `pin` is the person's attendance PIN (the same time spent when none is set).
    pub async fn cocok_pin(
        &self,
        desa_id: &str,
        perangkat_id: Uuid,
        pin: &str,
    ) -> Result<bool, Galat> {
        const KOSONG: &str =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZGlmZmVyZW50aGFzaGRpZmZlcmVudGhhc2g";
        let hash: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT pin_hash FROM perangkat_pin WHERE desa_id = $1 AND perangkat_id = $2")
            .bind(desa_id).bind(perangkat_id).fetch_optional(p).await)?;
        match hash {
            Some(h) => Ok(cocok_sandi(pin, &h).await),
            None => {
                cocok_sandi(pin, KOSONG).await;
                Ok(false)
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn simpan_berkas(
    tx: &mut crate::Tx,
    desa_id: &str,
    jabatan_id: Uuid,
    jenis: &str,
    b: &BerkasSk,
    mime: &str,
    aktor: &Aktor,
    now: DateTime<Utc>,
) -> Result<(), Galat> {
    let nama: String = b
        .nama
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"'))
        .take(120)
        .collect();
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO jabatan_berkas (desa_id, jabatan_id, jenis, nama, mime, isi, ukuran, diunggah_oleh, diunggah_pada) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(desa_id).bind(jabatan_id).bind(jenis).bind(&nama).bind(mime).bind(&b.isi)
        .bind(b.isi.len() as i64).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}
