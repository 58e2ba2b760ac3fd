import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { APP_DIR } from './helpers/paths';
import { CONTENT_MANAGER_DOORS, PLUGIN_DOORS, doorKey, matchesDoorPath } from '../src/plugins/ticketing/server/src/services/doors';
import { permissionsOfPreset, type PresetRole } from '../src/plugins/ticketing/server/src/permissions/roles';
import { ORGANISATION_TYPES, type OrganisationType, T, type World, adminToken, createWorld, fullAccessApiToken, newData, transition, uniqueCode } from './helpers/ticketing';

/**
 * Issue #11: the perimeter holds on every door. Generated from the door inventory
 * (services/doors.ts, mirrored in docs/operators.md): for every door × every organisation-level
 * type × operator limited to organisation B, an object of organisation A answers exactly as an
 * unknown documentId (same status, same body once the id is blanked), and no answer carries a
 * code, name, documentId or creator of A. One Strapi boot for the whole suite.
 */
let app: TestApp;
let A: World;
let B: World;
let superJwt: string;
let apiToken: string;

const http = () => request(app.strapi.server.httpServer);
const docs = (name: string) => app.strapi.documents(T(name));

const as = (jwt: string) => {
  const auth = { Authorization: `Bearer ${jwt}` };
  return {
    send: (method: string, url: string, body?: object) => {
      const r = (http() as any)[method.toLowerCase()](url).set(auth);
      return body === undefined ? r : r.send(body);
    },
    get: (url: string) => http().get(url).set(auth),
    post: (url: string, body: object) => http().post(url).set(auth).send(body),
    put: (url: string, body: object) => http().put(url).set(auth).send(body),
  };
};

type OrgType = OrganisationType;
const INSTITUTION_TYPES = ['sales-channel', 'audience-category', 'seat-category', 'site', 'space', 'physical-configuration', 'vat-rate', 'payment-method', 'delivery-method'];
const STATEFUL_PLURAL: Partial<Record<OrgType, string>> = {
  'sales-calendar': 'sales-calendars',
  'activity-profile': 'activity-profiles',
  'product-profile': 'product-profiles',
  season: 'seasons',
  event: 'events',
  performance: 'performances',
  product: 'products',
  'logical-configuration': 'logical-configurations',
  'price-grid': 'price-grids',
  'fee-table': 'fee-tables',
};

/** One organisation's objects of every organisation-level type, with component rows. */
interface Objects {
  ids: Record<OrgType, string>;
  components: { uid: string; field: string; rowId: number; owner: OrgType }[];
  /** every code, name and documentId of the organisation's objects: none may reach B's operators */
  secrets: string[];
}

async function objectsOf(world: World, tag: string): Promise<Objects> {
  const code = (p: string) => uniqueCode(`${tag}${p}`);
  const create = async (name: string, data: Record<string, unknown>) => (await docs(name).create({ data: data as any })).documentId as string;
  const subcategory = await create('audience-subcategory', { code: code('SUB'), name: `Sous-catégorie ${tag}`, audienceCategory: world.audienceCategory, season: world.season });
  const tariff = await create('tariff-type', { code: code('TAR'), name: `Tarif ${tag}`, season: world.season });
  const activity = await create('activity', { code: code('ACT'), name: `Activité ${tag}`, season: world.season });
  const pos = await create('point-of-sale', { code: code('POS'), name: `Guichet ${tag}`, organization: world.organization, salesChannel: world.channel });
  const calendar = await create('sales-calendar', newData('sales-calendar', world));
  const event = world.event;
  await docs('event').update({ documentId: event, data: { activity, calendarAssignments: [{ salesCalendar: calendar, allChannels: false, salesChannels: [world.channel] }] } as any });
  const performance = await create('performance', newData('performance', world));
  await docs('performance').update({ documentId: performance, data: { event } as any });
  const profile = await create('activity-profile', {
    ...newData('activity-profile', world),
    allEvents: false,
    events: [{ event, performances: [performance] }],
    allAudienceSubcategories: false,
    audienceSubcategories: [subcategory],
    allTariffTypes: false,
    tariffTypes: [tariff],
  });
  const productProfile = await create('product-profile', newData('product-profile', world));
  const logical = await create('logical-configuration', newData('logical-configuration', world));
  await docs('event').update({ documentId: event, data: { logicalConfiguration: logical } as any });
  const priceLevel = await create('price-level', newData('price-level', world));
  const priceGrid = await create('price-grid', newData('price-grid', world));
  const feeTable = await create('fee-table', newData('fee-table', world));
  const contingent = await create('contingent', newData('contingent', world));
  const ids: Record<OrgType, string> = {
    'logical-configuration': logical,
    organization: world.organization,
    'point-of-sale': pos,
    season: world.season,
    'sales-calendar': calendar,
    'activity-profile': profile,
    'product-profile': productProfile,
    'audience-subcategory': subcategory,
    'tariff-type': tariff,
    activity,
    event,
    product: world.product,
    performance,
    'price-level': priceLevel,
    'price-grid': priceGrid,
    'fee-table': feeTable,
    contingent,
  };
  const rowOf = async (uid: string, field: string, documentId: string) => {
    const row = await app.strapi.db.query(uid as any).findOne({ where: { documentId }, populate: { [field]: true } });
    return row[field][0].id as number;
  };
  const components = [
    { uid: 'ticketing.sales-period', field: 'periods', owner: 'sales-calendar' as OrgType, rowId: await rowOf(T('sales-calendar'), 'periods', calendar) },
    { uid: 'ticketing.calendar-assignment', field: 'calendarAssignments', owner: 'event' as OrgType, rowId: await rowOf(T('event'), 'calendarAssignments', event) },
    { uid: 'ticketing.profile-event', field: 'events', owner: 'activity-profile' as OrgType, rowId: await rowOf(T('activity-profile'), 'events', profile) },
  ];
  const secrets = new Set<string>();
  for (const name of ORGANISATION_TYPES) {
    const row = await app.strapi.db.query(T(name)).findOne({ where: { documentId: ids[name] } });
    secrets.add(row.documentId);
    if (row.code) secrets.add(row.code);
    if (row.name && String(row.name).includes(tag)) secrets.add(row.name);
  }
  return { ids, components, secrets: [...secrets] };
}

