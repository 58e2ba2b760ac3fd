#!/usr/bin/env node
/**
 * `npm run test:host`: the plugin as a Strapi user gets it. Packs the workspace package
 * (`npm pack`, which builds dist through `prepack`), copies the plain Strapi 5 application of
 * scripts/host-app-template/ into a temporary folder, installs its own dependencies, then the
 * tarball in one `npm install`, enables the plugin there the way the README says, builds it
 * (`strapi build`, admin included) and boots it (`strapi start`, NODE_ENV=production, SQLite in the
 * temporary folder). Then it checks, over HTTP:
 *   - a bad option stops the start with a message naming it (TICKETING_TIME_ZONE=Mars/Olympus);
 *   - the admin panel is served;
 *   - an anonymous website route answers (GET /api/ticketing/catalog → 200);
 *   - the first administrator registers and logs in, an admin route answers with the time zone
 *     taken from TICKETING_TIME_ZONE (GET /ticketing/timeline → 200);
 *   - the preset operator roles exist (GET /admin/roles).
 * Everything is stopped and deleted at the end, on failure too. npm uses its cache first
 * (--prefer-offline) and reaches nothing but the npm registry.
 *
 * The template's package-lock.json is kept with it: after a change of its package.json, run
 * `npm install --package-lock-only` in a copy of the folder outside this repository and copy the
 * lockfile back.
 *
 * Environment:
 *   HOST_CHECK_PORT          port of the host app (default: 1509 if free, else any free port)
 *   HOST_CHECK_STRAPI        Strapi version of the host app: the template's (5.54.0) by default,
 *                            `latest` for the newest 5.x the registry serves, or a version
 *   HOST_CHECK_REUSE_DIST=1  pack the dist already built (npm pack --ignore-scripts)
 *   HOST_CHECK_KEEP=1        keep the temporary folder (its path is printed)
 *   HOST_CHECK_TIMEOUT_S     the whole check's limit (default 1800)
 * Last line: {"host_app_check":{"passed":…,"failed":…,"seconds":…,"strapi":…,"package_bytes":…}}
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(ROOT, 'scripts/host-app-template');
const PLUGIN_WORKSPACE = 'strapi-plugin-ticketing';
const TIME_ZONE = 'America/Montreal';
const ADMIN = { email: 'host-check@example.test', password: 'Host-check-2027', firstname: 'Host', lastname: 'Check' };
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketing-host-'));
const app = path.join(work, 'app');
const results = [];
const children = new Set();
let strapiVersion = null;
let packageBytes = null;
let finished = false;

// ---------------------------------------------------------------------------------------------
// Processes: each in its own process group, killed with its children on timeout or on exit.

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Runs a command to its end; rejects on a non-zero exit or after `timeoutS`. Output goes to `log`. */
function run(cmd, args, { cwd = ROOT, env = {}, timeoutS = 600, log } = {}) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'a');
    fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true });
    children.add(child);
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: no end after ${timeoutS} s (see ${log})`));
    }, timeoutS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal} (last lines of ${log}):\n${tail(log, 25)}`));
    });
  });
}

function tail(file, lines) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map((l) => `    ${l}`)
      .join('\n');
  } catch {
    return '    (no log)';
  }
}

/** Stops a running Strapi: SIGTERM, then SIGKILL after 10 s. */
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The logs are kept in .tmp/host-app-check/ of the repository (the temporary folder is deleted). */
const LOGS = path.join(ROOT, '.tmp/host-app-check');

function cleanUp() {
  for (const child of children) killGroup(child, 'SIGKILL');
  fs.rmSync(LOGS, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });
  for (const file of fs.readdirSync(work).filter((f) => f.endsWith('.log'))) fs.copyFileSync(path.join(work, file), path.join(LOGS, file));
  if (process.env.HOST_CHECK_KEEP === '1') console.log(`kept: ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

function report() {
  if (finished) return;
  finished = true;
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(
    JSON.stringify({
      host_app_check: { passed, failed, seconds: Math.round((Date.now() - started) / 1000), strapi: strapiVersion, package_bytes: packageBytes },
    }),
  );
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    results.push({ name: `interrupted (${signal})`, ok: false });
    report();
    process.exit(1);
  });
}
const limitS = Number(process.env.HOST_CHECK_TIMEOUT_S ?? 1800);
setTimeout(() => {
  console.log(`✗ the whole check took more than ${limitS} s: stopped`);
  results.push({ name: 'time limit', ok: false });
  report();
  process.exit(1);
}, limitS * 1000).unref();

// ---------------------------------------------------------------------------------------------
// Steps: each is timed; the first failure stops the check.

async function step(name, fn) {
  const t = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`✗ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)\n  ${String(error?.message ?? error)}`);
    throw error;
  }
}

function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = server.address();
        server.close(() => resolve(got));
      });
    });
  return tryPort(preferred).then((port) => port ?? tryPort(0));
}

async function http(base, method, route, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${route}`, { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (the admin's HTML)
  }
  return { status: res.status, json, text };
}

