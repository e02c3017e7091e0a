//! Adding and changing residents. One `Penulis` works inside one transaction and caches the
//! lookups (RT, KK, known districts) so a 10,000-row import does not repeat them per row.

use super::peristiwa::JenisPeristiwa;
use super::{HIDUP, Penduduk, SELECT_PENDUDUK};
use crate::audit::{Catatan, RantaiTunda};
use crate::{Aktor, Galat, Store, Tx, id_baru, on_tx};
use balai_domain::nik::{Nik, samarkan};
use balai_domain::penduduk::DataPenduduk;
use balai_domain::penduduk::kepala_keluarga;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

/// What happened to a row written by `simpan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HasilTambah {
    Baru(Uuid),
    Diubah(Uuid),
    TidakBerubah(Uuid),
}

impl HasilTambah {
    pub fn id(self) -> Uuid {
        match self {
            HasilTambah::Baru(id) | HasilTambah::Diubah(id) | HasilTambah::TidakBerubah(id) => id,
        }
    }
}

struct InfoKk {
    id: Uuid,
    kepala_id: Option<Uuid>,
}

pub(crate) struct Penulis<'a> {
    pub tx: Tx,
    pub desa_id: &'a str,
    pub aktor: &'a Aktor,
    pub now: DateTime<Utc>,
    rt: HashMap<(String, String, String), Uuid>,
    kk: HashMap<String, InfoKk>,
    kecamatan: HashMap<String, bool>,
    rantai: RantaiTunda,
    /// The caller already knows these NIKs are not in the village (bulk writers): `tambah`
    /// skips its own lookup.
    pub nik_sudah_diperiksa: bool,
    /// The record being written is of someone dead or gone (an import's historical row): it
    /// never becomes, or stays, the recorded head of its family, whatever its SHDK says.
    pub bukan_kepala: bool,
}

fn json(d: &DataPenduduk) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or_default()
}

