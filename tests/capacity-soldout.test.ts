import request from 'supertest';
import { loadContract, type Contract } from './helpers/contract';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { SMALL_PLAN_SEATS, T, type World, adminToken, createWorld, fullAccessApiToken, transition, uniqueCode } from './helpers/ticketing';
import { countedConfiguration, runningPerformance } from './helpers/capacity';
import { decodeLanes } from '../src/plugins/ticketing/shared/timeline';

/**
 * SOLD_OUT beyond the sale-status route (issue #17) on SQLite and PostgreSQL: the website on-sale
 * listing (status, reason, « from » price without the categories with nothing left), the admin
 * explanation; best available seats; the per-season per-buyer limit.
 */
let app: TestApp;
let world: World;
let token: string;
let contract: Contract;
const http = () => request(app.strapi.server.httpServer);
const docs = (name: string) => app.strapi.documents(T(name));
const DAY = 86_400_000;

let channelCode: string;
let audience: string;
let tariff: string;
let tariffId: string;
let standing: string;
let standingId: string;
let numbered: string;
let numberedId: string;

const hold = (body: object) =>
  http()
    .post('/api/ticketing/holds')
    .set({ Authorization: `Bearer ${token}` })
    .send({ channel: channelCode, audience, ...body });
const capacityService = () => app.strapi.plugin('ticketing').service('capacity');

/** A performance on sale now: 10 numbered seats (2 rows of 5) and a standing area. */
async function sellablePerformance(opts: { standingGauge?: number; limits?: unknown; event?: string; contingents?: unknown[] } = {}) {
  const { event, ...configuration } = opts;
  return runningPerformance(app.strapi, world, await countedConfiguration(app.strapi, world, { standing, ...configuration }), { event });
}

