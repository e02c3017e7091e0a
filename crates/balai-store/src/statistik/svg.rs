//! Server-side SVG charts of a statistic: accessible (title, description, one text per bar),
//! self-contained (no scripts, no external fonts or styles), escaped.

use super::{KELOMPOK_UMUR, Statistik};
use balai_domain::surat::teks::ribuan;
use std::fmt::Write;

const LEBAR: u32 = 720;
const TINGGI_BARIS: u32 = 22;
const ATAS: u32 = 40;
const BAWAH: u32 = 16;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const WARNA_BATANG: &str = "#1f6f8b";
const WARNA_LAKI: &str = "#2b6cb0";
const WARNA_PEREMPUAN: &str = "#b83280";
const WARNA_TEKS: &str = "#1a202c";
/// Labels longer than this are shortened on screen (the full label stays in the bar's title).
const LABEL_MAKS: usize = 34;

/// Escapes text for SVG/XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// 12.345 → "12,3%".
fn persen(bagian: i64, dari: i64) -> String {
    if dari == 0 {
        return "0%".into();
    }
    let p = (bagian as f64 * 1000.0 / dari as f64).round() / 10.0;
    format!("{p:.1}%").replace('.', ",")
}

fn pendek(label: &str) -> String {
    if label.chars().count() <= LABEL_MAKS {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(LABEL_MAKS - 1).collect();
        s.push('…');
        s
    }
}

/// Id prefix unique per statistic, so several charts can share a page.
fn id_dasar(s: &Statistik) -> String {
    format!("statistik-{}", s.jenis.kode())
}

fn buka_svg(out: &mut String, s: &Statistik, tinggi: u32, jenis_diagram: &str, desc: &str) {
    let id = id_dasar(s);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {tinggi}" width="{LEBAR}" height="{tinggi}" class="grafik" role="img" aria-labelledby="{id}-judul {id}-desc" font-family="{font}" font-size="12" fill="{WARNA_TEKS}">"#,
        font = esc(FONT)
    );
    let _ = write!(
        out,
        r#"<title id="{id}-judul">{judul}</title><desc id="{id}-desc">{jenis} {desc}</desc>"#,
        judul = esc(&s.judul),
        jenis = esc(jenis_diagram),
        desc = esc(desc),
    );
    let _ = write!(
        out,
        r#"<text x="8" y="22" font-size="15" font-weight="bold">{}</text>"#,
        esc(&s.judul)
    );
}

/// A plain-text summary for screen readers: total, then every row.
fn ringkasan(s: &Statistik, pisah_jenis_kelamin: bool) -> String {
    let mut d = format!(
        "Data per {}. Jumlah seluruhnya {} orang ({} laki-laki, {} perempuan).",
        s.tanggal.format("%d-%m-%Y"),
        ribuan(s.total.jumlah),
        ribuan(s.total.laki),
        ribuan(s.total.perempuan)
    );
    for b in &s.baris {
        if pisah_jenis_kelamin {
            let _ = write!(
                d,
                " {}: {} laki-laki, {} perempuan.",
                b.label,
                ribuan(b.laki),
                ribuan(b.perempuan)
            );
        } else {
            let _ = write!(
                d,
                " {}: {} ({}).",
                b.label,
                ribuan(b.jumlah),
                persen(b.jumlah, s.total.jumlah)
            );
        }
    }
    d
}

/// A horizontal bar chart of `jumlah` per row, with labels and counts.
pub fn svg_batang(s: &Statistik) -> String {
    let n = s.baris.len().max(1) as u32;
    let tinggi = ATAS + n * TINGGI_BARIS + BAWAH;
    let x_batang: u32 = 260;
    let lebar_maks = (LEBAR - x_batang - 110) as f64;
    let maks = s.baris.iter().map(|b| b.jumlah).max().unwrap_or(0).max(1) as f64;
    let mut out = String::with_capacity(512 + s.baris.len() * 320);
    buka_svg(&mut out, s, tinggi, "Diagram batang.", &ringkasan(s, false));
    if s.baris.is_empty() {
        let _ = write!(
            out,
            r#"<text x="8" y="{}">Tidak ada data.</text>"#,
            ATAS + 14
        );
    }
    for (i, b) in s.baris.iter().enumerate() {
        let y = ATAS + i as u32 * TINGGI_BARIS;
        let w = (b.jumlah as f64 / maks * lebar_maks).round();
        let w = if b.jumlah > 0 { w.max(1.0) } else { 0.0 };
        let _ = write!(
            out,
            r#"<g><title>{judul}: {n} orang ({p})</title><text x="{xl}" y="{yt}" text-anchor="end">{label}</text><rect x="{x_batang}" y="{yr}" width="{w}" height="{h}" fill="{WARNA_BATANG}"/><text x="{xn}" y="{yt}">{n} ({p})</text></g>"#,
            judul = esc(&b.label),
            label = esc(&pendek(&b.label)),
            n = ribuan(b.jumlah),
            p = persen(b.jumlah, s.total.jumlah),
            xl = x_batang - 8,
            yt = y + 15,
            yr = y + 3,
            h = TINGGI_BARIS - 6,
            xn = x_batang as f64 + w + 6.0,
        );
    }
    out.push_str("</svg>");
    out
}

