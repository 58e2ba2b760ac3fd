// Browser test of the Content Manager forms (issue #19, issue #14 points 1 and 6): a sales calendar
// with an absolute and a relative period and an activity profile with « all events » off are
// created through the forms, each step showing only the fields that apply, with the plugin's
// descriptions; enumeration values, the « État » column and the state history are translated
// (French, then English); the console shows no missing translation or error from the plugin, no
// request answers 5xx, and /favicon.ico is an icon. Run by `npm run test:browser` after the other
// suites (@playwright/test, Debian chromium, built admin, demo season).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openSuite } from './harness.mjs';
import { adminApi, APP_DIR, loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

let suite;
let server;
let api;
let page;
let shot;
let main;
// Everything the pages say: console errors and warnings, missing messages, page errors, 5xx.
const problems = [];

/**
 * What the plugin may be asked to translate: its message ids, its types' and components' names
 * and its enumeration values (the Content Manager's keys for them), read from the schemas.
 */
const SERVER_SRC = path.join(APP_DIR, 'src/plugins/ticketing/server/src');
const schemaFiles = [
  ...fs.readdirSync(path.join(SERVER_SRC, 'content-types')).map((d) => path.join(SERVER_SRC, 'content-types', d, 'schema.json')),
  ...fs
    .readdirSync(path.join(SERVER_SRC, 'components'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(SERVER_SRC, 'components', f)),
].filter((f) => fs.existsSync(f));
const pluginWords = new Set();
for (const file of schemaFiles) {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  pluginWords.add(schema.info.displayName);
  for (const attribute of Object.values(schema.attributes)) for (const value of attribute.enum ?? []) pluginWords.add(value);
}
const isPluginMessage = (id) => /(^|\.)ticketing\.|plugin::ticketing\.|components\.ticketing\./.test(id) || pluginWords.has(id);

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ server, page, shot } = suite);
  api = adminApi(server.base, suite.token);
  main = page.locator('main');
  page.on('console', (message) => {
    const text = message.text();
    const missing = text.match(/MISSING_TRANSLATION\] Missing message: "([^"]+)"/);
    if (missing) {
      if (isPluginMessage(missing[1])) problems.push(`missing translation: ${missing[1]}`);
      return;
    }
    // A failed request is judged by its answer (below), not by the console line it leaves: Strapi's
    // own i18n asks /i18n/ai-localization-jobs/…/plugin::ticketing.…/undefined on every create page.
    if (text.startsWith('Failed to load resource')) return;
    if ((message.type() === 'error' || message.type() === 'warning') && /ticketing/i.test(text + (message.location()?.url ?? ''))) problems.push(`console ${message.type()}: ${text.slice(0, 300)}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${String(error).slice(0, 300)}`));
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    // Any 5xx; a 4xx from the plugin's own routes (the admin's and the website's).
    if (response.status() >= 500 || (response.status() >= 400 && /^\/(api\/)?ticketing\//.test(pathname))) {
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
});
test.afterAll(async () => suite?.close());

const cm = (uid) => `/content-manager/collection-types/plugin::ticketing.${uid}`;
/** The labels of the fields shown in an element (a form or a component entry). */
const labelsIn = (locator) =>
  locator.locator('label').evaluateAll((els) =>
    els.map((e) =>
      e.textContent
        .trim()
        .replace(/\*$/, '')
        .replace(/\s*\(\d+\)$/, '')
        .trim(),
    ),
  );
/** The fields shown whose name starts with `prefix` (a component entry's: `periods.1.`), without the prefix. */
const shownFields = (prefix) =>
  main.locator(`[name^="${prefix}"]`).evaluateAll((els, p) => [...new Set(els.filter((e) => e.getClientRects().length > 0).map((e) => e.getAttribute('name').slice(p.length)))], prefix);
const choose = async (scope, combobox, option) => {
  await scope.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};
const pickRelation = async (scope, combobox, option) => {
  await scope.getByRole('combobox', { name: combobox, exact: true }).click();
  await page
    .getByRole('option', { name: new RegExp(`^${option}`) })
    .first()
    .click();
  await page.keyboard.press('Escape');
};
const save = async () => {
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Enregistrer', exact: true })).toBeVisible();
};
const documentIdOfPage = () => new URL(page.url()).pathname.split('/').pop();
/**
 * The entry just added to a repeatable component: the Content Manager opens it (its accordion
 * region) and closes the others; its first field is still empty.
 */
