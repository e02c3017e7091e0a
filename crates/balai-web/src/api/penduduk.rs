//! Residents, families and events over the API.

use super::JsonObjek;
use super::dalam_rentang;
use super::{HasilApi, Masalah, Token};
use crate::Bersama;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use balai_domain::penduduk::{DataPenduduk, parse_tanggal};
use balai_store::Galat;
use balai_store::penduduk::{JenisPeristiwa, RincianStatus, SaringPenduduk, Urutan};
use serde_json::{Map, Value, json};
use uuid::Uuid;

pub fn rute() -> Router<Bersama> {
    Router::new()
        .route("/desa/{kode}/penduduk", get(daftar).post(tambah))
        .route("/desa/{kode}/penduduk/cari", post(cari))
        .route("/desa/{kode}/penduduk/{id}", get(satu).put(ubah))
        .route(
            "/desa/{kode}/penduduk/{id}/peristiwa",
            get(riwayat).post(catat_status),
        )
        .route("/desa/{kode}/kelahiran", post(kelahiran))
        .route("/desa/{kode}/pindah-masuk", post(pindah_masuk))
        .route("/desa/{kode}/keluarga", get(daftar_keluarga))
        .route("/desa/{kode}/keluarga/{id}", get(keluarga))
        .route("/desa/{kode}/peristiwa", get(daftar_peristiwa))
        .route("/desa/{kode}/statistik/{jenis}", get(statistik))
        .route("/desa/{kode}/rumah-tangga", get(daftar_rumah_tangga))
        .route("/desa/{kode}/rumah-tangga/{id}", get(rumah_tangga))
}

async fn daftar_rumah_tangga(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    Ok(Json(json!({"data": k.store.daftar_rumah_tangga(&kode, 1000).await?})).into_response())
}

async fn rumah_tangga(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    let r = k
        .store
        .rumah_tangga(&kode, id)
        .await?
        .ok_or(Galat::TidakDitemukan)?;
    let anggota = k.store.anggota_rumah_tangga(&kode, id).await?;
    k.store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: &kode,
            aktor: &t.aktor(),
            aksi: "lihat",
            objek: "rumah_tangga",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: None,
        })
        .await?;
    Ok(Json(json!({"data": r, "anggota": anggota})).into_response())
}

async fn statistik(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, jenis)): Path<(String, String)>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    let j = balai_store::statistik::JenisStatistik::dari_kode(&jenis).ok_or_else(|| {
        let semua: Vec<&str> = balai_store::statistik::JenisStatistik::SEMUA
            .iter()
            .map(|j| j.kode())
            .collect();
        Masalah::new(
            StatusCode::NOT_FOUND,
            format!(
                "Jenis statistik tidak dikenal; pilih salah satu: {}.",
                semua.join(", ")
            ),
        )
    })?;
    let s = k
        .store
        .statistik_penduduk(&kode, j, k.store.hari_ini(desa.zona()))
        .await?;
    Ok(Json(json!({"data": s})).into_response())
}

/// Filters of `GET …/penduduk` (no name or NIK: those go in the body of `POST …/penduduk/cari`).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct KueriDaftar {
    dusun: String,
    rw: String,
    rt: String,
    jenis_kelamin: Option<i16>,
    umur_min: Option<i32>,
    umur_max: Option<i32>,
    status_dasar: Option<i16>,
    pendidikan_kk_id: Option<i16>,
    pekerjaan_id: Option<i16>,
    agama_id: Option<i16>,
    status_kawin_id: Option<i16>,
    urut: Option<Urutan>,
    cursor: Option<String>,
    batas: Option<i64>,
    q: Option<String>,
}

impl KueriDaftar {
    fn saring(self) -> HasilApi<SaringPenduduk> {
        let setelah = match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(c.parse::<Uuid>().map_err(|_| {
                Masalah::new(
                    StatusCode::BAD_REQUEST,
                    "cursor tidak sah; gunakan nilai next_cursor dari halaman sebelumnya.",
                )
            })?),
            None => None,
        };
        Ok(SaringPenduduk {
            q: self.q.unwrap_or_default(),
            dusun: self.dusun,
            rw: self.rw,
            rt: self.rt,
            jenis_kelamin: self.jenis_kelamin,
            umur_min: self.umur_min,
            umur_max: self.umur_max,
            status_dasar: self.status_dasar,
            pendidikan_kk_id: self.pendidikan_kk_id,
            pekerjaan_id: self.pekerjaan_id,
            agama_id: self.agama_id,
            status_kawin_id: self.status_kawin_id,
            urut: self.urut.unwrap_or_default(),
            setelah,
            batas: Some(dalam_rentang("batas", self.batas, 50, 1, Some(500))?),
        })
    }
}

