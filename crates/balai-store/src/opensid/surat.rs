//! The letter archive (`log_surat`) and the numbering: imported letters keep their numbers,
//! and Balai's counters start after the last number of each sequence, so the next letter of
//! the year continues OpenSID's sequence.

use super::{Impor, Jejak, LaporanTabel};
use crate::{Galat, on_tx};
use balai_domain::surat::jenis::JenisSurat;
use balai_domain::surat::nomor::{BahanNomor, FORMAT_BAWAAN, FormatNomor};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The letter type of archived letters whose OpenSID type has no counterpart in Balai.
pub const JENIS_ARSIP: &str = "arsip_opensid";

/// A Balai letter type as the import needs it.
struct Jenis {
    kode: String,
    nama: String,
    klasifikasi: String,
    kode_opensid: String,
    format: String,
}

/// OpenSID's number format in Balai's notation: `[nomor_surat, 3]` → `[nomor_3]`.
pub(super) fn format_dari_opensid(f: &str) -> Option<String> {
    let mut t = f.trim().replace("[nomor_surat]", "[nomor]");
    for n in [3, 4] {
        t = t
            .replace(&format!("[nomor_surat, {n}]"), &format!("[nomor_{n}]"))
            .replace(&format!("[nomor_surat,{n}]"), &format!("[nomor_{n}]"));
    }
    FormatNomor::baca(&t).ok().map(|_| t)
}

