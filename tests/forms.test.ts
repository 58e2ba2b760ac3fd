import request from 'supertest';
import { uidOf, type ContentTypeName } from '../src/plugins/ticketing/server/src/constants';
import { PLUGIN_VIEWS, managedPart, strapiDefault } from '../src/plugins/ticketing/server/src/services/content-manager-views';
import { fieldHelp } from '../src/plugins/ticketing/shared/help';
import { loginSuperAdmin } from './helpers/admin';
import { startStrapi, type TestApp } from './helpers/strapi';

/**
 * The Content Manager forms (issue #19): conditional fields cleared when hidden, refused when
 * given a value through any door; the views the plugin configures at first start and never over
 * an administrator's change; and GET /favicon.ico.
 */
let app: TestApp;
let admin: Awaited<ReturnType<typeof loginSuperAdmin>>;
const ids: Record<string, string> = {};
const docs = (name: ContentTypeName) => app.strapi.documents(uidOf(name) as any);
const row = (name: ContentTypeName, documentId: string, populate: object) => app.strapi.db.query(uidOf(name) as any).findOne({ where: { documentId }, populate }) as Promise<any>;

async function boot(database?: TestApp['database']) {
  app = await startStrapi(database ? { database } : {});
  admin = await loginSuperAdmin(app.strapi);
}

beforeAll(async () => {
  await boot();
  const create = async (name: ContentTypeName, data: object) => ((await docs(name).create({ data } as any)) as any).documentId as string;
  ids.web = await create('sales-channel', { code: 'WEB', name: 'Internet', type: 'internet' });
  ids.org = await create('organization', { code: 'OPERA', name: 'Opéra', salesChannels: [ids.web] });
  ids.season = await create('season', { code: 'S1', name: 'Saison', organization: ids.org });
  ids.event = await create('event', { code: 'E1', name: 'Carmen', season: ids.season });
  ids.category = await create('audience-category', { code: 'ABONNE', name: 'Abonné' });
  ids.sub = await create('audience-subcategory', { code: 'ABO-PLEIN', name: 'Plein tarif', audienceCategory: ids.category, season: ids.season });
  ids.seat = await create('seat-category', { code: 'CAT1', name: 'Catégorie 1' });
  ids.calendar = await create('sales-calendar', { code: 'CAL', name: 'Calendrier', organization: ids.org });
});
afterAll(async () => {
  await app?.stop();
});

