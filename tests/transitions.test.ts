import request from 'supertest';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { PATH_TO, STATES, T, TYPES, type World, adminToken, createInState, createWorld, newData, transition, uniqueCode } from './helpers/ticketing';

/**
 * Transitions through the admin routes: every allowed one, every refused one, the guards, the
 * engine checks, the history, RBAC, concurrency (PostgreSQL) and a restart.
 */
let app: TestApp;
let world: World;
let adminJwt: string;

beforeAll(async () => {
  app = await startStrapi();
  world = await createWorld(app.strapi);
  adminJwt = await adminToken(app.strapi);
}, 120000);
afterAll(async () => {
  await app?.stop();
}, 120000);

const http = () => request(app.strapi.server.httpServer);
const post = (plural: string, documentId: string, body: Record<string, unknown>, jwt = adminJwt) =>
  http().post(`/ticketing/${plural}/${documentId}/transitions`).set('Authorization', `Bearer ${jwt}`).send(body);
const get = (plural: string, documentId: string, jwt = adminJwt) => http().get(`/ticketing/${plural}/${documentId}/transitions`).set('Authorization', `Bearer ${jwt}`);

const RULES: Record<string, { action: string; from: string[]; to: string; reason: boolean }[]> = {
  configuration: [
    { action: 'validate', from: ['draft'], to: 'validated', reason: false },
    { action: 'reopen', from: ['validated'], to: 'draft', reason: true },
    { action: 'archive', from: ['draft', 'validated'], to: 'archived', reason: false },
  ],
  catalogue: [
    { action: 'validate', from: ['preparing'], to: 'validated', reason: false },
    { action: 'run', from: ['validated'], to: 'running', reason: false },
    { action: 'suspend', from: ['running'], to: 'suspended', reason: true },
    { action: 'resume', from: ['suspended'], to: 'running', reason: false },
    { action: 'close', from: ['running', 'suspended'], to: 'closed', reason: false },
    { action: 'cancel', from: ['preparing', 'validated', 'running', 'suspended'], to: 'cancelled', reason: true },
  ],
};

const history = (documentId: string) => app.strapi.db.query(T('state-transition')).findMany({ where: { targetDocumentId: documentId }, orderBy: { id: 'asc' } });

const allowedCases = TYPES.flatMap((t) => RULES[t.kind].flatMap((r) => r.from.map((from) => ({ ...t, ...r, from }))));
const refusedCases = TYPES.flatMap((t) => STATES[t.kind].flatMap((state) => RULES[t.kind].filter((r) => !r.from.includes(state)).map((r) => ({ ...t, ...r, state }))));

describe('allowed transitions', () => {
  test.each(allowedCases)('$name: $action from $from → $to', async ({ name, plural, action, from, to, reason }) => {
    const object = await createInState(app.strapi, world, name, from);
    const before = await history(object.documentId);
    const version = await app.strapi.plugin('ticketing').service('config-version').get();
    if (reason) {
      const missing = await post(plural, object.documentId, { action });
      expect(missing.status).toBe(400);
      // One language, the caller's (an admin without a preferred language, no Accept-Language: French).
      expect(missing.body.error.message).toMatch(/motif/);
      expect(missing.body.error.message).not.toMatch(/reason/);
      expect(missing.body.error.details.code).toEqual(expect.any(String));
      const blank = await post(plural, object.documentId, { action, reason: '   ' });
      expect(blank.status).toBe(400);
    }
    const res = await post(plural, object.documentId, { action, reason: reason ? 'Grève du personnel' : undefined });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ from, to, action, documentId: object.documentId });
    expect(res.body.data.configVersion).toBe(version + 1);
    const row = await app.strapi.db.query(T(name)).findOne({ where: { documentId: object.documentId } });
    expect(row.state).toBe(to);
    const after = await history(object.documentId);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      targetUid: T(name),
      targetCode: object.code,
      action,
      fromState: from,
      toState: to,
      operatorName: 'Ada Admin',
      reason: reason ? 'Grève du personnel' : null,
    });
    expect(after.at(-1).operatorId).toEqual(expect.any(Number));
    // The history's instant is the row's updatedAt, exactly (Strapi stamps updatedAt itself: the transition reads it back).
    expect(new Date(after.at(-1).at).toISOString()).toBe(new Date(row.updatedAt).toISOString());
  });
});

