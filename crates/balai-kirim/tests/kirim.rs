//! Each channel against a real local server started by the test: an HTTP server standing in
//! for the WhatsApp/SMS gateway and the Telegram Bot API, and a small SMTP server.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::routing::any;
use balai_kirim::{
    FormatPayload, GalatKirim, KeamananSmtp, Setelan, SetelanHttp, SetelanSmtp, SetelanTelegram,
    kirim, preset,
};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Debug, Clone)]
struct Diterima {
    metode: Method,
    jalur: String,
    header: HeaderMap,
    isi: String,
}

#[derive(Clone)]
struct Gateway {
    diterima: Arc<Mutex<Vec<Diterima>>>,
    status: StatusCode,
}

async fn tangkap(
    State(g): State<Gateway>,
    metode: Method,
    uri: Uri,
    header: HeaderMap,
    isi: Bytes,
) -> (StatusCode, &'static str) {
    g.diterima.lock().unwrap().push(Diterima {
        metode,
        jalur: uri.to_string(),
        header,
        isi: String::from_utf8_lossy(&isi).into_owned(),
    });
    (g.status, "{\"status\":true,\"detail\":\"terkirim\"}")
}

/// An HTTP server on a free local port answering every request with `status`.
async fn gateway(status: StatusCode) -> (String, Arc<Mutex<Vec<Diterima>>>) {
    let diterima = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new().fallback(any(tangkap)).with_state(Gateway {
        diterima: diterima.clone(),
        status,
    });
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });
    (url, diterima)
}

const PESAN: &str = "Permohonan \"Surat Keterangan Usaha\" diterima.\nTerima kasih.";

#[tokio::test]
async fn whatsapp_cloud_api_menerima_json_dan_bearer() {
    let (url, diterima) = gateway(StatusCode::OK).await;
    let p = preset("whatsapp_cloud").unwrap();
    let mut h = p.setelan("EAAG-rahasia");
    h.url = format!("{url}/v21.0/1234567/messages");
    let balasan = kirim(&Setelan::WhatsApp(h), "0812-3456-7890", "Judul", PESAN)
        .await
        .unwrap();
    assert!(balasan.starts_with("HTTP 200"), "{balasan}");
    let d = diterima.lock().unwrap()[0].clone();
    assert_eq!(d.metode, Method::POST);
    assert_eq!(d.jalur, "/v21.0/1234567/messages");
    assert_eq!(d.header["authorization"], "Bearer EAAG-rahasia");
    assert_eq!(d.header["content-type"], "application/json");
    let v: serde_json::Value = serde_json::from_str(&d.isi).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "messaging_product": "whatsapp",
            "to": "6281234567890",
            "type": "text",
            "text": {"body": PESAN}
        })
    );
}

