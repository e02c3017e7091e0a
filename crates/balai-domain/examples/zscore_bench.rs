//! Times 100,000 z-score computations (all four indicators each):
//! `cargo run --release -p balai-domain --example zscore_bench`.

use balai_domain::kesehatan::zscore::{CaraUkur, Kelamin, Pengukuran, Umur, hitung_semua};
use std::time::Instant;

fn main() {
    let n = 100_000u32;
    let ukur: Vec<Pengukuran> = (0..n)
        .map(|i| {
            let hari = i % 1827;
            let bulan = hari as f64 / 30.4375;
            Pengukuran {
                kelamin: if i % 2 == 0 { Kelamin::L } else { Kelamin::P },
                umur: Umur::Hari(hari),
                berat_kg: Some(3.3 + bulan * 0.25 + (i % 7) as f64 * 0.1),
                panjang_cm: Some(50.0 + bulan * 1.0 + (i % 5) as f64 * 0.13),
                cara_ukur: Some(if hari < 731 {
                    CaraUkur::Berbaring
                } else {
                    CaraUkur::Berdiri
                }),
            }
        })
        .collect();
    // Parse the tables before timing.
    let _ = hitung_semua(&ukur[0]);
    let mulai = Instant::now();
    let mut ok = 0usize;
    for p in &ukur {
        ok += hitung_semua(p).iter().filter(|(_, r)| r.is_ok()).count();
    }
    let lama = mulai.elapsed();
    println!(
        "{n} measurements × 4 indicators: {lama:?} ({ok} z-scores, {} refused)",
        n as usize * 4 - ok
    );
}