async function runningEvent() {
  const event = await docs('event').create({ data: { code: uniqueCode('EV'), name: 'Carmen', season: world.season } as any });
  await transition(app.strapi, 'event', event.documentId, 'validate');
  await transition(app.strapi, 'event', event.documentId, 'run');
  await docs('event').update({ documentId: event.documentId, data: { calendarAssignments: [{ salesCalendar: calendarId, allChannels: true }] } as any });
  return event.documentId as string;
}
let calendarId: string;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorld(app.strapi);
  token = await fullAccessApiToken(app.strapi);
  contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
  channelCode = (await app.strapi.db.query(T('sales-channel')).findOne({ where: { documentId: world.channel } })).code;
  numbered = world.seatCategory;
  numberedId = (await app.strapi.db.query(T('seat-category')).findOne({ where: { code: numbered } })).documentId;
  const standingDoc = await docs('seat-category').create({ data: { code: uniqueCode('DEBOUT'), name: 'Placement libre' } as any });
  standing = standingDoc.code;
  standingId = standingDoc.documentId;
  audience = (await docs('audience-subcategory').create({ data: { code: uniqueCode('PLEIN'), name: 'Plein tarif', audienceCategory: world.audienceCategory, season: world.season } as any })).code;
  const tariffDoc = await docs('tariff-type').create({ data: { code: uniqueCode('NORMAL'), name: 'Normal', season: world.season } as any });
  tariff = tariffDoc.code;
  tariffId = tariffDoc.documentId;
  const calendar = await docs('sales-calendar').create({
    data: {
      code: uniqueCode('CAL'),
      name: 'Toujours',
      organization: world.organization,
      periods: [{ name: 'Ouverture', openingKind: 'absolute', opensAt: '2020-01-01T09:00:00.000Z', closingKind: 'none', audienceCategories: [world.audienceCategory] }],
    } as any,
  });
  await transition(app.strapi, 'sales-calendar', calendar.documentId, 'validate');
  calendarId = calendar.documentId;
  await docs('event').update({ documentId: world.event, data: { calendarAssignments: [{ salesCalendar: calendar.documentId, allChannels: true }] } as any });
  const profile = await docs('activity-profile').create({ data: { code: uniqueCode('PROF'), name: 'Tout', organization: world.organization, salesChannels: [world.channel] } as any });
  await transition(app.strapi, 'activity-profile', profile.documentId, 'validate');
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('SOLD_OUT in the on-sale listing', () => {
  test('a performance with nothing left stays listed as SOLD_OUT with the binding pool; the « from » price skips categories with nothing left; one without pools is unchanged', async () => {
    const event = await runningEvent();
    const counted = await sellablePerformance({ standingGauge: 2, event });
    const plain = await docs('performance').create({ data: { code: uniqueCode('PLAIN'), event, startsAt: new Date(Date.now() + 30 * DAY).toISOString() } as any });
    await transition(app.strapi, 'performance', plain.documentId, 'validate');
    await transition(app.strapi, 'performance', plain.documentId, 'run');
    // Prices: standing 10 €, numbered 30 € (the organisation prices in the plugin).
    const vat = await docs('vat-rate').create({ data: { code: uniqueCode('TVA'), name: 'TVA 5,5 %', rate: 5.5 } as any });
    await docs('organization').update({ documentId: world.organization, data: { pricesInPlugin: true } as any });
    const grid = await docs('price-grid').create({
      data: {
        code: uniqueCode('G'),
        name: 'Grille',
        season: world.season,
        cells: [
          { seatCategory: standingId, tariffType: tariffId, amount: 1000, vatRate: vat.documentId },
          { seatCategory: numberedId, tariffType: tariffId, amount: 3000, vatRate: vat.documentId },
        ],
      } as any,
    });
    await transition(app.strapi, 'price-grid', grid.documentId, 'validate');
    const url = `/api/ticketing/on-sale?channel=${channelCode}&audience=${audience}&event=${event}&locale=en`;
    const listed = async () => {
      const res = await http().get(url);
      expect(res.status).toBe(200);
      contract.check(url, res.status, res.body);
      const of = (code: string) => res.body.data.find((i: any) => i.performance.code === code);
      return { counted: of(counted.code), plain: of(plain.code) };
    };
    let l = await listed();
    expect([l.counted.status, l.counted.fromPrice, l.counted.reasons]).toEqual(['ON_SALE', 1000, undefined]);
    expect([l.plain.status, l.plain.fromPrice, l.plain.reasons]).toEqual(['ON_SALE', 1000, undefined]);
    // Standing full: still on sale (numbered seats left), from 30 €.
    expect((await hold({ lines: [{ performance: counted.code, seatCategory: standing, tariffType: tariff, quantity: 2 }] })).status).toBe(201);
    l = await listed();
    expect([l.counted.status, l.counted.fromPrice]).toEqual(['ON_SALE', 3000]);
    // Every seat held: SOLD_OUT, its reason naming the pool, no « from » price; the performance without pools is unchanged.
    expect((await hold({ lines: [{ performance: counted.code, tariffType: tariff, seats: SMALL_PLAN_SEATS }] })).status).toBe(201);
    l = await listed();
    expect([l.counted.status, l.counted.fromPrice, l.counted.reasons.map((r: any) => r.code)]).toEqual(['SOLD_OUT', null, ['SOLD_OUT']]);
    expect(l.counted.reasons[0].message).toMatch(/sold out: nothing left in the (open sale|seat category)/);
    expect([l.plain.status, l.plain.fromPrice, l.plain.reasons]).toEqual(['ON_SALE', 1000, undefined]);
    // A release shows at once (this process forgets the cached usage).
    const holds = await capacityService().knex()('ticketing_holds').select('id', 'answer');
    const seatHold = holds.find((h: any) => String(h.answer).includes('T-r0-s0'));
    expect(
      (
        await http()
          .delete(`/api/ticketing/holds/${seatHold.id}`)
          .set({ Authorization: `Bearer ${token}` })
      ).status,
    ).toBe(200);
    l = await listed();
    expect([l.counted.status, l.counted.fromPrice]).toEqual(['ON_SALE', 3000]);
    expect(await capacityService().consistency()).toEqual([]);
  });
});

