//! The audit log of a village: browse and filter, and check the hash chain (admins only).

use crate::galat::tampil;
use crate::kerangka::Kerangka;
use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::audit::{EntriAudit, HasilVerifikasi, SaringAudit};

pub fn rute() -> Router<Bersama> {
    Router::new().route("/desa/{kode}/audit", get(audit))
}

#[derive(serde::Deserialize, Default)]
struct KueriAudit {
    aksi: Option<String>,
    objek_id: Option<String>,
    aktor: Option<String>,
    sebelum: Option<i64>,
    periksa: Option<String>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct HalamanAudit {
    k: Kerangka,
    entri: Vec<EntriAudit>,
    nama: crate::nama::NamaAktor,
    aksi: String,
    objek_id: String,
    aktor: String,
    berikutnya: Option<i64>,
    verifikasi: Option<HasilVerifikasi>,
}

impl HalamanAudit {
    /// What an entry is about, in words rather than the table's name.
    fn label_objek(&self, objek: &str) -> String {
        match objek {
            "penduduk" => "Data penduduk",
            "keluarga" => "Keluarga (KK)",
            "rumah_tangga" => "Rumah tangga",
            "surat" => "Surat",
            "surat_masuk" => "Surat masuk",
            "jenis_surat" => "Jenis surat",
            "pengaturan_surat" => "Pengaturan surat",
            "pengguna" => "Akun pengguna",
            "warga_akun" => "Akun layanan mandiri",
            "token_api" => "Token API",
            "spp" => "SPP (permintaan pembayaran)",
            "kas" => "Buku kas",
            "apbdes" | "apbdes_baris" | "apbdes_ringkas" => "APBDes",
            "laporan_keuangan" => "Laporan keuangan",
            "tahun_buku" => "Tutup buku tahunan",
            "pengaduan" => "Pengaduan",
            "permintaan_data" => "Permintaan perbaikan data",
            "lapak" => "Produk lapak",
            "artikel" => "Artikel situs",
            "desa" => "Profil desa",
            "anjungan" => "Anjungan",
            "kunci_desa" => "Kunci tanda tangan desa",
            "sinkron_token" => "Kredensial sinkron",
            "usulan" => "Usulan perencanaan",
            "musyawarah" => "Musyawarah desa",
            "rencana" => "Rencana kegiatan (RKPDes)",
            "peristiwa" => "Peristiwa kependudukan",
            "wilayah_rt" | "dusun" => "Wilayah (dusun/RW/RT)",
            lain => return lain.replace('_', " "),
        }
        .to_string()
    }
    fn label_aksi(&self, aksi: &str) -> String {
        self.pilihan_aksi()
            .into_iter()
            .find(|(k, _, _)| *k == aksi)
            .map(|(_, l, _)| l.to_string())
            .unwrap_or_else(|| aksi.replace('_', " "))
    }
    fn pilihan_aksi(&self) -> Vec<(&'static str, &'static str, bool)> {
        [
            ("lihat", "Melihat data"),
            ("buat", "Membuat"),
            ("ubah", "Mengubah"),
            ("lahir", "Kelahiran"),
            ("mati", "Kematian"),
            ("pindah_masuk", "Pindah masuk"),
            ("pindah_keluar", "Pindah keluar"),
            ("hilang", "Hilang"),
            ("koreksi", "Koreksi"),
            ("impor", "Impor"),
            ("ekspor", "Ekspor"),
            ("ganti_kepala", "Ganti kepala keluarga"),
            ("ganti_sandi", "Ganti kata sandi"),
            ("reset_sandi", "Atur ulang kata sandi"),
            ("nonaktifkan", "Menonaktifkan pengguna"),
            ("aktifkan", "Mengaktifkan pengguna"),
            ("hapus", "Menghapus"),
            ("cabut", "Mencabut token"),
        ]
        .into_iter()
        .map(|(k, l)| (k, l, self.aksi == k))
        .collect()
    }
}

const PER_HALAMAN: i64 = 100;

async fn audit(
    State(k): State<Bersama>,
    m: Masuk,
    Path(kode): Path<String>,
    Query(q): Query<KueriAudit>,
) -> Result<Response, GalatWeb> {
    let desa = m.desa(&k, &kode).await?;
    m.wajib_kelola()?;
    let s = SaringAudit {
        aksi: q.aksi.clone(),
        objek_id: q.objek_id.clone(),
        aktor: q.aktor.clone(),
        sebelum_urut: q.sebelum,
        batas: PER_HALAMAN,
    };
    let entri = k.store.daftar_audit(&kode, &s).await?;
    let nama = {
        let r: Vec<&str> = entri.iter().map(|e| e.aktor.as_str()).collect();
        crate::nama::NamaAktor(k.store.nama_aktor(&kode, &r).await?)
    };
    let berikutnya = (entri.len() as i64 == PER_HALAMAN)
        .then(|| entri.last().map(|e| e.urut))
        .flatten();
    let verifikasi = match q.periksa {
        Some(_) => Some(k.store.verifikasi_audit_desa(&kode).await?),
        None => None,
    };
    Ok(tampil(&HalamanAudit {
        k: Kerangka::baru(&m, Some(&desa), "audit", "Log audit"),
        entri,
        nama,
        aksi: q.aksi.unwrap_or_default(),
        objek_id: q.objek_id.unwrap_or_default(),
        aktor: q.aktor.unwrap_or_default(),
        berikutnya,
        verifikasi,
    })?
    .into_response())
}
