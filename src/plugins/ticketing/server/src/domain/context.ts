/**
 * The "who sells to whom" part of a question (channel or point of sale, buyer kind,
 * audience subcategory, seat category, tariff type), resolved once per question and shared
 * by performances and products.
 */
import type { BuyerKind, Id } from './model';
import { reasons, type Reason } from './explain';
import { sharedReasons } from './reason-memo';
import type { ActivityProfileNode, AudienceSubcategoryNode, ChannelNode, PointOfSaleNode, SeasonNode, SeatCategoryNode, Snapshot, TariffTypeNode } from './snapshot';

export interface SalesContextQuery {
  /** Either a channel or a point of sale (its channel is then used); both may be given. */
  channelId?: Id;
  pointOfSaleId?: Id;
  /** Default `public`. */
  buyerKind?: BuyerKind;
  audienceSubcategoryId: Id;
}

export interface SalesContext {
  channel: ChannelNode | null;
  pointOfSale: PointOfSaleNode | null;
  buyerKind: BuyerKind;
  subcategory: AudienceSubcategoryNode | null;
  /** undefined: not asked; null: asked but unknown. */
  seatCategory: SeatCategoryNode | null | undefined;
  tariffType: TariffTypeNode | null | undefined;
  /** Failures that do not depend on the performance or product (unknown ids, inactive channel…). */
  reasons: Reason[];
  /** True when `reasons` is not empty: nothing can be on sale in this context. */
  blocked: boolean;
  /** True when an id is unknown (or no channel is given): the question itself is wrong. */
  unknown: boolean;
  /** True when channel and subcategory are known, so windows and profiles can be evaluated. */
  evaluable: boolean;
  /** The activity profiles of the channel that admit this context, computed on first use (see performance.ts). */
  profiles: ContextProfiles | null;
}

/** The profiles on the context's channel that pass its performance-independent conditions. */
export interface ContextProfiles {
  /** snapshot.activityProfilesByChannel[channel]. */
  onChannel: readonly ActivityProfileNode[];
  /** Those of `onChannel` admitting the context (buyer kind, subcategory, seat category and tariff type asked), in order. */
  admitting: readonly ActivityProfileNode[];
  /** The bit of each admitting profile (1 << its position in onChannel), when onChannel has at most 30 profiles; else empty. */
  bits: readonly number[];
}

export function resolveContext(snapshot: Snapshot, query: SalesContextQuery & { seatCategoryId?: Id; tariffTypeId?: Id }): SalesContext {
  const out: Reason[] = [];
  const idx = snapshot.index;
  let pointOfSale: PointOfSaleNode | null = null;
  let channel: ChannelNode | null = null;

  if (query.pointOfSaleId != null) {
    pointOfSale = idx.pointOfSale.get(query.pointOfSaleId) ?? null;
    if (!pointOfSale) out.push(reasons.unknown('UNKNOWN_POINT_OF_SALE', 'pointOfSale', query.pointOfSaleId, 'Le point de vente', 'point of sale'));
  }
  if (query.channelId != null) {
    channel = idx.channel.get(query.channelId) ?? null;
    if (!channel) out.push(reasons.unknown('UNKNOWN_CHANNEL', 'salesChannel', query.channelId, 'La filière de vente', 'sales channel'));
  } else if (pointOfSale && pointOfSale.channelIdx >= 0) {
    channel = snapshot.channels[pointOfSale.channelIdx];
  } else if (query.pointOfSaleId == null) {
    out.push(reasons.channelRequired());
  }
  if (channel && !channel.active) out.push(reasons.channelInactive(channel.ref));
  if (pointOfSale) {
    if (!pointOfSale.active) out.push(reasons.pointOfSaleInactive(pointOfSale.ref));
    if (channel && pointOfSale.channelIdx !== channel.idx) out.push(reasons.pointOfSaleWrongChannel(pointOfSale.ref, channel.ref));
  }

  const subcategory = idx.audienceSubcategory.get(query.audienceSubcategoryId) ?? null;
  if (!subcategory) {
    out.push(reasons.unknown('UNKNOWN_AUDIENCE_SUBCATEGORY', 'audienceSubcategory', query.audienceSubcategoryId, 'La sous-catégorie de public', 'audience subcategory'));
  }
  let seatCategory: SeatCategoryNode | null | undefined;
  if (query.seatCategoryId != null) {
    seatCategory = idx.seatCategory.get(query.seatCategoryId) ?? null;
    if (!seatCategory) out.push(reasons.unknown('UNKNOWN_SEAT_CATEGORY', 'seatCategory', query.seatCategoryId, 'La catégorie de place', 'seat category'));
  }
  let tariffType: TariffTypeNode | null | undefined;
  if (query.tariffTypeId != null) {
    tariffType = idx.tariffType.get(query.tariffTypeId) ?? null;
    if (!tariffType) out.push(reasons.unknown('UNKNOWN_TARIFF_TYPE', 'tariffType', query.tariffTypeId, 'Le type de tarif', 'tariff type'));
  }
  return {
    channel,
    pointOfSale,
    buyerKind: query.buyerKind ?? 'public',
    subcategory,
    seatCategory,
    tariffType,
    reasons: out,
    blocked: out.length > 0,
    unknown: out.some((r) => r.code.startsWith('UNKNOWN_') || r.code === 'CHANNEL_REQUIRED'),
    evaluable: channel !== null && subcategory !== null && subcategory.categoryIdx >= 0,
    profiles: null,
  };
}

