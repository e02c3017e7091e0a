//! The administrative books A.4 (Buku Aparat Pemerintah Desa) and D.4 (Buku Kader Pendampingan
//! dan Pemberdayaan Masyarakat) from the tenures, for `crate::buku`.

use super::LayananPerangkat;
use crate::Galat;
use crate::buku::{Buku, Periode, kosong, nomor_tanggal};
use balai_domain::perangkat::{Lembaga, menjabat_dalam};

impl LayananPerangkat<'_> {
    /// Book A.4: the officials of the village government in office at any time in the period.
    pub async fn buku_a4(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.4", "");
        for x in self.daftar(desa_id).await? {
            if x.j.lembaga != Lembaga::Pemdes.kode()
                || !menjabat_dalam(x.j.rentang(), p.dari, p.sampai)
            {
                continue;
            }
            let o = &x.o;
            b.tambah(vec![
                o.nama.clone(),
                kosong(&o.niap),
                kosong(&o.nip),
                o.label_kelamin().to_string(),
                o.ttl(),
                kosong(&o.agama),
                kosong(&o.pangkat),
                x.j.nama_jabatan(),
                kosong(&o.pendidikan),
                nomor_tanggal(&x.j.sk_nomor, x.j.sk_tanggal),
                nomor_tanggal(&x.j.henti_nomor, x.j.henti_tanggal),
                x.j.masa(),
            ]);
        }
        if b.baris.is_empty() {
            b.kurang = Some(crate::buku::Kekurangan {
                pesan: "Belum ada perangkat desa yang menjabat pada periode ini.".into(),
                tautan: format!("/desa/{desa_id}/perangkat"),
                label_tautan: "Catat perangkat desa".into(),
            });
        }
        Ok(b)
    }

    /// Book D.4: the cadres (posyandu, community empowerment) in office in the period.
    pub async fn buku_d4(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("D.4", "");
        for x in self.daftar(desa_id).await? {
            let kader = Lembaga::dari_kode(&x.j.lembaga).is_some_and(Lembaga::kader);
            if !kader || !menjabat_dalam(x.j.rentang(), p.dari, p.sampai) {
                continue;
            }
            let o = &x.o;
            let umur = o
                .tanggal_lahir
                .and_then(|l| p.sampai.years_since(l))
                .map(|u| u.to_string())
                .unwrap_or_else(|| "-".into());
            b.tambah(vec![
                o.nama.clone(),
                umur,
                o.label_kelamin().to_string(),
                kosong(&o.pendidikan),
                x.j.nama_jabatan(),
                kosong(&o.alamat),
                format!("{}; {}", x.j.label_lembaga(), x.j.masa()),
            ]);
        }
        if b.baris.is_empty() {
            b.kurang = Some(crate::buku::Kekurangan {
                pesan: "Belum ada kader posyandu atau kader pemberdayaan masyarakat yang tercatat pada periode ini.".into(),
                tautan: format!("/desa/{desa_id}/perangkat"),
                label_tautan: "Catat kader".into(),
            });
        }
        Ok(b)
    }
}
