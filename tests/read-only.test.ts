import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { LOCKED, STATES, T, TYPES, type World, adminToken, changeOf, createInState, createWorld, fullAccessApiToken, newData, transition, uniqueCode } from './helpers/ticketing';

/**
 * "Read-only means read-only": every write path × every stateful type × every state.
 * A locked object (validated/archived configuration, closed/cancelled catalogue) refuses
 * update, delete, clone and bulk delete with 409 and stays unchanged; any other state accepts
 * them. The state itself never changes through a write.
 */
let app: TestApp;
let world: World;
let adminJwt: string;
let apiToken: string;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorld(app.strapi);
  adminJwt = await adminToken(app.strapi);
  apiToken = await fullAccessApiToken(app.strapi);
}, 120000);
afterAll(async () => {
  await app?.stop();
}, 120000);

const http = () => request(app.strapi.server.httpServer);
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

type Outcome = { status: number; body?: any };

/** The three doors, each answering an HTTP-like status. */
const paths = {
  documents: {
    async update(name: string, documentId: string, data: any): Promise<Outcome> {
      return run(() => app.strapi.documents(T(name)).update({ documentId, data }));
    },
    async delete(name: string, documentId: string): Promise<Outcome> {
      return run(() => app.strapi.documents(T(name)).delete({ documentId }));
    },
    async clone(name: string, documentId: string, data: any): Promise<Outcome> {
      return run(() => app.strapi.documents(T(name)).clone({ documentId, data }));
    },
    async create(name: string, data: any): Promise<Outcome> {
      return run(() => app.strapi.documents(T(name)).create({ data }));
    },
  },
  rest: {
    async update(name: string, documentId: string, data: any): Promise<Outcome> {
      const res = await http()
        .put(`/api/ticketing/${plural(name)}/${documentId}`)
        .set('Authorization', `Bearer ${apiToken}`)
        .send({ data });
      return { status: res.status, body: res.body };
    },
    async delete(name: string, documentId: string): Promise<Outcome> {
      const res = await http()
        .delete(`/api/ticketing/${plural(name)}/${documentId}`)
        .set('Authorization', `Bearer ${apiToken}`);
      return { status: res.status, body: res.body };
    },
    clone: null,
    async create(name: string, data: any): Promise<Outcome> {
      const res = await http()
        .post(`/api/ticketing/${plural(name)}`)
        .set('Authorization', `Bearer ${apiToken}`)
        .send({ data });
      return { status: res.status, body: res.body };
    },
  },
  contentManager: {
    async update(name: string, documentId: string, data: any): Promise<Outcome> {
      const res = await http()
        .put(`${cm(T(name))}/${documentId}`)
        .set('Authorization', `Bearer ${adminJwt}`)
        .send(data);
      return { status: res.status, body: res.body };
    },
    async delete(name: string, documentId: string): Promise<Outcome> {
      const res = await http()
        .delete(`${cm(T(name))}/${documentId}`)
        .set('Authorization', `Bearer ${adminJwt}`);
      return { status: res.status, body: res.body };
    },
    async clone(name: string, documentId: string, data: any): Promise<Outcome> {
      const res = await http()
        .post(`${cm(T(name))}/clone/${documentId}`)
        .set('Authorization', `Bearer ${adminJwt}`)
        .send(data);
      return { status: res.status, body: res.body };
    },
    async create(name: string, data: any): Promise<Outcome> {
      const res = await http()
        .post(cm(T(name)))
        .set('Authorization', `Bearer ${adminJwt}`)
        .send(data);
      return { status: res.status, body: res.body };
    },
  },
} as const;

async function run(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const body = await fn();
    return { status: 200, body };
  } catch (error: any) {
    return { status: error.status ?? (error.name === 'ValidationError' ? 400 : 500), body: { error: { name: error.name, message: error.message, details: error.details } } };
  }
}

