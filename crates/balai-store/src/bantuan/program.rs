//! Programmes, their recipients and distributions. A recipient is checked against the
//! programme's rules when added (a rule may be overridden only with a written reason, which is
//! kept); a distribution is refused for a person who had died or moved by its date, above the
//! programme's amount, twice for one period, or without proof of receipt.

use super::{Bantuan, KOLOM_PROGRAM, Program};
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::keuangan::belanja::SppBaru;
use crate::penduduk::{HIDUP, MATI};
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::bantuan::{Aturan, DataKelayakan, Sasaran};
use balai_domain::surat::teks::rp;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct ProgramBaru {
    pub kode: String,
    pub nama: String,
    pub sasaran: Sasaran,
    pub tahun: i64,
    pub mulai: Option<NaiveDate>,
    pub selesai: Option<NaiveDate>,
    pub nominal: i64,
    pub bentuk: String,
    pub asal_dana: String,
    pub baris_kunci: Option<Uuid>,
    pub aturan: Aturan,
    pub publikasi: bool,
    pub keterangan: String,
}

#[derive(Debug, Clone, Default)]
pub struct PenerimaBaru {
    /// The person, by NIK (as typed at the counter or in an import row).
    pub nik: String,
    /// Where the decision came from: "Musdesus 12-01-2026, BA 141/03/I/2026", "Data Kemensos".
    pub dasar: String,
    /// Add although a rule is not met: the written reason (at least 10 characters).
    pub alasan_abaikan: String,
}

/// A new recipient that passed the checks (`Bantuan::periksa_penerima`), ready to be written.
#[derive(Debug, Clone)]
pub(super) struct CalonPenerima {
    pub penduduk_id: Uuid,
    pub keluarga_id: Option<Uuid>,
    pub nama: String,
    pub dasar: String,
    pub alasan_abaikan: String,
    /// The programme's rules the family does not meet (added with `alasan_abaikan`).
    pub kurang: Vec<String>,
}

fn sudah_terdaftar(nama: &str, g: &Program) -> Galat {
    Galat::isian(
        "nik",
        format!("{nama} sudah terdaftar sebagai penerima {}.", g.kode),
    )
}

#[derive(Debug, Clone)]
pub struct PenyaluranBaru<'a> {
    pub penerima_id: Uuid,
    /// The period paid, `YYYY-MM`.
    pub periode: String,
    pub tanggal: Option<NaiveDate>,
    pub nominal: i64,
    /// A photo of the receipt or of the handover, or the signed list (JPEG, PNG or PDF).
    pub bukti: &'a [u8],
}

/// The period as `YYYY-MM`, or the message.
pub fn periksa_periode(s: &str) -> Result<(i32, u32), String> {
    let salah = || format!("Periode \"{s}\" tidak sah; tulis tahun dan bulan, misalnya 2026-11.");
    let (t, b) = s.trim().split_once('-').ok_or_else(salah)?;
    let t: i32 = t.parse().map_err(|_| salah())?;
    let b: u32 = b.parse().map_err(|_| salah())?;
    if !(2000..=2100).contains(&t) || !(1..=12).contains(&b) || s.trim().len() != 7 {
        return Err(salah());
    }
    Ok((t, b))
}

