//! The cross-programme check: double receipt where a programme forbids it, recipients who died
//! or moved (read from the registry at once), eligible families that receive nothing, and
//! welfare data older than a year. Flags are computed each time; a person who looked at one
//! resolves it with a note, which is kept.

use super::Bantuan;
use crate::audit::{Catatan, catat};
use crate::penduduk::{HIDUP, MATI};
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::bantuan::{Aturan, DATA_USANG_HARI, JenisTanda, KRITERIA_MISKIN};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// One flag.
#[derive(Debug, Clone, Serialize)]
pub struct Tanda {
    pub jenis: JenisTanda,
    /// Stable key of what is flagged (resolution is stored under it).
    pub kunci: String,
    pub pesan: String,
    /// The page to act on it.
    pub tautan: String,
    /// (note, who, when) once resolved.
    pub selesai: Option<(String, String, DateTime<Utc>)>,
}

impl Tanda {
    pub fn jenis_label(&self) -> &'static str {
        self.jenis.label()
    }
}

#[derive(sqlx::FromRow)]
struct Aktif {
    id: Uuid,
    program_id: Uuid,
    kode: String,
    aturan: String,
    keluarga_id: Option<Uuid>,
    nama: String,
    status_dasar: i16,
}

#[derive(sqlx::FromRow)]
struct Terkini {
    keluarga_id: Uuid,
    id: Uuid,
    status_dtks: String,
    jumlah_kriteria: Option<i16>,
    tanggal_data: NaiveDate,
    no_kk: String,
    hidup: i64,
}

