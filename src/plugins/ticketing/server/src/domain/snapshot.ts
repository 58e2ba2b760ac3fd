/**
 * Snapshot compilation: index the configuration once, and precompute every performance's
 * calendar windows, so that questions are lookups and never touch luxon.
 *
 * Objects are numbered (`idx`) so the hot paths use typed arrays instead of maps.
 * Performances are numbered in `startsAt` order: a listing is then already sorted.
 */
import type {
  ActivityProfileInput,
  BuyerKind,
  CatalogueState,
  ConfigurationInput,
  Id,
  ProductProfileInput,
  SalesCalendarInput,
  SalesPeriodInput,
} from './model';
import type { ObjectRef, ObjectType } from './explain';
import type { PeriodProvenance } from './answer';
import { ZoneClock, parseInstant, toIso } from './time';

export interface CompileOptions {
  /**
   * Objects to treat as validated although they are drafts: what the validation checks use
   * to evaluate a draft "as if validated" before the validate action.
   */
  treatAsValidated?: {
    salesCalendarIds?: readonly Id[];
    activityProfileIds?: readonly Id[];
    productProfileIds?: readonly Id[];
  };
}

export interface OrganizationNode {
  idx: number;
  ref: ObjectRef;
  /** 1 when the channel (by idx) is enabled for this organisation. */
  enabledChannels: Uint8Array;
}
export interface ChannelNode {
  idx: number;
  ref: ObjectRef;
  active: boolean;
}
export interface PointOfSaleNode {
  ref: ObjectRef;
  active: boolean;
  /** -1 when the channel is unknown. */
  channelIdx: number;
  orgIdx: number;
}
export interface AudienceCategoryNode {
  idx: number;
  ref: ObjectRef;
}
export interface AudienceSubcategoryNode {
  idx: number;
  ref: ObjectRef;
  /** -1 when the category is unknown. */
  categoryIdx: number;
  seasonIdx: number;
}
export interface SeatCategoryNode {
  idx: number;
  ref: ObjectRef;
  rank: number;
}
export interface TariffTypeNode {
  idx: number;
  ref: ObjectRef;
  seasonIdx: number;
}
export interface SeasonNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  orgIdx: number;
  tariffTypeIdxs: number[];
}
export interface PeriodNode {
  ref: ObjectRef;
  calendar: CalendarNode;
  input: SalesPeriodInput;
  /** Audience categories (by idx) this period is for. */
  categoryIdxs: number[];
  /** Parsed absolute rules (NaN when unreadable; undefined when the rule is not absolute). */
  openAbsolute?: number;
  closeAbsolute?: number;
}
export interface CalendarNode {
  idx: number;
  ref: ObjectRef;
  input: SalesCalendarInput;
  /** Validated, or treated as validated by the compile options. */
  effective: boolean;
  periods: PeriodNode[];
}
/** The validated calendars that reach one or more channels of an event. */
export interface CalendarGroup {
  calendars: CalendarNode[];
  calendarRefs: ObjectRef[];
}
export interface EventNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  seasonIdx: number;
  orgIdx: number;
  toleranceMs: number;
  /** Per channel idx: index in `groups`, or -1 when no validated calendar reaches it. */
  channelGroup: Int32Array;
  groups: CalendarGroup[];
  /** The distinct periods of all validated calendars reaching the event: each performance evaluates each once. */
  periods: PeriodNode[];
  /**
   * Per (group × audience category), group * categoryCount + category: the window slot, or
   * -1 when no period applies. (group, category) pairs with the same periods share a slot,
   * so a calendar for all channels gives one window per category, not one per channel.
   */
  slotOf: Int32Array;
  slots: WindowSlot[];
  performanceIdxs: number[];
}
/** The periods making one window of an event (the same for all its performances). */
export interface WindowSlot {
  /** Indices in the event's `periods`. */
  periodIdxs: number[];
  periods: PeriodNode[];
}
/** One period's interval for one performance (already clipped to the end of the performance). */
export interface WindowPiece {
  period: PeriodNode;
  open: number;
  close: number;
  /** Memo of the answer's provenance entry (filled on first use; snapshots are immutable). */
  provenance: PeriodProvenance | null;
}
/** A maximal interval of a union: pieces that overlap or touch are merged. */
export interface MergedInterval<T> {
  open: number;
  close: number;
  pieces: T[];
  /** Memos filled on first use, so answers share strings and arrays instead of rebuilding them. */
  openIso: string | null;
  closeIso: string | null;
  provenance: readonly PeriodProvenance[] | null;
}
export type SaleInterval = MergedInterval<WindowPiece>;
export interface PerformanceNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  eventIdx: number;
  startsAt: number;
  endsAt: number | null;
  /** When the performance is over: nothing is sold from this instant on. */
  overAt: number;
  /** startsAt as a normalised ISO string (answers repeat it). */
  startsAtIso: string | null;
  /** The calendar window of each slot of its event: sorted, disjoint, non-empty intervals. */
  windows: SaleInterval[][];
}
export interface ActivityProfileNode {
  idx: number;
  ref: ObjectRef;
  input: ActivityProfileInput;
  effective: boolean;
  orgIdx: number;
  buyerKind: BuyerKind;
  channels: Uint8Array;
  channelIdxs: number[];
  allEvents: boolean;
  /** Per event idx: 0 not granted, 1 every performance, 2 a performance selection (see `performanceSelections`). Already 0 for other organisations. */
  eventMatch: Uint8Array;
  performanceSelections: Map<number, Set<number>>;
  allSubcategories: boolean;
  subcategories: Set<number>;
  allSeatCategories: boolean;
  seatCategories: Set<number>;
  allTariffTypes: boolean;
  tariffTypes: Set<number>;
  /** Per season idx: 1 when some selected tariff type belongs to that season. */
  tariffSeasons: Uint8Array;
}
export interface ProductNode {
  idx: number;
  ref: ObjectRef;
  state: CatalogueState;
  seasonIdx: number;
  orgIdx: number;
}
export interface ProductProfileNode {
  idx: number;
  ref: ObjectRef;
  input: ProductProfileInput;
  effective: boolean;
  orgIdx: number;
  buyerKind: BuyerKind;
  channels: Uint8Array;
  channelIdxs: number[];
  products: Set<number>;
  allSubcategories: boolean;
  subcategories: Set<number>;
  /** -Infinity / +Infinity when open-ended; NaN when unreadable. */
  saleStart: number;
  saleEnd: number;
  minQuantity: number | null;
  maxQuantity: number | null;
}

