//! The page frame shared by every admin screen: title, menu, user and village.

use crate::sesi::Masuk;
use balai_domain::ZonaWaktu;
use balai_domain::peran::Peran;
use balai_domain::tugas::{Bagian, JumlahTugas};
use balai_store::desa::Desa;

pub struct Kerangka {
    pub judul: String,
    pub nama_pengguna: String,
    pub peran: &'static str,
    /// (code, name) of the village the page is about.
    pub desa: Option<(String, String)>,
    pub csrf: String,
    /// Which menu item is current.
    pub menu: &'static str,
    /// Which item of a module's own menu is current.
    pub sub: &'static str,
    /// A success message after a redirect.
    pub pesan: Option<String>,
    pub boleh_tulis: bool,
    pub boleh_kelola: bool,
    /// The treasurer: records payments, receipts and tax deposits.
    pub boleh_bayar: bool,
    peran_pengguna: Peran,
    /// The village's time zone (WIB when the page is about no village).
    pub zona: ZonaWaktu,
    /// Work waiting in this village, for the menu badges.
    tugas: Option<JumlahTugas>,
    /// The path the posyandu pages keep working offline under (`/desa/KODE/kesehatan/`).
    pub luring: Option<String>,
    /// In a practice village: the menu offers its tasks and the way back.
    pub latihan: bool,
}

impl Kerangka {
    /// The guide section for this page (its menu item), served by Balai itself.
    pub fn bantuan(&self) -> &'static str {
        bantuan_untuk(self.menu)
    }

    pub fn baru(
        m: &Masuk,
        desa: Option<&Desa>,
        menu: &'static str,
        judul: impl Into<String>,
    ) -> Self {
        Kerangka {
            judul: judul.into(),
            nama_pengguna: m.pengguna.nama.clone(),
            peran: m.peran().label(),
            desa: desa.map(|d| (d.desa_id.clone(), d.nama.clone())),
            csrf: m.csrf.clone(),
            menu,
            sub: "",
            pesan: None,
            boleh_tulis: m.peran().boleh_tulis(),
            boleh_kelola: m.peran().boleh_kelola(),
            boleh_bayar: m.peran().boleh_bayar(),
            peran_pengguna: m.peran(),
            zona: desa.map(|d| d.zona()).unwrap_or(ZonaWaktu::Wib),
            tugas: m
                .tugas
                .as_ref()
                .filter(|(kode, _)| desa.is_some_and(|d| &d.desa_id == kode))
                .map(|(_, n)| *n),
            luring: None,
            latihan: m.latihan,
        }
    }

    /// A posyandu page that keeps working without signal (posyandu.js and its service worker).
    pub fn dengan_luring(mut self) -> Self {
        self.luring = self
            .desa
            .as_ref()
            .map(|(kode, _)| format!("/desa/{kode}/kesehatan/"));
        self
    }

    /// Adds the message named by `?ok=` after a successful change.
    pub fn dengan_pesan(mut self, ok: Option<&str>) -> Self {
        self.pesan = ok.and_then(pesan_berhasil).map(str::to_string);
        self
    }

    /// The secretary or an admin: may annul a wrongly recorded event.
    pub fn boleh_batal(&self) -> bool {
        self.peran_pengguna.boleh_batalkan_peristiwa()
    }

    /// Dukcapil's officer: sees only the civil registration queue, not the village menu.
    pub fn dukcapil(&self) -> bool {
        self.peran_pengguna == Peran::Dukcapil
    }

    /// The Dinas Sosial's officer: sees the claims and programmes, not the village menu.
    pub fn dinsos(&self) -> bool {
        self.peran_pengguna == Peran::Dinsos
    }

    /// Where the "Balai" mark leads: the user's own start page.
    pub fn beranda(&self) -> String {
        match self.peran_pengguna {
            Peran::Dukcapil => "/adminduk".into(),
            Peran::Dinsos => "/santunan".into(),
            Peran::Kader => format!("/desa/{}/kesehatan", self.kode_desa()),
            _ => "/admin".into(),
        }
    }

    /// A posyandu cadre: sees their posyandu, not the village menu.
    pub fn kader(&self) -> bool {
        self.peran_pengguna == Peran::Kader
    }

    pub fn aktif(&self, menu: &str) -> bool {
        self.menu == menu
    }

    pub fn aktif_sub(&self, sub: &str) -> bool {
        self.sub == sub
    }

    /// A moment as the village reads it: "06-12-2026 13.40 WIB".
    pub fn waktu(&self, t: &chrono::DateTime<chrono::Utc>) -> String {
        waktu_zona(t, self.zona)
    }

    /// The menu section holding the current page.
    pub fn bagian_aktif(&self, bagian: &str) -> bool {
        let b = match self.menu {
            "kotak" | "surat" | "adminduk" => "layanan",
            "penduduk" | "keluarga" | "rtm" | "peristiwa" | "statistik" | "impor" => "kependudukan",
            "bantuan" | "santunan" | "kesehatan" | "pendidikan" => "kependudukan",
            "keuangan" => "keuangan",
            "situs" | "profil" => "situs",
            "perangkat" | "kehadiran" => "pemerintahan",
            "peraturan" | "inventaris" | "tanah" | "buku" => "pemerintahan",
            "pengguna" | "anjungan" | "audit" | "notifikasi" | "sinkron" | "latihan" => {
                "pengaturan"
            }
            _ => "",
        };
        b == bagian
    }

    /// How much of this user's work waits in a menu section (0 when none or unknown).
    pub fn lencana(&self, bagian: &str) -> i64 {
        let b = match bagian {
            "layanan" => Bagian::Layanan,
            "keuangan" => Bagian::Keuangan,
            "situs" => Bagian::Situs,
            _ => return 0,
        };
        self.tugas
            .map(|n| n.bagian(self.peran_pengguna, b))
            .unwrap_or(0)
    }

    pub fn kode_desa(&self) -> &str {
        self.desa.as_ref().map(|d| d.0.as_str()).unwrap_or("")
    }
}