async fn halaman(k: &Bersama, t: &Token, kode: &str, s: SaringPenduduk) -> HasilApi<Response> {
    let desa = t.desa(k, kode).await?;
    let h = k
        .store
        .daftar_penduduk(kode, &s, k.store.hari_ini(desa.zona()))
        .await?;
    Ok(Json(json!({"data": h.isi, "total": h.total, "next_cursor": h.berikutnya})).into_response())
}

async fn daftar(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriDaftar>,
) -> HasilApi<Response> {
    if q.q.as_deref().is_some_and(|v| !v.is_empty()) {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Pencarian nama/NIK tidak boleh di URL; gunakan POST …/penduduk/cari dengan badan JSON {\"q\": \"…\"}.",
        ));
    }
    halaman(&k, &t, &kode, q.saring()?).await
}

async fn cari(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    JsonObjek(q): JsonObjek<KueriDaftar>,
) -> HasilApi<Response> {
    halaman(&k, &t, &kode, q.saring()?).await
}

async fn satu(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    let p = k.store.buka_penduduk(&kode, id, &t.aktor()).await?;
    Ok(Json(json!({"data": p})).into_response())
}

/// Reads a JSON object of field → value (strings or numbers) through the one validator.
fn data_dari_json(
    isi: &Map<String, Value>,
    hari_ini: chrono::NaiveDate,
) -> Result<DataPenduduk, Galat> {
    let ambil = |c: &str| {
        isi.get(c).and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            v => Some(v.to_string()),
        })
    };
    DataPenduduk::dari_isian(&ambil, hari_ini).map_err(Galat::Isian)
}

async fn tambah(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Json(isi): Json<Map<String, Value>>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    t.wajib_tulis()?;
    let d = data_dari_json(&isi, k.store.hari_ini(desa.zona()))?;
    let id = k.store.tambah_penduduk(&kode, &d, &t.aktor()).await?;
    let p = k.store.penduduk(&kode, id).await?;
    Ok((StatusCode::CREATED, Json(json!({"data": p}))).into_response())
}

async fn ubah(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
    Json(isi): Json<Map<String, Value>>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    t.wajib_tulis()?;
    let versi = isi.get("versi").and_then(Value::as_i64).ok_or_else(|| {
        Masalah::new(StatusCode::UNPROCESSABLE_ENTITY, "Sertakan \"versi\": nilai versi data yang Anda baca, agar perubahan orang lain tidak tertimpa.")
    })?;
    let d = data_dari_json(&isi, k.store.hari_ini(desa.zona()))?;
    k.store
        .ubah_penduduk(&kode, id, versi, &d, &t.aktor())
        .await?;
    let p = k.store.penduduk(&kode, id).await?;
    Ok(Json(json!({"data": p})).into_response())
}

async fn riwayat(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    k.store
        .penduduk(&kode, id)
        .await?
        .ok_or(Galat::TidakDitemukan)?;
    Ok(Json(json!({"data": k.store.riwayat_penduduk(&kode, id).await?})).into_response())
}

#[derive(serde::Deserialize)]
struct KirimStatus {
    jenis: String,
    tanggal: Option<String>,
    #[serde(default)]
    tempat: String,
    #[serde(default)]
    sebab: String,
    #[serde(default)]
    keterangan: String,
}