export interface Snapshot {
  readonly config: ConfigurationInput;
  readonly options: CompileOptions;
  readonly clock: ZoneClock;
  readonly organizations: OrganizationNode[];
  readonly channels: ChannelNode[];
  readonly audienceCategories: AudienceCategoryNode[];
  readonly audienceSubcategories: AudienceSubcategoryNode[];
  readonly seatCategories: SeatCategoryNode[];
  readonly tariffTypes: TariffTypeNode[];
  readonly seasons: SeasonNode[];
  readonly events: EventNode[];
  readonly calendars: CalendarNode[];
  /** Sorted by startsAt, then id. */
  readonly performances: PerformanceNode[];
  /** prefixMaxOverAt[i] = max(overAt of performances 0..i): a listing skips the prefix that is over. */
  readonly prefixMaxOverAt: Float64Array;
  /** startsAt of performances in order (+Infinity when unreadable), for range searches. */
  readonly startsAtSorted: Float64Array;
  readonly activityProfiles: ActivityProfileNode[];
  /** Per channel idx: the effective activity profiles that include it. */
  readonly activityProfilesByChannel: ActivityProfileNode[][];
  readonly products: ProductNode[];
  readonly productProfiles: ProductProfileNode[];
  readonly index: {
    organization: Map<Id, OrganizationNode>;
    channel: Map<Id, ChannelNode>;
    pointOfSale: Map<Id, PointOfSaleNode>;
    audienceCategory: Map<Id, AudienceCategoryNode>;
    audienceSubcategory: Map<Id, AudienceSubcategoryNode>;
    seatCategory: Map<Id, SeatCategoryNode>;
    tariffType: Map<Id, TariffTypeNode>;
    season: Map<Id, SeasonNode>;
    event: Map<Id, EventNode>;
    calendar: Map<Id, CalendarNode>;
    performance: Map<Id, PerformanceNode>;
    activityProfile: Map<Id, ActivityProfileNode>;
    product: Map<Id, ProductNode>;
    productProfile: Map<Id, ProductProfileNode>;
  };
}

const ref = (type: ObjectType, id: Id, code: string): ObjectRef => Object.freeze({ type, id, code });

