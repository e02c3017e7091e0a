//! The population books B.1–B.5, from the registry and its vital events.
//!
//! Who lived in the village on a given day is read from the events: the last birth, death or
//! move on or before that day decides; a person with no such event before the day was there
//! unless their first event brought them (a birth or a move in); a person with no events at all
//! was there when they are alive in the register now. Annulled events do not count. B.3 counts
//! changes of that state, so start + additions − reductions = end holds for every dusun even
//! when an imported history has two moves in a row.

use super::{Buku, Kekurangan, Periode, tgl};
use crate::penduduk::HIDUP;
use crate::penduduk::peristiwa::JenisPeristiwa;
use crate::{Galat, Store, on_db};
use balai_domain::daftar::{
    AGAMA, GOLONGAN_DARAH, PEKERJAAN, PENDIDIKAN_KK, SHDK, STATUS_KAWIN, WARGANEGARA,
};
use balai_domain::penduduk::kepala_keluarga;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A birth, death or move, as the books read it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Kejadian {
    penduduk_id: Uuid,
    jenis: String,
    tanggal: NaiveDate,
    rincian: String,
    dicatat_pada: DateTime<Utc>,
}

impl Kejadian {
    fn jenis(&self) -> Option<JenisPeristiwa> {
        JenisPeristiwa::dari_kode(&self.jenis)
    }
    fn membawa_masuk(&self) -> bool {
        self.jenis().and_then(|j| j.status_sesudah()) == Some(HIDUP)
    }
    fn rincian(&self, kunci: &str) -> String {
        serde_json::from_str::<serde_json::Value>(&self.rincian)
            .ok()
            .and_then(|v| v.get(kunci).and_then(|s| s.as_str()).map(str::to_string))
            .unwrap_or_default()
    }
}

/// Whether a person lived in the village at the end of day `d`; `kej` in order.
fn hadir(status_dasar: i16, kej: &[&Kejadian], d: NaiveDate) -> bool {
    match kej.iter().rev().find(|k| k.tanggal <= d) {
        Some(k) => k.membawa_masuk(),
        None => match kej.first() {
            Some(k) => !k.membawa_masuk(),
            None => status_dasar == HIDUP,
        },
    }
}

/// A resident as the population books print them: the register's columns they need and the
/// address, nothing more (a 10,000-row book reads only these).
#[derive(Debug, Clone, sqlx::FromRow)]
struct Warga {
    id: Uuid,
    nik: String,
    nama: String,
    jenis_kelamin: i16,
    tempat_lahir: String,
    tanggal_lahir: NaiveDate,
    agama_id: i16,
    pendidikan_kk_id: i16,
    pekerjaan_id: i16,
    status_kawin_id: i16,
    shdk_id: i16,
    warganegara_id: i16,
    nama_ayah: String,
    nama_ibu: String,
    golongan_darah_id: Option<i16>,
    alamat_sekarang: String,
    dusun: String,
    rw: String,
    rt: String,
    no_kk: Option<String>,
}

const KOLOM_WARGA: &str = "p.id, p.nik, p.nama, p.jenis_kelamin, p.tempat_lahir, p.tanggal_lahir, p.agama_id, \
     p.pendidikan_kk_id, p.pekerjaan_id, p.status_kawin_id, p.shdk_id, p.warganegara_id, p.nama_ayah, p.nama_ibu, \
     p.golongan_darah_id, p.alamat_sekarang, r.dusun, r.rw, r.rt, k.no_kk";
const DARI_WARGA: &str = "FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
     LEFT JOIN keluarga k ON k.desa_id = p.desa_id AND k.id = p.keluarga_id";
/// The books' order: by address, family card, place in the family.
const URUTAN: &str = "ORDER BY r.dusun, r.rw, r.rt, k.no_kk, p.shdk_id, p.tanggal_lahir, p.id";

