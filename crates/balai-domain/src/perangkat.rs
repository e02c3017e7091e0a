//! Village staff and institutions: the institutions a village keeps, which positions may have
//! several holders at once, and when two tenures of one position overlap.

use crate::DaftarGalat;
use crate::isian::{panjang, tgl};
use chrono::NaiveDate;
use uuid::Uuid;

/// The institutions (lembaga) whose members and terms the village records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lembaga {
    /// The village government: kades, sekdes, kaur, kasi, kadus.
    Pemdes,
    Bpd,
    Lpm,
    Pkk,
    KarangTaruna,
    Rw,
    Rt,
    Posyandu,
    /// Kader pemberdayaan masyarakat (KPM) and other development cadres.
    Kpm,
    Lainnya,
}

impl Lembaga {
    pub const SEMUA: [Lembaga; 10] = [
        Lembaga::Pemdes,
        Lembaga::Bpd,
        Lembaga::Lpm,
        Lembaga::Pkk,
        Lembaga::KarangTaruna,
        Lembaga::Rw,
        Lembaga::Rt,
        Lembaga::Posyandu,
        Lembaga::Kpm,
        Lembaga::Lainnya,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Lembaga::Pemdes => "pemdes",
            Lembaga::Bpd => "bpd",
            Lembaga::Lpm => "lpm",
            Lembaga::Pkk => "pkk",
            Lembaga::KarangTaruna => "karang_taruna",
            Lembaga::Rw => "rw",
            Lembaga::Rt => "rt",
            Lembaga::Posyandu => "posyandu",
            Lembaga::Kpm => "kpm",
            Lembaga::Lainnya => "lainnya",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Lembaga> {
        Lembaga::SEMUA.into_iter().find(|l| l.kode() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Lembaga::Pemdes => "Pemerintah Desa",
            Lembaga::Bpd => "Badan Permusyawaratan Desa (BPD)",
            Lembaga::Lpm => "Lembaga Pemberdayaan Masyarakat (LPM)",
            Lembaga::Pkk => "Tim Penggerak PKK",
            Lembaga::KarangTaruna => "Karang Taruna",
            Lembaga::Rw => "Ketua RW",
            Lembaga::Rt => "Ketua RT",
            Lembaga::Posyandu => "Kader Posyandu",
            Lembaga::Kpm => "Kader Pemberdayaan Masyarakat",
            Lembaga::Lainnya => "Lembaga lain",
        }
    }
    /// Books D.4 lists the cadres of these institutions.
    pub fn kader(self) -> bool {
        matches!(self, Lembaga::Posyandu | Lembaga::Kpm)
    }
}

/// Positions that naturally have several holders at once ("Anggota BPD", "Kader Posyandu",
/// "Staf"): never refused as an overlap.
pub fn jabatan_bersama(jabatan: &str) -> bool {
    let j = jabatan.trim().to_lowercase();
    [
        "anggota",
        "kader",
        "staf",
        "pelaksana",
        "kelompok kerja",
        "pokja",
    ]
    .iter()
    .any(|a| j.starts_with(a))
}

/// A tenure's days as a half-open range: from `mulai` (unknown: since ever) to the dismissal
/// date (the first day out of office), else to the day after the term ends, else open.
pub fn rentang(
    mulai: Option<NaiveDate>,
    selesai: Option<NaiveDate>,
    henti: Option<NaiveDate>,
) -> (NaiveDate, NaiveDate) {
    let awal = mulai.unwrap_or(NaiveDate::MIN);
    let akhir = henti
        .or_else(|| selesai.and_then(|s| s.succ_opt()))
        .unwrap_or(NaiveDate::MAX);
    (awal, akhir)
}

/// Whether two half-open ranges share a day.
pub fn bertumpuk(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether a tenure is in office at some day of [dari, sampai] (both inclusive).
pub fn menjabat_dalam(r: (NaiveDate, NaiveDate), dari: NaiveDate, sampai: NaiveDate) -> bool {
    r.0 <= sampai && dari < r.1
}

/// Largest decree scan accepted.
pub const BATAS_BERKAS_SK: usize = 5 * 1024 * 1024;

/// The person's fields as entered.
#[derive(Debug, Clone, Default)]
pub struct IsianOrang {
    pub nama: String,
    pub penduduk_id: Option<Uuid>,
    pub pengguna_id: Option<Uuid>,
    pub jenis_kelamin: i16,
    pub tempat_lahir: String,
    pub tanggal_lahir: Option<NaiveDate>,
    pub agama: String,
    pub alamat: String,
    pub niap: String,
    pub nip: String,
    pub pangkat: String,
    pub pendidikan: String,
    pub foto: Option<String>,
}

/// A decree scan as uploaded: the name it had and its bytes.
#[derive(Debug, Clone)]
pub struct BerkasSk {
    pub nama: String,
    pub isi: Vec<u8>,
}

/// A new tenure: for a person already recorded (`perangkat_id`) or a new one (`orang`).
#[derive(Debug, Clone, Default)]
pub struct IsianJabatan {
    pub perangkat_id: Option<Uuid>,
    pub orang: IsianOrang,
    pub lembaga: String,
    pub unit: String,
    pub jabatan: String,
    pub urut: i64,
    pub sk_nomor: String,
    pub sk_tanggal: Option<NaiveDate>,
    pub mulai: Option<NaiveDate>,
    pub selesai: Option<NaiveDate>,
    pub keterangan: String,
    pub sk_berkas: Option<BerkasSk>,
}

/// The type of a decree scan from its bytes, or the message naming the field.
pub fn periksa_berkas(b: &BerkasSk) -> Result<&'static str, String> {
    if b.isi.len() > BATAS_BERKAS_SK {
        return Err(format!(
            "Pindaian SK \"{}\" {:.1} MB; paling besar {} MB. Pindai ulang dengan resolusi lebih kecil.",
            b.nama,
            b.isi.len() as f64 / 1_048_576.0,
            BATAS_BERKAS_SK / 1_048_576
        ));
    }
    crate::berkas::jenis_berkas(&b.isi).ok_or_else(|| {
        format!(
            "Pindaian SK \"{}\" bukan berkas PDF, JPEG atau PNG (diperiksa dari isinya, bukan namanya). Unggah hasil pindai dalam PDF atau foto JPEG/PNG.",
            b.nama
        )
    })
}

/// A tenure's own fields: an institution from the list, a position, dates in order, a decree
/// scan that is a PDF, JPEG or PNG. Gives the institution and the scan's type.
pub fn periksa_jabatan(isi: &IsianJabatan) -> (Option<Lembaga>, Option<&'static str>, DaftarGalat) {
    let mut g = DaftarGalat::default();
    let lembaga = Lembaga::dari_kode(isi.lembaga.trim());
    if lembaga.is_none() {
        g.push("lembaga", "Pilih lembaga dari daftar.");
    }
    let jabatan = isi.jabatan.trim();
    let unit = isi.unit.trim();
    if jabatan.is_empty() {
        g.push(
            "jabatan",
            "Jabatan wajib diisi, misalnya \"Sekretaris Desa\", \"Ketua\" atau \"Anggota\".",
        );
    }
    panjang(&mut g, "jabatan", "Jabatan", jabatan, 100);
    panjang(&mut g, "unit", "Unit", unit, 60);
    panjang(&mut g, "sk_nomor", "Nomor SK", &isi.sk_nomor, 80);
    panjang(&mut g, "keterangan", "Keterangan", &isi.keterangan, 300);
    match isi.mulai {
        None => g.push(
            "mulai",
            "Tanggal mulai masa jabatan wajib diisi (biasanya tanggal berlaku SK pengangkatan).",
        ),
        Some(m) => {
            if let Some(s) = isi.selesai
                && s < m
            {
                g.push(
                    "selesai",
                    format!(
                        "Akhir masa jabatan ({}) tidak boleh sebelum tanggal mulai ({}).",
                        tgl(s),
                        tgl(m)
                    ),
                );
            }
        }
    }
    let mime = match &isi.sk_berkas {
        Some(b) => match periksa_berkas(b) {
            Ok(m) => Some(m),
            Err(p) => {
                g.push("sk_berkas", p);
                None
            }
        },
        None => None,
    };
    (lembaga, mime, g)
}

/// A person's own details: a name, a birth date not in the future, lengths.
pub fn periksa_data_orang(orang: &IsianOrang, hari_ini: NaiveDate, g: &mut DaftarGalat) {
    if orang.nama.trim().is_empty() {
        g.push("nama", "Nama wajib diisi.");
    }
    if orang.tanggal_lahir.is_some_and(|t| t > hari_ini) {
        g.push(
            "tanggal_lahir",
            "Tanggal lahir tidak boleh sesudah hari ini.",
        );
    }
    panjang(g, "nama", "Nama", &orang.nama, 120);
    panjang(g, "tempat_lahir", "Tempat lahir", &orang.tempat_lahir, 60);
    panjang(g, "agama", "Agama", &orang.agama, 30);
    panjang(g, "nip", "NIP", &orang.nip, 30);
    panjang(g, "niap", "NIAP", &orang.niap, 30);
    panjang(g, "pangkat", "Pangkat/golongan", &orang.pangkat, 60);
    panjang(g, "pendidikan", "Pendidikan", &orang.pendidikan, 80);
    panjang(g, "alamat", "Alamat", &orang.alamat, 200);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn masa_jabatan_bertumpuk() {
        let lama = rentang(Some(t("2019-06-01")), Some(t("2025-05-31")), None);
        // The successor may start the day after the term ends, or on the dismissal date.
        assert!(!bertumpuk(lama, rentang(Some(t("2025-06-01")), None, None)));
        assert!(bertumpuk(lama, rentang(Some(t("2025-05-31")), None, None)));
        let berhenti = rentang(
            Some(t("2019-06-01")),
            Some(t("2025-05-31")),
            Some(t("2023-01-10")),
        );
        assert!(!bertumpuk(
            berhenti,
            rentang(Some(t("2023-01-10")), None, None)
        ));
        assert!(bertumpuk(
            rentang(None, None, None),
            rentang(Some(t("2020-01-01")), None, None)
        ));
        assert!(menjabat_dalam(berhenti, t("2023-01-01"), t("2023-12-31")));
        assert!(!menjabat_dalam(berhenti, t("2023-01-10"), t("2023-12-31")));
    }

    #[test]
    fn jabatan_yang_boleh_dipegang_bersama() {
        assert!(jabatan_bersama("Anggota"));
        assert!(jabatan_bersama("anggota BPD"));
        assert!(jabatan_bersama("Kader Posyandu"));
        assert!(!jabatan_bersama("Ketua"));
        assert!(!jabatan_bersama("Sekretaris Desa"));
        for l in Lembaga::SEMUA {
            assert_eq!(Lembaga::dari_kode(l.kode()), Some(l));
        }
    }

    #[test]
    fn jabatan_dan_data_orang_diperiksa() {
        let t = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let isi = IsianJabatan {
            lembaga: "pemdes".into(),
            jabatan: "Sekretaris Desa".into(),
            mulai: Some(t("2026-01-10")),
            selesai: Some(t("2025-12-31")),
            sk_berkas: Some(BerkasSk {
                nama: "sk.docx".into(),
                isi: b"PK\x03\x04".to_vec(),
            }),
            ..Default::default()
        };
        let (l, mime, g) = periksa_jabatan(&isi);
        assert!(l.is_some() && mime.is_none());
        assert!(g.untuk("selesai").is_some() && g.untuk("sk_berkas").unwrap().contains("sk.docx"));
        let (l, _, g) = periksa_jabatan(&IsianJabatan::default());
        assert!(
            l.is_none()
                && g.untuk("lembaga").is_some()
                && g.untuk("jabatan").is_some()
                && g.untuk("mulai").is_some()
        );
        let mut g = DaftarGalat::default();
        let orang = IsianOrang {
            tanggal_lahir: Some(t("2030-01-01")),
            ..Default::default()
        };
        periksa_data_orang(&orang, t("2026-01-01"), &mut g);
        assert!(g.untuk("nama").is_some() && g.untuk("tanggal_lahir").is_some());
    }
}
