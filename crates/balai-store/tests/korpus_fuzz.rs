//! The fuzz corpora (`fuzz/corpus/`, grown by `bench/fuzz.sh`) replayed through the same entry
//! points on the stable toolchain: every input the fuzzer kept, and every crash it once found,
//! must still end without a panic.

use std::path::PathBuf;

fn korpus(sasaran: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(sasaran);
    let mut isi: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    isi.sort();
    isi
}

#[test]
fn setiap_korpus_fuzz_terbaca_tanpa_panik() {
    for (nama, f) in balai_store::fuzz::SASARAN {
        let isi = korpus(nama);
        assert!(!isi.is_empty(), "{nama}: the corpus has seeds");
        for (p, b) in isi {
            if std::panic::catch_unwind(|| f(&b)).is_err() {
                panic!("{nama}: {} panics", p.display());
            }
        }
    }
}