const MS_PER_MINUTE = 60_000;

/** idx of an id, -1 when unknown. */
const idxOf = (map: Map<Id, { idx: number }>, id: Id | null | undefined): number =>
  id == null ? -1 : (map.get(id)?.idx ?? -1);

export function compileSnapshot(config: ConfigurationInput, options: CompileOptions = {}): Snapshot {
  const clock = ZoneClock.for(config.timeZone || 'Europe/Paris');
  const asValidated = {
    calendars: new Set(options.treatAsValidated?.salesCalendarIds ?? []),
    activityProfiles: new Set(options.treatAsValidated?.activityProfileIds ?? []),
    productProfiles: new Set(options.treatAsValidated?.productProfileIds ?? []),
  };

  // ---- institution referentials
  const channels: ChannelNode[] = config.salesChannels.map((c, idx) => ({ idx, ref: ref('salesChannel', c.id, c.code), active: c.active }));
  const channelMap = new Map(channels.map((c) => [c.ref.id, c] as const));
  const channelCount = channels.length;
  const channelIdx = (id: Id): number => idxOf(channelMap, id);

  const organizations: OrganizationNode[] = config.organizations.map((o, idx) => {
    const enabledChannels = new Uint8Array(channelCount);
    for (const c of o.salesChannelIds) {
      const ci = channelIdx(c);
      if (ci >= 0) enabledChannels[ci] = 1;
    }
    return { idx, ref: ref('organization', o.id, o.code), enabledChannels };
  });
  const orgMap = new Map(organizations.map((o) => [o.ref.id, o] as const));

  const audienceCategories: AudienceCategoryNode[] = config.audienceCategories.map((a, idx) => ({ idx, ref: ref('audienceCategory', a.id, a.code) }));
  const categoryMap = new Map(audienceCategories.map((a) => [a.ref.id, a] as const));
  const categoryCount = audienceCategories.length;

  const seasons: SeasonNode[] = config.seasons.map((s, idx) => ({
    idx,
    ref: ref('season', s.id, s.code),
    state: s.state,
    orgIdx: idxOf(orgMap, s.organizationId),
    tariffTypeIdxs: [],
  }));
  const seasonMap = new Map(seasons.map((s) => [s.ref.id, s] as const));

  const audienceSubcategories: AudienceSubcategoryNode[] = config.audienceSubcategories.map((u, idx) => ({
    idx,
    ref: ref('audienceSubcategory', u.id, u.code),
    categoryIdx: idxOf(categoryMap, u.audienceCategoryId),
    seasonIdx: idxOf(seasonMap, u.seasonId),
  }));
  const seatCategories: SeatCategoryNode[] = [...config.seatCategories]
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
    .map((k, idx) => ({ idx, ref: ref('seatCategory', k.id, k.code), rank: k.rank }));
  const tariffTypes: TariffTypeNode[] = config.tariffTypes.map((t, idx) => ({
    idx,
    ref: ref('tariffType', t.id, t.code),
    seasonIdx: idxOf(seasonMap, t.seasonId),
  }));
  for (const t of tariffTypes) if (t.seasonIdx >= 0) seasons[t.seasonIdx].tariffTypeIdxs.push(t.idx);

  const pointOfSaleMap = new Map<Id, PointOfSaleNode>();
  for (const pos of config.pointsOfSale) {
    pointOfSaleMap.set(pos.id, {
      ref: ref('pointOfSale', pos.id, pos.code),
      active: pos.active,
      channelIdx: channelIdx(pos.salesChannelId),
      orgIdx: idxOf(orgMap, pos.organizationId),
    });
  }

  // ---- calendars and their periods
  const calendars: CalendarNode[] = config.salesCalendars.map((cal, idx) => {
    const node: CalendarNode = {
      idx,
      ref: ref('salesCalendar', cal.id, cal.code),
      input: cal,
      effective: cal.state === 'validated' || asValidated.calendars.has(cal.id),
      periods: [],
    };
    node.periods = cal.periods.map((p, i) => ({
      ref: Object.freeze({ type: 'salesPeriod' as const, id: p.id, code: p.name || `${cal.code} #${i + 1}`, calendarId: cal.id }),
      calendar: node,
      input: p,
      categoryIdxs: p.audienceCategoryIds.map((a) => idxOf(categoryMap, a)).filter((a) => a >= 0),
      openAbsolute: p.opening.kind === 'absolute' ? parseInstant(p.opening.at) : undefined,
      closeAbsolute: p.closing.kind === 'absolute' ? parseInstant(p.closing.at) : undefined,
    }));
    return node;
  });
  const calendarMap = new Map(calendars.map((c) => [c.ref.id, c] as const));

  // ---- events: which validated calendars reach which channel
  const events: EventNode[] = config.events.map((e, idx) => {
    const seasonIdx = idxOf(seasonMap, e.seasonId);
    const channelGroup = new Int32Array(channelCount).fill(-1);
    const groups: CalendarGroup[] = [];
    const groupByKey = new Map<string, number>();
    for (let c = 0; c < channelCount; c++) {
      const reaching = new Set<CalendarNode>();
      for (const assignment of e.calendarAssignments) {
        const cal = calendarMap.get(assignment.salesCalendarId);
        if (!cal?.effective) continue;
        if (assignment.allChannels || assignment.salesChannelIds.includes(channels[c].ref.id)) reaching.add(cal);
      }
      if (reaching.size === 0) continue;
      const calendarsReaching = [...reaching].sort((a, b) => a.idx - b.idx);
      // Channels reached by the same calendars share their windows: compute them once.
      const key = calendarsReaching.map((cal) => cal.idx).join(',');
      let g = groupByKey.get(key);
      if (g === undefined) {
        g = groups.length;
        groups.push({ calendars: calendarsReaching, calendarRefs: calendarsReaching.map((cal) => cal.ref) });
        groupByKey.set(key, g);
      }
      channelGroup[c] = g;
    }
    return {
      idx,
      ref: ref('event', e.id, e.code),
      state: e.state,
      seasonIdx,
      orgIdx: seasonIdx >= 0 ? seasons[seasonIdx].orgIdx : -1,
      toleranceMs: Math.max(0, e.closingToleranceMinutes || 0) * MS_PER_MINUTE,
      channelGroup,
      groups,
      ...windowSlots(groups, categoryCount),
      performanceIdxs: [],
    };
  });
  const eventMap = new Map(events.map((e) => [e.ref.id, e] as const));

  // ---- performances, in startsAt order, with their windows
  const sortable = config.performances.map((p) => {
    const startsAt = parseInstant(p.startsAt);
    return { input: p, startsAt, key: Number.isNaN(startsAt) ? Number.POSITIVE_INFINITY : startsAt };
  });
  sortable.sort((a, b) => a.key - b.key || (a.input.id < b.input.id ? -1 : a.input.id > b.input.id ? 1 : 0));
  const performances: PerformanceNode[] = new Array(sortable.length);
  const prefixMaxOverAt = new Float64Array(sortable.length);
  const startsAtSorted = new Float64Array(sortable.length);
  let maxOverAt = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sortable.length; i++) {
    const { input, startsAt } = sortable[i];
    const eventIdx = idxOf(eventMap, input.eventId);
    const endsAt = input.endsAt ? parseInstant(input.endsAt) : NaN;
    const node: PerformanceNode = {
      idx: i,
      ref: ref('performance', input.id, input.code),
      state: input.state,
      eventIdx,
      startsAt,
      endsAt: Number.isNaN(endsAt) ? null : endsAt,
      overAt: Number.NaN,
      startsAtIso: null,
      windows: NO_WINDOWS,
    };
    if (!Number.isNaN(startsAt)) {
      // An endsAt not after startsAt is a data error: fall back on the end of the start day.
      node.overAt = !Number.isNaN(endsAt) && endsAt > startsAt ? endsAt : clock.endOfLocalDay(startsAt);
      node.startsAtIso = toIso(startsAt);
      if (eventIdx >= 0) node.windows = computeWindows(node, events[eventIdx], clock);
    }
    if (eventIdx >= 0) events[eventIdx].performanceIdxs.push(i);
    if (node.overAt > maxOverAt) maxOverAt = node.overAt;
    prefixMaxOverAt[i] = maxOverAt;
    startsAtSorted[i] = sortable[i].key;
    performances[i] = node;
  }
  const performanceMap = new Map(performances.map((p) => [p.ref.id, p] as const));

  // ---- activity profiles
  const subcategoryMap = new Map(audienceSubcategories.map((u) => [u.ref.id, u] as const));
  const seatMap = new Map(seatCategories.map((k) => [k.ref.id, k] as const));
  const tariffMap = new Map(tariffTypes.map((t) => [t.ref.id, t] as const));
  const idxSet = (map: Map<Id, { idx: number }>, ids: readonly Id[]): Set<number> =>
    new Set(ids.map((id) => idxOf(map, id)).filter((i) => i >= 0));
  const channelMask = (ids: readonly Id[]): Uint8Array => {
    const mask = new Uint8Array(channelCount);
    for (const id of ids) {
      const ci = channelIdx(id);
      if (ci >= 0) mask[ci] = 1;
    }
    return mask;
  };
  const maskIdxs = (mask: Uint8Array): number[] => {
    const out: number[] = [];
    mask.forEach((v, i) => v && out.push(i));
    return out;
  };

  const activityProfiles: ActivityProfileNode[] = config.activityProfiles.map((a, idx) => {
    const orgIdx = idxOf(orgMap, a.organizationId);
    const eventMatch = new Uint8Array(events.length);
    const performanceSelections = new Map<number, Set<number>>();
    if (a.allEvents) {
      for (const e of events) if (e.orgIdx === orgIdx) eventMatch[e.idx] = 1;
    } else {
      for (const sel of a.events) {
        const e = eventMap.get(sel.eventId);
        if (!e || e.orgIdx !== orgIdx) continue;
        if (sel.performanceIds.length === 0) {
          eventMatch[e.idx] = 1;
        } else if (eventMatch[e.idx] !== 1) {
          // The same event selected twice: the union of its selections (one without performances means all).
          eventMatch[e.idx] = 2;
          const set = performanceSelections.get(e.idx) ?? new Set<number>();
          for (const pid of sel.performanceIds) {
            const p = performanceMap.get(pid);
            if (p) set.add(p.idx);
          }
          performanceSelections.set(e.idx, set);
        }
      }
      for (const [eIdx] of performanceSelections) if (eventMatch[eIdx] === 1) performanceSelections.delete(eIdx);
    }
    const tariffTypesSelected = idxSet(tariffMap, a.tariffTypeIds);
    const tariffSeasons = new Uint8Array(seasons.length);
    for (const t of tariffTypesSelected) if (tariffTypes[t].seasonIdx >= 0) tariffSeasons[tariffTypes[t].seasonIdx] = 1;
    const channelsMask = channelMask(a.salesChannelIds);
    return {
      idx,
      ref: ref('activityProfile', a.id, a.code),
      input: a,
      effective: a.state === 'validated' || asValidated.activityProfiles.has(a.id),
      orgIdx,
      buyerKind: a.buyerKind,
      channels: channelsMask,
      channelIdxs: maskIdxs(channelsMask),
      allEvents: a.allEvents,
      eventMatch,
      performanceSelections,
      allSubcategories: a.allAudienceSubcategories,
      subcategories: idxSet(subcategoryMap, a.audienceSubcategoryIds),
      allSeatCategories: a.allSeatCategories,
      seatCategories: idxSet(seatMap, a.seatCategoryIds),
      allTariffTypes: a.allTariffTypes,
      tariffTypes: tariffTypesSelected,
      tariffSeasons,
    };
  });
  const activityProfilesByChannel: ActivityProfileNode[][] = channels.map(() => []);
  for (const profile of activityProfiles) {
    if (!profile.effective) continue;
    for (const c of profile.channelIdxs) activityProfilesByChannel[c].push(profile);
  }

  // ---- products and product profiles
  const products: ProductNode[] = config.products.map((x, idx) => {
    const seasonIdx = idxOf(seasonMap, x.seasonId);
    return { idx, ref: ref('product', x.id, x.code), state: x.state, seasonIdx, orgIdx: seasonIdx >= 0 ? seasons[seasonIdx].orgIdx : -1 };
  });
  const productMap = new Map(products.map((x) => [x.ref.id, x] as const));
  const productProfiles: ProductProfileNode[] = config.productProfiles.map((q, idx) => {
    const channelsMask = channelMask(q.salesChannelIds);
    return {
      idx,
      ref: ref('productProfile', q.id, q.code),
      input: q,
      effective: q.state === 'validated' || asValidated.productProfiles.has(q.id),
      orgIdx: idxOf(orgMap, q.organizationId),
      buyerKind: q.buyerKind,
      channels: channelsMask,
      channelIdxs: maskIdxs(channelsMask),
      products: idxSet(productMap, q.productIds),
      allSubcategories: q.allAudienceSubcategories,
      subcategories: idxSet(subcategoryMap, q.audienceSubcategoryIds),
      saleStart: q.saleStart ? parseInstant(q.saleStart) : Number.NEGATIVE_INFINITY,
      saleEnd: q.saleEnd ? parseInstant(q.saleEnd) : Number.POSITIVE_INFINITY,
      minQuantity: q.minQuantity,
      maxQuantity: q.maxQuantity,
    };
  });

  return {
    config,
    options,
    clock,
    organizations,
    channels,
    audienceCategories,
    audienceSubcategories,
    seatCategories,
    tariffTypes,
    seasons,
    events,
    calendars,
    performances,
    prefixMaxOverAt,
    startsAtSorted,
    activityProfiles,
    activityProfilesByChannel,
    products,
    productProfiles,
    index: {
      organization: orgMap,
      channel: channelMap,
      pointOfSale: pointOfSaleMap,
      audienceCategory: categoryMap,
      audienceSubcategory: subcategoryMap,
      seatCategory: seatMap,
      tariffType: tariffMap,
      season: seasonMap,
      event: eventMap,
      calendar: calendarMap,
      performance: performanceMap,
      activityProfile: new Map(activityProfiles.map((a) => [a.ref.id, a] as const)),
      product: productMap,
      productProfile: new Map(productProfiles.map((q) => [q.ref.id, q] as const)),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Windows (§1.2)

/** open(P, p): NaN when the rule cannot be evaluated (unreadable date). */
export function periodOpening(period: PeriodNode, startsAt: number, clock: ZoneClock): number {
  const rule = period.input.opening;
  return rule.kind === 'absolute' ? (period.openAbsolute as number) : clock.minusDaysHours(startsAt, rule.days, rule.hours);
}

/** close(P, p) before clipping to the end of the performance. */
export function periodClosing(period: PeriodNode, perf: PerformanceNode, toleranceMs: number, clock: ZoneClock): number {
  const rule = period.input.closing;
  switch (rule.kind) {
    case 'none':
      return perf.overAt;
    case 'atPerformance':
      return perf.startsAt + toleranceMs;
    case 'absolute':
      return period.closeAbsolute as number;
    case 'relative':
      return clock.minusDaysHours(perf.startsAt, rule.days, rule.hours);
  }
}

/**
 * The interval a period gives a performance, or null when empty. "Nothing is sold after
 * the performance is over" is applied here, to every rule.
 */
export function periodPiece(period: PeriodNode, perf: PerformanceNode, toleranceMs: number, clock: ZoneClock): WindowPiece | null {
  const open = periodOpening(period, perf.startsAt, clock);
  const close = Math.min(periodClosing(period, perf, toleranceMs, clock), perf.overAt);
  // NaN compares false: an unreadable rule gives no interval.
  if (!(close > open)) return null;
  return { period, open, close, provenance: null };
}

/** Union of pieces: sorted, overlapping or touching pieces merged ([a,b) ∪ [b,c) = [a,c)). */
const merged = <T extends { open: number; close: number }>(piece: T): MergedInterval<T> => ({
  open: piece.open,
  close: piece.close,
  pieces: [piece],
  openIso: null,
  closeIso: null,
  provenance: null,
});

export function mergePieces<T extends { open: number; close: number }>(pieces: T[]): MergedInterval<T>[] {
  if (pieces.length === 0) return [];
  const sorted = pieces.length > 1 ? [...pieces].sort((a, b) => a.open - b.open || a.close - b.close) : pieces;
  const intervals: MergedInterval<T>[] = [];
  let current = merged(sorted[0]);
  for (let i = 1; i < sorted.length; i++) {
    const piece = sorted[i];
    if (piece.open <= current.close) {
      if (piece.close > current.close) current.close = piece.close;
      current.pieces.push(piece);
    } else {
      intervals.push(current);
      current = merged(piece);
    }
  }
  intervals.push(current);
  return intervals;
}

const NO_WINDOWS: SaleInterval[][] = [];
const NO_INTERVALS: SaleInterval[] = [];

/** The window slots of an event: which periods make the window of each (group, category). */
function windowSlots(groups: CalendarGroup[], categoryCount: number): Pick<EventNode, 'periods' | 'slotOf' | 'slots'> {
  const periods: PeriodNode[] = [];
  const periodIdx = new Map<PeriodNode, number>();
  for (const group of groups) {
    for (const cal of group.calendars) {
      for (const period of cal.periods) {
        if (!periodIdx.has(period)) {
          periodIdx.set(period, periods.length);
          periods.push(period);
        }
      }
    }
  }
  const slotOf = new Int32Array(groups.length * categoryCount).fill(-1);
  const slots: WindowSlot[] = [];
  const slotByKey = new Map<string, number>();
  for (let g = 0; g < groups.length; g++) {
    for (let a = 0; a < categoryCount; a++) {
      const slotPeriods = groups[g].calendars.flatMap((cal) => cal.periods.filter((p) => p.categoryIdxs.includes(a)));
      if (slotPeriods.length === 0) continue;
      const periodIdxs = slotPeriods.map((p) => periodIdx.get(p)!);
      const key = periodIdxs.join(',');
      let slot = slotByKey.get(key);
      if (slot === undefined) {
        slot = slots.length;
        slots.push({ periodIdxs, periods: slotPeriods });
        slotByKey.set(key, slot);
      }
      slotOf[g * categoryCount + a] = slot;
    }
  }
  return { periods, slotOf, slots };
}

function computeWindows(perf: PerformanceNode, event: EventNode, clock: ZoneClock): SaleInterval[][] {
  if (event.slots.length === 0) return NO_WINDOWS;
  const pieces = event.periods.map((period) => periodPiece(period, perf, event.toleranceMs, clock));
  return event.slots.map((slot) => {
    const slotPieces: WindowPiece[] = [];
    for (const i of slot.periodIdxs) {
      const piece = pieces[i];
      if (piece) slotPieces.push(piece);
    }
    return slotPieces.length === 0 ? NO_INTERVALS : mergePieces(slotPieces);
  });
}

/** The window slot of (event, channel, audience category): -1 when no validated period applies. */
export function windowSlot(snapshot: Snapshot, event: EventNode, channelIdx: number, categoryIdx: number): number {
  const g = event.channelGroup[channelIdx];
  return g < 0 ? -1 : event.slotOf[g * snapshot.audienceCategories.length + categoryIdx];
}

/** The window of (performance, channel, audience category); undefined when no period applies. */
export function windowOf(snapshot: Snapshot, perf: PerformanceNode, channelIdx: number, categoryIdx: number): SaleInterval[] | undefined {
  if (perf.eventIdx < 0) return undefined;
  const slot = windowSlot(snapshot, snapshot.events[perf.eventIdx], channelIdx, categoryIdx);
  return slot < 0 ? undefined : perf.windows[slot] ?? NO_INTERVALS;
}

export type WindowPosition = 'open' | 'soon' | 'ended' | 'empty';

export interface WindowLocation<I = SaleInterval> {
  position: WindowPosition;
  /** The current interval ('open'), the next one ('soon'), the last one ('ended'); null when 'empty'. */
  interval: I | null;
}

const EMPTY_LOCATION: WindowLocation<never> = Object.freeze({ position: 'empty', interval: null }) as WindowLocation<never>;

/**
 * Where instant `at` falls in a union of sorted disjoint intervals. Intervals are
 * half-open: on sale from `open` included to `close` excluded.
 */
export function locate<I extends { open: number; close: number }>(intervals: readonly I[] | undefined, at: number): WindowLocation<I> {
  if (!intervals || intervals.length === 0) return EMPTY_LOCATION;
  const i = currentOrNext(intervals, at);
  if (i === intervals.length) return { position: 'ended', interval: intervals[i - 1] };
  return { position: at >= intervals[i].open ? 'open' : 'soon', interval: intervals[i] };
}

/** Index of the first interval not closed at `at` (the current or next one); length when all are closed. */
export function currentOrNext(intervals: readonly { close: number }[], at: number): number {
  let i = 0;
  while (i < intervals.length && intervals[i].close <= at) i++;
  return i;
}

/** ISO strings of an interval's bounds, memoised on the interval (answers share the strings). */
export function openIso<T>(interval: MergedInterval<T>): string {
  return interval.openIso ?? (interval.openIso = toIso(interval.open));
}
export function closeIso<T>(interval: MergedInterval<T>): string {
  return interval.closeIso ?? (interval.closeIso = toIso(interval.close));
}