async fn catat_status(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
    JsonObjek(b): JsonObjek<KirimStatus>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    t.wajib_tulis()?;
    let jenis = match b.jenis.as_str() {
        "mati" => JenisPeristiwa::Mati,
        "pindah_keluar" => JenisPeristiwa::PindahKeluar,
        "hilang" => JenisPeristiwa::Hilang,
        _ => {
            return Err(Galat::isian(
                "jenis",
                "jenis harus salah satu dari: mati, pindah_keluar, hilang.",
            )
            .into());
        }
    };
    let tanggal = match b.tanggal.as_deref() {
        Some(s) => Some(parse_tanggal(s).ok_or_else(|| {
            Galat::isian("tanggal", "Tanggal tidak terbaca; gunakan TTTT-BB-HH.")
        })?),
        None => None,
    };
    let r = RincianStatus {
        tanggal,
        keterangan: b.keterangan,
        tempat: b.tempat,
        sebab: b.sebab,
    };
    k.store
        .catat_status(&kode, id, jenis, &r, &t.aktor())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"data": k.store.penduduk(&kode, id).await?})),
    )
        .into_response())
}

async fn kelahiran(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Json(isi): Json<Map<String, Value>>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    t.wajib_tulis()?;
    let d = data_dari_json(&isi, k.store.hari_ini(desa.zona()))?;
    let id = k.store.catat_kelahiran(&kode, &d, &t.aktor()).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"data": k.store.penduduk(&kode, id).await?})),
    )
        .into_response())
}

async fn pindah_masuk(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Json(isi): Json<Map<String, Value>>,
) -> HasilApi<Response> {
    let desa = t.desa(&k, &kode).await?;
    t.wajib_tulis()?;
    let d = data_dari_json(&isi, k.store.hari_ini(desa.zona()))?;
    let tanggal = isi
        .get("tanggal_pindah")
        .and_then(Value::as_str)
        .and_then(parse_tanggal);
    let asal = isi.get("asal").and_then(Value::as_str).unwrap_or("");
    let id = k
        .store
        .catat_pindah_masuk(&kode, &d, tanggal, asal, &t.aktor())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"data": k.store.penduduk(&kode, id).await?})),
    )
        .into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct KueriKeluarga {
    dusun: String,
    cursor: Option<String>,
    batas: Option<i64>,
}

async fn daftar_keluarga(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriKeluarga>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    let batas = dalam_rentang("batas", q.batas, 50, 1, Some(500))?;
    let mut isi = k
        .store
        .daftar_keluarga(&kode, "", &q.dusun, q.cursor.as_deref(), batas + 1)
        .await?;
    let berikutnya = if isi.len() as i64 > batas {
        isi.truncate(batas as usize);
        isi.last().map(|k| k.no_kk.clone())
    } else {
        None
    };
    Ok(Json(json!({"data": isi, "next_cursor": berikutnya})).into_response())
}

async fn keluarga(
    State(k): State<Bersama>,
    t: Token,
    Path((kode, id)): Path<(String, Uuid)>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    let kel = k
        .store
        .keluarga(&kode, id)
        .await?
        .ok_or(Galat::TidakDitemukan)?;
    let anggota = k.store.anggota_keluarga(&kode, id).await?;
    k.store
        .catat_audit(balai_store::audit::Catatan {
            desa_id: &kode,
            aktor: &t.aktor(),
            aksi: "lihat",
            objek: "keluarga",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: None,
        })
        .await?;
    Ok(Json(json!({"data": kel, "anggota": anggota})).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct KueriPeristiwa {
    jenis: Option<String>,
    batas: Option<i64>,
}

async fn daftar_peristiwa(
    State(k): State<Bersama>,
    t: Token,
    Path(kode): Path<String>,
    Query(q): Query<KueriPeristiwa>,
) -> HasilApi<Response> {
    t.desa(&k, &kode).await?;
    let jenis = q.jenis.as_deref().filter(|j| !j.is_empty());
    if let Some(j) = jenis
        && balai_store::penduduk::JenisPeristiwa::dari_kode(j).is_none()
    {
        return Err(Masalah::new(
            StatusCode::BAD_REQUEST,
            "Parameter `jenis` tidak sah: pilih lahir, mati, pindah_masuk, pindah_keluar, hilang, koreksi atau pembatalan.",
        ));
    }
    let isi = k
        .store
        .daftar_peristiwa(
            &kode,
            jenis,
            dalam_rentang("batas", q.batas, 100, 1, Some(1000))?,
        )
        .await?;
    let data: Vec<Value> = isi
        .into_iter()
        .map(|(p, nama)| json!({"peristiwa": p, "nama": nama}))
        .collect();
    Ok(Json(json!({"data": data})).into_response())
}
