// Staff attendance in the browser: an official checks in at the office kiosk with the PIN the
// demo printed, then by phone (the browser's position inside the office radius, then far away:
// flagged), applies for leave on the phone page; the head of village logs in and approves it;
// the month's recap shows the leave and the far check-in, and so does its PDF, read back as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, login, masukDemo, startBalai } from './helpers.mjs';

const run = promisify(execFile);
const DESA = '3325082004';
// The demo office (crates/balai-store/src/perangkat/demo.rs, KANTOR_DEMO).
const KANTOR = { latitude: -7.0489, longitude: 109.9153 };
const JAUH = { latitude: -7.0300, longitude: 109.9153 };

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

async function ponsel(posisi) {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    geolocation: posisi,
    permissions: ['geolocation'],
  });
  return ctx.newPage();
}

test('kiosk and phone check-in, leave approved by the head, the recap and its PDF', async () => {
  const m = balai.output().match(/Rina Wulandari \(Sekretaris Desa\): PIN (\d{6})/);
  assert.ok(m, 'the demo printed the secretary\'s PIN');
  const pin = m[1];
  const rina = 'Rina Wulandari';

  // The admin registers this browser as the office kiosk.
  const kios = await (await browser.newContext()).newPage();
  kios.on('dialog', (d) => d.accept());
  await login(kios, balai.url, balai.username, balai.password);
  await kios.goto(`${balai.url}/desa/${DESA}/anjungan`);
  await kios.fill('#f-nama', 'Anjungan balai desa');
  await Promise.all([kios.waitForNavigation(), kios.click('button:has-text("Daftarkan perangkat ini")')]);
  assert.ok(kios.url().endsWith('/anjungan'));
  await Promise.all([kios.waitForNavigation(), kios.click('#absen-perangkat')]);
  await kios.selectOption('#perangkat', { label: `${rina} (Sekretaris Desa)` });
  await kios.fill('#pin', pin);
  await Promise.all([kios.waitForNavigation(), kios.click('button[value="masuk"]')]);
  assert.match(await kios.textContent('#hasil-absen'), new RegExp(`Absen masuk ${rina} tercatat`));

  // By phone inside the radius: no distance flag.
  const dekat = await ponsel(KANTOR);
  await dekat.goto(`${balai.url}/hadir/${DESA}`);
  await dekat.selectOption('#perangkat', { label: `${rina} (Sekretaris Desa)` });
  await dekat.fill('#pin', pin);
  await Promise.all([dekat.waitForNavigation(), dekat.click('#form-hadir button[value="pulang"]')]);
  const hasilDekat = await dekat.textContent('#hasil-absen');
  assert.match(hasilDekat, new RegExp(`Absen pulang ${rina} tercatat`));
  assert.doesNotMatch(hasilDekat, /luar radius/);

  // Two kilometres away: recorded with the flag.
  const jauh = await ponsel(JAUH);
  await jauh.goto(`${balai.url}/hadir/${DESA}`);
  await jauh.selectOption('#perangkat', { label: `${rina} (Sekretaris Desa)` });
  await jauh.fill('#pin', pin);
  await Promise.all([jauh.waitForNavigation(), jauh.click('#form-hadir button[value="masuk"]')]);
  assert.match(await jauh.textContent('#hasil-absen'), /di luar radius kantor \(\d+ m dari kantor\)/);

  // Leave for this afternoon, applied on the phone page: today keeps it inside this month's recap.
  const hariIni = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jakarta' }).format(new Date());
  await jauh.click('#ajukan-izin summary');
  await jauh.selectOption('#izin-perangkat', { label: rina });
  await jauh.fill('#izin-pin', pin);
  await jauh.selectOption('#izin-jenis', 'cuti');
  await jauh.fill('#izin-mulai', hariIni);
  await jauh.fill('#izin-selesai', hariIni);
  await jauh.fill('#izin-alasan', 'Menghadiri wisuda anak');
  await Promise.all([jauh.waitForNavigation(), jauh.click('#form-izin-ponsel button[type="submit"]')]);
  assert.match(await jauh.textContent('#hasil-absen'), /menunggu keputusan kepala desa/);

  // The head of village approves it.
  const kades = await masukDemo(browser, balai, 'kades');
  await kades.goto(`${balai.url}/desa/${DESA}/kehadiran`);
  const baris = kades.locator('#tabel-izin tr', { hasText: 'Menghadiri wisuda anak' });
  await Promise.all([kades.waitForNavigation(), baris.locator('button[value="setuju"]').click()]);
  assert.match(await kades.textContent('main'), /Pengajuan telah disetujui/);
  assert.match(
    await kades.locator('#tabel-izin tr', { hasText: 'Menghadiri wisuda anak' }).textContent(),
    /Disetujui/,
  );
  // The recap: the secretary's row and the flagged far check-in.
  assert.match(await kades.textContent('#tabel-rekap'), new RegExp(rina));
  assert.match(await kades.textContent('#daftar-tanda'), new RegExp(`${rina}.*di luar radius kantor`));

  // The month's recap as PDF.
  const [unduh] = await Promise.all([kades.waitForEvent('download'), kades.click('#unduh-pdf')]);
  const isi = await readFile(await unduh.path());
  assert.equal(isi.subarray(0, 4).toString(), '%PDF');
  assert.ok(isi.length > 1000, `PDF of ${isi.length} bytes`);
  // Read back: the secretary's row names her approved leave and her far check-in.
  const dir = await mkdtemp(path.join(tmpdir(), 'balai-kehadiran-'));
  const pdf = path.join(dir, 'rekap.pdf');
  await writeFile(pdf, isi);
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  assert.match(stdout, /Rekap Kehadiran Perangkat Desa/);
  const [, bln, tgl] = hariIni.split('-');
  assert.match(stdout, new RegExp(`Cuti ${tgl}-${bln}`), 'the approved leave is in the PDF');
  assert.match(stdout, /luar radius/, 'the far check-in is in the PDF');
  assert.match(stdout, /Rina/);
});
