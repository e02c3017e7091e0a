//! Pregnant women (KIA): a pregnancy registered from the registry, its antenatal visits, its
//! outcome linking the newborn, and the risk signs the posyandu and midwife watch.

use super::Kesehatan;
use crate::audit::{Catatan, catat};
use crate::penduduk::HIDUP;
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::kesehatan::ibu::{DataKehamilan, risiko, usia_minggu};
pub use balai_domain::kesehatan::ibu::{KehamilanBaru, KunjunganBaru};
use balai_domain::kesehatan::ibu::{periksa_kehamilan, periksa_kunjungan, periksa_selesai};
use balai_domain::penduduk::umur;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// A pregnancy with its mother and what the list shows.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Kehamilan {
    pub id: Uuid,
    pub penduduk_id: Uuid,
    pub nama: String,
    pub tanggal_lahir: NaiveDate,
    pub dusun: String,
    pub rt: String,
    pub hpht: Option<NaiveDate>,
    pub hpl: NaiveDate,
    pub kehamilan_ke: i64,
    pub status: String,
    pub hasil: String,
    pub tanggal_selesai: Option<NaiveDate>,
    pub anak_id: Option<Uuid>,
    pub catatan: String,
    pub versi: i64,
    /// Filled by the store: antenatal visits so far and the risk signs today.
    #[sqlx(skip)]
    pub kunjungan: Vec<Kunjungan>,
    #[sqlx(skip)]
    pub risiko: Vec<&'static str>,
    #[sqlx(skip)]
    pub usia_minggu: i64,
}

