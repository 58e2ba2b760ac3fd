// Browser test of the « Billetterie » pages: @playwright/test + Debian chromium against a real Strapi
// with the demo season. Run with `npm run test:browser`. Screenshots: test-results/screenshots/.
import assert from 'node:assert/strict';
import { expect, test } from '@playwright/test';
import { openSuite } from './harness.mjs';
import { loginThroughUi } from './server.mjs';

test.describe.configure({ mode: 'serial' });

let suite;
let server;
let token;
let page;
let shot;
// Every console error, and every warning or error naming the plugin (e.g. a missing translation `ticketing.…`).
const consoleProblems = [];

test.beforeAll(async ({ browser }) => {
  suite = await openSuite(browser);
  ({ server, token, page, shot } = suite);
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || ((msg.type() === 'warning' || msg.type() === 'warn') && /ticketing/i.test(text))) consoleProblems.push(`${msg.type()}: ${text}`);
  });
  page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  // Server errors of the plugin's routes (the console does not say which resource answered 5xx).
  page.on('response', (res) => {
    if (res.status() >= 500) consoleProblems.push(`response ${res.status()}: ${res.url()}`);
  });
});
test.afterAll(async () => suite?.close());

const api = (p) => fetch(`${server.base}${p}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
const lane = (key) => page.locator(`[data-testid="timeline-lane"][data-lane="${key}"]`);
const waitForAt = (iso) => page.waitForSelector(`[data-testid="timeline"][data-at="${iso}"][data-loading="false"]`, { timeout: 30_000 });
/** The filters panel (collapsed by default) opened, then a design-system select's option chosen by its label. */
const openFilters = async () => {
  if ((await page.locator('[data-testid="filters"]').count()) === 0) await page.locator('[data-testid="filters-toggle"]').click();
  await expect(page.locator('[data-testid="filters"]')).toBeVisible();
};
const choose = async (label, option) => {
  if (label !== 'Saison') await openFilters();
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};
/** The time machine (design-system date-time picker, admin's locale, institution's zone): a day (dd/mm/yyyy) and a time. */
const setInstant = async (day, time) => {
  const inputs = page.locator('[data-testid="time-machine"] input[role="combobox"]');
  const date = inputs.nth(0);
  await date.click();
  await date.fill(day);
  await date.blur();
  const hour = inputs.nth(1);
  await hour.click();
  await hour.fill(time);
  await page.getByRole('option', { name: time, exact: true }).click();
};

test('log in through the login form', async () => {
  await loginThroughUi(page, server.base);
  await shot('01-logged-in.png');
});

test('open the timeline from the « Billetterie » menu entry', async () => {
  await page.locator('nav a[href$="/plugins/ticketing"]').first().click();
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Billetterie' })).toBeVisible();
  await shot('02-timeline.png');
});

test('filter: event Carmen, channel Internet', async () => {
  await choose('Événement', 'Carmen');
  await choose('Filière de vente', 'Internet');
  const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
  assert.ok(keys.length > 0);
  for (const key of keys) assert.match(key, /^CARMEN-\d+\|WEB\|/);
  await shot('03-filtered-carmen-web.png');
});

test('time machine: 15 June 2027 10:00, subscribers on sale, occasional buyers soon', async () => {
  // A date-time picker of the design system, in the admin's locale (dd/mm/yyyy, 24 h) and the institution's zone.
  assert.equal(await page.locator('input[type="datetime-local"], select').count(), 0, 'no native date field nor select');
  await expect(page.locator('[data-testid="time-machine"]')).toHaveAttribute('data-zone', 'Europe/Paris');
  await setInstant('15/06/2027', '10:00');
  await waitForAt('2027-06-15T08:00:00.000Z');
  await expect(lane('CARMEN-20271012|WEB|ABONNE')).toHaveAttribute('data-status', 'ON_SALE');
  await expect(lane('CARMEN-20271012|WEB|OCCASIONNEL')).toHaveAttribute('data-status', 'SOON_ON_SALE');
  assert.equal(await page.locator('[data-testid="time-machine"] input[role="combobox"]').nth(0).inputValue(), '15/06/2027');
  await shot('04-time-machine-2027-06-15.png');
  // And on 1 September everyone may buy.
  await setInstant('01/09/2027', '10:00');
  await waitForAt('2027-09-01T08:00:00.000Z');
  await expect(lane('CARMEN-20271012|WEB|OCCASIONNEL')).toHaveAttribute('data-status', 'ON_SALE');
  await setInstant('15/06/2027', '10:00');
  await waitForAt('2027-06-15T08:00:00.000Z');
});

test('keyboard: focus a lane and open its explanation with Enter; check the reasons', async () => {
  const button = lane('CARMEN-20271012|WEB|OCCASIONNEL').locator('[data-testid="timeline-lane-button"]');
  await button.focus();
  await page.keyboard.press('Enter');
  const panel = page.locator('[data-testid="explanation"]');
  await expect(panel.locator('[data-testid="explanation-answer"]').first()).toBeVisible({ timeout: 20_000 });
  const answers = await panel.locator('[data-testid="explanation-answer"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-subcategory'), e.getAttribute('data-status')]));
  assert.deepEqual(
    answers.map((a) => a[1]),
    answers.map(() => 'SOON_ON_SALE'),
  );
  assert.ok(answers.some((a) => a[0] === 'OCC-PLEIN'));
  const codes = await panel.locator('[data-testid="explanation-reason"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  assert.ok(codes.length > 0 && codes.every((c) => c === 'NOT_YET_OPEN'), `reasons: ${codes}`);
  assert.match(await panel.innerText(), /Les ventes ne sont pas encore ouvertes/);
  const links = await panel.locator('a[href*="/admin/content-manager/collection-types/plugin::ticketing."]').count();
  assert.ok(links >= 4, `links to the Content Manager: ${links}`);
  // Names first, the code small beside; reason codes only behind « Détails ».
  const text = await panel.innerText();
  assert.match(text, /Internet/);
  assert.match(text, /ABO-PUIS-TOUS/);
  assert.equal(await panel.locator('[data-testid="reason-code"]').count(), 0, 'reason codes hidden until « Détails »');
  assert.doesNotMatch(text, /NOT_YET_OPEN/);
  // Capacity (issue #17): Carmen plays in the demo hall: each answer says what is left now per seat category and which pool binds.
  const categories = await panel.locator('[data-testid="explanation-capacity-category"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-available'))));
  assert.ok(categories.length > 0 && categories.every((n) => n >= 0), `capacity categories: ${categories}`);
  assert.match(text, /Places restantes maintenant/);
  assert.equal(await panel.locator('[data-testid="explanation-pool"]').count(), 0, 'pools hidden until « Détails »');
  await shot('05-explanation-occasionnel.png');
  await panel.locator('[data-testid="details-toggle"]').click();
  await expect(panel.locator('[data-testid="reason-code"]').first()).toBeVisible();
  assert.match(await panel.innerText(), /NOT_YET_OPEN/);
  assert.ok((await panel.locator('[data-testid="explanation-pool"][data-kind="securityGauge"]').count()) > 0, 'every pool behind « Détails »');
  await shot('05c-explanation-details.png');
  await panel.locator('[data-testid="details-toggle"]').click();
  await panel.locator('[data-testid="explanation-close"]').click();
});

test('keyboard: ↓/↑ move between lanes (across performances), Escape closes the explanation', async () => {
  // Lanes in row order (the virtual list positions rows absolutely: order by aria-rowindex).
  const ordered = async () =>
    (await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('aria-rowindex')), e.getAttribute('data-lane')])))
      .sort((a, b) => a[0] - b[0])
      .map((x) => x[1]);
  const focused = () => page.evaluate(() => document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane') ?? null);
  const keys = await ordered();
  const start = keys.indexOf('CARMEN-20271012|WEB|ABONNE');
  assert.ok(start >= 0 && start + 1 < keys.length, `lanes: ${keys}`);
  await lane(keys[start]).locator('[data-testid="timeline-lane-button"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((k) => document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane') === k, keys[start + 1], { timeout: 5_000 });
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), keys[start]);
  // From the last lane of the first performance, ↓ skips the next performance's header row.
  const firstPerformance = keys[0].split('|')[0];
  const last = keys.filter((k) => k.startsWith(`${firstPerformance}|`)).length - 1;
  assert.ok(keys[last + 1] && !keys[last + 1].startsWith(`${firstPerformance}|`), 'the season shows several Carmen performances');
  await lane(keys[last]).locator('[data-testid="timeline-lane-button"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((k) => document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane') === k, keys[last + 1], { timeout: 5_000 });
  // ↑ on the first lane stays there.
  await lane(keys[0]).locator('[data-testid="timeline-lane-button"]').focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), keys[0]);
  // Enter opens the explanation of the focused lane; Escape closes it and gives the focus back.
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((k) => document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane') === k, keys[1], { timeout: 5_000 });
  await page.keyboard.press('Enter');
  const panel = page.locator('[data-testid="explanation"]');
  await expect(panel.locator('[data-testid="explanation-answer"]').first()).toBeVisible({ timeout: 20_000 });
  await shot('05b-explanation-by-keyboard.png');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await focused(), keys[1]);
});

test('a bar opens the explanation too (Carmen by phone: not on sale, every reason)', async () => {
  await choose('Filière de vente', 'Téléphone');
  await lane('CARMEN-20271012|TELEPHONE|ABONNE').locator('[data-testid="timeline-bar"]').first().click();
  const panel = page.locator('[data-testid="explanation"]');
  await expect(panel.locator('[data-testid="explanation-answer"]').first()).toBeVisible();
  const statuses = await panel.locator('[data-testid="explanation-answer"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  assert.ok(
    statuses.every((s) => s === 'NOT_ON_SALE'),
    `statuses: ${statuses}`,
  );
  // The reasons name the channel (« Téléphone »), not its code, and leave no stray link after them.
  const reasons = await panel.locator('[data-testid="explanation-reason"]').allInnerTexts();
  assert.ok(
    reasons.some((r) => r.includes('« Téléphone »')),
    `reasons: ${reasons}`,
  );
  assert.ok(
    reasons.every((r) => !r.includes('« TELEPHONE »')),
    `reasons: ${reasons}`,
  );
  assert.equal(await panel.locator('[data-testid="explanation-reason"] a').count(), 0, 'no link inside the reasons');
  await shot('06-explanation-telephone.png');
  await panel.locator('[data-testid="explanation-close"]').click();
});

const requiemBars = async () => {
  await choose('Événement', 'Requiem de Mozart');
  await choose('Filière de vente', 'Internet');
  await page.waitForSelector('[data-testid="timeline-lane"]');
  return page.locator('[data-testid="timeline-lane"] [data-testid="timeline-bar"]').count();
};

test('draft preview: « inclure les brouillons » shows CONCERTS-PRINTEMPS windows, highlighted', async () => {
  await setInstant('01/02/2028', '10:00');
  await waitForAt('2028-02-01T09:00:00.000Z');
  assert.equal(await requiemBars(), 0, 'Requiem has no window while its calendar is a draft');
  // The explanation names the draft that would change the answer, with a link to it.
  await page.locator('[data-testid="timeline-lane"][data-lane^="REQUIEM-"][data-lane$="|WEB|OCCASIONNEL"] [data-testid="timeline-lane-button"]').first().click();
  const panel = page.locator('[data-testid="explanation"]');
  const draft = panel.locator('[data-testid="explanation-draft"][data-code="CONCERTS-PRINTEMPS"]').first();
  await expect(draft).toBeVisible({ timeout: 20_000 });
  await expect(draft).toHaveAttribute('data-status', 'ON_SALE');
  assert.match(await draft.innerText(), /Concerts de printemps/);
  assert.match(await draft.locator('a').first().getAttribute('href'), /plugin::ticketing\.sales-calendar\//);
  assert.equal(await panel.locator('[data-testid="preview-banner"]').count(), 0);
  await shot('07a-explanation-draft-named.png');
  await panel.locator('[data-testid="explanation-close"]').click();
  await page.locator('[data-testid="include-drafts"]').click();
  await page.waitForSelector('[data-testid="changed-count"]');
  await page.waitForSelector('[data-testid="timeline"][data-loading="false"]');
  assert.ok((await page.locator('[data-testid="timeline-lane"][data-changed="true"]').count()) > 0);
  assert.ok((await page.locator('[data-testid="timeline-bar"]').count()) > 0);
  await expect(page.locator('[data-testid="preview-badge"]')).toBeVisible();
  await shot('07-draft-preview.png');
  // In the preview, the explanation says the answer is not in force yet, and what is.
  await page.locator('[data-testid="timeline-lane"][data-lane^="REQUIEM-"][data-lane$="|WEB|OCCASIONNEL"] [data-testid="timeline-lane-button"]').first().click();
  await expect(panel.locator('[data-testid="explanation-answer"]').first()).toBeVisible({ timeout: 20_000 });
  assert.match(await panel.locator('[data-testid="preview-banner"]').innerText(), /Aperçu — pas encore en vigueur/);
  await expect(panel.locator('[data-testid="explanation-live"]').first()).toHaveAttribute('data-status', 'NOT_ON_SALE');
  await shot('07b-draft-preview-explanation.png');
  await panel.locator('[data-testid="explanation-close"]').click();
  await page.locator('[data-testid="include-drafts"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="changed-count"]'));
});

test('validate CONCERTS-PRINTEMPS from the side panel of the Content Manager', async () => {
  const list = await api('/content-manager/collection-types/plugin::ticketing.sales-calendar?page=1&pageSize=100');
  const calendar = list.results.find((c) => c.code === 'CONCERTS-PRINTEMPS');
  assert.ok(calendar, 'the demo draft calendar exists');
  await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::ticketing.sales-calendar/${calendar.documentId}`);
  const validate = page.getByRole('button', { name: 'Valider', exact: true });
  await expect(validate).toBeVisible({ timeout: 60_000 });
  await validate.click();
  // Before validating, the dialog shows what validating changes (GET /ticketing/impact): the
  // Requiem performances open on the channels of the calendar's periods.
  const impact = await api(`/ticketing/impact?type=salesCalendar&id=${calendar.documentId}`);
  assert.equal(impact.data.applicable, true);
  const gained = impact.data.channels.filter((c) => c.gained.length > 0);
  assert.ok(gained.length > 0, 'validating CONCERTS-PRINTEMPS opens sale windows');
  const preview = page.locator('[data-testid="impact-preview"]');
  await expect(preview).toBeVisible({ timeout: 20_000 });
  for (const c of gained) {
    const section = preview.locator(`[data-testid="impact-channel"][data-channel="${c.channel.code}"][data-kind="gained"]`);
    await expect(section, `channel ${c.channel.code}`).toHaveAttribute('data-count', String(c.gained.length));
    const text = await section.innerText();
    assert.match(text, new RegExp(`ouvren?t? sur ${c.channel.name}`));
    for (const e of c.gained) assert.ok(text.includes(e.performance.code), `${e.performance.code} listed under ${c.channel.code}`);
  }
  assert.ok(
    gained.flatMap((c) => c.gained).some((e) => e.performance.code.startsWith('REQUIEM-')),
    'Requiem uses CONCERTS-PRINTEMPS',
  );
  await shot('08a-validate-dialog-impact.png');
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(page.getByText('Validé', { exact: false }).first()).toBeVisible({ timeout: 90_000 });
  await shot('08-calendar-validated.png');
  const after = await api(`/ticketing/sales-calendars/${calendar.documentId}/transitions`);
  assert.equal(after.data.state, 'validated');
});