function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} instead of ${status}: ${res.text.slice(0, 300)}`);
}

/** Starts `strapi start` and resolves once /_health answers; rejects if it exits or after `timeoutS`. */
async function startStrapi(env, log, timeoutS = 240) {
  const out = fs.openSync(log, 'a');
  const child = spawn(path.join(app, 'node_modules/.bin/strapi'), ['start'], { cwd: app, env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true });
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    fs.closeSync(out);
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`strapi start exited (${child.exitCode ?? child.signalCode}) (last lines of ${log}):\n${tail(log, 25)}`);
    try {
      const res = await fetch(`${base}/_health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 204 || res.ok) return { child, base };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`strapi start: no answer on ${base}/_health after ${timeoutS} s (last lines of ${log}):\n${tail(log, 25)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Waits for a process that must stop by itself; kills it after `timeoutS`. */
function exitOf(child, timeoutS) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      resolve('timeout');
    }, timeoutS * 1000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/** The Strapi version of the host app: the template's, `latest` (newest 5.x served) or a given one. */
function targetVersions(template) {
  const wanted = process.env.HOST_CHECK_STRAPI;
  if (!wanted) return null;
  const newest = (name) => {
    const r = spawnSync('npm', ['view', `${name}@^5`, 'version', '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm view ${name}: ${r.stderr}`);
    const versions = [].concat(JSON.parse(r.stdout));
    return versions[versions.length - 1];
  };
  const strapi = wanted === 'latest' ? newest('@strapi/strapi') : wanted;
  // @strapi/plugin-users-permissions is released with @strapi/strapi; the newest one served may lag.
  const usersPermissions = wanted === 'latest' ? newest('@strapi/plugin-users-permissions') : wanted;
  return { ...template.dependencies, '@strapi/strapi': strapi, '@strapi/plugin-users-permissions': usersPermissions };
}

// ---------------------------------------------------------------------------------------------

const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const log = (name) => path.join(work, `${name}.log`);
let tarball;
let server;

