//! Immunisations: the doses given (recorded with a posyandu day's measurement), who is due or
//! overdue in a month per posyandu (the invitation list), and the village's coverage per dose.

use super::{Kesehatan, Posyandu};
use crate::penduduk::HIDUP;
use crate::{Galat, on_db};
use balai_domain::kesehatan::imunisasi::{
    Dosis, JADWAL, StatusDosis, dasar_lengkap, dosis_dari_kode, status_anak,
};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Doses given: (vaccine code, dose number, date).
pub type Diberikan = Vec<(String, u8, NaiveDate)>;

/// A child of a posyandu's area with doses to give this month.
#[derive(Debug, Clone, Serialize)]
pub struct Undangan {
    pub penduduk_id: Uuid,
    pub nama: String,
    pub tanggal_lahir: NaiveDate,
    pub nama_ibu: String,
    pub rt: String,
    /// (dose name, due date, overdue).
    pub dosis: Vec<(String, NaiveDate, bool)>,
}

/// How many children who have reached a dose's age (and are under five) received it.
#[derive(Debug, Clone, Serialize)]
pub struct Cakupan {
    pub dosis: String,
    pub sasaran: i64,
    pub diberikan: i64,
}

impl Cakupan {
    pub fn persen(&self) -> String {
        balai_domain::surat::teks::persen(self.diberikan, self.sasaran)
    }
}

type BarisDosis = (Uuid, String, i64, NaiveDate);

impl Kesehatan<'_> {
    /// The doses a child has received, in the order given.
    pub async fn imunisasi_anak(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
    ) -> Result<Diberikan, Galat> {
        let baris: Vec<BarisDosis> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT penduduk_id, vaksin, dosis, tanggal FROM imunisasi WHERE desa_id = $1 AND penduduk_id = $2 ORDER BY tanggal, vaksin, dosis")
            .bind(desa_id).bind(penduduk_id).fetch_all(p).await)?;
        Ok(baris
            .into_iter()
            .map(|(_, v, n, t)| (v, n as u8, t))
            .collect())
    }

    /// Every dose given in the village, per child.
    async fn imunisasi_desa(&self, desa_id: &str) -> Result<HashMap<Uuid, Diberikan>, Galat> {
        let baris: Vec<BarisDosis> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT penduduk_id, vaksin, dosis, tanggal FROM imunisasi WHERE desa_id = $1")
            .bind(desa_id).fetch_all(p).await)?;
        let mut per_anak: HashMap<Uuid, Diberikan> = HashMap::new();
        for (pid, v, n, t) in baris {
            per_anak.entry(pid).or_default().push((v, n as u8, t));
        }
        Ok(per_anak)
    }

    /// The verified doses a child may receive on `tanggal`: due, overdue, or given today.
    pub async fn dosis_hari_ini(
        &self,
        desa_id: &str,
        penduduk_id: Uuid,
        lahir: NaiveDate,
        tanggal: NaiveDate,
    ) -> Result<Vec<(Dosis, StatusDosis)>, Galat> {
        let diberikan = self.imunisasi_anak(desa_id, penduduk_id).await?;
        Ok(status_anak(lahir, tanggal, &diberikan)
            .into_iter()
            .filter(|(_, s)| s.perlu_diundang() || *s == StatusDosis::Sudah(tanggal))
            .collect())
    }

    /// Children of the posyandu's area with a dose due or overdue in `bulan`'s month, youngest
    /// first: the invitation list.
    pub async fn undangan_imunisasi(
        &self,
        desa_id: &str,
        pos: &Posyandu,
        bulan: NaiveDate,
    ) -> Result<Vec<Undangan>, Galat> {
        let akhir = akhir_bulan(bulan);
        let anak = self.balita(desa_id, pos, akhir).await?;
        let diberikan = self.imunisasi_desa(desa_id).await?;
        let kosong = Vec::new();
        Ok(anak
            .into_iter()
            .filter_map(|a| {
                let s = status_anak(
                    a.tanggal_lahir,
                    bulan,
                    diberikan.get(&a.penduduk_id).unwrap_or(&kosong),
                );
                let dosis: Vec<_> = s
                    .into_iter()
                    .filter_map(|(x, st)| match st {
                        StatusDosis::JatuhTempo(t) => Some((x.nama(), t, false)),
                        StatusDosis::Terlambat(t) => Some((x.nama(), t, true)),
                        _ => None,
                    })
                    .collect();
                (!dosis.is_empty()).then_some(Undangan {
                    penduduk_id: a.penduduk_id,
                    nama: a.nama,
                    tanggal_lahir: a.tanggal_lahir,
                    nama_ibu: a.nama_ibu,
                    rt: a.rt,
                    dosis,
                })
            })
            .collect())
    }

    /// Coverage per verified dose among the village's living children under five who have
    /// passed the dose's age by a month, and "imunisasi dasar lengkap" among those aged 12–23
    /// months.
    pub async fn cakupan_imunisasi(
        &self,
        desa_id: &str,
        pada: NaiveDate,
    ) -> Result<Vec<Cakupan>, Galat> {
        let awal = pada.checked_sub_months(Months::new(60)).unwrap_or(pada);
        let anak: Vec<(Uuid, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, tanggal_lahir FROM penduduk WHERE desa_id = $1 AND status_dasar = $2 AND tanggal_lahir > $3 AND tanggal_lahir <= $4")
            .bind(desa_id).bind(HIDUP).bind(awal).bind(pada).fetch_all(p).await)?;
        let diberikan = self.imunisasi_desa(desa_id).await?;
        let kosong = Vec::new();
        let umur_bulan = |lahir: NaiveDate| {
            let mut n = 0u32;
            while lahir
                .checked_add_months(Months::new(n + 1))
                .is_some_and(|t| t <= pada)
            {
                n += 1;
            }
            n
        };
        let umur: Vec<(Uuid, u32)> = anak.iter().map(|(id, l)| (*id, umur_bulan(*l))).collect();
        let mut hasil: Vec<Cakupan> = JADWAL
            .iter()
            .filter(|x| x.terverifikasi)
            .map(|x| {
                let sasaran: Vec<&Uuid> = umur
                    .iter()
                    .filter(|(_, u)| *u > x.usia_bulan)
                    .map(|(id, _)| id)
                    .collect();
                let n = sasaran
                    .iter()
                    .filter(|id| {
                        diberikan.get(id).is_some_and(|d| {
                            d.iter().any(|(v, k, _)| v == x.vaksin && *k == x.dosis)
                        })
                    })
                    .count();
                Cakupan {
                    dosis: x.nama(),
                    sasaran: sasaran.len() as i64,
                    diberikan: n as i64,
                }
            })
            .collect();
        let baduta: Vec<&Uuid> = umur
            .iter()
            .filter(|(_, u)| (12..24).contains(u))
            .map(|(id, _)| id)
            .collect();
        hasil.push(Cakupan {
            dosis: "Imunisasi dasar lengkap (anak 12–23 bulan)".into(),
            sasaran: baduta.len() as i64,
            diberikan: baduta
                .iter()
                .filter(|id| dasar_lengkap(diberikan.get(id).unwrap_or(&kosong)))
                .count() as i64,
        });
        Ok(hasil)
    }
}