test('the timeline changed: Requiem now has sale windows', async () => {
  await page.goto(`${server.base}/admin/plugins/ticketing`);
  await page.waitForSelector('[data-testid="timeline-lane"]');
  await setInstant('01/02/2028', '10:00');
  await waitForAt('2028-02-01T09:00:00.000Z');
  assert.ok((await requiemBars()) > 0, 'Requiem has windows once its calendar is validated');
  await shot('09-timeline-after-validation.png');
});

test('problems and setup steps tabs', async () => {
  await page.getByRole('tab', { name: 'Problèmes' }).click();
  await page.waitForSelector('[data-testid="problem"], [data-testid="problems-none"]');
  assert.equal(await page.locator('[data-testid="problem"][data-code="SETUP_STEP_MISSING"]').count(), 0, 'the demo season has every mandatory step');
  await shot('10-problems.png');
  await page.getByRole('tab', { name: 'Étapes de paramétrage' }).click();
  await page.waitForSelector('[data-testid="setup-step"]');
  await expect(page.locator('[data-testid="setup-step"]')).toHaveCount(21);
  await expect(page.locator('[data-testid="setup-step"][data-step="salesCalendars"]')).toHaveAttribute('data-done', 'true');
  // The optional step looks optional.
  const products = page.locator('[data-testid="setup-step"][data-step="products"]');
  await expect(products).toHaveAttribute('data-required', 'false');
  await expect(products.locator('[data-testid="setup-optional"]')).toBeVisible();
  await shot('11-setup-steps.png');
});

