//! Letters rendered in worker processes, so a runaway template can be stopped.
//!
//! typst cannot be interrupted: a body such as `#for i in range(100000000) [x]` keeps its thread
//! busy long after the caller gave up. A [`Kolam`] (pool) keeps a few worker processes, each
//! with its own [`Mesin`], and sends them letters over stdin/stdout. A worker renders on a
//! thread and waits at most the job's time limit; past it, it answers "too slow" and exits,
//! which is the only way to stop the spinning thread. The pool starts a fresh worker for the
//! next job. The program running a worker calls [`layani`] (the `balai` binary does so for
//! `balai pekerja-pdf`).
//!
//! Frames, all lengths as big-endian u32:
//! - job: header length, header JSON ([`Kepala`]), logo length, logo bytes;
//! - answer: one status byte (0 done, 1 template error as JSON, 2 too slow), length, bytes.

use crate::{Dokumen, GalatTemplat, Kertas, Mesin};
use serde::{Deserialize, Serialize};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The first argument of a worker process: `PROGRAM pekerja-pdf`.
pub const ARGUMEN: &str = "pekerja-pdf";

/// What one job asks for.
#[derive(Debug, Serialize, Deserialize)]
struct Kepala {
    /// `true`: only check the body (no PDF).
    periksa: bool,
    badan: String,
    data: serde_json::Value,
    qr: Option<String>,
    kertas: Kertas,
    #[serde(default)]
    tanda_air: Option<String>,
    batas_ms: u64,
}

/// Why a job gave no PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GagalCetak {
    #[error("{0}")]
    Templat(GalatTemplat),
    #[error("Surat terlalu lama dibuat (lebih dari {0} detik).")]
    TerlaluLama(u64),
    #[error("Pembuat PDF berhenti tak terduga: {0}")]
    Pekerja(String),
}

const SELESAI: u8 = 0;
const GALAT: u8 = 1;
const LAMBAT: u8 = 2;
/// Largest frame accepted (a letter's data and logo are far smaller).
const BINGKAI_MAKS: u32 = 64 << 20;

fn tulis_bingkai(w: &mut impl Write, isi: &[u8]) -> io::Result<()> {
    let n = u32::try_from(isi.len()).map_err(|_| io::Error::other("bingkai terlalu besar"))?;
    w.write_all(&n.to_be_bytes())?;
    w.write_all(isi)
}

fn baca_bingkai(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut n = [0u8; 4];
    r.read_exact(&mut n)?;
    let n = u32::from_be_bytes(n);
    if n > BINGKAI_MAKS {
        return Err(io::Error::other("bingkai terlalu besar"));
    }
    let mut isi = vec![0u8; n as usize];
    r.read_exact(&mut isi)?;
    Ok(isi)
}

