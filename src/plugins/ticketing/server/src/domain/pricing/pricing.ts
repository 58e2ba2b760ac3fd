/**
 * The pricing core: compiled once per configuration, then asked for prices, quotes and the
 * maximum gross revenue. Pure: no Strapi import.
 */
import { basisPoints, percentOf, splitTtc, type Cents, type VatSplit } from './money';
import type { DeliveryFeeInput, GeneralFeeInput, Id, PricedPerformanceInput, PricingInput, SimpleFeeInput } from './model';

type CellKey = string;
const cellKey = (seatCategoryId: Id, tariffTypeId: Id, priceLevelId: Id | null): CellKey => `${seatCategoryId}\u0000${tariffTypeId}\u0000${priceLevelId ?? ''}`;

interface CompiledCell {
  amount: Cents;
  vatRateId: Id;
  gridId: Id;
  /** The last price computed from this cell and the rate row it used (prices are shared, never mutated). */
  cachedRate: CompiledRate | null;
  cachedPrice: Price | null;
}

interface CompiledRate {
  code: string;
  family: string;
  bp: number;
  rate: number;
  from: number;
  until: number;
}

export interface PricingSnapshot {
  performances: Map<Id, PricedPerformanceInput>;
  /** grids by scope: `p:<id>`, `e:<id>`, `s:<id>`. */
  grids: Map<string, Map<CellKey, CompiledCell>>;
  /** seat category × tariff type pairs any grid of a scope prices (for listings). */
  pairs: Map<string, Set<string>>;
  vatRates: Map<Id, CompiledRate>;
  vatByCode: Map<string, CompiledRate[]>;
  simpleFees: CompiledFee<SimpleFeeInput>[];
  generalFees: CompiledFee<GeneralFeeInput>[];
  deliveryFees: CompiledFee<DeliveryFeeInput>[];
  deliveryMethods: Map<Id, { code: string; kind: string; salesChannelIds: Set<Id> }>;
  paymentMethods: Map<Id, { code: string; kind: string; salesChannelIds: Set<Id> }>;
}

interface CompiledFee<F> {
  fee: F;
  from: number;
  until: number;
  channels: Set<Id> | null;
}

const instant = (iso: string | null, open: number) => (iso ? Date.parse(iso) : open);

function compileFee<F extends { validFrom: string | null; validUntil: string | null; salesChannelIds: Id[] }>(fee: F): CompiledFee<F> {
  return { fee, from: instant(fee.validFrom, -Infinity), until: instant(fee.validUntil, Infinity), channels: fee.salesChannelIds.length ? new Set(fee.salesChannelIds) : null };
}

const applies = (f: CompiledFee<unknown>, channelId: Id, at: number) => f.from <= at && at < f.until && (!f.channels || f.channels.has(channelId));

export function compilePricing(input: PricingInput): PricingSnapshot {
  const grids = new Map<string, Map<CellKey, CompiledCell>>();
  const pairs = new Map<string, Set<string>>();
  // Deterministic: several validated grids of one scope merge in code order (validation keeps one per scope).
  for (const grid of [...input.grids].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const scope = grid.performanceId ? `p:${grid.performanceId}` : grid.eventId ? `e:${grid.eventId}` : `s:${grid.seasonId}`;
    let cells = grids.get(scope);
    if (!cells) grids.set(scope, (cells = new Map()));
    let scopePairs = pairs.get(scope);
    if (!scopePairs) pairs.set(scope, (scopePairs = new Set()));
    for (const c of grid.cells) {
      cells.set(cellKey(c.seatCategoryId, c.tariffTypeId, c.priceLevelId), { amount: c.amount, vatRateId: c.vatRateId, gridId: grid.id, cachedRate: null, cachedPrice: null });
      scopePairs.add(`${c.seatCategoryId}\u0000${c.tariffTypeId}`);
    }
  }
  const vatRates = new Map<Id, CompiledRate>();
  const vatByCode = new Map<string, CompiledRate[]>();
  for (const r of input.vatRates) {
    const compiled = { code: r.code, family: r.family, bp: basisPoints(r.rate), rate: r.rate, from: instant(r.validFrom, -Infinity), until: instant(r.validUntil, Infinity) };
    vatRates.set(r.id, compiled);
    const list = vatByCode.get(r.family) ?? [];
    list.push(compiled);
    vatByCode.set(r.family, list);
  }
  const methods = (list: { id: Id; code: string; kind: string; salesChannelIds: Id[] }[]) =>
    new Map(list.map((m) => [m.id, { code: m.code, kind: m.kind, salesChannelIds: new Set(m.salesChannelIds) }]));
  return {
    performances: new Map(input.performances.map((p) => [p.id, p])),
    grids,
    pairs,
    vatRates,
    vatByCode,
    simpleFees: input.fees.simple.map(compileFee),
    generalFees: input.fees.general.map(compileFee),
    deliveryFees: input.fees.delivery.map(compileFee),
    deliveryMethods: methods(input.deliveryMethods),
    paymentMethods: methods(input.paymentMethods),
  };
}