pub(super) async fn impor(im: &mut Impor<'_, '_>) -> Result<LaporanTabel, Galat> {
    let mut lap = LaporanTabel::baru("log_surat", "Arsip surat keluar (layanan)", 0);
    let (desa_id, now) = (im.w.desa_id, im.w.now);
    crate::surat::jenis::pastikan_jenis_bawaan_tx(&mut im.w.tx, desa_id, now).await?;
    let baris_jenis: Vec<(String, String, String)> = on_tx!(&mut im.w.tx, c => sqlx::query_as(
        "SELECT kode, definisi, format_nomor FROM jenis_surat WHERE desa_id = $1 ORDER BY urutan, kode")
        .bind(desa_id).fetch_all(&mut *c).await?);
    let jenis: Vec<Jenis> = baris_jenis
        .into_iter()
        .filter_map(|(kode, def, format)| {
            let j: JenisSurat = serde_json::from_str(&def).ok()?;
            Some(Jenis {
                kode,
                nama: j.nama,
                klasifikasi: j.klasifikasi,
                kode_opensid: j.kode_opensid,
                format,
            })
        })
        .collect();

    // The village's numbering, taken over from OpenSID when Balai has issued nothing yet.
    let setelan = |k: &str| {
        im.baris("setting_aplikasi")
            .find(|b| b.teks("key") == k)
            .map(|b| b.teks("value"))
    };
    let penomoran = setelan("penomoran_surat").unwrap_or_else(|| "2".into());
    let lingkup_desa = matches!(penomoran.as_str(), "1" | "3");
    let format_os = setelan("format_nomor_surat").and_then(|f| format_dari_opensid(&f));
    let milik_balai: i64 = on_tx!(&mut im.w.tx, c => sqlx::query_scalar(
        "SELECT count(*) FROM surat WHERE desa_id = $1 AND diajukan_oleh <> 'opensid'")
        .bind(desa_id).fetch_one(&mut *c).await?);
    let atur: Option<(String, String)> = on_tx!(&mut im.w.tx, c => sqlx::query_as(
        "SELECT format_nomor, lingkup_nomor FROM surat_pengaturan WHERE desa_id = $1")
        .bind(desa_id).fetch_optional(&mut *c).await?);
    let (mut format_desa, mut lingkup_nomor) =
        atur.unwrap_or_else(|| (FORMAT_BAWAAN.to_string(), "jenis".to_string()));
    if milik_balai == 0 {
        if let Some(f) = &format_os {
            format_desa = f.clone();
        }
        lingkup_nomor = if lingkup_desa { "desa" } else { "jenis" }.to_string();
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO surat_pengaturan (desa_id, format_nomor, lingkup_nomor, diubah_pada) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (desa_id) DO UPDATE SET format_nomor = excluded.format_nomor, lingkup_nomor = excluded.lingkup_nomor, \
             versi = surat_pengaturan.versi + 1, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(&format_desa).bind(&lingkup_nomor).bind(now).execute(&mut *c).await?.rows_affected());
    }

    // OpenSID letter types: id → (code, name, url).
    let format_os_jenis: HashMap<String, (String, String, String)> = im
        .baris("tweb_surat_format")
        .map(|b| {
            (
                b.teks("id"),
                (b.teks("kode_surat"), b.teks("nama"), b.teks("url_surat")),
            )
        })
        .collect();
    let nama_penduduk: HashMap<String, String> = im
        .baris("tweb_penduduk")
        .map(|b| (b.teks("id"), b.teks("nama")))
        .collect();
    let pamong: HashMap<String, (String, String)> = im
        .baris("tweb_desa_pamong")
        .map(|b| {
            (
                b.teks("pamong_id"),
                (b.teks("pamong_nama"), b.teks("jabatan")),
            )
        })
        .collect();

    let mut terakhir: HashMap<(String, i64), i64> = HashMap::new();
    let mut dipakai: HashMap<(String, i64, i64), String> = HashMap::new();
    let baris: Vec<_> = im.baris("log_surat").collect();
    lap.dibaca = baris.len();
    for b in &baris {
        let asal_id = b.teks("id");
        if !b.teks("deleted_at").is_empty() {
            if im
                .simpan("log_surat", b, &asal_id, "Surat sudah dihapus di OpenSID.")
                .await?
            {
                lap.disimpan += 1;
            }
            continue;
        }
        let sidik = b.sidik();
        let Some(waktu) = b.waktu("tanggal") else {
            let pesan = format!(
                "Tanggal surat \"{}\" tidak sah: surat disimpan di tabel penampung.",
                b.teks("tanggal")
            );
            lap.tolak(&asal_id, &pesan);
            if im.simpan("log_surat", b, &asal_id, &pesan).await? {
                lap.disimpan += 1;
            }
            continue;
        };
        let tanggal: NaiveDate = waktu.date();
        let tahun = b
            .angka("tahun")
            .filter(|t| *t > 1900)
            .unwrap_or(tanggal.year() as i64);
        let urut = b.angka("no_surat").filter(|n| *n > 0);
        let (kode_os, nama_os, url_os) = format_os_jenis
            .get(&b.teks("id_format_surat"))
            .cloned()
            .unwrap_or_default();
        let cocok = cocokkan(&jenis, &kode_os, &nama_os, &url_os);
        let (jenis_kode, jenis_nama, lingkup, nomor) = match cocok {
            Some(j) => {
                let f = if j.format.is_empty() {
                    &format_desa
                } else {
                    &j.format
                };
                let format = FormatNomor::baca(f).map_err(Galat::Lain)?;
                let lingkup = if lingkup_nomor == "desa" {
                    "desa".to_string()
                } else {
                    format!(
                        "nomor:{}",
                        format.lingkup(&j.klasifikasi, &j.kode_opensid, desa_id)
                    )
                };
                let nomor = urut.map(|u| {
                    format.susun(&BahanNomor {
                        urut: u,
                        kode_klasifikasi: &j.klasifikasi,
                        kode_surat: &j.kode_opensid,
                        kode_desa: desa_id,
                        tanggal,
                    })
                });
                (j.kode.clone(), j.nama.clone(), lingkup, nomor)
            }
            None => {
                let nama = if nama_os.is_empty() {
                    "Surat (arsip OpenSID)".to_string()
                } else {
                    format!("{nama_os} (arsip OpenSID)")
                };
                let nomor = urut.map(|u| {
                    format!(
                        "{}/{u}/{}",
                        if kode_os.is_empty() { "-" } else { &kode_os },
                        tahun
                    )
                });
                (
                    JENIS_ARSIP.to_string(),
                    nama,
                    format!("opensid:{url_os}"),
                    nomor,
                )
            }
        };
        let Some(penduduk_id) = im.penduduk.get(&b.teks("id_pend")).copied() else {
            let pesan = if b.teks("id_pend").is_empty() {
                "Surat untuk bukan penduduk desa: disimpan di tabel penampung (Balai mencatat surat atas nama penduduk)."
            } else {
                "Pemohon surat tidak ada di data penduduk yang diimpor: disimpan di tabel penampung."
            };
            if im.simpan("log_surat", b, &asal_id, pesan).await? {
                lap.disimpan += 1;
            }
            continue;
        };
        // The counter must pass every imported number, even of letters imported before.
        let mut urut_simpan = urut;
        if let Some(u) = urut {
            let t = terakhir.entry((lingkup.clone(), tahun)).or_default();
            *t = (*t).max(u);
            if let Some(lain) = dipakai.insert((lingkup.clone(), tahun, u), asal_id.clone()) {
                lap.peringatan(&asal_id, format!(
                    "Nomor urut {u} tahun {tahun} sudah dipakai surat OpenSID id {lain}: surat ini disimpan tanpa nomor urut (nomornya tetap tertulis)."
                ));
                urut_simpan = None;
            }
        } else {
            lap.peringatan(
                &asal_id,
                format!(
                    "Nomor surat \"{}\" bukan angka: disimpan tanpa nomor urut.",
                    b.teks("no_surat")
                ),
            );
        }
        match im.jejak("log_surat", &asal_id, &sidik) {
            Jejak::Sama => {
                lap.tidak_berubah += 1;
                continue;
            }
            Jejak::Berubah(_) | Jejak::Baru => {}
        }
        let id = crate::id_alami(&["opensid", "log_surat", desa_id, &asal_id]);
        let (penanda_nama, penanda_jabatan) = match (b.teks("nama_pamong"), b.teks("nama_jabatan"))
        {
            (n, j) if !n.is_empty() => (n, j),
            _ => pamong
                .get(&b.teks("id_pamong"))
                .cloned()
                .unwrap_or_default(),
        };
        let nama_pemohon = nama_penduduk
            .get(&b.teks("id_pend"))
            .cloned()
            .unwrap_or_default();
        let isian = serde_json::json!({"opensid": {"id": asal_id, "no_surat": b.teks("no_surat"), "jenis": nama_os, "keterangan": b.teks("keterangan")}}).to_string();
        let pdf = pdf_arsip(im, &b.teks("nama_surat"));
        let wkt = waktu.and_utc();
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO surat (desa_id, id, jenis_kode, jenis_nama, penduduk_id, nama_pemohon, isian, status, kanal, kertas, \
             diajukan_oleh, diajukan_pada, nomor, nomor_urut, lingkup_nomor, tahun, tanggal, penanda_nama, penanda_jabatan, pdf, \
             diterbitkan_oleh, diterbitkan_pada, diubah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'diterbitkan', 'loket', 'F4', 'opensid', $8, $9, $10, $11, $12, $13, $14, $15, $16, 'opensid', $8, $17) \
             ON CONFLICT (desa_id, id) DO UPDATE SET jenis_kode = excluded.jenis_kode, jenis_nama = excluded.jenis_nama, nomor = excluded.nomor, \
             nomor_urut = excluded.nomor_urut, lingkup_nomor = excluded.lingkup_nomor, tahun = excluded.tahun, tanggal = excluded.tanggal, \
             penanda_nama = excluded.penanda_nama, penanda_jabatan = excluded.penanda_jabatan, diubah_pada = excluded.diubah_pada")
            .bind(desa_id).bind(id).bind(&jenis_kode).bind(&jenis_nama).bind(penduduk_id).bind(&nama_pemohon).bind(&isian)
            .bind(wkt).bind(&nomor).bind(urut_simpan).bind(&lingkup).bind(tahun).bind(tanggal).bind(&penanda_nama)
            .bind(&penanda_jabatan).bind(pdf).bind(now).execute(&mut *c).await?.rows_affected());
        im.tandai("log_surat", &asal_id, &id.to_string(), &sidik)
            .await?;
        lap.diimpor += 1;
    }
    for ((lingkup, tahun), urut) in terakhir {
        if lingkup.starts_with("opensid:") {
            continue;
        }
        on_tx!(&mut im.w.tx, c => sqlx::query(
            "INSERT INTO nomor_surat (desa_id, lingkup, tahun, terakhir) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = CASE WHEN nomor_surat.terakhir > excluded.terakhir \
             THEN nomor_surat.terakhir ELSE excluded.terakhir END")
            .bind(desa_id).bind(&lingkup).bind(tahun).bind(urut).execute(&mut *c).await?.rows_affected());
    }
    Ok(lap)
}