/// The worker's loop: reads jobs from `masuk`, answers on `keluar`, until `masuk` ends (the
/// pool went away) or a job ran out of time. The caller must then end the process at once
/// (return from `main`), which stops a render still spinning.
pub fn layani(masuk: impl Read, keluar: impl Write) -> io::Result<()> {
    let mesin = Arc::new(Mesin::baru());
    let (mut masuk, mut keluar) = (BufReader::new(masuk), BufWriter::new(keluar));
    loop {
        let kepala = match baca_bingkai(&mut masuk) {
            Ok(k) => k,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        let logo = baca_bingkai(&mut masuk)?;
        let kepala: Kepala = serde_json::from_slice(&kepala).map_err(io::Error::other)?;
        let batas = Duration::from_millis(kepala.batas_ms);
        let (kirim, terima) = mpsc::channel();
        let m = mesin.clone();
        std::thread::spawn(move || {
            let dok = Dokumen {
                badan: &kepala.badan,
                data: &kepala.data,
                logo: (!logo.is_empty()).then_some(logo.as_slice()),
                qr: kepala.qr.as_deref(),
                kertas: kepala.kertas,
                tanda_air: kepala.tanda_air.as_deref(),
            };
            let hasil = if kepala.periksa {
                m.periksa(dok.badan, dok.data).map(|()| Vec::new())
            } else {
                m.render(&dok)
            };
            let _ = kirim.send(hasil);
        });
        match terima.recv_timeout(batas) {
            Ok(Ok(pdf)) => {
                keluar.write_all(&[SELESAI])?;
                tulis_bingkai(&mut keluar, &pdf)?;
            }
            Ok(Err(g)) => {
                keluar.write_all(&[GALAT])?;
                tulis_bingkai(
                    &mut keluar,
                    &serde_json::to_vec(&g).map_err(io::Error::other)?,
                )?;
            }
            Err(_) => {
                keluar.write_all(&[LAMBAT])?;
                tulis_bingkai(&mut keluar, &[])?;
                keluar.flush()?;
                return Ok(());
            }
        }
        keluar.flush()?;
    }
}

struct Pekerja {
    anak: Arc<Mutex<Child>>,
    masuk: BufWriter<ChildStdin>,
    keluar: BufReader<ChildStdout>,
}

impl Pekerja {
    fn akhiri(self) {
        let mut anak = self.anak.lock().unwrap_or_else(|e| e.into_inner());
        let _ = anak.kill();
        let _ = anak.wait();
    }
}

/// A pool of worker processes. Cheap to share (`Arc`); each call blocks its thread, so call it
/// from a blocking pool.
pub struct Kolam {
    program: PathBuf,
    siap: Mutex<Vec<Pekerja>>,
    /// Idle workers kept (each holds its own fonts, ~30 MB).
    simpan: usize,
}

impl Kolam {
    /// Workers are `program pekerja-pdf`, a program that then calls [`layani`].
    pub fn baru(program: impl Into<PathBuf>, simpan: usize) -> Kolam {
        Kolam {
            program: program.into(),
            siap: Mutex::new(Vec::new()),
            simpan,
        }
    }

    fn mulai(&self) -> Result<Pekerja, GagalCetak> {
        let mut anak = Command::new(&self.program)
            .arg(ARGUMEN)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| GagalCetak::Pekerja(e.to_string()))?;
        let (Some(masuk), Some(keluar)) = (anak.stdin.take(), anak.stdout.take()) else {
            let _ = anak.kill();
            return Err(GagalCetak::Pekerja("pipa pekerja tidak terbuka".into()));
        };
        Ok(Pekerja {
            anak: Arc::new(Mutex::new(anak)),
            masuk: BufWriter::new(masuk),
            keluar: BufReader::new(keluar),
        })
    }

    /// The process ids of the idle workers (for tests and diagnostics).
    pub fn pid_siap(&self) -> Vec<u32> {
        let siap = self.siap.lock().unwrap_or_else(|e| e.into_inner());
        siap.iter()
            .map(|p| p.anak.lock().unwrap_or_else(|e| e.into_inner()).id())
            .collect()
    }

    /// Renders one letter, giving up after `batas`.
    pub fn render(&self, dok: &Dokumen, batas: Duration) -> Result<Vec<u8>, GagalCetak> {
        self.kerjakan(dok, false, batas)
    }

    /// Checks a body with example data, giving up after `batas`.
    pub fn periksa(
        &self,
        badan: &str,
        contoh: &serde_json::Value,
        batas: Duration,
    ) -> Result<(), GagalCetak> {
        let dok = Dokumen {
            badan,
            data: contoh,
            logo: None,
            qr: Some("https://contoh.desa.id/v/periksa"),
            kertas: Kertas::A4,
            tanda_air: None,
        };
        self.kerjakan(&dok, true, batas).map(|_| ())
    }

    fn kerjakan(
        &self,
        dok: &Dokumen,
        periksa: bool,
        batas: Duration,
    ) -> Result<Vec<u8>, GagalCetak> {
        let ada = self.siap.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut p = match ada {
            Some(p) => p,
            None => self.mulai()?,
        };
        // Should the worker itself hang, it is killed a little after its own limit.
        let (selesai, tunggu) = mpsc::channel::<()>();
        let anak = p.anak.clone();
        let penjaga = std::thread::spawn(move || {
            if tunggu.recv_timeout(batas + Duration::from_secs(5)).is_err() {
                let _ = anak.lock().unwrap_or_else(|e| e.into_inner()).kill();
            }
        });
        let hasil = kirim_terima(&mut p, dok, periksa, batas);
        let _ = selesai.send(());
        let _ = penjaga.join();
        match hasil {
            Ok((SELESAI, isi)) => {
                let mut siap = self.siap.lock().unwrap_or_else(|e| e.into_inner());
                if siap.len() < self.simpan {
                    siap.push(p);
                } else {
                    drop(siap);
                    p.akhiri();
                }
                Ok(isi)
            }
            Ok((GALAT, isi)) => {
                self.siap.lock().unwrap_or_else(|e| e.into_inner()).push(p);
                let g: GalatTemplat =
                    serde_json::from_slice(&isi).map_err(|e| GagalCetak::Pekerja(e.to_string()))?;
                Err(GagalCetak::Templat(g))
            }
            Ok((LAMBAT, _)) => {
                p.akhiri();
                Err(GagalCetak::TerlaluLama(batas.as_secs().max(1)))
            }
            Ok((s, _)) => {
                p.akhiri();
                Err(GagalCetak::Pekerja(format!("jawaban tak dikenal {s}")))
            }
            Err(e) => {
                p.akhiri();
                Err(GagalCetak::Pekerja(e.to_string()))
            }
        }
    }
}

fn kirim_terima(
    p: &mut Pekerja,
    dok: &Dokumen,
    periksa: bool,
    batas: Duration,
) -> io::Result<(u8, Vec<u8>)> {
    let kepala = Kepala {
        periksa,
        badan: dok.badan.to_string(),
        data: dok.data.clone(),
        qr: dok.qr.map(str::to_string),
        kertas: dok.kertas,
        tanda_air: dok.tanda_air.map(str::to_string),
        batas_ms: u64::try_from(batas.as_millis()).unwrap_or(u64::MAX),
    };
    tulis_bingkai(
        &mut p.masuk,
        &serde_json::to_vec(&kepala).map_err(io::Error::other)?,
    )?;
    tulis_bingkai(&mut p.masuk, dok.logo.unwrap_or_default())?;
    p.masuk.flush()?;
    let mut status = [0u8; 1];
    p.keluar.read_exact(&mut status)?;
    Ok((status[0], baca_bingkai(&mut p.keluar)?))
}

impl Drop for Kolam {
    fn drop(&mut self) {
        let siap = std::mem::take(&mut *self.siap.lock().unwrap_or_else(|e| e.into_inner()));
        for p in siap {
            p.akhiri();
        }
    }
}
