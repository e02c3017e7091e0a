//! The letter workflow: request, check, reject, issue (number + signature + PDF), hand over, cancel.

use super::data::{BahanData, data_templat, periksa_isian};
use super::kunci::{Penanda, b64, kunci_aktif};
use super::{AksiSurat, IsianTersimpan, StatusSurat, Surat, tanpa_awalan_kabupaten};
use crate::audit::{Catatan, catat};
use crate::db::Tx;
use crate::notifikasi::{Peristiwa, antre, kode_lacak_surat};
use crate::penduduk::{HIDUP, Penduduk};
use crate::{Aktor, Galat, Store, id_baru, on_db, on_tx};
use balai_domain::surat::nomor::{BahanNomor, FormatNomor};
use balai_domain::surat::teks::samarkan_nama;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A new request, from the counter, the portal, the kiosk or the API.
#[derive(Debug, Clone, Default)]
pub struct Permohonan {
    pub jenis_kode: String,
    pub penduduk_id: Uuid,
    pub isian: BTreeMap<String, String>,
    /// Extra persons by role, as NIKs typed or scanned.
    pub orang: BTreeMap<String, String>,
    pub kanal: String,
    /// "A4" or "F4"; empty for the village's default.
    pub kertas: String,
    /// At the counter the operator checks the data while filling the form: the request goes
    /// straight to "waiting for signature".
    pub langsung_diperiksa: bool,
    /// When this request re-issues a cancelled letter.
    pub pengganti_dari: Option<Uuid>,
}

/// Who signs, as printed under the signature.
#[derive(Debug, Clone)]
pub struct Penandatangan {
    pub nama: String,
    pub jabatan: String,
    /// "a.n. Kepala Desa …" when someone signs on the head's behalf; empty otherwise.
    pub atas_nama: String,
}

pub struct TerbitkanSurat<'a> {
    pub penanda: Penandatangan,
    /// Public address of this install, for the QR code ("https://desa.example").
    pub url_dasar: &'a str,
    /// The version the signer saw; `None` to skip the check.
    pub versi: Option<i64>,
}

/// Longest a letter may take to render before signing gives up.
pub const BATAS_RENDER: std::time::Duration = std::time::Duration::from_secs(5);

/// What the renderer needs to make the PDF.
#[derive(Debug, Clone)]
pub struct BahanCetak {
    pub badan: String,
    pub data: Value,
    pub logo: Option<Vec<u8>>,
    pub qr: String,
    pub kertas: String,
}

fn pesan_status_dasar(p: &Penduduk) -> Option<String> {
    let alasan = match p.status_dasar {
        HIDUP => return None,
        crate::penduduk::MATI => "sudah meninggal dunia",
        crate::penduduk::PINDAH => "sudah pindah keluar desa",
        crate::penduduk::HILANG => "tercatat hilang",
        _ => "tidak berstatus penduduk aktif",
    };
    Some(format!(
        "Surat tidak dapat dibuat: {} {alasan} menurut data penduduk.",
        p.nama
    ))
}

/// Who is told about a request: the resident who made it from the portal or kiosk (a parent
/// asking for a child), else the person the letter is about.
fn penerima_kabar(subjek: Uuid, diajukan_oleh: &str) -> Uuid {
    diajukan_oleh
        .strip_prefix("warga:")
        .and_then(|id| id.parse().ok())
        .unwrap_or(subjek)
}

/// The URL printed as QR code: the letter's page plus its signed content, so the letter can
/// also be checked offline with the village's public key.
/// The address in a letter's QR code: only the token, so the code stays small enough to read
/// from a 100 dpi scan or a photocopy. The signed payload stays behind the token (the
/// verification page and API give it, with its signature, for checking with the public key).
/// Letters issued before carry `?m={payload}&t={signature}` too, and still verify.
pub fn url_verifikasi(url_dasar: &str, token: &str) -> String {
    format!("{}/v/{token}", url_dasar.trim_end_matches('/'))
}

