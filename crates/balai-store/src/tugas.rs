//! Work waiting in a village (`store.tugas()`): the counts behind the menu badges and the
//! oldest items of each kind for the start pages. Which role acts on which kind is a domain rule
//! (`balai_domain::tugas`).

use crate::{Galat, Store, on_db};
use balai_domain::tugas::{JenisTugas, JumlahTugas};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One waiting item.
#[derive(Debug, Clone)]
pub struct ItemTugas {
    pub jenis: JenisTugas,
    pub id: Uuid,
    /// What it is: the letter type, the complaint's title, the SPP's number and purpose …
    pub judul: String,
    /// Who asked: the applicant, reporter or seller by name; for an SPP the actor id of the
    /// staff member who filed it (`pengguna:…`, named by the page).
    pub pihak: String,
    /// Since when it waits at this step.
    pub sejak: DateTime<Utc>,
    /// The letter type code (service-time target), or the SPP's year.
    pub rujukan: String,
    /// The amount of an SPP (0 for the other kinds).
    pub jumlah: i64,
}

/// The work-waiting feature's handle.
#[derive(Clone, Copy)]
pub struct Tugas<'a> {
    s: &'a Store,
}

impl Store {
    pub fn tugas(&self) -> Tugas<'_> {
        Tugas { s: self }
    }
}

/// A zero both backends read as a 64-bit integer.
const NOL: &str = "CAST(0 AS BIGINT)";

type Baris = (Uuid, String, String, DateTime<Utc>, String, i64);

impl Tugas<'_> {
    /// How many items of each kind wait in the village (one query).
    pub async fn jumlah(&self, desa_id: &str) -> Result<JumlahTugas, Galat> {
        let r: (i64, i64, i64, i64, i64, i64, i64, i64) = on_db!(&self.s.db, p => sqlx::query_as(
            "SELECT \
             (SELECT count(*) FROM surat WHERE desa_id = $1 AND status = 'diajukan'), \
             (SELECT count(*) FROM surat WHERE desa_id = $1 AND status = 'diperiksa'), \
             (SELECT count(*) FROM pengaduan WHERE desa_id = $1 AND status = 'baru'), \
             (SELECT count(*) FROM permintaan_data WHERE desa_id = $1 AND status = 'diajukan'), \
             (SELECT count(*) FROM lapak WHERE desa_id = $1 AND status = 'menunggu'), \
             (SELECT count(*) FROM spp WHERE desa_id = $1 AND status = 'diajukan'), \
             (SELECT count(*) FROM spp WHERE desa_id = $1 AND status = 'diperiksa'), \
             (SELECT count(*) FROM spp WHERE desa_id = $1 AND status = 'disetujui')")
            .bind(desa_id).fetch_one(p).await)?;
        Ok(JumlahTugas([r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7]))
    }

    /// The oldest `batas` items of one kind, oldest first.
    pub async fn daftar(
        &self,
        desa_id: &str,
        jenis: JenisTugas,
        batas: i64,
    ) -> Result<Vec<ItemTugas>, Galat> {
        let spp = |status: &str| {
            format!(
                "SELECT s.id, 'SPP ' || s.nomor || '/' || s.tahun || ' — ' || s.uraian, \
                 s.diajukan_oleh, s.diubah_pada, CAST(s.tahun AS TEXT), s.jumlah FROM spp s \
                 WHERE s.desa_id = $1 AND s.status = '{status}' ORDER BY s.diubah_pada LIMIT $2"
            )
        };
        let surat = |status: &str| {
            format!(
                "SELECT id, jenis_nama, nama_pemohon, diajukan_pada, jenis_kode, {NOL} FROM surat \
                 WHERE desa_id = $1 AND status = '{status}' ORDER BY diajukan_pada LIMIT $2"
            )
        };
        let sql = match jenis {
            JenisTugas::PeriksaSurat => surat("diajukan"),
            JenisTugas::TandatanganSurat => surat("diperiksa"),
            JenisTugas::Pengaduan => format!(
                "SELECT id, judul, CASE WHEN nama_pelapor = '' THEN 'Tanpa nama' ELSE nama_pelapor END, \
                 dibuat_pada, '', {NOL} FROM pengaduan WHERE desa_id = $1 AND status = 'baru' ORDER BY dibuat_pada LIMIT $2"
            ),
            JenisTugas::PermintaanData => format!(
                "SELECT d.id, d.kolom, p.nama, d.dibuat_pada, d.jenis, {NOL} FROM permintaan_data d \
                 JOIN penduduk p ON p.desa_id = d.desa_id AND p.id = d.penduduk_id \
                 WHERE d.desa_id = $1 AND d.status = 'diajukan' ORDER BY d.dibuat_pada LIMIT $2"
            ),
            JenisTugas::Lapak => format!(
                "SELECT id, nama, nama_penjual, dibuat_pada, '', {NOL} FROM lapak \
                 WHERE desa_id = $1 AND status = 'menunggu' ORDER BY dibuat_pada LIMIT $2"
            ),
            JenisTugas::PeriksaSpp => spp("diajukan"),
            JenisTugas::SetujuiSpp => spp("diperiksa"),
            JenisTugas::BayarSpp => spp("disetujui"),
        };
        let baris: Vec<Baris> = on_db!(&self.s.db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(desa_id).bind(batas).fetch_all(p).await)?;
        Ok(baris
            .into_iter()
            .map(|(id, judul, pihak, sejak, rujukan, jumlah)| ItemTugas {
                jenis,
                id,
                judul: match jenis {
                    JenisTugas::PermintaanData => {
                        let j = if rujukan == "hapus" {
                            "Penghapusan"
                        } else {
                            "Perbaikan"
                        };
                        format!("{j}: {}", crate::warga::permintaan::label_kolom(&judul))
                    }
                    _ => judul,
                },
                pihak,
                sejak,
                rujukan,
                jumlah,
            })
            .collect())
    }
}
