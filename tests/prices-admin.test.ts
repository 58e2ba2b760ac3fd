import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { permissionsOfPreset, type PresetRole } from '../src/plugins/ticketing/server/src/permissions/roles';
import { INSTITUTION_TYPES, ORGANISATION_TYPES, T, type World, adminToken, asAdmin, createWorld, transition, uniqueCode } from './helpers/ticketing';

/**
 * The price-grid editor's admin routes (issue #18, Billetterie › Tarifs) on the demo season: the
 * season's vocabulary and grids, a child grid's inherited cells, saves through the write guard
 * (bad amounts named at their cell, nothing half-written), validated grids read-only, the maximum
 * gross revenue, and the perimeter (an operator of another organisation sees nothing of the Opéra).
 */
let app: TestApp;
let superJwt: string;
/** Operators of organisation B: one who may edit B's price grids and fee tables (a role made in Strapi's screens), one programmer (read only). */
let outsider: string;
let programmerB: string;
let B: World;
let season: string;
let vat55: string;
let cat1: string;
let cat2: string;
let normal: string;
let reduit: string;

const as = (jwt: string) => asAdmin(app.strapi, jwt);
const docs = (name: string) => app.strapi.documents(T(name));
const byCode = async (name: string, code: string) => (await app.strapi.db.query(T(name)).findOne({ where: { code } })) as { documentId: string; id: number; [k: string]: any };
const GRID = (id: string) => `/ticketing/prices/grids/${id}`;
const cellsOf = async (id: string) => (await app.strapi.db.query(T('price-grid')).findOne({ where: { documentId: id } })).cells;

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  superJwt = await adminToken(app.strapi);
  season = (await byCode('season', 'OPERA-2027-2028')).documentId;
  vat55 = (await byCode('vat-rate', 'TVA-5-5')).documentId;
  cat1 = (await byCode('seat-category', 'CAT1')).documentId;
  cat2 = (await byCode('seat-category', 'CAT2')).documentId;
  const tariff = async (code: string) => (await app.strapi.db.query(T('tariff-type')).findOne({ where: { code, season: { documentId: season } } })).documentId as string;
  normal = await tariff('NORMAL');
  reduit = await tariff('REDUIT');
  // An operator of another organisation (B), with the programmer's role limited to their perimeter.
  B = await createWorld(app.strapi);
  const created = await as(superJwt).post('/admin/roles', { name: uniqueCode('Tarifs'), description: 'test' });
  const role = created.body.data;
  const content: PresetRole['content'] = [
    { types: ['price-grid', 'fee-table'], verbs: ['read', 'create', 'update', 'delete'], perimeter: true },
    { types: ORGANISATION_TYPES.filter((t) => t !== 'price-grid' && t !== 'fee-table'), verbs: ['read'], perimeter: true },
    { types: INSTITUTION_TYPES, verbs: ['read'], perimeter: false },
  ];
  const permissions = permissionsOfPreset(app.strapi, { code: role.code, name: role.name, description: '', content, plugin: [{ action: 'plugin::ticketing.timeline.read', perimeter: true }] });
  const assigned = await as(superJwt).put(`/admin/roles/${role.id}/permissions`, { permissions });
  if (assigned.status !== 200) throw new Error(`permissions: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  outsider = await adminToken(app.strapi, role.code, `tarifs-${uniqueCode('b')}@example.com`);
  programmerB = await adminToken(app.strapi, 'ticketing-programmer', `prog-${uniqueCode('b')}@example.com`);
  for (const jwt of [outsider, programmerB]) {
    const me = await as(jwt).get('/admin/users/me');
    const res = await as(superJwt).post(`/ticketing/operators/${me.body.data.id}/perimeters`, { organization: B.organization });
    if (res.status !== 201) throw new Error(`perimeter: ${res.status} ${JSON.stringify(res.body)}`);
  }
}, 240000);
afterAll(async () => {
  await app?.stop();
}, 120000);

async function draftGrid(extra: Record<string, unknown> = {}, cells: unknown[] = []) {
  return (await docs('price-grid').create({ data: { code: uniqueCode('ED'), name: 'Grille éditée', season, cells, ...extra } as any })).documentId as string;
}

describe('reading', () => {
  test('the seasons, then a season’s vocabulary and its grids of every scope', async () => {
    const seasons = await as(superJwt).get('/ticketing/prices/seasons');
    expect(seasons.status).toBe(200);
    expect(seasons.body.data.map((s: any) => s.code)).toContain('OPERA-2027-2028');
    const res = await as(superJwt).get(`/ticketing/prices/seasons/${season}`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.seatCategories.map((c: any) => c.code)).toEqual(expect.arrayContaining(['CAT1', 'CAT2', 'CAT3']));
    expect(data.tariffTypes.map((c: any) => c.code)).toEqual(expect.arrayContaining(['NORMAL', 'REDUIT', 'GROUPE']));
    expect(data.fullPriceTariffType).toBe(normal);
    expect(data.priceLevels.map((l: any) => l.code)).toEqual(['A', 'B']);
    expect(data.vatRates.find((v: any) => v.documentId === vat55).rate).toBe(5.5);
    const scopes = Object.fromEntries(data.grids.map((g: any) => [g.code, g.scope]));
    expect(scopes).toMatchObject({ 'SAISON-2027-2028': 'season', 'GRILLE-CARMEN': 'event', 'GALA-NOUVEL-AN': 'performance' });
  });

  test('a child grid comes with the cells it inherits (its event’s grid before the season’s)', async () => {
    const gala = await byCode('price-grid', 'GALA-NOUVEL-AN');
    const res = await as(superJwt).get(GRID(gala.documentId));
    expect(res.status).toBe(200);
    const { grid, inherited, defaultVatRate, canUpdate } = res.body.data;
    expect(grid).toMatchObject({ code: 'GALA-NOUVEL-AN', scope: 'performance', state: 'validated', event: { code: 'NOUVEL-AN' } });
    expect(grid.cells.filter((c: any) => c.seatCategory === cat1)).toHaveLength(3);
    expect(canUpdate).toBe(true);
    expect(defaultVatRate).toBe(vat55);
    const at = (seat: string, tariff: string, level: string | null = null) => inherited.find((c: any) => c.seatCategory === seat && c.tariffType === tariff && (c.priceLevel ?? null) === level);
    // CAT2 NORMAL: the event's grid (60 €) wins over the season's (45 €).
    expect(at(cat2, normal)).toMatchObject({ amount: 6000, gridCode: 'GRILLE-NOUVEL-AN' });
    // Level A cells exist only in the season's grid.
    expect(at(cat1, normal, (await byCode('price-level', 'A')).documentId)).toMatchObject({ amount: 8500, gridCode: 'SAISON-2027-2028' });
    // A season grid inherits nothing.
    const seasonGrid = await byCode('price-grid', 'SAISON-2027-2028');
    expect((await as(superJwt).get(GRID(seasonGrid.documentId))).body.data.inherited).toEqual([]);
  });
});

describe('saving', () => {
  test('a draft grid’s cells are written whole and read back', async () => {
    const id = await draftGrid();
    const cells = [
      { seatCategory: cat1, tariffType: normal, amount: 4550, vatRate: vat55 },
      { seatCategory: cat2, tariffType: reduit, amount: 0, vatRate: vat55 },
    ];
    const res = await as(superJwt).put(GRID(id), { cells });
    expect(res.status).toBe(200);
    expect(res.body.data.grid.cells).toEqual(cells);
    expect(await cellsOf(id)).toEqual(cells);
  });

  test.each([
    ['a negative amount', { amount: -1 }, 'amount'],
    ['fractional cents', { amount: 45.5 }, 'amount'],
    ['above 100,000 €', { amount: 10_000_001 }, 'amount'],
    ['an unknown VAT rate', { vatRate: 'nope' }, 'vatRate'],
  ])('%s is refused at the cell it names, nothing written', async (_label, over, field) => {
    const before = [{ seatCategory: cat1, tariffType: normal, amount: 1000, vatRate: vat55 }];
    const id = await draftGrid({}, before);
    const res = await as(superJwt).put(GRID(id), { cells: [before[0], { seatCategory: cat2, tariffType: normal, amount: 2000, vatRate: vat55, ...over }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual([`cells.1.${field}`]);
    expect(res.body.error.message).toContain('cells[1]');
    expect(await cellsOf(id)).toEqual(before);
  });

  test('a cell of a tariff type of another season is named; a body without cells is refused', async () => {
    const id = await draftGrid();
    const other = await docs('tariff-type').create({ data: { code: uniqueCode('T'), name: 'Autre', season: B.season } as any });
    const res = await as(superJwt).put(GRID(id), { cells: [{ seatCategory: cat1, tariffType: other.documentId, amount: 100, vatRate: vat55 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['cells.0.tariffType']);
    const empty = await as(superJwt).put(GRID(id), { cell: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.code).toBe('INVALID_BODY');
    expect(await cellsOf(id)).toEqual([]);
  });

  test('a validated grid is read-only (4xx, unchanged) until reopened', async () => {
    const cells = [{ seatCategory: cat1, tariffType: normal, amount: 1000, vatRate: vat55 }];
    const id = await draftGrid({}, cells);
    await transition(app.strapi, 'price-grid', id, 'validate');
    const res = await as(superJwt).put(GRID(id), { cells: [{ ...cells[0], amount: 2000 }] });
    expect(res.status).toBe(409);
    expect(await cellsOf(id)).toEqual(cells);
    const reopened = await as(superJwt).post(`/ticketing/price-grids/${id}/transitions`, { action: 'reopen', reason: 'correction' });
    expect([reopened.status, reopened.body.error]).toEqual([200, undefined]);
    expect((await as(superJwt).put(GRID(id), { cells: [{ ...cells[0], amount: 2000 }] })).status).toBe(200);
  });
});

describe('maximum gross revenue', () => {
  test('per performance: sellable places per category × the full price, HT + VAT = TTC; per season, the sum', async () => {
    const res = await as(superJwt).get(`/ticketing/prices/seasons/${season}/revenue?at=2027-09-01T10:00:00Z`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.tariffType).toBe(normal);
    const carmen = data.performances.find((p: any) => p.performance.code === 'CARMEN-20271012');
    expect(carmen.logicalConfiguration).not.toBeNull();
    // Expected, from the seating editor's reconciliation and the pricing core's prices.
    const logical = await as(superJwt).get(`/ticketing/seating/logical-configurations/${carmen.logicalConfiguration.documentId}`);
    const { compilePricing, priceOf } = await import('../src/plugins/ticketing/server/src/domain/pricing');
    const config = await app.strapi.plugin('ticketing').service('configuration').load();
    const pricing = compilePricing((await app.strapi.plugin('ticketing').service('pricing').loadInput(config)).input);
    let ttc = 0;
    let vat = 0;
    for (const c of logical.body.data.reconciliation.categories) {
      const price = priceOf(pricing, {
        performanceId: carmen.performance.documentId,
        seatCategoryId: (await byCode('seat-category', c.code)).documentId,
        tariffTypeId: normal,
        at: Date.parse('2027-09-01T10:00:00Z'),
      });
      ttc += (price?.ttc ?? 0) * c.sellable;
      vat += (price?.vat ?? 0) * c.sellable;
    }
    expect(ttc).toBeGreaterThan(0);
    expect(carmen).toMatchObject({ ttc, vat, ht: ttc - vat });
    const sum = (k: 'ttc' | 'vat' | 'ht') => data.performances.reduce((s: number, p: any) => s + p[k], 0);
    expect(data.totals).toEqual({ ttc: sum('ttc'), vat: sum('vat'), ht: sum('ht') });
    expect(data.totals.ht + data.totals.vat).toBe(data.totals.ttc);
    // Another tariff type gives less; a tariff type of another season is named.
    const reduced = await as(superJwt).get(`/ticketing/prices/seasons/${season}/revenue?tariffType=${reduit}&at=2027-09-01T10:00:00Z`);
    expect(reduced.body.data.totals.ttc).toBeLessThan(data.totals.ttc);
    const bad = await as(superJwt).get(`/ticketing/prices/seasons/${season}/revenue?tariffType=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['tariffType']);
    // The same strict instants and parameters as the other admin routes.
    for (const [query, path] of [
      ['at=2027-02-30T10:00:00Z', 'at'],
      ['includeDrafts=maybe', 'includeDrafts'],
      ['tariff=x', 'tariff'],
    ]) {
      const res = await as(superJwt).get(`/ticketing/prices/seasons/${season}/revenue?${query}`);
      expect([res.status, res.body.error.details.errors[0].path]).toEqual([400, [path]]);
    }
  });
});

