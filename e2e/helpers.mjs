// Shared helpers for Balai's browser tests (node:test + playwright-core + Debian's chromium).
//
// The binary under test is $BALAI_BIN if set (scripts/test.sh sets it), else
// <repo>/target/debug/balai. Build it first with `cargo build -p balai`.
import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BALAI_BIN =
  process.env.BALAI_BIN ||
  path.join(path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'balai');

export const CHROMIUM_PATH = process.env.BALAI_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const URL_RE = /Balai berjalan di (http:\/\/\S+)/;
const USER_RE = /Pengguna: (\S+)/;
const PASSWORD_RE = /Kata sandi: (\S+)/;
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;]*[A-Za-z]/g;
const MAX_LOG_LINES = 2000;

// Children still running when node exits (a crashed test) are killed, never left behind.
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `balai serve --demo` on a free port with a fresh SQLite database in a temp dir.
 *
 * Resolves once the server printed "Balai berjalan di http://…", with the admin credentials it
 * printed ("Pengguna: …", "Kata sandi: …"; null if it printed none).
 *
 * @param {object} [options]
 * @param {string[]} [options.args] extra arguments after the default ones
 * @param {Record<string,string>} [options.env] extra environment variables
 * @param {number} [options.timeoutMs] how long to wait for the start-up line (default 120 s)
 * @param {boolean} [options.demo] fill the demo village (default true); false starts an empty install
 * @returns {Promise<{url: string, username: string|null, password: string|null, dir: string,
 *   process: import('node:child_process').ChildProcess, output: () => string,
 *   stop: () => Promise<void>}>}
 */
export async function startBalai({ args = [], env = {}, timeoutMs = 120_000, demo = true } = {}) {
  try {
    await access(BALAI_BIN, constants.X_OK);
  } catch {
    throw new Error(`${BALAI_BIN} not found or not executable: build it with \`cargo build -p balai\``);
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'balai-e2e-'));
  const fullArgs = [
    'serve',
    ...(demo ? ['--demo'] : []),
    '--listen',
    '127.0.0.1:0',
    '--database',
    `sqlite://${dir}/balai.db`,
    ...args,
  ];
  const child = spawn(BALAI_BIN, fullArgs, {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  const lines = [];
  const output = () => lines.join('\n');
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // A grandchild may still hold the pipes open; do not let that keep node alive.
    child.stdout.destroy();
    child.stderr.destroy();
    await rm(dir, { recursive: true, force: true });
  };

  let url = null;
  let username = null;
  let password = null;

  const started = new Promise((resolve, reject) => {
    let graceTimer = null;
    const done = () => {
      clearTimeout(timeout);
      clearTimeout(graceTimer);
      resolve();
    };
    const fail = (message) => {
      clearTimeout(timeout);
      clearTimeout(graceTimer);
      reject(
        new Error(
          `${message}\ncommand: ${BALAI_BIN} ${fullArgs.join(' ')}\n` +
            `--- output so far ---\n${output() || '(nothing)'}\n--- end of output ---`,
        ),
      );
    };
    const timeout = setTimeout(
      () => fail(`balai did not print "Balai berjalan di http://…" within ${timeoutMs / 1000} s`),
      timeoutMs,
    );

    const onLine = (stream) => (raw) => {
      const line = raw.replace(ANSI_RE, '');
      lines.push(`[${stream}] ${line}`);
      if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
      let m;
      if (username === null && (m = USER_RE.exec(line))) username = m[1];
      if (password === null && (m = PASSWORD_RE.exec(line))) password = m[1];
      if (url === null && (m = URL_RE.exec(line))) {
        url = m[1].replace(/[/.,;]+$/, '');
        // The credentials may come just after the URL line: wait a moment for them.
        graceTimer = setTimeout(done, 2_000);
      }
      if (url !== null && username !== null && password !== null) done();
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine('stdout'));
    readline.createInterface({ input: child.stderr }).on('line', onLine('stderr'));

    child.once('error', (err) => fail(`could not start balai: ${err.message}`));
    exited.then(({ code, signal }) => {
      if (url === null) fail(`balai exited before it was ready (code ${code}, signal ${signal})`);
    });
  });

  try {
    await started;
  } catch (err) {
    await stop();
    throw err;
  }

  return { url, username, password, dir, process: child, output, stop };
}

/**
 * Launches Debian's chromium (headless) through playwright-core. No browser is ever downloaded.
 * @param {import('playwright-core').LaunchOptions} [options] merged into the defaults
 */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/**
 * Logs in through the /masuk form and waits for the navigation that follows.
 * @param {import('playwright-core').Page} page
 */
export async function login(page, url, username, password) {
  await page.goto(`${url}/masuk`);
  const form = page.locator('form').filter({ has: page.locator('input[name="password"]') });
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    form.locator('button[type="submit"]').click(),
  ]);
  return response;
}

/**
 * The password `balai serve --demo` printed for a staff account ("pengguna kades, kata sandi …").
 */
export function sandiDemo(balai, peran) {
  const m = balai.output().match(new RegExp(`pengguna ${peran}, kata sandi (\\S+)`));
  if (!m) throw new Error(`the demo printed no password for ${peran}`);
  return m[1];
}

/**
 * A new page logged in as a demo staff account (`admin` uses the credentials printed for it),
 * in a context of its own. Dialogs are accepted. When the account must change its password
 * first, it is changed to `<username>-Donorejo-2026`.
 */
export async function masukDemo(browser, balai, peran, { viewport } = {}) {
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  page.on('dialog', (d) => d.accept());
  const [u, s] = peran === 'admin' ? [balai.username, balai.password] : [peran, sandiDemo(balai, peran)];
  await login(page, balai.url, u, s);
  if (page.url().endsWith('/ganti-sandi')) {
    await page.fill('#sandi_lama', s);
    await page.fill('#sandi_baru', `${u}-Donorejo-2026`);
    await page.fill('#sandi_ulang', `${u}-Donorejo-2026`);
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
  }
  return page;
}
