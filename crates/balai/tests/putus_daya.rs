//! Crash consistency: `balai serve` killed with SIGKILL (as a power cut would stop it) while 100
//! clients write through the API: new residents (each with a new family and its event) and
//! letter requests for them. After every kill the server starts again on the same database, and
//! every write that got a success answer is there whole; nothing is half-written; the audit
//! chain verifies. Rounds: `BALAI_UJI_PUTARAN` (the test command runs 2 per backend;
//! `bench/putus_daya.sh` runs 20 and records the figures in docs/keandalan.md).

use crate::bersama;

use bersama::{balai, huruf, port_bebas, teks};

use balai_store::{Store, on_db};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DESA: &str = "3325082004";
const PENULIS: usize = 100;

async fn hidupkan(db: &str, port: u16) -> Child {
    let mut anak = Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["--database", db, "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("BALAI_LOG_LEVEL", "error")
        .env("BALAI_SINKRON_MENIT", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("balai serve runs");
    for _ in 0..400 {
        if reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
            .await
            .is_ok()
        {
            return anak;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let _ = anak.kill();
    let _ = anak.wait();
    panic!("server on port {port} did not start");
}

/// What the clients were told was stored: (NIK, letter id if its request was acknowledged).
type Diakui = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// POSTs `isi`; the answer's body when it was 201 Created, `None` when the server is gone or
/// refused.
async fn kirim(
    c: &reqwest::Client,
    url: &str,
    token: &str,
    isi: &serde_json::Value,
) -> Option<serde_json::Value> {
    let r = c.post(url).bearer_auth(token).json(isi).send().await.ok()?;
    if r.status() != 201 {
        return None;
    }
    r.json().await.ok()
}

/// One client: residents, each followed by a letter request for them, until the server dies.
async fn penulis(url: String, token: String, w: usize, putaran: usize, diakui: Diakui) {
    let c = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    // A NIK and KK unique to this client, round and count: day and month from the client,
    // year from the round.
    let (hari, bulan) = (w % 28 + 1, w / 28 % 12 + 1);
    for i in 1..10_000usize {
        let nik = format!("332508{hari:02}{bulan:02}{:02}{i:04}", 70 + putaran);
        let kk = format!("332508{hari:02}{bulan:02}{:02}{i:04}", 10 + putaran);
        let isi = serde_json::json!({
            "nik": nik, "nama": format!("WARGA {}", huruf(&nik[8..])), "jenis_kelamin": 1,
            "tempat_lahir": "BATANG", "tanggal_lahir": "1990-01-01", "agama_id": 1,
            "pendidikan_kk_id": 5, "pekerjaan_id": 9, "status_kawin_id": 1, "shdk_id": 1,
            "no_kk": kk, "dusun": "KRAJAN", "rw": "001", "rt": "002"
        });
        if kirim(
            &c,
            &format!("{url}/api/v1/desa/{DESA}/penduduk"),
            &token,
            &isi,
        )
        .await
        .is_none()
        {
            return;
        }
        diakui.lock().unwrap().push((nik.clone(), None));
        let surat = serde_json::json!({
            "jenis": "keterangan_domisili", "nik": nik,
            "isian": {"keperluan": "Melamar pekerjaan"}
        });
        let Some(v) = kirim(
            &c,
            &format!("{url}/api/v1/desa/{DESA}/surat"),
            &token,
            &surat,
        )
        .await
        else {
            return;
        };
        if let Some(id) = v["data"]["id"].as_str() {
            let mut d = diakui.lock().unwrap();
            if let Some(e) = d.iter_mut().rev().find(|(n, _)| *n == nik) {
                e.1 = Some(id.to_string());
            }
        }
    }
}

async fn hitung(s: &Store, sql: &str) -> i64 {
    on_db!(&s.db, p => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(p).await)
        .unwrap()
}

/// Rows that would be half-written: residents without their family, letters without their
/// first step.
async fn setengah(s: &Store) -> [i64; 2] {
    [
        hitung(s, "SELECT count(*) FROM penduduk WHERE keluarga_id IS NULL").await,
        hitung(
            s,
            "SELECT count(*) FROM surat s WHERE NOT EXISTS \
             (SELECT 1 FROM surat_riwayat r WHERE r.desa_id = s.desa_id AND r.surat_id = s.id)",
        )
        .await,
    ]
}

balai_testkit::tiap_backend_url!(dimatikan_paksa_saat_100_penulis_tidak_kehilangan_apa_pun);
async fn dimatikan_paksa_saat_100_penulis_tidak_kehilangan_apa_pun(b: balai_testkit::Backend) {
    let putaran: usize = std::env::var("BALAI_UJI_PUTARAN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let o = balai(&b.url, &["demo", "--residents", "40", "--seed", "11"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let o = balai(
        &b.url,
        &[
            "token",
            "add",
            "--nama",
            "uji",
            "--wilayah",
            DESA,
            "--tulis",
        ],
    );
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    let token = String::from_utf8_lossy(&o.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string();
    let awal = {
        let s = Store::buka(&b.url).await.unwrap();
        let a = setengah(&s).await;
        s.db.close().await;
        a
    };
    let port = port_bebas();
    let mut total = 0;
    for r in 0..putaran {
        let mut anak = hidupkan(&b.url, port).await;
        let diakui: Diakui = Arc::default();
        let mut tugas = tokio::task::JoinSet::new();
        for w in 0..PENULIS {
            tugas.spawn(penulis(
                format!("http://127.0.0.1:{port}"),
                token.clone(),
                w,
                r,
                diakui.clone(),
            ));
        }
        // Kill somewhere in the second after the writes are under way.
        let mulai = Instant::now();
        while diakui.lock().unwrap().len() < 20 && mulai.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(100 + 97 * r as u64 % 900)).await;
        anak.kill().unwrap();
        anak.wait().unwrap();
        while tugas.join_next().await.is_some() {}

        // The server starts again on what the disk holds.
        let mut anak = hidupkan(&b.url, port).await;
        let s = Store::buka(&b.url).await.unwrap();
        let diakui = diakui.lock().unwrap().clone();
        assert!(!diakui.is_empty(), "{}: round {r} wrote nothing", b.nama);
        for (nik, surat) in &diakui {
            let p = s.penduduk_by_nik(DESA, nik).await.unwrap();
            let p = p.unwrap_or_else(|| {
                panic!("{}: round {r}: acknowledged resident {nik} lost", b.nama)
            });
            // Its audit entry was committed with it.
            let jejak = s
                .daftar_audit(
                    DESA,
                    &balai_store::audit::SaringAudit {
                        objek_id: Some(p.id.to_string()),
                        batas: 5,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            assert!(
                !jejak.is_empty(),
                "{}: round {r}: {nik} without its audit entry",
                b.nama
            );
            if let Some(id) = surat {
                let id = uuid::Uuid::parse_str(id).unwrap();
                assert!(
                    s.surat(DESA, id).await.unwrap().is_some(),
                    "{}: round {r}: acknowledged letter request {id} lost",
                    b.nama
                );
            }
        }
        assert_eq!(
            setengah(&s).await,
            awal,
            "{}: round {r}: half-written rows",
            b.nama
        );
        total += diakui.len();
        s.db.close().await;
        anak.kill().unwrap();
        anak.wait().unwrap();
    }
    let o = balai(&b.url, &["audit", "verify"]);
    assert!(o.status.success(), "{}: {}", b.nama, teks(&o));
    println!(
        "HASIL putus_daya backend={} putaran={putaran} penulis={PENULIS} diakui={total}",
        b.nama
    );
}
