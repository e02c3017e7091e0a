//! Moving an application a step, and what a forwarded or finished one changes in the registry:
//! a newborn is recorded (with a temporary NIK) when the village forwards the birth application;
//! the issued NIK, KK number, death or move out is written when Dukcapil finishes. All in one
//! transaction with the step, its history, the audit entries and the applicant's notice.

use super::Adminduk;
use super::ajukan::{LampiranBaru, kabari, kolom_lampiran, simpan_lampiran, tambah_riwayat};
use crate::audit::Catatan;
use crate::penduduk::peristiwa::{JenisPeristiwa, RincianStatus, ubah_status};
use crate::penduduk::tulis::Penulis;
use crate::penduduk::{HIDUP, MATI, PINDAH, Penduduk};
use crate::{Aktor, Galat, on_tx};
use balai_domain::DaftarGalat;
use balai_domain::adminduk::{
    Bayi, Hasil, JenisAdminduk, KODE_HASIL, Langkah, Pelaku, StatusAdminduk,
};
use balai_domain::nik::{Nik, NoKk};
use balai_domain::penduduk::{kepala_keluarga, kode::KEPALA_KELUARGA, parse_tanggal};
use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What Dukcapil records when it finishes an application.
#[derive(Debug, Clone, Default)]
pub struct HasilIsian {
    /// The akta, SKPWNI, KIA or register number (label per type).
    pub nomor_dokumen: String,
    /// The new family card number (KK applications).
    pub no_kk: String,
    /// The issued NIK (a newborn recorded with a temporary one).
    pub nik: String,
}

/// A step to take.
#[derive(Debug, Clone, Copy)]
pub struct Aksi<'a> {
    pub langkah: Langkah,
    pub pelaku: Pelaku,
    /// Why (required to ask for a fix or to refuse).
    pub alasan: &'a str,
    pub hasil: &'a HasilIsian,
    /// The issued document's scan, at the finish (optional).
    pub pindaian: Option<LampiranBaru<'a>>,
    /// The version the person saw; `None` skips the check (API bridges that claim first).
    pub versi: Option<i64>,
}