/** A documentId that names nothing (as Strapi makes them). */
const unknownId = () => `u${Math.random().toString(36).slice(2, 14)}${Math.random().toString(36).slice(2, 13)}`.slice(0, 24).padEnd(24, 'q');

/** The creator of A's objects: their name and e-mail must never reach B's operators. */
const CREATOR = { firstname: 'Aurélie', lastname: 'Secretdea', email: 'aurelie.secretdea@example.com' };

let objectsA: Objects;
let objectsB: Objects;

/** Operators limited to organisation B: two preset roles and one holding every right within its perimeter. */
type Operator = { label: string; jwt: string; id: number };
const operators: Operator[] = [];

async function operator(label: string, roleCode: string, rows: object[]): Promise<Operator> {
  const email = `${label}-${uniqueCode('op')}@example.com`.toLowerCase();
  const jwt = await adminToken(app.strapi, roleCode, email);
  const id = (await as(jwt).get('/admin/users/me')).body.data.id as number;
  for (const row of rows) {
    const res = await as(superJwt).post(`/ticketing/operators/${id}/perimeters`, row);
    if (res.status !== 201) throw new Error(`perimeter: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { label, jwt, id };
}

async function customRole(content: PresetRole['content'], plugin: PresetRole['plugin']) {
  const created = await as(superJwt).post('/admin/roles', { name: uniqueCode('Rôle'), description: 'test' });
  const role = created.body.data;
  const permissions = permissionsOfPreset(app.strapi, { code: role.code, name: role.name, description: '', content, plugin });
  const res = await as(superJwt).put(`/admin/roles/${role.id}/permissions`, { permissions });
  if (res.status !== 200) throw new Error(`permissions: ${res.status} ${JSON.stringify(res.body)}`);
  return role as { id: number; code: string };
}

const ALL_PLUGIN_ACTIONS = ['transitions.configuration', 'transitions.catalogue', 'transitions.operate', 'history.read', 'timeline.read'].map((a) => `plugin::ticketing.${a}`);

beforeAll(async () => {
  app = await startStrapi();
  A = await createWorld(app.strapi);
  B = await createWorld(app.strapi);
  superJwt = await adminToken(app.strapi);
  apiToken = await fullAccessApiToken(app.strapi);
  objectsA = await objectsOf(A, 'AAA');
  objectsB = await objectsOf(B, 'BBB');
  // A's objects were made by an administrator of A: the creator fields name them.
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const creator = await app.strapi.service('admin::user').create({ ...CREATOR, password: 'Test-password-1234', isActive: true, roles: [role.id] } as any);
  for (const name of ORGANISATION_TYPES) {
    await app.strapi.db.query(T(name)).update({ where: { documentId: objectsA.ids[name] }, data: { createdBy: creator.id, updatedBy: creator.id } as any });
  }
  const everything = await customRole(
    [
      { types: ORGANISATION_TYPES as any, verbs: ['read', 'create', 'update', 'delete'], perimeter: true },
      { types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false },
    ],
    ALL_PLUGIN_ACTIONS.map((action) => ({ action, perimeter: true })),
  );
  operators.push(await operator('consultation', 'ticketing-consultation', [{ organization: B.organization }]));
  operators.push(await operator('marketer', 'ticketing-marketer', [{ organization: B.organization }]));
  operators.push(await operator('all-rights-in-B', everything.code, [{ organization: B.organization }]));
  app.strapi.plugin('ticketing').service('perimeter').invalidate();
}, 240000);

afterAll(async () => {
  await app?.stop();
}, 120000);

/** A's secrets and creator: none may appear in what an operator of B receives. */
const leaks = (body: unknown): string[] => {
  const text = JSON.stringify(body ?? null);
  return [...objectsA.secrets, CREATOR.lastname, CREATOR.email, A.organization].filter((s) => text.includes(s));
};

const blank = (body: unknown, ...ids: (string | number)[]) => {
  let text = JSON.stringify(body ?? null);
  for (const id of ids) text = text.split(String(id)).join('<ID>');
  return JSON.parse(text);
};

/** One door asked with A's id and with an unknown id: the same answer, and nothing of A. */
type Ask = (id: string) => Promise<{ status: number; body: unknown; text?: string }>;
const cases: string[] = [];
async function sameAsUnknown(label: string, ask: Ask, idOfA: string, unknown: string = unknownId()) {
  const theirs = await ask(idOfA);
  const none = await ask(unknown);
  cases.push(label);
  const bodyOf = (r: { body: unknown; text?: string }) => (r.body && typeof r.body === 'object' && Object.keys(r.body as object).length ? r.body : (r.text ?? null));
  if (process.env.DEBUG_DOORS && JSON.stringify(blank(bodyOf(theirs), idOfA)) !== JSON.stringify(blank(bodyOf(none), unknown))) console.log(label, theirs.status, none.status);
  expect({ label, status: theirs.status, body: blank(bodyOf(theirs), idOfA) }).toEqual({ label, status: none.status, body: blank(bodyOf(none), unknown) });
  // The id asked is the caller's own input: echoing it back (« objet introuvable : … ») tells nothing.
  expect({ label, leaks: leaks(blank(bodyOf(theirs), idOfA)) }).toEqual({ label, leaks: [] });
}

const cm = (name: string) => `/content-manager/collection-types/${T(name)}`;
const changeFor = (name: OrgType) => (name === 'performance' ? { startsAt: '2031-01-01T19:00:00.000Z' } : { name: 'hijack' });
const relationFields = (uid: string) =>
  Object.entries<any>((app.strapi.getModel(uid as any) as any).attributes)
    // `localizations` is i18n's, ignored on these non-localized types.
    .filter(([field, a]) => field !== 'localizations' && a.type === 'relation' && String(a.target).startsWith('plugin::ticketing.'))
    .map(([field]) => field);

/**
 * The generated cases: for each Content Manager door that names a document (or a list of them,
 * or a component row), each organisation-level type and each operator.
 */
const DOCUMENT_DOORS: { door: string; ask: (op: Operator, name: OrgType) => Ask }[] = [
  { door: 'GET /content-manager/collection-types/:model/:id', ask: (op, name) => (id) => as(op.jwt).get(`${cm(name)}/${id}`) },
  { door: 'PUT /content-manager/collection-types/:model/:id', ask: (op, name) => (id) => as(op.jwt).put(`${cm(name)}/${id}`, changeFor(name)) },
  { door: 'DELETE /content-manager/collection-types/:model/:id', ask: (op, name) => (id) => as(op.jwt).send('DELETE', `${cm(name)}/${id}`) },
  { door: 'POST /content-manager/collection-types/:model/clone/:sourceId', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/clone/${id}`, {}) },
  { door: 'POST /content-manager/collection-types/:model/auto-clone/:sourceId', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/auto-clone/${id}`, {}) },
  { door: 'POST /content-manager/collection-types/:model/:id/actions/publish', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/${id}/actions/publish`, {}) },
  { door: 'POST /content-manager/collection-types/:model/:id/actions/unpublish', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/${id}/actions/unpublish`, {}) },
  { door: 'POST /content-manager/collection-types/:model/:id/actions/discard', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/${id}/actions/discard`, {}) },
  { door: 'GET /content-manager/collection-types/:model/:id/actions/countDraftRelations', ask: (op, name) => (id) => as(op.jwt).get(`${cm(name)}/${id}/actions/countDraftRelations`) },
  { door: 'POST /content-manager/collection-types/:model/actions/bulkDelete', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/actions/bulkDelete`, { documentIds: [id] }) },
  {
    door: 'POST /content-manager/collection-types/:model/actions/bulkFindForValidation',
    ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/actions/bulkFindForValidation`, { documentIds: [id] }),
  },
  { door: 'POST /content-manager/collection-types/:model/actions/bulkPublish', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/actions/bulkPublish`, { documentIds: [id] }) },
  { door: 'POST /content-manager/collection-types/:model/actions/bulkUnpublish', ask: (op, name) => (id) => as(op.jwt).post(`${cm(name)}/actions/bulkUnpublish`, { documentIds: [id] }) },
  {
    door: 'GET /content-manager/collection-types/:model/actions/countManyEntriesDraftRelations',
    ask: (op, name) => (id) => as(op.jwt).get(`${cm(name)}/actions/countManyEntriesDraftRelations?documentIds[0]=${id}`),
  },
  { door: 'GET /content-manager/preview/url/:contentType', ask: (op, name) => (id) => as(op.jwt).get(`/content-manager/preview/url/${T(name)}?documentId=${id}`) },
];

describe('the door inventory', () => {
  test('every Content Manager route of the booted application is in the inventory, and every inventoried one exists', () => {
    const booted = (app.strapi.server as any)
      .listRoutes()
      .filter((r: any) => String(r.path).startsWith('/content-manager/'))
      .flatMap((r: any) => r.methods.filter((m: string) => m !== 'HEAD').map((m: string) => doorKey(m, r.path)));
    const inventory = CONTENT_MANAGER_DOORS.map((d) => doorKey(d.method, d.path));
    expect(booted.filter((k: string) => !inventory.includes(k))).toEqual([]);
    const required = CONTENT_MANAGER_DOORS.filter((d) => !d.optional).map((d) => doorKey(d.method, d.path));
    expect(required.filter((k) => !booted.includes(k))).toEqual([]);
    expect(booted.length).toBeGreaterThan(30);
  });

  test('every route of the plugin (admin API and content API) is in the inventory', () => {
    const booted = (app.strapi.server as any)
      .listRoutes()
      .filter((r: any) => /^\/(api\/)?ticketing\//.test(String(r.path)))
      .flatMap((r: any) => r.methods.filter((m: string) => m !== 'HEAD').map((m: string) => ({ method: m, path: r.path })));
    const missing = booted.filter((r: any) => !PLUGIN_DOORS.some((d) => d.method === r.method && matchesDoorPath(d.path, r.path)));
    expect(missing).toEqual([]);
    expect(booted.length).toBeGreaterThan(40);
  });

  test('docs/operators.md lists every door', () => {
    const text = fs.readFileSync(path.join(APP_DIR, 'docs/operators.md'), 'utf8');
    const absent = [...CONTENT_MANAGER_DOORS, ...PLUGIN_DOORS].map((d) => `\`${d.method} ${d.path}\``).filter((line) => !text.includes(line));
    expect(absent).toEqual([]);
  });

  test('the MCP server (content-manager tools) is off', () => {
    expect((app.strapi as any).ai?.mcp?.isEnabled?.() ?? false).not.toBe(true);
  });
});