export interface AppliedRate {
  code: string;
  /** percent (5.5) */
  rate: number;
}

/**
 * The rate in force at `at` for the rate a cell or a fee names: the row of the same family valid
 * at that instant (a rate changes by a new row with a new validity), else the named row itself.
 */
export function rateAt(snapshot: PricingSnapshot, vatRateId: Id, at: number): CompiledRate | null {
  const named = snapshot.vatRates.get(vatRateId);
  if (!named) return null;
  if (named.from <= at && at < named.until) return named;
  return snapshot.vatByCode.get(named.family)?.find((r) => r.from <= at && at < r.until) ?? named;
}

export interface PriceQuery {
  performanceId: Id;
  seatCategoryId: Id;
  tariffTypeId: Id;
  at: number;
}

export interface Price extends VatSplit {
  /** Unit price TTC in cents. */
  vatRate: AppliedRate;
  /** The grid that set the cell (the performance's, the event's or the season's). */
  gridId: Id;
}

/** The scopes a performance's prices come from, most specific first. */
function scopesOf(perf: PricedPerformanceInput): string[] {
  return [`p:${perf.id}`, `e:${perf.eventId}`, `s:${perf.seasonId}`];
}

function findCell(snapshot: PricingSnapshot, perf: PricedPerformanceInput, seatCategoryId: Id, tariffTypeId: Id): CompiledCell | null {
  const withLevel = perf.priceLevelId ? cellKey(seatCategoryId, tariffTypeId, perf.priceLevelId) : null;
  const anyLevel = cellKey(seatCategoryId, tariffTypeId, null);
  for (const scope of scopesOf(perf)) {
    const cells = snapshot.grids.get(scope);
    if (!cells) continue;
    const cell = (withLevel && cells.get(withLevel)) || cells.get(anyLevel);
    if (cell) return cell;
  }
  return null;
}

/**
 * The price of performance × seat category × tariff type at `at`: the performance's child grid,
 * then the event's, then the season's (the first that sets the cell wins); in each, a cell of the
 * performance's price level before a cell for every level. `null`: no validated price.
 */
export function priceOf(snapshot: PricingSnapshot, query: PriceQuery): Price | null {
  const perf = snapshot.performances.get(query.performanceId);
  if (!perf) return null;
  const cell = findCell(snapshot, perf, query.seatCategoryId, query.tariffTypeId);
  if (!cell) return null;
  const rate = rateAt(snapshot, cell.vatRateId, query.at);
  if (!rate) return null;
  if (cell.cachedRate === rate && cell.cachedPrice) return cell.cachedPrice;
  const split = splitTtc(cell.amount, rate.bp);
  const price: Price = Object.freeze({ ttc: split.ttc, vat: split.vat, ht: split.ht, vatRate: Object.freeze({ code: rate.code, rate: rate.rate }), gridId: cell.gridId });
  cell.cachedRate = rate;
  cell.cachedPrice = price;
  return price;
}

/** Whether the performance has a validated price for this seat category and tariff type. */
export const hasPrice = (snapshot: PricingSnapshot, performanceId: Id, seatCategoryId: Id, tariffTypeId: Id): boolean => {
  const perf = snapshot.performances.get(performanceId);
  return !!perf && !!findCell(snapshot, perf, seatCategoryId, tariffTypeId);
};

