//! Spending and the books: payment requests (SPP) with their approvals and payment, receipts,
//! tax deposits, and the cash books (umum, bank, tunai, pajak, per kegiatan).

use super::{Salah, ok_keuangan, tahun_dari, wajib_rupiah, wajib_tanggal};
use crate::galat::tampil;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::unduhan::{berkas_tabel, ekstensi, nama_berkas, unduhan};
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_domain::DaftarGalat;
use balai_domain::keuangan::PAJAK;
use balai_domain::surat::teks::rp;
use balai_store::Galat;
use balai_store::desa::Desa;
use balai_store::keuangan::apbdes::BarisAnggaran;
use balai_store::keuangan::belanja::{
    BarisKas, Buku, Pembayaran, Penerimaan, Potongan, SetorPajak, SisaBaris, Spp, SppBaru,
};
use balai_store::pengguna::Peran;
use std::collections::HashMap;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/keuangan/spp", get(halaman_spp).post(ajukan))
        .route("/desa/{kode}/keuangan/spp/{id}/periksa", post(periksa))
        .route("/desa/{kode}/keuangan/spp/{id}/setujui", post(setujui))
        .route("/desa/{kode}/keuangan/spp/{id}/bayar", post(bayar))
        .route("/desa/{kode}/keuangan/kas", get(halaman_kas))
        .route("/desa/{kode}/keuangan/kas/terima", post(terima))
        .route("/desa/{kode}/keuangan/kas/setor-pajak", post(setor))
        .route("/desa/{kode}/keuangan/kas/{id}/bukti", get(bukti))
}

/// A budget line with what is left on it.
pub struct BarisSisa {
    pub b: BarisAnggaran,
    pub s: SisaBaris,
}

#[derive(Template)]
#[template(path = "keuangan_belanja_spp.html")]
struct HalamanSpp {
    k: Kerangka,
    desa: Desa,
    tahun: i64,
    berlaku: bool,
    baris: Vec<BarisSisa>,
    spp: Vec<Spp>,
    boleh_periksa: bool,
    boleh_setujui: bool,
    aktor: String,
    /// Each shown request's budget lines: (line, amount asked, budget, left).
    rincian: HashMap<Uuid, Vec<(String, i64, i64, i64)>>,
    /// Taxes suggested for each request's payment, from its lines' accounts and amounts.
    saran_pajak: HashMap<Uuid, Vec<(&'static str, i64)>>,
    nama: crate::nama::NamaAktor,
    saring: SaringSpp,
    /// Requests matching the filter (all pages).
    jumlah: usize,
    halaman: usize,
    jumlah_halaman: usize,
    s: Salah,
}

impl HalamanSpp {
    fn rp<T: std::borrow::Borrow<i64>>(&self, n: T) -> String {
        rp(*n.borrow())
    }
    fn pajak(&self) -> &'static [(&'static str, &'static str)] {
        PAJAK
    }
    /// The suggested tax `i` (1 or 2) of a request's payment: (code, amount), or empty.
    fn saran(&self, id: &Uuid, i: &i32) -> (&'static str, String) {
        self.saran_pajak
            .get(id)
            .and_then(|s| s.get((*i as usize).wrapping_sub(1)))
            .map(|(p, n)| (*p, n.to_string()))
            .unwrap_or(("", String::new()))
    }
    fn belanja(&self) -> Vec<&BarisSisa> {
        self.baris.iter().filter(|b| b.b.keluar()).collect()
    }
}

async fn baris_sisa(k: &Bersama, d: &str, tahun: i64) -> Result<(bool, Vec<BarisSisa>), GalatWeb> {
    let Some(v) = k.store.apbdes_berlaku(d, tahun).await? else {
        return Ok((false, Vec::new()));
    };
    let mut sisa: HashMap<Uuid, SisaBaris> = k.store.sisa_anggaran(d, tahun).await?;
    let baris = k.store.baris_anggaran(d, v.id).await?;
    Ok((
        true,
        baris
            .into_iter()
            .map(|b| BarisSisa {
                s: sisa.remove(&b.kunci).unwrap_or_default(),
                b,
            })
            .collect(),
    ))
}

/// The SPP list's filters: "needs my action", a status, and the page.
#[derive(serde::Deserialize, Default)]
pub struct SaringSpp {
    pub tahun: Option<i64>,
    #[serde(default)]
    pub perlu: String,
    #[serde(default)]
    pub status: String,
    pub hal: Option<usize>,
    pub ok: Option<String>,
}

