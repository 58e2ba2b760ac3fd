// Browser benchmark of the seating-plan editor (issue #16, « Speed »), with a 20,000-seat plan made
// by the editor's own generator (one block of 100 rows × 200 seats, French odd/even numbering).
//
// What runs: a real Strapi (`strapi start`, built admin, demo season, throwaway SQLite) and Debian's
// chromium. Nothing is intercepted or faked. Measured from outside the page (the shipped code has no
// benchmark hook): the canvas publishes, on each draw, its view and the number of seats painted as
// attributes (`data-view`, `data-painted-seats`); the bench watches them with a MutationObserver and
// adds one animation frame and a timeout for the paint itself.
//   seating_save_ms_20k: click on « Enregistrer » → the answer of PUT …/physical-configurations/:id
//     (20,000 seats, validated by the server) is received and the page is back to « saved ».
//   seating_first_paint_ms_20k: click on the configuration in « Plans de salle » → the 20,000 seats
//     painted on the canvas (page code, GET of the plan, indexing, first draw). Median of RUNS.
//   seating_select_ms_2k: end of a drag-rectangle over 10 rows × 200 seats in the logical view → the
//     2,000 seats painted as selected. seating_assign_ms_2k: click on a category's « Attribuer » →
//     the 2,000 seats painted in its colour (and the counts, legend and reconciliation updated).
//     Medians of RUNS.
//   website: GET /api/ticketing/performances/:code/seating-plan (autocannon, 50 connections, DURATION
//     seconds) against GET /_health in the same run, requests per second; the route's plan is the
//     20,000-seat one when a running performance can be pointed at it, otherwise the demo hall
//     (said in the JSON line: `seating_api_seats`).
// Last line: {"seating_first_paint_ms_20k": …, "seating_assign_ms_2k": …, "seating_save_ms_20k": …, …}.
// BENCH_PORT (default 1461) the server's port.
import os from 'node:os';
import autocannon from 'autocannon';
import { adminApi, ensureAdminBuild, launchBrowser, loginThroughUi, registerAdmin, startServer } from '../tests/browser/server.mjs';

const RUNS = 5;
const DURATION = Number(process.env.BENCH_SEATING_DURATION ?? 8);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (label, value) => console.log(`${label.padEnd(70)} ${value}`);
const cm = (uid) => `/content-manager/collection-types/plugin::ticketing.${uid}`;

/** In the page: resolves with the time from `start()` to the frame after the next canvas draw matching `done(canvas)`. */
function armDraw({ minSeats }) {
  const state = { started: null, drawn: null, painted: null };
  window.__benchDraw = state;
  const check = () => {
    const canvas = document.querySelector('[data-testid="seating-canvas"]');
    if (state.drawn !== null || state.started === null || !canvas) return;
    if (Number(canvas.getAttribute('data-painted-seats') ?? 0) < minSeats) return;
    state.drawn = performance.now();
    requestAnimationFrame(() => setTimeout(() => (state.painted = performance.now()), 0));
  };
  const observer = new MutationObserver(() => {
    check();
    if (state.drawn !== null) observer.disconnect();
  });
  observer.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-view', 'data-painted-seats'] });
}

async function timed(page, minSeats, action) {
  await page.evaluate(armDraw, { minSeats });
  await action();
  await page.waitForFunction(() => window.__benchDraw?.painted != null, null, { timeout: 120_000, polling: 10 });
  const s = await page.evaluate(() => window.__benchDraw);
  return s.painted - s.started;
}

