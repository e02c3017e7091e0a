//! Vital events: death, move out, missing; birth and move in; the event book (buku mutasi).

use super::*;

// ---------------------------------------------------------------------------------------------
// Death, move out, missing

pub(super) fn jenis_status(s: &str) -> Option<JenisPeristiwa> {
    match s {
        "mati" => Some(JenisPeristiwa::Mati),
        "pindah-keluar" => Some(JenisPeristiwa::PindahKeluar),
        "hilang" => Some(JenisPeristiwa::Hilang),
        _ => None,
    }
}

pub(super) fn bidang_teks(
    nama: &'static str,
    label: &'static str,
    nilai: &str,
    galat: &DaftarGalat,
    wajib: bool,
    petunjuk: &'static str,
) -> Bidang {
    Bidang {
        nama,
        label,
        jenis: if nama.starts_with("tanggal") {
            Jenis::Tanggal
        } else {
            Jenis::Teks
        },
        nilai: if nama.starts_with("tanggal") {
            crate::isian::tanggal_isian(nilai)
        } else {
            nilai.to_string()
        },
        galat: galat.untuk(nama).map(str::to_string),
        wajib,
        petunjuk,
        daftar: "",
    }
}

pub(super) fn bidang_status(jenis: JenisPeristiwa, f: &Isian, g: &DaftarGalat) -> Vec<Bidang> {
    let (tempat, sebab, wajib_tempat) = match jenis {
        JenisPeristiwa::Mati => ("Tempat meninggal", "Sebab kematian", false),
        JenisPeristiwa::PindahKeluar => ("Alamat tujuan pindah", "Alasan pindah", true),
        _ => ("Tempat terakhir diketahui", "Keadaan", false),
    };
    vec![
        bidang_teks(
            "tanggal",
            "Tanggal peristiwa",
            f.get("tanggal"),
            g,
            true,
            "Tidak boleh di masa depan.",
        ),
        bidang_teks("tempat", tempat, f.get("tempat"), g, wajib_tempat, ""),
        bidang_teks("sebab", sebab, f.get("sebab"), g, false, ""),
        bidang_teks(
            "keterangan",
            "Keterangan",
            f.get("keterangan"),
            g,
            false,
            "Misalnya nomor surat keterangan atau pelapor.",
        ),
    ]
}

#[derive(Template)]
#[template(path = "peristiwa_status.html")]
pub(super) struct HalamanStatus {
    k: Kerangka,
    p: Penduduk,
    jenis: &'static str,
    bidang: Vec<Bidang>,
    galat_umum: Option<String>,
    galat_yakin: bool,
    dicentang: bool,
    aksi: String,
}

pub(super) async fn form_status(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, jenis)): Path<(String, Uuid, String)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let j = jenis_status(&jenis).ok_or(GalatWeb::TidakDitemukan)?;
    let p = k
        .store
        .penduduk(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let html = tampil(&HalamanStatus {
        k: Kerangka::baru(
            &m,
            Some(&desa),
            "penduduk",
            format!("Catat {}", j.label().to_lowercase()),
        ),
        jenis: j.label(),
        bidang: bidang_status(j, &Isian::default(), &DaftarGalat::default()),
        galat_umum: None,
        galat_yakin: false,
        dicentang: false,
        aksi: format!("/desa/{kode}/penduduk/{id}/peristiwa/{jenis}"),
        p,
    })?;
    Ok(html.into_response())
}

