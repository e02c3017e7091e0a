//! Moving a village from an OpenSID database dump through the admin screens, over real HTTP on
//! both backends: the upload is previewed (a dry run that stores nothing), then imported from
//! the kept file with its one-time token; residents of every status arrive and the letter
//! numbering continues after OpenSID's last number. Only the village admin may do it.

use crate::bersama;

use balai_domain::{KodeDesa, ZonaWaktu};
use balai_store::penduduk::SaringPenduduk;
use balai_store::surat::{Penandatangan, Permohonan, TerbitkanSurat};
use balai_store::{Aktor, Store};
use bersama::{csrf, masuk_staf, server, staf_desa, teks};
use chrono::Datelike;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use std::collections::BTreeMap;

const DESA: &str = "3325082004";

/// A minimal mysqldump of one village: a living head of family, his dead father (with the death
/// in `log_penduduk`), and two "pengantar" letters of this year numbered 1 and 5.
fn dump(tahun: i32) -> String {
    format!(
        "-- MySQL dump 10.13  Distrib 5.7
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `config`;
CREATE TABLE `config` (
  `id` int(5) NOT NULL AUTO_INCREMENT,
  `nama_desa` varchar(100) NOT NULL,
  `kode_desa` varchar(100) NOT NULL,
  `kode_kecamatan` varchar(100) NOT NULL,
  `kode_kabupaten` varchar(100) NOT NULL,
  `kode_propinsi` varchar(100) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
INSERT INTO `config` VALUES (1,'Uji','{DESA}','332508','25','33');
CREATE TABLE `setting_aplikasi` (`id` int, `key` varchar(50), `value` varchar(200));
INSERT INTO `setting_aplikasi` VALUES (1,'current_version','23.04');
CREATE TABLE `tweb_wil_clusterdesa` (`id` int, `rt` varchar(10), `rw` varchar(10), `dusun` varchar(50), `id_kepala` int);
INSERT INTO `tweb_wil_clusterdesa` VALUES (1,'0','0','KRAJAN',NULL),(2,'0','1','KRAJAN',NULL),(3,'1','1','KRAJAN',NULL);
CREATE TABLE `tweb_keluarga` (`id` int, `no_kk` varchar(160), `nik_kepala` varchar(200), `tgl_daftar` timestamp, `alamat` varchar(200), `id_cluster` int);
INSERT INTO `tweb_keluarga` VALUES (1,'3325080101080001','1','2016-01-01 00:00:00','Jl. Mawar',3);
CREATE TABLE `tweb_penduduk` (`id` int, `nama` varchar(100), `nik` decimal(16,0), `id_kk` int, `kk_level` tinyint, `id_rtm` varchar(30), `rtm_level` int, `sex` tinyint, `tempatlahir` varchar(100), `tanggallahir` date, `agama_id` int, `pendidikan_kk_id` int, `pendidikan_sedang_id` int, `pekerjaan_id` int, `status_kawin` tinyint, `warganegara_id` int, `id_cluster` int, `status_dasar` tinyint, `cacat_id` int, `golongan_darah_id` int, `alamat_sekarang` varchar(200));
INSERT INTO `tweb_penduduk` VALUES (1,'SLAMET RIYADI',3325080101700001,1,1,'0',0,1,'BATANG','1970-01-01',1,5,NULL,2,2,1,3,1,0,13,''),(2,'KAKEK TUA',3325080303400003,1,7,'0',0,1,'BATANG','1940-03-03',1,1,NULL,1,4,1,3,2,0,13,'');
CREATE TABLE `log_penduduk` (`id` int, `id_pend` int, `kode_peristiwa` int, `meninggal_di` varchar(50), `alamat_tujuan` text, `tgl_lapor` timestamp, `tgl_peristiwa` datetime, `catatan` text);
INSERT INTO `log_penduduk` VALUES (1,2,2,'Rumah',NULL,'2020-05-05 00:00:00','2020-05-04 00:00:00','sakit');
CREATE TABLE `tweb_surat_format` (`id` int, `nama` varchar(100), `url_surat` varchar(100), `kode_surat` varchar(10));
INSERT INTO `tweb_surat_format` VALUES (1,'Keterangan Pengantar','surat_ket_pengantar','S-01');
CREATE TABLE `log_surat` (`id` int, `id_format_surat` int, `id_pend` int, `id_pamong` int, `tanggal` timestamp, `bulan` varchar(2), `tahun` varchar(4), `no_surat` varchar(20), `nama_surat` varchar(100));
INSERT INTO `log_surat` VALUES (1,1,1,1,'{tahun}-01-05 10:00:00','01','{tahun}','1','a.rtf'),(2,1,1,1,'{tahun}-01-06 10:00:00','01','{tahun}','5','b.rtf');
-- Dump completed on {tahun}-01-07
"
    )
}

fn unggah(token: &str, isi: &str) -> Form {
    Form::new().text("_csrf", token.to_string()).part(
        "berkas",
        Part::bytes(isi.as_bytes().to_vec()).file_name("opensid.sql"),
    )
}

/// The count in a cell of the report table's row for `tabel`.
fn baris_tabel<'a>(html: &'a str, tabel: &str) -> &'a str {
    let i = html
        .find(&format!("<tr id=\"tabel-{tabel}\">"))
        .unwrap_or_else(|| panic!("row {tabel} in the report: {html}"));
    &html[i..i + html[i..].find("</tr>").unwrap()]
}

