import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { T, type World, adminToken, createInState, createWorld, newData, uniqueCode } from './helpers/ticketing';

/**
 * Operators: preset roles, perimeters (the « within my perimeter » condition), the Content
 * Manager and the plugin's routes seen by real admin users logged in through /admin/login,
 * effective rights checked against what the requests actually allow.
 * World A and world B are two organisations; operators work in B.
 */
let app: TestApp;
let A: World;
let B: World;
let superJwt: string;

const http = () => request(app.strapi.server.httpServer);
const cm = (name: string) => `/content-manager/collection-types/plugin::ticketing.${name}`;
const PLURAL: Record<string, string> = { 'sales-calendar': 'sales-calendars', event: 'events' };

const as = (jwt: string) => {
  const auth = { Authorization: `Bearer ${jwt}` };
  return {
    list: (name: string) => http().get(`${cm(name)}?pageSize=100`).set(auth),
    find: (name: string, id: string) => http().get(`${cm(name)}/${id}`).set(auth),
    create: (name: string, data: object) => http().post(cm(name)).set(auth).send(data),
    update: (name: string, id: string, data: object) => http().put(`${cm(name)}/${id}`).set(auth).send(data),
    remove: (name: string, id: string) => http().delete(`${cm(name)}/${id}`).set(auth),
    bulkDelete: (name: string, ids: string[]) => http().post(`${cm(name)}/actions/bulkDelete`).set(auth).send({ documentIds: ids }),
    transition: (name: string, id: string, action: string, reason?: string) =>
      http().post(`/ticketing/${PLURAL[name]}/${id}/transitions`).set(auth).send({ action, reason }),
    transitions: (name: string, id: string) => http().get(`/ticketing/${PLURAL[name]}/${id}/transitions`).set(auth),
    get: (path: string) => http().get(path).set(auth),
    post: (path: string, body: object) => http().post(path).set(auth).send(body),
    put: (path: string, body: object) => http().put(path).set(auth).send(body),
    del: (path: string) => http().delete(path).set(auth),
  };
};

const userIdOf = async (jwt: string) => (await as(jwt).get('/admin/users/me')).body.data.id as number;

/** A real operator with a preset role and (through the route, as super admin) a perimeter. */
async function operator(roleCode: string, perimeter: { organization?: string; institutionWide?: boolean; validFrom?: string; validUntil?: string }[]) {
  const email = `${roleCode}-${uniqueCode('op')}@example.com`.toLowerCase();
  const jwt = await adminToken(app.strapi, roleCode, email);
  const id = await userIdOf(jwt);
  for (const row of perimeter) {
    const res = await as(superJwt).post(`/ticketing/operators/${id}/perimeters`, row);
    if (res.status !== 201) throw new Error(`perimeter: ${res.status} ${JSON.stringify(res.body)}`);
  }
  app.strapi.plugin('ticketing').service('perimeter').invalidate();
  return { jwt, id, api: as(jwt) };
}

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const exists = async (name: string, documentId: string) => !!(await app.strapi.db.query(T(name)).findOne({ where: { documentId } }));

beforeAll(async () => {
  app = await startStrapi();
  A = await createWorld(app.strapi);
  B = await createWorld(app.strapi);
  superJwt = await adminToken(app.strapi);
}, 120000);
afterAll(async () => {
  await app?.stop();
}, 120000);

