/**
 * The website API's parameters: one zod schema per route (inputs/query.ts). The same schemas
 * parse the query (a 400 naming the parameter for anything else: a malformed, repeated, nested
 * or unknown parameter) and describe it in the OpenAPI document (website/openapi.ts).
 * The parsed query is also the ETag's normal form (fixed key order, canonical values).
 */
import { z } from 'zod';
import { BUYER_KINDS, LOCALES, PRODUCT_TYPES, type Locale } from '../../../shared/enums';
import { identifier, instant, integer, invalidParameter, oneOf, parseQuery } from '../inputs/query';

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
  openapi: z.strictObject({}),
  seatingPlan: z.strictObject({ locale: contextShape.locale }),
} as const;

/** The path parameter of the status routes. */
export const idOrCodeSchema = identifier('documentId or code');

export type OnSaleParams = z.output<typeof querySchemas.onSale>;
export type PerformanceStatusParams = z.output<typeof querySchemas.performanceSaleStatus>;
export type ProductsOnSaleParams = z.output<typeof querySchemas.productsOnSale>;
export type ProductStatusParams = z.output<typeof querySchemas.productSaleStatus>;
export type CatalogParams = z.output<typeof querySchemas.catalog>;
export type ContextParams = Pick<OnSaleParams, 'channel' | 'pointOfSale' | 'audience' | 'buyer' | 'at' | 'locale'>;

export const parseOnSale = (query: unknown): OnSaleParams => parseQuery(querySchemas.onSale, query);
export const parsePerformanceStatus = (query: unknown): PerformanceStatusParams => parseQuery(querySchemas.performanceSaleStatus, query);
export const parseProductsOnSale = (query: unknown): ProductsOnSaleParams => parseQuery(querySchemas.productsOnSale, query);
export const parseProductStatus = (query: unknown): ProductStatusParams => parseQuery(querySchemas.productSaleStatus, query);
export const parseCatalog = (query: unknown): CatalogParams => parseQuery(querySchemas.catalog, query);
export const parseSeatingPlan = (query: unknown) => parseQuery(querySchemas.seatingPlan, query);

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
