//! The population books at village scale (issue 24): a demo village of 10,000 residents with a
//! year of births, deaths and moves; then B.1 (the resident register) and B.3 (the monthly recap
//! by dusun) as pages over HTTP, and their PDFs. Targets: page p95 under 100 ms, PDF under 1 s.

use crate::bantuan::waktu_halaman;
use crate::ukur::{Rencana, SANDI, Tabel, masuk, ringkas};
use balai_domain::KodeDesa;
use balai_store::demo::generate::DemoPlan;
use balai_store::pengguna::Peran;
use balai_store::{Aktor, Store};
use chrono::Datelike;

const PENGGUNA: &str = "tolok-ukur-buku";

pub async fn jalankan(
    store: &Store,
    desa: &KodeDesa,
    penduduk: usize,
    r: Rencana,
) -> Result<(), String> {
    let e = |x: balai_store::Galat| x.to_string();
    let d = desa.as_str();
    let hari_ini = store.hari_ini(balai_domain::ZonaWaktu::Wib);
    if store.desa(d).await.map_err(e)?.is_none() {
        let plan = DemoPlan {
            desa: desa.clone(),
            penduduk,
            seed: 24,
            hari_ini,
        };
        let t = std::time::Instant::now();
        let h = store.isi_demo(&plan, &Aktor::sistem()).await.map_err(e)?;
        println!(
            "desa {d}: {} penduduk, {} peristiwa setahun, diisi dalam {:.1} s",
            h.penduduk,
            h.peristiwa,
            t.elapsed().as_secs_f64()
        );
    }
    crate::ukur::akun(store, PENGGUNA, Peran::Operator, d).await?;
    let (url, henti) = crate::ukur::server(store).await?;
    let c = masuk(&url, PENGGUNA, SANDI).await?;
    let (tahun, bulan) = (hari_ini.year(), hari_ini.month());
    let uji = [
        (
            "b1_halaman",
            "B.1 halaman (setahun)",
            format!("{url}/desa/{d}/buku/B.1?tahun={tahun}"),
            r.runs,
        ),
        (
            "b3_halaman",
            "B.3 halaman (sebulan)",
            format!("{url}/desa/{d}/buku/B.3?tahun={tahun}&bulan={bulan}"),
            r.runs,
        ),
        (
            "b3_pdf",
            "B.3 PDF (sebulan)",
            format!("{url}/desa/{d}/buku/B.3?tahun={tahun}&bulan={bulan}&format=pdf"),
            r.runs.min(10),
        ),
        (
            "b1_pdf",
            "B.1 PDF (setahun, semua penduduk)",
            format!("{url}/desa/{d}/buku/B.1?tahun={tahun}&format=pdf"),
            r.runs.min(3),
        ),
        (
            "b1_xlsx",
            "B.1 XLSX (setahun, semua penduduk)",
            format!("{url}/desa/{d}/buku/B.1?tahun={tahun}&format=xlsx"),
            r.runs.min(3),
        ),
    ];
    let mut tabel = Tabel::baru(&["pengukuran", "n", "median ms", "p95 ms", "min ms", "ukuran"]);
    for (kunci, label, u, n) in uji {
        let (ms, ukuran) = waktu_halaman(&c, &u, r.warmup.min(1), n.max(1)).await?;
        let rk = ringkas(ms).ok_or("tanpa hasil")?;
        tabel.baris(vec![
            label.to_string(),
            rk.n.to_string(),
            format!("{:.1}", rk.median),
            format!("{:.1}", rk.p95),
            format!("{:.1}", rk.min),
            format!("{:.0} KB", ukuran as f64 / 1024.0),
        ]);
        println!(
            "HASIL buku_{kunci} n={} median_ms={:.1} p95_ms={:.1} kb={:.0}",
            rk.n,
            rk.median,
            rk.p95,
            ukuran as f64 / 1024.0
        );
    }
    let _ = henti.send(());
    tabel.cetak();
    Ok(())
}