describe('an operator limited to B gets nothing of A, on every door', () => {
  test.each(ORGANISATION_TYPES.map((t) => [t]))('%s', async (name) => {
    const before = await app.strapi.db.query(T(name)).findOne({ where: { documentId: objectsA.ids[name] } });
    for (const op of operators) {
      for (const { door, ask } of DOCUMENT_DOORS) await sameAsUnknown(`${door} × ${name} × ${op.label}`, ask(op, name), objectsA.ids[name]);
      // Relations of the document, existing and available (its own id as the source).
      for (const field of relationFields(T(name))) {
        await sameAsUnknown(
          `GET /content-manager/relations/:model/:id/:targetField (${field}) × ${name} × ${op.label}`,
          (id) => as(op.jwt).get(`/content-manager/relations/${T(name)}/${id}/${field}`),
          objectsA.ids[name],
        );
        await sameAsUnknown(
          `GET /content-manager/relations/:model/:targetField (${field}) × ${name} × ${op.label}`,
          (id) => as(op.jwt).get(`/content-manager/relations/${T(name)}/${field}?id=${id}`),
          objectsA.ids[name],
        );
      }
      // Components of the document: their rows' relations (Strapi skips the source check there).
      for (const component of objectsA.components.filter((c) => c.owner === name)) {
        for (const field of relationFields(component.uid)) {
          await sameAsUnknown(
            `GET /content-manager/relations/:model/:id/:targetField (${component.uid}.${field}) × ${name} × ${op.label}`,
            (id) => as(op.jwt).get(`/content-manager/relations/${component.uid}/${id}/${field}`),
            String(component.rowId),
            '987654',
          );
          await sameAsUnknown(
            `GET /content-manager/relations/:model/:targetField (${component.uid}.${field}) × ${name} × ${op.label}`,
            (id) => as(op.jwt).get(`/content-manager/relations/${component.uid}/${field}?id=${id}`),
            String(component.rowId),
            '987654',
          );
        }
      }
      // The plugin's transitions.
      const plural = STATEFUL_PLURAL[name];
      if (plural) {
        await sameAsUnknown(`GET /ticketing/:plural/:documentId/transitions × ${name} × ${op.label}`, (id) => as(op.jwt).get(`/ticketing/${plural}/${id}/transitions`), objectsA.ids[name]);
        for (const action of ['validate', 'run', 'close', 'archive', 'cancel', 'nonsense']) {
          await sameAsUnknown(
            `POST /ticketing/:plural/:documentId/transitions (${action}) × ${name} × ${op.label}`,
            (id) => as(op.jwt).post(`/ticketing/${plural}/${id}/transitions`, { action, reason: 'x' }),
            objectsA.ids[name],
          );
        }
      }
      // Writes pointing to A's object: as if it did not exist (for each relation to this type).
      for (const [source, field] of relationsTo(name)) {
        await sameAsUnknown(
          `PUT /content-manager/collection-types/:model/:id (${source}.${field} → ${name}) × ${op.label}`,
          (id) => as(op.jwt).put(`${cm(source)}/${objectsB.ids[source]}`, { [field]: { connect: [{ documentId: id }] } }),
          objectsA.ids[name],
        );
        await sameAsUnknown(
          `POST /content-manager/collection-types/:model (${source}.${field} → ${name}) × ${op.label}`,
          (id) => as(op.jwt).post(cm(source), { ...createData(source), [field]: { connect: [{ documentId: id }] } }),
          objectsA.ids[name],
        );
      }
      // Lists: nothing of A.
      const list = await as(op.jwt).get(`${cm(name)}?pageSize=100`);
      cases.push(`GET /content-manager/collection-types/:model × ${name} × ${op.label}`);
      expect({ name, op: op.label, leaks: leaks(list.body) }).toEqual({ name, op: op.label, leaks: [] });
    }
    // A's object is untouched.
    expect(await app.strapi.db.query(T(name)).findOne({ where: { documentId: objectsA.ids[name] } })).toEqual(before);
  });

  test('the controls: B’s objects are reachable through the same doors (the doors are not simply shut)', async () => {
    const all = operators.find((o) => o.label === 'all-rights-in-B')!;
    for (const name of ORGANISATION_TYPES) {
      const res = await as(all.jwt).get(`${cm(name)}/${objectsB.ids[name]}`);
      expect([name, res.status]).toEqual([name, 200]);
    }
    const found = await as(all.jwt).post(`${cm('event')}/actions/bulkFindForValidation`, { documentIds: [objectsB.ids.event, objectsA.ids.event] });
    expect(found.body.results.map((r: any) => r.documentId)).toEqual([objectsB.ids.event]);
    const assignment = objectsB.components.find((c) => c.uid === 'ticketing.calendar-assignment')!;
    const existing = await as(all.jwt).get(`/content-manager/relations/${assignment.uid}/${assignment.rowId}/salesCalendar`);
    expect(existing.body.results.map((r: any) => r.documentId)).toEqual([objectsB.ids['sales-calendar']]);
    const transitions = await as(all.jwt).get(`/ticketing/events/${objectsB.ids.event}/transitions`);
    expect(transitions.status).toBe(200);
  });

  test('relations of a component row of B keep no target outside the perimeter (legacy links)', async () => {
    // A link made before links were held inside one organisation (raw query: no guard).
    const all = operators.find((o) => o.label === 'all-rights-in-B')!;
    const assignment = objectsB.components.find((c) => c.uid === 'ticketing.calendar-assignment')!;
    const calendarA = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: objectsA.ids['sales-calendar'] } });
    const extraRow = await app.strapi.db.query(T('event')).findOne({ where: { documentId: objectsB.ids.event }, populate: { calendarAssignments: { populate: { salesCalendar: true } } } });
    expect(extraRow.calendarAssignments[0].id).toBe(assignment.rowId);
    const joinTable = (app.strapi.db.metadata.get('ticketing.calendar-assignment') as any).attributes.salesCalendar.joinTable;
    const before = await app.strapi.db.connection(joinTable.name).where(joinTable.joinColumn.name, assignment.rowId);
    await app.strapi.db
      .connection(joinTable.name)
      .where(joinTable.joinColumn.name, assignment.rowId)
      .update({ [joinTable.inverseJoinColumn.name]: calendarA.id });
    try {
      const existing = await as(all.jwt).get(`/content-manager/relations/${assignment.uid}/${assignment.rowId}/salesCalendar`);
      cases.push('GET /content-manager/relations/:model/:id/:targetField (legacy component link)');
      expect(existing.status).toBe(200);
      expect(existing.body.results).toEqual([]);
      expect(leaks(existing.body)).toEqual([]);
      const superView = await as(superJwt).get(`/content-manager/relations/${assignment.uid}/${assignment.rowId}/salesCalendar`);
      expect(superView.body.results.map((r: any) => r.documentId)).toEqual([objectsA.ids['sales-calendar']]);
    } finally {
      await app.strapi.db
        .connection(joinTable.name)
        .where(joinTable.joinColumn.name, assignment.rowId)
        .update({ [joinTable.inverseJoinColumn.name]: before[0][joinTable.inverseJoinColumn.name] });
    }
  });

  test('homepage: recent documents show nothing of A; the document count is the perimeter’s', async () => {
    for (const op of operators) {
      const recent = await as(op.jwt).get('/content-manager/homepage/recent-documents?action=update');
      cases.push(`GET /content-manager/homepage/recent-documents × ${op.label}`);
      expect([op.label, recent.status, leaks(recent.body)]).toEqual([op.label, 200, []]);
      const count = await as(op.jwt).get('/content-manager/homepage/count-documents');
      cases.push(`GET /content-manager/homepage/count-documents × ${op.label}`);
      expect(count.status).toBe(200);
      // What they may read: each organisation-level type of B's perimeter, and the institution types.
      const perimeter = app.strapi.plugin('ticketing').service('perimeter');
      const ability = await app.strapi.service('admin::permission').engine.generateUserAbility(await app.strapi.db.query('admin::user').findOne({ where: { id: op.id }, populate: ['roles'] }));
      let expected = 0;
      for (const uid of Object.keys(app.strapi.contentTypes)) {
        if (!ability.can('plugin::content-manager.explorer.read', uid)) continue;
        if (!uid.startsWith('plugin::ticketing.')) continue;
        expected += await perimeter.readableCount(ability, uid);
      }
      expect([op.label, count.body.data.published]).toEqual([op.label, expected]);
    }
  });

  test('uid checks: no ticketing type has a uid field, A’s codes answer as unknown ones', async () => {
    for (const op of operators) {
      for (const name of ORGANISATION_TYPES) {
        const code = (await app.strapi.db.query(T(name)).findOne({ where: { documentId: objectsA.ids[name] } })).code ?? objectsA.ids[name];
        await sameAsUnknown(
          `POST /content-manager/uid/check-availability × ${name} × ${op.label}`,
          (value) => as(op.jwt).post('/content-manager/uid/check-availability', { contentTypeUID: T(name), field: 'code', value }),
          code,
        );
        await sameAsUnknown(
          `POST /content-manager/uid/generate × ${name} × ${op.label}`,
          (value) => as(op.jwt).post('/content-manager/uid/generate', { contentTypeUID: T(name), field: 'code', data: { code: value } }),
          code,
        );
      }
    }
  });

  test('timeline pages: A’s season, performance, calendar and profile answer as unknown ones', async () => {
    const category = A.audienceCategory;
    for (const op of operators) {
      for (const page of ['timeline', 'problems', 'setup', 'calendar.ics']) {
        await sameAsUnknown(`GET /ticketing/${page} × season × ${op.label}`, (id) => as(op.jwt).get(`/ticketing/${page}?season=${id}`), A.season);
      }
      await sameAsUnknown(
        `GET /ticketing/explain × performance × ${op.label}`,
        (id) => as(op.jwt).get(`/ticketing/explain?performance=${id}&channel=${B.channel}&category=${category}`),
        objectsA.ids.performance,
      );
      await sameAsUnknown(`GET /ticketing/impact × sales-calendar × ${op.label}`, (id) => as(op.jwt).get(`/ticketing/impact?type=salesCalendar&id=${id}`), objectsA.ids['sales-calendar']);
      await sameAsUnknown(`GET /ticketing/impact × activity-profile × ${op.label}`, (id) => as(op.jwt).get(`/ticketing/impact?type=activityProfile&id=${id}`), objectsA.ids['activity-profile']);
    }
  });

  afterAll(() => {
    // The figure the closing note quotes.
    const summary = { doorTypeOperatorCases: cases.length, operators: operators.length, organisationTypes: ORGANISATION_TYPES.length };
    console.log(`perimeter doors: ${JSON.stringify(summary)}`);
    fs.mkdirSync(path.join(APP_DIR, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(APP_DIR, 'test-results', `perimeter-doors-${process.env.TEST_DATABASE ?? 'sqlite'}.json`), JSON.stringify(summary) + '\n');
  });
});

