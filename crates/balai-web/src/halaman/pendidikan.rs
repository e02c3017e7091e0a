//! Education: the village's children of PAUD age (3–6) and school age (7–18) for a school
//! year with counts per dusun, the list of those not in school or who left, the PAUD list, the
//! schools of the potential data, and the yearly school check of one child (a form that keeps
//! what was typed when it is refused).

use crate::galat::tampil;
use crate::halaman::pisah_galat;
use crate::isian::{Isian, Kiriman};
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_domain::DaftarGalat;
use balai_domain::pendidikan::{
    Jenjang, StatusCek, UMUR_PAUD, UMUR_SEKOLAH, label_pendidikan_kk, label_pendidikan_sedang,
    label_tahun, tahun_ajaran, tanggal_acuan, umur_pada,
};
use balai_store::desa::Desa;
use balai_store::pendidikan::{
    AnakSekolah, CekSekolah, IsianCek, RingkasDusun, SekolahDesa, ringkas_per_dusun,
};
use serde::Deserialize;
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/pendidikan", get(beranda))
        .route("/desa/{kode}/pendidikan/anak/{pid}", get(form).post(catat))
}

/// The list's filters, also carried through a child's form so that saving returns to them.
#[derive(Deserialize, Default)]
struct Kueri {
    tahun: Option<String>,
    dusun: Option<String>,
    /// Which school-age children to list: "" (not in school or left), "belum" (not yet checked
    /// this year), "semua".
    daftar: Option<String>,
    ok: Option<String>,
}

/// The school year asked for, or the one running (a year not begun is not offered).
fn tahun_dipilih(q: Option<&str>, berjalan: i32) -> i32 {
    q.and_then(|t| t.trim().parse::<i32>().ok())
        .filter(|t| (2000..=berjalan).contains(t))
        .unwrap_or(berjalan)
}

/// The running year, the two before it, and every year with a check, newest first.
async fn pilihan_tahun(k: &Bersama, kode: &str, berjalan: i32) -> Result<Vec<i32>, GalatWeb> {
    let mut t: Vec<i32> = (berjalan - 2..=berjalan).collect();
    t.extend(k.store.pendidikan().tahun_tercatat(kode).await?);
    t.retain(|x| *x <= berjalan);
    t.sort_unstable_by(|a, b| b.cmp(a));
    t.dedup();
    Ok(t)
}

fn daftar_dikenal(d: Option<&str>) -> &'static str {
    match d {
        Some("belum") => "belum",
        Some("semua") => "semua",
        _ => "",
    }
}

/// A query value percent-encoded (a dusun may have spaces: "KRAJAN LOR").
fn kode_url(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `?tahun=…&dusun=…&daftar=…` of the list.
fn kueri_daftar(tahun: i32, dusun: &str, daftar: &str) -> String {
    let mut q = format!("tahun={tahun}");
    if !dusun.is_empty() {
        q.push_str(&format!("&dusun={}", kode_url(dusun)));
    }
    if !daftar.is_empty() {
        q.push_str(&format!("&daftar={daftar}"));
    }
    q
}

// ---------------------------------------------------------------------------------------------
// The village's children, counts per dusun, the schools

#[derive(Template)]
#[template(path = "pendidikan.html")]
struct Beranda {
    k: Kerangka,
    tahun: i32,
    berjalan: i32,
    pilihan_tahun: Vec<i32>,
    dusun: Vec<String>,
    dusun_dipilih: String,
    daftar: &'static str,
    ringkas: Vec<RingkasDusun>,
    jumlah: RingkasDusun,
    usia_sekolah: Vec<AnakSekolah>,
    paud: Vec<AnakSekolah>,
    sekolah: Vec<SekolahDesa>,
}

impl Beranda {
    fn label(&self, t: &i32) -> String {
        label_tahun(*t)
    }
    fn tahun_ini(&self, t: &i32) -> bool {
        *t == self.tahun
    }
    fn berjalan_ini(&self, t: &i32) -> bool {
        *t == self.berjalan
    }
    fn label_ajaran(&self) -> String {
        label_tahun(self.tahun)
    }
    fn dusun_ini(&self, d: &str) -> bool {
        self.dusun_dipilih == d
    }
    /// A child's form, returning to this list.
    fn tautan(&self, a: &AnakSekolah) -> String {
        format!(
            "/desa/{}/pendidikan/anak/{}?{}",
            self.k.kode_desa(),
            a.penduduk_id,
            kueri_daftar(self.tahun, &self.dusun_dipilih, self.daftar)
        )
    }
    fn judul_daftar(&self) -> &'static str {
        match self.daftar {
            "belum" => "Anak usia sekolah (7–18 tahun) yang belum dicek tahun ajaran ini",
            "semua" => "Semua anak usia sekolah (7–18 tahun)",
            _ => "Anak usia sekolah (7–18 tahun) yang tidak sekolah atau putus sekolah",
        }
    }
    fn kelas(&self, a: &AnakSekolah) -> &'static str {
        use balai_domain::pendidikan::Keadaan;
        match a.keadaan {
            Keadaan::TidakSekolah | Keadaan::PutusSekolah => "lencana perhatian",
            Keadaan::Sekolah | Keadaan::Paud | Keadaan::Lulus => "lencana baik",
            Keadaan::BelumDiketahui => "lencana",
        }
    }
}