impl Adminduk<'_> {
    /// Takes one step. Answers the new status.
    pub async fn langkah(
        &self,
        desa_id: &str,
        id: Uuid,
        x: &Aksi<'_>,
        aktor: &Aktor,
    ) -> Result<StatusAdminduk, Galat> {
        let a = self.satu(desa_id, id).await?.ok_or(Galat::TidakDitemukan)?;
        let jenis = a.jenis().ok_or(Galat::TidakDitemukan)?;
        let baru = a
            .status()
            .langkah(x.langkah, x.pelaku)
            .map_err(Galat::Ditolak)?;
        if let Some(v) = x.versi
            && v != a.versi
        {
            return Err(Galat::Konflik(
                "Permohonan ini baru saja diubah orang lain. Muat ulang halaman untuk melihat keadaannya sekarang.".into(),
            ));
        }
        let alasan = x.alasan.trim();
        if x.langkah.perlu_alasan() && alasan.chars().count() < 5 {
            return Err(Galat::isian(
                "alasan",
                "Tuliskan alasannya dengan jelas agar pemohon tahu apa yang harus dilakukan.",
            ));
        }
        if x.langkah == Langkah::Teruskan {
            self.cek_lengkap(desa_id, id, jenis).await?;
        }
        let mut hasil = BTreeMap::new();
        let mut pindaian = None;
        if x.langkah == Langkah::Selesaikan {
            hasil = periksa_hasil(jenis, x.hasil)?;
            if let Some(l) = &x.pindaian {
                let mime = crate::berkas::periksa_dokumen(l.isi)
                    .map_err(|e| Galat::isian(&kolom_lampiran(KODE_HASIL), e))?;
                pindaian = Some((l, mime));
            }
        }
        let isian = a.isian_map();
        let ibu = match (x.langkah, jenis.tentang_bayi(), a.subjek_id) {
            (Langkah::Teruskan, true, None) => {
                let nik = isian.get("nik_ibu").cloned().unwrap_or_default();
                Some(self.s.penduduk_by_nik(desa_id, &nik).await?.ok_or_else(|| {
                    Galat::Ditolak("Ibu bayi tidak lagi terdaftar di desa ini; bayi tidak dapat dicatat.".into())
                })?)
            }
            _ => None,
        };
        let ayah = match isian
            .get("nik_ayah")
            .filter(|n| ibu.is_some() && !n.is_empty())
        {
            Some(nik) => self.s.penduduk_by_nik(desa_id, nik).await?,
            None => None,
        };
        let hari_ini = self.s.hari_ini(
            self.s
                .desa(desa_id)
                .await?
                .map(|d| d.zona())
                .unwrap_or(balai_domain::ZonaWaktu::Wib),
        );

        let mut w = Penulis::mulai(self.s, desa_id, aktor).await?;
        let now = w.now;
        let mut subjek_id = a.subjek_id;
        if let Some(ibu) = &ibu {
            subjek_id = Some(catat_bayi(&mut w, ibu, ayah.as_ref(), &isian, &a.nomor).await?);
        }
        if x.langkah == Langkah::Selesaikan {
            let subjek = match subjek_id {
                Some(s) => w.ambil(s).await?,
                None => None,
            };
            terapkan_hasil(&mut w, jenis, subjek.as_ref(), &isian, &hasil, hari_ini).await?;
        }
        let catatan = match x.langkah {
            Langkah::Selesaikan => hasil
                .get("nomor_dokumen")
                .or_else(|| hasil.get("no_kk"))
                .map(|n| format!("{}: {n}.", jenis.label_nomor()))
                .unwrap_or_default(),
            _ => alasan.to_string(),
        };
        let hasil_teks = serde_json::to_string(&hasil).map_err(|e| Galat::Lain(e.to_string()))?;
        let n = on_tx!(&mut w.tx, c => sqlx::query(
            "UPDATE adminduk SET status = $3, subjek_id = $4, \
             alasan = CASE WHEN $5 = '' THEN alasan ELSE $5 END, \
             hasil = CASE WHEN $6 = 'selesai' THEN $7 ELSE hasil END, \
             diteruskan_pada = CASE WHEN $6 = 'diteruskan' THEN $8 ELSE diteruskan_pada END, \
             selesai_pada = CASE WHEN $6 IN ('selesai', 'ditolak') THEN $8 ELSE selesai_pada END, \
             diproses_oleh = CASE WHEN $6 = 'diproses' THEN $9 ELSE diproses_oleh END, \
             versi = versi + 1, diubah_pada = $8 WHERE desa_id = $1 AND id = $2 AND versi = $10")
            .bind(desa_id).bind(id).bind(baru.kode()).bind(subjek_id)
            .bind(if x.langkah.perlu_alasan() { alasan } else { "" })
            .bind(baru.kode()).bind(&hasil_teks).bind(now).bind(&aktor.0).bind(a.versi)
            .execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Konflik(
                "Permohonan ini baru saja diubah orang lain. Muat ulang halaman untuk melihat keadaannya sekarang.".into(),
            ));
        }
        if let Some((l, mime)) = pindaian {
            let l = LampiranBaru {
                syarat: KODE_HASIL,
                ..*l
            };
            simpan_lampiran(&mut w, id, &l, mime).await?;
        }
        tambah_riwayat(&mut w, id, baru, &catatan).await?;
        w.catat(Catatan {
            desa_id,
            aktor,
            aksi: baru.kode(),
            objek: "adminduk",
            objek_id: id.to_string(),
            sebelum: Some(json!({"status": a.status})),
            sesudah: Some(json!({"status": baru.kode(), "catatan": catatan, "hasil": hasil})),
        })
        .await?;
        kabari(
            &mut w,
            a.pemohon_id,
            jenis,
            &a.nomor,
            baru,
            &pesan_warga(baru, &catatan),
        )
        .await?;
        w.selesai().await?;
        self.s.bangunkan_kurir();
        Ok(baru)
    }

    /// Every required document is attached before the village forwards the application.
    async fn cek_lengkap(
        &self,
        desa_id: &str,
        id: Uuid,
        jenis: JenisAdminduk,
    ) -> Result<(), Galat> {
        let ada = self.lampiran(desa_id, id).await?;
        let mut g = DaftarGalat::default();
        for s in jenis.persyaratan().iter().filter(|s| s.wajib) {
            if !ada.iter().any(|l| l.syarat == s.kode) {
                g.push(
                    &kolom_lampiran(s.kode),
                    format!(
                        "{} belum dilampirkan. Minta pemohon melengkapinya (Minta perbaikan).",
                        s.label
                    ),
                );
            }
        }
        g.into_result(()).map_err(Galat::Isian)
    }
}

