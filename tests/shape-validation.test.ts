import { uidOf, type ContentTypeName } from '../src/plugins/ticketing/server/src/constants';
import { startStrapi, type TestApp } from './helpers/strapi';
import { loginSuperAdmin } from './helpers/admin';

/**
 * Malformed objects are refused with a 400 naming the field, through the document service and
 * through the Content Manager, and nothing is written.
 */
let app: TestApp;
let admin: Awaited<ReturnType<typeof loginSuperAdmin>>;
const ids: Record<string, string> = {};
const docs = (name: ContentTypeName) => app.strapi.documents(uidOf(name) as any);
const count = (name: ContentTypeName) => app.strapi.db.query(uidOf(name) as any).count({});

beforeAll(async () => {
  app = await startStrapi();
  admin = await loginSuperAdmin(app.strapi);
  const create = async (name: ContentTypeName, data: object) => ((await docs(name).create({ data } as any)) as any).documentId as string;
  ids.web = await create('sales-channel', { code: 'WEB', name: 'Internet', type: 'internet' });
  ids.phone = await create('sales-channel', { code: 'TEL', name: 'Téléphone', type: 'phone' });
  ids.org = await create('organization', { code: 'OPERA', name: 'Opéra', salesChannels: [ids.web] });
  ids.otherOrg = await create('organization', { code: 'FESTIVAL', name: 'Festival', salesChannels: [ids.web] });
  ids.season = await create('season', { code: 'S1', name: 'Saison', organization: ids.org });
  ids.event = await create('event', { code: 'E1', name: 'Carmen', season: ids.season });
  ids.category = await create('audience-category', { code: 'ABONNE', name: 'Abonné' });
});
afterAll(async () => {
  await app?.stop();
});

const period = (fields: object) => ({ openingKind: 'absolute', opensAt: '2027-06-01T08:00:00.000Z', closingKind: 'none', ...fields });

type Case = { title: string; type: ContentTypeName; data: () => object; field: string };

