use balai_domain::KodeDesa;
use balai_domain::penduduk::DataPenduduk;
use balai_store::cadangan::{nama_berkas_cadangan, periksa_cadangan, periksa_cadangan_data};
use balai_store::penduduk::{JenisPeristiwa, RincianStatus};
use balai_store::pengguna::{PenggunaBaru, Peran};
use balai_store::{Aktor, Galat, Jam, Store};
use chrono::{DateTime, NaiveDate, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

const DESA_A: &str = "3325082004";
const DESA_B: &str = "3325082005";
const SANDI_AKUN: &str = "Sandi-Kuat-2026!";
/// A PNG signature followed by every byte value: exercises blobs exactly.
fn logo() -> Vec<u8> {
    balai_testkit::png(16, 16, [20, 60, 120, 255])
}

fn hari_ini() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn data(nik: &str, nama: &str, jk: &str, lahir: &str, kk: &str, shdk: &str) -> DataPenduduk {
    balai_testkit::data_penduduk(&[
        ("nik", nik),
        ("nama", nama),
        ("jenis_kelamin", jk),
        ("tanggal_lahir", lahir),
        ("shdk_id", shdk),
        ("golongan_darah_id", "4"),
        ("telepon", "081234567890"),
        ("no_kk", kk),
    ])
}

/// Two villages with residents, a death, a household, a logo, accounts, a token, a session:
/// every table and every column type gets values.
async fn isi(s: &Store) -> String {
    let a = Aktor::pengguna("siti");
    for kode in [DESA_A, DESA_B] {
        s.buat_desa(&KodeDesa::parse(kode).unwrap(), &a)
            .await
            .unwrap();
    }
    s.simpan_logo_desa(DESA_A, &logo(), &a).await.unwrap();
    s.tambah_rt(DESA_A, "Kulon & Wetan", "2", "3", "PAK \"RT\"", &a)
        .await
        .unwrap();
    let kk = "3325081201100001";
    let kepala = s
        .tambah_penduduk(
            DESA_A,
            &data(
                "3325080101800001",
                "BUDI SANTOSO",
                "1",
                "1980-01-01",
                kk,
                "1",
            ),
            &a,
        )
        .await
        .unwrap();
    let istri = s
        .tambah_penduduk(
            DESA_A,
            &data(
                "3325084506850002",
                "SITI AMINAH",
                "2",
                "1985-06-05",
                kk,
                "3",
            ),
            &a,
        )
        .await
        .unwrap();
    s.tambah_penduduk(
        DESA_A,
        &data("3325080101100003", "DWI O'NEIL", "1", "2010-01-01", kk, "4"),
        &a,
    )
    .await
    .unwrap();
    s.tambah_penduduk(
        DESA_B,
        &data(
            "3325080202700004",
            "JOKO",
            "1",
            "1970-02-02",
            "3325081201100009",
            "1",
        ),
        &a,
    )
    .await
    .unwrap();
    s.buat_rumah_tangga(DESA_A, istri, &a).await.unwrap();
    let r = RincianStatus {
        tanggal: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        sebab: "sakit".into(),
        ..Default::default()
    };
    s.catat_status(DESA_A, kepala, JenisPeristiwa::Mati, &r, &a)
        .await
        .unwrap();
    let admin = s
        .tambah_pengguna(
            &PenggunaBaru {
                username: "siti",
                nama: "Siti Operator",
                kata_sandi: SANDI_AKUN,
                peran: Peran::Admin,
                desa_id: Some(DESA_A),
                cakupan: "",
            },
            &a,
        )
        .await
        .unwrap();
    s.buat_token_api(
        "Dukcapil",
        &[DESA_A.to_string()],
        balai_store::pengguna::HakToken::baca(),
        &admin,
    )
    .await
    .unwrap();
    let (token, _) = s
        .buat_sesi(admin.id, chrono::Duration::hours(8))
        .await
        .unwrap();
    token
}

/// The content lines of a plain backup: everything between the header and the trailer.
fn isi_cadangan(b: &[u8]) -> Vec<String> {
    let mut teks = String::new();
    GzDecoder::new(b).read_to_string(&mut teks).unwrap();
    let baris: Vec<String> = teks.lines().map(str::to_string).collect();
    assert!(baris.len() >= 2);
    baris[1..baris.len() - 1].to_vec()
}

fn kepala_cadangan(b: &[u8]) -> serde_json::Value {
    let mut teks = String::new();
    GzDecoder::new(b).read_to_string(&mut teks).unwrap();
    serde_json::from_str(teks.lines().next().unwrap()).unwrap()
}

async fn cadangan(s: &Store, sandi: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    s.cadangkan(&mut out, sandi).await.unwrap();
    out
}

async fn audit_utuh(s: &Store) -> Vec<(String, i64)> {
    let v = s.verifikasi_audit().await.unwrap();
    for h in &v {
        assert_eq!(h.rusak_pada, None, "rantai audit {} rusak", h.desa_id);
    }
    v.into_iter().map(|h| (h.desa_id, h.jumlah)).collect()
}

fn pesan(e: &Galat) -> String {
    e.to_string()
}

#[tokio::test]
async fn cadangan_dipulihkan_identik_di_setiap_backend() {
    let asal = balai_testkit::stores().await;
    let tujuan = balai_testkit::stores().await;
    for ((b, s), (_, t)) in asal.into_iter().zip(tujuan) {
        let token = isi(&s).await;
        let berkas = cadangan(&s, None).await;
        let kepala = kepala_cadangan(&berkas);
        assert_eq!(kepala["format"], "balai-cadangan", "{b}");
        assert_eq!(kepala["versi"], 1, "{b}");
        assert_eq!(kepala["backend"], b, "{b}");
        let nama: Vec<&str> = kepala["tabel"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["nama"].as_str().unwrap())
            .collect();
        // Parents before children; the static and temporary tables are left out.
        let pos = |n: &str| nama.iter().position(|x| *x == n).unwrap();
        assert!(
            pos("desa") < pos("wilayah_rt") && pos("wilayah_rt") < pos("penduduk"),
            "{b}"
        );
        assert!(
            pos("penduduk") < pos("peristiwa") && pos("pengguna") < pos("token_api"),
            "{b}"
        );
        for tidak in ["wilayah", "skema_versi", "sesi"] {
            assert!(!nama.contains(&tidak), "{b}: {tidak}");
        }

        // The target has its own data, which the restore replaces entirely.
        t.buat_desa(&KodeDesa::parse("3325082001").unwrap(), &Aktor::sistem())
            .await
            .unwrap();
        let ringkas = t.pulihkan_data(berkas.clone(), None).await.unwrap();
        assert_eq!(ringkas.backend, b, "{b}");
        assert!(!ringkas.terenkripsi, "{b}");
        assert!(ringkas.jumlah_baris > 20, "{b}");
        assert!(t.desa("3325082001").await.unwrap().is_none(), "{b}");

        // Every table, row by row, byte for byte.
        let ulang = cadangan(&t, None).await;
        assert_eq!(isi_cadangan(&ulang), isi_cadangan(&berkas), "{b}");
        assert_eq!(audit_utuh(&t).await, audit_utuh(&s).await, "{b}");

        // The data works: logo bytes, residents, login; sessions were not carried over.
        assert_eq!(t.logo_desa(DESA_A).await.unwrap().unwrap().0, logo(), "{b}");
        let budi = t
            .penduduk_by_nik(DESA_A, "3325080101800001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(budi.status_dasar, 2, "{b}");
        assert_eq!(
            serde_json::to_value(&budi).unwrap(),
            serde_json::to_value(
                s.penduduk_by_nik(DESA_A, "3325080101800001")
                    .await
                    .unwrap()
                    .unwrap()
            )
            .unwrap(),
            "{b}"
        );
        assert!(
            t.cek_login("siti", SANDI_AKUN).await.unwrap().is_some(),
            "{b}"
        );
        assert!(
            s.sesi(&token, chrono::Duration::hours(1))
                .await
                .unwrap()
                .is_some(),
            "{b}"
        );
        assert!(
            t.sesi(&token, chrono::Duration::hours(1))
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );

        // The restored database keeps working: the audit chain continues.
        t.tambah_rt(DESA_A, "KRAJAN", "009", "009", "", &Aktor::sistem())
            .await
            .unwrap();
        audit_utuh(&t).await;
        // The audit log is still append-only after a restore.
        for sql in ["DELETE FROM audit", "UPDATE audit SET aktor = 'x'"] {
            let hasil =
                balai_store::on_db!(&t.db, p => sqlx::query(sql).execute(p).await.map(|_| ()));
            assert!(hasil.is_err(), "{b}: {sql} seharusnya ditolak");
        }
    }
}

#[tokio::test]
async fn cadangan_lintas_backend_sqlite_ke_postgres_dan_kembali() {
    let satu = balai_testkit::stores().await;
    let dua = balai_testkit::stores().await;
    let ambil = |v: &[(&'static str, Store)], n: &str| {
        v.iter().find(|(b, _)| *b == n).map(|(_, s)| s.clone())
    };
    let (Some(lite), Some(pg), Some(lite2)) = (
        ambil(&satu, "sqlite"),
        ambil(&satu, "postgres"),
        ambil(&dua, "sqlite"),
    ) else {
        eprintln!("uji lintas backend dilewati: perlu SQLite dan PostgreSQL");
        return;
    };
    isi(&lite).await;
    let dari_lite = cadangan(&lite, None).await;
    pg.pulihkan_data(dari_lite.clone(), None).await.unwrap();
    assert_eq!(audit_utuh(&pg).await, audit_utuh(&lite).await);
    for nik in ["3325080101800001", "3325084506850002", "3325080101100003"] {
        let a = lite.penduduk_by_nik(DESA_A, nik).await.unwrap().unwrap();
        let b = pg.penduduk_by_nik(DESA_A, nik).await.unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
    }
    assert_eq!(pg.logo_desa(DESA_A).await.unwrap().unwrap().0, logo());
    assert!(pg.cek_login("siti", SANDI_AKUN).await.unwrap().is_some());
    let lite_desa = serde_json::to_value(lite.desa(DESA_A).await.unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(pg.desa(DESA_A).await.unwrap()).unwrap(),
        lite_desa
    );

    // And back: PostgreSQL → a fresh SQLite gives the original SQLite rows exactly.
    let dari_pg = cadangan(&pg, None).await;
    assert_eq!(kepala_cadangan(&dari_pg)["backend"], "postgres");
    lite2.pulihkan_data(dari_pg, None).await.unwrap();
    assert_eq!(
        isi_cadangan(&cadangan(&lite2, None).await),
        isi_cadangan(&dari_lite)
    );
    audit_utuh(&lite2).await;
}

#[tokio::test]
async fn cadangan_terenkripsi_bolak_balik_dan_sandi_salah_ditolak() {
    let asal = balai_testkit::stores().await;
    let tujuan = balai_testkit::stores().await;
    for ((b, s), (_, t)) in asal.into_iter().zip(tujuan) {
        isi(&s).await;
        let polos = cadangan(&s, None).await;
        let sandi = cadangan(&s, Some("kata sandi rahasia desa")).await;
        assert!(sandi.starts_with(b"BALAIENC"), "{b}");
        // Nothing readable in the encrypted file.
        let cari = |hay: &[u8], n: &[u8]| hay.windows(n.len()).any(|w| w == n);
        assert!(
            !cari(&sandi, b"BUDI SANTOSO") && !cari(&sandi, b"balai-cadangan"),
            "{b}"
        );

        let r = periksa_cadangan_data(&sandi, Some("kata sandi rahasia desa")).unwrap();
        assert!(r.terenkripsi, "{b}");

        let salah = t
            .pulihkan_data(sandi.clone(), Some("kata sandi lain"))
            .await
            .unwrap_err();
        assert_eq!(
            pesan(&salah),
            "Kata sandi cadangan salah atau berkas telah diubah.",
            "{b}"
        );
        let tanpa = t.pulihkan_data(sandi.clone(), None).await.unwrap_err();
        assert!(pesan(&tanpa).contains("terenkripsi"), "{b}: {tanpa}");
        let lebih = t
            .pulihkan_data(polos.clone(), Some("apa saja"))
            .await
            .unwrap_err();
        assert!(pesan(&lebih).contains("tidak terenkripsi"), "{b}: {lebih}");
        // Nothing was restored by the refusals.
        assert!(t.desa(DESA_A).await.unwrap().is_none(), "{b}");

        let ringkas = t
            .pulihkan_data(sandi, Some("kata sandi rahasia desa"))
            .await
            .unwrap();
        assert!(ringkas.terenkripsi, "{b}");
        assert_eq!(
            isi_cadangan(&cadangan(&t, None).await),
            isi_cadangan(&polos),
            "{b}"
        );
        audit_utuh(&t).await;
    }
}

/// Re-packs a plain backup after `ubah` edits its lines, optionally with a valid checksum and
/// row count.
fn kemas_ulang(b: &[u8], ubah: impl Fn(&mut Vec<String>), sha_benar: bool) -> Vec<u8> {
    let mut teks = String::new();
    GzDecoder::new(b).read_to_string(&mut teks).unwrap();
    let mut baris: Vec<String> = teks.lines().map(str::to_string).collect();
    let penutup = baris.pop().unwrap();
    ubah(&mut baris);
    let mut isi = String::new();
    for l in &baris {
        isi.push_str(l);
        isi.push('\n');
    }
    let mut p: serde_json::Value = serde_json::from_str(&penutup).unwrap();
    if sha_benar {
        p["sha256"] = hex_sha(isi.as_bytes()).into();
        p["baris"] = baris.iter().filter(|l| l.starts_with('[')).count().into();
    }
    isi.push_str(&p.to_string());
    isi.push('\n');
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(6));
    gz.write_all(isi.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn hex_sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

#[tokio::test]
async fn berkas_rusak_ditolak_dan_basis_data_tidak_berubah() {
    let asal = balai_testkit::stores().await;
    let tujuan = balai_testkit::stores().await;
    for ((b, s), (_, t)) in asal.into_iter().zip(tujuan) {
        isi(&s).await;
        let polos = cadangan(&s, None).await;
        let sandi = cadangan(&s, Some("rahasia")).await;
        // The target holds other data that must survive every refused restore.
        t.buat_desa(&KodeDesa::parse("3325082001").unwrap(), &Aktor::sistem())
            .await
            .unwrap();
        let sebelum = isi_cadangan(&cadangan(&t, None).await);

        let mut ditolak: Vec<(String, Galat)> = Vec::new();
        for (nama, berkas, kunci) in [
            ("bit tengah", balik(&polos, polos.len() / 2), None),
            ("bit kepala gzip", balik(&polos, 4), None),
            ("bit akhir", balik(&polos, polos.len() - 3), None),
            ("terpotong", polos[..polos.len() - 40].to_vec(), None),
            ("tambahan", [polos.as_slice(), b"x"].concat(), None),
            (
                "bit terenkripsi",
                balik(&sandi, sandi.len() / 2),
                Some("rahasia"),
            ),
            ("kepala terenkripsi", balik(&sandi, 30), Some("rahasia")),
            (
                "terenkripsi terpotong",
                sandi[..sandi.len() - 1].to_vec(),
                Some("rahasia"),
            ),
            (
                "bukan cadangan",
                b"PK\x03\x04 bukan cadangan".to_vec(),
                None,
            ),
        ] {
            let e = t.pulihkan_data(berkas, kunci).await.unwrap_err();
            ditolak.push((nama.into(), e));
        }
        for (nama, e) in &ditolak {
            assert!(matches!(e, Galat::Ditolak(_)), "{b} {nama}: {e:?}");
        }

        // Content edited but still valid gzip: the checksum catches it.
        let diubah = kemas_ulang(
            &polos,
            |l| {
                for x in l.iter_mut() {
                    *x = x.replace("SITI AMINAH", "SITI AMINAX");
                }
            },
            false,
        );
        let e = t.pulihkan_data(diubah, None).await.unwrap_err();
        assert_eq!(
            pesan(&e),
            "Berkas cadangan rusak: checksum tidak cocok.",
            "{b}"
        );

        // A row removed with a recomputed checksum: the header's counts catch it.
        let kurang = kemas_ulang(
            &polos,
            |l| {
                let i = l.iter().position(|x| x.contains("SITI AMINAH")).unwrap();
                l.remove(i);
            },
            true,
        );
        let e = t.pulihkan_data(kurang, None).await.unwrap_err();
        assert!(pesan(&e).starts_with("Berkas cadangan rusak"), "{b}: {e}");

        // Another schema version is refused before anything changes.
        let versi_lain = kemas_ulang(
            &polos,
            |l| {
                let mut k: serde_json::Value = serde_json::from_str(&l[0]).unwrap();
                k["skema_versi"] = 99.into();
                l[0] = k.to_string();
            },
            true,
        );
        let e = t.pulihkan_data(versi_lain, None).await.unwrap_err();
        assert!(pesan(&e).contains("skema basis data versi 99"), "{b}: {e}");

        assert_eq!(isi_cadangan(&cadangan(&t, None).await), sebelum, "{b}");
        assert!(t.desa("3325082001").await.unwrap().is_some(), "{b}");
        audit_utuh(&t).await;
    }
}

fn balik(b: &[u8], i: usize) -> Vec<u8> {
    let mut v = b.to_vec();
    v[i] ^= 0x01;
    v
}

#[tokio::test]
async fn cadangan_konsisten_saat_data_ditulis_bersamaan() {
    let asal = balai_testkit::stores().await;
    let tujuan = balai_testkit::stores().await;
    for ((b, s), (_, t)) in asal.into_iter().zip(tujuan) {
        isi(&s).await;
        let a = Aktor::sistem();
        let tulis = async {
            for i in 0..15u32 {
                s.tambah_rt(DESA_B, "BARU", "001", &format!("{:03}", i + 1), "", &a)
                    .await
                    .unwrap();
                tokio::task::yield_now().await;
            }
        };
        let (berkas, ()) = tokio::join!(cadangan(&s, None), tulis);
        t.pulihkan_data(berkas, None).await.unwrap();
        // The chain and its head come from the same instant, or verification would fail.
        audit_utuh(&t).await;
        assert!(
            periksa_cadangan_data(&cadangan(&s, None).await, None).is_ok(),
            "{b}"
        );
    }
}

balai_testkit::tiap_backend!(cadangan_harian_berkas_dan_rotasi);
async fn cadangan_harian_berkas_dan_rotasi(b: &'static str, s: balai_store::Store) {
    isi(&s).await;
    let dir = balai_testkit::berkas_sementara("harian");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("catatan.txt"), "jangan dihapus").unwrap();
    let mut dibuat = Vec::new();
    for jam in 1..=4 {
        let waktu: DateTime<Utc> = format!("2026-11-2{jam}T0{jam}:30:00Z").parse().unwrap();
        let s2 = s.clone().dengan_jam(Jam::Tetap(waktu));
        let (p, r) = s2.cadangan_harian(&dir, 2, Some("rahasia")).await.unwrap();
        assert_eq!(
            p.file_name().unwrap().to_str().unwrap(),
            nama_berkas_cadangan(waktu),
            "{b}"
        );
        assert!(r.terenkripsi, "{b}");
        // Only the owner may read a backup (it holds every resident and the signing keys).
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{b}: backup file mode {mode:o}");
        dibuat.push(p);
    }
    let mut ada: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    ada.sort();
    assert_eq!(
        ada,
        [
            "balai-20261123-033000.balai-backup",
            "balai-20261124-043000.balai-backup",
            "catatan.txt"
        ],
        "{b}"
    );
    let terbaru = &dibuat[3];
    let r = periksa_cadangan(terbaru, Some("rahasia")).unwrap();
    assert_eq!(
        r.dibuat_pada.to_rfc3339(),
        "2026-11-24T04:30:00+00:00",
        "{b}"
    );
    assert!(periksa_cadangan(terbaru, Some("salah")).is_err(), "{b}");
    let hilang = periksa_cadangan(&dir.join("tidak-ada.balai-backup"), None).unwrap_err();
    assert!(pesan(&hilang).contains("tidak ditemukan"), "{b}: {hilang}");

    // Restoring from the file into the same database is fine too.
    let r2 = s.pulihkan(terbaru, Some("rahasia")).await.unwrap();
    assert_eq!(r2.sha256, r.sha256, "{b}");
    audit_utuh(&s).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn cadangan_desa_demo_dipulihkan_identik() {
    let asal = balai_testkit::stores().await;
    let tujuan = balai_testkit::stores().await;
    for ((b, s), (_, t)) in asal.into_iter().zip(tujuan) {
        let plan = balai_store::demo::generate::DemoPlan {
            desa: KodeDesa::parse(DESA_A).unwrap(),
            penduduk: 3_000,
            seed: 7,
            hari_ini: hari_ini(),
        };
        let mulai = std::time::Instant::now();
        s.isi_demo(&plan, &Aktor::sistem()).await.unwrap();
        let isi_dur = mulai.elapsed();
        let mulai = std::time::Instant::now();
        let berkas = cadangan(&s, Some("rahasia")).await;
        let cadang_dur = mulai.elapsed();
        let mulai = std::time::Instant::now();
        let r = t.pulihkan_data(berkas, Some("rahasia")).await.unwrap();
        eprintln!(
            "{b}: isi {isi_dur:?}, cadangan {cadang_dur:?}, pulih {:?}, {} baris",
            mulai.elapsed(),
            r.jumlah_baris
        );
        assert!(r.jumlah_baris > 3_000, "{b}");
        assert_eq!(
            isi_cadangan(&cadangan(&t, None).await),
            isi_cadangan(&cadangan(&s, None).await),
            "{b}"
        );
        assert_eq!(audit_utuh(&t).await, audit_utuh(&s).await, "{b}");
        for j in balai_store::statistik::JenisStatistik::SEMUA {
            assert_eq!(
                t.statistik_penduduk(DESA_A, *j, hari_ini()).await.unwrap(),
                s.statistik_penduduk(DESA_A, *j, hari_ini()).await.unwrap(),
                "{b}"
            );
        }
    }
}

balai_testkit::tiap_backend!(uji_pulih_mingguan_dan_salinan_kedua_tercatat);
/// The schedule's checks: the newest backup restored into a scratch database, a copy in a
/// second place; failures of either reach the admin's warning.
async fn uji_pulih_mingguan_dan_salinan_kedua_tercatat(b: &'static str, s: balai_store::Store) {
    use balai_store::cadangan::periksa;
    isi(&s).await;
    let dir = balai_testkit::berkas_sementara("uji-pulih");
    std::fs::create_dir_all(&dir).unwrap();
    let now = chrono::Utc::now();
    assert!(periksa::uji_jatuh_tempo(&dir, now), "{b}: never tested");
    let (berkas, _) = s.cadangan_harian(&dir, 3, Some("rahasia")).await.unwrap();
    assert_eq!(
        periksa::cadangan_terbaru(&dir).as_ref(),
        Some(&berkas),
        "{b}"
    );

    let h = periksa::uji_pulih(&dir, &berkas, Some("rahasia"), now).await;
    assert!(h.berhasil, "{b}: {}", h.pesan);
    assert!(!periksa::uji_jatuh_tempo(&dir, now), "{b}");
    assert!(
        periksa::uji_jatuh_tempo(&dir, now + chrono::Duration::days(8)),
        "{b}"
    );
    assert_eq!(periksa::masalah(&dir, now), None, "{b}");
    // The scratch database is gone.
    assert!(
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains(".db")),
        "{b}"
    );
    // Overdue by more than a day: said.
    assert!(
        periksa::masalah(&dir, now + chrono::Duration::days(9)).is_some(),
        "{b}"
    );

    // A damaged backup fails the test, and the admin is told.
    let mut isi_rusak = std::fs::read(&berkas).unwrap();
    let n = isi_rusak.len();
    isi_rusak[n / 2] ^= 0x40;
    std::fs::write(&berkas, isi_rusak).unwrap();
    let h = periksa::uji_pulih(&dir, &berkas, Some("rahasia"), now).await;
    assert!(!h.berhasil, "{b}");
    assert!(
        periksa::masalah(&dir, now).unwrap().contains("GAGAL"),
        "{b}"
    );

    // The copy to a second place, and a copy that cannot be made.
    let kedua = balai_testkit::berkas_sementara("uji-pulih-kedua");
    let h = periksa::salin(&dir, &berkas, &kedua, 3, now);
    assert!(h.berhasil, "{b}: {}", h.pesan);
    assert!(kedua.join(berkas.file_name().unwrap()).exists(), "{b}");
    let bukan_folder = dir.join("berkas-biasa");
    std::fs::write(&bukan_folder, "x").unwrap();
    let h = periksa::salin(&dir, &berkas, &bukan_folder, 3, now);
    assert!(!h.berhasil, "{b}");
}

async fn hitung(s: &Store, tabel: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM {tabel}");
    balai_store::on_db!(&s.db, p => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(p).await)
        .unwrap()
}

async fn skema(s: &Store) -> i64 {
    balai_store::on_db!(&s.db, p => sqlx::query_scalar::<_, i64>("SELECT max(versi) FROM skema_versi").fetch_one(p).await)
        .unwrap()
}

/// A plain backup as it would have come from the release before migration 26 (which added the
/// convergence table): that table's header entry, marker and rows removed.
fn tanpa_tabel_konvergensi(b: &[u8], versi: i64) -> Vec<u8> {
    kemas_ulang(
        b,
        |l| {
            let mut k: serde_json::Value = serde_json::from_str(&l[0]).unwrap();
            k["skema_versi"] = versi.into();
            let tabel = k["tabel"].as_array_mut().unwrap();
            tabel.retain(|t| t["nama"] != "konvergensi_keluarga");
            l[0] = k.to_string();
            let mulai = l
                .iter()
                .position(|x| x == r#"{"tabel":"konvergensi_keluarga"}"#)
                .unwrap();
            let akhir = l[mulai + 1..]
                .iter()
                .position(|x| x.starts_with('{'))
                .map_or(l.len(), |i| mulai + 1 + i);
            l.drain(mulai..akhir);
        },
        true,
    )
}

balai_testkit::tiap_backend!(cadangan_rilis_lama_dipulihkan_dan_diperbarui);
/// After a flood the office installs the newest Balai and restores its last backup, made by an
/// older release: the restore upgrades it. The fixture is a real backup of release 0.1.0 (schema
/// 27, `balai-testkit/data/SUMBER.md`); the second backup stands for the release before
/// migration 26.
async fn cadangan_rilis_lama_dipulihkan_dan_diperbarui(b: &'static str, s: Store) {
    let terbaru = balai_store::migrasi::semua().last().unwrap().versi;
    let fixture = balai_testkit::data_uji("cadangan/balai-0.1.0-skema-27.balai-backup");
    let r = s
        .pulihkan(&fixture, Some("cadangan-uji-rilis"))
        .await
        .unwrap();
    assert_eq!((r.skema_versi, r.aplikasi.as_str()), (27, "0.1.0"), "{b}");
    assert_eq!(skema(&s).await, terbaru, "{b}");
    assert_eq!(hitung(&s, "penduduk").await, 60, "{b}");
    assert_eq!(hitung(&s, "surat").await, 12, "{b}");
    assert_eq!(hitung(&s, "konvergensi_keluarga").await, 4, "{b}");
    assert!(!audit_utuh(&s).await.is_empty(), "{b}");
    // The restored office goes on working.
    s.buat_desa(&KodeDesa::parse(DESA_B).unwrap(), &Aktor::sistem())
        .await
        .unwrap();

    // One schema older: restored at its own schema, then upgraded; everything else identical.
    let polos = cadangan(&s, None).await;
    let lama = tanpa_tabel_konvergensi(&polos, 25);
    let t = balai_testkit::store(b).await;
    t.buat_desa(&KodeDesa::parse("3325082001").unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let r = t.pulihkan_data(lama.clone(), None).await.unwrap();
    assert_eq!(r.skema_versi, 25, "{b}: the summary is the file's own");
    assert_eq!(skema(&t).await, terbaru, "{b}");
    assert_eq!(hitung(&t, "konvergensi_keluarga").await, 0, "{b}");
    assert!(
        t.desa("3325082001").await.unwrap().is_none(),
        "{b}: replaced"
    );
    let harap: Vec<String> = isi_cadangan(&lama);
    let isi_t: Vec<String> = isi_cadangan(&tanpa_tabel_konvergensi(&cadangan(&t, None).await, 25));
    assert_eq!(isi_t, harap, "{b}");
    assert_eq!(audit_utuh(&t).await, audit_utuh(&s).await, "{b}");

    // One village of the older backup into a district that serves another village.
    let u = balai_testkit::store(b).await;
    u.buat_desa(&KodeDesa::parse("3325082001").unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    let berkas_lama = balai_testkit::berkas_sementara("lama.balai-backup");
    std::fs::write(&berkas_lama, &lama).unwrap();
    let e = u
        .pulihkan_desa(&berkas_lama, None, "3325082009")
        .await
        .unwrap_err();
    assert!(pesan(&e).contains("tidak ada di cadangan"), "{b}: {e}");
    u.pulihkan_desa(&berkas_lama, None, DESA_A).await.unwrap();
    assert_eq!(hitung(&u, "penduduk").await, 60, "{b}");
    assert!(u.desa("3325082001").await.unwrap().is_some(), "{b}");
    assert_eq!(skema(&u).await, terbaru, "{b}");

    // A file that claims the old schema but does not fit it is refused; nothing changes.
    let palsu = kemas_ulang(
        &polos,
        |l| {
            let mut k: serde_json::Value = serde_json::from_str(&l[0]).unwrap();
            k["skema_versi"] = 25.into();
            l[0] = k.to_string();
        },
        true,
    );
    let e = t.pulihkan_data(palsu, None).await.unwrap_err();
    assert!(pesan(&e).contains("konvergensi_keluarga"), "{b}: {e}");
    let e = t
        .pulihkan_data(tanpa_tabel_konvergensi(&polos, 0), None)
        .await
        .unwrap_err();
    assert!(pesan(&e).contains("berskema 0"), "{b}: {e}");
    assert_eq!(
        isi_cadangan(&tanpa_tabel_konvergensi(&cadangan(&t, None).await, 25)),
        isi_t,
        "{b}: unchanged after the refusals"
    );
}

async fn audit_desa(s: &Store, desa: &str) -> i64 {
    balai_store::on_db!(&s.db, p => sqlx::query_scalar::<_, i64>(
        "SELECT count(*) FROM audit WHERE desa_id = $1").bind(desa).fetch_one(p).await)
    .unwrap()
}

/// Rows of one village per table (every table with a `desa_id`).
async fn isi_desa(s: &Store, desa: &str) -> Vec<(String, i64)> {
    let sql = if s.db.is_postgres() {
        "SELECT table_name::text FROM information_schema.columns WHERE column_name = 'desa_id' \
         AND table_schema = current_schema() ORDER BY 1"
    } else {
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c \
         WHERE m.type = 'table' AND c.name = 'desa_id' ORDER BY 1"
    };
    let tabel: Vec<String> =
        balai_store::on_db!(&s.db, p => sqlx::query_scalar(sql).fetch_all(p).await).unwrap();
    let mut hasil = Vec::new();
    for t in tabel {
        let q = format!("SELECT count(*) FROM \"{t}\" WHERE desa_id = $1");
        let n: i64 = balai_store::on_db!(&s.db, p => sqlx::query_scalar(sqlx::AssertSqlSafe(q)).bind(desa).fetch_one(p).await)
            .unwrap();
        hasil.push((t, n));
    }
    hasil
}

async fn penduduk_desa(s: &Store, desa: &str) -> Vec<String> {
    balai_store::on_db!(&s.db, p => sqlx::query_scalar::<_, String>(
        "SELECT nama FROM penduduk WHERE desa_id = $1 ORDER BY nama").bind(desa).fetch_all(p).await)
    .unwrap()
}

balai_testkit::tiap_backend!(satu_desa_dipulihkan_tanpa_menyentuh_desa_lain);
/// A district restores one village from its backup (after a mistake there) while the other
/// villages keep today's work; and a village that ran its own install moves into a district
/// that already serves another village.
async fn satu_desa_dipulihkan_tanpa_menyentuh_desa_lain(b: &'static str, s: Store) {
    let sesi = isi(&s).await;
    let berkas = balai_testkit::berkas_sementara("kabupaten.balai-backup");
    std::fs::write(&berkas, cadangan(&s, None).await).unwrap();
    let a = Aktor::pengguna("siti");
    let kk_a = "3325081201100001";
    let kk_b = "3325081201100009";
    s.tambah_penduduk(
        DESA_A,
        &data(
            "3325080303900005",
            "SALAH KETIK",
            "2",
            "1990-03-03",
            kk_a,
            "4",
        ),
        &a,
    )
    .await
    .unwrap();
    s.tambah_penduduk(
        DESA_B,
        &data("3325080404950006", "RINA", "2", "1995-04-04", kk_b, "3"),
        &a,
    )
    .await
    .unwrap();
    balai_store::on_db!(&s.db, p => sqlx::query("UPDATE desa SET alamat = 'SALAH' WHERE desa_id = $1")
        .bind(DESA_A).execute(p).await.map(|_| ()))
    .unwrap();
    let perubahan_sebelum = hitung(&s, "perubahan").await;
    let audit_a = audit_desa(&s, DESA_A).await;
    let isi_b = isi_desa(&s, DESA_B).await;
    let audit_b = audit_desa(&s, DESA_B).await;

    let r = s.pulihkan_desa(&berkas, None, DESA_A).await.unwrap();
    assert!(r.jumlah_baris > 0, "{b}");
    assert_eq!(
        penduduk_desa(&s, DESA_A).await,
        ["BUDI SANTOSO", "DWI O'NEIL", "SITI AMINAH"],
        "{b}: village A as in the backup"
    );
    assert_eq!(
        penduduk_desa(&s, DESA_B).await,
        ["JOKO", "RINA"],
        "{b}: village B keeps today's work"
    );
    assert!(
        s.sesi(&sesi, chrono::Duration::hours(1))
            .await
            .unwrap()
            .is_none(),
        "{b}: signed out"
    );
    let pembuat: Option<uuid::Uuid> = balai_store::on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT dibuat_oleh FROM token_api").fetch_one(p).await)
    .unwrap();
    assert!(pembuat.is_some(), "{b}: the token keeps its creator");
    let logo_a: Option<Vec<u8>> = balai_store::on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT logo FROM desa WHERE desa_id = $1").bind(DESA_A).fetch_one(p).await)
    .unwrap();
    assert_eq!(
        logo_a,
        Some(logo()),
        "{b}: the village row updated in place"
    );
    assert_eq!(
        s.desa(DESA_A).await.unwrap().unwrap().alamat,
        "",
        "{b}: the village's own row back as in the backup"
    );
    assert_eq!(
        isi_desa(&s, DESA_B).await,
        isi_b,
        "{b}: village B untouched"
    );
    assert_eq!(audit_desa(&s, DESA_B).await, audit_b, "{b}");
    assert_eq!(
        audit_desa(&s, DESA_A).await,
        audit_a,
        "{b}: the audit log keeps the record of the mistake"
    );
    audit_utuh(&s).await;
    assert!(
        hitung(&s, "perubahan").await > perubahan_sebelum,
        "{b}: the restored rows are logged for a syncing village node"
    );
    // The village works on after the restore.
    s.tambah_penduduk(
        DESA_A,
        &data("3325080505000007", "BARU", "1", "2000-05-05", kk_a, "4"),
        &a,
    )
    .await
    .unwrap();

    let e = s
        .pulihkan_desa(&berkas, None, "3325082001")
        .await
        .unwrap_err();
    assert!(pesan(&e).contains("tidak ada di cadangan"), "{b}: {e}");
    // A backup made on a village node that syncs with a district is refused.
    let simpul = kemas_ulang(
        &std::fs::read(&berkas).unwrap(),
        |l| {
            let i = l
                .iter()
                .position(|x| x == r#"{"tabel":"sinkron_simpul"}"#)
                .unwrap();
            l[i + 1] = l[i + 1].replacen("\"pusat\"", "\"desa\"", 1);
        },
        true,
    );
    let berkas_simpul = balai_testkit::berkas_sementara("simpul.balai-backup");
    std::fs::write(&berkas_simpul, simpul).unwrap();
    let e = s
        .pulihkan_desa(&berkas_simpul, None, DESA_A)
        .await
        .unwrap_err();
    assert!(
        pesan(&e).contains("komputer desa yang bersinkron"),
        "{b}: {e}"
    );

    // Moving village A into a district that serves village C, whose admin is also "siti".
    let t = balai_testkit::store(b).await;
    let desa_c = "3325082006";
    t.buat_desa(&KodeDesa::parse(desa_c).unwrap(), &Aktor::sistem())
        .await
        .unwrap();
    t.tambah_penduduk(
        desa_c,
        &data(
            "3325080606600008",
            "WARGA C",
            "1",
            "1960-06-06",
            "3325081201100077",
            "1",
        ),
        &Aktor::sistem(),
    )
    .await
    .unwrap();
    let akun = |username| PenggunaBaru {
        username,
        nama: "Admin C",
        kata_sandi: SANDI_AKUN,
        peran: Peran::Admin,
        desa_id: Some(desa_c),
        cakupan: "",
    };
    let siti_c = t
        .tambah_pengguna(&akun("siti"), &Aktor::sistem())
        .await
        .unwrap();
    let sebelum = isi_cadangan(&cadangan(&t, None).await);
    let e = t.pulihkan_desa(&berkas, None, DESA_A).await.unwrap_err();
    assert!(
        pesan(&e).contains("sudah dipakai di luar desa ini: siti"),
        "{b}: {e}"
    );
    assert_eq!(
        isi_cadangan(&cadangan(&t, None).await),
        sebelum,
        "{b}: nothing changed"
    );
    // The district renames its own account first.
    balai_store::on_db!(&t.db, p => sqlx::query("UPDATE pengguna SET username = 'admin_c' WHERE id = $1")
        .bind(siti_c.id).execute(p).await.map(|_| ()))
    .unwrap();
    // Village C's site has the short name village A's site uses.
    let slug_a: String = balai_store::on_db!(&s.db, p => sqlx::query_scalar(
        "SELECT slug FROM situs_desa WHERE desa_id = $1").bind(DESA_A).fetch_one(p).await)
    .unwrap();
    let ubah_slug = |slug: String| {
        let t = t.clone();
        async move {
            balai_store::on_db!(&t.db, p => sqlx::query("UPDATE situs_desa SET slug = $2 WHERE desa_id = $1")
                .bind(desa_c).bind(slug).execute(p).await.map(|_| ()))
            .unwrap()
        }
    };
    ubah_slug(slug_a.clone()).await;
    let e = t.pulihkan_desa(&berkas, None, DESA_A).await.unwrap_err();
    assert!(
        pesan(&e).contains(&format!("Alamat situs \"{slug_a}\"")),
        "{b}: {e}"
    );
    ubah_slug("desa-c".into()).await;
    t.pulihkan_desa(&berkas, None, DESA_A).await.unwrap();
    assert_eq!(penduduk_desa(&t, DESA_A).await.len(), 3, "{b}");
    assert!(
        audit_desa(&t, DESA_A).await > 0,
        "{b}: a village moving in brings its log"
    );
    assert_eq!(penduduk_desa(&t, desa_c).await, ["WARGA C"], "{b}");
    assert!(
        t.desa(DESA_B).await.unwrap().is_none(),
        "{b}: only village A came"
    );
    audit_utuh(&t).await;
}