test('settings › Billetterie › Opérateurs et droits: the preset roles and an effective-rights table', async () => {
  await page.goto(`${server.base}/admin/settings/ticketing/operators`);
  await expect(page.getByRole('heading', { name: 'Opérateurs et droits effectifs' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Restaurer les rôles prédéfinis' })).toBeVisible();
  await shot('12-operators.png');
});

// Lane grouping (issue #7): the grouped lanes are computed in the page from the same answer.
const GROUPING_LABELS = { channelCategory: 'Filière × catégorie de public', channel: 'Filière', category: 'Catégorie de public' };
const setGrouping = async (grouping) => {
  await choose('Une ligne par', GROUPING_LABELS[grouping]);
  await page.waitForSelector(`[data-testid="timeline"][data-grouping="${grouping}"]`);
};

test('grouping « Filière »: Carmen’s WEB lane shows the best status of its categories', async () => {
  await page.goto(`${server.base}/admin/plugins/ticketing`);
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
  await choose('Événement', 'Carmen');
  await setInstant('15/06/2027', '10:00');
  await waitForAt('2027-06-15T08:00:00.000Z');
  // Channel × category first: on 15 June subscribers may buy on the internet, occasional buyers not yet.
  await expect(lane('CARMEN-20271012|WEB|ABONNE')).toHaveAttribute('data-status', 'ON_SALE');
  await expect(lane('CARMEN-20271012|WEB|OCCASIONNEL')).toHaveAttribute('data-status', 'SOON_ON_SALE');
  const categories = await page.locator('[data-testid="timeline-lane"][data-lane^="CARMEN-20271012|WEB|"]').count();
  await setGrouping('channel');
  const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
  assert.ok(keys.length > 0 && keys.every((k) => /^CARMEN-\d+\|[A-Z-]+\|\*$/.test(k)), `lanes: ${keys}`);
  const web = lane('CARMEN-20271012|WEB|*');
  await expect(web, 'ON_SALE (subscribers) beats SOON_ON_SALE (occasional buyers)').toHaveAttribute('data-status', 'ON_SALE');
  await expect(web).toHaveAttribute('data-members', String(categories));
  // The WEB lane has a bar on sale now (the subscribers' window) drawn in the on-sale colour.
  assert.ok((await web.locator('[data-testid="timeline-bar"][data-status="ON_SALE"]').count()) > 0);
  // No profile sells Carmen by phone: every category is not on sale, and so is the grouped lane.
  await expect(lane('CARMEN-20271012|TELEPHONE|*')).toHaveAttribute('data-status', 'NOT_ON_SALE');
  await expect(page.locator('[data-testid="grouping-hint"]')).toBeVisible();
  await shot('13-grouping-channel.png');
});

test('grouping « Catégorie de public »: occasional buyers soon on sale (WEB) beats not on sale (phone)', async () => {
  await setGrouping('category');
  const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
  assert.ok(keys.length > 0 && keys.every((k) => /^CARMEN-\d+\|\*\|[A-Z-]+$/.test(k)), `lanes: ${keys}`);
  await expect(lane('CARMEN-20271012|*|ABONNE')).toHaveAttribute('data-status', 'ON_SALE');
  await expect(lane('CARMEN-20271012|*|OCCASIONNEL')).toHaveAttribute('data-status', 'SOON_ON_SALE');
  await shot('14-grouping-category.png');
  await setGrouping('channel');
});

test('the explanation docks beside the timeline: lanes fully visible, each category listed', async () => {
  const scroll = page.locator('[data-testid="timeline-scroll"]');
  const widthBefore = await scroll.evaluate((e) => e.clientWidth);
  const web = lane('CARMEN-20271012|WEB|*');
  const onSaleBar = web.locator('[data-testid="timeline-bar"][data-status="ON_SALE"]').first();
  const barBefore = (await onSaleBar.boundingBox()).width;
  await page.locator('[data-testid="timeline"]').evaluate(
    (e, [w, b]) => {
      e.setAttribute('data-width-before', String(w));
      e.setAttribute('data-bar-before', String(b));
    },
    [widthBefore, barBefore],
  );
  await web.locator('[data-testid="timeline-lane-button"]').click();
  const panel = page.locator('[data-testid="explanation"]');
  await expect(panel.locator('[data-testid="explanation-lane"]').first()).toBeVisible({ timeout: 20_000 });
  // Every category of the grouped lane is listed and explained.
  const members = Number(await web.getAttribute('data-members'));
  await expect(panel.locator('[data-testid="explanation-member"]')).toHaveCount(members);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="explanation-lane"]').length === n, members, { timeout: 20_000 });
  await expect(panel.locator('[data-testid="explanation-summary"]')).toHaveAttribute('data-status', 'ON_SALE');
  const channels = await panel.locator('[data-testid="explanation-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel')));
  assert.ok(
    channels.every((c) => c === 'WEB'),
    `channels: ${channels}`,
  );
  // The timeline narrowed (its scale recomputed) instead of being covered.
  await page.waitForFunction((w) => document.querySelector('[data-testid="timeline-scroll"]').clientWidth < w, widthBefore, { timeout: 5_000 });
  const box = await panel.boundingBox();
  const boxes = await page.locator('[data-testid="timeline-lane"], [data-testid="timeline-bar"], [data-testid="timeline-scroll"]').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { lane: e.getAttribute('data-lane') ?? e.getAttribute('data-testid'), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
  assert.ok(boxes.length > 2);
  for (const b of boxes) {
    const overlaps = b.right > box.x && b.left < box.x + box.width && b.bottom > box.y && b.top < box.y + box.height;
    assert.ok(!overlaps, `${b.lane} (${Math.round(b.left)}–${Math.round(b.right)}) overlaps the explanation (${Math.round(box.x)}–${Math.round(box.x + box.width)})`);
  }
  // The x scale follows the width: the same window is drawn shorter.
  assert.ok((await onSaleBar.boundingBox()).width < barBefore, 'the bars narrow with the timeline');
  // No horizontal scrolling: the lanes fit the narrowed timeline.
  assert.ok(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth), 'the lanes fit the timeline');
  // The selected lane is within the timeline's visible rows.
  const [laneBox, scrollBox] = [await web.boundingBox(), await scroll.boundingBox()];
  assert.ok(laneBox.y >= scrollBox.y && laneBox.y + laneBox.height <= scrollBox.y + scrollBox.height, 'the selected lane stays visible');
  await shot('15-explanation-beside-timeline.png');
});

