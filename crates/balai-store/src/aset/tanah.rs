//! The village's land registers: tanah kas desa (land the village owns, book A.5) and tanah di
//! desa (all land in the village by owner, right status and use, book A.6). Areas are whole m².

use super::Aset;
use crate::audit::{Catatan, catat};
use crate::buku::{Buku, Kekurangan, Periode, kosong, tgl};
use crate::{Aktor, Galat, id_baru, on_db, on_tx};
pub use balai_domain::aset::tanah::{
    IsianTanahDesa, IsianTanahKas, JENIS_PEMILIK, JENIS_TKD, PENGGUNAAN, PEROLEHAN, STATUS_HAK,
};
use balai_domain::aset::tanah::{TanahDesaSah, TanahKasSah, periksa_tanah_desa, periksa_tanah_kas};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TanahKas {
    pub id: Uuid,
    /// Where it comes from: "Bengkok", "Titisara", "Pembelian 2019" …
    pub asal: String,
    /// Certificate, letter C or persil number.
    pub nomor_sertifikat: String,
    pub luas: i64,
    pub kelas: String,
    pub perolehan: String,
    pub tanggal_peroleh: Option<NaiveDate>,
    pub jenis: String,
    pub patok: bool,
    pub papan_nama: bool,
    pub lokasi: String,
    pub peruntukan: String,
    pub mutasi: String,
    pub keterangan: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl TanahKas {
    pub fn label_perolehan(&self) -> &'static str {
        super::label(&PEROLEHAN, &self.perolehan)
    }
    pub fn label_jenis(&self) -> &'static str {
        super::label(&JENIS_TKD, &self.jenis)
    }
}

const KOLOM_KAS: &str = "id, asal, nomor_sertifikat, luas, kelas, perolehan, tanggal_peroleh, jenis, patok, papan_nama, \
     lokasi, peruntukan, mutasi, keterangan, dicatat_oleh, versi, dibuat_pada, diubah_pada";

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TanahDesa {
    pub id: Uuid,
    pub pemilik: String,
    pub jenis_pemilik: String,
    pub luas: i64,
    /// JSON: m² per `STATUS_HAK` code.
    pub luas_hak: String,
    /// JSON: m² per `PENGGUNAAN` code.
    pub luas_guna: String,
    pub lokasi: String,
    pub keterangan: String,
    pub dicatat_oleh: String,
    pub versi: i64,
    pub dibuat_pada: DateTime<Utc>,
    pub diubah_pada: DateTime<Utc>,
}

impl TanahDesa {
    pub fn hak(&self) -> BTreeMap<String, i64> {
        serde_json::from_str(&self.luas_hak).unwrap_or_default()
    }
    pub fn guna(&self) -> BTreeMap<String, i64> {
        serde_json::from_str(&self.luas_guna).unwrap_or_default()
    }
    pub fn label_pemilik(&self) -> &'static str {
        super::label(&JENIS_PEMILIK, &self.jenis_pemilik)
    }
    /// "HM 500 m², TN 200 m²".
    pub fn ringkas_hak(&self) -> String {
        ringkas(&self.hak(), &STATUS_HAK, true)
    }
    pub fn ringkas_guna(&self) -> String {
        ringkas(&self.guna(), &PENGGUNAAN, false)
    }
}

