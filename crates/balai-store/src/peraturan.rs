//! Regulations and decisions of the village (Permendagri 111/2014): Peraturan Desa, Peraturan
//! Kepala Desa, Peraturan Desa Bersama and Keputusan Kepala Desa, from draft to promulgation,
//! with the signed text as a PDF, and the books A.1 (peraturan), A.2 (keputusan) and A.9
//! (Lembaran Desa dan Berita Desa) built from them.
//!
//! Each kind walks its own steps and none may be skipped: a Perdes is agreed with the BPD,
//! evaluated by the camat/bupati when it is about the budget, levies, spatial plans or the
//! village organisation, enacted with a number and promulgated in the Lembaran Desa; a Perkades
//! is enacted and promulgated in the Berita Desa; a decision is only enacted. The number of
//! enactment is unique per kind and year, the Lembaran/Berita Desa number per year. Enacted
//! ones are never deleted; drafts are never public.

use crate::audit::{Catatan, catat};
use crate::buku::{Buku, Kekurangan, Periode, kosong, nomor_tanggal, tgl};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::peraturan::{
    DrafLama, DrafSah, periksa_draf, periksa_langkah, periksa_laporan, periksa_tanggal_nomor,
    tahap_berikut,
};
pub use balai_domain::peraturan::{
    IsianPeraturan, IsianTahap, JenisPeraturan, Lembaran, Pokok, Tahap, nomor_rapi, urutan_tahap,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

pub struct Peraturan<'a> {
    s: &'a Store,
}

impl Store {
    pub fn peraturan(&self) -> Peraturan<'_> {
        Peraturan { s: self }
    }
}

/// Largest document accepted (a scanned regulation with its attachments).
pub const DOKUMEN_MAKS: usize = 10 * 1024 * 1024;

/// One regulation or decision (without its document's bytes).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DataPeraturan {
    pub id: Uuid,
    pub jenis: String,
    pub pokok: String,
    pub tentang: String,
    pub uraian: String,
    pub tahap: String,
    pub tanggal_sepakat: Option<NaiveDate>,
    pub nomor_evaluasi: String,
    pub tanggal_evaluasi: Option<NaiveDate>,
    pub nomor: Option<String>,
    pub tahun: Option<i64>,
    pub tanggal_tetap: Option<NaiveDate>,
    pub nomor_lapor: String,
    pub tanggal_lapor: Option<NaiveDate>,
    pub lembaran: String,
    pub nomor_undang: Option<String>,
    pub tahun_undang: Option<i64>,
    pub tanggal_undang: Option<NaiveDate>,
    pub keterangan: String,
    /// The public download link's token.
    #[serde(skip)]
    pub token: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
    /// The signed text has been uploaded.
    pub ada_dokumen: bool,
}

