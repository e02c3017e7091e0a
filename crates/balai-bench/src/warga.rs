//! Resident portal benchmarks over real HTTP: the weight of each portal page as a phone first
//! loads it (HTML plus the style sheet, script, manifest and icon it links), against the 60 KB
//! target, and the latency of a NIK + PIN login (argon2id included).

use crate::ukur::ringkas;
use balai_domain::KodeDesa;
use balai_store::demo::generate::DemoPlan;
use balai_store::penduduk::{HIDUP, Penduduk, SaringPenduduk};
use balai_store::pengaduan::PengaduanBaru;
use balai_store::surat::Permohonan;
use balai_store::{Aktor, Store};
use std::collections::BTreeMap;
use std::time::Instant;

/// Page weight target of the issue (bytes transferred on first view).
const TARGET_BYTE: usize = 60 * 1024;
const PIN: &str = "583920";

/// Assets a portal page links; a first view downloads each once.
const ASET: &[&str] = &[
    "/aset/warga.css",
    "/warga/portal.js",
    "/warga/manifest.webmanifest",
    "/warga/ikon.svg",
];

async fn siapkan(
    store: &Store,
    desa: &KodeDesa,
    hari: chrono::NaiveDate,
) -> Result<(String, uuid::Uuid), String> {
    let desa_id = desa.as_str();
    let e = |e: balai_store::Galat| e.to_string();
    if store.desa(desa_id).await.map_err(e)?.is_none() {
        store
            .isi_demo(
                &DemoPlan {
                    desa: desa.clone(),
                    penduduk: 500,
                    seed: 7,
                    hari_ini: hari,
                },
                &Aktor::sistem(),
            )
            .await
            .map_err(e)?;
    }
    let p = warga_ber_pin(store, desa_id, hari, PIN).await?;
    // A letter and a complaint, so the lists are not empty.
    let id = store
        .ajukan_surat(
            desa_id,
            &Permohonan {
                jenis_kode: "keterangan_penduduk".into(),
                penduduk_id: p.id,
                isian: BTreeMap::from([("keperluan".into(), "Melamar pekerjaan".into())]),
                kanal: "portal".into(),
                ..Default::default()
            },
            &Aktor::warga(p.id),
        )
        .await
        .map_err(e)?;
    store
        .ajukan_pengaduan(
            desa_id,
            &PengaduanBaru {
                penduduk_id: Some(p.id),
                nama_pelapor: p.nama.clone(),
                kategori: "infrastruktur".into(),
                judul: "Lampu jalan RT 02 mati".into(),
                isi: "Lampu jalan di depan mushola mati sejak seminggu yang lalu.".into(),
                kanal: "portal".into(),
                ..Default::default()
            },
            &Aktor::warga(p.id),
        )
        .await
        .map_err(e)?;
    Ok((p.nik, id))
}

/// A living adult with a family and a portal PIN of `pin` (the slip's PIN replaced by the
/// resident's own, as on a first login).
pub async fn warga_ber_pin(
    store: &Store,
    desa_id: &str,
    hari: chrono::NaiveDate,
    pin: &str,
) -> Result<Penduduk, String> {
    let e = |e: balai_store::Galat| e.to_string();
    let daftar = store
        .daftar_penduduk(
            desa_id,
            &SaringPenduduk {
                status_dasar: Some(HIDUP),
                umur_min: Some(25),
                batas: Some(100),
                ..Default::default()
            },
            hari,
        )
        .await
        .map_err(e)?;
    for r in daftar.isi {
        let p = store
            .penduduk(desa_id, r.id)
            .await
            .map_err(e)?
            .ok_or("hilang")?;
        if p.keluarga_id.is_none() {
            continue;
        }
        store
            .terbitkan_pin(desa_id, p.id, &Aktor::sistem())
            .await
            .map_err(e)?;
        store
            .ganti_pin_warga(desa_id, p.id, None, pin, pin, None)
            .await
            .map_err(e)?;
        return Ok(p);
    }
    Err("tidak ada penduduk dengan KK untuk masuk portal".into())
}

