//! The district tier as it runs: a district server and two village nodes (SQLite) as separate
//! `balai` processes, writes on all three while the district's process is killed at random points
//! (mid-exchange included) and restarted; at the end both sides of each village hold exactly the
//! same rows, every write made on any side is there, and the deliberate conflict is in both
//! review queues. The district runs on each backend (PostgreSQL is the production case).

use crate::bersama;

use bersama::{balai, huruf, port_bebas, teks};

use balai_store::{Aktor, Store};
use rand::{Rng, SeedableRng};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const DESA_A: &str = "3325082004";
const DESA_B: &str = "3325082005";

/// The last line a command printed (where credentials are printed, alone).
fn baris_akhir(o: &Output) -> String {
    assert!(o.status.success(), "{}", teks(o));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// A `balai serve` process, killed when dropped.
struct Server {
    anak: Option<Child>,
    db: String,
    port: u16,
}

impl Server {
    async fn mulai(db: &str, port: u16) -> Server {
        let mut s = Server {
            anak: None,
            db: db.to_string(),
            port,
        };
        s.hidupkan().await;
        s
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn hidupkan(&mut self) {
        let anak = Command::new(env!("CARGO_BIN_EXE_balai"))
            .args(["--database", &self.db, "serve", "--listen"])
            .arg(format!("127.0.0.1:{}", self.port))
            .env("BALAI_LOG_LEVEL", "warn")
            .env("BALAI_SINKRON_MENIT", "0")
            .stdout(Stdio::null())
            .stderr(log_server(self.port))
            .spawn()
            .expect("balai serve runs");
        self.anak = Some(anak);
        for _ in 0..200 {
            if reqwest::get(format!("{}/healthz", self.url()))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server on port {} did not start", self.port);
    }

    /// SIGKILL: no graceful shutdown, as a power cut or a dropped link would be.
    fn matikan(&mut self) {
        if let Some(mut a) = self.anak.take() {
            let _ = a.kill();
            let _ = a.wait();
        }
    }
}

/// Each server's log, kept beside the test's files to read when an assertion fails.
fn log_server(port: u16) -> Stdio {
    let p = balai_testkit::berkas_sementara(&format!("server-{port}.log"));
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&p)
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null())
}

impl Drop for Server {
    fn drop(&mut self) {
        self.matikan();
    }
}

/// Adds a resident through the HTTP API of one process.
async fn tambah(klien: &reqwest::Client, url: &str, token: &str, desa: &str, nik: &str, kk: &str) {
    let mut isi = serde_json::Map::new();
    for (k, v) in balai_testkit::BAWAAN_PENDUDUK {
        isi.insert((*k).into(), (*v).into());
    }
    isi.insert("nik".into(), nik.into());
    isi.insert("no_kk".into(), kk.into());
    isi.insert("nama".into(), format!("WARGA {}", huruf(&nik[12..])).into());
    let r = klien
        .post(format!("{url}/api/v1/desa/{desa}/penduduk"))
        .bearer_auth(token)
        .json(&isi)
        .send()
        .await
        .unwrap();
    let status = r.status();
    assert_eq!(status, 201, "{url}: {}", r.text().await.unwrap());
}

async fn sinkron(db: String) -> Output {
    tokio::task::spawn_blocking(move || balai(&db, &["sync"]))
        .await
        .unwrap()
}

async fn ubah_nama(db: &str, desa: &str, nik: &str, nama: &str) {
    let s = Store::buka(db).await.unwrap();
    let p = s.penduduk_by_nik(desa, nik).await.unwrap().unwrap();
    let mut d = p.data().unwrap();
    d.nama = nama.into();
    s.ubah_penduduk(desa, p.id, p.versi, &d, &Aktor::sistem())
        .await
        .unwrap();
    s.db.close().await;
}

/// The district's batches of the demo village, pulled as a node that rebuilds files as this
/// server does (letter PDFs packed, zstd) and as an older node (base64, gzip): the same files,
/// fewer bytes.
async fn berkas_surat_dikemas_untuk_simpul_baru(url: &str, kred: &str, nama: &str) {
    use balai_store::sinkron::{Paket, kemas};
    use balai_web::mampat::{Cara, urai};
    let klien = reqwest::Client::new();
    let ambil = |sejak: i64, baru: bool| {
        let klien = klien.clone();
        let url = if baru {
            format!(
                "{url}/api/v1/sinkron/tarik?sejak={sejak}&kemas={}",
                kemas::sidik()
            )
        } else {
            format!("{url}/api/v1/sinkron/tarik?sejak={sejak}")
        };
        async move {
            let r = klien
                .get(url)
                .bearer_auth(kred)
                .header("Accept-Encoding", if baru { "zstd, gzip" } else { "gzip" })
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{nama}");
            let cara = Cara::dari_header(
                r.headers()
                    .get("content-encoding")
                    .and_then(|v| v.to_str().ok()),
            );
            let badan = r.bytes().await.unwrap();
            let p: Paket = serde_json::from_slice(&urai(&badan, cara).unwrap()).unwrap();
            (cara, badan.len(), p)
        }
    };
    let (mut sejak, mut dikemas, mut base64, mut byte_baru, mut byte_lama) = (0, 0, 0, 0, 0);
    loop {
        let (cara, n, p) = ambil(sejak, true).await;
        let (cara_lama, n_lama, p_lama) = ambil(sejak, false).await;
        assert_eq!(cara, Cara::Zstd, "{nama}");
        assert_eq!(cara_lama, Cara::Gzip, "{nama}");
        assert!(p_lama.berkas_kemas.is_empty(), "{nama}");
        assert_eq!(
            p.berkas.len() + p.berkas_kemas.len(),
            p_lama.berkas.len(),
            "{nama}"
        );
        if !p.berkas_kemas.is_empty() {
            dikemas += p.berkas_kemas.len();
            base64 += p_lama.berkas.len();
            byte_baru += n;
            byte_lama += n_lama;
        }
        let Some(akhir) = p.entri.last() else { break };
        sejak = akhir.urut;
        if p.habis {
            break;
        }
    }
    assert!(dikemas >= 3, "{nama}: {dikemas} packed files");
    assert!(
        byte_baru < byte_lama,
        "{nama}: batches with {base64} files: packed {byte_baru} B, base64 {byte_lama} B"
    );
}

balai_testkit::tiap_backend_url!(kabupaten_dan_dua_desa_berakhir_identik_meski_sambungan_putus);
async fn kabupaten_dan_dua_desa_berakhir_identik_meski_sambungan_putus(b: balai_testkit::Backend) {
    let nama = b.nama;
    let kab = b.url.clone();
    let simpul1 = format!(
        "sqlite://{}",
        balai_testkit::berkas_sementara("simpul1.db").display()
    );
    let simpul2 = format!(
        "sqlite://{}",
        balai_testkit::berkas_sementara("simpul2.db").display()
    );

    // The district: two villages, one with demo data, credentials for both.
    let o = balai(
        &kab,
        &[
            "demo",
            "--desa",
            DESA_A,
            "--residents",
            "150",
            "--seed",
            "3",
        ],
    );
    assert!(o.status.success(), "{nama}: {}", teks(&o));
    let o = balai(&kab, &["desa", "add", DESA_B]);
    assert!(o.status.success(), "{nama}: {}", teks(&o));
    let kred_a = baris_akhir(&balai(&kab, &["sync", "token", "--desa", DESA_A]));
    let kred_b = baris_akhir(&balai(&kab, &["sync", "token", "--desa", DESA_B]));
    assert!(
        kred_a.starts_with("bsk_") && kred_b.starts_with("bsk_"),
        "{nama}"
    );
    let api_kab = baris_akhir(&balai(
        &kab,
        &[
            "token",
            "add",
            "--nama",
            "Uji",
            "--wilayah",
            "33.25",
            "--tulis",
        ],
    ));
    let mut server = Server::mulai(&kab, port_bebas()).await;
    berkas_surat_dikemas_untuk_simpul_baru(&server.url(), &kred_a, nama).await;

    // A forged credential is refused with a clear message and a non-zero exit.
    let palsu = format!(
        "sqlite://{}",
        balai_testkit::berkas_sementara("palsu.db").display()
    );
    let o = balai(
        &palsu,
        &[
            "sync",
            "init",
            "--server",
            &server.url(),
            "--token",
            "bsk_palsu",
        ],
    );
    assert!(!o.status.success(), "{nama}");
    assert!(teks(&o).contains("tidak dikenal"), "{nama}: {}", teks(&o));

    // The two village PCs join.
    for (db, kred) in [(&simpul1, &kred_a), (&simpul2, &kred_b)] {
        let o = balai(
            db,
            &["sync", "init", "--server", &server.url(), "--token", kred],
        );
        assert!(o.status.success(), "{nama}: {}", teks(&o));
    }
    let api1 = baris_akhir(&balai(
        &simpul1,
        &[
            "token",
            "add",
            "--nama",
            "Uji",
            "--wilayah",
            DESA_A,
            "--tulis",
        ],
    ));
    let api2 = baris_akhir(&balai(
        &simpul2,
        &[
            "token",
            "add",
            "--nama",
            "Uji",
            "--wilayah",
            DESA_B,
            "--tulis",
        ],
    ));
    let node1 = Server::mulai(&simpul1, port_bebas()).await;
    let node2 = Server::mulai(&simpul2, port_bebas()).await;
    let klien = reqwest::Client::new();

    // A resident the demo made, edited on both sides between two exchanges: a true conflict.
    let s = Store::buka(&kab).await.unwrap();
    let korban = s
        .daftar_penduduk(
            DESA_A,
            &Default::default(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
        .await
        .unwrap()
        .isi[0]
        .nik
        .clone();
    s.db.close().await;

    let mut acak = rand::rngs::StdRng::seed_from_u64(18);
    let mut dibuat: Vec<(&str, String)> = Vec::new();
    let mut gagal = 0;
    for putaran in 0..8u32 {
        // Writes on all three processes.
        let n = |sisi: u32, i: u32| format!("332508010180{}", 1000 + putaran * 100 + sisi * 10 + i);
        let k = |sisi: u32, i: u32| format!("332508120110{}", 1000 + putaran * 100 + sisi * 10 + i);
        if server.anak.is_some() {
            for i in 0..2 {
                tambah(&klien, &server.url(), &api_kab, DESA_A, &n(1, i), &k(1, i)).await;
                dibuat.push((DESA_A, n(1, i)));
            }
            tambah(&klien, &server.url(), &api_kab, DESA_B, &n(2, 0), &k(2, 0)).await;
            dibuat.push((DESA_B, n(2, 0)));
        }
        for i in 0..2 {
            tambah(&klien, &node1.url(), &api1, DESA_A, &n(3, i), &k(3, i)).await;
            dibuat.push((DESA_A, n(3, i)));
            tambah(&klien, &node2.url(), &api2, DESA_B, &n(4, i), &k(4, i)).await;
            dibuat.push((DESA_B, n(4, i)));
        }
        if putaran == 2 {
            ubah_nama(&kab, DESA_A, &korban, "NAMA VERSI KABUPATEN").await;
            ubah_nama(&simpul1, DESA_A, &korban, "NAMA VERSI DESA").await;
        }
        // Both nodes exchange while the district may die under them.
        let putus = putaran % 3 == 1 && server.anak.is_some();
        let t1 = tokio::spawn(sinkron(simpul1.clone()));
        let t2 = tokio::spawn(sinkron(simpul2.clone()));
        if putus {
            tokio::time::sleep(Duration::from_millis(acak.random_range(0..120))).await;
            server.matikan();
        }
        for t in [t1, t2] {
            let o = t.await.unwrap();
            if !o.status.success() {
                gagal += 1;
                assert!(teks(&o).contains("Galat"), "{nama}: {}", teks(&o));
            }
        }
        if server.anak.is_none() && putaran % 3 == 2 {
            server.hidupkan().await;
        }
    }
    if server.anak.is_none() {
        server.hidupkan().await;
    }
    // Rounds 2 and 5 run while the district is down: each exchange fails plainly.
    assert!(gagal >= 4, "{nama}: only {gagal} exchanges failed");

    // Links back: two rounds settle everything, including the conflict's own row.
    for _ in 0..2 {
        for db in [&simpul1, &simpul2] {
            let o = balai(db, &["sync"]);
            assert!(o.status.success(), "{nama}: {}", teks(&o));
        }
    }

    let kab_s = Store::buka(&kab).await.unwrap();
    let s1 = Store::buka(&simpul1).await.unwrap();
    let s2 = Store::buka(&simpul2).await.unwrap();
    for (desa, simpul) in [(DESA_A, &s1), (DESA_B, &s2)] {
        let x = kab_s.sinkron().isi(desa).await.unwrap();
        let y = simpul.sinkron().isi(desa).await.unwrap();
        for (t, baris) in &x {
            assert_eq!(
                baris.len(),
                y[t].len(),
                "{nama}: {desa} {t}: row counts differ"
            );
            assert_eq!(baris, &y[t], "{nama}: {desa} {t}: rows differ");
        }
    }
    for (desa, nik) in &dibuat {
        for s in [&kab_s, if *desa == DESA_A { &s1 } else { &s2 }] {
            assert!(
                s.penduduk_by_nik(desa, nik).await.unwrap().is_some(),
                "{nama}: {nik} lost"
            );
        }
    }
    let k_kab = kab_s.sinkron().daftar_konflik(DESA_A, true).await.unwrap();
    let k_desa = s1.sinkron().daftar_konflik(DESA_A, true).await.unwrap();
    assert_eq!(k_kab.len(), 1, "{nama}: {k_kab:?}");
    assert_eq!(k_kab[0].id, k_desa[0].id, "{nama}");
    assert_eq!(k_kab[0].kolom, "nama", "{nama}");
    drop(node1);
    drop(node2);
}
