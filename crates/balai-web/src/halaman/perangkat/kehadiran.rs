//! Attendance for staff screens: the month's recap (page, PDF, XLSX) with every flagged
//! check-in, leave/duty/sick requests (applied by the operator, decided by the head), the head's
//! signature that closes a month, the office settings and holidays (admin), a check-in recorded
//! by the operator, and the district's recap of all its villages.

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, desimal, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::berkas_tabel;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::kehadiran::{HitungBulan, JenisIzin, NAMA_HARI};
use balai_store::desa::Desa;
use balai_store::perangkat::JabatanOrang;
use balai_store::perangkat::kehadiran::{
    Aturan, Cara, HariLibur, IsianAturan, IsianIzin, Izin, RekapDesa, label_bulan, urai_bulan,
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/kehadiran", get(halaman))
        .route("/desa/{kode}/kehadiran/izin", post(ajukan))
        .route("/desa/{kode}/kehadiran/izin/{id}", post(putuskan))
        .route("/desa/{kode}/kehadiran/tandatangan", post(tandatangani))
        .route("/desa/{kode}/kehadiran/aturan", post(simpan_aturan))
        .route("/desa/{kode}/kehadiran/libur", post(simpan_libur))
        .route("/desa/{kode}/kehadiran/libur/hapus", post(hapus_libur))
        .route("/desa/{kode}/kehadiran/manual", post(manual))
        .route("/kehadiran", get(wilayah))
}

#[derive(serde::Deserialize, Default)]
struct Kueri {
    /// "2026-11"
    bulan: Option<String>,
    format: Option<String>,
    ok: Option<String>,
}

/// The month asked for, else the running one.
fn bulan_dipilih(q: Option<&str>, hari_ini: NaiveDate) -> (i32, u32) {
    q.and_then(urai_bulan)
        .unwrap_or((hari_ini.year(), hari_ini.month()))
}

const KOLOM_REKAP: [&str; 13] = [
    "Nama",
    "Jabatan",
    "Hari kerja",
    "Hadir",
    "Terlambat",
    "Cuti",
    "Dinas luar",
    "Sakit",
    "Tanpa keterangan",
    "Hadir di hari libur",
    "Tanda",
    "Catatan bertanda",
    "Izin disetujui",
];