describe('a field hidden by its choice holds nothing', () => {
  test('Content Manager: a period switched from a date to days, and its closing to « none », keeps no stale date or days', async () => {
    const created = await admin.create('sales-calendar', {
      code: 'CAL-CM',
      name: 'Calendrier CM',
      organization: ids.org,
      periods: [{ openingKind: 'absolute', opensAt: '2027-06-01T08:00:00.000Z', closingKind: 'relative', closingDays: 1 }],
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const periodId = created.body.data.periods[0].id;
    // What the Content Manager sends after the switch: the hidden fields are left out.
    const updated = await admin.update('sales-calendar', documentId, {
      code: 'CAL-CM',
      name: 'Calendrier CM',
      periods: [{ id: periodId, openingKind: 'relative', openingDays: 3, closingKind: 'none' }],
    });
    expect(updated.status).toBe(200);
    const stored = (await row('sales-calendar', documentId, { periods: true })).periods[0];
    expect(stored).toMatchObject({ id: periodId, openingKind: 'relative', opensAt: null, openingDays: 3, openingHours: null, closingKind: 'none', closesAt: null, closingDays: null });
  });

  test('Content Manager: « all events » and « all seat categories » switched on leave no events nor categories behind', async () => {
    const created = await admin.create('activity-profile', {
      code: 'PROFIL-CM',
      name: 'Profil CM',
      organization: ids.org,
      buyerKind: 'public',
      allEvents: false,
      events: [{ event: ids.event }],
      allSeatCategories: false,
      seatCategories: { connect: [{ documentId: ids.seat }] },
      salesChannels: { connect: [{ documentId: ids.web }] },
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    let stored = await row('activity-profile', documentId, { events: true, seatCategories: true });
    expect([stored.events.length, stored.seatCategories.length]).toEqual([1, 1]);
    const updated = await admin.update('activity-profile', documentId, { code: 'PROFIL-CM', name: 'Profil CM', allEvents: true, allSeatCategories: true });
    expect(updated.status).toBe(200);
    stored = await row('activity-profile', documentId, { events: true, seatCategories: true, salesChannels: true });
    expect([stored.events, stored.seatCategories, stored.salesChannels.length]).toEqual([[], [], 1]);
  });

  test('document service: a write that does not touch the switch still clears a stale hidden list', async () => {
    const profile = (await docs('product-profile').create({ data: { code: 'PP', name: 'Produit', organization: ids.org } } as any)) as any;
    // A stale list from before the rule (written under the guard, as an old version could have).
    const stored = await row('product-profile', profile.documentId, {});
    await app.strapi.db.query(uidOf('product-profile') as any).update({
      where: { id: stored.id },
      data: {
        audienceSubcategories: [
          await app.strapi.db
            .query(uidOf('audience-subcategory') as any)
            .findOne({ where: { documentId: ids.sub } })
            .then((r: any) => r.id),
        ],
      },
    });
    expect((await row('product-profile', profile.documentId, { audienceSubcategories: true })).audienceSubcategories).toHaveLength(1);
    await docs('product-profile').update({ documentId: profile.documentId, data: { name: 'Renommé' } } as any);
    expect((await row('product-profile', profile.documentId, { audienceSubcategories: true })).audienceSubcategories).toEqual([]);
  });

  test('a calendar assignment for all channels stores no channel selection', async () => {
    await docs('event').update({ documentId: ids.event, data: { calendarAssignments: [{ salesCalendar: ids.calendar, allChannels: true }] } } as any);
    const assignment = (await row('event', ids.event, { calendarAssignments: { populate: { salesChannels: true } } })).calendarAssignments[0];
    expect([assignment.allChannels, assignment.salesChannels]).toEqual([true, []]);
  });
});

describe('a hidden field given a value is refused with a 400 naming it, nothing written', () => {
  const cases: { title: string; type: ContentTypeName; field: string; data: () => Record<string, unknown> }[] = [
    {
      title: '« all events » with events',
      type: 'activity-profile',
      field: 'events',
      data: () => ({ code: 'P-ALL', name: 'P', organization: ids.org, allEvents: true, events: [{ event: ids.event }] }),
    },
    {
      title: '« all seat categories » with a category',
      type: 'activity-profile',
      field: 'seatCategories',
      data: () => ({ code: 'P-ALL', name: 'P', organization: ids.org, allSeatCategories: true, seatCategories: [ids.seat] }),
    },
    {
      title: '« all subcategories » of a product profile with a subcategory',
      type: 'product-profile',
      field: 'audienceSubcategories',
      data: () => ({ code: 'PP-ALL', name: 'P', organization: ids.org, allAudienceSubcategories: true, audienceSubcategories: { connect: [{ documentId: ids.sub }] } }),
    },
    {
      title: 'an assignment for all channels with a channel',
      type: 'event',
      field: 'calendarAssignments[0].salesChannels',
      data: () => ({ code: 'E-ALL', name: 'E', season: ids.season, calendarAssignments: [{ salesCalendar: ids.calendar, allChannels: true, salesChannels: [ids.web] }] }),
    },
    {
      title: 'a closing « at the performance » with hours',
      type: 'sales-calendar',
      field: 'periods[0].closingHours',
      data: () => ({ code: 'C-ALL', name: 'C', organization: ids.org, periods: [{ openingKind: 'absolute', opensAt: '2027-06-01T08:00:00.000Z', closingKind: 'atPerformance', closingHours: 2 }] }),
    },
  ];
  const count = (name: ContentTypeName) => app.strapi.db.query(uidOf(name) as any).count({});

  test.each(cases)('$title: document service', async ({ type, field, data }) => {
    const before = await count(type);
    await expect(docs(type).create({ data: data() } as any)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining(`${field} : doit rester vide quand`) });
    expect(await count(type)).toBe(before);
  });

  test.each(cases)('$title: Content Manager', async ({ type, field, data }) => {
    const before = await count(type);
    const res = await admin.create(type, data());
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain(field.replace(/\[(\d+)\]/g, '.$1'));
    expect(await count(type)).toBe(before);
  });
});

describe('the Content Manager views the plugin configures', () => {
  const configuration = async (uid: string) => {
    const path = uid.startsWith('plugin::') ? `/content-manager/content-types/${uid}/configuration` : `/content-manager/components/${uid}/configuration`;
    const res = await admin.get(path);
    expect(res.status).toBe(200);
    return uid.startsWith('plugin::') ? res.body.data.contentType : res.body.data.component;
  };
  const layoutOf = (config: any) => config.layouts.edit.map((r: any[]) => r.map((f) => [f.name, f.size]));

  test('at first start: edit rows, list columns with the state, sort and French descriptions', async () => {
    for (const uid of Object.keys(PLUGIN_VIEWS)) {
      const config = await configuration(uid);
      expect([uid, layoutOf(config)]).toEqual([uid, PLUGIN_VIEWS[uid].edit]);
      if (PLUGIN_VIEWS[uid].list) expect([uid, config.layouts.list]).toEqual([uid, PLUGIN_VIEWS[uid].list]);
      if (PLUGIN_VIEWS[uid].sort) expect([uid, config.settings.defaultSortBy, config.settings.defaultSortOrder]).toEqual([uid, ...PLUGIN_VIEWS[uid].sort!]);
      for (const [field, help] of Object.entries(fieldHelp[uid] ?? {})) expect([uid, field, config.metadatas[field].edit.description]).toEqual([uid, field, help.fr]);
    }
    const period = await configuration('ticketing.sales-period');
    expect(period.metadatas.openingDays.edit.label).toBe('Ouverture : jours avant la séance');
    // The plugin's other settings of the view are kept: the state stays read-only in the form.
    expect((await configuration('plugin::ticketing.sales-calendar')).metadatas.state.edit.editable).toBe(false);
  });

  test("Strapi's default view, as the plugin computes it, is the one the Content Manager creates", async () => {
    const contentManager = app.strapi.plugin('content-manager');
    const sizeOf = (type: string) => (contentManager.service('field-sizes') as any).getFieldSize(type).default;
    for (const uid of ['plugin::ticketing.operator-perimeter', 'plugin::ticketing.config-version', 'admin::user', 'plugin::users-permissions.role']) {
      const model = (contentManager.service('content-types') as any).findContentType(uid);
      const stored = await (contentManager.service('content-types') as any).findConfiguration(model);
      expect([uid, managedPart(stored)]).toEqual([uid, strapiDefault(model, sizeOf)]);
    }
  });

  test("an administrator's change is kept across restarts; a view still the plugin's is brought up to date", async () => {
    const calendarUid = 'plugin::ticketing.sales-calendar';
    const eventUid = 'plugin::ticketing.event';
    const put = (uid: string, config: any) =>
      request(app.strapi.server.httpServer)
        .put(`/content-manager/content-types/${uid}/configuration`)
        .set({ Authorization: `Bearer ${admin.token}` })
        .send({
          layouts: config.layouts,
          // As the « Configurer la vue » page sends them: the list metadata without the main field it was given.
          metadatas: Object.fromEntries(Object.entries(config.metadatas).map(([field, m]: [string, any]) => [field, { edit: m.edit, list: { ...m.list, mainField: undefined } }])),
          settings: config.settings,
        });
    // An administrator writes their own description of the calendar's code.
    const calendar = await configuration(calendarUid);
    calendar.metadatas.code.edit.description = 'Notre code maison';
    const saved = await put(calendarUid, calendar);
    expect([saved.status, saved.body?.error]).toEqual([200, undefined]);
    // An older plugin version had written a different event view (and its marker says so).
    const event = await configuration(eventUid);
    const older = [[{ name: 'name', size: 12 }], ...event.layouts.edit.map((r: any[]) => r.filter((f) => f.name !== 'name')).filter((r: any[]) => r.length)];
    const contentTypes = app.strapi.plugin('content-manager').service('content-types') as any;
    const model = contentTypes.findContentType(eventUid);
    const storedEvent = await contentTypes.findConfiguration(model);
    await contentTypes.updateConfiguration(model, { ...storedEvent, layouts: { ...storedEvent.layouts, edit: older } });
    const store = app.strapi.store({ type: 'plugin', name: 'ticketing', key: 'content-manager-views' });
    const markers = (await store.get()) as any;
    markers[eventUid] = managedPart(await contentTypes.findConfiguration(model));
    await store.set({ value: markers });

    const database = app.database;
    await app.stop({ keepDatabase: true });
    await boot(database);

    expect((await configuration(calendarUid)).metadatas.code.edit.description).toBe('Notre code maison');
    expect(layoutOf(await configuration(eventUid))).toEqual(PLUGIN_VIEWS[eventUid].edit);
  });
});

test('GET /favicon.ico answers an icon', async () => {
  const res = await request(app.strapi.server.httpServer)
    .get('/favicon.ico')
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect([...(res.body as Buffer).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
