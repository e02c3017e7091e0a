-- phpMyAdmin SQL Dump
-- version 5.2.1
SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";
/*!40101 SET NAMES utf8mb4 */;

CREATE TABLE `config` (
  `id` int(11) NOT NULL,
  `app_key` varchar(100) NOT NULL,
  `nama_desa` varchar(100) NOT NULL,
  `kode_desa` varchar(10) NOT NULL,
  `kode_pos` int(5) DEFAULT NULL,
  `nama_kecamatan` varchar(100) NOT NULL,
  `kode_kecamatan` varchar(6) NOT NULL,
  `kode_kabupaten` varchar(4) NOT NULL,
  `kode_propinsi` varchar(2) NOT NULL,
  `alamat_kantor` varchar(200) DEFAULT NULL,
  `email_desa` varchar(50) DEFAULT NULL,
  `telepon` varchar(50) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `config` (`id`, `app_key`, `nama_desa`, `kode_desa`, `kode_pos`, `nama_kecamatan`, `kode_kecamatan`, `kode_kabupaten`, `kode_propinsi`, `alamat_kantor`, `email_desa`, `telepon`) VALUES
(1, 'base64:a', 'Kalisalak', '3325082001', 51271, 'Batang', '332508', '3325', '33', 'Jl. Raya Kalisalak', 'kalisalak@desa.id', '0285'),
(2, 'base64:b', 'Desa Kedua', '3325082004', 51271, 'Batang', '332508', '3325', '33', 'Jl. Kedua', NULL, NULL);

CREATE TABLE `setting_aplikasi` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `judul` varchar(150) DEFAULT NULL,
  `key` varchar(50) DEFAULT NULL,
  `value` text DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `setting_aplikasi` (`id`, `config_id`, `judul`, `key`, `value`) VALUES
(1, 1, 'Versi', 'current_version', '24.10'),
(2, 1, 'Penomoran', 'penomoran_surat', '1'),
(3, 2, 'Versi', 'current_version', '24.10');

CREATE TABLE `tweb_wil_clusterdesa` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `rt` varchar(10) DEFAULT '0',
  `rw` varchar(10) DEFAULT '0',
  `dusun` varchar(50) DEFAULT '0',
  `id_kepala` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `tweb_wil_clusterdesa` (`id`, `config_id`, `rt`, `rw`, `dusun`, `id_kepala`) VALUES
(1, 1, '0', '0', 'SIDOREJO', NULL),
(2, 1, '0', '2', 'SIDOREJO', NULL),
(3, 1, '3', '2', 'SIDOREJO', NULL),
(10, 2, '1', '1', 'LAIN', NULL);

CREATE TABLE `tweb_keluarga` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `no_kk` varchar(16) DEFAULT NULL,
  `nik_kepala` varchar(200) DEFAULT NULL,
  `tgl_daftar` timestamp NULL DEFAULT NULL,
  `kelas_sosial` int(11) DEFAULT NULL,
  `tgl_cetak_kk` datetime DEFAULT NULL,
  `alamat` varchar(200) DEFAULT NULL,
  `id_cluster` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `tweb_keluarga` (`id`, `config_id`, `no_kk`, `nik_kepala`, `tgl_daftar`, `kelas_sosial`, `tgl_cetak_kk`, `alamat`, `id_cluster`) VALUES
(5, 1, '3325080202100005', '11', '2020-01-01 00:00:00', NULL, NULL, 'Dk. Sidorejo', 3),
(6, 2, '3325080202100006', '20', '2020-01-01 00:00:00', NULL, NULL, 'Lain', 10);

CREATE TABLE `tweb_penduduk` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `nama` varchar(100) NOT NULL,
  `nik` varchar(16) DEFAULT NULL,
  `id_kk` int(11) DEFAULT 0,
  `kk_level` tinyint(2) NOT NULL DEFAULT 0,
  `id_rtm` varchar(30) DEFAULT NULL,
  `rtm_level` int(11) DEFAULT NULL,
  `sex` tinyint(4) unsigned DEFAULT NULL,
  `tempatlahir` varchar(100) NOT NULL,
  `tanggallahir` date DEFAULT NULL,
  `agama_id` int(1) NOT NULL,
  `pendidikan_kk_id` int(1) NOT NULL,
  `pekerjaan_id` int(1) NOT NULL,
  `status_kawin` tinyint(4) NOT NULL,
  `warganegara_id` int(11) NOT NULL DEFAULT 1,
  `id_cluster` int(11) NOT NULL,
  `status_dasar` tinyint(4) NOT NULL DEFAULT 1,
  `golongan_darah_id` int(11) DEFAULT NULL,
  `suku` varchar(100) DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT current_timestamp(),
  `updated_at` timestamp NULL DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `tweb_penduduk` (`id`, `config_id`, `nama`, `nik`, `id_kk`, `kk_level`, `id_rtm`, `rtm_level`, `sex`, `tempatlahir`, `tanggallahir`, `agama_id`, `pendidikan_kk_id`, `pekerjaan_id`, `status_kawin`, `warganegara_id`, `id_cluster`, `status_dasar`, `golongan_darah_id`, `suku`, `created_at`, `updated_at`) VALUES
(11, 1, 'JOKO SUSILO', '3325080505800011', 5, 1, '3325080001', 1, 1, 'BATANG', '1980-05-05', 1, 5, 2, 2, 1, 3, 1, 13, 'Jawa', '2020-01-01 00:00:00', NULL),
(12, 1, 'RENÉ SUSANTI', '3325084606820012', 5, 3, '3325080001', 2, 2, 'BATANG', '1982-06-06', 1, 5, 1, 2, 1, 3, 1, 13, NULL, '2020-01-01 00:00:00', NULL),
(13, 1, 'ANAK PERGI', '3325080707050013', 5, 4, '0', 0, 1, 'BATANG', '2005-07-07', 1, 4, 3, 1, 1, 3, 6, NULL, NULL, '2020-01-01 00:00:00', NULL),
(14, 1, 'NIK GANDA MATI', '3325080505800011', 0, 0, '0', 0, 1, 'BATANG', '1980-05-05', 1, 5, 2, 2, 1, 3, 2, NULL, NULL, '2019-01-01 00:00:00', NULL),
(15, 1, 'TANPA TANGGAL', '3325080808900015', 5, 9, '0', 0, 1, 'BATANG', '0000-00-00', 1, 5, 2, 1, 1, 3, 1, NULL, NULL, '2019-01-01 00:00:00', NULL),
(20, 2, 'WARGA DESA KEDUA', '3325080909700020', 6, 1, '0', 0, 1, 'BATANG', '1970-09-09', 1, 5, 2, 2, 1, 10, 1, NULL, NULL, '2019-01-01 00:00:00', NULL);

CREATE TABLE `tweb_rtm` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `nik_kepala` int(11) NOT NULL,
  `no_kk` varchar(30) NOT NULL,
  `tgl_daftar` timestamp NOT NULL DEFAULT current_timestamp(),
  `kelas_sosial` int(11) DEFAULT NULL,
  `bdt` varchar(16) DEFAULT NULL,
  `terdaftar_dtks` tinyint(1) DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `tweb_rtm` (`id`, `config_id`, `nik_kepala`, `no_kk`, `tgl_daftar`, `kelas_sosial`, `bdt`, `terdaftar_dtks`) VALUES
(1, 1, 11, '3325080001', '2020-01-01 00:00:00', NULL, NULL, 0);

CREATE TABLE `log_penduduk` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `id_pend` int(11) NOT NULL,
  `kode_peristiwa` tinyint(4) DEFAULT NULL,
  `meninggal_di` varchar(50) DEFAULT NULL,
  `alamat_tujuan` tinytext DEFAULT NULL,
  `tgl_lapor` timestamp NOT NULL DEFAULT current_timestamp(),
  `tgl_peristiwa` datetime DEFAULT NULL,
  `catatan` text DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `log_penduduk` (`id`, `config_id`, `id_pend`, `kode_peristiwa`, `meninggal_di`, `alamat_tujuan`, `tgl_lapor`, `tgl_peristiwa`, `catatan`) VALUES
(1, 1, 11, 1, NULL, NULL, '1980-05-06 00:00:00', '1980-05-05 00:00:00', 'Lahir di desa'),
(2, 1, 13, 6, NULL, 'Jakarta', '2024-02-02 00:00:00', '0000-00-00 00:00:00', NULL);

CREATE TABLE `program` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `nama` varchar(100) NOT NULL,
  `sasaran` tinyint(4) DEFAULT NULL,
  `ndesc` varchar(500) DEFAULT NULL,
  `sdate` date NOT NULL,
  `edate` date NOT NULL,
  `status` tinyint(1) DEFAULT NULL,
  `asaldana` char(30) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `program` (`id`, `config_id`, `nama`, `sasaran`, `ndesc`, `sdate`, `edate`, `status`, `asaldana`) VALUES
(1, 1, 'BLT Dana Desa', 2, 'Bantuan langsung tunai', '2024-01-01', '2024-12-31', 1, 'Dana Desa'),
(2, 1, 'Kelompok Tani', 4, '', '2024-01-01', '2024-12-31', 1, 'APBD');

CREATE TABLE `program_peserta` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `peserta` varchar(30) NOT NULL,
  `program_id` int(11) NOT NULL,
  `no_id_kartu` varchar(60) DEFAULT NULL,
  `kartu_nik` varchar(30) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `program_peserta` (`id`, `config_id`, `peserta`, `program_id`, `no_id_kartu`, `kartu_nik`) VALUES
(1, 1, '3325080202100005', 1, 'BLT-001', '3325080505800011');

CREATE TABLE `artikel` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `gambar` varchar(200) DEFAULT NULL,
  `isi` text DEFAULT NULL,
  `enabled` int(11) NOT NULL DEFAULT 1,
  `tgl_upload` timestamp NOT NULL DEFAULT current_timestamp(),
  `id_kategori` int(11) NOT NULL,
  `id_user` int(11) NOT NULL,
  `judul` varchar(200) DEFAULT NULL,
  `slug` varchar(200) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `artikel` (`id`, `config_id`, `gambar`, `isi`, `enabled`, `tgl_upload`, `id_kategori`, `id_user`, `judul`, `slug`) VALUES
(1, 1, '', '<p>Kerja bakti hari Jum\'at; semua warga <script>alert(1)</script>hadir.</p>\r\n<p>C:\\desa</p>', 1, '2024-03-01 08:00:00', 2, 1, 'Kerja Bakti', 'kerja-bakti'),
(2, 1, '', '<p>Visi desa</p>', 1, '2024-03-01 08:00:00', 999, 1, 'Visi dan Misi', 'visi-dan-misi'),
(3, 1, '', '<p>Rapat</p>', 1, '2024-03-01 08:00:00', 1000, 1, 'Musyawarah Desa', 'musdes');

CREATE TABLE `kategori` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `kategori` varchar(100) NOT NULL,
  `tipe` int(11) DEFAULT 1,
  `urut` tinyint(4) DEFAULT NULL,
  `enabled` tinyint(4) DEFAULT NULL,
  `parrent` tinyint(4) DEFAULT 0,
  `slug` varchar(100) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `kategori` (`id`, `config_id`, `kategori`, `tipe`, `urut`, `enabled`, `parrent`, `slug`) VALUES
(2, 1, 'Kegiatan Desa', 1, 1, 1, 0, 'kegiatan-desa');

CREATE TABLE `agenda` (
  `id` int(11) NOT NULL,
  `config_id` int(11) DEFAULT NULL,
  `id_artikel` int(11) NOT NULL,
  `tgl_agenda` timestamp NULL DEFAULT NULL,
  `koordinator_kegiatan` varchar(50) DEFAULT NULL,
  `lokasi_kegiatan` varchar(100) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO `agenda` (`id`, `config_id`, `id_artikel`, `tgl_agenda`, `koordinator_kegiatan`, `lokasi_kegiatan`) VALUES
(1, 1, 3, '2024-04-01 09:00:00', 'Sekdes', 'Balai Desa');

CREATE TABLE `analisis_master` (`id` int(11) NOT NULL, `nama` varchar(40) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO `analisis_master` (`id`, `nama`) VALUES (1, 'Tidak diimpor');

ALTER TABLE `tweb_penduduk`
  ADD PRIMARY KEY (`id`);
COMMIT;
