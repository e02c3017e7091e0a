//! Open data: every public dataset of a village as a table with metadata in the spirit of
//! Satu Data Indonesia (title, description, unit, period, source, licence, last update), to be
//! served as CSV and JSON and listed in a DCAT-style catalogue.

use super::pembangunan::label_sumber;
use crate::statistik::JenisStatistik;
use crate::statistik::publik::{JENIS_PUBLIK, samarkan};
use crate::{Galat, Store};
use balai_domain::lembar::sel_csv;
use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

pub const LISENSI: &str = "CC-BY-4.0";
pub const LISENSI_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

#[derive(Debug, Clone, Serialize)]
pub struct MetaDataset {
    pub id: String,
    pub judul: String,
    pub uraian: String,
    pub satuan: String,
    pub periode: String,
    pub sumber: String,
    pub lisensi: &'static str,
    pub tema: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dataset {
    #[serde(flatten)]
    pub meta: MetaDataset,
    pub diperbarui: DateTime<Utc>,
    pub kolom: Vec<String>,
    pub baris: Vec<Vec<String>>,
}

impl Dataset {
    pub fn csv(&self) -> Result<Vec<u8>, Galat> {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Published without login: a dusun named `=HYPERLINK(…)` must not run in Excel.
        let aman =
            |b: &[String]| -> Vec<String> { b.iter().map(|s| sel_csv(s).into_owned()).collect() };
        w.write_record(aman(&self.kolom))
            .map_err(|e| Galat::Lain(e.to_string()))?;
        for b in &self.baris {
            w.write_record(aman(b))
                .map_err(|e| Galat::Lain(e.to_string()))?;
        }
        w.into_inner().map_err(|e| Galat::Lain(e.to_string()))
    }

