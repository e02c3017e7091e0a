//! News, announcements and pages of the village site. The body is stored already sanitised
//! (ammonia): whatever an operator pastes, only plain formatting, links and the site's own
//! images remain.

use super::slug_dari;
use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::situs::artikel::periksa;
pub use balai_domain::situs::artikel::{ArtikelBaru, JENIS, PANJANG_ISI, label_jenis};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Artikel {
    pub id: Uuid,
    pub jenis: String,
    pub kategori: String,
    pub judul: String,
    pub slug: String,
    pub ringkasan: String,
    pub isi_html: String,
    pub gambar: Option<String>,
    pub waktu_acara: Option<DateTime<Utc>>,
    pub tempat: String,
    pub status: String,
    pub terbit_pada: Option<DateTime<Utc>>,
    pub penulis: String,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl Artikel {
    pub fn label_jenis(&self) -> &'static str {
        label_jenis(&self.jenis)
    }
    /// "Draf", "Terjadwal" or "Terbit" as of `now`.
    pub fn keadaan(&self, now: &DateTime<Utc>) -> &'static str {
        match (self.status.as_str(), self.terbit_pada) {
            ("terbit", Some(t)) if t > *now => "Terjadwal",
            ("terbit", _) => "Terbit",
            _ => "Draf",
        }
    }
    /// The summary, or the start of the body's text.
    pub fn cuplikan(&self) -> String {
        if !self.ringkasan.is_empty() {
            return self.ringkasan.clone();
        }
        let teks = teks_polos(&self.isi_html);
        let mut s: String = teks.chars().take(200).collect();
        if teks.chars().count() > 200 {
            s.push('…');
        }
        s
    }
}

