//! Residents, families, households, RT/RW/dusun and the history of events.

use super::baca::Baris;
use super::{Impor, Jejak, LaporanTabel};
use crate::penduduk::peristiwa::{JenisPeristiwa, RincianStatus, tulis_peristiwa, ubah_status};
use crate::penduduk::{HIDUP, Penduduk};
use crate::{Galat, on_tx};
use balai_domain::nik::Nik;
use balai_domain::penduduk::kode::{KEPALA_KELUARGA, TIDAK_VALID};
use balai_domain::penduduk::{AturanIsian, DataPenduduk, kepala_keluarga};
use chrono::NaiveDate;
use std::collections::HashMap;
use uuid::Uuid;

/// OpenSID column → Balai field, for the columns that are copied as they are (OpenSID and
/// Balai share the Dukcapil code numbers).
const KOLOM: &[(&str, &str)] = &[
    ("nama", "nama"),
    ("sex", "jenis_kelamin"),
    ("tempatlahir", "tempat_lahir"),
    ("tanggallahir", "tanggal_lahir"),
    ("agama_id", "agama_id"),
    ("pendidikan_kk_id", "pendidikan_kk_id"),
    ("pendidikan_sedang_id", "pendidikan_sedang_id"),
    ("pekerjaan_id", "pekerjaan_id"),
    ("status_kawin", "status_kawin_id"),
    ("kk_level", "shdk_id"),
    ("warganegara_id", "warganegara_id"),
    ("ayah_nik", "nik_ayah"),
    ("nama_ayah", "nama_ayah"),
    ("ibu_nik", "nik_ibu"),
    ("nama_ibu", "nama_ibu"),
    ("golongan_darah_id", "golongan_darah_id"),
    ("cacat_id", "cacat_id"),
    ("cara_kb_id", "cara_kb_id"),
    ("hamil", "hamil"),
    ("akta_lahir", "akta_lahir"),
    ("dokumen_pasport", "no_paspor"),
    ("tanggal_akhir_paspor", "tanggal_akhir_paspor"),
    ("dokumen_kitas", "no_kitas"),
    ("akta_perkawinan", "akta_perkawinan"),
    ("tanggalperkawinan", "tanggal_perkawinan"),
    ("akta_perceraian", "akta_perceraian"),
    ("tanggalperceraian", "tanggal_perceraian"),
    ("ktp_el", "ktp_el_id"),
    ("status_rekam", "status_rekam_id"),
    ("alamat_sebelumnya", "alamat_sebelumnya"),
    ("alamat_sekarang", "alamat_sekarang"),
    ("telepon", "telepon"),
    ("email", "email"),
    ("suku", "suku"),
    ("id_asuransi", "asuransi_id"),
    ("no_asuransi", "no_asuransi"),
];

/// Optional code fields where OpenSID writes 0 for "none".
const KODE_OPSIONAL: &[&str] = &[
    "pendidikan_sedang_id",
    "golongan_darah_id",
    "cacat_id",
    "cara_kb_id",
    "hamil",
    "ktp_el_id",
    "status_rekam_id",
    "asuransi_id",
];

/// Required fields with a documented neutral value when OpenSID's is missing or unknown.
const PENGGANTI: &[(&str, &str, &str)] = &[
    ("tempat_lahir", "TIDAK DIKETAHUI", "TIDAK DIKETAHUI"),
    ("pendidikan_kk_id", "1", "TIDAK/BELUM SEKOLAH"),
    ("pekerjaan_id", "89", "LAINNYA"),
    ("status_kawin_id", "1", "BELUM KAWIN"),
    ("shdk_id", "11", "LAINNYA"),
    ("warganegara_id", "1", "WNI"),
];

/// Where an RT row of `tweb_wil_clusterdesa` is: (dusun, rw, rt).
type Letak = (String, String, String);

