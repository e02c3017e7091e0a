//! The register of incoming letters (buku agenda surat masuk), with a scanned attachment.

use crate::audit::{Catatan, catat};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

/// Largest attachment accepted (a few scanned pages).
pub const LAMPIRAN_MAKS: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct SuratMasukBaru {
    pub tanggal_terima: String,
    pub nomor_surat: String,
    pub tanggal_surat: String,
    pub pengirim: String,
    pub isi_singkat: String,
    pub disposisi: String,
    /// File bytes and the name it was uploaded with.
    pub lampiran: Option<(Vec<u8>, String)>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SuratMasuk {
    pub id: Uuid,
    pub tahun: i64,
    pub nomor_urut: i64,
    pub tanggal_terima: NaiveDate,
    pub nomor_surat: String,
    pub tanggal_surat: NaiveDate,
    pub pengirim: String,
    pub isi_singkat: String,
    pub disposisi: String,
    pub lampiran_mime: Option<String>,
    pub lampiran_nama: Option<String>,
    pub dicatat_oleh: String,
    pub dicatat_pada: DateTime<Utc>,
}

/// The type of an uploaded attachment, from its first bytes (never from its name or the
/// browser's claim). PDF, JPEG and PNG only; SVG and HTML can carry scripts.
pub fn jenis_lampiran(b: &[u8]) -> Result<&'static str, String> {
    if b.is_empty() {
        return Err("Berkas lampiran kosong.".into());
    }
    if b.len() > LAMPIRAN_MAKS {
        return Err(format!(
            "Lampiran terlalu besar ({:.1} MB); paling besar 5 MB. Pindai dengan resolusi lebih rendah.",
            b.len() as f64 / 1_048_576.0
        ));
    }
    crate::berkas::jenis_berkas(b).ok_or_else(|| {
        "Lampiran harus berkas PDF, JPEG atau PNG. Berkas SVG, HTML dan lainnya tidak diterima."
            .into()
    })
}

fn tanggal(
    g: &mut DaftarGalat,
    kolom: &str,
    label: &str,
    s: &str,
    hari_ini: NaiveDate,
) -> Option<NaiveDate> {
    let t = balai_domain::penduduk::parse_tanggal(s);
    match t {
        None => {
            g.push(
                kolom,
                format!("{label} wajib diisi dengan tanggal yang sah, misalnya 17-11-2026."),
            );
            None
        }
        Some(t) if t > hari_ini => {
            g.push(kolom, format!("{label} tidak boleh sesudah hari ini."));
            None
        }
        Some(t) if t.year() < 1945 => {
            g.push(kolom, format!("{label} terlalu lampau."));
            None
        }
        Some(t) => Some(t),
    }
}

fn wajib(g: &mut DaftarGalat, kolom: &str, label: &str, s: &str, maks: usize) -> String {
    let s = s.trim();
    if s.is_empty() {
        g.push(kolom, format!("{label} wajib diisi."));
    } else if s.chars().count() > maks {
        g.push(kolom, format!("{label} paling banyak {maks} karakter."));
    }
    s.to_string()
}

/// Attachment bytes, type and name, each possibly missing.
type BarisLampiran = (Option<Vec<u8>>, Option<String>, Option<String>);

const KOLOM: &str = "id, tahun, nomor_urut, tanggal_terima, nomor_surat, tanggal_surat, pengirim, isi_singkat, disposisi, \
     lampiran_mime, lampiran_nama, dicatat_oleh, dicatat_pada";

