//! Notification settings of a village (admin): channels with presets and a test send, message
//! templates per event, the delivery log, and residents' Telegram chat ids.

use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_kirim::{
    FormatPayload, Kanal, KeamananSmtp, PRESET, SAMARAN, Setelan, SetelanHttp, SetelanSmtp,
    SetelanTelegram,
};
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::notifikasi::{
    EntriLogNotifikasi, NotifikasiKeluar, Peristiwa, STATUS, SaringNotifikasi, TemplatNotifikasi,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/notifikasi", get(halaman))
        .route("/desa/{kode}/notifikasi/kanal/{kanal}", post(simpan_kanal))
        .route("/desa/{kode}/notifikasi/kanal/{kanal}/uji", post(uji_kanal))
        .route(
            "/desa/{kode}/notifikasi/templat/{peristiwa}",
            get(form_templat).post(simpan_templat),
        )
        .route(
            "/desa/{kode}/notifikasi/templat/{peristiwa}/bawaan",
            post(kembalikan_templat),
        )
        .route("/desa/{kode}/notifikasi/telegram", post(simpan_telegram))
}

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
pub struct KartuKanal {
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

fn kartu(
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

#[derive(Template)]
#[template(path = "notifikasi.html")]
struct Halaman {
    k: Kerangka,
    kanal: Vec<KartuKanal>,
    templat: Vec<TemplatNotifikasi>,
    keluar: Vec<NotifikasiKeluar>,
    log: Vec<EntriLogNotifikasi>,
    ringkasan: Vec<(String, i64)>,
    status: &'static [(&'static str, &'static str)],
    saring: String,
    /// Id for "older rows" when the page is full.
    lanjut: Option<Uuid>,
    zona: chrono::FixedOffset,
    galat_telegram: DaftarGalat,
    f_telegram: Isian,
}

impl Halaman {
    fn waktu(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.zona)
            .format("%d-%m-%Y %H:%M")
            .to_string()
    }
    fn waktu_opsi(&self, t: &Option<DateTime<Utc>>) -> String {
        t.as_ref().map(|t| self.waktu(t)).unwrap_or_default()
    }
    /// The badge colour of a status.
    fn kelas(&self, status: &str) -> &'static str {
        match status {
            "terkirim" => "diterbitkan",
            "gagal" => "ditolak",
            "menunggu" => "sla-hampir",
            _ => "",
        }
    }
    fn jumlah(&self, status: &str) -> i64 {
        self.ringkasan
            .iter()
            .find(|(s, _)| s == status)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

#[derive(serde::Deserialize, Default)]
struct Tanya {
    ok: Option<String>,
    status: Option<String>,
    sebelum: Option<Uuid>,
}

const PER_HALAMAN: i64 = 50;

fn pesan_berhasil(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "kanal" => "Setelan kanal telah disimpan.",
        "templat" => "Templat pesan telah disimpan.",
        "bawaan" => "Templat pesan telah dikembalikan ke teks bawaan.",
        "telegram" => "Chat id Telegram penduduk telah disimpan.",
        _ => return None,
    })
}

struct Ubahan {
    /// A channel card to show with what was typed, errors or a test result.
    kartu: Option<KartuKanal>,
    galat_telegram: DaftarGalat,
    f_telegram: Isian,
}

impl Ubahan {
    fn kosong() -> Self {
        Ubahan {
            kartu: None,
            galat_telegram: DaftarGalat::default(),
            f_telegram: Isian::default(),
        }
    }
}

async fn tampil_halaman(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    t: Tanya,
    u: Ubahan,
    status_http: StatusCode,
) -> Result<Response, GalatWeb> {
    let saring = t
        .status
        .filter(|s| STATUS.iter().any(|(k, _)| k == s))
        .unwrap_or_default();
    let keluar = k
        .store
        .kotak_keluar(
            &desa.desa_id,
            &SaringNotifikasi {
                status: Some(saring.clone()).filter(|s| !s.is_empty()),
                sebelum: t.sebelum,
                batas: PER_HALAMAN,
            },
        )
        .await?;
    let lanjut = (keluar.len() as i64 == PER_HALAMAN)
        .then(|| keluar.last().map(|r| r.id))
        .flatten();
    let mut kanal: Vec<KartuKanal> = k
        .store
        .kanal_notifikasi(&desa.desa_id)
        .await?
        .into_iter()
        .map(|c| kartu(c.kanal, c.aktif, c.diubah_pada.is_some(), &c.setelan, ""))
        .collect();
    if let Some(ganti) = u.kartu {
        for c in kanal.iter_mut() {
            if c.kode == ganti.kode {
                *c = ganti;
                break;
            }
        }
    }
    let mut kr = Kerangka::baru(m, Some(desa), "notifikasi", "Notifikasi warga");
    kr.pesan = t.ok.as_deref().and_then(pesan_berhasil).map(str::to_string);
    let html = tampil(&Halaman {
        k: kr,
        kanal,
        templat: k.store.templat_notifikasi(&desa.desa_id).await?,
        keluar,
        log: k.store.log_notifikasi(&desa.desa_id, None, 30).await?,
        ringkasan: k.store.ringkasan_notifikasi(&desa.desa_id).await?,
        status: &STATUS,
        saring,
        lanjut,
        zona: desa.zona().offset(),
        galat_telegram: u.galat_telegram,
        f_telegram: u.f_telegram,
    })?;
    Ok((status_http, html).into_response())
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(t): Query<Tanya>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    tampil_halaman(&k, &m, &desa, t, Ubahan::kosong(), StatusCode::OK).await
}

