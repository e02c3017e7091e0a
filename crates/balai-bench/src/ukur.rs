//! Timing loop, summary statistics and a plain-text table.

use std::future::Future;
use std::time::{Duration, Instant};

/// Summary of one series of timings, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ringkas {
    pub n: usize,
    pub median: f64,
    pub p95: f64,
    pub min: f64,
    pub maks: f64,
}

/// Median (mean of the two middle values for an even count) and nearest-rank p95.
pub fn ringkas(mut ms: Vec<f64>) -> Option<Ringkas> {
    if ms.is_empty() {
        return None;
    }
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    let median = if n % 2 == 1 {
        ms[n / 2]
    } else {
        (ms[n / 2 - 1] + ms[n / 2]) / 2.0
    };
    let p95 = ms[(n * 95).div_ceil(100).max(1) - 1];
    Some(Ringkas {
        n,
        median,
        p95,
        min: ms[0],
        maks: ms[n - 1],
    })
}

/// How many calls to make.
#[derive(Debug, Clone, Copy)]
pub struct Rencana {
    /// Untimed calls first (caches, prepared statements, connections).
    pub warmup: usize,
    /// Timed calls (at least one).
    pub runs: usize,
    /// Stop timing once this much time has gone into the series, if `MIN_RUNS` are done.
    pub anggaran: Option<Duration>,
}

/// Timed calls made even when the time budget is spent (a p95 needs a few samples).
pub const MIN_RUNS: usize = 20;

/// Calls `f` as the plan says, one call at a time. Returns the summary of the timed calls and
/// the value of the last one.
pub async fn ukur<F, Fut, T, E>(r: Rencana, mut f: F) -> Result<(Ringkas, T), E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    for _ in 0..r.warmup {
        f().await?;
    }
    let runs = r.runs.max(1);
    let mut ms = Vec::with_capacity(runs);
    let mut akhir = None;
    let mulai = Instant::now();
    while ms.len() < runs {
        let t = Instant::now();
        let v = f().await?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        akhir = Some(v);
        if r.anggaran
            .is_some_and(|a| mulai.elapsed() > a && ms.len() >= MIN_RUNS.min(runs))
        {
            break;
        }
    }
    match (ringkas(ms), akhir) {
        (Some(r), Some(v)) => Ok((r, v)),
        _ => unreachable!("at least one timed run"),
    }
}

/// A left-aligned text table; the first column is left-aligned, the others right-aligned.
pub struct Tabel {
    judul: Vec<String>,
    isi: Vec<Vec<String>>,
}

impl Tabel {
    pub fn baru(judul: &[&str]) -> Tabel {
        Tabel {
            judul: judul.iter().map(|s| s.to_string()).collect(),
            isi: Vec::new(),
        }
    }

    pub fn baris(&mut self, sel: Vec<String>) {
        self.isi.push(sel);
    }

    pub fn cetak(&self) {
        let mut lebar: Vec<usize> = self.judul.iter().map(|j| j.chars().count()).collect();
        for b in &self.isi {
            for (i, s) in b.iter().enumerate() {
                if let Some(l) = lebar.get_mut(i) {
                    *l = (*l).max(s.chars().count());
                }
            }
        }
        let tulis = |sel: &[String]| {
            let bagian: Vec<String> = sel
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let l = lebar.get(i).copied().unwrap_or(0);
                    if i == 0 {
                        format!("{s:<l$}")
                    } else {
                        format!("{s:>l$}")
                    }
                })
                .collect();
            println!("{}", bagian.join("  "));
        };
        tulis(&self.judul);
        println!(
            "{}",
            lebar
                .iter()
                .map(|l| "-".repeat(*l))
                .collect::<Vec<_>>()
                .join("  ")
        );
        for b in &self.isi {
            tulis(b);
        }
    }
}

/// Serves `store` on 127.0.0.1 and a free port until the returned sender is dropped or fired;
/// returns the base address (`http://127.0.0.1:PORT`).
pub async fn server(
    store: &balai_store::Store,
) -> Result<(String, tokio::sync::oneshot::Sender<()>), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let (henti, tunggu) = tokio::sync::oneshot::channel::<()>();
    let s = store.clone();
    tokio::spawn(async move {
        let _ = balai_web::jalankan(s, &balai_web::Setelan::default(), listener, async {
            let _ = tunggu.await;
        })
        .await;
    });
    Ok((url, henti))
}

/// A client logged in to the staff pages of the server at `url` (cookies kept, no redirects
/// followed).
pub async fn masuk(url: &str, pengguna: &str, sandi: &str) -> Result<reqwest::Client, String> {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let html = c
        .get(format!("{url}/masuk"))
        .send()
        .await
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    let i = html
        .find("name=\"_csrf\" value=\"")
        .ok_or("tanpa token CSRF")?
        + 20;
    let token = &html[i..i + html[i..].find('"').ok_or("token rusak")?];
    let r = c
        .post(format!("{url}/masuk"))
        .form(&[
            ("_csrf", token),
            ("username", pengguna),
            ("password", sandi),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !r.status().is_redirection() {
        return Err(format!("gagal masuk: {}", r.status()));
    }
    Ok(c)
}

/// The password of the staff accounts the benchmarks log in with.
pub const SANDI: &str = "sandi-tolok-ukur-1";

/// The staff account `username` of village `desa` a benchmark logs in with (password
/// [`SANDI`]), made the first time.
pub async fn akun(
    store: &balai_store::Store,
    username: &str,
    peran: balai_store::pengguna::Peran,
    desa: &str,
) -> Result<(), String> {
    let e = |e: balai_store::Galat| e.to_string();
    if store
        .pengguna_by_username(username)
        .await
        .map_err(e)?
        .is_none()
    {
        let a = balai_store::pengguna::PenggunaBaru {
            username,
            nama: username,
            kata_sandi: SANDI,
            peran,
            desa_id: Some(desa),
            cakupan: "",
        };
        store
            .tambah_pengguna(&a, &balai_store::Aktor::sistem())
            .await
            .map_err(e)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_dan_p95() {
        let r = ringkas((1..=100).map(f64::from).collect()).unwrap();
        assert_eq!(r.median, 50.5);
        assert_eq!(r.p95, 95.0);
        assert_eq!(r.min, 1.0);
        assert_eq!(r.maks, 100.0);
        let r = ringkas(vec![3.0, 1.0, 2.0]).unwrap();
        assert_eq!(r.median, 2.0);
        assert_eq!(r.p95, 3.0);
        assert!(ringkas(Vec::new()).is_none());
    }
}
