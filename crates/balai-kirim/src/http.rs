//! WhatsApp and SMS gateways reached over HTTP, shaped by a payload template.

use crate::isi_templat;
use crate::templat::json_escape;
use crate::{FormatPayload, GalatKirim, SetelanHttp, baca_jawaban, galat_jaringan, klien};

/// The values of the placeholders, escaped for the body format.
fn nilai<'a>(
    h: &'a SetelanHttp,
    tujuan: &'a str,
    judul: &'a str,
    pesan: &'a str,
    json: bool,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |nama| {
        let v = match nama {
            "tujuan" => tujuan,
            "pesan" => pesan,
            "judul" => judul,
            "token" => h.token.as_str(),
            _ => return None,
        };
        Some(if json { json_escape(v) } else { v.to_string() })
    }
}

/// Form fields from a template: `name=value` separated by `&` or new lines.
fn pasangan_form(templat: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for bagian in templat.split(['&', '\n']) {
        let b = bagian.trim_matches(['\r', ' ']);
        if b.is_empty() {
            continue;
        }
        match b.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => out.push((k.trim().to_string(), v.to_string())),
            _ => return Err(format!("bagian \"{b}\" tidak berbentuk nama=nilai")),
        }
    }
    if out.is_empty() {
        return Err("tidak ada isian".into());
    }
    Ok(out)
}

pub(crate) fn periksa(h: &SetelanHttp, g: &mut Vec<(&'static str, String)>) {
    crate::periksa_url(&h.url, "url", g);
    let metode = h.metode.trim().to_ascii_uppercase();
    if metode != "POST" && metode != "GET" {
        g.push(("metode", "Metode harus POST atau GET.".into()));
    }
    if metode == "GET" && h.format == FormatPayload::Json {
        g.push((
            "format",
            "Metode GET mengirim isian lewat alamat, jadi formatnya harus form.".into(),
        ));
    }
    let nama = h.header_nama.trim();
    if !nama.is_empty()
        && (nama.parse::<reqwest::header::HeaderName>().is_err() || nama.contains(':'))
    {
        g.push((
            "header_nama",
            "Nama header hanya boleh huruf, angka dan tanda -, misalnya Authorization.".into(),
        ));
    }
    if nama.is_empty() && !h.header_nilai.trim().is_empty() {
        g.push((
            "header_nama",
            "Nama header wajib diisi bila nilai header diisi.".into(),
        ));
    }
    let pakai_token = h.header_nilai.contains("{token}") || h.templat_payload.contains("{token}");
    if pakai_token && h.token.trim().is_empty() {
        g.push((
            "token",
            "Token wajib diisi: header atau payload memakai {token}.".into(),
        ));
    }
    if h.header_nilai.contains(['\r', '\n']) || h.token.contains(['\r', '\n']) {
        g.push((
            "header_nilai",
            "Nilai header dan token tidak boleh berisi baris baru.".into(),
        ));
    }
    let t = &h.templat_payload;
    if t.trim().is_empty() {
        g.push(("templat_payload", "Templat payload wajib diisi.".into()));
        return;
    }
    if !t.contains("{tujuan}") || !t.contains("{pesan}") {
        g.push((
            "templat_payload",
            "Templat payload harus memuat {tujuan} dan {pesan}.".into(),
        ));
    }
    // The template must give a valid body for any message, quotes and new lines included.
    let contoh = SetelanHttp {
        token: "token\"uji".into(),
        ..h.clone()
    };
    match h.format {
        FormatPayload::Json => {
            let isi = isi_templat(
                t,
                nilai(
                    &contoh,
                    "6281234567890",
                    "Judul \"uji\"",
                    "Baris 1\nBaris \"2\"",
                    true,
                ),
            );
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&isi) {
                g.push((
                    "templat_payload",
                    format!("Templat payload bukan JSON yang sah: {e}. Placeholder seperti {{pesan}} ditulis di dalam tanda kutip."),
                ));
            }
        }
        FormatPayload::Form => {
            if let Err(e) = pasangan_form(t) {
                g.push((
                    "templat_payload",
                    format!("Templat payload form tidak sah: {e}. Tulis nama=nilai dipisah & atau baris baru."),
                ));
            }
        }
    }
}

pub(crate) async fn kirim(
    h: &SetelanHttp,
    tujuan: &str,
    judul: &str,
    pesan: &str,
) -> Result<String, GalatKirim> {
    let klien = klien()?;
    let get = h.metode.trim().eq_ignore_ascii_case("GET");
    let mut req = if get {
        klien.get(h.url.trim())
    } else {
        klien.post(h.url.trim())
    };
    let nama = h.header_nama.trim();
    if !nama.is_empty() {
        let v = isi_templat(&h.header_nilai, |n| (n == "token").then(|| h.token.clone()));
        req = req.header(nama, v.trim());
    }
    req = match h.format {
        FormatPayload::Json => {
            let isi = isi_templat(&h.templat_payload, nilai(h, tujuan, judul, pesan, true));
            req.header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(isi)
        }
        FormatPayload::Form => {
            let pasangan = pasangan_form(&h.templat_payload).map_err(GalatKirim::Setelan)?;
            let f = nilai(h, tujuan, judul, pesan, false);
            let isi: Vec<(String, String)> = pasangan
                .into_iter()
                .map(|(k, v)| (k, isi_templat(&v, &f)))
                .collect();
            if get { req.query(&isi) } else { req.form(&isi) }
        }
    };
    let r = req.send().await.map_err(galat_jaringan)?;
    baca_jawaban(r).await
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn templat_json_yang_salah_ditolak_dengan_nama_isian() {
        let h = SetelanHttp {
            url: "https://gw.contoh/kirim".into(),
            metode: "POST".into(),
            templat_payload: "{\"to\": \"{tujuan}\", \"text\": {pesan}}".into(),
            ..Default::default()
        };
        let mut g = Vec::new();
        periksa(&h, &mut g);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].0, "templat_payload");
    }

    #[test]
    fn url_tanpa_skema_ditolak() {
        let h = SetelanHttp {
            url: "gw.contoh/kirim".into(),
            metode: "POST".into(),
            format: FormatPayload::Form,
            templat_payload: "to={tujuan}&text={pesan}".into(),
            ..Default::default()
        };
        let mut g = Vec::new();
        periksa(&h, &mut g);
        assert_eq!(
            g,
            vec![(
                "url",
                "URL gateway harus diawali http:// atau https://".to_string()
            )]
        );
    }
}
