//! Adding and editing a resident.

use super::*;

pub(super) fn form_tambah<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "penduduk",
        judul: "Tambah penduduk".into(),
        aksi: format!("/desa/{}/penduduk/baru", desa.desa_id),
        batal: format!("/desa/{}/penduduk", desa.desa_id),
        keterangan: "Isi sesuai KK dan KTP. Kolom bertanda * wajib diisi; kolom lain boleh dikosongkan.",
        tombol: "Simpan penduduk",
        versi: None,
    }
}

pub(super) fn bawaan(k: &str) -> String {
    match k {
        "warganegara_id" => "1".into(),
        _ => String::new(),
    }
}

pub(super) async fn form_baru(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    tampil_formulir(
        &k,
        &m,
        form_tambah(&desa),
        &bawaan,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

pub(super) async fn simpan_baru(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => k
            .store
            .tambah_penduduk(&kode, &d, &m.aktor())
            .await
            .map_err(Some),
        Err(g) => Err(Some(Galat::Isian(g))),
    };
    match hasil {
        Ok(id) => {
            Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=tambah")).into_response())
        }
        Err(Some(e)) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_tambah(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
        Err(None) => Err(GalatWeb::TidakDitemukan),
    }
}

pub(super) fn form_edit<'a>(desa: &'a Desa, p: &Penduduk, versi: i64) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "penduduk",
        judul: format!("Ubah data {}", p.nama),
        aksi: format!("/desa/{}/penduduk/{}/ubah", desa.desa_id, p.id),
        batal: format!("/desa/{}/penduduk/{}", desa.desa_id, p.id),
        keterangan: "Perubahan dicatat sebagai peristiwa koreksi beserta data sebelum dan sesudahnya.",
        tombol: "Simpan perubahan",
        versi: Some(versi),
    }
}

pub(super) async fn form_ubah(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let p = k.store.buka_penduduk(&kode, id, &m.aktor()).await?;
    let isi = p.data()?.sebagai_isian();
    let nilai = |c: &str| {
        isi.iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    tampil_formulir(
        &k,
        &m,
        form_edit(&desa, &p, p.versi),
        &nilai,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

pub(super) async fn simpan_ubah(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let p = k
        .store
        .penduduk(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let f = &kir.isian;
    let versi: i64 = f
        .angka("_versi")
        .ok_or_else(|| GalatWeb::Permintaan("Versi data tidak terbaca.".into()))?;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => {
            k.store
                .ubah_penduduk(&kode, id, versi, &d, &m.aktor())
                .await
        }
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(balai_store::penduduk::HasilTambah::TidakBerubah(_)) => {
            Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=tetap")).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=simpan")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_edit(&desa, &p, versi),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
    }
}
