// Browser benchmark: time to first render of the sales timeline with 2,000 and 10,000 performances,
// and frame times while scrolling it.
//
// What runs: for each size, a real Strapi (`strapi start`, built admin, throwaway SQLite) whose demo
// season is stretched to N performances by the demo seed itself (TICKETING_DEMO_PERFORMANCES=N: the
// running events' performances repeated on later days, created and put into operation like the
// others), and Debian's chromium. Nothing is intercepted or faked: the page asks the server.
//
// Measured from outside the page (the shipped code has no benchmark hook): the bench adds, in the
// page, a MutationObserver and requestAnimationFrame callbacks of its own.
//   first render = from the click on the « Billetterie » menu entry (admin shell loaded, logged in,
//   on the home page) until the first lanes are painted (the first `timeline-lane` element in the
//   DOM, then the next animation frame and a timeout after its paint). It includes loading the
//   page's code, the HTTP request, the engine computing the statuses at `now` for every
//   performance × channel × audience subcategory (never memoised: each visit asks a new instant),
//   gzip, transfer, JSON parse, decoding and React render. The browser's Resource Timing gives the
//   request's split (waiting for the first byte, download).
//   scrolling = the timeline's rows scrolled by 60 px per animation frame for 240 frames: the time
//   between frames (median, 95th percentile, max) and the long tasks (> 50 ms) seen meanwhile.
// Server boot, seeding and login are not measured. Median of RUNS visits.
// Last line: {"timeline_first_render_ms": <2,000>, "timeline_first_render_ms_10k": <10,000>, ...}.
// BENCH_ADMIN_SIZES=10000 runs one size only; BENCH_PORT (default 1448) the server's port.
import http from 'node:http';
import os from 'node:os';
import { ensureAdminBuild, launchBrowser, loginThroughUi, registerAdmin, startServer } from '../tests/browser/server.mjs';

const SIZES = (process.env.BENCH_ADMIN_SIZES ?? '2000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const RUNS = 5;
const SCROLL_FRAMES = 240;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const row = (label, value) => console.log(`${label.padEnd(62)} ${value}`);

/** Raw bytes of one answer as sent (gzip asked or not), and the time to receive it. */
function rawGet(base, path, token, gzip) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(`${base}${path}`, { headers: { Authorization: `Bearer ${token}`, ...(gzip ? { 'Accept-Encoding': 'gzip' } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] ?? 'identity', ms: performance.now() - started }));
    });
    req.on('error', reject);
  });
}

