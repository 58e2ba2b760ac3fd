import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

test('boots with every ticketing content type', () => {
  expect(Object.keys(app.strapi.contentTypes).filter((u) => u.startsWith('plugin::ticketing.')).length).toBe(15);
  expect(app.strapi.components['ticketing.sales-period']).toBeDefined();
});
