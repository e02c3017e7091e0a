//! The public social aid page of a village site: recipients per programme and dusun of the
//! year, with small groups hidden so no family can be picked out, and, only for programmes the
//! village chose to publish, the recipient list with names and NIK masked.

use super::halaman::Bingkai;
use super::{Situs, tajuk_publik};
use crate::galat::tampil;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_domain::nik::samarkan;
use balai_domain::surat::teks::samarkan_nama;
use balai_store::statistik::publik::AMBANG;
use chrono::Datelike;

pub fn rute() -> Router<Bersama> {
    Router::new().route("/s/{slug}/bantuan", get(halaman))
}

/// One programme as the public sees it.
struct ProgramPublik {
    nama: String,
    kode: String,
    /// "12" or "<5".
    total: String,
    /// (dusun, count); empty when a dusun's count would single out families.
    dusun: Vec<(String, i64)>,
    /// (masked name, masked NIK, dusun), for programmes the village publishes.
    penerima: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "situs_bantuan.html")]
struct Halaman {
    b: Bingkai,
    tahun: i64,
    program: Vec<ProgramPublik>,
}

/// A count for the public: the number, or "<5" when it is small.
fn angka(n: i64) -> String {
    if n > 0 && n < AMBANG {
        format!("<{AMBANG}")
    } else {
        n.to_string()
    }
}

async fn halaman(State(k): State<Bersama>, s: Situs) -> Result<Response, GalatWeb> {
    let kode = s.desa.desa_id.clone();
    let tahun = i64::from(k.store.hari_ini(s.desa.zona()).year());
    let b = k.store.bantuan();
    let mut program: Vec<ProgramPublik> = Vec::new();
    for a in b.agregat(&kode, tahun).await? {
        let i = match program.iter().position(|p| p.kode == a.kode) {
            Some(i) => i,
            None => {
                program.push(ProgramPublik {
                    nama: a.nama.clone(),
                    kode: a.kode.clone(),
                    total: String::new(),
                    dusun: Vec::new(),
                    penerima: Vec::new(),
                });
                program.len() - 1
            }
        };
        program[i].dusun.push((a.dusun, a.jumlah));
    }
    for p in &mut program {
        let total: i64 = p.dusun.iter().map(|d| d.1).sum();
        p.total = angka(total);
        // A dusun under the threshold could be worked back from the total: no breakdown then.
        if p.dusun.iter().any(|d| d.1 < AMBANG) {
            p.dusun.clear();
        }
    }
    for (kode_program, _, nama, nik, dusun) in b.penerima_publik(&kode, tahun).await? {
        if let Some(p) = program.iter_mut().find(|p| p.kode == kode_program) {
            p.penerima
                .push((samarkan_nama(&nama), samarkan(&nik), dusun));
        }
    }
    let h = Halaman {
        b: Bingkai::baru(s, "bantuan", "Bantuan sosial"),
        tahun,
        program,
    };
    Ok((tajuk_publik(), tampil(&h)?).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn angka_kecil_disamarkan() {
        assert_eq!(super::angka(0), "0");
        assert_eq!(super::angka(3), "<5");
        assert_eq!(super::angka(5), "5");
    }
}
