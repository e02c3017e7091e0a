//! Checking every row with the one validator (`DataPenduduk::dari_isian_dengan`) and the rules
//! that span rows of one file (a NIK once, one living head per family).
//!
//! Files are taken as SIAK, a district's spreadsheets and older systems write them. Before the
//! validator sees a row, this module turns what people typed into what the validator accepts,
//! and says what it did in a warning (never an error that stops the file):
//! - coded values: the spellings of `padanan`; a value still unknown (or a required one left
//!   empty) becomes the code list's "unknown"/"other" entry or a documented neutral value
//!   (`padanan::bila_tak_dikenal`);
//! - RT and RW written in one cell (see [`baca_rt_rw`]);
//! - an RT/RW whose dusun neither the file nor the village's register gives: the dusun the
//!   operator chose, else [`DUSUN_BELUM_DITENTUKAN`];
//! - unreadable optional dates and parents' NIKs: left empty;
//! - residents who died, moved, went missing or left: kept, with their status and the date of
//!   the event (from the file; else SIAK's "Tgl Ubah"; else the day of the import).
//!
//! Row errors are left for what cannot be guessed: no or a malformed NIK or KK number, an
//! unreadable or impossible date of birth, a name with digits, two heads of one family …

use super::kolom::{ALAMAT_KK, RT_RW, RW_RT, STATUS_DASAR, TANGGAL_PERISTIWA, TGL_UBAH};
use super::padanan::{self, BilaTakDikenal};
use super::tabel::{BarisData, Tabel};
use super::{GalatBaris, RtBaru};
use balai_domain::daftar::STATUS_DASAR as DAFTAR_STATUS_DASAR;
use balai_domain::nik::Nik;
use balai_domain::penduduk::kode::HIDUP;
use balai_domain::penduduk::{
    AturanIsian, DataPenduduk, KOLOM, kepala_keluarga, label_kolom, normal_rt_rw, parse_tanggal,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The dusun of RT/RWs that neither the file nor the village's register places, when the
/// operator chose none. Rename it, or move its RTs, on the village profile page afterwards.
pub const DUSUN_BELUM_DITENTUKAN: &str = "BELUM DITENTUKAN";

/// What the checks need to know about the village.
pub(crate) struct Konteks {
    pub hari_ini: NaiveDate,
    /// The village's RTs: (dusun, rw, rt), to find the dusun of a row that has none.
    pub rt: Vec<(String, String, String)>,
    /// Dusun for RT/RWs whose dusun is not known (already tidied; see `rapikan_dusun`).
    pub dusun_baru: String,
    /// True when `dusun_baru` is the operator's choice (not the default).
    pub dusun_dipilih: bool,
}

/// Where the date of a status event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SumberTanggal {
    /// A date-of-event column of the file.
    Berkas,
    /// SIAK's "Tgl Ubah" (when the record last changed in SIAK).
    TglUbah,
    /// No date in the file: the day of the import.
    HariImpor,
}

pub(crate) struct BarisSah {
    pub nomor: usize,
    pub data: DataPenduduk,
    /// Status dasar the file gives (HIDUP when it says nothing).
    pub status: i16,
    /// The date for a status other than HIDUP, and its source.
    pub tanggal_status: Option<(NaiveDate, SumberTanggal)>,
    /// The dusun came from the operator's choice (or the default), not from the file.
    pub dusun_dipilih: bool,
}

#[derive(Default)]
pub(crate) struct HasilPeriksa {
    pub total: usize,
    pub sah: Vec<BarisSah>,
    pub dilewati: usize,
    pub galat: Vec<GalatBaris>,
    pub peringatan: Vec<GalatBaris>,
    pub rt_baru: Vec<RtBaru>,
}

const GALAT_RUMUS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

const KOLOM_NIK: &[&str] = &["nik", "no_kk", "nik_ayah", "nik_ibu"];

/// Optional dates: unreadable (or, for events, in the future) → left empty with a warning.
const TANGGAL_OPSIONAL: &[(&str, bool)] = &[
    ("tanggal_akhir_paspor", false),
    ("tanggal_perkawinan", true),
    ("tanggal_perceraian", true),
];

