/**
 * Holds under load (issue #17): `npm run bench:holds`. PostgreSQL only (127.0.0.1:5432 or TEST_PG_*;
 * otherwise it says so and stops): a throwaway database, two Strapi processes on it (child
 * processes on 127.0.0.1:1511 and :1512, tests/helpers/serve-strapi.js) and one in this process
 * that only prepares the data and checks the counters. autocannon, 100 connections split across
 * both processes (BENCH_SECONDS each, default 5):
 *   health        GET /_health (Strapi's floor), before and after the holds (mean)
 *   holds         POST /api/ticketing/holds, 1 or 2 unnumbered places, spread over 20 performances
 *   holds_one     the same on one performance (its holds are serial: one row lock)
 *   availability  GET /api/ticketing/performances/:code/availability over the 20 performances
 * then 1,000 concurrent attempts (one place each) on the last 100 places of a performance and 500 on
 * one seat, over both processes; the consistency check at the end. Also the SQL statements of one
 * hold (counted in this process) and the CPU time of the two Strapi processes per hold and per
 * /_health answer (from /proc). Prints progress on stderr and ONE JSON line on stdout; no figure is
 * asserted except that every hold answer is a 201 or a 409 and nothing is oversold.
 * Diagnostics: BENCH_SQL_LOG=1 prints the SQL of two holds; BENCH_PROFILE=<dir> writes a CPU profile of
 * each Strapi process there (.cpuprofile, for Chrome's DevTools).
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './bench-strapi';
import { createDatabase, databaseEnv, dropDatabase, pgConnection } from '../tests/helpers/postgres';
import { type SaleSetup, type ServedStrapi, holdBody, sellablePerformances, serveStrapi } from '../tests/helpers/capacity';
import { createWorld, fullAccessApiToken } from '../tests/helpers/ticketing';

const DIST_DIR = path.join(APP_DIR, '.tmp', 'bench-dist');
const PORTS = [1511, 1512];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 100;
const SPREAD = 20;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function postgresReachable(): Promise<boolean> {
  const { Client } = require('pg');
  const client = new Client({ ...pgConnection(), database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 100 ticks per second). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  } catch {
    return 0;
  }
}

async function main() {
  if (!(await postgresReachable())) {
    const c = pgConnection();
    log(`bench:holds needs PostgreSQL (${c.host}:${c.port}, user ${c.user}); not reachable: skipped.`);
    process.stdout.write(JSON.stringify({ skipped: 'PostgreSQL not reachable' }) + '\n');
    return;
  }
  const began = Date.now();
  const autocannon = require('autocannon');
  const tsUtils = require('@strapi/typescript-utils');
  await tsUtils.compile(APP_DIR, { configOptions: { options: { incremental: true, outDir: DIST_DIR, tsBuildInfoFile: path.join(DIST_DIR, '.tsbuildinfo') } } });
  const database = `ticketing_bench_holds_${process.pid}`;
  await dropDatabase(database);
  await createDatabase(database);
  const env = databaseEnv(database);
  Object.assign(process.env, env, { NODE_ENV: 'test', TICKETING_SEED_DEMO: 'false', STRAPI_TELEMETRY_DISABLED: 'true' });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  strapi.log.level = 'error';
  const served: ServedStrapi[] = [];
  try {
    await strapi.load();
    // The data: 20 performances of 100,000 unnumbered places (+1 alone), one of 1,000 filled up to its last 100.
    const world = await createWorld(strapi);
    const token = await fullAccessApiToken(strapi);
    const big: SaleSetup = await sellablePerformances(strapi, world, { count: SPREAD + 1, standingGauge: 100_000 });
    const spread = big.performances.slice(0, SPREAD).map((p) => p.code);
    const alone = big.performances[SPREAD]!.code;
    const last: SaleSetup = await sellablePerformances(strapi, world, { count: 1, standingGauge: 1000 });
    const lastPerf = last.performances[0]!;
    const holds = strapi.plugin('ticketing').service('holds');
    const capacity = strapi.plugin('ticketing').service('capacity');
    for (let i = 0; i < 9; i++) {
      const r = await holds.hold({ ...holdBody(last, lastPerf.code, { quantity: 100 }), buyer: 'public' }, Date.now(), null, 'fr');
      if (r.status !== 201) throw new Error(`filling: ${JSON.stringify(r.body)}`);
    }
    // SQL statements of one hold (in this process: the same code as the served ones).
    // (After a first hold on each performance: its total-usage row then exists, as in steady state.)
    for (let i = 0; i < SPREAD; i++) await holds.hold({ ...holdBody(big, spread[i]!, { quantity: 1 }), buyer: 'public' }, Date.now(), null, 'fr');
    let statements = 0;
    const logged: string[] = [];
    const count = (q: { sql: string }) => {
      statements++;
      if (process.env.BENCH_SQL_LOG && statements <= 40) logged.push(q.sql);
    };
    strapi.db.connection.on('query', count);
    const SAMPLE = 20;
    for (let i = 0; i < SAMPLE; i++) await holds.hold({ ...holdBody(big, spread[i % SPREAD], { quantity: 1 }), buyer: 'public' }, Date.now(), null, 'fr');
    strapi.db.connection.off('query', count);
    const sqlPerHold = statements / SAMPLE;
    // BENCH_SQL_LOG=1: the statements of the first two holds.
    if (process.env.BENCH_SQL_LOG) log(logged.join('\n'));
    log(`data ready in ${Math.round((Date.now() - began) / 1000)} s; ${sqlPerHold} SQL statements per hold`);

    served.push(
      ...(await Promise.all(
        PORTS.map((port) => serveStrapi({ port, env, distDir: DIST_DIR, nodeArgs: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [] })),
      )),
    );
    const urls = served.map((s) => s.url);
    const pids = served.map((s) => s.child.pid);
    const cpu = (): number => pids.reduce<number>((n, pid) => n + cpuMs(pid), 0);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    type Run = { rps: number; p50: number; p99: number; total: number; cpuMsPerRequest: number; codes: Record<string, number> };
    const load = async (name: string, requests: object[], method = 'GET'): Promise<Run> => {
      const before = cpu();
      const r = await autocannon({ url: urls, connections: CONNECTIONS, duration: SECONDS, method, requests });
      const spent = cpu() - before;
      const codes = Object.fromEntries(Object.entries(r.statusCodeStats as Record<string, { count: number }>).map(([k, v]) => [k, v.count]));
      const run = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, cpuMsPerRequest: spent / Math.max(1, r.requests.total), codes };
      log(
        `${name.padEnd(14)} ${run.rps.toFixed(0).padStart(7)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  cpu ${run.cpuMsPerRequest.toFixed(2)} ms/req  ${JSON.stringify(codes)}  errors ${r.errors} timeouts ${r.timeouts}`,
      );
      return run;
    };
    const holdRequests = (performances: string[]) => {
      let i = 0;
      const at = (n: number) => performances[n % performances.length]!;
      return [
        {
          method: 'POST',
          path: '/api/ticketing/holds',
          headers: auth,
          setupRequest: (req: Record<string, unknown>) => {
            const n = i++;
            return { ...req, body: JSON.stringify(holdBody(big, at(n), { quantity: 1 + (n % 2) })) };
          },
        },
      ];
    };
    let a = 0;
    const availabilityRequests = [
      {
        method: 'GET',
        setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/ticketing/performances/${spread[a++ % SPREAD]}/availability?channel=${big.channel}&audience=${big.audience}` }),
      },
    ];
    // Warm both processes (snapshot, capacity context, JIT).
    await load('warm-up', holdRequests(spread));
    await load('warm-up', [{ method: 'GET', path: '/_health' }]);
    const health1 = await load('health', [{ method: 'GET', path: '/_health' }]);
    const spreadRun = await load('holds', holdRequests(spread));
    const oneRun = await load('holds_one', holdRequests([alone]));
    const availabilityRun = await load('availability', availabilityRequests);
    const health2 = await load('health', [{ method: 'GET', path: '/_health' }]);
    const healthRps = (health1.rps + health2.rps) / 2;
    const refusedOrHeld = (run: Run) => Object.keys(run.codes).every((c) => c === '201' || c === '409');
    if (!refusedOrHeld(spreadRun) || !refusedOrHeld(oneRun)) throw new Error('a hold answered neither 201 nor 409');

    // 1,000 attempts on the last 100 places, 500 on one seat: all at once, over both processes.
    const attempt = (i: number, body: object) => fetch(`${urls[i % urls.length]}/api/ticketing/holds`, { method: 'POST', headers: auth, body: JSON.stringify(body) }).then((r) => r.status);
    const storm = async (n: number, body: object) => {
      const statuses = await Promise.all(Array.from({ length: n }, (_, i) => attempt(i, body)));
      if (statuses.some((s) => s !== 201 && s !== 409)) throw new Error(`storm: answers ${[...new Set(statuses)].join(', ')}`);
      return statuses.filter((s) => s === 201).length;
    };
    const last100 = await storm(1000, holdBody(last, lastPerf.code, { quantity: 1 }));
    const oneSeat = await storm(500, holdBody(last, lastPerf.code, { seats: ['T-r0-s0'] }));
    const total = await capacity
      .knex()('ticketing_capacity_usage')
      .where({ performance_id: lastPerf.documentId, pool: `${last.standing}|` })
      .first();
    const oversold = Math.max(0, Number(total?.used ?? 0) - 1000);
    const differences = await capacity.consistency();
    log(`last 100 places: ${last100} held of 1000 attempts; one seat: ${oneSeat} held of 500; oversold ${oversold}; consistency ${differences.length === 0 ? 'ok' : JSON.stringify(differences)}`);

    const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
    const figures = {
      bench: 'holds',
      database: 'postgres',
      processes: 2,
      connections: CONNECTIONS,
      seconds: SECONDS,
      holds_rps: round(spreadRun.rps),
      holds_p50_ms: spreadRun.p50,
      holds_p99_ms: spreadRun.p99,
      holds_one_performance_rps: round(oneRun.rps),
      holds_one_performance_p99_ms: oneRun.p99,
      health_rps: round(healthRps),
      holds_vs_health: round(spreadRun.rps / healthRps, 3),
      availability_rps: round(availabilityRun.rps),
      availability_vs_health: round(availabilityRun.rps / healthRps, 3),
      sql_per_hold: round(sqlPerHold),
      cpu_ms_per_hold: round(spreadRun.cpuMsPerRequest, 2),
      cpu_ms_per_health: round((health1.cpuMsPerRequest + health2.cpuMsPerRequest) / 2, 3),
      cpu_ms_per_availability: round(availabilityRun.cpuMsPerRequest, 2),
      last100_held: last100,
      oversold,
      one_seat_held: oneSeat,
      consistent: differences.length === 0,
      run_seconds: Math.round((Date.now() - began) / 1000),
    };
    process.stdout.write(JSON.stringify(figures) + '\n');
    if (last100 !== 100 || oneSeat !== 1 || oversold !== 0 || differences.length > 0) process.exitCode = 1;
  } finally {
    for (const s of served) s.child.kill('SIGTERM');
    await Promise.all(served.map((s) => s.exited));
    await strapi.destroy().catch(() => undefined);
    await dropDatabase(database).catch(() => undefined);
  }
}

main().catch((error) => {
  log(error?.stack ?? String(error));
  process.exit(1);
});