fn kanal_dari(kode: &str) -> Result<Kanal, GalatWeb> {
    Kanal::dari_kode(kode).ok_or(GalatWeb::TidakDitemukan)
}

async fn simpan_kanal(
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
async fn uji_kanal(
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

#[derive(Template)]
#[template(path = "notifikasi_templat.html")]
struct HalamanTemplat {
    k: Kerangka,
    peristiwa: Peristiwa,
    judul: String,
    isi: String,
    bawaan: bool,
    galat: DaftarGalat,
}

fn peristiwa_dari(kode: &str) -> Result<Peristiwa, GalatWeb> {
    Peristiwa::dari_kode(kode).ok_or(GalatWeb::TidakDitemukan)
}

async fn form_templat(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, peristiwa)): Path<(String, String)>,
) -> Result<Response, GalatWeb> {
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    let t = k
        .store
        .templat_notifikasi(&desa.desa_id)
        .await?
        .into_iter()
        .find(|t| t.peristiwa == p)
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(tampil(&HalamanTemplat {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "notifikasi",
            format!("Templat: {}", p.label()),
        ),
        peristiwa: p,
        judul: t.judul,
        isi: t.isi,
        bawaan: t.bawaan,
        galat: DaftarGalat::default(),
    })?
    .into_response())
}

async fn simpan_templat(
    State(k): State<Bersama>,
    Path((kode, peristiwa)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    let (judul, isi) = (kir.isian.get("judul"), kir.isian.get("isi"));
    match k
        .store
        .simpan_templat_notifikasi(&desa.desa_id, p, judul, isi, &m.aktor())
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/notifikasi?ok=templat#templat",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(galat)) => {
            let html = tampil(&HalamanTemplat {
                k: Kerangka::baru(
                    m,
                    Some(&desa),
                    "notifikasi",
                    format!("Templat: {}", p.label()),
                ),
                peristiwa: p,
                judul: judul.to_string(),
                isi: isi.to_string(),
                bawaan: false,
                galat,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn kembalikan_templat(
    State(k): State<Bersama>,
    Path((kode, peristiwa)): Path<(String, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let p = peristiwa_dari(&peristiwa)?;
    k.store
        .kembalikan_templat_notifikasi(&desa.desa_id, p, &m.aktor())
        .await?;
    Ok(Redirect::to(&format!(
        "/desa/{}/notifikasi?ok=bawaan#templat",
        desa.desa_id
    ))
    .into_response())
}

/// Links a resident (by NIK) to the Telegram chat id they receive messages at; an empty chat
/// id removes the link.
async fn simpan_telegram(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    m.wajib_kelola()?;
    let desa = m.desa(&k, &kode).await?;
    let f = &kir.isian;
    let nik: String = f
        .get("nik")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let hasil = match k.store.penduduk_by_nik(&desa.desa_id, &nik).await? {
        None => Err(Galat::isian(
            "nik",
            "NIK tidak ditemukan di data penduduk desa ini.",
        )),
        Some(p) => {
            k.store
                .simpan_telegram_penduduk(&desa.desa_id, p.id, Some(f.get("chat_id")), &m.aktor())
                .await
        }
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{}/notifikasi?ok=telegram#telegram",
            desa.desa_id
        ))
        .into_response()),
        Err(Galat::Isian(g)) => {
            tampil_halaman(
                &k,
                m,
                &desa,
                Tanya::default(),
                Ubahan {
                    kartu: None,
                    galat_telegram: g,
                    f_telegram: f.clone(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
