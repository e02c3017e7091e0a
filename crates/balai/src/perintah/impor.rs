//! `balai import`: residents from an OpenSID or SIAK sheet, or a whole OpenSID database.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::Aktor;
use balai_store::impor::{FormatImpor, OpsiImpor};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum SumberImpor {
    /// Format impor penduduk OpenSID (xlsx, xls atau csv; 43 kolom)
    Opensid,
    /// Ekspor SIAK/buku induk Dukcapil (xls, xlsx atau csv; 37 kolom)
    Siak,
    /// Cadangan basis data OpenSID (.sql atau .sql.gz dari mysqldump atau phpMyAdmin): seluruh
    /// riwayat desa
    OpensidDb,
}

#[derive(clap::Args, Debug)]
pub struct ArgImpor {
    /// Asal berkas
    #[arg(value_enum)]
    pub sumber: SumberImpor,
    /// Berkas yang diimpor (opensid-db: "-" membaca dari masukan standar)
    #[arg(required_unless_present = "mysql")]
    pub berkas: Option<PathBuf>,
    /// Kode desa tujuan (opensid-db: diambil dari tabel config bila tidak disebut)
    #[arg(long, value_name = "KODE")]
    pub desa: Option<String>,
    /// Hanya periksa dan tampilkan laporan; tidak ada yang disimpan
    #[arg(long)]
    pub dry_run: bool,
    /// opensid-db: folder desa/ OpenSID (arsip surat PDF)
    #[arg(long = "berkas", value_name = "FOLDER")]
    pub folder_berkas: Option<PathBuf>,
    /// opensid-db: baca langsung dari server MariaDB/MySQL OpenSID
    /// (mysql://pengguna:sandi@host:3306/basisdata; memerlukan program mysqldump)
    #[arg(long, value_name = "URL", conflicts_with = "berkas")]
    pub mysql: Option<String>,
    /// opensid/siak: dusun tempat RT/RW baru dibuat bila berkas tidak menyebut dusunnya
    /// (bawaan: BELUM DITENTUKAN)
    #[arg(long, value_name = "DUSUN")]
    pub dusun_baru: Option<String>,
}

pub(super) fn kode_desa(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

pub async fn impor(k: &Konfigurasi, a: ArgImpor) -> Hasil {
    if matches!(a.sumber, SumberImpor::OpensidDb) {
        return super::opensid::impor(k, a).await;
    }
    let Some(desa) = a.desa.as_deref() else {
        return Err("sebutkan desa tujuan dengan --desa KODE".into());
    };
    let Some(berkas) = a.berkas.as_ref() else {
        return Err("sebutkan berkas yang diimpor".into());
    };
    let isi = std::fs::read(berkas)
        .map_err(|e| format!("berkas {} tidak dapat dibaca: {e}", berkas.display()))?;
    let store = buka(k).await?;
    let desa = kode_desa(desa);
    if store.desa(&desa).await.map_err(pesan)?.is_none() {
        return Err(format!("desa {desa} belum terdaftar di basis data ini"));
    }
    let format = match a.sumber {
        SumberImpor::Opensid => FormatImpor::OpenSid,
        SumberImpor::Siak | SumberImpor::OpensidDb => FormatImpor::Siak,
    };
    let nama = berkas
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let lap = store
        .impor_penduduk(
            &desa,
            &nama,
            &isi,
            &OpsiImpor {
                format,
                dry_run: a.dry_run,
                dusun_baru: a.dusun_baru.clone(),
            },
            &Aktor("cli".into()),
        )
        .await
        .map_err(pesan)?;
    for g in &lap.galat {
        eprintln!(
            "baris {}, kolom \"{}\", nilai \"{}\": {}",
            g.baris, g.kolom, g.nilai, g.pesan
        );
    }
    if lap.galat_lain > 0 {
        eprintln!("… dan {} kesalahan lain.", lap.galat_lain);
    }
    for g in &lap.peringatan {
        eprintln!(
            "perhatian: baris {}, kolom \"{}\", nilai \"{}\": {}",
            g.baris, g.kolom, g.nilai, g.pesan
        );
    }
    for r in &lap.rt_baru {
        println!(
            "RT/RW baru: dusun {}, RW {}, RT {} ({} baris, mulai baris {})",
            r.dusun, r.rw, r.rt, r.jumlah, r.baris
        );
    }
    let ringkas = format!(
        "{} baris: {} baru, {} diperbarui, {} tidak berubah, {} status dicatat (meninggal/pindah/hilang/pergi), {} dilewati",
        lap.total, lap.baru, lap.diubah, lap.tidak_berubah, lap.status_dicatat, lap.dilewati
    );
    if !lap.galat.is_empty() || lap.galat_lain > 0 {
        eprintln!(
            "Impor GAGAL: {} kesalahan; tidak ada data yang disimpan.",
            lap.galat.len() + lap.galat_lain
        );
        return Ok(ExitCode::from(2));
    }
    if lap.diterapkan {
        println!("Impor selesai: {ringkas}.");
    } else {
        println!("Pratinjau (--dry-run), tidak ada yang disimpan: {ringkas}.");
    }
    Ok(ExitCode::SUCCESS)
}
