//! The Dukcapil form of an application, filled from the registry and the application, as PDF.

use crate::sesi::Masuk;
use crate::unduhan::unduhan;
use crate::{Bersama, GalatWeb};
use axum::extract::{Path, State};
use axum::response::Response;
use balai_domain::adminduk::JenisAdminduk;
use balai_domain::daftar;
use balai_domain::surat::teks::tanggal_indonesia;
use balai_pdf::{BagianFormulir, Formulir, Kertas};
use balai_store::penduduk::Penduduk;
use uuid::Uuid;

/// The rows that identify a person on a form.
fn orang(p: &Penduduk) -> Vec<(String, String)> {
    let kode = |l: &balai_domain::KodeList, i: i16| l.label(i).unwrap_or("").to_string();
    vec![
        ("Nama lengkap".into(), p.nama.clone()),
        (
            "NIK".into(),
            if p.nik_menunggu() {
                "Belum terbit (menunggu Dukcapil)".into()
            } else {
                p.nik.clone()
            },
        ),
        ("Nomor KK".into(), p.no_kk.clone().unwrap_or_default()),
        (
            "Jenis kelamin".into(),
            kode(&daftar::JENIS_KELAMIN, p.jenis_kelamin),
        ),
        (
            "Tempat, tanggal lahir".into(),
            format!("{}, {}", p.tempat_lahir, tanggal_indonesia(p.tanggal_lahir)),
        ),
        ("Agama".into(), kode(&daftar::AGAMA, p.agama_id)),
        ("Pekerjaan".into(), kode(&daftar::PEKERJAAN, p.pekerjaan_id)),
        (
            "Status perkawinan".into(),
            kode(&daftar::STATUS_KAWIN, p.status_kawin_id),
        ),
        (
            "Alamat".into(),
            format!(
                "{} RT {} RW {} Dusun {}",
                p.alamat_sekarang, p.rt, p.rw, p.dusun
            )
            .trim()
            .to_string(),
        ),
    ]
}

/// "F-2.01" from "F-2.01 Pelaporan …" (the first form a type fills).
fn kode_formulir(j: JenisAdminduk) -> (&'static str, &'static str) {
    let f = j.formulir();
    let kode = f.split_whitespace().next().unwrap_or("");
    let judul = f[kode.len()..].split(" dan ").next().unwrap_or("").trim();
    (kode, judul)
}

pub(super) async fn pdf(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let a = k
        .store
        .adminduk()
        .satu(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let jenis = a.jenis().ok_or(GalatWeb::TidakDitemukan)?;
    let letak = k.store.letak_desa(&kode).await?;
    let pemohon = k.store.penduduk(&kode, a.pemohon_id).await?;
    let subjek = match a.subjek_id {
        Some(s) => k.store.penduduk(&kode, s).await?,
        None => None,
    };
    let dilihat = a.orang();
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "cetak_formulir_adminduk", &dilihat)
        .await?;
    let mut bagian = Vec::new();
    if let Some(p) = &pemohon {
        bagian.push(BagianFormulir {
            judul: "Data pelapor / pemohon".into(),
            baris: orang(p),
        });
    }
    if let Some(s) = subjek
        .as_ref()
        .filter(|s| Some(s.id) != pemohon.as_ref().map(|p| p.id))
    {
        bagian.push(BagianFormulir {
            judul: "Data yang dimohonkan".into(),
            baris: orang(s),
        });
    }
    let isian = a.isian_map();
    let rincian: Vec<(String, String)> = jenis
        .isian()
        .into_iter()
        .map(|f| {
            let v = isian.get(&f.kunci).cloned().unwrap_or_default();
            (f.label, v)
        })
        .collect();
    if !rincian.is_empty() {
        bagian.push(BagianFormulir {
            judul: format!("Rincian permohonan {}", jenis.label().to_lowercase()),
            baris: rincian,
        });
    }
    let hasil = a.hasil_map();
    if !hasil.is_empty() {
        bagian.push(BagianFormulir {
            judul: "Diisi oleh Dukcapil".into(),
            baris: hasil
                .into_iter()
                .map(|(k, v)| (k.replace('_', " "), v))
                .collect(),
        });
    }
    let lampiran = k.store.adminduk().lampiran(&kode, id).await?;
    let syarat: Vec<(String, bool)> = jenis
        .persyaratan()
        .iter()
        .map(|s| {
            (
                s.label.to_string(),
                lampiran.iter().any(|l| l.syarat == s.kode),
            )
        })
        .collect();
    let wilayah = vec![
        ("Provinsi".into(), letak.provinsi.clone()),
        ("Kabupaten/Kota".into(), letak.kabupaten.clone()),
        ("Kecamatan".into(), letak.kecamatan.clone()),
        (
            "Desa/Kelurahan".into(),
            format!("{} ({})", desa.nama, desa.kode_bertitik()),
        ),
    ];
    let (kode_f, judul) = kode_formulir(jenis);
    let tanggal = k
        .store
        .sekarang()
        .with_timezone(&desa.zona().offset())
        .date_naive();
    let tanda_tangan = vec![
        (
            "Pemohon".to_string(),
            pemohon.as_ref().map(|p| p.nama.clone()).unwrap_or_default(),
        ),
        (
            format!("Kepala Desa {}", desa.nama),
            desa.kepala_desa.clone(),
        ),
    ];
    let (mesin, nomor) = (k.pdf.clone(), a.nomor.clone());
    let tempat_tanggal = format!("{}, {}", desa.nama, tanggal_indonesia(tanggal));
    // On the bounded pool for heavy work, off the async workers.
    let isi = balai_store::latar::berat(move || {
        Ok(mesin.render_formulir(&Formulir {
            kode: kode_f,
            judul,
            nomor: &nomor,
            wilayah: &wilayah,
            bagian: &bagian,
            syarat: &syarat,
            tempat_tanggal: &tempat_tanggal,
            tanda_tangan: &tanda_tangan,
            kertas: Kertas::A4,
        }))
    })
    .await?
    .map_err(|e| GalatWeb::Permintaan(e.pesan))?;
    Ok(unduhan(
        isi,
        "application/pdf",
        &format!("formulir-{}.pdf", a.nomor),
    ))
}
