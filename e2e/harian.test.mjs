// The daily path in a real browser: what each person sees first and how fast they find things.
// The head of village's start page lists the letter and the payment waiting for them and the
// letter is previewed before signing; at the counter a letter type is found by typing and a
// resident by name; the kiosk's "Lanjut" never sends an empty PIN; every public page fits a
// 360 px phone without console errors. The tests take the screenshots in docs/gambar/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, launchBrowser, login, masukDemo, startBalai } from './helpers.mjs';

const run = promisify(execFile);
const DESA = '3325082004';
const PIN = '271828';
// Screenshots go to docs/gambar/ with BALAI_PERBARUI_GAMBAR=1 (to refresh the documentation's
// pictures), else to a temporary folder, so a test run leaves the working tree as it was.
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

const masuk = (peran, viewport = { width: 1366, height: 768 }) => masukDemo(browser, balai, peran, { viewport });

// A grey image as PGM (what pdftoppm writes and zbarimg reads): header fields, then one byte a pixel.
function bacaPgm(buf) {
  const kata = [];
  let i = 0;
  while (kata.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]))) i++;
    let k = '';
    while (!/\s/.test(String.fromCharCode(buf[i]))) k += String.fromCharCode(buf[i++]);
    kata.push(k);
  }
  const [, w, h] = kata.map(Number);
  return { w, h, px: Uint8Array.from(buf.subarray(i + 1, i + 1 + w * h)) };
}

// What a photocopy does to a 100 dpi scan: blurred edges, grain, washed-out blacks.
function fotokopi({ w, h, px }) {
  const hasil = new Uint8Array(w * h);
  let acak = 12345;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let jumlah = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < w && yy < h) { jumlah += px[yy * w + xx] * (dx === 0 && dy === 0 ? 4 : 1); n += dx === 0 && dy === 0 ? 4 : 1; }
        }
      }
      acak = (acak * 1103515245 + 12345) % 2147483648;
      const bintik = ((acak / 2147483648) - 0.5) * 70;
      hasil[y * w + x] = Math.max(0, Math.min(255, 50 + (jumlah / n) * 0.75 + bintik));
    }
  }
  return { w, h, px: hasil };
}

// The QR on the issued letter decodes from a 100 dpi scan made worse by a photocopy, and the
// address it holds says ASLI.
async function qrTahanFotokopi(page, dir) {
  const unduh = await page.request.get(new URL(await page.getAttribute('#unduh-pdf', 'href'), balai.url).href);
  const pdf = path.join(dir, 'terbit.pdf');
  await writeFile(pdf, await unduh.body());
  await run('pdftoppm', ['-r', '100', '-gray', '-f', '1', '-l', '1', pdf, path.join(dir, 'scan')]);
  const scan = (await readdir(dir)).find((f) => f.startsWith('scan') && f.endsWith('.pgm'));
  const g = fotokopi(bacaPgm(await readFile(path.join(dir, scan))));
  const keluar = path.join(dir, 'fotokopi.pgm');
  await writeFile(keluar, Buffer.concat([Buffer.from(`P5\n${g.w} ${g.h}\n255\n`), Buffer.from(g.px)]));
  const { stdout } = await run('zbarimg', ['--quiet', '--raw', keluar]);
  const alamat = stdout.trim();
  assert.match(alamat, /\/v\/[A-Za-z0-9_-]{22}$/, 'the QR decodes from a 100 dpi photocopy');
  const umum = await (await browser.newContext()).newPage();
  await umum.goto(alamat.replace(/^https?:\/\/[^/]+/, balai.url));
  assert.equal((await umum.textContent('#vonis')).trim(), 'ASLI');
  await umum.close();
}

async function foto(page, nama) {
  await page.screenshot({ path: path.join(GAMBAR, `${nama}.png`), fullPage: false });
}

