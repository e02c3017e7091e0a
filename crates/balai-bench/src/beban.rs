//! Load (issue 20, proof 4): many people at once against a running `balai serve`, for minutes.
//! Half are staff at the counter (resident list, a search, families, letters, statistics, the
//! start page), a third residents on the portal (home, letters, complaints, their data), the
//! rest visitors of the village website. Each person requests a page, reads it for about a
//! second, and goes on. Reports per page the count, median and p95, every error, and the
//! server's resident memory sampled every ten seconds (flat means no growth after warm-up).

use crate::ukur::{SANDI, Tabel, masuk, ringkas};
use balai_store::Store;
use balai_store::pengguna::Peran;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PIN: &str = "583920";

/// Who the simulated person is.
#[derive(Clone, Copy)]
enum Jenis {
    Staf,
    Warga,
    Tamu,
}

fn halaman(peran: Jenis, desa: &str, slug: &str, penduduk: &str) -> Vec<(String, String)> {
    let p = |nama: &str, jalur: String| (nama.to_string(), jalur);
    match peran {
        Jenis::Staf => vec![
            p("staf: beranda desa", format!("/desa/{desa}")),
            p("staf: daftar penduduk", format!("/desa/{desa}/penduduk")),
            p("staf: cari nama", format!("/desa/{desa}/penduduk?q=sri")),
            p(
                "staf: rincian penduduk",
                format!("/desa/{desa}/penduduk/{penduduk}"),
            ),
            p("staf: daftar keluarga", format!("/desa/{desa}/keluarga")),
            p("staf: daftar surat", format!("/desa/{desa}/surat")),
            p("staf: statistik", format!("/desa/{desa}/statistik")),
        ],
        Jenis::Warga => vec![
            p("warga: beranda", "/warga".into()),
            p("warga: surat saya", "/warga/surat".into()),
            p("warga: pilih surat", "/warga/surat/baru".into()),
            p("warga: pengaduan", "/warga/pengaduan".into()),
            p("warga: data saya", "/warga/data".into()),
        ],
        Jenis::Tamu => vec![
            p("situs: beranda", format!("/desa/{slug}")),
            p("situs: berita", format!("/desa/{slug}/berita")),
            p("situs: statistik", format!("/desa/{slug}/statistik")),
            p("situs: pembangunan", format!("/desa/{slug}/pembangunan")),
        ],
    }
}

/// A staff account and a resident with a PIN (made in the database the server uses).
async fn siapkan(store: &Store, desa: &str) -> Result<(String, String, String), String> {
    let e = |e: balai_store::Galat| e.to_string();
    crate::ukur::akun(store, "tolok-ukur", Peran::Operator, desa).await?;
    let d = store.desa(desa).await.map_err(e)?.ok_or("desa tidak ada")?;
    let p = crate::warga::warga_ber_pin(store, desa, store.hari_ini(d.zona()), PIN).await?;
    let slug = store.situs_desa(desa).await.map_err(e)?.slug;
    Ok((p.nik, p.id.to_string(), slug))
}

async fn klien_warga(url: &str, nik: &str) -> Result<reqwest::Client, String> {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let r = c
        .post(format!("{url}/warga/masuk"))
        .form(&[("nik", nik), ("pin", PIN)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status() != reqwest::StatusCode::SEE_OTHER {
        return Err(format!("warga gagal masuk: {}", r.status()));
    }
    Ok(c)
}

/// The server's resident memory in KB (`VmRSS`), or none when it cannot be read.
fn rss_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let baris = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    baris.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Default)]
struct Catatan {
    ms: BTreeMap<String, Vec<f64>>,
    galat: BTreeMap<String, u64>,
}

pub struct Setelan {
    pub url: String,
    pub pid: Option<u32>,
    pub desa: String,
    pub orang: usize,
    pub detik: u64,
}

