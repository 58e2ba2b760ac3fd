/**
 * The website API's answers as zod schemas: the OpenAPI description's response schemas are
 * generated from them (website/openapi.ts), and the integration tests check every answer they
 * receive against that description (tests/helpers/contract.ts), so an answer that drifts from
 * it fails a test. Objects are strict (no property the description does not name).
 */
import { z } from 'zod';
import { EVENT_KINDS, OBJECT_TYPES, PRODUCT_TYPES, REASON_CODES, SALE_STATUSES } from '../../../shared/enums';

/** Components of the OpenAPI description (`#/components/schemas/<id>`). */
export const components = z.registry<{ id: string; description?: string }>();
const component = <S extends z.ZodType>(id: string, schema: S, description?: string): S => {
  (schema as z.ZodType).register(components, description ? { id, description } : { id });
  return schema;
};

/** An instant in UTC, as stored (`toISOString()`). */
const utc = z.iso.datetime();
/** The same instant in the institution's time zone, with its offset (e.g. 2027-07-15T10:00:00+02:00). */
const local = z.iso.datetime({ offset: true, local: false });
const status = component('SaleStatus', z.enum(SALE_STATUSES));

const Ref = component(
  'Ref',
  z.union([
    z.strictObject({ type: z.enum(OBJECT_TYPES), documentId: z.string(), code: z.string() }),
    z.strictObject({ type: z.literal('salesPeriod'), id: z.string(), code: z.string(), calendarId: z.string() }),
  ]),
  'A configuration object: documentId and code; a sales period (a component) has an id unique within calendarId.',
);

const Performance = component('Performance', z.strictObject({ documentId: z.string(), code: z.string(), startsAt: utc, startsAtLocal: local, endsAt: utc.nullable(), endsAtLocal: local.nullable() }));
const Event = component('Event', z.strictObject({ documentId: z.string(), code: z.string(), name: z.string(), kind: z.enum(EVENT_KINDS), venueName: z.string().nullable() }));
const Product = component('Product', z.strictObject({ documentId: z.string(), code: z.string(), name: z.string(), type: z.enum(PRODUCT_TYPES) }));

const Pagination = z.strictObject({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() });
const AtMeta = component(
  'AtMeta',
  z.strictObject({ at: utc, atLocal: local, timeZone: z.string().meta({ description: 'The institution time zone (IANA), in which every …Local instant is given.' }) }),
);
const ListMeta = component('ListMeta', z.strictObject({ ...AtMeta.shape, pagination: Pagination }));

const Reason = component(
  'Reason',
  z.strictObject({ code: z.enum(REASON_CODES), objects: z.array(Ref), message: z.string() }),
  'Why not on sale. An answer lists its reasons in a fixed priority (docs/engine.md): the first one is the one to show.',
);

const answerShape = {
  status,
  opensAt: utc.nullable(),
  opensAtLocal: local.nullable(),
  closesAt: utc.nullable(),
  closesAtLocal: local.nullable(),
  provenance: z.strictObject({
    periods: z.array(z.strictObject({ calendar: Ref, period: Ref, opensAt: utc, opensAtLocal: local, closesAt: utc, closesAtLocal: local })),
    profiles: z.array(Ref),
  }),
  reasons: z.array(Reason),
};

const ListedPerformance = component(
  'ListedPerformance',
  z.strictObject({
    performance: Performance,
    event: Event.nullable(),
    status,
    opensAt: utc,
    opensAtLocal: local,
    closesAt: utc,
    closesAtLocal: local,
    fromPrice: z.int().nullable().meta({
      description:
        '« À partir de » : the lowest validated price of the performance, VAT included, in cents, among the seat categories with places left for this buyer; null where the organisation does not price in the plugin.',
    }),
    reasons: z
      .array(Reason)
      .optional()
      .meta({ description: 'Only with status SOLD_OUT (a performance on sale with nothing left for this buyer in any seat category): the SOLD_OUT reason naming the pool that binds.' }),
  }),
);
const ListedProduct = component(
  'ListedProduct',
  z.strictObject({ product: Product, status, opensAt: utc.nullable(), opensAtLocal: local.nullable(), closesAt: utc.nullable(), closesAtLocal: local.nullable() }),
);

