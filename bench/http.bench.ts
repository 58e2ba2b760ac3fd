/**
 * HTTP benchmark of the website API: `npm run bench:http`.
 *
 * The parent process compiles the app, starts a child process that boots Strapi on a throwaway
 * SQLite file with the demo season enlarged to 2,000 running performances, loads it with
 * autocannon (50 connections) from the parent, so that the load generator does not share
 * Strapi's event loop; then the child enlarges the season to 10,000 performances and the same
 * scenarios run again (BENCH_SIZES, default "2000,10000"). health and onsale alternate in
 * rounds (BENCH_ROUNDS × BENCH_SECONDS each, medians): a machine busy with something else slows
 * both alike, so their ratio holds. Scenarios:
 *   health  GET /_health                                  (Strapi's floor)
 *   onsale  GET /api/ticketing/on-sale?…                  (the website API: sales snapshot + engine)
 *   static  GET /bench/static-on-sale                     (the on-sale answer's bytes from a bare router route,
 *           registered only by this bench: what sending and reading an answer of that size costs)
 *   naive   GET /bench/naive-on-sale?…                    (same listing, no snapshot: performances through
 *           the document service with populate, the configuration reloaded and compiled, every
 *           performance asked one by one; a throwaway route registered only by this bench)
 * Prints a table, then, as the very last line, one JSON object.
 *
 * Diagnostics: BENCH_PROFILE=<file.cpuprofile> writes a CPU profile of the Strapi process from
 * READY to the end (open it in Chrome's DevTools; BENCH_NAIVE=0 leaves the naive route out of it); BENCH_SQL_LOG=1 prints every SQL statement
 * the Strapi process runs (to count the queries of one request).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { APP_DIR, loadBenchStrapi } from './bench-strapi';

const DIST_DIR = path.join(APP_DIR, '.tmp', 'bench-dist');
const PORT = Number(process.env.BENCH_PORT ?? 1402);
/** Season sizes, ascending (BENCH_PERFORMANCES, the former single size, still works). */
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_PERFORMANCES ?? '2000,10000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NAIVE_SECONDS = 10;
const QUERY = 'channel=WEB&audience=OCC-PLEIN&at=2027-10-01T10:00:00Z&pageSize=25';

// ---------------------------------------------------------------------------------------
// Child: Strapi with the enlarged season and the throwaway naive route.

