//! Regulations and decisions of the village (Permendagri 111/2014): the four kinds, what a
//! Perdes is about, the steps each kind walks (none may be skipped or repeated), and what each
//! step must carry: a date not before the step before it, and a number when enacted or
//! promulgated.

use crate::DaftarGalat;
use crate::isian::{tanggal_wajib, teks, tidak_sebelum};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum JenisPeraturan {
    Perdes,
    Perkades,
    PerdesBersama,
    Keputusan,
}

impl JenisPeraturan {
    pub const SEMUA: [JenisPeraturan; 4] = [
        JenisPeraturan::Perdes,
        JenisPeraturan::Perkades,
        JenisPeraturan::PerdesBersama,
        JenisPeraturan::Keputusan,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            JenisPeraturan::Perdes => "perdes",
            JenisPeraturan::Perkades => "perkades",
            JenisPeraturan::PerdesBersama => "perdes_bersama",
            JenisPeraturan::Keputusan => "keputusan",
        }
    }
    pub fn dari_kode(s: &str) -> Option<JenisPeraturan> {
        Self::SEMUA.into_iter().find(|j| j.kode() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            JenisPeraturan::Perdes => "Peraturan Desa",
            JenisPeraturan::Perkades => "Peraturan Kepala Desa",
            JenisPeraturan::PerdesBersama => "Peraturan Desa Bersama",
            JenisPeraturan::Keputusan => "Keputusan Kepala Desa",
        }
    }
    /// Discussed and agreed with the BPD before enactment.
    pub fn dibahas_bpd(self) -> bool {
        matches!(self, JenisPeraturan::Perdes | JenisPeraturan::PerdesBersama)
    }
    /// Where it is promulgated, if it is.
    pub fn lembaran(self) -> Option<Lembaran> {
        match self {
            JenisPeraturan::Perdes | JenisPeraturan::PerdesBersama => Some(Lembaran::Lembaran),
            JenisPeraturan::Perkades => Some(Lembaran::Berita),
            JenisPeraturan::Keputusan => None,
        }
    }
}

/// Lembaran Desa (Perdes) or Berita Desa (Perkades).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Lembaran {
    Lembaran,
    Berita,
}

impl Lembaran {
    pub fn kode(self) -> &'static str {
        match self {
            Lembaran::Lembaran => "lembaran",
            Lembaran::Berita => "berita",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Lembaran::Lembaran => "Lembaran Desa",
            Lembaran::Berita => "Berita Desa",
        }
    }
}

/// What a Perdes is about: the first four need the camat's/bupati's evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pokok {
    Apbdes,
    Pungutan,
    TataRuang,
    Organisasi,
    Lain,
}

