-- MySQL dump 10.13  Distrib 5.7
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `config`;
CREATE TABLE `config` (
  `id` int(5) NOT NULL AUTO_INCREMENT,
  `nama_desa` varchar(100) NOT NULL,
  `kode_desa` varchar(100) NOT NULL,
  `nama_kepala_desa` varchar(100) NOT NULL,
  `kode_pos` int(5) DEFAULT NULL,
  `nama_kecamatan` varchar(100) NOT NULL,
  `kode_kecamatan` varchar(100) NOT NULL,
  `kode_kabupaten` varchar(100) NOT NULL,
  `kode_propinsi` varchar(100) NOT NULL,
  `alamat_kantor` varchar(200) DEFAULT NULL,
  `telepon` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
INSERT INTO `config` VALUES (1,'Kalisalak','2001','Budi',51271,'Batang','08','25','33','Jl. Raya 1','0285');
CREATE TABLE `setting_aplikasi` (`id` int, `key` varchar(50), `value` varchar(200));
INSERT INTO `setting_aplikasi` VALUES (1,'current_version','21.09'),(2,'penomoran_surat','2'),(3,'format_nomor_surat','[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]');
CREATE TABLE `tweb_wil_clusterdesa` (`id` int, `rt` varchar(10), `rw` varchar(10), `dusun` varchar(50), `id_kepala` int);
INSERT INTO `tweb_wil_clusterdesa` VALUES (1,'0','0','KRAJAN',NULL),(2,'0','1','KRAJAN',NULL),(3,'1','1','KRAJAN',NULL),(4,'2','1','KRAJAN',NULL);
CREATE TABLE `tweb_keluarga` (`id` int, `no_kk` varchar(160), `nik_kepala` varchar(200), `tgl_daftar` timestamp, `alamat` varchar(200), `id_cluster` int);
INSERT INTO `tweb_keluarga` VALUES (1,'3325080101080001','1','2016-01-01 00:00:00','Jl. Mawar',3);
CREATE TABLE `tweb_penduduk` (`id` int, `nama` varchar(100), `nik` decimal(16,0), `id_kk` int, `kk_level` tinyint, `id_rtm` varchar(30), `rtm_level` int, `sex` tinyint, `tempatlahir` varchar(100), `tanggallahir` date, `agama_id` int, `pendidikan_kk_id` int, `pendidikan_sedang_id` int, `pekerjaan_id` int, `status_kawin` tinyint, `warganegara_id` int, `id_cluster` int, `status_dasar` tinyint, `cacat_id` int, `golongan_darah_id` int, `alamat_sekarang` varchar(200));
INSERT INTO `tweb_penduduk` VALUES (1,'SLAMET RIYADI',3325080101700001,1,1,'0',0,1,'BATANG','1970-01-01',1,5,NULL,2,2,1,3,1,0,13,''),(2,'SITI AMINAH',3325084202750002,1,3,'0',0,2,'BATANG','1975-02-02',1,4,NULL,1,2,1,3,1,0,13,''),(3,'KAKEK TUA',3325080303400003,1,7,'0',0,1,'','0000-00-00',1,1,NULL,1,4,1,3,2,0,13,''),(4,'ANAK PINDAH',3325080404000004,1,4,'0',0,1,'BATANG','2000-04-04',1,5,NULL,3,1,1,3,3,0,13,'');
CREATE TABLE `log_penduduk` (`id` int, `id_pend` int, `kode_peristiwa` int, `meninggal_di` varchar(50), `alamat_tujuan` text, `tgl_lapor` timestamp, `tgl_peristiwa` datetime, `catatan` text);
INSERT INTO `log_penduduk` VALUES (1,3,2,'Rumah',NULL,'2020-05-05 00:00:00','2020-05-04 00:00:00','sakit'),(2,4,3,NULL,'Semarang','2021-06-06 00:00:00','2021-06-01 00:00:00',NULL);
CREATE TABLE `tweb_surat_format` (`id` int, `nama` varchar(100), `url_surat` varchar(100), `kode_surat` varchar(10));
INSERT INTO `tweb_surat_format` VALUES (1,'Keterangan Pengantar','surat_ket_pengantar','S-01'),(156,'Keterangan Domisili','surat_ket_domisili','S-41'),(200,'Surat Aneh','surat_aneh','X-99');
CREATE TABLE `log_surat` (`id` int, `id_format_surat` int, `id_pend` int, `id_pamong` int, `tanggal` timestamp, `bulan` varchar(2), `tahun` varchar(4), `no_surat` varchar(20), `nama_surat` varchar(100));
INSERT INTO `log_surat` VALUES (1,1,1,1,'2026-01-05 10:00:00','01','2026','1','a.rtf'),(2,1,2,1,'2026-02-05 10:00:00','02','2026','2','b.rtf'),(3,156,1,1,'2026-03-05 10:00:00','03','2026','7','c.rtf'),(4,200,2,1,'2025-03-05 10:00:00','03','2025','3','d.rtf');
CREATE TABLE `user` (`id` int, `username` varchar(100), `password` varchar(100), `id_grup` int, `nama` varchar(50));
INSERT INTO `user` VALUES (1,'admin','$2y$10$xx',1,'Admin Desa'),(2,'redaksi1','$2y$10$yy',3,'Penulis');
CREATE TABLE `tweb_desa_pamong` (`pamong_id` int(5), `pamong_nama` varchar(100), `pamong_nip` varchar(20), `jabatan` varchar(50), `pamong_status` varchar(45), `pamong_nosk` varchar(30), `pamong_tglsk` date, `pamong_masajab` varchar(120), `urut` int(5), `id_pend` int(11));
INSERT INTO `tweb_desa_pamong` VALUES (1,'Budi Santoso','','Kepala Desa','1','141/12/2019','2019-06-01','2019-2025',1,NULL),(2,'','','Sekretaris Desa','1','141/13/2019','2019-06-01','2019-2025',2,2),(3,'Pak Lama','','Kaur Umum','2','141/1/2010','2010-01-01','2010-2016',3,NULL);
CREATE TABLE `tweb_penduduk_map` (`id` int(11), `lat` varchar(24), `lng` varchar(24));
INSERT INTO `tweb_penduduk_map` VALUES (1,'-6.9','109.7');
CREATE TABLE `gambar_gallery` (`id` int(11), `parrent` int(11), `gambar` varchar(200), `nama` varchar(50), `enabled` int(11), `tgl_upload` timestamp, `tipe` int(11));
INSERT INTO `gambar_gallery` VALUES (1,0,'album.jpg','Kegiatan 17 Agustus',1,'2025-08-17 10:00:00',0),(2,1,'foto1.jpg','Lomba',1,'2025-08-17 10:00:00',2);
-- Dump completed on 2026-12-01
