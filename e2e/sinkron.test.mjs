// A village office joins the district in a real browser: the district issues a sync
// credential, an empty village PC runs `balai sync init`, its admin sees the node's sync state
// and asks for a sync, and the district's monitor sees the village's last sync.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BALAI_BIN, launchBrowser, login, startBalai } from './helpers.mjs';

const jalankan = promisify(execFile);
const DESA = '3325082004';
let kab;
let simpul;
let browser;

async function balai(db, ...args) {
  const { stdout } = await jalankan(BALAI_BIN, ['--database', db, ...args], {
    env: { ...process.env, BALAI_LOG_LEVEL: 'warn' },
  });
  return stdout;
}

/** `balai serve` on an existing database; resolves with its URL. */
function serve(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(BALAI_BIN, ['--database', db, 'serve', '--listen', '127.0.0.1:0'], {
      env: { ...process.env, BALAI_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let teks = '';
    child.stdout.on('data', (d) => {
      teks += d;
      const m = /Balai berjalan di (http:\/\/\S+)/.exec(teks);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`node exited early (${code}): ${teks}`)));
  });
}

async function gantiSandi(page, lama, baru) {
  await page.fill('input[name="sandi_lama"]', lama);
  await page.fill('input[name="sandi_baru"]', baru);
  await page.fill('input[name="sandi_ulang"]', baru);
  const form = page.locator('form').filter({ has: page.locator('input[name="sandi_baru"]') });
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

before(async () => {
  kab = await startBalai();
  browser = await launchBrowser();
});

after(async () => {
  simpul?.child.kill('SIGTERM');
  await browser?.close();
  await kab?.stop();
});

test('a village PC joins the district, shows its sync state, and the district sees it', async () => {
  const dbKab = `sqlite://${kab.dir}/balai.db`;
  const dbSimpul = `sqlite://${kab.dir}/simpul.db`;
  const kredensial = (await balai(dbKab, 'sync', 'token', '--desa', DESA)).trim().split('\n').pop();
  assert.match(kredensial, /^bsk_/);
  const init = await balai(dbSimpul, 'sync', 'init', '--server', kab.url, '--token', kredensial);
  assert.match(init, /simpul desa 3325082004/);
  const akun = await balai(dbSimpul, 'user', 'add', '--peran', 'admin', '--desa', DESA,
    '--username', 'adminsimpul', '--nama', 'Admin Simpul');
  const sementara = /Kata sandi: (\S+)/.exec(akun)[1];
  simpul = await serve(dbSimpul);

  // The node's own screen: its role, its server and a sync on request.
  const p = await (await browser.newContext()).newPage();
  await login(p, simpul.url, 'adminsimpul', sementara);
  await gantiSandi(p, sementara, 'sandi-simpul-yang-panjang-1');
  if (p.url().endsWith('/masuk')) await login(p, simpul.url, 'adminsimpul', 'sandi-simpul-yang-panjang-1');
  await p.goto(`${simpul.url}/desa/${DESA}/sinkron`);
  if ((await p.locator('#keadaan-sinkron').count()) === 0) {
    throw new Error(`sync page not shown at ${p.url()}: ${(await p.textContent('main'))?.slice(0, 600)}`);
  }
  const keadaan = await p.textContent('#keadaan-sinkron');
  assert.match(keadaan, /Sinkron terakhir berhasil/);
  assert.match(await p.textContent('main'), new RegExp(kab.url.replace(/[.:/]/g, '\\$&')));
  await Promise.all([p.waitForNavigation(), p.click('button:has-text("Sinkronkan sekarang")')]);
  assert.match(await p.textContent('[role="status"]'), /Sinkron dimulai/);
  // The residents the node pulled are there, on the node.
  await p.goto(`${simpul.url}/desa/${DESA}/penduduk`);
  assert.ok((await p.locator('table tbody tr').count()) > 10);

  // The district: the credential has been used; the monitor sees a recent sync.
  const k = await (await browser.newContext()).newPage();
  await login(k, kab.url, kab.username, kab.password);
  await k.goto(`${kab.url}/desa/${DESA}/sinkron`);
  const daftar = await k.textContent('#daftar-kredensial');
  assert.match(daftar, /Aktif/);
  assert.doesNotMatch(daftar, /belum pernah/);
  const m = /pengguna (kabupaten), kata sandi (\S+)/.exec(kab.output());
  assert.ok(m, 'the demo prints the district monitor account');
  const pantau = await (await browser.newContext()).newPage();
  await login(pantau, kab.url, m[1], m[2]);
  await pantau.goto(`${kab.url}/jaringan`);
  const baris = await pantau.textContent('#jaringan-desa');
  assert.match(baris, /Donorejo/);
  assert.match(baris, /baru saja|menit yang lalu/);
  assert.equal((await pantau.textContent('#perlu-bantuan')).trim(), '0');
});
