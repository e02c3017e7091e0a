//! Ready-made settings for the gateways villages commonly use. The admin still fills in the
//! token (and for some, the server or phone number id in the URL).

use crate::{FormatPayload, Kanal, SetelanHttp};

pub struct Preset {
    pub kode: &'static str,
    pub nama: &'static str,
    pub kanal: Kanal,
    /// What the admin still has to do, shown beside the picker.
    pub petunjuk: &'static str,
    pub url: &'static str,
    pub metode: &'static str,
    pub header_nama: &'static str,
    pub header_nilai: &'static str,
    pub format: FormatPayload,
    pub templat_payload: &'static str,
}

impl Preset {
    /// The settings this preset gives, with `token` (kept from what was stored).
    pub fn setelan(&self, token: &str) -> SetelanHttp {
        SetelanHttp {
            preset: self.kode.into(),
            url: self.url.into(),
            metode: self.metode.into(),
            header_nama: self.header_nama.into(),
            header_nilai: self.header_nilai.into(),
            token: token.into(),
            format: self.format,
            templat_payload: self.templat_payload.into(),
        }
    }
}

pub const PRESET: &[Preset] = &[
    Preset {
        kode: "fonnte",
        nama: "Fonnte",
        kanal: Kanal::WhatsApp,
        petunjuk: "Isi token perangkat dari dasbor Fonnte (menu Device → Token).",
        url: "https://api.fonnte.com/send",
        metode: "POST",
        header_nama: "Authorization",
        header_nilai: "{token}",
        format: FormatPayload::Form,
        templat_payload: "target={tujuan}&message={pesan}",
    },
    Preset {
        kode: "wablas",
        nama: "Wablas",
        kanal: Kanal::WhatsApp,
        petunjuk: "Ganti SERVER di URL dengan server akun Wablas Anda (misalnya tegal), lalu isi token dari dasbor Wablas.",
        url: "https://SERVER.wablas.com/api/send-message",
        metode: "POST",
        header_nama: "Authorization",
        header_nilai: "{token}",
        format: FormatPayload::Form,
        templat_payload: "phone={tujuan}&message={pesan}",
    },
    Preset {
        kode: "whatsapp_cloud",
        nama: "WhatsApp Business Cloud API (Meta)",
        kanal: Kanal::WhatsApp,
        petunjuk: "Ganti ID_NOMOR di URL dengan Phone number ID dari Meta for Developers, lalu isi access token permanen. Pesan teks bebas hanya sampai ke warga yang menghubungi nomor desa dalam 24 jam terakhir; di luar itu Meta mensyaratkan templat pesan yang disetujui.",
        url: "https://graph.facebook.com/v21.0/ID_NOMOR/messages",
        metode: "POST",
        header_nama: "Authorization",
        header_nilai: "Bearer {token}",
        format: FormatPayload::Json,
        templat_payload: "{\"messaging_product\":\"whatsapp\",\"to\":\"{tujuan}\",\"type\":\"text\",\"text\":{\"body\":\"{pesan}\"}}",
    },
    Preset {
        kode: "wa_umum",
        nama: "Gateway WhatsApp lain (JSON)",
        kanal: Kanal::WhatsApp,
        petunjuk: "Isi URL dan token dari penyedia, lalu sesuaikan nama isian di templat dengan dokumentasinya.",
        url: "https://",
        metode: "POST",
        header_nama: "Authorization",
        header_nilai: "Bearer {token}",
        format: FormatPayload::Json,
        templat_payload: "{\"phone\":\"{tujuan}\",\"message\":\"{pesan}\"}",
    },
    Preset {
        kode: "sms_umum",
        nama: "Gateway SMS (JSON)",
        kanal: Kanal::Sms,
        petunjuk: "Isi URL dan token dari penyedia SMS, lalu sesuaikan nama isian di templat dengan dokumentasinya.",
        url: "https://",
        metode: "POST",
        header_nama: "Authorization",
        header_nilai: "Bearer {token}",
        format: FormatPayload::Json,
        templat_payload: "{\"to\":\"{tujuan}\",\"message\":\"{pesan}\"}",
    },
    Preset {
        kode: "sms_form",
        nama: "Gateway SMS (form, kunci di isian)",
        kanal: Kanal::Sms,
        petunjuk: "Untuk penyedia yang meminta kunci API sebagai isian formulir (misalnya userkey dan passkey): tulis kunci yang tidak rahasia langsung di templat, dan yang rahasia sebagai token.",
        url: "https://",
        metode: "POST",
        header_nama: "",
        header_nilai: "",
        format: FormatPayload::Form,
        templat_payload: "userkey=KUNCI_PENGGUNA\npasskey={token}\nto={tujuan}\nmessage={pesan}",
    },
];

/// The preset with this code.
pub fn preset(kode: &str) -> Option<&'static Preset> {
    PRESET.iter().find(|p| p.kode == kode)
}