describe('refused transitions', () => {
  test.each(refusedCases)('$name: $action from $state → 409 with the allowed actions', async ({ name, plural, kind, action, state }) => {
    const object = await createInState(app.strapi, world, name, state);
    const before = await history(object.documentId);
    const res = await post(plural, object.documentId, { action, reason: 'motif' });
    expect(res.status).toBe(409);
    const allowed = RULES[kind].filter((r) => r.from.includes(state)).map((r) => r.action);
    expect(res.body.error.details.allowedActions.map((a: any) => a.action)).toEqual(allowed);
    expect(res.body.error.message).not.toContain(' / ');
    expect(res.body.error.details.code).toEqual(expect.any(String));
    const row = await app.strapi.db.query(T(name)).findOne({ where: { documentId: object.documentId } });
    expect(row.state).toBe(state);
    expect((await history(object.documentId)).length).toBe(before.length);
  });

  test('unknown action → 400, unknown documentId → 404, bad body → 400', async () => {
    const calendar = await createInState(app.strapi, world, 'sales-calendar', 'draft');
    expect((await post('sales-calendars', calendar.documentId, { action: 'run' })).status).toBe(400);
    expect((await post('sales-calendars', calendar.documentId, { action: 'explode' })).status).toBe(400);
    expect((await post('sales-calendars', calendar.documentId, {})).status).toBe(400);
    expect((await post('sales-calendars', 'nope', { action: 'validate' })).status).toBe(404);
    expect((await get('sales-calendars', 'nope')).status).toBe(404);
    expect((await post('sales-calendars', calendar.documentId, { action: 'archive', reason: 12 })).status).toBe(400);
    expect((await post('sales-calendars', calendar.documentId, { action: 'archive', includePerformances: true })).status).toBe(400);
  });

  test('closed and cancelled are final; archived is final', async () => {
    for (const [name, plural, state] of [
      ['event', 'events', 'closed'],
      ['event', 'events', 'cancelled'],
      ['sales-calendar', 'sales-calendars', 'archived'],
    ]) {
      const object = await createInState(app.strapi, world, name, state);
      const view = await get(plural, object.documentId);
      expect(view.body.data).toMatchObject({ state, final: true, readOnly: true, allowedActions: [] });
    }
  });
});