async fn banyak_penduduk(s: &Store, status_dasar: i16) -> usize {
    let hari_ini = s.hari_ini(ZonaWaktu::Wib);
    s.daftar_penduduk(
        DESA,
        &SaringPenduduk {
            status_dasar: Some(status_dasar),
            ..Default::default()
        },
        hari_ini,
    )
    .await
    .unwrap()
    .isi
    .len()
}

balai_testkit::tiap_backend!(pindah_dari_opensid_lewat_http);
async fn pindah_dari_opensid_lewat_http(be: &'static str, s: Store) {
    s.buat_desa(&KodeDesa::parse(DESA).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    staf_desa(&s, DESA).await;
    let tahun = s.hari_ini(ZonaWaktu::Wib).year();
    let isi = dump(tahun);
    let (url, _henti) = server(s.clone(), Default::default()).await;
    let admin = masuk_staf(&url, "admin").await;
    let hal = format!("{url}/desa/{DESA}/impor/opensid");

    // Linked from the resident import page and the menu, for the admin.
    let html = teks(&admin, format!("{url}/desa/{DESA}/impor")).await;
    assert!(html.contains("id=\"pindah-opensid\""), "{be}");
    assert!(
        html.contains(&format!("href=\"/desa/{DESA}/impor/opensid\"")),
        "{be}"
    );
    let html = teks(&admin, &hal).await;
    assert!(
        html.contains("Pengaturan &gt; Database &gt; Backup"),
        "{be}"
    );
    assert!(html.contains("id=\"form-unggah-opensid\""), "{be}");
    let token = csrf(&admin, &hal).await;

    // Not a dump: refused with the reason, nothing offered.
    let r = admin
        .post(&hal)
        .multipart(unggah(
            &token,
            "CREATE TABLE `buku` (`id` int);\nINSERT INTO `buku` VALUES (1);\n",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("bukan cadangan basis data OpenSID"),
        "{be}: {html}"
    );
    assert!(!html.contains("Impor sekarang"), "{be}");

    // Larger than the app's usual 25 MB limit: this route still reads it (and finds no dump).
    let besar = "-- komentar cadangan\n".repeat(30 * 1024 * 1024 / 21);
    let r = admin
        .post(&hal)
        .multipart(unggah(&token, &besar))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{be}");
    assert!(
        r.text().await.unwrap().contains("id=\"galat-berkas\""),
        "{be}"
    );

    // The preview: counts per table, nothing stored yet.
    let r = admin
        .post(&hal)
        .multipart(unggah(&token, &isi))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"pratinjau\""), "{be}: {html}");
    assert!(html.contains("Belum ada yang disimpan"), "{be}");
    assert!(
        html.contains("<dd id=\"versi-opensid\">23.04</dd>"),
        "{be}: {html}"
    );
    assert!(html.contains(&format!("({DESA})")), "{be}");
    let p = baris_tabel(&html, "tweb_penduduk");
    assert!(
        p.contains("<td class=\"angka\">2</td><td class=\"angka\">2</td>"),
        "{be}: {p}"
    );
    let ls = baris_tabel(&html, "log_surat");
    assert!(
        ls.contains("<td class=\"angka\">2</td><td class=\"angka\">2</td>"),
        "{be}: {ls}"
    );
    assert!(html.contains("data-yakin=\"Impor data OpenSID"), "{be}");
    assert!(html.contains("Impor sekarang"), "{be}");
    assert_eq!(banyak_penduduk(&s, 0).await, 0, "{be}");

    // The head of village and the operator may not.
    for u in ["kades", "operator"] {
        let c = masuk_staf(&url, u).await;
        assert_eq!(
            c.get(&hal).send().await.unwrap().status(),
            StatusCode::FORBIDDEN,
            "{be}: {u}"
        );
        let t = csrf(&c, &format!("{url}/desa/{DESA}/penduduk")).await;
        let r = c
            .post(&hal)
            .multipart(unggah(&t, &isi))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{be}: {u}");
    }

    // Import the kept file.
    let i = html.find("name=\"token\" value=\"").expect("import form") + 20;
    let t = &html[i..i + html[i..].find('"').unwrap()];
    let terapkan = format!("{hal}/terapkan");
    let r = admin
        .post(&terapkan)
        .form(&[("_csrf", token.as_str()), ("token", t)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{be}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Impor selesai"), "{be}: {html}");
    assert!(!html.contains("Impor sekarang"), "{be}");
    let p = baris_tabel(&html, "tweb_penduduk");
    assert!(
        p.contains("<td class=\"angka\">2</td><td class=\"angka\">2</td>"),
        "{be}: {p}"
    );

    // The living resident is in the registry; the dead one is kept as dead.
    let daftar = teks(&admin, format!("{url}/desa/{DESA}/penduduk")).await;
    assert!(daftar.contains("SLAMET RIYADI"), "{be}");
    assert_eq!(banyak_penduduk(&s, 1).await, 1, "{be}");
    assert_eq!(banyak_penduduk(&s, 2).await, 1, "{be}");

    // The token is used up.
    let html = admin
        .post(&terapkan)
        .form(&[("_csrf", token.as_str()), ("token", t)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Pratinjau sudah kedaluwarsa"), "{be}");

    // The next "pengantar" letter of this year continues after OpenSID's number 5.
    let hidup = s
        .daftar_penduduk(DESA, &SaringPenduduk::default(), s.hari_ini(ZonaWaktu::Wib))
        .await
        .unwrap()
        .isi;
    let id = s
        .ajukan_surat(
            DESA,
            &Permohonan {
                jenis_kode: "keterangan_pengantar".into(),
                penduduk_id: hidup[0].id,
                isian: BTreeMap::from([
                    ("keperluan".into(), "Melamar pekerjaan".into()),
                    ("keterangan".into(), "Untuk keperluan uji".into()),
                ]),
                kanal: "loket".into(),
                langsung_diperiksa: true,
                ..Default::default()
            },
            &Aktor::pengguna("operator"),
        )
        .await
        .unwrap();
    let surat = s
        .terbitkan_surat(
            DESA,
            id,
            &TerbitkanSurat {
                penanda: Penandatangan {
                    nama: "SUTRISNO".into(),
                    jabatan: "Kepala Desa".into(),
                    atas_nama: String::new(),
                },
                url_dasar: "https://desa.contoh",
                versi: None,
            },
            &Aktor::pengguna("kades"),
            |_| Ok(b"%PDF-1.7".to_vec()),
        )
        .await
        .unwrap();
    assert_eq!(surat.nomor_urut, Some(6), "{be}: {:?}", surat.nomor);
}