describe('preset roles', () => {
  test('created at bootstrap with French and English names, restorable idempotently', async () => {
    const res = await as(superJwt).get('/ticketing/roles/presets');
    expect(res.status).toBe(200);
    const codes = res.body.data.map((r: any) => r.code);
    expect(codes).toEqual(['ticketing-administrator', 'ticketing-programmer', 'ticketing-marketer', 'ticketing-validator', 'ticketing-consultation']);
    for (const role of res.body.data) {
      expect(role.id).toEqual(expect.any(Number));
      expect(role.name).toMatch(/ \/ /);
    }
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'ticketing-validator' } });
    const count = () => app.strapi.db.query('admin::permission').count({ where: { role: role.id } });
    const before = await count();
    expect(before).toBeGreaterThan(10);
    // An administrator removes a permission; restoring puts it back, twice gives the same.
    const one = await app.strapi.db.query('admin::permission').findOne({ where: { role: role.id, action: 'plugin::ticketing.transitions.configuration' } });
    await app.strapi.db.query('admin::permission').delete({ where: { id: one.id } });
    expect(await count()).toBe(before - 1);
    expect((await as(superJwt).post('/ticketing/roles/presets/restore', { codes: ['ticketing-validator'] })).status).toBe(200);
    expect(await count()).toBe(before);
    expect((await as(superJwt).post('/ticketing/roles/presets/restore', {})).status).toBe(200);
    expect(await count()).toBe(before);
    const all = await app.strapi.db.query('admin::role').findMany({ where: { code: { $startsWith: 'ticketing-' } } });
    expect(all).toHaveLength(5);
  });

  test('restoring needs perimeters.manage', async () => {
    const programmer = await operator('ticketing-programmer', [{ organization: B.organization }]);
    expect((await programmer.api.post('/ticketing/roles/presets/restore', {})).status).toBe(403);
  });
});

describe('an operator of organisation B does not reach organisation A', () => {
  let programmer: Awaited<ReturnType<typeof operator>>;
  let marketer: Awaited<ReturnType<typeof operator>>;
  let calendarA: string;
  let calendarB: string;

  beforeAll(async () => {
    programmer = await operator('ticketing-programmer', [{ organization: B.organization }]);
    marketer = await operator('ticketing-marketer', [{ organization: B.organization }]);
    calendarA = (await createInState(app.strapi, A, 'sales-calendar', 'draft')).documentId;
    calendarB = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
  });

  test('lists show only B', async () => {
    for (const [who, name, mine, theirs] of [
      [programmer, 'event', B.event, A.event],
      [programmer, 'sales-calendar', calendarB, calendarA],
      [marketer, 'sales-calendar', calendarB, calendarA],
      [marketer, 'event', B.event, A.event],
      [programmer, 'season', B.season, A.season],
      [programmer, 'organization', B.organization, A.organization],
    ] as const) {
      const res = await who.api.list(name);
      expect(res.status).toBe(200);
      const ids = res.body.results.map((r: any) => r.documentId);
      expect(ids).toContain(mine);
      expect(ids).not.toContain(theirs);
    }
  });

  test('single read, update, delete of A are refused; of B allowed', async () => {
    expect((await programmer.api.find('event', A.event)).status).toBe(403);
    expect((await programmer.api.find('event', B.event)).status).toBe(200);
    expect((await programmer.api.update('event', A.event, { name: 'hijack' })).status).toBe(403);
    expect((await programmer.api.remove('event', A.event)).status).toBe(403);
    expect(await exists('event', A.event)).toBe(true);
    expect((await marketer.api.find('sales-calendar', calendarA)).status).toBe(403);
    expect((await marketer.api.update('sales-calendar', calendarA, { name: 'hijack' })).status).toBe(403);
    expect((await marketer.api.remove('sales-calendar', calendarA)).status).toBe(403);
    expect(await exists('sales-calendar', calendarA)).toBe(true);
    const row = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendarA } });
    expect(row.name).not.toBe('hijack');
  });

  test('bulk delete skips A', async () => {
    const throwawayA = (await createInState(app.strapi, A, 'sales-calendar', 'draft')).documentId;
    const throwawayB = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    const res = await marketer.api.bulkDelete('sales-calendar', [throwawayA, throwawayB]);
    expect(await exists('sales-calendar', throwawayA)).toBe(true);
    expect(await exists('sales-calendar', throwawayB)).toBe(res.status !== 200);
  });

  test('creating in A, moving to A, relating A are refused and leave nothing behind', async () => {
    const code = uniqueCode('EVX');
    const created = await programmer.api.create('event', { code, name: 'Intrus', season: A.season });
    expect(created.status).toBe(403);
    expect(await app.strapi.db.query(T('event')).findOne({ where: { code } })).toBeNull();
    const calendarCode = uniqueCode('CALX');
    const calendar = await marketer.api.create('sales-calendar', { ...newData('sales-calendar', A), code: calendarCode });
    expect(calendar.status).toBe(403);
    expect(await app.strapi.db.query(T('sales-calendar')).findOne({ where: { code: calendarCode } })).toBeNull();
    // B's event moved into A's season
    const moved = await programmer.api.update('event', B.event, { season: A.season });
    expect(moved.status).toBe(403);
    expect(await app.strapi.plugin('ticketing').service('perimeter').organizationOf(T('event'), B.event)).toBe(B.organization);
    // A's calendar attached to B's event
    const related = await programmer.api.update('event', B.event, { calendarAssignments: [{ salesCalendar: calendarA, allChannels: true }] });
    expect(related.status).toBe(403);
    const own = await programmer.api.update('event', B.event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: true }] });
    expect(own.status).toBe(200);
    // the marketer's own organisation works
    const mine = await marketer.api.create('sales-calendar', newData('sales-calendar', B));
    expect(mine.status).toBe(201);
  });

  test('transitions and history of A are refused; B allowed', async () => {
    expect((await programmer.api.transition('event', A.event, 'suspend', 'x')).status).toBe(403);
    expect((await programmer.api.transitions('event', A.event)).status).toBe(403);
    const seasonStateA = (await app.strapi.db.query(T('event')).findOne({ where: { documentId: A.event } })).state;
    expect(seasonStateA).toBe('running');
    const eventB = (await createInState(app.strapi, B, 'event', 'running')).documentId;
    expect((await programmer.api.transitions('event', eventB)).status).toBe(200);
    expect((await programmer.api.transition('event', eventB, 'suspend', 'intempéries')).status).toBe(200);
    expect((await programmer.api.transition('event', eventB, 'resume')).status).toBe(200);
    // run/suspend/resume only: no closing nor cancelling
    expect((await programmer.api.transition('event', eventB, 'close')).status).toBe(403);
    expect((await programmer.api.transition('event', eventB, 'cancel', 'x')).status).toBe(403);
  });
});