impl Kehamilan {
    pub fn hasil_label(&self) -> &'static str {
        match self.hasil.as_str() {
            "lahir_hidup" => "lahir hidup",
            "lahir_mati" => "lahir mati",
            "keguguran" => "keguguran",
            _ => "masih hamil",
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Kunjungan {
    pub id: Uuid,
    pub kehamilan_id: Uuid,
    pub tanggal: NaiveDate,
    pub usia_minggu: i64,
    pub berat: Option<f64>,
    pub lila: Option<f64>,
    pub sistolik: Option<i64>,
    pub diastolik: Option<i64>,
    pub tablet_fe: i64,
    pub konseling_gizi: bool,
    pub kunjungan_rumah: bool,
    pub catatan: String,
}

const KOLOM: &str = "k.id, k.penduduk_id, p.nama, p.tanggal_lahir, r.dusun, r.rt, k.hpht, k.hpl, k.kehamilan_ke, k.status, k.hasil, \
     k.tanggal_selesai, k.anak_id, k.catatan, k.versi FROM kehamilan k \
     JOIN penduduk p ON p.desa_id = k.desa_id AND p.id = k.penduduk_id \
     JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id";

impl Kesehatan<'_> {
    /// Registers a pregnancy of a living woman of the village.
    pub async fn tambah_kehamilan(
        &self,
        desa_id: &str,
        b: &KehamilanBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let mut g = DaftarGalat::default();
        let ibu = match self.s.penduduk_by_nik(desa_id, b.nik.trim()).await? {
            None => {
                g.push(
                    "nik",
                    "NIK tidak ditemukan di data penduduk desa ini (16 angka).",
                );
                None
            }
            Some(p) if p.status_dasar != HIDUP => {
                g.push("nik", format!("{} berstatus {}.", p.nama, p.status_label()));
                None
            }
            Some(p) if p.jenis_kelamin != 2 => {
                g.push("nik", format!("{} tercatat laki-laki.", p.nama));
                None
            }
            Some(p) => Some(p),
        };
        let hpl = periksa_kehamilan(b, hari_ini, &mut g);
        if let (Some(p), Some(h)) = (&ibu, hpl) {
            let u = umur(p.tanggal_lahir, h);
            if !(10..=60).contains(&u) {
                g.push(
                    "nik",
                    format!(
                        "{} berumur {u} tahun pada HPL; periksa NIK atau tanggal lahirnya.",
                        p.nama
                    ),
                );
            }
            let aktif: i64 = on_db!(&self.s.db, c => sqlx::query_scalar(
                "SELECT COUNT(*) FROM kehamilan WHERE desa_id = $1 AND penduduk_id = $2 AND status = 'hamil'")
                .bind(desa_id).bind(p.id).fetch_one(c).await)?;
            if aktif > 0 {
                g.push(
                    "nik",
                    format!(
                        "{} sudah tercatat sedang hamil; buka catatan kehamilannya.",
                        p.nama
                    ),
                );
            }
        }
        let (Some(ibu), Some(hpl), true) = (ibu, hpl, g.is_empty()) else {
            return Err(Galat::Isian(g));
        };
        let id = id_baru();
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO kehamilan (desa_id, id, penduduk_id, hpht, hpl, kehamilan_ke, catatan, dicatat_oleh, dibuat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
            .bind(desa_id).bind(id).bind(ibu.id).bind(b.hpht).bind(hpl).bind(b.kehamilan_ke.unwrap_or(1))
            .bind(b.catatan.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await?.rows_affected());
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "buat",
                objek: "kehamilan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"penduduk_id": ibu.id, "hpl": hpl})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Pregnancies of the village, current ones first (expected delivery soonest first).
    pub async fn daftar_kehamilan(
        &self,
        desa_id: &str,
        juga_selesai: bool,
    ) -> Result<Vec<Kehamilan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} WHERE k.desa_id = $1 AND ($2 OR k.status = 'hamil') ORDER BY k.status, k.hpl"
        );
        let mut daftar: Vec<Kehamilan> = on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(juga_selesai).fetch_all(p).await)?;
        let kunjungan: Vec<Kunjungan> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, kehamilan_id, tanggal, usia_minggu, berat, lila, sistolik, diastolik, tablet_fe, konseling_gizi, kunjungan_rumah, catatan \
             FROM kunjungan_hamil WHERE desa_id = $1 ORDER BY tanggal")
            .bind(desa_id).fetch_all(p).await)?;
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        // Each mother's previous delivery, for the spacing between pregnancies.
        let lalu: std::collections::HashMap<Uuid, NaiveDate> = on_db!(&self.s.db, p => sqlx::query_as::<_, (Uuid, NaiveDate)>(
            "SELECT penduduk_id, MAX(tanggal_selesai) FROM kehamilan \
             WHERE desa_id = $1 AND status = 'selesai' AND tanggal_selesai IS NOT NULL GROUP BY penduduk_id")
            .bind(desa_id).fetch_all(p).await)?
        .into_iter()
        .collect();
        for k in &mut daftar {
            k.kunjungan = kunjungan
                .iter()
                .filter(|x| x.kehamilan_id == k.id)
                .cloned()
                .collect();
            nilai_risiko(k, lalu.get(&k.penduduk_id).copied(), hari_ini);
        }
        Ok(daftar)
    }

    pub async fn kehamilan(&self, desa_id: &str, id: Uuid) -> Result<Option<Kehamilan>, Galat> {
        Ok(self
            .daftar_kehamilan(desa_id, true)
            .await?
            .into_iter()
            .find(|k| k.id == id))
    }

    /// Records an antenatal visit.
    pub async fn catat_kunjungan_hamil(
        &self,
        desa_id: &str,
        kehamilan_id: Uuid,
        b: &KunjunganBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let k = self
            .kehamilan(desa_id, kehamilan_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if k.status != "hamil" {
            return Err(Galat::Ditolak(format!(
                "Kehamilan {} sudah selesai ({}); pemeriksaan tidak dapat ditambah.",
                k.nama,
                k.hasil_label()
            )));
        }
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let tercatat: Vec<NaiveDate> = k.kunjungan.iter().map(|x| x.tanggal).collect();
        let tanggal = periksa_kunjungan(b, k.hpl, &tercatat, hari_ini)?;
        let id = id_baru();
        let now = self.s.sekarang();
        let minggu = usia_minggu(k.hpl, tanggal);
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO kunjungan_hamil (desa_id, id, kehamilan_id, tanggal, usia_minggu, berat, lila, sistolik, diastolik, tablet_fe, \
             konseling_gizi, kunjungan_rumah, catatan, dicatat_oleh, dicatat_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)")
            .bind(desa_id).bind(id).bind(kehamilan_id).bind(tanggal).bind(minggu).bind(b.berat).bind(b.lila)
            .bind(b.sistolik).bind(b.diastolik).bind(b.tablet_fe).bind(b.konseling_gizi).bind(b.kunjungan_rumah)
            .bind(b.catatan.trim()).bind(&aktor.0).bind(now).execute(&mut *c).await?.rows_affected());
        catat(&mut tx, now, Catatan {
            desa_id,
            aktor,
            aksi: "catat",
            objek: "kunjungan_hamil",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(serde_json::json!({"kehamilan_id": kehamilan_id, "tanggal": tanggal, "usia_minggu": minggu})),
        })
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Closes a pregnancy with its outcome; a live birth names the newborn from the registry
    /// (born on that day, in this village).
    pub async fn selesaikan_kehamilan(
        &self,
        desa_id: &str,
        kehamilan_id: Uuid,
        hasil: &str,
        tanggal: Option<NaiveDate>,
        anak_nik: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let k = self
            .kehamilan(desa_id, kehamilan_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if k.status != "hamil" {
            return Err(Galat::Ditolak(
                "Kehamilan ini sudah selesai dicatat.".into(),
            ));
        }
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.s.hari_ini(desa.zona());
        let mut g = periksa_selesai(hasil, tanggal, k.hpl, hari_ini);
        let mut anak_id = None;
        if hasil == "lahir_hidup" && !anak_nik.trim().is_empty() {
            match self.s.penduduk_by_nik(desa_id, anak_nik.trim()).await? {
                Some(a) if Some(a.tanggal_lahir) == tanggal => anak_id = Some(a.id),
                Some(a) => g.push(
                    "anak_nik",
                    format!("{} lahir {}, bukan pada tanggal persalinan ini.", a.nama, a.tanggal_lahir.format("%d-%m-%Y")),
                ),
                None => g.push("anak_nik", "NIK bayi tidak ditemukan di data penduduk desa ini. Catat kelahirannya dulu, atau kosongkan."),
            }
        }
        let Some(tanggal) = tanggal.filter(|_| g.is_empty()) else {
            return Err(Galat::Isian(g));
        };
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE kehamilan SET status = 'selesai', hasil = $3, tanggal_selesai = $4, anak_id = $5, versi = versi + 1, diubah_pada = $6 \
             WHERE desa_id = $1 AND id = $2 AND versi = $7")
            .bind(desa_id).bind(kehamilan_id).bind(hasil).bind(tanggal).bind(anak_id).bind(now).bind(k.versi)
            .execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Ditolak(
                "Catatan kehamilan ini baru saja diubah orang lain; muat ulang halaman.".into(),
            ));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "selesai",
                objek: "kehamilan",
                objek_id: kehamilan_id.to_string(),
                sebelum: Some(serde_json::json!({"status": "hamil"})),
                sesudah: Some(
                    serde_json::json!({"hasil": hasil, "tanggal": tanggal, "anak_id": anak_id}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A pregnancy's weeks on its last day (today while it lasts) and, while it lasts, its risk
/// signs; `lalu` is the mother's previous delivery.
fn nilai_risiko(k: &mut Kehamilan, lalu: Option<NaiveDate>, hari_ini: NaiveDate) {
    k.usia_minggu = usia_minggu(k.hpl, k.tanggal_selesai.unwrap_or(hari_ini));
    if k.status != "hamil" {
        return;
    }
    let data = DataKehamilan {
        umur_ibu: i64::from(umur(k.tanggal_lahir, k.hpl)),
        kehamilan_ke: k.kehamilan_ke,
        jarak_bulan: lalu.map(|t| (k.hpl - t).num_days() / 30 - 9),
        lila: k.kunjungan.iter().rev().find_map(|x| x.lila),
        // High blood pressure at any visit marks the pregnancy.
        tekanan: k
            .kunjungan
            .iter()
            .filter_map(|x| x.sistolik.zip(x.diastolik))
            .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1))),
        kunjungan: k.kunjungan.len(),
        usia_minggu: k.usia_minggu,
        lewat_hpl_hari: (hari_ini - k.hpl).num_days(),
    };
    k.risiko = risiko(&data);
}
