//! The demo village's posyandu: one unit per dusun for the first two dusun, and a year of
//! monthly posyandu days for up to 40 children, drawn around the WHO curves, with some
//! children stunted, one wasted and one who stopped gaining weight (2T), so the referral list
//! and the charts show something at once.

use super::pesan;
use balai_domain::kesehatan::zscore::{Indikator, Kelamin, Umur, lms_umur};
use balai_store::kesehatan::{IsianPenimbangan, PosyanduBaru};
use balai_store::{Aktor, Store};
use chrono::{Datelike, Months};

const ANAK_MAKS: usize = 40;

pub async fn kesehatan_demo(store: &Store, desa: &str) -> Result<(), String> {
    let k = store.kesehatan();
    if !k.daftar_posyandu(desa).await.map_err(pesan)?.is_empty() {
        return Ok(());
    }
    let kader = Aktor::pengguna("operator");
    let hari = store.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(&desa[..2]));
    let mut dusun: Vec<String> = store
        .daftar_rt(desa)
        .await
        .map_err(pesan)?
        .into_iter()
        .map(|r| r.dusun)
        .collect();
    dusun.dedup();
    let mut tercatat = 0;
    for (n, d) in dusun.iter().take(2).enumerate() {
        let b = PosyanduBaru {
            nama: format!("Posyandu Mawar {}", n + 1),
            alamat: format!("Rumah Ketua RT, Dusun {d}"),
            dusun: d.clone(),
            rw: String::new(),
        };
        let id = k.tambah_posyandu(desa, &b, &kader).await.map_err(pesan)?;
        let pos = k
            .posyandu(desa, id)
            .await
            .map_err(pesan)?
            .ok_or("posyandu demo hilang")?;
        let anak = k.balita(desa, &pos, hari).await.map_err(pesan)?;
        for (i, a) in anak.iter().enumerate().take(ANAK_MAKS / 2) {
            let kelamin = if a.jenis_kelamin == 2 {
                Kelamin::P
            } else {
                Kelamin::L
            };
            // Where each child sits on the curves: most near the median, some stunted, one
            // wasted.
            let (z_berat, z_panjang) = match i % 10 {
                0 => (-1.8, -2.6),
                4 => (-2.4, -0.5),
                _ => ((i % 5) as f64 * 0.4 - 0.8, (i % 3) as f64 * 0.5 - 0.5),
            };
            let mut berat_lalu: Option<f64> = None;
            for bulan_lalu in (0..12u32).rev() {
                let Some(t) = hari
                    .checked_sub_months(Months::new(bulan_lalu))
                    .and_then(|t| t.with_day(10.min(t.day()).max(1)))
                else {
                    continue;
                };
                let t = t.min(hari);
                if t < a.tanggal_lahir {
                    continue;
                }
                let umur = Umur::Hari((t - a.tanggal_lahir).num_days() as u32);
                let nilai = |ind, z| {
                    lms_umur(ind, kelamin, umur).map(|l| (l.nilai_pada(z) * 10.0).round() / 10.0)
                };
                let Some(mut berat) = nilai(Indikator::BbU, z_berat) else {
                    continue;
                };
                // The second child stops gaining weight in the last two months.
                if i == 1 && bulan_lalu < 2 {
                    berat = berat_lalu.unwrap_or(berat);
                }
                berat_lalu = Some(berat);
                let isi = IsianPenimbangan {
                    tanggal: Some(t),
                    berat: Some(berat),
                    panjang: nilai(Indikator::PbTbU, z_panjang),
                    vitamin_a: match (t.month(), umur.bulan_penuh()) {
                        (2 | 8, 6..=11) => "biru".into(),
                        (2 | 8, 12..) => "merah".into(),
                        _ => String::new(),
                    },
                    pmt: z_berat < -2.0,
                    ..Default::default()
                };
                if k.catat_penimbangan(desa, id, a.penduduk_id, &isi, &kader)
                    .await
                    .is_ok()
                {
                    tercatat += 1;
                }
            }
        }
    }
    eprintln!("Posyandu demo: {tercatat} penimbangan balita dalam setahun.");
    Ok(())
}