    /// Rows as objects keyed by column name, with the metadata.
    pub fn json(&self) -> serde_json::Value {
        let data: Vec<serde_json::Map<String, serde_json::Value>> = self
            .baris
            .iter()
            .map(|b| {
                self.kolom
                    .iter()
                    .zip(b)
                    .map(|(k, v)| {
                        let nilai = v
                            .parse::<i64>()
                            .map(serde_json::Value::from)
                            .unwrap_or_else(|_| {
                                if v.is_empty() {
                                    serde_json::Value::Null
                                } else {
                                    serde_json::Value::from(v.clone())
                                }
                            });
                        (k.clone(), nilai)
                    })
                    .collect()
            })
            .collect();
        serde_json::json!({
            "id": self.meta.id,
            "judul": self.meta.judul,
            "uraian": self.meta.uraian,
            "satuan": self.meta.satuan,
            "periode": self.meta.periode,
            "sumber": self.meta.sumber,
            "lisensi": self.meta.lisensi,
            "diperbarui": self.diperbarui,
            "kolom": self.kolom,
            "data": data,
        })
    }
}

fn meta(
    id: impl Into<String>,
    judul: impl Into<String>,
    uraian: impl Into<String>,
    satuan: &str,
    periode: impl Into<String>,
    tema: &'static str,
    nama_desa: &str,
) -> MetaDataset {
    MetaDataset {
        id: id.into(),
        judul: judul.into(),
        uraian: uraian.into(),
        satuan: satuan.into(),
        periode: periode.into(),
        sumber: format!("Pemerintah Desa {nama_desa}"),
        lisensi: LISENSI,
        tema,
    }
}

fn angka(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

impl Store {
    /// Every dataset a village publishes (metadata only).
    pub async fn katalog_data(&self, desa_id: &str) -> Result<Vec<MetaDataset>, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let n = &desa.nama;
        let tahun = self.hari_ini(desa.zona()).year();
        let mut v: Vec<MetaDataset> = JENIS_PUBLIK
            .iter()
            .map(|j| {
                meta(
                    format!("penduduk-{}", j.kode()),
                    format!("Jumlah Penduduk Menurut {} — Desa {n}", j.label()),
                    format!(
                        "Penduduk hidup yang tercatat di Desa {n} menurut {}, laki-laki dan perempuan. Kelompok di bawah 5 orang digabung atau tidak ditampilkan agar tidak ada warga yang dapat dikenali.",
                        j.label().to_lowercase()
                    ),
                    "jiwa",
                    "keadaan hari ini",
                    "kependudukan",
                    n,
                )
            })
            .collect();
        v.push(meta(
            "potensi",
            format!("Potensi Desa {n}"),
            "UMKM, BUMDes, organisasi dan kelompok, serta tempat wisata di desa.",
            "unit",
            "keadaan hari ini",
            "ekonomi",
            n,
        ));
        v.push(meta(
            "fasilitas",
            format!("Fasilitas Umum dan Infrastruktur Desa {n}"),
            "Sekolah, posyandu, tempat ibadah, pasar, jalan, jembatan dan sarana umum lain.",
            "unit",
            "keadaan hari ini",
            "infrastruktur",
            n,
        ));
        v.push(meta(
            "proyek",
            format!("Kegiatan Pembangunan Desa {n}"),
            "Kegiatan pembangunan dengan anggaran, sumber dana, lokasi dan kemajuan pekerjaan.",
            "rupiah; persen",
            "semua tahun",
            "pembangunan",
            n,
        ));
        for t in self.tahun_apbdes(desa_id).await? {
            v.push(meta(
                format!("apbdes-{t}"),
                format!("APBDes {t} dan Realisasinya — Desa {n}"),
                "Anggaran pendapatan (per jenis), belanja (per bidang) dan pembiayaan beserta realisasinya.",
                "rupiah",
                t.to_string(),
                "keuangan",
                n,
            ));
        }
        v.push(meta(
            format!("layanan-surat-{tahun}"),
            format!("Layanan Surat {tahun} — Desa {n}"),
            "Jumlah surat yang diterbitkan per jenis dan per bulan, dan rata-rata waktu layanan (menit).",
            "surat; menit",
            tahun.to_string(),
            "pelayanan",
            n,
        ));
        Ok(v)
    }

    /// One dataset with its rows, or None when the village has no such dataset.
    pub async fn dataset_terbuka(&self, desa_id: &str, id: &str) -> Result<Option<Dataset>, Galat> {
        let Some(meta) = self
            .katalog_data(desa_id)
            .await?
            .into_iter()
            .find(|m| m.id == id)
        else {
            return Ok(None);
        };
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let now = self.sekarang();
        let (kolom, baris, diperbarui): (Vec<&str>, Vec<Vec<String>>, DateTime<Utc>) =
            if let Some(j) = id
                .strip_prefix("penduduk-")
                .and_then(JenisStatistik::dari_kode)
            {
                let s = samarkan(
                    &self
                        .statistik_penduduk(desa_id, j, self.hari_ini(desa.zona()))
                        .await?,
                );
                let mut b: Vec<Vec<String>> = s
                    .baris
                    .iter()
                    .map(|r| {
                        vec![
                            r.label.clone(),
                            angka(r.laki),
                            angka(r.perempuan),
                            r.jumlah.to_string(),
                        ]
                    })
                    .collect();
                b.push(vec![
                    "JUMLAH".into(),
                    angka(s.total.laki),
                    angka(s.total.perempuan),
                    s.total.jumlah.to_string(),
                ]);
                (vec!["kelompok", "laki_laki", "perempuan", "jumlah"], b, now)
            } else if id == "potensi" || id == "fasilitas" {
                let semua = self.daftar_potensi(desa_id, "").await?;
                let fasilitas = id == "fasilitas";
                let pilih: Vec<_> = semua
                    .iter()
                    .filter(|p| {
                        matches!(p.jenis.as_str(), "fasilitas" | "infrastruktur") == fasilitas
                    })
                    .collect();
                let terakhir = pilih.iter().map(|p| p.diubah_pada).max().unwrap_or(now);
                let b = pilih
                    .iter()
                    .map(|p| {
                        vec![
                            p.label_jenis().to_string(),
                            p.nama.clone(),
                            p.produk.clone(),
                            p.alamat.clone(),
                            p.kontak.clone(),
                            p.lintang.map(|v| v.to_string()).unwrap_or_default(),
                            p.bujur.map(|v| v.to_string()).unwrap_or_default(),
                        ]
                    })
                    .collect();
                (
                    vec![
                        "jenis",
                        "nama",
                        "produk_layanan",
                        "alamat",
                        "kontak",
                        "lintang",
                        "bujur",
                    ],
                    b,
                    terakhir,
                )
            } else if id == "proyek" {
                let p = self.daftar_proyek(desa_id).await?;
                let terakhir = p.iter().map(|p| p.diubah_pada).max().unwrap_or(now);
                let b = p
                    .iter()
                    .map(|p| {
                        vec![
                            p.tahun.to_string(),
                            p.nama.clone(),
                            p.lokasi.clone(),
                            p.anggaran.to_string(),
                            label_sumber(&p.sumber_dana).to_string(),
                            p.pelaksana.clone(),
                            p.progres.to_string(),
                        ]
                    })
                    .collect();
                (
                    vec![
                        "tahun",
                        "kegiatan",
                        "lokasi",
                        "anggaran",
                        "sumber_dana",
                        "pelaksana",
                        "progres_persen",
                    ],
                    b,
                    terakhir,
                )
            } else if let Some(t) = id.strip_prefix("apbdes-").and_then(|t| t.parse().ok()) {
                let a = self.apbdes(desa_id, t).await?;
                let b = a
                    .baris
                    .iter()
                    .map(|r| {
                        vec![
                            r.tahun.to_string(),
                            r.kelompok.clone(),
                            r.kode.clone(),
                            r.uraian.clone(),
                            r.anggaran.to_string(),
                            r.realisasi.to_string(),
                        ]
                    })
                    .collect();
                (
                    vec![
                        "tahun",
                        "kelompok",
                        "kode",
                        "uraian",
                        "anggaran",
                        "realisasi",
                    ],
                    b,
                    now,
                )
            } else if let Some(t) = id
                .strip_prefix("layanan-surat-")
                .and_then(|t| t.parse().ok())
            {
                let l = self.laporan_surat(desa_id, t).await?;
                let mut b = Vec::new();
                for j in &l.per_jenis {
                    for (i, n) in j.per_bulan.iter().enumerate() {
                        if *n > 0 {
                            b.push(vec![
                                format!("{t}-{:02}", i + 1),
                                j.jenis_nama.clone(),
                                n.to_string(),
                                format!("{:.0}", j.waktu_rata_menit),
                            ]);
                        }
                    }
                }
                (
                    vec!["bulan", "jenis_surat", "jumlah_terbit", "rata_waktu_menit"],
                    b,
                    now,
                )
            } else {
                return Ok(None);
            };
        Ok(Some(Dataset {
            meta,
            diperbarui,
            kolom: kolom.into_iter().map(String::from).collect(),
            baris,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Open data is downloaded without login: a dusun named like a formula stays text.
    #[test]
    fn csv_data_terbuka_menetralkan_rumus() {
        let d = Dataset {
            meta: MetaDataset {
                id: "penduduk-dusun".into(),
                judul: String::new(),
                uraian: String::new(),
                satuan: String::new(),
                periode: String::new(),
                sumber: String::new(),
                lisensi: "",
                tema: "",
            },
            diperbarui: Utc::now(),
            kolom: vec!["Dusun".into(), "Jumlah".into()],
            baris: vec![vec!["=HYPERLINK(\"http://x\")".into(), "12".into()]],
        };
        let teks = String::from_utf8(d.csv().unwrap()).unwrap();
        assert!(teks.contains("\"'=HYPERLINK("), "{teks}");
        assert!(teks.ends_with(",12\n"), "{teks}");
    }
}
