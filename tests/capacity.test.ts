import request from 'supertest';
import { loadContract, type Contract } from './helpers/contract';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { T, type World, createWorld, fullAccessApiToken, transition, uniqueCode } from './helpers/ticketing';
import { countedConfiguration, openSale, runningPerformance } from './helpers/capacity';

/**
 * Capacity (issue #17) on SQLite and PostgreSQL: allocations and limits validated on every write,
 * holds through the content API (API tokens only) that never oversell — limits, contingents and
 * their entitlement, seats, idempotency, expiry, release, confirm — the availability route against
 * the OpenAPI description, and on PostgreSQL a storm of concurrent holds for the last places and
 * one seat, then the consistency check.
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
let subscriberAudience: string;
let tariff: string;
let standing: string;
let numbered: string;
let performance: string;
let logical: string;

const hold = (body: object, headers: Record<string, string> = {}) =>
  http()
    .post('/api/ticketing/holds')
    .set({ Authorization: `Bearer ${token}`, ...headers })
    .send({ channel: channelCode, audience, ...body });
const line = (over: object = {}) => ({ performance, seatCategory: standing, tariffType: tariff, quantity: 1, ...over });
const availabilityOf = async (aud = audience) => {
  const url = `/api/ticketing/performances/${performance}/availability?channel=${channelCode}&audience=${aud}`;
  const res = await http().get(url);
  expect(res.status).toBe(200);
  contract.check(url, res.status, res.body);
  return res.body.data as { counted: boolean; categories: { seatCategory: { code: string }; status: string; available: number; binding: { kind: string; code?: string; left?: number } }[] };
};
const capacityService = () => app.strapi.plugin('ticketing').service('capacity');

/** A performance on sale now, in a hall of 10 numbered seats and a standing area of 150, with contingents and limits. */
async function sellablePerformance(opts: { standingGauge?: number; security?: number; contingents?: unknown[]; limits?: unknown } = {}) {
  logical = await countedConfiguration(app.strapi, world, { standing, ...opts });
  return (await runningPerformance(app.strapi, world, logical)).code;
}

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorld(app.strapi);
  token = await fullAccessApiToken(app.strapi);
  contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
  const sale = await openSale(app.strapi, world, { subscribers: true });
  ({ channel: channelCode, standing, audience, tariff } = sale);
  const subscribers = { documentId: sale.subscribers!.category };
  subscriberAudience = sale.subscribers!.audience;
  numbered = world.seatCategory;
  await docs('contingent').create({ data: { code: 'ABO', name: 'Abonnés', organization: world.organization, contingentKind: 'targetGroup', audienceCategories: [subscribers.documentId] } as any });
  await docs('contingent').create({ data: { code: 'PRESSE', name: 'Presse', organization: world.organization, contingentKind: 'internal', salesChannels: [] } as any });
  await docs('contingent').create({ data: { code: 'AGENCE', name: 'Agence', organization: world.organization, contingentKind: 'channelPartner', pointsOfSale: [] } as any });
}, 180_000);
afterAll(async () => {
  if (contract) expect(contract.checked()).toBeGreaterThan(3);
  await app?.stop();
});

describe('model: allocations and limits are checked on every write', () => {
  test('unknown contingent, unknown seat, quantity over the category, min above max: refused naming the path, nothing written', async () => {
    await sellablePerformance();
    const refused = async (data: object) => {
      try {
        await docs('logical-configuration').update({ documentId: logical, data: data as any });
      } catch (error: any) {
        return String(error.message);
      }
      return 'accepted';
    };
    // validated: read-only on every door
    expect(await refused({ contingents: [] })).toMatch(/lecture seule|read-only/);
    await transition(app.strapi, 'logical-configuration', logical, 'reopen', 'test');
    expect(await refused({ contingents: [{ contingent: 'NOPE', seatCategory: standing, quantity: 2 }] })).toMatch(/contingents\[0\]\.contingent/);
    expect(await refused({ contingents: [{ contingent: 'PRESSE', seats: ['T-r0-s0', 'ZZ-9'] }] })).toMatch(/contingents\[0\]\.seats\[1\]/);
    expect(await refused({ contingents: [{ contingent: 'ABO', seatCategory: standing, quantity: 151 }] })).toMatch(/151 places/);
    expect(await refused({ contingents: [{ contingent: 'ABO', seatCategory: standing, quantity: -1 }] })).toMatch(/contingents\[0\]\.quantity/);
    expect(await refused({ limits: { minPerHold: 9, maxPerHold: 8 } })).toMatch(/limits\.minPerHold/);
    expect(await refused({ limits: { tariffTypes: { NOPE: { maxPerHold: 2 } } } })).toMatch(/limits\.tariffTypes/);
    const row = await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: logical } });
    expect(row.contingents).toEqual([]);
    expect(await refused({ contingents: [{ contingent: 'ABO', seatCategory: standing, quantity: 20, release: { kind: 'relative', days: 30, hours: 0 } }], limits: { maxPerHold: 8 } })).toBe(
      'accepted',
    );
  });
});