fn akhir_bulan(t: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    t.with_day(1)
        .and_then(|a| a.checked_add_months(Months::new(1)))
        .and_then(|a| a.pred_opt())
        .unwrap_or(t)
}

/// Checks the dose codes ticked on a posyandu form against the schedule and what the child
/// already received: (doses to record) or the message for the form's "vaksin" field.
pub(super) async fn periksa_dosis(
    k: &Kesehatan<'_>,
    desa_id: &str,
    penduduk_id: Uuid,
    lahir: NaiveDate,
    tanggal: NaiveDate,
    kode: &[String],
) -> Result<Vec<Dosis>, Galat> {
    if kode.is_empty() {
        return Ok(Vec::new());
    }
    let sudah = k.imunisasi_anak(desa_id, penduduk_id).await?;
    let mut dosis = Vec::new();
    for c in kode {
        let Some(x) = dosis_dari_kode(c) else {
            return Err(Galat::isian(
                "vaksin",
                format!("Imunisasi \"{c}\" tidak dikenal; pilih dari daftar."),
            ));
        };
        if let Some((_, _, t)) = sudah
            .iter()
            .find(|(v, n, _)| v == x.vaksin && *n == x.dosis)
        {
            return Err(Galat::isian(
                "vaksin",
                format!(
                    "{} sudah diberikan pada {}; tidak dicatat dua kali.",
                    x.nama(),
                    t.format("%d-%m-%Y")
                ),
            ));
        }
        if lahir
            .checked_add_months(Months::new(x.usia_bulan.saturating_sub(1)))
            .is_some_and(|t| t > tanggal)
            && x.usia_bulan > 0
        {
            return Err(Galat::isian(
                "vaksin",
                format!(
                    "{} dijadwalkan pada umur {} bulan; anak ini belum sampai umur itu.",
                    x.nama(),
                    x.usia_bulan
                ),
            ));
        }
        dosis.push(x);
    }
    Ok(dosis)
}