impl Pokok {
    pub const SEMUA: [Pokok; 5] = [
        Pokok::Apbdes,
        Pokok::Pungutan,
        Pokok::TataRuang,
        Pokok::Organisasi,
        Pokok::Lain,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Pokok::Apbdes => "apbdes",
            Pokok::Pungutan => "pungutan",
            Pokok::TataRuang => "tata_ruang",
            Pokok::Organisasi => "organisasi",
            Pokok::Lain => "lain",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Pokok> {
        Self::SEMUA.into_iter().find(|p| p.kode() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            Pokok::Apbdes => "APBDes (termasuk perubahannya)",
            Pokok::Pungutan => "Pungutan desa",
            Pokok::TataRuang => "Tata ruang",
            Pokok::Organisasi => "Organisasi pemerintah desa",
            Pokok::Lain => "Lainnya",
        }
    }
    pub fn perlu_evaluasi(self) -> bool {
        self != Pokok::Lain
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Tahap {
    Rancangan,
    Disepakati,
    Dievaluasi,
    Ditetapkan,
    Diundangkan,
}

impl Tahap {
    pub const SEMUA: [Tahap; 5] = [
        Tahap::Rancangan,
        Tahap::Disepakati,
        Tahap::Dievaluasi,
        Tahap::Ditetapkan,
        Tahap::Diundangkan,
    ];
    pub fn kode(self) -> &'static str {
        match self {
            Tahap::Rancangan => "rancangan",
            Tahap::Disepakati => "disepakati",
            Tahap::Dievaluasi => "dievaluasi",
            Tahap::Ditetapkan => "ditetapkan",
            Tahap::Diundangkan => "diundangkan",
        }
    }
    pub fn dari_kode(s: &str) -> Option<Tahap> {
        Self::SEMUA.into_iter().find(|t| t.kode() == s.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            Tahap::Rancangan => "Rancangan",
            Tahap::Disepakati => "Disepakati bersama BPD",
            Tahap::Dievaluasi => "Dievaluasi camat/bupati",
            Tahap::Ditetapkan => "Ditetapkan",
            Tahap::Diundangkan => "Diundangkan",
        }
    }
    /// In force (enacted, promulgated or not): public, never deleted.
    pub fn berlaku(self) -> bool {
        self >= Tahap::Ditetapkan
    }
}

/// The steps a regulation of this kind and subject walks, in order.
pub fn urutan_tahap(jenis: JenisPeraturan, pokok: Pokok) -> Vec<Tahap> {
    let mut v = vec![Tahap::Rancangan];
    if jenis.dibahas_bpd() {
        v.push(Tahap::Disepakati);
        if pokok.perlu_evaluasi() {
            v.push(Tahap::Dievaluasi);
        }
    }
    v.push(Tahap::Ditetapkan);
    if jenis.lembaran().is_some() {
        v.push(Tahap::Diundangkan);
    }
    v
}

/// A draft as typed (or the editable fields of one further on).
#[derive(Debug, Clone, Default)]
pub struct IsianPeraturan {
    /// A `JenisPeraturan` code.
    pub jenis: String,
    /// A `Pokok` code; empty is "lain".
    pub pokok: String,
    pub tentang: String,
    pub uraian: String,
    pub keterangan: String,
    /// The version read, to change one; `None` makes a new draft.
    pub versi: Option<i64>,
}

/// One step forward: the stage reached and its number and date as typed.
#[derive(Debug, Clone, Default)]
pub struct IsianTahap {
    /// A `Tahap` code.
    pub tahap: String,
    pub nomor: String,
    pub tanggal: String,
    pub versi: Option<i64>,
}

/// A number as typed, collapsed spaces ("3", "141/05/2026").
pub fn nomor_rapi(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The step after `sekarang`, if any.
pub fn tahap_berikut(jenis: JenisPeraturan, pokok: Pokok, sekarang: Tahap) -> Option<Tahap> {
    let u = urutan_tahap(jenis, pokok);
    let i = u.iter().position(|t| *t == sekarang)?;
    u.get(i + 1).copied()
}

/// Whether a regulation at `sekarang` may move to `tujuan`; the reason when it may not,
/// naming the step to take first.
pub fn periksa_langkah(
    jenis: JenisPeraturan,
    pokok: Pokok,
    sekarang: Tahap,
    judul: &str,
    tentang: &str,
    tujuan: Tahap,
) -> Result<(), String> {
    let urutan = urutan_tahap(jenis, pokok);
    let berikut = tahap_berikut(jenis, pokok, sekarang);
    if berikut != Some(tujuan) {
        let pesan = if !urutan.contains(&tujuan) {
            match tujuan {
                Tahap::Disepakati => format!(
                    "{} tidak dibahas bersama BPD; tahap berikutnya: {}.",
                    jenis.label(),
                    berikut.map(Tahap::label).unwrap_or("tidak ada")
                ),
                Tahap::Dievaluasi => format!(
                    "{} tentang {} tidak memerlukan evaluasi camat/bupati (hanya Perdes tentang APBDes, pungutan, tata ruang dan organisasi pemerintah desa).",
                    jenis.label(),
                    tentang
                ),
                Tahap::Diundangkan => format!(
                    "{} tidak diundangkan dalam Lembaran Desa atau Berita Desa; cukup ditetapkan.",
                    jenis.label()
                ),
                _ => "Tahap itu tidak berlaku untuk jenis ini.".into(),
            }
        } else if tujuan <= sekarang {
            format!(
                "{} sudah pada tahap {}; tahap tidak dapat diulang atau dimundurkan.",
                judul,
                sekarang.label().to_lowercase()
            )
        } else {
            let lewat = berikut.unwrap_or(tujuan);
            match lewat {
                Tahap::Disepakati => format!(
                    "{} belum dibahas dan disepakati bersama BPD. Catat dulu tanggal kesepakatan BPD sebelum {}.",
                    jenis.label(),
                    tujuan.label().to_lowercase()
                ),
                Tahap::Dievaluasi => format!(
                    "Perdes tentang {} wajib dievaluasi camat/bupati sebelum ditetapkan. Catat dulu nomor dan tanggal hasil evaluasinya.",
                    pokok.label().to_lowercase()
                ),
                Tahap::Ditetapkan => format!(
                    "{} belum ditetapkan. Tetapkan dulu dengan nomor dan tanggalnya sebelum diundangkan.",
                    jenis.label()
                ),
                _ => "Tahap berikutnya belum dilalui.".into(),
            }
        };
        return Err(pesan);
    }
    Ok(())
}

/// A step's date (required, not after today, not before `sebelumnya`, the last step's date
/// and its name) and its number (required to enact or promulgate), tidied.
pub fn periksa_tanggal_nomor(
    jenis: JenisPeraturan,
    tujuan: Tahap,
    nomor: &str,
    tanggal: &str,
    hari_ini: NaiveDate,
    sebelumnya: Option<(NaiveDate, &str)>,
) -> Result<(NaiveDate, String), DaftarGalat> {
    let mut g = DaftarGalat::default();
    let label_tanggal = match tujuan {
        Tahap::Disepakati => "Tanggal kesepakatan bersama BPD",
        Tahap::Dievaluasi => "Tanggal hasil evaluasi",
        Tahap::Ditetapkan => "Tanggal penetapan",
        _ => "Tanggal pengundangan",
    };
    let tanggal = tanggal_wajib(&mut g, "tanggal", label_tanggal, tanggal, hari_ini);
    let nomor = nomor_rapi(nomor);
    if nomor.chars().count() > 60 {
        g.push("nomor", "Nomor terlalu panjang: paling banyak 60 karakter.");
    }
    let wajib_nomor = matches!(tujuan, Tahap::Ditetapkan | Tahap::Diundangkan);
    if wajib_nomor && nomor.is_empty() {
        g.push(
            "nomor",
            match tujuan {
                Tahap::Ditetapkan => format!("Nomor {} wajib diisi.", jenis.label()),
                _ => format!(
                    "Nomor {} wajib diisi.",
                    jenis
                        .lembaran()
                        .map(Lembaran::label)
                        .unwrap_or("pengundangan")
                ),
            },
        );
    }
    if let Some((s, l)) = sebelumnya {
        tidak_sebelum(&mut g, "tanggal", label_tanggal, tanggal, s, l);
    }

    match tanggal {
        Some(t) if g.is_empty() => Ok((t, nomor)),
        _ => Err(g),
    }
}

/// A draft's fields, checked.
#[derive(Debug, PartialEq, Eq)]
pub struct DrafSah {
    pub jenis: JenisPeraturan,
    pub pokok: Pokok,
    pub tentang: String,
    pub uraian: String,
    pub keterangan: String,
}

/// What is already stored of a regulation being changed.
pub struct DrafLama<'a> {
    pub tahap: Tahap,
    pub jenis: JenisPeraturan,
    pub pokok: Pokok,
    pub tentang: &'a str,
    /// "Peraturan Desa Nomor 3 Tahun 2026", named in messages.
    pub judul: String,
}

/// A new draft or a change: kind and subject from the lists (only a Perdes keeps its
/// subject), the title required. Past the draft the kind and subject are fixed, and once in
/// force the title is too.
pub fn periksa_draf(
    isi: &IsianPeraturan,
    lama: Option<DrafLama<'_>>,
) -> Result<DrafSah, DaftarGalat> {
    let mut g = DaftarGalat::default();
    let jenis = JenisPeraturan::dari_kode(&isi.jenis);
    if jenis.is_none() {
        g.push(
            "jenis",
            "Pilih jenis: Peraturan Desa, Peraturan Kepala Desa, Peraturan Desa Bersama atau Keputusan Kepala Desa.",
        );
    }
    let pokok = match isi.pokok.trim() {
        "" => Some(Pokok::Lain),
        s => Pokok::dari_kode(s),
    };
    if pokok.is_none() {
        g.push("pokok", "Pilih pokok pengaturan dari daftar.");
    }
    let tentang = teks(&mut g, "tentang", "Tentang", &isi.tentang, 300, true);
    let uraian = teks(&mut g, "uraian", "Uraian singkat", &isi.uraian, 2000, false);
    let ket = teks(
        &mut g,
        "keterangan",
        "Keterangan",
        &isi.keterangan,
        500,
        false,
    );
    let (Some(jenis), Some(mut pokok)) = (jenis, pokok) else {
        return Err(g);
    };
    // Only a Perdes is evaluated for its subject.
    if !jenis.dibahas_bpd() {
        pokok = Pokok::Lain;
    }
    if let Some(l) = lama {
        let tahap = l.tahap;
        if tahap != Tahap::Rancangan && (jenis != l.jenis || pokok != l.pokok) {
            g.push(
                "jenis",
                format!(
                    "Jenis dan pokok tidak dapat diubah lagi: {} sudah {}. Jenis dan pokok hanya diubah selama rancangan.",
                    l.jenis.label(),
                    tahap.label().to_lowercase()
                ),
            );
        }
        if tahap.berlaku() && tentang != l.tentang {
            g.push(
                "tentang",
                format!(
                    "{} sudah ditetapkan; judulnya (tentang) tidak dapat diubah lagi.",
                    l.judul
                ),
            );
        }
    }
    g.into_result(DrafSah {
        jenis,
        pokok,
        tentang,
        uraian,
        keterangan: ket,
    })
}

/// The report to the camat of a regulation in force: its letter number and a date not before
/// the enactment.
pub fn periksa_laporan(
    tahap: Tahap,
    jenis: JenisPeraturan,
    nomor: &str,
    tanggal: &str,
    tanggal_tetap: Option<NaiveDate>,
    hari_ini: NaiveDate,
) -> Result<(String, NaiveDate), DaftarGalat> {
    if !tahap.berlaku() {
        let mut g = DaftarGalat::default();
        g.push(
            "tahap",
            format!(
                "{} masih {}; laporan kepada camat dicatat sesudah ditetapkan.",
                jenis.label(),
                tahap.label().to_lowercase()
            ),
        );
        return Err(g);
    }
    let mut g = DaftarGalat::default();
    let nomor = teks(
        &mut g,
        "nomor_lapor",
        "Nomor surat laporan",
        nomor,
        60,
        true,
    );
    let t = tanggal_wajib(
        &mut g,
        "tanggal_lapor",
        "Tanggal laporan",
        tanggal,
        hari_ini,
    );
    if let Some(s) = tanggal_tetap {
        tidak_sebelum(
            &mut g,
            "tanggal_lapor",
            "Tanggal laporan",
            t,
            s,
            "tanggal penetapan",
        );
    }
    match t {
        Some(t) if g.is_empty() => Ok((nomor, t)),
        _ => Err(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn setiap_jenis_menempuh_tahapnya_sendiri() {
        use Tahap::*;
        assert_eq!(
            urutan_tahap(JenisPeraturan::Perdes, Pokok::Apbdes),
            vec![Rancangan, Disepakati, Dievaluasi, Ditetapkan, Diundangkan]
        );
        assert_eq!(
            urutan_tahap(JenisPeraturan::Perdes, Pokok::Lain),
            vec![Rancangan, Disepakati, Ditetapkan, Diundangkan]
        );
        assert_eq!(
            urutan_tahap(JenisPeraturan::Perkades, Pokok::Apbdes),
            vec![Rancangan, Ditetapkan, Diundangkan]
        );
        assert_eq!(
            urutan_tahap(JenisPeraturan::Keputusan, Pokok::Lain),
            vec![Rancangan, Ditetapkan]
        );
    }

    #[test]
    fn tahap_tidak_dilompati_diulang_atau_yang_tidak_berlaku() {
        let perdes = JenisPeraturan::Perdes;
        let judul = "Peraturan Desa";
        assert_eq!(
            periksa_langkah(
                perdes,
                Pokok::Apbdes,
                Tahap::Rancangan,
                judul,
                "APBDes",
                Tahap::Disepakati
            ),
            Ok(())
        );
        let lompat = periksa_langkah(
            perdes,
            Pokok::Apbdes,
            Tahap::Disepakati,
            judul,
            "APBDes",
            Tahap::Ditetapkan,
        )
        .unwrap_err();
        assert!(lompat.contains("wajib dievaluasi"), "{lompat}");
        let ulang = periksa_langkah(
            perdes,
            Pokok::Lain,
            Tahap::Ditetapkan,
            judul,
            "Pasar",
            Tahap::Disepakati,
        )
        .unwrap_err();
        assert!(ulang.contains("tidak dapat diulang"), "{ulang}");
        let keputusan = periksa_langkah(
            JenisPeraturan::Keputusan,
            Pokok::Lain,
            Tahap::Ditetapkan,
            "Keputusan Kepala Desa",
            "Tim",
            Tahap::Diundangkan,
        )
        .unwrap_err();
        assert!(keputusan.contains("tidak diundangkan"), "{keputusan}");
    }

    #[test]
    fn tanggal_dan_nomor_tiap_tahap() {
        let hari_ini = t("2026-03-01");
        let sepakat = Some((t("2026-02-10"), "tanggal kesepakatan BPD"));
        let g = periksa_tanggal_nomor(
            JenisPeraturan::Perdes,
            Tahap::Ditetapkan,
            "  ",
            "01-02-2026",
            hari_ini,
            sepakat,
        )
        .unwrap_err();
        assert!(g.untuk("nomor").unwrap().contains("Peraturan Desa"));
        assert!(g.untuk("tanggal").unwrap().contains("tidak boleh sebelum"));
        assert_eq!(
            periksa_tanggal_nomor(
                JenisPeraturan::Perdes,
                Tahap::Ditetapkan,
                " 3 ",
                "15-02-2026",
                hari_ini,
                sepakat
            ),
            Ok((t("2026-02-15"), "3".to_string()))
        );
        // Agreement needs no number; a date after today is refused.
        let g = periksa_tanggal_nomor(
            JenisPeraturan::Perdes,
            Tahap::Disepakati,
            "",
            "02-03-2026",
            hari_ini,
            None,
        )
        .unwrap_err();
        assert!(g.untuk("nomor").is_none() && g.untuk("tanggal").is_some());
    }

    #[test]
    fn jenis_tetap_setelah_rancangan_dan_judul_setelah_berlaku() {
        let isi = IsianPeraturan {
            jenis: "perkades".into(),
            pokok: "apbdes".into(),
            tentang: "Pasar desa".into(),
            ..Default::default()
        };
        // Only a Perdes keeps its subject.
        assert_eq!(periksa_draf(&isi, None).unwrap().pokok, Pokok::Lain);
        let lama = || DrafLama {
            tahap: Tahap::Ditetapkan,
            jenis: JenisPeraturan::Perdes,
            pokok: Pokok::Lain,
            tentang: "Pasar",
            judul: "Peraturan Desa Nomor 1 Tahun 2026".into(),
        };
        let g = periksa_draf(&isi, Some(lama())).unwrap_err();
        assert!(g.untuk("jenis").is_some() && g.untuk("tentang").is_some());
        let kosong = IsianPeraturan::default();
        let g = periksa_draf(&kosong, None).unwrap_err();
        assert!(g.untuk("jenis").is_some() && g.untuk("tentang").is_some());
    }

    #[test]
    fn laporan_hanya_setelah_ditetapkan() {
        let hari_ini = t("2026-03-01");
        let g = periksa_laporan(
            Tahap::Disepakati,
            JenisPeraturan::Perdes,
            "1",
            "01-03-2026",
            None,
            hari_ini,
        )
        .unwrap_err();
        assert!(g.untuk("tahap").is_some());
        let g = periksa_laporan(
            Tahap::Ditetapkan,
            JenisPeraturan::Perdes,
            "141/2",
            "01-01-2026",
            Some(t("2026-02-01")),
            hari_ini,
        )
        .unwrap_err();
        assert!(g.untuk("tanggal_lapor").is_some());
    }
}