fn pesan_berhasil(kode: &str) -> Option<&'static str> {
    Some(match kode {
        "simpan" => "Data telah disimpan.",
        "sinkron_mulai" => {
            "Sinkron dimulai di latar belakang. Muat ulang halaman ini sebentar lagi untuk melihat hasilnya."
        }
        "konflik" => {
            "Konflik telah diselesaikan; nilai yang dipilih dikirim pada sinkron berikutnya."
        }
        "kredensial_cabut" => {
            "Kredensial sinkron telah dicabut; komputer desa yang memakainya tidak dapat sinkron lagi."
        }
        "tambah" => "Penduduk baru telah ditambahkan.",
        "tetap" => "Tidak ada perubahan: data sama dengan yang tersimpan.",
        "lahir" => "Kelahiran telah dicatat dan bayi ditambahkan ke keluarga.",
        "peristiwa_batal" => {
            "Peristiwa telah dibatalkan dan status penduduk dikembalikan. Peristiwa dan pembatalannya tetap tercatat di riwayat."
        }
        "mati" => {
            "Kematian telah dicatat. Data tetap tersimpan dan tidak lagi muncul di daftar penduduk aktif."
        }
        "pindah_keluar" => "Kepindahan keluar telah dicatat.",
        "penerima" => "Penerima telah ditambahkan ke program.",
        "salur" => "Penyaluran dan bukti terimanya telah dicatat.",
        "spp_bantuan" => {
            "SPP penyaluran telah diajukan. Sekretaris desa memeriksanya, kepala desa menyetujui, lalu bendahara mencatat pembayarannya di buku kas."
        }
        "kesejahteraan" => "Data kesejahteraan keluarga telah dicatat; data lama tetap di riwayat.",
        "usulan" => "Usulan telah dicatat dan masuk daftar ekspor untuk pemutakhiran DTKS/DTSEN.",
        "santunan" => {
            "Klaim santunan kematian telah dibuka. Lengkapi ahli waris dan dokumen sebelum batas pengajuan."
        }
        "hilang" => "Status hilang telah dicatat.",
        "pindah_masuk" => "Kedatangan (pindah masuk) telah dicatat.",
        "sandi" => "Kata sandi telah diganti.",
        "pengguna" => "Pengguna telah disimpan.",
        "rt" => "Struktur wilayah telah diperbarui.",
        "profil" => "Profil desa telah disimpan.",
        "token" => "Token API telah dicabut.",
        "kepala" => "Kepala keluarga telah diganti.",
        "rtm" => "Rumah tangga telah disimpan.",
        "surat_baru" => "Permohonan surat telah disimpan dan menunggu tanda tangan.",
        "tugaskan" => "Petugas telah ditugaskan.",
        "balas" => "Balasan telah dikirim kepada pelapor.",
        "putuskan" => "Keputusan atas permintaan data telah disimpan.",
        "buka_kunci" => "Kunci akun layanan mandiri telah dibuka.",
        "pin_berubah" => {
            "PIN tidak diterbitkan lagi: akun ini baru saja berubah (mungkin halaman dimuat ulang). Periksa keadaannya di bawah; tekan tombol lagi bila memang perlu PIN baru."
        }
        "keluar_semua" => "Semua sesi layanan mandiri penduduk ini telah diakhiri.",
        "anjungan" => "Anjungan telah didaftarkan.",
        "anjungan_cabut" => "Anjungan telah dicabut dan tidak dapat dipakai lagi.",
        "periksa" => "Permohonan telah diperiksa dan menunggu tanda tangan.",
        "tolak" => "Permohonan telah ditolak; alasannya tercatat.",
        "terbit" => "Surat telah ditandatangani dan diberi nomor. Unduh PDF-nya untuk dicetak.",
        "serahkan" => "Surat telah ditandai sudah diserahkan.",
        "batal" => "Surat telah dibatalkan. Nomornya tetap tercatat sebagai dibatalkan.",
        "ulang" => "Permohonan pengganti telah dibuat dan menunggu tanda tangan.",
        "kunci" => "Kunci tanda tangan baru telah dibuat. Surat lama tetap dapat diperiksa.",
        "lampiran" => "Lampiran telah ditambahkan.",
        "penandatangan" => "Daftar pejabat penanda tangan telah diperbarui.",
        "situs" => "Pengaturan situs desa telah disimpan.",
        "artikel" => "Tulisan telah disimpan.",
        "artikel_hapus" => "Tulisan telah dihapus.",
        "potensi" => "Data potensi telah disimpan.",
        "batas" => "Batas wilayah desa telah disimpan dan tampil di peta potensi situs desa.",
        "batas_hapus" => "Batas wilayah desa telah dihapus dari peta.",
        "potensi_hapus" => "Data potensi telah dihapus.",
        "produk" => "Produk lapak telah disimpan dan tampil di situs desa.",
        "produk_setuju" => "Produk disetujui dan kini tampil di lapak desa.",
        "produk_tolak" => "Produk ditolak; penjual dapat membaca alasannya di layanan mandiri.",
        "produk_tarik" => "Produk telah ditarik dari lapak desa.",
        "proyek" => "Kegiatan pembangunan telah disimpan.",
        "proyek_hapus" => "Kegiatan pembangunan telah dihapus.",
        "apbdes" => "Baris APBDes telah disimpan; jumlahnya dihitung ulang.",
        "apbdes_hapus" => "Baris APBDes telah dihapus.",
        "gambar" => "Foto telah diunggah.",
        "gambar_hapus" => "Foto telah dihapus.",
        "pejabat" => "Daftar perangkat dan BPD telah diperbarui.",
        "cek_sekolah" => "Cek sekolah telah dicatat.",
        "jabatan" => "Jabatan telah dicatat.",
        "jabatan_akhir" => {
            "Jabatan telah diakhiri dengan SK pemberhentian; riwayatnya tetap tersimpan."
        }
        "jabatan_hapus" => "Jabatan yang salah catat telah dihapus.",
        "orang" => "Data diri telah diperbarui; situs desa ikut berubah.",
        "izin_hadir" => "Pengajuan telah dicatat dan menunggu keputusan kepala desa.",
        "izin_setuju" => "Pengajuan telah disetujui.",
        "izin_tolak" => "Pengajuan telah ditolak; alasannya tercatat.",
        "rekap_ttd" => "Rekap kehadiran telah ditandatangani; catatan bulan itu kini terkunci.",
        "aturan_hadir" => "Pengaturan kehadiran telah disimpan.",
        "libur" => "Daftar hari libur telah diperbarui.",
        "absen_manual" => "Absen telah dicatat petugas.",
        "latihan_keluar" => {
            "Anda sudah keluar dari desa latihan dan kembali ke data desa yang sebenarnya."
        }
        "latihan_habis" => {
            "Sesi latihan Anda telah berakhir (lama tidak dipakai, atau desa latihan baru saja diatur ulang). Masuk lagi bila ingin berlatih."
        }
        "latihan_ulang" => {
            "Desa latihan telah diatur ulang dengan data contoh yang baru. Semua yang dikerjakan di sana sebelumnya sudah dihapus."
        }
        "latihan_malam" => "Pengaturan atur ulang setiap malam telah disimpan.",
        _ => return None,
    })
}

