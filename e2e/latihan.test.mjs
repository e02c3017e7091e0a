// Mode latihan in a real browser: the operator enters the practice village from the menu and
// every page carries the LATIHAN banner; the tour ticks a task when it is done; the head of
// village signs a practice letter, whose PDF says "LATIHAN — TIDAK SAH" and whose QR opens a
// verification page that refuses it; a WhatsApp channel set up in practice sends nothing (a
// gateway run by this test counts the requests); the real village's statistics do not move;
// the admin resets the practice village (confirmed first) and the practice sessions end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const run = promisify(execFile);
const DESA = '3325082004';
// Screenshots go to docs/gambar/ with BALAI_PERBARUI_GAMBAR=1 (the guide's pictures), else to a
// temporary folder.
const GAMBAR = process.env.BALAI_PERBARUI_GAMBAR === '1'
  ? path.join(REPO_ROOT, 'docs', 'gambar')
  : path.join(tmpdir(), 'balai-gambar');

let balai;
let browser;
let gateway;
let diterima = 0;

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
  await mkdir(GAMBAR, { recursive: true });
  gateway = createServer((req, res) => {
    diterima += 1;
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"messages":[{"id":"wamid.uji"}]}');
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
});

after(async () => {
  gateway?.close();
  await browser?.close();
  await balai?.stop();
});

const masuk = (peran) => masukDemo(browser, balai, peran);

// The counts of the real village's statistics page (every table's numbers).
async function statistikAsli(page) {
  await page.goto(`${balai.url}/desa/${DESA}/statistik`);
  assert.equal(await page.locator('#pita-latihan').count(), 0);
  return page.locator('main').innerText();
}

async function masukLatihan(page) {
  await page.goto(`${balai.url}/desa/${DESA}`);
  await Promise.all([page.waitForNavigation(), page.click('#tautan-latihan')]);
  await Promise.all([page.waitForNavigation({ timeout: 120_000 }), page.click('#masuk-latihan')]);
  assert.ok(page.url().endsWith('/latihan'), page.url());
}

