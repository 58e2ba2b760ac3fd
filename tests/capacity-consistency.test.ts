import { spawn } from 'child_process';
import path from 'path';
import request from 'supertest';
import { databaseKind, startStrapi, type TestApp } from './helpers/strapi';
import { type SaleSetup, sellablePerformances } from './helpers/capacity';
import { type World, adminToken, asAdmin, createWorld, fullAccessApiToken, uniqueCode } from './helpers/ticketing';

/**
 * The capacity consistency check exposed (issue #17): the admin route
 * `GET /ticketing/capacity/consistency` within the operator's perimeter, and `npm run capacity:check`
 * (scripts/capacity-check.mjs) on the same database: consistent after holds, a counter corrupted by
 * hand is reported (route and command, exit 1), an organisation operator sees only their
 * organisation's performances and a foreign one is answered as an unknown one.
 */
let app: TestApp;
let A: World;
let B: World;
let token: string;
let superJwt: string;
let operatorJwt: string;
const http = () => request(app.strapi.server.httpServer);

interface Sellable extends Omit<SaleSetup, 'performances'> {
  documentId: string;
  code: string;
}

/** A performance of `world` on sale now (tests/helpers/capacity.ts): 10 numbered seats, an unnumbered category of 50. */
async function sellable(world: World): Promise<Sellable> {
  const { performances, ...setup } = await sellablePerformances(app.strapi, world, { count: 1, standingGauge: 50 });
  return { ...setup, ...performances[0]! };
}

const hold = (p: Sellable, quantity: number) =>
  http()
    .post('/api/ticketing/holds')
    .set({ Authorization: `Bearer ${token}` })
    .send({ channel: p.channel, audience: p.audience, lines: [{ performance: p.code, seatCategory: p.standing, tariffType: p.tariff, quantity }] });

const check = (jwt: string, query = '') => asAdmin(app.strapi, jwt).get(`/ticketing/capacity/consistency${query}`);

/** `npm run capacity:check` on the suite's database: exit code and its JSON line. */
function command(): Promise<{ code: number | null; answer: any }> {
  return new Promise((resolve, reject) => {
    const appDir = path.resolve(__dirname, '..');
    const child = spawn(process.execPath, [path.join(appDir, 'scripts', 'capacity-check.mjs')], { cwd: appDir, env: { ...process.env, ...app.database.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve({ code, answer: JSON.parse(last) });
      } catch {
        reject(new Error(`capacity:check printed no JSON (exit ${code}): ${out} ${err}`));
      }
    });
  });
}

let perfA: Sellable;
let perfB: Sellable;

beforeAll(async () => {
  app = await startStrapi();
  A = await createWorld(app.strapi);
  B = await createWorld(app.strapi);
  token = await fullAccessApiToken(app.strapi);
  superJwt = await adminToken(app.strapi);
  // A read-only operator of organisation B.
  const email = `${uniqueCode('opb')}@example.com`.toLowerCase();
  operatorJwt = await adminToken(app.strapi, 'ticketing-consultation', email);
  const id = (await asAdmin(app.strapi, operatorJwt).get('/admin/users/me')).body.data.id;
  const row = await asAdmin(app.strapi, superJwt).post(`/ticketing/operators/${id}/perimeters`, { organization: B.organization });
  if (row.status !== 201) throw new Error(`perimeter: ${row.status} ${JSON.stringify(row.body)}`);
  app.strapi.plugin('ticketing').service('perimeter').invalidate();
  perfA = await sellable(A);
  perfB = await sellable(B);
}, 240_000);
afterAll(async () => {
  await app?.stop();
}, 120_000);

describe(`capacity consistency check (${databaseKind})`, () => {
  test('consistent after holds, a release and a confirmation', async () => {
    const held = await Promise.all([hold(perfA, 2), hold(perfA, 1), hold(perfB, 2), hold(perfB, 1)]);
    expect(held.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await http().delete(`/api/ticketing/holds/${held[1].body.data.id}`).set(auth)).status).toBe(200);
    expect((await http().post(`/api/ticketing/holds/${held[2].body.data.id}/confirm`).set(auth)).status).toBe(200);
    const res = await check(superJwt);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ consistent: true, performances: 2, differences: [] });
    expect(await app.strapi.plugin('ticketing').service('capacity').consistency()).toEqual([]);
  });

  test('bad input: 400 naming the parameter; anonymous: 401', async () => {
    const unknownParam = await check(superJwt, '?nope=1');
    expect(unknownParam.status).toBe(400);
    expect(JSON.stringify(unknownParam.body.error)).toMatch(/nope/);
    expect((await check(superJwt, '?performance[a]=1')).status).toBe(400);
    expect((await http().get('/ticketing/capacity/consistency')).status).toBe(401);
  });

  test('an organisation operator sees only their performances; a foreign one is answered as an unknown one', async () => {
    const mine = await check(operatorJwt);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual({ consistent: true, performances: 1, differences: [] });
    expect((await check(operatorJwt, `?performance=${perfB.documentId}`)).body.data).toEqual({ consistent: true, performances: 1, differences: [] });
    const foreign = await check(operatorJwt, `?performance=${perfA.documentId}`);
    const unknown = await check(operatorJwt, '?performance=nosuchperformance000000000');
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect(foreign.body.error.message.replace(perfA.documentId, 'X')).toBe(unknown.body.error.message.replace('nosuchperformance000000000', 'X'));
    expect(foreign.body.error.details).toEqual(unknown.body.error.details);
    expect(JSON.stringify(foreign.body)).not.toContain(perfA.code);
  });

  test('a counter corrupted by hand is reported by the route (within the perimeter) and by `npm run capacity:check` (exit 1)', async () => {
    const knex = app.strapi.plugin('ticketing').service('capacity').knex();
    await knex('ticketing_capacity_usage')
      .where({ performance_id: perfA.documentId, pool: `${perfA.standing}|` })
      .update({ used: knex.raw('used + 3') });
    const res = await check(superJwt);
    expect(res.body.data.consistent).toBe(false);
    expect(res.body.data.differences).toEqual([{ performance: perfA.documentId, code: perfA.code, pool: `${perfA.standing}|`, counter: 5, lines: 2 }]);
    expect((await check(superJwt, `?performance=${perfA.documentId}`)).body.data.differences).toHaveLength(1);
    expect((await check(superJwt, `?performance=${perfB.documentId}`)).body.data.consistent).toBe(true);
    // B's operator: A's damage is not theirs to see (nor its name).
    const mine = await check(operatorJwt);
    expect(mine.body.data).toEqual({ consistent: true, performances: 1, differences: [] });
    const run = await command();
    expect(run.code).toBe(1);
    expect(run.answer).toMatchObject({ consistent: false, performances: 2, differences: [{ performance: perfA.documentId, pool: `${perfA.standing}|`, counter: 5, lines: 2 }] });
    // Repaired: consistent again, exit 0.
    await knex('ticketing_capacity_usage')
      .where({ performance_id: perfA.documentId, pool: `${perfA.standing}|` })
      .update({ used: knex.raw('used - 3') });
    expect((await check(superJwt)).body.data.consistent).toBe(true);
    const again = await command();
    expect([again.code, again.answer.consistent]).toEqual([0, true]);
  }, 180_000);
});
