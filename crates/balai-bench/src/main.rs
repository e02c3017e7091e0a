//! `balai-bench`: times the store calls behind Balai's heavy screens on a real database.
//!
//! Subcommands: `isi` (fill demo residents), `impor` (one import), `daftar` (resident list,
//! search, keyset pages) and `statistik` (population statistics), and one per feature at scale
//! (`surat`, `warga`, `keuangan`, `adminduk`, `bantuan`, `latar`, `hari`). Every timing uses
//! `std::time::Instant` around one store call, after warm-up calls that are not counted.
//! Besides the human table, each figure is printed once more on a line starting with `HASIL`
//! (`HASIL <name> <key>=<value> ...`) so `bench/run.sh` can collect them.

mod adminduk;
mod bantuan;
mod beban;
mod buku;
mod kehadiran;
mod kesehatan;
mod keuangan;
mod latar;
mod opensid;
mod sinkron;
mod surat;
mod ukur;
mod warga;

use balai_domain::{KodeDesa, ZonaWaktu};
use balai_store::demo::PENDUDUK_PER_DESA;
use balai_store::demo::generate::DemoPlan;
use balai_store::impor::{FormatImpor, OpsiImpor};
use balai_store::penduduk::SaringPenduduk;
use balai_store::statistik::JenisStatistik;
use balai_store::{Aktor, Store, on_db};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use std::time::Instant;
use ukur::{Rencana, Ringkas, Tabel, ukur};

/// Donorejo, Kecamatan Limpung, Kabupaten Batang: the default demo village.
const DESA_BAWAAN: &str = "3325082004";

#[derive(Parser, Debug)]
#[command(
    name = "balai-bench",
    version,
    about = "Tolok ukur Balai: impor, daftar penduduk, pencarian dan statistik pada basis data sungguhan"
)]
struct Cli {
    /// Basis data: sqlite://berkas.db atau postgres://pengguna:sandi@host/nama
    #[arg(long, env = "BALAI_DATABASE", global = true)]
    database: Option<String>,
    #[command(subcommand)]
    perintah: Perintah,
}

