// Social protection end to end. e-Sakti: the operator records the death of a resident of a DTKS
// family; the death benefit claim opens with its 60-day deadline; the operator names the heir
// from the family, the village death letter is issued and signed, the other documents are
// attached and the claim submitted; a Dinas Sosial officer verifies and records the payment;
// the heir reads it on her phone. BLT-DD: a distribution is recorded with the recipient's
// signature as proof, its payment request goes to the finance books, and the check flags the
// family that also receives PKH.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, masukDemo, startBalai } from './helpers.mjs';

const DESA = '3325082004';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000001ff89993d1d0000000049454e44ae426082',
  'hex',
);

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

function hariLalu(n) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

test('e-Sakti: a death in a DTKS family, the claim, the documents, verification and payment', async () => {
  const op = await masukDemo(browser, balai, 'operator');
  await op.goto(`${balai.url}/desa/${DESA}/bantuan`);
  await Promise.all([op.waitForNavigation(), op.click('#daftar-program a:has-text("Program Keluarga Harapan")')]);
  // A PKH recipient: the head of a family registered in DTKS.
  const baris = op.locator('#daftar-penerima tbody tr').first();
  await Promise.all([op.waitForNavigation(), baris.locator('td:first-child a').click()]);
  await Promise.all([op.waitForNavigation(), op.click('a:has-text("Catat kematian")')]);
  await op.fill('#f-tanggal', hariLalu(5));
  await op.fill('#f-tempat', 'Rumah');
  await op.fill('#f-sebab', 'Sakit');
  await op.check('#f-yakin');
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Catat kematian")')]);
  assert.match(await op.textContent('#santunan-penduduk'), /batas pengajuan/);
  await Promise.all([op.waitForNavigation(), op.click('#santunan-penduduk a')]);
  assert.match(await op.textContent('#tenggat-santunan'), /sisa 5[45] hari/);

  // Submitting before the heir and the documents are in is refused, naming what is missing.
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Ajukan ke Dinas Sosial")')]);
  assert.match(await op.textContent('[role="alert"]'), /Belum lengkap: Data ahli waris/);

  const ahli = await op.locator('#f-ahli_waris_id option').nth(1).getAttribute('value');
  await op.selectOption('#f-ahli_waris_id', ahli);
  await op.fill('#f-ahli_waris_hubungan', 'Istri');
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Simpan ahli waris")')]);
  assert.match(await op.textContent('#ahli-waris'), /Istri/);
  const klaim = op.url().split('?')[0];
  const [, nikAlmarhum] = (await op.textContent('main')).match(/NIK (\d{16})\)/);
  const [, nikAhli] = (await op.textContent('#ahli-waris')).match(/(\d{16})/);

  // The village death letter is issued for the deceased (the heir reports), signed by the kades.
  await op.goto(`${balai.url}/desa/${DESA}/surat/baru?jenis=keterangan_kematian`);
  await op.fill('#f-nik', nikAlmarhum);
  await op.fill('[name="orang.pelapor"]', nikAhli);
  await op.fill('[name="isian.hubungan_pelapor"]', 'Istri');
  const [t, b, h] = hariLalu(5).split('-');
  await op.fill('[name="isian.tanggal_kematian"]', `${h}-${b}-${t}`);
  await op.fill('[name="isian.tempat_kematian"]', 'Rumah');
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Simpan dan ajukan")')]);
  assert.match(await op.textContent('#status-surat'), /menunggu tanda tangan/);
  const surat = op.url().split('?')[0];
  const kades = await masukDemo(browser, balai, 'kades');
  await kades.goto(surat);
  await Promise.all([kades.waitForNavigation(), kades.click('#tandatangani')]);
  assert.match(await kades.textContent('#status-surat'), /Terbit/);
  const nomor = (await kades.textContent('#nomor-surat')).trim();
  await op.goto(klaim);
  assert.match(await op.textContent('#surat-kematian'), new RegExp(`Nomor ${nomor.replace(/\./g, '\\.')}`));

  for (const syarat of ['kk_ktp_almarhum', 'kk_ktp_ahli_waris']) {
    await op.selectOption('#f-syarat', syarat);
    await op.setInputFiles('#f-berkas', { name: 'dokumen.png', mimeType: 'image/png', buffer: PNG });
    await Promise.all([op.waitForNavigation(), op.click('button:has-text("Unggah")')]);
  }
  assert.equal(await op.locator('#kurang-santunan').count(), 0);
  assert.equal(await op.locator('#lampiran-santunan li').count(), 2);
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Ajukan ke Dinas Sosial")')]);
  assert.match(await op.textContent('#status-santunan'), /Diajukan ke Dinas Sosial/);

  const ds = await masukDemo(browser, balai, 'dinsos');
  await ds.goto(`${balai.url}/santunan`);
  assert.match(await ds.textContent('#daftar-santunan'), /Diajukan ke Dinas Sosial/);
  await ds.goto(klaim);
  await Promise.all([ds.waitForNavigation(), ds.click('button:has-text("Dokumen sah, verifikasi")')]);
  assert.match(await ds.textContent('#status-santunan'), /Diverifikasi/);
  // A payment without its proof is refused; then recorded.
  await Promise.all([ds.waitForNavigation(), ds.click('#form-bayar button')]);
  assert.match(await ds.textContent('main'), /bukti pembayaran/);
  await ds.fill('#f-bukti_bayar', 'Tunai di kantor Dinsos, kuitansi 45/2026');
  await Promise.all([ds.waitForNavigation(), ds.click('#form-bayar button')]);
  assert.match(await ds.textContent('#status-santunan'), /Dibayar/);
  assert.match(await ds.textContent('#riwayat-santunan'), /Dibayar Rp\s?1\.000\.000/);
  await ds.goto(`${balai.url}/santunan`);
  assert.match(await ds.textContent('#ringkas-desa'), /Rp\s?1\.000\.000/);

  // The heir was told at each step: the operator gives her a PIN, she reads it on her phone.
  await op.goto(`${balai.url}/desa/${DESA}/penduduk/${ahli}/pin`);
  await Promise.all([op.waitForNavigation(), op.click('button[value="terbitkan"]')]);
  const pin = (await op.textContent('#pin-baru')).trim();
  const hp = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await hp.goto(`${balai.url}/warga/masuk`);
  await hp.fill('#nik', nikAhli);
  await hp.fill('#pin', pin);
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Masuk")')]);
  await hp.fill('#pin_baru', '275913');
  await hp.fill('#pin_ulang', '275913');
  await Promise.all([hp.waitForNavigation(), hp.click('button:has-text("Simpan PIN")')]);
  await hp.goto(`${balai.url}/warga/notifikasi`);
  assert.match(await hp.textContent('main'), /Santunan kematian .*: Dibayar/);
  await hp.goto(`${balai.url}/warga/bantuan`);
  assert.match(await hp.textContent('main'), /klaim SK-\w+, Dibayar/);
});