/// What the applicant reads about the step.
fn pesan_warga(s: StatusAdminduk, catatan: &str) -> String {
    match s {
        StatusAdminduk::PerluPerbaikan => format!("Yang perlu diperbaiki: {catatan}"),
        StatusAdminduk::Ditolak => format!("Alasan: {catatan}"),
        StatusAdminduk::Selesai => {
            format!("{catatan} Dokumen dapat diambil sesuai pemberitahuan petugas.")
        }
        _ => String::new(),
    }
}

/// The finish's fields, checked against what the type must record.
fn periksa_hasil(jenis: JenisAdminduk, h: &HasilIsian) -> Result<BTreeMap<String, String>, Galat> {
    let mut g = DaftarGalat::default();
    let mut hasil = BTreeMap::new();
    for k in jenis.hasil() {
        match k {
            Hasil::NomorDokumen => {
                let n = h.nomor_dokumen.trim();
                if n.is_empty() {
                    g.push(
                        "nomor_dokumen",
                        format!(
                            "{} wajib diisi untuk menyelesaikan permohonan.",
                            jenis.label_nomor()
                        ),
                    );
                } else if n.chars().count() > 60 || n.chars().any(|c| c.is_control()) {
                    g.push(
                        "nomor_dokumen",
                        "Nomor dokumen paling banyak 60 karakter, tanpa baris baru.",
                    );
                } else {
                    hasil.insert("nomor_dokumen".into(), n.to_string());
                }
            }
            Hasil::NoKk => match NoKk::parse(&h.no_kk) {
                Ok(kk) => {
                    hasil.insert("no_kk".into(), kk.to_string());
                }
                Err(e) => g.push("no_kk", e),
            },
            Hasil::NikBaru => match Nik::parse(&h.nik) {
                Ok(n) if n.menunggu() => g.push(
                    "nik",
                    "Isi NIK yang diterbitkan Dukcapil, bukan NIK sementara.",
                ),
                Ok(n) => {
                    hasil.insert("nik".into(), n.to_string());
                }
                Err(e) => g.push("nik", e),
            },
        }
    }
    g.into_result(hasil).map_err(Galat::Isian)
}

/// Records the newborn of a birth application into the mother's family, with a temporary NIK.
async fn catat_bayi(
    w: &mut Penulis<'_>,
    ibu: &Penduduk,
    ayah: Option<&Penduduk>,
    isian: &BTreeMap<String, String>,
    nomor: &str,
) -> Result<Uuid, Galat> {
    let tanggal = isian
        .get("tanggal_lahir")
        .and_then(|t| parse_tanggal(t))
        .ok_or_else(|| Galat::isian("isian.tanggal_lahir", "Tanggal lahir bayi tidak terbaca."))?;
    if ibu.no_kk.is_none() {
        return Err(Galat::Ditolak(format!(
            "{} belum tercatat dalam Kartu Keluarga; catat dahulu keluarganya sebelum meneruskan.",
            ibu.nama
        )));
    }
    let data_ibu = ibu.data()?;
    let data_ayah = match ayah {
        Some(a) => Some(a.data()?),
        None => None,
    };
    let bayi = Bayi {
        nama: isian.get("nama_anak").map(String::as_str).unwrap_or(""),
        perempuan: isian.get("jenis_kelamin").map(String::as_str) == Some("Perempuan"),
        tempat_lahir: isian.get("tempat_lahir").map(String::as_str).unwrap_or(""),
        tanggal_lahir: tanggal,
        ibu: &data_ibu,
        ayah: data_ayah.as_ref(),
    };
    let rincian = json!({"tempat": bayi.tempat_lahir, "permohonan": nomor});
    w.tambah(
        &bayi.data(),
        Some((JenisPeristiwa::Lahir, tanggal, rincian)),
    )
    .await
}