/**
 * Conditions that depend on the seller's organisation and season (docs/sales-rules.md §1.1 + our season rule):
 * the channel is enabled for the organisation, the point of sale belongs to it, the
 * subcategory and tariff type belong to the season. Returns true when all hold.
 */
export function organizationGate(snapshot: Snapshot, ctx: SalesContext, orgIdx: number, season: SeasonNode | null, out: Reason[] | null): boolean {
  let ok = true;
  if (ctx.channel && (orgIdx < 0 || snapshot.organizations[orgIdx].enabledChannels[ctx.channel.idx] === 0)) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.channelNotEnabled(snapshot, ctx.channel, orgIdx));
  }
  if (ctx.pointOfSale && ctx.pointOfSale.orgIdx !== orgIdx) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.pointOfSaleWrongOrganization(snapshot, ctx.pointOfSale, orgIdx));
  }
  if (season && ctx.subcategory && ctx.subcategory.seasonIdx !== season.idx) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.subcategoryOtherSeason(snapshot, ctx.subcategory, season));
  }
  if (season && ctx.tariffType && ctx.tariffType.seasonIdx !== season.idx) {
    if (!out) return false;
    ok = false;
    out.push(sharedReasons.tariffTypeOtherSeason(snapshot, ctx.tariffType, season));
  }
  return ok;
}

type ContextKey = SalesContextQuery & { seatCategoryId?: Id; tariffTypeId?: Id };
const lastContext = new WeakMap<Snapshot, { key: ContextKey; ctx: SalesContext }>();

/**
 * resolveContext with a one-entry memo per snapshot: a matrix or a batch asks many questions
 * in the same context in a row. Contexts are never mutated, so sharing them is safe.
 */
export function resolveContextMemo(snapshot: Snapshot, query: ContextKey): SalesContext {
  const last = lastContext.get(snapshot);
  if (
    last &&
    last.key.channelId === query.channelId &&
    last.key.pointOfSaleId === query.pointOfSaleId &&
    last.key.buyerKind === query.buyerKind &&
    last.key.audienceSubcategoryId === query.audienceSubcategoryId &&
    last.key.seatCategoryId === query.seatCategoryId &&
    last.key.tariffTypeId === query.tariffTypeId
  ) {
    return last.ctx;
  }
  const ctx = resolveContext(snapshot, query);
  lastContext.set(snapshot, {
    key: {
      channelId: query.channelId,
      pointOfSaleId: query.pointOfSaleId,
      buyerKind: query.buyerKind,
      audienceSubcategoryId: query.audienceSubcategoryId,
      seatCategoryId: query.seatCategoryId,
      tariffTypeId: query.tariffTypeId,
    },
    ctx,
  });
  return ctx;
}