async fn tambah_langkah(
    tx: &mut Tx,
    desa_id: &str,
    id: Uuid,
    waktu: DateTime<Utc>,
    aktor: &Aktor,
    status: StatusSurat,
    catatan: &str,
) -> Result<(), Galat> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO surat_riwayat (desa_id, surat_id, urut, waktu, aktor, status, catatan) \
         VALUES ($1, $2, (SELECT coalesce(max(urut), 0) + 1 FROM surat_riwayat WHERE desa_id = $1 AND surat_id = $2), $3, $4, $5, $6)")
        .bind(desa_id).bind(id).bind(waktu).bind(&aktor.0).bind(status.kode()).bind(catatan)
        .execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

impl Store {
    async fn surat_wajib(&self, desa_id: &str, id: Uuid) -> Result<Surat, Galat> {
        self.surat(desa_id, id).await?.ok_or(Galat::TidakDitemukan)
    }

    /// Records a new request. Refuses residents who died, moved or went missing, unknown or
    /// inactive types, and invalid fields (each named).
    pub async fn ajukan_surat(
        &self,
        desa_id: &str,
        m: &Permohonan,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let jenis = match self.jenis_surat(desa_id, &m.jenis_kode).await? {
            Some(j) if j.aktif => j.jenis,
            _ => {
                return Err(Galat::isian(
                    "jenis_kode",
                    "Pilih jenis surat yang tersedia.",
                ));
            }
        };
        let subjek = self
            .penduduk(desa_id, m.penduduk_id)
            .await?
            .ok_or_else(|| {
                Galat::isian(
                    "penduduk",
                    "Penduduk tidak ditemukan di desa ini. Periksa NIK yang dimasukkan.",
                )
            })?;
        if !jenis.boleh_untuk_status(subjek.status_dasar)
            && let Some(pesan) = pesan_status_dasar(&subjek)
        {
            return Err(Galat::Ditolak(pesan));
        }
        let mut galat = balai_domain::DaftarGalat::default();
        let isian = match periksa_isian(&jenis.isian, &m.isian) {
            Ok(i) => i,
            Err(g) => {
                galat.0.extend(g.0);
                BTreeMap::new()
            }
        };
        let mut orang = BTreeMap::new();
        for peran in &jenis.orang {
            let kolom = format!("orang.{}", peran.kunci);
            let nik: String = m
                .orang
                .get(&peran.kunci)
                .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect())
                .unwrap_or_default();
            if nik.is_empty() {
                if peran.wajib {
                    galat.push(&kolom, format!("NIK {} wajib diisi.", peran.label));
                }
                continue;
            }
            if nik.len() != 16 || !nik.chars().all(|c| c.is_ascii_digit()) {
                galat.push(&kolom, format!("NIK {} harus 16 angka.", peran.label));
                continue;
            }
            match self.penduduk_by_nik(desa_id, &nik).await? {
                Some(p) if p.status_dasar == HIDUP => {
                    orang.insert(peran.kunci.clone(), p.id);
                }
                Some(p) => galat.push(
                    &kolom,
                    pesan_status_dasar(&p).unwrap_or_else(|| "Penduduk tidak aktif.".into()),
                ),
                None => galat.push(
                    &kolom,
                    format!(
                        "NIK {} tidak ditemukan di data penduduk desa ini.",
                        peran.label
                    ),
                ),
            }
        }
        let kertas = if m.kertas.is_empty() {
            self.pengaturan_surat(desa_id).await?.kertas
        } else if matches!(m.kertas.as_str(), "A4" | "F4") {
            m.kertas.clone()
        } else {
            galat.push("kertas", "Pilih ukuran kertas A4 atau F4.");
            String::new()
        };
        if !super::KANAL.iter().any(|(k, _)| *k == m.kanal) {
            galat.push("kanal", "Kanal permohonan tidak dikenal.");
        }
        galat.into_result(())?;
        // A resident asking again (a double tap at the kiosk, a reload in the portal) while the
        // same letter is still being processed gets the open request, not a second one.
        if m.kanal != "loket" {
            let terbuka: Option<DateTime<Utc>> = on_db!(&self.db, p => sqlx::query_scalar(
                "SELECT diajukan_pada FROM surat WHERE desa_id = $1 AND penduduk_id = $2 AND jenis_kode = $3 \
                 AND status IN ('diajukan', 'diperiksa') ORDER BY diajukan_pada LIMIT 1")
                .bind(desa_id).bind(subjek.id).bind(&jenis.kode).fetch_optional(p).await)?;
            if let Some(t) = terbuka {
                let zona = self
                    .desa(desa_id)
                    .await?
                    .map(|d| d.zona())
                    .unwrap_or(balai_domain::ZonaWaktu::Wib);
                let t = t.with_timezone(&zona.offset());
                let saat = format!("{} {}", t.format("%d-%m-%Y %H.%M"), zona.singkatan());
                return Err(Galat::Ditolak(format!(
                    "Permohonan {} untuk {} sudah diajukan pada {} dan masih diproses. Tunggu sampai selesai; Anda dapat melihat keadaannya di layanan mandiri atau menanyakannya di loket.",
                    jenis.nama, subjek.nama, saat
                )));
            }
        }

