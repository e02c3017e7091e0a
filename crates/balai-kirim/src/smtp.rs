//! E-mail through an SMTP server (lettre).

use crate::{BATAS_WAKTU, GalatKirim, KeamananSmtp, SetelanSmtp};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub(crate) fn periksa(s: &SetelanSmtp, g: &mut Vec<(&'static str, String)>) {
    let host = s.host.trim();
    if host.is_empty() {
        g.push((
            "host",
            "Host server SMTP wajib diisi, misalnya smtp.gmail.com.".into(),
        ));
    } else if host.contains(['/', ':', ' ']) {
        g.push((
            "host",
            "Host SMTP ditulis tanpa skema dan port, misalnya smtp.gmail.com.".into(),
        ));
    }
    if s.port == 0 {
        g.push((
            "port",
            "Port SMTP harus angka 1–65535, biasanya 587 atau 465.".into(),
        ));
    }
    if s.pengirim.trim().parse::<Mailbox>().is_err() {
        g.push((
            "pengirim",
            "Alamat pengirim tidak sah. Tulis misalnya Pemerintah Desa <desa@contoh.id>.".into(),
        ));
    }
    if !s.username.trim().is_empty() && s.password.is_empty() {
        g.push((
            "password",
            "Kata sandi SMTP wajib diisi bila nama pengguna diisi.".into(),
        ));
    }
}

pub(crate) async fn kirim(
    s: &SetelanSmtp,
    tujuan: &str,
    judul: &str,
    pesan: &str,
) -> Result<String, GalatKirim> {
    let dari: Mailbox = s
        .pengirim
        .trim()
        .parse()
        .map_err(|_| GalatKirim::Setelan("alamat pengirim tidak sah".into()))?;
    let ke: Mailbox = tujuan
        .parse()
        .map_err(|_| GalatKirim::Tujuan("Alamat e-mail tidak sah.".into()))?;
    let surel = Message::builder()
        .from(dari)
        .to(ke)
        .subject(judul)
        .header(ContentType::TEXT_PLAIN)
        .body(pesan.to_string())
        .map_err(|e| GalatKirim::Setelan(e.to_string()))?;
    let host = s.host.trim().to_string();
    let tls =
        |h: &str| TlsParameters::new(h.to_string()).map_err(|e| GalatKirim::Setelan(e.to_string()));
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
        .port(s.port)
        .timeout(Some(BATAS_WAKTU))
        .tls(match s.keamanan {
            KeamananSmtp::Tanpa => Tls::None,
            KeamananSmtp::StartTls => Tls::Required(tls(&host)?),
            KeamananSmtp::Tls => Tls::Wrapper(tls(&host)?),
        });
    if !s.username.trim().is_empty() {
        b = b.credentials(Credentials::new(
            s.username.trim().to_string(),
            s.password.clone(),
        ));
    }
    let transport = b.build();
    // The whole conversation is bounded, not only each read.
    let hasil = tokio::time::timeout(BATAS_WAKTU * 2, transport.send(surel))
        .await
        .map_err(|_| {
            GalatKirim::Jaringan(format!(
                "server e-mail tidak menjawab dalam {} detik",
                (BATAS_WAKTU * 2).as_secs()
            ))
        })?;
    match hasil {
        Ok(r) => Ok(format!(
            "SMTP {}: {}",
            r.code(),
            crate::cuplikan(&r.message().collect::<Vec<_>>().join(" "))
        )),
        Err(e) if e.is_permanent() || e.is_transient() => {
            Err(GalatKirim::Smtp(crate::cuplikan(&e.to_string())))
        }
        Err(e) => Err(GalatKirim::Jaringan(crate::cuplikan(&e.to_string()))),
    }
}
