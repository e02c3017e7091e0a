//! Submitted forms: the fields as text, checked against the session's CSRF token.

use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use axum::extract::{Form, FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

/// Form fields in the order sent (a name may repeat).
#[derive(Debug, Default, Clone)]
pub struct Isian(pub Vec<(String, String)>);

impl Isian {
    pub fn get(&self, nama: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == nama)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
    pub fn opsi(&self, nama: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == nama)
            .map(|(_, v)| v.clone())
    }
    /// Every value of a repeated field (ticked checkboxes).
    pub fn semua(&self, nama: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == nama)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub fn angka<T: std::str::FromStr>(&self, nama: &str) -> Option<T> {
        self.get(nama).trim().parse().ok()
    }
}

/// A form posted by a logged-in user, with a valid CSRF token.
pub struct Kiriman {
    pub m: Masuk,
    pub isian: Isian,
}

impl FromRequest<Bersama> for Kiriman {
    type Rejection = Response;

    async fn from_request(req: Request, k: &Bersama) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let m = Masuk::from_request_parts(&mut parts, k).await?;
        let req = Request::from_parts(parts, body);
        let Form(isi) = Form::<Vec<(String, String)>>::from_request(req, k)
            .await
            .map_err(|_| {
                GalatWeb::Permintaan("Isi formulir tidak dapat dibaca.".into()).into_response()
            })?;
        let isian = Isian(isi);
        m.cek_csrf(isian.get("_csrf"))
            .map_err(IntoResponse::into_response)?;
        Ok(Kiriman { m, isian })
    }
}

/// A file sent in a multipart form.
pub struct Berkas {
    /// The form field it came in.
    pub bidang: String,
    /// The name it had on the sender's computer.
    pub nama: String,
    pub isi: Vec<u8>,
}

/// Reads a multipart form: text fields into an `Isian` (CSRF token included, for the caller to
/// check) and the non-empty files. `putus` is the message when the upload breaks off or is over
/// the size limit.
pub async fn baca_multipart(
    mut mp: axum::extract::Multipart,
    putus: &str,
) -> Result<(Isian, Vec<Berkas>), GalatWeb> {
    let mut isian = Isian::default();
    let mut berkas = Vec::new();
    loop {
        let bagian = match mp.next_field().await {
            Ok(Some(b)) => b,
            Ok(None) => break,
            Err(_) => return Err(GalatWeb::Permintaan(putus.into())),
        };
        let bidang = bagian.name().unwrap_or("").to_string();
        match bagian.file_name().map(str::to_string) {
            Some(nama) => {
                let isi = bagian
                    .bytes()
                    .await
                    .map_err(|_| GalatWeb::Permintaan(putus.into()))?;
                if !isi.is_empty() {
                    berkas.push(Berkas {
                        bidang,
                        nama,
                        isi: isi.to_vec(),
                    });
                }
            }
            None => {
                let teks = bagian.text().await.unwrap_or_default();
                isian.0.push((bidang, teks));
            }
        }
    }
    Ok((isian, berkas))
}

/// A date field as people type it (`02-03-2026`, `2/3/2026`) or as a date picker sends it
/// (`2026-03-02`).
pub fn tanggal(s: &str) -> Option<chrono::NaiveDate> {
    balai_domain::penduduk::parse_tanggal(s)
}

/// A date for a form field: day-month-year whatever the browser's language; anything that is
/// not a date is left as it was typed.
pub fn tanggal_isian(s: &str) -> String {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(|t| t.format("%d-%m-%Y").to_string())
        .unwrap_or_else(|_| s.to_string())
}

/// Rupiah as people type it: "150.000", "Rp 150000", "150000"; empty is 0. Whole, positive
/// amounts only (no sign, no decimals).
/// A decimal as typed on a phone: "8,4" or "8.4"; empty is `None`.
pub fn desimal(s: &str) -> Result<Option<f64>, ()> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>().map(Some).map_err(|_| ())
}

pub fn rupiah(s: &str) -> Option<i64> {
    let t = s.trim();
    let t = t
        .strip_prefix("Rp")
        .or_else(|| t.strip_prefix("rp"))
        .unwrap_or(t);
    let bersih: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if bersih.is_empty() {
        return Some(0);
    }
    if bersih.len() <= 15 && bersih.bytes().all(|b| b.is_ascii_digit()) {
        bersih.parse().ok()
    } else {
        None
    }
}

/// The first file sent in field `bidang`, as (name, bytes).
pub fn ambil_berkas(berkas: Vec<Berkas>, bidang: &str) -> Option<(String, Vec<u8>)> {
    berkas
        .into_iter()
        .find(|b| b.bidang == bidang)
        .map(|b| (b.nama, b.isi))
}

#[cfg(test)]
mod uji {
    use super::rupiah;

    #[test]
    fn rupiah_seperti_diketik() {
        assert_eq!(rupiah("15000"), Some(15000));
        assert_eq!(rupiah("Rp 150.000.000"), Some(150_000_000));
        assert_eq!(rupiah(""), Some(0));
        assert_eq!(rupiah("lima ribu"), None);
        assert_eq!(rupiah("-5"), None);
    }
}