impl DataPeraturan {
    pub fn jenis_p(&self) -> JenisPeraturan {
        JenisPeraturan::dari_kode(&self.jenis).unwrap_or(JenisPeraturan::Keputusan)
    }
    pub fn pokok_p(&self) -> Pokok {
        Pokok::dari_kode(&self.pokok).unwrap_or(Pokok::Lain)
    }
    pub fn tahap_p(&self) -> Tahap {
        Tahap::dari_kode(&self.tahap).unwrap_or(Tahap::Rancangan)
    }
    pub fn label_jenis(&self) -> &'static str {
        self.jenis_p().label()
    }
    pub fn label_tahap(&self) -> &'static str {
        self.tahap_p().label()
    }
    pub fn label_pokok(&self) -> &'static str {
        self.pokok_p().label()
    }
    pub fn berlaku(&self) -> bool {
        self.tahap_p().berlaku()
    }
    /// "Peraturan Desa Nomor 3 Tahun 2026", or the kind alone for a draft.
    pub fn judul(&self) -> String {
        match (&self.nomor, self.tahun) {
            (Some(n), Some(t)) => format!("{} Nomor {n} Tahun {t}", self.label_jenis()),
            _ => self.label_jenis().to_string(),
        }
    }
    /// The next step, if any.
    pub fn tahap_berikut(&self) -> Option<Tahap> {
        tahap_berikut(self.jenis_p(), self.pokok_p(), self.tahap_p())
    }
    /// "Lembaran Desa Nomor 2 Tahun 2026, 14-02-2026", when promulgated.
    pub fn label_undang(&self) -> String {
        let Some(l) = [Lembaran::Lembaran, Lembaran::Berita]
            .into_iter()
            .find(|l| l.kode() == self.lembaran)
        else {
            return String::new();
        };
        match (&self.nomor_undang, self.tahun_undang, self.tanggal_undang) {
            (Some(n), Some(t), Some(d)) => format!("{} Nomor {n} Tahun {t}, {}", l.label(), tgl(d)),
            _ => String::new(),
        }
    }
    /// The file name offered for download.
    pub fn nama_berkas(&self) -> String {
        let j = match self.jenis_p() {
            JenisPeraturan::Perdes => "perdes",
            JenisPeraturan::Perkades => "perkades",
            JenisPeraturan::PerdesBersama => "perdes-bersama",
            JenisPeraturan::Keputusan => "keputusan-kades",
        };
        match (&self.nomor, self.tahun) {
            (Some(n), Some(t)) => format!("{j}-{n}-{t}"),
            _ => format!("{j}-rancangan"),
        }
    }
}

const KOLOM: &str = "p.id, p.jenis, p.pokok, p.tentang, p.uraian, p.tahap, p.tanggal_sepakat, p.nomor_evaluasi, \
     p.tanggal_evaluasi, p.nomor, p.tahun, p.tanggal_tetap, p.nomor_lapor, p.tanggal_lapor, p.lembaran, p.nomor_undang, \
     p.tahun_undang, p.tanggal_undang, p.keterangan, p.token, p.dicatat_oleh, p.versi, p.dibuat_pada, p.diubah_pada, \
     EXISTS (SELECT 1 FROM peraturan_dokumen d WHERE d.desa_id = p.desa_id AND d.peraturan_id = p.id) AS ada_dokumen";

// ---------------------------------------------------------------------------------------------
// Field checks shared with the inventory and land registers.

fn konflik_versi(p: &DataPeraturan) -> Galat {
    Galat::Konflik(format!(
        "{} tentang {} sudah diubah orang lain sejak dibuka (sekarang: {}). Muat ulang halaman, periksa, lalu simpan lagi.",
        p.label_jenis(),
        p.tentang,
        p.label_tahap()
    ))
}

