//! Village staff and institutions: today's holders per institution, the history of ended
//! tenures, a form to record a tenure (with the decree's scan and a photo) that keeps what was
//! typed when refused, a tenure's page with the form that ends it (confirmation asked), the
//! decree scans, and the attendance PIN slip. Attendance pages are in `kehadiran`, the kiosk
//! and phone check-in in `hadir`.

mod hadir;
mod kehadiran;

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman, ambil_berkas, baca_multipart, tanggal};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{ekstensi, nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::perangkat::Lembaga;
use balai_store::desa::Desa;
use balai_store::perangkat::{BerkasSk, IsianHenti, IsianJabatan, IsianOrang, JabatanOrang};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/perangkat", get(daftar).post(tambah))
        .route("/desa/{kode}/perangkat/jabatan/{id}", get(rincian))
        .route("/desa/{kode}/perangkat/jabatan/{id}/akhiri", post(akhiri))
        .route("/desa/{kode}/perangkat/jabatan/{id}/hapus", post(hapus))
        .route(
            "/desa/{kode}/perangkat/jabatan/{id}/sk/{jenis}",
            get(unduh_sk),
        )
        .route("/desa/{kode}/perangkat/orang/{id}/pin", post(pin))
        .route("/desa/{kode}/perangkat/orang/{id}/ubah", post(ubah_orang))
        .merge(kehadiran::rute())
        .merge(hadir::rute())
}

/// One institution's current holders.
struct Kelompok {
    kode: &'static str,
    label: &'static str,
    isi: Vec<JabatanOrang>,
}

