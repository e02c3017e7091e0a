//! What the web test files share: a server on a real port, a client that keeps cookies and
//! does not follow redirects, and the CSRF token of a page.

use balai_store::Store;
use reqwest::redirect::Policy;

/// Serves `store` on 127.0.0.1 and a free port until the returned sender is dropped.
pub async fn server(
    store: Store,
    setelan: balai_web::Setelan,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        balai_web::jalankan(store, &setelan, listener, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (url, tx)
}

pub fn klien() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token of the first form on a page.
pub async fn csrf(c: &reqwest::Client, url: &str) -> String {
    let html = c.get(url).send().await.unwrap().text().await.unwrap();
    let i = html
        .find("name=\"_csrf\" value=\"")
        .expect("page has a form with a CSRF token")
        + 20;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}
