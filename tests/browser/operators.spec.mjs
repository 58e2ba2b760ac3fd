// Browser test of Paramètres › Billetterie › Opérateurs et droits: an operator's perimeter rows are
// added, refused with the server's message, edited and deleted through the page.
// Run by `npm run test:browser` (@playwright/test, Debian chromium, built admin, demo season).
import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { openSuite } from './harness.mjs';
import { adminApi, loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

let suite;
let page;
let shot;
let dialog;
let organization;
let channel;
let rowsOf;

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ page, shot } = suite);
  const api = adminApi(suite.base, suite.token);
  const roles = (await api('GET', '/admin/roles')).data;
  const consultation = roles.find((r) => r.code === 'ticketing-consultation');
  const operator = (await api('POST', '/admin/users', { firstname: 'Oscar', lastname: 'Opérateur', email: 'oscar@example.test', roles: [consultation.id] })).data;
  const options = (await api('GET', '/ticketing/perimeters/options')).data;
  organization = options.organizations[0];
  channel = options.salesChannels[0];
  rowsOf = async () => (await api('GET', `/ticketing/operators/${operator.id}/effective-rights`)).data.perimeter;
  dialog = page.getByRole('dialog');
});
test.afterAll(async () => suite?.close());

test('log in and open the operators page, choose Oscar', async () => {
  await loginThroughUi(page, suite.base);
  await page.goto(`${suite.base}/admin/settings/ticketing/operators`);
  await expect(page.getByRole('heading', { name: 'Opérateurs et droits effectifs' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Opérateur' }).click();
  await page.getByRole('option', { name: /Oscar Opérateur/ }).click();
  await expect(page.getByText('aucun périmètre')).toBeVisible({ timeout: 20_000 });
  await shot('20-operators-no-perimeter.png');
});

test("add a row without organisation: the server refuses, its message (in the operator's language, French) is shown on the field", async () => {
  await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByText(/un organisme est requis/).first()).toBeVisible();
  assert.deepEqual(await rowsOf(), []);
  await shot('21-operators-organisation-required.png');
});

test('add a row: organisation and one channel', async () => {
  await dialog.getByRole('combobox', { name: 'Organisme' }).click();
  await page.getByRole('option', { name: new RegExp(`^${organization.code} — `) }).click();
  await dialog.getByRole('combobox', { name: 'Filières' }).click();
  await page.getByRole('option', { name: new RegExp(`^${channel.code} — `) }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: organization.name }).filter({ hasText: channel.code });
  await expect(row.first()).toBeVisible();
  const rows = await rowsOf();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].organization.documentId, organization.documentId);
  assert.deepEqual(
    rows[0].salesChannels.map((c) => c.documentId),
    [channel.documentId],
  );
  await shot('22-operators-row-added.png');
});

test('dates in the wrong order: the server names validUntil, nothing changes', async () => {
  await page.getByRole('button', { name: 'Modifier' }).first().click();
  const from = dialog.getByRole('combobox', { name: 'Valide à partir du' });
  await from.fill('01/02/2030');
  await from.press('Enter');
  const until = dialog.getByRole('combobox', { name: "Valide jusqu'au (inclus)" });
  await until.fill('01/01/2030');
  await until.press('Enter');
  // A click on the title closes the date picker's calendar before saving.
  await dialog.getByRole('heading', { name: 'Modifier la ligne de périmètre' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByText(/la fin de validité précède son début/).first()).toBeVisible();
  assert.equal((await rowsOf())[0].validFrom, null);
  await shot('23-operators-dates-refused.png');
  await until.fill('28/02/2030');
  await until.press('Enter');
  await dialog.getByRole('heading', { name: 'Modifier la ligne de périmètre' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const row = (await rowsOf())[0];
  assert.deepEqual([row.validFrom, row.validUntil, row.status], ['2030-02-01', '2030-02-28', 'future']);
});

test('edit the row: a note; then the whole institution', async () => {
  await page.getByRole('button', { name: 'Modifier' }).first().click();
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Renfort de saison');
  await dialog.getByRole('checkbox', { name: /Toute l'institution/ }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'Renfort de saison' }).first()).toBeVisible();
  const rows = await rowsOf();
  assert.equal(rows[0].institutionWide, true);
  assert.equal(rows[0].note, 'Renfort de saison');
  await shot('24-operators-row-edited.png');
});

test('delete the row after confirmation', async () => {
  await page.getByRole('button', { name: 'Supprimer' }).first().click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText('aucun périmètre')).toBeVisible();
  assert.deepEqual(await rowsOf(), []);
});
