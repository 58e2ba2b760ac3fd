// Starts a real Strapi (built admin, demo season, throwaway SQLite file or, with
// BROWSER_DATABASE=postgres, a throwaway PostgreSQL database) and a headless Debian chromium.
// Used by the spec files (through harness.mjs), the benches (bench/*.mjs) and any plain-script suite.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import postgres from '../helpers/postgres.js';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** `sqlite` (default) or `postgres` (127.0.0.1:5432 as the jest harness: TEST_PG_* override). */
export const DATABASE = process.env.BROWSER_DATABASE ?? 'sqlite';
/** A PostgreSQL run keeps its screenshots apart, so that both runs' can be compared. */
export const SCREENSHOTS = path.join(APP_DIR, 'test-results/screenshots', DATABASE === 'sqlite' ? '' : DATABASE);
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

export async function startServer({ port = Number(process.env.BROWSER_PORT ?? 1447), bootTimeoutMs = Number(process.env.BROWSER_BOOT_TIMEOUT_MS ?? 180_000) } = {}) {
  if (port < 1440 || port > 1599) throw new Error('use a port in 1440–1599');
  fs.mkdirSync(path.join(APP_DIR, '.tmp'), { recursive: true });
  let databaseEnv;
  let dropDatabase;
  if (DATABASE === 'postgres') {
    // One database per port: two runs on different ports never share it; a run killed before its
    // cleanup leaves it behind, and the next run on that port starts by dropping it.
    const name = `ticketing_browser_${port}`;
    await postgres.dropDatabase(name);
    await postgres.createDatabase(name);
    databaseEnv = postgres.databaseEnv(name);
    dropDatabase = () => postgres.dropDatabase(name);
  } else if (DATABASE === 'sqlite') {
    const db = path.join(APP_DIR, '.tmp', `browser-${process.pid}-${Date.now()}.db`);
    databaseEnv = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: db };
    dropDatabase = async () => {
      for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    };
  } else {
    throw new Error(`BROWSER_DATABASE: sqlite or postgres, not ${DATABASE}`);
  }
  const logFile = `.tmp/browser-strapi-${DATABASE}-${port}.log`;
  const log = fs.createWriteStream(path.join(APP_DIR, logFile));
  const child = spawn(path.join(APP_DIR, 'node_modules/.bin/strapi'), ['start'], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ...databaseEnv, TICKETING_SEED_DEMO: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    await dropDatabase();
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + bootTimeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`strapi exited (${child.exitCode}); see ${logFile}`);
      try {
        const res = await fetch(`${base}/_health`);
        if (res.status === 204 || res.ok) break;
      } catch {
        // not listening yet: retry until the deadline
      }
      if (Date.now() > deadline) throw new Error(`strapi did not start in ${bootTimeoutMs / 1000} s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop, database: DATABASE };
}

/** The first administrator through POST /admin/register-admin (an empty database has none). */
export async function registerAdmin(base) {
  const res = await fetch(`${base}/admin/register-admin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (!res.ok) throw new Error(`register-admin: ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

/** JSON calls to the server as that administrator (`token` from registerAdmin): `api('GET', '/admin/roles')`. */
export function adminApi(base, token) {
  return async (method, p, body) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.json();
  };
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
