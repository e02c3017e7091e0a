//! Where letters are rendered: in worker processes that are stopped when a template runs too
//! long (`balai serve`), or on a thread of this process when no worker program is set (tests
//! that embed the app). Both answer the same way.

use balai_pdf::pekerja::{GagalCetak, Kolam};
use balai_store::surat::{BATAS_RENDER, BahanCetak};
use std::sync::Arc;
use std::time::Duration;

/// How long a template check may take when an admin saves a letter type.
pub const BATAS_PERIKSA: Duration = Duration::from_secs(10);

/// The admin's message when a template check ran out of time.
pub fn periksa_terlalu_lama() -> String {
    format!(
        "Templat terlalu lama dibuat (lebih dari {} detik). Kurangi perulangan atau isi yang sangat panjang.",
        BATAS_PERIKSA.as_secs()
    )
}

#[derive(Clone)]
pub enum Cara {
    Utas(Arc<balai_pdf::Mesin>),
    Proses(Arc<Kolam>),
}

#[derive(Clone)]
pub struct Pencetak {
    cara: Cara,
    /// Across every page of every letter (the practice village's "LATIHAN — TIDAK SAH").
    tanda_air: Option<&'static str>,
}

impl Pencetak {
    pub fn baru(cara: Cara) -> Pencetak {
        Pencetak {
            cara,
            tanda_air: None,
        }
    }

    /// The same renderer (and worker processes), marking each page with `teks`.
    pub fn dengan_tanda_air(&self, teks: &'static str) -> Pencetak {
        Pencetak {
            cara: self.cara.clone(),
            tanda_air: Some(teks),
        }
    }

    fn dokumen<'a>(&self, b: &'a BahanCetak) -> balai_pdf::Dokumen<'a> {
        balai_pdf::Dokumen {
            badan: &b.badan,
            data: &b.data,
            logo: b.logo.as_deref(),
            qr: Some(&b.qr),
            kertas: balai_pdf::Kertas::dari_kode(&b.kertas).unwrap_or(balai_pdf::Kertas::F4),
            tanda_air: self.tanda_air,
        }
    }

    /// Renders a letter being signed or previewed. Blocks: call it on a blocking thread.
    pub fn surat(&self, b: &BahanCetak) -> Result<Vec<u8>, String> {
        match &self.cara {
            Cara::Utas(m) => m.render(&self.dokumen(b)).map_err(|e| e.to_string()),
            // Just under the store's own limit, so the worker stops before the store gives up.
            Cara::Proses(k) => k
                .render(&self.dokumen(b), BATAS_RENDER - Duration::from_millis(500))
                .map_err(|e| e.to_string()),
        }
    }

    /// Checks a letter type's body with example data; the message is for the admin.
    /// Blocks: call it on a blocking thread.
    pub fn periksa(&self, badan: &str, contoh: &serde_json::Value) -> Result<(), String> {
        match &self.cara {
            Cara::Utas(m) => m.periksa(badan, contoh).map_err(|e| e.to_string()),
            Cara::Proses(k) => match k.periksa(badan, contoh, BATAS_PERIKSA) {
                Ok(()) => Ok(()),
                Err(GagalCetak::TerlaluLama(_)) => Err(periksa_terlalu_lama()),
                Err(e) => Err(e.to_string()),
            },
        }
    }
}
