/**
 * The pricing side of a compiled sales snapshot: attached to the engine's snapshot object when
 * the sales-snapshot service builds it (one build, one version, for both), read by the answers.
 */
import type { Id } from './model';
import type { PricingSnapshot } from './pricing';

export interface PricingContext {
  pricing: PricingSnapshot;
  /** Organisations that price in the plugin (the NO_PRICE rule applies to them only). */
  pricedOrganizationIds: ReadonlySet<Id>;
  /** season → organisation */
  organizationOfSeason: ReadonlyMap<Id, Id>;
}

const registry = new WeakMap<object, PricingContext>();

export const attachPricing = (snapshot: object, context: PricingContext) => void registry.set(snapshot, context);

export const pricingOf = (snapshot: object): PricingContext | undefined => registry.get(snapshot);

/** Whether the NO_PRICE rule applies to a season's performances. */
export const pricesInPlugin = (context: PricingContext | undefined, seasonId: Id | null | undefined): context is PricingContext => {
  if (!context || !seasonId) return false;
  const organizationId = context.organizationOfSeason.get(seasonId);
  return !!organizationId && context.pricedOrganizationIds.has(organizationId);
};
