// Browser test of the seating-plan editor (issue #16, item 4): « Plans de salle » lists the demo's
// configurations; a small hall is built with the generator (4 rows × 6 seats, French odd/even
// numbering checked on screen: the preview, then seats clicked on the canvas), saved and
// validated; a logical configuration over it shows the capacity reconciliation blocking (seats
// without a category, then sellable above the security gauge) while categories are assigned by
// dragging rectangles and seats are killed, then nothing blocks and it is validated. Run by
// `npm run test:browser` (@playwright/test, Debian chromium, built admin, demo season).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { openSuite, recordPageProblems } from './harness.mjs';
import { adminApi, loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

let suite;
let server;
let api;
let page;
let shot;
let main;
let canvas;
const problems = [];

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ server, page, shot } = suite);
  api = adminApi(server.base, suite.token);
  recordPageProblems(page, problems);
  main = page.locator('body');
  canvas = main.getByTestId('seating-canvas');
  await loginThroughUi(page, server.base);
});
test.afterAll(async () => suite?.close());

const cm = (uid) => `/content-manager/collection-types/plugin::ticketing.${uid}`;

/** Screen position of a plan point, from the canvas's published view. */
async function toScreen(x, y) {
  const box = await canvas.boundingBox();
  const view = JSON.parse(await canvas.getAttribute('data-view'));
  return [box.x + view.tx + x * view.scale, box.y + view.ty + y * view.scale];
}
/** The plan positions of the configuration's seats by id (no rotation in this hall). */
async function seatsOf(documentId) {
  const { data } = await api('GET', `/ticketing/seating/physical-configurations/${documentId}`);
  const seats = new Map();
  for (const b of data.plan.blocks) for (const r of b.rows) for (const s of r.seats) seats.set(s.id, { x: b.x + s.x, y: b.y + s.y, row: r.label, number: s.number });
  return seats;
}
async function clickSeat(seat, modifiers = []) {
  const [x, y] = await toScreen(seat.x, seat.y);
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.click(x, y);
  for (const key of modifiers) await page.keyboard.up(key);
}
async function dragOver(a, b) {
  const [x0, y0] = await toScreen(Math.min(a.x, b.x) - 30, Math.min(a.y, b.y) - 30);
  const [x1, y1] = await toScreen(Math.max(a.x, b.x) + 30, Math.max(a.y, b.y) + 30);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 6 });
  await page.mouse.up();
}

/** « Enregistrer », then its PUT answered (200) and the page back to « saved ». */
async function save() {
  const answered = page.waitForResponse((r) => r.url().includes('/ticketing/seating/') && r.request().method() === 'PUT', { timeout: 60_000 });
  await main.getByTestId('seating-save').click();
  const answer = await answered;
  assert.equal(answer.status(), 200, await answer.text());
  await expect(main.getByTestId('seating-save').and(page.locator('[disabled]:not([data-loading="true"]), [aria-disabled="true"]'))).toBeVisible({ timeout: 30_000 });
}

let physicalId;
let logicalId;

test('« Plans de salle » lists the demo hall and a new draft physical configuration', async () => {
  const spaces = await api('GET', `${cm('space')}?page=1&pageSize=10`);
  const space = { connect: [{ documentId: spaces.results[0].documentId }] };
  const created = await api('POST', cm('physical-configuration'), { code: 'PETITE-SALLE', name: 'Petite salle', securityGauge: 30, state: 'draft', space });
  physicalId = created.data?.documentId;
  assert.ok(physicalId, JSON.stringify(created).slice(0, 300));
  await page.locator('nav a[href$="/plugins/ticketing/seating"]').click();
  await expect(main.getByRole('heading', { name: 'Configurations physiques' })).toBeVisible();
  await expect(main.getByTestId('seating-list-physical').locator('[data-code="PETITE-SALLE"]')).toBeVisible();
  assert.ok((await main.getByTestId('seating-list-physical').getByTestId('seating-list-row').count()) >= 2, 'the demo hall and the new one');
  await shot('seating-01-list.png');
  await main.getByTestId('seating-list-physical').locator('[data-code="PETITE-SALLE"]').getByTestId('seating-open').click();
  await expect(canvas).toBeVisible();
});