const plural = (name: string) => TYPES.find((t) => t.name === name)!.plural;

const row = (name: string, documentId: string) => app.strapi.db.query(T(name)).findOne({ where: { documentId } });

const cells = TYPES.flatMap((t) => STATES[t.kind].map((state) => ({ ...t, state, locked: LOCKED[t.kind].includes(state) })));
const pathNames = Object.keys(paths) as (keyof typeof paths)[];

describe.each(cells)('$name in state $state', ({ name, kind, state, locked }) => {
  test.each(pathNames)(`update through %s is ${locked ? 'refused (409)' : 'accepted'}`, async (path) => {
    const object = await createInState(app.strapi, world, name, state);
    const change = changeOf(name, `${path}-${state}`);
    const outcome = await paths[path].update(name, object.documentId, change);
    const after = await row(name, object.documentId);
    if (locked) {
      expect(outcome.status).toBe(409);
      // One language, the caller's (here French: no preferred language, no Accept-Language), and a stable code.
      expect(JSON.stringify(outcome.body)).toMatch(/lecture seule/);
      expect(JSON.stringify(outcome.body)).not.toMatch(/read-only:/);
      expect(JSON.stringify(outcome.body)).toContain('"code":"READ_ONLY"');
      const [field] = Object.keys(change);
      expect(String(after[field])).toBe(String(object[field]));
    } else {
      expect(outcome.status).toBeLessThan(300);
      const [field, value] = Object.entries(change)[0];
      expect(new Date(after[field]).getTime() || after[field]).toEqual(new Date(value as string).getTime() || value);
    }
    expect(after.state).toBe(state);
  });

  test.each(pathNames)(`delete through %s is ${locked ? 'refused (409)' : 'accepted'}`, async (path) => {
    const object = await createInState(app.strapi, world, name, state);
    const outcome = await paths[path].delete(name, object.documentId);
    const after = await row(name, object.documentId);
    if (locked) {
      expect(outcome.status).toBe(409);
      expect(after).not.toBeNull();
    } else {
      expect(outcome.status).toBeLessThan(300);
      expect(after).toBeNull();
    }
  });

  test.each(pathNames.filter((p) => paths[p].clone))(`clone through %s is ${locked ? 'refused (409)' : 'accepted, the copy starting in the initial state'}`, async (path) => {
    const object = await createInState(app.strapi, world, name, state);
    const before = await app.strapi.db.query(T(name)).count();
    const outcome = await paths[path].clone!(name, object.documentId, { code: uniqueCode('CLONE') });
    const afterCount = await app.strapi.db.query(T(name)).count();
    if (locked) {
      expect(outcome.status).toBe(409);
      expect(afterCount).toBe(before);
    } else {
      expect(outcome.status).toBeLessThan(300);
      expect(afterCount).toBe(before + 1);
      const copy = await app.strapi.db.query(T(name)).findOne({ where: { documentId: { $ne: object.documentId } }, orderBy: { id: 'desc' } });
      expect(copy.state).toBe(kind === 'configuration' ? 'draft' : 'preparing');
    }
  });

  test(`bulk delete in the Content Manager is ${locked ? 'refused (409) for the whole batch' : 'accepted'}`, async () => {
    const object = await createInState(app.strapi, world, name, state);
    const other = await createInState(app.strapi, world, name, kind === 'configuration' ? 'draft' : 'preparing');
    const res = await http()
      .post(`${cm(T(name))}/actions/bulkDelete`)
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ documentIds: [other.documentId, object.documentId] });
    if (locked) {
      expect(res.status).toBe(409);
      expect(await row(name, object.documentId)).not.toBeNull();
      // One transaction: the unlocked one is not deleted either.
      expect(await row(name, other.documentId)).not.toBeNull();
    } else {
      expect(res.status).toBe(200);
      expect(await row(name, object.documentId)).toBeNull();
    }
  });

  if (!locked) {
    test.each(pathNames)('changing the state through %s is refused (400, names `state`)', async (path) => {
      const object = await createInState(app.strapi, world, name, state);
      const target = STATES[kind].find((s) => s !== state)!;
      const outcome = await paths[path].update(name, object.documentId, { state: target });
      expect(outcome.status).toBe(400);
      expect(JSON.stringify(outcome.body)).toMatch(/state/);
      expect((await row(name, object.documentId)).state).toBe(state);
    });
  }
});