const newEntry = async () => {
  await page.waitForFunction(() => {
    const regions = [...document.querySelectorAll('main [role="region"]')].filter((r) => r.getClientRects().length > 0);
    return regions.length === 1 && regions[0].querySelector('input')?.value === '';
  });
  return main.getByRole('region').last();
};

test('log in', async () => {
  await loginThroughUi(page, server.base);
});

let calendarId;
test('calendar, first period: an absolute opening shows the date and time, not days or hours; no closing fields', async () => {
  await page.goto(`${server.base}/admin${cm('sales-calendar')}/create`);
  await main.getByRole('textbox', { name: 'Nom', exact: true }).first().fill('Abonnés puis tous, par navigateur');
  await main.getByRole('textbox', { name: 'Code', exact: true }).fill('NAV-ABO-TOUS');
  await pickRelation(main, 'Organisme', 'OPERA-MONTVAL');
  await main.getByRole('button', { name: /Cliquez pour en ajouter une/ }).click();
  const period = await newEntry();
  await expect(period.getByRole('combobox', { name: "Type d'ouverture", exact: true })).toBeVisible();
  assert.equal(await period.getByRole('combobox', { name: "Type d'ouverture", exact: true }).innerText(), 'Date et heure précise');
  assert.deepEqual(await labelsIn(period), ['Nom', "Type d'ouverture", "Date et heure d'ouverture", 'Type de fermeture', 'Catégories de public']);
  // (The date-time picker carries no name: its label is checked above.)
  assert.deepEqual(await shownFields('periods.0.'), ['name', 'openingKind', 'closingKind', 'audienceCategories']);
  // The descriptions, in the manual's words.
  await expect(period.getByText("Définir une date d'ouverture des ventes : soit avec une date et heure prédéfinie")).toBeVisible();
  await expect(period.getByText("Date et heure d'ouverture des ventes (heure de l'institution). Ex. : 01/06/2027 10:00")).toBeVisible();
  // (Enter in the pickers would submit the form: the date is typed then left, the time chosen.)
  const date = period.getByRole('combobox', { name: 'Choose date' });
  await date.fill('01/06/2027');
  await date.press('Tab');
  await period.getByRole('combobox', { name: 'Choose time' }).click();
  await page.getByRole('option', { name: '10:00', exact: true }).click();
  await choose(period, 'Type de fermeture', 'Date et heure précise');
  assert.deepEqual(await labelsIn(period), ['Nom', "Type d'ouverture", "Date et heure d'ouverture", 'Type de fermeture', 'Date et heure de fermeture', 'Catégories de public']);
  await choose(period, 'Type de fermeture', 'À la date de la séance (avec tolérance horaire)');
  assert.deepEqual(await labelsIn(period), ['Nom', "Type d'ouverture", "Date et heure d'ouverture", 'Type de fermeture', 'Catégories de public']);
  await period.getByRole('textbox', { name: 'Nom', exact: true }).fill('Abonnés');
  await pickRelation(period, 'Catégories de public', 'ABONNE');
  await shot('30-calendar-absolute-period.png');
});

test('calendar, second period: a relative opening shows days and hours, not the date; a relative closing likewise', async () => {
  await main.getByRole('button', { name: 'Ajouter une nouvelle entrée' }).click();
  await expect(main.getByText('Périodes de vente (2)')).toBeVisible();
  const field = (name) => main.locator(`[name="periods.1.${name}"]`);
  await expect(field('openingKind')).toBeVisible();
  const period = main.getByRole('region').filter({ has: page.locator('[name="periods.1.openingKind"]') });
  await field('name').fill('Tout public');
  await field('openingKind').click();
  await page.getByRole('option', { name: 'Jours et/ou heures avant la séance', exact: true }).click();
  assert.deepEqual(await shownFields('periods.1.'), ['name', 'openingKind', 'openingDays', 'openingHours', 'closingKind', 'audienceCategories']);
  assert.equal(await period.getByRole('group', { name: "Date et heure d'ouverture" }).count(), 0);
  assert.deepEqual(await labelsIn(period), ['Nom', "Type d'ouverture", 'Ouverture : jours avant la séance', 'Ouverture : heures avant la séance', 'Type de fermeture', 'Catégories de public']);
  await field('openingDays').fill('30');
  await field('closingKind').click();
  await page.getByRole('option', { name: 'Jours et/ou heures avant la séance', exact: true }).click();
  assert.deepEqual(await shownFields('periods.1.'), ['name', 'openingKind', 'openingDays', 'openingHours', 'closingKind', 'closingDays', 'closingHours', 'audienceCategories']);
  await period
    .getByText("Nombre d'heures avant le début de la séance, en plus des jours (entier ≥ 0). Jours et heures ne peuvent pas être tous deux à 0. Ex. : 2 pour arrêter 2 heures avant")
    .waitFor();
  await field('closingHours').fill('2');
  await field('audienceCategories').click();
  await page
    .getByRole('option', { name: /^OCCASIONNEL/ })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await shot('31-calendar-relative-period.png');
});