/// What B.3 needs of a person.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Ringkas {
    id: Uuid,
    jenis_kelamin: i16,
    warganegara_id: i16,
    shdk_id: i16,
    status_dasar: i16,
    dusun: String,
}

/// The events of the village by person, in order.
struct KejadianDesa(HashMap<Uuid, Vec<Kejadian>>);

impl KejadianDesa {
    fn dari(&self, id: Uuid) -> Vec<&Kejadian> {
        self.0
            .get(&id)
            .map(|v| v.iter().collect())
            .unwrap_or_default()
    }
    fn hadir(&self, id: Uuid, status_dasar: i16, d: NaiveDate) -> bool {
        hadir(status_dasar, &self.dari(id), d)
    }
}

fn label(list: &balai_domain::kode::KodeList, id: i16) -> String {
    list.label(id).unwrap_or("—").to_string()
}

fn alamat(p: &Warga) -> String {
    let jalan = p.alamat_sekarang.trim();
    let wilayah = format!("RT {} RW {} Dusun {}", p.rt, p.rw, p.dusun);
    if jalan.is_empty() {
        wilayah
    } else {
        format!("{jalan}, {wilayah}")
    }
}

fn jk(jenis_kelamin: i16) -> String {
    if jenis_kelamin == 1 { "L" } else { "P" }.into()
}

/// One dusun's counts in B.3: by nationality (WNA, WNI) and sex (L, P).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Hitung([[i64; 2]; 2]);

impl Hitung {
    /// `n` people: foreigners (any citizenship but WNI) first, then men.
    fn tambah(&mut self, jenis_kelamin: i16, warganegara_id: i16, n: i64) {
        self.0[usize::from(warganegara_id == 1)][usize::from(jenis_kelamin != 1)] += n;
    }
    pub fn jumlah(&self) -> i64 {
        self.0.iter().flatten().sum()
    }
    fn sel(&self) -> [String; 4] {
        [self.0[0][0], self.0[0][1], self.0[1][0], self.0[1][1]].map(|n| n.to_string())
    }
    fn plus(&mut self, o: &Hitung) {
        for (a, b) in self.0.iter_mut().flatten().zip(o.0.iter().flatten()) {
            *a += b;
        }
    }
}

/// B.3 for one dusun: the month's start, changes and end.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RekapDusun {
    pub dusun: String,
    pub awal: Hitung,
    pub kk_awal: i64,
    pub lahir: Hitung,
    pub datang: Hitung,
    pub mati: Hitung,
    /// Moves out, and people recorded missing (who leave the count the same way).
    pub pindah: Hitung,
    pub hilang: i64,
    pub akhir: Hitung,
    pub kk_akhir: i64,
}

impl RekapDusun {
    fn plus(&mut self, o: &RekapDusun) {
        self.awal.plus(&o.awal);
        self.lahir.plus(&o.lahir);
        self.datang.plus(&o.datang);
        self.mati.plus(&o.mati);
        self.pindah.plus(&o.pindah);
        self.akhir.plus(&o.akhir);
        self.kk_awal += o.kk_awal;
        self.kk_akhir += o.kk_akhir;
        self.hilang += o.hilang;
    }
    fn sel(&self) -> Vec<String> {
        let mut s = vec![self.dusun.clone()];
        s.extend(self.awal.sel());
        s.push(self.kk_awal.to_string());
        s.push((self.awal.jumlah() - self.kk_awal).to_string());
        s.push(self.awal.jumlah().to_string());
        for h in [
            &self.lahir,
            &self.datang,
            &self.mati,
            &self.pindah,
            &self.akhir,
        ] {
            s.extend(h.sel());
        }
        s.push(self.kk_akhir.to_string());
        s.push((self.akhir.jumlah() - self.kk_akhir).to_string());
        s.push(self.akhir.jumlah().to_string());
        s.push(if self.hilang > 0 {
            format!("Pengurangan pindah termasuk {} orang hilang", self.hilang)
        } else {
            String::new()
        });
        s
    }
}