describe('guards', () => {
  test('validate refuses a calendar with blocking problems (422) and lists them', async () => {
    const calendar = await app.strapi.documents(T('sales-calendar')).create({ data: { ...newData('sales-calendar', world), periods: [] } as any });
    const res = await post('sales-calendars', calendar.documentId, { action: 'validate' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.blocking.map((p: any) => p.code)).toContain('CALENDAR_HAS_NO_PERIOD');
    expect(res.body.error.details.blocking[0].message).toEqual({ fr: expect.any(String), en: expect.any(String) });
    const row = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendar.documentId } });
    expect(row.state).toBe('draft');
    expect(await history(calendar.documentId)).toHaveLength(0);
  });

  test('a relative period across the spring clock change validates: 0 d 72 h → 3 d, and the reverse with a warning (#21)', async () => {
    const docs = (name: string) => app.strapi.documents(T(name));
    const event = await createInState(app.strapi, world, 'event', 'preparing');
    // 2027-03-30 20:00 in Paris, two days after the change to summer time (sales-rules.md §3).
    await docs('performance').create({ data: { ...newData('performance', world), event: event.documentId, startsAt: '2027-03-30T18:00:00.000Z' } as any });
    const calendar = (openingDays: number, openingHours: number, closingDays: number, closingHours: number) =>
      docs('sales-calendar').create({
        data: {
          ...newData('sales-calendar', world),
          periods: [{ name: 'DST', openingKind: 'relative', openingDays, openingHours, closingKind: 'relative', closingDays, closingHours, audienceCategories: [world.audienceCategory] }],
        } as any,
      });
    const forward = await calendar(0, 72, 3, 0); // one hour on sale: 2027-03-27 18:00 to 19:00 UTC
    const reverse = await calendar(3, 0, 0, 72); // empty for this performance (one hour in autumn)
    await docs('event').update({
      documentId: event.documentId,
      data: {
        calendarAssignments: [
          { salesCalendar: forward.documentId, allChannels: true },
          { salesCalendar: reverse.documentId, allChannels: true },
        ],
      } as any,
    });
    const validated = await post('sales-calendars', forward.documentId, { action: 'validate' });
    expect(validated.status).toBe(200);
    expect(validated.body.data.warnings.map((p: any) => p.code)).toEqual([]);
    const warned = await post('sales-calendars', reverse.documentId, { action: 'validate' });
    expect(warned.status).toBe(200);
    expect(warned.body.data.warnings.map((p: any) => p.code)).toEqual(['PERIOD_YIELDS_NO_WINDOW']);
    // A period empty for every possible performance is still refused, at the first write.
    await expect(calendar(1, 0, 2, 0)).rejects.toMatchObject({ message: expect.stringContaining('periods[0].closingDays') });
  });

  test('validate returns the warnings on success', async () => {
    const calendar = await createInState(app.strapi, world, 'sales-calendar', 'draft');
    const res = await post('sales-calendars', calendar.documentId, { action: 'validate' });
    expect(res.status).toBe(200);
    // Not assigned to any event yet: a warning, not a blocking problem.
    expect(res.body.data.warnings.map((p: any) => p.code)).toContain('CALENDAR_NOT_ASSIGNED');
  });

  test('GET shows the state, the allowed actions, the check and the history', async () => {
    const calendar = await app.strapi.documents(T('sales-calendar')).create({ data: { ...newData('sales-calendar', world), periods: [] } as any });
    const res = await get('sales-calendars', calendar.documentId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      state: 'draft',
      readOnly: false,
      allowedActions: [
        { action: 'validate', to: 'validated', reasonRequired: false, permitted: true },
        { action: 'archive', to: 'archived', reasonRequired: false, permitted: true },
      ],
      history: [],
    });
    expect(res.body.data.check.blocking.map((p: any) => p.code)).toContain('CALENDAR_HAS_NO_PERIOD');
    await post('sales-calendars', calendar.documentId, { action: 'archive' });
    const after = await get('sales-calendars', calendar.documentId);
    expect(after.body.data.history).toMatchObject([{ action: 'archive', fromState: 'draft', toState: 'archived', operatorName: 'Ada Admin' }]);
  });

  test('running an event or a product needs a running season; running a performance needs a running event', async () => {
    const season = await createInState(app.strapi, world, 'season', 'validated');
    const event = await app.strapi.documents(T('event')).create({ data: { ...newData('event', world), season: season.documentId } as any });
    await transition(app.strapi, 'event', event.documentId, 'validate');
    const refused = await post('events', event.documentId, { action: 'run' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.blocking[0].code).toBe('SEASON_NOT_RUNNING');

    const performance = await app.strapi.documents(T('performance')).create({ data: { ...newData('performance', world), event: event.documentId } as any });
    await transition(app.strapi, 'performance', performance.documentId, 'validate');
    const refusedPerformance = await post('performances', performance.documentId, { action: 'run' });
    expect(refusedPerformance.status).toBe(422);
    expect(refusedPerformance.body.error.details.blocking[0].code).toBe('EVENT_NOT_RUNNING');

    const product = await app.strapi.documents(T('product')).create({ data: { ...newData('product', world), season: season.documentId } as any });
    await transition(app.strapi, 'product', product.documentId, 'validate');
    const refusedProduct = await post('products', product.documentId, { action: 'run' });
    expect(refusedProduct.status).toBe(422);
    expect(refusedProduct.body.error.details.blocking[0].code).toBe('SEASON_NOT_RUNNING');

    await transition(app.strapi, 'season', season.documentId, 'run');
    expect((await post('events', event.documentId, { action: 'run' })).status).toBe(200);
    expect((await post('performances', performance.documentId, { action: 'run' })).status).toBe(200);
    expect((await post('products', product.documentId, { action: 'run' })).status).toBe(200);
  });

  test('running an event with includePerformances runs its validated performances in the same transaction', async () => {
    const event = await createInState(app.strapi, world, 'event', 'validated');
    const make = async (state: string) => {
      const p = await app.strapi.documents(T('performance')).create({ data: { ...newData('performance', world), event: event.documentId } as any });
      for (const action of PATH_TO[state]) await transition(app.strapi, 'performance', p.documentId, action, 'x');
      return p.documentId;
    };
    const validated = [await make('validated'), await make('validated')];
    const preparing = await make('preparing');
    const cancelled = await make('cancelled');
    const res = await post('events', event.documentId, { action: 'run', includePerformances: true });
    expect(res.status).toBe(200);
    expect(res.body.data.cascaded.map((c: any) => c.documentId).sort()).toEqual([...validated].sort());
    const state = async (documentId: string) => (await app.strapi.db.query(T('performance')).findOne({ where: { documentId } })).state;
    for (const id of validated) expect(await state(id)).toBe('running');
    expect(await state(preparing)).toBe('preparing');
    expect(await state(cancelled)).toBe('cancelled');
    const cascadeHistory = await history(validated[0]);
    expect(cascadeHistory.at(-1)).toMatchObject({ action: 'run', fromState: 'validated', toState: 'running', cascadeOf: event.documentId });
    const cascadedRow = await app.strapi.db.query(T('performance')).findOne({ where: { documentId: validated[0] } });
    expect(new Date(cascadeHistory.at(-1).at).toISOString()).toBe(new Date(cascadedRow.updatedAt).toISOString());
  });

  test('a failing cascade rolls the whole transition back', async () => {
    const event = await createInState(app.strapi, world, 'event', 'validated');
    const p = await app.strapi.documents(T('performance')).create({ data: { ...newData('performance', world), event: event.documentId } as any });
    await transition(app.strapi, 'performance', p.documentId, 'validate');
    const versions = app.strapi.plugin('ticketing').service('config-version');
    const originalBump = versions.bump;
    versions.bump = async () => {
      throw new Error('disk full');
    };
    try {
      const res = await post('events', event.documentId, { action: 'run', includePerformances: true });
      expect(res.status).toBe(500);
    } finally {
      versions.bump = originalBump;
    }
    expect((await app.strapi.db.query(T('event')).findOne({ where: { documentId: event.documentId } })).state).toBe('validated');
    expect((await app.strapi.db.query(T('performance')).findOne({ where: { documentId: p.documentId } })).state).toBe('validated');
    expect(await history(event.documentId)).toHaveLength(PATH_TO.validated.length);
  });
});

