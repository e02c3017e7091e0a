//! Which tables travel between a village node and the district server, in an order where every
//! row's parents come first (a snapshot is applied table by table in this order).

/// Village-owned tables that sync, parents before children.
pub const TABEL_SINKRON: &[&str] = &[
    "desa",
    "wilayah_rt",
    "keluarga",
    "rumah_tangga",
    "nomor_rumah_tangga",
    "penduduk",
    "peristiwa",
    "surat_pengaturan",
    "jenis_surat",
    "nomor_surat",
    "kunci_desa",
    "surat",
    "surat_riwayat",
    "surat_lampiran",
    "surat_masuk",
    "warga_akun",
    "telegram_penduduk",
    "templat_notifikasi",
    "pengaduan",
    "pengaduan_balasan",
    "permintaan_data",
    "situs_desa",
    "situs_gambar",
    "situs_pejabat",
    "artikel",
    "potensi",
    "proyek",
    "apbdes_ringkas",
    "lapak",
    "usulan",
    "musyawarah",
    "rencana",
    "rencana_usulan",
    "apbdes",
    "apbdes_baris",
    "tahun_buku",
    "spp",
    "spp_rincian",
    "kas",
    "adminduk",
    "adminduk_lampiran",
    "adminduk_riwayat",
    "kesejahteraan",
    "usulan_dtks",
    "program_bantuan",
    "penerima_bantuan",
    "penyaluran",
    "tanda_bantuan",
    "santunan",
    "santunan_lampiran",
    "santunan_riwayat",
    "posyandu",
    "penimbangan",
    "imunisasi",
    "kehamilan",
    "kunjungan_hamil",
    "cek_sekolah",
    "sinkron_konflik",
];

/// Tables with a `desa_id` that stay on the node that wrote them, and why.
pub const TABEL_SETEMPAT: &[(&str, &str)] = &[
    (
        "audit",
        "each node keeps its own hash chain of who did what on it",
    ),
    ("audit_kepala", "head of that chain"),
    (
        "pengguna",
        "accounts are per node: a village password never opens the district server",
    ),
    ("penandatangan", "points at this node's accounts"),
    ("warga_sesi", "sessions"),
    (
        "anjungan",
        "kiosk devices are registered on the node they talk to",
    ),
    (
        "kanal_notifikasi",
        "gateway settings and secrets of the node that sends",
    ),
    (
        "notifikasi",
        "the sending queue: synced, the district would send every message again",
    ),
    ("notifikasi_log", "delivery attempts of that queue"),
    ("sinkron_token", "credentials issued by the district"),
    ("sinkron_desa", "the district's view of each village's sync"),
    ("perubahan_kepala", "head of the change log"),
    ("perubahan", "the change log itself"),
    (
        "opensid_asal",
        "import bookkeeping of the node that read the OpenSID dump",
    ),
    (
        "opensid_simpanan",
        "OpenSID rows without a place in Balai, kept where they were imported",
    ),
    ("sinkron_simpul", "this node's own role and sync state"),
];

/// Bookkeeping columns both sides bump on every edit: merged by taking the larger value, never a
/// conflict on their own.
pub const KOLOM_CATATAN: &[&str] = &["versi", "diubah_pada"];

/// When a row was first made: the earlier of the two (the same RT or family registered on both
/// sides), never a conflict on its own.
pub const KOLOM_AWAL: &[&str] = &["dibuat_pada"];
