// Browser benchmark: time to first render of the sales timeline with 2,000 performances.
//
// What runs: a real Strapi (`strapi start`, built admin, throwaway SQLite) whose demo season is
// stretched to 2,000 performances by the demo seed itself (TICKETING_DEMO_PERFORMANCES=2000: the
// running events' performances repeated on later days, created and put into operation like the
// others), and Debian's chromium. Nothing is intercepted or faked: the page asks the server.
//
// What is measured, inside the page (BilletteriePage records performance.now()):
//   first render = from the Billetterie page's first render (the route start, after the admin
//   shell and login are loaded) until the first lanes are painted (a timeout after the animation
//   frame that follows the commit). It includes the HTTP request, the engine computing the
//   statuses at `now` for every performance × channel × audience subcategory (never memoised
//   here: each load asks a new instant), gzip, transfer, JSON parse, decoding and React render.
// Also shown: the same from navigation start (admin bundle, login check, page), and the split.
// Server boot, seeding and login are not measured. Median of RUNS page loads.
// Last line: {"timeline_first_render_ms": median first render, ...}.
import http from 'node:http';
import { ensureAdminBuild, launchBrowser, loginThroughUi, registerAdmin, startServer } from '../tests/browser/server.mjs';

const TARGET = 2000;
const RUNS = 5;
process.env.TICKETING_DEMO_PERFORMANCES = String(TARGET);
ensureAdminBuild();
const bootStarted = Date.now();
// Seeding 2,000 performances through the document and transition services takes minutes on 2 cores.
const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 1448), bootTimeoutMs: 900_000 });
console.log(`server up with the stretched demo season in ${Math.round((Date.now() - bootStarted) / 1000)} s (not measured)`);

/** Raw bytes of one answer as sent (gzip asked or not), and the time to receive it. */
function rawGet(path, token, gzip) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(`${server.base}${path}`, { headers: { Authorization: `Bearer ${token}`, ...(gzip ? { 'Accept-Encoding': 'gzip' } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] ?? 'identity', ms: performance.now() - started }));
    });
    req.on('error', reject);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let browser;
try {
  const token = await registerAdmin(server.base);
  const check = JSON.parse(await new Promise((resolve) => http.get(`${server.base}/ticketing/timeline`, { headers: { Authorization: `Bearer ${token}` } }, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => resolve(t)); })));
  const performances = check.data.performances.length;
  const lanes = performances * check.data.channels.length * check.data.audienceCategories.length;
  const at = new Date(Date.now() + 60_000).toISOString();
  const cold = await rawGet(`/ticketing/timeline?at=${encodeURIComponent(at)}`, token, true);
  const warm = await rawGet(`/ticketing/timeline?at=${encodeURIComponent(at)}`, token, true);
  const plain = await rawGet(`/ticketing/timeline?at=${encodeURIComponent(at)}`, token, false);

  const launched = await launchBrowser();
  browser = launched.browser;
  const page = launched.page;
  await loginThroughUi(page, server.base);
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${server.base}/admin/plugins/ticketing`);
    await page.waitForSelector('[data-testid="timeline"][data-first-render-ms]', { timeout: 120_000 });
    const m = await page.evaluate(() => window.__billetterieTimeline);
    // The browser's own timing of that request: waiting for the server (first byte) and download.
    const net = await page.evaluate(() => {
      const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/ticketing/timeline?')).pop();
      return e ? { ttfb: e.responseStart - e.requestStart, download: e.responseEnd - e.responseStart, queued: e.requestStart - e.startTime, end: e.responseEnd } : null;
    });
    samples.push({
      ttfb: net?.ttfb ?? NaN,
      download: net?.download ?? NaN,
      afterDownload: net ? m.answered - net.end : NaN,
      firstRender: m.painted - m.pageStart,
      fromNavigation: m.painted,
      request: m.answered - m.requestStart,
      decode: m.decoded - m.answered,
      render: m.painted - m.decoded,
    });
    if (run === 0) console.log(`rendered: ${await page.locator('[data-testid="timeline-count"]').innerText()}; lanes in the DOM: ${await page.locator('[data-testid="timeline-lane"]').count()} (virtualised)`);
  }
  const row = (label, value) => console.log(`${label.padEnd(58)} ${value}`);
  console.log('');
  row('performances in the season / lanes (channel × category)', `${performances} / ${lanes}`);
  row('GET /ticketing/timeline, gzip: bytes sent / time (cold)', `${cold.bytes} B (${cold.encoding}) / ${cold.ms.toFixed(0)} ms`);
  row('same request again (memoised answer)', `${warm.bytes} B / ${warm.ms.toFixed(0)} ms`);
  row('same request without gzip: bytes', `${plain.bytes} B (${plain.encoding})`);
  for (const [key, label] of [
    ['request', 'in page: request → answer parsed (server compute + transfer)'],
    ['ttfb', '  of which waiting for the first byte (server)'],
    ['download', '  of which download'],
    ['afterDownload', '  of which after the last byte (parse, main thread busy)'],
    ['decode', 'in page: decoding the compact lanes'],
    ['render', 'in page: decoded → first lanes painted (React)'],
    ['fromNavigation', 'navigation start → first lanes painted (admin shell too)'],
    ['firstRender', 'FIRST RENDER: page route start → first lanes painted'],
  ]) row(`${label} (median of ${RUNS})`, `${median(samples.map((s) => s[key])).toFixed(0)} ms`);
  console.log(`first render samples (ms): ${samples.map((s) => s.firstRender.toFixed(0)).join(', ')}`);
  console.log(JSON.stringify({ timeline_first_render_ms: Math.round(median(samples.map((s) => s.firstRender))), performances, measured: 'page route start -> first lanes painted, real server, median of 5' }));
} finally {
  await browser?.close();
  await server.stop();
}
