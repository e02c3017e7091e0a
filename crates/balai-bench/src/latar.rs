//! A page's latency while heavy downloads run: five clients keep pulling the letter agenda as
//! PDF and the family register as XLSX (typst and spreadsheet writing on the bounded pool for
//! heavy work) while one client times the resident list page. Issue 20's target: p95 under
//! 50 ms on the page while five reports render.

use crate::ukur::{SANDI, masuk, ringkas};
use balai_store::Store;
use balai_store::pengguna::Peran;
use std::time::{Duration, Instant};

/// Times `n` requests of `url`, one after another, in milliseconds.
async fn waktu_halaman(c: &reqwest::Client, url: &str, n: usize) -> Result<Vec<f64>, String> {
    let mut ms = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let r = c.get(url).send().await.map_err(|e| e.to_string())?;
        if !r.status().is_success() {
            return Err(format!("{url}: {}", r.status()));
        }
        r.bytes().await.map_err(|e| e.to_string())?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(ms)
}

pub async fn jalankan(store: &Store, desa_id: &str, n: usize) -> Result<(), String> {
    crate::ukur::akun(store, "tolok-ukur", Peran::Admin, desa_id).await?;
    let (url, henti) = crate::ukur::server(store).await?;
    let c = masuk(&url, "tolok-ukur", SANDI).await?;
    let halaman = format!("{url}/desa/{desa_id}/penduduk");
    waktu_halaman(&c, &halaman, 10).await?;
    let tenang = ringkas(waktu_halaman(&c, &halaman, n).await?).ok_or("tanpa hasil")?;

    let berat = [
        format!("{url}/desa/{desa_id}/surat/agenda?format=pdf&dari=01-01-2000&sampai=31-12-2099"),
        format!("{url}/desa/{desa_id}/ekspor/keluarga?format=xlsx"),
    ];
    let jalan = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut pemberat = tokio::task::JoinSet::new();
    for i in 0..5 {
        let (c, u, jalan) = (c.clone(), berat[i % 2].clone(), jalan.clone());
        pemberat.spawn(async move {
            let mut unduh = 0usize;
            while jalan.load(std::sync::atomic::Ordering::Relaxed) {
                let r = c.get(&u).send().await.map_err(|e| e.to_string())?;
                if !r.status().is_success() {
                    return Err(format!("{u}: {}", r.status()));
                }
                r.bytes().await.map_err(|e| e.to_string())?;
                unduh += 1;
            }
            Ok::<_, String>(unduh)
        });
    }
    // Let the five get going before timing.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sibuk = ringkas(waktu_halaman(&c, &halaman, n).await?).ok_or("tanpa hasil")?;
    jalan.store(false, std::sync::atomic::Ordering::Relaxed);
    let mut unduh = 0;
    while let Some(h) = pemberat.join_next().await {
        unduh += h.map_err(|e| e.to_string())??;
    }
    let _ = henti.send(());
    println!(
        "daftar penduduk: p95 {:.1} ms tenang, {:.1} ms selama 5 unduhan berat ({} unduhan PDF/XLSX selesai)",
        tenang.p95, sibuk.p95, unduh
    );
    println!(
        "HASIL latar n={n} p95_tenang_ms={:.1} median_tenang_ms={:.1} p95_sibuk_ms={:.1} median_sibuk_ms={:.1} unduhan={unduh}",
        tenang.p95, tenang.median, sibuk.p95, sibuk.median
    );
    Ok(())
}