pub async fn jalankan(
    store: &Store,
    desa: &KodeDesa,
    hari: chrono::NaiveDate,
    masuk_kali: usize,
) -> Result<(), String> {
    let (nik, surat_id) = siapkan(store, desa, hari).await?;
    let (dasar, henti) = crate::ukur::server(store).await?;

    // 1. Login latency: each login a fresh client (a phone opening the portal).
    let mut ms = Vec::with_capacity(masuk_kali);
    for _ in 0..masuk_kali {
        let c = klien()?;
        let t = Instant::now();
        let r = c
            .post(format!("{dasar}/warga/masuk"))
            .form(&[("nik", nik.as_str()), ("pin", PIN)])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if r.status() != reqwest::StatusCode::SEE_OTHER {
            return Err(format!("login gagal: {}", r.status()));
        }
    }
    let r = ringkas(ms).ok_or("tidak ada pengukuran")?;
    println!(
        "login portal (NIK + PIN, argon2id): {} kali, median {:.1} ms, p95 {:.1} ms, maks {:.1} ms",
        r.n, r.median, r.p95, r.maks
    );
    println!(
        "HASIL warga_login n={} median_ms={:.2} p95_ms={:.2} maks_ms={:.2}",
        r.n, r.median, r.p95, r.maks
    );

    // 2. Page weight of a first view.
    let c = klien()?;
    c.post(format!("{dasar}/warga/masuk"))
        .form(&[("nik", nik.as_str()), ("pin", PIN)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let mut aset = 0;
    for a in ASET {
        aset += unduh(&c, &format!("{dasar}{a}")).await?;
    }
    let halaman = [
        ("/warga", "/warga".to_string()),
        ("/warga/surat", "/warga/surat".into()),
        ("/warga/surat/baru", "/warga/surat/baru".into()),
        (
            "/warga/surat/baru/{jenis}",
            "/warga/surat/baru/keterangan_penduduk".into(),
        ),
        ("/warga/surat/{id}", format!("/warga/surat/{surat_id}")),
        ("/warga/pengaduan", "/warga/pengaduan".into()),
        ("/warga/pengaduan/baru", "/warga/pengaduan/baru".into()),
        ("/warga/data", "/warga/data".into()),
        ("/warga/akses", "/warga/akses".into()),
        ("/warga/notifikasi", "/warga/notifikasi".into()),
    ];
    println!(
        "{:<42} {:>8} {:>10} {:>8}",
        "halaman", "HTML", "+ aset", "target"
    );
    let tamu = unduh(&klien()?, &format!("{dasar}/warga/masuk")).await?;
    let mut terberat = ("/warga/masuk".to_string(), tamu + aset);
    let cetak = |nama: &str, html: usize| {
        let total = html + aset;
        println!(
            "{:<42} {:>7.1}K {:>9.1}K {:>8}",
            nama,
            html as f64 / 1024.0,
            total as f64 / 1024.0,
            if total <= TARGET_BYTE { "ok" } else { "LEWAT" }
        );
        total
    };
    cetak("/warga/masuk (belum masuk)", tamu);
    for (nama, jalur) in &halaman {
        let html = unduh(&c, &format!("{dasar}{jalur}")).await?;
        let total = cetak(nama, html);
        if total > terberat.1 {
            terberat = (nama.to_string(), total);
        }
    }
    println!(
        "HASIL warga_halaman terberat={} byte={} aset_byte={aset} target_byte={TARGET_BYTE}",
        terberat.0, terberat.1
    );
    let _ = henti.send(());
    Ok(())
}

fn klien() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())
}

/// Bytes of a response body; an error for anything but 200.
async fn unduh(c: &reqwest::Client, url: &str) -> Result<usize, String> {
    let r = c.get(url).send().await.map_err(|e| e.to_string())?;
    if r.status() != reqwest::StatusCode::OK {
        return Err(format!("{url}: {}", r.status()));
    }
    Ok(r.bytes().await.map_err(|e| e.to_string())?.len())
}
