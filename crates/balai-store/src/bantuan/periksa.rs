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

/// Villages whose check runs in one round of queries: bounds the rows held at once (a
/// district of 300 villages is about ten rounds) while keeping the number of queries small.
const DESA_PER_PUTARAN: usize = 32;

// Every joined table carries the range too: the planner does not carry a range across a join,
// and would otherwise read the whole registry for each round.
const SQL_AKTIF: &str = "SELECT b.desa_id, b.id, b.program_id, b.keluarga_id, p.nama, p.status_dasar \
     FROM penerima_bantuan b JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
     WHERE b.desa_id >= $1 AND b.desa_id <= $2 AND p.desa_id >= $1 AND p.desa_id <= $2 AND b.aktif";
const SQL_KESEJAHTERAAN: &str = "SELECT desa_id, keluarga_id, id, status_dtks, jumlah_kriteria, \
     tanggal_data, dicatat_pada FROM kesejahteraan WHERE desa_id >= $1 AND desa_id <= $2";
/// Families with a living member (only they can raise a welfare flag), as one semi-join over
/// the round rather than a probe of the registry per welfare row.
const SQL_HIDUP: &str = "SELECT k.desa_id, k.id, k.no_kk FROM keluarga k \
     WHERE k.desa_id >= $1 AND k.desa_id <= $2 AND EXISTS (SELECT 1 FROM penduduk x \
     WHERE x.desa_id = k.desa_id AND x.keluarga_id = k.id AND x.status_dasar = $3 \
     AND x.desa_id >= $1 AND x.desa_id <= $2)";

// Rows are decoded as tuples (by position); by name, each column of each row costs a lookup.
/// desa_id, id, program_id, keluarga_id, nama, status_dasar.
type BarisAktif = (String, Uuid, Uuid, Option<Uuid>, String, i16);
/// desa_id, keluarga_id, id, status_dtks, jumlah_kriteria, tanggal_data, dicatat_pada.
type BarisKesejahteraanTuple = (
    String,
    Uuid,
    Uuid,
    String,
    Option<i16>,
    NaiveDate,
    DateTime<Utc>,
);

/// An active recipient with the person's name and registry status.
struct Aktif {
    id: Uuid,
    program_id: Uuid,
    keluarga_id: Option<Uuid>,
    nama: String,
    status_dasar: i16,
}

/// A programme's code and rules (read once per programme, not once per recipient).
#[derive(sqlx::FromRow)]
struct ProgramBaris {
    desa_id: String,
    id: Uuid,
    kode: String,
    aturan: String,
}

/// A welfare row (every row is read; the latest of each family is taken in `susun`).
struct BarisKesejahteraan {
    keluarga_id: Uuid,
    id: Uuid,
    status_dtks: String,
    jumlah_kriteria: Option<i16>,
    tanggal_data: NaiveDate,
    dicatat_pada: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Selesai {
    desa_id: String,
    jenis: String,
    kunci: String,
    catatan: String,
    diselesaikan_oleh: String,
    diselesaikan_pada: DateTime<Utc>,
}

/// What the check reads of one village.
#[derive(Default)]
struct BahanDesa {
    program: HashMap<Uuid, (String, Aturan)>,
    aktif: Vec<Aktif>,
    kesejahteraan: Vec<BarisKesejahteraan>,
    /// Families with at least one living member, with their family card number.
    hidup: HashMap<Uuid, String>,
    selesai: HashMap<(String, String), (String, String, DateTime<Utc>)>,
}

/// The smallest code above every code starting with `awalan` (digits only): "3325" → "3326",
/// "3399" → "34"; `None` when there is none ("99", "").
pub(super) fn batas_atas(awalan: &str) -> Option<String> {
    let mut b = awalan.as_bytes().to_vec();
    while let Some(c) = b.pop() {
        if c < b'9' {
            b.push(c + 1);
            return String::from_utf8(b).ok();
        }
    }
    None
}

impl Bantuan<'_> {
    /// Every flag of a village, unresolved first.
    pub async fn tanda(&self, desa_id: &str) -> Result<Vec<Tanda>, Galat> {
        let mut bahan = self.baca_bahan(desa_id, desa_id).await?;
        let b = bahan.remove(desa_id).unwrap_or_default();
        Ok(self.susun(desa_id, b))
    }

    /// Every flag of every village whose code starts with `awalan` (a region code, digits
    /// only; "" for all villages): per village with at least one flag, in code order, each
    /// village's flags exactly as `tanda` gives them. The villages are read in rounds of
    /// `DESA_PER_PUTARAN`, so memory follows a round's rows plus the flags found.
    pub async fn tanda_wilayah(&self, awalan: &str) -> Result<Vec<(String, Vec<Tanda>)>, Galat> {
        let mut hasil = Vec::new();
        self.tanda_wilayah_tiap(awalan, |desa_id, t| hasil.push((desa_id.to_string(), t)))
            .await?;
        Ok(hasil)
    }

