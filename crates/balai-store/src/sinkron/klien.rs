//! One exchange as the village node runs it, over any channel (HTTP in `balai sync`, a direct
//! call in tests): open, push own changes, pull the server's, in small batches. Each batch is
//! applied in one transaction on the receiving side, so a cut anywhere loses nothing and
//! repeating a batch changes nothing.

use super::Sinkron;
use super::{
    HalamanAwal, Jabat, JawabDorong, JawabJabat, Paket, VERSI_PROTOKOL, kemas, skema, tabel,
};
use crate::{Galat, Store};
use std::future::Future;

/// How the node reaches the server. A channel asks the server to pack the files of the batches
/// it pulls (`kemas`); the node packs what it pushes itself when the server's fingerprint is its
/// own. The initial pull's pages are not packed (a page may hold hundreds of letters).
pub trait Saluran {
    fn jabat(&self, j: &Jabat) -> impl Future<Output = Result<JawabJabat, Galat>> + Send;
    fn dorong(&self, p: &Paket) -> impl Future<Output = Result<JawabDorong, Galat>> + Send;
    fn tarik(&self, sejak: i64) -> impl Future<Output = Result<Paket, Galat>> + Send;
    fn awal(
        &self,
        tabel: &str,
        setelah: Option<&str>,
    ) -> impl Future<Output = Result<HalamanAwal, Galat>> + Send;
}

/// The server reached in-process, as its HTTP handlers reach it once the credential is checked
/// (tests, and two stores on one machine).
pub struct SaluranLangsung<'a> {
    pub server: &'a Store,
    pub desa_id: String,
}

impl Saluran for SaluranLangsung<'_> {
    async fn jabat(&self, j: &Jabat) -> Result<JawabJabat, Galat> {
        self.server.sinkron().jabat(&self.desa_id, j).await
    }
    async fn dorong(&self, p: &Paket) -> Result<JawabDorong, Galat> {
        self.server.sinkron().terima_dorong(&self.desa_id, p).await
    }
    async fn tarik(&self, sejak: i64) -> Result<Paket, Galat> {
        let mut p = self
            .server
            .sinkron()
            .paket_tarik(&self.desa_id, sejak)
            .await?;
        p.kemas();
        Ok(p)
    }
    async fn awal(&self, tabel: &str, setelah: Option<&str>) -> Result<HalamanAwal, Galat> {
        self.server
            .sinkron()
            .halaman_awal(&self.desa_id, tabel, setelah, 500)
            .await
    }
}

/// What one exchange did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HasilSinkron {
    pub terkirim: usize,
    pub diterima: usize,
    pub konflik: usize,
    pub selisih_jam_detik: i64,
}

impl Sinkron<'_> {
    /// One exchange with the server this node belongs to. The outcome (or the error) is recorded
    /// for the admin page.
    pub async fn sinkronkan<S: Saluran>(&self, s: &S) -> Result<HasilSinkron, Galat> {
        let hasil = self.tukar(s).await;
        let (galat, selisih) = match &hasil {
            Ok(h) => (String::new(), Some(h.selisih_jam_detik)),
            Err(e) => (e.to_string(), None),
        };
        self.catat_hasil(&galat, selisih).await?;
        hasil
    }

    async fn tukar<S: Saluran>(&self, s: &S) -> Result<HasilSinkron, Galat> {
        let Some((desa_id, _, _)) = self.tujuan().await? else {
            return Err(Galat::Ditolak(
                "instalasi ini belum menjadi simpul desa; jalankan dulu `balai sync init --server URL --token TOKEN`"
                    .into(),
            ));
        };
        let (kepala_desa, diterima_pusat) = self.posisi_simpul(&desa_id).await?;
        let jam = self.s.sekarang();
        let jj = s
            .jabat(&Jabat {
                versi: VERSI_PROTOKOL,
                desa_id: desa_id.clone(),
                jam,
                kepala_desa,
                diterima_pusat: diterima_pusat.clone(),
                awal: false,
                versi_program: env!("CARGO_PKG_VERSION").into(),
            })
            .await?;
        let mut hasil = HasilSinkron {
            selisih_jam_detik: (jam - jj.jam).num_seconds(),
            ..Default::default()
        };
        let mut sudah = jj.diterima_desa.urut;
        self.catat_dorong_diterima(sudah).await?;
        let kemas_ok = jj.sidik_kemas == kemas::sidik();
        loop {
            let mut p = self.paket_keluar(&desa_id, "desa", sudah).await?;
            if p.entri.is_empty() {
                break;
            }
            if kemas_ok {
                p.kemas();
            }
            let r = s.dorong(&p).await?;
            hasil.terkirim += p.entri.len();
            hasil.konflik += r.konflik;
            sudah = r.diterima_desa.urut;
            self.catat_dorong_diterima(sudah).await?;
            if p.habis {
                break;
            }
        }
        let mut sejak = diterima_pusat.urut;
        loop {
            let p = s.tarik(sejak).await?;
            if p.entri.is_empty() {
                break;
            }
            let (pos, k) = self
                .terima_paket(&desa_id, "pusat", "desa", sudah, &p)
                .await?;
            hasil.diterima += p.entri.len();
            hasil.konflik += k;
            sejak = pos.urut;
            if p.habis {
                break;
            }
        }
        Ok(hasil)
    }

    /// `sync init`: makes this empty install the node of the credential's village and pulls the
    /// village's current data, table by table. Returns the number of rows written. Run again
    /// after a cut, it starts over and overwrites what the cut left.
    pub async fn mulai_simpul<S: Saluran>(
        &self,
        s: &S,
        desa_id: &str,
        server: &str,
        token: &str,
    ) -> Result<usize, Galat> {
        let jj = s
            .jabat(&Jabat {
                versi: VERSI_PROTOKOL,
                desa_id: desa_id.to_string(),
                jam: self.s.sekarang(),
                kepala_desa: Default::default(),
                diterima_pusat: Default::default(),
                awal: true,
                versi_program: env!("CARGO_PKG_VERSION").into(),
            })
            .await?;
        self.jadikan_simpul(desa_id, server, token, &jj).await?;
        let mut n = 0;
        for t in tabel::TABEL_SINKRON {
            skema::tabel(t)?;
            let mut setelah: Option<String> = None;
            loop {
                let h = s.awal(t, setelah.as_deref()).await?;
                self.tulis_halaman_awal(t, &h).await?;
                n += h.baris.len();
                match h.berikut {
                    Some(b) if !h.habis => setelah = Some(b),
                    _ => break,
                }
            }
        }
        // Whatever changed on the server while the pages were read.
        self.sinkronkan(s).await?;
        Ok(n)
    }
}
