/**
 * Questions about non-dated products (docs/sales-rules.md §2). The window of a product is the
 * union of the sale dates of the validated product profiles that grant the question.
 */
import type { Id, ProductType } from './model';
import { orderReasons, reasons, type ObjectRef, type Reason } from './explain';
import { NO_PROVENANCE, localTime, type SaleAnswer, type SaleStatus } from './answer';
import { organizationGate, resolveContext, type SalesContext, type SalesContextQuery } from './context';
import { locate, mergePieces, type MergedInterval, type ProductNode, type ProductProfileNode, type Snapshot } from './snapshot';
import { requireInstant, toIso, type InstantInput } from './time';
import type { Gate } from './performance';

export interface ProductQuery extends SalesContextQuery {
  productId: Id;
  quantity?: number;
  at: InstantInput;
}

export interface ProductAnswer extends SaleAnswer {
  product: ObjectRef | null;
  /** null when no quantity was asked; otherwise whether a granting profile in effect allows it. */
  quantityAllowed: boolean | null;
}

interface ProfileRange {
  profile: ProductProfileNode;
  open: number;
  close: number;
}

const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) ? toIso(ms) : null);

function productGate(snapshot: Snapshot, product: ProductNode, ctx: SalesContext, out: Reason[] | null): Gate {
  let suspended = false;
  let closed = ctx.blocked;
  const season = product.seasonIdx >= 0 ? snapshot.seasons[product.seasonIdx] : null;
  if (!season) {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.unknown('UNKNOWN_SEASON', 'season', snapshot.config.products[product.idx].seasonId, 'La saison', 'season'));
  } else if (season.state === 'suspended') {
    suspended = true;
    out?.push(reasons.seasonSuspended(season.ref));
  } else if (season.state !== 'running') {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.seasonNotRunning(season.ref, season.state));
  }
  if (product.state === 'suspended') {
    suspended = true;
    out?.push(reasons.productSuspended(product.ref));
  } else if (product.state !== 'running') {
    if (!out) return 'closed';
    closed = true;
    out.push(reasons.productNotRunning(product.ref, product.state));
  }
  if (!organizationGate(snapshot, ctx, product.orgIdx, season, out)) {
    if (!out) return 'closed';
    closed = true;
  }
  const catalogueClosed = (season !== null && season.state !== 'running' && season.state !== 'suspended') || (product.state !== 'running' && product.state !== 'suspended');
  if (suspended && !catalogueClosed && !ctx.unknown) return 'suspended';
  return closed || suspended ? 'closed' : 'open';
}

/** Every condition of §2 except the dates, for one profile. */
export function productProfileGrants(profile: ProductProfileNode, product: ProductNode, ctx: SalesContext, out: Reason[] | null): boolean {
  let ok = profile.products.has(product.idx) && profile.orgIdx === product.orgIdx;
  if (!ok && !out) return false;
  if (ctx.channel && profile.channels[ctx.channel.idx] === 0) {
    if (!out) return false;
    ok = false;
    out.push(reasons.channelNotInProfile(profile.ref, ctx.channel.ref));
  }
  if (profile.buyerKind !== ctx.buyerKind) {
    if (!out) return false;
    ok = false;
    out.push(reasons.buyerKindMismatch(profile.ref, profile.buyerKind, ctx.buyerKind));
  }
  if (ctx.subcategory && !profile.allSubcategories && !profile.subcategories.has(ctx.subcategory.idx)) {
    if (!out) return false;
    ok = false;
    out.push(reasons.subcategoryNotInProfile(profile.ref, ctx.subcategory.ref));
  }
  return ok;
}

/** Sale dates of a profile as an interval; null when empty or unreadable. */
function saleRange(profile: ProductProfileNode): ProfileRange | null {
  return profile.saleEnd > profile.saleStart ? { profile, open: profile.saleStart, close: profile.saleEnd } : null;
}

const quantityAllows = (p: ProductProfileNode, n: number): boolean => (p.minQuantity == null || n >= p.minQuantity) && (p.maxQuantity == null || n <= p.maxQuantity);