/// A moment in a village's time zone, with the zone's name.
pub fn waktu_zona(t: &chrono::DateTime<chrono::Utc>, zona: ZonaWaktu) -> String {
    format!(
        "{} {}",
        t.with_timezone(&zona.offset()).format("%d-%m-%Y %H.%M"),
        zona.singkatan()
    )
}

/// The guide section each menu item's pages are explained in.
pub fn bantuan_untuk(menu: &str) -> &'static str {
    match menu {
        "penduduk" => "/panduan/panduan-operator#3-mencari-penduduk",
        "peristiwa" => "/panduan/panduan-operator#7-mencatat-peristiwa",
        "keluarga" => "/panduan/panduan-operator#8-keluarga",
        "rtm" => "/panduan/panduan-operator#9-rumah-tangga",
        "impor" => "/panduan/panduan-operator#10-impor-data-dari-opensid-atau-siak",
        "statistik" => "/panduan/panduan-operator#12-statistik",
        "profil" => "/panduan/panduan-operator#13-profil-desa-dan-wilayah-rt",
        "pengguna" => "/panduan/panduan-operator#14-pengguna-dan-peran",
        "audit" => "/panduan/panduan-operator#16-log-audit",
        "notifikasi" => "/panduan/panduan-operator#18-notifikasi-warga",
        "kotak" | "anjungan" => {
            "/panduan/panduan-operator#19-layanan-mandiri-anjungan-dan-kotak-masuk"
        }
        "surat" => "/panduan/layanan-surat",
        "adminduk" => "/panduan/adminduk",
        "keuangan" => "/panduan/keuangan",
        "bantuan" | "santunan" => "/panduan/bantuan",
        "kesehatan" => "/panduan/kesehatan",
        "pendidikan" => "/panduan/pendidikan",
        "situs" => "/panduan/situs-desa",
        "sinkron" | "jaringan" => "/panduan/sinkron",
        "latihan" => "/panduan/latihan",
        "buku" | "perangkat" | "kehadiran" | "peraturan" | "inventaris" | "tanah" => {
            "/panduan/administrasi"
        }
        _ => "/panduan/panduan-operator#2-halaman-beranda-dan-menu",
    }
}