describe('RBAC', () => {
  test('an editor without the transition rights gets 403 and sees the actions as not permitted', async () => {
    const editorJwt = await adminToken(app.strapi, 'strapi-editor');
    const calendar = await createInState(app.strapi, world, 'sales-calendar', 'draft');
    const res = await post('sales-calendars', calendar.documentId, { action: 'archive' }, editorJwt);
    expect(res.status).toBe(403);
    const season = await createInState(app.strapi, world, 'season', 'preparing');
    expect((await post('seasons', season.documentId, { action: 'validate' }, editorJwt)).status).toBe(403);
    const view = await get('sales-calendars', calendar.documentId, editorJwt);
    expect(view.status).toBe(200);
    expect(view.body.data.allowedActions.every((a: any) => a.permitted === false)).toBe(true);
    expect(view.body.data.history).toBeNull();
    expect((await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendar.documentId } })).state).toBe('draft');
  });

  test('the permission actions are registered', async () => {
    const actions = app.strapi
      .service('admin::permission')
      .actionProvider.values()
      .map((a: any) => a.actionId);
    expect(actions).toEqual(expect.arrayContaining(['plugin::ticketing.transitions.configuration', 'plugin::ticketing.transitions.catalogue', 'plugin::ticketing.history.read']));
  });

  test('without a token the routes answer 401', async () => {
    const res = await http().get(`/ticketing/seasons/${world.season}/transitions`);
    expect(res.status).toBe(401);
  });
});