        let id = id_baru();
        let now = self.sekarang();
        let disimpan = serde_json::to_string(&IsianTersimpan { isian, orang })
            .map_err(|e| Galat::Lain(e.to_string()))?;
        let status = if m.langsung_diperiksa {
            StatusSurat::Diperiksa
        } else {
            StatusSurat::Diajukan
        };
        let mut tx = self.db.begin().await?;
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO surat (desa_id, id, jenis_kode, jenis_nama, penduduk_id, nama_pemohon, isian, status, kanal, kertas, biaya, \
             diajukan_oleh, diajukan_pada, pengganti_dari, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13)")
            .bind(desa_id).bind(id).bind(&jenis.kode).bind(&jenis.nama).bind(subjek.id).bind(&subjek.nama).bind(&disimpan)
            .bind(status.kode()).bind(&m.kanal).bind(&kertas).bind(jenis.biaya).bind(&aktor.0).bind(now).bind(m.pengganti_dari)
            .execute(&mut *c).await.map(|_| ()))?;
        tambah_langkah(&mut tx, desa_id, id, now, aktor, StatusSurat::Diajukan, "").await?;
        if m.langsung_diperiksa {
            tambah_langkah(
                &mut tx,
                desa_id,
                id,
                now,
                aktor,
                StatusSurat::Diperiksa,
                "Diperiksa di loket",
            )
            .await?;
        }
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "ajukan",
                objek: "surat",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(
                    json!({"jenis": jenis.kode, "penduduk_id": subjek.id, "kanal": m.kanal}),
                ),
            },
        )
        .await?;
        antre(
            &mut tx,
            now,
            desa_id,
            penerima_kabar(subjek.id, &aktor.0),
            Peristiwa::PermohonanDiterima,
            &json!({"jenis_surat": jenis.nama, "kode_lacak": kode_lacak_surat(id)}),
        )
        .await?;
        tx.commit().await?;
        self.bangunkan_kurir();
        Ok(id)
    }

    /// Moves a letter between statuses, with the timeline entry and the audit record.
    #[allow(clippy::too_many_arguments)]
    async fn ganti_status(
        &self,
        desa_id: &str,
        id: Uuid,
        aksi: AksiSurat,
        alasan: Option<&str>,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let s = self.surat_wajib(desa_id, id).await?;
        let ke = s.status().setelah(aksi).map_err(Galat::Ditolak)?;
        if versi.is_some_and(|v| v != s.versi) {
            return Err(Galat::Konflik(
                "Surat ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman."
                    .into(),
            ));
        }
        let now = self.sekarang();
        let mut tx = self.db.begin().await?;
        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE surat SET status = $3, alasan = coalesce($4, alasan), versi = versi + 1, diubah_pada = $5 \
             WHERE desa_id = $1 AND id = $2 AND versi = $6")
            .bind(desa_id).bind(id).bind(ke.kode()).bind(alasan).bind(now).bind(s.versi)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::Konflik(
                "Surat ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman."
                    .into(),
            ));
        }
        tambah_langkah(&mut tx, desa_id, id, now, aktor, ke, alasan.unwrap_or("")).await?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: ke.kode(),
                objek: "surat",
                objek_id: id.to_string(),
                sebelum: Some(json!({"status": s.status})),
                sesudah: Some(json!({"status": ke.kode(), "alasan": alasan})),
            },
        )
        .await?;
        let peristiwa = match ke {
            StatusSurat::Diperiksa => Some(Peristiwa::PermohonanDisetujui),
            StatusSurat::Ditolak => Some(Peristiwa::PermohonanDitolak),
            _ => None,
        };
        if let Some(p) = peristiwa {
            antre(
                &mut tx,
                now,
                desa_id,
                penerima_kabar(s.penduduk_id, &s.diajukan_oleh),
                p,
                &json!({
                    "jenis_surat": s.jenis_nama,
                    "kode_lacak": kode_lacak_surat(id),
                    "alasan": alasan.unwrap_or(""),
                }),
            )
            .await?;
        }
        tx.commit().await?;
        if peristiwa.is_some() {
            self.bangunkan_kurir();
        }
        Ok(())
    }

    /// The operator has checked the person's data, requirements and attachments.
    pub async fn periksa_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        versi: Option<i64>,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.ganti_status(desa_id, id, AksiSurat::Periksa, None, versi, aktor)
            .await
    }

    pub async fn tolak_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let alasan = wajib_alasan(alasan, "penolakan")?;
        self.ganti_status(desa_id, id, AksiSurat::Tolak, Some(&alasan), None, aktor)
            .await
    }

    pub async fn serahkan_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        self.ganti_status(desa_id, id, AksiSurat::Serahkan, None, None, aktor)
            .await
    }

    /// Cancels an issued letter: it keeps its number and verifies as revoked ("DICABUT").
    pub async fn batalkan_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        alasan: &str,
        aktor: &Aktor,
    ) -> Result<(), Galat> {
        let alasan = wajib_alasan(alasan, "pembatalan")?;
        self.ganti_status(desa_id, id, AksiSurat::Batalkan, Some(&alasan), None, aktor)
            .await
    }

    /// A new request with the same type, person and fields as a cancelled letter, ready to sign.
    pub async fn ajukan_ulang_surat(
        &self,
        desa_id: &str,
        id: Uuid,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let lama = self.surat_wajib(desa_id, id).await?;
        if lama.status() != StatusSurat::Dibatalkan {
            return Err(Galat::Ditolak(
                "Hanya surat yang sudah dibatalkan yang dapat diterbitkan ulang.".into(),
            ));
        }
        let pengganti: i64 = on_db!(&self.db, p => sqlx::query_scalar(
            "SELECT count(*) FROM surat WHERE desa_id = $1 AND pengganti_dari = $2 AND status <> 'ditolak'")
            .bind(desa_id).bind(id).fetch_one(p).await)?;
        if pengganti > 0 {
            return Err(Galat::Ditolak(
                "Surat ini sudah mempunyai surat pengganti. Buka surat pengganti itu di daftar surat.".into(),
            ));
        }
        let tersimpan = lama.isian_tersimpan();
        let mut orang = BTreeMap::new();
        for (peran, pid) in &tersimpan.orang {
            if let Some(p) = self.penduduk(desa_id, *pid).await? {
                orang.insert(peran.clone(), p.nik);
            }
        }
        self.ajukan_surat(
            desa_id,
            &Permohonan {
                jenis_kode: lama.jenis_kode,
                penduduk_id: lama.penduduk_id,
                isian: tersimpan.isian,
                orang,
                kanal: "loket".into(),
                kertas: lama.kertas,
                langsung_diperiksa: true,
                pengganti_dari: Some(id),
            },
            aktor,
        )
        .await
    }

    /// Numbers, signs and renders a checked letter. The PDF is rendered first, with the number
    /// the counter will give next, and outside any transaction (a slow template must not hold
    /// the village's writer); the short transaction that takes the number keeps the PDF only
    /// if it got that number, else it renders again. If the PDF cannot be made, nothing is
    /// kept and no number is used, so numbers have no gaps.
    pub async fn terbitkan_surat<F>(
        &self,
        desa_id: &str,
        id: Uuid,
        t: &TerbitkanSurat<'_>,
        aktor: &Aktor,
        render: F,
    ) -> Result<Surat, Galat>
    where
        F: Fn(&BahanCetak) -> Result<Vec<u8>, String> + Clone + Send + 'static,
    {
        let s = self.surat_wajib(desa_id, id).await?;
        s.status()
            .setelah(AksiSurat::Tandatangani)
            .map_err(Galat::Ditolak)?;
        if t.versi.is_some_and(|v| v != s.versi) {
            return Err(Galat::Konflik(
                "Surat ini sudah diubah orang lain sejak Anda membukanya. Muat ulang halaman."
                    .into(),
            ));
        }
        let p = self.siapkan_cetak(desa_id, &s).await?;
        let now = self.sekarang();
        let tanggal = p.tanggal;
        let berlaku = p.jenis.jenis.masa_berlaku_sampai(tanggal);
        let lingkup = p.lingkup(desa_id);
        let tahun = i64::from(tanggal.year());
        let token = self.token_surat_baru(desa_id);

        // Signers of one counter take turns in this process, so the expected number holds;
        // another process (a second server on the same database) may still take it while
        // this one renders: then render again with the next.
        let giliran = self.giliran_penomor(&format!("{desa_id}/{lingkup}/{tahun}"));
        let _giliran = giliran.lock().await;
        let mut coba = 0;
        let (mut tx, urut, nomor, pdf) = loop {
            coba += 1;
            let diharap = self.nomor_berikut(desa_id, &lingkup, tahun).await?;
            let nomor = p.nomor(desa_id, diharap);
            let bahan = p.bahan(&s, &nomor, &t.penanda, url_verifikasi(t.url_dasar, &token));
            let pdf = render_dibatasi(bahan, render.clone()).await?;
            let mut tx = self.db.begin().await?;
            let urut: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
                "INSERT INTO nomor_surat (desa_id, lingkup, tahun, terakhir) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT (desa_id, lingkup, tahun) DO UPDATE SET terakhir = nomor_surat.terakhir + 1 RETURNING terakhir")
                .bind(desa_id).bind(&lingkup).bind(tahun).fetch_one(&mut *c).await)?;
            if urut == diharap {
                break (tx, urut, nomor, pdf);
            }
            drop(tx); // rolls back: the number stays free
            if coba == 5 {
                return Err(Galat::Konflik(
                    "Banyak surat sedang ditandatangani bersamaan. Tunggu sebentar, lalu tekan Tanda tangani sekali lagi.".into(),
                ));
            }
        };
        let kunci = kunci_aktif(&mut tx, self.kunci_induk.as_ref(), desa_id, now).await?;
        let isian_json =
            serde_json::to_string(&p.tersimpan.isian).map_err(|e| Galat::Lain(e.to_string()))?;
        let muatan = json!({
            // Version 2: no `h` (SHA-256 of token and NIK). The NIK space is small enough that
            // the hash gave the NIK back offline; the holder is shown by the masked name.
            "v": 2,
            "k": kunci.id_kunci(),
            "x": token,
            "d": desa_id,
            "j": p.jenis.jenis.kode,
            "n": nomor,
            "t": tanggal.to_string(),
            "b": berlaku.map(|b| b.to_string()).unwrap_or_default(),
            "m": samarkan_nama(&p.subjek.nama),
            "s": t.penanda.nama,
            "i": hex::encode(&Sha256::digest(isian_json.as_bytes())[..16]),
        })
        .to_string();
        let tanda = b64(&kunci.tanda_tangani(muatan.as_bytes()));

        let n = on_tx!(&mut tx, c => sqlx::query(
            "UPDATE surat SET status = 'diterbitkan', nomor = $3, nomor_urut = $4, lingkup_nomor = $5, tahun = $6, tanggal = $7, \
             berlaku_sampai = $8, penanda_nama = $9, penanda_jabatan = $10, atas_nama = $11, kunci_id = $12, muatan = $13, \
             tanda_tangan = $14, token = $15, pdf = $16, diterbitkan_oleh = $17, diterbitkan_pada = $18, versi = versi + 1, \
             diubah_pada = $18 WHERE desa_id = $1 AND id = $2 AND status = 'diperiksa' AND versi = $19")
            .bind(desa_id).bind(id).bind(&nomor).bind(urut).bind(&lingkup).bind(tahun).bind(tanggal)
            .bind(berlaku).bind(&t.penanda.nama).bind(&t.penanda.jabatan).bind(&t.penanda.atas_nama).bind(kunci.id_kunci())
            .bind(&muatan).bind(&tanda).bind(&token).bind(&pdf).bind(&aktor.0).bind(now).bind(s.versi)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(Galat::Konflik(
                "Surat ini baru saja diubah atau ditandatangani orang lain. Muat ulang halaman."
                    .into(),
            ));
        }
        tambah_langkah(
            &mut tx,
            desa_id,
            id,
            now,
            aktor,
            StatusSurat::Diterbitkan,
            &nomor,
        )
        .await?;
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: "terbitkan",
                objek: "surat",
                objek_id: id.to_string(),
                sebelum: None,
                sesudah: Some(json!({"nomor": nomor, "kunci": kunci.id_kunci()})),
            },
        )
        .await?;
        antre(
            &mut tx,
            now,
            desa_id,
            penerima_kabar(s.penduduk_id, &s.diajukan_oleh),
            Peristiwa::SuratSiap,
            &json!({
                "jenis_surat": s.jenis_nama,
                "kode_lacak": kode_lacak_surat(id),
                "nomor": nomor,
                "tautan": format!("{}/v/{token}", t.url_dasar.trim_end_matches('/')),
            }),
        )
        .await?;
        tx.commit().await?;
        self.bangunkan_kurir();
        self.surat_wajib(desa_id, id).await
    }

    /// The number and stored PDF of an issued letter. Requests not yet signed have none.
    pub async fn pdf_surat(&self, desa_id: &str, id: Uuid) -> Result<(String, Vec<u8>), Galat> {
        let baris: Option<(Option<String>, Option<Vec<u8>>)> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT nomor, pdf FROM surat WHERE desa_id = $1 AND id = $2")
            .bind(desa_id).bind(id).fetch_optional(p).await)?;
        match baris {
            None => Err(Galat::TidakDitemukan),
            Some((Some(nomor), Some(pdf))) => Ok((nomor, pdf)),
            Some(_) => Err(Galat::Ditolak(
                "Surat belum ditandatangani, jadi belum dapat dicetak.".into(),
            )),
        }
    }
}