/** In the page: note when the first lane appears and when the frame after it has painted. */
function watchFirstLanes() {
  const state = { clicked: performance.now(), inserted: null, painted: null };
  window.__benchFirstRender = state;
  const found = () => document.querySelector('[data-testid="timeline-lane"]');
  const done = () => {
    state.inserted = performance.now();
    requestAnimationFrame(() => setTimeout(() => (state.painted = performance.now()), 0));
  };
  const observer = new MutationObserver(() => {
    if (state.inserted === null && found()) {
      observer.disconnect();
      done();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  document.querySelector('nav a[href$="/plugins/ticketing"]').click();
  state.clicked = performance.now();
}

/** In the page: scroll the timeline frame by frame; frame intervals and long tasks. */
function scrollFrames(frames) {
  return new Promise((resolve) => {
    const scroller = document.querySelector('[data-testid="timeline-scroll"]');
    const longTasks = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      // No long-task timing in this browser: frame times only.
    }
    const intervals = [];
    let last = null;
    let n = 0;
    const step = (now) => {
      if (last !== null) intervals.push(now - last);
      last = now;
      scroller.scrollTop += 60;
      if (++n < frames) requestAnimationFrame(step);
      else {
        observer?.disconnect();
        resolve({ intervals, longTasks, scrolledTo: scroller.scrollTop, height: scroller.scrollHeight });
      }
    };
    requestAnimationFrame(step);
  });
}

async function measure(target) {
  process.env.TICKETING_DEMO_PERFORMANCES = String(target);
  const bootStarted = Date.now();
  // Seeding thousands of performances through the document and transition services takes minutes on 2 cores.
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 1448), bootTimeoutMs: 3_600_000 });
  console.log(`\n== ${target} performances: server up with the stretched demo season in ${Math.round((Date.now() - bootStarted) / 1000)} s (not measured)`);
  let browser;
  try {
    const token = await registerAdmin(server.base);
    const check = JSON.parse(
      await new Promise((resolve) =>
        http.get(`${server.base}/ticketing/timeline`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
          let t = '';
          res.on('data', (c) => (t += c));
          res.on('end', () => resolve(t));
        }),
      ),
    );
    const performances = check.data.performances.length;
    const lanes = performances * check.data.channels.length * check.data.audienceCategories.length;
    const at = new Date(Date.now() + 60_000).toISOString();
    // The page's first request (its first 200 performances) at an instant never asked before, then the whole season.
    const firstPage = await rawGet(server.base, `/ticketing/timeline?at=${encodeURIComponent(new Date(Date.now() + 120_000).toISOString())}&limit=200`, token, true);
    const cold = await rawGet(server.base, `/ticketing/timeline?at=${encodeURIComponent(at)}`, token, true);
    const warm = await rawGet(server.base, `/ticketing/timeline?at=${encodeURIComponent(at)}`, token, true);
    const plain = await rawGet(server.base, `/ticketing/timeline?at=${encodeURIComponent(at)}`, token, false);

    const launched = await launchBrowser();
    browser = launched.browser;
    const page = launched.page;
    await loginThroughUi(page, server.base);
    const samples = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${server.base}/admin`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
      await page.waitForSelector('nav a[href$="/plugins/ticketing"]', { timeout: 180_000 });
      await page.evaluate(() => performance.clearResourceTimings());
      await page.evaluate(watchFirstLanes);
      await page.waitForFunction(() => window.__benchFirstRender?.painted != null, null, { timeout: 300_000, polling: 50 });
      const m = await page.evaluate(() => window.__benchFirstRender);
      // Then the whole season (the rest of the performances, asked after the first ones), polled every 50 ms.
      const complete = await (
        await page.waitForFunction(
          () => {
            const el = document.querySelector('[data-testid="timeline"]');
            return el && el.getAttribute('data-loading') === 'false' && performance.now();
          },
          null,
          { timeout: 600_000, polling: 50 },
        )
      ).jsonValue();
      const net = await page.evaluate(() => {
        // The first timeline request of the visit (the page then asks the rest of the season).
        const e = performance.getEntriesByType('resource').filter((r) => r.name.includes('/ticketing/timeline?'))[0];
        return e ? { start: e.startTime, ttfb: e.responseStart - e.requestStart, download: e.responseEnd - e.responseStart, end: e.responseEnd } : null;
      });
      samples.push({
        firstRender: m.painted - m.clicked,
        complete: complete - m.clicked,
        requestStart: net ? net.start - m.clicked : NaN,
        ttfb: net?.ttfb ?? NaN,
        download: net?.download ?? NaN,
        afterDownload: net ? m.painted - net.end : NaN,
      });
      if (run === 0)
        console.log(`rendered: ${await page.locator('[data-testid="timeline-count"]').innerText()}; lanes in the DOM: ${await page.locator('[data-testid="timeline-lane"]').count()} (virtualised)`);
    }
    const scroll = await page.evaluate(scrollFrames, SCROLL_FRAMES);
    const frames = scroll.intervals;

    row('performances in the season / lanes (channel × category)', `${performances} / ${lanes}`);
    row('GET /ticketing/timeline?limit=200 (first page, new instant): time', `${firstPage.ms.toFixed(0)} ms (${firstPage.bytes} B)`);
    row('GET /ticketing/timeline, gzip: bytes sent / time (cold)', `${cold.bytes} B (${cold.encoding}) / ${cold.ms.toFixed(0)} ms`);
    row('same request again (memoised answer)', `${warm.bytes} B / ${warm.ms.toFixed(0)} ms`);
    row('same request without gzip: bytes', `${plain.bytes} B (${plain.encoding})`);
    for (const [key, label] of [
      ['requestStart', 'click → timeline request leaves (page code, session)'],
      ['ttfb', '  request: waiting for the first byte (server)'],
      ['download', '  request: download'],
      ['afterDownload', 'last byte → first lanes painted (parse, decode, React)'],
      ['firstRender', 'FIRST RENDER: click on « Billetterie » → first lanes painted'],
      ['complete', 'click → whole season loaded and drawn (±50 ms)'],
    ])
      row(`${label} (median of ${RUNS})`, `${median(samples.map((s) => s[key])).toFixed(0)} ms`);
    console.log(`first render samples (ms): ${samples.map((s) => s.firstRender.toFixed(0)).join(', ')}`);
    row(`scrolling ${SCROLL_FRAMES} frames × 60 px: frame time median / p95 / max`, `${median(frames).toFixed(1)} / ${percentile(frames, 95).toFixed(1)} / ${Math.max(...frames).toFixed(1)} ms`);
    row(
      '  frames over 50 ms / long tasks (count, longest)',
      `${frames.filter((f) => f > 50).length} / ${scroll.longTasks.length}, ${scroll.longTasks.length ? Math.max(...scroll.longTasks).toFixed(0) : 0} ms`,
    );
    return {
      firstRender: Math.round(median(samples.map((s) => s.firstRender))),
      serverFirstPageMs: Math.round(firstPage.ms),
      serverSeasonMs: Math.round(cold.ms),
      complete: Math.round(median(samples.map((s) => s.complete))),
      performances,
      frameMedian: Number(median(frames).toFixed(1)),
      frameP95: Number(percentile(frames, 95).toFixed(1)),
      frameMax: Number(Math.max(...frames).toFixed(1)),
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

ensureAdminBuild();
const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const results = {};
for (const size of SIZES) {
  results[size] = await measure(size);
  console.log(`size ${size}: ${JSON.stringify(results[size])}`);
}
const line = {
  measured: `click on the menu entry -> first lanes painted, real server, median of ${RUNS}; frame times while scrolling`,
  cpus: os.cpus().length,
  load_before: load,
  load_after: os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' '),
};
if (results[2000]) Object.assign(line, { timeline_first_render_ms: results[2000].firstRender, timeline_complete_ms: results[2000].complete, scroll_frame_ms_p95: results[2000].frameP95 });
if (results[10000])
  Object.assign(line, {
    timeline_first_render_ms_10k: results[10000].firstRender,
    timeline_server_first_page_ms_10k: results[10000].serverFirstPageMs,
    timeline_server_season_ms_10k: results[10000].serverSeasonMs,
    timeline_complete_ms_10k: results[10000].complete,
    performances_10k: results[10000].performances,
    scroll_frame_ms_median_10k: results[10000].frameMedian,
    scroll_frame_ms_p95_10k: results[10000].frameP95,
    scroll_frame_ms_max_10k: results[10000].frameMax,
  });
for (const size of SIZES.filter((s) => s !== 2000 && s !== 10000)) line[`timeline_first_render_ms_${size}`] = results[size].firstRender;
console.log(JSON.stringify(line));
