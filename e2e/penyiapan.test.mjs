// First-run setup in the browser: an empty install sends the login page to the setup wizard;
// the technician types the setup code printed on the console, finds the village by name,
// creates the admin and head-of-village accounts, and the admin logs in to the new village.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, launchBrowser, login, startBalai } from './helpers.mjs';

const SANDI = 'kata-sandi-balai-desa';
// Screenshots go to docs/gambar/ with BALAI_PERBARUI_GAMBAR=1, else to a temporary folder.
const GAMBAR = process.env.BALAI_PERBARUI_GAMBAR === '1'
  ? path.join(REPO_ROOT, 'docs', 'gambar')
  : path.join(tmpdir(), 'balai-gambar');

let balai;
let browser;

before(async () => {
  balai = await startBalai({ demo: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('the setup wizard registers the village and its first accounts', async () => {
  const m = balai.output().match(/kode penyiapan ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/);
  assert.ok(m, 'the console shows the setup code');
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
  await page.goto(`${balai.url}/masuk`);
  assert.ok(page.url().endsWith('/penyiapan'), `the login page leads to the wizard: ${page.url()}`);

  // A wrong code first: refused, the name typed stays.
  await page.fill('#f-cari', 'donorejo');
  await Promise.all([page.waitForNavigation(), page.click('#tombol-cari')]);
  await page.check('input[name="desa"][value="3325082004"]');
  await page.fill('#f-admin-username', 'admin.donorejo');
  await page.fill('#f-admin-nama', 'Siti Aminah');
  await page.fill('#f-admin-sandi', SANDI);
  await mkdir(GAMBAR, { recursive: true });
  await page.screenshot({ path: path.join(GAMBAR, 'penyiapan.png'), fullPage: true });
  await page.fill('#f-kode', 'AAAA-BBBB-CCCC');
  await Promise.all([page.waitForNavigation(), page.click('#tombol-selesai')]);
  assert.match(await page.textContent('main'), /Kode penyiapan salah/);
  assert.equal(await page.inputValue('#f-admin-nama'), 'Siti Aminah');
  assert.equal(await page.inputValue('#f-admin-sandi'), '', 'the password is not sent back');
  assert.ok(await page.isChecked('input[name="desa"][value="3325082004"]'), 'the village stays ticked');

  // The right code, typed in lower case.
  await page.fill('#f-kode', m[1].toLowerCase());
  await page.fill('#f-admin-sandi', SANDI);
  await page.fill('#f-kades-username', 'kades');
  await page.fill('#f-kades-nama', 'Slamet Riyadi');
  await page.fill('#f-kades-sandi', SANDI);
  await Promise.all([page.waitForNavigation(), page.click('#tombol-selesai')]);
  assert.match(await page.textContent('#penyiapan-selesai'), /Desa Donorejo \(33\.25\.08\.2004\)/);
  assert.ok(await page.locator('#langkah-berikutnya a[href="/desa/3325082004/perangkat"]').count());

  // The admin logs in and reaches the village; the wizard is closed.
  await Promise.all([page.waitForNavigation(), page.click('#ke-masuk')]);
  await login(page, balai.url, 'admin.donorejo', SANDI);
  await page.goto(`${balai.url}/desa/3325082004/profil`);
  assert.match(await page.textContent('main'), /Donorejo/);
  const r = await page.goto(`${balai.url}/penyiapan`);
  assert.equal(r.status(), 403);
  assert.match(await page.textContent('#penyiapan-tutup'), /sudah disiapkan/);
});
