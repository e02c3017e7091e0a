//! Who may use which route: one table, checked for every request after routing and before
//! the handler runs. A route without a rule is refused (and `tests/izin.rs` fails), so a new
//! screen cannot be reached by accident. Handlers still scope the village (`Masuk::desa`) and
//! make finer choices (which letter action a role may take), but never need to remember the
//! role check the table already makes.

use crate::sesi::Masuk;
use crate::{Bersama, GalatWeb};
use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use balai_store::pengguna::Peran;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Which staff roles a route is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Izin {
    /// Every staff role, including the district's read-only roles; not Dukcapil, the Dinas
    /// Sosial or cadres, which see only their own work.
    Semua,
    /// Roles that enter data: admins, operator, secretary.
    Tulis,
    /// Roles that manage the village: accounts, settings, the audit log.
    Kelola,
    /// The village secretary (checks payment requests).
    Sekdes,
    /// The head of the village (approves payment requests).
    Kades,
    /// The install's system admin (registers villages).
    AdminSistem,
    /// The treasurer (records payments, receipts and tax deposits).
    Bendahara,
    /// Civil registration: the village roles that enter data, and Dukcapil.
    Adminduk,
    /// Dukcapil only (the queue across villages).
    Dukcapil,
    /// Reading the aid programmes and claims: every staff role but Dukcapil (the Dinas
    /// Sosial reads them across its region).
    Bantuan,
    /// Death benefit claims: the village roles that enter data, and the Dinas Sosial.
    Santunan,
    /// The Dinas Sosial only (the claims across villages).
    Dinsos,
    /// Any logged-in staff member's own account (password, logout).
    Akun,
    /// Annulling a wrongly recorded vital event: the secretary and the admins.
    BatalPeristiwa,
    /// Posyandu days: the roles that enter data, and cadres (for their own posyandu, which the
    /// handlers check).
    Posyandu,
}