const MatrixCell = z.strictObject({ seatCategory: z.string(), tariffType: z.string(), ...answerShape });
const PerformanceStatus = component(
  'PerformanceStatus',
  z.strictObject({
    performance: Performance,
    event: Event.nullable(),
    ...answerShape,
    matrix: z
      .strictObject({ seatCategories: z.array(Ref), tariffTypes: z.array(Ref), cells: z.array(MatrixCell) })
      .optional()
      .meta({ description: 'Only without seatCategory and tariffType: every seat category × tariff type.' }),
  }),
);
const ProductStatus = component('ProductStatus', z.strictObject({ product: Product, ...answerShape, quantityAllowed: z.boolean().nullable() }));

const CatalogSeason = component(
  'CatalogSeason',
  z.strictObject({
    documentId: z.string(),
    code: z.string(),
    name: z.string(),
    startsOn: z.iso.date().nullable(),
    endsOn: z.iso.date().nullable(),
    events: z.array(z.strictObject({ ...Event.shape, performances: z.array(Performance) })),
  }),
);

/** Prices (issue #18): amounts in integer cents, VAT included (TTC); VAT computed from TTC, rounded half-up to the cent. */
const VatRate = z.strictObject({ code: z.string(), rate: z.number().meta({ description: 'Percent (5.5 = 5.5 %).' }) });
const Fee = component('Fee', z.strictObject({ code: z.string(), name: z.string(), amount: z.int(), vat: z.int(), ht: z.int(), vatRate: VatRate }), 'A fee of one ticket, in cents.');
const PriceLine = component(
  'PriceLine',
  z.strictObject({
    seatCategory: Ref,
    tariffType: Ref,
    amount: z.int().meta({ description: 'Price of one ticket, VAT included, in cents.' }),
    vat: z.int(),
    ht: z.int(),
    vatRate: VatRate,
    fees: z.array(Fee),
    total: z.int().meta({ description: 'amount + the fees of one ticket, in cents.' }),
  }),
);
const Split = { ttc: z.int(), vat: z.int(), ht: z.int() };
const OrderFee = z.strictObject({ code: z.string(), name: z.string(), ...Split, vatRate: VatRate });
const Quote = component(
  'Quote',
  z.strictObject({
    lines: z.array(
      z.strictObject({
        index: z.int(),
        performance: Ref,
        seatCategory: Ref,
        tariffType: Ref,
        quantity: z.int(),
        unitPrice: z.strictObject({ ...Split, vatRate: VatRate }),
        ...Split,
        fees: z.array(OrderFee).meta({ description: 'Fees of one ticket (the line total counts them × quantity).' }),
        total: z.strictObject(Split),
      }),
    ),
    orderFees: z.array(OrderFee),
    vatByRate: z.array(z.strictObject({ code: z.string(), rate: z.number(), ...Split })),
    totals: z.strictObject(Split),
  }),
  'Amounts in cents; HT + VAT = TTC on every line, fee and total.',
);
const PerformancePrices = component('PerformancePrices', z.strictObject({ performance: Performance, event: Event.nullable(), prices: z.array(PriceLine) }));

/** Capacity (issue #17): what is left for a buyer, per seat category, and the pool that binds. */
const PoolKind = z.enum(['securityGauge', 'commercialGauge', 'category', 'openSale', 'contingent', 'reachable', 'limit']);
const CategoryAvailability = component(
  'CategoryAvailability',
  z.strictObject({
    seatCategory: Ref,
    numbered: z.boolean(),
    status,
    available: z.int().nullable().meta({ description: 'Places that may be held now by this buyer; null when the plugin answers bands (availabilityFewLeft).' }),
    band: z.enum(['AVAILABLE', 'FEW_LEFT', 'NONE']).nullable(),
    binding: z
      .strictObject({ kind: PoolKind, code: z.string().optional(), capacity: z.int().optional(), used: z.int().optional(), left: z.int().optional() })
      .meta({ description: 'The pool with the least left (counts omitted with bands).' }),
    reasons: z.array(Reason),
  }),
);
const PerformanceAvailability = component(
  'PerformanceAvailability',
  z.strictObject({
    performance: Performance,
    event: Event.nullable(),
    counted: z.boolean().meta({ description: 'false: no validated logical configuration, places are not counted.' }),
    categories: z.array(CategoryAvailability),
  }),
);

