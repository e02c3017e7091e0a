//! Grouped column headers: the books of Permendagri 47/2016 print headers on two or three
//! levels ("PENAMBAHAN" over "DATANG DARI" and "TANGGAL"). A column name carries its levels
//! joined with " > "; this turns a row of such names into header rows of merged cells.

use serde::Serialize;

/// One header cell spanning `colspan` columns and `rowspan` header rows from (`baris`, `kolom`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelKepala {
    pub teks: String,
    pub baris: usize,
    pub kolom: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

/// The header rows for columns named with " > " between levels. A column with fewer levels
/// than the deepest one spans the remaining rows downward; neighbours sharing a leading group
/// share one merged cell for it.
pub fn kepala_bertingkat<S: AsRef<str>>(kolom: &[S]) -> Vec<Vec<SelKepala>> {
    let jalur: Vec<Vec<&str>> = kolom
        .iter()
        .map(|k| k.as_ref().split(" > ").map(str::trim).collect())
        .collect();
    let dalam = jalur.iter().map(Vec::len).max().unwrap_or(1);
    let mut hasil = vec![Vec::new(); dalam];
    for (tingkat, baris) in hasil.iter_mut().enumerate() {
        let mut c = 0;
        while c < jalur.len() {
            let j = &jalur[c];
            if j.len() <= tingkat {
                c += 1;
                continue;
            }
            let mut lebar = 1;
            // Only a group (not a column's last level) merges with its neighbours.
            if j.len() > tingkat + 1 {
                while c + lebar < jalur.len()
                    && jalur[c + lebar].len() > tingkat + 1
                    && jalur[c + lebar][..=tingkat] == j[..=tingkat]
                {
                    lebar += 1;
                }
            }
            let terakhir = j.len() == tingkat + 1;
            baris.push(SelKepala {
                teks: j[tingkat].to_string(),
                baris: tingkat,
                kolom: c,
                colspan: lebar,
                rowspan: if terakhir { dalam - tingkat } else { 1 },
            });
            c += lebar;
        }
    }
    hasil
}

/// Long words of a header get a soft hyphen where an Indonesian word may break (between a
/// vowel and the consonant opening the next syllable, as near the middle as possible), so a
/// narrow column of a wide register prints "KEWARGA-" over "NEGARAAN" instead of running into
/// its neighbour. Short words and words without such a place are left whole.
pub fn boleh_dipenggal(teks: &str) -> String {
    const PANJANG: usize = 11;
    let vokal = |c: char| "AIUEOaiueo".contains(c);
    teks.split(' ')
        .map(|kata| {
            let h: Vec<char> = kata.chars().collect();
            if h.len() < PANJANG || !h.iter().all(|c| c.is_alphabetic()) {
                return kata.to_string();
            }
            let tengah = h.len() / 2;
            // Break before i: a vowel, then a consonant, then a vowel (ka-ta), at least three
            // letters on either side.
            let titik = (3..h.len() - 3)
                .filter(|&i| vokal(h[i - 1]) && !vokal(h[i]) && vokal(h[i + 1]))
                .min_by_key(|&i| i.abs_diff(tengah));
            match titik {
                Some(i) => {
                    let mut s: String = h[..i].iter().collect();
                    s.push('\u{AD}');
                    s.extend(&h[i..]);
                    s
                }
                None => kata.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kepala_digabung_per_kelompok() {
        let k = kepala_bertingkat(&[
            "NO",
            "PENAMBAHAN > DATANG DARI",
            "PENAMBAHAN > TANGGAL",
            "PENGURANGAN > PINDAH KE",
            "KET",
        ]);
        assert_eq!(k.len(), 2);
        let atas: Vec<(&str, usize, usize)> = k[0]
            .iter()
            .map(|s| (s.teks.as_str(), s.colspan, s.rowspan))
            .collect();
        assert_eq!(
            atas,
            [
                ("NO", 1, 2),
                ("PENAMBAHAN", 2, 1),
                ("PENGURANGAN", 1, 1),
                ("KET", 1, 2)
            ]
        );
        assert_eq!(k[1].len(), 3);
        assert_eq!(k[1][2].kolom, 3);
    }

    #[test]
    fn tiga_tingkat_dan_tanpa_kelompok() {
        let k = kepala_bertingkat(&["A > W > L", "A > W > P", "A > N", "B"]);
        assert_eq!(k.len(), 3);
        assert_eq!((k[0][0].colspan, k[0][1].rowspan), (3, 3));
        assert_eq!((k[1][0].colspan, k[1][1].rowspan), (2, 2));
        assert_eq!(kepala_bertingkat(&["X", "Y"]).len(), 1);
    }

    #[test]
    fn kata_panjang_dipenggal_di_suku_kata() {
        assert_eq!(
            super::boleh_dipenggal("KEWARGANEGARAAN"),
            "KEWARGA\u{AD}NEGARAAN"
        );
        assert_eq!(
            super::boleh_dipenggal("PENDIDIKAN TERAKHIR"),
            "PENDIDIKAN TERAKHIR"
        );
        assert_eq!(super::boleh_dipenggal("NOMOR KK"), "NOMOR KK");
        assert_eq!(super::boleh_dipenggal("KETERANGAN"), "KETERANGAN");
        assert_eq!(super::boleh_dipenggal("PERKAWINAN,"), "PERKAWINAN,");
    }
}