#[derive(Subcommand, Debug)]
enum Perintah {
    /// Mengisi penduduk demo (Store::isi_demo), 100.000 per desa, dan mencatat lamanya
    Isi {
        /// Jumlah penduduk; di atas 100.000 dibagi ke beberapa desa dalam satu kabupaten
        #[arg(long)]
        residents: usize,
        /// Desa pertama (kode Kemendagri)
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Berhenti setelah desa yang sedang diisi bila waktu sudah melewati batas ini (menit)
        #[arg(long)]
        batas_menit: Option<f64>,
        /// Jumlah desa yang diisi bersamaan
        #[arg(long, default_value_t = 1)]
        paralel: usize,
        /// Penduduk per desa (desa berikutnya diambil dari kabupaten yang sama, lalu dari
        /// kabupaten lain di provinsi yang sama)
        #[arg(long, default_value_t = PENDUDUK_PER_DESA)]
        per_desa: usize,
    },
    /// Satu hari kegiatan kantor desa (30 surat, 20 perubahan penduduk, 5 pembayaran), untuk
    /// mengukur sinkron yang membawanya
    Hari {
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
    },
    /// Mengukur satu impor penduduk (Store::impor_penduduk) ke desa yang sudah terdaftar
    Impor {
        /// Berkas impor (format OpenSID: xlsx/xls/csv)
        #[arg(long)]
        file: std::path::PathBuf,
        /// Kode desa tujuan
        #[arg(long)]
        desa: String,
        /// Format berkas: opensid atau siak
        #[arg(long, default_value = "opensid")]
        format: String,
    },
    /// Menulis cadangan basis data OpenSID 21.09 (mysqldump) untuk tolok ukur impor
    OpensidDump {
        /// Jumlah penduduk (keluarga berempat, sebagian meninggal atau pindah)
        #[arg(long, default_value_t = 10_000)]
        penduduk: usize,
        /// Jumlah surat, tersebar dalam lima tahun
        #[arg(long, default_value_t = 15_000)]
        surat: usize,
        /// Berkas tujuan
        #[arg(short = 'o', long)]
        keluaran: std::path::PathBuf,
    },
    /// Mengukur satu impor cadangan OpenSID (Store::impor_opensid_db) dan memori puncaknya
    Opensid {
        /// Berkas cadangan (.sql atau .sql.gz)
        #[arg(long)]
        file: std::path::PathBuf,
        /// Kode desa tujuan
        #[arg(long, default_value = "3325082001")]
        desa: String,
    },
    /// Mengukur daftar penduduk: halaman pertama, halaman lewat kursor, cari nama dan NIK
    Daftar {
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah pengukuran per jenis kueri
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// Jumlah pemanasan per jenis kueri (tidak dihitung)
        #[arg(long, default_value_t = 20)]
        warmup: usize,
        /// Batas waktu pengukuran per jenis kueri (detik); minimal 20 pengukuran tetap dibuat
        #[arg(long, default_value_t = 30.0)]
        maks_detik: f64,
        /// Penggalan nama yang umum untuk pencarian
        #[arg(long, default_value = "NUR")]
        nama: String,
        /// Penggalan dua huruf (kasus terburuk: cocok dengan sepertiga penduduk)
        #[arg(long, default_value = "AN")]
        nama_pendek: String,
        /// Penggalan nama yang jarang (sedikit hasil)
        #[arg(long, default_value = "WAGIMAN")]
        nama_jarang: String,
    },
    /// Mengukur statistik penduduk untuk satu kabupaten dan satu desa
    Statistik {
        /// Desa yang diukur sendiri
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Cakupan wilayah (bawaan: kabupaten dari --desa)
        #[arg(long)]
        cakupan: Option<String>,
        #[arg(long, default_value_t = 20)]
        runs: usize,
        #[arg(long, default_value_t = 3)]
        warmup: usize,
        /// Batas waktu pengukuran per statistik (detik); minimal 20 pengukuran tetap dibuat
        #[arg(long, default_value_t = 30.0)]
        maks_detik: f64,
        /// Jenis statistik, dipisah koma (bawaan: jenis-kelamin,umur,pendidikan,pekerjaan,agama,desa,rt,status-dasar)
        #[arg(long)]
        jenis: Option<String>,
    },
    /// Mengukur layanan mandiri: berat setiap halaman portal dan lama login NIK + PIN
    Warga {
        /// Desa (diisi 500 penduduk demo bila belum ada)
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah login yang diukur
        #[arg(long, default_value_t = 100)]
        masuk: usize,
    },
    /// Mengukur keuangan: laporan realisasi PDF (2.000 transaksi) dan perbandingan kabupaten
    Keuangan {
        /// Desa untuk laporan (didaftarkan bila belum ada)
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah desa untuk perbandingan kabupaten (kode desa Jawa Tengah dari tabel wilayah)
        #[arg(long, default_value_t = 300)]
        desa_kabupaten: usize,
        /// Tahun anggaran terakhir (perbandingan menyimpan lima tahun sampai tahun ini)
        #[arg(long, default_value_t = 2026)]
        tahun: i64,
        #[arg(long, default_value_t = 50)]
        runs: usize,
        #[arg(long, default_value_t = 5)]
        warmup: usize,
    },
    /// Mengukur dokumen kependudukan: antrean Dukcapil atas banyak permohonan dari banyak desa,
    /// dan render PDF formulir
    Adminduk {
        /// Desa pertama; desa lain diambil dari kabupaten yang sama
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah permohonan di kabupaten
        #[arg(long, default_value_t = 50_000)]
        jumlah: usize,
        /// Jumlah desa yang memuat permohonan
        #[arg(long, default_value_t = 50)]
        banyak_desa: usize,
        #[arg(long, default_value_t = 200)]
        runs: usize,
        #[arg(long, default_value_t = 20)]
        warmup: usize,
    },
    /// Mengukur surat: lama dan ukuran PDF, penerbitan bersamaan (cek nomor), halaman verifikasi
    Surat {
        /// Desa (diisi 500 penduduk demo bila belum ada)
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah render PDF yang diukur
        #[arg(long, default_value_t = 200)]
        runs: usize,
        #[arg(long, default_value_t = 20)]
        warmup: usize,
        /// Jumlah surat yang diterbitkan bersamaan
        #[arg(long, default_value_t = 1000)]
        jumlah: usize,
        /// Jumlah klien bersamaan (penerbitan dan verifikasi)
        #[arg(long, default_value_t = 10)]
        klien: usize,
        /// Lama uji halaman verifikasi (detik)
        #[arg(long, default_value_t = 10.0)]
        detik_verifikasi: f64,
    },
    /// Mengukur buku administrasi penduduk B.1 dan B.3 (halaman dan PDF) untuk satu desa dengan
    /// 10.000 penduduk dan peristiwa setahun
    Buku {
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        #[arg(long, default_value_t = 10_000)]
        residents: usize,
        #[arg(long, default_value_t = 30)]
        runs: usize,
        #[arg(long, default_value_t = 3)]
        warmup: usize,
    },
    /// Mengukur dasbor gizi balita kabupaten: 200.000 anak, dua tahun penimbangan bulanan
    /// (hanya PostgreSQL)
    KesehatanWilayah {
        /// Kabupaten (4 angka kode Kemendagri); bawaan Banyumas
        #[arg(long, default_value = "3302")]
        kabupaten: String,
        #[arg(long, default_value_t = 300)]
        banyak_desa: usize,
        /// Jumlah anak di bawah lima tahun di kabupaten (dibagi rata ke desa)
        #[arg(long, default_value_t = 200_000)]
        anak: usize,
        #[arg(long, default_value_t = 20)]
        runs: usize,
        #[arg(long, default_value_t = 3)]
        warmup: usize,
    },
    /// Mengukur rekap kehadiran perangkat desa kabupaten: 300 desa × 12 perangkat × sebulan
    /// absen (hanya PostgreSQL)
    KehadiranWilayah {
        /// Kabupaten (4 angka kode Kemendagri); bawaan Banyumas
        #[arg(long, default_value = "3302")]
        kabupaten: String,
        #[arg(long, default_value_t = 300)]
        banyak_desa: usize,
        /// Perangkat desa per desa
        #[arg(long, default_value_t = 12)]
        staf: usize,
        #[arg(long, default_value_t = 20)]
        runs: usize,
        #[arg(long, default_value_t = 3)]
        warmup: usize,
    },
    /// Mengukur bantuan sosial tingkat kabupaten: pemeriksaan silang atas 300.000 keluarga dan
    /// 10 program per desa, pemeriksaan satu desa, daftar penerima satu program dan halamannya
    Bantuan {
        /// Kabupaten (4 angka kode Kemendagri); bawaan Banyumas, yang mempunyai 331 desa
        #[arg(long, default_value = "3302")]
        kabupaten: String,
        /// Jumlah desa yang diisi
        #[arg(long, default_value_t = 300)]
        banyak_desa: usize,
        /// Jumlah keluarga di kabupaten (dibagi rata ke desa)
        #[arg(long, default_value_t = 300_000)]
        keluarga: usize,
        /// Jumlah pengukuran pemeriksaan seluruh kabupaten
        #[arg(long, default_value_t = 5)]
        runs_kabupaten: usize,
        /// Jumlah pengukuran daftar penerima dan halaman
        #[arg(long, default_value_t = 200)]
        runs: usize,
        #[arg(long, default_value_t = 20)]
        warmup: usize,
        /// Tanpa pengukuran halaman lewat HTTP
        #[arg(long)]
        tanpa_http: bool,
    },
    /// Beban: banyak orang sekaligus pada `balai serve` yang berjalan (staf, warga di portal,
    /// tamu situs), selama beberapa menit; p95 per halaman, galat, dan memori server
    Beban {
        /// Alamat server, mis. http://127.0.0.1:8080
        #[arg(long)]
        url: String,
        /// PID proses server, untuk mencatat memorinya tiap 10 detik
        #[arg(long)]
        pid: Option<u32>,
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah orang sekaligus
        #[arg(long, default_value_t = 200)]
        orang: usize,
        /// Lama beban dalam detik
        #[arg(long, default_value_t = 600)]
        detik: u64,
    },
    /// Waktu halaman daftar penduduk selagi 5 klien mengunduh laporan PDF/XLSX (jalankan
    /// setelah `surat` agar agenda berisi surat)
    Latar {
        #[arg(long, default_value = DESA_BAWAAN)]
        desa: String,
        /// Jumlah permintaan halaman yang diukur (tenang dan sibuk masing-masing)
        #[arg(long, default_value_t = 100)]
        runs: usize,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Perintah::OpensidDump {
        penduduk,
        surat,
        keluaran,
    } = &cli.perintah
    {
        return match opensid::tulis_dump(keluaran, *penduduk, *surat) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("galat: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(url) = cli.database.clone() else {
        eprintln!("galat: --database wajib diisi (atau BALAI_DATABASE)");
        return ExitCode::from(2);
    };
    let hasil = async {
        let store = Store::buka(&url).await.map_err(|e| e.to_string())?;
        println!("# basis data: {}", store.db.nama_backend());
        match cli.perintah {
            Perintah::Isi {
                residents,
                desa,
                seed,
                batas_menit,
                paralel,
                per_desa,
            } => {
                isi(
                    &store,
                    residents,
                    &desa,
                    seed,
                    batas_menit,
                    paralel,
                    per_desa,
                )
                .await
            }
            Perintah::Hari { desa } => {
                let kode = kode_desa(&desa)?;
                let hari = hari_ini(&store, &kode);
                sinkron::hari(&store, kode.as_str(), hari).await
            }
            Perintah::Impor { file, desa, format } => impor(&store, &file, &desa, &format).await,
            Perintah::OpensidDump { .. } => unreachable!("handled before the database opens"),
            Perintah::Opensid { file, desa } => opensid::impor(&store, &file, &desa).await,
            Perintah::Daftar {
                desa,
                runs,
                warmup,
                maks_detik,
                nama,
                nama_pendek,
                nama_jarang,
            } => {
                let nama = [nama.as_str(), nama_pendek.as_str(), nama_jarang.as_str()];
                daftar(&store, &desa, rencana(warmup, runs, maks_detik), nama).await
            }
            Perintah::Statistik {
                desa,
                cakupan,
                runs,
                warmup,
                maks_detik,
                jenis,
            } => {
                let r = rencana(warmup, runs, maks_detik);
                statistik(&store, &desa, cakupan, r, jenis.as_deref()).await
            }
            Perintah::Surat {
                desa,
                runs,
                warmup,
                jumlah,
                klien,
                detik_verifikasi,
            } => {
                let kode = kode_desa(&desa)?;
                let hari = hari_ini(&store, &kode);
                let r = rencana(warmup, runs, 60.0);
                surat::jalankan(&store, &kode, hari, r, jumlah, klien, detik_verifikasi).await
            }
            Perintah::Adminduk {
                desa,
                jumlah,
                banyak_desa,
                runs,
                warmup,
            } => {
                let kode = kode_desa(&desa)?;
                let hari = hari_ini(&store, &kode);
                let r = rencana(warmup, runs, 30.0);
                adminduk::jalankan(&store, &kode, hari, r, jumlah, banyak_desa).await
            }
            Perintah::Keuangan {
                desa,
                desa_kabupaten,
                tahun,
                runs,
                warmup,
            } => {
                let r = rencana(warmup, runs, 60.0);
                keuangan::jalankan(&store, &desa, r, desa_kabupaten, tahun).await
            }
            Perintah::Bantuan {
                kabupaten,
                banyak_desa,
                keluarga,
                runs_kabupaten,
                runs,
                warmup,
                tanpa_http,
            } => {
                let r = rencana(warmup, runs, 60.0);
                bantuan::jalankan(
                    &store,
                    &kabupaten,
                    banyak_desa.max(1),
                    keluarga.max(1),
                    r,
                    runs_kabupaten,
                    !tanpa_http,
                )
                .await
            }
            Perintah::KehadiranWilayah {
                kabupaten,
                banyak_desa,
                staf,
                runs,
                warmup,
            } => {
                let r = rencana(warmup, runs, 60.0);
                kehadiran::jalankan(&store, &kabupaten, banyak_desa, staf.max(1), r).await
            }
            Perintah::KesehatanWilayah {
                kabupaten,
                banyak_desa,
                anak,
                runs,
                warmup,
            } => {
                let r = rencana(warmup, runs, 60.0);
                kesehatan::jalankan(&store, &kabupaten, banyak_desa, anak, r).await
            }
            Perintah::Buku {
                desa,
                residents,
                runs,
                warmup,
            } => {
                let kode = kode_desa(&desa)?;
                buku::jalankan(&store, &kode, residents, rencana(warmup, runs, 120.0)).await
            }
            Perintah::Beban {
                url,
                pid,
                desa,
                orang,
                detik,
            } => {
                let kode = kode_desa(&desa)?;
                let s = beban::Setelan {
                    url: url.trim_end_matches('/').to_string(),
                    pid,
                    desa: kode.as_str().to_string(),
                    orang: orang.max(1),
                    detik: detik.max(1),
                };
                beban::jalankan(&store, s).await
            }
            Perintah::Latar { desa, runs } => {
                let kode = kode_desa(&desa)?;
                latar::jalankan(&store, kode.as_str(), runs.max(1)).await
            }
            Perintah::Warga { desa, masuk } => {
                let kode = kode_desa(&desa)?;
                let hari = hari_ini(&store, &kode);
                warga::jalankan(&store, &kode, hari, masuk.max(1)).await
            }
        }?;
        store.db.close().await;
        Ok::<_, String>(())
    }
    .await;
    match hasil {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("galat: {e}");
            ExitCode::FAILURE
        }
    }
}

fn rencana(warmup: usize, runs: usize, maks_detik: f64) -> Rencana {
    Rencana {
        warmup,
        runs,
        anggaran: (maks_detik > 0.0).then(|| Duration::from_secs_f64(maks_detik)),
    }
}

fn batas_waktu(r: &Rencana) -> String {
    r.anggaran
        .map(|a| {
            format!(
                " (atau sampai {:.0} s, minimal {})",
                a.as_secs_f64(),
                ukur::MIN_RUNS
            )
        })
        .unwrap_or_default()
}

fn kode_desa(s: &str) -> Result<KodeDesa, String> {
    KodeDesa::parse(s).map_err(|e| format!("--desa: {e}"))
}

/// Today in the village's zone; the same date the web app would use.
fn hari_ini(store: &Store, kode: &KodeDesa) -> NaiveDate {
    store.hari_ini(ZonaWaktu::dari_provinsi(kode.provinsi()))
}

/// Fills `n` demo residents. Above 100,000 the villages are chosen and filled exactly as
/// `Store::isi_demo` does (same villages, same counts, same per-village seeds), but one village
/// per call, so progress can be printed, a time limit honoured and villages filled side by side
/// (`paralel`): villages share nothing but the region table, each has its own audit chain.
async fn isi(
    store: &Store,
    n: usize,
    desa: &str,
    seed: u64,
    batas_menit: Option<f64>,
    paralel: usize,
    per_desa: usize,
) -> Result<(), String> {
    let kode = kode_desa(desa)?;
    let hari = hari_ini(store, &kode);
    let jumlah_desa = n.div_ceil(per_desa.clamp(1, PENDUDUK_PER_DESA)).max(1);
    let semua_desa = pilih_desa(store, &kode, jumlah_desa).await?;
    let mut sisa = n;
    let mut antrean = VecDeque::new();
    for (i, d) in semua_desa.into_iter().enumerate() {
        let bagian = sisa.div_ceil(jumlah_desa - i);
        sisa -= bagian;
        antrean.push_back(DemoPlan {
            desa: d,
            penduduk: bagian,
            seed: seed.wrapping_add(i as u64),
            hari_ini: hari,
        });
    }
    let antrean = Arc::new(Mutex::new(antrean));
    let mulai = Instant::now();
    let tenggat = batas_menit.map(|m| std::time::Duration::from_secs_f64(m * 60.0));
    let mut pekerja = Vec::new();
    for _ in 0..paralel.max(1) {
        let store = store.clone();
        let antrean = antrean.clone();
        pekerja.push(tokio::spawn(async move {
            let aktor = Aktor::sistem();
            let mut hasil = (0usize, 0usize, 0usize);
            loop {
                if tenggat.is_some_and(|t| mulai.elapsed() > t) {
                    break;
                }
                let Some(plan) = antrean.lock().ok().and_then(|mut a| a.pop_front()) else {
                    break;
                };
                let t = Instant::now();
                let r = store
                    .isi_demo(&plan, &aktor)
                    .await
                    .map_err(|e| format!("desa {}: {e}", plan.desa.bertitik()))?;
                let detik = t.elapsed().as_secs_f64();
                hasil.0 += r.penduduk;
                hasil.1 += r.peristiwa;
                hasil.2 += 1;
                println!(
                    "desa {}: {} penduduk dalam {:.1} s ({:.0} penduduk/detik); {:.1} s sejak mulai",
                    plan.desa.bertitik(),
                    r.penduduk,
                    detik,
                    r.penduduk as f64 / detik,
                    mulai.elapsed().as_secs_f64()
                );
            }
            Ok::<_, String>(hasil)
        }));
    }
    let (mut terisi, mut peristiwa, mut desa_terisi) = (0usize, 0usize, 0usize);
    for p in pekerja {
        let (a, b, c) = p.await.map_err(|e| e.to_string())??;
        terisi += a;
        peristiwa += b;
        desa_terisi += c;
    }
    let detik = mulai.elapsed().as_secs_f64();
    if desa_terisi < jumlah_desa {
        println!(
            "batas waktu {} menit terlewati: hanya {desa_terisi} dari {jumlah_desa} desa terisi",
            batas_menit.unwrap_or_default()
        );
    }
    println!(
        "isi: {terisi} penduduk ({peristiwa} peristiwa) di {desa_terisi} desa dalam {detik:.1} s ({:.0} penduduk/detik, {} pekerja)",
        terisi as f64 / detik,
        paralel.max(1)
    );
    println!(
        "HASIL isi penduduk={terisi} desa={desa_terisi} dari_desa={jumlah_desa} detik={detik:.3} per_detik={:.1} paralel={}",
        terisi as f64 / detik,
        paralel.max(1)
    );
    Ok(())
}

/// The villages `Store::isi_demo` would fill: the first one, then others of the same
/// kabupaten in region-table order.
async fn pilih_desa(store: &Store, awal: &KodeDesa, n: usize) -> Result<Vec<KodeDesa>, String> {
    let mut hasil = vec![awal.clone()];
    if n > 1 {
        // The village's own kabupaten first, then the other kabupaten of its province.
        let kab = awal.kabupaten().to_string();
        let mut semua_kab = vec![kab.clone()];
        for k in store
            .anak_wilayah(&kab[..2])
            .await
            .map_err(|e| e.to_string())?
        {
            if k.kode != kab {
                semua_kab.push(k.kode);
            }
        }
        'luar: for kab in &semua_kab {
            for kec in store.anak_wilayah(kab).await.map_err(|e| e.to_string())? {
                for d in store
                    .anak_wilayah(&kec.kode)
                    .await
                    .map_err(|e| e.to_string())?
                {
                    if hasil.len() == n {
                        break 'luar;
                    }
                    if d.kode != awal.as_str()
                        && let Ok(k) = KodeDesa::parse(&d.kode)
                    {
                        hasil.push(k);
                    }
                }
            }
        }
        if hasil.len() < n {
            return Err(format!(
                "provinsi {} hanya mempunyai {} desa",
                &kab[..2],
                hasil.len()
            ));
        }
    }
    Ok(hasil)
}

