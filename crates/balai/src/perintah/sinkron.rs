//! `balai sync …`: the village node's side of the district exchange over HTTPS, the district's
//! credentials, and the background loop `serve` runs on a node.

use super::{Hasil, buka, pesan};
use crate::konfigurasi::Konfigurasi;
use balai_store::sinkron::{HalamanAwal, Jabat, JawabDorong, JawabJabat, Paket, Saluran, kemas};
use balai_store::{Aktor, Galat, Store};
use balai_web::mampat::{self, Cara, Tingkat};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArgSinkron {
    #[command(subcommand)]
    pub perintah: Option<PerintahSinkron>,
    /// Alamat server kabupaten (bawaan: yang dicatat oleh `sync init`)
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Kredensial sinkron desa ini (bawaan: yang dicatat oleh `sync init`)
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum PerintahSinkron {
    /// Di server kabupaten: membuat kredensial sinkron baru untuk satu desa
    Token {
        /// Kode desa, 10 angka (boleh bertitik)
        #[arg(long, value_name = "KODE")]
        desa: String,
    },
    /// Di server kabupaten: mencabut kredensial sinkron
    Cabut {
        #[arg(long, value_name = "KODE")]
        desa: String,
        /// Id kredensial (lihat halaman Sinkron di admin)
        #[arg(long)]
        id: uuid::Uuid,
    },
    /// Di komputer desa yang baru atau kosong: menjadikannya simpul desa dan menarik seluruh datanya
    Init {
        #[arg(long, value_name = "URL")]
        server: String,
        #[arg(long, value_name = "TOKEN")]
        token: String,
    },
    /// Menampilkan keadaan sinkron instalasi ini
    Status,
}

/// The district server over HTTP(S), with the bytes sent and received counted.
pub struct Http {
    klien: reqwest::Client,
    server: String,
    token: String,
    /// zstd for what this node sends, once the opening shows the server speaks it.
    zstd: OnceLock<bool>,
    pub terkirim: Arc<AtomicU64>,
    pub diterima: Arc<AtomicU64>,
}

/// HTTPS, or plain HTTP to this computer only (tests, a server on the same PC).
fn periksa_alamat(server: &str) -> Result<String, String> {
    let s = server.trim().trim_end_matches('/').to_string();
    if s.starts_with("http://") {
        let lokal = match reqwest::Url::parse(&s)
            .ok()
            .and_then(|u| u.host().map(|h| h.to_owned()))
        {
            Some(url::Host::Domain(d)) => d == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        if !lokal {
            return Err(format!(
                "alamat server {s} memakai http tanpa enkripsi; gunakan https:// (http hanya untuk 127.0.0.1)"
            ));
        }
    } else if !s.starts_with("https://") {
        return Err(format!(
            "alamat server {s:?} tidak sah; contoh: https://balai.batangkab.go.id"
        ));
    }
    Ok(s)
}

impl Http {
    pub fn baru(server: &str, token: &str) -> Result<Http, String> {
        let server = periksa_alamat(server)?;
        let klien = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(180))
            .user_agent(concat!("balai-sinkron/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Http {
            klien,
            server,
            token: token.trim().to_string(),
            zstd: OnceLock::new(),
            terkirim: Arc::default(),
            diterima: Arc::default(),
        })
    }

    async fn kirim<T: DeserializeOwned>(
        &self,
        jalur: &str,
        isi: Option<(Vec<u8>, Tingkat)>,
    ) -> Result<T, Galat> {
        let url = format!("{}{jalur}", self.server);
        let mut r = match &isi {
            Some(_) => self.klien.post(&url),
            None => self.klien.get(&url),
        }
        .bearer_auth(&self.token)
        .header("Accept-Encoding", "zstd, gzip");
        if let Some((isi, tingkat)) = isi {
            let cara = if self.zstd.get() == Some(&true) {
                Cara::Zstd
            } else {
                Cara::Gzip
            };
            let padat =
                mampat::mampatkan(&isi, cara, tingkat).map_err(|e| Galat::Lain(e.to_string()))?;
            self.terkirim
                .fetch_add(padat.len() as u64, Ordering::Relaxed);
            r = r
                .header("Content-Encoding", cara.header().unwrap_or("identity"))
                .header("Content-Type", "application/json")
                .body(padat);
        }
        let jawaban = r.send().await.map_err(|e| {
            Galat::Lain(format!(
                "server kabupaten {} tidak dapat dihubungi ({}). Tidak ada data yang hilang: \
                 perubahan tetap tersimpan di komputer ini dan dikirim pada sinkron berikutnya.",
                self.server,
                sebab(&e)
            ))
        })?;
        let status = jawaban.status();
        let cara = Cara::dari_header(
            jawaban
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok()),
        );
        let badan = jawaban.bytes().await.map_err(|e| {
            Galat::Lain(format!(
                "sambungan ke server kabupaten terputus ({}); tidak ada data yang hilang, coba lagi.",
                sebab(&e)
            ))
        })?;
        self.diterima
            .fetch_add(badan.len() as u64, Ordering::Relaxed);
        let teks =
            mampat::urai_paling_banyak(&badan, cara, mampat::BATAS_JAWABAN).map_err(|_| {
                Galat::Lain(
                    "jawaban server terpotong atau rusak; tidak ada data yang hilang, coba lagi."
                        .into(),
                )
            })?;
        if !status.is_success() {
            let detail = serde_json::from_slice::<serde_json::Value>(&teks)
                .ok()
                .and_then(|v| v["detail"].as_str().map(str::to_string))
                .unwrap_or_else(|| format!("status HTTP {status}"));
            return Err(Galat::Ditolak(format!(
                "server kabupaten menolak: {detail}"
            )));
        }
        serde_json::from_slice(&teks)
            .map_err(|e| Galat::Lain(format!("jawaban server tidak dapat dibaca: {e}")))
    }

    fn json<T: Serialize>(v: &T) -> Result<Vec<u8>, Galat> {
        serde_json::to_vec(v).map_err(|e| Galat::Lain(e.to_string()))
    }
}