describe('roles', () => {
  test('Valideur validates but does not edit', async () => {
    const validator = await operator('ticketing-validator', [{ organization: B.organization }]);
    const calendar = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    expect((await validator.api.find('sales-calendar', calendar)).status).toBe(200);
    expect((await validator.api.update('sales-calendar', calendar, { name: 'x' })).status).toBe(403);
    expect((await validator.api.create('sales-calendar', newData('sales-calendar', B))).status).toBe(403);
    expect((await validator.api.transition('sales-calendar', calendar, 'validate')).status).toBe(200);
    expect((await validator.api.transition('sales-calendar', calendar, 'reopen', 'correction')).status).toBe(200);
    const calendarA = (await createInState(app.strapi, A, 'sales-calendar', 'draft')).documentId;
    expect((await validator.api.transition('sales-calendar', calendarA, 'validate')).status).toBe(403);
  });

  test('Chargé de marketing edits a draft but does not validate', async () => {
    const marketer = await operator('ticketing-marketer', [{ organization: B.organization }]);
    const calendar = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    expect((await marketer.api.update('sales-calendar', calendar, { name: 'Renommé' })).status).toBe(200);
    expect((await marketer.api.transition('sales-calendar', calendar, 'validate')).status).toBe(403);
    expect((await marketer.api.update('event', B.event, { name: 'x' })).status).toBe(403);
    const validated = (await createInState(app.strapi, B, 'sales-calendar', 'validated')).documentId;
    expect((await marketer.api.update('sales-calendar', validated, { name: 'x' })).status).toBe(409);
  });

  test('Consultation only reads', async () => {
    const reader = await operator('ticketing-consultation', [{ organization: B.organization }]);
    const calendar = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    expect((await reader.api.list('sales-calendar')).status).toBe(200);
    expect((await reader.api.find('sales-calendar', calendar)).status).toBe(200);
    expect((await reader.api.find('event', B.event)).status).toBe(200);
    expect((await reader.api.update('sales-calendar', calendar, { name: 'x' })).status).toBe(403);
    expect((await reader.api.create('sales-calendar', newData('sales-calendar', B))).status).toBe(403);
    expect((await reader.api.remove('sales-calendar', calendar)).status).toBe(403);
    expect((await reader.api.transition('sales-calendar', calendar, 'validate')).status).toBe(403);
    expect((await reader.api.transition('event', B.event, 'suspend', 'x')).status).toBe(403);
    expect((await reader.api.transitions('sales-calendar', calendar)).status).toBe(200);
  });
});

