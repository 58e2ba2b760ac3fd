/**
 * Prices benchmark (issue #18): `npm run bench:prices`.
 *
 * In process (pure pricing core, no Strapi):
 *   quote_us_10_lines  a 10-line basket quoted (lines, ticket fees, order fees, VAT per rate), µs per quote
 *   revenue_ms_10k     maximum gross revenue of a 10,000-performance season (3 categories each), ms
 * Over HTTP (a child Strapi on a throwaway SQLite file with the demo season, autocannon from the parent):
 *   GET /_health and GET /api/ticketing/performances/:code/prices in the same run (target ≥ 50 %).
 * Prints a table, then, as the very last line, one JSON object. BENCH_SKIP_HTTP=1 skips the HTTP part.
 */
import { spawn } from 'child_process';
import path from 'path';
import { APP_DIR, loadBenchStrapi } from './bench-strapi';
import { compilePricing, maximumRevenue, quote, type PricingInput } from '../src/plugins/ticketing/server/src/domain/pricing';

const DIST_DIR = path.join(APP_DIR, '.tmp', 'bench-prices-dist');
const PORT = Number(process.env.BENCH_PORT ?? 1471);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const PRICES_URL = '/api/ticketing/performances/CARMEN-20271012/prices?channel=WEB&audience=OCC-PLEIN&at=2027-07-15T10:00:00Z';

/** A season like the demo's, with `n` performances over 20 events, two price levels, child grids on some performances. */
function season(n: number): PricingInput {
  const seats = ['c1', 'c2', 'c3'];
  const tariffs = ['plein', 'reduit', 'groupe'];
  const cells = (amount: number, level: string | null = null) =>
    seats.flatMap((k, i) => tariffs.map((t, j) => ({ seatCategoryId: k, tariffTypeId: t, priceLevelId: level, amount: amount - i * 1000 - j * 500, vatRateId: 'v55' })));
  const events = Array.from({ length: 20 }, (_, e) => `e${e}`);
  return {
    vatRates: [
      { id: 'v55', code: 'TVA-5-5', family: 'TVA-5-5', rate: 5.5, validFrom: null, validUntil: null },
      { id: 'v20', code: 'TVA-20', family: 'TVA-20', rate: 20, validFrom: null, validUntil: null },
    ],
    grids: [
      { id: 'gs', code: 'S', seasonId: 's', eventId: null, performanceId: null, cells: [...cells(6500), ...cells(8500, 'A')] },
      ...events.map((e, i) => ({ id: `g${e}`, code: `G${e}`, seasonId: 's', eventId: e, performanceId: null, cells: cells(7000 + i * 100) })),
      ...Array.from({ length: Math.floor(n / 100) }, (_, i) => ({ id: `gp${i}`, code: `GP${i}`, seasonId: 's', eventId: null, performanceId: `p${i * 100}`, cells: cells(12000).slice(0, 3) })),
    ],
    performances: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, eventId: events[i % events.length], seasonId: 's', priceLevelId: i % 2 ? 'A' : 'B' })),
    fees: {
      simple: [{ id: 'f1', code: 'LOC', name: 'Location', kind: 'fixed', value: 150, vatRateId: 'v20', salesChannelIds: ['web'], tariffTypeIds: [], validFrom: null, validUntil: null }],
      general: [
        {
          id: 'g1',
          code: 'RESA',
          name: 'Réservation',
          kind: 'percent',
          value: 2.5,
          vatRateId: 'v20',
          salesChannelIds: ['web'],
          feeKind: 'booking',
          paymentMethodId: null,
          deliveryKind: null,
          validFrom: null,
          validUntil: null,
        },
      ],
      delivery: [{ id: 'd1', code: 'POSTE', name: 'Envoi', deliveryMethodId: 'post', per: 'order', amount: 250, vatRateId: 'v20', salesChannelIds: [], validFrom: null, validUntil: null }],
    },
    deliveryMethods: [{ id: 'post', code: 'POSTE', kind: 'post', salesChannelIds: [] }],
    paymentMethods: [{ id: 'cb', code: 'CB', kind: 'card', salesChannelIds: [] }],
  };
}

