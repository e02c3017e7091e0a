//! One resident's page: data, family, letters and history.

use super::*;

// ---------------------------------------------------------------------------------------------
// Resident page

pub struct Baris2 {
    pub label: &'static str,
    pub nilai: String,
}

pub(super) fn tampilan_data(d: &DataPenduduk) -> Vec<Baris2> {
    d.sebagai_isian()
        .into_iter()
        .map(|(k, v)| {
            let nilai = match daftar_kode(k) {
                Some(l) => v
                    .parse::<i16>()
                    .ok()
                    .and_then(|i| l.label(i))
                    .unwrap_or("")
                    .to_string(),
                None if k.starts_with("tanggal") => parse_tanggal(&v)
                    .map(|t| t.format("%d-%m-%Y").to_string())
                    .unwrap_or_default(),
                None => v,
            };
            Baris2 {
                label: label_kolom(k),
                nilai: if nilai.is_empty() { "-".into() } else { nilai },
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "penduduk_rincian.html")]
pub(super) struct HalamanRincian {
    k: Kerangka,
    p: Penduduk,
    umur: i32,
    data: Vec<Baris2>,
    anggota: Vec<BarisPenduduk>,
    riwayat: Vec<Peristiwa>,
    nama: crate::nama::NamaAktor,
    /// The resident's letters, newest first.
    surat: Vec<balai_store::surat::Surat>,
    hidup: bool,
    /// The death benefit claim of a deceased resident.
    santunan: Option<balai_store::bantuan::Santunan>,
}

pub(super) async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let p = k.store.buka_penduduk(&kode, id, &m.aktor()).await?;
    let hari_ini = k.store.hari_ini(desa.zona());
    let anggota = match p.keluarga_id {
        Some(kid) => k.store.anggota_keluarga(&kode, kid).await?,
        None => vec![],
    };
    let anggota = anggota
        .iter()
        .filter(|a| a.id != p.id)
        .map(|a| BarisPenduduk {
            id: a.id,
            nik: a.nik.clone(),
            nama: a.nama.clone(),
            jk: if a.jenis_kelamin == 1 { "L" } else { "P" },
            umur: umur(a.tanggal_lahir, hari_ini),
            alamat: String::new(),
            no_kk: String::new(),
            shdk: SHDK.label(a.shdk_id).unwrap_or("-"),
            status: a.status_label(),
            hidup: a.status_dasar == HIDUP,
        })
        .collect();
    let riwayat = k.store.riwayat_penduduk(&kode, id).await?;
    let nama = {
        let r: Vec<&str> = riwayat.iter().map(|p| p.dicatat_oleh.as_str()).collect();
        crate::nama::NamaAktor(k.store.nama_aktor(&kode, &r).await?)
    };
    let surat = k
        .store
        .daftar_surat(
            &desa.desa_id,
            &balai_store::surat::SaringSurat {
                penduduk_id: Some(p.id),
                ..Default::default()
            },
            None,
            20,
        )
        .await?;
    let santunan = if p.status_dasar == HIDUP {
        None
    } else {
        k.store.bantuan().santunan_almarhum(&kode, id).await?
    };
    Ok(tampil(&HalamanRincian {
        santunan,
        k: Kerangka::baru(&m, Some(&desa), "penduduk", p.nama.clone())
            .dengan_pesan(q.ok.as_deref()),
        surat,
        umur: umur(p.tanggal_lahir, hari_ini),
        data: tampilan_data(&p.data()?),
        hidup: p.status_dasar == HIDUP,
        p,
        anggota,
        riwayat,
        nama,
    })?
    .into_response())
}