#[tokio::test]
async fn fonnte_menerima_form_dan_token_polos() {
    let (url, diterima) = gateway(StatusCode::OK).await;
    let mut h = preset("fonnte").unwrap().setelan("tok123");
    h.url = format!("{url}/send");
    kirim(
        &Setelan::WhatsApp(h),
        "+62 812 3456 7890",
        "Judul",
        "Halo & selamat",
    )
    .await
    .unwrap();
    let d = diterima.lock().unwrap()[0].clone();
    assert_eq!(d.header["authorization"], "tok123");
    assert_eq!(
        d.header["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(d.isi, "target=6281234567890&message=Halo+%26+selamat");
}

#[tokio::test]
async fn sms_lewat_get_mengirim_isian_di_alamat() {
    let (url, diterima) = gateway(StatusCode::OK).await;
    let h = SetelanHttp {
        url: format!("{url}/api/sms"),
        metode: "GET".into(),
        format: FormatPayload::Form,
        token: "kunci".into(),
        templat_payload: "key={token}\nto={tujuan}\ntext={judul}: {pesan}".into(),
        ..Default::default()
    };
    kirim(&Setelan::Sms(h), "081234567890", "Info", "Surat siap")
        .await
        .unwrap();
    let d = diterima.lock().unwrap()[0].clone();
    assert_eq!(d.metode, Method::GET);
    assert_eq!(
        d.jalur,
        "/api/sms?key=kunci&to=6281234567890&text=Info%3A+Surat+siap"
    );
}

#[tokio::test]
async fn telegram_mengirim_ke_chat_id() {
    let (url, diterima) = gateway(StatusCode::OK).await;
    let t = SetelanTelegram {
        token: "123456:ABC-def_9".into(),
        url_api: format!("{url}/"),
    };
    kirim(&Setelan::Telegram(t), "987654", "Judul", PESAN)
        .await
        .unwrap();
    let d = diterima.lock().unwrap()[0].clone();
    assert_eq!(d.jalur, "/bot123456:ABC-def_9/sendMessage");
    let v: serde_json::Value = serde_json::from_str(&d.isi).unwrap();
    assert_eq!(v, serde_json::json!({"chat_id": "987654", "text": PESAN}));
}

#[tokio::test]
async fn gateway_yang_menjawab_500_adalah_galat_dengan_status() {
    let (url, _) = gateway(StatusCode::INTERNAL_SERVER_ERROR).await;
    let mut h = preset("sms_umum").unwrap().setelan("t");
    h.url = format!("{url}/kirim");
    let e = kirim(&Setelan::Sms(h), "081234567890", "J", "P")
        .await
        .unwrap_err();
    match &e {
        GalatKirim::Gateway { status, isi } => {
            assert_eq!(*status, 500);
            assert!(isi.contains("terkirim"), "{isi}");
        }
        lain => panic!("{lain:?}"),
    }
    assert!(!e.permanen());
    assert_eq!(e.jenis(), "status 500");
}

#[tokio::test]
async fn gateway_yang_tidak_ada_adalah_galat_jaringan_tanpa_token() {
    // A port that was free a moment ago: nothing listens there.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let alamat = l.local_addr().unwrap();
    drop(l);
    let t = SetelanTelegram {
        token: "123456:RAHASIA".into(),
        url_api: format!("http://{alamat}"),
    };
    let e = kirim(&Setelan::Telegram(t), "1", "J", "P")
        .await
        .unwrap_err();
    assert!(matches!(e, GalatKirim::Jaringan(_)), "{e:?}");
    assert!(!e.to_string().contains("RAHASIA"), "{e}");
}

#[tokio::test]
async fn nomor_yang_salah_ditolak_tanpa_mengirim() {
    let (url, diterima) = gateway(StatusCode::OK).await;
    let mut h = preset("fonnte").unwrap().setelan("t");
    h.url = format!("{url}/send");
    let e = kirim(&Setelan::WhatsApp(h), "12-ab", "J", "P")
        .await
        .unwrap_err();
    assert!(e.permanen());
    assert!(diterima.lock().unwrap().is_empty());
}

/// What the SMTP server saw.
#[derive(Debug, Default, Clone)]
struct Surel {
    dari: String,
    ke: Vec<String>,
    auth: Option<String>,
    data: String,
}

/// A minimal SMTP server for one message: greeting, EHLO (offering AUTH PLAIN), AUTH, MAIL,
/// RCPT, DATA up to the lone dot, QUIT.
async fn server_smtp() -> (u16, tokio::sync::oneshot::Receiver<Surel>) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (sock, _) = l.accept().await.unwrap();
        let (baca, mut tulis) = sock.into_split();
        let mut baca = BufReader::new(baca);
        let mut s = Surel::default();
        tulis.write_all(b"220 uji.lokal ESMTP\r\n").await.unwrap();
        let mut baris = String::new();
        loop {
            baris.clear();
            if baca.read_line(&mut baris).await.unwrap() == 0 {
                break;
            }
            let b = baris.trim_end().to_string();
            let besar = b.to_ascii_uppercase();
            let jawab: &[u8] = if besar.starts_with("EHLO") {
                b"250-uji.lokal\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
            } else if besar.starts_with("HELO") {
                b"250 uji.lokal\r\n"
            } else if besar.starts_with("AUTH PLAIN") {
                s.auth = b.split_whitespace().nth(2).map(str::to_string);
                b"235 2.7.0 Authentication successful\r\n"
            } else if besar.starts_with("MAIL FROM") {
                s.dari = b[10..].to_string();
                b"250 OK\r\n"
            } else if besar.starts_with("RCPT TO") {
                s.ke.push(b[8..].to_string());
                b"250 OK\r\n"
            } else if besar == "DATA" {
                tulis
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .unwrap();
                loop {
                    let mut l = String::new();
                    baca.read_line(&mut l).await.unwrap();
                    if l == ".\r\n" {
                        break;
                    }
                    s.data.push_str(&l);
                }
                b"250 OK antre 42\r\n"
            } else if besar == "QUIT" {
                tulis.write_all(b"221 Bye\r\n").await.unwrap();
                break;
            } else {
                b"250 OK\r\n"
            };
            tulis.write_all(jawab).await.unwrap();
        }
        let _ = tx.send(s);
    });
    (port, rx)
}

#[tokio::test]
async fn email_sampai_ke_server_smtp_lokal() {
    let (port, rx) = server_smtp().await;
    let s = SetelanSmtp {
        host: "127.0.0.1".into(),
        port,
        keamanan: KeamananSmtp::Tanpa,
        username: "desa".into(),
        password: "sandi-smtp".into(),
        pengirim: "Pemerintah Desa Donorejo <desa@donorejo.contoh>".into(),
    };
    let balasan = kirim(
        &Setelan::Email(s),
        "siti@contoh.id",
        "Surat Anda siap diambil",
        "Surat nomor 470/12/2026 siap diambil.",
    )
    .await
    .unwrap();
    assert!(balasan.starts_with("SMTP 250"), "{balasan}");
    let s = rx.await.unwrap();
    assert_eq!(s.dari, "<desa@donorejo.contoh>");
    assert_eq!(s.ke, vec!["<siti@contoh.id>".to_string()]);
    assert!(
        s.data.contains("Subject: Surat Anda siap diambil"),
        "{}",
        s.data
    );
    assert!(s.data.contains("To: siti@contoh.id"), "{}", s.data);
    assert!(
        s.data.contains("Surat nomor 470/12/2026 siap diambil."),
        "{}",
        s.data
    );
    // AUTH PLAIN is base64 of "\0user\0password".
    let auth = s.auth.unwrap();
    assert_eq!(auth, "AGRlc2EAc2FuZGktc210cA==");
}

#[test]
fn setelan_salah_menyebut_isiannya() {
    let g = Setelan::Email(SetelanSmtp {
        host: "smtp://contoh".into(),
        port: 0,
        pengirim: "bukan alamat".into(),
        ..Default::default()
    })
    .periksa()
    .unwrap_err();
    let kolom: Vec<&str> = g.iter().map(|(k, _)| *k).collect();
    assert_eq!(kolom, vec!["host", "port", "pengirim"]);
    let g = Setelan::Telegram(SetelanTelegram::default())
        .periksa()
        .unwrap_err();
    assert_eq!(g[0].0, "token");
}