test('Escape closes the explanation and gives the timeline its width back', async () => {
  const widthBefore = Number(await page.locator('[data-testid="timeline"]').getAttribute('data-width-before'));
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="explanation"]').waitFor({ state: 'detached', timeout: 5_000 });
  await page.waitForFunction((w) => document.querySelector('[data-testid="timeline-scroll"]').clientWidth === w, widthBefore, { timeout: 5_000 });
  // The scale follows: the WEB lane's bar is as wide as before; the focus is back on the lane.
  const barBefore = Number(await page.locator('[data-testid="timeline"]').getAttribute('data-bar-before'));
  const barAfter = (await lane('CARMEN-20271012|WEB|*').locator('[data-testid="timeline-bar"][data-status="ON_SALE"]').first().boundingBox()).width;
  assert.ok(Math.abs(barAfter - barBefore) < 0.5, `bar width ${barAfter} after, ${barBefore} before`);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-testid="timeline-lane"]')?.getAttribute('data-lane') ?? null), 'CARMEN-20271012|WEB|*');
  await shot('16-explanation-closed.png');
});

test('narrow window: the explanation docks under the timeline instead of squeezing it', async () => {
  await page.setViewportSize({ width: 1100, height: 1000 });
  const scroll = page.locator('[data-testid="timeline-scroll"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-scroll"]').clientWidth < 1100);
  const widthBefore = await scroll.evaluate((e) => e.clientWidth);
  await lane('CARMEN-20271012|WEB|*').locator('[data-testid="timeline-lane-button"]').click();
  const panel = page.locator('[data-testid="explanation"]');
  await expect(panel.locator('[data-testid="explanation-lane"]').first()).toBeVisible({ timeout: 20_000 });
  const [panelBox, scrollBox] = [await panel.boundingBox(), await scroll.boundingBox()];
  assert.ok(panelBox.y >= scrollBox.y + scrollBox.height, `the panel (top ${Math.round(panelBox.y)}) is under the timeline (bottom ${Math.round(scrollBox.y + scrollBox.height)})`);
  assert.equal(await scroll.evaluate((e) => e.clientWidth), widthBefore, 'the timeline keeps its width');
  assert.ok(await scroll.evaluate((e) => e.scrollWidth <= e.clientWidth), 'the lanes fit the timeline');
  assert.ok(panelBox.y < 1000 && panelBox.y + 40 <= 1000, 'the panel was brought into view');
  await shot('17-explanation-under-timeline-narrow.png');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached', timeout: 5_000 });
  await page.setViewportSize({ width: 1600, height: 1000 });
});