export function evaluateProduct(snapshot: Snapshot, product: ProductNode, ctx: SalesContext, at: number, quantity?: number): ProductAnswer {
  const out: Reason[] = [...ctx.reasons];
  const gate = productGate(snapshot, product, ctx, out);

  // Candidates: the validated profiles of the product's organisation that include it.
  const candidates = snapshot.productProfiles.filter((q) => q.effective && q.orgIdx === product.orgIdx && q.products.has(product.idx));
  const granting = ctx.channel ? candidates.filter((q) => productProfileGrants(q, product, ctx, null)) : [];
  if (granting.length === 0) {
    if (candidates.length === 0) out.push(reasons.noValidatedProductProfile(product.ref));
    else if (ctx.channel) for (const q of candidates) productProfileGrants(q, product, ctx, out);
  }

  const ranges = granting.map(saleRange).filter((r): r is ProfileRange => r !== null);
  const location = locate(mergePieces(ranges), at);
  let interval: MergedInterval<ProfileRange> | null = location.interval;
  let windowStatus: SaleStatus = 'NOT_ON_SALE';
  switch (location.position) {
    case 'open':
      windowStatus = 'ON_SALE';
      break;
    case 'soon':
      windowStatus = 'SOON_ON_SALE';
      {
        const opens = interval!.open;
        out.push(reasons.notYetOpen(() => localTime(snapshot, opens)));
      }
      break;
    case 'ended':
      windowStatus = 'SALES_ENDED';
      {
        const closes = interval!.close;
        out.push(reasons.closed(() => localTime(snapshot, closes)));
      }
      break;
    case 'empty':
      interval = null;
      if (granting.length > 0)
        out.push(
          reasons.emptyWindow(
            product.ref,
            granting.map((q) => q.ref),
          ),
        );
      break;
  }

  let status: SaleStatus;
  if (gate === 'suspended') status = 'TEMPORARILY_UNAVAILABLE';
  else if (gate === 'closed' || granting.length === 0) status = 'NOT_ON_SALE';
  else status = windowStatus;

  // The profiles in effect: those selling at `at`, else those of the reported interval.
  const inEffect = interval ? interval.pieces.filter((r) => (location.position === 'open' ? r.open <= at && at < r.close : true)).map((r) => r.profile) : [];
  let quantityAllowed: boolean | null = null;
  if (quantity != null) {
    quantityAllowed = inEffect.some((q) => quantityAllows(q, quantity));
    if (!quantityAllowed && inEffect.length > 0) {
      const tooFew = inEffect.filter((q) => q.minQuantity != null && quantity < q.minQuantity);
      const tooMany = inEffect.filter((q) => q.maxQuantity != null && quantity > q.maxQuantity);
      if (tooFew.length > 0)
        out.push(
          reasons.quantityBelowMin(
            tooFew.map((q) => q.ref),
            quantity,
            Math.min(...tooFew.map((q) => q.minQuantity!)),
          ),
        );
      if (tooMany.length > 0)
        out.push(
          reasons.quantityAboveMax(
            tooMany.map((q) => q.ref),
            quantity,
            Math.max(...tooMany.map((q) => q.maxQuantity!)),
          ),
        );
    }
  }

  return {
    product: product.ref,
    status,
    opensAt: interval ? isoOrNull(interval.open) : null,
    closesAt: interval ? isoOrNull(interval.close) : null,
    provenance: inEffect.length > 0 ? { periods: [], profiles: inEffect.map((q) => q.ref) } : NO_PROVENANCE,
    reasons: orderReasons(out),
    quantityAllowed,
  };
}

