import request from 'supertest';
import { loadContract, type Contract } from './helpers/contract';
import { startStrapi, type TestApp } from './helpers/strapi';
import { SMALL_PLAN_SEATS, T, type World, adminToken, asAdmin, createWorld, fullAccessApiToken, uniqueCode } from './helpers/ticketing';
import { countedConfiguration, openSale, runningPerformance } from './helpers/capacity';

/**
 * The availability board and recorded releases (issue #17 items 2, 5, 6) on SQLite and
 * PostgreSQL: the board's figures after holds and confirmations, « release now » moving a
 * contingent's unsold places to the open sale (the website and the holds see it), 409 twice,
 * 400 naming the field, the sweep recording scheduled releases, the seat statuses of the website
 * seating plan, and the perimeter (another organisation: 404; read-only: 403).
 */
let app: TestApp;
let world: World;
let token: string;
let superJwt: string;
let consultation: string;
let foreign: string;
let contract: Contract;
const http = () => request(app.strapi.server.httpServer);
const docs = (name: string) => app.strapi.documents(T(name));
const as = (jwt: string) => asAdmin(app.strapi, jwt);
const DAY = 86_400_000;

let channelCode: string;
let audience: string;
let subscriberAudience: string;
let tariff: string;
let standing: string;
let numbered: string;

const BOARD = (id: string) => `/ticketing/board/performances/${id}`;
const hold = (body: object) =>
  http()
    .post('/api/ticketing/holds')
    .set({ Authorization: `Bearer ${token}` })
    .send({ channel: channelCode, audience, ...body });
const confirm = (id: string) =>
  http()
    .post(`/api/ticketing/holds/${id}/confirm`)
    .set({ Authorization: `Bearer ${token}` });

/** A performance on sale now: 9 numbered seats (one killed) and a standing area of 30, with these allocations. */
const sellablePerformance = async (contingents: unknown[]) =>
  runningPerformance(app.strapi, world, await countedConfiguration(app.strapi, world, { standing, standingGauge: 30, seats: SMALL_PLAN_SEATS.slice(0, 9), killedSeats: ['T-r1-s4'], contingents }));

const boardOf = async (id: string, jwt = superJwt) => {
  const res = await as(jwt).get(BOARD(id));
  expect(res.status).toBe(200);
  return res.body.data;
};
const available = async (code: string, aud = audience) => {
  const url = `/api/ticketing/performances/${code}/availability?channel=${channelCode}&audience=${aud}`;
  const res = await http().get(url);
  contract.check(url, res.status, res.body);
  return res.body.data.categories.find((c: any) => c.seatCategory.code === standing).available as number;
};

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorld(app.strapi);
  token = await fullAccessApiToken(app.strapi);
  superJwt = await adminToken(app.strapi);
  contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
  const sale = await openSale(app.strapi, world, { subscribers: true });
  ({ channel: channelCode, standing, audience, tariff } = sale);
  const subscribers = { documentId: sale.subscribers!.category };
  subscriberAudience = sale.subscribers!.audience;
  numbered = world.seatCategory;
  await docs('contingent').create({ data: { code: 'ABO', name: 'Abonnés', organization: world.organization, contingentKind: 'targetGroup', audienceCategories: [subscribers.documentId] } as any });
  await docs('contingent').create({ data: { code: 'PRESSE', name: 'Presse', organization: world.organization, contingentKind: 'internal', salesChannels: [] } as any });
  // A read-only operator of this organisation, and a programmer of another one.
  consultation = await adminToken(app.strapi, 'ticketing-consultation', `consult-${uniqueCode('a')}@example.com`);
  foreign = await adminToken(app.strapi, 'ticketing-programmer', `prog-${uniqueCode('b')}@example.com`);
  const B = await createWorld(app.strapi);
  for (const [jwt, organization] of [
    [consultation, world.organization],
    [foreign, B.organization],
  ]) {
    const me = await as(jwt).get('/admin/users/me');
    const res = await as(superJwt).post(`/ticketing/operators/${me.body.data.id}/perimeters`, { organization });
    if (res.status !== 201) throw new Error(`perimeter: ${res.status} ${JSON.stringify(res.body)}`);
  }
}, 240_000);
afterAll(async () => {
  if (contract) expect(contract.checked()).toBeGreaterThan(3);
  await app?.stop();
});