test('BLT-DD: a distribution with proof, its payment request, and the double-receipt flag', async () => {
  const op = await masukDemo(browser, balai, 'operator');
  await op.goto(`${balai.url}/desa/${DESA}/penduduk`);
  const nikDaftar = await op.locator('#daftar-penduduk tbody tr td:first-child').allTextContents();
  await op.goto(`${balai.url}/desa/${DESA}/bantuan`);
  await Promise.all([op.waitForNavigation(), op.click('#daftar-program a:has-text("BLT Dana Desa")')]);
  const program = op.url();
  // A recipient decided at the musyawarah desa khusus: the first resident whose family is not
  // on the list yet (a family already on it is refused, one recipient per family).
  let nik;
  for (const n of nikDaftar.map((x) => x.trim()).slice(10)) {
    await op.goto(program);
    await op.fill('#f-nik', n);
    await op.fill('#f-dasar', 'Musdesus 5 Desember 2026, BA 141/05/XII/2026');
    await Promise.all([op.waitForNavigation(), op.click('button:has-text("Tambah penerima")')]);
    const isi = await op.textContent('main');
    if (/Penerima telah ditambahkan/.test(isi)) {
      nik = n;
      break;
    }
    assert.match(isi, /satu keluarga satu penerima|tidak boleh diterima bersamaan/);
  }
  assert.ok(nik, 'a family not yet on the list was added');
  assert.match(await op.textContent('#daftar-penerima'), /Musdesus 5 Desember 2026/);
  // This month as the village counts it (the form's default); the demo paid last month already.
  const periode = await op.inputValue('#f-periode');
  // Without proof nothing is recorded, and what was typed stays.
  // "Salurkan" on the recipient's row starts the distribution form with their NIK.
  await Promise.all([op.waitForNavigation(), op.click(`#daftar-penerima tr:has-text("${nik}") a:has-text("Salurkan")`)]);
  assert.equal(await op.inputValue('#f-nik-penerima'), nik);
  await op.fill('#f-nominal', '350.000');
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Catat penyaluran")')]);
  assert.match(await op.textContent('main'), /melebihi besaran program/);
  assert.match(await op.textContent('main'), /Unggah bukti terima/);
  assert.equal(await op.inputValue('#f-periode'), periode);
  assert.equal(await op.inputValue('#f-nik-penerima'), nik);
  await op.fill('#f-nominal', '300.000');
  // The recipient signs on the screen; the signature becomes the proof.
  await op.locator('#kanvas-ttd').scrollIntoViewIfNeeded();
  const kotak = await op.locator('#kanvas-ttd').boundingBox();
  await op.mouse.move(kotak.x + 20, kotak.y + 30);
  await op.mouse.down();
  await op.mouse.move(kotak.x + 160, kotak.y + 70, { steps: 8 });
  await op.mouse.move(kotak.x + 260, kotak.y + 25, { steps: 8 });
  await op.mouse.up();
  await op.waitForFunction(() => document.getElementById('f-bukti').files.length === 1);
  await Promise.all([op.waitForNavigation(), op.click('button:has-text("Catat penyaluran")')]);
  assert.match(await op.textContent('[role="status"]'), /Penyaluran dan bukti terimanya telah dicatat/);
  assert.match(await op.textContent('#periode-salur'), new RegExp(periode));
  const bukti = await op.locator('#daftar-salur a:has-text("Lihat bukti")').first().getAttribute('href');
  const r = await op.request.get(`${balai.url}${bukti}`);
  assert.equal(r.headers()['content-type'], 'image/png');
  await Promise.all([op.waitForNavigation(), op.click(`#periode-salur tr:has-text("${periode}") button:has-text("Ajukan SPP")`)]);
  assert.match(await op.textContent('[role="status"]'), /SPP penyaluran telah diajukan/);
  assert.match(await op.textContent(`#periode-salur tr:has-text("${periode}")`), /SPP \d{4}\/SPP\/\d{4}/);
  await op.goto(`${balai.url}/desa/${DESA}/keuangan/spp`);
  assert.match(await op.textContent('main'), /Penyaluran BLT Dana Desa periode/);

  // The family on both PKH and BLT-DD is flagged; the flag is resolved with a note.
  await op.goto(`${balai.url}/desa/${DESA}/bantuan/periksa`);
  const ganda = op.locator('#daftar-tanda tr.tanda-ganda').first();
  assert.match(await ganda.textContent(), /BLT-DD dan juga PKH/);
  await ganda.locator('input[name="catatan"]').fill('Dihentikan dari BLT-DD bulan depan');
  await Promise.all([op.waitForNavigation(), ganda.locator('button:has-text("Selesaikan")').click()]);
  assert.match(await op.textContent('#daftar-tanda'), /Selesai: Dihentikan dari BLT-DD/);
});
