//! A village's delivery channels (WhatsApp/SMS gateway, e-mail, Telegram): the settings form
//! of each, saving it, and a test message.

use super::*;
use crate::isian::{Isian, Kiriman};
use crate::{Bersama, GalatWeb};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use balai_domain::DaftarGalat;
use balai_kirim::{
    FormatPayload, Kanal, KeamananSmtp, PRESET, SAMARAN, Setelan, SetelanHttp, SetelanSmtp,
    SetelanTelegram,
};
use balai_store::Galat;

/// One field of a channel form.
pub struct Bidang {
    pub nama: &'static str,
    pub label: &'static str,
    /// "teks", "rahasia", "angka", "pilihan" or "panjang".
    pub jenis: &'static str,
    pub nilai: String,
    pub pilihan: Vec<(&'static str, &'static str)>,
    pub petunjuk: String,
}

fn bidang(nama: &'static str, label: &'static str, jenis: &'static str, nilai: String) -> Bidang {
    Bidang {
        nama,
        label,
        jenis,
        nilai,
        pilihan: Vec::new(),
        petunjuk: String::new(),
    }
}

impl Bidang {
    fn pilih(mut self, p: &[(&'static str, &'static str)]) -> Self {
        self.pilihan = p.to_vec();
        self
    }
    fn petunjuk(mut self, p: impl Into<String>) -> Self {
        self.petunjuk = p.into();
        self
    }
}

/// A channel's card on the page.
pub(super) struct KartuKanal {
    pub kode: &'static str,
    pub label: &'static str,
    pub aktif: bool,
    pub tersimpan: bool,
    pub bidang: Vec<Bidang>,
    /// Presets for this channel: (code, name).
    pub preset: Vec<(&'static str, &'static str)>,
    pub preset_dipilih: String,
    pub petunjuk_preset: String,
    pub galat: DaftarGalat,
    /// (success, text) of the last test send.
    pub hasil_uji: Option<(bool, String)>,
    pub tujuan_uji: String,
    pub contoh_tujuan: &'static str,
}

const METODE: [(&str, &str); 2] = [("POST", "POST"), ("GET", "GET")];
const FORMAT: [(&str, &str); 2] = [
    ("json", "JSON (application/json)"),
    ("form", "Form (x-www-form-urlencoded)"),
];
const KEAMANAN: [(&str, &str); 3] = [
    ("starttls", "STARTTLS (biasanya port 587)"),
    ("tls", "TLS langsung (biasanya port 465)"),
    ("tanpa", "Tanpa enkripsi (hanya server di jaringan sendiri)"),
];

fn petunjuk_rahasia(ada: bool) -> String {
    if ada {
        format!("Tersimpan ({SAMARAN}). Kosongkan bila tidak ingin mengubahnya.")
    } else {
        "Belum diisi.".into()
    }
}

/// The form fields of some settings. Secrets are never put back into the page.
fn bidang_setelan(s: &Setelan) -> Vec<Bidang> {
    let ada = !s.rahasia().is_empty();
    match s {
        Setelan::WhatsApp(h) | Setelan::Sms(h) => vec![
            bidang("url", "URL gateway", "teks", h.url.clone())
                .petunjuk("Alamat lengkap, diawali https://."),
            bidang("metode", "Metode", "pilihan", h.metode.to_uppercase()).pilih(&METODE),
            bidang("header_nama", "Nama header token", "teks", h.header_nama.clone())
                .petunjuk("Misalnya Authorization. Kosongkan bila token dikirim di payload."),
            bidang("header_nilai", "Nilai header", "teks", h.header_nilai.clone())
                .petunjuk("{token} diganti dengan token, misalnya Bearer {token}."),
            bidang("token", "Token / kunci API", "rahasia", String::new())
                .petunjuk(petunjuk_rahasia(ada)),
            bidang(
                "format",
                "Format payload",
                "pilihan",
                match h.format {
                    FormatPayload::Json => "json".into(),
                    FormatPayload::Form => "form".into(),
                },
            )
            .pilih(&FORMAT),
            bidang("templat_payload", "Templat payload", "panjang", h.templat_payload.clone())
                .petunjuk("{tujuan} nomor tujuan (62…), {pesan} isi pesan, {judul} judul, {token} token. Pada JSON, tulis placeholder di dalam tanda kutip."),
        ],
        Setelan::Email(m) => vec![
            bidang("host", "Host server SMTP", "teks", m.host.clone())
                .petunjuk("Misalnya smtp.gmail.com."),
            bidang("port", "Port", "angka", m.port.to_string()),
            bidang("keamanan", "Keamanan", "pilihan", m.keamanan.kode().into()).pilih(&KEAMANAN),
            bidang("username", "Nama pengguna SMTP", "teks", m.username.clone()),
            bidang("password", "Kata sandi SMTP", "rahasia", String::new())
                .petunjuk(petunjuk_rahasia(ada)),
            bidang("pengirim", "Pengirim", "teks", m.pengirim.clone())
                .petunjuk("Misalnya Pemerintah Desa Donorejo <desa@donorejo.id>."),
        ],
        Setelan::Telegram(t) => vec![
            bidang("token", "Token bot", "rahasia", String::new())
                .petunjuk(format!("Dari @BotFather. {}", petunjuk_rahasia(ada))),
            bidang("url_api", "Alamat Bot API", "teks", t.url_api.clone())
                .petunjuk("Biarkan https://api.telegram.org kecuali memakai server Bot API sendiri."),
        ],
    }
}

