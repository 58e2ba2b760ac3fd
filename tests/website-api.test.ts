import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import request from 'supertest';
import { APP_DIR } from './helpers/paths';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { loadContract, type Contract } from './helpers/contract';
import { T, fullAccessApiToken, uniqueCode } from './helpers/ticketing';
import { websiteDoors } from '../src/plugins/ticketing/server/src/website/front-door';

/**
 * The website API through HTTP on the demo season, as the Public role sees it:
 * the worked examples of docs/sales-rules.md §3, what the public must never see, malformed input,
 * ETag/304, and (PostgreSQL) a second Strapi process that sees a validation within a second.
 */
let app: TestApp;
let contract: Contract;
const http = () => request(app.strapi.server.httpServer);
/** GET, and every answer of a website route checked against the OpenAPI description (helpers/contract.ts). */
const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await http().get(url).set(headers);
  if (contract?.covers(url)) {
    contract.check(url, res.status, res.status === 304 ? undefined : res.body);
  }
  return res;
};

const WEBSITE_ACTIONS = [
  'plugin::ticketing.catalog.find',
  'plugin::ticketing.on-sale.find',
  'plugin::ticketing.openapi.find',
  'plugin::ticketing.performance-availability.findOne',
  'plugin::ticketing.performance-prices.findOne',
  'plugin::ticketing.performance-sale-status.findOne',
  'plugin::ticketing.performance-seating-plan.findOne',
  'plugin::ticketing.product-sale-status.findOne',
  'plugin::ticketing.products-on-sale.find',
  'plugin::ticketing.quotes.find',
];
const WEB_ABO_JUNE = 'channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00';
const status = (perf: string, query: string, headers: Record<string, string> = {}) => get(`/api/ticketing/performances/${perf}/sale-status?${query}`, headers);
const codes = (body: any) => (body.data.reasons as { code: string }[]).map((r) => r.code);

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
});
afterAll(() => {
  // The contract did check answers (a wrapper that checks nothing would pass silently).
  if (contract) expect(contract.checked()).toBeGreaterThan(50);
});
afterAll(async () => {
  await app?.stop();
});