impl Bantuan<'_> {
    /// Every flag of a village, unresolved first.
    pub async fn tanda(&self, desa_id: &str) -> Result<Vec<Tanda>, Galat> {
        let aktif: Vec<Aktif> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT b.id, b.program_id, g.kode, g.aturan, b.keluarga_id, p.nama, p.status_dasar \
             FROM penerima_bantuan b JOIN program_bantuan g ON g.desa_id = b.desa_id AND g.id = b.program_id \
             JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id WHERE b.desa_id = $1 AND b.aktif")
            .bind(desa_id).fetch_all(p).await)?;
        let terkini: Vec<Terkini> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT s.keluarga_id, s.id, s.status_dtks, s.jumlah_kriteria, s.tanggal_data, k.no_kk, \
             (SELECT count(*) FROM penduduk x WHERE x.desa_id = s.desa_id AND x.keluarga_id = s.keluarga_id AND x.status_dasar = $2) AS hidup \
             FROM kesejahteraan s JOIN keluarga k ON k.desa_id = s.desa_id AND k.id = s.keluarga_id \
             WHERE s.desa_id = $1 AND s.dicatat_pada = (SELECT max(t.dicatat_pada) FROM kesejahteraan t \
               WHERE t.desa_id = s.desa_id AND t.keluarga_id = s.keluarga_id)")
            .bind(desa_id).bind(HIDUP).fetch_all(p).await)?;
        let selesai: Vec<(String, String, String, String, DateTime<Utc>)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT jenis, kunci, catatan, diselesaikan_oleh, diselesaikan_pada FROM tanda_bantuan WHERE desa_id = $1")
            .bind(desa_id).fetch_all(p).await)?;
        let selesai: HashMap<(String, String), (String, String, DateTime<Utc>)> = selesai
            .into_iter()
            .map(|(j, k, c, o, w)| ((j, k), (c, o, w)))
            .collect();
        let hari_ini = self.s.hari_ini(balai_domain::ZonaWaktu::dari_provinsi(
            &desa_id[..2.min(desa_id.len())],
        ));
        let tautan_program = |id: Uuid| format!("/desa/{desa_id}/bantuan/{id}");
        let tautan_keluarga = |id: Uuid| format!("/desa/{desa_id}/keluarga/{id}");
        let mut out = Vec::new();
        let mut tambah = |jenis: JenisTanda, kunci: String, pesan: String, tautan: String| {
            let s = selesai
                .get(&(jenis.kode().to_string(), kunci.clone()))
                .cloned();
            out.push(Tanda {
                jenis,
                kunci,
                pesan,
                tautan,
                selesai: s,
            });
        };

        let mut per_keluarga: BTreeMap<Uuid, Vec<&Aktif>> = BTreeMap::new();
        for a in &aktif {
            if let Some(k) = a.keluarga_id {
                per_keluarga.entry(k).or_default().push(a);
            }
            let (jenis, apa) = match a.status_dasar {
                HIDUP => continue,
                MATI => (JenisTanda::Meninggal, "meninggal"),
                _ => (JenisTanda::Pindah, "pindah atau hilang"),
            };
            tambah(
                jenis,
                format!("{}:{}", jenis.kode(), a.id),
                format!(
                    "{} penerima {} tercatat {apa}; hentikan penerimanya atau ganti ahli/anggota keluarga.",
                    a.nama, a.kode
                ),
                tautan_program(a.program_id),
            );
        }
        for daftar in per_keluarga.values() {
            for a in daftar {
                let aturan: Aturan = serde_json::from_str(&a.aturan).unwrap_or_default();
                for b in daftar.iter().filter(|b| b.program_id != a.program_id) {
                    if aturan
                        .larangan
                        .iter()
                        .any(|l| l.eq_ignore_ascii_case(&b.kode))
                    {
                        tambah(
                            JenisTanda::Ganda,
                            format!("ganda:{}:{}", a.id, b.kode),
                            format!(
                                "Keluarga {} menerima {} dan juga {} (lewat {}); {} tidak boleh diterima bersamaan dengan {}.",
                                a.nama, a.kode, b.kode, b.nama, a.kode, b.kode
                            ),
                            tautan_program(a.program_id),
                        );
                    }
                }
            }
        }
        for t in &terkini {
            let layak = t.status_dtks != "tidak"
                || t.jumlah_kriteria
                    .is_some_and(|n| n >= i16::from(KRITERIA_MISKIN));
            if layak && t.hidup > 0 && !per_keluarga.contains_key(&t.keluarga_id) {
                tambah(
                    JenisTanda::TanpaBantuan,
                    format!("tanpa_bantuan:{}", t.keluarga_id),
                    format!(
                        "Keluarga KK {} layak ({}), tetapi tidak menerima program apa pun.",
                        t.no_kk,
                        if t.status_dtks != "tidak" {
                            balai_domain::bantuan::label_status_dtks(&t.status_dtks).to_string()
                        } else {
                            format!(
                                "memenuhi {} kriteria miskin",
                                t.jumlah_kriteria.unwrap_or(0)
                            )
                        }
                    ),
                    tautan_keluarga(t.keluarga_id),
                );
            }
            let umur = (hari_ini - t.tanggal_data).num_days();
            if umur > DATA_USANG_HARI && t.hidup > 0 {
                tambah(
                    JenisTanda::DataUsang,
                    format!("data_usang:{}", t.id),
                    format!(
                        "Data kesejahteraan keluarga KK {} terakhir per {} ({} hari lalu); perbarui dari data Kemensos atau survei ulang.",
                        t.no_kk,
                        t.tanggal_data.format("%d-%m-%Y"),
                        umur
                    ),
                    tautan_keluarga(t.keluarga_id),
                );
            }
        }
        out.sort_by_key(|t| (t.selesai.is_some(), t.jenis.kode(), t.pesan.clone()));
        Ok(out)
    }

    /// Resolves one flag with a note.
    pub async fn selesaikan_tanda(
        &self,
        desa_id: &str,
        jenis: JenisTanda,
        kunci: &str,
        catatan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let catatan = catatan.trim();
        if catatan.chars().count() < 5 {
            return Err(Galat::isian(
                "catatan",
                "Tuliskan catatan penyelesaian, misalnya \"sudah dihentikan dari BLT-DD\" atau \"dicek: beda keluarga\".",
            ));
        }
        if kunci.is_empty() || kunci.len() > 120 {
            return Err(Galat::TidakDitemukan);
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let ada: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM tanda_bantuan WHERE desa_id = $1 AND jenis = $2 AND kunci = $3")
            .bind(desa_id).bind(jenis.kode()).bind(kunci).fetch_optional(&mut *c).await?);
        if ada.is_some() {
            return Err(Galat::Ditolak("Tanda ini sudah diselesaikan.".into()));
        }
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO tanda_bantuan (desa_id, id, jenis, kunci, catatan, diselesaikan_oleh, diselesaikan_pada) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(desa_id).bind(id_baru()).bind(jenis.kode()).bind(kunci).bind(catatan).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "selesaikan_tanda",
                objek: "tanda_bantuan",
                objek_id: kunci.to_string(),
                sebelum: None,
                sesudah: Some(json!({"jenis": jenis.kode(), "catatan": catatan})),
            },
        )
        .await?;
        tx.commit().await
    }
}