try {
  await step('npm pack the plugin workspace (prepack: strapi-plugin build + verify)', async () => {
    const reuse = process.env.HOST_CHECK_REUSE_DIST === '1';
    await run('npm', ['pack', '--workspace', PLUGIN_WORKSPACE, '--pack-destination', work, '--json', ...(reuse ? ['--ignore-scripts'] : [])], { log: log('pack'), timeoutS: 900 });
    const file = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!file) throw new Error(`no tarball in ${work}`);
    tarball = path.join(work, file);
    packageBytes = fs.statSync(tarball).size;
    return `${file}, ${(packageBytes / 1024).toFixed(1)} kB${reuse ? ' (dist reused)' : ''}`;
  });

  await step('a plain Strapi 5 app from scripts/host-app-template, its own dependencies installed', async () => {
    fs.cpSync(TEMPLATE, app, { recursive: true });
    const pkgFile = path.join(app, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const bumped = targetVersions(pkg);
    if (bumped) {
      // Another Strapi version: the template's lockfile does not apply.
      pkg.dependencies = bumped;
      fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
      fs.rmSync(path.join(app, 'package-lock.json'), { force: true });
    }
    strapiVersion = pkg.dependencies['@strapi/strapi'];
    // An existing application has its lockfile: `npm ci` (no resolution, about two minutes less).
    await run('npm', [bumped ? 'install' : 'ci', ...npmFlags], { cwd: app, log: log('install'), timeoutS: 900 });
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/@strapi/strapi/package.json'), 'utf8')).version;
    strapiVersion = installed;
    return `@strapi/strapi ${installed}`;
  });

  await step('npm install <the tarball> (the one command of the README)', async () => {
    await run('npm', ['install', ...npmFlags, tarball], { cwd: app, log: log('install-plugin'), timeoutS: 600 });
    const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/strapi-plugin-ticketing/package.json'), 'utf8'));
    if (fs.existsSync(path.join(app, 'node_modules/strapi-plugin-ticketing/node_modules/@strapi'))) {
      throw new Error('a nested node_modules/@strapi in the plugin: its peer ranges do not accept the host’s Strapi');
    }
    return `strapi-plugin-ticketing ${installed.version}`;
  });

  const secret = () => crypto.randomBytes(16).toString('base64');
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    STRAPI_TELEMETRY_DISABLED: 'true',
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    ENCRYPTION_KEY: secret(),
    JWT_SECRET: secret(),
    DATABASE_FILENAME: path.join(work, 'data.db'),
    TICKETING_TIME_ZONE: TIME_ZONE,
  };

  await step('strapi build (server and admin panel with the plugin)', async () => {
    await run(path.join(app, 'node_modules/.bin/strapi'), ['build'], { cwd: app, env: { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' }, log: log('build'), timeoutS: 900 });
    if (!fs.existsSync(path.join(app, 'dist/build/index.html'))) throw new Error('no dist/build/index.html');
  });

  const port = await freePort(Number(process.env.HOST_CHECK_PORT ?? 1509));
  env.PORT = String(port);

  await step('a bad option stops the start and is named (TICKETING_TIME_ZONE=Mars/Olympus)', async () => {
    const badLog = log('start-bad-option');
    const out = fs.openSync(badLog, 'a');
    const child = spawn(path.join(app, 'node_modules/.bin/strapi'), ['start'], {
      cwd: app,
      env: { ...process.env, ...env, TICKETING_TIME_ZONE: 'Mars/Olympus' },
      stdio: ['ignore', out, out],
      detached: true,
    });
    children.add(child);
    const code = await exitOf(child, 180);
    children.delete(child);
    fs.closeSync(out);
    const output = fs.readFileSync(badLog, 'utf8');
    if (code === 0 || code === 'timeout') throw new Error(`strapi start did not refuse the option (exit ${code}):\n${tail(badLog, 15)}`);
    if (!output.includes('environment variable TICKETING_TIME_ZONE (option "timeZone"): "Mars/Olympus" is not an IANA time zone name'))
      throw new Error(`the refusal does not name the option:\n${tail(badLog, 15)}`);
    // eslint-disable-next-line no-control-regex -- Strapi's log colours
    const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
    return plain
      .split('\n')
      .find((l) => l.includes('Mars/Olympus'))
      ?.replace(/^\[[^\]]*\]\s*/, '')
      .trim()
      .slice(0, 200);
  });

  await step(`strapi start (NODE_ENV=production, SQLite, port ${port})`, async () => {
    server = await startStrapi(env, log('start'));
  });
  const { base } = server;

  await step('the admin panel is served (GET /admin)', async () => {
    const res = await http(base, 'GET', '/admin');
    expectStatus(res, 200, 'GET /admin');
    if (!res.text.includes('<div id="strapi"')) throw new Error('GET /admin: not the admin panel');
  });

  await step('website route, anonymous (GET /api/ticketing/catalog)', async () => {
    const res = await http(base, 'GET', '/api/ticketing/catalog');
    expectStatus(res, 200, 'GET /api/ticketing/catalog');
    if (!res.json || !('data' in res.json)) throw new Error(`GET /api/ticketing/catalog: no data: ${res.text.slice(0, 200)}`);
    return `200, ${res.text.length} bytes`;
  });

  let token;
  await step('first administrator: POST /admin/register-admin, then POST /admin/login', async () => {
    const registered = await http(base, 'POST', '/admin/register-admin', { body: ADMIN });
    expectStatus(registered, 200, 'POST /admin/register-admin');
    const login = await http(base, 'POST', '/admin/login', { body: { email: ADMIN.email, password: ADMIN.password } });
    expectStatus(login, 200, 'POST /admin/login');
    token = login.json?.data?.token;
    if (!token) throw new Error('POST /admin/login: no token');
  });

  await step('admin route with the admin JWT (GET /ticketing/timeline), time zone from TICKETING_TIME_ZONE', async () => {
    const anonymous = await http(base, 'GET', '/ticketing/timeline');
    expectStatus(anonymous, 401, 'GET /ticketing/timeline without a token');
    const res = await http(base, 'GET', '/ticketing/timeline', { token });
    expectStatus(res, 200, 'GET /ticketing/timeline');
    const zone = res.json?.data?.timeZone ?? res.json?.timeZone;
    if (zone !== TIME_ZONE) throw new Error(`GET /ticketing/timeline: time zone ${JSON.stringify(zone)} instead of ${TIME_ZONE}`);
    return `200, timeZone ${zone}`;
  });

  await step('the preset operator roles exist (GET /admin/roles)', async () => {
    const res = await http(base, 'GET', '/admin/roles', { token });
    expectStatus(res, 200, 'GET /admin/roles');
    const names = (res.json?.data ?? []).map((r) => r.name);
    const presets = names.filter((n) => /Programmateur|Administrateur billetterie/.test(n));
    if (presets.length < 2) throw new Error(`no preset roles among ${names.join(', ')}`);
    return `${names.length} roles`;
  });

  await step('strapi stops', async () => {
    await stop(server.child);
  });
} catch {
  // reported by its step
} finally {
  if (server) await stop(server.child);
  console.log(`logs: ${path.relative(ROOT, LOGS)}/`);
  report();
}
