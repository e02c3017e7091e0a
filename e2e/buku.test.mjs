// The administrative books in the demo village: the operator opens "Buku administrasi" from the
// menu, opens B.3 for last month (its total row adds up: start + births + arrivals − deaths −
// moves = end), downloads it as PDF, records a temporary resident (a missing field refused with
// the typed values kept) and finds them in B.4.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const GAMBAR = process.env.BALAI_PERBARUI_GAMBAR === '1'
  ? path.join(REPO_ROOT, 'docs', 'gambar')
  : path.join(tmpdir(), 'balai-gambar');

let balai;
let browser;

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
  await mkdir(GAMBAR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('books from the menu, B.3 adds up, PDF, temporary residents in B.4', async () => {
  const page = await masukDemo(browser, balai, 'operator');
  await page.goto(`${balai.url}/desa/${DESA}`);
  await page.click('#menu-pemerintahan summary');
  await Promise.all([page.waitForNavigation(), page.click('text=Buku administrasi')]);
  for (const kode of ['A.1', 'A.4', 'B.1', 'B.3', 'C.4', 'D.4']) {
    assert.ok(await page.isVisible(`#buku-${kode.replace('.', '\\.')}`), kode);
  }

  // B.3 for last month.
  await Promise.all([page.waitForNavigation(), page.click('#buku-B\\.3 td:nth-child(2) a')]);
  const lalu = new Date();
  lalu.setDate(1);
  lalu.setMonth(lalu.getMonth() - 1);
  await page.fill('#f-tahun', String(lalu.getFullYear()));
  await page.selectOption('#f-bulan', String(lalu.getMonth() + 1));
  await Promise.all([page.waitForNavigation(), page.click('#pilih-periode button')]);
  assert.match(await page.textContent('#periode'), /Bulan /);
  const jumlah = await page.$$eval('#isi-buku tbody tr:last-child td', (td) => td.map((x) => x.textContent));
  assert.equal(jumlah[1], 'JUMLAH');
  const n = (i) => Number(jumlah[i - 1]);
  // Columns of the regulation (1-based): 3–6 start, 10–17 additions, 18–25 reductions, 26–29 end.
  const jml = (a, b) => Array.from({ length: b - a + 1 }, (_, k) => n(a + k)).reduce((x, y) => x + y, 0);
  assert.equal(jml(3, 6) + jml(10, 17) - jml(18, 25), jml(26, 29), jumlah.join(' | '));
  assert.equal(n(9), jml(3, 6));
  await page.screenshot({ path: path.join(GAMBAR, 'buku-b3.png'), fullPage: false });

  const [unduh] = await Promise.all([page.waitForEvent('download'), page.click('#unduh-pdf')]);
  const isi = await readFile(await unduh.path());
  assert.equal(isi.subarray(0, 4).toString(), '%PDF');

  // A temporary resident: the purpose is missing, then given.
  await page.goto(`${balai.url}/desa/${DESA}/buku/sementara`);
  await page.fill('#f-nama', 'Bambang Irawan');
  await page.check('input[name=jenis_kelamin][value="1"]');
  await page.fill('#f-identitas', '3374011203880004');
  await page.fill('#f-asal', 'Kabupaten Kendal');
  await page.fill('#f-didatangi', 'Ibu Suratmi, RT 001 RW 001');
  await Promise.all([page.waitForNavigation(), page.click('#form-sementara button[type=submit]')]);
  assert.match(await page.textContent('.pesan-salah'), /maksud kedatangan/);
  assert.equal(await page.inputValue('#f-nama'), 'Bambang Irawan');
  await page.fill('#f-maksud', 'Bekerja di penggilingan padi');
  await Promise.all([page.waitForNavigation(), page.click('#form-sementara button[type=submit]')]);
  assert.match(await page.textContent('[role=status]'), /telah dicatat/);
  await page.goto(`${balai.url}/desa/${DESA}/buku/B.4`);
  assert.match(await page.textContent('#isi-buku'), /Bambang Irawan/);
  await page.close();
});