fn sebab(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "waktu habis"
    } else if e.is_connect() {
        "tidak tersambung"
    } else {
        "sambungan gagal"
    }
}

impl Saluran for Http {
    async fn jabat(&self, j: &Jabat) -> Result<JawabJabat, Galat> {
        let jj: JawabJabat = self
            .kirim(
                "/api/v1/sinkron/jabat",
                Some((Self::json(j)?, Tingkat::Biasa)),
            )
            .await?;
        // A server that fingerprints its packing also reads zstd.
        let _ = self.zstd.set(!jj.sidik_kemas.is_empty());
        Ok(jj)
    }
    async fn dorong(&self, p: &Paket) -> Result<JawabDorong, Galat> {
        self.kirim(
            "/api/v1/sinkron/dorong",
            Some((Self::json(p)?, Tingkat::untuk(p))),
        )
        .await
    }
    async fn tarik(&self, sejak: i64) -> Result<Paket, Galat> {
        self.kirim(
            &format!(
                "/api/v1/sinkron/tarik?sejak={sejak}&kemas={}",
                kemas::sidik()
            ),
            None,
        )
        .await
    }
    async fn awal(&self, tabel: &str, setelah: Option<&str>) -> Result<HalamanAwal, Galat> {
        let mut jalur = format!("/api/v1/sinkron/awal?tabel={tabel}");
        if let Some(s) = setelah {
            jalur.push_str("&setelah=");
            jalur.extend(url::form_urlencoded::byte_serialize(s.as_bytes()));
        }
        self.kirim(&jalur, None).await
    }
}

fn kb(n: u64) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

