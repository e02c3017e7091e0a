// Main registry flows in a real browser: log in, find a resident, add one with a wrong NIK then
// fix it, record a death.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, login, startBalai } from './helpers.mjs';

let balai;
let browser;
let page;
const DESA = '3325082004';

before(async () => {
  balai = await startBalai();
  assert.ok(balai.username && balai.password, 'serve --demo printed the admin login');
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('a wrong password is refused in Indonesian, the right one opens the village', async () => {
  await page.goto(`${balai.url}/masuk`);
  await page.fill('input[name="username"]', balai.username);
  await page.fill('input[name="password"]', 'bukan-sandi-yang-benar');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[role="alert"]');
  assert.match(await page.textContent('[role="alert"]'), /kata sandi salah/);
  // What was typed in the user name is kept.
  assert.equal(await page.inputValue('input[name="username"]'), balai.username);

  await login(page, balai.url, balai.username, balai.password);
  assert.match(await page.textContent('h1'), /Desa Donorejo/);
  const aktif = Number(await page.textContent('.angka-besar'));
  assert.ok(aktif > 2000 && aktif <= 2500, `active residents shown (${aktif})`);
});

test('find a resident by name and open the record', async () => {
  await page.goto(`${balai.url}/desa/${DESA}/penduduk`);
  const nama = (await page.locator('#daftar-penduduk tbody tr td:nth-child(2) a').first().textContent()).trim();
  const depan = nama.split(' ')[0];
  await page.fill('#q', depan);
  await Promise.all([page.waitForNavigation(), page.click('form[aria-label="Cari dan saring penduduk"] button[type="submit"]')]);
  // Searching by name uses POST: the name never appears in the URL.
  assert.ok(!page.url().includes(encodeURIComponent(depan)), 'name is not in the URL');
  const hasil = await page.locator('#daftar-penduduk tbody tr').allTextContents();
  assert.ok(hasil.length > 0, 'search found someone');
  assert.ok(hasil.every((r) => r.toUpperCase().includes(depan.toUpperCase())), 'every row matches the name');
  await Promise.all([page.waitForNavigation(), page.locator('#daftar-penduduk tbody tr td:nth-child(2) a').first().click()]);
  assert.match(await page.textContent('main'), /Biodata/);
  assert.match(await page.textContent('main'), /Riwayat peristiwa/);
});

test('adding a resident with a wrong NIK shows the error by the field, keeps the input, then saves when fixed', async () => {
  await page.goto(`${balai.url}/desa/${DESA}/penduduk/baru`);
  await page.fill('#f-nik', '33250812345');
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

  const pesan = await page.textContent('#g-nik');
  assert.match(pesan, /16/, `NIK message explains 16 digits: ${pesan}`);
  assert.equal(await page.inputValue('#f-nama'), 'Sri Rahayu Lestari', 'typed name kept');
  assert.equal(await page.inputValue('#f-tempat_lahir'), 'Batang', 'typed place kept');
  assert.equal(await page.inputValue('#f-pekerjaan_id'), '88', 'chosen occupation kept');

  await page.fill('#f-nik', '3325085203940007');
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]:has-text("Simpan penduduk")')]);
  assert.match(await page.textContent('[role="status"]'), /Penduduk baru telah ditambahkan/);
  assert.match(await page.textContent('h1'), /SRI RAHAYU LESTARI|Sri Rahayu Lestari/i);
});

test('recording a death keeps the record and removes it from the active list', async () => {
  await page.goto(`${balai.url}/desa/${DESA}/penduduk`);
  const baris = page.locator('#daftar-penduduk tbody tr').nth(3);
  const nik = (await baris.locator('td').first().textContent()).trim();
  await Promise.all([page.waitForNavigation(), baris.locator('td:nth-child(2) a').click()]);
  const alamat = page.url();
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Catat kematian")')]);
  // A date in the future is refused with a clear message.
  await page.fill('#f-tanggal', '2099-01-01');
  await page.check('#f-yakin');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Catat kematian")')]);
  assert.match(await page.textContent('main'), /masa depan/);
  await page.fill('#f-tanggal', '2026-11-01');
  await page.fill('#f-tempat', 'Rumah');
  await page.fill('#f-sebab', 'Sakit');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Catat kematian")')]);
  assert.equal(page.url().split('?')[0], alamat);
  assert.match(await page.textContent('[role="status"]'), /Kematian telah dicatat/);
  assert.match(await page.textContent('main'), /\bMATI\b/i);
  assert.match(await page.locator('#riwayat').textContent(), /Kematian|Mati/);

  // Not in the active list any more, but found when all statuses are shown.
  await page.goto(`${balai.url}/desa/${DESA}/penduduk`);
  await page.fill('#q', nik);
  await Promise.all([page.waitForNavigation(), page.click('form[aria-label="Cari dan saring penduduk"] button[type="submit"]')]);
  assert.equal(await page.locator('#daftar-penduduk tbody tr').count(), 0);
  await page.fill('#q', nik);
  await page.selectOption('#s-status_dasar', '0');
  await Promise.all([page.waitForNavigation(), page.click('form[aria-label="Cari dan saring penduduk"] button[type="submit"]')]);
  assert.equal(await page.locator('#daftar-penduduk tbody tr').count(), 1);
});
