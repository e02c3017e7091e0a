// Posyandu on a 360 px phone: the operator opens the demo village's posyandu day, records two
// children (a mistyped weight is refused and corrected), sees them counted, finds a stunted
// child on the referral list and opens the growth chart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';

let balai;
let browser;

before(async () => {
  balai = await startBalai();
  browser = await launchBrowser();
});

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
});