describe('« subscribers first, then everyone »: CARMEN-20271012 through HTTP', () => {
  test('a subscriber on WEB on 15 June: on sale until 20:30, from ABO-PUIS-TOUS, with the matrix', async () => {
    const res = await status('CARMEN-20271012', WEB_ABO_JUNE);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'ON_SALE',
      closesAt: '2027-10-12T18:30:00.000Z',
      performance: { code: 'CARMEN-20271012', startsAt: '2027-10-12T18:00:00.000Z' },
      event: { code: 'CARMEN', name: 'Carmen', venueName: 'Grande salle' },
    });
    expect(res.body.data.provenance.periods[0].calendar.code).toBe('ABO-PUIS-TOUS');
    expect(res.body.data.provenance.profiles.map((p: any) => p.code)).toContain('CARMEN-WEB-GUICHET');
    const matrix = res.body.data.matrix;
    expect(matrix.seatCategories.map((k: any) => k.code)).toEqual(['CAT1', 'CAT2', 'CAT3']);
    expect(matrix.cells).toHaveLength(matrix.seatCategories.length * matrix.tariffTypes.length);
    expect(matrix.cells.every((c: any) => c.status === 'ON_SALE')).toBe(true);
  });

  test('an occasional buyer on WEB on 15 June: soon on sale, from 1 July 10:00 (documentIds work as well as codes)', async () => {
    const byCode = await status('CARMEN-20271012', 'channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL');
    expect(byCode.body.data).toMatchObject({ status: 'SOON_ON_SALE', opensAt: '2027-07-01T08:00:00.000Z' });
    expect(byCode.body.data.matrix).toBeUndefined();
    const id = byCode.body.data.performance.documentId;
    const byId = await status(id, 'channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL');
    expect(byId.body.data).toEqual(byCode.body.data);
  });

  test('an occasional buyer at 19:00 on the day: sales ended at 18:00, explained in French by default and in English on request', async () => {
    const fr = await status('CARMEN-20271012', 'channel=WEB&audience=OCC-PLEIN&at=2027-10-12T19:00:00%2B02:00');
    expect(fr.body.data).toMatchObject({ status: 'SALES_ENDED', closesAt: '2027-10-12T16:00:00.000Z' });
    const closed = fr.body.data.reasons.find((r: any) => r.code === 'CLOSED');
    expect(closed.message).toContain('12/10/2027 à 18:00');
    const en = await status('CARMEN-20271012', 'channel=WEB&audience=OCC-PLEIN&at=2027-10-12T19:00:00%2B02:00&locale=en');
    expect(en.body.data.reasons.find((r: any) => r.code === 'CLOSED').message).toContain('2027-10-12 18:00');
  });

  test('on the telephone channel: not on sale, no profile for that channel', async () => {
    const res = await status('CARMEN-20271012', 'channel=TELEPHONE&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00');
    expect(res.body.data.status).toBe('NOT_ON_SALE');
    expect(codes(res.body)).toContain('CHANNEL_NOT_IN_PROFILE');
  });

  test('the listing: subscribers see Carmen on 15 June; occasional buyers only with include=soon', async () => {
    const subscribers = await get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&pageSize=100`);
    expect(subscribers.status).toBe(200);
    const carmen = subscribers.body.data.find((i: any) => i.performance.code === 'CARMEN-20271012');
    expect(carmen).toMatchObject({ status: 'ON_SALE', event: { code: 'CARMEN', kind: 'event' }, closesAt: '2027-10-12T18:30:00.000Z' });
    const occasional = await get('/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&event=CARMEN');
    expect(occasional.body.data).toEqual([]);
    const soon = await get('/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&event=CARMEN&include=soon');
    expect(soon.body.data.length).toBeGreaterThan(0);
    expect(soon.body.data.every((i: any) => i.status === 'SOON_ON_SALE' && i.event.code === 'CARMEN')).toBe(true);
    const page = await get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&pageSize=1&page=2`);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: subscribers.body.meta.pagination.total });
    expect(page.body.data[0]).toEqual(subscribers.body.data[1]);
    const window = await get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&from=2027-10-12T00:00:00Z&to=2027-10-13T00:00:00Z`);
    expect(window.body.data.map((i: any) => i.performance.code)).toEqual(['CARMEN-20271012']);
  });
});

describe('« two performances, first category only, on the internet »: DON-GIOVANNI', () => {
  const q = 'channel=WEB&audience=OCC-PLEIN&at=2027-08-01T10:00:00%2B02:00';
  test('13 November on WEB: not in the profile', async () => {
    const res = await status('DG-20271113', q);
    expect(res.body.data.status).toBe('NOT_ON_SALE');
    expect(codes(res.body)).toContain('PERFORMANCE_NOT_IN_PROFILE');
  });
  test('12 November: Catégorie 2 refused, Catégorie 1 on sale; the matrix says the same', async () => {
    const cat2 = await status('DG-20271112', `${q}&seatCategory=CAT2`);
    expect(cat2.body.data.status).toBe('NOT_ON_SALE');
    expect(codes(cat2.body)).toContain('SEAT_CATEGORY_NOT_IN_PROFILE');
    expect((await status('DG-20271112', `${q}&seatCategory=CAT1`)).body.data.status).toBe('ON_SALE');
    const matrix = (await status('DG-20271112', q)).body.data.matrix;
    const byCategory = (k: string) => matrix.cells.filter((c: any) => c.seatCategory === k).map((c: any) => c.status);
    expect(new Set(byCategory('CAT1'))).toEqual(new Set(['ON_SALE']));
    expect(new Set(byCategory('CAT2'))).toEqual(new Set(['NOT_ON_SALE']));
  });
});

describe('other states and products', () => {
  test('the suspended Tosca is temporarily unavailable (it was public); the event in preparation is unknown', async () => {
    const tosca = await status('TOSCA-20280510', 'channel=GUICHET&audience=ABO-PLEIN&at=2028-04-01T10:00:00%2B02:00');
    expect(tosca.body.data.status).toBe('TEMPORARILY_UNAVAILABLE');
    const casse = await status('CASSE-20280610', 'channel=WEB&audience=OCC-PLEIN&at=2028-06-01T10:00:00%2B02:00');
    expect(casse.status).toBe(404);
    expect(casse.body.error.message).toContain('CASSE-20280610');
  });

  test('the under-26 season ticket: listed in July, four at most', async () => {
    const listed = await get('/api/ticketing/products/on-sale?channel=WEB&audience=OCC-JEUNE&at=2027-07-01T10:00:00%2B02:00');
    expect(listed.body.data.map((i: any) => i.product.code)).toContain('ABO-JEUNES-4');
    const four = await get('/api/ticketing/products/ABO-JEUNES-4/sale-status?channel=WEB&audience=OCC-JEUNE&at=2027-07-01T10:00:00%2B02:00&quantity=4');
    expect(four.body.data).toMatchObject({ status: 'ON_SALE', quantityAllowed: true });
    const five = await get('/api/ticketing/products/ABO-JEUNES-4/sale-status?channel=WEB&audience=OCC-JEUNE&at=2027-07-01T10:00:00%2B02:00&quantity=5');
    expect(five.body.data.quantityAllowed).toBe(false);
    expect(codes(five.body)).toContain('QUANTITY_ABOVE_MAX');
  });

  test('the catalogue: running seasons, events and performances only, public fields only', async () => {
    const res = await get('/api/ticketing/catalog');
    expect(res.status).toBe(200);
    const events = res.body.data.seasons.flatMap((s: any) => s.events);
    const eventCodes = events.map((e: any) => e.code);
    expect(eventCodes).toContain('CARMEN');
    expect(eventCodes).not.toContain('TOSCA');
    expect(eventCodes).not.toContain('CASSE-NOISETTE');
    expect(Object.keys(events[0]).sort()).toEqual(['code', 'documentId', 'kind', 'name', 'performances', 'venueName']);
    expect(JSON.stringify(res.body)).not.toMatch(/"state"|calendarAssignments|closingTolerance/);
  });

  test('the OpenAPI description is served', async () => {
    const res = await get('/api/ticketing/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/on-sale', '/performances/{idOrCode}/sale-status', '/products/on-sale', '/products/{idOrCode}/sale-status', '/catalog']));
  });
});

describe('safety: what the Public role and content-API tokens cannot do', () => {
  test('the Public role holds exactly the website routes of the plugin', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permissions = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id, action: { $startsWith: 'plugin::ticketing.' } } });
    expect(permissions.map((p: any) => p.action).sort()).toEqual(WEBSITE_ACTIONS);
  });

  test('no CRUD read route, no write for the public; no admin route with a content-API token', async () => {
    for (const plural of ['sales-calendars', 'activity-profiles', 'performances', 'events']) {
      expect((await get(`/api/ticketing/${plural}`)).status).toBe(404);
    }
    const calendar = await app.strapi.db.query('plugin::ticketing.sales-calendar').findOne({ where: { code: 'CONCERTS-PRINTEMPS' } });
    expect((await get(`/api/ticketing/sales-calendars/${calendar.documentId}`)).status).toBe(404);
    const write = await http()
      .post('/api/ticketing/sales-calendars')
      .send({ data: { code: 'X', name: 'X' } });
    expect(write.status).toBe(403);
    const token = await fullAccessApiToken(app.strapi);
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await get(`/api/ticketing/sales-calendars`, bearer)).status).toBe(404);
    for (const url of [`/ticketing/sales-calendars/${calendar.documentId}/transitions`, '/content-manager/collection-types/plugin::ticketing.sales-calendar', '/admin/users/me']) {
      expect((await get(url, bearer)).status).toBe(401);
      expect((await get(url)).status).toBe(401);
    }
    const adminPost = await http().post(`/ticketing/sales-calendars/${calendar.documentId}/transitions`).set(bearer).send({ action: 'validate' });
    expect(adminPost.status).toBe(401);
  });

  test('the Public role is read from memory, yet a change of its permissions applies at once; tokens and logged-in users are not the public', async () => {
    const url = '/api/ticketing/catalog';
    expect((await get(url)).status).toBe(200);
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permissions = app.strapi.db.query('plugin::users-permissions.permission');
    const granted = await permissions.findOne({ where: { role: role.id, action: 'plugin::ticketing.catalog.find' } });
    await permissions.delete({ where: { id: granted.id } });
    try {
      expect((await get(url)).status).toBe(403);
      // Other website routes are still granted.
      expect((await get('/api/ticketing/openapi.json')).status).toBe(200);
      // An API token is authenticated as itself, not as the public.
      const token = await fullAccessApiToken(app.strapi);
      expect((await get(url, { Authorization: `Bearer ${token}` })).status).toBe(200);
      // A malformed token is refused, as on any content-API route; it does not fall back to the public.
      expect((await get('/api/ticketing/openapi.json', { Authorization: 'Bearer not-a-token' })).status).toBe(401);
    } finally {
      await permissions.create({ data: { action: 'plugin::ticketing.catalog.find', role: role.id } });
    }
    expect((await get(url)).status).toBe(200);
  });

  test('listings, statuses and the catalogue never show a draft, archived or never-public object', async () => {
    const bodies: string[] = [(await get('/api/ticketing/catalog')).text];
    for (const perf of ['LAC-20271218', 'GISELLE-20280208', 'CARMEN-20271012']) {
      bodies.push((await status(perf, 'channel=WEB&audience=OCC-JEUNE&at=2027-09-15T10:00:00Z')).text);
    }
    for (const channel of ['WEB', 'GUICHET', 'TELEPHONE']) {
      for (const audience of ['OCC-JEUNE', 'ABO-JEUNE', 'OCC-PLEIN']) {
        for (const at of ['2027-09-15T10:00:00Z', '2028-04-01T10:00:00Z', '2028-06-01T10:00:00Z']) {
          const res = await get(`/api/ticketing/on-sale?channel=${channel}&audience=${audience}&at=${at}&include=soon&pageSize=100`);
          expect(res.status).toBe(200);
          bodies.push(res.text);
        }
      }
    }
    const listings = bodies.slice(4).join('\n');
    const found = [...(bodies.join('\n').match(/CASSE|CONCERTS-PRINTEMPS|WEB-JEUNES-DANSE|TOSCA/g) ?? []), ...(listings.match(/REQUIEM-|FANTASTIQUE-/g) ?? [])];
    // Casse-Noisette is in preparation, Tosca suspended, the draft profile WEB-JEUNES-DANSE and the
    // draft calendar CONCERTS-PRINTEMPS have no effect: Requiem/Fantastique (running, but only
    // under that draft calendar) are in the catalogue and never on sale.
    expect(found).toEqual([]);
  });
});

describe('malformed input gets a 4xx naming the parameter, never a 500', () => {
  const base = '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN';
  const cases: [string, number, string][] = [
    [`${base}&at=not-a-date`, 400, 'at'],
    [`${base}&at=2027-13-45T25:00:00Z`, 400, 'at'],
    [`${base}&at=99999-01-01T00:00:00Z`, 400, 'at'],
    [`${base}&at=1700000000000`, 400, 'at'],
    [`${base}&from=2028-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`, 400, 'to'],
    [`${base}&pageSize=100000`, 400, 'pageSize'],
    [`${base}&pageSize=-1`, 400, 'pageSize'],
    [`${base}&page=0`, 400, 'page'],
    [`${base}&page=1e3`, 400, 'page'],
    [`${base}&channel=GUICHET`, 400, 'channel'],
    ['/api/ticketing/on-sale?channel=WEB&channel=GUICHET&audience=OCC-PLEIN', 400, 'channel'],
    ['/api/ticketing/on-sale?channel[$ne]=x&audience=OCC-PLEIN', 400, 'channel'],
    [`/api/ticketing/on-sale?channel=${encodeURIComponent("WEB' OR '1'='1")}&audience=OCC-PLEIN`, 400, 'channel'],
    [`/api/ticketing/on-sale?channel=${encodeURIComponent('<script>alert(1)</script>')}&audience=OCC-PLEIN`, 400, 'channel'],
    ['/api/ticketing/on-sale?audience=OCC-PLEIN', 400, 'channel'],
    ['/api/ticketing/on-sale?channel=WEB', 400, 'audience'],
    [`${base}&buyer=robot`, 400, 'buyer'],
    [`${base}&include=everything`, 400, 'include'],
    [`${base}&locale=de`, 400, 'locale'],
    [`${base}&chanel=WEB`, 400, 'chanel'],
    [`${base}&populate=*`, 400, 'populate'],
    ['/api/ticketing/on-sale?channel=NOPE&audience=OCC-PLEIN', 404, 'NOPE'],
    ['/api/ticketing/on-sale?channel=WEB&audience=NOBODY', 404, 'NOBODY'],
    [`${base}&event=GHOST`, 404, 'GHOST'],
    ['/api/ticketing/performances/NO-SUCH-PERF/sale-status?channel=WEB&audience=OCC-PLEIN', 404, 'NO-SUCH-PERF'],
    [`/api/ticketing/performances/${encodeURIComponent('1;DROP TABLE x')}/sale-status?channel=WEB&audience=OCC-PLEIN`, 400, 'idOrCode'],
    ['/api/ticketing/performances/CARMEN-20271012/sale-status?channel=WEB&audience=OCC-PLEIN&seatCategory=CAT9', 404, 'CAT9'],
    ['/api/ticketing/products/ABO-JEUNES-4/sale-status?channel=WEB&audience=OCC-JEUNE&quantity=-1', 400, 'quantity'],
    ['/api/ticketing/products/ABO-JEUNES-4/sale-status?channel=WEB&audience=OCC-JEUNE&quantity=2.5', 400, 'quantity'],
    ['/api/ticketing/products/on-sale?channel=WEB&audience=OCC-JEUNE&productType=car', 400, 'productType'],
    ['/api/ticketing/catalog?season=NOPE', 404, 'NOPE'],
    ['/api/ticketing/catalog?season[0]=a&season[1]=b', 400, 'season'],
  ];
  test.each(cases)('%s → %i', async (url, expected, named) => {
    const res = await get(url);
    expect(res.status).toBe(expected);
    expect(res.body.error.message).toContain(named);
  });
});

describe('ETag and If-None-Match', () => {
  const url = '/api/ticketing/performances/REQUIEM-20280407/sale-status?channel=GUICHET&audience=OCC-PLEIN&at=2028-04-01T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL';

  test('same question, same ETag; If-None-Match gives 304 without a body; "now" answers carry the instant they were computed for', async () => {
    const first = await get(url);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/".+"$/);
    expect((await get(url)).headers.etag).toBe(etag);
    const again = await get(url, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect((await get(url.replace('NORMAL', 'REDUIT'))).headers.etag).not.toBe(etag);

    const now = await get('/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN');
    const at = Date.parse(now.body.meta.at);
    expect(at % 60_000).toBe(0);
    expect(Date.now() - at).toBeLessThan(61_000);
  });

  test('a validation changes the ETag and the answer', async () => {
    const before = await get(url);
    expect(before.body.data.status).toBe('NOT_ON_SALE');
    const calendar = await app.strapi.db.query('plugin::ticketing.sales-calendar').findOne({ where: { code: 'CONCERTS-PRINTEMPS' } });
    await app.strapi.plugin('ticketing').service('transitions').apply({ uid: 'plugin::ticketing.sales-calendar', documentId: calendar.documentId, action: 'validate', user: null });
    const after = await get(url, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.data.status).toBe('ON_SALE');
    expect(after.body.data.provenance.periods[0].calendar.code).toBe('CONCERTS-PRINTEMPS');
  });
});

describe('who may read (issue #13): each kind of caller', () => {
  const reads = [
    '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN',
    '/api/ticketing/catalog',
    '/api/ticketing/openapi.json',
    `/api/ticketing/performances/CARMEN-20271012/sale-status?${WEB_ABO_JUNE}`,
  ];
  const token = async (type: 'read-only' | 'full-access' | 'custom', permissions?: string[]) =>
    (await app.strapi.service('admin::api-token').create({ name: uniqueCode(type), type, lifespan: null, description: '', ...(permissions ? { permissions } : {}) } as any)).accessKey as string;
  const write = (headers: Record<string, string> = {}) => http().post('/api/ticketing/sales-calendars').set(headers).send({ data: {} });

  async function member() {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const name = uniqueCode('member').toLowerCase();
    const user = await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: name, email: `${name}@example.org`, password: 'Secret-123', confirmed: true, blocked: false, role: role.id, provider: 'local' });
    return app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id }) as string;
  }

  test('the Authenticated role holds exactly the website routes of the plugin', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const permissions = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id, action: { $startsWith: 'plugin::ticketing.' } } });
    expect(permissions.map((p: any) => p.action).sort()).toEqual(WEBSITE_ACTIONS);
  });

  test('anonymous: reads; no write', async () => {
    for (const url of reads) expect((await get(url)).status).toBe(200);
    expect((await write()).status).toBe(403);
  });

  test('a logged-in member (Users & Permissions JWT): reads; no write', async () => {
    const bearer = { Authorization: `Bearer ${await member()}` };
    for (const url of reads) expect((await get(url, bearer)).status).toBe(200);
    expect((await write(bearer)).status).toBe(403);
  });

  test('a read-only API token: reads (the actions are named find/findOne); no write', async () => {
    const bearer = { Authorization: `Bearer ${await token('read-only')}` };
    for (const url of reads) expect((await get(url, bearer)).status).toBe(200);
    expect((await write(bearer)).status).toBe(403);
    expect((await http().put('/api/ticketing/sales-calendars/xyz').set(bearer).send({ data: {} })).status).toBe(403);
    expect((await http().delete('/api/ticketing/sales-calendars/xyz').set(bearer)).status).toBe(403);
  });

  test('a full-access API token: reads and reaches the write door (here refused by the write guard, not by the door)', async () => {
    const bearer = { Authorization: `Bearer ${await token('full-access')}` };
    for (const url of reads) expect((await get(url, bearer)).status).toBe(200);
    const res = await write(bearer);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('INVALID_FIELD');
  });

  test('a custom API token: exactly the routes it was given', async () => {
    const bearer = { Authorization: `Bearer ${await token('custom', ['plugin::ticketing.on-sale.find'])}` };
    expect((await get(reads[0], bearer)).status).toBe(200);
    expect((await get('/api/ticketing/catalog', bearer)).status).toBe(403);
    expect((await write(bearer)).status).toBe(403);
  });
});

describe('the front door (issue #20): anonymous website reads answered before the router, exactly as the router would', () => {
  const readOnly = async () => (await app.strapi.service('admin::api-token').create({ name: uniqueCode('front-door'), type: 'read-only', lifespan: null, description: '' } as any)).accessKey as string;
  /** Whether Strapi's routed chain (authenticate, authorize, policies) answered the request. */
  const routed = async <R>(ask: () => Promise<R>): Promise<[R, boolean]> => {
    const spy = jest.spyOn(app.strapi.get('auth'), 'authenticate');
    try {
      const answer = await ask();
      return [answer, spy.mock.calls.length > 0];
    } finally {
      spy.mockRestore();
    }
  };
  const STATUSES = [200, 200, 200, 200, 200, 404, 400, 400, 200, 200, 404, 400, 200, 200, 200, 200];
  const same = (a: request.Response, b: request.Response) => {
    expect(a.status).toBe(b.status);
    expect(a.text).toBe(b.text);
    // The ETag of an answer with live usage names the 250 ms usage reading too (its stamp): present on both, not always equal.
    expect(a.headers.etag === undefined).toBe(b.headers.etag === undefined);
    for (const header of ['content-type', 'cache-control', 'vary', 'content-security-policy', 'x-powered-by']) expect([header, a.headers[header]]).toEqual([header, b.headers[header]]);
  };

  test('its doors are the website GET routes, with the router layers Strapi registered for them (REST prefix, plugin prefix, path)', () => {
    expect(
      websiteDoors(app.strapi)
        .map((d) => d.layer.path)
        .sort(),
    ).toEqual([
      '/api/ticketing/catalog',
      '/api/ticketing/on-sale',
      '/api/ticketing/openapi.json',
      '/api/ticketing/performances/:idOrCode/availability',
      '/api/ticketing/performances/:idOrCode/prices',
      '/api/ticketing/performances/:idOrCode/sale-status',
      '/api/ticketing/performances/:idOrCode/seating-plan',
      '/api/ticketing/products/:idOrCode/sale-status',
      '/api/ticketing/products/on-sale',
    ]);
  });

  test('the same status, bytes and headers as the routed answer (a read-only API token), answers and refusals alike', async () => {
    const bearer = { Authorization: `Bearer ${await readOnly()}` };
    const urls = [
      '/api/ticketing/on-sale?channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00',
      '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&include=soon&locale=en',
      '/api/ticketing/products/on-sale?channel=WEB&audience=OCC-JEUNE&at=2027-07-01T10:00:00%2B02:00',
      '/api/ticketing/catalog',
      '/api/ticketing/openapi.json',
      '/api/ticketing/on-sale?channel=NOPE&audience=OCC-PLEIN',
      '/api/ticketing/on-sale?audience=OCC-PLEIN',
      '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&at=2027-02-30T10:00:00Z',
      `/api/ticketing/performances/CARMEN-20271012/sale-status?${WEB_ABO_JUNE}`,
      `/api/ticketing/performances/CARMEN%2D20271012/sale-status?${WEB_ABO_JUNE}&seatCategory=CAT1&tariffType=NORMAL`,
      `/api/ticketing/performances/NO-SUCH-ONE/sale-status?${WEB_ABO_JUNE}`,
      `/api/ticketing/performances/CARMEN-20271012/sale-status?channel=WEB`,
      '/api/ticketing/performances/TRAVIATA-20280120/availability?channel=WEB&audience=OCC-PLEIN&at=2027-07-15T10:00:00%2B02:00',
      '/api/ticketing/performances/TRAVIATA-20280120/seating-plan',
      '/api/ticketing/performances/CARMEN-20271012/prices?channel=WEB&audience=OCC-PLEIN&at=2027-07-15T10:00:00%2B02:00',
      '/api/ticketing/products/ABO-JEUNES-4/sale-status?channel=WEB&audience=OCC-JEUNE&at=2027-07-01T10:00:00%2B02:00&quantity=5',
    ];
    const statuses: number[] = [];
    for (const url of urls) {
      const [anonymous, anonymousRouted] = await routed(() => get(url));
      const [token, tokenRouted] = await routed(() => get(url, bearer));
      expect([url, anonymousRouted, tokenRouted]).toEqual([url, false, true]);
      same(anonymous, token);
      statuses.push(anonymous.status);
    }
    // Answers and refusals both went through the door: 200s, 400s naming a parameter, a 404.
    expect(statuses).toEqual(STATUSES);
    // (The catalogue: a listing's ETag also names its 250 ms usage reading when its page has counted places.)
    const etag = (await get(urls[3])).headers.etag;
    const [notModified, wasRouted] = await routed(() => get(urls[3], { 'If-None-Match': etag }));
    expect([notModified.status, wasRouted]).toEqual([304, false]);
  });

  test('the router’s own matching: other spellings it accepts get the same answer through the door; HEAD, an empty parameter and a header go to the router', async () => {
    const bearer = { Authorization: `Bearer ${await readOnly()}` };
    const url = '/api/ticketing/on-sale?channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00';
    for (const spelling of [
      url.replace('on-sale?', 'on-sale/?'),
      url.replace('/api/ticketing/on-sale', '/API/Ticketing/ON-SALE'),
      `/api/ticketing/performances/%E0%A4%A/sale-status?${WEB_ABO_JUNE}`,
    ]) {
      const [anonymous, anonymousRouted] = await routed(() => get(spelling));
      const [token, tokenRouted] = await routed(() => get(spelling, bearer));
      expect([spelling, anonymousRouted, tokenRouted, anonymous.status < 500]).toEqual([spelling, false, true, true]);
      same(anonymous, token);
    }
    const [head, headRouted] = await routed(() => http().head(url));
    expect([head.status, headRouted]).toEqual([200, true]);
    const [, emptyRouted] = await routed(() => get(`/api/ticketing/performances//sale-status?${WEB_ABO_JUNE}`));
    expect(emptyRouted).toBe(true);
    const [badToken, badTokenRouted] = await routed(() => get(url, { Authorization: 'Bearer not-a-token' }));
    expect([badToken.status, badTokenRouted]).toEqual([401, true]);
  });

  test('a route the Public role is not granted: Strapi refuses it (403), the door does not answer', async () => {
    const url = '/api/ticketing/on-sale?channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00';
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permissions = app.strapi.db.query('plugin::users-permissions.permission');
    const granted = await permissions.findOne({ where: { role: role.id, action: 'plugin::ticketing.on-sale.find' } });
    await permissions.delete({ where: { id: granted.id } });
    try {
      const [refused, wasRouted] = await routed(() => get(url));
      expect([refused.status, refused.body.error?.name, wasRouted]).toEqual([403, 'ForbiddenError', true]);
      expect(refused.text).not.toContain('CARMEN');
    } finally {
      await permissions.create({ data: { action: 'plugin::ticketing.on-sale.find', role: role.id } });
    }
    const [, wasRouted] = await routed(() => get(url));
    expect(wasRouted).toBe(false);
  });
});