async fn impor(
    store: &Store,
    file: &std::path::Path,
    desa: &str,
    format: &str,
) -> Result<(), String> {
    let kode = kode_desa(desa)?;
    let format = match format {
        "opensid" => FormatImpor::OpenSid,
        "siak" => FormatImpor::Siak,
        lain => {
            return Err(format!(
                "--format: tidak dikenal \"{lain}\" (opensid atau siak)"
            ));
        }
    };
    let isi = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let nama = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opsi = OpsiImpor {
        format,
        dry_run: false,
        dusun_baru: None,
    };
    // Reading the spreadsheet alone, to tell parsing time from writing time in the report.
    let t = Instant::now();
    balai_store::impor::baca_berkas(&nama, &isi, format).map_err(|e| e.to_string())?;
    let baca = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let lap = store
        .impor_penduduk(kode.as_str(), &nama, &isi, &opsi, &Aktor("bench".into()))
        .await
        .map_err(|e| e.to_string())?;
    let detik = t.elapsed().as_secs_f64();
    if !lap.diterapkan {
        let contoh: Vec<String> = lap
            .galat
            .iter()
            .take(5)
            .map(|g| format!("baris {} {}: {}", g.baris, g.kolom, g.pesan))
            .collect();
        return Err(format!(
            "impor tidak diterapkan: {} galat ({})",
            lap.galat.len() + lap.galat_lain,
            contoh.join("; ")
        ));
    }
    println!(
        "impor {}: {} baris ({} baru, {} diubah, {} tetap, {} dilewati, {} peringatan) dalam {:.3} s ({:.0} baris/detik; membaca berkas saja {baca:.3} s); berkas {:.1} MB",
        nama,
        lap.total,
        lap.baru,
        lap.diubah,
        lap.tidak_berubah,
        lap.dilewati,
        lap.peringatan.len() + lap.peringatan_lain,
        detik,
        lap.total as f64 / detik,
        isi.len() as f64 / 1_048_576.0
    );
    println!(
        "HASIL impor baris={} baru={} detik={detik:.3} baca_detik={baca:.3} per_detik={:.1}",
        lap.total,
        lap.baru,
        lap.total as f64 / detik
    );
    Ok(())
}

