// `npm run test:browser [name…]`: the browser tests, `playwright test` on the spec files
// tests/browser/*.spec.mjs (playwright.config.mjs). Names given on the command line keep only the
// files whose name contains one of them (`npm run test:browser -- timeline`). The output is passed
// through; the last line is the sum, in the form .ci/run reads:
// {"browser_tests":{"passed":…,"failed":…,"seconds":…,"database":…}}.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP_DIR = path.resolve(HERE, '../..');
const wanted = process.argv.slice(2);
const chosen = (suffix) =>
  fs
    .readdirSync(HERE)
    .filter((f) => f.endsWith(suffix) && (wanted.length === 0 || wanted.some((w) => f.includes(w))))
    .sort();
const specs = chosen('.spec.mjs');
const started = Date.now();
let passed = 0;
let failed = 0;
let exitCode = 0;

/** Runs a command, its output passed through except its {"browser_tests":…} line, which is returned. */
function runPart(label, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: APP_DIR, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let found = null;
    let pending = '';
    const take = (line) => {
      const m = line.match(/^\{"browser_tests":\{"passed":(\d+),"failed":(\d+)/);
      if (m) {
        found = { passed: Number(m[1]), failed: Number(m[2]) };
        console.log(`${label}: ${m[1]} passed, ${m[2]} failed`);
      } else {
        console.log(line);
      }
    };
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach(take);
    });
    child.on('exit', (code) => {
      if (pending) take(pending);
      resolve({ ...(found ?? { passed: 0, failed: 1 }), code });
    });
  });
}

const parts = [];
if (specs.length > 0) {
  parts.push(['playwright', path.join(APP_DIR, 'node_modules/.bin/playwright'), ['test', '--config', path.join(APP_DIR, 'playwright.config.mjs'), ...specs.map((f) => path.join(HERE, f))]]);
}
if (parts.length === 0) {
  console.error(`no browser test matches ${wanted.join(', ')}`);
  failed = 1;
}

for (const [label, command, args] of parts) {
  const report = await runPart(label, command, args);
  passed += report.passed;
  failed += report.failed;
  if (report.code !== 0) exitCode = 1;
}

console.log(JSON.stringify({ browser_tests: { passed, failed, seconds: Math.round((Date.now() - started) / 1000), database: process.env.BROWSER_DATABASE ?? 'sqlite' } }));
process.exitCode = exitCode || (failed > 0 ? 1 : 0);
