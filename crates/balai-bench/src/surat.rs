//! Letter benchmarks: PDF render time and size, issuing letters from concurrent clients with a
//! check of the numbering, and verification page requests per second over real HTTP.

use crate::ukur::{Rencana, ringkas};
use balai_domain::KodeDesa;
use balai_store::demo::generate::DemoPlan;
use balai_store::penduduk::{HIDUP, SaringPenduduk};
use balai_store::surat::{BahanCetak, Penandatangan, Permohonan, TerbitkanSurat};
use balai_store::{Aktor, Store};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn penanda() -> Penandatangan {
    Penandatangan {
        nama: "SUTRISNO".into(),
        jabatan: "Kepala Desa".into(),
        atas_nama: String::new(),
    }
}

/// A 300×300 crest-like logo: flat colours, a shaded ring and fine stripes, about the size of a
/// real village logo as a PNG (20–30 KB).
fn logo_contoh() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(300, 300, |x, y| {
        let (dx, dy) = (x as f64 - 150.0, y as f64 - 150.0);
        let r = (dx * dx + dy * dy).sqrt();
        if r > 148.0 {
            image::Rgba([255, 255, 255, 0])
        } else if r > 128.0 {
            let t = ((dy.atan2(dx) + std::f64::consts::PI) * 40.0) as u8;
            image::Rgba([200u8.saturating_sub(t / 4), 160, 20, 255])
        } else if r > 120.0 {
            image::Rgba([20, 60, 120, 255])
        } else if (y / 6) % 2 == 0 && y > 160 {
            image::Rgba([30, 110, 60, 255])
        } else if dy < 0.0 && dx.abs() < 40.0 - dy / 3.0 {
            image::Rgba([190, 30, 30, 255])
        } else {
            image::Rgba([240, 240, 230, 255])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG encodes in memory");
    out.into_inner()
}

async fn penduduk_hidup(
    store: &Store,
    desa: &str,
    hari: chrono::NaiveDate,
) -> Result<Vec<uuid::Uuid>, String> {
    let h = store
        .daftar_penduduk(
            desa,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                batas: Some(200),
                ..Default::default()
            },
            hari,
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(h.isi.into_iter().map(|p| p.id).collect())
}

fn domisili(pid: uuid::Uuid) -> Permohonan {
    Permohonan {
        jenis_kode: "keterangan_domisili".into(),
        penduduk_id: pid,
        isian: BTreeMap::from([("keperluan".into(), "Persyaratan melamar pekerjaan".into())]),
        kanal: "loket".into(),
        langsung_diperiksa: true,
        ..Default::default()
    }
}

pub async fn jalankan(
    store: &Store,
    desa: &KodeDesa,
    hari: chrono::NaiveDate,
    r: Rencana,
    jumlah: usize,
    klien: usize,
    detik_verifikasi: f64,
) -> Result<(), String> {
    let desa_id = desa.as_str().to_string();
    let aktor = Aktor::sistem();
    if store
        .desa(&desa_id)
        .await
        .map_err(|e| e.to_string())?
        .is_none()
    {
        store
            .isi_demo(
                &DemoPlan {
                    desa: desa.clone(),
                    penduduk: 500,
                    seed: 7,
                    hari_ini: hari,
                },
                &aktor,
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    store
        .simpan_logo_desa(&desa_id, &logo_contoh(), &aktor)
        .await
        .map_err(|e| e.to_string())?;
    let orang = penduduk_hidup(store, &desa_id, hari).await?;
    if orang.is_empty() {
        return Err(format!("desa {desa_id} tidak mempunyai penduduk hidup"));
    }
    let mesin = Arc::new(balai_pdf::Mesin::baru());
    let t = TerbitkanSurat {
        penanda: penanda(),
        url_dasar: "https://desa.contoh",
        versi: None,
    };

    // 1. Render time and size of one letter (with the logo), warm.
    let id = store
        .ajukan_surat(&desa_id, &domisili(orang[0]), &aktor)
        .await
        .map_err(|e| e.to_string())?;
    let simpan = Arc::new(std::sync::Mutex::new(None::<BahanCetak>));
    store
        .terbitkan_surat(&desa_id, id, &t, &aktor, {
            let mesin = mesin.clone();
            let simpan = simpan.clone();
            move |b| {
                if let Ok(mut s) = simpan.lock() {
                    *s = Some(b.clone());
                }
                balai_web::render_surat(&mesin, b)
            }
        })
        .await
        .map_err(|e| e.to_string())?;
    let bahan = simpan
        .lock()
        .ok()
        .and_then(|mut s| s.take())
        .ok_or("tidak ada bahan cetak")?;
    for _ in 0..r.warmup {
        balai_web::render_surat(&mesin, &bahan)?;
    }
    let mut ms = Vec::new();
    let mut ukuran = 0;
    let mulai = Instant::now();
    while ms.len() < r.runs.max(1) {
        let t0 = Instant::now();
        ukuran = balai_web::render_surat(&mesin, &bahan)?.len();
        ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        if r.anggaran
            .is_some_and(|a| mulai.elapsed() > a && ms.len() >= 20)
        {
            break;
        }
    }
    let rk = ringkas(ms).ok_or("tidak ada pengukuran")?;
    println!(
        "render PDF surat (dengan logo {} KB): median {:.1} ms, p95 {:.1} ms, {} kali; ukuran {:.1} KB",
        bahan.logo.as_ref().map(|l| l.len() / 1024).unwrap_or(0),
        rk.median,
        rk.p95,
        rk.n,
        ukuran as f64 / 1024.0
    );
    println!(
        "HASIL surat_render n={} median_ms={:.2} p95_ms={:.2} ukuran_kb={:.1}",
        rk.n,
        rk.median,
        rk.p95,
        ukuran as f64 / 1024.0
    );

    // 2. Issue `jumlah` letters from `klien` concurrent clients, then check the numbers.
    let mut ids = Vec::with_capacity(jumlah);
    for i in 0..jumlah {
        ids.push(
            store
                .ajukan_surat(&desa_id, &domisili(orang[i % orang.len()]), &aktor)
                .await
                .map_err(|e| e.to_string())?,
        );
    }
    let antrean = Arc::new(std::sync::Mutex::new(ids));
    let mulai = Instant::now();
    let mut tugas = tokio::task::JoinSet::new();
    for _ in 0..klien.max(1) {
        let store = store.clone();
        let mesin = mesin.clone();
        let antrean = antrean.clone();
        let desa_id = desa_id.clone();
        tugas.spawn(async move {
            let t = TerbitkanSurat {
                penanda: penanda(),
                url_dasar: "https://desa.contoh",
                versi: None,
            };
            let mut nomor = Vec::new();
            while let Some(id) = antrean.lock().ok().and_then(|mut a| a.pop()) {
                let s = store
                    .terbitkan_surat(&desa_id, id, &t, &Aktor::sistem(), {
                        let mesin = mesin.clone();
                        move |b| balai_web::render_surat(&mesin, b)
                    })
                    .await
                    .map_err(|e| e.to_string())?;
                nomor.push(s.nomor_urut.unwrap_or_default());
            }
            Ok::<_, String>(nomor)
        });
    }
    let mut nomor = Vec::new();
    while let Some(h) = tugas.join_next().await {
        nomor.extend(h.map_err(|e| e.to_string())??);
    }
    let detik = mulai.elapsed().as_secs_f64();
    nomor.sort();
    // The first letter above took number 1 of this type and year (or the run continues an
    // earlier one): the issued numbers must be one unbroken run with no repeats.
    let awal = nomor.first().copied().unwrap_or(0);
    let salah = nomor
        .iter()
        .enumerate()
        .filter(|(i, n)| **n != awal + *i as i64)
        .count();
    println!(
        "terbitkan {} surat dari {} klien: {:.1} s, {:.1} surat/detik, kesalahan penomoran {}",
        nomor.len(),
        klien,
        detik,
        nomor.len() as f64 / detik,
        salah
    );
    println!(
        "HASIL surat_terbit n={} klien={} detik={:.3} per_detik={:.1} salah_nomor={}",
        nomor.len(),
        klien,
        detik,
        nomor.len() as f64 / detik,
        salah
    );

    // 3. Verification page over real HTTP, `klien` concurrent connections.
    let token = store
        .surat(&desa_id, id)
        .await
        .map_err(|e| e.to_string())?
        .and_then(|s| s.token)
        .ok_or("surat tanpa token")?;
    let (dasar, henti) = crate::ukur::server(store).await?;
    let url = format!("{dasar}/v/{token}");
    let c = reqwest::Client::new();
    let batas = Duration::from_secs_f64(detik_verifikasi);
    let mulai = Instant::now();
    let mut tugas = tokio::task::JoinSet::new();
    for _ in 0..klien.max(1) {
        let c = c.clone();
        let url = url.clone();
        tugas.spawn(async move {
            let mut n = 0usize;
            while mulai.elapsed() < batas {
                let r = c.get(&url).send().await.map_err(|e| e.to_string())?;
                let teks = r.text().await.map_err(|e| e.to_string())?;
                if !teks.contains("ASLI") {
                    return Err("halaman verifikasi tidak menyatakan ASLI".to_string());
                }
                n += 1;
            }
            Ok::<_, String>(n)
        });
    }
    let mut total = 0;
    while let Some(h) = tugas.join_next().await {
        total += h.map_err(|e| e.to_string())??;
    }
    let detik = mulai.elapsed().as_secs_f64();
    let _ = henti.send(());
    println!(
        "halaman verifikasi: {total} permintaan dalam {detik:.1} s dari {klien} koneksi = {:.0} permintaan/detik",
        total as f64 / detik
    );
    println!(
        "HASIL surat_verifikasi permintaan={total} detik={detik:.3} per_detik={:.1} klien={klien}",
        total as f64 / detik
    );
    Ok(())
}