export const ErrorBody = component(
  'Error',
  z.strictObject({
    data: z.null(),
    error: z.strictObject({
      status: z.int(),
      name: z.string(),
      message: z.string().meta({ description: "In the caller's language: `locale`, else Accept-Language, else French." }),
      details: z.looseObject({ code: z.string().optional().meta({ description: 'Stable error code (e.g. INVALID_PARAMETER, NOT_FOUND).' }) }),
    }),
  }),
);

const Point = z.number();
const Rectangle = { x: Point, y: Point, width: Point, height: Point };
const SeatingPlanData = component(
  'SeatingPlan',
  z.strictObject({
    performance: z.strictObject({ documentId: z.string(), code: z.string() }),
    logicalConfiguration: z.strictObject({ code: z.string(), name: z.string() }),
    width: Point,
    height: Point,
    stage: z.strictObject(Rectangle).nullable(),
    legend: z.array(
      z.strictObject({
        code: z.string(),
        name: z.string(),
        rank: z.number(),
        numbered: z.boolean(),
        sellable: z.int().meta({ description: 'Seats (numbered) or places (areas) of the category that are sold at all.' }),
      }),
    ),
    blocks: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        x: Point,
        y: Point,
        rotation: z.number().meta({ description: 'Degrees, clockwise, around (x, y); seat positions are relative to (x, y).' }),
        rows: z.array(
          z.strictObject({
            id: z.string(),
            label: z.string(),
            seats: z.array(
              z.strictObject({
                id: z.string().meta({ description: 'Stable seat id.' }),
                number: z.string(),
                x: Point,
                y: Point,
                category: z.string().nullable(),
                sellable: z.boolean().meta({ description: 'Has a category and is not killed (says nothing of what is already sold).' }),
                accessible: z.boolean(),
                companion: z.boolean(),
              }),
            ),
          }),
        ),
      }),
    ),
    areas: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        shape: z.union([z.strictObject({ kind: z.literal('rectangle'), ...Rectangle }), z.strictObject({ kind: z.literal('polygon'), points: z.array(z.array(Point).length(2)) })]),
        category: z.string().nullable(),
        sellableGauge: z.int(),
      }),
    ),
    seatStatuses: z
      .strictObject({
        at: utc,
        held: z.array(z.string()).meta({ description: 'Seats held (not sold yet).' }),
        sold: z.array(z.string()).meta({ description: 'Seats sold (confirmed holds).' }),
        killed: z.array(z.string()).meta({ description: 'Seats not sold at all (killed in the logical configuration).' }),
        reserved: z.record(z.string(), z.array(z.string())).meta({ description: 'Contingent code → its seats not held or sold and not yet released.' }),
      })
      .meta({ description: 'Seat statuses now (issue #17): the seats not listed are free. Live: read through a cache of 250 ms.' }),
  }),
  "A running performance's seating plan (its logical configuration over its physical one), to draw it.",
);

/** The 200 answer of each website route. */
export const answerSchemas = {
  onSale: component('OnSaleAnswer', z.strictObject({ data: z.array(ListedPerformance), meta: ListMeta })),
  performanceSaleStatus: component('PerformanceStatusAnswer', z.strictObject({ data: PerformanceStatus, meta: AtMeta })),
  productsOnSale: component('ProductsOnSaleAnswer', z.strictObject({ data: z.array(ListedProduct), meta: ListMeta })),
  productSaleStatus: component('ProductStatusAnswer', z.strictObject({ data: ProductStatus, meta: AtMeta })),
  seatingPlan: component('SeatingPlanAnswer', z.strictObject({ data: SeatingPlanData })),
  performancePrices: component('PerformancePricesAnswer', z.strictObject({ data: PerformancePrices, meta: AtMeta })),
  performanceAvailability: component('PerformanceAvailabilityAnswer', z.strictObject({ data: PerformanceAvailability, meta: AtMeta })),
  quote: component('QuoteAnswer', z.strictObject({ data: Quote, meta: AtMeta })),
  catalog: component('CatalogAnswer', z.strictObject({ data: z.strictObject({ seasons: z.array(CatalogSeason) }), meta: z.strictObject({ timeZone: AtMeta.shape.timeZone }) })),
} as const;
