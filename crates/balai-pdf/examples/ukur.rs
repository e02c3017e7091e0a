//! Measures warm render time of one letter: `cargo run --release -p balai-pdf --example ukur`.
//! Prints p50/p95 over 200 renders and the PDF size (with a 20 KB logo if `LOGO=path`).

use std::time::{Duration, Instant};

use balai_pdf::{Dokumen, Kertas, Mesin, contoh_data};

const BADAN: &str = "Yang bertanda tangan di bawah ini menerangkan bahwa:

#biodata(data.p)

benar-benar berdomisili di Desa #data.desa.nama, Kecamatan #data.desa.kecamatan. Surat \
keterangan ini dibuat untuk keperluan #data.isian.keperluan.

#if orang(\"pelapor\") != none [
  Surat ini dimohonkan oleh:
  #biodata(orang(\"pelapor\"))
]

Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.
";

fn main() {
    let mulai = Instant::now();
    let mesin = Mesin::baru();
    let bangun = mulai.elapsed();

    let logo = std::env::var_os("LOGO").map(|p| std::fs::read(p).expect("read LOGO"));
    let data = contoh_data();
    let dok = Dokumen {
        badan: BADAN,
        data: &data,
        logo: logo.as_deref(),
        qr: Some("https://donorejo.desa.id/v/3f9c2a7b1e8d4c6a"),
        kertas: Kertas::F4,
        tanda_air: None,
    };

    let mulai = Instant::now();
    let pertama = mesin.render(&dok).expect("render");
    let dingin = mulai.elapsed();

    // The same letter again (typst's memo cache answers most of it) ...
    let sama = ukur(|_| {
        std::hint::black_box(mesin.render(&dok).expect("render"));
    });
    // ... and a different resident and number each time, as in real use.
    let beda = ukur(|i| {
        let mut data = data.clone();
        data["p"]["nama"] = format!("PENDUDUK NOMOR {i}").into();
        data["surat"]["nomor"] = format!("400.12.2.2/{i:04}/2004/XI/2026").into();
        let dok = Dokumen { data: &data, ..dok };
        std::hint::black_box(mesin.render(&dok).expect("render"));
    });
    println!("Mesin::baru: {bangun:.2?}");
    println!("first render (cold): {dingin:.2?}");
    println!("warm render x200, same letter:   {sama}");
    println!("warm render x200, varying data:  {beda}");
    println!(
        "PDF size: {} bytes (logo: {} bytes)",
        pertama.len(),
        logo.as_ref().map_or(0, Vec::len)
    );
}

/// Runs `f` 200 times and formats p50/p95/max.
fn ukur(mut f: impl FnMut(usize)) -> String {
    let mut waktu: Vec<Duration> = (0..200)
        .map(|i| {
            let mulai = Instant::now();
            f(i);
            mulai.elapsed()
        })
        .collect();
    waktu.sort();
    let p = |q: f64| waktu[((waktu.len() - 1) as f64 * q).round() as usize];
    format!(
        "p50 {:.2?}, p95 {:.2?}, max {:.2?}",
        p(0.5),
        p(0.95),
        p(1.0)
    )
}
