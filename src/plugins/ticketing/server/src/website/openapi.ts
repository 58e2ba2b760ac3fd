/**
 * OpenAPI 3.1 description of the website API, served at GET /api/ticketing/openapi.json,
 * generated from the zod schemas that parse the parameters (website/params.ts) and describe the
 * answers (website/contract.ts) with zod's own `z.toJSONSchema` (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1). Nothing here repeats a pattern, a bound or an enumeration.
 */
import { z } from 'zod';
import { answerSchemas, components } from './contract';
import { idOrCodeSchema, querySchemas, quoteBodySchema } from './params';

type JsonSchema = Record<string, unknown>;
type RouteName = keyof typeof answerSchemas;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** One OpenAPI parameter per field of a route's query schema (its description lifted to the parameter). */
function parameters(schema: z.ZodObject, where: 'query' | 'path' = 'query') {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchema(field as z.ZodType, 'input');
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, description, schema: fieldSchema };
  });
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: object) => ({ 'application/json': { schema } });

const errorResponses = {
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  '400': { description: 'Malformed, repeated, nested or unknown parameter: error.details.errors[0].path names it; details.code INVALID_PARAMETER.', content: json(ref('Error')) },
  '401': { description: 'A token or a JSON web token that is not valid.', content: json(ref('Error')) },
  '403': { description: "The caller's role or token does not have this route.", content: json(ref('Error')) },
  '404': { description: 'Unknown identifier (the message names the code; details.code NOT_FOUND).', content: json(ref('Error')) },
};

function answerRef(route: RouteName): string {
  const meta = components.get(answerSchemas[route]);
  if (!meta) throw new Error(`website/contract.ts: ${route} has no component id`);
  return meta.id;
}

const get = (route: Exclude<RouteName, 'quote'>, summary: string, description: string, pathParameter = false) => ({
  get: {
    operationId: route,
    summary,
    parameters: [...(pathParameter ? parameters(z.object({ idOrCode: idOrCodeSchema }), 'path') : []), ...parameters(querySchemas[route])],
    responses: {
      '200': { description, headers: { ETag: { schema: { type: 'string' } } }, content: json(ref(answerRef(route))) },
      ...errorResponses,
    },
  },
});

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(components, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
  // Components are named by their key; a `$id` with a fragment is not allowed in JSON Schema 2020-12.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Billetterie — website API',
    version: '1.1.0',
    description:
      'What may be sold, to whom, when, and why not. Answers come from the sale-window engine over the validated configuration only; ' +
      'only running seasons, events, performances and products are listed. Every answer carries an ETag (configuration version + query + instant) and honours If-None-Match. ' +
      'Every instant is given in UTC (`…At`) and in the institution time zone with its offset (`…AtLocal`); `meta.timeZone` names the zone. ' +
      'Reasons come in a fixed priority: the first one is the one to show. ' +
      'Callers: anonymous visitors (Public role), logged-in members (Authenticated role), read-only, full-access and custom API tokens.',
  },
  servers: [{ url: '/api/ticketing' }],
  paths: {
    '/on-sale': get(
      'onSale',
      'Performances on sale (and soon on sale with include=soon); one on sale with nothing left for this buyer is listed SOLD_OUT, with the reason naming the pool that binds',
      'Performances, sorted by start',
    ),
    '/performances/{idOrCode}/sale-status': get(
      'performanceSaleStatus',
      'May this performance be sold, and if not, why? Without seatCategory and tariffType, also the matrix over them.',
      'The answer',
      true,
    ),
    '/products/on-sale': get('productsOnSale', 'Non-dated products on sale', 'Products'),
    '/products/{idOrCode}/sale-status': get('productSaleStatus', 'May this product be sold (in this quantity), and if not, why?', 'The answer', true),
    '/performances/{idOrCode}/seating-plan': get(
      'seatingPlan',
      "A running performance's seating plan: seats with their category and sellable flag, areas, legend (issue 16), and the seat statuses now (held, sold, killed, reserved for a contingent; issue #17)",
      'The plan',
      true,
    ),
    '/catalog': get('catalog', 'Running seasons, their running events and running performances (public fields)', 'The catalogue'),
    '/performances/{idOrCode}/prices': get(
      'performancePrices',
      'What this buyer may buy of this performance, at what price: the seat category × tariff type cells on sale that have a validated price, with the fees of one ticket. Amounts in cents, VAT included; VAT computed from the TTC amount, rounded half-up to the cent.',
      'The prices',
      true,
    ),
    '/performances/{idOrCode}/availability': get(
      'performanceAvailability',
      'What is left for this buyer (channel or point of sale, audience), per seat category of the performance: places that may be held now (or a band), the pool that binds (security or commercial gauge, category, open sale, contingents, limits) and the status (SOLD_OUT when the window is open and nothing is left). Not cached by configuration version: holds change it.',
      'The availability',
      true,
    ),
    '/quotes': {
      post: {
        operationId: 'quote',
        summary:
          'A quote for a basket (read-only: nothing is held). Each line must be on sale for the question and have a validated price; every bad line or field is reported in one 400 (details.errors[].path names it). Amounts in cents, VAT computed from TTC, rounded half-up to the cent.',
        requestBody: { required: true, content: json(jsonSchema(quoteBodySchema, 'input')) },
        responses: {
          '200': { description: 'The quote', content: json(ref(answerRef('quote'))) },
          '400': { description: 'A bad field or line: details.code INVALID_QUOTE, details.errors[] name each one.', content: json(ref('Error')) },
          '401': errorResponses['401'],
          '403': errorResponses['403'],
          '404': errorResponses['404'],
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) }, '401': errorResponses['401'], '403': errorResponses['403'] },
      },
    },
  },
  components: { schemas: componentSchemas() },
};