test('the head of village sees the letter and payment waiting, previews the PDF and signs', async () => {
  const kades = await masuk('kades');
  await kades.goto(`${balai.url}/desa/${DESA}`);
  const surat = kades.locator('#tugas-tandatangan-surat li');
  assert.ok((await surat.count()) >= 1, 'a letter waits for the signature');
  const spp = kades.locator('#tugas-setujui-spp li');
  assert.ok((await spp.count()) >= 1, 'a payment request waits for approval');
  assert.match(await spp.first().textContent(), /SPP \d+\/\d{4}.*Rp/s);
  assert.match(await surat.first().textContent(), /WIB/, 'waiting since, in the village time zone');
  // The menu fits one line on a 1366 px laptop and carries the badge.
  const menu = await kades.locator('nav.menu-desa').boundingBox();
  assert.ok(menu.height <= 60, `the menu is ${menu.height} px high`);
  assert.match(await kades.textContent('#menu-layanan summary'), /Layanan\s*\d+/);
  await foto(kades, 'beranda-kades');

  // The letter: previewed inline, then signed.
  const judul = (await surat.first().locator('a').textContent()).trim();
  await Promise.all([kades.waitForNavigation(), surat.first().locator('a').click()]);
  const src = await kades.getAttribute('iframe.pratinjau-pdf', 'src');
  assert.ok(src, 'the preview is shown in the page');
  const pratinjau = await kades.request.get(new URL(src, balai.url).href);
  assert.equal(pratinjau.status(), 200);
  assert.equal(pratinjau.headers()['content-type'], 'application/pdf');
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-harian-'));
  await writeFile(path.join(dir, 'p.pdf'), await pratinjau.body());
  const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'p.pdf'), '-']);
  assert.match(stdout, new RegExp(judul.split(' ').slice(-1)[0], 'i'), 'the preview is the letter');
  assert.match(stdout, /SUTRISNO/, 'signed by the head of village');
  await foto(kades, 'pratinjau-surat');
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);
  await qrTahanFotokopi(kades, dir);
  assert.match(await kades.textContent('main'), /\d{2}-\d{2}-\d{4} \d{2}\.\d{2} WIB/, 'history in WIB');
  assert.doesNotMatch(await kades.textContent('main'), /pengguna:|UTC/, 'no internal ids, no UTC');

  // A phone is enough to approve the payment.
  const hp = await masuk('kades', { width: 360, height: 740 });
  await hp.goto(`${balai.url}/desa/${DESA}`);
  await Promise.all([hp.waitForNavigation(), hp.locator('#tugas-setujui-spp li a').first().click()]);
  assert.ok(await hp.evaluate(() => document.documentElement.scrollWidth <= 360), 'the SPP page fits');
  await foto(hp, 'ponsel-kades-spp');
  const kartu = hp.locator('article.spp:has(button:text("Setujui pembayaran"))').first();
  assert.match(await kartu.textContent(), /Diajukan oleh\s*Operator Desa/);
  assert.match(await kartu.textContent(), /Sisa sekarang/);
  await Promise.all([hp.waitForNavigation(), kartu.locator('button:text("Setujui pembayaran")').click()]);
  assert.equal(await hp.locator('.pemberitahuan.gagal').count(), 0);
});

test('the counter finds a letter type by typing and a resident by name', async () => {
  const op = await masuk('operator');
  await op.goto(`${balai.url}/desa/${DESA}`);
  assert.ok((await op.locator('#tugas-periksa-surat').count()) === 1, 'the operator sees requests to check');
  await foto(op, 'beranda-operator');
  // A name to look for: the first resident of the register.
  await op.goto(`${balai.url}/desa/${DESA}/penduduk`);
  const nama = (await op.locator('table tbody tr td a').first().textContent()).trim();

  // Dates show and are typed day-month-year, not in the browser's own format.
  await op.click('table tbody tr td a >> nth=0');
  await op.goto(`${op.url()}/ubah`);
  assert.match(await op.inputValue('#f-tanggal_lahir'), /^\d{2}-\d{2}-\d{4}$/);
  assert.equal(await op.getAttribute('#f-tanggal_lahir', 'type'), null, 'a text field, not a picker');

  await op.goto(`${balai.url}/desa/${DESA}/surat/baru`);
  await op.fill('#cari-jenis', 'domi');
  const terlihat = op.locator('#daftar-jenis button:visible');
  assert.ok((await terlihat.count()) >= 1);
  for (const t of await terlihat.allTextContents()) assert.match(t, /domisili/i);
  await Promise.all([op.waitForNavigation(), op.press('#cari-jenis', 'Enter')]);
  assert.match(await op.textContent('#jenis-dipilih'), /Domisili/);

  await op.fill('#f-nik', nama.split(' ')[0].slice(0, 5));
  await op.waitForSelector('#saran-pemohon button');
  const pilihan = op.locator('#saran-pemohon button', { hasText: nama }).first();
  assert.match(await pilihan.textContent(), /NIK \d{16} · lahir \d{2}-\d{2}-\d{4}/);
  await foto(op, 'loket-cari-pemohon');
  await pilihan.click();
  assert.match(await op.inputValue('#f-nik'), /^\d{16}$/);
  assert.match(await op.textContent('#pemohon-terpilih'), new RegExp(nama));
});