    /// `tanda_wilayah` handing each village's flags to `f` as soon as its round is done
    /// (a summary need not keep every message of a district).
    pub async fn tanda_wilayah_tiap(
        &self,
        awalan: &str,
        mut f: impl FnMut(&str, Vec<Tanda>),
    ) -> Result<(), Galat> {
        let awalan: String = awalan.chars().filter(char::is_ascii_digit).collect();
        let atas = batas_atas(&awalan);
        let desa: Vec<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT desa_id FROM desa WHERE desa_id >= $1 AND ($2 IS NULL OR desa_id < $2) ORDER BY desa_id")
            .bind(&awalan).bind(&atas).fetch_all(p).await)?;
        // Reading the next round while this one is turned into flags was tried: on two cores
        // it made the district check slower (2.5 s against 2.0 s), the eight reads crowding
        // each other and PostgreSQL's parallel workers.
        for putaran in desa.chunks(DESA_PER_PUTARAN) {
            let bahan = self
                .baca_bahan(&putaran[0], &putaran[putaran.len() - 1])
                .await?;
            for (desa_id, b) in bahan {
                let t = self.susun(&desa_id, b);
                if !t.is_empty() {
                    f(&desa_id, t);
                }
            }
        }
        Ok(())
    }

    /// Reads what the check needs for the villages with codes from `dari` to `sampai` (both
    /// included; one village when they are equal), grouped per village.
    async fn baca_bahan(
        &self,
        dari: &str,
        sampai: &str,
    ) -> Result<BTreeMap<String, BahanDesa>, Galat> {
        // The heavy reads are not kept as prepared statements, so PostgreSQL plans each for
        // its actual range (one village or a round of many) instead of settling on one generic
        // plan. The reads run side by side, on four connections.
        // The three large reads run as tasks of their own, so their rows are also decoded on
        // more than one worker thread.
        let milik = || (self.s.clone(), dari.to_string(), sampai.to_string());
        let (s1, d1, d2) = milik();
        let aktif = tokio::spawn(async move {
            on_db!(&s1.db, p => sqlx::query_as::<_, BarisAktif>(SQL_AKTIF)
                .persistent(false).bind(&d1).bind(&d2).fetch_all(p).await)
        });
        let (s2, d1, d2) = milik();
        let kesejahteraan = tokio::spawn(async move {
            on_db!(&s2.db, p => sqlx::query_as::<_, BarisKesejahteraanTuple>(SQL_KESEJAHTERAAN)
                .persistent(false).bind(&d1).bind(&d2).fetch_all(p).await)
        });
        let (s3, d1, d2) = milik();
        let hidup = tokio::spawn(async move {
            on_db!(&s3.db, p => sqlx::query_as::<_, (String, Uuid, String)>(SQL_HIDUP)
                .persistent(false).bind(&d1).bind(&d2).bind(HIDUP).fetch_all(p).await)
        });
        // The programmes and the resolutions are small: one connection reads both.
        let kecil = async {
            let program = on_db!(&self.s.db, p => sqlx::query_as::<_, ProgramBaris>(
                "SELECT desa_id, id, kode, aturan FROM program_bantuan WHERE desa_id >= $1 AND desa_id <= $2")
                .bind(dari).bind(sampai).fetch_all(p).await)?;
            let selesai = on_db!(&self.s.db, p => sqlx::query_as::<_, Selesai>(
                "SELECT desa_id, jenis, kunci, catatan, diselesaikan_oleh, diselesaikan_pada FROM tanda_bantuan \
                 WHERE desa_id >= $1 AND desa_id <= $2")
                .bind(dari).bind(sampai).fetch_all(p).await)?;
            Ok::<_, sqlx::Error>((program, selesai))
        };
        let (kecil, aktif, kesejahteraan, hidup) = tokio::join!(kecil, aktif, kesejahteraan, hidup);
        let tugas = |e: tokio::task::JoinError| Galat::Lain(e.to_string());
        let (program, selesai) = kecil?;
        let (aktif, kesejahteraan, hidup) = (
            aktif.map_err(tugas)??,
            kesejahteraan.map_err(tugas)??,
            hidup.map_err(tugas)??,
        );

        // Each row's own village code becomes the key (moved, not copied).
        let mut bahan: BTreeMap<String, BahanDesa> = BTreeMap::new();
        for g in program {
            let aturan: Aturan = serde_json::from_str(&g.aturan).unwrap_or_default();
            bahan
                .entry(g.desa_id)
                .or_default()
                .program
                .insert(g.id, (g.kode, aturan));
        }
        for (d, id, program_id, keluarga_id, nama, status_dasar) in aktif {
            bahan.entry(d).or_default().aktif.push(Aktif {
                id,
                program_id,
                keluarga_id,
                nama,
                status_dasar,
            });
        }
        for (d, k, no_kk) in hidup {
            bahan.entry(d).or_default().hidup.insert(k, no_kk);
        }
        for (d, keluarga_id, id, status_dtks, jumlah_kriteria, tanggal_data, dicatat_pada) in
            kesejahteraan
        {
            bahan
                .entry(d)
                .or_default()
                .kesejahteraan
                .push(BarisKesejahteraan {
                    keluarga_id,
                    id,
                    status_dtks,
                    jumlah_kriteria,
                    tanggal_data,
                    dicatat_pada,
                });
        }
        for s in selesai {
            bahan.entry(s.desa_id).or_default().selesai.insert(
                (s.jenis, s.kunci),
                (s.catatan, s.diselesaikan_oleh, s.diselesaikan_pada),
            );
        }
        Ok(bahan)
    }

    /// The flags of one village from what was read of it, unresolved first.
    fn susun(&self, desa_id: &str, b: BahanDesa) -> Vec<Tanda> {
        let BahanDesa {
            program,
            aktif,
            kesejahteraan,
            hidup,
            selesai,
        } = b;
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
        let tanpa_aturan = (String::new(), Aturan::default());
        let program_dari = |a: &Aktif| program.get(&a.program_id).unwrap_or(&tanpa_aturan);

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
                    a.nama,
                    program_dari(a).0
                ),
                tautan_program(a.program_id),
            );
        }
        for daftar in per_keluarga.values() {
            if daftar.len() < 2 {
                continue;
            }
            for a in daftar {
                let (kode_a, aturan) = program_dari(a);
                if aturan.larangan.is_empty() {
                    continue;
                }
                for b in daftar.iter().filter(|b| b.program_id != a.program_id) {
                    let kode_b = &program_dari(b).0;
                    if aturan
                        .larangan
                        .iter()
                        .any(|l| l.eq_ignore_ascii_case(kode_b))
                    {
                        tambah(
                            JenisTanda::Ganda,
                            format!("ganda:{}:{}", a.id, kode_b),
                            format!(
                                "Keluarga {} menerima {} dan juga {} (lewat {}); {} tidak boleh diterima bersamaan dengan {}.",
                                a.nama, kode_a, kode_b, b.nama, kode_a, kode_b
                            ),
                            tautan_program(a.program_id),
                        );
                    }
                }
            }
        }
        // The latest row of each family (rows recorded at the same instant all count), of
        // families with a living member.
        let mut terakhir: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
        for t in &kesejahteraan {
            let w = terakhir.entry(t.keluarga_id).or_insert(t.dicatat_pada);
            *w = (*w).max(t.dicatat_pada);
        }
        let terkini = kesejahteraan.iter().filter_map(|t| {
            let no_kk = hidup.get(&t.keluarga_id)?;
            (terakhir.get(&t.keluarga_id) == Some(&t.dicatat_pada)).then_some((t, no_kk))
        });
        for (t, no_kk) in terkini {
            let layak = t.status_dtks != "tidak"
                || t.jumlah_kriteria
                    .is_some_and(|n| n >= i16::from(KRITERIA_MISKIN));
            if layak && !per_keluarga.contains_key(&t.keluarga_id) {
                tambah(
                    JenisTanda::TanpaBantuan,
                    format!("tanpa_bantuan:{}", t.keluarga_id),
                    format!(
                        "Keluarga KK {} layak ({}), tetapi tidak menerima program apa pun.",
                        no_kk,
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
            if umur > DATA_USANG_HARI {
                tambah(
                    JenisTanda::DataUsang,
                    format!("data_usang:{}", t.id),
                    format!(
                        "Data kesejahteraan keluarga KK {} terakhir per {} ({} hari lalu); perbarui dari data Kemensos atau survei ulang.",
                        no_kk,
                        t.tanggal_data.format("%d-%m-%Y"),
                        umur
                    ),
                    tautan_keluarga(t.keluarga_id),
                );
            }
        }
        out.sort_by(|a, b| {
            (a.selesai.is_some(), a.jenis.kode(), &a.pesan).cmp(&(
                b.selesai.is_some(),
                b.jenis.kode(),
                &b.pesan,
            ))
        });
        out
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

#[cfg(test)]
mod tests {
    use super::batas_atas;

    #[test]
    fn batas_atas_awalan() {
        assert_eq!(batas_atas("3325").as_deref(), Some("3326"));
        assert_eq!(batas_atas("3329").as_deref(), Some("333"));
        assert_eq!(batas_atas("3399").as_deref(), Some("34"));
        assert_eq!(batas_atas("99"), None);
        assert_eq!(batas_atas(""), None);
    }
}
