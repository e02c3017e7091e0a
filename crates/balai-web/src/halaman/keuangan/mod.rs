//! Village planning and finance screens: proposals and plans, the APBDes, payment requests,
//! the cash books, the realisation reports, and the district's comparison of its villages.

mod apbdes;
mod belanja;
pub(crate) mod laporan;
mod perencanaan;
mod wilayah;

use crate::isian::Isian;
use crate::{Bersama, GalatWeb};
use axum::Router;
use balai_domain::DaftarGalat;
use balai_store::Galat;
use balai_store::desa::Desa;
use chrono::{Datelike, NaiveDate};

pub fn rute() -> Router<Bersama> {
    Router::new()
        .merge(perencanaan::rute())
        .merge(apbdes::rute())
        .merge(belanja::rute())
        .merge(laporan::rute())
        .merge(wilayah::rute())
}

/// What a refused form brings back to its page: which form, what was typed, what is wrong.
#[derive(Default)]
pub struct Salah {
    pub bentuk: &'static str,
    pub f: Isian,
    pub galat: DaftarGalat,
    pub umum: Option<String>,
}

impl Salah {
    /// From a store error: field errors and refusals are shown on the page; others propagate.
    pub fn dari(bentuk: &'static str, f: Isian, e: Galat) -> Result<Salah, GalatWeb> {
        let mut s = Salah {
            bentuk,
            f,
            ..Default::default()
        };
        match e {
            Galat::Isian(g) => s.galat = g,
            Galat::Ditolak(p) | Galat::Konflik(p) => s.umum = Some(p),
            e => return Err(e.into()),
        }
        Ok(s)
    }
    pub fn kosong() -> Salah {
        Salah::default()
    }
    pub fn ada(&self) -> bool {
        !self.galat.is_empty() || self.umum.is_some()
    }
    /// What was typed in field `nama` of form `bentuk` (empty for other forms).
    pub fn nilai(&self, bentuk: &str, nama: &str) -> &str {
        if self.bentuk == bentuk {
            self.f.get(nama)
        } else {
            ""
        }
    }
    pub fn pesan(&self, bentuk: &str, nama: &str) -> Option<&str> {
        if self.bentuk == bentuk {
            self.galat.untuk(nama)
        } else {
            None
        }
    }
    /// The refusal or the summary of field errors for form `bentuk`.
    pub fn umum_untuk(&self, bentuk: &str) -> Option<String> {
        if self.bentuk != bentuk {
            return None;
        }
        if let Some(u) = &self.umum {
            return Some(u.clone());
        }
        if self.galat.is_empty() {
            return None;
        }
        Some(format!(
            "Belum disimpan: {}",
            self.galat
                .0
                .iter()
                .map(|g| g.pesan.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ))
    }
    pub fn status(&self) -> axum::http::StatusCode {
        if self.ada() {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        } else {
            axum::http::StatusCode::OK
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct QueryTahun {
    pub tahun: Option<i64>,
    pub ok: Option<String>,
}

/// The year asked for, or this year in the village's zone.
pub fn tahun_dari(k: &Bersama, desa: &Desa, t: Option<i64>) -> i64 {
    t.filter(|t| (2015..=2100).contains(t))
        .unwrap_or_else(|| k.store.hari_ini(desa.zona()).year() as i64)
}

/// A date field, or a field error naming it.
pub fn wajib_tanggal(g: &mut DaftarGalat, f: &Isian, nama: &str, label: &str) -> NaiveDate {
    crate::isian::tanggal(f.get(nama)).unwrap_or_else(|| {
        g.push(
            nama,
            format!("{label} wajib diisi dengan tanggal yang benar (hari-bulan-tahun)."),
        );
        NaiveDate::default()
    })
}

/// A rupiah field, or a field error naming it.
pub fn wajib_rupiah(g: &mut DaftarGalat, f: &Isian, nama: &str, label: &str) -> i64 {
    crate::isian::rupiah(f.get(nama)).unwrap_or_else(|| {
        g.push(
            nama,
            format!("{label} ditulis dalam rupiah, angka saja, misalnya 1500000."),
        );
        0
    })
}

/// Errors found while reading the form, plus what the domain's check says about the other
/// fields, so the operator sees every problem at once.
pub fn gabung(mut g: DaftarGalat, periksa: Result<(), DaftarGalat>) -> Galat {
    if let Err(lain) = periksa {
        for e in lain.0 {
            if g.untuk(&e.kolom).is_none() {
                g.push(&e.kolom, e.pesan);
            }
        }
    }
    Galat::Isian(g)
}

/// The village's letterhead and the head of village's signature block, for the finance
/// reports and books printed as PDF.
pub async fn pengesahan(k: &Bersama, desa: &Desa) -> Result<crate::unduhan::Pengesahan, GalatWeb> {
    let letak = k.store.letak_desa(&desa.desa_id).await?;
    let atur = k.store.pengaturan_surat(&desa.desa_id).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let tempat = if atur.tempat.is_empty() {
        desa.nama.clone()
    } else {
        atur.tempat
    };
    let alamat = [
        desa.alamat.trim().to_string(),
        Some(desa.kode_pos.trim())
            .filter(|s| !s.is_empty())
            .map(|s| format!("Kode Pos {s}"))
            .unwrap_or_default(),
        Some(desa.telepon.trim())
            .filter(|s| !s.is_empty())
            .map(|s| format!("Telepon {s}"))
            .unwrap_or_default(),
        desa.email.trim().to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let nama_kades = if desa.kepala_desa.trim().is_empty() {
        "...............................".to_string()
    } else {
        desa.kepala_desa.trim().to_uppercase()
    };
    Ok(crate::unduhan::Pengesahan {
        kop: vec![
            format!("Pemerintah {}", letak.kabupaten),
            format!("Kecamatan {}", letak.kecamatan),
            format!("Desa {}", desa.nama),
            if alamat.is_empty() {
                format!("Desa {}, Kecamatan {}", desa.nama, letak.kecamatan)
            } else {
                alamat
            },
        ],
        tanda_tangan: vec![
            format!(
                "{tempat}, {}",
                balai_domain::surat::teks::tanggal_indonesia(hari_ini)
            ),
            format!("Kepala Desa {}", desa.nama),
            nama_kades,
        ],
    })
}

/// A share as printed: "40,0%"; "—" when there is nothing (or less than nothing) to share.
pub fn persen(a: i64, dari: i64) -> String {
    if dari <= 0 {
        return "—".into();
    }
    format!("{:.1}%", balai_domain::keuangan::persen(a, dari)).replace('.', ",")
}

pub fn ok_keuangan(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "usulan" => "Usulan telah dicatat dan menunggu musyawarah.",
        "musyawarah" => "Musyawarah telah dicatat. Putuskan usulan-usulannya di daftar usulan.",
        "putuskan" => "Keputusan atas usulan telah dicatat.",
        "rencana" => "Kegiatan telah ditambahkan ke rencana.",
        "apbdes" => {
            "Rancangan APBDes telah dibuat. Tambahkan baris pendapatan, belanja dan pembiayaan."
        }
        "baris" => "Baris anggaran telah disimpan; jumlahnya dihitung ulang.",
        "baris_hapus" => "Baris anggaran telah dihapus.",
        "sepakati" => {
            "APBDes dicatat telah disepakati bersama BPD. Langkah berikutnya: tetapkan dengan Peraturan Desa."
        }
        "tetapkan" => "APBDes telah ditetapkan dan berlaku. Pembayaran kini dapat diajukan.",
        "kembalikan" => "APBDes dikembalikan menjadi rancangan.",
        "impor" => "Baris anggaran dari berkas telah dimuat ke rancangan.",
        "spp" => "SPP telah diajukan dan menunggu pemeriksaan sekretaris desa.",
        "periksa" => "SPP telah diperiksa dan menunggu persetujuan kepala desa.",
        "setujui" => "SPP telah disetujui dan dapat dibayar bendahara.",
        "tolak" => "SPP ditolak; alasannya tercatat.",
        "bayar" => "Pembayaran telah dicatat di buku kas umum.",
        "terima" => "Penerimaan telah dicatat di buku kas umum.",
        "setor" => "Setoran pajak telah dicatat.",
        "tutup" => "Tahun anggaran telah ditutup. Datanya kini hanya dapat dibaca.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn persen_dari_nol_atau_negatif_ditulis_garis() {
        assert_eq!(super::persen(40_000_000, 100_000_000), "40,0%");
        assert_eq!(super::persen(5, 0), "—");
        assert_eq!(super::persen(11_973, -1_000), "—");
    }
}
