// Browser benchmark: time to first render of the sales timeline with 2,000 performances.
// The real demo-season answer of GET /ticketing/timeline is multiplied to 2,000 performances
// (lanes and windows kept) and served to the page; the clock runs from the moment the answer is
// handed to the browser until the first lane is in the DOM (JSON parse, rows, virtualised render).
// Last line: {"timeline_first_render_ms": median of 5}.
import { ensureAdminBuild, launchBrowser, loginThroughUi, registerAdmin, startServer } from '../tests/browser/server.mjs';

const TARGET = 2000;
const RUNS = 5;
ensureAdminBuild();
const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 1448) });
let browser;
try {
  await registerAdmin(server.base);
  ({ browser } = await launchBrowser().then((l) => ((globalThis.page = l.page), l)));
  const page = globalThis.page;
  await loginThroughUi(page, server.base);
  let body = null;
  let handedAt = 0;
  await page.route('**/ticketing/timeline?*', async (route) => {
    if (!body) {
      const real = await (await route.fetch()).json();
      const source = real.data.performances;
      const performances = [];
      for (let i = 0; performances.length < TARGET; i++) {
        const p = source[i % source.length];
        const copy = Math.floor(i / source.length);
        performances.push({ ...p, id: `${p.id}-${copy}`, code: copy ? `${p.code}-${copy}` : p.code });
      }
      body = JSON.stringify({ data: { ...real.data, performances } });
    }
    if (!handedAt) handedAt = Date.now(); // the first answer of a page load
    await route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    handedAt = 0;
    await page.goto(`${server.base}/admin/plugins/ticketing`);
    await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
    samples.push(Date.now() - handedAt);
    const count = await page.locator('[data-testid="timeline-count"]').innerText();
    if (run === 0) console.log(`rendered: ${count}; lanes in the DOM: ${await page.locator('[data-testid="timeline-lane"]').count()} (virtualised)`);
  }
  samples.sort((a, b) => a - b);
  console.log(`samples (ms): ${samples.join(', ')}`);
  console.log(JSON.stringify({ timeline_first_render_ms: samples[Math.floor(RUNS / 2)], performances: TARGET }));
} finally {
  await browser?.close();
  await server.stop();
}
