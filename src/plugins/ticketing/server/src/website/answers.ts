/**
 * The website API's answers, computed from the engine's compiled snapshot (service
 * `sales-snapshot`): identifier resolution (documentId or code), the public visibility rule,
 * and the shape of each response. Pure functions of (snapshot, parsed query, instant).
 *
 * Visibility (what a public caller may learn):
 * - listings and the catalogue show only `running` seasons, events, performances, products;
 * - a status question may name a performance/product that is `running`, `suspended`, `closed`
 *   or `cancelled` (it was public: the answer says why it is not sold, e.g.
 *   TEMPORARILY_UNAVAILABLE); one still `preparing` or `validated` (never public) is answered
 *   404 exactly as an unknown code;
 * - draft and archived calendars and profiles are invisible to the engine's questions, so no
 *   answer, provenance or reason ever names them.
 */
import { errors } from '@strapi/utils';
import { bilingual } from '../errors';
import {
  listOnSale,
  listProductsOnSale,
  performanceMatrix,
  performanceStatus,
  performanceStatusOnly,
  productStatus,
  type CatalogueState,
  type ConfigurationInput,
  type EventInput,
  type ObjectRef,
  type PerformanceAnswer,
  type PerformanceInput,
  type ProductAnswer,
  type ProductInput,
  type Reason,
  type SeasonInput,
  type Snapshot,
} from '../domain';
import { invalidParameter } from '../inputs/query';
import { fromPrice, hasPrice, lineStatus, performancePriced, priceGate, priceOf, priced, pricingOf, quote as priceQuote, ticketFees, withPriceGate } from '../domain/pricing';
import { availability as capacityAvailability, capacityOf, soldOutMessage, soldOutReason, withSoldOut, type CapacityUsage, type Pool } from '../domain/capacity';
import type {
  PerformanceAvailabilityParams,
  ContextParams,
  Locale,
  OnSaleParams,
  PerformancePricesParams,
  QuoteBody,
  PerformanceStatusParams,
  ProductStatusParams,
  ProductsOnSaleParams,
  CatalogParams,
} from './params';

export type Kind = 'channel' | 'pointOfSale' | 'audience' | 'season' | 'event' | 'performance' | 'product' | 'seatCategory' | 'tariffType';

export interface Entry {
  id: string;
  code: string;
  /** The season it belongs to (subcategories, tariff types, events, performances, products). */
  seasonId: string | null;
  /** Catalogue state, when it has one. */
  state?: CatalogueState;
}

export interface Lookup {
  byId: Record<Kind, Map<string, Entry>>;
  byCode: Record<Kind, Map<string, Entry[]>>;
  performances: Map<string, PerformanceInput>;
  events: Map<string, EventInput>;
  seasons: Map<string, SeasonInput>;
  products: Map<string, ProductInput>;
  catalog?: unknown;
}

const PUBLIC_STATES: ReadonlySet<CatalogueState> = new Set(['running', 'suspended', 'closed', 'cancelled']);

const lookups = new WeakMap<Snapshot, Lookup>();

export function lookupOf(snapshot: Snapshot): Lookup {
  let lookup = lookups.get(snapshot);
  if (lookup) return lookup;
  const c: ConfigurationInput = snapshot.config;
  const events = new Map(c.events.map((e) => [e.id, e]));
  const entries: Record<Kind, Entry[]> = {
    channel: c.salesChannels.map((x) => ({ id: x.id, code: x.code, seasonId: null })),
    pointOfSale: c.pointsOfSale.map((x) => ({ id: x.id, code: x.code, seasonId: null })),
    audience: c.audienceSubcategories.map((x) => ({ id: x.id, code: x.code, seasonId: x.seasonId })),
    seatCategory: c.seatCategories.map((x) => ({ id: x.id, code: x.code, seasonId: null })),
    tariffType: c.tariffTypes.map((x) => ({ id: x.id, code: x.code, seasonId: x.seasonId })),
    season: c.seasons.map((x) => ({ id: x.id, code: x.code, seasonId: x.id, state: x.state })),
    event: c.events.map((x) => ({ id: x.id, code: x.code, seasonId: x.seasonId, state: x.state })),
    performance: c.performances.map((x) => ({ id: x.id, code: x.code, seasonId: events.get(x.eventId)?.seasonId ?? null, state: x.state })),
    product: c.products.map((x) => ({ id: x.id, code: x.code, seasonId: x.seasonId, state: x.state })),
  };
  const byId = {} as Lookup['byId'];
  const byCode = {} as Lookup['byCode'];
  for (const kind of Object.keys(entries) as Kind[]) {
    byId[kind] = new Map(entries[kind].map((e) => [e.id, e]));
    const codes = new Map<string, Entry[]>();
    for (const e of entries[kind]) {
      const list = codes.get(e.code);
      if (list) list.push(e);
      else codes.set(e.code, [e]);
    }
    byCode[kind] = codes;
  }
  lookup = {
    byId,
    byCode,
    performances: new Map(c.performances.map((p) => [p.id, p])),
    events,
    seasons: new Map(c.seasons.map((s) => [s.id, s])),
    products: new Map(c.products.map((p) => [p.id, p])),
  };
  lookups.set(snapshot, lookup);
  return lookup;
}