/// Reads the form back into settings; a port that is not a number is named (and kept as 0).
fn setelan_dari(kanal: Kanal, f: &Isian) -> (Setelan, DaftarGalat) {
    let t = |n: &str| f.get(n).trim().to_string();
    let mut g = DaftarGalat::default();
    let http = || SetelanHttp {
        preset: t("preset"),
        url: t("url"),
        metode: t("metode").to_uppercase(),
        header_nama: t("header_nama"),
        header_nilai: t("header_nilai"),
        token: t("token"),
        format: if f.get("format") == "form" {
            FormatPayload::Form
        } else {
            FormatPayload::Json
        },
        templat_payload: f
            .get("templat_payload")
            .replace("\r\n", "\n")
            .trim()
            .to_string(),
    };
    let s = match kanal {
        Kanal::WhatsApp => Setelan::WhatsApp(http()),
        Kanal::Sms => Setelan::Sms(http()),
        Kanal::Email => {
            let port = match t("port").parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => {
                    g.push(
                        "port",
                        "Port SMTP harus angka 1–65535, biasanya 587 atau 465.",
                    );
                    0
                }
            };
            Setelan::Email(SetelanSmtp {
                host: t("host"),
                port,
                keamanan: KeamananSmtp::dari_kode(f.get("keamanan")).unwrap_or_default(),
                username: t("username"),
                password: f.get("password").to_string(),
                pengirim: t("pengirim"),
            })
        }
        Kanal::Telegram => Setelan::Telegram(SetelanTelegram {
            token: t("token"),
            url_api: t("url_api"),
        }),
    };
    (s, g)
}

fn contoh_tujuan(k: Kanal) -> &'static str {
    match k {
        Kanal::WhatsApp | Kanal::Sms => "081234567890",
        Kanal::Email => "nama@contoh.id",
        Kanal::Telegram => "chat id, misalnya 123456789",
    }
}

pub(super) fn kartu(
    kanal: Kanal,
    aktif: bool,
    tersimpan: bool,
    s: &Setelan,
    preset_dipilih: &str,
) -> KartuKanal {
    let preset_dipilih = if preset_dipilih.is_empty() {
        match s {
            Setelan::WhatsApp(h) | Setelan::Sms(h) => h.preset.clone(),
            _ => String::new(),
        }
    } else {
        preset_dipilih.to_string()
    };
    KartuKanal {
        kode: kanal.kode(),
        label: kanal.label(),
        aktif,
        tersimpan,
        bidang: bidang_setelan(s),
        preset: PRESET
            .iter()
            .filter(|p| p.kanal == kanal)
            .map(|p| (p.kode, p.nama))
            .collect(),
        petunjuk_preset: balai_kirim::preset(&preset_dipilih)
            .map(|p| p.petunjuk.to_string())
            .unwrap_or_default(),
        preset_dipilih,
        galat: DaftarGalat::default(),
        hasil_uji: None,
        tujuan_uji: String::new(),
        contoh_tujuan: contoh_tujuan(kanal),
    }
}

fn kanal_dari(kode: &str) -> Result<Kanal, GalatWeb> {
    Kanal::dari_kode(kode).ok_or(GalatWeb::TidakDitemukan)
}