/// A population pyramid: one row per age band, oldest at the top, males to the left and
/// females to the right of the band labels. Meant for [`super::JenisStatistik::Umur`]; other
/// statistics are drawn the same way with their own rows.
pub fn svg_piramida(s: &Statistik) -> String {
    let n = s.baris.len().max(1) as u32;
    let atas = ATAS + 20;
    let tinggi = atas + n * TINGGI_BARIS + BAWAH;
    let tengah = LEBAR / 2;
    let lebar_label: u32 = 130;
    let kiri = tengah - lebar_label / 2;
    let kanan = tengah + lebar_label / 2;
    let lebar_maks = (kiri - 70) as f64;
    let maks = s
        .baris
        .iter()
        .map(|b| b.laki.max(b.perempuan))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut out = String::with_capacity(768 + s.baris.len() * 480);
    buka_svg(
        &mut out,
        s,
        tinggi,
        "Piramida penduduk.",
        &ringkasan(s, true),
    );
    let _ = write!(
        out,
        r#"<text x="{kiri}" y="{y}" text-anchor="end" font-weight="bold" fill="{WARNA_LAKI}">Laki-laki ({l})</text><text x="{kanan}" y="{y}" font-weight="bold" fill="{WARNA_PEREMPUAN}">Perempuan ({p})</text>"#,
        y = ATAS + 8,
        l = ribuan(s.total.laki),
        p = ribuan(s.total.perempuan),
    );
    // Oldest band at the top, as pyramids are read.
    let urut: Vec<_> = if s.baris.len() == KELOMPOK_UMUR.len() {
        s.baris.iter().rev().collect()
    } else {
        s.baris.iter().collect()
    };
    for (i, b) in urut.into_iter().enumerate() {
        let y = atas + i as u32 * TINGGI_BARIS;
        let skala = |v: i64| {
            let w = (v as f64 / maks * lebar_maks).round();
            if v > 0 { w.max(1.0) } else { 0.0 }
        };
        let wl = skala(b.laki);
        let wp = skala(b.perempuan);
        let _ = write!(
            out,
            r#"<g><title>{judul}: {l} laki-laki, {p} perempuan</title><rect x="{xl}" y="{yr}" width="{wl}" height="{h}" fill="{WARNA_LAKI}"/><text x="{xtl}" y="{yt}" text-anchor="end">{l}</text><text x="{tengah}" y="{yt}" text-anchor="middle">{label}</text><rect x="{kanan}" y="{yr}" width="{wp}" height="{h}" fill="{WARNA_PEREMPUAN}"/><text x="{xtp}" y="{yt}">{p}</text></g>"#,
            judul = esc(&b.label),
            label = esc(&pendek(&b.label)),
            l = ribuan(b.laki),
            p = ribuan(b.perempuan),
            xl = kiri as f64 - wl,
            xtl = kiri as f64 - wl - 4.0,
            xtp = kanan as f64 + wp + 4.0,
            yr = y + 3,
            yt = y + 15,
            h = TINGGI_BARIS - 6,
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_dan_angka() {
        assert_eq!(esc(r#"A&B <"x'>"#), "A&amp;B &lt;&quot;x&#39;&gt;");
        assert_eq!(ribuan(0), "0");
        assert_eq!(ribuan(999), "999");
        assert_eq!(ribuan(1000), "1.000");
        assert_eq!(ribuan(1234567), "1.234.567");
        assert_eq!(persen(1, 3), "33,3%");
        assert_eq!(persen(0, 0), "0%");
    }
}
