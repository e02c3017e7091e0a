//! What changed between two releases, read from the release notes (`docs/perubahan.md`: one
//! `## VERSION — date` section per release, newest first), for the notice an admin sees after
//! an upgrade.

use std::cmp::Ordering;

/// Compares release numbers part by part ("0.10.0" after "0.9.2"); a part that is not a number
/// compares as 0.
pub fn banding_versi(a: &str, b: &str) -> Ordering {
    let bagian = |v: &str| -> Vec<u64> {
        v.trim()
            .trim_start_matches('v')
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    let (a, b) = (bagian(a), bagian(b));
    for i in 0..a.len().max(b.len()) {
        match a.get(i).unwrap_or(&0).cmp(b.get(i).unwrap_or(&0)) {
            Ordering::Equal => {}
            lain => return lain,
        }
    }
    Ordering::Equal
}

/// One release's notes: its number, the heading as written, and its bullet points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatatanRilis {
    pub versi: String,
    pub judul: String,
    pub butir: Vec<String>,
}

/// The notes of every release after `dari` up to and including `ke`, newest first.
pub fn catatan_antara(teks: &str, dari: &str, ke: &str) -> Vec<CatatanRilis> {
    let mut semua: Vec<CatatanRilis> = Vec::new();
    for baris in teks.lines() {
        if let Some(judul) = baris.strip_prefix("## ") {
            let versi = judul.split_whitespace().next().unwrap_or("").to_string();
            semua.push(CatatanRilis {
                versi,
                judul: judul.trim().to_string(),
                butir: Vec::new(),
            });
        } else if let Some(c) = semua.last_mut() {
            if let Some(b) = baris.strip_prefix("- ") {
                c.butir.push(b.trim().to_string());
            } else if baris.starts_with("  ") && !baris.trim().is_empty() {
                // A bullet point continued on the next line.
                if let Some(akhir) = c.butir.last_mut() {
                    akhir.push(' ');
                    akhir.push_str(baris.trim());
                }
            }
        }
    }
    semua
        .into_iter()
        .filter(|c| {
            banding_versi(&c.versi, dari) == Ordering::Greater
                && banding_versi(&c.versi, ke) != Ordering::Greater
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATATAN: &str = "# Yang baru\n\nPengantar.\n\n## 0.3.0 — 1 Maret 2027\n\n- Satu.\n- Dua yang\n  panjang.\n\n## 0.2.0 — 1 Januari 2027\n\n- Tiga.\n\n## 0.1.0 — 1 Desember 2026\n\n- Awal.\n";

    #[test]
    fn versi_dibandingkan_per_bagian() {
        assert_eq!(banding_versi("0.10.0", "0.9.2"), Ordering::Greater);
        assert_eq!(banding_versi("1.0", "1.0.0"), Ordering::Equal);
        assert_eq!(banding_versi("v0.2.0", "0.3.0"), Ordering::Less);
    }

    #[test]
    fn catatan_di_antara_dua_versi() {
        let c = catatan_antara(CATATAN, "0.1.0", "0.3.0");
        assert_eq!(
            c.iter().map(|c| c.versi.as_str()).collect::<Vec<_>>(),
            ["0.3.0", "0.2.0"]
        );
        assert_eq!(c[0].butir, ["Satu.", "Dua yang panjang."]);
        assert_eq!(c[0].judul, "0.3.0 — 1 Maret 2027");
        assert!(catatan_antara(CATATAN, "0.3.0", "0.3.0").is_empty());
        assert_eq!(
            catatan_antara(CATATAN, "0.0.1", "0.1.0")[0].butir,
            ["Awal."]
        );
    }
}