describe('contingents named by allocations', () => {
  test('renaming or deleting a contingent still named is refused (409 CONTINGENT_IN_USE, naming who names it); a free one may be', async () => {
    await sellablePerformance({ contingents: [{ contingent: 'ABO', seatCategory: standing, quantity: 5, releaseTo: 'AGENCE' }] });
    const logicalCode = (await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: logical } })).code;
    const idOf = async (code: string) => (await app.strapi.db.query(T('contingent')).findOne({ where: { code, organization: { documentId: world.organization } } })).documentId as string;
    const refusal = async (write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (error: any) {
        return { status: error.status, code: error.details?.code, message: String(error.message), referrers: error.details?.referrers };
      }
      return null;
    };
    for (const code of ['ABO', 'AGENCE']) {
      const id = await idOf(code);
      const renamed = await refusal(() => docs('contingent').update({ documentId: id, data: { code: `${code}2` } as any }));
      expect(renamed).toMatchObject({ status: 409, code: 'CONTINGENT_IN_USE' });
      expect(renamed!.referrers).toContain(logicalCode);
      expect(renamed!.message).toContain(logicalCode);
      expect(await refusal(() => docs('contingent').delete({ documentId: id }))).toMatchObject({ status: 409, code: 'CONTINGENT_IN_USE' });
      // Its name unchanged: any other field may change.
      expect(await refusal(() => docs('contingent').update({ documentId: id, data: { code, name: 'Renommé' } as any }))).toBeNull();
    }
    const free = await docs('contingent').create({ data: { code: uniqueCode('LIBRE'), name: 'Libre', organization: world.organization, contingentKind: 'internal' } as any });
    expect(await refusal(() => docs('contingent').update({ documentId: free.documentId, data: { code: uniqueCode('LIBRE') } as any }))).toBeNull();
    expect(await refusal(() => docs('contingent').delete({ documentId: free.documentId }))).toBeNull();
  });
});

