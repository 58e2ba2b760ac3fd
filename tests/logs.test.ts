import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';
import { adminToken } from './helpers/ticketing';

/**
 * The plugin's log lines (`strapi.log`, prefixed « [ticketing] »): a transition and the snapshot
 * rebuild it causes are logged (info), refused writes and perimeter refusals too (debug), and an
 * anonymous website request on an unchanged configuration logs nothing.
 */
let app: TestApp;
const LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
type Level = (typeof LEVELS)[number];
let lines: { level: Level; message: string }[] = [];

beforeAll(async () => {
  app = await startStrapi({ seedDemoData: true });
  // The test logger's level is `error`: the spies see every call before winston filters it.
  const logger = app.strapi.log as unknown as Record<Level, (message: unknown) => unknown>;
  for (const level of LEVELS) {
    jest.spyOn(logger, level).mockImplementation((message: unknown) => {
      if (typeof message === 'string' && message.startsWith('[ticketing]')) lines.push({ level, message });
      return logger;
    });
  }
}, 180_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await app?.stop();
}, 120_000);

const onSale = () => request(app.strapi.server.httpServer).get('/api/ticketing/on-sale?channel=WEB&audience=OCC-PLEIN&at=2028-04-01T10:00:00%2B02:00');
const calendarUid = 'plugin::ticketing.sales-calendar';

test('a validation is logged (who, type, documentId, from → to), then the snapshot rebuild it causes (version, duration, counts)', async () => {
  const calendar = await app.strapi.db.query(calendarUid).findOne({ where: { code: 'CONCERTS-PRINTEMPS' } });
  expect(calendar.state).toBe('draft');
  const operator = await app.strapi.db.query('admin::user').create({ data: { firstname: 'Ada', lastname: 'Lovelace', email: 'ada.logs@example.com', isActive: true } });
  lines = [];
  const applied = await app.strapi.plugin('ticketing').service('transitions').apply({ uid: calendarUid, documentId: calendar.documentId, action: 'validate', user: operator });

  expect(lines).toEqual([
    {
      level: 'info',
      message: `[ticketing] transition validate: sales-calendar ${calendar.documentId} draft → validated by Ada Lovelace (admin user ${operator.id}); configuration version ${applied.configVersion}`,
    },
  ]);

  lines = [];
  const res = await onSale();
  expect(res.status).toBe(200);
  const performances = await app.strapi.db.query('plugin::ticketing.performance').count();
  const calendars = await app.strapi.db.query(calendarUid).count();
  expect(lines).toHaveLength(1);
  expect(lines[0].level).toBe('info');
  expect(lines[0].message).toMatch(
    new RegExp(
      `^\\[ticketing\\] sales snapshot rebuilt: configuration version ${applied.configVersion} in \\d+ ms \\(load \\d+ ms, compile \\d+ ms\\); ` +
        `${performances} performances, ${calendars} sales calendars, \\d+ activity profiles, \\d+ product profiles$`,
    ),
  );
});

test('an anonymous on-sale request on an unchanged configuration logs nothing', async () => {
  expect((await onSale()).status).toBe(200);
  lines = [];
  const res = await onSale();
  expect(res.status).toBe(200);
  expect(res.body.data.length).toBeGreaterThan(0);
  expect(lines).toEqual([]);
});

test('refused writes are logged at debug level: the state guard and the write guard', async () => {
  const calendar = await app.strapi.db.query(calendarUid).findOne({ where: { code: 'ABO-PUIS-TOUS' } });
  expect(calendar.state).toBe('validated');
  lines = [];
  await expect(app.strapi.documents(calendarUid).update({ documentId: calendar.documentId, data: { name: 'Autre nom' } as any })).rejects.toMatchObject({ status: 409 });
  expect(lines).toEqual([{ level: 'debug', message: expect.stringMatching(new RegExp(`^\\[ticketing\\] write refused \\(state guard\\): update sales-calendar ${calendar.documentId}: `)) }]);

  lines = [];
  await expect(app.strapi.documents(calendarUid).create({ data: { code: 'SANS-NOM' } as any })).rejects.toMatchObject({ name: 'ValidationError' });
  expect(lines).toEqual([{ level: 'debug', message: expect.stringMatching(/^\[ticketing\] write refused \(write guard\): sales-calendar: /) }]);
});

test('a perimeter refusal is logged at debug level', async () => {
  const jwt = await adminToken(app.strapi);
  const http = () => request(app.strapi.server.httpServer);
  const me = await http().get('/admin/users/me').set('Authorization', `Bearer ${jwt}`);
  lines = [];
  const res = await http().post(`/ticketing/operators/${me.body.data.id}/perimeters`).set('Authorization', `Bearer ${jwt}`).send({ institutionWide: true });
  expect(res.status).toBe(403);
  expect(lines).toEqual([{ level: 'debug', message: expect.stringMatching(/^\[ticketing\] refused \(perimeter\): .*(own perimeter|propre périmètre)/) }]);
});