fn baris_rekap(nama: &str, jabatan: &str, h: &HitungBulan) -> Vec<String> {
    vec![
        nama.to_string(),
        jabatan.to_string(),
        h.hari_kerja.to_string(),
        h.hadir.to_string(),
        h.terlambat.to_string(),
        h.cuti.to_string(),
        h.dinas_luar.to_string(),
        h.sakit.to_string(),
        h.tanpa_keterangan.to_string(),
        h.hadir_libur.to_string(),
        h.tanda.len().to_string(),
        h.tanda
            .iter()
            .map(|t| {
                format!(
                    "{} {} {}: {}",
                    t.tanggal.format("%d-%m"),
                    t.jam,
                    t.jenis,
                    t.uraian()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        h.izin
            .iter()
            .map(|i| i.uraian())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

#[derive(Template)]
#[template(path = "kehadiran.html")]
struct Halaman {
    k: Kerangka,
    r: RekapDesa,
    bulan: String,
    bulan_lalu: String,
    izin: Vec<Izin>,
    aturan: Aturan,
    libur: Vec<HariLibur>,
    aktif: Vec<JabatanOrang>,
    boleh_putus: bool,
    boleh_ttd: bool,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Halaman {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn jenis_izin(&self) -> Vec<(&'static str, &'static str)> {
        JenisIzin::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect()
    }
    fn hari(&self) -> Vec<(u32, &'static str, bool)> {
        let kerja = self.aturan.kerja().hari_kerja;
        (1..=7u32)
            .map(|h| (h, NAMA_HARI[(h - 1) as usize], kerja.contains(&h)))
            .collect()
    }
    fn angka(&self, x: &Option<f64>) -> String {
        x.map(|v| v.to_string()).unwrap_or_default()
    }
    fn isi(&self, kolom: &str, bawaan: String) -> String {
        match self.f.opsi(kolom) {
            Some(v) => v,
            None => bawaan,
        }
    }
    fn tgl(&self, t: &NaiveDate) -> String {
        t.format("%d-%m-%Y").to_string()
    }
}

#[allow(clippy::too_many_arguments)]
async fn buat(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    tahun: i32,
    bulan: u32,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Halaman, GalatWeb> {
    let kh = k.store.kehadiran();
    let kode = &desa.desa_id;
    let r = kh.rekap_desa(kode, tahun, bulan).await?;
    let awal = NaiveDate::from_ymd_opt(tahun, bulan, 1).ok_or(GalatWeb::TidakDitemukan)?;
    let lalu = awal.pred_opt().unwrap_or(awal);
    Ok(Halaman {
        k: Kerangka::baru(
            m,
            Some(desa),
            "kehadiran",
            format!("Kehadiran perangkat desa, {}", label_bulan(tahun, bulan)),
        )
        .dengan_pesan(ok),
        bulan: format!("{tahun:04}-{bulan:02}"),
        bulan_lalu: format!("{:04}-{:02}", lalu.year(), lalu.month()),
        izin: kh.daftar_izin(kode).await?,
        aturan: kh.aturan(kode).await?,
        libur: kh.libur(kode, tahun).await?,
        aktif: k.store.perangkat().perangkat_aktif(kode).await?,
        boleh_putus: m.peran() == balai_store::pengguna::Peran::Kades,
        boleh_ttd: m.peran() == balai_store::pengguna::Peran::Kades && r.tanda_tangan.is_none(),
        r,
        f,
        g,
        galat_umum,
    })
}

async fn halaman(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    k.store.kehadiran().siapkan(&kode).await?;
    let (tahun, bulan) = bulan_dipilih(q.bulan.as_deref(), k.store.hari_ini(desa.zona()));
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")) {
        let r = k.store.kehadiran().rekap_desa(&kode, tahun, bulan).await?;
        let mut baris: Vec<Vec<String>> = r
            .orang
            .iter()
            .map(|o| baris_rekap(&o.nama, &o.jabatan, &o.hitung))
            .collect();
        baris.push(baris_rekap("Jumlah", "", &r.jumlah));
        let ttd = match &r.tanda_tangan {
            Some(t) => format!(
                "ditandatangani {} pada {}",
                t.ditandatangani_oleh.trim_start_matches("pengguna:"),
                t.ditandatangani_pada.format("%d-%m-%Y")
            ),
            None => "belum ditandatangani kepala desa".into(),
        };
        return berkas_tabel(
            &k,
            format,
            &format!(
                "Rekap Kehadiran Perangkat Desa {}, {}",
                desa.nama,
                r.label_bulan()
            ),
            &format!("Dihitung sampai {}; {ttd}", r.sampai.format("%d-%m-%Y")),
            &KOLOM_REKAP,
            &baris,
            &format!("kehadiran-{kode}-{tahun:04}-{bulan:02}"),
            None,
        )
        .await;
    }
    let h = buat(
        &k,
        &m,
        &desa,
        tahun,
        bulan,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

/// Shows the page again with the refusal and what was typed.
async fn tolak(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    e: balai_store::Galat,
) -> Result<Response, GalatWeb> {
    let (g, umum) = pisah_galat(e)?;
    let (tahun, bulan) = bulan_dipilih(Some(f.get("bulan")), k.store.hari_ini(desa.zona()));
    let h = buat(k, m, desa, tahun, bulan, f, g, umum, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
}

fn ke(kode: &str, f: &Isian, ok: &str) -> Response {
    let bulan = f.get("bulan");
    let b = if urai_bulan(bulan).is_some() {
        format!("bulan={bulan}&")
    } else {
        String::new()
    };
    Redirect::to(&format!("/desa/{kode}/kehadiran?{b}ok={ok}")).into_response()
}

fn tanggal_f(f: &Isian, kolom: &str, g: &mut DaftarGalat) -> Option<NaiveDate> {
    match f.get(kolom).trim() {
        "" => None,
        s => tanggal(s).or_else(|| {
            g.push(kolom, "Tanggal tidak terbaca; tulis seperti 15-01-2026.");
            None
        }),
    }
}

async fn ajukan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let mut g = DaftarGalat::default();
    let isi = IsianIzin {
        perangkat_id: f.get("perangkat_id").parse::<Uuid>().ok(),
        jenis: f.get("jenis").into(),
        mulai: tanggal_f(&f, "mulai", &mut g),
        selesai: tanggal_f(&f, "selesai", &mut g),
        alasan: f.get("alasan").into(),
    };
    let r = if g.is_empty() {
        k.store
            .kehadiran()
            .ajukan_izin(&kode, &isi, &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match r {
        Ok(_) => Ok(ke(&kode, &f, "izin_hadir")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn putuskan(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    let setuju = f.get("putusan") == "setuju";
    match k
        .store
        .kehadiran()
        .putuskan_izin(&kode, id, setuju, f.get("catatan"), &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(ke(
            &kode,
            &f,
            if setuju { "izin_setuju" } else { "izin_tolak" },
        )),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn tandatangani(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    let f = kir.isian;
    if f.get("yakin") != "ya" {
        return tolak(
            &k,
            &kir.m,
            &desa,
            f,
            balai_store::Galat::Ditolak(
                "Centang \"yakin\" untuk menandatangani: sesudahnya catatan kehadiran bulan itu tidak dapat diubah.".into(),
            ),
        )
        .await;
    }
    let (tahun, bulan) = urai_bulan(f.get("bulan")).ok_or(GalatWeb::TidakDitemukan)?;
    match k
        .store
        .kehadiran()
        .tandatangani(&kode, tahun, bulan, &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(ke(&kode, &f, "rekap_ttd")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn simpan_aturan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = kir.isian;
    let mut g = DaftarGalat::default();
    let mut koordinat = |kolom: &str| match desimal(f.get(kolom)) {
        Ok(v) => v,
        Err(()) => {
            g.push(kolom, "Tulis angka desimal, contoh -6,9123.");
            None
        }
    };
    let lintang = koordinat("lintang");
    let bujur = koordinat("bujur");
    let isi = IsianAturan {
        lintang,
        bujur,
        radius_m: f.angka("radius_m").unwrap_or(-1),
        jam_masuk: f.get("jam_masuk").into(),
        jam_pulang: f.get("jam_pulang").into(),
        toleransi_menit: f.angka("toleransi_menit").unwrap_or(-1),
        hari_kerja: f
            .semua("hari_kerja")
            .iter()
            .filter_map(|h| h.parse().ok())
            .collect(),
        versi: f.angka("versi").unwrap_or(-1),
    };
    let r = if g.is_empty() {
        k.store
            .kehadiran()
            .simpan_aturan(&kode, &isi, &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match r {
        Ok(()) => Ok(ke(&kode, &f, "aturan_hadir")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn simpan_libur(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = kir.isian;
    let mut g = DaftarGalat::default();
    let t = tanggal_f(&f, "tanggal", &mut g);
    let r = if g.is_empty() {
        k.store
            .kehadiran()
            .simpan_libur(&kode, t, f.get("nama"), &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match r {
        Ok(()) => Ok(ke(&kode, &f, "libur")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn hapus_libur(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_kelola()?;
    let f = kir.isian;
    let t = tanggal(f.get("tanggal")).ok_or(GalatWeb::TidakDitemukan)?;
    match k
        .store
        .kehadiran()
        .hapus_libur(&kode, t, &kir.m.aktor())
        .await
    {
        Ok(()) => Ok(ke(&kode, &f, "libur")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

async fn manual(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = kir.isian;
    let mut g = DaftarGalat::default();
    let t = tanggal_f(&f, "tanggal_manual", &mut g);
    if t.is_none() && g.is_empty() {
        g.push("tanggal_manual", "Tanggal wajib diisi.");
    }
    let jam = NaiveTime::parse_from_str(f.get("jam").trim(), "%H:%M").ok();
    if jam.is_none() {
        g.push("jam", "Jam ditulis JJ:MM, contoh 07:45.");
    }
    let pid = f.get("perangkat_id").parse::<Uuid>().ok();
    if pid.is_none() {
        g.push("perangkat_id", "Pilih nama perangkat desa dari daftar.");
    }
    let r = match (g.is_empty(), t, jam, pid) {
        (true, Some(tanggal), Some(jam), Some(pid)) => k
            .store
            .kehadiran()
            .absen(
                &kode,
                pid,
                f.get("jenis") != "pulang",
                Cara::Operator {
                    tanggal,
                    jam,
                    keterangan: f.get("keterangan").into(),
                },
                &kir.m.aktor(),
            )
            .await
            .map(|_| ()),
        _ => Err(balai_store::Galat::Isian(g)),
    };
    match r {
        Ok(()) => Ok(ke(&kode, &f, "absen_manual")),
        Err(e) => tolak(&k, &kir.m, &desa, f, e).await,
    }
}

// ---------------------------------------------------------------------------------------------
// The district's view

#[derive(Template)]
#[template(path = "kehadiran_wilayah.html")]
struct Wilayah {
    k: Kerangka,
    bulan: String,
    label: String,
    desa: Vec<RekapDesa>,
    jumlah: HitungBulan,
}

async fn wilayah(
    State(k): State<Bersama>,
    m: Masuk,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    if m.peran().peran_desa() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let (tahun, bulan) = bulan_dipilih(
        q.bulan.as_deref(),
        k.store.hari_ini(balai_domain::ZonaWaktu::Wib),
    );
    let desa = k
        .store
        .kehadiran()
        .rekap_wilayah(&m.pengguna.awalan_desa(), tahun, bulan)
        .await?;
    let mut jumlah = HitungBulan::default();
    for d in &desa {
        jumlah.tambah(&d.jumlah);
    }
    let label = label_bulan(tahun, bulan);
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")) {
        let kolom = [
            "Kode desa",
            "Desa",
            "Perangkat",
            "Hari kerja",
            "Hadir",
            "Terlambat",
            "Cuti",
            "Dinas luar",
            "Sakit",
            "Tanpa keterangan",
            "Tanda",
            "Ditandatangani",
        ];
        let baris: Vec<Vec<String>> = desa
            .iter()
            .map(|d| {
                let h = &d.jumlah;
                vec![
                    d.desa_id.clone(),
                    d.nama_desa.clone(),
                    d.orang.len().to_string(),
                    h.hari_kerja.to_string(),
                    h.hadir.to_string(),
                    h.terlambat.to_string(),
                    h.cuti.to_string(),
                    h.dinas_luar.to_string(),
                    h.sakit.to_string(),
                    h.tanpa_keterangan.to_string(),
                    d.orang
                        .iter()
                        .map(|o| o.hitung.tanda.len())
                        .sum::<usize>()
                        .to_string(),
                    if d.tanda_tangan.is_some() {
                        "ya"
                    } else {
                        "belum"
                    }
                    .into(),
                ]
            })
            .collect();
        return berkas_tabel(
            &k,
            format,
            &format!("Rekap Kehadiran Perangkat Desa, {label}"),
            &format!("{} desa", desa.len()),
            &kolom,
            &baris,
            &format!("kehadiran-wilayah-{tahun:04}-{bulan:02}"),
            None,
        )
        .await;
    }
    let h = Wilayah {
        k: Kerangka::baru(
            &m,
            None,
            "kehadiran",
            format!("Kehadiran perangkat desa, {label}"),
        ),
        bulan: format!("{tahun:04}-{bulan:02}"),
        label,
        desa,
        jumlah,
    };
    Ok(tampil(&h)?.into_response())
}

impl Wilayah {
    fn tanda(&self, d: &RekapDesa) -> usize {
        d.orang.iter().map(|o| o.hitung.tanda.len()).sum()
    }
}