describe.each(TYPES)('creating a $name', ({ name, kind }) => {
  test.each(pathNames)('in a non-initial state through %s is refused (400, names `state`)', async (path) => {
    const target = kind === 'configuration' ? 'validated' : 'running';
    const data = { ...newData(name, world), state: target };
    const before = await app.strapi.db.query(T(name)).count();
    const outcome = await paths[path].create(name, data);
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.body)).toMatch(/state/);
    expect(await app.strapi.db.query(T(name)).count()).toBe(before);
  });

  test.each(pathNames)('in the initial state through %s is accepted', async (path) => {
    const initial = kind === 'configuration' ? 'draft' : 'preparing';
    const outcome = await paths[path].create(name, { ...newData(name, world), state: initial });
    expect(outcome.status).toBeLessThan(300);
  });
});

describe('the state history', () => {
  test('cannot be written through the document service, the Content Manager or REST', async () => {
    const created = await paths.documents.create('state-transition', {
      targetUid: 'x',
      targetDocumentId: 'y',
      action: 'validate',
      fromState: 'draft',
      toState: 'validated',
      at: new Date().toISOString(),
    });
    expect(created.status).toBe(409);
    const cmCreate = await http()
      .post(cm(T('state-transition')))
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ targetUid: 'x', targetDocumentId: 'y', action: 'validate', fromState: 'draft', toState: 'validated', at: new Date().toISOString() });
    expect(cmCreate.status).toBe(409);

    const historyRow = await app.strapi.db.query(T('state-transition')).findOne({ where: { targetDocumentId: world.season } });
    expect(historyRow).not.toBeNull();
    const cmUpdate = await http()
      .put(`${cm(T('state-transition'))}/${historyRow.documentId}`)
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ reason: 'forged' });
    expect(cmUpdate.status).toBe(409);
    const cmDelete = await http()
      .delete(`${cm(T('state-transition'))}/${historyRow.documentId}`)
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(cmDelete.status).toBe(409);
    const rest = await http().get('/api/ticketing/state-transitions').set('Authorization', `Bearer ${apiToken}`);
    expect(rest.status).toBe(404);
    const unchanged = await app.strapi.db.query(T('state-transition')).findOne({ where: { id: historyRow.id } });
    expect(unchanged.reason).toBe(historyRow.reason);

    // Readable in the Content Manager.
    const list = await http()
      .get(cm(T('state-transition')))
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(list.status).toBe(200);
    expect(list.body.results.length).toBeGreaterThan(0);
  });
});

describe('the configuration version', () => {
  test('every accepted write bumps it once, a refused one does not', async () => {
    const version = () => app.strapi.plugin('ticketing').service('config-version').get() as Promise<number>;
    const v0 = await version();
    const created = await app.strapi.documents(T('audience-category')).create({ data: { code: uniqueCode('AC'), name: 'Invité' } as any });
    expect(await version()).toBe(v0 + 1);
    await app.strapi.documents(T('audience-category')).update({ documentId: created.documentId, data: { name: 'Invités' } as any });
    expect(await version()).toBe(v0 + 2);
    const refused = await paths.documents.create('audience-category', { code: '', name: '' });
    expect(refused.status).toBe(400);
    expect(await version()).toBe(v0 + 2);
    await app.strapi.documents(T('audience-category')).delete({ documentId: created.documentId });
    expect(await version()).toBe(v0 + 3);
  });
});