const distinct = (list) => new Set(list.map((c) => c.toLowerCase())).size === list.length;
const legendColours = async () => [
  ...(await page.locator('[data-testid="legend-status"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')))),
  await page.locator('[data-testid="legend-now"]').getAttribute('data-color'),
  await page.locator('[data-testid="legend-at"]').getAttribute('data-color'),
  await page.locator('[data-testid="legend-selection"]').getAttribute('data-color'),
];

test('theme colours: one per status, the now line, the chosen-instant line and the selection outline all distinct; short windows stay visible', async () => {
  await setGrouping('channelCategory');
  await choose('Échelle', 'Saison');
  const colours = await legendColours();
  // One per status (SOLD_OUT included), then the now line, the chosen-instant line and the selection outline.
  assert.equal(colours.length, 9);
  assert.ok(distinct(colours), `colours: ${colours}`);
  await lane('CARMEN-20271012|WEB|ABONNE').locator('[data-testid="timeline-lane-button"]').click();
  const outline = page.locator('[data-testid="selection-outline"]');
  await expect(outline).toBeVisible();
  await expect(outline).toHaveAttribute('data-color', colours[8]);
  await expect(page.locator('[data-testid="at-line"]')).toHaveAttribute('data-color', colours[7]);
  // Season zoom: every bar is at least 8 px wide (a one-day window too).
  const widths = await page.locator('[data-testid="timeline-bar"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
  assert.ok(widths.length > 0 && widths.every((w) => w >= 7.5), `bar widths: ${Math.min(...widths)}`);
  await shot('18-colours-and-selection.png');
  await page.keyboard.press('Escape');
});

test('compact controls: at 900 px the filters are folded and the timeline shows many lanes', async () => {
  await page.goto(`${server.base}/admin/plugins/ticketing`);
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
  assert.equal(await page.locator('[data-testid="filters"]').count(), 0, 'filters folded by default');
  const controls = await page.locator('[data-testid="timeline-controls"]').boundingBox();
  assert.ok(controls.height < 900 / 3, `controls take ${Math.round(controls.height)} px of 900`);
  const visible = await page.locator('[data-testid="timeline-lane"]').evaluateAll(
    (els) =>
      els.filter((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }).length,
  );
  assert.ok(visible >= 10, `${visible} lanes visible at 900 × 900`);
  await shot('19-compact-900px.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
});

test('dark theme: the timeline takes its colours from the admin theme', async () => {
  await page.evaluate(() => localStorage.setItem('STRAPI_THEME', 'dark'));
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
  const background = await page.locator('[data-testid="timeline-scroll"]').evaluate((e) => getComputedStyle(e).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.3, `timeline background in the dark theme: ${background}`);
  const colours = await legendColours();
  assert.ok(distinct(colours), `dark colours: ${colours}`);
  await shot('25-dark-theme.png');
  await page.evaluate(() => localStorage.setItem('STRAPI_THEME', 'light'));
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
});

test('a Content Manager edit refreshes the timeline: channel AGENCE made inactive is muted and last, or hidden', async () => {
  const list = await api('/content-manager/collection-types/plugin::ticketing.sales-channel?page=1&pageSize=100');
  const agence = list.results.find((c) => c.code === 'AGENCE');
  // Edited through the Content Manager's own edit view (the admin's data layer), then back to Billetterie.
  await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::ticketing.sales-channel/${agence.documentId}`);
  const active = page.getByRole('checkbox', { name: /^Active/ });
  await expect(active).toBeVisible({ timeout: 60_000 });
  await active.click();
  await page.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
  await expect
    .poll(async () => (await api(`/content-manager/collection-types/plugin::ticketing.sales-channel/${agence.documentId}`)).data?.active, {
      message: 'the Content Manager saves AGENCE as inactive',
      timeout: 20_000,
    })
    .toBe(false);
  await page.locator('nav a[href$="/plugins/ticketing"]').first().click();
  await page.waitForSelector('[data-testid="timeline-lane"][data-inactive="true"]', { timeout: 30_000 });
  // Under each performance, AGENCE's lanes come last.
  const order = await page
    .locator('[data-testid="timeline-lane"]')
    .evaluateAll((els) => els.map((e) => [Number(e.getAttribute('aria-rowindex')), e.getAttribute('data-lane'), e.getAttribute('data-inactive')]).sort((a, b) => a[0] - b[0]));
  const first = order[0][1].split('|')[0];
  const ofFirst = order.filter((o) => o[1].startsWith(`${first}|`));
  const firstInactive = ofFirst.findIndex((o) => o[2] === 'true');
  assert.ok(firstInactive > 0 && ofFirst.slice(firstInactive).every((o) => o[2] === 'true' && o[1].includes('|AGENCE|')), `lanes: ${ofFirst.map((o) => o[1])}`);
  await shot('26-inactive-channel-muted.png');
  await openFilters();
  await page.locator('[data-testid="show-inactive"]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-lane"][data-inactive="true"]').length === 0);
  assert.ok((await page.locator('[data-testid="timeline-lane"]').count()) > 0);
  await shot('27-inactive-channel-hidden.png');
  await page.locator('[data-testid="show-inactive"]').click();
});

test('problems and setup steps agree: a new season lists its missing mandatory steps as blocking problems', async () => {
  const orgs = await api('/content-manager/collection-types/plugin::ticketing.organization?page=1&pageSize=10');
  const festival = orgs.results.find((o) => o.code === 'FESTIVAL-ETE');
  const created = await fetch(`${server.base}/content-manager/collection-types/plugin::ticketing.season`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'FEST-2028', name: 'Festival 2028', organization: { connect: [{ documentId: festival.documentId }] } }),
  }).then((r) => r.json());
  assert.ok(created.data?.documentId, JSON.stringify(created).slice(0, 300));
  await page.reload();
  await page.waitForSelector('[data-testid="timeline"][data-loading="false"]', { timeout: 60_000 });
  await choose('Saison', 'Festival 2028');
  await page.getByRole('tab', { name: 'Étapes de paramétrage' }).click();
  await page.waitForSelector('[data-testid="setup-step"]');
  const missing = await page.locator('[data-testid="setup-step"][data-required="true"][data-done="false"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  assert.ok(missing.length > 0);
  await shot('28-setup-steps-new-season.png');
  await page.getByRole('tab', { name: 'Problèmes' }).click();
  await page.waitForSelector('[data-testid="problem"]');
  const problems = await page.locator('[data-testid="problem"][data-code="SETUP_STEP_MISSING"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-severity')]));
  assert.deepEqual(
    problems.map((p) => p[0]),
    missing,
  );
  assert.ok(problems.every((p) => p[1] === 'blocking'));
  assert.equal(await page.locator('[data-testid="problems-none"]').count(), 0);
  await shot('29-problems-missing-steps.png');
});

test('.ics export: each entry names the event and the performance, times with the institution zone (TZID) and UTC', async () => {
  await page.goto(`${server.base}/admin/plugins/ticketing`);
  await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('[data-testid="export-ics"]').click()]);
  const text = await new Promise((resolve, reject) =>
    download.createReadStream().then((stream) => {
      let t = '';
      stream.on('data', (c) => (t += c));
      stream.on('end', () => resolve(t));
      stream.on('error', reject);
    }, reject),
  );
  const unfolded = text.replace(/\r\n /g, '');
  assert.match(unfolded, /SUMMARY:Ouverture des ventes : Carmen\\, séance du mardi 12 octobre 2027 20:00 — Internet/);
  assert.match(unfolded, /DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}\r\n/);
  assert.match(unfolded, /X-BILLETTERIE-UTC:\d{8}T\d{6}Z/);
  assert.match(unfolded, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
  await page.setContent(`<pre style="font-size:11px">${unfolded.split('\r\n').slice(0, 70).join('\n').replace(/</g, '&lt;')}</pre>`);
  await shot('30-ics-export.png');
});

test('the console showed no error and no missing translation from the plugin', async () => {
  // The plugin's own: its messages (`ticketing.…`), its API queries in the admin store, its routes.
  const heads = consoleProblems.map((m) => m.split('\n')[0]);
  const fromPlugin = heads.filter((m) => /ticketing|Billetterie|adminApi\.queries\.get(Timeline|Explanations|Problems|Setup)|non-serializable/i.test(m));
  const others = [...new Set(heads.filter((m) => !fromPlugin.includes(m)).map((m) => m.replace(/ for locale .*$/, '')))];
  if (others.length > 0) console.log(`  console, not from the plugin's pages (${others.length} distinct):\n    ${others.slice(0, 20).join('\n    ')}`);
  assert.deepEqual([...new Set(fromPlugin)], []);
});