describe('perimeter: an operator of another organisation sees nothing of the Opéra', () => {
  test('seasons, season, grid, revenue, save', async () => {
    const seasons = await as(outsider).get('/ticketing/prices/seasons');
    expect(seasons.status).toBe(200);
    expect(seasons.body.data.map((s: any) => s.documentId)).toEqual([B.season]);
    const draft = await draftGrid({}, [{ seatCategory: cat1, tariffType: normal, amount: 1000, vatRate: vat55 }]);
    const draftCode = (await app.strapi.db.query(T('price-grid')).findOne({ where: { documentId: draft } })).code;
    const doors: [string, () => Promise<request.Response>][] = [
      ['season', () => as(outsider).get(`/ticketing/prices/seasons/${season}`)],
      ['revenue', () => as(outsider).get(`/ticketing/prices/seasons/${season}/revenue`)],
      ['grid', () => as(outsider).get(GRID(draft))],
      ['save', () => as(outsider).put(GRID(draft), { cells: [] })],
      ['unknown grid', () => as(outsider).get(GRID('does-not-exist'))],
    ];
    for (const [door, call] of doors) {
      const res = await call();
      expect([door, res.status]).toEqual([door, 404]);
      expect(JSON.stringify(res.body)).not.toContain(draftCode);
      expect(JSON.stringify(res.body)).not.toContain('OPERA');
    }
    expect(await cellsOf(draft)).toHaveLength(1);
    // Their own season and grid: readable and writable; no Opéra grid listed.
    const own = (await docs('price-grid').create({ data: { code: uniqueCode('B'), name: 'Grille B', season: B.season, cells: [] } as any })).documentId;
    const view = await as(outsider).get(`/ticketing/prices/seasons/${B.season}`);
    expect(view.status).toBe(200);
    expect(view.body.data.grids.map((g: any) => g.documentId)).toEqual([own]);
    expect((await as(outsider).get(GRID(own))).body.data.canUpdate).toBe(true);
    expect((await as(outsider).put(GRID(own), { cells: [] })).status).toBe(200);
    // A programmer of B reads B's grid but may not write it (403), and still gets nothing of the Opéra.
    expect((await as(programmerB).get(GRID(own))).body.data.canUpdate).toBe(false);
    expect((await as(programmerB).put(GRID(own), { cells: [] })).status).toBe(403);
    expect((await as(programmerB).get(GRID(draft))).status).toBe(404);
    expect((await as(programmerB).get(`/ticketing/prices/seasons/${season}/revenue`)).status).toBe(404);
  });
});