impl Izin {
    pub fn boleh(self, p: Peran) -> bool {
        match self {
            Izin::Semua => !p.terbatas(),
            Izin::Tulis => p.boleh_tulis(),
            Izin::Kelola => p.boleh_kelola(),
            Izin::Sekdes => p == Peran::Sekdes,
            Izin::Kades => p == Peran::Kades,
            Izin::AdminSistem => p == Peran::AdminSistem,
            Izin::Bendahara => p.boleh_bayar(),
            Izin::Adminduk => p.boleh_tulis() || p == Peran::Dukcapil,
            Izin::Dukcapil => p == Peran::Dukcapil,
            Izin::Bantuan => !matches!(p, Peran::Dukcapil | Peran::Kader),
            Izin::Santunan => p.boleh_tulis() || p == Peran::Dinsos,
            Izin::Dinsos => p == Peran::Dinsos,
            Izin::Akun => true,
            Izin::BatalPeristiwa => p.boleh_batalkan_peristiwa(),
            Izin::Posyandu => p.boleh_catat_posyandu(),
        }
    }
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Akses {
    /// Anyone: the public sites, letter verification, assets, the login pages.
    Publik,
    /// A resident logged in to the portal (enforced by the `Warga` extractor).
    Warga,
    /// A registered kiosk, and the resident using it (the `Perangkat`/`WargaKios` extractors).
    Anjungan,
    /// An API token (the `Token` extractor); `TokenTulis` needs one allowed to write.
    Token,
    TokenTulis,
    /// A village node's sync credential (the `Simpul` extractor).
    Simpul,
    /// A logged-in staff member whose role fits (checked here, before the handler).
    Staf(Izin),
}

impl Akses {
    /// The roles as the route table prints them.
    pub fn uraian(self) -> String {
        match self {
            Akses::Publik => "publik".into(),
            Akses::Warga => "warga".into(),
            Akses::Anjungan => "anjungan".into(),
            Akses::Token => "token".into(),
            Akses::TokenTulis => "token tulis".into(),
            Akses::Simpul => "simpul desa".into(),
            Akses::Staf(i) => Peran::SEMUA
                .iter()
                .filter(|p| i.boleh(**p))
                .map(|p| p.kode())
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// Every route: (method, path as registered, access). HEAD follows GET.
pub const ATURAN: &[(&str, &str, Akses)] = &[
    ("GET", "/", Akses::Publik),
    ("GET", "/admin", Akses::Staf(Izin::Semua)),
    ("GET", "/panduan", Akses::Staf(Izin::Akun)),
    ("GET", "/panduan/{nama}", Akses::Staf(Izin::Akun)),
    ("GET", "/panduan/gambar/{berkas}", Akses::Staf(Izin::Akun)),
    ("GET", "/penyiapan", Akses::Publik),
    ("POST", "/penyiapan", Akses::Publik),
    ("GET", "/adminduk", Akses::Staf(Izin::Dukcapil)),
    ("GET", "/adminduk/lacak", Akses::Publik),
    ("GET", "/desa/{kode}/adminduk", Akses::Staf(Izin::Adminduk)),
    (
        "GET",
        "/desa/{kode}/adminduk/baru",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/adminduk/baru",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/adminduk/{id}",
        Akses::Staf(Izin::Adminduk),
    ),
    (
        "POST",
        "/desa/{kode}/adminduk/{id}/langkah",
        Akses::Staf(Izin::Adminduk),
    ),
    (
        "GET",
        "/desa/{kode}/adminduk/{id}/lampiran/{lid}",
        Akses::Staf(Izin::Adminduk),
    ),
    (
        "GET",
        "/desa/{kode}/adminduk/{id}/formulir.pdf",
        Akses::Staf(Izin::Adminduk),
    ),
    ("GET", "/warga/adminduk", Akses::Warga),
    ("GET", "/warga/bantuan", Akses::Warga),
    ("POST", "/warga/adminduk", Akses::Warga),
    ("GET", "/warga/adminduk/{id}", Akses::Warga),
    ("POST", "/warga/adminduk/{id}", Akses::Warga),
    ("GET", "/anjungan", Akses::Anjungan),
    ("GET", "/anjungan/cetak/{id}", Akses::Anjungan),
    ("GET", "/anjungan/cetak/{id}/pdf", Akses::Anjungan),
    ("POST", "/anjungan/keluar", Akses::Anjungan),
    ("GET", "/anjungan/masuk", Akses::Anjungan),
    ("POST", "/anjungan/masuk", Akses::Anjungan),
    ("GET", "/anjungan/menu", Akses::Anjungan),
    ("GET", "/anjungan/surat", Akses::Anjungan),
    ("GET", "/anjungan/surat/{jenis}", Akses::Anjungan),
    ("POST", "/anjungan/surat/{jenis}", Akses::Anjungan),
    ("GET", "/anjungan/tiket/{id}", Akses::Anjungan),
    ("GET", "/anjungan/hadir", Akses::Anjungan),
    ("POST", "/anjungan/hadir", Akses::Anjungan),
    ("GET", "/hadir/{kode}", Akses::Publik),
    ("POST", "/hadir/{kode}", Akses::Publik),
    ("POST", "/hadir/{kode}/izin", Akses::Publik),
    ("GET", "/aset/hadir.js", Akses::Publik),
    ("GET", "/desa/{kode}/perangkat", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/perangkat", Akses::Staf(Izin::Tulis)),
    (
        "GET",
        "/desa/{kode}/perangkat/jabatan/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/perangkat/jabatan/{id}/akhiri",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/perangkat/jabatan/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/perangkat/jabatan/{id}/sk/{jenis}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/perangkat/orang/{id}/pin",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/perangkat/orang/{id}/ubah",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/kehadiran", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/kehadiran/izin",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/izin/{id}",
        Akses::Staf(Izin::Kades),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/tandatangan",
        Akses::Staf(Izin::Kades),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/aturan",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/libur",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/libur/hapus",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/kehadiran/manual",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/kehadiran", Akses::Staf(Izin::Semua)),
    ("GET", "/api/v1/desa/{kode}/perangkat", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/kehadiran", Akses::Token),
    ("GET", "/api/v1/desa", Akses::Token),
    ("GET", "/api/v1/perubahan", Akses::Token),
    ("GET", "/api/v1/sinkron/awal", Akses::Simpul),
    ("POST", "/api/v1/sinkron/dorong", Akses::Simpul),
    ("POST", "/api/v1/sinkron/jabat", Akses::Simpul),
    ("GET", "/api/v1/sinkron/siapa", Akses::Simpul),
    ("GET", "/api/v1/sinkron/tarik", Akses::Simpul),
    ("GET", "/api/v1/desa/{kode}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/apbdes", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/apbdes/{tahun}", Akses::Token),
    (
        "GET",
        "/api/v1/desa/{kode}/apbdes/{tahun}/laporan",
        Akses::Token,
    ),
    (
        "GET",
        "/api/v1/desa/{kode}/apbdes/{tahun}/realisasi",
        Akses::Token,
    ),
    ("GET", "/api/v1/desa/{kode}/data-terbuka", Akses::Publik),
    (
        "GET",
        "/api/v1/desa/{kode}/data-terbuka/{id}",
        Akses::Publik,
    ),
    ("GET", "/api/v1/desa/{kode}/jenis-surat", Akses::Token),
    ("POST", "/api/v1/desa/{kode}/kelahiran", Akses::TokenTulis),
    ("GET", "/api/v1/adminduk", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/adminduk", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/adminduk/{id}", Akses::Token),
    (
        "POST",
        "/api/v1/desa/{kode}/adminduk/{id}/langkah",
        Akses::TokenTulis,
    ),
    (
        "GET",
        "/api/v1/desa/{kode}/adminduk/{id}/lampiran/{lid}",
        Akses::Token,
    ),
    ("GET", "/api/v1/bantuan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/bantuan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/pendidikan/anak", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/buku/{kode_buku}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/peraturan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/inventaris", Akses::Token),
    (
        "GET",
        "/api/v1/desa/{kode}/kesehatan/ringkasan",
        Akses::Token,
    ),
    (
        "GET",
        "/api/v1/desa/{kode}/kesehatan/penimbangan",
        Akses::Token,
    ),
    (
        "GET",
        "/api/v1/desa/{kode}/bantuan/{id}/penerima",
        Akses::Token,
    ),
    ("GET", "/api/v1/santunan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/santunan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/santunan/{id}", Akses::Token),
    (
        "POST",
        "/api/v1/desa/{kode}/santunan/{id}/langkah",
        Akses::TokenTulis,
    ),
    ("GET", "/api/v1/desa/{kode}/keluarga", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/keluarga/{id}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/penduduk", Akses::Token),
    ("POST", "/api/v1/desa/{kode}/penduduk", Akses::TokenTulis),
    ("POST", "/api/v1/desa/{kode}/penduduk/cari", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/penduduk/{id}", Akses::Token),
    (
        "PUT",
        "/api/v1/desa/{kode}/penduduk/{id}",
        Akses::TokenTulis,
    ),
    (
        "GET",
        "/api/v1/desa/{kode}/penduduk/{id}/peristiwa",
        Akses::Token,
    ),
    (
        "POST",
        "/api/v1/desa/{kode}/penduduk/{id}/peristiwa",
        Akses::TokenTulis,
    ),
    ("GET", "/api/v1/desa/{kode}/pengaduan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/pengaduan/{id}", Akses::Token),
    (
        "POST",
        "/api/v1/desa/{kode}/pengaduan/{id}/balasan",
        Akses::TokenTulis,
    ),
    ("GET", "/api/v1/desa/{kode}/peristiwa", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/permohonan-daring", Akses::Token),
    (
        "POST",
        "/api/v1/desa/{kode}/pindah-masuk",
        Akses::TokenTulis,
    ),
    ("GET", "/api/v1/desa/{kode}/rumah-tangga", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/rumah-tangga/{id}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/statistik/{jenis}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/surat", Akses::Token),
    ("POST", "/api/v1/desa/{kode}/surat", Akses::TokenTulis),
    ("GET", "/api/v1/desa/{kode}/surat-laporan", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/surat/{id}", Akses::Token),
    ("GET", "/api/v1/desa/{kode}/surat/{id}/pdf", Akses::Token),
    ("GET", "/api/v1/keuangan/perbandingan", Akses::Token),
    ("GET", "/api/v1/openapi.json", Akses::Publik),
    ("GET", "/api/v1/verifikasi/{token}", Akses::Publik),
    ("GET", "/api/v1/wilayah", Akses::Publik),
    ("GET", "/api/v1/wilayah/{kode}", Akses::Publik),
    ("GET", "/api/v1/wilayah/{kode}/anak", Akses::Publik),
    ("GET", "/aset/anjungan.css", Akses::Publik),
    ("GET", "/aset/anjungan.js", Akses::Publik),
    ("GET", "/aset/balai.css", Akses::Publik),
    ("GET", "/aset/balai.js", Akses::Publik),
    ("GET", "/aset/saring.js", Akses::Publik),
    ("GET", "/aset/posyandu.js", Akses::Publik),
    ("GET", "/aset/situs.css", Akses::Publik),
    ("GET", "/aset/warga.css", Akses::Publik),
    ("GET", "/data.json", Akses::Publik),
    ("POST", "/desa", Akses::Staf(Izin::AdminSistem)),
    ("GET", "/desa/{kode}", Akses::Staf(Izin::Semua)),
    ("GET", "/desa/{kode}/anjungan", Akses::Staf(Izin::Kelola)),
    ("POST", "/desa/{kode}/anjungan", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/anjungan/{id}",
        Akses::Staf(Izin::Kelola),
    ),
    ("POST", "/desa/{kode}/apbdes", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/apbdes/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/artikel", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/artikel", Akses::Staf(Izin::Semua)),
    ("GET", "/desa/{kode}/artikel/baru", Akses::Staf(Izin::Tulis)),
    ("GET", "/desa/{kode}/artikel/{id}", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/artikel/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/artikel/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/audit", Akses::Staf(Izin::Kelola)),
    (
        "GET",
        "/desa/{kode}/ekspor/keluarga",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/ekspor/penduduk",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/galeri", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/galeri", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/galeri/{token}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/impor", Akses::Staf(Izin::Tulis)),
    ("POST", "/desa/{kode}/impor", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/impor/terapkan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/impor/opensid",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/impor/opensid",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/impor/opensid/terapkan",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/santunan", Akses::Staf(Izin::Dinsos)),
    // Children's health data: the village roles that enter data, and cadres for their posyandu.
    ("GET", "/desa/{kode}/kesehatan", Akses::Staf(Izin::Posyandu)),
    ("POST", "/desa/{kode}/kesehatan", Akses::Staf(Izin::Tulis)),
    (
        "GET",
        "/desa/{kode}/kesehatan/ibu",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/konvergensi",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/kesehatan/konvergensi/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/kesehatan/ibu",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/ibu/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/kesehatan/ibu/{id}/kunjungan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/kesehatan/ibu/{id}/selesai",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/sw.js",
        Akses::Staf(Izin::Posyandu),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/anak/{pid}",
        Akses::Staf(Izin::Posyandu),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/{id}",
        Akses::Staf(Izin::Posyandu),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/{id}/imunisasi",
        Akses::Staf(Izin::Posyandu),
    ),
    (
        "GET",
        "/desa/{kode}/kesehatan/{id}/anak/{pid}",
        Akses::Staf(Izin::Posyandu),
    ),
    (
        "POST",
        "/desa/{kode}/kesehatan/{id}/anak/{pid}",
        Akses::Staf(Izin::Posyandu),
    ),
    // Children's education: the village roles that enter data.
    ("GET", "/desa/{kode}/pendidikan", Akses::Staf(Izin::Tulis)),
    ("GET", "/desa/{kode}/buku", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/buku/{kode_buku}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/buku/sementara",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/buku/sementara",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/buku/sementara/{id}/pergi",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/buku/ekspedisi",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/buku/ekspedisi",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/pendidikan/anak/{pid}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/pendidikan/anak/{pid}",
        Akses::Staf(Izin::Tulis),
    ),
    // Regulations, inventory and land: every staff role reads, the roles that enter data write.
    ("GET", "/desa/{kode}/peraturan", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/peraturan", Akses::Staf(Izin::Tulis)),
    (
        "GET",
        "/desa/{kode}/peraturan/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/peraturan/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/peraturan/{id}/tahap",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/peraturan/{id}/lapor",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/peraturan/{id}/dokumen",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/peraturan/{id}/dokumen",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/peraturan/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/inventaris", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/inventaris", Akses::Staf(Izin::Tulis)),
    (
        "GET",
        "/desa/{kode}/inventaris/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/inventaris/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/inventaris/{id}/kondisi",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/inventaris/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/inventaris/{id}/foto",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/inventaris/{id}/foto/{fid}",
        Akses::Staf(Izin::Semua),
    ),
    ("GET", "/desa/{kode}/tanah", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/tanah/kas-desa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/tanah/kas-desa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/tanah/kas-desa/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/tanah/kas-desa/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/tanah/di-desa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/tanah/di-desa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/tanah/di-desa/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/tanah/di-desa/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/bantuan", Akses::Staf(Izin::Bantuan)),
    ("GET", "/desa/{kode}/bantuan/baru", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/bantuan/baru",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/periksa",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/periksa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/usulan",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/usulan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/usulan.csv",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/bantuan/dtks", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/bantuan/dtks",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/dtks/contoh.csv",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/{id}",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/{id}/ubah",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/ubah",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/penerima",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/penerima/{pid}/hentikan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/salurkan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/spp",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/{id}/penyaluran/{sid}/bukti",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/impor",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/bantuan/{id}/impor/terapkan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/{id}/penerima.xlsx",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "GET",
        "/desa/{kode}/bantuan/{id}/penerima.csv",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "GET",
        "/desa/{kode}/keluarga/{id}/kesejahteraan",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "POST",
        "/desa/{kode}/keluarga/{id}/kesejahteraan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/keluarga/{id}/kesejahteraan/{sid}/foto",
        Akses::Staf(Izin::Bantuan),
    ),
    ("GET", "/desa/{kode}/santunan", Akses::Staf(Izin::Bantuan)),
    ("POST", "/desa/{kode}/santunan", Akses::Staf(Izin::Tulis)),
    (
        "GET",
        "/desa/{kode}/santunan/{id}",
        Akses::Staf(Izin::Bantuan),
    ),
    (
        "POST",
        "/desa/{kode}/santunan/{id}/ahli-waris",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/santunan/{id}/lampiran",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/santunan/{id}/langkah",
        Akses::Staf(Izin::Santunan),
    ),
    (
        "GET",
        "/desa/{kode}/santunan/{id}/lampiran/{lid}",
        Akses::Staf(Izin::Santunan),
    ),
    ("GET", "/desa/{kode}/keluarga", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/keluarga", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/keluarga/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/keluarga/{id}/kepala",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/keuangan", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/keuangan/apbdes",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/apbdes/{id}/baris",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/apbdes/{id}/baris/{baris}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/keuangan/apbdes/{id}/ekspor",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/apbdes/{id}/impor",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/apbdes/{id}/status",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/keuangan/kas", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/keuangan/kas/setor-pajak",
        Akses::Staf(Izin::Bendahara),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/kas/terima",
        Akses::Staf(Izin::Bendahara),
    ),
    (
        "GET",
        "/desa/{kode}/keuangan/kas/{id}/bukti",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/keuangan/laporan",
        Akses::Staf(Izin::Semua),
    ),
    ("GET", "/desa/{kode}/keuangan/spp", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/keuangan/spp",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/spp/{id}/bayar",
        Akses::Staf(Izin::Bendahara),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/spp/{id}/periksa",
        Akses::Staf(Izin::Sekdes),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/spp/{id}/setujui",
        Akses::Staf(Izin::Kades),
    ),
    (
        "GET",
        "/desa/{kode}/keuangan/templat-apbdes.xlsx",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/keuangan/tutup",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/kotak", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/kotak/surat/{id}/tugaskan",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/lapak", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/lapak", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/lapak/{id}", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/lapak/{id}/periksa",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/lapak/{id}/tarik",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/logo", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/logo", Akses::Staf(Izin::Kelola)),
    ("GET", "/desa/{kode}/notifikasi", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/notifikasi/kanal/{kanal}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/notifikasi/kanal/{kanal}/uji",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/notifikasi/telegram",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "GET",
        "/desa/{kode}/notifikasi/templat/{peristiwa}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/notifikasi/templat/{peristiwa}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/notifikasi/templat/{peristiwa}/bawaan",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/desa/{kode}/pembangunan", Akses::Staf(Izin::Semua)),
    ("GET", "/desa/{kode}/penduduk", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/penduduk", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/penduduk/baru",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/penduduk/baru",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/penduduk/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/penduduk/{id}/peristiwa/{jenis}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/penduduk/{id}/peristiwa/{jenis}",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/penduduk/{id}/pin",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/penduduk/{id}/pin",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/penduduk/{id}/ubah",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/penduduk/{id}/ubah",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/pengaduan/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/pengaduan/{id}/balas",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/pengaduan/{id}/foto",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/pengaduan/{id}/tugaskan",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/pengguna", Akses::Staf(Izin::Kelola)),
    ("POST", "/desa/{kode}/pengguna", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/pengguna/{id}/aktif",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/pengguna/{id}/reset",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/desa/{kode}/perencanaan", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/perencanaan/musyawarah",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/perencanaan/rencana",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/perencanaan/usulan",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/perencanaan/usulan/{id}/putuskan",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/peristiwa", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/peristiwa/{id}/batal",
        Akses::Staf(Izin::BatalPeristiwa),
    ),
    (
        "POST",
        "/desa/{kode}/peristiwa/{id}/batal",
        Akses::Staf(Izin::BatalPeristiwa),
    ),
    (
        "GET",
        "/desa/{kode}/peristiwa/lahir",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/peristiwa/lahir",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/peristiwa/pindah-masuk",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/peristiwa/pindah-masuk",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/permintaan-data/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/potensi", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/potensi", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/potensi/batas",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/potensi/batas/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "POST",
        "/desa/{kode}/potensi/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/potensi/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/profil", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/profil", Akses::Staf(Izin::Kelola)),
    ("POST", "/desa/{kode}/proyek", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/proyek/{id}", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/proyek/{id}/hapus",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/rumah-tangga", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/rumah-tangga",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/rumah-tangga/{id}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/rumah-tangga/{id}",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/situs", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/situs", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/situs/sampul",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/latihan", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/latihan/masuk",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/latihan/atur-ulang",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/latihan/malam",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/latihan", Akses::Staf(Izin::Semua)),
    ("POST", "/latihan/keluar", Akses::Staf(Izin::Semua)),
    ("GET", "/desa/{kode}/sinkron", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/sinkron/konflik/{id}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/sinkron/kredensial",
        Akses::Staf(Izin::AdminSistem),
    ),
    (
        "POST",
        "/desa/{kode}/sinkron/kredensial/{id}/cabut",
        Akses::Staf(Izin::AdminSistem),
    ),
    (
        "POST",
        "/desa/{kode}/sinkron/sekarang",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/desa/{kode}/statistik", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/statistik.json",
        Akses::Staf(Izin::Semua),
    ),
    ("GET", "/desa/{kode}/surat", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/surat", Akses::Staf(Izin::Semua)),
    ("GET", "/desa/{kode}/surat/agenda", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/surat/agenda",
        Akses::Staf(Izin::Semua),
    ),
    ("GET", "/desa/{kode}/surat/baru", Akses::Staf(Izin::Tulis)),
    ("POST", "/desa/{kode}/surat/baru", Akses::Staf(Izin::Tulis)),
    (
        "POST",
        "/desa/{kode}/surat/pemohon",
        Akses::Staf(Izin::Tulis),
    ),
    ("GET", "/desa/{kode}/surat/jenis", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/surat/jenis/{jenis}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/surat/jenis/{jenis}",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "GET",
        "/desa/{kode}/surat/laporan",
        Akses::Staf(Izin::Semua),
    ),
    ("GET", "/desa/{kode}/surat/masuk", Akses::Staf(Izin::Semua)),
    ("POST", "/desa/{kode}/surat/masuk", Akses::Staf(Izin::Semua)),
    (
        "GET",
        "/desa/{kode}/surat/masuk/{id}/lampiran",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/surat/pengaturan",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/surat/pengaturan",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/surat/pengaturan/kunci",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/surat/pengaturan/penandatangan",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/surat/pengaturan/penandatangan/{pengguna}/hapus",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/desa/{kode}/surat/{id}", Akses::Staf(Izin::Semua)),
    (
        "POST",
        "/desa/{kode}/surat/{id}/lampiran",
        Akses::Staf(Izin::Tulis),
    ),
    (
        "GET",
        "/desa/{kode}/surat/{id}/lampiran/{lampiran}",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/surat/{id}/pdf",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/surat/{id}/pratinjau",
        Akses::Staf(Izin::Semua),
    ),
    (
        "GET",
        "/desa/{kode}/surat/{id}/tanda-terima",
        Akses::Staf(Izin::Semua),
    ),
    (
        "POST",
        "/desa/{kode}/surat/{id}/{aksi}",
        Akses::Staf(Izin::Semua),
    ),
    ("POST", "/desa/{kode}/token", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/token/{id}/cabut",
        Akses::Staf(Izin::Kelola),
    ),
    (
        "POST",
        "/desa/{kode}/wilayah/dusun",
        Akses::Staf(Izin::Kelola),
    ),
    ("POST", "/desa/{kode}/wilayah/rt", Akses::Staf(Izin::Kelola)),
    (
        "POST",
        "/desa/{kode}/wilayah/rt/{id}/hapus",
        Akses::Staf(Izin::Kelola),
    ),
    ("GET", "/favicon.ico", Akses::Publik),
    ("GET", "/ganti-sandi", Akses::Staf(Izin::Akun)),
    ("POST", "/ganti-sandi", Akses::Staf(Izin::Akun)),
    ("GET", "/healthz", Akses::Publik),
    ("POST", "/keluar", Akses::Staf(Izin::Akun)),
    ("GET", "/keuangan", Akses::Staf(Izin::Semua)),
    ("GET", "/kesehatan", Akses::Staf(Izin::Semua)),
    ("GET", "/buku", Akses::Staf(Izin::Semua)),
    ("GET", "/kunci/{kode}", Akses::Publik),
    ("GET", "/layanan/{kode}", Akses::Publik),
    ("GET", "/masuk", Akses::Publik),
    ("POST", "/masuk", Akses::Publik),
    ("GET", "/s/{slug}", Akses::Publik),
    ("GET", "/s/{slug}/berita", Akses::Publik),
    ("GET", "/s/{slug}/berita/{judul}", Akses::Publik),
    ("GET", "/s/{slug}/data", Akses::Publik),
    ("GET", "/s/{slug}/data.json", Akses::Publik),
    ("GET", "/s/{slug}/data/{berkas}", Akses::Publik),
    ("GET", "/s/{slug}/galeri", Akses::Publik),
    ("GET", "/s/{slug}/gambar/{token}", Akses::Publik),
    ("GET", "/s/{slug}/lapak", Akses::Publik),
    ("GET", "/s/{slug}/lapak/{token}", Akses::Publik),
    ("GET", "/s/{slug}/layanan", Akses::Publik),
    ("GET", "/s/{slug}/logo", Akses::Publik),
    ("GET", "/s/{slug}/pembangunan", Akses::Publik),
    ("GET", "/s/{slug}/pengaduan", Akses::Publik),
    ("POST", "/s/{slug}/pengaduan", Akses::Publik),
    ("GET", "/s/{slug}/pengaduan/lacak", Akses::Publik),
    ("GET", "/s/{slug}/peraturan", Akses::Publik),
    ("GET", "/s/{slug}/peraturan/{token}", Akses::Publik),
    ("GET", "/s/{slug}/potensi", Akses::Publik),
    ("GET", "/s/{slug}/profil", Akses::Publik),
    ("GET", "/s/{slug}/rss.xml", Akses::Publik),
    ("GET", "/s/{slug}/sitemap.xml", Akses::Publik),
    ("GET", "/s/{slug}/statistik", Akses::Publik),
    ("GET", "/s/{slug}/bantuan", Akses::Publik),
    ("GET", "/s/{slug}/warna.css", Akses::Publik),
    ("GET", "/jaringan", Akses::Staf(Izin::Semua)),
    ("GET", "/jaringan/token", Akses::Staf(Izin::AdminSistem)),
    ("POST", "/jaringan/token", Akses::Staf(Izin::AdminSistem)),
    (
        "POST",
        "/jaringan/token/{id}/cabut",
        Akses::Staf(Izin::AdminSistem),
    ),
    ("GET", "/statistik", Akses::Staf(Izin::Semua)),
    ("GET", "/statistik.json", Akses::Staf(Izin::Semua)),
    ("GET", "/v/{token}", Akses::Publik),
    ("GET", "/warga", Akses::Warga),
    ("GET", "/warga/akses", Akses::Warga),
    ("GET", "/warga/aktivasi", Akses::Publik),
    ("POST", "/warga/aktivasi", Akses::Publik),
    ("GET", "/warga/aktivasi/kode", Akses::Publik),
    ("POST", "/warga/aktivasi/kode", Akses::Publik),
    ("GET", "/warga/data", Akses::Warga),
    ("POST", "/warga/data/permintaan", Akses::Warga),
    ("GET", "/warga/ganti-pin", Akses::Warga),
    ("POST", "/warga/ganti-pin", Akses::Warga),
    ("GET", "/warga/ikon.svg", Akses::Publik),
    ("POST", "/warga/keluar", Akses::Warga),
    ("POST", "/warga/keluar-semua", Akses::Warga),
    ("GET", "/warga/lapak", Akses::Warga),
    ("GET", "/warga/lapak/baru", Akses::Warga),
    ("POST", "/warga/lapak/baru", Akses::Warga),
    ("GET", "/warga/lapak/{id}", Akses::Warga),
    ("POST", "/warga/lapak/{id}", Akses::Warga),
    ("POST", "/warga/lapak/{id}/tarik", Akses::Warga),
    ("GET", "/warga/luring", Akses::Publik),
    ("GET", "/warga/manifest.webmanifest", Akses::Publik),
    ("GET", "/warga/masuk", Akses::Publik),
    ("POST", "/warga/masuk", Akses::Publik),
    ("GET", "/warga/notifikasi", Akses::Warga),
    ("GET", "/warga/pengaduan", Akses::Warga),
    ("GET", "/warga/pengaduan/baru", Akses::Warga),
    ("POST", "/warga/pengaduan/baru", Akses::Warga),
    ("GET", "/warga/pengaduan/{id}", Akses::Warga),
    ("POST", "/warga/pengaduan/{id}/balas", Akses::Warga),
    ("GET", "/warga/pengaduan/{id}/foto", Akses::Warga),
    ("GET", "/warga/portal.js", Akses::Publik),
    ("GET", "/warga/surat", Akses::Warga),
    ("GET", "/warga/surat/baru", Akses::Warga),
    ("GET", "/warga/surat/baru/{jenis}", Akses::Warga),
    ("POST", "/warga/surat/baru/{jenis}", Akses::Warga),
    ("GET", "/warga/surat/{id}", Akses::Warga),
    ("GET", "/warga/surat/{id}/pdf", Akses::Warga),
    ("GET", "/warga/sw.js", Akses::Publik),
    ("GET", "/warga/usulan", Akses::Warga),
    ("POST", "/warga/usulan", Akses::Warga),
];

/// The table as a map, built on first use: (method, path) to access, and every routed path.
struct Peta {
    aturan: HashMap<(&'static str, &'static str), Akses>,
    jalur: HashSet<&'static str>,
}

static PETA: LazyLock<Peta> = LazyLock::new(|| Peta {
    aturan: ATURAN.iter().map(|(m, j, a)| ((*m, *j), *a)).collect(),
    jalur: ATURAN.iter().map(|(_, j, _)| *j).collect(),
});

/// The rule of a routed request.
pub fn aturan(metode: &Method, jalur: &str) -> Option<Akses> {
    let metode = if metode == Method::HEAD {
        "GET"
    } else {
        metode.as_str()
    };
    PETA.aturan.get(&(metode, jalur)).copied()
}

/// Checks the route's rule; for staff routes the session is read once here and handed on to
/// the handler's `Masuk`.
pub async fn jaga(State(k): State<Bersama>, req: Request, next: Next) -> Response {
    let Some(jalur) = req.extensions().get::<MatchedPath>().cloned() else {
        return next.run(req).await;
    };
    match aturan(req.method(), jalur.as_str()) {
        // A method the path does not take: axum answers 405 itself, no handler runs.
        None if PETA.jalur.contains(jalur.as_str()) => next.run(req).await,
        None => {
            tracing::error!(jalur = jalur.as_str(), "rute tanpa aturan izin ditolak");
            GalatWeb::Terlarang.into_response()
        }
        Some(Akses::Staf(izin)) => {
            let (mut bagian, badan) = req.into_parts();
            let mut m = match Masuk::from_request_parts(&mut bagian, &k).await {
                Ok(m) => m,
                Err(r) => return r,
            };
            if !izin.boleh(m.peran()) {
                return GalatWeb::Terlarang.into_response();
            }
            if bagian.method == Method::GET {
                m.tugas = tugas_desa(&k, &m, bagian.uri.path()).await;
            }
            bagian.extensions.insert(m);
            let mut r = next.run(Request::from_parts(bagian, badan)).await;
            // Staff pages carry personal data: no browser or proxy keeps a copy.
            r.headers_mut()
                .entry(header::CACHE_CONTROL)
                .or_insert(HeaderValue::from_static("no-store"));
            r
        }
        Some(_) => next.run(req).await,
    }
}

/// The waiting work of the village a staff page is about, for the menu badges: only for a
/// village role on its own village (the district's monitors have no work waiting there).
async fn tugas_desa(
    k: &Bersama,
    m: &Masuk,
    jalur: &str,
) -> Option<(String, balai_domain::tugas::JumlahTugas)> {
    let kode = jalur.strip_prefix("/desa/")?.split('/').next()?;
    if !m.peran().peran_desa() || m.pengguna.desa_id.as_deref() != Some(kode) {
        return None;
    }
    match k.store.tugas().jumlah(kode).await {
        Ok(n) => Some((kode.to_string(), n)),
        Err(e) => {
            tracing::warn!(galat = %e, "jumlah tugas tidak terbaca");
            None
        }
    }
}
