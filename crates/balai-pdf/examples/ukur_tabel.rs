//! Times one wide register table (the 16 columns of book B.1) typeset to PDF:
//! `cargo run --release -p balai-pdf --example ukur_tabel -- [rows] [out.pdf]`.
//! Figures are in docs/benchmarks.md.

use balai_pdf::{Kertas, Mesin, Tabel};
fn main() {
    let kolom: Vec<&str> = vec![
        "NOMOR URUT",
        "NAMA LENGKAP / PANGGILAN",
        "JENIS KELAMIN",
        "STATUS PERKAWINAN",
        "TEMPAT & TANGGAL LAHIR > TEMPAT LAHIR",
        "TEMPAT & TANGGAL LAHIR > TGL",
        "AGAMA",
        "PENDIDIKAN TERAKHIR",
        "PEKERJAAN",
        "DAPAT MEMBACA HURUF",
        "KEWARGANEGARAAN",
        "ALAMAT LENGKAP",
        "KEDUDUKAN DLM KELUARGA",
        "NIK",
        "NOMOR KK",
        "KET",
    ];
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(10000);
    let baris: Vec<Vec<String>> = (0..n)
        .map(|i| {
            vec![
                (i + 1).to_string(),
                format!("WARGA NOMOR {i}"),
                "L".into(),
                "KAWIN".into(),
                "BATANG".into(),
                "12-03-1980".into(),
                "ISLAM".into(),
                "SLTA/SEDERAJAT".into(),
                "PETANI/PEKEBUN".into(),
                "L/D".into(),
                "WNI".into(),
                format!("DUSUN KRAJAN RT 00{}/RW 002", i % 9),
                "KEPALA KELUARGA".into(),
                format!("33250812038{:05}", i),
                format!("33250820010{:05}", i / 4),
                "".into(),
            ]
        })
        .collect();
    let m = Mesin::baru();
    let t = Tabel {
        judul: "BUKU INDUK PENDUDUK",
        subjudul: "",
        kolom: &kolom,
        baris: &baris,
        kertas: Kertas::F4,
        kop: &[],
        tanda_tangan: &[],
        nomor_kolom: true,
    };
    let a = std::time::Instant::now();
    let pdf = m.render_tabel(&t).unwrap();
    eprintln!("{n} rows: {:?}, {} bytes", a.elapsed(), pdf.len());
    if let Some(p) = std::env::args().nth(2) {
        std::fs::write(p, &pdf).unwrap();
    }
}
