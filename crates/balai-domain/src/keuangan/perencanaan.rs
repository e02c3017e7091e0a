//! Planning rules (Permendagri 114/2014): who may propose, the meetings that decide, and what
//! an RKPDes (one year) or RPJMDes (at most six years) activity must carry.

use super::{kegiatan, kegiatan_rincian, label_sumber, periksa_tahun};
use crate::DaftarGalat;
use crate::isian::panjang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const JENIS_PENGUSUL: &[(&str, &str)] = &[
    ("dusun", "Dusun"),
    ("rt", "RT/RW"),
    ("kelompok", "Kelompok masyarakat"),
    ("lembaga", "Lembaga desa"),
    ("warga", "Warga"),
];

pub const JENIS_MUSYAWARAH: &[(&str, &str)] = &[
    ("musdus", "Musyawarah dusun"),
    ("musrenbangdes", "Musrenbang desa"),
    ("musdes", "Musyawarah desa"),
];

pub const DOKUMEN: &[(&str, &str)] = &[("rkpdes", "RKPDes"), ("rpjmdes", "RPJMDes")];

pub fn label(daftar: &[(&str, &'static str)], kode: &str) -> &'static str {
    crate::kode::label_dari(daftar, kode).unwrap_or("")
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct UsulanBaru {
    pub tahun: i64,
    pub judul: String,
    pub jenis_pengusul: String,
    pub pengusul: String,
    pub lokasi: String,
    pub bidang: String,
    pub perkiraan_biaya: i64,
    pub penerima_manfaat: i64,
    pub uraian: String,
    pub gambar: Option<String>,
    /// Set when a resident files it through the portal.
    #[serde(default, skip_serializing)]
    pub penduduk_id: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MusyawarahBaru {
    pub jenis: String,
    pub tahun: i64,
    pub tanggal: NaiveDate,
    pub tempat: String,
    pub jumlah_peserta: i64,
    pub peserta: String,
    pub keputusan: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RencanaBaru {
    pub dokumen: String,
    pub tahun_awal: i64,
    pub tahun_akhir: i64,
    pub kode_kegiatan: String,
    pub nama: String,
    pub lokasi: String,
    pub volume: String,
    pub biaya: i64,
    pub sumber_dana: String,
    pub usulan: Vec<Uuid>,
}

pub fn periksa_usulan(u: &UsulanBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    periksa_tahun(&mut g, u.tahun);
    if u.judul.trim().is_empty() {
        g.push(
            "judul",
            "Judul usulan wajib diisi, misalnya \"Perbaikan saluran irigasi RT 02\".",
        );
    }
    panjang(&mut g, "judul", "Judul usulan", u.judul.trim(), 200);
    if label(JENIS_PENGUSUL, &u.jenis_pengusul).is_empty() {
        g.push("jenis_pengusul", "Pilih asal usulan dari daftar.");
    }
    if u.pengusul.trim().is_empty() {
        g.push(
            "pengusul",
            "Nama pengusul wajib diisi, misalnya \"Dusun Krajan\" atau \"Kelompok Tani Makmur\".",
        );
    }
    panjang(&mut g, "pengusul", "Pengusul", u.pengusul.trim(), 150);
    panjang(&mut g, "lokasi", "Lokasi", u.lokasi.trim(), 200);
    panjang(&mut g, "uraian", "Uraian", u.uraian.trim(), 3000);
    if kegiatan(&u.bidang)
        .filter(|k| k.level == "bidang")
        .is_none()
    {
        g.push("bidang", "Pilih bidang 1 sampai 5 dari daftar.");
    }
    if u.perkiraan_biaya <= 0 {
        g.push(
            "perkiraan_biaya",
            "Perkiraan biaya ditulis dalam rupiah, lebih dari 0, misalnya 25000000.",
        );
    }
    if u.penerima_manfaat < 0 {
        g.push(
            "penerima_manfaat",
            "Jumlah penerima manfaat tidak boleh negatif.",
        );
    }
    g.into_result(())
}

pub fn periksa_musyawarah(m: &MusyawarahBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    periksa_tahun(&mut g, m.tahun);
    if label(JENIS_MUSYAWARAH, &m.jenis).is_empty() {
        g.push("jenis", "Pilih jenis musyawarah dari daftar.");
    }
    if m.tempat.trim().is_empty() {
        g.push(
            "tempat",
            "Tempat musyawarah wajib diisi, misalnya \"Balai Desa\".",
        );
    }
    if m.jumlah_peserta <= 0 {
        g.push("jumlah_peserta", "Jumlah peserta yang hadir, lebih dari 0.");
    }
    if m.keputusan.trim().is_empty() {
        g.push(
            "keputusan",
            "Tuliskan keputusan musyawarah, misalnya urutan prioritas usulan yang disepakati.",
        );
    }
    panjang(&mut g, "tempat", "Tempat", m.tempat.trim(), 200);
    panjang(
        &mut g,
        "peserta",
        "Daftar peserta",
        m.peserta.trim(),
        10_000,
    );
    panjang(&mut g, "keputusan", "Keputusan", m.keputusan.trim(), 10_000);
    g.into_result(())
}

pub fn periksa_rencana(r: &RencanaBaru) -> Result<(), DaftarGalat> {
    let mut g = DaftarGalat::default();
    let dokumen = label(DOKUMEN, &r.dokumen);
    if dokumen.is_empty() {
        g.push("dokumen", "Pilih RKPDes atau RPJMDes.");
    }
    periksa_tahun(&mut g, r.tahun_awal);
    if r.dokumen == "rkpdes" && r.tahun_akhir != r.tahun_awal {
        g.push(
            "tahun_akhir",
            "RKPDes berlaku satu tahun: tahun akhir sama dengan tahun awal.",
        );
    }
    if r.dokumen == "rpjmdes" && !(r.tahun_awal..=r.tahun_awal + 5).contains(&r.tahun_akhir) {
        g.push(
            "tahun_akhir",
            "RPJMDes berlaku paling lama 6 tahun: tahun akhir antara tahun awal dan tahun awal + 5.",
        );
    }
    if kegiatan_rincian(&r.kode_kegiatan).is_none() {
        g.push(
            "kode_kegiatan",
            format!(
                "Kode kegiatan \"{}\" tidak ada dalam daftar bidang/sub-bidang/kegiatan (Permendagri 20/2018). Pilih dari daftar, misalnya 2.2.01.",
                r.kode_kegiatan.trim()
            ),
        );
    }
    if r.nama.trim().is_empty() {
        g.push(
            "nama",
            "Nama kegiatan wajib diisi, misalnya \"Pembangunan drainase RT 03\".",
        );
    }
    panjang(&mut g, "nama", "Nama kegiatan", r.nama.trim(), 200);
    panjang(&mut g, "lokasi", "Lokasi", r.lokasi.trim(), 200);
    panjang(&mut g, "volume", "Volume", r.volume.trim(), 100);
    if r.biaya <= 0 {
        g.push(
            "biaya",
            "Perkiraan biaya ditulis dalam rupiah, lebih dari 0.",
        );
    }
    if label_sumber(&r.sumber_dana).is_empty() {
        g.push("sumber_dana", "Pilih sumber dana dari daftar.");
    }
    g.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usulan_tanpa_judul_bidang_dan_biaya_ditolak() {
        let g = periksa_usulan(&UsulanBaru {
            tahun: 2026,
            jenis_pengusul: "dusun".into(),
            pengusul: "Dusun Krajan".into(),
            ..Default::default()
        })
        .unwrap_err();
        for kolom in ["judul", "bidang", "perkiraan_biaya"] {
            assert!(g.untuk(kolom).is_some(), "{kolom}: {g}");
        }
        assert!(g.untuk("pengusul").is_none());
    }

    #[test]
    fn masa_rkpdes_satu_tahun_rpjmdes_paling_lama_enam() {
        let r = RencanaBaru {
            dokumen: "rkpdes".into(),
            tahun_awal: 2026,
            tahun_akhir: 2027,
            kode_kegiatan: "2.2.01".into(),
            nama: "Drainase RT 03".into(),
            biaya: 10_000_000,
            sumber_dana: "DDS".into(),
            ..Default::default()
        };
        assert!(
            periksa_rencana(&r)
                .unwrap_err()
                .untuk("tahun_akhir")
                .is_some()
        );
        let rpjm = RencanaBaru {
            dokumen: "rpjmdes".into(),
            tahun_akhir: 2031,
            ..r.clone()
        };
        assert_eq!(periksa_rencana(&rpjm), Ok(()));
        let terlalu_lama = RencanaBaru {
            tahun_akhir: 2032,
            ..rpjm
        };
        assert!(periksa_rencana(&terlalu_lama).is_err());
    }

    #[test]
    fn musyawarah_butuh_peserta_dan_keputusan() {
        let g = periksa_musyawarah(&MusyawarahBaru {
            jenis: "musdes".into(),
            tahun: 2026,
            tanggal: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
            tempat: "Balai Desa".into(),
            jumlah_peserta: 0,
            peserta: String::new(),
            keputusan: " ".into(),
        })
        .unwrap_err();
        assert!(g.untuk("jumlah_peserta").is_some() && g.untuk("keputusan").is_some());
    }
}