/// The Balai type of an OpenSID type: by OpenSID code, and where several Balai types share the
/// code (S-41 is both the domicile letter and a KK application), the one whose name or key
/// matches OpenSID's.
fn cocokkan<'j>(jenis: &'j [Jenis], kode: &str, nama: &str, url: &str) -> Option<&'j Jenis> {
    if kode.is_empty() {
        return None;
    }
    let calon: Vec<&Jenis> = jenis
        .iter()
        .filter(|j| j.kode_opensid.eq_ignore_ascii_case(kode))
        .collect();
    let inti = url
        .trim_start_matches("surat_")
        .trim_start_matches("ket_")
        .to_lowercase();
    let nama = nama.to_lowercase();
    calon
        .iter()
        .find(|j| !nama.is_empty() && j.nama.to_lowercase() == nama)
        .or_else(|| {
            calon
                .iter()
                .find(|j| !inti.is_empty() && j.kode.contains(&inti))
        })
        .or(calon.first())
        .copied()
}

/// The letter's PDF from OpenSID's archive folder (`desa/arsip/`), when the folder was given
/// and the file is a PDF (older letters are RTF documents: those stay out).
fn pdf_arsip(im: &Impor<'_, '_>, nama: &str) -> Option<Vec<u8>> {
    let folder = im.opsi.berkas.as_ref()?;
    let nama = std::path::Path::new(nama).file_name()?;
    let jalur = folder.join("arsip").join(nama);
    let isi = std::fs::read(jalur).ok()?;
    (crate::berkas::periksa_dokumen(&isi) == Ok("application/pdf")).then_some(isi)
}