async fn beranda(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    let p = k.store.pendidikan();
    let berjalan = tahun_ajaran(k.store.hari_ini(desa.zona()));
    let tahun = tahun_dipilih(q.tahun.as_deref(), berjalan);
    let dusun = p.dusun(&kode).await?;
    let dusun_dipilih = q
        .dusun
        .as_deref()
        .map(|d| d.trim().to_uppercase())
        .filter(|d| dusun.contains(d))
        .unwrap_or_default();
    let daftar = daftar_dikenal(q.daftar.as_deref());
    let anak = p.anak(&kode, tahun, "").await?;
    let (ringkas, jumlah) = ringkas_per_dusun(&dusun, &anak);
    let di_dusun = |a: &&AnakSekolah| dusun_dipilih.is_empty() || a.dusun == dusun_dipilih;
    let usia_sekolah: Vec<AnakSekolah> = anak
        .iter()
        .filter(di_dusun)
        .filter(|a| a.usia_sekolah())
        .filter(|a| match daftar {
            "belum" => !a.dicek_tahun_ini(),
            "semua" => true,
            _ => a.perlu_perhatian(),
        })
        .cloned()
        .collect();
    let paud: Vec<AnakSekolah> = anak
        .iter()
        .filter(di_dusun)
        .filter(|a| a.usia_paud())
        .cloned()
        .collect();
    let orang: Vec<Uuid> = usia_sekolah
        .iter()
        .chain(&paud)
        .map(|a| a.penduduk_id)
        .collect();
    k.store
        .catat_akses_penduduk(&kode, &m.aktor(), "lihat_pendidikan_anak", &orang)
        .await?;
    let h = Beranda {
        k: Kerangka::baru(&m, Some(&desa), "pendidikan", "Pendidikan anak")
            .dengan_pesan(q.ok.as_deref()),
        tahun,
        berjalan,
        pilihan_tahun: pilihan_tahun(&k, &kode, berjalan).await?,
        dusun,
        dusun_dipilih,
        daftar,
        ringkas,
        jumlah,
        usia_sekolah,
        paud,
        sekolah: p.sekolah_desa(&kode, tahun).await?,
    };
    Ok(tampil(&h)?.into_response())
}

// ---------------------------------------------------------------------------------------------
// One child's yearly check

#[derive(Template)]
#[template(path = "pendidikan_anak.html")]
struct Form {
    k: Kerangka,
    pid: Uuid,
    nama: String,
    umur: i32,
    tempat: String,
    pendidikan_kk: &'static str,
    pendidikan_sedang: &'static str,
    tahun: i32,
    pilihan_tahun: Vec<i32>,
    /// This year's check, being changed.
    ada: Option<CekSekolah>,
    riwayat: Vec<CekSekolah>,
    sekolah: Vec<SekolahDesa>,
    /// The list to return to.
    dusun_kembali: String,
    daftar_kembali: &'static str,
    f: Isian,
    g: DaftarGalat,
    galat_umum: Option<String>,
}

