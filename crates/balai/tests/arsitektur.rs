//! ARCHITECTURE.md is the map a newcomer walks by, so it must not drift from the tree:
//! every path it names exists, and every source file and template of a feature is named in it
//! (by its path, its folder or a pattern such as `bantuan_*.html`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folders the map's columns are relative to, tried in turn for each name.
const DASAR: &[&str] = &[
    "",
    "crates/balai-domain/src/",
    "crates/balai-store/src/",
    "crates/balai-web/src/",
    "crates/balai-web/templates/",
    "crates/",
    "crates/balai/src/",
    "crates/balai-store/",
    "crates/balai-web/tests/",
    "crates/balai-testkit/",
];

/// The trees whose every file must appear in the map.
const DIPETAKAN: &[(&str, &[&str])] = &[
    ("crates/balai-domain/src", &["rs"]),
    ("crates/balai-store/src", &["rs"]),
    ("crates/balai-web/src", &["rs"]),
    ("crates/balai-web/templates", &["html"]),
    ("crates/balai/src", &["rs"]),
    ("crates/balai-store/tests", &["rs"]),
    ("crates/balai-web/tests", &["rs"]),
    ("e2e", &["mjs"]),
];

fn akar() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `code` span of the document that names a file, a folder or a file pattern.
fn nama_berkas(teks: &str) -> BTreeSet<String> {
    let mut hasil = BTreeSet::new();
    for (i, potong) in teks.split('`').enumerate() {
        let berkas = potong.ends_with('/')
            || [
                ".rs", ".html", ".typ", ".md", ".mjs", ".sh", ".txt", ".json", ".sql",
            ]
            .iter()
            .any(|a| potong.ends_with(a));
        // Odd pieces are inside backticks; URLs start with a slash.
        if i % 2 == 1 && berkas && !potong.starts_with('/') && !potong.contains(' ') {
            hasil.insert(potong.to_string());
        }
    }
    hasil
}

/// The repository files one name stands for, under any of the column folders.
fn cocok(nama: &str) -> Vec<PathBuf> {
    let akar = akar();
    let mut hasil = Vec::new();
    for dasar in DASAR {
        let pola = if nama.ends_with('/') {
            format!("{}/{dasar}{nama}**/*", akar.display())
        } else {
            format!("{}/{dasar}{nama}", akar.display())
        };
        for p in glob::glob(&pola).expect("pola sah").flatten() {
            if p.is_file() {
                hasil.push(p.canonicalize().expect("berkas ada"));
            }
        }
    }
    hasil
}

fn berkas_di(folder: &Path, akhiran: &[&str], hasil: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(folder).expect("folder terbaca").flatten() {
        let p = e.path();
        if p.ends_with("node_modules") {
            continue;
        } else if p.is_dir() {
            berkas_di(&p, akhiran, hasil);
        } else if p
            .extension()
            .and_then(|a| a.to_str())
            .is_some_and(|a| akhiran.contains(&a))
        {
            hasil.push(p.canonicalize().expect("berkas ada"));
        }
    }
}

fn dokumen() -> String {
    std::fs::read_to_string(akar().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md terbaca")
}

#[test]
fn setiap_jalur_di_peta_ada() {
    let hilang: Vec<String> = nama_berkas(&dokumen())
        .into_iter()
        .filter(|n| cocok(n).is_empty())
        .collect();
    assert!(
        hilang.is_empty(),
        "ARCHITECTURE.md names paths that do not exist (fix the map): {hilang:#?}"
    );
}

#[test]
fn setiap_berkas_ada_di_peta() {
    let akar = akar().canonicalize().expect("akar ada");
    // A whole crate's folder, as the column headers name it, maps nothing by itself.
    let terlalu_luas = |n: &String| {
        n.ends_with('/')
            && DASAR
                .iter()
                .chain(DIPETAKAN.iter().map(|(f, _)| f))
                .any(|d| akar.join(d.trim_end_matches('/')) == akar.join(n.trim_end_matches('/')))
    };
    let tercakup: BTreeSet<PathBuf> = nama_berkas(&dokumen())
        .iter()
        .filter(|n| !terlalu_luas(n))
        .flat_map(|n| cocok(n))
        .collect();
    let mut tak_terpeta = Vec::new();
    for (folder, akhiran) in DIPETAKAN {
        let mut semua = Vec::new();
        berkas_di(&akar.join(folder), akhiran, &mut semua);
        for p in semua {
            if !tercakup.contains(&p) {
                tak_terpeta.push(
                    p.strip_prefix(&akar)
                        .expect("di repo")
                        .display()
                        .to_string(),
                );
            }
        }
    }
    tak_terpeta.sort();
    assert!(
        tak_terpeta.is_empty(),
        "files missing from the code map in ARCHITECTURE.md (add each to its feature's row): {tak_terpeta:#?}"
    );
}

/// Field checks still written in the store: each `Galat::isian(…)`, each `DaftarGalat` made
/// there, each message pushed onto one. Rules belong in `balai-domain` (ARCHITECTURE.md, "Where
/// the rules live"); the store keeps only the checks that need the database. This ceiling may
/// only go down: a new rule goes to the domain, and moving one lets you lower it.
const CEK_ISIAN_DI_STORE_PALING_BANYAK: usize = 336;

fn hitung_cek_isian(teks: &str) -> usize {
    let mut n =
        teks.matches("Galat::isian(").count() + teks.matches("DaftarGalat::default()").count();
    for pola in ["g.push(", "g2.push(", "galat.push(", "e.push("] {
        n += teks
            .match_indices(pola)
            .filter(|(i, _)| {
                teks[..*i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
            })
            .count();
    }
    n
}

#[test]
fn cek_isian_di_store_tidak_bertambah() {
    let mut semua = Vec::new();
    berkas_di(&akar().join("crates/balai-store/src"), &["rs"], &mut semua);
    let mut per_berkas: Vec<(usize, String)> = semua
        .iter()
        .map(|p| {
            let teks = std::fs::read_to_string(p).expect("berkas terbaca");
            (hitung_cek_isian(&teks), p.display().to_string())
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    per_berkas.sort();
    let jumlah: usize = per_berkas.iter().map(|(n, _)| n).sum();
    println!("field checks in balai-store: {jumlah} (ceiling {CEK_ISIAN_DI_STORE_PALING_BANYAK})");
    assert!(
        jumlah <= CEK_ISIAN_DI_STORE_PALING_BANYAK,
        "balai-store has {jumlah} field checks, over the ceiling of {CEK_ISIAN_DI_STORE_PALING_BANYAK}. \
         Write the new rule in balai-domain with a unit test and call it from the store. By file: {per_berkas:#?}"
    );
}