test('calendar saved: the absolute and the relative period, no hidden value stored', async () => {
  await save();
  calendarId = documentIdOfPage();
  const calendar = (await api('GET', `${cm('sales-calendar')}/${calendarId}`)).data;
  const periods = calendar.periods.map((p) => ({
    name: p.name,
    openingKind: p.openingKind,
    opensAt: p.opensAt,
    openingDays: p.openingDays,
    openingHours: p.openingHours,
    closingKind: p.closingKind,
    closesAt: p.closesAt,
    closingDays: p.closingDays,
    closingHours: p.closingHours,
  }));
  assert.deepEqual(periods, [
    {
      name: 'Abonnés',
      openingKind: 'absolute',
      opensAt: '2027-06-01T08:00:00.000Z',
      openingDays: null,
      openingHours: null,
      closingKind: 'atPerformance',
      closesAt: null,
      closingDays: null,
      closingHours: null,
    },
    { name: 'Tout public', openingKind: 'relative', opensAt: null, openingDays: 30, openingHours: null, closingKind: 'relative', closesAt: null, closingDays: null, closingHours: 2 },
  ]);
  await shot('32-calendar-saved.png');
});

test('activity profile: « all events » on hides the events; off shows them, with their performances', async () => {
  await page.goto(`${server.base}/admin${cm('activity-profile')}/create`);
  await main.getByRole('textbox', { name: 'Nom', exact: true }).fill('Carmen, première catégorie, sur internet');
  await main.getByRole('textbox', { name: 'Code', exact: true }).fill('NAV-CARMEN-WEB');
  await pickRelation(main, 'Organisme', 'OPERA-MONTVAL');
  const before = await labelsIn(main);
  for (const hidden of ['Événements', 'Sous-catégories de public', 'Catégories de place', 'Types de tarif'])
    assert.ok(!before.some((l) => l.startsWith(hidden)), `${hidden} hidden while its « all » switch is on`);
  await expect(main.getByText('Activé : le profil s’associe automatiquement à tous les événements')).toBeVisible();
  await shot('33-profile-all-events.png');
  await main.getByRole('checkbox', { name: 'Associer tous les événements au profil' }).click();
  await main.getByRole('button', { name: /Cliquez pour en ajouter une/ }).click();
  const event = await newEntry();
  await pickRelation(event, 'Événement', 'CARMEN');
  await pickRelation(event, 'Séances', 'CARMEN-20271012');
  await main.getByRole('checkbox', { name: 'Toutes les catégories de place' }).click();
  await pickRelation(main, 'Catégories de place', 'CAT1');
  await pickRelation(main, 'Filières de vente', 'WEB');
  const after = await labelsIn(main);
  assert.ok(after.includes('Catégories de place') && !after.includes('Types de tarif') && !after.includes('Sous-catégories de public'), after.join(' | '));
  await shot('34-profile-events-off.png');
  await save();
  const profile = (await api('GET', `${cm('activity-profile')}/${documentIdOfPage()}`)).data;
  assert.equal(profile.allEvents, false);
  assert.equal(profile.events.length, 1);
  assert.equal(profile.allSeatCategories, false);
  const stored = await api('GET', `${cm('activity-profile')}/${profile.documentId}?populate[events][populate]=*&populate[seatCategories]=true`);
  const events = stored.data.events ?? [];
  assert.ok(events.length === 1, JSON.stringify(stored.data.events));
});

test('activity profile: « all events » back on, saved: the event list is gone (cleared, not hidden)', async () => {
  await main.getByRole('checkbox', { name: 'Associer tous les événements au profil' }).click();
  assert.ok(!(await labelsIn(main)).some((l) => l.startsWith('Événements')));
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page
    .getByText(/Enregistré|Sauvegardé/)
    .first()
    .waitFor({ timeout: 20_000 });
  const profile = (await api('GET', `${cm('activity-profile')}/${documentIdOfPage()}`)).data;
  assert.equal(profile.allEvents, true);
  assert.deepEqual(profile.events, []);
  await shot('35-profile-all-events-again.png');
});

