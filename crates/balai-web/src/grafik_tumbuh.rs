//! Growth charts (KMS style) drawn on the server as inline SVG: the WHO Child Growth Standards
//! curves at −3 … +3 SD from the LMS day tables, the band between −2 and +2 SD shaded, and the
//! child's measurements as points joined by a line.
//!
//! The output uses presentation attributes only (no `style`, no script, no external assets), so
//! it passes the app's Content-Security-Policy, and is drawn at phone width (viewBox 360 wide)
//! so its text stays readable on a 360 px screen; the `grafik` CSS class scales it to 100%.

use std::fmt::Write;

use balai_domain::kesehatan::zscore::{
    HARI_PER_BULAN, Indikator, Kelamin, UMUR_HARI_MAKS, Umur, lms_umur,
};

/// One measurement of the child on an age-based chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Titik {
    /// Age at the measurement in completed days.
    pub umur_hari: u32,
    /// The measurement in the indicator's unit (kg, cm or kg/m²).
    pub nilai: f64,
}

// Layout in viewBox units.
const LEBAR: f64 = 360.0;
const TINGGI: f64 = 312.0;
/// Plot area.
const KIRI: f64 = 32.0;
const KANAN: f64 = 334.0;
const ATAS: f64 = 34.0;
const BAWAH: f64 = 268.0;
/// x of the y-axis labels (right-aligned).
const X_LABEL_Y: f64 = KIRI - 3.0;
/// Sampling step of the WHO curves in days.
const LANGKAH_HARI: u32 = 7;

const WARNA_MEDIAN: &str = "#14532d";
const WARNA_SD1: &str = "#9ca3af";
const WARNA_SD2: &str = "#d97706";
const WARNA_SD3: &str = "#b42318";
const WARNA_PITA: &str = "#e4f2e7";
const WARNA_GRID: &str = "#e5e7eb";
const WARNA_TEKS: &str = "#374151";
const WARNA_ANAK: &str = "#1d4ed8";

/// The seven curves: z, end label, colour, stroke width.
const KURVA: [(f64, &str, &str, f64); 7] = [
    (-3.0, "−3", WARNA_SD3, 1.2),
    (-2.0, "−2", WARNA_SD2, 1.2),
    (-1.0, "−1", WARNA_SD1, 1.0),
    (0.0, "0", WARNA_MEDIAN, 2.0),
    (1.0, "+1", WARNA_SD1, 1.0),
    (2.0, "+2", WARNA_SD2, 1.2),
    (3.0, "+3", WARNA_SD3, 1.2),
];

fn judul(indikator: Indikator) -> &'static str {
    match indikator {
        Indikator::BbU => "Berat badan menurut umur",
        Indikator::PbTbU => "Panjang/tinggi badan menurut umur",
        Indikator::ImtU => "IMT menurut umur",
        Indikator::BbPbTb => "Berat badan menurut panjang/tinggi badan",
    }
}

fn satuan(indikator: Indikator) -> &'static str {
    match indikator {
        Indikator::BbU | Indikator::BbPbTb => "kg",
        Indikator::PbTbU => "cm",
        Indikator::ImtU => "kg/m²",
    }
}

fn nama_kelamin(kelamin: Kelamin) -> &'static str {
    match kelamin {
        Kelamin::L => "laki-laki",
        Kelamin::P => "perempuan",
    }
}

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate rounded to 1 decimal, without a trailing ".0" (keeps the output small).
fn k(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" { "0".into() } else { s.into() }
}

/// "7,9", "7,85", "80,0": Indonesian decimal comma, one or two decimals.
fn angka(x: f64) -> String {
    let mut s = format!("{x:.2}");
    if s.ends_with('0') {
        s.pop();
    }
    s.replace('.', ",")
}

/// An axis label: "12", "2,5".
fn label_angka(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").unwrap_or(&s).replace('.', ",")
}