impl Form {
    fn galat(&self, kolom: &str) -> Option<&str> {
        self.g.untuk(kolom)
    }
    fn label(&self, t: &i32) -> String {
        label_tahun(*t)
    }
    fn tahun_ini(&self, t: &i32) -> bool {
        *t == self.tahun
    }
    fn label_ajaran(&self) -> String {
        label_tahun(self.tahun)
    }
    fn dalam_usia(&self) -> bool {
        (*UMUR_PAUD.start()..=*UMUR_SEKOLAH.end()).contains(&self.umur)
    }
    fn status(&self) -> Vec<(&'static str, &'static str)> {
        StatusCek::SEMUA
            .iter()
            .map(|s| (s.kode(), s.label()))
            .collect()
    }
    fn jenjang(&self) -> Vec<(&'static str, &'static str)> {
        Jenjang::SEMUA
            .iter()
            .map(|j| (j.kode(), j.label()))
            .collect()
    }
    fn terpilih(&self, kolom: &str, nilai: &str) -> bool {
        self.f.get(kolom) == nilai
    }
    fn sekolah_terpilih(&self, s: &SekolahDesa) -> bool {
        self.f.get("potensi_id") == s.id.to_string()
    }
    fn kembali(&self) -> String {
        format!(
            "/desa/{}/pendidikan?{}",
            self.k.kode_desa(),
            kueri_daftar(self.tahun, &self.dusun_kembali, self.daftar_kembali)
        )
    }
    fn pelaku(&self, c: &CekSekolah) -> String {
        c.dicatat_oleh.trim_start_matches("pengguna:").to_string()
    }
}

/// The form's fields from a stored check.
fn isian_dari(c: &CekSekolah) -> Isian {
    Isian(vec![
        ("status".into(), c.status.clone()),
        ("jenjang".into(), c.jenjang.clone()),
        (
            "potensi_id".into(),
            c.potensi_id.map(|i| i.to_string()).unwrap_or_default(),
        ),
        ("nama_sekolah".into(), c.nama_sekolah.clone()),
        ("alasan".into(), c.alasan.clone()),
        ("catatan".into(), c.catatan.clone()),
    ])
}

