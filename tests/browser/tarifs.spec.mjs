// Browser test of the price-grid editor (issue #18, Billetterie › Tarifs): the demo season's
// validated grid is read-only; a draft child grid of an event shows the season's prices inherited
// (greyed); prices typed by keyboard the French way (« 72,5 » → « 72,50 € »), a bad amount refused
// at its cell, Escape cancels, Delete returns a cell to its inherited price, a block pasted from a
// spreadsheet, saved and read back through the API; a refused save (409) shown; the grid validated
// from the page and then read-only; the maximum gross revenue equal to the route's figure, for the
// full price and another tariff type; a fee table's rows edited; the dark theme. Run by `npm run test:browser` (@playwright/test, Debian chromium, built admin, demo season).
import assert from 'node:assert/strict';
import { test } from '@playwright/test';
import { openSuite, recordPageProblems } from './harness.mjs';
import { adminApi, loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

/** Intl writes narrow no-break spaces: compare with plain ones. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ').trim();
const euros = (cents) => plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));
const cm = (uid) => `/content-manager/collection-types/plugin::ticketing.${uid}`;

let suite;
let server;
let api;
let page;
let shot;
let main;
let matrix;
let season;
let vocabulary;
let carmen;
let seasonGrid;
let gridId;
const problems = [];

const cell = (seat, tariff) => matrix.locator(`[data-testid="price-cell"][data-seat-category="${seat}"][data-tariff-type="${tariff}"]`);
const textOf = async (seat, tariff) => plain(await cell(seat, tariff).getByTestId('price-cell-text').innerText());
const stateOf = (seat, tariff) => cell(seat, tariff).getAttribute('data-state');
const activeCell = async () => {
  const active = matrix.locator('[data-testid="price-cell"][data-active="true"]');
  return `${await active.getAttribute('data-seat-category')}×${await active.getAttribute('data-tariff-type')}`;
};
async function waitFor(fn, what, timeout = 15_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await page.waitForTimeout(100);
  }
}

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ server, page, shot } = suite);
  api = adminApi(server.base, suite.token);
  recordPageProblems(page, problems);
  main = page.locator('body');
  matrix = main.getByTestId('price-matrix');
  const seasons = (await api('GET', '/ticketing/prices/seasons')).data;
  season = seasons.find((s) => s.code === 'OPERA-2027-2028');
  assert.ok(season, JSON.stringify(seasons).slice(0, 300));
  vocabulary = (await api('GET', `/ticketing/prices/seasons/${season.documentId}`)).data;
  carmen = vocabulary.events.find((e) => e.code === 'CARMEN');
  seasonGrid = vocabulary.grids.find((g) => g.code === 'SAISON-2027-2028');
  await loginThroughUi(page, server.base);
});
test.afterAll(async () => suite?.close());

test('« Tarifs » in the menu: the season’s validated grid, read-only, prices shown the French way', async () => {
  await page.locator('nav a[href$="/plugins/ticketing/prices"]').click();
  await main.getByRole('heading', { name: 'Tarifs' }).waitFor();
  await main.locator(`[data-testid="price-grid-editor"][data-grid="SAISON-2027-2028"]`).waitFor({ timeout: 30_000 });
  await main.getByTestId('prices-read-only').filter({ hasText: 'validée' }).waitFor();
  assert.equal(await textOf('CAT1', 'NORMAL'), '65,00 €');
  assert.equal(await textOf('CAT3', 'GROUPE'), '18,00 €');
  assert.equal(plain(await cell('CAT1', 'NORMAL').getByTestId('price-cell-vat').innerText()), 'TVA 5,5 %');
  // Read-only: typing does not edit, no save button.
  await cell('CAT1', 'NORMAL').click();
  await page.keyboard.type('12');
  assert.equal(await matrix.getByTestId('price-cell-input').count(), 0);
  assert.equal(await main.getByTestId('prices-save').count(), 0);
  await shot('tarifs-01-validated-season-grid.png');
  assert.equal(seasonGrid.state, 'validated');
});

test('a draft child grid of an event: every cell inherited from the season’s grid, greyed', async () => {
  const created = await api('POST', cm('price-grid'), {
    code: 'ESSAI-CARMEN',
    name: 'Essai Carmen',
    state: 'draft',
    cells: [],
    season: { connect: [{ documentId: season.documentId }] },
    event: { connect: [{ documentId: carmen.documentId }] },
  });
  gridId = created.data?.documentId;
  assert.ok(gridId, JSON.stringify(created).slice(0, 300));
  await page.goto(`${server.base}/admin/plugins/ticketing/prices?season=${season.documentId}&grid=${gridId}`);
  await main.locator(`[data-testid="price-grid-editor"][data-grid="ESSAI-CARMEN"]`).waitFor({ timeout: 30_000 });
  assert.equal(await stateOf('CAT1', 'NORMAL'), 'inherited');
  assert.equal(await textOf('CAT1', 'NORMAL'), '65,00 €');
  assert.match(plain(await cell('CAT1', 'NORMAL').getByTestId('price-cell-vat').innerText()), /SAISON-2027-2028/);
  assert.equal(await main.getByTestId('prices-read-only').count(), 0);
  await shot('tarifs-02-child-grid-inherited.png');
});

test('keyboard: Enter types and commits (« 72,5 » → « 72,50 € »), arrows and Tab move, Escape cancels, a bad amount is refused at its cell, Delete returns to the inherited price', async () => {
  await cell('CAT1', 'NORMAL').click();
  assert.equal(await activeCell(), 'CAT1×NORMAL');
  await page.keyboard.press('Enter');
  await matrix.getByTestId('price-cell-input').waitFor();
  await page.keyboard.type('72,5');
  await page.keyboard.press('Enter');
  assert.equal(await textOf('CAT1', 'NORMAL'), '72,50 €');
  assert.equal(await stateOf('CAT1', 'NORMAL'), 'overridden');
  assert.equal(plain(await cell('CAT1', 'NORMAL').getByTestId('price-cell-parent').innerText()), 'parent : 65,00 €');
  // Columns by code: GROUPE, NORMAL, REDUIT. Enter went down; arrows and Tab / Shift+Tab.
  assert.deepEqual(await matrix.getByTestId('price-column').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), ['GROUPE', 'NORMAL', 'REDUIT']);
  assert.equal(await activeCell(), 'CAT2×NORMAL');
  await page.keyboard.press('ArrowRight');
  assert.equal(await activeCell(), 'CAT2×REDUIT');
  await page.keyboard.press('Tab');
  assert.equal(await activeCell(), 'CAT3×GROUPE');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await activeCell(), 'CAT2×REDUIT');
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeCell(), 'CAT1×REDUIT');
  // Typing starts an edit; Escape cancels it.
  await page.keyboard.type('99');
  await matrix.getByTestId('price-cell-input').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await stateOf('CAT1', 'REDUIT'), 'inherited');
  assert.equal(await textOf('CAT1', 'REDUIT'), '52,00 €');
  // A bad amount: refused at its cell with a clear message, the cell keeps what was typed.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await activeCell(), 'CAT1×GROUPE');
  await page.keyboard.press('Enter');
  await page.keyboard.type('45,555');
  await page.keyboard.press('Enter');
  assert.equal(await stateOf('CAT1', 'GROUPE'), 'error');
  assert.match(await cell('CAT1', 'GROUPE').getByTestId('price-cell-error').innerText(), /deux décimales/);
  await shot('tarifs-03-keyboard-entry-and-error.png');
  // Saving is refused while a cell is in error.
  await main.getByTestId('prices-save').click();
  await main.getByTestId('prices-error').filter({ hasText: 'Corrigez les cases en erreur' }).waitFor();
  // Delete clears the cell: back to the inherited price.
  await cell('CAT1', 'GROUPE').click();
  await page.keyboard.press('Delete');
  assert.equal(await stateOf('CAT1', 'GROUPE'), 'inherited');
  assert.equal(await textOf('CAT1', 'GROUPE'), '48,00 €');
});

test('a block pasted from a spreadsheet at the active cell, amounts in every French form', async () => {
  await cell('CAT2', 'NORMAL').click();
  await matrix.evaluate((table) => {
    const data = new DataTransfer();
    data.setData('text/plain', '40\t32,5\r\n20,00 €\t18.5\r\n');
    table.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(await textOf('CAT2', 'NORMAL'), '40,00 €');
  assert.equal(await textOf('CAT2', 'REDUIT'), '32,50 €');
  assert.equal(await textOf('CAT3', 'NORMAL'), '20,00 €');
  assert.equal(await textOf('CAT3', 'REDUIT'), '18,50 €');
  assert.equal(await stateOf('CAT2', 'GROUPE'), 'inherited');
  await main.getByTestId('prices-dirty').waitFor();
  await shot('tarifs-04-pasted-block.png');
});

test('saved: the grid holds exactly the cells set, in cents, with the season’s VAT rate', async () => {
  const answered = page.waitForResponse((r) => r.url().includes(`/ticketing/prices/grids/${gridId}`) && r.request().method() === 'PUT', { timeout: 60_000 });
  await main.getByTestId('prices-save').click();
  const answer = await answered;
  assert.equal(answer.status(), 200, await answer.text());
  await main.getByTestId('prices-saved').waitFor();
  const { data } = await api('GET', `/ticketing/prices/grids/${gridId}`);
  const id = (list, code) => list.find((x) => x.code === code).documentId;
  const amounts = Object.fromEntries(
    data.grid.cells.map((c) => [`${vocabulary.seatCategories.find((s) => s.documentId === c.seatCategory).code}×${vocabulary.tariffTypes.find((t) => t.documentId === c.tariffType).code}`, c.amount]),
  );
  assert.deepEqual(amounts, { 'CAT1×NORMAL': 7250, 'CAT2×NORMAL': 4000, 'CAT2×REDUIT': 3250, 'CAT3×NORMAL': 2000, 'CAT3×REDUIT': 1850 });
  const vat55 = vocabulary.vatRates.find((v) => v.rate === 5.5).documentId;
  assert.ok(data.grid.cells.every((c) => c.vatRate === vat55));
  assert.ok(id(vocabulary.seatCategories, 'CAT1'));
  // After the reload from the server, the differences are still shown.
  assert.equal(await stateOf('CAT1', 'NORMAL'), 'overridden');
  assert.equal(await stateOf('CAT1', 'GROUPE'), 'inherited');
});

test('a refused save (the grid validated meanwhile: 409) is shown, nothing written', async () => {
  await cell('CAT3', 'GROUPE').click();
  await page.keyboard.type('17');
  await page.keyboard.press('Enter');
  const validated = await api('POST', `/ticketing/price-grids/${gridId}/transitions`, { action: 'validate' });
  assert.ok(!validated.error, JSON.stringify(validated).slice(0, 300));
  await main.getByTestId('prices-save').click();
  await main.getByTestId('prices-error').waitFor();
  const { data } = await api('GET', `/ticketing/prices/grids/${gridId}`);
  assert.equal(data.grid.cells.length, 5);
  // The page learns the new state: read-only, the server's cells shown again.
  await main.getByTestId('prices-read-only').filter({ hasText: 'validée' }).waitFor({ timeout: 30_000 });
  assert.equal(await stateOf('CAT3', 'GROUPE'), 'inherited');
  await shot('tarifs-05-refused-save.png');
  const reopened = await api('POST', `/ticketing/price-grids/${gridId}/transitions`, { action: 'reopen', reason: 'essai' });
  assert.ok(!reopened.error, JSON.stringify(reopened).slice(0, 300));
});

test('validated from the page: the state changes and the grid becomes read-only', async () => {
  await page.reload();
  await main.locator(`[data-testid="price-grid-editor"][data-grid="ESSAI-CARMEN"][data-state="draft"]`).waitFor({ timeout: 30_000 });
  // A refusal naming a cell (`cells[5].amount`: the sixth cell sent, the one just typed) is shown at that cell.
  await cell('CAT3', 'GROUPE').click();
  await page.keyboard.type('17');
  await page.keyboard.press('Enter');
  const route = `**/ticketing/prices/grids/${gridId}`;
  await page.route(route, (r) =>
    r.request().method() === 'PUT'
      ? r.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            data: null,
            error: {
              status: 400,
              name: 'ValidationError',
              message: 'cells[5].amount : refusé',
              details: { code: 'INVALID_FIELD', errors: [{ path: ['cells', '5', 'amount'], message: 'cells[5].amount : refusé par le serveur' }] },
            },
          }),
        })
      : r.continue(),
  );
  await main.getByTestId('prices-save').click();
  await main.getByTestId('prices-error').waitFor();
  assert.equal(await stateOf('CAT3', 'GROUPE'), 'error');
  assert.match(await cell('CAT3', 'GROUPE').getByTestId('price-cell-error').innerText(), /refusé par le serveur/);
  assert.equal(await stateOf('CAT2', 'NORMAL'), 'overridden');
  await shot('tarifs-06-server-error-at-cell.png');
  await page.unroute(route);
  await main.getByTestId('prices-discard').click();
  assert.equal(await stateOf('CAT3', 'GROUPE'), 'inherited');
  await main.getByTestId('prices-action-validate').click();
  await main.getByTestId('prices-state').filter({ hasText: 'Validé' }).waitFor({ timeout: 30_000 });
  await main.getByTestId('prices-read-only').filter({ hasText: 'validée' }).waitFor({ timeout: 30_000 });
  assert.equal(await main.getByTestId('prices-save').count(), 0);
  await shot('tarifs-07-validated-read-only.png');
});

test('maximum gross revenue: the season’s figure is the route’s, for the full price and for another tariff type', async () => {
  const panel = main.getByTestId('revenue-panel');
  await panel.scrollIntoViewIfNeeded();
  const expected = (await api('GET', `/ticketing/prices/seasons/${season.documentId}/revenue?includeDrafts=true`)).data;
  assert.ok(expected.totals.ttc > 0);
  await waitFor(async () => plain(await panel.getByTestId('revenue-season-ttc').innerText()) === euros(expected.totals.ttc), 'season TTC');
  assert.equal(plain(await panel.getByTestId('revenue-season-ht').innerText()), euros(expected.totals.ht));
  const row = expected.performances.find((p) => p.performance.code === 'CARMEN-20271012');
  assert.equal(plain(await panel.locator('[data-testid="revenue-row"][data-code="CARMEN-20271012"]').getByTestId('revenue-ttc').innerText()), euros(row.ttc));
  await shot('tarifs-08-revenue.png');
  await panel.getByRole('combobox', { name: 'Type de tarif' }).click();
  await page.getByRole('option', { name: 'Réduit (REDUIT)' }).click();
  const reduit = vocabulary.tariffTypes.find((t) => t.code === 'REDUIT').documentId;
  const reduced = (await api('GET', `/ticketing/prices/seasons/${season.documentId}/revenue?includeDrafts=true&tariffType=${reduit}`)).data;
  assert.ok(reduced.totals.ttc < expected.totals.ttc);
  await waitFor(async () => plain(await panel.getByTestId('revenue-season-ttc').innerText()) === euros(reduced.totals.ttc), 'reduced season TTC');
});

test('fee tables: a table’s rows edited, amounts and percentages the French way, bad ones refused at their row, saved', async () => {
  const organization = season.organization.documentId;
  const vat55 = vocabulary.vatRates.find((v) => v.rate === 5.5).documentId;
  const created = await api('POST', cm('fee-table'), {
    code: 'ESSAI-FRAIS',
    name: 'Essai de frais',
    kind: 'simple',
    state: 'draft',
    fees: [{ code: 'LOC', name: 'Location', kind: 'fixed', value: 150, vatRate: vat55 }],
    organization: { connect: [{ documentId: organization }] },
  });
  const tableId = created.data?.documentId;
  assert.ok(tableId, JSON.stringify(created).slice(0, 300));
  await main.getByTestId('prices-nav-fees').click();
  await main.getByRole('heading', { name: 'Tables de frais' }).waitFor();
  await main.locator('[data-testid="fee-table-choice"][data-code="ESSAI-FRAIS"]').click();
  const editor = main.locator('[data-testid="fee-table-editor"][data-table="ESSAI-FRAIS"]');
  await editor.waitFor({ timeout: 30_000 });
  const rows = editor.getByTestId('fee-row');
  assert.equal(plain(await rows.nth(0).getByTestId('fee-value-shown').innerText()), '1,50 €');
  // A fixed amount typed the French way; a bad one refused at its row.
  await rows.nth(0).locator('input[name="value-0"]').fill('2,755');
  await editor.getByTestId('fees-save').click();
  await rows.nth(0).getByTestId('fee-error').filter({ hasText: 'deux décimales' }).waitFor();
  await rows.nth(0).locator('input[name="value-0"]').fill('2,75 €');
  assert.equal(plain(await rows.nth(0).getByTestId('fee-value-shown').innerText()), '2,75 €');
  // A new row: a percentage.
  await editor.getByTestId('fee-add').click();
  await rows.nth(1).locator('input[name="code-1"]').fill('PCT');
  await rows.nth(1).locator('input[name="name-1"]').fill('Frais en pourcentage');
  await rows.nth(1).getByRole('combobox').first().click();
  await page.getByRole('option', { name: 'pourcentage' }).click();
  await rows.nth(1).locator('input[name="value-1"]').fill('101');
  await editor.getByTestId('fees-save').click();
  await rows.nth(1).getByTestId('fee-error').filter({ hasText: 'ne dépasse pas 100' }).waitFor();
  await rows.nth(1).locator('input[name="value-1"]').fill('2,5');
  assert.equal(plain(await rows.nth(1).getByTestId('fee-value-shown').innerText()), '2,5 %');
  const answered = page.waitForResponse((r) => r.url().includes(`/ticketing/prices/fee-tables/${tableId}`) && r.request().method() === 'PUT', { timeout: 60_000 });
  await editor.getByTestId('fees-save').click();
  const answer = await answered;
  assert.equal(answer.status(), 200, await answer.text());
  await editor.getByTestId('fees-saved').waitFor();
  const { data } = await api('GET', `/ticketing/prices/fee-tables/${tableId}`);
  assert.deepEqual(
    data.table.fees.map((f) => [f.code, f.kind, f.value]),
    [
      ['LOC', 'fixed', 275],
      ['PCT', 'percent', 2.5],
    ],
  );
  await shot('tarifs-09-fee-table.png');
});

test('dark theme: the matrix takes its colours from the admin theme', async () => {
  await page.evaluate(() => localStorage.setItem('STRAPI_THEME', 'dark'));
  await page.goto(`${server.base}/admin/plugins/ticketing/prices?season=${season.documentId}&grid=${gridId}`);
  await matrix.waitFor({ timeout: 30_000 });
  const background = await matrix.evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.3, `matrix background in the dark theme: ${background}`);
  await shot('tarifs-10-dark-theme.png');
  await page.evaluate(() => localStorage.setItem('STRAPI_THEME', 'light'));
});

test('no page error and no 5xx', async () => {
  assert.deepEqual(problems, []);
});