fn wajib_alasan(alasan: &str, untuk: &str) -> Result<String, Galat> {
    let a = alasan.trim();
    if a.chars().count() < 5 {
        return Err(Galat::isian(
            "alasan",
            format!(
                "Tuliskan alasan {untuk} (paling sedikit 5 karakter) agar pemohon tahu sebabnya."
            ),
        ));
    }
    if a.chars().count() > 500 {
        return Err(Galat::isian("alasan", "Alasan paling banyak 500 karakter."));
    }
    Ok(a.to_string())
}

/// Everything a letter's PDF is made from, read before signing or previewing it.
struct Persiapan {
    jenis: super::jenis::JenisDesa,
    subjek: Penduduk,
    tersimpan: IsianTersimpan,
    orang: BTreeMap<String, Penduduk>,
    desa: crate::desa::Desa,
    letak: crate::desa::LetakDesa,
    atur: super::jenis::PengaturanSurat,
    logo: Option<Vec<u8>>,
    format: FormatNomor,
    tempat: String,
    /// The letter's date: today in the village's time zone.
    tanggal: NaiveDate,
}

impl Persiapan {
    /// Which counter numbers the letter: one per village, or one per kind of number (see
    /// `FormatNomor::lingkup`).
    fn lingkup(&self, desa_id: &str) -> String {
        if self.atur.lingkup_nomor == "desa" {
            "desa".to_string()
        } else {
            format!(
                "nomor:{}",
                self.format.lingkup(
                    &self.jenis.jenis.klasifikasi,
                    &self.jenis.jenis.kode_opensid,
                    desa_id
                )
            )
        }
    }