/// "12 hari" under one month, otherwise "8 bln" (completed months).
fn teks_umur(hari: u32) -> String {
    match Umur::Hari(hari).bulan_penuh() {
        0 => format!("{hari} hari"),
        b => format!("{b} bln"),
    }
}

/// Gridline step for a value span: the smallest step that gives at most 12 lines.
fn langkah_grid(rentang: f64) -> f64 {
    [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|s| rentang / s <= 12.0)
        .unwrap_or(100.0)
}

/// Drops the sample points a straight line between their neighbours already passes within
/// `toleransi` units of (Ramer–Douglas–Peucker): the weekly samples are kept where the curve
/// bends (the first months) and thinned where it is almost straight, keeping the output small.
fn sederhanakan(titik: &[(f64, f64)], toleransi: f64) -> Vec<(f64, f64)> {
    fn jarak(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let panjang = dx.hypot(dy);
        if panjang < 1e-12 {
            return (p.0 - a.0).hypot(p.1 - a.1);
        }
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / panjang
    }
    fn rekursi(t: &[(f64, f64)], toleransi: f64, simpan: &mut [bool], awal: usize) {
        if t.len() < 3 {
            return;
        }
        let (a, b) = (t[0], t[t.len() - 1]);
        let (i, d) = t[1..t.len() - 1]
            .iter()
            .enumerate()
            .map(|(i, &p)| (i + 1, jarak(p, a, b)))
            .fold((0, -1.0), |m, x| if x.1 > m.1 { x } else { m });
        if d > toleransi {
            simpan[awal + i] = true;
            rekursi(&t[..=i], toleransi, simpan, awal);
            rekursi(&t[i..], toleransi, simpan, awal + i);
        }
    }
    if titik.len() < 3 {
        return titik.to_vec();
    }
    let mut simpan = vec![false; titik.len()];
    simpan[0] = true;
    simpan[titik.len() - 1] = true;
    rekursi(titik, toleransi, &mut simpan, 0);
    titik
        .iter()
        .zip(simpan)
        .filter_map(|(p, s)| s.then_some(*p))
        .collect()
}

/// Tolerance of [`sederhanakan`] in viewBox units (a fifth of a pixel on a 360 px phone).
const TOLERANSI: f64 = 0.2;

/// Months shown: the child's age rounded up to the next 6 months, 12 to 60.
fn bulan_tampil(umur_hari: u32) -> u32 {
    let bulan = (umur_hari as f64 / HARI_PER_BULAN / 6.0).ceil() as u32 * 6;
    bulan.clamp(12, 60)
}

