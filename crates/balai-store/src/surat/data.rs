//! What a letter prints: the checked extra fields and the data handed to the template.

use crate::desa::{Desa, LetakDesa};
use crate::penduduk::Penduduk;
use balai_domain::DaftarGalat;
use balai_domain::daftar;
use balai_domain::surat::jenis::{Isian, JenisIsian, JenisSurat};
use balai_domain::surat::teks::tanggal_indonesia;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Checks submitted extra fields (of a letter type or a civil registration application):
/// required ones present, numbers, dates and choices valid. Returns the cleaned values (dates
/// as YYYY-MM-DD); unknown keys are dropped.
pub fn periksa_isian(
    daftar: &[Isian],
    masuk: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, DaftarGalat> {
    let mut galat = DaftarGalat::default();
    let mut hasil = BTreeMap::new();
    for f in daftar {
        let kolom = format!("isian.{}", f.kunci);
        let nilai = masuk.get(&f.kunci).map(|s| s.trim()).unwrap_or("");
        if nilai.is_empty() {
            if f.wajib {
                galat.push(&kolom, format!("{} wajib diisi.", f.label));
            }
            hasil.insert(f.kunci.clone(), String::new());
            continue;
        }
        let batas = if f.jenis == JenisIsian::TeksPanjang {
            2000
        } else {
            200
        };
        if nilai.chars().count() > batas {
            galat.push(
                &kolom,
                format!("{} paling banyak {batas} karakter.", f.label),
            );
            continue;
        }
        if nilai
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            galat.push(
                &kolom,
                format!("{} berisi karakter yang tidak sah.", f.label),
            );
            continue;
        }
        let bersih = match f.jenis {
            JenisIsian::Angka => {
                let ok = nilai.chars().any(|c| c.is_ascii_digit())
                    && nilai
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
                if !ok {
                    galat.push(
                        &kolom,
                        format!("{} harus berupa angka, misalnya 120 atau 2,5.", f.label),
                    );
                    continue;
                }
                nilai.to_string()
            }
            JenisIsian::Tanggal => match baca_tanggal(nilai) {
                Some(t) => t.format("%Y-%m-%d").to_string(),
                None => {
                    galat.push(
                        &kolom,
                        format!(
                            "{} harus tanggal yang sah, misalnya 17-08-2026 (hari-bulan-tahun).",
                            f.label
                        ),
                    );
                    continue;
                }
            },
            JenisIsian::Pilihan => {
                if !f.pilihan.iter().any(|p| p == nilai) {
                    galat.push(
                        &kolom,
                        format!("Pilih salah satu {} yang tersedia.", f.label.to_lowercase()),
                    );
                    continue;
                }
                nilai.to_string()
            }
            JenisIsian::Teks | JenisIsian::TeksPanjang => nilai.replace("\r\n", "\n"),
        };
        hasil.insert(f.kunci.clone(), bersih);
    }
    galat.into_result(hasil)
}

/// A date as typed or sent by a date input, within the years a letter can mention.
fn baca_tanggal(s: &str) -> Option<NaiveDate> {
    balai_domain::penduduk::parse_tanggal(s).filter(|t| (1800..=2200).contains(&t.year()))
}

fn label(l: &balai_domain::KodeList, id: Option<i16>) -> String {
    id.and_then(|i| l.label(i)).unwrap_or("").to_string()
}

