// Starts a real Strapi (built admin, demo season, throwaway SQLite) and a headless Debian chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(APP_DIR, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const ADMIN = { email: 'editeur@example.test', password: 'Billetterie-2027', firstname: 'Éva', lastname: 'Éditrice' };

/** The admin build is reused when present (`dist/build/index.html`); BROWSER_REBUILD=1 forces it. */
export function ensureAdminBuild() {
  if (!fs.existsSync(path.join(APP_DIR, 'src/plugins/ticketing/dist/server/index.js')) || process.env.BROWSER_REBUILD === '1') {
    run('npm', ['run', 'build:plugin']);
  }
  if (!fs.existsSync(path.join(APP_DIR, 'dist/build/index.html')) || process.env.BROWSER_REBUILD === '1') run('npx', ['strapi', 'build']);
}

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: APP_DIR, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

export async function startServer({ port = Number(process.env.BROWSER_PORT ?? 1447), bootTimeoutMs = 180_000 } = {}) {
  if (port < 1440 || port > 1460) throw new Error('use a port in 1440–1460');
  const db = path.join(APP_DIR, '.tmp', `browser-${process.pid}-${Date.now()}.db`);
  fs.mkdirSync(path.dirname(db), { recursive: true });
  const log = fs.createWriteStream(path.join(APP_DIR, '.tmp', `browser-strapi-${port}.log`));
  const child = spawn(path.join(APP_DIR, 'node_modules/.bin/strapi'), ['start'], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: db, TICKETING_SEED_DEMO: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + bootTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi exited (${child.exitCode}); see .tmp/browser-strapi-${port}.log`);
    try {
      const res = await fetch(`${base}/_health`);
      if (res.status === 204 || res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`strapi did not start in ${bootTimeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 10_000); child.once('exit', () => { clearTimeout(t); r(); }); });
    }
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  };
  return { base, stop };
}

/** The first administrator through POST /admin/register-admin (an empty database has none). */
export async function registerAdmin(base) {
  const res = await fetch(`${base}/admin/register-admin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!res.ok) throw new Error(`register-admin: ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  return { browser, page };
}

export async function loginThroughUi(page, base) {
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(ADMIN.email);
  await page.locator('input[name="password"]').fill(ADMIN.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
}