pub(super) async fn simpan_status(
    State(k): State<Bersama>,
    Path((kode, id, jenis)): Path<(String, Uuid, String)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let j = jenis_status(&jenis).ok_or(GalatWeb::TidakDitemukan)?;
    let f = &kir.isian;
    let tanggal_teks = f.get("tanggal");
    let r = RincianStatus {
        tanggal: parse_tanggal(tanggal_teks),
        keterangan: f.get("keterangan").to_string(),
        tempat: f.get("tempat").to_string(),
        sebab: f.get("sebab").to_string(),
    };
    let yakin = f.get("yakin") == "ya";
    let hasil = if !yakin {
        Err(Galat::Isian(DaftarGalat::default()))
    } else if !tanggal_teks.trim().is_empty() && r.tanggal.is_none() {
        Err(Galat::isian(
            "tanggal",
            "Tanggal tidak terbaca; tulis sebagai TTTT-BB-HH, misalnya 2026-11-23.",
        ))
    } else {
        k.store.catat_status(&kode, id, j, &r, &m.aktor()).await
    };
    match hasil {
        Ok(()) => Ok(
            Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok={}", j.kode())).into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let p = k
                .store
                .penduduk(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?;
            let html = tampil(&HalamanStatus {
                k: Kerangka::baru(
                    m,
                    Some(&desa),
                    "penduduk",
                    format!("Catat {}", j.label().to_lowercase()),
                ),
                jenis: j.label(),
                bidang: bidang_status(j, f, &g),
                galat_umum: umum,
                galat_yakin: !yakin,
                dicentang: yakin,
                aksi: format!("/desa/{kode}/penduduk/{id}/peristiwa/{jenis}"),
                p,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Birth and move in

#[derive(serde::Deserialize)]
pub(super) struct KueriLahir {
    keluarga: Option<Uuid>,
}

pub(super) fn form_lahir_<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "peristiwa",
        judul: "Catat kelahiran".into(),
        aksi: format!("/desa/{}/peristiwa/lahir", desa.desa_id),
        batal: format!("/desa/{}/peristiwa", desa.desa_id),
        keterangan: "Bayi dicatat ke keluarga dengan Nomor KK yang diisi; alamat mengikuti keluarga. Kolom bertanda * wajib diisi.",
        tombol: "Catat kelahiran",
        versi: None,
    }
}

pub(super) async fn form_lahir(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriLahir>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let mut awal: Vec<(&str, String)> = vec![
        ("shdk_id", "4".into()),
        ("status_kawin_id", "1".into()),
        ("pendidikan_kk_id", "1".into()),
        ("pekerjaan_id", "1".into()),
        ("warganegara_id", "1".into()),
        ("tanggal_lahir", hari_ini(&k, &desa).to_string()),
    ];
    if let Some(kid) = q.keluarga
        && let Some(kel) = k.store.keluarga(&kode, kid).await?
    {
        awal.push(("no_kk", kel.no_kk.clone()));
        awal.push(("dusun", kel.dusun.clone().unwrap_or_default()));
        awal.push(("rw", kel.rw.clone().unwrap_or_default()));
        awal.push(("rt", kel.rt.clone().unwrap_or_default()));
        awal.push(("alamat_sekarang", kel.alamat.clone()));
        if let Some(kepala) = kel.kepala_id
            && let Some(h) = k.store.penduduk(&kode, kepala).await?
        {
            awal.push(("agama_id", h.agama_id.to_string()));
            let (nama, nik) = if h.jenis_kelamin == 1 {
                ("nama_ayah", "nik_ayah")
            } else {
                ("nama_ibu", "nik_ibu")
            };
            awal.push((nama, h.nama.clone()));
            awal.push((nik, h.nik.clone()));
        }
    }
    let nilai = |c: &str| {
        awal.iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    tampil_formulir(
        &k,
        &m,
        form_lahir_(&desa),
        &nilai,
        &DaftarGalat::default(),
        None,
        vec![],
    )
    .await
}

pub(super) async fn simpan_lahir(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => k.store.catat_kelahiran(&kode, &d, &m.aktor()).await,
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(id) => Ok(Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=lahir")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_lahir_(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                vec![],
            )
            .await
        }
    }
}

pub(super) fn form_masuk_<'a>(desa: &'a Desa) -> Formulir<'a> {
    Formulir {
        desa,
        menu: "peristiwa",
        judul: "Catat pindah masuk".into(),
        aksi: format!("/desa/{}/peristiwa/pindah-masuk", desa.desa_id),
        batal: format!("/desa/{}/peristiwa", desa.desa_id),
        keterangan: "Untuk pendatang baru, atau warga yang dulu pindah keluar lalu kembali (NIK yang sama diaktifkan lagi).",
        tombol: "Catat pindah masuk",
        versi: None,
    }
}

pub(super) fn bidang_masuk(f: &Isian, g: &DaftarGalat) -> Vec<Bidang> {
    vec![
        bidang_teks(
            "tanggal_pindah",
            "Tanggal pindah masuk",
            f.get("tanggal_pindah"),
            g,
            true,
            "Tidak boleh di masa depan.",
        ),
        bidang_teks(
            "asal",
            "Alamat asal",
            f.get("asal"),
            g,
            true,
            "Desa/kelurahan, kecamatan, kabupaten/kota asal.",
        ),
    ]
}

pub(super) async fn form_masuk(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = Isian::default();
    tampil_formulir(
        &k,
        &m,
        form_masuk_(&desa),
        &bawaan,
        &DaftarGalat::default(),
        None,
        bidang_masuk(&f, &DaftarGalat::default()),
    )
    .await
}

pub(super) async fn simpan_masuk(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let f = &kir.isian;
    let hasil = match DataPenduduk::dari_isian(&|c| f.opsi(c), hari_ini(&k, &desa)) {
        Ok(d) => {
            k.store
                .catat_pindah_masuk(
                    &kode,
                    &d,
                    parse_tanggal(f.get("tanggal_pindah")),
                    f.get("asal"),
                    &m.aktor(),
                )
                .await
        }
        Err(g) => Err(Galat::Isian(g)),
    };
    match hasil {
        Ok(id) => Ok(
            Redirect::to(&format!("/desa/{kode}/penduduk/{id}?ok=pindah_masuk")).into_response(),
        ),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            tampil_formulir(
                &k,
                m,
                form_masuk_(&desa),
                &|c| f.get(c).to_string(),
                &g,
                umum,
                bidang_masuk(f, &g),
            )
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Event book (buku mutasi)

#[derive(serde::Deserialize)]
pub(super) struct KueriPeristiwa {
    jenis: Option<String>,
    ok: Option<String>,
}

#[derive(Template)]
#[template(path = "peristiwa_daftar.html")]
pub(super) struct HalamanPeristiwa {
    k: Kerangka,
    pilihan: Vec<(&'static str, &'static str, bool)>,
    peristiwa: Vec<(Peristiwa, String)>,
}

pub(super) async fn buku_peristiwa(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriPeristiwa>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let jenis = q.jenis.unwrap_or_default();
    let peristiwa = k
        .store
        .daftar_peristiwa(&kode, Some(jenis.as_str()).filter(|j| !j.is_empty()), 200)
        .await?;
    let pilihan = [
        JenisPeristiwa::Lahir,
        JenisPeristiwa::Mati,
        JenisPeristiwa::PindahMasuk,
        JenisPeristiwa::PindahKeluar,
        JenisPeristiwa::Hilang,
        JenisPeristiwa::Koreksi,
    ]
    .iter()
    .map(|j| (j.kode(), j.label(), j.kode() == jenis))
    .collect();
    Ok(tampil(&HalamanPeristiwa {
        k: Kerangka::baru(&m, Some(&desa), "peristiwa", "Peristiwa kependudukan")
            .dengan_pesan(q.ok.as_deref()),
        pilihan,
        peristiwa,
    })?
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// Annulling a wrongly recorded event

#[derive(Template)]
#[template(path = "peristiwa_batal.html")]
pub(super) struct HalamanBatal {
    k: Kerangka,
    p: Penduduk,
    e: Peristiwa,
    alasan: String,
    galat: Option<String>,
}

async fn halaman_batal(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    alasan: String,
    galat: Option<String>,
) -> Result<HalamanBatal, GalatWeb> {
    let e = k
        .store
        .peristiwa(&desa.desa_id, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let p = k
        .store
        .penduduk(&desa.desa_id, e.penduduk_id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(HalamanBatal {
        k: Kerangka::baru(m, Some(desa), "penduduk", "Batalkan peristiwa"),
        p,
        e,
        alasan,
        galat,
    })
}

pub(super) async fn form_batal(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = halaman_batal(&k, &m, &desa, id, String::new(), None).await?;
    Ok(tampil(&h)?.into_response())
}

pub(super) async fn simpan_batal(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let m = &kir.m;
    let desa = m.desa(&k, &kode).await?;
    let alasan = kir.isian.get("alasan").to_string();
    match k
        .store
        .batalkan_peristiwa(&kode, id, &alasan, &m.aktor())
        .await
    {
        Ok(()) => {
            let e = k
                .store
                .peristiwa(&kode, id)
                .await?
                .ok_or(GalatWeb::TidakDitemukan)?;
            Ok(Redirect::to(&format!(
                "/desa/{kode}/penduduk/{}?ok=peristiwa_batal",
                e.penduduk_id
            ))
            .into_response())
        }
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let pesan = umum.or_else(|| g.untuk("alasan").map(str::to_string));
            let h = halaman_batal(&k, m, &desa, id, alasan, pesan).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}
