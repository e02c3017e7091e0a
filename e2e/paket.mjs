// The installed package, from the first visit to the first letter: run by scripts/uji-paket.sh
// against the service it started inside a fresh Debian 12 chroot (BALAI_URL, and the setup
// code it read from the service's output in BALAI_KODE_PENYIAPAN). Not a *.test.mjs file: it
// needs that install, which the other browser tests do not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, login } from './helpers.mjs';

const URL_BALAI = process.env.BALAI_URL;
const KODE = process.env.BALAI_KODE_PENYIAPAN;
const DESA = '3325082004';
const SANDI = 'kata-sandi-kantor-desa';
const NIK = '3325085203940007';

let browser;

before(async () => {
  assert.ok(URL_BALAI && KODE, 'BALAI_URL and BALAI_KODE_PENYIAPAN are set by scripts/uji-paket.sh');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('setup wizard, a resident, a letter signed by the head of village', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${URL_BALAI}/`);
  await page.goto(`${URL_BALAI}/masuk`);
  assert.ok(page.url().endsWith('/penyiapan'), page.url());
  await page.fill('#f-kode', KODE);
  await page.fill('#f-desa-kode', '33.25.08.2004');
  await page.fill('#f-admin-username', 'admin');
  await page.fill('#f-admin-nama', 'Admin Donorejo');
  await page.fill('#f-admin-sandi', SANDI);
  await page.fill('#f-kades-username', 'kades');
  await page.fill('#f-kades-nama', 'Slamet Riyadi');
  await page.fill('#f-kades-sandi', SANDI);
  await Promise.all([page.waitForNavigation(), page.click('#tombol-selesai')]);
  assert.match(await page.textContent('#penyiapan-selesai'), /Desa Donorejo/);

  // The admin records a resident and makes a domicile letter for her.
  await login(page, URL_BALAI, 'admin', SANDI);
  await page.goto(`${URL_BALAI}/desa/${DESA}/penduduk/baru`);
  await page.fill('#f-nik', NIK);
  await page.fill('#f-nama', 'Sri Rahayu Lestari');
  await page.selectOption('#f-jenis_kelamin', '2');
  await page.fill('#f-tempat_lahir', 'Batang');
  await page.fill('#f-tanggal_lahir', '1994-03-12');
  await page.selectOption('#f-agama_id', '1');
  await page.selectOption('#f-status_kawin_id', '1');
  await page.selectOption('#f-shdk_id', '11');
  await page.selectOption('#f-pendidikan_kk_id', '5');
  await page.selectOption('#f-pekerjaan_id', '88');
  await page.fill('#f-dusun', 'Krajan');
  await page.fill('#f-rw', '1');
  await page.fill('#f-rt', '2');
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]:has-text("Simpan penduduk")')]);
  assert.match(await page.textContent('main'), /SRI RAHAYU LESTARI/);
  await page.goto(`${URL_BALAI}/desa/${DESA}/surat/baru?jenis=keterangan_domisili`);
  await page.fill('#f-nik', NIK);
  await page.fill('[name="isian.keperluan"]', 'Melamar pekerjaan');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Simpan dan ajukan")')]);
  assert.match(await page.textContent('#status-surat'), /menunggu tanda tangan/);
  const suratUrl = page.url().split('?')[0];

  // The head of village signs; the letter downloads as a PDF.
  const kades = await (await browser.newContext()).newPage();
  await login(kades, URL_BALAI, 'kades', SANDI);
  await kades.goto(suratUrl);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  const [unduhan] = await Promise.all([kades.waitForEvent('download'), kades.click('#unduh-pdf')]);
  const stream = await unduhan.createReadStream();
  const potongan = [];
  for await (const p of stream) potongan.push(p);
  assert.equal(Buffer.concat(potongan).subarray(0, 4).toString(), '%PDF');
});