/// What is known about earlier rows of the file with the same NIK or KK.
struct Sebelumnya {
    nik: HashMap<String, (usize, String, i16, usize)>,
    kepala: HashMap<String, (usize, String)>,
    /// Indexes into `sah` of rows dropped for a living row with the same NIK.
    dibuang: HashSet<usize>,
    /// Codes of the cell texts seen so far, per field: a SIAK column holds a few distinct
    /// spellings over thousands of rows.
    kode: HashMap<(&'static str, String), Option<i16>>,
}

/// Checks all rows. Rows with errors are reported and left out of `sah`.
pub(crate) fn periksa(t: &Tabel, k: &Konteks) -> HasilPeriksa {
    let mut h = HasilPeriksa {
        total: t.baris.len(),
        ..Default::default()
    };
    let dusun_rt = peta_dusun(&k.rt);
    let mut s = Sebelumnya {
        nik: HashMap::new(),
        kepala: HashMap::new(),
        dibuang: HashSet::new(),
        kode: HashMap::new(),
    };
    for b in &t.baris {
        periksa_baris(t, k, b, &dusun_rt, &mut h, &mut s);
    }
    if !s.dibuang.is_empty() {
        let mut i = 0;
        h.sah.retain(|_| {
            i += 1;
            !s.dibuang.contains(&(i - 1))
        });
    }
    rt_baru(t, k, &mut h);
    h
}

/// RT/RWs the import will create, with one warning for each whose dusun was chosen.
fn rt_baru(t: &Tabel, k: &Konteks, h: &mut HasilPeriksa) {
    let terdaftar: HashSet<(&str, &str, &str)> =
        k.rt.iter()
            .map(|(d, w, r)| (d.as_str(), w.as_str(), r.as_str()))
            .collect();
    let mut baru: BTreeMap<(String, String, String), RtBaru> = BTreeMap::new();
    for b in &h.sah {
        let d = &b.data;
        if terdaftar.contains(&(d.dusun.as_str(), d.rw.as_str(), d.rt.as_str())) {
            continue;
        }
        let e = baru
            .entry((d.dusun.clone(), d.rw.clone(), d.rt.clone()))
            .or_insert_with(|| RtBaru {
                dusun: d.dusun.clone(),
                rw: d.rw.clone(),
                rt: d.rt.clone(),
                baris: b.nomor,
                jumlah: 0,
                dusun_dipilih: false,
            });
        e.jumlah += 1;
        e.dusun_dipilih |= b.dusun_dipilih;
    }
    for r in baru.values().filter(|r| r.dusun_dipilih) {
        let asal = if k.dusun_dipilih {
            "dusun yang dipilih operator"
        } else {
            "dusun bawaan untuk RT yang dusunnya belum diketahui"
        };
        h.peringatan.push(GalatBaris {
            baris: r.baris,
            kolom: t.judul("rt"),
            nilai: format!("RW {} RT {}", r.rw, r.rt),
            pesan: format!(
                "RW {} RT {} belum terdaftar di desa dan berkas tidak menyebut dusunnya: RT ini dibuat di dusun {} ({asal}); {} baris memakai RT ini. Pindahkan ke dusun yang benar di halaman Profil desa, bagian Wilayah, bila perlu.",
                r.rw, r.rt, r.dusun, r.jumlah
            ),
        });
    }
    h.rt_baru = baru.into_values().collect();
}

fn periksa_baris(
    t: &Tabel,
    k: &Konteks,
    b: &BarisData,
    dusun_rt: &HashMap<(String, String), Vec<String>>,
    h: &mut HasilPeriksa,
    s: &mut Sebelumnya,
) {
    let mentah = |kunci: &str| -> &str {
        t.indeks(kunci)
            .and_then(|i| b.sel.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let galat = |kunci: &str, nilai: &str, pesan: String| GalatBaris {
        baris: b.nomor,
        kolom: t.judul(kunci),
        nilai: nilai.to_string(),
        pesan,
    };
    let mut sudah: HashSet<&str> = HashSet::new();
    let mut nilai: HashMap<&'static str, String> = HashMap::with_capacity(KOLOM.len() + 2);
    let mut galat_baris: Vec<GalatBaris> = Vec::new();
    let mut catatan: Vec<GalatBaris> = Vec::new();

    // Formula errors saved in cells (#N/A, #REF! …) are refused by name, once per cell.
    for (kunci, _) in &t.kolom {
        let v = mentah(kunci);
        if GALAT_RUMUS.contains(&v.to_uppercase().as_str()) {
            galat_baris.push(galat(
                kunci,
                v,
                format!("Sel berisi galat rumus Excel ({v}). Perbaiki rumusnya atau ganti dengan nilai yang benar."),
            ));
            sudah.insert(kunci);
        }
    }
    let bersih = |sudah: &HashSet<&str>, kunci: &str| -> String {
        if sudah.contains(kunci) {
            String::new()
        } else {
            mentah(kunci).to_string()
        }
    };

    for kunci in KOLOM {
        let mut v = bersih(&sudah, kunci);
        if KOLOM_NIK.contains(kunci) {
            v = bersihkan_nomor(&v);
        }
        nilai.insert(kunci, v);
    }
    // Excel turns a long number into "5,20114E+15": the digits are gone for good.
    for kunci in KOLOM_NIK {
        let v = mentah(kunci);
        if !sudah.contains(kunci) && v.to_uppercase().contains("E+") {
            galat_baris.push(galat(
                kunci,
                v,
                format!(
                    "{} tertulis dalam notasi ilmiah karena kolomnya berformat angka di Excel; digitnya sudah hilang. Format kolom sebagai Teks, lalu ketik ulang nomornya (16 digit).",
                    t.judul(kunci)
                ),
            ));
            sudah.insert(kunci);
            nilai.insert(kunci, String::new());
        }
    }

    // Coded values: the file's spellings, then the rule for what is still unknown.
    let nik_teks = nilai.get("nik").cloned().unwrap_or_default();
    for kunci in KOLOM {
        if padanan::daftar(kunci).is_none() || sudah.contains(kunci) {
            continue;
        }
        let v = nilai.get(kunci).cloned().unwrap_or_default();
        let (kode, catat) = kode_sel(kunci, &v, &nik_teks, &mut s.kode);
        if let Some(pesan) = catat {
            catatan.push(galat(kunci, &v, pesan));
        }
        nilai.insert(kunci, kode);
    }

    // Optional dates and parents' NIKs that cannot be read are left empty.
    for (kunci, lalu) in TANGGAL_OPSIONAL {
        let v = nilai.get(kunci).cloned().unwrap_or_default();
        if v.is_empty() || v == "-" || v.starts_with("0000") {
            continue;
        }
        let pesan = match parse_tanggal(&v) {
            None => Some(format!(
                "{} \"{v}\" bukan tanggal yang dapat dibaca; dikosongkan. Isi kembali lewat halaman penduduk bila diketahui.",
                label_kolom(kunci)
            )),
            Some(d) if *lalu && d > k.hari_ini => Some(format!(
                "{} ({d}) berada di masa depan; dikosongkan. Periksa kembali tanggalnya.",
                label_kolom(kunci)
            )),
            Some(_) => None,
        };
        if let Some(p) = pesan {
            catatan.push(galat(kunci, &v, p));
            nilai.insert(kunci, String::new());
        }
    }
    for kunci in ["nik_ayah", "nik_ibu"] {
        let v = nilai.get(kunci).cloned().unwrap_or_default();
        if v.is_empty() || v == "-" || v.chars().all(|c| c == '0') {
            continue;
        }
        if let Err(e) = Nik::parse_wilayah_bebas(&v) {
            catatan.push(galat(
                kunci,
                &v,
                format!(
                    "{}: {e} Nomor ini dikosongkan; data penduduk tetap diimpor.",
                    label_kolom(kunci)
                ),
            ));
            nilai.insert(kunci, String::new());
        }
    }

    // RT and RW, possibly in one cell.
    let (rt, rw) = rt_rw_baris(t, &bersih, &sudah, &galat, &mut catatan);
    nilai.insert("rt", rt);
    nilai.insert("rw", rw);

    let alamat = nilai.get("alamat_sekarang").cloned().unwrap_or_default();
    if alamat.is_empty() {
        nilai.insert("alamat_sekarang", bersih(&sudah, ALAMAT_KK));
    }

    // The dusun: the file's column; else named in the address; else the one dusun with this
    // RW/RT in the village; else the operator's choice (or "BELUM DITENTUKAN").
    let mut dusun = rapikan_dusun(&nilai.get("dusun").cloned().unwrap_or_default());
    let mut dusun_dipilih = false;
    if dusun.is_empty() && !sudah.contains("dusun") {
        dusun = cari_dusun(
            &nilai.get("alamat_sekarang").cloned().unwrap_or_default(),
            &normal_rt_rw(&nilai["rw"]),
            &normal_rt_rw(&nilai["rt"]),
            dusun_rt,
        );
        if dusun.is_empty() {
            dusun = k.dusun_baru.clone();
            dusun_dipilih = true;
        }
    }
    nilai.insert("dusun", dusun);

    // Status dasar: every status is imported; an unknown one counts as HIDUP.
    let status_teks = bersih(&sudah, STATUS_DASAR);
    let status = if status_teks.is_empty() || status_teks == "-" {
        HIDUP
    } else {
        match padanan::cari(STATUS_DASAR, &status_teks) {
            Some(s) => s,
            None => {
                catatan.push(galat(
                    STATUS_DASAR,
                    &status_teks,
                    format!(
                        "Status dasar \"{status_teks}\" tidak dikenal; penduduk diimpor sebagai HIDUP. Pilihan: {}.",
                        DAFTAR_STATUS_DASAR.petunjuk()
                    ),
                ));
                HIDUP
            }
        }
    };

    let ambil = |kunci: &str| nilai.get(kunci).cloned();
    let hasil = DataPenduduk::dari_isian_dengan(&ambil, k.hari_ini, AturanIsian::IMPOR);
    match hasil {
        Err(g) => {
            for gi in g.0 {
                if sudah.contains(gi.kolom.as_str()) {
                    continue;
                }
                let v = mentah(&gi.kolom).to_string();
                let v = if v.is_empty() {
                    nilai.get(gi.kolom.as_str()).cloned().unwrap_or_default()
                } else {
                    v
                };
                galat_baris.push(galat(&gi.kolom, &v, gi.pesan));
            }
        }
        Ok(d) if galat_baris.is_empty() => {
            let mut ok = true;
            let hidup = status == HIDUP;
            if let Some((n, nama, status_lain, i)) = s.nik.get(d.nik.as_str()).cloned() {
                // The same person twice, once living and once dead or gone (an old row left in
                // the sheet): the living row is kept.
                if hidup != (status_lain == HIDUP) {
                    let (buang, nomor_buang, tetap) = if hidup {
                        (Some(i), n, b.nomor)
                    } else {
                        (None, b.nomor, n)
                    };
                    let label = |st: i16| DAFTAR_STATUS_DASAR.label(st).unwrap_or("-");
                    h.peringatan.push(GalatBaris {
                        baris: nomor_buang,
                        kolom: t.judul("nik"),
                        nilai: d.nik.to_string(),
                        pesan: format!(
                            "NIK {} juga ada pada baris {tetap} ({}); baris berstatus {} ini dilewati dan baris berstatus HIDUP yang dipakai.",
                            d.nik,
                            if hidup { d.nama.as_str() } else { nama.as_str() },
                            label(if hidup { status_lain } else { status })
                        ),
                    });
                    h.dilewati += 1;
                    match buang {
                        Some(i) => {
                            s.dibuang.insert(i);
                        }
                        None => return,
                    }
                } else {
                    galat_baris.push(galat(
                        "nik",
                        d.nik.as_str(),
                        format!(
                            "NIK {} sudah dipakai pada baris {n} ({nama}). Satu NIK hanya untuk satu penduduk; hapus salah satu baris.",
                            d.nik
                        ),
                    ));
                    ok = false;
                }
            }
            // One head per family among the living; the dead and gone keep their SHDK as
            // history and are never made head.
            if ok && hidup && kepala_keluarga(d.shdk_id) {
                match &d.no_kk {
                    None => {
                        galat_baris.push(galat(
                            "no_kk",
                            "",
                            "Kepala keluarga harus mempunyai Nomor KK.".into(),
                        ));
                        ok = false;
                    }
                    Some(kk) => {
                        if let Some((n, nama)) = s.kepala.get(kk.as_str()) {
                            galat_baris.push(galat(
                                "shdk_id",
                                mentah("shdk_id"),
                                format!(
                                    "Keluarga dengan KK {kk} sudah mempunyai kepala keluarga pada baris {n} ({nama}). Satu keluarga hanya boleh satu kepala keluarga; ubah hubungan keluarga salah satunya."
                                ),
                            ));
                            ok = false;
                        } else {
                            s.kepala.insert(kk.to_string(), (b.nomor, d.nama.clone()));
                        }
                    }
                }
            }
            if ok {
                let tanggal_status = (!hidup)
                    .then(|| tanggal_status(t, k, &d, &bersih, &sudah, &galat, &mut catatan));
                peringatan_data(t, b, &d, &mut catatan);
                s.nik.insert(
                    d.nik.to_string(),
                    (b.nomor, d.nama.clone(), status, h.sah.len()),
                );
                h.peringatan.append(&mut catatan);
                h.sah.push(BarisSah {
                    nomor: b.nomor,
                    data: d,
                    status,
                    tanggal_status,
                    dusun_dipilih,
                });
            }
        }
        Ok(_) => {}
    }
    h.galat.extend(galat_baris);
}

/// The code for a coded cell, and a warning when the cell had to be interpreted.
fn kode_sel(
    kunci: &'static str,
    v: &str,
    nik: &str,
    tembolok: &mut HashMap<(&'static str, String), Option<i16>>,
) -> (String, Option<String>) {
    let label = label_kolom(kunci);
    let wajib = matches!(
        kunci,
        "jenis_kelamin"
            | "agama_id"
            | "pendidikan_kk_id"
            | "pekerjaan_id"
            | "status_kawin_id"
            | "shdk_id"
    );
    let kosong = v.is_empty() || v == "-" || v == "0";
    if kosong && !(kunci == "golongan_darah_id" && v == "-") {
        if !wajib {
            return (String::new(), None);
        }
    } else if let Some(kode) = *tembolok
        .entry((kunci, v.to_string()))
        .or_insert_with(|| padanan::cari(kunci, v))
    {
        return (kode.to_string(), None);
    }
    let daftar = padanan::daftar(kunci).expect("coded field");
    let apa = if kosong {
        format!("{label} kosong")
    } else {
        format!("{label} \"{v}\" tidak dikenal")
    };
    let nama = |kode: i16| format!("{kode} ({})", daftar.label(kode).unwrap_or("-"));
    match padanan::bila_tak_dikenal(kunci) {
        BilaTakDikenal::Kode(kode) => (
            kode.to_string(),
            Some(format!(
                "{apa}; diisi {}, pilihan \"tidak diketahui/lainnya\" pada daftar kode. Perbaiki bila nilai sebenarnya diketahui. Pilihan: {}.",
                nama(kode),
                daftar.petunjuk()
            )),
        ),
        BilaTakDikenal::Netral(kode, alasan) => (
            kode.to_string(),
            Some(format!(
                "{apa}; diisi {} ({alasan}). Periksa dan perbaiki data ini. Pilihan: {}.",
                nama(kode),
                daftar.petunjuk()
            )),
        ),
        BilaTakDikenal::DariNik => match Nik::parse_wilayah_bebas(nik) {
            Ok(n) if !n.menunggu() => {
                let kode = if n.perempuan() { 2 } else { 1 };
                (
                    kode.to_string(),
                    Some(format!(
                        "{apa}; diisi {} menurut NIK (pada NIK perempuan, tanggal lahir ditambah 40). Periksa kembali.",
                        nama(kode)
                    )),
                )
            }
            // Without a real NIK there is nothing to go by: the validator names the cell.
            _ => (v.to_string(), None),
        },
        BilaTakDikenal::Kosong => (
            String::new(),
            Some(format!(
                "{apa}; dikosongkan (daftar kode tidak mempunyai pilihan \"tidak diketahui\"). Pilihan: {}.",
                daftar.petunjuk()
            )),
        ),
    }
}

/// RT and RW of a row, from the RT and RW columns or one cell holding both. A combined cell
/// wins over a separate column that disagrees, with a warning.
fn rt_rw_baris(
    t: &Tabel,
    bersih: &dyn Fn(&HashSet<&str>, &str) -> String,
    sudah: &HashSet<&str>,
    galat: &dyn Fn(&str, &str, String) -> GalatBaris,
    catatan: &mut Vec<GalatBaris>,
) -> (String, String) {
    let kol_rt = bersih(sudah, "rt");
    let kol_rw = bersih(sudah, "rw");
    let mut gabungan = None;
    for (kunci, rw_dulu) in [(RT_RW, false), (RW_RT, true), ("rt", false), ("rw", false)] {
        if let SelRtRw::Gabungan { rt, rw } = baca_rt_rw(&bersih(sudah, kunci), rw_dulu) {
            gabungan = Some((kunci, rt, rw));
            break;
        }
    }
    if let Some((asal, rt, rw)) = gabungan {
        for (kolom, isi, dari_gabungan) in [("rt", &kol_rt, &rt), ("rw", &kol_rw, &rw)] {
            if kolom == asal {
                continue;
            }
            if let SelRtRw::Satu { angka, .. } = baca_rt_rw(isi, false)
                && normal_rt_rw(&angka) != normal_rt_rw(dari_gabungan)
            {
                catatan.push(galat(
                    kolom,
                    isi,
                    format!(
                        "{} pada kolom {} ({isi}) berbeda dengan sel gabungan pada kolom {} ({}); dipakai {} {}.",
                        kolom.to_uppercase(),
                        t.judul(kolom),
                        t.judul(asal),
                        bersih(sudah, asal),
                        kolom.to_uppercase(),
                        normal_rt_rw(dari_gabungan)
                    ),
                ));
            }
        }
        return (rt, rw);
    }
    let mut rt = kol_rt.clone();
    let mut rw = kol_rw.clone();
    if let SelRtRw::Satu { angka, .. } = baca_rt_rw(&kol_rt, false) {
        rt = angka;
    }
    if let SelRtRw::Satu { angka, .. } = baca_rt_rw(&kol_rw, false) {
        rw = angka;
    }
    // Only a combined column, holding one number: its label decides, else it is the RT.
    for kunci in [RT_RW, RW_RT] {
        if let SelRtRw::Satu { angka, label } = baca_rt_rw(&bersih(sudah, kunci), false) {
            match label {
                Some(Label::Rw) if rw.is_empty() => rw = angka,
                _ if rt.is_empty() => rt = angka,
                _ => {}
            }
        }
    }
    (rt, rw)
}

/// The date of a dead or gone resident's status: the file's date column, else SIAK's
/// "Tgl Ubah", else the day of the import. A date before the birth or in the future is not used.
fn tanggal_status(
    t: &Tabel,
    k: &Konteks,
    d: &DataPenduduk,
    bersih: &dyn Fn(&HashSet<&str>, &str) -> String,
    sudah: &HashSet<&str>,
    galat: &dyn Fn(&str, &str, String) -> GalatBaris,
    catatan: &mut Vec<GalatBaris>,
) -> (NaiveDate, SumberTanggal) {
    let masuk_akal = |x: NaiveDate| x >= d.tanggal_lahir && x <= k.hari_ini;
    for (kunci, sumber) in [
        (TANGGAL_PERISTIWA, SumberTanggal::Berkas),
        (TGL_UBAH, SumberTanggal::TglUbah),
    ] {
        let v = bersih(sudah, kunci);
        if v.is_empty() || v == "-" {
            continue;
        }
        match parse_tanggal(&v) {
            Some(x) if masuk_akal(x) => return (x, sumber),
            _ if sumber == SumberTanggal::Berkas => catatan.push(galat(
                kunci,
                &v,
                format!(
                    "{} \"{v}\" bukan tanggal yang dapat dipakai (tidak terbaca, sebelum tanggal lahir, atau di masa depan); tanggal lain dipakai.",
                    t.judul(kunci)
                ),
            )),
            _ => {}
        }
    }
    (k.hari_ini, SumberTanggal::HariImpor)
}

/// Things worth a second look that do not stop the import.
fn peringatan_data(t: &Tabel, b: &BarisData, d: &DataPenduduk, out: &mut Vec<GalatBaris>) {
    let w = |kunci: &str, nilai: String, pesan: String| GalatBaris {
        baris: b.nomor,
        kolom: t.judul(kunci),
        nilai,
        pesan,
    };
    if !d.nik.menunggu() && !d.nik.cocok_tanggal_lahir(d.tanggal_lahir) {
        let (h, m, y) = d.nik.bagian_tanggal();
        out.push(w(
            "tanggal_lahir",
            d.tanggal_lahir.format("%d-%m-%Y").to_string(),
            format!(
                "Tanggal lahir tidak sama dengan bagian tanggal pada NIK ({h:02}-{m:02}-{y:02}). Periksa kembali NIK atau tanggal lahir."
            ),
        ));
    }
    if !d.nik.menunggu() && d.nik.perempuan() != (d.jenis_kelamin == 2) {
        out.push(w(
            "jenis_kelamin",
            d.jenis_kelamin.to_string(),
            "Jenis kelamin tidak sesuai dengan NIK (untuk perempuan, tanggal pada NIK ditambah 40). Periksa kembali.".into(),
        ));
    }
    // Excel keeps 15 significant digits: a NIK typed as a number may have lost its last one.
    if let Some(i) = t.indeks("nik")
        && i < 64
        && b.angka & (1 << i) != 0
        && d.nik.as_str().ends_with('0')
    {
        out.push(w(
            "nik",
            d.nik.to_string(),
            "NIK diketik sebagai angka di Excel, yang hanya menyimpan 15 digit; digit terakhir mungkin berubah menjadi 0. Pastikan NIK benar dan format kolom NIK sebagai Teks.".into(),
        ));
    }
}

/// Removes what Dukcapil exports and Excel add around numbers: spaces, non-breaking and
/// zero-width spaces, the leading apostrophe of a text cell.
pub(crate) fn bersihkan_nomor(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\'' | '`' | '\u{200B}' | '\u{FEFF}' | '\u{00A0}')
        })
        .collect()
}

/// Dusun names as OpenSID writes them: upper case, without the word "DUSUN".
pub(crate) fn rapikan_dusun(s: &str) -> String {
    let t = s.trim().replace('_', " ").to_uppercase();
    let t = t.strip_prefix("DUSUN ").map(str::to_string).unwrap_or(t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn peta_dusun(rt: &[(String, String, String)]) -> HashMap<(String, String), Vec<String>> {
    let mut m: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (d, rw, r) in rt {
        let e = m.entry((rw.clone(), r.clone())).or_default();
        if !e.contains(d) {
            e.push(d.clone());
        }
    }
    m
}

/// The dusun of a row without one: named in the address ("DUSUN KRAJAN", "DSN. KRAJAN"), else
/// the one dusun that has this RW/RT in the village; else empty.
fn cari_dusun(
    alamat: &str,
    rw: &str,
    rt: &str,
    dusun_rt: &HashMap<(String, String), Vec<String>>,
) -> String {
    let a = alamat.to_uppercase();
    let kata: Vec<&str> = a
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect();
    for (i, w) in kata.iter().enumerate() {
        if matches!(
            w.trim_end_matches(['.', ':']),
            "DUSUN" | "DSN" | "DUKUH" | "DK"
        ) {
            let nama: Vec<&str> = kata[i + 1..]
                .iter()
                .take_while(|x| {
                    !matches!(**x, "RT" | "RW" | "RT." | "RW." | "DESA" | "KEL." | "KEL")
                        && !x.starts_with("RT.")
                        && !x.starts_with("RW.")
                })
                .copied()
                .collect();
            if !nama.is_empty() {
                return rapikan_dusun(&nama.join(" "));
            }
        }
    }
    if let Some(d) = dusun_rt.get(&(rw.to_string(), rt.to_string()))
        && d.len() == 1
    {
        return d[0].clone();
    }
    String::new()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Rt,
    Rw,
}

/// What one cell says about RT and RW.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SelRtRw {
    /// Both, as digits.
    Gabungan { rt: String, rw: String },
    /// One number, labelled or not ("RT 02", "2").
    Satu { angka: String, label: Option<Label> },
    /// Empty, or not RT/RW numbers.
    Lain,
}

/// Reads RT and RW written in one cell: "001/002", "RT 02 / RW 05", "RT.002 RW.005", "02/05",
/// "RW 05 RT 02", "RT/RW 001/002".
///
/// The rule: labels in the cell decide which number is which ("RW 05 RT 02" is RT 02, RW 05;
/// "RT/RW 001/002" is RT 001, RW 002). Without labels the order is RT then RW, as SIAK and the
/// KTP write "RT/RW" — unless the column is headed "RW/RT" (`rw_dulu`).
pub(crate) fn baca_rt_rw(teks: &str, rw_dulu: bool) -> SelRtRw {
    #[derive(PartialEq)]
    enum Token {
        L(Label),
        A(String),
    }
    let c: Vec<char> = teks.to_uppercase().chars().collect();
    let mut token = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let mulai = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            token.push(Token::A(c[mulai..i].iter().collect()));
            continue;
        }
        if c[i] == 'R'
            && matches!(c.get(i + 1), Some('T' | 'W'))
            && !c.get(i + 2).is_some_and(|x| x.is_alphabetic())
        {
            token.push(Token::L(if c[i + 1] == 'T' {
                Label::Rt
            } else {
                Label::Rw
            }));
            i += 2;
            continue;
        }
        if c[i].is_alphanumeric() {
            return SelRtRw::Lain;
        }
        i += 1;
    }
    let pasang = |pertama: Label, a: &str, b: &str| match pertama {
        Label::Rt => SelRtRw::Gabungan {
            rt: a.into(),
            rw: b.into(),
        },
        Label::Rw => SelRtRw::Gabungan {
            rt: b.into(),
            rw: a.into(),
        },
    };
    match token.as_slice() {
        [Token::A(a), Token::A(b)] => pasang(if rw_dulu { Label::Rw } else { Label::Rt }, a, b),
        [Token::L(x), Token::A(a), Token::L(y), Token::A(b)]
        | [Token::L(x), Token::L(y), Token::A(a), Token::A(b)]
            if x != y =>
        {
            pasang(*x, a, b)
        }
        [Token::A(a)] => SelRtRw::Satu {
            angka: a.clone(),
            label: None,
        },
        [Token::L(x), Token::A(a)] => SelRtRw::Satu {
            angka: a.clone(),
            label: Some(*x),
        },
        _ => SelRtRw::Lain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dusun_dari_alamat_siak() {
        let m = HashMap::new();
        assert_eq!(
            cari_dusun("DSN. KRAJAN RT 001 RW 002", "002", "001", &m),
            "KRAJAN"
        );
        assert_eq!(
            cari_dusun("DUSUN SIDOREJO RT.001 RW.002", "002", "001", &m),
            "SIDOREJO"
        );
        assert_eq!(cari_dusun("JL MAWAR", "002", "001", &m), "");
        assert_eq!(rapikan_dusun("dusun  krajan_lor"), "KRAJAN LOR");
    }

    fn gab(rt: &str, rw: &str) -> SelRtRw {
        SelRtRw::Gabungan {
            rt: rt.into(),
            rw: rw.into(),
        }
    }

    #[test]
    fn rt_rw_dalam_satu_sel() {
        assert_eq!(baca_rt_rw("001/002", false), gab("001", "002"));
        assert_eq!(baca_rt_rw("02/05", false), gab("02", "05"));
        assert_eq!(baca_rt_rw("02/05", true), gab("05", "02"));
        assert_eq!(baca_rt_rw("RT 02 / RW 05", false), gab("02", "05"));
        assert_eq!(baca_rt_rw("RT.002 RW.005", true), gab("002", "005"));
        assert_eq!(baca_rt_rw("rw 05 rt 02", false), gab("02", "05"));
        assert_eq!(baca_rt_rw("RT/RW 001/002", false), gab("001", "002"));
        assert_eq!(baca_rt_rw("RW/RT 002/001", false), gab("001", "002"));
        assert_eq!(baca_rt_rw("RT02RW05", false), gab("02", "05"));
        assert_eq!(
            baca_rt_rw("RT 02", false),
            SelRtRw::Satu {
                angka: "02".into(),
                label: Some(Label::Rt)
            }
        );
        assert_eq!(
            baca_rt_rw("3", false),
            SelRtRw::Satu {
                angka: "3".into(),
                label: None
            }
        );
        assert_eq!(baca_rt_rw("", false), SelRtRw::Lain);
        assert_eq!(baca_rt_rw("-", false), SelRtRw::Lain);
        assert_eq!(baca_rt_rw("KRAJAN 2", false), SelRtRw::Lain);
        assert_eq!(baca_rt_rw("RT 1 RT 2", false), SelRtRw::Lain);
        assert_eq!(baca_rt_rw("1/2/3", false), SelRtRw::Lain);
    }

    #[test]
    fn kode_tak_dikenal_diganti_dengan_peringatan() {
        let mut c = HashMap::new();
        let mut kode_sel =
            |kunci: &'static str, v: &str, nik: &str| super::kode_sel(kunci, v, nik, &mut c);
        let (k, p) = kode_sel("agama_id", "JEDI", "3325081505800001");
        assert_eq!(k, "7");
        assert!(p.unwrap().contains("\"JEDI\" tidak dikenal"));
        let (k, p) = kode_sel("pekerjaan_id", "", "3325081505800001");
        assert_eq!(k, "89");
        assert!(p.unwrap().contains("kosong"));
        let (k, p) = kode_sel("jenis_kelamin", "X", "3325085505800001");
        assert_eq!(k, "2");
        assert!(p.unwrap().contains("menurut NIK"));
        let (k, p) = kode_sel("status_kawin_id", "KAWIN SIRI?", "3325081505800001");
        assert_eq!(k, "1");
        assert!(p.unwrap().contains("BELUM KAWIN"));
        let (k, p) = kode_sel("hamil", "MUNGKIN", "3325081505800001");
        assert_eq!(k, "");
        assert!(p.unwrap().contains("dikosongkan"));
        assert_eq!(kode_sel("hamil", "", "x"), (String::new(), None));
        assert_eq!(
            kode_sel("golongan_darah_id", "-", "x"),
            ("13".to_string(), None)
        );
        assert_eq!(kode_sel("shdk_id", "Istri", "x"), ("3".to_string(), None));
    }
}
