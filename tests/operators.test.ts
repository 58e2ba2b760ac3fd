import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { permissionsOfPreset, type PresetRole } from '../src/plugins/ticketing/server/src/permissions/roles';
import { INSTITUTION_TYPES, ORGANISATION_TYPES, T, type World, adminToken, createInState, createWorld, newData, transition, uniqueCode } from './helpers/ticketing';

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
    list: (name: string) =>
      http()
        .get(`${cm(name)}?pageSize=100`)
        .set(auth),
    find: (name: string, id: string) =>
      http()
        .get(`${cm(name)}/${id}`)
        .set(auth),
    create: (name: string, data: object) => http().post(cm(name)).set(auth).send(data),
    update: (name: string, id: string, data: object) =>
      http()
        .put(`${cm(name)}/${id}`)
        .set(auth)
        .send(data),
    remove: (name: string, id: string) =>
      http()
        .delete(`${cm(name)}/${id}`)
        .set(auth),
    bulkDelete: (name: string, ids: string[]) =>
      http()
        .post(`${cm(name)}/actions/bulkDelete`)
        .set(auth)
        .send({ documentIds: ids }),
    transition: (name: string, id: string, action: string, reason?: string) => http().post(`/ticketing/${PLURAL[name]}/${id}/transitions`).set(auth).send({ action, reason }),
    transitions: (name: string, id: string) => http().get(`/ticketing/${PLURAL[name]}/${id}/transitions`).set(auth),
    get: (path: string) => http().get(path).set(auth),
    post: (path: string, body: object) => http().post(path).set(auth).send(body),
    put: (path: string, body: object) => http().put(path).set(auth).send(body),
    del: (path: string) => http().delete(path).set(auth),
  };
};

const userIdOf = async (jwt: string) => (await as(jwt).get('/admin/users/me')).body.data.id as number;

