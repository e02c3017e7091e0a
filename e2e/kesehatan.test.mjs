// Posyandu on a 360 px phone: the operator opens the demo village's posyandu day, records two
// children (a mistyped weight is refused and corrected), sees them counted, finds a stunted
// child on the referral list and opens the growth chart; records a family's house check for the
// stunting convergence. Then the demo cadre records a posyandu day of five children, the last
// without signal, sent when the signal returns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';

// The cadre's guide (docs/kesehatan.md) shows these screens: BALAI_PERBARUI_GAMBAR=1 writes them
// to docs/gambar/, else to a temporary folder so a test run leaves the tree as it was.
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

async function foto(page, nama) {
  await page.screenshot({ path: path.join(GAMBAR, `${nama}.png`), fullPage: false });
}

after(async () => {
  await browser?.close();
  await balai?.stop();
});

test('a posyandu day on a phone, the referral list and the growth chart', async () => {
  const hp = await masukDemo(browser, balai, 'operator', { viewport: { width: 360, height: 740 } });
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  // The demo's year of posyandu days already shows stunted children to refer.
  assert.match(await hp.textContent('#daftar-rujukan'), /TB\/U/);
  assert.match(await hp.textContent('#gizi-bulanan'), /\d+ \(\d+,\d %\)/);
  await Promise.all([hp.waitForNavigation(), hp.click('#daftar-posyandu a >> nth=0')]);
  // A day without records yet: two weeks ago.
  const hari = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
  await hp.fill('#f-tanggal', hari);
  await Promise.all([hp.waitForNavigation(), hp.click('#pilih-tanggal button')]);
  const awal = await hp.textContent('#jumlah-ditimbang');
  const [sudahAwal, total] = awal.match(/(\d+) dari (\d+)/).slice(1).map(Number);
  assert.ok(total >= 2, `children on the list: ${awal}`);
  // Nothing sticks out of a 360 px screen.
  const lebar = await hp.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(lebar <= 360, `page width ${lebar}`);

  // The oldest children (the list runs youngest first), with values fitting four-year-olds.
  for (const [berat, panjang] of [['90', '104'], ['15,8', '102']]) {
    const belum = hp.locator('#daftar-balita li:not(.sudah) a').last();
    await Promise.all([hp.waitForNavigation(), belum.click()]);
    await hp.fill('#f-berat', berat);
    await hp.fill('#f-panjang', panjang);
    await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan penimbangan")')]);
    if (berat === '90') {
      // Refused, with what was typed kept to correct.
      assert.match(await hp.textContent('main'), /tidak masuk akal/);
      assert.equal(await hp.inputValue('#f-panjang'), '104');
      await hp.fill('#f-berat', '16,2');
      await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan penimbangan")')]);
    }
    assert.match(await hp.textContent('#jumlah-ditimbang'), /dari/);
  }
  const akhir = await hp.textContent('#jumlah-ditimbang');
  const sudahAkhir = Number(akhir.match(/(\d+) dari/)[1]);
  assert.equal(sudahAkhir, sudahAwal + 2, `${awal} → ${akhir}`);

  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  await Promise.all([hp.waitForNavigation(), hp.click('#daftar-rujukan a >> nth=0')]);
  assert.equal(await hp.locator('#grafik-bb svg').count(), 1);
  assert.equal(await hp.locator('#grafik-tb svg circle').count() > 0, true);
  assert.match(await hp.textContent('#riwayat-timbang'), /pendek|gizi (buruk|kurang)/i);

  // The month's immunisation invitations of the first posyandu: children behind schedule.
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  assert.match(await hp.textContent('#cakupan-imunisasi'), /DPT-HB-Hib 1/);
  await Promise.all([hp.waitForNavigation(), hp.click('#daftar-posyandu a:has-text("undangan imunisasi") >> nth=0')]);
  assert.ok((await hp.locator('#daftar-undangan tbody tr').count()) > 0);
  assert.match(await hp.textContent('#daftar-undangan'), /terlambat/);

  // Pregnant women: the demo's six, one with risk signs; a visit with high blood pressure adds one.
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  await Promise.all([hp.waitForNavigation(), hp.click('#ringkas-ibu-hamil a')]);
  assert.ok((await hp.locator('#daftar-ibu-hamil tbody tr').count()) >= 5);
  assert.ok(Number(await hp.textContent('#jumlah-berisiko')) >= 1);
  await Promise.all([hp.waitForNavigation(), hp.click('#daftar-ibu-hamil tbody tr:not(.berisiko) a >> nth=0')]);
  // Two days ago: the demo's visits fall on today at the latest, six weeks apart.
  await hp.fill('#f-tanggal', new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
  await hp.fill('#f-sistolik', '150');
  await hp.fill('#f-diastolik', '95');
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan pemeriksaan")')]);
  assert.match(await hp.textContent('main'), /Tanda risiko:.*tekanan darah tinggi/);

  // Stunting convergence: the demo's target families; one not yet visited gets its house check.
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  await Promise.all([hp.waitForNavigation(), hp.click('#tautan-konvergensi a')]);
  assert.match(await hp.textContent('#ringkas-konvergensi'), /Air minum layak/);
  const keluarga = hp.locator('#daftar-konvergensi tbody tr:has(summary:has-text("Catat pemeriksaan"))').first();
  const id = await keluarga.getAttribute('id');
  await keluarga.locator('summary').click();
  await keluarga.locator('input[name="air_minum_layak"]').check();
  await keluarga.locator('input[name="jamban_sehat"]').check();
  await Promise.all([hp.waitForNavigation(), keluarga.locator('button:has-text("Simpan pemeriksaan")').click()]);
  assert.match(await hp.textContent('[role="status"]'), /disimpan/);
  assert.match(await hp.textContent(`[id="${id}"]`), /Diperiksa/);
  assert.ok((await hp.locator(`[id="${id}"] td.konvergensi-ya`).count()) >= 2);
});

/** "Terakhir 06-11-2026: berat 9.4 kg, panjang/tinggi 76.2 cm." → [9.4, 76.2], or null. */
async function ukuranLalu(hp) {
  if ((await hp.locator('#penimbangan-lalu').count()) === 0) return null;
  const t = await hp.textContent('#penimbangan-lalu');
  const m = t.match(/berat ([\d.]+) kg, panjang\/tinggi ([\d.]+) cm/);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Fills the open form a little above the child's last measurement. */
async function isiSeperti(hp, lalu) {
  await hp.fill('#f-berat', (lalu[0] + 0.1).toFixed(1).replace('.', ','));
  await hp.fill('#f-panjang', (lalu[1] + 0.3).toFixed(1).replace('.', ','));
}

test('a cadre records a posyandu day of five children, one without signal', async () => {
  const hp = await masukDemo(browser, balai, 'kader', { viewport: { width: 360, height: 740 } });
  const konteks = hp.context();
  // The cadre sees their own posyandu and its children to refer, and no village menu.
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  assert.equal(await hp.locator('#daftar-posyandu li').count(), 1);
  assert.equal(await hp.locator('#menu-layanan').count(), 0);
  const dirujuk = (await hp.textContent('#daftar-rujukan tbody tr:first-child a')).trim();
  // This month's posyandu day is today's: the demo left it to record.
  await Promise.all([hp.waitForNavigation(), hp.click('#daftar-posyandu a >> nth=0')]);
  const hari = await hp.inputValue('#f-tanggal');
  await Promise.all([hp.waitForNavigation(), hp.click('#pilih-tanggal button')]);
  const halamanHari = hp.url();
  const sudahAwal = Number((await hp.textContent('#jumlah-ditimbang')).match(/(\d+) dari/)[1]);
  await foto(hp, 'ponsel-kader-hari-posyandu');

  // The service worker keeps the day and every child's form on the phone.
  await hp.evaluate(() => navigator.serviceWorker.ready);
  await hp.reload();
  const belum = await hp.locator('#daftar-balita a[data-form]').count();
  await hp.waitForFunction(
    async (n) => (await (await caches.open('balai-posyandu-1')).keys()).length >= n + 1,
    belum,
    { timeout: 20_000 },
  );

  // Four children with signal (the child to refer is kept for the offline part).
  let dicatat = 0;
  for (let i = 0; i < belum && dicatat < 4; i++) {
    const tautan = hp.locator('#daftar-balita a[data-form]').nth(i);
    if ((await tautan.textContent()).trim() === dirujuk) continue;
    await Promise.all([hp.waitForNavigation(), tautan.click()]);
    const lalu = await ukuranLalu(hp);
    if (lalu) {
      await isiSeperti(hp, lalu);
      if (dicatat === 0) await foto(hp, 'ponsel-kader-timbang');
      await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan penimbangan")')]);
      assert.equal(await hp.locator('#form-timbang').count(), 0, await hp.textContent('main'));
      dicatat++;
      i = -1; // the list changed: start again from the top
    } else {
      await hp.goto(halamanHari);
    }
  }
  assert.equal(dicatat, 4);

  // The fifth child without signal: the form opens from the phone and the entry waits there.
  await hp.goto(halamanHari);
  await konteks.setOffline(true);
  const anak = hp.locator('#daftar-balita li', { hasText: dirujuk }).locator('a[data-form]');
  await Promise.all([hp.waitForNavigation(), anak.click()]);
  const lalu = await ukuranLalu(hp);
  assert.ok(lalu, 'the child to refer has earlier measurements');
  await isiSeperti(hp, lalu);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan penimbangan")')]);
  await hp.waitForSelector('#antrean-posyandu:not([hidden])');
  assert.equal(await hp.textContent('#antrean-jumlah'), '1');
  assert.equal(await hp.locator('#daftar-balita li.menunggu').count(), 1);
  await foto(hp, 'ponsel-kader-menunggu-sinyal');

  // The signal returns: the entry is sent once and the list shows five more children.
  // Once the entry is sent the list reloads itself; wait for that reload, so that it cannot
  // interrupt the next navigation.
  const dimuatUlang = hp.waitForNavigation({ timeout: 20_000 });
  await konteks.setOffline(false);
  // The browser may already be reloading (its own "online" event): then this has no page.
  await hp.evaluate(() => window.dispatchEvent(new Event('online'))).catch(() => {});
  await dimuatUlang;
  await hp.waitForLoadState('load');
  assert.equal(await hp.evaluate(() => localStorage.getItem('balai-posyandu-antrean') ?? '[]'), '[]');
  await hp.goto(halamanHari);
  const sudahAkhir = Number((await hp.textContent('#jumlah-ditimbang')).match(/(\d+) dari/)[1]);
  assert.equal(sudahAkhir, sudahAwal + 5);
  const baris = hp.locator('#daftar-balita li', { hasText: dirujuk });
  assert.match(await baris.textContent(), /perlu dirujuk/);

  // The stunted child is on the referral list with this day's measurement.
  await hp.goto(`${balai.url}/desa/${DESA}/kesehatan`);
  const tgl = hari.split('-').reverse().join('-');
  const rujuk = hp.locator('#daftar-rujukan tr', { hasText: dirujuk });
  assert.match(await rujuk.textContent(), new RegExp(tgl));
  assert.match(await hp.textContent('#gizi-bulanan'), /\d+ \(\d+,\d %\)/);
});
