// Civil registration end to end: a mother applies for her newborn's birth certificate from a
// 360 px phone (the child has no NIK yet; the KK, the birth letter and the marriage book are
// photographed), the village operator checks and forwards it (the child enters the registry with
// a temporary NIK), a Dukcapil officer claims and finishes it with the issued NIK and akta
// number, the registry shows the child with that NIK, and the mother sees "Selesai".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const PIN = '583920';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000001ff89993d1d0000000049454e44ae426082',
  'hex',
);
// A girl born on 1 December 2026 in kecamatan 33.25.08: day + 40 in the NIK.
const NIK_BAYI = '3325084112260007';

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

test('a birth certificate from a phone to Dukcapil and back into the registry', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const hp = await ctx.newPage();
  await hp.goto(`${balai.url}/warga/masuk`);
  await hp.fill('#nik', nik);
  await hp.fill('#pin', pinSementara);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Masuk")')]);
  await hp.fill('#pin_baru', PIN);
  await hp.fill('#pin_ulang', PIN);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan PIN")')]);

  await Promise.all([hp.waitForNavigation(), hp.click('a:has(strong:text-is("Dokumen kependudukan"))')]);
  await hp.selectOption('#w-jenis', 'akta_lahir');
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Lanjut")')]);
  const form = hp.locator('#form-adminduk');
  // Sent without the photos and the consent first: each is named, what was typed stays.
  await form.locator('[name="isian.nama_anak"]').fill('Putri Ayu Lestari');
  await Promise.all([hp.waitForNavigation(), form.locator('button:has-text("Kirim permohonan")').click()]);
  assert.match(await hp.textContent('[role="alert"]'), /belum terkirim/);
  assert.match(await hp.textContent('#form-adminduk'), /Surat keterangan lahir .* wajib dilampirkan/);
  assert.match(await hp.textContent('#form-adminduk'), /Centang persetujuan/);
  assert.equal(await hp.inputValue('[name="isian.nama_anak"]'), 'Putri Ayu Lestari');

  await hp.selectOption('[name="isian.jenis_kelamin"]', 'Perempuan');
  await hp.fill('[name="isian.tanggal_lahir"]', '01-12-2026');
  await hp.fill('[name="isian.pukul"]', '04.30');
  await hp.fill('[name="isian.tempat_lahir"]', 'Batang');
  await hp.selectOption('[name="isian.tempat_dilahirkan"]', 'Puskesmas');
  await hp.selectOption('[name="isian.jenis_kelahiran"]', 'Tunggal');
  await hp.fill('[name="isian.anak_ke"]', '2');
  await hp.selectOption('[name="isian.penolong"]', 'Bidan/perawat');
  await hp.fill('[name="isian.nik_ibu"]', nik);
  for (const s of ['kk', 'keterangan_lahir', 'buku_nikah']) {
    await hp.setInputFiles(`#f-lampiran-${s}`, { name: `${s}.png`, mimeType: 'image/png', buffer: PNG });
  }
  await hp.check('input[name="persetujuan"]');
  assert.ok(await hp.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than the phone');
  await Promise.all([hp.waitForNavigation(), hp.click('#form-adminduk button:has-text("Kirim permohonan")')]);
  const pesan = await hp.textContent('[role="status"]');
  const [nomor] = pesan.match(/AD-[0-9A-Z]{8}/);
  assert.match(await hp.textContent('#permohonan-saya'), /Akta kelahiran/);

  // The public tracking page knows the number and shows no personal data.
  const umum = await (await browser.newContext()).newPage();
  await umum.goto(`${balai.url}/adminduk/lacak?nomor=${nomor}`);
  const lacak = await umum.textContent('#hasil-lacak');
  assert.match(lacak, /Diajukan/);
  assert.doesNotMatch(lacak, /Putri|\d{16}/);

  // The operator checks and forwards: the child is now in the registry without a NIK.
  const op = await masukDemo(browser, balai, 'operator');
  await op.goto(`${balai.url}/desa/${DESA}/adminduk?nomor=${nomor}`);
  await Promise.all([op.waitForNavigation(), op.click(`#daftar-adminduk a:text-is("${nomor}")`)]);
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("teruskan ke Dukcapil")')]);
  assert.match(await op.textContent('#status-adminduk'), /Diteruskan/);
  assert.match(await op.textContent('main'), /PUTRI AYU LESTARI \(NIK menunggu\)/);

  // Dukcapil lands on its queue, claims the application and finishes it.
  const dk = await masukDemo(browser, balai, 'dukcapil');
  assert.ok(dk.url().endsWith('/adminduk'), dk.url());
  await Promise.all([dk.waitForNavigation(), dk.click(`#daftar-adminduk a:text-is("${nomor}")`)]);
  await Promise.all([dk.waitForNavigation(), dk.click('button:has-text("Ambil untuk diproses")')]);
  // Finishing without the akta number is refused with the field named.
  await dk.fill('#f-nik', NIK_BAYI);
  await Promise.all([dk.waitForNavigation(), dk.click('#form-selesai button:has-text("Selesaikan")')]);
  assert.match(await dk.textContent('#form-selesai'), /Nomor akta kelahiran wajib diisi/);
  assert.equal(await dk.inputValue('#f-nik'), NIK_BAYI);
  await dk.fill('#f-nomor_dokumen', '3325-LU-01122026-0042');
  await Promise.all([dk.waitForNavigation(), dk.click('#form-selesai button:has-text("Selesaikan")')]);
  assert.match(await dk.textContent('#status-adminduk'), /Selesai/);
  // Dukcapil reads only its queue: the village's registry pages are closed to it.
  const tutup = await dk.goto(`${balai.url}/desa/${DESA}/penduduk`);
  assert.equal(tutup.status(), 403);

  // The registry shows the child with the issued NIK and akta number.
  await op.reload();
  await Promise.all([op.waitForNavigation(), op.click('#subjek-adminduk')]);
  const data = await op.textContent('main');
  assert.match(data, new RegExp(NIK_BAYI));
  assert.match(data, /3325-LU-01122026-0042/);

  // The mother sees "Selesai" with the notice.
  await hp.goto(`${balai.url}/warga/adminduk`);
  await Promise.all([hp.waitForNavigation(), hp.click(`#permohonan-saya a:has-text("Akta kelahiran")`)]);
  assert.match(await hp.textContent('#status-warga-adminduk'), /Selesai/);
  assert.match(await hp.textContent('#hasil-warga-adminduk'), /3325-LU-01122026-0042/);
  await hp.goto(`${balai.url}/warga/notifikasi`);
  assert.match(await hp.textContent('main'), /Akta kelahiran: Selesai/);
});