    fn nomor(&self, desa_id: &str, urut: i64) -> String {
        self.format.susun(&BahanNomor {
            urut,
            kode_klasifikasi: &self.jenis.jenis.klasifikasi,
            kode_surat: &self.jenis.jenis.kode_opensid,
            kode_desa: desa_id,
            tanggal: self.tanggal,
        })
    }

    /// The template, its data and the QR address, ready to render.
    fn bahan(&self, s: &Surat, nomor: &str, penanda: &Penandatangan, qr: String) -> BahanCetak {
        let data = data_templat(&BahanData {
            desa: &self.desa,
            letak: &crate::desa::LetakDesa {
                kabupaten: tanpa_awalan_kabupaten(&self.letak.kabupaten),
                ..self.letak.clone()
            },
            jenis: &self.jenis.jenis,
            nomor,
            tempat: &self.tempat,
            tanggal: self.tanggal,
            berlaku_sampai: self.jenis.jenis.masa_berlaku_sampai(self.tanggal),
            subjek: &self.subjek,
            orang: &self.orang,
            isian: &self.tersimpan.isian,
            penanda_nama: &penanda.nama,
            penanda_jabatan: &penanda.jabatan,
            atas_nama: &penanda.atas_nama,
        });
        BahanCetak {
            badan: self.jenis.jenis.badan.clone(),
            data,
            logo: self.logo.clone(),
            qr,
            kertas: s.kertas.clone(),
        }
    }
}