/** A real operator with a preset role and (through the route, as super admin) a perimeter. */
type PerimeterRow = { organization?: string; institutionWide?: boolean; validFrom?: string; validUntil?: string; salesChannels?: string[] };
async function operator(roleCode: string, perimeter: PerimeterRow[]) {
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

/** A role made by an administrator in Strapi's own screens (POST /admin/roles, PUT its permissions). */
async function customRole(content: PresetRole['content'], plugin: PresetRole['plugin']) {
  const created = await as(superJwt).post('/admin/roles', { name: uniqueCode('Rôle'), description: 'test' });
  if (created.status !== 201 && created.status !== 200) throw new Error(`role: ${created.status} ${JSON.stringify(created.body)}`);
  const role = created.body.data;
  const setPermissions = async (c: PresetRole['content'], p: PresetRole['plugin']) => {
    const permissions = permissionsOfPreset(app.strapi, { code: role.code, name: role.name, description: '', content: c, plugin: p });
    const res = await as(superJwt).put(`/admin/roles/${role.id}/permissions`, { permissions });
    if (res.status !== 200) throw new Error(`permissions: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await setPermissions(content, plugin);
  return { id: role.id as number, code: role.code as string, setPermissions };
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

  test('single read, update, delete of A are refused (answered as unknown: 404); of B allowed', async () => {
    expect((await programmer.api.find('event', A.event)).status).toBe(404);
    expect((await programmer.api.find('event', B.event)).status).toBe(200);
    expect((await programmer.api.update('event', A.event, { name: 'hijack' })).status).toBe(404);
    expect((await programmer.api.remove('event', A.event)).status).toBe(404);
    expect(await exists('event', A.event)).toBe(true);
    expect((await marketer.api.find('sales-calendar', calendarA)).status).toBe(404);
    expect((await marketer.api.update('sales-calendar', calendarA, { name: 'hijack' })).status).toBe(404);
    expect((await marketer.api.remove('sales-calendar', calendarA)).status).toBe(404);
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
    // A relation target outside the perimeter is answered as an unknown one: 400 naming the field.
    const created = await programmer.api.create('event', { code, name: 'Intrus', season: A.season });
    expect(created.status).toBe(400);
    expect(created.body.error.details.errors[0].path).toEqual(['season']);
    expect(await app.strapi.db.query(T('event')).findOne({ where: { code } })).toBeNull();
    const calendarCode = uniqueCode('CALX');
    const calendar = await marketer.api.create('sales-calendar', { ...newData('sales-calendar', A), code: calendarCode });
    expect(calendar.status).toBe(400);
    expect(await app.strapi.db.query(T('sales-calendar')).findOne({ where: { code: calendarCode } })).toBeNull();
    // B's event moved into A's season
    const moved = await programmer.api.update('event', B.event, { season: A.season });
    expect(moved.status).toBe(400);
    expect(await app.strapi.plugin('ticketing').service('perimeter').organizationOf(T('event'), B.event)).toBe(B.organization);
    // A's calendar attached to B's event
    const related = await programmer.api.update('event', B.event, { calendarAssignments: [{ salesCalendar: calendarA, allChannels: true }] });
    expect(related.status).toBe(400);
    expect(related.body.error.details.errors[0].path).toEqual(['calendarAssignments', '0', 'salesCalendar']);
    const own = await programmer.api.update('event', B.event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: true }] });
    expect(own.status).toBe(200);
    // the marketer's own organisation works
    const mine = await marketer.api.create('sales-calendar', newData('sales-calendar', B));
    expect(mine.status).toBe(201);
  });

  test('transitions and history of A are refused (answered as unknown: 404); B allowed', async () => {
    expect((await programmer.api.transition('event', A.event, 'suspend', 'x')).status).toBe(404);
    expect((await programmer.api.transitions('event', A.event)).status).toBe(404);
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
    expect((await validator.api.transition('sales-calendar', calendarA, 'validate')).status).toBe(404);
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
    expect((await perimeter.organizationIdsFor({ id: current.id, roles: [] }))!.includes(A.organization)).toBe(false);
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
        // Refused: 403 (the right), 404 (an object outside the perimeter, as if unknown) or 400 (a relation outside it, as if unknown).
        expect({ what, status: allowed ? status < 300 : [400, 403, 404].includes(status) }).toEqual({ what, status: true });
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
        return ['read', 'create', 'update', 'delete']
          .filter((v) => row.content[v].allowed)
          .map((v) => v[0])
          .join('');
      };
      expect([roleCode, letters('sales-calendar', B.organization), letters('event', B.organization)]).toEqual([roleCode, want.calendar, want.event]);
      const anywhereInA = roleCode === 'ticketing-administrator';
      expect([roleCode, letters('sales-calendar', A.organization) !== '']).toEqual([roleCode, anywhereInA]);
      const eventB = rights.types.find((t: any) => t.type === 'event').rows.find((r: any) => r.organization.documentId === B.organization);
      const calB = rights.types.find((t: any) => t.type === 'sales-calendar').rows.find((r: any) => r.organization.documentId === B.organization);
      expect([roleCode, calB.transitions.validate.allowed, eventB.transitions.suspend.allowed, eventB.transitions.close.allowed]).toEqual([roleCode, want.validate, want.suspend, want.close]);
    }
  });
});

describe('Content Manager relation pickers', () => {
  test('an operator of B is not offered A’s seasons nor A’s calendars', async () => {
    const programmer = await operator('ticketing-programmer', [{ organization: B.organization }]);
    const calendarA = (await createInState(app.strapi, A, 'sales-calendar', 'draft')).documentId;
    const calendarB = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    const ids = async (path: string) => {
      const res = await programmer.api.get(`/content-manager/relations/${path}?pageSize=100`);
      expect(res.status).toBe(200);
      return res.body.results.map((r: any) => r.documentId);
    };
    const seasons = await ids('plugin::ticketing.event/season');
    expect(seasons).toContain(B.season);
    expect(seasons).not.toContain(A.season);
    const calendars = await ids('ticketing.calendar-assignment/salesCalendar');
    expect(calendars).toContain(calendarB);
    expect(calendars).not.toContain(calendarA);
    // The super admin is offered both (the picker is not empty by accident).
    const all = await as(superJwt).get('/content-manager/relations/plugin::ticketing.event/season?pageSize=100');
    expect(all.body.results.map((r: any) => r.documentId)).toEqual(expect.arrayContaining([A.season, B.season]));
  });
});

describe('organisation A refused for single objects of every family', () => {
  test('seasons and performances (programmer), activity profiles (marketer): read, update, delete', async () => {
    const programmer = await operator('ticketing-programmer', [{ organization: B.organization }]);
    const marketer = await operator('ticketing-marketer', [{ organization: B.organization }]);
    const seasonA = (await createInState(app.strapi, A, 'season', 'preparing')).documentId;
    const performanceA = (await createInState(app.strapi, A, 'performance', 'preparing')).documentId;
    const profileA = (await createInState(app.strapi, A, 'activity-profile', 'draft')).documentId;
    const cases = [
      [programmer, 'season', seasonA, B.season],
      [programmer, 'performance', performanceA, (await createInState(app.strapi, B, 'performance', 'preparing')).documentId],
      [marketer, 'activity-profile', profileA, (await createInState(app.strapi, B, 'activity-profile', 'draft')).documentId],
    ] as const;
    for (const [who, name, theirs, mine] of cases) {
      const before = await app.strapi.db.query(T(name)).findOne({ where: { documentId: theirs } });
      expect([name, (await who.api.find(name, theirs)).status]).toEqual([name, 404]);
      expect([name, (await who.api.update(name, theirs, name === 'performance' ? { startsAt: '2031-01-01T19:00:00.000Z' } : { name: 'hijack' })).status]).toEqual([name, 404]);
      expect([name, (await who.api.remove(name, theirs)).status]).toEqual([name, 404]);
      const after = await app.strapi.db.query(T(name)).findOne({ where: { documentId: theirs } });
      expect(after).toEqual(before);
      // Their own organisation's object is readable (the refusal is the perimeter, not the role).
      expect([name, (await who.api.find(name, mine)).status]).toEqual([name, 200]);
    }
  });
});

describe('perimeter rows managed by an operator limited to organisation B', () => {
  test('rows of A, moving a row to A, institution-wide rows and their own rows are out of reach', async () => {
    const role = await customRole(
      [
        { types: ORGANISATION_TYPES as any, verbs: ['read'], perimeter: true },
        { types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false },
      ],
      [{ action: 'plugin::ticketing.perimeters.manage', perimeter: true }],
    );
    const manager = await operator(role.code, [{ organization: B.organization }]);
    const ownRow = (await as(superJwt).get(`/ticketing/operators/${manager.id}/effective-rights`)).body.data.perimeter[0].documentId;
    const other = await operator('ticketing-consultation', [{ organization: A.organization }, { organization: B.organization }]);
    const rows = (await as(superJwt).get(`/ticketing/operators/${other.id}/effective-rights`)).body.data.perimeter;
    const rowA = rows.find((r: any) => r.organization.documentId === A.organization).documentId;
    const rowB = rows.find((r: any) => r.organization.documentId === B.organization).documentId;
    const snapshot = async (documentId: string) => app.strapi.db.query('plugin::ticketing.operator-perimeter').findOne({ where: { documentId }, populate: ['organization'] });
    const rowABefore = await snapshot(rowA);
    const rowBBefore = await snapshot(rowB);

    // A's rows are answered as unknown ones.
    expect((await manager.api.put(`/ticketing/perimeters/${rowA}`, { validUntil: '2099-01-01' })).status).toBe(404);
    expect((await manager.api.del(`/ticketing/perimeters/${rowA}`)).status).toBe(404);
    expect(await snapshot(rowA)).toEqual(rowABefore);
    // B's row cannot be moved to A nor widened to the whole institution
    expect((await manager.api.put(`/ticketing/perimeters/${rowB}`, { organization: A.organization })).status).toBe(403);
    expect((await manager.api.put(`/ticketing/perimeters/${rowB}`, { institutionWide: true })).status).toBe(403);
    expect(await snapshot(rowB)).toEqual(rowBBefore);
    // their own perimeter: neither widened nor extended
    expect((await manager.api.put(`/ticketing/perimeters/${ownRow}`, { institutionWide: true })).status).toBe(403);
    expect((await manager.api.put(`/ticketing/perimeters/${ownRow}`, { validUntil: '2099-01-01' })).status).toBe(403);
    expect((await manager.api.del(`/ticketing/perimeters/${ownRow}`)).status).toBe(403);
    expect((await manager.api.post(`/ticketing/operators/${manager.id}/perimeters`, { organization: A.organization })).status).toBe(403);
    expect(await app.strapi.plugin('ticketing').service('perimeter').organizationIdsFor({ id: manager.id, roles: [] }, 'plugin::ticketing.perimeters.manage')).toEqual([B.organization]);
    // …while B's rows of others are theirs to manage
    const edited = await manager.api.put(`/ticketing/perimeters/${rowB}`, { validUntil: '2099-01-01', note: 'prolongé' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.validUntil).toBe('2099-01-01');
    expect((await manager.api.del(`/ticketing/perimeters/${rowB}`)).status).toBe(200);
    expect(await snapshot(rowB)).toBeNull();
  });

  test('a manager limited to a channel grants that channel only', async () => {
    const role = await customRole([{ types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false }], [{ action: 'plugin::ticketing.perimeters.manage', perimeter: true }]);
    const manager = await operator(role.code, [{ organization: B.organization, salesChannels: [B.channel] }]);
    const target = await operator('ticketing-consultation', []);
    const phone = (await app.strapi.documents(T('sales-channel')).create({ data: { code: uniqueCode('TEL'), name: 'Téléphone', type: 'phone' } as any })).documentId;
    const everyChannel = await manager.api.post(`/ticketing/operators/${target.id}/perimeters`, { organization: B.organization });
    expect(everyChannel.status).toBe(403);
    expect((await manager.api.post(`/ticketing/operators/${target.id}/perimeters`, { organization: B.organization, salesChannels: [phone] })).status).toBe(403);
    const granted = await manager.api.post(`/ticketing/operators/${target.id}/perimeters`, { organization: B.organization, salesChannels: [B.channel] });
    expect(granted.status).toBe(201);
    expect((await manager.api.put(`/ticketing/perimeters/${granted.body.data.documentId}`, { salesChannels: [B.channel, phone] })).status).toBe(403);
    expect((await manager.api.put(`/ticketing/perimeters/${granted.body.data.documentId}`, { salesChannels: [] })).status).toBe(403);
    const rows = (await as(superJwt).get(`/ticketing/operators/${target.id}/effective-rights`)).body.data.perimeter;
    expect(rows.map((r: any) => r.salesChannels.map((c: any) => c.documentId))).toEqual([[B.channel]]);
  });

  test("the form's options (organisations, channels) need perimeters.manage", async () => {
    const options = await as(superJwt).get('/ticketing/perimeters/options');
    expect(options.status).toBe(200);
    expect(options.body.data.organizations.map((o: any) => o.documentId)).toEqual(expect.arrayContaining([A.organization, B.organization]));
    expect(options.body.data.salesChannels.map((c: any) => c.documentId)).toEqual(expect.arrayContaining([A.channel, B.channel]));
    const reader = await operator('ticketing-consultation', [{ organization: B.organization }]);
    expect((await reader.api.get('/ticketing/perimeters/options')).status).toBe(403);
  });

  test('a row is validated on update too: organisation unless institution-wide, dates in order, known channels', async () => {
    const target = await operator('ticketing-consultation', [{ organization: B.organization, validFrom: '2030-01-01' }]);
    const row = (await as(superJwt).get(`/ticketing/operators/${target.id}/effective-rights`)).body.data.perimeter[0].documentId;
    const bad = async (body: object, field: string) => {
      const res = await as(superJwt).put(`/ticketing/perimeters/${row}`, body);
      expect([field, res.status, res.body.error?.details?.errors?.[0]?.path]).toEqual([field, 400, [field]]);
    };
    await bad({ organization: null }, 'organization');
    await bad({ validUntil: '2029-12-31' }, 'validUntil');
    await bad({ salesChannels: ['no-such-channel'] }, 'salesChannels');
    expect((await as(superJwt).put(`/ticketing/perimeters/${row}`, { organization: null, institutionWide: true })).status).toBe(200);
  });
});

describe('channel-limited operators', () => {
  let other: string; // a second channel enabled for B, outside the limited operators' perimeter
  let otherCode: string;
  let marketer: Awaited<ReturnType<typeof operator>>;
  let programmer: Awaited<ReturnType<typeof operator>>;
  let unlimited: Awaited<ReturnType<typeof operator>>;
  let posMine: string;
  let posOther: string;
  let profileMine: string;
  let profileOther: string;
  let calendarB: string;

  beforeAll(async () => {
    otherCode = uniqueCode('GUICHET');
    other = (await app.strapi.documents(T('sales-channel')).create({ data: { code: otherCode, name: 'Guichet', type: 'boxOffice' } as any })).documentId;
    await app.strapi.documents(T('organization')).update({ documentId: B.organization, data: { salesChannels: [B.channel, other] } as any });
    const pos = (channel: string) => app.strapi.documents(T('point-of-sale')).create({ data: { code: uniqueCode('POS'), name: 'Point', organization: B.organization, salesChannel: channel } as any });
    posMine = (await pos(B.channel)).documentId;
    posOther = (await pos(other)).documentId;
    const profile = async (channels: string[]) =>
      (await app.strapi.documents(T('activity-profile')).create({ data: { ...newData('activity-profile', B), salesChannels: channels } as any })).documentId;
    profileMine = await profile([B.channel]);
    profileOther = await profile([other]);
    calendarB = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    await createInState(app.strapi, B, 'performance', 'preparing');
    marketer = await operator('ticketing-marketer', [{ organization: B.organization, salesChannels: [B.channel] }]);
    programmer = await operator('ticketing-programmer', [{ organization: B.organization, salesChannels: [B.channel] }]);
    unlimited = await operator('ticketing-marketer', [{ organization: B.organization }]);
  });

  test('timeline: lanes of their channels only; explanation and feed of another channel refused', async () => {
    const mine = await marketer.api.get(`/ticketing/timeline?season=${B.season}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data.channels.map((c: any) => c.id)).toEqual([B.channel]);
    expect(mine.body.data.performances.length).toBeGreaterThan(0);
    for (const p of mine.body.data.performances) expect(p.l).toHaveLength(mine.body.data.audienceCategories.length);
    const everything = await unlimited.api.get(`/ticketing/timeline?season=${B.season}`);
    expect(everything.body.data.channels.map((c: any) => c.id)).toEqual(expect.arrayContaining([B.channel, other]));
    const performance = mine.body.data.performances[0].id;
    const category = mine.body.data.audienceCategories[0].id;
    const refused = await marketer.api.get(`/ticketing/explain?performance=${performance}&channel=${other}&category=${category}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(otherCode);
    expect((await marketer.api.get(`/ticketing/explain?performance=${performance}&channel=${B.channel}&category=${category}`)).status).toBe(200);
    expect((await unlimited.api.get(`/ticketing/explain?performance=${performance}&channel=${other}&category=${category}`)).status).toBe(200);
    const feed = await marketer.api.get(`/ticketing/calendar.ics?season=${B.season}&channel=${other}`);
    expect(feed.status).toBe(403);
    const setup = (await marketer.api.get(`/ticketing/setup?season=${B.season}`)).body.data.steps;
    const setupAll = (await unlimited.api.get(`/ticketing/setup?season=${B.season}`)).body.data.steps;
    const count = (steps: any[], key: string) => steps.find((s) => s.key === key).count;
    expect(count(setupAll, 'salesChannels') - count(setup, 'salesChannels')).toBe(1);
    expect(count(setupAll, 'pointsOfSale') - count(setup, 'pointsOfSale')).toBe(1);
    // Problems: a channel not enabled for B, granted by one profile alone and by one with their
    // channel: the warnings naming it are not reported to them, nor the first profile's problems.
    const stray = (await app.strapi.documents(T('sales-channel')).create({ data: { code: uniqueCode('TEL'), name: 'Téléphone', type: 'phone' } as any })).documentId;
    const strayOnly = (await app.strapi.documents(T('activity-profile')).create({ data: { ...newData('activity-profile', B), salesChannels: [stray] } as any })).documentId;
    const both = (await app.strapi.documents(T('activity-profile')).create({ data: { ...newData('activity-profile', B), salesChannels: [B.channel, stray] } as any })).documentId;
    const names = (p: any, id: string) => p.object.id === id || p.objects.some((o: any) => o.id === id);
    const problems = (await marketer.api.get(`/ticketing/problems?season=${B.season}`)).body.data.problems;
    const problemsAll = (await unlimited.api.get(`/ticketing/problems?season=${B.season}`)).body.data.problems;
    expect(problemsAll.filter((p: any) => names(p, stray)).map((p: any) => p.object.id)).toEqual(expect.arrayContaining([strayOnly, both]));
    expect(problems.filter((p: any) => names(p, stray) || names(p, other) || names(p, strayOnly))).toEqual([]);
  });

  test('points of sale of another channel: hidden and refused, also to create or move one there', async () => {
    const list = await marketer.api.list('point-of-sale');
    expect(list.status).toBe(200);
    const ids = list.body.results.map((r: any) => r.documentId);
    expect(ids).toContain(posMine);
    expect(ids).not.toContain(posOther);
    expect((await marketer.api.find('point-of-sale', posOther)).status).toBe(404);
    expect((await marketer.api.find('point-of-sale', posMine)).status).toBe(200);
    // A role that edits points of sale within the perimeter.
    const role = await customRole(
      [
        { types: ['point-of-sale', 'organization'] as any, verbs: ['read', 'create', 'update', 'delete'], perimeter: true },
        { types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false },
      ],
      [],
    );
    const editor = await operator(role.code, [{ organization: B.organization, salesChannels: [B.channel] }]);
    const code = uniqueCode('POSX');
    expect((await editor.api.create('point-of-sale', { code, name: 'Intrus', organization: B.organization, salesChannel: other })).status).toBe(403);
    expect(await app.strapi.db.query(T('point-of-sale')).findOne({ where: { code } })).toBeNull();
    expect((await editor.api.create('point-of-sale', { code, name: 'Le mien', organization: B.organization, salesChannel: B.channel })).status).toBe(201);
    const moved = await editor.api.update('point-of-sale', posMine, { salesChannel: other });
    expect(moved.status).toBe(403);
    const row = await app.strapi.db.query(T('point-of-sale')).findOne({ where: { documentId: posMine }, populate: ['salesChannel'] });
    expect(row.salesChannel.documentId).toBe(B.channel);
    expect((await editor.api.update('point-of-sale', posOther, { name: 'x' })).status).toBe(404);
    expect((await editor.api.remove('point-of-sale', posOther)).status).toBe(404);
    expect(await exists('point-of-sale', posOther)).toBe(true);
    expect((await editor.api.update('point-of-sale', posMine, { name: 'Renommé' })).status).toBe(200);
    // Two organisations, one limited to a channel: the filter is an $or, as a query and in memory.
    const posA = (await app.strapi.documents(T('point-of-sale')).create({ data: { code: uniqueCode('POSA'), name: 'A', organization: A.organization, salesChannel: A.channel } as any })).documentId;
    const both = await operator('ticketing-consultation', [{ organization: A.organization }, { organization: B.organization, salesChannels: [B.channel] }]);
    const seen = (await both.api.list('point-of-sale')).body.results.map((r: any) => r.documentId);
    expect(seen).toEqual(expect.arrayContaining([posA, posMine]));
    expect(seen).not.toContain(posOther);
    expect((await both.api.find('point-of-sale', posA)).status).toBe(200);
    expect((await both.api.find('point-of-sale', posMine)).status).toBe(200);
    expect((await both.api.find('point-of-sale', posOther)).status).toBe(404);
  });

  test('profiles: readable, but one granting another channel is neither created, edited, widened nor deleted', async () => {
    const channelsOf = async (documentId: string) =>
      (await app.strapi.db.query(T('activity-profile')).findOne({ where: { documentId }, populate: ['salesChannels'] })).salesChannels.map((c: any) => c.documentId).sort();
    expect((await marketer.api.find('activity-profile', profileOther)).status).toBe(200);
    const edit = await marketer.api.update('activity-profile', profileOther, { name: 'hijack' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toContain(otherCode);
    expect((await app.strapi.db.query(T('activity-profile')).findOne({ where: { documentId: profileOther } })).name).not.toBe('hijack');
    expect((await marketer.api.remove('activity-profile', profileOther)).status).toBe(403);
    expect(await exists('activity-profile', profileOther)).toBe(true);
    const widened = await marketer.api.update('activity-profile', profileMine, { salesChannels: [B.channel, other] });
    expect(widened.status).toBe(403);
    expect(await channelsOf(profileMine)).toEqual([B.channel]);
    // within their channels it all works
    expect((await marketer.api.update('activity-profile', profileMine, { name: 'Renommé' })).status).toBe(200);
    const code = uniqueCode('APX');
    const created = await marketer.api.create('activity-profile', { ...newData('activity-profile', B), code, salesChannels: [other] });
    expect(created.status).toBe(403);
    expect(await app.strapi.db.query(T('activity-profile')).findOne({ where: { code } })).toBeNull();
    expect((await marketer.api.create('activity-profile', { ...newData('activity-profile', B), salesChannels: [B.channel] })).status).toBe(201);
    const productCode = uniqueCode('PPX');
    expect((await marketer.api.create('product-profile', { ...newData('product-profile', B), code: productCode, salesChannels: [B.channel, other] })).status).toBe(403);
    expect(await app.strapi.db.query(T('product-profile')).findOne({ where: { code: productCode } })).toBeNull();
    expect((await marketer.api.create('product-profile', newData('product-profile', B))).status).toBe(201);
    // The same edits by an operator of B without channel limit go through.
    expect((await unlimited.api.update('activity-profile', profileOther, { name: 'Guichet seulement' })).status).toBe(200);
  });

  test('calendar assignments: only on their channels; the others are kept as they are', async () => {
    const event = (await createInState(app.strapi, B, 'event', 'preparing')).documentId;
    const allChannels = await programmer.api.update('event', event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: true }] });
    expect(allChannels.status).toBe(403);
    const onOther = await programmer.api.update('event', event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: false, salesChannels: [other] }] });
    expect(onOther.status).toBe(403);
    expect(onOther.body.error.message).toContain(otherCode);
    const onMine = await programmer.api.update('event', event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: false, salesChannels: [B.channel] }] });
    expect(onMine.status).toBe(200);
    // An assignment on every channel made by someone else: the event stays editable, the assignment untouchable.
    expect((await as(superJwt).update('event', event, { calendarAssignments: [{ salesCalendar: calendarB, allChannels: true }] })).status).toBe(200);
    expect((await programmer.api.update('event', event, { name: 'Tosca (reprise)' })).status).toBe(200);
    expect((await programmer.api.update('event', event, { calendarAssignments: [] })).status).toBe(403);
    const row = await app.strapi.db.query(T('event')).findOne({ where: { documentId: event }, populate: { calendarAssignments: true } });
    expect(row.calendarAssignments.map((a: any) => a.allChannels)).toEqual([true]);
  });

  test('impact preview and the feed without a channel: their channels only', async () => {
    // A running performance of B, a draft calendar assigned on every channel, a validated profile
    // granting both of B's channels: validating the calendar opens sales on both.
    const docs = (name: string) => app.strapi.documents(T(name));
    const event = (await createInState(app.strapi, B, 'event', 'running')).documentId;
    const performance = await docs('performance').create({ data: { ...newData('performance', B), event } as any });
    await transition(app.strapi, 'performance', performance.documentId, 'validate');
    await transition(app.strapi, 'performance', performance.documentId, 'run');
    const calendar = (await createInState(app.strapi, B, 'sales-calendar', 'draft')).documentId;
    await docs('event').update({ documentId: event, data: { calendarAssignments: [{ salesCalendar: calendar, allChannels: true }] } as any });
    const profile = await docs('activity-profile').create({ data: { ...newData('activity-profile', B), salesChannels: [B.channel, other] } as any });
    await transition(app.strapi, 'activity-profile', profile.documentId, 'validate');
    // The preview announces what the website would sell: someone to sell to (a subcategory of the season).
    await docs('audience-subcategory').create({ data: { code: uniqueCode('PLEIN'), name: 'Plein tarif', audienceCategory: B.audienceCategory, season: B.season } as any });

    const impactOf = async (who: typeof marketer) => {
      const res = await who.api.get(`/ticketing/impact?type=salesCalendar&id=${calendar}`);
      expect(res.status).toBe(200);
      return res.body.data.channels.filter((c: any) => c.gained.some((g: any) => g.performance.id === performance.documentId)).map((c: any) => c.channel.id);
    };
    expect(await impactOf(unlimited)).toEqual(expect.arrayContaining([B.channel, other]));
    expect(await impactOf(marketer)).toEqual([B.channel]);

    await transition(app.strapi, 'sales-calendar', calendar, 'validate');
    const feedOf = async (who: typeof marketer) => {
      const res = await who.api.get(`/ticketing/calendar.ics?season=${B.season}`);
      expect(res.status).toBe(200);
      return res.text.replace(/\r\n /g, '');
    };
    const all = await feedOf(unlimited);
    const mine = await feedOf(marketer);
    expect(all).toContain(performance.code);
    // Each entry's summary ends with « — <channel> (<categories>) ».
    expect(all).toContain('— Guichet (');
    expect(mine).toContain(performance.code);
    expect(mine).toContain('— Internet (');
    expect(mine).not.toContain('— Guichet (');
  });

  test('a channel-limited validator validates the profiles of their channels only', async () => {
    const validator = await operator('ticketing-validator', [{ organization: B.organization, salesChannels: [B.channel] }]);
    const refused = await validator.api.post(`/ticketing/activity-profiles/${profileOther}/transitions`, { action: 'validate' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(otherCode);
    expect((await app.strapi.db.query(T('activity-profile')).findOne({ where: { documentId: profileOther } })).state).toBe('draft');
    const shown = await validator.api.get(`/ticketing/activity-profiles/${profileOther}/transitions`);
    expect(shown.status).toBe(200);
    const mine = (await createInState(app.strapi, B, 'activity-profile', 'draft')).documentId;
    expect((await validator.api.post(`/ticketing/activity-profiles/${mine}/transitions`, { action: 'validate' })).status).toBe(200);
  });

  test('effective rights explain the channel limit', async () => {
    const rights = (await as(superJwt).get(`/ticketing/operators/${marketer.id}/effective-rights`)).body.data;
    const type = (name: string) => rights.types.find((t: any) => t.type === name);
    const rowB = (name: string) => type(name).rows.find((r: any) => r.organization.documentId === B.organization);
    expect(rowB('point-of-sale').channelLimit.map((c: any) => c.documentId)).toEqual([B.channel]);
    expect(rowB('point-of-sale').content.read.allowed).toBe(true);
    expect(type('activity-profile').channelRule.fr).toMatch(/filières/);
    expect(rights.perimeter[0].salesChannels.map((c: any) => c.documentId)).toEqual([B.channel]);
    const free = (await as(superJwt).get(`/ticketing/operators/${unlimited.id}/effective-rights`)).body.data;
    expect(free.types.find((t: any) => t.type === 'point-of-sale').rows.find((r: any) => r.organization.documentId === B.organization).channelLimit).toBeNull();
  });
});

describe('role changes', () => {
  test('a permission change of a role applies at once to the plugin routes', async () => {
    const content: PresetRole['content'] = [
      { types: ORGANISATION_TYPES as any, verbs: ['read'], perimeter: true },
      { types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false },
    ];
    const role = await customRole(content, [
      { action: 'plugin::ticketing.timeline.read', perimeter: true },
      { action: 'plugin::ticketing.transitions.operate', perimeter: true },
    ]);
    const who = await operator(role.code, [{ organization: B.organization }]);
    const eventB = (await createInState(app.strapi, B, 'event', 'running')).documentId;
    // Within the perimeter: A's season is unknown to them (and their permissions are now cached).
    expect((await who.api.get(`/ticketing/timeline?season=${A.season}`)).status).toBe(404);
    expect((await who.api.transition('event', eventB, 'suspend', 'pluie')).status).toBe(200);
    // The administrator lifts the perimeter of timeline.read and withdraws transitions.operate.
    await role.setPermissions(content, [{ action: 'plugin::ticketing.timeline.read', perimeter: false }]);
    expect((await who.api.get(`/ticketing/timeline?season=${A.season}`)).status).toBe(200);
    expect((await who.api.transition('event', eventB, 'resume')).status).toBe(403);
    // and gives it back
    await role.setPermissions(content, [
      { action: 'plugin::ticketing.timeline.read', perimeter: true },
      { action: 'plugin::ticketing.transitions.operate', perimeter: true },
    ]);
    expect((await who.api.get(`/ticketing/timeline?season=${A.season}`)).status).toBe(404);
    expect((await who.api.transition('event', eventB, 'resume')).status).toBe(200);
  });
});