/** Every seat category × tariff type pair priced for a performance (any of its three scopes). */
export function pricedPairs(snapshot: PricingSnapshot, performanceId: Id): { seatCategoryId: Id; tariffTypeId: Id }[] {
  const perf = snapshot.performances.get(performanceId);
  if (!perf) return [];
  const seen = new Set<string>();
  for (const scope of scopesOf(perf)) for (const pair of snapshot.pairs.get(scope) ?? []) seen.add(pair);
  const out: { seatCategoryId: Id; tariffTypeId: Id }[] = [];
  for (const pair of seen) {
    const [seatCategoryId, tariffTypeId] = pair.split('\u0000');
    // A pair priced only for another price level has no price for this performance.
    if (findCell(snapshot, perf, seatCategoryId, tariffTypeId)) out.push({ seatCategoryId, tariffTypeId });
  }
  return out;
}

export interface AppliedFee extends VatSplit {
  feeId: Id;
  code: string;
  name: string;
  vatRate: AppliedRate;
}

function applyFee(snapshot: PricingSnapshot, fee: { id: Id; code: string; name: string; vatRateId: Id }, amount: Cents, at: number): AppliedFee | null {
  if (amount <= 0) return null;
  const rate = rateAt(snapshot, fee.vatRateId, at);
  const bp = rate?.bp ?? 0;
  const split = splitTtc(amount, bp);
  return { feeId: fee.id, code: fee.code, name: fee.name, ttc: split.ttc, vat: split.vat, ht: split.ht, vatRate: { code: rate?.code ?? '', rate: rate?.rate ?? 0 } };
}

const feeAmount = (kind: 'fixed' | 'percent', value: number, base: Cents): Cents => (kind === 'fixed' ? Math.max(0, Math.round(value)) : percentOf(base, basisPoints(value)));

/** The per-ticket fees (simple fees, and per-ticket delivery fees of the delivery method) of one ticket. */
export function ticketFees(snapshot: PricingSnapshot, context: { channelId: Id; tariffTypeId: Id; unitPrice: Cents; at: number; deliveryMethodId?: Id | null }): AppliedFee[] {
  const out: AppliedFee[] = [];
  for (const f of snapshot.simpleFees) {
    if (!applies(f, context.channelId, context.at)) continue;
    if (f.fee.tariffTypeIds.length && !f.fee.tariffTypeIds.includes(context.tariffTypeId)) continue;
    const applied = applyFee(snapshot, f.fee, feeAmount(f.fee.kind, f.fee.value, context.unitPrice), context.at);
    if (applied) out.push(applied);
  }
  if (context.deliveryMethodId) {
    for (const f of snapshot.deliveryFees) {
      if (f.fee.per !== 'ticket' || f.fee.deliveryMethodId !== context.deliveryMethodId || !applies(f, context.channelId, context.at)) continue;
      const applied = applyFee(snapshot, f.fee, f.fee.amount, context.at);
      if (applied) out.push(applied);
    }
  }
  return out;
}

export interface QuoteLineInput {
  performanceId: Id;
  seatCategoryId: Id;
  tariffTypeId: Id;
  quantity: number;
}

export interface QuoteInput {
  channelId: Id;
  at: number;
  deliveryMethodId?: Id | null;
  paymentMethodId?: Id | null;
  lines: QuoteLineInput[];
}

export interface QuoteLine extends VatSplit {
  index: number;
  performanceId: Id;
  seatCategoryId: Id;
  tariffTypeId: Id;
  quantity: number;
  unitPrice: Price;
  /** Fees of one ticket (each multiplied by the quantity in `fees`). */
  fees: AppliedFee[];
  /** Tickets plus their fees, TTC/VAT/HT. */
  total: VatSplit;
}

export interface VatLine {
  code: string;
  rate: number;
  ttc: Cents;
  vat: Cents;
  ht: Cents;
}

export interface Quote {
  lines: QuoteLine[];
  orderFees: AppliedFee[];
  vatByRate: VatLine[];
  totals: VatSplit;
}