/// One person as the template sees them (every value a string).
pub fn orang_json(p: &Penduduk, desa: &Desa, hari_ini: NaiveDate) -> Value {
    // The street address, unless it only repeats the dusun/RT/RW printed after it.
    let jalan = p.alamat_sekarang.trim();
    let tempat_alamat =
        if jalan.is_empty() || jalan.to_uppercase().contains(&p.dusun.to_uppercase()) {
            String::new()
        } else {
            format!("{jalan}, ")
        };
    let alamat = format!(
        "{tempat_alamat}RT {} RW {} Dusun {}, Desa {}",
        p.rt, p.rw, p.dusun, desa.nama
    );
    let lahir = tanggal_indonesia(p.tanggal_lahir);
    json!({
        "nama": p.nama,
        "nik": p.nik,
        "no_kk": p.no_kk.clone().unwrap_or_default(),
        "jenis_kelamin": label(&daftar::JENIS_KELAMIN, Some(p.jenis_kelamin)),
        "tempat_lahir": p.tempat_lahir,
        "tanggal_lahir": lahir,
        "tempat_tanggal_lahir": format!("{}, {}", p.tempat_lahir, lahir),
        "umur": format!("{} tahun", balai_domain::penduduk::umur(p.tanggal_lahir, hari_ini).max(0)),
        "agama": label(&daftar::AGAMA, Some(p.agama_id)),
        "status_kawin": label(&daftar::STATUS_KAWIN, Some(p.status_kawin_id)),
        "pekerjaan": label(&daftar::PEKERJAAN, Some(p.pekerjaan_id)),
        "pendidikan": label(&daftar::PENDIDIKAN_KK, Some(p.pendidikan_kk_id)),
        "warganegara": label(&daftar::WARGANEGARA, Some(p.warganegara_id)),
        "golongan_darah": label(&daftar::GOLONGAN_DARAH, p.golongan_darah_id),
        "shdk": label(&daftar::SHDK, Some(p.shdk_id)),
        "nama_ayah": p.nama_ayah,
        "nama_ibu": p.nama_ibu,
        "alamat": alamat,
        "rt": p.rt,
        "rw": p.rw,
        "dusun": p.dusun,
    })
}

/// Everything a letter template reads, as described in the template guide.
pub struct BahanData<'a> {
    pub desa: &'a Desa,
    pub letak: &'a LetakDesa,
    pub jenis: &'a JenisSurat,
    pub nomor: &'a str,
    pub tempat: &'a str,
    pub tanggal: NaiveDate,
    pub berlaku_sampai: Option<NaiveDate>,
    pub subjek: &'a Penduduk,
    pub orang: &'a BTreeMap<String, Penduduk>,
    pub isian: &'a BTreeMap<String, String>,
    pub penanda_nama: &'a str,
    pub penanda_jabatan: &'a str,
    pub atas_nama: &'a str,
}

pub fn data_templat(b: &BahanData) -> Value {
    let mut isian = serde_json::Map::new();
    for f in &b.jenis.isian {
        let nilai = b.isian.get(&f.kunci).cloned().unwrap_or_default();
        let tampil = match f.jenis {
            JenisIsian::Tanggal => baca_tanggal(&nilai).map(tanggal_indonesia).unwrap_or(nilai),
            _ => nilai,
        };
        isian.insert(f.kunci.clone(), Value::String(tampil));
    }
    let orang: serde_json::Map<String, Value> = b
        .orang
        .iter()
        .map(|(k, p)| (k.clone(), orang_json(p, b.desa, b.tanggal)))
        .collect();
    json!({
        "desa": {
            "kode": b.desa.kode_bertitik(),
            "nama": b.desa.nama,
            "kecamatan": b.letak.kecamatan,
            "kabupaten": b.letak.kabupaten,
            "provinsi": b.letak.provinsi,
            "alamat": b.desa.alamat,
            "telepon": b.desa.telepon,
            "email": b.desa.email,
            "kode_pos": b.desa.kode_pos,
        },
        "surat": {
            "judul": b.jenis.judul,
            "nomor": b.nomor,
            "tempat": b.tempat,
            "tanggal": tanggal_indonesia(b.tanggal),
            "berlaku_sampai": b.berlaku_sampai.map(tanggal_indonesia).unwrap_or_default(),
        },
        "p": orang_json(b.subjek, b.desa, b.tanggal),
        "orang": orang,
        "isian": isian,
        "penanda": {
            "nama": b.penanda_nama,
            "jabatan": b.penanda_jabatan,
            "atas_nama": b.atas_nama,
            "nip": "",
        },
        "verifikasi": { "teks": "Pindai untuk memeriksa keaslian surat ini" },
    })
}