/** Each relation (source type, field) pointing to an organisation-level type, from the schemas. */
function relationsTo(name: OrgType): [OrgType, string][] {
  const out: [OrgType, string][] = [];
  for (const source of ORGANISATION_TYPES) {
    for (const [field, attribute] of Object.entries<any>((app.strapi.getModel(T(source)) as any).attributes)) {
      if (field !== 'localizations' && attribute.type === 'relation' && attribute.target === T(name)) out.push([source, field]);
    }
  }
  return out;
}

/** Data of a new object of B (the relation under test is then set on top). */
function createData(name: OrgType): Record<string, unknown> {
  const code = uniqueCode('NEW');
  const connect = (documentId: string) => ({ connect: [{ documentId }] });
  switch (name) {
    case 'point-of-sale':
      return { code, name: 'Nouveau', organization: connect(B.organization), salesChannel: connect(B.channel) };
    case 'audience-subcategory':
      return { code, name: 'Nouvelle', audienceCategory: connect(B.audienceCategory), season: connect(B.season) };
    case 'tariff-type':
    case 'activity':
      return { code, name: 'Nouveau', season: connect(B.season) };
    case 'season':
      return { code, name: 'Nouvelle', organization: connect(B.organization) };
    case 'event':
      return { code, name: 'Nouveau', season: connect(B.season) };
    case 'performance':
      return { code, event: connect(B.event), startsAt: '2030-03-01T19:00:00.000Z' };
    case 'product':
      return { code, name: 'Nouveau', type: 'package', season: connect(B.season) };
    case 'sales-calendar':
      return { code, name: 'Nouveau', organization: connect(B.organization) };
    case 'activity-profile':
      return { code, name: 'Nouveau', organization: connect(B.organization), salesChannels: connect(B.channel) };
    case 'product-profile':
      return { code, name: 'Nouveau', organization: connect(B.organization), salesChannels: connect(B.channel), products: connect(B.product) };
    case 'organization':
      return { code, name: 'Nouveau' };
    case 'logical-configuration':
      return { code, name: 'Nouvelle', organization: connect(B.organization), season: connect(B.season), physicalConfiguration: connect(B.physicalConfiguration), securityGauge: 10 };
    case 'price-level':
      return { code, name: 'Nouveau', season: connect(B.season) };
    case 'price-grid':
      return { code, name: 'Nouvelle', season: connect(B.season), cells: [] };
    case 'fee-table':
      return { code, name: 'Nouvelle', organization: connect(B.organization), kind: 'simple', fees: [] };
    case 'contingent':
      return { code, name: 'Nouveau', organization: connect(B.organization), contingentKind: 'internal' };
  }
}