describe('strict instants (issue #13): a real date and time, an offset within ±18:00, years 1970–2199', () => {
  const base = '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN';
  const refused: [string, string][] = [
    ['at', '2027-02-30T10:00:00Z'],
    ['at', '2027-02-29T10:00:00Z'],
    ['at', '2027-04-31T10:00:00Z'],
    ['at', '2027-07-15T24:00:00Z'],
    ['at', '2027-07-15T10:60:00Z'],
    ['at', '2027-07-15T10:00:00+24:00'],
    ['at', '2027-07-15T10:00:00+99:99'],
    ['at', '2027-07-15T10:00:00+18:01'],
    ['at', '2027-07-15T10:00:00-19:00'],
    ['at', '1969-12-31T23:00:00Z'],
    ['at', '2200-01-01T00:00:00Z'],
    ['from', '2027-13-01T00:00:00Z'],
    ['to', '2027-06-31'],
  ];
  test.each(refused)('%s=%s → 400 naming the parameter and saying what is expected', async (name, value) => {
    const res = await get(`${base}&${name}=${encodeURIComponent(value)}`, { 'Accept-Language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual([name]);
    expect(res.body.error.details.code).toBe('INVALID_PARAMETER');
    expect(res.body.error.message).toContain(`"${name}"`);
    expect(res.body.error.message).toContain('expected an ISO 8601 instant');
    expect(res.body.error.message).toContain('±18:00');
  });

  test('valid edge instants are answered for exactly that instant', async () => {
    for (const [value, at] of [
      ['2028-02-29T10:00:00Z', '2028-02-29T10:00:00.000Z'],
      ['2027-07-15T10:00:00+18:00', '2027-07-14T16:00:00.000Z'],
      ['2027-07-15T10:00:00-18:00', '2027-07-16T04:00:00.000Z'],
      ['2027-07-15T10:00+0530', '2027-07-15T04:30:00.000Z'],
      ['2027-07-15', '2027-07-15T00:00:00.000Z'],
      ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ]) {
      const res = await get(`${base}&at=${encodeURIComponent(value)}`);
      expect(res.status).toBe(200);
      expect(res.body.meta.at).toBe(at);
    }
  });

  test('the product and status routes and the admin routes read instants the same way', async () => {
    expect((await get(`/api/ticketing/products/on-sale?channel=WEB&audience=OCC-JEUNE&at=2027-02-30T10:00:00Z`)).status).toBe(400);
    expect((await get(`/api/ticketing/performances/CARMEN-20271012/sale-status?channel=WEB&audience=OCC-PLEIN&at=2027-07-15T10:00:00%2B24:00`)).status).toBe(400);
    const { loginSuperAdmin } = await import('./helpers/admin');
    const admin = await loginSuperAdmin(app.strapi);
    for (const path of ['/ticketing/timeline', '/ticketing/explain', '/ticketing/impact']) {
      const res = await admin.get(`${path}?at=2027-02-30T10:00:00Z`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['at']);
      expect(res.body.error.details.code).toBe('INVALID_PARAMETER');
    }
    expect((await admin.get('/ticketing/timeline?at=2027-07-15T10:00:00%2B99:99')).status).toBe(400);
    expect((await admin.get('/ticketing/timeline?at=2027-07-15T10:00:00%2B02:00')).status).toBe(200);
  });
});

describe('local times (issue #13): every instant also in the institution time zone, the zone in meta', () => {
  test('a status: performance, window and provenance in Europe/Paris with their offsets', async () => {
    const res = await status('CARMEN-20271012', 'channel=WEB&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL');
    expect(res.body.meta).toEqual({ at: '2027-06-15T08:00:00.000Z', atLocal: '2027-06-15T10:00:00+02:00', timeZone: 'Europe/Paris' });
    expect(res.body.data).toMatchObject({
      status: 'SOON_ON_SALE',
      opensAt: '2027-07-01T08:00:00.000Z',
      opensAtLocal: '2027-07-01T10:00:00+02:00',
      performance: { startsAt: '2027-10-12T18:00:00.000Z', startsAtLocal: '2027-10-12T20:00:00+02:00' },
    });
    for (const p of res.body.data.provenance.periods) {
      expect(Date.parse(p.opensAtLocal)).toBe(Date.parse(p.opensAt));
      expect(Date.parse(p.closesAtLocal)).toBe(Date.parse(p.closesAt));
    }
  });

  test('winter time is +01:00; listings and the catalogue carry local times and the zone too', async () => {
    const dg = await status('DG-20271112', 'channel=WEB&audience=OCC-PLEIN&at=2027-08-01T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL');
    expect(dg.body.data.performance.startsAtLocal).toMatch(/^2027-11-12T\d\d:\d\d:00\+01:00$/);
    expect(Date.parse(dg.body.data.performance.startsAtLocal)).toBe(Date.parse(dg.body.data.performance.startsAt));
    const list = await get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&pageSize=5`);
    expect(list.body.meta.timeZone).toBe('Europe/Paris');
    for (const item of list.body.data) expect(Date.parse(item.closesAtLocal)).toBe(Date.parse(item.closesAt));
    const catalog = await get('/api/ticketing/catalog');
    expect(catalog.body.meta.timeZone).toBe('Europe/Paris');
    const perf = catalog.body.data.seasons[0].events[0].performances[0];
    expect(Date.parse(perf.startsAtLocal)).toBe(Date.parse(perf.startsAt));
  });
});

describe('reasons in order (issue #13): the first reason is the one to show', () => {
  test('Tosca, suspended: the suspension first', async () => {
    const res = await status('TOSCA-20280510', 'channel=TELEPHONE&audience=OCC-PLEIN&at=2027-06-01T10:00:00%2B02:00');
    expect(res.body.data.status).toBe('TEMPORARILY_UNAVAILABLE');
    expect(codes(res.body)[0]).toMatch(/_SUSPENDED$/);
    expect(codes(res.body).length).toBeGreaterThan(1);
  });

  test('Carmen on the telephone before the opening: the channel first, the opening date last', async () => {
    const res = await status('CARMEN-20271012', 'channel=TELEPHONE&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00');
    expect(res.body.data.status).toBe('NOT_ON_SALE');
    expect(['NO_VALIDATED_ACTIVITY_PROFILE', 'CHANNEL_NOT_IN_PROFILE']).toContain(codes(res.body)[0]);
    expect(codes(res.body)).toContain('CHANNEL_NOT_IN_PROFILE');
    expect(codes(res.body).at(-1)).toBe('NOT_YET_OPEN');
  });
});

describe("errors (issue #12): a stable code, one language, the caller's", () => {
  const bad = '/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&pageSize=0';
  test('French by default, English with locale=en or Accept-Language: en; never both', async () => {
    const fr = await get(bad);
    expect(fr.body.error.message).toBe('Paramètre « pageSize » invalide : doit être un nombre entier de 1 à 100');
    const en = await get(`${bad}&locale=en`);
    expect(en.body.error.message).toBe('Invalid parameter "pageSize": must be a whole number from 1 to 100');
    const accept = await get(bad, { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(accept.body.error.message).toBe(en.body.error.message);
    for (const res of [fr, en, accept]) {
      expect(res.body.error.details.code).toBe('INVALID_PARAMETER');
      expect(res.body.error.details.errors[0].path).toEqual(['pageSize']);
    }
    const unknown = await get('/api/ticketing/on-sale?channel=NOPE&audience=OCC-PLEIN&locale=en');
    expect(unknown.body.error).toMatchObject({ status: 404, message: 'Unknown sales channel "NOPE" (parameter "channel")', details: { code: 'NOT_FOUND' } });
  });

  test('reasons follow Accept-Language too when locale is not given (and the answer says it varies)', async () => {
    const en = await status('CARMEN-20271012', 'channel=TELEPHONE&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00', { 'Accept-Language': 'en' });
    expect(en.headers.vary).toMatch(/Accept-Language/);
    expect(en.body.data.reasons[0].message).toMatch(/^(No validated|Profile)/);
    const fr = await status('CARMEN-20271012', 'channel=TELEPHONE&audience=OCC-PLEIN&at=2027-06-15T10:00:00%2B02:00');
    expect(fr.body.data.reasons[0].message).toMatch(/^(Aucun|Le profil)/);
    expect(fr.headers.etag).not.toBe(en.headers.etag);
  });

  test("admin routes: the admin user's preferred language", async () => {
    const { loginSuperAdmin } = await import('./helpers/admin');
    const admin = await loginSuperAdmin(app.strapi);
    const users = app.strapi.db.query('admin::user');
    const me = (await admin.get('/admin/users/me')).body.data;
    try {
      await users.update({ where: { id: me.id }, data: { preferedLanguage: 'en' } });
      const en = await admin.get('/ticketing/timeline?at=nope');
      expect(en.body.error.message).toMatch(/^Invalid parameter "at": not an ISO 8601 instant; expected an ISO 8601 instant/);
      await users.update({ where: { id: me.id }, data: { preferedLanguage: 'fr' } });
      const fr = await admin.get('/ticketing/timeline?at=nope');
      expect(fr.body.error.message).toMatch(/^Paramètre « at » invalide : ce n’est pas un instant ISO 8601 ; attendu : un instant ISO 8601/);
      const unknown = await admin.get('/ticketing/problems?season=NOPE');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.details.code).toBe('NOT_FOUND');
      expect(unknown.body.error.message).not.toMatch(/ \/ /);
    } finally {
      await users.update({ where: { id: me.id }, data: { preferedLanguage: null } });
    }
  });
});

(databaseKind === 'postgres' ? describe : describe.skip)('two Strapi processes on one PostgreSQL', () => {
  let child: ChildProcess | undefined;
  const PORT = 1411;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  test('a second process sees a suspension made by the first (its configuration-version check; the delay is measured by bench:reload, not asserted)', async () => {
    child = spawn(process.execPath, [path.join(APP_DIR, 'tests/helpers/serve-strapi.js')], {
      cwd: APP_DIR,
      env: { ...process.env, ...app.database.env, HOST: '127.0.0.1', PORT: String(PORT), TICKETING_SEED_DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d) => String(d).includes('READY') && resolve());
      child!.on('exit', (code) => reject(new Error(`second Strapi exited (${code}): ${stderr}`)));
    });
    const other = () => request(`http://127.0.0.1:${PORT}`);
    const url = '/api/ticketing/performances/DG-20271112/sale-status?channel=WEB&audience=OCC-PLEIN&at=2027-08-01T10:00:00%2B02:00&seatCategory=CAT1&tariffType=NORMAL';
    const ask = async (h: () => request.SuperTest<request.Test> | any) => (await h().get(url)).body.data.status;
    expect(await ask(other)).toBe('ON_SALE');
    expect(await ask(http)).toBe('ON_SALE');

    const event = await app.strapi.db.query('plugin::ticketing.event').findOne({ where: { code: 'DON-GIOVANNI' } });
    await app.strapi.plugin('ticketing').service('transitions').apply({ uid: 'plugin::ticketing.event', documentId: event.documentId, action: 'suspend', reason: 'grève', user: null });
    const changedAt = Date.now();
    expect(await ask(http)).toBe('TEMPORARILY_UNAVAILABLE');
    let seenBySecond = await ask(other);
    while (seenBySecond !== 'TEMPORARILY_UNAVAILABLE' && Date.now() - changedAt < 15000) {
      await new Promise((r) => setTimeout(r, 50));
      seenBySecond = await ask(other);
    }
    expect(seenBySecond).toBe('TEMPORARILY_UNAVAILABLE');
  }, 120_000);
});

describe('availability (issue #17): the demo hall’s contingents and limits', () => {
  test('the demo’s holds and sales: 4 sold, 2 held on two Traviata performances, counted and consistent; seeding them again changes nothing', async () => {
    const knex = app.strapi.plugin('ticketing').service('capacity').knex();
    const statuses = async () =>
      ((await knex('ticketing_holds').where('idempotency_key', 'like', 'demo-hold-%').orderBy('idempotency_key').select('status')) as { status: string }[]).map((r) => r.status);
    expect(await statuses()).toEqual(['confirmed', 'confirmed', 'confirmed', 'held', 'confirmed', 'held']);
    expect(await app.strapi.plugin('ticketing').service('demo-seed').seedHolds()).toEqual({ confirmed: 4, held: 2 });
    expect(await statuses()).toHaveLength(6);
    expect(await app.strapi.plugin('ticketing').service('capacity').consistency()).toEqual([]);
    const performance = await app.strapi.db.query(T('performance')).findOne({ where: { code: 'TRAVIATA-20280120' } });
    const usage = await app.strapi.plugin('ticketing').service('capacity').usageOf(performance.documentId);
    expect([usage.taken.get('CAT3|'), usage.taken.get('CAT1|')]).toEqual([9, 2]);
  });

  const availability = async (query: string) => {
    const res = await get(`/api/ticketing/performances/CARMEN-20271012/availability?${query}`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.data.categories as any[]).map((c) => [c.seatCategory.code, c]));
  };

  test('in June: 8 per hold binds everyone; the standing area keeps 30 places for subscribers and 20 for the agency', async () => {
    const abo = await availability(WEB_ABO_JUNE);
    expect(Object.keys(abo).sort()).toEqual(['CAT1', 'CAT2', 'CAT3']);
    expect(abo.CAT3).toMatchObject({ status: 'ON_SALE', numbered: false, available: 8, binding: { kind: 'limit', code: 'maxPerHold' } });
    expect(abo.CAT1).toMatchObject({ numbered: true, available: 8 });
  });

  test('"now" answers are kept for the rest of their second while usage is unchanged: the same bytes, computed at the first request’s instant', async () => {
    const url = '/api/ticketing/performances/CARMEN-20271012/availability?channel=WEB&audience=OCC-PLEIN';
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    const before = Date.now();
    const first = await get(url);
    const second = await get(url);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    const at = Date.parse(first.body.meta.at);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(Math.floor(at / 1000)).toBe(Math.floor(before / 1000));
    // The next second: computed afresh at its own instant.
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    expect(Date.parse((await get(url)).body.meta.at)).toBeGreaterThan(at);
  });

  test('a première caps each buyer at 4 (limits on the performance), the others do not', async () => {
    const premiere = await app.strapi.db.query(T('performance')).findOne({ where: { code: 'CARMEN-20271012' } });
    expect(premiere.limits).toEqual({ maxPerBuyer: 4 });
    const logical = await app.strapi.db.query(T('logical-configuration')).findOne({ where: { code: 'GS-OPERA-2027' } });
    expect(logical.contingents.map((a: any) => [a.contingent, a.seatCategory ?? 'seats', a.release.days])).toEqual([
      ['ABO', 'CAT3', 30],
      ['AGENCE', 'CAT3', 7],
      ['PRESSE', 'seats', 2],
    ]);
    expect(logical.limits).toEqual({ maxPerHold: 8 });
  });
});