const LABEL: Record<Kind, string> = {
  channel: 'sales channel',
  pointOfSale: 'point of sale',
  audience: 'audience subcategory',
  season: 'season',
  event: 'event',
  performance: 'performance',
  product: 'product',
  seatCategory: 'seat category',
  tariffType: 'tariff type',
};

const LABEL_FR: Record<Kind, string> = {
  channel: 'filière de vente',
  pointOfSale: 'point de vente',
  audience: 'sous-catégorie de public',
  season: 'saison',
  event: 'événement',
  performance: 'séance',
  product: 'produit',
  seatCategory: 'catégorie de place',
  tariffType: 'type de tarif',
};

const notFound = (param: string, kind: Kind, value: string) =>
  new errors.NotFoundError(bilingual(`${LABEL_FR[kind]} inconnu(e) : « ${value} » (paramètre « ${param} »)`, `Unknown ${LABEL[kind]} "${value}" (parameter "${param}")`), {
    code: 'NOT_FOUND',
    parameter: param,
    value,
  });

/**
 * documentId first, then code. A code shared by several seasons is narrowed by `seasonId`
 * (the question's season); still ambiguous → 400 asking for the documentId or `season`.
 * Catalogue objects that were never public are reported as unknown.
 */
export function resolve(lookup: Lookup, kind: Kind, param: string, value: string, seasonId?: string | null): Entry {
  let entry = lookup.byId[kind].get(value);
  if (!entry) {
    let candidates = lookup.byCode[kind].get(value) ?? [];
    if (candidates.length > 1 && seasonId) candidates = candidates.filter((e) => e.seasonId === seasonId);
    if (candidates.length > 1) candidates = candidates.filter((e) => !e.state || PUBLIC_STATES.has(e.state));
    if (candidates.length > 1) {
      throw invalidParameter(param, 'ambiguous', {
        code: 'AMBIGUOUS_CODE',
        value,
      });
    }
    entry = candidates[0];
  }
  if (!entry || (entry.state && !PUBLIC_STATES.has(entry.state))) throw notFound(param, kind, value);
  return entry;
}

export interface ResolvedContext {
  channelId?: string;
  pointOfSaleId?: string;
  audienceSubcategoryId: string;
  buyerKind: 'public' | 'structure';
}

/** The buyer's sales channel: the one asked, or the point of sale's. */
export const channelOfContext = (snapshot: Snapshot, ctx: ResolvedContext): string | null =>
  ctx.channelId ?? (ctx.pointOfSaleId ? (snapshot.config.pointsOfSale.find((x) => x.id === ctx.pointOfSaleId)?.salesChannelId ?? null) : null);

export function resolveContext(lookup: Lookup, p: ContextParams, seasonId?: string | null): ResolvedContext {
  return {
    channelId: p.channel ? resolve(lookup, 'channel', 'channel', p.channel).id : undefined,
    pointOfSaleId: p.pointOfSale ? resolve(lookup, 'pointOfSale', 'pointOfSale', p.pointOfSale).id : undefined,
    audienceSubcategoryId: resolve(lookup, 'audience', 'audience', p.audience, seasonId).id,
    buyerKind: p.buyer,
  };
}

// ---- output shapes

/**
 * An instant in the institution's time zone with its offset ("2027-07-15T10:00:00+02:00"), from
 * the snapshot's zone clock (no luxon on the request path). Milliseconds only when not zero.
 */
