//! The monthly recap of a village, or of every village under a region in a fixed number of
//! queries (the district's view; `balai-bench kehadiran-wilayah` times it).

use super::{
    Aturan, BarisAbsen, Kehadiran, OrangBulan, RekapDesa, RekapOrang, TandaTangan, awal_akhir,
};
use crate::Galat;
use crate::on_db;
use balai_domain::kehadiran::{Absen, HitungBulan, IzinDisetujui, JenisIzin, Tanda, hitung_bulan};
use balai_domain::perangkat::rentang;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

impl Kehadiran<'_> {
    /// A village's month: every official of the village government in office at some day of
    /// it, counted up to the month's end or today.
    pub async fn rekap_desa(
        &self,
        desa_id: &str,
        tahun: i32,
        bulan: u32,
    ) -> Result<RekapDesa, Galat> {
        self.rekap_wilayah(desa_id, tahun, bulan)
            .await?
            .into_iter()
            .find(|r| r.desa_id == desa_id)
            .ok_or(Galat::TidakDitemukan)
    }

    /// The month of every village whose code starts with `awalan` (a kecamatan or kabupaten
    /// code; a village's own code for one), in a fixed number of queries whatever the number
    /// of villages.
    pub async fn rekap_wilayah(
        &self,
        awalan: &str,
        tahun: i32,
        bulan: u32,
    ) -> Result<Vec<RekapDesa>, Galat> {
        let (awal, akhir) = awal_akhir(tahun, bulan)?;
        let pola = format!("{}%", awalan.replace(['%', '_'], ""));
        // The same villages as a key range, which the (desa_id, tanggal, …) index serves.
        let (dari, ke) = rentang_kode(awalan);
        let desa: Vec<(String, String, String)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, nama, zona_waktu FROM desa WHERE desa_id LIKE $1 ORDER BY desa_id")
            .bind(&pola).fetch_all(p).await)?;
        type BarisAturan = (
            String,
            Option<f64>,
            Option<f64>,
            i64,
            String,
            String,
            i64,
            String,
            i64,
        );
        let aturan: Vec<BarisAturan> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, lintang, bujur, radius_m, jam_masuk, jam_pulang, toleransi_menit, hari_kerja, versi \
             FROM kehadiran_aturan WHERE desa_id LIKE $1")
            .bind(&pola).fetch_all(p).await)?;
        let aturan: HashMap<String, Aturan> = aturan
            .into_iter()
            .map(
                |(
                    d,
                    lintang,
                    bujur,
                    radius_m,
                    jam_masuk,
                    jam_pulang,
                    toleransi_menit,
                    hari_kerja,
                    versi,
                )| {
                    (
                        d,
                        Aturan {
                            lintang,
                            bujur,
                            radius_m,
                            jam_masuk,
                            jam_pulang,
                            toleransi_menit,
                            hari_kerja,
                            versi,
                        },
                    )
                },
            )
            .collect();
        let libur: Vec<(String, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, tanggal FROM hari_libur WHERE desa_id LIKE $1 AND tanggal >= $2 AND tanggal <= $3")
            .bind(&pola).bind(awal).bind(akhir).fetch_all(p).await)?;
        type BarisJabatan = (
            String,
            Uuid,
            String,
            String,
            String,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<NaiveDate>,
            i64,
        );
        let jabatan: Vec<BarisJabatan> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT j.desa_id, j.perangkat_id, p.nama, j.jabatan, j.unit, j.mulai, j.selesai, j.henti_tanggal, j.urut \
             FROM jabatan j JOIN perangkat p ON p.desa_id = j.desa_id AND p.id = j.perangkat_id \
             WHERE j.desa_id LIKE $1 AND j.lembaga = 'pemdes' AND (j.mulai IS NULL OR j.mulai <= $3) \
             AND (j.henti_tanggal IS NULL OR j.henti_tanggal > $2) AND (j.selesai IS NULL OR j.selesai >= $2) \
             ORDER BY j.desa_id, j.urut, p.nama")
            .bind(&pola).bind(awal).bind(akhir).fetch_all(p).await)?;
        // The accepted check-ins, packed per person as "epoch,epoch,…" (one row per official
        // instead of one per day: the district reads 300 villages at once); the recap takes
        // the first of each day. Flagged rows are read whole.
        let paket = if self.s.db.is_postgres() {
            "string_agg(extract(epoch FROM waktu)::bigint::text, ',')"
        } else {
            "group_concat(CAST(strftime('%s', waktu) AS INTEGER), ',')"
        };
        let sql = format!(
            "SELECT desa_id, perangkat_id, {paket} FROM kehadiran WHERE desa_id >= $1 AND desa_id < $2 \
             AND tanggal >= $3 AND tanggal <= $4 AND jenis = 'masuk' AND NOT ditolak GROUP BY desa_id, perangkat_id"
        );
        let masuk: Vec<(String, Uuid, Option<String>)> = on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&dari).bind(&ke).bind(awal).bind(akhir).fetch_all(p).await)?;
        let bertanda: Vec<BarisAbsen> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, perangkat_id, tanggal, jenis, waktu, tanda, ditolak, jarak_m FROM kehadiran \
             WHERE desa_id >= $1 AND desa_id < $2 AND tanggal >= $3 AND tanggal <= $4 AND tanda <> ''")
            .bind(&dari).bind(&ke).bind(awal).bind(akhir).fetch_all(p).await)?;
        let mut masuk_orang: HashMap<(String, Uuid), Vec<DateTime<Utc>>> =
            HashMap::with_capacity(masuk.len());
        for (d, p, teks) in masuk {
            let v = teks
                .unwrap_or_default()
                .split(',')
                .filter_map(|w| DateTime::from_timestamp(w.trim().parse().ok()?, 0))
                .collect();
            masuk_orang.insert((d, p), v);
        }
        let absen = bertanda;
        let izin: Vec<(String, Uuid, String, NaiveDate, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, perangkat_id, jenis, mulai, selesai FROM izin_hadir \
             WHERE desa_id LIKE $1 AND status = 'disetujui' AND mulai <= $3 AND selesai >= $2")
            .bind(&pola).bind(awal).bind(akhir).fetch_all(p).await)?;
        let ttd: Vec<(String, String, DateTime<Utc>)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT desa_id, ditandatangani_oleh, ditandatangani_pada FROM rekap_hadir WHERE desa_id LIKE $1 AND bulan = $2")
            .bind(&pola).bind(format!("{tahun:04}-{bulan:02}")).fetch_all(p).await)?;

        let mut libur_desa: HashMap<&str, HashSet<NaiveDate>> = HashMap::new();
        for (d, t) in &libur {
            libur_desa.entry(d.as_str()).or_default().insert(*t);
        }
        let mut absen_orang: HashMap<(&str, Uuid), Vec<&BarisAbsen>> = HashMap::new();
        for a in &absen {
            absen_orang.entry((a.0.as_str(), a.1)).or_default().push(a);
        }
        let mut izin_orang: HashMap<(&str, Uuid), Vec<IzinDisetujui>> = HashMap::new();
        for (d, p, j, m, s) in &izin {
            if let Some(jenis) = JenisIzin::dari_kode(j) {
                izin_orang
                    .entry((d.as_str(), *p))
                    .or_default()
                    .push(IzinDisetujui {
                        jenis,
                        mulai: *m,
                        selesai: *s,
                    });
            }
        }
        let mut jabatan_desa: HashMap<&str, Vec<&BarisJabatan>> = HashMap::new();
        for j in &jabatan {
            jabatan_desa.entry(j.0.as_str()).or_default().push(j);
        }
        let bawaan = Aturan::bawaan();
        let kosong = HashSet::new();
        let mut hasil = Vec::with_capacity(desa.len());
        for (desa_id, nama_desa, zona) in &desa {
            let zona = crate::desa::zona_dari_kode(zona);
            let hari_ini = self.s.hari_ini(zona);
            let sampai = akhir.min(hari_ini);
            let a = aturan.get(desa_id).unwrap_or(&bawaan);
            let kerja = a.kerja();
            let offset = zona.offset();
            let libur = libur_desa.get(desa_id.as_str()).unwrap_or(&kosong);
            // One row per person: all their tenures in the month count for "in office".
            let mut orang: Vec<OrangBulan> = Vec::new();
            for j in jabatan_desa.get(desa_id.as_str()).into_iter().flatten() {
                let r = rentang(j.5, j.6, j.7);
                let nama_jabatan = if j.4.trim().is_empty() {
                    j.3.clone()
                } else {
                    format!("{} {}", j.3, j.4)
                };
                match orang.iter_mut().find(|o| o.0 == j.1) {
                    Some(o) => o.3.push(r),
                    None => orang.push((j.1, j.2.clone(), nama_jabatan, vec![r])),
                }
            }
            let mut rekap = RekapDesa {
                desa_id: desa_id.clone(),
                nama_desa: nama_desa.clone(),
                tahun,
                bulan,
                sampai,
                orang: Vec::with_capacity(orang.len()),
                jumlah: HitungBulan::default(),
                tanda_tangan: ttd.iter().find(|t| &t.0 == desa_id).map(|t| TandaTangan {
                    ditandatangani_oleh: t.1.clone(),
                    ditandatangani_pada: t.2,
                }),
            };
            for (pid, nama, jabatan, rentang) in orang {
                let hadir = masuk_orang
                    .get(&(desa_id.clone(), pid))
                    .into_iter()
                    .flatten()
                    .map(|w| {
                        let l = w.with_timezone(&offset);
                        (l.date_naive(), l.time())
                    })
                    .map(|(tanggal, jam)| Absen {
                        tanggal,
                        jam,
                        masuk: true,
                        tanda: Vec::new(),
                        ditolak: false,
                        jarak_m: None,
                    });
                let catatan: Vec<Absen> = absen_orang
                    .get(&(desa_id.as_str(), pid))
                    .into_iter()
                    .flatten()
                    .map(|a| Absen {
                        tanggal: a.2,
                        jam: a.4.with_timezone(&offset).time(),
                        masuk: a.3 == "masuk",
                        tanda: Tanda::urai(&a.5),
                        ditolak: a.6,
                        jarak_m: a.7,
                    })
                    .chain(hadir)
                    .collect();
                let izin = izin_orang
                    .get(&(desa_id.as_str(), pid))
                    .cloned()
                    .unwrap_or_default();
                let hitung = hitung_bulan(
                    &kerja,
                    libur,
                    awal,
                    sampai,
                    |t| rentang.iter().any(|r| r.0 <= t && t < r.1),
                    &catatan,
                    &izin,
                );
                rekap.jumlah.tambah(&hitung);
                rekap.orang.push(RekapOrang {
                    perangkat_id: pid,
                    nama,
                    jabatan,
                    hitung,
                });
            }
            hasil.push(rekap);
        }
        Ok(hasil)
    }
}

/// The codes starting with `awalan` as a half-open range [dari, ke): "3302" → ["3302", "3303").
fn rentang_kode(awalan: &str) -> (String, String) {
    let a: String = awalan.chars().filter(char::is_ascii_digit).collect();
    let ke = a
        .parse::<u64>()
        .ok()
        .map(|n| format!("{:0w$}", n + 1, w = a.len()))
        .filter(|k| k.len() == a.len())
        .unwrap_or_else(|| "A".into());
    (a, ke)
}
