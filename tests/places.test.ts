import request from 'supertest';
import { generateBlock } from '../src/plugins/ticketing/shared/seating-generator';
import { loadContract } from './helpers/contract';
import { startStrapi, type TestApp } from './helpers/strapi';
import { SMALL_PLAN_SEATS, T, type World, adminToken, asAdmin, createWorld, newData, smallPlan, transition, uniqueCode } from './helpers/ticketing';

/**
 * Places (issue 16): the rules of physical and logical configurations as 4xx naming the object,
 * the lock of validated ones on the editor's routes, the perimeter of those routes, the
 * reconciliation preview, and the size of a 20,000-seat save.
 */
let app: TestApp;
let A: World;
let B: World;
let superJwt: string;
let programmerB: string;

const http = () => request(app.strapi.server.httpServer);
const as = (jwt: string) => asAdmin(app.strapi, jwt);
const docs = (name: string) => app.strapi.documents(T(name));
const PHY = (id: string) => `/ticketing/seating/physical-configurations/${id}`;
const LOG = (id: string) => `/ticketing/seating/logical-configurations/${id}`;

async function refused(promise: Promise<unknown>): Promise<{ status: number; message: string; details: any }> {
  try {
    await promise;
  } catch (error: any) {
    return { status: error.status ?? 400, message: String(error.message), details: error.details };
  }
  throw new Error('the write was accepted');
}

async function draftPhysical(world: World, plan: object = smallPlan(), securityGauge = 100) {
  return (await docs('physical-configuration').create({ data: { ...newData('physical-configuration', world), plan, securityGauge } as any })).documentId as string;
}
async function draftLogical(world: World, extra: Record<string, unknown> = {}) {
  return (await docs('logical-configuration').create({ data: { ...newData('logical-configuration', world), ...extra } as any })).documentId as string;
}

beforeAll(async () => {
  app = await startStrapi();
  A = await createWorld(app.strapi);
  B = await createWorld(app.strapi);
  superJwt = await adminToken(app.strapi);
  const email = `prog-${uniqueCode('b')}@example.com`;
  programmerB = await adminToken(app.strapi, 'ticketing-programmer', email);
  const me = await as(programmerB).get('/admin/users/me');
  const res = await as(superJwt).post(`/ticketing/operators/${me.body.data.id}/perimeters`, { organization: B.organization });
  if (res.status !== 201) throw new Error(`perimeter: ${res.status} ${JSON.stringify(res.body)}`);
}, 180000);
afterAll(async () => {
  await app?.stop();
}, 120000);

