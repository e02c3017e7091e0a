//! Uploaded import files kept between the preview and the "apply" click.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const UMUR: Duration = Duration::from_secs(30 * 60);
const MAKS: usize = 8;

pub struct Unggahan {
    pub desa_id: String,
    pub pengguna: uuid::Uuid,
    pub nama: String,
    pub format: balai_store::impor::FormatImpor,
    pub isi: Vec<u8>,
    dibuat: Instant,
}

#[derive(Default)]
pub struct Simpanan {
    isi: Mutex<HashMap<String, Unggahan>>,
}

impl Simpanan {
    /// Keeps a checked file; returns its one-time token. Old and surplus files are dropped.
    pub fn simpan(
        &self,
        desa_id: &str,
        pengguna: uuid::Uuid,
        nama: &str,
        format: balai_store::impor::FormatImpor,
        isi: Vec<u8>,
    ) -> String {
        let token = balai_store::pengguna::token_acak();
        let mut m = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        m.retain(|_, u| u.dibuat.elapsed() < UMUR);
        while m.len() >= MAKS {
            let tertua = m
                .iter()
                .min_by_key(|(_, u)| u.dibuat)
                .map(|(k, _)| k.clone());
            match tertua {
                Some(k) => m.remove(&k),
                None => break,
            };
        }
        m.insert(
            token.clone(),
            Unggahan {
                desa_id: desa_id.into(),
                pengguna,
                nama: nama.into(),
                format,
                isi,
                dibuat: Instant::now(),
            },
        );
        token
    }

    /// Takes the file back, only for the same village and user.
    pub fn ambil(&self, token: &str, desa_id: &str, pengguna: uuid::Uuid) -> Option<Unggahan> {
        let mut m = self.isi.lock().unwrap_or_else(|e| e.into_inner());
        let cocok = m.get(token).is_some_and(|u| {
            u.desa_id == desa_id && u.pengguna == pengguna && u.dibuat.elapsed() < UMUR
        });
        if cocok { m.remove(token) } else { None }
    }
}
