//! The notification sender: claims due messages from the outbox, sends them through the
//! village's channel settings (`balai-kirim`) and records each outcome. It wakes when something
//! is queued (the store's bell) and every 30 seconds for retries.
//!
//! Its logs carry message ids, channels and kinds of failure only: never an address, a message
//! text or a gateway's reply (those go to the delivery log the village admin sees).

use balai_kirim::{GalatKirim, Kanal, Setelan};
use balai_store::notifikasi::PesanKeluar;
use balai_store::{Galat, Store};
use std::collections::HashMap;
use std::time::Duration;

/// Messages claimed and sent together (concurrently) per round.
const PER_PUTARAN: i64 = 10;
/// The longest sleep between rounds.
const JEDA: Duration = Duration::from_secs(30);

/// Runs for ever (the caller aborts the task on shutdown).
pub async fn jalankan(store: Store) {
    let lonceng = store.lonceng_kurir();
    loop {
        if let Err(e) = kirim_yang_jatuh_tempo(&store).await {
            tracing::warn!(galat = %e, "kurir notifikasi: putaran gagal");
        }
        tokio::select! {
            _ = lonceng.notified() => {}
            _ = tokio::time::sleep(JEDA) => {}
        }
    }
}

/// Sends everything due now, batch by batch. Answers how many messages were tried.
pub async fn kirim_yang_jatuh_tempo(store: &Store) -> Result<usize, Galat> {
    let mut jumlah = 0;
    loop {
        let batch = store.ambil_jatuh_tempo(PER_PUTARAN).await?;
        if batch.is_empty() {
            return Ok(jumlah);
        }
        jumlah += batch.len();
        // Settings are read once per village and channel per batch.
        let mut setelan: HashMap<(String, String), Option<Setelan>> = HashMap::new();
        let mut tugas = tokio::task::JoinSet::new();
        for p in batch {
            let kunci = (p.desa_id.clone(), p.kanal.clone());
            let s = match setelan.get(&kunci) {
                Some(s) => s.clone(),
                None => {
                    let s = match Kanal::dari_kode(&p.kanal) {
                        Some(k) => store.setelan_kanal_aktif(&p.desa_id, k).await?,
                        None => None,
                    };
                    setelan.insert(kunci, s.clone());
                    s
                }
            };
            let store = store.clone();
            tugas.spawn(async move { kirim_satu(&store, p, s).await });
        }
        while let Some(h) = tugas.join_next().await {
            match h {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!(galat = %e, "kurir notifikasi: hasil tidak tercatat"),
                Err(e) => tracing::error!(galat = %e, "kurir notifikasi: tugas berhenti"),
            }
        }
    }
}

async fn kirim_satu(store: &Store, p: PesanKeluar, setelan: Option<Setelan>) -> Result<(), Galat> {
    let Some(setelan) = setelan else {
        store
            .tandai_gagal(
                &p.desa_id,
                p.id,
                "Kanal ini tidak aktif lagi di desa ini; pesan tidak dikirim.",
                true,
            )
            .await?;
        tracing::info!(id = %p.id, kanal = %p.kanal, "notifikasi tidak dikirim: kanal tidak aktif");
        return Ok(());
    };
    match balai_kirim::kirim(&setelan, &p.tujuan, &p.judul, &p.isi).await {
        Ok(balasan) => {
            store.tandai_terkirim(&p.desa_id, p.id, &balasan).await?;
            tracing::info!(id = %p.id, kanal = %p.kanal, percobaan = p.percobaan + 1, "notifikasi terkirim");
        }
        Err(e) => {
            let status = store
                .tandai_gagal(&p.desa_id, p.id, &e.to_string(), e.permanen())
                .await?;
            catat_gagal(&p, &e, &status);
        }
    }
    Ok(())
}

fn catat_gagal(p: &PesanKeluar, e: &GalatKirim, status: &str) {
    tracing::warn!(
        id = %p.id,
        kanal = %p.kanal,
        percobaan = p.percobaan + 1,
        sebab = %e.jenis(),
        status,
        "notifikasi gagal dikirim"
    );
}
