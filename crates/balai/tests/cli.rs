//! The `balai` binary as an operator runs it, on every store backend.

use crate::bersama;

use bersama::{balai, teks};

use std::process::{Command, Output};

const DESA: &str = "3325082004";

fn contoh() -> String {
    balai_testkit::data_uji("opensid/contoh_penduduk.xlsx")
        .display()
        .to_string()
}

balai_testkit::tiap_backend_url!(demo_import_export_and_users);
async fn demo_import_export_and_users(b: balai_testkit::Backend) {
    let db = b.url.as_str();
    let o = balai(db, &["demo", "--residents", "300", "--seed", "7"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let t = teks(&o);
    assert!(
        t.contains("Pengguna: admin") && t.contains("Kata sandi: "),
        "{}: login printed: {t}",
        b.nama
    );

    // The sample imports 97/97, and a second time updates nothing and duplicates nothing.
    let o = balai(db, &["import", "opensid", &contoh(), "--desa", DESA]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(
        teks(&o).contains("97 baris: 97 baru"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    let o = balai(db, &["import", "opensid", &contoh(), "--desa", DESA]);
    assert!(
        teks(&o).contains("0 baru, 0 diperbarui, 97 tidak berubah"),
        "{}: {}",
        b.nama,
        teks(&o)
    );

    // A file that is not a spreadsheet fails with a message and a non-zero exit code.
    let sampah = balai_testkit::berkas_sementara("sampah.xlsx");
    std::fs::write(&sampah, vec![0x5a_u8; 4096]).unwrap();
    let o = balai(
        db,
        &["import", "siak", sampah.to_str().unwrap(), "--desa", DESA],
    );
    assert!(!o.status.success(), "{}", b.nama);
    assert!(teks(&o).contains("Galat"), "{}: {}", b.nama, teks(&o));

    // Export, and the OpenSID export imports back as "unchanged".
    let keluar = balai_testkit::berkas_sementara("penduduk.xlsx");
    let o = balai(
        db,
        &[
            "export",
            "penduduk",
            "--desa",
            DESA,
            "--format",
            "opensid",
            "-o",
            keluar.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let o = balai(
        db,
        &[
            "import",
            "opensid",
            keluar.to_str().unwrap(),
            "--desa",
            DESA,
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(
        teks(&o).contains("0 baru, 0 diperbarui"),
        "{}: {}",
        b.nama,
        teks(&o)
    );

    // Accounts.
    let o = balai(
        db,
        &[
            "user",
            "add",
            "--username",
            "siti",
            "--nama",
            "Siti Aminah",
            "--peran",
            "operator",
            "--desa",
            "33.25.08.2004",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(teks(&o).contains("wajib diganti"), "{}", b.nama);
    let o = balai(
        db,
        &[
            "user",
            "add",
            "--username",
            "siti",
            "--nama",
            "Siti Lagi",
            "--peran",
            "operator",
            "--desa",
            DESA,
        ],
    );
    assert!(!o.status.success(), "{}: duplicate refused", b.nama);
    assert!(
        teks(&o).contains("sudah dipakai"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    let o = balai(db, &["user", "disable", "siti"]);
    assert!(o.status.success(), "{}", b.nama);
    let o = balai(db, &["user", "list"]);
    let baris = teks(&o)
        .lines()
        .find(|l| l.starts_with("siti "))
        .unwrap_or_default()
        .to_string();
    assert!(
        baris.contains("tidak"),
        "{}: disabled shown: {baris}",
        b.nama
    );
    let o = balai(db, &["user", "reset-password", "siti"]);
    assert!(teks(&o).contains("Kata sandi: "), "{}", b.nama);
}

#[tokio::test]
async fn demo_is_deterministic_for_a_seed() {
    let mut csv = Vec::new();
    for _ in 0..2 {
        let b = balai_testkit::backends().await.remove(0);
        let o = balai(&b.url, &["demo", "--residents", "200", "--seed", "42"]);
        assert!(o.status.success(), "{}", teks(&o));
        let f = balai_testkit::berkas_sementara("demo.csv");
        let o = balai(
            &b.url,
            &[
                "export",
                "penduduk",
                "--desa",
                DESA,
                "--format",
                "csv",
                "-o",
                f.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", teks(&o));
        csv.push(std::fs::read_to_string(&f).unwrap());
    }
    assert_eq!(csv[0], csv[1]);
    assert!(csv[0].lines().count() > 150);
}

/// Someone with direct access to the database file edits an audit row behind Balai's back.
async fn ubah_audit_diam_diam(url: &str) {
    use sqlx::Connection;
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        for q in [
            "ALTER TABLE audit DISABLE TRIGGER audit_tanpa_ubah",
            "UPDATE audit SET aktor = 'pengguna:orang-lain' WHERE urut = 3",
            "ALTER TABLE audit ENABLE TRIGGER audit_tanpa_ubah",
        ] {
            sqlx::query(q).execute(&mut c).await.unwrap();
        }
    } else {
        let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
        for q in [
            "DROP TRIGGER audit_tanpa_ubah",
            "UPDATE audit SET aktor = 'pengguna:orang-lain' WHERE urut = 3",
        ] {
            sqlx::query(q).execute(&mut c).await.unwrap();
        }
    }
}

balai_testkit::tiap_backend_url!(audit_verify_catches_an_altered_row);
async fn audit_verify_catches_an_altered_row(b: balai_testkit::Backend) {
    let o = balai(&b.url, &["demo", "--residents", "50"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let o = balai(&b.url, &["audit", "verify"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(teks(&o).contains("utuh"), "{}", b.nama);
    ubah_audit_diam_diam(&b.url).await;
    let o = balai(&b.url, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2), "{}: {}", b.nama, teks(&o));
    assert!(
        teks(&o).contains("RUSAK mulai entri nomor 3"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
}

#[test]
fn help_is_in_indonesian() {
    let o = Command::new(env!("CARGO_BIN_EXE_balai"))
        .arg("--help")
        .output()
        .unwrap();
    let t = teks(&o);
    assert!(
        t.contains("Penggunaan:") && t.contains("Perintah:") && t.contains("Tampilkan bantuan"),
        "{t}"
    );
    assert!(!t.contains("Usage:") && !t.contains("Options:"), "{t}");
}

/// `balai` with the backup passphrase in `SANDI_UJI`.
fn balai_sandi(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["--database", url])
        .args(args)
        .env("BALAI_LOG_LEVEL", "warn")
        .env("SANDI_UJI", "kata sandi cadangan desa")
        .output()
        .unwrap()
}

balai_testkit::tiap_backend_url!(backup_restore_round_trip_by_cli);
async fn backup_restore_round_trip_by_cli(b: balai_testkit::Backend) {
    let o = balai(&b.url, &["demo", "--residents", "120", "--seed", "3"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let berkas = balai_testkit::berkas_sementara("cadangan.balai");
    let cadang = balai_sandi;
    let o = cadang(
        &b.url,
        &[
            "backup",
            berkas.to_str().unwrap(),
            "--sandi-env",
            "SANDI_UJI",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let asli = balai_testkit::berkas_sementara("asli.csv");
    assert!(
        balai(
            &b.url,
            &[
                "export",
                "penduduk",
                "--desa",
                DESA,
                "--format",
                "csv",
                "-o",
                asli.to_str().unwrap()
            ]
        )
        .status
        .success()
    );

    // Into a fresh install of the same backend.
    let baru = balai_testkit::backends()
        .await
        .into_iter()
        .find(|x| x.nama == b.nama)
        .unwrap();
    assert!(balai(&baru.url, &["migrate"]).status.success());
    // A damaged copy is refused before anything changes.
    let mut rusak = std::fs::read(&berkas).unwrap();
    let n = rusak.len();
    rusak[n / 2] ^= 0x01;
    let berkas_rusak = balai_testkit::berkas_sementara("rusak.balai");
    std::fs::write(&berkas_rusak, rusak).unwrap();
    let o = cadang(
        &baru.url,
        &[
            "restore",
            berkas_rusak.to_str().unwrap(),
            "--sandi-env",
            "SANDI_UJI",
            "--ya",
        ],
    );
    assert!(
        !o.status.success(),
        "{}: damaged file refused: {}",
        b.nama,
        teks(&o)
    );
    let o = balai(&baru.url, &["desa", "list"]);
    assert!(
        !teks(&o).contains("33.25.08.2004"),
        "{}: nothing restored from a damaged file",
        b.nama
    );

    let o = cadang(
        &baru.url,
        &[
            "restore",
            berkas.to_str().unwrap(),
            "--sandi-env",
            "SANDI_UJI",
            "--ya",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let pulih = balai_testkit::berkas_sementara("pulih.csv");
    assert!(
        balai(
            &baru.url,
            &[
                "export",
                "penduduk",
                "--desa",
                DESA,
                "--format",
                "csv",
                "-o",
                pulih.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&asli).unwrap(),
        std::fs::read(&pulih).unwrap(),
        "{}: identical residents",
        b.nama
    );
    let o = balai(&baru.url, &["audit", "verify"]);
    assert!(
        o.status.success(),
        "{}: audit chain intact after restore: {}",
        b.nama,
        teks(&o)
    );
}

/// `balai` with this install's key files in `dir` (beside the SQLite database they would be
/// made there; set explicitly so both backends are tested alike).
fn balai_dengan_kunci(db: &str, dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["--database", db])
        .args(args)
        .env("BALAI_LOG_LEVEL", "warn")
        .env("BALAI_BERKAS_KUNCI_INDUK", dir.join("kunci-induk"))
        .env("BALAI_CADANGAN__BERKAS_KUNCI", dir.join("kunci-cadangan"))
        .output()
        .expect("balai runs")
}

balai_testkit::tiap_backend_url!(kunci_tanda_tangan_dan_cadangan_terenkripsi_secara_bawaan);
async fn kunci_tanda_tangan_dan_cadangan_terenkripsi_secara_bawaan(b: balai_testkit::Backend) {
    let dir_a = balai_testkit::berkas_sementara("kunci-a");
    let dir_b = balai_testkit::berkas_sementara("kunci-b");
    for d in [&dir_a, &dir_b] {
        std::fs::create_dir_all(d).unwrap();
    }
    let o = balai_dengan_kunci(
        &b.url,
        &dir_a,
        &["demo", "--residents", "60", "--seed", "5"],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));

    // The private keys in the database are sealed with the master key file.
    let store = balai_store::Store::buka(&b.url).await.unwrap();
    let rahasia: Vec<Vec<u8>> = balai_store::on_db!(&store.db, p => sqlx::query_scalar("SELECT rahasia FROM kunci_desa").fetch_all(p).await).unwrap();
    assert!(!rahasia.is_empty(), "{}", b.nama);
    assert!(rahasia.iter().all(|r| r.starts_with(b"BK1")), "{}", b.nama);
    let induk_a = std::fs::read_to_string(dir_a.join("kunci-induk")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir_a.join("kunci-induk"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{}", b.nama);
    }

    // A backup without a passphrase is encrypted with the backup key file, made for it.
    let berkas = balai_testkit::berkas_sementara("bawaan.balai-backup");
    let o = balai_dengan_kunci(&b.url, &dir_a, &["backup", berkas.to_str().unwrap()]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(
        teks(&o).contains("Simpan salinannya"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    assert!(
        balai_store::cadangan::cadangan_terenkripsi(&berkas).unwrap(),
        "{}",
        b.nama
    );
    let isi = std::fs::read(&berkas).unwrap();
    assert!(!isi.windows(8).any(|w| w == b"Donorejo"), "{}", b.nama);

    // Another install (other key files) cannot open it without a copy of the key...
    let baru = balai_testkit::backends()
        .await
        .into_iter()
        .find(|x| x.nama == b.nama)
        .unwrap();
    let o = balai_dengan_kunci(
        &baru.url,
        &dir_b,
        &["restore", berkas.to_str().unwrap(), "--ya"],
    );
    assert!(!o.status.success(), "{}", b.nama);
    assert!(
        teks(&o).contains("--berkas-kunci"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    // ...and with it, restores everything.
    let salinan = dir_a.join("kunci-cadangan");
    let o = balai_dengan_kunci(
        &baru.url,
        &dir_b,
        &[
            "restore",
            berkas.to_str().unwrap(),
            "--berkas-kunci",
            salinan.to_str().unwrap(),
            "--ya",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));

    // The restored signing keys stay sealed: the new install cannot sign with them and says
    // what to do; old letters still verify with the public keys.
    let s_b = balai_store::Store::buka(&baru.url)
        .await
        .unwrap()
        .dengan_kunci_induk(&[1u8; 32]);
    match s_b.pastikan_kunci_desa(DESA).await {
        Err(balai_store::Galat::Ditolak(p)) => {
            assert!(p.contains("Putar kunci"), "{}: {p}", b.nama)
        }
        r => panic!("{}: {r:?}", b.nama),
    }
    assert!(!s_b.kunci_publik_desa(DESA).await.unwrap().is_empty());
    s_b.putar_kunci_desa(DESA, &balai_store::Aktor::sistem())
        .await
        .unwrap();
    s_b.pastikan_kunci_desa(DESA).await.unwrap();
    assert_ne!(
        std::fs::read_to_string(dir_b.join("kunci-induk")).unwrap(),
        induk_a
    );
}

balai_testkit::tiap_backend_url!(import_opensid_db_lewat_cli);
async fn import_opensid_db_lewat_cli(b: balai_testkit::Backend) {
    let db = b.url.as_str();
    let dump = balai_testkit::data_uji("opensid/kecil_v2109.sql");
    let dump = dump.to_str().unwrap();
    // The dry run prints the report and stores nothing (the village stays unregistered).
    let o = balai(db, &["import", "opensid-db", dump, "--dry-run"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let t = teks(&o);
    assert!(
        t.contains("versi 21.09") && t.contains("Pratinjau (--dry-run)"),
        "{}: {t}",
        b.nama
    );
    let o = balai(db, &["import", "opensid-db", dump]);
    assert!(
        teks(&o).contains("Impor selesai"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    assert!(
        teks(&o).contains("didaftarkan baru") && teks(&o).lines().any(|l| l.starts_with("tweb_penduduk") && l.split_whitespace().nth(2) == Some("4")),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    // Again: every row "sama".
    let o = balai(db, &["import", "opensid-db", dump]);
    assert!(
        teks(&o).lines().any(|l| l.starts_with("tweb_penduduk")
            && l.split_whitespace().nth(2) == Some("0")
            && l.split_whitespace().nth(3) == Some("4")),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    // A bad --mysql address is refused before anything runs.
    let o = balai(db, &["import", "opensid-db", "--mysql", "postgres://x/y"]);
    assert!(
        !o.status.success() && teks(&o).contains("--mysql"),
        "{}: {}",
        b.nama,
        teks(&o)
    );

    // --mysql runs `mysqldump` and reads its output as it comes. A stand-in `mysqldump` on PATH
    // records its arguments, checks that the password came through the environment, then
    // prints the dump (or fails, as a refused login does).
    let bin = balai_testkit::berkas_sementara("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let skrip = bin.join("mysqldump");
    let isi = format!(
        "#!/bin/sh\necho \"$@\" > {}\n[ \"$MYSQL_PWD\" = rahasia ] || exit 3\ncat {dump}\n",
        bin.join("args").display()
    );
    std::fs::write(&skrip, isi).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&skrip, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let jalankan = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_balai"))
            .args(["--database", db, "import", "opensid-db", "--mysql", url])
            .args(["--desa", DESA])
            .env("PATH", &path)
            .env("BALAI_LOG_LEVEL", "warn")
            .output()
            .unwrap()
    };
    let o = jalankan("mysql://opensid:rahasia@10.0.0.5:3307/opensid");
    assert!(
        teks(&o).contains("Impor selesai"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    let args = std::fs::read_to_string(bin.join("args")).unwrap();
    assert!(
        args.contains("--host=10.0.0.5")
            && args.contains("--port=3307")
            && !args.contains("rahasia"),
        "{}: {args}",
        b.nama
    );
    let o = jalankan("mysql://opensid:salah@10.0.0.5/opensid");
    assert!(
        !o.status.success() && teks(&o).contains("mysqldump gagal"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
}

balai_testkit::tiap_backend_url!(restore_satu_desa_by_cli);
/// `balai restore FILE --desa KODE`: one village only; refused with a plain message when its
/// accounts' names are taken in the target, or the code is not a village code.
async fn restore_satu_desa_by_cli(b: balai_testkit::Backend) {
    let o = balai(&b.url, &["demo", "--residents", "60", "--seed", "5"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let berkas = balai_testkit::berkas_sementara("desa.balai");
    let jalan = balai_sandi;
    let f = berkas.to_str().unwrap();
    let o = jalan(&b.url, &["backup", f, "--sandi-env", "SANDI_UJI"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let pulih = |url: &str, desa: &str| {
        jalan(
            url,
            &[
                "restore",
                f,
                "--sandi-env",
                "SANDI_UJI",
                "--desa",
                desa,
                "--ya",
            ],
        )
    };
    let o = pulih(&b.url, DESA);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    assert!(
        teks(&o).contains("Pemulihan desa 3325082004 selesai. Desa lain tidak berubah"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    let o = balai(&b.url, &["audit", "verify"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));

    let o = pulih(&b.url, "123");
    assert!(!o.status.success(), "{}", b.nama);
    assert!(
        teks(&o).contains("kode desa harus 10 angka"),
        "{}: {}",
        b.nama,
        teks(&o)
    );

    // A district whose demo village already has the same account names.
    let lain = balai_testkit::backends()
        .await
        .into_iter()
        .find(|x| x.nama == b.nama)
        .unwrap();
    let o = balai(
        &lain.url,
        &["demo", "--residents", "30", "--desa", "3325082005"],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let o = pulih(&lain.url, DESA);
    assert!(!o.status.success(), "{}", b.nama);
    assert!(
        teks(&o).contains("sudah dipakai di luar desa ini: admin"),
        "{}: {}",
        b.nama,
        teks(&o)
    );
    let o = balai(&lain.url, &["desa", "list"]);
    assert!(
        !teks(&o).contains("33.25.08.2004"),
        "{}: nothing restored",
        b.nama
    );
}