/** May this product be sold in this context at `at` (and in this quantity)? (§2) */
export function productStatus(snapshot: Snapshot, query: ProductQuery): ProductAnswer {
  const at = requireInstant(query.at);
  const ctx = resolveContext(snapshot, query);
  const product = snapshot.index.product.get(query.productId);
  if (!product) {
    return {
      product: null,
      status: 'NOT_ON_SALE',
      opensAt: null,
      closesAt: null,
      provenance: NO_PROVENANCE,
      reasons: orderReasons([reasons.unknown('UNKNOWN_PRODUCT', 'product', query.productId, 'Le produit', 'product'), ...ctx.reasons]),
      quantityAllowed: query.quantity != null ? false : null,
    };
  }
  return evaluateProduct(snapshot, product, ctx, at, query.quantity);
}

export interface ProductListQuery extends SalesContextQuery {
  at: InstantInput;
  includeSoon?: boolean;
  seasonId?: Id;
  productType?: ProductType;
}

export interface ListedProduct {
  product: ObjectRef;
  type: ProductType;
  status: 'ON_SALE' | 'SOON_ON_SALE';
  opensAt: string | null;
  closesAt: string | null;
}

/** Products ON_SALE (and SOON_ON_SALE when asked): productStatus filtered (products are few). */
export function listProductsOnSale(snapshot: Snapshot, query: ProductListQuery): ListedProduct[] {
  const at = requireInstant(query.at);
  const ctx = resolveContext(snapshot, query);
  const result: ListedProduct[] = [];
  for (const product of snapshot.products) {
    const input = snapshot.config.products[product.idx];
    if (query.seasonId != null && input.seasonId !== query.seasonId) continue;
    if (query.productType != null && input.type !== query.productType) continue;
    const answer = evaluateProduct(snapshot, product, ctx, at);
    if (answer.status === 'ON_SALE' || (query.includeSoon && answer.status === 'SOON_ON_SALE')) {
      result.push({ product: product.ref, type: input.type, status: answer.status, opensAt: answer.opensAt, closesAt: answer.closesAt });
    }
  }
  return result;
}

export interface ProductChannelWindow {
  channel: ObjectRef;
  buyerKind: 'public' | 'structure';
  intervals: { opensAt: string | null; closesAt: string | null; position?: 'past' | 'current' | 'future'; profiles: ObjectRef[] }[];
  profiles: {
    profile: ObjectRef;
    allAudienceSubcategories: boolean;
    audienceSubcategories: ObjectRef[];
    minQuantity: number | null;
    maxQuantity: number | null;
  }[];
}

/** Per channel × buyer kind: the union of the sale dates of the validated profiles selling the product. */
export function productWindows(snapshot: Snapshot, query: { productId: Id; at?: InstantInput }): { product: ObjectRef | null; windows: ProductChannelWindow[] } {
  const product = snapshot.index.product.get(query.productId);
  if (!product) return { product: null, windows: [] };
  const at = query.at != null ? requireInstant(query.at) : null;
  const windows: ProductChannelWindow[] = [];
  const profiles = snapshot.productProfiles.filter((q) => q.effective && q.orgIdx === product.orgIdx && q.products.has(product.idx));
  for (const channel of snapshot.channels) {
    for (const buyerKind of ['public', 'structure'] as const) {
      const here = profiles.filter((q) => q.channels[channel.idx] === 1 && q.buyerKind === buyerKind);
      if (here.length === 0) continue;
      const merged = mergePieces(here.map(saleRange).filter((r): r is ProfileRange => r !== null));
      windows.push({
        channel: channel.ref,
        buyerKind,
        intervals: merged.map((m) => ({
          opensAt: isoOrNull(m.open),
          closesAt: isoOrNull(m.close),
          ...(at !== null ? { position: at >= m.close ? ('past' as const) : at >= m.open ? ('current' as const) : ('future' as const) } : {}),
          profiles: m.pieces.map((r) => r.profile.ref),
        })),
        profiles: here.map((q) => ({
          profile: q.ref,
          allAudienceSubcategories: q.allSubcategories,
          audienceSubcategories: [...q.subcategories].map((u) => snapshot.audienceSubcategories[u].ref),
          minQuantity: q.minQuantity,
          maxQuantity: q.maxQuantity,
        })),
      });
    }
  }
  return { product: product.ref, windows };
}
