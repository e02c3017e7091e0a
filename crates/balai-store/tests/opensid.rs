//! Moving a village from an OpenSID database dump, on both backends: residents of every status
//! with their events, families, RT/RW, letters with their numbers and the counters after them,
//! users as disabled accounts; the dry run stores nothing; a second run changes nothing.

use balai_store::opensid::{LaporanOpenSid, OpsiOpenSid};
use balai_store::{Aktor, Galat, Jam, Store, on_db};
use chrono::{TimeZone, Utc};

const DESA: &str = "3325082001";

fn pada(s: &Store) -> Store {
    s.clone().dengan_jam(Jam::Tetap(
        Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap(),
    ))
}

fn kecil() -> Vec<u8> {
    std::fs::read(balai_testkit::data_uji("opensid/kecil_v2109.sql")).unwrap()
}

async fn impor(s: &Store, isi: Vec<u8>, dry_run: bool) -> Result<LaporanOpenSid, Galat> {
    s.impor_opensid_db(
        std::io::Cursor::new(isi),
        &OpsiOpenSid {
            dry_run,
            ..Default::default()
        },
        &Aktor::pengguna("admin"),
    )
    .await
}

fn tabel<'a>(l: &'a LaporanOpenSid, t: &str) -> &'a balai_store::opensid::LaporanTabel {
    l.tabel.iter().find(|x| x.tabel == t).unwrap()
}

async fn hitung(s: &Store, sql: &'static str) -> i64 {
    on_db!(&s.db, p => sqlx::query_scalar(sql).bind(DESA).fetch_one(p).await).unwrap()
}

