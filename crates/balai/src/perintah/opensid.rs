//! `balai import opensid-db FILE.sql [--desa KODE] [--dry-run] [--berkas FOLDER]`, or
//! `--mysql URL` to read a live OpenSID database through `mysqldump`.

use super::impor::ArgImpor;
use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::Aktor;
use balai_store::opensid::{LaporanOpenSid, OpsiOpenSid};
use std::io::Read;
use std::process::{Command, ExitCode, Stdio};

pub async fn impor(k: &Konfigurasi, a: ArgImpor) -> Hasil {
    if let Some(f) = &a.folder_berkas
        && !f.is_dir()
    {
        return Err(format!("folder {} tidak ada", f.display()));
    }
    let mut anak = None;
    let sumber: Box<dyn Read + Send> = match (&a.mysql, &a.berkas) {
        (Some(url), _) => {
            let (perintah, sandi) = perintah_mysqldump(url)?;
            let mut c = Command::new("mysqldump");
            c.args(&perintah).stdout(Stdio::piped());
            if let Some(s) = sandi {
                // Through the environment, not the command line (visible in `ps`).
                c.env("MYSQL_PWD", s);
            }
            let mut proses = c.spawn().map_err(|e| {
                format!("mysqldump tidak dapat dijalankan ({e}); pasang klien MariaDB/MySQL (paket mariadb-client) atau buat cadangan .sql lalu impor berkas itu")
            })?;
            let keluaran = proses
                .stdout
                .take()
                .ok_or("keluaran mysqldump tidak terbaca")?;
            anak = Some(proses);
            Box::new(keluaran)
        }
        (None, Some(p)) if p.as_os_str() == "-" => Box::new(std::io::stdin()),
        (None, Some(p)) => Box::new(
            std::fs::File::open(p)
                .map_err(|e| format!("berkas {} tidak dapat dibuka: {e}", p.display()))?,
        ),
        (None, None) => return Err("sebutkan berkas cadangan atau --mysql URL".into()),
    };
    let store = buka(k).await?;
    let opsi = OpsiOpenSid {
        desa: a.desa.clone(),
        dry_run: a.dry_run,
        berkas: a.folder_berkas.clone(),
    };
    let hasil = store
        .impor_opensid_db(sumber, &opsi, &Aktor("cli".into()))
        .await;
    if let Some(mut p) = anak {
        let status = p.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!(
                "mysqldump gagal ({status}); periksa alamat, pengguna dan sandi basis data. Tidak ada yang disimpan bila cadangannya terpotong."
            ));
        }
    }
    cetak(&hasil.map_err(pesan)?);
    Ok(ExitCode::SUCCESS)
}

/// mysqldump's arguments for `mysql://user:password@host:port/database`, and the password.
fn perintah_mysqldump(url: &str) -> Result<(Vec<String>, Option<String>), String> {
    let salah = || {
        format!(
            "alamat --mysql tidak sah: \"{url}\"; contoh mysql://opensid:sandi@127.0.0.1:3306/opensid"
        )
    };
    let sisa = url
        .strip_prefix("mysql://")
        .or_else(|| url.strip_prefix("mariadb://"))
        .ok_or_else(salah)?;
    let (kredensial, sisa) = match sisa.rsplit_once('@') {
        Some((k, s)) => (Some(k), s),
        None => (None, sisa),
    };
    let (alamat, basis) = sisa.split_once('/').ok_or_else(salah)?;
    if basis.is_empty() || alamat.is_empty() {
        return Err(salah());
    }
    let (host, port) = match alamat.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().map_err(|_| salah())?),
        None => (alamat, 3306),
    };
    let (pengguna, sandi) = match kredensial {
        Some(k) => match k.split_once(':') {
            Some((u, s)) => (Some(u), Some(s.to_string())),
            None => (Some(k), None),
        },
        None => (None, None),
    };
    let mut v = vec![
        "--single-transaction".to_string(),
        "--default-character-set=utf8mb4".to_string(),
        "--skip-triggers".to_string(),
        format!("--host={host}"),
        format!("--port={port}"),
    ];
    if let Some(u) = pengguna {
        v.push(format!("--user={u}"));
    }
    v.push(basis.to_string());
    Ok((v, sandi))
}

/// The report as an operator reads it: one line per table, then what to check.
fn cetak(lap: &LaporanOpenSid) {
    println!(
        "Cadangan OpenSID versi {} → desa {} ({}){}",
        lap.versi,
        lap.nama_desa,
        lap.desa_id,
        if lap.desa_baru {
            ", didaftarkan baru"
        } else {
            ""
        }
    );
    for c in &lap.catatan {
        println!("catatan: {c}");
    }
    println!(
        "{:<22} {:>7} {:>8} {:>7} {:>9} {:>8} {:>8}",
        "tabel", "dibaca", "diimpor", "sama", "penampung", "catatan", "ditolak"
    );
    for t in &lap.tabel {
        println!(
            "{:<22} {:>7} {:>8} {:>7} {:>9} {:>8} {:>8}",
            t.tabel,
            t.dibaca,
            t.diimpor,
            t.tidak_berubah,
            t.disimpan,
            t.peringatan.len(),
            t.ditolak.len()
        );
    }
    for t in &lap.tabel {
        for c in &t.ditolak {
            eprintln!("ditolak: {} id {}: {}", t.tabel, c.id, c.pesan);
        }
        for c in &t.peringatan {
            eprintln!("perhatian: {} id {}: {}", t.tabel, c.id, c.pesan);
        }
    }
    if lap.diterapkan {
        println!(
            "Impor selesai. Baris yang ditolak atau belum punya tempat disimpan utuh di tabel penampung (opensid_simpanan)."
        );
    } else {
        println!("Pratinjau (--dry-run): tidak ada yang disimpan.");
    }
}

#[cfg(test)]
mod tests {
    use super::perintah_mysqldump;

    #[test]
    fn alamat_mysql() {
        let (v, s) = perintah_mysqldump("mysql://opensid:rahasia@10.0.0.5:3307/desa").unwrap();
        assert_eq!(s.as_deref(), Some("rahasia"));
        assert!(v.contains(&"--host=10.0.0.5".to_string()));
        assert!(v.contains(&"--port=3307".to_string()));
        assert!(v.contains(&"--user=opensid".to_string()));
        assert_eq!(v.last().unwrap(), "desa");
        assert!(
            !v.iter().any(|a| a.contains("rahasia")),
            "password not on the command line"
        );
        let (v, s) = perintah_mysqldump("mariadb://localhost/opensid").unwrap();
        assert!(s.is_none() && v.contains(&"--port=3306".to_string()));
        assert!(perintah_mysqldump("postgres://x/y").is_err());
        assert!(perintah_mysqldump("mysql://host:abc/db").is_err());
        assert!(perintah_mysqldump("mysql://host").is_err());
    }
}
