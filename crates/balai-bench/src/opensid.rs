//! Moving a village from OpenSID (issue 22): a mysqldump of an OpenSID 21.09 database with
//! `penduduk` residents in families of four (some dead or moved, with their events) and
//! `surat` letters over five years, written to a file by `opensid-dump`; `opensid` times
//! `Store::impor_opensid_db` reading it as a stream and reports the process's peak memory.

use balai_store::opensid::OpsiOpenSid;
use balai_store::{Aktor, Store};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

const NAMA_DEPAN: [&str; 12] = [
    "AGUS", "BUDI", "CITRA", "DEWI", "EKO", "FITRI", "GILANG", "HENDRA", "INDAH", "JOKO",
    "KARTIKA", "LESTARI",
];
const NAMA_BELAKANG: [&str; 8] = [
    "SANTOSO", "WIBOWO", "LESTARI", "PRATAMA", "SUSANTO", "HIDAYAT", "RAHAYU", "SAPUTRA",
];
/// Letter types: OpenSID id, code, name, url.
const JENIS: [(u32, &str, &str, &str); 4] = [
    (1, "S-01", "Keterangan Pengantar", "surat_ket_pengantar"),
    (15, "S-14", "Keterangan Usaha", "surat_ket_usaha"),
    (156, "S-41", "Keterangan Domisili", "surat_ket_domisili"),
    (300, "X-01", "Surat Desa Lainnya", "surat_desa_lain"),
];
/// Rows per extended INSERT, as mysqldump writes them with its default buffer.
const PER_INSERT: usize = 400;

fn sisip(
    w: &mut impl Write,
    tabel: &str,
    baris: impl Iterator<Item = String>,
) -> std::io::Result<()> {
    let mut n = 0;
    for b in baris {
        if n % PER_INSERT == 0 {
            if n > 0 {
                writeln!(w, ";")?;
            }
            write!(w, "INSERT INTO `{tabel}` VALUES ({b})")?;
        } else {
            write!(w, ",({b})")?;
        }
        n += 1;
    }
    if n > 0 {
        writeln!(w, ";")?;
    }
    Ok(())
}

/// Writes the dump of a village with `penduduk` residents and `surat` letters.
pub fn tulis_dump(berkas: &Path, penduduk: usize, surat: usize) -> Result<(), String> {
    let f = std::fs::File::create(berkas).map_err(|e| e.to_string())?;
    let mut w = std::io::BufWriter::new(f);
    tulis(&mut w, penduduk, surat).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())
}