/// The growth chart of an age-based indicator (BB/U, PB/TB/U, IMT/U) as an inline `<svg>`,
/// from birth to `umur_maks_hari` (the child's age) rounded up to the next 6 months (12 to 60
/// months). Points beyond the chart (over 1826 days) or not positive are left out. Returns an
/// empty string for BB/PB-TB, which is not drawn against age.
pub(crate) fn svg_umur(
    indikator: Indikator,
    kelamin: Kelamin,
    titik: &[Titik],
    umur_maks_hari: u32,
) -> String {
    if indikator == Indikator::BbPbTb {
        return String::new();
    }
    let umur_anak = titik
        .iter()
        .map(|t| t.umur_hari)
        .max()
        .unwrap_or(0)
        .max(umur_maks_hari);
    let bulan = bulan_tampil(umur_anak);
    let hari_skala = bulan as f64 * HARI_PER_BULAN;
    let hari_akhir = (hari_skala.floor() as u32).min(UMUR_HARI_MAKS);

    // Sample days: every week, the last day, and both sides of the switch from lying length
    // to standing height at 731 days (a step in the PB/TB/U and IMT/U curves).
    let mut hari: Vec<u32> = (0..=hari_akhir).step_by(LANGKAH_HARI as usize).collect();
    hari.extend(
        [730, 731, hari_akhir]
            .into_iter()
            .filter(|&h| h <= hari_akhir),
    );
    hari.sort_unstable();
    hari.dedup();

    // curves[i] = (day, value) along KURVA[i].
    let mut kurva: [Vec<(u32, f64)>; 7] = Default::default();
    for &h in &hari {
        if let Some(lms) = lms_umur(indikator, kelamin, Umur::Hari(h)) {
            for (i, (z, ..)) in KURVA.iter().enumerate() {
                kurva[i].push((h, lms.nilai_pada(*z)));
            }
        }
    }

    let mut anak: Vec<Titik> = titik
        .iter()
        .copied()
        .filter(|t| t.umur_hari <= hari_akhir && t.nilai.is_finite() && t.nilai > 0.0)
        .collect();
    anak.sort_by_key(|t| t.umur_hari);

    // Value range: from the −3 SD minimum to the +3 SD maximum, widened for the child's points.
    let mut min = kurva[0].iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut maks = kurva[6]
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max);
    for t in &anak {
        min = min.min(t.nilai);
        maks = maks.max(t.nilai);
    }
    if !min.is_finite() || !maks.is_finite() || maks <= min {
        (min, maks) = (0.0, 1.0);
    }
    let langkah = langkah_grid(maks - min);
    let y_bawah = (min / langkah).floor() * langkah;
    let y_atas = (maks / langkah).ceil() * langkah;

    let px = |h: f64| KIRI + h / hari_skala * (KANAN - KIRI);
    let py = |v: f64| BAWAH - (v - y_bawah) / (y_atas - y_bawah) * (BAWAH - ATAS);

    // The curves in viewBox coordinates, thinned where straight.
    let garis: Vec<Vec<(f64, f64)>> = kurva
        .iter()
        .map(|g| {
            let piksel: Vec<(f64, f64)> = g.iter().map(|&(h, v)| (px(h as f64), py(v))).collect();
            sederhanakan(&piksel, TOLERANSI)
        })
        .collect();

    let judul = judul(indikator);
    let satuan = satuan(indikator);
    let kelamin = nama_kelamin(kelamin);
    let label = format!(
        "Grafik {} ({kelamin}), umur 0–{bulan} bulan, dengan {} titik pengukuran anak",
        // "berat badan …", but "IMT …" stays in capitals.
        if judul.starts_with("IMT") {
            judul.to_string()
        } else {
            judul.to_lowercase()
        },
        anak.len()
    );
    let dua_baris = bulan > 36;
    let tinggi = TINGGI + if dua_baris { 10.0 } else { 0.0 };
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi}" width="100%" font-family="sans-serif" class="grafik grafik-tumbuh" role="img" aria-label="{label}"><title>{label}</title><rect width="{LEBAR}" height="{tinggi}" fill="#fff"/><text x="2" y="14" font-size="12" font-weight="bold" fill="{WARNA_TEKS}">{}</text><text x="2" y="{}" font-size="10" fill="{WARNA_TEKS}">{}</text>"##,
        xml(&format!("{judul} ({kelamin})")),
        k(ATAS - 7.0),
        xml(satuan),
        label = xml(&label),
    );

    // Band between −2 and +2 SD.
    if !garis[1].is_empty() {
        s.push_str(r#"<polygon fill=""#);
        s.push_str(WARNA_PITA);
        s.push_str(r#"" points=""#);
        let naik = garis[5].iter();
        let turun = garis[1].iter().rev();
        for (i, &(x, y)) in naik.chain(turun).enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let _ = write!(s, "{},{}", k(x), k(y));
        }
        s.push_str(r#""/>"#);
    }

    // Grid: horizontal lines with value labels, vertical lines every 6 months.
    let mut grid = String::new();
    let mut label_y = String::new();
    let n_garis = ((y_atas - y_bawah) / langkah).round() as u32;
    for i in 0..=n_garis {
        let v = y_bawah + i as f64 * langkah;
        let y = k(py(v));
        let _ = write!(grid, "M{KIRI} {y}H{KANAN}");
        let _ = write!(
            label_y,
            r#"<text x="{X_LABEL_Y}" y="{y}">{}</text>"#,
            label_angka(v)
        );
    }
    // Over 36 months the labels every 6 months would touch: every other one drops a row.
    let mut label_x = String::new();
    for b in (0..=bulan).step_by(6) {
        let x = k(px(b as f64 * HARI_PER_BULAN));
        let _ = write!(grid, "M{x} {ATAS}V{BAWAH}");
        let turun = if dua_baris && b % 12 == 6 { 11.0 } else { 0.0 };
        let _ = write!(
            label_x,
            r#"<text x="{x}" y="{}">{b} bln</text>"#,
            k(BAWAH + 13.0 + turun)
        );
    }
    let _ = write!(
        s,
        r##"<path d="{grid}" stroke="{WARNA_GRID}" stroke-width="1" fill="none"/><path d="M{KIRI} {ATAS}V{BAWAH}H{KANAN}" stroke="{WARNA_TEKS}" stroke-width="1" fill="none"/><g font-size="10" text-anchor="end" dominant-baseline="middle" fill="{WARNA_TEKS}">{label_y}</g><g font-size="10" text-anchor="middle" fill="{WARNA_TEKS}">{label_x}</g>"##
    );

    // The seven WHO curves, each labelled at its end.
    let mut ujung: Vec<(f64, &str, &str)> = Vec::new();
    for (garis, (_, nama, warna, tebal)) in garis.iter().zip(KURVA) {
        let Some(&(_, y_akhir)) = garis.last() else {
            continue;
        };
        let _ = write!(
            s,
            r#"<polyline fill="none" stroke="{warna}" stroke-width="{tebal}" points=""#
        );
        for (i, &(x, y)) in garis.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let _ = write!(s, "{},{}", k(x), k(y));
        }
        s.push_str(r#""/>"#);
        ujung.push((y_akhir, nama, warna));
    }
    // End labels from the top (+3) down, at least 9 units apart.
    ujung.reverse();
    let mut y_lalu = f64::NEG_INFINITY;
    s.push_str(r#"<g font-size="9" dominant-baseline="middle">"#);
    for (y, nama, warna) in ujung {
        let y = y.max(y_lalu + 9.0);
        y_lalu = y;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" fill="{warna}">{nama}</text>"#,
            k(KANAN + 3.0),
            k(y)
        );
    }
    s.push_str("</g>");

    // The child's measurements.
    if !anak.is_empty() {
        let mut d = String::new();
        for (i, t) in anak.iter().enumerate() {
            let perintah = if i == 0 { 'M' } else { 'L' };
            let _ = write!(
                d,
                "{perintah}{} {}",
                k(px(t.umur_hari as f64)),
                k(py(t.nilai))
            );
        }
        let _ = write!(
            s,
            r#"<path d="{d}" fill="none" stroke="{WARNA_ANAK}" stroke-width="1.5"/>"#
        );
        let _ = write!(
            s,
            r##"<g fill="{WARNA_ANAK}" stroke="#fff" stroke-width="1">"##
        );
        for t in &anak {
            let _ = write!(
                s,
                r#"<circle cx="{}" cy="{}" r="3.5"><title>{}: {} {}</title></circle>"#,
                k(px(t.umur_hari as f64)),
                k(py(t.nilai)),
                xml(&teks_umur(t.umur_hari)),
                angka(t.nilai),
                xml(satuan)
            );
        }
        s.push_str("</g>");
    }

    // Legend.
    let y_leg = BAWAH + if dua_baris { 42.0 } else { 32.0 };
    let mut x = 4.0;
    s.push_str(r#"<g font-size="10">"#);
    for (nama, warna, tebal, lebar) in [
        ("Median", WARNA_MEDIAN, 2.0, 58.0),
        ("±1 SD", WARNA_SD1, 1.0, 54.0),
        ("±2 SD", WARNA_SD2, 1.2, 54.0),
        ("±3 SD", WARNA_SD3, 1.2, 54.0),
    ] {
        let _ = write!(
            s,
            r#"<path d="M{x} {}h14" stroke="{warna}" stroke-width="{tebal}"/><text x="{}" y="{}" fill="{WARNA_TEKS}">{}</text>"#,
            k(y_leg - 3.5),
            k(x + 17.0),
            k(y_leg),
            xml(nama)
        );
        x += lebar;
    }
    let _ = write!(
        s,
        r##"<rect x="{}" y="{}" width="14" height="8" fill="{WARNA_PITA}"/><text x="{}" y="{}" fill="{WARNA_TEKS}">−2…+2</text><rect x="{}" y="{}" width="7" height="7" rx="3.5" fill="{WARNA_ANAK}"/><text x="{}" y="{}" fill="{WARNA_TEKS}">Anak</text></g></svg>"##,
        k(x),
        k(y_leg - 7.5),
        k(x + 17.0),
        k(y_leg),
        k(x + 70.0),
        k(y_leg - 7.0),
        k(x + 80.0),
        k(y_leg)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the tags are balanced and returns the names of the elements in order.
    fn elemen(svg: &str) -> Vec<String> {
        let mut tumpukan: Vec<String> = Vec::new();
        let mut semua = Vec::new();
        let mut sisa = svg;
        while let Some(i) = sisa.find('<') {
            let j = sisa[i..].find('>').expect("tag tidak ditutup") + i;
            let tag = &sisa[i + 1..j];
            if let Some(nama) = tag.strip_prefix('/') {
                assert_eq!(tumpukan.pop().as_deref(), Some(nama), "tag tidak seimbang");
            } else {
                let nama: String = tag
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '/')
                    .collect();
                semua.push(nama.clone());
                if !tag.ends_with('/') {
                    tumpukan.push(nama);
                }
            }
            sisa = &sisa[j + 1..];
        }
        assert!(tumpukan.is_empty(), "tag belum ditutup: {tumpukan:?}");
        semua
    }

    fn hitung(svg: &str, nama: &str) -> usize {
        elemen(svg).iter().filter(|e| *e == nama).count()
    }

    /// The value of attribute `nama` in the text after an element name.
    fn atribut(tag: &str, nama: &str) -> String {
        let tag = format!(" {tag}");
        let awal = tag.find(&format!(" {nama}=\"")).expect(nama) + nama.len() + 3;
        let akhir = tag[awal..].find('"').unwrap() + awal;
        tag[awal..akhir].to_string()
    }

    fn contoh() -> Vec<Titik> {
        vec![
            Titik {
                umur_hari: 0,
                nilai: 3.2,
            },
            Titik {
                umur_hari: 61,
                nilai: 5.4,
            },
            Titik {
                umur_hari: 250,
                nilai: 7.9,
            },
            Titik {
                umur_hari: 400,
                nilai: 9.35,
            },
        ]
    }

    #[test]
    fn grafik_tumbuh_svg_seimbang_dengan_tujuh_kurva_dan_titik_anak() {
        for ind in [Indikator::BbU, Indikator::PbTbU, Indikator::ImtU] {
            for kel in [Kelamin::L, Kelamin::P] {
                let t = contoh();
                let svg = svg_umur(ind, kel, &t, 400);
                assert!(svg.starts_with("<svg"), "{svg}");
                assert!(svg.ends_with("</svg>"));
                assert_eq!(elemen(&svg)[0], "svg");
                assert_eq!(hitung(&svg, "svg"), 1);
                assert_eq!(hitung(&svg, "polyline"), 7);
                assert_eq!(hitung(&svg, "circle"), t.len());
                assert!(svg.contains(r#"role="img""#));
                assert!(!svg.contains("<script") && !svg.contains("style="));
                // 400 days → 18 months shown.
                assert!(svg.contains(">18 bln<") && !svg.contains(">24 bln<"));
            }
        }
        let svg = svg_umur(Indikator::BbU, Kelamin::L, &contoh(), 400);
        assert!(svg.contains("aria-label=\"Grafik berat badan menurut umur"));
        assert!(svg.contains("<title>8 bln: 7,9 kg</title>"), "{svg}");
        assert!(svg.contains("<title>13 bln: 9,35 kg</title>"));
        assert!(svg.contains("<title>0 hari: 3,2 kg</title>"));
        assert!(svg.contains(">0 bln<") && svg.contains(">6 bln<"));
        let svg = svg_umur(Indikator::ImtU, Kelamin::P, &[], 10);
        assert!(svg.contains("kg/m²") && svg.contains(">12 bln<"));
        assert!(svg.contains("aria-label=\"Grafik IMT menurut umur (perempuan)"));
        assert_eq!(hitung(&svg, "circle"), 0);
        assert_eq!(svg_umur(Indikator::BbPbTb, Kelamin::L, &[], 100), "");
    }

    #[test]
    fn grafik_tumbuh_median_lahir_laki_laki_pada_3_3464_kg() {
        let svg = svg_umur(Indikator::BbU, Kelamin::L, &[], 365);
        // The y-axis labels (value → y) give the scale, independently of the drawing code.
        let label: Vec<(f64, f64)> = svg
            .split("<text ")
            .skip(1)
            .filter(|t| atribut(t, "x") == k(X_LABEL_Y))
            .map(|t| {
                let isi = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                let v: f64 = isi.replace(',', ".").parse().unwrap();
                (v, atribut(t, "y").parse().unwrap())
            })
            .collect();
        assert!(label.len() >= 3, "{label:?}");
        let (v0, y0) = label[0];
        let (v1, y1) = label[label.len() - 1];
        let y_harapan = y0 + (3.3464 - v0) / (v1 - v0) * (y1 - y0);
        // The fourth curve is the median; its first point is day 0.
        let median = svg.split("<polyline ").nth(4).unwrap();
        let titik = atribut(median, "points");
        assert!(titik.split(' ').count() > 10);
        let pertama = titik.split(' ').next().unwrap();
        let (x, y) = pertama.split_once(',').unwrap();
        assert_eq!(x.parse::<f64>().unwrap(), KIRI);
        let y: f64 = y.parse().unwrap();
        assert!((y - y_harapan).abs() < 1.0, "y {y}, harapan {y_harapan}");
        assert!(atribut(median, "stroke") == WARNA_MEDIAN);
    }

    #[test]
    fn grafik_tumbuh_lima_tahun_di_bawah_30_kb() {
        let t: Vec<Titik> = (0..60)
            .map(|b| Titik {
                umur_hari: (b as f64 * HARI_PER_BULAN) as u32,
                nilai: 3.3 + b as f64 * 0.25,
            })
            .collect();
        for ind in [Indikator::BbU, Indikator::PbTbU, Indikator::ImtU] {
            let svg = svg_umur(ind, Kelamin::P, &t, 1826);
            assert!(svg.len() < 30 * 1024, "{:?}: {} bytes", ind, svg.len());
            assert!(svg.contains(">60 bln<"));
            assert_eq!(hitung(&svg, "polyline"), 7);
            assert_eq!(hitung(&svg, "circle"), 60);
        }
        // Ages beyond the tables are capped at 60 months.
        let svg = svg_umur(Indikator::BbU, Kelamin::L, &[], 5000);
        assert!(svg.contains(">60 bln<") && !svg.contains(">66 bln<"));
    }

    #[test]
    fn grafik_tumbuh_bulan_dibulatkan_ke_6_bulan() {
        assert_eq!(bulan_tampil(0), 12);
        assert_eq!(bulan_tampil(366), 18);
        assert_eq!(bulan_tampil(547), 18);
        assert_eq!(bulan_tampil(548), 24);
        assert_eq!(bulan_tampil(730), 24);
        assert_eq!(bulan_tampil(731), 30);
        assert_eq!(bulan_tampil(1826), 60);
        assert_eq!(angka(7.9), "7,9");
        assert_eq!(angka(80.0), "80,0");
        assert_eq!(k(12.04), "12");
        assert_eq!(xml("a<b&\""), "a&lt;b&amp;&quot;");
    }
}
