/**
 * HTTP benchmark of the website API: `npm run bench:http`.
 *
 * The parent process compiles the app, starts a child process that boots Strapi on a throwaway
 * SQLite file with the demo season enlarged to ≥ 2,000 running performances, then loads it with
 * autocannon (50 connections, 10 s per scenario) from the parent, so that the load generator
 * does not share Strapi's event loop. Scenarios, in one run:
 *   health  GET /_health                                  (Strapi's floor)
 *   onsale  GET /api/ticketing/on-sale?…                  (the website API: sales snapshot + engine)
 *   naive   GET /bench/naive-on-sale?…                    (same listing, no snapshot: performances through
 *           the document service with populate, the configuration reloaded and compiled, every
 *           performance asked one by one; a throwaway route registered only by this bench)
 * Prints a table, then, as the very last line, one JSON object.
 *
 * Diagnostics: BENCH_PROFILE=<file.cpuprofile> writes a CPU profile of the Strapi process from
 * READY to the end (open it in Chrome's DevTools); BENCH_SQL_LOG=1 prints every SQL statement
 * the Strapi process runs (to count the queries of one request).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '..');
const DIST_DIR = path.join(APP_DIR, '.tmp', 'bench-dist');
const PORT = Number(process.env.BENCH_PORT ?? 1402);
const PERFORMANCES = Number(process.env.BENCH_PERFORMANCES ?? 2000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const QUERY = 'channel=WEB&audience=OCC-PLEIN&at=2027-10-01T10:00:00Z&pageSize=25';

// ---------------------------------------------------------------------------------------
// Child: Strapi with the enlarged season and the throwaway naive route.

async function serve() {
  const { createStrapi } = require('@strapi/strapi');
  const { compileSnapshot, performanceStatus } = require('../src/plugins/ticketing/server/src/domain');
  const filename = path.join(APP_DIR, '.tmp', `bench-${process.pid}.db`);
  const removeDb = () => {
    for (const f of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(f, { force: true });
  };
  removeDb();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: filename,
    TICKETING_SEED_DEMO: 'true',
    STRAPI_TELEMETRY_DISABLED: 'true',
    HOST: '127.0.0.1',
    PORT: String(PORT),
  });
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  strapi.log.level = 'error';
  await strapi.load();

  // Enlarge the demo season: running performances spread over the season's running events.
  const PERF = 'plugin::ticketing.performance';
  const events = await strapi.db.query('plugin::ticketing.event').findMany({ where: { state: 'running' } });
  const start = Date.parse('2027-10-01T18:00:00Z');
  const randomId = () => Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  await strapi.db.transaction(async () => {
    for (let i = 0; i < PERFORMANCES; i++) {
      const event = events[i % events.length];
      const startsAt = start + (Math.floor(i / events.length) * 86_400_000) / 4 + (i % 7) * 3_600_000;
      await strapi.db.query(PERF).create({
        data: { documentId: randomId(), code: `BENCH-${event.code}-${i}`, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 2 * 3_600_000), state: 'running', event: event.id },
      });
    }
  });
  await strapi.plugin('ticketing').service('config-version').bump();
  const total = await strapi.db.query(PERF).count();

  // The naive route: no snapshot, everything from the database at every request.
  strapi.server.router.get('/bench/naive-on-sale', async (ctx: any) => {
    const q = ctx.query;
    const config = await strapi.plugin('ticketing').service('configuration').load();
    const snapshot = compileSnapshot(config);
    const performances = await strapi.documents(PERF).findMany({
      filters: { state: 'running' },
      populate: { event: { populate: { season: true, calendarAssignments: { populate: ['salesCalendar', 'salesChannels'] } } } },
      sort: ['startsAt:asc'],
      limit: 100_000,
    });
    const channelId = config.salesChannels.find((c: any) => c.code === q.channel).id;
    const audienceSubcategoryId = config.audienceSubcategories.find((s: any) => s.code === q.audience).id;
    // The engine's order: startsAt, then documentId.
    performances.sort((a: any, b: any) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
    const onSale = performances.filter((p: any) => performanceStatus(snapshot, { performanceId: p.documentId, channelId, audienceSubcategoryId, at: q.at }).status === 'ON_SALE');
    const pageSize = Number(q.pageSize ?? 25);
    ctx.body = {
      data: onSale.slice(0, pageSize).map((p: any) => ({
        performance: { documentId: p.documentId, code: p.code, startsAt: p.startsAt, endsAt: p.endsAt },
        event: { documentId: p.event.documentId, code: p.event.code, name: p.event.name, kind: p.event.kind, venueName: p.event.venueName },
      })),
      meta: { pagination: { total: onSale.length } },
    };
  });

  if (process.env.BENCH_SQL_LOG) strapi.db.connection.on('query', (q: any) => process.stderr.write(`SQL ${q.sql.slice(0, 160)}\n`));
  await strapi.listen();
  let session: any = null;
  if (process.env.BENCH_PROFILE) {
    const inspector = require('inspector');
    session = new inspector.Session();
    session.connect();
    await new Promise((r) => session.post('Profiler.enable', () => session.post('Profiler.start', r)));
  }
  process.stdout.write(`READY ${total}\n`);
  const stop = async () => {
    if (session) {
      await new Promise((resolve) =>
        session.post('Profiler.stop', (_error: unknown, result: { profile: unknown }) => {
          fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(result.profile));
          resolve(null);
        }),
      );
    }
    await strapi.destroy();
    removeDb();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---------------------------------------------------------------------------------------
// Parent: compile, start the child, load it.

async function main() {
  const autocannon = require('autocannon');
  const tsUtils = require('@strapi/typescript-utils');
  const began = Date.now();
  await tsUtils.compile(APP_DIR, {
    configOptions: { options: { incremental: true, outDir: DIST_DIR, tsBuildInfoFile: path.join(DIST_DIR, '.tsbuildinfo') } },
  });
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], { cwd: APP_DIR, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const performances = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/READY (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`Strapi exited (${code})`)));
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    // Sanity: the two listings agree on the first page, and the API answers 200.
    const [api, naive] = await Promise.all([`${base}/api/ticketing/on-sale?${QUERY}`, `${base}/bench/naive-on-sale?${QUERY}`].map((u) => fetch(u).then((r) => r.json() as any)));
    const codes = (b: any) => b.data.map((i: any) => i.performance.code).join(',');
    if (codes(api) !== codes(naive) || api.meta.pagination.total !== naive.meta.pagination.total)
      throw new Error(`the website API and the naive listing disagree:\n${codes(api)} (${api.meta.pagination.total})\n${codes(naive)} (${naive.meta.pagination.total})`);
    console.log(`Strapi on SQLite, ${performances} performances; listing: ${api.meta.pagination.total} on sale (page of ${api.data.length})`);

    const run = async (name: string, url: string) => {
      const r = await autocannon({ url, connections: 50, duration: DURATION });
      if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
      // Errors are timeouts (10 s): only the naive route, under 50 connections, gets them; they count as not served.
      return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, timeouts: r.errors + r.timeouts };
    };
    const results = [await run('health', `${base}/_health`), await run('onsale', `${base}/api/ticketing/on-sale?${QUERY}`), await run('naive', `${base}/bench/naive-on-sale?${QUERY}`)];
    console.log('\nscenario   req/s     p50 ms   p99 ms   requests  timeouts');
    for (const r of results)
      console.log(`${r.name.padEnd(9)} ${r.rps.toFixed(1).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.requests).padStart(10)} ${String(r.timeouts).padStart(9)}`);
    const [health, onsale, naiveResult] = results;
    console.log(
      `\ntargets: onsale ≥ 50% of health: ${onsale.rps >= 0.5 * health.rps}; onsale p99 < 50 ms: ${onsale.p99 < 50}; onsale ≥ 10× naive: ${onsale.rps >= 10 * naiveResult.rps}; total ${((Date.now() - began) / 1000).toFixed(0)} s`,
    );
    console.log(
      JSON.stringify({
        performances,
        onsale_rps: Math.round(onsale.rps),
        onsale_p99_ms: onsale.p99,
        health_rps: Math.round(health.rps),
        naive_rps: Math.round(naiveResult.rps * 10) / 10,
      }),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