const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
ensureAdminBuild();
const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 1461), bootTimeoutMs: 600_000 });
let browser;
const line = {};
try {
  const token = await registerAdmin(server.base);
  const api = adminApi(server.base, token);
  const spaces = await api('GET', `${cm('space')}?page=1&pageSize=10`);
  const space = { connect: [{ documentId: spaces.results[0].documentId }] };
  const physical = (await api('POST', cm('physical-configuration'), { code: 'BENCH-20K', name: 'Bench 20 000 places', securityGauge: 30_000, state: 'draft', space })).data;
  if (!physical?.documentId) throw new Error('could not create the physical configuration');
  const launched = await launchBrowser();
  browser = launched.browser;
  const page = launched.page;
  await loginThroughUi(page, server.base);
  const main = page.locator('body');
  const canvas = main.getByTestId('seating-canvas');

  // The plan, made by the generator in the editor, then saved.
  await page.goto(`${server.base}/admin/plugins/ticketing/seating/physical/${physical.documentId}`);
  await canvas.waitFor({ timeout: 120_000 });
  await main.locator('input[name="rows"]').fill('100');
  await main.locator('input[name="seatsPerRow"]').fill('200');
  const generate = await timed(page, 1, async () => {
    await page.evaluate(() => {
      window.__benchDraw.started = performance.now();
      document.querySelector('[data-testid="seating-generate"]').click();
    });
  });
  await main
    .getByTestId('seating-selection-count')
    .filter({ hasText: /20[\s\u202f\u00a0,.]?000/ })
    .waitFor({ timeout: 60_000 });
  const answered = page.waitForResponse((r) => r.url().includes(`/physical-configurations/${physical.documentId}`) && r.request().method() === 'PUT', { timeout: 120_000 });
  const saveStarted = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector('[data-testid="seating-save"]').click();
    return t;
  });
  const answer = await answered;
  if (answer.status() !== 200) throw new Error(`save: ${answer.status()} ${(await answer.text()).slice(0, 300)}`);
  await main.locator('[data-testid="seating-save"][disabled], [data-testid="seating-save"][aria-disabled="true"]').waitFor({ timeout: 120_000 });
  const saveMs = (await page.evaluate(() => performance.now())) - saveStarted;
  const saved = await api('GET', `/ticketing/seating/physical-configurations/${physical.documentId}`);
  const seats = saved.data.plan.blocks.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.seats.length, 0), 0);
  if (seats !== 20_000) throw new Error(`saved plan has ${seats} seats`);

  // First paint from the list, RUNS times.
  const paints = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${server.base}/admin/plugins/ticketing/seating`);
    const link = main.getByTestId('seating-list-physical').locator('[data-code="BENCH-20K"]').getByTestId('seating-open');
    await link.waitFor({ timeout: 120_000 });
    paints.push(
      await timed(page, 20_000, async () => {
        await page.evaluate(() => {
          window.__benchDraw.started = performance.now();
          document.querySelector('[data-testid="seating-list-physical"] [data-code="BENCH-20K"] [data-testid="seating-open"]').click();
        });
      }),
    );
  }

  // Where the last first paint went: the GET of the plan (Resource Timing).
  const net = await page.evaluate(() => {
    const e = performance
      .getEntriesByType('resource')
      .filter((r) => r.name.includes('/seating/physical-configurations/'))
      .pop();
    return e ? { ttfb: e.responseStart - e.requestStart, download: e.responseEnd - e.responseStart, bytes: e.transferSize, decoded: e.decodedBodySize } : null;
  });

  // The logical view: rectangle-select 2,000 seats and assign a category, RUNS times.
  const validated = await api('POST', `/ticketing/physical-configurations/${physical.documentId}/transitions`, { action: 'validate' });
  if (validated.error) throw new Error(`validate physical: ${JSON.stringify(validated.error).slice(0, 300)}`);
  const seasons = await api('GET', `${cm('season')}?page=1&pageSize=10`);
  // The season's organisation (the configuration's must be the same).
  const orgs = await api('GET', `/content-manager/relations/plugin::ticketing.season/${seasons.results[0].documentId}/organization`);
  const logical = (
    await api('POST', cm('logical-configuration'), {
      code: 'BENCH-20K-L',
      name: 'Bench 20 000 places — saison',
      securityGauge: 30_000,
      state: 'draft',
      organization: { connect: [{ documentId: orgs.results[0].documentId }] },
      season: { connect: [{ documentId: seasons.results[0].documentId }] },
      physicalConfiguration: { connect: [{ documentId: physical.documentId }] },
    })
  ).data;
  if (!logical?.documentId) throw new Error('could not create the logical configuration');
  await page.goto(`${server.base}/admin/plugins/ticketing/seating/logical/${logical.documentId}`);
  await canvas.waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="seating-canvas"]')?.getAttribute('data-painted-seats')) >= 20_000, null, { timeout: 120_000 });
  const block = saved.data.plan.blocks[0];
  const rowY = (r) => block.y + block.rows[r].seats[0].y;
  const xs = block.rows[0].seats.map((s) => block.x + s.x);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const legendButtons = main.getByTestId('seating-legend-row').getByTestId('seating-assign');
  const categories = await legendButtons.count();
  const selects = [];
  const assigns = [];
  for (let run = 0; run < RUNS; run++) {
    const box = await canvas.boundingBox();
    const view = JSON.parse(await canvas.getAttribute('data-view'));
    const at = (x, y) => [box.x + view.tx + x * view.scale, box.y + view.ty + y * view.scale];
    const [x0, y0] = at(minX - 25, rowY(run * 10) - 25);
    const [x1, y1] = at(maxX + 25, rowY(run * 10 + 9) + 25);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 4 });
    selects.push(
      await timed(page, 1, async () => {
        await page.evaluate(() => {
          const c = document.querySelector('[data-testid="seating-canvas"]');
          c.addEventListener('pointerup', () => (window.__benchDraw.started = performance.now()), { capture: true, once: true });
        });
        await page.mouse.up();
      }),
    );
    const count = await main.getByTestId('seating-selection-count').innerText();
    if (!/2[\s\u202f\u00a0,.]?000/.test(count)) throw new Error(`selected: ${count}`);
    assigns.push(
      await timed(page, 1, async () => {
        await page.evaluate(
          (k) => {
            window.__benchDraw.started = performance.now();
            document.querySelectorAll('[data-testid="seating-legend-row"] [data-testid="seating-assign"]')[k].click();
          },
          run % Math.max(categories, 1),
        );
      }),
    );
  }
  const assigned = await main.getByTestId('seating-legend-count').allInnerTexts();

  // The website's seating-plan route against /_health.
  let apiTarget = null;
  let apiSeats = null;
  const performances = await api('GET', `${cm('performance')}?page=1&pageSize=100`);
  const running = (performances.results ?? []).filter((p) => p.state === 'running');
  // Every seat gets a category (the rest in the first one) so that the configuration may be validated.
  {
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 4 });
    await page.mouse.up();
    const all = await page.evaluate(() => document.querySelector('[data-testid="seating-uncategorised"]')?.textContent);
    await page.evaluate(() => document.querySelectorAll('[data-testid="seating-legend-row"] [data-testid="seating-assign"]')[0].click());
    await main.getByTestId('seating-uncategorised').filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    const put = page.waitForResponse((r) => r.url().includes(`/logical-configurations/${logical.documentId}`) && r.request().method() === 'PUT', { timeout: 120_000 });
    await main.getByTestId('seating-save').click();
    if ((await put).status() !== 200) console.log(`logical save: ${(await put).status()} (uncategorised before: ${all})`);
  }
  const lv = await api('POST', `/ticketing/logical-configurations/${logical.documentId}/transitions`, { action: 'validate' });
  if (lv.error) console.log(`logical validate: ${JSON.stringify(lv.error).slice(0, 300)}`);
  if (!lv.error && running.length) {
    const target = running[running.length - 1];
    const put = await api('PUT', `${cm('performance')}/${target.documentId}`, { logicalConfiguration: { connect: [{ documentId: logical.documentId }] } });
    if (!put.error) apiTarget = target.code;
    else console.log(`performance ${target.code} not pointed at the 20,000-seat configuration: ${JSON.stringify(put.error).slice(0, 300)}`);
  }
  if (!apiTarget && running.length) apiTarget = running[0].code;
  let health = null;
  let route = null;
  if (apiTarget) {
    const first = await fetch(`${server.base}/api/ticketing/performances/${encodeURIComponent(apiTarget)}/seating-plan`);
    const body = await first.json();
    if (first.ok) {
      apiSeats = JSON.stringify(body).match(/"id":/g)?.length ?? null;
      const seatsIn = (b) => (Array.isArray(b?.data?.seats) ? b.data.seats.length : null);
      apiSeats = seatsIn(body) ?? apiSeats;
      const run = async (url) => {
        const r = await autocannon({ url, connections: 50, duration: DURATION });
        return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
      };
      health = await run(`${server.base}/_health`);
      route = await run(`${server.base}/api/ticketing/performances/${encodeURIComponent(apiTarget)}/seating-plan`);
    } else console.log(`seating-plan route: ${first.status} ${JSON.stringify(body).slice(0, 300)}`);
  }

  row('generate 100 × 200 seats in the editor → painted', `${generate.toFixed(0)} ms`);
  row('SAVE: click → PUT of 20,000 seats answered, page saved', `${saveMs.toFixed(0)} ms`);
  row(`FIRST PAINT: click in the list → 20,000 seats painted (median of ${RUNS})`, `${median(paints).toFixed(0)} ms  [${paints.map((p) => p.toFixed(0)).join(', ')}]`);
  if (net) row('  of which GET of the plan: waiting for the first byte / download (bytes sent, JSON)', `${net.ttfb.toFixed(0)} / ${net.download.toFixed(0)} ms (${net.bytes} B, ${net.decoded} B)`);
  row(`select 2,000 seats by rectangle → painted (median of ${RUNS})`, `${median(selects).toFixed(0)} ms  [${selects.map((p) => p.toFixed(0)).join(', ')}]`);
  row(`ASSIGN a category to them → painted (median of ${RUNS})`, `${median(assigns).toFixed(0)} ms  [${assigns.map((p) => p.toFixed(0)).join(', ')}]`);
  row('legend counts after the runs', assigned.join(' / '));
  if (route) {
    row(`GET /_health req/s`, health.rps.toFixed(0));
    row(`GET /api/ticketing/performances/${apiTarget}/seating-plan req/s (p99)`, `${route.rps.toFixed(0)} (${route.p99} ms), ${apiSeats} seats, non-2xx ${route.non2xx}`);
  } else row('website seating-plan route', 'not measured (no running performance answering it)');
  Object.assign(line, {
    seating_first_paint_ms_20k: Math.round(median(paints)),
    seating_select_ms_2k: Math.round(median(selects)),
    seating_assign_ms_2k: Math.round(median(assigns)),
    seating_save_ms_20k: Math.round(saveMs),
    seating_generate_ms_20k: Math.round(generate),
    ...(route
      ? {
          seating_api_rps: Math.round(route.rps),
          health_rps: Math.round(health.rps),
          seating_api_vs_health: Math.round((route.rps / health.rps) * 100) / 100,
          seating_api_p99_ms: route.p99,
          seating_api_seats: apiSeats,
        }
      : { seating_api_rps: null }),
    cpus: os.cpus().length,
    load_before: load,
  });
} finally {
  await browser?.close();
  await server.stop();
}
console.log(JSON.stringify(line));