describe('SOLD_OUT in the admin timeline and explanation', () => {
  test('the lane of a sold-out performance is SOLD_OUT (its bar open now too); the explanation names the binding pool and lists the pools', async () => {
    const event = await runningEvent();
    const perf = await sellablePerformance({ standingGauge: 1, event });
    const jwt = await adminToken(app.strapi);
    const admin = (path: string) => http().get(path).set('Authorization', `Bearer ${jwt}`);
    const audienceSub = await app.strapi.db.query(T('audience-subcategory')).findOne({ where: { code: audience } });
    const laneNow = async () => {
      const res = await admin(`/ticketing/timeline?season=${world.season}`);
      expect(res.status).toBe(200);
      const data = res.body.data;
      const p = data.performances.find((x: any) => x.code === perf.code);
      const lanes = decodeLanes(
        p.l,
        data.channels.map((c: any) => c.id),
        data.audienceCategories.map((c: any) => c.id),
      );
      return lanes.find((l) => l.channelId === world.channel && l.audienceCategoryId === world.audienceCategory)!;
    };
    const explain = async () => {
      const res = await admin(`/ticketing/explain?performance=${perf.documentId}&channel=${world.channel}&subcategory=${audienceSub.documentId}`);
      expect(res.status).toBe(200);
      return res.body.data.answers[0];
    };
    expect((await laneNow()).status).toBe('ON_SALE');
    let e = await explain();
    expect(e.answer.status).toBe('ON_SALE');
    expect(e.capacity.categories.find((c: any) => c.seatCategory === standing)).toMatchObject({ available: 1 });
    expect((await hold({ lines: [{ performance: perf.code, seatCategory: standing, tariffType: tariff, quantity: 1 }] })).status).toBe(201);
    expect((await hold({ lines: [{ performance: perf.code, tariffType: tariff, seats: SMALL_PLAN_SEATS }] })).status).toBe(201);
    const lane = await laneNow();
    expect(lane.status).toBe('SOLD_OUT');
    expect(lane.intervals.map((i) => i.status)).toContain('SOLD_OUT');
    e = await explain();
    expect([e.answer.status, e.answer.reasons.map((r: any) => r.code)]).toEqual(['SOLD_OUT', ['SOLD_OUT']]);
    expect(e.answer.reasons[0].message.fr).toMatch(/^complet : plus aucune place dans/);
    expect(e.answer.reasons[0].message.en).toMatch(/^sold out: nothing left in/);
    const standingPools = e.capacity.categories.find((c: any) => c.seatCategory === standing);
    expect(standingPools).toMatchObject({ available: 0, binding: { left: 0 } });
    expect(standingPools.pools.find((p: any) => p.kind === 'category')).toMatchObject({ capacity: 1, used: 1, left: 0, label: { fr: 'la catégorie de place', en: 'the seat category' } });
    expect(Date.parse(e.capacity.usageAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('best available', () => {
  test('N adjacent seats in one row, closest to the stage, skipping held seats and seats reserved for a contingent the buyer may not sell from', async () => {
    const pros = await docs('audience-category').create({ data: { code: uniqueCode('PRO'), name: 'Professionnels' } as any });
    const contingent = uniqueCode('PRO');
    await docs('contingent').create({
      data: { code: contingent, name: 'Professionnels', organization: world.organization, contingentKind: 'targetGroup', audienceCategories: [pros.documentId] } as any,
    });
    // The small plan: 2 rows of 5 seats, an aisle after the 3rd (odd/even numbering); no stage: the front edge's middle.
    const perf = await sellablePerformance({ contingents: [{ contingent, seats: ['T-r0-s1'] }] });
    const best = (quantity: number, category = numbered) => hold({ lines: [{ performance: perf.code, seatCategory: category, tariffType: tariff, quantity, best: true }] });
    const first = await best(2);
    expect(first.status).toBe(201);
    expect(first.body.data.lines[0].seats).toEqual(['T-r0-s3', 'T-r0-s4']);
    const second = await best(3);
    expect(second.status).toBe(201);
    expect(second.body.data.lines[0].seats).toEqual(['T-r1-s0', 'T-r1-s1', 'T-r1-s2']);
    // Chosen seats are held as explicit ones: taking one again is refused.
    const again = await hold({ lines: [{ performance: perf.code, tariffType: tariff, seats: ['T-r1-s1'] }] });
    expect([again.status, again.body.error.details.code]).toEqual([409, 'SEAT_TAKEN']);
    const none = await best(3);
    expect([none.status, none.body.error.details.code, none.body.error.details.seatCategory]).toEqual([409, 'NOT_AVAILABLE', numbered]);
    const paths = async (res: request.Response) => {
      expect([res.status, res.body.error?.details?.code]).toEqual([400, 'INVALID_HOLD']);
      return (res.body.error.details.errors as { path: string[] }[]).map((e) => e.path.join('.'));
    };
    expect(await paths(await best(21))).toEqual(['lines.0.quantity']);
    expect(await paths(await best(0))).toEqual(['lines.0.quantity']);
    expect(await paths(await best(2, standing))).toEqual(['lines.0.best']);
    expect(await capacityService().consistency()).toEqual([]);
  });
});

describe('per-season per-buyer limit', () => {
  test('maxPerBuyerPerSeason counts a buyer reference across the performances of the season; 409 LIMIT naming it; a release gives the places back', async () => {
    const a = await sellablePerformance({ limits: { maxPerBuyerPerSeason: 5 } });
    const b = await sellablePerformance({ limits: { maxPerBuyerPerSeason: 5 } });
    const buyerReference = uniqueCode('client');
    const line = (performance: string, quantity: number) => ({ performance, seatCategory: standing, tariffType: tariff, quantity });
    const first = await hold({ buyerReference, lines: [line(a.code, 3)] });
    expect(first.status).toBe(201);
    const over = await hold({ buyerReference, lines: [line(b.code, 3)] });
    expect([over.status, over.body.error.details.code, over.body.error.details.limit, over.body.error.details.held]).toEqual([409, 'LIMIT', 'maxPerBuyerPerSeason', 3]);
    expect(over.body.error.message).toMatch(/maxPerBuyerPerSeason|saison|season/);
    // Within the limit on the other performance; another buyer and an anonymous hold are not counted.
    expect((await hold({ buyerReference, lines: [line(b.code, 2)] })).status).toBe(201);
    expect((await hold({ buyerReference: uniqueCode('other'), lines: [line(b.code, 5)] })).status).toBe(201);
    expect((await hold({ lines: [line(a.code, 6)] })).status).toBe(201);
    // Two lines of one hold count together.
    const two = await hold({ buyerReference: uniqueCode('pair'), lines: [line(a.code, 3), line(b.code, 3)] });
    expect([two.status, two.body.error.details.limit]).toEqual([409, 'maxPerBuyerPerSeason']);
    // A release gives the buyer its places back.
    expect(
      (
        await http()
          .delete(`/api/ticketing/holds/${first.body.data.id}`)
          .set({ Authorization: `Bearer ${token}` })
      ).status,
    ).toBe(200);
    expect((await hold({ buyerReference, lines: [line(b.code, 3)] })).status).toBe(201);
    // Refused by the write guard when not a positive whole number.
    const lc = await docs('logical-configuration')
      .create({
        data: {
          code: uniqueCode('LOG'),
          name: 'Mauvaise',
          organization: world.organization,
          season: world.season,
          physicalConfiguration: world.physicalConfiguration,
          securityGauge: 10,
          limits: { maxPerBuyerPerSeason: -1 },
        } as any,
      })
      .catch((error: Error) => error);
    expect(String((lc as Error).message)).toMatch(/limits\.maxPerBuyerPerSeason/);
    expect(await capacityService().consistency()).toEqual([]);
  });
});

(databaseKind === 'postgres' ? describe : describe.skip)('PostgreSQL: the per-season limit under concurrency', () => {
  test('40 concurrent holds of 1 by one buyer over two performances of a season capped at 5: exactly 5 held', async () => {
    const a = await sellablePerformance({ limits: { maxPerBuyerPerSeason: 5 } });
    const b = await sellablePerformance({ limits: { maxPerBuyerPerSeason: 5 } });
    const buyerReference = uniqueCode('storm');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => hold({ buyerReference, lines: [{ performance: (i % 2 ? a : b).code, seatCategory: standing, tariffType: tariff, quantity: 1 }] })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.details.limit === 'maxPerBuyerPerSeason')).toBe(true);
    expect(await capacityService().consistency()).toEqual([]);
  }, 60_000);
});
