//! The website's list of officials: today's holders in the village government and the BPD.

use crate::{Galat, Store};
use serde::Serialize;
use uuid::Uuid;

/// An official on the village website.
#[derive(Debug, Clone, Serialize)]
pub struct PejabatSitus {
    pub id: Uuid,
    /// "perangkat" or "bpd".
    pub kelompok: String,
    pub nama: String,
    pub jabatan: String,
    pub urut: i64,
    pub foto: Option<String>,
}

impl Store {
    /// The officials the website shows: today's holders in the village government and the BPD.
    pub async fn daftar_pejabat(&self, desa_id: &str) -> Result<Vec<PejabatSitus>, Galat> {
        let Some(desa) = self.desa(desa_id).await? else {
            return Ok(Vec::new());
        };
        let hari_ini = self.hari_ini(desa.zona());
        let mut v: Vec<PejabatSitus> = self
            .perangkat()
            .menjabat(desa_id, hari_ini)
            .await?
            .into_iter()
            .filter(|x| matches!(x.j.lembaga.as_str(), "pemdes" | "bpd"))
            .map(|x| PejabatSitus {
                id: x.j.id,
                kelompok: if x.j.lembaga == "bpd" {
                    "bpd".into()
                } else {
                    "perangkat".into()
                },
                jabatan: x.j.nama_jabatan(),
                nama: x.o.nama,
                urut: x.j.urut,
                foto: x.o.foto,
            })
            .collect();
        v.sort_by(|a, b| {
            b.kelompok
                .cmp(&a.kelompok)
                .then(a.urut.cmp(&b.urut))
                .then(a.nama.cmp(&b.nama))
        });
        Ok(v)
    }
}