balai_testkit::tiap_backend!(dump_kecil_pindah_utuh);
async fn dump_kecil_pindah_utuh(be: &'static str, s: Store) {
    let s = pada(&s);
    // The dry run reports everything and stores nothing, not even the village.
    let l = impor(&s, kecil(), true).await.unwrap();
    assert!(!l.diterapkan && l.desa_baru, "{be}: {l:?}");
    assert_eq!(l.versi, "21.09", "{be}");
    assert_eq!(tabel(&l, "tweb_penduduk").diimpor, 4, "{be}: {l:?}");
    assert!(s.desa(DESA).await.unwrap().is_none(), "{be}");

    let l = impor(&s, kecil(), false).await.unwrap();
    assert!(l.diterapkan, "{be}");
    let p = tabel(&l, "tweb_penduduk");
    assert_eq!(
        (p.dibaca, p.diimpor, p.ditolak.len()),
        (4, 4, 0),
        "{be}: {p:?}"
    );
    // The dead grandfather had no birth date or place: taken from his NIK, and said so.
    assert!(
        p.peringatan
            .iter()
            .any(|c| c.id == "3" && c.pesan.contains("NIK")),
        "{be}: {:?}",
        p.peringatan
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM penduduk WHERE desa_id = $1 AND status_dasar = 2"
        )
        .await,
        1,
        "{be}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM penduduk WHERE desa_id = $1 AND status_dasar = 3"
        )
        .await,
        1,
        "{be}"
    );
    // The death keeps OpenSID's date; no death-benefit claim is opened for history.
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM peristiwa WHERE desa_id = $1 AND jenis = 'mati' AND tanggal = '2020-05-04'").await,
        1,
        "{be}"
    );
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM santunan WHERE desa_id = $1").await,
        0,
        "{be}"
    );
    // Letters: three of known types, one kept under the archive type.
    let ls = tabel(&l, "log_surat");
    assert_eq!(ls.diimpor, 4, "{be}: {ls:?}");
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM surat WHERE desa_id = $1 AND jenis_kode = 'arsip_opensid'"
        )
        .await,
        1,
        "{be}"
    );
    // The counter of the pengantar sequence for 2026 stands at OpenSID's last number.
    let terakhir: Vec<(String, i64)> = on_db!(&s.db, p => sqlx::query_as(
        "SELECT lingkup, terakhir FROM nomor_surat WHERE desa_id = $1 AND tahun = 2026 ORDER BY terakhir")
        .bind(DESA).fetch_all(p).await)
    .unwrap();
    assert_eq!(
        terakhir.iter().map(|t| t.1).collect::<Vec<_>>(),
        vec![2, 7],
        "{be}: {terakhir:?}"
    );
    // Users come over disabled, needing a new password.
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM pengguna WHERE desa_id = $1 AND NOT aktif AND wajib_ganti_sandi"
        )
        .await,
        2,
        "{be}"
    );

    // Officials: the active ones on the website (the secretary's name from the registry), the
    // decree and term of all three kept whole; coordinates and gallery held with their reason.
    let pejabat: Vec<(String, String)> = s
        .daftar_pejabat(DESA)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.nama, p.jabatan))
        .collect();
    assert_eq!(
        pejabat,
        vec![
            ("Budi Santoso".to_string(), "Kepala Desa".to_string()),
            ("SITI AMINAH".to_string(), "Sekretaris Desa".to_string())
        ],
        "{be}"
    );
    // All three are in the staff register; the inactive one as an earlier tenure with its decree.
    let daftar = s.perangkat().daftar(DESA).await.unwrap();
    assert_eq!(daftar.len(), 3, "{be}");
    let lama = daftar.iter().find(|x| x.o.nama == "Pak Lama").unwrap();
    assert_eq!(lama.j.sk_nomor, "141/1/2010", "{be}");
    assert!(
        lama.j.selesai.is_some()
            && !lama
                .j
                .menjabat_pada(s.hari_ini(balai_domain::ZonaWaktu::Wib)),
        "{be}"
    );
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM opensid_simpanan WHERE desa_id = $1 AND tabel = 'tweb_desa_pamong'").await,
        3,
        "{be}"
    );
    assert_eq!(tabel(&l, "tweb_penduduk_map").disimpan, 1, "{be}");
    assert_eq!(tabel(&l, "gambar_gallery").disimpan, 2, "{be}");
    assert_eq!(
        s.desa(DESA).await.unwrap().unwrap().kepala_desa,
        "Budi",
        "{be}"
    );

    // The village registered by the import and the import's own entries form one intact chain.
    let v = s.verifikasi_audit_desa(DESA).await.unwrap();
    assert!(v.rusak_pada.is_none() && v.jumlah > 1, "{be}: {v:?}");

    // Again: nothing changes.
    let audit_sebelum = hitung(&s, "SELECT count(*) FROM audit WHERE desa_id = $1").await;
    let l = impor(&s, kecil(), false).await.unwrap();
    for t in &l.tabel {
        assert_eq!(t.diimpor, 0, "{be}: {} {t:?}", t.tabel);
    }
    assert_eq!(tabel(&l, "tweb_penduduk").tidak_berubah, 4, "{be}");
    // Only the import's own audit line is added.
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM audit WHERE desa_id = $1").await,
        audit_sebelum + 1,
        "{be}"
    );
}

fn dua_desa() -> String {
    String::from_utf8(std::fs::read(balai_testkit::data_uji("opensid/dua_desa_v2410.sql")).unwrap())
        .unwrap()
}

async fn impor_ke(s: &Store, isi: Vec<u8>, desa: Option<&str>) -> Result<LaporanOpenSid, Galat> {
    s.impor_opensid_db(
        std::io::Cursor::new(isi),
        &OpsiOpenSid {
            desa: desa.map(str::to_string),
            ..Default::default()
        },
        &Aktor::pengguna("admin"),
    )
    .await
}

fn pesan(r: Result<LaporanOpenSid, Galat>, kolom: &str) -> String {
    match r {
        Err(Galat::Isian(g)) => g.untuk(kolom).expect("pesan").to_string(),
        lain => panic!("bukan galat {kolom}: {lain:?}"),
    }
}

