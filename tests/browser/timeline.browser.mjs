// Browser test of the « Billetterie » pages: playwright-core + Debian chromium against a real Strapi
// with the demo season. Run with `npm run test:browser`. Screenshots: test-results/screenshots/.
import assert from 'node:assert/strict';
import { createSuite, ensureAdminBuild, launchBrowser, loginThroughUi, registerAdmin, startServer } from './server.mjs';

const { step, screenshotsOf, finish } = createSuite();
ensureAdminBuild();
const server = await startServer();
let browser;
try {
  const token = await registerAdmin(server.base);
  const api = (p) => fetch(`${server.base}${p}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
  const launched = await launchBrowser();
  browser = launched.browser;
  const page = launched.page;
  const shot = screenshotsOf(page);
  const lane = (key) => page.locator(`[data-testid="timeline-lane"][data-lane="${key}"]`);
  const waitForAt = (iso) => page.waitForSelector(`[data-testid="timeline"][data-at="${iso}"][data-loading="false"]`, { timeout: 30_000 });

  await step('log in through the login form', async () => {
    await loginThroughUi(page, server.base);
    await shot('01-logged-in.png');
  });

  await step('open the timeline from the « Billetterie » menu entry', async () => {
    await page.locator('nav a[href$="/plugins/ticketing"]').first().click();
    await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
    assert.ok(await page.getByRole('heading', { name: 'Billetterie' }).isVisible());
    await shot('02-timeline.png');
  });

  await step('filter: event Carmen, channel Internet', async () => {
    await page.selectOption('[data-testid="filter-event"]', { label: 'Carmen' });
    await page.selectOption('[data-testid="filter-channel"]', { label: 'Internet' });
    const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
    assert.ok(keys.length > 0);
    for (const key of keys) assert.match(key, /^CARMEN-\d+\|WEB\|/);
    await shot('03-filtered-carmen-web.png');
  });

  await step('time machine: 15 June 2027 10:00, subscribers on sale, occasional buyers soon', async () => {
    await page.fill('[data-testid="time-machine"]', '2027-06-15T10:00');
    await waitForAt('2027-06-15T08:00:00.000Z');
    assert.equal(await lane('CARMEN-20271012|WEB|ABONNE').getAttribute('data-status'), 'ON_SALE');
    assert.equal(await lane('CARMEN-20271012|WEB|OCCASIONNEL').getAttribute('data-status'), 'SOON_ON_SALE');
    await shot('04-time-machine-2027-06-15.png');
    // And on 1 September everyone may buy.
    await page.fill('[data-testid="time-machine"]', '2027-09-01T10:00');
    await waitForAt('2027-09-01T08:00:00.000Z');
    assert.equal(await lane('CARMEN-20271012|WEB|OCCASIONNEL').getAttribute('data-status'), 'ON_SALE');
    await page.fill('[data-testid="time-machine"]', '2027-06-15T10:00');
    await waitForAt('2027-06-15T08:00:00.000Z');
  });

  await step('keyboard: focus a lane and open its explanation with Enter; check the reasons', async () => {
    const button = lane('CARMEN-20271012|WEB|OCCASIONNEL').locator('[data-testid="timeline-lane-button"]');
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-testid="explanation"]');
    await panel.locator('[data-testid="explanation-answer"]').first().waitFor({ timeout: 20_000 });
    const answers = await panel.locator('[data-testid="explanation-answer"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-subcategory'), e.getAttribute('data-status')]));
    assert.deepEqual(answers.map((a) => a[1]), answers.map(() => 'SOON_ON_SALE'));
    assert.ok(answers.some((a) => a[0] === 'OCC-PLEIN'));
    const codes = await panel.locator('[data-testid="explanation-reason"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    assert.ok(codes.length > 0 && codes.every((c) => c === 'NOT_YET_OPEN'), `reasons: ${codes}`);
    assert.match(await panel.innerText(), /Les ventes ne sont pas encore ouvertes/);
    const links = await panel.locator('a[href*="/admin/content-manager/collection-types/plugin::ticketing."]').count();
    assert.ok(links >= 4, `links to the Content Manager: ${links}`);
    assert.match(await panel.innerText(), /ABO-PUIS-TOUS/);
    await shot('05-explanation-occasionnel.png');
    await panel.locator('[data-testid="explanation-close"]').click();
  });

  await step('keyboard: ↓/↑ move between lanes (across performances), Escape closes the explanation', async () => {
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
    await panel.locator('[data-testid="explanation-answer"]').first().waitFor({ timeout: 20_000 });
    await shot('05b-explanation-by-keyboard.png');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await focused(), keys[1]);
  });

  await step('a bar opens the explanation too (Carmen by phone: not on sale, every reason)', async () => {
    await page.selectOption('[data-testid="filter-channel"]', { label: 'Téléphone' });
    await lane('CARMEN-20271012|TELEPHONE|ABONNE').locator('[data-testid="timeline-bar"]').first().click();
    const panel = page.locator('[data-testid="explanation"]');
    await panel.locator('[data-testid="explanation-answer"]').first().waitFor();
    const statuses = await panel.locator('[data-testid="explanation-answer"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.ok(statuses.every((s) => s === 'NOT_ON_SALE'), `statuses: ${statuses}`);
    await shot('06-explanation-telephone.png');
    await panel.locator('[data-testid="explanation-close"]').click();
  });

  const requiemBars = async () => {
    await page.selectOption('[data-testid="filter-event"]', { label: 'Requiem de Mozart' });
    await page.selectOption('[data-testid="filter-channel"]', { label: 'Internet' });
    await page.waitForSelector('[data-testid="timeline-lane"]');
    return page.locator('[data-testid="timeline-lane"] [data-testid="timeline-bar"]').count();
  };

  await step('draft preview: « inclure les brouillons » shows CONCERTS-PRINTEMPS windows, highlighted', async () => {
    await page.fill('[data-testid="time-machine"]', '2028-02-01T10:00');
    await waitForAt('2028-02-01T09:00:00.000Z');
    assert.equal(await requiemBars(), 0, 'Requiem has no window while its calendar is a draft');
    await page.locator('[data-testid="include-drafts"]').click();
    await page.waitForSelector('[data-testid="changed-count"]');
    await page.waitForSelector('[data-testid="timeline"][data-loading="false"]');
    assert.ok((await page.locator('[data-testid="timeline-lane"][data-changed="true"]').count()) > 0);
    assert.ok((await page.locator('[data-testid="timeline-bar"]').count()) > 0);
    await shot('07-draft-preview.png');
    await page.locator('[data-testid="include-drafts"]').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="changed-count"]'));
  });

  await step('validate CONCERTS-PRINTEMPS from the side panel of the Content Manager', async () => {
    const list = await api('/content-manager/collection-types/plugin::ticketing.sales-calendar?page=1&pageSize=100');
    const calendar = list.results.find((c) => c.code === 'CONCERTS-PRINTEMPS');
    assert.ok(calendar, 'the demo draft calendar exists');
    await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::ticketing.sales-calendar/${calendar.documentId}`);
    const validate = page.getByRole('button', { name: 'Valider', exact: true });
    await validate.waitFor({ timeout: 60_000 });
    await validate.click();
    // Before validating, the dialog shows what validating changes (GET /ticketing/impact): the
    // Requiem performances open on the channels of the calendar's periods.
    const impact = await api(`/ticketing/impact?type=salesCalendar&id=${calendar.documentId}`);
    assert.equal(impact.data.applicable, true);
    const gained = impact.data.channels.filter((c) => c.gained.length > 0);
    assert.ok(gained.length > 0, 'validating CONCERTS-PRINTEMPS opens sale windows');
    const preview = page.locator('[data-testid="impact-preview"]');
    await preview.waitFor({ timeout: 20_000 });
    for (const c of gained) {
      const section = preview.locator(`[data-testid="impact-channel"][data-channel="${c.channel.code}"][data-kind="gained"]`);
      assert.equal(await section.getAttribute('data-count'), String(c.gained.length), `channel ${c.channel.code}`);
      const text = await section.innerText();
      assert.match(text, new RegExp(`ouvren?t? sur ${c.channel.name}`));
      for (const e of c.gained) assert.ok(text.includes(e.performance.code), `${e.performance.code} listed under ${c.channel.code}`);
    }
    assert.ok(gained.flatMap((c) => c.gained).some((e) => e.performance.code.startsWith('REQUIEM-')), 'Requiem uses CONCERTS-PRINTEMPS');
    await shot('08a-validate-dialog-impact.png');
    await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
    await page.getByText('Validé', { exact: false }).first().waitFor({ timeout: 20_000 });
    await shot('08-calendar-validated.png');
    const after = await api(`/ticketing/sales-calendars/${calendar.documentId}/transitions`);
    assert.equal(after.data.state, 'validated');
  });

  await step('the timeline changed: Requiem now has sale windows', async () => {
    await page.goto(`${server.base}/admin/plugins/ticketing`);
    await page.waitForSelector('[data-testid="timeline-lane"]');
    await page.fill('[data-testid="time-machine"]', '2028-02-01T10:00');
    await waitForAt('2028-02-01T09:00:00.000Z');
    assert.ok((await requiemBars()) > 0, 'Requiem has windows once its calendar is validated');
    await shot('09-timeline-after-validation.png');
  });

  await step('problems and setup steps tabs', async () => {
    await page.getByRole('tab', { name: 'Problèmes' }).click();
    await page.waitForSelector('[data-testid="problem"], [data-testid="problems-none"]');
    await shot('10-problems.png');
    await page.getByRole('tab', { name: 'Étapes de paramétrage' }).click();
    await page.waitForSelector('[data-testid="setup-step"]');
    assert.equal(await page.locator('[data-testid="setup-step"]').count(), 13);
    assert.equal(await page.locator('[data-testid="setup-step"][data-step="salesCalendars"]').getAttribute('data-done'), 'true');
    await shot('11-setup-steps.png');
  });

  await step('settings › Billetterie › Opérateurs et droits: the preset roles and an effective-rights table', async () => {
    await page.goto(`${server.base}/admin/settings/ticketing/operators`);
    await page.getByRole('heading', { name: 'Opérateurs et droits effectifs' }).waitFor({ timeout: 30_000 });
    assert.ok(await page.getByRole('button', { name: 'Restaurer les rôles prédéfinis' }).isVisible());
    await shot('12-operators.png');
  });

  // Lane grouping (issue #7): the grouped lanes are computed in the page from the same answer.
  const setGrouping = async (grouping) => {
    await page.locator(`[data-testid="grouping-${grouping}"]`).click();
    await page.waitForSelector(`[data-testid="timeline"][data-grouping="${grouping}"]`);
  };

  await step('grouping « Filière »: Carmen’s WEB lane shows the best status of its categories', async () => {
    await page.goto(`${server.base}/admin/plugins/ticketing`);
    await page.waitForSelector('[data-testid="timeline-lane"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="filter-event"]', { label: 'Carmen' });
    await page.fill('[data-testid="time-machine"]', '2027-06-15T10:00');
    await waitForAt('2027-06-15T08:00:00.000Z');
    // Channel × category first: on 15 June subscribers may buy on the internet, occasional buyers not yet.
    assert.equal(await lane('CARMEN-20271012|WEB|ABONNE').getAttribute('data-status'), 'ON_SALE');
    assert.equal(await lane('CARMEN-20271012|WEB|OCCASIONNEL').getAttribute('data-status'), 'SOON_ON_SALE');
    const categories = await page.locator('[data-testid="timeline-lane"][data-lane^="CARMEN-20271012|WEB|"]').count();
    await setGrouping('channel');
    assert.equal(await page.locator('[data-testid="grouping-channel"] input').isChecked(), true);
    const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
    assert.ok(keys.length > 0 && keys.every((k) => /^CARMEN-\d+\|[A-Z-]+\|\*$/.test(k)), `lanes: ${keys}`);
    const web = lane('CARMEN-20271012|WEB|*');
    assert.equal(await web.getAttribute('data-status'), 'ON_SALE', 'ON_SALE (subscribers) beats SOON_ON_SALE (occasional buyers)');
    assert.equal(await web.getAttribute('data-members'), String(categories));
    // The WEB lane has a bar on sale now (the subscribers' window) drawn in the on-sale colour.
    assert.ok((await web.locator('[data-testid="timeline-bar"][data-status="ON_SALE"]').count()) > 0);
    // No profile sells Carmen by phone: every category is not on sale, and so is the grouped lane.
    assert.equal(await lane('CARMEN-20271012|TELEPHONE|*').getAttribute('data-status'), 'NOT_ON_SALE');
    assert.ok(await page.locator('[data-testid="grouping-hint"]').isVisible());
    await shot('13-grouping-channel.png');
  });

  await step('grouping « Catégorie de public »: occasional buyers soon on sale (WEB) beats not on sale (phone)', async () => {
    await setGrouping('category');
    const keys = await page.locator('[data-testid="timeline-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
    assert.ok(keys.length > 0 && keys.every((k) => /^CARMEN-\d+\|\*\|[A-Z-]+$/.test(k)), `lanes: ${keys}`);
    assert.equal(await lane('CARMEN-20271012|*|ABONNE').getAttribute('data-status'), 'ON_SALE');
    assert.equal(await lane('CARMEN-20271012|*|OCCASIONNEL').getAttribute('data-status'), 'SOON_ON_SALE');
    await shot('14-grouping-category.png');
    await setGrouping('channel');
  });

  await step('the explanation docks beside the timeline: lanes fully visible, each category listed', async () => {
    const scroll = page.locator('[data-testid="timeline-scroll"]');
    const widthBefore = await scroll.evaluate((e) => e.clientWidth);
    const web = lane('CARMEN-20271012|WEB|*');
    const onSaleBar = web.locator('[data-testid="timeline-bar"][data-status="ON_SALE"]').first();
    const barBefore = (await onSaleBar.boundingBox()).width;
    await page.locator('[data-testid="timeline"]').evaluate((e, [w, b]) => { e.setAttribute('data-width-before', String(w)); e.setAttribute('data-bar-before', String(b)); }, [widthBefore, barBefore]);
    await web.locator('[data-testid="timeline-lane-button"]').click();
    const panel = page.locator('[data-testid="explanation"]');
    await panel.locator('[data-testid="explanation-lane"]').first().waitFor({ timeout: 20_000 });
    // Every category of the grouped lane is listed and explained.
    const members = Number(await web.getAttribute('data-members'));
    assert.equal(await panel.locator('[data-testid="explanation-member"]').count(), members);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="explanation-lane"]').length === n, members, { timeout: 20_000 });
    assert.equal(await panel.locator('[data-testid="explanation-summary"]').getAttribute('data-status'), 'ON_SALE');
    const channels = await panel.locator('[data-testid="explanation-lane"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel')));
    assert.ok(channels.every((c) => c === 'WEB'), `channels: ${channels}`);
    // The timeline narrowed (its scale recomputed) instead of being covered.
    await page.waitForFunction((w) => document.querySelector('[data-testid="timeline-scroll"]').clientWidth < w, widthBefore, { timeout: 5_000 });
    const box = await panel.boundingBox();
    const boxes = await page.locator('[data-testid="timeline-lane"], [data-testid="timeline-bar"], [data-testid="timeline-scroll"]').evaluateAll((els) =>
      els.map((e) => { const r = e.getBoundingClientRect(); return { lane: e.getAttribute('data-lane') ?? e.getAttribute('data-testid'), left: r.left, right: r.right, top: r.top, bottom: r.bottom }; })
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

  await step('Escape closes the explanation and gives the timeline its width back', async () => {
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

  await step('narrow window: the explanation docks under the timeline instead of squeezing it', async () => {
    await page.setViewportSize({ width: 1100, height: 1000 });
    const scroll = page.locator('[data-testid="timeline-scroll"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="timeline-scroll"]').clientWidth < 1100);
    const widthBefore = await scroll.evaluate((e) => e.clientWidth);
    await lane('CARMEN-20271012|WEB|*').locator('[data-testid="timeline-lane-button"]').click();
    const panel = page.locator('[data-testid="explanation"]');
    await panel.locator('[data-testid="explanation-lane"]').first().waitFor({ timeout: 20_000 });
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
} finally {
  await browser?.close();
  await server.stop();
  finish();
}