export type QuoteProblemCode = 'NO_PRICE' | 'BAD_QUANTITY' | 'UNKNOWN_DELIVERY_METHOD' | 'DELIVERY_METHOD_NOT_ON_CHANNEL' | 'UNKNOWN_PAYMENT_METHOD' | 'PAYMENT_METHOD_NOT_ON_CHANNEL' | 'EMPTY_BASKET';

export interface QuoteProblem {
  code: QuoteProblemCode;
  /** The line's index, or the field's name for an order-level problem. */
  line: number | null;
  field: string;
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; problems: QuoteProblem[] };

/**
 * A quote for a basket: each line (quantity × unit price; the VAT of one ticket × quantity), each
 * ticket's fees (× quantity), the order's fees (general fees: booking, payment, delivery; delivery
 * fees per order), VAT summed per rate, totals. Every problem of the basket is returned, not only
 * the first. Whether the line is on sale is the sale-window engine's question (the shell asks it).
 */
export function quote(snapshot: PricingSnapshot, input: QuoteInput): QuoteResult {
  const problems: QuoteProblem[] = [];
  if (!input.lines.length) problems.push({ code: 'EMPTY_BASKET', line: null, field: 'lines' });
  const delivery = input.deliveryMethodId ? snapshot.deliveryMethods.get(input.deliveryMethodId) : null;
  if (input.deliveryMethodId && !delivery) problems.push({ code: 'UNKNOWN_DELIVERY_METHOD', line: null, field: 'deliveryMethod' });
  else if (delivery && delivery.salesChannelIds.size && !delivery.salesChannelIds.has(input.channelId)) problems.push({ code: 'DELIVERY_METHOD_NOT_ON_CHANNEL', line: null, field: 'deliveryMethod' });
  const payment = input.paymentMethodId ? snapshot.paymentMethods.get(input.paymentMethodId) : null;
  if (input.paymentMethodId && !payment) problems.push({ code: 'UNKNOWN_PAYMENT_METHOD', line: null, field: 'paymentMethod' });
  else if (payment && payment.salesChannelIds.size && !payment.salesChannelIds.has(input.channelId)) problems.push({ code: 'PAYMENT_METHOD_NOT_ON_CHANNEL', line: null, field: 'paymentMethod' });

  const lines: QuoteLine[] = [];
  for (let index = 0; index < input.lines.length; index++) {
    const l = input.lines[index];
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 1000) {
      problems.push({ code: 'BAD_QUANTITY', line: index, field: `lines[${index}].quantity` });
      continue;
    }
    const unitPrice = priceOf(snapshot, { performanceId: l.performanceId, seatCategoryId: l.seatCategoryId, tariffTypeId: l.tariffTypeId, at: input.at });
    if (!unitPrice) {
      problems.push({ code: 'NO_PRICE', line: index, field: `lines[${index}]` });
      continue;
    }
    const fees = ticketFees(snapshot, { channelId: input.channelId, tariffTypeId: l.tariffTypeId, unitPrice: unitPrice.ttc, at: input.at, deliveryMethodId: input.deliveryMethodId });
    const n = l.quantity;
    const total = { ttc: unitPrice.ttc * n, vat: unitPrice.vat * n, ht: unitPrice.ht * n };
    for (const f of fees) {
      total.ttc += f.ttc * n;
      total.vat += f.vat * n;
      total.ht += f.ht * n;
    }
    lines.push({
      index,
      performanceId: l.performanceId,
      seatCategoryId: l.seatCategoryId,
      tariffTypeId: l.tariffTypeId,
      quantity: n,
      ttc: unitPrice.ttc * n,
      vat: unitPrice.vat * n,
      ht: unitPrice.ht * n,
      unitPrice,
      fees,
      total,
    });
  }
  if (problems.length) return { ok: false, problems };

  const ticketsTtc = lines.reduce((sum, l) => sum + l.ttc, 0);
  const orderFees: AppliedFee[] = [];
  for (const f of snapshot.generalFees) {
    if (!applies(f, input.channelId, input.at)) continue;
    const g = f.fee;
    if (g.feeKind === 'payment' && (!input.paymentMethodId || (g.paymentMethodId && g.paymentMethodId !== input.paymentMethodId))) continue;
    if (g.feeKind === 'delivery' && (!delivery || (g.deliveryKind && g.deliveryKind !== delivery.kind))) continue;
    const applied = applyFee(snapshot, g, feeAmount(g.kind, g.value, ticketsTtc), input.at);
    if (applied) orderFees.push(applied);
  }
  if (input.deliveryMethodId) {
    for (const f of snapshot.deliveryFees) {
      if (f.fee.per !== 'order' || f.fee.deliveryMethodId !== input.deliveryMethodId || !applies(f, input.channelId, input.at)) continue;
      const applied = applyFee(snapshot, f.fee, f.fee.amount, input.at);
      if (applied) orderFees.push(applied);
    }
  }

  const byRate = new Map<string, VatLine>();
  const add = (rate: AppliedRate, s: VatSplit, n: number) => {
    const key = `${rate.code}\u0000${rate.rate}`;
    let v = byRate.get(key);
    if (!v) byRate.set(key, (v = { code: rate.code, rate: rate.rate, ttc: 0, vat: 0, ht: 0 }));
    v.ttc += s.ttc * n;
    v.vat += s.vat * n;
    v.ht += s.ht * n;
  };
  for (const l of lines) {
    add(l.unitPrice.vatRate, l.unitPrice, l.quantity);
    for (const f of l.fees) add(f.vatRate, f, l.quantity);
  }
  for (const f of orderFees) add(f.vatRate, f, 1);
  const vatByRate = [...byRate.values()].sort((a, b) => a.rate - b.rate || (a.code < b.code ? -1 : 1));
  const totals = vatByRate.reduce((t, v) => ({ ttc: t.ttc + v.ttc, vat: t.vat + v.vat, ht: t.ht + v.ht }), { ttc: 0, vat: 0, ht: 0 });
  return { ok: true, quote: { lines, orderFees, vatByRate, totals } };
}

