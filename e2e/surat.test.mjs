// The letter flow in a real browser: an operator makes a "Keterangan Domisili" at the counter,
// the head of the village signs it, the PDF holds the name, number and date, its QR code opens
// a page that says ASLI, a tampered QR says TIDAK VALID, and a cancelled letter says DICABUT.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, login, startBalai } from './helpers.mjs';

const run = promisify(execFile);
const DESA = '3325082004';
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

let balai;
let browser;
let admin;
let kades;
let suratUrl;
let qrUrl;
let nama;

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
  admin = await (await browser.newContext({ acceptDownloads: true })).newPage();
  kades = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(admin, balai.url, balai.username, balai.password);
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('the operator makes a domicile letter at the counter in one screen', async () => {
  await admin.goto(`${balai.url}/desa/${DESA}/penduduk`);
  const baris = admin.locator('#daftar-penduduk tbody tr').first();
  nama = (await baris.locator('td:nth-child(2) a').textContent()).trim();
  const nik = (await baris.locator('td:nth-child(1)').textContent()).trim();

  await admin.goto(`${balai.url}/desa/${DESA}/surat/baru?jenis=keterangan_domisili`);
  // A wrong NIK is refused by the field, and what was typed stays.
  await admin.fill('#f-nik', '1234');
  await admin.fill('[name="isian.keperluan"]', 'Melamar pekerjaan');
  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Simpan dan ajukan")')]);
  assert.match(await admin.textContent('.isian.salah .pesan-salah'), /16 angka/);
  assert.equal(await admin.inputValue('[name="isian.keperluan"]'), 'Melamar pekerjaan');

  await admin.fill('#f-nik', nik);
  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Simpan dan ajukan")')]);
  assert.match(await admin.textContent('#status-surat'), /menunggu tanda tangan/);
  assert.match(await admin.textContent('main'), new RegExp(nama));
  suratUrl = admin.url().split('?')[0];
  // The operator cannot sign, and there is nothing to print yet.
  assert.equal(await admin.locator('#tandatangani').count(), 0);
  assert.equal(await admin.locator('#unduh-pdf').count(), 0);
});

test('the head of the village signs; the PDF has the name, number and date', async () => {
  // The admin adds a second account for the head of the village, who sets a new password at
  // first login.
  await admin.goto(`${balai.url}/desa/${DESA}/pengguna`);
  await admin.fill('#u-username', 'kepaladesa');
  await admin.fill('#u-nama', 'Sutrisno');
  await admin.selectOption('#u-peran', 'kades');
  await Promise.all([admin.waitForNavigation(), admin.click('form:has(#u-username) button[type="submit"]')]);
  const sementara = (await admin.textContent('#rahasia')).trim();
  await login(kades, balai.url, 'kepaladesa', sementara);
  await kades.fill('#sandi_lama', sementara);
  await kades.fill('#sandi_baru', 'Kades-Donorejo-2026');
  await kades.fill('#sandi_ulang', 'Kades-Donorejo-2026');
  await Promise.all([kades.waitForNavigation(), kades.click('main button[type="submit"]')]);

  await kades.goto(suratUrl);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);
  const nomor = (await kades.textContent('#nomor-surat')).trim();
  assert.match(nomor, /^[\d.]+\/\d{3}\/2004\/[IVX]+\/\d{4}$/);

  const [unduhan] = await Promise.all([kades.waitForEvent('download'), kades.click('#unduh-pdf')]);
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-surat-'));
  const pdf = path.join(dir, 'surat.pdf');
  await unduhan.saveAs(pdf);
  const { stdout: teks } = await run('pdftotext', ['-layout', pdf, '-']);
  const rapat = teks.replace(/\s+/g, ' ');
  assert.ok(rapat.includes(nama), `PDF names ${nama}`);
  assert.ok(rapat.includes(nomor), `PDF has number ${nomor}`);
  const [hari, bulan, tahun] = (await kades.textContent('#tanggal-surat')).match(/(\d{2})-(\d{2})-(\d{4})/).slice(1);
  const tanggal = `${Number(hari)} ${BULAN[Number(bulan) - 1]} ${tahun}`;
  assert.ok(rapat.includes(tanggal), `PDF has date ${tanggal}`);
  assert.ok(rapat.includes('SUTRISNO'), 'PDF has the signer');

  // The QR code printed on the letter holds the verification URL.
  await run('pdftoppm', ['-r', '200', '-png', pdf, path.join(dir, 'hal')]);
  const gambar = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
  const { stdout: kode } = await run('zbarimg', ['--quiet', '--raw', path.join(dir, gambar[0])]);
  qrUrl = kode.trim();
  // Only the token: a short code survives scans and photocopies.
  assert.match(qrUrl, /\/v\/[A-Za-z0-9_-]{22}$/);
});

test('the QR URL says ASLI, and shows no NIK; one changed byte says TIDAK VALID', async () => {
  const umum = await (await browser.newContext()).newPage();
  await umum.goto(qrUrl);
  assert.equal((await umum.textContent('#vonis')).trim(), 'ASLI');
  const isi = await umum.textContent('main');
  assert.ok(!/\d{16}/.test(isi), 'no NIK or KK number on the public page');
  assert.ok(!isi.includes(nama) || nama.split(' ').every((k) => k.length <= 1), 'the name is masked');

  // Letters issued before the short QR carry the signed payload and signature in the address;
  // they still verify. The API gives both, for checking with the village's public key.
  const token = new URL(qrUrl).pathname.split('/').pop();
  const api = await (await umum.request.get(`${balai.url}/api/v1/verifikasi/${token}`)).json();
  const url = new URL(qrUrl);
  url.searchParams.set('m', api.data.muatan);
  url.searchParams.set('t', api.data.tanda);
  await umum.goto(url.toString());
  assert.equal((await umum.textContent('#vonis')).trim(), 'ASLI', 'an old-style QR address');
  const muatan = Buffer.from(url.searchParams.get('m'), 'base64url');
  const i = muatan.indexOf('"n":"') + 6;
  muatan[i] = muatan[i] === 0x31 ? 0x32 : 0x31;
  url.searchParams.set('m', muatan.toString('base64url'));
  await umum.goto(url.toString());
  assert.equal((await umum.textContent('#vonis')).trim(), 'TIDAK VALID');
});

test('a cancelled letter keeps its number and its QR says DICABUT', async () => {
  await kades.goto(suratUrl);
  await kades.fill('#f-alasan-batal', 'Keperluan tertulis salah');
  // Without the confirmation nothing happens.
  await Promise.all([kades.waitForNavigation(), kades.click('#batalkan')]);
  assert.match(await kades.textContent('[role="alert"]'), /Centang/);
  await kades.check('#f-yakin');
  await Promise.all([kades.waitForNavigation(), kades.click('#batalkan')]);
  assert.match(await kades.textContent('#status-surat'), /Dibatalkan/);
  assert.ok((await kades.textContent('#nomor-surat')).trim().length > 0, 'number kept');
  const umum = await (await browser.newContext()).newPage();
  await umum.goto(qrUrl);
  assert.equal((await umum.textContent('#vonis')).trim(), 'DICABUT');
});

test('the public service standard lists every letter with requirements, time and fee', async () => {
  const umum = await (await browser.newContext()).newPage();
  await umum.goto(`${balai.url}/layanan/${DESA}`);
  const baris = await umum.locator('#standar-layanan tbody tr').count();
  assert.ok(baris >= 42, `${baris} letter types listed`);
  assert.match(await umum.textContent('#standar-layanan'), /Keterangan Domisili/);
  assert.match(await umum.textContent('#standar-layanan'), /Gratis/);
});