impl<'a> Penulis<'a> {
    pub async fn mulai(
        store: &Store,
        desa_id: &'a str,
        aktor: &'a Aktor,
    ) -> Result<Penulis<'a>, Galat> {
        Ok(Penulis {
            tx: store.db.begin().await?,
            desa_id,
            aktor,
            now: store.sekarang(),
            rt: HashMap::new(),
            kk: HashMap::new(),
            kecamatan: HashMap::new(),
            rantai: RantaiTunda::baru(desa_id),
            nik_sudah_diperiksa: false,
            bukan_kepala: false,
        })
    }

    pub async fn selesai(mut self) -> Result<(), Galat> {
        self.rantai.selesai(&mut self.tx, self.now).await?;
        self.tx.commit().await
    }

    /// Appends to the audit log inside this transaction.
    pub async fn catat(&mut self, c: Catatan<'_>) -> Result<(), Galat> {
        self.rantai.catat(&mut self.tx, self.now, c).await
    }

    async fn rt_id(&mut self, d: &DataPenduduk) -> Result<Uuid, Galat> {
        let kunci = (d.dusun.clone(), d.rw.clone(), d.rt.clone());
        if let Some(id) = self.rt.get(&kunci) {
            return Ok(*id);
        }
        let id = Store::pastikan_rt(&mut self.tx, self.desa_id, &d.dusun, &d.rw, &d.rt).await?;
        self.rt.insert(kunci, id);
        Ok(id)
    }

    /// Whether a NIK's 6-digit region of issue is in the region table (cached per import).
    pub(crate) async fn kecamatan_dikenal(&mut self, kode6: &str) -> Result<bool, Galat> {
        if let Some(v) = self.kecamatan.get(kode6) {
            return Ok(*v);
        }
        let ada: Option<String> = on_tx!(&mut self.tx, c => sqlx::query_scalar(
            "SELECT kode FROM wilayah WHERE kode = $1 AND tingkat = 'kecamatan'").bind(kode6).fetch_optional(&mut *c).await?);
        self.kecamatan.insert(kode6.to_string(), ada.is_some());
        Ok(ada.is_some())
    }

    /// The family of a KK number, created (with the resident's address) if new.
    async fn keluarga(&mut self, no_kk: &str, rt_id: Uuid, alamat: &str) -> Result<Uuid, Galat> {
        if let Some(k) = self.kk.get(no_kk) {
            return Ok(k.id);
        }
        let ada: Option<(Uuid, Option<Uuid>)> = on_tx!(&mut self.tx, c => sqlx::query_as(
            "SELECT id, kepala_id FROM keluarga WHERE desa_id = $1 AND no_kk = $2")
            .bind(self.desa_id).bind(no_kk).fetch_optional(&mut *c).await?);
        let info = match ada {
            Some((id, kepala_id)) => InfoKk { id, kepala_id },
            None => {
                let id = crate::id_alami(&["keluarga", self.desa_id, no_kk]);
                // Taken when a family's KK number changed since: a fresh id then.
                let dipakai: Option<i32> = on_tx!(&mut self.tx, c => sqlx::query_scalar(
                    "SELECT 1 FROM keluarga WHERE desa_id = $1 AND id = $2")
                    .bind(self.desa_id).bind(id).fetch_optional(&mut *c).await?);
                let id = if dipakai.is_some() { id_baru() } else { id };
                on_tx!(&mut self.tx, c => sqlx::query(
                    "INSERT INTO keluarga (desa_id, id, no_kk, rt_id, alamat, dibuat_pada, diubah_pada) VALUES ($1, $2, $3, $4, $5, $6, $6)")
                    .bind(self.desa_id).bind(id).bind(no_kk).bind(rt_id).bind(alamat).bind(self.now).execute(&mut *c).await?.rows_affected());
                self.catat(Catatan {
                    desa_id: self.desa_id,
                    aktor: self.aktor,
                    aksi: "buat",
                    objek: "keluarga",
                    objek_id: id.to_string(),
                    sebelum: None,
                    sesudah: Some(serde_json::json!({"no_kk": no_kk, "alamat": alamat})),
                })
                .await?;
                InfoKk {
                    id,
                    kepala_id: None,
                }
            }
        };
        let id = info.id;
        self.kk.insert(no_kk.to_string(), info);
        Ok(id)
    }

    /// Checks "one head per family" and records the new head.
    async fn atur_kepala(&mut self, no_kk: &str, id: Uuid, nama: &str) -> Result<(), Galat> {
        let info = self.kk.get(no_kk).ok_or(Galat::TidakDitemukan)?;
        let (kk_id, kepala) = (info.id, info.kepala_id);
        if let Some(lain) = kepala.filter(|k| *k != id) {
            let nama_lain: Option<(String, String, i16)> = on_tx!(&mut self.tx, c => sqlx::query_as(
                "SELECT nama, nik, status_dasar FROM penduduk WHERE desa_id = $1 AND id = $2")
                .bind(self.desa_id).bind(lain).fetch_optional(&mut *c).await?);
            if let Some((n, nik, status)) = nama_lain
                && status == HIDUP
            {
                return Err(Galat::isian(
                    "shdk_id",
                    format!(
                        "Keluarga dengan KK {no_kk} sudah mempunyai kepala keluarga: {n} (NIK {}). Satu keluarga hanya boleh satu kepala keluarga; ubah dahulu hubungan keluarga {n}, atau pilih hubungan lain untuk {nama}.",
                        samarkan(&nik)
                    ),
                ));
            }
        }
        on_tx!(&mut self.tx, c => sqlx::query("UPDATE keluarga SET kepala_id = $3, diubah_pada = $4, versi = versi + 1 WHERE desa_id = $1 AND id = $2")
            .bind(self.desa_id).bind(kk_id).bind(id).bind(self.now).execute(&mut *c).await?.rows_affected());
        if let Some(info) = self.kk.get_mut(no_kk) {
            info.kepala_id = Some(id);
        }
        Ok(())
    }

    async fn lepas_kepala(&mut self, keluarga_id: Uuid, id: Uuid) -> Result<(), Galat> {
        on_tx!(&mut self.tx, c => sqlx::query(
            "UPDATE keluarga SET kepala_id = NULL, diubah_pada = $4, versi = versi + 1 WHERE desa_id = $1 AND id = $2 AND kepala_id = $3")
            .bind(self.desa_id).bind(keluarga_id).bind(id).bind(self.now).execute(&mut *c).await?.rows_affected());
        for info in self.kk.values_mut() {
            if info.id == keluarga_id && info.kepala_id == Some(id) {
                info.kepala_id = None;
            }
        }
        Ok(())
    }

    async fn cari_nik(&mut self, nik: &str) -> Result<Option<Penduduk>, Galat> {
        let sql = format!("{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.nik = $2");
        Ok(
            on_tx!(&mut self.tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(self.desa_id).bind(nik).fetch_optional(&mut *c).await?),
        )
    }

    pub async fn ambil(&mut self, id: Uuid) -> Result<Option<Penduduk>, Galat> {
        let sql = format!("{SELECT_PENDUDUK} WHERE p.desa_id = $1 AND p.id = $2");
        Ok(
            on_tx!(&mut self.tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(self.desa_id).bind(id).fetch_optional(&mut *c).await?),
        )
    }

    /// The village's next temporary NIK ("NIK menunggu"), for a record written without one.
    async fn nik_sementara_baru(&mut self) -> Result<Nik, Galat> {
        // Only this village's own series ("0" + its code): a stray or imported 0-NIK of
        // another shape must not push the serial.
        let pertama = Nik::sementara(self.desa_id, 1).map_err(|e| Galat::isian("nik", e))?;
        let awalan = format!("{}%", &pertama.as_str()[..11]);
        let terakhir: Option<String> = on_tx!(&mut self.tx, c => sqlx::query_scalar(
            "SELECT max(nik) FROM penduduk WHERE desa_id = $1 AND nik LIKE $2")
            .bind(self.desa_id).bind(&awalan).fetch_one(&mut *c).await?);
        let urut = terakhir
            .and_then(|n| n.get(11..).and_then(|u| u.parse::<u32>().ok()))
            .unwrap_or(0)
            + 1;
        Nik::sementara(self.desa_id, urut).map_err(|e| Galat::isian("nik", e))
    }

    /// Adds a new resident; refuses a NIK already in the village, naming its holder. A record
    /// written with `Nik::MENUNGGU` gets the village's next temporary NIK.
    pub async fn tambah(
        &mut self,
        d: &DataPenduduk,
        peristiwa: Option<(JenisPeristiwa, NaiveDate, serde_json::Value)>,
    ) -> Result<Uuid, Galat> {
        let sementara;
        let d = if d.nik.as_str() == Nik::MENUNGGU {
            let mut s = d.clone();
            s.nik = self.nik_sementara_baru().await?;
            sementara = s;
            &sementara
        } else {
            d
        };
        if !self.nik_sudah_diperiksa
            && let Some(ada) = self.cari_nik(d.nik.as_str()).await?
        {
            return Err(Galat::isian(
                "nik",
                format!(
                    "NIK {} sudah terdaftar atas nama {} (status {}). Buka data tersebut untuk mengubahnya; satu NIK hanya untuk satu penduduk.",
                    d.nik,
                    ada.nama,
                    ada.status_label()
                ),
            ));
        }
        let id = id_baru();
        self.sisipkan(id, d).await?;
        self.catat(Catatan {
            desa_id: self.desa_id,
            aktor: self.aktor,
            aksi: "buat",
            objek: "penduduk",
            objek_id: id.to_string(),
            sebelum: None,
            sesudah: Some(json(d)),
        })
        .await?;
        if let Some((jenis, tanggal, rincian)) = peristiwa {
            super::peristiwa::tulis_peristiwa(self, id, jenis, tanggal, "", rincian).await?;
        }
        Ok(id)
    }

    async fn sisipkan(&mut self, id: Uuid, d: &DataPenduduk) -> Result<(), Galat> {
        let rt_id = self.rt_id(d).await?;
        let keluarga_id = match &d.no_kk {
            Some(kk) => Some(
                self.keluarga(kk.as_str(), rt_id, &d.alamat_sekarang)
                    .await?,
            ),
            None => None,
        };
        if kepala_keluarga(d.shdk_id) && !self.bukan_kepala {
            match &d.no_kk {
                Some(kk) => self.atur_kepala(kk.as_str(), id, &d.nama).await?,
                None => {
                    return Err(Galat::isian(
                        "no_kk",
                        "Kepala keluarga harus mempunyai Nomor KK.",
                    ));
                }
            }
        }
        // A temporary NIK carries no region of issue to check.
        let dikenal = d.nik.menunggu() || self.kecamatan_dikenal(d.nik.kode_wilayah()).await?;
        on_tx!(&mut self.tx, c => {
            sqlx::query(
                "INSERT INTO penduduk (desa_id, id, nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, agama_id, pendidikan_kk_id, \
                 pendidikan_sedang_id, pekerjaan_id, status_kawin_id, shdk_id, warganegara_id, nik_ayah, nama_ayah, nik_ibu, nama_ibu, \
                 golongan_darah_id, cacat_id, cara_kb_id, hamil, akta_lahir, no_paspor, tanggal_akhir_paspor, no_kitas, akta_perkawinan, \
                 tanggal_perkawinan, akta_perceraian, tanggal_perceraian, ktp_el_id, status_rekam_id, alamat_sebelumnya, alamat_sekarang, \
                 telepon, email, suku, asuransi_id, no_asuransi, keluarga_id, rt_id, status_dasar, nik_wilayah_dikenal, dibuat_pada, diubah_pada) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,\
                 $31,$32,$33,$34,$35,$36,$37,$38,$39,$40,$41,1,$42,$43,$43)")
                .bind(self.desa_id).bind(id).bind(d.nik.as_str()).bind(&d.nama).bind(d.jenis_kelamin).bind(&d.tempat_lahir)
                .bind(d.tanggal_lahir).bind(d.agama_id).bind(d.pendidikan_kk_id).bind(d.pendidikan_sedang_id).bind(d.pekerjaan_id)
                .bind(d.status_kawin_id).bind(d.shdk_id).bind(d.warganegara_id).bind(&d.nik_ayah).bind(&d.nama_ayah)
                .bind(&d.nik_ibu).bind(&d.nama_ibu).bind(d.golongan_darah_id).bind(d.cacat_id).bind(d.cara_kb_id).bind(d.hamil)
                .bind(&d.akta_lahir).bind(&d.no_paspor).bind(d.tanggal_akhir_paspor).bind(&d.no_kitas).bind(&d.akta_perkawinan)
                .bind(d.tanggal_perkawinan).bind(&d.akta_perceraian).bind(d.tanggal_perceraian).bind(d.ktp_el_id)
                .bind(d.status_rekam_id).bind(&d.alamat_sebelumnya).bind(&d.alamat_sekarang).bind(&d.telepon).bind(&d.email)
                .bind(&d.suku).bind(d.asuransi_id).bind(&d.no_asuransi).bind(keluarga_id).bind(rt_id).bind(dikenal).bind(self.now)
                .execute(&mut *c).await?;
        });
        Ok(())
    }

    /// Adds a resident, or overwrites the one with the same NIK in this village (imports, API
    /// upserts): running the same data twice updates, never duplicates.
    pub async fn simpan(&mut self, d: &DataPenduduk) -> Result<HasilTambah, Galat> {
        match self.cari_nik(d.nik.as_str()).await? {
            Some(lama) => self.ubah(&lama, None, d).await,
            None => self.tambah(d, None).await.map(HasilTambah::Baru),
        }
    }

    /// Overwrites a resident's data. `versi` is the version the editor saw; `None` skips the
    /// check (imports, which are authoritative). Records a correction event listing the changes.
    pub async fn ubah(
        &mut self,
        lama: &Penduduk,
        versi: Option<i64>,
        d: &DataPenduduk,
    ) -> Result<HasilTambah, Galat> {
        let lama_data = lama.data()?;
        // "No NIK yet" on a record that already has one (real or temporary) keeps it.
        let tetap;
        let d = if d.nik.as_str() == Nik::MENUNGGU {
            let mut s = d.clone();
            s.nik = lama_data.nik.clone();
            tetap = s;
            &tetap
        } else {
            d
        };
        if &lama_data == d {
            return Ok(HasilTambah::TidakBerubah(lama.id));
        }
        if lama.nik != d.nik.as_str()
            && let Some(ada) = self.cari_nik(d.nik.as_str()).await?
        {
            return Err(Galat::isian(
                "nik",
                format!(
                    "NIK {} sudah terdaftar atas nama {} (status {}).",
                    d.nik,
                    ada.nama,
                    ada.status_label()
                ),
            ));
        }
        let rt_id = self.rt_id(d).await?;
        let keluarga_id = match &d.no_kk {
            Some(kk) => Some(
                self.keluarga(kk.as_str(), rt_id, &d.alamat_sekarang)
                    .await?,
            ),
            None => None,
        };
        if kepala_keluarga(lama.shdk_id)
            && let Some(k) = lama.keluarga_id
            && (d.shdk_id != 1 || keluarga_id != Some(k))
        {
            self.lepas_kepala(k, lama.id).await?;
        }
        if kepala_keluarga(d.shdk_id) && lama.status_dasar == HIDUP && !self.bukan_kepala {
            match &d.no_kk {
                Some(kk) => self.atur_kepala(kk.as_str(), lama.id, &d.nama).await?,
                None => {
                    return Err(Galat::isian(
                        "no_kk",
                        "Kepala keluarga harus mempunyai Nomor KK.",
                    ));
                }
            }
        }
        // A temporary NIK carries no region of issue to check.
        let dikenal = d.nik.menunggu() || self.kecamatan_dikenal(d.nik.kode_wilayah()).await?;
        let versi_cek = versi.unwrap_or(lama.versi);
        let n = on_tx!(&mut self.tx, c => sqlx::query(
            "UPDATE penduduk SET nik=$4, nama=$5, jenis_kelamin=$6, tempat_lahir=$7, tanggal_lahir=$8, agama_id=$9, pendidikan_kk_id=$10, \
             pendidikan_sedang_id=$11, pekerjaan_id=$12, status_kawin_id=$13, shdk_id=$14, warganegara_id=$15, nik_ayah=$16, nama_ayah=$17, \
             nik_ibu=$18, nama_ibu=$19, golongan_darah_id=$20, cacat_id=$21, cara_kb_id=$22, hamil=$23, akta_lahir=$24, no_paspor=$25, \
             tanggal_akhir_paspor=$26, no_kitas=$27, akta_perkawinan=$28, tanggal_perkawinan=$29, akta_perceraian=$30, tanggal_perceraian=$31, \
             ktp_el_id=$32, status_rekam_id=$33, alamat_sebelumnya=$34, alamat_sekarang=$35, telepon=$36, email=$37, suku=$38, asuransi_id=$39, \
             no_asuransi=$40, keluarga_id=$41, rt_id=$42, nik_wilayah_dikenal=$43, versi = versi + 1, diubah_pada=$44 \
             WHERE desa_id = $1 AND id = $2 AND versi = $3")
            .bind(self.desa_id).bind(lama.id).bind(versi_cek).bind(d.nik.as_str()).bind(&d.nama).bind(d.jenis_kelamin).bind(&d.tempat_lahir)
            .bind(d.tanggal_lahir).bind(d.agama_id).bind(d.pendidikan_kk_id).bind(d.pendidikan_sedang_id).bind(d.pekerjaan_id)
            .bind(d.status_kawin_id).bind(d.shdk_id).bind(d.warganegara_id).bind(&d.nik_ayah).bind(&d.nama_ayah)
            .bind(&d.nik_ibu).bind(&d.nama_ibu).bind(d.golongan_darah_id).bind(d.cacat_id).bind(d.cara_kb_id).bind(d.hamil)
            .bind(&d.akta_lahir).bind(&d.no_paspor).bind(d.tanggal_akhir_paspor).bind(&d.no_kitas).bind(&d.akta_perkawinan)
            .bind(d.tanggal_perkawinan).bind(&d.akta_perceraian).bind(d.tanggal_perceraian).bind(d.ktp_el_id)
            .bind(d.status_rekam_id).bind(&d.alamat_sebelumnya).bind(&d.alamat_sekarang).bind(&d.telepon).bind(&d.email)
            .bind(&d.suku).bind(d.asuransi_id).bind(&d.no_asuransi).bind(keluarga_id).bind(rt_id).bind(dikenal).bind(self.now)
            .execute(&mut *c).await?.rows_affected());
        if n == 0 {
            return Err(Galat::Konflik(format!(
                "Data {} telah diubah oleh pengguna lain sejak formulir ini dibuka. Perubahan Anda belum disimpan: buka kembali data tersebut, periksa perubahan terbaru, lalu ulangi perubahan Anda.",
                lama.nama
            )));
        }
        let sebelum = json(&lama_data);
        let sesudah = json(d);
        let berubah: Vec<String> = d
            .sebagai_isian()
            .into_iter()
            .zip(lama_data.sebagai_isian())
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, _)| a.0.to_string())
            .collect();
        self.catat(Catatan {
            desa_id: self.desa_id,
            aktor: self.aktor,
            aksi: "ubah",
            objek: "penduduk",
            objek_id: lama.id.to_string(),
            sebelum: Some(sebelum),
            sesudah: Some(sesudah),
        })
        .await?;
        let hari = self.now.date_naive();
        super::peristiwa::tulis_peristiwa(
            self,
            lama.id,
            JenisPeristiwa::Koreksi,
            hari,
            "",
            serde_json::json!({"kolom": berubah}),
        )
        .await?;
        Ok(HasilTambah::Diubah(lama.id))
    }
}