/// Writes a finished application's result into the registry.
async fn terapkan_hasil(
    w: &mut Penulis<'_>,
    jenis: JenisAdminduk,
    subjek: Option<&Penduduk>,
    isian: &BTreeMap<String, String>,
    hasil: &BTreeMap<String, String>,
    hari_ini: NaiveDate,
) -> Result<(), Galat> {
    let Some(p) = subjek else {
        // A move in: the operator records the person with the move-in form.
        return Ok(());
    };
    if p.status_dasar == balai_domain::penduduk::kode::TIDAK_VALID {
        return Err(Galat::Ditolak(format!(
            "Data {} sudah dibatalkan di data penduduk; permohonan ini tidak dapat diselesaikan. Tolak permohonan dengan alasannya.",
            p.nama
        )));
    }
    let nomor = hasil.get("nomor_dokumen").cloned().unwrap_or_default();
    let tanggal = || {
        isian
            .get("tanggal")
            .and_then(|t| parse_tanggal(t))
            .map(|t| t.min(hari_ini))
            .unwrap_or(hari_ini)
    };
    match jenis {
        JenisAdminduk::AktaLahir => {
            let mut d = p.data()?;
            if let Some(nik) = hasil.get("nik") {
                if !p.nik_menunggu() && p.nik != *nik {
                    return Err(Galat::isian(
                        "nik",
                        format!(
                            "{} sudah mempunyai NIK lain; periksa kembali NIK yang terbit.",
                            p.nama
                        ),
                    ));
                }
                d.nik = Nik::parse(nik).map_err(|e| Galat::isian("nik", e))?;
            }
            d.akta_lahir = nomor;
            w.ubah(p, None, &d).await?;
        }
        JenisAdminduk::KkBaru | JenisAdminduk::KkPerubahan | JenisAdminduk::KkHilangRusak => {
            let no_kk = hasil.get("no_kk").cloned().unwrap_or_default();
            ganti_kk(w, p, &no_kk).await?;
        }
        JenisAdminduk::AktaKematian if p.status_dasar == HIDUP => {
            let r = RincianStatus {
                tanggal: None,
                keterangan: format!("Akta kematian {nomor}"),
                tempat: isian.get("tempat").cloned().unwrap_or_default(),
                sebab: isian.get("sebab").cloned().unwrap_or_default(),
            };
            ubah_status(w, p, JenisPeristiwa::Mati, MATI, tanggal(), &r).await?;
        }
        JenisAdminduk::PindahKeluar if p.status_dasar == HIDUP => {
            let r = RincianStatus {
                tanggal: None,
                keterangan: format!("SKPWNI {nomor}"),
                tempat: isian.get("alamat_tujuan").cloned().unwrap_or_default(),
                sebab: isian.get("alasan").cloned().unwrap_or_default(),
            };
            ubah_status(w, p, JenisPeristiwa::PindahKeluar, PINDAH, tanggal(), &r).await?;
        }
        _ => {}
    }
    Ok(())
}

/// A new KK number: the head's whole family gets it; anyone else leaves their family and heads
/// a new one with that number (pisah KK).
async fn ganti_kk(w: &mut Penulis<'_>, p: &Penduduk, no_kk: &str) -> Result<(), Galat> {
    let (desa_id, now) = (w.desa_id, w.now);
    let lain: Option<(uuid::Uuid, String)> = on_tx!(&mut w.tx, c => sqlx::query_as(
        "SELECT k.id, coalesce(h.nama, '') FROM keluarga k LEFT JOIN penduduk h ON h.desa_id = k.desa_id AND h.id = k.kepala_id \
         WHERE k.desa_id = $1 AND k.no_kk = $2")
        .bind(desa_id).bind(no_kk).fetch_optional(&mut *c).await?);
    if let Some((kid, kepala)) = &lain
        && Some(*kid) != p.keluarga_id
    {
        return Err(Galat::isian(
            "no_kk",
            format!(
                "Nomor KK {no_kk} sudah dipakai keluarga lain (kepala keluarga: {kepala}). Periksa kembali nomornya."
            ),
        ));
    }
    match p.keluarga_id {
        Some(k) if kepala_keluarga(p.shdk_id) => {
            let lama: String = on_tx!(&mut w.tx, c => sqlx::query_scalar(
                "SELECT no_kk FROM keluarga WHERE desa_id = $1 AND id = $2").bind(desa_id).bind(k).fetch_one(&mut *c).await?);
            on_tx!(&mut w.tx, c => sqlx::query(
                "UPDATE keluarga SET no_kk = $3, versi = versi + 1, diubah_pada = $4 WHERE desa_id = $1 AND id = $2")
                .bind(desa_id).bind(k).bind(no_kk).bind(now).execute(&mut *c).await?.rows_affected());
            w.catat(Catatan {
                desa_id,
                aktor: w.aktor,
                aksi: "ubah",
                objek: "keluarga",
                objek_id: k.to_string(),
                sebelum: Some(json!({"no_kk": lama})),
                sesudah: Some(json!({"no_kk": no_kk})),
            })
            .await?;
        }
        _ => {
            let mut d = p.data()?;
            d.no_kk = Some(NoKk::parse(no_kk).map_err(|e| Galat::isian("no_kk", e))?);
            d.shdk_id = KEPALA_KELUARGA;
            w.ubah(p, None, &d).await?;
        }
    }
    Ok(())
}