/// Renders on a blocking thread (CPU work that cannot be interrupted), giving up after
/// `BATAS_RENDER` with a message for the admin who wrote the template.
async fn render_dibatasi<F>(bahan: BahanCetak, render: F) -> Result<Vec<u8>, Galat>
where
    F: FnOnce(&BahanCetak) -> Result<Vec<u8>, String> + Send + 'static,
{
    let tugas = tokio::task::spawn_blocking(move || render(&bahan));
    match tokio::time::timeout(BATAS_RENDER, tugas).await {
        Ok(Ok(hasil)) => {
            hasil.map_err(|e| Galat::Ditolak(format!("Surat gagal dibuat dari templatnya: {e}")))
        }
        Ok(Err(_)) => Err(Galat::Lain("pembuat PDF berhenti tak terduga".into())),
        Err(_) => Err(Galat::Ditolak(format!(
            "Surat terlalu lama dibuat (lebih dari {} detik). Minta admin memeriksa templat jenis surat ini.",
            BATAS_RENDER.as_secs()
        ))),
    }
}

impl Store {
    async fn siapkan_cetak(&self, desa_id: &str, s: &Surat) -> Result<Persiapan, Galat> {
        let jenis = self
            .jenis_surat(desa_id, &s.jenis_kode)
            .await?
            .ok_or_else(|| Galat::Ditolak("Jenis surat ini sudah tidak ada.".into()))?;
        let subjek = self
            .penduduk(desa_id, s.penduduk_id)
            .await?
            .ok_or(Galat::TidakDitemukan)?;
        if !jenis.jenis.boleh_untuk_status(subjek.status_dasar)
            && let Some(pesan) = pesan_status_dasar(&subjek)
        {
            return Err(Galat::Ditolak(pesan));
        }
        let tersimpan = s.isian_tersimpan();
        let mut orang = BTreeMap::new();
        for (peran, pid) in &tersimpan.orang {
            if let Some(p) = self.penduduk(desa_id, *pid).await? {
                orang.insert(peran.clone(), p);
            }
        }
        let desa = self.desa(desa_id).await?.ok_or(Galat::TidakDitemukan)?;
        let letak = self.letak_desa(desa_id).await?;
        let atur = self.pengaturan_surat(desa_id).await?;
        let logo = self.logo_desa(desa_id).await?.map(|(b, _)| b);
        let format = FormatNomor::baca(if jenis.format_nomor.is_empty() {
            &atur.format_nomor
        } else {
            &jenis.format_nomor
        })
        .map_err(Galat::Lain)?;
        let tempat = if atur.tempat.is_empty() {
            tanpa_awalan_kabupaten(&letak.kabupaten)
        } else {
            atur.tempat.clone()
        };
        Ok(Persiapan {
            tanggal: self.hari_ini(desa.zona()),
            jenis,
            subjek,
            tersimpan,
            orang,
            desa,
            letak,
            atur,
            logo,
            format,
            tempat,
        })
    }

