//! Delivery of one message through one channel a village configured: WhatsApp or SMS through an
//! HTTP gateway, e-mail through SMTP, or a Telegram bot.
//!
//! The crate knows nothing of the database or of residents: it gets the channel's settings, an
//! address and a message, and answers with the gateway's reply or an error. Retrying, the
//! outbox and the delivery log live in `balai-store`; the sender loop in `balai-web`.
//!
//! Errors and replies never carry the token; they may carry a short excerpt of the gateway's
//! answer, which is shown to the village admin but must not go to the server's logs
//! (use [`GalatKirim::jenis`] there).

mod http;
mod preset;
mod smtp;
mod telegram;
mod templat;

pub use balai_domain::templat::isi_templat;
pub use preset::{PRESET, Preset, preset};

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long one delivery may take (connecting, sending and reading the reply).
pub const BATAS_WAKTU: Duration = Duration::from_secs(10);

/// What a masked secret looks like in forms and audit records.
pub const SAMARAN: &str = "••••••";

/// A delivery channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kanal {
    WhatsApp,
    Sms,
    Email,
    Telegram,
}

impl Kanal {
    pub const SEMUA: [Kanal; 4] = [Kanal::WhatsApp, Kanal::Sms, Kanal::Email, Kanal::Telegram];

    pub fn kode(self) -> &'static str {
        match self {
            Kanal::WhatsApp => "whatsapp",
            Kanal::Sms => "sms",
            Kanal::Email => "email",
            Kanal::Telegram => "telegram",
        }
    }

    pub fn dari_kode(s: &str) -> Option<Kanal> {
        Self::SEMUA.into_iter().find(|k| k.kode() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kanal::WhatsApp => "WhatsApp",
            Kanal::Sms => "SMS",
            Kanal::Email => "E-mail",
            Kanal::Telegram => "Telegram",
        }
    }

    /// True for channels addressed by a phone number.
    pub fn ke_telepon(self) -> bool {
        matches!(self, Kanal::WhatsApp | Kanal::Sms)
    }
}

