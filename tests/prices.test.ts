import request from 'supertest';
import { loadContract } from './helpers/contract';
import { startStrapi, type TestApp } from './helpers/strapi';
import { T, adminToken, transition, uniqueCode } from './helpers/ticketing';
import { decodeLanes } from '../src/plugins/ticketing/shared/timeline';

/**
 * Prices and fees (issue #18) on the demo season: every line the demo sells has a price, NO_PRICE
 * where the organisation prices in the plugin (and not where it does not), validated grids and fee
 * tables are read-only, bad input is refused naming the field and leaves nothing written.
 */
let app: TestApp;
const http = () => request(app.strapi.server.httpServer);
const docs = (name: string) => app.strapi.documents(T(name));
const byCode = async (name: string, code: string) => (await app.strapi.db.query(T(name)).findOne({ where: { code } })) as { documentId: string; id: number };
const WEB_ABO_JUNE = 'channel=WEB&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00';
const status = (perf: string, query: string) => http().get(`/api/ticketing/performances/${perf}/sale-status?${query}`);
const codes = (body: any) => (body.data.reasons as { code: string }[]).map((r) => r.code);
/** The error of a refused write, whatever door: its message and field paths. */
async function refused(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error: any) {
    return { name: error.name as string, message: String(error.message), paths: ((error.details?.errors ?? []) as { path: string[] }[]).map((e) => e.path.join('.')) };
  }
  throw new Error('the write was accepted');
}

let season: string;
let vat55: string;
let seatCat1: string;
let tariffNormal: string;

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  season = (await byCode('season', 'OPERA-2027-2028')).documentId;
  vat55 = (await byCode('vat-rate', 'TVA-5-5')).documentId;
  seatCat1 = (await byCode('seat-category', 'CAT1')).documentId;
  tariffNormal = (await app.strapi.db.query(T('tariff-type')).findOne({ where: { code: 'NORMAL', season: { documentId: season } } })).documentId;
});
afterAll(async () => {
  await app?.stop();
});