    /// The turn lock of one letter-number counter.
    fn giliran_penomor(&self, kunci: &str) -> std::sync::Arc<tokio::sync::Mutex<()>> {
        let mut peta = self.penomor.lock().unwrap_or_else(|e| e.into_inner());
        peta.entry(kunci.to_string()).or_default().clone()
    }

    /// The number the counter gives next (read without taking it).
    async fn nomor_berikut(&self, desa_id: &str, lingkup: &str, tahun: i64) -> Result<i64, Galat> {
        let terakhir: Option<i64> = on_db!(&self.db, c => sqlx::query_scalar(
            "SELECT terakhir FROM nomor_surat WHERE desa_id = $1 AND lingkup = $2 AND tahun = $3")
            .bind(desa_id).bind(lingkup).bind(tahun).fetch_optional(c).await)?;
        Ok(terakhir.unwrap_or(0) + 1)
    }

    /// The PDF a letter would be if it were signed now, for the signer to read first: the same
    /// template and data, the number it would most likely get, and a QR code that verifies
    /// nothing (the preview is not a letter).
    pub async fn pratinjau_surat<F>(
        &self,
        desa_id: &str,
        id: Uuid,
        penanda: &Penandatangan,
        url_dasar: &str,
        render: F,
    ) -> Result<Vec<u8>, Galat>
    where
        F: FnOnce(&BahanCetak) -> Result<Vec<u8>, String> + Send + 'static,
    {
        let s = self.surat_wajib(desa_id, id).await?;
        s.status()
            .setelah(AksiSurat::Tandatangani)
            .map_err(Galat::Ditolak)?;
        let p = self.siapkan_cetak(desa_id, &s).await?;
        let tahun = i64::from(p.tanggal.year());
        let urut = self
            .nomor_berikut(desa_id, &p.lingkup(desa_id), tahun)
            .await?;
        let nomor = p.nomor(desa_id, urut);
        let qr = format!("{}/v/pratinjau", url_dasar.trim_end_matches('/'));
        render_dibatasi(p.bahan(&s, &nomor, penanda, qr), render).await
    }
}
