/**
 * NO_PRICE, composed with the sale-window engine at the answer level (the engine's window
 * evaluation is not touched): where the organisation prices in the plugin, a line without a
 * validated price is not on sale, whatever the calendars and profiles say. The answer keeps its
 * opensAt/closesAt (when it would be sold, as for any NOT_ON_SALE answer) and gains the reason.
 */
import { orderReasons, performanceStatus, type ObjectRef, type PerformanceAnswer, type PerformanceQuery, type Reason, type SaleAnswer, type SaleStatus, type Snapshot } from '..';
import { performanceRef } from '../snapshot';
import type { Id } from './model';
import { pricesInPlugin, pricingOf, type PricingContext } from './attach';
import { hasPrice, priceOf, pricedPairs } from './pricing';

export const NO_PRICE_MESSAGE = {
  line: { fr: 'aucun prix validé pour cette catégorie de place et ce type de tarif', en: 'no validated price for this seat category and tariff type' },
  performance: { fr: 'aucun prix validé pour cette séance', en: 'no validated price for this performance' },
} as const;

export function noPriceReason(objects: readonly ObjectRef[], line: boolean): Reason {
  return { code: 'NO_PRICE', objects, message: line ? NO_PRICE_MESSAGE.line : NO_PRICE_MESSAGE.performance };
}

/** A status with NO_PRICE applied: an unpriced line is not on sale (temporarily unavailable stays: it says more). */
export const gatedStatus = (status: SaleStatus, isPriced: boolean): SaleStatus => (isPriced || status === 'TEMPORARILY_UNAVAILABLE' ? status : 'NOT_ON_SALE');

/** The answer with NO_PRICE applied when `priced` is false (the same answer otherwise). */
export function withPriceGate<A extends SaleAnswer>(answer: A, priced: boolean, objects: readonly ObjectRef[], line: boolean): A {
  if (priced) return answer;
  return {
    ...answer,
    status: gatedStatus(answer.status, false),
    provenance: { periods: [], profiles: [] },
    reasons: orderReasons([...answer.reasons, noPriceReason(objects, line)]),
  };
}

/** The pricing context when the NO_PRICE rule applies to this season (its organisation prices in the plugin). */
export const priceGate = (snapshot: object, seasonId: Id | null | undefined): PricingContext | null => {
  const context = pricingOf(snapshot);
  return pricesInPlugin(context, seasonId) ? context : null;
};

/**
 * The engine's answer for one line — performance × seat category × tariff type — with NO_PRICE
 * applied: what the sale-status route answers for it, and what a quote or a hold may sell.
 */
export function lineStatus(snapshot: Snapshot, query: PerformanceQuery & { seatCategoryId: Id; tariffTypeId: Id }): PerformanceAnswer {
  const answer = performanceStatus(snapshot, query);
  const p = snapshot.index.performance.get(query.performanceId);
  if (p === undefined) return answer;
  const gate = priceGate(snapshot, snapshot.seasons[snapshot.events[snapshot.perf.eventIdx[p]].seasonIdx]?.ref.id);
  if (!gate) return answer;
  const seat = snapshot.index.seatCategory.get(query.seatCategoryId);
  const tariff = snapshot.index.tariffType.get(query.tariffTypeId);
  const objects = [performanceRef(snapshot, p), ...(seat ? [seat.ref] : []), ...(tariff ? [tariff.ref] : [])];
  return withPriceGate(answer, hasPrice(gate.pricing, query.performanceId, query.seatCategoryId, query.tariffTypeId), objects, true);
}

/** Whether a question (performance, optionally a seat category and/or a tariff type) has a validated price. */
export function priced(gate: PricingContext, performanceId: Id, seatCategoryId?: Id, tariffTypeId?: Id): boolean {
  if (seatCategoryId && tariffTypeId) return hasPrice(gate.pricing, performanceId, seatCategoryId, tariffTypeId);
  return pricedPairs(gate.pricing, performanceId).some((p) => (!seatCategoryId || p.seatCategoryId === seatCategoryId) && (!tariffTypeId || p.tariffTypeId === tariffTypeId));
}

/**
 * Whether a performance may be on sale as far as prices go: its organisation does not price in the
 * plugin, or some seat category × tariff type of it has a validated price. `pricingSource`: the
 * snapshot the pricing side is attached to (the validated one; a draft preview keeps its prices).
 */
export function performancePriced(pricingSource: object, performanceId: Id, seasonId: Id | null | undefined): boolean {
  const gate = priceGate(pricingSource, seasonId);
  return !gate || priced(gate, performanceId);
}

/**
 * The lowest validated price of a performance (TTC cents) among the seat categories × tariff types
 * `sells` accepts (the ones the buyer may buy; every priced one when absent), or null. The prices
 * are looked at cheapest first, so `sells` is usually asked once.
 */
export function fromPrice(gate: PricingContext | null, performanceId: Id, at: number, sells?: (seatCategoryId: Id, tariffTypeId: Id) => boolean): number | null {
  if (!gate) return null;
  const candidates: { ttc: number; seatCategoryId: Id; tariffTypeId: Id }[] = [];
  for (const p of pricedPairs(gate.pricing, performanceId)) {
    const price = priceOf(gate.pricing, { performanceId, ...p, at });
    if (price) candidates.push({ ttc: price.ttc, ...p });
  }
  candidates.sort((a, b) => a.ttc - b.ttc);
  return candidates.find((c) => !sells || sells(c.seatCategoryId, c.tariffTypeId))?.ttc ?? null;
}
