import { CONTENT_TYPES, uidOf } from '../src/plugins/ticketing/server/src/constants';
import { startStrapi, type TestApp } from './helpers/strapi';
import { loginSuperAdmin } from './helpers/admin';

let app: TestApp;
const docs = (name: (typeof CONTENT_TYPES)[number]) => app.strapi.documents(uidOf(name) as any);
const count = (name: (typeof CONTENT_TYPES)[number]) => app.strapi.db.query(uidOf(name) as any).count({});
const ticketing = () => app.strapi.plugin('ticketing');

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
});
afterAll(async () => {
  await app?.stop();
});

describe('the application', () => {
  test('declares the 15 content types of the glossary with French names and no draft & publish', () => {
    for (const name of CONTENT_TYPES) {
      const ct = app.strapi.contentType(uidOf(name) as any) as any;
      expect(ct).toBeDefined();
      expect(ct.options.draftAndPublish).toBe(false);
      expect(ct.info.displayName).toMatch(/[A-Za-zÀ-ÿ]/);
    }
    expect((app.strapi.contentType(uidOf('performance') as any) as any).info.displayName).toBe('Séance');
    expect((app.strapi.contentType(uidOf('sales-channel') as any) as any).info.displayName).toBe('Filière de vente');
  });

  test('gives calendars and profiles the draft state and catalogue objects the preparing state by default', () => {
    const defaultState = (name: (typeof CONTENT_TYPES)[number]) => (app.strapi.contentType(uidOf(name) as any) as any).attributes.state?.default;
    for (const name of ['sales-calendar', 'activity-profile', 'product-profile'] as const) expect(defaultState(name)).toBe('draft');
    for (const name of ['season', 'event', 'performance', 'product'] as const) expect(defaultState(name)).toBe('preparing');
  });
});

describe('the demo season', () => {
  test('is loaded into the empty database: every type, 12+ events, 60+ performances', async () => {
    for (const name of CONTENT_TYPES) expect(await count(name)).toBeGreaterThan(0);
    expect(await count('event')).toBeGreaterThanOrEqual(12);
    expect(await count('performance')).toBeGreaterThanOrEqual(60);
    const channels = (await docs('sales-channel').findMany({ fields: ['code'] })).map((c: any) => c.code).sort();
    expect(channels).toEqual(['AGENCE', 'GUICHET', 'TELEPHONE', 'WEB']);
  });

  test('is put into its states through the transition service, with history and a new configuration version', async () => {
    const history = await app.strapi.db.query('plugin::ticketing.state-transition' as any).findMany({ where: { targetCode: 'TOSCA' }, orderBy: { id: 'asc' } });
    expect(history.map((h: any) => h.action)).toEqual(['validate', 'run', 'suspend']);
    expect(await ticketing().service('config-version').get()).toBeGreaterThan(0);
  });

  test('is loaded once: a second start leaves the data as it is', async () => {
    const before = await count('performance');
    expect(await ticketing().service('demo-seed').seedIfEmpty()).toBe(false);
    expect(await count('performance')).toBe(before);
  });

  test('contains the worked example « subscribers first »: calendar ABO-PUIS-TOUS on Carmen, validated', async () => {
    const config = await ticketing().service('configuration').load();
    const calendar = config.salesCalendars.find((c: any) => c.code === 'ABO-PUIS-TOUS');
    expect(calendar.state).toBe('validated');
    const abonne = config.audienceCategories.find((a: any) => a.code === 'ABONNE').id;
    const occasionnel = config.audienceCategories.find((a: any) => a.code === 'OCCASIONNEL').id;
    expect(calendar.periods).toEqual([
      expect.objectContaining({ opening: { kind: 'absolute', at: '2027-06-01T08:00:00.000Z' }, closing: { kind: 'atPerformance' }, audienceCategoryIds: [abonne] }),
      expect.objectContaining({ opening: { kind: 'absolute', at: '2027-07-01T08:00:00.000Z' }, closing: { kind: 'relative', days: 0, hours: 2 }, audienceCategoryIds: [occasionnel] }),
    ]);
    const carmen = config.events.find((e: any) => e.code === 'CARMEN');
    expect(carmen.closingToleranceMinutes).toBe(30);
    expect(carmen.calendarAssignments).toContainEqual({ salesCalendarId: calendar.id, allChannels: true, salesChannelIds: [] });
    const first = config.performances.find((p: any) => p.code === 'CARMEN-20271012');
    expect(first.startsAt).toBe('2027-10-12T18:00:00.000Z');
  });

  test('contains the worked example « two performances, first category, on the internet »', async () => {
    const config = await ticketing().service('configuration').load();
    const profile = config.activityProfiles.find((p: any) => p.code === 'WEB-DON-GIOVANNI');
    const code = (id: string) => config.performances.find((p: any) => p.id === id)?.code;
    expect(profile.state).toBe('validated');
    expect(profile.allEvents).toBe(false);
    expect(profile.events).toHaveLength(1);
    expect(profile.events[0].performanceIds.map(code).sort()).toEqual(['DG-20271112', 'DG-20271114']);
    expect(profile.allSeatCategories).toBe(false);
    expect(profile.seatCategoryIds.map((id: string) => config.seatCategories.find((s: any) => s.id === id).code)).toEqual(['CAT1']);
    expect(profile.salesChannelIds.map((id: string) => config.salesChannels.find((s: any) => s.id === id).code)).toEqual(['WEB']);
  });
});