pub(super) async fn simpan_kanal(
    State(k): State<Bersama>,
    Path((kode, kanal)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let kanal = kanal_dari(&kanal)?;
    let f = &kir.isian;
    let aktif = f.get("aktif") == "ya";
    let tersimpan = k.store.kanal_notifikasi_satu(&desa.desa_id, kanal).await?;
    let ulang = |s: &Setelan, g: DaftarGalat, preset: &str| {
        let mut c = kartu(kanal, aktif, tersimpan.diubah_pada.is_some(), s, preset);
        // The secret hint follows what is stored, not what was typed.
        for b in c.bidang.iter_mut().filter(|b| b.jenis == "rahasia") {
            let ada = !tersimpan.setelan.rahasia().is_empty();
            b.petunjuk = petunjuk_rahasia(ada);
        }
        c.galat = g;
        c
    };
    let (mut setelan, galat_port) = setelan_dari(kanal, f);
    if !galat_port.is_empty() {
        let mut c = ulang(&setelan, galat_port, f.get("preset"));
        if let Some(b) = c.bidang.iter_mut().find(|b| b.nama == "port") {
            b.nilai = f.get("port").to_string();
        }
        return tampil_halaman(
            &k,
            m,
            &desa,
            Tanya::default(),
            Ubahan {
                kartu: Some(c),
                ..Ubahan::kosong()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // "Terapkan preset": fill the fields from the preset, keep the token typed, save nothing.
    if f.get("aksi") == "preset" {
        let kode_preset = f.get("preset");
        if let (Some(p), Setelan::WhatsApp(h) | Setelan::Sms(h)) =
            (balai_kirim::preset(kode_preset), &mut setelan)
        {
            *h = p.setelan(&h.token);
        }
        let c = ulang(&setelan, DaftarGalat::default(), kode_preset);
        return tampil_halaman(
            &k,
            m,
            &desa,
            Tanya::default(),
            Ubahan {
                kartu: Some(c),
                ..Ubahan::kosong()
            },
            StatusCode::OK,
        )
        .await;
    }
    match k
        .store
        .simpan_kanal_notifikasi(&desa.desa_id, aktif, &setelan, &m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/notifikasi?ok=kanal#kanal-{}",
            desa.desa_id,
            kanal.kode()
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            let c = ulang(&setelan, g, f.get("preset"));
            tampil_halaman(
                &k,
                m,
                &desa,
                Tanya::default(),
                Ubahan {
                    kartu: Some(c),
                    ..Ubahan::kosong()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Sends a test message with the saved settings to an address the admin typed, and shows the
/// gateway's answer or the error as it is.
pub(super) async fn uji_kanal(
    State(k): State<Bersama>,
    Path((kode, kanal)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let kanal = kanal_dari(&kanal)?;
    let tujuan = kir.isian.get("tujuan_uji").trim().to_string();
    let c = k.store.kanal_notifikasi_satu(&desa.desa_id, kanal).await?;
    let mut kartu = kartu(kanal, c.aktif, c.diubah_pada.is_some(), &c.setelan, "");
    kartu.tujuan_uji = tujuan.clone();
    kartu.hasil_uji = Some(if c.diubah_pada.is_none() {
        (
            false,
            "Simpan setelan kanal ini dahulu, lalu kirim uji.".into(),
        )
    } else if tujuan.is_empty() {
        (
            false,
            format!("Isi tujuan uji, misalnya {}.", contoh_tujuan(kanal)),
        )
    } else {
        let judul = format!("Uji notifikasi Desa {}", desa.nama);
        let pesan = format!(
            "Ini pesan uji dari Balai, sistem administrasi Desa {}. Bila pesan ini sampai, kanal {} sudah siap dipakai.",
            desa.nama,
            kanal.label()
        );
        match balai_kirim::kirim(&c.setelan, &tujuan, &judul, &pesan).await {
            Ok(b) => (true, format!("Berhasil dikirim. Jawaban gateway: {b}")),
            Err(e) => (false, format!("Gagal: {e}")),
        }
    });
    k.store
        .catat_akses(
            &desa.desa_id,
            &m.aktor(),
            "uji_kanal",
            "kanal_notifikasi",
            kanal.kode().into(),
        )
        .await?;
    tampil_halaman(
        &k,
        m,
        &desa,
        Tanya::default(),
        Ubahan {
            kartu: Some(kartu),
            ..Ubahan::kosong()
        },
        StatusCode::OK,
    )
    .await
}
