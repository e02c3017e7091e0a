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
}
