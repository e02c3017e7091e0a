//! Checking every row with the one validator (`DataPenduduk::dari_isian`) and the rules that
//! span rows of one file (a NIK once, one head per family).

use super::kolom::{ALAMAT_KK, STATUS_DASAR, normal_judul};
use super::tabel::{BarisData, Tabel};
use super::{FormatImpor, GalatBaris};
use balai_domain::daftar::STATUS_DASAR as DAFTAR_STATUS_DASAR;
use balai_domain::penduduk::kepala_keluarga;
use balai_domain::penduduk::{DataPenduduk, KOLOM, normal_rt_rw};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// What the checks need to know about the village.
pub(crate) struct Konteks {
    pub hari_ini: NaiveDate,
    /// The village's RTs: (dusun, rw, rt), to find the dusun of a SIAK row.
    pub rt: Vec<(String, String, String)>,
}

pub(crate) struct BarisSah {
    pub nomor: usize,
    pub data: DataPenduduk,
}

#[derive(Default)]
pub(crate) struct HasilPeriksa {
    pub total: usize,
    pub sah: Vec<BarisSah>,
    pub dilewati: usize,
    pub galat: Vec<GalatBaris>,
    pub peringatan: Vec<GalatBaris>,
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

/// Checks all rows. Rows with errors are reported and left out of `sah`.
pub(crate) fn periksa(t: &Tabel, k: &Konteks) -> HasilPeriksa {
    let mut h = HasilPeriksa {
        total: t.baris.len(),
        ..Default::default()
    };
    let dusun_rt = peta_dusun(&k.rt);
    let satu_dusun: Option<&str> = {
        let semua: HashSet<&str> = k.rt.iter().map(|(d, ..)| d.as_str()).collect();
        (semua.len() == 1)
            .then(|| semua.into_iter().next())
            .flatten()
    };
    let mut nik_baris: HashMap<String, (usize, String)> = HashMap::new();
    let mut kepala: HashMap<String, (usize, String)> = HashMap::new();
    for b in &t.baris {
        periksa_baris(
            t,
            k,
            b,
            &dusun_rt,
            satu_dusun,
            &mut h,
            &mut nik_baris,
            &mut kepala,
        );
    }
    h
}

#[allow(clippy::too_many_arguments)]
fn periksa_baris(
    t: &Tabel,
    k: &Konteks,
    b: &BarisData,
    dusun_rt: &HashMap<(String, String), Vec<String>>,
    satu_dusun: Option<&str>,
    h: &mut HasilPeriksa,
    nik_baris: &mut HashMap<String, (usize, String)>,
    kepala: &mut HashMap<String, (usize, String)>,
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
        if let Some(kode) = padanan(kunci, &v) {
            v = kode.to_string();
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

    let alamat = nilai.get("alamat_sekarang").cloned().unwrap_or_default();
    if alamat.is_empty() {
        nilai.insert("alamat_sekarang", bersih(&sudah, ALAMAT_KK));
    }

    let dusun = rapikan_dusun(&nilai.get("dusun").cloned().unwrap_or_default());
    let dusun = if dusun.is_empty() && t.format == FormatImpor::Siak {
        cari_dusun(
            &nilai.get("alamat_sekarang").cloned().unwrap_or_default(),
            &normal_rt_rw(mentah("rw")),
            &normal_rt_rw(mentah("rt")),
            dusun_rt,
            satu_dusun,
        )
    } else {
        dusun
    };
    if dusun.is_empty() && t.format == FormatImpor::Siak {
        galat_baris.push(galat(
            "rt",
            &format!("RW {} RT {}", mentah("rw"), mentah("rt")),
            "Dusun tidak dapat ditentukan: SIAK tidak memuat kolom dusun, RW/RT ini belum terdaftar di desa, dan alamat tidak menyebut dusun. Daftarkan dahulu RT tersebut di halaman Profil desa, bagian Wilayah, atau tambahkan kolom \"Dusun\" pada berkas.".into(),
        ));
        sudah.insert("dusun");
    }
    nilai.insert("dusun", dusun);

    // Status dasar: the import adds and updates living residents only; deaths and moves are
    // events with their own dates and documents.
    let status_teks = bersih(&sudah, STATUS_DASAR);
    let mut lewati = false;
    if !status_teks.is_empty() {
        let n = normal_judul(&status_teks).to_uppercase();
        let kode = match n.as_str() {
            "PINDAHDALAMNEGERI" | "PINDAHLUARNEGERI" | "PINDAHKELUAR" => Some(3),
            "AKTIF" | "ADA" => Some(1),
            _ => DAFTAR_STATUS_DASAR.dari_sel(&status_teks),
        };
        match kode {
            Some(1) => {}
            Some(s) => {
                lewati = true;
                h.peringatan.push(galat(
                    STATUS_DASAR,
                    &status_teks,
                    format!(
                        "Baris dilewati: status dasar {}. Impor hanya menambah atau memperbarui penduduk yang hidup; catat kematian, kepindahan atau kehilangan melalui menu Peristiwa.",
                        DAFTAR_STATUS_DASAR.label(s).unwrap_or("-")
                    ),
                ));
            }
            None if t.format == FormatImpor::OpenSid => galat_baris.push(galat(
                STATUS_DASAR,
                &status_teks,
                format!(
                    "Status dasar \"{status_teks}\" tidak dikenal. Pilihan: {}.",
                    DAFTAR_STATUS_DASAR.petunjuk()
                ),
            )),
            None => h.peringatan.push(galat(
                STATUS_DASAR,
                &status_teks,
                format!("Status \"{status_teks}\" tidak dikenal; penduduk dianggap HIDUP."),
            )),
        }
    }

    if lewati {
        h.dilewati += 1;
        return;
    }

    let ambil = |kunci: &str| nilai.get(kunci).cloned();
    let hasil = DataPenduduk::dari_isian(&ambil, k.hari_ini);
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
            if let Some((n, nama)) = nik_baris.get(d.nik.as_str()) {
                galat_baris.push(galat(
                    "nik",
                    d.nik.as_str(),
                    format!(
                        "NIK {} sudah dipakai pada baris {n} ({nama}). Satu NIK hanya untuk satu penduduk; hapus salah satu baris.",
                        d.nik
                    ),
                ));
                ok = false;
            } else {
                nik_baris.insert(d.nik.to_string(), (b.nomor, d.nama.clone()));
            }
            if kepala_keluarga(d.shdk_id) {
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
                        if let Some((n, nama)) = kepala.get(kk.as_str()) {
                            galat_baris.push(galat(
                                "shdk_id",
                                mentah("shdk_id"),
                                format!(
                                    "Keluarga dengan KK {kk} sudah mempunyai kepala keluarga pada baris {n} ({nama}). Satu keluarga hanya boleh satu kepala keluarga; ubah hubungan keluarga salah satunya."
                                ),
                            ));
                            ok = false;
                        } else {
                            kepala.insert(kk.to_string(), (b.nomor, d.nama.clone()));
                        }
                    }
                }
            }
            if ok {
                peringatan_data(t, b, &d, &mut h.peringatan);
                h.sah.push(BarisSah {
                    nomor: b.nomor,
                    data: d,
                });
            }
        }
        Ok(_) => {}
    }
    h.galat.extend(galat_baris);
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
fn rapikan_dusun(s: &str) -> String {
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

/// The dusun of a SIAK row: named in the address ("DUSUN KRAJAN", "DSN. KRAJAN"), else the one
/// dusun that has this RW/RT in the village, else the village's only dusun.
fn cari_dusun(
    alamat: &str,
    rw: &str,
    rt: &str,
    dusun_rt: &HashMap<(String, String), Vec<String>>,
    satu_dusun: Option<&str>,
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
    satu_dusun.map(str::to_string).unwrap_or_default()
}

/// Spellings found in SIAK exports and older OpenSID files that the code lists do not carry.
fn padanan(kunci: &str, teks: &str) -> Option<&'static str> {
    if teks.is_empty() {
        return None;
    }
    let n = normal_judul(teks).to_uppercase();
    Some(match (kunci, n.as_str()) {
        ("agama_id", "KATOLIK" | "KRISTENKATOLIK") => "3",
        ("agama_id", "KRISTENPROTESTAN" | "PROTESTAN") => "2",
        ("agama_id", "BUDDHA") => "5",
        ("agama_id", "KONGHUCU" | "KHONGHUCHU") => "6",
        ("agama_id", x) if x.starts_with("KEPERCAYAAN") => "7",
        ("status_kawin_id", "BK" | "BELUMMENIKAH") => "1",
        ("status_kawin_id", "K" | "KAWINTERCATAT" | "KAWINBELUMTERCATAT" | "MENIKAH") => "2",
        ("status_kawin_id", "CH") => "3",
        ("status_kawin_id", "CM") => "4",
        ("pendidikan_kk_id", "TIDAKBLMSEKOLAH" | "BELUMSEKOLAH" | "TIDAKSEKOLAH") => "1",
        ("pendidikan_kk_id", "TIDAKTAMATSDSEDERAJAT") => "2",
        ("pendidikan_kk_id", "AKADEMIDIPLOMAIIISARJANAMUDA") => "7",
        ("shdk_id", "ORANGTUA" | "ORTU") => "7",
        ("shdk_id", "FAMILILAINNYA") => "9",
        ("golongan_darah_id", "TIDAKTAHU" | "TDKTAHU") => "13",
        ("cacat_id", "TIDAKADA") => "7",
        ("warganegara_id", "INDONESIA") => "1",
        ("jenis_kelamin", "LAKILAKI" | "LK" | "L" | "PRIA") => "1",
        ("jenis_kelamin", "PEREMPUAN" | "PR" | "P" | "WANITA") => "2",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dusun_dari_alamat_siak() {
        let m = HashMap::new();
        assert_eq!(
            cari_dusun("DSN. KRAJAN RT 001 RW 002", "002", "001", &m, None),
            "KRAJAN"
        );
        assert_eq!(
            cari_dusun("JL MAWAR", "002", "001", &m, Some("SATU")),
            "SATU"
        );
    }

    #[test]
    fn padanan_siak() {
        assert_eq!(padanan("agama_id", "Katolik"), Some("3"));
        assert_eq!(padanan("status_kawin_id", "KAWIN TERCATAT"), Some("2"));
        assert_eq!(padanan("agama_id", "Islam"), None);
        assert_eq!(rapikan_dusun("dusun  krajan_lor"), "KRAJAN LOR");
    }
}