test('the kiosk: Lanjut after 16 digits moves to the PIN, never sends it empty, and logs in', async () => {
  // A resident with their own PIN (set once in the portal).
  const out = balai.output();
  const [, nik, pinSementara] = out.match(/NIK (\d{16}), PIN sementara (\d{6})/);
  const hp = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await hp.goto(`${balai.url}/warga/masuk`);
  await hp.fill('#nik', nik);
  await hp.fill('#pin', pinSementara);
  await Promise.all([hp.waitForNavigation(), hp.click('main button[type="submit"]')]);
  await hp.fill('#pin_baru', PIN);
  await hp.fill('#pin_ulang', PIN);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan PIN")')]);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 600 }]) {
    const ctx = await browser.newContext({ viewport });
    const kios = await ctx.newPage();
    kios.on('dialog', (d) => d.accept());
    await kios.addInitScript(() => { window.print = () => {}; });
    const r = await kios.goto(`${balai.url}/anjungan`);
    assert.equal(r.status(), 403);
    assert.match(await kios.textContent('body'), /Anjungan Desa Donorejo/, 'the village is named');
    assert.match(await kios.textContent('body'), /Daftarkan perangkat ini/, 'and how to register it');
    await login(kios, balai.url, balai.username, balai.password);
    await kios.goto(`${balai.url}/desa/${DESA}/anjungan`);
    await kios.fill('#f-nama', `Anjungan ${viewport.width}`);
    await Promise.all([kios.waitForNavigation(), kios.click('button:has-text("Daftarkan perangkat ini")')]);
    assert.ok(kios.url().endsWith('/anjungan'), kios.url());

    const semuaTerlihat = async (hal) => {
      const keluar = await kios.evaluate(() => [...document.querySelectorAll('button, a.tombol, a.tombol-besar')]
        .filter((b) => b.offsetParent !== null && !b.closest('#papan-huruf'))
        .filter((b) => { const r = b.getBoundingClientRect(); return r.bottom > innerHeight + 1 || r.right > innerWidth + 1; })
        .map((b) => b.textContent.trim()));
      assert.deepEqual(keluar, [], `${hal} at ${viewport.width}×${viewport.height}: buttons off screen`);
    };
    await kios.goto(`${balai.url}/anjungan`);
    await semuaTerlihat('waiting screen');
    await Promise.all([kios.waitForNavigation(), kios.click('#mulai')]);
    await semuaTerlihat('login');
    for (const d of nik) await kios.click(`#papan-angka button[data-angka="${d}"]`);
    assert.equal(await kios.evaluate(() => document.activeElement.id), 'pin');
    // "Lanjut" with no PIN yet: stays, on the PIN, and nothing is sent.
    let terkirim = 0;
    kios.on('request', (q) => { if (q.method() === 'POST') terkirim += 1; });
    await kios.click('#papan-angka button[data-lanjut]');
    await kios.waitForTimeout(300);
    assert.equal(terkirim, 0, 'an empty PIN is never sent');
    assert.equal(await kios.evaluate(() => document.activeElement.id), 'pin');
    if (viewport.width === 1280) await foto(kios, 'anjungan-masuk');
    for (const d of PIN) await kios.click(`#papan-angka button[data-angka="${d}"]`);
    await Promise.all([kios.waitForNavigation(), kios.click('#papan-angka button[data-lanjut]')]);
    assert.ok(kios.url().endsWith('/anjungan/menu'), kios.url());
    await semuaTerlihat('menu');
    await Promise.all([kios.waitForNavigation(), kios.click('#ajukan-surat')]);
    await semuaTerlihat('letter types');
    await kios.fill('#cari-jenis', 'usaha');
    await kios.waitForSelector('#papan-huruf:not([hidden])');
    if (viewport.width === 1280) await foto(kios, 'anjungan-cari-surat');
    await Promise.all([kios.waitForNavigation(), kios.press('#cari-jenis', 'Enter')]);
    // The text fields type from the on-screen keyboard.
    const isian = kios.locator('main input:not([type]), main input[type="text"], main textarea').first();
    await isian.click();
    assert.equal(await kios.isVisible('#papan-huruf'), true, 'the letter keyboard opens');
    for (const c of 'TOKO') await kios.click(`#papan-huruf button[data-huruf="${c}"]`);
    assert.equal(await isian.inputValue(), 'TOKO');
    await kios.click('#papan-huruf button[data-tutup]');
    for (const f of await kios.locator('main input:not([type]), main input[type="text"], main textarea').all()) {
      if (!(await f.inputValue())) await f.fill('Pengajuan kredit usaha');
    }
    await kios.click('#papan-huruf button[data-tutup]');
    const ajukan = kios.locator('button:has-text("Ajukan dan cetak")');
    await Promise.all([kios.waitForNavigation(), ajukan.click()]);
    if (viewport.width === 1280) {
      assert.match(await kios.textContent('main'), /Keterangan Usaha/);
    } else {
      // The same request again while the first is open: refused, with the reason.
      assert.match(await kios.textContent('[role="alert"]'), /sudah diajukan pada .* WIB dan masih diproses/);
    }
    await ctx.close();
  }
});