fn kode_sah(kode: &str) -> bool {
    (2..=20).contains(&kode.len())
        && kode
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

impl Bantuan<'_> {
    /// Creates a programme, or changes one (`id` and the version the form was opened at).
    pub async fn simpan_program(
        &self,
        desa_id: &str,
        id: Option<(Uuid, i64)>,
        b: &ProgramBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut g = DaftarGalat::default();
        let kode = b.kode.trim().to_uppercase();
        if !kode_sah(&kode) {
            g.push(
                "kode",
                "Kode program 2–20 huruf besar, angka atau tanda hubung, misalnya BLT-DD atau PKH.",
            );
        }
        if b.nama.trim().is_empty() {
            g.push("nama", "Nama program wajib diisi.");
        }
        if !(2000..=2100).contains(&b.tahun) {
            g.push("tahun", "Tahun program tidak sah (misalnya 2026).");
        }
        match (b.mulai, b.selesai) {
            (Some(m), Some(s)) if m > s => g.push(
                "selesai",
                "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ),
            (None, _) => g.push("mulai", "Tanggal mulai program wajib diisi (TTTT-BB-HH)."),
            (_, None) => g.push(
                "selesai",
                "Tanggal selesai program wajib diisi (TTTT-BB-HH).",
            ),
            _ => {}
        }
        if b.nominal < 0 {
            g.push(
                "nominal",
                "Besaran bantuan dalam rupiah, 0 atau lebih (0 untuk bantuan barang).",
            );
        }
        if b.aturan.desil_maks.is_some_and(|d| !(1..=10).contains(&d)) {
            g.push("desil_maks", "Batas desil antara 1 dan 10.");
        }
        if b.aturan
            .kriteria_min
            .is_some_and(|d| !(1..=14).contains(&d))
        {
            g.push(
                "kriteria_min",
                "Jumlah kriteria paling sedikit antara 1 dan 14.",
            );
        }
        if b.aturan.larangan.iter().any(|l| !kode_sah(l)) {
            g.push(
                "larangan",
                "Tulis kode program yang dilarang bersamaan, dipisah koma, misalnya PKH, BPNT.",
            );
        }
        if b.aturan
            .tenggat_hari
            .is_some_and(|d| !(1..=365).contains(&d))
        {
            g.push("tenggat_hari", "Batas hari pengajuan antara 1 dan 365.");
        }
        g.into_result(())?;
        let (mulai, selesai) = (b.mulai.unwrap_or_default(), b.selesai.unwrap_or_default());
        let aturan = serde_json::to_string(&b.aturan).unwrap_or_else(|_| "{}".into());
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let ada: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM program_bantuan WHERE desa_id = $1 AND kode = $2 AND tahun = $3")
            .bind(desa_id).bind(&kode).bind(b.tahun).fetch_optional(&mut *c).await?);
        if ada.is_some_and(|x| Some(x) != id.map(|i| i.0)) {
            return Err(Galat::isian(
                "kode",
                format!(
                    "Program {kode} tahun {} sudah ada; buka program itu untuk mengubahnya.",
                    b.tahun
                ),
            ));
        }
        let (id, aksi) = match id {
            None => {
                let id = id_baru();
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO program_bantuan (desa_id, id, kode, nama, sasaran, tahun, mulai, selesai, nominal, bentuk, \
                     asal_dana, baris_kunci, aturan, publikasi, keterangan, dibuat_pada, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)")
                    .bind(desa_id).bind(id).bind(&kode).bind(b.nama.trim()).bind(b.sasaran.kode()).bind(b.tahun)
                    .bind(mulai).bind(selesai).bind(b.nominal).bind(b.bentuk.trim()).bind(b.asal_dana.trim())
                    .bind(b.baris_kunci).bind(&aturan).bind(b.publikasi).bind(b.keterangan.trim()).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
                (id, "buat")
            }
            Some((id, versi)) => {
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE program_bantuan SET kode = $3, nama = $4, sasaran = $5, tahun = $6, mulai = $7, selesai = $8, \
                     nominal = $9, bentuk = $10, asal_dana = $11, baris_kunci = $12, aturan = $13, publikasi = $14, \
                     keterangan = $15, versi = versi + 1, diubah_pada = $16 WHERE desa_id = $1 AND id = $2 AND versi = $17")
                    .bind(desa_id).bind(id).bind(&kode).bind(b.nama.trim()).bind(b.sasaran.kode()).bind(b.tahun)
                    .bind(mulai).bind(selesai).bind(b.nominal).bind(b.bentuk.trim()).bind(b.asal_dana.trim())
                    .bind(b.baris_kunci).bind(&aturan).bind(b.publikasi).bind(b.keterangan.trim()).bind(now).bind(versi)
                    .execute(&mut *c).await?.rows_affected());
                if n == 0 {
                    return Err(Galat::Konflik(
                        "Program ini baru saja diubah orang lain. Muat ulang halaman, lalu ulangi perubahan Anda.".into(),
                    ));
                }
                (id, "ubah")
            }
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi,
                objek: "program_bantuan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!(b)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// What the rules are checked against for one family (and, for a person, the person).
    pub async fn data_kelayakan(
        &self,
        desa_id: &str,
        keluarga_id: Option<Uuid>,
        program_id: Uuid,
    ) -> Result<DataKelayakan, Galat> {
        let Some(kk) = keluarga_id else {
            return Ok(DataKelayakan::default());
        };
        let kini = self.kesejahteraan_terkini(desa_id, kk).await?;
        let perangkat: i64 = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM penduduk WHERE desa_id = $1 AND keluarga_id = $2 AND status_dasar = $3 AND pekerjaan_id IN (85, 86)")
            .bind(desa_id).bind(kk).bind(HIDUP).fetch_one(p).await)?;
        let program_lain: Vec<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT DISTINCT g.kode FROM penerima_bantuan b JOIN program_bantuan g ON g.desa_id = b.desa_id AND g.id = b.program_id \
             WHERE b.desa_id = $1 AND b.keluarga_id = $2 AND b.aktif AND b.program_id <> $3")
            .bind(desa_id).bind(kk).bind(program_id).fetch_all(p).await)?;
        Ok(DataKelayakan {
            dtks: kini.as_ref().is_some_and(|k| k.terdaftar()),
            desil: kini.as_ref().and_then(|k| k.desil).map(|d| d as u8),
            kriteria: kini
                .as_ref()
                .and_then(|k| k.jumlah_kriteria)
                .map(|d| d as u8),
            perangkat: perangkat > 0,
            program_lain,
        })
    }

    /// Adds a recipient found by NIK in this village. Answers the new recipient's id.
    pub async fn tambah_penerima(
        &self,
        desa_id: &str,
        program_id: Uuid,
        b: &PenerimaBaru,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let g = self
            .program(desa_id, program_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let c = self.periksa_penerima(desa_id, &g, b).await?;
        let mut tx = self.s.db.begin().await?;
        let id = self.tulis_penerima(&mut tx, desa_id, &g, &c, aktor).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The checks of a new recipient, without writing anything: the NIK, a resident of this
    /// village, alive, in a family for a family programme, one per family, not yet registered,
    /// and the programme's rules (or the written reason to override them). Shared by
    /// `tambah_penerima` and the import (`impor_penerima`), so both refuse the same rows with
    /// the same messages.
    pub(super) async fn periksa_penerima(
        &self,
        desa_id: &str,
        g: &Program,
        b: &PenerimaBaru,
    ) -> Result<CalonPenerima, Galat> {
        let program_id = g.id;
        let nik = b.nik.trim();
        if nik.len() != 16 || !nik.chars().all(|c| c.is_ascii_digit()) {
            return Err(Galat::isian("nik", "NIK terdiri dari 16 angka."));
        }
        let orang: Option<(Uuid, Option<Uuid>, i16, String)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT id, keluarga_id, status_dasar, nama FROM penduduk WHERE desa_id = $1 AND nik = $2")
            .bind(desa_id).bind(nik).fetch_optional(p).await)?;
        let Some((pid, kk, status, nama)) = orang else {
            let lain: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT d.nama FROM penduduk x JOIN desa d ON d.desa_id = x.desa_id WHERE x.nik = $1 AND x.desa_id <> $2 LIMIT 1")
                .bind(nik).bind(desa_id).fetch_optional(p).await)?;
            return Err(Galat::isian(
                "nik",
                match lain {
                    Some(d) => format!(
                        "NIK ini penduduk desa lain ({d}). Penerima bantuan desa ini harus penduduk desa ini; usulkan lewat desa asalnya."
                    ),
                    None => "NIK tidak terdaftar sebagai penduduk desa ini. Periksa angkanya, atau daftarkan penduduknya lebih dulu.".into(),
                },
            ));
        };
        if status != HIDUP {
            return Err(Galat::isian(
                "nik",
                format!(
                    "{nama} tidak berstatus hidup di desa ini (meninggal, pindah atau hilang); tidak dapat ditambahkan sebagai penerima."
                ),
            ));
        }
        let sasaran = g.sasaran();
        if sasaran != Sasaran::Penduduk && kk.is_none() {
            return Err(Galat::isian(
                "nik",
                format!("{nama} belum tercatat dalam keluarga (KK); program ini untuk keluarga."),
            ));
        }
        if sasaran == Sasaran::RumahTangga {
            // One recipient per household: the household is the one of the person's record.
            let rtm: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT rumah_tangga_id FROM penduduk WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(pid).fetch_one(p).await)?;
            let Some(rtm) = rtm else {
                return Err(Galat::isian(
                    "nik",
                    format!(
                        "{nama} belum tercatat dalam rumah tangga; program ini untuk rumah tangga. Catat rumah tangganya di menu Rumah tangga."
                    ),
                ));
            };
            let sudah: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT p.nama FROM penerima_bantuan b JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
                 WHERE b.desa_id = $1 AND b.program_id = $2 AND p.rumah_tangga_id = $3 AND b.aktif")
                .bind(desa_id).bind(program_id).bind(rtm).fetch_optional(p).await)?;
            if let Some(n) = sudah {
                return Err(Galat::isian(
                    "nik",
                    format!(
                        "Rumah tangga ini sudah terdaftar di {} lewat {n}; satu rumah tangga satu penerima.",
                        g.kode
                    ),
                ));
            }
        }
        if sasaran != Sasaran::Penduduk {
            let sudah: Option<String> = on_db!(&self.s.db, p => sqlx::query_scalar(
                "SELECT p.nama FROM penerima_bantuan b JOIN penduduk p ON p.desa_id = b.desa_id AND p.id = b.penduduk_id \
                 WHERE b.desa_id = $1 AND b.program_id = $2 AND b.keluarga_id = $3 AND b.aktif")
                .bind(desa_id).bind(program_id).bind(kk).fetch_optional(p).await)?;
            if let Some(n) = sudah {
                return Err(Galat::isian(
                    "nik",
                    format!(
                        "Keluarga ini sudah terdaftar di {} lewat {n}; satu keluarga satu penerima.",
                        g.kode
                    ),
                ));
            }
        }
        let aktif: Option<Uuid> = on_db!(&self.s.db, p => sqlx::query_scalar(
            "SELECT id FROM penerima_bantuan WHERE desa_id = $1 AND program_id = $2 AND penduduk_id = $3 AND aktif")
            .bind(desa_id).bind(program_id).bind(pid).fetch_optional(p).await)?;
        if aktif.is_some() {
            return Err(sudah_terdaftar(&nama, g));
        }
        let data = self.data_kelayakan(desa_id, kk, program_id).await?;
        let kurang = g.aturan().tidak_terpenuhi(&data);
        let abaikan = b.alasan_abaikan.trim();
        if !kurang.is_empty() && abaikan.chars().count() < 10 {
            return Err(Galat::isian(
                "alasan_abaikan",
                format!(
                    "{nama} tidak memenuhi aturan {}: {} Bila tetap ditambahkan (misalnya diputuskan musyawarah), tulis alasannya (paling sedikit 10 huruf).",
                    g.kode,
                    kurang.join(" ")
                ),
            ));
        }
        Ok(CalonPenerima {
            penduduk_id: pid,
            keluarga_id: kk,
            nama,
            dasar: b.dasar.trim().to_string(),
            alasan_abaikan: abaikan.to_string(),
            kurang,
        })
    }

    /// Writes a recipient checked by `periksa_penerima` in `tx` (a stopped one is made active
    /// again) with its audit entry; refuses one already active (registered meanwhile).
    pub(super) async fn tulis_penerima(
        &self,
        tx: &mut Tx,
        desa_id: &str,
        g: &Program,
        c: &CalonPenerima,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let (program_id, pid, kk) = (g.id, c.penduduk_id, c.keluarga_id);
        let now = self.s.sekarang();
        let lama: Option<(Uuid, bool)> = on_tx!(&mut *tx, k => sqlx::query_as(
            "SELECT id, aktif FROM penerima_bantuan WHERE desa_id = $1 AND program_id = $2 AND penduduk_id = $3")
            .bind(desa_id).bind(program_id).bind(pid).fetch_optional(&mut *k).await?);
        let id = match lama {
            Some((_, true)) => return Err(sudah_terdaftar(&c.nama, g)),
            Some((id, false)) => {
                on_tx!(&mut *tx, k => sqlx::query(
                    "UPDATE penerima_bantuan SET aktif = $3, keluarga_id = $4, dasar = $5, alasan_berhenti = '', versi = versi + 1, diubah_pada = $6 \
                     WHERE desa_id = $1 AND id = $2")
                    .bind(desa_id).bind(id).bind(true).bind(kk).bind(&c.dasar).bind(now).execute(&mut *k).await.map(|_| ()))?;
                id
            }
            None => {
                let id = id_baru();
                on_tx!(&mut *tx, k => sqlx::query(
                    "INSERT INTO penerima_bantuan (desa_id, id, program_id, penduduk_id, keluarga_id, dasar, aktif, dicatat_oleh, dibuat_pada, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)")
                    .bind(desa_id).bind(id).bind(program_id).bind(pid).bind(kk).bind(&c.dasar).bind(true)
                    .bind(&aktor.0).bind(now).execute(&mut *k).await.map(|_| ()))?;
                id
            }
        };
        catat(tx, now, Catatan {
            desa_id,
            aktor,
            aksi: if c.kurang.is_empty() { "tambah_penerima" } else { "tambah_penerima_abaikan_aturan" },
            objek: "penerima_bantuan",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(json!({"program": g.kode, "tahun": g.tahun, "penduduk_id": pid, "dasar": c.dasar,
                "aturan_tidak_terpenuhi": c.kurang, "alasan": c.alasan_abaikan})),
        })
        .await?;
        Ok(id)
    }

    /// Stops a recipient (died, moved, no longer eligible) with a reason; distributions stay.
    pub async fn hentikan_penerima(
        &self,
        desa_id: &str,
        id: Uuid,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let alasan = alasan.trim();
        if alasan.chars().count() < 5 {
            return Err(Galat::isian(
                "alasan",
                "Tuliskan alasan penghentian, misalnya \"meninggal 3 Nov 2026\" atau \"sudah mampu (musdes 5 Des)\".",
            ));
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE penerima_bantuan SET aktif = $3, alasan_berhenti = $4, versi = versi + 1, diubah_pada = $5 \
             WHERE desa_id = $1 AND id = $2 AND aktif")
            .bind(desa_id).bind(id).bind(false).bind(alasan).bind(now).execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Ditolak("Penerima ini sudah tidak aktif.".into()));
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "hentikan_penerima",
                objek: "penerima_bantuan",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"alasan": alasan})),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Records one distribution with its proof.
    pub async fn catat_penyaluran(
        &self,
        desa_id: &str,
        b: &PenyaluranBaru<'_>,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let r = self
            .satu_penerima(desa_id, b.penerima_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let g = self
            .program(desa_id, r.program_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let mut e = DaftarGalat::default();
        if let Err(p) = periksa_periode(&b.periode) {
            e.push("periode", p);
        }
        let tanggal = match b.tanggal {
            None => {
                e.push("tanggal", "Tanggal penyaluran wajib diisi (TTTT-BB-HH).");
                NaiveDate::default()
            }
            Some(t) if t > self.s.hari_ini(desa.zona()) => {
                e.push("tanggal", "Tanggal penyaluran tidak boleh di masa depan.");
                t
            }
            Some(t) if t < g.mulai || t.year() as i64 > g.tahun + 1 => {
                e.push(
                    "tanggal",
                    format!(
                        "Tanggal {t} di luar masa program {} ({} sampai {}).",
                        g.kode, g.mulai, g.selesai
                    ),
                );
                t
            }
            Some(t) => t,
        };
        if b.nominal < 0 || (g.nominal > 0 && b.nominal == 0) {
            e.push(
                "nominal",
                "Nominal yang diterima dalam rupiah, lebih dari 0.",
            );
        }
        if g.nominal > 0 && b.nominal > g.nominal {
            e.push(
                "nominal",
                format!(
                    "Nominal {} melebihi besaran program {} ({} per penyaluran).",
                    rp(b.nominal),
                    g.kode,
                    rp(g.nominal)
                ),
            );
        }
        let mime = if b.bukti.is_empty() {
            e.push(
                "bukti",
                "Unggah bukti terima: foto serah terima, atau daftar yang ditandatangani penerima (JPEG, PNG atau PDF).",
            );
            None
        } else {
            crate::berkas::periksa_dokumen(b.bukti)
                .map_err(|p| e.push("bukti", p))
                .ok()
        };
        e.into_result(())?;
        if !r.aktif {
            return Err(Galat::Ditolak(format!(
                "{} sudah tidak aktif sebagai penerima ({}).",
                r.nama, r.alasan_berhenti
            )));
        }
        // Died or moved by the distribution date: refused (the event, not today's status, decides).
        let akhir: Option<(String, NaiveDate)> = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT jenis, tanggal FROM peristiwa WHERE desa_id = $1 AND penduduk_id = $2 AND jenis IN ('mati', 'pindah_keluar', 'hilang') \
             AND dibatalkan_oleh IS NULL ORDER BY tanggal LIMIT 1")
            .bind(desa_id).bind(r.penduduk_id).fetch_optional(p).await)?;
        let tanpa_peristiwa = akhir.is_none();
        if let Some((jenis, t)) = akhir
            && t <= tanggal
        {
            let apa = if jenis == "mati" {
                "meninggal"
            } else {
                "pindah/hilang"
            };
            return Err(Galat::isian(
                "tanggal",
                format!(
                    "{} {apa} pada {}; bantuan tidak dapat disalurkan pada atau setelah tanggal itu. Hentikan penerima ini.",
                    r.nama,
                    t.format("%d-%m-%Y")
                ),
            ));
        }
        // Dead without a recorded death (e.g. imported so): no date to go by, so refused.
        if tanpa_peristiwa && r.status_dasar == MATI {
            return Err(Galat::Ditolak(format!("{} tercatat meninggal.", r.nama)));
        }
        let now = self.s.sekarang();
        let mut tx = self.s.db.begin().await?;
        let sudah: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM penyaluran WHERE desa_id = $1 AND penerima_id = $2 AND periode = $3")
            .bind(desa_id).bind(r.id).bind(b.periode.trim()).fetch_optional(&mut *c).await?);
        if sudah.is_some() {
            return Err(Galat::isian(
                "periode",
                format!(
                    "{} sudah menerima {} untuk periode {}.",
                    r.nama,
                    g.kode,
                    b.periode.trim()
                ),
            ));
        }
        let id = id_baru();
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO penyaluran (desa_id, id, program_id, penerima_id, periode, tanggal, nominal, bukti, bukti_mime, dicatat_oleh, dicatat_pada) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(desa_id).bind(id).bind(g.id).bind(r.id).bind(b.periode.trim()).bind(tanggal).bind(b.nominal)
            .bind(b.bukti).bind(mime).bind(&aktor.0).bind(now).execute(&mut *c).await.map(|_| ()))?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "salurkan",
                objek: "penyaluran",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"program": g.kode, "penerima_id": r.id, "periode": b.periode.trim(),
                "tanggal": tanggal, "nominal": b.nominal}),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Files the payment request (SPP) for a period's distributions not yet requested, on the
    /// programme's APBDes line, and links them to it: the money then goes through the usual
    /// check, approval and payment into the cash book.
    pub async fn ajukan_spp_periode(
        &self,
        desa_id: &str,
        program_id: Uuid,
        periode: &str,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let g = self
            .program(desa_id, program_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        periksa_periode(periode).map_err(|p| Galat::isian("periode", p))?;
        let Some(baris) = g.baris_kunci else {
            return Err(Galat::Ditolak(format!(
                "Program {} belum dihubungkan ke baris APBDes. Ubah program dan pilih baris belanjanya.",
                g.kode
            )));
        };
        let (n, jumlah): (i64, Option<i64>) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT count(*), CAST(sum(nominal) AS BIGINT) FROM penyaluran WHERE desa_id = $1 AND program_id = $2 AND periode = $3 AND spp_id IS NULL")
            .bind(desa_id).bind(program_id).bind(periode).fetch_one(p).await)?;
        let jumlah = jumlah.unwrap_or(0);
        if n == 0 || jumlah == 0 {
            return Err(Galat::Ditolak(format!(
                "Belum ada penyaluran {} periode {periode} yang belum diajukan SPP-nya.",
                g.kode
            )));
        }
        let desa = self.s.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let spp = SppBaru {
            tanggal: self.s.hari_ini(desa.zona()),
            uraian: format!(
                "Penyaluran {} periode {periode} kepada {n} penerima",
                g.nama
            ),
            penerima: format!("Penerima {} (daftar penyaluran terlampir)", g.kode),
            rincian: vec![(baris, jumlah)],
            alasan_lebih: None,
        };
        let mut tx: Tx = self.s.db.begin().await?;
        let spp_id = self
            .s
            .ajukan_spp_dalam(&mut tx, desa_id, &spp, aktor)
            .await?;
        on_tx!(&mut tx, c => sqlx::query(
            "UPDATE penyaluran SET spp_id = $4 WHERE desa_id = $1 AND program_id = $2 AND periode = $3 AND spp_id IS NULL")
            .bind(desa_id).bind(program_id).bind(periode).bind(spp_id).execute(&mut *c).await.map(|_| ()))?;
        tx.commit().await?;
        Ok(spp_id)
    }

    /// The programme of the death benefit in force on a date (the year's, by code).
    pub async fn program_santunan(
        &self,
        desa_id: &str,
        tanggal: NaiveDate,
    ) -> Result<Option<Program>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_PROGRAM} FROM program_bantuan WHERE desa_id = $1 AND kode = $2 AND mulai <= $3 AND selesai >= $3"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(KODE_SANTUNAN).bind(tanggal).fetch_optional(p).await)?,
        )
    }
}

/// The programme code of the death benefit (a claim opens when this programme runs).
pub const KODE_SANTUNAN: &str = "SANTUNAN-KEMATIAN";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periode_bulan() {
        assert_eq!(periksa_periode("2026-11"), Ok((2026, 11)));
        assert!(periksa_periode("2026-13").is_err());
        assert!(periksa_periode("11-2026").is_err());
        assert!(periksa_periode("2026-1").is_err());
    }
}