async function serve() {
  const { compileSnapshot, performanceStatus } = require('../src/plugins/ticketing/server/src/domain');
  const { strapi, removeDb } = await loadBenchStrapi({ distDir: DIST_DIR, port: PORT, tag: '' });

  // Enlarge the demo season: running performances spread over the season's running events, up
  // to `size` in all (called again by the parent, through IPC, for the next size).
  const PERF = 'plugin::ticketing.performance';
  const events = await strapi.db.query('plugin::ticketing.event').findMany({ where: { state: 'running' } });
  const start = Date.parse('2027-10-01T18:00:00Z');
  const randomId = () => Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
  let added = 0;
  const enlarge = async (size: number) => {
    const target = size - (await strapi.db.query(PERF).count()) + added;
    await strapi.db.transaction(async () => {
      for (; added < target; added++) {
        const i = added;
        const event = events[i % events.length];
        const startsAt = start + (Math.floor(i / events.length) * 86_400_000) / 4 + (i % 7) * 3_600_000;
        await strapi.db.query(PERF).create({
          data: { documentId: randomId(), code: `BENCH-${event.code}-${i}`, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 2 * 3_600_000), state: 'running', event: event.id },
        });
      }
    });
    await strapi.plugin('ticketing').service('config-version').bump();
    return strapi.db.query(PERF).count();
  };
  const total = await enlarge(SIZES[0]);

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

  // The bytes of the on-sale answer from a bare router route (no content-API auth, no policies, no
  // engine): what an answer of that size costs to send and read on this machine.
  let staticBody: Buffer | null = null;
  strapi.server.router.get('/bench/static-on-sale', async (ctx: any) => {
    staticBody ??= Buffer.from(await (await fetch(`http://127.0.0.1:${PORT}/api/ticketing/on-sale?${QUERY}`)).arrayBuffer());
    ctx.type = 'application/json';
    ctx.body = staticBody;
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
  process.on('message', async (message: { size?: number }) => {
    if (!message.size) return;
    const total = await enlarge(message.size);
    staticBody = null;
    process.stdout.write(`READY ${total}\n`);
  });
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
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], { cwd: APP_DIR, env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  let waiting: ((n: number) => void) | null = null;
  child.stdout!.on('data', (d) => {
    out += d;
    const m = out.match(/READY (\d+)\n/);
    if (m && waiting) {
      out = out.slice(m.index! + m[0].length);
      waiting(Number(m[1]));
      waiting = null;
    }
  });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`Strapi exited (${code})`))));
  const ready = () => Promise.race([new Promise<number>((resolve) => (waiting = resolve)), exited]);
  const base = `http://127.0.0.1:${PORT}`;

  type Result = { name: string; rps: number; p50: number; p99: number; requests: number; timeouts: number };
  const load = async (name: string, url: string, duration: number): Promise<Result> => {
    const r = await autocannon({ url, connections: 50, duration });
    if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
    // Errors are timeouts (10 s): only the naive route, under 50 connections, gets them; they count as not served.
    return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, timeouts: r.errors + r.timeouts };
  };
  /** Rounds of health then onsale; per scenario the median round (by req/s) and the median p99. */
  const interleaved = async () => {
    const rounds: Record<'health' | 'static' | 'onsale', Result[]> = { health: [], static: [], onsale: [] };
    for (let i = 0; i < ROUNDS; i++) {
      rounds.health.push(await load('health', `${base}/_health`, DURATION));
      rounds.static.push(await load('static', `${base}/bench/static-on-sale`, DURATION));
      rounds.onsale.push(await load('onsale', `${base}/api/ticketing/on-sale?${QUERY}`, DURATION));
    }
    const med = (list: Result[]): Result => {
      const byRps = [...list].sort((a, b) => a.rps - b.rps)[list.length >> 1];
      const p99 = [...list].map((r) => r.p99).sort((a, b) => a - b)[list.length >> 1];
      return { ...byRps, p99, requests: list.reduce((n, r) => n + r.requests, 0) };
    };
    return { health: med(rounds.health), static: med(rounds.static), onsale: med(rounds.onsale) };
  };

  const figures: Record<string, number | boolean> = {};
  const lines: string[] = [];
  try {
    for (const [position, size] of SIZES.entries()) {
      if (position > 0) child.send({ size });
      const performances = await ready();
      // Sanity: the API and the naive listing agree on the first page.
      const [api, naive] = await Promise.all([`${base}/api/ticketing/on-sale?${QUERY}`, `${base}/bench/naive-on-sale?${QUERY}`].map((u) => fetch(u).then((r) => r.json() as any)));
      const codes = (b: any) => b.data.map((i: any) => i.performance.code).join(',');
      if (codes(api) !== codes(naive) || api.meta.pagination.total !== naive.meta.pagination.total)
        throw new Error(`the website API and the naive listing disagree:\n${codes(api)} (${api.meta.pagination.total})\n${codes(naive)} (${naive.meta.pagination.total})`);
      console.log(`Strapi on SQLite, ${performances} performances; listing: ${api.meta.pagination.total} on sale (page of ${api.data.length}); ${ROUNDS} rounds of ${DURATION} s`);
      const { health, static: bare, onsale } = await interleaved();
      // The naive route only at the first size (at 10,000 it mostly times out).
      const naiveResult = position === 0 && process.env.BENCH_NAIVE !== '0' ? await load('naive', `${base}/bench/naive-on-sale?${QUERY}`, NAIVE_SECONDS) : null;
      const suffix = position === 0 ? '' : `_${Math.round(size / 1000)}k`;
      for (const r of [health, bare, onsale, naiveResult])
        if (r)
          lines.push(
            `${`${r.name}${suffix}`.padEnd(12)} ${r.rps.toFixed(1).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.requests).padStart(10)} ${String(r.timeouts).padStart(9)}`,
          );
      Object.assign(figures, {
        [`performances${suffix}`]: performances,
        [`onsale_rps${suffix}`]: Math.round(onsale.rps),
        [`onsale_p99_ms${suffix}`]: onsale.p99,
        [`health_rps${suffix}`]: Math.round(health.rps),
        [`health_p99_ms${suffix}`]: health.p99,
        [`onsale_vs_health${suffix}`]: Math.round((100 * onsale.rps) / health.rps) / 100,
        [`static_rps${suffix}`]: Math.round(bare.rps),
        [`onsale_vs_static${suffix}`]: Math.round((100 * onsale.rps) / bare.rps) / 100,
      });
      if (naiveResult) figures.naive_rps = Math.round(naiveResult.rps * 10) / 10;
    }
    console.log('\nscenario       req/s     p50 ms   p99 ms   requests  timeouts');
    for (const line of lines) console.log(line);
    const last = SIZES.length > 1 ? `_${Math.round(SIZES[SIZES.length - 1] / 1000)}k` : '';
    console.log(
      `\ntargets: onsale ≥ 50% of health: ${Number(figures.onsale_vs_health) >= 0.5}; onsale ≥ 10× naive: ${Number(figures.onsale_rps) >= 10 * Number(figures.naive_rps)}; ` +
        `at ${SIZES[SIZES.length - 1]}: onsale ≥ 90% of health: ${Number(figures[`onsale_vs_health${last}`]) >= 0.9}, p99 ≤ 1.2 × health's: ${Number(figures[`onsale_p99_ms${last}`]) <= 1.2 * Number(figures[`health_p99_ms${last}`])}; ` +
        `total ${((Date.now() - began) / 1000).toFixed(0)} s`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    child.kill('SIGTERM');
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