const ABO = () => ({ contingent: 'ABO', seatCategory: standing, quantity: 10, release: { kind: 'relative', days: 30, hours: 0 } });
const PRESSE = { contingent: 'PRESSE', seats: ['T-r0-s0', 'T-r0-s1'] };

describe('the board', () => {
  test('figures after holds and confirmations; « release now » moves places to the open sale, recorded; 409 twice; 400 naming the field', async () => {
    const perf = await sellablePerformance([ABO(), PRESSE]);
    const sold = await hold({ lines: [{ performance: perf.code, seatCategory: standing, tariffType: tariff, quantity: 3 }] });
    expect(sold.status).toBe(201);
    expect((await confirm(sold.body.data.id)).status).toBe(200);
    expect((await hold({ lines: [{ performance: perf.code, seatCategory: standing, tariffType: tariff, quantity: 2 }] })).status).toBe(201);
    const sub = await hold({ audience: subscriberAudience, lines: [{ performance: perf.code, seatCategory: standing, tariffType: tariff, quantity: 4 }] });
    expect(sub.body.data.lines[0].pools).toEqual([{ contingent: 'ABO', quantity: 4 }]);
    expect((await confirm(sub.body.data.id)).status).toBe(200);

    let data = await boardOf(perf.documentId);
    expect([data.counted, data.canRelease]).toEqual([true, true]);
    let cat = data.board.categories.find((c: any) => c.code === standing);
    expect(cat).toMatchObject({ capacity: 30, sold: 7, held: 2, left: 21 });
    expect(cat.pools[0]).toMatchObject({ contingent: null, capacity: 20, sold: 3, held: 2, left: 15 });
    expect(cat.pools[1]).toMatchObject({ contingent: 'ABO', name: 'Abonnés', capacity: 10, sold: 4, held: 0, left: 6, release: { released: false, record: null, releaseTo: null } });
    expect(Date.parse(cat.pools[1].release.ruleAt)).toBeLessThan(Date.now() + 61 * DAY);
    expect(data.board.securityGauge).toMatchObject({ capacity: 1000, sold: 7, held: 2, left: 991 });
    expect(data.seating.seatStatuses.reserved).toEqual({ PRESSE: ['T-r0-s0', 'T-r0-s1'] });
    expect(await available(perf.code)).toBe(15);

    // Bad input: the field is named; nothing is recorded.
    const unknown = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'NOPE' });
    expect([unknown.status, unknown.body.error.details.code, unknown.body.error.details.errors[0].path]).toEqual([400, 'INVALID_RELEASE', ['contingent']]);
    const wrongCategory = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO', category: numbered });
    expect([wrongCategory.status, wrongCategory.body.error.details.errors[0].path]).toEqual([400, ['category']]);
    const noBody = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 12 });
    expect([noBody.status, noBody.body.error.details.errors[0].path]).toEqual([400, ['contingent']]);

    const released = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO' });
    expect(released.status).toBe(201);
    expect(released.body.data).toMatchObject({ contingent: 'ABO', category: null, kind: 'manual', quantity: 6 });
    expect(typeof released.body.data.by).toBe('number');
    const twice = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO' });
    expect([twice.status, twice.body.error.details.code]).toEqual([409, 'ALREADY_RELEASED']);

    data = await boardOf(perf.documentId);
    cat = data.board.categories.find((c: any) => c.code === standing);
    expect(cat).toMatchObject({ capacity: 30, sold: 7, held: 2, left: 21 });
    expect(cat.pools[0]).toMatchObject({ contingent: null, capacity: 26, left: 21 });
    expect(cat.pools[1]).toMatchObject({ contingent: 'ABO', capacity: 4, left: 0, release: { released: true, record: { kind: 'manual', quantity: 6 } } });
    // The website and the holds see it: the open sale gained the 6 places; counters unchanged.
    expect(await available(perf.code)).toBe(21);
    expect((await hold({ lines: [{ performance: perf.code, seatCategory: standing, tariffType: tariff, quantity: 21 }] })).status).toBe(201);
    expect(await app.strapi.plugin('ticketing').service('capacity').consistency()).toEqual([]);
  });

  test('seat statuses in the website seating plan; releasing the press seats frees them', async () => {
    const perf = await sellablePerformance([PRESSE]);
    const h = await hold({ lines: [{ performance: perf.code, tariffType: tariff, seats: ['T-r0-s2'] }] });
    expect(h.status).toBe(201);
    const s = await hold({ lines: [{ performance: perf.code, tariffType: tariff, seats: ['T-r0-s3'] }] });
    expect((await confirm(s.body.data.id)).status).toBe(200);
    const url = `/api/ticketing/performances/${perf.code}/seating-plan`;
    let res = await http().get(url);
    expect(res.status).toBe(200);
    contract.check(url, res.status, res.body);
    expect(res.body.data.seatStatuses).toMatchObject({ held: ['T-r0-s2'], sold: ['T-r0-s3'], killed: ['T-r1-s4'], reserved: { PRESSE: ['T-r0-s0', 'T-r0-s1'] } });
    const etag = res.headers.etag;
    expect((await http().get(url).set('If-None-Match', etag)).status).toBe(304);
    expect((await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'PRESSE', category: numbered })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    res = await http().get(url).set('If-None-Match', etag);
    expect(res.status).toBe(200);
    contract.check(url, res.status, res.body);
    expect(res.body.data.seatStatuses.reserved).toEqual({});
    const board = await boardOf(perf.documentId);
    expect(board.seating.seatStatuses).toMatchObject({ held: ['T-r0-s2'], sold: ['T-r0-s3'], reserved: {} });
  });

  test('the sweep records scheduled releases once, at their instant', async () => {
    const at = new Date(Date.now() - DAY).toISOString();
    const perf = await sellablePerformance([{ contingent: 'ABO', seatCategory: standing, quantity: 10, release: { kind: 'absolute', at } }]);
    await app.strapi.plugin('ticketing').service('holds').sweep();
    await app.strapi.plugin('ticketing').service('holds').sweep();
    const records = await app.strapi.plugin('ticketing').service('releases').recordsOf(perf.documentId);
    expect(records).toEqual([{ contingent: 'ABO', category: standing, kind: 'scheduled', at: Date.parse(at), quantity: 10, by: null }]);
    const cat = (await boardOf(perf.documentId)).board.categories.find((c: any) => c.code === standing);
    expect(cat.pools[1].release).toMatchObject({ released: true, record: { kind: 'scheduled' } });
    const late = await as(superJwt).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO' });
    expect([late.status, late.body.error.details.code]).toEqual([409, 'ALREADY_RELEASED']);
  });

  test('limits edited from the board go through the write guard (400 naming the field); the availability follows', async () => {
    const perf = await sellablePerformance([ABO()]);
    const url = `${BOARD(perf.documentId)}/limits`;
    const ok = await as(superJwt).put(url, { limits: { maxPerHold: 2 } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.board.limits).toEqual({ maxPerHold: 2 });
    expect(await available(perf.code)).toBe(2);
    const bad = await as(superJwt).put(url, { limits: { minPerHold: 5, maxPerHold: 2 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toMatch(/limits\.minPerHold/);
    const noBody = await as(superJwt).put(url, { nope: 1 });
    expect([noBody.status, noBody.body.error.details.errors[0].path]).toEqual([400, ['limits']]);
    expect((await as(consultation).put(url, { limits: null })).status).toBe(403);
    expect((await as(foreign).put(url, { limits: null })).status).toBe(404);
    expect((await app.strapi.db.query(T('performance')).findOne({ where: { documentId: perf.documentId } })).limits).toEqual({ maxPerHold: 2 });
    expect((await as(superJwt).put(url, { limits: null })).status).toBe(200);
    expect(await available(perf.code)).toBe(20);
  });

  test('perimeter: another organisation’s operator gets 404 (as unknown); a read-only operator reads but may not release (403)', async () => {
    const perf = await sellablePerformance([ABO()]);
    for (const res of [await as(foreign).get(BOARD(perf.documentId)), await as(foreign).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO' })]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/ABO|Abonnés/);
    }
    expect((await as(superJwt).get(BOARD('nope'))).status).toBe(404);
    const data = await boardOf(perf.documentId, consultation);
    expect(data.canRelease).toBe(false);
    const refused = await as(consultation).post(`${BOARD(perf.documentId)}/releases`, { contingent: 'ABO' });
    expect(refused.status).toBe(403);
    expect((await app.strapi.plugin('ticketing').service('releases').recordsOf(perf.documentId)).length).toBe(0);
  });
});
