// The village website in a real browser. A visitor on a phone (360×740) browses every section
// with nothing wider than the screen and no request leaving the village's server; an operator
// publishes an article with a photo; a resident lists a product from the portal and the operator
// approves it; a visitor files a complaint and follows it with its tracking code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { launchBrowser, login, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const PIN = '683021';
// A real 16×12 PNG (a gradient), built here so the image decoder on the server accepts it.
function png(lebar, tinggi) {
  const potong = (jenis, isi) => {
    const panjang = Buffer.alloc(4);
    panjang.writeUInt32BE(isi.length);
    const badan = Buffer.concat([Buffer.from(jenis, 'ascii'), isi]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(badan));
    return Buffer.concat([panjang, badan, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(lebar, 0);
  ihdr.writeUInt32BE(tinggi, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const baris = [];
  for (let y = 0; y < tinggi; y++) {
    baris.push(0);
    for (let x = 0; x < lebar; x++) baris.push(x * 15, y * 20, 120);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    potong('IHDR', ihdr),
    potong('IDAT', zlib.deflateSync(Buffer.from(baris))),
    potong('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = png(16, 12);

let balai;
let browser;
let nik;
let pinSementara;

before(async () => {
  balai = await startBalai();
  [, nik, pinSementara] = balai.output().match(/NIK (\d{16}), PIN sementara (\d{6})/);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

async function ponsel() {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await ctx.newPage();
  // Every request the page makes: none may leave the village's own server.
  const luar = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(balai.url) && !r.url().startsWith('data:')) luar.push(r.url());
  });
  return { ctx, page, luar };
}

async function admin() {
  const page = await (await browser.newContext()).newPage();
  page.on('dialog', (d) => d.accept());
  await login(page, balai.url, balai.username, balai.password);
  return page;
}

test('a visitor browses every section of the village site on a phone', async () => {
  const { ctx, page, luar } = await ponsel();
  const r = await page.goto(balai.url);
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-security-policy'], /default-src 'self'/);
  assert.match(await page.textContent('header'), /Desa Donorejo/);
  assert.match(await page.textContent('main'), /Agenda kegiatan/);

  const bagian = [
    ['Profil', /Visi/],
    ['Berita', /Berita/],
    ['Statistik', /Statistik penduduk/],
    ['Potensi', /Potensi/],
    ['Pembangunan & APBDes', /APBDes/],
    ['Lapak', /Lapak desa/],
    ['Layanan', /Standar pelayanan/],
    ['Data', /Data terbuka/],
    ['Pengaduan', /Pengaduan dan saran/],
  ];
  for (const [menu, isi] of bagian) {
    await page.goto(balai.url);
    await Promise.all([
      page.waitForNavigation(),
      page.click(`nav[aria-label="Menu situs desa"] a:text-is("${menu}")`),
    ]);
    assert.match(await page.textContent('main'), isi, menu);
    assert.equal(await page.getAttribute(`nav a:text-is("${menu}")`, 'aria-current'), 'page', menu);
    const lebar = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(lebar <= 360, `${menu}: the page is ${lebar} px wide`);
  }

  // Open data: a dataset downloads as CSV with a header row.
  await page.goto(`${balai.url}/desa/donorejo/data`);
  const csv = await page.locator('a[href$=".csv"]').first().getAttribute('href');
  const berkas = await page.request.get(new URL(csv, balai.url).href);
  assert.equal(berkas.status(), 200);
  assert.match(berkas.headers()['content-type'], /text\/csv/);
  assert.ok((await berkas.text()).split('\n').length > 2);

  // A product: its WhatsApp link opens a chat with the seller.
  await page.goto(`${balai.url}/desa/donorejo/lapak`);
  await Promise.all([page.waitForNavigation(), page.click('#daftar-produk h2 a >> nth=0')]);
  assert.match(await page.getAttribute('a:has-text("WhatsApp")', 'href'), /^https:\/\/wa\.me\/62\d+\?text=/);

  assert.deepEqual(luar, [], 'no third-party requests');
  await ctx.close();
});

test('an operator publishes an article with a photo', async () => {
  const op = await admin();
  await op.goto(`${balai.url}/desa/${DESA}/artikel/baru`);
  await op.fill('#a-judul', 'Posyandu balita bulan Desember');
  await op.fill('#a-kategori', 'Kesehatan');
  await op.fill('#a-isi', 'Posyandu dibuka pukul 08.00.\n\nBawa buku KIA.<script>alert(1)</script>');
  // The toolbar makes the selected words bold.
  await op.evaluate(() => {
    const ta = document.getElementById('a-isi');
    const i = ta.value.indexOf('Bawa buku KIA');
    ta.setSelectionRange(i, i + 'Bawa buku KIA'.length);
  });
  await op.click('.alat-tulis button:has-text("Tebal")');
  await op.setInputFiles('#a-gambar', { name: 'posyandu.png', mimeType: 'image/png', buffer: PNG });
  await op.check('input[name="terbit"]');
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Simpan tulisan")')]);
  assert.match(await op.textContent('[role="status"]'), /disimpan/);

  const { ctx, page } = await ponsel();
  await page.goto(`${balai.url}/desa/donorejo/berita`);
  await Promise.all([page.waitForNavigation(), page.click('a:text-is("Posyandu balita bulan Desember")')]);
  assert.equal(await page.textContent('main article strong'), 'Bawa buku KIA');
  // The script arrives as text, never run.
  assert.equal(await page.locator('main script').count(), 0);
  const foto = page.locator('main img').first();
  assert.ok(await foto.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo loads');
  assert.match(await foto.getAttribute('src'), /\/gambar\/[\w-]+\.jpg$/);
  // Shared on chat apps with its photo.
  assert.match(await page.getAttribute('meta[property="og:image"]', 'content'), /\/gambar\//);
  await ctx.close();
  await op.context().close();
});

test('a resident lists a product from the portal and the operator approves it', async () => {
  const { ctx, page: hp } = await ponsel();
  hp.on('dialog', (d) => d.accept());
  await hp.goto(`${balai.url}/warga/masuk`);
  await hp.fill('#nik', nik);
  await hp.fill('#pin', pinSementara);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Masuk")')]);
  await hp.fill('#pin_baru', PIN);
  await hp.fill('#pin_ulang', PIN);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan PIN")')]);

  await Promise.all([hp.waitForNavigation(), hp.click('text=Lapak saya')]);
  await Promise.all([hp.waitForNavigation(), hp.click('text=Pasang produk baru')]);
  await hp.fill('#p-nama', 'Gula aren cetak 1 kg');
  await hp.selectOption('#p-kategori', 'makanan');
  // A price in words is refused; what was typed stays.
  await hp.fill('#p-harga', 'dua puluh ribu');
  await hp.fill('#p-penjual', 'Gula Aren Pak Darto');
  await hp.fill('#p-kontak', '081298765432');
  await hp.setInputFiles('#p-gambar', { name: 'gula.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan")')]);
  assert.match(await hp.textContent('.isian.salah'), /Harga ditulis dalam rupiah/);
  assert.equal(await hp.inputValue('#p-nama'), 'Gula aren cetak 1 kg');
  await hp.fill('#p-harga', '25.000');
  await hp.setInputFiles('#p-gambar', { name: 'gula.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan")')]);
  assert.match(await hp.textContent('[role="status"]'), /memeriksanya sebelum tampil/);
  assert.match(await hp.textContent('#produk-saya'), /Menunggu/);
  assert.ok(await hp.evaluate(() => document.documentElement.scrollWidth <= 360));

  // Not on the site before an operator approves it.
  const tamu = await (await browser.newContext()).newPage();
  await tamu.goto(`${balai.url}/desa/donorejo/lapak`);
  assert.doesNotMatch(await tamu.textContent('main'), /Gula aren cetak/);

  const op = await admin();
  await op.goto(`${balai.url}/desa/${DESA}/lapak?status=menunggu`);
  assert.match(await op.textContent('main'), /1 produk menunggu pemeriksaan/);
  const baris = op.locator('#daftar-lapak tr', { hasText: 'Gula aren cetak 1 kg' });
  await Promise.all([op.waitForNavigation(), baris.locator('button:has-text("Setujui")').click()]);
  assert.match(await op.textContent('[role="status"]'), /disetujui/);

  await tamu.goto(`${balai.url}/desa/donorejo/lapak?q=aren`);
  assert.match(await tamu.textContent('#daftar-produk'), /Gula aren cetak 1 kg/);
  assert.match(await tamu.textContent('#daftar-produk'), /Rp 25\.000/);
  await Promise.all([tamu.waitForNavigation(), tamu.click('a:text-is("Gula aren cetak 1 kg")')]);
  assert.match(await tamu.getAttribute('a:has-text("WhatsApp")', 'href'), /^https:\/\/wa\.me\/6281298765432\?/);

  await hp.goto(`${balai.url}/warga/lapak`);
  assert.match(await hp.textContent('#produk-saya'), /Tayang/);
  await ctx.close();
  await op.context().close();
  await tamu.context().close();
});

test('a visitor files a complaint and follows it with the tracking code', async () => {
  const { ctx, page } = await ponsel();
  await page.goto(`${balai.url}/desa/donorejo/pengaduan`);
  // Empty: each field says what is missing.
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Kirim pengaduan")')]);
  assert.match(await page.textContent('[role="alert"]'), /Periksa isian/);
  await page.selectOption('#a-kategori', 'infrastruktur');
  await page.fill('#a-judul', 'Lampu jalan dusun Krajan mati');
  await page.fill('#a-isi', 'Sudah dua minggu lampu di tikungan dekat masjid mati. <b>Gelap</b> sekali.');
  await page.check('input[name="anonim"]');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Kirim pengaduan")')]);
  const kode = (await page.textContent('.kode-lacak')).trim();
  assert.match(kode, /^ADU-[A-Z0-9]{8}$/);

  // It reaches the operator's inbox.
  const op = await admin();
  await op.goto(`${balai.url}/desa/${DESA}/kotak`);
  assert.match(await op.textContent('main'), /Lampu jalan dusun Krajan mati/);

  // The visitor follows it by its code.
  await page.goto(`${balai.url}/desa/donorejo/pengaduan`);
  await page.fill('#l-kode', kode);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Lihat tanggapan")')]);
  assert.match(await page.textContent('main'), /Lampu jalan dusun Krajan mati/);
  // Only the code's holder gets there, and no personal data is in the address.
  assert.doesNotMatch(page.url(), /Krajan/);
  await ctx.close();
  await op.context().close();
});