impl Store {
    /// Records an incoming letter with the next number of its year.
    pub async fn catat_surat_masuk(
        &self,
        desa_id: &str,
        m: &SuratMasukBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let hari_ini = self.hari_ini(desa.zona());
        let mut g = DaftarGalat::default();
        let terima = tanggal(
            &mut g,
            "tanggal_terima",
            "Tanggal penerimaan",
            &m.tanggal_terima,
            hari_ini,
        );
        let tgl_surat = tanggal(
            &mut g,
            "tanggal_surat",
            "Tanggal surat",
            &m.tanggal_surat,
            hari_ini,
        );
        if let (Some(a), Some(b)) = (terima, tgl_surat)
            && b > a
        {
            g.push(
                "tanggal_surat",
                "Tanggal surat tidak boleh sesudah tanggal penerimaan.",
            );
        }
        let nomor = wajib(&mut g, "nomor_surat", "Nomor surat", &m.nomor_surat, 100);
        let pengirim = wajib(&mut g, "pengirim", "Pengirim", &m.pengirim, 200);
        let isi = wajib(&mut g, "isi_singkat", "Isi singkat", &m.isi_singkat, 1000);
        if m.disposisi.chars().count() > 1000 {
            g.push("disposisi", "Disposisi paling banyak 1000 karakter.");
        }
        let lampiran = match &m.lampiran {
            None => None,
            Some((b, nama)) => match jenis_lampiran(b) {
                Ok(mime) => Some((b, mime, crate::berkas::nama_aman(nama))),
                Err(e) => {
                    g.push("lampiran", e);
                    None
                }
            },
        };
        let (Some(terima), Some(tgl_surat)) = (terima, tgl_surat) else {
            return Err(Galat::Isian(g));
        };
        g.into_result(())?;
        let id = id_baru();
        let now = self.sekarang();
        let tahun = i64::from(terima.year());
        let mut tx = self.db.begin().await?;
        let urut: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO nomor_surat (desa_id, lingkup, tahun, terakhir) VALUES ($1, 'masuk', $2, 1) \
             ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = nomor_surat.terakhir + 1 RETURNING terakhir")
            .bind(desa_id).bind(tahun).fetch_one(&mut *c).await)?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO surat_masuk (desa_id, id, tahun, nomor_urut, tanggal_terima, nomor_surat, tanggal_surat, pengirim, \
             isi_singkat, disposisi, lampiran, lampiran_mime, lampiran_nama, dicatat_oleh, dicatat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
            .bind(desa_id).bind(id).bind(tahun).bind(urut).bind(terima).bind(&nomor).bind(tgl_surat).bind(&pengirim)
            .bind(&isi).bind(m.disposisi.trim()).bind(lampiran.as_ref().map(|l| l.0.clone()))
            .bind(lampiran.as_ref().map(|l| l.1)).bind(lampiran.as_ref().map(|l| l.2.clone()))
            .bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tambah",
                objek: "surat_masuk",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(serde_json::json!({"nomor_urut": urut, "tahun": tahun, "nomor_surat": nomor, "pengirim": pengirim})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Incoming letters in order of receipt; `q` matches the number, sender or summary.
    pub async fn daftar_surat_masuk(
        &self,
        desa_id: &str,
        q: &str,
        dari: Option<NaiveDate>,
        sampai: Option<NaiveDate>,
    ) -> Result<Vec<SuratMasuk>, Galat> {
        let q = q.trim();
        let pola = if q.is_empty() {
            String::new()
        } else {
            format!("%{}%", crate::penduduk::pola_like(&q.to_lowercase()))
        };
        let sql = format!(
            "SELECT {KOLOM} FROM surat_masuk WHERE desa_id = $1 \
             AND ($2 = '' OR lower(nomor_surat) LIKE $2 ESCAPE '\\' OR lower(pengirim) LIKE $2 ESCAPE '\\' OR lower(isi_singkat) LIKE $2 ESCAPE '\\') \
             AND ($3 IS NULL OR tanggal_terima >= $3) AND ($4 IS NULL OR tanggal_terima <= $4) \
             ORDER BY tahun, nomor_urut LIMIT 5000"
        );
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(&pola).bind(dari).bind(sampai).fetch_all(p).await)?,
        )
    }

    pub async fn surat_masuk(&self, desa_id: &str, id: Uuid) -> Result<Option<SuratMasuk>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM surat_masuk WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// The attachment's bytes, type and name.
    pub async fn lampiran_surat_masuk(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String, String)>, Galat> {
        let r: Option<BarisLampiran> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT lampiran, lampiran_mime, lampiran_nama FROM surat_masuk WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        Ok(match r {
            Some((Some(b), Some(m), n)) => Some((b, m, n.unwrap_or_default())),
            _ => None,
        })
    }
}