describe('rules, each a 4xx naming the object', () => {
  test('a plan with a malformed or duplicate id is refused with the path of each problem', async () => {
    const id = await draftPhysical(A);
    const plan = smallPlan() as any;
    plan.blocks[0].rows[1].seats[0].id = 'T-r0-s0';
    plan.blocks[0].rows[0].seats[2].id = 'bad id';
    const res = await as(superJwt).put(PHY(id), { plan });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['plan.blocks.0.rows.0.seats.2.id', 'plan.blocks.0.rows.1.seats.0.id']);
    expect(res.body.error.message).toContain('T-r0-s0');
    expect((await as(superJwt).put(PHY(id), {})).status).toBe(400);
    expect((await as(superJwt).put(PHY(id), { plan: smallPlan() })).body.data).toMatchObject({ documentId: id, state: 'draft', securityGauge: 100, plan: { version: 1 } });
  });

  test('a logical gauge above the physical one is refused, naming the physical configuration', async () => {
    const physical = await app.strapi.db.query(T('physical-configuration')).findOne({ where: { documentId: A.physicalConfiguration } });
    const r = await refused(draftLogical(A, { securityGauge: 101 }));
    expect(r.status).toBe(400);
    expect(r.details.errors[0].path).toEqual(['securityGauge']);
    expect(r.message).toContain(physical.code);
    expect(r.message).toContain('100');
  });

  test('a logical configuration needs a validated physical configuration', async () => {
    const draft = await draftPhysical(A);
    const code = (await app.strapi.db.query(T('physical-configuration')).findOne({ where: { documentId: draft } })).code;
    const r = await refused(draftLogical(A, { physicalConfiguration: draft }));
    expect(r.status).toBe(400);
    expect(r.details.errors.map((e: any) => e.path[0])).toContain('physicalConfiguration');
    expect(r.message).toContain(code);
  });

  test('a category is numbered or unnumbered, never both; seats and categories must exist; an area gauge stays within its capacity', async () => {
    const plan = { ...smallPlan(), areas: [{ id: 'FOSSE', name: 'Fosse', capacity: 30, shape: { kind: 'rectangle', x: 0, y: 500, width: 300, height: 100 } }] };
    const physical = await draftPhysical(A, plan);
    await transition(app.strapi, 'physical-configuration', physical, 'validate');
    const cat = A.seatCategory;
    const bad = { version: 1, seatsByCategory: { [cat]: ['T-r0-s0', 'GHOST'], NOPE: ['T-r0-s1'] }, killedSeats: [], areas: { FOSSE: { category: cat, sellableGauge: 31 } } };
    const r = await refused(draftLogical(A, { physicalConfiguration: physical, layout: bad }));
    expect(r.status).toBe(400);
    const paths = r.details.errors.map((e: any) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining([`layout.seatsByCategory.${cat}.1`, 'layout.seatsByCategory.NOPE', 'layout.areas.FOSSE.sellableGauge', `layout.seatsByCategory.${cat}`]));
    expect(r.message).toMatch(/GHOST/);
    expect(r.message).toMatch(/numérotée/);
  });

  test('validation is blocked while a seat has no category or the sellable places exceed the security gauge, with the seat count', async () => {
    const half = { version: 1, seatsByCategory: { [A.seatCategory]: SMALL_PLAN_SEATS.slice(0, 6) }, killedSeats: ['T-r1-s4'], areas: {} };
    const id = await draftLogical(A, { layout: half, securityGauge: 5 });
    const r = await refused(transition(app.strapi, 'logical-configuration', id, 'validate'));
    expect(r.status).toBe(422);
    expect(r.details.blocking.map((p: any) => p.code)).toEqual(['UNASSIGNED_SEATS', 'SELLABLE_OVER_SECURITY_GAUGE']);
    expect(r.message).toContain('3 place(s) sans catégorie');
    expect(r.message).toContain('6 places vendables pour une jauge de sécurité de 5');
    // The side panel's check says the same.
    const panel = await as(superJwt).get(`/ticketing/logical-configurations/${id}/transitions`);
    expect(panel.body.data.check.blocking.map((p: any) => p.code)).toEqual(['UNASSIGNED_SEATS', 'SELLABLE_OVER_SECURITY_GAUGE']);
    // So does the timeline's « Problèmes » tab of its season, naming it; nothing of it for another organisation's operator.
    const problems = (await as(superJwt).get(`/ticketing/problems?season=${A.season}`)).body.data.problems.filter((p: any) => p.object.id === id);
    expect(problems.map((p: any) => [p.severity, p.object.type, p.code])).toEqual([
      ['blocking', 'logical-configuration', 'UNASSIGNED_SEATS'],
      ['blocking', 'logical-configuration', 'SELLABLE_OVER_SECURITY_GAUGE'],
    ]);
    expect(problems[0].message.fr).toContain('3 place(s) sans catégorie');
    const seenByB = await as(programmerB).get(`/ticketing/problems?season=${A.season}`);
    expect(seenByB.status).toBe(404);
    expect(JSON.stringify(seenByB.body)).not.toContain(id);
    const fixed = { ...half, seatsByCategory: { [A.seatCategory]: SMALL_PLAN_SEATS.slice(0, 9) } };
    const put = await as(superJwt).put(LOG(id), { layout: fixed });
    expect(put.status).toBe(200);
    expect(put.body.data.reconciliation).toMatchObject({
      totalSeats: 10,
      unassignedSeats: 0,
      killedSeats: 1,
      sellable: 9,
      blocking: [expect.objectContaining({ code: 'SELLABLE_OVER_SECURITY_GAUGE', count: 4 })],
    });
    await docs('logical-configuration').update({ documentId: id, data: { securityGauge: 9 } as any });
    await transition(app.strapi, 'logical-configuration', id, 'validate');
  });

  test('a physical configuration cannot lose a seat that a logical configuration uses, nor go below its gauge', async () => {
    const physical = await draftPhysical(A);
    await transition(app.strapi, 'physical-configuration', physical, 'validate');
    const logical = await draftLogical(A, { physicalConfiguration: physical, securityGauge: 80 });
    const logicalCode = (await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: logical } })).code;
    await transition(app.strapi, 'physical-configuration', physical, 'reopen', 'travaux');
    const smaller = smallPlan() as any;
    smaller.blocks[0].rows[1].seats.splice(3, 2);
    const res = await as(superJwt).put(PHY(physical), { plan: smaller });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`2 place(s) employée(s) par la configuration logique « ${logicalCode} »`);
    const gauge = await refused(docs('physical-configuration').update({ documentId: physical, data: { securityGauge: 50 } as any }));
    expect(gauge.message).toContain(logicalCode);
    // Adding seats is fine.
    const bigger = smallPlan() as any;
    bigger.blocks.push(generateBlock({ id: 'BAL', name: 'Balcon', x: 500, y: 600, rows: 1, seatsPerRow: 3, rowLabels: 'letters', numbering: 'ltr', shape: 'arc', arcRadius: 900 }));
    expect((await as(superJwt).put(PHY(physical), { plan: bigger })).status).toBe(200);
  });
});