pub async fn sinkron(k: &Konfigurasi, a: ArgSinkron) -> Hasil {
    let store = buka(k).await?;
    match a.perintah {
        Some(PerintahSinkron::Token { desa }) => {
            let kode = balai_domain::KodeDesa::parse(&desa)?;
            let token = store
                .sinkron()
                .buat_token(&kode.to_string(), &Aktor("cli".into()))
                .await
                .map_err(pesan)?;
            println!(
                "Kredensial sinkron untuk desa {} dibuat. Simpan baik-baik: hanya ditampilkan sekali.",
                kode.bertitik()
            );
            println!(
                "Di komputer desa: balai sync init --server https://ALAMAT-SERVER --token <kredensial>"
            );
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
        Some(PerintahSinkron::Cabut { desa, id }) => {
            let kode = balai_domain::KodeDesa::parse(&desa)?;
            store
                .sinkron()
                .cabut_token(&kode.to_string(), id, &Aktor("cli".into()))
                .await
                .map_err(pesan)?;
            println!("Kredensial {id} dicabut; simpul yang memakainya tidak dapat sinkron lagi.");
            Ok(ExitCode::SUCCESS)
        }
        Some(PerintahSinkron::Init { server, token }) => {
            let h = Http::baru(&server, &token)?;
            let desa = desa_dari_token(&h).await?;
            let n = store
                .sinkron()
                .mulai_simpul(&h, &desa, &h.server, &token)
                .await
                .map_err(pesan)?;
            println!(
                "Komputer ini kini simpul desa {desa}: {n} baris data ditarik dari server \
                 ({} diterima, {} terkirim).",
                kb(h.diterima.load(Ordering::Relaxed)),
                kb(h.terkirim.load(Ordering::Relaxed))
            );
            println!(
                "Akun petugas tidak ikut disalin. Buat akun admin desa: \
                 balai user add --peran admin --desa {desa} --username … --nama …"
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(PerintahSinkron::Status) => {
            let s = store.sinkron().keadaan_simpul().await.map_err(pesan)?;
            if !s.simpul_desa() {
                println!("Instalasi ini server (kabupaten atau desa mandiri), bukan simpul desa.");
                for d in store
                    .sinkron()
                    .ringkasan_jaringan("")
                    .await
                    .map_err(pesan)?
                {
                    if d.simpul {
                        println!(
                            "{}  {}  terakhir sinkron: {}",
                            d.desa_id,
                            d.nama,
                            d.terakhir_sinkron
                                .map(|t| t.to_rfc3339())
                                .unwrap_or_else(|| "belum pernah".into())
                        );
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            println!(
                "Simpul desa {} → {}",
                s.desa_id.unwrap_or_default(),
                s.server
            );
            println!(
                "Terakhir berhasil: {}",
                s.terakhir_berhasil
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_else(|| "belum pernah".into())
            );
            println!("Menunggu dikirim: {} perubahan", s.menunggu);
            println!("Konflik untuk ditinjau: {}", s.konflik_terbuka);
            if !s.galat_terakhir.is_empty() {
                println!("Galat terakhir: {}", s.galat_terakhir);
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let (server, token) = match (
                a.server,
                a.token,
                store.sinkron().tujuan().await.map_err(pesan)?,
            ) {
                (Some(s), Some(t), _) => (s, t),
                (s, t, Some((_, s0, t0))) => (s.unwrap_or(s0), t.unwrap_or(t0)),
                _ => {
                    return Err("instalasi ini belum menjadi simpul desa: jalankan \
                                `balai sync init --server URL --token TOKEN` lebih dulu"
                        .into());
                }
            };
            let h = Http::baru(&server, &token)?;
            let hasil = store.sinkron().sinkronkan(&h).await.map_err(pesan)?;
            println!(
                "Sinkron selesai: {} perubahan terkirim, {} diterima, {} konflik baru; \
                 {} terkirim, {} diterima di jaringan.",
                hasil.terkirim,
                hasil.diterima,
                hasil.konflik,
                kb(h.terkirim.load(Ordering::Relaxed)),
                kb(h.diterima.load(Ordering::Relaxed))
            );
            if hasil.selisih_jam_detik.abs() > 300 {
                println!(
                    "Perhatian: jam komputer ini selisih {} menit dengan server. Data tetap aman, \
                     tetapi betulkan jam agar waktu pada surat benar.",
                    hasil.selisih_jam_detik / 60
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The village a credential is for, as the server knows it.
async fn desa_dari_token(h: &Http) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct Siapa {
        desa_id: String,
    }
    let s: Siapa = h
        .kirim("/api/v1/sinkron/siapa", None)
        .await
        .map_err(pesan)?;
    Ok(s.desa_id)
}

/// `serve` on a village node: one exchange every `menit` minutes, or at once when asked.
pub fn jadwalkan(store: Store, menit: u32, sekarang: Arc<tokio::sync::Notify>) {
    if menit == 0 {
        return;
    }
    tokio::spawn(async move {
        loop {
            if let Ok(Some((_, server, token))) = store.sinkron().tujuan().await {
                match Http::baru(&server, &token) {
                    Ok(h) => match store.sinkron().sinkronkan(&h).await {
                        Ok(r) => tracing::info!(
                            terkirim = r.terkirim,
                            diterima = r.diterima,
                            konflik = r.konflik,
                            "sinkron berhasil"
                        ),
                        Err(e) => tracing::warn!(galat = %e, "sinkron gagal; dicoba lagi nanti"),
                    },
                    Err(e) => tracing::warn!(galat = %e, "alamat server sinkron tidak sah"),
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(u64::from(menit) * 60)) => {}
                _ = sekarang.notified() => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::periksa_alamat;

    #[test]
    fn http_polos_hanya_ke_komputer_ini() {
        assert!(periksa_alamat("https://balai.batangkab.go.id/").is_ok());
        assert!(periksa_alamat("http://127.0.0.1:8080").is_ok());
        assert!(periksa_alamat("http://localhost:8080").is_ok());
        assert!(periksa_alamat("http://[::1]:8080").is_ok());
        let e = periksa_alamat("http://10.0.0.5:8080").unwrap_err();
        assert!(e.contains("https://"), "{e}");
        assert!(periksa_alamat("http://127.0.0.1.evil.example").is_err());
        assert!(periksa_alamat("ftp://server").is_err());
    }
}