const pgOnly = databaseKind === 'postgres' ? test : test.skip;

describe('concurrency', () => {
  pgOnly('20 concurrent requests mixing validate and update on one calendar end consistent, nothing lost', async () => {
    const calendar = await createInState(app.strapi, world, 'sales-calendar', 'draft');
    const versions = app.strapi.plugin('ticketing').service('config-version');
    const v0 = await versions.get();
    // Updates and validates interleaved, each request started a few ms after the previous one,
    // so that some updates commit before the validation and others race it.
    const kinds = Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? 'validate' : 'update'));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const results = await Promise.all(
      kinds.map(async (kind, i) => {
        await pause(i * 4);
        return kind === 'validate'
          ? post('sales-calendars', calendar.documentId, { action: 'validate' }).then((r) => ({ kind, i, status: r.status, body: r.body }))
          : http()
              .put(`/content-manager/collection-types/${T('sales-calendar')}/${calendar.documentId}`)
              .set('Authorization', `Bearer ${adminJwt}`)
              .send({ name: `Concurrent ${i}` })
              .then((r) => ({ kind, i, status: r.status, body: r.body }));
      }),
    );
    const validates = results.filter((r) => r.kind === 'validate');
    const updates = results.filter((r) => r.kind === 'update');
    // Exactly one validate wins; the others see "validated" and get 409.
    expect(validates.filter((r) => r.status === 200)).toHaveLength(1);
    expect(validates.filter((r) => r.status === 409)).toHaveLength(validates.length - 1);
    // Every update either committed before the validation or was refused: no other outcome.
    for (const u of updates) expect([200, 409]).toContain(u.status);
    const accepted = updates.filter((r) => r.status === 200);
    const row = await app.strapi.db.query(T('sales-calendar')).findOne({ where: { documentId: calendar.documentId } });
    expect(row.state).toBe('validated');
    const records = await history(calendar.documentId);
    expect(records.map((r: any) => r.action)).toEqual(['validate']);
    // The name is the one of an accepted update (or the original when none got in first), and it
    // did not change after the validation: it was committed before the transition's timestamp.
    if (accepted.length > 0) {
      expect(accepted.map((u) => `Concurrent ${u.i}`)).toContain(row.name);
      // The validation was the row's last write: its updatedAt is the transition's instant, exactly.
      expect(new Date(row.updatedAt).toISOString()).toBe(new Date(records[0].at).toISOString());
    } else {
      expect(row.name).toBe(calendar.name);
    }
    // No lost write: one version bump per accepted write, plus the transition.
    expect(await versions.get()).toBe(v0 + accepted.length + 1);
    console.log(`concurrency: ${accepted.length} updates accepted, ${updates.length - accepted.length} refused (409); 1 validate won, ${validates.length - 1} refused (409)`);
  });
});

describe('restart', () => {
  test('transitions, history and the configuration version survive a restart', async () => {
    const event = await createInState(app.strapi, world, 'event', 'suspended');
    const before = await history(event.documentId);
    const version = await app.strapi.plugin('ticketing').service('config-version').get();
    const database = app.database;
    await app.stop({ keepDatabase: true });
    app = await startStrapi({ database });
    adminJwt = await adminToken(app.strapi);
    const view = await get('events', event.documentId);
    expect(view.status).toBe(200);
    expect(view.body.data.state).toBe('suspended');
    expect(view.body.data.history.map((h: any) => h.action)).toEqual(['suspend', 'run', 'validate']);
    expect(view.body.data.configVersion).toBe(version);
    expect((await history(event.documentId)).length).toBe(before.length);
    // Still enforced after the restart.
    const res = await post('events', event.documentId, { action: 'resume' });
    expect(res.status).toBe(200);
    expect(res.body.data.configVersion).toBe(version + 1);
  }, 120000);
});

void uniqueCode;