impl Store {
    /// Adds one resident (registry form or API).
    pub async fn tambah_penduduk(
        &self,
        desa_id: &str,
        d: &DataPenduduk,
        aktor: &Aktor,
    ) -> Result<Uuid, Galat> {
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let id = w.tambah(d, None).await?;
        w.selesai().await?;
        Ok(id)
    }

    /// Saves an edit made on version `versi` of the record.
    pub async fn ubah_penduduk(
        &self,
        desa_id: &str,
        id: Uuid,
        versi: i64,
        d: &DataPenduduk,
        aktor: &Aktor,
    ) -> Result<HasilTambah, Galat> {
        let mut w = Penulis::mulai(self, desa_id, aktor).await?;
        let lama = w.ambil(id).await?.ok_or(Galat::TidakDitemukan)?;
        // Records of the dead and moved can be corrected (a typo in a name): the change is a
        // correction event like any other. A record annulled as invalid stays as it was.
        if lama.status_dasar == balai_domain::penduduk::kode::TIDAK_VALID {
            return Err(Galat::Ditolak(format!(
                "Data {} berstatus {} dan tidak dapat diubah.",
                lama.nama,
                lama.status_label()
            )));
        }
        let hasil = w.ubah(&lama, Some(versi), d).await?;
        w.selesai().await?;
        Ok(hasil)
    }
}
