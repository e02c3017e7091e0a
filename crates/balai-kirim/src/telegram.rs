//! A Telegram bot sends a message to a chat id (Bot API `sendMessage`).

use crate::{GalatKirim, SetelanTelegram, baca_jawaban, galat_jaringan, klien};

pub(crate) fn periksa(t: &SetelanTelegram, g: &mut Vec<(&'static str, String)>) {
    crate::periksa_url(&t.url_api, "url_api", g);
    let token = t.token.trim();
    let sah = token.split_once(':').is_some_and(|(id, kunci)| {
        !id.is_empty()
            && id.chars().all(|c| c.is_ascii_digit())
            && !kunci.is_empty()
            && kunci
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    });
    if !sah {
        g.push((
            "token",
            "Token bot Telegram tidak sah: salin dari @BotFather, bentuknya 123456789:ABC-def…."
                .into(),
        ));
    }
}

pub(crate) async fn kirim(
    t: &SetelanTelegram,
    chat_id: &str,
    pesan: &str,
) -> Result<String, GalatKirim> {
    let url = format!(
        "{}/bot{}/sendMessage",
        t.url_api.trim().trim_end_matches('/'),
        t.token.trim()
    );
    let r = klien()?
        .post(url)
        .json(&serde_json::json!({"chat_id": chat_id, "text": pesan}))
        .send()
        .await
        .map_err(galat_jaringan)?;
    baca_jawaban(r).await
}