fn ringkas(m: &BTreeMap<String, i64>, daftar: &[(&str, &str)], singkat: bool) -> String {
    daftar
        .iter()
        .filter_map(|(k, l)| {
            let n = *m.get(*k)?;
            (n > 0).then(|| {
                let nama = if singkat {
                    k.to_uppercase()
                } else {
                    l.to_string()
                };
                format!("{nama} {n} m²")
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const KOLOM_DESA: &str = "id, pemilik, jenis_pemilik, luas, luas_hak, luas_guna, lokasi, keterangan, dicatat_oleh, versi, \
     dibuat_pada, diubah_pada";

fn konflik(apa: &str) -> Galat {
    Galat::Konflik(format!(
        "Data {apa} sudah diubah orang lain sejak dibuka. Muat ulang halaman, periksa, lalu simpan lagi."
    ))
}

impl Aset<'_> {
    pub async fn daftar_tanah_kas(&self, desa_id: &str) -> Result<Vec<TanahKas>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_KAS} FROM tanah_kas_desa WHERE desa_id = $1 ORDER BY tanggal_peroleh, asal LIMIT 5000"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    pub async fn tanah_kas(&self, desa_id: &str, id: Uuid) -> Result<Option<TanahKas>, Galat> {
        let sql = format!("SELECT {KOLOM_KAS} FROM tanah_kas_desa WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Records a parcel of tanah kas desa, or changes one (with the `versi` read).
    pub async fn simpan_tanah_kas(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        isi: &IsianTanahKas,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let hari_ini = self.hari_ini(desa_id).await?;
        let TanahKasSah {
            asal,
            nomor,
            luas,
            kelas,
            perolehan,
            tanggal,
            jenis,
            lokasi,
            peruntukan,
            mutasi,
            keterangan: ket,
        } = periksa_tanah_kas(isi, hari_ini)?;
        let lama = match id {
            Some(id) => Some(
                self.tanah_kas(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        let now = self.s.sekarang();
        let sesudah = json!({
            "asal": asal, "nomor_sertifikat": nomor, "luas": luas, "kelas": kelas, "perolehan": perolehan,
            "tanggal_peroleh": tanggal, "jenis": jenis, "patok": isi.patok, "papan_nama": isi.papan_nama,
            "lokasi": lokasi, "peruntukan": peruntukan, "mutasi": mutasi, "keterangan": ket,
        });
        let mut tx = self.s.db.begin().await?;
        let (id, sebelum) = match lama {
            None => {
                let id = id_baru();
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO tanah_kas_desa (desa_id, id, asal, nomor_sertifikat, luas, kelas, perolehan, tanggal_peroleh, \
                     jenis, patok, papan_nama, lokasi, peruntukan, mutasi, keterangan, dicatat_oleh, dibuat_pada, diubah_pada) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)")
                    .bind(desa_id).bind(id).bind(&asal).bind(&nomor).bind(luas).bind(&kelas).bind(perolehan).bind(tanggal)
                    .bind(jenis).bind(isi.patok).bind(isi.papan_nama).bind(&lokasi).bind(&peruntukan).bind(&mutasi)
                    .bind(&ket).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
                (id, None)
            }
            Some(l) => {
                if isi.versi != Some(l.versi) {
                    return Err(konflik("tanah kas desa"));
                }
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE tanah_kas_desa SET asal = $4, nomor_sertifikat = $5, luas = $6, kelas = $7, perolehan = $8, \
                     tanggal_peroleh = $9, jenis = $10, patok = $11, papan_nama = $12, lokasi = $13, peruntukan = $14, \
                     mutasi = $15, keterangan = $16, dicatat_oleh = $17, versi = versi + 1, diubah_pada = $18 \
                     WHERE desa_id = $1 AND id = $2 AND versi = $3")
                    .bind(desa_id).bind(l.id).bind(l.versi).bind(&asal).bind(&nomor).bind(luas).bind(&kelas).bind(perolehan)
                    .bind(tanggal).bind(jenis).bind(isi.patok).bind(isi.papan_nama).bind(&lokasi).bind(&peruntukan)
                    .bind(&mutasi).bind(&ket).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(konflik("tanah kas desa"));
                }
                (l.id, serde_json::to_value(&l).ok())
            }
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if sebelum.is_some() { "ubah" } else { "catat" },
                objek: "tanah_kas_desa",
                objek_id: id.to_string(),
                sebelum,
                sesudah: Some(sesudah),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn daftar_tanah_desa(&self, desa_id: &str) -> Result<Vec<TanahDesa>, Galat> {
        let sql = format!(
            "SELECT {KOLOM_DESA} FROM tanah_desa WHERE desa_id = $1 ORDER BY pemilik, dibuat_pada LIMIT 20000"
        );
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?,
        )
    }

    pub async fn tanah_desa(&self, desa_id: &str, id: Uuid) -> Result<Option<TanahDesa>, Galat> {
        let sql = format!("SELECT {KOLOM_DESA} FROM tanah_desa WHERE desa_id = $1 AND id = $2");
        Ok(
            on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(id).fetch_optional(p).await)?,
        )
    }

    /// Records a holding of land in the village, or changes one. The m² per right status and
    /// per use, when given, must each add up to the area.
    pub async fn simpan_tanah_desa(
        &self,
        desa_id: &str,
        id: Option<Uuid>,
        isi: &IsianTanahDesa,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let TanahDesaSah {
            pemilik,
            jenis,
            luas,
            hak,
            guna,
            lokasi,
            keterangan: ket,
        } = periksa_tanah_desa(isi)?;
        let (hak_json, guna_json) = (json!(hak).to_string(), json!(guna).to_string());
        let lama = match id {
            Some(id) => Some(
                self.tanah_desa(desa_id, id)
                    .await?
                    .ok_or(Galat::TidakDitemukan)?,
            ),
            None => None,
        };
        let now = self.s.sekarang();
        let sesudah = json!({"pemilik": pemilik, "jenis_pemilik": jenis, "luas": luas, "hak": hak, "guna": guna,
            "lokasi": lokasi, "keterangan": ket});
        let mut tx = self.s.db.begin().await?;
        let (id, sebelum) = match lama {
            None => {
                let id = id_baru();
                on_tx!(&mut tx, c => sqlx::query(
                    "INSERT INTO tanah_desa (desa_id, id, pemilik, jenis_pemilik, luas, luas_hak, luas_guna, lokasi, keterangan, \
                     dicatat_oleh, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)")
                    .bind(desa_id).bind(id).bind(&pemilik).bind(jenis).bind(luas).bind(&hak_json).bind(&guna_json)
                    .bind(&lokasi).bind(&ket).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await.map(|_| ()))?;
                (id, None)
            }
            Some(l) => {
                if isi.versi != Some(l.versi) {
                    return Err(konflik("tanah di desa"));
                }
                let n = on_tx!(&mut tx, c => sqlx::query(
                    "UPDATE tanah_desa SET pemilik = $4, jenis_pemilik = $5, luas = $6, luas_hak = $7, luas_guna = $8, lokasi = $9, \
                     keterangan = $10, dicatat_oleh = $11, versi = versi + 1, diubah_pada = $12 \
                     WHERE desa_id = $1 AND id = $2 AND versi = $3")
                    .bind(desa_id).bind(l.id).bind(l.versi).bind(&pemilik).bind(jenis).bind(luas).bind(&hak_json)
                    .bind(&guna_json).bind(&lokasi).bind(&ket).bind(&aktor.0).bind(now)
                    .execute(&mut *c).await?.rows_affected());
                if n != 1 {
                    return Err(konflik("tanah di desa"));
                }
                (l.id, serde_json::to_value(&l).ok())
            }
        };
        catat(
            &mut tx,
            now,
            Catatan {
                desa_id,
                aktor,
                aksi: if sebelum.is_some() { "ubah" } else { "catat" },
                objek: "tanah_desa",
                objek_id: id.to_string(),
                sebelum,
                sesudah: Some(sesudah),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Book A.5, Buku Tanah Kas Desa: every parcel acquired by the end of the period (or
    /// without a date), the area under its acquisition and its kind.
    pub async fn buku_a5(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.5", "");
        let semua = self.daftar_tanah_kas(desa_id).await?;
        let sel = |ya: bool, n: i64| if ya { n.to_string() } else { "—".into() };
        let ya = |ya: bool| if ya { "Ya".to_string() } else { "—".into() };
        for t in semua
            .iter()
            .filter(|t| t.tanggal_peroleh.is_none_or(|d| d <= p.sampai))
        {
            let n = t.luas;
            b.tambah(vec![
                t.asal.clone(),
                kosong(&t.nomor_sertifikat),
                n.to_string(),
                kosong(&t.kelas),
                sel(t.perolehan == "asli", n),
                sel(t.perolehan == "pusat", n),
                sel(t.perolehan == "provinsi", n),
                sel(t.perolehan == "kabupaten", n),
                sel(t.perolehan == "lain", n),
                t.tanggal_peroleh.map(tgl).unwrap_or_else(|| "—".into()),
                sel(t.jenis == "sawah", n),
                sel(t.jenis == "tegal", n),
                sel(t.jenis == "kebun", n),
                sel(t.jenis == "tambak", n),
                sel(t.jenis == "kering", n),
                ya(t.patok),
                ya(!t.patok),
                ya(t.papan_nama),
                ya(!t.papan_nama),
                kosong(&t.lokasi),
                kosong(&t.peruntukan),
                kosong(&t.mutasi),
                kosong(&t.keterangan),
            ]);
        }
        if semua.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada tanah kas desa yang dicatat. Catat setiap bidang tanah kas desa (asal, nomor sertifikat/letter C, luas, jenis) agar buku ini terisi.".into(),
                tautan: format!("/desa/{desa_id}/tanah"),
                label_tautan: "Catat tanah kas desa".into(),
            });
        }
        Ok(b)
    }

    /// Book A.6, Buku Tanah di Desa: every holding with its m² per right status and per use
    /// (the register keeps the present state, so the period does not narrow it).
    pub async fn buku_a6(&self, desa_id: &str, _p: &Periode) -> Result<Buku, Galat> {
        let mut b = Buku::baru("A.6", "");
        let semua = self.daftar_tanah_desa(desa_id).await?;
        for t in &semua {
            let (hak, guna) = (t.hak(), t.guna());
            let m2 = |m: &BTreeMap<String, i64>, k: &str| {
                m.get(k)
                    .filter(|n| **n > 0)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into())
            };
            let mut sel = vec![t.pemilik.clone(), t.luas.to_string()];
            sel.extend(STATUS_HAK.iter().map(|(k, _)| m2(&hak, k)));
            sel.extend(PENGGUNAAN.iter().map(|(k, _)| m2(&guna, k)));
            let mut ket = vec![t.label_pemilik().to_string()];
            if !t.lokasi.is_empty() {
                ket.push(t.lokasi.clone());
            }
            if !t.keterangan.is_empty() {
                ket.push(t.keterangan.clone());
            }
            sel.push(ket.join("; "));
            b.tambah(sel);
        }
        if semua.is_empty() {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada data tanah di desa. Catat pemilik setiap bidang tanah beserta luas menurut status hak dan penggunaannya agar buku ini terisi.".into(),
                tautan: format!("/desa/{desa_id}/tanah"),
                label_tautan: "Catat tanah di desa".into(),
            });
        }
        Ok(b)
    }
}
