// `npm run test:browser`: every browser suite, one after the other (each starts its own Strapi on
// BROWSER_PORT with BROWSER_DATABASE, default SQLite), their output passed through. The last line
// is the sum, in the form .ci/run reads: {"browser_tests":{"passed":…,"failed":…,"seconds":…,"database":…}}.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITES = ['timeline.browser.mjs', 'operators.browser.mjs', 'forms.browser.mjs', 'seating.browser.mjs', 'tarifs.browser.mjs'];
const started = Date.now();
let passed = 0;
let failed = 0;
let exitCode = 0;

for (const suite of SUITES) {
  const report = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(HERE, suite)], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let found = null;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = line.match(/^\{"browser_tests":\{"passed":(\d+),"failed":(\d+)/);
        if (m) {
          found = { passed: Number(m[1]), failed: Number(m[2]) };
          console.log(`${suite}: ${m[1]} passed, ${m[2]} failed`);
        } else {
          console.log(line);
        }
      }
    });
    child.on('exit', (code) => {
      if (pending) console.log(pending);
      resolve({ ...(found ?? { passed: 0, failed: 1 }), code });
    });
  });
  passed += report.passed;
  failed += report.failed;
  if (report.code !== 0) exitCode = 1;
}

console.log(JSON.stringify({ browser_tests: { passed, failed, seconds: Math.round((Date.now() - started) / 1000), database: process.env.BROWSER_DATABASE ?? 'sqlite' } }));
process.exitCode = exitCode || (failed > 0 ? 1 : 0);