describe('the Content Manager edit view', () => {
  test('shows `state` as not editable', async () => {
    const res = await http()
      .get(`/content-manager/content-types/${T('sales-calendar')}/configuration`)
      .set('Authorization', `Bearer ${adminJwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.contentType.metadatas.state.edit.editable).toBe(false);
    expect(res.body.data.contentType.metadatas.name.edit.editable).not.toBe(false);
  });
});

describe('what a read-only object points to', () => {
  const docs = (name: string) => app.strapi.documents(T(name));
  const calendarWith = async (categoryId: string) => {
    const data: any = newData('sales-calendar', world);
    data.periods[0].audienceCategories = [categoryId];
    return docs('sales-calendar').create({ data });
  };
  const categoriesOf = async (calendarId: string) => {
    const calendar: any = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendarId }, populate: { periods: { populate: ['audienceCategories'] } } });
    return calendar.periods.flatMap((p: any) => p.audienceCategories.map((c: any) => c.documentId));
  };

  test('an audience category used by a validated calendar (through its period component) cannot be deleted, on any door; once the calendar is reopened it can', async () => {
    const category = await docs('audience-category').create({ data: { code: uniqueCode('AC'), name: 'Groupe' } as any });
    const calendar = await calendarWith(category.documentId);
    await transition(app.strapi, 'sales-calendar', calendar.documentId, 'validate');
    const rest = await http().delete(`/api/ticketing/audience-categories/${category.documentId}`).set('Authorization', `Bearer ${apiToken}`);
    for (const outcome of [
      await paths.documents.delete('audience-category', category.documentId),
      { status: rest.status, body: rest.body },
      await paths.contentManager.delete('audience-category', category.documentId),
    ]) {
      expect(outcome.status).toBe(409);
      expect(JSON.stringify(outcome.body)).toContain(calendar.code);
    }
    expect(await row('audience-category', category.documentId)).not.toBeNull();
    expect(await categoriesOf(calendar.documentId)).toEqual([category.documentId]);

    await transition(app.strapi, 'sales-calendar', calendar.documentId, 'reopen', 'test');
    expect((await paths.documents.delete('audience-category', category.documentId)).status).toBe(200);
    expect(await row('audience-category', category.documentId)).toBeNull();
  });

  test('a channel granted by a validated activity profile cannot be deleted; one granted only by a draft profile can', async () => {
    const locked = await docs('sales-channel').create({ data: { code: uniqueCode('CH'), name: 'Guichet', type: 'boxOffice' } as any });
    const free = await docs('sales-channel').create({ data: { code: uniqueCode('CH'), name: 'Téléphone', type: 'phone' } as any });
    const validated: any = await docs('activity-profile').create({ data: { ...newData('activity-profile', world), salesChannels: [locked.documentId] } as any });
    await transition(app.strapi, 'activity-profile', validated.documentId, 'validate');
    await docs('activity-profile').create({ data: { ...newData('activity-profile', world), salesChannels: [free.documentId] } as any });

    const refused = await paths.contentManager.delete('sales-channel', locked.documentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(validated.code);
    expect(refused.body.error.details.code).toBe('REFERENCED_BY_READ_ONLY');
    expect((await paths.contentManager.delete('sales-channel', free.documentId)).status).toBe(200);
  });

  test('an event with a closed performance cannot be deleted', async () => {
    const event = await docs('event').create({ data: { ...newData('event', world) } as any });
    await transition(app.strapi, 'event', event.documentId, 'validate');
    await transition(app.strapi, 'event', event.documentId, 'run');
    const performance = await docs('performance').create({ data: { ...newData('performance', world), event: event.documentId } as any });
    for (const action of ['validate', 'run', 'close']) await transition(app.strapi, 'performance', performance.documentId, action);
    const outcome = await paths.documents.delete('event', event.documentId);
    expect(outcome.status).toBe(409);
    expect(outcome.body.error.message).toContain(performance.code);
  });
});
