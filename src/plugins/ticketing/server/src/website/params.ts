/**
 * The website API's parameters: one zod schema per route (inputs/query.ts). The same schemas
 * parse the query (a 400 naming the parameter for anything else: a malformed, repeated, nested
 * or unknown parameter) and describe it in the OpenAPI document (website/openapi.ts).
 * The parsed query is also the ETag's normal form (fixed key order, canonical values).
 */
import { z } from 'zod';
import { BUYER_KINDS, LOCALES, PRODUCT_TYPES, type Locale } from '../../../shared/enums';
import { IDENTIFIER_PATTERN, identifier, instant, integer, invalidParameter, oneOf, parseQuery } from '../inputs/query';

const IDENTIFIER = new RegExp(IDENTIFIER_PATTERN);

export type { Locale };

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;
const MAX_QUANTITY = 10_000;

const contextShape = {
  channel: identifier('Sales channel, code or documentId (channel or pointOfSale is required).').optional(),
  pointOfSale: identifier('Point of sale, code or documentId (its channel is used).').optional(),
  audience: identifier('Audience subcategory, code or documentId.'),
  buyer: oneOf(BUYER_KINDS, 'Buyer kind.').default('public'),
  at: instant('Instant of the question (ISO 8601; without a zone: UTC). Default: now, truncated to the minute.').optional(),
  locale: oneOf(LOCALES, "Language of the reasons' messages and of error messages (default: Accept-Language, else fr).").optional(),
};
const pagingShape = {
  page: integer(1, MAX_PAGE, 'Page number.').default(1),
  pageSize: integer(1, MAX_PAGE_SIZE, 'Items per page.').default(DEFAULT_PAGE_SIZE),
};
const include = oneOf(['soon'], 'Also list what is soon on sale.').optional();

type WithChannel = { channel?: string; pointOfSale?: string };
const needsChannel = (value: WithChannel, ctx: z.RefinementCtx) => {
  if (!value.channel && !value.pointOfSale) ctx.addIssue({ code: 'custom', path: ['channel'], message: 'channelOrPointOfSale' });
};

/** The parameters of each website route (query strings). */
export const querySchemas = {
  onSale: z
    .strictObject({
      ...contextShape,
      season: identifier('Season, code or documentId.').optional(),
      event: identifier('Event, code or documentId.').optional(),
      from: instant('Performances starting at or after (ISO 8601).').optional(),
      to: instant('Performances starting before (ISO 8601; after "from").').optional(),
      include,
      ...pagingShape,
    })
    .superRefine((value, ctx) => {
      needsChannel(value, ctx);
      if (value.from !== undefined && value.to !== undefined && value.to <= value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'after:from' });
    }),
  performanceSaleStatus: z
    .strictObject({
      ...contextShape,
      seatCategory: identifier('Seat category, code or documentId.').optional(),
      tariffType: identifier('Tariff type, code or documentId.').optional(),
    })
    .superRefine(needsChannel),
  productsOnSale: z
    .strictObject({
      ...contextShape,
      season: identifier('Season, code or documentId.').optional(),
      productType: oneOf(PRODUCT_TYPES, 'Product type.').optional(),
      include,
      ...pagingShape,
    })
    .superRefine(needsChannel),
  productSaleStatus: z.strictObject({ ...contextShape, quantity: integer(1, MAX_QUANTITY, 'Quantity asked.').optional() }).superRefine(needsChannel),
  catalog: z.strictObject({ season: identifier('Only this season, code or documentId.').optional() }),
  // Prices (issue #18): what this buyer may buy, at what price.
  performancePrices: z.strictObject({ ...contextShape }).superRefine(needsChannel),
  // Capacity (issue #17): what is left for this buyer, per seat category.
  performanceAvailability: z.strictObject({ ...contextShape }).superRefine(needsChannel),
  openapi: z.strictObject({}),
  seatingPlan: z.strictObject({ locale: contextShape.locale }),
} as const;

/** The body of POST /quotes (issue #18): a basket to price, read-only. */
export const quoteBodySchema = z.strictObject({
  channel: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Sales channel, code or documentId (channel or pointOfSale is required).' }),
  pointOfSale: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Point of sale, code or documentId.' }),
  audience: z.string().regex(IDENTIFIER).max(200).meta({ description: 'Audience subcategory, code or documentId.' }),
  buyer: z.enum(BUYER_KINDS).default('public'),
  at: z.iso.datetime({ offset: true }).optional().meta({ description: 'Instant of the quote (ISO 8601). Default: now.' }),
  locale: z.enum(LOCALES).optional(),
  deliveryMethod: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Delivery method, code or documentId.' }),
  paymentMethod: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Payment method, code or documentId.' }),
  lines: z
    .array(
      z.strictObject({
        performance: z.string().regex(IDENTIFIER).max(200),
        seatCategory: z.string().regex(IDENTIFIER).max(200),
        tariffType: z.string().regex(IDENTIFIER).max(200),
        quantity: z.int().min(1).max(1000),
      }),
    )
    .min(1)
    .max(100),
});
export type QuoteBody = z.output<typeof quoteBodySchema>;