export interface RevenueQuery {
  performanceIds: Id[];
  /** Sellable places per seat category of a performance (from its logical configuration). */
  sellable: (performanceId: Id) => ReadonlyMap<Id, number> | Record<Id, number>;
  /** The tariff type whose price counts (the full price), per performance's season. */
  tariffTypeId: (performanceId: Id) => Id | null;
  at: number;
}

export interface PerformanceRevenue {
  performanceId: Id;
  ttc: Cents;
  vat: Cents;
  ht: Cents;
  /** Seat categories with sellable places but no price for the tariff (counted as 0). */
  unpricedSeatCategoryIds: Id[];
}

/**
 * Maximum gross revenue (recette maximale): sellable places per category × the price of the
 * chosen tariff, HT and TTC, per performance and in total. VAT is computed per category line.
 */
export function maximumRevenue(snapshot: PricingSnapshot, query: RevenueQuery): { performances: PerformanceRevenue[]; totals: VatSplit } {
  const performances: PerformanceRevenue[] = [];
  const totals = { ttc: 0, vat: 0, ht: 0 };
  for (const performanceId of query.performanceIds) {
    const row: PerformanceRevenue = { performanceId, ttc: 0, vat: 0, ht: 0, unpricedSeatCategoryIds: [] };
    const tariffTypeId = query.tariffTypeId(performanceId);
    const counts = query.sellable(performanceId);
    const entries: [Id, number][] = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
    for (const [seatCategoryId, places] of entries) {
      if (places <= 0) continue;
      const price = tariffTypeId ? priceOf(snapshot, { performanceId, seatCategoryId, tariffTypeId, at: query.at }) : null;
      if (!price) {
        row.unpricedSeatCategoryIds.push(seatCategoryId);
        continue;
      }
      const ttc = price.ttc * places;
      const vat = price.vat * places;
      row.ttc += ttc;
      row.vat += vat;
      row.ht += ttc - vat;
    }
    totals.ttc += row.ttc;
    totals.vat += row.vat;
    totals.ht += row.ht;
    performances.push(row);
  }
  return { performances, totals };
}
