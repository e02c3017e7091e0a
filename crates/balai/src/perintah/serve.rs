//! `balai serve`: the web app, with graceful shutdown and optional daily backups.

use super::{Hasil, buka};
use crate::konfigurasi::Konfigurasi;
use std::process::ExitCode;

pub fn pasang_log(k: &Konfigurasi) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BALAI_LOG_LEVEL")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // Logs on stderr (stdout is the CLI's output), colours only on a terminal.
    let b = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = if k.log == "json" {
        b.json().try_init()
    } else {
        b.try_init()
    };
}

async fn tunggu_berhenti() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("berhenti: menyelesaikan permintaan yang sedang berjalan");
}

pub async fn serve(
    k: &Konfigurasi,
    listen: Option<String>,
    demo: bool,
    demo_tanpa_keuangan: bool,
) -> Hasil {
    if k.cookie_aman && k.url_publik.trim().is_empty() {
        // Links in feeds, QR codes and messages would otherwise come from the Host header.
        return Err(
            "url_publik wajib diisi untuk instalasi publik (cookie_aman = true), \
             misalnya url_publik = \"https://balai.batangkab.go.id\" di balai.toml \
             atau BALAI_URL_PUBLIK."
                .into(),
        );
    }
    let store = buka(k).await?;
    if crate::kunci::jalur(k, &k.berkas_kunci_induk, crate::kunci::INDUK).is_none() {
        tracing::warn!(
            "kunci tanda tangan desa disimpan TANPA enkripsi: atur berkas_kunci_induk di balai.toml (lihat docs/pemasangan.md)"
        );
    }
    if demo {
        super::demo::demo_bila_kosong(&store, demo_tanpa_keuangan).await?;
    }
    let alamat = listen.unwrap_or_else(|| k.listen.clone());
    let listener = tokio::net::TcpListener::bind(&alamat)
        .await
        .map_err(|e| format!("tidak dapat mendengarkan di {alamat}: {e}"))?;
    let lokal = listener
        .local_addr()
        .map_err(|e| format!("alamat tidak terbaca: {e}"))?;
    if !lokal.ip().is_loopback() && !k.cookie_aman && !k.proxy_tepercaya {
        // Passwords, PINs and session cookies would cross the office network in clear.
        tracing::warn!(
            "Balai melayani jaringan ({lokal}) tanpa HTTPS: kata sandi, PIN dan sesi terkirim tanpa enkripsi. Pasang proxy HTTPS di depannya dan atur cookie_aman = true (lihat docs/pemasangan.md §5)"
        );
    }
    // The first start of this version after an upgrade: the admin's start page says what changed.
    store
        .catat_versi_program(balai_web::VERSI)
        .await
        .map_err(super::pesan)?;
    let cadangan_galat = super::cadangan::jadwalkan_harian(k, store.clone());
    // A fresh install is set up in the browser, by whoever can read this console or journal.
    let kode_penyiapan = if store.perlu_penyiapan().await.map_err(super::pesan)? {
        let kode = balai_web::kode_penyiapan_baru();
        tracing::warn!("belum ada akun: buka /penyiapan dengan kode penyiapan {kode}");
        Some(kode)
    } else {
        None
    };
    println!(
        "Balai berjalan di http://{lokal}  (basis data: {})",
        store.db.nama_backend()
    );
    if let Some(kode) = &kode_penyiapan {
        println!(
            "Penyiapan pertama: buka http://{lokal}/penyiapan di peramban dan masukkan kode penyiapan {kode}"
        );
    }
    println!("Tekan Ctrl+C untuk berhenti.");
    segel_di_latar(store.clone());
    let sinkron_sekarang = std::sync::Arc::new(tokio::sync::Notify::new());
    if store
        .sinkron()
        .tujuan()
        .await
        .map_err(super::pesan)?
        .is_some()
    {
        super::sinkron::jadwalkan(store.clone(), k.sinkron_menit, sinkron_sekarang.clone());
        println!(
            "Simpul desa: sinkron dengan server kabupaten tiap {} menit.",
            k.sinkron_menit
        );
    }
    let setelan = balai_web::Setelan {
        cookie_aman: k.cookie_aman,
        proxy_tepercaya: k.proxy_tepercaya,
        url_publik: k.url_publik.clone(),
        batas_verifikasi_per_menit: k.batas_verifikasi_per_menit,
        batas_api_per_menit: Some(k.batas_api_per_menit),
        sesi_diam_menit: k.sesi_diam_menit,
        batas_kepala_detik: k.batas_kepala_detik,
        cadangan_folder: k.cadangan.folder.clone(),
        cadangan_galat,
        sinkron_sekarang,
        // This same binary renders letters in worker processes (`balai pekerja-pdf`).
        pekerja_pdf: std::env::current_exe().ok(),
        kode_penyiapan,
        latihan_folder: crate::kunci::jalur(k, &k.latihan_folder, "latihan"),
        pengisi_latihan: Some(super::demo::pengisi_latihan()),
    };
    balai_web::jalankan(store.clone(), &setelan, listener, tunggu_berhenti())
        .await
        .map_err(|e| format!("server berhenti karena galat: {e}"))?;
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Seals the sync log in the background, a chunk at a time, so that requests (a village's
/// exchange, an agency's feed) never wait on a backlog such as a large import leaves.
fn segel_di_latar(store: balai_store::Store) {
    tokio::spawn(async move {
        loop {
            match store.sinkron().segel().await {
                Ok(n) if n > 0 => tokio::task::yield_now().await,
                Ok(_) => tokio::time::sleep(std::time::Duration::from_secs(5)).await,
                Err(e) => {
                    tracing::warn!(galat = %e, "penyegelan log sinkron gagal; dicoba lagi");
                    tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                }
            }
        }
    });
}