describe('holds', () => {
  test('API tokens only: anonymous and bad tokens are refused', async () => {
    const anonymous = await http()
      .post('/api/ticketing/holds')
      .send({ channel: channelCode, audience, lines: [line()] });
    expect([401, 403]).toContain(anonymous.status);
    const bad = await http()
      .post('/api/ticketing/holds')
      .set('Authorization', 'Bearer nope')
      .send({ channel: channelCode, audience, lines: [line()] });
    expect(bad.status).toBe(401);
  });

  test('bad inputs: 4xx naming them (negative, huge, unknown seat, duplicate seat, a seat of another performance, numbered by quantity)', async () => {
    performance = await sellablePerformance();
    const other = await sellablePerformance();
    const paths = async (body: object) => {
      const res = await hold(body);
      expect([res.status, res.body.error?.details?.code]).toEqual([400, 'INVALID_HOLD']);
      return (res.body.error.details.errors as { path: string[] }[]).map((e) => e.path.join('.'));
    };
    expect(await paths({ lines: [line({ quantity: -2 })] })).toEqual(['lines.0.quantity']);
    expect(await paths({ lines: [line({ quantity: 1e9 })] })).toEqual(['lines.0.quantity']);
    expect(await paths({ lines: [{ performance, tariffType: tariff, seats: ['T-r0-s3', 'NOPE-1'] }] })).toEqual(['lines.0.seats.1']);
    expect(await paths({ lines: [{ performance, tariffType: tariff, seats: ['T-r0-s3', 'T-r0-s3'] }] })).toEqual(['lines.0.seats.1']);
    expect(
      await paths({
        lines: [
          { performance, tariffType: tariff, seats: ['T-r0-s3'] },
          { performance, tariffType: tariff, seats: ['T-r0-s3'] },
        ],
      }),
    ).toEqual(['lines.1.seats.0']);
    expect(await paths({ lines: [line({ seatCategory: numbered, quantity: 2 })] })).toEqual(['lines.0.seatCategory']);
    expect(await paths({ lines: [line({ performance: 'NOPE' })] })).toEqual(['lines.0.performance']);
    // A seat id that exists only in another performance's plan is refused the same way.
    void other;
    const res = await hold({ lines: [{ performance, tariffType: tariff, seats: ['FOSSE'] }] });
    expect(res.status).toBe(400);
    expect(await capacityService().consistency()).toEqual([]);
  });

  test('limits, contingents and their entitlement, the binding pool in the 409 and in the availability', async () => {
    performance = await sellablePerformance({
      standingGauge: 30,
      contingents: [
        { contingent: 'ABO', seatCategory: 'PLACEHOLDER', quantity: 10 },
        { contingent: 'PRESSE', seats: ['T-r0-s0', 'T-r0-s1'] },
      ].map((a) => (a.seatCategory ? { ...a, seatCategory: standing } : a)),
      limits: { maxPerHold: 8, maxPerBuyer: 4 },
    });
    let a = await availabilityOf();
    const standingOf = (x: typeof a) => x.categories.find((c) => c.seatCategory.code === standing)!;
    expect(a.counted).toBe(true);
    expect(standingOf(a)).toMatchObject({ status: 'ON_SALE', available: 8, binding: { kind: 'limit', code: 'maxPerHold' } });
    // Per hold
    const tooMany = await hold({ lines: [line({ quantity: 9 })] });
    expect([tooMany.status, tooMany.body.error.details.code, tooMany.body.error.details.binding?.code]).toEqual([409, 'NOT_AVAILABLE', 'maxPerHold']);
    // Per buyer, across holds
    expect((await hold({ buyerReference: 'client-1', lines: [line({ quantity: 3 })] })).status).toBe(201);
    const fourth = await hold({ buyerReference: 'client-1', lines: [line({ quantity: 2 })] });
    expect([fourth.status, fourth.body.error.details.binding.code, fourth.body.error.details.available]).toEqual([409, 'maxPerBuyer', 1]);
    // The open sale: 30 − 10 for subscribers − 3 = 17; fill it.
    for (let i = 0; i < 2; i++) expect((await hold({ lines: [line({ quantity: 8 })] })).status).toBe(201);
    const last = await hold({ lines: [line({ quantity: 2 })] });
    expect([last.status, last.body.error.details.binding.kind, last.body.error.details.available]).toEqual([409, 'openSale', 1]);
    expect((await hold({ lines: [line({ quantity: 1 })] })).status).toBe(201);
    a = await availabilityOf();
    expect(standingOf(a)).toMatchObject({ status: 'SOLD_OUT', available: 0, binding: { kind: 'openSale', left: 0 } });
    expect((a.categories.find((c) => c.seatCategory.code === standing) as any).reasons[0].code).toBe('SOLD_OUT');
    // The sale-status route says it too: the line, and the standing cells of the matrix (the numbered category is still on sale).
    const statusUrl = (aud: string, extra = '') => `/api/ticketing/performances/${performance}/sale-status?channel=${channelCode}&audience=${aud}${extra}`;
    const lineAnswer = await http().get(statusUrl(audience, `&seatCategory=${standing}&tariffType=${tariff}`));
    contract.check(statusUrl(audience, `&seatCategory=${standing}&tariffType=${tariff}`), lineAnswer.status, lineAnswer.body);
    expect([lineAnswer.body.data.status, lineAnswer.body.data.reasons.map((r: any) => r.code)]).toEqual(['SOLD_OUT', ['SOLD_OUT']]);
    expect(lineAnswer.body.data.reasons[0].message).toMatch(/vente libre|open sale/);
    const whole = await http().get(statusUrl(audience));
    expect(whole.body.data.status).toBe('ON_SALE');
    expect(whole.body.data.matrix.cells.map((c: any) => [c.seatCategory, c.status]).sort()).toEqual(
      [
        [numbered, 'ON_SALE'],
        [standing, 'SOLD_OUT'],
      ].sort(),
    );
    expect((await http().get(statusUrl(subscriberAudience, `&seatCategory=${standing}`))).body.data.status).toBe('ON_SALE');
    // Subscribers still reach their contingent.
    const sub = await availabilityOf(subscriberAudience);
    expect(standingOf(sub)).toMatchObject({ status: 'ON_SALE', available: 8 });
    const subHold = await hold({ audience: subscriberAudience, lines: [line({ quantity: 5 })] });
    expect(subHold.status).toBe(201);
    expect(subHold.body.data.lines[0].pools).toEqual([{ contingent: 'ABO', quantity: 5 }]);
    // Press seats: reserved for the PRESSE contingent (any channel) — the web buyer may take them (PRESSE lists no channel), not a seat already held.
    const seat = await hold({ lines: [{ performance, tariffType: tariff, seats: ['T-r1-s2'] }] });
    expect(seat.status).toBe(201);
    const again = await hold({ lines: [{ performance, tariffType: tariff, seats: ['T-r1-s2'] }] });
    expect([again.status, again.body.error.details.code]).toEqual([409, 'SEAT_TAKEN']);
    expect(await capacityService().consistency()).toEqual([]);
  });

  test('idempotency, release, confirm, expiry (confirm after expiry refused)', async () => {
    performance = await sellablePerformance({ standingGauge: 5 });
    const key = uniqueCode('key');
    const first = await hold({ lines: [line({ quantity: 2 })] }, { 'Idempotency-Key': key });
    const retry = await hold({ lines: [line({ quantity: 2 })] }, { 'Idempotency-Key': key });
    expect([first.status, retry.status, retry.body.data.id]).toEqual([201, 200, first.body.data.id]);
    expect((await availabilityOf()).categories.find((c) => c.seatCategory.code === standing)!.available).toBe(3);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await http().delete(`/api/ticketing/holds/${first.body.data.id}`).set(auth)).body.data.status).toBe('released');
    expect((await availabilityOf()).categories.find((c) => c.seatCategory.code === standing)!.available).toBe(5);
    const sold = await hold({ lines: [line({ quantity: 1 })] });
    expect((await http().post(`/api/ticketing/holds/${sold.body.data.id}/confirm`).set(auth)).body.data.status).toBe('confirmed');
    expect((await http().delete(`/api/ticketing/holds/${sold.body.data.id}`).set(auth)).status).toBe(409);
    // A hold made 20 minutes ago has expired: confirm is refused, its places come back.
    const past = Date.now() - 20 * 60_000;
    const old = await app.strapi
      .plugin('ticketing')
      .service('holds')
      .hold({ channel: channelCode, audience, buyer: 'public', lines: [line({ quantity: 4 })] }, past, null, 'fr');
    expect(old.status).toBe(201);
    const late = await http().post(`/api/ticketing/holds/${old.body.id}/confirm`).set(auth);
    expect([late.status, late.body.error.details.code]).toEqual([409, 'HOLD_EXPIRED']);
    expect((await availabilityOf()).categories.find((c) => c.seatCategory.code === standing)!.available).toBe(4);
    expect((await http().post('/api/ticketing/holds/00000000-0000-0000-0000-000000000000/confirm').set(auth)).status).toBe(404);
    expect(await capacityService().consistency()).toEqual([]);
  });

  test('a performance without a logical configuration keeps its answers and is not held', async () => {
    const plain = await docs('performance').create({ data: { code: uniqueCode('PLAIN'), event: world.event, startsAt: new Date(Date.now() + 30 * DAY).toISOString() } as any });
    await transition(app.strapi, 'performance', plain.documentId, 'validate');
    await transition(app.strapi, 'performance', plain.documentId, 'run');
    const status = await http().get(`/api/ticketing/performances/${plain.code}/sale-status?channel=${channelCode}&audience=${audience}`);
    expect(status.body.data.status).toBe('ON_SALE');
    const res = await hold({ lines: [line({ performance: plain.code })] });
    expect([res.status, res.body.error.details.errors[0].code]).toEqual([400, 'NO_CAPACITY']);
  });
});

(databaseKind === 'postgres' ? describe : describe.skip)('PostgreSQL: concurrent holds never oversell', () => {
  test('200 concurrent holds of 1 for the last 20 places, 50 for one seat: exactly 20 and 1 held, counters consistent', async () => {
    performance = await sellablePerformance({ standingGauge: 20 });
    const results = await Promise.all([
      ...Array.from({ length: 200 }, () => hold({ lines: [line({ quantity: 1 })] })),
      ...Array.from({ length: 50 }, () => hold({ lines: [{ performance, tariffType: tariff, seats: ['T-r1-s4'] }] })),
    ]);
    const places = results.slice(0, 200);
    const seat = results.slice(200);
    expect(places.filter((r) => r.status === 201)).toHaveLength(20);
    expect(places.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
    expect(seat.filter((r) => r.status === 201)).toHaveLength(1);
    expect(seat.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
    expect((await availabilityOf()).categories.find((c) => c.seatCategory.code === standing)!.available).toBe(0);
    expect(await capacityService().consistency()).toEqual([]);
  }, 120_000);
});