balai_testkit::tiap_backend!(generasi_banyak_desa_dan_masukan_buruk);
async fn generasi_banyak_desa_dan_masukan_buruk(be: &'static str, s: Store) {
    let s = pada(&s);
    let teks = dua_desa();
    // Two villages in one dump: the operator is asked which.
    let p = pesan(impor_ke(&s, teks.clone().into_bytes(), None).await, "desa");
    assert!(
        p.contains("3325082001") && p.contains("3325082004"),
        "{be}: {p}"
    );
    // Another program's dump, a truncated dump, an empty file.
    let lain = b"-- MySQL dump 10.13\nCREATE TABLE `wp_posts` (`ID` int);\nINSERT INTO `wp_posts` VALUES (1);\n-- Dump completed\n".to_vec();
    assert!(
        pesan(impor_ke(&s, lain, None).await, "berkas")
            .contains("bukan cadangan basis data OpenSID"),
        "{be}"
    );
    let potong = teks.as_bytes()[..teks.len() / 2].to_vec();
    assert!(
        pesan(impor_ke(&s, potong, None).await, "berkas").contains("terpotong"),
        "{be}"
    );
    assert!(
        !pesan(impor_ke(&s, Vec::new(), None).await, "berkas").is_empty(),
        "{be}"
    );
    assert!(
        s.desa("3325082001").await.unwrap().is_none(),
        "{be}: nothing stored"
    );

    // The same dump gzipped and with its text stored as latin1 mojibake ("RENÃ‰").
    let rusak = teks.replace("RENÉ", "REN\u{c3}\u{2030}");
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut z, rusak.as_bytes()).unwrap();
    let l = impor_ke(&s, z.finish().unwrap(), Some("3325082001"))
        .await
        .unwrap();
    assert!(l.diterapkan && l.banyak_desa, "{be}");
    assert_eq!(l.versi, "24.10", "{be}");
    assert!(
        l.catatan.iter().any(|c| c.contains("latin1")),
        "{be}: {:?}",
        l.catatan
    );
    let nama: Vec<String> = on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT nama FROM penduduk WHERE desa_id = $1 ORDER BY nama").bind(DESA).fetch_all(p).await)
    .unwrap();
    // Only this village's residents; the dead duplicate of Joko's NIK is held back.
    assert_eq!(
        nama,
        vec!["ANAK PERGI", "JOKO SUSILO", "RENÉ SUSANTI", "TANPA TANGGAL"],
        "{be}"
    );
    let p = tabel(&l, "tweb_penduduk");
    assert!(
        p.ditolak
            .iter()
            .any(|c| c.id == "14" && c.pesan.contains("NIK")),
        "{be}: {p:?}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM opensid_simpanan WHERE desa_id = $1 AND tabel = 'tweb_penduduk'"
        )
        .await,
        1,
        "{be}"
    );
    // 0000-00-00 birth date: taken from the NIK; "pergi" with a zero event date: report date.
    assert!(p.peringatan.iter().any(|c| c.id == "15"), "{be}: {p:?}");
    assert!(
        p.peringatan
            .iter()
            .any(|c| c.id == "13" && c.pesan.contains("tanggal lapor")),
        "{be}: {p:?}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM penduduk WHERE desa_id = $1 AND status_dasar = 6"
        )
        .await,
        1,
        "{be}"
    );
    // Household with head and member, the family programme with its recipient, the group
    // programme held back; article HTML cleaned; the static page and agenda typed.
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM penduduk WHERE desa_id = $1 AND rumah_tangga_id IS NOT NULL"
        )
        .await,
        2,
        "{be}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM penerima_bantuan WHERE desa_id = $1"
        )
        .await,
        1,
        "{be}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM opensid_simpanan WHERE desa_id = $1 AND tabel = 'program'"
        )
        .await,
        1,
        "{be}"
    );
    let isi: String = on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT isi_html FROM artikel WHERE desa_id = $1 AND slug = 'kerja-bakti'").bind(DESA).fetch_one(p).await)
    .unwrap();
    assert!(
        isi.contains("Jum'at") && isi.contains("C:\\desa") && !isi.contains("<script"),
        "{be}: {isi}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM artikel WHERE desa_id = $1 AND jenis IN ('halaman', 'agenda')"
        )
        .await,
        2,
        "{be}"
    );

    // The second village of the dump goes into its own Balai village.
    let l = impor_ke(&s, teks.into_bytes(), Some("3325082004"))
        .await
        .unwrap();
    assert_eq!(tabel(&l, "tweb_penduduk").diimpor, 1, "{be}");
}