#[allow(clippy::too_many_arguments)]
async fn buat_form(
    k: &Bersama,
    m: &Masuk,
    desa: &Desa,
    pid: Uuid,
    tahun: i32,
    kembali: (String, &'static str),
    f: Option<Isian>,
    g: DaftarGalat,
    galat_umum: Option<String>,
) -> Result<Form, GalatWeb> {
    let kode = &desa.desa_id;
    let p = k.store.pendidikan();
    let anak = k
        .store
        .penduduk(kode, pid)
        .await?
        .ok_or(GalatWeb::TidakDitemukan)?;
    k.store
        .catat_akses_penduduk(kode, &m.aktor(), "lihat_pendidikan_anak", &[pid])
        .await?;
    let berjalan = tahun_ajaran(k.store.hari_ini(desa.zona()));
    let riwayat = p.riwayat(kode, pid).await?;
    let ada = riwayat.iter().find(|c| c.tahun == tahun).cloned();
    let umur = umur_pada(anak.tanggal_lahir, tanggal_acuan(tahun));
    let f = f.unwrap_or_else(|| match &ada {
        Some(c) => isian_dari(c),
        // A first guess of the level by age; the state is left for the person to choose.
        None => Isian(vec![(
            "jenjang".into(),
            Jenjang::menurut_umur(umur)
                .filter(|j| *j != Jenjang::Paud)
                .map(|j| j.kode().to_string())
                .unwrap_or_default(),
        )]),
    });
    Ok(Form {
        k: Kerangka::baru(
            m,
            Some(desa),
            "pendidikan",
            format!("Cek sekolah {}", anak.nama),
        ),
        pid,
        tempat: format!("Dusun {} RT {}/RW {}", anak.dusun, anak.rt, anak.rw),
        pendidikan_kk: label_pendidikan_kk(anak.pendidikan_kk_id),
        pendidikan_sedang: label_pendidikan_sedang(anak.pendidikan_sedang_id),
        nama: anak.nama,
        umur,
        tahun,
        pilihan_tahun: pilihan_tahun(k, kode, berjalan).await?,
        ada,
        riwayat,
        sekolah: p.sekolah_desa(kode, tahun).await?,
        dusun_kembali: kembali.0,
        daftar_kembali: kembali.1,
        f,
        g,
        galat_umum,
    })
}

async fn form(
    State(k): State<Bersama>,
    m: Masuk,
    Path((kode, pid)): Path<(String, Uuid)>,
    Query(q): Query<Kueri>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_tulis()?;
    let berjalan = tahun_ajaran(k.store.hari_ini(desa.zona()));
    let tahun = tahun_dipilih(q.tahun.as_deref(), berjalan);
    let kembali = (
        q.dusun.unwrap_or_default(),
        daftar_dikenal(q.daftar.as_deref()),
    );
    let h = buat_form(
        &k,
        &m,
        &desa,
        pid,
        tahun,
        kembali,
        None,
        DaftarGalat::default(),
        None,
    )
    .await?;
    Ok(tampil(&h)?.into_response())
}

async fn catat(
    State(k): State<Bersama>,
    Path((kode, pid)): Path<(String, Uuid)>,
    kir: Kiriman,
) -> Result<Response, GalatWeb> {
    let desa = kir.m.desa(&k, &kode).await?;
    kir.m.wajib_tulis()?;
    // The child must be of this village before anything is read or written.
    if k.store.penduduk(&kode, pid).await?.is_none() {
        return Err(GalatWeb::TidakDitemukan);
    }
    let f = kir.isian;
    let berjalan = tahun_ajaran(k.store.hari_ini(desa.zona()));
    let mut g = DaftarGalat::default();
    let tahun = match f.get("tahun").trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(t) => Some(t),
            Err(_) => {
                g.push(
                    "tahun",
                    format!("Tahun ajaran harus angka tahun awalnya, contoh {berjalan}."),
                );
                None
            }
        },
    };
    let potensi_id = match f.get("potensi_id").trim() {
        "" => None,
        s => match s.parse::<Uuid>() {
            Ok(u) => Some(u),
            Err(_) => {
                g.push(
                    "potensi_id",
                    "Pilihan sekolah tidak dikenal; pilih dari daftar.",
                );
                None
            }
        },
    };
    let versi = f.get("versi").trim().parse::<i64>().ok();
    let isi = IsianCek {
        tahun,
        status: f.get("status").into(),
        jenjang: f.get("jenjang").into(),
        potensi_id,
        nama_sekolah: f.get("nama_sekolah").into(),
        alasan: f.get("alasan").into(),
        catatan: f.get("catatan").into(),
        versi,
    };
    let hasil = if g.is_empty() {
        k.store
            .pendidikan()
            .catat_cek(&kode, pid, &isi, &kir.m.aktor())
            .await
    } else {
        Err(balai_store::Galat::Isian(g))
    };
    let dusun_kembali = f.get("kembali_dusun").to_string();
    let daftar_kembali = daftar_dikenal(Some(f.get("kembali_daftar")));
    // The year shown again on a refusal: the one typed when it is a real one.
    let tahun_form = tahun
        .filter(|t| (2000..=berjalan).contains(t))
        .unwrap_or(berjalan);
    match hasil {
        Ok(_) => Ok(Redirect::to(&format!(
            "/desa/{kode}/pendidikan?{}&ok=cek_sekolah",
            kueri_daftar(tahun_form, &dusun_kembali, daftar_kembali)
        ))
        .into_response()),
        Err(e) => {
            let (g, umum) = pisah_galat(e)?;
            let h = buat_form(
                &k,
                &kir.m,
                &desa,
                pid,
                tahun_form,
                (dusun_kembali, daftar_kembali),
                Some(f),
                g,
                umum,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tampil(&h)?).into_response())
        }
    }
}