describe('order of guards: the perimeter speaks first', () => {
  test('A’s validated calendar: update, clone and delete by an operator of B answer as unknown, never « validated »', async () => {
    const all = operators.find((o) => o.label === 'all-rights-in-B')!;
    const calendar = (await docs('sales-calendar').create({ data: newData('sales-calendar', A) as any })).documentId;
    await transition(app.strapi, 'sales-calendar', calendar, 'validate');
    const row = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendar } });
    for (const [label, ask] of [
      ['update', (id: string) => as(all.jwt).put(`${cm('sales-calendar')}/${id}`, { name: 'x' })],
      ['clone', (id: string) => as(all.jwt).post(`${cm('sales-calendar')}/clone/${id}`, {})],
      ['delete', (id: string) => as(all.jwt).send('DELETE', `${cm('sales-calendar')}/${id}`)],
    ] as const) {
      const res = await ask(calendar);
      expect([label, res.status]).toEqual([label, 404]);
      expect(JSON.stringify(res.body)).not.toContain(row.code);
      expect(JSON.stringify(res.body)).not.toMatch(/valid/i);
    }
    // The same operator on B's validated calendar: the state guard speaks (409), naming it.
    const mine = (await docs('sales-calendar').create({ data: newData('sales-calendar', B) as any })).documentId;
    await transition(app.strapi, 'sales-calendar', mine, 'validate');
    const refused = await as(all.jwt).put(`${cm('sales-calendar')}/${mine}`, { name: 'x' });
    expect(refused.status).toBe(409);
  });

  test('a code already used in A: creating in B is accepted (codes are per organisation); a performance code (institution-wide) is refused without naming A', async () => {
    const all = operators.find((o) => o.label === 'all-rights-in-B')!;
    const codeA = (await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: objectsA.ids['sales-calendar'] } })).code;
    const created = await as(all.jwt).post(cm('sales-calendar'), { ...createData('sales-calendar'), code: codeA });
    expect(created.status).toBe(201);
    const performanceA = await app.strapi.db.query(T('performance')).findOne({ where: { documentId: objectsA.ids.performance } });
    const clash = await as(all.jwt).post(cm('performance'), { ...createData('performance'), code: performanceA.code });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.errors[0].path).toEqual(['code']);
    const text = JSON.stringify(clash.body);
    expect([...objectsA.secrets.filter((s) => s !== performanceA.code), A.organization].filter((s) => text.includes(s))).toEqual([]);
  });

  test('deleting a channel referred to by A’s validated profile: the refusal names only what the operator may read', async () => {
    const role = await customRole(
      [
        { types: ORGANISATION_TYPES as any, verbs: ['read'], perimeter: true },
        { types: INSTITUTION_TYPES as any, verbs: ['read', 'delete'], perimeter: false },
      ],
      [],
    );
    const op = await operator('channel-keeper', role.code, [{ organization: B.organization }]);
    const channel = (await docs('sales-channel').create({ data: { code: uniqueCode('TEL'), name: 'Téléphone', type: 'phone' } as any })).documentId;
    await docs('organization').update({ documentId: A.organization, data: { salesChannels: [A.channel, channel] } as any });
    const profile = await docs('activity-profile').create({ data: { ...newData('activity-profile', A), salesChannels: [channel] } as any });
    await transition(app.strapi, 'activity-profile', profile.documentId, 'validate');
    const res = await as(op.jwt).send('DELETE', `${cm('sales-channel')}/${channel}`);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain(profile.code);
    expect(res.body.error.message).toMatch(/hors de votre périmètre/);
    const superRes = await as(superJwt).send('DELETE', `${cm('sales-channel')}/${channel}`);
    expect(superRes.status).toBe(409);
    expect(superRes.body.error.message).toContain(profile.code);
  });
});

