//! Letters render in worker processes of the `balai` binary; a template that runs too long
//! is answered in time and its worker stops using the CPU (a thread could not be stopped).

use balai_pdf::pekerja::{GagalCetak, Kolam};
use balai_pdf::{Dokumen, Kertas, contoh_data};
use std::time::{Duration, Instant};

fn hidup(pid: u32) -> bool {
    // A reaped process has no /proc entry; a zombie would show state Z.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.split_whitespace().nth(2).is_none_or(|st| st != "Z"))
}

#[test]
fn templat_yang_berputar_dihentikan_bersama_pekerjanya() {
    let kolam = Kolam::baru(env!("CARGO_BIN_EXE_balai"), 1);
    let data = contoh_data();
    let dok = Dokumen {
        badan: "Yang bertanda tangan di bawah ini menerangkan #data.p.nama.",
        data: &data,
        logo: None,
        qr: Some("https://desa.contoh/v/abc"),
        kertas: Kertas::F4,
        tanda_air: None,
    };
    let pdf = kolam.render(&dok, Duration::from_secs(20)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pid = kolam.pid_siap();
    assert_eq!(pid.len(), 1, "the worker is kept for the next letter");
    kolam.render(&dok, Duration::from_secs(20)).unwrap();
    assert_eq!(kolam.pid_siap(), pid, "and reused");

    // A template error is an answer, not a dead worker.
    let g = kolam
        .periksa(
            "#data.tidak_ada.sama_sekali",
            &data,
            Duration::from_secs(20),
        )
        .unwrap_err();
    assert!(matches!(g, GagalCetak::Templat(_)), "{g:?}");
    assert_eq!(kolam.pid_siap(), pid);

    let mulai = Instant::now();
    let g = kolam
        .periksa(
            "#for i in range(1000000000) [x]",
            &data,
            Duration::from_secs(1),
        )
        .unwrap_err();
    assert_eq!(g, GagalCetak::TerlaluLama(1));
    assert!(
        mulai.elapsed() < Duration::from_secs(10),
        "answered in time"
    );
    assert!(!hidup(pid[0]), "the worker that spun is gone");
    assert!(kolam.pid_siap().is_empty());

    // The next letter gets a fresh worker.
    let pdf = kolam.render(&dok, Duration::from_secs(20)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_ne!(kolam.pid_siap(), pid);
}