/// Body format of an HTTP gateway request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatPayload {
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` (or the query string with GET).
    Form,
}

/// A WhatsApp or SMS gateway reached over HTTP.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SetelanHttp {
    /// The preset the settings started from ("fonnte", "wablas", …); informative only.
    pub preset: String,
    pub url: String,
    /// "POST" or "GET" (GET sends the form fields as the query string).
    pub metode: String,
    /// Header that carries the token, e.g. "Authorization"; empty for none.
    pub header_nama: String,
    /// Its value, with `{token}` where the token goes: "Bearer {token}" or just "{token}".
    pub header_nilai: String,
    /// The secret token or API key.
    pub token: String,
    pub format: FormatPayload,
    /// The body: JSON with `{tujuan}`, `{pesan}`, `{judul}`, `{token}` inside strings (inserted
    /// JSON-escaped), or form fields `name=value` separated by `&` or new lines.
    pub templat_payload: String,
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeamananSmtp {
    /// Plain text (only for a relay on the same machine or network).
    Tanpa,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl KeamananSmtp {
    pub fn kode(self) -> &'static str {
        match self {
            KeamananSmtp::Tanpa => "tanpa",
            KeamananSmtp::StartTls => "starttls",
            KeamananSmtp::Tls => "tls",
        }
    }
    pub fn dari_kode(s: &str) -> Option<KeamananSmtp> {
        [
            KeamananSmtp::Tanpa,
            KeamananSmtp::StartTls,
            KeamananSmtp::Tls,
        ]
        .into_iter()
        .find(|k| k.kode() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetelanSmtp {
    pub host: String,
    pub port: u16,
    pub keamanan: KeamananSmtp,
    pub username: String,
    pub password: String,
    /// The sender, "Pemerintah Desa Donorejo <desa@donorejo.id>" or just the address.
    pub pengirim: String,
}

impl Default for SetelanSmtp {
    fn default() -> Self {
        SetelanSmtp {
            host: String::new(),
            port: 587,
            keamanan: KeamananSmtp::StartTls,
            username: String::new(),
            password: String::new(),
            pengirim: String::new(),
        }
    }
}

/// The Telegram Bot API: a message to a chat id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetelanTelegram {
    pub token: String,
    /// https://api.telegram.org, or a local Bot API server.
    pub url_api: String,
}

impl Default for SetelanTelegram {
    fn default() -> Self {
        SetelanTelegram {
            token: String::new(),
            url_api: "https://api.telegram.org".into(),
        }
    }
}

/// The settings of one channel, tagged with the channel (stored as JSON by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kanal", rename_all = "lowercase")]
pub enum Setelan {
    WhatsApp(SetelanHttp),
    Sms(SetelanHttp),
    Email(SetelanSmtp),
    Telegram(SetelanTelegram),
}

impl Setelan {
    /// Empty settings of a channel (WhatsApp and SMS start from a preset's shape).
    pub fn bawaan(kanal: Kanal) -> Setelan {
        match kanal {
            Kanal::WhatsApp => Setelan::WhatsApp(SetelanHttp {
                metode: "POST".into(),
                ..Default::default()
            }),
            Kanal::Sms => Setelan::Sms(SetelanHttp {
                metode: "POST".into(),
                ..Default::default()
            }),
            Kanal::Email => Setelan::Email(SetelanSmtp::default()),
            Kanal::Telegram => Setelan::Telegram(SetelanTelegram::default()),
        }
    }

    pub fn kanal(&self) -> Kanal {
        match self {
            Setelan::WhatsApp(_) => Kanal::WhatsApp,
            Setelan::Sms(_) => Kanal::Sms,
            Setelan::Email(_) => Kanal::Email,
            Setelan::Telegram(_) => Kanal::Telegram,
        }
    }

    fn rahasia_mut(&mut self) -> &mut String {
        match self {
            Setelan::WhatsApp(h) | Setelan::Sms(h) => &mut h.token,
            Setelan::Email(s) => &mut s.password,
            Setelan::Telegram(t) => &mut t.token,
        }
    }

    /// The secret (token or password).
    pub fn rahasia(&self) -> &str {
        match self {
            Setelan::WhatsApp(h) | Setelan::Sms(h) => &h.token,
            Setelan::Email(s) => &s.password,
            Setelan::Telegram(t) => &t.token,
        }
    }

    /// A copy with the secret replaced by [`SAMARAN`] (when one is set), for audit records
    /// and pages.
    pub fn disamarkan(&self) -> Setelan {
        let mut s = self.clone();
        let r = s.rahasia_mut();
        if !r.is_empty() {
            *r = SAMARAN.into();
        }
        s
    }

    /// A secret field left empty (or still showing the mask) keeps the stored secret.
    pub fn pertahankan_rahasia(&mut self, lama: &Setelan) {
        if self.kanal() != lama.kanal() {
            return;
        }
        let r = self.rahasia_mut();
        if r.trim().is_empty() || r == SAMARAN {
            *r = lama.rahasia().to_string();
        }
    }

    /// Checks the settings before they are saved or used. Each problem names its field
    /// (the field names of the settings) in formal Indonesian.
    pub fn periksa(&self) -> Result<(), Vec<(&'static str, String)>> {
        let mut g = Vec::new();
        match self {
            Setelan::WhatsApp(h) | Setelan::Sms(h) => http::periksa(h, &mut g),
            Setelan::Email(s) => smtp::periksa(s, &mut g),
            Setelan::Telegram(t) => telegram::periksa(t, &mut g),
        }
        if g.is_empty() { Ok(()) } else { Err(g) }
    }

    /// The address as the channel needs it (phone numbers in 62… form), or why it is unusable.
    pub fn tujuan_sah(&self, tujuan: &str) -> Result<String, GalatKirim> {
        tujuan_sah(self.kanal(), tujuan)
    }
}

/// The address as `kanal` needs it: phone numbers in 62… form, e-mail addresses trimmed,
/// Telegram chat ids as digits (a leading minus for groups) or `@channel`.
pub fn tujuan_sah(kanal: Kanal, tujuan: &str) -> Result<String, GalatKirim> {
    let t = tujuan.trim();
    match kanal {
        Kanal::WhatsApp | Kanal::Sms => normalisasi_telepon(t).ok_or_else(|| {
            GalatKirim::Tujuan(
                "Nomor telepon tidak sah: tulis nomor ponsel Indonesia, misalnya 081234567890."
                    .into(),
            )
        }),
        Kanal::Email => {
            if t.parse::<lettre::Address>().is_ok() {
                Ok(t.to_string())
            } else {
                Err(GalatKirim::Tujuan(
                    "Alamat e-mail tidak sah, misalnya nama@contoh.id.".into(),
                ))
            }
        }
        Kanal::Telegram => {
            let angka = t.strip_prefix('-').unwrap_or(t);
            let sah_angka = !angka.is_empty() && angka.chars().all(|c| c.is_ascii_digit());
            let sah_nama = t.len() > 5
                && t.starts_with('@')
                && t[1..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if sah_angka || sah_nama {
                Ok(t.to_string())
            } else {
                Err(GalatKirim::Tujuan(
                    "Chat id Telegram tidak sah: tulis angka chat id (misalnya 123456789) atau @nama_kanal."
                        .into(),
                ))
            }
        }
    }
}

/// An Indonesian phone number in the international form without "+": "0812-3456-7890",
/// "+62 812 3456 7890" and "812345678 90" all become "6281234567890". `None` when it is not
/// a plausible number.
pub fn normalisasi_telepon(s: &str) -> Option<String> {
    let mut d = String::new();
    for (i, c) in s.trim().chars().enumerate() {
        match c {
            '0'..='9' => d.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    let d = if let Some(r) = d.strip_prefix('0') {
        format!("62{r}")
    } else if d.starts_with('8') {
        format!("62{d}")
    } else {
        d
    };
    (d.starts_with("62") && (10..=15).contains(&d.len())).then_some(d)
}

/// Why a delivery failed. The messages are for the village admin (formal Indonesian).
#[derive(Debug, thiserror::Error)]
pub enum GalatKirim {
    /// The channel's settings are incomplete or wrong; retrying will not help.
    #[error("Setelan kanal tidak lengkap atau salah: {0}")]
    Setelan(String),
    /// The address cannot be used on this channel; retrying will not help.
    #[error("{0}")]
    Tujuan(String),
    /// No answer: the gateway could not be reached or did not answer in time.
    #[error("Gateway tidak dapat dihubungi: {0}")]
    Jaringan(String),
    /// The gateway answered with an error.
    #[error("Gateway menjawab dengan status {status}: {isi}")]
    Gateway { status: u16, isi: String },
    /// The mail server refused or the SMTP conversation failed.
    #[error("Server e-mail menolak: {0}")]
    Smtp(String),
}

impl GalatKirim {
    /// True when trying again later cannot help (wrong settings or address).
    pub fn permanen(&self) -> bool {
        matches!(self, GalatKirim::Setelan(_) | GalatKirim::Tujuan(_))
    }

    /// A short kind for the server's logs, without any personal data or gateway text.
    pub fn jenis(&self) -> String {
        match self {
            GalatKirim::Setelan(_) => "setelan".into(),
            GalatKirim::Tujuan(_) => "tujuan".into(),
            GalatKirim::Jaringan(_) => "jaringan".into(),
            GalatKirim::Gateway { status, .. } => format!("status {status}"),
            GalatKirim::Smtp(_) => "smtp".into(),
        }
    }
}

/// Sends one message. `judul` is the e-mail subject (and `{judul}` in gateway templates);
/// `pesan` is the text. Answers a short summary of the gateway's reply.
pub async fn kirim(
    setelan: &Setelan,
    tujuan: &str,
    judul: &str,
    pesan: &str,
) -> Result<String, GalatKirim> {
    if let Err(g) = setelan.periksa() {
        let teks: Vec<String> = g.into_iter().map(|(_, p)| p).collect();
        return Err(GalatKirim::Setelan(teks.join(" ")));
    }
    let tujuan = setelan.tujuan_sah(tujuan)?;
    match setelan {
        Setelan::WhatsApp(h) | Setelan::Sms(h) => http::kirim(h, &tujuan, judul, pesan).await,
        Setelan::Email(s) => smtp::kirim(s, &tujuan, judul, pesan).await,
        Setelan::Telegram(t) => telegram::kirim(t, &tujuan, pesan).await,
    }
}

/// A short, single-line excerpt of a reply body.
pub(crate) fn cuplikan(isi: &str) -> String {
    let satu: String = isi.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut c: String = satu.chars().take(200).collect();
    if satu.chars().count() > 200 {
        c.push('…');
    }
    c
}

/// One HTTP client for every gateway: rustls, a time limit, no redirects (a gateway that
/// redirects is misconfigured, and the token must not follow a redirect elsewhere).
pub(crate) fn klien() -> Result<&'static reqwest::Client, GalatKirim> {
    static KLIEN: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    if let Some(k) = KLIEN.get() {
        return Ok(k);
    }
    let k = reqwest::Client::builder()
        .timeout(BATAS_WAKTU)
        .connect_timeout(BATAS_WAKTU)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Balai/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| GalatKirim::Jaringan(e.without_url().to_string()))?;
    Ok(KLIEN.get_or_init(|| k))
}

/// Reads a gateway's reply: 2xx is a summary, anything else an error with status and excerpt.
pub(crate) async fn baca_jawaban(r: reqwest::Response) -> Result<String, GalatKirim> {
    let status = r.status();
    let isi = r.text().await.unwrap_or_default();
    if status.is_success() {
        Ok(format!("HTTP {}: {}", status.as_u16(), cuplikan(&isi)))
    } else {
        Err(GalatKirim::Gateway {
            status: status.as_u16(),
            isi: cuplikan(&isi),
        })
    }
}

/// A request error without its URL (the Telegram token is part of the URL).
pub(crate) fn galat_jaringan(e: reqwest::Error) -> GalatKirim {
    let sebab = if e.is_timeout() {
        format!("tidak ada jawaban dalam {} detik", BATAS_WAKTU.as_secs())
    } else if e.is_connect() {
        "sambungan ditolak atau alamat tidak ditemukan".into()
    } else {
        e.without_url().to_string()
    };
    GalatKirim::Jaringan(sebab)
}

/// Checks a gateway address: absolute http(s) URL with a host.
pub(crate) fn periksa_url(url: &str, kolom: &'static str, g: &mut Vec<(&'static str, String)>) {
    let u = url.trim();
    if !(u.starts_with("http://") || u.starts_with("https://")) {
        g.push((
            kolom,
            "URL gateway harus diawali http:// atau https://".into(),
        ));
        return;
    }
    match reqwest::Url::parse(u) {
        Ok(p) if p.host_str().is_some_and(|h| !h.is_empty()) => {}
        _ => g.push((kolom, "URL gateway tidak dapat dibaca.".into())),
    }
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn nomor_telepon_dinormalkan_ke_62() {
        assert_eq!(
            normalisasi_telepon("0812-3456-7890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(
            normalisasi_telepon("+62 812 3456 7890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(
            normalisasi_telepon("81234567890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(
            normalisasi_telepon("6281234567890").as_deref(),
            Some("6281234567890")
        );
        assert_eq!(normalisasi_telepon("12345"), None);
        assert_eq!(normalisasi_telepon("0812abc"), None);
        assert_eq!(normalisasi_telepon(""), None);
    }

    #[test]
    fn rahasia_disamarkan_dan_dipertahankan() {
        let lama = Setelan::Telegram(SetelanTelegram {
            token: "123:rahasia".into(),
            ..Default::default()
        });
        let s = lama.disamarkan();
        assert_eq!(s.rahasia(), SAMARAN);
        let mut baru = Setelan::Telegram(SetelanTelegram::default());
        baru.pertahankan_rahasia(&lama);
        assert_eq!(baru.rahasia(), "123:rahasia");
        let json = serde_json::to_string(&lama).unwrap();
        assert!(json.contains("\"kanal\":\"telegram\""), "{json}");
        let balik: Setelan = serde_json::from_str(&json).unwrap();
        assert_eq!(balik, lama);
    }

    #[test]
    fn alamat_telegram_dan_email() {
        assert!(tujuan_sah(Kanal::Telegram, "123456").is_ok());
        assert!(tujuan_sah(Kanal::Telegram, "-100123").is_ok());
        assert!(tujuan_sah(Kanal::Telegram, "@kanal_desa").is_ok());
        assert!(tujuan_sah(Kanal::Telegram, "abc").is_err());
        assert!(tujuan_sah(Kanal::Email, "siti@contoh.id").is_ok());
        assert!(tujuan_sah(Kanal::Email, "bukan-email").is_err());
    }
}