describe('links stay inside one organisation, for everyone, on every door', () => {
  const pathOf = (body: any) => body?.error?.details?.errors?.map((e: any) => e.path.join('.'));

  test('Content Manager (super admin): A’s calendar on B’s event, A’s event in B’s profile, B’s event moved to A’s season', async () => {
    const event = (await docs('event').create({ data: newData('event', B) as any })).documentId;
    const cross = await as(superJwt).put(`${cm('event')}/${event}`, { calendarAssignments: [{ salesCalendar: { connect: [{ documentId: objectsA.ids['sales-calendar'] }] }, allChannels: true }] });
    expect(cross.status).toBe(400);
    expect(pathOf(cross.body)).toEqual(['calendarAssignments.0.salesCalendar']);
    const own = await as(superJwt).put(`${cm('event')}/${event}`, { calendarAssignments: [{ salesCalendar: { connect: [{ documentId: objectsB.ids['sales-calendar'] }] }, allChannels: true }] });
    expect(own.status).toBe(200);
    const profile = await as(superJwt).put(`${cm('activity-profile')}/${objectsB.ids['activity-profile']}`, { events: [{ event: { connect: [{ documentId: objectsA.ids.event }] } }] });
    expect(profile.status).toBe(400);
    expect(pathOf(profile.body)).toEqual(['events.0.event']);
    const moved = await as(superJwt).put(`${cm('event')}/${event}`, { season: { connect: [{ documentId: A.season }] } });
    expect(moved.status).toBe(400);
    expect(pathOf(moved.body)).toEqual(['season']);
    const tariff = await as(superJwt).put(`${cm('activity-profile')}/${objectsB.ids['activity-profile']}`, { tariffTypes: { connect: [{ documentId: objectsA.ids['tariff-type'] }] } });
    expect(tariff.status).toBe(400);
    expect(pathOf(tariff.body)).toEqual(['tariffTypes']);
    const row = await app.strapi.db.query(T('event')).findOne({ where: { documentId: event }, populate: { season: true, calendarAssignments: { populate: { salesCalendar: true } } } });
    expect(row.season.documentId).toBe(B.season);
    expect(row.calendarAssignments.map((a: any) => a.salesCalendar.documentId)).toEqual([objectsB.ids['sales-calendar']]);
    // An institution-level link (a channel) is not an organisation's.
    expect((await as(superJwt).put(`${cm('activity-profile')}/${objectsB.ids['activity-profile']}`, { salesChannels: { connect: [{ documentId: A.channel }] } })).status).toBe(200);
  });

  test('an event’s performances (the inverse side) cannot take another organisation’s performance', async () => {
    const res = await as(superJwt).put(`${cm('event')}/${B.event}`, { performances: { connect: [{ documentId: objectsA.ids.performance }] } });
    expect(res.status).toBe(400);
    expect(pathOf(res.body)).toEqual(['performances']);
    expect(await app.strapi.plugin('ticketing').service('perimeter').organizationOf(T('performance'), objectsA.ids.performance)).toBe(A.organization);
  });

  test('document service and REST (API token) refuse the same links', async () => {
    await expect(docs('event').update({ documentId: B.event, data: { calendarAssignments: [{ salesCalendar: objectsA.ids['sales-calendar'], allChannels: true }] } as any })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['calendarAssignments', '0', 'salesCalendar'] })] },
    });
    const rest = await http()
      .post('/api/ticketing/product-profiles')
      .set('Authorization', `Bearer ${apiToken}`)
      .send({ data: { ...newData('product-profile', B), products: [A.product] } });
    expect(rest.status).toBe(400);
    expect(pathOf(rest.body)).toEqual(['products']);
    const created = await docs('performance').create({ data: { ...newData('performance', B) } as any });
    await expect(docs('performance').update({ documentId: created.documentId, data: { event: A.event } as any })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  test('a clone keeps its links inside one organisation (copied links included)', async () => {
    // A profile of A cloned into B's organisation would carry A's events: refused, nothing created.
    const before = await app.strapi.db.query(T('activity-profile')).count({});
    await expect(docs('activity-profile').clone({ documentId: objectsA.ids['activity-profile'], data: { code: uniqueCode('CLONE'), organization: B.organization } as any })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(await app.strapi.db.query(T('activity-profile')).count({})).toBe(before);
    const clone = await docs('activity-profile').clone({ documentId: objectsA.ids['activity-profile'], data: { code: uniqueCode('CLONE') } as any });
    expect(clone?.documentId).toBeTruthy();
  });
});