const SPP_PER_HALAMAN: usize = 25;

/// The status at which this role acts on a request, and whether it may act on this one.
fn perlu_tindakan(peran: Peran, aktor: &str, p: &Spp) -> bool {
    use balai_domain::tugas::JenisTugas;
    JenisTugas::untuk(peran).iter().any(|j| match j {
        JenisTugas::PeriksaSpp => p.status == "diajukan" && p.diajukan_oleh != aktor,
        JenisTugas::SetujuiSpp => p.status == "diperiksa",
        JenisTugas::BayarSpp => p.status == "disetujui" && p.diajukan_oleh != aktor,
        _ => false,
    })
}

async fn tampil_spp(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    tahun: i64,
    s: Salah,
    ok: Option<&str>,
    saring: SaringSpp,
) -> Result<Response, GalatWeb> {
    let d = &desa.desa_id;
    let (berlaku, baris) = baris_sisa(k, d, tahun).await?;
    let aktor = m.aktor().0;
    let semua: Vec<Spp> = k
        .store
        .daftar_spp(d, tahun)
        .await?
        .into_iter()
        .filter(|p| saring.perlu.is_empty() || perlu_tindakan(m.peran(), &aktor, p))
        .filter(|p| saring.status.is_empty() || p.status == saring.status)
        .collect();
    let jumlah = semua.len();
    let jumlah_halaman = jumlah.div_ceil(SPP_PER_HALAMAN).max(1);
    let halaman = saring.hal.unwrap_or(1).clamp(1, jumlah_halaman);
    let spp: Vec<Spp> = semua
        .into_iter()
        .skip((halaman - 1) * SPP_PER_HALAMAN)
        .take(SPP_PER_HALAMAN)
        .collect();
    let mut rincian: HashMap<Uuid, Vec<(String, i64, i64, i64)>> = HashMap::new();
    let mut saran_pajak: HashMap<Uuid, Vec<(&'static str, i64)>> = HashMap::new();
    for (spp_id, kunci, nilai) in k.store.rincian_spp_tahun(d, tahun).await? {
        if !spp.iter().any(|p| p.id == spp_id) {
            continue;
        }
        let (label, anggaran, sisa) = baris
            .iter()
            .find(|x| x.b.kunci == kunci)
            .map(|x| {
                (
                    format!("{} {} {}", x.b.kode_kegiatan, x.b.kode_rekening, x.b.uraian),
                    x.s.anggaran,
                    x.s.sisa(),
                )
            })
            .unwrap_or_else(|| ("(baris anggaran tidak ada di APBDes berlaku)".into(), 0, 0));
        rincian
            .entry(spp_id)
            .or_default()
            .push((label, nilai, anggaran, sisa));
        if let Some(x) = baris.iter().find(|x| x.b.kunci == kunci) {
            let saran = saran_pajak.entry(spp_id).or_default();
            for (pajak, n) in balai_domain::keuangan::saran_pajak(&x.b.kode_rekening, nilai) {
                match saran.iter_mut().find(|(p, _)| *p == pajak) {
                    Some(s) => s.1 += n,
                    None => saran.push((pajak, n)),
                }
            }
        }
    }
    let orang: Vec<&str> = spp
        .iter()
        .flat_map(|p| [Some(p.diajukan_oleh.as_str()), p.diperiksa_oleh.as_deref()])
        .flatten()
        .collect();
    let nama = crate::nama::NamaAktor(k.store.nama_aktor(d, &orang).await?);
    let mut kr = Kerangka::baru(
        m,
        Some(&desa),
        "keuangan",
        format!("SPP dan pembayaran {tahun}"),
    );
    kr.sub = "spp";
    kr.pesan = ok.and_then(ok_keuangan).map(str::to_string);
    let status = s.status();
    let html = tampil(&HalamanSpp {
        k: kr,
        spp,
        rincian,
        saran_pajak,
        nama,
        saring,
        jumlah,
        halaman,
        jumlah_halaman,
        desa,
        tahun,
        berlaku,
        baris,
        boleh_periksa: m.peran() == Peran::Sekdes,
        boleh_setujui: m.peran() == Peran::Kades,
        aktor,
        s,
    })?;
    Ok((status, html).into_response())
}

async fn halaman_spp(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<SaringSpp>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let tahun = tahun_dari(&k, &desa, q.tahun);
    let ok = q.ok.clone();
    tampil_spp(&k, &m, desa, tahun, Salah::kosong(), ok.as_deref(), q).await
}

fn ke(kode: &str, hal: &str, tahun: i64, ok: &str) -> Response {
    Redirect::to(&format!(
        "/desa/{kode}/keuangan/{hal}?tahun={tahun}&ok={ok}"
    ))
    .into_response()
}

async fn ajukan(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let tanggal = wajib_tanggal(&mut g, f, "tanggal", "Tanggal SPP");
    let nilai = wajib_rupiah(&mut g, f, "nilai", "Jumlah yang diminta");
    let kunci: Option<Uuid> = f.get("baris").parse().ok();
    if kunci.is_none() {
        g.push("baris", "Pilih baris anggaran yang dibayar.");
    }
    let hasil = if g.is_empty() {
        let b = SppBaru {
            tanggal,
            uraian: f.get("uraian").into(),
            penerima: f.get("penerima").into(),
            rincian: vec![(kunci.unwrap_or_default(), nilai)],
            alasan_lebih: f.opsi("alasan_lebih"),
        };
        k.store
            .ajukan_spp(&kode, &b, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(g.into())
    };
    let tahun = tahun_dari(&k, &desa, f.angka("tahun"));
    match hasil {
        Ok(()) => Ok(ke(&kode, "spp", tahun, "spp")),
        Err(e) => {
            let s = Salah::dari("spp", kir.isian, e)?;
            tampil_spp(&k, &kir.m, desa, tahun, s, None, SaringSpp::default()).await
        }
    }
}

async fn langkah(
    k: Bersama,
    kode: String,
    id: Uuid,
    kir: Kiriman,
    peran: Peran,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    if kir.m.peran() != peran {
        return Err(GalatWeb::Terlarang);
    }
    let spp = k
        .store
        .spp(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let setuju = kir.isian.get("keputusan") != "tolak";
    let alasan = kir.isian.get("alasan");
    let hasil = if peran == Peran::Sekdes {
        k.store
            .periksa_spp(&kode, id, setuju, alasan, &kir.m.aktor())
            .await
    } else {
        k.store
            .setujui_spp(&kode, id, setuju, alasan, &kir.m.aktor())
            .await
    };
    let ok = match (setuju, peran) {
        (false, _) => "tolak",
        (true, Peran::Sekdes) => "periksa",
        _ => "setujui",
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, "spp", spp.tahun, ok)),
        Err(e) => {
            let s = Salah::dari("langkah", kir.isian, e)?;
            tampil_spp(&k, &kir.m, desa, spp.tahun, s, None, SaringSpp::default()).await
        }
    }
}

async fn periksa(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    langkah(k, kode, id, kir, Peran::Sekdes).await
}

async fn setujui(
    State(k): State<Bersama>,
    Path((kode, id)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    langkah(k, kode, id, kir, Peran::Kades).await
}

const PUTUS: &str = "Unggahan terputus atau terlalu besar; bukti paling besar 5 MB.";

async fn bayar(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_bayar()?;
    let spp = k
        .store
        .spp(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    let mut g = DaftarGalat::default();
    let tanggal = wajib_tanggal(&mut g, &f, "tanggal", "Tanggal bayar");
    let mut potongan = Vec::new();
    for i in 1..=2 {
        let jenis = f.get(&format!("pajak{i}"));
        let nilai = wajib_rupiah(&mut g, &f, &format!("nilai_pajak{i}"), "Nilai pajak");
        if !jenis.is_empty() && nilai > 0 {
            potongan.push(Potongan {
                pajak: jenis.into(),
                nilai,
            });
        }
    }
    let hasil = if g.is_empty() {
        let b = Pembayaran {
            tanggal,
            rekening: f.get("rekening").into(),
            nomor_bukti: f.get("nomor_bukti").into(),
            potongan,
            bukti: crate::isian::ambil_berkas(berkas, "bukti").map(|(_, isi)| isi),
        };
        k.store.bayar_spp(&kode, id, &b, &m.aktor()).await
    } else {
        Err(g.into())
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, "spp", spp.tahun, "bayar")),
        Err(e) => {
            let mut f = f;
            f.0.push(("spp".into(), id.to_string()));
            let s = Salah::dari("bayar", f, e)?;
            tampil_spp(&k, &m, desa, spp.tahun, s, None, SaringSpp::default()).await
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
struct QueryKas {
    tahun: Option<i64>,
    buku: Option<String>,
    kegiatan: Option<String>,
    format: Option<String>,
    ok: Option<String>,
}

#[derive(Template)]
#[template(path = "keuangan_belanja_kas.html")]
struct HalamanKas {
    k: Kerangka,
    desa: Desa,
    tahun: i64,
    buku: String,
    kegiatan: String,
    daftar_kegiatan: Vec<(String, String)>,
    judul_buku: String,
    kas: Vec<BarisKas>,
    penerimaan: Vec<BarisAnggaran>,
    pajak_ditahan: Vec<(&'static str, &'static str, i64)>,
    berlaku: bool,
    s: Salah,
}

impl HalamanKas {
    fn rp<T: std::borrow::Borrow<i64>>(&self, n: T) -> String {
        rp(*n.borrow())
    }
    fn pajak(&self) -> &'static [(&'static str, &'static str)] {
        PAJAK
    }
    fn masuk(&self) -> i64 {
        self.kas.iter().map(|k| k.masuk).sum()
    }
    fn keluar(&self) -> i64 {
        self.kas.iter().map(|k| k.keluar).sum()
    }
}

fn pilih_buku(q: &QueryKas) -> (Buku, String, String) {
    let kegiatan = q.kegiatan.clone().unwrap_or_default();
    match q.buku.as_deref() {
        Some("bank") => (
            Buku::Rekening("bank".into()),
            "bank".into(),
            "Buku Bank Desa".into(),
        ),
        Some("tunai") => (
            Buku::Rekening("tunai".into()),
            "tunai".into(),
            "Buku Kas Tunai".into(),
        ),
        Some("pajak") => (Buku::Pajak, "pajak".into(), "Buku Pembantu Pajak".into()),
        Some("kegiatan") => (
            Buku::Kegiatan(kegiatan.clone()),
            "kegiatan".into(),
            format!("Buku Pembantu Kegiatan {kegiatan}"),
        ),
        _ => (Buku::Umum, "umum".into(), "Buku Kas Umum".into()),
    }
}

const KOLOM_KAS: [&str; 8] = [
    "No.",
    "Tanggal",
    "Kode Rekening",
    "Uraian",
    "No. Bukti",
    "Penerimaan (Rp)",
    "Pengeluaran (Rp)",
    "Saldo (Rp)",
];

async fn tampil_kas(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    q: QueryKas,
    s: Salah,
) -> Result<Response, GalatWeb> {
    let d = &desa.desa_id;
    let tahun = tahun_dari(k, &desa, q.tahun);
    let (buku, kode_buku, judul_buku) = pilih_buku(&q);
    let kas = k.store.buku_kas(d, tahun, &buku).await?;
    if let Some(format) = q.format.as_deref().filter(|f| matches!(*f, "pdf" | "xlsx")) {
        let baris: Vec<Vec<String>> = kas
            .iter()
            .enumerate()
            .map(|(i, b)| {
                // Rows are numbered as printed; the entry number has gaps once a book is filtered.
                vec![
                    (i + 1).to_string(),
                    b.tanggal.format("%d-%m-%Y").to_string(),
                    b.kode_rekening.clone(),
                    b.uraian.clone(),
                    b.nomor_bukti.clone(),
                    rp(b.masuk),
                    rp(b.keluar),
                    rp(b.saldo),
                ]
            })
            .collect();
        let subjudul = format!("Desa {} — Tahun Anggaran {tahun}", desa.nama);
        let nama = format!("{}-{}-{tahun}", kode_buku, d);
        let sah = super::pengesahan(k, &desa).await?;
        return berkas_tabel(
            k,
            format,
            &judul_buku,
            &subjudul,
            &KOLOM_KAS,
            &baris,
            &nama,
            Some(&sah),
        )
        .await;
    }
    let versi = k.store.apbdes_berlaku(d, tahun).await?;
    let semua = match &versi {
        Some(v) => k.store.baris_anggaran(d, v.id).await?,
        None => Vec::new(),
    };
    let mut daftar_kegiatan: Vec<(String, String)> = semua
        .iter()
        .filter(|b| !b.kode_kegiatan.is_empty())
        .map(|b| (b.kode_kegiatan.clone(), b.nama_kegiatan()))
        .collect();
    daftar_kegiatan.dedup();
    let pajak_kas = k.store.buku_kas(d, tahun, &Buku::Pajak).await?;
    let pajak_ditahan = PAJAK
        .iter()
        .map(|(kd, l)| {
            (
                *kd,
                *l,
                pajak_kas
                    .iter()
                    .filter(|b| b.pajak == *kd)
                    .map(|b| b.masuk - b.keluar)
                    .sum(),
            )
        })
        .filter(|(_, _, n)| *n != 0)
        .collect();
    let mut kr = Kerangka::baru(m, Some(&desa), "keuangan", format!("{judul_buku} {tahun}"));
    kr.sub = "kas";
    kr.pesan = q.ok.as_deref().and_then(ok_keuangan).map(str::to_string);
    let status = s.status();
    let html = tampil(&HalamanKas {
        k: kr,
        desa,
        tahun,
        buku: kode_buku,
        kegiatan: q.kegiatan.unwrap_or_default(),
        daftar_kegiatan,
        judul_buku,
        kas,
        berlaku: versi.is_some(),
        penerimaan: semua.into_iter().filter(|b| !b.keluar()).collect(),
        pajak_ditahan,
        s,
    })?;
    Ok((status, html).into_response())
}

async fn halaman_kas(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<QueryKas>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    tampil_kas(&k, &m, desa, q, Salah::kosong()).await
}

async fn gagal_kas(
    k: &Bersama,
    m: &Masuk,
    desa: Desa,
    bentuk: &'static str,
    f: Isian,
    e: Galat,
) -> Result<Response, GalatWeb> {
    let q = QueryKas {
        tahun: f.angka("tahun"),
        ..Default::default()
    };
    let s = Salah::dari(bentuk, f, e)?;
    tampil_kas(k, m, desa, q, s).await
}

async fn terima(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    mp: Multipart,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let (f, berkas) = crate::isian::baca_multipart(mp, PUTUS).await?;
    m.cek_csrf(f.get("_csrf"))?;
    m.wajib_bayar()?;
    let mut g = DaftarGalat::default();
    let tanggal = wajib_tanggal(&mut g, &f, "tanggal", "Tanggal terima");
    let nilai = wajib_rupiah(&mut g, &f, "nilai", "Jumlah diterima");
    let kunci: Option<Uuid> = f.get("baris").parse().ok();
    if kunci.is_none() {
        g.push(
            "baris",
            "Pilih baris pendapatan atau penerimaan pembiayaan.",
        );
    }
    let hasil = if g.is_empty() {
        let p = Penerimaan {
            tanggal,
            baris_kunci: kunci.unwrap_or_default(),
            nilai,
            uraian: f.get("uraian").into(),
            nomor_bukti: f.get("nomor_bukti").into(),
            rekening: f.get("rekening").into(),
            bukti: crate::isian::ambil_berkas(berkas, "bukti").map(|(_, isi)| isi),
        };
        k.store
            .catat_penerimaan(&kode, &p, &m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(g.into())
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, "kas", f.angka("tahun").unwrap_or(0), "terima")),
        Err(e) => gagal_kas(&k, &m, desa, "terima", f, e).await,
    }
}

async fn setor(
    State(k): State<Bersama>,
    Path(kode): Path<String>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_bayar()?;
    let f = &kir.isian;
    let mut g = DaftarGalat::default();
    let tanggal = wajib_tanggal(&mut g, f, "tanggal", "Tanggal setor");
    let nilai = wajib_rupiah(&mut g, f, "nilai", "Jumlah setoran");
    let hasil = if g.is_empty() {
        let s = SetorPajak {
            tanggal,
            pajak: f.get("pajak").into(),
            nilai,
            nomor_bukti: f.get("nomor_bukti").into(),
            rekening: f.get("rekening").into(),
        };
        k.store
            .setor_pajak(&kode, &s, &kir.m.aktor())
            .await
            .map(|_| ())
    } else {
        Err(g.into())
    };
    match hasil {
        Ok(()) => Ok(ke(&kode, "kas", f.angka("tahun").unwrap_or(0), "setor")),
        Err(e) => gagal_kas(&k, &kir.m, desa, "setor", kir.isian, e).await,
    }
}

async fn bukti(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, id)): Path<(String, Uuid)>,
) -> Result<Response, GalatWeb> {
    m.desa(&k, &kode).await?;
    let (isi, mime) = k
        .store
        .bukti_kas(&kode, id)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    Ok(unduhan(
        isi,
        &mime,
        &nama_berkas(&format!("bukti-{id}"), ekstensi(&mime)),
    ))
}