/// A small PNG, as OpenSID keeps uploaded photos.
fn png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(8, 6, image::Rgb([30, 120, 60]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

balai_testkit::tiap_backend!(folder_desa_membawa_berkas);
async fn folder_desa_membawa_berkas(be: &'static str, s: Store) {
    let s = pada(&s);
    // OpenSID's desa/ folder: a gallery photo (sized copy), an article image, a letter's PDF.
    let folder = balai_testkit::berkas_sementara(&format!("opensid-desa-{be}"));
    for (jalur, isi) in [
        ("upload/galeri/sedang_foto1.jpg", png()),
        ("upload/artikel/sedang_kerja.png", png()),
        ("arsip/c.rtf", b"%PDF-1.4 arsip".to_vec()),
    ] {
        let p = folder.join(jalur);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, isi).unwrap();
    }
    let teks = String::from_utf8(kecil())
        .unwrap()
        .replace("-- Dump completed", "CREATE TABLE `artikel` (`id` int, `gambar` varchar(200), `isi` text, `enabled` int, `tgl_upload` timestamp, `id_kategori` int, `judul` varchar(200), `slug` varchar(200));\nINSERT INTO `artikel` VALUES (1,'kerja.png','<p>Isi</p>',1,'2025-01-01 08:00:00',1,'Kerja Bakti','kerja-bakti');\n-- Dump completed");
    let opsi = OpsiOpenSid {
        berkas: Some(folder.clone()),
        ..Default::default()
    };
    let aktor = Aktor::pengguna("admin");
    let l = s
        .impor_opensid_db(
            std::io::Cursor::new(teks.clone().into_bytes()),
            &opsi,
            &aktor,
        )
        .await
        .unwrap();
    // The album row has no file; the photo comes over into the site gallery.
    let g = tabel(&l, "gambar_gallery");
    assert_eq!((g.diimpor, g.disimpan), (1, 1), "{be}: {g:?}");
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM situs_gambar WHERE desa_id = $1 AND galeri AND dibuat_oleh = 'opensid'").await,
        1,
        "{be}"
    );
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM artikel WHERE desa_id = $1 AND gambar IS NOT NULL"
        )
        .await,
        1,
        "{be}"
    );
    // The letter whose archive file is a PDF carries it.
    assert_eq!(
        hitung(
            &s,
            "SELECT count(*) FROM surat WHERE desa_id = $1 AND pdf IS NOT NULL"
        )
        .await,
        1,
        "{be}"
    );
    // Again with the folder: nothing new.
    let gambar = hitung(&s, "SELECT count(*) FROM situs_gambar WHERE desa_id = $1").await;
    let l = s
        .impor_opensid_db(std::io::Cursor::new(teks.into_bytes()), &opsi, &aktor)
        .await
        .unwrap();
    assert_eq!(tabel(&l, "gambar_gallery").diimpor, 0, "{be}");
    assert_eq!(
        hitung(&s, "SELECT count(*) FROM situs_gambar WHERE desa_id = $1").await,
        gambar,
        "{be}"
    );
    let _ = std::fs::remove_dir_all(folder);
}
