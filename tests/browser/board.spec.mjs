// Browser test of the availability board (issue #17, Billetterie › Disponibilités): a demo
// performance in the hall shows its pools with the route's figures, its contingents unreleased and
// the plan coloured by seat status; « Libérer maintenant » on the subscribers' contingent (confirm
// dialog) records a manual release, shown as released with its quantity, the open sale grown by
// it; the performance's limits edited (saved, then a refused one named). Run by `npm run test:browser` (@playwright/test, Debian chromium, built admin, demo season).
import assert from 'node:assert/strict';
import { test } from '@playwright/test';
import { openSuite, recordPageProblems } from './harness.mjs';
import { adminApi, loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

let suite;
let server;
let api;
let page;
let shot;
let performance;
let before;
const problems = [];

async function waitFor(fn, what, timeout = 15_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await page.waitForTimeout(100);
  }
}
const boardOf = async (id) => (await api('GET', `/ticketing/board/performances/${id}`)).data;
const poolOf = (data, category, contingent) => data.board.categories.find((c) => c.code === category).pools.find((p) => p.contingent === contingent);

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ server, page, shot } = suite);
  api = adminApi(server.base, suite.token);
  recordPageProblems(page, problems);
  const list = await api('GET', '/content-manager/collection-types/plugin::ticketing.performance?page=1&pageSize=100&sort=startsAt:ASC');
  for (const p of list.results) {
    const data = await boardOf(p.documentId);
    const abo = data?.board?.categories.find((c) => c.code === 'CAT3')?.pools.find((x) => x.contingent === 'ABO');
    if (abo && !abo.release.released) {
      performance = p;
      before = data;
      break;
    }
  }
  assert.ok(performance, 'a demo performance with the subscribers’ contingent unreleased');
  await loginThroughUi(page, server.base);
});
test.afterAll(async () => suite?.close());

test('the board shows the route’s figures, the contingents and the plan by seat status', async () => {
  await page.goto(`${server.base}/admin/plugins/ticketing/board/${performance.documentId}`);
  const cat3 = page.locator('[data-testid="board-category"][data-code="CAT3"]');
  await cat3.waitFor({ timeout: 60_000 });
  const row = (pool) => cat3.locator(`[data-testid="board-pool"][data-pool="${pool}"]`);
  const abo = poolOf(before, 'CAT3', 'ABO');
  const open = poolOf(before, 'CAT3', null);
  assert.equal(await row('ABO').locator('[data-field="capacity"]').innerText(), String(abo.capacity));
  assert.equal(await row('ABO').locator('[data-field="left"]').innerText(), String(abo.left));
  assert.equal(await row('OPEN').locator('[data-field="capacity"]').innerText(), String(open.capacity));
  assert.equal(await row('AGENCE').getByTestId('board-release').count(), 1);
  await page.getByTestId('board-plan').waitFor();
  assert.ok(Number(await page.getByTestId('seating-canvas').getAttribute('data-painted-seats')) > 0);
  await shot('board.png');
});

test('« Libérer maintenant » records a manual release; the open sale gains the unsold places', async () => {
  const cat3 = page.locator('[data-testid="board-category"][data-code="CAT3"]');
  const row = (pool) => cat3.locator(`[data-testid="board-pool"][data-pool="${pool}"]`);
  await row('ABO').getByTestId('board-release').click();
  await page.getByTestId('board-confirm-release').click();
  await row('ABO').getByTestId('board-released').waitFor({ timeout: 15_000 });
  const after = await boardOf(performance.documentId);
  const abo = poolOf(after, 'CAT3', 'ABO');
  assert.equal(abo.release.record.kind, 'manual');
  assert.equal(abo.release.record.quantity, poolOf(before, 'CAT3', 'ABO').left);
  assert.equal(poolOf(after, 'CAT3', null).capacity, poolOf(before, 'CAT3', null).capacity + abo.release.record.quantity);
  await waitFor(async () => (await row('OPEN').locator('[data-field="capacity"]').innerText()) === String(poolOf(after, 'CAT3', null).capacity), 'the open sale refetched');
  assert.equal(await row('ABO').getByTestId('board-release').count(), 0);
  assert.match(await page.getByTestId('board-message').innerText(), /ABO/);
  await shot('board-released.png');
});

test('limits edited from the board: saved through the write guard, a refused one named', async () => {
  const field = (name) => page.getByTestId(`board-limit-${name}`);
  await field('maxPerHold').fill('6');
  await page.getByTestId('board-limits-save').click();
  await waitFor(async () => (await page.getByTestId('board-limits').innerText()).includes('"maxPerHold":6'), 'the limits refetched');
  assert.equal((await boardOf(performance.documentId)).performance.limits.maxPerHold, 6);
  await field('minPerHold').fill('9');
  await page.getByTestId('board-limits-save').click();
  await waitFor(async () => /minPerHold/.test(await page.getByTestId('board-limits-outcome').innerText()), 'the refusal shown');
  assert.equal((await boardOf(performance.documentId)).performance.limits.minPerHold, undefined);
});

test('no page error, no 5xx', async () => {
  assert.deepEqual(problems, []);
});