test('the generator builds 4 rows × 6 seats numbered odd/even from the centre aisle (checked on screen)', async () => {
  await main.locator('input[name="rows"]').fill('4');
  await main.locator('input[name="seatsPerRow"]').fill('6');
  await expect(main.getByTestId('seating-numbering-preview').filter({ hasText: '5 3 1 | 2 4 6' })).toBeVisible();
  await main.getByTestId('seating-generate').click();
  await expect(main.getByTestId('seating-selection-count').filter({ hasText: '24' })).toBeVisible();
  await save();
  const seats = await seatsOf(physicalId);
  assert.equal(seats.size, 24);
  const rowA = [...seats.values()].filter((s) => s.row === 'A').sort((a, b) => a.x - b.x);
  assert.deepEqual(
    rowA.map((s) => s.number),
    ['5', '3', '1', '2', '4', '6'],
  );
  await main.getByTestId('seating-fit').click();
  // Click the leftmost seat of row A, shift-click the first right of the aisle: « A 5, A 2 ».
  await clickSeat(rowA[0]);
  await expect(main.getByTestId('seating-selection-seats').filter({ hasText: /^A 5$/ })).toBeVisible();
  await clickSeat(rowA[3], ['Shift']);
  await main
    .getByTestId('seating-selection-seats')
    .filter({ hasText: /^A 5, A 2$/ })
    .waitFor();
  // Keyboard: Escape clears the selection.
  await canvas.press('Escape');
  await expect(main.getByText('Aucune place choisie.')).toBeVisible();
  await shot('seating-02-generated-hall.png');
});

