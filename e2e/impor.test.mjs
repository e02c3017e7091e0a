// Import in a real browser: a file with errors gives a row report and changes nothing; the
// OpenSID sample then imports 97 of 97 after a preview.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, launchBrowser, login, startBalai } from './helpers.mjs';

let balai;
let browser;
let page;
const DESA = '3325082004';
const CONTOH = path.resolve(REPO_ROOT, 'crates', 'balai-testkit', 'data', 'opensid', 'contoh_penduduk.xlsx');
const CONTOH_CSV = path.resolve(REPO_ROOT, 'crates', 'balai-testkit', 'data', 'opensid', 'contoh_penduduk.csv');

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
  const context = await browser.newContext();
  page = await context.newPage();
  await login(page, balai.url, balai.username, balai.password);
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

// Counts are read in a second tab of the same session, so the page under test stays put.
async function jumlahAktif() {
  const tab = await page.context().newPage();
  await tab.goto(`${balai.url}/desa/${DESA}`);
  const n = Number(await tab.textContent('.angka-besar'));
  await tab.close();
  return n;
}

test('a file with errors shows the row report and changes nothing', async () => {
  const sebelum = await jumlahAktif();
  // The sample CSV with a broken NIK on the first data row and a date in the future on the second.
  const asli = (await readFile(CONTOH_CSV, 'utf8')).split(/\r?\n/);
  const pemisah = asli[0].includes(';') ? ';' : ',';
  const kolom = asli[0].split(pemisah).map((k) => k.replace(/"/g, '').trim().toLowerCase());
  const iNik = kolom.indexOf('nik');
  const iTgl = kolom.indexOf('tanggallahir');
  assert.ok(iNik >= 0 && iTgl >= 0, `sample has nik and tanggallahir columns: ${kolom.join(',')}`);
  const b1 = asli[1].split(pemisah);
  b1[iNik] = '12345';
  asli[1] = b1.join(pemisah);
  const b2 = asli[2].split(pemisah);
  b2[iTgl] = '2099-01-01';
  asli[2] = b2.join(pemisah);
  const salah = path.join(balai.dir, 'salah.csv');
  await writeFile(salah, asli.join('\n'));

  await page.goto(`${balai.url}/desa/${DESA}/impor`);
  await page.setInputFiles('#berkas', salah);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Periksa berkas")')]);
  const laporan = await page.textContent('#laporan-impor');
  assert.match(laporan, /Tidak ada yang disimpan/);
  const sel = await page.locator('#galat-impor tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim())),
  );
  assert.ok(sel.some(([b, k, , p]) => b === '2' && k === 'nik' && /16/.test(p)), `row 2 NIK error: ${JSON.stringify(sel)}`);
  assert.ok(sel.some(([b, k, , p]) => b === '3' && k === 'tanggallahir' && /masa depan/.test(p)), `row 3 date error: ${JSON.stringify(sel)}`);
  assert.equal(await page.locator('button:has-text("Terapkan impor")').count(), 0, 'no apply button');
  assert.equal(await jumlahAktif(), sebelum, 'nothing stored');
});

test('the OpenSID sample imports 97 of 97 after a preview', async () => {
  const sebelum = await jumlahAktif();
  await page.goto(`${balai.url}/desa/${DESA}/impor`);
  await page.setInputFiles('#berkas', CONTOH);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Periksa berkas")')]);
  assert.match(await page.textContent('#laporan-impor'), /semua 97 baris dapat diimpor — 97 penduduk baru/);
  assert.equal(await jumlahAktif(), sebelum, 'preview stored nothing');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Terapkan impor")')]);
  assert.match(await page.textContent('#laporan-impor'), /Impor selesai: 97 penduduk baru/);
  assert.equal(await jumlahAktif(), sebelum + 97);
});
