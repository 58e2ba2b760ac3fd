import { compileSnapshot, listOnSale, performanceStatus, productStatus, type ConfigurationInput, type Snapshot } from '../src/plugins/ticketing/server/src/domain';
import { startStrapi, type TestApp } from './helpers/strapi';

/**
 * The worked examples of docs/sales-rules.md §3 answered by the engine from the demo season as the
 * configuration service loads it from the database: proves the loader, the seed and the engine
 * agree, on SQLite and on PostgreSQL.
 */
let app: TestApp;
let config: ConfigurationInput;
let snapshot: Snapshot;

const idOf = <T extends { id: string; code: string }>(list: T[], code: string) => {
  const found = list.find((x) => x.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found.id;
};
const perf = (code: string) => idOf(config.performances, code);
const channel = (code: string) => idOf(config.salesChannels, code);
const sub = (code: string) => idOf(config.audienceSubcategories, code);
const seat = (code: string) => idOf(config.seatCategories, code);
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  config = await app.strapi.plugin('ticketing').service('configuration').load();
  snapshot = compileSnapshot(config);
});
afterAll(async () => {
  await app?.stop();
});

describe('« subscribers first, then everyone » on Carmen, 12 October 2027 20:00', () => {
  const ask = (subcategory: string, channelCode: string, at: string) =>
    performanceStatus(snapshot, { performanceId: perf('CARMEN-20271012'), channelId: channel(channelCode), audienceSubcategoryId: sub(subcategory), at });

  test('a subscriber on WEB on 15 June is on sale until 20:30', () => {
    const answer = ask('ABO-PLEIN', 'WEB', '2027-06-15T10:00:00+02:00');
    expect(answer.status).toBe('ON_SALE');
    expect(answer.closesAt).toBe('2027-10-12T18:30:00.000Z');
    expect(answer.provenance?.periods[0].calendar.code).toBe('ABO-PUIS-TOUS');
  });

  test('an occasional buyer on WEB on 15 June is soon on sale, from 1 July 10:00', () => {
    const answer = ask('OCC-PLEIN', 'WEB', '2027-06-15T10:00:00+02:00');
    expect(answer.status).toBe('SOON_ON_SALE');
    expect(answer.opensAt).toBe('2027-07-01T08:00:00.000Z');
  });

  test('an occasional buyer at 19:00 on the day: sales ended at 18:00', () => {
    const answer = ask('OCC-PLEIN', 'WEB', '2027-10-12T19:00:00+02:00');
    expect(answer.status).toBe('SALES_ENDED');
    expect(answer.closesAt).toBe('2027-10-12T16:00:00.000Z');
  });

  test('on the telephone channel: not on sale, no profile for that channel', () => {
    const answer = ask('ABO-PLEIN', 'TELEPHONE', '2027-06-15T10:00:00+02:00');
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer.reasons)).toContain('CHANNEL_NOT_IN_PROFILE');
  });
});

describe('« two performances, first category, on the internet » on Don Giovanni', () => {
  const at = '2027-08-01T10:00:00+02:00';
  test('13 November on WEB is not on sale: not in the profile', () => {
    const answer = performanceStatus(snapshot, { performanceId: perf('DG-20271113'), channelId: channel('WEB'), audienceSubcategoryId: sub('OCC-PLEIN'), at });
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer.reasons)).toContain('PERFORMANCE_NOT_IN_PROFILE');
  });
  test('12 November in Catégorie 2 on WEB is not on sale: seat category not in the profile', () => {
    const answer = performanceStatus(snapshot, {
      performanceId: perf('DG-20271112'),
      channelId: channel('WEB'),
      audienceSubcategoryId: sub('OCC-PLEIN'),
      seatCategoryId: seat('CAT2'),
      at,
    });
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer.reasons)).toContain('SEAT_CATEGORY_NOT_IN_PROFILE');
  });
  test('12 November in Catégorie 1 on WEB is on sale', () => {
    const answer = performanceStatus(snapshot, {
      performanceId: perf('DG-20271112'),
      channelId: channel('WEB'),
      audienceSubcategoryId: sub('OCC-PLEIN'),
      seatCategoryId: seat('CAT1'),
      at,
    });
    expect(answer.status).toBe('ON_SALE');
  });
});