describe('the editor routes', () => {
  test('answer the physical and logical views, with the seat categories and the reconciliation', async () => {
    const id = await draftLogical(A);
    const res = await as(superJwt).get(LOG(id));
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ documentId: id, state: 'draft', securityGauge: 50, physicalConfiguration: { documentId: A.physicalConfiguration, securityGauge: 100 } });
    expect(data.physicalConfiguration.plan.blocks[0].rows).toHaveLength(2);
    expect(data.seatCategories.map((c: any) => c.code)).toContain(A.seatCategory);
    expect(data.reconciliation).toMatchObject({ sellable: 10, unassignedSeats: 0, blocking: [], categories: [{ code: A.seatCategory, kind: 'numbered', seats: 10, sellable: 10 }] });
    const phy = await as(superJwt).get(PHY(A.physicalConfiguration));
    expect(phy.body.data).toMatchObject({ documentId: A.physicalConfiguration, state: 'validated', securityGauge: 100 });
  });

  test('the reconciliation preview writes nothing, and refuses a bad layout naming its path', async () => {
    const id = await draftLogical(A);
    const before = await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: id } });
    const preview = await as(superJwt).post(`${LOG(id)}/reconciliation`, { layout: { version: 1, seatsByCategory: {}, killedSeats: ['T-r0-s0'], areas: {} } });
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ unassignedSeats: 9, killedSeats: 1, sellable: 0, blocking: [expect.objectContaining({ code: 'UNASSIGNED_SEATS', count: 9 })] });
    const after = await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: id } });
    expect(after.layout).toEqual(before.layout);
    expect(after.updatedAt).toEqual(before.updatedAt);
    const bad = await as(superJwt).post(`${LOG(id)}/reconciliation`, { layout: { version: 1, seatsByCategory: {}, killedSeats: ['NOPE'], areas: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['layout', 'killedSeats', '0']);
  });

  test('validated = read-only: 409 on both PUT routes, the object unchanged', async () => {
    const plan = await as(superJwt).put(PHY(A.physicalConfiguration), { plan: smallPlan() });
    expect(plan.status).toBe(409);
    expect(plan.body.error.details.code).toBe('READ_ONLY');
    const id = await draftLogical(A);
    await transition(app.strapi, 'logical-configuration', id, 'validate');
    const layout = await as(superJwt).put(LOG(id), { layout: { version: 1, seatsByCategory: {}, killedSeats: [], areas: {} } });
    expect(layout.status).toBe(409);
    const row = await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: id } });
    expect(row.layout.seatsByCategory[A.seatCategory]).toHaveLength(10);
  });

  test("perimeter first: another organisation's logical configuration is unknown (404, nothing named); the institution's physical ones are readable, not writable", async () => {
    const mine = await draftLogical(B);
    const theirs = await draftLogical(A);
    const theirCode = (await app.strapi.db.query(T('logical-configuration')).findOne({ where: { documentId: theirs } })).code;
    expect((await as(programmerB).get(LOG(mine))).status).toBe(200);
    for (const res of [await as(programmerB).get(LOG(theirs)), await as(programmerB).post(`${LOG(theirs)}/reconciliation`, { layout: 'not even a layout' })]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(theirCode);
    }
    const unknown = await as(programmerB).get(LOG('u'.repeat(24)));
    expect(unknown.status).toBe(404);
    // A programmer reads the logical configurations of their organisations but does not write them.
    expect((await as(programmerB).put(LOG(mine), { layout: {} })).status).toBe(403);
    expect((await as(programmerB).put(LOG(theirs), { layout: {} })).status).toBe(403);
    expect((await as(programmerB).get(PHY(A.physicalConfiguration))).status).toBe(200);
    expect((await as(programmerB).put(PHY(A.physicalConfiguration), { plan: smallPlan() })).status).toBe(403);
  });

  test('events and performances point to a logical configuration of their own organisation only', async () => {
    const theirs = await draftLogical(A);
    const mine = await draftLogical(B);
    const r = await refused(docs('event').create({ data: { ...newData('event', B), logicalConfiguration: theirs } as any }));
    expect(r.status).toBe(400);
    expect(r.details.errors[0].path).toEqual(['logicalConfiguration']);
    const event = await docs('event').create({ data: { ...newData('event', B), logicalConfiguration: mine } as any });
    const performance = await docs('performance').create({ data: { ...newData('performance', B), event: event.documentId, logicalConfiguration: mine } as any });
    expect((await refused(docs('performance').update({ documentId: performance.documentId, data: { logicalConfiguration: theirs } as any }))).status).toBe(400);
    const row = await app.strapi.db.query(T('performance')).findOne({ where: { documentId: performance.documentId }, populate: ['logicalConfiguration'] });
    expect(row.logicalConfiguration.documentId).toBe(mine);
  });

  test('pretix: a valid file imports (not saved), a bad one gets a 400 listing every problem, the plan exports', async () => {
    const id = await draftPhysical(A);
    const file = {
      name: 'Salle pretix',
      size: { width: 600, height: 400 },
      categories: [{ name: A.seatCategory.toLowerCase() }, { name: 'Loges' }],
      zones: [
        {
          name: 'Parterre',
          position: { x: 50, y: 50 },
          rows: [
            {
              row_number: 'A',
              seats: [1, 2, 3].map((n) => ({ seat_guid: `px-${n}`, seat_number: String(n), position: { x: n * 30, y: 0 }, category: n === 3 ? 'Loges' : A.seatCategory.toLowerCase() })),
            },
          ],
          areas: [{ width: 100, height: 40, position: { x: 0, y: 200 }, text: 'Fosse' }],
        },
      ],
    };
    const before = await app.strapi.db.query(T('physical-configuration')).findOne({ where: { documentId: id } });
    const res = await as(superJwt).post(`${PHY(id)}/import`, file);
    expect(res.status).toBe(200);
    expect(res.body.data.plan.blocks[0].rows[0].seats.map((s: any) => s.id)).toEqual(['px-1', 'px-2', 'px-3']);
    expect(res.body.data.plan.areas[0]).toMatchObject({ name: 'Fosse', capacity: 0 });
    expect(res.body.data.seatsByCategory).toEqual({ [A.seatCategory]: ['px-1', 'px-2'] });
    expect(res.body.data.unmappedCategories).toEqual(['Loges']);
    const after = await app.strapi.db.query(T('physical-configuration')).findOne({ where: { documentId: id } });
    expect(after.plan).toEqual(before.plan);
    const bad: any = structuredClone(file);
    delete bad.categories;
    bad.zones[0].rows[0].seats[0].position = { x: 'one' };
    const refusedFile = await as(superJwt).post(`${PHY(id)}/import`, bad);
    expect(refusedFile.status).toBe(400);
    expect(refusedFile.body.error.details.code).toBe('INVALID_PRETIX_FILE');
    expect(refusedFile.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['categories', 'zones.0.rows.0.seats.0.position.x', 'zones.0.rows.0.seats.0.position.y']),
    );
    expect((await as(programmerB).post(`${PHY(id)}/import`, file)).status).toBe(403);
    const exported = await as(superJwt).get(`${PHY(A.physicalConfiguration)}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.zones[0].rows.flatMap((r: any) => r.seats.map((s: any) => s.seat_guid))).toEqual(SMALL_PLAN_SEATS);
    const again = await as(superJwt).post(`${PHY(id)}/import`, exported.body);
    expect(again.status).toBe(200);
    expect(again.body.data.plan.blocks[0].rows.flatMap((r: any) => r.seats.map((s: any) => s.id))).toEqual(SMALL_PLAN_SEATS);
  });

  test('a 20,000-seat plan is saved in one write (time printed, not asserted)', async () => {
    const id = await draftPhysical(A, smallPlan(), 20_000);
    const blocks = Array.from({ length: 10 }, (_, b) =>
      generateBlock({ id: `B${b}`, name: `Bloc ${b}`, x: 5000, y: b * 4000, rows: 40, seatsPerRow: 50, rowLabels: 'letters', numbering: 'oddEven', shape: 'straight' }),
    );
    const plan = { version: 1, width: 10_000, height: 40_000, blocks, areas: [] };
    const started = Date.now();
    const res = await as(superJwt).put(PHY(id), { plan });
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.data.plan.blocks.reduce((n: number, b: any) => n + b.rows.reduce((m: number, r: any) => m + r.seats.length, 0), 0)).toBe(20_000);
    console.log(JSON.stringify({ seating_save_ms_20k_route: ms, bytes: JSON.stringify(plan).length }));
  });
});

describe('the website route GET /api/ticketing/performances/:idOrCode/seating-plan', () => {
  test('answers a running performance with the plan of its logical configuration, by code or documentId, with an ETag; 404 otherwise', async () => {
    const contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
    const logical = await draftLogical(A, { layout: { version: 1, seatsByCategory: { [A.seatCategory]: SMALL_PLAN_SEATS.slice(0, 9) }, killedSeats: ['T-r0-s0', 'T-r1-s4'], areas: {} } });
    await transition(app.strapi, 'logical-configuration', logical, 'validate');
    const event = await docs('event').create({ data: { ...newData('event', A), logicalConfiguration: logical } as any });
    await transition(app.strapi, 'event', event.documentId, 'validate');
    await transition(app.strapi, 'event', event.documentId, 'run');
    const performance = await docs('performance').create({ data: { ...newData('performance', A), event: event.documentId } as any });
    const code = (await app.strapi.db.query(T('performance')).findOne({ where: { documentId: performance.documentId } })).code;
    const url = (id: string) => `/api/ticketing/performances/${id}/seating-plan`;
    // Not running yet: unknown.
    const early = await http().get(url(code));
    expect(early.status).toBe(404);
    expect(early.body.error.details.code).toBe('NOT_FOUND');
    await transition(app.strapi, 'performance', performance.documentId, 'validate');
    await transition(app.strapi, 'performance', performance.documentId, 'run');
    // Seat statuses carry the second they are computed for (its end), and the ETag hashes them:
    // start at the beginning of a second so that the requests below fall within one.
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    const res = await http().get(url(code)).set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    contract.check(url(code), res.status, res.body);
    const data = res.body.data;
    expect(data.performance).toEqual({ documentId: performance.documentId, code });
    const seats = data.blocks.flatMap((b: any) => b.rows.flatMap((r: any) => r.seats));
    expect(seats.filter((s: any) => s.sellable).map((s: any) => s.id)).toEqual(SMALL_PLAN_SEATS.slice(1, 9));
    expect(seats.find((s: any) => s.id === 'T-r1-s4')).toMatchObject({ category: null, sellable: false });
    expect(data.legend).toEqual([{ code: A.seatCategory, name: 'Catégorie 1', rank: 1, numbered: true, sellable: 8 }]);
    const byDocumentId = await http().get(url(performance.documentId));
    const sameSecond = (body: any) => ({ ...body, data: { ...body.data, seatStatuses: { ...body.data.seatStatuses, at: null } } });
    expect(sameSecond(byDocumentId.body)).toEqual(sameSecond(res.body));
    const etag = res.headers.etag;
    expect(etag).toBeTruthy();
    expect((await http().get(url(code)).set('If-None-Match', etag)).status).toBe(304);
    // The performance's own configuration overrides its event's; a change of configuration changes the ETag.
    await docs('performance').update({ documentId: performance.documentId, data: { logicalConfiguration: await draftLogical(A) } as any });
    const draftOnly = await http().get(url(code)).set('If-None-Match', etag);
    expect(draftOnly.status).toBe(404);
    expect((await http().get(url('nothing-here'))).status).toBe(404);
    expect((await http().get(`${url(code)}?channel=WEB`)).status).toBe(400);
  });
});