test('PMR marking with undo / redo, an area drawn with its capacity, saved, and the pretix export', async () => {
  const seats = await seatsOf(physicalId);
  const rowA = [...seats.entries()].filter(([, s]) => s.row === 'A').sort((a, b) => a[1].x - b[1].x);
  await clickSeat(rowA[0][1]);
  await main.getByTestId('seating-accessible').click();
  await expect(main.getByTestId('seating-accessible').filter({ hasText: 'Retirer PMR' })).toBeVisible();
  await canvas.press('Control+z');
  await expect(main.getByTestId('seating-accessible').filter({ hasText: 'Marquer PMR' })).toBeVisible();
  await canvas.press('Control+Shift+z');
  await expect(main.getByTestId('seating-accessible').filter({ hasText: 'Retirer PMR' })).toBeVisible();
  // An area behind the last row: tool « Dessiner une zone », drag.
  const back = Math.max(...[...seats.values()].map((s) => s.y));
  await main.locator('input[name="areaCapacity"]').fill('80');
  await main.getByTestId('seating-tool-area').click();
  const [x0, y0] = await toScreen(1850, back + 120);
  const [x1, y1] = await toScreen(2150, back + 320);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
  assert.equal(await main.locator('input[name="areaCapacityEdit"]').inputValue(), '80');
  await save();
  const { data } = await api('GET', `/ticketing/seating/physical-configurations/${physicalId}`);
  assert.equal(data.plan.areas.length, 1);
  assert.equal(data.plan.areas[0].capacity, 80);
  const marked = data.plan.blocks.flatMap((b) => b.rows.flatMap((r) => r.seats)).filter((x) => x.accessible);
  assert.deepEqual(
    marked.map((x) => x.id),
    [rowA[0][0]],
  );
  const [download] = await Promise.all([page.waitForEvent('download'), main.getByTestId('seating-export').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.ok(exported && typeof exported === 'object' && !exported.error, JSON.stringify(exported).slice(0, 200));
  assert.ok(JSON.stringify(exported).includes(rowA[0][0]), 'the export keeps the seat ids');
  await shot('seating-03-area-and-pmr.png');
});

test('the physical configuration is validated and then read-only, saying why', async () => {
  await main.getByTestId('seating-action-validate').click();
  await expect(main.getByTestId('seating-state').filter({ hasText: 'Validé' })).toBeVisible({ timeout: 30_000 });
  await expect(main.getByTestId('seating-read-only').filter({ hasText: 'validée' })).toBeVisible();
  assert.equal(await main.getByTestId('seating-generator').count(), 0);
  await shot('seating-04-validated-read-only.png');
});

test('a logical configuration over it: the reconciliation blocks while seats have no category', async () => {
  const seasons = await api('GET', `${cm('season')}?page=1&pageSize=10`);
  // The season's organisation (the configuration's must be the same).
  const orgs = await api('GET', `/content-manager/relations/plugin::ticketing.season/${seasons.results[0].documentId}/organization`);
  const created = await api('POST', cm('logical-configuration'), {
    code: 'PETITE-SALLE-L',
    name: 'Petite salle — saison',
    securityGauge: 20,
    state: 'draft',
    organization: { connect: [{ documentId: orgs.results[0].documentId }] },
    season: { connect: [{ documentId: seasons.results[0].documentId }] },
    physicalConfiguration: { connect: [{ documentId: physicalId }] },
  });
  logicalId = created.data?.documentId;
  assert.ok(logicalId, JSON.stringify(created).slice(0, 300));
  await page.goto(`${server.base}/admin/plugins/ticketing/seating/logical/${logicalId}`);
  await expect(canvas).toBeVisible();
  await expect(main.getByTestId('seating-uncategorised').filter({ hasText: /^24$/ })).toBeVisible();
  assert.ok((await main.getByTestId('seating-blocking-item').count()) >= 1);
  await main.getByTestId('seating-action-validate').click();
  await expect(main.getByTestId('seating-refusal')).toBeVisible({ timeout: 30_000 });
  await shot('seating-05-logical-blocked.png');
});

test('categories assigned by dragging rectangles, seats killed: the reconciliation passes and the configuration is validated', async () => {
  const seats = [...(await seatsOf(physicalId)).values()];
  const row = (label) => seats.filter((s) => s.row === label).sort((a, b) => a.x - b.x);
  const legend = main.getByTestId('seating-legend-row');
  assert.ok((await legend.count()) >= 2, 'at least two seat categories');
  await dragOver(row('A')[0], row('B')[5]);
  await expect(main.getByTestId('seating-selection-count').filter({ hasText: '12' })).toBeVisible();
  await legend.nth(0).getByTestId('seating-assign').click();
  await dragOver(row('C')[0], row('D')[5]);
  await expect(main.getByTestId('seating-selection-count').filter({ hasText: '12' })).toBeVisible();
  await legend.nth(1).getByTestId('seating-assign').click();
  await expect(main.getByTestId('seating-uncategorised').filter({ hasText: /^0$/ })).toBeVisible();
  assert.equal(await legend.nth(0).getByTestId('seating-legend-count').innerText(), '12');
  assert.equal(await legend.nth(1).getByTestId('seating-legend-count').innerText(), '12');
  // 24 sellable for a security gauge of 20: still blocked.
  await expect(main.getByTestId('seating-total').filter({ hasText: /^24$/ })).toBeVisible();
  await expect(main.getByTestId('seating-blocking-item').first()).toBeVisible();
  await shot('seating-06-categories-over-gauge.png');
  // Kill the two outer seats of rows C and D (a rectangle), by the button; undo and redo.
  await dragOver(row('C')[0], row('D')[1]);
  await expect(main.getByTestId('seating-selection-count').filter({ hasText: '4' })).toBeVisible();
  await main.getByTestId('seating-kill').click();
  await expect(main.getByTestId('seating-total').filter({ hasText: /^20$/ })).toBeVisible();
  await canvas.press('Control+z');
  await expect(main.getByTestId('seating-total').filter({ hasText: /^24$/ })).toBeVisible();
  await canvas.press('Control+Shift+z');
  await expect(main.getByTestId('seating-total').filter({ hasText: /^20$/ })).toBeVisible();
  await expect(main.getByTestId('seating-can-validate')).toBeVisible({ timeout: 15_000 });
  await save();
  await expect(main.getByTestId('seating-action-validate').and(page.locator(':not([disabled])'))).toBeVisible({ timeout: 30_000 });
  await main.getByTestId('seating-action-validate').click();
  await expect(main.getByTestId('seating-state').filter({ hasText: 'Validé' })).toBeVisible({ timeout: 30_000 });
  const { data } = await api('GET', `/ticketing/seating/logical-configurations/${logicalId}`);
  assert.equal(data.state, 'validated');
  assert.equal(data.layout.killedSeats.length, 4);
  await shot('seating-07-logical-validated.png');
});

test('reopened from the editor with its reason: a draft again, editable', async () => {
  await main.getByTestId('seating-action-reopen').click();
  await main.getByTestId('seating-reason').locator('input').fill('Nouvelle répartition des catégories');
  await main.getByTestId('seating-reason-confirm').click();
  await expect(main.getByTestId('seating-state').filter({ hasText: 'En création' })).toBeVisible({ timeout: 30_000 });
  const { data } = await api('GET', `/ticketing/seating/logical-configurations/${logicalId}`);
  assert.equal(data.state, 'draft');
  await expect(main.getByTestId('seating-read-only')).toHaveCount(0);
});

test('no page error and no 5xx', async () => {
  assert.deepEqual(problems, []);
});