fn tulis(w: &mut impl Write, penduduk: usize, surat: usize) -> std::io::Result<()> {
    writeln!(w, "-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)")?;
    writeln!(w, "/*!40101 SET NAMES utf8mb4 */;")?;
    writeln!(
        w,
        "CREATE TABLE `config` (\n  `id` int(5) NOT NULL AUTO_INCREMENT,\n  `nama_desa` varchar(100) NOT NULL,\n  `kode_desa` varchar(100) NOT NULL,\n  `nama_kepala_desa` varchar(100) NOT NULL,\n  `kode_pos` int(5) DEFAULT NULL,\n  `nama_kecamatan` varchar(100) NOT NULL,\n  `kode_kecamatan` varchar(100) NOT NULL,\n  `kode_kabupaten` varchar(100) NOT NULL,\n  `kode_propinsi` varchar(100) NOT NULL,\n  `alamat_kantor` varchar(200) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8;"
    )?;
    writeln!(
        w,
        "INSERT INTO `config` VALUES (1,'Ngaliyan','2001','SUPARNO',51271,'Limpung','08','25','33','Jl. Raya Ngaliyan 1');"
    )?;
    writeln!(
        w,
        "CREATE TABLE `setting_aplikasi` (`id` int(11) NOT NULL, `key` varchar(50), `value` varchar(500), `keterangan` text, `jenis` varchar(30), `kategori` varchar(30));"
    )?;
    writeln!(
        w,
        "INSERT INTO `setting_aplikasi` VALUES (1,'current_version','21.09','',NULL,NULL),(2,'penomoran_surat','2','',NULL,NULL),(3,'format_nomor_surat','[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]','',NULL,NULL);"
    )?;
    writeln!(
        w,
        "CREATE TABLE `tweb_wil_clusterdesa` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `rt` varchar(10) NOT NULL DEFAULT '0',\n  `rw` varchar(10) NOT NULL DEFAULT '0',\n  `dusun` varchar(50) NOT NULL DEFAULT '0',\n  `id_kepala` int(11) DEFAULT NULL,\n  `lat` varchar(20) DEFAULT NULL,\n  `lng` varchar(20) DEFAULT NULL,\n  `zoom` int(11) DEFAULT NULL,\n  `path` text,\n  `map_tipe` varchar(20) DEFAULT NULL,\n  `warna` varchar(10) DEFAULT NULL,\n  `urut` int(11) DEFAULT NULL,\n  `urut_cetak` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;"
    )?;
    // 4 dusun × 3 RW × 4 RT; RT rows have ids 1..=48.
    let rt = (0..48).map(|i| {
        format!(
            "{},'{}','{}','DUSUN {}',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL",
            i + 1,
            i % 4 + 1,
            (i / 4) % 3 + 1,
            ["KRAJAN", "SIDOREJO", "TEGALSARI", "KALIWUNGU"][i / 12]
        )
    });
    sisip(w, "tweb_wil_clusterdesa", rt)?;
    let keluarga = penduduk.div_ceil(4);
    writeln!(
        w,
        "CREATE TABLE `tweb_keluarga` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `no_kk` varchar(160) DEFAULT NULL,\n  `nik_kepala` varchar(200) DEFAULT NULL,\n  `tgl_daftar` timestamp NULL DEFAULT CURRENT_TIMESTAMP,\n  `kelas_sosial` int(4) DEFAULT NULL,\n  `tgl_cetak_kk` datetime DEFAULT NULL,\n  `alamat` varchar(200) DEFAULT NULL,\n  `id_cluster` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;"
    )?;
    sisip(
        w,
        "tweb_keluarga",
        (0..keluarga).map(|k| {
            format!(
                "{},'33250801{:08}','{}','2016-09-14 13:28:03',NULL,NULL,'Jl. Desa No. {}',{}",
                k + 1,
                k + 1,
                k * 4 + 1,
                k % 200 + 1,
                k % 48 + 1
            )
        }),
    )?;
    writeln!(
        w,
        "CREATE TABLE `tweb_penduduk` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `nama` varchar(100) NOT NULL,\n  `nik` decimal(16,0) NOT NULL,\n  `id_kk` int(11) DEFAULT '0',\n  `kk_level` tinyint(2) NOT NULL DEFAULT '0',\n  `id_rtm` varchar(30) DEFAULT NULL,\n  `rtm_level` int(11) DEFAULT NULL,\n  `sex` tinyint(4) unsigned DEFAULT NULL,\n  `tempatlahir` varchar(100) NOT NULL,\n  `tanggallahir` date DEFAULT NULL,\n  `agama_id` int(1) NOT NULL,\n  `pendidikan_kk_id` int(1) NOT NULL,\n  `pendidikan_sedang_id` int(1) DEFAULT NULL,\n  `pekerjaan_id` int(1) NOT NULL,\n  `status_kawin` tinyint(4) NOT NULL,\n  `warganegara_id` int(1) NOT NULL DEFAULT '1',\n  `dokumen_pasport` varchar(45) DEFAULT NULL,\n  `dokumen_kitas` int(10) DEFAULT NULL,\n  `ayah_nik` varchar(16) DEFAULT NULL,\n  `ibu_nik` varchar(16) DEFAULT NULL,\n  `nama_ayah` varchar(100) DEFAULT NULL,\n  `nama_ibu` varchar(100) DEFAULT NULL,\n  `foto` varchar(100) DEFAULT NULL,\n  `golongan_darah_id` int(11) DEFAULT NULL,\n  `id_cluster` int(11) NOT NULL,\n  `status` int(10) DEFAULT NULL,\n  `alamat_sebelumnya` varchar(200) DEFAULT NULL,\n  `alamat_sekarang` varchar(200) DEFAULT NULL,\n  `status_dasar` tinyint(4) NOT NULL DEFAULT '1',\n  `hamil` int(1) DEFAULT NULL,\n  `cacat_id` int(11) DEFAULT NULL,\n  `telepon` varchar(20) DEFAULT NULL,\n  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC;"
    )?;
    let orang = (0..penduduk).map(|i| {
        let kk = i / 4;
        let posisi = i % 4;
        let perempuan = posisi == 1 || (posisi >= 2 && i % 2 == 0);
        let tahun = if posisi < 2 { 1960 + (kk % 30) } else { 1995 + (i % 25) };
        let (bulan, hari) = (i % 12 + 1, i % 28 + 1);
        let nik = format!(
            "332508{:02}{:02}{:02}{:04}",
            hari + if perempuan { 40 } else { 0 },
            bulan,
            tahun % 100,
            i % 9999 + 1
        );
        let shdk = [1, 3, 4, 4][posisi];
        let kawin = if posisi < 2 { 2 } else { 1 };
        // 4% died, 2% moved away (never a head, so each family keeps its head).
        let status = if posisi >= 2 && i % 25 == 3 {
            2
        } else if posisi >= 2 && i % 50 == 7 {
            3
        } else {
            1
        };
        format!(
            "{},'{} {}',{},{},{},'0',0,{},'BATANG','{}-{:02}-{:02}',1,{},NULL,{},{},1,NULL,NULL,'','','','','',13,{},1,'','',{},NULL,NULL,'','2019-05-28 22:45:28'",
            i + 1,
            NAMA_DEPAN[i % NAMA_DEPAN.len()],
            NAMA_BELAKANG[kk % NAMA_BELAKANG.len()],
            nik,
            kk + 1,
            shdk,
            if perempuan { 2 } else { 1 },
            tahun,
            bulan,
            hari,
            if posisi < 2 { 5 } else { 3 },
            if posisi < 2 { 2 } else { 3 },
            kawin,
            kk % 48 + 1,
            status
        )
    });
    sisip(w, "tweb_penduduk", orang)?;
    writeln!(
        w,
        "CREATE TABLE `log_penduduk` (\n  `id` int(10) NOT NULL AUTO_INCREMENT,\n  `id_pend` int(11) NOT NULL,\n  `kode_peristiwa` tinyint(4) DEFAULT NULL,\n  `meninggal_di` varchar(50) DEFAULT NULL,\n  `alamat_tujuan` varchar(255) DEFAULT NULL,\n  `tgl_lapor` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  `tgl_peristiwa` datetime DEFAULT NULL,\n  `catatan` text,\n  `no_kk` decimal(16,0) DEFAULT NULL,\n  `nama_kk` varchar(100) DEFAULT NULL,\n  `ref_pindah` tinyint(2) DEFAULT '1',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8;"
    )?;
    let log = (0..penduduk).filter_map(|i| {
        let posisi = i % 4;
        if posisi >= 2 && i % 25 == 3 {
            Some((i, 2, "'RUMAH'", "NULL"))
        } else if posisi >= 2 && i % 50 == 7 {
            Some((i, 3, "NULL", "'SEMARANG'"))
        } else {
            None
        }
    });
    sisip(
        w,
        "log_penduduk",
        log.enumerate().map(|(n, (i, kode, di, tujuan))| {
            format!(
                "{},{},{kode},{di},{tujuan},'2023-0{}-10 09:00:00','2023-0{}-0{} 00:00:00',NULL,NULL,NULL,1",
                n + 1,
                i + 1,
                n % 9 + 1,
                n % 9 + 1,
                n % 9 + 1
            )
        }),
    )?;
    writeln!(
        w,
        "CREATE TABLE `tweb_surat_format` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `nama` varchar(100) NOT NULL,\n  `url_surat` varchar(100) NOT NULL,\n  `kode_surat` varchar(10) DEFAULT NULL,\n  `lampiran` varchar(100) DEFAULT NULL,\n  `kunci` tinyint(1) NOT NULL DEFAULT '0',\n  `favorit` tinyint(1) NOT NULL DEFAULT '0',\n  `jenis` tinyint(2) NOT NULL DEFAULT '2',\n  `mandiri` tinyint(1) DEFAULT '0',\n  `masa_berlaku` int(3) DEFAULT '1',\n  `satuan_masa_berlaku` varchar(15) DEFAULT 'M',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;"
    )?;
    sisip(
        w,
        "tweb_surat_format",
        JENIS.iter().map(|(id, kode, nama, url)| {
            format!("{id},'{nama}','{url}','{kode}',NULL,0,0,1,0,1,'M'")
        }),
    )?;
    writeln!(
        w,
        "CREATE TABLE `log_surat` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `id_format_surat` int(3) NOT NULL,\n  `id_pend` int(11) DEFAULT NULL,\n  `id_pamong` int(4) NOT NULL,\n  `id_user` int(4) NOT NULL,\n  `tanggal` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  `bulan` varchar(2) DEFAULT NULL,\n  `tahun` varchar(4) DEFAULT NULL,\n  `no_surat` varchar(20) DEFAULT NULL,\n  `nama_surat` varchar(100) DEFAULT NULL,\n  `lampiran` varchar(100) DEFAULT NULL,\n  `nik_non_warga` decimal(16,0) DEFAULT NULL,\n  `nama_non_warga` varchar(100) DEFAULT NULL,\n  `keterangan` varchar(200) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1;"
    )?;
    // Letters spread over five years (2021–2025), numbered per type and year.
    let mut nomor = std::collections::HashMap::new();
    let surat_baris = (0..surat).map(move |n| {
        let (jid, kode, ..) = JENIS[n % JENIS.len()];
        let tahun = 2021 + (n * 5 / surat.max(1)) as u32;
        let hari_ke = (n * 365 * 5 / surat.max(1)) % 365;
        let (bulan, hari) = (hari_ke / 31 + 1, hari_ke % 28 + 1);
        let urut = nomor.entry((jid, tahun)).or_insert(0u32);
        *urut += 1;
        let pemohon = (n * 7) % penduduk.max(1) + 1;
        format!(
            "{},{jid},{pemohon},1,1,'{tahun}-{:02}-{:02} 10:00:00','{:02}','{tahun}','{}','{kode}_{n}.rtf',NULL,NULL,NULL,NULL",
            n + 1,
            bulan.min(12),
            hari,
            bulan.min(12),
            urut
        )
    });
    sisip(w, "log_surat", surat_baris)?;
    // A big table the import skips while streaming.
    writeln!(
        w,
        "CREATE TABLE `sys_traffic` (`Tanggal` date NOT NULL, `ipAddress` text, `Jumlah` int(10));"
    )?;
    sisip(
        w,
        "sys_traffic",
        (0..5000).map(|i| {
            format!(
                "'2024-01-{:02}','10.0.{}.{}',{i}",
                i % 28 + 1,
                i / 250,
                i % 250
            )
        }),
    )?;
    writeln!(w, "-- Dump completed on 2026-12-01 10:00:00")?;
    Ok(())
}

