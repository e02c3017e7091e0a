//! A new application, checked whole before anything is written, and attachments added later
//! (after a "please fix", or the issued document's scan at the finish).

use super::Adminduk;
use crate::audit::Catatan;
use crate::notifikasi::{self, Peristiwa};
use crate::penduduk::tulis::Penulis;
use crate::penduduk::{HIDUP, MATI, Penduduk};
use crate::surat::data::periksa_isian;
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
use balai_domain::DaftarGalat;
pub use balai_domain::adminduk::kolom_lampiran;
use balai_domain::adminduk::periksa_lampiran;
use balai_domain::adminduk::{
    JenisAdminduk, LAMPIRAN_PER_PERMOHONAN, StatusAdminduk, nomor_referensi,
};
use rand::RngCore;
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What an applicant submits.
#[derive(Debug, Clone)]
pub struct PermohonanBaru {
    pub jenis: JenisAdminduk,
    /// The resident who applies (from the portal or kiosk: the logged-in resident).
    pub pemohon_id: Uuid,
    /// The person the document is about; `None` for a newborn not yet recorded and a move in.
    pub subjek_id: Option<Uuid>,
    pub isian: BTreeMap<String, String>,
    /// The applicant agreed that the village passes the data to Dukcapil.
    pub persetujuan: bool,
    /// `loket`, `portal` or `anjungan`.
    pub kanal: String,
}

/// One uploaded document: which requirement it meets, its file name and bytes.
#[derive(Debug, Clone, Copy)]
pub struct LampiranBaru<'a> {
    pub syarat: &'a str,
    pub nama: &'a str,
    pub isi: &'a [u8],
}

