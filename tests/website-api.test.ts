import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import request from 'supertest';
import { APP_DIR } from './helpers/paths';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { fullAccessApiToken } from './helpers/ticketing';

/**
 * The website API through HTTP on the demo season, as the Public role sees it:
 * the worked examples of docs/sales-rules.md §3, what the public must never see, malformed input,
 * ETag/304, and (PostgreSQL) a second Strapi process that sees a validation within a second.
 */
let app: TestApp;
const http = () => request(app.strapi.server.httpServer);
const get = (url: string, headers: Record<string, string> = {}) => http().get(url).set(headers);

const WEB_ABO_JUNE = 'channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00';
const status = (perf: string, query: string) => get(`/api/ticketing/performances/${perf}/sale-status?${query}`);
const codes = (body: any) => (body.data.reasons as { code: string }[]).map((r) => r.code);

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
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
    expect(permissions.map((p: any) => p.action).sort()).toEqual(
      ['catalog', 'onSale', 'openapi', 'performanceSaleStatus', 'productSaleStatus', 'productsOnSale'].map((a) => `plugin::ticketing.website.${a}`).sort(),
    );
  });

  test('no CRUD read route, no write for the public; no admin route with a content-API token', async () => {
    for (const plural of ['sales-calendars', 'activity-profiles', 'performances', 'events']) {
      expect((await get(`/api/ticketing/${plural}`)).status).toBe(404);
    }
    const calendar = await app.strapi.db.query('plugin::ticketing.sales-calendar').findOne({ where: { code: 'CONCERTS-PRINTEMPS' } });
    expect((await get(`/api/ticketing/sales-calendars/${calendar.documentId}`)).status).toBe(404);
    const write = await http().post('/api/ticketing/sales-calendars').send({ data: { code: 'X', name: 'X' } });
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
    const granted = await permissions.findOne({ where: { role: role.id, action: 'plugin::ticketing.website.catalog' } });
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
      await permissions.create({ data: { action: 'plugin::ticketing.website.catalog', role: role.id } });
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
    const found = [
      ...(bodies.join('\n').match(/CASSE|CONCERTS-PRINTEMPS|WEB-JEUNES-DANSE|TOSCA/g) ?? []),
      ...(listings.match(/REQUIEM-|FANTASTIQUE-/g) ?? []),
    ];
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
    [`/api/ticketing/performances/${encodeURIComponent("1;DROP TABLE x")}/sale-status?channel=WEB&audience=OCC-PLEIN`, 400, 'idOrCode'],
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

(databaseKind === 'postgres' ? describe : describe.skip)('two Strapi processes on one PostgreSQL', () => {
  let child: ChildProcess | undefined;
  const PORT = 1411;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  test('a second process sees a suspension made by the first within about a second', async () => {
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
    while (seenBySecond !== 'TEMPORARILY_UNAVAILABLE' && Date.now() - changedAt < 5000) {
      await new Promise((r) => setTimeout(r, 50));
      seenBySecond = await ask(other);
    }
    expect(seenBySecond).toBe('TEMPORARILY_UNAVAILABLE');
    expect(Date.now() - changedAt).toBeLessThan(1500);
  }, 120_000);
});