/// Peak resident memory of this process (Linux), in MB.
fn memori_puncak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let baris = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = baris.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Imports the dump into `desa` and prints the time, the counts and the peak memory.
pub async fn impor(store: &Store, berkas: &Path, desa: &str) -> Result<(), String> {
    let f = std::fs::File::open(berkas).map_err(|e| e.to_string())?;
    let ukuran = f.metadata().map(|m| m.len()).unwrap_or(0);
    let opsi = OpsiOpenSid {
        desa: Some(desa.to_string()),
        ..Default::default()
    };
    let t = Instant::now();
    let lap = store
        .impor_opensid_db(f, &opsi, &Aktor::sistem())
        .await
        .map_err(|e| format!("{e:?}"))?;
    let detik = t.elapsed().as_secs_f64();
    let jumlah = |t: &str| {
        lap.tabel
            .iter()
            .find(|x| x.tabel == t)
            .map(|x| (x.diimpor, x.tidak_berubah, x.ditolak.len()))
            .unwrap_or_default()
    };
    println!(
        "opensid-db {:.1} MB: {detik:.2} s, penduduk (diimpor, sama, ditolak) {:?}, surat {:?}, memori puncak {:.0} MB",
        ukuran as f64 / 1e6,
        jumlah("tweb_penduduk"),
        jumlah("log_surat"),
        memori_puncak_mb().unwrap_or(f64::NAN)
    );
    Ok(())
}