/** POST /holds (issue #17): each line a quantity of a seat category, or explicit seats (stable seat ids of the plan). */
export const holdBodySchema = z.strictObject({
  channel: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Sales channel, code or documentId (channel or pointOfSale is required).' }),
  pointOfSale: z.string().regex(IDENTIFIER).max(200).optional().meta({ description: 'Point of sale, code or documentId.' }),
  audience: z.string().regex(IDENTIFIER).max(200).meta({ description: 'Audience subcategory, code or documentId.' }),
  buyer: z.enum(BUYER_KINDS).default('public'),
  buyerReference: z.string().min(1).max(200).optional().meta({ description: 'The buyer (customer number, e-mail hash…): per-buyer limits count across their holds.' }),
  locale: z.enum(LOCALES).optional(),
  lines: z
    .array(
      z.strictObject({
        performance: z.string().regex(IDENTIFIER).max(200),
        seatCategory: z.string().regex(IDENTIFIER).max(200).optional(),
        tariffType: z.string().regex(IDENTIFIER).max(200),
        quantity: z.int().min(1).max(MAX_QUANTITY).optional(),
        seats: z.array(z.string().regex(IDENTIFIER).max(40)).min(1).max(1000).optional(),
        best: z
          .boolean()
          .optional()
          .meta({ description: 'Best available: `quantity` (1–20) adjacent seats in one row of the numbered `seatCategory`, the closest to the centre of the stage, chosen at hold time.' }),
      }),
    )
    .min(1)
    .max(50),
});
export type HoldBody = z.output<typeof holdBodySchema>;

/** The path parameter of the status routes. */
export const idOrCodeSchema = identifier('documentId or code');

export type OnSaleParams = z.output<typeof querySchemas.onSale>;
export type PerformanceStatusParams = z.output<typeof querySchemas.performanceSaleStatus>;
export type ProductsOnSaleParams = z.output<typeof querySchemas.productsOnSale>;
export type ProductStatusParams = z.output<typeof querySchemas.productSaleStatus>;
export type CatalogParams = z.output<typeof querySchemas.catalog>;
export type PerformancePricesParams = z.output<typeof querySchemas.performancePrices>;
export type PerformanceAvailabilityParams = z.output<typeof querySchemas.performanceAvailability>;
export type ContextParams = Pick<OnSaleParams, 'channel' | 'pointOfSale' | 'audience' | 'buyer' | 'at' | 'locale'>;

export const parseOnSale = (query: unknown): OnSaleParams => parseQuery(querySchemas.onSale, query);
export const parsePerformanceStatus = (query: unknown): PerformanceStatusParams => parseQuery(querySchemas.performanceSaleStatus, query);
export const parseProductsOnSale = (query: unknown): ProductsOnSaleParams => parseQuery(querySchemas.productsOnSale, query);
export const parseProductStatus = (query: unknown): ProductStatusParams => parseQuery(querySchemas.productSaleStatus, query);
export const parseCatalog = (query: unknown): CatalogParams => parseQuery(querySchemas.catalog, query);
export const parseSeatingPlan = (query: unknown) => parseQuery(querySchemas.seatingPlan, query);
export const parsePerformancePrices = (query: unknown): PerformancePricesParams => parseQuery(querySchemas.performancePrices, query);
export const parsePerformanceAvailability = (query: unknown): PerformanceAvailabilityParams => parseQuery(querySchemas.performanceAvailability, query);

export function parsePathIdentifier(name: string, value: unknown): string {
  const result = idOrCodeSchema.safeParse(value);
  if (!result.success) throw invalidParameter(name, result.error.issues[0].message);
  return result.data;
}

/** The language of the reasons' messages: `locale`, else the caller's (errors.ts callerLanguage). */
export const reasonLanguage = (params: { locale?: Locale }, fallback: Locale): Locale => params.locale ?? fallback;

/** The canonical text of a parsed query (ETag input): keys sorted, undefined dropped. */
export function normalForm(params: object): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