impl Peraturan<'_> {
    async fn hari_ini(&self, desa_id: &str) -> Result<NaiveDate, Galat> {
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        Ok(self.s.hari_ini(desa.zona()))
    }

    pub async fn satu(&self, desa_id: &str, id: Uuid) -> Result<Option<DataPeraturan>, Galat> {
        let sql = format!("SELECT {KOLOM} FROM peraturan p WHERE p.desa_id = $1 AND p.id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Every regulation and decision of the village: those in force by year of enactment (newest
    /// first), kind and number; drafts after them. `tahun` limits the enacted ones to a year,
    /// `jenis` both to a kind.
    pub async fn daftar(
        &self,
        desa_id: &str,
        tahun: Option<i64>,
        jenis: Option<JenisPeraturan>,
    ) -> Result<Vec<DataPeraturan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM peraturan p WHERE p.desa_id = $1 \
             AND ($2 = '' OR p.jenis = $2) AND ($3 = 0 OR p.tahun = $3 OR p.tahun IS NULL) \
             ORDER BY p.tahun IS NULL, p.tahun DESC, p.jenis, p.tanggal_tetap, p.nomor, p.dibuat_pada LIMIT 5000"
        );
        let jenis = jenis.map(JenisPeraturan::kode).unwrap_or("");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(jenis).bind(tahun.unwrap_or(0)).fetch_all(p).await)?,
        )
    }

    /// Those in force (enacted or promulgated), newest first: the public list and the API.
    pub async fn berlaku(
        &self,
        desa_id: &str,
        jenis: Option<JenisPeraturan>,
    ) -> Result<Vec<DataPeraturan>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM peraturan p WHERE p.desa_id = $1 AND p.tahap IN ('ditetapkan', 'diundangkan') \
             AND ($2 = '' OR p.jenis = $2) ORDER BY p.tanggal_tetap DESC, p.jenis, p.nomor DESC LIMIT 5000"
        );
        let jenis = jenis.map(JenisPeraturan::kode).unwrap_or("");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(jenis).fetch_all(p).await)?,
        )
    }

    /// Years with an enacted regulation, newest first.
    pub async fn daftar_tahun(&self, desa_id: &str) -> Result<Vec<i64>, Galat> {
        Ok(on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT DISTINCT tahun FROM peraturan WHERE desa_id = $1 AND tahun IS NOT NULL ORDER BY tahun DESC")
            .bind(desa_id).fetch_all(p).await)?)
    }

    /// Makes a draft, or changes one's fields (with the `versi` read). The kind and subject
    /// only change while it is a draft, the title until it is enacted.
    pub async fn simpan(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        isi: &IsianPeraturan,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let lama = match id {
            Some(id) => Some(self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?),
            None => None,
        };
        let DrafSah {
            jenis,
            pokok,
            tentang,
            uraian,
            keterangan: ket,
        } = periksa_draf(
            isi,
            lama.as_ref().map(|l| DrafLama {
                tahap: l.tahap_p(),
                jenis: l.jenis_p(),
                pokok: l.pokok_p(),
                tentang: &l.tentang,
                judul: l.judul(),
            }),
        )?;
        let now = self.s.sekarang();
        let sesudah = json!({"jenis": jenis.kode(), "pokok": pokok.kode(), "tentang": tentang, "uraian": uraian, "keterangan": ket});
        let mut tx = self.s.db.begin().await?;
        let id = match lama {
            None => {
                let id = id_baru();
                let token = crate::pengguna::token_acak();
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO peraturan (desa_id, id, jenis, pokok, tentang, uraian, tahap, keterangan, token, dicatat_oleh, \
                     dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, 'rancangan', $7, $8, $9, $10, $10)")
                    .bind(desa_id).bind(id).bind(jenis.kode()).bind(pokok.kode()).bind(&tentang).bind(&uraian)
                    .bind(&ket).bind(&token).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "buat",
                        objek: "peraturan",
                        objek_id: id.to_string(),
                        sebelum: None,
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                id
            }
            Some(l) => {
                if isi.versi != Some(l.versi) {
                    return Err(konflik_versi(&l));
                }
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE peraturan SET jenis = $4, pokok = $5, tentang = $6, uraian = $7, keterangan = $8, dicatat_oleh = $9, \
                     versi = versi + 1, diubah_pada = $10 WHERE desa_id = $1 AND id = $2 AND versi = $3")
                    .bind(desa_id).bind(l.id).bind(l.versi).bind(jenis.kode()).bind(pokok.kode()).bind(&tentang)
                    .bind(&uraian).bind(&ket).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(konflik_versi(&l));
                }
                catat(
                    &mut tx,
                    now,
                    Catatan {
                        desa_id,
                        aktor,
                        aksi: "ubah",
                        objek: "peraturan",
                        objek_id: l.id.to_string(),
                        sebelum: Some(
                            json!({"jenis": l.jenis, "pokok": l.pokok, "tentang": l.tentang, "uraian": l.uraian, "keterangan": l.keterangan}),
                        ),
                        sesudah: Some(sesudah),
                    },
                )
                .await?;
                l.id
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Moves a regulation one step forward, with that step's number and date. Refused, naming
    /// the field: a step that is not the next one (a skipped BPD agreement or evaluation, an
    /// enactment undone), a missing or future date, a date before the previous step's, a
    /// number of enactment already used by the same kind that year, a Lembaran/Berita Desa
    /// number already used that year, a stale `versi`.
    pub async fn maju(
        &self,
        desa_id: &str,
        id: Uuid,
        isi: &IsianTahap,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let p = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let jenis = p.jenis_p();
        let tujuan = Tahap::dari_kode(&isi.tahap)
            .ok_or_else(|| Galat::isian("tahap", "Pilih tahap berikutnya dari daftar."))?;
        periksa_langkah(
            jenis,
            p.pokok_p(),
            p.tahap_p(),
            &p.judul(),
            &p.tentang,
            tujuan,
        )
        .map_err(|pesan| Galat::isian("tahap", pesan))?;
        // Each step on or after the one before it.
        let sebelumnya = [
            (p.tanggal_undang, "tanggal pengundangan"),
            (p.tanggal_tetap, "tanggal penetapan"),
            (p.tanggal_evaluasi, "tanggal hasil evaluasi"),
            (p.tanggal_sepakat, "tanggal kesepakatan BPD"),
        ]
        .into_iter()
        .find_map(|(t, l)| t.map(|t| (t, l)));
        let (tanggal, nomor) = periksa_tanggal_nomor(
            jenis,
            tujuan,
            &isi.nomor,
            &isi.tanggal,
            hari_ini,
            sebelumnya,
        )?;
        let tahun = i64::from(tanggal.year());
        // Numbers already used, named in the message.
        if tujuan == Tahap::Ditetapkan {
            let ada: Option<String> = on_db!(&self.s.db, c => sqlx::query_scalar(
                "SELECT tentang FROM peraturan WHERE desa_id = $1 AND jenis = $2 AND tahun = $3 AND nomor = $4 AND id <> $5")
                .bind(desa_id).bind(jenis.kode()).bind(tahun).bind(&nomor).bind(id).fetch_optional(c).await)?;
            if let Some(t) = ada {
                return Err(Galat::isian(
                    "nomor",
                    format!(
                        "Nomor {nomor} sudah dipakai {} tahun {tahun} tentang {t}. Satu nomor hanya untuk satu {} per tahun.",
                        jenis.label(),
                        jenis.label()
                    ),
                ));
            }
        }
        let lembaran = jenis.lembaran();
        if tujuan == Tahap::Diundangkan
            && let Some(l) = lembaran
        {
            let ada: Option<String> = on_db!(&self.s.db, c => sqlx::query_scalar(
                "SELECT tentang FROM peraturan WHERE desa_id = $1 AND lembaran = $2 AND tahun_undang = $3 AND nomor_undang = $4 AND id <> $5")
                .bind(desa_id).bind(l.kode()).bind(tahun).bind(&nomor).bind(id).fetch_optional(c).await)?;
            if let Some(t) = ada {
                return Err(Galat::isian(
                    "nomor",
                    format!(
                        "Nomor {nomor} {} tahun {tahun} sudah dipakai untuk peraturan tentang {t}. Nomor {} tidak boleh sama dalam satu tahun.",
                        l.label(),
                        l.label()
                    ),
                ));
            }
        }
        if isi.versi.is_some_and(|v| v != p.versi) {
            return Err(konflik_versi(&p));
        }
        let now = self.s.sekarang();
        // Each step fills its own columns; the others keep what they hold.
        let pada = |t: Tahap| (tujuan == t).then_some(tanggal);
        let nomor_pada = |t: Tahap| (tujuan == t).then(|| nomor.clone());
        let tahun_pada = |t: Tahap| (tujuan == t).then_some(tahun);
        let lembaran_baru = match tujuan {
            Tahap::Diundangkan => lembaran.map(Lembaran::kode),
            _ => None,
        };
        let mut tx = self.s.db.begin().await?;
        let r = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE peraturan SET tahap = $4, tanggal_sepakat = COALESCE($5, tanggal_sepakat), \
             tanggal_evaluasi = COALESCE($6, tanggal_evaluasi), nomor_evaluasi = COALESCE($7, nomor_evaluasi), \
             tanggal_tetap = COALESCE($8, tanggal_tetap), nomor = COALESCE($9, nomor), tahun = COALESCE($10, tahun), \
             tanggal_undang = COALESCE($11, tanggal_undang), nomor_undang = COALESCE($12, nomor_undang), \
             tahun_undang = COALESCE($13, tahun_undang), lembaran = COALESCE($14, lembaran), \
             dicatat_oleh = $15, versi = versi + 1, diubah_pada = $16 \
             WHERE desa_id = $1 AND id = $2 AND versi = $3")
            .bind(desa_id).bind(id).bind(p.versi).bind(tujuan.kode())
            .bind(pada(Tahap::Disepakati))
            .bind(pada(Tahap::Dievaluasi)).bind(nomor_pada(Tahap::Dievaluasi))
            .bind(pada(Tahap::Ditetapkan)).bind(nomor_pada(Tahap::Ditetapkan)).bind(tahun_pada(Tahap::Ditetapkan))
            .bind(pada(Tahap::Diundangkan)).bind(nomor_pada(Tahap::Diundangkan)).bind(tahun_pada(Tahap::Diundangkan))
            .bind(lembaran_baru).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()));
        let n = match r {
            Ok(n) => n,
            Err(e) => {
                let e = Galat::from(e);
                if e.duplikat() {
                    return Err(Galat::isian(
                        "nomor",
                        format!(
                            "Nomor {nomor} baru saja dipakai untuk peraturan lain tahun {tahun}. Periksa daftar, lalu pakai nomor berikutnya."
                        ),
                    ));
                }
                return Err(e);
            }
        };
        if n != 1 {
            return Err(konflik_versi(&p));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "tahap",
                objek: "peraturan",
                objek_id: id.to_string(),
                sebelum: Some(json!({"tahap": p.tahap})),
                sesudah: Some(
                    json!({"tahap": tujuan.kode(), "nomor": nomor, "tanggal": tanggal, "tentang": p.tentang}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the report to the camat (number and date of the covering letter), once it is
    /// enacted; a later report replaces it.
    pub async fn lapor(
        &self,
        desa_id: &str,
        id: Uuid,
        nomor: &str,
        tanggal: &str,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let p = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let (nomor, t) = periksa_laporan(
            p.tahap_p(),
            p.jenis_p(),
            nomor,
            tanggal,
            p.tanggal_tetap,
            hari_ini,
        )?;
        if versi.is_some_and(|v| v != p.versi) {
            return Err(konflik_versi(&p));
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE peraturan SET nomor_lapor = $4, tanggal_lapor = $5, dicatat_oleh = $6, versi = versi + 1, diubah_pada = $7 \
             WHERE desa_id = $1 AND id = $2 AND versi = $3")
            .bind(desa_id).bind(id).bind(p.versi).bind(&nomor).bind(t).bind(&aktor.0).bind(now)
            .execute(&mut *c).await?.rows_affected());
        if n != 1 {
            return Err(konflik_versi(&p));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "lapor",
                objek: "peraturan",
                objek_id: id.to_string(),
                sebelum: Some(
                    json!({"nomor_lapor": p.nomor_lapor, "tanggal_lapor": p.tanggal_lapor}),
                ),
                sesudah: Some(json!({"nomor_lapor": nomor, "tanggal_lapor": t})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stores the signed text (PDF only, read from its first bytes), replacing an earlier one.
    pub async fn unggah_dokumen(
        &self,
        desa_id: &str,
        id: Uuid,
        nama: &str,
        isi: &[u8],
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let p = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        if isi.is_empty() {
            return Err(Galat::isian(
                "dokumen",
                "Dokumen kosong. Pilih berkas PDF naskah peraturan.",
            ));
        }
        if isi.len() > DOKUMEN_MAKS {
            return Err(Galat::isian(
                "dokumen",
                format!(
                    "Dokumen {:.1} MB; paling besar {} MB. Pindai ulang dengan resolusi lebih rendah.",
                    isi.len() as f64 / 1_048_576.0,
                    DOKUMEN_MAKS / 1_048_576
                ),
            ));
        }
        if crate::berkas::jenis_berkas(isi) != Some("application/pdf") {
            return Err(Galat::isian(
                "dokumen",
                "Dokumen harus berkas PDF; isi berkas yang dikirim bukan PDF (foto, dokumen Word dan lainnya tidak diterima). Simpan atau pindai naskah sebagai PDF.",
            ));
        }
        let nama = match crate::berkas::nama_aman(nama) {
            n if n.trim().is_empty() => format!("{}.pdf", p.nama_berkas()),
            n => n,
        };
        let hash = {
            use sha2::{Digest, Sha256};
            hex::encode(Sha256::digest(isi))
        };
        let now = self.s.sekarang();
        let ukuran = isi.len() as i64;
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO peraturan_dokumen (desa_id, peraturan_id, nama, ukuran, sha256, isi, diunggah_oleh, diunggah_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (desa_id, peraturan_id) DO UPDATE SET nama = $3, \
             ukuran = $4, sha256 = $5, isi = $6, diunggah_oleh = $7, diunggah_pada = $8")
            .bind(desa_id).bind(id).bind(&nama).bind(ukuran).bind(&hash).bind(isi).bind(&aktor.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "unggah_dokumen",
                objek: "peraturan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"nama": nama, "ukuran": ukuran, "sha256": hash})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The document's bytes and file name.
    pub async fn dokumen(
        &self,
        desa_id: &str,
        id: Uuid,
    ) -> Result<Option<(Vec<u8>, String)>, Galat> {
        Ok(on_db!(&self.s.db, c => sqlx::query_as(
            "SELECT isi, nama FROM peraturan_dokumen WHERE desa_id = $1 AND peraturan_id = $2")
            .bind(desa_id).bind(id).fetch_optional(c).await)?)
    }

    /// A regulation in force by its public token, with its document; drafts are not found.
    pub async fn dokumen_publik(
        &self,
        desa_id: &str,
        token: &str,
    ) -> Result<Option<(DataPeraturan, Vec<u8>)>, Galat> {
        let sql = format!(
            "SELECT {KOLOM} FROM peraturan p WHERE p.desa_id = $1 AND p.token = $2 AND p.tahap IN ('ditetapkan', 'diundangkan')"
        );
        let p: Option<DataPeraturan> = on_db!(&self.s.db, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(token).fetch_optional(c).await)?;
        let Some(p) = p else { return Ok(None) };
        Ok(self.dokumen(desa_id, p.id).await?.map(|(isi, _)| (p, isi)))
    }

    /// Deletes a draft (not yet enacted) with its document. Enacted ones stay for good.
    pub async fn hapus(
        &self,
        desa_id: &str,
        id: Uuid,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let p = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        if p.berlaku() {
            return Err(Galat::Ditolak(format!(
                "{} sudah ditetapkan dan tidak dapat dihapus; peraturan yang berlaku hanya dicabut dengan peraturan baru.",
                p.judul()
            )));
        }
        if versi.is_some_and(|v| v != p.versi) {
            return Err(konflik_versi(&p));
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        on_tx!(&mut tx, c => {
            sqlx::query("DELETE FROM peraturan_dokumen WHERE desa_id = $1 AND peraturan_id = $2")
                .bind(desa_id).bind(id).execute(&mut *c).await?;
            sqlx::query("DELETE FROM peraturan WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(id).execute(&mut *c).await?;
        });
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hapus",
                objek: "peraturan",
                objek_id: id.to_string(),
                sebelum: Some(json!({"jenis": p.jenis, "tentang": p.tentang, "tahap": p.tahap})),
                sesudah: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Books

    async fn semua(&self, desa_id: &str) -> Result<Vec<DataPeraturan>, Galat> {
        self.daftar(desa_id, None, None).await
    }

    fn kurang(desa_id: &str, pesan: &str) -> Kekurangan {
        Kekurangan {
            pesan: pesan.into(),
            tautan: format!("/desa/{desa_id}/peraturan"),
            label_tautan: "Catat peraturan dan keputusan".into(),
        }
    }

    /// Book A.1, Buku Peraturan di Desa: Perdes, Perkades and Perdes Bersama enacted within
    /// the period.
    pub async fn buku_a1(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.1", "");
        let semua = self.semua(desa_id).await?;
        let mut ada = false;
        for r in semua
            .iter()
            .filter(|r| r.jenis_p() != JenisPeraturan::Keputusan)
        {
            ada = true;
            let Some(t) = r.tanggal_tetap.filter(|t| p.berisi(*t) && r.berlaku()) else {
                continue;
            };
            let undang = |l: Lembaran| {
                if r.lembaran == l.kode() {
                    nomor_tanggal(r.nomor_undang.as_deref().unwrap_or(""), r.tanggal_undang)
                } else {
                    "—".into()
                }
            };
            b.tambah(vec![
                r.label_jenis().into(),
                nomor_tanggal(r.nomor.as_deref().unwrap_or(""), Some(t)),
                r.tentang.clone(),
                kosong(&r.uraian),
                r.tanggal_sepakat.map(tgl).unwrap_or_else(|| "—".into()),
                nomor_tanggal(&r.nomor_lapor, r.tanggal_lapor),
                undang(Lembaran::Lembaran),
                undang(Lembaran::Berita),
                kosong(&r.keterangan),
            ]);
        }
        if !ada {
            b.kurang = Some(Self::kurang(
                desa_id,
                "Belum ada Peraturan Desa atau Peraturan Kepala Desa yang dicatat. Catat peraturan beserta tahap penetapannya agar buku ini terisi.",
            ));
        }
        Ok(b)
    }

    /// Book A.2, Buku Keputusan Kepala Desa: decisions enacted within the period.
    pub async fn buku_a2(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.2", "");
        let semua = self.semua(desa_id).await?;
        let mut ada = false;
        for r in semua
            .iter()
            .filter(|r| r.jenis_p() == JenisPeraturan::Keputusan)
        {
            ada = true;
            let Some(t) = r.tanggal_tetap.filter(|t| p.berisi(*t) && r.berlaku()) else {
                continue;
            };
            b.tambah(vec![
                nomor_tanggal(r.nomor.as_deref().unwrap_or(""), Some(t)),
                r.tentang.clone(),
                kosong(&r.uraian),
                nomor_tanggal(&r.nomor_lapor, r.tanggal_lapor),
                kosong(&r.keterangan),
            ]);
        }
        if !ada {
            b.kurang = Some(Self::kurang(
                desa_id,
                "Belum ada Keputusan Kepala Desa yang dicatat. Catat keputusan beserta nomor dan tanggal penetapannya agar buku ini terisi.",
            ));
        }
        Ok(b)
    }

    /// Book A.9, Buku Lembaran Desa dan Berita Desa: regulations promulgated within the period.
    pub async fn buku_a9(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.9", "");
        let mut semua = self.semua(desa_id).await?;
        semua.sort_by_key(|r| (r.tanggal_undang, r.lembaran.clone(), r.nomor_undang.clone()));
        let mut ada = false;
        for r in semua.iter().filter(|r| r.jenis_p().lembaran().is_some()) {
            ada = true;
            let Some(t) = r.tanggal_undang.filter(|t| p.berisi(*t)) else {
                continue;
            };
            let tempat = if r.lembaran == Lembaran::Berita.kode() {
                Lembaran::Berita.label()
            } else {
                Lembaran::Lembaran.label()
            };
            b.tambah(vec![
                r.label_jenis().into(),
                nomor_tanggal(r.nomor.as_deref().unwrap_or(""), r.tanggal_tetap),
                r.tentang.clone(),
                tgl(t),
                r.nomor_undang.clone().unwrap_or_else(|| "—".into()),
                match r.keterangan.trim() {
                    "" => tempat.to_string(),
                    k => format!("{tempat}; {k}"),
                },
            ]);
        }
        if !ada {
            b.kurang = Some(Self::kurang(
                desa_id,
                "Belum ada Peraturan Desa atau Peraturan Kepala Desa yang dicatat. Catat peraturan lalu tahap pengundangannya dalam Lembaran Desa atau Berita Desa.",
            ));
        }
        Ok(b)
    }
}