test('desa latihan: pita, tanda air, verifikasi LATIHAN, tanpa pesan keluar, statistik asli tetap, atur ulang', { timeout: 300_000 }, async () => {
  const admin = await masuk('admin');
  const sebelum = await statistikAsli(admin);

  // The operator enters from the menu; the banner is on every page, the tour starts at zero.
  const op = await masuk('operator');
  await masukLatihan(op);
  assert.match(await op.textContent('#pita-latihan'), /LATIHAN/);
  assert.match(await op.textContent('#kemajuan-latihan'), /0 dari 4/);
  await Promise.all([op.waitForNavigation(), op.click('#tugas-cari_penduduk a')]);
  assert.match(await op.textContent('#pita-latihan'), /desa latihan/);
  await Promise.all([op.waitForNavigation(), op.locator('main table tbody tr a').first().click()]);
  assert.equal(await op.locator('#pita-latihan').count(), 1);
  await Promise.all([op.waitForNavigation(), op.click('#tautan-tugas-latihan')]);
  assert.match(await op.textContent('#kemajuan-latihan'), /1 dari 4/);
  assert.equal(await op.getAttribute('#tugas-cari_penduduk', 'class'), 'selesai');
  await op.setViewportSize({ width: 1366, height: 900 });
  await op.screenshot({ path: path.join(GAMBAR, 'latihan-tugas.png'), fullPage: false });

  // The admin points WhatsApp at this test's gateway, inside the practice village.
  await masukLatihan(admin);
  await admin.goto(`${balai.url}/desa/${DESA}/notifikasi`);
  assert.equal(await admin.locator('#catatan-latihan').count(), 1);
  const csrf = await admin.locator('input[name="_csrf"]').first().inputValue();
  const simpan = await admin.request.post(`${balai.url}/desa/${DESA}/notifikasi/kanal/whatsapp`, {
    form: {
      _csrf: csrf,
      preset: 'whatsapp_cloud',
      url: `http://127.0.0.1:${gateway.address().port}/pesan`,
      metode: 'POST',
      header_nama: 'Authorization',
      header_nilai: 'Bearer {token}',
      token: 'EAAG-token-uji',
      format: 'json',
      templat_payload: '{"to":"{tujuan}","text":{"body":"{pesan}"}}',
      aktif: 'ya',
      aksi: 'simpan',
    },
    maxRedirects: 0,
  });
  assert.equal(simpan.status(), 303);

  // The head of village signs the letter waiting in the practice village.
  const kades = await masuk('kades');
  await masukLatihan(kades);
  await kades.goto(`${balai.url}/desa/${DESA}/surat?status=diperiksa`);
  await Promise.all([kades.waitForNavigation(), kades.locator('main table tbody tr a').first().click()]);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-latihan-'));
  const unduh = await kades.request.get(new URL(await kades.getAttribute('#unduh-pdf', 'href'), balai.url).href);
  const pdf = path.join(dir, 'latihan.pdf');
  await writeFile(pdf, await unduh.body());
  // The diagonal mark comes out one word a line.
  const { stdout: teks } = await run('pdftotext', ['-raw', pdf, '-']);
  assert.match(teks, /LATIHAN\s+—\s+TIDAK\s+SAH/, 'the watermark is in the PDF');

  // Its QR opens the public verification page, which refuses it as practice.
  await run('pdftoppm', ['-r', '150', '-gray', '-f', '1', '-l', '1', pdf, path.join(dir, 'hal')]);
  const gambar = (await readdir(dir)).find((f) => f.startsWith('hal') && f.endsWith('.pgm'));
  const { stdout: qr } = await run('zbarimg', ['--quiet', '--raw', path.join(dir, gambar)]);
  assert.match(qr.trim(), new RegExp(`/v/latihan-${DESA}-[A-Za-z0-9_-]{22}$`));
  const umum = await (await browser.newContext()).newPage();
  const jawab = await umum.goto(qr.trim().replace(/^https?:\/\/[^/]+/, balai.url));
  assert.equal(jawab.status(), 404);
  assert.equal((await umum.textContent('#vonis')).trim(), 'LATIHAN — TIDAK SAH');
  assert.equal(await umum.locator('#pita-latihan').count(), 0, 'the public page is the real site');

  // The signed letter queued a WhatsApp message for its applicant; none reached the gateway.
  await new Promise((r) => setTimeout(r, 3000));
  await admin.goto(`${balai.url}/desa/${DESA}/notifikasi?status=menunggu`);
  assert.ok(await admin.locator('tr.status-menunggu').count() >= 1, 'a message waits in practice');
  assert.equal(diterima, 0, 'no message left the server');
  const uji = await admin.request.post(`${balai.url}/desa/${DESA}/notifikasi/kanal/whatsapp/uji`, {
    form: { _csrf: csrf, tujuan: '081234567890' },
  });
  assert.equal(uji.status(), 422);

  // Back in the real village: its statistics did not move.
  await Promise.all([admin.waitForNavigation(), admin.click('#keluar-latihan, button:has-text("Keluar dari latihan")')]);
  assert.match(await admin.textContent('main'), /sudah keluar dari desa latihan/);
  assert.equal(await statistikAsli(admin), sebelum);

  // The admin resets it: asked first (the page's checkbox and the browser's confirmation).
  await admin.goto(`${balai.url}/desa/${DESA}/latihan`);
  await Promise.all([admin.waitForNavigation(), admin.click('#atur-ulang-latihan')]);
  assert.match(await admin.textContent('.pemberitahuan.gagal'), /Centang/);
  await admin.check('input[name="yakin"]');
  await Promise.all([admin.waitForNavigation({ timeout: 120_000 }), admin.click('#atur-ulang-latihan')]);
  assert.match(await admin.textContent('main'), /telah diatur ulang/);

  // Everyone practising starts again: the operator's next page is the real village's.
  await op.goto(`${balai.url}/latihan`);
  assert.match(await op.textContent('main'), /Sesi latihan Anda telah berakhir/);
  assert.equal(await op.locator('#pita-latihan').count(), 0);
  await masukLatihan(op);
  assert.match(await op.textContent('#kemajuan-latihan'), /0 dari 4/);
});
