/** OpenAPI 3.1 description of the website API, served at GET /api/ticketing/openapi.json. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './params';

const identifier = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' };
const instant = { type: 'string', format: 'date-time', example: '2027-06-15T08:00:00Z' };
const q = (name: string, description: string, schema: object = identifier, required = false) => ({ name, in: 'query', required, description, schema });

const contextParams = [
  q('channel', 'Sales channel, code or documentId (channel or pointOfSale is required).'),
  q('pointOfSale', 'Point of sale, code or documentId (its channel is used).'),
  q('audience', 'Audience subcategory, code or documentId.', identifier, true),
  q('buyer', 'Buyer kind.', { type: 'string', enum: ['public', 'structure'], default: 'public' }),
  q('at', 'Instant of the question (ISO 8601; without a zone: UTC). Default: now, truncated to the minute.', instant),
  q('locale', 'Language of the reasons\' messages.', { type: 'string', enum: ['fr', 'en'], default: 'fr' }),
];
const paging = [
  q('page', 'Page number.', { type: 'integer', minimum: 1, maximum: 10000, default: 1 }),
  q('pageSize', 'Items per page.', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
];
const include = q('include', 'Also list what is soon on sale.', { type: 'string', enum: ['soon'] });
const idOrCode = { name: 'idOrCode', in: 'path', required: true, description: 'documentId or code', schema: identifier };
const status = { type: 'string', enum: ['ON_SALE', 'SOON_ON_SALE', 'SALES_ENDED', 'TEMPORARILY_UNAVAILABLE', 'NOT_ON_SALE'] };
const nullableInstant = { type: ['string', 'null'], format: 'date-time' };

const errorResponses = {
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  '400': { description: 'Malformed parameter (error.details.errors[0].path names it).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '403': { description: 'The caller\'s role or token does not have this route.' },
  '404': { description: 'Unknown identifier (the message names the code).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};
const ok = (schema: object, description: string) => ({
  '200': { description, headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema } } },
  ...errorResponses,
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Billetterie — website API',
    version: '1.0.0',
    description:
      'What may be sold, to whom, when, and why not. Answers come from the sale-window engine over the validated configuration only; '
      + 'only running seasons, events, performances and products are listed. Every answer carries an ETag (configuration version + query + instant) and honours If-None-Match.',
  },
  servers: [{ url: '/api/ticketing' }],
  paths: {
    '/on-sale': {
      get: {
        summary: 'Performances on sale (and soon on sale with include=soon)',
        parameters: [...contextParams, q('season', 'Season, code or documentId.'), q('event', 'Event, code or documentId.'), q('from', 'Performances starting at or after.', instant), q('to', 'Performances starting before.', instant), include, ...paging],
        responses: ok({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/ListedPerformance' } }, meta: { $ref: '#/components/schemas/ListMeta' } } }, 'Performances, sorted by start'),
      },
    },
    '/performances/{idOrCode}/sale-status': {
      get: {
        summary: 'May this performance be sold, and if not, why? Without seatCategory and tariffType, also the matrix over them.',
        parameters: [idOrCode, ...contextParams, q('seatCategory', 'Seat category, code or documentId.'), q('tariffType', 'Tariff type, code or documentId.')],
        responses: ok({ type: 'object', properties: { data: { $ref: '#/components/schemas/PerformanceStatus' }, meta: { type: 'object', properties: { at: instant } } } }, 'The answer'),
      },
    },
    '/products/on-sale': {
      get: {
        summary: 'Non-dated products on sale',
        parameters: [...contextParams, q('season', 'Season, code or documentId.'), q('productType', 'Product type.', { type: 'string', enum: ['subscription', 'package', 'freeProduct', 'service', 'voucher', 'membership'] }), include, ...paging],
        responses: ok({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/ListedProduct' } }, meta: { $ref: '#/components/schemas/ListMeta' } } }, 'Products'),
      },
    },
    '/products/{idOrCode}/sale-status': {
      get: {
        summary: 'May this product be sold (in this quantity), and if not, why?',
        parameters: [idOrCode, ...contextParams, q('quantity', 'Quantity asked.', { type: 'integer', minimum: 1, maximum: 10000 })],
        responses: ok({ type: 'object', properties: { data: { $ref: '#/components/schemas/ProductStatus' } } }, 'The answer'),
      },
    },
    '/catalog': {
      get: {
        summary: 'Running seasons, their running events and running performances (public fields)',
        parameters: [q('season', 'Only this season, code or documentId.')],
        responses: ok({ type: 'object', properties: { data: { type: 'object', properties: { seasons: { type: 'array', items: { $ref: '#/components/schemas/CatalogSeason' } } } } } }, 'The catalogue'),
      },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
  },
  components: {
    schemas: {
      Ref: { type: 'object', properties: { type: { type: 'string' }, documentId: { type: 'string' }, code: { type: 'string' }, id: { type: 'string', description: 'sales periods only (unique within calendarId)' }, calendarId: { type: 'string' } } },
      Performance: { type: 'object', properties: { documentId: { type: 'string' }, code: { type: 'string' }, startsAt: instant, endsAt: nullableInstant } },
      Event: { type: 'object', properties: { documentId: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string', enum: ['event', 'visit'] }, venueName: { type: ['string', 'null'] } } },
      Product: { type: 'object', properties: { documentId: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } } },
      ListMeta: { type: 'object', properties: { at: instant, pagination: { type: 'object', properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } } } } },
      ListedPerformance: { type: 'object', properties: { performance: { $ref: '#/components/schemas/Performance' }, event: { $ref: '#/components/schemas/Event' }, status, opensAt: instant, closesAt: instant } },
      ListedProduct: { type: 'object', properties: { product: { $ref: '#/components/schemas/Product' }, status, opensAt: nullableInstant, closesAt: nullableInstant } },
      Reason: { type: 'object', properties: { code: { type: 'string', example: 'PERFORMANCE_NOT_IN_PROFILE' }, objects: { type: 'array', items: { $ref: '#/components/schemas/Ref' } }, message: { type: 'string' } } },
      Answer: {
        type: 'object',
        properties: {
          status,
          opensAt: nullableInstant,
          closesAt: nullableInstant,
          provenance: {
            type: 'object',
            properties: {
              periods: { type: 'array', items: { type: 'object', properties: { calendar: { $ref: '#/components/schemas/Ref' }, period: { $ref: '#/components/schemas/Ref' }, opensAt: instant, closesAt: instant } } },
              profiles: { type: 'array', items: { $ref: '#/components/schemas/Ref' } },
            },
          },
          reasons: { type: 'array', items: { $ref: '#/components/schemas/Reason' } },
        },
      },
      PerformanceStatus: {
        allOf: [
          { $ref: '#/components/schemas/Answer' },
          {
            type: 'object',
            properties: {
              performance: { $ref: '#/components/schemas/Performance' },
              event: { $ref: '#/components/schemas/Event' },
              matrix: {
                type: 'object',
                description: 'Only without seatCategory and tariffType',
                properties: {
                  seatCategories: { type: 'array', items: { $ref: '#/components/schemas/Ref' } },
                  tariffTypes: { type: 'array', items: { $ref: '#/components/schemas/Ref' } },
                  cells: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/Answer' }, { type: 'object', properties: { seatCategory: { type: 'string' }, tariffType: { type: 'string' } } }] } },
                },
              },
            },
          },
        ],
      },
      ProductStatus: { allOf: [{ $ref: '#/components/schemas/Answer' }, { type: 'object', properties: { product: { $ref: '#/components/schemas/Product' }, quantityAllowed: { type: ['boolean', 'null'] } } }] },
      CatalogSeason: {
        type: 'object',
        properties: {
          documentId: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, startsOn: { type: ['string', 'null'], format: 'date' }, endsOn: { type: ['string', 'null'], format: 'date' },
          events: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/Event' }, { type: 'object', properties: { performances: { type: 'array', items: { $ref: '#/components/schemas/Performance' } } } }] } },
        },
      },
      Error: { type: 'object', properties: { data: { type: 'null' }, error: { type: 'object', properties: { status: { type: 'integer' }, name: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } } },
    },
  },
} as const;