pub async fn jalankan(store: &Store, s: Setelan) -> Result<(), String> {
    let (nik, penduduk, slug) = siapkan(store, &s.desa).await?;
    let catatan = Arc::new(Mutex::new(Catatan::default()));
    let selesai = Instant::now() + Duration::from_secs(s.detik);
    let mut orang = tokio::task::JoinSet::new();
    for i in 0..s.orang {
        let peran = match i % 6 {
            0..=2 => Jenis::Staf,
            3 | 4 => Jenis::Warga,
            _ => Jenis::Tamu,
        };
        let c = match peran {
            Jenis::Staf => masuk(&s.url, "tolok-ukur", SANDI).await?,
            Jenis::Warga => klien_warga(&s.url, &nik).await?,
            Jenis::Tamu => reqwest::Client::new(),
        };
        let jalur = halaman(peran, &s.desa, &slug, &penduduk);
        let (url, catatan) = (s.url.clone(), Arc::clone(&catatan));
        orang.spawn(async move {
            // Spread the start over the first second, and each person's pages.
            let mut k = i;
            tokio::time::sleep(Duration::from_millis((i as u64 * 37) % 1000)).await;
            while Instant::now() < selesai {
                let (nama, j) = &jalur[k % jalur.len()];
                k += 1;
                let t = Instant::now();
                let hasil = match c.get(format!("{url}{j}")).send().await {
                    Ok(r) if r.status().is_success() => {
                        r.bytes().await.map(|_| ()).map_err(|e| e.to_string())
                    }
                    Ok(r) => Err(format!("status {}", r.status())),
                    Err(e) => Err(e.to_string()),
                };
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                if let Ok(mut c) = catatan.lock() {
                    match hasil {
                        Ok(()) => c.ms.entry(nama.clone()).or_default().push(ms),
                        Err(e) => *c.galat.entry(format!("{nama}: {e}")).or_default() += 1,
                    }
                }
                // Reading the page: 0.5 to 1.5 s.
                let baca = 500 + (k as u64 * 7919 + i as u64 * 104_729) % 1000;
                tokio::time::sleep(Duration::from_millis(baca)).await;
            }
        });
    }
    // Memory every ten seconds while the load runs.
    let mut memori: Vec<(u64, u64)> = Vec::new();
    let mulai = Instant::now();
    while Instant::now() < selesai {
        if let Some(kb) = s.pid.and_then(rss_kb) {
            memori.push((mulai.elapsed().as_secs(), kb));
        }
        tokio::time::sleep(Duration::from_secs(10).min(selesai - Instant::now().min(selesai)))
            .await;
    }
    while orang.join_next().await.is_some() {}

    let c = catatan.lock().map_err(|_| "catatan terkunci")?;
    println!(
        "beban: {} orang ({} staf, {} warga, {} tamu situs), {} detik",
        s.orang,
        (0..s.orang).filter(|i| i % 6 <= 2).count(),
        (0..s.orang).filter(|i| matches!(i % 6, 3 | 4)).count(),
        (0..s.orang).filter(|i| i % 6 == 5).count(),
        s.detik
    );
    let mut t = Tabel::baru(&["halaman", "n", "median ms", "p95 ms", "maks ms"]);
    let mut semua = Vec::new();
    for (nama, ms) in &c.ms {
        semua.extend_from_slice(ms);
        if let Some(r) = ringkas(ms.clone()) {
            t.baris(vec![
                nama.clone(),
                r.n.to_string(),
                format!("{:.1}", r.median),
                format!("{:.1}", r.p95),
                format!("{:.1}", r.maks),
            ]);
        }
    }
    if let Some(r) = ringkas(semua) {
        t.baris(vec![
            "semua".into(),
            r.n.to_string(),
            format!("{:.1}", r.median),
            format!("{:.1}", r.p95),
            format!("{:.1}", r.maks),
        ]);
        println!(
            "HASIL beban permintaan={} per_detik={:.1} p95_ms={:.2} galat={}",
            r.n,
            r.n as f64 / s.detik.max(1) as f64,
            r.p95,
            c.galat.values().sum::<u64>()
        );
    }
    t.cetak();
    for (g, n) in &c.galat {
        println!("GALAT {n}x {g}");
    }
    if !memori.is_empty() {
        // Growth after warm-up: the first minute fills caches and connection pools.
        let awal = memori
            .iter()
            .find(|(d, _)| *d >= 60)
            .or(memori.first())
            .map_or(0, |m| m.1);
        let akhir = memori.last().map_or(0, |m| m.1);
        let maks = memori.iter().map(|m| m.1).max().unwrap_or(0);
        println!(
            "HASIL memori rss_awal_mb={:.1} rss_akhir_mb={:.1} rss_maks_mb={:.1} tumbuh_mb={:.1}",
            awal as f64 / 1024.0,
            akhir as f64 / 1024.0,
            maks as f64 / 1024.0,
            (akhir as f64 - awal as f64) / 1024.0
        );
        let jejak: Vec<String> = memori
            .iter()
            .map(|(d, kb)| format!("{d}s:{:.0}", *kb as f64 / 1024.0))
            .collect();
        println!("memori (MB): {}", jejak.join(" "));
    }
    if c.galat.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} permintaan gagal",
            c.galat.values().sum::<u64>()
        ))
    }
}