test('list views: an « État » column with translated states', async () => {
  await page.goto(`${server.base}/admin${cm('sales-calendar')}`);
  await expect(main.getByRole('gridcell', { name: 'État', exact: true })).toBeVisible({ timeout: 30_000 });
  const row = main.getByRole('row').filter({ hasText: 'NAV-ABO-TOUS' });
  await expect(row.getByText('En création', { exact: true })).toBeVisible();
  await expect(main.getByRole('row').filter({ hasText: 'ABO-PUIS-TOUS' }).getByText('Validé', { exact: true })).toBeVisible();
  assert.doesNotMatch(await main.innerText(), /\b(draft|validated)\b/);
  await page.goto(`${server.base}/admin${cm('activity-profile')}`);
  await expect(main.getByRole('row').filter({ hasText: 'STRUCTURES-GROUPES' }).getByText('Structures', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(main.getByRole('row').filter({ hasText: 'WEB-DON-GIOVANNI' }).getByText('Grand public', { exact: true })).toBeVisible();
  assert.doesNotMatch(await main.innerText(), /\b(draft|validated|structure)\b/);
  await page.goto(`${server.base}/admin${cm('sales-calendar')}`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await shot('36-list-state-column.png');
  // The list filter offers the states by their names.
  await main.getByRole('button', { name: 'Filtres' }).click();
  await page.getByRole('combobox', { name: /Sélectionner un champ|Select field/ }).click();
  await page.getByRole('option', { name: 'État', exact: true }).click();
  await page.getByText('Choisissez ici', { exact: true }).click();
  for (const state of ['En création', 'Validé', 'Retiré']) await page.getByRole('option', { name: state, exact: true }).waitFor();
  await shot('37-list-filter-states.png');
  await page.keyboard.press('Escape');
});

test('state history: type, action and states by their names', async () => {
  const draft = (await api('GET', `${cm('sales-calendar')}?page=1&pageSize=100`)).results.find((c) => c.code === 'CONCERTS-PRINTEMPS');
  const validated = await api('POST', `/ticketing/sales-calendars/${draft.documentId}/transitions`, { action: 'validate' });
  assert.equal(validated.data?.to, 'validated', JSON.stringify(validated));
  await page.goto(`${server.base}/admin/content-manager`);
  await page.getByRole('link', { name: 'Historique des états', exact: true }).click();
  const row = main.getByRole('row').filter({ hasText: 'CONCERTS-PRINTEMPS' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const text = await row.textContent();
  for (const word of ['Valider', 'En création', 'Validé']) assert.ok(text.includes(word), `${word} in « ${text} »`);
  await shot('38-state-history.png');
  await row.getByRole('link').first().click();
  await expect(main.getByRole('combobox', { name: 'Action', exact: true })).toBeVisible();
  assert.equal(await main.getByRole('combobox', { name: 'Action', exact: true }).innerText(), 'Valider');
});

test('in English: labels, options, descriptions and states', async () => {
  await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'en'));
  await page.goto(`${server.base}/admin${cm('sales-calendar')}/${calendarId}`);
  await expect(main.getByText('Sales periods (2)')).toBeVisible({ timeout: 30_000 });
  const period = main.getByRole('region').last();
  if (!(await period.isVisible().catch(() => false)))
    await main
      .getByRole('button', { name: /Tout public/ })
      .first()
      .click();
  await expect(main.getByText('How sales open: either at a predefined date and time, or a number of days and/or hours before the performance starts.').first()).toBeVisible();
  const opening = main.getByRole('combobox', { name: 'Opening kind', exact: true }).last();
  assert.equal(await opening.innerText(), 'Days and/or hours before the performance');
  assert.equal(await main.getByRole('combobox', { name: 'State', exact: true }).innerText(), 'Draft');
  await shot('39-calendar-in-english.png');
  await page.goto(`${server.base}/admin${cm('activity-profile')}`);
  await expect(main.getByRole('gridcell', { name: 'State', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(main.getByRole('row').filter({ hasText: 'NAV-CARMEN-WEB' }).getByText('General public', { exact: true })).toBeVisible();
  await shot('40-profiles-in-english.png');
  await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'fr'));
});

test('favicon: GET /favicon.ico is an icon', async () => {
  const icon = await page.evaluate(async (base) => {
    const res = await fetch(`${base}/favicon.ico`);
    return { status: res.status, type: res.headers.get('content-type'), head: [...new Uint8Array(await res.arrayBuffer()).slice(0, 4)] };
  }, server.base);
  assert.deepEqual(icon, { status: 200, type: 'image/x-icon', head: [0, 0, 1, 0] });
});

test('no missing translation or error from the plugin in the console, no 5xx, on every page visited', async () => {
  assert.deepEqual(problems, []);
});