/// Text of sanitised HTML, tags removed and entities of the sanitiser undone.
pub fn teks_polos(html: &str) -> String {
    let mut s = String::new();
    let mut dalam_tag = false;
    for c in html.chars() {
        match c {
            '<' => dalam_tag = true,
            '>' if dalam_tag => {
                dalam_tag = false;
                s.push(' ');
            }
            c if !dalam_tag => s.push(c),
            _ => {}
        }
    }
    let s = s
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape_teks(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The article body as safe HTML. Plain text becomes paragraphs; HTML keeps only formatting,
/// links (http, https, mailto, tel, or on this site) and images. A `<script>` is not run: its
/// text stays visible as text.
pub fn bersihkan_html(isi: &str) -> String {
    let isi = isi.trim().replace("\r\n", "\n");
    if !isi.contains('<') {
        return isi
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                let baris: Vec<String> = p.lines().map(escape_teks).collect();
                format!("<p>{}</p>", baris.join("<br>"))
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    let tag: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "img",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::new()
        .tags(tag)
        .clean_content_tags(HashSet::new())
        .tag_attributes(
            [("a", ["href"].into()), ("img", ["src", "alt"].into())]
                .into_iter()
                .collect(),
        )
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&isi)
        .to_string()
}

/// A published article found by a search across villages.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct HasilCari {
    pub desa_nama: String,
    pub situs_slug: String,
    pub judul: String,
    pub slug: String,
    pub terbit_pada: Option<DateTime<Utc>>,
}

const KOLOM: &str = "id, jenis, kategori, judul, slug, ringkasan, isi_html, gambar, waktu_acara, tempat, \
                     status, terbit_pada, penulis, dibuat_pada, diubah_pada";

impl Store {
    /// Saves a new article (`id` None) or changes one; returns its id.
    pub async fn simpan_artikel(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        b: &ArtikelBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        periksa(b)?;
        let lama = match id {
            Some(id) => Some(
                self.artikel(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        if let Some(t) = &b.gambar
            && self.gambar(desa_id, t).await?.is_none()
        {
            return Err(Galat::isian(
                "gambar",
                "Gambar yang dipilih tidak ada lagi. Unggah ulang.",
            ));
        }
        let id = id.unwrap_or_else(id_baru);
        let now = self.sekarang();
        let isi_html = bersihkan_html(&b.isi);
        let status = if b.terbit { "terbit" } else { "draf" };
        let terbit_pada = if b.terbit {
            b.terbit_pada
                .or(lama.as_ref().and_then(|l| l.terbit_pada))
                .or(Some(now))
        } else {
            None
        };
        let slug = match &lama {
            Some(l) => l.slug.clone(),
            None => self.slug_artikel_bebas(desa_id, &b.judul).await?,
        };
        let mut tx = self.db.begin().await?;
        if lama.is_some() {
            on_tx!(&mut tx, c => sqlx::query(
                "UPDATE artikel SET jenis = $3, kategori = $4, judul = $5, ringkasan = $6, isi_html = $7, gambar = $8, \
                 status = $9, terbit_pada = $10, diubah_pada = $11, waktu_acara = $12, tempat = $13 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).bind(&b.jenis).bind(b.kategori.trim()).bind(b.judul.trim())
                .bind(b.ringkasan.trim()).bind(&isi_html).bind(&b.gambar).bind(status).bind(terbit_pada).bind(now)
                .bind(b.waktu_acara).bind(b.tempat.trim())
                .execute(&mut *c).await.map(|_| ()))?;
        } else {
            on_tx!(&mut tx, c => sqlx::query(
                "INSERT INTO artikel (desa_id, id, jenis, kategori, judul, slug, ringkasan, isi_html, gambar, status, \
                 terbit_pada, penulis, dibuat_pada, diubah_pada, waktu_acara, tempat) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15)")
                .bind(desa_id).bind(id).bind(&b.jenis).bind(b.kategori.trim()).bind(b.judul.trim()).bind(&slug)
                .bind(b.ringkasan.trim()).bind(&isi_html).bind(&b.gambar).bind(status).bind(terbit_pada)
                .bind(&aktor.0).bind(now).bind(b.waktu_acara).bind(b.tempat.trim()).execute(&mut *c).await.map(|_| ()))?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if lama.is_some() { "ubah" } else { "tambah" },
                objek: "artikel",
                objek_id: id.to_string(),
                sebelum: lama.as_ref().map(|l| json!({ "judul": l.judul, "status": l.status, "terbit_pada": l.terbit_pada })),
                sesudah: Some(json!({ "judul": b.judul.trim(), "status": status, "terbit_pada": terbit_pada, "panjang": isi_html.len() })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn slug_artikel_bebas(&self, desa_id: &str, judul: &str) -> Result<String, Galat> {
        let dasar: String = match slug_dari(judul) {
            s if s.is_empty() => "tulisan".into(),
            s => s,
        };
        for n in 1..1000 {
            let slug = if n == 1 {
                dasar.clone()
            } else {
                format!("{dasar}-{n}")
            };
            let ada: Option<Uuid> = on_db!(&self.db, p => sqlx::query_scalar(
                "SELECT id FROM artikel WHERE desa_id = $1 AND slug = $2").bind(desa_id).bind(&slug)
                .fetch_optional(p).await)?;
            if ada.is_none() {
                return Ok(slug);
            }
        }
        Ok(format!("{dasar}-{}", id_baru().simple()))
    }

    pub async fn artikel(&self, desa_id: &str, id: Uuid) -> Result<Option<Artikel>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM artikel WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Every article of a village for the editors, newest first.
    pub async fn daftar_artikel(&self, desa_id: &str) -> Result<Vec<Artikel>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM artikel WHERE desa_id = $1 ORDER BY diubah_pada DESC LIMIT 500"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    /// Published articles (their time has come), newest first, before `sebelum` when given.
    pub async fn artikel_terbit(
        &self,
        desa_id: &str,
        jenis: Option<&str>,
        sebelum: Option<DateTime<Utc>>,
        batas: i64,
    ) -> Result<Vec<Artikel>, Galat> {
        let now = self.sekarang();
        let sql = format!(
            "SELECT {KOLOM} FROM artikel WHERE desa_id = $1 AND status = 'terbit' AND terbit_pada <= $2 \
             AND ($3 = '' OR jenis = $3) AND jenis <> 'halaman' AND terbit_pada < $4 \
             ORDER BY terbit_pada DESC LIMIT $5"
        );
        let sebelum = sebelum.unwrap_or(now + chrono::Duration::seconds(1));
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(now).bind(jenis.unwrap_or("")).bind(sebelum).bind(batas).fetch_all(p).await)?,
        )
    }

    /// Published agenda items whose event is still to come (or today), soonest first.
    pub async fn agenda_mendatang(&self, desa_id: &str, batas: i64) -> Result<Vec<Artikel>, Galat> {
        let now = self.sekarang();
        let sql = format!(
            "SELECT {KOLOM} FROM artikel WHERE desa_id = $1 AND status = 'terbit' AND terbit_pada <= $2 \
             AND jenis = 'agenda' AND waktu_acara >= $3 ORDER BY waktu_acara LIMIT $4"
        );
        let sejak = now - chrono::Duration::hours(12);
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(now).bind(sejak).bind(batas).fetch_all(p).await)?,
        )
    }

    /// Published pages (jenis "halaman"), by title.
    pub async fn halaman_terbit(&self, desa_id: &str) -> Result<Vec<Artikel>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM artikel WHERE desa_id = $1 AND status = 'terbit' AND terbit_pada <= $2 \
             AND jenis = 'halaman' ORDER BY judul"
        );
        let now = self.sekarang();
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(now).fetch_all(p).await)?,
        )
    }

    /// A published article by its address; drafts and scheduled ones are not found.
    pub async fn artikel_terbit_slug(
        &self,
        desa_id: &str,
        slug: &str,
    ) -> Result<Option<Artikel>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM artikel WHERE desa_id = $1 AND slug = $2 AND status = 'terbit' AND terbit_pada <= $3"
        );
        let now = self.sekarang();
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(slug).bind(now).fetch_optional(p).await)?,
        )
    }

    /// Published news of every village whose title contains `q` (all when empty), newest first.
    pub async fn cari_artikel_semua(&self, q: &str, batas: i64) -> Result<Vec<HasilCari>, Galat> {
        let pola = format!(
            "%{}%",
            q.trim().to_lowercase().replace(['\\', '%', '_'], "")
        );
        let now = self.sekarang();
        Ok(on_db!(&self.db, p => sqlx::query_as(
            "SELECT d.nama AS desa_nama, s.slug AS situs_slug, a.judul, a.slug, a.terbit_pada FROM artikel a \
             JOIN situs_desa s ON s.desa_id = a.desa_id JOIN desa d ON d.desa_id = a.desa_id \
             WHERE a.status = 'terbit' AND a.terbit_pada <= $1 AND a.jenis <> 'halaman' AND lower(a.judul) LIKE $2 \
             ORDER BY a.terbit_pada DESC LIMIT $3")
            .bind(now).bind(&pola).bind(batas).fetch_all(p).await)?)
    }

    pub async fn hapus_artikel(&self, desa_id: &str, id: Uuid, aktor: &Aktor) -> Result<(), Galat> {
        let lama = self
            .artikel(desa_id, id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query("DELETE FROM artikel WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "artikel",
                objek_id: id.to_string(),
                sebelum: Some(
                    json!({ "judul": lama.judul, "jenis": lama.jenis, "isi_html": lama.isi_html }),
                ),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teks_polos_menjadi_paragraf() {
        assert_eq!(
            bersihkan_html("Baris satu\nbaris dua\n\nParagraf dua & \"tiga\""),
            "<p>Baris satu<br>baris dua</p>\n<p>Paragraf dua &amp; &quot;tiga&quot;</p>"
        );
    }

    #[test]
    fn skrip_dan_atribut_berbahaya_dibuang() {
        let h = bersihkan_html(
            "<p onclick=\"x()\">Halo <script>alert('x')</script><a href=\"javascript:alert(1)\">klik</a>\
             <img src=\"/gambar/abc\" onerror=\"y()\"><iframe src=\"https://jahat.example\"></iframe></p>",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onclick") && !h.contains("onerror"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("<iframe"), "{h}");
        assert!(
            h.contains("alert('x')") || h.contains("alert(&#39;x&#39;)"),
            "{h}"
        );
        assert!(h.contains("<img src=\"/gambar/abc\">"), "{h}");
    }
}