/// One query shape of the resident list.
struct KasusDaftar {
    kunci: &'static str,
    label: String,
    saring: SaringPenduduk,
}

async fn daftar(
    store: &Store,
    desa: &str,
    rencana: Rencana,
    [nama, nama_pendek, nama_jarang]: [&str; 3],
) -> Result<(), String> {
    let kode = kode_desa(desa)?;
    let hari = hari_ini(store, &kode);
    let desa_id = kode.as_str();
    let pertama = store
        .daftar_penduduk(desa_id, &SaringPenduduk::default(), hari)
        .await
        .map_err(|e| e.to_string())?;
    if pertama.total == 0 {
        return Err(format!("desa {} tidak berpenduduk hidup", kode.bertitik()));
    }
    // A cursor 80% of the way down the name-ordered list, and a NIK taken from the middle.
    let offset = pertama.total * 8 / 10;
    let (kursor_dalam, nik): (uuid::Uuid, String) = on_db!(&store.db, p => {
        let id: uuid::Uuid = sqlx::query_scalar(
            "SELECT id FROM penduduk WHERE desa_id = $1 AND status_dasar = 1 ORDER BY nama, id LIMIT 1 OFFSET $2")
            .bind(desa_id).bind(offset).fetch_one(p).await.map_err(|e| e.to_string())?;
        let nik: String = sqlx::query_scalar(
            "SELECT nik FROM penduduk WHERE desa_id = $1 AND status_dasar = 1 ORDER BY id LIMIT 1 OFFSET $2")
            .bind(desa_id).bind(pertama.total / 2).fetch_one(p).await.map_err(|e| e.to_string())?;
        (id, nik)
    });
    let halaman = |s: SaringPenduduk| SaringPenduduk {
        batas: Some(50),
        ..s
    };
    let kasus = vec![
        KasusDaftar {
            kunci: "halaman_pertama",
            label: "halaman pertama (50, urut nama)".into(),
            saring: halaman(SaringPenduduk::default()),
        },
        KasusDaftar {
            kunci: "halaman_kedua",
            label: "halaman kedua (kursor dari halaman 1)".into(),
            saring: halaman(SaringPenduduk {
                setelah: pertama.berikutnya,
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "halaman_dalam",
            label: format!("halaman dalam (kursor di baris {offset})"),
            saring: halaman(SaringPenduduk {
                setelah: Some(kursor_dalam),
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "cari_nama_umum",
            label: format!("cari nama \"{nama}\""),
            saring: halaman(SaringPenduduk {
                q: nama.to_string(),
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "cari_nama_pendek",
            label: format!("cari nama \"{nama_pendek}\""),
            saring: halaman(SaringPenduduk {
                q: nama_pendek.to_string(),
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "cari_nama_jarang",
            label: format!("cari nama \"{nama_jarang}\""),
            saring: halaman(SaringPenduduk {
                q: nama_jarang.to_string(),
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "cari_nik_awalan",
            label: format!("cari NIK awalan \"{}\"", &nik[..10]),
            saring: halaman(SaringPenduduk {
                q: nik[..10].to_string(),
                ..Default::default()
            }),
        },
        KasusDaftar {
            kunci: "cari_nik_lengkap",
            label: "cari NIK lengkap (16 digit)".into(),
            saring: halaman(SaringPenduduk {
                q: nik.clone(),
                ..Default::default()
            }),
        },
    ];
    println!(
        "# daftar penduduk desa {}: {} penduduk hidup; {} pemanasan + {} pengukuran per kueri{}",
        kode.bertitik(),
        pertama.total,
        rencana.warmup,
        rencana.runs,
        batas_waktu(&rencana)
    );
    let mut tabel = Tabel::baru(&[
        "kueri",
        "hasil",
        "n",
        "median ms",
        "p95 ms",
        "min ms",
        "maks ms",
    ]);
    for k in &kasus {
        let (r, jumlah): (Ringkas, i64) = ukur(rencana, || async move {
            let h = store
                .daftar_penduduk(desa_id, &k.saring, hari)
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(h.total)
        })
        .await?;
        tabel.baris(vec![
            k.label.clone(),
            jumlah.to_string(),
            r.n.to_string(),
            format!("{:.2}", r.median),
            format!("{:.2}", r.p95),
            format!("{:.2}", r.min),
            format!("{:.2}", r.maks),
        ]);
        println!(
            "HASIL daftar.{} hasil={jumlah} median_ms={:.3} p95_ms={:.3} n={}",
            k.kunci, r.median, r.p95, r.n
        );
    }
    tabel.cetak();
    Ok(())
}

async fn statistik(
    store: &Store,
    desa: &str,
    cakupan: Option<String>,
    rencana: Rencana,
    jenis: Option<&str>,
) -> Result<(), String> {
    let kode = kode_desa(desa)?;
    let hari = hari_ini(store, &kode);
    let cakupan = cakupan.unwrap_or_else(|| kode.kabupaten().to_string());
    let jenis: Vec<JenisStatistik> = jenis
        .unwrap_or("jenis-kelamin,umur,pendidikan,pekerjaan,agama,desa,rt,status-dasar")
        .split(',')
        .map(|s| {
            JenisStatistik::dari_kode(s.trim())
                .ok_or_else(|| format!("--jenis: tidak dikenal \"{}\"", s.trim()))
        })
        .collect::<Result<_, _>>()?;
    println!(
        "# statistik penduduk; {} pemanasan + {} pengukuran per statistik{}",
        rencana.warmup,
        rencana.runs,
        batas_waktu(&rencana)
    );
    let mut tabel = Tabel::baru(&[
        "cakupan",
        "statistik",
        "penduduk",
        "n",
        "median ms",
        "p95 ms",
        "maks ms",
    ]);
    for (nama_cakupan, c) in [("kabupaten", cakupan.as_str()), ("desa", kode.as_str())] {
        for j in &jenis {
            let j = *j;
            let (r, total) = ukur(rencana, || async move {
                let s = store
                    .statistik_penduduk(c, j, hari)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>(s.total.jumlah)
            })
            .await?;
            tabel.baris(vec![
                format!("{nama_cakupan} {c}"),
                j.kode().to_string(),
                total.to_string(),
                r.n.to_string(),
                format!("{:.1}", r.median),
                format!("{:.1}", r.p95),
                format!("{:.1}", r.maks),
            ]);
            println!(
                "HASIL statistik.{nama_cakupan}.{} penduduk={total} median_ms={:.3} p95_ms={:.3} n={}",
                j.kode(),
                r.median,
                r.p95,
                r.n
            );
        }
    }
    tabel.cetak();
    Ok(())
}
