#!/usr/bin/env node
/**
 * `npm run capacity:check`: the capacity consistency check (issue #17) on the application's
 * configured database (DATABASE_* as usual): every usage counter equals the sum of the live hold
 * lines of its pool, and every held seat has a live hold. Boots the app's Strapi without serving
 * HTTP (the app compiled into .tmp/capacity-check-dist, never dist/; the plugin must be built:
 * `npm run build:plugin`), prints one JSON answer on stdout and exits
 * 0 consistent, 1 inconsistent, 2 error. The demo season is never seeded by this command.
 * `--performance <documentId>` checks one performance only.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(appDir, '.tmp', 'capacity-check-dist');

const args = process.argv.slice(2);
const at = args.indexOf('--performance');
const performance = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !performance) {
  process.stdout.write(JSON.stringify({ error: '--performance needs a documentId' }) + '\n');
  process.exit(2);
}

let strapi;
try {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // A check reads; it never loads the demo season into an empty database.
  process.env.TICKETING_SEED_DEMO = 'false';
  if (!fs.existsSync(path.join(appDir, 'src', 'plugins', 'ticketing', 'dist', 'server'))) throw new Error('the plugin is not built: run `npm run build:plugin` first');
  const tsUtils = require('@strapi/typescript-utils');
  await tsUtils.compile(appDir, {
    configOptions: { options: { incremental: true, outDir: distDir, tsBuildInfoFile: path.join(distDir, '.tsbuildinfo') } },
  });
  const { createStrapi } = require('@strapi/strapi');
  strapi = createStrapi({ appDir, distDir });
  strapi.log.level = 'error';
  await strapi.load();
  const capacity = strapi.plugin('ticketing').service('capacity');
  const counted = performance ? [performance] : await capacity.countedPerformances();
  const differences = await capacity.consistency(performance ? { performance } : {});
  const answer = { consistent: differences.length === 0, database: strapi.db.dialect.client, performances: counted.length, differences };
  process.stdout.write(JSON.stringify(answer) + '\n');
  await strapi.destroy();
  process.exit(answer.consistent ? 0 : 1);
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.message ?? error) }) + '\n');
  try {
    await strapi?.destroy();
  } catch {
    // already failing
  }
  process.exit(2);
}
