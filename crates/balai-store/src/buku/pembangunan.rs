//! The development books D.1–D.3 from the village's projects (the website's development
//! page and the finance plan share them). D.4 comes from the institutions register.

use super::{Buku, Kekurangan, Periode};
use crate::situs::pembangunan::Proyek;
use crate::{Galat, Store};
use balai_domain::surat::teks::rp;
use chrono::Datelike;

/// The four source columns of D.1/D.2: provinsi, pemerintah (pusat), kabupaten/kota, swadaya.
/// Village own revenue and other lawful revenue count as the community's own (swadaya).
fn kolom_sumber(kode: &str) -> usize {
    match kode {
        "PBP" => 0,
        "DDS" => 1,
        "ADD" | "PBH" | "PBK" => 2,
        _ => 3,
    }
}

fn sumber(p: &Proyek) -> Vec<String> {
    let mut s = vec![String::new(); 4];
    s[kolom_sumber(&p.sumber_dana)] = rp(p.anggaran);
    s.push(rp(p.anggaran));
    s
}

impl Store {
    async fn proyek_periode(
        &self,
        desa_id: &str,
        p: &Periode,
    ) -> Result<(Vec<Proyek>, Vec<Proyek>), Galat> {
        let semua = self.daftar_proyek(desa_id).await?;
        let tahun = i64::from(p.dari.year())..=i64::from(p.sampai.year());
        let (mut di, lain): (Vec<Proyek>, Vec<Proyek>) =
            semua.into_iter().partition(|x| tahun.contains(&x.tahun));
        di.sort_by(|a, b| (a.tahun, &a.nama).cmp(&(b.tahun, &b.nama)));
        Ok((di, lain))
    }

    fn kurang_proyek(desa_id: &str, b: &mut Buku) {
        if b.baris.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada kegiatan pembangunan yang dicatat untuk periode ini. Catat rencana dan kegiatan pembangunan (nama, lokasi, anggaran, sumber dana, pelaksana, kemajuan).".into(),
                tautan: format!("/desa/{desa_id}/pembangunan"),
                label_tautan: "Catat kegiatan pembangunan".into(),
            });
        }
    }

    /// D.1 Buku Rencana Kerja Pembangunan: every project planned for the period's years.
    pub async fn buku_d1(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let (proyek, _) = self.proyek_periode(desa_id, p).await?;
        let mut b = Buku::baru("D.1", "");
        for x in &proyek {
            let mut sel = vec![x.nama.clone(), x.lokasi.clone()];
            sel.extend(sumber(x));
            sel.extend([
                x.pelaksana.clone(),
                x.uraian.clone(),
                format!("Tahun {}", x.tahun),
            ]);
            b.tambah(sel);
        }
        Self::kurang_proyek(desa_id, &mut b);
        Ok(b)
    }

    /// D.2 Buku Kegiatan Pembangunan: the projects under way or done in the period's years.
    pub async fn buku_d2(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let (proyek, lain) = self.proyek_periode(desa_id, p).await?;
        let mut b = Buku::baru("D.2", "");
        for x in proyek.iter().filter(|x| x.progres > 0) {
            // A project of the same name in an earlier year continues it.
            let lanjutan = lain
                .iter()
                .chain(&proyek)
                .any(|y| y.nama == x.nama && y.tahun < x.tahun);
            let mut sel = vec![x.nama.clone(), String::new()];
            sel.extend(sumber(x));
            sel.extend([
                format!("Tahun {}", x.tahun),
                if lanjutan { "" } else { "✓" }.into(),
                if lanjutan { "✓" } else { "" }.into(),
                x.pelaksana.clone(),
                format!("Kemajuan {}%", x.progres),
            ]);
            b.tambah(sel);
        }
        Self::kurang_proyek(desa_id, &mut b);
        Ok(b)
    }

    /// D.3 Buku Inventaris Hasil-hasil Pembangunan: the finished projects.
    pub async fn buku_d3(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let (proyek, _) = self.proyek_periode(desa_id, p).await?;
        let mut b = Buku::baru("D.3", "");
        for x in proyek.iter().filter(|x| x.progres >= 100) {
            b.tambah(vec![
                x.nama.clone(),
                String::new(),
                rp(x.anggaran),
                x.lokasi.clone(),
                format!("Selesai, tahun {}", x.tahun),
            ]);
        }
        Self::kurang_proyek(desa_id, &mut b);
        Ok(b)
    }
}