pub(super) async fn simpan_lampiran(
    w: &mut Penulis<'_>,
    permohonan_id: Uuid,
    l: &LampiranBaru<'_>,
    mime: &str,
) -> Result<Uuid, Galat> {
    let id = id_baru();
    let nama = crate::berkas::nama_aman(l.nama);
    let (desa_id, now, aktor) = (w.desa_id, w.now, w.aktor.0.clone());
    on_tx!(&mut w.tx, c => sqlx::query(
        "INSERT INTO adminduk_lampiran (desa_id, permohonan_id, id, syarat, nama, mime, isi, ukuran, diunggah_oleh, diunggah_pada) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(desa_id).bind(permohonan_id).bind(id).bind(l.syarat).bind(&nama).bind(mime).bind(l.isi)
        .bind(l.isi.len() as i64).bind(&aktor).bind(now).execute(&mut *c).await.map(|_| ()))?;
    Ok(id)
}

pub(super) async fn tambah_riwayat(
    w: &mut Penulis<'_>,
    permohonan_id: Uuid,
    status: StatusAdminduk,
    catatan: &str,
) -> Result<(), Galat> {
    let (desa_id, now, aktor) = (w.desa_id, w.now, w.aktor.0.clone());
    on_tx!(&mut w.tx, c => sqlx::query(
        "INSERT INTO adminduk_riwayat (desa_id, permohonan_id, id, waktu, aktor, status, catatan) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(desa_id).bind(permohonan_id).bind(id_baru()).bind(now).bind(&aktor)
        .bind(status.kode()).bind(catatan).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Tells the applicant (portal and the village's channels), inside the transaction.
pub(super) async fn kabari(
    w: &mut Penulis<'_>,
    pemohon_id: Uuid,
    jenis: JenisAdminduk,
    nomor: &str,
    status: StatusAdminduk,
    catatan: &str,
) -> Result<(), Galat> {
    let data = json!({
        "jenis_dokumen": jenis.label(),
        "nomor": nomor,
        "status": status.label(),
        "catatan": catatan,
    });
    let (desa_id, now) = (w.desa_id, w.now);
    notifikasi::antre(
        &mut w.tx,
        now,
        desa_id,
        pemohon_id,
        Peristiwa::AdmindukDiperbarui,
        &data,
    )
    .await?;
    Ok(())
}

impl Adminduk<'_> {
    async fn penduduk_desa(
        &self,
        desa_id: &str,
        id: Uuid,
        kolom: &str,
        apa: &str,
        g: &mut DaftarGalat,
    ) -> Result<Option<Penduduk>, Galat> {
        let p = self.s.penduduk(desa_id, id).await?;
        if p.is_none() {
            g.push(
                kolom,
                format!("{apa} tidak terdaftar sebagai penduduk desa ini. Permohonan hanya untuk penduduk desa sendiri."),
            );
        }
        Ok(p)
    }

    /// Checks and stores a new application with its attachments, in one transaction, and tells
    /// the applicant. Answers the id and the reference number.
    pub async fn ajukan(
        &self,
        desa_id: &str,
        m: &PermohonanBaru,
        lampiran: &[LampiranBaru<'_>],
        aktor: &Aktor,
    ) -> Result<(Uuid, String), Galat> {
        let jenis = m.jenis;
        let mut g = DaftarGalat::default();
        let pemohon = self
            .penduduk_desa(desa_id, m.pemohon_id, "pemohon", "Pemohon", &mut g)
            .await?;
        if let Some(p) = &pemohon
            && p.status_dasar != HIDUP
        {
            g.push(
                "pemohon",
                format!(
                    "{} berstatus {} dan tidak dapat menjadi pemohon.",
                    p.nama,
                    p.status_label()
                ),
            );
        }
        let subjek = match (m.subjek_id, jenis.subjek_penduduk()) {
            (Some(id), _) => {
                self.penduduk_desa(desa_id, id, "subjek", "Orang yang dimohonkan", &mut g)
                    .await?
            }
            (None, true) => {
                g.push("subjek", "Pilih penduduk yang dimohonkan dokumennya.");
                None
            }
            (None, false) => None,
        };
        if let Some(s) = &subjek {
            // A death certificate may be asked after the death is recorded; every other
            // document is for a living resident.
            let boleh = s.status_dasar == HIDUP
                || (jenis == JenisAdminduk::AktaKematian && s.status_dasar == MATI);
            if !boleh {
                g.push(
                    "subjek",
                    format!(
                        "{} berstatus {}; dokumen ini hanya untuk penduduk yang masih tercatat aktif.",
                        s.nama,
                        s.status_label()
                    ),
                );
            }
            // Residents apply for themselves or their family; the counter may apply for anyone
            // the operator has checked in person.
            if m.kanal != "loket"
                && let Some(p) = &pemohon
                && p.id != s.id
                && (p.keluarga_id.is_none() || p.keluarga_id != s.keluarga_id)
            {
                g.push(
                    "subjek",
                    "Permohonan dari layanan mandiri hanya untuk diri sendiri atau anggota keluarga dalam satu KK.",
                );
            }
        }
        let isian = match periksa_isian(&jenis.isian(), &m.isian) {
            Ok(i) => i,
            Err(e) => {
                g.0.extend(e.0);
                BTreeMap::new()
            }
        };
        if jenis.tentang_bayi()
            && let Some(nik_ibu) = isian.get("nik_ibu").filter(|n| !n.is_empty())
        {
            match self.s.penduduk_by_nik(desa_id, nik_ibu).await? {
                Some(ibu) if ibu.jenis_kelamin == 2 => {}
                Some(_) => g.push("isian.nik_ibu", "NIK ini bukan milik penduduk perempuan."),
                None => g.push(
                    "isian.nik_ibu",
                    "NIK ibu tidak ditemukan di data penduduk desa ini. Bayi dicatat ke keluarga ibunya; bila ibu belum terdaftar, catat dahulu kepindahannya.",
                ),
            }
        }
        let daftar: Vec<(&str, &[u8])> = lampiran.iter().map(|l| (l.syarat, l.isi)).collect();
        let berkas: Vec<(&LampiranBaru<'_>, &str)> =
            periksa_lampiran(jenis, m.persetujuan, &m.kanal, &daftar, &mut g)
                .into_iter()
                .map(|(i, mime)| (&lampiran[i], mime))
                .collect();
        if !g.is_empty() {
            return Err(Galat::Isian(g));
        }
        let pemohon = pemohon.ok_or(Galat::TidakDitemukan)?;
        self.tolak_ganda(desa_id, jenis, subjek.as_ref(), &pemohon, &isian)
            .await?;

        let id = id_baru();
        let mut acak = [0u8; 5];
        rand::rng().fill_bytes(&mut acak);
        let nomor = nomor_referensi(acak);
        let isian_teks = serde_json::to_string(&isian).map_err(|e| Galat::Lain(e.to_string()))?;
        let mut w = Penulis::mulai(self.s, desa_id, aktor).await?;
        let now = w.now;
        on_tx!(&mut w.tx, c => sqlx::query(
            "INSERT INTO adminduk (desa_id, id, nomor, jenis, status, pemohon_id, subjek_id, isian, kanal, persetujuan_pada, \
             diajukan_pada, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, 'diajukan', $5, $6, $7, $8, $9, $9, $9, $9)")
            .bind(desa_id).bind(id).bind(&nomor).bind(jenis.kode()).bind(pemohon.id).bind(subjek.as_ref().map(|s| s.id))
            .bind(&isian_teks).bind(&m.kanal).bind(now).execute(&mut *c).await.map(|_| ()))?;
        for (l, mime) in &berkas {
            simpan_lampiran(&mut w, id, l, mime).await?;
        }
        tambah_riwayat(&mut w, id, StatusAdminduk::Diajukan, "").await?;
        w.catat(Catatan {
            desa_id,
            aktor,
            aksi: "ajukan",
            objek: "adminduk",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(json!({
                "nomor": nomor, "jenis": jenis.kode(), "kanal": m.kanal,
                "lampiran": berkas.len(),
            })),
        })
        .await?;
        kabari(
            &mut w,
            pemohon.id,
            jenis,
            &nomor,
            StatusAdminduk::Diajukan,
            "Petugas desa akan memeriksa kelengkapannya.",
        )
        .await?;
        w.selesai().await?;
        self.s.bangunkan_kurir();
        Ok((id, nomor))
    }

    /// A second open application of the same type for the same person is refused, naming the
    /// open one (for a newborn not yet recorded: the same applicant and child's name).
    async fn tolak_ganda(
        &self,
        desa_id: &str,
        jenis: JenisAdminduk,
        subjek: Option<&Penduduk>,
        pemohon: &Penduduk,
        isian: &BTreeMap<String, String>,
    ) -> Result<(), Galat> {
        let terbuka: Vec<(String, String)> = match subjek {
            Some(s) => on_db!(&self.s.db, p => sqlx::query_as(
                "SELECT nomor, isian FROM adminduk WHERE desa_id = $1 AND jenis = $2 AND subjek_id = $3 \
                 AND status NOT IN ('selesai', 'ditolak')")
                .bind(desa_id).bind(jenis.kode()).bind(s.id).fetch_all(p).await)?,
            None => on_db!(&self.s.db, p => sqlx::query_as(
                "SELECT nomor, isian FROM adminduk WHERE desa_id = $1 AND jenis = $2 AND pemohon_id = $3 \
                 AND subjek_id IS NULL AND status NOT IN ('selesai', 'ditolak')")
                .bind(desa_id).bind(jenis.kode()).bind(pemohon.id).fetch_all(p).await)?,
        };
        let sama = |teks: &str| {
            subjek.is_some() || {
                let lain: BTreeMap<String, String> = serde_json::from_str(teks).unwrap_or_default();
                let nama = |m: &BTreeMap<String, String>, k: &str| {
                    m.get(k)
                        .map(|s| s.trim().to_lowercase())
                        .unwrap_or_default()
                };
                ["nama_anak", "nik"]
                    .iter()
                    .any(|k| !nama(isian, k).is_empty() && nama(&lain, k) == nama(isian, k))
            }
        };
        if let Some((nomor, _)) = terbuka.iter().find(|(_, i)| sama(i)) {
            let siapa = subjek.map(|s| s.nama.as_str()).unwrap_or("orang yang sama");
            return Err(Galat::Ditolak(format!(
                "Permohonan {} untuk {siapa} masih berjalan dengan nomor {nomor}. Ikuti permohonan itu; permohonan kedua tidak dibuat.",
                jenis.label()
            )));
        }
        Ok(())
    }

    /// Adds a document to an application the applicant is still completing (submitted, or sent
    /// back to fix).
    pub async fn lampirkan(
        &self,
        desa_id: &str,
        id: Uuid,
        l: &LampiranBaru<'_>,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let a = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let jenis = a.jenis().ok_or(Galat::TidakDitemukan)?;
        if !matches!(
            a.status(),
            StatusAdminduk::Diajukan | StatusAdminduk::PerluPerbaikan
        ) {
            return Err(Galat::Ditolak(format!(
                "Lampiran tidak dapat ditambahkan: permohonan berstatus \"{}\".",
                a.status_label()
            )));
        }
        let kolom = kolom_lampiran(l.syarat);
        if !jenis.persyaratan().iter().any(|s| s.kode == l.syarat) {
            return Err(Galat::isian(
                &kolom,
                "Lampiran ini bukan persyaratan jenis permohonan ini.",
            ));
        }
        let mime = crate::berkas::periksa_dokumen(l.isi).map_err(|e| Galat::isian(&kolom, e))?;
        let mut w = Penulis::mulai(self.s, desa_id, aktor).await?;
        // Checked again inside the transaction: a step taken meanwhile must not get a file.
        let status: String = on_tx!(&mut w.tx, c => sqlx::query_scalar(
            "SELECT status FROM adminduk WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_one(&mut *c).await?);
        if !matches!(status.as_str(), "diajukan" | "perlu_perbaikan") {
            return Err(Galat::Ditolak(
                "Lampiran tidak dapat ditambahkan: permohonan baru saja diteruskan atau diselesaikan.".into(),
            ));
        }
        let ada: i64 = on_tx!(&mut w.tx, c => sqlx::query_scalar(
            "SELECT count(*) FROM adminduk_lampiran WHERE desa_id = $1 AND permohonan_id = $2")
            .bind(desa_id).bind(id).fetch_one(&mut *c).await?);
        if ada >= LAMPIRAN_PER_PERMOHONAN {
            return Err(Galat::isian(
                &kolom,
                format!("Paling banyak {LAMPIRAN_PER_PERMOHONAN} lampiran per permohonan."),
            ));
        }
        let lid = simpan_lampiran(&mut w, id, l, mime).await?;
        let now = w.now;
        on_tx!(&mut w.tx, c => sqlx::query(
            "UPDATE adminduk SET versi = versi + 1, diubah_pada = $3 WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).bind(now).execute(&mut *c).await?.rows_affected());
        w.catat(Catatan {
            desa_id,
            aktor,
            aksi: "tambah_lampiran",
            objek: "adminduk",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(
                json!({"lampiran": lid, "syarat": l.syarat, "mime": mime, "ukuran": l.isi.len()}),
            ),
        })
        .await?;
        w.selesai().await?;
        Ok(lid)
    }
}
