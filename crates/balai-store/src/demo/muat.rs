//! Loads a generated demo population into the store, village by village.

use super::generate::{DemoPlan, JenisDemo, generate_chunks_dengan_peristiwa, struktur};
use crate::penduduk::JenisPeristiwa;
use crate::penduduk::RincianStatus;
use crate::penduduk::tulis::Penulis;
use crate::{Aktor, Galat, Store};
use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use std::collections::HashMap;

/// Residents per village: above this a large demo is spread over neighbouring villages.
pub const PENDUDUK_PER_DESA: usize = 100_000;
/// Residents written per transaction.
const POTONGAN: usize = 2_000;

#[derive(Debug, Clone, Default)]
pub struct RingkasDemo {
    pub desa: Vec<String>,
    pub penduduk: usize,
    pub peristiwa: usize,
}

impl Store {
    /// Fills one or more demo villages (created if missing) with `plan.penduduk` residents.
    /// The first village is `plan.desa`; more come from the same district when N is large.
    pub async fn isi_demo(&self, plan: &DemoPlan, aktor: &Aktor) -> Result<RingkasDemo, Galat> {
        let jumlah_desa = plan.penduduk.div_ceil(PENDUDUK_PER_DESA).max(1);
        let desa = self.pilih_desa_demo(&plan.desa, jumlah_desa).await?;
        let mut ringkas = RingkasDemo::default();
        let mut sisa = plan.penduduk;
        for (i, kode) in desa.iter().enumerate() {
            let n = sisa.div_ceil(jumlah_desa - i);
            sisa -= n;
            let sub = DemoPlan {
                desa: kode.clone(),
                penduduk: n,
                seed: plan.seed.wrapping_add(i as u64),
                hari_ini: plan.hari_ini,
            };
            let (p, e) = self.isi_satu_desa(&sub, aktor).await?;
            ringkas.desa.push(kode.as_str().to_string());
            ringkas.penduduk += p;
            ringkas.peristiwa += e;
        }
        self.perbarui_statistik_kueri().await?;
        Ok(ringkas)
    }

    async fn pilih_desa_demo(&self, awal: &KodeDesa, n: usize) -> Result<Vec<KodeDesa>, Galat> {
        let mut hasil = vec![awal.clone()];
        if n > 1 {
            let kab = &awal.as_str()[..4];
            let mut kandidat = Vec::new();
            for kec in self.anak_wilayah(kab).await? {
                for d in self.anak_wilayah(&kec.kode).await? {
                    if d.kode != awal.as_str()
                        && let Ok(k) = KodeDesa::parse(&d.kode)
                    {
                        kandidat.push(k);
                    }
                }
            }
            if kandidat.len() + 1 < n {
                return Err(Galat::Lain(format!(
                    "Kabupaten ini hanya mempunyai {} desa; kurangi jumlah penduduk demo.",
                    kandidat.len() + 1
                )));
            }
            hasil.extend(kandidat.into_iter().take(n - 1));
        }
        Ok(hasil)
    }

    async fn isi_satu_desa(&self, plan: &DemoPlan, aktor: &Aktor) -> Result<(usize, usize), Galat> {
        let desa_id = plan.desa.as_str();
        let (desa, baru) = match self.desa(desa_id).await? {
            Some(d) => (d, false),
            None => (self.buat_desa(&plan.desa, aktor).await?, true),
        };
        for (dusun, rw, rt) in struktur(plan) {
            let mut tx = self.db.begin().await?;
            Store::pastikan_rt(&mut tx, desa_id, &dusun, &rw, &rt).await?;
            tx.commit().await?;
        }
        // The generator is synchronous; collect chunks first, then write each in its own transaction.
        let mut potongan: Vec<(Vec<DataPenduduk>, Vec<super::generate::DemoEvent>)> = Vec::new();
        generate_chunks_dengan_peristiwa(plan, POTONGAN, &mut |p, e| {
            potongan.push((p.to_vec(), e.to_vec()))
        });
        let mut jumlah = 0;
        let mut status = Vec::new();
        for (orang, kejadian) in potongan {
            let lahir: HashMap<&str, &super::generate::DemoEvent> = kejadian
                .iter()
                .filter(|e| e.jenis == JenisDemo::Lahir)
                .map(|e| (e.nik.as_str(), e))
                .collect();
            let mut w = Penulis::mulai(self, desa_id, aktor).await?;
            // A village created just now has no residents, and generated NIKs are unique.
            w.nik_sudah_diperiksa = baru;
            for d in &orang {
                let peristiwa = lahir.get(d.nik.as_str()).map(|e| {
                    (
                        JenisPeristiwa::Lahir,
                        e.tanggal,
                        serde_json::json!({"keterangan": e.keterangan}),
                    )
                });
                let id = w.tambah(d, peristiwa).await?;
                if let Some(e) = kejadian
                    .iter()
                    .find(|e| e.nik == d.nik.as_str() && e.jenis != JenisDemo::Lahir)
                {
                    status.push((id, e.clone()));
                }
            }
            w.selesai().await?;
            jumlah += orang.len();
        }
        let n_peristiwa = status.len();
        for (id, e) in status {
            let (jenis, tempat) = match &e.jenis {
                JenisDemo::Mati => (JenisPeristiwa::Mati, format!("Desa {}", desa.nama)),
                JenisDemo::PindahKeluar { tujuan } => {
                    (JenisPeristiwa::PindahKeluar, tujuan.clone())
                }
                JenisDemo::Lahir => continue,
            };
            let r = RincianStatus {
                tanggal: Some(e.tanggal),
                keterangan: e.keterangan.clone(),
                tempat,
                sebab: String::new(),
            };
            self.catat_status(desa_id, id, jenis, &r, aktor).await?;
        }
        Ok((jumlah, n_peristiwa))
    }
}
