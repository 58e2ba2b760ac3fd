import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

test('boots with every ticketing content type (15 configuration types, the state history, the version counter)', () => {
  expect(Object.keys(app.strapi.contentTypes).filter((u) => u.startsWith('plugin::ticketing.')).length).toBe(17);
  expect(app.strapi.components['ticketing.sales-period']).toBeDefined();
});
