// Village finance in a real browser: one year walked by the people who do it. The operator
// records a proposal, the musrenbang that agrees it and the RKPDes activity it becomes, then
// builds the APBDes, has it agreed and established; two payments go through the secretary and
// the head of village and are paid; the semester report PDF (read back with pdftotext) and the
// public infographic show the same totals.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const run = promisify(execFile);
const DESA = '3325082004';
const TAHUN = '2026';

let balai;
let browser;

before(async () => {
  // A demo village without finance data, so the year starts empty.
  balai = await startBalai({ args: ['--demo-tanpa-keuangan'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await balai?.stop();
});

const masuk = (peran) => masukDemo(browser, balai, peran);

async function kirim(page, tombol) {
  await Promise.all([page.waitForNavigation(), page.click(tombol)]);
  const gagal = await page.locator('.pemberitahuan.gagal').allTextContents();
  assert.deepEqual(gagal, [], `no error after ${tombol}`);
}

async function nilaiOpsi(page, select, teks) {
  const v = await page.locator(`${select} option`, { hasText: teks }).first().getAttribute('value');
  assert.ok(v, `${select} has an option "${teks}"`);
  return v;
}

test('a year from proposal to semester report and public infographic', async () => {
  const op = await masuk('operator');

  // Planning.
  await op.goto(`${balai.url}/desa/${DESA}/perencanaan?tahun=${TAHUN}`);
  await op.fill('#u-judul', 'Pengerasan jalan Dusun Krajan');
  await op.fill('#u-pengusul', 'Dusun Krajan');
  await op.fill('#u-lokasi', 'Dusun Krajan RT 01');
  await op.fill('#u-perkiraan_biaya', '60.000.000');
  await op.fill('#u-penerima_manfaat', '320');
  await op.selectOption('#u-bidang', '2');
  await kirim(op, 'button:text("Simpan usulan")');
  await op.selectOption('#m-jenis', 'musrenbangdes');
  await op.fill('#m-tanggal', '2025-09-16');
  await op.fill('#m-tempat', 'Balai Desa');
  await op.fill('#m-jumlah', '45');
  await op.fill('#m-keputusan', 'Pengerasan jalan Dusun Krajan menjadi prioritas pertama.');
  await kirim(op, 'button:text("Simpan musyawarah")');
  await op.fill('#tabel-usulan input[name="peringkat"]', '1');
  await kirim(op, '#tabel-usulan button:text("Simpan keputusan")');
  assert.match(await op.textContent('#tabel-usulan'), /Disepakati/);
  await op.selectOption('#r-dokumen', 'rkpdes');
  await op.selectOption('#r-kegiatan', '2.3.10');
  await op.fill('#r-nama', 'Pengerasan jalan Dusun Krajan');
  await op.fill('#r-lokasi', 'Dusun Krajan');
  await op.fill('#r-volume', '600 m');
  await op.fill('#r-biaya', '60000000');
  await op.selectOption('#r-sumber', 'DDS');
  await op.check('input[name="usulan"]');
  await kirim(op, 'button:text("Tambahkan ke rencana")');
  const rkp = await op.textContent('.tabel-rencana');
  assert.match(rkp, /2\.3\.10/);
  assert.match(rkp, /Pengerasan jalan Dusun Krajan.*Pengerasan jalan Dusun Krajan/s, 'activity names its proposal');

  // The budget.
  await op.goto(`${balai.url}/desa/${DESA}/keuangan?tahun=${TAHUN}`);
  await kirim(op, `button:text("Buat rancangan APBDes ${TAHUN}")`);
  const baris = [
    ['4.2.1.01', '', 'Dana Desa', '1', 'tahun', '100000000', ''],
    ['5.3.4.03', '2.3.10', 'Bahan pengerasan jalan', '2', 'paket', '30000000', 'Pengerasan'],
    ['5.2.1.06', '2.2.02', 'Makanan tambahan posyandu', '4', 'bulan', '10000000', ''],
  ];
  for (const [rek, keg, uraian, vol, sat, harga, rencana] of baris) {
    await op.selectOption('#b-rekening', rek);
    await op.selectOption('#b-kegiatan', keg);
    await op.fill('#b-uraian', uraian);
    await op.fill('#b-volume', vol);
    await op.fill('#b-satuan', sat);
    await op.fill('#b-harga_satuan', harga);
    await op.selectOption('#b-sumber', 'DDS');
    if (rencana) await op.selectOption('#b-rencana', await nilaiOpsi(op, '#b-rencana', rencana));
    await kirim(op, 'button:text("Simpan baris")');
  }
  assert.match(await op.textContent('#jumlah-apbdes'), /Rp 0\s*sisa/);
  await op.fill('#s-tanggal', '2025-12-10');
  await kirim(op, 'button:text("Catat disepakati BPD")');
  await op.fill('#t-nomor', '6 Tahun 2025');
  await op.fill('#t-tanggal', '2025-12-20');
  await kirim(op, 'button:text("Tetapkan APBDes")');
  assert.match(await op.textContent('#tabel-versi'), /Ditetapkan \(berlaku\)/);
  assert.equal(await op.locator('#form-baris').count(), 0, 'an established budget has no edit form');

  // Two payments: requested, checked, approved, paid.
  const spp = `${balai.url}/desa/${DESA}/keuangan/spp?tahun=${TAHUN}`;
  // Dates typed day-month-year, as on every form, whatever the browser's language.
  for (const [tanggal, nilai] of [['02-03-2026', '25000000'], ['04-05-2026', '15000000']]) {
    await op.goto(spp);
    await op.fill('#p-tanggal', tanggal);
    await op.selectOption('#p-baris', await nilaiOpsi(op, '#p-baris', 'Bahan pengerasan jalan'));
    await op.fill('#p-nilai', nilai);
    await op.fill('#p-uraian', 'Batu dan semen untuk jalan Krajan');
    await op.fill('#p-penerima', 'UD Bangun Jaya');
    await kirim(op, 'button:text("Ajukan SPP")');
  }
  const sekdes = await masuk('sekdes');
  const kades = await masuk('kades');
  for (let i = 0; i < 2; i++) {
    await sekdes.goto(spp);
    await kirim(sekdes, 'button:text("Sudah diperiksa, teruskan ke kepala desa") >> nth=0');
    await kades.goto(spp);
    await kirim(kades, 'button:text("Setujui pembayaran") >> nth=0');
  }
  // The operator filed them and cannot pay them; the treasurer does, seeing who filed each.
  await op.goto(spp);
  assert.equal(await op.locator('button:text("Catat pembayaran")').count(), 0, 'the filer has no pay form');
  const bendahara = await masuk('bendahara');
  await bendahara.goto(`${balai.url}/desa/${DESA}`);
  assert.match(await bendahara.textContent('#tugas-bayar-spp'), /SPP disetujui, perlu dibayar\s*2/);
  assert.match(await bendahara.textContent('#menu-keuangan summary'), /Keuangan\s*2/, 'the menu badge counts the work');
  for (const tanggal of ['2026-05-06', '2026-03-04']) {
    await bendahara.goto(`${spp}&perlu=1`);
    assert.match(await bendahara.textContent('.spp .pengaju >> nth=0'), /Operator Desa/);
    const form = bendahara.locator('form:has(button:text("Catat pembayaran"))').first();
    // Building material above Rp2 million: PPN and PPh 22 are suggested, to check and edit.
    assert.equal(await form.locator('select[name="pajak1"]').inputValue(), 'ppn');
    assert.equal(await form.locator('select[name="pajak2"]').inputValue(), 'pph22');
    assert.match(await form.locator('input[name="nilai_pajak1"]').inputValue(), /^\d+$/);
    await form.locator('input[name="tanggal"]').fill(tanggal);
    await form.locator('input[name="nomor_bukti"]').fill(`KW-${tanggal}`);
    await kirim(bendahara, 'button:text("Catat pembayaran") >> nth=0');
  }
  await bendahara.goto(`${spp}&perlu=1`);
  assert.match(await bendahara.textContent('#daftar-spp'), /Tidak ada SPP yang cocok/);
  await op.goto(spp);
  assert.equal(await op.locator('.status-spp', { hasText: 'Dibayar' }).count(), 2);
  assert.match(await op.textContent('#tabel-sisa'), /Rp 40\.000\.000/);

  // Semester I report as PDF.
  await op.goto(`${balai.url}/desa/${DESA}/keuangan/laporan?tahun=${TAHUN}&periode=semester1`);
  const [unduhan] = await Promise.all([op.waitForEvent('download'), op.click('#unduh-pdf')]);
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-keuangan-'));
  const pdf = path.join(dir, 'laporan.pdf');
  await unduhan.saveAs(pdf);
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  const belanja = stdout.split('\n').find((b) => b.includes('JUMLAH BELANJA'));
  assert.ok(belanja, 'the report has a spending total');
  assert.match(belanja, /Rp 100\.000\.000\s+Rp 40\.000\.000/, belanja);
  const pendapatan = stdout.split('\n').find((b) => b.includes('JUMLAH PENDAPATAN'));
  assert.match(pendapatan, /Rp 100\.000\.000\s+Rp 0/, pendapatan);
  assert.match(stdout, /SEMESTER I/i);
  // An official report: the letterhead, right-aligned amounts, the head of village's signature.
  assert.match(stdout, /PEMERINTAH KABUPATEN BATANG/);
  assert.match(stdout, /DESA DONOREJO/);
  assert.match(stdout, /Kepala Desa Donorejo/);
  assert.match(stdout, /keadaan sampai 30-06-2026/);

  // The public infographic: the same figures, for anyone.
  const tamu = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await tamu.goto(`${balai.url}/desa/donorejo/pembangunan`);
  const apbdes = await tamu.textContent('#apbdes');
  assert.match(apbdes, /APBDes 2026/);
  assert.match(apbdes, /Rp 100\.000\.000\s*belanja \(terealisasi 40,0%\)/);
  const jumlahBelanja = await tamu.textContent('#tabel-apbdes tr:has-text("Jumlah belanja")');
  assert.match(jumlahBelanja, /Rp 100\.000\.000.*Rp 40\.000\.000/s);
  assert.doesNotMatch(await tamu.textContent('main'), /UD Bangun Jaya/, 'no payee on the public site');
  const lebar = await tamu.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(lebar <= 360, `the page is ${lebar} px wide`);
});