impl Store {
    /// Every birth, death and move of the village not annulled, by person and in order.
    async fn kejadian_desa(&self, desa_id: &str) -> Result<KejadianDesa, Galat> {
        let semua: Vec<Kejadian> = on_db!(&self.db, p => sqlx::query_as(
            "SELECT penduduk_id, jenis, tanggal, rincian, dicatat_pada FROM peristiwa \
             WHERE desa_id = $1 AND dibatalkan_oleh IS NULL \
             AND jenis IN ('lahir', 'mati', 'pindah_masuk', 'pindah_keluar', 'hilang')")
            .bind(desa_id).fetch_all(p).await)?;
        let mut kejadian: HashMap<Uuid, Vec<Kejadian>> = HashMap::new();
        for k in semua {
            kejadian.entry(k.penduduk_id).or_default().push(k);
        }
        for v in kejadian.values_mut() {
            v.sort_by_key(|k| (k.tanggal, k.dicatat_pada));
        }
        Ok(KejadianDesa(kejadian))
    }

    /// The people living in the village at the end of day `d`, in the books' order.
    async fn hadir_berurut(
        &self,
        desa_id: &str,
        kej: &KejadianDesa,
        d: NaiveDate,
    ) -> Result<Vec<Uuid>, Galat> {
        let sql = format!("SELECT p.id, p.status_dasar {DARI_WARGA} WHERE p.desa_id = $1 {URUTAN}");
        let semua: Vec<(Uuid, i16)> = on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).fetch_all(p).await)?;
        Ok(semua
            .into_iter()
            .filter(|(id, status)| kej.hadir(*id, *status, d))
            .map(|(id, _)| id)
            .collect())
    }

    /// The residents `ids`, in that order: by their ids for a page of a book, else the whole
    /// register read once.
    async fn warga(&self, desa_id: &str, ids: &[Uuid], halaman: bool) -> Result<Vec<Warga>, Galat> {
        let baris: Vec<Warga> = if halaman {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let tanda: Vec<String> = (2..ids.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {KOLOM_WARGA} {DARI_WARGA} WHERE p.desa_id = $1 AND p.id IN ({})",
                tanda.join(", ")
            );
            on_db!(&self.db, p => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(desa_id);
                for id in ids {
                    q = q.bind(*id);
                }
                q.fetch_all(p).await
            })?
        } else {
            let sql = format!("SELECT {KOLOM_WARGA} {DARI_WARGA} WHERE p.desa_id = $1 {URUTAN}");
            on_db!(&self.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(desa_id).fetch_all(p).await)?
        };
        let mut per_id: HashMap<Uuid, Warga> = baris.into_iter().map(|w| (w.id, w)).collect();
        Ok(ids.iter().filter_map(|id| per_id.remove(id)).collect())
    }

    /// The people of a register book (B.1, B.5) living in the village at the period's end:
    /// all of them, or only the rows `jendela` (first index, count) for a page.
    async fn warga_buku(
        &self,
        desa_id: &str,
        p: &Periode,
        b: &mut Buku,
        jendela: Option<(usize, usize)>,
    ) -> Result<(Vec<Warga>, KejadianDesa), Galat> {
        let kej = self.kejadian_desa(desa_id).await?;
        let ids = self.hadir_berurut(desa_id, &kej, p.sampai).await?;
        b.jumlah = ids.len();
        let pilih = match jendela {
            Some((mulai, n)) => {
                b.mulai = mulai.min(ids.len());
                &ids[b.mulai..(b.mulai + n).min(ids.len())]
            }
            None => &ids[..],
        };
        let warga = self.warga(desa_id, pilih, jendela.is_some()).await?;
        Ok((warga, kej))
    }

    /// B.3 by dusun for a period (normally a month), in dusun order.
    pub async fn rekap_penduduk(
        &self,
        desa_id: &str,
        p: &Periode,
    ) -> Result<Vec<RekapDusun>, Galat> {
        let sebelum = p.dari.pred_opt().unwrap_or(p.dari);
        let mut per_dusun: BTreeMap<String, RekapDusun> = BTreeMap::new();
        // People without any event were here all along when they are alive now: counted in
        // the database rather than read one by one.
        let tetap: Vec<(String, i16, i16, i64, i64)> = on_db!(&self.db, c => sqlx::query_as(
            "SELECT r.dusun, p.jenis_kelamin, p.warganegara_id, CAST(CASE WHEN p.shdk_id = 1 THEN 1 ELSE 0 END AS BIGINT) AS kk, COUNT(*) \
             FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
             WHERE p.desa_id = $1 AND p.status_dasar = 1 AND NOT EXISTS (SELECT 1 FROM peristiwa e \
               WHERE e.desa_id = p.desa_id AND e.penduduk_id = p.id AND e.dibatalkan_oleh IS NULL \
               AND e.jenis IN ('lahir', 'mati', 'pindah_masuk', 'pindah_keluar', 'hilang')) \
             GROUP BY r.dusun, p.jenis_kelamin, p.warganegara_id, CASE WHEN p.shdk_id = 1 THEN 1 ELSE 0 END")
            .bind(desa_id).fetch_all(c).await)?;
        for (nama, jk, wn, kepala, n) in tetap {
            let r = per_dusun.entry(nama.clone()).or_insert_with(|| RekapDusun {
                dusun: nama,
                ..Default::default()
            });
            r.awal.tambah(jk, wn, n);
            r.akhir.tambah(jk, wn, n);
            if kepala == 1 {
                r.kk_awal += n;
                r.kk_akhir += n;
            }
        }
        // People with events: their state at the start, and each change within the period.
        let kej = self.kejadian_desa(desa_id).await?;
        let sql = "SELECT p.id, p.jenis_kelamin, p.warganegara_id, p.shdk_id, p.status_dasar, r.dusun \
             FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
             WHERE p.desa_id = $1 AND EXISTS (SELECT 1 FROM peristiwa e \
               WHERE e.desa_id = p.desa_id AND e.penduduk_id = p.id AND e.dibatalkan_oleh IS NULL \
               AND e.jenis IN ('lahir', 'mati', 'pindah_masuk', 'pindah_keluar', 'hilang'))";
        let orang: Vec<Ringkas> = on_db!(&self.db, c => sqlx::query_as(sql)
            .bind(desa_id).fetch_all(c).await)?;
        for o in &orang {
            let k = kej.dari(o.id);
            let mut ada = hadir(o.status_dasar, &k, sebelum);
            let r = per_dusun
                .entry(o.dusun.clone())
                .or_insert_with(|| RekapDusun {
                    dusun: o.dusun.clone(),
                    ..Default::default()
                });
            let (jk, wn, kepala) = (
                o.jenis_kelamin,
                o.warganegara_id,
                kepala_keluarga(o.shdk_id),
            );
            if ada {
                r.awal.tambah(jk, wn, 1);
                r.kk_awal += i64::from(kepala);
            }
            // Count changes of state only: a second move out in a row changes nothing.
            for k in k.iter().filter(|k| p.berisi(k.tanggal)) {
                let masuk = k.membawa_masuk();
                if masuk == ada {
                    continue;
                }
                ada = masuk;
                match k.jenis() {
                    Some(JenisPeristiwa::Lahir) => r.lahir.tambah(jk, wn, 1),
                    Some(JenisPeristiwa::PindahMasuk) => r.datang.tambah(jk, wn, 1),
                    Some(JenisPeristiwa::Mati) => r.mati.tambah(jk, wn, 1),
                    Some(JenisPeristiwa::Hilang) => {
                        r.pindah.tambah(jk, wn, 1);
                        r.hilang += 1;
                    }
                    _ => r.pindah.tambah(jk, wn, 1),
                }
            }
            if ada {
                r.akhir.tambah(jk, wn, 1);
                r.kk_akhir += i64::from(kepala);
            }
        }
        Ok(per_dusun.into_values().collect())
    }

    /// B.1 Buku Induk Penduduk: everyone living in the village at the period's end.
    pub async fn buku_b1(
        &self,
        desa_id: &str,
        p: &Periode,
        jendela: Option<(usize, usize)>,
    ) -> Result<Buku, Galat> {
        let mut b = Buku::baru("B.1", "");
        let (warga, _) = self.warga_buku(desa_id, p, &mut b, jendela).await?;
        for o in &warga {
            b.tambah(vec![
                o.nama.clone(),
                jk(o.jenis_kelamin),
                label(&STATUS_KAWIN, o.status_kawin_id),
                o.tempat_lahir.clone(),
                tgl(o.tanggal_lahir),
                label(&AGAMA, o.agama_id),
                label(&PENDIDIKAN_KK, o.pendidikan_kk_id),
                label(&PEKERJAAN, o.pekerjaan_id),
                // Literacy is not in the register; left for the printed book to be filled.
                String::new(),
                label(&WARGANEGARA, o.warganegara_id),
                alamat(o),
                label(&SHDK, o.shdk_id),
                o.nik.clone(),
                o.no_kk.clone().unwrap_or_default(),
                String::new(),
            ]);
        }
        Ok(b)
    }

    /// B.2 Buku Mutasi Penduduk Desa: births, deaths and moves within the period.
    pub async fn buku_b2(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let kej = self.kejadian_desa(desa_id).await?;
        let mut dalam: Vec<&Kejadian> = kej
            .0
            .values()
            .flatten()
            .filter(|k| p.berisi(k.tanggal))
            .collect();
        dalam.sort_by_key(|k| (k.tanggal, k.dicatat_pada));
        let mut ids: Vec<Uuid> = dalam.iter().map(|k| k.penduduk_id).collect();
        ids.sort();
        ids.dedup();
        let warga: HashMap<Uuid, Warga> = self
            .warga(desa_id, &ids, true)
            .await?
            .into_iter()
            .map(|w| (w.id, w))
            .collect();
        let mut b = Buku::baru("B.2", "");
        for k in dalam {
            let (Some(j), Some(o)) = (k.jenis(), warga.get(&k.penduduk_id)) else {
                continue;
            };
            let t = tgl(k.tanggal);
            let k0 = String::new;
            let (datang, t_datang, pindah, t_pindah, mati, t_mati) = match j {
                JenisPeristiwa::Lahir => ("Lahir".into(), t, k0(), k0(), k0(), k0()),
                JenisPeristiwa::PindahMasuk => (k.rincian("asal"), t, k0(), k0(), k0(), k0()),
                JenisPeristiwa::PindahKeluar => (k0(), k0(), k.rincian("tempat"), t, k0(), k0()),
                JenisPeristiwa::Hilang => (k0(), k0(), "Hilang".into(), t, k0(), k0()),
                JenisPeristiwa::Mati => {
                    let tempat = k.rincian("tempat");
                    let mati = if tempat.is_empty() {
                        "Meninggal".to_string()
                    } else {
                        format!("Meninggal di {tempat}")
                    };
                    (k0(), k0(), k0(), k0(), mati, t)
                }
                JenisPeristiwa::Koreksi | JenisPeristiwa::Pembatalan => continue,
            };
            b.tambah(vec![
                o.nama.clone(),
                o.tempat_lahir.clone(),
                tgl(o.tanggal_lahir),
                jk(o.jenis_kelamin),
                label(&WARGANEGARA, o.warganegara_id),
                datang,
                t_datang,
                pindah,
                t_pindah,
                mati,
                t_mati,
                j.label().to_string(),
            ]);
        }
        Ok(b)
    }

    /// B.3 Buku Rekapitulasi Jumlah Penduduk: one row per dusun and the village total.
    pub async fn buku_b3(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let rekap = self.rekap_penduduk(desa_id, p).await?;
        let mut b = Buku::baru("B.3", "");
        let mut total = RekapDusun {
            dusun: "JUMLAH".into(),
            ..Default::default()
        };
        for r in &rekap {
            total.plus(r);
            b.tambah(r.sel());
        }
        let mut akhir = total.sel();
        akhir.insert(0, String::new());
        b.baris.push(akhir);
        b.jumlah = b.baris.len();
        Ok(b)
    }

    /// B.5 Buku KTP dan Kartu Keluarga: the residents at the period's end by family card.
    pub async fn buku_b5(
        &self,
        desa_id: &str,
        p: &Periode,
        jendela: Option<(usize, usize)>,
    ) -> Result<Buku, Galat> {
        let mut b = Buku::baru("B.5", "");
        let (warga, kej) = self.warga_buku(desa_id, p, &mut b, jendela).await?;
        for o in &warga {
            // "Since" is the move in or birth that brought them, when recorded.
            let sejak = kej
                .dari(o.id)
                .into_iter()
                .rev()
                .find(|k| k.tanggal <= p.sampai && k.membawa_masuk())
                .map(|k| tgl(k.tanggal))
                .unwrap_or_default();
            b.tambah(vec![
                o.no_kk.clone().unwrap_or_default(),
                o.nama.clone(),
                o.nik.clone(),
                jk(o.jenis_kelamin),
                format!("{}, {}", o.tempat_lahir, tgl(o.tanggal_lahir)),
                o.golongan_darah_id
                    .map(|g| label(&GOLONGAN_DARAH, g))
                    .unwrap_or_default(),
                label(&AGAMA, o.agama_id),
                label(&PENDIDIKAN_KK, o.pendidikan_kk_id),
                label(&PEKERJAAN, o.pekerjaan_id),
                alamat(o),
                label(&STATUS_KAWIN, o.status_kawin_id),
                // Where and when the KTP was issued is not in the register.
                String::new(),
                label(&SHDK, o.shdk_id),
                label(&WARGANEGARA, o.warganegara_id),
                o.nama_ayah.clone(),
                o.nama_ibu.clone(),
                sejak,
                String::new(),
            ]);
        }
        Ok(b)
    }

    /// B.4 Buku Penduduk Sementara: the village's register of temporary residents.
    pub async fn buku_b4(&self, desa_id: &str, p: &Periode) -> Result<Buku, Galat> {
        let daftar = self.daftar_penduduk_sementara(desa_id, Some(p)).await?;
        let mut b = Buku::baru("B.4", "");
        for s in &daftar {
            let lk = s.jenis_kelamin == 1;
            b.tambah(vec![
                s.nama.clone(),
                if lk { "L" } else { "" }.into(),
                if lk { "" } else { "P" }.into(),
                s.nomor_identitas.clone(),
                format!(
                    "{}, {}",
                    s.tempat_lahir,
                    s.tanggal_lahir.map(tgl).unwrap_or_default()
                ),
                s.pekerjaan.clone(),
                s.kebangsaan.clone(),
                s.keturunan.clone(),
                s.datang_dari.clone(),
                s.maksud.clone(),
                s.didatangi.clone(),
                tgl(s.datang),
                s.pergi.map(tgl).unwrap_or_default(),
                s.keterangan.clone(),
            ]);
        }
        // Nobody in this period is fine; nobody ever recorded means the register is not kept.
        if daftar.is_empty()
            && self
                .daftar_penduduk_sementara(desa_id, None)
                .await?
                .is_empty()
        {
            b.kurang = Some(Kekurangan {
                pesan: "Belum ada penduduk sementara yang dicatat. Catat setiap pendatang yang tinggal sementara (lebih dari satu hari) agar buku ini lengkap.".into(),
                tautan: format!("/desa/{desa_id}/buku/sementara"),
                label_tautan: "Catat penduduk sementara".into(),
            });
        }
        Ok(b)
    }
}
