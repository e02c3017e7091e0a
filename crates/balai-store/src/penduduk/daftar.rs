//! The resident list: search, filters, sort and keyset pagination that stays fast at 100k+.

use crate::{Galat, Store, on_db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urutan {
    #[default]
    Nama,
    Nik,
    /// Youngest first.
    Umur,
    Terbaru,
}

/// Filters of the list. Empty strings and `None` mean "any".
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaringPenduduk {
    /// Name (any part), or NIK / No. KK (digits, prefix).
    pub q: String,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
    pub jenis_kelamin: Option<i16>,
    pub umur_min: Option<i32>,
    pub umur_max: Option<i32>,
    /// Status dasar; `None` = living (the active list), `Some(0)` = all.
    pub status_dasar: Option<i16>,
    pub pendidikan_kk_id: Option<i16>,
    pub pekerjaan_id: Option<i16>,
    pub agama_id: Option<i16>,
    pub status_kawin_id: Option<i16>,
    pub urut: Urutan,
    /// Id of the last row of the previous page.
    pub setelah: Option<Uuid>,
    pub batas: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RingkasPenduduk {
    pub id: Uuid,
    pub nik: String,
    pub nama: String,
    pub jenis_kelamin: i16,
    pub tanggal_lahir: NaiveDate,
    pub status_dasar: i16,
    pub shdk_id: i16,
    pub pendidikan_kk_id: i16,
    pub pekerjaan_id: i16,
    pub keluarga_id: Option<Uuid>,
    pub no_kk: Option<String>,
    pub dusun: String,
    pub rw: String,
    pub rt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Halaman<T> {
    pub isi: Vec<T>,
    /// Cursor for the next page, if there is one.
    pub berikutnya: Option<Uuid>,
    pub total: i64,
}

/// Builds the WHERE clause of a filter; shared by the list, its count and exports.
pub(crate) struct Kueri {
    pub sql: String,
    pub teks: Vec<String>,
    pub angka: Vec<i64>,
    /// The conditions use the RT table (`r.`), so a count must join it.
    pub pakai_rt: bool,
}

impl Kueri {
    fn tambah_teks(&mut self, kondisi: &str, v: String) {
        let n = self.teks.len() + 2;
        self.sql.push_str(&kondisi.replace("{}", &format!("${n}")));
        self.teks.push(v);
    }
}

/// Longest search text used.
pub const PANJANG_CARI: usize = 200;

/// Filters on text params $2.. and then numeric params after them, so binding order is fixed:
/// `s` with LIKE's wildcards escaped (`\\` is the escape character), so "%" typed in a search
/// box is searched for, not matched against everything.
/// Only the first [`PANJANG_CARI`] characters are searched: no name or number is longer, and
/// SQLite refuses LIKE patterns over 50,000 bytes (a 500 before this bound).
pub(crate) fn pola_like(s: &str) -> String {
    let s: String = s.chars().take(PANJANG_CARI).collect();
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The smallest string above every string starting with `awalan` (digits only): "3329" → "332:".
fn batas_atas_awalan(awalan: &str) -> String {
    let mut b = awalan.as_bytes().to_vec();
    if let Some(t) = b.last_mut() {
        *t += 1;
    }
    String::from_utf8(b).unwrap_or_default()
}

/// desa_id, texts…, numbers….
pub(crate) fn saringan(s: &SaringPenduduk, hari_ini: NaiveDate, postgres: bool) -> Kueri {
    let mut k = Kueri {
        sql: String::from(" WHERE p.desa_id = $1"),
        teks: Vec::new(),
        angka: Vec::new(),
        pakai_rt: !(s.dusun.is_empty() && s.rw.is_empty() && s.rt.is_empty()),
    };
    let q = s.q.trim();
    if !q.is_empty() {
        if q.chars().all(|c| c.is_ascii_digit()) {
            // A prefix as a range, so the (desa_id, nik) and (desa_id, no_kk) indexes are used;
            // written as a union of ids, which both planners drive from those indexes.
            let (a, b) = (k.teks.len() + 2, k.teks.len() + 3);
            k.sql.push_str(&format!(
                " AND p.id IN (SELECT c.id FROM penduduk c WHERE c.desa_id = $1 AND c.nik >= ${a} AND c.nik < ${b} \
                 UNION ALL SELECT c.id FROM keluarga kk JOIN penduduk c ON c.desa_id = kk.desa_id AND c.keluarga_id = kk.id \
                 WHERE kk.desa_id = $1 AND kk.no_kk >= ${a} AND kk.no_kk < ${b})"
            ));
            k.teks.push(q.to_string());
            k.teks.push(batas_atas_awalan(q));
        } else {
            // Names are stored upper-case (`rapikan_nama`) and the text is upper-cased here, so a
            // plain LIKE finds the same rows as ILIKE and is cheaper to check on PostgreSQL.
            k.tambah_teks(
                " AND p.nama LIKE {} ESCAPE '\\'",
                format!("%{}%", pola_like(&q.to_uppercase())),
            );
        }
    }
    if !s.dusun.is_empty() {
        k.tambah_teks(" AND r.dusun = {}", s.dusun.clone());
    }
    if !s.rw.is_empty() {
        k.tambah_teks(" AND r.rw = {}", s.rw.clone());
    }
    if !s.rt.is_empty() {
        k.tambah_teks(" AND r.rt = {}", s.rt.clone());
    }
    // Age range becomes a birth-date range, so the index on tanggal_lahir can be used.
    if let Some(max) = s.umur_max {
        let batas = crate::statistik::batas_lahir(hari_ini, max.clamp(0, 200) as u32 + 1);
        k.tambah_teks(
            &format!(" AND p.tanggal_lahir > {}", tgl(postgres)),
            batas.to_string(),
        );
    }
    if let Some(min) = s.umur_min {
        let batas = crate::statistik::batas_lahir(hari_ini, min.clamp(0, 200) as u32);
        k.tambah_teks(
            &format!(" AND p.tanggal_lahir <= {}", tgl(postgres)),
            batas.to_string(),
        );
    }
    let mut angka = |kolom: &str, v: Option<i16>| {
        if let Some(v) = v {
            k.angka.push(v as i64);
            k.sql
                .push_str(&format!(" AND {kolom} = #{}", k.angka.len()));
        }
    };
    match s.status_dasar {
        None => angka("p.status_dasar", Some(super::HIDUP)),
        Some(0) => {}
        Some(v) => angka("p.status_dasar", Some(v)),
    }
    angka("p.jenis_kelamin", s.jenis_kelamin);
    angka("p.pendidikan_kk_id", s.pendidikan_kk_id);
    angka("p.pekerjaan_id", s.pekerjaan_id);
    angka("p.agama_id", s.agama_id);
    angka("p.status_kawin_id", s.status_kawin_id);
    // Numeric parameters follow the text ones.
    let awal = k.teks.len() + 1;
    for i in (1..=k.angka.len()).rev() {
        k.sql = k.sql.replace(&format!("#{i}"), &format!("${}", awal + i));
    }
    k
}

/// A date parameter bound as text: PostgreSQL needs the cast, SQLite compares ISO text.
fn tgl(postgres: bool) -> &'static str {
    if postgres { "CAST({} AS DATE)" } else { "{}" }
}

pub(crate) const FROM_PENDUDUK: &str = " FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id \
     LEFT JOIN keluarga k ON k.desa_id = p.desa_id AND k.id = p.keluarga_id";

impl Store {
    pub async fn daftar_penduduk(
        &self,
        desa_id: &str,
        s: &SaringPenduduk,
        hari_ini: NaiveDate,
    ) -> Result<Halaman<RingkasPenduduk>, Galat> {
        let batas = s.batas.unwrap_or(50).clamp(1, 500);
        let mut k = saringan(s, hari_ini, self.db.is_postgres());
        // The count joins only what its conditions use: over 100k rows the joins cost more than
        // the count itself.
        let from_hitung = if k.pakai_rt {
            " FROM penduduk p JOIN wilayah_rt r ON r.desa_id = p.desa_id AND r.id = p.rt_id"
        } else {
            " FROM penduduk p"
        };
        let total_sql = format!("SELECT count(*){from_hitung}{}", k.sql);
        let (kolom, arah) = match s.urut {
            Urutan::Nama => ("p.nama", "ASC"),
            Urutan::Nik => ("p.nik", "ASC"),
            Urutan::Umur => ("p.tanggal_lahir", "DESC"),
            Urutan::Terbaru => ("p.dibuat_pada", "DESC"),
        };
        let banding = if arah == "ASC" { ">" } else { "<" };
        let mut setelah_param = None;
        if let Some(c) = s.setelah {
            // The cursor is an id only (no personal data in URLs); its sort value is looked up.
            let n = k.teks.len() + k.angka.len() + 2;
            let sub = kolom.replace("p.", "c.");
            k.sql.push_str(&format!(
                " AND ({kolom}, p.id) {banding} ((SELECT {sub} FROM penduduk c WHERE c.desa_id = $1 AND c.id = ${n}), ${n})"
            ));
            setelah_param = Some(c);
        }
        let k_total = saringan(s, hari_ini, self.db.is_postgres());
        // A search is planned for its own text: a cached generic plan cannot tell a name that
        // matches a third of the village from one that matches a handful.
        let simpan_rencana = s.q.trim().is_empty();
        let total = on_db!(&self.db, p => {
            let mut qt = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(total_sql.clone())).persistent(simpan_rencana).bind(desa_id);
            for t in &k_total.teks { qt = qt.bind(t); }
            for a in &k_total.angka { qt = qt.bind(a); }
            qt.fetch_one(p).await?
        });
        // PostgreSQL overestimates how many rows a rare name matches and then walks the whole
        // name index to fill one page (70-185 ms at 1M). Once the count shows few matches, the
        // order is written so that index cannot provide it: the trigram index finds the rows
        // and they are sorted (a few ms). Above a few hundred matches walking the index is
        // cheaper (4,000 matches: 20 ms walking, 52 ms sorting, at 1M).
        let cari_nama = !s.q.trim().is_empty() && !s.q.trim().chars().all(|c| c.is_ascii_digit());
        let urut = if self.db.is_postgres() && cari_nama && kolom == "p.nama" && total <= 500 {
            "p.nama || ''"
        } else {
            kolom
        };
        let sql = format!(
            "SELECT p.id, p.nik, p.nama, p.jenis_kelamin, p.tanggal_lahir, p.status_dasar, p.shdk_id, p.pendidikan_kk_id, \
             p.pekerjaan_id, p.keluarga_id, k.no_kk, r.dusun, r.rw, r.rt{FROM_PENDUDUK}{} ORDER BY {urut} {arah}, p.id {arah} LIMIT {}",
            k.sql,
            batas + 1
        );
        let mut isi = on_db!(&self.db, p => {
            let mut q = sqlx::query_as::<_, RingkasPenduduk>(sqlx::AssertSqlSafe(sql.clone())).persistent(simpan_rencana).bind(desa_id);
            for t in &k.teks { q = q.bind(t); }
            for a in &k.angka { q = q.bind(a); }
            if let Some(c) = setelah_param { q = q.bind(c); }
            q.fetch_all(p).await?
        });
        let berikutnya = if isi.len() as i64 > batas {
            isi.truncate(batas as usize);
            isi.last().map(|r| r.id)
        } else {
            None
        };
        Ok(Halaman {
            isi,
            berikutnya,
            total,
        })
    }
}