export function localIso(snapshot: Snapshot, iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const offset = snapshot.clock.offset(ms);
  const wall = new Date(ms + offset * 60_000).toISOString();
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wall.endsWith('.000Z') ? wall.slice(0, 19) : wall.slice(0, 23)}${zone}`;
}

const atMeta = (snapshot: Snapshot, at: number) => {
  const iso = new Date(at).toISOString();
  return { at: iso, atLocal: localIso(snapshot, iso), timeZone: snapshot.config.timeZone };
};

/** documentId + code; a sales period (a component) has an id unique inside its calendar. */
const publicRef = (r: ObjectRef) => (r.calendarId !== undefined ? { type: r.type, id: r.id, code: r.code, calendarId: r.calendarId } : { type: r.type, documentId: r.id, code: r.code });

const reasonsIn = (reasons: readonly Reason[], locale: Locale) => reasons.map((r) => ({ code: r.code, objects: r.objects.map(publicRef), message: r.message[locale] }));

/** opensAt/closesAt with their local forms. */
const bounds = (snapshot: Snapshot, opensAt: string | null, closesAt: string | null) => ({
  opensAt,
  opensAtLocal: localIso(snapshot, opensAt),
  closesAt,
  closesAtLocal: localIso(snapshot, closesAt),
});

function answerFields(snapshot: Snapshot, a: PerformanceAnswer | ProductAnswer, locale: Locale) {
  return {
    status: a.status,
    ...bounds(snapshot, a.opensAt, a.closesAt),
    provenance: {
      periods: a.provenance.periods.map((p) => ({ calendar: publicRef(p.calendar), period: publicRef(p.period), ...bounds(snapshot, p.opensAt, p.closesAt) })),
      profiles: a.provenance.profiles.map(publicRef),
    },
    reasons: reasonsIn(a.reasons, locale),
  };
}

const performanceFields = (snapshot: Snapshot, p: PerformanceInput) => ({
  documentId: p.id,
  code: p.code,
  startsAt: p.startsAt,
  startsAtLocal: localIso(snapshot, p.startsAt),
  endsAt: p.endsAt,
  endsAtLocal: localIso(snapshot, p.endsAt),
});
const eventFields = (e: EventInput | undefined) => (e ? { documentId: e.id, code: e.code, name: e.name, kind: e.kind, venueName: e.venueName } : null);

const paginate = <T>(list: T[], page: number, pageSize: number) => ({
  items: list.slice((page - 1) * pageSize, page * pageSize),
  pagination: { page, pageSize, pageCount: Math.ceil(list.length / pageSize), total: list.length },
});

// ---- prices (issue #18): NO_PRICE composed with the engine's answers, « from » prices

// ---- the routes' answers (`locale`: the language of the reasons' messages)

/** The performances an on-sale question lists (the engine's part, before capacity), and the page asked. */
export function onSaleListing(snapshot: Snapshot, p: OnSaleParams, at: number) {
  const lookup = lookupOf(snapshot);
  const season = p.season ? resolve(lookup, 'season', 'season', p.season) : undefined;
  const event = p.event ? resolve(lookup, 'event', 'event', p.event, season?.id) : undefined;
  const ctx = resolveContext(lookup, p, season?.id ?? event?.seasonId);
  // NO_PRICE: a performance without any validated price is not listed where its organisation prices in the plugin.
  const list = listOnSale(snapshot, { ...ctx, at, includeSoon: p.include === 'soon', seasonId: season?.id, eventId: event?.id, from: p.from, to: p.to }).filter((item) =>
    performancePriced(snapshot, item.performance.id, lookup.events.get(item.event.id)?.seasonId),
  );
  return { ctx, ...paginate(list, p.page, p.pageSize) };
}
export type OnSaleListing = ReturnType<typeof onSaleListing>;

/** The performances of the page that are on sale and have pools: their usage decides SOLD_OUT (issue #17); none, nothing to read. */
export const onSalePooled = (snapshot: Snapshot, listing: OnSaleListing): string[] => {
  const pools = capacityOf(snapshot).performances;
  return pools.size === 0 ? [] : listing.items.filter((item) => item.status === 'ON_SALE' && pools.has(item.performance.id)).map((item) => item.performance.id);
};

/** What a buyer is, for the capacity core: channel (or the point of sale's), point of sale, audience category and subcategory code. */
function capacityBuyer(snapshot: Snapshot, ctx: ResolvedContext, at: number) {
  const sub = snapshot.config.audienceSubcategories.find((s) => s.id === ctx.audienceSubcategoryId);
  return { at, channelId: channelOfContext(snapshot, ctx), pointOfSaleId: ctx.pointOfSaleId ?? null, audienceCategoryId: sub?.audienceCategoryId ?? null, audienceSubcategory: sub?.code ?? null };
}

/**
 * `usages` (issue #17): what is held or sold on the listed performances that have pools
 * (onSalePooled). One on sale with nothing left for this buyer in any category stays listed as
 * SOLD_OUT with its reason (the binding pool), and the « from » price skips the categories with
 * nothing left. Performances without pools are listed as the engine says.
 */
export function onSale(snapshot: Snapshot, p: OnSaleParams, at: number, locale: Locale, usages?: ReadonlyMap<string, CapacityUsage>, listing = onSaleListing(snapshot, p, at)) {
  const lookup = lookupOf(snapshot);
  const { ctx, items, pagination } = listing;
  const capacity = usages && usages.size > 0 ? capacityOf(snapshot) : null;
  const buyer = capacity ? capacityBuyer(snapshot, ctx, at) : null;
  return {
    data: items.map((item) => {
      const perf = lookup.performances.get(item.performance.id)!;
      const ev = lookup.events.get(item.event.id);
      const pc = item.status === 'ON_SALE' ? capacity?.performances.get(perf.id) : undefined;
      const usage = pc ? usages!.get(perf.id) : undefined;
      const contingents = (pc && capacity!.contingentsOf.get(perf.id)) || new Map();
      // Whether a category has a place left for this buyer (a category outside the layout is not counted, as in the sale-status route).
      const hasLeft = (seatCategoryId: string) => {
        if (!pc || !usage) return true;
        const code = lookup.byId.seatCategory.get(seatCategoryId)?.code;
        return !code || !pc.categories.has(code) || capacityAvailability(pc, contingents, usage, { ...buyer!, category: code }).available > 0;
      };
      const soldOut = pc && usage ? soldOutReason(pc, contingents, usage, buyer!, [...pc.categories.keys()], [{ type: 'performance', id: perf.id, code: perf.code }]) : null;
      return {
        performance: performanceFields(snapshot, perf),
        event: eventFields(ev),
        status: soldOut ? ('SOLD_OUT' as const) : item.status,
        ...bounds(snapshot, item.opensAt, item.closesAt),
        // The cheapest price this buyer may buy now (or, for a performance soon on sale, once it opens).
        fromPrice: fromPrice(priceGate(snapshot, ev?.seasonId), perf.id, at, (seatCategoryId, tariffTypeId) => {
          const s = performanceStatusOnly(snapshot, { ...ctx, performanceId: perf.id, seatCategoryId, tariffTypeId, at });
          return (s === 'ON_SALE' && hasLeft(seatCategoryId)) || (item.status === 'SOON_ON_SALE' && s === 'SOON_ON_SALE');
        }),
        ...(soldOut ? { reasons: reasonsIn([soldOut], locale) } : {}),
      };
    }),
    meta: { ...atMeta(snapshot, at), pagination },
  };
}

/**
 * `usage` (issue #17): what is held or sold on the performance, given by the caller when the
 * performance has pools; then an open window with nothing left for this buyer answers SOLD_OUT
 * (line and matrix cells). Without it (no logical configuration) the answers are the engine's.
 */
export function performanceSaleStatus(snapshot: Snapshot, idOrCode: string, p: PerformanceStatusParams, at: number, locale: Locale, usage?: CapacityUsage) {
  const lookup = lookupOf(snapshot);
  const perfEntry = resolve(lookup, 'performance', 'idOrCode', idOrCode);
  const perf = lookup.performances.get(perfEntry.id)!;
  const ctx = resolveContext(lookup, p, perfEntry.seasonId);
  const seatCategoryId = p.seatCategory ? resolve(lookup, 'seatCategory', 'seatCategory', p.seatCategory).id : undefined;
  const tariffTypeId = p.tariffType ? resolve(lookup, 'tariffType', 'tariffType', p.tariffType, perfEntry.seasonId).id : undefined;
  const base = { performance: performanceFields(snapshot, perf), event: eventFields(lookup.events.get(perf.eventId)) };
  const gate = priceGate(snapshot, perfEntry.seasonId);
  const perfRef: ObjectRef = { type: 'performance', id: perf.id, code: perf.code };
  const refOf = (kind: 'seatCategory' | 'tariffType', id: string | undefined): ObjectRef[] => {
    const entry = id ? lookup.byId[kind].get(id) : undefined;
    return entry ? [{ type: kind, id: entry.id, code: entry.code }] : [];
  };
  let answer = performanceStatus(snapshot, { ...ctx, performanceId: perf.id, seatCategoryId, tariffTypeId, at });
  if (gate)
    answer = withPriceGate(
      answer,
      priced(gate, perf.id, seatCategoryId, tariffTypeId),
      [perfRef, ...refOf('seatCategory', seatCategoryId), ...refOf('tariffType', tariffTypeId)],
      !!(seatCategoryId || tariffTypeId),
    );
  const capacity = usage ? capacityOf(snapshot) : null;
  const pc = capacity?.performances.get(perf.id);
  const soldOut = <A extends PerformanceAnswer>(a: A, categoryId: string | undefined): A => {
    if (!pc || !usage) return a;
    const code = categoryId ? lookup.byId.seatCategory.get(categoryId)?.code : undefined;
    const categories = code ? (pc.categories.has(code) ? [code] : []) : [...pc.categories.keys()];
    return withSoldOut(a, pc, capacity!.contingentsOf.get(perf.id) ?? new Map(), usage, capacityBuyer(snapshot, ctx, at), categories, [perfRef, ...refOf('seatCategory', categoryId)]);
  };
  answer = soldOut(answer, seatCategoryId);
  const data: Record<string, unknown> = { ...base, ...answerFields(snapshot, answer, locale) };
  if (!seatCategoryId && !tariffTypeId) {
    const matrix = performanceMatrix(snapshot, { ...ctx, performanceId: perf.id, at });
    const cellOf = (cell: PerformanceAnswer, i: number, j: number) =>
      soldOut(
        gate ? withPriceGate(cell, hasPrice(gate.pricing, perf.id, matrix.seatCategories[i].id, matrix.tariffTypes[j].id), [perfRef, matrix.seatCategories[i], matrix.tariffTypes[j]], true) : cell,
        matrix.seatCategories[i].id,
      );
    data.matrix = {
      seatCategories: matrix.seatCategories.map(publicRef),
      tariffTypes: matrix.tariffTypes.map(publicRef),
      cells: matrix.cells.flatMap((row, i) =>
        row.map((cell, j) => ({ seatCategory: matrix.seatCategories[i].code, tariffType: matrix.tariffTypes[j].code, ...answerFields(snapshot, cellOf(cell, i, j), locale) })),
      ),
    };
  }
  return { data, meta: atMeta(snapshot, at) };
}

/**
 * What this buyer may buy of a performance, at what price (issue #18): the seat category × tariff
 * type cells ON_SALE for the question that have a validated price, with the fees of one ticket
 * on the channel (a point of sale's channel when only the point of sale is given).
 */
export function performancePrices(snapshot: Snapshot, idOrCode: string, p: PerformancePricesParams, at: number) {
  const lookup = lookupOf(snapshot);
  const perfEntry = resolve(lookup, 'performance', 'idOrCode', idOrCode);
  const perf = lookup.performances.get(perfEntry.id)!;
  const ctx = resolveContext(lookup, p, perfEntry.seasonId);
  const channelId = channelOfContext(snapshot, ctx);
  const context = pricingOf(snapshot);
  const prices: unknown[] = [];
  if (context && channelId) {
    const matrix = performanceMatrix(snapshot, { ...ctx, performanceId: perf.id, at });
    matrix.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell.status !== 'ON_SALE') return;
        const seat = matrix.seatCategories[i];
        const tariff = matrix.tariffTypes[j];
        const price = priceOf(context.pricing, { performanceId: perf.id, seatCategoryId: seat.id, tariffTypeId: tariff.id, at });
        if (!price) return;
        const fees = ticketFees(context.pricing, { channelId, tariffTypeId: tariff.id, unitPrice: price.ttc, at }).map((f) => ({
          code: f.code,
          name: f.name,
          amount: f.ttc,
          vat: f.vat,
          ht: f.ht,
          vatRate: f.vatRate,
        }));
        prices.push({
          seatCategory: publicRef(seat),
          tariffType: publicRef(tariff),
          amount: price.ttc,
          vat: price.vat,
          ht: price.ht,
          vatRate: price.vatRate,
          fees,
          total: price.ttc + fees.reduce((t, f) => t + f.amount, 0),
        });
      }),
    );
  }
  return { data: { performance: performanceFields(snapshot, perf), event: eventFields(lookup.events.get(perf.eventId)), prices }, meta: atMeta(snapshot, at) };
}

/** One refused line or field of a quote (all of them are reported, in one 400). */
interface QuoteError {
  path: (string | number)[];
  code: string;
  message: { fr: string; en: string };
  reasons?: string[];
}

/**
 * A quote for a basket (POST /quotes, read-only): each line must name a known performance, seat
 * category and tariff type and be ON_SALE for the question (NO_PRICE included), then the pricing
 * core prices it. Every bad line or field is reported at once, as a 400 naming it.
 */
export function quoteAnswer(snapshot: Snapshot, body: QuoteBody, at: number, locale: Locale) {
  const lookup = lookupOf(snapshot);
  const ctx = resolveContext(lookup, { channel: body.channel, pointOfSale: body.pointOfSale, audience: body.audience, buyer: body.buyer });
  const channelId = channelOfContext(snapshot, ctx);
  const context = pricingOf(snapshot);
  const problems: QuoteError[] = [];
  const find = (kind: Kind, value: string, seasonId?: string | null) => {
    try {
      return resolve(lookup, kind, kind, value, seasonId);
    } catch {
      return null;
    }
  };
  const lines: { performanceId: string; seatCategoryId: string; tariffTypeId: string; quantity: number }[] = [];
  body.lines.forEach((l, i) => {
    const perf = find('performance', l.performance);
    const seat = find('seatCategory', l.seatCategory);
    const tariff = find('tariffType', l.tariffType, perf?.seasonId);
    const unknown = (field: string, fr: string, en: string) =>
      problems.push({ path: ['lines', i, field], code: 'NOT_FOUND', message: { fr: `lines[${i}].${field} : ${fr}`, en: `lines[${i}].${field}: ${en}` } });
    if (!perf) unknown('performance', 'séance inconnue', 'unknown performance');
    if (!seat) unknown('seatCategory', 'catégorie de place inconnue', 'unknown seat category');
    if (!tariff) unknown('tariffType', 'type de tarif inconnu', 'unknown tariff type');
    if (!perf || !seat || !tariff) return;
    const answer = lineStatus(snapshot, { ...ctx, performanceId: perf.id, seatCategoryId: seat.id, tariffTypeId: tariff.id, at });
    if (answer.status !== 'ON_SALE') {
      problems.push({
        path: ['lines', i],
        code: 'NOT_ON_SALE',
        message: { fr: `lines[${i}] : pas en vente (${answer.reasons.map((r) => r.message.fr).join(' ; ')})`, en: `lines[${i}]: not on sale (${answer.reasons.map((r) => r.message.en).join('; ')})` },
        reasons: answer.reasons.map((r) => r.code),
      });
      return;
    }
    lines.push({ performanceId: perf.id, seatCategoryId: seat.id, tariffTypeId: tariff.id, quantity: l.quantity });
  });
  const method = (kind: 'deliveryMethods' | 'paymentMethods', value: string | undefined) => {
    if (!value || !context) return value ?? null;
    const map = context.pricing[kind];
    if (map.has(value)) return value;
    for (const [id, m] of map) if (m.code === value) return id;
    return value; // unknown: the pricing core reports it, naming the field
  };
  if (!problems.length && context && channelId) {
    const result = priceQuote(context.pricing, {
      channelId,
      at,
      deliveryMethodId: method('deliveryMethods', body.deliveryMethod),
      paymentMethodId: method('paymentMethods', body.paymentMethod),
      lines,
    });
    if (result.ok) {
      const q = result.quote;
      const refs = (kind: Kind, id: string) => {
        const e = lookup.byId[kind].get(id)!;
        return { type: kind, documentId: e.id, code: e.code };
      };
      const fee = (f: (typeof q.orderFees)[number]) => ({ code: f.code, name: f.name, ttc: f.ttc, vat: f.vat, ht: f.ht, vatRate: f.vatRate });
      return {
        data: {
          lines: q.lines.map((l) => ({
            index: l.index,
            performance: refs('performance', l.performanceId),
            seatCategory: refs('seatCategory', l.seatCategoryId),
            tariffType: refs('tariffType', l.tariffTypeId),
            quantity: l.quantity,
            unitPrice: { ttc: l.unitPrice.ttc, vat: l.unitPrice.vat, ht: l.unitPrice.ht, vatRate: l.unitPrice.vatRate },
            ttc: l.ttc,
            vat: l.vat,
            ht: l.ht,
            fees: l.fees.map(fee),
            total: l.total,
          })),
          orderFees: q.orderFees.map(fee),
          vatByRate: q.vatByRate,
          totals: q.totals,
        },
        meta: atMeta(snapshot, at),
      };
    }
    for (const p of result.problems) {
      const path = p.line === null ? [p.field] : p.field.endsWith('.quantity') ? ['lines', p.line, 'quantity'] : ['lines', p.line];
      problems.push({ path, code: p.code, message: { fr: `${p.field} : ${p.code}`, en: `${p.field}: ${p.code}` } });
    }
  }
  if (!problems.length) problems.push({ path: ['lines'], code: 'NO_PRICE', message: { fr: 'lines : aucun prix pour ce panier', en: 'lines: no price for this basket' } });
  throw new errors.ValidationError(problems.map((p) => p.message[locale]).join(' ; '), {
    code: 'INVALID_QUOTE',
    errors: problems.map((p) => ({ path: p.path.map(String), message: p.message[locale], name: 'ValidationError', code: p.code, ...(p.reasons ? { reasons: p.reasons } : {}) })),
  });
}

const productFields = (x: ProductInput) => ({ documentId: x.id, code: x.code, name: x.name, type: x.type });

export function productsOnSale(snapshot: Snapshot, p: ProductsOnSaleParams, at: number) {
  const lookup = lookupOf(snapshot);
  const season = p.season ? resolve(lookup, 'season', 'season', p.season) : undefined;
  const ctx = resolveContext(lookup, p, season?.id);
  const list = listProductsOnSale(snapshot, { ...ctx, at, includeSoon: p.include === 'soon', seasonId: season?.id, productType: p.productType });
  const { items, pagination } = paginate(list, p.page, p.pageSize);
  return {
    data: items.map((item) => ({ product: productFields(lookup.products.get(item.product.id)!), status: item.status, ...bounds(snapshot, item.opensAt, item.closesAt) })),
    meta: { ...atMeta(snapshot, at), pagination },
  };
}

export function productSaleStatus(snapshot: Snapshot, idOrCode: string, p: ProductStatusParams, at: number, locale: Locale) {
  const lookup = lookupOf(snapshot);
  const entry = resolve(lookup, 'product', 'idOrCode', idOrCode);
  const ctx = resolveContext(lookup, p, entry.seasonId);
  const answer = productStatus(snapshot, { ...ctx, productId: entry.id, quantity: p.quantity, at });
  return {
    data: { product: productFields(lookup.products.get(entry.id)!), ...answerFields(snapshot, answer, locale), quantityAllowed: answer.quantityAllowed },
    meta: atMeta(snapshot, at),
  };
}

/** Running seasons → running events → running performances (memoised per snapshot). */
export function catalog(snapshot: Snapshot, p: CatalogParams) {
  const lookup = lookupOf(snapshot);
  const only = p.season ? resolve(lookup, 'season', 'season', p.season) : undefined;
  if (!lookup.catalog) {
    const c = snapshot.config;
    const perfsByEvent = new Map<string, PerformanceInput[]>();
    for (const perf of [...c.performances].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0))) {
      if (perf.state !== 'running') continue;
      const list = perfsByEvent.get(perf.eventId);
      if (list) list.push(perf);
      else perfsByEvent.set(perf.eventId, [perf]);
    }
    lookup.catalog = c.seasons
      .filter((s) => s.state === 'running')
      .map((s) => ({
        documentId: s.id,
        code: s.code,
        name: s.name,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        events: c.events
          .filter((e) => e.seasonId === s.id && e.state === 'running')
          .map((e) => ({ ...eventFields(e), performances: (perfsByEvent.get(e.id) ?? []).map((perf) => performanceFields(snapshot, perf)) })),
      }));
  }
  const seasons = lookup.catalog as { documentId: string }[];
  if (only && !seasons.some((s) => s.documentId === only.id)) throw notFound('season', 'season', p.season!);
  return { data: { seasons: only ? seasons.filter((s) => s.documentId === only.id) : seasons }, meta: { timeZone: snapshot.config.timeZone } };
}

// ---- capacity (issue #17): what is left, per seat category, for this buyer

const poolRef = (p: Pool) => ({ kind: p.kind, ...(p.code ? { code: p.code } : {}), capacity: p.capacity, used: p.used, left: Math.max(0, p.left) });

/** The band shown instead of a count when the plugin's `availabilityFewLeft` is set. */
const bandOf = (available: number, fewLeft: number) => (available <= 0 ? 'NONE' : available <= fewLeft ? 'FEW_LEFT' : 'AVAILABLE');

/** The performance id asked (404 as on every route), for the caller to read its usage first. */
export function performanceIdOf(snapshot: Snapshot, idOrCode: string): string {
  return resolve(lookupOf(snapshot), 'performance', 'idOrCode', idOrCode).id;
}

/**
 * GET /performances/:idOrCode/availability: per seat category of the performance's logical
 * configuration, the engine's status for this buyer (SOLD_OUT when the window is open and nothing
 * is left), the places that may be held now (or a band) and the pool that binds. A performance
 * without a validated logical configuration answers `counted: false` and no categories.
 */
export function performanceAvailability(snapshot: Snapshot, idOrCode: string, p: PerformanceAvailabilityParams, at: number, locale: Locale, usage: CapacityUsage, fewLeft: number) {
  const lookup = lookupOf(snapshot);
  const perfEntry = resolve(lookup, 'performance', 'idOrCode', idOrCode);
  const perf = lookup.performances.get(perfEntry.id)!;
  const ctx = resolveContext(lookup, p, perfEntry.seasonId);
  const base = { performance: performanceFields(snapshot, perf), event: eventFields(lookup.events.get(perf.eventId)) };
  const capacity = capacityOf(snapshot);
  const pc = capacity.performances.get(perf.id);
  if (!pc) return { data: { ...base, counted: false, categories: [] }, meta: atMeta(snapshot, at) };
  const contingents = capacity.contingentsOf.get(perf.id) ?? new Map();
  const sub = snapshot.config.audienceSubcategories.find((s) => s.id === ctx.audienceSubcategoryId);
  const channelId = channelOfContext(snapshot, ctx);
  const gate = priceGate(snapshot, perfEntry.seasonId);
  const categories = [...pc.categories.keys()].sort().flatMap((code) => {
    const seat = (lookup.byCode.seatCategory.get(code) ?? [])[0];
    if (!seat) return [];
    let answer = performanceStatus(snapshot, { ...ctx, performanceId: perf.id, seatCategoryId: seat.id, at });
    if (gate) answer = withPriceGate(answer, priced(gate, perf.id, seat.id), [{ type: 'performance', id: perf.id, code: perf.code }], true);
    const a = capacityAvailability(pc, contingents, usage, {
      category: code,
      at,
      channelId,
      pointOfSaleId: ctx.pointOfSaleId ?? null,
      audienceCategoryId: sub?.audienceCategoryId ?? null,
      audienceSubcategory: sub?.code ?? null,
    });
    const soldOut = answer.status === 'ON_SALE' && a.available === 0;
    const reasons = soldOut
      ? [{ code: 'SOLD_OUT' as const, objects: [{ type: 'performance' as const, documentId: perf.id, code: perf.code }], message: soldOutMessage(a.binding)[locale] }]
      : reasonsIn(answer.reasons, locale);
    return [
      {
        seatCategory: { type: 'seatCategory' as const, documentId: seat.id, code },
        numbered: pc.categories.get(code)!.kind === 'numbered',
        status: soldOut ? ('SOLD_OUT' as const) : answer.status,
        available: fewLeft > 0 ? null : a.available,
        band: fewLeft > 0 ? bandOf(a.available, fewLeft) : null,
        binding: fewLeft > 0 ? { kind: a.binding.kind, ...(a.binding.code ? { code: a.binding.code } : {}) } : poolRef(a.binding),
        reasons,
      },
    ];
  });
  return { data: { ...base, counted: true, categories }, meta: atMeta(snapshot, at) };
}