test('every public page fits a 360 px phone with no console error', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const galat = [];
  page.on('console', (m) => { if (m.type() === 'error') galat.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => galat.push(`${page.url()}: ${e.message}`));
  const antre = ['/', '/desa/donorejo', '/warga/masuk'];
  const dilihat = new Set();
  const lebar = [];
  const kecilCentang = [];
  while (antre.length > 0 && dilihat.size < 80) {
    const jalur = antre.shift();
    if (dilihat.has(jalur)) continue;
    dilihat.add(jalur);
    const r = await page.goto(balai.url + jalur);
    if (!r || r.status() === 404 || !(r.headers()['content-type'] || '').includes('text/html')) continue;
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 360) lebar.push(`${jalur}: ${w} px`);
    // Links marked `download` give a file, not a page.
    for (const href of await page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.getAttribute('href')))) {
      const u = new URL(href, balai.url + jalur);
      if (u.origin !== new URL(balai.url).origin) continue;
      const p = u.pathname + u.search;
      if (/^\/(masuk|admin|anjungan|api|aset|desa\/\d)/.test(u.pathname)) continue;
      if (/^\/warga\/(?!masuk|aktivasi)/.test(u.pathname)) continue;
      if (/\.(csv|pdf|xlsx|json|xml|svg|png|jpg|webmanifest)$|\/(rss|feed)/.test(u.pathname)) continue;
      if (!dilihat.has(p)) antre.push(p);
    }
    // Check boxes and radio buttons: the tap area (the label that holds one) is 44 px high.
    for (const t of await page.$$eval('input[type=checkbox], input[type=radio]', (xs) => xs
      .filter((x) => x.offsetParent !== null)
      .map((x) => { const l = x.closest('label'); return [x.name, (l || x).getBoundingClientRect().height]; }))) {
      if (t[1] < 44) kecilCentang.push(`${jalur} ${t[0]}: ${t[1]} px`);
    }
    if (['/', '/desa/donorejo/statistik', '/warga/masuk'].includes(jalur)) {
      await foto(page, `ponsel${jalur.replaceAll('/', '-').replace(/-$/, '') || '-beranda'}`);
    }
  }
  assert.ok(dilihat.size >= 12, `visited ${dilihat.size} public pages`);
  assert.deepEqual(lebar, [], 'pages wider than the phone');
  assert.deepEqual(kecilCentang, [], 'check boxes under 44 px');
  assert.deepEqual(galat, [], 'console errors');
  // Touch targets: the public menu's links are at least 44 px high.
  await page.goto(`${balai.url}/desa/donorejo`);
  const kecil = await page.$$eval('header a, nav a, button', (as) => as
    .filter((a) => a.offsetParent !== null)
    .filter((a) => a.getBoundingClientRect().height < 44)
    .map((a) => a.textContent.trim()));
  assert.deepEqual(kecil, [], 'touch targets under 44 px');
  await ctx.close();
});

test('the village boundary is imported as GeoJSON and drawn on the public map', async () => {
  const op = await masuk('operator');
  await op.goto(`${balai.url}/desa/${DESA}/potensi`);
  // The demo village has one; a file in metres is refused with what to do, and it stays.
  assert.match(await op.textContent('#keadaan-batas'), /Batas wilayah tersimpan: 1 bidang/);
  const utm = '{"type":"Polygon","coordinates":[[[400000,9220000],[401000,9220000],[401000,9221000],[400000,9220000]]]}';
  await op.setInputFiles('#f-batas', { name: 'batas.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(utm) });
  await Promise.all([op.waitForNavigation(), op.click('button:text("Unggah batas wilayah")')]);
  assert.match(await op.textContent('[role="alert"]'), /luar Indonesia.*EPSG:4326/s);
  const dua = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[109.726, -6.919], [109.741, -6.912], [109.735, -6.903], [109.726, -6.919]]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[109.742, -6.913], [109.745, -6.913], [109.745, -6.910], [109.742, -6.913]]] } },
    ],
  };
  await op.setInputFiles('#f-batas', { name: 'batas.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(dua)) });
  await Promise.all([op.waitForNavigation(), op.click('button:text("Unggah batas wilayah")')]);
  assert.match(await op.textContent('#keadaan-batas'), /2 bidang, 8 titik/);

  const hp = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  const luar = [];
  hp.on('request', (r) => { if (!r.url().startsWith(balai.url)) luar.push(r.url()); });
  await hp.goto(`${balai.url}/desa/donorejo/potensi`);
  assert.equal(await hp.locator('svg.peta path.batas-wilayah').count(), 2, 'both areas drawn');
  assert.ok((await hp.locator('svg.peta circle').count()) >= 1, 'with the points on top');
  assert.deepEqual(luar, [], 'no third-party map tiles');
  await foto(hp, 'ponsel-peta-potensi');
});