function inProcess() {
  const at = Date.parse('2027-10-01T10:00:00Z');
  const snapshot = compilePricing(season(10_000));
  const lines = Array.from({ length: 10 }, (_, i) => ({
    performanceId: `p${i * 37}`,
    seatCategoryId: ['c1', 'c2', 'c3'][i % 3],
    tariffTypeId: ['plein', 'reduit', 'groupe'][i % 3],
    quantity: 1 + (i % 4),
  }));
  const input = { channelId: 'web', at, deliveryMethodId: 'post', paymentMethodId: 'cb', lines };
  const check = quote(snapshot, input);
  if (!check.ok) throw new Error(`bench basket refused: ${JSON.stringify(check.problems)}`);
  for (let i = 0; i < 20_000; i++) quote(snapshot, input); // warm-up
  const N = 100_000;
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) quote(snapshot, input);
  const quoteUs = Number(process.hrtime.bigint() - t) / 1000 / N;

  const ids = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
  const sellable = { c1: 800, c2: 1200, c3: 700 };
  const revenue = () => maximumRevenue(snapshot, { performanceIds: ids, sellable: () => sellable, tariffTypeId: () => 'plein', at });
  for (let i = 0; i < 3; i++) revenue();
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) {
    t = process.hrtime.bigint();
    const r = revenue();
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.totals.ht + r.totals.vat !== r.totals.ttc) throw new Error('HT + VAT ≠ TTC');
  }
  runs.sort((a, b) => a - b);
  return { quote_us_10_lines: Math.round(quoteUs * 100) / 100, revenue_ms_10k: Math.round(runs[Math.floor(runs.length / 2)] * 100) / 100 };
}

// ---------------------------------------------------------------------------------------
// Child: Strapi with the demo season.

async function serve() {
  const { strapi, removeDb } = await loadBenchStrapi({ distDir: DIST_DIR, port: PORT, tag: 'prices-' });
  await strapi.listen();
  process.stdout.write('READY\n');
  const stop = async () => {
    await strapi.destroy();
    removeDb();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function overHttp() {
  const autocannon = require('autocannon');
  const tsUtils = require('@strapi/typescript-utils');
  await tsUtils.compile(APP_DIR, { configOptions: { options: { incremental: true, outDir: DIST_DIR, tsBuildInfoFile: path.join(DIST_DIR, '.tsbuildinfo') } } });
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], { cwd: APP_DIR, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('READY')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`Strapi exited (${code})`)));
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const sample = (await fetch(`${base}${PRICES_URL}`).then((r) => r.json())) as { data: { prices: unknown[] } };
    if (!sample.data.prices.length) throw new Error('the prices route answered no price');
    const run = async (name: string, url: string) => {
      const r = await autocannon({ url, connections: 20, duration: DURATION });
      if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
      return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
    };
    return [await run('health', `${base}/_health`), await run('prices', `${base}${PRICES_URL}`)];
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  const core = inProcess();
  console.log(`in process: quote of a 10-line basket ${core.quote_us_10_lines} µs (target ≤ 50); maximum revenue of 10,000 performances ${core.revenue_ms_10k} ms (target ≤ 500)`);
  let http: Record<string, number> = {};
  if (!process.env.BENCH_SKIP_HTTP) {
    const [health, prices] = await overHttp();
    console.log('\nscenario   req/s     p50 ms   p99 ms');
    for (const r of [health, prices]) console.log(`${r.name.padEnd(9)} ${r.rps.toFixed(1).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)}`);
    console.log(`\ntarget: prices ≥ 50% of health: ${prices.rps >= 0.5 * health.rps}`);
    http = { health_rps: Math.round(health.rps), prices_rps: Math.round(prices.rps), prices_p99_ms: prices.p99, prices_vs_health: Math.round((prices.rps / health.rps) * 100) / 100 };
  }
  console.log(JSON.stringify({ ...core, ...http }));
}

(process.argv.includes('--serve') ? serve() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
