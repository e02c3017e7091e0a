// Moving a village from OpenSID through the admin UI: the admin uploads a database dump, reads
// the preview (nothing stored yet), imports it, and the next domicile letter signed in Balai
// continues the number sequence the village had in OpenSID this year.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const TAHUN = new Date().getFullYear();
const NIK = '3325080101709871';

// An OpenSID 21.09 dump as mysqldump writes it: one family, a letter type and its letters of
// this year, the last numbered 57.
const DUMP = `-- MySQL dump 10.13  Distrib 5.7.44
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE \`config\` (\`id\` int(5) NOT NULL, \`nama_desa\` varchar(100), \`kode_desa\` varchar(100), \`kode_kecamatan\` varchar(100), \`kode_kabupaten\` varchar(100), \`kode_propinsi\` varchar(100)) ENGINE=InnoDB;
INSERT INTO \`config\` VALUES (1,'Donorejo','2004','08','25','33');
CREATE TABLE \`setting_aplikasi\` (\`id\` int(11), \`key\` varchar(50), \`value\` varchar(500));
INSERT INTO \`setting_aplikasi\` VALUES (1,'current_version','21.09'),(2,'penomoran_surat','2');
CREATE TABLE \`tweb_wil_clusterdesa\` (\`id\` int(11), \`rt\` varchar(10), \`rw\` varchar(10), \`dusun\` varchar(50));
INSERT INTO \`tweb_wil_clusterdesa\` VALUES (1,'0','0','PINDAHAN'),(2,'1','1','PINDAHAN');
CREATE TABLE \`tweb_keluarga\` (\`id\` int(11), \`no_kk\` varchar(160), \`nik_kepala\` varchar(200), \`alamat\` varchar(200), \`id_cluster\` int(11));
INSERT INTO \`tweb_keluarga\` VALUES (1,'3325080101709870','1','Jl. OpenSID 1',2);
CREATE TABLE \`tweb_penduduk\` (\`id\` int(11), \`nama\` varchar(100), \`nik\` decimal(16,0), \`id_kk\` int(11), \`kk_level\` tinyint(2), \`sex\` tinyint(4), \`tempatlahir\` varchar(100), \`tanggallahir\` date, \`agama_id\` int(1), \`pendidikan_kk_id\` int(1), \`pekerjaan_id\` int(1), \`status_kawin\` tinyint(4), \`warganegara_id\` int(1), \`id_cluster\` int(11), \`status_dasar\` tinyint(4));
INSERT INTO \`tweb_penduduk\` VALUES (1,'SUGENG PINDAHAN',${NIK},1,1,1,'BATANG','1970-01-01',1,5,2,2,1,2,1);
CREATE TABLE \`tweb_surat_format\` (\`id\` int(11), \`nama\` varchar(100), \`url_surat\` varchar(100), \`kode_surat\` varchar(10));
INSERT INTO \`tweb_surat_format\` VALUES (156,'Keterangan Domisili','surat_ket_domisili','S-41');
CREATE TABLE \`log_surat\` (\`id\` int(11), \`id_format_surat\` int(3), \`id_pend\` int(11), \`id_pamong\` int(4), \`tanggal\` timestamp, \`bulan\` varchar(2), \`tahun\` varchar(4), \`no_surat\` varchar(20));
INSERT INTO \`log_surat\` VALUES (1,156,1,1,'${TAHUN}-01-05 10:00:00','01','${TAHUN}','56'),(2,156,1,1,'${TAHUN}-01-06 10:00:00','01','${TAHUN}','57');
-- Dump completed on ${TAHUN}-01-07 10:00:00
`;

let balai;
let browser;

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('the admin migrates an OpenSID dump and the next letter continues its numbers', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-opensid-'));
  const berkas = path.join(dir, 'opensid.sql');
  await writeFile(berkas, DUMP);

  const admin = await masukDemo(browser, balai, 'admin');
  await admin.goto(`${balai.url}/desa/${DESA}/impor`);
  await Promise.all([admin.waitForNavigation(), admin.click('main a[href$="/impor/opensid"]')]);
  await admin.setInputFiles('#berkas', berkas);
  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Periksa berkas")')]);
  assert.match(await admin.textContent('#pratinjau'), /Belum ada yang disimpan/);
  assert.equal((await admin.textContent('#versi-opensid')).trim(), '21.09');
  assert.match(await admin.textContent('#tabel-log_surat'), /log_surat.*2/);
  // The preview stored nothing: the resident is not in the registry yet.
  const daftar = await admin.context().newPage();
  const cariSugeng = async () => {
    await daftar.goto(`${balai.url}/desa/${DESA}/penduduk`);
    await daftar.fill('#q', 'SUGENG');
    await Promise.all([daftar.waitForNavigation(), daftar.press('#q', 'Enter')]);
    return daftar.textContent('main');
  };
  assert.doesNotMatch(await cariSugeng(), /SUGENG PINDAHAN/);

  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Impor sekarang")')]);
  assert.match(await admin.textContent('#impor-selesai'), /Impor selesai/);
  assert.match(await cariSugeng(), /SUGENG PINDAHAN/);

  // A domicile letter for the migrated resident, signed by the head of the village.
  await admin.goto(`${balai.url}/desa/${DESA}/surat/baru?jenis=keterangan_domisili`);
  await admin.fill('#f-nik', NIK);
  await admin.fill('[name="isian.keperluan"]', 'Melamar pekerjaan');
  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Simpan dan ajukan")')]);
  assert.match(await admin.textContent('#status-surat'), /menunggu tanda tangan/);
  const suratUrl = admin.url().split('?')[0];

  const kades = await masukDemo(browser, balai, 'kades');
  await kades.goto(suratUrl);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);
  const nomor = (await kades.textContent('#nomor-surat')).trim();
  assert.match(nomor, new RegExp(`/058/2004/[IVX]+/${TAHUN}$`), nomor);
});