pub(super) async fn impor(im: &mut Impor<'_, '_>) -> Result<Vec<LaporanTabel>, Galat> {
    let wilayah = wilayah(im).await?;
    let (lap_kk, no_kk, tandai) = keluarga(im);
    let (lap_p, rtm_anggota) = penduduk(im, &wilayah, &no_kk).await?;
    for (id, sidik) in tandai {
        let kk = no_kk.get(&id).cloned().unwrap_or_default();
        im.tandai("tweb_keluarga", &id, &kk, &sidik).await?;
    }
    let lap_rtm = rumah_tangga(im, rtm_anggota).await?;
    let lap_peta = koordinat(im).await?;
    Ok(vec![wilayah.0, lap_kk, lap_p, lap_rtm, lap_peta])
}

/// Dusun, RW and RT. Balai keeps RT rows; the dusun and RW rows of OpenSID become known
/// through them.
async fn wilayah(im: &mut Impor<'_, '_>) -> Result<(LaporanTabel, HashMap<String, Letak>), Galat> {
    let baris: Vec<(String, Letak)> = im
        .baris("tweb_wil_clusterdesa")
        .map(|b| {
            (
                b.teks("id"),
                (
                    b.teks("dusun").to_uppercase(),
                    balai_domain::penduduk::normal_rt_rw(&b.teks("rw")),
                    balai_domain::penduduk::normal_rt_rw(&b.teks("rt")),
                ),
            )
        })
        .collect();
    let mut lap = LaporanTabel::baru("tweb_wil_clusterdesa", "Dusun, RW dan RT", baris.len());
    let mut peta = HashMap::new();
    let baris: Vec<(String, Letak)> = baris
        .into_iter()
        .map(|(id, (dusun, rw, rt))| {
            if dusun.is_empty() || dusun == "0" {
                lap.peringatan(
                    &id,
                    "Nama dusun kosong: dimasukkan ke dusun \"BELUM DITENTUKAN\".",
                );
                (id, ("BELUM DITENTUKAN".to_string(), rw, rt))
            } else {
                (id, (dusun, rw, rt))
            }
        })
        .collect();
    for (id, letak) in &baris {
        let (dusun, rw, rt) = letak;
        // Dusun and RW rows are not places where people live; Balai knows them through their
        // RTs. A dusun without any RT keeps one "-" RT so it exists.
        let punya_rt = baris.iter().any(|(_, (d, _, t))| d == dusun && t != "-");
        peta.insert(id.clone(), letak.clone());
        if rt == "-" && (punya_rt || rw != "-") {
            continue;
        }
        let sidik = format!("{dusun}/{rw}/{rt}");
        if matches!(im.jejak("tweb_wil_clusterdesa", id, &sidik), Jejak::Sama) {
            lap.tidak_berubah += 1;
            continue;
        }
        let rt_id = crate::Store::pastikan_rt(&mut im.w.tx, im.w.desa_id, dusun, rw, rt).await?;
        im.tandai("tweb_wil_clusterdesa", id, &rt_id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    Ok((lap, peta))
}

/// KK numbers by OpenSID family id; families are written with their members.
type HasilKeluarga = (LaporanTabel, HashMap<String, String>, Vec<(String, String)>);

fn keluarga(im: &Impor<'_, '_>) -> HasilKeluarga {
    let mut lap = LaporanTabel::baru("tweb_keluarga", "Keluarga (KK)", 0);
    let mut peta = HashMap::new();
    let mut baru = Vec::new();
    for b in im.baris("tweb_keluarga") {
        lap.dibaca += 1;
        let no_kk: String = b
            .teks("no_kk")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if balai_domain::nik::NoKk::parse(&no_kk).is_err() {
            lap.peringatan(
                b.teks("id"),
                format!(
                    "Nomor KK \"{}\" tidak 16 angka: anggotanya diimpor tanpa KK; lengkapi nomor KK di Balai.",
                    b.teks("no_kk")
                ),
            );
            continue;
        }
        let sidik = b.sidik();
        if matches!(
            im.jejak("tweb_keluarga", &b.teks("id"), &sidik),
            Jejak::Sama
        ) {
            lap.tidak_berubah += 1;
        } else {
            lap.diimpor += 1;
            baru.push((b.teks("id"), sidik));
        }
        peta.insert(b.teks("id"), no_kk);
    }
    (lap, peta, baru)
}

/// A resident row made ready: the data, the status and the OpenSID ids.
struct Calon {
    asal_id: String,
    sidik: String,
    data: DataPenduduk,
    status: i16,
    id_rtm: String,
    rtm_level: i16,
}

async fn penduduk(
    im: &mut Impor<'_, '_>,
    wilayah: &(LaporanTabel, HashMap<String, Letak>),
    no_kk: &HashMap<String, String>,
) -> Result<(LaporanTabel, Vec<(Uuid, String, i16)>), Galat> {
    let semua: Vec<Baris<'_>> = im.baris("tweb_penduduk").collect();
    let mut lap = LaporanTabel::baru("tweb_penduduk", "Penduduk (semua status)", semua.len());
    // Duplicate NIKs inside OpenSID: the living (else the latest) row is imported, the other
    // kept in the holding table; both are reported.
    let mut per_nik: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, b) in semua.iter().enumerate() {
        let nik = b.teks("nik");
        if nik.len() == 16 && nik.chars().all(|c| c.is_ascii_digit()) && !nik.starts_with('0') {
            per_nik.entry(nik).or_default().push(i);
        }
    }
    let mut ganda: HashMap<usize, String> = HashMap::new();
    for (nik, v) in per_nik.iter().filter(|(_, v)| v.len() > 1) {
        let utama = *v
            .iter()
            .max_by_key(|&&i| {
                (
                    semua[i].angka("status_dasar") == Some(1),
                    semua[i].angka("id"),
                )
            })
            .expect("not empty");
        for &i in v.iter().filter(|&&i| i != utama) {
            ganda.insert(
                i,
                format!(
                    "NIK {} dipakai juga oleh baris id {} ({}) di OpenSID. Baris yang {} diimpor; baris ini disimpan di tabel penampung dan ditandai ganda.",
                    balai_domain::nik::samarkan(nik),
                    semua[utama].teks("id"),
                    semua[utama].teks("nama"),
                    if semua[utama].angka("status_dasar") == Some(1) { "hidup" } else { "terbaru" },
                ),
            );
        }
    }
    let kk_kepala = kepala_per_keluarga(im);
    let mut calon = Vec::new();
    for (i, b) in semua.iter().enumerate() {
        let id = b.teks("id");
        if let Some(pesan) = ganda.get(&i) {
            lap.tolak(&id, pesan.clone());
            if im.simpan("tweb_penduduk", b, &id, pesan).await? {
                lap.disimpan += 1;
            }
            continue;
        }
        match siapkan(im, b, &wilayah.1, no_kk, &kk_kepala, &mut lap) {
            Ok(c) => calon.push(c),
            Err(pesan) => {
                lap.tolak(&id, pesan.clone());
                if im.simpan("tweb_penduduk", b, &id, &pesan).await? {
                    lap.disimpan += 1;
                }
            }
        }
    }
    // Residents who are no longer living first (their events free the head-of-family place),
    // then heads, then everyone else.
    calon.sort_by_key(|c| {
        (
            c.status == HIDUP,
            !kepala_keluarga(c.data.shdk_id),
            c.asal_id.parse::<i64>().unwrap_or(0),
        )
    });
    let peristiwa = peristiwa_per_penduduk(im);
    let mut rtm = Vec::new();
    let nik: Vec<&str> = calon.iter().map(|c| c.data.nik.as_str()).collect();
    let ada_nik = crate::impor::cari_nik_banyak(&mut im.w.tx, im.w.desa_id, &nik).await?;
    im.w.nik_sudah_diperiksa = true;
    for c in calon {
        let hasil = tulis(im, &c, &ada_nik, peristiwa.get(&c.asal_id), &mut lap).await;
        match hasil {
            Ok(Some(id)) => {
                im.penduduk.insert(c.asal_id.clone(), id);
                if !c.id_rtm.is_empty() && c.id_rtm != "0" {
                    rtm.push((id, c.id_rtm.clone(), c.rtm_level));
                }
            }
            Ok(None) => {}
            Err(Galat::Isian(g)) => {
                let pesan =
                    g.0.iter()
                        .map(|e| {
                            format!(
                                "{}: {}",
                                balai_domain::penduduk::label_kolom(&e.kolom),
                                e.pesan
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                lap.tolak(&c.asal_id, pesan);
            }
            Err(Galat::Ditolak(m) | Galat::Konflik(m)) => lap.tolak(&c.asal_id, m),
            Err(e) => return Err(e),
        }
    }
    Ok((lap, rtm))
}

/// OpenSID id of each family's head (`tweb_keluarga.nik_kepala` holds a resident id).
fn kepala_per_keluarga(im: &Impor<'_, '_>) -> HashMap<String, String> {
    im.baris("tweb_keluarga")
        .map(|b| (b.teks("id"), b.teks("nik_kepala")))
        .collect()
}

/// The residents' events, by OpenSID resident id, oldest first.
fn peristiwa_per_penduduk(im: &Impor<'_, '_>) -> HashMap<String, Vec<Peristiwa>> {
    let mut m: HashMap<String, Vec<Peristiwa>> = HashMap::new();
    for b in im.baris("log_penduduk") {
        let tanggal = b.tanggal("tgl_peristiwa");
        let dari_lapor = tanggal.is_none() && b.tanggal("tgl_lapor").is_some();
        m.entry(b.teks("id_pend")).or_default().push(Peristiwa {
            id: b.teks("id"),
            dari_lapor,
            kode: b.angka("kode_peristiwa").unwrap_or(0),
            tanggal: tanggal.or_else(|| b.tanggal("tgl_lapor")),
            tempat: [b.teks("meninggal_di"), b.teks("alamat_tujuan")]
                .into_iter()
                .find(|t| !t.is_empty())
                .unwrap_or_default(),
            sebab: b.teks("sebab"),
            catatan: b.teks("catatan"),
        });
    }
    for v in m.values_mut() {
        v.sort_by_key(|p| p.tanggal);
    }
    m
}

struct Peristiwa {
    id: String,
    /// OpenSID had no event date (NULL or 0000-00-00): the report date stands in.
    dari_lapor: bool,
    kode: i64,
    tanggal: Option<NaiveDate>,
    tempat: String,
    sebab: String,
    catatan: String,
}

/// The birth date and sex a NIK encodes.
fn lahir_dari_nik(nik: &str, hari_ini: NaiveDate) -> Option<(NaiveDate, i16)> {
    use chrono::Datelike;
    let n = Nik::parse_wilayah_bebas(nik)
        .ok()
        .filter(|n| !n.menunggu())?;
    let (hari, bulan, tahun) = n.bagian_tanggal();
    let tahun = tahun as i32;
    let abad = if 2000 + tahun > hari_ini.year() {
        1900
    } else {
        2000
    };
    NaiveDate::from_ymd_opt(abad + tahun, bulan, hari)
        .map(|t| (t, if n.perempuan() { 2 } else { 1 }))
}

fn siapkan(
    im: &Impor<'_, '_>,
    b: &Baris<'_>,
    wilayah: &HashMap<String, Letak>,
    no_kk: &HashMap<String, String>,
    kk_kepala: &HashMap<String, String>,
    lap: &mut LaporanTabel,
) -> Result<Calon, String> {
    let id = b.teks("id");
    let mut isian: HashMap<String, String> = HashMap::new();
    for (asal, ke) in KOLOM {
        let mut v = b.teks(asal);
        if asal.starts_with("tanggal") && super::baca::tanggal(&v).is_none() {
            v.clear();
        }
        if KODE_OPSIONAL.contains(ke) && (v == "0" || v == "-1") {
            v.clear();
        }
        isian.insert(ke.to_string(), v);
    }
    let nik: String = b.teks("nik").trim_end_matches(".0").to_string();
    isian.insert("nik".into(), nik.clone());
    let (dusun, rw, rt) = wilayah.get(&b.teks("id_cluster")).cloned().unwrap_or_else(|| {
        lap.peringatan(&id, "Penduduk tidak mempunyai RT/RW yang dikenal: dimasukkan ke dusun \"BELUM DITENTUKAN\".");
        ("BELUM DITENTUKAN".into(), "-".into(), "-".into())
    });
    isian.insert("dusun".into(), dusun);
    isian.insert("rw".into(), rw);
    isian.insert("rt".into(), rt);
    let id_kk = b.teks("id_kk");
    if let Some(kk) = no_kk.get(&id_kk) {
        isian.insert("no_kk".into(), kk.clone());
    }
    // OpenSID keeps the head in the family row too; a head whose own row says otherwise is
    // still the head.
    if kk_kepala.get(&id_kk) == Some(&id) && isian["shdk_id"] != "1" {
        isian.insert("shdk_id".into(), KEPALA_KELUARGA.to_string());
    }
    // First pass, then replace what can be replaced and say so.
    for _ in 0..2 {
        let hasil = {
            let ambil = |k: &str| isian.get(k).cloned();
            DataPenduduk::dari_isian_dengan(&ambil, im.hari_ini, AturanIsian::IMPOR)
        };
        match hasil {
            Ok(data) => {
                return Ok(Calon {
                    asal_id: id,
                    sidik: b.sidik(),
                    data,
                    status: b.angka("status_dasar").unwrap_or(1) as i16,
                    id_rtm: b.teks("id_rtm"),
                    rtm_level: b.angka("rtm_level").unwrap_or(0) as i16,
                });
            }
            Err(g) => {
                let mut fatal = Vec::new();
                for e in &g.0 {
                    let k = e.kolom.as_str();
                    let lama = isian.get(k).cloned().unwrap_or_default();
                    let label = balai_domain::penduduk::label_kolom(k);
                    if k == "nik" {
                        isian.insert("nik".into(), String::new());
                        isian.insert("nik_menunggu".into(), "ya".into());
                        lap.peringatan(&id, format!("NIK \"{lama}\" tidak sah ({}): diberi NIK sementara; ganti dengan NIK yang benar.", e.pesan));
                    } else if k == "tanggal_lahir" || k == "jenis_kelamin" {
                        match lahir_dari_nik(&nik, im.hari_ini) {
                            Some((t, jk)) => {
                                let v = if k == "tanggal_lahir" {
                                    t.to_string()
                                } else {
                                    jk.to_string()
                                };
                                isian.insert(k.into(), v);
                                lap.peringatan(&id, format!("{label} \"{lama}\" tidak sah: diambil dari NIK. Periksa datanya."));
                            }
                            None => fatal.push(format!("{label}: {}", e.pesan)),
                        }
                    } else if let Some((_, v, nama)) = PENGGANTI.iter().find(|(p, ..)| *p == k) {
                        isian.insert(k.into(), (*v).to_string());
                        lap.peringatan(
                            &id,
                            format!(
                                "{label} \"{lama}\" tidak dikenal: diisi {nama}. Periksa datanya."
                            ),
                        );
                    } else if matches!(k, "nama" | "agama_id" | "dusun" | "rt" | "rw" | "no_kk") {
                        fatal.push(format!("{label}: {}", e.pesan));
                    } else {
                        isian.insert(k.into(), String::new());
                        lap.peringatan(&id, format!("{label} \"{lama}\" dikosongkan: {}", e.pesan));
                    }
                }
                if !fatal.is_empty() {
                    return Err(format!(
                        "{} (disimpan di tabel penampung)",
                        fatal.join("; ")
                    ));
                }
            }
        }
    }
    Err("Data penduduk tidak dapat dibaca; disimpan di tabel penampung.".into())
}

/// Writes one resident; `None` when it was imported before and has not changed.
async fn tulis(
    im: &mut Impor<'_, '_>,
    c: &Calon,
    ada_nik: &HashMap<String, Penduduk>,
    peristiwa: Option<&Vec<Peristiwa>>,
    lap: &mut LaporanTabel,
) -> Result<Option<Uuid>, Galat> {
    let lama_id = match im.jejak("tweb_penduduk", &c.asal_id, &c.sidik) {
        Jejak::Sama => {
            lap.tidak_berubah += 1;
            let id = im
                .balai_id("tweb_penduduk", &c.asal_id)
                .and_then(|s| s.parse().ok());
            if let Some(id) = id {
                im.penduduk.insert(c.asal_id.clone(), id);
            }
            return Ok(None);
        }
        Jejak::Berubah(b) => b.parse::<Uuid>().ok(),
        Jejak::Baru => None,
    };
    let lama = match lama_id {
        Some(id) => im.w.ambil(id).await?,
        None => ada_nik.get(c.data.nik.as_str()).cloned(),
    };
    let (id, baru) = match &lama {
        Some(l) => {
            im.w.ubah(l, None, &c.data).await?;
            (l.id, false)
        }
        None => (im.w.tambah(&c.data, None).await?, true),
    };
    let kosong = Vec::new();
    let peristiwa = peristiwa.unwrap_or(&kosong);
    if baru {
        // The history as OpenSID has it: births and moves in (status events come below).
        for p in peristiwa.iter().filter(|p| matches!(p.kode, 1 | 5)) {
            let jenis = if p.kode == 1 {
                JenisPeristiwa::Lahir
            } else {
                JenisPeristiwa::PindahMasuk
            };
            let tanggal = p.tanggal.unwrap_or(c.data.tanggal_lahir);
            let rincian = serde_json::json!({"opensid_log": p.id, "tempat": p.tempat});
            tulis_peristiwa(im.w, id, jenis, tanggal, &p.catatan, rincian).await?;
        }
    }
    let status_kini = match &lama {
        Some(l) if !baru => l.status_dasar,
        _ => HIDUP,
    };
    if c.status != HIDUP && status_kini == HIDUP {
        // OpenSID's event codes for mati, pindah, hilang and pergi equal the status codes.
        let ev = peristiwa
            .iter()
            .rev()
            .find(|p| p.kode == i64::from(c.status));
        let jenis = match c.status {
            2 => JenisPeristiwa::Mati,
            4 => JenisPeristiwa::Hilang,
            TIDAK_VALID => JenisPeristiwa::Koreksi,
            _ => JenisPeristiwa::PindahKeluar,
        };
        let tanggal = match ev.and_then(|p| p.tanggal) {
            Some(t) => {
                if ev.is_some_and(|p| p.dari_lapor) {
                    lap.peringatan(
                        &c.asal_id,
                        format!(
                            "Tanggal peristiwa {} kosong di OpenSID: dipakai tanggal lapor ({t}).",
                            status_label(c.status)
                        ),
                    );
                }
                t
            }
            None => {
                lap.peringatan(
                    &c.asal_id,
                    format!(
                        "Status {} tanpa tanggal peristiwa di log_penduduk: dicatat dengan tanggal impor ({}). Perbaiki tanggalnya pada riwayat peristiwa.",
                        status_label(c.status),
                        im.hari_ini
                    ),
                );
                im.hari_ini
            }
        };
        let p = im.w.ambil(id).await?.ok_or(Galat::TidakDitemukan)?;
        let tanggal = tanggal.max(p.tanggal_lahir);
        let r = RincianStatus {
            tanggal: Some(tanggal),
            keterangan: ev
                .map(|p| p.catatan.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| format!("Status {} dari OpenSID", status_label(c.status))),
            tempat: ev.map(|p| p.tempat.clone()).unwrap_or_default(),
            sebab: ev.map(|p| p.sebab.clone()).unwrap_or_default(),
        };
        ubah_status(im.w, &p, jenis, c.status, tanggal, &r).await?;
    }
    im.tandai("tweb_penduduk", &c.asal_id, &id.to_string(), &c.sidik)
        .await?;
    lap.diimpor += 1;
    Ok(Some(id))
}

fn status_label(s: i16) -> &'static str {
    balai_domain::daftar::STATUS_DASAR.label(s).unwrap_or("?")
}

/// Households (`tweb_rtm`) and who belongs to them (`tweb_penduduk.id_rtm` holds the
/// household's number, `rtm_level` 1 for its head).
async fn rumah_tangga(
    im: &mut Impor<'_, '_>,
    anggota: Vec<(Uuid, String, i16)>,
) -> Result<LaporanTabel, Galat> {
    let rtm: Vec<(String, String, String)> = im
        .baris("tweb_rtm")
        .map(|b| (b.teks("id"), b.teks("no_kk"), b.sidik()))
        .collect();
    let mut lap = LaporanTabel::baru("tweb_rtm", "Rumah tangga", rtm.len());
    let mut per_nomor: HashMap<String, Vec<(Uuid, i16)>> = HashMap::new();
    for (id, nomor, level) in anggota {
        per_nomor.entry(nomor).or_default().push((id, level));
    }
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    for (asal_id, nomor, sidik) in rtm {
        if matches!(im.jejak("tweb_rtm", &asal_id, &sidik), Jejak::Sama)
            && !per_nomor.contains_key(&nomor)
        {
            lap.tidak_berubah += 1;
            continue;
        }
        let orang = per_nomor.remove(&nomor).unwrap_or_default();
        let kepala = orang.iter().find(|(_, l)| *l == 1).map(|(id, _)| *id);
        let rt_kepala: Option<(Option<Uuid>, String)> = match kepala {
            Some(k) => on_tx!(&mut im.w.tx, c => sqlx::query_as(
                "SELECT rt_id, alamat_sekarang FROM penduduk WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(k).fetch_optional(&mut *c).await?),
            None => None,
        };
        let (rt_id, alamat) = rt_kepala.unwrap_or((None, String::new()));
        let rtm_id = crate::id_alami(&["rumah_tangga", desa_id, &nomor]);
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO rumah_tangga (desa_id, id, nomor, kepala_id, rt_id, alamat, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (desa_id, nomor) DO UPDATE SET kepala_id = COALESCE(excluded.kepala_id, rumah_tangga.kepala_id), diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(rtm_id).bind(&nomor).bind(kepala).bind(rt_id).bind(&alamat).bind(now).execute(&mut *c).await?.rows_affected());
        let rtm_id: Uuid = on_tx!(&mut im.w.tx, c => sqlx::query_scalar(
            "SELECT id FROM rumah_tangga WHERE desa_id = $1 AND nomor = $2")
            .bind(desa_id).bind(&nomor).fetch_one(&mut *c).await?);
        for (pid, level) in &orang {
            let hub = if *level == 1 { 1i16 } else { 2 };
            on_tx!(&mut im.w.tx, c => sqlx::query(
                "UPDATE penduduk SET rumah_tangga_id = $3, hubungan_rtm = $4 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(pid).bind(rtm_id).bind(hub).execute(&mut *c).await?.rows_affected());
        }
        if kepala.is_none() {
            lap.peringatan(&asal_id, format!("Rumah tangga {nomor} tidak mempunyai kepala rumah tangga di OpenSID; pilih kepalanya di Balai."));
        }
        // Numbers of households made later in Balai continue after the imported ones.
        if let Ok(n) = nomor.parse::<i64>() {
            on_tx!(&mut im.w.tx, c => sqlx::query(
                "INSERT INTO nomor_rumah_tangga (desa_id, terakhir) VALUES ($1, $2) \
                 ON CONFLICT (desa_id) DO UPDATE SET terakhir = CASE WHEN nomor_rumah_tangga.terakhir > excluded.terakhir THEN nomor_rumah_tangga.terakhir ELSE excluded.terakhir END")
                .bind(desa_id).bind(n).execute(&mut *c).await?.rows_affected());
        }
        im.tandai("tweb_rtm", &asal_id, &rtm_id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    Ok(lap)
}

/// House coordinates (`tweb_penduduk_map`): Balai keeps no location per resident yet, so the
/// rows are held whole, with the Balai resident they belong to.
async fn koordinat(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let baris: Vec<Baris<'_>> = im.baris("tweb_penduduk_map").collect();
    let mut lap = LaporanTabel::baru("tweb_penduduk_map", "Koordinat rumah penduduk", baris.len());
    for b in &baris {
        let asal_id = b.teks("id");
        let alasan = match im.penduduk.get(&asal_id) {
            Some(id) => format!(
                "koordinat rumah penduduk Balai {id}; Balai belum menyimpan lokasi per penduduk"
            ),
            None => "koordinat rumah penduduk yang tidak diimpor".to_string(),
        };
        if im.simpan("tweb_penduduk_map", b, &asal_id, &alasan).await? {
            lap.disimpan += 1;
        } else {
            lap.tidak_berubah += 1;
        }
    }
    Ok(lap)
}