describe('the demo is priced', () => {
  test('every running performance × seat category × tariff type of the Opéra has a validated price', async () => {
    const { pricing } = await app.strapi
      .plugin('ticketing')
      .service('pricing')
      .load(await app.strapi.plugin('ticketing').service('configuration').load());
    const { hasPrice } = await import('../src/plugins/ticketing/server/src/domain/pricing');
    const performances = await app.strapi.db.query(T('performance')).findMany({ where: { state: 'running' } });
    const seats = await app.strapi.db.query(T('seat-category')).findMany({});
    const tariffs = await app.strapi.db.query(T('tariff-type')).findMany({ where: { season: { documentId: season } } });
    expect(performances.length).toBeGreaterThan(20);
    for (const p of performances)
      for (const k of seats) for (const t of tariffs) expect([p.code, k.code, t.code, hasPrice(pricing, p.documentId, k.documentId, t.documentId)]).toEqual([p.code, k.code, t.code, true]);
  });

  test('the gala night has its own first category, the other performances keep the event grid', async () => {
    const { pricing } = await app.strapi
      .plugin('ticketing')
      .service('pricing')
      .load(await app.strapi.plugin('ticketing').service('configuration').load());
    const { priceOf } = await import('../src/plugins/ticketing/server/src/domain/pricing');
    const at = Date.parse('2027-12-01T10:00:00Z');
    const price = async (perf: string) => priceOf(pricing, { performanceId: (await byCode('performance', perf)).documentId, seatCategoryId: seatCat1, tariffTypeId: tariffNormal, at });
    expect((await price('NOUVELAN-20271231'))?.ttc).toBe(12000);
    expect((await price('NOUVELAN-20280101'))?.ttc).toBe(8000);
    expect(await price('CARMEN-20271012')).toMatchObject({ ttc: 9500, vat: 495, ht: 9005, vatRate: { rate: 5.5 } });
  });

  test('the website answers keep selling what they sold, and the listing shows « from » prices', async () => {
    const res = await status('CARMEN-20271012', WEB_ABO_JUNE);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('ON_SALE');
    expect(res.body.data.matrix.cells.every((c: any) => c.status === 'ON_SALE')).toBe(true);
    const list = await http().get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&pageSize=100`);
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThan(0);
    const carmen = list.body.data.find((i: any) => i.performance.code === 'CARMEN-20271012');
    expect(carmen.fromPrice).toBe(2500);
    expect(list.body.data.every((i: any) => Number.isInteger(i.fromPrice))).toBe(true);
  });

  test('the « from » price is the cheapest this buyer may buy: the lowest amount of the prices route, for each buyer', async () => {
    let compared = 0;
    for (const buyer of ['channel=WEB&audience=ABO-PLEIN', 'channel=WEB&audience=OCC-JEUNE', 'channel=GUICHET&audience=OCC-DE', 'channel=TELEPHONE&audience=ADH-PLEIN']) {
      for (const at of ['2027-06-15T10:00:00%2B02:00', '2027-09-20T10:00:00%2B02:00', '2028-01-10T10:00:00%2B01:00']) {
        const list = (await http().get(`/api/ticketing/on-sale?${buyer}&at=${at}&pageSize=100`)).body.data;
        for (const item of list) {
          const prices = (await http().get(`/api/ticketing/performances/${item.performance.code}/prices?${buyer}&at=${at}`)).body.data.prices;
          expect([item.performance.code, buyer, item.fromPrice]).toEqual([item.performance.code, buyer, Math.min(...prices.map((p: any) => p.amount))]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('website: prices and quotes', () => {
  const quote = (body: object) => http().post('/api/ticketing/quotes').send(body);
  const AT = '2027-07-15T10:00:00+02:00';
  const line = (over: object = {}) => ({ performance: 'CARMEN-20271012', seatCategory: 'CAT1', tariffType: 'NORMAL', quantity: 2, ...over });

  test('GET prices: what this buyer may buy, with the fees of one ticket, in the OpenAPI description, with an ETag', async () => {
    const contract = await loadContract((await http().get('/api/ticketing/openapi.json')).body);
    const url = `/api/ticketing/performances/CARMEN-20271012/prices?${WEB_ABO_JUNE}`;
    const res = await http().get(url);
    expect(res.status).toBe(200);
    contract.check(url, res.status, res.body);
    expect(res.body.data.prices).toHaveLength(9);
    const cat1 = res.body.data.prices.find((p: any) => p.seatCategory.code === 'CAT1' && p.tariffType.code === 'NORMAL');
    expect(cat1).toMatchObject({ amount: 9500, vat: 495, ht: 9005, vatRate: { code: 'TVA-5-5', rate: 5.5 }, total: 9650 });
    expect(cat1.fees).toEqual([{ code: 'LOCATION-WEB', name: 'Frais de location internet', amount: 150, vat: 25, ht: 125, vatRate: { code: 'TVA-20', rate: 20 } }]);
    expect((await http().get(url).set('If-None-Match', res.headers.etag)).status).toBe(304);
    // At the box office: no booking fee.
    const guichet = await http().get(`/api/ticketing/performances/CARMEN-20271012/prices?channel=GUICHET&audience=ABO-PLEIN&at=2027-06-15T10:00:00%2B02:00`);
    expect(guichet.body.data.prices.every((p: any) => p.fees.length === 0 && p.total === p.amount)).toBe(true);
  });

  test('POST quotes: lines, ticket fees, order fees, VAT per rate, totals', async () => {
    const res = await quote({
      channel: 'WEB',
      audience: 'OCC-PLEIN',
      at: AT,
      deliveryMethod: 'POSTE',
      paymentMethod: 'CB',
      lines: [line(), line({ seatCategory: 'CAT3', tariffType: 'REDUIT', quantity: 1 })],
    });
    expect(res.status).toBe(200);
    const q = res.body.data;
    expect(q.lines.map((l: any) => [l.ttc, l.total.ttc])).toEqual([
      [19000, 19300],
      [2800, 2950],
    ]);
    expect(q.orderFees).toEqual([{ code: 'ENVOI-POSTAL', name: 'Envoi postal', ttc: 250, vat: 42, ht: 208, vatRate: { code: 'TVA-20', rate: 20 } }]);
    expect(q.totals.ttc).toBe(19300 + 2950 + 250);
    expect(q.totals.ht + q.totals.vat).toBe(q.totals.ttc);
    expect(q.vatByRate.map((v: any) => v.rate)).toEqual([5.5, 20]);
    // E-ticket is free; at the box office no fee at all.
    expect((await quote({ channel: 'WEB', audience: 'OCC-PLEIN', at: AT, deliveryMethod: 'EBILLET', lines: [line()] })).body.data.totals.ttc).toBe(19300);
    expect((await quote({ channel: 'GUICHET', audience: 'OCC-PLEIN', at: AT, paymentMethod: 'ESPECES', lines: [line()] })).body.data.totals.ttc).toBe(19000);
  });

  test('POST quotes: 400 naming each bad line or field, in the caller’s language', async () => {
    const res = await quote({
      channel: 'WEB',
      audience: 'OCC-PLEIN',
      at: AT,
      locale: 'en',
      lines: [line(), line({ performance: 'NOPE' }), line({ seatCategory: 'CAT2' }), line({ performance: 'TOSCA-20280510' })],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('INVALID_QUOTE');
    const errors = res.body.error.details.errors.map((e: any) => `${e.path.join('.')}:${e.code}`);
    expect(errors).toEqual(['lines.1.performance:NOT_FOUND', 'lines.3:NOT_ON_SALE']);
    expect(res.body.error.message).toContain('not on sale');
    const shape = await quote({ channel: 'WEB', audience: 'OCC-PLEIN', lines: [line({ quantity: 0 })] });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details.errors[0].path).toEqual(['lines', '0', 'quantity']);
    const payment = await quote({ channel: 'WEB', audience: 'OCC-PLEIN', at: AT, paymentMethod: 'ESPECES', lines: [line()] });
    expect(payment.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['paymentMethod']);
  });
});

describe('NO_PRICE', () => {
  let cat4: string;
  beforeAll(async () => {
    cat4 = (await docs('seat-category').create({ data: { code: uniqueCode('CAT4'), name: 'Catégorie 4', rank: 4 } as any })).documentId;
  });

  test('a seat category without a price is not on sale, with the reason, in French and English', async () => {
    const fr = await status('CARMEN-20271012', `${WEB_ABO_JUNE}&seatCategory=${cat4}&tariffType=NORMAL&locale=fr`);
    expect(fr.body.data.status).toBe('NOT_ON_SALE');
    expect(codes(fr.body)).toEqual(['NO_PRICE']);
    expect(fr.body.data.reasons[0].message).toContain('aucun prix validé');
    expect(fr.body.data.reasons[0].objects.map((o: any) => o.type)).toEqual(['performance', 'seatCategory', 'tariffType']);
    const en = await status('CARMEN-20271012', `${WEB_ABO_JUNE}&seatCategory=${cat4}&tariffType=NORMAL&locale=en`);
    expect(en.body.data.reasons[0].message).toContain('no validated price');
    const matrix = (await status('CARMEN-20271012', WEB_ABO_JUNE)).body.data.matrix;
    const cells = matrix.cells.filter((c: any) => c.seatCategory.startsWith('CAT4'));
    expect(cells.length).toBe(3);
    expect(cells.every((c: any) => c.status === 'NOT_ON_SALE' && c.reasons.some((r: any) => r.code === 'NO_PRICE'))).toBe(true);
    // A quote line without a price is refused, naming the line.
    const q = await http()
      .post('/api/ticketing/quotes')
      .send({ channel: 'WEB', audience: 'ABO-PLEIN', at: '2027-06-15T10:00:00+02:00', lines: [{ performance: 'CARMEN-20271012', seatCategory: cat4, tariffType: 'NORMAL', quantity: 1 }] });
    expect(q.status).toBe(400);
    expect(q.body.error.details.errors[0]).toMatchObject({ path: ['lines', '0'], code: 'NOT_ON_SALE', reasons: ['NO_PRICE'] });
    // The priced categories stay on sale.
    expect(matrix.cells.filter((c: any) => !c.seatCategory.startsWith('CAT4')).every((c: any) => c.status === 'ON_SALE')).toBe(true);
  });

  test('an organisation that prices elsewhere keeps today’s answers', async () => {
    const opera = await byCode('organization', 'OPERA-MONTVAL');
    await docs('organization').update({ documentId: opera.documentId, data: { pricesInPlugin: false } as any });
    try {
      const res = await status('CARMEN-20271012', `${WEB_ABO_JUNE}&seatCategory=${cat4}&tariffType=NORMAL`);
      expect(res.body.data.status).toBe('ON_SALE');
      const list = await http().get(`/api/ticketing/on-sale?${WEB_ABO_JUNE}&pageSize=100`);
      expect(list.body.data.every((i: any) => i.fromPrice === null)).toBe(true);
    } finally {
      await docs('organization').update({ documentId: opera.documentId, data: { pricesInPlugin: true } as any });
    }
  });

  test('a grid only counts once validated', async () => {
    const draft = await docs('price-grid').create({
      data: { code: uniqueCode('G'), name: 'Brouillon', season, cells: [{ seatCategory: cat4, tariffType: tariffNormal, amount: 1000, vatRate: vat55 }] } as any,
    });
    const ask = () => status('CARMEN-20271012', `${WEB_ABO_JUNE}&seatCategory=${cat4}&tariffType=NORMAL`);
    expect((await ask()).body.data.status).toBe('NOT_ON_SALE');
    await transition(app.strapi, 'price-grid', draft.documentId, 'validate');
    expect((await ask()).body.data.status).toBe('ON_SALE');
    await transition(app.strapi, 'price-grid', draft.documentId, 'archive');
    expect((await ask()).body.data.status).toBe('NOT_ON_SALE');
  });
});

describe('validated grids and fee tables are read-only', () => {
  test.each(['price-grid', 'fee-table'])('%s', async (name) => {
    const row = await app.strapi.db.query(T(name)).findOne({ where: { state: 'validated' } });
    const error = await refused(() => docs(name).update({ documentId: row.documentId, data: { name: 'Changé' } as any }));
    expect(error.message).toMatch(/valid|lecture seule|read-only/i);
    expect((await app.strapi.db.query(T(name)).findOne({ where: { documentId: row.documentId } })).name).toBe(row.name);
  });
});

describe('bad input is refused, naming the field, nothing written', () => {
  const count = (name: string) => app.strapi.db.query(T(name)).count({});
  const cell = (over: Record<string, unknown> = {}) => ({ seatCategory: seatCat1, tariffType: tariffNormal, amount: 4500, vatRate: vat55, ...over });
  const grid = (cells: unknown[]) => () => docs('price-grid').create({ data: { code: uniqueCode('BAD'), name: 'Mauvaise', season, cells } as any });

  // Cells built inside the test (the ids exist only once the demo is loaded).
  test.each([
    ['negative cents', () => [cell({ amount: -1 })], 'cells.0.amount'],
    ['fractional cents', () => [cell({ amount: 12.5 })], 'cells.0.amount'],
    ['above 100,000 €', () => [cell({ amount: 10_000_001 })], 'cells.0.amount'],
    ['an unknown VAT rate', () => [cell({ vatRate: 'nope' })], 'cells.0.vatRate'],
    ['the same cell twice', () => [cell(), cell()], 'cells.1'],
  ])('a grid with %s', async (_label, cells, path) => {
    const before = await count('price-grid');
    const error = await refused(grid(cells()));
    expect(error.name).toBe('ValidationError');
    expect(error.paths).toEqual([path]);
    expect(await count('price-grid')).toBe(before);
  });

  test('a cell naming a tariff type of another season', async () => {
    const opera = await byCode('organization', 'OPERA-MONTVAL');
    const other = await docs('season').create({ data: { code: uniqueCode('S'), name: 'Autre saison', organization: opera.documentId } as any });
    const tariff = await docs('tariff-type').create({ data: { code: uniqueCode('T'), name: 'Autre', season: other.documentId } as any });
    const error = await refused(grid([cell({ tariffType: tariff.documentId })]));
    expect(error.paths).toEqual(['cells.0.tariffType']);
    expect(error.message).toMatch(/saison|season/);
  });

  test('a fee table with a percentage above 100 or a fractional fixed fee', async () => {
    const opera = await byCode('organization', 'OPERA-MONTVAL');
    const before = await count('fee-table');
    const fee = { code: 'F', name: 'Frais', vatRate: vat55 };
    const table = (fees: unknown[]) => () => docs('fee-table').create({ data: { code: uniqueCode('FT'), name: 'Frais', organization: opera.documentId, kind: 'simple', fees } as any });
    expect((await refused(table([{ ...fee, kind: 'percent', value: 101 }]))).paths).toEqual(['fees.0.value']);
    expect((await refused(table([{ ...fee, kind: 'fixed', value: 1.5 }]))).paths).toEqual(['fees.0.value']);
    expect(await count('fee-table')).toBe(before);
  });

  test('a VAT rate outside 0–100, or without validity where another of its family is in force', async () => {
    const before = await count('vat-rate');
    expect((await refused(() => docs('vat-rate').create({ data: { code: uniqueCode('V'), name: 'Trop', rate: 120 } as any }))).name).toBe('ValidationError');
    const overlap = await refused(() => docs('vat-rate').create({ data: { code: uniqueCode('V'), name: 'Doublon', family: 'TVA-5-5', rate: 7 } as any }));
    expect(overlap.paths).toEqual(['validFrom']);
    expect(await count('vat-rate')).toBe(before);
    // A new value with its validity after the current one's end is accepted.
    const current = await byCode('vat-rate', 'TVA-5-5');
    await docs('vat-rate').update({ documentId: current.documentId, data: { validUntil: '2030-01-01T00:00:00.000Z' } as any });
    await docs('vat-rate').create({ data: { code: uniqueCode('V'), name: 'Nouveau 5,5', family: 'TVA-5-5', rate: 6, validFrom: '2030-01-01T00:00:00.000Z' } as any });
    expect(await count('vat-rate')).toBe(before + 1);
  });
});

// Last: it archives the grids that price La Flûte enchantée (archived is final).
describe('NO_PRICE in the admin (timeline, explanation), as the website applies it', () => {
  const AT = '2027-06-15T10:00:00%2B02:00';
  const PERF = 'FLUTE-20280324';
  /** The Flûte's lanes in the timeline: `channelId|categoryId` → status. */
  async function fluteLanes(jwt: string) {
    const data = (await http().get(`/ticketing/timeline?at=${AT}`).set('Authorization', `Bearer ${jwt}`)).body.data;
    const perf = data.performances.find((p: any) => p.code === PERF);
    const lanes = decodeLanes(
      perf.l,
      data.channels.map((c: any) => c.id),
      data.audienceCategories.map((c: any) => c.id),
    );
    return { perf, lanes };
  }

  test('a performance whose grids are archived is not on sale in the timeline, and the explanation says why', async () => {
    const jwt = await adminToken(app.strapi);
    const before = await fluteLanes(jwt);
    const selling = before.lanes.find((l: any) => l.status === 'ON_SALE' || l.status === 'SOON_ON_SALE');
    expect(selling).toBeDefined();
    for (const code of ['SAISON-2027-2028', 'GRILLE-FLUTE']) await transition(app.strapi, 'price-grid', (await byCode('price-grid', code)).documentId, 'archive');

    const after = await fluteLanes(jwt);
    expect(after.lanes.every((l: any) => l.status === 'NOT_ON_SALE' || l.status === 'TEMPORARILY_UNAVAILABLE')).toBe(true);
    // The same lane explained: NO_PRICE, naming the performance, in the editor's words.
    const q = `performance=${after.perf.id}&channel=${selling!.channelId}&category=${selling!.audienceCategoryId}&at=${AT}`;
    const explained = (await http().get(`/ticketing/explain?${q}`).set('Authorization', `Bearer ${jwt}`)).body.data;
    for (const a of explained.answers) {
      expect(a.answer.status).toBe('NOT_ON_SALE');
      const reason = a.answer.reasons.find((r: any) => r.code === 'NO_PRICE');
      expect(reason.message.fr).toContain('aucun prix validé pour cette séance');
      expect(reason.objects[0]).toMatchObject({ type: 'performance', code: PERF });
    }
    // The website says the same; another event keeps its prices and its lanes.
    expect(codes((await status(PERF, WEB_ABO_JUNE)).body)).toContain('NO_PRICE');
    expect(codes((await status('CARMEN-20271012', WEB_ABO_JUNE)).body)).not.toContain('NO_PRICE');
  });
});
