import { CONTENT_TYPES } from '../constants';
import { publicAuthStrategy } from '../website/public-auth';

/**
 * Content API (/api/ticketing/…).
 *
 * 1. The website API: read-only answers of the engine (controllers/website.ts). At bootstrap the
 *    Public role is granted exactly the actions listed in the plugin config `publicRoutes`, the
 *    Authenticated role those of `authenticatedRoutes` (default: all of these, for both) and
 *    nothing else of the plugin. Read-only API tokens reach them too (actions named find/findOne).
 * 2. REST writes (POST/PUT/DELETE) of the 15 configuration types, for API tokens only (policy
 *    `api-token-only`): they go through the document service, hence through the write and state
 *    guards like the Content Manager, and answer only `{ documentId, state }`.
 *    The core READ routes (find/findOne) are not exposed: they would return draft calendars and
 *    profiles and non-running catalogue objects. Readers use the website API; editors the admin.
 */
export const WEBSITE_ROUTES = [
  { method: 'GET', path: '/on-sale', handler: 'on-sale.find' },
  { method: 'GET', path: '/performances/:idOrCode/sale-status', handler: 'performance-sale-status.findOne' },
  { method: 'GET', path: '/products/on-sale', handler: 'products-on-sale.find' },
  { method: 'GET', path: '/products/:idOrCode/sale-status', handler: 'product-sale-status.findOne' },
  { method: 'GET', path: '/catalog', handler: 'catalog.find' },
  { method: 'GET', path: '/openapi.json', handler: 'openapi.find' },
  // Places (issue 16)
  { method: 'GET', path: '/performances/:idOrCode/seating-plan', handler: 'performance-seating-plan.findOne' },
  // Prices (issue #18).
  { method: 'GET', path: '/performances/:idOrCode/prices', handler: 'performance-prices.findOne' },
  { method: 'POST', path: '/quotes', handler: 'quotes.find' },
  // Capacity (issue #17).
  { method: 'GET', path: '/performances/:idOrCode/availability', handler: 'performance-availability.findOne' },
] as const;

/**
 * The content-API actions (`plugin::ticketing.<controller>.<action>`) of the website routes. They
 * end in `find`/`findOne` so that read-only API tokens may call them (controllers/website.ts).
 */
export const WEBSITE_ACTIONS: string[] = WEBSITE_ROUTES.map((r) => `plugin::ticketing.${r.handler}`);

/** Action names before 1.1 (`plugin::ticketing.website.<name>`), still accepted in the plugin config. */
export const LEGACY_WEBSITE_ACTIONS: Record<string, string> = {
  'plugin::ticketing.website.onSale': 'plugin::ticketing.on-sale.find',
  'plugin::ticketing.website.performanceSaleStatus': 'plugin::ticketing.performance-sale-status.findOne',
  'plugin::ticketing.website.productsOnSale': 'plugin::ticketing.products-on-sale.find',
  'plugin::ticketing.website.productSaleStatus': 'plugin::ticketing.product-sale-status.findOne',
  'plugin::ticketing.website.catalog': 'plugin::ticketing.catalog.find',
  'plugin::ticketing.website.openapi': 'plugin::ticketing.openapi.find',
};

export const buildContentApiRoutes = (schemas: Record<string, { schema: { info: { pluralName: string } } }>) => {
  const policies = ['plugin::ticketing.api-token-only'];
  const writes = CONTENT_TYPES.flatMap((name) => {
    const plural = schemas[name].schema.info.pluralName;
    return [
      { method: 'POST', path: `/${plural}`, handler: `${name}.create`, config: { policies } },
      { method: 'PUT', path: `/${plural}/:id`, handler: `${name}.update`, config: { policies } },
      { method: 'DELETE', path: `/${plural}/:id`, handler: `${name}.delete`, config: { policies } },
    ];
  });
  // Anonymous visitors first, from memory (website/public-auth.ts); then, for requests with an
  // Authorization header, API tokens and Users & Permissions as on every content-API route.
  // A fresh object per route: Strapi writes each route's scope into it.
  const website = WEBSITE_ROUTES.map((r) => ({
    ...r,
    config: { policies: [], auth: { strategies: [publicAuthStrategy, 'content-api-token', 'users-permissions'] } },
  }));
  // Holds (issue #17): API tokens only (a box office, a website's back end), never the Public or Authenticated roles.
  const holds = [
    { method: 'POST', path: '/holds', handler: 'holds.create', config: { policies } },
    { method: 'POST', path: '/holds/:id/confirm', handler: 'holds.confirm', config: { policies } },
    { method: 'DELETE', path: '/holds/:id', handler: 'holds.delete', config: { policies } },
  ];
  return { type: 'content-api', routes: [...website, ...holds, ...writes] };
};