describe('writes through the Content Manager admin API', () => {
  let admin: Awaited<ReturnType<typeof loginSuperAdmin>>;
  beforeAll(async () => {
    admin = await loginSuperAdmin(app.strapi);
  });
  const connect = (...documentIds: string[]) => ({ connect: documentIds.map((documentId) => ({ documentId })) });

  test('create every type of the model', async () => {
    const ok = async (name: string, data: object) => {
      const res = await admin.create(name, data);
      expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status: 201, error: undefined });
      return res.body.data.documentId as string;
    };
    const channel = await ok('sales-channel', { code: 'CM-KIOSQUE', name: 'Borne', type: 'other' });
    const org = await ok('organization', { code: 'CM-ORG', name: 'Théâtre du Test', salesChannels: connect(channel) });
    await ok('point-of-sale', { code: 'CM-BORNE-1', name: 'Borne du hall', organization: connect(org), salesChannel: connect(channel) });
    const category = await ok('audience-category', { code: 'CM-INVITE', name: 'Invité' });
    const seat = await ok('seat-category', { code: 'CM-LIBRE', name: 'Placement libre', rank: 4 });
    const season = await ok('season', { code: 'CM-2028', name: 'Saison 2028', organization: connect(org), startsOn: '2028-01-01', endsOn: '2028-12-31' });
    const sub = await ok('audience-subcategory', { code: 'CM-INV', name: 'Invité', audienceCategory: connect(category), season: connect(season) });
    const tariff = await ok('tariff-type', { code: 'CM-EXO', name: 'Exonéré', season: connect(season) });
    const activity = await ok('activity', { code: 'CM-THEATRE', name: 'Théâtre', season: connect(season) });
    const calendar = await ok('sales-calendar', {
      code: 'CM-CAL',
      name: 'Calendrier test',
      organization: connect(org),
      periods: [{ openingKind: 'relative', openingDays: 10, closingKind: 'atPerformance', audienceCategories: connect(category) }],
    });
    const event = await ok('event', {
      code: 'CM-HAMLET',
      name: 'Hamlet',
      kind: 'event',
      closingToleranceMinutes: 15,
      season: connect(season),
      activity: connect(activity),
      calendarAssignments: [{ salesCalendar: connect(calendar), allChannels: false, salesChannels: connect(channel) }],
    });
    const performance = await ok('performance', { code: 'CM-HAMLET-1', event: connect(event), startsAt: '2028-02-01T19:00:00.000Z' });
    await ok('activity-profile', {
      code: 'CM-PROFIL',
      name: 'Profil test',
      organization: connect(org),
      buyerKind: 'public',
      allEvents: false,
      events: [{ event: connect(event), performances: connect(performance) }],
      allAudienceSubcategories: false,
      audienceSubcategories: connect(sub),
      allSeatCategories: false,
      seatCategories: connect(seat),
      allTariffTypes: false,
      tariffTypes: connect(tariff),
      salesChannels: connect(channel),
    });
    const product = await ok('product', { code: 'CM-PASS', name: 'Pass', type: 'package', season: connect(season) });
    await ok('product-profile', {
      code: 'CM-PP',
      name: 'Profil produit',
      organization: connect(org),
      saleStart: '2028-01-01T00:00:00.000Z',
      saleEnd: '2028-06-01T00:00:00.000Z',
      minQuantity: 1,
      maxQuantity: 4,
      products: connect(product),
      salesChannels: connect(channel),
    });

    const config = await ticketing().service('configuration').load();
    const hamlet = config.events.find((e: any) => e.code === 'CM-HAMLET');
    expect(hamlet.calendarAssignments).toEqual([{ salesCalendarId: calendar, allChannels: false, salesChannelIds: [channel] }]);
    const profile = config.activityProfiles.find((p: any) => p.code === 'CM-PROFIL');
    expect(profile.events).toEqual([{ eventId: event, performanceIds: [performance] }]);
    expect(config.salesCalendars.find((c: any) => c.code === 'CM-CAL').periods[0]).toEqual(
      expect.objectContaining({ opening: { kind: 'relative', days: 10, hours: 0 }, closing: { kind: 'atPerformance' }, audienceCategoryIds: [category] }),
    );
  });

  test('an update that breaks a rule of a partly written object is refused and changes nothing', async () => {
    // A draft profile (the one written above): a validated one is read-only and answers 409 (tests/read-only.test.ts).
    const profile = (await docs('product-profile').findFirst({ filters: { code: 'CM-PP' } })) as any;
    const res = await admin.update('product-profile', profile.documentId, { minQuantity: 9 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('minQuantity');
    const after = (await docs('product-profile').findOne({ documentId: profile.documentId })) as any;
    expect(after.minQuantity).toBe(profile.minQuantity);
  });
});