test('the suspended Tosca is temporarily unavailable, the draft calendar of the Requiem sells nothing', () => {
  const at = '2028-04-01T10:00:00+02:00';
  const tosca = performanceStatus(snapshot, { performanceId: perf('TOSCA-20280510'), channelId: channel('GUICHET'), audienceSubcategoryId: sub('ABO-PLEIN'), at });
  expect(tosca.status).toBe('TEMPORARILY_UNAVAILABLE');
  const requiem = performanceStatus(snapshot, { performanceId: perf('REQUIEM-20280407'), channelId: channel('GUICHET'), audienceSubcategoryId: sub('OCC-PLEIN'), at });
  expect(requiem.status).toBe('NOT_ON_SALE');
  expect(codes(requiem.reasons)).toContain('NO_VALIDATED_CALENDAR_FOR_CHANNEL');
});

test('the listing for subscribers on WEB in mid-June has Carmen and not the telephone-only performances', () => {
  const listed = listOnSale(snapshot, { channelId: channel('WEB'), audienceSubcategoryId: sub('ABO-PLEIN'), at: '2027-06-15T10:00:00+02:00' });
  const listedCodes = listed.map((l) => config.performances.find((p) => p.id === l.performance.id)?.code);
  expect(listedCodes).toContain('CARMEN-20271012');
  expect(listedCodes).not.toContain('TOSCA-20280510');
});

test('the under-26 season ticket: June to September, four at most', () => {
  const ask = (at: string, quantity?: number) =>
    productStatus(snapshot, { productId: idOf(config.products, 'ABO-JEUNES-4'), channelId: channel('WEB'), audienceSubcategoryId: sub('OCC-JEUNE'), quantity, at });
  expect(ask('2027-05-15T10:00:00+02:00').status).toBe('SOON_ON_SALE');
  expect(ask('2027-07-01T10:00:00+02:00', 4)).toMatchObject({ status: 'ON_SALE', quantityAllowed: true });
  expect(ask('2027-07-01T10:00:00+02:00', 5).quantityAllowed).toBe(false);
  expect(ask('2027-10-15T10:00:00+02:00').status).toBe('SALES_ENDED');
  const adult = productStatus(snapshot, { productId: idOf(config.products, 'ABO-JEUNES-4'), channelId: channel('WEB'), audienceSubcategoryId: sub('OCC-PLEIN'), at: '2027-07-01T10:00:00+02:00' });
  expect(codes(adult.reasons)).toContain('SUBCATEGORY_NOT_IN_PROFILE');
});

test('the sales snapshot service recompiles when a transition changes the configuration', async () => {
  const snapshots = app.strapi.plugin('ticketing').service('sales-snapshot');
  const before = await snapshots.get();
  expect(await snapshots.get()).toBe(before);
  const calendar = before.config.salesCalendars.find((c: any) => c.code === 'CONCERTS-PRINTEMPS');
  await app.strapi.plugin('ticketing').service('transitions').apply({ uid: 'sales-calendar', documentId: calendar.id, action: 'validate', user: null });
  const after = await snapshots.get();
  expect(after.version).toBeGreaterThan(before.version);
  const ask = (s: Snapshot) =>
    performanceStatus(s, { performanceId: perf('REQUIEM-20280407'), channelId: channel('GUICHET'), audienceSubcategoryId: sub('OCC-PLEIN'), at: '2028-04-01T10:00:00+02:00' }).status;
  expect(ask(before.snapshot)).toBe('NOT_ON_SALE');
  expect(ask(after.snapshot)).toBe('ON_SALE');
});