describe('fee tables', () => {
  const FEES = (id: string) => `/ticketing/prices/fee-tables/${id}`;
  const feesOf = async (id: string) => (await app.strapi.db.query(T('fee-table')).findOne({ where: { documentId: id } })).fees;
  async function draftTable(kind = 'simple', fees: unknown[] = []) {
    const opera = await byCode('organization', 'OPERA-MONTVAL');
    return (await docs('fee-table').create({ data: { code: uniqueCode('FT'), name: 'Frais édités', organization: opera.documentId, kind, fees } as any })).documentId as string;
  }

  test('the list, a table with what its rows may name, a save read back', async () => {
    const id = await draftTable();
    const list = await as(superJwt).get('/ticketing/prices/fee-tables');
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: any) => t.code)).toEqual(expect.arrayContaining(['FRAIS-LOCATION']));
    const view = (await as(superJwt).get(FEES(id))).body.data;
    expect(view.table).toMatchObject({ kind: 'simple', state: 'draft', fees: [], organization: { code: 'OPERA-MONTVAL' } });
    expect(view.salesChannels.map((c: any) => c.code)).toEqual(expect.arrayContaining(['WEB']));
    expect(view.tariffTypes.map((c: any) => c.code)).toEqual(expect.arrayContaining(['NORMAL']));
    expect(view.canUpdate).toBe(true);
    const fees = [{ code: 'LOC', name: 'Location', kind: 'percent', value: 2.5, vatRate: vat55 }];
    const res = await as(superJwt).put(FEES(id), { fees });
    expect(res.status).toBe(200);
    expect(await feesOf(id)).toEqual(fees);
  });

  test('a percentage above 100 is refused naming the row’s field; a validated table is read-only; nothing written', async () => {
    const before = [{ code: 'LOC', name: 'Location', kind: 'fixed', value: 150, vatRate: vat55 }];
    const id = await draftTable('simple', before);
    const bad = await as(superJwt).put(FEES(id), { fees: [before[0], { code: 'PCT', name: 'Pourcentage', kind: 'percent', value: 101, vatRate: vat55 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['fees.1.value']);
    expect((await as(superJwt).put(FEES(id), { fee: [] })).status).toBe(400);
    await transition(app.strapi, 'fee-table', id, 'validate');
    expect((await as(superJwt).put(FEES(id), { fees: [] })).status).toBe(409);
    expect(await feesOf(id)).toEqual(before);
  });

  test('perimeter: an operator of B sees none of the Opéra’s tables (404 on each door, nothing named)', async () => {
    const id = await draftTable();
    const code = (await app.strapi.db.query(T('fee-table')).findOne({ where: { documentId: id } })).code;
    const list = await as(outsider).get('/ticketing/prices/fee-tables');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('OPERA');
    for (const res of [await as(outsider).get(FEES(id)), await as(outsider).put(FEES(id), { fees: [] })]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(code);
    }
    expect(await feesOf(id)).toEqual([]);
  });
});