const cases: Case[] = [
  {
    title: 'absolute opening without its date',
    type: 'sales-calendar',
    field: 'periods[0].opensAt',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ opensAt: null })] }),
  },
  {
    title: 'absolute opening with extra days',
    type: 'sales-calendar',
    field: 'periods[0].openingDays',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ openingDays: 3 })] }),
  },
  {
    title: 'relative opening with an extra date',
    type: 'sales-calendar',
    field: 'periods[0].opensAt',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ openingKind: 'relative', openingDays: 3 })] }),
  },
  {
    title: 'relative opening of 0 days and 0 hours',
    type: 'sales-calendar',
    field: 'periods[0].openingDays',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ openingKind: 'relative', opensAt: null, openingDays: 0, openingHours: 0 })] }),
  },
  {
    title: 'negative days',
    type: 'sales-calendar',
    field: 'periods[0].openingDays',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ openingKind: 'relative', opensAt: null, openingDays: -2 })] }),
  },
  {
    title: 'non-integer hours',
    type: 'sales-calendar',
    field: 'periods[0].closingHours',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ closingKind: 'relative', closingHours: 1.5 })] }),
  },
  {
    title: 'relative closing of zero',
    type: 'sales-calendar',
    field: 'periods[0].closingDays',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ closingKind: 'relative', closingDays: 0, closingHours: 0 })] }),
  },
  {
    title: 'closing "none" with a closing date',
    type: 'sales-calendar',
    field: 'periods[0].closesAt',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ closesAt: '2027-07-01T08:00:00.000Z' })] }),
  },
  {
    title: 'absolute closing before the absolute opening',
    type: 'sales-calendar',
    field: 'periods[0].closesAt',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ closingKind: 'absolute', closesAt: '2027-05-01T08:00:00.000Z' })] }),
  },
  {
    title: 'unknown closing kind',
    type: 'sales-calendar',
    field: 'periods[0].closingKind',
    data: () => ({ code: 'C1', name: 'C', organization: ids.org, periods: [period({ closingKind: 'sometimes' })] }),
  },
  { title: 'a calendar without organisation', type: 'sales-calendar', field: 'organization', data: () => ({ code: 'C1', name: 'C', periods: [] }) },
  { title: 'minimum quantity above the maximum', type: 'product-profile', field: 'minQuantity', data: () => ({ code: 'PP', name: 'P', organization: ids.org, minQuantity: 5, maxQuantity: 4 }) },
  {
    title: 'sale end before sale start',
    type: 'product-profile',
    field: 'saleEnd',
    data: () => ({ code: 'PP', name: 'P', organization: ids.org, saleStart: '2027-09-01T00:00:00.000Z', saleEnd: '2027-06-01T00:00:00.000Z' }),
  },
  {
    title: 'performance ending before it starts',
    type: 'performance',
    field: 'endsAt',
    data: () => ({ code: 'P1', event: ids.event, startsAt: '2027-10-12T18:00:00.000Z', endsAt: '2027-10-12T17:00:00.000Z' }),
  },
  { title: 'performance without its start', type: 'performance', field: 'startsAt', data: () => ({ code: 'P1', event: ids.event }) },
  { title: 'negative closing tolerance', type: 'event', field: 'closingToleranceMinutes', data: () => ({ code: 'E2', name: 'Tosca', season: ids.season, closingToleranceMinutes: -5 }) },
  { title: 'duplicate institution code (case-insensitive)', type: 'sales-channel', field: 'code', data: () => ({ code: 'web', name: 'Encore internet', type: 'internet' }) },
  { title: 'duplicate event code in the same season', type: 'event', field: 'code', data: () => ({ code: 'E1', name: 'Autre', season: ids.season }) },
  { title: 'code with spaces', type: 'audience-category', field: 'code', data: () => ({ code: 'ABO NNE', name: 'Abonné' }) },
  {
    title: 'point of sale on a channel not enabled for its organisation',
    type: 'point-of-sale',
    field: 'salesChannel',
    data: () => ({ code: 'CALL', name: "Centre d'appels", organization: ids.org, salesChannel: ids.phone }),
  },
  {
    title: 'point of sale related to an object that does not exist',
    type: 'point-of-sale',
    field: 'organization',
    data: () => ({ code: 'CALL', name: "Centre d'appels", organization: 'doesnotexist000000000000', salesChannel: ids.web }),
  },
];

describe.each(cases)('$title', ({ type, data, field }) => {
  test('is refused by the document service with a 400-class error naming the field, nothing written', async () => {
    const before = await count(type);
    await expect(docs(type).create({ data: data() } as any)).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining(field),
    });
    expect(await count(type)).toBe(before);
  });

  test('is refused by the Content Manager with a 400 naming the field, nothing written', async () => {
    const before = await count(type);
    const res = await admin.create(type, data());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain(field.replace(/\[(\d+)\]/g, '.$1'));
    expect(await count(type)).toBe(before);
  });
});

test('the same code is allowed in another scope (a season code in two organisations)', async () => {
  const created = (await docs('season').create({ data: { code: 'S1', name: 'Saison du festival', organization: ids.otherOrg } } as any)) as any;
  expect(created.documentId).toBeDefined();
});

test('a valid update of a partly given object keeps the rest (rules use the merged state)', async () => {
  const calendar = (await docs('sales-calendar').create({
    data: { code: 'OK', name: 'OK', organization: ids.org, periods: [period({ audienceCategories: [ids.category] })] },
  } as any)) as any;
  const updated = (await docs('sales-calendar').update({ documentId: calendar.documentId, data: { name: 'Renommé' } } as any)) as any;
  expect(updated.name).toBe('Renommé');
  await expect(docs('sales-calendar').update({ documentId: calendar.documentId, data: { code: 'OK', organization: null } } as any)).rejects.toMatchObject({
    message: expect.stringContaining('organization'),
  });
});