describe('roles and the operators page keep to the caller’s perimeter', () => {
  let managerB: Operator;
  let operatorA: Operator;
  let unlimitedManager: Operator;

  beforeAll(async () => {
    const limited = await customRole(
      [
        { types: ORGANISATION_TYPES as any, verbs: ['read'], perimeter: true },
        { types: INSTITUTION_TYPES as any, verbs: ['read'], perimeter: false },
      ],
      [{ action: 'plugin::ticketing.perimeters.manage', perimeter: true }],
    );
    managerB = await operator('manager-b', limited.code, [{ organization: B.organization, salesChannels: [B.channel] }]);
    operatorA = await operator('operator-a', 'ticketing-consultation', [{ organization: A.organization }]);
    unlimitedManager = await operator('unlimited', 'ticketing-administrator', []);
  });

  test('restoring preset roles needs the unlimited right; never a role one holds', async () => {
    const restore = (op: Operator, codes?: string[]) => as(op.jwt).post('/ticketing/roles/presets/restore', codes ? { codes } : {});
    const validator = await app.strapi.db.query('admin::role').findOne({ where: { code: 'ticketing-validator' } });
    const count = () => app.strapi.db.query('admin::permission').count({ where: { role: validator.id } });
    const before = await count();
    const one = await app.strapi.db.query('admin::permission').findOne({ where: { role: validator.id, action: 'plugin::ticketing.transitions.configuration' } });
    await app.strapi.db.query('admin::permission').delete({ where: { id: one.id } });
    const limitedTry = await restore(managerB, ['ticketing-validator']);
    expect(limitedTry.status).toBe(403);
    expect(await count()).toBe(before - 1);
    const own = await restore(unlimitedManager);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('ticketing-administrator');
    expect(await count()).toBe(before - 1);
    expect((await restore(unlimitedManager, ['ticketing-administrator'])).status).toBe(403);
    expect((await restore(unlimitedManager, ['ticketing-validator'])).status).toBe(200);
    expect(await count()).toBe(before);
    expect((await as(superJwt).post('/ticketing/roles/presets/restore', {})).status).toBe(200);
  });

  test('the operators list, the form’s options and effective rights show only what the caller’s perimeter covers', async () => {
    const list = await as(managerB.jwt).get('/ticketing/operators');
    expect(list.status).toBe(200);
    const ids = list.body.data.map((o: any) => o.id);
    expect(ids).not.toContain(operatorA.id);
    expect(ids).toContain(operators[0].id);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(A.organization);
    const superList = await as(superJwt).get('/ticketing/operators');
    expect(superList.body.data.map((o: any) => o.id)).toContain(operatorA.id);

    const options = await as(managerB.jwt).get('/ticketing/perimeters/options');
    expect(options.body.data.organizations.map((o: any) => o.documentId)).toEqual([B.organization]);
    expect(options.body.data.salesChannels.map((c: any) => c.documentId)).toEqual([B.channel]);

    await sameAsUnknown(
      'GET /ticketing/operators/:id/effective-rights × operator of A × manager-b',
      (id) => as(managerB.jwt).get(`/ticketing/operators/${id}/effective-rights`),
      String(operatorA.id),
      '987654',
    );
    await sameAsUnknown(
      'POST /ticketing/operators/:id/perimeters × operator of A × manager-b',
      (id) => as(managerB.jwt).post(`/ticketing/operators/${id}/perimeters`, { organization: B.organization, salesChannels: [B.channel] }),
      String(operatorA.id),
      '987654',
    );
    const rowA = (await as(superJwt).get(`/ticketing/operators/${operatorA.id}/effective-rights`)).body.data.perimeter[0].documentId;
    await sameAsUnknown('PUT /ticketing/perimeters/:documentId × row of A × manager-b', (id) => as(managerB.jwt).put(`/ticketing/perimeters/${id}`, { note: 'x' }), rowA);
    await sameAsUnknown('DELETE /ticketing/perimeters/:documentId × row of A × manager-b', (id) => as(managerB.jwt).send('DELETE', `/ticketing/perimeters/${id}`), rowA);

    // Their own effective rights, and a B operator's: organisation B only.
    for (const who of [managerB, operators[0]]) {
      const rights = await as(managerB.jwt).get(`/ticketing/operators/${who.id}/effective-rights`);
      expect(rights.status).toBe(200);
      const orgs = new Set(rights.body.data.types.flatMap((t: any) => t.rows.map((r: any) => r.organization?.documentId ?? null)));
      expect([...orgs].filter(Boolean)).toEqual([B.organization]);
      expect(JSON.stringify(rights.body)).not.toContain(A.organization);
    }
    const consultation = await as(operators[0].jwt).get(`/ticketing/operators/${operators[0].id}/effective-rights`);
    expect(JSON.stringify(consultation.body)).not.toContain(A.organization);
  });
});
