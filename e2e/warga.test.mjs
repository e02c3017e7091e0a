// Resident self-service in a real browser. On a phone (360×740) a resident logs in with NIK and
// PIN, requests a letter with a photo of the requirement, the operator checks it, the head of the
// village signs it, the resident is told through WhatsApp (seen at a local test gateway) and
// downloads the PDF. At a kiosk: keypad login, request, queue ticket printed, logout after the
// print and after 60 s without a touch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { launchBrowser, login, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const PIN = '583920';
// A PNG of one pixel: the photo of the requirement.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000001ff89993d1d0000000049454e44ae426082',
  'hex',
);

let balai;
let browser;
let gateway;
let gatewayUrl;
const pesanMasuk = [];
let nik;
let pinSementara;
let sandiKades;

before(async () => {
  // The local WhatsApp gateway: records every request it gets.
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      pesanMasuk.push({ url: req.url, auth: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":true}');
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${gateway.address().port}/kirim`;

  balai = await startBalai();
  const out = balai.output();
  [, nik, pinSementara] = out.match(/NIK (\d{16}), PIN sementara (\d{6})/);
  [, sandiKades] = out.match(/pengguna kades, kata sandi (\S+)/);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
  gateway?.close();
});

async function masukStaf(page, username, sandi) {
  await login(page, balai.url, username, sandi);
  if (page.url().endsWith('/ganti-sandi')) {
    await page.fill('#sandi_lama', sandi);
    await page.fill('#sandi_baru', `${username}-Donorejo-2026`);
    await page.fill('#sandi_ulang', `${username}-Donorejo-2026`);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  }
}

async function tunggu(kondisi, ms, pesan) {
  const akhir = Date.now() + ms;
  while (Date.now() < akhir) {
    if (kondisi()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(pesan);
}

test('a resident requests a letter from a phone and downloads it once signed', async () => {
  // The admin points the WhatsApp channel at the local gateway.
  const admin = await (await browser.newContext()).newPage();
  admin.on('dialog', (d) => d.accept());
  await login(admin, balai.url, balai.username, balai.password);
  await admin.goto(`${balai.url}/desa/${DESA}/notifikasi`);
  const kartu = admin.locator('#kanal-whatsapp');
  await kartu.locator('#f-whatsapp-url').fill(gatewayUrl);
  await kartu.locator('#f-whatsapp-header_nama').fill('Authorization');
  await kartu.locator('#f-whatsapp-header_nilai').fill('Bearer {token}');
  await kartu.locator('#f-whatsapp-token').fill('token-uji');
  await kartu.locator('#f-whatsapp-format').selectOption('json');
  await kartu.locator('#f-whatsapp-templat_payload').fill('{"to":"{tujuan}","message":"{pesan}"}');
  await kartu.locator('input[name="aktif"]').check();
  await Promise.all([admin.waitForNavigation(), kartu.locator('button:has-text("Simpan setelan")').click()]);
  assert.match(await admin.textContent('#kanal-whatsapp h3'), /Aktif/);

  // The phone.
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
  const hp = await ctx.newPage();
  await hp.goto(`${balai.url}/warga`);
  assert.ok(hp.url().endsWith('/warga/masuk'));
  // A wrong PIN first: the message says what to check, the NIK stays.
  await hp.fill('#nik', nik);
  await hp.fill('#pin', '000000');
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Masuk")')]);
  assert.match(await hp.textContent('[role="alert"]'), /NIK atau PIN salah/);
  assert.equal(await hp.inputValue('#nik'), nik);
  await hp.fill('#pin', pinSementara);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Masuk")')]);
  // The issued PIN must be replaced at first login.
  assert.ok(hp.url().endsWith('/warga/ganti-pin'));
  await hp.fill('#pin_baru', PIN);
  await hp.fill('#pin_ulang', PIN);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan PIN")')]);
  assert.match(await hp.textContent('[role="status"]'), /PIN baru Anda telah disimpan/);
  // Nothing is wider than the phone's screen.
  assert.ok(await hp.evaluate(() => document.documentElement.scrollWidth <= 360));

  await hp.click('text=Ajukan surat');
  await Promise.all([hp.waitForNavigation(), hp.click('a:has(strong:text-is("Keterangan Penduduk"))')]);
  await hp.fill('[name="isian.keperluan"]', 'Mendaftar sekolah anak');
  await hp.setInputFiles('#f-lampiran', { name: 'kk.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Kirim permohonan")')]);
  assert.match(await hp.textContent('[role="status"]'), /Permohonan surat telah dikirim/);
  assert.match(await hp.textContent('main'), /Diajukan/);
  const suratWarga = hp.url().split('?')[0];
  const id = suratWarga.split('/').pop();

  // The request reached the gateway as "diterima", to the number in 62… form.
  await tunggu(() => pesanMasuk.some((p) => p.body.includes('diterima')), 10_000, 'no "diterima" message at the gateway');
  const diterima = pesanMasuk.find((p) => p.body.includes('diterima'));
  assert.equal(diterima.auth, 'Bearer token-uji');
  assert.match(JSON.parse(diterima.body).to, /^62\d+$/);

  // The operator checks it from the inbox; the head of the village signs.
  await admin.goto(`${balai.url}/desa/${DESA}/kotak`);
  await Promise.all([admin.waitForNavigation(), admin.click(`#tabel-permohonan a[href$="${id}"]`)]);
  await Promise.all([admin.waitForNavigation(), admin.click('button:has-text("Data sudah diperiksa")')]);
  const kades = await (await browser.newContext()).newPage();
  await masukStaf(kades, 'kades', sandiKades);
  await kades.goto(`${balai.url}/desa/${DESA}/surat/${id}`);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);

  await tunggu(() => pesanMasuk.some((p) => p.body.includes('sudah siap') || p.body.includes('telah ditandatangani')), 10_000, 'no "siap" message at the gateway');

  // The resident sees the notification and downloads the signed PDF.
  await hp.goto(`${balai.url}/warga/notifikasi`);
  assert.match(await hp.textContent('main'), /telah ditandatangani/);
  await hp.goto(suratWarga);
  const [unduhan] = await Promise.all([hp.waitForEvent('download'), hp.click('a:has-text("Unduh surat")')]);
  const isi = await readFile(await unduhan.path());
  assert.equal(isi.subarray(0, 4).toString(), '%PDF');
  await ctx.close();
});

test('the kiosk: keypad login, a request, its queue ticket printed, logout after print and when idle', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const kios = await ctx.newPage();
  kios.on('dialog', (d) => d.accept());
  // Printing is recorded instead of opening a print dialog.
  await kios.addInitScript(() => {
    window.__dicetak = 0;
    window.print = () => { window.__dicetak += 1; };
  });

  // Not a kiosk until an admin registers this browser.
  const r = await kios.goto(`${balai.url}/anjungan`);
  assert.equal(r.status(), 403);
  await login(kios, balai.url, balai.username, balai.password);
  await kios.goto(`${balai.url}/desa/${DESA}/anjungan`);
  await kios.fill('#f-nama', 'Anjungan balai desa');
  await Promise.all([kios.waitForNavigation(), kios.click('button:has-text("Daftarkan perangkat ini")')]);
  assert.ok(kios.url().endsWith('/anjungan'));
  assert.match(await kios.textContent('main'), /Standar pelayanan surat/);
  // The kiosk cannot reach the admin pages.
  await kios.goto(`${balai.url}/desa/${DESA}/penduduk`);
  assert.ok(kios.url().endsWith('/anjungan'));

  const masukKeypad = async () => {
    await Promise.all([kios.waitForNavigation(), kios.click('#mulai')]);
    for (const d of nik) await kios.click(`#papan-angka button[data-angka="${d}"]`);
    // After 16 digits the keypad moves on to the PIN by itself.
    assert.equal(await kios.evaluate(() => document.activeElement.id), 'pin');
    for (const d of PIN) await kios.click(`#papan-angka button[data-angka="${d}"]`);
    await Promise.all([kios.waitForNavigation(), kios.click('#papan-angka button[data-lanjut]')]);
    assert.ok(kios.url().endsWith('/anjungan/menu'), kios.url());
  };

  await masukKeypad();
  await Promise.all([kios.waitForNavigation(), kios.click('#ajukan-surat')]);
  await Promise.all([kios.waitForNavigation(), kios.click('a:text-is("Keterangan Usaha")')]);
  await kios.fill('[name="isian.nama_usaha"]', 'Warung Bu Tini');
  await kios.fill('[name="isian.keperluan"]', 'Pengajuan kredit usaha');
  await Promise.all([kios.waitForNavigation(), kios.click('button:has-text("Ajukan dan cetak")')]);
  assert.match(await kios.textContent('#nomor-antrean'), /^A-\d{3}$/);
  assert.match(await kios.textContent('#tiket'), /Keterangan Usaha/);
  await kios.waitForFunction(() => window.__dicetak === 1);
  // After printing, the resident is logged out.
  await Promise.all([
    kios.waitForURL(/\/anjungan$/),
    kios.evaluate(() => window.dispatchEvent(new Event('afterprint'))),
  ]);
  const menu = await kios.goto(`${balai.url}/anjungan/menu`);
  assert.ok(menu.url().endsWith('/anjungan'), 'logged out after print');

  // Idle: 60 s without a touch logs out.
  await kios.clock.install();
  await kios.goto(`${balai.url}/anjungan`);
  await masukKeypad();
  await kios.clock.runFor(50_000);
  assert.equal(await kios.isVisible('#peringatan-diam'), true);
  await Promise.all([kios.waitForURL(/\/anjungan$/), kios.clock.runFor(11_000)]);
  await kios.goto(`${balai.url}/anjungan/menu`);
  assert.ok(kios.url().endsWith('/anjungan'), 'logged out when idle');
  await ctx.close();
});