#[derive(Template)]
#[template(path = "perangkat.html")]
struct Daftar {
    k: Kerangka,
    kelompok: Vec<Kelompok>,
    riwayat: Vec<JabatanOrang>,
    orang: Vec<balai_store::perangkat::Orang>,
    /// The village's staff accounts, to link one to a person.
    akun: Vec<(Uuid, String)>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Daftar {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn lembaga(&self) -> Vec<(&'static str, &'static str)> {
        Lembaga::SEMUA
            .iter()
            .map(|l| (l.kode(), l.label()))
            .collect()
    }
    fn terpilih(&self, kolom: &str, nilai: &str) -> bool {
        self.f.get(kolom) == nilai
    }
    fn orang_terpilih(&self, id: &Uuid) -> bool {
        self.f.get("perangkat_id") == id.to_string()
    }
    fn akun_terpilih(&self, id: &Uuid) -> bool {
        self.f.get("pengguna_id") == id.to_string()
    }
}

async fn buat_daftar(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Daftar, GalatWeb> {
    let p = k.store.perangkat();
    let hari_ini = k.store.hari_ini(desa.zona());
    let semua = p.daftar(&desa.desa_id).await?;
    let (sekarang, riwayat): (Vec<JabatanOrang>, Vec<JabatanOrang>) = semua
        .into_iter()
        .partition(|x| x.j.menjabat_pada(hari_ini) || x.j.mulai.is_some_and(|m| m > hari_ini));
    let kelompok = Lembaga::SEMUA
        .iter()
        .map(|l| Kelompok {
            kode: l.kode(),
            label: l.label(),
            isi: sekarang
                .iter()
                .filter(|x| x.j.lembaga == l.kode())
                .cloned()
                .collect(),
        })
        .collect();
    Ok(Daftar {
        k: Kerangka::baru(m, Some(desa), "perangkat", "Perangkat dan lembaga desa")
            .dengan_pesan(ok),
        kelompok,
        riwayat,
        orang: p.daftar_orang(&desa.desa_id).await?,
        akun: if m.peran().boleh_tulis() {
            k.store
                .daftar_pengguna(&desa.desa_id)
                .await?
                .into_iter()
                .filter(|u| u.desa_id.as_deref() == Some(desa.desa_id.as_str()))
                .map(|u| (u.id, format!("{} ({})", u.nama, u.username)))
                .collect()
        } else {
            Vec::new()
        },
        f,
        g,
        galat_umum,
    })
}

async fn daftar(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<super::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = buat_daftar(
        &k,
        &m,
        &desa,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

/// A date field: `None` when empty, else the date or a message for the field.
fn tanggal_isian(
    f: &Isian,
    kolom: &str,
    label: &str,
    g: &mut DaftarGalat,
) -> Option<chrono::NaiveDate> {
    match f.get(kolom).trim() {
        "" => None,
        s => match tanggal(s) {
            Some(t) => Some(t),
            None => {
                g.push(
                    kolom,
                    format!("{label} tidak terbaca; tulis seperti 15-01-2026."),
                );
                None
            }
        },
    }
}

fn uuid_isian(f: &Isian, kolom: &str, g: &mut DaftarGalat) -> Option<Uuid> {
    match f.get(kolom).trim() {
        "" => None,
        s => match s.parse() {
            Ok(u) => Some(u),
            Err(_) => {
                g.push(kolom, "Pilihan tidak dikenal; pilih dari daftar.");
                None
            }
        },
    }
}

/// Saves an uploaded photo (field `foto`) as a site image; a refused image is noted in `g`.
async fn simpan_foto(
    k: &Bersama,
    m: &Masuk,
    kode: &str,
    berkas: &[crate::isian::Berkas],
    nama: &str,
    g: &mut DaftarGalat,
) -> Result<Option<String>, GalatWeb> {
    let Some(b) = berkas.iter().find(|b| b.bidang == "foto") else {
        return Ok(None);
    };
    match k
        .store
        .simpan_gambar(kode, &b.isi, nama, false, &m.aktor())
        .await
    {
        Ok(t) => Ok(Some(t)),
        Err(balai_store::Galat::Isian(e)) => {
            g.push(
                "foto",
                e.0.first().map(|x| x.pesan.clone()).unwrap_or_default(),
            );
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// A person's own fields as typed.
fn isian_orang(f: &Isian, foto: Option<String>, g: &mut DaftarGalat) -> IsianOrang {
    IsianOrang {
        nama: f.get("nama").into(),
        penduduk_id: uuid_isian(f, "penduduk_id", g),
        pengguna_id: uuid_isian(f, "pengguna_id", g),
        jenis_kelamin: f.angka("jenis_kelamin").unwrap_or(0),
        tempat_lahir: f.get("tempat_lahir").into(),
        tanggal_lahir: tanggal_isian(f, "tanggal_lahir", "Tanggal lahir", g),
        agama: f.get("agama").into(),
        alamat: f.get("alamat").into(),
        niap: f.get("niap").into(),
        nip: f.get("nip").into(),
        pangkat: f.get("pangkat").into(),
        pendidikan: f.get("pendidikan").into(),
        foto,
    }
}

/// The person's fields as the correction form starts.
fn isian_awal(o: &balai_store::perangkat::Orang) -> Vec<(String, String)> {
    let teks = |k: &str, v: &str| (k.to_string(), v.to_string());
    vec![
        teks("nama", &o.nama),
        teks(
            "pengguna_id",
            &o.pengguna_id.map(|u| u.to_string()).unwrap_or_default(),
        ),
        teks("jenis_kelamin", &o.jenis_kelamin.to_string()),
        teks("tempat_lahir", &o.tempat_lahir),
        teks(
            "tanggal_lahir",
            &o.tanggal_lahir
                .map(|t| t.format("%d-%m-%Y").to_string())
                .unwrap_or_default(),
        ),
        teks("agama", &o.agama),
        teks("alamat", &o.alamat),
        teks("niap", &o.niap),
        teks("nip", &o.nip),
        teks("pangkat", &o.pangkat),
        teks("pendidikan", &o.pendidikan),
    ]
}

async fn tambah(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau berkas terlalu besar (pindaian SK paling besar 5 MB). Coba lagi.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let mut g = DaftarGalat::default();
    let foto = simpan_foto(&k, &m, &kode, &berkas, f.get("nama"), &mut g).await?;
    let sk = ambil_berkas(berkas, "sk_berkas").map(|(nama, isi)| BerkasSk { nama, isi });
    let isi = IsianJabatan {
        perangkat_id: uuid_isian(&f, "perangkat_id", &mut g),
        orang: isian_orang(&f, foto, &mut g),
        lembaga: f.get("lembaga").into(),
        unit: f.get("unit").into(),
        jabatan: f.get("jabatan").into(),
        urut: f.angka("urut").unwrap_or(0),
        sk_nomor: f.get("sk_nomor").into(),
        sk_tanggal: tanggal_isian(&f, "sk_tanggal", "Tanggal SK", &mut g),
        mulai: tanggal_isian(&f, "mulai", "Tanggal mulai", &mut g),
        selesai: tanggal_isian(&f, "selesai", "Akhir masa jabatan", &mut g),
        keterangan: f.get("keterangan").into(),
        sk_berkas: sk,
    };
    let hasil = if g.is_empty() {
        k.store
            .perangkat()
            .tambah_jabatan(&kode, &isi, &m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match hasil {
        Ok(_) => Ok(Redirect::to(&format!("/desa/{kode}/perangkat?ok=jabatan")).into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_daftar(&k, &m, &desa, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "perangkat_jabatan.html")]
struct Rincian {
    k: Kerangka,
    x: JabatanOrang,
    lain: Vec<JabatanOrang>,
    pin_baru: Option<String>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Rincian {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    /// Whether the refusal is of the dismissal form (its fields) or of the details form.
    fn galat_henti(&self) -> bool {
        self.g
            .0
            .iter()
            .any(|e| e.kolom.starts_with("henti") || e.kolom == "yakin")
    }
    fn galat_orang(&self) -> bool {
        !self.g.is_empty() && !self.galat_henti()
    }
}

#[allow(clippy::too_many_arguments)]
async fn buat_rincian(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    id: Uuid,
    pin_baru: Option<String>,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
    ok: Option<&str>,
) -> Result<Rincian, GalatWeb> {
    let semua = k.store.perangkat().daftar(&desa.desa_id).await?;
    let x = semua
        .iter()
        .find(|x| x.j.id == id)
        .cloned()
        .ok_or(GalatWeb::TidakDitemukan)?;
    let lain = semua
        .into_iter()
        .filter(|y| y.o.id == x.o.id && y.j.id != id)
        .collect();
    // The correction form starts from the record unless it comes back refused.
    let mut f = f;
    if f.opsi("nama").is_none() {
        f.0.extend(isian_awal(&x.o));
    }
    Ok(Rincian {
        k: Kerangka::baru(
            m,
            Some(desa),
            "perangkat",
            format!("{} — {}", x.o.nama, x.j.nama_jabatan()),
        )
        .dengan_pesan(ok),
        x,
        lain,
        pin_baru,
        f,
        g,
        galat_umum,
    })
}

async fn rincian(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    Query(q): Query<super::Ok>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let h = buat_rincian(
        &k,
        &m,
        &desa,
        id,
        None,
        Isian::default(),
        DaftarGalat::default(),
        None,
        q.ok.as_deref(),
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn akhiri(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau berkas terlalu besar (pindaian SK paling besar 5 MB). Coba lagi.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let mut g = DaftarGalat::default();
    if f.get("yakin") != "ya" {
        g.push(
            "yakin",
            "Centang \"yakin\" untuk mengakhiri jabatan ini. Jabatan yang diakhiri tidak dapat dibuka lagi.",
        );
    }
    let isi = IsianHenti {
        nomor: f.get("henti_nomor").into(),
        tanggal: tanggal_isian(&f, "henti_tanggal", "Tanggal pemberhentian", &mut g),
        alasan: f.get("henti_alasan").into(),
        berkas: ambil_berkas(berkas, "henti_berkas").map(|(nama, isi)| BerkasSk { nama, isi }),
        versi: f.angka("versi"),
    };
    if isi.tanggal.is_none() && f.get("henti_tanggal").trim().is_empty() {
        g.push(
            "henti_tanggal",
            "Tanggal pemberhentian wajib diisi (tanggal berlaku SK pemberhentian).",
        );
    }
    let hasil = if g.is_empty() {
        k.store
            .perangkat()
            .akhiri_jabatan(&kode, id, &isi, &m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{kode}/perangkat/jabatan/{id}?ok=jabatan_akhir"
        ))
        .into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_rincian(&k, &m, &desa, id, None, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}

async fn hapus(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    if kir.isian.get("yakin") != "ya" {
        return Err(GalatWeb::Permintaan(
            "Centang \"yakin\" untuk menghapus jabatan yang salah catat. Tidak ada yang dihapus."
                .into(),
        ));
    }
    k.store
        .perangkat()
        .hapus_jabatan(&kode, id, &kir.m.aktor())
        .await?;
    Ok(Redirect::to(&format!("/desa/{kode}/perangkat?ok=jabatan_hapus")).into_response())
}

async fn unduh_sk(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id, jenis)): Path<(String, Uuid, String)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    if !matches!(jenis.as_str(), "angkat" | "henti") {
        return Err(GalatWeb::TidakDitemukan);
    }
    let (nama, mime, isi) = k
        .store
        .perangkat()
        .berkas_sk(&kode, id, &jenis)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let dasar = nama.rsplit_once('.').map(|(a, _)| a).unwrap_or(&nama);
    Ok(unduhan(isi, &mime, &nama_berkas(dasar, ekstensi(&mime))))
}

/// Issues an attendance PIN: shown once on the tenure's page, for the person to keep.
async fn pin(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let jabatan: Uuid = kir
        .isian
        .get("jabatan_id")
        .parse()
        .map_err(|_| GalatWeb::TidakDitemukan)?;
    let pin = k
        .store
        .perangkat()
        .terbitkan_pin(&kode, id, &kir.m.aktor())
        .await?;
    let h = buat_rincian(
        &k,
        &kir.m,
        &desa,
        jabatan,
        Some(pin),
        Isian::default(),
        DaftarGalat::default(),
        None,
        None,
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

/// Corrects a person's own details and photo, from the tenure's page.
async fn ubah_orang(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let (f, berkas) = baca_multipart(
        mp,
        "Unggahan terputus atau foto terlalu besar. Coba lagi dengan foto yang lebih kecil.",
    )
    .await?;
    m.cek_csrf(f.get("_csrf"))?;
    let jabatan: Uuid = f
        .get("jabatan_id")
        .parse()
        .map_err(|_| GalatWeb::TidakDitemukan)?;
    let mut g = DaftarGalat::default();
    let foto = simpan_foto(&k, &m, &kode, &berkas, f.get("nama"), &mut g).await?;
    let isi = isian_orang(&f, foto, &mut g);
    let hasil = if g.is_empty() {
        k.store
            .perangkat()
            .ubah_orang(&kode, id, &isi, f.angka("versi"), &m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    match hasil {
        Ok(()) => Ok(Redirect::to(&format!(
            "/desa/{kode}/perangkat/jabatan/{jabatan}?ok=orang"
        ))
        .into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_rincian(&k, &m, &desa, jabatan, None, f, g, umum, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}
