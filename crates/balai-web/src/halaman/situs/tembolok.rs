//! In-memory look-ups that public pages make on every request, each kept for a while.

use super::IntiSitus;
use axum::body::Bytes;
use balai_store::statistik::publik::StatistikPublik;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A map whose entries are good for `umur` after they were stored.
pub struct Berumur<K, V> {
    umur: Duration,
    peta: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Berumur<K, V> {
    fn baru(umur: Duration) -> Self {
        Berumur {
            umur,
            peta: Mutex::new(HashMap::new()),
        }
    }

    fn kunci(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
        self.peta.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn ambil(&self, k: &K) -> Option<V> {
        self.kunci()
            .get(k)
            .filter(|(t, _)| t.elapsed() < self.umur)
            .map(|(_, v)| v.clone())
    }

    /// Stores `v`, dropping what has expired so the map never grows without bound.
    pub fn simpan(&self, k: K, v: V) {
        let mut peta = self.kunci();
        peta.retain(|_, (t, _)| t.elapsed() < self.umur);
        peta.insert(k, (Instant::now(), v));
    }

    pub fn kosongkan(&self) {
        self.kunci().clear();
    }
}

pub struct Tembolok {
    /// Host name → slug, the whole map at once.
    pub host: Berumur<(), Arc<HashMap<String, String>>>,
    /// (village, statistic) → the suppressed table.
    pub statistik: Berumur<(String, &'static str), Arc<StatistikPublik>>,
    /// (village or "*" for `/`, address base) → the rendered home page.
    pub beranda: Berumur<(String, String), Bytes>,
    /// Address slug → what every page of that site needs (five queries otherwise).
    pub situs: Berumur<String, Arc<IntiSitus>>,
}

impl Default for Tembolok {
    fn default() -> Self {
        Tembolok {
            host: Berumur::baru(Duration::from_secs(30)),
            // Public statistics change slowly; counting 100,000 residents on every visit would not.
            statistik: Berumur::baru(Duration::from_secs(300)),
            // The most visited page and the costliest (about ten queries); staff changes clear
            // it at once (`segarkan_beranda`).
            beranda: Berumur::baru(Duration::from_secs(15)),
            situs: Berumur::baru(Duration::from_secs(15)),
        }
    }
}

impl Tembolok {
    pub fn lupakan_host(&self) {
        self.host.kosongkan();
    }

    /// Drops the cached home pages and site frames (after any staff change).
    pub fn lupakan_beranda(&self) {
        self.beranda.kosongkan();
        self.situs.kosongkan();
    }

    pub fn ambil_beranda(&self, desa_id: &str, dasar: &str) -> Option<Bytes> {
        self.beranda
            .ambil(&(desa_id.to_string(), dasar.to_string()))
    }

    pub fn simpan_beranda(&self, desa_id: &str, dasar: &str, html: Bytes) {
        self.beranda
            .simpan((desa_id.to_string(), dasar.to_string()), html);
    }
}
