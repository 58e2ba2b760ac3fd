import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { generateBlock } from '../../src/plugins/ticketing/shared/seating-generator';

/** Fixtures and HTTP helpers for the state suites. */

export const T = (name: string) => `plugin::ticketing.${name}` as any;

let counter = 0;
/** Admin-route requests with an admin JWT (the Authorization header set on each). */
export const asAdmin = (strapi: Core.Strapi, jwt: string) => {
  const http = () => request(strapi.server.httpServer);
  return {
    get: (url: string) => http().get(url).set('Authorization', `Bearer ${jwt}`),
    put: (url: string, body: object) => http().put(url).set('Authorization', `Bearer ${jwt}`).send(body),
    post: (url: string, body: object) => http().post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
};

export const uniqueCode = (prefix: string) => `${prefix}-${++counter}-${Math.floor(Math.random() * 1e6)}`;

/** The types whose objects belong to one organisation (the perimeter applies to them), written out so that a type dropped from the guards still gets tested. */
export const ORGANISATION_TYPES = [
  'organization',
  'point-of-sale',
  'season',
  'sales-calendar',
  'activity-profile',
  'product-profile',
  'audience-subcategory',
  'tariff-type',
  'activity',
  'event',
  'product',
  'performance',
  // Places (issue 16)
  'logical-configuration',
  // Prices and fees (issue #18).
  'price-level',
  'price-grid',
  'fee-table',
  // Capacity (issue #17).
  'contingent',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
/** The institution's referentials (no organisation). */
export const INSTITUTION_TYPES = ['sales-channel', 'audience-category', 'seat-category', 'site', 'space', 'physical-configuration', 'vat-rate', 'payment-method', 'delivery-method'] as const;

export interface World {
  organization: string;
  channel: string;
  audienceCategory: string;
  /** A running season and a running event under it: parents of the objects under test. */
  season: string;
  event: string;
  /** A product of that season (a product profile needs one to be validated). */
  product: string;
  /** Places (issue 16): a space with a validated physical configuration of 10 seats (gauge 100), and a seat category's code. */
  space: string;
  physicalConfiguration: string;
  seatCategory: string;
}

/** A small plan: 2 rows of 5 seats (ids `T-r0-s0`… `T-r1-s4`), odd/even numbering, no area. */
export const smallPlan = () => ({
  version: 1,
  width: 1000,
  height: 800,
  blocks: [generateBlock({ id: 'T', name: 'Parterre', x: 500, y: 200, rows: 2, seatsPerRow: 5, rowLabels: 'letters', numbering: 'oddEven', shape: 'straight' })],
  areas: [],
});
export const SMALL_PLAN_SEATS = ['T-r0-s0', 'T-r0-s1', 'T-r0-s2', 'T-r0-s3', 'T-r0-s4', 'T-r1-s0', 'T-r1-s1', 'T-r1-s2', 'T-r1-s3', 'T-r1-s4'];

export async function transition(strapi: Core.Strapi, name: string, documentId: string, action: string, reason?: string, extra: Record<string, unknown> = {}) {
  return strapi
    .plugin('ticketing')
    .service('transitions')
    .apply({ uid: T(name), documentId, action, reason, user: null, ...extra });
}

export async function createWorld(strapi: Core.Strapi): Promise<World> {
  const docs = (name: string) => strapi.documents(T(name));
  const channel = await docs('sales-channel').create({ data: { code: uniqueCode('WEB'), name: 'Internet', type: 'internet' } as any });
  const organization = await docs('organization').create({ data: { code: uniqueCode('OPERA'), name: 'Opéra', salesChannels: [channel.documentId] } as any });
  const audienceCategory = await docs('audience-category').create({ data: { code: uniqueCode('OCC'), name: 'Occasionnel' } as any });
  const season = await docs('season').create({ data: { code: uniqueCode('S'), name: 'Saison', organization: organization.documentId } as any });
  await transition(strapi, 'season', season.documentId, 'validate');
  await transition(strapi, 'season', season.documentId, 'run');
  const event = await docs('event').create({ data: { code: uniqueCode('EV'), name: 'Tosca', season: season.documentId } as any });
  await transition(strapi, 'event', event.documentId, 'validate');
  await transition(strapi, 'event', event.documentId, 'run');
  const product = await docs('product').create({ data: { code: uniqueCode('PASS'), name: 'Pass', type: 'package', season: season.documentId } as any });
  const seatCategory = await docs('seat-category').create({ data: { code: uniqueCode('CAT'), name: 'Catégorie 1' } as any });
  const site = await docs('site').create({ data: { code: uniqueCode('SITE'), name: 'Opéra' } as any });
  const space = await docs('space').create({ data: { code: uniqueCode('SALLE'), name: 'Grande salle', site: site.documentId } as any });
  const physical = await docs('physical-configuration').create({ data: { code: uniqueCode('PHY'), name: 'Configuration', space: space.documentId, securityGauge: 100, plan: smallPlan() } as any });
  await transition(strapi, 'physical-configuration', physical.documentId, 'validate');
  return {
    space: space.documentId,
    physicalConfiguration: physical.documentId,
    seatCategory: seatCategory.code,
    product: product.documentId,
    organization: organization.documentId,
    channel: channel.documentId,
    audienceCategory: audienceCategory.documentId,
    season: season.documentId,
    event: event.documentId,
  };
}

/** Data of a new, complete object of `name` (what the engine's checks accept). */
export function newData(name: string, world: World): Record<string, unknown> {
  const code = uniqueCode(name.slice(0, 3).toUpperCase());
  switch (name) {
    case 'sales-calendar':
      return {
        code,
        name: `Calendrier ${code}`,
        organization: world.organization,
        periods: [{ name: 'Ouverture', openingKind: 'absolute', opensAt: '2030-01-01T09:00:00.000Z', closingKind: 'none', audienceCategories: [world.audienceCategory] }],
      };
    case 'activity-profile':
      return { code, name: `Profil ${code}`, organization: world.organization, salesChannels: [world.channel] };
    case 'product-profile':
      return { code, name: `Profil produit ${code}`, organization: world.organization, salesChannels: [world.channel], products: [world.product] };
    case 'season':
      return { code, name: `Saison ${code}`, organization: world.organization };
    case 'event':
      return { code, name: `Événement ${code}`, season: world.season };
    case 'performance':
      return { code, event: world.event, startsAt: '2030-03-01T19:00:00.000Z' };
    case 'product':
      return { code, name: `Produit ${code}`, season: world.season, type: 'subscription' };
    case 'physical-configuration':
      return { code, name: `Configuration physique ${code}`, space: world.space, securityGauge: 100, plan: smallPlan() };
    case 'logical-configuration':
      return {
        code,
        name: `Configuration logique ${code}`,
        organization: world.organization,
        season: world.season,
        physicalConfiguration: world.physicalConfiguration,
        securityGauge: 50,
        layout: { version: 1, seatsByCategory: { [world.seatCategory]: SMALL_PLAN_SEATS }, killedSeats: [], areas: {} },
      };
    // Prices and fees (issue #18): an empty grid or fee table is complete.
    case 'price-level':
      return { code, name: `Niveau ${code}`, season: world.season };
    case 'price-grid':
      return { code, name: `Grille ${code}`, season: world.season, cells: [] };
    case 'fee-table':
      return { code, name: `Frais ${code}`, organization: world.organization, kind: 'simple', fees: [] };
    // Capacity (issue #17): a contingent for subscribers of the world's audience category.
    case 'contingent':
      return { code, name: `Contingent ${code}`, organization: world.organization, contingentKind: 'targetGroup', audienceCategories: [world.audienceCategory] };
    default:
      throw new Error(`no fixture for ${name}`);
  }
}

/** The field an update changes (a performance has no name). */
export function changeOf(name: string, tag: string): Record<string, unknown> {
  if (name === 'performance') return { startsAt: `2031-0${(tag.length % 9) + 1}-01T19:00:00.000Z` };
  return { name: `Renamed ${tag}` };
}

/** How to reach `state` from the initial state. */
export const PATH_TO: Record<string, string[]> = {
  draft: [],
  validated: ['validate'],
  archived: ['archive'],
  preparing: [],
  running: ['validate', 'run'],
  suspended: ['validate', 'run', 'suspend'],
  closed: ['validate', 'run', 'close'],
  cancelled: ['cancel'],
};

export const STATES: Record<string, string[]> = {
  configuration: ['draft', 'validated', 'archived'],
  catalogue: ['preparing', 'validated', 'running', 'suspended', 'closed', 'cancelled'],
};

export const TYPES: { name: string; plural: string; kind: 'configuration' | 'catalogue' }[] = [
  { name: 'sales-calendar', plural: 'sales-calendars', kind: 'configuration' },
  { name: 'activity-profile', plural: 'activity-profiles', kind: 'configuration' },
  { name: 'product-profile', plural: 'product-profiles', kind: 'configuration' },
  { name: 'season', plural: 'seasons', kind: 'catalogue' },
  { name: 'event', plural: 'events', kind: 'catalogue' },
  { name: 'performance', plural: 'performances', kind: 'catalogue' },
  { name: 'product', plural: 'products', kind: 'catalogue' },
  // Places (issue 16)
  { name: 'physical-configuration', plural: 'physical-configurations', kind: 'configuration' },
  { name: 'logical-configuration', plural: 'logical-configurations', kind: 'configuration' },
  // Prices and fees (issue #18).
  { name: 'price-grid', plural: 'price-grids', kind: 'configuration' },
  { name: 'fee-table', plural: 'fee-tables', kind: 'configuration' },
];

export const LOCKED: Record<string, string[]> = {
  configuration: ['validated', 'archived'],
  catalogue: ['closed', 'cancelled'],
};

/** A new object of `name` put into `state` through the transition service. */
export async function createInState(strapi: Core.Strapi, world: World, name: string, state: string) {
  const doc = await strapi.documents(T(name)).create({ data: newData(name, world) as any });
  for (const action of PATH_TO[state]) {
    await transition(strapi, name, doc.documentId, action, ['suspend', 'cancel', 'reopen'].includes(action) ? 'test' : undefined);
  }
  const row = await strapi.db.query(T(name)).findOne({ where: { documentId: doc.documentId } });
  if (row.state !== state) throw new Error(`fixture ${name} ended ${row.state}, wanted ${state}`);
  return row as Record<string, any>;
}

/** A super admin logged in through /admin/login. */
export async function adminToken(strapi: Core.Strapi, roleCode = 'strapi-super-admin', email = `admin-${uniqueCode('u')}@example.com`) {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const password = 'Test-password-1234';
  await strapi.service('admin::user').create({ email, firstname: 'Ada', lastname: roleCode === 'strapi-super-admin' ? 'Admin' : 'Editor', password, isActive: true, roles: [role.id] } as any);
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

export async function fullAccessApiToken(strapi: Core.Strapi) {
  const token = await strapi.service('admin::api-token').create({ name: uniqueCode('full'), type: 'full-access', lifespan: null, description: '' } as any);
  return token.accessKey as string;
}