describe('perimeter validity', () => {
  test('an expired or future perimeter denies, a current one allows', async () => {
    const expired = await operator('ticketing-consultation', [{ organization: B.organization, validFrom: day(-30), validUntil: day(-1) }]);
    const future = await operator('ticketing-consultation', [{ organization: B.organization, validFrom: day(2) }]);
    const current = await operator('ticketing-consultation', [{ organization: B.organization, validFrom: day(-1), validUntil: day(1) }]);
    for (const who of [expired, future]) {
      expect((await who.api.find('event', B.event)).status).toBe(403);
      // No perimeter row valid today: the condition drops the permission, the list is refused.
      expect((await who.api.list('event')).status).toBe(403);
    }
    expect((await current.api.find('event', B.event)).status).toBe(200);
    const perimeter = app.strapi.plugin('ticketing').service('perimeter');
    expect(await perimeter.organizationIdsFor({ id: expired.id, roles: [] })).toEqual([]);
    expect(await perimeter.organizationIdsFor({ id: current.id, roles: [] })).toEqual([B.organization]);
    expect(await perimeter.canAccessOrganization({ id: current.id, roles: [] }, A.organization)).toBe(false);
  });

  test('bad perimeter input is a 400 with the field', async () => {
    const target = await operator('ticketing-consultation', []);
    const res = await as(superJwt).post(`/ticketing/operators/${target.id}/perimeters`, { organization: B.organization, validFrom: '2030-13-01' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['validFrom']);
    const reversed = await as(superJwt).post(`/ticketing/operators/${target.id}/perimeters`, { organization: B.organization, validFrom: '2030-02-01', validUntil: '2030-01-01' });
    expect(reversed.status).toBe(400);
    expect((await as(superJwt).post(`/ticketing/operators/${target.id}/perimeters`, {})).status).toBe(400);
  });
});

describe('no self-escalation', () => {
  test('an administrator manages others, never their own perimeter; others cannot manage at all', async () => {
    const admin = await operator('ticketing-administrator', []);
    const other = await operator('ticketing-consultation', [{ organization: B.organization }]);
    expect((await admin.api.post(`/ticketing/operators/${admin.id}/perimeters`, { institutionWide: true })).status).toBe(403);
    const added = await admin.api.post(`/ticketing/operators/${other.id}/perimeters`, { organization: A.organization });
    expect(added.status).toBe(201);
    expect((await other.api.post(`/ticketing/operators/${other.id}/perimeters`, { organization: A.organization })).status).toBe(403);
    expect((await other.api.put(`/ticketing/perimeters/${added.body.data.documentId}`, { validUntil: '2099-01-01' })).status).toBe(403);
    expect((await other.api.get(`/ticketing/operators/${admin.id}/effective-rights`)).status).toBe(403);
    expect((await other.api.get(`/ticketing/operators/${other.id}/effective-rights`)).status).toBe(200);
    expect((await admin.api.del(`/ticketing/perimeters/${added.body.data.documentId}`)).status).toBe(200);
  });
});

describe('effective rights agree with the permission checks', () => {
  const ROLES = ['ticketing-administrator', 'ticketing-programmer', 'ticketing-marketer', 'ticketing-validator', 'ticketing-consultation'];

  test.each(ROLES)('%s', async (roleCode) => {
    const who = await operator(roleCode, [{ organization: B.organization }]);
    const res = await as(superJwt).get(`/ticketing/operators/${who.id}/effective-rights`);
    expect(res.status).toBe(200);
    const rights = res.body.data;
    expect(rights.operator.roles.map((r: any) => r.code)).toEqual([roleCode]);
    const rowOf = (type: string, org: string) => rights.types.find((t: any) => t.type === type).rows.find((r: any) => r.organization.documentId === org);
    let checked = 0;
    for (const world of [A, B]) {
      // calendars: read, update, delete, create, validate
      const cal = rowOf('sales-calendar', world.organization);
      const calendar = (await createInState(app.strapi, world, 'sales-calendar', 'draft')).documentId;
      const expectOk = (status: number, allowed: boolean, what: string) => {
        expect({ what, status: allowed ? status < 300 : status === 403 }).toEqual({ what, status: true });
        checked++;
      };
      expectOk((await who.api.find('sales-calendar', calendar)).status, cal.content.read.allowed, `calendar read ${world === A ? 'A' : 'B'}`);
      expectOk((await who.api.update('sales-calendar', calendar, { name: 'Rename' })).status, cal.content.update.allowed, 'calendar update');
      expectOk((await who.api.create('sales-calendar', newData('sales-calendar', world))).status, cal.content.create.allowed, 'calendar create');
      expectOk((await who.api.transition('sales-calendar', calendar, 'validate')).status, cal.transitions.validate.allowed, 'calendar validate');
      const other = (await createInState(app.strapi, world, 'sales-calendar', 'draft')).documentId;
      expectOk((await who.api.remove('sales-calendar', other)).status, cal.content.delete.allowed, 'calendar delete');
      // events: read, update, create, delete, suspend, close
      const ev = rowOf('event', world.organization);
      const event = (await createInState(app.strapi, world, 'event', 'running')).documentId;
      expectOk((await who.api.find('event', event)).status, ev.content.read.allowed, 'event read');
      expectOk((await who.api.update('event', event, { name: 'Rename' })).status, ev.content.update.allowed, 'event update');
      expectOk((await who.api.create('event', newData('event', world))).status, ev.content.create.allowed, 'event create');
      expectOk((await who.api.transition('event', event, 'suspend', 'test')).status, ev.transitions.suspend.allowed, 'event suspend');
      const running = (await createInState(app.strapi, world, 'event', 'running')).documentId;
      expectOk((await who.api.transition('event', running, 'close')).status, ev.transitions.close.allowed, 'event close');
      const spare = (await createInState(app.strapi, world, 'event', 'preparing')).documentId;
      expectOk((await who.api.remove('event', spare)).status, ev.content.delete.allowed, 'event delete');
    }
    expect(checked).toBe(22);
    // The explanation names the role and whether the perimeter limits the grant.
    const calB = rowOf('sales-calendar', B.organization);
    if (calB.content.read.allowed) expect(calB.content.read.because[0].role.code).toBe(roleCode);
    expect(rights.perimeter[0].organization.documentId).toBe(B.organization);
    expect(rights.perimeter[0].status).toBe('current');
  });

  test('the expected matrix for organisation B (and nothing in A except for the administrator)', async () => {
    const expected: Record<string, { calendar: string; event: string; validate: boolean; suspend: boolean; close: boolean }> = {
      'ticketing-administrator': { calendar: 'rcud', event: 'rcud', validate: true, suspend: true, close: true },
      'ticketing-programmer': { calendar: 'r', event: 'rcud', validate: false, suspend: true, close: false },
      'ticketing-marketer': { calendar: 'rcud', event: 'r', validate: false, suspend: false, close: false },
      'ticketing-validator': { calendar: 'r', event: 'r', validate: true, suspend: false, close: false },
      'ticketing-consultation': { calendar: 'r', event: 'r', validate: false, suspend: false, close: false },
    };
    for (const [roleCode, want] of Object.entries(expected)) {
      const who = await operator(roleCode, [{ organization: B.organization }]);
      const rights = (await as(superJwt).get(`/ticketing/operators/${who.id}/effective-rights`)).body.data;
      const letters = (type: string, org: string) => {
        const row = rights.types.find((t: any) => t.type === type).rows.find((r: any) => r.organization.documentId === org);
        return ['read', 'create', 'update', 'delete'].filter((v) => row.content[v].allowed).map((v) => v[0]).join('');
      };
      expect([roleCode, letters('sales-calendar', B.organization), letters('event', B.organization)]).toEqual([roleCode, want.calendar, want.event]);
      const anywhereInA = roleCode === 'ticketing-administrator';
      expect([roleCode, letters('sales-calendar', A.organization) !== '']).toEqual([roleCode, anywhereInA]);
      const eventB = rights.types.find((t: any) => t.type === 'event').rows.find((r: any) => r.organization.documentId === B.organization);
      const calB = rights.types.find((t: any) => t.type === 'sales-calendar').rows.find((r: any) => r.organization.documentId === B.organization);
      expect([roleCode, calB.transitions.validate.allowed, eventB.transitions.suspend.allowed, eventB.transitions.close.allowed]).toEqual([
        roleCode,
        want.validate,
        want.suspend,
        want.close,
      ]);
    }
  });
});
